//! What a commit range or the index added: blobs with the line numbers that
//! are new in them, so that content already present before is not reported
//! again.

use std::collections::HashSet;

use anyhow::{Context, Result, bail};
use git2::{Delta, Diff, DiffOptions, FileMode, Oid, Repository, Sort, Tree};

use super::BlobJob;
use crate::progress::Progress;

/// Jobs for the commits of `range` (`BASE..HEAD`), each diffed against its
/// first parent, oldest first.
pub(super) fn range_jobs(repo: &Repository, range: &str, progress: &Progress) -> Result<Vec<BlobJob>> {
    let Some((base, head)) = range.split_once("..") else {
        bail!("--range takes BASE..HEAD (for example origin/main..HEAD), not {range:?}");
    };
    let head = if head.is_empty() { "HEAD" } else { head };
    let resolve = |rev: &str| {
        repo.revparse_single(rev).and_then(|o| o.peel_to_commit()).map(|c| c.id()).map_err(|e| {
            let hint = if repo.is_shallow() {
                " This is a shallow clone: fetch more history (`git fetch --deepen=200`, or \
                 `fetch-depth: 0` in actions/checkout) so that the base is present."
            } else {
                " Check the name, or fetch it (`git fetch origin main`)."
            };
            anyhow::anyhow!("cannot find revision `{rev}` in this repository: {}.{hint}", e.message())
        })
    };
    let (base, head) = (resolve(base)?, resolve(head)?);
    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
    walk.push(head)?;
    walk.hide(base)?;
    let mut jobs = Vec::new();
    for (order, id) in walk.enumerate() {
        let id = id.context("cannot walk the range (a missing or corrupt commit)")?;
        let commit = repo.find_commit(id).with_context(|| format!("cannot read commit {id}"))?;
        let parent_tree = match commit.parent(0) {
            Ok(p) => Some(p.tree()?),
            Err(_) if commit.parent_count() > 0 => {
                progress
                    .warn(&format!("the parent of {id} is missing (shallow clone?): its whole tree counts as added"));
                None
            }
            Err(_) => None,
        };
        let diff = repo.diff_tree_to_tree(parent_tree.as_ref(), Some(&commit.tree()?), Some(&mut diff_options()))?;
        jobs.extend(added_blobs(&diff, Some((id, order)))?);
    }
    Ok(jobs)
}

/// Jobs for what the index adds to HEAD (or to nothing, before the first commit).
pub(super) fn staged_jobs(repo: &Repository) -> Result<Vec<BlobJob>> {
    let head: Option<Tree> = repo.head().ok().and_then(|h| h.peel_to_tree().ok());
    let index = repo.index().context("cannot read the index")?;
    let diff = repo.diff_tree_to_index(head.as_ref(), Some(&index), Some(&mut diff_options()))?;
    added_blobs(&diff, None)
}

fn diff_options() -> DiffOptions {
    let mut o = DiffOptions::new();
    o.context_lines(0).ignore_submodules(true).include_typechange(true);
    o
}

/// For each added or modified file of `diff`, its new blob and the line
/// numbers the diff adds to it.
fn added_blobs(diff: &Diff, commit: Option<(Oid, usize)>) -> Result<Vec<BlobJob>> {
    let mut jobs = Vec::new();
    for (i, delta) in diff.deltas().enumerate() {
        if !matches!(
            delta.status(),
            Delta::Added | Delta::Modified | Delta::Renamed | Delta::Copied | Delta::Typechange
        ) || matches!(delta.new_file().mode(), FileMode::Commit | FileMode::Link)
        {
            continue;
        }
        let path = delta.new_file().path_bytes().map(|p| String::from_utf8_lossy(p).into_owned()).unwrap_or_default();
        let mut added = HashSet::new();
        if let Some(patch) = git2::Patch::from_diff(diff, i)? {
            for h in 0..patch.num_hunks() {
                for l in 0..patch.num_lines_in_hunk(h)? {
                    let line = patch.line_in_hunk(h, l)?;
                    if line.origin() == '+'
                        && let Some(n) = line.new_lineno()
                    {
                        added.insert(n);
                    }
                }
            }
        }
        if !added.is_empty() {
            jobs.push(BlobJob { blob: delta.new_file().id(), path, commit, added: Some(added) });
        }
    }
    Ok(jobs)
}
