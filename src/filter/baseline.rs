//! Baselines: the findings a team accepted when it adopted keyhound, recorded
//! by content fingerprint (a hash, never the secret) so that only new secrets
//! are reported. A baselined secret that moves stays quiet; a new secret on
//! the line next to it does not.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::finding::Finding;

/// Version of the baseline file format.
const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct BaselineFile {
    keyhound_baseline: u32,
    findings: Vec<BaselineEntry>,
}

/// One accepted finding. Only `fingerprint` is used for matching; the rest
/// helps a reviewer read the file.
#[derive(Debug, Serialize, Deserialize)]
struct BaselineEntry {
    fingerprint: String,
    rule_id: String,
    path: String,
    line: usize,
}

/// Fingerprints loaded from a baseline file.
#[derive(Debug)]
pub struct Baseline {
    fingerprints: HashSet<String>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline> {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read baseline {}", path.display()))?;
        let file: BaselineFile = serde_json::from_str(&text).with_context(|| {
            format!("{} is not a keyhound baseline (make one with `keyhound baseline`)", path.display())
        })?;
        if file.keyhound_baseline != FORMAT_VERSION {
            bail!(
                "{}: baseline format {} is not supported (expected {FORMAT_VERSION})",
                path.display(),
                file.keyhound_baseline
            );
        }
        Ok(Baseline { fingerprints: file.findings.into_iter().map(|e| e.fingerprint).collect() })
    }

    pub fn contains(&self, fingerprint: &str) -> bool {
        self.fingerprints.contains(fingerprint)
    }
}

/// Writes a baseline of `findings` (sorted, one entry per fingerprint and place).
pub fn write(findings: &[Finding], out: &mut dyn Write) -> std::io::Result<()> {
    let file = BaselineFile {
        keyhound_baseline: FORMAT_VERSION,
        findings: findings
            .iter()
            .map(|f| BaselineEntry {
                fingerprint: f.fingerprint.clone(),
                rule_id: f.rule_id.to_string(),
                path: f.origin.display_path(),
                line: f.line,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &file)?;
    writeln!(out)
}
