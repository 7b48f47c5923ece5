//! `keyhound scan` end to end: the binary on fixtures/ and on temp trees.

mod common;

use common::*;
use std::fs;

/// Every file under fixtures/scan that holds a real-looking secret, and how many.
const EXPECTED: &[(&str, usize)] = &[
    (".env", 1),
    ("config/deploy/id_rsa", 1),
    ("config/settings.yaml", 1),
    ("docs/notes.md", 1),
    ("latin1.txt", 1),
    ("src/app.py", 3),
];

fn scan_fixtures(extra: &[&str]) -> std::process::Output {
    let root = fixture("scan");
    // --no-config: the repository's own .keyhound.toml allowlists fixtures/.
    let mut args = vec!["scan", root.to_str().unwrap(), "--no-progress", "--no-config"];
    args.extend_from_slice(extra);
    run(&args)
}

fn counts_by_path(findings: &[serde_json::Value]) -> Vec<(String, usize)> {
    let base = fixture("scan").to_string_lossy().into_owned();
    let mut counts = std::collections::BTreeMap::new();
    for (p, _) in path_rules(findings, &base) {
        *counts.entry(p).or_insert(0) += 1;
    }
    counts.into_iter().collect()
}

#[test]
fn finds_every_planted_secret_and_nothing_else() {
    let out = scan_fixtures(&["-f", "json"]);
    assert_eq!(out.status.code(), Some(1), "findings exit 1; stderr: {}", stderr(&out));
    let findings = json_findings(&out);
    let expected: Vec<(String, usize)> = EXPECTED.iter().map(|(p, n)| (p.to_string(), *n)).collect();
    assert_eq!(counts_by_path(&findings), expected);
}

#[test]
fn placeholders_and_bad_checksums_are_not_findings() {
    let out = scan_fixtures(&["-f", "json", "--show-secrets"]);
    let app = fs::read_to_string(fixture("scan/src/app.py")).unwrap();
    let lookalike = app.lines().find_map(|l| l.strip_prefix("LOOKALIKE = ")).unwrap().trim_matches('"');
    let secrets: Vec<String> = json_findings(&out).iter().map(|f| f["secret"].as_str().unwrap().to_string()).collect();
    for never in ["AKIAIOSFODNN7EXAMPLE", "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", lookalike] {
        assert!(!secrets.iter().any(|s| s.contains(never)), "{never} must not be reported");
    }
}

#[test]
fn json_fields_and_redaction() {
    let token = fixture_github_token();
    let out = scan_fixtures(&["-f", "json"]);
    let text = stdout(&out);
    assert!(!text.contains(&token), "the secret must be redacted by default");
    let findings = json_findings(&out);
    let env = findings.iter().find(|f| f["path"].as_str().unwrap().ends_with(".env")).unwrap();
    for field in ["rule_id", "rule_name", "path", "line", "column", "end_column", "secret", "fingerprint"] {
        assert!(!env[field].is_null(), "field {field} missing in {env}");
    }
    assert_eq!(env["line"], 2);
    assert_eq!(env["column"], 14);
    assert_eq!(env["end_column"], 14 + 40);
    let shown = env["secret"].as_str().unwrap();
    assert!(shown.starts_with("ghp_") && shown.contains('…'), "redacted form: {shown}");
    assert!(shown.chars().count() <= 4 + 1 + 3);

    let out = scan_fixtures(&["-f", "json", "--show-secrets"]);
    assert!(stdout(&out).contains(&token), "--show-secrets prints the secret");
}

#[test]
fn columns_count_characters_not_bytes() {
    let out = scan_fixtures(&["-f", "json"]);
    let findings = json_findings(&out);
    let notes = findings.iter().find(|f| f["path"].as_str().unwrap().ends_with("notes.md")).unwrap();
    // "Ünïcödé prefix — then a token: " is 31 characters (more bytes).
    assert_eq!(notes["column"], 32);
}

#[test]
fn human_format_names_file_line_column_and_rule() {
    let out = scan_fixtures(&["--color", "never"]);
    let text = stdout(&out);
    let token = fixture_github_token();
    assert!(text.contains(".env:2:14: "), "{text}");
    assert!(text.contains("GITHUB_TOKEN=ghp_"), "context line shown: {text}");
    assert!(!text.contains(&token));
    assert!(!text.contains('\x1b'), "no colour when asked for none");
    let coloured = stdout(&scan_fixtures(&["--color", "always"]));
    assert!(coloured.contains('\x1b'));
}

#[test]
fn jsonl_is_one_object_per_line() {
    let out = scan_fixtures(&["-f", "jsonl", "-j", "1"]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let total: usize = EXPECTED.iter().map(|(_, n)| n).sum();
    assert_eq!(lines.len(), total);
    for l in lines {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert!(v["rule_id"].is_string());
    }
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let out = scan_fixtures(&["-f", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(fixture("sarif-2.1.0.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&sarif).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF schema errors: {errors:#?}");

    let run = &sarif["runs"][0];
    let results = run["results"].as_array().unwrap();
    let total: usize = EXPECTED.iter().map(|(_, n)| n).sum();
    assert_eq!(results.len(), total);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for r in results {
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(!uri.starts_with('/') && !uri.contains("fixtures"), "uri relative to the scan root: {uri}");
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(loc["region"]["startColumn"].as_u64().unwrap() >= 1);
        assert!(loc["region"]["endColumn"].as_u64().is_some());
        assert!(r["partialFingerprints"]["keyhound/v1"].is_string());
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
        assert!(rules[idx]["help"]["text"].is_string());
    }
    assert!(!stdout(&out).contains(&fixture_github_token()));
}

#[test]
fn reports_are_deterministic() {
    for format in ["json", "sarif", "human"] {
        let a = stdout(&scan_fixtures(&["-f", format]));
        let b = stdout(&scan_fixtures(&["-f", format, "-j", "1"]));
        assert_eq!(a, b, "{format} output differs between runs");
    }
}

#[test]
fn gitignore_respected_unless_no_ignore() {
    let out = scan_fixtures(&["-f", "json"]);
    let paths: Vec<String> = counts_by_path(&json_findings(&out)).into_iter().map(|(p, _)| p).collect();
    assert!(!paths.iter().any(|p| p.starts_with("ignored/") || p.ends_with(".log")));
    let out = scan_fixtures(&["-f", "json", "--no-ignore"]);
    let paths: Vec<String> = counts_by_path(&json_findings(&out)).into_iter().map(|(p, _)| p).collect();
    assert!(paths.contains(&"ignored/secret.txt".to_string()), "{paths:?}");
    assert!(paths.contains(&"debug.log".to_string()));
}

#[test]
fn binary_and_oversize_files_are_skipped_and_counted() {
    let out = scan_fixtures(&["-f", "json", "--summary"]);
    assert!(stderr(&out).contains("1 binary"), "{}", stderr(&out));
    let out = scan_fixtures(&["-f", "json", "--summary", "--max-file-size", "40"]);
    let err = stderr(&out);
    assert!(err.contains("over 40 B"), "{err}");
    // Only files of 40 bytes or less were scanned: none holds a secret.
    assert_eq!(out.status.code(), Some(0), "{err}");
}

#[test]
fn stdin_is_scanned_as_dash() {
    let token = fixture_github_token();
    let out = run_stdin(&["scan", "-", "-f", "json"], format!("prompt: use {token} please\n").as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let f = json_findings(&out);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["path"], "-");
    assert_eq!(f[0]["column"], 13);

    let out = run_stdin(&["scan", "-"], b"nothing secret here\n");
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).is_empty());
}

#[test]
fn one_secret_two_generic_rules_one_verdict() {
    // A JWT longer than the 256 bytes the assignment rule keeps of a value:
    // both generic rules match it; only the one that saw all of it reports.
    let header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
    let payload = "eyJzdWIiOiJ1LTgzaGYwMmtkIiwiaXNzIjoiaHR0cHM6Ly9hdXRoLmFjbWUtY29ycC5pbyIsImF1ZCI6ImJpbGxpbmctYXBpIiwic2NvcGUiOiJpbnZvaWNlczpyZWFkIGludm9pY2VzOndyaXRlIGN1c3RvbWVyczpyZWFkIGN1c3RvbWVyczp3cml0ZSByZXBvcnRzOnJlYWQiLCJpYXQiOjE3NjQ1NDcyMDAsImV4cCI6MTc5NjA4MzIwMH0";
    let signature = "PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA_2O7";
    let input = format!("{{\"idToken\": \"{header}.{payload}.{signature}\"}}\n");
    let out = run_stdin(&["scan", "-", "-f", "json"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let f = json_findings(&out);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0]["rule_id"], "jwt");

    // A short JWT, all of which both rules see: the one that checks its
    // header names it.
    let input = format!("let token = \"{header}.eyJzdWIiOiJ1LTgzaGYwMmtkIn0.{signature}\";\n");
    let out = run_stdin(&["scan", "-", "-f", "json"], input.as_bytes());
    let f = json_findings(&out);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0]["rule_id"], "jwt");

    // Signed with jwt.io's documented example signature: the JWT rule knows
    // it for a placeholder, and the assignment rule yields to it.
    let example = "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    let input = format!("{{\"idToken\": \"{header}.{payload}.{example}\"}}\n");
    let out = run_stdin(&["scan", "-", "-f", "json"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn missing_path_and_bad_arguments_exit_2_with_a_message() {
    let out = run(&["scan", "/definitely/not/here"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/definitely/not/here"), "{}", stderr(&out));
    let out = run(&["scan", "--format", "xml", "."]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["scan", "--max-file-size", "lots", "."]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn output_file_and_devices() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    fs::write(&report, "old contents that must be replaced").unwrap();
    let out = scan_fixtures(&["-f", "json", "-o", report.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    let written: Vec<serde_json::Value> = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    assert!(!written.is_empty());

    let out = scan_fixtures(&["-f", "json", "-o", "/dev/null"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let meta = fs::metadata("/dev/null").unwrap();
    assert!(!meta.is_file(), "/dev/null is still a device");
}

#[test]
fn git_directory_is_never_scanned_but_dotfiles_are() {
    let dir = tempfile::tempdir().unwrap();
    let token = fixture_github_token();
    fs::create_dir_all(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join(".git/config"), format!("token = {token}\n")).unwrap();
    fs::create_dir_all(dir.path().join(".vscode")).unwrap();
    fs::write(dir.path().join(".vscode/settings.json"), format!("{{\"token\": \"{token}\"}}\n")).unwrap();
    let out = run(&["scan", dir.path().to_str().unwrap(), "-f", "json"]);
    let base = dir.path().to_string_lossy().into_owned();
    let paths: Vec<String> = path_rules(&json_findings(&out), &base).into_iter().map(|(p, _)| p).collect();
    assert_eq!(paths, vec![".vscode/settings.json".to_string()]);
}

#[test]
fn bad_input_is_reported_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let token = fixture_github_token();
    fs::write(d.join("good.txt"), format!("t={token}\n")).unwrap();
    fs::write(d.join("empty.txt"), "").unwrap();
    // Random bytes without NUL, so the file is scanned rather than skipped.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let noise: Vec<u8> = (0..1_000_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 255) as u8 + 1
        })
        .collect();
    fs::write(d.join("noise.dat"), noise).unwrap();
    fs::create_dir(d.join("sub")).unwrap();
    std::os::unix::fs::symlink(d, d.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(d.join("nowhere"), d.join("dangling")).unwrap();
    let locked = d.join("locked.txt");
    fs::write(&locked, format!("t={token}\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let root_can_read = fs::read(&locked).is_ok();

    let out = run(&["scan", d.to_str().unwrap(), "-L", "-f", "json", "--summary"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("loop"), "the symlink loop is named: {err}");
    assert!(err.contains("dangling") || err.contains("nowhere"), "the dangling link is named: {err}");
    let base = d.to_string_lossy().into_owned();
    let paths: Vec<String> = path_rules(&json_findings(&out), &base).into_iter().map(|(p, _)| p).collect();
    assert!(paths.contains(&"good.txt".to_string()), "{paths:?}");
    if !root_can_read {
        assert!(err.contains("locked.txt"), "{err}");
        assert!(err.contains("unreadable"), "{err}");
    }
}

#[test]
fn explicit_file_paths_are_scanned() {
    let env = fixture("scan/.env");
    let out = run(&["scan", env.to_str().unwrap(), "-f", "sarif", "--no-config"]);
    assert_eq!(out.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], ".env");
}

#[test]
fn clean_tree_exits_0() {
    let out = run(&["scan", fixture("scan/clean").to_str().unwrap(), "--no-config"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
}
