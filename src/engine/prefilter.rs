//! The keyword prefilter: one Aho-Corasick pass that turns keyword hits into
//! per-rule windows where that rule's regex is worth running.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, PatternID};
use anyhow::{Context, Result};

use super::Scratch;
use crate::rules::Rule;

/// How far before a keyword hit a window may start. Secrets follow or contain
/// their keyword; this bounds the work on very long (minified) lines.
const WINDOW_BEFORE: usize = 512;
/// How far past a keyword hit a window may end when the line goes on.
const WINDOW_AFTER: usize = 4096;

pub(super) struct Prefilter {
    /// A DFA with "standard" semantics: its match states list every keyword
    /// ending at that byte, overlapping ones included.
    automaton: DFA,
    /// Length of the longest keyword, in bytes.
    longest_keyword: usize,
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
        let automaton = aho_corasick::dfa::Builder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&patterns)
            .context("cannot build the keyword automaton")?;
        let longest_keyword = patterns.iter().map(|p| p.len()).max().unwrap_or(0);
        Ok(Prefilter { automaton, longest_keyword, rules_of_pattern })
    }

    /// Fills `scratch.windows` for every rule with a keyword hit in `hay`.
    /// Overlapping windows of one rule are merged so no byte is searched
    /// twice by the same regex.
    pub(super) fn windows(&self, hay: &[u8], rules: &[Rule], scratch: &mut Scratch) {
        let mut front = std::mem::take(&mut scratch.hits[0]);
        let mut back = std::mem::take(&mut scratch.hits[1]);
        self.find_keywords(hay, &mut front, &mut back);
        for &(pattern, end) in front.iter().chain(back.iter()) {
            let start = end - self.automaton.pattern_len(pattern);
            self.hit(hay, rules, scratch, pattern.as_usize(), start, end);
        }
        front.clear();
        back.clear();
        scratch.hits = [front, back];
    }

    /// Every keyword hit in `hay` as (keyword, end), in order of position:
    /// those starting in the first half into `front`, the rest into `back`.
    ///
    /// A DFA spends each byte waiting on the table load of the previous one.
    /// Running two independent walks in one loop, over the two halves of the
    /// input, lets the processor overlap them: the keyword pass, the hot loop
    /// of the whole scanner, runs about twice as fast. The first walk goes
    /// on past the middle by the longest keyword, and keeps only keywords
    /// that start before the middle, so nothing is lost or found twice.
    fn find_keywords(&self, hay: &[u8], front: &mut Vec<(PatternID, usize)>, back: &mut Vec<(PatternID, usize)>) {
        let dfa = &self.automaton;
        let Ok(start_state) = dfa.start_state(Anchored::No) else {
            return;
        };
        let mid = hay.len() / 2;
        let front_end = (mid + self.longest_keyword).min(hay.len());
        let (a, b) = (&hay[..front_end], &hay[mid..]);
        let (mut sa, mut sb) = (start_state, start_state);
        let both = a.len().min(b.len());
        // Matches are rare and handled out of line, which keeps the two
        // states in registers (inlined, they were spilled to the stack).
        for (i, (&x, &y)) in a[..both].iter().zip(&b[..both]).enumerate() {
            sa = dfa.next_state(Anchored::No, sa, x);
            sb = dfa.next_state(Anchored::No, sb, y);
            if dfa.is_special(sa) | dfa.is_special(sb) {
                self.record(sa, i + 1, front, mid);
                self.record(sb, mid + i + 1, back, usize::MAX);
            }
        }
        for (i, &byte) in a.iter().enumerate().skip(both) {
            sa = dfa.next_state(Anchored::No, sa, byte);
            if dfa.is_special(sa) {
                self.record(sa, i + 1, front, mid);
            }
        }
        for (i, &byte) in b.iter().enumerate().skip(both) {
            sb = dfa.next_state(Anchored::No, sb, byte);
            if dfa.is_special(sb) {
                self.record(sb, mid + i + 1, back, usize::MAX);
            }
        }
    }

    /// Records the keywords that end at `end` if `state` is a match state,
    /// keeping those that start before `before`.
    #[cold]
    #[inline(never)]
    fn record(&self, state: StateID, end: usize, out: &mut Vec<(PatternID, usize)>, before: usize) {
        let dfa = &self.automaton;
        if !dfa.is_match(state) {
            return;
        }
        for k in 0..dfa.match_len(state) {
            let pattern = dfa.match_pattern(state, k);
            if end - dfa.pattern_len(pattern) < before {
                out.push((pattern, end));
            }
        }
    }

    /// Records the windows of every rule that listed the keyword found at `start..end`.
    fn hit(&self, hay: &[u8], rules: &[Rule], scratch: &mut Scratch, pattern: usize, start: usize, end: usize) {
        let window_start = line_start(hay, start);
        let keyword_line_end = line_end(hay, end);
        for &rule_index in &self.rules_of_pattern[pattern] {
            let window_end = match rules[rule_index].window_after {
                None => keyword_line_end,
                Some(after) => line_end(hay, end.saturating_add(after).min(hay.len())),
            };
            push_window(scratch, rule_index, window_start..window_end);
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

/// End of the line holding `pos` (after its newline), at most `WINDOW_AFTER` bytes on.
fn line_end(hay: &[u8], pos: usize) -> usize {
    let ceil = pos.saturating_add(WINDOW_AFTER).min(hay.len());
    match memchr::memchr(b'\n', &hay[pos..ceil]) {
        Some(i) => pos + i + 1,
        None => ceil,
    }
}

#[cfg(test)]
mod tests {
    use aho_corasick::{AhoCorasick, MatchKind};

    use super::Prefilter;
    use crate::rules::{Rule, RuleSpec};

    fn rule(id: &str, keywords: &[&str]) -> Rule {
        let spec = RuleSpec {
            id: id.into(),
            name: id.into(),
            description: None,
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
            regex: "x".into(),
            entropy: None,
            checksum: None,
            shape: None,
            allow_match: Vec::new(),
            generic: false,
            made_in_tests: None,
            window: None,
            examples: Vec::new(),
            negatives: Vec::new(),
            references: Vec::new(),
        };
        Rule::lazy(spec, &"test".into()).unwrap()
    }

    /// The two-walk keyword pass finds exactly what the crate's overlapping
    /// search finds, across the middle, in the overlap and on tiny inputs.
    #[test]
    fn two_walks_find_every_overlapping_hit_once() {
        let keywords = ["ab", "abc", "bcd", "cab", "token", "ken", "ok"];
        let rules = vec![rule("r", &keywords)];
        let prefilter = Prefilter::new(&rules).unwrap();
        let reference = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(keywords)
            .unwrap();
        let mut x: u64 = 7;
        for len in (0..64).chain([257, 1000, 4097]) {
            let hay: Vec<u8> = (0..len)
                .map(|_| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    b"abcdokenTKABC"[(x >> 33) as usize % 13]
                })
                .collect();
            let mut expected: Vec<(usize, usize)> =
                reference.find_overlapping_iter(&hay).map(|m| (m.pattern().as_usize(), m.end())).collect();
            let (mut front, mut back) = (Vec::new(), Vec::new());
            prefilter.find_keywords(&hay, &mut front, &mut back);
            let mut got: Vec<(usize, usize)> =
                front.iter().chain(back.iter()).map(|&(p, end)| (p.as_usize(), end)).collect();
            // Patterns are numbered in first-seen order, which here is the keyword order.
            expected.sort();
            got.sort();
            assert_eq!(got, expected, "input of {len} bytes");
        }
    }
}
