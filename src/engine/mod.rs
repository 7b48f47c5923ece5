//! The engine: bytes in, confirmed matches out.
//!
//! One Aho-Corasick pass over the whole input finds keyword hits; only the
//! rules whose keyword hit run their regex, and only in a window around each
//! hit. A regex match becomes a match only after the rule's checks (entropy,
//! placeholder, checksum) confirm it. The engine is built once and shared
//! read-only between threads; each thread brings its own `Scratch`.

mod checksum;
pub mod decode;
mod entropy;
mod placeholder;
mod prefilter;
mod shape;

use std::ops::Range;

use anyhow::Result;
use regex::bytes::CaptureLocations;

pub use checksum::Checksum;
pub use entropy::shannon_entropy;
pub use placeholder::is_placeholder;
pub use shape::Shape;

use crate::rules::{Compiled, Rule};
use prefilter::Prefilter;

/// A confirmed secret in one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Index of the rule in `Engine::rules`.
    pub rule: usize,
    /// Byte span of the secret itself, or of the encoded text holding it.
    pub secret: Range<usize>,
    /// Set when the secret was found by decoding the text at `secret`.
    pub decoded: Option<Decoded>,
}

/// How a secret under an encoding was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The layers peeled, outermost first: `base64`, `base64/percent`.
    pub layers: String,
    /// The secret itself, decoded.
    pub secret: Vec<u8>,
}

/// How many encodings deep the engine looks (base64 of percent-encoding...).
const MAX_DECODE_DEPTH: usize = 2;

/// Compiled rules plus the keyword prefilter over all of them.
pub struct Engine {
    rules: Vec<Rule>,
    prefilter: Prefilter,
}

/// Per-thread working memory, reused from one input to the next so that
/// scanning does not allocate in proportion to input size.
pub struct Scratch {
    /// Candidate windows per rule, merged as hits arrive.
    windows: Vec<Vec<Range<usize>>>,
    /// Rules that received at least one window in the current input.
    touched: Vec<usize>,
    /// Keyword hits of the prefilter's two walks (see `Prefilter::windows`).
    hits: [Vec<(aho_corasick::PatternID, usize)>; 2],
    /// Capture slots per rule, made when the rule first runs.
    captures: Vec<Option<CaptureLocations>>,
}

impl Engine {
    /// Builds the engine; fails if the keyword automaton cannot be built.
    pub fn new(rules: Vec<Rule>) -> Result<Engine> {
        let prefilter = Prefilter::new(&rules)?;
        Ok(Engine { rules, prefilter })
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Fresh working memory for one thread.
    pub fn scratch(&self) -> Scratch {
        Scratch {
            windows: vec![Vec::new(); self.rules.len()],
            touched: Vec::new(),
            hits: [Vec::new(), Vec::new()],
            captures: vec![None; self.rules.len()],
        }
    }

    /// All confirmed matches in `hay`, sorted by position then rule.
    ///
    /// Where a generic rule and a specific rule matched overlapping bytes,
    /// only the specific one is kept: it names the provider.
    pub fn matches(&self, hay: &[u8], scratch: &mut Scratch) -> Vec<Match> {
        self.matches_at_depth(hay, scratch, 0)
    }

    fn matches_at_depth(&self, hay: &[u8], scratch: &mut Scratch, depth: usize) -> Vec<Match> {
        let mut found = self.plain_matches(hay, scratch);
        if depth < MAX_DECODE_DEPTH {
            self.decoded_matches(hay, scratch, depth, &mut found);
        }
        found
    }

    /// Secrets under an encoding: each decoded layer is scanned like an input
    /// and what it holds is reported at the encoded text. A layer a plain
    /// match already covers (a token that happens to look like base64) is
    /// not decoded again.
    fn decoded_matches(&self, hay: &[u8], scratch: &mut Scratch, depth: usize, found: &mut Vec<Match>) {
        let plain_end = found.len();
        for layer in decode::layers(hay) {
            if found[..plain_end].iter().any(|m| m.secret.start < layer.span.end && layer.span.start < m.secret.end) {
                continue;
            }
            for inner in self.matches_at_depth(&layer.decoded, scratch, depth + 1) {
                let (layers, secret) = match inner.decoded {
                    Some(d) => (format!("{}/{}", layer.encoding, d.layers), d.secret),
                    None => (layer.encoding.to_string(), layer.decoded[inner.secret].to_vec()),
                };
                let m =
                    Match { rule: inner.rule, secret: layer.span.clone(), decoded: Some(Decoded { layers, secret }) };
                if !found.contains(&m) {
                    found.push(m);
                }
            }
        }
        found.sort_by_key(|m| (m.secret.start, m.secret.end, m.rule));
    }

    /// Secrets in the text as it is.
    fn plain_matches(&self, hay: &[u8], scratch: &mut Scratch) -> Vec<Match> {
        self.prefilter.windows(hay, &self.rules, scratch);
        let mut found = Vec::new();
        let mut touched = std::mem::take(&mut scratch.touched);
        touched.sort_unstable();
        for &rule_index in &touched {
            let windows = std::mem::take(&mut scratch.windows[rule_index]);
            if let Some(compiled) = self.rules[rule_index].regex.get() {
                let caps = scratch.captures[rule_index].get_or_insert_with(|| compiled.regex.capture_locations());
                for window in &windows {
                    self.run_rule(rule_index, compiled, hay, window.clone(), caps, &mut found);
                }
            }
            // Give the (cleared) allocation back for the next input.
            let mut windows = windows;
            windows.clear();
            scratch.windows[rule_index] = windows;
        }
        touched.clear();
        scratch.touched = touched;
        self.resolve_overlaps(found)
    }

    /// Runs one rule's regex over one window, keeping confirmed matches.
    fn run_rule(
        &self,
        rule_index: usize,
        compiled: &Compiled,
        hay: &[u8],
        window: Range<usize>,
        caps: &mut CaptureLocations,
        out: &mut Vec<Candidate>,
    ) {
        let rule = &self.rules[rule_index];
        // Cut the haystack at the window's end but start the search inside it,
        // so look-behind such as `\b` still sees the byte before the window.
        let bounded = &hay[..window.end];
        let mut at = window.start;
        while at <= bounded.len() {
            let Some(m) = compiled.regex.captures_read_at(caps, bounded, at) else {
                break;
            };
            at = if m.end() > m.start() { m.end() } else { m.end() + 1 };
            let Some((start, end)) = caps.get(compiled.secret_group) else {
                continue;
            };
            if start < end {
                let veto = match confirm(rule, &hay[m.start()..m.end()], &hay[m.start()..start], &hay[start..end]) {
                    Verdict::Confirmed => false,
                    Verdict::LookAlike | Verdict::Placeholder => true,
                    Verdict::Rejected => continue,
                };
                out.push(Candidate { m: Match { rule: rule_index, secret: start..end, decoded: None }, veto });
            }
        }
    }

    /// Sorts matches and keeps one finding per secret: a generic rule
    /// yields to any specific rule whose match (or veto) overlaps its own;
    /// of two generic rules on overlapping bytes the one that saw more of the
    /// secret speaks for it (a JWT over the 256 bytes an assignment rule
    /// keeps of it), and so does one that saw as much and knows it for a
    /// placeholder. On the very same bytes the rule that checks the format
    /// (a JWT's header) wins, then the first rule.
    fn resolve_overlaps(&self, candidates: Vec<Candidate>) -> Vec<Match> {
        let generic = |m: &Match| self.rules[m.rule].generic;
        let overlap = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
        let specific: Vec<Range<usize>> =
            candidates.iter().filter(|c| !generic(&c.m)).map(|c| c.m.secret.clone()).collect();
        let generic_spans: Vec<(Range<usize>, bool)> =
            candidates.iter().filter(|c| generic(&c.m)).map(|c| (c.m.secret.clone(), c.veto)).collect();
        let speaks_over = |m: &Match| {
            let len = m.secret.len();
            generic_spans.iter().any(|(s, veto)| overlap(s, &m.secret) && (s.len() > len || *veto && s.len() >= len))
        };
        let mut found: Vec<Match> = candidates
            .into_iter()
            .filter(|c| !c.veto)
            .map(|c| c.m)
            .filter(|m| !generic(m) || !specific.iter().any(|s| overlap(s, &m.secret)))
            .filter(|m| !generic(m) || !speaks_over(m))
            .collect();
        let unchecked = |m: &Match| self.rules[m.rule].checksum.is_none();
        found.sort_by_key(|m| (m.secret.start, m.secret.end, unchecked(m), m.rule));
        found.dedup_by(|later, earlier| later.secret == earlier.secret);
        found
    }
}

/// A regex match the checks passed, or one they recognised as a look-alike
/// or a placeholder, which only vetoes generic rules on the same bytes.
struct Candidate {
    m: Match,
    veto: bool,
}

/// What the checks say about one regex match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Confirmed,
    Rejected,
    /// The provider's format matched but its checksum did not hold: a
    /// look-alike, which no rule (generic ones included) may report.
    LookAlike,
    /// A placeholder or documented example: not a finding, and no generic
    /// rule may report the bytes either.
    Placeholder,
}

/// `pub GetCredentials: SpGetCredentialsFn`, `pub AcquireCredentialsHandleA:
/// SpAcquireCredentialsHandleFn`: a value that spells out ten letters or
/// more of the name it is assigned to (the name that starts `before`, the
/// match up to the value) is made from that name (a type, a getter), not
/// generated; ten letters of a name never turn up by chance.
fn spells_its_name(before: &[u8], secret: &[u8]) -> bool {
    const SPELLED: usize = 10;
    let before = before.strip_prefix(b"/").unwrap_or(before);
    let len = before.iter().take_while(|b| b.is_ascii_alphanumeric() || b"_.-".contains(b)).count();
    before[..len].windows(SPELLED).any(|piece| secret.windows(SPELLED).any(|w| w.eq_ignore_ascii_case(piece)))
}

/// The verdict of every check the rule asks for on `secret`, found in
/// `whole` (the full regex match) after `before`. Placeholders are never
/// findings.
fn confirm(rule: &Rule, whole: &[u8], before: &[u8], secret: &[u8]) -> Verdict {
    if rule.allow_match.iter().any(|r| r.is_match(whole)) || rule.generic && spells_its_name(before, secret) {
        return Verdict::Rejected;
    }
    if let Some(shape) = rule.shape
        && !shape.fits(secret)
    {
        return Verdict::Rejected;
    }
    if let Some(min) = rule.min_entropy
        && shannon_entropy(secret) < min
    {
        return Verdict::Rejected;
    }
    if is_placeholder(secret) {
        return Verdict::Placeholder;
    }
    match rule.checksum {
        Some(c) if !c.holds(secret) => Verdict::LookAlike,
        _ => Verdict::Confirmed,
    }
}
