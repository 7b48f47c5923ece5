//! Command-line definitions (clap). Parsing only; behaviour lives in `app`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::report::Format;

/// Find credentials in code, config, logs and prompts before they leak.
///
/// Exit codes: 0 nothing found, 1 findings, 2 error.
#[derive(Debug, Parser)]
#[command(name = "keyhound", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan files, directories or standard input for secrets.
    ///
    /// Directories are walked in parallel; .gitignore and .ignore are honoured,
    /// hidden files are scanned, .git is never entered. Binary files (a NUL byte
    /// in the first 8 KiB) and files over --max-file-size are skipped and counted.
    Scan(ScanArgs),
    /// Scan a git repository: its whole history, a commit range, or what is staged.
    ///
    /// Without options every blob reachable from any ref (branches, tags,
    /// remotes, stash) is scanned once, and each finding is attributed to the
    /// commit that introduced it. --range and --since scan only what the
    /// commits of a range added (for CI on a pull request); --staged scans
    /// only the lines added in the index (the pre-commit hook).
    Git(GitArgs),
    /// Record the current findings as a baseline (JSON on stdout or -o FILE).
    ///
    /// `keyhound baseline [PATH…]` records what `scan` finds; `keyhound
    /// baseline git [REPO] [--range …]` what `git` finds. `--baseline FILE`
    /// then reports only findings that are not in it. Entries hold a
    /// fingerprint (a hash), never the secret.
    #[command(args_conflicts_with_subcommands = true)]
    Baseline {
        #[command(subcommand)]
        git: Option<BaselineSource>,
        #[command(flatten)]
        scan: ScanArgs,
    },
    /// Copy standard input (or files) to standard output with every secret masked.
    ///
    /// For prompts, transcripts and logs: `tail -f app.log | keyhound redact`,
    /// `keyhound redact --fail < prompt.txt && llm < prompt.txt`. Everything
    /// but the secrets passes through byte for byte; each line is written as
    /// soon as it is complete.
    Redact(RedactArgs),
    /// Install keyhound as a git pre-commit hook.
    Hook {
        #[command(subcommand)]
        command: HookCommand,
    },
    /// List or check rules.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or directories to scan; `-` reads standard input. Default: `.`.
    pub paths: Vec<PathBuf>,

    /// Scan files that .gitignore / .ignore exclude.
    #[arg(long)]
    pub no_ignore: bool,

    /// Follow symbolic links (loops are detected and skipped).
    #[arg(short = 'L', long)]
    pub follow: bool,

    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct GitArgs {
    /// The repository (a work tree or a bare repository). Default: the one
    /// containing the current directory.
    pub repo: Option<PathBuf>,

    /// Scan only what the commits in BASE..HEAD added (e.g. `origin/main..HEAD`).
    #[arg(long, value_name = "BASE..HEAD", conflicts_with_all = ["since", "staged"])]
    pub range: Option<String>,

    /// Scan only what commits after REV added (same as `--range REV..HEAD`).
    #[arg(long, value_name = "REV", conflicts_with = "staged")]
    pub since: Option<String>,

    /// Scan only the lines added in the index (what `git commit` would record).
    #[arg(long)]
    pub staged: bool,

    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct RedactArgs {
    /// Files to read, in order; default (or `-`): standard input.
    pub files: Vec<PathBuf>,

    /// Replace each secret with this character repeated (keeps the length)
    /// instead of `[REDACTED:<rule-id>]`.
    #[arg(long, value_name = "CHAR")]
    pub mask: Option<char>,

    /// Exit 1 when anything was redacted (a wrapper can then refuse to send).
    #[arg(long)]
    pub fail: bool,

    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub settings: SettingsArgs,
}

/// Where rules and settings come from; shared by every command that detects.
#[derive(Debug, Args)]
pub struct SettingsArgs {
    /// Add rules from a TOML rule file (same format as the built-ins); repeatable.
    #[arg(long = "rules", value_name = "FILE")]
    pub rule_files: Vec<PathBuf>,

    /// Read settings from FILE instead of the nearest .keyhound.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore .keyhound.toml and .keyhoundignore.
    #[arg(long)]
    pub no_config: bool,
}

/// Options every scanning command shares.
#[derive(Debug, Args)]
pub struct CommonArgs {
    #[command(flatten)]
    pub output: OutputArgs,

    /// Skip files (and git blobs) larger than this (bytes, or with a K, M or G suffix).
    #[arg(long, value_name = "SIZE", default_value = "25M", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,

    /// Never show the progress spinner.
    #[arg(long)]
    pub no_progress: bool,

    /// Print the one-line summary on stderr even when it is not a terminal.
    #[arg(long)]
    pub summary: bool,

    #[command(flatten)]
    pub settings: SettingsArgs,

    /// Report only findings whose fingerprint is not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Also show suppressed findings, each with the mechanism that suppressed it.
    #[arg(long)]
    pub explain: bool,

    /// Also report the kinds of secret test suites make up (private keys,
    /// passwords, JWTs) when they sit in test files (tests/, *_test.go, ...).
    #[arg(long)]
    pub include_test_fixtures: bool,

    /// List .keyhoundignore entries that matched no finding (on stderr).
    #[arg(long)]
    pub report_unused_ignores: bool,
}

#[derive(Debug, Subcommand)]
pub enum BaselineSource {
    /// Record what `keyhound git` finds (history, a range or the index).
    Git(GitArgs),
}

#[derive(Debug, Subcommand)]
pub enum HookCommand {
    /// Write .git/hooks/pre-commit running `keyhound git --staged`.
    Install {
        /// Replace an existing pre-commit hook that keyhound did not write.
        #[arg(long)]
        force: bool,
        /// The repository. Default: the one containing the current directory.
        repo: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Report format.
    #[arg(short, long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Print secrets in full instead of redacted.
    #[arg(long)]
    pub show_secrets: bool,

    /// When to use colours in the human format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is unset.
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Print the built-in rules (id and name).
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Validate a rule file (default: the built-in rules): each rule's
    /// examples must match and its negatives must not.
    Check {
        /// A TOML rule file.
        file: Option<PathBuf>,
    },
}

/// Parses `25M`, `1G`, `512k` or a plain number of bytes.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, mult) = match s.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let mult = match c.to_ascii_lowercase() {
                'k' => 1u64 << 10,
                'm' => 1 << 20,
                'g' => 1 << 30,
                _ => {
                    return Err(format!("unknown size suffix {c:?} in {s:?} (use K, M or G)"));
                }
            };
            (&s[..i], mult)
        }
        _ => (s, 1),
    };
    let n: u64 = digits.trim().parse().map_err(|_| format!("{s:?} is not a size such as 25M or 1048576"))?;
    n.checked_mul(mult).ok_or_else(|| format!("{s:?} is too large"))
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("25M"), Ok(25 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("12X").is_err());
        assert!(parse_size("").is_err());
    }
}
