//! The commands: wires the command line to sources, scanner and reports.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::cli::{
    BaselineSource, Cli, ColorChoice, Command, CommonArgs, GitArgs, HookCommand, OutputArgs, RedactArgs, RulesCommand,
    ScanArgs,
};
use crate::config::{self, Config};
use crate::engine::Engine;
use crate::filter::{FilterSink, Filters};
use crate::finding::{Finding, Origin};
use crate::mask::{Mask, mask_stream};
use crate::progress::Progress;
use crate::report::{self, Format, ReportOptions, RepositoryInfo};
use crate::rules::{self, Rule};
use crate::scanner::{BlobScanner, CollectSink, FindingSink};
use crate::source::fs::WalkOptions;
use crate::source::git::{self, GitScan, Selection};
use crate::stats::ScanStats;
use crate::{output, source};

/// How a command ended, when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing found (exit 0).
    Clean,
    /// Secrets reported, or rule problems found by `rules check` (exit 1).
    Found,
}

impl Outcome {
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Clean => 0,
            Outcome::Found => 1,
        }
    }
}

pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Scan(args) => scan(args),
        Command::Baseline { git: Some(BaselineSource::Git(mut args)), .. } => {
            args.common.output.format = Format::Baseline;
            git(args)
        }
        Command::Baseline { git: None, mut scan } => {
            scan.common.output.format = Format::Baseline;
            self::scan(scan)
        }
        Command::Git(args) => git(args),
        Command::Redact(args) => redact(args),
        Command::Hook { command: HookCommand::Install { force, repo } } => crate::hook::install(repo.as_deref(), force),
        Command::Rules { command: RulesCommand::List { json } } => list_rules(json),
        Command::Rules { command: RulesCommand::Check { file } } => check_rules(file.as_deref()),
    }
}

/// Built-in rules plus any extra rule files, with unique ids.
fn load_rules(extra: &[PathBuf]) -> Result<Vec<Rule>> {
    let mut all = rules::builtin_rules().context("built-in rules are broken")?;
    for path in extra {
        let loaded = rules::load_rule_file(path)?;
        let problems = rules::check_rules(&loaded, false);
        if let Some(p) = problems.first() {
            bail!("{p} ({} problem(s); run `keyhound rules check {}`)", problems.len(), path.display());
        }
        all.extend(loaded);
    }
    rules::ensure_unique_ids(&all)?;
    Ok(all)
}

fn scan(args: ScanArgs) -> Result<Outcome> {
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    for p in &paths {
        if !is_stdin(p) && std::fs::symlink_metadata(p).is_err() {
            bail!("{}: no such file or directory (check the path; use `-` for standard input)", p.display());
        }
    }
    let config = Config::discover(args.common.settings.config.as_deref(), args.common.settings.no_config, &paths)?;
    run_scan(&args.common, &config, None, |ctx, sink| {
        let (stdin_paths, roots): (Vec<PathBuf>, Vec<PathBuf>) = paths.into_iter().partition(|p| is_stdin(p));
        if !stdin_paths.is_empty() {
            let bytes = source::stdin::read_all()?;
            ScanStats::add(&ctx.stats.files, 1);
            ScanStats::add(&ctx.stats.bytes, bytes.len() as u64);
            ctx.scanner.worker().scan(&bytes, || Origin::Stdin, sink);
        }
        let walk = WalkOptions {
            no_ignore: args.no_ignore,
            follow_links: args.follow,
            max_file_size: args.common.max_file_size,
            threads: ctx.threads,
            skip: ctx.own_files.clone(),
        };
        source::fs::scan_roots(&roots, &walk, ctx.scanner, sink, ctx.stats, ctx.progress);
        Ok(())
    })
}

fn git(args: GitArgs) -> Result<Outcome> {
    let repo = git::open(args.repo.as_deref())?;
    let root = git::root(&repo);
    let config = Config::discover(args.common.settings.config.as_deref(), args.common.settings.no_config, &[root])?;
    let selection = match (&args.range, &args.since, args.staged) {
        (Some(range), _, _) => Selection::Range(range.clone()),
        (None, Some(since), _) => Selection::Range(format!("{since}..HEAD")),
        (None, None, true) => Selection::Staged,
        (None, None, false) => Selection::History,
    };
    let repository = git::repository_info(&repo);
    let outcome = run_scan(&args.common, &config, Some(&repository), |ctx, sink| {
        let scan = GitScan {
            scanner: ctx.scanner,
            stats: ctx.stats,
            progress: ctx.progress,
            max_file_size: args.common.max_file_size,
            threads: ctx.threads,
        };
        git::scan(&repo, &selection, &scan, sink)
    })?;
    if args.staged && outcome == Outcome::Found {
        eprintln!(
            "keyhound: commit blocked: the staged changes add the secret(s) above.\n\
             keyhound: remove them (and rotate any that were real), or if one is a false positive add\n\
             keyhound: `keyhound:allow` in a comment on its line. To commit anyway, once: git commit --no-verify"
        );
    }
    Ok(outcome)
}

/// `keyhound redact`: the config's rules (disabled, extra, overridden) apply;
/// its allowlists do not: text on its way to a model or a log store is
/// masked whatever a repository's reviewers allowed in its files.
fn redact(args: RedactArgs) -> Result<Outcome> {
    let config = Config::discover(args.settings.config.as_deref(), args.settings.no_config, &[])?;
    let engine = Engine::new(config.rules(load_rules(&args.settings.rule_files)?)?)?;
    let mask = args.mask.map_or(Mask::Label, Mask::Char);
    let mut out = output::open(args.output.as_deref())?;
    let files = if args.files.is_empty() { vec![PathBuf::from("-")] } else { args.files.clone() };
    let mut masked = 0;
    for f in &files {
        let result = if is_stdin(f) {
            mask_stream(&engine, &mut std::io::stdin().lock(), &mut out, &mask)
        } else {
            let mut file = std::fs::File::open(f).with_context(|| format!("cannot read {}", f.display()))?;
            mask_stream(&engine, &mut file, &mut out, &mask)
        };
        match result {
            Ok(n) => masked += n,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => break,
            Err(e) => return Err(e).with_context(|| format!("while redacting {}", f.display())),
        }
    }
    Ok(if args.fail && masked > 0 { Outcome::Found } else { Outcome::Clean })
}

/// What a source needs from the scan it feeds.
struct ScanContext<'a> {
    scanner: &'a BlobScanner,
    stats: &'a ScanStats,
    progress: &'a Progress,
    threads: usize,
    /// keyhound's own files in use, which a directory walk passes over.
    own_files: Vec<PathBuf>,
}

/// Runs one scan: rules and filters from `config`, findings from `source`,
/// then the report, the summary and the exit outcome.
fn run_scan(
    common: &CommonArgs,
    config: &Config,
    repository: Option<&RepositoryInfo>,
    source: impl FnOnce(&ScanContext, &dyn FindingSink) -> Result<()>,
) -> Result<Outcome> {
    let started = Instant::now();
    let format = common.output.format;
    let writing_baseline = format == Format::Baseline;
    let engine = Arc::new(Engine::new(config.rules(load_rules(&common.settings.rule_files)?)?)?);
    // A new baseline records everything current, so no old baseline applies.
    let baseline = if writing_baseline { None } else { common.baseline.as_deref() };
    let filters = config.filters(!common.settings.no_config, baseline, common.include_test_fixtures)?;

    let mut out = output::open(common.output.output.as_deref())?;
    let opts = report_options(&common.output);
    let stats = Arc::new(ScanStats::default());
    let progress = Progress::start(!common.no_progress, stats.clone());
    let scanner = BlobScanner::new(engine.clone());

    let streaming = format == Format::Jsonl;
    let jsonl = JsonlSink { out: Mutex::new((&mut out, Ok(()))), opts };
    let collect = CollectSink::default();
    let inner: &dyn FindingSink = if streaming { &jsonl } else { &collect };
    let sink = FilterSink::new(&filters, &stats, inner, common.explain && !writing_baseline);
    let ctx = ScanContext {
        scanner: &scanner,
        stats: &stats,
        progress: &progress,
        threads: common.threads.unwrap_or_else(default_threads),
        own_files: config.own_files(baseline),
    };
    let scanned = source(&ctx, &sink);
    progress.finish();
    scanned?;

    let suppressed = sink.suppressed_counts();
    let write_result = if streaming {
        let (_, result) = jsonl.out.into_inner().unwrap_or_else(|p| p.into_inner());
        result
    } else {
        report::write_report(repository, format, &collect.into_sorted(), engine.rules(), opts, &mut out)
    };
    output::ignore_broken_pipe(write_result.and_then(|_| out.flush()))?;

    if common.summary || std::io::stderr().is_terminal() {
        eprintln!("keyhound: {}", stats.summary(started.elapsed(), common.max_file_size, &suppressed));
    }
    if common.report_unused_ignores {
        report_unused_ignores(&filters);
    }
    let reported = ScanStats::get(&stats.findings) - suppressed.values().sum::<u64>();
    Ok(if !writing_baseline && reported > 0 { Outcome::Found } else { Outcome::Clean })
}

fn report_unused_ignores(filters: &Filters) {
    match &filters.ignore_file {
        None => eprintln!("keyhound: no {} in use", config::IGNORE_FILE),
        Some(ignore) => {
            for entry in ignore.unused() {
                eprintln!("keyhound: unused ignore: {entry} (matched no finding)");
            }
        }
    }
}

/// Writes JSON Lines as each blob finishes, so a consumer sees findings while
/// a long scan is still running. Remembers the first write error.
struct JsonlSink<'a> {
    out: Mutex<(&'a mut Box<dyn Write + Send>, std::io::Result<()>)>,
    opts: ReportOptions,
}

impl FindingSink for JsonlSink<'_> {
    fn accept(&self, findings: Vec<Finding>) {
        let mut guard = self.out.lock().unwrap_or_else(|p| p.into_inner());
        let (out, result) = &mut *guard;
        if result.is_err() {
            return;
        }
        *result = findings
            .iter()
            .try_for_each(|f| report::write_jsonl_line(f, self.opts, &mut **out))
            .and_then(|_| out.flush());
    }
}

fn is_stdin(p: &Path) -> bool {
    p.as_os_str() == "-"
}

fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

fn report_options(args: &OutputArgs) -> ReportOptions {
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    ReportOptions { show_secrets: args.show_secrets, color }
}

fn list_rules(json: bool) -> Result<Outcome> {
    let rules = load_rules(&[])?;
    let mut out = std::io::stdout().lock();
    let result = if json {
        let items: Vec<_> = rules
            .iter()
            .map(|r| serde_json::json!({"id": &*r.id, "name": &*r.name, "keywords": r.keywords, "source": &*r.source}))
            .collect();
        serde_json::to_writer_pretty(&mut out, &items).map_err(std::io::Error::from).and_then(|_| writeln!(out))
    } else {
        let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
        rules.iter().try_for_each(|r| writeln!(out, "{:width$}  {}", r.id, r.name))
    };
    output::ignore_broken_pipe(result)?;
    Ok(Outcome::Clean)
}

fn check_rules(file: Option<&Path>) -> Result<Outcome> {
    let (rules, strict) = match file {
        Some(path) => (rules::load_rule_file(path)?, false),
        None => (rules::builtin_rules()?, true),
    };
    let problems = rules::check_rules(&rules, strict);
    for p in &problems {
        println!("{p}");
    }
    let examples: usize = rules.iter().map(|r| r.examples.len() + r.negatives.len()).sum();
    if problems.is_empty() {
        println!("{} rules ok ({} examples and negatives checked)", rules.len(), examples);
        Ok(Outcome::Clean)
    } else {
        println!("{} problem(s) in {} rules", problems.len(), rules.len());
        Ok(Outcome::Found)
    }
}
