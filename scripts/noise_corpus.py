#!/usr/bin/env python3
"""The `sdk` noise corpus: well-known open-source trees that hold no live
secrets, of the three kinds the rules issue names, fetched from the package
registries this project may reach (Debian, PyPI, npm) at pinned versions:

  sdk/       AWS SDKs with their API models and docs: Go v1 and v2 (Debian),
             JavaScript v2 (npm), botocore (PyPI)
  compiler/  the gcc 12 and libstdc++ test suites, Go 1.19's sources and tests
  science/   numpy, scipy, pandas, scikit-learn (PyPI source distributions)

About 1.6 GB unpacked. Every alert a scanner raises here is noise a user
pays for; scripts/bench.py --only sdk counts them per tool.

The `sdk2` corpus holds more of the same kinds, from PyPI and npm only:
Google's, Azure's, Microsoft Graph's, Stripe's, Twilio's, OpenAI's,
Anthropic's, Kubernetes' and Slack's SDKs, aws-cdk-lib, GitHub's REST API
description (@octokit/openapi), and sympy, astropy, matplotlib, networkx,
statsmodels (about 1.5 GB).

The `compilers` corpus is two whole compiler source trees with their test
suites, as Debian ships their upstream tarballs: LLVM 14 (llvm, clang,
mlir, flang, lld, lldb, ...) and rustc 1.63 with its vendored crates
(about 1.9 GB).

    python3 scripts/noise_corpus.py [sdk|sdk2|compilers] [DEST]   # default target/bench/corpus-NAME
"""
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.parse
import urllib.request

DEBIAN = {
    "golang-github-aws-aws-sdk-go-v2-dev": "1.17.1-3",
    "golang-github-aws-aws-sdk-go-dev": "1.44.133-1",
    "gcc-12-source": "12.2.0-14+deb12u1",
    "golang-1.19-src": "1.19.8-2",
}
PYPI = {
    "botocore": ("1.44.18", "sdk"),
    "numpy": ("2.5.5", "science"),
    "scipy": ("1.18.1", "science"),
    "pandas": ("3.1.1", "science"),
    "scikit-learn": ("1.9.1", "science"),
}
NPM = {"aws-sdk": "2.1693.0"}

MORE_PYPI = {
    "google-api-python-client": "2.202.0",
    "azure-storage-blob": "12.31.1",
    "azure-mgmt-compute": "39.0.0",
    "msgraph-sdk": "1.65.0",
    "stripe": "16.1.0",
    "twilio": "9.13.0",
    "openai": "3.63.0",
    "anthropic": "2.17.0",
    "kubernetes": "37.0.2",
    "sympy": "1.14.0",
    "astropy": "8.0.2",
    "matplotlib": "3.11.2",
    "networkx": "3.7",
    "statsmodels": "0.15.0",
}
MORE_NPM = {
    "googleapis": "178.0.0",
    "@aws-sdk/client-s3": "3.1178.0",
    "aws-cdk-lib": "2.278.0",
    "@octokit/openapi": "23.0.2",
    "@octokit/openapi-types": "29.0.1",
    "@slack/web-api": "8.2.0",
    "@sentry/node": "11.12.0",
}

# Upstream source tarballs in Debian's pool, by exact file name.
DEBIAN_POOL = "http://deb.debian.org/debian/pool/main/"
COMPILER_TARBALLS = [
    "l/llvm-toolchain-14/llvm-toolchain-14_14.0.6.orig.tar.xz",
    "r/rustc/rustc_1.63.0+dfsg1.orig.tar.xz",
]


def run(cmd, cwd):
    """Runs cmd quietly (apt warns when it downloads as root); its errors
    are shown if it fails."""
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        raise subprocess.CalledProcessError(p.returncode, cmd)


def apt_download(package, version, into):
    """The pinned .deb, or the archive's current one if the pin is gone."""
    try:
        run(["apt-get", "download", f"{package}={version}"], into)
    except subprocess.CalledProcessError:
        print(f"  {package} {version} is no longer in the archive; taking the current version", file=sys.stderr)
        run(["apt-get", "download", package], into)
    return next(os.path.join(into, f) for f in os.listdir(into) if f.startswith(package + "_"))


def unpack_deb(deb, into):
    os.makedirs(into, exist_ok=True)
    run(["dpkg-deb", "-x", deb, into], into)


def pypi_sdist(name, version, into):
    index = f"https://pypi.org/pypi/{name}/json"
    with urllib.request.urlopen(index) as r:
        meta = json.load(r)
    files = meta["releases"].get(version)
    if not files:
        print(f"  {name} {version} is gone from the index; taking {meta['info']['version']}", file=sys.stderr)
        files = meta["urls"]
    url = urllib.parse.urljoin(index, next(u["url"] for u in files if u["packagetype"] == "sdist"))
    path = os.path.join(into, os.path.basename(url))
    with urllib.request.urlopen(url) as r, open(path, "wb") as out:
        shutil.copyfileobj(r, out)
    return path


def extract(archive, into, members=None):
    with tarfile.open(archive) as t:
        chosen = [m for m in t.getmembers() if members is None or any(s in m.name for s in members)]
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        t.extractall(into, members=chosen, **safe)


def npm_package(name, version, tmp, into):
    run(["npm", "pack", f"{name}@{version}", "--silent"], tmp)
    stem = name.lstrip("@").replace("/", "-")
    tgz = next(os.path.join(tmp, f) for f in os.listdir(tmp) if f.startswith(stem + "-") and f.endswith(".tgz"))
    extract(tgz, into)


def build_more(dest):
    """The sdk2 corpus: PyPI source distributions and npm packages."""
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest)
    with tempfile.TemporaryDirectory() as tmp:
        for name, version in MORE_PYPI.items():
            extract(pypi_sdist(name, version, tmp), os.path.join(dest, "pypi"))
        for name, version in MORE_NPM.items():
            npm_package(name, version, tmp, os.path.join(dest, "npm", name.lstrip("@").replace("/", "-")))
    open(dest + ".done", "w").close()
    return dest


def build_compilers(dest):
    """The compilers corpus: LLVM's and rustc's source tarballs, unpacked."""
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest)
    with tempfile.TemporaryDirectory() as tmp:
        for pool_path in COMPILER_TARBALLS:
            path = os.path.join(tmp, os.path.basename(pool_path))
            with urllib.request.urlopen(DEBIAN_POOL + pool_path) as r, open(path, "wb") as out:
                shutil.copyfileobj(r, out)
            extract(path, dest)
            os.remove(path)
    open(dest + ".done", "w").close()
    return dest


def build(dest):
    """Fetches and unpacks everything into dest (replaced if it exists)."""
    shutil.rmtree(dest, ignore_errors=True)
    for part in ("sdk", "compiler", "science"):
        os.makedirs(os.path.join(dest, part))
    with tempfile.TemporaryDirectory() as tmp:
        debs = {p: apt_download(p, v, tmp) for p, v in DEBIAN.items()}
        for package in ("golang-github-aws-aws-sdk-go-v2-dev", "golang-github-aws-aws-sdk-go-dev"):
            root = os.path.join(tmp, package)
            unpack_deb(debs[package], root)
            src = os.path.join(root, "usr/share/gocode/src/github.com/aws")
            for name in os.listdir(src):
                shutil.move(os.path.join(src, name), os.path.join(dest, "sdk", name))
        go = os.path.join(tmp, "go")
        unpack_deb(debs["golang-1.19-src"], go)
        shutil.move(os.path.join(go, "usr/share/go-1.19"), os.path.join(dest, "compiler", "go-1.19"))
        gcc = os.path.join(tmp, "gcc")
        unpack_deb(debs["gcc-12-source"], gcc)
        tarball = next(os.path.join(gcc, "usr/src/gcc-12", f) for f in os.listdir(os.path.join(gcc, "usr/src/gcc-12"))
                       if f.startswith("gcc-") and f.endswith(".tar.xz"))
        extract(tarball, os.path.join(dest, "compiler"), members=["/gcc/testsuite/", "/libstdc++-v3/testsuite/"])
        for name, (version, part) in PYPI.items():
            extract(pypi_sdist(name, version, tmp), os.path.join(dest, part))
        for name, version in NPM.items():
            npm_package(name, version, tmp, os.path.join(dest, "sdk", f"{name}-js"))
    open(dest + ".done", "w").close()
    return dest


BUILDERS = {"sdk": build, "sdk2": build_more, "compilers": build_compilers}

if __name__ == "__main__":
    name = sys.argv[1] if len(sys.argv) > 1 else "sdk"
    here = os.path.dirname(os.path.abspath(__file__))
    target = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "target", "bench", "corpus-" + name)
    print(BUILDERS[name](os.path.abspath(target)))
