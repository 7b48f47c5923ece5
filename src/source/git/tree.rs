//! Raw git tree objects, parsed without libgit2: a history walk reads tens
//! of thousands of trees and needs only each entry's kind, name and id.

/// The entries of a raw tree object: mode, name and id. Stops at the first
/// malformed entry, and says so in `malformed`.
pub struct TreeEntries<'t> {
    rest: &'t [u8],
    pub malformed: bool,
}

/// What a tree entry points at.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum EntryKind {
    Tree,
    Blob,
    /// A submodule commit, or a mode git does not write.
    Other,
}

pub fn tree_entries(raw: &[u8]) -> TreeEntries<'_> {
    TreeEntries { rest: raw, malformed: false }
}

impl<'t> Iterator for TreeEntries<'t> {
    /// Kind, name and the raw 20 bytes of the id.
    type Item = (EntryKind, &'t [u8], &'t [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let parsed = (|| {
            let space = memchr::memchr(b' ', self.rest)?;
            let nul = space + 1 + memchr::memchr(0, &self.rest[space + 1..])?;
            let id = self.rest.get(nul + 1..nul + 21)?;
            let kind = match &self.rest[..space] {
                b"40000" | b"040000" => EntryKind::Tree,
                b"100644" | b"100755" | b"100664" | b"120000" => EntryKind::Blob,
                _ => EntryKind::Other,
            };
            Some((kind, &self.rest[space + 1..nul], id, nul + 21))
        })();
        match parsed {
            Some((kind, name, id, used)) => {
                self.rest = &self.rest[used..];
                Some((kind, name, id))
            }
            None => {
                self.malformed = true;
                self.rest = &[];
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_entries_parse_and_stop_at_garbage() {
        let id = [7u8; 20];
        let mut raw = b"100644 a.txt\0".to_vec();
        raw.extend_from_slice(&id);
        raw.extend_from_slice(b"40000 dir\0");
        raw.extend_from_slice(&id);
        raw.extend_from_slice(b"160000 sub\0");
        raw.extend_from_slice(&id);
        let kinds: Vec<_> = tree_entries(&raw).map(|(k, n, _)| (k, n.to_vec())).collect();
        assert_eq!(
            kinds,
            [
                (EntryKind::Blob, b"a.txt".to_vec()),
                (EntryKind::Tree, b"dir".to_vec()),
                (EntryKind::Other, b"sub".to_vec())
            ]
        );
        let mut cut = tree_entries(&raw[..raw.len() - 3]);
        assert_eq!(cut.by_ref().count(), 2);
        assert!(cut.malformed);
    }
}
