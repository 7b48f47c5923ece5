//! The human format: one block per finding, like a compiler diagnostic.
//!
//! ```text
//! config/app.env:3:14: github-pat (GitHub personal access token) ghp_…Xk2
//!     GITHUB_TOKEN=ghp_…Xk2
//! ```

use std::io::{self, Write};

use crate::finding::Finding;

use super::ReportOptions;
use super::redaction::{shown_context, shown_secret};

const PATH: &str = "\x1b[35m";
const NUMBER: &str = "\x1b[32m";
const RULE: &str = "\x1b[1;31m";
const SECRET: &str = "\x1b[1;33m";
const RESET: &str = "\x1b[0m";

pub(super) fn write(findings: &[Finding], opts: ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    let paint = |code: &'static str| if opts.color { code } else { "" };
    for f in findings {
        let suppressed = f.suppressed.as_ref().map(|s| format!(" [suppressed by {s}]")).unwrap_or_default();
        writeln!(
            out,
            "{}{}{}:{}{}:{}{}: {}{}{} ({}) {}{}{}{}",
            paint(PATH),
            f.origin.display_path(),
            paint(RESET),
            paint(NUMBER),
            f.line,
            f.column,
            paint(RESET),
            paint(RULE),
            f.rule_id,
            paint(RESET),
            f.rule_name,
            paint(SECRET),
            shown_secret(f, opts),
            paint(RESET),
            suppressed,
        )?;
        if let Some(c) = f.origin.commit() {
            let short = &c.id[..c.id.len().min(12)];
            writeln!(out, "    in commit {short} by {} <{}> on {}: {}", c.author, c.email, c.date, c.summary)?;
        }
        let (context, at) = shown_context(f, opts);
        let (before, secret, after) = (&context[..at.start], &context[at.clone()], &context[at.end..]);
        writeln!(out, "    {before}{}{secret}{}{after}", paint(SECRET), paint(RESET))?;
    }
    Ok(())
}
