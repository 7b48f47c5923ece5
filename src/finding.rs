//! Findings: a confirmed secret with everything a report needs to say where
//! it is, and a content fingerprint that survives the line moving.

use std::path::PathBuf;
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::engine::Match;
use crate::filter::Suppression;
use crate::filter::inline::allow_marker;
use crate::rules::Rule;

/// Where a blob of bytes came from. The engine never looks at this; reports do.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// A file found under (or named as) a scan root.
    File {
        /// The path as a user would type it (the root joined with the walk).
        path: PathBuf,
        /// The scan root this file was found under; SARIF URIs are relative to it.
        root: Arc<PathBuf>,
    },
    /// Standard input, reported as the path `-`.
    Stdin,
    /// A blob in a repository's history, at the path where the commit that
    /// introduced it put it.
    Git { commit: Arc<Commit>, path: String },
    /// A file staged in a repository's index (path relative to the repository).
    Staged { path: String },
}

/// The commit a git finding is attributed to.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Commit {
    /// Position in oldest-first (topological) order: smaller came first.
    pub order: usize,
    /// Full hex id.
    pub id: String,
    pub author: String,
    pub email: String,
    /// Author date, RFC 3339 with the author's UTC offset.
    pub date: String,
    /// First line of the message.
    pub summary: String,
}

impl Origin {
    /// The path reports print: as walked, without a leading `./`.
    pub fn display_path(&self) -> String {
        match self {
            Origin::File { path, .. } => {
                let s = path.to_string_lossy();
                let mut s: &str = &s;
                while let Some(rest) = s.strip_prefix("./") {
                    s = rest;
                }
                s.to_string()
            }
            Origin::Stdin => "-".to_string(),
            Origin::Git { path, .. } | Origin::Staged { path } => path.clone(),
        }
    }

    /// The commit this finding is attributed to, for git history scans.
    pub fn commit(&self) -> Option<&Commit> {
        match self {
            Origin::Git { commit, .. } => Some(commit),
            _ => None,
        }
    }

    /// The path relative to the scan root, with `/` separators: what SARIF's
    /// `artifactLocation.uri` holds. A root that is itself a file gives its name.
    pub fn relative_uri(&self) -> String {
        match self {
            Origin::File { path, root } => {
                let rel = match path.strip_prefix(root.as_path()) {
                    Ok(rel) if !rel.as_os_str().is_empty() => rel.to_path_buf(),
                    _ => path.file_name().map(PathBuf::from).unwrap_or_else(|| path.clone()),
                };
                let parts: Vec<String> =
                    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                parts.join("/")
            }
            Origin::Stdin => "-".to_string(),
            Origin::Git { path, .. } | Origin::Staged { path } => path.clone(),
        }
    }
}

/// One secret found in one place.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule_id: Arc<str>,
    pub rule_name: Arc<str>,
    pub origin: Arc<Origin>,
    /// The secret itself. Kept in memory only; reports redact it unless the
    /// user asked to see secrets.
    pub secret: String,
    /// Byte offset of the secret in its blob.
    pub offset: usize,
    /// 1-based line of the secret's first byte.
    pub line: usize,
    /// 1-based column (in characters) of the secret's first character.
    pub column: usize,
    /// 1-based line holding the secret's last character.
    pub end_line: usize,
    /// Column just past the secret's last character on `end_line` (exclusive,
    /// as in SARIF).
    pub end_column: usize,
    /// The text of `line`, at most `CONTEXT_MAX` characters around the secret.
    pub context: String,
    /// Where the secret starts and ends inside `context`, in bytes.
    pub context_secret: std::ops::Range<usize>,
    /// Hash of rule id and secret: stable when the line moves or the file is renamed.
    pub fingerprint: String,
    /// For a secret found under an encoding, the layers decoded (`base64`).
    /// The location is then that of the encoded text.
    pub decoded: Option<String>,
    /// The allow comment on or above the secret's line, if any.
    pub inline_allow: Option<&'static str>,
    /// Why the finding is not reported; set by the filters under `--explain`.
    pub suppressed: Option<Suppression>,
    /// Copied from the rule: test suites make this kind of secret up.
    pub made_in_tests: bool,
}

/// Longest context line kept for a report, in bytes on either side of the secret.
const CONTEXT_SIDE: usize = 80;

impl Finding {
    /// Builds findings for all matches in one blob, computing line and column
    /// in a single forward pass (matches arrive sorted by offset).
    pub fn from_matches(rules: &[Rule], origin: &Arc<Origin>, hay: &[u8], matches: &[Match]) -> Vec<Finding> {
        let mut lines = LineCounter::default();
        matches
            .iter()
            .map(|m| {
                let rule = &rules[m.rule];
                let secret = match &m.decoded {
                    Some(d) => String::from_utf8_lossy(&d.secret).into_owned(),
                    None => String::from_utf8_lossy(&hay[m.secret.clone()]).into_owned(),
                };
                let (line, line_start) = lines.advance_to(hay, m.secret.start);
                let column = char_count(&hay[line_start..m.secret.start]) + 1;
                let last = m.secret.end - 1;
                let end_line = line + memchr::memchr_iter(b'\n', &hay[m.secret.start..last]).count();
                let end_line_start = memchr::memrchr(b'\n', &hay[..last]).map_or(0, |i| i + 1).max(line_start);
                let end_column = char_count(&hay[end_line_start..m.secret.end]) + 1;
                let (context, context_secret) = context_line(hay, line_start, m.secret.clone());
                Finding {
                    rule_id: rule.id.clone(),
                    rule_name: rule.name.clone(),
                    origin: origin.clone(),
                    fingerprint: fingerprint(&rule.id, &secret),
                    secret,
                    offset: m.secret.start,
                    line,
                    column,
                    end_line,
                    end_column,
                    context,
                    context_secret,
                    decoded: m.decoded.as_ref().map(|d| d.layers.clone()),
                    inline_allow: allow_marker(hay, m.secret.start),
                    suppressed: None,
                    made_in_tests: rule.made_in_tests,
                }
            })
            .collect()
    }

    /// The order every report uses: by path, position, then rule.
    pub fn sort_key(&self) -> (String, usize, usize, Arc<str>) {
        (self.origin.display_path(), self.line, self.column, self.rule_id.clone())
    }
}

/// Content fingerprint: the first 128 bits of SHA-256 over rule id and secret,
/// in hex. Never the secret itself, so it can be committed in a baseline.
pub fn fingerprint(rule_id: &str, secret: &str) -> String {
    let mut h = Sha256::new();
    h.update(rule_id.as_bytes());
    h.update([0u8]);
    h.update(secret.as_bytes());
    let digest = h.finalize();
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Counts lines incrementally so that many findings in one large blob cost
/// one pass over it, not one pass per finding.
#[derive(Default)]
struct LineCounter {
    pos: usize,
    line: usize,
    line_start: usize,
}

impl LineCounter {
    /// Moves to `offset` (which must not go backwards) and returns its 1-based
    /// line number and the offset where that line starts.
    fn advance_to(&mut self, hay: &[u8], offset: usize) -> (usize, usize) {
        if offset < self.pos {
            *self = LineCounter::default();
        }
        for i in memchr::memchr_iter(b'\n', &hay[self.pos..offset]) {
            self.line += 1;
            self.line_start = self.pos + i + 1;
        }
        self.pos = offset;
        (self.line + 1, self.line_start)
    }
}

/// Characters in `bytes`, counting each invalid UTF-8 byte as one.
fn char_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// The secret's first line, trimmed to `CONTEXT_SIDE` bytes either side of it,
/// and where the secret sits in that text.
fn context_line(hay: &[u8], line_start: usize, secret: std::ops::Range<usize>) -> (String, std::ops::Range<usize>) {
    let line_end = memchr::memchr(b'\n', &hay[secret.start..]).map_or(hay.len(), |i| secret.start + i);
    let from = floor_char(hay, line_start.max(secret.start.saturating_sub(CONTEXT_SIDE)));
    let secret_end = secret.end.min(line_end);
    let to = ceil_char(hay, line_end.min(secret_end + CONTEXT_SIDE));
    let before = String::from_utf8_lossy(&hay[from..secret.start]);
    let inner = String::from_utf8_lossy(&hay[secret.start..secret_end]);
    let after = String::from_utf8_lossy(&hay[secret_end..to]);
    let mut text = String::with_capacity(before.len() + inner.len() + after.len());
    text.push_str(before.trim_start());
    let start = text.len();
    text.push_str(&inner);
    let end = text.len();
    text.push_str(after.trim_end());
    (text, start..end)
}

fn floor_char(hay: &[u8], mut i: usize) -> usize {
    while i > 0 && i < hay.len() && (hay[i] & 0xC0) == 0x80 {
        i -= 1;
    }
    i
}

fn ceil_char(hay: &[u8], mut i: usize) -> usize {
    while i < hay.len() && (hay[i] & 0xC0) == 0x80 {
        i += 1;
    }
    i
}
