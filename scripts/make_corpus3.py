#!/usr/bin/env python3
"""Build fixtures/corpus3: a held-out recall/precision corpus for keyhound.

The corpus is written independently of keyhound's rules and sources: every
planted credential is generated here, with a fixed seed, from the provider's
publicly documented token format (prefix, length, alphabet, and checksum where
one exists).  All credentials are FAKE: random values that were never issued
by any provider.

Outputs (relative to the repository root):

  fixtures/corpus3/<many files>     realistic files in ~30 formats
  fixtures/corpus3/expected.jsonl   one {"path","line","provider"} per planted secret
  fixtures/corpus3/lookalikes.jsonl same shape, GitHub/npm-format tokens whose
                                    CRC32 checksum is WRONG (must NOT be reported)

Everything that is not listed in expected.jsonl is a negative: placeholders,
variable references, hashes, UUIDs, public keys, certificates, redacted values,
publishable/public identifiers, lock-file integrity hashes and so on.

Line numbers are never written by hand: each planted value is registered while
the file text is built, and its line is computed from the final text.

Usage:  python3 scripts/make_corpus3.py        (deletes and rewrites the dir)
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import string
import struct
import sys
import uuid as _uuid
import zlib
import random
from pathlib import Path

SEED = 0x6B657933  # "key3"
R = random.Random(SEED)

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "fixtures" / "corpus3"

# --------------------------------------------------------------------------
# Alphabets and low-level random helpers
# --------------------------------------------------------------------------

DIGITS = string.digits
UPPER = string.ascii_uppercase
LOWER = string.ascii_lowercase
LETTERS = UPPER + LOWER
B62 = DIGITS + UPPER + LOWER          # GitHub's base62 alphabet (0-9A-Za-z)
B62_INV = DIGITS + LOWER + UPPER      # Go big.Int order, used only to make look-alikes robustly wrong
HEX = "0123456789abcdef"
HEXU = HEX.upper()
B64 = UPPER + LOWER + DIGITS + "+/"
B64URL = UPPER + LOWER + DIGITS + "-_"
LOWERNUM = LOWER + DIGITS
UPPERNUM = UPPER + DIGITS
B32 = UPPER + "234567"
BCRYPT64 = "./" + UPPER + LOWER + DIGITS
CRYPT64 = "./" + DIGITS + UPPER + LOWER
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

# Planted values must not look like placeholders; re-roll if one of these shows up.
BANNED = ("test", "example", "xxxx", "dummy", "fake", "sample", "1234", "abcd",
          "0000", "aaaa", "pass", "secret", "token", "demo", "todo", "redact",
          "your", "key", "fixme", "temp")


WORDS = tuple(b for b in BANNED if b.isalpha() and len(set(b)) > 1)


def _bad(s: str) -> bool:
    low = s.lower()
    return any(b in low for b in BANNED)


def _bad_blob(s: str) -> bool:
    """Looser check for encoded binary structures (zero runs like AAAA are normal)."""
    low = s.lower()
    return any(b in low for b in WORDS)


def rs(alphabet: str, n: int) -> str:
    """Random string; first/last char alphanumeric, no placeholder-ish words."""
    while True:
        s = "".join(R.choice(alphabet) for _ in range(n))
        if n > 1 and not (s[0].isalnum() and s[-1].isalnum()):
            continue
        if not _bad(s):
            return s


def rbytes(n: int) -> bytes:
    return bytes(R.getrandbits(8) for _ in range(n))


def b64(b: bytes) -> str:
    return base64.b64encode(b).decode()


def b64url(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def clean_b64(n: int) -> str:
    """Standard base64 of n random bytes, re-rolled if it contains a banned word."""
    while True:
        s = b64(rbytes(n))
        if not _bad(s):
            return s


def uuid4() -> str:
    return str(_uuid.UUID(int=R.getrandbits(128), version=4))


def rint(a: int, b: int) -> int:
    return R.randint(a, b)


def password(n: int | None = None, symbols: str = "!@^*-_=+.?") -> str:
    """A human/generator-made password with symbols (safe in quotes/INI/.pgpass)."""
    n = n or rint(14, 24)
    while True:
        s = rs(LETTERS + DIGITS + symbols, n)
        if (any(c in symbols for c in s) and any(c.isdigit() for c in s)
                and any(c.isupper() for c in s) and any(c.islower() for c in s)):
            return s


def url_password(n: int | None = None) -> str:
    """Password that needs no percent-encoding inside a URL userinfo."""
    return password(n, symbols="-_.~")


def git_sha() -> str:
    return rs(HEX, 40)


def sha256_hex() -> str:
    return hashlib.sha256(rbytes(32)).hexdigest()


def sri512() -> str:
    return "sha512-" + b64(hashlib.sha512(rbytes(16)).digest())


def wrap(s: str, width: int = 64) -> list[str]:
    return [s[i:i + width] for i in range(0, len(s), width)]


# --------------------------------------------------------------------------
# Checksummed base62 tokens (GitHub, npm)
#   https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
#   https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/
#   prefix + 30 random base62 + base62(CRC32(random part)) left-padded to 6 chars
# --------------------------------------------------------------------------


def crc32_b62(s: str, alphabet: str = B62) -> str:
    n = zlib.crc32(s.encode()) & 0xFFFFFFFF
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = alphabet[r] + out
    return out.rjust(6, "0")


def b62_checksummed(prefix: str) -> str:
    body = rs(B62, 30)
    return prefix + body + crc32_b62(body)


def b62_lookalike(prefix: str) -> str:
    """Exact token shape, but the 6-char checksum is wrong (one char changed)."""
    body = rs(B62, 30)
    good = crc32_b62(body)
    valid = {good, crc32_b62(body, B62_INV), crc32_b62(prefix + body),
             crc32_b62(prefix + body, B62_INV)}
    while True:
        i = R.randrange(6)
        chk = good[:i] + R.choice(B62.replace(good[i], "")) + good[i + 1:]
        if chk not in valid:
            return prefix + body + chk


def b62_checksum_ok(token: str) -> bool:
    body, chk = token[-36:-6], token[-6:]
    return crc32_b62(body) == chk


# --------------------------------------------------------------------------
# Provider token generators
# --------------------------------------------------------------------------

# ---- AI / ML --------------------------------------------------------------

def openai_key(kind: str = "proj") -> str:
    if kind == "legacy":
        return "sk-" + rs(B62, 20) + "T3BlbkFJ" + rs(B62, 20)
    if kind == "proj56":
        return "sk-proj-" + rs(B62, 20) + "T3BlbkFJ" + rs(B62, 20)
    n1, n2 = {"proj": (74, 74), "svcacct": (58, 74), "admin": (74, 74), "None": (48, 48)}[kind]
    return f"sk-{kind}-" + rs(B64URL, n1) + "T3BlbkFJ" + rs(B64URL, n2)


def anthropic_key(kind: str = "api03") -> str:
    return f"sk-ant-{kind}-" + rs(B64URL, 93) + "AA"


def google_api_key() -> str:
    return "AIzaSy" + rs(B64URL, 33)


def hf_token() -> str:
    return "hf_" + rs(LETTERS, 34)


def hf_org_token() -> str:
    return "api_org_" + rs(LETTERS, 34)


def groq_key() -> str:
    return "gsk_" + rs(B62, 52)


def xai_key() -> str:
    return "xai-" + rs(B62, 80)


def replicate_token() -> str:
    return "r8_" + rs(B62, 37)


def perplexity_key() -> str:
    return "pplx-" + rs(B62, 48)


def openrouter_key() -> str:
    return "sk-or-v1-" + rs(HEX, 64)


def langsmith_key(kind: str = "pt") -> str:
    return f"lsv2_{kind}_" + rs(HEX, 32) + "_" + rs(HEX, 10)


def pinecone_key() -> str:
    return "pcsk_" + rs(B62, 6) + "_" + rs(B62, 63)


def together_key() -> str:
    return rs(HEX, 64)


def fireworks_key() -> str:
    return "fw_" + rs(B62, 24)


def azure_openai_key() -> str:
    return rs(HEX, 32)


def bedrock_api_key() -> str:
    # Long-term Amazon Bedrock API key: "ABSK" + base64("BedrockAPIKey-<id>-at-<account>:<secret>")
    raw = f"BedrockAPIKey-{rs(LOWERNUM, 4)}-at-{rs(DIGITS, 12)}:{rs(B62 + '+/', 40)}"
    return "ABSK" + b64(raw.encode())


def wandb_key() -> str:
    return rs(HEX, 40)


def elevenlabs_key() -> str:
    return "sk_" + rs(HEX, 48)


def tavily_key(dev: bool = False) -> str:
    return ("tvly-dev-" if dev else "tvly-") + rs(B62, 32)


def firecrawl_key() -> str:
    return "fc-" + rs(HEX, 32)


def jina_key() -> str:
    return "jina_" + rs(HEX, 32) + rs(B62, 28)


def voyage_key() -> str:
    return "pa-" + rs(B64URL, 43)


def langfuse_key(kind: str = "sk") -> str:
    return f"{kind}-lf-" + uuid4()


def helicone_key() -> str:
    return "sk-helicone-" + "-".join(rs(LOWERNUM, 7) for _ in range(4))


def mistral_key() -> str:
    return rs(B62, 32)


def cohere_key() -> str:
    return rs(B62, 40)


def deepseek_key() -> str:
    return "sk-" + rs(HEX, 32)


# ---- Cloud / infra --------------------------------------------------------

def aws_key_id(prefix: str = "AKIA") -> str:
    return prefix + rs(B32, 16)


def aws_secret() -> str:
    return rs(B62 + "+/", 40)


def aws_session_token() -> str:
    return "IQoJb3JpZ2luX2VjE" + rs(B62 + "+/", 375) + "="


def azure_storage_key() -> str:
    while True:
        k = b64(rbytes(64))
        if not _bad(k):
            return k


def azure_ad_secret() -> str:
    return rs(B62, 3) + R.choice(DIGITS) + "Q~" + rs(B62 + "_.~-", 34)


def azure_sas_sig() -> str:
    return b64(rbytes(32)).replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")


def do_token(kind: str = "dop") -> str:
    return f"{kind}_v1_" + rs(HEX, 64)


def cloudflare_token() -> str:
    return rs(B64URL, 40)


def cloudflare_global_key() -> str:
    return rs(HEX, 37)


def cloudflare_origin_ca_key() -> str:
    return "v1.0-" + rs(HEX, 24) + "-" + rs(HEX, 146)


def heroku_key_v2() -> str:
    return "HRKU-AA" + rs(B64URL, 58)


def fly_token() -> str:
    def mac(n):
        while True:
            s = b64(bytes([0x94, 0x93, 0xC4]) + rbytes(n))
            if not _bad_blob(s):
                return s
    return "FlyV1 fm2_" + mac(rint(150, 170)) + ",fm2_" + mac(rint(110, 130))


def vercel_token() -> str:
    return rs(B62, 24)


def netlify_token() -> str:
    return "nfp_" + rs(B62, 36)


def tfc_token() -> str:
    return rs(B62, 14) + ".atlasv1." + rs(B62, 67)


def vault_token() -> str:
    return "hvs.CAESI" + rs(B64URL, 86)


def doppler_token(kind: str = "pt") -> str:
    return ("dp.st.prd." if kind == "st" else "dp.pt.") + rs(B62, 43)


def databricks_token() -> str:
    return "dapi" + rs(HEX, 32)


# ---- Code hosting / packages ----------------------------------------------

def github_token(kind: str = "ghp") -> str:
    return b62_checksummed(kind + "_")


def github_pat() -> str:
    return "github_pat_" + rs(B62, 22) + "_" + rs(B62, 59)


def gitlab_token(kind: str = "glpat") -> str:
    if kind == "glpat-new":
        return "glpat-" + rs(B64URL, 36) + ".01." + rs(LOWERNUM, 9)
    if kind == "glptt":
        return "glptt-" + rs(HEX, 40)
    if kind == "glimt":
        return "glimt-" + rs(LOWERNUM, 25)
    if kind == "glcbt":
        return "glcbt-" + rs(HEX, 2) + "_" + rs(B62, 20)
    if kind == "gloas":
        return "gloas-" + rs(HEX, 64)
    return kind + "-" + rs(B62 + "_-", 20)


def bitbucket_app_password() -> str:
    return "ATBB" + rs(B62, 32)


def atlassian_token() -> str:
    return "ATATT3xFfGF0" + rs(B64URL, 171) + "=" + rs(HEXU, 8)


def npm_token() -> str:
    return b62_checksummed("npm_")


def pypi_token(project: str | None = None) -> str:
    # PyPI tokens are "pypi-" + base64url(macaroon v2 binary): location
    # "pypi.org", a UUID identifier, one caveat, then a 32-byte HMAC signature.
    def field(t, b):
        out = bytes([t])
        n = len(b)
        while True:  # varint
            byte = n & 0x7F
            n >>= 7
            out += bytes([byte | (0x80 if n else 0)])
            if not n:
                break
        return out + b
    ident = json.dumps({"version": 1, "id": uuid4()}, separators=(", ", ": ")).encode()
    if project:
        caveat = json.dumps({"version": 1, "permissions": {"projects": [project]}}).encode()
    else:
        caveat = json.dumps({"version": 1, "permissions": "user"}).encode()
    mac = (b"\x02" + field(1, b"pypi.org") + field(2, ident) + b"\x00"
           + field(2, caveat) + b"\x00" + b"\x00" + field(6, rbytes(32)))
    return "pypi-" + b64url(mac)


def rubygems_key() -> str:
    return "rubygems_" + rs(HEX, 48)


def nuget_key() -> str:
    return "oy2" + rs(LOWERNUM, 43)


def dockerhub_pat() -> str:
    return "dckr_pat_" + rs(B64URL, 27)


def crates_token() -> str:
    return "cio" + rs(B62, 32)


def jfrog_api_key() -> str:
    return "AKCp" + rs(B62, 69)


def jfrog_reference_token() -> str:
    raw = f"reftkn:01:{rint(1750000000, 1900000000)}:{rs(B62, 33)}"
    return b64(raw.encode()).rstrip("=")


# ---- Payments / messaging / SaaS ------------------------------------------

def stripe_key(kind: str = "sk_live") -> str:
    if kind.endswith("_long"):
        return kind[:-5] + "_51" + rs(B62, 97)
    if kind == "whsec":
        return "whsec_" + rs(B62, 32)
    return kind + "_" + rs(B62, 24)


def square_token(kind: str = "EAAA") -> str:
    if kind == "sq0csp":
        return "sq0csp-" + rs(B64URL, 43)
    if kind == "sq0atp":
        return "sq0atp-" + rs(B64URL, 22)
    return "EAAA" + rs(B64URL, 60)


def braintree_token() -> str:
    return "access_token$production$" + rs(LOWERNUM, 16) + "$" + rs(HEX, 32)


def paypal_secret() -> str:
    return "E" + rs(B64URL, 79)


def shopify_token(kind: str = "shpat") -> str:
    return kind + "_" + rs(HEX, 32)


def slack_token(kind: str = "xoxb") -> str:
    if kind == "xoxp":
        return f"xoxp-{rs(DIGITS, 12)}-{rs(DIGITS, 12)}-{rs(DIGITS, 13)}-{rs(HEX, 32)}"
    if kind == "xapp":
        return f"xapp-1-A{rs(UPPERNUM, 10)}-{rs(DIGITS, 13)}-{rs(HEX, 64)}"
    return f"xoxb-{rs(DIGITS, 12)}-{rs(DIGITS, 13)}-{rs(B62, 24)}"


def slack_webhook() -> str:
    return f"https://hooks.slack.com/services/T{rs(UPPERNUM, 8)}/B{rs(UPPERNUM, 10)}/{rs(B62, 24)}"


def discord_bot_token() -> str:
    uid = str(rint(10 ** 17, 13 * 10 ** 17))
    return b64(uid.encode()).rstrip("=") + "." + rs(B64URL, 6) + "." + rs(B64URL, 38)


def discord_webhook() -> str:
    return f"https://discord.com/api/webhooks/{rs(DIGITS, 19)}/{rs(B64URL, 68)}"


def telegram_token() -> str:
    return f"{rint(10 ** 9, 8 * 10 ** 9)}:AA{rs(B64URL, 33)}"


def twilio_sk() -> str:
    return "SK" + rs(HEX, 32)


def twilio_sid() -> str:
    return "AC" + rs(HEX, 32)


def sendgrid_key() -> str:
    return "SG." + rs(B64URL, 22) + "." + rs(B64URL, 43)


def mailgun_key(new: bool = False) -> str:
    if new:
        return rs(HEX, 32) + "-" + rs(HEX, 8) + "-" + rs(HEX, 8)
    return "key-" + rs(HEX, 32)


def mailchimp_key() -> str:
    return rs(HEX, 32) + "-us" + str(rint(2, 21))


def linear_key() -> str:
    return "lin_api_" + rs(B62, 40)


def notion_token(new: bool = True) -> str:
    if new:
        return "ntn_" + rs(DIGITS, 11) + rs(B62, 35)
    return "secret_" + rs(B62, 43)


def postman_key() -> str:
    return "PMAK-" + rs(HEX, 24) + "-" + rs(HEX, 34)


def newrelic_user_key() -> str:
    return "NRAK-" + rs(UPPERNUM, 27)


def newrelic_license_key() -> str:
    return rs(HEX, 36) + "NRAL"


def datadog_api_key() -> str:
    return rs(HEX, 32)


def datadog_app_key() -> str:
    return rs(HEX, 40)


def sentry_org_token(org: str) -> str:
    payload = {"iat": round(R.uniform(1.70e9, 1.73e9), 6), "url": "https://sentry.io",
               "region_url": "https://us.sentry.io", "org": org}
    body = b64(json.dumps(payload, separators=(",", ":")).encode()).rstrip("=")
    return "sntrys_" + body + "_" + rs(B62 + "+/", 43)


def sentry_user_token() -> str:
    return "sntryu_" + rs(HEX, 64)


# Not secrets, by their providers' own documentation (keyhound's review of
# this corpus moved them from the planted secrets to the negatives): a
# Sentry DSN holds only a project's public key and "is safe to keep public"
# (docs.sentry.io, "Data Source Name"); a Langfuse pk-lf- key is the public
# half of a key pair, the one browser SDKs ship.
def sentry_dsn() -> str:
    return f"https://{rs(HEX, 32)}@o{rs(DIGITS, 6)}.ingest.us.sentry.io/{rs(DIGITS, 7)}"


def grafana_sa_token() -> str:
    return "glsa_" + rs(B62, 32) + "_" + rs(HEX, 8)


def grafana_cloud_token(org_id: str, name: str, region: str) -> str:
    payload = {"o": org_id, "n": name, "k": rs(B62, 24), "m": {"r": region}}
    return "glc_" + b64(json.dumps(payload, separators=(",", ":")).encode())


def pagerduty_api_key() -> str:
    return "u+" + rs(B64URL, 18)


def pagerduty_routing_key() -> str:
    return rs(HEX, 32)


def okta_token() -> str:
    return "00" + rs(B64URL, 40)


def auth0_secret() -> str:
    return rs(B64URL, 64)


def figma_token() -> str:
    return "figd_" + rs(B64URL, 40)


# --------------------------------------------------------------------------
# Keys, certificates, hashes
# --------------------------------------------------------------------------

def der_len(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def der(tag: int, body: bytes) -> bytes:
    return bytes([tag]) + der_len(len(body)) + body


def der_int_bytes(nbytes: int, top_bit: bool = True) -> bytes:
    b = bytearray(rbytes(nbytes))
    if top_bit:
        b[0] |= 0x80
        return der(0x02, b"\x00" + bytes(b))
    b[0] &= 0x7F
    b[0] |= 0x40
    return der(0x02, bytes(b))


def pem(label: str, der_bytes: bytes, width: int = 64) -> str:
    body = b64(der_bytes)
    return f"-----BEGIN {label}-----\n" + "\n".join(wrap(body, width)) + f"\n-----END {label}-----\n"


OID_RSA = bytes.fromhex("06092a864886f70d010101") + b"\x05\x00"
OID_SHA256_RSA = bytes.fromhex("06092a864886f70d01010b") + b"\x05\x00"


def _rsa_pkcs1_der() -> bytes:
    while True:
        body = (der(0x02, b"\x00") + der_int_bytes(256) + der(0x02, b"\x01\x00\x01")
                + der_int_bytes(256, top_bit=False) + der_int_bytes(128) + der_int_bytes(128)
                + der_int_bytes(128, top_bit=False) + der_int_bytes(128)
                + der_int_bytes(128, top_bit=False))
        d = der(0x30, body)
        if not _bad_blob(b64(d)):
            return d


def rsa_private_pem() -> str:
    return pem("RSA PRIVATE KEY", _rsa_pkcs1_der())


def pkcs8_private_pem() -> str:
    inner = _rsa_pkcs1_der()
    return pem("PRIVATE KEY", der(0x30, der(0x02, b"\x00") + der(0x30, OID_RSA) + der(0x04, inner)))


def ec_private_pem() -> str:
    while True:
        body = (der(0x02, b"\x01") + der(0x04, rbytes(32))
                + der(0xA0, bytes.fromhex("06082a8648ce3d030107"))
                + der(0xA1, der(0x03, b"\x00\x04" + rbytes(64))))
        d = der(0x30, body)
        if not _bad_blob(b64(d)):
            return pem("EC PRIVATE KEY", d)


def _sshstr(b: bytes) -> bytes:
    return struct.pack(">I", len(b)) + b


def openssh_ed25519(comment: str) -> tuple[str, str]:
    """Returns (private key PEM-like block, matching public key line)."""
    while True:
        pub, seed = rbytes(32), rbytes(32)
        pubblob = _sshstr(b"ssh-ed25519") + _sshstr(pub)
        check = rbytes(4)
        priv = (check + check + _sshstr(b"ssh-ed25519") + _sshstr(pub)
                + _sshstr(seed + pub) + _sshstr(comment.encode()))
        pad = 1
        while len(priv) % 8:
            priv += bytes([pad])
            pad += 1
        blob = (b"openssh-key-v1\x00" + _sshstr(b"none") + _sshstr(b"none") + _sshstr(b"")
                + struct.pack(">I", 1) + _sshstr(pubblob) + _sshstr(priv))
        body = b64(blob)
        if not _bad_blob(body):
            break
    key = ("-----BEGIN OPENSSH PRIVATE KEY-----\n" + "\n".join(wrap(body, 70))
           + "\n-----END OPENSSH PRIVATE KEY-----\n")
    return key, f"ssh-ed25519 {b64(pubblob)} {comment}"


def openssh_rsa(comment: str) -> str:
    while True:
        n = b"\x00" + bytes([0x80 | R.getrandbits(7)]) + rbytes(383)
        e = b"\x01\x00\x01"
        pubblob = _sshstr(b"ssh-rsa") + _sshstr(e) + _sshstr(n)
        check = rbytes(4)
        priv = (check + check + _sshstr(b"ssh-rsa") + _sshstr(n) + _sshstr(e)
                + _sshstr(rbytes(384)) + _sshstr(rbytes(192)) + _sshstr(b"\x00" + rbytes(192))
                + _sshstr(b"\x00" + rbytes(192)) + _sshstr(comment.encode()))
        pad = 1
        while len(priv) % 8:
            priv += bytes([pad])
            pad += 1
        blob = (b"openssh-key-v1\x00" + _sshstr(b"none") + _sshstr(b"none") + _sshstr(b"")
                + struct.pack(">I", 1) + _sshstr(pubblob) + _sshstr(priv))
        body = b64(blob)
        if not _bad_blob(body):
            return ("-----BEGIN OPENSSH PRIVATE KEY-----\n" + "\n".join(wrap(body, 70))
                    + "\n-----END OPENSSH PRIVATE KEY-----\n")


def ssh_ed25519_pub(comment: str) -> str:
    return f"ssh-ed25519 {b64(_sshstr(b'ssh-ed25519') + _sshstr(rbytes(32)))} {comment}"


def crc24(data: bytes) -> int:
    crc = 0xB704CE
    for byte in data:
        crc ^= byte << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    return crc & 0xFFFFFF


def pgp_block(kind: str) -> str:
    """Armored OpenPGP block (random packet body after a v4 key packet header)."""
    label = {"private": "PGP PRIVATE KEY BLOCK", "public": "PGP PUBLIC KEY BLOCK"}[kind]
    tag = 0x95 if kind == "private" else 0x99
    while True:
        ts = struct.pack(">I", rint(1600000000, 1720000000))
        n = 1850 if kind == "private" else 1180
        data = bytes([tag]) + struct.pack(">H", n) + b"\x04" + ts + b"\x01" + rbytes(n - 6)
        body = b64(data)
        if not _bad_blob(body):
            break
    chk = "=" + b64(crc24(data).to_bytes(3, "big"))
    return (f"-----BEGIN {label}-----\n\n" + "\n".join(wrap(body, 64)) + "\n" + chk
            + f"\n-----END {label}-----\n")


def putty_ed25519(comment: str) -> str:
    pub = b64(_sshstr(b"ssh-ed25519") + _sshstr(rbytes(32)))
    priv = clean_b64(36)
    pub_lines = wrap(pub, 64)
    return "\n".join([
        "PuTTY-User-Key-File-3: ssh-ed25519",
        "Encryption: none",
        f"Comment: {comment}",
        f"Public-Lines: {len(pub_lines)}",
        *pub_lines,
        "Private-Lines: 1",
        priv,
        f"Private-MAC: {rs(HEX, 64)}",
    ]) + "\n"


def certificate_pem() -> str:
    tbs = der(0x30, bytes.fromhex("a003020102") + der_int_bytes(19) + der(0x30, OID_SHA256_RSA)
              + rbytes(rint(560, 760)))
    cert = der(0x30, tbs + der(0x30, OID_SHA256_RSA) + der(0x03, b"\x00" + rbytes(256)))
    return pem("CERTIFICATE", cert)


def public_key_pem() -> str:
    rsa_pub = der(0x30, der_int_bytes(256) + der(0x02, b"\x01\x00\x01"))
    return pem("PUBLIC KEY", der(0x30, der(0x30, OID_RSA) + der(0x03, b"\x00" + rsa_pub)))


# ---- bech32 (age) -----------------------------------------------------------

def _bech32_polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((b >> i) & 1) else 0
    return chk


def _bech32_hrp_expand(hrp):
    return [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]


def _convertbits(data, frombits, tobits):
    acc = bits = 0
    ret = []
    maxv = (1 << tobits) - 1
    for value in data:
        acc = (acc << frombits) | value
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            ret.append((acc >> bits) & maxv)
    if bits:
        ret.append((acc << (tobits - bits)) & maxv)
    return ret


def bech32_encode(hrp: str, data: bytes) -> str:
    d5 = _convertbits(data, 8, 5)
    values = _bech32_hrp_expand(hrp) + d5
    polymod = _bech32_polymod(values + [0] * 6) ^ 1
    chk = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH32[d] for d in d5 + chk)


def bech32_verify(s: str) -> bool:
    s = s.lower()
    hrp, data = s.rsplit("1", 1)
    return _bech32_polymod(_bech32_hrp_expand(hrp) + [BECH32.index(c) for c in data]) == 1


def age_secret_key() -> str:
    while True:
        k = bech32_encode("age-secret-key-", rbytes(32)).upper()
        if not _bad(k[len("AGE-SECRET-KEY-1"):]):
            return k


def age_public_key() -> str:
    return bech32_encode("age", rbytes(32))


# ---- JWT ------------------------------------------------------------------

def jwt(payload: dict, alg: str = "HS256", kid: str | None = None) -> str:
    header = {"alg": alg, "typ": "JWT"}
    if kid:
        header["kid"] = kid
    h = b64url(json.dumps(header, separators=(",", ":")).encode())
    p = b64url(json.dumps(payload, separators=(",", ":")).encode())
    while True:
        sig = b64url(rbytes(32 if alg.startswith("HS") else 256))
        if not _bad(sig):
            return f"{h}.{p}.{sig}"


# ---- password hashes --------------------------------------------------------

def bcrypt_hash(cost: int = 10, variant: str = "2y") -> str:
    return f"${variant}${cost:02d}$" + rs(BCRYPT64, 22) + rs(BCRYPT64, 31)


def apr1_hash() -> str:
    return "$apr1$" + rs(CRYPT64, 8) + "$" + rs(CRYPT64, 22)


def sha512crypt_hash() -> str:
    return "$6$" + rs(CRYPT64, 16) + "$" + rs(CRYPT64, 86)


def yescrypt_hash() -> str:
    return "$y$j9T$" + rs(CRYPT64, 22) + "$" + rs(CRYPT64, 43)


def png_b64(w: int = 12, h: int = 12) -> str:
    """A real (tiny) PNG, base64-encoded: the kind of blob notebooks embed."""
    raw = b"".join(b"\x00" + rbytes(w * 3) for _ in range(h))

    def chunk(t, data):
        return struct.pack(">I", len(data)) + t + data + struct.pack(">I", zlib.crc32(t + data))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
    return b64(png)


# ==========================================================================
# Corpus framework
# ==========================================================================

class Doc:
    """One corpus file.  s() registers a planted secret, la() a checksum
    look-alike, n() counts a deliberate hard negative; each returns its value
    so it can be used inline while the text is built."""

    def __init__(self, path: str):
        self.path = path
        self.secrets: list[dict] = []
        self.looks: list[dict] = []
        self.negs = 0
        self.text = ""

    def s(self, provider: str, value: str, anchor: str | None = None, begin: str | None = None) -> str:
        self.secrets.append({"anchor": anchor or value, "provider": provider, "begin": begin})
        return value

    def key(self, provider: str, block: str) -> str:
        """Multi-line key block: counted at its BEGIN line."""
        lines = block.splitlines()
        if lines[0].startswith("PuTTY-User-Key-File"):
            anchor = next(ln for ln in lines if ln.startswith("Private-MAC"))
            begin = "PuTTY-User-Key-File"
        else:
            anchor = next(ln for ln in lines[1:] if ln.strip())
            begin = "-----BEGIN"
        return self.s(provider, block, anchor=anchor, begin=begin)

    def la(self, provider: str, value: str) -> str:
        self.looks.append({"anchor": value, "provider": provider, "begin": None})
        return value

    def n(self, value: str) -> str:
        self.negs += 1
        return value

    def lines(self, lines: list[str]) -> "Doc":
        self.text = "\n".join(lines) + "\n"
        return self

    def json(self, obj, indent: int = 2) -> "Doc":
        self.text = json.dumps(obj, indent=indent, ensure_ascii=False) + "\n"
        return self


BUILDERS = []


def corpus_file(fn):
    BUILDERS.append(fn)
    return fn


def indent_block(block: str, spaces: int) -> list[str]:
    return [" " * spaces + ln if ln else "" for ln in block.rstrip("\n").split("\n")]


# Shared, fictional organisation details (hosts, people) used across files.
DOMAIN = "pinecrest-analytics.com"
PGHOST = f"pg-main.c{rs(LOWERNUM, 10)}.eu-west-1.rds.amazonaws.com"
REDISHOST = f"redis-{rint(10000, 19999)}.c{rint(10, 99)}.us-east-1-4.ec2.cloud.redislabs.com"
MONGOHOST = f"cluster0.{rs(LOWERNUM, 5)}.mongodb.net"
AZ_TENANT = uuid4()


def ts_iso(day: int = 12, hour: int = 9) -> str:
    return f"2024-10-{day:02d}T{hour:02d}:{rint(0, 59):02d}:{rint(0, 59):02d}.{rint(1000000, 9999999)}Z"


class Clock:
    """Monotonic timestamps for log files."""

    def __init__(self, start_s: int):
        self.t = start_s * 10_000_000  # 100ns ticks since midnight

    def tick(self, max_ms: int = 4000) -> int:
        self.t += rint(1, max_ms) * 10_000 + rint(0, 9999)
        return self.t

    def iso(self, day: str = "2024-10-12", max_ms: int = 4000) -> str:
        t = self.tick(max_ms)
        sec, frac = divmod(t, 10_000_000)
        return f"{day}T{sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d}.{frac:07d}Z"

    def plain(self, day: str = "2024-10-14", max_ms: int = 4000) -> str:
        sec = self.tick(max_ms) // 10_000_000
        return f"{day} {sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d}"


def ansi(code: str, text: str) -> str:
    return f"\x1b[{code}m{text}\x1b[0m"


# ==========================================================================
# Files: env files, application code
# ==========================================================================

@corpus_file
def webapp_env():
    d = Doc("webapp/.env")
    return d.lines([
        "# --- webapp runtime config ---",
        "# DO NOT COMMIT (this file is in .gitignore... it was)",
        "NODE_ENV=production",
        "PORT=8080",
        "LOG_LEVEL=info",
        f"APP_URL=https://app.{DOMAIN}",
        "",
        "# Database",
        "DATABASE_URL=" + d.s("postgres", f"postgres://pinecrest_app:{url_password()}@{PGHOST}:5432/pinecrest"),
        "DATABASE_POOL_MAX=20",
        "REDIS_URL=" + d.s("redis", f"redis://default:{url_password(24)}@{REDISHOST}:{rint(10000, 19999)}"),
        "",
        "# Sessions / auth",
        "SESSION_SECRET=" + d.s("generic", rs(HEX, 64)),
        f"JWT_ISSUER=https://auth.{DOMAIN}/",
        "JWT_AUDIENCE=pinecrest-api",
        "",
        "# Payments",
        "STRIPE_SECRET_KEY=" + d.s("stripe", stripe_key("sk_live_long")),
        "STRIPE_PUBLISHABLE_KEY=" + d.n("pk_live_51" + rs(B62, 97)),
        "STRIPE_WEBHOOK_SECRET=" + d.s("stripe", stripe_key("whsec")),
        "STRIPE_PRICE_PRO_MONTHLY=" + d.n("price_1" + rs(B62, 23)),
        "",
        "# AI",
        "OPENAI_API_KEY=" + d.s("openai", openai_key("proj")),
        "OPENAI_ORG_ID=" + d.n("org-" + rs(B62, 24)),
        "ANTHROPIC_API_KEY=" + d.s("anthropic", anthropic_key()),
        "ANTHROPIC_MODEL=claude-3-5-sonnet-20241022",
        "",
        "# Email",
        "SENDGRID_API_KEY=" + d.s("sendgrid", sendgrid_key()),
        f"MAIL_FROM=noreply@{DOMAIN}",
        "",
        "# Observability",
        "SENTRY_DSN=" + d.n(sentry_dsn()),
        "SENTRY_ENVIRONMENT=production",
        "SENTRY_RELEASE=" + d.n("webapp@4.18.2+" + git_sha()[:12]),
        "",
        "# AWS (uploads bucket)",
        "AWS_REGION=eu-west-1",
        "AWS_ACCESS_KEY_ID=" + d.s("aws", aws_key_id()),
        "AWS_SECRET_ACCESS_KEY=" + d.s("aws", aws_secret()),
        "S3_BUCKET=pinecrest-prod-uploads",
        "",
        "# GitHub integration",
        "GITHUB_TOKEN=" + d.s("github", github_token("ghp")),
        "GITHUB_WEBHOOK_SECRET=" + d.s("generic", rs(HEX, 40)),
        "GITHUB_APP_ID=" + d.n(str(rint(300000, 999999))),
        "",
        "# SMS",
        "TWILIO_API_KEY=" + d.s("twilio", twilio_sk()),
        "TWILIO_API_SECRET=" + d.s("twilio", rs(B62, 32)),
        "TWILIO_FROM_NUMBER=+1415555" + rs(DIGITS, 4),
        "",
        "FEATURE_FLAGS=new-dashboard,beta-export",
        "REQUEST_ID_HEADER=" + d.n("x-request-id"),
    ])


@corpus_file
def webapp_env_example():
    d = Doc("webapp/.env.example")
    return d.lines([
        "# Copy to .env and fill in. Never commit real values.",
        "NODE_ENV=development",
        "PORT=8080",
        "DATABASE_URL=" + d.n("postgres://user:password@localhost:5432/pinecrest_dev"),
        "REDIS_URL=" + d.n("redis://localhost:6379/0"),
        "SESSION_SECRET=" + d.n("changeme"),
        "STRIPE_SECRET_KEY=" + d.n("sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"),
        "STRIPE_WEBHOOK_SECRET=" + d.n("whsec_..."),
        "OPENAI_API_KEY=" + d.n("sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
        "ANTHROPIC_API_KEY=" + d.n("<your-anthropic-api-key>"),
        "SENDGRID_API_KEY=" + d.n("YOUR_SENDGRID_API_KEY"),
        "SENTRY_DSN=",
        "AWS_ACCESS_KEY_ID=" + d.n("AKIAIOSFODNN7EXAMPLE"),
        "AWS_SECRET_ACCESS_KEY=" + d.n("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        "GITHUB_TOKEN=" + d.n("ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"),
        "# format check only -- this one is NOT a real token, checksum does not match:",
        "# GITHUB_TOKEN=" + d.la("github", b62_lookalike("ghp_")),
        "GITHUB_WEBHOOK_SECRET=" + d.n("${GITHUB_WEBHOOK_SECRET}"),
        "TWILIO_API_KEY=" + d.n("SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
        "TWILIO_API_SECRET=",
    ])


@corpus_file
def shopify_app_env():
    d = Doc("apps/shopify-sync/.env")
    return d.lines([
        "SHOPIFY_API_SECRET=" + d.s("shopify", shopify_token("shpss")),
        "SHOPIFY_ADMIN_ACCESS_TOKEN=" + d.s("shopify", shopify_token("shpat")),
        "SHOPIFY_STORE_DOMAIN=pinecrest-goods.myshopify.com",
        "SHOPIFY_API_VERSION=2024-10",
        "SCOPES=read_products,write_products,read_orders",
        "HOST=https://shopify-sync." + DOMAIN,
        "# custom app installed on the wholesale store",
        "WHOLESALE_ACCESS_TOKEN=" + d.s("shopify", shopify_token("shpca")),
        "DOPPLER_TOKEN=" + d.s("doppler", doppler_token("st")),
        "DOPPLER_PROJECT=shopify-sync",
        "DOPPLER_CONFIG=prd",
    ])


@corpus_file
def web_env_local():
    d = Doc("web/.env.local")
    svc = jwt({"iss": "supabase", "ref": rs(LOWER, 20), "role": "service_role",
               "iat": 1715000000, "exp": 2030576000})
    return d.lines([
        "NEXT_PUBLIC_SUPABASE_URL=" + d.n(f"https://{rs(LOWER, 20)}.supabase.co"),
        "SUPABASE_SERVICE_ROLE_KEY=" + d.s("supabase", svc),
        "NEXTAUTH_URL=http://localhost:3000",
        "NEXTAUTH_SECRET=" + d.s("generic", clean_b64(32)),
        "GITHUB_ID=" + d.n("Iv1." + rs(HEX, 16)),
        "GITHUB_SECRET=" + d.s("github", rs(HEX, 40)),
        "NEXT_PUBLIC_POSTHOG_KEY=" + d.n("phc_" + rs(B62, 43)),
        "NEXT_PUBLIC_POSTHOG_HOST=https://eu.i.posthog.com",
        "VERCEL_TOKEN=" + d.s("vercel", vercel_token()),
    ])


@corpus_file
def llm_settings_py():
    d = Doc("services/llm-gateway/gateway/settings.py")
    return d.lines([
        '"""Runtime settings for the LLM gateway."""',
        "from __future__ import annotations",
        "",
        "import os",
        "from dataclasses import dataclass, field",
        "",
        "# NOTE(jt): temporary fallbacks so the staging box boots without Vault.",
        "# Remove before GA -- tracked in INFRA-2231.",
        'GROQ_API_KEY = os.getenv("GROQ_API_KEY", "' + d.s("groq", groq_key()) + '")',
        'XAI_API_KEY = os.environ.get("XAI_API_KEY") or "' + d.s("xai", xai_key()) + '"',
        'MISTRAL_API_KEY = os.getenv("MISTRAL_API_KEY", "' + d.s("mistral", mistral_key()) + '")',
        'COHERE_API_KEY = "' + d.s("cohere", cohere_key()) + '"',
        'DEEPSEEK_API_KEY = "' + d.s("deepseek", deepseek_key()) + '"  # deepseek-chat, billed to ops card',
        'TOGETHER_API_KEY = "' + d.s("together", together_key()) + '"',
        'FIREWORKS_API_KEY = os.getenv("FIREWORKS_API_KEY", "' + d.s("fireworks", fireworks_key()) + '")',
        "",
        "# These must come from the environment.",
        d.n('OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]'),
        d.n('ANTHROPIC_API_KEY = os.getenv("ANTHROPIC_API_KEY", "")'),
        d.n('HELICONE_API_KEY = os.environ.get("HELICONE_API_KEY", "sk-helicone-xxxxxxx")'),
        "",
        "",
        "@dataclass",
        "class ProviderConfig:",
        "    name: str",
        "    base_url: str",
        "    api_key_env: str",
        "    timeout_s: float = 60.0",
        "    extra_headers: dict[str, str] = field(default_factory=dict)",
        "",
        "",
        "PROVIDERS = [",
        '    ProviderConfig("groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY"),',
        '    ProviderConfig("xai", "https://api.x.ai/v1", "XAI_API_KEY"),',
        '    ProviderConfig("mistral", "https://api.mistral.ai/v1", "MISTRAL_API_KEY"),',
        '    ProviderConfig("deepseek", "https://api.deepseek.com", "DEEPSEEK_API_KEY"),',
        '    ProviderConfig("together", "https://api.together.xyz/v1", "TOGETHER_API_KEY"),',
        '    ProviderConfig("fireworks", "https://api.fireworks.ai/inference/v1", "FIREWORKS_API_KEY"),',
        "]",
        "",
        "MODEL_ALIASES = {",
        '    "fast": "llama-3.1-8b-instant",',
        '    "smart": "grok-2-1212",',
        '    "code": "codestral-latest",',
        "}",
        "",
        d.n('CACHE_KEY_PREFIX = "llmgw:v2:"'),
        d.n('PROMPT_TEMPLATE_SHA = "' + git_sha() + '"'),
        d.n('TOKENIZER_CACHE_DIR = "/var/cache/llmgw/tokenizers"'),
    ])


@corpus_file
def llm_clients_ts():
    d = Doc("services/llm-gateway/web/src/lib/clients.ts")
    return d.lines([
        'import OpenAI from "openai";',
        'import Anthropic from "@anthropic-ai/sdk";',
        'import Replicate from "replicate";',
        "",
        "// TODO: move to secrets manager (INFRA-2231)",
        'const OPENAI_SVC_KEY = "' + d.s("openai", openai_key("svcacct")) + '";',
        "",
        "export const openai = new OpenAI({",
        "  apiKey: process.env.OPENAI_API_KEY ?? OPENAI_SVC_KEY,",
        "});",
        "",
        "export const anthropicAdmin = new Anthropic({",
        '  apiKey: "' + d.s("anthropic", anthropic_key("admin01")) + '",',
        '  baseURL: "https://api.anthropic.com",',
        "});",
        "",
        'const PPLX_KEY = "' + d.s("perplexity", perplexity_key()) + '";',
        "export const perplexity = new OpenAI({ apiKey: PPLX_KEY, baseURL: \"https://api.perplexity.ai\" });",
        "",
        "export const openrouter = new OpenAI({",
        '  baseURL: "https://openrouter.ai/api/v1",',
        '  apiKey: "' + d.s("openrouter", openrouter_key()) + '",',
        "  defaultHeaders: {",
        f'    "HTTP-Referer": "https://{DOMAIN}",',
        '    "X-Title": "Pinecrest Analytics",',
        "  },",
        "});",
        "",
        "export const replicate = new Replicate({",
        '  auth: "' + d.s("replicate", replicate_token()) + '",',
        "});",
        "",
        "export const heliconeHeaders = {",
        '  "Helicone-Auth": "Bearer ' + d.s("helicone", helicone_key()) + '",',
        '  "Helicone-Cache-Enabled": "true",',
        "};",
        "",
        "export const geminiKey: string =",
        '  process.env.GEMINI_API_KEY || "' + d.s("google", google_api_key()) + '";',
        "",
        "// Placeholders used by the onboarding form; never valid keys.",
        d.n('export const KEY_PLACEHOLDER = "sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";'),
        d.n('export const DEFAULT_MODEL = "claude-3-5-sonnet-20241022";'),
        d.n("export const apiKeyFromEnv = process.env.ANTHROPIC_API_KEY;"),
        d.n('export const traceHeader = "x-pinecrest-trace-id";'),
    ])


@corpus_file
def rag_notebook():
    d = Doc("notebooks/rag_experiments.ipynb")
    hf = d.s("huggingface", hf_token())
    pc = d.s("pinecone", pinecone_key())
    vo = d.s("voyage", voyage_key())
    ls_key = d.s("langsmith", langsmith_key("pt"))
    co = d.s("cohere", cohere_key())
    jn = d.s("jina", jina_key())
    cells = [
        {"cell_type": "markdown", "id": rs(HEX, 8), "metadata": {},
         "source": ["# RAG experiments\n", "\n", "Chunk-size sweep over the support corpus (v3 index)."]},
        {"cell_type": "code", "execution_count": 1, "id": rs(HEX, 8), "metadata": {}, "outputs": [],
         "source": ["import os\n", "from pinecone import Pinecone\n", "import voyageai\n", "\n",
                    f'os.environ["HF_TOKEN"] = "{hf}"\n',
                    f'pc = Pinecone(api_key="{pc}")\n',
                    f'vo = voyageai.Client(api_key="{vo}")\n',
                    'index = pc.Index("support-docs-v3")']},
        {"cell_type": "code", "execution_count": 2, "id": rs(HEX, 8), "metadata": {},
         "outputs": [{"name": "stdout", "output_type": "stream",
                      "text": ["namespace=default vectors=48213 dimension=1024\n",
                               "request_id=" + d.n(uuid4()) + "\n"]}],
         "source": ["stats = index.describe_index_stats()\n",
                    'print(f"namespace=default vectors={stats.total_vector_count} dimension={stats.dimension}")\n',
                    'print("request_id=" + stats._response_info["request_id"])']},
        {"cell_type": "code", "execution_count": 3, "id": rs(HEX, 8), "metadata": {},
         "outputs": [{"data": {"text/plain": [
             "{'embedding_model': 'voyage-3',\n",
             " 'reranker': 'rerank-2',\n",
             f" 'langsmith_api_key': '{ls_key}',\n",
             f" 'cohere_api_key': '{co}',\n",
             " 'langsmith_project': 'rag-sweep',\n",
             " 'chunk_size': 800,\n",
             " 'chunk_overlap': 120}"]},
             "execution_count": 3, "metadata": {}, "output_type": "execute_result"}],
         "source": ['cfg = load_config("rag.yaml")\n', "cfg"]},
        {"cell_type": "code", "execution_count": 4, "id": rs(HEX, 8), "metadata": {},
         "outputs": [{"name": "stdout", "output_type": "stream", "text": ["200 application/json\n"]}],
         "source": ["import requests\n",
                    f'headers = {{"Authorization": "Bearer {jn}", "Accept": "application/json"}}\n',
                    'r = requests.post("https://api.jina.ai/v1/rerank", headers=headers, json=payload)\n',
                    'print(r.status_code, r.headers["content-type"])']},
        {"cell_type": "code", "execution_count": 5, "id": rs(HEX, 8), "metadata": {},
         "outputs": [],
         "source": [d.n('os.environ["OPENAI_API_KEY"] = getpass("OpenAI key: ")\n'),
                    d.n('commit = "' + git_sha() + '"  # corpus snapshot')]},
    ]
    nb = {"cells": cells,
          "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
                       "language_info": {"name": "python", "version": "3.11.9"}},
          "nbformat": 4, "nbformat_minor": 5}
    return d.json(nb, indent=1)


@corpus_file
def finetune_notebook():
    d = Doc("notebooks/finetune_eval.ipynb")
    wb = d.s("wandb", wandb_key())
    oa = d.s("openai", openai_key("legacy"))
    org = d.s("huggingface", hf_org_token())
    tv = d.s("tavily", tavily_key())
    fc = d.s("firecrawl", firecrawl_key())
    cells = [
        {"cell_type": "markdown", "id": rs(HEX, 8), "metadata": {},
         "source": ["## Fine-tune eval\n", "Compare the distilled model against the base on the held-out set."]},
        {"cell_type": "code", "execution_count": 1, "id": rs(HEX, 8), "metadata": {},
         "outputs": [{"name": "stderr", "output_type": "stream",
                      "text": [d.n("wandb: Appending key for api.wandb.ai to your netrc file: /root/.netrc\n"),
                               "wandb: Currently logged in as: jtan (pinecrest-ml). Use `wandb login --relogin` to force relogin\n"]}],
         "source": ["import wandb, openai\n",
                    f'wandb.login(key="{wb}")\n',
                    f'openai.api_key = "{oa}"\n',
                    'run = wandb.init(project="distill-eval", config={"lr": 2e-5, "epochs": 3})']},
        {"cell_type": "code", "execution_count": 2, "id": rs(HEX, 8), "metadata": {}, "outputs": [],
         "source": ["from huggingface_hub import HfApi\n",
                    f'api = HfApi(token="{org}")\n',
                    'api.upload_folder(folder_path="out/", repo_id="pinecrest/distill-7b", repo_type="model")']},
        {"cell_type": "code", "execution_count": 3, "id": rs(HEX, 8), "metadata": {},
         "outputs": [{"name": "stdout", "output_type": "stream",
                      "text": ["# scraping + search keys for the eval harness\n",
                               f"TAVILY_API_KEY={tv}\n",
                               f"FIRECRAWL_API_KEY={fc}\n",
                               "EVAL_SPLIT=heldout-2024-10\n"]}],
         "source": ["!cat ../.env.eval"]},
        {"cell_type": "code", "execution_count": 4, "id": rs(HEX, 8), "metadata": {},
         "outputs": [{"data": {"image/png": d.n(png_b64()), "text/plain": ["<Figure size 640x480 with 1 Axes>"]},
                      "metadata": {}, "output_type": "display_data"}],
         "source": ["plot_win_rate(results)"]},
    ]
    nb = {"cells": cells,
          "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                       "language_info": {"name": "python", "version": "3.10.14"},
                       "accelerator": "GPU"},
          "nbformat": 4, "nbformat_minor": 5}
    return d.json(nb, indent=1)


# ==========================================================================
# Files: chat transcripts and AI-agent / MCP configs
# ==========================================================================

@corpus_file
def chat_markdown():
    d = Doc("chat/2024-11-03-debugging-openai-401.md")
    return d.lines([
        '# Conversation: "401 from OpenAI in prod"',
        "",
        "_Exported 2024-11-03 18:42 UTC_",
        "",
        "**User:** my worker keeps getting 401s from openai, here's the config it loads:",
        "",
        "```python",
        "from openai import OpenAI",
        'client = OpenAI(api_key="' + d.s("openai", openai_key("proj56")) + '")',
        "```",
        "",
        "**Assistant:** First, please revoke that key right away: it is now part of this",
        "conversation history. A 401 usually means the key was revoked or belongs to a",
        "different project. Load it from the environment instead:",
        "",
        "```python",
        d.n('client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])'),
        "```",
        "",
        "**User:** ok rotated it. new one is " + d.s("openai", openai_key("proj")) + " does that look right?",
        "",
        "**Assistant:** Please don't paste keys here. The dashboard shows it as",
        "`" + d.n("sk-proj-************************************" + rs(B62, 4)) + "`, which is all you need to identify it.",
        "",
        "**User:** sorry. also the anthropic fallback fails, key is " + d.s("anthropic", anthropic_key()),
        "",
        "**Assistant:** Check that `ANTHROPIC_API_KEY` is exported in the worker's unit file, e.g.",
        "",
        "```bash",
        d.n("export ANTHROPIC_API_KEY=<your key>"),
        "```",
        "",
        "**User:** here's the curl that works locally:",
        "",
        "```bash",
        "curl https://api.groq.com/openai/v1/chat/completions \\",
        '  -H "Authorization: Bearer ' + d.s("groq", groq_key()) + '" \\',
        '  -H "Content-Type: application/json" \\',
        "  -d '{\"model\": \"llama-3.3-70b-versatile\", \"messages\": [{\"role\": \"user\", \"content\": \"ping\"}]}'",
        "```",
        "",
        "**User:** and the token our CI uses to pull the repo, in case that matters:",
        "`" + d.la("github", b62_lookalike("ghp_")) + "` (copied from an old wiki page, may be mangled)",
        "",
        "**Assistant:** That string isn't a valid GitHub token (its checksum doesn't match), so it",
        "was probably mistyped. Either way the 401 comes from the OpenAI key, not from GitHub.",
    ])


@corpus_file
def chat_chatgpt_export():
    d = Doc("chat/chatgpt-export/conversations.json")
    base = 1718200000.0
    msgs = [
        ("user", "Why does the Gemini API say API_KEY_INVALID? I'm calling it with key="
         + d.s("google", google_api_key()) + " from a Cloud Run service."),
        ("assistant", "API_KEY_INVALID usually means the key is restricted to other APIs or referrers. "
         "In the Cloud console open APIs & Services > Credentials and check the key's restrictions. "
         "Also, treat the key you pasted as exposed and rotate it."),
        ("user", "ok. different question, our Stripe restricted key " + d.s("stripe", stripe_key("rk_live"))
         + " can't list invoices"),
        ("assistant", "Restricted keys only get the permissions you tick. Add 'Invoices: Read' in the "
         "dashboard. Keys look like rk_live_... and should live in your secret manager, not chat."),
        ("user", "mailgun returns 401 Forbidden with api:" + d.s("mailgun", mailgun_key(new=True))),
        ("assistant", "For Mailgun use HTTP basic auth with the username 'api' and the key as password, "
         "and make sure you're hitting the EU endpoint (api.eu.mailgun.net) if the domain is in the EU region."),
        ("user", "last one: the hub upload fails with 403, token " + d.s("huggingface", hf_token())),
        ("assistant", "That token needs the 'write' role. Create a fine-grained token with write access "
         "to the pinecrest org. Reference: " + d.n("https://huggingface.co/docs/hub/security-tokens")),
    ]
    mapping = {}
    prev = None
    ids = [uuid4() for _ in msgs]
    root = uuid4()
    mapping[root] = {"id": root, "message": None, "parent": None, "children": [ids[0]]}
    prev = root
    for i, (role, text) in enumerate(msgs):
        mid = ids[i]
        mapping[mid] = {
            "id": mid,
            "message": {"id": mid, "author": {"role": role, "name": None, "metadata": {}},
                        "create_time": base + 37.5 * i, "update_time": None,
                        "content": {"content_type": "text", "parts": [text]},
                        "status": "finished_successfully", "end_turn": role == "assistant",
                        "weight": 1.0, "metadata": {"model_slug": "gpt-4o"} if role == "assistant" else {},
                        "recipient": "all"},
            "parent": prev,
            "children": [ids[i + 1]] if i + 1 < len(ids) else [],
        }
        prev = mid
    conv = [{"title": "Gemini API key invalid", "create_time": base, "update_time": base + 400,
             "mapping": mapping, "moderation_results": [], "current_node": ids[-1],
             "conversation_id": uuid4(), "default_model_slug": "gpt-4o"}]
    return d.json(conv, indent=2)


@corpus_file
def chat_agent_session_jsonl():
    d = Doc("chat/agent-sessions/2024-10-21-deploy-fix.jsonl")
    sess = uuid4()
    rows = []
    t = 0

    def row(role, content, typ=None):
        nonlocal t
        t += rint(5, 90)
        rows.append(json.dumps({
            "type": typ or role, "sessionId": sess, "uuid": uuid4(),
            "timestamp": f"2024-10-21T14:{t // 60 % 60:02d}:{t % 60:02d}.{rint(100, 999)}Z",
            "message": {"role": role, "content": content}}, ensure_ascii=False))

    row("user", "the deploy job can't push to the repo anymore. I made a new fine-grained token: "
        + d.s("github", github_pat()))
    row("assistant", "Thanks. I won't echo the token back. Fine-grained tokens need 'Contents: write' on the "
        "target repository; I'll check the workflow's permissions block next.")
    row("user", "also set these on the runner please: AWS_SECRET_ACCESS_KEY=" + d.s("aws", aws_secret()))
    row("user", "and the key id is " + d.s("aws", aws_key_id()))
    row("assistant", "I'd rather not write long-lived AWS keys onto the runner. Use OIDC with "
        + d.n("arn:aws:iam::" + rs(DIGITS, 12) + ":role/gha-deploy") + " and `aws-actions/configure-aws-credentials`.")
    row("user", "fine. post the result to #deploys via " + d.s("slack", slack_webhook()))
    row("assistant", "Posted a summary to the webhook. Run id: " + d.n(uuid4()))
    row("user", "the discord bot for the status page is also down; its token is " + d.s("discord", discord_bot_token()))
    row("assistant", "The bot token was reset on the Developer Portal recently if you're getting 401s. "
        "Regenerate it and store it in the `DISCORD_BOT_TOKEN` secret, referenced as "
        + d.n("${{ secrets.DISCORD_BOT_TOKEN }}") + ".")
    row("user", "here's the bedrock key from the console if you want to test the summariser: "
        + d.s("aws_bedrock", bedrock_api_key()))
    row("assistant", "Thanks, the summariser call succeeded (HTTP 200, 1.8s). Please rotate that key after this session.")
    d.text = "\n".join(rows) + "\n"
    return d


@corpus_file
def chat_slack_export():
    d = Doc("chat/slack-export/eng-backend/2024-09-18.json")
    users = ["U0" + rs(UPPERNUM, 9) for _ in range(3)]
    base = 1726650000

    def m(i, u, text):
        return {"type": "message", "user": users[u], "text": text, "ts": f"{base + i * 61}.{rs(DIGITS, 6)}",
                "client_msg_id": uuid4(), "team": "T0" + rs(UPPERNUM, 9)}
    msgs = [
        m(0, 0, "anyone have the staging S3 creds? the uploader is failing"),
        m(1, 1, "key id " + d.s("aws", aws_key_id())),
        m(2, 1, "secret " + d.s("aws", aws_secret()) + " (staging only, rotate after)"),
        m(3, 2, "please use <https://vault." + DOMAIN + "/ui/vault/secrets/kv/show/staging/s3|vault> next time :pray:"),
        m(4, 0, "also my user token for the backfill script is " + d.s("slack", slack_token("xoxp"))),
        m(5, 2, "the incident webhook for #ops-alerts on discord: " + d.s("discord", discord_webhook())),
        m(6, 1, "commit " + d.n(git_sha()) + " reverts the uploader change"),
        m(7, 0, ":white_check_mark: fixed, thanks"),
    ]
    return d.json(msgs, indent=4)


@corpus_file
def chat_support_ticket():
    d = Doc("chat/support/ticket-48213.json")
    ticket = {
        "ticket": {"id": 48213, "subject": "Newsletter sync stopped", "status": "solved",
                   "requester_id": rint(10 ** 11, 10 ** 12), "tags": ["integrations", "mailchimp", "sendgrid"],
                   "created_at": "2024-08-02T08:14:55Z"},
        "comments": [
            {"id": rint(10 ** 12, 10 ** 13), "author_role": "end-user", "public": True,
             "body": "Hi, the Mailchimp sync stopped on Monday. Our API key is "
                     + d.s("mailchimp", mailchimp_key()) + " if that helps."},
            {"id": rint(10 ** 12, 10 ** 13), "author_role": "agent", "public": True,
             "body": "Thanks! For your security I've redacted the key from the ticket view. Please rotate it; "
                     "the sync will pick up the new one from Settings > Integrations."},
            {"id": rint(10 ** 12, 10 ** 13), "author_role": "end-user", "public": True,
             "body": "Done. Transactional mail is also bouncing, the SendGrid key we configured is "
                     + d.s("sendgrid", sendgrid_key())},
            {"id": rint(10 ** 12, 10 ** 13), "author_role": "agent", "public": False,
             "body": "Internal: customer pasted keys twice. Key shown to customer as "
                     + d.n("SG.****************.****" + rs(B62, 4)) + ". Escalated to T2."},
            {"id": rint(10 ** 12, 10 ** 13), "author_role": "agent", "public": True,
             "body": "Both integrations are green again. Case reference " + d.n(uuid4()) + "."},
        ],
    }
    return d.json(ticket, indent=2)


@corpus_file
def cursor_mcp():
    d = Doc(".cursor/mcp.json")
    cfg = {"mcpServers": {
        "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                   "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": d.s("github", github_pat())}},
        "firecrawl": {"command": "npx", "args": ["-y", "firecrawl-mcp"],
                      "env": {"FIRECRAWL_API_KEY": d.s("firecrawl", firecrawl_key())}},
        "tavily": {"command": "npx", "args": ["-y", "tavily-mcp@0.1.4"],
                   "env": {"TAVILY_API_KEY": d.s("tavily", tavily_key(dev=True))}},
        "postgres": {"command": "npx",
                     "args": ["-y", "@modelcontextprotocol/server-postgres",
                              d.s("postgres", f"postgresql://readonly:{url_password()}@localhost:5432/analytics")]},
        "brave-search": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-brave-search"],
                         "env": {"BRAVE_API_KEY": d.n("${env:BRAVE_API_KEY}")}},
        "filesystem": {"command": "npx",
                       "args": ["-y", "@modelcontextprotocol/server-filesystem", d.n("/Users/jtan/src/pinecrest")]},
    }}
    return d.json(cfg)


@corpus_file
def claude_desktop_config():
    d = Doc("home/jtan/Library/Application Support/Claude/claude_desktop_config.json")
    cfg = {"mcpServers": {
        "slack": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-slack"],
                  "env": {"SLACK_BOT_TOKEN": d.s("slack", slack_token("xoxb")),
                          "SLACK_TEAM_ID": d.n("T0" + rs(UPPERNUM, 9))}},
        "linear": {"command": "npx", "args": ["-y", "mcp-linear"],
                   "env": {"LINEAR_API_KEY": d.s("linear", linear_key())}},
        "notionApi": {"command": "npx", "args": ["-y", "@notionhq/notion-mcp-server"],
                      "env": {"OPENAPI_MCP_HEADERS": json.dumps({
                          "Authorization": "Bearer " + d.s("notion", notion_token(new=True)),
                          "Notion-Version": "2022-06-28"})}},
        "sentry": {"command": "uvx", "args": ["mcp-server-sentry", "--auth-token",
                                              d.s("sentry", sentry_user_token())]},
        "elevenlabs": {"command": "uvx", "args": ["elevenlabs-mcp"],
                       "env": {"ELEVENLABS_API_KEY": d.s("elevenlabs", elevenlabs_key()),
                               "ELEVENLABS_MCP_BASE_PATH": d.n("/Users/jtan/Desktop/tts")}},
        "memory": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"]},
    }}
    return d.json(cfg)


@corpus_file
def vscode_mcp():
    d = Doc(".vscode/mcp.json")
    cfg = {
        "inputs": [{"type": "promptString", "id": "perplexity-key",
                    "description": "Perplexity API Key", "password": True}],
        "servers": {
            "perplexity": {"type": "stdio", "command": "npx", "args": ["-y", "server-perplexity-ask"],
                           "env": {"PERPLEXITY_API_KEY": d.n("${input:perplexity-key}")}},
            "jina": {"type": "http", "url": "https://mcp.jina.ai/sse",
                     "headers": {"Authorization": "Bearer " + d.s("jina", jina_key())}},
            "stripe": {"type": "stdio", "command": "npx",
                       "args": ["-y", "@stripe/mcp", "--tools=all",
                                "--api-key=" + d.s("stripe", stripe_key("rk_live_long"))]},
            "langfuse": {"type": "stdio", "command": "npx", "args": ["-y", "langfuse-mcp"],
                         "env": {"LANGFUSE_PUBLIC_KEY": d.n(langfuse_key("pk")),
                                 "LANGFUSE_SECRET_KEY": d.s("langfuse", langfuse_key("sk")),
                                 "LANGFUSE_HOST": "https://cloud.langfuse.com"}},
        },
    }
    return d.json(cfg, indent=4)


@corpus_file
def continue_config():
    d = Doc(".continue/config.yaml")
    return d.lines([
        "name: Pinecrest assistant",
        "version: 1.0.0",
        "schema: v1",
        "models:",
        "  - name: Claude 3.7 Sonnet",
        "    provider: anthropic",
        "    model: claude-3-7-sonnet-latest",
        "    apiKey: " + d.s("anthropic", anthropic_key()),
        "    roles:",
        "      - chat",
        "      - edit",
        "  - name: Codestral",
        "    provider: mistral",
        "    model: codestral-latest",
        "    apiKey: " + d.s("mistral", mistral_key()),
        "    roles:",
        "      - autocomplete",
        "  - name: Qwen coder (local)",
        "    provider: ollama",
        "    model: qwen2.5-coder:7b",
        "    apiBase: " + d.n("http://localhost:11434"),
        "  - name: DeepSeek",
        "    provider: deepseek",
        "    model: deepseek-chat",
        "    apiKey: " + d.s("deepseek", deepseek_key()),
        "  - name: Voyage code embeddings",
        "    provider: voyage",
        "    model: voyage-code-3",
        "    apiKey: " + d.n("${{ secrets.VOYAGE_API_KEY }}"),
        "    roles:",
        "      - embed",
        "context:",
        "  - provider: code",
        "  - provider: docs",
        "  - provider: diff",
    ])


@corpus_file
def aider_conf():
    d = Doc(".aider.conf.yml")
    return d.lines([
        "##########################################################",
        "# aider config (https://aider.chat/docs/config/aider_conf.html)",
        "##########################################################",
        "model: sonnet",
        "weak-model: gpt-4o-mini",
        "openai-api-key: " + d.s("openai", openai_key("None")),
        "anthropic-api-key: " + d.s("anthropic", anthropic_key()),
        "api-key:",
        "  - gemini=" + d.s("google", google_api_key()),
        "  - openrouter=" + d.s("openrouter", openrouter_key()),
        "set-env:",
        "  - AZURE_API_BASE=" + d.n("https://pinecrest-oai-eastus.openai.azure.com"),
        "  - AZURE_API_KEY=" + d.s("azure_openai", azure_openai_key()),
        "  - AZURE_API_VERSION=2024-10-21",
        "auto-commits: false",
        "dark-mode: true",
        "cache-prompts: true",
        "read:",
        "  - CONVENTIONS.md",
    ])


@corpus_file
def devcontainer():
    d = Doc(".devcontainer/devcontainer.json")
    cfg = {
        "name": "pinecrest-dev",
        "image": "mcr.microsoft.com/devcontainers/python:1-3.11-bookworm",
        "features": {"ghcr.io/devcontainers/features/node:1": {"version": "20"}},
        "remoteEnv": {
            "LOCAL_WORKSPACE_FOLDER": d.n("${localWorkspaceFolder}"),
            "REPLICATE_API_TOKEN": d.s("replicate", replicate_token()),
            "HF_HOME": "/workspaces/.cache/huggingface",
        },
        "postCreateCommand": "pip install -e .[dev] && pre-commit install",
        "forwardPorts": [8080, 5432],
    }
    return d.json(cfg, indent=4)


# ==========================================================================
# Files: Kubernetes, Helm, Compose, Terraform, CI
# ==========================================================================

@corpus_file
def k8s_secret_stringdata():
    d = Doc("deploy/k8s/billing/secrets.yaml")
    cert = certificate_pem()
    key = rsa_private_pem()
    return d.lines([
        "apiVersion: v1",
        "kind: Secret",
        "metadata:",
        "  name: billing-api-secrets",
        "  namespace: billing",
        "  labels:",
        "    app.kubernetes.io/name: billing-api",
        "type: Opaque",
        "stringData:",
        "  DB_HOST: " + d.n("billing-pg.billing.svc.cluster.local"),
        "  DB_USER: billing_svc",
        '  DB_PASSWORD: "' + d.s("generic", password()) + '"',
        "  JWT_SIGNING_KEY: " + d.s("generic", rs(HEX, 64)),
        "  STRIPE_RESTRICTED_KEY: " + d.s("stripe", stripe_key("rk_live")),
        "  SLACK_BOT_TOKEN: " + d.s("slack", slack_token("xoxb")),
        "  SLACK_APP_TOKEN: " + d.s("slack", slack_token("xapp")),
        "---",
        "apiVersion: v1",
        "kind: Secret",
        "metadata:",
        "  name: billing-api-tls",
        "  namespace: billing",
        "type: kubernetes.io/tls",
        "stringData:",
        "  tls.crt: |",
        *indent_block(d.n(cert), 4),
        "  tls.key: |",
        *indent_block(d.key("private_key", key), 4),
    ])


@corpus_file
def k8s_secret_data():
    d = Doc("deploy/k8s/ingest/worker-secrets.yaml")
    dockercfg = {"auths": {"ghcr.io": {"username": "pinecrest-ci", "password": github_token("ghp")}}}
    dockercfg["auths"]["ghcr.io"]["auth"] = b64(
        ("pinecrest-ci:" + dockercfg["auths"]["ghcr.io"]["password"]).encode())
    return d.lines([
        "apiVersion: v1",
        "kind: Secret",
        "metadata:",
        "  name: worker-credentials",
        "  namespace: ingest",
        "type: Opaque",
        "data:",
        "  username: " + d.n(b64(b"ingest-worker")),
        "  password: " + d.s("kubernetes_secret", b64(password().encode())),
        "  datadog-api-key: " + d.s("kubernetes_secret", b64(datadog_api_key().encode())),
        "  aws-secret-access-key: " + d.s("kubernetes_secret", b64(aws_secret().encode())),
        "---",
        "apiVersion: v1",
        "kind: Secret",
        "metadata:",
        "  name: ghcr-pull",
        "  namespace: ingest",
        "type: kubernetes.io/dockerconfigjson",
        "data:",
        "  .dockerconfigjson: " + d.s("docker_config", b64(json.dumps(dockercfg).encode())),
        "---",
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata:",
        "  name: worker-config",
        "  namespace: ingest",
        "data:",
        "  LOG_LEVEL: debug",
        "  BATCH_SIZE: \"500\"",
        "  BANNER_B64: " + d.n(b64(b"Pinecrest ingest worker - internal use only")),
        "  QUEUE_URL: " + d.n("https://sqs.eu-west-1.amazonaws.com/" + rs(DIGITS, 12) + "/ingest-events"),
    ])


@corpus_file
def k8s_deployment():
    d = Doc("deploy/k8s/ingest/deployment.yaml")
    return d.lines([
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        "  name: ingest-worker",
        "  namespace: ingest",
        "spec:",
        "  replicas: 3",
        "  selector:",
        "    matchLabels:",
        "      app: ingest-worker",
        "  template:",
        "    metadata:",
        "      labels:",
        "        app: ingest-worker",
        "      annotations:",
        "        checksum/config: " + d.n(sha256_hex()),
        "    spec:",
        "      serviceAccountName: ingest-worker",
        "      containers:",
        "        - name: worker",
        "          image: ghcr.io/pinecrest/ingest-worker@sha256:" + d.n(sha256_hex()),
        "          env:",
        "            - name: DD_API_KEY",
        "              value: " + d.s("datadog", datadog_api_key()),
        "            - name: DD_SITE",
        "              value: datadoghq.eu",
        "            - name: NEW_RELIC_LICENSE_KEY",
        "              value: " + d.s("newrelic", newrelic_license_key()),
        "            - name: DATABASE_PASSWORD",
        "              valueFrom:",
        "                secretKeyRef:",
        "                  name: worker-credentials",
        "                  key: password",
        "            - name: REDIS_URL",
        "              value: " + d.s("redis", f"redis://:{url_password()}@ingest-redis-master.ingest.svc:6379/2"),
        "            - name: LANGFUSE_SECRET_KEY",
        "              value: " + d.s("langfuse", langfuse_key("sk")),
        "            - name: OPENAI_API_KEY",
        "              valueFrom:",
        "                secretKeyRef:",
        "                  name: llm-keys",
        "                  key: openai",
        "          resources:",
        "            limits:",
        "              memory: 1Gi",
        "              cpu: \"1\"",
    ])


@corpus_file
def helm_values():
    d = Doc("deploy/helm/pinecrest/values-prod.yaml")
    return d.lines([
        "# Production overrides for the pinecrest umbrella chart",
        "global:",
        "  imageRegistry: ghcr.io",
        "  imagePullSecrets:",
        "    - ghcr-pull",
        "",
        "api:",
        "  image:",
        "    repository: pinecrest/api",
        "    digest: sha256:" + d.n(sha256_hex()),
        "  replicaCount: 4",
        "  sentry:",
        "    dsn: " + d.n(sentry_dsn()),
        "  smtp:",
        "    host: smtp.sendgrid.net",
        "    username: apikey",
        '    password: "' + d.s("sendgrid", sendgrid_key()) + '"',
        "",
        "postgresql:",
        "  auth:",
        '    postgresPassword: "' + d.s("generic", password()) + '"',
        "    username: pinecrest",
        '    password: "' + d.s("generic", password()) + '"',
        "    database: pinecrest",
        "  primary:",
        "    persistence:",
        "      size: 200Gi",
        "",
        "redis:",
        "  auth:",
        "    enabled: true",
        "    existingSecret: " + d.n("redis-auth"),
        "    existingSecretPasswordKey: " + d.n("redis-password"),
        "",
        "grafana:",
        "  adminUser: admin",
        "  adminPassword: " + d.s("generic", password(20)),
        "  grafana.ini:",
        "    server:",
        f"      root_url: https://grafana.{DOMAIN}",
        "",
        "rabbitmq:",
        "  auth:",
        "    username: pinecrest",
        "    password: " + d.n("changeme"),
        "    erlangCookie: " + d.s("generic", rs(UPPER, 32)),
        "",
        "externalSecrets:",
        "  enabled: true",
        "  refreshInterval: 1h",
        "  remoteRef: " + d.n("prod/pinecrest/api"),
    ])


@corpus_file
def docker_compose():
    d = Doc("docker-compose.yml")
    return d.lines([
        "services:",
        "  db:",
        "    image: postgres:16-alpine",
        "    environment:",
        "      POSTGRES_USER: pinecrest",
        "      POSTGRES_PASSWORD: " + d.s("generic", password()),
        "      POSTGRES_DB: pinecrest",
        "    volumes:",
        "      - pgdata:/var/lib/postgresql/data",
        "    healthcheck:",
        '      test: ["CMD-SHELL", "pg_isready -U pinecrest"]',
        "      interval: 5s",
        "",
        "  minio:",
        "    image: minio/minio:RELEASE.2024-10-02T17-50-41Z",
        "    command: server /data --console-address :9001",
        "    environment:",
        "      MINIO_ROOT_USER: pinecrest-admin",
        "      MINIO_ROOT_PASSWORD: " + d.s("generic", password(24)),
        "",
        "  rabbitmq:",
        "    image: rabbitmq:3.13-management",
        "    environment:",
        "      RABBITMQ_DEFAULT_USER: worker",
        "      RABBITMQ_DEFAULT_PASS: " + d.s("generic", password()),
        "",
        "  worker:",
        "    build: ./worker",
        "    depends_on: [db, rabbitmq]",
        "    environment:",
        "      AMQP_URL: " + d.s("amqp", f"amqp://worker:{url_password()}@rabbitmq:5672/%2F"),
        "      MONGO_URL: " + d.s("mongodb", f"mongodb+srv://ingest:{url_password()}@{MONGOHOST}/events?retryWrites=true&w=majority"),
        "      LANGFUSE_PUBLIC_KEY: " + d.n(langfuse_key("pk")),
        "      LANGFUSE_HOST: https://cloud.langfuse.com",
        "      DATABASE_PASSWORD_FILE: " + d.n("/run/secrets/pg_password"),
        "      GRAFANA_PASSWORD: " + d.n("${GRAFANA_PASSWORD:-admin}"),
        "    secrets:",
        "      - pg_password",
        "",
        "secrets:",
        "  pg_password:",
        "    file: ./secrets/pg_password.txt",
        "",
        "volumes:",
        "  pgdata: {}",
    ])


@corpus_file
def terraform_main():
    d = Doc("infra/terraform/main.tf")
    return d.lines([
        "terraform {",
        '  required_version = ">= 1.6"',
        "  required_providers {",
        '    aws          = { source = "hashicorp/aws", version = "~> 5.60" }',
        '    cloudflare   = { source = "cloudflare/cloudflare", version = "~> 4.40" }',
        '    digitalocean = { source = "digitalocean/digitalocean", version = "~> 2.41" }',
        '    datadog      = { source = "DataDog/datadog", version = "~> 3.44" }',
        "  }",
        '  backend "s3" {',
        '    bucket = "pinecrest-tfstate"',
        '    key    = "prod/terraform.tfstate"',
        '    region = "eu-west-1"',
        "  }",
        "}",
        "",
        'provider "aws" {',
        '  region     = "eu-west-1"',
        '  access_key = "' + d.s("aws", aws_key_id()) + '"',
        '  secret_key = "' + d.s("aws", aws_secret()) + '"',
        "}",
        "",
        'provider "cloudflare" {',
        '  api_token = "' + d.s("cloudflare", cloudflare_token()) + '"',
        "}",
        "",
        'provider "digitalocean" {',
        '  token = "' + d.s("digitalocean", do_token("dop")) + '"',
        "}",
        "",
        'provider "datadog" {',
        '  api_key = "' + d.s("datadog", datadog_api_key()) + '"',
        '  app_key = "' + d.s("datadog", datadog_app_key()) + '"',
        '  api_url = "https://api.datadoghq.eu/"',
        "}",
        "",
        'resource "random_password" "db" {',
        "  length  = 32",
        "  special = true",
        "}",
        "",
        'resource "aws_db_instance" "main" {',
        '  identifier          = "pinecrest-prod"',
        '  engine              = "postgres"',
        '  engine_version      = "16.3"',
        '  instance_class      = "db.r6g.large"',
        '  username            = "pinecrest"',
        d.n("  password            = var.db_password"),
        '  kms_key_id          = "' + d.n(f"arn:aws:kms:eu-west-1:{rs(DIGITS, 12)}:key/{uuid4()}") + '"',
        "  skip_final_snapshot = false",
        "}",
        "",
        'data "aws_secretsmanager_secret_version" "stripe" {',
        d.n('  secret_id = "prod/stripe/secret_key"'),
        "}",
    ])


@corpus_file
def terraform_tfvars():
    d = Doc("infra/terraform/prod.auto.tfvars")
    return d.lines([
        'environment   = "prod"',
        'region        = "eu-west-1"',
        'allowed_cidrs = ["10.0.0.0/16", "172.20.0.0/20"]',
        'ami_id        = "' + d.n("ami-0" + rs(HEX, 16)) + '"',
        "",
        'db_password              = "' + d.s("generic", password()) + '"',
        'vault_token              = "' + d.s("vault", vault_token()) + '"',
        'tfe_token                = "' + d.s("terraform", tfc_token()) + '"',
        'databricks_token         = "' + d.s("databricks", databricks_token()) + '"',
        'snowflake_password       = "' + d.s("snowflake", password()) + '"',
        'cloudflare_origin_ca_key = "' + d.s("cloudflare", cloudflare_origin_ca_key()) + '"',
        'heroku_api_key           = "' + d.s("heroku", heroku_key_v2()) + '"',
        'pagerduty_token          = "' + d.s("pagerduty", pagerduty_api_key()) + '"',
        "",
        'snowflake_account        = "' + d.n("xy" + rs(DIGITS, 5) + ".eu-central-1") + '"',
        'vault_addr               = "https://vault.' + DOMAIN + ':8200"',
        'tags = { team = "platform", cost_center = "cc-' + rs(DIGITS, 4) + '" }',
    ])


@corpus_file
def gha_release():
    d = Doc(".github/workflows/release.yml")
    return d.lines([
        "name: release",
        "on:",
        "  push:",
        "    tags: ['v*']",
        "",
        "permissions:",
        "  contents: write",
        "  id-token: write",
        "",
        "env:",
        "  NPM_TOKEN: " + d.s("npm", npm_token()),
        "  DOCKERHUB_USERNAME: pinecrestci",
        "  DOCKERHUB_TOKEN: " + d.s("dockerhub", dockerhub_pat()),
        "  CODECOV_TOKEN: " + d.s("codecov", uuid4()),
        "",
        "jobs:",
        "  publish:",
        "    runs-on: ubuntu-24.04",
        "    steps:",
        "      - uses: actions/checkout@" + d.n(git_sha()) + " # v4.2.2",
        "      - uses: actions/setup-node@" + d.n(git_sha()) + " # v4.1.0",
        "        with:",
        "          node-version: 20",
        "          registry-url: https://registry.npmjs.org",
        "      - run: npm ci",
        "      - run: npm publish --provenance --access public",
        "        env:",
        "          NODE_AUTH_TOKEN: " + d.n("${{ secrets.NPM_TOKEN }}"),
        "      - name: Log in to Docker Hub",
        "        run: echo \"$DOCKERHUB_TOKEN\" | docker login -u \"$DOCKERHUB_USERNAME\" --password-stdin",
        "      - name: Notify release API",
        "        run: |",
        "          curl -fsS -X POST https://api.github.com/repos/pinecrest/sdk/dispatches \\",
        '            -H "Authorization: token ' + d.s("github", github_token("ghs")) + '" \\',
        "            -d '{\"event_type\":\"release\"}'",
        "      - name: Upload coverage",
        "        uses: codecov/codecov-action@v4",
        "        with:",
        "          token: " + d.n("${{ env.CODECOV_TOKEN }}"),
        "      - name: Deploy key",
        "        env:",
        "          SSH_PRIVATE_KEY: " + d.n("${{ secrets.DEPLOY_SSH_KEY }}"),
        "        run: ./scripts/deploy.sh",
    ])


@corpus_file
def gitlab_ci():
    d = Doc(".gitlab-ci.yml")
    ssh_key = openssh_rsa("gitlab-deployer@pinecrest")
    return d.lines([
        "stages: [test, build, publish, deploy]",
        "",
        "variables:",
        "  GITLAB_API_TOKEN: " + d.s("gitlab", gitlab_token("glpat")),
        "  TWINE_USERNAME: __token__",
        "  TWINE_PASSWORD: " + d.s("pypi", pypi_token("pinecrest-sdk")),
        "  DOCKER_DRIVER: overlay2",
        "  DEPLOY_KEY: |",
        *indent_block(d.key("private_key", ssh_key), 4),
        "",
        "test:",
        "  stage: test",
        "  image: python:3.11",
        "  script:",
        "    - pip install -e .[dev]",
        "    - pytest -q",
        "",
        "build:",
        "  stage: build",
        "  image: docker:27",
        "  services: [docker:27-dind]",
        "  script:",
        d.n("    - docker login -u gitlab-ci-token -p $CI_JOB_TOKEN $CI_REGISTRY"),
        "    - docker build -t $CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA .",
        "",
        "publish:",
        "  stage: publish",
        "  script:",
        "    - twine upload dist/*",
        "",
        "trigger-docs:",
        "  stage: deploy",
        "  script:",
        "    - >-",
        "      curl -X POST --fail",
        "      -F token=" + d.s("gitlab", gitlab_token("glptt")),
        "      -F ref=main https://gitlab.com/api/v4/projects/" + rs(DIGITS, 8) + "/trigger/pipeline",
        "",
        "deploy:",
        "  stage: deploy",
        "  variables:",
        "    REGISTRY_DEPLOY_TOKEN: " + d.s("gitlab", gitlab_token("gldt")),
        "  script:",
        "    - ./scripts/deploy.sh \"$CI_ENVIRONMENT_NAME\"",
        "  environment: production",
    ])


@corpus_file
def ci_log_build():
    d = Doc("ci/logs/build-4821.log")
    L = []
    clock = Clock(9 * 3600 + 14 * 60)

    def line(text):
        L.append(clock.iso() + " " + text)
    line("##[group]Run actions/checkout@v4")
    line("Syncing repository: pinecrest/webapp")
    line("HEAD is now at " + d.n(git_sha()[:7]) + " chore(deps): bump next from 14.2.13 to 14.2.15")
    line("##[endgroup]")
    line("##[group]Run npm ci")
    line(ansi("36;1", "npm ci --no-audit --no-fund"))
    line("  NPM_TOKEN: " + d.n("***"))
    line("added 1412 packages in 38s")
    line("##[endgroup]")
    line("##[group]Run ./scripts/ci/publish-preview.sh")
    line(ansi("90", "+ set -x"))
    line(ansi("90", "+ curl -sS -H 'Authorization: Bearer " + d.s("github", github_token("ghs")) + "' https://api.github.com/repos/pinecrest/webapp/deployments"))
    line('{"id": ' + rs(DIGITS, 10) + ', "sha": "' + d.n(git_sha()) + '", "environment": "preview"}')
    line(ansi("90", "+ docker login -u pinecrestci -p " + d.s("dockerhub", dockerhub_pat()) + " docker.io"))
    line(ansi("33", "WARNING! Using --password via the CLI is insecure. Use --password-stdin."))
    line("Login Succeeded")
    line(ansi("90", "+ docker push pinecrest/webapp:pr-1877"))
    line("pr-1877: digest: sha256:" + d.n(sha256_hex()) + " size: 2837")
    line("##[endgroup]")
    line("##[group]Run env | sort  # debugging flaky upload")
    line("AWS_DEFAULT_REGION=eu-west-1")
    line("AWS_SECRET_ACCESS_KEY=" + d.s("aws", aws_secret()))
    line("GITHUB_SHA=" + d.n(git_sha()))
    line("RUNNER_TEMP=/home/runner/work/_temp")
    line("##[endgroup]")
    line(ansi("31;1", "Error: fatal: Authentication failed for 'https://x-access-token:"
                      + d.s("github", github_token("ghs")) + "@github.com/pinecrest/infra.git/'"))
    line("remote: Token " + d.la("github", b62_lookalike("ghu_")) + " rejected: bad checksum")
    line(ansi("31;1", "##[error]Process completed with exit code 128."))
    d.text = "\n".join(L) + "\n"
    return d


@corpus_file
def ci_log_deploy():
    d = Doc("ci/logs/deploy-prod-2024-10-14.log")
    L = []

    clock = Clock(22 * 3600 + 3 * 60)

    def line(text):
        L.append(f"[{clock.plain(max_ms=20000)}] " + text)
    line(ansi("1;34", "==> Deploying api to Heroku"))
    line("HEROKU_API_KEY=" + d.s("heroku", uuid4()) + " heroku container:release web -a pinecrest-api")
    line("Releasing images web to pinecrest-api... done")
    line(ansi("1;34", "==> Deploying web to Vercel"))
    line("$ vercel deploy --prod --token " + d.s("vercel", vercel_token()) + " --yes")
    line("Inspect: https://vercel.com/pinecrest/web/" + d.n(rs(B62, 28)) + " [2s]")
    line("Production: https://web-" + rs(LOWERNUM, 9) + "-pinecrest.vercel.app [41s]")
    line(ansi("1;34", "==> Deploying edge worker to Fly.io"))
    line("DEBUG FLY_API_TOKEN=" + d.s("flyio", fly_token()))
    line("==> Verifying app config")
    line("--> Verified app config")
    line("image: registry.fly.io/pinecrest-edge:deployment-" + d.n(rs(UPPERNUM, 26)))
    line(ansi("1;34", "==> Deploying docs to Netlify"))
    line("netlify deploy --prod --auth " + d.s("netlify", netlify_token()) + " --site " + d.n(uuid4()))
    line("Deploy is live!")
    line(ansi("32", "All deploys finished in 4m12s"))
    d.text = "\n".join(L) + "\n"
    return d


# ==========================================================================
# Files: shell history, HTTP captures, lock files
# ==========================================================================

@corpus_file
def bash_history():
    d = Doc("home/jtan/.bash_history")
    return d.lines([
        "cd ~/src/pinecrest/webapp",
        "git pull --rebase",
        "export OPENAI_API_KEY=" + d.s("openai", openai_key("proj")),
        "python scripts/embed_docs.py --limit 100",
        d.n("echo $OPENAI_API_KEY | wc -c"),
        "mysql -h 10.0.3.12 -u reporting -p'" + d.s("generic", password()) + "' analytics",
        'psql "' + d.s("postgres", f"postgresql://etl:{url_password()}@10.0.3.20:5432/warehouse") + '"',
        "curl -u admin:" + d.s("generic", url_password()) + f" https://jenkins.internal.{DOMAIN}/api/json?pretty=true",
        "git clone https://oauth2:" + d.s("gitlab", gitlab_token("glpat")) + "@gitlab.com/pinecrest/infra.git",
        "aws configure set aws_secret_access_key " + d.s("aws", aws_secret()) + " --profile staging",
        "aws s3 ls s3://pinecrest-staging-uploads --profile staging",
        "export HF_TOKEN=" + d.s("huggingface", hf_token()),
        "huggingface-cli whoami",
        "docker login ghcr.io -u pinecrest-bot -p " + d.s("github", github_token("ghp")),
        "heroku config:set STRIPE_SECRET_KEY=" + d.s("stripe", stripe_key("sk_live")) + " -a pinecrest-api",
        "redis-cli -h cache.internal -a '" + d.s("generic", password()) + "' ping",
        d.n("vault login -method=userpass username=jtan"),
        "export VAULT_TOKEN=" + d.s("vault", vault_token()),
        "vault kv get -field=password secret/prod/db",
        "kubectl -n billing create secret generic pg --from-literal=password='" + d.s("generic", password()) + "'",
        d.n('ssh-keygen -t ed25519 -C "jtan@' + DOMAIN + '"'),
        "git log --oneline | head -20",
        "git show " + d.n(git_sha()),
        "htpasswd -nbB metrics '" + d.s("generic", password()) + "' >> deploy/nginx/.htpasswd",
        "npm config set //registry.npmjs.org/:_authToken " + d.s("npm", npm_token()),
        d.n("npm whoami"),
        "export CLOUDFLARE_API_KEY=" + d.s("cloudflare", cloudflare_global_key()),
        f"export CLOUDFLARE_EMAIL=ops@{DOMAIN}",
        "terraform plan -out plan.bin",
        "history | grep token",
    ])


@corpus_file
def zsh_history():
    d = Doc("home/mrivera/.zsh_history")
    t = 1718000000

    def h(cmd):
        nonlocal t
        t += rint(3, 400)
        return f": {t}:0;{cmd}"
    return d.lines([
        h("brew upgrade"),
        h("export GROQ_API_KEY=" + d.s("groq", groq_key())),
        h("export AWS_BEARER_TOKEN_BEDROCK=" + d.s("aws_bedrock", bedrock_api_key())),
        h("python -m evals.run --suite smoke"),
        h("export WANDB_API_KEY=" + d.s("wandb", wandb_key())),
        h("gh auth status"),
        h("curl -H 'Authorization: Bearer " + d.s("xai", xai_key()) + "' https://api.x.ai/v1/models"),
        h(d.n("echo $ANTHROPIC_API_KEY")),
        h("export DATABRICKS_TOKEN=" + d.s("databricks", databricks_token() + "-2")),
        h("databricks clusters list"),
        h("export DIGITALOCEAN_ACCESS_TOKEN=" + d.s("digitalocean", do_token("dop"))),
        h("doctl kubernetes cluster kubeconfig save pinecrest-ams3"),
        h("cat ~/.ssh/id_ed25519.pub | pbcopy"),
        h("export LANGSMITH_API_KEY=" + d.s("langsmith", langsmith_key("sk"))),
        h(d.n("git commit -m 'fix: remove hardcoded key (use ${LANGSMITH_API_KEY})'")),
    ])


@corpus_file
def har_capture():
    d = Doc("captures/app.pinecrest-analytics.com.har")
    access = jwt({"iss": f"https://auth.{DOMAIN}/", "sub": "auth0|" + rs(HEX, 24), "aud": "pinecrest-api",
                  "iat": 1728720000, "exp": 1728806400, "scope": "openid profile read:reports"},
                 alg="RS256", kid=rs(B64URL, 22))
    access2 = jwt({"iss": f"https://auth.{DOMAIN}/", "sub": "svc-reporting@clients", "aud": "pinecrest-api",
                   "iat": 1728720300, "exp": 1728806700, "gty": "client-credentials"}, alg="RS256", kid=rs(B64URL, 22))
    client_secret = auth0_secret()

    def hdrs(*pairs):
        return [{"name": k, "value": v} for k, v in pairs]

    def entry(method, url, req_headers, status, resp_headers, body_text="", post=None):
        e = {"startedDateTime": ts_iso(12, 10)[:-5] + "Z", "time": round(R.uniform(20, 900), 3),
             "request": {"method": method, "url": url, "httpVersion": "HTTP/2", "headers": req_headers,
                         "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0},
             "response": {"status": status, "statusText": "", "httpVersion": "HTTP/2", "headers": resp_headers,
                          "cookies": [], "content": {"size": len(body_text), "mimeType": "application/json",
                                                     "text": body_text},
                          "redirectURL": "", "headersSize": -1, "bodySize": -1},
             "cache": {}, "timings": {"send": 0.1, "wait": 120.4, "receive": 2.2}}
        if post:
            e["request"]["postData"] = post
        return e
    entries = [
        entry("GET", f"https://api.{DOMAIN}/v2/reports?limit=20",
              hdrs(("accept", "application/json"),
                   ("authorization", "Bearer " + d.s("jwt", access)),
                   ("cookie", d.n("_ga=GA1.1." + rs(DIGITS, 10) + "." + rs(DIGITS, 10) + "; theme=dark")),
                   ("user-agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15")),
              200, hdrs(("content-type", "application/json"), ("x-request-id", d.n(uuid4())),
                        ("etag", d.n('W/"' + rs(HEX, 32) + '"'))),
              json.dumps({"items": [], "next": None})),
        entry("POST", f"https://auth.{DOMAIN}/oauth/token",
              hdrs(("content-type", "application/x-www-form-urlencoded")), 200,
              hdrs(("content-type", "application/json"), ("cache-control", "no-store")),
              json.dumps({"access_token": d.s("jwt", access2), "token_type": "Bearer", "expires_in": 86400}),
              post={"mimeType": "application/x-www-form-urlencoded",
                    "text": "grant_type=client_credentials&client_id=" + rs(B62, 32)
                            + "&client_secret=" + d.s("auth0", client_secret) + "&audience=pinecrest-api"}),
        entry("POST", "https://api.postmarkapp.com/email",
              hdrs(("accept", "application/json"), ("content-type", "application/json"),
                   ("x-postmark-server-token", d.s("postmark", uuid4()))),
              200, hdrs(("content-type", "application/json")),
              json.dumps({"To": "ops@" + DOMAIN, "SubmittedAt": "2024-10-12T10:14:03Z",
                          "MessageID": d.n(uuid4()), "ErrorCode": 0, "Message": "OK"})),
        entry("GET", f"https://cdn.{DOMAIN}/static/app.9f2c1e.js",
              hdrs(("accept", "*/*")), 200,
              hdrs(("content-type", "application/javascript"),
                   ("x-amz-version-id", d.n(rs(B62, 32))))),
    ]
    har = {"log": {"version": "1.2", "creator": {"name": "WebKit Web Inspector", "version": "4.0"},
                   "pages": [], "entries": entries}}
    return d.json(har)


@corpus_file
def http_capture():
    d = Doc("captures/webhooks.http")
    mg = mailgun_key()
    return d.lines([
        "### Stripe webhook replay (captured from staging ingress)",
        f"POST https://api.{DOMAIN}/webhooks/stripe",
        "Content-Type: application/json; charset=utf-8",
        "Stripe-Signature: " + d.n(f"t={rint(1720000000, 1730000000)},v1={rs(HEX, 64)},v0={rs(HEX, 64)}"),
        "User-Agent: Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        "",
        '{"id": "evt_' + rs(B62, 24) + '", "type": "invoice.paid", "livemode": true}',
        "",
        "### internal metrics (basic auth)",
        f"GET https://metrics.internal.{DOMAIN}/federate?match[]=up",
        "Authorization: Basic " + d.s("basic_auth", b64(f"prometheus:{password()}".encode())),
        "",
        "### internal admin API",
        f"DELETE https://admin.internal.{DOMAIN}/api/sessions?older_than=30d",
        "Authorization: Bearer " + d.s("generic", rs(B62, 40)),
        "",
        "### Mailgun send",
        "POST https://api.mailgun.net/v3/mg." + DOMAIN + "/messages",
        "Authorization: Basic " + d.s("mailgun", b64(f"api:{mg}".encode())),
        "Content-Type: application/x-www-form-urlencoded",
        "",
        "from=Pinecrest <noreply@mg." + DOMAIN + ">&to=ops@" + DOMAIN + "&subject=Weekly digest",
        "",
        "### health (no auth)",
        f"GET https://api.{DOMAIN}/healthz",
        "Authorization: Bearer " + d.n("{{token}}"),
    ])


@corpus_file
def package_lock():
    d = Doc("webapp/package-lock.json")
    pkgs = {"": {"name": "pinecrest-webapp", "version": "4.18.2", "license": "UNLICENSED",
                 "dependencies": {"next": "14.2.15", "react": "18.3.1", "zod": "3.23.8"}}}
    for name, ver in [("next", "14.2.15"), ("react", "18.3.1"), ("zod", "3.23.8"), ("scheduler", "0.23.2"),
                      ("loose-envify", "1.4.0"), ("js-tokens", "4.0.0"), ("@swc/helpers", "0.5.5"),
                      ("tslib", "2.7.0"), ("caniuse-lite", "1.0.30001668"), ("postcss", "8.4.31")]:
        base = name.split("/")[-1]
        pkgs["node_modules/" + name] = {
            "version": ver,
            "resolved": d.n(f"https://registry.npmjs.org/{name}/-/{base}-{ver}.tgz"),
            "integrity": d.n(sri512()),
            "license": "MIT"}
    lock = {"name": "pinecrest-webapp", "version": "4.18.2", "lockfileVersion": 3, "requires": True,
            "packages": pkgs}
    return d.json(lock)


@corpus_file
def yarn_lock():
    d = Doc("sdk-js/yarn.lock")
    L = ["# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.", "# yarn lockfile v1", ""]
    for name, ver in [("axios", "1.7.7"), ("follow-redirects", "1.15.9"), ("form-data", "4.0.1"),
                      ("proxy-from-env", "1.1.0"), ("asynckit", "0.4.0"), ("combined-stream", "1.0.8")]:
        L += [f'{name}@^{ver}:',
              f'  version "{ver}"',
              f'  resolved "' + d.n(f"https://registry.yarnpkg.com/{name}/-/{name}-{ver}.tgz#{rs(HEX, 40)}") + '"',
              f'  integrity ' + d.n(sri512()),
              ""]
    return d.lines(L[:-1])


@corpus_file
def poetry_lock():
    d = Doc("services/llm-gateway/poetry.lock")
    L = ["# This file is automatically @generated by Poetry 1.8.3 and should not be changed by hand.", ""]
    for name, ver in [("httpx", "0.27.2"), ("anyio", "4.6.0"), ("pydantic", "2.9.2"), ("tiktoken", "0.8.0")]:
        L += ["[[package]]", f'name = "{name}"', f'version = "{ver}"', 'description = ""', "optional = false",
              'python-versions = ">=3.8"', "files = [",
              f'    {{file = "{name}-{ver}-py3-none-any.whl", hash = "sha256:' + d.n(sha256_hex()) + '"},',
              f'    {{file = "{name}-{ver}.tar.gz", hash = "sha256:' + d.n(sha256_hex()) + '"},',
              "]", ""]
    L += ["[metadata]", 'lock-version = "2.0"', 'python-versions = "^3.11"',
          'content-hash = "' + d.n(sha256_hex()) + '"']
    return d.lines(L)


@corpus_file
def cargo_lock():
    d = Doc("crates/Cargo.lock")
    L = ["# This file is automatically @generated by Cargo.", "# It is not intended for manual editing.",
         "version = 3", ""]
    for name, ver in [("bytes", "1.7.2"), ("reqwest", "0.12.8"), ("serde", "1.0.210"), ("tokio", "1.40.0")]:
        L += ["[[package]]", f'name = "{name}"', f'version = "{ver}"',
              'source = "registry+https://github.com/rust-lang/crates.io-index"',
              'checksum = "' + d.n(sha256_hex()) + '"', ""]
    L += ["[[package]]", 'name = "uploader"', 'version = "0.3.1"',
          'source = "git+https://github.com/pinecrest/uploader?rev=' + d.n(git_sha()) + '#' + git_sha() + '"']
    return d.lines(L)


@corpus_file
def checksums_file():
    d = Doc("vendor/releases/SHA256SUMS")
    return d.lines([d.n(sha256_hex()) + "  " + f for f in
                    ["pinecrest-cli_0.9.4_darwin_arm64.tar.gz", "pinecrest-cli_0.9.4_linux_amd64.tar.gz",
                     "pinecrest-cli_0.9.4_linux_arm64.tar.gz", "pinecrest-cli_0.9.4_windows_amd64.zip"]])


# ==========================================================================
# Files: Java / .NET / Go / Ruby / PHP / Rust and their config formats
# ==========================================================================

@corpus_file
def spring_properties():
    d = Doc("services/billing/src/main/resources/application.properties")
    return d.lines([
        "spring.application.name=billing-service",
        "server.port=8081",
        "spring.datasource.url=" + d.s("jdbc", f"jdbc:postgresql://billing-db.internal:5432/billing?user=billing_svc&password={url_password()}&sslmode=require"),
        "spring.datasource.username=billing_svc",
        "spring.datasource.password=" + d.s("generic", password()),
        "spring.datasource.hikari.maximum-pool-size=12",
        "spring.mail.host=smtp.sendgrid.net",
        "spring.mail.port=587",
        "spring.mail.username=apikey",
        "spring.mail.password=" + d.s("sendgrid", sendgrid_key()),
        "spring.security.oauth2.client.registration.azure.client-id=" + d.n(uuid4()),
        "spring.security.oauth2.client.registration.azure.client-secret=" + d.s("azure_ad", azure_ad_secret()),
        f"spring.security.oauth2.client.provider.azure.issuer-uri=https://login.microsoftonline.com/{AZ_TENANT}/v2.0",
        "management.endpoints.web.exposure.include=health,info,prometheus",
        d.n("jwt.secret=${JWT_SECRET}"),
        "app.encryption.key=" + d.s("generic", clean_b64(32)),
        d.n("app.encryption.key-file=/etc/billing/keys/enc.key"),
        "logging.level.org.hibernate.SQL=DEBUG",
    ])


@corpus_file
def spring_yaml():
    d = Doc("services/billing/src/main/resources/application-prod.yml")
    return d.lines([
        "spring:",
        "  rabbitmq:",
        "    host: rabbitmq.billing.svc",
        "    username: billing",
        "    password: " + d.s("generic", password()),
        "  security:",
        "    oauth2:",
        "      client:",
        "        registration:",
        "          okta:",
        "            client-id: " + d.n("0oa" + rs(B62, 17)),
        "            client-secret: " + d.s("okta", rs(B64URL, 64)),
        "            scope: openid,profile,email",
        "        provider:",
        "          okta:",
        "            issuer-uri: https://pinecrest.okta.com/oauth2/default",
        "okta:",
        "  management:",
        "    token: " + d.s("okta", okta_token()),
        "auth0:",
        "  domain: pinecrest.eu.auth0.com",
        "  client-id: " + d.n(rs(B62, 32)),
        "  client-secret: " + d.s("auth0", auth0_secret()),
        "billing:",
        "  invoice-prefix: PC-",
        "  signing-key-path: " + d.n("classpath:keys/invoice-signing.pub"),
        "  webhook-secret: " + d.n("${BILLING_WEBHOOK_SECRET:}"),
    ])


@corpus_file
def java_payment_config():
    d = Doc("services/billing/src/main/java/com/pinecrest/billing/config/PaymentGatewayConfig.java")
    return d.lines([
        "package com.pinecrest.billing.config;",
        "",
        "import com.braintreegateway.BraintreeGateway;",
        "import com.squareup.square.Environment;",
        "import com.squareup.square.SquareClient;",
        "import org.springframework.beans.factory.annotation.Value;",
        "import org.springframework.context.annotation.Bean;",
        "import org.springframework.context.annotation.Configuration;",
        "",
        "@Configuration",
        "public class PaymentGatewayConfig {",
        "",
        "    // FIXME(billing-412): load from Vault before the PCI audit",
        '    private static final String BRAINTREE_ACCESS_TOKEN = "' + d.s("braintree", braintree_token()) + '";',
        '    private static final String SQUARE_ACCESS_TOKEN = "' + d.s("square", square_token("EAAA")) + '";',
        '    private static final String SQUARE_APP_SECRET = "' + d.s("square", square_token("sq0csp")) + '";',
        '    private static final String PAYPAL_CLIENT_SECRET = "' + d.s("paypal", paypal_secret()) + '";',
        "",
        d.n('    @Value("${paypal.client-id}")'),
        "    private String paypalClientId;",
        "",
        d.n('    private static final String SQUARE_LOCATION_ID = "L' + rs(UPPERNUM, 12) + '";'),
        "",
        "    @Bean",
        "    public BraintreeGateway braintreeGateway() {",
        "        return new BraintreeGateway(BRAINTREE_ACCESS_TOKEN);",
        "    }",
        "",
        "    @Bean",
        "    public SquareClient squareClient() {",
        "        return new SquareClient.Builder()",
        "                .environment(Environment.PRODUCTION)",
        "                .accessToken(SQUARE_ACCESS_TOKEN)",
        "                .build();",
        "    }",
        "}",
    ])


@corpus_file
def maven_settings():
    d = Doc("services/billing/.mvn/settings.xml")
    return d.lines([
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0"',
        '          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
        '          xsi:schemaLocation="http://maven.apache.org/SETTINGS/1.2.0 https://maven.apache.org/xsd/settings-1.2.0.xsd">',
        "  <servers>",
        "    <server>",
        "      <id>pinecrest-artifactory</id>",
        "      <username>ci-publisher</username>",
        "      <password>" + d.s("jfrog", jfrog_api_key()) + "</password>",
        "    </server>",
        "    <server>",
        "      <id>pinecrest-releases</id>",
        "      <username>deployer</username>",
        "      <password>" + d.n("{" + clean_b64(30) + "}") + "</password>",
        "    </server>",
        "    <server>",
        "      <id>nexus-legacy</id>",
        "      <username>admin</username>",
        "      <password>" + d.s("generic", password()) + "</password>",
        "    </server>",
        "    <server>",
        "      <id>github</id>",
        "      <username>pinecrest-bot</username>",
        "      <password>" + d.n("${env.GITHUB_TOKEN}") + "</password>",
        "    </server>",
        "  </servers>",
        "  <mirrors>",
        "    <mirror>",
        "      <id>pinecrest-artifactory</id>",
        "      <url>https://pinecrest.jfrog.io/artifactory/maven-remote</url>",
        "      <mirrorOf>central</mirrorOf>",
        "    </mirror>",
        "  </mirrors>",
        "</settings>",
    ])


@corpus_file
def appsettings_json():
    d = Doc("services/Pinecrest.Api/appsettings.Production.json")
    acct = "pcprodstore"
    cfg = {
        "Logging": {"LogLevel": {"Default": "Information", "Microsoft.AspNetCore": "Warning"}},
        "AllowedHosts": "*",
        "ConnectionStrings": {
            "Default": d.s("mssql", "Server=tcp:pinecrest-sql.database.windows.net,1433;Initial Catalog=pinecrest;"
                                    f"Persist Security Info=False;User ID=pcadmin;Password={password()};"
                                    "MultipleActiveResultSets=False;Encrypt=True;Connection Timeout=30;"),
            "Storage": d.s("azure_storage", f"DefaultEndpointsProtocol=https;AccountName={acct};"
                                            f"AccountKey={azure_storage_key()};EndpointSuffix=core.windows.net"),
            "Redis": d.n("pinecrest.redis.cache.windows.net:6380,ssl=True,abortConnect=False"),
        },
        "SendGrid": {"ApiKey": d.s("sendgrid", sendgrid_key()), "FromAddress": "noreply@" + DOMAIN},
        "Jwt": {"Issuer": "https://api." + DOMAIN, "Audience": "pinecrest-clients",
                "Key": d.s("generic", clean_b64(48))},
        "AzureAd": {"Instance": "https://login.microsoftonline.com/", "TenantId": d.n(AZ_TENANT),
                    "ClientId": d.n(uuid4()), "ClientSecret": d.s("azure_ad", azure_ad_secret())},
        "ApplicationInsights": {"ConnectionString": d.n(
            f"InstrumentationKey={uuid4()};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/")},
        "FeatureManagement": {"NewCheckout": True},
    }
    return d.json(cfg)


@corpus_file
def csharp_service():
    d = Doc("services/Pinecrest.Api/Services/ReportExporter.cs")
    sas = ("https://pcexports.blob.core.windows.net/reports?sv=2022-11-02&ss=b&srt=co&sp=rwdlacupiytfx"
           "&se=2025-12-31T23:59:59Z&st=2024-01-01T00:00:00Z&spr=https&sig=" + azure_sas_sig())
    return d.lines([
        "using Azure.Storage.Blobs;",
        "using Twilio;",
        "using Twilio.Rest.Api.V2010.Account;",
        "",
        "namespace Pinecrest.Api.Services;",
        "",
        "public sealed class ReportExporter",
        "{",
        "    // SAS for the exports container, expires end of 2025",
        '    private const string ExportContainerSas = "' + d.s("azure_sas", sas) + '";',
        d.n('    private const string ReportContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";'),
        "",
        "    public ReportExporter()",
        "    {",
        '        TwilioClient.Init("' + d.s("twilio", twilio_sid() + '", "' + rs(HEX, 32), anchor=None) + '");',
        "    }",
        "",
        "    public async Task ExportAsync(Stream report, string name, CancellationToken ct)",
        "    {",
        "        var container = new BlobContainerClient(new Uri(ExportContainerSas));",
        "        await container.UploadBlobAsync(name, report, ct);",
        "        await MessageResource.CreateAsync(",
        '            body: $"Report {name} is ready",',
        '            from: new Twilio.Types.PhoneNumber("+1415555' + rs(DIGITS, 4) + '"),',
        d.n('            to: new Twilio.Types.PhoneNumber(Environment.GetEnvironmentVariable("OPS_PHONE")));'),
        "    }",
        "}",
    ])


@corpus_file
def web_config():
    d = Doc("legacy/PinecrestPortal/Web.config")
    return d.lines([
        '<?xml version="1.0" encoding="utf-8"?>',
        "<configuration>",
        "  <connectionStrings>",
        '    <add name="PortalDb"',
        '         connectionString="' + d.s("mssql", f"Data Source=sql01.corp.local;Initial Catalog=Portal;User Id=portal_web;Password={password()};") + '"',
        '         providerName="System.Data.SqlClient" />',
        "  </connectionStrings>",
        "  <appSettings>",
        '    <add key="MailchimpApiKey" value="' + d.s("mailchimp", mailchimp_key()) + '" />',
        '    <add key="MailchimpListId" value="' + d.n(rs(HEX, 10)) + '" />',
        '    <add key="webpages:Version" value="3.0.0.0" />',
        '    <add key="SupportEmail" value="support@' + DOMAIN + '" />',
        "  </appSettings>",
        "  <system.web>",
        '    <compilation debug="false" targetFramework="4.8" />',
        "    <machineKey",
        '      validationKey="' + d.s("aspnet_machinekey", rs(HEXU, 128)) + '"',
        '      decryptionKey="' + d.s("aspnet_machinekey", rs(HEXU, 64)) + '"',
        '      validation="HMACSHA256" decryption="AES" />',
        "  </system.web>",
        "</configuration>",
    ])


@corpus_file
def nuget_config():
    d = Doc("services/NuGet.Config")
    return d.lines([
        '<?xml version="1.0" encoding="utf-8"?>',
        "<configuration>",
        "  <packageSources>",
        '    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />',
        '    <add key="github" value="https://nuget.pkg.github.com/pinecrest/index.json" />',
        "  </packageSources>",
        "  <packageSourceCredentials>",
        "    <github>",
        '      <add key="Username" value="pinecrest-bot" />',
        '      <add key="ClearTextPassword" value="' + d.s("github", github_token("ghp")) + '" />',
        "    </github>",
        "  </packageSourceCredentials>",
        "  <apikeys>",
        '    <add key="https://api.nuget.org/v3/index.json" value="' + d.s("nuget", nuget_key()) + '" />',
        "  </apikeys>",
        "</configuration>",
    ])


@corpus_file
def go_notifier():
    d = Doc("services/notifier/cmd/notifier/main.go")
    return d.lines([
        "package main",
        "",
        "import (",
        '\t"context"',
        '\t"log"',
        '\t"os"',
        "",
        '\t"github.com/mailgun/mailgun-go/v4"',
        '\t"github.com/slack-go/slack"',
        ")",
        "",
        "const (",
        '\tslackBotToken  = "' + d.s("slack", slack_token("xoxb")) + '"',
        '\tmailgunDomain  = "mg.' + DOMAIN + '"',
        '\tmailgunAPIKey  = "' + d.s("mailgun", mailgun_key()) + '"',
        '\ttwilioAPIKey   = "' + d.s("twilio", twilio_sk()) + '"',
        '\tdiscordHookURL = "' + d.s("discord", discord_webhook()) + '"',
        '\ttelegramBot    = "' + d.s("telegram", telegram_token()) + '"',
        ")",
        "",
        "var (",
        d.n('\tbuildSHA   = "' + git_sha() + '"'),
        d.n('\talertsChan = os.Getenv("SLACK_ALERTS_CHANNEL")'),
        ")",
        "",
        "func main() {",
        "\tctx := context.Background()",
        "\tapi := slack.New(slackBotToken)",
        "\tmg := mailgun.NewMailgun(mailgunDomain, mailgunAPIKey)",
        "\tmg.SetAPIBase(mailgun.APIBaseEU)",
        '\tif _, _, err := api.PostMessageContext(ctx, alertsChan, slack.MsgOptionText("notifier up "+buildSHA, false)); err != nil {',
        '\t\tlog.Printf("slack: %v", err)',
        "\t}",
        "\t_ = mg",
        "}",
    ])


@corpus_file
def ruby_notifier():
    d = Doc("services/storefront/lib/pinecrest/notifier.rb")
    return d.lines([
        "# frozen_string_literal: true",
        "",
        "require 'net/http'",
        "require 'json'",
        "",
        "module Pinecrest",
        "  class Notifier",
        "    SLACK_WEBHOOK = '" + d.s("slack", slack_webhook()) + "'",
        "    MAILCHIMP_API_KEY = '" + d.s("mailchimp", mailchimp_key()) + "'",
        "    POSTMARK_SERVER_TOKEN = '" + d.s("postmark", uuid4()) + "' # postmark server token (storefront)",
        "    TELEGRAM_BOT_TOKEN = '" + d.s("telegram", telegram_token()) + "'",
        d.n("    OPS_CHAT_ID = ENV.fetch('TELEGRAM_OPS_CHAT_ID')"),
        d.n("    SENTRY_DSN = ENV['SENTRY_DSN']"),
        "",
        "    def self.ping(text)",
        "      uri = URI(SLACK_WEBHOOK)",
        "      Net::HTTP.post(uri, { text: text }.to_json, 'Content-Type' => 'application/json')",
        "    end",
        "",
        "    def self.telegram(text)",
        '      uri = URI("https://api.telegram.org/bot#{TELEGRAM_BOT_TOKEN}/sendMessage")',
        "      Net::HTTP.post_form(uri, chat_id: OPS_CHAT_ID, text: text)",
        "    end",
        "  end",
        "end",
    ])


@corpus_file
def rails_stripe_initializer():
    d = Doc("services/storefront/config/initializers/stripe.rb")
    return d.lines([
        "# frozen_string_literal: true",
        "",
        "Rails.configuration.stripe = {",
        "  publishable_key: '" + d.n("pk_live_51" + rs(B62, 97)) + "',",
        d.n("  signing_secret: Rails.application.credentials.dig(:stripe, :webhook_secret)"),
        "}",
        "",
        "Stripe.api_key = '" + d.s("stripe", stripe_key("sk_live")) + "'",
        "Stripe.api_version = '2024-06-20'",
        "Stripe.max_network_retries = 2",
    ])


@corpus_file
def rails_master_key():
    d = Doc("services/storefront/config/master.key")
    d.text = d.s("rails_master_key", rs(HEX, 32))  # no trailing newline, as Rails writes it
    return d


@corpus_file
def rails_credentials_enc():
    d = Doc("services/storefront/config/credentials.yml.enc")
    d.text = d.n(clean_b64(420) + "--" + clean_b64(12) + "--" + clean_b64(16))
    return d


@corpus_file
def rails_database_yml():
    d = Doc("services/storefront/config/database.yml")
    return d.lines([
        "default: &default",
        "  adapter: postgresql",
        "  encoding: unicode",
        '  pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>',
        "",
        "development:",
        "  <<: *default",
        "  database: storefront_development",
        "",
        "test:",
        "  <<: *default",
        "  database: storefront_test",
        "",
        "production:",
        "  <<: *default",
        "  host: " + PGHOST,
        "  database: storefront",
        "  username: storefront",
        "  password: " + d.s("generic", password()),
        "",
        "production_replica:",
        "  <<: *default",
        "  host: " + PGHOST.replace("pg-main", "pg-replica"),
        "  database: storefront",
        "  username: storefront_ro",
        d.n('  password: <%= ENV["STOREFRONT_RO_PASSWORD"] %>'),
        "  replica: true",
    ])


@corpus_file
def gem_credentials():
    d = Doc("home/jtan/.gem/credentials")
    return d.lines([
        "---",
        ":rubygems_api_key: " + d.s("rubygems", rubygems_key()),
        ":github: " + d.n("Bearer ${GITHUB_PACKAGES_TOKEN}"),
    ])


@corpus_file
def wp_config():
    d = Doc("sites/blog/wp-config.php")
    salts = ["AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY",
             "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"]
    return d.lines([
        "<?php",
        "/**",
        " * The base configuration for WordPress",
        " */",
        "",
        "// ** Database settings ** //",
        "define( 'DB_NAME', 'pinecrest_blog' );",
        "define( 'DB_USER', 'blog_rw' );",
        "define( 'DB_PASSWORD', '" + d.s("wordpress", password()) + "' );",
        "define( 'DB_HOST', 'blog-db.internal:3306' );",
        "define( 'DB_CHARSET', 'utf8mb4' );",
        "define( 'DB_COLLATE', '' );",
        "",
        "/**#@+",
        " * Authentication unique keys and salts.",
        " */",
        *[d.n(f"define( '{s}', {' ' * (18 - len(s))}'put your unique phrase here' );") for s in salts],
        "/**#@-*/",
        "",
        "$table_prefix = 'wp_';",
        "define( 'WP_DEBUG', false );",
        "",
        "if ( ! defined( 'ABSPATH' ) ) {",
        "\tdefine( 'ABSPATH', __DIR__ . '/' );",
        "}",
        "require_once ABSPATH . 'wp-settings.php';",
    ])


@corpus_file
def php_mailer():
    d = Doc("sites/portal/includes/mailer.php")
    return d.lines([
        "<?php",
        "declare(strict_types=1);",
        "",
        "use PHPMailer\\PHPMailer\\PHPMailer;",
        "",
        "function portal_mailer(): PHPMailer",
        "{",
        "    $mail = new PHPMailer(true);",
        "    $mail->isSMTP();",
        "    $mail->Host = 'smtp.office365.com';",
        "    $mail->SMTPAuth = true;",
        "    $mail->Username = 'portal@" + DOMAIN + "';",
        "    $mail->Password = '" + d.s("generic", password()) + "';",
        "    $mail->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS;",
        "    $mail->Port = 587;",
        "    return $mail;",
        "}",
        "",
        "$mailgunKey = '" + d.s("mailgun", mailgun_key()) + "';",
        d.n("$smtpFallbackPass = getenv('SMTP_FALLBACK_PASS') ?: '';"),
        d.n("$passwordResetUrl = 'https://portal." + DOMAIN + "/account/password-reset';"),
    ])


@corpus_file
def rust_uploader_config():
    d = Doc("crates/uploader/src/config.rs")
    acct = rs(HEX, 32)
    return d.lines([
        "//! Static configuration for the release uploader.",
        "",
        "use std::time::Duration;",
        "",
        'pub const USER_AGENT: &str = concat!("pinecrest-uploader/", env!("CARGO_PKG_VERSION"));',
        "pub const UPLOAD_TIMEOUT: Duration = Duration::from_secs(120);",
        "",
        "/// crates.io publish token for the `pinecrest-*` crates.",
        'pub const CRATES_IO_TOKEN: &str = "' + d.s("crates_io", crates_token()) + '";',
        "",
        "/// Cloudflare R2 bucket holding release artifacts.",
        'pub const R2_ENDPOINT: &str = "https://' + d.n(acct) + '.r2.cloudflarestorage.com";',
        'pub const R2_ACCESS_KEY_ID: &str = "' + d.s("cloudflare_r2", rs(HEX, 32)) + '";',
        'pub const R2_SECRET_ACCESS_KEY: &str = "' + d.s("cloudflare_r2", rs(HEX, 64)) + '";',
        'pub const R2_BUCKET: &str = "pinecrest-releases";',
        "",
        "/// SHA-256 of the release signing public key (for pinning).",
        'pub const SIGNING_KEY_FINGERPRINT: &str = "' + d.n(sha256_hex()) + '";',
    ])


@corpus_file
def rust_agent_main():
    d = Doc("crates/agent/src/main.rs")
    return d.lines([
        "use anyhow::Result;",
        "use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION};",
        "",
        'const ANTHROPIC_URL: &str = "https://api.anthropic.com/v1/messages";',
        'const ANTHROPIC_VERSION: &str = "2023-06-01";',
        "",
        "fn api_key() -> String {",
        '    std::env::var("ANTHROPIC_API_KEY")',
        '        .unwrap_or_else(|_| "' + d.s("anthropic", anthropic_key()) + '".to_string())',
        "}",
        "",
        "#[tokio::main]",
        "async fn main() -> Result<()> {",
        "    let mut headers = HeaderMap::new();",
        '    headers.insert("x-api-key", HeaderValue::from_str(&api_key())?);',
        '    headers.insert("anthropic-version", HeaderValue::from_static(ANTHROPIC_VERSION));',
        '    let gh = std::env::var("GITHUB_TOKEN").unwrap_or_default();',
        d.n('    headers.insert(AUTHORIZATION, HeaderValue::from_str(&format!("Bearer {gh}"))?);'),
        "    let client = reqwest::Client::builder().default_headers(headers).build()?;",
        "    let _ = client.get(ANTHROPIC_URL).send().await?;",
        "    Ok(())",
        "}",
    ])


# ==========================================================================
# Files: TOML / INI / dotfiles and credential files
# ==========================================================================

@corpus_file
def settings_toml():
    d = Doc("services/reporting/config/settings.toml")
    return d.lines([
        "[server]",
        'host = "0.0.0.0"',
        "port = 8090",
        'secret_key = "' + d.s("generic", password(32)) + '"',
        "",
        "[database]",
        'url = "' + d.s("postgres", f"postgresql://reporting:{url_password()}@{PGHOST}:5432/reporting") + '"',
        "pool_size = 10",
        "",
        "[sentry]",
        'dsn = "' + d.n(sentry_dsn()) + '"',
        "traces_sample_rate = 0.05",
        "",
        "[openai]",
        'api_key = "' + d.s("openai", openai_key("proj")) + '"',
        'model = "gpt-4o-mini"',
        "",
        "[linear]",
        'api_key = "' + d.s("linear", linear_key()) + '"',
        'team_id = "' + d.n(uuid4()) + '"',
        "",
        "[cache]",
        "ttl_seconds = 900",
        'key_prefix = "' + d.n("reporting:v7:") + '"',
    ])


@corpus_file
def snowflake_connections():
    d = Doc("home/jtan/.snowflake/connections.toml")
    return d.lines([
        "[default]",
        'account = "' + d.n("xy" + rs(DIGITS, 5) + ".eu-central-1") + '"',
        'user = "LOADER"',
        'password = "' + d.s("snowflake", password()) + '"',
        'warehouse = "LOAD_WH"',
        'database = "RAW"',
        'role = "LOADER_ROLE"',
        "",
        "[dev]",
        'account = "xy' + rs(DIGITS, 5) + '.eu-central-1"',
        'user = "JTAN"',
        'authenticator = "externalbrowser"',
    ])


@corpus_file
def pypirc():
    d = Doc("home/jtan/.pypirc")
    return d.lines([
        "[distutils]",
        "index-servers =",
        "    pypi",
        "    testpypi",
        "",
        "[pypi]",
        "username = __token__",
        "password = " + d.s("pypi", pypi_token()),
        "",
        "[testpypi]",
        "repository = https://test.pypi.org/legacy/",
        "username = __token__",
        "password = " + d.s("pypi", pypi_token("pinecrest-sdk")),
    ])


@corpus_file
def app_ini():
    d = Doc("services/legacy-sync/conf/app.ini")
    return d.lines([
        "; legacy sync daemon",
        "[general]",
        "log_file = /var/log/legacy-sync/sync.log",
        "interval = 300",
        "",
        "[smtp]",
        "host = smtp.office365.com",
        "port = 587",
        "user = sync@" + DOMAIN,
        "password = " + d.s("generic", password()),
        "",
        "[ldap]",
        "url = ldaps://dc01.corp.local:636",
        "bind_dn = CN=svc-sync,OU=Service Accounts,DC=corp,DC=local",
        "bind_password = " + d.s("generic", password()),
        "",
        "[api]",
        f"base_url = https://api.{DOMAIN}/v1",
        "api_key = " + d.s("generic", rs(B62, 40)),
        "",
        "[paths]",
        d.n("private_key_file = /etc/legacy-sync/keys/client.key"),
        d.n("password_file = /etc/legacy-sync/ldap.pass"),
    ])


@corpus_file
def npmrc():
    d = Doc(".npmrc")
    return d.lines([
        "@pinecrest:registry=https://npm.pkg.github.com",
        "//registry.npmjs.org/:_authToken=" + d.s("npm", npm_token()),
        "//npm.pkg.github.com/:_authToken=" + d.s("github", github_token("ghp")),
        "//pinecrest.jfrog.io/artifactory/api/npm/npm/:_auth=" + d.s("npmrc", b64(f"ci-publisher:{password()}".encode())),
        d.n("//registry.internal.pinecrest.io/:_authToken=${NPM_INTERNAL_TOKEN}"),
        "# old token, revoked 2024-07 (checksum intentionally broken):",
        "# //registry.npmjs.org/:_authToken=" + d.la("npm", b62_lookalike("npm_")),
        "save-exact=true",
        "engine-strict=true",
    ])


@corpus_file
def yarnrc():
    d = Doc("sdk-js/.yarnrc.yml")
    return d.lines([
        "nodeLinker: node-modules",
        "npmScopes:",
        "  pinecrest:",
        "    npmRegistryServer: https://npm.pkg.github.com",
        "    npmAlwaysAuth: true",
        "    npmAuthToken: " + d.s("github", github_token("ghp")),
        "npmRegistries:",
        '  "https://registry.npmjs.org":',
        "    npmAuthToken: " + d.n("${NPM_TOKEN:-}"),
        "yarnPath: .yarn/releases/yarn-4.5.0.cjs",
    ])


@corpus_file
def netrc():
    d = Doc("home/jtan/.netrc")
    return d.lines([
        "machine api.heroku.com",
        f"  login jtan@{DOMAIN}",
        "  password " + d.s("heroku", uuid4()),
        "machine git.heroku.com",
        f"  login jtan@{DOMAIN}",
        "  password " + d.s("heroku", heroku_key_v2()),
        "machine github.com login pinecrest-bot password " + d.s("github", github_token("gho")),
        "machine api.wandb.ai",
        "  login user",
        "  password " + d.s("wandb", wandb_key()),
        "machine ftp.partner-exchange.net login pinecrest password " + d.s("netrc", password(symbols="!@^*-_=+.?")),
    ])


@corpus_file
def git_credentials():
    d = Doc("home/jtan/.git-credentials")
    return d.lines([
        d.s("github", "https://jtan:" + github_token("ghp") + "@github.com"),
        d.s("gitlab", "https://oauth2:" + gitlab_token("glpat-new") + "@gitlab.com"),
        d.s("bitbucket", "https://jtan-pc:" + bitbucket_app_password() + "@bitbucket.org"),
        d.s("github", "https://x-access-token:" + github_token("ghs") + "@github.com"),
        d.s("generic", f"https://jtan:{url_password()}@git.corp.local"),
    ])


@corpus_file
def pgpass():
    d = Doc("home/jtan/.pgpass")
    return d.lines([
        "# hostname:port:database:username:password",
        "localhost:5432:*:postgres:" + d.s("pgpass", password()),
        f"{PGHOST}:5432:pinecrest:pinecrest_app:" + d.s("pgpass", password()),
        "10.0.3.20:5432:warehouse:etl:" + d.s("pgpass", password()),
    ])


@corpus_file
def docker_config():
    d = Doc("home/jtan/.docker/config.json")
    cfg = {
        "auths": {
            "https://index.docker.io/v1/": {
                "auth": d.s("docker_config", b64(("pinecrestci:" + dockerhub_pat()).encode()))},
            "ghcr.io": {"auth": d.s("docker_config", b64(("pinecrest-bot:" + github_token("ghp")).encode()))},
            "registry.gitlab.com": {"auth": d.s("docker_config", b64(("jtan:" + gitlab_token("glpat")).encode()))},
            f"{rs(DIGITS, 12)}.dkr.ecr.eu-west-1.amazonaws.com": {},
        },
        "credsStore": "desktop",
        "credHelpers": {"europe-docker.pkg.dev": "gcloud"},
        "currentContext": "desktop-linux",
    }
    return d.json(cfg, indent="\t")


@corpus_file
def s3cfg():
    d = Doc("home/jtan/.s3cfg")
    return d.lines([
        "[default]",
        "access_key = " + d.s("aws", aws_key_id()),
        "access_token = ",
        "add_encoding_exts = ",
        "bucket_location = EU",
        "default_mime_type = binary/octet-stream",
        "encrypt = False",
        "gpg_command = /usr/bin/gpg",
        "gpg_passphrase = " + d.s("generic", password()),
        "host_base = s3.amazonaws.com",
        "host_bucket = %(bucket)s.s3.amazonaws.com",
        "secret_key = " + d.s("aws", aws_secret()),
        "signature_v2 = False",
        "use_https = True",
    ])


@corpus_file
def aws_credentials():
    d = Doc("home/jtan/.aws/credentials")
    return d.lines([
        "[default]",
        "aws_access_key_id = " + d.s("aws", aws_key_id()),
        "aws_secret_access_key = " + d.s("aws", aws_secret()),
        "",
        "[prod-admin]",
        "aws_access_key_id = " + d.s("aws", aws_key_id("ASIA")),
        "aws_secret_access_key = " + d.s("aws", aws_secret()),
        "aws_session_token = " + d.s("aws", aws_session_token()),
        "",
        "[sso-readonly]",
        d.n("credential_process = aws-vault exec sso-readonly --json"),
    ])


@corpus_file
def gh_hosts():
    d = Doc("home/jtan/.config/gh/hosts.yml")
    return d.lines([
        "github.com:",
        "    users:",
        "        jtan:",
        "            oauth_token: " + d.s("github", github_token("gho")),
        "    git_protocol: https",
        "    user: jtan",
        "ghe.pinecrest.io:",
        "    oauth_token: " + d.s("github", github_token("ghu")),
        "    git_protocol: ssh",
        "    user: jtan",
    ])


@corpus_file
def kubeconfig():
    d = Doc("home/jtan/.kube/config")
    ca = b64(certificate_pem().encode())
    client_cert = b64(certificate_pem().encode())
    client_key = b64(ec_private_pem().encode())
    sa = jwt({"iss": "kubernetes/serviceaccount", "kubernetes.io/serviceaccount/namespace": "ci",
              "kubernetes.io/serviceaccount/secret.name": "deployer-token-" + rs(LOWERNUM, 5),
              "kubernetes.io/serviceaccount/service-account.name": "deployer",
              "kubernetes.io/serviceaccount/service-account.uid": uuid4(), "sub": "system:serviceaccount:ci:deployer"},
             alg="RS256", kid=rs(B64URL, 43))
    return d.lines([
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- cluster:",
        "    certificate-authority-data: " + d.n(ca),
        "    server: https://k8s-prod.internal:6443",
        "  name: prod",
        "contexts:",
        "- context:",
        "    cluster: prod",
        "    user: jtan",
        "  name: prod-jtan",
        "- context:",
        "    cluster: prod",
        "    user: deployer",
        "  name: prod-deployer",
        "current-context: prod-jtan",
        "users:",
        "- name: jtan",
        "  user:",
        "    client-certificate-data: " + d.n(client_cert),
        "    client-key-data: " + d.s("kubeconfig", client_key),
        "- name: deployer",
        "  user:",
        "    token: " + d.s("jwt", sa),
    ])


@corpus_file
def htpasswd():
    d = Doc("deploy/nginx/.htpasswd")
    return d.lines([
        "admin:" + d.s("htpasswd", bcrypt_hash(10, "2y")),
        "metrics:" + d.s("htpasswd", apr1_hash()),
        "grafana:" + d.s("htpasswd", "{SHA}" + b64(hashlib.sha1(rbytes(12)).digest())),
    ])


@corpus_file
def etc_shadow():
    d = Doc("backups/web01/etc/shadow")
    return d.lines([
        "root:" + d.s("shadow", sha512crypt_hash()) + ":19640:0:99999:7:::",
        d.n("daemon:*:19579:0:99999:7:::"),
        d.n("bin:*:19579:0:99999:7:::"),
        d.n("sys:*:19579:0:99999:7:::"),
        d.n("www-data:*:19579:0:99999:7:::"),
        d.n("sshd:*:19579:0:99999:7:::"),
        "deploy:" + d.s("shadow", sha512crypt_hash()) + ":19702:0:99999:7:::",
        d.n("postgres:!:19580::::::"),
        "jtan:" + d.s("shadow", yescrypt_hash()) + ":19810:0:99999:7:::",
        d.n("nobody:*:19579:0:99999:7:::"),
    ])


# ==========================================================================
# Files: key material, certificates, age, GCP service accounts
# ==========================================================================

@corpus_file
def rsa_key_file():
    d = Doc("keys/deploy_rsa.pem")
    d.text = d.key("private_key", rsa_private_pem())
    return d


@corpus_file
def pkcs8_key_file():
    d = Doc("services/billing/src/main/resources/keys/invoice-signing.key")
    d.text = d.key("private_key", pkcs8_private_pem())
    return d


@corpus_file
def ssh_keypair():
    d = Doc("keys/id_ed25519")
    key, pub = openssh_ed25519("jtan@" + DOMAIN)
    d.text = d.key("private_key", key)
    p = Doc("keys/id_ed25519.pub")
    p.text = p.n(pub) + "\n"
    return [d, p]


@corpus_file
def ssh_pub_and_authorized_keys():
    d = Doc("keys/authorized_keys")
    return d.lines([
        d.n(ssh_ed25519_pub("jtan@" + DOMAIN)),
        d.n(ssh_ed25519_pub("mrivera@" + DOMAIN)),
        d.n('command="/usr/local/bin/backup-only",no-pty ' + ssh_ed25519_pub("backup@nas01")),
    ])


@corpus_file
def ec_key_with_cert():
    d = Doc("deploy/nginx/tls/api.pinecrest-analytics.com.pem")
    d.text = d.n(certificate_pem()) + d.n(certificate_pem()) + d.key("private_key", ec_private_pem())
    return d


@corpus_file
def ca_bundle():
    d = Doc("deploy/nginx/tls/ca-bundle.crt")
    d.text = "".join("# " + n + "\n" + d.n(certificate_pem()) + "\n"
                     for n in ["Pinecrest Internal Root CA 2023", "Pinecrest Issuing CA G2", "ISRG Root X1"])
    return d


@corpus_file
def jwt_public_key():
    d = Doc("services/billing/src/main/resources/keys/invoice-signing.pub")
    d.text = d.n(public_key_pem())
    return d


@corpus_file
def pgp_keys():
    d = Doc("keys/release-signing.asc")
    d.text = (d.n(pgp_block("public")) + "\n"
              + d.key("pgp", pgp_block("private")))
    return d


@corpus_file
def putty_key():
    d = Doc("keys/jump-host.ppk")
    d.text = d.key("putty", putty_ed25519("eddsa-key-20240311"))
    return d


@corpus_file
def age_keys():
    d = Doc("secrets/age/keys.txt")
    return d.lines([
        "# created: 2024-06-11T10:22:31+02:00",
        "# public key: " + d.n(age_public_key()),
        d.s("age", age_secret_key()),
        "# created: 2024-09-30T16:05:12+02:00",
        "# public key: " + d.n(age_public_key()),
        d.s("age", age_secret_key()),
    ])


@corpus_file
def sops_files():
    d = Doc("secrets/prod.enc.yaml")

    def enc(n):
        return d.n(f"ENC[AES256_GCM,data:{clean_b64(n)},iv:{clean_b64(32)},tag:{clean_b64(16)},type:str]")
    return d.lines([
        "db_password: " + enc(18),
        "stripe_secret_key: " + enc(80),
        "sendgrid_api_key: " + enc(51),
        "sops:",
        "    age:",
        "        - recipient: " + d.n(age_public_key()),
        "          enc: |",
        "            -----BEGIN AGE ENCRYPTED FILE-----",
        *["            " + ln for ln in wrap(clean_b64(180), 64)],
        "            -----END AGE ENCRYPTED FILE-----",
        "    lastmodified: \"2024-10-01T08:12:44Z\"",
        "    mac: " + enc(32),
        "    unencrypted_suffix: _unencrypted",
        "    version: 3.9.0",
    ])


def gcp_service_account(d: Doc, project: str, name: str) -> dict:
    key = pkcs8_private_pem()
    d.key("gcp", key)
    return {
        "type": "service_account",
        "project_id": project,
        "private_key_id": rs(HEX, 40),
        "private_key": key,
        "client_email": f"{name}@{project}.iam.gserviceaccount.com",
        "client_id": rs(DIGITS, 21),
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": "https://oauth2.googleapis.com/token",
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
        "client_x509_cert_url": f"https://www.googleapis.com/robot/v1/metadata/x509/{name}%40{project}.iam.gserviceaccount.com",
        "universe_domain": "googleapis.com",
    }


@corpus_file
def gcp_sa_etl():
    d = Doc("secrets/gcp/pinecrest-etl-sa.json")
    return d.json(gcp_service_account(d, "pinecrest-data-" + rs(DIGITS, 6), "etl-loader"))


@corpus_file
def gcp_sa_firebase():
    d = Doc("mobile/firebase/pinecrest-app-firebase-adminsdk.json")
    return d.json(gcp_service_account(d, "pinecrest-app", "firebase-adminsdk-" + rs(LOWERNUM, 5)))


# ==========================================================================
# Files: docs, tests, scripts, monitoring, misc
# ==========================================================================

@corpus_file
def docs_setup():
    d = Doc("docs/SETUP.md")
    return d.lines([
        "# Local setup",
        "",
        "1. Copy `webapp/.env.example` to `webapp/.env`.",
        "2. Create a GitHub personal access token with `repo` and `read:packages`.",
        "   It will look like `" + d.la("github", b62_lookalike("ghp_")) + "` (illustration only,",
        "   the checksum is deliberately wrong so scanners ignore it).",
        "3. Export your keys:",
        "",
        "```bash",
        d.n('export OPENAI_API_KEY="sk-..."'),
        d.n("export ANTHROPIC_API_KEY=$(op read op://dev/anthropic/credential)"),
        d.n('export STRIPE_SECRET_KEY="sk_test_' + "X" * 24 + '"'),
        d.n("export DATABASE_URL=postgres://postgres:postgres@localhost:5432/pinecrest_dev"),
        "```",
        "",
        "4. Install the npm token from 1Password (`" + d.n("op://dev/npm/token") + "`) into `~/.npmrc`.",
        "   The registry rejects tokens such as `" + d.la("npm", b62_lookalike("npm_")) + "` whose checksum",
        "   does not validate.",
        "",
        "## Staging observability",
        "",
        "Staging Grafana is at https://grafana.staging." + DOMAIN + ". A read-only service account",
        "token for dashboards (ask #platform before using):",
        "",
        "    " + d.s("grafana", grafana_sa_token()),
        "",
        "## Useful links",
        "",
        "- Runbooks: " + d.n("https://wiki." + DOMAIN + "/runbooks"),
        "- Vault: " + d.n("https://vault." + DOMAIN + "/ui/vault/secrets/kv/list/dev/"),
    ])


@corpus_file
def docs_api():
    d = Doc("docs/api/authentication.md")
    return d.lines([
        "# Authentication",
        "",
        "All requests need an API key in the `Authorization` header:",
        "",
        "```http",
        "GET /v2/reports HTTP/1.1",
        "Host: api." + DOMAIN,
        d.n("Authorization: Bearer <token>"),
        "```",
        "",
        "Keys are shown once and then displayed redacted, e.g. `" + d.n("pc_live_" + "*" * 28 + rs(B62, 4)) + "`.",
        "",
        "## Examples",
        "",
        "```bash",
        d.n('curl -H "Authorization: Bearer $PINECREST_API_KEY" https://api.' + DOMAIN + "/v2/reports"),
        d.n("curl -u api:${MAILGUN_API_KEY} https://api.mailgun.net/v3/domains"),
        "```",
        "",
        "```python",
        d.n('client = Pinecrest(api_key=os.environ["PINECREST_API_KEY"])'),
        d.n("client = Pinecrest(api_key=settings.PINECREST_API_KEY)"),
        "```",
        "",
        "## Publishing the JS SDK",
        "",
        "CI uses an automation token. Malformed tokens fail the checksum test, for example:",
        "",
        "- `" + d.la("npm", b62_lookalike("npm_")) + "`",
        "- `" + d.la("npm", b62_lookalike("npm_")) + "`",
        "- `" + d.la("github", b62_lookalike("gho_")) + "`",
        "",
        "JWTs issued by `https://auth." + DOMAIN + "/` are signed with RS256; the JWKS is at",
        d.n("https://auth." + DOMAIN + "/.well-known/jwks.json") + ".",
        "",
        "Example decoded header: `" + d.n('{"alg":"RS256","typ":"JWT","kid":"' + rs(B64URL, 22) + '"}') + "`",
    ])


@corpus_file
def tests_token_format():
    d = Doc("sdk-py/tests/test_token_format.py")
    return d.lines([
        '"""Client-side token format validation (no network)."""',
        "import pytest",
        "",
        "from pinecrest_sdk.tokens import looks_like_github_token, validate_checksum",
        "",
        "# Real-shaped tokens whose CRC32 checksum is wrong: must be rejected.",
        "BAD_CHECKSUM = [",
        '    "' + d.la("github", b62_lookalike("ghp_")) + '",',
        '    "' + d.la("github", b62_lookalike("gho_")) + '",',
        '    "' + d.la("github", b62_lookalike("ghu_")) + '",',
        '    "' + d.la("github", b62_lookalike("ghs_")) + '",',
        '    "' + d.la("github", b62_lookalike("ghr_")) + '",',
        '    "' + d.la("npm", b62_lookalike("npm_")) + '",',
        "]",
        "",
        "PLACEHOLDERS = [",
        d.n('    "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",'),
        d.n('    "ghp_<your-token>",'),
        d.n('    "npm_${NPM_TOKEN}",'),
        d.n('    "",'),
        "]",
        "",
        "",
        '@pytest.mark.parametrize("token", BAD_CHECKSUM)',
        "def test_bad_checksum_rejected(token):",
        "    assert looks_like_github_token(token) or token.startswith(\"npm_\")",
        "    assert not validate_checksum(token)",
        "",
        "",
        '@pytest.mark.parametrize("token", PLACEHOLDERS)',
        "def test_placeholders_rejected(token):",
        "    assert not validate_checksum(token)",
        "",
        "",
        "def test_request_ids_are_not_tokens():",
        '    assert not looks_like_github_token("' + d.n(uuid4()) + '")',
        '    assert not looks_like_github_token("' + d.n(git_sha()) + '")',
    ])


@corpus_file
def deploy_sh():
    d = Doc("scripts/deploy.sh")
    return d.lines([
        "#!/usr/bin/env bash",
        "# Deploy the edge stack. Usage: ./scripts/deploy.sh <env>",
        "set -euo pipefail",
        "",
        'ENV="${1:-staging}"',
        'export CLOUDFLARE_API_TOKEN="' + d.s("cloudflare", cloudflare_token()) + '"',
        "export DIGITALOCEAN_ACCESS_TOKEN=" + d.s("digitalocean", do_token("dop")),
        d.n('echo "$DIGITALOCEAN_ACCESS_TOKEN" | docker login registry.digitalocean.com -u deploy --password-stdin'),
        "",
        "# nightly logical backup before deploying",
        "mysqldump -u backup --password='" + d.s("generic", password()) + "' --single-transaction blog > /backups/blog-$(date +%F).sql",
        "",
        "az login --service-principal -u " + d.n(uuid4()) + " -p '" + d.s("azure_ad", azure_ad_secret()) + "' --tenant " + AZ_TENANT,
        "",
        "helm upgrade --install pinecrest ./deploy/helm/pinecrest \\",
        '  -f "deploy/helm/pinecrest/values-${ENV}.yaml" \\',
        "  --set postgresql.auth.password='" + d.s("generic", password()) + "' \\",
        "  --set api.image.tag=\"$(git rev-parse --short HEAD)\"",
        "",
        "sshpass -p '" + d.s("generic", password()) + "' ssh -o StrictHostKeyChecking=no deploy@10.0.4.11 'sudo systemctl restart edge'",
        "",
        'curl -fsS -X POST "https://api.cloudflare.com/client/v4/zones/${CF_ZONE_ID}/purge_cache" \\',
        d.n('  -H "Authorization: Bearer ${CLOUDFLARE_API_TOKEN}" \\'),
        "  --data '{\"purge_everything\":true}'",
        "",
        "curl -fsS -X POST https://api.newrelic.com/graphql \\",
        '  -H "API-Key: ' + d.s("newrelic", newrelic_user_key()) + '" \\',
        "  -d @deploy-marker.json",
    ])


@corpus_file
def rotate_keys_py():
    d = Doc("scripts/rotate_github_app_tokens.py")
    return d.lines([
        '"""One-off: exchange the GitHub App refresh token and store the result in Vault."""',
        "import requests",
        "",
        d.n('CLIENT_ID = "Iv23li' + rs(B62, 14) + '"'),
        'CLIENT_SECRET = "' + d.s("github", rs(HEX, 40)) + '"',
        'REFRESH_TOKEN = "' + d.s("github", github_token("ghr")) + '"',
        "",
        "resp = requests.post(",
        '    "https://github.com/login/oauth/access_token",',
        "    data={",
        '        "client_id": CLIENT_ID,',
        '        "client_secret": CLIENT_SECRET,',
        '        "grant_type": "refresh_token",',
        '        "refresh_token": REFRESH_TOKEN,',
        "    },",
        '    headers={"Accept": "application/json"},',
        "    timeout=30,",
        ")",
        "resp.raise_for_status()",
        'print("new token expires in", resp.json()["expires_in"])',
    ])


@corpus_file
def datadog_agent():
    d = Doc("deploy/monitoring/datadog.yaml")
    return d.lines([
        "## Datadog agent main configuration",
        "api_key: " + d.s("datadog", datadog_api_key()),
        "site: datadoghq.eu",
        "hostname_fqdn: true",
        "logs_enabled: true",
        "apm_config:",
        "  enabled: true",
        "  env: prod",
        "process_config:",
        "  process_collection:",
        "    enabled: true",
        "secret_backend_command: /opt/datadog-agent/bin/secret-helper",
        "app_key: " + d.n("ENC[k8s_secret@monitoring/datadog-keys/app-key]"),
        "tags:",
        "  - team:platform",
        "  - env:prod",
    ])


@corpus_file
def grafana_datasources():
    d = Doc("deploy/monitoring/grafana/provisioning/datasources/datasources.yaml")
    return d.lines([
        "apiVersion: 1",
        "datasources:",
        "  - name: Prometheus (Grafana Cloud)",
        "    type: prometheus",
        "    access: proxy",
        "    url: https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom",
        "    basicAuth: true",
        '    basicAuthUser: "' + rs(DIGITS, 7) + '"',
        "    secureJsonData:",
        "      basicAuthPassword: " + d.s("grafana", grafana_cloud_token(rs(DIGITS, 6), "pinecrest-prom-read", "prod-eu-west-2")),
        "  - name: Loki",
        "    type: loki",
        "    url: https://logs-prod-012.grafana.net",
        "    basicAuth: true",
        '    basicAuthUser: "' + rs(DIGITS, 6) + '"',
        "    secureJsonData:",
        d.n("      basicAuthPassword: $LOKI_READ_TOKEN"),
        "  - name: Postgres (reporting)",
        "    type: postgres",
        "    url: " + PGHOST + ":5432",
        "    user: grafana_ro",
        "    jsonData:",
        "      database: reporting",
        "      sslmode: require",
        "    secureJsonData:",
        '      password: "' + d.s("generic", password()) + '"',
    ])


@corpus_file
def alertmanager():
    d = Doc("deploy/monitoring/alertmanager.yml")
    return d.lines([
        "global:",
        "  resolve_timeout: 5m",
        "  slack_api_url: " + d.s("slack", slack_webhook()),
        "  smtp_smarthost: smtp.office365.com:587",
        "  smtp_from: alerts@" + DOMAIN,
        "  smtp_auth_username: alerts@" + DOMAIN,
        "  smtp_auth_password: " + d.s("generic", password()),
        "",
        "route:",
        "  receiver: slack-default",
        "  group_by: [alertname, cluster]",
        "  routes:",
        "    - matchers: [severity=\"page\"]",
        "      receiver: pagerduty",
        "",
        "receivers:",
        "  - name: slack-default",
        "    slack_configs:",
        "      - channel: '#alerts'",
        "        send_resolved: true",
        "  - name: pagerduty",
        "    pagerduty_configs:",
        "      - routing_key: " + d.s("pagerduty", pagerduty_routing_key()),
        "    opsgenie_configs:",
        "      - api_key: " + d.s("opsgenie", uuid4()),
        "  - name: webhook",
        "    webhook_configs:",
        "      - url: " + d.n("https://hooks.internal." + DOMAIN + "/alertmanager"),
        "        http_config:",
        "          authorization:",
        "            credentials_file: " + d.n("/etc/alertmanager/secrets/webhook-token"),
    ])


@corpus_file
def okta_sync_js():
    d = Doc("integrations/okta-sync/src/sync-users.js")
    return d.lines([
        "'use strict';",
        "",
        "const { ManagementClient } = require('auth0');",
        "const fetch = require('node-fetch');",
        "",
        "const OKTA_ORG = 'https://pinecrest.okta.com';",
        "const OKTA_TOKEN = '" + d.s("okta", okta_token()) + "';",
        "const PAGERDUTY_TOKEN = '" + d.s("pagerduty", pagerduty_api_key()) + "';",
        "",
        "const auth0 = new ManagementClient({",
        "  domain: 'pinecrest.eu.auth0.com',",
        "  clientId: '" + d.n(rs(B62, 32)) + "',",
        "  clientSecret: '" + d.s("auth0", auth0_secret()) + "',",
        "});",
        "",
        "async function oktaUsers() {",
        "  const res = await fetch(`${OKTA_ORG}/api/v1/users?limit=200`, {",
        d.n("    headers: { Authorization: `SSWS ${OKTA_TOKEN}`, Accept: 'application/json' },"),
        "  });",
        "  return res.json();",
        "}",
        "",
        "async function pagerdutyUsers() {",
        "  const res = await fetch('https://api.pagerduty.com/users', {",
        d.n("    headers: { Authorization: `Token token=${PAGERDUTY_TOKEN}` },"),
        "  });",
        "  return res.json();",
        "}",
        "",
        "module.exports = { oktaUsers, pagerdutyUsers, auth0 };",
    ])


@corpus_file
def figma_config():
    d = Doc("tools/design-sync/config.json")
    cfg = {
        "figma": {"accessToken": d.s("figma", figma_token()), "fileKey": d.n(rs(B62, 22)),
                  "pages": ["Tokens", "Components"]},
        "linear": {"teamId": d.n(uuid4()), "labelIds": [d.n(uuid4())]},
        "output": {"dir": "packages/design-tokens/src", "format": "ts"},
        "cacheDir": d.n("/tmp/design-sync-cache"),
    }
    return d.json(cfg)


@corpus_file
def notion_jira_job():
    d = Doc("services/reporting/jobs/sync_notion.py")
    return d.lines([
        '"""Mirror Jira epics into the Notion roadmap database."""',
        "import os",
        "",
        "from jira import JIRA",
        "from notion_client import Client",
        "",
        'NOTION_TOKEN = "' + d.s("notion", notion_token(new=False)) + '"',
        d.n('ROADMAP_DB = "' + rs(HEX, 32) + '"'),
        'JIRA_EMAIL = "automation@' + DOMAIN + '"',
        'JIRA_API_TOKEN = "' + d.s("atlassian", atlassian_token()) + '"',
        d.n('JIRA_SERVER = os.environ.get("JIRA_SERVER", "https://pinecrest.atlassian.net")'),
        "",
        "",
        "def main() -> None:",
        "    notion = Client(auth=NOTION_TOKEN)",
        "    jira = JIRA(server=JIRA_SERVER, basic_auth=(JIRA_EMAIL, JIRA_API_TOKEN))",
        '    for issue in jira.search_issues("project = PLAT AND issuetype = Epic", maxResults=200):',
        "        notion.pages.create(",
        '            parent={"database_id": ROADMAP_DB},',
        '            properties={"Name": {"title": [{"text": {"content": issue.fields.summary}}]}},',
        "        )",
        "",
        "",
        'if __name__ == "__main__":',
        "    main()",
    ])


@corpus_file
def app_log_jsonl():
    d = Doc("logs/api-2024-10-12.jsonl")
    rows = []
    clock = Clock(6 * 3600)

    def log(level, msg, **kw):
        rows.append(json.dumps({"ts": clock.iso(max_ms=900000), "level": level, "msg": msg,
                                "request_id": uuid4(), **kw}))
    log("info", "request completed", method="GET", path="/v2/reports", status=200, duration_ms=41)
    log("error", "upstream auth failed", upstream="api.openai.com",
        headers={"authorization": "Bearer " + d.s("openai", openai_key("admin")), "content-type": "application/json"})
    log("info", "request completed", method="POST", path="/v2/exports", status=202, duration_ms=118)
    log("error", "db connect failed",
        dsn=d.s("mysql", f"mysql://reports:{url_password()}@mysql-reports.internal:3306/reports"),
        error="dial tcp 10.0.5.9:3306: i/o timeout")
    log("warn", "slow request", method="GET", path="/v2/reports/" + uuid4(), duration_ms=2311)
    log("debug", "postman sync", headers={"x-api-key": d.s("postman", postman_key())})
    log("error", "upstream auth failed", upstream="api.anthropic.com",
        headers={"x-api-key": d.n("[REDACTED]"), "anthropic-version": "2023-06-01"})
    log("info", "deploy marker", commit=d.n(git_sha()), image_digest="sha256:" + sha256_hex())
    d.text = "\n".join(rows) + "\n"
    return d


@corpus_file
def postman_environment():
    d = Doc("tools/postman/pinecrest-prod.postman_environment.json")
    tok = jwt({"sub": "svc-postman", "iss": f"https://auth.{DOMAIN}/", "aud": "pinecrest-api",
               "iat": 1727000000, "exp": 1790000000, "scope": "admin"})
    env = {"id": uuid4(), "name": "pinecrest-prod",
           "values": [
               {"key": "baseUrl", "value": f"https://api.{DOMAIN}", "type": "default", "enabled": True},
               {"key": "postmanApiKey", "value": d.s("postman", postman_key()), "type": "secret", "enabled": True},
               {"key": "accessToken", "value": d.s("jwt", tok), "type": "secret", "enabled": True},
               {"key": "clientSecret", "value": "", "type": "secret", "enabled": True},
               {"key": "tenantId", "value": d.n(uuid4()), "type": "default", "enabled": True},
           ],
           "_postman_variable_scope": "environment", "_postman_exported_at": "2024-09-30T12:01:44.512Z",
           "_postman_exported_using": "Postman/11.14.1"}
    return d.json(env, indent="\t")


@corpus_file
def newrelic_yml():
    d = Doc("services/storefront/config/newrelic.yml")
    return d.lines([
        "common: &default_settings",
        "  license_key: '" + d.s("newrelic", newrelic_license_key()) + "'",
        "  app_name: storefront",
        "  distributed_tracing:",
        "    enabled: true",
        "  log_level: info",
        "",
        "production:",
        "  <<: *default_settings",
        "",
        "development:",
        "  <<: *default_settings",
        "  app_name: storefront (development)",
        d.n("  license_key: '<%= ENV[\"NEW_RELIC_LICENSE_KEY\"] %>'"),
    ])


@corpus_file
def dockerfile():
    d = Doc("webapp/Dockerfile")
    return d.lines([
        "# syntax=docker/dockerfile:1.7",
        "FROM node:20-alpine@sha256:" + d.n(sha256_hex()) + " AS build",
        "WORKDIR /app",
        d.n("ARG NPM_TOKEN"),
        "ENV SENTRY_ORG=pinecrest",
        "ENV SENTRY_AUTH_TOKEN=" + d.s("sentry", sentry_org_token("pinecrest")),
        "COPY package.json package-lock.json ./",
        d.n('RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc'),
        "COPY . .",
        "RUN npm run build && npx @sentry/cli sourcemaps upload --release \"$SOURCE_VERSION\" .next",
        "",
        "FROM node:20-alpine",
        "WORKDIR /app",
        "COPY --from=build /app/.next ./.next",
        "COPY --from=build /app/node_modules ./node_modules",
        "EXPOSE 8080",
        'CMD ["npm", "start"]',
    ])


@corpus_file
def seed_sql():
    d = Doc("db/seed/001_users.sql")
    return d.lines([
        "-- Seed users for the staging environment",
        "CREATE USER reporting WITH PASSWORD '" + d.s("generic", password()) + "';",
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;",
        "",
        "INSERT INTO users (email, display_name, password_hash, created_at) VALUES",
        "  ('jtan@" + DOMAIN + "', 'J. Tan', '" + d.n(bcrypt_hash(12, "2b")) + "', now()),",
        "  ('mrivera@" + DOMAIN + "', 'M. Rivera', '" + d.n(bcrypt_hash(12, "2b")) + "', now()),",
        "  ('ops@" + DOMAIN + "', 'Ops', '" + d.n(bcrypt_hash(12, "2b")) + "', now());",
        "",
        "INSERT INTO api_keys (user_email, key_prefix, key_sha256) VALUES",
        "  ('ops@" + DOMAIN + "', 'pc_live_" + rs(B62, 4) + "', '" + d.n(sha256_hex()) + "');",
        "",
        "-- legacy MySQL reporting replica",
        "-- ALTER USER 'bi'@'%' IDENTIFIED BY '" + d.s("generic", password()) + "';",
    ])


@corpus_file
def ansible_vars():
    d = Doc("deploy/ansible/group_vars/prod/vars.yml")
    vault_lines = wrap(rs(DIGITS + "abcdef", 320), 80)
    return d.lines([
        "---",
        "mysql_root_password: \"" + d.s("generic", password()) + "\"",
        "mysql_app_user: portal_web",
        "mysql_app_password: !vault |",
        "          $ANSIBLE_VAULT;1.1;AES256",
        *["          " + d.n(ln) for ln in vault_lines],
        "ansible_ssh_private_key_file: " + d.n("~/.ssh/deploy_rsa"),
        "nginx_htpasswd_users:",
        "  - name: ops",
        "    password: " + d.n('"{{ vault_ops_password }}"'),
        "redis_requirepass: \"" + d.s("generic", password()) + "\"",
    ])


@corpus_file
def redis_conf():
    d = Doc("deploy/redis/redis.conf")
    return d.lines([
        "bind 0.0.0.0",
        "port 6379",
        "protected-mode yes",
        "requirepass " + d.s("generic", password(symbols="-_.")),
        "masterauth " + d.s("generic", password(symbols="-_.")),
        "maxmemory 2gb",
        "maxmemory-policy allkeys-lru",
        "appendonly yes",
        d.n("# aclfile /etc/redis/users.acl"),
    ])


# ==========================================================================
# Files: more AI-provider config, GitLab runner / feeds, Grafana, pip
# ==========================================================================

@corpus_file
def llm_env_staging():
    d = Doc("services/llm-gateway/.env.staging")
    return d.lines([
        "# llm-gateway staging -- synced from Doppler by hand (sync job broken, see INFRA-2290)",
        "GATEWAY_ENV=staging",
        "PINECONE_API_KEY=" + d.s("pinecone", pinecone_key()),
        "PINECONE_INDEX=support-docs-v3",
        "TOGETHER_API_KEY=" + d.s("together", together_key()),
        "FIREWORKS_API_KEY=" + d.s("fireworks", fireworks_key()),
        "PERPLEXITY_API_KEY=" + d.s("perplexity", perplexity_key()),
        "HELICONE_API_KEY=" + d.s("helicone", helicone_key()),
        "ELEVENLABS_API_KEY=" + d.s("elevenlabs", elevenlabs_key()),
        "ELEVENLABS_VOICE_ID=" + d.n(rs(B62, 20)),
        "VOYAGE_API_KEY=" + d.s("voyage", voyage_key()),
        "AZURE_OPENAI_ENDPOINT=" + d.n("https://pinecrest-oai-swedencentral.openai.azure.com/"),
        "AZURE_OPENAI_API_KEY=" + d.s("azure_openai", azure_openai_key()),
        "AZURE_OPENAI_DEPLOYMENT=gpt-4o-2024-08-06",
        "OPENAI_API_VERSION=2024-10-21",
        "GEMINI_API_KEY=" + d.s("google", google_api_key()),
        "LANGCHAIN_TRACING_V2=true",
        "LANGCHAIN_API_KEY=" + d.s("langsmith", langsmith_key("pt")),
        "LANGCHAIN_PROJECT=llm-gateway-staging",
        "OPENAI_API_KEY=" + d.s("openai", openai_key("svcacct")),
        "HF_HUB_OFFLINE=0",
        "TOKENIZERS_PARALLELISM=false",
        "CACHE_DIR=" + d.n("/var/cache/llmgw"),
    ])


@corpus_file
def gitlab_runner_config():
    d = Doc("deploy/gitlab-runner/config.toml")
    return d.lines([
        "concurrent = 4",
        "check_interval = 0",
        "shutdown_timeout = 0",
        "",
        "[session_server]",
        "  session_timeout = 1800",
        "",
        "[[runners]]",
        '  name = "pinecrest-docker-01"',
        '  url = "https://gitlab.com"',
        '  id = ' + rs(DIGITS, 8),
        '  token = "' + d.s("gitlab", gitlab_token("glrt")) + '"',
        '  token_obtained_at = 2024-07-02T09:11:45Z',
        '  token_expires_at = 0001-01-01T00:00:00Z',
        '  executor = "docker"',
        "  [runners.cache]",
        '    Type = "s3"',
        "    Shared = true",
        "    [runners.cache.s3]",
        '      ServerAddress = "s3.amazonaws.com"',
        '      AccessKey = "' + d.s("aws", aws_key_id()) + '"',
        '      SecretKey = "' + d.s("aws", aws_secret()) + '"',
        '      BucketName = "pinecrest-runner-cache"',
        '      BucketLocation = "eu-west-1"',
        "  [runners.docker]",
        '    image = "alpine:3.20"',
        "    privileged = true",
        '    volumes = ["/cache", "/var/run/docker.sock:/var/run/docker.sock"]',
    ])


@corpus_file
def newsboat_urls():
    d = Doc("home/mrivera/.config/newsboat/urls")
    return d.lines([
        d.n("https://github.blog/feed/") + ' "~GitHub blog"',
        d.n("https://about.gitlab.com/atom.xml") + ' "~GitLab blog"',
        "https://gitlab.com/pinecrest/infra/-/issues.atom?feed_token="
        + d.s("gitlab", gitlab_token("glft")) + '&state=opened "~infra issues"',
        d.n("https://status.pinecrest-analytics.com/history.rss") + ' "~status"',
        d.n("https://www.postgresql.org/news.rss"),
    ])


@corpus_file
def gitlab_job_log():
    d = Doc("ci/logs/gitlab-job-99812.log")
    L = []
    clock = Clock(13 * 3600 + 2 * 60)

    def line(text):
        L.append(clock.iso(day="2024-10-15", max_ms=3000) + " 00O " + text)
    line(ansi("1;32", "Running with gitlab-runner 17.4.0 (b92ee590)"))
    line("  on pinecrest-docker-01 " + d.n("t1_" + rs(B62, 6)) + ", system ID: " + d.n("s_" + rs(HEX, 12)))
    line(ansi("1;32", "Preparing the \"docker\" executor"))
    line("Using docker image sha256:" + d.n(sha256_hex()) + " for python:3.11 ...")
    line(ansi("1;32", "Getting source from Git repository"))
    line("Checking out " + d.n(git_sha()[:8]) + " as detached HEAD (ref is main)...")
    line(ansi("1;32", "Executing \"step_script\" stage of the job script"))
    line(ansi("32;1", "$ echo \"debug: job token=$CI_JOB_TOKEN\""))
    line("debug: job token=" + d.s("gitlab", gitlab_token("glcbt")))
    line(ansi("32;1", "$ echo \"registry password: $CI_REGISTRY_PASSWORD\""))
    line("registry password: " + d.n("[MASKED]"))
    line(ansi("32;1", "$ curl --header \"PRIVATE-TOKEN: $GITLAB_API_TOKEN\" \"$CI_API_V4_URL/projects/$CI_PROJECT_ID/releases\""))
    line('[{"tag_name":"v2.8.1","commit":{"id":"' + d.n(git_sha()) + '"}}]')
    line(ansi("32;1", "$ twine upload --verbose dist/*"))
    line("Uploading distributions to https://upload.pypi.org/legacy/")
    line("INFO     username: __token__")
    line("INFO     password: <hidden>")
    line(ansi("1;32", "Job succeeded"))
    d.text = "\n".join(L) + "\n"
    return d


@corpus_file
def grafana_ini():
    d = Doc("deploy/monitoring/grafana/grafana.ini")
    return d.lines([
        "[server]",
        "root_url = https://grafana." + DOMAIN,
        "",
        "[database]",
        "type = postgres",
        "host = " + PGHOST + ":5432",
        "name = grafana",
        "user = grafana",
        "password = " + d.s("generic", password(symbols="!@^*-_=+.?")),
        "",
        "[security]",
        "admin_user = admin",
        d.n("admin_password = admin"),
        "secret_key = " + d.s("generic", rs(B62, 32)),
        "cookie_secure = true",
        "",
        "[auth.gitlab]",
        "enabled = true",
        "allow_sign_up = true",
        "client_id = " + d.n(rs(HEX, 64)),
        "client_secret = " + d.s("gitlab", gitlab_token("gloas")),
        "scopes = openid email profile",
        "auth_url = https://gitlab.com/oauth/authorize",
        "token_url = https://gitlab.com/oauth/token",
        "",
        "[smtp]",
        "enabled = true",
        "host = smtp.sendgrid.net:587",
        "user = apikey",
        "password = " + d.s("sendgrid", sendgrid_key()),
        "from_address = grafana@" + DOMAIN,
    ])


@corpus_file
def pip_conf():
    d = Doc("home/jtan/.config/pip/pip.conf")
    return d.lines([
        "[global]",
        "timeout = 60",
        "index-url = https://pypi.org/simple",
        "extra-index-url = " + d.s("jfrog", "https://jtan:" + jfrog_reference_token()
                                   + "@pinecrest.jfrog.io/artifactory/api/pypi/pypi-local/simple"),
        "trusted-host = " + d.n("pinecrest.jfrog.io"),
        "",
        "[install]",
        "require-hashes = false",
    ])



# ==========================================================================
# Build, resolve line numbers, verify
# ==========================================================================

def locate(text: str, item: dict, path: str) -> int:
    anchor = item["anchor"]
    count = text.count(anchor)
    if count != 1:
        raise SystemExit(f"{path}: anchor occurs {count} times: {anchor[:60]!r}")
    pos = text.index(anchor)
    if item["begin"]:
        pos = text.rfind(item["begin"], 0, pos)
        if pos < 0:
            raise SystemExit(f"{path}: begin marker {item['begin']!r} not found before anchor")
    return text.count("\n", 0, pos) + 1


def check_formats(docs: list[Doc]) -> list[str]:
    """Parse every file in its own format (stdlib; YAML only if PyYAML exists)."""
    import configparser
    import tomllib
    import xml.etree.ElementTree as ET
    try:
        import yaml  # type: ignore
    except ImportError:  # optional
        yaml = None
    problems = []
    for d in docs:
        p, t = d.path, d.text
        name = p.rsplit("/", 1)[-1]
        try:
            if p.endswith((".json", ".har", ".ipynb")):
                obj = json.loads(t)
                if p.endswith(".ipynb"):
                    assert obj["nbformat"] == 4 and isinstance(obj["cells"], list)
                    for c in obj["cells"]:
                        assert c["cell_type"] in ("code", "markdown", "raw") and "id" in c
                        assert isinstance(c["source"], list) and isinstance(c["metadata"], dict)
                        if c["cell_type"] == "code":
                            assert "execution_count" in c and isinstance(c["outputs"], list)
                            for o in c["outputs"]:
                                assert o["output_type"] in ("stream", "execute_result", "display_data", "error")
            elif p.endswith(".jsonl"):
                for ln in t.splitlines():
                    json.loads(ln)
            elif p.endswith((".toml", "Cargo.lock", "poetry.lock")):
                tomllib.loads(t)
            elif p.endswith((".xml", ".config", ".Config")):
                ET.fromstring(t)
            elif p.endswith((".ini", ".s3cfg", ".pypirc")) or name == "credentials" and ".aws" in p:
                configparser.RawConfigParser().read_string(t)
            elif p.endswith((".yaml", ".yml")) or name in ("config",) and ".kube" in p:
                if yaml is not None:
                    class Loader(yaml.SafeLoader):
                        pass
                    Loader.add_multi_constructor("!", lambda ld, suffix, node: None)  # e.g. Ansible !vault
                    list(yaml.load_all(t, Loader=Loader))
        except Exception as e:  # noqa: BLE001
            problems.append(f"{p}: {type(e).__name__}: {e}")
    return problems


def main() -> int:
    docs: list[Doc] = []
    for build in BUILDERS:
        out = build()
        docs.extend(out if isinstance(out, list) else [out])

    paths = [d.path for d in docs]
    assert len(paths) == len(set(paths)), "duplicate file paths"

    expected, lookalikes = [], []
    for d in docs:
        lines_text = d.text.split("\n")
        secret_lines = {}
        for item in d.secrets:
            ln = locate(d.text, item, d.path)
            if ln in secret_lines:
                raise SystemExit(f"{d.path}:{ln}: two planted secrets on one line")
            line = lines_text[ln - 1]
            assert (item["begin"] or item["anchor"].split("\n")[0]) in line, (d.path, ln)
            secret_lines[ln] = item["provider"]
            expected.append({"path": d.path, "line": ln, "provider": item["provider"]})
        for item in d.looks:
            ln = locate(d.text, item, d.path)
            if ln in secret_lines:
                raise SystemExit(f"{d.path}:{ln}: look-alike shares a line with a planted secret")
            assert not b62_checksum_ok(item["anchor"])
            lookalikes.append({"path": d.path, "line": ln, "provider": item["provider"]})

    keys = [(e["path"], e["line"]) for e in expected + lookalikes]
    assert len(keys) == len(set(keys)), "a line is listed twice"

    problems = check_formats(docs)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1

    if OUT.exists():
        shutil.rmtree(OUT)
    for d in docs:
        f = OUT / d.path
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(d.text, encoding="utf-8", newline="\n")
    with open(OUT / "expected.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for e in expected:
            fh.write(json.dumps(e) + "\n")
    with open(OUT / "lookalikes.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for e in lookalikes:
            fh.write(json.dumps(e) + "\n")

    # Re-read from disk and re-check every listed line.
    for e in expected + lookalikes:
        text = (OUT / e["path"]).read_text(encoding="utf-8").split("\n")
        assert 1 <= e["line"] <= len(text) and text[e["line"] - 1].strip(), e

    providers = sorted({e["provider"] for e in expected})
    print(f"files: {len(docs)}  planted secrets: {len(expected)}  providers: {len(providers)}  "
          f"look-alikes: {len(lookalikes)}  deliberate negatives: {sum(d.negs for d in docs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
