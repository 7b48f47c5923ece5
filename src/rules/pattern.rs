//! A rule's regex, compiled on first use.
//!
//! Compiling three hundred regexes costs about 70 ms, more than a pre-commit
//! scan of a few staged files takes in all. Built-in rules (checked by
//! `cargo test`) are therefore compiled only when one of their keywords first
//! appears; user rules are compiled at load time so that a mistake is an
//! error naming the rule, before any scanning starts.

use std::sync::OnceLock;

use anyhow::{Context, Result, anyhow};
use regex::bytes::{Regex, RegexBuilder};

/// The regex text plus its compiled form, once built.
#[derive(Debug, Clone)]
pub struct Pattern {
    source: String,
    compiled: OnceLock<Result<Compiled, String>>,
}

/// A compiled rule regex and the capture group that holds the secret.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub regex: Regex,
    /// Group named `secret`, else group 1, else the whole match.
    pub secret_group: usize,
}

impl Pattern {
    pub fn new(source: String) -> Pattern {
        Pattern { source, compiled: OnceLock::new() }
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// Compiles now (if not yet), failing with the regex error.
    pub fn compile_now(&self) -> Result<&Compiled> {
        self.compiled
            .get_or_init(|| compile(&self.source))
            .as_ref()
            .map_err(|e| anyhow!("{e}"))
            .context("invalid regex")
    }

    /// The compiled regex, or `None` if it does not compile (then the rule
    /// never matches; built-in rules are proven to compile by the tests).
    pub fn get(&self) -> Option<&Compiled> {
        self.compiled.get_or_init(|| compile(&self.source)).as_ref().ok()
    }
}

/// Rules match bytes with ASCII classes: `\w`, `\b` and `\s` mean what they
/// mean in ASCII, which is both faster and what token formats are written in.
/// `^` and `$` match at line boundaries: a rule sees a window of lines, not
/// the start of the file.
fn compile(source: &str) -> Result<Compiled, String> {
    let regex = RegexBuilder::new(source)
        .unicode(false)
        .multi_line(true)
        .size_limit(32 << 20)
        .build()
        .map_err(|e| e.to_string())?;
    let secret_group = if let Some(i) = regex.capture_names().position(|n| n == Some("secret")) {
        i
    } else if regex.captures_len() > 1 {
        1
    } else {
        0
    };
    Ok(Compiled { regex, secret_group })
}
