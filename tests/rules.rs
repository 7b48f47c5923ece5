//! Every built-in rule passes its own examples and negatives, and the rule
//! set is well formed. This is what keeps a rule change honest.

mod common;

use common::*;

#[test]
fn every_builtin_rule_passes_its_examples_and_negatives() {
    let rules = keyhound::rules::builtin_rules().expect("built-in rules parse and compile");
    keyhound::rules::ensure_unique_ids(&rules).expect("unique ids");
    let problems = keyhound::rules::check_rules(&rules, true);
    let listed: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert!(listed.is_empty(), "{} rule problem(s):\n{}", listed.len(), listed.join("\n"));
}

#[test]
fn there_are_enough_rules() {
    let rules = keyhound::rules::builtin_rules().unwrap();
    assert!(rules.len() >= 40, "only {} rules", rules.len());
}

#[test]
fn rules_check_command_reports_a_broken_user_rule_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.toml");
    std::fs::write(
        &file,
        r#"
[[rule]]
id = "acme-token"
name = "ACME token"
keywords = ["acme_"]
regex = '''\b(acme_[a-z0-9]{32})\b'''
examples = ["ACME=acme_tooshort"]
"#,
    )
    .unwrap();
    let out = run(&["rules", "check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("acme-token"), "{}", stdout(&out));
    assert!(stdout(&out).contains("example 1"), "{}", stdout(&out));

    std::fs::write(&file, "[[rule]]\nid = \"Bad Id\"\nname = \"x\"\nkeywords = [\"abc\"]\nregex = \"(\"\n").unwrap();
    let out = run(&["rules", "check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Bad Id"), "{}", stderr(&out));
}

#[test]
fn user_rule_file_extends_a_scan() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("mine.toml");
    std::fs::write(
        &rules,
        r#"
[[rule]]
id = "acme-token"
name = "ACME token"
keywords = ["acme_"]
regex = '''\b(acme_[a-z0-9]{32})\b'''
examples = ["ACME=acme_q8x2lp7tzk3nw9bc4md6fh1js5gy0r2v"]
"#,
    )
    .unwrap();
    let out = run_stdin(
        &["scan", "-", "--rules", rules.to_str().unwrap(), "-f", "json"],
        b"key: acme_z8x2lp7tzk3nw9bc4md6fh1js5gy0r2q\n",
    );
    let f = json_findings(&out);
    assert_eq!(f.len(), 1, "{}", stderr(&out));
    assert_eq!(f[0]["rule_id"], "acme-token");
}

#[test]
fn rules_list_prints_every_rule() {
    let out = run(&["rules", "list"]);
    assert_eq!(out.status.code(), Some(0));
    let n = keyhound::rules::builtin_rules().unwrap().len();
    assert_eq!(stdout(&out).lines().count(), n);
}
