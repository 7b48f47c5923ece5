//! JSON and JSON Lines: one object per finding with stable field names.

use std::io::{self, Write};

use serde::Serialize;

use crate::finding::Finding;

use super::ReportOptions;
use super::redaction::shown_secret;

/// The JSON shape of a finding. Field names are part of keyhound's interface.
#[derive(Serialize)]
struct JsonFinding<'a> {
    rule_id: &'a str,
    rule_name: &'a str,
    path: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    secret: String,
    fingerprint: &'a str,
    /// For a secret found under an encoding: the layers decoded (`base64`).
    #[serde(skip_serializing_if = "Option::is_none")]
    decoded: Option<&'a str>,
    /// Git history scans: the commit that introduced the secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    commit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    /// Only under `--explain`: the mechanism that kept this finding quiet.
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressed_by: Option<String>,
}

fn to_json(f: &Finding, opts: ReportOptions) -> JsonFinding<'_> {
    JsonFinding {
        rule_id: &f.rule_id,
        rule_name: &f.rule_name,
        path: f.origin.display_path(),
        line: f.line,
        column: f.column,
        end_line: f.end_line,
        end_column: f.end_column,
        secret: shown_secret(f, opts),
        fingerprint: &f.fingerprint,
        decoded: f.decoded.as_deref(),
        commit: f.origin.commit().map(|c| c.id.as_str()),
        author: f.origin.commit().map(|c| c.author.as_str()),
        email: f.origin.commit().map(|c| c.email.as_str()),
        date: f.origin.commit().map(|c| c.date.as_str()),
        message: f.origin.commit().map(|c| c.summary.as_str()),
        suppressed_by: f.suppressed.as_ref().map(|s| s.to_string()),
    }
}

pub(super) fn write_array(findings: &[Finding], opts: ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    let items: Vec<JsonFinding> = findings.iter().map(|f| to_json(f, opts)).collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)
}

/// Writes one finding as one line of JSON.
pub fn write_jsonl_line(f: &Finding, opts: ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &to_json(f, opts))?;
    writeln!(out)
}
