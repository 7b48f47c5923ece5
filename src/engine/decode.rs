//! Encoded layers: secrets hidden in base64 (Kubernetes Secret `data`, basic
//! auth headers, config blobs), percent-encoding (URLs, form bodies) and hex,
//! or wrapped over string literals on consecutive lines.
//!
//! A layer is a run of encoded text that decodes to printable text; the
//! engine scans the decoded text like any input (to a bounded depth) and
//! reports what it finds at the encoded run in the original.

use std::ops::Range;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};

/// Shortest base64 run worth decoding: 16 bytes of text (the shortest
/// credentials worth finding, `user:password` pairs included).
const MIN_BASE64: usize = 20;
/// Shortest hex run worth decoding: 16 bytes.
const MIN_HEX: usize = 32;
/// Longest run decoded; longer runs are files (images, archives), not secrets.
const MAX_RUN: usize = 64 * 1024;

/// One decoded run.
#[derive(Debug)]
pub struct Layer {
    /// The encoded text in the input.
    pub span: Range<usize>,
    pub decoded: Vec<u8>,
    pub encoding: &'static str,
}

/// Byte classes, looked up once per input byte.
const BASE64: u8 = 1;
const HEX: u8 = 2;
const URL: u8 = 4;

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let mut c = 0;
        // `=` is padding: it ends a run (`key=dmFs...` holds a run after it).
        if b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_') {
            c |= BASE64;
        }
        if b.is_ascii_hexdigit() {
            c |= HEX;
        }
        if b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'%' | b'.'
                    | b'_'
                    | b'~'
                    | b':'
                    | b'/'
                    | b'?'
                    | b'#'
                    | b'['
                    | b']'
                    | b'@'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'-'
            )
        {
            c |= URL;
        }
        t[i] = c;
        i += 1;
    }
    t
};

fn is(b: u8, class: u8) -> bool {
    CLASS[b as usize] & class != 0
}

/// Every run of `hay` that decodes (as base64, percent-encoding or hex, or
/// as string literals joined over lines) to
/// printable text. Runs of the base64 alphabet (hex runs lie inside them)
/// are found as in Boyer-Moore: probe the byte a minimum run length ahead
/// and scan back; a byte outside the alphabet rules out every run through
/// it, so ordinary text is skipped many bytes at a time. `%` is found with
/// memchr.
pub fn layers(hay: &[u8]) -> Vec<Layer> {
    let mut out = Vec::new();
    // The end of the last joined literal chain: its later literals start no
    // chain of their own (a blob wrapped over a thousand lines is one layer).
    let mut joined_until = 0;
    // Invariant: `start` is 0 or follows a byte outside the alphabet, and
    // hay[start..known] is known to be inside it.
    let (mut start, mut known) = (0, 0);
    while start + MIN_BASE64 <= hay.len() {
        let probe = start + MIN_BASE64 - 1;
        match hay[known..=probe].iter().rposition(|&b| !is(b, BASE64)).map(|i| known + i) {
            Some(outside) => {
                start = outside + 1;
                known = probe + 1;
            }
            None => {
                let mut end =
                    hay[probe + 1..].iter().position(|&b| !is(b, BASE64)).map_or(hay.len(), |i| probe + 1 + i);
                end += hay[end..].iter().take(2).take_while(|&&b| b == b'=').count();
                if end - start <= MAX_RUN {
                    if start >= joined_until {
                        joined_until = joined_literal_layer(hay, start..end, &mut out).unwrap_or(0);
                    }
                    base64_layer(hay, start..end, &mut out);
                    if end - start >= MIN_HEX {
                        hex_layers(hay, start..end, &mut out);
                    }
                }
                start = end + 1;
                known = start;
            }
        }
    }
    percent_layers(hay, &mut out);
    json_layers(hay, &mut out);
    out.retain(|l| is_text(&l.decoded));
    out
}

/// A token-like string literal continued on the next lines, joined: a key
/// wrapped to fit a line (`"sk-ant-api03-…"` then `"…AA"` below it, by
/// implicit concatenation in Python, C and Go, or `+` in JavaScript, Go and
/// Java) otherwise matches no rule. `span` is a run of token characters;
/// only a run that is a whole literal, followed by another, makes a layer.
/// Returns where the chain ends, if it made one.
fn joined_literal_layer(hay: &[u8], span: Range<usize>, out: &mut Vec<Layer>) -> Option<usize> {
    let quote = *hay.get(span.start.checked_sub(1)?)?;
    if !matches!(quote, b'"' | b'\'') || hay.get(span.end) != Some(&quote) {
        return None;
    }
    let mut joined = hay[span.clone()].to_vec();
    let mut end = span.end;
    while let Some((next, next_end)) = continued_literal(hay, end + 1, quote) {
        end = next_end;
        if end - span.start > MAX_RUN {
            return Some(end);
        }
        joined.extend_from_slice(&hay[next..next_end]);
    }
    if end == span.end {
        return None;
    }
    out.push(Layer { span: span.start..end, decoded: joined, encoding: "joined" });
    Some(end)
}

/// The body of the token-like literal that continues one closed just
/// before `at`: on the next line, after an optional `+` or `\\`.
fn continued_literal(hay: &[u8], at: usize, quote: u8) -> Option<(usize, usize)> {
    let blank = |i: &usize| matches!(hay[*i], b' ' | b'\t');
    let mut i = (at..hay.len()).find(|i| !blank(i))?;
    if matches!(hay[i], b'+' | b'\\') {
        i = (i + 1..hay.len()).find(|i| !blank(i))?;
    }
    if hay[i] == b'\r' {
        i += 1;
    }
    if hay.get(i) != Some(&b'\n') {
        return None;
    }
    let open = (i + 1..hay.len()).find(|i| !blank(i))?;
    if hay[open] != quote {
        return None;
    }
    let body = open + 1;
    let len = hay[body..].iter().take_while(|&&b| is(b, BASE64) || b == b'=').count();
    (len > 0 && hay.get(body + len) == Some(&quote)).then_some((body, body + len))
}

fn base64_layer(hay: &[u8], span: Range<usize>, out: &mut Vec<Layer>) {
    if let Some(decoded) = base64_of_ascii(&hay[span.clone()]) {
        out.push(Layer { span, decoded, encoding: "base64" });
    }
}

/// `text` decoded, if it is base64 (standard or URL-safe, padded or not)
/// of bytes that could be ASCII text.
fn base64_of_ascii(text: &[u8]) -> Option<Vec<u8>> {
    if !encodes_ascii_text(text) || !looks_base64(text) {
        return None;
    }
    let trimmed = text.strip_suffix(b"==").or_else(|| text.strip_suffix(b"=")).unwrap_or(text);
    let decoded = if trimmed.iter().any(|&b| b == b'-' || b == b'_') {
        URL_SAFE_NO_PAD.decode(trimmed)
    } else {
        STANDARD_NO_PAD.decode(trimmed)
    };
    decoded.ok()
}

/// `text` decoded, if it is wholly base64 of printable text: a value that
/// only looks random because it was encoded.
pub fn base64_text(text: &[u8]) -> Option<Vec<u8>> {
    base64_of_ascii(text).filter(|d| is_text(d))
}

/// Hex runs of even length inside `span`, with letters (not a number).
fn hex_layers(hay: &[u8], span: Range<usize>, out: &mut Vec<Layer>) {
    let mut i = span.start;
    while i < span.end {
        if !is(hay[i], HEX) {
            i += 1;
            continue;
        }
        let start = i;
        while i < span.end && is(hay[i], HEX) {
            i += 1;
        }
        let text = &hay[start..i];
        // Printable ASCII in hex: every byte's first digit is 2 to 7.
        let ascii = text.iter().step_by(2).all(|b| (b'2'..=b'7').contains(b));
        if text.len() >= MIN_HEX
            && text.len().is_multiple_of(2)
            && ascii
            && text.iter().any(|b| b.is_ascii_alphabetic())
        {
            let decoded = text.chunks(2).map(|p| (hex_value(p[0]) << 4) | hex_value(p[1])).collect();
            out.push(Layer { span: start..i, decoded, encoding: "hex" });
        }
    }
}

/// Base64 of text has mixed case and digits, is not an identifier or a path
/// (`some_long_function_name`, `a/b/c`), and has padding only at the end.
fn looks_base64(text: &[u8]) -> bool {
    let upper = text.iter().filter(|b| b.is_ascii_uppercase()).count();
    let lower = text.iter().filter(|b| b.is_ascii_lowercase()).count();
    let digits = text.iter().filter(|b| b.is_ascii_digit()).count();
    let body = text.iter().rposition(|&b| b != b'=').map_or(0, |i| i + 1);
    upper > 0
        && lower > 0
        && digits > 0
        && !text[..body].contains(&b'=')
        && text.len() - body <= 2
        && !(text.contains(&b'/') && (text.contains(&b'-') || text.contains(&b'_')))
}

/// True if `text`, read as base64 from its first byte, could decode to
/// ASCII text: every 4-character group then starts with a character worth
/// 8 to 31 (`I`-`Z`, `a`-`f`), the top six bits of a byte 0x20-0x7f, or 2
/// to 3 (`C`, `D`), those of a tab, line feed or carriage return (a PEM key
/// in a kubeconfig's `client-key-data` has lines). Identifiers and hashes
/// fail this at once, before any decoding.
fn encodes_ascii_text(text: &[u8]) -> bool {
    text.iter().step_by(4).all(|&c| matches!(c, b'C' | b'D' | b'I'..=b'Z' | b'a'..=b'f'))
}

fn hex_value(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        _ => b - b'A' + 10,
    }
}

/// Runs of URL characters holding at least two `%XX` escapes, decoded.
fn percent_layers(hay: &[u8], out: &mut Vec<Layer>) {
    let mut from = 0;
    while let Some(p) = memchr::memchr(b'%', &hay[from..]).map(|i| from + i) {
        let start = hay[from..p].iter().rposition(|&b| !is(b, URL)).map_or(from, |i| from + i + 1);
        let end = hay[p..].iter().position(|&b| !is(b, URL)).map_or(hay.len(), |i| p + i);
        let run = &hay[start..end];
        let escapes = run.windows(3).filter(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit());
        if escapes.count() >= 2 && run.len() <= MAX_RUN {
            out.push(Layer { span: start..end, decoded: percent_decode(run), encoding: "percent" });
        }
        from = end.max(p + 1);
    }
}

/// JSON string literals holding a `\uXXXX` or `\/` escape (PHP's
/// `json_encode` writes `https:\/\/user:pass@host`), unescaped. The escapes
/// `\"` and `\n` alone need no layer: rules accept them as they are.
fn json_layers(hay: &[u8], out: &mut Vec<Layer>) {
    // Both escapes are rare: two SIMD substring searches find them without
    // stopping at every `\n` of ordinary code.
    let mut escapes: Vec<usize> =
        memchr::memmem::find_iter(hay, b"\\u").chain(memchr::memmem::find_iter(hay, b"\\/")).collect();
    if escapes.is_empty() {
        return;
    }
    escapes.sort_unstable();
    let mut done = 0;
    for p in escapes {
        if p < done {
            continue;
        }
        let line_start = memchr::memrchr(b'\n', &hay[..p]).map_or(0, |i| i + 1);
        let line_end = memchr::memchr(b'\n', &hay[p..]).map_or(hay.len(), |i| p + i);
        let open = (line_start..p).rev().find(|&i| hay[i] == b'"' && !escaped(hay, i));
        let close = (p + 1..line_end).find(|&i| hay[i] == b'"' && !escaped(hay, i));
        if let (Some(open), Some(close)) = (open, close)
            && close - open <= MAX_RUN
        {
            out.push(Layer { span: open + 1..close, decoded: json_unescape(&hay[open + 1..close]), encoding: "json" });
            done = close + 1;
        }
    }
}

/// True if the byte at `i` is preceded by an odd number of backslashes.
fn escaped(hay: &[u8], i: usize) -> bool {
    hay[..i].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

/// The text of a JSON string literal's body; malformed escapes are kept.
fn json_unescape(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'\\' || i + 1 >= s.len() {
            out.push(s[i]);
            i += 1;
            continue;
        }
        let simple = match s[i + 1] {
            b'"' => Some(b'"'),
            b'\\' => Some(b'\\'),
            b'/' => Some(b'/'),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            _ => None,
        };
        if let Some(b) = simple {
            out.push(b);
            i += 2;
        } else if let Some(c) = s
            .get(i + 2..i + 6)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
        {
            let mut buf = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            i += 6;
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    out
}

/// `s` with `%XX` escapes decoded (and `+` as a space, as in forms).
pub(super) fn percent_decode(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%' && i + 2 < s.len() && s[i + 1].is_ascii_hexdigit() && s[i + 2].is_ascii_hexdigit() {
            out.push((hex_value(s[i + 1]) << 4) | hex_value(s[i + 2]));
            i += 3;
        } else {
            out.push(if s[i] == b'+' { b' ' } else { s[i] });
            i += 1;
        }
    }
    out
}

/// Decoded bytes that are text: valid UTF-8, nearly all printable.
fn is_text(bytes: &[u8]) -> bool {
    let Ok(s) = std::str::from_utf8(bytes) else {
        return false;
    };
    let printable = s.chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t')).count();
    bytes.len() >= 8 && printable * 100 >= s.chars().count() * 95
}

#[cfg(test)]
mod tests {
    use super::layers;

    fn decoded(text: &str) -> Vec<(String, &'static str)> {
        layers(text.as_bytes()).into_iter().map(|l| (String::from_utf8(l.decoded).unwrap(), l.encoding)).collect()
    }

    #[test]
    fn base64_hex_and_percent_runs_decode_to_text() {
        // A user:password pair in base64; an assignment in hex; JSON in a URL.
        assert_eq!(decoded("auth: dXNlcjpYazkjbVAydkw1cVI="), vec![("user:Xk9#mP2vL5qR".to_string(), "base64")]);
        assert_eq!(decoded("h=64625f70617373776f72643d547138765232"), vec![("db_password=Tq8vR2".to_string(), "hex")]);
        assert_eq!(
            decoded("q=%7B%22token%22%3A%22abc%22%7D&x=1"),
            vec![("q={\"token\":\"abc\"}&x=1".to_string(), "percent")]
        );
    }

    #[test]
    fn base64_of_lines_decodes() {
        // A line feed opens the second 3-byte group: its base64 starts with `C`.
        assert_eq!(decoded("x: a2V5CnZhbHVlIG9uZSB0d28K"), vec![("key\nvalue one two\n".to_string(), "base64")]);
    }

    #[test]
    fn json_escaped_strings_are_unescaped() {
        assert_eq!(
            decoded(r#"{"url": "https:\/\/deploy:Xk9mP2vL5q@db.acme.test\/app", "n": 1}"#), // keyhound:allow
            vec![("https://deploy:Xk9mP2vL5q@db.acme.test/app".to_string(), "json")]        // keyhound:allow
        );
        assert_eq!(
            decoded(r#"{"k": "tok\u0065n=abc\u0031\u00322345678"}"#),
            vec![("token=abc122345678".to_string(), "json")]
        );
    }

    #[test]
    fn token_literals_continued_on_the_next_line_are_joined() {
        let joined =
            |text: &str| decoded(text).into_iter().filter(|(_, e)| *e == "joined").map(|(d, _)| d).collect::<Vec<_>>();
        // Python's implicit concatenation, over three lines.
        assert_eq!(
            joined("KEY = (\n    \"Ab3dE5gH7jK9mN1pQ3sT\"\n    \"Uv5wX7yZ9\"\n    'ignored'\n)"),
            vec!["Ab3dE5gH7jK9mN1pQ3sTUv5wX7yZ9".to_string()]
        );
        // JavaScript's `+`, with CRLF line ends.
        assert_eq!(
            joined("const k = 'Ab3dE5gH7jK9mN1pQ3sT' +\r\n  'Uv5wX7yZ9';"),
            vec!["Ab3dE5gH7jK9mN1pQ3sTUv5wX7yZ9".to_string()]
        );
        // Prose on the next line, a different quote, a literal that does not
        // end its line: nothing to join.
        assert!(joined("msg = (\"Ab3dE5gH7jK9mN1pQ3sT\"\n  \" was not found\")").is_empty());
        assert!(joined("a = \"Ab3dE5gH7jK9mN1pQ3sT\"\n  'Uv5wX7yZ9'").is_empty());
        assert!(joined("f(\"Ab3dE5gH7jK9mN1pQ3sT\", x)\n\"Uv5wX7yZ9\"").is_empty());
    }

    #[test]
    fn a_blob_wrapped_over_many_lines_is_one_layer() {
        let line = "    \"QWxhZGRpbjpvcGVuIHNlc2FtZQ0K\"\n";
        let text = format!("DATA = (\n{})\n", line.repeat(500));
        let joined = layers(text.as_bytes()).into_iter().filter(|l| l.encoding == "joined").count();
        assert_eq!(joined, 1);
    }

    #[test]
    fn escapes_at_the_very_end_are_harmless() {
        for text in [
            "\\",
            "x\\",
            "\"a\\u",
            "\"\\/",
            "%",
            "%4",
            "ab%41%4",
            "\"Ab3dE5gH7jK9mN1pQ3sT\" +",
            "'Ab3dE5gH7jK9mN1pQ3sT'\n  '",
        ] {
            let _ = layers(text.as_bytes());
        }
    }

    #[test]
    fn identifiers_hashes_and_binary_are_not_layers() {
        assert!(decoded("some_long_function_name_without_digits").is_empty());
        assert!(decoded("sha: 9f2c4e1a7b3d5f608e2c4a6b8d0f1e3c9f2c4e1a").is_empty(), "hex of binary is not text");
        assert!(decoded("img: iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ").is_empty(), "base64 of a PNG");
    }
}
