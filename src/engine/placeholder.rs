//! Placeholders: values that have the shape of a secret but were written by a
//! person to stand for one (`sk-xxxx`, `YOUR_API_KEY`, `AKIAIOSFODNN7EXAMPLE`,
//! `${TOKEN}`), examples that documentation publishes, and keys their
//! providers make public. They are never findings, whatever rule matched them.

/// Lower-case fragments that only appear in made-up values.
const MARKERS: &[&str] = &[
    "example",
    "placeholder",
    "your_",
    "your-",
    "yourtoken",
    "yourkey",
    "yourapikey",
    "yoursecret",
    "mypassword",
    "my-password",
    "my_password",
    "mysecret",
    "my-secret",
    "my_secret",
    "xxxxx",
    "*****",
    "changeme",
    "change_me",
    "dummy",
    "redacted",
    "insert_",
    "_here",
    "-here",
    "replace_me",
    "replaceme",
    "0123456789",
    "123456789",
    "abcdefgh",
    "qwerty",
    "${",
    "{{",
    "<your",
    "%(",
    // Truncated when shown: `sk-ant-api03-…`, `sk-proj-ab12...`.
    "\u{2026}",
    "...",
];

/// Example credentials that specifications and providers' documentation
/// publish, which code and docs then copy verbatim (client libraries quote
/// them in docstrings and tests). Like `AKIAIOSFODNN7EXAMPLE`, they look
/// generated but are known to everyone.
const DOCUMENTED: &[&str] = &[
    // RFC 6749 (OAuth 2.0): access, refresh and authorization-code examples,
    // and the client credentials s6BhdRkqt3:gX1fBat3bV, also in base64.
    "2YotnFZFEjr1zCsicMWpAA",
    "tGzv3JOkF0XG5Qx2TlKWIA",
    "SplxlOBeZQQYbYS6WxSbIA",
    "gX1fBat3bV",
    "czZCaGRSa3F0MzpnWDFmQmF0M2JW",
    // RFC 6750 (bearer tokens).
    "mF_9.B5f-4.1JqM",
    // RFC 5849 and OAuth Core 1.0 (the photos.example.net walk-through and
    // the Authorization header example).
    "dpf43f3p2l4k3l03",
    "kd94hf93k423kf44",
    "hh5s93j4hdidpola",
    "hdhd0244k9j7ao03",
    "nnch734d00sl2jdk",
    "pfkkdhi9sl3r4s00",
    "0685bd9184jfhq22",
    "ad180jjd733klru7",
    // RFC 2617's basic-auth example, Aladdin:open sesame, in base64, and the
    // spelling without a space that tests copy.
    "QWxhZGRpbjpvcGVuIHNlc2FtZQ",
    "YWxhZGRpbjpvcGVuc2VzYW1l",
    "opensesame",
    // jwt.io's example token signature.
    "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    // Cargo's documentation of registry tokens.
    "854DvwSlUwEHtIo3kWy6x7UCPKHfzCmy",
    // AWS API reference examples, which every AWS SDK copies into its API
    // models (aws-sdk-js apis/*.examples.json, botocore's examples-1.json):
    // SSO OIDC client secret, KMS DeriveSharedSecret and grant token, IAM
    // and Cognito passwords, Cognito app client secret, Artifact term token
    // (and aws-cdk-lib copies them into its docs).
    "VERYLONGSECRET",
    "DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=",
    "MEYCIQCKZLWyTk5runarx6XiAkU9gv3lbwPO",
    "AQpAM2RhZTk1MGMyNTk2ZmZmMzEyYWVhOWViN2I1MWM4Mzc0MWFiYjc0ZDE1ODkyNGFlNTIzODZhMzgyZjBlNGY3Ni",
    "SomeKindOfPassword123!@#",
    "This-is-my-test-99!",
    "13ka4h7u28d9oo44tqpq9djqsfvhvu8rk4d2ighvpu0k8fj1c2r9",
    "gPFEGk7CF4wS901w7ppYclt7",
    // ... and the Azure SAS signature of DataSync's CreateLocationAzureBlob.
    "aBBKDWQvyuVcTPH9EBp",
    // The sample test key of Stripe's API reference
    // (https://docs.stripe.com/api/authentication).
    "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
    // The well-known key of Azurite and the Azure Storage Emulator's
    // devstoreaccount1, which Microsoft publishes (learn.microsoft.com,
    // storage-use-azurite#well-known-storage-account-and-key).
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
    // Examples of GitHub's REST API description (github/rest-api-description,
    // which Octokit ships): an OAuth access token, app client and webhook
    // secrets, runner registration and clone tokens, an app's private key.
    "e72e16c7e42f292c6912e7710c838347ae178b4a",
    "1726be1638095a19edd134c77bde3aa2ece1e5d8",
    "e340154128314309424b7c8e90325147d99fdafa",
    "3ef4ad510c59ad37bac6bb4f80047fb3aee3cc7f",
    "ABTLWHOULUVAXGTRYU7OC2876QJ2O",
    "LLBF3JGZDX3P5PMEXLND6TS6FCWO6",
    "AABF3JGZDX3P5PMEXLND6TS6FCWO6",
    "MIIEowIBAAKCAQEAuEPzOUE+kiEH1WLiMeBytTEF856j0hOVcSUSUkZxKvqczkWM",
    // ... and the signatures of its Actions OIDC token examples.
    "VP8WictbQECKozE2SgvKb2FqJ9hisWsoMkYRTqfB",
    "YNsRXL9pBuIfLVndnyVQOpru77Br8hgYIX7LPsOa",
    "PMhU7-MOnZRDj5k5a4ieeFlQCmKPl2pQvpVRhGZq",
    // The signature of the sample ID token of Microsoft identity platform's
    // token reference ("Abe Lincoln", kid 1LTMzakihiRla_8z2BEJVXeWMqo),
    // which the AWS SSO OIDC API examples copy.
    "1AFWW-Ck5nROwSlltm7GzZvDwUkqvhSQpm55TQsm",
    // The password of aws-cdk-lib's aws-rds README example.
    "7959866cacc02c2d243ecfe177464fe6",
    // MinIO's public playground (play.min.io), whose keys MinIO's client
    // ships and documents.
    "Q3AM3UQ867SPQQA43P2F",
    "zuf+tfteSlswRu7BJ86wekitnifILbZam1KYY3TG",
    // The AWS Signature Version 4 test suite's session token.
    "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267",
];

/// True if and only if `secret` looks written by hand rather than generated:
/// it contains a placeholder marker or a documented example, or a repeated
/// pattern makes up a quarter of it (`AKIA0000000000000000`,
/// `sk-abababababab`), or it uses very few distinct bytes.
pub fn is_placeholder(secret: &[u8]) -> bool {
    if contains_marker(secret)
        || DOCUMENTED.iter().any(|d| memchr::memmem::find(secret, d.as_bytes()).is_some())
        || has_public_prefix(secret)
        || jwt_claims(secret).is_some_and(|claims| claims_say_not_secret(&claims))
    {
        return true;
    }
    let covers_a_quarter = |n: usize| n * 4 >= secret.len();
    let single = longest_periodic(secret, 1);
    if single >= 6 && covers_a_quarter(single) {
        return true;
    }
    if (2..=3).any(|p| {
        let n = longest_periodic(secret, p);
        n >= 10 && covers_a_quarter(n)
    }) {
        return true;
    }
    secret.len() >= 12 && distinct_bytes(secret) <= 4
}

/// The decoded claims of a JWT, if `secret` is one.
fn jwt_claims(secret: &[u8]) -> Option<Vec<u8>> {
    use base64::Engine;
    let mut parts = secret.split(|&b| b == b'.');
    let (Some(header), Some(claims)) = (parts.next(), parts.next()) else {
        return None;
    };
    if !header.starts_with(b"eyJ") {
        return None;
    }
    base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(claims.trim_ascii_end()).ok()
}

/// Claims that only a documented example or a public key carries: AWS
/// documentation's upper-case `EXAMPLE` marker
/// (`"sts:identity_context":"EXAMPLEIDENTITYCONTEXT"` in the SSO OIDC API
/// examples, as in `AKIAIOSFODNN7EXAMPLE`), or Supabase's `anon` role, whose
/// key is made to ship in web pages (row-level security guards the data; the
/// `service_role` key is the secret one). Only the claims tell: the token
/// itself is base64.
fn claims_say_not_secret(claims: &[u8]) -> bool {
    let compact: Vec<u8> = claims.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
    memchr::memmem::find(&compact, b"EXAMPLE").is_some()
        || memchr::memmem::find(&compact, br#""role":"anon""#).is_some()
}

/// Keys their providers document as public, made to ship in web pages and
/// apps: Stripe's (and Clerk's, Paystack's) publishable `pk_live_`/`pk_test_`,
/// Mapbox's public `pk.eyJ...` tokens, PostHog's `phc_` project keys and
/// Langfuse's `pk-lf-` keys. The secret halves (`sk_live_`, `sk.eyJ`, `phx_`,
/// `sk-lf-`) are not these.
fn has_public_prefix(secret: &[u8]) -> bool {
    const PUBLIC_PREFIXES: &[&[u8]] = &[b"pk_live_", b"pk_test_", b"pk.eyJ", b"phc_", b"pk-lf-"];
    PUBLIC_PREFIXES.iter().any(|p| secret.starts_with(p))
}

fn contains_marker(secret: &[u8]) -> bool {
    // Markers are short and secrets are short: a lower-cased copy on the stack
    // keeps this allocation-free for all realistic tokens.
    let mut buf = [0u8; 256];
    let lower: &[u8] = if secret.len() <= buf.len() {
        for (d, s) in buf.iter_mut().zip(secret) {
            *d = s.to_ascii_lowercase();
        }
        &buf[..secret.len()]
    } else {
        return MARKERS.iter().any(|m| contains_ignore_case(secret, m.as_bytes()));
    };
    MARKERS.iter().any(|m| memchr::memmem::find(lower, m.as_bytes()).is_some())
}

fn contains_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

/// Length of the longest stretch that repeats with period `p` (`aaaa` for 1,
/// `abab` for 2), counted in bytes covered.
fn longest_periodic(bytes: &[u8], p: usize) -> usize {
    let mut best = 0;
    let mut run = 0;
    for i in p..bytes.len() {
        run = if bytes[i] == bytes[i - p] { run + 1 } else { 0 };
        best = best.max(run);
    }
    if best == 0 { 0 } else { best + p }
}

fn distinct_bytes(bytes: &[u8]) -> usize {
    let mut seen = [false; 256];
    bytes.iter().filter(|&&b| !std::mem::replace(&mut seen[b as usize], true)).count()
}

#[cfg(test)]
mod tests {
    use super::is_placeholder;

    #[test]
    fn documented_and_hand_written_values_are_placeholders() {
        for p in [
            "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "sk-xxxxxxxxxxxxxxxxxxxxxxxx",
            "YOUR_API_KEY",
            "${GITHUB_TOKEN}",
            "{{ secrets.TOKEN }}",
            "ghp_000000000000000000000000000000000000",
            "sk-abababababababababab",
            "sk-1234567890abcdef",
            "2YotnFZFEjr1zCsicMWpAA",
            "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW",
            "yh^%#rest-of-my-password",
            "VERYLONGSECRETeyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0",
            "SomeKindOfPassword123!@#",
            "provide-password-here!",
            "paste_your_token_here",
            "sk-ant-api03-\u{2026}",
            "sk-proj-ab12cd34...",
            "pk.eyJ1IjoiaGFyYm9ybGFuZSIsImEiOiJjbHg0In0.q8Xv2LpR7tZk3Nw9Bc4Md6",
            "pk_live_51Hq8Xv2LpR7tZk3Nw9Bc4Md6Fh1Js5Gy0",
            "MinIO's play keys: Q3AM3UQ867SPQQA43P2F",
            // {"alg":"HS256","typ":"JWT"}.{"iss":"supabase","role":"anon"}.sig
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJvbGUiOiJhbm9uIn0.Kq9vR2zLp8xW4mN7cB1hT6yJ3dF5gS0a",
            // {"alg":"HS256","typ":"JWT"}.{"sts:identity_context":"EXAMPLEIDENTITYCONTEXT"}.sig
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdHM6aWRlbnRpdHlfY29udGV4dCI6IkVYQU1QTEVJREVOVElUWUNPTlRFWFQifQ.Xyah6qbk78qThzJ41iFU2yfGuRqqtKXHrJYwQ8L9",
        ] {
            assert!(is_placeholder(p.as_bytes()), "{p} should be a placeholder");
        }
    }

    #[test]
    fn generated_values_are_not_placeholders() {
        for s in [
            "ghp_R4nd0mV4lu3sHeRe8Qz2Lm7Xc9Vb1Nk3Jd5Ff",
            "AKIAQYLPMN5HHHFPZAM2", // keyhound:allow (fake key: the test needs a real-looking one)
            "8Xh9vR6tQ0pL3mN7sK2jW5yB1cF4dG8hJ0kL2mN4", // keyhound:allow (fake, beside the fake key ID above)
            // {"alg":"HS256","typ":"JWT"}.{"iss":"supabase","role":"service_role"}.sig
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJvbGUiOiJzZXJ2aWNlX3JvbGUifQ.Kq9vR2zLp8xW4mN7cB1hT6yJ3dF5gS0a", // keyhound:allow (fake: a secret)
            // {"alg":"HS256","typ":"JWT"}.{"sub":"u-8f2k","iss":"https://auth.example.com"}.sig:
            // a lower-case example.com is where fake and real tokens alike are issued.
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1LThmMmsiLCJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20ifQ.Kq9vR2zLp8xW4mN7cB1hT6yJ3dF5gS0a", // keyhound:allow (fake: must not be a placeholder)
        ] {
            assert!(!is_placeholder(s.as_bytes()), "{s} should not be a placeholder");
        }
    }
}
