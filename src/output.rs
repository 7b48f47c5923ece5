//! Where a report goes: standard output or `--output FILE`.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result};

/// Opens the report destination.
///
/// A regular file is created or truncated. Anything else that exists (a
/// device such as /dev/null or /dev/stdout, a FIFO) is opened for writing as
/// it is: never replaced, truncated or deleted.
pub fn open(path: Option<&Path>) -> Result<Box<dyn Write + Send>> {
    let Some(path) = path else {
        return Ok(Box::new(io::BufWriter::new(io::stdout())));
    };
    let special = std::fs::metadata(path).map(|m| !m.is_file()).unwrap_or(false);
    let file = if special {
        OpenOptions::new().write(true).open(path)
    } else {
        OpenOptions::new().write(true).create(true).truncate(true).open(path)
    }
    .with_context(|| format!("cannot open --output {} for writing", path.display()))?;
    Ok(Box::new(io::BufWriter::new(file)))
}

/// Treats a closed reader (`keyhound scan | head`) as a normal end of output.
pub fn ignore_broken_pipe(result: io::Result<()>) -> Result<()> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write the report"),
    }
}
