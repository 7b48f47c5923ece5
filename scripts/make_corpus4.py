#!/usr/bin/env python3
"""Generate fixtures/corpus4: a held-out secrets corpus written independently of
the scanner (no rules, sources or other corpora were consulted).

Everything is FAKE: each credential is generated at random (fixed seed) in the
provider's documented shape (prefix, length, alphabet, checksum).  None of the
values has ever been issued by a provider.

Outputs (all under fixtures/corpus4/):
  * the corpus files themselves;
  * expected.jsonl   - one {"path", "line", "provider"} per planted secret;
  * lookalikes.jsonl - checksum look-alikes (right shape, wrong checksum) that a
                       scanner must NOT report.

Line numbers are computed from the generated text, never typed by hand, and are
verified at the end (see verify()).

Usage: python3 scripts/make_corpus4.py
"""
import base64
import datetime
import json
import random
import shutil
import string
import sys
import uuid as _uuid
import zlib
from pathlib import Path
from urllib.parse import quote

SEED = 40417
R = random.Random(SEED)
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "corpus4"

DIG = string.digits
UP = string.ascii_uppercase
LO = string.ascii_lowercase
ALNUM = UP + LO + DIG
HEX = "0123456789abcdef"
HEXU = "0123456789ABCDEF"
B64 = UP + LO + DIG + "+/"
B64U = UP + LO + DIG + "-_"
B62_GH = DIG + UP + LO            # GitHub/npm checksum alphabet: 0-9 A-Z a-z
BASE32L = "abcdefghijklmnopqrstuvwxyz234567"

# Planted values must never contain these (case-insensitive).
BANNED = ("test", "example", "xxxx", "1234", "dummy", "sample", "fake",
          "changeme", "your_")


# --------------------------------------------------------------------------
# low level random helpers
# --------------------------------------------------------------------------
def rs(n, alpha=ALNUM):
    return "".join(R.choice(alpha) for _ in range(n))


def is_clean(v):
    low = v.lower()
    return not any(b in low for b in BANNED)


def clean(fn):
    """Re-draw until the generated value holds no placeholder-like word."""
    def wrapper(*a, **k):
        for _ in range(500):
            v = fn(*a, **k)
            if is_clean(v):
                return v
        raise RuntimeError("could not draw a clean value for %s" % fn.__name__)
    wrapper.__name__ = fn.__name__
    return wrapper


def b64(b):
    return base64.b64encode(b).decode()


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def uuid4():
    return str(_uuid.UUID(int=R.getrandbits(128), version=4))


def digits(n, first="123456789"):
    return R.choice(first) + rs(n - 1, DIG)


def sha1hex():
    return rs(40, HEX)


def sha256hex():
    return rs(64, HEX)


def wrap(s, width=64):
    return [s[i:i + width] for i in range(0, len(s), width)]


# --------------------------------------------------------------------------
# checksummed formats
# --------------------------------------------------------------------------
def b62(n, width=6):
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = B62_GH[r] + out
    return out.rjust(width, "0")


def crc_body():
    body = rs(30)
    return body, b62(zlib.crc32(body.encode()))


@clean
def crc_token(prefix):
    """GitHub / npm style: prefix + 30 base62 + base62(CRC32(30 chars)), 6 wide."""
    body, cs = crc_body()
    return prefix + body + cs


@clean
def crc_lookalike(prefix):
    body, cs = crc_body()
    bad = list(cs)
    i = R.randrange(6)
    bad[i] = R.choice([c for c in ALNUM if c != cs[i]])
    bad = "".join(bad)
    assert bad != cs
    return prefix + body + bad


BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _polymod(values):
    gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = ((chk & 0x1ffffff) << 5) ^ v
        for i in range(5):
            if (top >> i) & 1:
                chk ^= gen[i]
    return chk


def _convertbits(data, frombits=8, tobits=5):
    acc = bits = 0
    out = []
    maxv = (1 << tobits) - 1
    for b in data:
        acc = (acc << frombits) | b
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            out.append((acc >> bits) & maxv)
    if bits:
        out.append((acc << (tobits - bits)) & maxv)
    return out


def bech32(hrp, payload):
    data = _convertbits(payload)
    exp = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    pm = _polymod(exp + data + [0] * 6) ^ 1
    chk = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH32[d] for d in data + chk)


@clean
def age_key():
    return bech32("age-secret-key-", R.randbytes(32)).upper()


def crc24(data):
    crc = 0xB704CE
    for b in data:
        crc ^= b << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    return crc & 0xFFFFFF


# --------------------------------------------------------------------------
# provider token generators (documented shapes)
# --------------------------------------------------------------------------
def gh(kind="ghp"):
    return crc_token(kind + "_")


def npm():
    return crc_token("npm_")


@clean
def gh_fine():
    return "github_pat_11" + rs(20, UP + DIG) + "_" + rs(59)


@clean
def gitlab(kind="glpat"):
    if kind == "glptt":
        return "glptt-" + rs(40, HEX)
    if kind == "glcbt":
        return "glcbt-" + rs(2, "123456789abcdef") + "_" + rs(20, ALNUM + "_-")
    return kind + "-" + rs(20, ALNUM + "_-")


@clean
def atbb():
    return "ATBB" + rs(32)


@clean
def atlassian(prefix="ATATT3xFfGF0"):
    return prefix + rs(171, ALNUM + "_-") + "=" + rs(8, HEXU)


@clean
def pypi():
    ident = uuid4().encode()
    cav = b'{"version": 1, "permissions": "user"}'
    raw = (b"\x02\x01\x08pypi.org\x02" + bytes([len(ident)]) + ident + b"\x00"
           + b"\x02" + bytes([len(cav)]) + cav + b"\x00\x00\x06\x20" + R.randbytes(32))
    return "pypi-" + b64u(raw)


@clean
def rubygems():
    return "rubygems_" + rs(48, HEX)


@clean
def nuget():
    return "oy2" + rs(43, BASE32L)


@clean
def dockerhub():
    return "dckr_pat_" + rs(27, ALNUM + "_-")


@clean
def crates():
    return "cio" + rs(32)


@clean
def jfrog_api():
    return "AKCp8" + rs(68)


@clean
def jfrog_ref():
    while True:
        raw = ("reftkn:01:%d:%s" % (R.randint(1900000000, 2100000000), rs(27))).encode()
        v = b64(raw)
        if "+" not in v and "/" not in v:
            return v


@clean
def vault(kind="hvs"):
    if kind == "hvb":
        return "hvb.AAAAAQ" + rs(150, ALNUM + "_-")
    return "hvs.CAESI" + rs(86, ALNUM + "_-")


@clean
def tfc():
    return rs(14) + ".atlasv1." + rs(67)


@clean
def doppler(kind="st", config=None):
    mid = (config + ".") if config else ""
    return "dp.%s.%s%s" % (kind, mid, rs(43))


@clean
def pulumi():
    return "pul-" + rs(40, HEX)


@clean
def aws_id(prefix="AKIA"):
    return prefix + rs(16, UP + "234567")


@clean
def aws_secret():
    return rs(40, ALNUM + "/+")


@clean
def aws_session():
    return "IQoJb3JpZ2luX2VjE" + rs(R.randint(330, 380), ALNUM + "/+") + "="


@clean
def azure_key():          # storage account / cosmos: 64 random bytes, base64
    return b64(R.randbytes(64))


@clean
def azure_ad_secret():
    return rs(3) + R.choice(DIG) + "Q~" + rs(34, ALNUM + "_~.-")


@clean
def azure_sig():
    return quote(b64(R.randbytes(32)), safe="")


@clean
def google_api():
    return "AIzaSy" + rs(33, ALNUM + "_-")


@clean
def gocspx():
    return "GOCSPX-" + rs(28, ALNUM + "_-")


@clean
def digitalocean(kind="dop"):
    return kind + "_v1_" + rs(64, HEX)


@clean
def alibaba_id():
    return "LTAI5t" + rs(18)


@clean
def tencent_id():
    return "AKID" + rs(32)


@clean
def cf_origin():
    return "v1.0-" + rs(24, HEX) + "-" + rs(146, HEX)


@clean
def heroku():
    return "HRKU-AA" + rs(42, ALNUM + "_-") + "_____w" + rs(10, ALNUM + "_-")


@clean
def flyio():
    return ("FlyV1 fm2_lJPECAAAAAAAA" + rs(R.randint(360, 420), B64) + ",fm2_lJPE"
            + rs(R.randint(180, 220), B64))


@clean
def sbp():
    return "sbp_" + rs(40, HEX)


@clean
def fcm_server():
    return "AAAA" + rs(7, ALNUM + "_-") + ":APA91b" + rs(134, ALNUM + "_-")


@clean
def databricks():
    return "dapi" + rs(32, HEX)


@clean
def openai(kind="proj"):
    if kind == "legacy":
        return "sk-" + rs(20) + "T3BlbkFJ" + rs(20)
    n = 58 if kind == "admin" else 74
    return "sk-%s-%sT3BlbkFJ%s" % (kind, rs(n, ALNUM + "_-"), rs(n, ALNUM + "_-"))


@clean
def anthropic(kind="api03"):
    return "sk-ant-%s-%sAA" % (kind, rs(93, ALNUM + "_-"))


@clean
def hf():
    return "hf_" + rs(34, UP + LO)


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
    return "sk-or-v1-" + rs(64, HEX)


@clean
def langsmith(kind="pt"):
    return "lsv2_%s_%s_%s" % (kind, rs(32, HEX), rs(10, HEX))


@clean
def pinecone():
    return "pcsk_" + rs(6) + "_" + rs(63)


@clean
def bedrock():
    user = "BedrockAPIKey-%s-at-%s" % (rs(4, LO + DIG), digits(12))
    return "ABSK" + b64(("%s:%s" % (user, b64(R.randbytes(45)))).encode())


@clean
def stripe(kind="sk"):
    return "%s_live_51%s%s" % (kind, rs(14, UP + DIG), rs(83))


@clean
def square():
    return "EAAA" + rs(60, ALNUM + "_-")


@clean
def braintree():
    return "access_token$production$%s$%s" % (rs(16, LO + DIG), rs(32, HEX))


@clean
def shopify(kind="shpat"):
    return kind + "_" + rs(32, HEX)


@clean
def slack(kind="xoxb"):
    if kind == "xoxb":
        return "xoxb-%s-%s-%s" % (digits(12), digits(13), rs(24))
    if kind == "xoxp":
        return "xoxp-%s-%s-%s-%s" % (digits(12), digits(12), digits(13), rs(32, HEX))
    return "xapp-1-A%s-%s-%s" % (rs(10, UP + DIG), digits(13), rs(64, HEX))


@clean
def slack_webhook():
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(8, UP + DIG), rs(10, UP + DIG), rs(24))


@clean
def discord_bot():
    uid = digits(R.choice([18, 19]))
    return "%s.%s.%s" % (b64(uid.encode()).rstrip("="), rs(6, ALNUM + "_-"), rs(38, ALNUM + "_-"))


@clean
def discord_webhook():
    return "https://discord.com/api/webhooks/%s/%s" % (digits(19), rs(68, ALNUM + "_-"))


@clean
def telegram():
    return "%s:AA%s" % (digits(10, "5678"), rs(33, ALNUM + "_-"))


@clean
def sendgrid():
    return "SG.%s.%s" % (rs(22, ALNUM + "_-"), rs(43, ALNUM + "_-"))


@clean
def mailgun(new=True):
    if new:
        return "%s-%s-%s" % (rs(32, HEX), rs(8, HEX), rs(8, HEX))
    return "key-" + rs(32, HEX)


@clean
def mailchimp():
    return rs(32, HEX) + "-us" + str(R.randint(2, 21))


@clean
def brevo():
    return "xkeysib-%s-%s" % (rs(64, HEX), rs(16))


@clean
def linear():
    return "lin_api_" + rs(40)


@clean
def notion(new=True):
    return ("ntn_" + digits(11) + rs(35)) if new else "secret_" + rs(43)


@clean
def postman():
    return "PMAK-%s-%s" % (rs(24, HEX), rs(34, HEX))


@clean
def newrelic(kind="NRAK"):
    if kind == "NRAK":
        return "NRAK-" + rs(27, UP + DIG)
    return "NRII-" + rs(32, ALNUM + "_-")


@clean
def sentry_org(org):
    payload = {"iat": round(R.uniform(1.70e9, 1.75e9), 6), "url": "https://sentry.io",
               "region_url": "https://us.sentry.io", "org": org}
    return "sntrys_" + b64(json.dumps(payload, separators=(",", ":")).encode()) + "_" + rs(43, B64)


@clean
def sentry_user():
    return "sntryu_" + rs(64, HEX)


@clean
def grafana(kind="glsa"):
    if kind == "glsa":
        return "glsa_%s_%s" % (rs(32), rs(8, HEX))
    payload = {"o": digits(6), "n": "stack-%s-hm-write" % digits(6), "k": rs(24),
               "m": {"r": R.choice(["prod-us-east-0", "prod-eu-west-2"])}}
    return "glc_" + b64(json.dumps(payload, separators=(",", ":")).encode())


@clean
def okta():
    return "00" + rs(40, ALNUM + "_-")


@clean
def figma():
    return "figd_" + rs(40, ALNUM + "_-")


@clean
def asana():
    return "2/%s/%s:%s" % (digits(16), digits(16), rs(32, HEX))


@clean
def airtable():
    return "pat" + rs(14) + "." + rs(64, HEX)


@clean
def hubspot():
    return "pat-na1-" + uuid4()


@clean
def intercom():
    return b64(("tok:%s:1:0" % uuid4().replace("-", "_")).encode())


@clean
def mapbox(user):
    payload = {"u": user, "a": rs(25, LO + DIG)}
    return "sk." + b64u(json.dumps(payload, separators=(",", ":")).encode()) + "." + rs(22, ALNUM + "_-")


@clean
def contentful():
    return "CFPAT-" + rs(43, ALNUM + "_-")


@clean
def dropbox():
    return "sl.u." + rs(R.randint(140, 160), ALNUM + "_-")


@clean
def typeform():
    return "tfp_%s_%s" % (rs(44), rs(14))


@clean
def plaid_access():
    return "access-production-" + uuid4()


@clean
def jwt(payload, alg="HS256", kid=None):
    hdr = {"alg": alg, "typ": "JWT"}
    if kid:
        hdr["kid"] = kid
    h = b64u(json.dumps(hdr, separators=(",", ":")).encode())
    p = b64u(json.dumps(payload, separators=(",", ":")).encode())
    sig = b64u(R.randbytes(32 if alg.startswith("HS") else 256))
    return "%s.%s.%s" % (h, p, sig)


def supabase_jwt(role="service_role"):
    iat = R.randint(1690000000, 1730000000)
    return jwt({"iss": "supabase", "ref": rs(20, LO), "role": role, "iat": iat,
                "exp": iat + 315360000})


@clean
def hexs(n):
    return rs(n, HEX)


@clean
def alnum(n):
    return rs(n)


@clean
def urlsafe(n):
    return rs(n, ALNUM + "_-")


WORDS = ("harbor maple quartz tundra falcon cobalt juniper saffron lantern orbit "
         "meadow granite willow ember summit velvet copper canyon breeze thistle "
         "walnut marble pebble cedar violet raven glacier comet amber prairie").split()


@clean
def pw(n=None):
    """Random password with mixed classes; symbols chosen to be safe in most syntaxes."""
    n = n or R.randint(14, 22)
    sym = "!#%*-_=+.~^"
    while True:
        v = rs(n, ALNUM + sym)
        if (any(c in UP for c in v) and any(c in LO for c in v) and any(c in DIG for c in v)
                and any(c in sym for c in v) and v[0] in ALNUM):
            return v


@clean
def pw_url(n=None):
    """Password safe to put raw inside a URL userinfo."""
    return rs(n or R.randint(16, 24), ALNUM + "-_.~")


@clean
def passphrase():
    return "%s%s%s%d%s" % (R.choice(WORDS).capitalize(), R.choice("-_.!"), R.choice(WORDS),
                           R.randint(10, 99), R.choice("!#%*"))


@clean
def bcrypt():
    return "$2y$10$" + rs(53, ALNUM + "./")


@clean
def apr1():
    return "$apr1$" + rs(8, ALNUM + "./") + "$" + rs(22, ALNUM + "./")


@clean
def sha512crypt():
    return "$6$" + rs(16, ALNUM + "./") + "$" + rs(86, ALNUM + "./")


@clean
def yescrypt():
    return "$y$j9T$" + rs(22, ALNUM + "./") + "$" + rs(43, ALNUM + "./")


# --------------------------------------------------------------------------
# private key material (random bodies behind realistic DER prefixes)
# --------------------------------------------------------------------------
def _pem(label, der, headers=()):
    lines = ["-----BEGIN %s-----" % label]
    lines += list(headers)
    if headers:
        lines.append("")
    lines += wrap(b64(der))
    lines.append("-----END %s-----" % label)
    return "\n".join(lines)


def rsa_pkcs1():
    return _pem("RSA PRIVATE KEY", bytes.fromhex("308204a40201000282010100") + R.randbytes(1180))


def rsa_pkcs8():
    pre = bytes.fromhex("308204be020100300d06092a864886f70d0101010500048204a8308204a40201000282010100")
    return _pem("PRIVATE KEY", pre + R.randbytes(1180))


def ec_sec1():
    der = (bytes.fromhex("30770201010420") + R.randbytes(32)
           + bytes.fromhex("a00a06082a8648ce3d030107a144034200") + b"\x04" + R.randbytes(64))
    return _pem("EC PRIVATE KEY", der)


def ec_pkcs8():
    der = (bytes.fromhex("308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b0201010420")
           + R.randbytes(32) + bytes.fromhex("a144034200") + b"\x04" + R.randbytes(64))
    return _pem("PRIVATE KEY", der)


def dsa_key():
    return _pem("DSA PRIVATE KEY", bytes.fromhex("308201bb02010002818100") + R.randbytes(432))


def rsa_encrypted_legacy():
    return _pem("RSA PRIVATE KEY", R.randbytes(1192),
                headers=("Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-256-CBC," + rs(32, HEXU)))


def pkcs8_encrypted():
    pre = bytes.fromhex("3082051c304e06092a864886f70d01050d3041302906092a864886f70d01050c301c0408")
    return _pem("ENCRYPTED PRIVATE KEY", pre + R.randbytes(8) + bytes.fromhex("02020800")
                + bytes.fromhex("301406082a864886f70d03070408") + R.randbytes(8)
                + bytes.fromhex("048204c8") + R.randbytes(1224))


def _sshstr(b):
    if isinstance(b, str):
        b = b.encode()
    return len(b).to_bytes(4, "big") + b


def ed25519_pair(comment):
    """Returns (openssh private key PEM, public key line)."""
    pub = R.randbytes(32)
    priv = R.randbytes(32) + pub
    pubblob = _sshstr("ssh-ed25519") + _sshstr(pub)
    check = R.randbytes(4)
    sec = check + check + _sshstr("ssh-ed25519") + _sshstr(pub) + _sshstr(priv) + _sshstr(comment)
    pad = 1
    while len(sec) % 8:
        sec += bytes([pad])
        pad += 1
    blob = (b"openssh-key-v1\x00" + _sshstr("none") + _sshstr("none") + _sshstr(b"")
            + (1).to_bytes(4, "big") + _sshstr(pubblob) + _sshstr(sec))
    lines = (["-----BEGIN OPENSSH PRIVATE KEY-----"] + wrap(b64(blob), 70)
             + ["-----END OPENSSH PRIVATE KEY-----"])
    return "\n".join(lines), "ssh-ed25519 %s %s" % (b64(pubblob), comment)


def ssh_rsa_pub(comment):
    blob = _sshstr("ssh-rsa") + _sshstr(b"\x01\x00\x01") + _sshstr(b"\x00" + R.randbytes(256))
    return "ssh-rsa %s %s" % (b64(blob), comment)


def putty_key(comment):
    pub = R.randbytes(32)
    pubblob = _sshstr("ssh-ed25519") + _sshstr(pub)
    lines = ["PuTTY-User-Key-File-3: ssh-ed25519", "Encryption: none", "Comment: " + comment]
    pl = wrap(b64(pubblob), 64)
    lines += ["Public-Lines: %d" % len(pl)] + pl
    vl = wrap(b64(_sshstr(R.randbytes(32))), 64)
    lines += ["Private-Lines: %d" % len(vl)] + vl
    lines.append("Private-MAC: " + rs(64, HEX))
    return "\n".join(lines)


def pgp_private():
    body = bytes.fromhex("9503980465") + R.randbytes(4) + bytes.fromhex("010c00") + R.randbytes(940)
    c = crc24(body).to_bytes(3, "big")
    lines = ["-----BEGIN PGP PRIVATE KEY BLOCK-----", ""] + wrap(b64(body), 64)
    lines += ["=" + b64(c), "-----END PGP PRIVATE KEY BLOCK-----"]
    return "\n".join(lines)


def certificate():
    """A PUBLIC certificate (negative)."""
    return _pem("CERTIFICATE", bytes.fromhex("308203") + R.randbytes(2) + bytes.fromhex("308202")
                + R.randbytes(820))


def public_key_pem():
    return _pem("PUBLIC KEY", bytes.fromhex("30820122300d06092a864886f70d01010105000382010f00") + R.randbytes(270))


# --------------------------------------------------------------------------
# benign look-alike material for hard negatives
# --------------------------------------------------------------------------
def image_digest():
    return "sha256:" + sha256hex()


def integrity():
    return "sha512-" + b64(R.randbytes(64))


def sops(v_len=24):
    return "ENC[AES256_GCM,data:%s,iv:%s,tag:%s,type:str]" % (
        b64(R.randbytes(v_len)), b64(R.randbytes(32)), b64(R.randbytes(16)))


def ansible_vault_blob():
    lines = ["$ANSIBLE_VAULT;1.1;AES256"]
    for _ in range(R.randint(5, 9)):
        lines.append(rs(80, HEX))
    lines.append(rs(R.randint(20, 70), HEX))
    return lines


def sealed_value():
    return "AgB" + rs(R.randint(600, 700), B64) + "=="


def b64text(s):
    return b64(s.encode())


# --------------------------------------------------------------------------
# document model: files are built as line lists; secrets are located by needle
# --------------------------------------------------------------------------
DOCS = []


class Doc:
    def __init__(self, path, fmt):
        self.path = path
        self.fmt = fmt
        self.lines = []
        self.text = None
        self.marks = []
        self.negs = 0
        DOCS.append(self)

    def add(self, *chunks):
        for c in chunks:
            if isinstance(c, (list, tuple)):
                self.add(*c)
            else:
                self.lines.extend(c.split("\n"))
        return self

    def neg(self, *chunks):
        """Lines that are deliberate hard negatives (counted for the report)."""
        n0 = len(self.lines)
        self.add(*chunks)
        self.negs += len(self.lines) - n0
        return self

    def _mark(self, needle, provider, kind, count=1, multi=False):
        self.marks.append({"needle": needle, "provider": provider, "kind": kind,
                           "count": count, "multi": multi, "lines": []})

    def put(self, template, value, provider, count=1):
        """Append template with @@ replaced by value; value is one planted secret."""
        self.add(template.replace("@@", value))
        self._mark(value, provider, "secret", count)
        return value

    def block(self, text, needle, provider):
        """Multi-line secret (PEM etc.): listed at the line holding needle."""
        self.add(text)
        self._mark(needle, provider, "secret", 1, multi=True)

    def look(self, template, value):
        self.add(template.replace("@@", value))
        self._mark(value, "lookalike", "look")
        return value

    # for documents whose text is produced in one go (JSON etc.)
    def mark(self, needle, provider, count=1, multi=False):
        self._mark(needle, provider, "secret", count, multi)
        return needle

    def mark_look(self, needle):
        self._mark(needle, "lookalike", "look")
        return needle

    def set_text(self, text, negs=0):
        self.text = text if text.endswith("\n") else text + "\n"
        self.negs += negs

    def render(self):
        return self.text if self.text is not None else "\n".join(self.lines) + "\n"


def jdump(obj, indent=2):
    return json.dumps(obj, indent=indent, ensure_ascii=False)


class Clock:
    """Monotonic ISO-8601 timestamps for logs and transcripts."""
    def __init__(self, start):
        self.t = datetime.datetime.fromisoformat(start)

    def __call__(self, lo=0.3, hi=40.0):
        self.t += datetime.timedelta(seconds=R.uniform(lo, hi))
        return self.t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (self.t.microsecond // 1000)


ORG = "larkspur"
DOM = "larkspur.dev"
INT = "larkspur.internal"


# ==========================================================================
# AI assistants: chat exports, transcripts, prompts
# ==========================================================================
def ai_chatgpt_export():
    d = Doc("ai/chatgpt-export/conversations.json", "chatgpt-export-json")
    k_oa = openai("proj")
    db = "postgres://app_rw:%s@db-prod-1.%s:5432/larkspur" % (pw_url(), INT)
    k_st = stripe("sk")
    msgs = [
        ("user", "I'm getting `openai.AuthenticationError: Error code: 401 - invalid_api_key` from this:\n\n```python\nfrom openai import OpenAI\nclient = OpenAI(api_key=\"%s\")\nresp = client.responses.create(model=\"gpt-4.1-mini\", input=\"ping\")\n```" % k_oa),
        ("assistant", "A 401 `invalid_api_key` means the key itself was rejected. The key in your snippet begins with `%s...`, which is a project key, so check that the project was not archived. Since you pasted it here, revoke it on the API keys page and load the new one from the environment instead:\n\n```python\nclient = OpenAI()  # reads OPENAI_API_KEY\n```" % k_oa[:12]),
        ("user", "rotated it. now the worker can't reach postgres, this is what `printenv | grep DATABASE` shows inside the container:\n\nDATABASE_URL=%s" % db),
        ("assistant", "The URL itself is well-formed (`postgres://app_rw:****@db-prod-1...`). The host is an internal name, so the container must join the `backend` network. In compose, use `DATABASE_URL: ${DATABASE_URL}` and keep the value in `.env`, which should be listed in `.gitignore`."),
        ("user", "here's the compose service, the stripe webhook part also fails:\n\n```yaml\n  worker:\n    environment:\n      OPENAI_API_KEY: ${OPENAI_API_KEY}\n      STRIPE_SECRET_KEY: %s\n      STRIPE_WEBHOOK_SECRET: ${STRIPE_WEBHOOK_SECRET}\n```" % k_st),
        ("assistant", "`STRIPE_WEBHOOK_SECRET` is interpolated from the host, so if it is unset Compose substitutes an empty string; `docker compose config` shows the resolved value. Also, `STRIPE_SECRET_KEY` is hard-coded with a live key (`sk_live_51...`). Roll it in the Stripe dashboard and use `${STRIPE_SECRET_KEY}` like the others."),
    ]
    mapping, prev = {}, None
    root = uuid4()
    mapping[root] = {"id": root, "message": None, "parent": None, "children": []}
    prev = root
    t = 1732100000.0
    for role, text in msgs:
        nid = uuid4()
        t += R.uniform(20, 400)
        mapping[nid] = {"id": nid, "message": {
            "id": nid, "author": {"role": role, "name": None, "metadata": {}},
            "create_time": round(t, 6), "content": {"content_type": "text", "parts": [text]},
            "status": "finished_successfully", "weight": 1.0,
            "metadata": {"model_slug": "gpt-4o"} if role == "assistant" else {}},
            "parent": prev, "children": []}
        mapping[prev]["children"].append(nid)
        prev = nid
    conv = [{"title": "OpenAI 401 and worker env", "create_time": 1732100000.0,
             "update_time": round(t, 6), "mapping": mapping, "current_node": prev,
             "conversation_id": uuid4(), "default_model_slug": "gpt-4o"}]
    d.set_text(jdump(conv), negs=4)
    d.mark(k_oa, "openai")
    d.mark(db, "url-credentials")
    d.mark(k_st, "stripe")


def ai_claude_export():
    d = Doc("ai/claude-export/conversations.json", "claude-export-json")
    aws_s = aws_secret()
    k_ant = anthropic()
    hook = slack_webhook()
    msgs = [
        ("human", "boto3 keeps raising InvalidClientTokenId but the CLI works. My ~/.zshrc has\n\nexport AWS_ACCESS_KEY_ID=\"$(op read op://Private/aws/key-id)\"\nexport AWS_SECRET_ACCESS_KEY=%s\n\nWhat is wrong?" % aws_s),
        ("assistant", "The CLI probably uses a named profile from `~/.aws/credentials`, while boto3 reads environment variables first. Your key id comes from 1Password but the secret is set literally, so the two may belong to different IAM users. `aws configure list` shows which source wins. Also remove the literal secret (`%s…`) from your shell rc file and rotate it." % aws_s[:6]),
        ("human", "Different problem: our Claude integration returns 401. Request:\n\ncurl https://api.anthropic.com/v1/messages -H \"x-api-key: %s\" -H \"anthropic-version: 2023-06-01\" -H \"content-type: application/json\" -d '{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}'" % k_ant),
        ("assistant", "A 401 `authentication_error` means the key is invalid or disabled. Keys are shown only once; create a new one in the Console and send it as `-H \"x-api-key: $ANTHROPIC_API_KEY\"` so it never lands in your shell history."),
        ("human", "Can you format a deploy alert for our Slack incoming webhook? URL is %s" % hook),
        ("assistant", "Sure:\n\n```bash\ncurl -X POST -H 'Content-type: application/json' --data '{\"text\":\"Deploy to prod failed\"}' %s\n```\n\nKeep the webhook URL in a secret store; anyone holding it can post to the channel." % hook),
    ]
    chat = []
    t0 = 1731000000
    for i, (who, text) in enumerate(msgs):
        ts = "2024-11-07T%02d:%02d:%02d.%06dZ" % (14, 3 + i, R.randint(0, 59), R.randint(0, 999999))
        chat.append({"uuid": uuid4(), "text": text,
                     "content": [{"start_timestamp": ts, "stop_timestamp": ts, "type": "text",
                                  "text": text, "citations": []}],
                     "sender": who, "created_at": ts, "updated_at": ts, "attachments": [], "files": []})
    conv = [{"uuid": uuid4(), "name": "boto3 creds, Claude 401, Slack alert", "created_at": "2024-11-07T14:02:55.120934Z",
             "updated_at": "2024-11-07T14:21:07.554120Z", "account": {"uuid": uuid4()}, "chat_messages": chat}]
    d.set_text(jdump(conv), negs=4)
    d.mark(aws_s, "aws", count=2)       # "text" and "content[].text" both hold the message
    d.mark(k_ant, "anthropic", count=2)
    d.mark(hook, "slack", count=4)      # pasted by the user and repeated in full by the assistant


def ai_claude_code_session():
    d = Doc("ai/claude-code/projects/-home-priya-src-larkspur-api/5f0c2e0e-7d1b-4c55-9a8e-3c1f2b7d9e41.jsonl",
            "claude-code-session-jsonl")
    sid = "5f0c2e0e-7d1b-4c55-9a8e-3c1f2b7d9e41"
    cwd = "/home/priya/src/larkspur-api"
    k_ghp = gh("ghp")
    k_fine = gh_fine()
    look = crc_lookalike("ghp_")
    rows = []
    parent = None
    clock = Clock("2024-12-02T10:04:11")

    def ev(kind, message, **extra):
        nonlocal parent
        u = uuid4()
        row = {"parentUuid": parent, "isSidechain": False, "userType": "external", "cwd": cwd,
               "sessionId": sid, "version": "1.0.51", "gitBranch": "fix/release-token", "type": kind,
               "message": message, "uuid": u, "timestamp": clock(2, 60)}
        row.update(extra)
        parent = u
        rows.append(json.dumps(row, ensure_ascii=False))

    def tool_use(name, inp):
        tid = "toolu_01" + rs(22)
        ev("assistant", {"id": "msg_01" + rs(22), "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
                         "content": [{"type": "tool_use", "id": tid, "name": name, "input": inp}],
                         "stop_reason": None, "usage": {"input_tokens": R.randint(4, 40), "output_tokens": R.randint(40, 300)}})
        return tid

    def tool_result(tid, text):
        ev("user", {"role": "user", "content": [{"tool_use_id": tid, "type": "tool_result", "content": text}]})

    def say(text):
        ev("assistant", {"id": "msg_01" + rs(22), "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
                         "content": [{"type": "text", "text": text}], "stop_reason": "end_turn",
                         "usage": {"input_tokens": R.randint(4, 40), "output_tokens": R.randint(40, 300)}})

    ev("user", {"role": "user", "content": "the staging release job fails with `Bad credentials` from the GitHub API, can you check scripts/release.sh?"})
    t = tool_use("Bash", {"command": "grep -n GITHUB_TOKEN scripts/release.sh .env.staging", "description": "Find where the release token is set"})
    tool_result(t, "scripts/release.sh:4:: \"${GITHUB_TOKEN:?GITHUB_TOKEN must be set}\"\n.env.staging:7:GITHUB_TOKEN=%s" % k_ghp)
    say("`.env.staging` sets `GITHUB_TOKEN` to a classic personal access token (`ghp_…`). GitHub answers `Bad credentials` when such a token was revoked or expired. Can you create a fine-grained token with `contents: write` on this repository?")
    t = tool_use("Bash", {"command": "gh auth status", "description": "Check gh CLI auth"})
    tool_result(t, "github.com\n  ✓ Logged in to github.com account priya-n (keyring)\n  - Active account: true\n  - Git operations protocol: ssh\n  - Token: gho_************************************\n  - Token scopes: 'gist', 'read:org', 'repo'")
    ev("user", {"role": "user", "content": "done, new token is %s, put it in .env.staging" % k_fine})
    t = tool_use("Edit", {"file_path": cwd + "/.env.staging", "old_string": "GITHUB_TOKEN=" + k_ghp[:8],
                          "new_string": "GITHUB_TOKEN=" + k_fine})
    tool_result(t, "The file %s/.env.staging has been updated." % cwd)
    t = tool_use("Bash", {"command": "cat .npmrc", "description": "Check registry auth used by the release"})
    tool_result(t, "@larkspur:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=${NODE_AUTH_TOKEN}\nengine-strict=true")
    say("`.npmrc` reads `NODE_AUTH_TOKEN` from the environment, so CI injects it; nothing to change there.")
    ev("user", {"role": "user", "content": "the old token from last year's notes, %s, shows `Bad credentials` too; is it the same?" % look})
    say("No, that one is a different value. Anything that was in the notes should be treated as exposed; I will not reuse it.")
    t = tool_use("Bash", {"command": "curl -s -H \"Authorization: Bearer $GITHUB_TOKEN\" https://api.github.com/user | jq .login", "description": "Verify the new token"})
    tool_result(t, "\"priya-n\"")
    d.set_text("\n".join(rows), negs=5)
    d.mark(k_ghp, "github")
    d.mark(k_fine, "github", count=2)   # pasted by the user, then written by the Edit tool call
    d.mark_look(look)


def ai_cursor_chat_md():
    d = Doc("ai/cursor/chat-fix-checkout-500.md", "cursor-chat-markdown")
    d.add("# Fix 500 on /api/checkout",
          "_Exported on 11/20/2024 at 14:02:11 GMT+1 from Cursor (0.42.3)_", "", "---", "",
          "**User**", "",
          "checkout returns 500 since I moved config to .env.local, here's the file:", "", "```")
    d.neg("NEXT_PUBLIC_SITE_URL=https://shop.%s" % DOM)
    d.put("SUPABASE_SERVICE_ROLE_KEY=@@", supabase_jwt(), "supabase")
    sk = d.put("STRIPE_SECRET_KEY=@@", stripe("sk"), "stripe")
    d.put("STRIPE_WEBHOOK_SECRET=whsec_@@", alnum(32), "stripe")
    oa = d.put("OPENAI_API_KEY=@@", openai("svcacct"), "openai", count=2)
    d.put("RESEND_API_KEY=re_@@", rs(8) + "_" + rs(24), "resend")
    d.neg("UPSTASH_REDIS_REST_URL=https://eu1-brave-falcon-31842.upstash.io")
    d.add("```", "", "and the server log:", "", "```",
          "[checkout] POST https://api.openai.com/v1/responses 401",
          "[checkout] request headers: {\"authorization\":\"Bearer %s\",\"content-type\":\"application/json\"}" % oa,
          "[checkout] Error: No such price: 'price_1QBz%s'" % rs(20), "```", "", "---", "",
          "**Cursor**", "",
          "Two separate problems:", "",
          "1. The 500 comes from Stripe: the price id belongs to test mode while your key is a live key (`sk_live_51…`). Use the live price id or switch keys.",
          "2. The OpenAI call gets 401 because the service-account key (`sk-svcacct-…`) was disabled. Your log also prints the full `authorization` header; remove that logging.", "",
          "Also make sure `.env.local` is ignored and that the service-role key never gets a `NEXT_PUBLIC_` prefix:", "",
          "```ts")
    d.neg("const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, { apiVersion: \"2024-06-20\" });",
          "const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);")
    d.add("```", "", "```gitignore", ".env*.local", "```", "")
    assert sk


def ai_aider_history():
    d = Doc(".aider.chat.history.md", "aider-chat-history")
    pm = uuid4()
    tw_sid = "AC" + hexs(32)
    tw_tok = hexs(32)
    d.add("", "# aider chat started at 2024-10-14 09:12:40", "",
          "> /usr/local/bin/aider --model sonnet  ", "> Aider v0.59.1  ",
          "> Main model: claude-3-5-sonnet-20241022 with diff edit format, infinite output  ",
          "> Weak model: claude-3-haiku-20240307  ", "> Git repo: .git with 214 files  ",
          "> Repo-map: using 1024 tokens, auto refresh  ", "")
    d.put("#### add a mailer using postmark (server token @@) and send a welcome email on signup  ", pm, "postmark", count=2)
    d.add("", "I'll add a small mailer module and call it from the signup view.", "", "app/mailer.py", "```python",
          "<<<<<<< SEARCH", "=======", "from postmarker.core import PostmarkClient", "")
    d.add('POSTMARK_SERVER_TOKEN = "%s"' % pm)
    d.add("client = PostmarkClient(server_token=POSTMARK_SERVER_TOKEN)", "", "",
          "def send_welcome(user):", "    client.emails.send(", '        From="hello@%s",' % DOM,
          "        To=user.email,", '        Subject="Welcome to Larkspur",', '        HtmlBody=render_welcome(user),',
          "    )", ">>>>>>> REPLACE", "```", "", "> Applied edit to app/mailer.py  ")
    d.neg("> Commit %s feat: add postmark mailer  " % sha1hex()[:7])
    d.add("")
    d.put("#### also text them via twilio, account %s and auth token @@  " % tw_sid, tw_tok, "twilio", count=2)
    d.add("", "app/sms.py", "```python", "<<<<<<< SEARCH", "=======", "from twilio.rest import Client", "")
    d.add('client = Client("%s", "%s")' % (tw_sid, tw_tok))
    d.add("", "def send_code(phone, code):",
          '    client.messages.create(to=phone, from_="+14155550142", body=f"Your code is {code}")',
          ">>>>>>> REPLACE", "```", "", "> Applied edit to app/sms.py  ")
    d.neg("> Commit %s feat: sms verification via twilio  " % sha1hex()[:7])
    d.add("", "#### don't hardcode credentials, read them from the environment  ", "",
          "app/mailer.py", "```python", "<<<<<<< SEARCH")
    d.add('POSTMARK_SERVER_TOKEN = "%s…"' % pm[:8])
    d.add("=======")
    d.neg('POSTMARK_SERVER_TOKEN = os.environ["POSTMARK_SERVER_TOKEN"]')
    d.add(">>>>>>> REPLACE", "```", "")


def ai_copilot_chat():
    d = Doc("ai/copilot/chat-session-2024-09-30.json", "copilot-chat-json")
    mg = mailgun(new=True)
    dd = hexs(32)
    q1 = "Why does this return 401? `requests.post(f\"https://api.mailgun.net/v3/{DOMAIN}/messages\", auth=(\"api\", \"%s\"), data=payload)`" % mg
    a1 = "Mailgun returns 401 when the private API key is wrong or belongs to another region. For EU domains use `https://api.eu.mailgun.net`. Load the key from `MAILGUN_API_KEY` instead of the literal."
    q2 = "datadog agent in docker says `API Key invalid, dropping transaction`, compose has DD_API_KEY=%s and DD_SITE=datadoghq.eu" % dd
    a2 = "With `DD_SITE=datadoghq.eu`, the key must come from the EU organisation. A key created in the US site is rejected. Check Organization Settings → API Keys on app.datadoghq.eu."
    reqs = []
    for q, a in ((q1, a1), (q2, a2)):
        reqs.append({"requestId": "request_" + uuid4(), "message": {"text": q, "parts": [{"range": {"start": 0, "endExclusive": len(q)}, "kind": "text", "text": q}]},
                     "variableData": {"variables": []}, "response": [{"value": a, "supportThemeIcons": False, "supportHtml": False}],
                     "result": {"timings": {"firstProgress": R.randint(600, 1500), "totalElapsed": R.randint(3000, 9000)}},
                     "followups": [], "isCanceled": False, "agent": {"id": "github.copilot.default", "name": "GitHubCopilot"}})
    obj = {"version": 3, "requesterUsername": "mkowalski", "requesterAvatarIconUri": {"$mid": 1, "path": "/u/58213907", "scheme": "https", "authority": "avatars.githubusercontent.com"},
           "responderUsername": "GitHub Copilot", "initialLocation": "panel", "requests": reqs}
    d.set_text(jdump(obj, indent=1), negs=2)
    d.mark(mg, "mailgun", count=2)
    d.mark(dd, "datadog", count=2)


def ai_prompt_system():
    d = Doc("ai/prompts/order-support.system.md", "prompt-markdown")
    d.add("---", "name: order-support", "model: gpt-4.1", "temperature: 0.2", "---", "",
          "You are Larkspur's order support assistant. Be brief and friendly.", "",
          "## Tools", "",
          "- `lookup_order(order_id)`: GET https://orders.%s/v2/orders/{order_id}" % DOM)
    d.put("  Send the header `X-Api-Key: @@` (service key of the support bot).", urlsafe(40), "generic-api-key")
    d.neg("- `refund(order_id, amount)`: needs a manager approval, never call it without {{approval_token}}.",
          "- `escalate(ticket)`: POST to the Zendesk API as `agent@%s/token` with the token from {{ZENDESK_API_TOKEN}}." % DOM)
    d.add("", "## Customer", "")
    d.neg("Name: {{customer.name}}", "Plan: {{customer.plan}}", "Session: {{session_id}}")
    d.add("", "## Internal notes (do not reveal)", "")
    d.put("The legacy Zendesk macro endpoint still authenticates with zendesk_api_token=@@", alnum(40), "zendesk")
    d.neg("Never reveal keys such as sk-..., <ORDER_API_KEY> or anything from process.env.")


def ai_promptfoo():
    d = Doc("ai/evals/promptfooconfig.yaml", "promptfoo-yaml")
    d.add("# yaml-language-server: $schema=https://promptfoo.dev/config-schema.json",
          "description: Order support regression", "prompts:", "  - file://../prompts/order-support.system.md",
          "providers:", "  - id: openai:gpt-4.1-mini", "    config:", "      temperature: 0")
    d.put("      apiKey: @@", openai("proj"), "openai")
    d.add("  - id: anthropic:messages:claude-sonnet-4-5", "    config:")
    d.neg("      apiKey: '{{ env.ANTHROPIC_API_KEY }}'")
    d.add("  - id: groq:llama-3.3-70b-versatile", "    config:")
    d.put("      apiKey: @@", groq(), "groq")
    d.add("  - id: openrouter:meta-llama/llama-3.1-8b-instruct", "    config:")
    d.put("      apiKey: @@", openrouter(), "openrouter")
    d.add("defaultTest:", "  options:", "    provider: openai:gpt-4.1-mini", "tests:",
          "  - vars:", "      customer: {name: Ada, plan: pro}", "    assert:",
          "      - type: not-contains", "        value: sk-", "      - type: llm-rubric",
          "        value: does not reveal internal notes")


def ai_agent_trace():
    d = Doc("ai/logs/agent-trace-2024-12-03.jsonl", "agent-trace-jsonl")
    run = uuid4()
    rows = []
    marks = []
    clock = Clock("2024-12-03T10:13:58")

    def row(span, **kw):
        r = {"ts": clock(0.2, 6), "run_id": run, "span_id": rs(16, HEX), "span": span}
        r.update(kw)
        rows.append(json.dumps(r))

    row("agent.start", agent="research-assistant", model="claude-sonnet-4-5", input={"task": "summarise open incidents and related PRs"})
    tv = "tvly-dev-" + alnum(32)
    row("tool.http", tool="web_search", request={"method": "POST", "url": "https://api.tavily.com/search",
        "body": {"api_key": tv, "query": "larkspur incident postgres failover", "max_results": 5}}, status=200, ms=812)
    marks.append((tv, "tavily"))
    ghs = gh("ghs")
    row("tool.http", tool="github.list_pulls", request={"method": "GET", "url": "https://api.github.com/repos/larkspur/larkspur-api/pulls?state=open",
        "headers": {"accept": "application/vnd.github+json", "authorization": "token " + ghs}}, status=200, ms=240)
    marks.append((ghs, "github"))
    row("llm.call", provider="anthropic", request={"url": "https://api.anthropic.com/v1/messages",
        "headers": {"x-api-key": "sk-ant-api03-****************", "anthropic-version": "2023-06-01"}}, usage={"input_tokens": 5812, "output_tokens": 644})
    fc = "fc-" + hexs(32)
    row("tool.http", tool="scrape", request={"method": "POST", "url": "https://api.firecrawl.dev/v1/scrape",
        "headers": {"authorization": "Bearer " + fc}, "body": {"url": "https://status.%s/incidents/412" % DOM, "formats": ["markdown"]}}, status=200, ms=2210)
    marks.append((fc, "firecrawl"))
    ln = linear()
    row("tool.http", tool="linear.issues", request={"method": "POST", "url": "https://api.linear.app/graphql",
        "headers": {"authorization": ln, "content-type": "application/json"}, "body": {"query": "{ issues(first: 20) { nodes { identifier title } } }"}}, status=200, ms=388)
    marks.append((ln, "linear"))
    row("tool.result", tool="linear.issues", output={"count": 7, "truncated": False})
    nt = notion()
    row("tool.http", tool="notion.search", request={"method": "POST", "url": "https://api.notion.com/v1/search",
        "headers": {"Authorization": "Bearer " + nt, "Notion-Version": "2022-06-28"}}, status=200, ms=503)
    marks.append((nt, "notion"))
    basic = b64(("ops-bot@%s:%s" % (DOM, atlassian())).encode())
    row("tool.http", tool="jira.search", request={"method": "GET", "url": "https://larkspur.atlassian.net/rest/api/3/search?jql=project%3DOPS",
        "headers": {"Authorization": "Basic " + basic}}, status=200, ms=690)
    marks.append((basic, "basic-auth"))
    row("tool.error", tool="pagerduty.incidents", error="401 Unauthorized", request={"headers": {"Authorization": "Token token=[REDACTED]"}})
    row("agent.end", status="ok", usage={"input_tokens": 18230, "output_tokens": 2210}, cost_usd=0.0878)
    d.set_text("\n".join(rows), negs=3)
    for v, p in marks:
        d.mark(v, p)


def ai_mcp_server_log():
    d = Doc("ai/logs/mcp-github-server.log", "mcp-server-log")
    t = "2024-12-03T10:13:5"
    d.neg("%s8.402Z [info] [github-mcp] starting server v0.5.0 transport=stdio" % t)
    d.neg("%s8.404Z [debug] [github-mcp] toolsets=repos,issues,pull_requests read_only=false" % t)
    d.put("%s8.410Z [debug] [github-mcp] env GITHUB_PERSONAL_ACCESS_TOKEN=@@" % t, gh("ghp"), "github")
    d.neg("%s8.911Z [info] [github-mcp] 26 tools registered" % t,
          "2024-12-03T10:14:01.020Z [debug] [github-mcp] POST https://api.github.com/graphql authorization=\"Bearer ghp_***\"",
          "2024-12-03T10:14:01.377Z [info] [github-mcp] rate limit remaining=4982 reset=1733221200",
          "2024-12-03T10:14:07.850Z [warn] [github-mcp] request %s took 2140ms" % uuid4())
    d.look("2024-12-03T10:14:09.112Z [error] [github-mcp] 401 Bad credentials for fallback token @@ (from GH_TOKEN)", crc_lookalike("gho_"))
    d.neg("2024-12-03T10:14:09.113Z [info] [github-mcp] falling back to GITHUB_PERSONAL_ACCESS_TOKEN",
          "2024-12-03T10:20:44.002Z [info] [github-mcp] client disconnected, shutting down")


# ==========================================================================
# AI coding agents and MCP configuration
# ==========================================================================
def claude_md():
    d = Doc("CLAUDE.md", "agent-instructions-md")
    d.add("# Larkspur API: notes for Claude", "", "## Commands", "",
          "- `make dev`: api + worker with hot reload",
          "- `make check`: ruff, mypy and pytest (needs the docker db)",
          "- `make migrate`: alembic upgrade head", "", "## Environment", "")
    d.neg("Secrets live in 1Password (`op://Engineering/larkspur-api/*`) and are injected by `op run --env-file=.env.tpl`. Never print them.",
          "- Local Postgres: `postgresql://localhost:5432/larkspur_dev` (trust auth inside docker)")
    d.put("- Staging read replica (fine for debugging queries): `@@`",
          "postgresql://readonly:%s@replica.staging.%s:5432/larkspur" % (pw_url(), DOM), "url-credentials")
    d.put("- Staging admin calls: `curl -H \"Authorization: Bearer @@\" https://api.staging.%s/admin/...`" % DOM,
          urlsafe(48), "bearer-token")
    d.add("", "## Style", "", "- Python 3.12, type hints everywhere, no bare `except`.",
          "- Keep handlers thin; business logic goes to `larkspur/services/`.")
    d.neg("- Never commit `.env`, `*.pem` or anything from `secrets/`; use `${VAR}` references in compose files.")


def claude_settings():
    d = Doc(".claude/settings.json", "claude-code-settings-json")
    ant, ghf, sen = anthropic(), gh_fine(), sentry_org("larkspur")
    obj = {"$schema": "https://json.schemastore.org/claude-code-settings.json",
           "permissions": {"allow": ["Bash(make check:*)", "Bash(git diff:*)", "Bash(git log:*)", "Read(~/.aws/config)"],
                           "deny": ["Read(./.env)", "Read(./.env.*)", "Read(./secrets/**)"]},
           "env": {"ANTHROPIC_API_KEY": ant, "GITHUB_TOKEN": ghf, "SENTRY_AUTH_TOKEN": sen,
                   "BASH_DEFAULT_TIMEOUT_MS": "120000", "DISABLE_TELEMETRY": "1"},
           "hooks": {"PostToolUse": [{"matcher": "Edit|Write", "hooks": [{"type": "command", "command": "ruff format $CLAUDE_FILE_PATHS"}]}]},
           "includeCoAuthoredBy": False}
    d.set_text(jdump(obj), negs=2)
    d.mark(ant, "anthropic")
    d.mark(ghf, "github")
    d.mark(sen, "sentry")

    d2 = Doc(".claude/settings.local.json", "claude-code-settings-json")
    br = bedrock()
    obj = {"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "AWS_BEARER_TOKEN_BEDROCK": br,
                   "ANTHROPIC_MODEL": "us.anthropic.claude-sonnet-4-5-20250929-v1:0"},
           "apiKeyHelper": "~/.claude/anthropic_key.sh", "permissions": {"allow": ["Bash(npm run lint)"]}}
    d2.set_text(jdump(obj), negs=1)
    d2.mark(br, "aws-bedrock")


def mcp_json():
    d = Doc(".mcp.json", "mcp-json")
    pg = "postgresql://mcp_reader:%s@db.staging.%s:5432/larkspur" % (pw_url(), DOM)
    su = sentry_user()
    obj = {"mcpServers": {
        "postgres": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres", pg]},
        "sentry": {"command": "npx", "args": ["-y", "@sentry/mcp-server@latest"], "env": {"SENTRY_ACCESS_TOKEN": su, "SENTRY_HOST": "sentry.io"}},
        "github": {"type": "http", "url": "https://api.githubcopilot.com/mcp/", "headers": {"Authorization": "Bearer ${GITHUB_PAT}"}},
        "playwright": {"command": "npx", "args": ["@playwright/mcp@latest"]}}}
    d.set_text(jdump(obj), negs=1)
    d.mark(pg, "url-credentials")
    d.mark(su, "sentry")


def codex_config():
    d = Doc(".codex/config.toml", "codex-config-toml")
    d.add('model = "gpt-5-codex"', 'model_reasoning_effort = "medium"', 'approval_policy = "on-request"',
          'sandbox_mode = "workspace-write"', "", "[model_providers.openrouter]", 'name = "OpenRouter"',
          'base_url = "https://openrouter.ai/api/v1"')
    d.neg('env_key = "OPENROUTER_API_KEY"')
    d.add("", "[model_providers.azure]", 'name = "Azure"', 'base_url = "https://larkspur-oai.openai.azure.com/openai"')
    d.neg('env_key = "AZURE_OPENAI_API_KEY"')
    d.add('query_params = { api-version = "2025-04-01-preview" }', "", "[mcp_servers.github]", 'command = "docker"',
          'args = ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"]')
    d.put('env = { GITHUB_PERSONAL_ACCESS_TOKEN = "@@" }', gh("ghp"), "github")
    d.add("", "[mcp_servers.tavily]", 'command = "npx"', 'args = ["-y", "tavily-mcp@0.2.4"]', "", "[mcp_servers.tavily.env]")
    d.put('TAVILY_API_KEY = "@@"', "tvly-dev-" + alnum(32), "tavily")
    d.add("", "[mcp_servers.supabase]", 'command = "npx"',
          'args = ["-y", "@supabase/mcp-server-supabase@latest", "--read-only", "--project-ref=%s"]' % rs(20, LO))
    d.put('env = { SUPABASE_ACCESS_TOKEN = "@@" }', sbp(), "supabase")
    d.add("", "[profiles.ci]", 'approval_policy = "never"', 'sandbox_mode = "read-only"')


def cursor_mcp():
    d = Doc(".cursor/mcp.json", "cursor-mcp-json")
    rk = stripe("rk")
    nt = notion()
    mg = "mongodb+srv://analyst:%s@cluster0.%s.mongodb.net/analytics" % (pw_url(), rs(5, LO + DIG))
    obj = {"mcpServers": {
        "stripe": {"command": "npx", "args": ["-y", "@stripe/mcp", "--tools=all", "--api-key=" + rk]},
        "notion": {"command": "npx", "args": ["-y", "@notionhq/notion-mcp-server"],
                   "env": {"OPENAPI_MCP_HEADERS": json.dumps({"Authorization": "Bearer " + nt, "Notion-Version": "2022-06-28"})}},
        "figma": {"url": "http://127.0.0.1:3845/sse"},
        "context7": {"url": "https://mcp.context7.com/mcp"},
        "mongodb": {"command": "npx", "args": ["-y", "mongodb-mcp-server", "--connectionString", mg, "--readOnly"]}}}
    d.set_text(jdump(obj), negs=2)
    d.mark(rk, "stripe")
    d.mark(nt, "notion")
    d.mark(mg, "url-credentials")


def claude_desktop():
    d = Doc("home/.config/Claude/claude_desktop_config.json", "claude-desktop-json")
    xb, gk, gl = slack("xoxb"), google_api(), gitlab("glpat")
    obj = {"mcpServers": {
        "filesystem": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/home/priya/notes", "/home/priya/src"]},
        "slack": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-slack"],
                  "env": {"SLACK_BOT_TOKEN": xb, "SLACK_TEAM_ID": "T0" + rs(8, UP + DIG)}},
        "google-maps": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-google-maps"], "env": {"GOOGLE_MAPS_API_KEY": gk}},
        "gitlab": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-gitlab"],
                   "env": {"GITLAB_PERSONAL_ACCESS_TOKEN": gl, "GITLAB_API_URL": "https://gitlab.%s/api/v4" % DOM}},
        "memory": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"]}},
        "globalShortcut": "Ctrl+Alt+Space"}
    d.set_text(jdump(obj), negs=1)
    d.mark(xb, "slack")
    d.mark(gk, "google")
    d.mark(gl, "gitlab")


def continue_config():
    d = Doc(".continue/config.json", "continue-config-json")
    a, m, ds, co = anthropic(), alnum(32), "sk-" + hexs(32), alnum(40)
    obj = {"models": [
        {"title": "Claude Sonnet", "provider": "anthropic", "model": "claude-sonnet-4-5", "apiKey": a},
        {"title": "Codestral", "provider": "mistral", "model": "codestral-latest", "apiKey": m},
        {"title": "DeepSeek Chat", "provider": "deepseek", "model": "deepseek-chat", "apiKey": ds}],
        "tabAutocompleteModel": {"title": "Local", "provider": "ollama", "model": "qwen2.5-coder:1.5b"},
        "embeddingsProvider": {"provider": "cohere", "model": "embed-english-v3.0", "apiKey": co},
        "contextProviders": [{"name": "code"}, {"name": "diff"}, {"name": "terminal"}],
        "allowAnonymousTelemetry": False}
    d.set_text(jdump(obj))
    d.mark(a, "anthropic")
    d.mark(m, "mistral")
    d.mark(ds, "deepseek")
    d.mark(co, "cohere")


def aider_conf():
    d = Doc(".aider.conf.yml", "aider-conf-yaml")
    d.add("# aider configuration, see https://aider.chat/docs/config/aider_conf.html",
          "model: sonnet", "weak-model: haiku")
    d.put("anthropic-api-key: @@", anthropic(), "anthropic")
    d.put("openai-api-key: @@", openai("proj"), "openai")
    d.add("api-key:")
    d.put("  - gemini=@@", google_api(), "google")
    d.put("  - groq=@@", groq(), "groq")
    d.add("set-env:")
    d.neg("  - AWS_PROFILE=bedrock-dev", "  - OPENROUTER_API_KEY=${OPENROUTER_API_KEY}")
    d.add("auto-commits: false", "dark-mode: true", "read:", "  - CONVENTIONS.md")


def windsurf_mcp():
    d = Doc(".windsurf/mcp_config.json", "windsurf-mcp-json")
    ln, at, hs, px = linear(), airtable(), hubspot(), pplx()
    obj = {"mcpServers": {
        "linear": {"command": "npx", "args": ["-y", "linear-mcp-server"], "env": {"LINEAR_API_KEY": ln}},
        "airtable": {"command": "npx", "args": ["-y", "airtable-mcp-server"], "env": {"AIRTABLE_API_KEY": at}},
        "hubspot": {"command": "npx", "args": ["-y", "@hubspot/mcp-server"], "env": {"PRIVATE_APP_ACCESS_TOKEN": hs}},
        "perplexity-ask": {"command": "docker", "args": ["run", "-i", "--rm", "-e", "PERPLEXITY_API_KEY", "mcp/perplexity-ask"],
                           "env": {"PERPLEXITY_API_KEY": px}}}}
    d.set_text(jdump(obj))
    d.mark(ln, "linear")
    d.mark(at, "airtable")
    d.mark(hs, "hubspot")
    d.mark(px, "perplexity")


def vscode_mcp():
    d = Doc(".vscode/mcp.json", "vscode-mcp-json")
    el = "sk_" + hexs(48)
    obj = {"inputs": [{"type": "promptString", "id": "pg-password", "description": "Postgres password", "password": True}],
           "servers": {
               "postgres": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres",
                                                       "postgresql://dev:${input:pg-password}@localhost/larkspur"]},
               "elevenlabs": {"command": "uvx", "args": ["elevenlabs-mcp"], "env": {"ELEVENLABS_API_KEY": el}},
               "firecrawl": {"command": "npx", "args": ["-y", "firecrawl-mcp"], "env": {"FIRECRAWL_API_KEY": "${env:FIRECRAWL_API_KEY}"}}}}
    d.set_text(jdump(obj), negs=2)
    d.mark(el, "elevenlabs")


def agents_md():
    d = Doc("AGENTS.md", "agent-instructions-md")
    d.add("# AGENTS.md", "", "## Setup", "", "```bash", "uv sync", "pnpm install", "```", "", "## Tests", "")
    d.add("- `uv run pytest -q` for the API, `pnpm vitest` for the web app.")
    d.put("- The image-generation e2e suite calls Replicate; CI provides `REPLICATE_API_TOKEN=@@`, locally export your own.",
          replicate(), "replicate")
    d.neg("- Do not print environment variables in logs; use `***` when you must show that a value is set.",
          "- Configuration comes from `settings.py` via `os.getenv(\"NAME\")`; never inline secrets.")
    d.add("", "## PRs", "", "- Title format: `area: short summary`.")


def gemini_settings():
    d = Doc(".gemini/settings.json", "gemini-cli-json")
    hft, pc = hf(), pinecone()
    obj = {"theme": "GitHub", "selectedAuthType": "gemini-api-key",
           "mcpServers": {"huggingface": {"httpUrl": "https://huggingface.co/mcp", "headers": {"Authorization": "Bearer " + hft}},
                          "pinecone": {"command": "npx", "args": ["-y", "@pinecone-database/mcp"], "env": {"PINECONE_API_KEY": pc}}},
           "contextFileName": "AGENTS.md"}
    d.set_text(jdump(obj))
    d.mark(hft, "huggingface")
    d.mark(pc, "pinecone")


# ==========================================================================
# LangChain / LlamaIndex code and notebooks
# ==========================================================================
def nb_cell(kind, src, outputs=None, n=None):
    lines = src.split("\n")
    source = [l + "\n" for l in lines[:-1]] + [lines[-1]]
    c = {"cell_type": kind, "id": rs(8, HEX), "metadata": {}, "source": source}
    if kind == "code":
        c["execution_count"] = n
        c["outputs"] = outputs or []
    return c


def nb_stream(text, name="stdout"):
    lines = text.split("\n")
    return {"name": name, "output_type": "stream", "text": [l + "\n" for l in lines[:-1]] + [lines[-1]]}


def notebook(cells):
    return {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {"name": "python", "version": "3.11.9"}}, "nbformat": 4, "nbformat_minor": 5}


def nb_rag():
    d = Doc("notebooks/rag_pipeline.ipynb", "jupyter-notebook")
    oa, pc, ls, hft, co = openai("proj"), pinecone(), langsmith("pt"), hf(), alnum(40)
    cells = [
        nb_cell("markdown", "# RAG over support tickets\n\nEmbeds closed tickets into Pinecone and answers with GPT-4.1."),
        nb_cell("code", "%pip install -qU langchain langchain-openai langchain-pinecone langchain-cohere",
                [nb_stream("Note: you may need to restart the kernel to use updated packages.")], 1),
        nb_cell("code", 'import os\nos.environ["OPENAI_API_KEY"] = "%s"\nos.environ["PINECONE_API_KEY"] = "%s"\nos.environ["LANGSMITH_TRACING"] = "true"\nos.environ["LANGSMITH_API_KEY"] = "%s"' % (oa, pc, ls), [], 2),
        nb_cell("code", "!env | grep -E '^(HF_TOKEN|COHERE_API_KEY)='",
                [nb_stream("HF_TOKEN=%s\nCOHERE_API_KEY=%s\n" % (hft, co))], 3),
        nb_cell("code", 'from langchain_openai import OpenAIEmbeddings\nfrom langchain_pinecone import PineconeVectorStore\n\nembeddings = OpenAIEmbeddings(model="text-embedding-3-small")\nstore = PineconeVectorStore(index_name="support-tickets", embedding=embeddings)\nprint(store._index.describe_index_stats())',
                [nb_stream("{'dimension': 1536, 'index_fullness': 0.0, 'namespaces': {'': {'vector_count': 48213}}, 'total_vector_count': 48213}")], 4),
        nb_cell("code", 'llm = ChatOpenAI(model="gpt-4.1", api_key=os.getenv("OPENAI_API_KEY_OLD"))\nllm.invoke("ping")',
                [{"ename": "AuthenticationError", "evalue": "Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-proj-********************************************%s. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'code': 'invalid_api_key'}}" % rs(4),
                  "output_type": "error", "traceback": ["\x1b[0;31mAuthenticationError\x1b[0m: Error code: 401"]}], 5),
        nb_cell("markdown", "Set `OPENAI_API_KEY` in your shell (`export OPENAI_API_KEY=sk-...`) rather than in the notebook."),
    ]
    d.set_text(jdump(notebook(cells), indent=1), negs=4)
    for v, p in ((oa, "openai"), (pc, "pinecone"), (ls, "langsmith"), (hft, "huggingface"), (co, "cohere")):
        d.mark(v, p)


def nb_llamaindex():
    d = Doc("notebooks/llamaindex_agents.ipynb", "jupyter-notebook")
    an, tg, gq, lx = anthropic(), hexs(64), groq(), "llx-" + alnum(48)
    cells = [
        nb_cell("markdown", "## Agent over the runbooks (LlamaIndex)"),
        nb_cell("code", 'from llama_index.llms.anthropic import Anthropic\nllm = Anthropic(model="claude-3-5-sonnet-latest", api_key="%s")' % an, [], 1),
        nb_cell("code", 'from llama_index.embeddings.together import TogetherEmbedding\nembed_model = TogetherEmbedding(model_name="togethercomputer/m2-bert-80M-8k-retrieval", api_key="%s")' % tg, [], 2),
        nb_cell("code", "import os\nos.environ",
                [{"data": {"text/plain": ["environ({'PATH': '/opt/conda/bin:/usr/local/bin:/usr/bin:/bin', 'HOSTNAME': 'jupyter-priya', 'GROQ_API_KEY': '%s', 'JUPYTER_IMAGE': 'quay.io/jupyter/scipy-notebook:2024-10-07'})" % gq]},
                  "execution_count": 3, "metadata": {}, "output_type": "execute_result"}], 3),
        nb_cell("code", 'from llama_parse import LlamaParse\nparser = LlamaParse(api_key="%s", result_type="markdown")\ndocs = parser.load_data("runbooks/postgres-failover.pdf")' % lx,
                [nb_stream("Started parsing the file under job_id %s" % uuid4())], 4),
        nb_cell("code", 'from llama_index.core import VectorStoreIndex, Settings\nSettings.llm = llm\nSettings.embed_model = embed_model\nindex = VectorStoreIndex.from_documents(docs)\nprint(index.as_query_engine().query("How do we promote the replica?"))',
                [nb_stream("Run `patronictl switchover --master pg-1 --candidate pg-2` and update the PgBouncer target.")], 5),
    ]
    d.set_text(jdump(notebook(cells), indent=1), negs=2)
    for v, p in ((an, "anthropic"), (tg, "together"), (gq, "groq"), (lx, "llamacloud")):
        d.mark(v, p)


def py_research_agent():
    d = Doc("app/agents/research_agent.py", "python")
    d.add('"""Research agent: web search + GitHub issues + summarisation."""', "import os", "",
          "from langchain_openai import ChatOpenAI", "from langchain_tavily import TavilySearch",
          "from langchain_xai import ChatXAI",
          "from langchain_community.utilities.github import GitHubAPIWrapper",
          "from langgraph.prebuilt import create_react_agent", "",
          'os.environ.setdefault("LANGSMITH_PROJECT", "research-agent")')
    d.put('os.environ.setdefault("LANGSMITH_API_KEY", "@@")', langsmith("sk"), "langsmith")
    d.add("")
    d.neg('llm = ChatOpenAI(model="gpt-4.1", temperature=0, api_key=os.getenv("OPENAI_API_KEY"))')
    d.put('search = TavilySearch(max_results=5, tavily_api_key="@@")', "tvly-" + alnum(32), "tavily")
    d.put('fast_llm = ChatXAI(model="grok-3-mini", xai_api_key="@@")', xai(), "xai")
    d.add("github = GitHubAPIWrapper(")
    d.neg('    github_app_id=os.environ["GITHUB_APP_ID"],', '    github_app_private_key=os.environ["GITHUB_APP_PRIVATE_KEY"],')
    d.add('    github_repository="larkspur/larkspur-api",', ")", "",
          "agent = create_react_agent(llm, tools=[search, *github_tools(github)])", "", "",
          "def run(task: str) -> str:",
          '    result = agent.invoke({"messages": [("user", task)]})',
          '    return result["messages"][-1].content')


def py_index_builder():
    d = Doc("app/rag/index_builder.py", "python")
    d.add("from llama_index.core import Settings, VectorStoreIndex, StorageContext",
          "from llama_index.llms.openai import OpenAI",
          "from llama_index.postprocessor.cohere_rerank import CohereRerank",
          "from llama_index.readers.web import FireCrawlWebReader",
          "from llama_index.vector_stores.qdrant import QdrantVectorStore",
          "import qdrant_client", "import os", "")
    d.put('Settings.llm = OpenAI(model="gpt-4o-mini", api_key="@@")', openai("svcacct"), "openai")
    d.put('reranker = CohereRerank(top_n=5, api_key="@@")', alnum(40), "cohere")
    d.put('reader = FireCrawlWebReader(api_key="@@", mode="crawl")', "fc-" + hexs(32), "firecrawl")
    d.add("")
    d.neg('QDRANT_URL = "https://qdrant.%s:6333"' % INT, 'QDRANT_API_KEY = os.environ.get("QDRANT_API_KEY")')
    d.add("client = qdrant_client.QdrantClient(url=QDRANT_URL, api_key=QDRANT_API_KEY)", "",
          "def build(urls):", "    docs = reader.load_data(urls=urls)",
          '    store = QdrantVectorStore(client=client, collection_name="docs")',
          "    ctx = StorageContext.from_defaults(vector_store=store)",
          "    return VectorStoreIndex.from_documents(docs, storage_context=ctx)")


def ts_ai_sdk():
    d = Doc("web/src/lib/ai.ts", "typescript")
    d.add('import { createOpenRouter } from "@openrouter/ai-sdk-provider";',
          'import { createPerplexity } from "@ai-sdk/perplexity";',
          'import { createFireworks } from "@ai-sdk/fireworks";',
          'import Replicate from "replicate";', 'import { createClient } from "@deepgram/sdk";',
          'import { ElevenLabsClient } from "@elevenlabs/elevenlabs-js";', "")
    d.put('export const openrouter = createOpenRouter({ apiKey: "@@" });', openrouter(), "openrouter")
    d.neg('export const perplexity = createPerplexity({ apiKey: process.env.PERPLEXITY_API_KEY ?? "" });')
    d.put('export const fireworks = createFireworks({ apiKey: "@@" });', "fw_" + alnum(24), "fireworks")
    d.put('export const replicate = new Replicate({ auth: "@@" });', replicate(), "replicate")
    d.put('export const deepgram = createClient(process.env.DEEPGRAM_API_KEY ?? "@@");', hexs(40), "deepgram")
    d.neg("export const elevenlabs = new ElevenLabsClient({ apiKey: process.env.ELEVENLABS_API_KEY });")
    d.add("", "export const models = {", '  chat: openrouter("anthropic/claude-sonnet-4.5"),',
          '  search: perplexity("sonar-pro"),', '  cheap: fireworks("accounts/fireworks/models/llama-v3p1-8b-instruct"),', "};")


def py_llm_router():
    d = Doc("app/llm_router.py", "python")
    d.add('"""Routes completion requests to the cheapest provider that supports the task."""',
          "import assemblyai as aai", "from mistralai import Mistral", "from openai import AzureOpenAI, OpenAI", "")
    d.put('MISTRAL_API_KEY = "@@"', alnum(32), "mistral")
    d.add("mistral = Mistral(api_key=MISTRAL_API_KEY)", "")
    d.put('DEEPSEEK_API_KEY = "@@"', "sk-" + hexs(32), "deepseek")
    d.add('deepseek = OpenAI(api_key=DEEPSEEK_API_KEY, base_url="https://api.deepseek.com")', "")
    d.put('STABILITY_API_KEY = "@@"', "sk-" + alnum(48), "stability")
    d.put('ASSEMBLYAI_API_KEY = "@@"', hexs(32), "assemblyai")
    d.add("aai.settings.api_key = ASSEMBLYAI_API_KEY", "")
    d.add("azure = AzureOpenAI(", '    azure_endpoint="https://larkspur-oai.openai.azure.com",')
    d.put('    api_key="@@",', hexs(32), "azure-openai")
    d.add('    api_version="2024-10-21",', ")", "")
    d.neg('TOGETHER_API_KEY = os.getenv("TOGETHER_API_KEY")', 'BEDROCK_REGION = "us-east-1"',
          "ROUTES = {\"summarise\": \"mistral-small-latest\", \"code\": \"deepseek-chat\", \"transcribe\": \"assemblyai\"}")


# ==========================================================================
# CI logs
# ==========================================================================
def ansi(code, s):
    return "\x1b[%sm%s\x1b[0m" % (code, s)


def gha_log():
    d = Doc("ci-logs/github-actions/build-and-publish-4821.log", "ci-log-github-actions")
    t = ["2024-11-20T14:%02d:%02d.%07dZ" % (m, s, R.randint(0, 9999999)) for m in range(2, 9) for s in range(0, 60, 3)]
    it = iter(t)

    def L(s):
        return "%s %s" % (next(it), s)
    d.add(L("Current runner version: '2.320.0'"), L("##[group]Operating System"), L("Ubuntu"), L("24.04.1"), L("##[endgroup]"))
    d.neg(L("Download action repository 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683' (SHA:11bd71901bbe5b1630ceea73d27597364c9af683)"))
    d.add(L("##[group]Run npm ci"), L(ansi("36;1", "npm ci")), L("shell: /usr/bin/bash -e {0}"), L("env:"))
    d.neg(L("  NODE_AUTH_TOKEN: ***"), L("  AWS_SECRET_ACCESS_KEY: ***"))
    d.add(L("##[endgroup]"), L("added 1184 packages, and audited 1185 packages in 21s"), L("##[group]Run ./scripts/debug-env.sh"))
    d.put(L("AWS_ACCESS_KEY_ID=@@"), aws_id(), "aws")
    d.neg(L("AWS_SECRET_ACCESS_KEY=***"), L("AWS_REGION=eu-west-1"))
    d.add(L("##[endgroup]"), L("##[group]Run docker/login-action@v3"))
    d.put(L("+ echo @@"), dockerhub(), "dockerhub")
    d.add(L("+ docker login -u larkspurci --password-stdin"))
    d.neg(L(ansi("33", "WARNING! Your password will be stored unencrypted in /home/runner/.docker/config.json.")))
    d.add(L("Login Succeeded"), L("##[endgroup]"), L("##[group]Run vercel deploy --prebuilt --prod"))
    d.neg(L("> Authorization: Bearer ***"))
    d.add(L("< HTTP/2 200"), L("Production: https://larkspur-web-%s.vercel.app [4s]" % rs(9, LO + DIG)))
    d.neg(L("#9 exporting manifest sha256:%s done" % sha256hex()), L("#9 pushing layers %s" % image_digest()))
    d.add(L("##[endgroup]"))
    d.neg(L("##[warning]Node.js 16 actions are deprecated. Please update the following actions to use Node.js 20: actions/cache@v2"))
    d.add(L("##[group]Run npm run test:redaction"))
    d.look(L("  ✓ rejects token with corrupted checksum (@@)"), crc_lookalike("ghp_"))
    d.look(L("  ✓ rejects npm token with corrupted checksum (@@)"), crc_lookalike("npm_"))
    d.add(L("##[endgroup]"), L("Cleaning up orphan processes"))


def gitlab_log():
    d = Doc("ci-logs/gitlab/job-99812.log", "ci-log-gitlab")
    E = "\x1b[0K"
    d.add(E + ansi("36;1", "Running with gitlab-runner 17.5.2 (c6eae8d7)"), E + "  on larkspur-k8s-runner t3_Xq8fZ, system ID: r_" + rs(12),
          E + "section_start:1732110211:prepare_executor" + E + ansi("1", "Preparing the \"kubernetes\" executor"))
    d.neg(E + "Using Kubernetes namespace: gitlab-runner",
          E + "Pulling docker image registry.%s/ci/builder:2024.11@%s ..." % (DOM, image_digest()))
    d.add(E + "section_end:1732110215:prepare_executor" + E,
          E + "section_start:1732110216:step_script" + E + ansi("36;1", "Executing \"step_script\" stage of the job script"))
    d.neg(ansi("32;1", "$ docker login -u gitlab-ci-token -p $CI_JOB_TOKEN $CI_REGISTRY"),
          "WARNING! Using --password via the CLI is insecure. Use --password-stdin.", "Login Succeeded")
    d.put(ansi("32;1", "$ echo \"machine gitlab.%s login deploy password @@\" > ~/.netrc" % DOM), gitlab("glpat"), "gitlab")
    d.put(ansi("32;1", "$ export CI_JOB_TOKEN_DEBUG=@@"), gitlab("glcbt"), "gitlab")
    d.neg(ansi("32;1", "$ mvn -B deploy -s ci_settings.xml -Drepo.password=$MAVEN_REPO_PASSWORD"))
    d.neg(ansi("32;1", "$ ./gradlew publish -PsonatypeUsername=larkspur -PsonatypePassword=[MASKED]"))
    d.put(ansi("32;1", "$ curl --fail --header \"PRIVATE-TOKEN: @@\" \"https://gitlab.%s/api/v4/projects/42/releases\"" % DOM), gitlab("glpat"), "gitlab")
    d.put(ansi("32;1", "$ curl -X POST --fail -F token=@@ -F ref=main https://gitlab.%s/api/v4/projects/77/trigger/pipeline" % DOM), gitlab("glptt"), "gitlab")
    d.neg('{"id":%d,"sha":"%s","ref":"main","status":"created"}' % (R.randint(100000, 999999), sha1hex()))
    d.add(E + "section_end:1732110302:step_script" + E, E + ansi("32;1", "Job succeeded"))


def jenkins_log():
    d = Doc("ci-logs/jenkins/larkspur-api-release-1432.txt", "ci-log-jenkins")
    d.add("Started by user Marta Kowalski", "Obtained Jenkinsfile from git https://git.%s/larkspur/api.git" % DOM,
          "[Pipeline] Start of Pipeline", "[Pipeline] node", "Running on build-agent-03 in /var/lib/jenkins/workspace/larkspur-api-release",
          "[Pipeline] withCredentials")
    d.neg("Masking supported pattern matches of $DB_PASSWORD or $NEXUS_PASSWORD",
          "+ mysql -h mysql.%s -u deploy -p**** -e 'SELECT 1'" % INT)
    d.add("[Pipeline] sh")
    d.put("+ curl -fsS -u admin:@@ https://nexus.%s/service/rest/v1/status/check" % INT, pw(), "basic-auth")
    d.add("[Pipeline] sh")
    d.put("+ export SONAR_TOKEN=@@", "squ_" + hexs(40), "sonarqube")
    d.add("+ sonar-scanner -Dsonar.projectKey=larkspur-api", "INFO: ANALYSIS SUCCESSFUL")
    d.neg("+ docker login -u larkspur -p ****", "WARNING! Using --password via the CLI is insecure. Use --password-stdin.")
    d.put("+ VAULT_TOKEN=@@ vault kv get -field=dsn secret/larkspur/api", vault("hvb"), "vault")
    d.neg("+ aws s3 cp build/api.tar.gz s3://larkspur-artifacts/api/%s.tar.gz" % sha1hex(),
          "upload: build/api.tar.gz to s3://larkspur-artifacts/api/api.tar.gz")
    d.add("[Pipeline] }", "[Pipeline] // withCredentials", "[Pipeline] End of Pipeline", "Finished: SUCCESS")


# ==========================================================================
# Kubernetes, Helm, compose
# ==========================================================================
def k8s_secret():
    d = Doc("k8s/base/secret-api.yaml", "k8s-secret")
    d.add("apiVersion: v1", "kind: Secret", "metadata:", "  name: api-secrets", "  namespace: larkspur",
          "  labels:", "    app.kubernetes.io/name: api", "type: Opaque", "stringData:")
    d.put("  DATABASE_URL: @@", "postgresql://api:%s@pg-primary.larkspur.svc.cluster.local:5432/larkspur" % pw_url(), "url-credentials")
    d.put("  REDIS_URL: @@", "rediss://default:%s@redis-master.larkspur.svc:6380/0" % pw_url(), "url-credentials")
    d.neg('  JWT_ISSUER: "https://api.%s"' % DOM)
    d.neg('  SENDGRID_API_KEY: ""')
    d.add("data:")
    d.put("  STRIPE_SECRET_KEY: @@", b64(stripe("sk").encode()), "kubernetes")
    d.put("  SLACK_BOT_TOKEN: @@", b64(slack("xoxb").encode()), "kubernetes")
    d.neg("  LOG_LEVEL: aW5mbw==", "  FEATURE_FLAGS: " + b64text("checkout_v2,new_search,ai_summaries"))
    d.add("---", "apiVersion: v1", "kind: Secret", "metadata:", "  name: ghcr-pull", "  namespace: larkspur",
          "type: kubernetes.io/dockerconfigjson", "data:")
    u = "larkspur-bot"
    t = gh("ghp")
    cfg = json.dumps({"auths": {"ghcr.io": {"username": u, "password": t, "auth": b64(("%s:%s" % (u, t)).encode())}}})
    d.put("  .dockerconfigjson: @@", b64(cfg.encode()), "kubernetes")


def k8s_configmap():
    d = Doc("k8s/base/configmap-api.yaml", "k8s-configmap")
    d.add("apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: api-config", "  namespace: larkspur", "data:")
    d.neg('  API_BASE_URL: "https://api.%s"' % DOM, '  OTEL_EXPORTER_OTLP_HEADERS: "x-honeycomb-team=${HONEYCOMB_API_KEY}"',
          '  PASSWORD_MIN_LENGTH: "12"', '  TOKEN_TTL_SECONDS: "3600"', '  SESSION_COOKIE_NAME: "__Host-lk_session"',
          '  SECRETS_MOUNT_PATH: "/var/run/secrets/larkspur"')
    d.put('  SMTP_URL: "@@"', "smtp://postmaster%%40mg.%s:%s@smtp.mailgun.org:587" % (DOM, pw_url()), "url-credentials")
    d.put('  LDAP_URL: "@@"', "ldap://cn=svc-api,ou=services,dc=larkspur,dc=dev:%s@ldap.%s:389" % (pw_url(), INT), "url-credentials")
    d.neg('  WELCOME_BANNER: "%s"' % b64text("Welcome to the Larkspur staging cluster"))


def k8s_deployment():
    d = Doc("k8s/base/deployment-api.yaml", "k8s-deployment")
    d.add("apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: api", "  namespace: larkspur", "spec:",
          "  replicas: 3", "  selector:", "    matchLabels: {app: api}", "  template:", "    metadata:",
          "      labels: {app: api}", "    spec:", "      serviceAccountName: api", "      containers:", "        - name: api")
    d.neg("          image: ghcr.io/larkspur/api@%s" % image_digest())
    d.add("          ports: [{containerPort: 8080}]", "          env:", "            - name: NODE_ENV", "              value: production",
          "            - name: DATABASE_PASSWORD", "              valueFrom:", "                secretKeyRef:")
    d.neg("                  name: api-secrets", "                  key: DATABASE_PASSWORD")
    d.add("            - name: DD_API_KEY")
    d.put('              value: "@@"', hexs(32), "datadog")
    d.add("            - name: NEW_RELIC_LICENSE_KEY")
    d.put('              value: "@@"', hexs(36) + "NRAL", "newrelic")
    d.add("            - name: OPENAI_API_KEY", "              valueFrom:", "                secretKeyRef: {name: api-secrets, key: OPENAI_API_KEY}",
          "            - name: POD_IP", "              valueFrom:", "                fieldRef: {fieldPath: status.podIP}")
    d.neg("          volumeMounts:", "            - name: sa-token", "              mountPath: /var/run/secrets/kubernetes.io/serviceaccount")


def k8s_kustomize():
    d = Doc("k8s/overlays/prod/kustomization.yaml", "kustomize")
    d.add("apiVersion: kustomize.config.k8s.io/v1beta1", "kind: Kustomization", "namespace: larkspur",
          "resources:", "  - ../../base", "  - sealed-secrets.yaml", "secretGenerator:", "  - name: api-env", "    literals:")
    d.put("      - TWILIO_AUTH_TOKEN=@@", hexs(32), "twilio")
    d.put("      - ALGOLIA_ADMIN_KEY=@@", hexs(32), "algolia")
    d.put("      - PLAID_SECRET=@@", hexs(30), "plaid")
    d.neg("    envs:", "      - prod.env")
    d.add("images:", "  - name: ghcr.io/larkspur/api", "    newTag: 1.42.0")
    d.neg("    digest: " + image_digest())


def k8s_sealed():
    d = Doc("k8s/overlays/prod/sealed-secrets.yaml", "k8s-sealedsecret")
    d.add("apiVersion: bitnami.com/v1alpha1", "kind: SealedSecret", "metadata:", "  name: api-secrets",
          "  namespace: larkspur", "spec:", "  encryptedData:")
    for k in ("DATABASE_PASSWORD", "OPENAI_API_KEY", "STRIPE_SECRET_KEY", "GITHUB_APP_PRIVATE_KEY"):
        d.neg("    %s: %s" % (k, sealed_value()))
    d.add("  template:", "    metadata:", "      name: api-secrets", "      namespace: larkspur", "    type: Opaque")


def k8s_external():
    d = Doc("k8s/base/external-secret.yaml", "k8s-externalsecret")
    d.add("apiVersion: external-secrets.io/v1beta1", "kind: ExternalSecret", "metadata:", "  name: api-from-vault",
          "spec:", "  refreshInterval: 1h", "  secretStoreRef:", "    name: vault-backend", "    kind: ClusterSecretStore",
          "  target:", "    name: api-secrets", "  data:")
    for k, p in (("STRIPE_SECRET_KEY", "stripe_key"), ("OPENAI_API_KEY", "openai_key"), ("DATABASE_PASSWORD", "db_password")):
        d.add("    - secretKey: %s" % k, "      remoteRef:")
        d.neg("        key: secret/data/larkspur/api", "        property: %s" % p)


def helm_values():
    d = Doc("charts/api/values.yaml", "helm-values")
    d.add("image:", "  repository: ghcr.io/larkspur/api", '  tag: "1.42.0"', "imagePullSecrets:", "  - name: ghcr-pull", "",
          "env:", "  LOG_LEVEL: info")
    d.neg('  DATABASE_URL: "{{ .Values.global.databaseUrl }}"', '  REDIS_URL: "{{ tpl .Values.redis.url . }}"')
    d.add("", "secrets:")
    d.put("  mailchimpApiKey: @@", mailchimp(), "mailchimp")
    d.neg('  algoliaAdminKey: ""', "  openaiApiKey: ~")
    d.add("", "postgresql:", "  enabled: true", "  auth:", "    username: larkspur")
    d.put('    password: "@@"', pw(), "generic-password")
    d.neg("    existingSecret: api-postgresql")
    d.add("", "redis:", "  auth:")
    d.neg('    password: "{{ .Values.global.redisPassword }}"', "    existingSecret: redis-auth")
    d.add("", "ingress:", "  enabled: true", "  hosts: [api.%s]" % DOM, "  tls:")
    d.neg("    - secretName: api-tls", "      hosts: [api.%s]" % DOM)

    d2 = Doc("charts/api/values-prod.yaml", "helm-values")
    d2.add("replicaCount: 6", "config:", "  newrelic:")
    d2.put("    apiKey: @@", newrelic("NRAK"), "newrelic")
    d2.add("  pagerduty:")
    d2.put("    routingKey: @@", hexs(32), "pagerduty")
    d2.add("  auth0:", "    domain: larkspur.eu.auth0.com", "    clientId: %s" % alnum(32))
    d2.put("    clientSecret: @@", urlsafe(64), "auth0")
    d2.neg("externalSecrets:", "  enabled: true", "  vaultPath: secret/data/larkspur/prod")

    d3 = Doc("charts/api/templates/secret.yaml", "helm-template")
    d3.add("apiVersion: v1", "kind: Secret", "metadata:", '  name: {{ include "api.fullname" . }}', "type: Opaque", "data:")
    d3.neg("  MAILCHIMP_API_KEY: {{ .Values.secrets.mailchimpApiKey | b64enc | quote }}",
           "  ALGOLIA_ADMIN_KEY: {{ .Values.secrets.algoliaAdminKey | b64enc | quote }}",
           '  DATABASE_PASSWORD: {{ required "postgresql.auth.password" .Values.postgresql.auth.password | b64enc }}')


def compose():
    d = Doc("docker-compose.yml", "docker-compose")
    d.add("services:", "  db:", "    image: postgres:16.4", "    environment:", "      POSTGRES_USER: larkspur")
    d.put("      POSTGRES_PASSWORD: @@", pw(), "generic-password")
    d.add("    volumes: [pgdata:/var/lib/postgresql/data]", "  redis:", "    image: redis:7.4-alpine")
    d.put('    command: ["redis-server", "--requirepass", "@@"]', pw_url(), "generic-password")
    d.add("  minio:", "    image: minio/minio:RELEASE.2024-10-13T13-34-11Z", '    command: server /data --console-address ":9001"',
          "    environment:", "      MINIO_ROOT_USER: larkspur-admin")
    d.neg("      MINIO_ROOT_PASSWORD: ${MINIO_ROOT_PASSWORD:?}")
    d.add("  rabbit:", "    image: rabbitmq:3.13-management", "    environment:", "      RABBITMQ_DEFAULT_USER: larkspur")
    d.neg("      RABBITMQ_DEFAULT_PASS_FILE: /run/secrets/rabbit_password")
    d.add("  api:", "    build: .", "    depends_on: [db, redis, rabbit]", "    environment:")
    d.neg("      - DATABASE_URL=postgresql://larkspur:${POSTGRES_PASSWORD}@db:5432/larkspur",
          "      - SENTRY_AUTH_TOKEN=${SENTRY_AUTH_TOKEN:?set SENTRY_AUTH_TOKEN}")
    d.put("      - MAILGUN_API_KEY=@@", mailgun(new=True), "mailgun")
    d.put("      - AMQP_URL=@@", "amqps://larkspur:%s@rabbit.%s:5671/%%2f" % (pw_url(), DOM), "url-credentials")
    d.add("  grafana:", "    image: grafana/grafana:11.3.0", "    environment:")
    d.put("      GF_SECURITY_ADMIN_PASSWORD: @@", passphrase(), "generic-password")
    d.neg("      GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: ${GRAFANA_OAUTH_SECRET}")
    d.add("volumes:", "  pgdata: {}")


# ==========================================================================
# Terraform, Ansible, GitHub Actions
# ==========================================================================
def terraform():
    d = Doc("infra/main.tf", "terraform")
    d.add("terraform {", "  required_version = \">= 1.7\"", "  backend \"s3\" {", '    bucket = "larkspur-tfstate"',
          '    key    = "prod/terraform.tfstate"', '    region = "eu-west-1"', "  }", "}", "",
          'provider "aws" {', '  region     = "eu-west-1"')
    d.put('  access_key = "@@"', aws_id(), "aws")
    d.put('  secret_key = "@@"', aws_secret(), "aws")
    d.add("}", "", 'provider "cloudflare" {')
    d.put('  api_token = "@@"', urlsafe(40), "cloudflare")
    d.add("}", "", 'provider "datadog" {')
    d.neg("  api_key = var.datadog_api_key", "  app_key = var.datadog_app_key")
    d.add("}", "", 'provider "github" {', '  owner = "larkspur"')
    d.put('  token = "@@"', gh("ghp"), "github")
    d.add("}", "", 'provider "digitalocean" {')
    d.put('  token = "@@"', digitalocean("dop"), "digitalocean")
    d.add("}", "", 'provider "heroku" {', '  email   = "ops@%s"' % DOM)
    d.put('  api_key = "@@"', heroku(), "heroku")
    d.add("}", "", 'resource "random_password" "db" {', "  length  = 32", "  special = true", "}", "",
          'resource "aws_db_instance" "reports" {', '  identifier        = "reports"', '  engine            = "postgres"',
          '  instance_class    = "db.t4g.medium"', '  username          = "reports_admin"')
    d.neg('  password          = random_password.db.result')
    d.add("}", "")
    for v in ("datadog_api_key", "datadog_app_key"):
        d.add('variable "%s" {' % v, "  type      = string")
        d.neg("  sensitive = true", '  default   = ""')
        d.add("}", "")

    d2 = Doc("infra/terraform.tfvars", "terraform-tfvars")
    d2.add('region = "eu-west-1"', 'environment = "prod"')
    d2.put('datadog_api_key = "@@"', hexs(32), "datadog")
    d2.put('datadog_app_key = "@@"', hexs(40), "datadog")
    d2.put('tfe_token = "@@"', tfc(), "terraform-cloud")
    d2.put('vault_token = "@@"', vault("hvs"), "vault")
    d2.put('alicloud_access_key = "@@"', alibaba_id(), "alibaba")
    d2.put('alicloud_secret_key = "@@"', alnum(30), "alibaba")
    d2.put('ibmcloud_api_key = "@@"', urlsafe(44), "ibm")
    d2.put('do_oauth_token = "@@"', digitalocean("doo"), "digitalocean")
    d2.put('do_refresh_token = "@@"', digitalocean("dor"), "digitalocean")
    d2.neg('allowed_cidrs = ["10.20.0.0/16", "192.168.40.0/24"]')


def tfstate():
    d = Doc("infra/terraform.tfstate", "terraform-state")
    kid, ksec, smtp = aws_id(), aws_secret(), "B" + rs(43, ALNUM + "/+")
    rp = pw(24)
    stg = azure_key()
    cos = azure_key()
    conn = "DefaultEndpointsProtocol=https;AccountName=larkspurprod;AccountKey=%s;EndpointSuffix=core.windows.net" % stg
    res = [
        {"mode": "managed", "type": "aws_iam_access_key", "name": "ci", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
         "instances": [{"schema_version": 0, "attributes": {"id": kid, "create_date": "2024-06-11T09:12:44Z", "encrypted_secret": None,
                                                            "secret": ksec, "ses_smtp_password_v4": smtp, "status": "Active", "user": "ci-deployer"},
                        "sensitive_attributes": []}]},
        {"mode": "managed", "type": "random_password", "name": "db", "provider": "provider[\"registry.terraform.io/hashicorp/random\"]",
         "instances": [{"schema_version": 3, "attributes": {"bcrypt_hash": "$2a$10$" + rs(53, ALNUM + "./"), "id": "none", "length": 24,
                                                            "result": rp, "special": True}, "sensitive_attributes": []}]},
        {"mode": "managed", "type": "azurerm_storage_account", "name": "prod", "provider": "provider[\"registry.terraform.io/hashicorp/azurerm\"]",
         "instances": [{"schema_version": 4, "attributes": {"name": "larkspurprod", "primary_access_key": stg,
                                                            "primary_blob_endpoint": "https://larkspurprod.blob.core.windows.net/",
                                                            "primary_connection_string": conn}, "sensitive_attributes": []}]},
        {"mode": "managed", "type": "azurerm_cosmosdb_account", "name": "events", "provider": "provider[\"registry.terraform.io/hashicorp/azurerm\"]",
         "instances": [{"schema_version": 1, "attributes": {"endpoint": "https://larkspur-events.documents.azure.com:443/",
                                                            "primary_key": cos, "name": "larkspur-events"}, "sensitive_attributes": []}]},
    ]
    st = {"version": 4, "terraform_version": "1.9.8", "serial": 212, "lineage": uuid4(), "outputs": {}, "resources": res, "check_results": None}
    d.set_text(jdump(st), negs=3)
    d.mark(kid, "aws")
    d.mark(ksec, "aws")
    d.mark(smtp, "aws")
    d.mark(rp, "generic-password")
    d.mark(stg, "azure-storage", count=2)
    d.mark(cos, "azure-cosmosdb")


def ansible():
    d = Doc("ansible/group_vars/all.yml", "ansible-vars")
    d.add("---", "app_user: larkspur", "db_host: pg-1.%s" % INT)
    d.put('db_password: "@@"', pw(), "generic-password")
    d.neg('redis_password: "{{ vault_redis_password }}"')
    d.add("smtp_password: !vault |")
    d.neg(["          " + l for l in ansible_vault_blob()])
    d.put('newrelic_license_key: "@@"', hexs(36) + "NRAL", "newrelic")
    d.add("cloudflare_email: ops@%s" % DOM)
    d.put("cloudflare_api_key: @@", hexs(37), "cloudflare")
    d.add("gitlab_scim_url: https://gitlab.%s/api/scim/v2/groups/larkspur" % DOM)
    d.put("gitlab_scim_token: @@", gitlab("glsoat"), "gitlab")

    d2 = Doc("ansible/inventory.ini", "ansible-inventory")
    d2.add("[web]", "web-1.%s ansible_host=10.20.1.11" % INT, "web-2.%s ansible_host=10.20.1.12" % INT, "", "[db]")
    d2.put("pg-1.%s ansible_host=10.20.2.11 ansible_user=deploy ansible_password=@@" % INT, pw(), "generic-password")
    d2.add("", "[windows]")
    d2.put("win-build-1 ansible_host=10.20.3.5 ansible_user=Administrator ansible_password=@@ ansible_connection=winrm", pw(), "generic-password")
    d2.add("", "[all:vars]")
    d2.neg("ansible_become_pass='{{ vault_become_pass }}'")
    d2.neg("ansible_ssh_private_key_file=~/.ssh/deploy_ed25519")

    d3 = Doc("ansible/group_vars/vault.yml", "ansible-vault")
    d3.neg(ansible_vault_blob())


def gha_workflows():
    d = Doc(".github/workflows/deploy.yml", "github-actions-workflow")
    d.add("name: deploy", "on:", "  push:", "    branches: [main]", "env:", "  AWS_REGION: eu-west-1")
    d.put("  FLY_API_TOKEN: @@", flyio(), "flyio")
    d.add("jobs:", "  deploy:", "    runs-on: ubuntu-24.04", "    permissions:", "      contents: read", "      id-token: write", "    steps:")
    d.neg("      - uses: actions/checkout@%s # v4.2.2" % sha1hex())
    d.add("      - uses: aws-actions/configure-aws-credentials@v4", "        with:")
    d.neg("          role-to-assume: arn:aws:iam::%s:role/gha-deploy" % digits(12))
    d.neg('      - run: echo "${{ secrets.GHCR_TOKEN }}" | docker login ghcr.io -u ${{ github.actor }} --password-stdin')
    d.add("      - uses: superfly/flyctl-actions/setup-flyctl@master", "      - run: flyctl deploy --remote-only", "        env:")
    d.neg("          FLY_API_TOKEN: ${{ secrets.FLY_API_TOKEN }}")
    d.add("      - name: Purge CDN cache", "        run: |")
    d.add('          curl -fsS -X POST "https://api.cloudflare.com/client/v4/zones/%s/purge_cache" \\' % hexs(32))
    d.put('            -H "Authorization: Bearer @@" \\', urlsafe(40), "cloudflare")
    d.add("            --data '{\"purge_everything\":true}'", "      - name: Notify", "        if: always()", "        run: >-",
          "          curl -X POST -H 'Content-type: application/json'",
          "          --data '{\"text\":\"deploy ${{ job.status }}\"}'")
    d.put("          @@", slack_webhook(), "slack")

    d2 = Doc(".github/workflows/release.yml", "github-actions-workflow")
    d2.add("name: release", "on:", "  release:", "    types: [published]", "jobs:", "  publish:", "    runs-on: ubuntu-24.04", "    steps:",
           "      - uses: actions/checkout@v4", "      - uses: actions/setup-node@v4", "        with:",
           "          node-version: 20", "          registry-url: https://registry.npmjs.org",
           "      - run: npm publish --provenance --access public", "        env:")
    d2.put("          NODE_AUTH_TOKEN: @@", npm(), "npm")
    d2.add("      - name: Publish to PyPI", "        uses: pypa/gh-action-pypi-publish@release/v1", "        with:")
    d2.put("          password: @@", pypi(), "pypi")
    d2.add("      - name: Publish crate")
    d2.put("        run: cargo publish --token @@", crates(), "crates-io")
    d2.add("      - name: Publish gem", "        env:")
    d2.put('          GEM_HOST_API_KEY: "@@"', rubygems(), "rubygems")
    d2.add("        run: gem push pkg/larkspur-*.gem", "      - name: Push NuGet package")
    d2.put('        run: dotnet nuget push "bin/Release/*.nupkg" --api-key @@ --source https://api.nuget.org/v3/index.json', nuget(), "nuget")
    d2.add("      - name: Upload symbols", "        env:")
    d2.neg("          SENTRY_AUTH_TOKEN: ${{ secrets.SENTRY_AUTH_TOKEN }}", "          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}")
    d2.add("        run: npx @sentry/cli sourcemaps upload dist/")


# ==========================================================================
# Windows / .NET / Java / mobile
# ==========================================================================
def powershell():
    d = Doc("scripts/deploy.ps1", "powershell")
    d.add('param([string]$Environment = "staging")', '$ErrorActionPreference = "Stop"', "")
    d.neg('$tenantId = "%s"' % uuid4(), '$appId = "%s"' % uuid4())
    d.put('$clientSecret = "@@"', azure_ad_secret(), "azure-ad")
    d.neg("$secure = ConvertTo-SecureString $clientSecret -AsPlainText -Force")
    d.add("$cred = New-Object System.Management.Automation.PSCredential($appId, $secure)",
          "Connect-AzAccount -ServicePrincipal -Credential $cred -Tenant $tenantId | Out-Null", "")
    d.put('$sqlPassword = ConvertTo-SecureString "@@" -AsPlainText -Force', pw(), "generic-password")
    d.put('$env:AZURE_STORAGE_CONNECTION_STRING = "DefaultEndpointsProtocol=https;AccountName=larkspurbuild;AccountKey=@@;EndpointSuffix=core.windows.net"',
          azure_key(), "azure-storage")
    d.neg('$headers = @{ Authorization = "Bearer $env:DEPLOY_TOKEN" }')
    d.put('$sas = "?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-01-31T23:59:59Z&st=2024-11-01T00:00:00Z&spr=https&sig=@@"', azure_sig(), "azure-sas")
    d.add('Invoke-WebRequest -Uri "https://larkspurbuild.blob.core.windows.net/releases/api-$Environment.zip$sas" -OutFile api.zip')
    d.put('$adoPat = "@@"', rs(52, BASE32L), "azure-devops")
    d.neg('$b64 = [Convert]::ToBase64String([Text.Encoding]::ASCII.GetBytes(":$adoPat"))',
          'Write-Host "Deploying to $Environment as $($env:USERNAME)"')


def web_config():
    d = Doc("web/Web.config", "dotnet-web-config")
    d.add('<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <connectionStrings>")
    d.put('    <add name="Default" connectionString="Server=tcp:larkspur-sql.database.windows.net,1433;Initial Catalog=larkspur;User ID=lkadmin;Password=@@;Encrypt=True;" providerName="System.Data.SqlClient" />',
          pw(), "connection-string")
    d.neg('    <add name="Reporting" connectionString="Data Source=.\\SQLEXPRESS;Integrated Security=True;Initial Catalog=reports" />')
    d.add("  </connectionStrings>", "  <appSettings>")
    d.neg('    <add key="webpages:Version" value="3.0.0.0" />')
    d.put('    <add key="StripeSecretKey" value="@@" />', stripe("rk"), "stripe")
    d.neg('    <add key="SendGridApiKey" value="%SENDGRID_API_KEY%" />')
    d.put('    <add key="ida:ClientSecret" value="@@" />', azure_ad_secret(), "azure-ad")
    d.add("  </appSettings>", "  <system.web>", '    <compilation debug="false" targetFramework="4.8" />', "    <machineKey")
    d.put('      validationKey="@@"', rs(128, HEXU), "generic-secret")
    d.neg('      decryptionKey="AutoGenerate,IsolateApps"')
    d.add('      validation="HMACSHA256" decryption="AES" />', "  </system.web>", "</configuration>")


def appsettings():
    d = Doc("src/Larkspur.Api/appsettings.Production.json", "dotnet-appsettings")
    cs = "Host=pg.%s;Port=5432;Database=larkspur;Username=api;Password=%s" % (INT, pw())
    jk, sg, ad = b64(R.randbytes(48)), sendgrid(), azure_ad_secret()
    obj = {"Logging": {"LogLevel": {"Default": "Information", "Microsoft.AspNetCore": "Warning"}},
           "AllowedHosts": "*", "ConnectionStrings": {"Default": cs},
           "Jwt": {"Issuer": "https://api.%s" % DOM, "Audience": "larkspur", "SigningKey": jk},
           "SendGrid": {"ApiKey": sg, "From": "no-reply@%s" % DOM},
           "AzureAd": {"Instance": "https://login.microsoftonline.com/", "TenantId": uuid4(), "ClientId": uuid4(), "ClientSecret": ad}}
    d.set_text(jdump(obj), negs=2)
    d.mark(cs, "connection-string")
    d.mark(jk, "generic-secret")
    d.mark(sg, "sendgrid")
    d.mark(ad, "azure-ad")


def spring_props():
    d = Doc("src/main/resources/application.properties", "java-properties")
    d.add("spring.application.name=orders", "spring.datasource.url=jdbc:postgresql://pg.%s:5432/larkspur" % INT,
          "spring.datasource.username=larkspur_app")
    d.put("spring.datasource.password=@@", pw(), "generic-password")
    d.add("spring.mail.host=smtp.sendgrid.net", "spring.mail.port=587", "spring.mail.username=apikey")
    d.put("spring.mail.password=@@", sendgrid(), "sendgrid")
    d.put("jwt.secret=@@", b64(R.randbytes(48)), "generic-secret")
    d.neg("app.aws.access-key=${AWS_ACCESS_KEY_ID}", "app.aws.secret-key=${AWS_SECRET_ACCESS_KEY}")
    d.put("okta.client.token=@@", okta(), "okta")
    d.neg("server.ssl.key-store-password=${KEYSTORE_PASSWORD}")
    d.neg("management.endpoints.web.exposure.include=health,info", "spring.security.user.password=${ADMIN_PASSWORD:}")
    d.add("spring.datasource.hikari.maximum-pool-size=10")

    d2 = Doc("src/main/resources/application.yml", "spring-yaml")
    d2.add("spring:", "  datasource:")
    d2.put("    url: @@", "jdbc:mysql://mysql.%s:3306/orders?user=orders_svc&password=%s&useSSL=true" % (INT, pw_url()), "url-credentials")
    d2.add("  rabbitmq:", "    host: rabbit.%s" % INT, "    username: orders")
    d2.neg("    password: ${RABBITMQ_PASSWORD}")
    d2.add("  security:", "    oauth2:", "      client:", "        registration:", "          google:",
           "            client-id: %s-%s.apps.googleusercontent.com" % (digits(12), rs(32, LO + DIG)))
    d2.put("            client-secret: @@", gocspx(), "google-oauth")
    d2.add("          github:", "            client-id: Iv1.%s" % hexs(16))
    d2.put("            client-secret: @@", hexs(40), "github-oauth")

    d3 = Doc("src/main/resources/application-prod.yml", "spring-yaml")
    d3.add("app:", "  storage:", "    azure:")
    d3.put('      connection-string: "DefaultEndpointsProtocol=https;AccountName=larkspurorders;AccountKey=@@;EndpointSuffix=core.windows.net"',
           azure_key(), "azure-storage")
    d3.add("  cache:")
    d3.put("    redis-url: @@", "redis://:%s@cache.%s:6379/1" % (pw_url(), INT), "url-credentials")
    d3.add("  search:", "    algolia:", "      app-id: %s" % rs(10, UP + DIG))
    d3.put("      admin-key: @@", hexs(32), "algolia")
    d3.add("  ldap:", "    url: ldaps://ldap.%s:636" % INT, "    manager-dn: cn=svc-orders,ou=services,dc=larkspur,dc=dev")
    d3.put("    manager-password: @@", pw(), "generic-password")


def android():
    d = Doc("android/gradle.properties", "gradle-properties")
    d.add("org.gradle.jvmargs=-Xmx4g -Dfile.encoding=UTF-8", "android.useAndroidX=true", "kotlin.code.style=official",
          "RELEASE_STORE_FILE=../keystore/release.jks")
    d.put("RELEASE_STORE_PASSWORD=@@", pw(), "generic-password")
    d.add("RELEASE_KEY_ALIAS=larkspur")
    d.neg("RELEASE_KEY_PASSWORD=RELEASE_STORE_PASSWORD")
    d.put("MAPS_API_KEY=@@", google_api(), "google")
    d.put("sentryAuthToken=@@", sentry_org("larkspur-mobile"), "sentry")
    d.add("artifactoryUser=ci-android")
    d.put("artifactoryPassword=@@", jfrog_api(), "jfrog")

    d2 = Doc("android/local.properties", "gradle-properties")
    d2.add("## This file must *NOT* be checked into Version Control Systems,",
           "# as it contains information specific to your local configuration.",
           "sdk.dir=/Users/mkowalski/Library/Android/sdk")
    d2.put("MAPBOX_DOWNLOADS_TOKEN=@@", mapbox("mkowalski"), "mapbox")
    d2.put("gpr.key=@@", gh("ghp"), "github")
    d2.add("gpr.user=mkowalski")


def ios():
    d = Doc("ios/Larkspur/Secrets.plist", "ios-plist")
    d.add('<?xml version="1.0" encoding="UTF-8"?>',
          '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
          '<plist version="1.0">', "<dict>", "\t<key>OpenAIAPIKey</key>")
    d.put("\t<string>@@</string>", openai("proj"), "openai")
    d.add("\t<key>TwitchClientSecret</key>")
    d.put("\t<string>@@</string>", rs(30, LO + DIG), "twitch")
    d.add("\t<key>ZoomClientSecret</key>")
    d.put("\t<string>@@</string>", alnum(32), "zoom")
    d.add("\t<key>APIBaseURL</key>", "\t<string>https://api.%s</string>" % DOM, "</dict>", "</plist>")

    d2 = Doc("ios/Larkspur/Info.plist", "ios-plist")
    d2.add('<?xml version="1.0" encoding="UTF-8"?>', '<plist version="1.0">', "<dict>",
           "\t<key>CFBundleIdentifier</key>", "\t<string>dev.larkspur.app</string>",
           "\t<key>CFBundleShortVersionString</key>", "\t<string>4.12.0</string>", "\t<key>StripePublishableKey</key>")
    d2.neg("\t<string>pk_live_51%s%s</string>" % (rs(14, UP + DIG), rs(83)))
    d2.add("\t<key>GMSApiKey</key>")
    d2.put("\t<string>@@</string>", google_api(), "google")
    d2.add("\t<key>NSCameraUsageDescription</key>", "\t<string>Scan receipts to attach them to an order.</string>", "</dict>", "</plist>")


# ==========================================================================
# API tooling: Postman, Insomnia, HAR, .http
# ==========================================================================
def api_postman():
    d = Doc("api/larkspur.postman_collection.json", "postman-collection")
    bearer = jwt({"sub": "svc-postman", "scope": "orders:read orders:write", "iat": 1731400000, "exp": 1762936000, "jti": uuid4()})
    sk, sh, ak = stripe("sk"), shopify("shpat"), urlsafe(48)
    obj = {"info": {"_postman_id": uuid4(), "name": "Larkspur API",
                    "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
           "auth": {"type": "bearer", "bearer": [{"key": "token", "value": bearer, "type": "string"}]},
           "item": [
               {"name": "List orders", "request": {"method": "GET", "header": [{"key": "X-Api-Key", "value": "{{apiKey}}"}],
                                                    "url": {"raw": "{{baseUrl}}/v2/orders?limit=20", "host": ["{{baseUrl}}"], "path": ["v2", "orders"]}}},
               {"name": "Create charge (Stripe)", "request": {"method": "POST",
                                                              "auth": {"type": "basic", "basic": [{"key": "username", "value": sk, "type": "string"},
                                                                                                  {"key": "password", "value": "", "type": "string"}]},
                                                              "url": {"raw": "https://api.stripe.com/v1/charges"}}},
               {"name": "Shopify products", "request": {"method": "GET",
                                                        "header": [{"key": "X-Shopify-Access-Token", "value": sh}],
                                                        "url": {"raw": "https://larkspur.myshopify.com/admin/api/2024-10/products.json"}}}],
           "variable": [{"key": "baseUrl", "value": "https://api.%s" % DOM}, {"key": "apiKey", "value": ak}]}
    d.set_text(jdump(obj, indent="\t"), negs=2)
    d.mark(bearer, "jwt")
    d.mark(sk, "stripe")
    d.mark(sh, "shopify")
    d.mark(ak, "generic-api-key")

    d2 = Doc("api/prod.postman_environment.json", "postman-environment")
    cs, pm, bt = urlsafe(64), postman(), braintree()
    obj = {"id": uuid4(), "name": "prod", "values": [
        {"key": "baseUrl", "value": "https://api.%s" % DOM, "type": "default", "enabled": True},
        {"key": "auth0ClientSecret", "value": cs, "type": "secret", "enabled": True},
        {"key": "postmanApiKey", "value": pm, "type": "secret", "enabled": True},
        {"key": "braintreeToken", "value": bt, "type": "secret", "enabled": True},
        {"key": "orderId", "value": uuid4(), "type": "default", "enabled": True}],
        "_postman_variable_scope": "environment", "_postman_exported_using": "Postman/11.19.0"}
    d2.set_text(jdump(obj, indent="\t"), negs=1)
    d2.mark(cs, "auth0")
    d2.mark(pm, "postman")
    d2.mark(bt, "braintree")


def insomnia():
    d = Doc("api/insomnia-export.json", "insomnia-export")
    sq, sqs = square(), "sq0csp-" + urlsafe(43)
    obj = {"_type": "export", "__export_format": 4, "__export_date": "2024-11-02T10:21:44.012Z", "__export_source": "insomnia.desktop.app:v10.1.1",
           "resources": [
               {"_id": "req_" + rs(32, HEX), "_type": "request", "parentId": "wrk_" + rs(32, HEX), "name": "List Square payments",
                "method": "GET", "url": "https://connect.squareup.com/v2/payments", "authentication": {"type": "bearer", "token": sq}},
               {"_id": "req_" + rs(32, HEX), "_type": "request", "parentId": "wrk_" + rs(32, HEX), "name": "Square OAuth token",
                "method": "POST", "url": "https://connect.squareup.com/oauth2/token",
                "body": {"mimeType": "application/json", "text": json.dumps({"client_id": "sq0idp-" + urlsafe(22), "client_secret": sqs, "grant_type": "refresh_token"})}},
               {"_id": "env_" + rs(32, HEX), "_type": "environment", "name": "Base Environment",
                "data": {"base_url": "https://api.%s" % DOM, "token": "{{ _.session_token }}"}}]}
    d.set_text(jdump(obj), negs=1)
    d.mark(sq, "square")
    d.mark(sqs, "square")


def har():
    d = Doc("api/checkout-session.har", "har")
    at = jwt({"iss": "https://auth.%s/" % DOM, "sub": "auth0|" + hexs(24), "aud": ["https://api.%s" % DOM], "iat": 1731421000,
              "exp": 1731507400, "scope": "openid profile orders:write", "azp": alnum(32)}, alg="RS256", kid=rs(22, ALNUM + "_-"))
    ic = intercom()
    dbx = dropbox()
    pwd = pw()
    def hdrs(extra):
        return [{"name": "accept", "value": "application/json"}, {"name": "user-agent", "value": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36"}] + extra
    clock = Clock("2024-11-12T14:31:02")

    def entry(method, url, headers, post=None, resp_text="{}", status=200):
        e = {"startedDateTime": clock(0.1, 3), "time": round(R.uniform(40, 900), 3),
             "request": {"method": method, "url": url, "httpVersion": "h2", "headers": headers, "queryString": [], "cookies": [], "headersSize": -1, "bodySize": -1},
             "response": {"status": status, "statusText": "", "httpVersion": "h2", "headers": [{"name": "content-type", "value": "application/json"}],
                          "content": {"size": len(resp_text), "mimeType": "application/json", "text": resp_text}, "redirectURL": "", "headersSize": -1, "bodySize": -1},
             "cache": {}, "timings": {"send": 0.2, "wait": 120.5, "receive": 1.1}}
        if post:
            e["request"]["postData"] = post
        return e
    entries = [
        entry("POST", "https://app.%s/api/login" % DOM, hdrs([{"name": "content-type", "value": "application/x-www-form-urlencoded"}]),
              post={"mimeType": "application/x-www-form-urlencoded", "text": "email=priya%%40%s&password=%s" % (DOM, quote(pwd, safe=""))},
              resp_text=json.dumps({"ok": True, "redirect": "/dashboard"})),
        entry("GET", "https://api.%s/v2/orders?limit=20" % DOM, hdrs([{"name": "authorization", "value": "Bearer " + at},
                                                                      {"name": "cookie", "value": "_ga=GA1.1.%s.%s; theme=dark" % (digits(10), digits(10))}])),
        entry("GET", "https://api.intercom.io/conversations?per_page=5", hdrs([{"name": "authorization", "value": "Bearer " + ic},
                                                                                 {"name": "intercom-version", "value": "2.11"}])),
        entry("POST", "https://api.dropboxapi.com/oauth2/token", hdrs([]),
              resp_text=json.dumps({"access_token": dbx, "token_type": "bearer", "expires_in": 14400, "scope": "files.content.read", "uid": digits(10), "account_id": "dbid:" + urlsafe(40)})),
    ]
    obj = {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "pages": [], "entries": entries}}
    d.set_text(jdump(obj), negs=2)
    d.mark(quote(pwd, safe=""), "generic-password")
    d.mark(at, "jwt")
    d.mark(ic, "intercom")
    d.mark(dbx, "dropbox")


def http_file():
    d = Doc("api/requests.http", "http-client-file")
    d.add("@baseUrl = https://api.%s" % DOM)
    d.put("@token = @@", jwt({"sub": "priya", "role": "admin", "iat": 1731000000, "exp": 1733592000, "jti": uuid4()}), "jwt")
    d.add("", "### Login", "POST {{baseUrl}}/auth/login", "Content-Type: application/json", "")
    d.neg('{"email": "ops@%s", "password": "{{opsPassword}}"}' % DOM)
    d.add("", "### Typeform responses", "GET https://api.typeform.com/forms/%s/responses" % rs(8))
    d.put("Authorization: Bearer @@", typeform(), "typeform")
    d.add("", "### Airtable orders", "GET https://api.airtable.com/v0/app%s/Orders" % rs(14))
    d.neg("Authorization: Bearer {{airtableToken}}")
    d.add("", "### Legacy admin export", "GET https://legacy.%s/admin/export.csv" % DOM)
    d.put("Authorization: Basic @@", b64(("export:%s" % pw()).encode()), "basic-auth")
    d.add("", "### Asana me", "GET https://app.asana.com/api/1.0/users/me")
    d.put("Authorization: Bearer @@", asana(), "asana")
    d.add("", "### Orders (uses the token above)", "GET {{baseUrl}}/v2/orders")
    d.neg("Authorization: Bearer {{token}}")


# ==========================================================================
# Dockerfiles, shell history, cron, systemd, web servers
# ==========================================================================
def dockerfiles():
    d = Doc("Dockerfile", "dockerfile")
    d.add("# syntax=docker/dockerfile:1.7")
    d.neg("FROM node:20.17-alpine@%s AS build" % image_digest())
    d.put("ARG NPM_TOKEN=@@", npm(), "npm")
    d.add("WORKDIR /app", "COPY package.json package-lock.json ./")
    d.neg('RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc',
          "RUN --mount=type=secret,id=sentry,env=SENTRY_AUTH_TOKEN npm run build")
    d.add("", "FROM node:20.17-alpine", "WORKDIR /app", "ENV NODE_ENV=production \\", "    PORT=8080")
    d.put("ENV STRIPE_SECRET_KEY=@@", stripe("sk"), "stripe")
    d.put('ENV DATABASE_URL="@@"', "postgresql://app:%s@db.%s:5432/app?sslmode=require" % (pw_url(), INT), "url-credentials")
    d.neg('ENV OPENAI_API_KEY=""')
    d.add("COPY --from=build /app/dist ./dist", 'CMD ["node", "dist/server.js"]')

    d2 = Doc("docker/worker.Dockerfile", "dockerfile")
    d2.add("FROM python:3.12-slim")
    d2.put("ARG PIP_INDEX_URL=@@", "https://ci-bot:%s@larkspur.jfrog.io/artifactory/api/pypi/pypi/simple" % jfrog_ref(), "jfrog")
    d2.add("RUN pip install --no-cache-dir -r requirements.txt")
    d2.put("ENV CELERY_BROKER_URL=@@", "amqp://worker:%s@rabbit.%s:5672/larkspur" % (pw_url(), INT), "url-credentials")
    d2.neg("ENV HF_HOME=/models HF_HUB_OFFLINE=1")
    d2.add("ENV AWS_DEFAULT_REGION=eu-west-1", 'CMD ["celery", "-A", "larkspur", "worker", "-l", "info"]')


def shell_history():
    d = Doc("home/priya/.bash_history", "bash-history")
    d.add("cd ~/src/larkspur-api", "git pull --rebase")
    d.put("export OPENAI_API_KEY=@@", openai("proj"), "openai")
    d.add("python scripts/backfill_embeddings.py --batch 500")
    d.put("mysql -h mysql.%s -u orders_admin -p'@@' orders" % INT, pw(), "generic-password")
    d.put('psql "@@"', "postgresql://analyst:%s@replica.%s:5432/larkspur?sslmode=require" % (pw_url(), INT), "url-credentials")
    d.put("docker login -u larkspur -p @@", dockerhub(), "dockerhub")
    d.put('curl -H "Authorization: token @@" https://api.github.com/user/repos', gh("ghp"), "github")
    d.add("aws configure list")
    d.put("export AWS_ACCESS_KEY_ID=@@", aws_id(), "aws")
    d.put("export AWS_SECRET_ACCESS_KEY=@@", aws_secret(), "aws")
    d.neg("heroku config:set SECRET_KEY_BASE=$(openssl rand -hex 64) -a larkspur-web")
    d.add("ssh deploy@10.20.1.11")
    d.neg("kubectl -n larkspur get secret api-secrets -o jsonpath='{.data.STRIPE_SECRET_KEY}' | base64 -d")
    d.neg("redis-cli -h cache.%s -a \"$REDIS_PASSWORD\" --no-auth-warning info" % INT)
    d.put("vault login @@", vault("hvs"), "vault")
    d.neg("gh auth login --with-token < ~/.gh-token", "openssl rand -hex 32")
    d.put("curl -u mkowalski@%s:@@ https://larkspur.atlassian.net/rest/api/3/myself" % DOM, atlassian(), "atlassian")
    d.put("npm config set //registry.npmjs.org/:_authToken @@", npm(), "npm")
    d.look("export GH_TOKEN=@@", crc_lookalike("ghu_"))
    d.add("gh pr list", "history | grep -i token")

    d2 = Doc("home/priya/.zsh_history", "zsh-history")
    t = 1731412323
    def z(cmd):
        nonlocal t
        t += R.randint(5, 900)
        return ": %d:0;%s" % (t, cmd)
    d2.put(z("export ANTHROPIC_API_KEY=@@"), anthropic(), "anthropic")
    d2.put(z("export GROQ_API_KEY=@@"), groq(), "groq")
    d2.put(z("doctl auth init --access-token @@"), digitalocean("dop"), "digitalocean")
    d2.neg(z("databricks auth login --host https://adb-%s.7.azuredatabricks.net" % digits(16)))
    d2.neg(z("fly auth token"), z("stripe login"))
    d2.put(z("stripe listen --api-key @@ --forward-to localhost:3000/api/webhooks"), stripe("rk"), "stripe")
    d2.put(z("curl -s -X POST https://api.telegram.org/bot@@/sendMessage -d chat_id=-100%s -d text=deployed" % digits(10)), telegram(), "telegram")
    d2.neg(z('curl -H "Authorization: Bearer $SLACK_TOKEN" https://slack.com/api/auth.test'))
    d2.put(z("export SNOWSQL_PWD='@@'"), pw(), "snowflake")
    d2.add(z("snowsql -a xy%s.eu-west-1 -u LOADER -d RAW" % digits(5)))
    d2.put(z("vercel deploy --prod --token @@"), "vcp_" + alnum(56), "vercel")
    d2.look(z("git remote -v; echo $GITHUB_TOKEN  # was @@"), crc_lookalike("ghs_"))
    d2.add(z("code ."))


def crontab():
    d = Doc("etc/cron.d/larkspur", "crontab")
    d.add("SHELL=/bin/bash", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin", "MAILTO=ops@%s" % DOM)
    d.neg("AWS_PROFILE=backup")
    d.add("# m h dom mon dow user command")
    d.put("15 2 * * * postgres PGPASSWORD='@@' pg_dump -h pg-1.%s -U backup larkspur | gzip > /var/backups/pg/larkspur-$(date +\\%%F).sql.gz" % INT, pw_url(), "generic-password")
    d.put("0 * * * * deploy /opt/larkspur/bin/sync-mailchimp --api-key @@ >> /var/log/larkspur/sync.log 2>&1", mailchimp(), "mailchimp")
    d.add("30 3 * * 0 root aws s3 sync /srv/uploads s3://larkspur-uploads-backup --only-show-errors")
    d.put('45 4 * * * deploy lftp -c "open @@; mirror -R /srv/exports incoming"', "ftp://uploads:%s@ftp.larkspur-legacy.net" % pw_url(), "url-credentials")
    d.put('0 6 * * 1 deploy curl -s -X POST -H "Authorization: GenieKey @@" https://api.opsgenie.com/v2/heartbeats/weekly/ping', uuid4(), "opsgenie")
    d.neg("*/5 * * * * deploy /opt/larkspur/bin/healthcheck --url https://api.%s/healthz > /dev/null 2>&1" % DOM)


def systemd():
    d = Doc("etc/systemd/system/larkspur-worker.service", "systemd-unit")
    d.add("[Unit]", "Description=Larkspur background worker", "After=network-online.target", "", "[Service]",
          "User=larkspur", "WorkingDirectory=/opt/larkspur")
    d.neg("EnvironmentFile=-/etc/larkspur/worker.env")
    d.add('Environment="PYTHONUNBUFFERED=1"')
    d.put('Environment="CELERY_BROKER_URL=@@"', "rediss://:%s@cache.%s:6380/2" % (pw_url(), INT), "url-credentials")
    d.put('Environment="DEEPGRAM_API_KEY=@@"', hexs(40), "deepgram")
    d.put('Environment="PAGERDUTY_TOKEN=@@"', "u+" + urlsafe(18), "pagerduty")
    d.add("ExecStart=/opt/larkspur/venv/bin/celery -A larkspur worker -l info --concurrency=4", "Restart=on-failure", "",
          "[Install]", "WantedBy=multi-user.target")


def webservers():
    d = Doc("etc/nginx/conf.d/api.larkspur.dev.conf", "nginx-conf")
    d.add("server {", "    listen 443 ssl http2;", "    server_name api.%s;" % DOM)
    d.neg("    ssl_certificate     /etc/letsencrypt/live/api.%s/fullchain.pem;" % DOM,
          "    ssl_certificate_key /etc/letsencrypt/live/api.%s/privkey.pem;" % DOM)
    d.add("", "    location /internal/ {", '        auth_basic "Internal";')
    d.neg("        auth_basic_user_file /etc/nginx/.htpasswd;")
    d.add("        proxy_pass http://127.0.0.1:8080;", "    }", "", "    location /logs/ {",
          "        proxy_pass https://es.%s:9200/;" % INT)
    d.put('        proxy_set_header Authorization "ApiKey @@";', b64(("%s:%s" % (urlsafe(20), urlsafe(22))).encode()), "elastic")
    d.add("    }", "", "    location /hooks/sentry {", "        proxy_pass https://sentry.io/api/0/organizations/larkspur/releases/;")
    d.put('        proxy_set_header Authorization "Bearer @@";', sentry_user(), "sentry")
    d.add("    }", "}")

    d2 = Doc("etc/apache2/sites-available/admin.larkspur.dev.conf", "apache-conf")
    d2.add("<VirtualHost *:443>", "    ServerName admin.%s" % DOM, "    DocumentRoot /var/www/admin/public")
    d2.put('    SetEnv DB_PASSWORD "@@"', pw(), "generic-password")
    d2.neg('    PassEnv APP_KEY')
    d2.put('    RequestHeader set Authorization "Basic @@"', b64(("reports:%s" % pw()).encode()), "basic-auth")
    d2.neg("    SSLCertificateFile /etc/ssl/certs/larkspur.crt", "    SSLCertificateKeyFile /etc/ssl/private/larkspur.key")
    d2.add("    <Location /server-status>", "        Require ip 10.0.0.0/8", "    </Location>", "</VirtualHost>")


# ==========================================================================
# lock files (negatives only)
# ==========================================================================
NPM_PKGS = [("express", "4.21.1"), ("debug", "2.6.9"), ("ms", "2.0.0"), ("jsonwebtoken", "9.0.2"), ("dotenv", "16.4.5"),
            ("lru-cache", "10.4.3"), ("semver", "7.6.3"), ("safe-buffer", "5.2.1"), ("cookie", "0.7.1"), ("base64-js", "1.5.1"),
            ("@aws-sdk/credential-providers", "3.682.0"), ("secure-json-parse", "2.7.0")]


def lockfiles():
    d = Doc("package-lock.json", "npm-lockfile")
    pk = {"": {"name": "larkspur-web", "version": "3.8.0", "dependencies": {n: "^" + v for n, v in NPM_PKGS[:6]}}}
    for n, v in NPM_PKGS:
        base = n.split("/")[-1]
        pk["node_modules/" + n] = {"version": v, "resolved": "https://registry.npmjs.org/%s/-/%s-%s.tgz" % (n, base, v),
                                   "integrity": integrity(), "license": "MIT"}
    d.set_text(jdump({"name": "larkspur-web", "version": "3.8.0", "lockfileVersion": 3, "requires": True, "packages": pk}),
               negs=2 * len(NPM_PKGS))

    d2 = Doc("pnpm-lock.yaml", "pnpm-lockfile")
    d2.add("lockfileVersion: '9.0'", "", "settings:", "  autoInstallPeers: true", "  excludeLinksFromLockfile: false", "", "packages:", "")
    for n, v in NPM_PKGS:
        d2.add("  '%s@%s':" % (n, v))
        d2.neg("    resolution: {integrity: %s}" % integrity())
        d2.add("    engines: {node: '>=14'}", "")

    d3 = Doc("Pipfile.lock", "pipenv-lockfile")
    pkgs = {}
    for n, v in (("requests", "2.32.3"), ("cryptography", "43.0.3"), ("pyjwt", "2.9.0"), ("python-dotenv", "1.0.1"), ("boto3", "1.35.54")):
        pkgs[n] = {"hashes": ["sha256:" + sha256hex(), "sha256:" + sha256hex()], "index": "pypi", "markers": "python_version >= '3.8'", "version": "==" + v}
    obj = {"_meta": {"hash": {"sha256": sha256hex()}, "pipfile-spec": 6, "requires": {"python_version": "3.12"},
                     "sources": [{"name": "pypi", "url": "https://pypi.org/simple", "verify_ssl": True}]}, "default": pkgs, "develop": {}}
    d3.set_text(jdump(obj, indent=4), negs=11)

    d4 = Doc("go.sum", "go-sum")
    for m, v in (("github.com/golang-jwt/jwt/v5", "v5.2.1"), ("github.com/jackc/pgx/v5", "v5.7.1"), ("golang.org/x/crypto", "v0.28.0"),
                 ("github.com/slack-go/slack", "v0.15.0"), ("github.com/aws/aws-sdk-go-v2/credentials", "v1.17.42")):
        d4.neg("%s %s h1:%s" % (m, v, b64(R.randbytes(32))), "%s %s/go.mod h1:%s" % (m, v, b64(R.randbytes(32))))

    d5 = Doc("Gemfile.lock", "bundler-lockfile")
    gems = (("jwt", "2.9.3"), ("rack", "3.1.8"), ("stripe", "13.1.0"), ("aws-sigv4", "1.10.1"), ("bcrypt", "3.1.20"))
    d5.add("GEM", "  remote: https://rubygems.org/", "  specs:")
    for n, v in gems:
        d5.add("    %s (%s)" % (n, v))
    d5.add("", "PLATFORMS", "  arm64-darwin-23", "  x86_64-linux", "", "DEPENDENCIES")
    for n, _ in gems:
        d5.add("  " + n)
    d5.add("", "CHECKSUMS")
    for n, v in gems:
        d5.neg("  %s (%s) sha256=%s" % (n, v, sha256hex()))
    d5.add("", "BUNDLED WITH", "   2.6.2")

    d6 = Doc("composer.lock", "composer-lockfile")
    pk = []
    for n, v in (("firebase/php-jwt", "v6.10.1"), ("guzzlehttp/guzzle", "7.9.2"), ("vlucas/phpdotenv", "v5.6.1")):
        pk.append({"name": n, "version": v, "source": {"type": "git", "url": "https://github.com/%s.git" % n, "reference": sha1hex()},
                   "dist": {"type": "zip", "url": "https://api.github.com/repos/%s/zipball/%s" % (n, sha1hex()), "reference": sha1hex(), "shasum": ""},
                   "require": {"php": "^8.1"}, "type": "library"})
    d6.set_text(jdump({"_readme": ["This file locks the dependencies of your project to a known state"],
                       "content-hash": rs(32, HEX), "packages": pk, "packages-dev": [], "minimum-stability": "stable"}, indent=4), negs=10)


# ==========================================================================
# credential files in a home directory
# ==========================================================================
def home_credentials():
    h = "home/priya/"
    d = Doc(h + ".netrc", "netrc")
    hk = heroku()
    d.add("machine api.heroku.com", "  login ops@%s" % DOM)
    d.put("  password @@", hk, "heroku", count=2)
    d.add("machine git.heroku.com", "  login ops@%s" % DOM, "  password " + hk)
    d.put("machine gitlab.%s login deploy password @@" % DOM, gitlab("glpat"), "gitlab")
    d.put("machine ftp.larkspur-legacy.net login uploads password @@", pw(), "netrc")

    d = Doc(h + ".git-credentials", "git-credentials")
    d.put("@@", "https://priya-n:%s@github.com" % gh("ghp"), "git-credentials")
    d.put("@@", "https://oauth2:%s@gitlab.com" % gitlab("glpat"), "git-credentials")
    d.put("@@", "https://mkowalski:%s@bitbucket.org" % atbb(), "bitbucket")
    d.put("@@", "https://larkspur:%s@dev.azure.com" % rs(52, BASE32L), "git-credentials")

    d = Doc(h + ".pgpass", "pgpass")
    d.neg("# hostname:port:database:username:password")
    d.put("pg-1.%s:5432:larkspur:app_rw:@@" % INT, pw(), "pgpass")
    d.put("replica.%s:5432:*:analyst:@@" % INT, pw(), "pgpass")

    d = Doc(h + ".npmrc", "npmrc")
    d.add("registry=https://registry.npmjs.org/", "@larkspur:registry=https://npm.pkg.github.com")
    d.put("//npm.pkg.github.com/:_authToken=@@", gh("ghp"), "github")
    d.put("//registry.npmjs.org/:_authToken=@@", npm(), "npm")
    d.look("# previous token, revoked: //registry.npmjs.org/:_authToken=@@", crc_lookalike("npm_"))
    d.put("//larkspur.jfrog.io/artifactory/api/npm/npm/:_auth=@@", b64(("ci-bot:%s" % pw()).encode()), "npmrc")
    d.add("//nexus.%s/repository/npm-private/:username=ci" % INT)
    d.put("//nexus.%s/repository/npm-private/:_password=@@" % INT, b64(pw().encode()), "npmrc")
    d.add("always-auth=true")

    d = Doc(h + ".docker/config.json", "docker-config-json")
    a1 = b64(("larkspur:" + dockerhub()).encode())
    a2 = b64(("priya-n:" + gh("ghp")).encode())
    a3 = b64(("larkspur:" + pw()).encode())
    d.set_text(jdump({"auths": {"https://index.docker.io/v1/": {"auth": a1}, "ghcr.io": {"auth": a2}, "larkspur.azurecr.io": {"auth": a3},
                                "public.ecr.aws": {}}, "credsStore": "desktop", "currentContext": "default"}), negs=1)
    for a in (a1, a2, a3):
        d.mark(a, "docker-config")

    d = Doc(h + ".s3cfg", "s3cfg")
    d.add("[default]")
    d.put("access_key = @@", aws_id(), "aws")
    d.put("secret_key = @@", aws_secret(), "aws")
    d.add("host_base = s3.amazonaws.com", "host_bucket = %(bucket)s.s3.amazonaws.com")
    d.put("gpg_passphrase = @@", passphrase(), "generic-password")
    d.add("use_https = True")

    d = Doc(h + ".pypirc", "pypirc")
    d.add("[distutils]", "index-servers =", "    pypi", "    larkspur", "", "[pypi]", "username = __token__")
    d.put("password = @@", pypi(), "pypi")
    d.add("", "[larkspur]", "repository = https://larkspur.jfrog.io/artifactory/api/pypi/pypi-local", "username = ci-bot")
    d.put("password = @@", jfrog_api(), "jfrog")

    d = Doc(h + ".aws/credentials", "aws-credentials")
    d.add("[default]")
    d.put("aws_access_key_id = @@", aws_id(), "aws")
    d.put("aws_secret_access_key = @@", aws_secret(), "aws")
    d.add("", "[bedrock-dev]")
    d.put("aws_access_key_id = @@", aws_id("ASIA"), "aws")
    d.put("aws_secret_access_key = @@", aws_secret(), "aws")
    d.put("aws_session_token = @@", aws_session(), "aws")
    d.add("", "[ci-readonly]")
    d.neg("role_arn = arn:aws:iam::%s:role/ci-readonly" % digits(12), "source_profile = default")

    d = Doc(h + ".config/gh/hosts.yml", "gh-hosts-yaml")
    go = gh("gho")
    d.add("github.com:", "    users:", "        priya-n:")
    d.put("            oauth_token: @@", go, "github", count=2)
    d.add("    git_protocol: ssh", "    user: priya-n", "    oauth_token: " + go)

    d = Doc(h + ".config/larkspur-cli/github-app-token.json", "oauth-token-json")
    u, r = gh("ghu"), gh("ghr")
    d.set_text(jdump({"access_token": u, "expires_in": 28800, "refresh_token": r, "refresh_token_expires_in": 15811200,
                      "scope": "", "token_type": "bearer", "obtained_at": "2024-11-18T08:44:10Z"}))
    d.mark(u, "github")
    d.mark(r, "github")

    d = Doc(h + ".gem/credentials", "gem-credentials")
    d.add("---")
    d.put(":rubygems_api_key: @@", rubygems(), "rubygems")

    d = Doc(h + ".cargo/credentials.toml", "cargo-credentials")
    d.add("[registry]")
    d.put('token = "@@"', crates(), "crates-io")

    d = Doc(h + ".config/age/keys.txt", "age-keys")
    d.add("# created: 2024-09-02T11:20:31+02:00")
    d.neg("# public key: " + bech32("age", R.randbytes(32)))
    d.put("@@", age_key(), "age")

    d = Doc(h + ".kube/config", "kubeconfig")
    d.add("apiVersion: v1", "kind: Config", "clusters:", "  - name: larkspur-prod", "    cluster:")
    d.neg("      certificate-authority-data: " + b64(certificate().encode()))
    d.add("      server: https://k8s-prod.%s:6443" % INT, "users:", "  - name: ci-deployer", "    user:")
    sat = jwt({"iss": "kubernetes/serviceaccount", "kubernetes.io/serviceaccount/namespace": "larkspur",
               "kubernetes.io/serviceaccount/service-account.name": "ci-deployer", "sub": "system:serviceaccount:larkspur:ci-deployer",
               "kubernetes.io/serviceaccount/secret.name": "ci-deployer-token-" + rs(5, LO + DIG)}, alg="RS256", kid=urlsafe(43))
    d.put("      token: @@", sat, "jwt")
    d.add("  - name: prod-admin", "    user:")
    d.neg("      client-certificate-data: " + b64(certificate().encode()))
    d.put("      client-key-data: @@", b64(ec_sec1().encode() + b"\n"), "private-key")
    d.add("contexts:", "  - name: prod", "    context: {cluster: larkspur-prod, user: prod-admin, namespace: larkspur}", "current-context: prod")

    d = Doc(h + ".vault-token", "vault-token")
    v = vault("hvs")
    d.set_text(v)
    d.mark(v, "vault")

    d = Doc(h + ".terraform.d/credentials.tfrc.json", "terraform-credentials")
    t = tfc()
    d.set_text(jdump({"credentials": {"app.terraform.io": {"token": t}}}))
    d.mark(t, "terraform-cloud")

    d = Doc(h + ".databrickscfg", "databrickscfg")
    d.add("[DEFAULT]", "host = https://adb-%s.%d.azuredatabricks.net" % (digits(16), R.randint(1, 19)))
    d.put("token = @@", databricks(), "databricks")

    d = Doc(h + ".doppler/.doppler.yaml", "doppler-cli-config")
    d.add("scoped:", "    /:")
    d.put("        token: @@", doppler("ct"), "doppler")
    d.add("        api-host: https://api.doppler.com", "        dashboard-host: https://dashboard.doppler.com", "    /home/priya/src/larkspur-api:",
          "        enclave.project: larkspur-api", "        enclave.config: dev")

    d = Doc(h + ".pulumi/credentials.json", "pulumi-credentials")
    p = pulumi()
    d.set_text(jdump({"current": "https://api.pulumi.com", "accessTokens": {"https://api.pulumi.com": p},
                      "accounts": {"https://api.pulumi.com": {"accessToken": p, "username": "priya-n", "lastValidatedAt": "2024-11-18T09:02:11Z"}}}))
    d.mark(p, "pulumi", count=2)

    d = Doc(h + ".m2/settings.xml", "maven-settings")
    d.add("<settings>", "  <servers>", "    <server>", "      <id>larkspur-releases</id>", "      <username>deployer</username>")
    d.put("      <password>@@</password>", pw(), "generic-password")
    d.add("    </server>", "    <server>", "      <id>larkspur-snapshots</id>", "      <username>deployer</username>")
    d.neg("      <password>{%s=}</password>" % rs(43, B64))
    d.add("    </server>", "  </servers>", "</settings>")

    d = Doc(h + ".ssh/known_hosts", "ssh-known-hosts")
    d.neg("github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + rs(43, B64),
          "|1|%s|%s ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBB%s=" % (b64(R.randbytes(20)), b64(R.randbytes(20)), rs(87, B64)),
          "10.20.1.11 " + ssh_rsa_pub("").strip())

    key, pub = ed25519_pair("priya@larkspur-mbp")
    d = Doc(h + ".ssh/id_ed25519", "openssh-private-key")
    d.block(key, "-----BEGIN OPENSSH PRIVATE KEY-----", "private-key")
    d = Doc(h + ".ssh/id_ed25519.pub", "ssh-public-key")
    d.neg(pub)
    d.neg(ssh_rsa_pub("mkowalski@larkspur-build"))


def system_credentials():
    d = Doc("wordpress/wp-config.php", "php-wordpress")
    d.add("<?php", "/** The name of the database for WordPress */", "define( 'DB_NAME', 'wp_larkspur' );", "define( 'DB_USER', 'wp_larkspur' );")
    d.put("define( 'DB_PASSWORD', '@@' );", pw(), "wordpress")
    d.add("define( 'DB_HOST', 'mysql.%s' );" % INT, "define( 'DB_CHARSET', 'utf8mb4' );", "")
    for k in ("AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY"):
        d.neg("define( '%s',%s'put your unique phrase here' );" % (k, " " * (17 - len(k))))
    d.put("define( 'WPMS_SMTP_PASS', '@@' );", pw(), "generic-password")
    d.add("$table_prefix = 'wp_';", "define( 'WP_DEBUG', false );", "require_once ABSPATH . 'wp-settings.php';")

    d = Doc("etc/nginx/.htpasswd", "htpasswd")
    d.put("ops:@@", apr1(), "htpasswd")
    d.put("deploy:@@", bcrypt(), "htpasswd")
    d.put("grafana:{SHA}@@", b64(R.randbytes(20)), "htpasswd")

    d = Doc("etc/shadow", "shadow")
    d.put("root:@@:19700:0:99999:7:::", sha512crypt(), "password-hash")
    d.neg("daemon:*:19700:0:99999:7:::", "bin:*:19700:0:99999:7:::", "sys:*:19700:0:99999:7:::", "www-data:*:19700:0:99999:7:::",
          "postgres:!:19701:0:99999:7:::")
    d.put("deploy:@@:19820:0:99999:7:::", yescrypt(), "password-hash")
    d.put("mkowalski:@@:19855:0:99999:7:::", sha512crypt(), "password-hash")

    d = Doc("etc/gitlab-runner/config.toml", "gitlab-runner-config")
    d.add("concurrent = 4", "check_interval = 0", "", "[[runners]]", '  name = "larkspur-k8s-runner"', '  url = "https://gitlab.%s"' % DOM, '  id = 42')
    d.put('  token = "@@"', gitlab("glrt"), "gitlab")
    d.add('  executor = "kubernetes"', "  [runners.kubernetes]", '    namespace = "gitlab-runner"')


# ==========================================================================
# private keys and key files
# ==========================================================================
def key_files():
    d = Doc("keys/server.key", "pem-rsa")
    d.block(rsa_pkcs1(), "-----BEGIN RSA PRIVATE KEY-----", "private-key")

    d = Doc("keys/tls/wildcard.larkspur.dev.pem", "pem-bundle")
    d.neg(certificate().split("\n"), certificate().split("\n"))
    d.block(rsa_pkcs8(), "-----BEGIN PRIVATE KEY-----", "private-key")

    d = Doc("keys/ec-signing.pem", "pem-ec")
    d.block(ec_sec1(), "-----BEGIN EC PRIVATE KEY-----", "private-key")

    d = Doc("keys/legacy/dsa_host_key", "pem-dsa")
    d.block(dsa_key(), "-----BEGIN DSA PRIVATE KEY-----", "private-key")

    d = Doc("keys/deploy.ppk", "putty-key")
    d.block(putty_key("deploy@build-01"), "PuTTY-User-Key-File-3: ssh-ed25519", "private-key")

    d = Doc("keys/release-signing.asc", "pgp-private")
    d.add("# exported for the release pipeline, see docs/releasing.md")
    d.block(pgp_private(), "-----BEGIN PGP PRIVATE KEY BLOCK-----", "private-key")


    d = Doc("keys/backup-encrypted.pem", "pem-encrypted")
    d.block(pkcs8_encrypted(), "-----BEGIN ENCRYPTED PRIVATE KEY-----", "private-key")

    d = Doc("keys/legacy/api-2019.key", "pem-encrypted")
    d.block(rsa_encrypted_legacy(), "-----BEGIN RSA PRIVATE KEY-----", "private-key")

    d = Doc("keys/jwt/public.pem", "pem-public")
    d.neg(public_key_pem().split("\n"))
    body = bytes.fromhex("9901") + R.randbytes(400)
    d.add("", "# release signing key (public half)")
    d.neg("-----BEGIN PGP PUBLIC KEY BLOCK-----", "", wrap(b64(body)), "=" + b64(crc24(body).to_bytes(3, "big")),
          "-----END PGP PUBLIC KEY BLOCK-----")

    d = Doc("keys/apple/AuthKey_%s.p8" % rs(10, UP + DIG), "pem-pkcs8")
    d.block(ec_pkcs8(), "-----BEGIN PRIVATE KEY-----", "private-key")

    d = Doc("keys/gcp/larkspur-prod-sa.json", "gcp-service-account")
    pid = "larkspur-prod-%s" % digits(6)
    sa = {"type": "service_account", "project_id": pid, "private_key_id": hexs(40),
          "private_key": rsa_pkcs8() + "\n", "client_email": "ci-deployer@%s.iam.gserviceaccount.com" % pid,
          "client_id": digits(21), "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": "https://oauth2.googleapis.com/token",
          "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
          "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/ci-deployer%%40%s.iam.gserviceaccount.com" % pid,
          "universe_domain": "googleapis.com"}
    d.set_text(jdump(sa))
    d.mark('"private_key": "-----BEGIN PRIVATE KEY-----', "gcp", multi=True)

    d = Doc("keys/coinbase/cdp_api_key.json", "coinbase-cdp-key")
    obj = {"name": "organizations/%s/apiKeys/%s" % (uuid4(), uuid4()), "privateKey": ec_sec1() + "\n"}
    d.set_text(jdump(obj))
    d.mark('"privateKey": "-----BEGIN EC PRIVATE KEY-----', "coinbase", multi=True)


# ==========================================================================
# application code in many languages
# ==========================================================================
@clean
def django_key():
    return rs(50, LO + DIG + "!@#%^&*(-_=+)")


def python_code():
    d = Doc("src/larkspur/settings.py", "python-django")
    d.add("from pathlib import Path", "import os", "", "BASE_DIR = Path(__file__).resolve().parent.parent")
    d.put('SECRET_KEY = "@@"', django_key(), "django")
    d.add("DEBUG = False", 'ALLOWED_HOSTS = ["api.%s"]' % DOM, "", "DATABASES = {", '    "default": {',
          '        "ENGINE": "django.db.backends.postgresql",', '        "NAME": "larkspur",', '        "USER": "django",')
    d.put('        "PASSWORD": "@@",', pw(), "generic-password")
    d.add('        "HOST": "pg-1.%s",' % INT, '        "PORT": "5432",', "    }", "}", "")
    d.neg('EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")')
    d.add('AWS_STORAGE_BUCKET_NAME = "larkspur-media"')
    d.put('AWS_S3_ACCESS_KEY_ID = "@@"', aws_id(), "aws")
    d.put('AWS_S3_SECRET_ACCESS_KEY = "@@"', aws_secret(), "aws")
    d.neg('CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0")')
    d.add('SOCIAL_AUTH_GOOGLE_OAUTH2_KEY = "%s-%s.apps.googleusercontent.com"' % (digits(12), rs(32, LO + DIG)))
    d.put('SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET = "@@"', gocspx(), "google-oauth")
    d.neg('PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"]',
          'AUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}]',
          "PASSWORD_RESET_TIMEOUT = 3600", 'SESSION_COOKIE_NAME = "lk_session"')

    d = Doc("src/larkspur/push.py", "python")
    d.add('"""Push and chat notifications."""', "import requests", "")
    d.put('FCM_SERVER_KEY = "@@"', fcm_server(), "firebase")
    d.put('DISCORD_ALERTS_WEBHOOK = "@@"', discord_webhook(), "discord")
    d.add("", "", "def alert(text: str) -> None:", "    requests.post(DISCORD_ALERTS_WEBHOOK, json={\"content\": text}, timeout=5)")

    d = Doc("services/banking/plaid_client.py", "python")
    d.add("import os", "import plaid", "from plaid.api import plaid_api", "",
          "configuration = plaid.Configuration(", "    host=plaid.Environment.Production,")
    d.neg('    api_key={"clientId": "%s", "secret": os.environ["PLAID_SECRET"]},' % hexs(24))
    d.add(")", "client = plaid_api.PlaidApi(plaid.ApiClient(configuration))", "", "# treasury account, linked 2024-08-19")
    d.put('TREASURY_ACCESS_TOKEN = "@@"', plaid_access(), "plaid")

    d = Doc("scripts/cos_upload.py", "python")
    d.add("from qcloud_cos import CosConfig, CosS3Client", "", "config = CosConfig(", '    Region="ap-singapore",')
    d.put('    SecretId="@@",', tencent_id(), "tencent")
    d.put('    SecretKey="@@",', alnum(32), "tencent")
    d.add(")", "client = CosS3Client(config)", 'client.upload_file(Bucket="larkspur-apac-%s", LocalFilePath="dist/app.zip", Key="releases/app.zip")' % digits(10))

    d = Doc("app/slack_bot/socket_mode.py", "python")
    d.add("from slack_bolt import App", "from slack_bolt.adapter.socket_mode import SocketModeHandler", "from slack_sdk import WebClient", "")
    d.put('app = App(token="@@")', slack("xoxb"), "slack")
    d.put('admin = WebClient(token="@@")  # user token for channel exports', slack("xoxp"), "slack")
    d.add("", '@app.command("/deploy")', "def deploy(ack, body):", '    ack(f"Deploying {body[\'text\']}...")', "",
          'if __name__ == "__main__":')
    d.put('    SocketModeHandler(app, "@@").start()', slack("xapp"), "slack")

    d = Doc("monitoring/events.py", "python")
    d.add("import gzip, json, requests", "")
    d.put('INSIGHTS_INSERT_KEY = "@@"', newrelic("NRII"), "newrelic")
    d.add('URL = "https://insights-collector.newrelic.com/v1/accounts/%s/events"' % digits(7), "",
          "def send(events):",
          '    requests.post(URL, data=gzip.compress(json.dumps(events).encode()), headers={"X-Insert-Key": INSIGHTS_INSERT_KEY, "Content-Encoding": "gzip"})')


def js_ts_code():
    d = Doc("server/config.js", "javascript")
    d.add('"use strict";', "", "module.exports = {", "  port: process.env.PORT || 8080,")
    d.neg('  session: { secret: process.env.SESSION_SECRET, cookieName: "lk.sid" },')
    d.put('  github: { clientId: "Iv23li%s", clientSecret: "@@" },' % alnum(14), hexs(40), "github-oauth")
    d.put('  mongo: { uri: "@@" },', "mongodb+srv://api:%s@cluster0.%s.mongodb.net/larkspur?retryWrites=true&w=majority" % (pw_url(), rs(5, LO + DIG)), "url-credentials")
    d.neg("  twitch: { clientId: process.env.TWITCH_CLIENT_ID, clientSecret: process.env.TWITCH_CLIENT_SECRET },")
    d.put('  discord: { botToken: "@@" },', discord_bot(), "discord")
    d.neg('  jwtSecret: process.env.JWT_SECRET ?? "",', '  passwordResetPath: "/account/password/reset",')
    d.add("};")

    d = Doc("web/src/lib/clients.ts", "typescript")
    d.add('import sgMail from "@sendgrid/mail";', 'import { LinearClient } from "@linear/sdk";', 'import { Client as Notion } from "@notionhq/client";',
          'import { algoliasearch } from "algoliasearch";', 'import Stripe from "stripe";', "")
    d.neg('sgMail.setApiKey(process.env.SENDGRID_API_KEY ?? "");')
    d.put('export const linear = new LinearClient({ apiKey: "@@" });', linear(), "linear")
    d.put('export const notion = new Notion({ auth: "@@" });', notion(new=False), "notion")
    d.put('export const algolia = algoliasearch("%s", "@@");' % rs(10, UP + DIG), hexs(32), "algolia")
    d.neg("export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY as string);")
    d.put('export const figma = { token: "@@", fileKey: "%s" };' % rs(22), figma(), "figma")
    d.neg("const typeformToken = import.meta.env.VITE_TYPEFORM_TOKEN;", "const tokenRefreshIntervalMs = 5 * 60 * 1000;")
    d.put('export const contentful = createClient({ space: "%s", accessToken: "@@" });' % rs(12, LO + DIG), contentful(), "contentful")


def other_lang_code():
    d = Doc("cmd/api/main.go", "go")
    d.add("package main", "", "import (", '\t"database/sql"', '\t"os"', "", '\t_ "github.com/lib/pq"',
          '\t"github.com/twilio/twilio-go"', ")", "", "const (", '\tdefaultAddr   = ":8080"')
    d.put('\tslackBotToken = "@@"', slack("xoxb"), "slack")
    d.neg('\tjwtSigningKeyEnv = "JWT_SIGNING_KEY"')
    d.add(")", "", "func main() {")
    d.put('\tdb, err := sql.Open("postgres", "host=pg-1.%s port=5432 user=api password=@@ dbname=larkspur sslmode=require")' % INT, pw(), "connection-string")
    d.add("\tif err != nil {", "\t\tpanic(err)", "\t}", "\tdefer db.Close()")
    d.put('\tsms := twilio.NewRestClientWithParams(twilio.ClientParams{Username: "SK%s", Password: "@@", AccountSid: "AC%s"})' % (hexs(32), hexs(32)),
          alnum(32), "twilio")
    d.neg('\tghToken := os.Getenv("GITHUB_TOKEN")')
    d.add("\t_ = sms", "\t_ = ghToken", "\tserve(defaultAddr, db)", "}")

    d = Doc("src/main/java/dev/larkspur/payments/PaymentsConfig.java", "java")
    d.add("package dev.larkspur.payments;", "", "public final class PaymentsConfig {")
    d.put('    private static final String BRAINTREE_TOKEN = "@@";', braintree(), "braintree")
    d.put('    private static final String SQUARE_ACCESS_TOKEN = "@@";', square(), "square")
    d.neg('    private final String paypalSecret = System.getenv("PAYPAL_CLIENT_SECRET");')
    d.neg('    static final String KEYSTORE_PASSWORD_ENV = "LARKSPUR_KEYSTORE_PASSWORD";')
    d.add("    private PaymentsConfig() {}", "}")

    d = Doc("android/app/src/main/kotlin/dev/larkspur/app/net/ApiClient.kt", "kotlin")
    d.add("package dev.larkspur.app.net", "", "import okhttp3.OkHttpClient", "")
    d.neg("private const val MAPS_KEY = BuildConfig.MAPS_API_KEY")
    d.put('private const val API_TOKEN = "@@"', urlsafe(40), "bearer-token")
    d.put('private const val SUPABASE_SERVICE_KEY = "@@"', supabase_jwt(), "supabase")
    d.put('val okta = OktaClient(orgUrl = "https://larkspur.okta.com", apiToken = "@@")', okta(), "okta")
    d.add("val http = OkHttpClient.Builder().addInterceptor { chain ->", "    chain.proceed(chain.request().newBuilder()")
    d.neg('        .addHeader("Authorization", "Bearer ${session.accessToken}")')
    d.add("        .build())", "}.build()")

    d = Doc("src/Larkspur.Api/Services/NotificationService.cs", "csharp")
    d.add("using SendGrid;", "using Telegram.Bot;", "", "namespace Larkspur.Api.Services;", "", "public class NotificationService", "{")
    d.put('    private const string TelegramBotToken = "@@";', telegram(), "telegram")
    d.neg('    private readonly string _twilioAuthToken = Environment.GetEnvironmentVariable("TWILIO_AUTH_TOKEN");')
    d.put('    private readonly SendGridClient _mail = new SendGridClient("@@");', sendgrid(), "sendgrid")
    d.put('    private const string ConnString = "Server=sql.%s;Database=notify;User Id=notify_svc;Password=@@;TrustServerCertificate=True";' % INT,
          pw(), "connection-string")
    d.put('    private readonly HubSpotApi _crm = new HubSpotApi("@@");', hubspot(), "hubspot")
    d.add("}")

    d = Doc("config/initializers/payments.rb", "ruby")
    d.neg('Stripe.api_key = ENV["STRIPE_SECRET_KEY"]')
    d.put('Rails.configuration.stripe = { publishable_key: "pk_live_51%s%s", secret_key: "@@" }' % (rs(14, UP + DIG), rs(83)), stripe("sk"), "stripe")
    d.add("ShopifyAPI::Context.setup(")
    d.neg('  api_key: ENV.fetch("SHOPIFY_API_KEY"),')
    d.put('  api_secret_key: "@@",', shopify("shpss"), "shopify")
    d.add('  scope: "read_orders,write_products",', '  host: "https://admin.%s",' % DOM, "  is_embedded: false,", ")")
    d.put('Gibbon::Request.api_key = "@@"', mailchimp(), "mailchimp")

    d = Doc("config/services.php", "php-laravel")
    d.add("<?php", "", "return [", "    'mailgun' => [", "        'domain' => env('MAILGUN_DOMAIN'),")
    d.put("        'secret' => env('MAILGUN_SECRET', '@@'),", mailgun(new=False), "mailgun")
    d.add("    ],", "    'postmark' => [")
    d.put("        'token' => '@@',", uuid4(), "postmark")
    d.add("    ],", "    'ses' => [")
    d.neg("        'key' => env('AWS_ACCESS_KEY_ID'),", "        'secret' => env('AWS_SECRET_ACCESS_KEY'),")
    d.add("    ],", "    'slack' => [", "        'notifications' => [")
    d.put("            'bot_user_oauth_token' => '@@',", slack("xoxb"), "slack")
    d.add("        ],", "    ],", "    'stripe' => [")
    d.put("        'webhook_secret' => 'whsec_@@',", alnum(32), "stripe")
    d.add("    ],", "];")

    d = Doc("src/config.rs", "rust")
    d.put('pub const DEFAULT_DATABASE_URL: &str = "@@";', "postgres://api:%s@pg-1.%s:5432/larkspur" % (pw_url(), INT), "url-credentials")
    d.put('pub const OPENAI_API_KEY: &str = "@@";', openai("legacy"), "openai")
    d.put('const SHOPIFY_ADMIN_TOKEN: &str = "@@";', shopify("shpca"), "shopify")
    d.add("", "pub fn discord_token() -> String {")
    d.neg('    std::env::var("DISCORD_TOKEN").expect("DISCORD_TOKEN must be set")')
    d.add("}")


def shell_and_config():
    d = Doc("scripts/bootstrap.sh", "shell")
    d.add("#!/usr/bin/env bash", "set -euo pipefail", ': "${ENVIRONMENT:=staging}"', "export DOCKER_BUILDKIT=1")
    d.put('export GITHUB_TOKEN="${GITHUB_TOKEN:-@@}"', gh("ghs"), "github")
    d.put("export PGPASSWORD='@@'", pw(), "generic-password")
    d.put('curl -fsSL -H "PRIVATE-TOKEN: @@" "https://gitlab.%s/api/v4/projects/42/repository/files/schema.sql/raw?ref=main" -o schema.sql' % DOM,
          gitlab("glpat"), "gitlab")
    d.neg('helm upgrade --install api charts/api --set postgresql.auth.password="$(op read op://Engineering/pg/password)"')
    d.put("mysqladmin --user=root --password=@@ --host=mysql.%s ping" % INT, pw_url(), "generic-password")
    d.put("doppler configure set token @@ --scope /srv/larkspur", doppler("pt"), "doppler")
    d.neg('docker run --rm -e POSTGRES_PASSWORD="$POSTGRES_PASSWORD" postgres:16.4 true', "ssh-keyscan github.com >> ~/.ssh/known_hosts")

    d = Doc("scripts/mirror_repos.sh", "shell")
    d.add("#!/bin/sh", "# Mirror the old Bitbucket and GitLab repositories into GitHub every night")
    d.put('BITBUCKET_ACCESS_TOKEN="@@"', atlassian("ATCTT3xFfGN0"), "bitbucket")
    d.add('for repo in billing-legacy reports; do',
          '  git clone --mirror "https://x-token-auth:${BITBUCKET_ACCESS_TOKEN}@bitbucket.org/larkspur/$repo.git"', "done")
    d.put("git clone --mirror @@", "https://gitlab+deploy-token-12:%s@gitlab.%s/larkspur/ops-scripts.git" % (gitlab("gldt"), DOM), "gitlab")

    d = Doc("monitoring/alloy/config.alloy", "grafana-alloy")
    d.add('prometheus.remote_write "grafana_cloud" {', "  endpoint {",
          '    url = "https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push"', "    basic_auth {",
          '      username = "%s"' % digits(7))
    d.put('      password = "@@"', grafana("glc"), "grafana")
    d.add("    }", "  }", "}")

    d = Doc("config/app.toml", "toml")
    d.add("[server]", 'bind = "0.0.0.0:8080"', "", "[database]")
    d.put('url = "@@"', "postgresql://app:%s@pg.%s/app" % (pw_url(), INT), "url-credentials")
    d.add("pool_size = 20", "", "[auth]")
    d.put('jwt_secret = "@@"', urlsafe(64), "generic-secret")
    d.add('session_ttl = "12h"', "", "[integrations.launchdarkly]")
    d.put('sdk_key = "@@"', "sdk-" + uuid4(), "launchdarkly")
    d.add("", "[integrations.intercom]")
    d.neg('access_token = "${INTERCOM_TOKEN}"')
    d.add("", "[integrations.zendesk]", 'subdomain = "larkspur"', 'email = "agent@%s"' % DOM)
    d.put('api_token = "@@"', alnum(40), "zendesk")

    d = Doc("config/settings.ini", "ini")
    d.add("[DEFAULT]", "debug = false", "", "[database]", "host = mysql.%s" % INT, "user = reports")
    d.put("password = @@", pw(), "generic-password")
    d.add("", "[smtp]", "host = smtp.postmarkapp.com")
    d.neg("password = %(SMTP_PASSWORD)s")
    d.add("", "[ldap]", "bind_dn = cn=reports,ou=services,dc=larkspur,dc=dev")
    d.neg("bind_password = %(LDAP_BIND_PASSWORD)s")
    d.add("", "[s3]")
    d.neg("aws_access_key_id = ${AWS_ACCESS_KEY_ID}")

    d = Doc("Makefile", "makefile")
    d.add("REGISTRY ?= ghcr.io/larkspur", "VERSION := $(shell git describe --tags --always)")
    d.put("DOCKERHUB_TOKEN := @@", dockerhub(), "dockerhub")
    d.neg("SONAR_TOKEN ?= $(shell cat .sonar-token 2>/dev/null)")
    d.add("", "publish:", "\tpython -m build")
    d.put("\ttwine upload -u __token__ -p @@ dist/*", pypi(), "pypi")
    d.add("", "smoke:")
    d.neg('\tcurl -fsS -H "Authorization: Bearer $(API_TOKEN)" https://api.%s/healthz' % DOM)

    d = Doc("config/datasource.xml", "spring-xml")
    d.add('<?xml version="1.0" encoding="UTF-8"?>', '<beans xmlns="http://www.springframework.org/schema/beans">',
          '  <bean id="dataSource" class="com.zaxxer.hikari.HikariDataSource">',
          '    <property name="jdbcUrl" value="jdbc:postgresql://pg.%s:5432/larkspur"/>' % INT,
          '    <property name="username" value="larkspur_app"/>')
    d.put('    <property name="password" value="@@"/>', pw(), "generic-password")
    d.add("  </bean>", '  <bean id="mailSender" class="org.springframework.mail.javamail.JavaMailSenderImpl">')
    d.neg('    <property name="password" value="${mail.password}"/>')
    d.add("  </bean>", '  <bean id="ldapContext" class="org.springframework.ldap.core.support.LdapContextSource">',
          '    <property name="userDn" value="cn=svc-app,ou=services,dc=larkspur,dc=dev"/>')
    d.put('    <property name="password" value="@@"/>', pw(), "generic-password")
    d.add("  </bean>", "</beans>")

    d = Doc("analytics/dbt/profiles.yml", "dbt-profiles")
    d.add("larkspur:", "  target: prod", "  outputs:", "    prod:", "      type: snowflake", "      account: xy%s.eu-west-1" % digits(5),
          "      user: DBT_PROD")
    d.put("      password: @@", pw(), "snowflake")
    d.add("      role: TRANSFORMER", "      database: ANALYTICS", "      warehouse: TRANSFORMING", "      schema: MARTS", "    dev:",
          "      type: snowflake", "      account: xy%s.eu-west-1" % digits(5), "      user: \"{{ env_var('DBT_USER') }}\"")
    d.neg("      password: \"{{ env_var('DBT_PASSWORD') }}\"")

    d = Doc("deploy/nomad/api.nomad.hcl", "hcl")
    d.add('job "api" {', '  datacenters = ["eu-west-1a"]', '  group "api" {', '    task "api" {', '      driver = "docker"',
          "      config {", '        image = "ghcr.io/larkspur/api:1.42.0"', "      }", "      env {")
    d.neg('        DATABASE_URL      = "${NOMAD_SECRETS_DIR}/db-url"')
    d.put('        CONSUL_HTTP_TOKEN = "@@"', uuid4(), "consul")
    d.add("      }", "      template {", "        data        = <<EOH")
    d.neg('{{ with secret "secret/data/api" }}STRIPE_KEY={{ .Data.data.stripe_key }}{{ end }}')
    d.add("EOH", '        destination = "secrets/app.env"', "        env         = true", "      }", "    }", "  }", "}")

    d = Doc("deploy/vault-agent.hcl", "hcl")
    d.add('vault {', '  address = "https://vault.%s:8200"' % DOM, "}", "auto_auth {", '  method "approle" {', "    config = {")
    d.neg('      role_id_file_path   = "/etc/vault/role-id"', '      secret_id_file_path = "/etc/vault/secret-id"')
    d.add("    }", "  }", "}", "template {")
    d.neg('  contents    = "{{ with secret \\"database/creds/api\\" }}DB_PASSWORD={{ .Data.password }}{{ end }}"')
    d.add('  destination = "/run/larkspur/db.env"', "}")


def dotenvs():
    d = Doc(".env", "dotenv")
    d.add("APP_NAME=Larkspur", "APP_ENV=production")
    d.put("APP_KEY=base64:@@", b64(R.randbytes(32)), "generic-secret")
    d.add("DB_CONNECTION=pgsql", "DB_HOST=pg-1.%s" % INT, "DB_USERNAME=larkspur")
    d.put("DB_PASSWORD=@@", pw(), "generic-password")
    d.neg("REDIS_PASSWORD=null")
    d.neg("MAIL_PASSWORD=${POSTMARK_TOKEN}")
    d.neg("AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=")
    d.put("PUSHER_APP_SECRET=@@", hexs(20), "pusher")
    d.put("SHOPIFY_ACCESS_TOKEN=@@", shopify("shppa"), "shopify")
    d.put("BREVO_API_KEY=@@", brevo(), "brevo")
    d.add("TWILIO_ACCOUNT_SID=AC" + hexs(32))
    d.neg("TWILIO_AUTH_TOKEN=${TWILIO_AUTH_TOKEN}")
    d.neg("SENDGRID_API_KEY=", 'VITE_APP_NAME="${APP_NAME}"')

    d = Doc(".env.production", "dotenv")
    d.add("NEXT_PUBLIC_SITE_URL=https://%s" % DOM)
    d.put('DATABASE_URL="@@"', "mysql://admin:%s@aws.connect.psdb.cloud/larkspur?sslaccept=strict" % pw_url(), "url-credentials")
    d.put("NEXTAUTH_SECRET=@@", b64(R.randbytes(32)), "generic-secret")
    d.put("GITHUB_SECRET=@@", hexs(40), "github-oauth")
    d.put("GOOGLE_CLIENT_SECRET=@@", gocspx(), "google-oauth")
    d.put("AUTH0_CLIENT_SECRET=@@", urlsafe(64), "auth0")
    d.put("OPENAI_API_KEY=@@", openai("admin"), "openai")
    d.put("ANTHROPIC_ADMIN_KEY=@@", anthropic("admin01"), "anthropic")
    d.put("CONTENTFUL_MANAGEMENT_TOKEN=@@", contentful(), "contentful")
    d.put("DOPPLER_TOKEN=@@", doppler("sa"), "doppler")
    d.put("GRAFANA_SERVICE_ACCOUNT_TOKEN=@@", grafana("glsa"), "grafana")
    d.neg("NEXT_PUBLIC_POSTHOG_HOST=https://eu.i.posthog.com")

    d = Doc(".env.local", "dotenv")
    d.put("SUPABASE_ACCESS_TOKEN=@@", sbp(), "supabase")
    d.put("HUGGING_FACE_HUB_TOKEN=@@", hf(), "huggingface")
    d.put("NETLIFY_AUTH_TOKEN=@@", "nfp_" + alnum(40), "netlify")
    d.put("VERCEL_TOKEN=@@", alnum(24), "vercel")
    d.put("RENDER_API_KEY=@@", "rnd_" + alnum(32), "render")
    d.put("RAILWAY_TOKEN=@@", uuid4(), "railway")
    d.put("FIREBASE_TOKEN=@@", "1//0" + urlsafe(99), "google-oauth")
    d.neg("EXPO_PUBLIC_API_URL=http://localhost:8080")

    d = Doc(".env.example", "dotenv")
    d.neg("OPENAI_API_KEY=sk-...", "ANTHROPIC_API_KEY=<your-anthropic-key>",
          "DATABASE_URL=postgresql://user:password@localhost:5432/larkspur",
          "STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
          "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
          "SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
          "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "JWT_SECRET=changeme", "REDIS_PASSWORD=",
          "SENTRY_AUTH_TOKEN=${SENTRY_AUTH_TOKEN}", "PINECONE_API_KEY=pcsk_...", "HF_TOKEN=hf_your_token_here",
          "DB_PASSWORD=%DB_PASSWORD%", "GROQ_API_KEY=$(cat /run/secrets/groq)")


# ==========================================================================
# documentation and tests (mostly negatives, a few real leaks)
# ==========================================================================
def docs():
    d = Doc("README.md", "markdown")
    d.add("# Larkspur API", "", "Order management and support tooling for Larkspur.", "", "## Getting started", "", "```bash",
          "cp .env.example .env", "make dev", "```", "")
    d.neg("Set `OPENAI_API_KEY` (starts with `sk-proj-`) and `DATABASE_URL` in `.env`. Never commit real values; use `<YOUR_TOKEN>` in docs.")
    d.put("Shared staging secrets are in Doppler; the read-only service token for the staging config is `@@`.",
          doppler("st", "stg"), "doppler")
    d.add("", "## Tokens", "")
    d.look("GitHub tokens carry a CRC32 checksum in the last six characters, e.g. `@@` is rejected by our validator.", crc_lookalike("ghp_"))
    d.neg("Truncated tokens such as `ghp_abc...` or `xoxb-…` in logs are fine.")
    d.add("", "## API usage", "", "```bash")
    d.neg('curl -H "Authorization: Bearer $TOKEN" https://api.%s/v2/orders' % DOM,
          'curl -u "$API_USER:$API_PASSWORD" https://legacy.%s/admin/export.csv' % DOM,
          'curl -H "X-Api-Key: ${LARKSPUR_API_KEY}" https://api.%s/v2/products' % DOM)
    d.add("```", "", "Responses include a request id (`%s`) and the commit of the running build (`%s`)." % (uuid4(), sha1hex()))

    d = Doc("docs/runbooks/rotate-credentials.md", "markdown")
    d.add("# Rotating credentials", "", "1. Find the secret in Vault: `vault kv get secret/larkspur/api`.")
    d.neg("2. References look like `vault:secret/data/larkspur/api#stripe_key` or `op://Engineering/larkspur-api/stripe`.",
          "3. In Helm values use `{{ .Values.secrets.stripe }}`; in GitHub Actions use `${{ secrets.STRIPE_SECRET_KEY }}`.",
          "4. The AWS docs key `AKIAIOSFODNN7EXAMPLE` is not ours; ignore alerts for it.",
          "5. SOPS files contain values like `%s`; they are safe to commit." % sops())
    d.add("", "## Incident 2024-06-02 timeline", "")
    d.put("- 09:12 origin CA key found in a public gist: `@@` (revoked 09:40)", cf_origin(), "cloudflare")
    d.look("- 09:15 an OAuth token `@@` was reported too; it failed the checksum, so it was a typo.", crc_lookalike("gho_"))
    d.neg("- 10:02 rotated `DATABASE_PASSWORD`; new value stored at `secret/data/larkspur/db` (redacted: `********`).")

    d = Doc("tests/fixtures/token_checksums.py", "python-test")
    d.add('"""Look-alike tokens with a corrupted checksum: the validator must reject all of them."""', "", "BAD_CHECKSUM = [")
    for p in ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "npm_"):
        d.look('    "@@",', crc_lookalike(p))
    d.add("]", "", "", "def test_rejects_bad_checksums(validator):", "    for token in BAD_CHECKSUM:", "        assert not validator.is_valid(token)")
    d.neg("", "MASKED = [\"ghp_************************************\", \"sk-proj-****\", \"xoxb-***-***\"]")


# ==========================================================================
# driver
# ==========================================================================
BUILDERS = [
    ai_chatgpt_export, ai_claude_export, ai_claude_code_session, ai_cursor_chat_md, ai_aider_history, ai_copilot_chat,
    ai_prompt_system, ai_promptfoo, ai_agent_trace, ai_mcp_server_log,
    claude_md, claude_settings, mcp_json, codex_config, cursor_mcp, claude_desktop, continue_config, aider_conf,
    windsurf_mcp, vscode_mcp, agents_md, gemini_settings,
    nb_rag, nb_llamaindex, py_research_agent, py_index_builder, ts_ai_sdk, py_llm_router,
    gha_log, gitlab_log, jenkins_log,
    k8s_secret, k8s_configmap, k8s_deployment, k8s_kustomize, k8s_sealed, k8s_external, helm_values, compose,
    terraform, tfstate, ansible, gha_workflows,
    powershell, web_config, appsettings, spring_props, android, ios,
    api_postman, insomnia, har, http_file,
    dockerfiles, shell_history, crontab, systemd, webservers,
    lockfiles, home_credentials, system_credentials, key_files,
    python_code, js_ts_code, other_lang_code, shell_and_config, dotenvs, docs,
]

JSON_EXT = (".json", ".ipynb", ".har", ".tfstate")


def resolve():
    """Turn needles into line numbers, checking counts and uniqueness."""
    expected, looks, listed = [], [], {}
    for d in DOCS:
        lines = d.render().split("\n")[:-1]
        d.out_lines = lines
        for m in d.marks:
            hits = [i + 1 for i, l in enumerate(lines) if m["needle"] in l]
            if len(hits) != m["count"]:
                raise AssertionError("%s: needle %r expected on %d line(s), found %s"
                                     % (d.path, m["needle"][:50], m["count"], hits))
            for h in hits:
                key = (d.path, h)
                if key in listed:
                    raise AssertionError("%s:%d listed twice (%s and %s)" % (d.path, h, listed[key], m["provider"]))
                listed[key] = m["provider"]
                m["lines"].append(h)
                rec = {"path": d.path, "line": h, "provider": m["provider"]}
                (expected if m["kind"] == "secret" else looks).append(rec)
    return expected, looks, listed


def verify(expected, looks, listed):
    paths = [d.path for d in DOCS]
    assert len(paths) == len(set(paths)), "duplicate file path"
    # 1. every listed line really contains its value
    by_path = {d.path: d for d in DOCS}
    for d in DOCS:
        for m in d.marks:
            for h in m["lines"]:
                assert m["needle"] in d.out_lines[h - 1]
    # 2. no line listed twice across both lists
    keys = [(r["path"], r["line"]) for r in expected + looks]
    assert len(keys) == len(set(keys)), "a line is listed twice"
    # 3. planted values are clean and never appear on an unlisted line anywhere
    singles = []
    for d in DOCS:
        for m in d.marks:
            if m["kind"] == "secret":
                assert is_clean(m["needle"]) or m["multi"], "placeholder word in %r" % m["needle"][:60]
            if not m["multi"]:
                singles.append((m["needle"], d.path))
    for d in DOCS:
        for i, line in enumerate(d.out_lines, 1):
            for needle, src in singles:
                if needle in line and (d.path, i) not in listed:
                    raise AssertionError("value planted in %s also on unlisted line %s:%d" % (src, d.path, i))
    # 4. look-alikes: right shape, wrong checksum, and not a listed secret line
    for d in DOCS:
        for m in d.marks:
            if m["kind"] == "look":
                tok = m["needle"]
                body, cs = tok[4:34], tok[34:]
                assert len(tok) == 40 and len(cs) == 6 and b62(zlib.crc32(body.encode())) != cs
            elif not m["multi"] and m["needle"][:4] in ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "npm_") and len(m["needle"]) == 40:
                tok = m["needle"]
                assert b62(zlib.crc32(tok[4:34].encode())) == tok[34:], tok
    # 5. structured files parse
    for d in DOCS:
        text = d.render()
        if d.path.endswith(JSON_EXT):
            json.loads(text)
        elif d.path.endswith(".jsonl"):
            for l in text.splitlines():
                if l.strip():
                    json.loads(l)
    # 6. line endings: only \n is used as a line break
    for d in DOCS:
        for bad in ("\r", "\x0b", "\x0c", "\u2028", "\u2029", "\x85"):
            assert bad not in d.render(), "%s holds %r" % (d.path, bad)
    assert by_path


def write(expected, looks):
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    for d in DOCS:
        p = OUT / d.path
        p.parent.mkdir(parents=True, exist_ok=True)
        with open(p, "w", encoding="utf-8", newline="") as f:
            f.write(d.render())
    key = lambda r: (r["path"], r["line"])
    for name, rows in (("expected.jsonl", expected), ("lookalikes.jsonl", looks)):
        with open(OUT / name, "w", encoding="utf-8", newline="") as f:
            for r in sorted(rows, key=key):
                f.write(json.dumps(r) + "\n")


def main():
    for b in BUILDERS:
        b()
    expected, looks, listed = resolve()
    verify(expected, looks, listed)
    write(expected, looks)
    providers = sorted({r["provider"] for r in expected})
    fmts = sorted({d.fmt for d in DOCS})
    with_secrets = {r["path"] for r in expected}
    negs = sum(d.negs for d in DOCS)
    print("corpus4: %d files (%d with planted secrets, %d without), %d formats"
          % (len(DOCS), len(with_secrets), len(DOCS) - len(with_secrets), len(fmts)))
    print("         %d planted secrets, %d providers, %d look-alikes, ~%d hard-negative lines"
          % (len(expected), len(providers), len(looks), negs))
    if "-v" in sys.argv:
        from collections import Counter
        c = Counter(r["provider"] for r in expected)
        print("providers:", ", ".join("%s=%d" % kv for kv in sorted(c.items())))
        print("formats:", ", ".join(fmts))


if __name__ == "__main__":
    main()
