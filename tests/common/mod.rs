//! Helpers shared by the integration tests: run the built binary, read the
//! generated fixtures.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Path of a file or directory under fixtures/.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(rel)
}

/// A command running the keyhound binary built for these tests.
pub fn keyhound() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_keyhound"));
    c.env_remove("NO_COLOR").stdin(Stdio::null());
    c
}

/// Runs keyhound with `args` and returns its output.
pub fn run(args: &[&str]) -> Output {
    keyhound().args(args).output().expect("keyhound runs")
}

/// Runs keyhound with `input` on standard input.
pub fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = keyhound()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("keyhound starts");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Parses a `--format json` report.
pub fn json_findings(o: &Output) -> Vec<serde_json::Value> {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("report is not JSON ({e}): {}", stdout(o)))
}

/// `(path, rule_id)` of each finding, sorted, with paths relative to `base`.
pub fn path_rules(findings: &[serde_json::Value], base: &str) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = findings
        .iter()
        .map(|f| {
            let p = f["path"].as_str().unwrap();
            let p = p.strip_prefix(base).unwrap_or(p).trim_start_matches('/');
            (p.to_string(), f["rule_id"].as_str().unwrap().to_string())
        })
        .collect();
    v.sort();
    v
}

/// The valid GitHub token planted in fixtures/scan/.env.
pub fn fixture_github_token() -> String {
    let env = std::fs::read_to_string(fixture("scan/.env")).unwrap();
    env.lines().find_map(|l| l.strip_prefix("GITHUB_TOKEN=")).expect("fixtures/scan/.env has GITHUB_TOKEN").to_string()
}
