//! The keyword prefilter: one Aho-Corasick pass that turns keyword hits into
//! per-rule windows where that rule's regex is worth running.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use anyhow::{Context, Result};

use super::Scratch;
use crate::rules::Rule;

/// How far before a keyword hit a window may start. Secrets follow or contain
/// their keyword; this bounds the work on very long (minified) lines.
const WINDOW_BEFORE: usize = 512;

pub(super) struct Prefilter {
    automaton: AhoCorasick,
    /// For each automaton pattern, the rules that listed it as a keyword.
    rules_of_pattern: Vec<Vec<usize>>,
}

impl Prefilter {
    pub(super) fn new(rules: &[Rule]) -> Result<Prefilter> {
        let mut patterns: Vec<String> = Vec::new();
        let mut rules_of_pattern: Vec<Vec<usize>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        for (rule_index, rule) in rules.iter().enumerate() {
            for kw in &rule.keywords {
                let p = *index.entry(kw.clone()).or_insert_with(|| {
                    patterns.push(kw.clone());
                    rules_of_pattern.push(Vec::new());
                    patterns.len() - 1
                });
                if !rules_of_pattern[p].contains(&rule_index) {
                    rules_of_pattern[p].push(rule_index);
                }
            }
        }
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .context("cannot build the keyword automaton")?;
        Ok(Prefilter { automaton, rules_of_pattern })
    }

    /// Fills `scratch.windows` for every rule with a keyword hit in `hay`.
    /// Overlapping windows of one rule are merged so no byte is searched
    /// twice by the same regex.
    pub(super) fn windows(&self, hay: &[u8], rules: &[Rule], scratch: &mut Scratch) {
        for hit in self.automaton.find_overlapping_iter(hay) {
            let start = line_start(hay, hit.start());
            let line_end = line_end(hay, hit.end(), crate::rules::DEFAULT_WINDOW_AFTER);
            for &rule_index in &self.rules_of_pattern[hit.pattern().as_usize()] {
                let end = match rules[rule_index].window_after {
                    None => line_end,
                    Some(after) => line_end_from(hay, hit.end().saturating_add(after).min(hay.len())),
                };
                push_window(scratch, rule_index, start..end);
            }
        }
    }
}

fn push_window(scratch: &mut Scratch, rule_index: usize, window: std::ops::Range<usize>) {
    let windows = &mut scratch.windows[rule_index];
    match windows.last_mut() {
        Some(last) if window.start <= last.end => {
            last.start = last.start.min(window.start);
            last.end = last.end.max(window.end);
        }
        Some(_) => windows.push(window),
        None => {
            windows.push(window);
            scratch.touched.push(rule_index);
        }
    }
}

/// Start of the line holding `pos`, but no further back than `WINDOW_BEFORE`.
fn line_start(hay: &[u8], pos: usize) -> usize {
    let floor = pos.saturating_sub(WINDOW_BEFORE);
    match memchr::memrchr(b'\n', &hay[floor..pos]) {
        Some(i) => floor + i + 1,
        None => floor,
    }
}

/// End of the line holding `pos` (after its newline), at most `limit` bytes on.
fn line_end(hay: &[u8], pos: usize, limit: usize) -> usize {
    let ceil = pos.saturating_add(limit).min(hay.len());
    match memchr::memchr(b'\n', &hay[pos..ceil]) {
        Some(i) => pos + i + 1,
        None => ceil,
    }
}

/// End of the line holding `pos`, for windows that already chose their reach.
fn line_end_from(hay: &[u8], pos: usize) -> usize {
    line_end(hay, pos, crate::rules::DEFAULT_WINDOW_AFTER)
}
