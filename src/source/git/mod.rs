//! Git repositories as a source: every blob of the history, the blobs a
//! commit range added, or what is staged in the index. Objects are read with
//! libgit2, never by shelling out to `git log -p`; each unique blob is read
//! and scanned once, in parallel, and findings are attributed afterwards.

mod added;
mod cache;
mod commit;
mod delta;
mod history;
mod pack;
mod tree;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use git2::{ObjectType, Oid, Repository};
use rayon::prelude::*;

use self::pack::{ObjectReader, PackSet};
use crate::finding::{Finding, Origin};
use crate::progress::Progress;
use crate::report::RepositoryInfo;
use crate::scanner::{BlobScanner, FindingSink};
use crate::stats::ScanStats;

/// Bytes examined for a NUL to decide a blob is binary (as for files).
const BINARY_PROBE: usize = 8 * 1024;

/// What to scan in a repository.
#[derive(Debug, Clone)]
pub enum Selection {
    /// Every blob reachable from any ref.
    History,
    /// Only what the commits of `BASE..HEAD` added.
    Range(String),
    /// Only the lines the index adds to HEAD.
    Staged,
}

/// Everything a git scan needs besides the repository.
pub struct GitScan<'a> {
    pub scanner: &'a BlobScanner,
    pub stats: &'a ScanStats,
    pub progress: &'a Progress,
    pub max_file_size: u64,
    pub threads: usize,
}

/// One blob to scan, where it was introduced, and which of its lines count.
struct BlobJob {
    blob: Oid,
    path: String,
    /// The introducing commit and its position in oldest-first order; `None`
    /// for staged content.
    commit: Option<(Oid, usize)>,
    /// Line numbers (1-based) that were added; `None` means every line counts.
    added: Option<HashSet<u32>>,
}

/// Opens the repository at or above `path` (default: the current directory).
pub fn open(path: Option<&Path>) -> Result<Repository> {
    let path = path.unwrap_or(Path::new("."));
    Repository::discover(path).with_context(|| format!("{} is not in a git repository", path.display()))
}

/// The directory a repository's files and config are relative to: its work
/// tree, or the repository itself when it is bare.
pub fn root(repo: &Repository) -> PathBuf {
    repo.workdir().unwrap_or_else(|| repo.path()).to_path_buf()
}

/// The repository as SARIF names it: the `origin` remote's URL (without
/// credentials) if there is one, else a `file://` URI; and HEAD's commit.
pub fn repository_info(repo: &Repository) -> RepositoryInfo {
    let remote = repo.find_remote("origin").ok().and_then(|r| r.url().ok().map(strip_userinfo));
    let uri = remote.unwrap_or_else(|| {
        let path = std::path::absolute(root(repo)).unwrap_or_else(|_| root(repo));
        format!("file://{}", path.display())
    });
    let revision = repo.head().ok().and_then(|h| h.peel_to_commit().ok()).map(|c| c.id().to_string());
    RepositoryInfo { uri, revision }
}

/// `https://user:token@host/x` -> `https://host/x`: a report never repeats a
/// credential that happens to sit in a remote URL.
fn strip_userinfo(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if at > scheme && !url[scheme + 3..at].contains('/') => {
            format!("{}{}", &url[..scheme + 3], &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

/// Scans `selection` of `repo`, sending findings to `sink`: each secret once
/// per path, attributed to the earliest commit that introduced it.
pub fn scan(repo: &Repository, selection: &Selection, ctx: &GitScan, sink: &dyn FindingSink) -> Result<()> {
    // Every object is read once, so libgit2's object cache (up to 256 MiB)
    // only costs memory. Re-hashing each object on read (a quarter of the
    // CPU of a history scan) is what `git` itself does not do either: zlib's
    // checksum still catches a corrupt object, which is named and skipped.
    git2::opts::enable_caching(false);
    git2::opts::strict_hash_verification(false);
    if repo.is_shallow() && !matches!(selection, Selection::Staged) {
        ctx.progress.warn(
            "this is a shallow clone: only the commits present are scanned \
             (`git fetch --unshallow` fetches the rest)",
        );
    }
    // A staged scan reads a few blobs, often loose: loading the pack
    // indexes would cost more than it saves.
    let packs = match selection {
        Selection::Staged => PackSet::default(),
        _ => PackSet::open(repo.path()),
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(ctx.threads.max(1)).build()?;
    let jobs = match selection {
        Selection::History => history::introduced_blobs(repo, &packs, &pool, ctx.progress)?,
        Selection::Range(range) => added::range_jobs(repo, range, ctx.progress)?,
        Selection::Staged => added::staged_jobs(repo)?,
    };
    let git_dir = repo.path();
    let findings = pool.install(|| scan_jobs(git_dir, &packs, jobs, ctx));
    sink.accept(first_per_secret_and_path(findings));
    Ok(())
}

/// Reads and scans every job's blob in parallel (on the current pool).
fn scan_jobs(git_dir: &Path, packs: &PackSet, jobs: Vec<BlobJob>, ctx: &GitScan) -> Vec<Finding> {
    // Sorted by delta chain and cut into a few runs per thread, each run
    // reads a file's versions one after another: the base of a delta was usually
    // just rebuilt and is still in the run's cache.
    let mut keyed: Vec<_> = jobs.into_par_iter().map(|job| (packs.read_order(job.blob), job)).collect();
    keyed.par_sort_unstable_by_key(|(order, _)| *order);
    let jobs: Vec<BlobJob> = keyed.into_iter().map(|(_, job)| job).collect();
    let runs = (ctx.threads.max(1) * 4).min(jobs.len()).max(1);
    let per_run: Vec<Vec<Finding>> =
        jobs.par_chunks(jobs.len().div_ceil(runs).max(1)).map(|run| scan_run(git_dir, packs, run, ctx)).collect();
    per_run.into_iter().flatten().collect()
}

/// Scans `run` in order with one repository handle, engine scratch and
/// object cache.
fn scan_run(git_dir: &Path, packs: &PackSet, run: &[BlobJob], ctx: &GitScan) -> Vec<Finding> {
    let repo = match Repository::open(git_dir) {
        Ok(repo) => repo,
        Err(e) => {
            ctx.progress.warn(&format!("cannot open {}: {}", git_dir.display(), e.message()));
            ScanStats::add(&ctx.stats.skipped_unreadable, run.len() as u64);
            return Vec::new();
        }
    };
    let mut worker = ctx.scanner.worker();
    let mut reader = ObjectReader::new(packs);
    run.iter().flat_map(|job| scan_job(&repo, &mut worker, &mut reader, job, ctx)).collect()
}

fn scan_job(
    repo: &Repository,
    worker: &mut crate::scanner::Worker,
    reader: &mut ObjectReader,
    job: &BlobJob,
    ctx: &GitScan,
) -> Vec<Finding> {
    let stats = ctx.stats;
    let unreadable = |e: git2::Error| {
        ScanStats::add(&stats.skipped_unreadable, 1);
        ctx.progress.warn(&format!("cannot read blob {} ({}): {} (skipped)", job.blob, job.path, e.message()));
        Vec::new()
    };
    match reader.size(repo, job.blob) {
        Ok(size) if size > ctx.max_file_size => {
            ScanStats::add(&stats.skipped_too_large, 1);
            return Vec::new();
        }
        Ok(_) => {}
        Err(e) => return unreadable(e),
    }
    let blob = match reader.read(repo, job.blob, ObjectType::Blob) {
        Ok(b) => b,
        Err(e) => return unreadable(e),
    };
    let bytes = &blob[..];
    if memchr::memchr(0, &bytes[..bytes.len().min(BINARY_PROBE)]).is_some() {
        ScanStats::add(&stats.skipped_binary, 1);
        return Vec::new();
    }
    ScanStats::add(&stats.files, 1);
    ScanStats::add(&stats.bytes, bytes.len() as u64);
    let origin = || match job.commit {
        Some((id, order)) => {
            Origin::Git { commit: Arc::new(commit::describe(repo, id, order)), path: job.path.clone() }
        }
        None => Origin::Staged { path: job.path.clone() },
    };
    let scanned = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| worker.findings(bytes, origin)));
    let Ok(mut findings) = scanned else {
        ScanStats::add(&stats.internal_errors, 1);
        ctx.progress.warn(&format!(
            "internal error while scanning blob {} ({}); skipped, please report it",
            job.blob, job.path
        ));
        worker.reset();
        return Vec::new();
    };
    if let Some(added) = &job.added {
        findings.retain(|f| added.contains(&(f.line as u32)));
    }
    findings
}

/// The same secret in many commits is one finding per path, attributed to
/// the earliest commit: later blobs merely kept it.
fn first_per_secret_and_path(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by_cached_key(|f| {
        (f.fingerprint.clone(), f.origin.display_path(), f.origin.commit().map_or(0, |c| c.order), f.offset)
    });
    findings.dedup_by(|later, first| {
        later.fingerprint == first.fingerprint && later.origin.display_path() == first.origin.display_path()
    });
    findings
}
