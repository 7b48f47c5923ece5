#!/usr/bin/env python3
"""Git benchmark: a full-history scan side by side with the peers, and the
latency of a pre-commit scan (`keyhound git --staged`) on a large work tree.

    python3 scripts/bench_git.py [--commits 30000] [--runs 3]

History: scripts/make_history.py builds target/bench/history-N (a real-code
history of --commits commits with three planted tokens); keyhound,
betterleaks, kingfisher and gitleaks (from ../shared/peers/install.sh) scan
it in one run, first repacked as a clone would have it, then as fast-import
packed it. Staged: the `large` corpus of scripts/bench.py is committed
once into target/bench/worktree (tens of thousands of files), three files are
modified and staged, and `keyhound git --staged` is timed end to end.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import bench  # noqa: E402  (shared corpus and timing helpers)

REPO = bench.REPO
BENCH = bench.BENCH
PEERS = bench.PEERS


def history(commits):
    """The generated history as `git fast-import` packed it."""
    bare = os.path.join(BENCH, f"history-{commits}.git")
    work = os.path.join(BENCH, f"history-{commits}")
    if not os.path.isdir(work):
        shutil.rmtree(bare, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(REPO, "scripts", "make_history.py"),
                        "--commits", str(commits), "--out", bare], check=True)
        subprocess.run(["git", "clone", "-q", bare, work], check=True)
    return work


def repacked_history(commits):
    """The same history repacked by `git repack -adf`, as a clone from a
    server or a `git gc` leaves it: fast-import's own pack deltas poorly
    (72 MB against 16 MB here), which a real repository never keeps."""
    work = os.path.join(BENCH, f"history-{commits}-repacked")
    if not os.path.isdir(work):
        source = history(commits)
        subprocess.run(["git", "clone", "-q", "--no-local", source, work], check=True)
        subprocess.run(["git", "-C", work, "repack", "-a", "-d", "-f", "-q"], check=True)
    return work


def worktree():
    path = os.path.join(BENCH, "worktree")
    if not os.path.isdir(os.path.join(path, ".git")):
        shutil.rmtree(path, ignore_errors=True)
        shutil.copytree(bench.corpus("large"), path, copy_function=os.link)
        git = ["git", "-C", path, "-c", "user.name=bench", "-c", "user.email=bench@acme.test"]
        subprocess.run(git + ["init", "-q"], check=True)
        subprocess.run(git + ["add", "-A"], check=True)
        subprocess.run(git + ["commit", "-q", "-m", "corpus"], check=True)
    return path


def git_tools(keyhound, repo):
    peer = lambda name: os.path.join(PEERS, "bin", name)
    kf_env = dict(os.environ, KF_RULE_CACHE_DIR=os.path.join(PEERS, "cache", "kingfisher"))
    yield "keyhound", [keyhound, "git", repo, "--no-config", "--no-progress", "-f", "json"], None, (0, 1)
    if os.path.exists(peer("betterleaks")):
        yield "betterleaks", [peer("betterleaks"), "git", repo, "--no-banner", "-l", "error", "-o", "-"], None, (0, 1)
    if os.path.exists(peer("kingfisher")):
        yield "kingfisher", [peer("kingfisher"), "scan", repo, "--no-validate", "--no-update-check", "-q",
                             "-f", "json"], kf_env, (0, 200, 205)
    if os.path.exists(peer("gitleaks")):
        yield "gitleaks", [peer("gitleaks"), "git", repo, "--no-banner", "-l", "error", "-f", "json", "-r", "-"], None, (0, 1)


def bench_history(keyhound, repo, commits, runs):
    print(f"\n### full history: {commits} commits ({os.path.relpath(repo, REPO)})\n")
    print("| tool | median s | peak RSS MiB | runs | keyhound is |")
    print("|---|---:|---:|---:|---|")
    # One warm-up each, then the tools take turns run by run, so that a
    # drift in the machine's speed (seen here: a third, hour to hour) hits
    # every tool alike.
    tools = []
    for label, cmd, env, ok in git_tools(keyhound, repo):
        _, _, code = bench.timed(cmd, env)
        if code not in ok:
            print(f"| {label} | failed (exit {code}) | | | |")
        else:
            tools.append((label, cmd, env))
    samples = {label: [] for label, _, _ in tools}
    for _ in range(runs):
        for label, cmd, env in tools:
            samples[label].append(bench.timed(cmd, env))
    k = statistics.median(s[0] for s in samples.get("keyhound", [(0, 0, 0)]))
    for label, _, _ in tools:
        t = statistics.median(s[0] for s in samples[label])
        ratio = ""
        if label != "keyhound" and k > 0:
            ratio = f"{t / k:.1f}x faster" if t >= k else f"{k / t:.1f}x slower"
        print(f"| {label} | {t:.2f} | {max(s[1] for s in samples[label]):.0f} | {runs} | {ratio} |", flush=True)


def bench_staged(keyhound, runs):
    path = worktree()
    files = subprocess.run(["git", "-C", path, "ls-files"], capture_output=True, text=True).stdout.split("\n")
    for rel in files[100:103]:
        with open(os.path.join(path, rel), "a") as f:
            f.write("\n# edited for the staged benchmark\n")
        subprocess.run(["git", "-C", path, "add", rel], check=True)
    cmd = [keyhound, "git", "--staged", "--no-progress", "--no-config"]
    samples = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    n = len(files) - 1
    print(f"\n### staged: 3 files staged in a work tree of {n} files\n")
    print(f"keyhound git --staged: median {statistics.median(samples[1:]) * 1000:.0f} ms over {runs} runs")
    subprocess.run(["git", "-C", path, "reset", "-q", "--hard"], check=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--commits", type=int, default=30000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    keyhound = os.path.join(REPO, "target", "release", "keyhound")
    print(f"machine: {os.cpu_count()} cores; {time.strftime('%Y-%m-%d')}")
    bench_history(keyhound, repacked_history(args.commits), args.commits, args.runs)
    bench_history(keyhound, history(args.commits), args.commits, args.runs)
    bench_staged(keyhound, args.runs)


if __name__ == "__main__":
    sys.exit(main())
