//! Redaction of secrets in reports: enough of a secret to recognise it, never
//! enough to use it.

use crate::finding::Finding;

use super::ReportOptions;

/// The redacted form of a secret: at most 4 leading and 3 trailing characters,
/// together never more than a quarter of the secret, joined by `…`.
///
/// `ghp_` + 36 characters becomes `ghp_…Xk2`; an 8-character password becomes `pa…`.
pub fn redact(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    let budget = chars.len() / 4;
    let lead = budget.min(4);
    let trail = (budget - lead).min(3);
    let mut out: String = chars[..lead].iter().collect();
    out.push('…');
    out.extend(&chars[chars.len() - trail..]);
    out
}

/// The secret as a report prints it under `opts`.
pub fn shown_secret(f: &Finding, opts: ReportOptions) -> String {
    if opts.show_secrets { f.secret.clone() } else { redact(&f.secret) }
}

/// The finding's context line with the secret redacted (unless shown), and
/// the byte range the printed secret occupies in it.
pub fn shown_context(f: &Finding, opts: ReportOptions) -> (String, std::ops::Range<usize>) {
    if opts.show_secrets {
        return (f.context.clone(), f.context_secret.clone());
    }
    let shown = redact(&f.context[f.context_secret.clone()]);
    let mut text = String::with_capacity(f.context.len());
    text.push_str(&f.context[..f.context_secret.start]);
    let start = text.len();
    text.push_str(&shown);
    let end = text.len();
    text.push_str(&f.context[f.context_secret.end..]);
    (text, start..end)
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn keeps_at_most_a_quarter_and_four_leading_characters() {
        assert_eq!(redact("ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456Xk2"), "ghp_…Xk2");
        assert_eq!(redact("password"), "pa…");
        assert_eq!(redact("abc"), "…");
        let long = "x".repeat(100);
        assert_eq!(redact(&long).chars().filter(|&c| c == 'x').count(), 7);
    }
}
