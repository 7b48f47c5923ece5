//! Test fixtures: the private keys, passwords and JWTs a test suite makes up
//! for itself. In a test file such a secret is a fixture, not a leak, and
//! reporting it is the noise that gets a hook uninstalled (on SDK and
//! compiler trees nearly every alert of these kinds sits in a test file).
//!
//! Only rules marked `made_in_tests` (generic rules, private keys, URL and
//! file credentials) are affected: a provider's token (`ghp_`, `AKIA`,
//! `sk-ant-`) is issued by the provider, so in a test file (a recorded HTTP
//! cassette, say) it is still a leak and still reported.
//!
//! A test file is one under a directory that test tooling uses by convention
//! (`tests/`, `testdata/`, `__tests__/`, `fixtures/`, `spec/`, ...) or named
//! like a test (`*_test.go`, `test_*.py`, `*.spec.ts`, `FooTest.java`,
//! `test.pem`), judged on the path *below the scan root*: a checkout that
//! happens to live in `~/tests/` is not a test suite.

/// Directory names that hold tests or their data, compared case-insensitively.
const TEST_DIRS: &[&str] = &[
    "test",
    "tests",
    "testdata",
    "test-data",
    "test_data",
    "testing",
    "testcases",
    "unittest",
    "unittests",
    "__tests__",
    "spec",
    "specs",
    "fixture",
    "fixtures",
    "__fixtures__",
];

/// Whether `path` (relative to the scan root, `/`-separated) is a test file.
pub fn is_test_path(path: &str) -> bool {
    let mut parts = path.split('/').filter(|p| !p.is_empty() && *p != ".");
    let Some(name) = parts.next_back() else { return false };
    parts.any(|dir| TEST_DIRS.iter().any(|t| dir.eq_ignore_ascii_case(t))) || is_test_file_name(name)
}

/// `test.pem`, `test_api.py`, `conftest.py`, `api_test.go`, `api_tests.rs`,
/// `api.test.js`, `api.spec.ts`, `api_spec.rb`, `ApiTest.java`, `ApiTests.cs`.
fn is_test_file_name(name: &str) -> bool {
    let stem = name.split_once('.').map_or(name, |(stem, _)| stem);
    let lower = name.to_ascii_lowercase();
    let lower_stem = stem.to_ascii_lowercase();
    lower_stem == "test"
        || lower_stem == "conftest"
        || lower.starts_with("test_")
        || ["_test", "_tests", "_spec"].iter().any(|s| lower_stem.ends_with(s))
        || lower.contains(".test.")
        || lower.contains(".spec.")
        || is_camel_test_class(stem)
}

/// `ApiTest`, `ApiTests`: a class-per-file language's test class. The
/// capital `T` after a lower-case letter keeps `Latest` and `Contest` out.
fn is_camel_test_class(stem: &str) -> bool {
    let body = stem.strip_suffix("Tests").or_else(|| stem.strip_suffix("Test"));
    body.is_some_and(|b| b.bytes().last().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::is_test_path;

    #[test]
    fn test_directories_anywhere_below_the_root() {
        for path in [
            "tests/unit/test_credentials.py",
            "src/crypto/tls/testdata/example-key.pem",
            "pkg/__tests__/client.js",
            "spec/fixtures/users.yml",
            "vendor/url/Tests/data.json",
            "app/fixtures/db.json",
        ] {
            assert!(is_test_path(path), "{path}");
        }
    }

    #[test]
    fn test_file_names_in_any_directory() {
        for path in [
            "src/crypto/x509/pkcs8_test.go",
            "kubernetes/config/kube_config_test.py",
            "pkg/test_util.py",
            "conftest.py",
            "web/api.test.ts",
            "web/api.spec.js",
            "lib/client_spec.rb",
            "src/main/java/ClientTest.java",
            "Client.Tests/AuthTests.cs",
            "contrib/netrc/test.netrc",
            "src/parser_tests.rs",
        ] {
            assert!(is_test_path(path), "{path}");
        }
    }

    #[test]
    fn ordinary_files_are_not_tests() {
        for path in [
            ".env",
            "config/settings.py",
            "src/latest.py",
            "src/Latest.java",
            "src/Contest.java",
            "docs/testing-guide.md",
            "attestation/keys.pem",
            "contest/credentials.json",
            "latest_tests_report/x.env",
            "-",
            "",
        ] {
            assert!(!is_test_path(path), "{path}");
        }
    }
}
