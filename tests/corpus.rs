//! Recall and precision on generated corpora of files in many formats
//! with planted fake credentials (listed in each corpus's expected.jsonl)
//! and hard negatives (placeholders, look-alikes with bad checksums,
//! identifiers, hashes):
//!
//! - fixtures/corpus, by scripts/make_corpus.py;
//! - fixtures/corpus2, by scripts/make_corpus2.py, written later and
//!   independently (its author read neither the rules nor the first corpus),
//!   with checksum look-alikes listed in lookalikes.jsonl;
//! - fixtures/corpus3, by scripts/make_corpus3.py, written independently
//!   again, weighted to agent and MCP configs, chat exports, notebooks,
//!   Kubernetes and Helm, CI logs, HAR captures and lock files;
//! - fixtures/corpus4, by scripts/make_corpus4.py, independent again,
//!   weighted to AI-workflow files (assistant exports, coding-agent configs,
//!   agent traces) and operations (Terraform state, Ansible, web server and
//!   PowerShell configuration, Postman, plists);
//! - fixtures/corpus5, by scripts/make_corpus5.py, independent again: the
//!   long tail (160 providers, Android and iOS, data tools, IaC, web and
//!   VPN servers, tickets and e-mail);
//! - fixtures/corpus6, by scripts/make_corpus6.py, independent again and
//!   shaped like the held-out set the rules issue describes (about 50
//!   providers, 15 formats);
//! - fixtures/corpus7, by scripts/make_corpus7.py, independent again, the
//!   same shape, written after test fixtures were first suppressed (its
//!   author was not told of it; no planted secret sits in a test file);
//! - fixtures/corpus8, by scripts/make_corpus8.py, independent again, laid
//!   out as seven projects (ML, web, Go, Spring, infrastructure, dotfiles,
//!   agents);
//! - fixtures/corpus9, by scripts/make_corpus9.py, independent again: a
//!   consultancy's monorepo and shared drive (fifteen languages, CSV and
//!   e-mail, a recorded HTTP cassette under spec/fixtures/).
//!
//! A finding counts as a true positive when a planted secret sits at its path
//! and line. Every other finding is a false positive.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;

const RECALL_TARGET: f64 = 0.97;
const PRECISION_TARGET: f64 = 0.97;
/// Checksum look-alikes reported, at most.
const LOOKALIKE_TARGET: f64 = 0.02;

#[derive(Debug, serde::Deserialize)]
struct Planted {
    path: String,
    line: u64,
    provider: String,
}

fn planted(root: &Path, file: &str) -> Vec<Planted> {
    match std::fs::read_to_string(root.join(file)) {
        Ok(text) => text.lines().map(|l| serde_json::from_str(l).expect("a jsonl line")).collect(),
        Err(_) => Vec::new(),
    }
}

/// Scans `fixtures/<name>` and checks it against its expected findings
/// (and against its checksum look-alikes, which `with_lookalikes` requires).
fn measure(name: &str, with_lookalikes: bool) {
    let root = fixture(name);
    let planted_secrets = planted(&root, "expected.jsonl");
    assert!(!planted_secrets.is_empty(), "fixtures/{name}/expected.jsonl (run its scripts/make_*.py)");
    let out = keyhound()
        .args(["scan", ".", "-f", "json", "--no-progress", "--no-config"])
        .current_dir(&root)
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
    let found: BTreeSet<(String, u64)> = json_findings(&out)
        .iter()
        .map(|f| (f["path"].as_str().unwrap().trim_start_matches("./").to_string(), f["line"].as_u64().unwrap()))
        .collect();
    let expected: BTreeSet<(String, u64)> = planted_secrets.iter().map(|p| (p.path.clone(), p.line)).collect();

    let hits = expected.intersection(&found).count();
    let recall = hits as f64 / expected.len() as f64;
    let precision = if found.is_empty() { 1.0 } else { hits as f64 / found.len() as f64 };
    let lookalikes = planted(&root, "lookalikes.jsonl");
    assert!(!with_lookalikes || !lookalikes.is_empty(), "fixtures/{name}/lookalikes.jsonl lists none");
    let reported_lookalikes = lookalikes.iter().filter(|l| found.contains(&(l.path.clone(), l.line))).count();
    let lookalike_rate = reported_lookalikes as f64 / lookalikes.len().max(1) as f64;
    let missed: Vec<String> = planted_secrets
        .iter()
        .filter(|p| !found.contains(&(p.path.clone(), p.line)))
        .map(|p| format!("{}:{} ({})", p.path, p.line, p.provider))
        .collect();
    let extra: Vec<String> = found.difference(&expected).map(|(p, l)| format!("{p}:{l}")).collect();
    println!(
        "{name}: {} planted, {} reported; recall {recall:.3}, precision {precision:.3}; \
         {reported_lookalikes} of {} checksum look-alikes reported",
        expected.len(),
        found.len(),
        lookalikes.len(),
    );
    assert!(recall >= RECALL_TARGET, "recall {recall:.3} < {RECALL_TARGET}; missed:\n{}", missed.join("\n"));
    assert!(
        precision >= PRECISION_TARGET,
        "precision {precision:.3} < {PRECISION_TARGET}; false positives:\n{}",
        extra.join("\n")
    );
    assert!(lookalike_rate <= LOOKALIKE_TARGET, "{reported_lookalikes} look-alikes reported");
}

#[test]
fn recall_and_precision_on_the_generated_corpus() {
    measure("corpus", false);
}

#[test]
fn recall_and_precision_on_the_independent_corpus() {
    measure("corpus2", true);
}

#[test]
fn recall_and_precision_on_the_third_corpus() {
    measure("corpus3", true);
}

#[test]
fn recall_and_precision_on_the_fourth_corpus() {
    measure("corpus4", true);
}

#[test]
fn recall_and_precision_on_the_fifth_corpus() {
    measure("corpus5", true);
}

#[test]
fn recall_and_precision_on_the_sixth_corpus() {
    measure("corpus6", true);
}

#[test]
fn recall_and_precision_on_the_seventh_corpus() {
    measure("corpus7", true);
}

#[test]
fn recall_and_precision_on_the_eighth_corpus() {
    measure("corpus8", true);
}

#[test]
fn recall_and_precision_on_the_ninth_corpus() {
    measure("corpus9", true);
}
