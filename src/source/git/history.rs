//! Every blob of a repository's history, each found once, at the path and
//! commit that introduced it.
//!
//! Commits are visited oldest first (topological order), and each commit's
//! tree is walked skipping subtrees already seen: a directory that did not
//! change costs nothing, so the walk is proportional to the number of unique
//! trees, not to commits times files.

use std::collections::HashSet;

use anyhow::{Context, Result};
use git2::{ObjectType, Oid, Repository, Sort, Tree};

use super::BlobJob;
use crate::progress::Progress;

/// One job per unique blob reachable from any ref, attributed to the first
/// commit (oldest first) whose tree holds it.
pub(super) fn introduced_blobs(repo: &Repository, progress: &Progress) -> Result<Vec<BlobJob>> {
    let commits = all_commits(repo)?;
    let mut seen_trees = HashSet::new();
    let mut seen_blobs = HashSet::new();
    let mut jobs = Vec::new();
    for (order, id) in commits.iter().enumerate() {
        let tree = match repo.find_commit(*id).and_then(|c| c.tree()) {
            Ok(t) => t,
            Err(e) => {
                progress.warn(&format!("cannot read commit {id}: {} (skipped)", e.message()));
                continue;
            }
        };
        let mut visit = Visit {
            repo,
            commit: (*id, order),
            seen_trees: &mut seen_trees,
            seen_blobs: &mut seen_blobs,
            jobs: &mut jobs,
            progress,
        };
        visit.tree(&tree, "");
    }
    Ok(jobs)
}

/// Commits reachable from every ref (branches, tags, remotes, stash) and
/// HEAD, oldest first.
fn all_commits(repo: &Repository) -> Result<Vec<Oid>> {
    let mut walk = repo.revwalk().context("cannot walk the history")?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
    let mut tips = 0;
    for reference in repo.references().context("cannot list refs")?.flatten() {
        if let Ok(commit) = reference.peel_to_commit()
            && walk.push(commit.id()).is_ok()
        {
            tips += 1;
        }
    }
    if let Ok(head) = repo.head().and_then(|h| h.peel_to_commit())
        && walk.push(head.id()).is_ok()
    {
        tips += 1;
    }
    if tips == 0 {
        return Ok(Vec::new());
    }
    let mut commits = Vec::new();
    for id in walk {
        commits.push(id.context("cannot walk the history (a missing or corrupt commit)")?);
    }
    Ok(commits)
}

struct Visit<'a> {
    repo: &'a Repository,
    commit: (Oid, usize),
    seen_trees: &'a mut HashSet<Oid>,
    seen_blobs: &'a mut HashSet<Oid>,
    jobs: &'a mut Vec<BlobJob>,
    progress: &'a Progress,
}

impl Visit<'_> {
    /// Records the unseen blobs of `tree` (a tree not seen before) and
    /// descends into its unseen subtrees. Ids are checked before anything is
    /// read or any path is built: most of a commit's tree is old.
    fn tree(&mut self, tree: &Tree, prefix: &str) {
        for entry in tree.iter() {
            let id = entry.id();
            let fresh = match entry.kind() {
                Some(ObjectType::Blob) => self.seen_blobs.insert(id),
                Some(ObjectType::Tree) => self.seen_trees.insert(id),
                // Submodule commits and anything else are not blobs.
                _ => false,
            };
            if !fresh {
                continue;
            }
            let name = String::from_utf8_lossy(entry.name_bytes());
            let path = if prefix.is_empty() { name.into_owned() } else { format!("{prefix}/{name}") };
            if entry.kind() == Some(ObjectType::Blob) {
                self.jobs.push(BlobJob { blob: id, path, commit: Some(self.commit), added: None });
                continue;
            }
            match self.repo.find_tree(id) {
                Ok(sub) => self.tree(&sub, &path),
                Err(e) => self.progress.warn(&format!(
                    "cannot read tree {id} ({path} in commit {}): {} (skipped)",
                    self.commit.0,
                    e.message()
                )),
            }
        }
    }
}
