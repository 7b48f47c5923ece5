//! `keyhound redact`: masks secrets in a stream, passes everything else
//! through byte for byte, and streams line by line.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

use common::*;

fn pem_block() -> String {
    let key = std::fs::read_to_string(fixture("scan/config/deploy/id_rsa")).unwrap();
    key.trim_end().to_string()
}

#[test]
fn non_secret_bytes_pass_through_unchanged() {
    let mut input: Vec<u8> = b"plain text\r\nlatin1 caf\xe9 \xff\xfe\x00 binary\n".to_vec();
    input.extend((1..=255u8).cycle().take(100_000));
    input.extend_from_slice(b"\nno newline at the end");
    let out = run_stdin(&["redact", "--no-config"], &input);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, input, "byte-identical output");
}

#[test]
fn every_secret_in_a_transcript_is_replaced() {
    let transcript = std::fs::read(fixture("corpus/transcripts/support-chat-2024-05-14.jsonl")).unwrap();
    let token = fixture_github_token();
    let mut input = transcript.clone();
    input.extend_from_slice(format!("{{\"role\":\"user\",\"content\":\"my token is {token}, ok?\"}}\n").as_bytes());
    let out = run_stdin(&["redact", "--no-config"], &input);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains(&token));
    assert!(text.contains("my token is [REDACTED:github-pat], ok?"), "{text}");
    // What the scanner finds in the input, redact removes.
    let findings = json_findings(&run_stdin(&["scan", "-", "-f", "json", "--show-secrets", "--no-config"], &input));
    assert!(!findings.is_empty());
    for f in &findings {
        let secret = f["secret"].as_str().unwrap();
        assert!(!text.contains(secret), "{} left in the output", f["rule_id"]);
    }
    let count = text.matches("[REDACTED:").count();
    assert_eq!(count, findings.len());
}

#[test]
fn mask_keeps_length_and_fail_reports() {
    let token = fixture_github_token();
    let input = format!("a {token} b\n");
    let out = run_stdin(&["redact", "--mask", "*", "--fail", "--no-config"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1), "--fail exits 1 when something was redacted");
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("a {} b\n", "*".repeat(token.len())));
    let out = run_stdin(&["redact", "--fail", "--no-config"], b"nothing to hide\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_private_key_block_is_redacted_whole() {
    let pem = pem_block();
    let input = format!("before\n{pem}\nafter\n");
    let out = run_stdin(&["redact", "--no-config"], input.as_bytes());
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(text.starts_with("before\n[REDACTED:"), "{text}");
    assert!(text.ends_with("]\nafter\n"), "{text}");
    let out = run_stdin(&["redact", "--mask", "#", "--no-config"], input.as_bytes());
    let masked = String::from_utf8_lossy(&out.stdout);
    assert_eq!(masked.lines().count(), input.lines().count(), "line breaks inside the key are kept");
    assert!(!masked.contains("MII"));
}

#[test]
fn output_streams_before_input_ends() {
    let token = fixture_github_token();
    let mut child =
        keyhound().args(["redact", "--no-config"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    for i in 0..3 {
        writeln!(stdin, "line {i} token={token}").unwrap();
        stdin.flush().unwrap();
        line.clear();
        // Blocks until keyhound wrote the line: the input is still open.
        stdout.read_line(&mut line).unwrap();
        assert_eq!(line, format!("line {i} token=[REDACTED:github-pat]\n"));
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}
