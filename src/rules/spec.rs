//! The TOML shape of a rule file, exactly as users and `rules/` write it.

use serde::Deserialize;

/// A rule file: a list of `[[rule]]` tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[serde(default)]
    pub rule: Vec<RuleSpec>,
}

/// One rule as written. Unknown fields are an error, so a typo such as
/// `keyword =` is reported instead of silently producing a rule that never runs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Stable kebab-case identifier; never reused for another meaning.
    pub id: String,
    /// Human name shown in reports.
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Literals (ASCII case-insensitive) of which one must appear near a match.
    pub keywords: Vec<String>,
    /// Regex over bytes (ASCII classes); group `secret` or group 1 is the secret.
    pub regex: String,
    /// Minimum Shannon entropy of the secret, in bits per byte.
    #[serde(default)]
    pub entropy: Option<f64>,
    /// Name of a structural validator the secret must pass (`crc32-base62`, `jwt`).
    #[serde(default)]
    pub checksum: Option<String>,
    /// The shape the secret must have (`random`, `password`): for generic
    /// rules, whose match says nothing about the value itself.
    #[serde(default)]
    pub shape: Option<String>,
    /// Regexes on the whole match (not just the secret): a match any of them
    /// finds is not a finding (e.g. `private_key_id:` for a generic rule).
    #[serde(default)]
    pub allow_match: Vec<String>,
    /// A broad rule (e.g. `password = ...`) that a specific rule overrides.
    #[serde(default)]
    pub generic: bool,
    /// A kind of secret test suites make up for themselves (private keys,
    /// passwords, JWTs): in a test file it is a fixture, not a leak, and is
    /// suppressed unless the user asks for test fixtures. Default: `generic`.
    #[serde(default)]
    pub made_in_tests: Option<bool>,
    /// Bytes after the keyword the regex may reach (default: the rest of the line).
    #[serde(default)]
    pub window: Option<usize>,
    /// Texts that must produce a finding of this rule.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Texts that must not produce a finding of this rule.
    #[serde(default)]
    pub negatives: Vec<String>,
    /// Where the token format is documented.
    #[serde(default)]
    pub references: Vec<String>,
}
