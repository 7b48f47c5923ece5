//! Inline allow comments: a person marks a false positive where it stands.
//!
//! On the finding's own line: `keyhound:allow`, `gitleaks:allow` (gitleaks'
//! habit) or `pragma: allowlist secret` (detect-secrets'). On the line
//! before, when that line is only a comment: `keyhound:allow` or
//! `pragma: allowlist nextline secret`.

/// Markers honoured on the finding's own line.
const SAME_LINE: &[&str] = &["keyhound:allow", "gitleaks:allow", "pragma: allowlist secret"];
/// Markers honoured on a comment line just above the finding.
const LINE_BEFORE: &[&str] = &["keyhound:allow", "pragma: allowlist nextline secret"];

/// The marker that allows a secret starting at `offset` in `hay`, if any.
pub fn allow_marker(hay: &[u8], offset: usize) -> Option<&'static str> {
    let start = memchr::memrchr(b'\n', &hay[..offset]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &hay[offset..]).map_or(hay.len(), |i| offset + i);
    if let Some(m) = find_marker(&hay[start..end], SAME_LINE) {
        return Some(m);
    }
    if start == 0 {
        return None;
    }
    let prev_start = memchr::memrchr(b'\n', &hay[..start - 1]).map_or(0, |i| i + 1);
    let prev = &hay[prev_start..start - 1];
    if is_comment_only(prev) { find_marker(prev, LINE_BEFORE) } else { None }
}

fn find_marker(line: &[u8], markers: &[&'static str]) -> Option<&'static str> {
    markers.iter().copied().find(|m| memchr::memmem::find(line, m.as_bytes()).is_some())
}

/// True if and only if the line holds nothing but a comment, so a marker on
/// it speaks about the next line rather than about code of its own.
fn is_comment_only(line: &[u8]) -> bool {
    let t = line.trim_ascii();
    ["#", "//", "--", ";", "/*", "*", "<!--", "%", "'", "rem ", "REM "].iter().any(|p| t.starts_with(p.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::allow_marker;

    fn at(text: &str, needle: &str) -> Option<&'static str> {
        allow_marker(text.as_bytes(), text.find(needle).unwrap())
    }

    #[test]
    fn same_line_markers() {
        assert_eq!(at("k = \"SECRET\"  # keyhound:allow\n", "SECRET"), Some("keyhound:allow"));
        assert_eq!(at("k = SECRET // gitleaks:allow", "SECRET"), Some("gitleaks:allow"));
        assert_eq!(at("k: SECRET  # pragma: allowlist secret", "SECRET"), Some("pragma: allowlist secret"));
        assert_eq!(at("k = SECRET\n# keyhound:allow\n", "SECRET"), None);
    }

    #[test]
    fn line_before_must_be_a_comment() {
        assert_eq!(at("# keyhound:allow\nk = SECRET\n", "SECRET"), Some("keyhound:allow"));
        assert_eq!(
            at("  // pragma: allowlist nextline secret\nk = SECRET\n", "SECRET"),
            Some("pragma: allowlist nextline secret")
        );
        // An allowed secret on the line above does not allow the next one.
        assert_eq!(at("a = OTHER  # keyhound:allow\nb = SECRET\n", "SECRET"), None);
    }
}
