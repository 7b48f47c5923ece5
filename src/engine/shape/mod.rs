//! Shapes: does a value look generated (a key, a token, a password a machine
//! or a careful person chose) or written (a word, an identifier, a path, a
//! version, a UUID, a variable reference)? Generic rules, which match on a
//! key name such as `password =` rather than on a provider's format, only
//! report values of a generated shape.

mod words;

use std::str::FromStr;

use anyhow::{Result, bail};

use super::shannon_entropy;
use words::{is_camel_words, is_identifier_like, is_word, mostly_words};

/// A shape a rule may require of its secret with `shape = "..."`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A machine-generated token: 16+ bytes, high entropy, not an identifier.
    Random,
    /// A password: 8+ bytes of mixed classes, not a word with a number tacked on.
    Password,
}

impl FromStr for Shape {
    type Err = anyhow::Error;

    fn from_str(name: &str) -> Result<Shape> {
        match name {
            "random" => Ok(Shape::Random),
            "password" => Ok(Shape::Password),
            other => bail!("unknown shape {other:?} (known: random, password)"),
        }
    }
}

impl Shape {
    /// True if and only if `value` has this shape.
    pub fn fits(self, value: &[u8]) -> bool {
        // A UUID is an id under most names, but under a password's it is
        // the password: Postmark's and Heroku's tokens are UUIDs, and SMTP
        // settings take them as one.
        let uuid_password = self == Shape::Password && std::str::from_utf8(value).is_ok_and(is_uuid);
        if is_reference(value) || (!uuid_password && is_structured_non_secret(value)) {
            return false;
        }
        // A percent-encoded value (`secret%3Dpassword` in a query string)
        // is judged by what it encodes.
        if let Some(decoded) = percent_decoded(value) {
            return self.fits(&decoded);
        }
        // So is base64 of text, a password included (Kubernetes Secrets hold
        // them so): prose and JSON were written, not generated.
        if let Some(text) = base64_of_text(value) {
            return !is_prose_or_json(&text) && (self.fits(&text) || Shape::Password.fits(&text));
        }
        match self {
            Shape::Random => looks_random(value),
            Shape::Password => looks_like_password(value),
        }
    }
}

/// `value` with its `%XX` escapes decoded, if it has any.
fn percent_decoded(value: &[u8]) -> Option<Vec<u8>> {
    let escape = |w: &[u8]| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit();
    value.windows(3).any(escape).then(|| super::decode::percent_decode(value))
}

/// Character classes present: lower, upper, digit, other.
struct Classes {
    lower: usize,
    upper: usize,
    digit: usize,
    other: usize,
}

fn classes(value: &[u8]) -> Classes {
    let mut c = Classes { lower: 0, upper: 0, digit: 0, other: 0 };
    for &b in value {
        match b {
            b'a'..=b'z' => c.lower += 1,
            b'A'..=b'Z' => c.upper += 1,
            b'0'..=b'9' => c.digit += 1,
            _ => c.other += 1,
        }
    }
    c
}

/// References to a secret kept elsewhere: `$VAR`, `${VAR}`, `%(name)s`,
/// `%VAR%`, `#{var}`, `@field`, `&name`, `!flag`, `{{ secrets.X }}`,
/// `<token>`, `os.environ`, `process.env.X`, `config.token`, `~pkg.Class` (a
/// Sphinx cross-reference), function calls and indexing. A generated
/// password may start with such a sigil too: then what follows is not a name.
fn is_reference(v: &[u8]) -> bool {
    let first = v.first().copied().unwrap_or(b' ');
    if matches!(first, b'{' | b'<' | b'[' | b'(' | b'=') {
        return true;
    }
    if matches!(first, b'$' | b'%' | b'#' | b'@' | b'&' | b'*' | b':' | b'~' | b'!') {
        let rest = v[1..].strip_suffix(b"%").unwrap_or(&v[1..]);
        let named = rest.is_empty() || is_dotted_identifier(rest) || is_word(rest);
        let format = first == b'%' && rest.len() <= 2 && rest.iter().all(u8::is_ascii_alphabetic);
        let hex_colour = first == b'#' && matches!(rest.len(), 3 | 6 | 8) && rest.iter().all(u8::is_ascii_hexdigit);
        if named || format || hex_colour || rest.starts_with(b"(") || rest.starts_with(b"{") {
            return true;
        }
    }
    if v.iter().any(|&b| matches!(b, b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'<' | b'>')) {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    if ENV_ACCESS.iter().any(|p| lower.starts_with(p.as_bytes())) {
        return true;
    }
    // `process.env.SESSION_SECRET!` (TypeScript's non-null assertion), `a.b?`.
    let v = v.strip_suffix(b"!").or_else(|| v.strip_suffix(b"?")).unwrap_or(v);
    // `config.`, a member access cut at the end of a line.
    let cut_member = v.strip_suffix(b".").is_some_and(|m| is_dotted_identifier(m) || is_word(m) && mostly_words(m));
    is_dotted_identifier(v) || cut_member || is_alternatives(v) || is_dollar_joined_name(v)
}

/// `Buffer|Uint8Array|string` (a union type), `this.creds||new`: names
/// joined by `|`, which code writes and generators do not.
fn is_alternatives(v: &[u8]) -> bool {
    let name = |p: &[u8]| p.len() >= 4 && is_word(p) && mostly_words(p);
    v.contains(&b'|') && v.split(|&b| b == b'|').filter(|p| !p.is_empty()).all(|p| name(p) || is_dotted_identifier(p))
}

/// How code reads a secret from the environment or from settings.
const ENV_ACCESS: &[&str] = &[
    "process.env",
    "import.meta.env",
    "os.environ",
    "os.getenv",
    "getenv",
    "system.getenv",
    "environment.getenvironmentvariable",
    "env.",
    "env::var",
    "deno.env",
    "secrets.",
    "vars.",
];

/// `self.password`, `settings.API_KEY`, `crate::Token`, `super::Win32::HANDLE`,
/// `smithy.api#httpBearerAuth`, `config?.credentialProvider`,
/// `props.manageMasterUserPassword?void` (minified code): code, not a value.
/// `cargo:macos-keychain`, `SensitiveData:S3Object/Credentials`: a scheme and
/// names.
fn is_dotted_identifier(v: &[u8]) -> bool {
    let qualified = v.iter().any(|&b| b == b'.' || b == b':');
    let split = |seps: &[u8]| -> Vec<&[u8]> { v.split(|b| seps.contains(b)).filter(|p| !p.is_empty()).collect() };
    // The names read as words (`X.RgtBq3xRzqxnd.hUgP` is a password), or
    // `::` joins them, which only code writes. `a?.b` is `a.b` that may be
    // undefined.
    let plain = split(b".:");
    if qualified
        && plain.len() >= 2
        && plain.iter().all(|p| is_word(p.strip_suffix(b"?").unwrap_or(p)))
        && (mostly_words(v) || memchr::memmem::find(v, b"::").is_some())
    {
        return true;
    }
    // With `#`, `/` or `?` between them too, the names must be longer and
    // read as words: a generated password uses those signs among short
    // random pieces (`V#IY:bm?nG`).
    let parts = split(b".:#/?");
    qualified && parts.len() >= 2 && parts.iter().all(|p| p.len() >= 3 && is_word(p)) && mostly_words(v)
}

/// `Resource$Projects$Locations$Secrets`: generated class names, capitalised
/// words joined by `$`. A password's `$` sits among letters and digits
/// (`Pa$$w0rd`, `tiger$lily`), not between capitalised words.
fn is_dollar_joined_name(v: &[u8]) -> bool {
    let parts: Vec<&[u8]> = v.split(|&b| b == b'$').collect();
    parts.len() >= 2
        && parts.iter().all(|p| p.len() >= 3 && p[0].is_ascii_uppercase() && p.iter().all(u8::is_ascii_alphabetic))
        && parts.iter().map(|p| p.len()).sum::<usize>() >= 16
}

/// Values with a recognisable non-secret structure: paths, URLs, version
/// numbers, UUIDs, dates, hashes labelled with their algorithm, e-mail
/// addresses, file names.
fn is_structured_non_secret(v: &[u8]) -> bool {
    let s = match std::str::from_utf8(v) {
        Ok(s) => s,
        Err(_) => return false,
    };
    let lower = s.to_ascii_lowercase();
    // Base64 may start with `/` too (`/K1TGd3xx…+VCAjFa=`); a path has no `+`
    // and no padding.
    let path = s.starts_with('/') && !((s.contains('+') || s.ends_with('=')) && looks_base64ish(v));
    if lower.contains("://") || path || s.starts_with("./") || s.starts_with("~/") || s.starts_with("../") {
        return true;
    }
    if s.matches('/').count() >= 2 && !looks_base64ish(v) {
        return true;
    }
    if is_uuid(s) || is_version(s) || is_host_port(s) || is_word_path(s) || is_number_literal(s) {
        return true;
    }
    for algo in ["sha1", "sha256", "sha384", "sha512", "md5", "blake2"] {
        if lower.starts_with(algo) && matches!(v.get(algo.len()), Some(b':' | b'-' | b'=')) {
            return true;
        }
    }
    if is_email(s) || is_sealed_secret(v) {
        return true;
    }
    // An Amazon Resource Name, or its tail after `arn:aws:service:`
    // (`us-east-1:111122223333:secret:db`): a resource's address.
    let account_field = s.split(':').any(|f| f.len() == 12 && f.bytes().all(|b| b.is_ascii_digit()));
    if lower.starts_with("arn:") || (s.matches(':').count() >= 2 && account_field) {
        return true;
    }
    if is_code_or_settings(s) {
        return true;
    }
    // A pattern of words: `*New*UNIX*password*` (a chat script, a glob).
    if s.matches('*').count() >= 2 && s.split('*').filter(|w| !w.is_empty()).all(|w| is_word(w.as_bytes())) {
        return true;
    }
    // A directory or key prefix: `fixture-access-key/`.
    if let Some(dir) = s.strip_suffix('/')
        && is_identifier_like(dir.as_bytes())
    {
        return true;
    }
    // A page and its fragment: `synthetic-query#synthetic-fragment`.
    if let Some((page, fragment)) = s.split_once('#')
        && [page, fragment].iter().all(|w| w.contains(['-', '_']) && is_identifier_like(w.as_bytes()))
    {
        return true;
    }
    // A link to a section: `page.html#anchor`, `docs/config.md#keys`.
    if let Some((page, _)) = s.split_once('#')
        && page.rsplit_once('.').is_some_and(|(_, ext)| matches!(ext, "html" | "htm" | "md" | "rst" | "txt"))
    {
        return true;
    }
    // A label or the next key: `case NAME_TOKEN:`, `password=`.
    if let Some(name) = s.strip_suffix(':').or_else(|| s.strip_suffix('='))
        && !name.ends_with(['=', ':'])
        && is_identifier_like(name.as_bytes())
    {
        return true;
    }
    is_file_name(s) || is_file_location(s)
}

/// A file name: word characters then a short alphabetic extension.
fn is_file_name(s: &str) -> bool {
    s.rsplit_once('.').is_some_and(|(stem, ext)| {
        (1..=5).contains(&ext.len())
            && ext.bytes().all(|b| b.is_ascii_lowercase())
            && stem.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    })
}

/// A place in a file, as compilers and test runners print it:
/// `%S/annotate-macro-args.h:9:1`, `src/main.rs:12`.
fn is_file_location(s: &str) -> bool {
    let file = s.trim_end_matches(|c: char| c.is_ascii_digit() || c == ':');
    file.len() < s.len() && s[file.len()..].starts_with(':') && is_file_name(file.rsplit('/').next().unwrap_or(file))
}

/// A Bitnami Sealed Secrets ciphertext, safe to commit by design: base64 of
/// a big-endian u16 length (512, the RSA-4096-encrypted session key: `AgA`
/// to `AgD`), that key and the AES-GCM-sealed value; hundreds of
/// characters, of which generic rules keep the first 128 or 256.
fn is_sealed_secret(v: &[u8]) -> bool {
    v.len() >= 100
        && v.starts_with(b"Ag")
        && matches!(v[2], b'A'..=b'D')
        && v.iter().all(|&b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
}

/// `ops@acme-corp.io`: a local part, `@`, and a domain of labels ending in
/// a top-level domain of letters. A password with `@` and `.` in it
/// (`6gM#.$x*RF=S94@R`) is none of that.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    let label = |l: &str| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && local.bytes().all(|b| b.is_ascii_alphanumeric() || b"._%+-".contains(&b))
        && labels.len() >= 2
        && labels.iter().all(|l| label(l))
        && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// Code and settings written out: the rest of a query string
/// (`true&tls=rds`), a setting (`secret_key_with_equals=b`), assignments
/// and operators of minified code (`exports.A=exports.B=void`, `a.b??3`).
fn is_code_or_settings(s: &str) -> bool {
    // `30s`, `5000`: a number, maybe with a unit.
    let quantity = |w: &str| {
        w.len() <= 8 && w.starts_with(|c: char| c.is_ascii_digit()) && w.bytes().all(|b| b.is_ascii_alphanumeric())
    };
    let words = |pair: &str| pair.split('=').all(|w| w.is_empty() || is_word(w.as_bytes()) || quantity(w));
    // Query parameters are lower-case names with `=` values; a generated
    // password's `&` sits among mixed case (`sni&R6&owsbkgD`).
    let parameter = |pair: &str| !pair.bytes().any(|b| b.is_ascii_uppercase()) && words(pair);
    if s.contains('&') && s.contains('=') && s.split('&').all(parameter) {
        return true;
    }
    let name_or_member = |w: &str| is_identifier_like(w.as_bytes()) || is_dotted_identifier(w.as_bytes());
    if let Some((name, value)) = s.split_once('=')
        && name.len() >= 6
        && name.contains(['_', '.'])
        && name_or_member(name)
        && !value.is_empty()
        && value.split('=').all(|w| words(w) || is_dotted_identifier(w.as_bytes()))
    {
        return true;
    }
    // Operators between names and literals; a generated password may hold
    // `&&` too, but not between words.
    let operand = |w: &str| {
        w.is_empty()
            || is_word(w.as_bytes())
            || is_dotted_identifier(w.as_bytes())
            || quantity(w)
            || w == "!0"
            || w == "!1"
    };
    ["??", "||", "&&", "=>"].iter().any(|op| s.contains(op) && s.split(op).all(operand))
}

/// Base64 of either alphabet: standard (`+/`) or URL-safe (`-_`), not both
/// (`AKID/19700101/us-east-1/s3/aws4_request` is a path of words).
fn looks_base64ish(v: &[u8]) -> bool {
    v.iter().all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_'))
        && classes(v).digit > 0
        && classes(v).upper > 0
        && !(v.contains(&b'/') && (v.contains(&b'-') || v.contains(&b'_')))
}

/// A number as code writes it: `2147483648u32`, `0xC000027A_u32`, `1_000L`.
fn is_number_literal(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let mut body = lower.trim_start_matches(['-', '+']);
    for suffix in ["size", "128", "64", "32", "16", "8"] {
        if let Some(rest) = body.strip_suffix(suffix)
            && let Some(rest) = rest.strip_suffix('i').or_else(|| rest.strip_suffix('u'))
        {
            body = rest.strip_suffix('_').unwrap_or(rest);
            break;
        }
    }
    body = body.trim_end_matches(['u', 'l', 'f']);
    match body.strip_prefix("0x") {
        Some(hex) => !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit() || b == b'_'),
        None => !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit() || b == b'_'),
    }
}

/// `localhost:5432`, `db.internal:6379`.
fn is_host_port(s: &str) -> bool {
    s.rsplit_once(':').is_some_and(|(host, port)| {
        !host.is_empty()
            && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
            && (1..=5).contains(&port.len())
            && port.bytes().all(|b| b.is_ascii_digit())
    })
}

/// `kadmin/server`, `config/app_settings`: lower-case words joined by `/`.
fn is_word_path(s: &str) -> bool {
    s.contains('/')
        && s.split('/').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b"_.-".contains(&b)))
}

fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn is_version(s: &str) -> bool {
    let s = s.strip_prefix('v').unwrap_or(s);
    let parts: Vec<&str> = s.split(['.', '-', '+']).collect();
    let number = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    parts.len() >= 2 && number(parts[0]) && number(parts[1])
}

/// The text a base64 value encodes, if it encodes text. Generated keys
/// decode to bytes of every value, almost never to printable text.
fn base64_of_text(v: &[u8]) -> Option<Vec<u8>> {
    if v.len() < 16 {
        return None;
    }
    // A value cut short (at a length limit or an escape) may end in a
    // partial group; decode what is whole.
    let whole = if v.len() % 4 == 1 { &v[..v.len() - 1] } else { v };
    super::decode::base64_text(whole)
}

/// `this is not a real value`, `{"foo": "bar"}`: what a person writes.
fn is_prose_or_json(text: &[u8]) -> bool {
    let text = text.trim_ascii();
    let prose = text.windows(3).any(|w| w[0].is_ascii_alphabetic() && w[1] == b' ' && w[2].is_ascii_alphabetic());
    prose || text.starts_with(b"{") || text.starts_with(b"[")
}

/// `snowflake-XHb67j`, `web-frontend-7d9f8c`: lower-case words and a short
/// suffix that keeps the name unique (a Secrets Manager secret's name in its
/// ARN, a pod's name). The words carry most of it; a token is mostly noise.
fn is_name_with_suffix(v: &[u8]) -> bool {
    let Some(dash) = v.iter().rposition(|&b| b == b'-') else {
        return false;
    };
    let (name, suffix) = (&v[..dash], &v[dash + 1..]);
    (1..=8).contains(&suffix.len())
        && suffix.iter().all(u8::is_ascii_alphanumeric)
        && name.split(|&b| b == b'-').all(|w| w.len() >= 3 && w.iter().all(u8::is_ascii_lowercase))
}

/// `safe.jwt_token~+/==`, `synthetic:token/+=`: lower-case words with signs
/// between them, written to look like a token. Generated text this long
/// has digits or capitals, or letter runs that are no words.
fn is_words_and_signs(v: &[u8]) -> bool {
    let c = classes(v);
    let runs: Vec<&[u8]> = v.split(|b| !b.is_ascii_alphabetic()).filter(|r| !r.is_empty()).collect();
    c.digit == 0
        && c.upper == 0
        && runs.len() >= 2
        && runs.iter().all(|r| (2..=12).contains(&r.len()))
        && mostly_words(v)
}

/// `ThisTokBuf+ThisTokLen`, `headerLen-macSize`: identifiers joined by
/// arithmetic, an expression assigned to a token-named variable. Generated
/// base64 cut at its `+` and `/` leaves pieces that are no identifiers.
fn is_identifier_expression(v: &[u8]) -> bool {
    let parts: Vec<&[u8]> = v.split(|b| matches!(b, b'+' | b'-' | b'*' | b'/' | b'%')).collect();
    parts.len() >= 2 && parts.iter().all(|p| p.len() >= 3 && p[0].is_ascii_alphabetic() && is_identifier_like(p))
}

fn looks_random(v: &[u8]) -> bool {
    // Base64 of JSON joined by dots is a JWT: the JWT rule, which checks its
    // header and knows the documented examples, speaks for it. What it
    // turns down (`….eyJ….sig` in a test) is not a token either.
    if v.len() < 16 || v.starts_with(b"eyJ") && v.contains(&b'.') {
        return false;
    }
    let c = classes(v);
    let kinds = [c.lower, c.upper, c.digit, c.other].iter().filter(|&&n| n > 0).count();
    if kinds < 2
        || is_identifier_like(v)
        || is_camel_words(v)
        || is_name_with_suffix(v)
        || is_words_and_signs(v)
        || is_identifier_expression(v)
    {
        return false;
    }
    // Hex (hashes, ids) is lower entropy per byte by construction.
    let hex = v.iter().all(|b| b.is_ascii_hexdigit());
    let floor = if hex { 3.0 } else { 3.5 };
    shannon_entropy(v) >= floor
}

fn looks_like_password(v: &[u8]) -> bool {
    if v.len() < 8 {
        return false;
    }
    let c = classes(v);
    let kinds = [c.lower, c.upper, c.digit, c.other].iter().filter(|&&n| n > 0).count();
    if kinds < 2 || (c.digit == 0 && c.other == 0) {
        return false;
    }
    if is_word_then_number(v) || is_identifier_like(v) {
        return false;
    }
    shannon_entropy(v) >= 2.8
}

/// `admin123`, `Password1`, `hunter22`: a word with digits tacked on.
fn is_word_then_number(v: &[u8]) -> bool {
    let split = v.iter().position(|b| !b.is_ascii_alphabetic()).unwrap_or(v.len());
    let (word, rest) = v.split_at(split);
    !word.is_empty() && rest.iter().all(|b| b.is_ascii_digit() || b"!.?".contains(b))
}

#[cfg(test)]
mod tests {
    use super::Shape;

    #[test]
    fn random_tokens_fit_random() {
        for v in [
            "q8Xv2LpR7tZk3Nw9Bc4Md6Fh",
            "9f2c4e1a7b3d5f608e2c4a6b8d0f1e3c",
            "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5",
            "a8F!k2#pQ9zL4mW7",
            "1nWyqrctdSaGEXYGAshCSPCQW84gtuiU",
            "djXfvEhx41EY7csX_AaJAFGKTHps1AyTWlzq_Hbhk4TjL1tC_",
            // Percent-encoded, as in a query string.
            "q8Xv2Lk9%2FmP3zR7tW1yB5nC4",
            // Base64 of a credential pair (admin:Xk9#mP2vL5qRt8), not of prose,
            "YWRtaW46WGs5I21QMnZMNXFSdDg=",
            // and of a password (Xk9#mP2vL5qR), as a Kubernetes Secret holds it.
            "WGs5I21QMnZMNXFS",
            // Base64 of 32 random bytes that happens to start with `/`.
            "/K1TGd3xxVqp7u+VCAjFa+Y5PNtqrSP8GZOyaot04sA=",
            // Lower-case base32, as Azure DevOps tokens are.
            "gfdxajznrkyyh6qdvbo2zeju4hiv3typ52yip7ghmf6yheq3hfym",
            // Letters only, mixed case.
            "kRtVbNmQpLwXzYcFhJdGsA",
            "TbQeWmYxKoPzHnRvJcLuFg",
        ] {
            assert!(Shape::Random.fits(v.as_bytes()), "{v}");
        }
    }

    #[test]
    fn written_values_do_not_fit_random() {
        for v in [
            "getTokenFromEnvironment",
            "MY_SECRET_TOKEN_NAME",
            "os.environ.get",
            "${GITHUB_TOKEN}",
            "{{ secrets.API_KEY }}",
            "1234abcd-12ab-34cd-56ef-1234567890ab",
            "https://example.com/callback",
            "/usr/local/etc/secret.pem",
            "sha256:9f2c4e1a7b3d5f608e2c4a6b8d0f1e3c",
            "1.2.3-beta.4+build5",
            "self.access_token",
            "short1A",
            "aaaaaaaaaaaaaaaaaaaa",
            "secret_key_base_path",
            "%S/annotate-macro-args.h:9:1:10:1",
            "safe.jwt_token~+/==",
            "synthetic:token/+=",
            // An expression, in LLVM's lexer: `ThisTokEnd = ThisTokBuf+ThisTokLen;`.
            "ThisTokBuf+ThisTokLen",
            "src/engine/shape/mod.rs:212",
            // The first 238 characters of a Sealed Secrets ciphertext.
            "AgBeXQ4vH0e3r7XqTnGJ3o6ZqGh1d2kWqO6xTq2T1nKJvE3aE7m0y9Yc1zCk8fQ5bqL2s7tVd+RwK3p9uJ4hN6x0Gm8aZ1cB5eD7fH9iL2kM4nP6qS8tU0vW3yX5z/A7C9E1G3I5K7M9O1Q3S5U7W9Y1a3c5e7g9i1k3m5o7q9s1u3w5y7A9C1E3G5I7K9M1O3Q5S7U9W1Y3a5c7e9g1i3k5m7o9q1s3u5w7y9A1C3E5G7",
            "crate::ObjectIdentifier",
            ":RecursiveSuffix",
            "super::super::Win32::Foundation::HANDLE",
            "D3DKMT_PRESENTHISTORYTOKEN_0",
            "process.env.SESSION_SECRET!",
            "os.getenv",
            // Found in documentation and packages on a real machine:
            "sodium_crypto_secretstream_xchacha20poly1305_init_pull",
            "ed25519.Ed25519PrivateKey",
            "handle::OwnedStore",
            "cargo:macos-keychain",
            "ch02-00-guessing-game-tutorial.html#increasing-functionality",
            "reference/config.html#credentials",
            "s_n_llhttp__internal__n_header_value_connection_token:",
            "x509.CertificateSigningRequest",
            // Words, percent-encoded in a test's query string.
            "secret%3Dpassword",
            // Found in AWS SDKs and their API models:
            // base64 of prose, of a name and of JSON,
            "dGhpcyBpcyBub3QgYSByZWFsIHZhbHVl",
            "bXlzdGVyaW91c1BhZ2luYXRpb25Ub2tlbg==",
            "eyJmb28iOiAiYmFyIn0=",
            // a SigV4 credential scope, ARNs,
            "AKID/19700101/us-east-1/es/aws4_request",
            "arn:aws:iam::437223687239:role/dmytbon-admin-access",
            "ap-south-1:111122223333:secret:snowflake-XHb67j",
            "snowflake-XHb67j",
            // identifiers, types and expressions of code,
            "v4Internal.AmzCredentialKey",
            "v4aCredentialProvider",
            "SensitiveString2048",
            "NoSuchKeySigningKey",
            "KeyArnOrKeyAliasType",
            "Buffer|Uint8Array|Blob|string",
            "this.webIdentityCredentials||new",
            "smithy.api#httpBearerAuth",
            "SensitiveData:S3Object/Credentials",
            "~azure.core.credentials.AzureNamedKeyCredential",
            // Found in Google's and OpenAI's SDKs:
            "Resource$Projects$Locations$Secrets",
            "Resource$Enrollmenttokens",
            "config?.credentialDefaultProvider",
            "fixture-access-key/",
            "synthetic-query#synthetic-fragment",
            // A cipher suite's constant in rustls.
            "TLS13_CHACHA20_POLY1305_SHA256_INTERNAL",
            // A JWT with a placeholder signature, in jsonwebtoken's tests.
            "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOlsianNvbndlYnRva2VudGVzdCJdfQ.sig",
            // Minified code in aws-cdk-lib:
            "_classThis=_classDescriptor.value",
            "exports.ApiKey=void",
            "props.manageMasterUserPassword?void",
            "exports.Token=exports.TokenComparison=void",
            "this.options.cacheSize??1e3",
            "!props.manageMasterUserPassword",
            // settings written out.
            "secret_key_with_equals=b",
            "true&tls=rds&timeout=30s",
        ] {
            assert!(!Shape::Random.fits(v.as_bytes()), "{v}");
        }
    }

    /// The share of 5,000 values of `lengths` characters from `alphabet`
    /// (a fixed-seed xorshift generator) that fit `shape`.
    fn share_that_fits(shape: Shape, seed: u64, alphabet: &[u8], lengths: std::ops::RangeInclusive<usize>) -> f64 {
        let mut state = seed;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as usize
        };
        let total = 5000;
        let span = lengths.end() - lengths.start() + 1;
        let fit = (0..total)
            .filter(|_| {
                let len = lengths.start() + next() % span;
                let value: Vec<u8> = (0..len).map(|_| alphabet[next() % alphabet.len()]).collect();
                shape.fits(&value)
            })
            .count();
        fit as f64 / total as f64
    }

    /// Generated tokens the generic rules must not take for identifiers:
    /// base62, 20 to 40 characters. A change that drops the share below the
    /// bar loses real secrets.
    #[test]
    fn nearly_all_random_tokens_fit_random() {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        let share = share_that_fits(Shape::Random, 0x9E37_79B9_7F4A_7C15, ALPHABET, 20..=40);
        eprintln!("random tokens that fit: {share:.3}");
        assert!(share >= 0.96, "only {share:.3} of random tokens fit");
    }

    /// Passwords a generator makes (letters, digits and the signs password
    /// managers use), 12 to 20 characters: the signs that also join names in
    /// code (`&`, `|`, `#`, `?`, `.`) must not make them look like code.
    #[test]
    fn nearly_all_generated_passwords_fit_password() {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*-_=+?.|";
        let share = share_that_fits(Shape::Password, 0x2545_F491_4F6C_DD1D, ALPHABET, 12..=20);
        eprintln!("generated passwords that fit: {share:.3}");
        assert!(share >= 0.96, "only {share:.3} of generated passwords fit");
    }

    #[test]
    fn passwords() {
        for v in [
            "Tr0ub4dor&3x",
            "xK9#mP2$vL5q",
            "S3cure!Passw0rd_2024",
            "summer-2024",
            // Generated passwords that start with a sigil or a dash.
            "%k^3TaxSVvfml*%SHeTG!4",
            "#Eg-D^08FFWzPGsoEm",
            "-5.f-ON!^_X%YZ1pwp",
            "*0CHSw0GcGlFQ-R*m@bUrH",
            "@bUr9Hx!2kQzL",
            "Tiger$Lily2024",
            "Tiger$Lily",
            "Pa$$w0rd!2024",
            "Xk9&&mP2v!qL",
            // Generated passwords with signs that also join names in code.
            "sni&R6&owsbkgD",
            "ZCHhduJP|nZa",
            "V#IY:bm?nG",
            "LRA.dBW#IP",
            "J5UcmcibqC",
            // `@` and `.` but no e-mail address; a trailing `.`.
            "6gM#.$x*RF=S9405F@R",
            "Ld7_GwDmwAI.",
            // A generated password may start with `$` too.
            "$lVlKQ1F_0cW?e.",
            // In base64, as a Kubernetes Secret holds it (S3cureP@ssw0rd!).
            "UzNjdXJlUEBzc3cwcmQh",
            // A UUID token as an SMTP password (Postmark).
            "c673571e-aae7-4ca6-a0c3-85b71ac5cf74",
        ] {
            assert!(Shape::Password.fits(v.as_bytes()), "{v}");
        }
        for v in [
            "password",
            "admin123",
            "Password1",
            "changeme",
            "${DB_PASSWORD}",
            "$DB_PASSWORD",
            "$env:DB_PASSWORD",
            "$HOME/.pgpass",
            "$this->password",
            "$_ENV['DB_PASSWORD']",
            "db_password",
            "hunter22",
            "kadmin/server",
            "localhost:22",
            "0xC000027A_u32",
            "2147483648u32",
            "-2146368492i32",
            "scram-sha-256",
            "aes-256-cbc",
            "password=",
            "%DB_PASSWORD%",
            "%s",
            "@db_password",
            "&config.password",
            "#{db_password}",
            ":password",
            "*password_ptr",
            "*New*UNIX*password*",
            "true&tls=rds",
            "Buffer|Uint8Array|Blob|string",
            // password123, in base64.
            "cGFzc3dvcmQxMjM=",
        ] {
            assert!(!Shape::Password.fits(v.as_bytes()), "{v}");
        }
    }
}
