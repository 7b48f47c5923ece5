//! Masking: copying a stream with every detected secret replaced, for
//! `keyhound redact`. Prompts, transcripts and logs pass through byte for
//! byte otherwise, invalid UTF-8 included.
//!
//! The stream is read as it arrives and written out one batch of complete
//! lines at a time, so `tail -f app.log | keyhound redact` shows each line as
//! soon as it is complete and memory stays flat however long the input is.
//! A private-key block is held back until its END line, so that a secret
//! spanning lines is masked whole.

use std::io::{self, Read, Write};

use crate::engine::{Engine, Match, Scratch};

/// Bytes read from the input at a time.
const CHUNK: usize = 64 * 1024;
/// An open `-----BEGIN` block is held back at most this long; a longer one
/// is not a key, and the lines are released.
const MAX_HOLD: usize = 1 << 20;
/// A line longer than this is masked and written in pieces rather than held.
const MAX_LINE: usize = 16 << 20;

/// What a secret is replaced with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mask {
    /// `[REDACTED:<rule-id>]`.
    Label,
    /// The character repeated once per character of the secret (line breaks
    /// inside the secret are kept), so the text keeps its length and layout.
    Char(char),
}

/// Copies `input` to `output` with secrets masked; returns how many were.
pub fn mask_stream(engine: &Engine, input: &mut dyn Read, output: &mut dyn Write, mask: &Mask) -> io::Result<u64> {
    let mut scratch = engine.scratch();
    let mut pending: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; CHUNK];
    let mut masked = 0;
    loop {
        let n = match input.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        pending.extend_from_slice(&chunk[..n]);
        let ready = ready_len(&pending);
        if ready > 0 {
            masked += mask_region(engine, &mut scratch, &pending[..ready], output, mask)?;
            output.flush()?;
            pending.drain(..ready);
        }
    }
    masked += mask_region(engine, &mut scratch, &pending, output, mask)?;
    output.flush()?;
    Ok(masked)
}

/// How much of `pending` can be masked and written now: every complete
/// line, except an open private-key block (held until its END line).
fn ready_len(pending: &[u8]) -> usize {
    let Some(last_newline) = memchr::memrchr(b'\n', pending) else {
        return if pending.len() > MAX_LINE { pending.len() } else { 0 };
    };
    let complete = last_newline + 1;
    match open_block_start(&pending[..complete]) {
        Some(start) if complete - start < MAX_HOLD => start,
        _ => complete,
    }
}

/// Start of the line holding the last `-----BEGIN` that has no `-----END`
/// after it, if any.
fn open_block_start(text: &[u8]) -> Option<usize> {
    let begin = memchr::memmem::rfind(text, b"-----BEGIN")?;
    if memchr::memmem::find(&text[begin..], b"-----END").is_some() {
        return None;
    }
    Some(memchr::memrchr(b'\n', &text[..begin]).map_or(0, |i| i + 1))
}

/// Writes `region` with every match replaced; returns the number replaced.
fn mask_region(
    engine: &Engine,
    scratch: &mut Scratch,
    region: &[u8],
    output: &mut dyn Write,
    mask: &Mask,
) -> io::Result<u64> {
    let matches: Vec<Match> = engine.matches(region, scratch);
    let mut at = 0;
    let mut count = 0;
    for m in matches {
        // Overlapping matches of two rules: the first one masks both.
        if m.secret.start < at {
            continue;
        }
        output.write_all(&region[at..m.secret.start])?;
        let secret = &region[m.secret.clone()];
        match mask {
            Mask::Label => write!(output, "[REDACTED:{}]", engine.rules()[m.rule].id)?,
            Mask::Char(c) => write_masked(secret, *c, output)?,
        }
        at = m.secret.end;
        count += 1;
    }
    output.write_all(&region[at..])?;
    Ok(count)
}

/// One `c` per character of `secret`, keeping its line breaks.
fn write_masked(secret: &[u8], c: char, output: &mut dyn Write) -> io::Result<()> {
    let mut utf8 = [0u8; 4];
    let c = c.encode_utf8(&mut utf8).as_bytes();
    for &b in secret {
        if b == b'\n' || b == b'\r' {
            output.write_all(&[b])?;
        } else if (b & 0xC0) != 0x80 {
            output.write_all(c)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{open_block_start, ready_len};

    #[test]
    fn complete_lines_are_ready_and_open_key_blocks_wait() {
        assert_eq!(ready_len(b"no newline yet"), 0);
        assert_eq!(ready_len(b"one\ntwo"), 4);
        let open = b"log line\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\n";
        assert_eq!(open_block_start(open), Some(9));
        assert_eq!(ready_len(open), 9);
        let closed = b"x\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n";
        assert_eq!(ready_len(closed), closed.len());
    }
}
