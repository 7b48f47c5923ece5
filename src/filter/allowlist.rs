//! Config allowlists: paths (gitignore syntax), regexes on the secret or on
//! its line, and stopwords, each global or limited to some rules.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use regex::Regex;
use serde::Deserialize;

use crate::finding::{Finding, Origin};

/// One `[[allowlist]]` table as written in `.keyhound.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllowlistSpec {
    /// Shown by `--explain` and in the summary.
    #[serde(default)]
    pub description: Option<String>,
    /// Rule ids this allowlist applies to; empty means every rule.
    #[serde(default)]
    pub rules: Vec<String>,
    /// Paths in .gitignore syntax, relative to the config file's directory.
    #[serde(default)]
    pub paths: Vec<String>,
    /// Regexes; a secret that any of them finds is allowed.
    #[serde(default)]
    pub secrets: Vec<String>,
    /// Regexes; a finding whose line any of them finds is allowed.
    #[serde(default)]
    pub lines: Vec<String>,
    /// Case-insensitive words; a secret containing any of them is allowed.
    #[serde(default)]
    pub stopwords: Vec<String>,
}

/// A compiled allowlist. A finding is allowed when the allowlist applies to
/// its rule and any one of its conditions holds.
#[derive(Debug)]
pub struct Allowlist {
    name: String,
    rules: Vec<String>,
    base: PathBuf,
    paths: Option<Gitignore>,
    secrets: Vec<Regex>,
    lines: Vec<Regex>,
    stopwords: Vec<String>,
}

impl Allowlist {
    /// Compiles `spec`; `base` is the directory its paths are relative to.
    pub fn compile(spec: &AllowlistSpec, index: usize, base: &Path) -> Result<Allowlist> {
        let name = spec.description.clone().unwrap_or_else(|| format!("#{}", index + 1));
        let context = || format!("allowlist `{name}`");
        let base = absolute(base);
        let paths = if spec.paths.is_empty() {
            None
        } else {
            let mut b = GitignoreBuilder::new(&base);
            for p in &spec.paths {
                b.add_line(None, p).with_context(|| format!("{}: bad path pattern {p:?}", context()))?;
            }
            Some(b.build().with_context(context)?)
        };
        let regexes = |list: &[String], what: &str| -> Result<Vec<Regex>> {
            list.iter()
                .map(|r| Regex::new(r).with_context(|| format!("{}: bad {what} regex {r:?}", context())))
                .collect()
        };
        Ok(Allowlist {
            secrets: regexes(&spec.secrets, "secret")?,
            lines: regexes(&spec.lines, "line")?,
            stopwords: spec.stopwords.iter().map(|s| s.to_lowercase()).collect(),
            rules: spec.rules.clone(),
            paths,
            base,
            name,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The rule ids this allowlist names, so the config can check they exist.
    pub fn rule_ids(&self) -> &[String] {
        &self.rules
    }

    /// True if and only if this allowlist allows `f`.
    pub fn allows(&self, f: &Finding) -> bool {
        if !self.rules.is_empty() && !self.rules.iter().any(|r| **r == *f.rule_id) {
            return false;
        }
        self.path_allowed(&f.origin)
            || self.secrets.iter().any(|r| r.is_match(&f.secret))
            || self.lines.iter().any(|r| r.is_match(&f.context))
            || self.stopwords.iter().any(|w| f.secret.to_lowercase().contains(w.as_str()))
    }

    /// Files are matched by their place under the config's directory; git
    /// paths are already relative to the repository, where its config sits.
    fn path_allowed(&self, origin: &Origin) -> bool {
        let Some(paths) = &self.paths else {
            return false;
        };
        match origin {
            Origin::File { path, .. } => match absolute(path).strip_prefix(&self.base) {
                Ok(rel) => paths.matched_path_or_any_parents(rel, false).is_ignore(),
                Err(_) => false,
            },
            Origin::Git { path, .. } | Origin::Staged { path } => {
                paths.matched_path_or_any_parents(Path::new(path), false).is_ignore()
            }
            Origin::Stdin => false,
        }
    }
}

/// `path` made absolute against the current directory, without `.` parts.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
