//! Standard input as one blob, for prompts, logs and diffs piped in.

use std::io::Read;

use anyhow::{Context, Result};

/// Reads all of standard input. Bytes are kept as they are: invalid UTF-8 and
/// NUL bytes are scanned, since the user chose to pipe them in.
pub fn read_all() -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    std::io::stdin().lock().read_to_end(&mut buf).context("cannot read standard input")?;
    Ok(buf)
}
