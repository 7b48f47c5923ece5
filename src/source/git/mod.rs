//! Git repositories as a source: every blob of the history, the blobs a
//! commit range added, or what is staged in the index. Objects are read with
//! libgit2, never by shelling out to `git log -p`; each unique blob is read
//! and scanned once, in parallel, and findings are attributed afterwards.

mod added;
mod commit;
mod history;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use git2::{ObjectType, Oid, Repository};
use rayon::prelude::*;

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
    // only costs memory.
    git2::opts::enable_caching(false);
    if repo.is_shallow() && !matches!(selection, Selection::Staged) {
        ctx.progress.warn(
            "this is a shallow clone: only the commits present are scanned \
             (`git fetch --unshallow` fetches the rest)",
        );
    }
    let jobs = match selection {
        Selection::History => history::introduced_blobs(repo, ctx.progress)?,
        Selection::Range(range) => added::range_jobs(repo, range, ctx.progress)?,
        Selection::Staged => added::staged_jobs(repo)?,
    };
    let findings = scan_jobs(repo.path(), jobs, ctx)?;
    sink.accept(first_per_secret_and_path(findings));
    Ok(())
}

/// Reads and scans every job's blob in parallel, one repository handle and
/// one engine scratch per thread.
fn scan_jobs(git_dir: &Path, jobs: Vec<BlobJob>, ctx: &GitScan) -> Result<Vec<Finding>> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(ctx.threads.max(1)).build()?;
    let per_job: Vec<Vec<Finding>> = pool.install(|| {
        jobs.par_iter()
            .map_init(
                || (Repository::open(git_dir), ctx.scanner.worker()),
                |(repo, worker), job| match repo {
                    Ok(repo) => scan_job(repo, worker, job, ctx),
                    Err(e) => {
                        ctx.progress.warn(&format!("cannot open {}: {e}", git_dir.display()));
                        ScanStats::add(&ctx.stats.skipped_unreadable, 1);
                        Vec::new()
                    }
                },
            )
            .collect()
    });
    Ok(per_job.into_iter().flatten().collect())
}

fn scan_job(repo: &Repository, worker: &mut crate::scanner::Worker, job: &BlobJob, ctx: &GitScan) -> Vec<Finding> {
    let stats = ctx.stats;
    let unreadable = |e: git2::Error| {
        ScanStats::add(&stats.skipped_unreadable, 1);
        ctx.progress.warn(&format!("cannot read blob {} ({}): {} (skipped)", job.blob, job.path, e.message()));
        Vec::new()
    };
    let size = match repo.odb().and_then(|odb| odb.read_header(job.blob)) {
        Ok((size, ObjectType::Blob)) => size as u64,
        Ok(_) => return Vec::new(),
        Err(e) => return unreadable(e),
    };
    if size > ctx.max_file_size {
        ScanStats::add(&stats.skipped_too_large, 1);
        return Vec::new();
    }
    let blob = match repo.find_blob(job.blob) {
        Ok(b) => b,
        Err(e) => return unreadable(e),
    };
    let bytes = blob.content();
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
