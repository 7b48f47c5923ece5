//! Self-tests of rules: every example must produce a finding of its rule and
//! no negative may. `keyhound rules check` and `cargo test` both run this.

use crate::engine::Engine;

use super::Rule;

/// One thing wrong with one rule.
#[derive(Debug, Clone)]
pub struct Problem {
    pub rule_id: String,
    pub source: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: rule `{}`: {}", self.source, self.rule_id, self.message)
    }
}

/// Checks each rule on its own examples and negatives.
///
/// `strict` is the bar for built-in rules: at least two examples and one
/// negative. User rules need one example, so a rule that never matches
/// anything cannot be loaded by accident.
pub fn check_rules(rules: &[Rule], strict: bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for rule in rules {
        let mut report = |message: String| {
            problems.push(Problem { rule_id: rule.id.to_string(), source: rule.source.to_string(), message })
        };
        if !seen.insert(rule.id.clone()) {
            report("duplicate id".into());
        }
        for p in check_one(rule, strict) {
            report(p);
        }
    }
    problems
}

fn check_one(rule: &Rule, strict: bool) -> Vec<String> {
    let mut problems = Vec::new();
    if let Err(e) = rule.regex.compile_now() {
        problems.push(format!("{e:#}"));
        return problems;
    }
    let (min_examples, min_negatives) = if strict { (2, 1) } else { (1, 0) };
    if rule.examples.len() < min_examples {
        problems.push(format!("needs at least {min_examples} example(s), has {}", rule.examples.len()));
    }
    if rule.negatives.len() < min_negatives {
        problems.push(format!("needs at least {min_negatives} negative(s), has {}", rule.negatives.len()));
    }
    for kw in &rule.keywords {
        if !rule.examples.iter().any(|e| e.to_ascii_lowercase().contains(kw.as_str())) {
            problems.push(format!("keyword {kw:?} appears in no example, so nothing tests it"));
        }
    }
    let engine = match Engine::new(vec![rule.clone()]) {
        Ok(e) => e,
        Err(e) => {
            problems.push(format!("cannot build an engine for it: {e:#}"));
            return problems;
        }
    };
    let mut scratch = engine.scratch();
    for (i, example) in rule.examples.iter().enumerate() {
        if engine.matches(example.as_bytes(), &mut scratch).is_empty() {
            let why = if rule.regex.get().is_some_and(|c| c.regex.is_match(example.as_bytes())) {
                "the regex matches the text, but a check (shape, entropy, placeholder, checksum) rejects it, \
                 or the match starts before the keyword's line or ends past its window"
            } else {
                "the regex does not match near a keyword"
            };
            problems.push(format!("example {} produces no finding ({why}): {example:?}", i + 1));
        }
    }
    for (i, negative) in rule.negatives.iter().enumerate() {
        if !engine.matches(negative.as_bytes(), &mut scratch).is_empty() {
            problems.push(format!("negative {} produces a finding: {negative:?}", i + 1));
        }
    }
    problems
}
