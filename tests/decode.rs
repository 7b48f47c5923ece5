//! Secrets under an encoding (base64, percent-encoding, hex) or wrapped over
//! string literals are found and located at the encoded text, and `redact`
//! masks the encoded text.

mod common;

use base64::Engine as _;
use common::*;

fn encode_b64(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(s)
}

#[test]
fn base64_kubernetes_secret_is_found_at_the_encoded_text() {
    let token = fixture_github_token();
    let encoded = encode_b64(&format!("GITHUB_TOKEN={token}"));
    let yaml = format!("apiVersion: v1\nkind: Secret\ndata:\n  config: {encoded}\n");
    let out = run_stdin(&["scan", "-", "-f", "json", "--no-config"], yaml.as_bytes());
    let f = json_findings(&out);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["rule_id"], "github-pat");
    assert_eq!(f[0]["decoded"], "base64");
    assert_eq!(f[0]["line"], 4);
    assert_eq!(f[0]["column"], 11, "the column where the base64 starts");
    assert_eq!(f[0]["end_column"].as_u64().unwrap(), 11 + encoded.len() as u64);

    // The same secret, plain or encoded, has the same fingerprint.
    let plain = json_findings(&run_stdin(&["scan", "-", "-f", "json", "--no-config"], token.as_bytes()));
    assert_eq!(plain[0]["fingerprint"], f[0]["fingerprint"]);

    let out = run_stdin(&["redact", "--no-config"], yaml.as_bytes());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("  config: [REDACTED:github-pat]\n"), "{text}");
    assert!(!text.contains(&encoded));
}

#[test]
fn percent_encoded_and_basic_auth_secrets() {
    let token = fixture_github_token();
    let url = format!("GET /hook?payload=%7B%22token%22%3A%22{token}%22%7D HTTP/1.1\n");
    let f = json_findings(&run_stdin(&["scan", "-", "-f", "json", "--no-config"], url.as_bytes()));
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["decoded"], "percent");

    let header = format!("Authorization: Basic {}\n", encode_b64("deploy:Xk9#mP2vL5qRt8"));
    let f = json_findings(&run_stdin(&["scan", "-", "-f", "json", "--no-config"], header.as_bytes()));
    assert!(!f.is_empty(), "a basic-auth credential is reported");
}

#[test]
fn ordinary_base64_and_hashes_are_not_findings() {
    let text = format!(
        "image: {}\nsha: 9f2c4e1a7b3d5f608e2c4a6b8d0f1e3c9f2c4e1a\nnote: {}\n",
        encode_b64("just some harmless text about the weather"),
        encode_b64("hello world, nothing secret here at all")
    );
    let out = run_stdin(&["scan", "-", "-f", "json", "--no-config"], text.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn a_secret_in_a_notebook_cell_is_found_on_its_line_of_the_file() {
    let token = fixture_github_token();
    let notebook = format!(
        r#"{{
 "cells": [
  {{
   "cell_type": "code",
   "metadata": {{}},
   "source": [
    "import os\n",
    "client = Github(\"{token}\")\n"
   ]
  }}
 ],
 "nbformat": 4
}}
"#
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("analysis.ipynb"), notebook).unwrap();
    let out = run(&["scan", dir.path().to_str().unwrap(), "-f", "json", "--no-config"]);
    let f = json_findings(&out);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["line"], 8);
    assert_eq!(f[0]["column"], 24);
}

#[test]
fn json_escaped_slashes_and_unicode_escapes_are_seen_through() {
    // PHP's json_encode escapes slashes; some exporters escape everything.
    // keyhound:allow (a made-up password)
    let json = "{\"dsn\": \"postgres:\\/\\/billing:Wq8vLm3xZ7kP2n@db.acme.test:5432\\/billing\"}\n";
    let f = json_findings(&run_stdin(&["scan", "-", "-f", "json", "--no-config"], json.as_bytes()));
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["decoded"], "json");
    assert_eq!(f[0]["line"], 1);
}

/// A token wrapped over string literals on consecutive lines is found at
/// the first line, and `redact` masks it across the lines.
#[test]
fn a_token_wrapped_over_string_literals_is_joined() {
    let token = fixture_github_token();
    let (head, tail) = token.split_at(22);
    let py = format!("TOKEN = (\n    \"{head}\"\n    \"{tail}\"\n)\n");
    let f = json_findings(&run_stdin(&["scan", "-", "-f", "json", "--no-config"], py.as_bytes()));
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (f[0]["rule_id"].as_str(), f[0]["decoded"].as_str(), f[0]["line"].as_u64()),
        (Some("github-pat"), Some("joined"), Some(2))
    );

    let js = format!("const token = '{head}' +\n  '{tail}';\n");
    assert_eq!(json_findings(&run_stdin(&["scan", "-", "-f", "json", "--no-config"], js.as_bytes())).len(), 1);

    let out = run_stdin(&["redact", "--no-config"], py.as_bytes());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains(head) && !text.contains(tail), "{text}");
}
