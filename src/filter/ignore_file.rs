//! `.keyhoundignore`: fingerprints of reviewed false positives, one per line,
//! `#` starting a comment. Content fingerprints survive the line moving and
//! the file being renamed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result, bail};

/// Loaded ignore file, remembering which entries matched something.
#[derive(Debug)]
pub struct IgnoreFile {
    path: PathBuf,
    /// Fingerprint -> (line number, used).
    entries: HashMap<String, (usize, AtomicBool)>,
}

impl IgnoreFile {
    /// Reads `path`; a malformed line is an error naming the file and line.
    pub fn load(path: &Path) -> Result<IgnoreFile> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("cannot read ignore file {}", path.display()))?;
        let mut entries = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let entry = line.split('#').next().unwrap_or("").trim();
            if entry.is_empty() {
                continue;
            }
            if entry.len() != 32 || !entry.bytes().all(|b| b.is_ascii_hexdigit()) {
                bail!(
                    "{}:{}: {entry:?} is not a fingerprint (32 hex digits, as in the `fingerprint` field of a JSON report)",
                    path.display(),
                    i + 1
                );
            }
            entries.insert(entry.to_ascii_lowercase(), (i + 1, AtomicBool::new(false)));
        }
        Ok(IgnoreFile { path: path.to_path_buf(), entries })
    }

    /// True if and only if `fingerprint` is listed (and marks it used).
    pub fn contains(&self, fingerprint: &str) -> bool {
        match self.entries.get(fingerprint) {
            Some((_, used)) => {
                used.store(true, Ordering::Relaxed);
                true
            }
            None => false,
        }
    }

    /// Entries that matched no finding, as `file:line: fingerprint`, in line order.
    pub fn unused(&self) -> Vec<String> {
        let mut v: Vec<(usize, &String)> = self
            .entries
            .iter()
            .filter(|(_, (_, used))| !used.load(Ordering::Relaxed))
            .map(|(fp, (line, _))| (*line, fp))
            .collect();
        v.sort();
        v.into_iter().map(|(line, fp)| format!("{}:{line}: {fp}", self.path.display())).collect()
    }
}
