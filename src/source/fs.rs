//! Files and directories: a parallel walk (the `ignore` crate) that honours
//! .gitignore and .ignore, includes hidden files (secrets live in dotfiles),
//! and never enters `.git` itself.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ignore::{WalkBuilder, WalkState};

use crate::finding::Origin;
use crate::progress::Progress;
use crate::scanner::{BlobScanner, FindingSink};
use crate::stats::ScanStats;

/// Bytes examined for a NUL to decide a file is binary.
const BINARY_PROBE: usize = 8 * 1024;

/// How the walk behaves.
#[derive(Debug, Clone)]
pub struct WalkOptions {
    /// Scan files that .gitignore/.ignore would skip.
    pub no_ignore: bool,
    /// Follow symbolic links (loops are detected and reported).
    pub follow_links: bool,
    /// Files larger than this are skipped and counted.
    pub max_file_size: u64,
    pub threads: usize,
    /// keyhound's own files in use (config, ignore file, baseline), as
    /// canonical paths: they describe secrets and are not scanned when a
    /// directory walk meets them. Named on the command line, they are.
    pub skip: Vec<PathBuf>,
}

impl WalkOptions {
    /// True if and only if `entry` is one of the files in `skip`.
    fn skips(&self, entry: &ignore::DirEntry) -> bool {
        entry.depth() > 0
            && self
                .skip
                .iter()
                .any(|s| s.file_name() == Some(entry.file_name()) && entry.path().canonicalize().is_ok_and(|c| c == *s))
    }
}

/// What happened to one file.
enum Outcome {
    Scanned,
    Binary,
    TooLarge,
}

/// Walks every root in parallel and scans each regular file once.
pub fn scan_roots(
    roots: &[PathBuf],
    opts: &WalkOptions,
    scanner: &BlobScanner,
    sink: &dyn FindingSink,
    stats: &ScanStats,
    progress: &Progress,
) {
    for root in roots {
        let root_arc = Arc::new(root.clone());
        let walker = walker(root, opts).build_parallel();
        walker.run(|| {
            let mut worker = scanner.worker();
            let mut buf = Vec::new();
            let root_arc = root_arc.clone();
            Box::new(move |entry| {
                let entry = match entry {
                    Ok(e) => e,
                    Err(err) => {
                        ScanStats::add(&stats.walk_errors, 1);
                        progress.warn(&format!("{err}"));
                        return WalkState::Continue;
                    }
                };
                if !entry.file_type().is_some_and(|t| t.is_file()) || opts.skips(&entry) {
                    return WalkState::Continue;
                }
                let path = entry.path();
                match read_file(path, opts.max_file_size, &mut buf) {
                    Ok(Outcome::Scanned) => {
                        ScanStats::add(&stats.files, 1);
                        ScanStats::add(&stats.bytes, buf.len() as u64);
                        let origin = || Origin::File { path: path.to_path_buf(), root: root_arc.clone() };
                        if !worker.scan_guarded(&buf, origin, sink) {
                            ScanStats::add(&stats.internal_errors, 1);
                            progress.warn(&format!(
                                "internal error while scanning {} (skipped; please report it)",
                                path.display()
                            ));
                        }
                    }
                    Ok(Outcome::Binary) => ScanStats::add(&stats.skipped_binary, 1),
                    Ok(Outcome::TooLarge) => ScanStats::add(&stats.skipped_too_large, 1),
                    Err(err) => {
                        ScanStats::add(&stats.skipped_unreadable, 1);
                        progress.warn(&format!("cannot read {}: {err} (skipped)", path.display()));
                    }
                }
                WalkState::Continue
            })
        });
    }
}

fn walker(root: &Path, opts: &WalkOptions) -> WalkBuilder {
    let mut b = WalkBuilder::new(root);
    b.hidden(false)
        .follow_links(opts.follow_links)
        .threads(opts.threads)
        // .gitignore applies even outside a git checkout: users expect the
        // file they wrote to be honoured wherever the tree came from.
        .require_git(false)
        .filter_entry(|e| e.file_name() != ".git");
    if opts.no_ignore {
        b.ignore(false).git_ignore(false).git_global(false).git_exclude(false).parents(false);
    }
    b
}

/// Reads `path` into `buf` unless it is too large or binary. A binary file is
/// recognised from its first 8 KiB, so its remainder is never read.
fn read_file(path: &Path, max_size: u64, buf: &mut Vec<u8>) -> std::io::Result<Outcome> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    if len > max_size {
        return Ok(Outcome::TooLarge);
    }
    buf.clear();
    buf.reserve(len as usize + 1);
    (&mut file).take(BINARY_PROBE as u64).read_to_end(buf)?;
    if memchr::memchr(0, buf).is_some() {
        return Ok(Outcome::Binary);
    }
    // The size may have grown since `metadata`; cap what we read at the limit.
    file.take(max_size.saturating_sub(buf.len() as u64) + 1).read_to_end(buf)?;
    if buf.len() as u64 > max_size {
        return Ok(Outcome::TooLarge);
    }
    Ok(Outcome::Scanned)
}
