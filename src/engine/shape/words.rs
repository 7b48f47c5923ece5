//! Words in values: does a value read as names a person wrote
//! (`getTokenFromEnvironment`, `TLS13_CHACHA20_POLY1305_SHA256`,
//! `v4Internal`) or as noise a generator made (`q8Xv2LpR7tZk3Nw9`)?

use super::classes;

/// One identifier word (`kebab-case` allowed): starts with a letter or `_`;
/// digits sit at the end of a word (`Win32`, `utf8_name`) or between whole
/// words (`Ed25519PrivateKey`), not among single letters (`q8Xv`).
pub(super) fn is_word(p: &[u8]) -> bool {
    !p.is_empty()
        && !p[0].is_ascii_digit()
        && p.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && p.split(|&b| b == b'_' || b == b'-').all(is_code_word)
}

/// A word as code spells it: no digits inside (`utf8`, `Win32`), or digits
/// between word-like runs of letters (`xchacha20poly1305`, `Ed25519Key`,
/// `X509Certificate`): each run two letters or more (`q8Xv` has one-letter
/// runs), few case changes (random text changes case every few letters).
fn is_code_word(w: &[u8]) -> bool {
    if !has_digit_inside_word(w) {
        return true;
    }
    let runs: Vec<&[u8]> = w.split(|b| b.is_ascii_digit()).filter(|r| !r.is_empty()).collect();
    let letters: usize = runs.iter().map(|r| r.len()).sum();
    let case_changes: usize = runs
        .iter()
        .map(|r| r.windows(2).filter(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase()).count())
        .sum();
    // One letter may lead its digits when words follow (`v4Internal`,
    // `s3Client`, `X509Certificate`): a product, version or standard's name.
    // Random text has many short runs, or runs that are not words.
    let versioned_name = runs.len() == 2 && runs[0].len() == 1 && w[0].is_ascii_alphabetic() && is_words(runs[1]);
    // A name holds a few numbers (`x25519_xsalsa20_poly1305` has three
    // once split at `_`); generated lower-case text such as a 52-character
    // Azure DevOps token holds one every few letters.
    (versioned_name || runs.iter().all(|r| r.len() >= 2))
        && runs.len() <= 4
        && runs.iter().all(|r| r.iter().all(u8::is_ascii_alphabetic))
        && (case_changes + runs.len()) * 3 <= letters
}

/// Letters that read as words: every camelCase piece is a word piece. The
/// first may be the last letter of a version (`v4aCredentialProvider`,
/// `k8sConfig`).
fn is_words(v: &[u8]) -> bool {
    let pieces = camel_words(v);
    let version_letter = pieces.len() >= 2 && pieces[0].len() == 1 && pieces[0][0].is_ascii_lowercase();
    v.len() >= 4
        && v.iter().all(u8::is_ascii_alphabetic)
        && pieces.iter().skip(usize::from(version_letter)).all(|w| is_word_piece(w))
}

/// One camelCase piece of a name: a word of two letters or more with a
/// vowel, or an acronym of two to four capitals (`XML`) or, longer, with
/// vowels (`SECRET`). Random mixed case leaves vowel-less pieces (`Tjc`,
/// `Wk`) and long runs of capitals (`AHZSB`).
fn is_word_piece(w: &[u8]) -> bool {
    let vowels = w.iter().filter(|b| is_vowel(b)).count();
    if w.iter().all(u8::is_ascii_uppercase) {
        (2..=4).contains(&w.len()) || w.len() > 4 && vowels * 4 >= w.len()
    } else {
        w.len() >= 2 && vowels > 0
    }
}

/// A run of digits with letters on both sides (`q8X`, `W84g`).
fn has_digit_inside_word(v: &[u8]) -> bool {
    let mut i = 1;
    while i < v.len() {
        if v[i].is_ascii_digit() && v[i - 1].is_ascii_alphabetic() {
            let end = v[i..].iter().position(|b| !b.is_ascii_digit()).map_or(v.len(), |n| i + n);
            if end < v.len() && v[end].is_ascii_alphabetic() {
                return true;
            }
            i = end;
        }
        i += 1;
    }
    false
}

/// Identifiers (`snake_case`, `kebab-case`, `camelCase`, `SCREAMING_CASE`):
/// letters and separators, words rather than noise.
pub(super) fn is_identifier_like(v: &[u8]) -> bool {
    let c = classes(v);
    if is_words_and_numbers(v) {
        return true;
    }
    // SCREAMING_CASE constants of words and numbers
    // (`TLS13_CHACHA20_POLY1305_SHA256`), however many digits they carry.
    if c.lower == 0
        && v.contains(&b'_')
        && longest_letter_run(v) >= 8
        && v.split(|&b| b == b'_').all(|w| !w.is_empty() && w[0].is_ascii_alphabetic() && !has_digit_inside_word(w))
    {
        return true;
    }
    if c.digit > 0 && c.digit * 5 > v.len() {
        return false;
    }
    if !v.iter().all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')) {
        return false;
    }
    if c.digit > 0 && v.iter().all(|b| b.is_ascii_hexdigit()) {
        return false;
    }
    // SCREAMING_CASE constants (`D3DKMT_PRESENTHISTORYTOKEN`): long runs of
    // capitals joined by `_`, which random base32 almost never produces.
    if c.lower == 0 && v.contains(&b'_') && longest_letter_run(v) >= 8 {
        return true;
    }
    // Identifiers never start with a digit, and carry digits at the end of a
    // word (`utf8`, `sha256_sum`) or between words, not among letters
    // (`c0rr3ct`, `q8Xv2L`).
    if v.first().is_some_and(|b| b.is_ascii_digit()) || !v.split(|&b| matches!(b, b'_' | b'-' | b'.')).all(is_code_word)
    {
        return false;
    }
    // A camelCase identifier turns from lower to upper case once per word;
    // random mixed case does so on about every fourth letter.
    let letters: Vec<u8> = v.iter().copied().filter(|b| b.is_ascii_alphabetic()).collect();
    let word_starts = letters.windows(2).filter(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase()).count();
    word_starts * 5 <= letters.len() && mostly_words(v)
}

/// Two thirds of an identifier's pieces of two letters or more (split at
/// case changes and at anything not a letter) are word pieces.
pub(super) fn mostly_words(v: &[u8]) -> bool {
    let (mut pieces, mut words) = (0, 0);
    for run in v.split(|b| !b.is_ascii_alphabetic()).filter(|r| !r.is_empty()) {
        for w in camel_words(run).into_iter().filter(|w| w.len() >= 2) {
            pieces += 1;
            words += usize::from(is_word_piece(w));
        }
    }
    words * 3 >= pieces * 2
}

/// `scram-sha-256`, `aes-256-cbc`: words and numbers joined by separators,
/// each part all letters or all digits, two words or more (one of 3+
/// letters). `summer-2024` is a password.
fn is_words_and_numbers(v: &[u8]) -> bool {
    let parts: Vec<&[u8]> = v.split(|&b| matches!(b, b'_' | b'-' | b'.')).collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && (p.iter().all(u8::is_ascii_digit)
                    || p.iter().all(u8::is_ascii_lowercase)
                    || p.iter().all(u8::is_ascii_uppercase))
        })
        && parts.iter().any(|p| p.len() >= 3 && p[0].is_ascii_alphabetic())
        && parts.iter().filter(|p| p[0].is_ascii_alphabetic()).count() >= 2
}

fn longest_letter_run(v: &[u8]) -> usize {
    v.split(|b| !b.is_ascii_alphabetic()).map(|w| w.len()).max().unwrap_or(0)
}

/// `NoSuchKeySigningKey`, `SensitiveString2048`: capitalised words, each
/// with a vowel, and at most a number at the end. Random mixed case breaks
/// into one- and two-letter pieces or vowel-less runs long before 16 letters.
pub(super) fn is_camel_words(v: &[u8]) -> bool {
    let body = &v[..v.iter().rposition(|b| !b.is_ascii_digit()).map_or(0, |i| i + 1)];
    if body.is_empty() || !body.iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    let words = camel_words(body);
    let vowels = body.iter().filter(|b| is_vowel(b)).count();
    let long_words = words.iter().filter(|w| w.len() >= 4).count();
    (words.len() >= 3 && long_words >= 2 || words.len() == 2 && long_words == 2)
        && vowels * 10 >= body.len() * 3
        && words.iter().all(|w| is_word_piece(w))
}

/// `y` counts: `sync`, `crypt` and `my` have no other vowel.
fn is_vowel(b: &u8) -> bool {
    matches!(b.to_ascii_lowercase(), b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// `XMLHttpRequest` -> `XML`, `Http`, `Request`; `getToken` -> `get`, `Token`.
fn camel_words(v: &[u8]) -> Vec<&[u8]> {
    let mut words = Vec::new();
    let mut start = 0;
    for i in 1..v.len() {
        let (prev, cur) = (v[i - 1], v[i]);
        let next_lower = v.get(i + 1).is_some_and(u8::is_ascii_lowercase);
        let boundary = (prev.is_ascii_lowercase() && cur.is_ascii_uppercase())
            || (prev.is_ascii_uppercase() && cur.is_ascii_uppercase() && next_lower);
        if boundary {
            words.push(&v[start..i]);
            start = i;
        }
    }
    words.push(&v[start..]);
    words
}
