#!/usr/bin/env python3
"""Throughput benchmark: keyhound against ripgrep (the speed limit) and the
peer scanners, side by side in one run, on corpora of real source code that
any machine with Rust has.

    python3 scripts/bench.py                 # build --release, corpora, all tools
    python3 scripts/bench.py --runs 5 --only large
    PEERS=$HOME/peers python3 scripts/bench.py   # where ../shared/peers/install.sh put them

Corpora (hard links into target/bench/, so they cost no disk):
  small  the Python standard library of this machine (tens of MB)
  large  small + every crate source under ~/.cargo/registry/src + /usr/share/doc
         + /usr/include (hundreds of MB)
  xl     large + the Rust toolchain's HTML API docs + /usr/lib/python3 +
         /usr/share (about 1.5 GB; only with --only xl): a noise corpus
  sdk    AWS SDKs with their API models, the gcc and Go test suites, numpy,
         scipy, pandas and scikit-learn, fetched at pinned versions from
         Debian, PyPI and npm by scripts/noise_corpus.py (about 1.6 GB; only
         with --only sdk): the noise corpus closest to the rules issue's
  sdk2   more SDKs (Google, Azure, Microsoft Graph, Stripe, OpenAI, aws-cdk-lib,
         GitHub's API description...) and scientific Python, from PyPI and
         npm (about 1.5 GB; only with --only sdk2)
  compilers  LLVM 14's and rustc 1.63's whole source trees and test suites,
         from Debian's pool (about 1.9 GB; only with --only compilers)
On xl, sdk, sdk2 and compilers every tool's alerts are counted too (noise: neither tree holds
a live secret), and keyhound's are listed.
Files in __pycache__ and compiled objects are left out. Every tool scans the
same tree; keyhound runs with --no-ignore so it reads what the others read.

Each tool runs once untimed (to warm the page cache), then --runs times; the
median wall time, MB/s, peak RSS and the ratios are printed as a Markdown
table. Peers take minutes where keyhound takes a second, so a peer slower
than --slow seconds is run once. Targets: see README "Performance".
"""
import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
BENCH = os.path.join(REPO, "target", "bench")
PEERS = os.environ.get("PEERS", os.path.expanduser("~/peers"))
SKIP_DIRS = {"__pycache__", ".git"}
SKIP_EXT = (".pyc", ".pyo", ".so", ".o", ".a", ".rlib", ".whl", ".gz", ".zip")


def python_stdlib():
    import sysconfig
    return sysconfig.get_paths()["stdlib"]


def link_tree(src, dst):
    """Hard-links the files of `src` into `dst` (copies across filesystems)."""
    n = 0
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS and d != "site-packages"]
        rel = os.path.relpath(dirpath, src)
        for f in filenames:
            if f.endswith(SKIP_EXT):
                continue
            s = os.path.join(dirpath, f)
            if not os.path.isfile(s) or os.path.islink(s):
                continue
            d = os.path.join(dst, rel, f)
            os.makedirs(os.path.dirname(d), exist_ok=True)
            try:
                os.link(s, d)
            except OSError:
                try:
                    shutil.copyfile(s, d)
                except OSError:
                    continue
            n += 1
    return n


# Noise corpora: large, built on demand, benchmarked only with --only.
NOISE_ONLY = ("xl", "sdk", "sdk2", "compilers")


def corpus(name):
    path = os.path.join(BENCH, "corpus-" + name)
    stamp = path + ".done"
    if os.path.exists(stamp):
        return path
    if name in NOISE_ONLY[1:]:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import noise_corpus
        return noise_corpus.BUILDERS[name](path)
    shutil.rmtree(path, ignore_errors=True)
    sources = {"python": python_stdlib()}
    if name in ("large", "xl"):
        sources["crates"] = os.path.expanduser("~/.cargo/registry/src")
        sources["doc"] = "/usr/share/doc"
        sources["include"] = "/usr/include"
    if name == "xl":
        # The Rust toolchain's HTML API docs (an SDK's documentation), the
        # system's Python packages and /usr/share: about 1.5 GB in all.
        toolchains = sorted(glob.glob(os.path.expanduser("~/.rustup/toolchains/*/share/doc/rust")))
        if toolchains:
            sources["rust-doc"] = toolchains[0]
        sources["python-dist"] = "/usr/lib/python3"
        del sources["doc"]
        sources["share"] = "/usr/share"  # /usr/share/doc included
    for label, src in sources.items():
        if os.path.isdir(src):
            link_tree(src, os.path.join(path, label))
    open(stamp, "w").close()
    return path


def tree_size(path):
    total = files = 0
    for dirpath, _, filenames in os.walk(path):
        for f in filenames:
            try:
                total += os.path.getsize(os.path.join(dirpath, f))
                files += 1
            except OSError:
                pass
    return total, files


def timed(cmd, env=None):
    """Runs cmd; returns (seconds, peak RSS in MiB, exit code)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def tools(keyhound, root):
    # Reports go to standard output, which is discarded: gitleaks replaces a
    # `-r /dev/null` with a regular file, breaking /dev/null for the machine.
    peer = lambda name: os.path.join(PEERS, "bin", name)
    kf_env = dict(os.environ, KF_RULE_CACHE_DIR=os.path.join(PEERS, "cache", "kingfisher"))
    # --no-config: the corpora sit inside this repository, whose own
    # .keyhound.toml (fixtures allowlisted) must not apply to them.
    yield "keyhound", [keyhound, "scan", root, "--no-ignore", "--no-config", "--no-progress", "-f", "json"], None, (0, 1)
    if shutil.which("rg"):
        yield "ripgrep -i keywords", ["rg", "-uuu", "-c", "-i", "key|secret|token|passw|auth", root], None, (0, 1)
    if os.path.exists(peer("kingfisher")):
        yield "kingfisher", [peer("kingfisher"), "scan", root, "--git-history", "none", "--no-validate",
                             "--no-update-check", "-q", "-f", "json"], kf_env, (0, 200, 205)
    if os.path.exists(peer("betterleaks")):
        yield "betterleaks", [peer("betterleaks"), "fs", root, "--no-banner", "-l", "error", "-o", "-"], None, (0, 1)
    if os.path.exists(peer("gitleaks")):
        yield "gitleaks", [peer("gitleaks"), "dir", root, "--no-banner", "-l", "error", "-f", "json", "-r", "-"], None, (0, 1)


# Secret scanners installed as peers (../shared/peers/install.sh) bring
# their own test fixtures into ~/.cargo/registry: fake keys made to be found.
SCANNER_FIXTURES = ("ripsecrets-",)


def alerts(cmd, env):
    """The number of findings a tool reports (JSON array, {"findings": [...]}
    or JSON lines on standard output), or None if it cannot be read."""
    out = subprocess.run(cmd, capture_output=True, text=True, env=env).stdout
    try:
        report = json.loads(out) if out.strip() else []
    except json.JSONDecodeError:
        return len([line for line in out.splitlines() if line.startswith("{")]) or None
    if isinstance(report, dict):
        report = report.get("findings", [])
    return len(report) if isinstance(report, list) else None


def keyhound_alerts(keyhound, root):
    """keyhound's findings, grouped by where they come from."""
    out = subprocess.run([keyhound, "scan", root, "--no-ignore", "--no-config", "--no-progress", "-f", "jsonl"],
                         capture_output=True, text=True).stdout
    groups = {"secret scanners' own test fixtures": [], "private keys": [], "other": []}
    for line in out.splitlines():
        f = json.loads(line)
        if any(s in f["path"] for s in SCANNER_FIXTURES):
            groups["secret scanners' own test fixtures"].append(f)
        elif "private-key" in f["rule_id"]:
            groups["private keys"].append(f)
        else:
            groups["other"].append(f)
    return groups


def bench(name, keyhound, runs, slow):
    root = corpus(name)
    size, files = tree_size(root)
    mb = size / 1e6
    print(f"\n### corpus `{name}`: {files} files, {mb:.0f} MB ({root})\n")
    print("| tool | median s | MB/s | peak RSS MiB | runs | keyhound is |")
    print("|---|---:|---:|---:|---:|---|")
    results = {}
    for label, cmd, env, ok_codes in tools(keyhound, root):
        warm, rss, code = timed(cmd, env)
        if code not in ok_codes:
            print(f"| {label} | failed (exit {code}) | | | | |")
            continue
        n = 1 if warm > slow else runs
        samples = [timed(cmd, env) for _ in range(n)]
        t = statistics.median(s[0] for s in samples)
        peak = max(s[1] for s in samples)
        results[label] = t
        ratio = ""
        if label != "keyhound" and "keyhound" in results:
            k = results["keyhound"]
            ratio = f"{t / k:.1f}x faster" if t >= k else f"{k / t:.1f}x slower"
        print(f"| {label} | {t:.3f} | {mb / t:.0f} | {peak:.0f} | {n} | {ratio} |", flush=True)
    if name in NOISE_ONLY:
        print_alerts(name, keyhound, root)
    return results


def print_alerts(name, keyhound, root):
    """Noise: alerts on real code that holds no live secret, per tool, and
    keyhound's own alerts listed by origin. Kingfisher reports each distinct
    secret once (its default deduplication); the others, keyhound included,
    report every place a secret occurs, so keyhound's distinct secrets per
    file are counted too."""
    print("\n| tool | alerts |\n|---|---:|")
    for label, cmd, env, _ in tools(keyhound, root):
        if not label.startswith("ripgrep"):
            print(f"| {label} | {alerts(cmd, env)} |", flush=True)
    groups = keyhound_alerts(keyhound, root)
    found = [f for g in groups.values() for f in g]
    distinct = len({(f["path"], f["rule_id"], f["fingerprint"]) for f in found})
    print(f"\nkeyhound's {len(found)} alerts on `{name}` ({distinct} distinct secrets per file), by origin:")
    for origin, found in groups.items():
        print(f"- {origin}: {len(found)}")
        if origin != "secret scanners' own test fixtures":
            for f in found:
                print(f"  - {f['rule_id']} {os.path.relpath(f['path'], root)}:{f['line']}")


def bench_redact(keyhound, runs):
    """`keyhound redact` on a log of real text with few secrets: MB/s on one
    core (redact is single-threaded) and peak memory, which must stay flat."""
    log = os.path.join(BENCH, "redact.log")
    if not os.path.exists(log):
        texts = []
        for dirpath, _, filenames in os.walk(corpus("small")):
            for f in sorted(filenames):
                if f.endswith((".py", ".txt", ".rst")):
                    texts.append(open(os.path.join(dirpath, f), "rb").read())
        with open(log, "wb") as out:
            for _ in range(5):
                out.write(b"".join(texts))
    size = os.path.getsize(log) / 1e6
    # Peak memory from GNU time: the fork of this (large) Python process would
    # otherwise count towards the child's high-water mark.
    samples = []
    for _ in range(runs + 1):
        with open(log, "rb") as stdin:
            start = time.perf_counter()
            p = subprocess.run(["/usr/bin/time", "-f", "%M", keyhound, "redact", "--no-config"], stdin=stdin,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            rss = int(p.stderr.strip().splitlines()[-1]) / 1024
            samples.append((time.perf_counter() - start, rss))
    t = statistics.median(s[0] for s in samples[1:])
    print(f"\n### redact: {size:.0f} MB log\n")
    print(f"keyhound redact: {t:.2f} s, {size / t:.0f} MB/s on one core, peak RSS {max(s[1] for s in samples):.0f} MiB")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--slow", type=float, default=10.0, help="run tools slower than this (s) once")
    ap.add_argument("--only", choices=["small", "large", *NOISE_ONLY])
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    keyhound = os.path.join(REPO, "target", "release", "keyhound")
    print(f"machine: {os.cpu_count()} cores; {time.strftime('%Y-%m-%d')}")
    for name in ["small", "large", *NOISE_ONLY]:
        if args.only == name or (args.only is None and name not in NOISE_ONLY):
            bench(name, keyhound, args.runs, args.slow)
    if args.only is None:
        bench_redact(keyhound, args.runs)


if __name__ == "__main__":
    sys.exit(main())
