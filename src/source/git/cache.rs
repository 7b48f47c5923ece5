//! The objects a pack reader rebuilt from deltas, kept for the deltas
//! that build on them, and the buffers of those it let go.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use super::pack::Position;

/// Rebuilt objects kept per reader (per generation; two generations live).
const CACHE_BUDGET: usize = 8 << 20;

/// Two generations of rebuilt objects: when the young one is full it
/// becomes the old one, so what was used recently survives.
#[derive(Default)]
pub(super) struct Cache {
    young: HashMap<Position, Object, PositionHash>,
    old: HashMap<Position, Object, PositionHash>,
    young_bytes: usize,
    /// The last two objects too large for a generation, newest first:
    /// objects are read by delta chain, so a recent version of a large file
    /// is usually the base of the next one, which would otherwise rebuild
    /// the whole chain.
    large: [Option<(Position, Object)>; 2],
    /// Buffers of retired objects, reused: allocating a fresh one for each
    /// object (and returning a generation's worth to the system at once)
    /// cost a tenth of a history scan.
    spare: Vec<Vec<u8>>,
    spare_bytes: usize,
}

/// An object's type code and bytes.
pub(super) type Object = (u8, Arc<Vec<u8>>);

/// Positions are hashed with one multiply per word: SipHash cost a twentieth
/// of a history scan, and nothing here is chosen by an attacker to collide
/// (a crafted pack could only slow its own scan down).
type PositionHash = BuildHasherDefault<PositionHasher>;

#[derive(Default)]
struct PositionHasher(u64);

impl Hasher for PositionHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl Cache {
    pub(super) fn get(&mut self, at: Position) -> Option<Object> {
        if let Some(hit) = self.young.get(&at) {
            return Some(hit.clone());
        }
        if let Some((_, hit)) = self.large.iter().flatten().find(|(large_at, _)| *large_at == at) {
            return Some(hit.clone());
        }
        let hit = self.old.remove(&at)?;
        self.put(at, hit.clone());
        Some(hit)
    }

    pub(super) fn put(&mut self, at: Position, object: Object) {
        let len = object.1.len();
        if len > CACHE_BUDGET / 4 {
            self.large.swap(0, 1);
            self.large[0] = Some((at, object));
            return;
        }
        if self.young_bytes + len > CACHE_BUDGET {
            // The young generation becomes the old one; the old one's table
            // (emptied, its buffers kept for reuse) becomes the young one, so
            // neither table grows again from nothing.
            std::mem::swap(&mut self.young, &mut self.old);
            self.young_bytes = 0;
            let mut retired = std::mem::take(&mut self.young);
            for (_, (_, data)) in retired.drain() {
                if let Ok(buffer) = Arc::try_unwrap(data) {
                    self.recycle(buffer);
                }
            }
            self.young = retired;
        }
        self.young_bytes += len;
        self.young.insert(at, object);
    }

    /// An empty buffer with room for `size` bytes.
    pub(super) fn buffer(&mut self, size: usize) -> Vec<u8> {
        let mut buffer = self.spare.pop().unwrap_or_default();
        self.spare_bytes -= buffer.capacity();
        buffer.reserve(size);
        buffer
    }

    /// Keeps `buffer` for reuse, up to a generation's worth of bytes.
    pub(super) fn recycle(&mut self, mut buffer: Vec<u8>) {
        if self.spare_bytes + buffer.capacity() <= CACHE_BUDGET {
            buffer.clear();
            self.spare_bytes += buffer.capacity();
            self.spare.push(buffer);
        }
    }
}
