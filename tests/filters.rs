//! Adopting keyhound on a real codebase: config, allowlists, inline allows,
//! the ignore file and baselines, end to end.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// A rule of the test's own, so that tokens can be made up freely.
const ACME_RULE: &str = r#"
[[rule]]
id = "acme-token"
name = "ACME token"
keywords = ["acme_"]
regex = '''\b(acme_[a-z0-9]{24})\b'''
examples = ["ACME=acme_q8x2lp7tzk3nw9bc4md6fh1j"]
"#;

const T1: &str = "acme_k3j9x2mq8v7lp4tz6wn1rb5c";
const T2: &str = "acme_z7y6x5w4v3u2t1s9r8q7p6n5";
const T3: &str = "acme_m1n2b3v4c5x6z7l8k9j0h1g2";

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

/// A temp repo with `.keyhound.toml` = ACME_RULE + `extra`.
fn repo(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".keyhound.toml", &format!("{extra}\n{ACME_RULE}"));
    dir
}

fn scan_json(dir: &Path, extra: &[&str]) -> (Option<i32>, Vec<serde_json::Value>, String) {
    let mut args = vec!["scan", ".", "-f", "json", "--no-progress", "--summary"];
    args.extend_from_slice(extra);
    let out = keyhound().args(&args).current_dir(dir).output().unwrap();
    let findings = if out.status.code() == Some(2) { Vec::new() } else { json_findings(&out) };
    (out.status.code(), findings, stderr(&out))
}

fn secrets_and_paths(findings: &[serde_json::Value]) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> =
        findings.iter().map(|f| (f["path"].as_str().unwrap().to_string(), f["line"].as_u64().unwrap())).collect();
    v.sort();
    v
}

#[test]
fn inline_allow_comments() {
    let dir = repo("");
    let gh = fixture_github_token();
    write(
        dir.path(),
        "app.py",
        &format!(
            "a = '{T1}'  # keyhound:allow\nb = '{T2}'  # gitleaks:allow\nc = '{T3}'  # pragma: allowlist secret\n\
             # keyhound:allow\nd = '{gh}'\nreported = '{T1}x'\n"
        ),
    );
    write(dir.path(), "cfg.yaml", &format!("# pragma: allowlist nextline secret\ntoken: {T2}\nother: {T3}\n"));
    let (code, findings, err) = scan_json(dir.path(), &[]);
    assert_eq!(code, Some(1), "{err}");
    // `{T1}x` is not a token (26 chars), so only cfg.yaml's last line remains.
    assert_eq!(secrets_and_paths(&findings), vec![("cfg.yaml".to_string(), 3)]);
    assert!(err.contains("5 inline"), "the summary counts suppressions: {err}");
}

#[test]
fn explain_shows_what_suppressed_each_finding() {
    let dir = repo("[[allowlist]]\ndescription = \"generated data\"\npaths = [\"data/\"]\n");
    write(dir.path(), "a.txt", &format!("x = {T1} # keyhound:allow\n"));
    write(dir.path(), "data/b.json", &format!("{{\"key\": \"{T2}\"}}\n"));
    let (code, findings, _) = scan_json(dir.path(), &["--explain"]);
    assert_eq!(code, Some(0), "suppressed findings do not fail the scan");
    let why: Vec<String> = findings.iter().map(|f| f["suppressed_by"].as_str().unwrap().to_string()).collect();
    assert_eq!(why, vec!["inline `keyhound:allow`", "allowlist `generated data`"]);
    let (_, findings, _) = scan_json(dir.path(), &[]);
    assert!(findings.is_empty());

    let out = keyhound().args(["scan", ".", "--explain", "-f", "sarif"]).current_dir(dir.path()).output().unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["suppressions"][0]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, vec!["inSource", "external"]);
}

#[test]
fn allowlists_by_path_secret_line_stopword_and_rule() {
    let dir = repo(
        r#"
[[allowlist]]
description = "json has no comments"
paths = ["*.json", "vendor/"]

[[allowlist]]
secrets = ["^acme_m1n2"]

[[allowlist]]
lines = ["FIXTURE"]

[[allowlist]]
stopwords = ["Z7Y6"]

[[allowlist]]
rules = ["generic-secret"]
paths = ["src/"]
"#,
    );
    write(dir.path(), "conf.json", &format!("{{\"token\": \"{T1}\"}}\n"));
    write(dir.path(), "vendor/lib.js", &format!("k = '{T1}'\n"));
    write(dir.path(), "a.txt", &format!("{T3}\n"));
    write(dir.path(), "b.txt", &format!("FIXTURE {T1}\n"));
    write(dir.path(), "c.txt", &format!("{T2}\n"));
    // The last allowlist is limited to generic-secret, so the ACME token in src/ is reported.
    write(dir.path(), "src/main.rs", &format!("let k = \"{T1}\";\n"));
    let (code, findings, err) = scan_json(dir.path(), &[]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(secrets_and_paths(&findings), vec![("src/main.rs".to_string(), 1)]);
}

#[test]
fn config_disables_adds_and_overrides_rules() {
    let gh = fixture_github_token();
    let dir = repo("disable = [\"github-pat\"]\n");
    write(dir.path(), "a.env", &format!("GH={gh}\nACME={T1}\n"));
    let (_, findings, _) = scan_json(dir.path(), &[]);
    let rules: Vec<&str> = findings.iter().map(|f| f["rule_id"].as_str().unwrap()).collect();
    assert_eq!(rules, vec!["acme-token"]);

    let (_, findings, _) = scan_json(dir.path(), &["--no-config"]);
    let rules: Vec<&str> = findings.iter().map(|f| f["rule_id"].as_str().unwrap()).collect();
    assert_eq!(rules, vec!["github-pat"], "--no-config ignores the config and its rules");

    // Raising the entropy floor above what any token reaches silences the rule,
    // but only if the rule's own examples still pass: here they do not.
    let dir = repo("[[override]]\nid = \"acme-token\"\nentropy = 7.5\n");
    let (code, _, err) = scan_json(dir.path(), &[]);
    assert_eq!(code, Some(2));
    assert!(err.contains("acme-token") && err.contains("example 1"), "{err}");
}

#[test]
fn bad_config_names_file_line_and_rule() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".keyhound.toml",
        "# settings\n\n[[rule]]\nid = \"broken-rule\"\nname = \"x\"\nkeywords = [\"abc\"]\nregex = '(unclosed'\nexamples = [\"abc\"]\n",
    );
    let (code, _, err) = scan_json(dir.path(), &[]);
    assert_eq!(code, Some(2));
    assert!(err.contains(".keyhound.toml:3"), "file and line of the rule: {err}");
    assert!(err.contains("broken-rule"), "{err}");
    assert!(err.contains("regex"), "{err}");

    write(dir.path(), ".keyhound.toml", "disable = [\"no-such-rule\"]\n");
    let (code, _, err) = scan_json(dir.path(), &[]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no-such-rule"), "{err}");

    write(dir.path(), ".keyhound.toml", "[[allowlists]]\npaths = [\"x\"]\n");
    let (code, _, err) = scan_json(dir.path(), &[]);
    assert_eq!(code, Some(2), "an unknown table is an error, not silently ignored");
    assert!(err.contains("allowlists"), "{err}");
}

#[test]
fn ignore_file_survives_moves_and_renames_and_reports_unused_entries() {
    let dir = repo("");
    write(dir.path(), "a.txt", &format!("line one\nkey = {T1}\n"));
    let (_, findings, _) = scan_json(dir.path(), &[]);
    let fp = findings[0]["fingerprint"].as_str().unwrap().to_string();
    write(
        dir.path(),
        ".keyhoundignore",
        &format!("# reviewed: a test token\n{fp}  # a.txt\n00000000000000000000000000000000\n"),
    );
    let (code, findings, _) = scan_json(dir.path(), &[]);
    assert_eq!(code, Some(0), "{findings:?}");

    // Moved to another line of a renamed file: still the same fingerprint.
    fs::remove_file(dir.path().join("a.txt")).unwrap();
    write(dir.path(), "renamed/b.txt", &format!("\n\n\nsomething = {T1}\n"));
    let out = keyhound()
        .args(["scan", ".", "--no-progress", "--report-unused-ignores"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(err.contains(".keyhoundignore:3: 00000000000000000000000000000000"), "{err}");
    assert!(!err.contains(&fp), "the used entry is not reported unused: {err}");

    write(dir.path(), ".keyhoundignore", "not-a-fingerprint\n");
    let (code, _, err) = scan_json(dir.path(), &[]);
    assert_eq!(code, Some(2));
    assert!(err.contains(".keyhoundignore:1"), "{err}");
}

#[test]
fn baseline_reports_only_new_secrets() {
    let dir = repo("");
    write(dir.path(), "old.py", &format!("A = '{T1}'\n"));
    let out = keyhound().args(["baseline", ".", "--no-progress"]).current_dir(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let baseline = stdout(&out);
    assert!(!baseline.contains(T1), "a baseline holds hashes, never secrets");
    fs::write(dir.path().join("base.json"), &baseline).unwrap();

    let (code, findings, _) = scan_json(dir.path(), &["--baseline", "base.json"]);
    assert_eq!(code, Some(0), "{findings:?}");

    // A new secret next to the old one is reported; the old one, moved, is not.
    write(dir.path(), "old.py", &format!("B = '{T2}'\nA = '{T1}'\n"));
    write(dir.path(), "moved/new_home.py", &format!("\n\nA = '{T1}'\n"));
    let (code, findings, err) = scan_json(dir.path(), &["--baseline", "base.json"]);
    assert_eq!(code, Some(1));
    assert_eq!(secrets_and_paths(&findings), vec![("old.py".to_string(), 1)]);
    assert!(err.contains("2 baseline"), "{err}");

    fs::write(dir.path().join("base.json"), "{\"not\": \"a baseline\"}").unwrap();
    let (code, _, err) = scan_json(dir.path(), &["--baseline", "base.json"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("base.json"), "{err}");
}

#[test]
fn this_repository_scans_clean_with_its_own_config() {
    let out = keyhound()
        .args(["scan", ".", "-f", "json", "--no-progress"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "findings outside the allowlisted fixtures:\n{}", stdout(&out));
}

/// A private key and a password in test files are fixtures a test suite made
/// up: counted, not reported. A provider's token there is still a leak.
#[test]
fn made_up_secrets_in_test_files_are_fixtures() {
    let dir = tempfile::tempdir().unwrap();
    let key = fs::read_to_string(fixture("scan/config/deploy/id_rsa")).unwrap();
    let gh = fixture_github_token();
    write(dir.path(), "tests/data/server.key", &key);
    write(dir.path(), "pkg/client_test.go", "const dbPassword = \"Tr0ub4dor&3xQ\"\n");
    write(dir.path(), "tests/test_api.py", &format!("TOKEN = '{gh}'\n"));
    write(dir.path(), "deploy/id_rsa", &key);

    let (code, findings, err) = scan_json(dir.path(), &[]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        path_rules(&findings, ""),
        vec![
            ("deploy/id_rsa".to_string(), "pem-rsa-private-key".to_string()),
            ("tests/test_api.py".to_string(), "github-pat".to_string()),
        ]
    );
    assert!(err.contains("2 test fixture"), "the summary counts them: {err}");

    let (_, findings, _) = scan_json(dir.path(), &["--include-test-fixtures"]);
    assert_eq!(findings.len(), 4, "{findings:?}");

    // Only fixtures left: the scan is clean, and --explain says why.
    fs::remove_file(dir.path().join("deploy/id_rsa")).unwrap();
    fs::remove_file(dir.path().join("tests/test_api.py")).unwrap();
    let (code, _, _) = scan_json(dir.path(), &[]);
    assert_eq!(code, Some(0));
    let (_, findings, _) = scan_json(dir.path(), &["--explain"]);
    assert!(findings.iter().all(|f| f["suppressed_by"].as_str().unwrap().starts_with("test fixture")), "{findings:?}");

    // The setting can live in the config too.
    write(dir.path(), ".keyhound.toml", "include_test_fixtures = true\n");
    let (code, findings, _) = scan_json(dir.path(), &[]);
    assert_eq!((code, findings.len()), (Some(1), 2));
}

/// Only the path below the scan root counts: a project checked out under a
/// directory named `tests` is not a test suite.
#[test]
fn a_root_inside_a_tests_directory_is_not_a_test_suite() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "tests/project/config.py", "DB_PASSWORD = \"Tr0ub4dor&3xQ\"\n");
    let root = dir.path().join("tests/project");
    let (code, findings, err) = scan_json(&root, &[]);
    assert_eq!((code, findings.len()), (Some(1), 1), "{err}");
}
