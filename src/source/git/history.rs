//! Every blob of a repository's history, each found once, at the path and
//! commit that introduced it.
//!
//! Commits are visited oldest first (topological order), and each commit's
//! tree is walked skipping subtrees already seen: a directory that did not
//! change costs nothing, so the walk is proportional to the number of unique
//! trees, not to commits times files.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

use anyhow::{Context, Result};
use git2::{ObjectType, Oid, Repository};
use rayon::prelude::*;

use super::BlobJob;
use super::pack::{ObjectReader, PackSet};
use super::tree::{EntryKind, tree_entries};
use crate::progress::Progress;

/// Fewer commits than this are walked on one thread: splitting has a cost
/// (each part walks its first commit's whole tree).
const COMMITS_PER_PART: usize = 2_000;

/// One job per unique blob reachable from any ref, attributed to the first
/// commit (oldest first) whose tree holds it.
///
/// The commits are cut into one run of consecutive commits per thread, each
/// walked with its own seen-sets; the runs' jobs are then merged oldest run
/// first, keeping a blob's first sighting. A run's first commit costs a walk
/// of its whole tree; every later commit costs only what it changed.
pub(super) fn introduced_blobs(
    repo: &Repository,
    packs: &PackSet,
    pool: &rayon::ThreadPool,
    progress: &Progress,
) -> Result<Vec<BlobJob>> {
    let commits = all_commits(repo, packs, pool, progress)?;
    let parts = pool.current_num_threads().clamp(1, commits.len().div_ceil(COMMITS_PER_PART).max(1));
    let size = commits.len().div_ceil(parts).max(1);
    let runs: Vec<(usize, &[(Oid, Oid)])> = commits.chunks(size).enumerate().map(|(n, run)| (n * size, run)).collect();
    let git_dir = repo.path();
    let found: Vec<Vec<BlobJob>> =
        pool.install(|| runs.par_iter().map(|&(first, run)| walk_run(git_dir, packs, first, run, progress)).collect());
    let mut seen = OidSet::default();
    Ok(found.into_iter().flatten().filter(|job| seen.insert(job.blob.as_bytes())).collect())
}

/// The blobs first seen in `run` (commits `first..`), oldest first.
fn walk_run(git_dir: &Path, packs: &PackSet, first: usize, run: &[(Oid, Oid)], progress: &Progress) -> Vec<BlobJob> {
    let repo = match Repository::open(git_dir) {
        Ok(repo) => repo,
        Err(e) => {
            progress.warn(&format!("cannot open {}: {}", git_dir.display(), e.message()));
            return Vec::new();
        }
    };
    let mut visit = Visit {
        repo: &repo,
        reader: ObjectReader::new(packs),
        commit: (Oid::ZERO_SHA1, 0),
        seen_trees: OidSet::default(),
        seen_blobs: OidSet::default(),
        jobs: Vec::new(),
        progress,
    };
    for (n, &(id, tree)) in run.iter().enumerate() {
        visit.commit = (id, first + n);
        visit.tree(tree, "");
    }
    visit.jobs
}

/// A set of object ids, kept as their raw bytes: ids are uniformly random
/// already, so their first bytes are a good hash (far cheaper than SipHash
/// over all twenty), and comparing bytes needs no call into libgit2 (as
/// `Oid`'s equality does).
#[derive(Default)]
struct OidSet(HashSet<[u8; 20], OidHash>);

type OidHash = BuildHasherDefault<OidHasher>;

impl OidSet {
    /// Adds `id` (20 raw bytes); true if it was not there.
    fn insert(&mut self, id: &[u8]) -> bool {
        id.try_into().is_ok_and(|id| self.0.insert(id))
    }

    fn contains(&self, id: &[u8]) -> bool {
        id.try_into().is_ok_and(|id: [u8; 20]| self.0.contains(&id))
    }
}

#[derive(Default)]
struct OidHasher(u64);

impl Hasher for OidHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut head = [0u8; 8];
        let n = bytes.len().min(8);
        head[..n].copy_from_slice(&bytes[..n]);
        self.0 = self.0.rotate_left(29) ^ u64::from_le_bytes(head);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Commits reachable from every ref (branches, tags, remotes, stash) and
/// HEAD, with their trees, parents before children.
///
/// Walked here rather than with libgit2's revwalk, which parsed every commit
/// twice over (a sixth of a history scan): the packs' commits are read in
/// parallel first, and the walk itself then runs in memory.
fn all_commits(
    repo: &Repository,
    packs: &PackSet,
    pool: &rayon::ThreadPool,
    progress: &Progress,
) -> Result<Vec<(Oid, Oid)>> {
    let mut tips = Vec::new();
    for reference in repo.references().context("cannot list refs")?.flatten() {
        if let Ok(commit) = reference.peel_to_commit() {
            tips.push(commit.id());
        }
    }
    if let Ok(head) = repo.head().and_then(|h| h.peel_to_commit()) {
        tips.push(head.id());
    }
    let mut packed = packed_commits(packs, pool);
    let shallow = repo.is_shallow();
    let mut reader = ObjectReader::new(packs);
    let mut visited = OidSet::default();
    let mut order = Vec::new();
    // Depth first; a commit is listed once all its parents are (post-order),
    // so it always comes after the commits it descends from.
    let mut stack: Vec<(Oid, Option<Oid>)> = tips.iter().rev().map(|&id| (id, None)).collect();
    while let Some((id, tree)) = stack.pop() {
        if let Some(tree) = tree {
            order.push((id, tree));
            continue;
        }
        if !visited.insert(id.as_bytes()) {
            continue;
        }
        // Loose commits, and the rare commit stored as a delta, are read now.
        let header = match packed.remove(id.as_bytes()) {
            Some(header) => header,
            None => match reader.read(repo, id, ObjectType::Commit) {
                Ok(raw) => match parse_commit(&raw) {
                    Some(header) => header,
                    None => {
                        progress.warn(&format!("commit {id} is malformed (skipped)"));
                        continue;
                    }
                },
                // The parents of a shallow clone's oldest commits are not there.
                Err(_) if shallow => continue,
                Err(e) => {
                    progress.warn(&format!("cannot read commit {id}: {} (skipped)", e.message()));
                    continue;
                }
            },
        };
        let (tree, parents) = header;
        stack.push((id, Some(tree)));
        stack.extend(parents.into_iter().rev().filter(|p| !visited.contains(p.as_bytes())).map(|p| (p, None)));
    }
    Ok(order)
}

/// A commit's tree and parents.
type Header = (Oid, Vec<Oid>);

/// The header of every commit stored whole in the packs, read on every
/// thread. Any the packs cannot give are left out, to be read one by one.
fn packed_commits(packs: &PackSet, pool: &rayon::ThreadPool) -> HashMap<[u8; 20], Header, OidHash> {
    let commits = packs.whole_commits();
    let part = commits.len().div_ceil(pool.current_num_threads().max(1)).max(1);
    let read_part = |part: &[([u8; 20], (u32, u64))]| {
        let mut reader = ObjectReader::new(packs);
        let header = |&(id, at)| Some((id, parse_commit(&reader.whole_commit(at)?)?));
        part.iter().filter_map(header).collect::<Vec<_>>()
    };
    pool.install(|| commits.par_chunks(part).map(read_part).collect::<Vec<_>>()).into_iter().flatten().collect()
}

/// The tree and parents a raw commit names in its header.
fn parse_commit(raw: &[u8]) -> Option<Header> {
    let hex_id = |line: &[u8], key: &[u8]| -> Option<Oid> {
        let hex = line.strip_prefix(key)?.get(..40)?;
        Oid::from_str(std::str::from_utf8(hex).ok()?).ok()
    };
    let mut lines = raw.split(|&b| b == b'\n');
    let tree = hex_id(lines.next()?, b"tree ")?;
    let parents = lines.map_while(|line| hex_id(line, b"parent ")).collect();
    Some((tree, parents))
}

struct Visit<'a> {
    repo: &'a Repository,
    reader: ObjectReader<'a>,
    commit: (Oid, usize),
    seen_trees: OidSet,
    seen_blobs: OidSet,
    jobs: Vec<BlobJob>,
    progress: &'a Progress,
}

impl Visit<'_> {
    /// Records the unseen blobs of tree `id` (a tree not seen before) and
    /// descends into its unseen subtrees. Ids are checked before anything is
    /// read or any path is built: most of a commit's tree is old.
    fn tree(&mut self, id: Oid, prefix: &str) {
        let raw = match self.reader.read(self.repo, id, ObjectType::Tree) {
            Ok(raw) => raw,
            Err(e) => {
                let path = if prefix.is_empty() { "the root tree" } else { prefix };
                return self.progress.warn(&format!(
                    "cannot read tree {id} ({path} in commit {}): {} (skipped)",
                    self.commit.0,
                    e.message()
                ));
            }
        };
        let mut entries = tree_entries(&raw);
        for (kind, name, raw_id) in entries.by_ref() {
            let fresh = match kind {
                EntryKind::Blob => self.seen_blobs.insert(raw_id),
                EntryKind::Tree => self.seen_trees.insert(raw_id),
                // Submodule commits and anything else are not blobs.
                EntryKind::Other => false,
            };
            if !fresh {
                continue;
            }
            let Ok(entry) = Oid::from_bytes(raw_id) else { continue };
            let name = String::from_utf8_lossy(name);
            let path = if prefix.is_empty() { name.into_owned() } else { format!("{prefix}/{name}") };
            match kind {
                EntryKind::Blob => {
                    self.jobs.push(BlobJob { blob: entry, path, commit: Some(self.commit), added: None })
                }
                _ => self.tree(entry, &path),
            }
        }
        if entries.malformed {
            self.progress
                .warn(&format!("tree {id} in commit {} is malformed: the rest of it is skipped", self.commit.0));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commit_gives_its_tree_and_parents() {
        let tree = "tree 1111111111111111111111111111111111111111\n";
        let parent = |n: u8| format!("parent {}\n", format!("{n}").repeat(40));
        let author = "author A <a@acme.test> 1700000000 +0000\n\nparent 4444444444444444444444444444444444444444\n";
        let raw = format!("{tree}{}{}{author}", parent(2), parent(3));
        let (tree_id, parents) = parse_commit(raw.as_bytes()).unwrap();
        assert_eq!(tree_id.to_string(), "1".repeat(40));
        let parents: Vec<String> = parents.iter().map(Oid::to_string).collect();
        assert_eq!(parents, ["2".repeat(40), "3".repeat(40)], "a message line is not a parent");
        assert_eq!(parse_commit(format!("{tree}{author}").as_bytes()).unwrap().1, Vec::<Oid>::new());
        assert!(parse_commit(b"garbage\n").is_none());
    }
}
