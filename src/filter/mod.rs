//! Filters: the one place where a confirmed finding can still be kept out of
//! the report, and where the reason is recorded so that suppression is never
//! invisible (`--explain`, the summary line).
//!
//! Mechanisms, checked in this order: an inline allow comment, a config
//! allowlist, the `.keyhoundignore` file of fingerprints, a baseline, and
//! (unless test fixtures are asked for) a made-up kind of secret in a test file.

pub mod allowlist;
pub mod baseline;
pub mod ignore_file;
pub mod inline;
pub mod test_fixture;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Mutex;

use crate::finding::Finding;
use crate::scanner::FindingSink;
use crate::stats::ScanStats;

pub use allowlist::Allowlist;
pub use baseline::Baseline;
pub use ignore_file::IgnoreFile;

/// Why a finding was not reported.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Suppression {
    /// An allow comment on or above the line (the marker found).
    Inline(&'static str),
    /// A config allowlist (its description).
    Allowlist(String),
    /// A fingerprint listed in the ignore file.
    IgnoreFile,
    /// A fingerprint recorded in the baseline.
    Baseline,
    /// A kind of secret test suites make up, in a test file.
    TestFixture,
}

impl Suppression {
    /// The mechanism's short name, for the summary line.
    pub fn mechanism(&self) -> &'static str {
        match self {
            Suppression::Inline(_) => "inline",
            Suppression::Allowlist(_) => "allowlist",
            Suppression::IgnoreFile => "ignore file",
            Suppression::Baseline => "baseline",
            Suppression::TestFixture => "test fixture",
        }
    }
}

impl fmt::Display for Suppression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Suppression::Inline(marker) => write!(f, "inline `{marker}`"),
            Suppression::Allowlist(name) => write!(f, "allowlist `{name}`"),
            Suppression::IgnoreFile => write!(f, "ignore file"),
            Suppression::Baseline => write!(f, "baseline"),
            Suppression::TestFixture => write!(f, "test fixture (--include-test-fixtures reports it)"),
        }
    }
}

/// Every filter of one scan.
#[derive(Default)]
pub struct Filters {
    pub allowlists: Vec<Allowlist>,
    pub ignore_file: Option<IgnoreFile>,
    pub baseline: Option<Baseline>,
    /// Report made-up kinds of secret in test files too.
    pub include_test_fixtures: bool,
}

impl Filters {
    /// The reason `f` is suppressed, or `None` if it is reported.
    pub fn check(&self, f: &Finding) -> Option<Suppression> {
        if let Some(marker) = f.inline_allow {
            return Some(Suppression::Inline(marker));
        }
        if let Some(a) = self.allowlists.iter().find(|a| a.allows(f)) {
            return Some(Suppression::Allowlist(a.name().to_string()));
        }
        if self.ignore_file.as_ref().is_some_and(|i| i.contains(&f.fingerprint)) {
            return Some(Suppression::IgnoreFile);
        }
        if self.baseline.as_ref().is_some_and(|b| b.contains(&f.fingerprint)) {
            return Some(Suppression::Baseline);
        }
        if !self.include_test_fixtures && f.made_in_tests && test_fixture::is_test_path(&f.origin.relative_uri()) {
            return Some(Suppression::TestFixture);
        }
        None
    }
}

/// A sink that runs the filters before passing findings on. Suppressed
/// findings are counted by mechanism and, with `explain`, passed on marked.
pub struct FilterSink<'a> {
    filters: &'a Filters,
    stats: &'a ScanStats,
    inner: &'a dyn FindingSink,
    explain: bool,
    counts: Mutex<BTreeMap<&'static str, u64>>,
}

impl<'a> FilterSink<'a> {
    pub fn new(
        filters: &'a Filters,
        stats: &'a ScanStats,
        inner: &'a dyn FindingSink,
        explain: bool,
    ) -> FilterSink<'a> {
        FilterSink { filters, stats, inner, explain, counts: Mutex::new(BTreeMap::new()) }
    }

    /// Suppressed findings per mechanism, in name order.
    pub fn suppressed_counts(&self) -> BTreeMap<&'static str, u64> {
        self.counts.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

impl FindingSink for FilterSink<'_> {
    fn accept(&self, findings: Vec<Finding>) {
        ScanStats::add(&self.stats.findings, findings.len() as u64);
        let mut passed = Vec::with_capacity(findings.len());
        for mut f in findings {
            match self.filters.check(&f) {
                None => passed.push(f),
                Some(why) => {
                    *self.counts.lock().unwrap_or_else(|p| p.into_inner()).entry(why.mechanism()).or_insert(0) += 1;
                    if self.explain {
                        f.suppressed = Some(why);
                        passed.push(f);
                    }
                }
            }
        }
        if !passed.is_empty() {
            self.inner.accept(passed);
        }
    }
}
