//! Reports: pure functions from a sorted list of findings to bytes. The same
//! findings always give byte-identical output (no timestamps, stable order).

mod human;
mod json;
pub mod redaction;
mod sarif;

use std::io::{self, Write};

use clap::ValueEnum;

use crate::finding::Finding;
use crate::rules::Rule;

pub use json::write_jsonl_line;

/// Output formats a user can choose with `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: file:line:col, rule, redacted secret and its line.
    Human,
    /// One JSON array of findings.
    Json,
    /// One JSON object per line, written as each file is scanned.
    Jsonl,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// A baseline file for `--baseline`: fingerprints, never secrets.
    Baseline,
}

/// Choices that change how findings are printed, not which are printed.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReportOptions {
    /// Print secrets whole instead of redacted.
    pub show_secrets: bool,
    /// ANSI colours in the human format.
    pub color: bool,
}

/// The repository a git scan read, for SARIF's `versionControlProvenance`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepositoryInfo {
    /// The `origin` remote's URL, else a `file://` URI of the repository.
    pub uri: String,
    /// HEAD's commit id when the scan ran, if there is one.
    pub revision: Option<String>,
}

/// Writes a complete report. For `jsonl` this writes every line at once;
/// streaming callers use `write_jsonl_line` per finding instead.
pub fn write_report(
    repository: Option<&RepositoryInfo>,

    format: Format,
    findings: &[Finding],
    rules: &[Rule],
    opts: ReportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(findings, opts, out),
        Format::Json => json::write_array(findings, opts, out),
        Format::Jsonl => {
            for f in findings {
                json::write_jsonl_line(f, opts, out)?;
            }
            Ok(())
        }
        Format::Sarif => sarif::write(findings, rules, opts, repository, out),
        Format::Baseline => crate::filter::baseline::write(findings, out),
    }
}
