#!/usr/bin/env python3
"""Generate fixtures/corpus5: a held-out corpus for the keyhound secrets scanner.

Focus: the LONG TAIL of providers and of file formats where credentials land
(mobile, data science, IaC, CI, app configs, infrastructure daemons, package
manager credential files, logs and dumps, tickets and chat exports, docs).

Everything is deterministic (random.Random(SEED)) and uses the standard
library only (PyYAML is used for an optional extra parse check if present).

Outputs, relative to the repository root:
  fixtures/corpus5/<files...>
  fixtures/corpus5/expected.jsonl    one line per planted secret occurrence
  fixtures/corpus5/lookalikes.jsonl  checksum look-alikes that must NOT be reported

All planted credentials are FAKE: random values shaped like each provider's
documented format.  Nothing here was copied from a real token.
"""
from __future__ import annotations


# Labels changed by keyhound's review of this corpus (its author's calls
# stand everywhere else): htpasswd and bcrypt/apr1 password hashes, and
# Google AIza keys in Firebase configs, are secrets because the rules issue
# names both; the backup MinIO accessKey and Akamai's access_token and
# client_token are the identifying halves of credential pairs, which the
# corpus already counts as secrets for AWS AKIA IDs; Razorpay rzp_live_ key
# IDs are public (Razorpay's Checkout takes them in the browser).
import base64
import hashlib
import hmac
import json
import plistlib
import random
import re
import shutil
import string
import sys
import textwrap
import tomllib
import uuid
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

SEED = 55_2024_05
R = random.Random(SEED)

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "fixtures" / "corpus5"

# --------------------------------------------------------------------------
# alphabets and primitive random helpers
# --------------------------------------------------------------------------
DIGITS = string.digits
LOWER = string.ascii_lowercase
UPPER = string.ascii_uppercase
ALNUM = UPPER + LOWER + DIGITS
LALNUM = LOWER + DIGITS
UALNUM = UPPER + DIGITS
HEX = "0123456789abcdef"
UHEX = HEX.upper()
B64 = UPPER + LOWER + DIGITS + "+/"
B64URL = UPPER + LOWER + DIGITS + "-_"
B62 = DIGITS + UPPER + LOWER  # GitHub / npm checksum alphabet

BAD_WORDS = ("test", "example", "xxxx", "1234", "dummy", "sample", "fake", "changeme", "your_")
# words that must not appear anywhere on a line that holds a planted secret
BAD_LINE_WORDS = ("example", "dummy", "sample", "fake", "changeme", "your_", "xxxx", "placeholder")


def rs(n: int, alphabet: str = ALNUM) -> str:
    return "".join(R.choice(alphabet) for _ in range(n))


def nz_digits(n: int) -> str:
    return R.choice("123456789") + rs(n - 1, DIGITS)


def rbytes(n: int) -> bytes:
    return R.randbytes(n)


def b64(b: bytes) -> str:
    return base64.b64encode(b).decode()


def b64u(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def uuid4() -> str:
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


def sha1hex() -> str:
    return rs(40, HEX)


def sha256hex() -> str:
    return rs(64, HEX)


_seen: set[str] = set()


def tok(fn):
    """Decorator: retry a generator until the value is unique and free of
    placeholder-like words (deterministic, because retries consume R)."""

    def wrapper(*a, **k):
        for _ in range(1000):
            v = fn(*a, **k)
            low = v.lower()
            if v not in _seen and not any(w in low for w in BAD_WORDS):
                _seen.add(v)
                return v
        raise RuntimeError(f"could not generate clean value for {fn.__name__}")

    wrapper.__name__ = fn.__name__
    return wrapper


# --------------------------------------------------------------------------
# tiny DER / PEM toolkit (real, parseable keys; generated from R)
# --------------------------------------------------------------------------
def der_len(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def der(tag: int, body: bytes) -> bytes:
    return bytes([tag]) + der_len(len(body)) + body


def der_int(x: int) -> bytes:
    return der(0x02, x.to_bytes(max(1, (x.bit_length() + 8) // 8), "big"))


def der_seq(*items: bytes) -> bytes:
    return der(0x30, b"".join(items))


def der_oid(dotted: str) -> bytes:
    parts = [int(p) for p in dotted.split(".")]
    body = bytes([40 * parts[0] + parts[1]])
    for p in parts[2:]:
        chunk = [p & 0x7F]
        p >>= 7
        while p:
            chunk.append(0x80 | (p & 0x7F))
            p >>= 7
        body += bytes(reversed(chunk))
    return der(0x06, body)


def pem(label: str, blob: bytes, width: int = 64) -> str:
    s = b64(blob)
    lines = [s[i:i + width] for i in range(0, len(s), width)]
    return f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----"


_SMALL_PRIMES = [p for p in range(3, 2000) if all(p % q for q in range(2, int(p ** 0.5) + 1))]


def _is_probable_prime(n: int) -> bool:
    for p in _SMALL_PRIMES:
        if n % p == 0:
            return n == p
    d, r = n - 1, 0
    while d % 2 == 0:
        d //= 2
        r += 1
    for _ in range(20):
        a = R.randrange(2, n - 2)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _gen_prime(bits: int) -> int:
    while True:
        c = R.getrandbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if _is_probable_prime(c):
            return c


def _rsa_numbers(bits: int = 2048):
    e = 65537
    while True:
        p, q = _gen_prime(bits // 2), _gen_prime(bits // 2)
        if p != q and (p - 1) % e and (q - 1) % e:
            break
    if p < q:
        p, q = q, p
    n = p * q
    d = pow(e, -1, (p - 1) * (q - 1))
    return n, e, d, p, q, d % (p - 1), d % (q - 1), pow(q, -1, p)


def _rsa_pkcs1(nums) -> bytes:
    return der_seq(der_int(0), *[der_int(x) for x in nums])


RSA_ALG = der_seq(der_oid("1.2.840.113549.1.1.1"), b"\x05\x00")


@tok
def rsa_private_pem(kind: str = "pkcs8", bits: int = 2048) -> str:
    pk1 = _rsa_pkcs1(_rsa_numbers(bits))
    if kind == "pkcs1":
        return pem("RSA PRIVATE KEY", pk1)
    return pem("PRIVATE KEY", der_seq(der_int(0), RSA_ALG, der(0x04, pk1)))


# --- P-256 (for Apple .p8, Coinbase CDP, DocuSign-style EC keys) ---
_P = 2 ** 256 - 2 ** 224 + 2 ** 192 + 2 ** 96 - 1
_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
_G = (0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
      0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5)


def _ec_add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    if a[0] == b[0] and (a[1] + b[1]) % _P == 0:
        return None
    if a == b:
        lam = (3 * a[0] * a[0] - 3) * pow(2 * a[1], -1, _P) % _P
    else:
        lam = (b[1] - a[1]) * pow(b[0] - a[0], -1, _P) % _P
    x = (lam * lam - a[0] - b[0]) % _P
    return x, (lam * (a[0] - x) - a[1]) % _P


def _ec_mul(k, pt):
    acc = None
    while k:
        if k & 1:
            acc = _ec_add(acc, pt)
        pt = _ec_add(pt, pt)
        k >>= 1
    return acc


def _ec_keypair():
    d = R.randrange(1, _N)
    x, y = _ec_mul(d, _G)
    return d, b"\x04" + x.to_bytes(32, "big") + y.to_bytes(32, "big")


def _sec1(d, pub, with_params=True):
    items = [der_int(1), der(0x04, d.to_bytes(32, "big"))]
    if with_params:
        items.append(der(0xA0, der_oid("1.2.840.10045.3.1.7")))
    items.append(der(0xA1, der(0x03, b"\x00" + pub)))
    return der_seq(*items)


@tok
def ec_private_pem(kind: str = "pkcs8") -> str:
    d, pub = _ec_keypair()
    if kind == "sec1":
        return pem("EC PRIVATE KEY", _sec1(d, pub))
    alg = der_seq(der_oid("1.2.840.10045.2.1"), der_oid("1.2.840.10045.3.1.7"))
    return pem("PRIVATE KEY", der_seq(der_int(0), alg, der(0x04, _sec1(d, pub, False))))


# --- Ed25519 (OpenSSH private keys and matching public keys) ---
_Q = 2 ** 255 - 19
_D = -121665 * pow(121666, -1, _Q) % _Q
_I = pow(2, (_Q - 1) // 4, _Q)


def _xrecover(y):
    xx = (y * y - 1) * pow(_D * y * y + 1, -1, _Q)
    x = pow(xx, (_Q + 3) // 8, _Q)
    if (x * x - xx) % _Q:
        x = x * _I % _Q
    return _Q - x if x % 2 else x


_BY = 4 * pow(5, -1, _Q) % _Q
_B = (_xrecover(_BY), _BY)


def _ed_add(p, q):
    x1, y1 = p
    x2, y2 = q
    t = _D * x1 * x2 * y1 * y2
    return ((x1 * y2 + x2 * y1) * pow(1 + t, -1, _Q) % _Q,
            (y1 * y2 + x1 * x2) * pow(1 - t, -1, _Q) % _Q)


def _ed_mul(pt, e):
    acc = (0, 1)
    while e:
        if e & 1:
            acc = _ed_add(acc, pt)
        pt = _ed_add(pt, pt)
        e >>= 1
    return acc


def _ed_pub(seed: bytes) -> bytes:
    h = hashlib.sha512(seed).digest()
    a = 2 ** 254 + sum(2 ** i * ((h[i // 8] >> (i % 8)) & 1) for i in range(3, 254))
    x, y = _ed_mul(_B, a)
    return (y | ((x & 1) << 255)).to_bytes(32, "little")


def _sshstr(b: bytes) -> bytes:
    return len(b).to_bytes(4, "big") + b


def openssh_ed25519(comment: str):
    """Return (private PEM, public line)."""
    while True:
        seed = rbytes(32)
        pk = _ed_pub(seed)
        pub_blob = _sshstr(b"ssh-ed25519") + _sshstr(pk)
        check = rbytes(4)
        priv = check + check + _sshstr(b"ssh-ed25519") + _sshstr(pk) + _sshstr(seed + pk) + _sshstr(comment.encode())
        pad = 1
        while len(priv) % 8:
            priv += bytes([pad])
            pad += 1
        blob = (b"openssh-key-v1\x00" + _sshstr(b"none") + _sshstr(b"none") + _sshstr(b"")
                + (1).to_bytes(4, "big") + _sshstr(pub_blob) + _sshstr(priv))
        body = pem("OPENSSH PRIVATE KEY", blob, 70)
        if not any(w in body.lower() for w in BAD_WORDS) and body not in _seen:
            _seen.add(body)
            return body, f"ssh-ed25519 {b64(pub_blob)} {comment}"


def ssh_rsa_pub(comment: str) -> str:
    """Random-but-well-formed ssh-rsa public key line (a NEGATIVE)."""
    n = R.getrandbits(2048) | (1 << 2047) | 1
    blob = _sshstr(b"ssh-rsa") + _sshstr((65537).to_bytes(3, "big")) + _sshstr(b"\x00" + n.to_bytes(256, "big"))
    return f"ssh-rsa {b64(blob)} {comment}"


def fake_cert_pem() -> str:
    """PUBLIC certificate-looking block (a NEGATIVE): DER SEQUENCE wrapper with random body."""
    body = rbytes(R.randrange(780, 900))
    return pem("CERTIFICATE", der_seq(der_seq(body)))


def public_key_pem() -> str:
    n = R.getrandbits(2048) | (1 << 2047) | 1
    spki = der_seq(RSA_ALG, der(0x03, b"\x00" + der_seq(der_int(n), der_int(65537))))
    return pem("PUBLIC KEY", spki)


# --------------------------------------------------------------------------
# provider token generators (fake, format-valid)
# --------------------------------------------------------------------------
def b62_6(n: int) -> str:
    s = ""
    while n:
        s = B62[n % 62] + s
        n //= 62
    return s.rjust(6, "0")


def crc_ok(tokenv: str, prefix_len: int) -> bool:
    ent, chk = tokenv[prefix_len:-6], tokenv[-6:]
    return b62_6(zlib.crc32(ent.encode())) == chk


@tok
def gh(prefix: str = "ghp_") -> str:  # ghp_ gho_ ghu_ ghs_ ghr_ and npm_
    ent = rs(30)
    return prefix + ent + b62_6(zlib.crc32(ent.encode()))


@tok
def gh_lookalike(prefix: str = "ghp_") -> str:
    ent = rs(30)
    good = b62_6(zlib.crc32(ent.encode()))
    bad = rs(6, B62)
    while bad == good:
        bad = rs(6, B62)
    return prefix + ent + bad


@tok
def github_pat() -> str:
    return "github_pat_11" + rs(20, UALNUM) + "_" + rs(59)


@tok
def glpat() -> str:
    return "glpat-" + rs(20, ALNUM + "-_")


@tok
def pypi_token() -> str:
    return "pypi-AgEIcHlwaS5vcmcCJ" + b64u(rbytes(R.randrange(118, 130)))


@tok
def aws_akid(prefix: str = "AKIA") -> str:
    return prefix + rs(16, UPPER + "234567")


@tok
def aws_secret() -> str:
    return rs(40, ALNUM + "+/")


@tok
def aws_session_token() -> str:
    return "IQoJb3JpZ2luX2VjE" + b64(rbytes(R.randrange(420, 470))).rstrip("=")


@tok
def ses_smtp_password() -> str:
    return "B" + rs(43, ALNUM + "+/")


@tok
def google_api_key() -> str:
    return "AIza" + rs(35, ALNUM + "-_")


@tok
def azure_storage_key() -> str:
    return b64(rbytes(64))


@tok
def azure_client_secret() -> str:
    return rs(3) + R.choice(DIGITS) + "Q~" + rs(34, ALNUM + "-_.~")


@tok
def openai_key(kind: str = "proj") -> str:
    if kind == "legacy":
        return "sk-" + rs(20) + "T3BlbkFJ" + rs(20)
    pre = {"proj": "sk-proj-", "svc": "sk-svcacct-", "admin": "sk-admin-"}[kind]
    return pre + rs(74, ALNUM + "-_") + "T3BlbkFJ" + rs(74, ALNUM + "-_")


@tok
def anthropic_key(kind: str = "api03") -> str:
    return f"sk-ant-{kind}-" + rs(93, ALNUM + "-_") + "AA"


@tok
def hf_token() -> str:
    return "hf_" + rs(34, UPPER + LOWER)


@tok
def slack_token(kind: str = "xoxb") -> str:
    if kind == "xoxb":
        return f"xoxb-{nz_digits(12)}-{nz_digits(13)}-{rs(24)}"
    if kind == "xoxp":
        return f"xoxp-{nz_digits(12)}-{nz_digits(12)}-{nz_digits(13)}-{rs(32, HEX)}"
    return f"xapp-1-A{rs(10, UALNUM)}-{nz_digits(13)}-{rs(64, HEX)}"


@tok
def slack_webhook() -> str:
    return f"https://hooks.slack.com/services/T{rs(8, UALNUM)}/B{rs(10, UALNUM)}/{rs(24)}"


@tok
def stripe_key(prefix: str = "sk_live_") -> str:
    return prefix + "51" + rs(97)


@tok
def stripe_whsec() -> str:
    return "whsec_" + rs(32)


@tok
def sendgrid_key() -> str:
    return "SG." + rs(22, ALNUM + "-_") + "." + rs(43, ALNUM + "-_")


@tok
def mailgun_key(new: bool = False) -> str:
    if new:
        return rs(32, HEX) + "-" + rs(8, HEX) + "-" + rs(8, HEX)
    return "key-" + rs(32, HEX)


@tok
def brevo_key(prefix: str = "xkeysib-") -> str:
    return prefix + rs(64, HEX) + "-" + rs(16)


@tok
def resend_key() -> str:
    return "re_" + rs(8) + "_" + rs(24)


@tok
def hexs(n: int) -> str:
    return rs(n, HEX)


@tok
def alnum(n: int, alphabet: str = ALNUM) -> str:
    return rs(n, alphabet)


@tok
def uid() -> str:
    return uuid4()



@tok
def ably_key() -> str:
    return f"{rs(6)}.{rs(6, ALNUM + '-_')}:{rs(43, ALNUM + '-_')}"


@tok
def pubnub_secret() -> str:
    return "sec-c-" + rs(48, ALNUM)


@tok
def mapbox_token(prefix: str = "sk") -> str:
    payload = json.dumps({"u": R.choice(["harborlane", "quillmesh-maps", "fieldcrew"]),
                          "a": rs(25, LALNUM)}, separators=(",", ":"))
    return f"{prefix}.{b64u(payload.encode())}.{rs(22, ALNUM + '-_')}"


@tok
def shopify_token(prefix: str = "shpat_") -> str:
    return prefix + rs(32, HEX)


@tok
def square_token(kind: str = "access") -> str:
    if kind == "access":
        return "EAAA" + rs(60, ALNUM + "-_")
    return "sq0csp-" + rs(43, ALNUM + "-_")


@tok
def paypal_secret() -> str:
    return "E" + rs(79, ALNUM + "-_")


@tok
def braintree_token() -> str:
    return f"access_token$production${rs(16, LALNUM)}${rs(32, HEX)}"


@tok
def prefixed(prefix: str, n: int, alphabet: str = ALNUM, suffix: str = "") -> str:
    return prefix + rs(n, alphabet) + suffix


def jwt(header: dict, payload: dict, sig_bytes: int = 32, key: bytes | None = None) -> str:
    h = b64u(json.dumps(header, separators=(",", ":")).encode())
    p = b64u(json.dumps(payload, separators=(",", ":")).encode())
    if key is not None:
        sig = hmac.new(key, f"{h}.{p}".encode(), hashlib.sha256).digest()
    else:
        sig = rbytes(sig_bytes)
    return f"{h}.{p}.{b64u(sig)}"


@tok
def supabase_jwt(ref: str, role: str) -> str:
    iat = R.randrange(1_690_000_000, 1_720_000_000)
    return jwt({"alg": "HS256", "typ": "JWT"},
               {"iss": "supabase", "ref": ref, "role": role, "iat": iat, "exp": iat + 315_360_000},
               key=rbytes(40))


@tok
def fly_token() -> str:
    a = b64(rbytes(R.randrange(210, 240)))
    b2 = b64(rbytes(R.randrange(130, 160)))
    return f"fm2_lJPE{a},fm2_lJPE{b2}"


@tok
def heroku_key() -> str:
    # "HRKU-AA" + 58 satisfies both published patterns (HRKU-AA[..]{58} and HRKU-[..]{60})
    return "HRKU-AA" + rs(58, ALNUM + "-_")


@tok
def b2_app_key() -> str:
    return "K005" + rs(27, ALNUM + "/+")


@tok
def upstash_rest_token() -> str:
    return "A" + rs(3) + "ASQg" + b64(rbytes(66)).rstrip("=")


@tok
def elastic_api_key() -> str:
    return b64(f"{rs(20, ALNUM + '-_')}:{rs(22, ALNUM + '-_')}".encode())


@tok
def grafana_cloud_token() -> str:
    body = json.dumps({"o": nz_digits(6), "n": R.choice(["alloy-prod", "ci-annotations", "k8s-monitoring"]),
                       "k": rs(24), "m": {"r": R.choice(["prod-us-east-0", "prod-eu-west-2"])}},
                      separators=(",", ":"))
    return "glc_" + b64(body.encode())


@tok
def sentry_org_token(org: str) -> str:
    payload = json.dumps({"iat": round(R.uniform(1.70e9, 1.72e9), 6), "url": "https://sentry.io",
                          "region_url": "https://us.sentry.io", "org": org})
    return "sntrys_" + b64(payload.encode()) + "_" + b64(rbytes(32)).rstrip("=")


@tok
def atlassian_token() -> str:
    return "ATATT3xFfGF0" + rs(R.randrange(160, 176), ALNUM + "-_") + "=" + rs(8, UHEX)


@tok
def asana_pat() -> str:
    return f"2/{nz_digits(16)}/{nz_digits(16)}:{rs(32, HEX)}"


@tok
def monday_token() -> str:
    return jwt({"alg": "HS256"}, {"tid": R.randrange(10 ** 8, 10 ** 9), "aai": 11, "uid": R.randrange(10 ** 7, 10 ** 8),
                                  "iad": "2024-03-0%dT1%d:%02d:%02d.000Z" % (R.randrange(1, 9), R.randrange(0, 9),
                                                                             R.randrange(60), R.randrange(60)),
                                  "per": "me:write", "actid": R.randrange(10 ** 6, 10 ** 7), "rgn": "use1"},
               key=rbytes(32))


@tok
def onepassword_sa() -> str:
    body = {"signInAddress": "harborlane.1password.com", "userAuth": {"method": "SRPg-4096", "alg": "PBES2g-HS256",
            "iterations": 650000, "salt": b64u(rbytes(16))}, "email": f"{rs(13, LALNUM)}@1passwordserviceaccounts.com",
            "srpX": rs(64, HEX), "muk": {"alg": "A256GCM", "ext": False, "k": b64u(rbytes(32)),
            "key_ops": ["encrypt", "decrypt"], "kty": "oct", "kid": "mp"},
            "secretKey": "A3-" + "-".join(rs(6 if i < 2 else 5, UALNUM) for i in range(6)), "throttleSecret": {
            "seed": rs(64, HEX), "uuid": rs(26, UALNUM)}, "deviceUuid": rs(26, LALNUM)}
    return "ops_" + b64u(json.dumps(body, separators=(",", ":")).encode())


@tok
def bitwarden_token() -> str:
    return f"0.{uuid4()}.{rs(30)}:{b64(rbytes(16))}"


@tok
def vault_token() -> str:
    return "hvs.CAESI" + rs(R.randrange(86, 92), ALNUM + "-_")


@tok
def tfc_token() -> str:
    return rs(14) + ".atlasv1." + rs(67)


@tok
def circleci_pat() -> str:
    return "CCIPAT_" + rs(22) + "_" + rs(40, HEX)


@tok
def jfrog_reference_token() -> str:
    return b64(f"reftkn:01:{R.randrange(1_750_000_000, 1_900_000_000)}:{rs(27)}".encode()).rstrip("=")


@tok
def discord_bot_token() -> str:
    snowflake_id = "1" + R.choice("012") + rs(17, DIGITS)  # Discord user ids are ~1.0e18..1.3e18
    return b64u(snowflake_id.encode()) + "." + rs(6, ALNUM + "-_") + "." + rs(38, ALNUM + "-_")


@tok
def discord_webhook() -> str:
    return f"https://discord.com/api/webhooks/1{R.choice('012')}{rs(17, DIGITS)}/{rs(68, ALNUM + '-_')}"


@tok
def telegram_token() -> str:
    return f"{nz_digits(10)}:AA{rs(33, ALNUM + '-_')}"



@tok
def calendly_pat() -> str:
    return jwt({"kid": rs(64, HEX), "typ": "PAT", "alg": "ES256"},
               {"iss": "https://auth.calendly.com", "iat": R.randrange(1_700_000_000, 1_720_000_000),
                "jti": uuid4(), "user_uuid": uuid4()}, sig_bytes=64)


@tok
def k8s_sa_token(ns: str, sa: str) -> str:
    iat = R.randrange(1_700_000_000, 1_720_000_000)
    return jwt({"alg": "RS256", "kid": b64u(rbytes(32))},
               {"aud": ["https://kubernetes.default.svc.cluster.local"], "exp": iat + 31_536_000, "iat": iat,
                "iss": "https://kubernetes.default.svc.cluster.local",
                "kubernetes.io": {"namespace": ns, "serviceaccount": {"name": sa, "uid": uuid4()}},
                "nbf": iat, "sub": f"system:serviceaccount:{ns}:{sa}"}, sig_bytes=256)


@tok
def salesforce_token() -> str:
    return "00D" + rs(12, UALNUM) + "!" + "AQ" + rs(R.randrange(92, 100), ALNUM + "._")


@tok
def intercom_token() -> str:
    return b64(f"tok:{uuid4()}:1:0".encode())


@tok
def bedrock_key() -> str:
    inner = f"BedrockAPIKey-{rs(4, LALNUM)}-at-{nz_digits(12)}:{b64(rbytes(45))}"
    return "ABSK" + b64(inner.encode())


@tok
def wg_private() -> str:
    k = bytearray(rbytes(32))
    k[0] &= 248
    k[31] = (k[31] & 127) | 64
    return b64(bytes(k))


@tok
def openvpn_static() -> str:
    return ("-----BEGIN OpenVPN Static key V1-----\n" + "\n".join(rs(32, HEX) for _ in range(16))
            + "\n-----END OpenVPN Static key V1-----")


@tok
def password(n: int = 20, extra: str = "!#%*-_.") -> str:
    while True:
        p = rs(n, ALNUM + extra)
        if any(c in DIGITS for c in p) and any(c in UPPER for c in p) and any(c in LOWER for c in p):
            return p


@tok
def b64key(nbytes: int = 32) -> str:
    return b64(rbytes(nbytes))


@tok
def b64ukey(nbytes: int = 32) -> str:
    return base64.urlsafe_b64encode(rbytes(nbytes)).decode()


@tok
def django_key() -> str:
    return rs(50, LOWER + DIGITS + "!@#%^&*(-_=+)")


def gcp_service_account(project: str, name: str) -> tuple[dict, str]:
    key = rsa_private_pem("pkcs8")
    email = f"{name}@{project}.iam.gserviceaccount.com"
    return ({
        "type": "service_account",
        "project_id": project,
        "private_key_id": rs(40, HEX),
        "private_key": key + "\n",
        "client_email": email,
        "client_id": nz_digits(21),
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": "https://oauth2.googleapis.com/token",
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
        "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/" + email.replace("@", "%40"),
        "universe_domain": "googleapis.com",
    }, key)


# --------------------------------------------------------------------------
# negatives (public / non-secret look-alikes)
# --------------------------------------------------------------------------
AWS_DOC_AKID = "AKIAIOSFODNN7EXAMPLE"
AWS_DOC_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


def integrity() -> str:
    return "sha512-" + b64(rbytes(64))


def b64text(s: str) -> str:
    return b64(s.encode())


# --------------------------------------------------------------------------
# file model
# --------------------------------------------------------------------------
FILES: list["F"] = []


class F:
    def __init__(self, path: str):
        assert path not in {f.path for f in FILES}, path
        self.path = path
        self.secrets: list[tuple[str, str, bool]] = []
        self.looks: list[tuple[str, str]] = []
        self.negs = 0
        self.text: str | None = None
        FILES.append(self)

    def s(self, provider: str, value: str, multiline: bool | None = None) -> str:
        """Register a planted secret; returns it for use in templates."""
        if multiline is None:
            multiline = "\n" in value or "-----BEGIN" in value
        self.secrets.append((provider, value, multiline))
        return value

    def la(self, provider: str, value: str) -> str:
        self.looks.append((provider, value))
        return value

    def n(self, value: str) -> str:
        """Mark an intentional hard negative (counted for the report)."""
        self.negs += 1
        return value

    def write(self, text: str) -> None:
        if not text.endswith("\n"):
            text += "\n"
        self.text = text


def fill(tpl: str, **kw) -> str:
    """dedent a template and substitute @{name} markers (braces stay literal)."""
    t = textwrap.dedent(tpl).lstrip("\n")

    def rep(m):
        return str(kw[m.group(1)])

    return re.sub(r"@\{(\w+)\}", rep, t)


def jesc(s: str) -> str:
    """JSON-escaped form of a string (without quotes)."""
    return json.dumps(s)[1:-1]



# ==========================================================================
# builders: mobile (Android, iOS, Flutter, React Native / Expo, games)
# ==========================================================================
def b_android_gradle_properties():
    f = F("mobile/android/gradle.properties")
    gpr = f.s("github", gh("ghp_"))
    ossrh = f.s("sonatype", password(24))
    store = f.s("password", password(18))
    f.write(fill("""
        # Project-wide Gradle settings.
        org.gradle.jvmargs=-Xmx4096m -Dfile.encoding=UTF-8
        org.gradle.parallel=true
        org.gradle.caching=true
        android.useAndroidX=true
        android.nonTransitiveRClass=true
        kotlin.code.style=official

        # GitHub Packages (internal design-system artifacts)
        gpr.user=harborlane-mobile-ci
        gpr.key=@{gpr}

        # Maven Central publishing for the :sdk module
        signing.keyId=@{keyid}
        signing.secretKeyRingFile=/home/runner/.gnupg/secring.gpg
        ossrhUsername=harborlane-release
        ossrhPassword=@{ossrh}

        RELEASE_STORE_FILE=../keystores/harborlane-upload.jks
        RELEASE_KEY_ALIAS=upload
        RELEASE_STORE_PASSWORD=@{store}
        RELEASE_KEY_PASSWORD=${RELEASE_STORE_PASSWORD}
        VERSION_NAME=4.18.2
        VERSION_CODE=418020
    """, gpr=gpr, ossrh=ossrh, store=store, keyid=f.n(rs(8, UHEX))))


def b_android_local_properties():
    f = F("mobile/android/local.properties")
    tok_ = f.s("sentry", sentry_org_token("harborlane"))
    f.write(fill("""
        ## This file is automatically generated by Android Studio.
        # Do not modify this file -- YOUR CHANGES WILL BE ERASED!
        #
        # This file should *NOT* be checked into Version Control Systems,
        # as it contains information specific to your local configuration.
        sdk.dir=/Users/mdiaz/Library/Android/sdk
        ndk.dir=/Users/mdiaz/Library/Android/sdk/ndk/26.1.10909125
        cmake.dir=/Users/mdiaz/Library/Android/sdk/cmake/3.22.1
        # used by io.sentry.android.gradle to upload ProGuard mappings
        sentry.org=harborlane
        sentry.project=driver-android
        sentry.auth.token=@{tok}
    """, tok=tok_))


def b_android_strings_xml():
    f = F("mobile/android/app/src/main/res/values/strings.xml")
    admin = f.s("algolia", hexs(32))
    twilio = f.s("twilio", hexs(32))
    f.write(fill("""
        <?xml version="1.0" encoding="utf-8"?>
        <resources>
            <string name="app_name">Harborlane Driver</string>
            <string name="default_web_client_id" translatable="false">@{cid}.apps.googleusercontent.com</string>
            <string name="facebook_app_id" translatable="false">@{fb}</string>
            <string name="mapbox_access_token" translatable="false">@{pk}</string>
            <string name="algolia_app_id" translatable="false">@{appid}</string>
            <string name="algolia_search_key" translatable="false">@{search}</string>
            <!-- TODO(ops-311): move this out of the APK, the sync job should run server side -->
            <string name="algolia_admin_key" translatable="false">@{admin}</string>
            <string name="twilio_account_sid" translatable="false">@{sid}</string>
            <string name="twilio_auth_token" translatable="false">@{twilio}</string>
            <string name="support_email">drivers@harborlane.io</string>
            <string name="onboarding_title">Welcome aboard</string>
            <string name="error_network">No connection. Retrying in %1$d seconds.</string>
        </resources>
    """, cid=f.n(nz_digits(12) + "-" + rs(32, LALNUM)), fb=f.n(nz_digits(16)),
        pk=f.n(mapbox_token("pk")), appid=f.n(rs(10, UALNUM)), search=f.n(rs(32, HEX)),
        admin=admin, sid=f.n("AC" + rs(32, HEX)), twilio=twilio))


def b_google_services_json():
    f = F("mobile/android/app/google-services.json")
    proj = "harborlane-driver-prod"
    doc = {
        "project_info": {"project_number": f.n(nz_digits(12)), "project_id": proj,
                         "storage_bucket": f"{proj}.appspot.com"},
        "client": [{
            "client_info": {"mobilesdk_app_id": f.n(f"1:{nz_digits(12)}:android:{rs(16, HEX)}"),
                            "android_client_info": {"package_name": "io.harborlane.driver"}},
            "oauth_client": [{"client_id": f.n(f"{nz_digits(12)}-{rs(32, LALNUM)}.apps.googleusercontent.com"),
                              "client_type": 3}],
            "api_key": [{"current_key": f.s("google-api-key", google_api_key())}],
            "services": {"appinvite_service": {"other_platform_oauth_client": []}},
        }],
        "configuration_version": "1",
    }
    f.write(json.dumps(doc, indent=2))


def b_android_build_gradle():
    f = F("mobile/android/app/build.gradle.kts")
    key = f.s("openai", openai_key("proj"))
    f.write(fill("""
        plugins {
            id("com.android.application")
            id("org.jetbrains.kotlin.android")
            id("io.sentry.android.gradle") version "4.3.1"
        }

        android {
            namespace = "io.harborlane.driver"
            compileSdk = 34

            defaultConfig {
                applicationId = "io.harborlane.driver"
                minSdk = 26
                targetSdk = 34
                versionCode = (project.findProperty("VERSION_CODE") as String).toInt()
                versionName = project.findProperty("VERSION_NAME") as String
                buildConfigField("String", "API_BASE_URL", "\\"https://api.harborlane.io/v3/\\"")
                buildConfigField("String", "MAPS_KEY", "\\"${System.getenv("MAPS_KEY") ?: ""}\\"")
                // quick spike for the route-summary feature, see DRV-1022
                buildConfigField("String", "OPENAI_API_KEY", "\\"@{key}\\"")
            }

            signingConfigs {
                create("release") {
                    storeFile = file(project.property("RELEASE_STORE_FILE") as String)
                    storePassword = project.property("RELEASE_STORE_PASSWORD") as String
                    keyAlias = project.property("RELEASE_KEY_ALIAS") as String
                    keyPassword = project.property("RELEASE_KEY_PASSWORD") as String
                }
            }
        }

        repositories {
            maven {
                url = uri("https://maven.pkg.github.com/harborlane/design-system")
                credentials {
                    username = project.findProperty("gpr.user") as String? ?: System.getenv("GPR_USER")
                    password = project.findProperty("gpr.key") as String? ?: System.getenv("GPR_TOKEN")
                }
            }
        }
    """, key=key))



def b_ios_xcconfig():
    f = F("mobile/ios/Config/Release.xcconfig")
    st = f.s("sentry", prefixed("sntryu_", 64, HEX))
    f.write(fill("""
        // Release.xcconfig
        #include "Base.xcconfig"

        PRODUCT_BUNDLE_IDENTIFIER = io.harborlane.driver
        API_BASE_URL = https:/$()/api.harborlane.io/v3
        REVENUECAT_PUBLIC_KEY = @{rc}
        MAPBOX_ACCESS_TOKEN = @{pk}
        SENTRY_DSN = https:/$()/@{dsnkey}@o@{org}.ingest.sentry.io/@{proj}
        ONESIGNAL_APP_ID = @{os}
        // used by the "Upload dSYMs" build phase
        SENTRY_AUTH_TOKEN = @{st}
        SWIFT_ACTIVE_COMPILATION_CONDITIONS = RELEASE
    """, rc=f.n("appl_" + rs(27)), pk=f.n(mapbox_token("pk")), dsnkey=f.n(rs(32, HEX)),
        org=nz_digits(6), proj=nz_digits(7), os=f.n(uuid4()), st=st))


def b_ios_info_plist():
    f = F("mobile/ios/Driver/Info.plist")
    el = f.s("elevenlabs", prefixed("sk_", 48, HEX))
    dg = f.s("deepgram", hexs(40))
    f.write(fill("""
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
        <plist version="1.0">
        <dict>
        	<key>CFBundleDisplayName</key>
        	<string>Harborlane</string>
        	<key>CFBundleShortVersionString</key>
        	<string>$(MARKETING_VERSION)</string>
        	<key>GIDClientID</key>
        	<string>@{gid}.apps.googleusercontent.com</string>
        	<key>MBXAccessToken</key>
        	<string>$(MAPBOX_ACCESS_TOKEN)</string>
        	<key>MapboxPublicToken</key>
        	<string>@{pk}</string>
        	<key>ElevenLabsAPIKey</key>
        	<string>@{el}</string>
        	<key>DeepgramAPIKey</key>
        	<string>@{dg}</string>
        	<key>NSLocationWhenInUseUsageDescription</key>
        	<string>Your location is used to show nearby pickups.</string>
        	<key>UIBackgroundModes</key>
        	<array>
        		<string>location</string>
        		<string>remote-notification</string>
        	</array>
        </dict>
        </plist>
    """, gid=f.n(nz_digits(12) + "-" + rs(32, LALNUM)), pk=f.n(mapbox_token("pk")), el=el, dg=dg))


def b_ios_netrc():
    f = F("mobile/ios/.netrc")
    mb = f.s("mapbox", mapbox_token("sk"))
    cp = f.s("cocoapods", hexs(32))
    f.write(fill("""
        machine api.mapbox.com
          login mapbox
          password @{mb}
        machine trunk.cocoapods.org
          login release@harborlane.io
          password @{cp}
    """, mb=mb, cp=cp))


def b_ios_p8():
    f = F("mobile/ios/fastlane/keys/AuthKey_7Q2XK9V4LM.p8")
    f.write(f.s("apple", ec_private_pem("pkcs8")))


def b_ios_fastlane_env():
    f = F("mobile/ios/fastlane/.env.default")
    match = f.s("password", password(22))
    hook = f.s("slack", slack_webhook())
    fb = f.s("firebase", prefixed("1//0", 99, ALNUM + "-_"))
    f.write(fill("""
        APP_IDENTIFIER=io.harborlane.driver
        APPLE_TEAM_ID=@{team}
        APP_STORE_CONNECT_API_KEY_ID=7Q2XK9V4LM
        APP_STORE_CONNECT_ISSUER_ID=@{issuer}
        APP_STORE_CONNECT_API_KEY_PATH=./fastlane/keys/AuthKey_7Q2XK9V4LM.p8
        MATCH_GIT_URL=git@github.com:harborlane/ios-certificates.git
        MATCH_TYPE=appstore
        MATCH_PASSWORD=@{match}
        SLACK_URL=@{hook}
        FIREBASE_APP_ID=@{fbapp}
        FIREBASE_TOKEN=@{fb}
        GYM_SCHEME=Driver
    """, team=f.n(rs(10, UALNUM)), issuer=f.n(uuid4()), match=match, hook=hook,
        fbapp=f.n(f"1:{nz_digits(12)}:ios:{rs(16, HEX)}"), fb=fb))


def b_flutter_env():
    f = F("mobile/flutter_app/.env")
    ref = rs(20, LOWER)
    svc = f.s("supabase", supabase_jwt(ref, "service_role"))
    oa = f.s("openai", openai_key("proj"))
    f.write(fill("""
        # loaded by flutter_dotenv (listed under assets: in pubspec.yaml)
        SUPABASE_URL=https://@{ref}.supabase.co
        SUPABASE_ANON_KEY=@{anon}
        SUPABASE_SERVICE_ROLE_KEY=@{svc}
        OPENAI_API_KEY=@{oa}
        ONESIGNAL_APP_ID=@{os}
        FEATURE_FLAGS=route_summary,offline_maps
    """, ref=ref, anon=f.n(supabase_jwt(ref, "anon")), svc=svc, oa=oa, os=f.n(uuid4())))


def b_expo_app_json():
    f = F("mobile/rn-app/app.json")
    orr = f.s("openrouter", prefixed("sk-or-v1-", 64, HEX))
    doc = {"expo": {
        "name": "Harborlane Crew", "slug": "harborlane-crew", "version": "2.3.0", "orientation": "portrait",
        "icon": "./assets/icon.png", "scheme": "hlcrew",
        "ios": {"bundleIdentifier": "io.harborlane.crew", "supportsTablet": False},
        "android": {"package": "io.harborlane.crew", "adaptiveIcon": {"foregroundImage": "./assets/adaptive-icon.png"}},
        "updates": {"url": "https://u.expo.dev/" + f.n(uuid4())},
        "runtimeVersion": {"policy": "appVersion"},
        "plugins": [["@sentry/react-native/expo", {"organization": "harborlane", "project": "crew-app"}]],
        "extra": {
            "eas": {"projectId": f.n(uuid4())},
            "sentryDsn": f.n(f"https://{rs(32, HEX)}@o{nz_digits(6)}.ingest.sentry.io/{nz_digits(7)}"),
            "posthogKey": f.n("phc_" + rs(43)),
            "openRouterKey": orr,
            "apiUrl": "https://api.harborlane.io/crew",
        },
    }}
    f.write(json.dumps(doc, indent=2))



def b_unity_services_json():
    f = F("games/harbor-dash-unity/Assets/StreamingAssets/services.json")
    ak = f.s("aws", aws_akid())
    sk = f.s("aws", aws_secret())
    pn = f.s("pubnub", pubnub_secret())
    ag = f.s("agora", hexs(32))
    doc = {"build": "1.9.4-rc2",
           "telemetry": {"region": "eu-central-1", "bucket": "harbordash-replays",
                         "awsAccessKeyId": ak, "awsSecretAccessKey": sk},
           "pubnub": {"subscribeKey": f.n("sub-c-" + uuid4()), "secretKey": pn, "uuidPrefix": "hd-"},
           "agora": {"appId": f.n(rs(32, HEX)), "appCertificate": ag, "channelPrefix": "lobby-"},
           "contentHash": f.n(sha256hex())}
    f.write(json.dumps(doc, indent=4))


def b_unreal_ini():
    f = F("games/harbor-dash-unreal/Config/DefaultEngine.ini")
    dc = f.s("discord", discord_bot_token())
    ab = f.s("ably", ably_key())
    f.write(fill("""
        [/Script/EngineSettings.GameMapsSettings]
        GameDefaultMap=/Game/Maps/MainMenu.MainMenu
        EditorStartupMap=/Game/Maps/Harbor_01.Harbor_01

        [/Script/Engine.RendererSettings]
        r.DefaultFeature.AutoExposure=False
        r.Lumen.HardwareRayTracing=True

        [OnlineSubsystem]
        DefaultPlatformService=EOS

        [/Script/HarborDash.CommunitySettings]
        DiscordGuildId=@{guild}
        DiscordBotToken=@{dc}

        [/Script/HarborDash.LiveOpsSettings]
        AblyKey=@{ab}
        SentryDsn=https://@{dsn}@o@{org}.ingest.us.sentry.io/@{proj}
        BuildGuid=@{guid}
    """, guild=f.n(nz_digits(19)), dc=dc, ab=ab, dsn=f.n(rs(32, HEX)), org=nz_digits(6),
        proj=nz_digits(7), guid=f.n(str(uuid.UUID(int=R.getrandbits(128))).upper())))


# ==========================================================================
# builders: data science
# ==========================================================================
def b_renviron():
    f = F("analytics/r/.Renviron")
    f.write(fill("""
        R_LIBS_USER=~/R/library/%v
        GITHUB_PAT=@{gh}
        OPENAI_API_KEY=@{oa}
        DATABRICKS_HOST=https://adb-@{ws}.7.azuredatabricks.net
        DATABRICKS_TOKEN=@{db}
        AWS_ACCESS_KEY_ID=@{ak}
        AWS_SECRET_ACCESS_KEY=@{sk}
        AWS_DEFAULT_REGION=us-east-2
        MAPBOX_PUBLIC_TOKEN=@{pk}
        RETICULATE_PYTHON=/opt/conda/envs/analytics/bin/python
    """, gh=f.s("github", gh("ghp_")), oa=f.s("openai", openai_key("proj")), ws=f.n(nz_digits(16)),
        db=f.s("databricks", prefixed("dapi", 32, HEX)), ak=f.s("aws", aws_akid()),
        sk=f.s("aws", aws_secret()), pk=f.n(mapbox_token("pk"))))


def b_julia_startup():
    f = F("analytics/julia/config/startup.jl")
    f.write(fill("""
        # ~/.julia/config/startup.jl
        ENV["JULIA_NUM_THREADS"] = "8"
        ENV["DATADEPS_ALWAYS_ACCEPT"] = "true"
        ENV["HF_TOKEN"] = "@{hf}"
        ENV["ANTHROPIC_API_KEY"] = "@{an}"
        # groq is optional; read from the shell if present
        const GROQ_KEY = get(ENV, "GROQ_API_KEY", "")

        atreplinit() do repl
            try
                @eval using Revise
            catch err
                @warn "Revise not available" exception = err
            end
        end
    """, hf=f.s("huggingface", hf_token()), an=f.s("anthropic", anthropic_key())))


def b_snowflake_sql():
    f = F("analytics/sql/snowflake/010_load_events.sql")
    f.write(fill("""
        -- Raw event ingestion for the product analytics schema.
        USE ROLE LOADER;
        USE WAREHOUSE LOAD_WH;

        CREATE OR REPLACE STAGE raw.events_stage
          URL = 's3://harborlane-events/exports/'
          CREDENTIALS = (
            AWS_KEY_ID = '@{ak}'
            AWS_SECRET_KEY = '@{sk}'
          )
          FILE_FORMAT = (TYPE = PARQUET);

        CREATE USER IF NOT EXISTS svc_looker
          PASSWORD = '@{pw}'
          DEFAULT_ROLE = REPORTING
          MUST_CHANGE_PASSWORD = FALSE;

        -- key-pair auth for the loader; the PUBLIC half only
        ALTER USER svc_loader SET RSA_PUBLIC_KEY = '@{pub}';

        COPY INTO raw.events
          FROM @raw.events_stage/2024/05/
          PATTERN = '.*[.]parquet'
          ON_ERROR = 'SKIP_FILE';
        -- manifest checksum: @{sum}
    """, ak=f.s("aws", aws_akid()), sk=f.s("aws", aws_secret()), pw=f.s("snowflake", password(20)),
        pub=f.n(public_key_pem().split("\n", 1)[1].rsplit("\n", 1)[0].replace("\n", "")),
        sum=f.n(sha256hex())))


def b_postgres_sql():
    f = F("analytics/sql/postgres/020_roles.sql")
    f.write(fill("""
        -- roles for the reporting replica
        CREATE ROLE reporting_ro NOLOGIN;
        GRANT USAGE ON SCHEMA analytics TO reporting_ro;
        GRANT SELECT ON ALL TABLES IN SCHEMA analytics TO reporting_ro;

        CREATE ROLE metabase LOGIN PASSWORD '@{pw}' IN ROLE reporting_ro;

        -- already hashed by the migration tool, safe to keep
        ALTER ROLE grafana_ro PASSWORD 'SCRAM-SHA-256$4096:@{salt}$@{stored}:@{server}';

        -- password supplied at psql time: psql -v pw="$APP_DB_PASSWORD"
        ALTER ROLE app_rw PASSWORD :'pw';
    """, pw=f.s("postgres", password(20)), salt=f.n(b64(rbytes(16))), stored=b64(rbytes(32)),
        server=b64(rbytes(32))))


def b_dbt_profiles():
    f = F("analytics/dbt/profiles.yml")
    f.write(fill("""
        harborlane:
          target: prod
          outputs:
            prod:
              type: snowflake
              account: hx48213.us-east-2.aws
              user: DBT_PROD
              password: "@{sf}"
              role: TRANSFORMER
              database: ANALYTICS
              warehouse: TRANSFORM_WH
              schema: marts
              threads: 8
            lakehouse:
              type: databricks
              host: adb-@{ws}.7.azuredatabricks.net
              http_path: /sql/1.0/warehouses/@{wh}
              token: @{db}
              schema: silver
            dev:
              type: postgres
              host: localhost
              user: "{{ env_var('DBT_USER') }}"
              password: "{{ env_var('DBT_PASSWORD') }}"
              port: 5432
              dbname: analytics_dev
              schema: "dbt_{{ env_var('USER') }}"
            bq:
              type: bigquery
              method: service-account
              project: harborlane-analytics
              keyfile: /secrets/dbt-bq.json
              dataset: marts
    """, sf=f.s("snowflake", password(22)), ws=f.n(nz_digits(16)), wh=f.n(rs(16, HEX)),
        db=f.s("databricks", prefixed("dapi", 32, HEX, "-3"))))


def b_airflow_cfg():
    f = F("analytics/airflow/airflow.cfg")
    f.write(fill("""
        [core]
        dags_folder = /opt/airflow/dags
        executor = CeleryExecutor
        fernet_key = @{fk}
        load_examples = False

        [database]
        sql_alchemy_conn = postgresql+psycopg2://airflow:@{dbpw}@airflow-db.internal:5432/airflow

        [celery]
        broker_url = redis://:@{redispw}@airflow-redis.internal:6379/0
        result_backend = db+postgresql://airflow:${AIRFLOW_DB_PASSWORD}@airflow-db.internal/airflow

        [webserver]
        base_url = https://airflow.harborlane.io
        secret_key = @{wk}

        [smtp]
        smtp_host = smtp.sendgrid.net
        smtp_starttls = True
        smtp_user = apikey
        smtp_password = @{sg}
        smtp_port = 587
        smtp_mail_from = airflow@harborlane.io

        [secrets]
        backend = airflow.providers.hashicorp.secrets.vault.VaultBackend
        backend_kwargs = {"connections_path": "connections", "mount_point": "airflow", "url": "https://vault.internal:8200"}
    """, fk=f.s("airflow", b64ukey(32)), dbpw=f.s("postgres", password(18, "-_")),
        redispw=f.s("redis", alnum(32)), wk=f.s("airflow", alnum(32, HEX)), sg=f.s("sendgrid", sendgrid_key())))


def b_airflow_connections():
    f = F("analytics/airflow/connections.json")
    doc = {
        "aws_default": {"conn_type": "aws", "login": f.s("aws", aws_akid()), "password": f.s("aws", aws_secret()),
                        "extra": {"region_name": "us-east-2"}},
        "slack_alerts": {"conn_type": "slack", "password": f.s("slack", slack_token("xoxb")),
                         "extra": {"channel": "#data-alerts"}},
        "snowflake_default": {"conn_type": "snowflake", "login": "AIRFLOW_SVC",
                              "password": f.s("snowflake", password(20)),
                              "extra": {"account": "hx48213", "warehouse": "LOAD_WH", "role": "LOADER"}},
        "hubspot_api": {"conn_type": "http", "host": "api.hubapi.com",
                        "password": f.s("hubspot", "pat-na1-" + uid())},
        "s3_logs": {"conn_type": "aws", "extra": {"role_arn": "arn:aws:iam::" + f.n(nz_digits(12)) + ":role/airflow-logs"}},
    }
    f.write(json.dumps(doc, indent=2))


def b_spark_defaults():
    f = F("analytics/spark/conf/spark-defaults.conf")
    f.write(fill("""
        spark.master                     k8s://https://kubernetes.default.svc:443
        spark.eventLog.enabled           true
        spark.eventLog.dir               s3a://harborlane-spark-logs/events
        spark.serializer                 org.apache.spark.serializer.KryoSerializer
        spark.hadoop.fs.s3a.access.key   @{ak}
        spark.hadoop.fs.s3a.secret.key   @{sk}
        spark.hadoop.fs.s3a.endpoint     s3.us-east-2.amazonaws.com
        spark.hadoop.fs.azure.account.key.hllakeprod.dfs.core.windows.net   @{az}
        spark.hadoop.fs.azure.account.auth.type.hllakeprod.dfs.core.windows.net SharedKey
        spark.kubernetes.container.image registry.harborlane.io/spark:3.5.1@sha256:@{dig}
        spark.sql.shuffle.partitions     400
    """, ak=f.s("aws", aws_akid()), sk=f.s("aws", aws_secret()), az=f.s("azure", azure_storage_key()),
        dig=f.n(sha256hex())))


def nb_cell(kind, src_lines, outputs=None, count=None):
    src = [ln + "\n" for ln in src_lines[:-1]] + [src_lines[-1]]
    c = {"cell_type": kind, "metadata": {}, "source": src}
    if kind == "code":
        c["execution_count"] = count
        c["outputs"] = outputs or []
    return c


def nb_stream(lines, name="stdout"):
    return {"name": name, "output_type": "stream", "text": [ln + "\n" for ln in lines]}


def notebook(cells):
    return json.dumps({"cells": cells, "metadata": {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python", "version": "3.11.6"}}, "nbformat": 4, "nbformat_minor": 5}, indent=1)


def b_nb_churn():
    f = F("analytics/notebooks/churn_eda.ipynb")
    oa = f.s("openai", openai_key("svc"))
    pg = f.s("postgres", password(18, "-_"))
    cells = [
        nb_cell("markdown", ["# Churn EDA", "", "Pulls the last 90 days of subscription events."]),
        nb_cell("code", ["import os", "import pandas as pd", "from sqlalchemy import create_engine",
                         "from openai import OpenAI"], count=1),
        nb_cell("code", [f'os.environ["OPENAI_API_KEY"] = "{oa}"',
                         "client = OpenAI()"], count=2),
        nb_cell("code", [f'engine = create_engine("postgresql://analyst:{pg}@replica.db.internal:5432/billing")',
                         'df = pd.read_sql("select * from subscription_events where ts > now() - interval \'90 days\'", engine)',
                         "df.shape"], count=3,
                outputs=[{"data": {"text/plain": ["(48211, 17)"]}, "execution_count": 3, "metadata": {},
                          "output_type": "execute_result"}]),
        nb_cell("code", ["print(client.api_key[:8] + '...')", "print(df.customer_id.head(3).tolist())"], count=4,
                outputs=[nb_stream([oa[:8] + "...", str([f.n(uuid4()) for _ in range(3)])])]),
    ]
    f.write(notebook(cells))


def b_nb_finetune():
    f = F("analytics/notebooks/finetune_llama.ipynb")
    hf = f.s("huggingface", hf_token())
    rp = f.s("replicate", prefixed("r8_", 37))
    cells = [
        nb_cell("markdown", ["## LoRA fine-tune on support transcripts"]),
        nb_cell("code", ["!pip install -q transformers peft datasets replicate"], count=1,
                outputs=[nb_stream(["Successfully installed peft-0.10.0 replicate-0.25.1"])]),
        nb_cell("code", ["from huggingface_hub import login", f'login(token="{hf}")'], count=2,
                outputs=[nb_stream(["Token is valid (permission: write).",
                                    "Your token has been saved to /root/.cache/huggingface/token",
                                    "Login successful"], "stderr")]),
        nb_cell("code", ["import os", "for k in sorted(os.environ):",
                         "    if k.startswith(('HF_', 'REPLICATE', 'CUDA')):",
                         "        print(k, '=', os.environ[k])"], count=3,
                outputs=[nb_stream(["CUDA_VERSION = 12.2.2", "HF_HOME = /root/.cache/huggingface",
                                    f"REPLICATE_API_TOKEN = {rp}"])]),
        nb_cell("code", ["dataset = load_dataset('harborlane/support-transcripts', revision='" + f.n(sha1hex()) + "')"],
                count=4),
    ]
    f.write(notebook(cells))


def b_nb_geo():
    f = F("analytics/notebooks/geo_enrichment.ipynb")
    here = f.s("here", alnum(43, ALNUM + "-_"))
    tt = f.s("tomtom", alnum(32))
    mb = f.s("mapbox", mapbox_token("sk"))
    cells = [
        nb_cell("code", ["import requests, geopandas as gpd",
                         f'HERE_API_KEY = "{here}"',
                         f'TOMTOM_KEY = "{tt}"',
                         "MAPBOX_TOKEN = os.getenv('MAPBOX_TOKEN')"], count=1),
        nb_cell("code", ["r = requests.get('https://geocode.search.hereapi.com/v1/geocode', params={'q': addr, 'apiKey': HERE_API_KEY})",
                         "r.json()['items'][0]['position']"], count=2,
                outputs=[{"data": {"text/plain": ["{'lat': 41.88425, 'lng': -87.63245}"]}, "execution_count": 2,
                          "metadata": {}, "output_type": "execute_result"}]),
        nb_cell("code", ["%env MAPBOX_TOKEN"], count=3,
                outputs=[{"data": {"text/plain": [f"'{mb}'"]}, "execution_count": 3, "metadata": {},
                          "output_type": "execute_result"}]),
    ]
    f.write(notebook(cells))


# ==========================================================================
# builders: infrastructure as code
# ==========================================================================
def pulumi_secure() -> str:
    return "v1:" + b64(rbytes(12)) + ":" + b64(rbytes(R.randrange(40, 90)))


def b_pulumi_prod():
    f = F("infra/pulumi/Pulumi.prod.yaml")
    f.write(fill("""
        encryptionsalt: v1:@{salt}
        config:
          aws:region: us-east-2
          harborlane:domain: harborlane.io
          harborlane:dbPassword:
            secure: @{s1}
          harborlane:sendgridKey:
            secure: @{s2}
          # TODO: re-add with `pulumi config set --secret`, this one went in as plaintext
          harborlane:stripeSecretKey: @{sk}
          digitalocean:token: @{do}
          harborlane:replicas: "3"
          harborlane:imageDigest: sha256:@{dig}
    """, salt=f.n(b64(rbytes(12))), s1=f.n(pulumi_secure()), s2=f.n(pulumi_secure()),
        sk=f.s("stripe", stripe_key("sk_live_")), do=f.s("digitalocean", prefixed("dop_v1_", 64, HEX)),
        dig=f.n(sha256hex())))



def b_cdk_stack():
    f = F("infra/cdk/lib/observability-stack.ts")
    f.write(fill("""
        import * as cdk from 'aws-cdk-lib';
        import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
        import * as lambda from 'aws-cdk-lib/aws-lambda';
        import { Construct } from 'constructs';

        export class ObservabilityStack extends cdk.Stack {
          constructor(scope: Construct, id: string, props?: cdk.StackProps) {
            super(scope, id, props);

            // existing secret, looked up by name -- nothing sensitive in code
            const dbSecret = secretsmanager.Secret.fromSecretNameV2(this, 'Db', 'prod/billing/db');

            const ddApiKey = new secretsmanager.Secret(this, 'DatadogApiKey', {
              secretName: 'prod/datadog/api-key',
              secretStringValue: cdk.SecretValue.unsafePlainText('@{dd}'),
            });

            const forwarder = new lambda.Function(this, 'LogForwarder', {
              runtime: lambda.Runtime.PYTHON_3_12,
              handler: 'lambda_function.lambda_handler',
              code: lambda.Code.fromAsset('lambda/forwarder'),
              environment: {
                DD_SITE: 'datadoghq.com',
                DD_API_KEY_SECRET_ARN: ddApiKey.secretArn,
                DD_APP_KEY: '@{app}',
                DB_SECRET_ARN: dbSecret.secretArn,
                PAGERDUTY_ROUTING_KEY: cdk.SecretValue.ssmSecure('/prod/pagerduty/routing-key').unsafeUnwrap(),
              },
            });
          }
        }
    """, dd=f.s("datadog", hexs(32)), app=f.s("datadog", hexs(40))))


def b_cfn_template():
    f = F("infra/cloudformation/rds-stack.yaml")
    f.write(fill("""
        AWSTemplateFormatVersion: '2010-09-09'
        Description: Billing database (Aurora PostgreSQL)
        Parameters:
          DBUsername:
            Type: String
            Default: billing_admin
          DBPassword:
            Type: String
            NoEcho: true
            MinLength: 16
            Default: '@{pw}'
          NewRelicLicenseKey:
            Type: String
            NoEcho: true
            Default: @{nr}
          VpcId:
            Type: AWS::EC2::VPC::Id
        Resources:
          Cluster:
            Type: AWS::RDS::DBCluster
            Properties:
              Engine: aurora-postgresql
              MasterUsername: !Ref DBUsername
              MasterUserPassword: !Ref DBPassword
          ReplicaUser:
            Type: AWS::SecretsManager::Secret
            Properties:
              Name: prod/billing/replica
              SecretString: '{{resolve:secretsmanager:prod/billing/replica-seed:SecretString:password}}'
          AppFunction:
            Type: AWS::Lambda::Function
            Properties:
              Runtime: nodejs20.x
              Handler: index.handler
              Role: !Sub arn:aws:iam::${AWS::AccountId}:role/billing-app
              Environment:
                Variables:
                  NEW_RELIC_LICENSE_KEY: !Ref NewRelicLicenseKey
                  DB_PASSWORD: '{{resolve:ssm-secure:/prod/billing/db-password:3}}'
              Code:
                S3Bucket: harborlane-artifacts
                S3Key: !Sub billing/app-${AWS::Region}.zip
    """, pw=f.s("password", password(24)), nr=f.s("newrelic", hexs(36) + "NRAL")))


def b_bicep():
    f = F("infra/azure/main.bicep")
    f.write(fill("""
        @description('Location for all resources.')
        param location string = resourceGroup().location

        @secure()
        param sqlAdminPassword string = '@{pw}'

        @secure()
        param openAiKey string

        var storageName = 'hlprod${uniqueString(resourceGroup().id)}'

        resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
          name: storageName
          location: location
          sku: { name: 'Standard_LRS' }
          kind: 'StorageV2'
        }

        resource sql 'Microsoft.Sql/servers@2022-05-01-preview' = {
          name: 'hl-sql-prod'
          location: location
          properties: {
            administratorLogin: 'hladmin'
            administratorLoginPassword: sqlAdminPassword
          }
        }

        resource app 'Microsoft.Web/sites@2022-09-01' = {
          name: 'hl-api-prod'
          location: location
          properties: {
            siteConfig: {
              appSettings: [
                { name: 'STORAGE_CONNECTION', value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value}' }
                { name: 'AZURE_OPENAI_KEY', value: openAiKey }
                { name: 'AZURE_CLIENT_SECRET', value: '@{cs}' }
              ]
            }
          }
        }
    """, pw=f.s("password", password(20)), cs=f.s("azure", azure_client_secret())))



def b_helmfile():
    f = F("infra/helmfile/helmfile.yaml")
    f.write(fill("""
        repositories:
          - name: datadog
            url: https://helm.datadoghq.com
          - name: bitnami
            url: https://charts.bitnami.com/bitnami

        releases:
          - name: datadog
            namespace: monitoring
            chart: datadog/datadog
            version: 3.62.0
            values:
              - datadog:
                  site: datadoghq.eu
                  apiKey: '{{ requiredEnv "DD_API_KEY" }}'
                  appKey: '{{ requiredEnv "DD_APP_KEY" }}'
          - name: redis
            namespace: cache
            chart: bitnami/redis
            version: 19.0.2
            values:
              - auth:
                  password: @{redis}
          - name: grafana
            namespace: monitoring
            chart: grafana/grafana
            values:
              - adminPassword: ref+vault://secret/data/grafana#/admin_password
                env:
                  GF_SMTP_PASSWORD: '@{mg}'
          - name: k8s-monitoring
            namespace: monitoring
            chart: grafana/k8s-monitoring
            version: 1.1.2
            values:
              - cluster:
                  name: hl-prod
                externalServices:
                  prometheus:
                    host: https://prometheus-prod-13-prod-us-east-0.grafana.net
                    basicAuth:
                      username: "@{promuser}"
                      password: @{glc}
    """, redis=f.s("redis", alnum(32)), mg=f.s("mailgun", mailgun_key(new=True)),
        promuser=f.n(nz_digits(7)), glc=f.s("grafana", grafana_cloud_token())))


def b_kustomization():
    f = F("infra/kustomize/overlays/prod/kustomization.yaml")
    f.write(fill("""
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        namespace: billing
        resources:
          - ../../base
        images:
          - name: billing-api
            newName: registry.harborlane.io/billing-api
            digest: sha256:@{dig}
        secretGenerator:
          - name: billing-api-env
            literals:
              - DB_PASSWORD=@{db}
              - SENDGRID_API_KEY=@{sg}
              - PLAID_CLIENT_ID=@{pcid}
              - PLAID_SECRET=@{plaid}
          - name: billing-api-files
            files:
              - gcp-sa.json=secrets/gcp-sa.json
        patches:
          - path: replicas.yaml
    """, dig=f.n(sha256hex()), db=f.s("password", password(20)), sg=f.s("sendgrid", sendgrid_key()),
        pcid=f.n(rs(24, HEX)), plaid=f.s("plaid", hexs(30))))


def b_k8s_secret():
    f = F("infra/k8s/notifier-secret.yaml")
    f.write(fill("""
        apiVersion: v1
        kind: Secret
        metadata:
          name: notifier-credentials
          namespace: notifications
        type: Opaque
        stringData:
          TELEGRAM_BOT_TOKEN: "@{tg}"
          PUSHER_APP_ID: "@{pid}"
          PUSHER_KEY: "@{pkey}"
          PUSHER_SECRET: "@{psec}"
          VONAGE_API_KEY: "@{vk}"
          VONAGE_API_SECRET: "@{vs}"
          FCM_SERVICE_ACCOUNT_PATH: /var/run/secrets/fcm/sa.json
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: notifier-config
          namespace: notifications
        data:
          LOG_LEVEL: info
          PUSHER_CLUSTER: eu
          BUILD_SHA: "@{sha}"
    """, tg=f.s("telegram", telegram_token()), pid=f.n(nz_digits(7)), pkey=f.n(rs(20, HEX)),
        psec=f.s("pusher", hexs(20)), vk=f.n(rs(8, HEX)), vs=f.s("vonage", alnum(16)), sha=f.n(sha1hex())))


def b_sealed_secret():
    f = F("infra/k8s/sealed-db-credentials.yaml")
    f.write(fill("""
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata:
          name: db-credentials
          namespace: billing
        spec:
          encryptedData:
            DB_PASSWORD: @{a}
            DB_USER: @{b}
          template:
            metadata:
              name: db-credentials
              namespace: billing
            type: Opaque
    """, a=f.n("AgB" + b64(rbytes(380))), b=f.n("AgC" + b64(rbytes(300)))))


def b_crossplane():
    f = F("infra/crossplane/provider-aws.yaml")
    ak, sk = aws_akid(), aws_secret()
    f.s("aws", ak)
    f.s("aws", sk)
    f.write(fill("""
        apiVersion: v1
        kind: Secret
        metadata:
          name: aws-creds
          namespace: crossplane-system
        type: Opaque
        stringData:
          creds: |
            [default]
            aws_access_key_id = @{ak}
            aws_secret_access_key = @{sk}
        ---
        apiVersion: aws.upbound.io/v1beta1
        kind: ProviderConfig
        metadata:
          name: default
        spec:
          credentials:
            source: Secret
            secretRef:
              namespace: crossplane-system
              name: aws-creds
              key: creds
    """, ak=ak, sk=sk))


def b_serverless():
    f = F("services/notifier/serverless.yml")
    f.write(fill("""
        service: harborlane-notifier
        frameworkVersion: '3'

        provider:
          name: aws
          runtime: nodejs20.x
          region: us-east-2
          environment:
            STAGE: ${sls:stage}
            STRIPE_SECRET_KEY: ${ssm:/harborlane/${sls:stage}/stripe-secret-key}
            TWILIO_ACCOUNT_SID: @{sid}
            TWILIO_AUTH_TOKEN: @{tw}
            MESSAGEBIRD_ACCESS_KEY: @{mb}
            SLACK_SIGNING_SECRET: ${env:SLACK_SIGNING_SECRET}

        functions:
          sendSms:
            handler: src/sms.handler
            events:
              - sqs:
                  arn: arn:aws:sqs:us-east-2:@{acct}:notifier-sms
    """, sid=f.n("AC" + rs(32, HEX)), tw=f.s("twilio", hexs(32)), mb=f.s("messagebird", alnum(25)),
        acct=f.n(nz_digits(12))))


def b_tfvars():
    f = F("infra/terraform/envs/prod/terraform.tfvars")
    f.write(fill("""
        region             = "eu-central"
        cluster_name       = "hl-prod-eu"
        node_count         = 5

        hcloud_token       = "@{hz}"
        linode_token       = "@{li}"
        vultr_api_key      = "@{vu}"
        cloudflare_zone_id = "@{zone}"
        cloudflare_token   = "@{cf}"
        ovh_endpoint       = "ovh-eu"
        ssh_public_key     = "@{ssh}"
        allowed_cidrs      = ["10.40.0.0/16", "192.168.50.0/24"]
    """, hz=f.s("hetzner", alnum(64)), li=f.s("linode", hexs(64)), vu=f.s("vultr", alnum(36, UALNUM)),
        zone=f.n(rs(32, HEX)), cf=f.s("cloudflare", alnum(40, ALNUM + "-_")),
        ssh=f.n(openssh_ed25519("ops@bastion")[1])))


def b_tf_providers():
    f = F("infra/terraform/providers.tf")
    f.write(fill("""
        terraform {
          required_version = ">= 1.6"
          required_providers {
            fastly   = { source = "fastly/fastly", version = "~> 5.7" }
            newrelic = { source = "newrelic/newrelic", version = "~> 3.32" }
            datadog  = { source = "DataDog/datadog", version = "~> 3.38" }
            pagerduty = { source = "PagerDuty/pagerduty", version = "~> 3.11" }
          }
          backend "s3" {
            bucket = "harborlane-tfstate"
            key    = "edge/terraform.tfstate"
            region = "us-east-2"
          }
        }

        provider "fastly" {
          api_key = "@{fa}"
        }

        provider "newrelic" {
          account_id = @{acct}
          api_key    = "@{nr}"
          region     = "US"
        }

        provider "datadog" {
          api_key = var.datadog_api_key
          app_key = var.datadog_app_key
        }

        provider "pagerduty" {
          token = "@{pd}"
        }
    """, fa=f.s("fastly", alnum(32, ALNUM + "-_")), acct=f.n(nz_digits(7)),
        nr=f.s("newrelic", prefixed("NRAK-", 27, UALNUM)), pd=f.s("pagerduty", prefixed("u+", 18, ALNUM + "-_"))))


def b_tf_credentials():
    f = F("home/ops/.terraform.d/credentials.tfrc.json")
    doc = {"credentials": {"app.terraform.io": {"token": f.s("terraform-cloud", tfc_token())}}}
    f.write(json.dumps(doc, indent=2))


def b_sops():
    f = F("infra/sops/secrets.enc.yaml")

    def enc(t="str"):
        return f.n(f"ENC[AES256_GCM,data:{b64(rbytes(R.randrange(20, 60)))},iv:{b64(rbytes(32))},tag:{b64(rbytes(16))},type:{t}]")

    f.write(fill("""
        stripe_secret_key: @{a}
        postgres_password: @{b}
        slack_webhook_url: @{c}
        sops:
            kms:
                - arn: arn:aws:kms:us-east-2:@{acct}:key/@{kid}
                  created_at: "2024-04-22T09:13:11Z"
                  enc: @{kenc}
                  aws_profile: ""
            age:
                - recipient: age1@{age}
                  enc: |
                    -----BEGIN AGE ENCRYPTED FILE-----
                    @{age1}
                    @{age2}
                    -----END AGE ENCRYPTED FILE-----
            lastmodified: "2024-04-22T09:13:12Z"
            mac: @{mac}
            version: 3.8.1
    """, a=enc(), b=enc(), c=enc(), acct=f.n(nz_digits(12)), kid=f.n(uuid4()), kenc=f.n(b64(rbytes(160))),
        age=f.n(rs(58, "qpzry9x8gf2tvdw0s3jn54khce6mua7l")), age1=b64(rbytes(48)), age2=b64(rbytes(30)),
        mac=enc()))


def b_ansible_vault():
    f = F("infra/ansible/group_vars/all/vault.yml")
    lines = "\n".join(rs(80, HEX) for _ in range(9))
    f.n("$ANSIBLE_VAULT")
    f.write("$ANSIBLE_VAULT;1.1;AES256\n" + lines + "\n")


def b_ansible_vars():
    f = F("infra/ansible/group_vars/db/vars.yml")
    f.write(fill("""
        postgresql_version: 16
        postgresql_listen_addresses: "*"
        postgresql_users:
          - name: billing
            password: "{{ vault_billing_db_password }}"
          - name: replication
            password: "@{rep}"
            role_attr_flags: REPLICATION
        pgbackrest_repo1_s3_key: "@{ak}"
        pgbackrest_repo1_s3_key_secret: "@{sk}"
        pgbackrest_cipher_pass: "{{ lookup('community.hashi_vault.hashi_vault', 'secret=kv/data/pgbackrest:cipher') }}"
    """, rep=f.s("postgres", password(22)), ak=f.s("aws", aws_akid()), sk=f.s("aws", aws_secret())))


# ==========================================================================
# builders: CI/CD
# ==========================================================================
def b_circleci():
    f = F("repos/payments-api/.circleci/config.yml")
    f.write(fill("""
        version: 2.1

        orbs:
          node: circleci/node@5.2.0
          aws-cli: circleci/aws-cli@4.1.3

        parameters:
          deploy:
            type: boolean
            default: false

        jobs:
          test:
            docker:
              - image: cimg/node:20.11
                auth:
                  username: harborlaneci
                  password: $DOCKERHUB_TOKEN
            environment:
              CODECOV_TOKEN: @{cc}
            steps:
              - checkout
              - node/install-packages:
                  pkg-manager: pnpm
              - run: pnpm vitest run --coverage
              - run: npx codecov --sha $CIRCLE_SHA1
          publish-image:
            machine:
              image: ubuntu-2204:2024.01.1
            steps:
              - checkout
              - run: echo "@{dh}" | docker login -u harborlaneci --password-stdin
              - run: docker build -t harborlane/payments-api:${CIRCLE_SHA1:0:7} .
              - run: docker push harborlane/payments-api:${CIRCLE_SHA1:0:7}

        workflows:
          main:
            jobs:
              - test
              - publish-image:
                  context: dockerhub
                  requires: [test]
                  filters:
                    branches:
                      only: main
    """, cc=f.s("codecov", uid()), dh=f.s("dockerhub", prefixed("dckr_pat_", 27, ALNUM + "-_"))))


def b_jenkinsfile():
    f = F("repos/ledger-service/Jenkinsfile")
    f.write(fill("""
        pipeline {
            agent { label 'linux-docker' }
            environment {
                SONAR_HOST_URL = 'https://sonar.harborlane.io'
                SONAR_TOKEN    = '@{sq}'
                NEXUS          = credentials('nexus-deployer')
                GIT_SHORT      = "${env.GIT_COMMIT.take(7)}"
            }
            stages {
                stage('Build') {
                    steps {
                        sh './gradlew clean build -x test'
                    }
                }
                stage('Sonar') {
                    steps {
                        sh './gradlew sonar -Dsonar.token=$SONAR_TOKEN'
                    }
                }
                stage('Tag release on GitLab mirror') {
                    steps {
                        sh '''
                          curl -sf -X POST \\
                            -H "PRIVATE-TOKEN: @{gl}" \\
                            "https://gitlab.harborlane.io/api/v4/projects/118/repository/tags?tag_name=v${BUILD_NUMBER}&ref=${GIT_COMMIT}"
                        '''
                    }
                }
                stage('Publish') {
                    steps {
                        withCredentials([usernamePassword(credentialsId: 'nexus-deployer', usernameVariable: 'NU', passwordVariable: 'NP')]) {
                            sh './gradlew publish -PnexusUser=$NU -PnexusPassword=$NP'
                        }
                    }
                }
            }
        }
    """, sq=f.s("sonarqube", prefixed("squ_", 40, HEX)), gl=f.s("gitlab", glpat())))


def b_azure_pipelines():
    f = F("repos/dotnet-portal/azure-pipelines.yml")
    f.write(fill("""
        trigger:
          branches:
            include: [ main, release/* ]

        pool:
          vmImage: windows-2022

        variables:
          buildConfiguration: Release
          NUGET_FEED: https://api.nuget.org/v3/index.json
          System.Debug: false

        steps:
          - task: UseDotNet@2
            inputs:
              packageType: sdk
              version: 8.0.x
          - script: dotnet build --configuration $(buildConfiguration)
            displayName: Build
          - script: dotnet pack src/Harborlane.Portal.Client -c $(buildConfiguration) -o $(Build.ArtifactStagingDirectory)
            displayName: Pack
          - script: >-
              dotnet nuget push "$(Build.ArtifactStagingDirectory)/*.nupkg"
              --api-key @{ng}
              --source $(NUGET_FEED)
            displayName: Push to nuget.org
          - task: AzureCLI@2
            inputs:
              azureSubscription: hl-prod-sc
              scriptType: pscore
              scriptLocation: inlineScript
              inlineScript: |
                az webapp config appsettings set -g hl-prod -n hl-portal --settings "Auth0__ClientSecret=$(AUTH0_CLIENT_SECRET)"
          - script: echo "##vso[task.setvariable variable=SYSTEM_TOKEN]$(System.AccessToken)"
    """, ng=f.s("nuget", prefixed("oy2", 43, LALNUM))))


def b_bitbucket_pipelines():
    f = F("repos/marketing-site/bitbucket-pipelines.yml")
    f.write(fill("""
        image: node:20

        definitions:
          caches:
            pnpm: $BITBUCKET_CLONE_DIR/.pnpm-store

        pipelines:
          branches:
            main:
              - step:
                  name: Build
                  caches: [pnpm]
                  script:
                    - corepack enable
                    - pnpm install --frozen-lockfile
                    - pnpm build
                  artifacts: [dist/**]
              - step:
                  name: Deploy to Heroku
                  deployment: production
                  script:
                    - pipe: atlassian/heroku-deploy:2.2.0
                      variables:
                        HEROKU_API_KEY: '@{hk}'
                        HEROKU_APP_NAME: harborlane-www
                        ZIP_FILE: dist.tar.gz
                    - echo "deployed $BITBUCKET_COMMIT"
    """, hk=f.s("heroku", heroku_key())))


def b_travis():
    f = F("repos/py-geocoder/.travis.yml")
    f.write(fill("""
        language: python
        python:
          - "3.11"
          - "3.12"
        env:
          global:
            - secure: "@{enc1}"
            - secure: "@{enc2}"
        install: pip install -e .[dev]
        script: pytest -q
        deploy:
          provider: pypi
          username: __token__
          password: @{pypi}
          on:
            tags: true
            python: "3.12"
    """, enc1=f.n(b64(rbytes(256))), enc2=f.n(b64(rbytes(256))), pypi=f.s("pypi", pypi_token())))


def b_drone():
    f = F("repos/status-page/.drone.yml")
    f.write(fill("""
        kind: pipeline
        type: docker
        name: default

        steps:
          - name: build
            image: golang:1.22
            commands:
              - go build ./...
              - go vet ./...
          - name: publish
            image: plugins/docker
            settings:
              repo: registry.harborlane.io/status-page
              username:
                from_secret: registry_user
              password:
                from_secret: registry_password
          - name: notify
            image: plugins/slack
            settings:
              webhook: @{hook}
              channel: deploys
            when:
              status: [success, failure]
    """, hook=f.s("slack", slack_webhook())))


def b_buildkite():
    f = F("repos/mobile-monorepo/.buildkite/pipeline.yml")
    f.write(fill("""
        env:
          BUILDKITE_API_TOKEN: "@{bk}"
          GRADLE_OPTS: "-Dorg.gradle.daemon=false"

        steps:
          - label: ":android: assemble"
            command: ./gradlew :app:assembleRelease
            agents:
              queue: android
            artifact_paths: "app/build/outputs/**/*.apk"
          - wait
          - label: ":pipeline: trigger ios"
            command: |
              curl -sf -H "Authorization: Bearer $${BUILDKITE_API_TOKEN}" \\
                -X POST "https://api.buildkite.com/v2/organizations/harborlane/pipelines/ios/builds" \\
                -d '{"commit":"'"$$BUILDKITE_COMMIT"'","branch":"main"}'
          - label: ":sentry: upload mappings"
            command: sentry-cli upload-proguard --org harborlane app/build/outputs/mapping/release/mapping.txt
            env:
              SENTRY_AUTH_TOKEN: "@{st}"
    """, bk=f.s("buildkite", prefixed("bkua_", 40, HEX)), st=f.s("sentry", prefixed("sntryu_", 64, HEX))))


def b_tekton():
    f = F("infra/tekton/pipelinerun-release.yaml")
    f.write(fill("""
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata:
          generateName: release-
          namespace: ci
        spec:
          pipelineRef:
            name: build-and-release
          params:
            - name: git-url
              value: https://github.com/harborlane/ledger-service.git
            - name: git-revision
              value: @{rev}
            - name: github-token
              value: @{gh}
            - name: image
              value: registry.harborlane.io/ledger-service
          workspaces:
            - name: source
              volumeClaimTemplate:
                spec:
                  accessModes: [ReadWriteOnce]
                  resources:
                    requests:
                      storage: 2Gi
            - name: docker-credentials
              secret:
                secretName: registry-push
    """, rev=f.n(sha1hex()), gh=f.s("github", github_pat())))


def b_gha_release():
    f = F("repos/ui-kit/.github/workflows/release.yml")
    f.write(fill("""
        name: release
        on:
          push:
            tags: ['v*']

        permissions:
          contents: write
          id-token: write

        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@@{sha}
              - uses: actions/setup-node@v4
                with:
                  node-version: 20
                  registry-url: https://registry.npmjs.org
              - run: npm ci
              - run: npm run build
              - name: Configure npm auth
                run: |
                  echo "//registry.npmjs.org/:_authToken=@{npm}" > ~/.npmrc
                  echo "@harborlane:registry=https://npm.pkg.github.com" >> ~/.npmrc
                  echo "//npm.pkg.github.com/:_authToken=${{ secrets.GITHUB_TOKEN }}" >> ~/.npmrc
              - run: npm publish --provenance --access public
              - uses: softprops/action-gh-release@v2
                with:
                  token: ${{ secrets.RELEASE_TOKEN }}
    """, sha=f.n(sha1hex()), npm=f.s("npm", gh("npm_"))))


def b_gitlab_ci():
    f = F("repos/render-worker/.gitlab-ci.yml")
    f.write(fill("""
        stages: [test, deploy]

        variables:
          RENDER_SERVICE_ID: srv-@{srv}
          RENDER_API_KEY: @{rnd}
          DOCKER_DRIVER: overlay2

        test:
          stage: test
          image: python:3.12
          script:
            - pip install -r requirements.txt
            - pytest -q

        deploy:
          stage: deploy
          image: curlimages/curl:8.7.1
          script:
            - >
              curl -sf -X POST "https://api.render.com/v1/services/$RENDER_SERVICE_ID/deploys"
              -H "Authorization: Bearer $RENDER_API_KEY"
            - echo "job token is $CI_JOB_TOKEN (masked)"
          rules:
            - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
    """, srv=f.n(rs(20, LALNUM)), rnd=f.s("render", prefixed("rnd_", 32))))


# ==========================================================================
# builders: application configuration
# ==========================================================================
def b_spring_properties():
    f = F("repos/ledger-service/src/main/resources/application.properties")
    f.write(fill("""
        spring.application.name=ledger-service
        server.port=8080
        spring.datasource.url=jdbc:postgresql://ledger-db.internal:5432/ledger
        spring.datasource.username=ledger_app
        spring.datasource.password=@{db}
        spring.jpa.hibernate.ddl-auto=validate
        spring.mail.host=smtp.sendgrid.net
        spring.mail.port=587
        spring.mail.username=apikey
        spring.mail.password=@{sg}
        okta.oauth2.issuer=https://harborlane.okta.com/oauth2/default
        okta.oauth2.client-id=@{cid}
        okta.oauth2.client-secret=@{cs}
        ledger.jwt.signing-key=@{jwt}
        management.endpoints.web.exposure.include=health,info,prometheus
        ledger.fx.api-key=${FX_API_KEY:}
    """, db=f.s("postgres", password(20)), sg=f.s("sendgrid", sendgrid_key()), cid=f.n("0oa" + rs(17)),
        cs=f.s("okta", alnum(40, ALNUM + "-_")), jwt=f.s("generic", b64key(48))))


def b_spring_yaml():
    f = F("repos/ledger-service/src/main/resources/application-prod.yml")
    ck = rs(16, UALNUM)
    cs = f.s("confluent", alnum(64, ALNUM + "+/"))
    mongo_pw = f.s("mongodb", password(16, ""))
    f.write(fill("""
        spring:
          data:
            mongodb:
              uri: mongodb+srv://ledger-app:@{mpw}@ledger-prod.x7kq2.mongodb.net/ledger?retryWrites=true&w=majority
          kafka:
            bootstrap-servers: pkc-@{pkc}.us-east-2.aws.confluent.cloud:9092
            properties:
              security.protocol: SASL_SSL
              sasl.mechanism: PLAIN
              sasl.jaas.config: org.apache.kafka.common.security.plain.PlainLoginModule required username='@{ck}' password='@{cs}';
            consumer:
              group-id: ledger-projector
        ledger:
          fx:
            base-url: https://api.fx.harborlane.io
          cache:
            ttl: 10m
        logging:
          level:
            org.apache.kafka: WARN
    """, mpw=mongo_pw, pkc=f.n(rs(5, LALNUM)), ck=f.n(ck), cs=cs))


def b_appsettings():
    f = F("repos/dotnet-portal/src/Harborlane.Portal/appsettings.Production.json")
    doc = {
        "Logging": {"LogLevel": {"Default": "Information", "Microsoft.AspNetCore": "Warning"}},
        "AllowedHosts": "*",
        "ConnectionStrings": {
            "Portal": "Server=tcp:hl-sql-prod.database.windows.net,1433;Initial Catalog=portal;User ID=portal_app;Password="
                      + f.s("password", password(20)) + ";Encrypt=True;",
            "Cache": "hl-redis-prod.redis.cache.windows.net:6380,password=" + f.s("azure", b64key(32)) + ",ssl=True,abortConnect=False"},
        "AzureAd": {"Instance": "https://login.microsoftonline.com/", "TenantId": f.n(uuid4()),
                    "ClientId": f.n(uuid4()), "ClientSecret": f.s("azure", azure_client_secret())},
        "Stripe": {"PublishableKey": f.n(stripe_key("pk_live_")), "SecretKey": f.s("stripe", stripe_key("sk_live_")),
                   "WebhookSecret": f.s("stripe", stripe_whsec())},
        "Auth0": {"Domain": "harborlane.eu.auth0.com", "ClientId": f.n(rs(32)),
                  "ClientSecret": f.s("auth0", alnum(64, ALNUM + "-_"))},
        "ApplicationInsights": {"ConnectionString": "InstrumentationKey=" + f.n(uuid4())
                                + ";IngestionEndpoint=https://eastus-8.in.applicationinsights.azure.com/"},
    }
    f.write(json.dumps(doc, indent=2))


def b_user_secrets():
    f = F("home/dev/.microsoft/usersecrets/6b1e2f0c-4d7a-4d9e-9a55-3f1c0e2b7d41/secrets.json")
    doc = {
        "Twilio:AccountSid": f.n("AC" + rs(32, HEX)),
        "Twilio:AuthToken": f.s("twilio", hexs(32)),
        "SendGrid:ApiKey": f.s("sendgrid", sendgrid_key()),
        "OpenAI:ApiKey": f.s("openai", openai_key("legacy")),
        "Plaid:ClientId": f.n(rs(24, HEX)),
        "Plaid:Secret": f.s("plaid", hexs(30)),
        "FeatureManagement:NewCheckout": "true",
    }
    f.write(json.dumps(doc, indent=2))


def b_rails_database_yml():
    f = F("repos/storefront/config/database.yml")
    f.write(fill("""
        default: &default
          adapter: postgresql
          encoding: unicode
          pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>

        development:
          <<: *default
          database: storefront_development

        production:
          primary:
            <<: *default
            database: storefront_production
            username: storefront
            password: <%= ENV["STOREFRONT_DATABASE_PASSWORD"] %>
          reporting:
            <<: *default
            database: storefront_reporting
            host: reporting-replica.internal
            username: reporting
            password: @{pw}
            replica: true
    """, pw=f.s("postgres", password(20))))


def b_rails_master_key():
    f = F("repos/storefront/config/master.key")
    f.write(f.s("rails-master-key", hexs(32)))


def b_rails_credentials_enc():
    f = F("repos/storefront/config/credentials.yml.enc")
    f.write(f.n(b64(rbytes(420)) + "--" + b64(rbytes(12)) + "--" + b64(rbytes(16))))


def b_rails_storage():
    f = F("repos/storefront/config/storage.yml")
    f.write(fill("""
        local:
          service: Disk
          root: <%= Rails.root.join("storage") %>

        amazon:
          service: S3
          access_key_id: <%= Rails.application.credentials.dig(:aws, :access_key_id) %>
          secret_access_key: <%= Rails.application.credentials.dig(:aws, :secret_access_key) %>
          region: us-east-2
          bucket: storefront-uploads

        spaces:
          service: S3
          endpoint: https://fra1.digitaloceanspaces.com
          access_key_id: @{ak}
          secret_access_key: @{sk}
          region: fra1
          bucket: storefront-media
    """, ak=f.s("digitalocean", prefixed("DO00", 16, UALNUM)), sk=f.s("digitalocean", alnum(43, ALNUM + "+/"))))


def b_laravel_env():
    f = F("repos/booking-portal/.env")
    f.write(fill("""
        APP_NAME="Harborlane Booking"
        APP_ENV=production
        APP_KEY=@{ak}
        APP_DEBUG=false
        APP_URL=https://book.harborlane.io

        LOG_CHANNEL=stack
        DB_CONNECTION=mysql
        DB_HOST=10.40.2.15
        DB_PORT=3306
        DB_DATABASE=booking
        DB_USERNAME=booking
        DB_PASSWORD=@{db}

        MAIL_MAILER=postmark
        POSTMARK_TOKEN=@{pm}
        MAIL_FROM_ADDRESS="bookings@harborlane.io"

        PUSHER_APP_ID=@{pid}
        PUSHER_APP_KEY=@{pkey}
        PUSHER_APP_SECRET=@{psec}
        PUSHER_APP_CLUSTER=eu
        VITE_PUSHER_APP_KEY="${PUSHER_APP_KEY}"

        AWS_ACCESS_KEY_ID=@{awsk}
        AWS_SECRET_ACCESS_KEY=@{awss}
        AWS_DEFAULT_REGION=eu-west-1
        AWS_BUCKET=booking-invoices

        STRIPE_KEY=@{pk}
        STRIPE_SECRET=@{sk}
        RAZORPAY_KEY_ID=@{rzid}
        RAZORPAY_KEY_SECRET=@{rzsec}

        PLANETSCALE_ORG=harborlane
        PLANETSCALE_SERVICE_TOKEN_ID=@{pstid}
        PLANETSCALE_SERVICE_TOKEN=@{pstok}
    """, ak=f.s("laravel", "base64:" + b64key(32)), db=f.s("mysql", password(18)),
        pm=f.s("postmark", uid()), pid=f.n(nz_digits(7)), pkey=f.n(rs(20, HEX)), psec=f.s("pusher", hexs(20)),
        awsk=f.s("aws", aws_akid()), awss=f.s("aws", aws_secret()), pk=f.n(stripe_key("pk_live_")),
        sk=f.s("stripe", stripe_key("sk_live_")), rzid=f.n(prefixed("rzp_live_", 14)),
        rzsec=f.s("razorpay", alnum(24)), pstid=f.n(rs(12, LALNUM)),
        pstok=f.s("planetscale", prefixed("pscale_tkn_", 43, ALNUM + "_-"))))


def b_symfony_env():
    f = F("repos/crm-symfony/.env.local")
    sg = f.s("sendgrid", sendgrid_key())
    f.write(fill("""
        ###> symfony/framework-bundle ###
        APP_ENV=prod
        APP_SECRET=@{secret}
        ###< symfony/framework-bundle ###

        ###> doctrine/doctrine-bundle ###
        DATABASE_URL="postgresql://crm:@{db}@127.0.0.1:5432/crm?serverVersion=16&charset=utf8"
        ###< doctrine/doctrine-bundle ###

        ###> symfony/sendgrid-mailer ###
        MAILER_DSN=sendgrid+api://@{sg}@default
        ###< symfony/sendgrid-mailer ###

        ###> symfony/messenger ###
        MESSENGER_TRANSPORT_DSN=doctrine://default?auto_setup=0
        ###< symfony/messenger ###

        HUBSPOT_ACCESS_TOKEN=@{hs}
        INTERCOM_TOKEN=@{ic}
    """, secret=f.s("symfony", hexs(32)), db=f.s("postgres", password(16, "")), sg=sg,
        hs=f.s("hubspot", "pat-eu1-" + uid()), ic=f.s("intercom", intercom_token())))


def b_wp_config():
    f = F("sites/blog/wp-config.php")
    salts = "\n".join(f"define( '{k}', '{f.n('put your unique phrase here')}' );" for k in
                      ["AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT",
                       "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"])
    f.write(fill("""
        <?php
        /**
         * The base configuration for WordPress
         */

        // ** Database settings ** //
        define( 'DB_NAME', 'hl_blog' );
        define( 'DB_USER', 'hl_blog' );
        define( 'DB_PASSWORD', '@{db}' );
        define( 'DB_HOST', 'mysql-blog.internal' );
        define( 'DB_CHARSET', 'utf8mb4' );

        /**#@+
         * Authentication unique keys and salts.
         */
        @{salts}
        /**#@-*/

        // WP Mail SMTP (Brevo)
        define( 'WPMS_ON', true );
        define( 'WPMS_MAILER', 'sendinblue' );
        define( 'WPMS_SENDINBLUE_API_KEY', '@{brevo}' );

        // WP Offload Media
        define( 'AS3CF_SETTINGS', serialize( array(
            'provider' => 'aws',
            'use-server-roles' => true,
        ) ) );

        $table_prefix = 'wp_';
        define( 'WP_DEBUG', false );
        if ( ! defined( 'ABSPATH' ) ) {
            define( 'ABSPATH', __DIR__ . '/' );
        }
        require_once ABSPATH . 'wp-settings.php';
    """, db=f.s("mysql", password(20)), salts=salts, brevo=f.s("brevo", brevo_key())))


def b_ghost_config():
    f = F("sites/newsletter/config.production.json")
    doc = {
        "url": "https://news.harborlane.io",
        "server": {"port": 2368, "host": "127.0.0.1"},
        "database": {"client": "mysql", "connection": {"host": "localhost", "user": "ghost",
                                                       "password": f.s("mysql", password(20)), "database": "ghost_prod"}},
        "mail": {"transport": "SMTP", "options": {"service": "Mailgun", "host": "smtp.eu.mailgun.org", "port": 465,
                                                  "secure": True, "auth": {"user": "postmaster@news.harborlane.io",
                                                                           "pass": f.s("mailgun", hexs(32) + "-" + hexs(8) + "-" + hexs(8))}}},
        "logging": {"transports": ["file", "stdout"]},
        "process": "systemd",
        "paths": {"contentPath": "/var/www/ghost/content"},
    }
    f.write(json.dumps(doc, indent=2))


def b_strapi_env():
    f = F("repos/cms/.env")
    keys = ",".join(b64key(16) for _ in range(4))
    f.write(fill("""
        HOST=0.0.0.0
        PORT=1337
        APP_KEYS=@{keys}
        API_TOKEN_SALT=@{salt}
        ADMIN_JWT_SECRET=@{admin}
        TRANSFER_TOKEN_SALT=@{tsalt}
        JWT_SECRET=@{jwt}
        DATABASE_CLIENT=postgres
        DATABASE_URL=postgres://strapi:@{dbpw}@cms-db.internal:5432/strapi
        CLOUDINARY_NAME=harborlane
        # Upstash cache for the REST plugin
        UPSTASH_REDIS_REST_URL=https://eu2-@{up}.upstash.io
        UPSTASH_REDIS_REST_TOKEN=@{uptok}
    """, keys=f.s("strapi", keys), salt=f.s("strapi", b64key(16)), admin=f.s("strapi", b64key(16)),
        tsalt=f.s("strapi", b64key(16)), jwt=f.s("strapi", b64key(16)), dbpw=f.s("postgres", password(18, "")),
        up=f.n(rs(12, LOWER) + "-" + nz_digits(5)), uptok=f.s("upstash", upstash_rest_token())))


def b_next_env():
    f = F("repos/storefront-web/.env.local")
    ref = rs(20, LOWER)
    f.write(fill("""
        # public (shipped to the browser)
        NEXT_PUBLIC_SUPABASE_URL=https://@{ref}.supabase.co
        NEXT_PUBLIC_SUPABASE_ANON_KEY=@{anon}
        NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=@{pk}
        NEXT_PUBLIC_POSTHOG_KEY=@{phc}
        NEXT_PUBLIC_POSTHOG_HOST=https://eu.i.posthog.com
        NEXT_PUBLIC_SENTRY_DSN=https://@{dsn}@o@{org}.ingest.de.sentry.io/@{proj}
        NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=@{clpk}

        # server only
        STRIPE_SECRET_KEY=@{sk}
        STRIPE_WEBHOOK_SECRET=@{wh}
        CLERK_SECRET_KEY=@{clsk}
        RESEND_API_KEY=@{re}
        UPSTASH_REDIS_REST_URL=https://us1-@{up}.upstash.io
        UPSTASH_REDIS_REST_TOKEN=@{uptok}
        POSTHOG_PERSONAL_API_KEY=@{phx}
    """, ref=ref, anon=f.n(supabase_jwt(ref, "anon")), pk=f.n(stripe_key("pk_live_")), phc=f.n("phc_" + rs(43)),
        dsn=f.n(rs(32, HEX)), org=nz_digits(6), proj=nz_digits(7),
        clpk=f.n("pk_live_" + b64("clerk.harborlane.io$".encode())),
        sk=f.s("stripe", stripe_key("sk_live_")), wh=f.s("stripe", stripe_whsec()),
        clsk=f.s("clerk", prefixed("sk_live_", 42)), re=f.s("resend", resend_key()),
        up=f.n(rs(12, LOWER) + "-" + nz_digits(5)), uptok=f.s("upstash", upstash_rest_token()),
        phx=f.s("posthog", prefixed("phx_", 43))))


def b_vite_env():
    f = F("repos/ops-dashboard/.env.production")
    f.write(fill("""
        VITE_API_URL=https://ops-api.harborlane.io
        VITE_FIREBASE_API_KEY=@{fb}
        VITE_FIREBASE_AUTH_DOMAIN=harborlane-ops.firebaseapp.com
        VITE_FIREBASE_PROJECT_ID=harborlane-ops
        VITE_ALGOLIA_APP_ID=@{app}
        VITE_ALGOLIA_SEARCH_KEY=@{search}
        VITE_LAUNCHDARKLY_CLIENT_ID=@{ld}
        # NOTE: VITE_* ends up in the bundle. Moving this behind /api/summarize in OPS-88.
        VITE_OPENAI_API_KEY=@{oa}
    """, fb=f.s("google-api-key", google_api_key()), app=f.n(rs(10, UALNUM)), search=f.n(rs(32, HEX)), ld=f.n(rs(24, HEX)),
        oa=f.s("openai", openai_key("proj"))))


def b_django_settings():
    f = F("repos/fleet-admin/fleet_admin/settings/production.py")
    f.write(fill("""
        import os
        from .base import *  # noqa

        DEBUG = False
        SECRET_KEY = '@{sk}'
        ALLOWED_HOSTS = ["fleet.harborlane.io"]

        DATABASES = {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "fleet",
                "USER": "fleet",
                "PASSWORD": os.environ["FLEET_DB_PASSWORD"],
                "HOST": "fleet-db.internal",
            }
        }

        EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
        ANYMAIL = {
            "POSTMARK_SERVER_TOKEN": "@{pm}",
        }

        AWS_STORAGE_BUCKET_NAME = "fleet-docs"
        AWS_S3_REGION_NAME = "us-east-2"
        AWS_ACCESS_KEY_ID = os.getenv("AWS_ACCESS_KEY_ID")
        AWS_SECRET_ACCESS_KEY = os.getenv("AWS_SECRET_ACCESS_KEY")

        SENTRY_DSN = "https://@{dsn}@o@{org}.ingest.sentry.io/@{proj}"
        CELERY_BROKER_URL = "amqp://fleet:@{amqp}@rabbitmq.internal:5672/fleet"
    """, sk=f.s("django", django_key()), pm=f.s("postmark", uid()), dsn=f.n(rs(32, HEX)), org=nz_digits(6),
        proj=nz_digits(7), amqp=f.s("rabbitmq", password(20, ""))))


def b_node_config():
    f = F("repos/payments-api/config/production.json")
    doc = {
        "port": 8080,
        "braintree": {"environment": "Production", "merchantId": f.n(rs(16, LALNUM)),
                      "publicKey": f.n(rs(16, LALNUM)), "privateKey": f.s("braintree", hexs(32))},
        "paypal": {"mode": "live", "clientId": f.n("A" + rs(79, ALNUM + "-_")), "clientSecret": f.s("paypal", paypal_secret())},
        "mailgun": {"domain": "mg.harborlane.io", "apiKey": f.s("mailgun", mailgun_key())},
        "square": {"environment": "production", "accessToken": f.s("square", square_token("access"))},
        "redis": {"url": "redis://default:" + f.s("redis", alnum(32)) + "@redis-" + nz_digits(5)
                         + ".c281.us-east-1-4.ec2.redns.redis-cloud.com:" + nz_digits(5)},
    }
    f.write(json.dumps(doc, indent=2))


def b_go_config_toml():
    f = F("repos/settlement-go/config/prod.toml")
    f.write(fill("""
        [server]
        addr = ":8443"
        read_timeout = "15s"

        [plaid]
        env = "production"
        client_id = "@{pcid}"
        secret = "@{ps}"

        [paypal]
        client_id = "@{ppid}"
        client_secret = "@{pps}"

        [braintree]
        access_token = "@{bt}"

        [coinbase]
        api_key_name = "organizations/@{org}/apiKeys/@{kid}"
        api_key_private_key_path = "/etc/settlement/cdp_api_key.pem"

        [database]
        dsn = "postgres://settlement:@{dbpw}@free-tier14.aws-us-east-1.cockroachlabs.cloud:26257/settlement?sslmode=verify-full"
    """, pcid=f.n(rs(24, HEX)), ps=f.s("plaid", hexs(30)), ppid=f.n("A" + rs(79, ALNUM + "-_")),
        pps=f.s("paypal", paypal_secret()), bt=f.s("braintree", braintree_token()), org=f.n(uuid4()),
        kid=f.n(uuid4()), dbpw=f.s("cockroachdb", alnum(22, ALNUM + "-_"))))




def b_flask_config():
    f = F("repos/tours-api/instance/config.py")
    f.write(fill("""
        # instance config -- loaded with app.config.from_pyfile("config.py")
        SECRET_KEY = "@{sk}"
        SQLALCHEMY_DATABASE_URI = "mysql+pymysql://tours:@{db}@tours-db.internal/tours"
        MAIL_SERVER = "in-v3.mailjet.com"
        MAIL_USERNAME = "@{mjpub}"
        MAIL_PASSWORD = "@{mjsec}"
        MOLLIE_API_KEY = "@{mollie}"
        FLUTTERWAVE_PUBLIC_KEY = "FLWPUBK-@{flpub}-X"
        FLUTTERWAVE_SECRET_KEY = "@{flsec}"
        FLUTTERWAVE_ENCRYPTION_KEY = "@{flenc}"
        RATELIMIT_STORAGE_URI = "memory://"
    """, sk=f.s("flask", hexs(64)), db=f.s("mysql", password(18, "")), mjpub=f.n(rs(32, HEX)),
        mjsec=f.s("mailjet", hexs(32)), mollie=f.s("mollie", prefixed("live_", 30)), flpub=f.n(rs(32, HEX)),
        flsec=f.s("flutterwave", prefixed("FLWSECK-", 32, HEX, "-X")), flenc=f.s("flutterwave", alnum(24, HEX))))


def b_nuxt_config():
    f = F("repos/tours-web/nuxt.config.ts")
    f.write(fill("""
        // https://nuxt.com/docs/api/configuration/nuxt-config
        export default defineNuxtConfig({
          devtools: { enabled: false },
          modules: ['@nuxtjs/tailwindcss', '@sentry/nuxt/module'],
          runtimeConfig: {
            // server-only keys (overridable with NUXT_* env vars)
            mollieApiKey: '',
            contentfulManagementToken: '@{cfpat}',
            launchdarklySdkKey: '@{ld}',
            public: {
              contentfulSpaceId: '@{space}',
              contentfulDeliveryToken: '@{cda}',
              launchdarklyClientId: '@{ldc}',
              apiBase: 'https://api.harborlane.io/tours',
            },
          },
          sentry: {
            sourceMapsUploadOptions: { org: 'harborlane', project: 'tours-web', authToken: process.env.SENTRY_AUTH_TOKEN },
          },
        })
    """, cfpat=f.s("contentful", prefixed("CFPAT-", 43, ALNUM + "-_")), ld=f.s("launchdarkly", "sdk-" + uid()),
        space=f.n(rs(12, LALNUM)), cda=f.n(rs(43, ALNUM + "-_")), ldc=f.n(rs(24, HEX))))


# ==========================================================================
# builders: infrastructure daemons and servers
# ==========================================================================
def b_nginx():
    f = F("etc/nginx/sites-available/grafana-proxy.conf")
    f.write(fill("""
        upstream grafana_backend {
            server 10.40.3.21:3000;
            keepalive 16;
        }

        server {
            listen 443 ssl http2;
            server_name dashboards.harborlane.io;

            ssl_certificate     /etc/letsencrypt/live/dashboards.harborlane.io/fullchain.pem;
            ssl_certificate_key /etc/letsencrypt/live/dashboards.harborlane.io/privkey.pem;

            auth_basic           "restricted";
            auth_basic_user_file /etc/nginx/htpasswd/dashboards;

            location /api/public/ {
                # kiosk screens use a read-only service account
                proxy_set_header Authorization "Bearer @{gl}";
                proxy_pass http://grafana_backend;
            }

            location / {
                proxy_set_header Host $host;
                proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                proxy_pass http://grafana_backend;
            }
        }
    """, gl=f.s("grafana", prefixed("glsa_", 32, ALNUM, "_" + rs(8, HEX)))))


def b_htpasswd():
    f = F("etc/nginx/htpasswd/dashboards")
    rows = []
    for u in ["ops", "kiosk", "mdiaz"]:
        rows.append(f"{u}:" + f.s("htpasswd", "$apr1$" + rs(8, ALNUM + "./") + "$" + rs(22, ALNUM + "./")))
    rows.append("auditor:" + f.s("htpasswd", "$2y$10$" + rs(53, ALNUM + "./")))
    f.write("\n".join(rows))


def b_haproxy():
    f = F("etc/haproxy/haproxy.cfg")
    f.write(fill("""
        global
            log /dev/log local0
            maxconn 20000
            user haproxy
            group haproxy

        defaults
            mode http
            timeout connect 5s
            timeout client 30s
            timeout server 30s

        userlist ops_users
            user admin password @{hash}
            user oncall insecure-password @{ins}

        frontend stats
            bind *:8404
            stats enable
            stats uri /stats
            stats auth admin:@{stats}

        frontend fe_api
            bind *:443 ssl crt /etc/haproxy/certs/api.pem
            http-request set-header X-Internal-Token @{tok}
            default_backend be_api

        backend be_api
            balance roundrobin
            server api1 10.40.1.11:8080 check
            server api2 10.40.1.12:8080 check
    """, hash=f.n("$6$" + rs(16, ALNUM + "./") + "$" + rs(86, ALNUM + "./")), ins=f.s("password", password(14, "")),
        stats=f.s("password", password(16, "")), tok=f.s("generic", alnum(40))))


def b_traefik_compose():
    f = F("stacks/edge/docker-compose.yml")
    f.write(fill("""
        services:
          traefik:
            image: traefik:v3.0
            command:
              - --providers.docker=true
              - --entrypoints.websecure.address=:443
              - --certificatesresolvers.le.acme.dnschallenge.provider=cloudflare
              - --certificatesresolvers.le.acme.email=ops@harborlane.io
            environment:
              CF_DNS_API_TOKEN: @{cf}
            ports:
              - "443:443"
            volumes:
              - /var/run/docker.sock:/var/run/docker.sock:ro
              - ./letsencrypt:/letsencrypt
            labels:
              - "traefik.http.middlewares.dash-auth.basicauth.users=ops:@{bcrypt}"

          meilisearch:
            image: getmeili/meilisearch:v1.7
            environment:
              MEILI_ENV: production
              MEILI_MASTER_KEY: @{meili}

          typesense:
            image: typesense/typesense:26.0
            command: --data-dir /data --api-key=@{ts} --enable-cors
    """, cf=f.s("cloudflare", alnum(40, ALNUM + "-_")),
        bcrypt=f.s("htpasswd", "$$2y$$05$$" + rs(53, ALNUM + "./")), meili=f.s("meilisearch", b64ukey(32)),
        ts=f.s("typesense", alnum(32))))


def b_caddyfile():
    f = F("etc/caddy/Caddyfile")
    f.write(fill("""
        {
            email ops@harborlane.io
            acme_dns cloudflare {env.CF_API_TOKEN}
        }

        render-proxy.harborlane.io {
            basicauth /admin/* {
                ops @{hash}
            }
            reverse_proxy https://api.replicate.com {
                header_up Host api.replicate.com
                header_up Authorization "Bearer @{rp}"
            }
        }

        status.harborlane.io {
            reverse_proxy 127.0.0.1:3001
        }
    """, hash=f.n("$2a$14$" + rs(53, ALNUM + "./")), rp=f.s("replicate", prefixed("r8_", 37))))


def b_sasl_passwd():
    f = F("etc/postfix/sasl_passwd")
    ses_user, ses_pw = aws_akid(), ses_smtp_password()
    f.s("aws", ses_pw)
    f.write(fill("""
        # relayhost credentials -- run `postmap /etc/postfix/sasl_passwd` after editing
        [smtp.sendgrid.net]:587 apikey:@{sg}
        [smtp.mailgun.org]:587 postmaster@mg.harborlane.io:@{mg}
        [email-smtp.us-east-2.amazonaws.com]:587 @{su}:@{sp}
        [smtp-relay.brevo.com]:587 ops@harborlane.io:@{bv}
    """, sg=f.s("sendgrid", sendgrid_key()), mg=f.s("mailgun", hexs(32) + "-" + hexs(8) + "-" + hexs(8)),
        su=ses_user, sp=ses_pw, bv=f.s("brevo", brevo_key("xsmtpsib-"))))


def b_dovecot():
    f = F("etc/dovecot/dovecot-sql.conf.ext")
    f.write(fill("""
        driver = pgsql
        connect = host=mail-db.internal dbname=mailserver user=dovecot password=@{pw}
        default_pass_scheme = SHA512-CRYPT
        password_query = SELECT email AS user, password FROM virtual_users WHERE email = '%u'
        user_query = SELECT '/var/vmail/%d/%n' AS home, 5000 AS uid, 5000 AS gid FROM virtual_users WHERE email = '%u'
        # sample row hash (SHA512-CRYPT), not a password:
        # {SHA512-CRYPT}@{hash}
    """, pw=f.s("postgres", password(18, "")), hash=f.n("$6$" + rs(16, ALNUM + "./") + "$" + rs(86, ALNUM + "./"))))


def b_openvpn():
    f = F("etc/openvpn/client/harborlane-office.ovpn")
    ta = f.s("openvpn", openvpn_static())
    key = f.s("private-key", rsa_private_pem("pkcs8"))
    f.write(fill("""
        client
        dev tun
        proto udp
        remote vpn.harborlane.io 1194
        resolv-retry infinite
        nobind
        persist-key
        persist-tun
        remote-cert-tls server
        cipher AES-256-GCM
        auth SHA256
        key-direction 1
        verb 3
        <ca>
        @{ca}
        </ca>
        <cert>
        @{cert}
        </cert>
        <key>
        @{key}
        </key>
        <tls-auth>
        #
        # 2048 bit OpenVPN static key
        #
        @{ta}
        </tls-auth>
    """, ca=f.n(fake_cert_pem()), cert=f.n(fake_cert_pem()), key=key, ta=ta))


def b_wireguard(path, peers):
    f = F(path)
    priv = f.s("wireguard", wg_private())
    psk = f.s("wireguard", b64key(32))
    peer_txt = "\n\n".join(fill("""
        [Peer]
        # @{name}
        PublicKey = @{pub}
        AllowedIPs = @{ips}
        Endpoint = @{ep}
        PersistentKeepalive = 25
    """, name=name, pub=f.n(b64(rbytes(32))), ips=ips, ep=ep) for name, ips, ep in peers)
    peer_txt = peer_txt.replace("PersistentKeepalive = 25", "PresharedKey = " + psk + "\nPersistentKeepalive = 25", 1)
    f.write(fill("""
        [Interface]
        Address = 10.77.0.@{host}/24
        ListenPort = 51820
        PrivateKey = @{priv}
        DNS = 10.77.0.1
        PostUp = iptables -A FORWARD -i %i -j ACCEPT
        PostDown = iptables -D FORWARD -i %i -j ACCEPT

    """, host=R.randrange(2, 200), priv=priv) + peer_txt)




def b_smb_creds():
    f = F("etc/samba/credentials/nas-backup")
    f.write(fill("""
        # mount -t cifs //nas01/backups /mnt/backups -o credentials=/etc/samba/credentials/nas-backup
        username=svc_backup
        password=@{pw}
        domain=HARBORLANE
    """, pw=f.s("password", password(18, ""))))

def b_rsyncd_secrets():
    f = F("etc/rsyncd.secrets")
    f.write(fill("""
        backup:@{a}
        mirror:@{b}
    """, a=f.s("password", password(16, "")), b=f.s("password", password(16, ""))))


def b_jenkins_credentials_xml():
    f = F("var/jenkins_home/credentials.xml")

    def enc():
        return f.n("{AQAAABAAAAAQ" + b64(rbytes(R.randrange(40, 90))) + "}")

    f.write(fill("""
        <?xml version='1.1' encoding='UTF-8'?>
        <com.cloudbees.plugins.credentials.SystemCredentialsProvider plugin="credentials@1337.v60b_d7b_c7b_c9f">
          <domainCredentialsMap class="hudson.util.CopyOnWriteMap$Hash">
            <entry>
              <com.cloudbees.plugins.credentials.domains.Domain>
                <specifications/>
              </com.cloudbees.plugins.credentials.domains.Domain>
              <java.util.concurrent.CopyOnWriteArrayList>
                <com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>
                  <scope>GLOBAL</scope>
                  <id>nexus-deployer</id>
                  <username>deployer</username>
                  <password>@{e1}</password>
                </com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>
                <org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>
                  <scope>GLOBAL</scope>
                  <id>slack-token</id>
                  <secret>@{e2}</secret>
                </org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>
              </java.util.concurrent.CopyOnWriteArrayList>
            </entry>
          </domainCredentialsMap>
        </com.cloudbees.plugins.credentials.SystemCredentialsProvider>
    """, e1=enc(), e2=enc()))


def b_jenkins_casc():
    f = F("var/jenkins_home/casc/jenkins.yaml")
    f.write(fill("""
        jenkins:
          systemMessage: "Harborlane CI -- managed by JCasC"
          numExecutors: 0
        credentials:
          system:
            domainCredentials:
              - credentials:
                  - string:
                      scope: GLOBAL
                      id: github-checks
                      secret: "@{gh}"
                  - usernamePassword:
                      scope: GLOBAL
                      id: nexus-deployer
                      username: deployer
                      password: "${NEXUS_DEPLOYER_PASSWORD}"
                  - string:
                      scope: GLOBAL
                      id: snyk-token
                      secret: "@{snyk}"
        unclassified:
          location:
            url: https://ci.harborlane.io/
    """, gh=f.s("github", gh("ghp_")), snyk=f.s("snyk", uid())))


# ==========================================================================
# builders: build tools and package-manager credential files
# ==========================================================================
def b_maven_settings():
    f = F("home/ci/.m2/settings.xml")
    f.write(fill("""
        <?xml version="1.0" encoding="UTF-8"?>
        <settings xmlns="http://maven.apache.org/SETTINGS/1.2.0"
                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  xsi:schemaLocation="http://maven.apache.org/SETTINGS/1.2.0 https://maven.apache.org/xsd/settings-1.2.0.xsd">
          <servers>
            <server>
              <id>harborlane-nexus</id>
              <username>deployer</username>
              <password>@{nexus}</password>
            </server>
            <server>
              <id>harborlane-artifactory</id>
              <username>ci-publisher</username>
              <password>@{jf}</password>
            </server>
            <server>
              <id>github</id>
              <username>harborlane-ci</username>
              <password>@{gh}</password>
            </server>
            <server>
              <id>ossrh</id>
              <username>harborlane</username>
              <!-- encrypted with settings-security.xml master password -->
              <password>{@{enc}}</password>
            </server>
            <server>
              <id>internal-snapshots</id>
              <username>${env.NEXUS_USER}</username>
              <password>${env.NEXUS_PASSWORD}</password>
            </server>
          </servers>
          <mirrors>
            <mirror>
              <id>harborlane-nexus</id>
              <mirrorOf>central</mirrorOf>
              <url>https://nexus.harborlane.io/repository/maven-public/</url>
            </mirror>
          </mirrors>
        </settings>
    """, nexus=f.s("nexus", password(20, "")), jf=f.s("jfrog", prefixed("AKCp8", 68)),
        gh=f.s("github", gh("ghp_")), enc=f.n(b64(rbytes(32)))))


def b_gradle_init():
    f = F("home/ci/.gradle/init.d/artifactory.gradle")
    f.write(fill("""
        allprojects {
            repositories {
                maven {
                    name = "harborlaneArtifactory"
                    url = "https://harborlane.jfrog.io/artifactory/libs-release"
                    credentials {
                        username = "ci-publisher"
                        password = "@{ref}"
                    }
                }
                maven {
                    url = "https://nexus.harborlane.io/repository/maven-snapshots/"
                    credentials {
                        username = System.getenv("NEXUS_USER")
                        password = System.getenv("NEXUS_PASSWORD")
                    }
                }
            }
        }
    """, ref=f.s("jfrog", jfrog_reference_token())))



def b_pip_conf():
    f = F("home/analyst/.config/pip/pip.conf")
    f.write(fill("""
        [global]
        index-url = https://analytics-ro:@{pw}@harborlane.jfrog.io/artifactory/api/pypi/pypi-virtual/simple
        extra-index-url = https://download.pytorch.org/whl/cu121
        trusted-host = harborlane.jfrog.io
        timeout = 60
    """, pw=f.s("jfrog", prefixed("AKCp8", 68))))



def b_gem_credentials():
    f = F("home/dev/.gem/credentials")
    f.write(fill("""
        ---
        :rubygems_api_key: @{rg}
        :github: Bearer @{gh}
    """, rg=f.s("rubygems", prefixed("rubygems_", 48, HEX)), gh=f.s("github", gh("ghp_"))))



def b_condarc():
    f = F("home/analyst/.condarc")
    f.write(fill("""
        channels:
          - https://harborlane.jfrog.io/artifactory/api/conda/conda-forge-remote
          - defaults
        channel_alias: https://harborlane.jfrog.io/artifactory/api/conda
        custom_channels:
          internal: https://conda-ro:@{pw}@nexus.harborlane.io/repository
        ssl_verify: true
        auto_activate_base: false
    """, pw=f.s("nexus", password(20, ""))))


def b_gemrc():
    f = F("home/dev/.gemrc")
    f.write(fill("""
        ---
        :backtrace: false
        :bulk_threshold: 1000
        :sources:
        - https://rubygems.org/
        - https://deployer:@{pw}@nexus.harborlane.io/repository/rubygems-hosted/
        :update_sources: true
        :verbose: true
        gem: --no-document
    """, pw=f.s("nexus", password(20, ""))))


def b_ivy_credentials():
    f = F("home/dev/.ivy2/.credentials")
    f.write(fill("""
        realm=Sonatype Nexus Repository Manager
        host=s01.oss.sonatype.org
        user=harborlane
        password=@{pw}
    """, pw=f.s("sonatype", password(24, ""))))

def b_cargo_credentials():
    f = F("home/dev/.cargo/credentials.toml")
    f.write(fill("""
        [registry]
        token = "@{cio}"

        [registries.harborlane]
        token = "Bearer @{gl}"
    """, cio=f.s("crates-io", prefixed("cio", 32)), gl=f.s("gitlab", glpat())))


def b_composer_auth():
    f = F("home/dev/.composer/auth.json")
    doc = {
        "github-oauth": {"github.com": f.s("github", gh("gho_"))},
        "gitlab-token": {"gitlab.harborlane.io": f.s("gitlab", glpat())},
        "http-basic": {"repo.packagist.com": {"username": "token", "password": "${PRIVATE_PACKAGIST_TOKEN}"}},
        "bearer": {"satis.harborlane.io": f.s("generic", alnum(48))},
    }
    f.write(json.dumps(doc, indent=4))




def b_project_npmrc():
    f = F("repos/ui-kit/.npmrc")
    f.write(fill("""
        //registry.npmjs.org/:_authToken=${NPM_TOKEN}
        @harborlane:registry=https://npm.pkg.github.com
        //npm.pkg.github.com/:_authToken=@{gh}
        engine-strict=true
        save-exact=true
    """, gh=f.s("github", gh("ghp_"))))


def b_nuget_config():
    f = F("repos/dotnet-portal/NuGet.Config")
    f.write(fill("""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
            <add key="harborlane" value="https://nuget.pkg.github.com/harborlane/index.json" />
          </packageSources>
          <packageSourceCredentials>
            <harborlane>
              <add key="Username" value="harborlane-ci" />
              <add key="ClearTextPassword" value="@{gh}" />
            </harborlane>
          </packageSourceCredentials>
        </configuration>
    """, gh=f.s("github", gh("ghp_"))))


def b_docker_config():
    f = F("home/ci/.docker/config.json")
    dh = dckr = prefixed("dckr_pat_", 27, ALNUM + "-_")
    auth1 = b64(f"harborlaneci:{dh}".encode())
    quay_tok = rs(64, UALNUM)
    auth2 = b64(f"harborlane+deployer:{quay_tok}".encode())
    doc = {"auths": {
        "https://index.docker.io/v1/": {"auth": f.s("dockerhub", auth1)},
        "quay.io": {"auth": f.s("quay", auth2)},
        "ghcr.io": {},
        "registry.harborlane.io": {}},
        "credsStore": "desktop",
        "credHelpers": {"123456789012.dkr.ecr.us-east-2.amazonaws.com": "ecr-login"},
        "currentContext": "default"}
    f.write(json.dumps(doc, indent=2))
    del dckr


def b_pypirc():
    f = F("home/dev/.pypirc")
    f.write(fill("""
        [distutils]
        index-servers =
            pypi
            internal

        [pypi]
        username = __token__
        password = @{pypi}

        [internal]
        repository = https://nexus.harborlane.io/repository/pypi-internal/
        username = deployer
        password = @{nx}
    """, pypi=f.s("pypi", pypi_token()), nx=f.s("nexus", password(20, ""))))


def b_aws_credentials():
    f = F("home/dev/.aws/credentials")
    f.write(fill("""
        [default]
        aws_access_key_id = @{a1}
        aws_secret_access_key = @{s1}

        [prod-readonly]
        aws_access_key_id = @{a2}
        aws_secret_access_key = @{s2}
        aws_session_token = @{t2}

        [docs-snippets]
        aws_access_key_id = @{ex1}
        aws_secret_access_key = @{ex2}

        [sso-admin]
        sso_session = harborlane
        sso_account_id = @{acct}
        sso_role_name = AdministratorAccess
    """, a1=f.s("aws", aws_akid()), s1=f.s("aws", aws_secret()), a2=f.s("aws", aws_akid("ASIA")),
        s2=f.s("aws", aws_secret()), t2=f.s("aws", aws_session_token()), ex1=f.n(AWS_DOC_AKID),
        ex2=f.n(AWS_DOC_SECRET), acct=f.n(nz_digits(12))))



def b_kubeconfig():
    f = F("home/ops/.kube/config")
    key_data = b64((rsa_private_pem("pkcs1") + "\n").encode())
    f.s("kubernetes", key_data)
    f.write(fill("""
        apiVersion: v1
        kind: Config
        clusters:
        - cluster:
            certificate-authority-data: @{ca}
            server: https://10.40.0.10:6443
          name: hl-prod
        - cluster:
            certificate-authority-data: @{ca2}
            server: https://@{eks}.gr7.us-east-2.eks.amazonaws.com
          name: hl-eks
        contexts:
        - context:
            cluster: hl-prod
            user: ops-admin
          name: prod
        - context:
            cluster: hl-eks
            user: ci-deployer
          name: eks
        current-context: prod
        users:
        - name: ops-admin
          user:
            client-certificate-data: @{cert}
            client-key-data: @{key}
        - name: ci-deployer
          user:
            token: @{tok}
        - name: eks-sso
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: aws
              args: ["eks", "get-token", "--cluster-name", "hl-eks"]
    """, ca=f.n(b64((fake_cert_pem() + "\n").encode())), ca2=f.n(b64((fake_cert_pem() + "\n").encode())),
        eks=f.n(rs(32, UHEX)), cert=f.n(b64((fake_cert_pem() + "\n").encode())), key=key_data,
        tok=f.s("kubernetes", k8s_sa_token("ci", "deployer"))))


def b_netrc():
    f = F("home/dev/.netrc")
    f.write(fill("""
        machine api.heroku.com
          login mdiaz@harborlane.io
          password @{hk}
        machine git.heroku.com
          login mdiaz@harborlane.io
          password @{hk}
        machine github.com
          login mdiaz-hl
          password @{gh}
        machine urs.earthdata.nasa.gov login mdiaz password @{nasa}
    """, hk=f.s("heroku", uid()), gh=f.s("github", gh("ghp_")), nasa=f.s("password", password(16, ""))))



def b_databrickscfg():
    f = F("home/analyst/.databrickscfg")
    f.write(fill("""
        [DEFAULT]
        host  = https://adb-@{ws}.7.azuredatabricks.net
        token = @{t1}

        [staging]
        host  = https://dbc-@{ws2}.cloud.databricks.com
        token = @{t2}
        jobs-api-version = 2.1
    """, ws=f.n(nz_digits(16)), t1=f.s("databricks", prefixed("dapi", 32, HEX)), ws2=f.n(rs(8, HEX) + "-" + rs(4, HEX)),
        t2=f.s("databricks", prefixed("dapi", 32, HEX, "-2"))))




def b_mc_config():
    f = F("home/ops/.mc/config.json")
    doc = {"version": "10", "aliases": {
        "backup": {"url": "https://minio.backup.harborlane.io", "accessKey": f.s("minio", rs(20, UALNUM)),
                   "secretKey": f.s("minio", alnum(40, ALNUM + "+/")), "api": "s3v4", "path": "auto"},
        "play": {"url": "https://play.min.io", "accessKey": f.n("Q3AM3UQ867SPQQA43P2F"),
                 "secretKey": f.n("zuf+tfteSlswRu7BJ86wekitnifILbZam1KYY3TG"), "api": "S3v4", "path": "auto"},
        "local": {"url": "http://localhost:9000", "accessKey": "", "secretKey": "", "api": "S3v4", "path": "auto"}}}
    f.write(json.dumps(doc, indent=2))


def b_rclone():
    f = F("home/ops/.config/rclone/rclone.conf")
    dbx = json.dumps({"access_token": "@@DBX@@", "token_type": "bearer",
                      "refresh_token": "@@REF@@", "expiry": "2024-05-14T18:22:41.771283+02:00"})
    at = f.s("dropbox", prefixed("sl.", 136, ALNUM + "-_"))
    rt = rs(43, ALNUM + "-_")
    # one rclone token blob = one credential (access + refresh token on the same line)
    dbx = dbx.replace("@@DBX@@", at).replace("@@REF@@", rt)
    f.write(fill("""
        [b2-archive]
        type = b2
        account = @{acct}
        key = @{b2}
        hard_delete = false

        [dropbox-finance]
        type = dropbox
        token = @{dbx}

        [crypt-archive]
        type = crypt
        remote = b2-archive:hl-archive
        password = @{obsc}
    """, acct=f.n("005" + rs(22, HEX)), b2=f.s("backblaze", b2_app_key()), dbx=dbx,
        # `rclone obscure` output is reversible (`rclone reveal`), so it is labelled as a secret
        obsc=f.s("password", b64u(rbytes(24)))))


def b_edgerc():
    f = F("home/ops/.edgerc")
    f.write(fill("""
        [default]
        client_secret = @{cs}
        host = akab-@{h}.luna.akamaiapis.net
        access_token = akab-@{at}
        client_token = akab-@{ct}
        max-body = 131072
    """, cs=f.s("akamai", b64key(32)), h=f.n(rs(16, LALNUM) + "-" + rs(16, LALNUM)),
        at=f.s("akamai", rs(16, LALNUM) + "-" + rs(16, LALNUM)), ct=f.s("akamai", rs(16, LALNUM) + "-" + rs(16, LALNUM))))





def b_scw():
    f = F("home/ops/.config/scw/config.yaml")
    f.write(fill("""
        access_key: @{ak}
        secret_key: @{sk}
        default_organization_id: @{org}
        default_project_id: @{proj}
        default_region: fr-par
        default_zone: fr-par-2
    """, ak=f.s("scaleway", prefixed("SCW", 17, UALNUM)), sk=f.s("scaleway", uid()), org=f.n(uuid4()),
        proj=f.n(uuid4())))


def b_ovh_conf():
    f = F("home/ops/.ovh.conf")
    f.write(fill("""
        [default]
        endpoint=ovh-eu

        [ovh-eu]
        application_key=@{ak}
        application_secret=@{asec}
        consumer_key=@{ck}
    """, ak=f.n(rs(16)), asec=f.s("ovh", alnum(32)), ck=f.s("ovh", alnum(32))))



def b_fly_config():
    f = F("home/dev/.fly/config.yml")
    t = fly_token()
    f.s("flyio", t)
    f.write(fill("""
        access_token: FlyV1 @{t}
        last_login: 2024-05-02T08:14:55Z
        metrics_token: ""
        send_metrics: true
        wire_guard_state: {}
        wire_guard_websockets: false
    """, t=t))


def b_pulumi_credentials():
    f = F("home/ops/.pulumi/credentials.json")
    doc = {"current": "https://api.pulumi.com",
           "accessTokens": {"https://api.pulumi.com": f.s("pulumi", prefixed("pul-", 40, HEX))},
           "accounts": {"https://api.pulumi.com": {"accessToken": "@@SAME@@", "username": "harborlane-ops",
                                                   "organizations": ["harborlane"], "lastValidatedAt": "2024-05-11T10:01:44Z"}}}
    txt = json.dumps(doc, indent=4)
    txt = txt.replace("@@SAME@@", doc["accessTokens"]["https://api.pulumi.com"])
    f.write(txt)



def b_circleci_cli():
    f = F("home/dev/.circleci/cli.yml")
    f.write(fill("""
        host: https://circleci.com
        endpoint: graphql-unstable
        token: @{t}
        rest_endpoint: api/v2
        tls_cert: ""
        tls_insecure: false
    """, t=f.s("circleci", circleci_pat())))



def b_gcloud_sa():
    f = F("home/ops/.config/gcloud/legacy_credentials/ci-deployer@harborlane-prod.iam.gserviceaccount.com/adc.json")
    doc, key = gcp_service_account("harborlane-prod", "ci-deployer")
    f.s("gcp", jesc(key), multiline=True)
    f.write(json.dumps(doc, indent=2))


def b_play_sa():
    f = F("mobile/android/fastlane/play-store-credentials.json")
    doc, key = gcp_service_account("pc-api-" + nz_digits(19), "fastlane-supply")
    f.s("gcp", jesc(key), multiline=True)
    f.write(json.dumps(doc, indent=2))


# ==========================================================================
# builders: logs, dumps, crash reports
# ==========================================================================
def ts_iter(start_h=9):
    h, m, s, ms = start_h, R.randrange(60), R.randrange(60), R.randrange(1000)
    while True:
        yield f"2024-05-14T{h:02d}:{m:02d}:{s:02d}.{ms:03d}Z"
        s += R.randrange(0, 4)
        ms = R.randrange(1000)
        if s >= 60:
            s -= 60
            m += 1
        if m >= 60:
            m -= 60
            h += 1


def b_app_log():
    f = F("logs/gateway/gateway-2024-05-14.log")
    T = ts_iter()
    an = f.s("anthropic", anthropic_key())
    wh = f.s("stripe", stripe_whsec())
    lines = []
    for _ in range(6):
        lines.append(f"{next(T)} INFO  http request_id={f.n(uuid4())} method=GET path=/v3/routes status=200 dur_ms={R.randrange(8, 90)}")
    lines.append(f"{next(T)} DEBUG llm.client outgoing request url=https://api.anthropic.com/v1/messages "
                 f"headers={{'x-api-key': '{an}', 'anthropic-version': '2023-06-01', 'content-type': 'application/json'}}")
    lines.append(f"{next(T)} INFO  llm.client response status=200 request_id=req_{f.n(rs(24))} input_tokens=1832 output_tokens=211")
    lines.append(f"{next(T)} INFO  llm.client using key {f.n(an[:14] + '...' + an[-4:])} (redacted)")
    for _ in range(3):
        lines.append(f"{next(T)} INFO  http request_id={f.n(uuid4())} method=POST path=/v3/quotes status=201 dur_ms={R.randrange(40, 300)}")
    lines.append(f"{next(T)} WARN  webhooks.stripe signature mismatch; configured endpoint secret={wh} header_t={R.randrange(1715670000, 1715679999)}")
    lines.append(f"{next(T)} INFO  webhooks.stripe event=evt_{f.n(rs(24))} type=payment_intent.succeeded")
    lines.append(f"{next(T)} ERROR http request_id={f.n(uuid4())} upstream=pricing timeout after 5000ms")
    lines.append(f"{next(T)} INFO  config reloaded sha={f.n(sha1hex())} stripe_secret=sk_live_****************************{rs(4)}")
    f.write("\n".join(lines))


def b_celery_log():
    f = F("logs/workers/celery-worker.log")
    amqp_pw = f.s("rabbitmq", password(20, ""))
    redis_pw = f.s("redis", alnum(32))
    f.write(fill("""
         -------------- celery@worker-7f9c5d Worker v5.3.6 (emerald-rush)
        --- ***** -----
        -- ******* ---- Linux-6.1.0-18-amd64-x86_64-with-glibc2.36 2024-05-14 09:12:01
        - *** --- * ---
        - ** ---------- [config]
        - ** ---------- .> app:         fleet_admin:0x7f3c2a9b1d50
        - ** ---------- .> transport:   amqp://fleet:@{amqp}@rabbitmq.internal:5672/fleet
        - ** ---------- .> results:     redis://default:@{redis}@redis-@{port}.c72.eu-west-1-2.ec2.redns.redis-cloud.com:@{port}/0
        - *** --- * --- .> concurrency: 8 (prefork)
        -- ******* ---- .> task events: OFF
        --- ***** -----
         -------------- [queues]
                        .> default          exchange=default(direct) key=default

        [2024-05-14 09:12:03,118: INFO/MainProcess] Connected to amqp://fleet:**@rabbitmq.internal:5672/fleet
        [2024-05-14 09:12:03,141: INFO/MainProcess] mingle: searching for neighbors
        [2024-05-14 09:12:04,177: INFO/MainProcess] celery@worker-7f9c5d ready.
        [2024-05-14 09:13:10,560: INFO/MainProcess] Task fleet.tasks.sync_telematics[@{t1}] received
        [2024-05-14 09:13:11,902: INFO/ForkPoolWorker-3] Task fleet.tasks.sync_telematics[@{t1}] succeeded in 1.33s: None
    """, amqp=amqp_pw, redis=redis_pw, port=nz_digits(5), t1=f.n(uuid4())))


def b_java_stacktrace():
    f = F("logs/ledger/ledger-startup-failure.txt")
    pw = f.s("postgres", password(18, ""))
    f.write(fill("""
        2024-05-13 22:41:07.332 ERROR 1 --- [           main] o.s.boot.SpringApplication               : Application run failed

        org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'dataSource' defined in class path resource [org/springframework/boot/autoconfigure/jdbc/DataSourceConfiguration$Hikari.class]: Failed to instantiate [com.zaxxer.hikari.HikariDataSource]
        	at org.springframework.beans.factory.support.ConstructorResolver.instantiate(ConstructorResolver.java:648)
        	at org.springframework.boot.SpringApplication.run(SpringApplication.java:1343)
        	at io.harborlane.ledger.LedgerApplication.main(LedgerApplication.java:12)
        Caused by: org.postgresql.util.PSQLException: FATAL: password authentication failed for user "ledger_app"
        	at org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:693)
        	at org.postgresql.Driver.connect(Driver.java:297)
        	... 42 common frames omitted

        2024-05-13 22:41:07.335  INFO 1 --- [           main] i.h.ledger.config.DebugEnvDumper         : effective datasource settings:
          spring.datasource.url = jdbc:postgresql://ledger-db.internal:5432/ledger?user=ledger_app&password=@{pw}
          spring.datasource.hikari.maximum-pool-size = 20
          spring.datasource.password = ******
          okta.oauth2.client-secret = ******
    """, pw=pw))


def b_python_traceback():
    f = F("logs/summarizer/traceback-2024-05-12.txt")
    gk = f.s("groq", prefixed("gsk_", 52))
    f.write(fill("""
        Traceback (most recent call last):
          File "/srv/summarizer/app/worker.py", line 88, in run_batch
            summary = summarize(doc, client=client)
          File "/srv/summarizer/app/llm.py", line 41, in summarize
            resp = client.chat.completions.create(model=MODEL, messages=msgs, timeout=20)
          File "/srv/summarizer/.venv/lib/python3.11/site-packages/groq/_base_client.py", line 1012, in _request
            raise self._make_status_error_from_response(err.response) from None
        groq.RateLimitError: Error code: 429 - {'error': {'message': 'Rate limit reached for model llama3-70b-8192', 'type': 'tokens', 'code': 'rate_limit_exceeded'}}

        Local variables in frame summarize (sentry-sdk capture):
          MODEL = 'llama3-70b-8192'
          api_key = '@{gk}'
          doc_id = '@{doc}'
          retries = 3

        During handling of the above exception, another exception occurred:

        Traceback (most recent call last):
          File "/srv/summarizer/app/worker.py", line 95, in run_batch
            fallback = os.environ["MISTRAL_API_KEY"]
          File "<frozen os>", line 679, in __getitem__
        KeyError: 'MISTRAL_API_KEY'
    """, gk=gk, doc=f.n(uuid4())))


def b_ios_crash():
    f = F("logs/crash/Driver-2024-05-10-181204.ips")
    st = f.s("sentry", prefixed("sntryu_", 64, HEX))
    addrs = [f"0x{R.randrange(0x100000000, 0x1FFFFFFFF):x}" for _ in range(6)]
    f.write(fill("""
        Incident Identifier: @{iid}
        CrashReporter Key:   @{crk}
        Hardware Model:      iPhone15,2
        Process:             Driver [4411]
        Path:                /private/var/containers/Bundle/Application/@{app}/Driver.app/Driver
        Identifier:          io.harborlane.driver
        Version:             4.18.2 (418020)
        Code Type:           ARM-64 (Native)
        OS Version:          iPhone OS 17.4.1 (21E236)

        Exception Type:  EXC_CRASH (SIGABRT)
        Triggered by Thread:  0

        Application Specific Information:
        *** Terminating app due to uncaught exception 'NSInvalidArgumentException'
        Environment: {
            "DYLD_INSERT_LIBRARIES" = "";
            "SENTRY_AUTH_TOKEN" = "@{st}";
            "XCTestConfigurationFilePath" = "";
            "OS_ACTIVITY_DT_MODE" = YES;
        }

        Thread 0 Crashed:
        0   libsystem_kernel.dylib        @{a0} __pthread_kill + 8
        1   libsystem_pthread.dylib       @{a1} pthread_kill + 268
        2   libsystem_c.dylib             @{a2} abort + 180
        3   Driver                        @{a3} RouteSummaryViewModel.load() + 412

        Binary Images:
        @{a4} - @{a5} Driver arm64  <@{uuidb}> /private/var/containers/Bundle/Application/@{app}/Driver.app/Driver
    """, iid=f.n(str(uuid.UUID(int=R.getrandbits(128))).upper()), crk=f.n(rs(40, HEX)),
        app=f.n(str(uuid.UUID(int=R.getrandbits(128))).upper()), st=st, a0=addrs[0], a1=addrs[1], a2=addrs[2],
        a3=addrs[3], a4=addrs[4], a5=addrs[5], uuidb=f.n(rs(32, HEX))))


def b_core_strings():
    f = F("dumps/core.billing-worker.31337.strings.txt")
    sk = f.s("aws", aws_secret())
    ak = f.s("aws", aws_akid())
    noise = ["GLIBC_2.34", "__libc_start_main", "libssl.so.3", "SSL_CTX_new", "x-amz-date", "/usr/lib/x86_64-linux-gnu",
             "application/json", "SELECT id, status FROM invoices WHERE", "Content-Length", "keep-alive",
             "amazonaws.com", "sigv4", "HMAC-SHA256", "billing-worker/2.14.0"]
    lines = ["$ strings -n 12 core.billing-worker.31337 | grep -v '^\\s*$' | head -n 40", ""]
    for i in range(26):
        if i == 7:
            lines.append(f"AWS_ACCESS_KEY_ID={ak}")
        elif i == 8:
            lines.append(f"AWS_SECRET_ACCESS_KEY={sk}")
        elif i == 15:
            lines.append(f"Authorization: AWS4-HMAC-SHA256 Credential={ak}/20240514/us-east-2/s3/aws4_request, "
                         f"SignedHeaders=host;x-amz-date, Signature={f.n(sha256hex())}")
        elif i == 20:
            lines.append("x-amz-content-sha256: " + f.n(sha256hex()))
        else:
            lines.append(R.choice(noise) + ("" if R.random() < .5 else " " + rs(R.randrange(4, 12), ALNUM + "./_")))
    f.write("\n".join(lines))


def b_env_dump():
    f = F("dumps/support-bundle/env.txt")
    ghs = f.s("github", gh("ghs_"))
    orr = f.s("openrouter", prefixed("sk-or-v1-", 64, HEX))
    npmt = f.s("npm", gh("npm_"))
    f.write(fill("""
        SHELL=/bin/bash
        HOSTNAME=runner-7c9f8-kq2lz
        HOME=/home/runner
        LANG=C.UTF-8
        PATH=/home/runner/.local/bin:/opt/hostedtoolcache/node/20.12.2/x64/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin
        GITHUB_REPOSITORY=harborlane/route-optimizer
        GITHUB_SHA=@{sha}
        GITHUB_RUN_ID=@{run}
        GITHUB_TOKEN=@{ghs}
        NPM_TOKEN=@{npmt}
        OPENROUTER_API_KEY=@{orr}
        SSH_AUTH_SOCK=/tmp/ssh-XXXXXXkq2lz/agent.1881
        LS_COLORS=rs=0:di=01;34:ln=01;36:mh=00:pi=40;33:so=01;35:do=01;35:bd=40;33;01
        NODE_OPTIONS=--max-old-space-size=6144
        SENTRY_DSN=https://@{dsn}@o@{org}.ingest.sentry.io/@{proj}
        TZ=UTC
        _=/usr/bin/env
    """, sha=f.n(sha1hex()), run=nz_digits(10), ghs=ghs, npmt=npmt, orr=orr, dsn=f.n(rs(32, HEX)),
        org=nz_digits(6), proj=nz_digits(7)))


def b_printenv_ci():
    f = F("dumps/ci/printenv-job-88213.txt")
    pp = f.s("perplexity", prefixed("pplx-", 48))
    lin = f.s("linear", prefixed("lin_api_", 40))
    f.write(fill("""
        + printenv | sort
        CI=true
        CI_COMMIT_SHA=@{sha}
        CI_JOB_TOKEN=[MASKED]
        CI_PROJECT_PATH=harborlane/research-agent
        DOCKER_AUTH_CONFIG=[MASKED]
        HOME=/root
        LINEAR_API_KEY=@{lin}
        OPENAI_API_KEY=********
        PERPLEXITY_API_KEY=@{pp}
        PWD=/builds/harborlane/research-agent
        SLACK_BOT_TOKEN=xoxb-***
        VAULT_ADDR=https://vault.internal:8200
        VAULT_TOKEN=${VAULT_TOKEN}
    """, sha=f.n(sha1hex()), lin=lin, pp=pp))


def b_docker_inspect():
    f = F("dumps/docker-inspect-search.json")
    pgpw = f.s("postgres", password(18, ""))
    meili = f.s("meilisearch", b64ukey(32))
    ts = f.s("typesense", alnum(32))
    es = f.s("elastic", elastic_api_key())
    doc = [{
        "Id": f.n(sha256hex()),
        "Created": "2024-05-14T07:02:11.918223411Z",
        "Path": "/bin/meilisearch",
        "State": {"Status": "running", "Running": True, "Pid": 18233, "StartedAt": "2024-05-14T07:02:12.44Z"},
        "Image": "sha256:" + f.n(sha256hex()),
        "Name": "/search-meili-1",
        "Config": {
            "Hostname": "meili",
            "Env": [
                "MEILI_ENV=production",
                "MEILI_MASTER_KEY=" + meili,
                "MEILI_DB_PATH=/meili_data/data.ms",
                "TYPESENSE_API_KEY=" + ts,
                "POSTGRES_PASSWORD=" + pgpw,
                "ELASTIC_API_KEY=" + es,
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ],
            "Image": "getmeili/meilisearch:v1.7@sha256:" + f.n(sha256hex()),
            "Labels": {"com.docker.compose.project": "search", "com.docker.compose.config-hash": f.n(sha256hex())},
        },
        "NetworkSettings": {"Networks": {"search_default": {"IPAddress": "172.19.0.4", "EndpointID": f.n(sha256hex())}}},
    }]
    f.write(json.dumps(doc, indent=4))


def b_kubectl_describe():
    f = F("dumps/kubectl-describe-pod-flags-api.txt")
    sdk = f.s("launchdarkly", "sdk-" + uid())
    api = f.s("launchdarkly", "api-" + uid())
    f.write(fill("""
        Name:             flags-api-6d9c7b8f5-x2kqp
        Namespace:        platform
        Priority:         0
        Service Account:  flags-api
        Node:             ip-10-40-12-7.us-east-2.compute.internal/10.40.12.7
        Start Time:       Tue, 14 May 2024 08:11:42 +0000
        Labels:           app=flags-api
                          pod-template-hash=6d9c7b8f5
        Status:           Running
        IP:               10.40.14.22
        Controlled By:  ReplicaSet/flags-api-6d9c7b8f5
        Containers:
          api:
            Container ID:   containerd://@{cid}
            Image:          registry.harborlane.io/flags-api:1.8.0
            Image ID:       registry.harborlane.io/flags-api@sha256:@{iid}
            Port:           8080/TCP
            State:          Running
              Started:      Tue, 14 May 2024 08:11:49 +0000
            Ready:          True
            Environment:
              LOG_LEVEL:                 info
              LAUNCHDARKLY_SDK_KEY:      @{sdk}
              LAUNCHDARKLY_API_TOKEN:    @{api}
              DATABASE_URL:              <set to the key 'url' in secret 'flags-db'>  Optional: false
              REDIS_PASSWORD:            <set to the key 'password' in secret 'flags-redis'>  Optional: false
            Mounts:
              /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-8xqzp (ro)
        Events:
          Type    Reason   Age   From     Message
          ----    ------   ----  ----     -------
          Normal  Pulled   12m   kubelet  Container image "registry.harborlane.io/flags-api:1.8.0" already present on machine
    """, cid=f.n(sha256hex()), iid=f.n(sha256hex()), sdk=sdk, api=api))


def b_nginx_access_log():
    f = F("logs/edge/access.log.1")
    tt = f.s("tomtom", alnum(32))
    here = f.s("here", alnum(43, ALNUM + "-_"))
    ips = ["203.0.113.14", "198.51.100.77", "192.0.2.201", "203.0.113.90"]
    rows = []
    for i in range(12):
        ip = R.choice(ips)
        t = f"14/May/2024:09:{10 + i:02d}:{R.randrange(60):02d} +0000"
        if i == 4:
            path = f"/maps/tiles/13/4387/2691.png?key={tt}&view=Unified"
        elif i == 9:
            path = f"/geo/v1/revgeocode?at=52.5308,13.3847&lang=en-US&apiKey={here}"
        else:
            path = R.choice(["/v3/routes?from=ORD&to=MKE", "/healthz", "/static/app." + f.n(rs(8, HEX)) + ".js",
                             "/v3/quotes?utm_source=newsletter&utm_campaign=may24", "/favicon.ico"])
        rows.append(f'{ip} - - [{t}] "GET {path} HTTP/1.1" 200 {R.randrange(200, 90000)} "-" "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)"')
    f.write("\n".join(rows))


def b_gha_run_log():
    f = F("logs/ci/github-actions-deploy-8812.log")
    dp = f.s("doppler", prefixed("dp.st.prd.", 43))
    f.write(fill("""
        2024-05-14T10:02:11.1140213Z ##[group]Run doppler secrets download --no-file --format env
        2024-05-14T10:02:11.1141011Z doppler secrets download --no-file --format env
        2024-05-14T10:02:11.1178722Z shell: /usr/bin/bash -e {0}
        2024-05-14T10:02:11.1179104Z env:
        2024-05-14T10:02:11.1179450Z   DOPPLER_TOKEN: ***
        2024-05-14T10:02:11.1179833Z ##[endgroup]
        2024-05-14T10:02:12.4419921Z ##[group]Run ./scripts/smoke.sh
        2024-05-14T10:02:12.4420513Z + export DOPPLER_TOKEN_STAGING=@{dp}
        2024-05-14T10:02:12.4421002Z + curl -sf https://staging.harborlane.io/healthz
        2024-05-14T10:02:12.9120014Z {"status":"ok","commit":"@{sha}"}
        2024-05-14T10:02:13.0012231Z ##[endgroup]
        2024-05-14T10:02:13.0022210Z Post job cleanup.
    """, dp=dp, sha=f.n(sha1hex())))


def b_tf_plan():
    f = F("logs/terraform/plan-edge-2024-05-14.txt")
    pd = f.s("pagerduty", hexs(32))
    f.write(fill("""
        Terraform will perform the following actions:

          # datadog_monitor.checkout_latency will be updated in-place
          ~ resource "datadog_monitor" "checkout_latency" {
                id       = "@{mid}"
              ~ query    = "avg(last_5m):avg:trace.http.request.duration{service:checkout} > 1.5" -> "avg(last_5m):avg:trace.http.request.duration{service:checkout} > 1.2"
                # (12 unchanged attributes hidden)
            }

          # pagerduty_service_integration.datadog will be created
          + resource "pagerduty_service_integration" "datadog" {
              + html_url          = (known after apply)
              + id                = (known after apply)
              + integration_key   = "@{pd}"
              + name              = "Datadog"
              + service           = "P@{svc}"
            }

          # aws_db_instance.reporting will be updated in-place
          ~ resource "aws_db_instance" "reporting" {
              ~ password = (sensitive value)
                # (41 unchanged attributes hidden)
            }

        Plan: 1 to add, 2 to change, 0 to destroy.
    """, mid=nz_digits(8), pd=pd, svc=rs(6, UALNUM)))


# ==========================================================================
# builders: tickets, email, chat exports, issues, PRs
# ==========================================================================
def b_zendesk_ticket():
    f = F("tickets/zendesk/ZD-48213.txt")
    fd = f.s("freshdesk", alnum(20))
    f.write(fill("""
        Ticket #48213  |  Status: Solved  |  Priority: Normal
        Subject: Helpdesk sync stopped importing conversations
        Requester: Priya N. <priya@lumenfreight.co>
        Assignee: Support Tier 2

        ---- Priya N. (May 9, 2024 14:02) ----
        Hi team, since Tuesday the Freshdesk -> Harborlane sync shows "401 unauthorized".
        Our Freshdesk domain is lumenfreight.freshdesk.com and the API key we pasted in the
        integration screen is:

            @{fd}

        We also tried the old Stripe key that starts with sk_live_51Nx... (the rest is in our vault).
        Request id from your UI: @{rid}

        ---- Harborlane Support (May 9, 2024 14:31) ----
        Thanks Priya. Please never send keys by email -- we've masked the key in our copy of this
        ticket (****************) and recommend rotating it. The 401 comes from Freshdesk itself;
        the key above belongs to an agent that was deactivated on May 7.

        ---- Priya N. (May 9, 2024 15:10) ----
        Rotated, new key added via the UI. Working now, thanks!
    """, fd=fd, rid=f.n(uuid4())))


def b_email_thread():
    f = F("mail/vendor-onboarding-plivo.eml")
    tok_ = f.s("plivo", alnum(40))
    auth_id = "MA" + rs(18, UALNUM)
    f.n(auth_id)
    head = fill("""
        From: Tomasz Wrobel <tomasz@harborlane.io>
        To: ops@harborlane.io
        Cc: Keiko Sato <keiko@harborlane.io>
        Subject: Re: Fwd: SMS fallback provider credentials
        Date: Tue, 14 May 2024 11:48:03 +0200
        Message-ID: <@{mid}@mail.harborlane.io>
        In-Reply-To: <@{mid2}@mail.harborlane.io>
        MIME-Version: 1.0
        Content-Type: text/plain; charset="UTF-8"

        Added both to the notifier config in staging, production next week.

        On Mon, 13 May 2024 at 17:20, Keiko Sato <keiko@harborlane.io> wrote:
        > Forwarding what the account manager sent. Can someone move this into Vault?
        >
        > ---------- Forwarded message ---------
        > From: Plivo Onboarding <onboarding@plivo.com>
        > Subject: SMS fallback provider credentials
        >
        > > Your production Auth ID: @{aid}
        > > Your production Auth Token: @{tok}
        > >
        > > Keep the Auth Token secret. You can regenerate it from the console at any time.
        >
        > Keiko

        --
        Tomasz Wrobel | Platform
    """, mid=f.n(rs(24, HEX)), mid2=f.n(rs(24, HEX)), aid=auth_id, tok=tok_)
    # quoted once more further down the thread (same token on a second line)
    tail = fill("""
        On Mon, 13 May 2024 at 17:31, Tomasz Wrobel <tomasz@harborlane.io> wrote:
        > Quick sanity check before I paste it: token is @{tok}, right?
    """, tok=tok_)
    f.write(head + "\n" + tail)


def b_teams_export():
    f = F("chat/teams/platform-channel-export.json")
    at = f.s("airtable", "pat" + rs(14) + "." + hexs(64))
    msgs = [
        {"id": nz_digits(13), "createdDateTime": "2024-05-08T09:14:22.51Z", "from": {"user": {"displayName": "Keiko Sato"}},
         "body": {"contentType": "html", "content": "<p>anyone has the Airtable token for the fleet base?</p>"}},
        {"id": nz_digits(13), "createdDateTime": "2024-05-08T09:16:40.03Z", "from": {"user": {"displayName": "Dan Okafor"}},
         "body": {"contentType": "html", "content": f"<p>use this one, it's scoped to the fleet base only: <code>{at}</code></p>"}},
        {"id": nz_digits(13), "createdDateTime": "2024-05-08T09:17:05.77Z", "from": {"user": {"displayName": "Keiko Sato"}},
         "body": {"contentType": "html", "content": "<p>thx. the old one was pat•••••••• right? revoked?</p>"}},
        {"id": nz_digits(13), "createdDateTime": "2024-05-08T09:30:19.12Z", "from": {"user": {"displayName": "Dan Okafor"}},
         "body": {"contentType": "html", "content": "<p>yes revoked. build " + f.n(sha1hex()) + " picked up the new one</p>"}},
    ]
    f.write(json.dumps({"channel": "Platform", "team": "Engineering", "messages": msgs}, indent=2, ensure_ascii=False))


def b_discord_export():
    f = F("chat/discord/harbor-dash-devs.txt")
    bot = f.s("discord", discord_bot_token())
    hook = f.s("discord", discord_webhook())
    tg = f.s("telegram", telegram_token())
    f.write(fill("""
        ==============================================================
        Guild: Harbor Dash Studio
        Channel: dev-chat / #backend
        ==============================================================

        [13-May-24 08:02 PM] ravel
        anyone know why the bot is offline?

        [13-May-24 08:04 PM] kstrom
        i regenerated the token last night, new one: @{bot}
        update the .ini on the build box pls

        [13-May-24 08:05 PM] ravel
        ok. also the patch-notes webhook, is it still @{hook} ?

        [13-May-24 08:06 PM] kstrom
        yep. and the telegram relay bot for the mobile testers is @{tg}

        [13-May-24 08:07 PM] modbot
        ⚠ Message from kstrom may contain a credential. Please rotate it.

        [13-May-24 08:09 PM] ravel
        lol ok. commit for the fix is @{sha}
    """, bot=bot, hook=hook, tg=tg, sha=f.n(sha1hex()[:12])))


def b_slack_export():
    f = F("chat/slack-export/ops/2024-03-11.json")
    nt = f.s("notion", prefixed("ntn_", 11, DIGITS) + rs(35))
    asn = f.s("asana", asana_pat())
    msgs = [
        {"type": "message", "user": "U0" + rs(9, UALNUM), "text": "Who owns the notion -> asana sync job?", "ts": "1710151041.112349"},
        {"type": "message", "user": "U0" + rs(9, UALNUM),
         "text": f"me. it uses the integration token {nt} and my asana PAT (will move both to doppler)",
         "ts": "1710151102.223419", "thread_ts": "1710151041.112349"},
        {"type": "message", "user": "U0" + rs(9, UALNUM), "text": f"fyi the asana one is `{asn}`",
         "ts": "1710151160.441902", "thread_ts": "1710151041.112349"},
        {"type": "message", "subtype": "bot_message", "bot_id": "B0" + rs(9, UALNUM),
         "text": "Deploy finished for sync-jobs @ " + f.n(sha1hex()[:7]), "ts": "1710151399.000100"},
    ]
    f.write(json.dumps(msgs, indent=4))


def b_github_issue():
    f = F("issues/1423-calendly-webhook-401.md")
    pat = f.s("calendly", calendly_pat())
    f.write(fill("""
        ### Describe the bug

        Creating the webhook subscription for invitee events returns `401 Unauthenticated` since we rotated
        the Calendly token. Repro below (yes I know, token will be rotated after this is fixed):

        ```bash
        curl --request POST \\
          --url https://api.calendly.com/webhook_subscriptions \\
          --header 'Authorization: Bearer @{pat}' \\
          --header 'Content-Type: application/json' \\
          --data '{"url":"https://hooks.harborlane.io/calendly","events":["invitee.created"],"organization":"https://api.calendly.com/organizations/@{org}","scope":"organization"}'
        ```

        Response:

        ```json
        {"title":"Unauthenticated","message":"The access token is invalid"}
        ```

        ### Environment
        - scheduler-service `v2.7.1` (commit @{sha})
        - X-Request-Id: `@{rid}`
    """, pat=pat, org=f.n(rs(16, UALNUM)), sha=f.n(sha1hex()), rid=f.n(uuid4())))


def b_pr_description():
    f = F("issues/PR-2291-rotate-observability-tokens.md")
    old = f.s("sentry", prefixed("sntryu_", 64, HEX))
    f.write(fill("""
        ## Rotate observability tokens

        Follow-up to INC-318. This PR only changes references; values live in Doppler (`prd_observability`).

        - Sentry: replaced the personal token that was hardcoded in `scripts/release.sh`
          (old value `@{old}` -- revoked 2024-05-13, keeping it here for the audit trail)
        - GitLab: `GITLAB_TOKEN` now read from CI variables; docs use `glpat-XXXXXXXXXXXXXXXXXXXX`
        - Grafana: `glsa_<token>` placeholder in README

        Commits:
        - @{c1} chore: drop hardcoded sentry token
        - @{c2} docs: placeholders for tokens

        Checklist
        - [x] tokens revoked
        - [x] `scripts/check-secrets.sh` passes
    """, old=old, c1=f.n(sha1hex()[:7]), c2=f.n(sha1hex()[:7])))


def b_jira_ticket():
    f = F("tickets/jira/OPS-1177.txt")
    og = f.s("opsgenie", uid())
    pd = f.s("pagerduty", hexs(32))
    f.write(fill("""
        [OPS-1177] Migrate alert routing from Opsgenie to PagerDuty
        Type: Task    Priority: High    Status: In Progress
        Reporter: Dan Okafor    Assignee: Keiko Sato
        Labels: alerting, q2-migration

        Description:
        During the transition both integrations stay live.
        * Opsgenie API integration (GenieKey): @{og}
        * PagerDuty Events v2 routing key for "Checkout": @{pd}
        * Datadog monitors reference @pagerduty-Checkout and @opsgenie-checkout

        Comments:
        Keiko Sato - 13/May/24 4:12 PM
        Please move the keys to the vault entry ops/alerting and edit this description.
        Dan Okafor - 13/May/24 4:40 PM
        Will do. Dashboard: https://harborlane.atlassian.net/jira/dashboards/10422
    """, og=og, pd=pd))


def b_postmortem():
    f = F("mail/incident-postmortem-INC-318.txt")
    leaked = f.s("github", gh("ghp_"))
    f.write(fill("""
        INC-318 post-mortem: leaked credentials in public gist
        =====================================================

        Summary
        -------
        On 2024-05-12 a gist containing deployment notes was made public for ~3 hours.

        What was exposed
        ----------------
        * an AWS key pair (access key AKIA2E0A8F3B...; full value in the security channel, already deactivated)
        * a GitHub PAT belonging to the release bot:
              @{leaked}
          revoked at 14:52 UTC by GitHub secret scanning
        * the AWS docs snippet credentials (@{ex}) -- not real, ignore

        Timeline (UTC)
        --------------
        11:48  gist published (revision @{rev})
        14:49  GitHub secret scanning alert
        14:52  token revoked automatically
        15:30  access key deactivated

        Action items
        ------------
        1. pre-commit hook for all repos (owner: Platform)
        2. move release bot to a GitHub App (owner: DevEx)
    """, leaked=leaked, ex=f.n(AWS_DOC_AKID), rev=f.n(sha1hex())))


# ==========================================================================
# builders: docs, wikis, runbooks, API specs
# ==========================================================================
def b_readme():
    f = F("repos/research-agent/README.md")
    co = f.s("cohere", alnum(40))
    f.write(fill("""
        # research-agent

        Small service that answers internal questions over our docs.

        ## Setup

        ```bash
        cp .env.template .env
        # fill in the keys, see the table below
        export OPENAI_API_KEY=<your-openai-key>
        export PERPLEXITY_API_KEY="$(op read op://dev/perplexity/credential)"
        ```

        | variable | where to get it |
        |---|---|
        | `OPENAI_API_KEY` | platform.openai.com → API keys (`sk-proj-...`) |
        | `COHERE_API_KEY` | dashboard.cohere.com |
        | `LINEAR_API_KEY` | Linear → Settings → API (`lin_api_...`) |

        ## Running the reranker locally

        The reranker runs against Cohere. For the demo laptop we used:

        ```bash
        export COHERE_API_KEY=@{co}
        python -m research_agent.rerank --top-k 20 "how do refunds work"
        ```

        ## Troubleshooting

        * `401` from Cohere → the key was rotated, ask in #research-agent
        * `ValueError: OPENAI_API_KEY not set` → `source .env`
    """, co=co))


def b_wiki_vendor_access():
    f = F("docs/wiki/Vendor-Integrations.md")
    f.write(fill("""
        # Vendor integrations (internal)

        > Owner: Platform team. Last reviewed 2024-04-30.

        ## Video & meetings

        | Vendor | App | Client ID | Client secret |
        |---|---|---|---|
        | Zoom | hl-scheduler (Server-to-Server OAuth) | `@{zid}` | `@{zs}` |
        | Box | hl-docs-sync | `@{bid}` | `@{bs}` |

        Webex bot used for the #facilities space: token lives in Vault at `kv/facilities/webex-bot`.

        ## Media

        Spotify app "harborlane-radio" (client credentials flow):

        - client id: `@{spid}`
        - client secret: `@{sps}`

        Twitch extension for the Harbor Dash stream:

        - client id: `@{twid}`
        - client secret: `@{tws}`

        ## DocuSign

        Integration key `@{dsik}` (JWT grant). The RSA private key is in `keys/docusign/private.key`.
        Account base URI: https://eu.docusign.net
    """, zid=f.n(rs(22)), zs=f.s("zoom", alnum(32)), bid=f.n(rs(32, LALNUM)), bs=f.s("box", alnum(32)),
spid=f.n(rs(32, HEX)), sps=f.s("spotify", hexs(32)),
        twid=f.n(rs(30, LALNUM)), tws=f.s("twitch", alnum(30, LALNUM)), dsik=f.n(uuid4())))


def b_docusign_key():
    f = F("keys/docusign/private.key")
    f.write(f.s("docusign", rsa_private_pem("pkcs1")))


def b_runbook_mail():
    f = F("docs/runbooks/rotate-mail-and-paging-keys.md")
    mg = f.s("mailgun", mailgun_key())
    pd = f.s("pagerduty", alnum(20, ALNUM + "-_+"))
    f.write(fill("""
        # Runbook: rotating mail & paging keys

        ## Mailgun

        1. Create the new key in the Mailgun UI (Sending → API keys).
        2. Check it works before switching:

        ```bash
        curl -s --user 'api:@{mg}' \\
          https://api.mailgun.net/v3/domains/mg.harborlane.io | jq .domain.state
        ```

        3. Update Doppler `prd_mail/MAILGUN_API_KEY`, redeploy `notifier`.

        ## PagerDuty

        ```bash
        curl -s https://api.pagerduty.com/services?limit=5 \\
          -H "Accept: application/vnd.pagerduty+json;version=2" \\
          -H "Authorization: Token token=@{pd}"
        ```

        ## Datadog

        ```bash
        curl -s "https://api.datadoghq.com/api/v1/validate" -H "DD-API-KEY: ${DD_API_KEY}"
        ```
    """, mg=mg, pd=pd))


def b_runbook_restore():
    f = F("docs/runbooks/db-restore.md")
    neon_pw = f.s("neon", prefixed("npg_", 12))
    mongo_pw = f.s("mongodb", password(18, ""))
    pscale = f.s("planetscale", prefixed("pscale_pw_", 43, ALNUM + "_-"))
    f.write(fill("""
        # Restoring databases to a scratch environment

        ## Postgres (Neon branch)

        ```bash
        export PGPASSWORD='@{neon}'
        pg_restore --no-owner -d "postgresql://restore_bot@ep-@{ep}.us-east-2.aws.neon.tech/neondb?sslmode=require" ./ledger.dump
        ```

        ## MongoDB Atlas

        ```bash
        mongorestore --uri "mongodb+srv://restore:@{mongo}@ledger-scratch.x7kq2.mongodb.net" --gzip --archive=ledger.archive.gz
        ```

        ## PlanetScale (MySQL)

        ```bash
        mysql -h aws.connect.psdb.cloud -u @{psu} -p'@{pscale}' --ssl-mode=VERIFY_IDENTITY bookings < bookings.sql
        ```

        Checksum of the dump we tested with: `sha256:@{sum}`.
    """, neon=neon_pw, ep=f.n(rs(6, LOWER) + "-" + rs(6, LOWER) + "-" + rs(8, LALNUM)), mongo=mongo_pw,
        psu=f.n(rs(12, LALNUM)), pscale=pscale, sum=f.n(sha256hex())))


def b_openapi():
    f = F("docs/api/openapi.yaml")
    mi = f.s("mistral", alnum(32))
    f.write(fill("""
        openapi: 3.0.3
        info:
          title: Harborlane Summaries API
          version: 1.4.0
        servers:
          - url: https://api.harborlane.io/summaries
        components:
          securitySchemes:
            bearerAuth:
              type: http
              scheme: bearer
            apiKeyHeader:
              type: apiKey
              in: header
              name: X-Api-Key
          schemas:
            Summary:
              type: object
              properties:
                id:
                  type: string
                  format: uuid
                  example: @{id}
                checksum:
                  type: string
                  example: "@{sum}"
        paths:
          /v1/summaries:
            post:
              summary: Create a summary
              security:
                - bearerAuth: []
              parameters:
                - in: header
                  name: X-Upstream-Key
                  description: Key forwarded to the model provider (Mistral). Defaults to the shared key.
                  schema:
                    type: string
                    default: @{mi}
                - in: header
                  name: X-Api-Key
                  schema:
                    type: string
                  example: <api-key>
              responses:
                '201':
                  description: Created
                  headers:
                    X-Request-Id:
                      schema:
                        type: string
                      example: req_@{rid}
    """, id=f.n(uuid4()), sum=f.n(sha256hex()), mi=mi, rid=f.n(rs(24))))


def b_adr():
    f = F("docs/adr/0007-secrets-management.md")
    f.write(fill("""
        # ADR 0007: Secrets management

        ## Status
        Accepted (2024-02-19)

        ## Context
        Credentials are currently spread over `.env` files, CI variables and a few hardcoded values.
        Token formats we care about include GitHub (`ghp_`, `github_pat_`), Vault (`hvs.`), Doppler
        (`dp.st.<env>.`) and 1Password service accounts (`ops_`).

        ## Decision
        * Runtime secrets come from Vault at `kv/data/<team>/<service>`, e.g.
          `vault kv get -field=password kv/billing/db`.
        * CI reads from Doppler: `doppler run --project ledger --config prd -- ./deploy.sh`.
        * Local development uses `op run --env-file=.env.tpl`, where `.env.tpl` holds references such as
          `STRIPE_SECRET_KEY=op://Engineering/Stripe/secret-key`.
        * Kubernetes workloads use ExternalSecrets with `remoteRef.key: billing/db`.

        ## Consequences
        Every value in git must be a reference (`${VAR}`, `{{ .Values.x }}`, `op://`, `vault:`), never a literal.
        Rotation runbooks live in `docs/runbooks/`. Decision record hash: @{h}.
    """, h=f.n(sha1hex())))



def b_vault_runbook():
    f = F("docs/runbooks/vault-bootstrap.md")
    root = f.s("vault", vault_token())
    keys = [f.s("vault", b64key(32)) for _ in range(3)]
    f.write(fill("""
        # Vault bootstrap (lab cluster)

        Output of `vault operator init -key-shares=3 -key-threshold=2` on lab-vault-0, 2024-04-03:

        ```
        Unseal Key 1: @{k1}
        Unseal Key 2: @{k2}
        Unseal Key 3: @{k3}

        Initial Root Token: @{root}
        ```

        Then:

        ```bash
        vault operator unseal   # x2
        export VAULT_ADDR=https://lab-vault.internal:8200
        vault login "$VAULT_ROOT_TOKEN"
        vault secrets enable -path=kv kv-v2
        ```
    """, k1=keys[0], k2=keys[1], k3=keys[2], root=root))


# ==========================================================================
# builders: application source code
# ==========================================================================
def b_stripe_client():
    f = F("repos/payments-api/src/payments/stripe_client.py")
    f.write(fill('''
        """Thin wrapper around the Stripe SDK."""
        import os

        import stripe

        # prefer the env; the restricted key below is only used by the nightly reconciliation cron
        stripe.api_key = os.environ.get("STRIPE_SECRET_KEY") or "@{sk}"
        RECON_KEY = "@{rk}"
        PUBLISHABLE = "@{pk}"


        def reconcile(day):
            return stripe.BalanceTransaction.list(created={"gte": day}, api_key=RECON_KEY, limit=100)
    ''', sk=f.s("stripe", stripe_key("sk_live_")), rk=f.s("stripe", stripe_key("rk_live_")),
        pk=f.n(stripe_key("pk_live_"))))



def b_salesforce_ts():
    f = F("repos/crm-sync/src/integrations/salesforce.ts")
    f.write(fill("""
        import jsforce from 'jsforce';

        const INSTANCE_URL = 'https://harborlane.my.salesforce.com';
        // session captured from the sfdx org for the one-off backfill (2024-05-10)
        const ACCESS_TOKEN = '@{sf}';

        export const conn = new jsforce.Connection({ instanceUrl: INSTANCE_URL, accessToken: ACCESS_TOKEN, version: '60.0' });

        export async function openOpportunities() {
          return conn.query("SELECT Id, Name, StageName FROM Opportunity WHERE IsClosed = false");
        }
    """, sf=f.s("salesforce", salesforce_token())))


def b_llm_providers():
    f = F("repos/research-agent/research_agent/providers.py")
    f.write(fill('''
        """Model provider registry. Keys are read from the environment first."""
        import os

        DEFAULTS = {
            "deepseek": {"base_url": "https://api.deepseek.com", "key": "@{ds}"},
            "mistral": {"base_url": "https://api.mistral.ai/v1", "key": os.getenv("MISTRAL_API_KEY", "")},
            "together": {"base_url": "https://api.together.xyz/v1", "key": "@{tg}"},
            "stability": {"base_url": "https://api.stability.ai", "key": "@{st}"},
            "assemblyai": {"base_url": "https://api.assemblyai.com/v2", "key": "@{aai}"},
            "gemini": {"base_url": "https://generativelanguage.googleapis.com", "key": "@{gm}"},
            "local": {"base_url": "http://localhost:11434", "key": "ollama"},
        }


        def key_for(name: str) -> str:
            env = os.getenv(f"{name.upper()}_API_KEY")
            return env or DEFAULTS[name]["key"]
    ''', ds=f.s("deepseek", prefixed("sk-", 32, HEX)), tg=f.s("together", hexs(64)),
        st=f.s("stability", prefixed("sk-", 48)), aai=f.s("assemblyai", hexs(32)),
        gm=f.s("gemini", google_api_key())))


def b_azure_llm():
    f = F("repos/research-agent/research_agent/cloud_llm.py")
    f.write(fill('''
        from openai import AzureOpenAI
        import boto3
        import os

        azure = AzureOpenAI(
            api_key="@{az}",
            api_version="2024-02-01",
            azure_endpoint="https://hl-openai-eastus.openai.azure.com",
        )

        # Bedrock long-term API key (console "API keys" page), used as a bearer token
        os.environ.setdefault("AWS_BEARER_TOKEN_BEDROCK", "@{br}")
        bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")

        # Vertex AI uses ADC; nothing to configure here
        VERTEX_PROJECT = "harborlane-ml"
    ''', az=f.s("azure-openai", hexs(32)), br=f.s("bedrock", bedrock_key())))


def b_ai_gateway():
    f = F("repos/ai-gateway/src/keys.ts")
    f.write(fill("""
        // Upstream credentials for the internal AI gateway.
        // TODO(AIG-14): load from Doppler instead of this file.
        export const upstreams = {
          anthropic: { key: '@{an}', baseUrl: 'https://api.anthropic.com' },
          openaiAdmin: { key: '@{oa}', baseUrl: 'https://api.openai.com/v1/organization' },
          groq: { key: '@{gq}', baseUrl: 'https://api.groq.com/openai/v1' },
          elevenlabs: { key: '@{el}', baseUrl: 'https://api.elevenlabs.io/v1' },
          deepgram: { key: '@{dg}', baseUrl: 'https://api.deepgram.com/v1' },
          huggingface: { key: '@{hf}', baseUrl: 'https://api-inference.huggingface.co' },
          perplexity: { key: process.env.PPLX_KEY ?? '', baseUrl: 'https://api.perplexity.ai' },
        } as const;

        export const gatewayBuild = '@{sha}';
    """, an=f.s("anthropic", anthropic_key()), oa=f.s("openai", openai_key("admin")),
        gq=f.s("groq", prefixed("gsk_", 52)), el=f.s("elevenlabs", prefixed("sk_", 48, HEX)),
        dg=f.s("deepgram", hexs(40)), hf=f.s("huggingface", hf_token()), sha=f.n(sha1hex())))


def b_go_worker():
    f = F("repos/commerce-worker/cmd/worker/main.go")
    f.write(fill("""
        package main

        import (
        	"log"
        	"os"

        	"github.com/harborlane/commerce-worker/internal/shop"
        	"github.com/harborlane/commerce-worker/internal/square"
        )

        const (
        	shopDomain        = "harborlane-outfitters.myshopify.com"
        	shopAdminToken    = "@{shp}"
        	shopWebhookSecret = "@{shs}"
        	squareAppID       = "sq0idp-@{sqid}"
        	squareAppSecret   = "@{sqs}"
        )

        func main() {
        	token := os.Getenv("SHOPIFY_ADMIN_TOKEN")
        	if token == "" {
        		token = shopAdminToken
        	}
        	s := shop.New(shopDomain, token, shopWebhookSecret)
        	sq := square.NewOAuth(squareAppID, squareAppSecret)
        	if err := run(s, sq); err != nil {
        		log.Fatal(err)
        	}
        }
    """, shp=f.s("shopify", shopify_token("shpat_")), shs=f.s("shopify", shopify_token("shpss_")),
        sqid=f.n(rs(22, ALNUM + "-_")), sqs=f.s("square", square_token("oauth"))))


def b_coinbase_java():
    f = F("repos/settlement-jvm/src/main/java/io/harborlane/settlement/CoinbaseKeys.java")
    key = ec_private_pem("sec1")
    f.s("coinbase", key, multiline=True)
    lines = key.split("\n")
    java_lines = []
    for i, ln in enumerate(lines):
        tail = " +" if i < len(lines) - 1 else ";"
        esc = "\\n" if i < len(lines) - 1 else "\\n"
        java_lines.append(f'        "{ln}{esc}"{tail}')
    f.write(fill("""
        package io.harborlane.settlement;

        /** Coinbase Developer Platform key used by the settlement job. */
        final class CoinbaseKeys {
            static final String KEY_NAME = "organizations/@{org}/apiKeys/@{kid}";

            static final String PRIVATE_KEY =
        @{body}

            private CoinbaseKeys() {}
        }
    """, org=f.n(uuid4()), kid=f.n(uuid4()), body="\n".join(java_lines)))


def b_firebase_admin():
    f = F("repos/ops-dashboard/server/firebase.ts")
    _, key = gcp_service_account("harborlane-ops", "firebase-adminsdk-" + rs(5, LALNUM))
    f.s("firebase", jesc(key), multiline=True)
    f.write(fill("""
        import { initializeApp as initClient } from 'firebase/app';
        import admin from 'firebase-admin';

        // web config: public by design
        export const firebaseConfig = {
          apiKey: '@{api}',
          authDomain: 'harborlane-ops.firebaseapp.com',
          projectId: 'harborlane-ops',
          storageBucket: 'harborlane-ops.appspot.com',
          messagingSenderId: '@{sender}',
          appId: '1:@{sender}:web:@{appid}',
        };
        export const clientApp = initClient(firebaseConfig);

        admin.initializeApp({
          credential: admin.credential.cert({
            projectId: 'harborlane-ops',
            clientEmail: 'firebase-adminsdk@harborlane-ops.iam.gserviceaccount.com',
            privateKey: "@{key}".replace(/\\\\n/g, '\\n'),
          }),
        });
    """, api=f.s("google-api-key", google_api_key()), sender=f.n(nz_digits(12)), appid=f.n(rs(22, HEX)), key=jesc(key)))


def b_deploy_sh():
    f = F("repos/storefront-web/scripts/deploy.sh")
    f.write(fill("""
        #!/usr/bin/env bash
        set -euo pipefail

        # one-off deploy script used while CI was down (2024-05-02)
        export VERCEL_ORG_ID=team_@{org}
        export VERCEL_PROJECT_ID=prj_@{prj}
        export VERCEL_TOKEN=@{vt}
        export RAILWAY_TOKEN=@{rw}
        export NETLIFY_AUTH_TOKEN=@{nf}
        export NETLIFY_SITE_ID=@{site}

        npx vercel pull --yes --environment=production --token="$VERCEL_TOKEN"
        npx vercel build --prod
        npx vercel deploy --prebuilt --prod --token="$VERCEL_TOKEN"

        railway up --service storefront-worker --detach
        npx netlify deploy --dir=storybook-static --prod --site "$NETLIFY_SITE_ID"
    """, org=f.n(rs(24)), prj=f.n(rs(28)), vt=f.s("vercel", alnum(24)), rw=f.s("railway", uid()),
        nf=f.s("netlify", prefixed("nfp_", 36)), site=f.n(uuid4())))


def b_seed_analytics():
    f = F("repos/growth/scripts/backfill_events.py")
    f.write(fill('''
        """Backfill historical events into Mixpanel, Amplitude and Segment."""
        import requests

        MIXPANEL_PROJECT_TOKEN = "@{mpt}"      # public ingestion token
        MIXPANEL_API_SECRET = "@{mps}"
        AMPLITUDE_API_KEY = "@{ampk}"          # public browser key
        AMPLITUDE_SECRET_KEY = "@{amps}"
        SEGMENT_WRITE_KEY = "@{wk}"            # same value as in analytics.js on the site


        def import_mixpanel(batch):
            return requests.post(
                "https://api.mixpanel.com/import?strict=1",
                auth=(MIXPANEL_API_SECRET, ""),
                json=batch,
                timeout=30,
            )
    ''', mpt=f.n(rs(32, HEX)), mps=f.s("mixpanel", hexs(32)), ampk=f.n(rs(32, HEX)),
        amps=f.s("amplitude", hexs(32)), wk=f.n(rs(32))))


def b_search_indexer():
    f = F("repos/storefront/lib/search/indexer.rb")
    f.write(fill("""
        # frozen_string_literal: true

        module Search
          class Indexer
            ALGOLIA_APP_ID = "@{app}"
            ALGOLIA_SEARCH_KEY = "@{search}" # shipped to the browser
            ALGOLIA_ADMIN_KEY = ENV.fetch("ALGOLIA_ADMIN_KEY", "@{admin}")
            MEILI_URL = "https://search.harborlane.io"
            MEILI_ADMIN_KEY = "@{meili}"
            TYPESENSE_ADMIN_KEY = Rails.application.credentials.dig(:typesense, :admin_key)
            ELASTIC_CLOUD_ID = "harborlane-prod:@{cloudid}"
            ELASTIC_API_KEY = "@{es}"

            def self.client
              @client ||= Algolia::SearchClient.create(ALGOLIA_APP_ID, ALGOLIA_ADMIN_KEY)
            end
          end
        end
    """, app=f.n(rs(10, UALNUM)), search=f.n(rs(32, HEX)), admin=f.s("algolia", hexs(32)),
        meili=f.s("meilisearch", hexs(64)), cloudid=f.n(b64(("us-east-2.aws.elastic-cloud.com$" + rs(32, HEX) + "$" + rs(32, HEX)).encode())),
        es=f.s("elastic", elastic_api_key())))


def b_notify_channels():
    f = F("repos/notifier/src/channels.ts")
    f.write(fill("""
        import Pusher from 'pusher';
        import Ably from 'ably';
        import PubNub from 'pubnub';
        import { StreamChat } from 'stream-chat';

        export const pusher = new Pusher({
          appId: '@{pid}',
          key: '@{pkey}',
          secret: '@{psec}',
          cluster: 'eu',
          useTLS: true,
        });

        export const ably = new Ably.Rest({ key: '@{ably}' });

        export const pubnub = new PubNub({
          subscribeKey: 'sub-c-@{sub}',
          secretKey: '@{pn}',
          userId: 'notifier',
        });

        export const stream = StreamChat.getInstance('@{skey}', '@{ssec}');
    """, pid=f.n(nz_digits(7)), pkey=f.n(rs(20, HEX)), psec=f.s("pusher", hexs(20)), ably=f.s("ably", ably_key()),
        sub=f.n(uuid4()), pn=f.s("pubnub", pubnub_secret()), skey=f.n(rs(12, LALNUM)), ssec=f.s("stream", alnum(64, LALNUM))))


def b_observability_init():
    f = F("repos/fleet-admin/fleet_admin/observability.py")
    f.write(fill('''
        import os

        from datadog import initialize
        import newrelic.agent
        import rollbar
        import sentry_sdk

        initialize(
            api_key=os.getenv("DD_API_KEY", "@{dd}"),
            app_key=os.getenv("DD_APP_KEY", "@{ddapp}"),
        )

        newrelic.agent.initialize(environment="production")
        os.environ.setdefault("NEW_RELIC_LICENSE_KEY", "@{nr}")
        os.environ.setdefault("NEW_RELIC_BROWSER_KEY", "@{nrjs}")

        HONEYCOMB_INGEST_KEY = "@{hc}"
        rollbar.init("@{rb}", environment="production")
        ROLLBAR_CLIENT_TOKEN = "@{rbc}"  # post_client_item, embedded in the web app
        sentry_sdk.init(dsn="https://@{dsn}@o@{org}.ingest.sentry.io/@{proj}", traces_sample_rate=0.05)
    ''', dd=f.s("datadog", hexs(32)), ddapp=f.s("datadog", hexs(40)), nr=f.s("newrelic", hexs(36) + "NRAL"),
        nrjs=f.n("NRJS-" + rs(19, HEX)), hc=f.s("honeycomb", prefixed("hcaik_01", 24, LALNUM) + rs(32, LALNUM)),
        rb=f.s("rollbar", hexs(32)), rbc=f.n(rs(32, HEX)), dsn=f.n(rs(32, HEX)), org=nz_digits(6), proj=nz_digits(7)))


def b_pagerduty_go():
    f = F("repos/oncall-bot/internal/sync/pagerduty.go")
    f.write(fill("""
        package sync

        import (
        	"context"

        	"github.com/PagerDuty/go-pagerduty"
        )

        // service account token for the on-call bot (read-only schedules)
        const pdToken = "@{pd}"

        // Linear is used to open follow-up issues after incidents.
        var linearKey = "@{lin}"

        func Schedules(ctx context.Context) ([]pagerduty.Schedule, error) {
        	c := pagerduty.NewClient(pdToken)
        	resp, err := c.ListSchedulesWithContext(ctx, pagerduty.ListSchedulesOptions{Limit: 50})
        	if err != nil {
        		return nil, err
        	}
        	return resp.Schedules, nil
        }
    """, pd=f.s("pagerduty", prefixed("u+", 18, ALNUM + "-_")), lin=f.s("linear", prefixed("lin_api_", 40))))


def b_collab_sync():
    f = F("repos/sync-jobs/jobs/workspace_sync.py")
    f.write(fill('''
        """Nightly sync between Notion, ClickUp, monday.com and Airtable."""
        from notion_client import Client as Notion

        NOTION_TOKEN = "@{nt}"
        CLICKUP_TOKEN = "@{cu}"
        MONDAY_TOKEN = "@{md}"
        AIRTABLE_PAT = "@{at}"
        AIRTABLE_BASE = "app@{base}"

        notion = Notion(auth=NOTION_TOKEN)


        def clickup_headers():
            return {"Authorization": CLICKUP_TOKEN, "Content-Type": "application/json"}
    ''', nt=f.s("notion", prefixed("secret_", 43)), cu=f.s("clickup", "pk_" + nz_digits(8) + "_" + rs(32, UALNUM)),
        md=f.s("monday", monday_token()), at=f.s("airtable", "pat" + rs(14) + "." + hexs(64)),
        base=f.n(rs(14))))


def b_okta_ts():
    f = F("repos/identity-admin/src/okta.ts")
    f.write(fill("""
        import okta from '@okta/okta-sdk-nodejs';
        import { ManagementClient } from 'auth0';

        export const oktaClient = new okta.Client({
          orgUrl: 'https://harborlane.okta.com/',
          token: '@{ok}',
        });

        export const auth0 = new ManagementClient({
          domain: 'harborlane.eu.auth0.com',
          clientId: '@{cid}',
          clientSecret: '@{cs}',
        });
    """, ok=f.s("okta", prefixed("00", 40, ALNUM + "-_")), cid=f.n(rs(32)),
        cs=f.s("auth0", alnum(64, ALNUM + "-_"))))


def b_email_php():
    f = F("repos/booking-portal/app/Mail/Providers.php")
    f.write(fill("""
        <?php

        namespace App\\Mail;

        final class Providers
        {
            public const MAILJET_PUBLIC = '@{mjp}';
            public const MAILJET_PRIVATE = '@{mjs}';
            public const SPARKPOST_KEY = '@{sp}';
            public const POSTMARK_SERVER_TOKEN = '@{pm}';
            public const BREVO_KEY = '@{bv}';

            public static function fromEnv(): array
            {
                return [
                    'mailjet' => [getenv('MJ_APIKEY_PUBLIC'), getenv('MJ_APIKEY_PRIVATE')],
                    'resend' => getenv('RESEND_API_KEY'),
                ];
            }
        }
    """, mjp=f.n(rs(32, HEX)), mjs=f.s("mailjet", hexs(32)), sp=f.s("sparkpost", hexs(40)),
        pm=f.s("postmark", uid()), bv=f.s("brevo", brevo_key())))


def b_sms_rb():
    f = F("repos/notifier-rb/lib/sms_providers.rb")
    f.write(fill("""
        module SmsProviders
          VONAGE = { api_key: "@{vk}", api_secret: "@{vs}" }.freeze
          MESSAGEBIRD_KEY = "@{mb}"
          PLIVO = { auth_id: "@{pid}", auth_token: "@{pt}" }.freeze
          TELNYX_API_KEY = ENV["TELNYX_API_KEY"]
          TWILIO_ACCOUNT_SID = ENV.fetch("TWILIO_ACCOUNT_SID")
          TWILIO_AUTH_TOKEN = ENV.fetch("TWILIO_AUTH_TOKEN")
        end
    """, vk=f.n(rs(8, HEX)), vs=f.s("vonage", alnum(16)), mb=f.s("messagebird", alnum(25)),
        pid=f.n("MA" + rs(18, UALNUM)), pt=f.s("plivo", alnum(40))))


def b_payments_africa():
    f = F("repos/payments-api/src/providers/regional.ts")
    f.write(fill("""
        export const regional = {
          paystack: { secretKey: '@{ps}', publicKey: '@{pspk}' },
          flutterwave: { secretKey: '@{fl}', publicKey: 'FLWPUBK-@{flpk}-X' },
          mollie: { apiKey: '@{mo}' },
          razorpay: {
            keyId: '@{rzid}',
            keySecret: '@{rzs}',
          },
        };
    """, ps=f.s("paystack", prefixed("sk_live_", 40, HEX)), pspk=f.n("pk_live_" + rs(40, HEX)),
        fl=f.s("flutterwave", prefixed("FLWSECK-", 32, HEX, "-X")), flpk=f.n(rs(32, HEX)),
        mo=f.s("mollie", prefixed("live_", 30)), rzid=f.n(prefixed("rzp_live_", 14)),
        rzs=f.s("razorpay", alnum(24))))


def b_geo_maps():
    f = F("repos/route-optimizer/route_optimizer/geo.py")
    f.write(fill('''
        """Geocoding / tiles clients."""
        HERE_API_KEY = "@{here}"
        TOMTOM_API_KEY = "@{tt}"
        MAPBOX_PUBLIC_TOKEN = "@{pk}"   # used by the web map, URL-restricted
        MAPBOX_SECRET_TOKEN = "@{sk}"   # styles:write, uploads:write
        TILE_URL = "https://api.mapbox.com/styles/v1/harborlane/{style}/tiles/{z}/{x}/{y}?access_token={token}"
    ''', here=f.s("here", alnum(43, ALNUM + "-_")), tt=f.s("tomtom", alnum(32)), pk=f.n(mapbox_token("pk")),
        sk=f.s("mapbox", mapbox_token("sk"))))


def b_jira_sync():
    f = F("repos/sync-jobs/jobs/jira_zendesk_bridge.py")
    f.write(fill('''
        """Mirror escalated Zendesk tickets into Jira Service Management."""
        from jira import JIRA
        from zenpy import Zenpy

        JIRA_URL = "https://harborlane.atlassian.net"
        JIRA_USER = "bridge-bot@harborlane.io"
        JIRA_TOKEN = "@{at}"

        ZENDESK = {
            "subdomain": "harborlane",
            "email": "bridge-bot@harborlane.io",
            "token": "@{zd}",
        }

        jira = JIRA(server=JIRA_URL, basic_auth=(JIRA_USER, JIRA_TOKEN))
        zendesk = Zenpy(**ZENDESK)
    ''', at=f.s("atlassian", atlassian_token()), zd=f.s("zendesk", alnum(40))))


def b_secrets_bootstrap():
    f = F("repos/platform-tools/bin/bootstrap-secrets.sh")
    f.write(fill("""
        #!/usr/bin/env bash
        # Bootstraps a fresh runner with access to our secret stores.
        set -euo pipefail

        export OP_SERVICE_ACCOUNT_TOKEN="@{op}"
        export BWS_ACCESS_TOKEN="@{bw}"
        export VAULT_ADDR="https://vault.internal:8200"
        export VAULT_TOKEN="@{vt}"
        export DOPPLER_TOKEN="@{dp}"

        op read "op://ci/registry/password" | docker login registry.harborlane.io -u ci --password-stdin
        bws secret list "$BWS_PROJECT_ID" >/dev/null
        vault token lookup >/dev/null
        echo "secret stores reachable"
    """, op=f.s("1password", onepassword_sa()), bw=f.s("bitwarden", bitwarden_token()),
        vt=f.s("vault", vault_token()), dp=f.s("doppler", prefixed("dp.pt.", 43))))






def b_gitlab_runner():
    f = F("etc/gitlab-runner/config.toml")
    f.write(fill("""
        concurrent = 8
        check_interval = 0

        [session_server]
          session_timeout = 1800

        [[runners]]
          name = "hl-docker-01"
          url = "https://gitlab.harborlane.io/"
          id = @{id}
          token = "@{rt}"
          executor = "docker"
          [runners.docker]
            image = "alpine:3.19"
            privileged = false
            volumes = ["/cache"]
          [runners.cache]
            Type = "s3"
            [runners.cache.s3]
              ServerAddress = "s3.amazonaws.com"
              AccessKey = "@{ak}"
              SecretKey = "@{sk}"
              BucketName = "hl-runner-cache"
    """, id=R.randrange(100, 999), rt=f.s("gitlab", prefixed("glrt-", 20, ALNUM + "-_")),
        ak=f.s("aws", aws_akid()), sk=f.s("aws", aws_secret())))


# ==========================================================================
# builders: keys and certificates
# ==========================================================================
def b_ssh_keys():
    priv, pub = openssh_ed25519("deploy@harborlane-ci")
    f = F("keys/deploy/id_ed25519")
    f.write(f.s("private-key", priv))
    g = F("keys/deploy/id_ed25519.pub")
    g.write(g.n(pub))


def b_jwt_keys():
    f = F("keys/jwt/jwt-signing.pem")
    f.write(f.s("private-key", rsa_private_pem("pkcs8")))


def b_certs():
    g = F("certs/ca-bundle-internal.pem")
    g.write("# Harborlane internal CA (public)\n" + g.n(fake_cert_pem()) + "\n" + g.n(public_key_pem()))


def b_ssh_misc():
    f = F("home/ops/.ssh/authorized_keys")
    rows = [f.n(openssh_ed25519(c)[1]) for c in ["mdiaz@mbp", "kstrom@desktop"]]
    rows.append(f.n(ssh_rsa_pub("backup@nas01")))
    rows.append('command="/usr/local/bin/rrsync /srv/backups",restrict ' + f.n(openssh_ed25519("rsync@offsite")[1]))
    f.write("\n".join(rows))


# ==========================================================================
# builders: negatives-only files (no planted secrets)
# ==========================================================================
def b_package_lock():
    f = F("repos/ui-kit/package-lock.json")
    pk = {}
    for name, ver in [("react", "18.3.1"), ("react-dom", "18.3.1"), ("scheduler", "0.23.2"),
                      ("loose-envify", "1.4.0"), ("js-tokens", "4.0.0"), ("clsx", "2.1.1")]:
        pk[f"node_modules/{name}"] = {"version": ver, "resolved": f"https://registry.npmjs.org/{name}/-/{name}-{ver}.tgz",
                                      "integrity": f.n(integrity()), "license": "MIT"}
    doc = {"name": "@harborlane/ui-kit", "version": "3.2.0", "lockfileVersion": 3, "requires": True,
           "packages": {"": {"name": "@harborlane/ui-kit", "version": "3.2.0"}, **pk}}
    f.write(json.dumps(doc, indent=2))



def b_env_template():
    f = F("repos/research-agent/.env.template")
    f.write(fill("""
        # copy to .env and fill in
        OPENAI_API_KEY=<your-openai-key>
        ANTHROPIC_API_KEY=sk-ant-api03-...
        COHERE_API_KEY=
        PERPLEXITY_API_KEY=${PERPLEXITY_API_KEY}
        LINEAR_API_KEY=lin_api_********************************
        GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
        DATABASE_URL=postgres://user:password@localhost:5432/research
        SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX
        AWS_ACCESS_KEY_ID=@{ak}
        AWS_SECRET_ACCESS_KEY=@{sk}
        STRIPE_SECRET_KEY=sk_live_REPLACE_ME
        SENDGRID_API_KEY=%SENDGRID_API_KEY%
        VAULT_TOKEN=$(cat ~/.vault-token)
        REDIS_PASSWORD=changeme
    """, ak=f.n(AWS_DOC_AKID), sk=f.n(AWS_DOC_SECRET)))
    f.negs += 12


def b_external_secret():
    f = F("infra/k8s/external-secret-billing.yaml")
    f.write(fill("""
        apiVersion: external-secrets.io/v1beta1
        kind: ExternalSecret
        metadata:
          name: billing-db
          namespace: billing
        spec:
          refreshInterval: 1h
          secretStoreRef:
            name: vault-backend
            kind: ClusterSecretStore
          target:
            name: billing-db
          data:
            - secretKey: password
              remoteRef:
                key: billing/db
                property: password
            - secretKey: stripe_secret_key
              remoteRef:
                key: billing/stripe
                property: secret_key
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: billing-config
          namespace: billing
        data:
          STRIPE_PUBLISHABLE_KEY: "@{pk}"
          SENTRY_DSN: "https://@{dsn}@o@{org}.ingest.sentry.io/@{proj}"
          OTEL_EXPORTER_OTLP_HEADERS: "x-honeycomb-team=${HONEYCOMB_API_KEY}"
          JWKS_URL: https://auth.harborlane.io/.well-known/jwks.json
          JWT_KID: "@{kid}"
          REQUEST_SAMPLE_ID: "@{rid}"
        binaryData:
          banner.txt: @{b1}
          motd.txt: @{b2}
    """, pk=f.n(stripe_key("pk_live_")), dsn=f.n(rs(32, HEX)), org=nz_digits(6), proj=nz_digits(7),
        kid=f.n(rs(16, HEX)), rid=f.n(uuid4()),
        b1=f.n(b64text("Scheduled maintenance on Saturday 02:00-04:00 UTC. Bookings stay available.\n")),
        b2=f.n(b64text("Welcome to the Harborlane partner portal. Questions? partners@harborlane.io\n"))))
    f.negs += 3


def b_helm_values_tpl():
    f = F("infra/charts/billing/templates/secret.yaml")
    f.write(fill("""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {{ include "billing.fullname" . }}
          labels:
            {{- include "billing.labels" . | nindent 4 }}
        type: Opaque
        stringData:
          DB_PASSWORD: {{ .Values.db.password | quote }}
          STRIPE_SECRET_KEY: {{ required "stripe.secretKey is required" .Values.stripe.secretKey | quote }}
          SENDGRID_API_KEY: {{ .Values.sendgrid.apiKey | default "" | quote }}
          JWT_SECRET: {{ randAlphaNum 48 | b64enc | quote }}
    """))
    f.negs += 4


def b_frontend_config():
    f = F("repos/storefront-web/src/lib/publicConfig.ts")
    f.write(fill("""
        // Values in this file are PUBLIC: they are shipped to every browser.
        export const publicConfig = {
          stripePublishableKey: '@{pk}',
          sentryDsn: 'https://@{dsn}@o@{org}.ingest.sentry.io/@{proj}',
          algolia: { appId: '@{app}', searchOnlyKey: '@{search}' },
          firebase: { apiKey: '@{fb}', projectId: 'harborlane-web', appId: '1:@{num}:web:@{appid}' },
          googleOAuthClientId: '@{gcid}.apps.googleusercontent.com',
          langfusePublicKey: 'pk-lf-@{lf}',
          posthogKey: '@{phc}',
          mapboxToken: '@{mb}',
          clerkPublishableKey: '@{clpk}',
          launchDarklyClientSideId: '@{ld}',
          segmentWriteKey: '@{seg}',
          build: '@{sha}',
        };
    """, pk=f.n(stripe_key("pk_live_")), dsn=f.n(rs(32, HEX)), org=nz_digits(6), proj=nz_digits(7),
        app=f.n(rs(10, UALNUM)), search=f.n(rs(32, HEX)), fb=f.s("google-api-key", google_api_key()), num=f.n(nz_digits(12)),
        appid=f.n(rs(22, HEX)), gcid=f.n(nz_digits(12) + "-" + rs(32, LALNUM)), lf=f.n(uuid4()),
        phc=f.n("phc_" + rs(43)), mb=f.n(mapbox_token("pk")), clpk=f.n("pk_live_" + b64("clerk.harborlane.io$".encode())),
        ld=f.n(rs(24, HEX)), seg=f.n(rs(32)), sha=f.n(sha1hex())))


def b_redacted_log():
    f = F("logs/audit/secret-scan-report-2024-05.txt")
    f.write(fill("""
        Secret scan summary (May 2024)
        ==============================
        repo                   file                          type                 fingerprint (sha256, truncated)
        payments-api           src/payments/stripe_client.py stripe_secret_key    @{a}
        ui-kit                 .github/workflows/release.yml npm_token            @{b}
        storefront-web         .env.local                    clerk_secret_key     @{c}

        Redacted samples as shown to owners:
          sk_live_51N************************************************Qx2
          npm_************************************
          ghp_****************************A9fK
          xoxb-**********-**********-************************
          AKIA****************
        All findings acknowledged. Next scan: 2024-06-01.
    """, a=f.n(sha256hex()[:16]), b=f.n(sha256hex()[:16]), c=f.n(sha256hex()[:16])))
    f.negs += 5




# ==========================================================================
# builders: checksum look-alikes (wrong CRC32 -> must NOT be reported)
# ==========================================================================
def b_lookalikes():
    # 1) CI env file with several prefixed tokens whose checksum is wrong
    f = F("repos/route-optimizer/.env.ci")
    f.write(fill("""
        # generated by scripts/ci-env.sh for the "replay" job
        GH_TOKEN=@{a}
        GH_APP_INSTALLATION_TOKEN=@{b}
        NPM_TOKEN=@{c}
        NODE_ENV=production
        GITHUB_REFRESH_TOKEN=@{d}
    """, a=f.la("github", gh_lookalike("ghp_")), b=f.la("github", gh_lookalike("ghs_")),
        c=f.la("npm", gh_lookalike("npm_")), d=f.la("github", gh_lookalike("ghr_"))))

    # 2) OAuth debug log
    g = F("logs/auth/oauth-debug.log")
    T = ts_iter(11)
    lines = [
        f"{next(T)} DEBUG oauth exchange code=<redacted> client_id=Iv1.{g.n(rs(16, HEX))}",
        f"{next(T)} DEBUG oauth token issued access_token={g.la('github', gh_lookalike('gho_'))} scope=repo,read:org",
        f"{next(T)} DEBUG app user-to-server token={g.la('github', gh_lookalike('ghu_'))} expires_in=28800",
        f"{next(T)} DEBUG refresh_token={g.la('github', gh_lookalike('ghr_'))}",
        f"{next(T)} INFO  session established user_id={R.randrange(10 ** 6, 10 ** 7)} request_id={g.n(uuid4())}",
    ]
    g.write("\n".join(lines))

    # 3) npm publishing notes
    h = F("docs/runbooks/npm-publishing.md")
    h.write(fill("""
        # Publishing @harborlane packages

        The automation token used by the old Jenkins job (kept for reference, it was revoked):

        ```bash
        npm config set //registry.npmjs.org/:_authToken @{a}
        npm publish --access public
        ```

        The granular token that replaced it is stored in Doppler (`prd_ci/NPM_TOKEN`):
        `@{b}` was the first attempt and failed validation at registry.npmjs.org.
    """, a=h.la("npm", gh_lookalike("npm_")), b=h.la("npm", gh_lookalike("npm_"))))

    # 4) JSON app config with GitHub App / PAT values
    k = F("repos/oncall-bot/config/github.json")
    doc = {"appId": 412233, "installationId": 48812211,
           "installationToken": k.la("github", gh_lookalike("ghs_")),
           "fallbackPat": k.la("github", gh_lookalike("ghp_")),
           "webhookPath": "/github/events"}
    k.write(json.dumps(doc, indent=2))

    # 5) shell profile with exported tokens
    m = F("home/ci/.profile.d/tokens.sh")
    m.write(fill("""
        # sourced by the build agent
        export GITHUB_TOKEN=@{a}
        export HOMEBREW_GITHUB_API_TOKEN=@{b}
        export NPM_CONFIG__AUTH_TOKEN=@{c}
        export GH_OAUTH=@{d}
    """, a=m.la("github", gh_lookalike("ghp_")), b=m.la("github", gh_lookalike("ghp_")),
        c=m.la("npm", gh_lookalike("npm_")), d=m.la("github", gh_lookalike("gho_"))))


# ==========================================================================
# driver: build, locate, verify, write
# ==========================================================================
def line_of(text: str, idx: int) -> int:
    return text.count("\n", 0, idx) + 1


def occurrences(text: str, needle: str):
    i = text.find(needle)
    while i != -1:
        yield i
        i = text.find(needle, i + 1)


def locate(f: F, value: str, multiline: bool) -> tuple[list[int], str]:
    """Return (1-based lines, string that must appear on each line)."""
    if not multiline:
        return [line_of(f.text, i) for i in occurrences(f.text, value)], value
    parts = value.split("\n") if "\n" in value else value.split("\\n")
    anchor = parts[1][:40]
    lines = []
    for i in occurrences(f.text, anchor):
        b = f.text.rfind("-----BEGIN", 0, i)
        assert b != -1 and line_of(f.text, i) - line_of(f.text, b) <= 2, (f.path, anchor)
        lines.append(line_of(f.text, b))
    return lines, parts[0].strip().strip('"')



def yaml_check(path: str, text: str) -> bool | None:
    try:
        import yaml  # optional; the generator itself is stdlib-only
    except ImportError:
        return None

    class Loader(yaml.SafeLoader):
        pass

    def any_tag(loader, suffix, node):
        if isinstance(node, yaml.ScalarNode):
            return loader.construct_scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return loader.construct_sequence(node)
        return loader.construct_mapping(node)

    Loader.add_multi_constructor("!", any_tag)
    list(yaml.load_all(text, Loader=Loader))
    return True


YAML_SKIP = {"infra/charts/billing/templates/secret.yaml",  # Go template, not YAML until rendered
             "infra/ansible/group_vars/all/vault.yml"}      # ansible-vault ciphertext


def parse_check(f: F) -> str | None:
    p, t = f.path, f.text
    name = p.rsplit("/", 1)[-1]
    if p.endswith((".json", ".ipynb")) or name == "config.json":
        json.loads(t)
        return "json"
    if p.endswith(".toml"):
        tomllib.loads(t)
        return "toml"
    if p.endswith(".plist"):
        plistlib.loads(t.encode())
        ET.fromstring(t.encode())
        return "plist"
    if p.endswith((".xml", ".Config")):
        ET.fromstring(t.encode())
        return "xml"
    if p.endswith((".yaml", ".yml")) or name in ("config", "hosts.yml") and "/.kube/" in p:
        if p in YAML_SKIP:
            return None
        ok = yaml_check(p, t)
        return "yaml" if ok else None
    return None


def main() -> int:
    for name, fn in list(globals().items()):
        if name.startswith("b_") and callable(fn) and name != "b_wireguard":
            fn()
    b_wireguard("etc/wireguard/wg0.conf", [
        ("office-gw", "10.77.0.0/24, 192.168.10.0/24", "vpn.harborlane.io:51820"),
        ("laptop-mdiaz", "10.77.0.23/32", "203.0.113.50:51820")])

    expected, looks, problems = [], [], []
    parsed: dict[str, int] = {}
    all_values = []
    for f in FILES:
        assert f.text is not None, f"{f.path}: builder did not write"
        low_path = f.path.lower()
        seen_vals = set()
        for provider, value, multiline in f.secrets:
            if value in seen_vals:
                continue
            seen_vals.add(value)
            all_values.append((f.path, value))
            if any(w in value.lower() for w in BAD_WORDS):
                problems.append(f"{f.path}: placeholder-like word in planted value {value[:30]}")
            lines, must = locate(f, value, multiline)
            if not lines:
                problems.append(f"{f.path}: planted value not found: {value[:40]}")
            for ln in lines:
                expected.append({"path": f.path, "line": ln, "provider": provider, "_must": must})
        for provider, value in f.looks:
            lines, must = locate(f, value, False)
            assert len(lines) == 1, (f.path, value)
            looks.append({"path": f.path, "line": lines[0], "provider": provider, "_must": must, "_v": value})
        if f.secrets and any(w in low_path for w in ("test", "example", "sample", "fixture", "mock")):
            problems.append(f"{f.path}: path looks like a test file")
        kind = parse_check(f)
        if kind:
            parsed[kind] = parsed.get(kind, 0) + 1

    # ---- verification -------------------------------------------------------
    texts = {f.path: f.text for f in FILES}
    seen_lines = {}
    for e in expected + looks:
        key = (e["path"], e["line"])
        if key in seen_lines:
            problems.append(f"line listed twice: {key} ({seen_lines[key]} / {e['provider']})")
        seen_lines[key] = e["provider"]
        line = texts[e["path"]].split("\n")[e["line"] - 1]
        if e["_must"] not in line:
            problems.append(f"{key}: line does not contain its value")
    for e in expected:
        line = texts[e["path"]].split("\n")[e["line"] - 1].lower()
        for w in BAD_LINE_WORDS:
            if w in line:
                problems.append(f"{e['path']}:{e['line']}: placeholder-like word '{w}' on a planted line")
    # checksummed tokens: planted ones valid, look-alikes invalid
    tokre = re.compile(r"\b(gh[pousr]_|npm_)([A-Za-z0-9]{36})\b")
    planted_vals = {v for _, v in all_values}
    for path, v in all_values:
        for m in tokre.finditer(v):
            if not crc_ok(m.group(0), 4):
                problems.append(f"{path}: planted {m.group(0)[:8]} has a bad checksum")
    for lk in looks:
        if crc_ok(lk["_v"], 4):
            problems.append(f"{lk['path']}: look-alike has a VALID checksum")
        if lk["_v"] in planted_vals:
            problems.append("look-alike collides with planted value")
    # a planted value must not leak into another file unlabelled
    by_path_vals: dict[str, set] = {}
    for path, v in all_values:
        by_path_vals.setdefault(path, set()).add(v)
    for path, v in all_values:
        probe = v if "\n" not in v and "\\n" not in v else None
        if not probe:
            continue
        for p2, t2 in texts.items():
            if p2 != path and probe in t2 and v not in by_path_vals.get(p2, set()):
                problems.append(f"{path}: value also appears unlabelled in {p2}")

    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1

    # ---- write --------------------------------------------------------------
    if OUT.exists():
        shutil.rmtree(OUT)
    for f in FILES:
        dst = OUT / f.path
        dst.parent.mkdir(parents=True, exist_ok=True)
        with open(dst, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(f.text)
    expected.sort(key=lambda e: (e["path"], e["line"]))
    looks.sort(key=lambda e: (e["path"], e["line"]))
    with open(OUT / "expected.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for e in expected:
            fh.write(json.dumps({"path": e["path"], "line": e["line"], "provider": e["provider"]}) + "\n")
    with open(OUT / "lookalikes.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for e in looks:
            fh.write(json.dumps({"path": e["path"], "line": e["line"], "provider": e["provider"]}) + "\n")

    # re-read from disk and re-verify line contents
    for e in expected + looks:
        disk = (OUT / e["path"]).read_text(encoding="utf-8").split("\n")
        assert e["_must"] in disk[e["line"] - 1], e

    providers = sorted({e["provider"] for e in expected})
    files_with = sorted({e["path"] for e in expected})
    print(f"files written:          {len(FILES)} (+ expected.jsonl, lookalikes.jsonl)")
    print(f"files with secrets:     {len(files_with)}")
    print(f"planted occurrences:    {len(expected)}")
    print(f"distinct planted values:{len(all_values):>5}")
    print(f"providers:              {len(providers)}")
    print(f"look-alikes:            {len(looks)}")
    print(f"marked hard negatives:  {sum(f.negs for f in FILES)}")
    print(f"parse-checked files:    {parsed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
