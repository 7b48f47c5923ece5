//! Recall and precision on fixtures/corpus: generated files in many formats
//! with planted fake credentials (listed in fixtures/corpus/expected.jsonl)
//! and hard negatives (placeholders, look-alikes with bad checksums,
//! identifiers, hashes), written by scripts/make_corpus.py.
//!
//! A finding counts as a true positive when a planted secret sits at its path
//! and line. Every other finding is a false positive.

mod common;

use std::collections::BTreeSet;

use common::*;

const RECALL_TARGET: f64 = 0.97;
const PRECISION_TARGET: f64 = 0.97;

#[derive(Debug, serde::Deserialize)]
struct Planted {
    path: String,
    line: u64,
    provider: String,
}

#[test]
fn recall_and_precision_on_the_generated_corpus() {
    let root = fixture("corpus");
    let planted: Vec<Planted> = std::fs::read_to_string(root.join("expected.jsonl"))
        .expect("fixtures/corpus/expected.jsonl (run scripts/make_corpus.py)")
        .lines()
        .map(|l| serde_json::from_str(l).expect("expected.jsonl line"))
        .collect();
    let out = keyhound()
        .args(["scan", ".", "-f", "json", "--no-progress", "--no-config"])
        .current_dir(&root)
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
    let found: BTreeSet<(String, u64)> = json_findings(&out)
        .iter()
        .map(|f| (f["path"].as_str().unwrap().to_string(), f["line"].as_u64().unwrap()))
        .collect();
    let expected: BTreeSet<(String, u64)> = planted.iter().map(|p| (p.path.clone(), p.line)).collect();

    let hits = expected.intersection(&found).count();
    let recall = hits as f64 / expected.len() as f64;
    let precision = if found.is_empty() { 1.0 } else { hits as f64 / found.len() as f64 };
    let missed: Vec<String> = planted
        .iter()
        .filter(|p| !found.contains(&(p.path.clone(), p.line)))
        .map(|p| format!("{}:{} ({})", p.path, p.line, p.provider))
        .collect();
    let extra: Vec<String> = found.difference(&expected).map(|(p, l)| format!("{p}:{l}")).collect();
    println!(
        "corpus: {} planted, {} reported; recall {:.3}, precision {:.3}",
        expected.len(),
        found.len(),
        recall,
        precision
    );
    assert!(recall >= RECALL_TARGET, "recall {recall:.3} < {RECALL_TARGET}; missed:\n{}", missed.join("\n"));
    assert!(
        precision >= PRECISION_TARGET,
        "precision {precision:.3} < {PRECISION_TARGET}; false positives:\n{}",
        extra.join("\n")
    );
}
