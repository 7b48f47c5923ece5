//! The scanner: turns blobs into findings with the engine, and hands them to
//! a sink. Sources call it; it knows nothing about where blobs come from.

use std::sync::{Arc, Mutex};

use crate::engine::{Engine, Scratch};
use crate::finding::{Finding, Origin};

/// Receives each blob's findings as soon as the blob is scanned. Called from
/// many threads at once.
pub trait FindingSink: Sync {
    fn accept(&self, findings: Vec<Finding>);
}

/// A sink that keeps every finding, for reports that need them all sorted.
#[derive(Default)]
pub struct CollectSink {
    findings: Mutex<Vec<Finding>>,
}

impl CollectSink {
    pub fn into_sorted(self) -> Vec<Finding> {
        let mut all = self.findings.into_inner().unwrap_or_else(|p| p.into_inner());
        all.sort_by_cached_key(|f| f.sort_key());
        all
    }
}

impl FindingSink for CollectSink {
    fn accept(&self, findings: Vec<Finding>) {
        self.findings.lock().unwrap_or_else(|p| p.into_inner()).extend(findings);
    }
}

/// The engine, shared by all workers of one scan.
pub struct BlobScanner {
    engine: Arc<Engine>,
}

/// One thread's view of the scanner, with its own scratch memory.
pub struct Worker<'a> {
    engine: &'a Engine,
    scratch: Scratch,
}

impl BlobScanner {
    pub fn new(engine: Arc<Engine>) -> BlobScanner {
        BlobScanner { engine }
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    pub fn worker(&self) -> Worker<'_> {
        Worker { engine: &self.engine, scratch: self.engine.scratch() }
    }
}

impl Worker<'_> {
    /// Scans one blob and passes its findings (if any) to `sink`. The origin
    /// is only built when there is something to report.
    pub fn scan(&mut self, bytes: &[u8], origin: impl FnOnce() -> Origin, sink: &dyn FindingSink) {
        let findings = self.findings(bytes, origin);
        if !findings.is_empty() {
            sink.accept(findings);
        }
    }

    /// `scan`, but a bug that panics on one blob costs that blob only: the
    /// scan goes on with fresh scratch memory. False if and only if it panicked.
    pub fn scan_guarded(&mut self, bytes: &[u8], origin: impl FnOnce() -> Origin, sink: &dyn FindingSink) -> bool {
        let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.scan(bytes, origin, sink))).is_ok();
        if !ok {
            self.reset();
        }
        ok
    }

    /// Fresh scratch memory, after a panic may have left the old one half-updated.
    pub fn reset(&mut self) {
        self.scratch = self.engine.scratch();
    }

    /// The findings in one blob, in order of position.
    pub fn findings(&mut self, bytes: &[u8], origin: impl FnOnce() -> Origin) -> Vec<Finding> {
        let matches = self.engine.matches(bytes, &mut self.scratch);
        if matches.is_empty() {
            return Vec::new();
        }
        Finding::from_matches(self.engine.rules(), &Arc::new(origin()), bytes, &matches)
    }
}
