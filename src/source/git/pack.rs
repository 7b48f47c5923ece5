//! Objects read straight from a repository's pack files, with every object
//! rebuilt from a delta kept for the next one.
//!
//! Why not libgit2 alone: it caches only the root of a delta chain, so
//! reading one version of a file applies the whole chain again (git packs
//! chains up to 50 deltas deep). A history scan reads every version; here
//! each delta is inflated and applied about once, which made reading a
//! 30,000-commit history several times faster. Anything this reader does not
//! handle (loose objects, an index format it does not know, a damaged pack)
//! is read through libgit2 instead, which also names what is wrong.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use flate2::{Decompress, FlushDecompress, Status};
use git2::{ObjectType, Oid, Repository};
use memmap2::Mmap;

use super::cache::{Cache, Object};
use super::delta::{apply_delta, varint};

/// Deltas up to this size are kept between learning an object's size and
/// reading it.
const KEPT_DELTA_MAX: usize = 1 << 20;
/// A delta chain longer than this is a damaged pack (git stops at 4095).
const MAX_CHAIN: usize = 10_000;

const OBJ_COMMIT: u8 = 1;
const OBJ_TREE: u8 = 2;
const OBJ_BLOB: u8 = 3;
const OBJ_TAG: u8 = 4;
const OBJ_OFS_DELTA: u8 = 6;
const OBJ_REF_DELTA: u8 = 7;

/// The pack files of a repository, with their indexes in memory.
#[derive(Default)]
pub struct PackSet {
    packs: Vec<Pack>,
}

struct Pack {
    /// The pack, mapped read-only (as git and libgit2 do): reading an
    /// object copies nothing, and the page cache is shared.
    map: Mmap,
    /// Where object data ends (the pack's trailing checksum starts).
    data_end: u64,
    fanout: [u32; 256],
    /// Object ids in index order, 20 bytes each.
    ids: Vec<u8>,
    /// The first 8 bytes of each id as a number: the search compares these,
    /// not 20-byte slices.
    prefixes: Vec<u64>,
    /// Offsets in index order.
    offsets: Vec<u64>,
}

/// Where an object lives: pack number and offset in it. Sorting by it reads
/// a pack front to back, bases before their deltas.
pub type Position = (u32, u64);

impl PackSet {
    /// Loads the indexes of `objects/pack/*.pack`, and of the object stores
    /// the repository borrows from (`objects/info/alternates`, as `git clone
    /// --shared` or `--reference` sets up). A pack whose index cannot be read
    /// is left to libgit2.
    pub fn open(git_dir: &Path) -> PackSet {
        let mut packs = Vec::new();
        let mut stores = vec![git_dir.join("objects")];
        let mut seen = Vec::new();
        // Alternates may chain; git follows five levels.
        while let Some(store) = stores.pop() {
            if seen.len() > 5 || seen.contains(&store) {
                continue;
            }
            if let Ok(dir) = std::fs::read_dir(store.join("pack")) {
                let mut paths: Vec<_> =
                    dir.flatten().map(|e| e.path()).filter(|p| p.extension() == Some("idx".as_ref())).collect();
                paths.sort();
                packs.extend(paths.iter().filter_map(|idx| Pack::open(idx)));
            }
            if let Ok(list) = std::fs::read_to_string(store.join("info").join("alternates")) {
                let lines = list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
                stores.extend(lines.map(|l| store.join(l)));
            }
            seen.push(store);
        }
        PackSet { packs }
    }

    /// The position of `id` in a pack, if it is packed.
    pub fn position(&self, id: Oid) -> Option<Position> {
        self.packs.iter().enumerate().find_map(|(n, p)| p.find(id.as_bytes()).map(|off| (n as u32, off)))
    }

    /// The id and position of every commit stored whole (not as a delta),
    /// in pack order: listed from each object's first header byte, so that
    /// commits can be read in parallel before the history is walked.
    pub fn whole_commits(&self) -> Vec<([u8; 20], Position)> {
        let mut found = Vec::new();
        for (n, pack) in self.packs.iter().enumerate() {
            for (at, &offset) in pack.offsets.iter().enumerate() {
                let kind = pack.map.get(offset as usize).map(|&byte| (byte >> 4) & 7);
                let id = pack.ids.get(at * 20..at * 20 + 20).and_then(|id| <[u8; 20]>::try_from(id).ok());
                if let (Some(OBJ_COMMIT), Some(id)) = (kind, id) {
                    found.push((id, (n as u32, offset)));
                }
            }
        }
        found.sort_unstable_by_key(|&(_, at)| at);
        found
    }

    /// The order to read objects in: grouped by delta chain (the whole
    /// object a chain starts from), then in pack order, so that the base of
    /// a delta was usually rebuilt just before. In plain pack order every
    /// file's chain stays live across the whole pack, and a reader's cache
    /// must hold them all. Objects that are not packed come last.
    pub fn read_order(&self, id: Oid) -> (Position, Position) {
        const LAST: Position = (u32::MAX, u64::MAX);
        let Some(at) = self.position(id) else {
            return (LAST, LAST);
        };
        let mut root = at;
        for _ in 0..MAX_CHAIN {
            match self.entry(root).map(|e| e.base) {
                Ok(Some(Base::At(base))) => root = base,
                Ok(None) => return (root, at),
                _ => break,
            }
        }
        (LAST, at)
    }

    /// Parses the header of the object at `at`.
    fn entry(&self, at: Position) -> Result<Entry, Unpackable> {
        let pack = self.packs.get(at.0 as usize).ok_or(Unpackable)?;
        let header = pack.bytes(at.1, pack.data_end.min(at.1.saturating_add(32)))?;
        let mut pos = 0;
        let mut byte = *header.first().ok_or(Unpackable)?;
        let kind = (byte >> 4) & 7;
        let mut size = (byte & 15) as usize;
        let mut shift = 4;
        while byte & 0x80 != 0 {
            pos += 1;
            byte = *header.get(pos).ok_or(Unpackable)?;
            if shift > 57 {
                return Err(Unpackable);
            }
            size |= ((byte & 0x7f) as usize) << shift;
            shift += 7;
        }
        pos += 1;
        let base = match kind {
            OBJ_COMMIT | OBJ_TREE | OBJ_BLOB | OBJ_TAG => None,
            OBJ_OFS_DELTA => {
                let mut byte = *header.get(pos).ok_or(Unpackable)?;
                let mut back = (byte & 0x7f) as u64;
                while byte & 0x80 != 0 {
                    pos += 1;
                    byte = *header.get(pos).ok_or(Unpackable)?;
                    back = back.checked_add(1).ok_or(Unpackable)?.checked_mul(128).ok_or(Unpackable)?
                        | (byte & 0x7f) as u64;
                }
                pos += 1;
                Some(Base::At((at.0, at.1.checked_sub(back).filter(|&b| b < at.1).ok_or(Unpackable)?)))
            }
            OBJ_REF_DELTA => {
                let id = Oid::from_bytes(header.get(pos..pos + 20).ok_or(Unpackable)?).map_err(|_| Unpackable)?;
                pos += 20;
                Some(self.position(id).map_or(Base::Elsewhere(id), Base::At))
            }
            _ => return Err(Unpackable),
        };
        let data_at = at.1 + pos as u64;
        let bound = (size as u64).saturating_add(size as u64 / 8192).saturating_add(64);
        Ok(Entry { kind, size, data_at, data_end: data_at.saturating_add(bound).min(pack.data_end), base })
    }
}

impl Pack {
    fn open(idx_path: &Path) -> Option<Pack> {
        let idx = std::fs::read(idx_path).ok()?;
        let file = File::open(idx_path.with_extension("pack")).ok()?;
        // SAFETY: git never rewrites a pack in place: a repack writes a new
        // file and unlinks the old one, which keeps the mapping valid.
        let map = unsafe { Mmap::map(&file) }.ok()?;
        let (fanout, ids, offsets) = parse_index_v2(&idx)?;
        let header = map.get(..12)?;
        let count = u32::from_be_bytes([header[8], header[9], header[10], header[11]]);
        if &header[..4] != b"PACK" || count as usize != offsets.len() || map.len() < 32 {
            return None;
        }
        let prefixes = ids.chunks_exact(20).map(id_prefix).collect();
        Some(Pack { data_end: map.len() as u64 - 20, map, fanout, ids, prefixes, offsets })
    }

    fn find(&self, id: &[u8]) -> Option<u64> {
        let first = *id.first()? as usize;
        let lo = if first == 0 { 0 } else { self.fanout[first - 1] as usize };
        let hi = (self.fanout[first] as usize).min(self.prefixes.len());
        let want = id_prefix(id);
        let bucket = self.prefixes.get(lo..hi)?;
        let mut at = lo + interpolation_search(bucket, want);
        while at < hi && self.prefixes[at] == want {
            if self.ids.get(at * 20..at * 20 + 20)? == id {
                return Some(self.offsets[at]);
            }
            at += 1;
        }
        None
    }

    fn bytes(&self, start: u64, end: u64) -> Result<&[u8], Unpackable> {
        let range = usize::try_from(start).map_err(|_| Unpackable)?..usize::try_from(end).map_err(|_| Unpackable)?;
        self.map.get(range).ok_or(Unpackable)
    }
}

/// Where `want` is or would go in `sorted`, a bucket of uniformly random
/// numbers (object ids): interpolate, then search the few entries around
/// the guess. A plain binary search waited on a cache miss at every step.
fn interpolation_search(sorted: &[u64], want: u64) -> usize {
    const SLACK: usize = 16;
    let (Some(&low), Some(&high)) = (sorted.first(), sorted.last()) else {
        return 0;
    };
    let n = sorted.len();
    let guess = match high > low {
        true => (u128::from(want.saturating_sub(low)) * (n as u128 - 1) / u128::from(high - low)) as usize,
        false => 0,
    }
    .min(n - 1);
    let mut from = guess.saturating_sub(SLACK);
    let mut to = (guess + SLACK + 1).min(n);
    if sorted[from] > want {
        from = 0;
    }
    if sorted[to - 1] < want {
        to = n;
    }
    from + sorted[from..to].partition_point(|&p| p < want)
}

fn id_prefix(id: &[u8]) -> u64 {
    let mut head = [0u8; 8];
    let n = id.len().min(8);
    head[..n].copy_from_slice(&id[..n]);
    u64::from_be_bytes(head)
}

/// Parses a version 2 pack index: fanout, ids and offsets (large offsets
/// resolved). `None` for anything else.
fn parse_index_v2(idx: &[u8]) -> Option<([u32; 256], Vec<u8>, Vec<u64>)> {
    if idx.len() < 8 + 1024 || idx[..8] != [0xff, b't', b'O', b'c', 0, 0, 0, 2] {
        return None;
    }
    let be32 = |at: usize| idx.get(at..at + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
    let mut fanout = [0u32; 256];
    for (i, slot) in fanout.iter_mut().enumerate() {
        *slot = be32(8 + i * 4)?;
    }
    let n = fanout[255] as usize;
    let ids_at = 8 + 1024;
    let offsets_at = ids_at + n * 20 + n * 4;
    let large_at = offsets_at + n * 4;
    let ids = idx.get(ids_at..ids_at + n * 20)?.to_vec();
    let mut offsets = Vec::with_capacity(n);
    for i in 0..n {
        let small = be32(offsets_at + i * 4)?;
        offsets.push(if small & 0x8000_0000 == 0 {
            small as u64
        } else {
            let at = large_at + (small & 0x7fff_ffff) as usize * 8;
            u64::from_be_bytes(idx.get(at..at + 8)?.try_into().ok()?)
        });
    }
    Some((fanout, ids, offsets))
}

/// Reads objects for one thread: its own inflater and cache of rebuilt
/// objects, over a shared [`PackSet`].
pub struct ObjectReader<'a> {
    packs: &'a PackSet,
    /// Objects are inflated whole (their size is in the pack) by
    /// libdeflate, which spends a third less than zlib on git's many small
    /// streams; zlib's streaming inflater reads only the start of a large
    /// delta, to learn an object's size without rebuilding it.
    whole: libdeflater::Decompressor,
    inflater: Decompress,
    cache: Cache,
    /// The last id looked up and where it is: a blob's size is asked for
    /// just before the blob itself.
    located: Option<(Oid, Option<Position>)>,
    /// The delta last inflated to learn an object's size, for the read of
    /// that object which usually follows.
    kept_delta: Option<(Position, Vec<u8>)>,
}

/// A packed object's header: its type, and for a delta where the base is.
struct Entry {
    kind: u8,
    /// Inflated size (of the delta itself, for a delta).
    size: usize,
    /// Offset of the compressed data, and a bound on its end: zlib stops
    /// at the end of its stream, and a stream of `size` bytes is never much
    /// longer than `size` (stored blocks add 5 bytes per 64 KiB).
    data_at: u64,
    data_end: u64,
    base: Option<Base>,
}

enum Base {
    At(Position),
    /// A base that is not in any pack (a thin pack completed by a loose
    /// object): left to libgit2.
    Elsewhere(Oid),
}

/// Why the pack reader gave up on an object; the caller asks libgit2.
#[derive(Debug)]
pub(super) struct Unpackable;

impl<'a> ObjectReader<'a> {
    pub fn new(packs: &'a PackSet) -> Self {
        ObjectReader {
            packs,
            whole: libdeflater::Decompressor::new(),
            inflater: Decompress::new(true),
            cache: Cache::default(),
            located: None,
            kept_delta: None,
        }
    }

    fn locate(&mut self, id: Oid) -> Option<Position> {
        match self.located {
            Some((last, at)) if last == id => at,
            _ => {
                let at = self.packs.position(id);
                self.located = Some((id, at));
                at
            }
        }
    }

    /// The object `id` if it is a `kind`, from a pack or else from libgit2.
    pub fn read(&mut self, repo: &Repository, id: Oid, kind: ObjectType) -> Result<Arc<Vec<u8>>, git2::Error> {
        if let Some(at) = self.locate(id)
            && let Ok((found, data)) = self.rebuild(repo, at)
        {
            return if found == type_code(kind) { Ok(data) } else { Err(wrong_kind(id, kind)) };
        }
        let odb = repo.odb()?;
        let object = odb.read(id)?;
        if object.kind() != kind {
            return Err(wrong_kind(id, kind));
        }
        Ok(Arc::new(object.data().to_vec()))
    }

    /// The commit stored whole at `at` (as listed by
    /// [`PackSet::whole_commits`]), read without a cache or an id lookup.
    pub fn whole_commit(&mut self, at: Position) -> Option<Vec<u8>> {
        let entry = self.packs.entry(at).ok().filter(|e| e.kind == OBJ_COMMIT)?;
        self.inflate(at.0, &entry).ok()
    }

    /// The size of object `id` without reading all of it.
    pub fn size(&mut self, repo: &Repository, id: Oid) -> Result<u64, git2::Error> {
        if let Some(at) = self.locate(id)
            && let Ok(size) = self.packed_size(at)
        {
            return Ok(size);
        }
        Ok(repo.odb()?.read_header(id)?.0 as u64)
    }

    fn packed_size(&mut self, at: Position) -> Result<u64, Unpackable> {
        let entry = self.packs.entry(at)?;
        if entry.base.is_none() {
            return Ok(entry.size as u64);
        }
        // A delta starts with its base's size and then its result's size.
        // Deltas are small: one is inflated whole and kept for the read that
        // follows, rather than inflated twice (a fifth of all inflating).
        let keep = entry.size <= KEPT_DELTA_MAX;
        let delta = if keep { self.inflate(at.0, &entry)? } else { self.inflate_head(at.0, &entry, 20)? };
        let mut pos = 0;
        varint(&delta, &mut pos)?;
        let size = varint(&delta, &mut pos)?;
        if keep && let Some((_, old)) = self.kept_delta.replace((at, delta)) {
            self.cache.recycle(old);
        }
        Ok(size)
    }

    /// The object at `at`, rebuilt through its delta chain: the chain is
    /// followed down to a cached object or a whole one, then each delta is
    /// applied upwards and every result cached.
    fn rebuild(&mut self, repo: &Repository, at: Position) -> Result<Object, Unpackable> {
        let mut deltas = Vec::new();
        let mut here = at;
        let (kind, mut data) = loop {
            if let Some(hit) = self.cache.get(here) {
                break hit;
            }
            if deltas.len() > MAX_CHAIN {
                return Err(Unpackable);
            }
            let entry = self.packs.entry(here)?;
            match entry.base {
                None => {
                    let object = (entry.kind, Arc::new(self.inflate(here.0, &entry)?));
                    // Commits and tags are read once and are seldom a
                    // delta's base: caching them would push trees out.
                    if !matches!(entry.kind, OBJ_COMMIT | OBJ_TAG) {
                        self.cache.put(here, object.clone());
                    }
                    break object;
                }
                Some(Base::At(base)) => {
                    deltas.push((here, entry));
                    here = base;
                }
                Some(Base::Elsewhere(id)) => {
                    let odb = repo.odb().map_err(|_| Unpackable)?;
                    let object = odb.read(id).map_err(|_| Unpackable)?;
                    deltas.push((here, entry));
                    break (type_code(object.kind()), Arc::new(object.data().to_vec()));
                }
            }
        };
        while let Some((position, entry)) = deltas.pop() {
            let delta = match self.kept_delta.take_if(|(kept, _)| *kept == position) {
                Some((_, delta)) => delta,
                None => self.inflate(position.0, &entry)?,
            };
            let mut out = self.cache.buffer(0);
            apply_delta(&data, &delta, &mut out)?;
            self.cache.recycle(delta);
            data = Arc::new(out);
            self.cache.put(position, (kind, data.clone()));
        }
        Ok((kind, data))
    }

    /// Inflates the data of `entry` (in pack `pack`), which must hold
    /// exactly `entry.size` bytes.
    fn inflate(&mut self, pack: u32, entry: &Entry) -> Result<Vec<u8>, Unpackable> {
        // zlib cannot expand more than about 1032:1: a size the rest of the
        // pack could not hold is damage, not something to reserve.
        let rest = self.packs.packs.get(pack as usize).ok_or(Unpackable)?.data_end.saturating_sub(entry.data_at);
        if entry.size as u64 > rest.saturating_mul(1032).saturating_add(64) {
            return Err(Unpackable);
        }
        let mut out = self.cache.buffer(entry.size);
        out.resize(entry.size, 0);
        let input = self.packs.packs.get(pack as usize).ok_or(Unpackable)?.bytes(entry.data_at, entry.data_end)?;
        match self.whole.zlib_decompress(input, &mut out) {
            Ok(n) if n == entry.size => Ok(out),
            _ => Err(Unpackable),
        }
    }

    /// The first `len` bytes of the data of `entry` (fewer if shorter).
    fn inflate_head(&mut self, pack: u32, entry: &Entry, len: usize) -> Result<Vec<u8>, Unpackable> {
        let mut out = Vec::with_capacity(len);
        self.inflate_into(pack, entry, &mut out)?;
        Ok(out)
    }

    /// Inflates into `out`'s spare capacity.
    fn inflate_into(&mut self, pack: u32, entry: &Entry, out: &mut Vec<u8>) -> Result<Status, Unpackable> {
        let input = self.packs.packs.get(pack as usize).ok_or(Unpackable)?.bytes(entry.data_at, entry.data_end)?;
        self.inflater.reset(true);
        self.inflater.decompress_vec(input, out, FlushDecompress::Finish).map_err(|_| Unpackable)
    }
}

fn type_code(kind: ObjectType) -> u8 {
    match kind {
        ObjectType::Commit => OBJ_COMMIT,
        ObjectType::Tree => OBJ_TREE,
        ObjectType::Blob => OBJ_BLOB,
        ObjectType::Tag => OBJ_TAG,
        _ => 0,
    }
}

fn wrong_kind(id: Oid, kind: ObjectType) -> git2::Error {
    git2::Error::from_str(&format!("object {id} is not a {kind}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    fn git(dir: &Path, args: &[&str]) -> String {
        let out = Command::new("git")
            .current_dir(dir)
            .args(["-c", "user.name=t", "-c", "user.email=t@acme.test"])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// Every object of a repacked history, read from the pack (never by
    /// falling back), is byte for byte what libgit2 reads.
    #[test]
    fn every_packed_object_reads_as_libgit2_reads_it() {
        for offsets in ["true", "false"] {
            let dir = tempfile::tempdir().unwrap();
            git(dir.path(), &["init", "-q"]);
            let lines: String = (0..300).map(|n| format!("line {n}\n")).collect();
            for n in 0..40 {
                std::fs::write(dir.path().join("a.txt"), format!("{n}\n{lines}{n}\n")).unwrap();
                std::fs::create_dir_all(dir.path().join("sub")).unwrap();
                std::fs::write(dir.path().join("sub/b.txt"), format!("{lines}{}\n", n % 7)).unwrap();
                git(dir.path(), &["add", "-A"]);
                git(dir.path(), &["commit", "-q", "-m", &format!("c{n}")]);
            }
            let config = format!("repack.useDeltaBaseOffset={offsets}");
            git(dir.path(), &["-c", &config, "repack", "-a", "-d", "-f", "-q", "--depth=50"]);
            let repo = Repository::open(dir.path()).unwrap();
            let packs = PackSet::open(repo.path());
            let mut reader = ObjectReader::new(&packs);
            let odb = repo.odb().unwrap();
            let mut deltas = 0;
            let ids: Vec<Oid> = git(dir.path(), &["rev-list", "--objects", "--all"])
                .lines()
                .map(|l| Oid::from_str(&l[..40]).unwrap())
                .collect();
            assert!(ids.len() > 100);
            for &id in &ids {
                let at = packs.position(id).expect("packed");
                deltas += packs.entry(at).unwrap().base.is_some() as usize;
                let (kind, data) = reader.rebuild(&repo, at).unwrap();
                let expected = odb.read(id).unwrap();
                assert_eq!(kind, type_code(expected.kind()), "{id}");
                assert_eq!(&data[..], expected.data(), "{id}");
                assert_eq!(reader.packed_size(at).unwrap(), expected.len() as u64, "{id}");
            }
            // As a scan reads them: grouped by chain, the size asked first.
            let mut ordered = ids.clone();
            ordered.sort_by_key(|&id| packs.read_order(id));
            let mut reader = ObjectReader::new(&packs);
            for id in ordered {
                let expected = odb.read(id).unwrap();
                assert_eq!(reader.size(&repo, id).unwrap(), expected.len() as u64, "{id}");
                assert_eq!(&reader.read(&repo, id, expected.kind()).unwrap()[..], expected.data(), "{id}");
            }
            assert!(deltas >= 30, "the history is mostly deltas ({deltas})");
        }
    }

    /// A clone sharing another repository's objects (`git clone --shared`)
    /// reads them from that repository's packs.
    #[test]
    fn borrowed_objects_are_read_from_the_alternate_packs() {
        let dir = tempfile::tempdir().unwrap();
        let origin = dir.path().join("origin");
        std::fs::create_dir(&origin).unwrap();
        git(&origin, &["init", "-q"]);
        std::fs::write(origin.join("a.txt"), "shared\n").unwrap();
        git(&origin, &["add", "-A"]);
        git(&origin, &["commit", "-q", "-m", "one"]);
        git(&origin, &["repack", "-a", "-d", "-q"]);
        git(dir.path(), &["clone", "-q", "--shared", origin.to_str().unwrap(), "borrower"]);
        let repo = Repository::open(dir.path().join("borrower")).unwrap();
        let packs = PackSet::open(repo.path());
        let blob = repo.revparse_single("HEAD:a.txt").unwrap().id();
        assert!(packs.position(blob).is_some(), "found in the alternate's pack");
        assert_eq!(&ObjectReader::new(&packs).read(&repo, blob, ObjectType::Blob).unwrap()[..], b"shared\n");
    }

    /// Two packs and loose objects side by side: every object reads (from
    /// whichever pack holds it, or through libgit2) as libgit2 reads it.
    #[test]
    fn several_packs_and_loose_objects_read_alike() {
        let dir = tempfile::tempdir().unwrap();
        git(dir.path(), &["init", "-q"]);
        let lines: String = (0..200).map(|n| format!("line {n}\n")).collect();
        let commit = |n: usize| {
            std::fs::write(dir.path().join("a.txt"), format!("{n}\n{lines}")).unwrap();
            git(dir.path(), &["add", "-A"]);
            git(dir.path(), &["commit", "-q", "-m", &format!("c{n}")]);
        };
        (0..10).for_each(commit);
        git(dir.path(), &["repack", "-a", "-d", "-q"]);
        (10..20).for_each(commit);
        git(dir.path(), &["repack", "-d", "-q"]);
        (20..25).for_each(commit);
        let packs_on_disk = std::fs::read_dir(dir.path().join(".git/objects/pack"))
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "idx"))
            .count();
        assert_eq!(packs_on_disk, 2);
        let repo = Repository::open(dir.path()).unwrap();
        let packs = PackSet::open(repo.path());
        let mut reader = ObjectReader::new(&packs);
        let odb = repo.odb().unwrap();
        let (mut packed, mut loose) = (0, 0);
        for line in git(dir.path(), &["rev-list", "--objects", "--all"]).lines() {
            let id = Oid::from_str(&line[..40]).unwrap();
            let expected = odb.read(id).unwrap();
            match packs.position(id) {
                Some(_) => packed += 1,
                None => loose += 1,
            }
            assert_eq!(&reader.read(&repo, id, expected.kind()).unwrap()[..], expected.data(), "{id}");
            assert_eq!(reader.size(&repo, id).unwrap(), expected.len() as u64, "{id}");
        }
        assert!(packed > 40 && loose >= 15, "{packed} packed, {loose} loose");
        let blob = repo.revparse_single("HEAD:a.txt").unwrap().id();
        assert!(reader.read(&repo, blob, ObjectType::Tree).is_err(), "a blob is not read as a tree");
    }

    #[test]
    fn interpolation_search_finds_the_insertion_point() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut sorted: Vec<u64> = (0..5000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state
            })
            .collect();
        sorted.sort_unstable();
        for want in sorted.iter().copied().chain([0, 1, u64::MAX, sorted[100] + 1, sorted[4000] - 1]) {
            assert_eq!(interpolation_search(&sorted, want), sorted.partition_point(|&p| p < want), "{want}");
        }
        // Skewed values still give the right answer (only more slowly).
        let skewed: Vec<u64> = (0..1000u64).map(|n| n * n * n).collect();
        for want in [0, 1, 8, 9, 27_000_000, 998_001_000, u64::MAX] {
            assert_eq!(interpolation_search(&skewed, want), skewed.partition_point(|&p| p < want), "{want}");
        }
        assert_eq!(interpolation_search(&[], 5), 0);
        assert_eq!(interpolation_search(&[7, 7, 7], 7), 0);
    }
}
