//! `.keyhound.toml`: a team's settings, read from the scan root (or
//! `--config FILE`). Extra rules, disabled rules, per-rule overrides and
//! allowlists. Everything is validated at load time; a mistake is an error
//! naming the file, the line and the rule.
//!
//! ```toml
//! disable = ["generic-password"]
//! include_test_fixtures = true  # report made-up keys and passwords in tests/ too
//!
//! [[rule]]                      # same format as rules/*.toml
//! id = "acme-token"
//! ...
//!
//! [[override]]
//! id = "generic-secret"
//! entropy = 4.0
//! negatives = ["session_token = Zm9vYmFyYmF6cXV4"]
//!
//! [[allowlist]]
//! description = "test fixtures"
//! paths = ["fixtures/", "*.snap"]
//! ```

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use toml::Spanned;

use crate::filter::allowlist::AllowlistSpec;
use crate::filter::{Allowlist, Baseline, Filters, IgnoreFile};
use crate::rules::{self, Rule, RuleSpec};

/// Name of the config file looked for at the scan root.
pub const CONFIG_FILE: &str = ".keyhound.toml";
/// Name of the fingerprint ignore file looked for next to it.
pub const IGNORE_FILE: &str = ".keyhoundignore";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    rule: Vec<Spanned<RuleSpec>>,
    #[serde(default, rename = "override")]
    overrides: Vec<Spanned<RuleOverride>>,
    #[serde(default)]
    allowlist: Vec<AllowlistSpec>,
    /// Report the kinds of secret test suites make up even in test files.
    #[serde(default)]
    include_test_fixtures: bool,
}

/// The directory config discovery starts from: the first scan root that is a
/// directory, else the directory of the first file, else the current one.
fn start_dir(roots: &[PathBuf]) -> PathBuf {
    let first = roots.iter().find(|r| r.as_os_str() != "-");
    let dir = match first {
        Some(r) if r.is_dir() => r.clone(),
        Some(r) => r.parent().map(Path::to_path_buf).unwrap_or_default(),
        None => PathBuf::new(),
    };
    std::path::absolute(if dir.as_os_str().is_empty() { Path::new(".") } else { &dir }).unwrap_or(dir)
}

/// `[[override]]`: changes to one rule without copying it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleOverride {
    id: String,
    /// New minimum Shannon entropy for the rule's secret.
    #[serde(default)]
    entropy: Option<f64>,
    /// More texts the rule must not report; checked at load time.
    #[serde(default)]
    negatives: Vec<String>,
}

/// A loaded configuration (possibly empty).
#[derive(Debug, Default)]
pub struct Config {
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
    /// Directory that allowlist paths and `.keyhoundignore` are relative to.
    pub base: PathBuf,
    text: String,
    file: ConfigFile,
}

impl Config {
    /// Finds the config: `explicit` if given; else, unless `disabled`, the
    /// nearest `.keyhound.toml` in the first scan root or its parents, up to
    /// the top of the git checkout it is in. So `keyhound scan src/` from a
    /// repository uses the repository's settings, as `keyhound scan` does.
    pub fn discover(explicit: Option<&Path>, disabled: bool, roots: &[PathBuf]) -> Result<Config> {
        if let Some(path) = explicit {
            return Config::load(path);
        }
        let start = start_dir(roots);
        if !disabled {
            for dir in start.ancestors() {
                let candidate = dir.join(CONFIG_FILE);
                if candidate.is_file() {
                    return Config::load(&candidate);
                }
                if dir.join(".git").exists() {
                    break;
                }
            }
        }
        Ok(Config { base: start, ..Config::default() })
    }

    /// Reads and parses one config file.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read config {}", path.display()))?;
        let file: ConfigFile = toml::from_str(&text).with_context(|| format!("{}: invalid config", path.display()))?;
        let base = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
        Ok(Config { path: Some(path.to_path_buf()), base, text, file })
    }

    fn name(&self) -> String {
        self.path.as_ref().map_or_else(|| "config".to_string(), |p| p.display().to_string())
    }

    /// `file:line` of a byte offset in the config, for messages.
    fn at(&self, offset: usize) -> String {
        let line = self.text[..offset.min(self.text.len())].matches('\n').count() + 1;
        format!("{}:{line}", self.name())
    }

    /// The rule set after this config: built-ins minus `disable`, plus the
    /// config's own rules, with overrides applied; all validated.
    pub fn rules(&self, mut all: Vec<Rule>) -> Result<Vec<Rule>> {
        for id in &self.file.disable {
            if !all.iter().any(|r| *r.id == **id) {
                bail!("{}: disable: there is no rule `{id}` (see `keyhound rules list`)", self.name());
            }
        }
        all.retain(|r| !self.file.disable.iter().any(|d| **d == *r.id));
        for spec in &self.file.rule {
            let at = self.at(spec.span().start);
            let source: Arc<str> = at.clone().into();
            let rule = Rule::compile(spec.get_ref().clone(), &source)?;
            if let Some(p) = rules::check_rules(std::slice::from_ref(&rule), false).first() {
                bail!("{p}");
            }
            all.push(rule);
        }
        for o in &self.file.overrides {
            let at = self.at(o.span().start);
            let o = o.get_ref();
            let Some(rule) = all.iter_mut().find(|r| *r.id == *o.id) else {
                bail!("{at}: override: there is no rule `{}` (see `keyhound rules list`)", o.id);
            };
            if o.entropy.is_some() {
                rule.min_entropy = o.entropy;
            }
            rule.negatives.extend(o.negatives.iter().cloned());
            if let Some(p) = rules::check_rules(std::slice::from_ref(rule), false).first() {
                bail!("{at}: override of rule `{}`: {}", o.id, p.message);
            }
        }
        rules::ensure_unique_ids(&all)?;
        for a in &self.file.allowlist {
            for id in &a.rules {
                if !all.iter().any(|r| *r.id == **id) {
                    bail!("{}: allowlist names rule `{id}`, which does not exist", self.name());
                }
            }
        }
        Ok(all)
    }

    /// keyhound's own files this scan uses (config, ignore file, baseline),
    /// canonicalized: a walk passes over them, since they describe secrets
    /// (rule examples, fingerprints) rather than hold them.
    pub fn own_files(&self, baseline: Option<&Path>) -> Vec<PathBuf> {
        let ignore = self.base.join(IGNORE_FILE);
        [self.path.as_deref(), Some(ignore.as_path()), baseline]
            .into_iter()
            .flatten()
            .filter_map(|p| p.canonicalize().ok())
            .collect()
    }

    /// The filters of a scan: this config's allowlists, the ignore file next
    /// to it (if present and not `disabled`), and an optional baseline.
    /// `include_test_fixtures` is the command line's say, added to the file's.
    pub fn filters(
        &self,
        use_ignore_file: bool,
        baseline: Option<&Path>,
        include_test_fixtures: bool,
    ) -> Result<Filters> {
        let allowlists = self
            .file
            .allowlist
            .iter()
            .enumerate()
            .map(|(i, spec)| Allowlist::compile(spec, i, &self.base))
            .collect::<Result<Vec<_>>>()
            .with_context(|| self.name())?;
        let ignore_path = self.base.join(IGNORE_FILE);
        let ignore_file =
            if use_ignore_file && ignore_path.is_file() { Some(IgnoreFile::load(&ignore_path)?) } else { None };
        let baseline = baseline.map(Baseline::load).transpose()?;
        let include_test_fixtures = include_test_fixtures || self.file.include_test_fixtures;
        Ok(Filters { allowlists, ignore_file, baseline, include_test_fixtures })
    }
}
