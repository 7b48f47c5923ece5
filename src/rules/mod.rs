//! Rules: what a credential looks like, written as data.
//!
//! A rule file is TOML with a list of `[[rule]]` tables (see `RuleSpec`).
//! The built-in files under `rules/` are embedded at build time; user files
//! go through exactly the same parsing and validation, so a broken user rule
//! fails the same way a broken built-in one fails `cargo test`.

mod check;
mod pattern;
mod spec;

use std::sync::Arc;

use anyhow::{Context, Result, bail};

pub use check::{Problem, check_rules};
pub use pattern::{Compiled, Pattern};
pub use spec::{RuleFile, RuleSpec};

use crate::engine::{Checksum, Shape};

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// A compiled rule, ready for the engine.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: Arc<str>,
    pub name: Arc<str>,
    pub description: Option<String>,
    /// Lower-cased literals; a hit on any of them makes the rule run.
    pub keywords: Vec<String>,
    /// The regex, compiled on first use (see `pattern`).
    pub regex: Pattern,
    pub min_entropy: Option<f64>,
    pub checksum: Option<Checksum>,
    pub shape: Option<Shape>,
    /// Regexes on the whole match that make it not a finding.
    pub allow_match: Vec<regex::bytes::Regex>,
    /// Generic rules yield to a specific rule that matched the same bytes.
    pub generic: bool,
    /// Test suites make this kind up (keys, passwords): in a test file it is
    /// a fixture (see `filter::test_fixture`).
    pub made_in_tests: bool,
    /// Bytes after a keyword hit that the regex may cover, for secrets that
    /// span lines (PEM blocks); `None` means the rest of the keyword's line.
    pub window_after: Option<usize>,
    pub examples: Vec<String>,
    pub negatives: Vec<String>,
    pub references: Vec<String>,
    /// Where the rule came from, for messages (`rules/ai.toml`, a config path).
    pub source: Arc<str>,
}

impl Rule {
    /// Builds and fully compiles one rule, with errors that name the rule
    /// and its file: for user rules, which must fail at load time.
    pub fn compile(spec: RuleSpec, source: &Arc<str>) -> Result<Rule> {
        let id = spec.id.clone();
        let rule = Rule::lazy(spec, source)?;
        rule.regex.compile_now().with_context(|| format!("{source}: rule `{id}`"))?;
        Ok(rule)
    }

    /// Builds one rule whose regex compiles on first use: for built-in rules,
    /// which `cargo test` proves compile.
    pub fn lazy(spec: RuleSpec, source: &Arc<str>) -> Result<Rule> {
        let id = spec.id.clone();
        compile_spec(spec, source).with_context(|| format!("{source}: rule `{id}`"))
    }
}

fn compile_spec(spec: RuleSpec, source: &Arc<str>) -> Result<Rule> {
    if !is_kebab_case(&spec.id) {
        bail!("id must be kebab-case (lower-case letters, digits and '-')");
    }
    if spec.keywords.is_empty() {
        bail!("needs at least one keyword: the prefilter only runs rules whose keyword appears");
    }
    if let Some(k) = spec.keywords.iter().find(|k| k.trim().len() < 2) {
        bail!("keyword {k:?} is too short to be a useful prefilter (2 bytes or more)");
    }
    let checksum = match &spec.checksum {
        None => None,
        Some(name) => Some(name.parse::<Checksum>()?),
    };
    let shape = match &spec.shape {
        None => None,
        Some(name) => Some(name.parse::<Shape>()?),
    };
    if let Some(e) = spec.entropy
        && !(0.0..=8.0).contains(&e)
    {
        bail!("entropy {e} is out of range: Shannon entropy of bytes is between 0 and 8 bits");
    }
    Ok(Rule {
        id: spec.id.into(),
        name: spec.name.into(),
        description: spec.description,
        keywords: spec.keywords.iter().map(|k| k.to_ascii_lowercase()).collect(),
        regex: Pattern::new(spec.regex),
        min_entropy: spec.entropy,
        checksum,
        shape,
        allow_match: spec
            .allow_match
            .iter()
            .map(|r| {
                regex::bytes::RegexBuilder::new(r)
                    .unicode(false)
                    .build()
                    .with_context(|| format!("invalid allow_match {r:?}"))
            })
            .collect::<Result<_>>()?,
        generic: spec.generic,
        made_in_tests: spec.made_in_tests.unwrap_or(spec.generic),
        window_after: spec.window,
        examples: spec.examples,
        negatives: spec.negatives,
        references: spec.references,
        source: source.clone(),
    })
}

fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Parses one rule file's text into fully compiled rules.
pub fn parse_rule_file(text: &str, source: &str) -> Result<Vec<Rule>> {
    parse_with(text, source, Rule::compile)
}

fn parse_with(text: &str, source: &str, build: fn(RuleSpec, &Arc<str>) -> Result<Rule>) -> Result<Vec<Rule>> {
    let source: Arc<str> = source.into();
    let file: RuleFile = toml::from_str(text).with_context(|| format!("{source}: not a valid rule file"))?;
    file.rule.into_iter().map(|spec| build(spec, &source)).collect()
}

/// Reads and parses a rule file from disk.
pub fn load_rule_file(path: &std::path::Path) -> Result<Vec<Rule>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read rule file {}", path.display()))?;
    parse_rule_file(&text, &path.display().to_string())
}

/// The rules shipped inside the binary.
pub fn builtin_rules() -> Result<Vec<Rule>> {
    let mut rules = Vec::new();
    for (name, text) in BUILTIN_RULE_FILES {
        rules.extend(parse_with(text, &format!("rules/{name}"), Rule::lazy)?);
    }
    Ok(rules)
}

/// Fails when two rules share an id: ids are how users disable, allow and
/// baseline findings, so they must be unique.
pub fn ensure_unique_ids(rules: &[Rule]) -> Result<()> {
    let mut seen = std::collections::HashMap::new();
    for r in rules {
        if let Some(prev) = seen.insert(r.id.clone(), r.source.clone()) {
            bail!("rule id `{}` is defined twice ({} and {})", r.id, prev, r.source);
        }
    }
    Ok(())
}
