#!/usr/bin/env python3
"""Builds a git repository with a long history out of real source code, for
the history benchmark (scripts/bench_git.py). No network needed.

    python3 scripts/make_history.py [--commits 30000] [--out target/bench/history.git]

The files of this machine's Python standard library (text only, under 16 KB)
are committed in many small commits through `git fast-import`: first each
file is added (a few per commit), then random files are edited (a line
replaced, lines appended) until --commits is reached. Authors and dates vary.
Three generated fake GitHub tokens are planted: one added then removed, one
kept for the rest of the history (one finding, attributed to its first
commit), one in a file that is later renamed. Deterministic (seeded).
"""
import argparse
import os
import random
import string
import subprocess
import sys
import sysconfig
import zlib

B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase


def github_token(rng):
    body = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(30))
    n, check = zlib.crc32(body.encode()), ""
    for _ in range(6):
        check = B62[n % 62] + check
        n //= 62
    return "ghp_" + body + check


def source_files(root, limit, max_size):
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in ("__pycache__", "site-packages", "test", "tests"))
        for f in sorted(filenames):
            p = os.path.join(dirpath, f)
            if f.endswith((".py", ".txt", ".rst", ".cfg", ".toml", ".json")) and os.path.getsize(p) < max_size:
                try:
                    text = open(p, "rb").read()
                except OSError:
                    continue
                if b"\0" not in text:
                    files.append((os.path.relpath(p, root), text))
        if len(files) >= limit:
            break
    return files[:limit]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--commits", type=int, default=30000)
    ap.add_argument("--out", default="target/bench/history.git")
    ap.add_argument("--max-file-size", type=int, default=16384,
                    help="largest source file taken (bytes); real projects have larger files than the default")
    args = ap.parse_args()
    rng = random.Random(20261122)
    files = source_files(sysconfig.get_paths()["stdlib"], 3000, args.max_file_size)
    contents = {path: text for path, text in files}
    paths = [p for p, _ in files]
    authors = [("Ada Lovelace", "ada@acme.test"), ("Alan Turing", "alan@acme.test"), ("Grace Hopper", "grace@acme.test"),
               ("Edsger Dijkstra", "edsger@acme.test"), ("Barbara Liskov", "barbara@acme.test")]
    tokens = [github_token(rng) for _ in range(3)]
    plants = {args.commits // 10: ("config/deploy.env", b"GITHUB_TOKEN=%s\n" % tokens[0].encode()),
              args.commits // 10 + 50: ("config/deploy.env", None),
              args.commits // 5: ("settings/prod.ini", b"[github]\ntoken = %s\n" % tokens[1].encode()),
              args.commits // 3: ("old/name.cfg", b"token: %s\n" % tokens[2].encode())}
    renames = {args.commits // 3 + 10: ("old/name.cfg", "new/name.cfg")}

    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", args.out], check=True)
    fi = subprocess.Popen(["git", "-C", args.out, "fast-import", "--quiet"], stdin=subprocess.PIPE)
    out = fi.stdin
    date = 1_500_000_000
    added = 0
    for i in range(1, args.commits + 1):
        name, email = rng.choice(authors)
        date += rng.randint(60, 7200)
        ops = []
        if added < len(paths):
            for _ in range(rng.randint(1, 3)):
                if added < len(paths):
                    ops.append(("M", paths[added], contents[paths[added]]))
                    added += 1
        else:
            p = rng.choice(paths)
            lines = contents[p].split(b"\n")
            k = rng.randrange(len(lines))
            lines[k] = lines[k] + b"  # edit %d" % i
            if rng.random() < 0.3:
                lines.append(b"# appended in commit %d" % i)
            contents[p] = b"\n".join(lines)
            ops.append(("M", p, contents[p]))
        if i in plants:
            path, data = plants[i]
            ops.append(("D", path, None) if data is None else ("M", path, data))
        if i in renames:
            old, new = renames[i]
            ops.append(("R", old, new))
        msg = b"commit %d: update %s" % (i, ops[0][1].encode())
        out.write(b"commit refs/heads/main\n")
        out.write(b"author %s <%s> %d +0000\n" % (name.encode(), email.encode(), date))
        out.write(b"committer %s <%s> %d +0000\n" % (name.encode(), email.encode(), date))
        out.write(b"data %d\n%s\n" % (len(msg), msg))
        for kind, path, data in ops:
            if kind == "M":
                out.write(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data))
            elif kind == "D":
                out.write(b"D %s\n" % path.encode())
            else:
                out.write(b"R %s %s\n" % (path.encode(), data.encode()))
        out.write(b"\n")
    out.close()
    if fi.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "-C", args.out, "gc", "-q", "--aggressive" if args.commits < 5000 else "--auto"], check=True)
    print(f"{args.out}: {args.commits} commits, {len(paths)} files; planted tokens end in "
          + ", ".join(t[-6:] for t in tokens))


if __name__ == "__main__":
    main()
