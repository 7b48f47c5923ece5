//! `keyhound git`: history, ranges, staged changes and the pre-commit hook,
//! on small repositories built with the git CLI in temp directories.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

const RULES: &str = r#"
[[rule]]
id = "acme-token"
name = "ACME token"
keywords = ["acme_"]
regex = '''\b(acme_[a-z0-9]{24})\b'''
examples = ["ACME=acme_q8x2lp7tzk3nw9bc4md6fh1j"]
"#;

const T1: &str = "acme_k3j9x2mq8v7lp4tz6wn1rb5c";
const T2: &str = "acme_z7y6x5w4v3u2t1s9r8q7p6n5";
const T3: &str = "acme_m1n2b3v4c5x6z7l8k9j0h1g2";

/// A temp dir holding `repo/` (a fresh git repository) and `rules.toml`.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("rules.toml"), RULES).unwrap();
        let r = Repo { dir };
        fs::create_dir(r.path()).unwrap();
        r.git(&["init", "-q", "-b", "main"]);
        r
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("repo")
    }

    fn rules(&self) -> String {
        self.dir.path().join("rules.toml").to_string_lossy().into_owned()
    }

    fn git(&self, args: &[&str]) -> String {
        git_in(&self.path(), args)
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.path().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    /// Stages everything and commits as `author`; returns the commit id.
    fn commit(&self, message: &str, author: &str) -> String {
        self.git(&["add", "-A"]);
        self.git(&[
            "-c",
            &format!("user.name={author}"),
            "-c",
            &format!("user.email={}@acme.test", author.to_lowercase()),
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            message,
        ]);
        self.git(&["rev-parse", "HEAD"]).trim().to_string()
    }

    /// Runs `keyhound git <args>` in the repository with the test rules.
    fn scan(&self, args: &[&str]) -> (Option<i32>, Vec<serde_json::Value>, String) {
        let rules = self.rules();
        let mut all = vec!["git"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--rules", &rules, "--no-progress", "-f", "json"]);
        let out = keyhound().args(&all).current_dir(self.path()).output().unwrap();
        let findings = if out.status.code() == Some(2) { Vec::new() } else { json_findings(&out) };
        (out.status.code(), findings, stderr(&out))
    }
}

fn git_in(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Replaces a file git wrote read-only (an object, a pack).
fn overwrite(path: &Path, bytes: &[u8]) {
    let mut perms = fs::metadata(path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    fs::set_permissions(path, perms).unwrap();
    fs::write(path, bytes).unwrap();
}

fn acme(findings: &[serde_json::Value]) -> Vec<&serde_json::Value> {
    findings.iter().filter(|f| f["rule_id"] == "acme-token").collect()
}

#[test]
fn history_finds_deleted_secrets_and_attributes_them_to_the_first_commit() {
    let r = Repo::new();
    r.write("README.md", "hello\n");
    r.commit("start", "Ann");
    r.write("config.env", &format!("# settings\nTOKEN={T1}\n"));
    let added = r.commit("add config", "Bob");
    // Same secret kept through edits of other lines, then deleted.
    r.write("config.env", &format!("# settings v2\nTOKEN={T1}\nDEBUG=1\n"));
    r.commit("tweak config", "Cid");
    fs::remove_file(r.path().join("config.env")).unwrap();
    r.commit("remove config", "Dee");

    let (code, findings, err) = r.scan(&[]);
    assert_eq!(code, Some(1), "{err}");
    let f = acme(&findings);
    assert_eq!(f.len(), 1, "one finding for one secret in one file: {findings:#?}");
    assert_eq!(f[0]["commit"], added.as_str());
    assert_eq!(f[0]["author"], "Bob");
    assert_eq!(f[0]["email"], "bob@acme.test");
    assert_eq!(f[0]["message"], "add config");
    assert_eq!(f[0]["path"], "config.env");
    assert_eq!(f[0]["line"], 2);
    assert!(f[0]["date"].as_str().unwrap().contains('T'));
}

#[test]
fn renames_merges_tags_and_stash_are_covered() {
    let r = Repo::new();
    r.write("a.txt", &format!("k={T1}\n"));
    let first = r.commit("add a", "Ann");
    r.git(&["mv", "a.txt", "b.txt"]);
    r.commit("rename", "Bob");
    // A branch with a secret, merged back.
    r.git(&["checkout", "-q", "-b", "feature"]);
    r.write("feature.txt", &format!("k={T2}\n"));
    let feature = r.commit("feature", "Cid");
    r.git(&["checkout", "-q", "main"]);
    r.write("main.txt", "x\n");
    r.commit("main work", "Ann");
    r.git(&["-c", "user.name=M", "-c", "user.email=m@acme.test", "merge", "-q", "--no-edit", "feature"]);
    // A secret only in the stash.
    r.write("main.txt", &format!("x\nk={T3}\n"));
    r.git(&["-c", "user.name=S", "-c", "user.email=s@acme.test", "stash", "-q"]);

    let (_, findings, err) = r.scan(&[]);
    let mut seen: Vec<(String, String)> = acme(&findings)
        .iter()
        .map(|f| (f["path"].as_str().unwrap().to_string(), f["commit"].as_str().unwrap().to_string()))
        .collect();
    seen.sort();
    assert_eq!(seen.len(), 3, "{err}\n{findings:#?}");
    assert_eq!(seen[0], ("a.txt".to_string(), first), "a renamed file is its first commit and path");
    assert_eq!(seen[1], ("feature.txt".to_string(), feature));
    assert_eq!(seen[2].0, "main.txt", "the stash is scanned");
}

#[test]
fn range_reports_only_what_the_range_added() {
    let r = Repo::new();
    r.write("app.py", &format!("OLD = '{T1}'\n"));
    let base = r.commit("old secret", "Ann");
    // Inside the range: a new line next to the old secret, and a new file.
    r.write("app.py", &format!("OLD = '{T1}'\nNEW = '{T2}'\n"));
    r.commit("new secret", "Bob");
    r.write("other.py", &format!("X = '{T3}'\n"));
    let last = r.commit("another", "Cid");

    let (code, findings, err) = r.scan(&["--range", &format!("{base}..HEAD")]);
    assert_eq!(code, Some(1), "{err}");
    let mut got: Vec<(String, u64)> = acme(&findings)
        .iter()
        .map(|f| (f["path"].as_str().unwrap().to_string(), f["line"].as_u64().unwrap()))
        .collect();
    got.sort();
    assert_eq!(got, vec![("app.py".to_string(), 2), ("other.py".to_string(), 1)]);

    let (_, findings, _) = r.scan(&["--since", &last]);
    assert!(acme(&findings).is_empty(), "nothing after the last commit");

    let (code, _, err) = r.scan(&["--range", "nosuchbranch..HEAD"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("nosuchbranch"), "{err}");
}

#[test]
fn staged_reports_only_staged_additions_with_staged_line_numbers() {
    let r = Repo::new();
    r.write("app.py", &format!("OLD = '{T1}'\n"));
    r.commit("old", "Ann");
    r.write("app.py", &format!("# header\nOLD = '{T1}'\nNEW = '{T2}'\n"));
    r.git(&["add", "app.py"]);
    // Changed in the work tree but not staged: not part of the commit.
    r.write("app.py", &format!("# header\nOLD = '{T1}'\nNEW = '{T2}'\nLATER = '{T3}'\n"));
    r.write("untracked.py", &format!("U = '{T3}'\n"));

    let (code, findings, err) = r.scan(&["--staged"]);
    assert_eq!(code, Some(1), "{err}");
    let f = acme(&findings);
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert_eq!(f[0]["path"], "app.py");
    assert_eq!(f[0]["line"], 3);
    assert!(f[0]["commit"].is_null());
    assert!(err.contains("git commit --no-verify"), "the block message says how to bypass: {err}");
}

#[test]
fn staged_works_before_the_first_commit() {
    let r = Repo::new();
    r.write("first.env", &format!("A={T1}\n"));
    r.git(&["add", "first.env"]);
    let (code, findings, _) = r.scan(&["--staged"]);
    assert_eq!(code, Some(1));
    assert_eq!(acme(&findings).len(), 1);
}

#[test]
fn hook_blocks_a_commit_that_adds_a_secret() {
    let r = Repo::new();
    r.write("README.md", "hi\n");
    r.commit("start", "Ann");
    let out = keyhound().args(["hook", "install"]).current_dir(r.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let hook = fs::read_to_string(r.path().join(".git/hooks/pre-commit")).unwrap();
    assert!(hook.contains("git --staged"));
    // The hook finds the test's rules through the repository's config.
    fs::write(r.path().join(".keyhound.toml"), RULES).unwrap();
    fs::write(r.path().join(".git/info/exclude"), ".keyhound.toml\n").unwrap();

    let gh = fixture_github_token();
    r.write("leak.env", &format!("GH={gh}\n"));
    r.git(&["add", "leak.env"]);
    let commit = Command::new("git")
        .args(["-c", "user.name=A", "-c", "user.email=a@acme.test", "commit", "-q", "-m", "leak"])
        .current_dir(r.path())
        .env("KEYHOUND", env!("CARGO_BIN_EXE_keyhound"))
        .output()
        .unwrap();
    assert!(!commit.status.success(), "the hook must block the commit");
    let err = String::from_utf8_lossy(&commit.stderr);
    assert!(err.contains("leak.env:1"), "{err}");
    assert!(!err.contains(&gh), "the secret is redacted: {err}");
    assert!(err.contains("--no-verify") || String::from_utf8_lossy(&commit.stdout).contains("--no-verify"));

    r.write("leak.env", "GH=read-from-vault\n");
    r.git(&["add", "leak.env"]);
    let commit = Command::new("git")
        .args(["-c", "user.name=A", "-c", "user.email=a@acme.test", "commit", "-q", "-m", "clean"])
        .current_dir(r.path())
        .env("KEYHOUND", env!("CARGO_BIN_EXE_keyhound"))
        .output()
        .unwrap();
    assert!(commit.status.success(), "{}", String::from_utf8_lossy(&commit.stderr));
}

#[test]
fn hook_install_keeps_a_foreign_hook_unless_forced() {
    let r = Repo::new();
    fs::create_dir_all(r.path().join(".git/hooks")).unwrap();
    fs::write(r.path().join(".git/hooks/pre-commit"), "#!/bin/sh\necho mine\n").unwrap();
    let out = keyhound().args(["hook", "install"]).current_dir(r.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert!(fs::read_to_string(r.path().join(".git/hooks/pre-commit")).unwrap().contains("mine"));
    let out = keyhound().args(["hook", "install", "--force"]).current_dir(r.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    // Installing again over our own hook needs no --force.
    let out = keyhound().args(["hook", "install"]).current_dir(r.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn bare_and_shallow_clones() {
    let r = Repo::new();
    r.write("a.txt", &format!("k={T1}\n"));
    let first = r.commit("one", "Ann");
    r.write("b.txt", &format!("k={T2}\n"));
    r.commit("two", "Bob");
    r.write("c.txt", "nothing\n");
    r.commit("three", "Cid");

    let bare = r.dir.path().join("bare.git");
    git_in(r.dir.path(), &["clone", "-q", "--bare", "repo", "bare.git"]);
    let rules = r.rules();
    let out = keyhound()
        .args(["git", bare.to_str().unwrap(), "--rules", &rules, "-f", "json", "--no-progress"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(acme(&json_findings(&out)).len(), 2);

    let url = format!("file://{}", r.path().display());
    git_in(r.dir.path(), &["clone", "-q", "--depth", "1", &url, "shallow"]);
    let shallow = r.dir.path().join("shallow");
    let out = keyhound()
        .args(["git", shallow.to_str().unwrap(), "--rules", &rules, "-f", "json", "--no-progress"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(err.contains("shallow"), "says it is shallow: {err}");
    // Only the last commit's tree is present: both files are in it.
    assert_eq!(acme(&json_findings(&out)).len(), 2);
    let out = keyhound()
        .args(["git", shallow.to_str().unwrap(), "--range", &format!("{first}..HEAD"), "--rules", &rules])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("fetch"), "says how to fetch the base: {}", stderr(&out));
}

#[test]
fn sarif_carries_version_control_provenance() {
    let r = Repo::new();
    r.write("a.txt", &format!("k={T1}\n"));
    let id = r.commit("one", "Ann");
    r.git(&["remote", "add", "origin", "https://bot:hunter2@git.acme.test/team/app.git"]);
    let rules = r.rules();
    let out = keyhound()
        .args(["git", "--rules", &rules, "-f", "sarif", "--no-progress"])
        .current_dir(r.path())
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(run["versionControlProvenance"][0]["repositoryUri"], "https://git.acme.test/team/app.git");
    assert_eq!(run["versionControlProvenance"][0]["revisionId"], id.as_str());
    assert_eq!(run["results"][0]["properties"]["commit"], id.as_str());
    assert_eq!(run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "a.txt");
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(fixture("sarif-2.1.0.json")).unwrap()).unwrap();
    assert!(jsonschema::validator_for(&schema).unwrap().is_valid(&sarif));
}

#[test]
fn outside_a_repository_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = keyhound().args(["git", dir.path().to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not in a git repository"), "{}", stderr(&out));
}

#[test]
fn a_corrupt_object_is_named_and_the_rest_is_scanned() {
    let r = Repo::new();
    r.write("a.txt", &format!("k={T1}\n"));
    r.write("b.txt", "innocent\n");
    r.commit("one", "Ann");
    let blob = r.git(&["rev-parse", "HEAD:b.txt"]).trim().to_string();
    let object = r.path().join(".git/objects").join(&blob[..2]).join(&blob[2..]);
    overwrite(&object, b"not a zlib stream");

    let (code, findings, err) = r.scan(&[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains(&blob), "the corrupt object is named: {err}");
    assert_eq!(acme(&findings).len(), 1, "the other blob is still scanned");
}

#[test]
fn a_baseline_of_the_history_silences_old_secrets_only() {
    let r = Repo::new();
    r.write("a.txt", &format!("k={T1}\n"));
    r.commit("old", "Ann");
    let rules = r.rules();
    let out = keyhound()
        .args(["baseline", "git", "--rules", &rules, "--no-progress"])
        .current_dir(r.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stdout(&out).contains(T1), "a baseline holds hashes, never secrets");
    let baseline = r.dir.path().join("baseline.json");
    fs::write(&baseline, &out.stdout).unwrap();
    let baseline = baseline.to_string_lossy().into_owned();

    let (code, findings, _) = r.scan(&["--baseline", &baseline]);
    assert_eq!(code, Some(0), "{findings:#?}");
    r.write("b.txt", &format!("k={T2}\n"));
    r.commit("new", "Bob");
    let (code, findings, _) = r.scan(&["--baseline", &baseline]);
    assert_eq!(code, Some(1));
    assert_eq!(acme(&findings).len(), 1);
    assert_eq!(acme(&findings)[0]["path"], "b.txt");
}

/// A history of many versions of a few files: packed, it is mostly deltas.
fn edited_history(r: &Repo) -> Vec<String> {
    let mut commits = Vec::new();
    let filler: String = (0..200).map(|n| format!("line {n} of the service settings\n")).collect();
    for n in 0..60 {
        let secret = match n {
            10..=40 => format!("TOKEN={T1}\n"),
            _ => String::new(),
        };
        let late = if n >= 50 { format!("OTHER={T2}\n") } else { String::new() };
        r.write("settings.conf", &format!("# version {n}\n{filler}{secret}{late}"));
        r.write("notes.txt", &format!("{filler}note {n}\n"));
        commits.push(r.commit(&format!("edit {n}"), if n % 2 == 0 { "Ann" } else { "Bob" }));
    }
    commits
}

#[test]
fn packed_histories_give_the_same_findings_as_loose_objects() {
    let r = Repo::new();
    let commits = edited_history(&r);
    let (_, loose, _) = r.scan(&[]);
    let summary = |findings: &[serde_json::Value]| -> Vec<String> {
        acme(findings)
            .iter()
            .map(|f| format!("{} {} {} {}", f["commit"], f["path"], f["line"], f["fingerprint"]))
            .collect()
    };
    assert_eq!(summary(&loose).len(), 2, "{loose:#?}");
    assert_eq!(acme(&loose)[0]["commit"].as_str().unwrap().len(), 40);
    let expected = summary(&loose);
    assert!(expected.iter().any(|s| s.contains(&commits[10])) && expected.iter().any(|s| s.contains(&commits[50])));

    // Offset deltas (git's default), then deltas naming their base by id.
    for config in ["repack.useDeltaBaseOffset=true", "repack.useDeltaBaseOffset=false"] {
        r.git(&["-c", config, "repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=50"]);
        assert!(r.git(&["count-objects", "-v"]).contains("count: 0"), "everything is packed");
        let (code, packed, err) = r.scan(&[]);
        assert_eq!(code, Some(1), "{config}: {err}");
        assert_eq!(summary(&packed), expected, "{config}");
    }
}

#[test]
fn a_damaged_pack_is_named_and_the_rest_is_scanned() {
    let r = Repo::new();
    r.write("a.txt", &format!("k={T1}\n"));
    let innocent: String = (0..400).map(|n| format!("innocent line {n}\n")).collect();
    r.write("b.txt", &innocent);
    r.commit("one", "Ann");
    r.git(&["repack", "-a", "-d", "-q"]);
    let blob = r.git(&["rev-parse", "HEAD:b.txt"]).trim().to_string();
    let pack_dir = r.path().join(".git/objects/pack");
    let idx = fs::read_dir(&pack_dir).unwrap().flatten().map(|e| e.path()).find(|p| p.extension().unwrap() == "idx");
    let idx = idx.unwrap();
    let listing = r.git(&["verify-pack", "-v", idx.to_str().unwrap()]);
    let offset: usize =
        listing.lines().find(|l| l.starts_with(&blob)).unwrap().split_whitespace().nth(4).unwrap().parse().unwrap();
    let pack = idx.with_extension("pack");
    let mut bytes = fs::read(&pack).unwrap();
    // Garble the compressed data of b.txt, past its header.
    for b in &mut bytes[offset + 8..offset + 40] {
        *b ^= 0x5a;
    }
    overwrite(&pack, &bytes);

    let (code, findings, err) = r.scan(&[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains(&blob), "the damaged object is named: {err}");
    assert_eq!(acme(&findings).len(), 1, "the other blob is still scanned");
}

/// A merge of seven parents: every branch is walked and attributed, with
/// the commits loose and packed.
#[test]
fn an_octopus_merge_walks_every_parent() {
    let r = Repo::new();
    r.write("README.md", "base\n");
    r.commit("base", "Ann");
    let mut expected = Vec::new();
    for n in 0..6 {
        let branch = format!("b{n}");
        r.git(&["checkout", "-q", "-b", &branch, "main"]);
        let token = format!("acme_octopus{n}k3nw9bc4md6fh1jq");
        r.write(&format!("{branch}.txt"), &format!("k={token}\n"));
        expected.push((format!("{branch}.txt"), r.commit(&branch, "Bob")));
    }
    r.git(&["checkout", "-q", "main"]);
    r.write("main.txt", "main moved on\n");
    r.commit("main", "Ann");
    r.git(&[
        "-c",
        "user.name=M",
        "-c",
        "user.email=m@acme.test",
        "merge",
        "-q",
        "--no-edit",
        "b0",
        "b1",
        "b2",
        "b3",
        "b4",
        "b5",
    ]);
    let parents = r.git(&["rev-list", "--parents", "-n", "1", "HEAD"]);
    assert_eq!(parents.split_whitespace().count(), 8, "a merge of seven parents: {parents}");
    // Only the merge can reach the branches once they are gone.
    for n in 0..6 {
        r.git(&["branch", "-q", "-D", &format!("b{n}")]);
    }
    for packed in [false, true] {
        if packed {
            r.git(&["repack", "-a", "-d", "-f", "-q"]);
        }
        let (code, findings, err) = r.scan(&[]);
        assert_eq!(code, Some(1), "{err}");
        let mut seen: Vec<(String, String)> = acme(&findings)
            .iter()
            .map(|f| (f["path"].as_str().unwrap().to_string(), f["commit"].as_str().unwrap().to_string()))
            .collect();
        seen.sort();
        assert_eq!(seen, expected, "packed: {packed}");
    }
}

/// History and the index judge test files by their path in the repository:
/// a password made up in `tests/` is a fixture; the same in `app/` is not.
#[test]
fn history_and_staged_count_made_up_passwords_in_tests_as_fixtures() {
    let r = Repo::new();
    r.write("tests/test_db.py", "DB_PASSWORD = 'Tr0ub4dor&3xQ'\n");
    r.commit("tests", "Ann");
    let (code, findings, _) = r.scan(&[]);
    assert_eq!((code, findings.len()), (Some(0), 0), "{findings:#?}");
    let (_, findings, _) = r.scan(&["--include-test-fixtures"]);
    assert_eq!(findings.len(), 1, "{findings:#?}");

    r.write("app/db.py", "DB_PASSWORD = 'Tr0ub4dor&3xQ'\n");
    r.git(&["add", "app/db.py"]);
    let (code, findings, _) = r.scan(&["--staged"]);
    assert_eq!(code, Some(1));
    assert_eq!(findings.iter().map(|f| f["path"].as_str().unwrap()).collect::<Vec<_>>(), ["app/db.py"]);
}
