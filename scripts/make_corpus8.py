#!/usr/bin/env python3
"""Deterministic generator for fixtures/corpus8.

corpus8 is an independent recall/precision corpus for the secrets scanner.  It
lays out seven small but realistic projects (Python ML, Node/TS web shop, Go
service, Spring billing API, infrastructure repo, personal dotfiles, AI-agent
lab) and plants randomly generated FAKE credentials that only mimic each
provider's documented format.  Nothing here is a real credential.

Outputs (the directory is wiped and rewritten on every run):
  fixtures/corpus8/<project>/...     the corpus files
  fixtures/corpus8/expected.jsonl    {"path", "line", "provider"} per planted secret line
  fixtures/corpus8/lookalikes.jsonl  checksummed-format tokens with a WRONG checksum

Every line that is not listed in expected.jsonl is meant to be a negative.
Line numbers are computed from the written content, never hand-counted.

Usage: python3 scripts/make_corpus8.py [--verify-only]
Standard library only.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import struct
import sys
import textwrap
import uuid
import zlib
from pathlib import Path
import random

SEED = 0x8C0A9508
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "corpus8"

R = random.Random(SEED)

DIG = "0123456789"
UP = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LO = "abcdefghijklmnopqrstuvwxyz"
B62 = DIG + UP + LO  # GitHub checksum alphabet order
LET = UP + LO
HEX = "0123456789abcdef"
URLS = B62 + "-_"
B64C = B62 + "+/"
LOWNUM = LO + DIG
UPNUM = UP + DIG
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
PWCH = B62 + "!#*+-_=^."
URLPW = B62 + "-_.~"

BAD = ("test", "example", "xxxx", "1234", "dummy", "fake", "sample")


def ok(s: str) -> bool:
    low = s.lower()
    return not any(b in low for b in BAD)


def rs(n, alpha=B62):
    return "".join(R.choice(alpha) for _ in range(n))


def hx(n):
    return rs(n, HEX)


def dg(n):
    return R.choice("123456789") + rs(n - 1, DIG)


def clean(fn):
    """Regenerate until the value contains no placeholder-like word."""

    def wrapper(*a, **k):
        for _ in range(10000):
            v = fn(*a, **k)
            if ok(v):
                return v
        raise RuntimeError("could not generate clean value")

    wrapper.__name__ = fn.__name__
    return wrapper


def b64(data) -> str:
    if isinstance(data, str):
        data = data.encode()
    return base64.b64encode(data).decode()


def b64url(data) -> str:
    if isinstance(data, str):
        data = data.encode()
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def rbytes(n) -> bytes:
    return bytes(R.getrandbits(8) for _ in range(n))


def uid() -> str:
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


def sha40():
    return hx(40)


def b62enc(n: int, width: int = 6) -> str:
    s = ""
    while n:
        n, r = divmod(n, 62)
        s = B62[r] + s
    return s.rjust(width, "0")


def crc_tail(body: str) -> str:
    return b62enc(zlib.crc32(body.encode()) & 0xFFFFFFFF)


def wrap(s, n=64):
    return "\n".join(s[i:i + n] for i in range(0, len(s), n))


def ir(text: str, n: int) -> str:
    """Indent every line but the first by n spaces (for template insertion)."""
    pad = " " * n
    return text.replace("\n", "\n" + pad)


# --------------------------------------------------------------------------
# Registries
# --------------------------------------------------------------------------

PLANTS: list[dict] = []
LOOKS: list[dict] = []
FILES: dict[str, str] = {}


def P(provider: str, value: str, anchor: str | None = None, start: str | None = None) -> str:
    """Register a planted secret.  Every occurrence of `anchor` (default: the
    value) anywhere in the corpus is labelled; `start` names a marker searched
    backwards from the anchor (multi-line keys: the BEGIN line)."""
    if not ok(value):
        raise ValueError(f"placeholder-like word in planted value: {value[:40]}")
    a = anchor or value
    if len(a) < 10:
        raise ValueError(f"anchor too short: {a}")
    PLANTS.append({"provider": provider, "value": value, "anchor": a, "start": start})
    return value


def LK(provider: str, value: str) -> str:
    LOOKS.append({"provider": provider, "value": value, "anchor": value, "start": None})
    return value


def W(path: str, text: str):
    if path in FILES:
        raise ValueError(f"duplicate file {path}")
    if not text.endswith("\n"):
        text += "\n"
    FILES[path] = text


def T(text: str, **kw) -> str:
    t = textwrap.dedent(text)
    if t.startswith("\n"):
        t = t[1:]
    for k, v in kw.items():
        key = "@@" + k + "@@"
        if key not in t:
            raise KeyError(f"template has no {key}")
        t = t.replace(key, str(v))
    left = re.findall(r"@@[A-Za-z0-9_]+@@", t)
    if left:
        raise KeyError(f"unfilled template slots {left}")
    return t


def WJ(path: str, obj, indent=2):
    W(path, json.dumps(obj, indent=indent, ensure_ascii=False))


# --------------------------------------------------------------------------
# Jupyter helpers
# --------------------------------------------------------------------------

def _lines(src: str):
    src = textwrap.dedent(src).strip("\n")
    parts = src.split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]


def _olines(text: str):
    parts = text.rstrip("\n").split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]


_EXEC = [0]


def code(src, outputs=None, n=None):
    if n is None:
        _EXEC[0] += 1
        n = _EXEC[0]
    outs = []
    for o in outputs or []:
        if o[0] == "stream":
            outs.append({"name": o[2] if len(o) > 2 else "stdout", "output_type": "stream", "text": _olines(o[1])})
        elif o[0] == "result":
            outs.append({"data": {"text/plain": _olines(o[1])}, "execution_count": n, "metadata": {},
                         "output_type": "execute_result"})
        elif o[0] == "png":
            outs.append({"data": {"image/png": o[1], "text/plain": ["<Figure size 640x480 with 1 Axes>"]},
                         "metadata": {}, "output_type": "display_data"})
        elif o[0] == "error":
            outs.append({"ename": o[1], "evalue": o[2], "output_type": "error", "traceback": o[3]})
        else:
            raise ValueError(o)
    return {"cell_type": "code", "execution_count": n, "id": hx(8), "metadata": {}, "outputs": outs,
            "source": _lines(src)}


def md(src):
    return {"cell_type": "markdown", "id": hx(8), "metadata": {}, "source": _lines(src)}


def notebook(path, cells, kernel="python3"):
    _EXEC[0] = 0
    nb = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": kernel},
            "language_info": {"codemirror_mode": {"name": "ipython", "version": 3}, "file_extension": ".py",
                              "mimetype": "text/x-python", "name": "python", "nbconvert_exporter": "python",
                              "pygments_lexer": "ipython3", "version": "3.11.7"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    W(path, json.dumps(nb, indent=1, ensure_ascii=False))


def fake_png():
    return b64(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rbytes(700))


# --------------------------------------------------------------------------
# Provider-format generators (all random, all fake)
# --------------------------------------------------------------------------

@clean
def gh(prefix="ghp_"):
    body = rs(30)
    return prefix + body + crc_tail(body)


@clean
def gh_bad(prefix="ghp_"):
    body = rs(30)
    good = crc_tail(body)
    while True:
        tail = rs(6)
        if tail != good:
            return prefix + body + tail


@clean
def npm_tok():
    body = rs(30)
    return "npm_" + body + crc_tail(body)


@clean
def npm_bad():
    body = rs(30)
    good = crc_tail(body)
    while True:
        tail = rs(6)
        if tail != good:
            return "npm_" + body + tail


@clean
def github_pat():
    return "github_pat_11" + rs(20, UPNUM) + "_" + rs(59)


@clean
def openai_legacy():
    return "sk-" + rs(20) + "T3BlbkFJ" + rs(20)


@clean
def openai_new(kind="proj"):
    return f"sk-{kind}-" + rs(74, URLS) + "T3BlbkFJ" + rs(74, URLS)


@clean
def anthropic(kind="api03"):
    return f"sk-ant-{kind}-" + rs(93, URLS) + "AA"


@clean
def google_key():
    return "AIzaSy" + rs(33, URLS)


@clean
def hf():
    return "hf_" + rs(34, LET)


@clean
def hf_org():
    return "api_org_" + rs(34, LET)


@clean
def groq():
    return "gsk_" + rs(52)


@clean
def xai():
    return "xai-" + rs(80)


@clean
def replicate():
    return "r8_" + rs(37)


@clean
def pplx():
    return "pplx-" + rs(48)


@clean
def openrouter():
    return "sk-or-v1-" + hx(64)


@clean
def langsmith(kind="pt"):
    return f"lsv2_{kind}_" + hx(32) + "_" + hx(10)


@clean
def pinecone():
    return "pcsk_" + rs(6) + "_" + rs(63)


@clean
def mistral():
    return rs(32)


@clean
def cohere():
    return rs(40)


@clean
def deepseek():
    return "sk-" + hx(32)


@clean
def together_hex():
    return hx(64)


@clean
def together_v1():
    return "tgp_v1_" + rs(43, URLS)


@clean
def fireworks():
    return "fw_" + rs(24)


@clean
def azure_openai():
    return hx(32)


@clean
def bedrock():
    inner = "BedrockAPIKey-" + rs(4, LOWNUM) + "-at-" + dg(12) + ":" + rs(40, B64C)
    return "ABSK" + b64(inner)


@clean
def wandb():
    return hx(40)


@clean
def elevenlabs():
    return "sk_" + hx(48)


@clean
def tavily(dev=False):
    return ("tvly-dev-" if dev else "tvly-") + rs(32)


@clean
def firecrawl():
    return "fc-" + hx(32)


@clean
def jina():
    return "jina_" + hx(32) + rs(28)


@clean
def voyage():
    return "pa-" + rs(43, URLS)


@clean
def langfuse_sk():
    return "sk-lf-" + uid()


@clean
def langfuse_pk():
    return "pk-lf-" + uid()


@clean
def helicone():
    return "sk-helicone-" + "-".join(rs(7, LOWNUM) for _ in range(4))


@clean
def e2b():
    return "e2b_" + hx(40)


@clean
def aws_id(prefix="AKIA"):
    return prefix + rs(16, B32)


@clean
def aws_secret():
    return rs(40, B64C)


@clean
def aws_session():
    return "IQoJb3JpZ2luX2VjE" + rs(340, B64C) + "=="


@clean
def azure_storage_key():
    return b64(rbytes(64))


@clean
def azure_ad_secret():
    return rs(3, B62) + R.choice(DIG) + "Q~" + rs(34, B62 + "_~.-")


@clean
def do_token(kind="dop"):
    return f"{kind}_v1_" + hx(64)


@clean
def do_spaces_id():
    return "DO00" + rs(16, UPNUM)


@clean
def do_spaces_secret():
    return rs(43, B64C)


@clean
def alibaba_id():
    return "LTAI5t" + rs(18)


@clean
def alibaba_secret():
    return rs(30)


@clean
def cloudflare_token():
    return rs(40, URLS)


@clean
def cloudflare_global():
    return hx(37)


@clean
def heroku_new():
    return "HRKU-AA" + rs(58, URLS)


@clean
def fly():
    return "FlyV1 fm2_lJPECAAAAAAAA" + rs(190, B64C) + ",fm2_lJPETm" + rs(150, B64C)


@clean
def vercel():
    return rs(24)


@clean
def netlify():
    return "nfp_" + rs(36)


@clean
def tfc():
    return rs(14) + ".atlasv1." + rs(67)


@clean
def vault_tok():
    return "hvs.CAESI" + rs(86, URLS)


@clean
def vault_short():
    return "hvs." + rs(24)


@clean
def doppler(kind="st"):
    if kind == "st":
        return "dp.st.prd." + rs(40)
    return "dp.pt." + rs(43)


@clean
def databricks():
    return "dapi" + hx(32)


@clean
def glpat():
    return "glpat-" + rs(20, URLS)


@clean
def gl_runner():
    return "glrt-" + rs(20, URLS)


@clean
def gl_deploy():
    return "gldt-" + rs(20, URLS)


@clean
def bitbucket():
    return "ATBB" + rs(28) + hx(8).upper()


@clean
def atlassian():
    return "ATATT3xFfGF0" + rs(170, URLS) + "=" + hx(8).upper()


@clean
def pypi_tok():
    return "pypi-AgEIcHlwaS5vcmcCJ" + rs(150, URLS)


@clean
def rubygems():
    return "rubygems_" + hx(48)


@clean
def nuget():
    return "oy2" + rs(43, LOWNUM)


@clean
def dockerhub():
    return "dckr_pat_" + rs(27, URLS)


@clean
def crates():
    return "cio" + rs(32)


@clean
def jfrog_api():
    return "AKCp8" + rs(68)


@clean
def jfrog_ref():
    return "cmVmdGtuOjAxOjE3" + rs(48)


@clean
def sonar():
    return "sqp_" + hx(40)


@clean
def stripe(kind="sk"):
    return f"{kind}_live_51" + rs(97)


@clean
def stripe_whsec():
    return "whsec_" + rs(32)


@clean
def square_access():
    return "EAAA" + rs(60, URLS)


@clean
def square_secret():
    return "sq0csp-" + rs(43, URLS)


@clean
def braintree():
    return "access_token$production$" + rs(16, LOWNUM) + "$" + hx(32)


@clean
def paypal_secret():
    return "E" + rs(79, URLS)


@clean
def shopify(kind="pat"):
    return f"shp{kind}_" + hx(32)


@clean
def slack_bot():
    return "xoxb-" + dg(11) + "-" + dg(13) + "-" + rs(24)


@clean
def slack_user():
    return "xoxp-" + dg(11) + "-" + dg(11) + "-" + dg(13) + "-" + hx(32)


@clean
def slack_app():
    return "xapp-1-A" + rs(10, UPNUM) + "-" + dg(13) + "-" + hx(64)


@clean
def slack_hook():
    return "https://hooks.slack.com/services/T" + rs(8, UPNUM) + "/B" + rs(10, UPNUM) + "/" + rs(24)


@clean
def discord_bot():
    return b64url(dg(18)) + "." + rs(6, URLS) + "." + rs(38, URLS)


@clean
def discord_hook():
    return "https://discord.com/api/webhooks/" + dg(19) + "/" + rs(68, URLS)


@clean
def telegram():
    return dg(10) + ":AA" + rs(33, URLS)


@clean
def twilio_sid():
    return "AC" + hx(32)


@clean
def twilio_token():
    return hx(32)


@clean
def twilio_key():
    return "SK" + hx(32)


@clean
def sendgrid():
    return "SG." + rs(22, URLS) + "." + rs(43, URLS)


@clean
def mailgun_legacy():
    return "key-" + hx(32)


@clean
def mailgun_new():
    return hx(32) + "-" + hx(8) + "-" + hx(8)


@clean
def mailchimp():
    return hx(32) + "-us" + str(R.randint(2, 21))


@clean
def linear():
    return "lin_api_" + rs(40)


@clean
def notion_legacy():
    return "secret_" + rs(43)


@clean
def notion_new():
    return "ntn_" + dg(11) + rs(35)


@clean
def postman():
    return "PMAK-" + hx(24) + "-" + hx(34)


@clean
def nr_user():
    return "NRAK-" + rs(27, UPNUM)


@clean
def nr_license():
    return hx(36) + "NRAL"


@clean
def sentry_org():
    payload = {"iat": R.randint(1700000000, 1720000000) + 0.5 * R.random(), "url": "https://sentry.io",
               "region_url": "https://us.sentry.io", "org": "acme-shop"}
    return "sntrys_" + b64url(json.dumps(payload, separators=(",", ":"))) + "_" + rs(43, URLS)


@clean
def sentry_user():
    return "sntryu_" + hx(64)


@clean
def grafana_sa():
    return "glsa_" + rs(32) + "_" + hx(8)


@clean
def grafana_cloud():
    inner = {"o": dg(6), "n": "stack-" + dg(6) + "-hm-read", "k": rs(24), "m": {"r": "prod-us-east-0"}}
    return "glc_" + b64(json.dumps(inner, separators=(",", ":")))


@clean
def pagerduty():
    return rs(20, URLS)


@clean
def okta():
    return "00" + rs(40, URLS)


@clean
def auth0_secret():
    return rs(64, URLS)


@clean
def figma():
    return "figd_" + rs(40, URLS)


@clean
def supabase():
    return "sbp_" + hx(40)


@clean
def brave():
    return "BSA" + rs(28, URLS)


@clean
def google_refresh():
    return "1//0" + rs(99, URLS)


@clean
def google_access():
    return "ya29.a0" + rs(160, URLS)


@clean
def google_client_secret():
    return "GOCSPX-" + rs(28, URLS)


@clean
def b2_key_id():
    return "005" + hx(22)


@clean
def b2_app_key():
    return "K005" + rs(27, B62 + "/+")


@clean
def kaggle():
    return hx(32)


@clean
def opsgenie():
    return uid()


@clean
def jwt(alg="HS256", payload=None, sig=43):
    head = b64url(json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":")))
    body = b64url(json.dumps(payload, separators=(",", ":")))
    return head + "." + body + "." + rs(sig, URLS)


@clean
def pw(n=20):
    while True:
        s = R.choice(LET) + rs(n - 1, PWCH)
        if any(c.isdigit() for c in s) and any(c.isupper() for c in s) and any(c.islower() for c in s):
            return s


@clean
def upw(n=24):
    while True:
        s = R.choice(LET) + rs(n - 1, URLPW)
        if any(c.isdigit() for c in s) and any(c.isupper() for c in s) and any(c.islower() for c in s):
            return s


@clean
def b64secret(n=32):
    return b64(rbytes(n))


@clean
def hexsecret(n=64):
    return hx(n)


@clean
def django_key():
    return rs(50, LO + DIG + "!@#%^&*(-_=+)")


# ---- password hashes ----

CRYPT = "./" + DIG + UP + LO


@clean
def sha512crypt():
    return "$6$" + rs(16, CRYPT) + "$" + rs(86, CRYPT)


@clean
def yescrypt():
    return "$y$j9T$" + rs(22, CRYPT) + "$" + rs(43, CRYPT)


@clean
def bcrypt_hash():
    return "$2y$10$" + rs(53, CRYPT)


@clean
def apr1():
    return "$apr1$" + rs(8, CRYPT) + "$" + rs(22, CRYPT)


# ---- private keys ----

def _pem(label, der, width=64):
    return f"-----BEGIN {label}-----\n" + wrap(b64(der), width) + f"\n-----END {label}-----"


@clean
def rsa_pem():
    der = bytes.fromhex("308204a40201000282010100") + rbytes(1180)
    return _pem("RSA PRIVATE KEY", der)


@clean
def ec_pem():
    der = (bytes.fromhex("30770201010420") + rbytes(32) + bytes.fromhex("a00a06082a8648ce3d030107a144034200")
           + b"\x04" + rbytes(64))
    return _pem("EC PRIVATE KEY", der)


@clean
def pkcs8_pem():
    der = bytes.fromhex("308204bd020100300d06092a864886f70d0101010500048204a7308204a30201000282010100") + rbytes(1164)
    return _pem("PRIVATE KEY", der)


def _sshstr(b):
    if isinstance(b, str):
        b = b.encode()
    return struct.pack(">I", len(b)) + b


@clean
def openssh_ed25519(comment="dev@laptop"):
    pk = rbytes(32)
    sk = rbytes(32) + pk
    pub = _sshstr("ssh-ed25519") + _sshstr(pk)
    chk = rbytes(4)
    priv = chk + chk + _sshstr("ssh-ed25519") + _sshstr(pk) + _sshstr(sk) + _sshstr(comment)
    i = 1
    while len(priv) % 8:
        priv += bytes([i])
        i += 1
    blob = (b"openssh-key-v1\x00" + _sshstr("none") + _sshstr("none") + _sshstr(b"") + struct.pack(">I", 1)
            + _sshstr(pub) + _sshstr(priv))
    return _pem("OPENSSH PRIVATE KEY", blob, 70)


def ssh_pub(comment="dev@laptop"):
    pk = rbytes(32)
    return "ssh-ed25519 " + b64(_sshstr("ssh-ed25519") + _sshstr(pk)) + " " + comment


def ssh_rsa_pub(comment):
    return "ssh-rsa " + b64(_sshstr("ssh-rsa") + _sshstr(b"\x01\x00\x01") + _sshstr(b"\x00" + rbytes(256))) + " " + comment


def cert_pem():
    der = bytes.fromhex("308203") + rbytes(2) + bytes.fromhex("308202") + rbytes(700)
    return _pem("CERTIFICATE", der)


def pubkey_pem():
    der = bytes.fromhex("30820122300d06092a864886f70d01010105000382010f003082010a0282010100") + rbytes(256) + bytes.fromhex("0203010001")
    return _pem("PUBLIC KEY", der)


def putty_key():
    while True:
        k, priv = _putty_once()
        if ok(k):
            return k, priv


def _putty_once():
    pk = rbytes(32)
    pub = b64(_sshstr("ssh-ed25519") + _sshstr(pk))
    priv = b64(_sshstr(rbytes(32)))
    lines = ["PuTTY-User-Key-File-3: ssh-ed25519", "Encryption: none", "Comment: eddsa-key-20240311",
             "Public-Lines: 2"] + [pub[i:i + 64] for i in range(0, len(pub), 64)] + ["Private-Lines: 1", priv,
                                                                                    "Private-MAC: " + hx(64)]
    return "\n".join(lines), priv


@clean
def age_key():
    return "AGE-SECRET-KEY-1" + rs(58, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L")


def age_pub():
    return "age1" + rs(58, "qpzry9x8gf2tvdw0s3jn54khce6mua7l")


def plant_pem(provider, pem):
    """Register a PEM block; anchor is its first body line, line is the BEGIN line."""
    return P(provider, pem, anchor=pem.split("\n")[1], start="-----BEGIN")


def plant_b64(provider, raw_fn):
    """Plant base64(raw) where neither raw nor encoded contains placeholder words."""
    for _ in range(1000):
        raw = raw_fn()
        enc = b64(raw)
        if ok(enc) and ok(raw):
            return raw, P(provider, enc)
    raise RuntimeError


# --------------------------------------------------------------------------
# Lock-file / hash negatives
# --------------------------------------------------------------------------

def sri512():
    return "sha512-" + b64(rbytes(64))


def sri1():
    return "sha1-" + b64(rbytes(20))


def h1():
    return "h1:" + b64(rbytes(32))


def ver():
    return f"{R.randint(0, 9)}.{R.randint(0, 30)}.{R.randint(0, 20)}"


NPM_PKGS = ["react", "react-dom", "next", "stripe", "zod", "openai", "@anthropic-ai/sdk", "nodemailer", "mongodb",
            "ioredis", "jose", "lodash", "date-fns", "clsx", "tailwindcss", "postcss", "autoprefixer", "typescript",
            "eslint", "prettier", "@types/node", "@types/react", "scheduler", "loose-envify", "js-tokens",
            "picocolors", "nanoid", "source-map-js", "caniuse-lite", "styled-jsx", "@swc/helpers", "tslib",
            "busboy", "streamsearch", "graceful-fs", "semver", "uuid", "ms", "debug", "qs"]


def package_lock(name, pkgs):
    packages = {"": {"name": name, "version": "0.1.0", "dependencies": {p: "^" + ver() for p in pkgs[:8]},
                     "devDependencies": {p: "^" + ver() for p in pkgs[17:21]}}}
    for p in pkgs:
        v = ver()
        base = p.split("/")[-1]
        packages["node_modules/" + p] = {
            "version": v,
            "resolved": f"https://registry.npmjs.org/{p}/-/{base}-{v}.tgz",
            "integrity": sri512(),
            "license": R.choice(["MIT", "ISC", "Apache-2.0", "BSD-3-Clause"]),
        }
        if R.random() < 0.3:
            packages["node_modules/" + p]["dev"] = True
    return json.dumps({"name": name, "version": "0.1.0", "lockfileVersion": 3, "requires": True,
                       "packages": packages}, indent=2)


def yarn_lock(pkgs):
    out = ["# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.", "# yarn lockfile v1", ""]
    for p in pkgs:
        v = ver()
        base = p.split("/")[-1]
        out += [f'"{p}@^{v}":', f'  version "{v}"',
                f'  resolved "https://registry.yarnpkg.com/{p}/-/{base}-{v}.tgz#{hx(40)}"',
                f"  integrity {sri512()}", ""]
    return "\n".join(out)


def pnpm_lock(pkgs):
    out = ["lockfileVersion: '9.0'", "", "settings:", "  autoInstallPeers: true", "  excludeLinksFromLockfile: false",
           "", "importers:", "", "  .:", "    dependencies:"]
    vers = {p: ver() for p in pkgs}
    for p in pkgs[:10]:
        q = f"'{p}'" if p.startswith("@") else p
        out += [f"      {q}:", f"        specifier: ^{vers[p]}", f"        version: {vers[p]}"]
    out += ["", "packages:", ""]
    for p in pkgs:
        out += [f"  '{p}@{vers[p]}':", f"    resolution: {{integrity: {sri512()}}}",
                f"    engines: {{node: '>=18'}}", ""]
    out += ["snapshots:", ""]
    for p in pkgs:
        out += [f"  '{p}@{vers[p]}': {{}}", ""]
    return "\n".join(out)


PY_PKGS = ["numpy", "pandas", "scikit-learn", "torch", "transformers", "datasets", "huggingface-hub", "openai",
           "anthropic", "pydantic", "pydantic-settings", "boto3", "botocore", "s3transfer", "sqlalchemy",
           "psycopg2-binary", "wandb", "tqdm", "requests", "urllib3", "certifi", "idna", "charset-normalizer",
           "pyyaml", "python-dotenv", "snowflake-connector-python", "pinecone", "cohere", "httpx", "anyio"]


def poetry_lock(pkgs):
    out = ["# This file is automatically @generated by Poetry 1.8.3 and should not be changed by hand.", ""]
    for p in pkgs:
        v = ver()
        nm = p.replace("-", "_")
        out += ["[[package]]", f'name = "{p}"', f'version = "{v}"', f'description = "{p} library"',
                "optional = false", 'python-versions = ">=3.9"', "files = [",
                f'    {{file = "{nm}-{v}-py3-none-any.whl", hash = "sha256:{hx(64)}"}},',
                f'    {{file = "{nm}-{v}.tar.gz", hash = "sha256:{hx(64)}"}},', "]", ""]
    out += ["[metadata]", 'lock-version = "2.0"', 'python-versions = "^3.11"', f'content-hash = "{hx(64)}"']
    return "\n".join(out)


def cargo_lock(pkgs):
    out = ["# This file is automatically @generated by Cargo.", "# It is not intended for manual editing.",
           "version = 3", ""]
    for p in pkgs:
        out += ["[[package]]", f'name = "{p}"', f'version = "{ver()}"',
                'source = "registry+https://github.com/rust-lang/crates.io-index"', f'checksum = "{hx(64)}"', ""]
    return "\n".join(out)


def go_sum(mods):
    out = []
    for m in mods:
        v = "v" + ver()
        out.append(f"{m} {v} {h1()}")
        out.append(f"{m} {v}/go.mod {h1()}")
    return "\n".join(out)


def gemfile_lock(gems):
    vers = {g: ver() for g in gems}
    out = ["GEM", "  remote: https://rubygems.org/", "  specs:"]
    for g in gems:
        out.append(f"    {g} ({vers[g]})")
    out += ["", "PLATFORMS", "  arm64-darwin-23", "  x86_64-linux", "", "DEPENDENCIES"]
    for g in gems[:4]:
        out.append(f"  {g}")
    out += ["", "CHECKSUMS"]
    for g in gems:
        out.append(f"  {g} ({vers[g]}) sha256={hx(64)}")
    out += ["", "BUNDLED WITH", "   2.5.11"]
    return "\n".join(out)


def tf_lock(providers):
    out = ["# This file is maintained automatically by \"terraform init\".", "# Manual edits may be lost in future updates.", ""]
    for p in providers:
        out += [f'provider "registry.terraform.io/{p}" {{', f'  version     = "{ver()}"', '  constraints = "~> 5.0"',
                "  hashes = [", f'    "{h1()}",'] + [f'    "zh:{hx(64)}",' for _ in range(5)] + ["  ]", "}", ""]
    return "\n".join(out)


# ==========================================================================
# Project 1: ml-forecast (Python ML / data project)
# ==========================================================================

def proj_ml():
    b = "ml-forecast/"
    oa = P("openai", openai_new("proj"))
    ant = P("anthropic", anthropic())
    hft = P("huggingface", hf())
    wb = P("wandb", wandb())
    akid, asec = P("aws", aws_id()), P("aws", aws_secret())
    pgpw = P("postgres", upw(22))
    pc = P("pinecone", pinecone())
    co = P("cohere", cohere())
    mi = P("mistral", mistral())
    W(b + ".env", T(r"""
        # local dev settings for the forecasting pipeline
        APP_ENV=development
        LOG_LEVEL=info
        OPENAI_API_KEY=@@oa@@
        OPENAI_ORG_ID=org-@@org@@
        ANTHROPIC_API_KEY=@@ant@@
        HF_TOKEN=@@hft@@
        HF_HOME=/data/hf-cache
        WANDB_API_KEY=@@wb@@
        WANDB_PROJECT=demand-forecast
        AWS_ACCESS_KEY_ID=@@akid@@
        AWS_SECRET_ACCESS_KEY=@@asec@@
        AWS_DEFAULT_REGION=eu-west-1
        S3_BUCKET=acme-forecast-artifacts
        DATABASE_URL=postgresql://forecast:@@pgpw@@@warehouse.internal.acme.io:5432/forecast
        PINECONE_API_KEY=@@pc@@
        PINECONE_INDEX=sku-embeddings
        COHERE_API_KEY=@@co@@
        MISTRAL_API_KEY=@@mi@@
        MLFLOW_TRACKING_URI=http://mlflow.internal.acme.io:5000
        RUN_ID=@@runid@@
    """, oa=oa, org=rs(24), ant=ant, hft=hft, wb=wb, akid=akid, asec=asec, pgpw=pgpw, pc=pc, co=co, mi=mi,
                       runid=uid()))

    W(b + ".env.example", T(r"""
        # Copy to .env and fill in. Never commit the real file.
        APP_ENV=development
        OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
        ANTHROPIC_API_KEY=sk-ant-api03-...
        HF_TOKEN=hf_your_token_here
        WANDB_API_KEY=<your-wandb-api-key>
        AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
        AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
        DATABASE_URL=postgresql://user:password@localhost:5432/forecast
        PINECONE_API_KEY=
        COHERE_API_KEY=changeme
        MISTRAL_API_KEY=${MISTRAL_API_KEY}
    """))

    oa_old = P("openai", openai_legacy())
    W(b + "src/forecast/config.py", T(r'''
        """Runtime configuration for the forecasting pipeline."""
        from __future__ import annotations

        import os
        from functools import lru_cache

        from pydantic import Field, SecretStr
        from pydantic_settings import BaseSettings, SettingsConfigDict


        class Settings(BaseSettings):
            model_config = SettingsConfigDict(env_file=".env", extra="ignore")

            openai_api_key: SecretStr = Field(default=SecretStr(""), alias="OPENAI_API_KEY")
            # openai_api_key: str = "@@oa_old@@"  # TODO remove before pushing
            anthropic_api_key: SecretStr | None = None
            hf_token: str | None = Field(default=None, alias="HF_TOKEN")
            wandb_api_key: str = os.environ.get("WANDB_API_KEY", "")
            database_url: str = "postgresql://localhost:5432/forecast"
            password_min_length: int = 12
            token_ttl_seconds: int = 3600
            secret_backend: str = "aws-secretsmanager"


        @lru_cache
        def get_settings() -> Settings:
            return Settings()


        def api_key_for(provider: str) -> str:
            key = os.environ[f"{provider.upper()}_API_KEY"]
            if not key or key.startswith("sk-xxxx"):
                raise RuntimeError(f"missing api key for {provider}")
            return key
    ''', oa_old=oa_old))

    ant2 = anthropic()
    p1, p2 = ant2[:58], ant2[58:]
    P("anthropic", ant2, anchor=p1)
    W(b + "src/forecast/llm.py", T(r'''
        """LLM helpers used to write the weekly forecast commentary."""
        import anthropic

        from .auth import get_token
        from .config import get_settings

        # Fallback for the nightly batch box, which has no .env file.
        _NIGHTLY_KEY = (
            "@@p1@@"
            "@@p2@@"
        )

        MODEL = "claude-3-5-sonnet-20241022"


        def client() -> anthropic.Anthropic:
            s = get_settings()
            key = s.anthropic_api_key.get_secret_value() if s.anthropic_api_key else _NIGHTLY_KEY
            return anthropic.Anthropic(api_key=key)


        def commentary(summary: str) -> str:
            token = get_token()
            headers = {"Authorization": f"Bearer {token}", "X-Request-Source": "forecast"}
            msg = client().messages.create(
                model=MODEL,
                max_tokens=800,
                messages=[{"role": "user", "content": f"Summarise this forecast:\n{summary}"}],
                extra_headers=headers,
            )
            return msg.content[0].text
    ''', p1=p1, p2=p2))

    W(b + "src/forecast/auth.py", T(r'''
        import os
        import time

        import requests

        TOKEN_URL = "https://auth.internal.acme.io/oauth2/token"
        _cache: dict[str, tuple[str, float]] = {}


        def get_token(scope: str = "forecast.read") -> str:
            """Client-credentials flow; secrets come from the environment."""
            tok, exp = _cache.get(scope, ("", 0.0))
            if tok and exp > time.time() + 30:
                return tok
            resp = requests.post(
                TOKEN_URL,
                data={"grant_type": "client_credentials", "scope": scope},
                auth=(os.environ["FORECAST_CLIENT_ID"], os.environ["FORECAST_CLIENT_SECRET"]),
                timeout=10,
            )
            resp.raise_for_status()
            body = resp.json()
            access_token = body["access_token"]
            _cache[scope] = (access_token, time.time() + body.get("expires_in", 300))
            return access_token
    '''))

    sfpw = P("snowflake", pw(18))
    etlpw = P("postgres", upw(20))
    W(b + "src/forecast/data/warehouse.py", T(r'''
        """Warehouse access: Snowflake for history, Postgres replica for live orders."""
        import pandas as pd
        import snowflake.connector
        from sqlalchemy import create_engine, text

        SNOWFLAKE = dict(
            account="hq48213.eu-west-1",
            user="FORECAST_SVC",
            password="@@sfpw@@",
            warehouse="FORECAST_WH",
            database="ANALYTICS",
            schema="PUBLIC",
            role="FORECAST_RW",
        )

        ENGINE = create_engine(
            "postgresql+psycopg2://etl_writer:@@etlpw@@@pg-replica.internal.acme.io:5432/forecast",
            pool_pre_ping=True,
        )


        def snowflake_conn():
            return snowflake.connector.connect(**SNOWFLAKE)


        def read_sql(query: str, params: dict | None = None) -> pd.DataFrame:
            with ENGINE.connect() as conn:
                return pd.read_sql(text(query), conn, params=params or {})
    ''', sfpw=sfpw, etlpw=etlpw))

    akid2, asec2 = P("aws", aws_id()), P("aws", aws_secret())
    W(b + "src/forecast/data/s3_sync.py", T(r'''
        import pathlib

        import boto3

        BUCKET = "acme-forecast-artifacts"

        # temporary: the ECS task role is broken, hard-coding the ml-bot user for now
        s3 = boto3.client(
            "s3",
            aws_access_key_id="@@akid@@",
            aws_secret_access_key="@@asec@@",
            region_name="eu-west-1",
        )


        def upload_dir(local: pathlib.Path, prefix: str) -> int:
            n = 0
            for f in local.rglob("*"):
                if f.is_file():
                    s3.upload_file(str(f), BUCKET, f"{prefix}/{f.relative_to(local)}")
                    n += 1
            return n
    ''', akid=akid2, asec=asec2))

    tg, fw, ds = P("together", together_hex()), P("fireworks", fireworks()), P("deepseek", deepseek())
    W(b + "src/forecast/providers.py", T(r'''
        """OpenAI-compatible endpoints we benchmark the commentary prompt against."""
        import os

        TOGETHER_API_KEY = "@@tg@@"

        PROVIDERS = {
            "together": {"base_url": "https://api.together.xyz/v1", "api_key": TOGETHER_API_KEY},
            "fireworks": {"base_url": "https://api.fireworks.ai/inference/v1", "api_key": "@@fw@@"},
            "deepseek": {"base_url": "https://api.deepseek.com", "api_key": "@@ds@@"},
            "groq": {"base_url": "https://api.groq.com/openai/v1", "api_key": os.getenv("GROQ_API_KEY")},
            "local": {"base_url": "http://localhost:11434/v1", "api_key": "ollama"},
        }

        DEFAULT_MODELS = {
            "together": "meta-llama/Llama-3.3-70B-Instruct-Turbo",
            "fireworks": "accounts/fireworks/models/llama-v3p1-70b-instruct",
            "deepseek": "deepseek-chat",
        }
    ''', tg=tg, fw=fw, ds=ds))

    W(b + "src/forecast/features.py", T(r'''
        import hashlib
        import uuid

        import numpy as np
        import pandas as pd

        # fingerprint of the feature schema; bump when columns change
        SCHEMA_FINGERPRINT = "@@fp@@"
        NAMESPACE = uuid.UUID("@@ns@@")


        def sku_key(sku: str) -> str:
            return str(uuid.uuid5(NAMESPACE, sku))


        def add_calendar(df: pd.DataFrame) -> pd.DataFrame:
            df = df.copy()
            df["dow"] = df["date"].dt.dayofweek
            df["week"] = df["date"].dt.isocalendar().week.astype(int)
            df["is_month_end"] = df["date"].dt.is_month_end
            return df


        def row_hash(row) -> str:
            return hashlib.sha256(repr(tuple(row)).encode()).hexdigest()


        def lags(s: pd.Series, ks=(1, 7, 28)) -> pd.DataFrame:
            return pd.concat({f"lag_{k}": s.shift(k) for k in ks}, axis=1).astype(np.float32)
    ''', fp=hx(64), ns=uid()))


    hforg = P("huggingface", hf_org())
    W(b + "configs/train.yaml", T(r"""
        seed: 42
        model:
          base: meta-llama/Llama-3.1-8B-Instruct
          revision: @@rev@@
          lora:
            r: 16
            alpha: 32
            dropout: 0.05
        training:
          learning_rate: 2.0e-4
          epochs: 3
          per_device_train_batch_size: 8
          gradient_accumulation_steps: 4
          warmup_ratio: 0.03
        data:
          train: s3://acme-forecast-artifacts/datasets/v7/train.parquet
          eval: s3://acme-forecast-artifacts/datasets/v7/eval.parquet
          dataset_sha256: @@dsha@@
        hub:
          push: true
          repo_id: acme/forecast-llama-lora
          hub_token: @@hforg@@
        tracking:
          wandb_entity: acme-ml
          wandb_api_key: ${oc.env:WANDB_API_KEY}
          tags: [v7, lora, nightly]
    """, rev=sha40(), dsha=hx(64), hforg=hforg))

    mpw = P("postgres", upw(24))
    W(b + "alembic.ini", T(r"""
        [alembic]
        script_location = migrations
        prepend_sys_path = .
        version_path_separator = os
        sqlalchemy.url = postgresql://forecast_migrator:@@mpw@@@warehouse.internal.acme.io:5432/forecast

        [post_write_hooks]
        hooks = black
        black.type = console_scripts
        black.entrypoint = black

        [loggers]
        keys = root,sqlalchemy,alembic

        [handlers]
        keys = console

        [formatters]
        keys = generic

        [logger_root]
        level = WARN
        handlers = console

        [logger_sqlalchemy]
        level = WARN
        handlers =
        qualname = sqlalchemy.engine

        [logger_alembic]
        level = INFO
        handlers =
        qualname = alembic

        [handler_console]
        class = StreamHandler
        args = (sys.stderr,)
        level = NOTSET
        formatter = generic

        [formatter_generic]
        format = %(levelname)-5.5s [%(name)s] %(message)s
    """, mpw=mpw))

    akid3, asec3 = P("aws", aws_id()), P("aws", aws_secret())
    W(b + ".dvc/config", T(r"""
        [core]
            remote = storage
            autostage = true
        ['remote "storage"']
            url = s3://acme-forecast-dvc/cache
            region = eu-west-1
            access_key_id = @@akid@@
            secret_access_key = @@asec@@
        ['remote "gdrive-backup"']
            url = gdrive://1Qm@@fid@@
            gdrive_use_service_account = false
    """, akid=akid3, asec=asec3, fid=rs(30, URLS)))

    afpw = P("generic", pw(22))
    W(b + "dags/ingest_dag.py", T(r'''
        from datetime import datetime, timedelta

        from airflow import DAG
        from airflow.models import Connection, Variable
        from airflow.operators.python import PythonOperator

        warehouse_conn = Connection(
            conn_id="warehouse",
            conn_type="postgres",
            host="warehouse.internal.acme.io",
            login="airflow",
            password="@@afpw@@",
            port=5432,
        )

        SLACK_WEBHOOK = Variable.get("slack_webhook_url")
        api_token = Variable.get("forecast_api_token", default_var=None)


        def _ingest(**ctx):
            from forecast.data.warehouse import read_sql
            df = read_sql("select * from orders where created_at >= :d", {"d": ctx["ds"]})
            df.to_parquet(f"/tmp/orders_{ctx['ds_nodash']}.parquet")


        with DAG(
            "forecast_ingest",
            start_date=datetime(2024, 1, 1),
            schedule="0 2 * * *",
            catchup=False,
            default_args={"retries": 2, "retry_delay": timedelta(minutes=5)},
        ) as dag:
            PythonOperator(task_id="ingest", python_callable=_ingest)
    ''', afpw=afpw))

    hft3, r8b = P("huggingface", hf()), P("replicate", replicate())
    W(b + "scripts/push_to_hub.sh", T(r"""
        #!/usr/bin/env bash
        # Push the LoRA adapter to the Hub and the merged model to Replicate.
        set -euo pipefail
        MODEL_DIR=${1:-outputs/lora}

        huggingface-cli login --token @@hft3@@ --add-to-git-credential
        huggingface-cli upload acme/forecast-llama-lora "$MODEL_DIR" .

        export REPLICATE_API_TOKEN="@@r8b@@"
        cog push r8.im/acme/forecast-llama

        # token=$(cat ~/.cache/huggingface/token)
        echo "pushed $(git rev-parse --short HEAD)"
    """, hft3=hft3, r8b=r8b))

    nxpw = P("http-basic-auth", upw(20))
    req = [f"--extra-index-url https://ml-bot:{nxpw}@nexus.acme.io/repository/pypi-internal/simple", ""]
    for p in PY_PKGS[:14]:
        req += [f"{p}=={ver()} \\", f"    --hash=sha256:{hx(64)} \\", f"    --hash=sha256:{hx(64)}"]
    W(b + "requirements.txt", "\n".join(req))

    oa3 = P("openai", openai_new("svcacct"))
    rid = uid()
    W(b + "logs/train-2024-05-14.log", T(r"""
        2024-05-14 02:00:01,112 INFO forecast.pipeline Starting nightly run run_id=@@rid@@ git_sha=@@sha@@
        2024-05-14 02:00:01,117 INFO forecast.pipeline Loaded config configs/train.yaml (seed=42, epochs=3)
        2024-05-14 02:00:01,398 DEBUG forecast.llm request url=https://api.openai.com/v1/chat/completions headers={'Authorization': 'Bearer @@oa3@@', 'Content-Type': 'application/json'}
        2024-05-14 02:00:03,901 WARNING urllib3.connectionpool Retrying (Retry(total=2, connect=None, read=None, redirect=None, status=None)) after connection broken by 'ReadTimeoutError'
        2024-05-14 02:00:09,552 ERROR forecast.data.warehouse could not connect to replica
        Traceback (most recent call last):
          File "/app/src/forecast/data/warehouse.py", line 31, in read_sql
            with ENGINE.connect() as conn:
          File "/usr/local/lib/python3.11/site-packages/sqlalchemy/engine/base.py", line 3278, in connect
            return self._connection_cls(self)
        sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "pg-replica.internal.acme.io" (10.20.3.14), port 5432 failed: timeout expired

        (Background on this error at: https://sqlalche.me/e/20/e3q8)
        2024-05-14 02:00:09,553 ERROR forecast.pipeline engine url was postgresql+psycopg2://etl_writer:@@etlpw@@@pg-replica.internal.acme.io:5432/forecast
        2024-05-14 02:00:10,001 INFO wandb: Currently logged in as: ml-bot (acme-ml). Use `wandb login --relogin` to force relogin
        2024-05-14 02:00:10,221 INFO wandb: Tracking run with wandb version 0.17.0
        2024-05-14 02:00:10,222 INFO wandb: Run data is saved locally in /app/wandb/run-20240514_020010-3kq9zt1m
        2024-05-14 02:00:10,310 INFO forecast.pipeline api_key=*** token=<redacted> password=********
        2024-05-14 02:41:55,870 INFO forecast.pipeline finished run_id=@@rid@@ mape=0.1183 rows=1843209
    """, rid=rid, sha=sha40(), oa3=oa3, etlpw=etlpw))

    wb4 = P("wandb", wandb())
    W(b + "Dockerfile", T(r"""
        FROM python:3.11-slim@sha256:@@dig@@
        ARG HF_TOKEN
        ENV PYTHONDONTWRITEBYTECODE=1 \
            PYTHONUNBUFFERED=1 \
            WANDB_API_KEY=@@wb4@@ \
            WANDB_MODE=online
        WORKDIR /app
        COPY requirements.txt .
        RUN pip install --no-cache-dir -r requirements.txt
        COPY src/ src/
        RUN --mount=type=secret,id=hf_token HF_TOKEN=$(cat /run/secrets/hf_token) python -m forecast.download
        CMD ["python", "-m", "forecast.pipeline"]
    """, dig=hx(64), wb4=wb4))

    miniopw = P("generic", pw(24))
    W(b + "docker-compose.yml", T(r"""
        services:
          postgres:
            image: postgres:16
            environment:
              POSTGRES_USER: forecast
              POSTGRES_PASSWORD: @@pgpw@@
              POSTGRES_DB: forecast
            ports: ["5432:5432"]
          minio:
            image: minio/minio:RELEASE.2024-05-10T01-41-38Z
            command: server /data --console-address ":9001"
            environment:
              MINIO_ROOT_USER: forecast-admin
              MINIO_ROOT_PASSWORD: "@@miniopw@@"
          mlflow:
            image: ghcr.io/mlflow/mlflow:v2.13.0
            command: >
              mlflow server --host 0.0.0.0
              --backend-store-uri postgresql://forecast:${POSTGRES_PASSWORD}@postgres:5432/mlflow
              --artifacts-destination s3://mlflow
            environment:
              AWS_ACCESS_KEY_ID: forecast-admin
              AWS_SECRET_ACCESS_KEY: ${MINIO_ROOT_PASSWORD}
              MLFLOW_S3_ENDPOINT_URL: http://minio:9000
    """, pgpw=pgpw, miniopw=miniopw))

    W(b + ".github/workflows/train.yml", T(r"""
        name: nightly-train
        on:
          schedule:
            - cron: "0 2 * * *"
          workflow_dispatch: {}
        permissions:
          id-token: write
          contents: read
        jobs:
          train:
            runs-on: [self-hosted, gpu]
            env:
              HF_TOKEN: ${{ secrets.HF_TOKEN }}
              WANDB_API_KEY: ${{ secrets.WANDB_API_KEY }}
              OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}
            steps:
              - uses: actions/checkout@@@sha1@@ # v4.1.6
              - uses: aws-actions/configure-aws-credentials@@@sha2@@ # v4
                with:
                  role-to-assume: arn:aws:iam::381492066157:role/forecast-gha
                  aws-region: eu-west-1
              - uses: actions/setup-python@@@sha3@@ # v5
                with:
                  python-version: "3.11"
              - run: pip install -r requirements.txt
              - run: python -m forecast.pipeline --config configs/train.yaml
    """, sha1=sha40(), sha2=sha40(), sha3=sha40()))

    W(b + "docs/setup.md", T(r"""
        # Setup

        1. Copy `.env.example` to `.env`.
        2. Ask in #ml-platform for the shared OpenAI key (it looks like `sk-proj-...` and
           ends in something like `...aB3d`; the one in 1Password is `sk-proj-****************************Qz9w`).
        3. Create a Hugging Face token with *write* scope (`hf_...`) and run `huggingface-cli login`.
        4. `export WANDB_API_KEY=<40 hex chars from https://wandb.ai/authorize>`

        AWS access uses SSO. If you must use static keys for local MinIO, the docs example pair is
        `AKIAIOSFODNN7EXAMPLE` / `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`.

        The warehouse password is rotated monthly and lives in AWS Secrets Manager under
        `forecast/warehouse` -- never paste it here. Connection format:

            postgresql://forecast:<password>@warehouse.internal.acme.io:5432/forecast

        Tokens in logs are masked as `Bearer sk-...abcd`. If you see a full key in a log, rotate it.
    """))

    W(b + "tests/conftest.py", T(r'''
        import pytest


        @pytest.fixture(autouse=True)
        def _env(monkeypatch):
            monkeypatch.setenv("OPENAI_API_KEY", "sk-dummy")
            monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test")
            monkeypatch.setenv("HF_TOKEN", "hf_xxx")
            monkeypatch.setenv("DATABASE_URL", "sqlite:///:memory:")
            monkeypatch.setenv("WANDB_MODE", "disabled")
            monkeypatch.setenv("FORECAST_CLIENT_SECRET", "not-a-real-secret")


        @pytest.fixture
        def password():
            return "hunter2"
    '''))

    sfpw2, oa4 = P("snowflake", pw(20)), P("openai", openai_new("proj"))
    cookie, gcs = P("generic", hexsecret(64)), P("google-oauth", google_client_secret())
    W(b + ".streamlit/secrets.toml", T(r"""
        [connections.snowflake]
        account = "hq48213.eu-west-1"
        user = "STREAMLIT_RO"
        password = "@@sfpw2@@"
        warehouse = "REPORTING_WH"
        role = "REPORTING"

        [openai]
        api_key = "@@oa4@@"
        model = "gpt-4o-mini"

        [auth]
        redirect_uri = "https://forecast.acme.io/oauth2callback"
        cookie_secret = "@@cookie@@"
        client_id = "@@cid@@-@@cid2@@.apps.googleusercontent.com"
        client_secret = "@@gcs@@"
        server_metadata_url = "https://accounts.google.com/.well-known/openid-configuration"
    """, sfpw2=sfpw2, oa4=oa4, cookie=cookie, cid=dg(12), cid2=rs(32, LOWNUM), gcs=gcs))

    WJ(b + ".kaggle/kaggle.json", {"username": "acmemlbot", "key": P("kaggle", kaggle())})

    W(b + "pyproject.toml", T(r"""
        [tool.poetry]
        name = "forecast"
        version = "0.8.3"
        description = "Weekly demand forecasting"
        authors = ["ML Platform <ml-platform@acme.io>"]
        packages = [{ include = "forecast", from = "src" }]

        [tool.poetry.dependencies]
        python = "^3.11"
        pandas = "^2.2"
        torch = { version = "2.3.0", source = "pytorch" }
        transformers = "4.41.2"
        openai = "^1.30"
        anthropic = "^0.28"
        snowflake-connector-python = "^3.10"

        [[tool.poetry.source]]
        name = "pytorch"
        url = "https://download.pytorch.org/whl/cu121"
        priority = "explicit"

        [[tool.poetry.source]]
        name = "internal"
        url = "https://nexus.acme.io/repository/pypi-internal/simple"
        priority = "supplemental"

        [tool.ruff]
        line-length = 110
    """))
    W(b + "poetry.lock", poetry_lock(PY_PKGS))

    # ---- notebooks ----
    oa5 = P("openai", openai_legacy())
    wb2 = P("wandb", wandb())
    cfg_out = ("{'seed': 42,\n 'model': {'base': 'meta-llama/Llama-3.1-8B-Instruct',\n  'lora': {'r': 16, 'alpha': 32, 'dropout': 0.05}},\n"
               " 'hub': {'push': True,\n  'repo_id': 'acme/forecast-llama-lora',\n  'hub_token': '" + hforg + "'},\n"
               " 'tracking': {'wandb_entity': 'acme-ml', 'tags': ['v7', 'lora', 'nightly']}}")
    table = "       sku_id                                store  units\n"
    for i in range(5):
        table += f"{i}  {uid()}  store-{R.randint(10, 99)}  {R.randint(0, 400)}\n"
    notebook(b + "notebooks/01_explore.ipynb", [
        md("# Demand forecast - exploration\n\nQuick look at the v7 dataset before the nightly fine-tune."),
        code("""
            import os
            import yaml
            import pandas as pd
            import matplotlib.pyplot as plt
        """),
        code(f"""
            os.environ["OPENAI_API_KEY"] = "{oa5}"
            os.environ["WANDB_API_KEY"] = "{wb2}"
        """),
        code("""
            cfg = yaml.safe_load(open("../configs/train.yaml"))
            cfg
        """, [("result", cfg_out)]),
        code("""
            df = pd.read_parquet("s3://acme-forecast-artifacts/datasets/v7/train.parquet")
            df[["sku_id", "store", "units"]].head()
        """, [("result", table)]),
        code("""
            df.groupby("date")["units"].sum().plot(figsize=(10, 4))
            plt.title("units per day")
        """, [("result", "Text(0.5, 1.0, 'units per day')"), ("png", fake_png())]),
        code("""
            !aws s3 ls s3://acme-forecast-artifacts/datasets/ --profile forecast
        """, [("stream", "                           PRE v5/\n                           PRE v6/\n                           PRE v7/\n2024-05-01 09:12:44       1843 MANIFEST.json")]),
    ])

    hft2, wb3, r8 = P("huggingface", hf()), P("wandb", wandb()), P("replicate", replicate())
    notebook(b + "notebooks/02_finetune_llama.ipynb", [
        md("## LoRA fine-tune on v7\nRuns on the A100 box. Log in first."),
        code(f"""
            from huggingface_hub import login
            login(token="{hft2}")
        """, [("stream", "Token is valid (permission: write).\nYour token has been saved to /root/.cache/huggingface/token\nLogin successful", "stderr")]),
        code(f"""
            !wandb login {wb3}
        """, [("stream", "wandb: Appending key for api.wandb.ai to your netrc file: /root/.netrc", "stderr")]),
        code(f"""
            %env REPLICATE_API_TOKEN={r8}
        """, [("stream", f"env: REPLICATE_API_TOKEN={r8}")]),
        code("""
            from transformers import TrainingArguments
            args = TrainingArguments(
                output_dir="outputs/lora",
                learning_rate=2e-4,
                num_train_epochs=3,
                push_to_hub=True,
                hub_token=os.environ["HF_TOKEN"],
                report_to="wandb",
            )
        """),
        code("""
            trainer.train()
        """, [("stream", f"wandb: Tracking run with wandb version 0.17.0\nwandb: Syncing run lora-v7-{rs(8, LOWNUM)}\n"
                         f"wandb:  View run at https://wandb.ai/acme-ml/demand-forecast/runs/{rs(8, LOWNUM)}\n"
                         "{'loss': 1.9821, 'grad_norm': 0.412, 'learning_rate': 0.0002, 'epoch': 0.05}\n"
                         "{'loss': 1.4410, 'grad_norm': 0.388, 'learning_rate': 0.000196, 'epoch': 0.1}", "stderr")]),
    ])

    pc2, co2, vo, jn = P("pinecone", pinecone()), P("cohere", cohere()), P("voyage", voyage()), P("jina", jina())
    masked = "sk-proj-" + "*" * 40 + rs(4)
    notebook(b + "notebooks/03_rag_eval.ipynb", [
        md("# RAG eval for the forecast assistant"),
        code(f"""
            from pinecone import Pinecone
            import cohere, voyageai

            pc = Pinecone(api_key="{pc2}")
            co = cohere.Client("{co2}")
            vo = voyageai.Client(api_key="{vo}")
            index = pc.Index("sku-embeddings")
        """),
        code(f"""
            embed_cfg = dict(provider="jina", model="jina-embeddings-v3", jina_api_key="{jn}", dim=1024)
            print(embed_cfg)
        """, [("stream", f"{{'provider': 'jina', 'model': 'jina-embeddings-v3', 'jina_api_key': '{jn}', 'dim': 1024}}")]),
        code("""
            from openai import OpenAI
            client = OpenAI(api_key=os.environ.get("OPENAI_API_KEY_OLD"))
            client.models.list()
        """, [("error", "AuthenticationError",
               f"Error code: 401 - {{'error': {{'message': 'Incorrect API key provided: {masked}. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}}}",
               ["\u001b[0;31m---------------------------------------------------------------------------\u001b[0m",
                "\u001b[0;31mAuthenticationError\u001b[0m                       Traceback (most recent call last)",
                "Cell \u001b[0;32mIn[3], line 3\u001b[0m\n\u001b[1;32m      1\u001b[0m \u001b[38;5;28;01mfrom\u001b[39;00m \u001b[38;5;21;01mopenai\u001b[39;00m \u001b[38;5;28;01mimport\u001b[39;00m OpenAI\n",
                f"\u001b[0;31mAuthenticationError\u001b[0m: Error code: 401 - {{'error': {{'message': 'Incorrect API key provided: {masked}.'}}}}"])]),
        code("""
            res = index.query(vector=q, top_k=5, include_metadata=True)
            [(m.id, round(m.score, 3)) for m in res.matches]
        """, [("result", "[" + ",\n ".join(f"('{uid()}', 0.{R.randint(700, 999)})" for _ in range(4)) + "]")]),
    ])


# ==========================================================================
# Project 2: webshop (Next.js / TypeScript)
# ==========================================================================

def proj_web():
    b = "webshop/"
    pk_live = stripe("pk")  # publishable: negative
    sk = P("stripe", stripe("sk"))
    wh = P("stripe", stripe_whsec())
    nas = P("generic", b64secret(32))
    mypw = P("mysql", upw(22))
    redpw = P("redis", upw(32))
    sg = P("sendgrid", sendgrid())
    oasv = P("openai", openai_new("svcacct"))
    sen = P("sentry", sentry_org())
    gcs = P("google-oauth", google_client_secret())
    W(b + ".env.local", T(r"""
        # Local overrides - loaded by Next.js, gitignored (in theory)
        NEXT_PUBLIC_SITE_URL=http://localhost:3000
        NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=@@pk@@
        STRIPE_SECRET_KEY=@@sk@@
        STRIPE_WEBHOOK_SECRET=@@wh@@
        NEXTAUTH_URL=http://localhost:3000
        NEXTAUTH_SECRET=@@nas@@
        DATABASE_URL="mysql://shop:@@mypw@@@db.internal.acme.io:3306/shop"
        REDIS_URL=rediss://default:@@redpw@@@eu1-brave-mole-38211.upstash.io:6379
        SENDGRID_API_KEY=@@sg@@
        OPENAI_API_KEY=@@oa@@
        SENTRY_AUTH_TOKEN=@@sen@@
        GOOGLE_CLIENT_ID=@@gcid@@-@@gcid2@@.apps.googleusercontent.com
        GOOGLE_CLIENT_SECRET=@@gcs@@
        FEATURE_FLAGS=checkout_v2,reviews
    """, pk=pk_live, sk=sk, wh=wh, nas=nas, mypw=mypw, redpw=redpw, sg=sg, oa=oasv, sen=sen, gcid=dg(12),
                                 gcid2=rs(32, LOWNUM), gcs=gcs))

    shp, shpss = P("shopify", shopify("pat")), P("shopify", shopify("ss"))
    W(b + ".env.production", T(r"""
        NODE_ENV=production
        NEXT_PUBLIC_SITE_URL=https://shop.acme.io
        NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=@@pk@@
        STRIPE_SECRET_KEY=${STRIPE_SECRET_KEY}
        DATABASE_URL=${DATABASE_URL}
        SHOPIFY_STORE_DOMAIN=acme-shop.myshopify.com
        SHOPIFY_ADMIN_ACCESS_TOKEN=@@shp@@
        SHOPIFY_API_SECRET=@@shpss@@
        ALGOLIA_APP_ID=@@alg@@
        ALGOLIA_INDEX=products_prod
    """, pk=pk_live, shp=shp, shpss=shpss, alg=rs(10, UPNUM)))

    ghp = P("github", gh("ghp_"))
    W(b + ".npmrc", T(r"""
        @acme:registry=https://npm.pkg.github.com
        //npm.pkg.github.com/:_authToken=@@ghp@@
        //registry.npmjs.org/:_authToken=${NPM_TOKEN}
        engine-strict=true
        save-exact=true
    """, ghp=ghp))

    rk = P("stripe", stripe("rk"))
    W(b + "src/lib/stripe.ts", T(r"""
        import Stripe from "stripe";

        // Restricted key used by the storefront worker when STRIPE_SECRET_KEY is unset.
        const FALLBACK_RESTRICTED_KEY = "@@rk@@";

        export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? FALLBACK_RESTRICTED_KEY, {
          apiVersion: "2024-04-10",
          typescript: true,
        });

        // Publishable key is meant to be public.
        export const publishableKey = "@@pk@@";

        export async function createCheckout(priceId: string, customerEmail: string) {
          return stripe.checkout.sessions.create({
            mode: "payment",
            line_items: [{ price: priceId, quantity: 1 }],
            customer_email: customerEmail,
            success_url: `${process.env.NEXT_PUBLIC_SITE_URL}/thanks?session_id={CHECKOUT_SESSION_ID}`,
            cancel_url: `${process.env.NEXT_PUBLIC_SITE_URL}/cart`,
          });
        }
    """, rk=rk, pk=pk_live))

    orr = P("openrouter", openrouter())
    W(b + "src/lib/ai.ts", T(r"""
        import OpenAI from "openai";
        import Anthropic from "@anthropic-ai/sdk";

        const OPENROUTER_KEY = "@@orr@@";

        export const openrouter = new OpenAI({
          baseURL: "https://openrouter.ai/api/v1",
          apiKey: OPENROUTER_KEY,
          defaultHeaders: { "HTTP-Referer": "https://shop.acme.io", "X-Title": "Acme Shop" },
        });

        export const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

        export function apiKeyFor(provider: "openai" | "anthropic"): string {
          const apiKey = process.env[`${provider.toUpperCase()}_API_KEY`];
          if (!apiKey) throw new Error(`missing ${provider} key`);
          return apiKey;
        }
    """, orr=orr))

    xk = P("xai", xai())
    W(b + "src/app/api/chat/route.ts", T(r"""
        import { NextRequest } from "next/server";
        import OpenAI from "openai";

        const grok = new OpenAI({
          baseURL: "https://api.x.ai/v1",
          apiKey: process.env.XAI_API_KEY ?? "@@xk@@",
        });

        export async function POST(req: NextRequest) {
          const { messages } = await req.json();
          const token = req.headers.get("authorization")?.replace("Bearer ", "");
          if (!token) return new Response("unauthorized", { status: 401 });
          const completion = await grok.chat.completions.create({
            model: "grok-2-latest",
            messages,
            stream: false,
          });
          return Response.json(completion.choices[0].message);
        }
    """, xk=xk))

    smtp = P("generic", pw(18))
    pmk = P("postmark", uid())
    mg = P("mailgun", mailgun_legacy())
    W(b + "src/server/mailer.ts", T(r"""
        import nodemailer from "nodemailer";
        import * as postmark from "postmark";
        import formData from "form-data";
        import Mailgun from "mailgun.js";

        export const smtp = nodemailer.createTransport({
          host: "smtp.office365.com",
          port: 587,
          secure: false,
          auth: {
            user: "orders@acme.io",
            pass: "@@smtp@@",
          },
        });

        // transactional receipts
        export const postmarkClient = new postmark.ServerClient("@@pmk@@");

        const mailgun = new Mailgun(formData);
        export const mg = mailgun.client({ username: "api", key: "@@mg@@", url: "https://api.eu.mailgun.net" });

        export const FROM = "Acme Shop <orders@acme.io>";
        export const passwordResetTemplate = "password-reset-v3";
    """, smtp=smtp, pmk=pmk, mg=mg))

    mongopw = P("mongodb", upw(20))
    W(b + "src/server/db.ts", T(r"""
        import { MongoClient } from "mongodb";

        const uri =
          process.env.MONGODB_URI ??
          "mongodb+srv://shop-app:@@mongopw@@@cluster0.q7tzk.mongodb.net/shop?retryWrites=true&w=majority";

        const client = new MongoClient(uri, { maxPoolSize: 20 });
        export const db = client.db("shop");

        export async function getSession(sessionId: string) {
          return db.collection("sessions").findOne({ _id: sessionId });
        }
    """, mongopw=mongopw))

    sq = P("square", square_access())
    W(b + "src/lib/square.ts", T(r"""
        import { Client, Environment } from "square";

        export const square = new Client({
          accessToken: "@@sq@@",
          environment: Environment.Production,
        });

        export const SQUARE_LOCATION_ID = "L@@loc@@";
        export const SQUARE_APPLICATION_ID = "sq0idp-@@appid@@";
    """, sq=sq, loc=rs(12, UPNUM), appid=rs(22, URLS)))

    ppsec, bt = P("paypal", paypal_secret()), P("braintree", braintree())
    W(b + "src/lib/paypal.ts", T(r"""
        import braintree from "braintree";

        export const PAYPAL_CLIENT_ID = "A@@ppid@@"; // public, used by the JS SDK
        const PAYPAL_CLIENT_SECRET = "@@ppsec@@";

        export async function paypalAccessToken(): Promise<string> {
          const auth = Buffer.from(`${PAYPAL_CLIENT_ID}:${PAYPAL_CLIENT_SECRET}`).toString("base64");
          const res = await fetch("https://api-m.paypal.com/v1/oauth2/token", {
            method: "POST",
            headers: { Authorization: `Basic ${auth}` },
            body: "grant_type=client_credentials",
          });
          const { access_token } = await res.json();
          return access_token;
        }

        export const gateway = new braintree.BraintreeGateway({
          accessToken: "@@bt@@",
        });
    """, ppid=rs(79, URLS), ppsec=ppsec, bt=bt))

    shp2 = P("shopify", shopify("at"))
    W(b + "src/lib/shopify.ts", T(r"""
        import "@shopify/shopify-api/adapters/node";
        import { shopifyApi, ApiVersion, Session } from "@shopify/shopify-api";

        export const shopify = shopifyApi({
          apiKey: process.env.SHOPIFY_API_KEY!,
          apiSecretKey: process.env.SHOPIFY_API_SECRET!,
          adminApiAccessToken: "@@shp2@@",
          apiVersion: ApiVersion.April24,
          isCustomStoreApp: true,
          isEmbeddedApp: false,
          hostName: "shop.acme.io",
        });

        export const session = new Session({ id: "offline_acme-shop", shop: "acme-shop.myshopify.com", state: "", isOnline: false });
    """, shp2=shp2))

    jwtsec = P("generic", b64secret(48))
    W(b + "src/middleware.ts", T(r"""
        import { NextResponse, type NextRequest } from "next/server";
        import { jwtVerify } from "jose";

        const JWT_SECRET = new TextEncoder().encode("@@jwtsec@@");

        export async function middleware(req: NextRequest) {
          const token = req.cookies.get("session")?.value;
          if (!token) return NextResponse.redirect(new URL("/login", req.url));
          try {
            await jwtVerify(token, JWT_SECRET, { algorithms: ["HS256"] });
            return NextResponse.next();
          } catch {
            return NextResponse.redirect(new URL("/login", req.url));
          }
        }

        export const config = { matcher: ["/account/:path*", "/admin/:path*"] };
    """, jwtsec=jwtsec))

    W(b + "src/app/api/webhooks/stripe/route.ts", T(r"""
        import { stripe } from "@/lib/stripe";

        const endpointSecret = process.env.STRIPE_WEBHOOK_SECRET!;

        export async function POST(req: Request) {
          const sig = req.headers.get("stripe-signature") ?? "";
          const body = await req.text();
          const event = stripe.webhooks.constructEvent(body, sig, endpointSecret);
          if (event.type === "checkout.session.completed") {
            // fulfil order
          }
          return new Response(null, { status: 200 });
        }
    """))

    vt = P("vercel", vercel())
    W(b + ".github/workflows/deploy.yml", T(r"""
        name: deploy
        on:
          push:
            branches: [main]
        env:
          VERCEL_ORG_ID: team_@@org@@
          VERCEL_PROJECT_ID: prj_@@prj@@
          VERCEL_TOKEN: @@vt@@
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - uses: actions/setup-node@v4
                with:
                  node-version: 20
                  cache: npm
              - run: npm ci
                env:
                  NODE_AUTH_TOKEN: ${{ secrets.GITHUB_TOKEN }}
              - run: npx vercel pull --yes --environment=production --token=$VERCEL_TOKEN
              - run: npx vercel build --prod --token=${{ secrets.VERCEL_TOKEN }}
              - run: npx vercel deploy --prebuilt --prod --token=${{ secrets.VERCEL_TOKEN }}
    """, org=rs(24), prj=rs(28), vt=vt))

    restjwt = P("jwt", jwt("HS256", {"sub": "usr_" + rs(14), "email": "ops@acme.io", "role": "admin",
                                      "iat": 1716200000, "exp": 1747736000, "jti": uid()}))
    WJ(b + ".vscode/settings.json", {
        "editor.formatOnSave": True,
        "editor.defaultFormatter": "esbenp.prettier-vscode",
        "typescript.tsdk": "node_modules/typescript/lib",
        "files.exclude": {"**/.next": True},
        "rest-client.environmentVariables": {
            "local": {"baseUrl": "http://localhost:3000", "token": "{{$dotenv ADMIN_TOKEN}}"},
            "prod": {"baseUrl": "https://shop.acme.io", "token": restjwt},
        },
    })

    lin = P("linear", linear())
    WJ(b + ".vscode/mcp.json", {
        "inputs": [{"type": "promptString", "id": "github_token", "description": "GitHub Personal Access Token",
                    "password": True}],
        "servers": {
            "github": {"type": "http", "url": "https://api.githubcopilot.com/mcp/",
                       "headers": {"Authorization": "Bearer ${input:github_token}"}},
            "linear": {"type": "stdio", "command": "npx", "args": ["-y", "linear-mcp-server"],
                       "env": {"LINEAR_API_KEY": lin}},
        },
    })

    rk2, sbp, fg = P("stripe", stripe("rk")), P("supabase", supabase()), P("figma", figma())
    pgmcp = P("postgres", upw(20))
    WJ(b + ".cursor/mcp.json", {"mcpServers": {
        "stripe": {"command": "npx", "args": ["-y", "@stripe/mcp", "--tools=all", f"--api-key={rk2}"]},
        "supabase": {"command": "npx", "args": ["-y", "@supabase/mcp-server-supabase@latest", "--read-only",
                                                 "--access-token", sbp]},
        "figma": {"command": "npx", "args": ["-y", "figma-developer-mcp", "--stdio"],
                  "env": {"FIGMA_API_KEY": fg}},
        "postgres": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres",
                                                f"postgresql://readonly:{pgmcp}@db.internal.acme.io:5432/shop"]},
        "filesystem": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/dana/src/webshop"]},
    }})

    W(b + "prisma/schema.prisma", T(r"""
        generator client {
          provider = "prisma-client-js"
        }

        datasource db {
          provider = "mysql"
          url      = env("DATABASE_URL")
        }

        model User {
          id           String   @id @default(uuid())
          email        String   @unique
          passwordHash String
          apiToken     String?  @unique
          createdAt    DateTime @default(now())
        }
    """))

    W(b + "docs/deploy.md", T(r"""
        # Deploying the shop

        Secrets live in Vercel project settings. For local work copy them with `vercel env pull`.

        | Variable | Format | Notes |
        |---|---|---|
        | `STRIPE_SECRET_KEY` | `sk_live_...` | rotate via dashboard, last 4: `...Q9z2` |
        | `STRIPE_WEBHOOK_SECRET` | `whsec_...` | one per endpoint |
        | `SENDGRID_API_KEY` | `SG.xxxxx.yyyyy` | mail.send scope only |
        | `SHOPIFY_ADMIN_ACCESS_TOKEN` | `shpat_<32 hex>` | custom app |

        To test the API by hand:

        ```bash
        curl https://api.stripe.com/v1/charges -u "$STRIPE_SECRET_KEY:"
        curl -H "Authorization: Bearer <token>" https://shop.acme.io/api/admin/orders
        ```

        The key that leaked in March (`sk_live_51N...****`) has been revoked.
        Slack's docs use `xoxb-not-a-real-token-this-will-not-work` for examples; ours is in 1Password.
    """))

    W(b + "src/__tests__/checkout.test.ts", T(r"""
        import { describe, it, expect, vi } from "vitest";

        vi.stubEnv("STRIPE_SECRET_KEY", "sk_live_placeholder");
        vi.stubEnv("STRIPE_WEBHOOK_SECRET", "whsec_placeholder");
        vi.stubEnv("OPENAI_API_KEY", "sk-xxxxxxxxxxxxxxxxxxxxxxxx");

        describe("checkout", () => {
          it("builds a session", async () => {
            const { createCheckout } = await import("@/lib/stripe");
            const password = "correct horse battery staple";
            expect(typeof createCheckout).toBe("function");
            expect(password.length).toBeGreaterThan(8);
          });
        });
    """))

    nf = P("netlify", netlify())
    W(b + "scripts/deploy-preview.sh", T(r"""
        #!/bin/sh
        # Preview deploys still go to Netlify while we migrate.
        set -e
        npm run build
        npx netlify deploy --dir=.next --site "$NETLIFY_SITE_ID" --auth @@nf@@ --message "preview $(git rev-parse --short HEAD)"
    """, nf=nf))

    lj = P("jwt", jwt("HS256", {"sub": "usr_" + rs(14), "email": "k.lee@acme.io", "role": "customer",
                                 "iat": 1716201000, "exp": 1716204600, "jti": uid()}))
    apik = P("generic", hexsecret(40))
    log = []
    t = 1716201000000
    for i in range(14):
        t += R.randint(50, 4000)
        rid = uid()
        if i == 5:
            log.append(json.dumps({"level": 30, "time": t, "pid": 41, "hostname": "web-7c9d5", "reqId": rid,
                                   "req": {"method": "GET", "url": "/api/account/orders",
                                           "headers": {"host": "shop.acme.io", "authorization": "Bearer " + lj,
                                                       "user-agent": "Mozilla/5.0"}}, "msg": "incoming request"}))
        elif i == 9:
            log.append(json.dumps({"level": 40, "time": t, "pid": 41, "hostname": "web-7c9d5", "reqId": rid,
                                   "req": {"method": "POST", "url": "/api/internal/reindex",
                                           "headers": {"host": "shop.acme.io", "x-api-key": apik}},
                                   "msg": "slow request", "responseTime": 2311}))
        elif i == 11:
            log.append(json.dumps({"level": 30, "time": t, "pid": 41, "hostname": "web-7c9d5", "reqId": rid,
                                   "req": {"method": "GET", "url": "/api/account",
                                           "headers": {"authorization": "[Redacted]"}}, "msg": "incoming request"}))
        else:
            log.append(json.dumps({"level": 30, "time": t, "pid": 41, "hostname": "web-7c9d5", "reqId": rid,
                                   "res": {"statusCode": R.choice([200, 200, 200, 304, 404])},
                                   "responseTime": R.randint(3, 180), "msg": "request completed"}))
    W(b + "logs/server.log", "\n".join(log))

    W(b + "package.json", json.dumps({
        "name": "acme-webshop", "version": "2.14.0", "private": True,
        "scripts": {"dev": "next dev", "build": "next build", "start": "next start", "lint": "next lint",
                    "test": "vitest run"},
        "dependencies": {p: "^" + ver() for p in NPM_PKGS[:10]},
        "devDependencies": {p: "^" + ver() for p in NPM_PKGS[17:21]},
        "packageManager": "npm@10.5.0",
    }, indent=2))
    W(b + "package-lock.json", package_lock("acme-webshop", NPM_PKGS))
    W(b + "tsconfig.json", json.dumps({"compilerOptions": {"target": "ES2022", "lib": ["dom", "esnext"],
                                                           "strict": True, "module": "esnext",
                                                           "moduleResolution": "bundler", "jsx": "preserve",
                                                           "paths": {"@/*": ["./src/*"]}},
                                       "include": ["next-env.d.ts", "**/*.ts", "**/*.tsx"]}, indent=2))
    W(b + "next.config.js", T(r"""
        /** @type {import('next').NextConfig} */
        const nextConfig = {
          reactStrictMode: true,
          images: { remotePatterns: [{ protocol: "https", hostname: "cdn.shopify.com" }] },
          env: {
            NEXT_PUBLIC_BUILD_SHA: process.env.VERCEL_GIT_COMMIT_SHA ?? "@@sha@@",
            NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY,
          },
          experimental: { serverActions: { bodySizeLimit: "2mb" } },
        };

        module.exports = nextConfig;
    """, sha=sha40()))


# ==========================================================================
# Project 3: ledger-svc (Go service)
# ==========================================================================

GO_MODS = ["github.com/jackc/pgx/v5", "github.com/go-chi/chi/v5", "github.com/golang-jwt/jwt/v5",
           "github.com/kelseyhightower/envconfig", "github.com/rabbitmq/amqp091-go", "github.com/redis/go-redis/v9",
           "github.com/stripe/stripe-go/v78", "github.com/slack-go/slack", "go.uber.org/zap", "go.uber.org/multierr",
           "golang.org/x/crypto", "golang.org/x/sync", "golang.org/x/text", "google.golang.org/protobuf",
           "github.com/prometheus/client_golang", "github.com/cespare/xxhash/v2"]


def proj_go():
    b = "ledger-svc/"
    W(b + "go.mod", "module github.com/acme/ledger-svc\n\ngo 1.22.3\n\nrequire (\n" +
      "".join(f"\t{m} v{ver()}\n" for m in GO_MODS[:10]) + ")\n")
    W(b + "go.sum", go_sum(GO_MODS))

    dbpw = P("postgres", upw(22))
    W(b + "cmd/ledger/main.go", T(r"""
        package main

        import (
        	"context"
        	"flag"
        	"log"
        	"os"
        	"os/signal"

        	"github.com/acme/ledger-svc/internal/config"
        	"github.com/acme/ledger-svc/internal/server"
        )

        var (
        	addr  = flag.String("addr", ":8080", "listen address")
        	dsn   = flag.String("db-dsn", "postgres://ledger:@@dbpw@@@ledger-db.internal.acme.io:5432/ledger?sslmode=require", "postgres DSN")
        	debug = flag.Bool("debug", false, "verbose logging")
        )

        func main() {
        	flag.Parse()
        	cfg, err := config.Load()
        	if err != nil {
        		log.Fatalf("config: %v", err)
        	}
        	if v := os.Getenv("LEDGER_DB_DSN"); v != "" {
        		*dsn = v
        	}
        	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
        	defer stop()
        	if err := server.Run(ctx, *addr, *dsn, cfg, *debug); err != nil {
        		log.Fatal(err)
        	}
        }
    """, dbpw=dbpw))

    jsec = P("generic", b64secret(32))
    W(b + "internal/config/config.go", T(r"""
        package config

        import "github.com/kelseyhightower/envconfig"

        // defaultJWTSecret is only used when LEDGER_JWT_SECRET is unset (local dev).
        const defaultJWTSecret = "@@jsec@@"

        type Config struct {
        	DBPassword     string `envconfig:"DB_PASSWORD" required:"true"`
        	JWTSecret      string `envconfig:"JWT_SECRET"`
        	StripeKey      string `envconfig:"STRIPE_API_KEY"`
        	SlackToken     string `envconfig:"SLACK_BOT_TOKEN"`
        	PasswordMinLen int    `envconfig:"PASSWORD_MIN_LEN" default:"12"`
        	TokenHeader    string `default:"X-Ledger-Token"`
        }

        func Load() (*Config, error) {
        	var c Config
        	if err := envconfig.Process("ledger", &c); err != nil {
        		return nil, err
        	}
        	if c.JWTSecret == "" {
        		c.JWTSecret = defaultJWTSecret
        	}
        	return &c, nil
        }
    """, jsec=jsec))

    hook, xb = P("slack-webhook", slack_hook()), P("slack", slack_bot())
    W(b + "internal/notify/slack.go", T(r"""
        package notify

        import (
        	"bytes"
        	"encoding/json"
        	"net/http"

        	"github.com/slack-go/slack"
        )

        const webhookURL = "@@hook@@"

        var api = slack.New("@@xb@@")

        func Webhook(text string) error {
        	body, _ := json.Marshal(map[string]string{"text": text})
        	_, err := http.Post(webhookURL, "application/json", bytes.NewReader(body))
        	return err
        }

        func PostThread(channel, ts, text string) error {
        	_, _, err := api.PostMessage(channel, slack.MsgOptionText(text, false), slack.MsgOptionTS(ts))
        	return err
        }
    """, hook=hook, xb=xb))

    tg = P("telegram", telegram())
    W(b + "internal/notify/telegram.go", T(r"""
        package notify

        import (
        	"fmt"
        	"net/http"
        	"net/url"
        )

        const chatID = "-100@@chat@@"

        func Telegram(msg string) error {
        	endpoint := "https://api.telegram.org/bot@@tg@@/sendMessage"
        	resp, err := http.PostForm(endpoint, url.Values{"chat_id": {chatID}, "text": {msg}})
        	if err != nil {
        		return err
        	}
        	defer resp.Body.Close()
        	if resp.StatusCode != http.StatusOK {
        		return fmt.Errorf("telegram: %s", resp.Status)
        	}
        	return nil
        }
    """, chat=dg(10), tg=tg))

    sk = P("stripe", stripe("sk"))
    W(b + "internal/payments/stripe.go", T(r"""
        package payments

        import (
        	"github.com/stripe/stripe-go/v78"
        	"github.com/stripe/stripe-go/v78/refund"
        )

        func init() {
        	// TODO(mk): read from vault, see LEDGER-412
        	stripe.Key = "@@sk@@"
        }

        func Refund(chargeID string, amount int64) (*stripe.Refund, error) {
        	return refund.New(&stripe.RefundParams{Charge: stripe.String(chargeID), Amount: stripe.Int64(amount)})
        }
    """, sk=sk))

    cfgpw, redpw = P("generic", pw(20)), P("redis", upw(28))
    dd, nrl = P("datadog", hx(32)), P("newrelic", nr_license())
    twsid, twtok = twilio_sid(), P("twilio", twilio_token())
    W(b + "config/config.yaml", T(r"""
        server:
          addr: ":8080"
          read_timeout: 15s
        database:
          host: ledger-db.internal.acme.io
          port: 5432
          name: ledger
          user: ledger
          password: "@@cfgpw@@"
          max_conns: 20
        redis:
          url: redis://:@@redpw@@@ledger-cache.internal.acme.io:6379/2
        observability:
          datadog:
            site: datadoghq.eu
            api_key: @@dd@@
          newrelic:
            app_name: ledger-svc
            license_key: @@nrl@@
        sms:
          provider: twilio
          account_sid: @@twsid@@
          auth_token: @@twtok@@
          from: "+15005550006"
        features:
          idempotency_ttl: 24h
          token_cache_size: 4096
    """, cfgpw=cfgpw, redpw=redpw, dd=dd, nrl=nrl, twsid=twsid, twtok=twtok))

    kpw, vt = P("generic", pw(24)), P("vault", vault_tok())
    W(b + "config/local.toml", T(r"""
        # local overrides, loaded after config.yaml
        [kafka]
        brokers = ["localhost:9092"]
        sasl_mechanism = "SCRAM-SHA-512"
        sasl_username = "ledger"
        sasl_password = "@@kpw@@"

        [vault]
        address = "https://vault.internal.acme.io:8200"
        token = "@@vt@@"
        mount = "secret/ledger"

        [auth]
        token_header = "X-Ledger-Token"
        password_hash_cost = 12
        session_secret = "${LEDGER_SESSION_SECRET}"
    """, kpw=kpw, vt=vt))

    # Kubernetes Secret with base64 data
    _, k8pw = plant_b64("generic", lambda: pw(22))
    _, k8sk = plant_b64("stripe", lambda: stripe("sk"))
    W(b + "deploy/k8s/secret.yaml", T(r"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: ledger-secrets
          namespace: payments
          labels:
            app.kubernetes.io/name: ledger-svc
        type: Opaque
        data:
          DB_USER: @@dbuser@@
          DB_PASSWORD: @@k8pw@@
          STRIPE_API_KEY: @@k8sk@@
          LOG_LEVEL: @@lvl@@
    """, dbuser=b64("ledger"), k8pw=k8pw, k8sk=k8sk, lvl=b64("info")))

    dd2 = P("datadog", hx(32))
    W(b + "deploy/k8s/deployment.yaml", T(r"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: ledger-svc
          namespace: payments
        spec:
          replicas: 3
          selector:
            matchLabels:
              app: ledger-svc
          template:
            metadata:
              labels:
                app: ledger-svc
              annotations:
                checksum/config: @@ck@@
            spec:
              serviceAccountName: ledger-svc
              containers:
                - name: ledger
                  image: ghcr.io/acme/ledger-svc@sha256:@@dig@@
                  ports:
                    - containerPort: 8080
                  env:
                    - name: DB_PASSWORD
                      valueFrom:
                        secretKeyRef:
                          name: ledger-secrets
                          key: DB_PASSWORD
                    - name: STRIPE_API_KEY
                      valueFrom:
                        secretKeyRef:
                          name: ledger-secrets
                          key: STRIPE_API_KEY
                    - name: DD_API_KEY
                      value: "@@dd2@@"
                    - name: DD_ENV
                      value: production
                  resources:
                    limits:
                      memory: 512Mi
    """, ck=hx(64), dig=hx(64), dd2=dd2))

    W(b + "deploy/k8s/sealed-secret.yaml", T(r"""
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata:
          name: ledger-secrets
          namespace: payments
        spec:
          encryptedData:
            DB_PASSWORD: @@e1@@
            STRIPE_API_KEY: @@e2@@
          template:
            metadata:
              name: ledger-secrets
              namespace: payments
    """, e1="AgB" + b64(rbytes(380)), e2="AgC" + b64(rbytes(420))))

    dk = P("dockerhub", dockerhub())
    W(b + "Makefile", T(r"""
        APP := ledger-svc
        VERSION ?= $(shell git describe --tags --always)
        DB_URL ?= postgres://ledger:$(DB_PASSWORD)@localhost:5432/ledger?sslmode=disable

        .PHONY: build test migrate image push

        build:
        	go build -ldflags "-X main.version=$(VERSION)" -o bin/$(APP) ./cmd/ledger

        test:
        	go test -race ./...

        migrate:
        	migrate -path db/migrations -database "$(DB_URL)" up

        image:
        	docker build -t acme/$(APP):$(VERSION) .

        push: image
        	docker login -u acmeci -p @@dk@@
        	docker push acme/$(APP):$(VERSION)
    """, dk=dk))

    amqpw = P("rabbitmq", upw(20))
    W(b + "docker-compose.yml", T(r"""
        services:
          ledger:
            build: .
            environment:
              LEDGER_DB_DSN: postgres://ledger:${DB_PASSWORD:-changeme}@db:5432/ledger?sslmode=disable
              LEDGER_AMQP_URL: amqp://ledger:@@amqpw@@@rabbitmq:5672/ledger
              LEDGER_REDIS_URL: redis://redis:6379/0
            depends_on: [db, rabbitmq, redis]
          db:
            image: postgres:16-alpine
            environment:
              POSTGRES_USER: ledger
              POSTGRES_PASSWORD: changeme
          rabbitmq:
            image: rabbitmq:3.13-management
            environment:
              RABBITMQ_DEFAULT_USER: ledger
              RABBITMQ_DEFAULT_PASS: @@amqpw@@
          redis:
            image: redis:7
    """, amqpw=amqpw))

    lines = []
    ts = 1717400000.0
    for i in range(18):
        ts += R.uniform(0.01, 30)
        tid = hx(32)
        if i == 6:
            lines.append(json.dumps({"level": "error", "ts": round(ts, 6), "caller": "db/pool.go:88",
                                     "msg": "failed to connect to database",
                                     "dsn": f"postgres://ledger:{dbpw}@ledger-db.internal.acme.io:5432/ledger?sslmode=require",
                                     "error": "dial tcp 10.40.1.12:5432: connect: connection refused"}))
        elif i == 7:
            lines.append(json.dumps({"level": "error", "ts": round(ts, 6), "caller": "db/pool.go:88",
                                     "msg": "failed to connect to database",
                                     "dsn": "postgres://ledger:xxxxx@ledger-db.internal.acme.io:5432/ledger?sslmode=require",
                                     "error": "dial tcp 10.40.1.12:5432: connect: connection refused"}))
        else:
            lines.append(json.dumps({"level": "info", "ts": round(ts, 6), "caller": "server/http.go:141",
                                     "msg": "request", "method": R.choice(["GET", "POST"]),
                                     "path": R.choice(["/v1/entries", "/v1/accounts", "/healthz"]),
                                     "status": 200, "trace_id": tid, "idempotency_key": uid()}))
    lines.append("panic: runtime error: invalid memory address or nil pointer dereference")
    lines.append("[signal SIGSEGV: segmentation violation code=0x1 addr=0x28 pc=0x8b2f1c]")
    lines.append("")
    lines.append("goroutine 87 [running]:")
    lines.append("github.com/acme/ledger-svc/internal/payments.Refund({0xc0001a6000, 0x1b}, 0x9c4)")
    lines.append("\t/src/internal/payments/stripe.go:18 +0x3c")
    W(b + "logs/ledger.log", "\n".join(lines))

    W(b + ".golangci.yml", T(r"""
        run:
          timeout: 5m
        linters:
          enable: [gosec, errcheck, govet, staticcheck, revive]
        linters-settings:
          gosec:
            excludes:
              - G101 # hard-coded credentials: handled by the secret scanner in CI
    """))

    W(b + "internal/db/db_test.go", T(r"""
        package db

        import "testing"

        func TestDSN(t *testing.T) {
        	password := "changeme"
        	dsn := BuildDSN("ledger", password, "localhost", 5432)
        	if dsn != "postgres://ledger:changeme@localhost:5432/ledger" {
        		t.Fatalf("unexpected dsn %q", dsn)
        	}
        	token := NewToken()
        	if len(token) != 32 {
        		t.Fatal("bad token length")
        	}
        }
    """))

    sign = P("generic", hexsecret(64))
    pub = pubkey_pem()
    W(b + "internal/auth/jwt.go", T(r"""
        package auth

        import (
        	"crypto/x509"
        	"encoding/pem"

        	"github.com/golang-jwt/jwt/v5"
        )

        var signingKey = []byte("@@sign@@")

        // Partner public key used to verify inbound webhooks (public, safe to commit).
        const partnerPublicKey = `@@pub@@`

        func Sign(claims jwt.MapClaims) (string, error) {
        	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(signingKey)
        }

        func PartnerKey() (any, error) {
        	block, _ := pem.Decode([]byte(partnerPublicKey))
        	return x509.ParsePKIXPublicKey(block.Bytes)
        }
    """, sign=sign, pub=pub))

    ec = plant_pem("private-key", ec_pem())
    W(b + "internal/crypto/keys.go", T(r"""
        package crypto

        // Receipt-signing key. Moved to KMS in v2.3 but kept here for the replay tool.
        const receiptSigningKey = `@@ec@@`

        const KeyID = "rcpt-@@kid@@"
    """, ec=ec, kid=hx(12)))

    ghs = P("github", gh("ghs_"))
    W(b + ".github/workflows/ci.yml", T(r"""
        name: ci
        on: [push, pull_request]
        jobs:
          test:
            runs-on: ubuntu-latest
            env:
              GOPRIVATE: github.com/acme/*
            steps:
              - uses: actions/checkout@@@s1@@ # v4
              - uses: actions/setup-go@@@s2@@ # v5
                with:
                  go-version-file: go.mod
              - name: private modules
                run: git config --global url."https://x-access-token:@@ghs@@@github.com/".insteadOf "https://github.com/"
              - run: go test -race ./...
              - name: lint
                uses: golangci/golangci-lint-action@v6
                with:
                  version: v1.59
              - name: notify
                if: failure()
                run: curl -X POST -H 'Content-type: application/json' --data '{"text":"ledger CI failed"}' "${{ secrets.SLACK_WEBHOOK_URL }}"
    """, s1=sha40(), s2=sha40(), ghs=ghs))

    sa_key = pkcs8_pem()
    P("gcp", sa_key, anchor=sa_key.split("\n")[1], start="-----BEGIN")
    proj = "acme-ledger-prod"
    WJ(b + "deploy/gcp/ledger-exporter-sa.json", {
        "type": "service_account", "project_id": proj, "private_key_id": hx(40), "private_key": sa_key + "\n",
        "client_email": f"ledger-exporter@{proj}.iam.gserviceaccount.com", "client_id": dg(21),
        "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": "https://oauth2.googleapis.com/token",
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
        "client_x509_cert_url": f"https://www.googleapis.com/robot/v1/metadata/x509/ledger-exporter%40{proj}.iam.gserviceaccount.com",
        "universe_domain": "googleapis.com"})


# ==========================================================================
# Project 4: billing-api (Spring Boot, Java + Kotlin)
# ==========================================================================

def proj_java():
    b = "billing-api/"
    jf = P("jfrog", jfrog_api())
    W(b + "build.gradle.kts", T(r"""
        plugins {
            id("org.springframework.boot") version "3.3.0"
            id("io.spring.dependency-management") version "1.1.5"
            kotlin("jvm") version "1.9.24"
            kotlin("plugin.spring") version "1.9.24"
            `maven-publish`
        }

        group = "com.acme"
        version = "4.2.1-SNAPSHOT"

        repositories {
            mavenCentral()
            maven {
                url = uri("https://acme.jfrog.io/artifactory/libs-release")
                credentials {
                    username = "ci-publisher"
                    password = "@@jf@@"
                }
            }
        }

        dependencies {
            implementation("org.springframework.boot:spring-boot-starter-web")
            implementation("org.springframework.boot:spring-boot-starter-data-jpa")
            implementation("com.stripe:stripe-java:25.8.0")
            implementation("com.squareup:square:38.1.0.20240604")
            runtimeOnly("org.postgresql:postgresql")
            testImplementation("org.springframework.boot:spring-boot-starter-test")
        }

        publishing {
            repositories {
                maven {
                    url = uri("https://acme.jfrog.io/artifactory/libs-snapshot")
                    credentials {
                        username = findProperty("artifactoryUser") as String?
                        password = findProperty("artifactoryPassword") as String?
                    }
                }
            }
        }
    """, jf=jf))

    osp, sgp = P("generic", pw(20)), P("generic", pw(16))
    W(b + "gradle.properties", T(r"""
        org.gradle.jvmargs=-Xmx2g -Dfile.encoding=UTF-8
        org.gradle.parallel=true
        kotlin.code.style=official
        ossrhUsername=acme-release
        ossrhPassword=@@osp@@
        signing.keyId=@@kid@@
        signing.password=@@sgp@@
        signing.secretKeyRingFile=/home/ci/.gnupg/secring.gpg
        artifactoryUser=${ARTIFACTORY_USER}
        artifactoryAccessToken=@@jft@@
    """, osp=osp, kid=hx(8).upper(), sgp=sgp, jft=P("jfrog", jfrog_ref())))

    mvn = P("generic", pw(22))
    W(b + ".mvn/settings.xml", T(r"""
        <?xml version="1.0" encoding="UTF-8"?>
        <settings xmlns="http://maven.apache.org/SETTINGS/1.2.0"
                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  xsi:schemaLocation="http://maven.apache.org/SETTINGS/1.2.0 https://maven.apache.org/xsd/settings-1.2.0.xsd">
          <servers>
            <server>
              <id>nexus-releases</id>
              <username>ci</username>
              <password>@@mvn@@</password>
            </server>
            <server>
              <id>nexus-snapshots</id>
              <username>ci</username>
              <password>${env.NEXUS_PASSWORD}</password>
            </server>
            <server>
              <id>github</id>
              <username>acme-ci</username>
              <password>{COQLCE6DU6GtcS5P=}</password>
            </server>
          </servers>
          <mirrors>
            <mirror>
              <id>nexus</id>
              <mirrorOf>*</mirrorOf>
              <url>https://nexus.acme.io/repository/maven-public/</url>
            </mirror>
          </mirrors>
        </settings>
    """, mvn=mvn))

    dspw = P("generic", pw(20))
    sg = P("sendgrid", sendgrid())
    sk = P("stripe", stripe("sk"))
    okt = P("okta", okta())
    ocs = P("okta", rs(40, URLS))
    jwts = P("generic", b64secret(64))
    W(b + "src/main/resources/application.yml", T(r"""
        server:
          port: 8080
          servlet:
            context-path: /billing
        spring:
          application:
            name: billing-api
          datasource:
            url: jdbc:postgresql://billing-db.internal.acme.io:5432/billing
            username: billing_app
            password: @@dspw@@
            hikari:
              maximum-pool-size: 15
          jpa:
            open-in-view: false
          mail:
            host: smtp.sendgrid.net
            port: 587
            username: apikey
            password: @@sg@@
          security:
            oauth2:
              client:
                registration:
                  okta:
                    client-id: 0oa@@oid@@
                    client-secret: @@ocs@@
                    scope: openid,profile,email
        stripe:
          api-key: @@sk@@
          webhook-tolerance: 300
        okta:
          org-url: https://acme.okta.com
          api-token: @@okt@@
        jwt:
          secret: @@jwts@@
          expiration: 3600
        management:
          endpoints:
            web:
              exposure:
                include: health,info,prometheus
    """, dspw=dspw, sg=sg, oid=rs(17), ocs=ocs, sk=sk, okt=okt, jwts=jwts))

    jdpw = P("jdbc", upw(18))
    btk = P("braintree", hx(32))
    W(b + "src/main/resources/application-prod.properties", T(r"""
        # production profile
        spring.datasource.url=jdbc:mysql://billing-mysql.internal.acme.io:3306/billing?user=billing&password=@@jdpw@@&useSSL=true
        spring.datasource.hikari.maximum-pool-size=30
        spring.rabbitmq.host=rabbitmq.internal.acme.io
        spring.rabbitmq.username=billing
        spring.rabbitmq.password=${RABBIT_PASSWORD}
        braintree.environment=production
        braintree.merchantId=@@mid@@
        braintree.publicKey=@@pub@@
        braintree.privateKey=@@btk@@
        logging.level.org.hibernate.SQL=warn
        management.endpoint.health.show-details=when-authorized
        app.password.min-length=12
        app.token.header=X-Billing-Token
    """, jdpw=jdpw, mid=rs(16, LOWNUM), pub=rs(16, LOWNUM), btk=btk))

    vt = P("vault", vault_tok())
    W(b + "src/main/resources/bootstrap.yml", T(r"""
        spring:
          cloud:
            vault:
              uri: https://vault.internal.acme.io:8200
              authentication: TOKEN
              token: @@vt@@
              kv:
                enabled: true
                backend: secret
                default-context: billing-api
            config:
              import: vault://
    """, vt=vt))

    W(b + "src/main/resources/logback-spring.xml", T(r"""
        <?xml version="1.0" encoding="UTF-8"?>
        <configuration>
          <include resource="org/springframework/boot/logging/logback/defaults.xml"/>
          <appender name="JSON" class="ch.qos.logback.core.ConsoleAppender">
            <encoder class="net.logstash.logback.encoder.LogstashEncoder">
              <fieldNames><timestamp>ts</timestamp></fieldNames>
            </encoder>
          </appender>
          <appender name="DATADOG" class="net.logstash.logback.appender.LogstashTcpSocketAppender">
            <destination>intake.logs.datadoghq.eu:443</destination>
            <encoder class="net.logstash.logback.encoder.LogstashEncoder">
              <prefix class="ch.qos.logback.core.encoder.LayoutWrappingEncoder">
                <layout class="ch.qos.logback.classic.PatternLayout">
                  <pattern>${DD_API_KEY} %mdc{keyThatDoesNotExist}</pattern>
                </layout>
              </prefix>
            </encoder>
          </appender>
          <root level="INFO">
            <appender-ref ref="JSON"/>
          </root>
        </configuration>
    """))

    sq = P("square", square_access())
    sqs = P("square", square_secret())
    W(b + "src/main/kotlin/com/acme/billing/config/PaymentConfig.kt", T(r"""
        package com.acme.billing.config

        import com.squareup.square.Environment
        import com.squareup.square.SquareClient
        import org.springframework.beans.factory.annotation.Value
        import org.springframework.context.annotation.Bean
        import org.springframework.context.annotation.Configuration

        @Configuration
        class PaymentConfig(
            @Value("\${stripe.api-key}") private val stripeKey: String,
        ) {
            private val squareToken = "@@sq@@"
            private val squareOauthSecret: String = "@@sqs@@"

            @Bean
            fun squareClient(): SquareClient =
                SquareClient.Builder()
                    .environment(Environment.PRODUCTION)
                    .accessToken(squareToken)
                    .build()

            @Bean
            fun stripeApiKey(): String = stripeKey
        }
    """, sq=sq, sqs=sqs))

    mc = P("mailchimp", mailchimp())
    W(b + "src/main/java/com/acme/billing/mail/MailService.java", T(r"""
        package com.acme.billing.mail;

        import com.acme.billing.auth.TokenProvider;
        import org.springframework.stereotype.Service;

        @Service
        public class MailService {

            private static final String MAILCHIMP_API_KEY = "@@mc@@";
            private static final String LIST_ID = "@@lid@@";
            private static final String PASSWORD_RESET_TEMPLATE = "password-reset";

            private final TokenProvider tokenProvider;

            public MailService(TokenProvider tokenProvider) {
                this.tokenProvider = tokenProvider;
            }

            public void subscribe(String email) {
                String token = tokenProvider.getToken();
                String dc = MAILCHIMP_API_KEY.substring(MAILCHIMP_API_KEY.indexOf('-') + 1);
                String url = "https://" + dc + ".api.mailchimp.com/3.0/lists/" + LIST_ID + "/members";
                // ...
            }
        }
    """, mc=mc, lid=hx(10)))

    pd = P("pagerduty", pagerduty())
    W(b + "src/main/java/com/acme/billing/integrations/PagerDutyClient.java", T(r"""
        package com.acme.billing.integrations;

        import org.springframework.http.HttpHeaders;
        import org.springframework.web.client.RestClient;

        public final class PagerDutyClient {
            private final RestClient rest = RestClient.builder()
                    .baseUrl("https://api.pagerduty.com")
                    .defaultHeader(HttpHeaders.AUTHORIZATION, "Token token=@@pd@@")
                    .defaultHeader(HttpHeaders.ACCEPT, "application/vnd.pagerduty+json;version=2")
                    .build();

            public String incidents() {
                return rest.get().uri("/incidents?statuses[]=triggered").retrieve().body(String.class);
            }
        }
    """, pd=pd))

    at = P("atlassian", atlassian())
    W(b + "src/main/kotlin/com/acme/billing/integrations/JiraClient.kt", T(r"""
        package com.acme.billing.integrations

        import java.net.URI
        import java.net.http.HttpClient
        import java.net.http.HttpRequest
        import java.util.Base64

        object JiraClient {
            private const val JIRA_EMAIL = "billing-bot@acme.io"
            private const val JIRA_API_TOKEN = "@@at@@"
            private val auth = Base64.getEncoder().encodeToString("$JIRA_EMAIL:$JIRA_API_TOKEN".toByteArray())
            private val http = HttpClient.newHttpClient()

            fun createIssue(json: String): Int {
                val req = HttpRequest.newBuilder(URI("https://acme.atlassian.net/rest/api/3/issue"))
                    .header("Authorization", "Basic $auth")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build()
                return http.send(req, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()
            }
        }
    """, at=at))

    npw, sq2 = P("generic", pw(18)), P("sonarqube", sonar())
    W(b + "Jenkinsfile", T(r"""
        pipeline {
            agent { label 'jdk21' }
            environment {
                NEXUS = credentials('nexus-ci')
                SONAR_HOST_URL = 'https://sonar.acme.io'
            }
            stages {
                stage('Build') {
                    steps { sh './gradlew clean build -x test' }
                }
                stage('Test') {
                    steps { sh './gradlew test' }
                }
                stage('Sonar') {
                    steps { sh "./gradlew sonar -Dsonar.token=@@sq2@@" }
                }
                stage('Publish') {
                    steps {
                        withCredentials([usernamePassword(credentialsId: 'nexus-ci', usernameVariable: 'U', passwordVariable: 'P')]) {
                            sh './gradlew publish -PnexusUser=$U -PnexusPassword=$P'
                        }
                        sh 'curl -fsS -u deploy:@@npw@@ -T build/libs/billing-api.jar https://nexus.acme.io/repository/releases/billing-api.jar'
                    }
                }
            }
        }
    """, sq2=sq2, npw=npw))

    log = T(r"""
        2024-06-02T03:14:07.221Z  INFO 1 --- [billing-api] [           main] com.acme.billing.BillingApplication      : Starting BillingApplication v4.2.0 using Java 21.0.3 with PID 1
        2024-06-02T03:14:07.230Z  INFO 1 --- [billing-api] [           main] com.acme.billing.BillingApplication      : The following 1 profile is active: "prod"
        2024-06-02T03:14:09.884Z  INFO 1 --- [billing-api] [           main] com.zaxxer.hikari.HikariDataSource       : HikariPool-1 - Starting...
        2024-06-02T03:14:40.012Z ERROR 1 --- [billing-api] [           main] com.zaxxer.hikari.pool.HikariPool        : HikariPool-1 - Exception during pool initialization.

        com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure while connecting to jdbc:mysql://billing-mysql.internal.acme.io:3306/billing?user=billing&password=@@jdpw@@&useSSL=true
        	at com.mysql.cj.jdbc.exceptions.SQLError.createCommunicationsException(SQLError.java:174) ~[mysql-connector-j-8.3.0.jar!/:8.3.0]
        	at com.mysql.cj.jdbc.ConnectionImpl.createNewIO(ConnectionImpl.java:848) ~[mysql-connector-j-8.3.0.jar!/:8.3.0]
        	at com.zaxxer.hikari.pool.PoolBase.newConnection(PoolBase.java:359) ~[HikariCP-5.1.0.jar!/:na]
        Caused by: java.net.ConnectException: Connection refused
        	at java.base/sun.nio.ch.Net.pollConnect(Native Method) ~[na:na]
        	... 42 common frames omitted
        2024-06-02T03:14:40.020Z  WARN 1 --- [billing-api] [           main] o.s.b.a.orm.jpa.DatabaseLookup           : Unable to determine jdbc url from datasource
        2024-06-02T03:14:41.555Z  INFO 1 --- [billing-api] [           main] o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat started on port 8080 (http) with context path '/billing'
        2024-06-02T03:15:02.118Z  INFO 1 --- [billing-api] [nio-8080-exec-3] c.a.billing.web.InvoiceController        : created invoice in_@@inv@@ for customer cus_@@cus@@ traceId=@@trace@@
        2024-06-02T03:15:02.341Z  WARN 1 --- [billing-api] [nio-8080-exec-3] c.a.billing.web.AuthFilter               : rejected token eyJhbGciOi...[truncated] for /billing/v1/invoices
    """, jdpw=jdpw, inv=rs(24), cus=rs(14), trace=hx(32))
    W(b + "logs/billing.log", log)

    W(b + "src/test/resources/application-test.yml", T(r"""
        spring:
          datasource:
            url: jdbc:h2:mem:billing;MODE=PostgreSQL
            username: sa
            password: changeme
        stripe:
          api-key: sk_live_REPLACE_ME
        okta:
          api-token: ${OKTA_API_TOKEN:dummy-token}
        jwt:
          secret: not-a-secret-used-in-tests-only
    """))

    crt = cert_pem()
    W(b + "src/main/resources/certs/billing-client.crt", crt)
    key = plant_pem("private-key", pkcs8_pem())
    W(b + "src/main/resources/certs/billing-client.key", key)

    kc = P("generic", pw(20))
    W(b + "docker-compose.yml", T(r"""
        services:
          keycloak:
            image: quay.io/keycloak/keycloak:24.0
            command: start-dev
            environment:
              KEYCLOAK_ADMIN: admin
              KEYCLOAK_ADMIN_PASSWORD: "@@kc@@"
              KC_DB_PASSWORD: ${KC_DB_PASSWORD}
            ports: ["8081:8080"]
          billing:
            build: .
            environment:
              SPRING_PROFILES_ACTIVE: prod
              SPRING_DATASOURCE_PASSWORD: ${BILLING_DB_PASSWORD}
    """, kc=kc))

    a0 = P("auth0", auth0_secret())
    W(b + "src/main/resources/auth0.properties", T(r"""
        auth0.domain=acme-billing.eu.auth0.com
        auth0.clientId=@@cid@@
        auth0.clientSecret=@@a0@@
        auth0.audience=https://billing.acme.io/api
    """, cid=rs(32), a0=a0))

    W(b + ".mvn/wrapper/maven-wrapper.properties", T(r"""
        distributionUrl=https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/3.9.7/apache-maven-3.9.7-bin.zip
        distributionSha256Sum=@@h@@
        wrapperUrl=https://repo.maven.apache.org/maven2/org/apache/maven/wrapper/maven-wrapper/3.3.2/maven-wrapper-3.3.2.jar
        wrapperSha256Sum=@@h2@@
    """, h=hx(64), h2=hx(64)))

    W(b + "src/main/java/com/acme/billing/auth/TokenProvider.java", T(r"""
        package com.acme.billing.auth;

        import org.springframework.beans.factory.annotation.Value;
        import org.springframework.stereotype.Component;

        @Component
        public class TokenProvider {
            @Value("${okta.api-token}")
            private String apiToken;

            private static final String TOKEN_PREFIX = "SSWS ";
            private static final String PASSWORD_PARAM = "password";

            public String getToken() {
                return apiToken;
            }

            public String authorizationHeader() {
                return TOKEN_PREFIX + getToken();
            }
        }
    """))


# ==========================================================================
# Project 5: infra (Terraform, Kubernetes, Helm, Ansible, CI, ops tooling)
# ==========================================================================

RUST_CRATES = ["anyhow", "aws-config", "aws-sdk-secretsmanager", "bytes", "clap", "hyper", "reqwest", "serde",
               "serde_json", "tokio", "tracing", "tracing-subscriber", "url", "azure_storage", "time"]
GEMS = ["faraday", "faraday-net_http", "json", "net-http", "slack-ruby-client", "dotenv", "rake", "rspec",
        "rspec-core", "rspec-expectations", "uri", "base64"]


def proj_infra():
    b = "infra/"
    akid, asec = P("aws", aws_id()), P("aws", aws_secret())
    cft, dop = P("cloudflare", cloudflare_token()), P("digitalocean", do_token("dop"))
    azs = P("azure-ad", azure_ad_secret())
    W(b + "terraform/providers.tf", T(r"""
        terraform {
          required_version = ">= 1.7"
          required_providers {
            aws          = { source = "hashicorp/aws", version = "~> 5.50" }
            cloudflare   = { source = "cloudflare/cloudflare", version = "~> 4.33" }
            digitalocean = { source = "digitalocean/digitalocean", version = "~> 2.39" }
            azurerm      = { source = "hashicorp/azurerm", version = "~> 3.105" }
          }
        }

        provider "aws" {
          region     = "eu-west-1"
          access_key = "@@akid@@"
          secret_key = "@@asec@@"
        }

        provider "cloudflare" {
          api_token = "@@cft@@"
        }

        provider "digitalocean" {
          token = "@@dop@@"
        }

        provider "azurerm" {
          features {}
          subscription_id = "@@sub@@"
          tenant_id       = "@@ten@@"
          client_id       = "@@cli@@"
          client_secret   = "@@azs@@"
        }
    """, akid=akid, asec=asec, cft=cft, dop=dop, sub=uid(), ten=uid(), cli=uid(), azs=azs))

    W(b + "terraform/variables.tf", T(r"""
        variable "db_password" {
          description = "Master password for the RDS cluster"
          type        = string
          sensitive   = true
        }

        variable "datadog_api_key" {
          type      = string
          sensitive = true
        }

        variable "github_token" {
          type      = string
          sensitive = true
          default   = ""
        }

        variable "heroku_api_key" {
          type    = string
          default = "changeme"
        }

        variable "environment" {
          type    = string
          default = "prod"
        }
    """))

    tfpw, tfdd = P("generic", pw(24)), P("datadog", hx(32))
    tfgh, hk = P("github", github_pat()), P("heroku", uid())
    W(b + "terraform/terraform.tfvars", T(r"""
        environment     = "prod"
        db_password     = "@@tfpw@@"
        datadog_api_key = "@@tfdd@@"
        datadog_app_key = "@@tfddapp@@"
        github_token    = "@@tfgh@@"
        heroku_api_key  = "@@hk@@"
        vpc_cidr        = "10.40.0.0/16"
        cluster_version = "1.30"
    """, tfpw=tfpw, tfdd=tfdd, tfddapp=P("datadog", hx(40)), tfgh=tfgh, hk=hk))

    W(b + "terraform/backend.tf", T(r"""
        terraform {
          backend "s3" {
            bucket         = "acme-tf-state"
            key            = "prod/core.tfstate"
            region         = "eu-west-1"
            dynamodb_table = "acme-tf-locks"
            encrypt        = true
            kms_key_id     = "arn:aws:kms:eu-west-1:381492066157:key/@@kms@@"
          }
        }
    """, kms=uid()))
    W(b + "terraform/.terraform.lock.hcl", tf_lock(["hashicorp/aws", "cloudflare/cloudflare",
                                                    "digitalocean/digitalocean", "hashicorp/azurerm",
                                                    "hashicorp/random"]))

    W(b + "terraform/modules/rds/main.tf", T(r"""
        resource "random_password" "master" {
          length           = 32
          special          = true
          override_special = "!#$%&*()-_=+[]{}<>:?"
        }

        resource "aws_rds_cluster" "this" {
          cluster_identifier      = "${var.name}-aurora"
          engine                  = "aurora-postgresql"
          engine_version          = "15.4"
          master_username         = "acme_admin"
          master_password         = var.db_password != "" ? var.db_password : random_password.master.result
          backup_retention_period = 14
          storage_encrypted       = true
        }

        output "endpoint" {
          value = aws_rds_cluster.this.endpoint
        }
    """))

    aliid, alisec = P("alibaba", alibaba_id()), P("alibaba", alibaba_secret())
    W(b + "terraform/alicloud.tf", T(r"""
        # CN region mirror for the storefront CDN
        provider "alicloud" {
          alias      = "cn"
          region     = "cn-shanghai"
          access_key = "@@aliid@@"
          secret_key = "@@alisec@@"
        }

        resource "alicloud_oss_bucket" "mirror" {
          provider = alicloud.cn
          bucket   = "acme-shop-cn-mirror"
        }
    """, aliid=aliid, alisec=alisec))

    W(b + ".terraformrc", T(r"""
        plugin_cache_dir = "$HOME/.terraform.d/plugin-cache"

        credentials "app.terraform.io" {
          token = "@@tfc@@"
        }
    """, tfc=P("terraform-cloud", tfc())))

    gpw, glsa = P("generic", pw(20)), P("grafana", grafana_sa())
    W(b + "k8s/monitoring/grafana-secret.yaml", T(r"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: grafana-admin
          namespace: monitoring
        type: Opaque
        stringData:
          admin-user: admin
          admin-password: "@@gpw@@"
          GF_AUTH_GENERIC_OAUTH_CLIENT_ID: grafana
          service-account-token: @@glsa@@
    """, gpw=gpw, glsa=glsa))

    _, tlskey = plant_b64("private-key", lambda: rsa_pem() + "\n")
    W(b + "k8s/ingress/tls-secret.yaml", T(r"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: shop-acme-io-tls
          namespace: ingress
        type: kubernetes.io/tls
        data:
          tls.crt: @@crt@@
          tls.key: @@key@@
    """, crt=b64(cert_pem() + "\n"), key=tlskey))

    cft2 = P("cloudflare", cloudflare_token())
    W(b + "k8s/apps/external-dns.yaml", T(r"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: cloudflare-api-token
          namespace: external-dns
        type: Opaque
        stringData:
          apiToken: @@cft2@@
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: external-dns
          namespace: external-dns
        spec:
          template:
            spec:
              containers:
                - name: external-dns
                  image: registry.k8s.io/external-dns/external-dns:v0.14.2
                  args:
                    - --source=ingress
                    - --provider=cloudflare
                    - --cloudflare-proxied
                  env:
                    - name: CF_API_TOKEN
                      valueFrom:
                        secretKeyRef:
                          name: cloudflare-api-token
                          key: apiToken
    """, cft2=cft2))

    ghp_pull = gh("ghp_")
    dcj = json.dumps({"auths": {"ghcr.io": {"username": "acme-bot", "password": ghp_pull,
                                            "auth": b64("acme-bot:" + ghp_pull)}}})
    _, dcjb = plant_b64("docker-config", lambda: dcj)
    W(b + "k8s/apps/registry-pull-secret.yaml", T(r"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: ghcr-pull
          namespace: payments
        type: kubernetes.io/dockerconfigjson
        data:
          .dockerconfigjson: @@dcjb@@
    """, dcjb=dcjb))

    bb = P("bitbucket", bitbucket())
    W(b + "k8s/argocd/repo-secret.yaml", T(r"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: repo-platform-charts
          namespace: argocd
          labels:
            argocd.argoproj.io/secret-type: repository
        stringData:
          type: git
          url: https://bitbucket.org/acme/platform-charts.git
          username: acme-argocd
          password: @@bb@@
    """, bb=bb))

    hpw, nrl = P("postgres", upw(24)), P("newrelic", nr_license())
    W(b + "helm/ledger/values.yaml", T(r"""
        replicaCount: 3
        image:
          repository: ghcr.io/acme/ledger-svc
          tag: "2.7.1"
          pullPolicy: IfNotPresent
        imagePullSecrets:
          - name: ghcr-pull
        serviceAccount:
          create: true
          annotations:
            eks.amazonaws.com/role-arn: arn:aws:iam::381492066157:role/ledger-svc
        postgresql:
          enabled: true
          auth:
            username: ledger
            database: ledger
            password: "@@hpw@@"
            existingSecret: ""
        newrelic:
          enabled: true
          licenseKey: @@nrl@@
        env:
          LOG_LEVEL: info
          PASSWORD_MIN_LENGTH: "12"
        resources:
          limits:
            cpu: 500m
            memory: 512Mi
    """, hpw=hpw, nrl=nrl))

    rpw, cookie = P("redis", upw(26)), P("generic", rs(32, UP))
    W(b + "helm/ledger/values-prod.yaml", T(r"""
        replicaCount: 6
        redis:
          architecture: replication
          auth:
            enabled: true
            password: @@rpw@@
        rabbitmq:
          auth:
            username: ledger
            password: ${RABBITMQ_PASSWORD}
            erlangCookie: @@cookie@@
        externalSecrets:
          enabled: true
          secretStoreRef: aws-secrets-manager
          data:
            - secretKey: STRIPE_API_KEY
              remoteRef: { key: prod/ledger, property: stripe_api_key }
    """, rpw=rpw, cookie=cookie))

    W(b + "helm/ledger/templates/secret.yaml", T(r"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {{ include "ledger.fullname" . }}
          labels:
            {{- include "ledger.labels" . | nindent 4 }}
        type: Opaque
        data:
          DB_PASSWORD: {{ .Values.postgresql.auth.password | b64enc | quote }}
          NEW_RELIC_LICENSE_KEY: {{ .Values.newrelic.licenseKey | b64enc | quote }}
          REDIS_PASSWORD: {{ required "redis password" .Values.redis.auth.password | b64enc }}
    """))

    mysqlpw = P("generic", pw(22))
    W(b + "ansible/group_vars/all.yml", T(r"""
        ---
        timezone: Europe/Berlin
        ntp_servers: [0.pool.ntp.org, 1.pool.ntp.org]
        mysql_root_password: "@@mysqlpw@@"
        mysql_replication_password: "{{ vault_mysql_replication_password }}"
        app_db_password: "{{ lookup('community.hashi_vault.hashi_vault', 'secret=secret/data/app:db_password') }}"
        deploy_user_password_hash: "{{ vault_deploy_user_password_hash }}"
        vault_mysql_replication_password: !vault |
          $ANSIBLE_VAULT;1.1;AES256
          @@v1@@
          @@v2@@
          @@v3@@
          @@v4@@
        node_exporter_version: 1.8.1
    """, mysqlpw=mysqlpw, v1=hx(80), v2=hx(80), v3=hx(80), v4=hx(38)))

    sshpw, becpw = P("generic", pw(16)), P("generic", pw(18))
    W(b + "ansible/inventory.ini", T(r"""
        [web]
        web-01.internal.acme.io
        web-02.internal.acme.io

        [db]
        db-01.internal.acme.io ansible_user=deploy

        [legacy]
        10.40.7.21 ansible_user=root ansible_ssh_pass=@@sshpw@@ ansible_become_pass=@@becpw@@

        [all:vars]
        ansible_python_interpreter=/usr/bin/python3
        ansible_ssh_private_key_file=~/.ssh/acme-deploy
    """, sshpw=sshpw, becpw=becpw))

    W(b + "docker/registry/htpasswd", "\n".join(
        f"{u}:{P('htpasswd', bcrypt_hash())}" for u in ("ci-push", "k8s-pull", "marta")))
    W(b + "nginx/.htpasswd", "\n".join(f"{u}:{P('htpasswd', apr1())}" for u in ("grafana-viewer", "ops")))

    sh1 = P("shadow-hash", sha512crypt())
    W(b + "cloud-init/user-data.yaml", T(r"""
        #cloud-config
        hostname: bastion-01
        users:
          - name: ops
            groups: [sudo]
            shell: /bin/bash
            lock_passwd: false
            passwd: @@sh1@@
            ssh_authorized_keys:
              - @@pub1@@
              - @@pub2@@
        package_update: true
        packages: [fail2ban, unattended-upgrades]
        runcmd:
          - [systemctl, enable, --now, fail2ban]
    """, sh1=sh1, pub1=ssh_pub("ops@acme"), pub2=ssh_rsa_pub("marta@laptop")))

    shadow = [
        f"root:{P('shadow-hash', yescrypt())}:19800:0:99999:7:::",
        "daemon:*:19700:0:99999:7:::",
        "bin:*:19700:0:99999:7:::",
        "sys:*:19700:0:99999:7:::",
        "sshd:!:19700::::::",
        f"ops:{P('shadow-hash', sha512crypt())}:19801:0:99999:7:::",
        "nobody:*:19700:0:99999:7:::",
        "backup:!*:19700:0:99999:7:::",
    ]
    W(b + "backup/etc/shadow.bak", "\n".join(shadow))

    glp = P("gitlab", glpat())
    glrt = P("gitlab", gl_runner())
    W(b + ".gitlab-ci.yml", T(r"""
        stages: [validate, plan, apply]

        variables:
          TF_ROOT: terraform
          RUNNER_REGISTRATION: @@glrt@@
          HELM_REPO_USER: gitlab+deploy-token-48211
          HELM_REPO_TOKEN: @@gldt@@

        before_script:
          - git config --global url."https://gitlab-ci-token:${CI_JOB_TOKEN}@gitlab.com/".insteadOf "https://gitlab.com/"

        validate:
          stage: validate
          script:
            - terraform -chdir=$TF_ROOT init -backend=false
            - terraform -chdir=$TF_ROOT validate

        plan:
          stage: plan
          script:
            - git clone https://oauth2:@@glp@@@gitlab.com/acme/platform-modules.git modules
            - terraform -chdir=$TF_ROOT plan -out=plan.tfplan
          artifacts:
            paths: [terraform/plan.tfplan]
    """, glrt=glrt, glp=glp, gldt=P("gitlab", gl_deploy())))

    flyt = P("flyio", fly())
    W(b + ".github/workflows/terraform.yml", T(r"""
        name: terraform
        on:
          pull_request:
            paths: ["terraform/**"]
        jobs:
          plan:
            runs-on: ubuntu-latest
            env:
              TF_API_TOKEN: ${{ secrets.TF_API_TOKEN }}
              CLOUDFLARE_API_TOKEN: ${{ secrets.CLOUDFLARE_API_TOKEN }}
            steps:
              - uses: actions/checkout@v4
              - uses: hashicorp/setup-terraform@v3
                with:
                  cli_config_credentials_token: ${{ secrets.TF_API_TOKEN }}
              - run: terraform -chdir=terraform plan -no-color
          status-page:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - uses: superfly/flyctl-actions/setup-flyctl@master
              - run: flyctl deploy --remote-only tools/status-page
                env:
                  FLY_API_TOKEN: "@@flyt@@"
    """, flyt=flyt))

    vt, dpl = P("vault", vault_short()), P("doppler", doppler("st"))
    dbx = P("databricks", databricks())
    W(b + "scripts/bootstrap.sh", T(r"""
        #!/usr/bin/env bash
        # Bootstrap a fresh ops workstation. Run once.
        set -euo pipefail

        export VAULT_ADDR=https://vault.internal.acme.io:8200
        export VAULT_TOKEN=@@vt@@
        export DOPPLER_TOKEN="@@dpl@@"
        export DATABRICKS_HOST=https://adb-@@wsid@@.11.azuredatabricks.net
        export DATABRICKS_TOKEN=@@dbx@@

        TOKEN=$(vault print token)
        curl -fsS -H "Authorization: Bearer $TOKEN" "$VAULT_ADDR/v1/sys/health"
        # legacy zone listing still uses the global key
        curl -s https://api.cloudflare.com/client/v4/zones -H "X-Auth-Email: ops@acme.io" -H "X-Auth-Key: @@cfg@@"
        doppler setup --project infra --config prd --no-interactive
        databricks clusters list --output json | jq '.[].cluster_id'
        password=$(openssl rand -base64 24)
        echo "generated local db password (${#password} chars)"
    """, vt=vt, dpl=dpl, wsid=dg(16), dbx=dbx, cfg=P("cloudflare", cloudflare_global())))

    W(b + "vault/policy.hcl", T(r"""
        path "secret/data/ledger/*" {
          capabilities = ["read"]
        }

        path "auth/token/lookup-self" {
          capabilities = ["read"]
        }

        path "sys/leases/renew" {
          capabilities = ["update"]
        }
    """))

    W(b + "tools/rotator/Cargo.toml", T(r"""
        [package]
        name = "rotator"
        version = "0.3.0"
        edition = "2021"

        [dependencies]
        anyhow = "1"
        clap = { version = "4", features = ["derive"] }
        reqwest = { version = "0.12", features = ["json", "rustls-tls"], default-features = false }
        serde = { version = "1", features = ["derive"] }
        tokio = { version = "1", features = ["full"] }
        azure_storage = "0.20"
    """))
    W(b + "tools/rotator/Cargo.lock", cargo_lock(RUST_CRATES))
    azk = P("azure-storage", azure_storage_key())
    W(b + "tools/rotator/src/main.rs", T(r"""
        use anyhow::Result;
        use clap::Parser;

        /// Rotates storage keys and pushes them to Vault.
        #[derive(Parser)]
        struct Args {
            #[arg(long, env = "VAULT_TOKEN")]
            vault_token: String,
            #[arg(long, default_value = "secret/data/storage")]
            path: String,
        }

        // Used by `rotator verify` against the DR account.
        const DR_CONN: &str = "DefaultEndpointsProtocol=https;AccountName=acmedrbackups;AccountKey=@@azk@@;EndpointSuffix=core.windows.net";

        #[tokio::main]
        async fn main() -> Result<()> {
            let args = Args::parse();
            let token = args.vault_token.trim().to_owned();
            println!("rotating {} (token {} chars)", args.path, token.len());
            let _ = DR_CONN;
            Ok(())
        }
    """, azk=azk))

    W(b + "tools/deploy-notifier/Gemfile", T(r"""
        source "https://rubygems.org"

        gem "faraday", "~> 2.9"
        gem "slack-ruby-client", "~> 2.3"
        gem "dotenv", "~> 3.1"
        gem "rake", "~> 13.2"

        group :test do
          gem "rspec", "~> 3.13"
        end
    """))
    W(b + "tools/deploy-notifier/Gemfile.lock", gemfile_lock(GEMS))
    dh, pdr = P("discord-webhook", discord_hook()), P("pagerduty", hx(32))
    W(b + "tools/deploy-notifier/notifier.rb", T(r"""
        require "faraday"
        require "json"

        DISCORD_WEBHOOK = "@@dh@@"
        PAGERDUTY_ROUTING_KEY = "@@pdr@@"

        def notify(text)
          Faraday.post(DISCORD_WEBHOOK, { content: text }.to_json, "Content-Type" => "application/json")
        end

        def page(summary)
          body = { routing_key: PAGERDUTY_ROUTING_KEY, event_action: "trigger",
                   payload: { summary: summary, source: "deploy-notifier", severity: "error" } }
          Faraday.post("https://events.pagerduty.com/v2/enqueue", body.to_json, "Content-Type" => "application/json")
        end

        token = ENV.fetch("SLACK_BOT_TOKEN", nil)
        notify("deploy #{ENV['GIT_SHA']} finished") if token.nil?
    """, dh=dh, pdr=pdr))

    pk_pw = P("generic", pw(20))
    W(b + "packer/ubuntu.pkr.hcl", T(r"""
        source "proxmox-iso" "ubuntu" {
          proxmox_url              = "https://pve.internal.acme.io:8006/api2/json"
          username                 = "packer@pve!build"
          token                    = var.proxmox_token
          insecure_skip_tls_verify = true
          iso_file                 = "local:iso/ubuntu-24.04-live-server-amd64.iso"
          iso_checksum             = "sha256:@@iso@@"
          ssh_username             = "ubuntu"
          ssh_password             = "@@pk_pw@@"
          ssh_timeout              = "20m"
        }

        variable "proxmox_token" {
          type      = string
          sensitive = true
        }
    """, iso=hx(64), pk_pw=pk_pw))

    prompw, bearer = P("generic", pw(22)), P("generic", b64secret(30))
    W(b + "monitoring/prometheus.yml", T(r"""
        global:
          scrape_interval: 30s
        scrape_configs:
          - job_name: node
            static_configs:
              - targets: ["web-01.internal.acme.io:9100", "web-02.internal.acme.io:9100"]
          - job_name: federate-eu
            honor_labels: true
            metrics_path: /federate
            basic_auth:
              username: federate
              password: @@prompw@@
            static_configs:
              - targets: ["prom-eu.acme.io"]
          - job_name: ledger
            bearer_token: @@bearer@@
            static_configs:
              - targets: ["ledger-svc.payments.svc:8080"]
          - job_name: billing
            authorization:
              credentials_file: /etc/prometheus/secrets/billing-token
            static_configs:
              - targets: ["billing-api.payments.svc:8080"]
    """, prompw=prompw, bearer=bearer))

    hook2, pdk, og = P("slack-webhook", slack_hook()), P("pagerduty", hx(32)), P("opsgenie", opsgenie())
    W(b + "monitoring/alertmanager.yml", T(r"""
        global:
          resolve_timeout: 5m
          slack_api_url: "@@hook2@@"
        route:
          receiver: slack-ops
          routes:
            - matchers: [severity="critical"]
              receiver: pagerduty
            - matchers: [team="payments"]
              receiver: opsgenie
        receivers:
          - name: slack-ops
            slack_configs:
              - channel: "#ops-alerts"
                send_resolved: true
          - name: pagerduty
            pagerduty_configs:
              - routing_key: @@pdk@@
          - name: opsgenie
            opsgenie_configs:
              - api_key: @@og@@
                responders: [{ name: payments, type: team }]
    """, hook2=hook2, pdk=pdk, og=og))

    gfpw = P("generic", pw(18))
    W(b + "docker/docker-compose.observability.yml", T(r"""
        services:
          grafana:
            image: grafana/grafana:11.0.0
            environment:
              GF_SECURITY_ADMIN_USER: admin
              GF_SECURITY_ADMIN_PASSWORD: "@@gfpw@@"
              GF_AUTH_ANONYMOUS_ENABLED: "false"
              GF_DATABASE_PASSWORD__FILE: /run/secrets/grafana_db
            ports: ["3000:3000"]
          loki:
            image: grafana/loki:3.0.0
          promtail:
            image: grafana/promtail:3.0.0
            volumes:
              - /var/log:/var/log:ro
    """, gfpw=gfpw))

    W(b + "tools/status-page/package.json", json.dumps({
        "name": "status-page", "version": "1.3.0", "private": True,
        "scripts": {"start": "node server.js"},
        "dependencies": {p: "^" + ver() for p in NPM_PKGS[5:14]}}, indent=2))
    W(b + "tools/status-page/yarn.lock", yarn_lock(NPM_PKGS[5:30]))

    W(b + "docs/runbooks/rotate-credentials.md", T(r"""
        # Rotating credentials

        1. Generate the new value in the provider console.
        2. Write it to Vault: `vault kv put secret/ledger stripe_api_key=@-` (read from stdin, never argv).
        3. Restart: `kubectl -n payments rollout restart deploy/ledger-svc`.

        Example of what a rotated Datadog key looks like in the audit log (masked):

            api_key=****************************9f2c

        Terraform Cloud tokens look like `<14 chars>.atlasv1.<67 chars>`; Vault tokens start with `hvs.`.
        Do **not** paste tokens into tickets. Use `${VAULT_TOKEN}` in scripts.

        AWS documentation example (not a real key): `AKIAIOSFODNN7EXAMPLE`.
    """))


# ==========================================================================
# Project 6: dotfiles (personal home-directory repo)
# ==========================================================================

def proj_dotfiles():
    b = "dotfiles/"
    ghp, oal = P("github", gh("ghp_")), P("openai", openai_legacy())
    W(b + ".bashrc", T(r"""
        # ~/.bashrc
        [ -z "$PS1" ] && return
        HISTSIZE=100000
        HISTFILESIZE=200000
        shopt -s histappend
        export EDITOR=nvim
        export PATH="$HOME/.local/bin:$HOME/go/bin:$HOME/.cargo/bin:$PATH"

        alias ll='ls -alF'
        alias k=kubectl
        alias gs='git status -sb'

        export GITHUB_TOKEN=@@ghp@@
        export OPENAI_API_KEY="@@oal@@"
        export NPM_TOKEN=$(cat ~/.config/npm/token 2>/dev/null)
        export AWS_PROFILE=acme-dev

        [ -f ~/.fzf.bash ] && source ~/.fzf.bash
        eval "$(direnv hook bash)"
    """, ghp=ghp, oal=oal))

    ant, hbt = P("anthropic", anthropic()), P("github", gh("ghp_"))
    cfz, old = P("cloudflare", cloudflare_token()), P("openai", openai_new("proj"))
    W(b + ".zshrc", T(r"""
        export ZSH="$HOME/.oh-my-zsh"
        ZSH_THEME="robbyrussell"
        plugins=(git docker kubectl fzf)
        source $ZSH/oh-my-zsh.sh

        # --- api keys (TODO: move to 1password cli) ---
        export ANTHROPIC_API_KEY=@@ant@@
        export HOMEBREW_GITHUB_API_TOKEN=@@hbt@@
        export CLOUDFLARE_API_TOKEN='@@cfz@@'
        # export OPENAI_API_KEY=@@old@@
        export GEMINI_API_KEY="$(op read 'op://Private/Gemini/credential')"
        export DOPPLER_TOKEN=@@dpt@@

        function ghtoken() { gh auth token; }
        alias tf=terraform
        export GOPATH=$HOME/go
    """, ant=ant, hbt=hbt, cfz=cfz, old=old, dpt=P("doppler", doppler("pt"))))

    ant_h = P("anthropic", anthropic())
    hist_akid, hist_asec = P("aws", aws_id()), P("aws", aws_secret())
    mypw = P("mysql", pw(16))
    dkp = P("dockerhub", dockerhub())
    ghc = P("github", gh("ghp_"))
    pgh = P("postgres", upw(18))
    hkn = P("heroku", heroku_new())
    stp = P("stripe", stripe("sk"))
    hist = T(r"""
        ls -la
        cd ~/src/webshop
        git status
        git log --oneline -5
        git show @@sha1@@
        npm run dev
        curl https://api.anthropic.com/v1/messages -H "x-api-key: @@ant_h@@" -H "anthropic-version: 2023-06-01" -H "content-type: application/json" -d '{"model":"claude-3-5-sonnet-20241022","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}'
        aws configure set aws_access_key_id @@hist_akid@@
        aws configure set aws_secret_access_key @@hist_asec@@
        aws sts get-caller-identity
        mysql -h db.internal.acme.io -u dana -p@@mypw@@ shop
        docker login -u danakim -p @@dkp@@
        git clone https://danakim:@@ghc@@@github.com/acme/ledger-svc.git
        psql "postgresql://dana:@@pgh@@@warehouse.internal.acme.io:5432/forecast" -c 'select 1'
        heroku config:set HEROKU_API_KEY=@@hkn@@ -a acme-legacy
        stripe listen --api-key @@stp@@ --forward-to localhost:3000/api/webhooks/stripe
        export TOKEN=$(gh auth token)
        curl -H "Authorization: Bearer $TOKEN" https://api.github.com/user
        kubectl -n payments get secret ledger-secrets -o jsonpath='{.data.DB_PASSWORD}' | base64 -d
        git checkout -b fix/checkout-rounding
        git commit -am "fix rounding"
        git push -u origin fix/checkout-rounding
        history | grep curl
    """, sha1=sha40(), ant_h=ant_h, hist_akid=hist_akid, hist_asec=hist_asec, mypw=mypw, dkp=dkp, ghc=ghc,
             pgh=pgh, hkn=hkn, stp=stp)
    W(b + ".bash_history", hist)

    zt = 1715000000
    gl = P("gitlab", glpat())
    oa2 = P("openai", openai_new("proj"))
    sg = P("sendgrid", sendgrid())
    zh = []
    for cmd in ["cd ~/dotfiles", "git pull", f"git rebase -i {sha40()[:12]}",
                f"git clone https://oauth2:{gl}@gitlab.com/acme/infra-modules.git",
                "brew upgrade", f"OPENAI_API_KEY={oa2} python scripts/summarise.py notes.md",
                f"curl -X POST https://api.sendgrid.com/v3/mail/send -H 'Authorization: Bearer {sg}' -H 'Content-Type: application/json' -d @mail.json",
                "vault login -method=oidc", "vault kv get -field=password secret/ledger/db",
                "ssh -i ~/.ssh/id_ed25519 ops@bastion-01", "echo $OPENAI_API_KEY | wc -c", "exit"]:
        zt += R.randint(5, 900)
        zh.append(f": {zt}:0;{cmd}")
    W(b + ".zsh_history", "\n".join(zh))

    nrgh, nrhk, nrpw = P("github", gh("gho_")), P("heroku", uid()), P("netrc", pw(20))
    W(b + ".netrc", T(r"""
        machine github.com
          login danakim
          password @@nrgh@@
        machine api.heroku.com
          login dana@acme.io
          password @@nrhk@@
        machine nas.home.lan login admin password @@nrpw@@
        machine api.wandb.ai
          login user
          password @@wb@@
    """, nrgh=nrgh, nrhk=nrhk, nrpw=nrpw, wb=P("wandb", wandb())))

    npmt = P("npm", npm_tok())
    _, npauth = plant_b64("npmrc", lambda: "dana:" + upw(18))
    W(b + ".npmrc", T(r"""
        //registry.npmjs.org/:_authToken=@@npmt@@
        @acme:registry=https://acme.jfrog.io/artifactory/api/npm/npm-virtual/
        //acme.jfrog.io/artifactory/api/npm/npm-virtual/:_auth=@@npauth@@
        //acme.jfrog.io/artifactory/api/npm/npm-virtual/:always-auth=true
        email=dana@acme.io
        init-author-name=Dana Kim
        fund=false
    """, npmt=npmt, npauth=npauth))

    py1, py2 = P("pypi", pypi_tok()), P("pypi", pypi_tok())
    W(b + ".pypirc", T(r"""
        [distutils]
        index-servers =
            pypi
            testpypi
            acme

        [pypi]
        username = __token__
        password = @@py1@@

        [testpypi]
        repository = https://test.pypi.org/legacy/
        username = __token__
        password = @@py2@@

        [acme]
        repository = https://nexus.acme.io/repository/pypi-internal/
        username = dana
        password = %(ACME_NEXUS_PASSWORD)s
    """, py1=py1, py2=py2))

    gcg, gcl, gcb = P("github", gh("ghp_")), P("gitlab", glpat()), P("bitbucket", bitbucket())
    gcpw = P("git-credentials", upw(16))
    W(b + ".git-credentials", "\n".join([
        f"https://danakim:{gcg}@github.com",
        f"https://oauth2:{gcl}@gitlab.com",
        f"https://danakim:{gcb}@bitbucket.org",
        f"https://dana:{gcpw}@git.internal.acme.io",
    ]))

    W(b + ".pgpass", T(r"""
        # hostname:port:database:username:password
        warehouse.internal.acme.io:5432:*:dana:@@p1@@
        pg-replica.internal.acme.io:5432:forecast:analyst_ro:@@p2@@
        localhost:5432:*:postgres:*
    """, p1=P("pgpass", upw(20)), p2=P("pgpass", upw(22))))

    _, dauth = plant_b64("docker-config", lambda: "danakim:" + dockerhub())
    _, gauth = plant_b64("docker-config", lambda: "danakim:" + gh("ghp_"))
    WJ(b + ".docker/config.json", {
        "auths": {"https://index.docker.io/v1/": {"auth": dauth}, "ghcr.io": {"auth": gauth},
                  "381492066157.dkr.ecr.eu-west-1.amazonaws.com": {}},
        "credsStore": "desktop", "currentContext": "desktop-linux",
        "plugins": {"-x-cli-hints": {"enabled": "true"}}}, indent="\t")

    a1, s1 = P("aws", aws_id()), P("aws", aws_secret())
    a2, s2, st = P("aws", aws_id("ASIA")), P("aws", aws_secret()), P("aws", aws_session())
    W(b + ".aws/credentials", T(r"""
        [default]
        aws_access_key_id = @@a1@@
        aws_secret_access_key = @@s1@@

        [acme-prod-breakglass]
        aws_access_key_id = @@a2@@
        aws_secret_access_key = @@s2@@
        aws_session_token = @@st@@

        [docs]
        aws_access_key_id = AKIAIOSFODNN7EXAMPLE
        aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
    """, a1=a1, s1=s1, a2=a2, s2=s2, st=st))

    W(b + ".aws/config", T(r"""
        [default]
        region = eu-west-1
        output = json

        [profile acme-dev]
        sso_session = acme
        sso_account_id = 381492066157
        sso_role_name = Developer
        region = eu-west-1

        [sso-session acme]
        sso_start_url = https://acme.awsapps.com/start
        sso_region = eu-west-1
        sso_registration_scopes = sso:account:access
    """))

    W(b + ".s3cfg", T(r"""
        [default]
        access_key = @@ak@@
        secret_key = @@sk@@
        host_base = fra1.digitaloceanspaces.com
        host_bucket = %(bucket)s.fra1.digitaloceanspaces.com
        use_https = True
        signature_v2 = False
        gpg_passphrase =
    """, ak=P("digitalocean", do_spaces_id()), sk=P("digitalocean", do_spaces_secret())))

    W(b + ".ssh/id_ed25519", plant_pem("private-key", openssh_ed25519("dana@mbp")))
    W(b + ".ssh/id_ed25519.pub", ssh_pub("dana@mbp"))
    W(b + ".ssh/legacy_rsa", plant_pem("private-key", rsa_pem()))
    W(b + ".ssh/config", T(r"""
        Host bastion
          HostName bastion-01.acme.io
          User ops
          IdentityFile ~/.ssh/id_ed25519
          ForwardAgent no

        Host legacy-*
          User root
          IdentityFile ~/.ssh/legacy_rsa
          HostKeyAlgorithms +ssh-rsa
    """))
    kh = []
    for _ in range(6):
        kh.append(f"|1|{b64(rbytes(20))}|{b64(rbytes(20))} ssh-ed25519 {b64(_sshstr('ssh-ed25519') + _sshstr(rbytes(32)))}")
    kh.append(f"github.com ssh-ed25519 {b64(_sshstr('ssh-ed25519') + _sshstr(rbytes(32)))}")
    W(b + ".ssh/known_hosts", "\n".join(kh))

    ppk, ppk_priv = putty_key()
    P("putty", ppk, anchor=ppk_priv, start="PuTTY-User-Key-File")
    W(b + "putty/work-bastion.ppk", ppk)

    W(b + ".config/age/keys.txt", T(r"""
        # created: 2024-03-11T09:21:44+01:00
        # public key: @@pub@@
        @@key@@
    """, pub=age_pub(), key=P("age", age_key())))

    W(b + ".config/gh/hosts.yml", T(r"""
        github.com:
            users:
                danakim:
                    oauth_token: @@t@@
            git_protocol: ssh
            oauth_token: @@t@@
            user: danakim
    """, t=P("github", gh("gho_"))))

    W(b + ".gem/credentials", "---\n:rubygems_api_key: " + P("rubygems", rubygems()) + "\n")
    W(b + ".cargo/credentials.toml", '[registry]\ntoken = "' + P("crates-io", crates()) + '"\n')

    W(b + ".nuget/NuGet/NuGet.Config", T(r"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
            <add key="acme" value="https://nexus.acme.io/repository/nuget-hosted/" />
          </packageSources>
          <packageSourceCredentials>
            <acme>
              <add key="Username" value="dana" />
              <add key="ClearTextPassword" value="@@pw@@" />
            </acme>
          </packageSourceCredentials>
          <apikeys>
            <add key="https://www.nuget.org/api/v2/package" value="@@nk@@" />
          </apikeys>
        </configuration>
    """, pw=P("generic", pw(18)), nk=P("nuget", nuget())))

    gref, gacc = P("google-oauth", google_refresh()), P("google-oauth", google_access())
    tok = json.dumps({"access_token": gacc, "token_type": "Bearer", "refresh_token": gref,
                      "expiry": "2024-06-03T11:42:10.123456+02:00"})
    W(b + ".config/rclone/rclone.conf", T(r"""
        [b2]
        type = b2
        account = @@kid@@
        key = @@bk@@
        hard_delete = true

        [gdrive]
        type = drive
        scope = drive
        token = @@tok@@
        team_drive =

        [crypt]
        type = crypt
        remote = b2:dana-backups
        password = @@obs@@
    """, kid=b2_key_id(), bk=P("backblaze", b2_app_key()), tok=tok, obs=P("rclone", rs(43, URLS))))

    adc_cs, adc_rt = P("google-oauth", google_client_secret()), P("google-oauth", google_refresh())
    WJ(b + ".config/gcloud/application_default_credentials.json", {
        "account": "", "client_id": f"{dg(12)}-{rs(32, LOWNUM)}.apps.googleusercontent.com",
        "client_secret": adc_cs, "quota_project_id": "acme-ledger-prod", "refresh_token": adc_rt,
        "type": "authorized_user", "universe_domain": "googleapis.com"})

    cd_gh, cd_br, cd_sl = P("github", gh("ghp_")), P("brave", brave()), P("slack", slack_bot())
    cd_pg = P("postgres", upw(20))
    WJ(b + "Library/Application Support/Claude/claude_desktop_config.json", {"mcpServers": {
        "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                   "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": cd_gh}},
        "brave-search": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-brave-search"],
                         "env": {"BRAVE_API_KEY": cd_br}},
        "slack": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-slack"],
                  "env": {"SLACK_BOT_TOKEN": cd_sl, "SLACK_TEAM_ID": "T" + rs(10, UPNUM)}},
        "postgres": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres",
                                                f"postgresql://dana:{cd_pg}@localhost:5433/shop_dev"]},
        "memory": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"]},
    }})

    WJ(b + ".codeium/windsurf/mcp_config.json", {"mcpServers": {
        "firecrawl": {"command": "npx", "args": ["-y", "firecrawl-mcp"],
                      "env": {"FIRECRAWL_API_KEY": P("firecrawl", firecrawl())}},
        "tavily": {"command": "npx", "args": ["-y", "tavily-mcp@0.1.4"],
                   "env": {"TAVILY_API_KEY": P("tavily", tavily())}},
        "github": {"command": "docker", "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN",
                                                 "ghcr.io/github/github-mcp-server"],
                   "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "${env:GITHUB_TOKEN}"}},
    }})

    WJ(b + ".config/zed/settings.json", {
        "theme": "One Dark", "ui_font_size": 15, "buffer_font_family": "JetBrains Mono",
        "assistant": {"version": "2", "default_model": {"provider": "anthropic", "model": "claude-3-5-sonnet-latest"}},
        "language_models": {"openai": {"api_url": "https://api.openai.com/v1"},
                            "ollama": {"api_url": "http://localhost:11434"}},
        "context_servers": {
            "perplexity": {"command": {"path": "npx", "args": ["-y", "server-perplexity-ask"],
                                       "env": {"PERPLEXITY_API_KEY": P("perplexity", pplx())}}},
            "postgres": {"command": {"path": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres"],
                                     "env": {"DATABASE_URL": "${DATABASE_URL}"}}},
        },
    })

    W(b + ".continue/config.yaml", T(r"""
        name: dana-local
        version: 0.0.1
        schema: v1
        models:
          - name: Codestral
            provider: mistral
            model: codestral-latest
            apiKey: @@mi@@
            roles: [autocomplete]
          - name: DeepSeek Chat
            provider: deepseek
            model: deepseek-chat
            apiKey: @@ds@@
          - name: Llama 3.3 (Groq)
            provider: groq
            model: llama-3.3-70b-versatile
            apiKey: ${{ secrets.GROQ_API_KEY }}
          - name: Local
            provider: ollama
            model: qwen2.5-coder:7b
        mcpServers:
          - name: sentry
            command: npx
            args: ["-y", "@sentry/mcp-server"]
            env:
              SENTRY_AUTH_TOKEN: @@snt@@
    """, mi=P("mistral", mistral()), ds=P("deepseek", deepseek()), snt=P("sentry", sentry_user())))

    W(b + ".gitconfig", T(r"""
        [user]
            name = Dana Kim
            email = dana@acme.io
            signingkey = @@gpg@@
        [commit]
            gpgsign = true
        [credential]
            helper = store
        [credential "https://github.com"]
            helper = !/opt/homebrew/bin/gh auth git-credential
        [url "git@github.com:"]
            insteadOf = https://github.com/
        [alias]
            lg = log --graph --oneline --decorate
    """, gpg=hx(16).upper()))

    W(b + ".config/fish/config.fish", T(r"""
        set -gx EDITOR nvim
        fish_add_path $HOME/.local/bin
        set -gx GROQ_API_KEY @@gq@@
        set -gx TOGETHER_API_KEY @@tg@@
        set -gx XAI_API_KEY (security find-generic-password -s xai -w)
        alias k kubectl
    """, gq=P("groq", groq()), tg=P("together", together_v1())))

    kjwt = P("jwt", jwt("RS256", {"iss": "kubernetes/serviceaccount", "kubernetes.io/serviceaccount/namespace": "ci",
                                   "kubernetes.io/serviceaccount/service-account.name": "deployer",
                                   "sub": "system:serviceaccount:ci:deployer", "jti": uid()}, sig=342))
    _, ckd = plant_b64("private-key", lambda: ec_pem() + "\n")
    W(b + ".kube/config", T(r"""
        apiVersion: v1
        kind: Config
        current-context: prod
        clusters:
          - name: prod
            cluster:
              server: https://@@eks@@.gr7.eu-west-1.eks.amazonaws.com
              certificate-authority-data: @@ca@@
          - name: homelab
            cluster:
              server: https://10.0.0.10:6443
              certificate-authority-data: @@ca2@@
        users:
          - name: ci-deployer
            user:
              token: @@kjwt@@
          - name: homelab-admin
            user:
              client-certificate-data: @@ccd@@
              client-key-data: @@ckd@@
          - name: prod-sso
            user:
              exec:
                apiVersion: client.authentication.k8s.io/v1beta1
                command: aws
                args: [eks, get-token, --cluster-name, prod]
        contexts:
          - name: prod
            context: { cluster: prod, user: prod-sso }
          - name: homelab
            context: { cluster: homelab, user: homelab-admin }
    """, eks=hx(32).upper(), ca=b64(cert_pem() + "\n"), ca2=b64(cert_pem() + "\n"), kjwt=kjwt,
                           ccd=b64(cert_pem() + "\n"), ckd=ckd))

    W(b + ".gemini/.env", "GEMINI_API_KEY=" + P("google", google_key()) + "\nGOOGLE_CLOUD_PROJECT=acme-ai-sandbox\n")
    WJ(b + ".gemini/settings.json", {"theme": "GitHub", "selectedAuthType": "gemini-api-key",
                                      "mcpServers": {"github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                                                                "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "$GITHUB_TOKEN"}}}})

    W(b + "bin/backup.sh", T(r"""
        #!/usr/bin/env bash
        set -euo pipefail
        export B2_ACCOUNT_ID=@@kid@@
        export B2_ACCOUNT_KEY=@@bk@@
        export RESTIC_REPOSITORY=b2:dana-backups:/laptop
        export RESTIC_PASSWORD='@@rp@@'
        restic backup ~/Documents ~/src --exclude-file ~/.config/restic/excludes
        restic forget --keep-daily 7 --keep-weekly 4 --prune
    """, kid=b2_key_id(), bk=P("backblaze", b2_app_key()), rp=P("generic", pw(24))))

    W(b + ".aider.conf.yml", T(r"""
        model: sonnet
        anthropic-api-key: @@k@@
        auto-commits: false
        dark-mode: true
        # openai-api-key: sk-...
    """, k=P("anthropic", anthropic())))

    WJ(b + ".claude/settings.json", {"permissions": {"allow": ["Bash(npm run test:*)", "Bash(git diff:*)"],
                                                      "deny": ["Read(./.env)", "Read(./secrets/**)"]},
                                      "env": {"ANTHROPIC_API_KEY": P("anthropic", anthropic()),
                                              "DISABLE_TELEMETRY": "1"},
                                      "model": "claude-sonnet-4-20250514"})



# ==========================================================================
# Project 7: agent-lab (AI agents, MCP configs, chat transcripts, support exports)
# ==========================================================================

def chatgpt_conv(title, turns, t0):
    mapping, prev = {}, None
    root = uid()
    mapping[root] = {"id": root, "message": None, "parent": None, "children": []}
    prev = root
    for i, (role, text) in enumerate(turns):
        mid = uid()
        mapping[prev]["children"].append(mid)
        mapping[mid] = {"id": mid, "message": {
            "id": mid, "author": {"role": role, "name": None, "metadata": {}},
            "create_time": t0 + i * 37.5, "update_time": None,
            "content": {"content_type": "text", "parts": [text]},
            "status": "finished_successfully", "end_turn": role == "assistant" or None, "weight": 1.0,
            "metadata": {"model_slug": "gpt-4o"} if role == "assistant" else {},
            "recipient": "all"}, "parent": prev, "children": []}
        prev = mid
    return {"title": title, "create_time": t0, "update_time": t0 + len(turns) * 37.5, "mapping": mapping,
            "moderation_results": [], "current_node": prev, "conversation_id": uid(), "default_model_slug": "gpt-4o"}


def claude_conv(name, turns, day):
    msgs = []
    for i, (sender, text) in enumerate(turns):
        ts = f"2024-{day}T10:{10 + i:02d}:{R.randint(0, 59):02d}.{R.randint(0, 999999):06d}Z"
        msgs.append({"uuid": uid(), "text": text, "content": [{"start_timestamp": ts, "stop_timestamp": ts,
                                                                 "type": "text", "text": text, "citations": []}],
                     "sender": sender, "created_at": ts, "updated_at": ts, "attachments": [], "files": []})
    return {"uuid": uid(), "name": name, "created_at": msgs[0]["created_at"], "updated_at": msgs[-1]["updated_at"],
            "account": {"uuid": uid()}, "chat_messages": msgs}


def slack_msg(user, text, ts):
    return {"client_msg_id": uid(), "type": "message", "text": text, "user": user, "ts": ts,
            "blocks": [{"type": "rich_text", "block_id": rs(5, URLS),
                        "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}]}],
            "team": "T04QKZ9H3JL", "user_team": "T04QKZ9H3JL", "source_team": "T04QKZ9H3JL",
            "user_profile": {"avatar_hash": hx(12), "first_name": user[-3:], "real_name": "", "display_name": "",
                             "team": "T04QKZ9H3JL", "name": user.lower(), "is_restricted": False,
                             "is_ultra_restricted": False}}


def proj_agent():
    b = "agent-lab/"
    oadm, antadm = P("openai", openai_new("admin")), P("anthropic", anthropic("admin01"))
    tv, lsp = P("tavily", tavily()), P("langsmith", langsmith("pt"))
    lfs, lfp = P("langfuse", langfuse_sk()), langfuse_pk()
    hel, el = P("helicone", helicone()), P("elevenlabs", elevenlabs())
    gk, xk, pp = P("google", google_key()), P("xai", xai()), P("perplexity", pplx())
    e2 = P("e2b", e2b())
    azo = P("azure-openai", azure_openai())
    W(b + ".env", T(r"""
        # agent-lab runtime config
        OPENAI_API_KEY=@@oadm@@
        ANTHROPIC_ADMIN_KEY=@@antadm@@
        ANTHROPIC_API_KEY=${ANTHROPIC_API_KEY}
        TAVILY_API_KEY=@@tv@@
        LANGSMITH_TRACING=true
        LANGSMITH_ENDPOINT=https://api.smith.langchain.com
        LANGSMITH_API_KEY=@@lsp@@
        LANGSMITH_PROJECT=agent-lab
        LANGFUSE_PUBLIC_KEY=@@lfp@@
        LANGFUSE_SECRET_KEY=@@lfs@@
        LANGFUSE_HOST=https://cloud.langfuse.com
        HELICONE_API_KEY=@@hel@@
        ELEVENLABS_API_KEY=@@el@@
        GOOGLE_API_KEY=@@gk@@
        XAI_API_KEY=@@xk@@
        PERPLEXITY_API_KEY=@@pp@@
        E2B_API_KEY=@@e2@@
        AZURE_OPENAI_ENDPOINT=https://acme-agents-eastus2.openai.azure.com/
        AZURE_OPENAI_API_KEY=@@azo@@
        AZURE_OPENAI_API_VERSION=2024-08-01-preview
    """, oadm=oadm, antadm=antadm, tv=tv, lsp=lsp, lfp=lfp, lfs=lfs, hel=hel, el=el, gk=gk, xk=xk, pp=pp, e2=e2,
                            azo=azo))

    WJ(b + "langgraph.json", {"dependencies": ["."], "graphs": {"researcher": "./src/agent/graph.py:graph"},
                              "env": ".env", "python_version": "3.11"})

    tvd = P("tavily", tavily(dev=True))
    W(b + "src/agent/graph.py", T(r'''
        import os
        from typing import Annotated, TypedDict

        from langchain_anthropic import ChatAnthropic
        from langgraph.graph import END, StateGraph
        from langgraph.graph.message import add_messages
        from tavily import TavilyClient

        llm = ChatAnthropic(model="claude-3-5-sonnet-20241022", api_key=os.environ["ANTHROPIC_API_KEY"])
        tavily = TavilyClient(api_key="@@tvd@@")


        class State(TypedDict):
            messages: Annotated[list, add_messages]


        def research(state: State):
            q = state["messages"][-1].content
            hits = tavily.search(q, max_results=5)
            return {"messages": [llm.invoke(f"Answer using these sources: {hits}\n\nQ: {q}")]}


        g = StateGraph(State)
        g.add_node("research", research)
        g.set_entry_point("research")
        g.add_edge("research", END)
        graph = g.compile()
    ''', tvd=tvd))

    fc, jn = P("firecrawl", firecrawl()), P("jina", jina())
    W(b + "src/agent/tools/search.py", T(r'''
        import httpx
        from firecrawl import FirecrawlApp

        app = FirecrawlApp(api_key="@@fc@@")
        JINA_HEADERS = {"Authorization": "Bearer @@jn@@", "X-Return-Format": "markdown"}


        def scrape(url: str) -> str:
            return app.scrape_url(url, params={"formats": ["markdown"]})["markdown"]


        def read(url: str) -> str:
            return httpx.get(f"https://r.jina.ai/{url}", headers=JINA_HEADERS, timeout=30).text


        def auth_header(token: str) -> dict:
            return {"Authorization": f"Bearer {token}"}
    ''', fc=fc, jn=jn))

    ell = P("elevenlabs", hx(32))
    W(b + "src/agent/voice.py", T(r'''
        from elevenlabs.client import ElevenLabs

        # old workspace key, still used by the demo kiosk
        ELEVEN_API_KEY = "@@ell@@"
        VOICE_ID = "@@vid@@"

        client = ElevenLabs(api_key=ELEVEN_API_KEY)


        def speak(text: str) -> bytes:
            audio = client.text_to_speech.convert(voice_id=VOICE_ID, model_id="eleven_turbo_v2_5", text=text)
            return b"".join(audio)
    ''', ell=ell, vid=rs(20)))

    pcm = P("pinecone", pinecone())
    W(b + "src/agent/memory.py", T(r'''
        from pinecone import Pinecone, ServerlessSpec

        pc = Pinecone(
            api_key="@@pcm@@"
        )
        INDEX = "agent-memory"

        if INDEX not in pc.list_indexes().names():
            pc.create_index(INDEX, dimension=1536, metric="cosine", spec=ServerlessSpec(cloud="aws", region="us-east-1"))

        index = pc.Index(INDEX)
    ''', pcm=pcm))

    W(b + "src/agent/sandbox.py", T(r'''
        from e2b_code_interpreter import Sandbox

        def run(code: str, api_key: str | None = None) -> str:
            with Sandbox(api_key=api_key or "@@e2@@", timeout=120) as sb:
                ex = sb.run_code(code)
                return "\n".join(ex.logs.stdout)
    ''', e2=P("e2b", e2b())))

    W(b + "crew/config/agents.yaml", T(r"""
        researcher:
          role: Senior market researcher
          goal: Find the three most relevant competitor launches for {topic}
          backstory: You have ten years of experience in retail analytics.
          llm: groq/llama-3.3-70b-versatile
        writer:
          role: Briefing writer
          goal: Turn research into a one-page brief
          backstory: Former newspaper editor. Never includes credentials or API keys in output.
          llm: azure/gpt-4o
    """))
    azc = P("azure-openai", azure_openai())
    W(b + "crew/crew.py", T(r'''
        from crewai import LLM, Agent, Crew, Process, Task
        from crewai.project import CrewBase, agent, crew, task

        azure_llm = LLM(
            model="azure/gpt-4o",
            api_key="@@azc@@",
            base_url="https://acme-agents-eastus2.openai.azure.com/",
            api_version="2024-08-01-preview",
        )


        @CrewBase
        class BriefingCrew:
            agents_config = "config/agents.yaml"

            @agent
            def writer(self) -> Agent:
                return Agent(config=self.agents_config["writer"], llm=azure_llm)

            @crew
            def crew(self) -> Crew:
                return Crew(agents=self.agents, tasks=self.tasks, process=Process.sequential)
    ''', azc=azc))

    W(b + "litellm/config.yaml", T(r"""
        model_list:
          - model_name: claude-sonnet
            litellm_params:
              model: bedrock/anthropic.claude-3-5-sonnet-20241022-v2:0
              aws_region_name: us-east-1
              api_key: @@br@@
          - model_name: gpt-4o
            litellm_params:
              model: azure/gpt-4o
              api_base: https://acme-agents-eastus2.openai.azure.com/
              api_key: os.environ/AZURE_API_KEY
          - model_name: llama-70b
            litellm_params:
              model: together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo
              api_key: @@tg@@
          - model_name: qwen-72b
            litellm_params:
              model: fireworks_ai/accounts/fireworks/models/qwen2p5-72b-instruct
              api_key: "@@fw@@"
        litellm_settings:
          drop_params: true
        general_settings:
          master_key: sk-1234
          database_url: os.environ/DATABASE_URL
    """, br=P("aws-bedrock", bedrock()), tg=P("together", together_v1()), fw=P("fireworks", fireworks())))

    W(b + "autogen/OAI_CONFIG_LIST", json.dumps([
        {"model": "gpt-4o", "api_key": P("openai", openai_new("proj"))},
        {"model": "gpt-4o-mini", "api_key": "sk-xxxx", "tags": ["cheap"]},
        {"model": "gpt-4o", "api_type": "azure", "base_url": "https://acme-agents-eastus2.openai.azure.com/",
         "api_version": "2024-08-01-preview", "api_key": P("azure-openai", azure_openai())},
    ], indent=4))

    W(b + "config/agents.toml", T(r"""
        [defaults]
        temperature = 0.2
        max_tokens = 2048
        request_id_header = "X-Request-Id"

        [providers.deepseek]
        base_url = "https://api.deepseek.com"
        api_key = "@@ds@@"

        [providers.groq]
        base_url = "https://api.groq.com/openai/v1"
        api_key = "@@gq@@"

        [providers.mistral]
        mistral_api_key = "@@mi@@"

        [providers.cohere]
        # cohere key for rerank
        key = "@@co@@"

        [providers.openai]
        api_key = "${OPENAI_API_KEY}"
    """, ds=P("deepseek", deepseek()), gq=P("groq", groq()), mi=P("mistral", mistral()), co=P("cohere", cohere())))

    WJ(b + ".mcp.json", {"mcpServers": {
        "github": {"type": "stdio", "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                   "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_TOKEN}"}},
        "notion": {"type": "stdio", "command": "npx", "args": ["-y", "@notionhq/notion-mcp-server"],
                   "env": {"OPENAPI_MCP_HEADERS": json.dumps({"Authorization": "Bearer " + P("notion", notion_new()),
                                                              "Notion-Version": "2022-06-28"})}},
        "sentry": {"type": "stdio", "command": "npx", "args": ["-y", "@sentry/mcp-server@latest",
                                                                "--access-token=" + P("sentry", sentry_user())]},
        "context7": {"type": "http", "url": "https://mcp.context7.com/mcp"},
    }})

    WJ(b + ".vscode/mcp.json", {
        "inputs": [{"type": "promptString", "id": "grafana-key", "description": "Grafana API key", "password": True}],
        "servers": {
            "grafana": {"command": "mcp-grafana", "args": [],
                        "env": {"GRAFANA_URL": "https://acme.grafana.net",
                                "GRAFANA_API_KEY": P("grafana", grafana_sa())}},
            "grafana-staging": {"command": "mcp-grafana", "args": [],
                                "env": {"GRAFANA_URL": "https://acme-staging.grafana.net",
                                        "GRAFANA_API_KEY": "${input:grafana-key}"}},
        }})

    WJ(b + ".cursor/mcp.json", {"mcpServers": {
        "postman": {"command": "npx", "args": ["-y", "@postman/postman-mcp-server"],
                    "env": {"POSTMAN_API_KEY": P("postman", postman())}},
        "datadog": {"command": "npx", "args": ["-y", "@winor30/mcp-server-datadog"],
                    "env": {"DATADOG_API_KEY": P("datadog", hx(32)), "DATADOG_APP_KEY": P("datadog", hx(40)),
                            "DATADOG_SITE": "datadoghq.eu"}},
        "grafana-cloud": {"command": "npx", "args": ["-y", "grafana-cloud-mcp"],
                          "env": {"GRAFANA_CLOUD_TOKEN": P("grafana", grafana_cloud())}},
    }})

    # ---- ChatGPT export ----
    oa_c = P("openai", openai_new("proj"))
    gq_c, pgpw_c = P("groq", groq()), P("postgres", upw(18))
    masked = oa_c[:7] + "..." + oa_c[-4:]
    conv1 = chatgpt_conv("Fix 401 from OpenAI API", [
        ("user", "why does this return 401??\n\ncurl https://api.openai.com/v1/chat/completions \\\n  -H \"Content-Type: application/json\" \\\n"
                 f"  -H \"Authorization: Bearer {oa_c}\" \\\n  -d '{{\"model\": \"gpt-4o\", \"messages\": [{{\"role\": \"user\", \"content\": \"ping\"}}]}}'"),
        ("assistant", f"A 401 means the key was rejected. A few things to check:\n\n1. The key `{masked}` may belong to a project without access to `gpt-4o`.\n"
                      "2. Make sure there is no trailing newline: `export OPENAI_API_KEY=$(cat key.txt | tr -d '\\n')`.\n"
                      "3. Use `-H \"Authorization: Bearer $OPENAI_API_KEY\"` instead of pasting the key.\n\n"
                      "**Also: you just pasted a live key into a chat. Revoke it at https://platform.openai.com/api-keys and create a new one.**"),
        ("user", "ok thanks, rotated"),
    ], 1717000000.0)
    conv2 = chatgpt_conv("docker compose postgres won't start", [
        ("user", "my compose file:\n\nservices:\n  db:\n    image: postgres:16\n    environment:\n"
                 f"      POSTGRES_PASSWORD: {pgpw_c}\n  agent:\n    environment:\n      GROQ_API_KEY: {gq_c}\n"
                 "\nerror: database files are incompatible with server"),
        ("assistant", "Your volume was initialised by Postgres 15. Either `docker compose down -v` (destroys data) or run "
                      "`pg_upgrade`. Also move `POSTGRES_PASSWORD` and `GROQ_API_KEY` into an `.env` file and reference them as "
                      "`${POSTGRES_PASSWORD}` / `${GROQ_API_KEY}`."),
    ], 1717100000.0)
    WJ(b + "transcripts/chatgpt-export/conversations.json", [conv1, conv2])

    # ---- Claude export ----
    sk_c = P("stripe", stripe("sk"))
    twk, tws = twilio_key(), P("twilio", rs(32))
    conv3 = claude_conv("Refactor env loading", [
        ("human", "Can you turn this .env into a typed config class?\n\n```\nSTRIPE_SECRET_KEY=" + sk_c +
                  "\nTWILIO_API_KEY=" + twk + "\nTWILIO_API_SECRET=" + tws + "\nPORT=8080\n```"),
        ("assistant", "Here's a pydantic-settings version. Note I replaced your real values with placeholders:\n\n```python\n"
                      "class Settings(BaseSettings):\n    stripe_secret_key: SecretStr  # sk_live_...\n    twilio_api_key: str\n"
                      "    twilio_api_secret: SecretStr\n    port: int = 8080\n```\n\nYou should rotate the Stripe key since it was shared here."),
        ("human", "the twilio client still fails, this is what I have:\n\nclient = Client('" + twk + "', '" + tws + "', account_sid)"),
        ("assistant", "The API key SID and secret look right; make sure `account_sid` is the `AC...` id of the same account."),
    ], "05-28")
    WJ(b + "transcripts/claude-export/conversations.json", [conv3])

    # ---- agent session JSONL ----
    hf_s, gq_s = P("huggingface", hf()), P("groq", groq())
    oa_s, ant_s = P("openai", openai_legacy()), P("anthropic", anthropic())
    ls_s = P("langsmith", langsmith("sk"))
    sess = []
    sid = uid()

    def ev(typ, msg, **kw):
        d = {"type": typ, "sessionId": sid, "uuid": uid(), "timestamp": f"2024-06-03T09:{len(sess):02d}:11.{R.randint(100, 999)}Z",
             "message": msg}
        d.update(kw)
        sess.append(json.dumps(d))

    ev("user", {"role": "user", "content": "check which HF account the training box is logged in as"})
    tu = "toolu_" + rs(24)
    ev("assistant", {"role": "assistant", "content": [{"type": "tool_use", "id": tu, "name": "Bash",
                                                        "input": {"command": f"export HF_TOKEN={hf_s} && huggingface-cli whoami"}}]})
    ev("user", {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tu, "content": "acme-ml-bot\norgs: acme"}]})
    tu2 = "toolu_" + rs(24)
    ev("assistant", {"role": "assistant", "content": [{"type": "tool_use", "id": tu2, "name": "Bash",
                                                        "input": {"command": "env | grep -i _KEY"}}]})
    ev("user", {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tu2,
                                              "content": f"OPENAI_API_KEY={oa_s}\nANTHROPIC_API_KEY={ant_s}\nPASSWORD_MIN_LENGTH=12"}]})
    ev("assistant", {"role": "assistant", "content": [{"type": "text", "text": "Both provider keys are set. I won't print them again."}]})
    sess.append(json.dumps({"role": "assistant", "content": None, "tool_calls": [
        {"id": "call_" + rs(24), "type": "function",
         "function": {"name": "run_shell", "arguments": json.dumps({"cmd": f"curl -s https://api.groq.com/openai/v1/models -H 'Authorization: Bearer {gq_s}'"})}}]}))
    sess.append(json.dumps({"role": "tool", "tool_call_id": "call_" + rs(24), "content": "{\"object\":\"list\",\"data\":[{\"id\":\"llama-3.3-70b-versatile\"}]}"}))
    ev("user", {"role": "user", "content": f"set LANGSMITH_API_KEY={ls_s} in the systemd unit and restart the worker"})
    ev("assistant", {"role": "assistant", "content": [{"type": "text", "text": "Done. The unit now reads `Environment=LANGSMITH_API_KEY=...` (value hidden)."}]})
    W(b + "transcripts/sessions/2024-06-03.jsonl", "\n".join(sess))

    ant_md = P("anthropic", anthropic())
    W(b + "transcripts/debug-streaming-401.md", T(r"""
        # Debugging session: streaming requests return 401

        **User:**
        Streaming works locally but not on the staging box. Here's exactly what I run there:

        ```bash
        curl https://api.anthropic.com/v1/messages \
          -H "x-api-key: @@ant_md@@" \
          -H "anthropic-version: 2023-06-01" \
          -H "content-type: application/json" \
          -d '{"model": "claude-3-5-sonnet-20241022", "max_tokens": 256, "stream": true,
               "messages": [{"role": "user", "content": "hello"}]}'
        ```

        **Assistant:**
        The request itself is fine. On staging the environment probably sets `ANTHROPIC_API_KEY` to an
        older value that overrides yours. Check with `printenv ANTHROPIC_API_KEY | cut -c1-12` and compare it
        with the first characters of the key you expect (`sk-ant-api03-...`). Avoid pasting full keys; use
        `-H "x-api-key: $ANTHROPIC_API_KEY"` instead.

        **User:**
        it was the systemd unit. `Environment=ANTHROPIC_API_KEY=sk-ant-api03-XXXXXXXXXXXX` was a placeholder. fixed!
    """, ant_md=ant_md))

    # ---- Slack export ----
    dda, xp, xa = P("datadog", hx(40)), P("slack", slack_user()), P("slack", slack_app())
    nl = P("notion", notion_legacy())
    t = 1716290000
    msgs = []
    for user, text in [
        ("U05A1B2C3D4", "anyone know why the datadog monitor sync job is failing?"),
        ("U05E6F7G8H9", f"it's using an app key from an offboarded user. new datadog app key: {dda} (scoped to monitors_read)"),
        ("U05A1B2C3D4", "thanks! and please don't paste keys in channels next time, use 1password share links"),
        ("U05J0K1L2M3", f"for the slack bolt app I need the app-level token, is it `{xa}`?"),
        ("U05E6F7G8H9", "yes but rotate it after the migration"),
        ("U05J0K1L2M3", f"my user token for the export script: {xp}"),
        ("U05N4P5Q6R7", "notion integration secret for the docs sync is " + nl),
        ("U05A1B2C3D4", "the old stripe key (sk_live_...3kQ2) is revoked, new one is in vault under secret/billing/stripe"),
        ("U05N4P5Q6R7", "request id for the failing call was " + uid()),
    ]:
        t += R.randint(30, 600)
        msgs.append(slack_msg(user, text, f"{t}.{R.randint(100000, 999999)}"))
    W(b + "support/slack-export/eng-oncall/2024-05-21.json", json.dumps(msgs, indent=4))

    # ---- Discord export ----
    dbt, r8d, tgd = P("discord", discord_bot()), P("replicate", replicate()), P("telegram", telegram())
    dmsgs = []
    for name, content in [
        ("kiri", "bot keeps disconnecting with 4004"),
        ("mods", "4004 = authentication failed. is the token right?"),
        ("kiri", f"client.run('{dbt}')"),
        ("mods", "that's the token. reset it NOW in the developer portal, this channel is public"),
        ("pallas", f"unrelated: replicate returns 402 for me, token {r8d}"),
        ("mods", "402 is billing, add a card"),
        ("juno", f"telegram bridge uses {tgd} if anyone wants to debug it"),
        ("mods", "please stop posting tokens :("),
    ]:
        dmsgs.append({"id": dg(19), "type": "Default", "timestamp": f"2024-05-{R.randint(10, 28)}T1{R.randint(0, 9)}:{R.randint(10, 59)}:00.{R.randint(100, 999)}+00:00",
                      "timestampEdited": None, "callEndedTimestamp": None, "isPinned": False, "content": content,
                      "author": {"id": dg(18), "name": name, "discriminator": "0000", "nickname": name, "color": None,
                                 "isBot": False, "roles": [], "avatarUrl": f"https://cdn.discordapp.com/embed/avatars/{R.randint(0, 5)}.png"},
                      "attachments": [], "embeds": [], "stickers": [], "reactions": [], "mentions": [], "inlineEmojis": []})
    WJ(b + "support/discord-export/acme-dev-help.json", {
        "guild": {"id": dg(18), "name": "Acme Developers", "iconUrl": "https://cdn.discordapp.com/icons/x.png"},
        "channel": {"id": dg(18), "type": "GuildTextChat", "categoryId": dg(18), "category": "Support",
                    "name": "dev-help", "topic": "Ask questions here. Never post tokens."},
        "dateRange": {"after": None, "before": None}, "exportedAt": "2024-06-01T08:00:00.000+00:00",
        "messages": dmsgs, "messageCount": len(dmsgs)})

    # ---- support tickets ----
    mgn = P("mailgun", mailgun_new())
    W(b + "support/tickets/TCK-4821.md", T(r"""
        ---
        ticket: TCK-4821
        status: solved
        priority: high
        requester: ops@northwind-retail.com
        assignee: support-l2
        created: 2024-05-30T14:02:11Z
        tags: [email-delivery, api]
        ---

        ## Customer (2024-05-30 14:02)
        Our order confirmation emails stopped going out after we switched regions. We use your Mailgun
        integration with this key: @@mgn@@ and the domain mg.northwind-retail.com.
        Webhook signing key is set too. Request ID from your dashboard: @@rid@@

        ## Agent: Priya (2024-05-30 14:40)
        Thanks! The EU region needs `https://api.eu.mailgun.net`. I've also flagged that the key was shared
        in plain text; please rotate it (Settings -> API keys). For future tickets send only the last four
        characters, e.g. `...@@last@@`.

        ## Customer (2024-05-30 15:05)
        Working now, rotated. Thanks!
    """, mgn=mgn, rid=uid(), last=mgn[-4:]))

    ok_t = P("okta", okta())
    _, basic = plant_b64("http-basic-auth", lambda: "svc-integration:" + pw(18))
    W(b + "support/tickets/TCK-4907.eml", T(r"""
        Return-Path: <it-admin@contoso-logistics.com>
        Received: from mail-eopbgr.outbound.protection.outlook.com (10.1.2.3) by mx.acme.io
        Message-ID: <@@mid@@@contoso-logistics.com>
        Date: Mon, 03 Jun 2024 09:12:44 +0000
        From: "IT Admin" <it-admin@contoso-logistics.com>
        To: support@acme.io
        Subject: [TCK-4907] SSO provisioning fails with 403
        MIME-Version: 1.0
        Content-Type: text/plain; charset="utf-8"
        DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=contoso-logistics.com; s=selector1;
         h=From:Date:Subject:Message-ID; bh=@@bh@@;
         b=@@dkim@@

        Hi Acme support,

        SCIM provisioning from our Okta tenant fails. We tested the Okta side like this and it works:

          curl -H "Authorization: SSWS @@ok_t@@" https://contoso.okta.com/api/v1/users?limit=1

        Your SCIM endpoint returns 403 though. We call it with:

          Authorization: Basic @@basic@@

        Our tenant id is @@tid@@.

        Thanks,
        Contoso IT
    """, mid=uid(), bh=b64(rbytes(32)), dkim=b64(rbytes(256)), ok_t=ok_t, basic=basic, tid=uid()))

    zd = []
    nrak, pmk = P("newrelic", nr_user()), P("postman", postman())
    for i, (subj, body) in enumerate([
        ("Alerts not firing", f"We connected New Relic with user key {nrak} but no alerts arrive."),
        ("Collection import", f"Postman sync fails. API key {pmk}, workspace id {uid()}"),
        ("Invoice copy", "Please resend invoice INV-2024-0519. Our VAT id is DE298761543."),
        ("Password reset", "I did not receive the password reset email; token in link was expired (token=<redacted>)."),
    ]):
        zd.append(json.dumps({"id": 88100 + i, "subject": subj, "status": "solved", "requester_id": int(dg(11)),
                              "created_at": f"2024-05-{10 + i}T09:00:00Z", "description": body, "tags": ["api"]}))
    W(b + "support/zendesk-tickets.jsonl", "\n".join(zd))

    # ---- notebook ----
    ls_n, oa_n = P("langsmith", langsmith("sk")), P("openai", openai_new("proj"))
    env_out = ("environ({'HOME': '/home/jovyan', 'PATH': '/opt/conda/bin:/usr/local/bin:/usr/bin',\n"
               f"         'LANGSMITH_API_KEY': '{ls_n}',\n"
               f"         'OPENAI_API_KEY': '{oa_n}',\n"
               "         'JUPYTER_SERVER_ROOT': '/home/jovyan', 'PYTHONUNBUFFERED': '1'})")
    notebook(b + "notebooks/agent_eval.ipynb", [
        md("# Agent eval\nCompare researcher graph runs across models."),
        code(f"""
            import os
            os.environ["LANGSMITH_API_KEY"] = "{ls_n}"
            os.environ["LANGSMITH_PROJECT"] = "agent-lab-evals"
        """),
        code("""
            os.environ
        """, [("result", env_out)]),
        code("""
            from langsmith import Client
            client = Client()
            runs = list(client.list_runs(project_name="agent-lab-evals", limit=3))
            [(r.id, r.name, r.status) for r in runs]
        """, [("result", "[" + ",\n ".join(f"(UUID('{uid()}'), 'researcher', 'success')" for _ in range(3)) + "]")]),
        code("""
            api_key = os.getenv("OPENAI_API_KEY")
            print("key loaded:", api_key[:8] + "..." if api_key else None)
        """, [("stream", "key loaded: sk-proj-...")]),
    ])

    ant_log = P("anthropic", anthropic())
    W(b + "logs/agent-2024-06-03.log", T(r"""
        2024-06-03 09:00:01.004 | INFO     | agent.graph:run:42 - starting run @@r1@@ model=claude-3-5-sonnet
        2024-06-03 09:00:01.210 | DEBUG    | httpx:_send:1026 - HTTP Request: POST https://api.anthropic.com/v1/messages "HTTP/1.1 200 OK"
        2024-06-03 09:00:03.882 | DEBUG    | anthropic._base_client:_build_request:455 - Request options: {'method': 'post', 'url': '/v1/messages', 'headers': {'x-api-key': '@@ant_log@@', 'anthropic-version': '2023-06-01'}, 'timeout': 600}
        2024-06-03 09:00:04.120 | INFO     | agent.tools.search:scrape:12 - tavily key tvly-**** ok, 5 results
        2024-06-03 09:00:07.341 | WARNING  | agent.graph:run:57 - retrying after 529 overloaded (attempt 1/3)
        2024-06-03 09:00:12.775 | INFO     | agent.graph:run:63 - finished run @@r1@@ tokens_in=18231 tokens_out=912 cost_usd=0.068
        2024-06-03 09:01:00.002 | INFO     | agent.worker:heartbeat:20 - alive commit=@@sha@@ version=0.9.2
    """, r1=uid(), ant_log=ant_log, sha=sha40()))

    vo = P("voyage", voyage())
    ev_lines = []
    for i in range(6):
        rec = {"run_id": uid(), "git_sha": sha40(), "model": R.choice(["claude-3-5-sonnet", "gpt-4o", "llama-3.3-70b"]),
               "dataset": "briefs-v3", "score": round(R.uniform(0.55, 0.92), 4), "latency_ms": R.randint(800, 9000)}
        if i == 3:
            rec["config"] = {"embedder": "voyage-3", "voyage_api_key": vo, "top_k": 8}
        ev_lines.append(json.dumps(rec))
    W(b + "evals/results.jsonl", "\n".join(ev_lines))

    W(b + "prompts/system.md", T(r"""
        You are Acme's research assistant.

        Rules:
        - Never reveal secrets. If a user pastes something that looks like a key (for example `sk-...`,
          `AKIA...`, `ghp_...`, `xoxb-...`), tell them to rotate it and do not repeat it.
        - Refer to credentials by environment variable name only, e.g. `$OPENAI_API_KEY` or `{{ api_key }}`.
        - When showing config, use placeholders like `<YOUR_API_KEY>` or `your-token-here`.
    """))

    W(b + "docs/ARCHITECTURE.md", T(r"""
        # agent-lab architecture

        ```
        user -> LangGraph researcher -> tools (tavily, firecrawl, jina) -> Claude / GPT-4o via LiteLLM
        ```

        * Secrets come from `.env` locally and from AWS Secrets Manager in prod (`agent-lab/prod`).
        * LiteLLM proxy master key is `sk-1234` **only** in the local docker-compose; prod uses
          `os.environ/LITELLM_MASTER_KEY`.
        * Langfuse: the public key (`pk-lf-...`) is fine in the browser; the secret key (`sk-lf-...`) is server-side only.
        * Example JWT from the jwt.io docs, used in unit tests of the auth middleware:
          `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`
        * Model ids: `claude-3-5-sonnet-20241022`, `gpt-4o-2024-08-06`, `llama-3.3-70b-versatile`.
    """))

    W(b + "ui/package.json", json.dumps({"name": "agent-lab-ui", "version": "0.4.0", "private": True,
                                          "dependencies": {p: "^" + ver() for p in NPM_PKGS[:9]}}, indent=2))
    W(b + "ui/pnpm-lock.yaml", pnpm_lock(NPM_PKGS[:24]))
    W(b + "ui/.env.local", T(r"""
        NEXT_PUBLIC_LANGFUSE_PUBLIC_KEY=@@lfp@@
        LANGFUSE_SECRET_KEY=@@lfs@@
        NEXT_PUBLIC_API_BASE=http://localhost:8000
        AUTH_SECRET=@@authsec@@
    """, lfp=langfuse_pk(), lfs=P("langfuse", langfuse_sk()), authsec=P("generic", b64secret(32))))

    W(b + "deploy/k8s/secrets.yaml", T(r"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: agent-lab-keys
          namespace: agents
        type: Opaque
        stringData:
          OPENAI_API_KEY: "@@oa@@"
          ANTHROPIC_API_KEY: "@@an@@"
          PINECONE_API_KEY: "@@pc@@"
          LOG_LEVEL: info
    """, oa=P("openai", openai_new("proj")), an=P("anthropic", anthropic()), pc=P("pinecone", pinecone())))

    W(b + "deploy/helm/values.yaml", T(r"""
        image:
          repository: ghcr.io/acme/agent-lab
          tag: 0.9.2
        env:
          HELICONE_BASE_URL: https://oai.helicone.ai/v1
          LANGSMITH_TRACING: "true"
        secretEnv:
          HELICONE_API_KEY: @@hel@@
          XAI_API_KEY: @@xk@@
          OPENAI_API_KEY:
            secretKeyRef: { name: agent-lab-keys, key: OPENAI_API_KEY }
        ingress:
          enabled: true
          hosts: [agents.acme.io]
    """, hel=P("helicone", helicone()), xk=P("xai", xai())))


WPCH = B62 + "!#$%^&*()-_=+[]{}<>~;:,.|/?"


@clean
def wp_salt():
    return rs(64, WPCH)


def proj_legacy():
    """A WordPress site in the infra repo and a Django dashboard in agent-lab."""
    dbpw = P("wordpress", pw(22))
    salts = {k: P("wordpress", wp_salt()) for k in ("AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY",
                                                     "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT")}
    salt_lines = "\n".join(f"define( '{k}',{' ' * (17 - len(k))}'{v}' );" for k, v in salts.items())
    W("infra/sites/blog/wp-config.php", T(r"""
        <?php
        /**
         * The base configuration for WordPress (blog.acme.io)
         */

        // ** Database settings ** //
        define( 'DB_NAME', 'wp_blog' );
        define( 'DB_USER', 'wp_blog' );
        define( 'DB_PASSWORD', '@@dbpw@@' );
        define( 'DB_HOST', 'mysql.internal.acme.io' );
        define( 'DB_CHARSET', 'utf8mb4' );
        define( 'DB_COLLATE', '' );

        /**#@+
         * Authentication unique keys and salts.
         * Change these to different unique phrases! https://api.wordpress.org/secret-key/1.1/salt/
         */
        @@salts@@
        /**#@-*/

        $table_prefix = 'wp_';
        define( 'WP_DEBUG', false );
        define( 'WP_REDIS_PASSWORD', getenv( 'WP_REDIS_PASSWORD' ) );
        define( 'FS_METHOD', 'direct' );

        if ( ! defined( 'ABSPATH' ) ) {
        	define( 'ABSPATH', __DIR__ . '/' );
        }
        require_once ABSPATH . 'wp-settings.php';
    """, dbpw=dbpw, salts=salt_lines))

    dk = P("generic", django_key())
    s3id, s3sec = P("aws", aws_id()), P("aws", aws_secret())
    smtppw = P("mailgun", pw(20))
    W("agent-lab/dashboard/settings.py", T(r'''
        """Django settings for the agent-lab run dashboard."""
        import base64
        import os
        from pathlib import Path

        BASE_DIR = Path(__file__).resolve().parent.parent

        SECRET_KEY = "@@dk@@"
        DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
        ALLOWED_HOSTS = ["agents.acme.io", "localhost"]

        DATABASES = {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "dashboard",
                "USER": "dashboard",
                "PASSWORD": os.environ.get("DASHBOARD_DB_PASSWORD", ""),
                "HOST": "pg.internal.acme.io",
                "PORT": "5432",
            }
        }

        # django-storages, static exports bucket
        AWS_S3 = {
            "bucket_name": "acme-agent-dashboard",
            "access_key": "@@s3id@@",
            "secret_key": "@@s3sec@@",
            "region_name": "us-east-1",
        }

        EMAIL_CONFIG = """
        [smtp]
        host = smtp.mailgun.org
        port = 587
        user = postmaster@mg.acme.io
        password = @@smtppw@@
        """

        BANNER = base64.b64decode("@@banner@@").decode()
        AUTH_PASSWORD_VALIDATORS = [
            {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
            {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
        ]
        SESSION_COOKIE_SECURE = True
        CSRF_TRUSTED_ORIGINS = ["https://agents.acme.io"]
    ''', dk=dk, s3id=s3id, s3sec=s3sec, smtppw=smtppw, banner=b64("Welcome to the agent-lab dashboard")))


# ==========================================================================
# Checksummed tokens: extra correct ones + wrong-checksum lookalikes
# ==========================================================================

def proj_checksums():
    # dotfiles: legacy hub config with a lookalike
    W("dotfiles/.config/hub", T(r"""
        github.com:
        - user: danakim
          oauth_token: @@t@@
          protocol: https
    """, t=LK("github-lookalike", gh_bad("gho_"))))

    W("webshop/.env.ci", T(r"""
        # values used by the CI smoke job (rotated; kept for reference)
        CI=true
        NPM_TOKEN=@@n1@@
        GH_TOKEN=@@g1@@
        PLAYWRIGHT_BROWSERS_PATH=0
    """, n1=LK("npm-lookalike", npm_bad()), g1=LK("github-lookalike", gh_bad("ghp_"))))

    W("ledger-svc/scripts/release.sh", T(r"""
        #!/usr/bin/env bash
        set -euo pipefail
        # goreleaser needs a token with contents:write
        export GITHUB_TOKEN=${GITHUB_TOKEN:-@@g1@@}
        goreleaser release --clean
        # previous app installation token, expired:
        # GITHUB_TOKEN=@@g2@@
    """, g1=LK("github-lookalike", gh_bad("ghs_")), g2=LK("github-lookalike", gh_bad("ghs_"))))

    W("infra/scripts/mirror-repos.sh", T(r"""
        #!/usr/bin/env bash
        # Mirror public repos into the internal GitLab.
        set -euo pipefail
        GH_PAT="@@g1@@"
        GH_PAT_BACKUP="@@g2@@"
        for repo in ledger-svc billing-api webshop; do
          git clone --mirror "https://x-access-token:${GH_PAT}@github.com/acme/${repo}.git"
          git -C "${repo}.git" push --mirror "https://gitlab.internal.acme.io/mirror/${repo}.git"
        done
    """, g1=LK("github-lookalike", gh_bad("ghp_")), g2=P("github", gh("ghp_"))))

    W("infra/tools/status-page/.npmrc", T(r"""
        //registry.npmjs.org/:_authToken=@@n1@@
        # old automation token, revoked 2024-04
        #//registry.npmjs.org/:_authToken=@@n2@@
    """, n1=P("npm", npm_tok()), n2=LK("npm-lookalike", npm_bad())))

    W("agent-lab/ui/.npmrc", T(r"""
        auto-install-peers=true
        //registry.npmjs.org/:_authToken=@@n1@@
        //npm.pkg.github.com/:_authToken=@@g1@@
    """, n1=LK("npm-lookalike", npm_bad()), g1=LK("github-lookalike", gh_bad("ghp_"))))

    W("billing-api/src/main/resources/github-app.properties", T(r"""
        # GitHub App used to open dependency PRs
        github.app.id=@@appid@@
        github.app.installation-id=@@inst@@
        github.app.user-token=@@u1@@
        github.app.refresh-token=@@r1@@
        github.app.previous-user-token=@@u2@@
        github.app.previous-refresh-token=@@r2@@
        github.app.webhook-path=/hooks/github
    """, appid=dg(6), inst=dg(8), u1=P("github", gh("ghu_")), r1=P("github", gh("ghr_")),
                    u2=LK("github-lookalike", gh_bad("ghu_")), r2=LK("github-lookalike", gh_bad("ghr_"))))

    t1 = LK("github-lookalike", gh_bad("ghp_"))
    t2 = LK("npm-lookalike", npm_bad())
    W("agent-lab/transcripts/publish-help.md", T(r"""
        # Chat: publishing the ui package

        **User:** `npm publish` says 403. My ~/.npmrc has `//registry.npmjs.org/:_authToken=@@t2@@`
        and for the GitHub registry I use @@t1@@ - are those right?

        **Assistant:** Neither token validates (the last six characters are a checksum and they don't match),
        so they were probably mistyped when copied. Generate fresh ones with `npm token create` and
        `gh auth refresh -s write:packages`, and keep them in the environment as `NPM_TOKEN` / `GH_TOKEN`.
    """, t1=t1, t2=t2))

    W("ml-forecast/scripts/sync_labels.py", T(r'''
        """Sync GitHub issue labels across the ML repos."""
        import os

        import requests

        # token from the old bot account (deactivated)
        LEGACY_TOKEN = "@@g1@@"
        TOKEN = os.environ.get("GITHUB_TOKEN", LEGACY_TOKEN)
        ORG_TOKEN = "@@g2@@"
        REPOS = ["acme/ml-forecast", "acme/feature-store"]


        def labels(repo: str, token: str = TOKEN) -> list[dict]:
            r = requests.get(f"https://api.github.com/repos/{repo}/labels",
                             headers={"Authorization": f"token {token}"}, timeout=10)
            r.raise_for_status()
            return r.json()
    ''', g1=LK("github-lookalike", gh_bad("ghp_")), g2=P("github", gh("ghp_"))))

    W("dotfiles/.config/npm/tokens.txt", T(r"""
        # npm tokens (publish = automation, read = ci)
        publish @@n1@@
        read    @@n2@@
    """, n1=P("npm", npm_tok()), n2=LK("npm-lookalike", npm_bad())))

    W("ledger-svc/internal/notify/github.go", T(r"""
        package notify

        import (
        	"context"

        	"github.com/google/go-github/v62/github"
        )

        // deployment status bot (user-to-server token from the device flow)
        var gh = github.NewClient(nil).WithAuthToken("@@u1@@")

        // kept for the rollback tool; refresh token for the same grant
        const ghRefresh = "@@r1@@"

        func DeploymentStatus(ctx context.Context, owner, repo string, id int64, state string) error {
        	_, _, err := gh.Repositories.CreateDeploymentStatus(ctx, owner, repo, id, &github.DeploymentStatusRequest{State: &state})
        	return err
        }
    """, u1=LK("github-lookalike", gh_bad("ghu_")), r1=LK("github-lookalike", gh_bad("ghr_"))))


# ==========================================================================
# Labelling, writing, verification
# ==========================================================================

def _forms(anchor):
    fs = [anchor]
    e = json.dumps(anchor)[1:-1]
    if e != anchor:
        fs.append(e)
    return fs


def locate(files, plants):
    rows, per_plant = [], []
    for pl in plants:
        n = 0
        for path in sorted(files):
            content = files[path]
            for f in _forms(pl["anchor"]):
                i = content.find(f)
                while i != -1:
                    pos = i
                    if pl["start"]:
                        j = content.rfind(pl["start"], max(0, i - 300), i)
                        if j == -1:
                            raise RuntimeError(f"start marker not found for {pl['provider']} in {path}")
                        pos = j
                    rows.append((path, content.count("\n", 0, pos) + 1, pl["provider"]))
                    n += 1
                    i = content.find(f, i + 1)
        per_plant.append(n)
    rows = sorted(set(rows))
    return rows, per_plant


def write_all():
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    for path in sorted(FILES):
        fp = OUT / path
        fp.parent.mkdir(parents=True, exist_ok=True)
        with open(fp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(FILES[path])


def build():
    proj_ml()
    proj_web()
    proj_go()
    proj_java()
    proj_infra()
    proj_dotfiles()
    proj_agent()
    proj_legacy()
    proj_checksums()
    exp, counts = locate(FILES, PLANTS)
    for pl, n in zip(PLANTS, counts):
        if n == 0:
            raise RuntimeError(f"planted value never written: {pl['provider']} {pl['anchor'][:30]}")
    looks, lcounts = locate(FILES, LOOKS)
    for pl, n in zip(LOOKS, lcounts):
        if n == 0:
            raise RuntimeError(f"lookalike never written: {pl['anchor']}")
    overlap = set((p, l) for p, l, _ in exp) & set((p, l) for p, l, _ in looks)
    if overlap:
        raise RuntimeError(f"lines labelled both secret and lookalike: {sorted(overlap)}")
    write_all()
    with open(OUT / "expected.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for p, l, prov in exp:
            fh.write(json.dumps({"path": p, "line": l, "provider": prov}) + "\n")
    with open(OUT / "lookalikes.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for p, l, prov in looks:
            fh.write(json.dumps({"path": p, "line": l, "provider": prov}) + "\n")
    return exp, looks, counts


GH_RE = re.compile(r"(?<![A-Za-z0-9_])((?:gh[pousr]|npm)_([A-Za-z0-9]{30})([A-Za-z0-9]{6}))(?![A-Za-z0-9])")


def verify():
    """Independent checks that read the corpus back from disk."""
    errors = []
    exp = [json.loads(x) for x in (OUT / "expected.jsonl").read_text().splitlines()]
    looks = [json.loads(x) for x in (OUT / "lookalikes.jsonl").read_text().splitlines()]
    disk = {}
    for fp in sorted(OUT.rglob("*")):
        if fp.is_file():
            rel = fp.relative_to(OUT).as_posix()
            if rel in ("expected.jsonl", "lookalikes.jsonl"):
                continue
            disk[rel] = fp.read_text(encoding="utf-8")
    # 1. JSON / notebooks / JSONL parse
    for rel, text in disk.items():
        name = rel.rsplit("/", 1)[-1]
        try:
            if rel.endswith((".json", ".ipynb")) or name == "OAI_CONFIG_LIST":
                obj = json.loads(text)
                if rel.endswith(".ipynb"):
                    assert obj["nbformat"] == 4 and isinstance(obj["cells"], list)
            elif rel.endswith(".jsonl"):
                for ln in text.splitlines():
                    if ln.strip():
                        json.loads(ln)
        except Exception as e:  # noqa: BLE001
            errors.append(f"parse error {rel}: {e}")
    # 2. every row points at its planted value (or the first line of a multi-line key)
    by_line = {}
    for r in exp:
        by_line.setdefault((r["path"], r["line"]), []).append(r["provider"])
    for reg, rows, kind in ((PLANTS, exp, "expected"), (LOOKS, looks, "lookalike")):
        found, _ = locate(disk, reg)
        want = sorted((r["path"], r["line"], r["provider"]) for r in rows)
        if found != want:
            errors.append(f"{kind}: relocated rows differ from file ({len(found)} vs {len(want)})")
        for path, line, prov in want:
            lines = disk[path].split("\n")
            here = lines[line - 1]
            window = "\n".join(lines[line - 1:line + 12])
            okrow = False
            for pl in reg:
                if pl["provider"] != prov:
                    continue
                for f in _forms(pl["anchor"]):
                    if f in here or (pl["start"] and pl["start"] in here and f in window):
                        okrow = True
            if not okrow:
                errors.append(f"{kind} row {path}:{line} does not contain a {prov} value")
    # 3. checksummed tokens: valid ones labelled as secrets, invalid ones as lookalikes
    look_lines = {(r["path"], r["line"]) for r in looks}
    n_valid = n_bad = 0
    for rel, text in disk.items():
        for m in GH_RE.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            valid = crc_tail(m.group(2)) == m.group(3)
            if valid:
                n_valid += 1
                if (rel, line) not in by_line:
                    errors.append(f"valid checksummed token not labelled: {rel}:{line}")
            else:
                n_bad += 1
                if (rel, line) not in look_lines:
                    errors.append(f"bad-checksum token not in lookalikes: {rel}:{line}")
    for pl in PLANTS:
        m = GH_RE.fullmatch(pl["value"])
        if m and crc_tail(m.group(2)) != m.group(3):
            errors.append(f"planted token with wrong checksum: {pl['value']}")
    for pl in LOOKS:
        m = GH_RE.fullmatch(pl["value"])
        if not m or crc_tail(m.group(2)) == m.group(3):
            errors.append(f"lookalike with valid checksum or bad shape: {pl['value']}")
    # 4. placeholder words never inside planted values
    for pl in PLANTS:
        if not ok(pl["value"]):
            errors.append(f"placeholder word in planted value {pl['value'][:30]}")
    # 5. documented example values are never labelled
    for rel, text in disk.items():
        for i, ln in enumerate(text.split("\n"), 1):
            if ("AKIAIOSFODNN7EXAMPLE" in ln or "EXAMPLEKEY" in ln or "sk-1234" in ln) and (rel, i) in by_line:
                errors.append(f"documented example labelled: {rel}:{i}")
    return errors, n_valid, n_bad, disk


def main():
    if "--verify-only" not in sys.argv:
        exp, looks, counts = build()
    else:
        # rebuild registries without writing
        proj_ml(); proj_web(); proj_go(); proj_java(); proj_infra(); proj_dotfiles(); proj_agent(); proj_legacy(); proj_checksums()
        exp = [json.loads(x) for x in (OUT / "expected.jsonl").read_text().splitlines()]
        looks = [json.loads(x) for x in (OUT / "lookalikes.jsonl").read_text().splitlines()]
    errors, n_valid, n_bad, disk = verify()
    provs = sorted({pl["provider"] for pl in PLANTS})
    exts = {}
    for rel in disk:
        name = rel.rsplit("/", 1)[-1]
        ext = name.rsplit(".", 1)[-1] if "." in name.lstrip(".") else name
        exts[ext] = exts.get(ext, 0) + 1
    print(f"files: {len(disk)}  planted values: {len(PLANTS)}  expected rows: {len(exp)}  "
          f"providers: {len(provs)}  lookalike rows: {len(looks)}")
    print(f"checksummed tokens on disk: valid={n_valid} wrong={n_bad}")
    print("providers:", ", ".join(provs))
    print("extensions:", ", ".join(f"{k}={v}" for k, v in sorted(exts.items(), key=lambda kv: -kv[1])))
    if errors:
        print("VERIFY FAILED:")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("verify: OK")


if __name__ == "__main__":
    main()
