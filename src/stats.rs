//! Counters for one scan: what was read, what was skipped and why. Skips are
//! counted, never silent, so a user can tell a clean scan from a partial one.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Duration;

/// Shared, lock-free counters updated by every worker thread.
#[derive(Debug, Default)]
pub struct ScanStats {
    pub files: AtomicU64,
    pub bytes: AtomicU64,
    pub skipped_binary: AtomicU64,
    pub skipped_too_large: AtomicU64,
    pub skipped_unreadable: AtomicU64,
    /// Directory entries the walker could not follow (permissions, loops).
    pub walk_errors: AtomicU64,
    pub findings: AtomicU64,
    /// Blobs skipped because scanning them hit a bug (a caught panic).
    pub internal_errors: AtomicU64,
}

impl ScanStats {
    pub fn add(counter: &AtomicU64, n: u64) {
        counter.fetch_add(n, Relaxed);
    }

    pub fn get(counter: &AtomicU64) -> u64 {
        counter.load(Relaxed)
    }

    /// The one-line summary printed at the end of a scan on a terminal.
    /// `suppressed` counts findings kept out of the report, by mechanism.
    pub fn summary(&self, elapsed: Duration, max_file_size: u64, suppressed: &BTreeMap<&'static str, u64>) -> String {
        let files = Self::get(&self.files);
        let findings = Self::get(&self.findings);
        let mut s = format!(
            "scanned {} file{} ({}) in {:.2}s",
            files,
            if files == 1 { "" } else { "s" },
            human_bytes(Self::get(&self.bytes)),
            elapsed.as_secs_f64()
        );
        let reasons: Vec<String> = [
            (Self::get(&self.skipped_binary), "binary".to_string()),
            (Self::get(&self.skipped_too_large), format!("over {}", human_bytes(max_file_size))),
            (Self::get(&self.skipped_unreadable), "unreadable".to_string()),
            (Self::get(&self.walk_errors), "walk errors".to_string()),
            (Self::get(&self.internal_errors), "internal errors".to_string()),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, why)| format!("{n} {why}"))
        .collect();
        if !reasons.is_empty() {
            s.push_str(&format!("; skipped {}", reasons.join(", ")));
        }
        let hidden: u64 = suppressed.values().sum();
        let reported = findings.saturating_sub(hidden);
        s.push_str(&format!("; {} finding{}", reported, if reported == 1 { "" } else { "s" }));
        if hidden > 0 {
            let by: Vec<String> = suppressed.iter().map(|(m, n)| format!("{n} {m}")).collect();
            s.push_str(&format!(" ({hidden} more suppressed: {})", by.join(", ")));
        }
        s
    }
}

/// Bytes in binary units, one decimal: `12.3 MiB`.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut unit = 0;
    while v >= 1024.0 && unit + 1 < UNITS.len() {
        v /= 1024.0;
        unit += 1;
    }
    if unit == 0 { format!("{n} B") } else { format!("{v:.1} {}", UNITS[unit]) }
}
