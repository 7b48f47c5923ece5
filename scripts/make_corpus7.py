#!/usr/bin/env python3
"""Generate fixtures/corpus7: an independent recall/precision corpus for a secrets scanner.

Every secret written here is random fake data that only mimics a provider's
documented token *format* (prefix, length, alphabet, checksum). Nothing here is
a real credential.

Outputs (fixtures/corpus7/ is wiped and rewritten on every run):
  expected.jsonl   - one {"path","line","provider"} per planted secret line
  lookalikes.jsonl - checksummed-token lookalikes with a WRONG checksum (must not be reported)
  everything else  - the corpus files themselves

Usage: python3 scripts/make_corpus7.py
Deterministic: fixed seed, no clock, no os-level randomness.
"""
import base64
import hashlib
import json
import os
import shutil
import string
import sys
import zlib
import random
from pathlib import Path

SEED = 0xC0FFEE07
R = random.Random(SEED)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "corpus7"

UP = string.ascii_uppercase
LO = string.ascii_lowercase
DG = string.digits
AN = UP + LO + DG
B62 = DG + UP + LO          # base62 alphabet used by GitHub / npm checksums
HEX = "0123456789abcdef"
HEXU = HEX.upper()
B64 = UP + LO + DG + "+/"
B64U = UP + LO + DG + "-_"
CRYPT = "./" + DG + UP + LO  # crypt(3) alphabet
BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"

# substrings a scanner might treat as placeholder markers; never inside a planted secret
BAD = ("test", "exampl", "xxx", "1234", "0000", "dummy", "fake", "sampl", "demo",
       "abcd", "placeholder", "redact", "mask", "todo", "fixme", "changeme",
       "your", "sk-xxx", "aaaa", "zzzz", "null", "none")


def clean(s):
    low = s.lower()
    return not any(b in low for b in BAD)


def rs(alpha, n):
    """Random string from alphabet, free of placeholder-ish substrings."""
    while True:
        s = "".join(R.choice(alpha) for _ in range(n))
        if clean(s):
            return s


def digits(n):
    return R.choice("123456789") + rs(DG, n - 1)


def b64(b):
    if isinstance(b, str):
        b = b.encode()
    return base64.b64encode(b).decode()


def b64url(b):
    if isinstance(b, str):
        b = b.encode()
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def rbytes(n):
    return bytes(R.getrandbits(8) for _ in range(n))


def ruuid():
    h = rs(HEX, 32)
    h = h[:12] + "4" + h[13:16] + R.choice("89ab") + h[17:]
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def sha(n=40):
    return "".join(R.choice(HEX) for _ in range(n))


def base62(n, width=6):
    s = ""
    while n:
        n, r = divmod(n, 62)
        s = B62[r] + s
    return s.rjust(width, "0")


def crc_b62(body):
    return base62(zlib.crc32(body.encode()) & 0xFFFFFFFF)


def pw(n=None, url_safe=False):
    n = n or R.randint(16, 26)
    extra = "-_.~" if url_safe else "!*-_.^~%+="
    while True:
        s = rs(AN + extra, n)
        if (any(c in DG for c in s) and any(c in UP for c in s) and any(c in LO for c in s)
                and s[0] in AN and s[-1] in AN):
            return s


# ---------------------------------------------------------------- token formats
def checksummed(prefix):
    while True:
        body = rs(B62, 30)
        tok = prefix + body + crc_b62(body)
        if clean(tok[len(prefix):]):
            return tok


def checksummed_bad(prefix):
    """Same shape as a real checksummed token but the CRC32 does not match."""
    while True:
        body = rs(B62, 30)
        good = crc_b62(body)
        if R.random() < 0.5:
            i = R.randrange(6)
            c = R.choice([x for x in B62 if x != good[i]])
            chk = good[:i] + c + good[i + 1:]
        else:  # typo in the body, checksum of the original
            i = R.randrange(30)
            c = R.choice([x for x in B62 if x != body[i]])
            chk = good
            body = body[:i] + c + body[i + 1:]
        if crc_b62(body) != chk and clean(body + chk):
            return prefix + body + chk


def gh(kind="ghp"):
    return checksummed(kind + "_")


def npm():
    return checksummed("npm_")


def github_pat():
    return "github_pat_11" + rs(UP + DG, 20) + "_" + rs(AN, 59)


def openai_legacy():
    return "sk-" + rs(AN, 20) + "T3BlbkFJ" + rs(AN, 20)


def openai(kind="proj"):
    return f"sk-{kind}-" + rs(B64U, 74) + "T3BlbkFJ" + rs(B64U, 74)


def anthropic():
    return "sk-ant-api03-" + rs(B64U, 93) + "AA"


def anthropic_admin():
    return "sk-ant-admin01-" + rs(B64U, 93) + "AA"


def gemini():
    return "AIzaSy" + rs(B64U, 33)


def hf():
    return "hf_" + rs(UP + LO, 34)


def groq():
    return "gsk_" + rs(AN, 52)


def xai():
    return "xai-" + rs(AN, 80)


def replicate():
    return "r8_" + rs(AN, 37)


def pplx():
    return "pplx-" + rs(AN, 48)


def openrouter():
    return "sk-or-v1-" + rs(HEX, 64)


def langsmith(kind="pt"):
    return f"lsv2_{kind}_" + rs(HEX, 32) + "_" + rs(HEX, 10)


def pinecone():
    return "pcsk_" + rs(AN, 6) + "_" + rs(AN, 63)


def mistral():
    return rs(AN, 32)


def cohere():
    return rs(AN, 40)


def deepseek():
    return "sk-" + rs(HEX, 32)


def together(new=True):
    return "tgp_v1_" + rs(B64U, 43) if new else rs(HEX, 64)


def fireworks():
    return "fw_" + rs(AN, 24)


def azure_openai():
    return rs(HEX, 32)


def bedrock():
    inner = f"BedrockAPIKey-{rs(LO + DG, 4)}-at-{digits(12)}:{rs(B64, 40)}"
    return "ABSK" + b64(inner)


def wandb():
    return rs(HEX, 40)


def elevenlabs():
    return "sk_" + rs(HEX, 48)


def tavily():
    return "tvly-" + ("dev-" if R.random() < 0.4 else "") + rs(AN, 32)


def firecrawl():
    return "fc-" + rs(HEX, 32)


def jina():
    return "jina_" + rs(HEX, 32) + rs(AN, 28)


def voyage():
    return "pa-" + rs(B64U, 43)


def aws_id(prefix="AKIA"):
    return prefix + rs(UP + "234567", 16)


def aws_secret():
    while True:
        s = rs(AN + "/+", 40)
        if "/" in s or "+" in s:
            return s


def aws_session():
    return "IQoJb3JpZ2luX2VjE" + rs(B64, 380) + "=="


def azure_storage_key():
    return b64(rbytes(64))


def azure_ad_secret():
    return rs(AN, 3) + R.choice(DG) + "Q~" + rs(AN + "_.~-", 30) + rs(AN, 4)


def azure_devops_pat():
    return rs(LO + "234567", 52)


def digitalocean(kind="dop"):
    return f"{kind}_v1_" + rs(HEX, 64)


def alibaba_id():
    return "LTAI5t" + rs(AN, 18)


def alibaba_secret():
    return rs(AN, 30)


def cloudflare_token():
    return rs(B64U, 40)


def cloudflare_global():
    return rs(HEX, 37)


def cloudflare_origin_ca():
    return "v1.0-" + rs(HEX, 24) + "-" + rs(HEX, 146)


def heroku():
    return "HRKU-AA" + rs(B64U, 58)


def fly():
    return "FlyV1 fm2_lJPE" + rs(B64, 280) + "==,fm2_lJPE" + rs(B64, 180) + "=="


def vercel():
    return rs(AN, 24)


def netlify():
    return "nfp_" + rs(AN, 36)


def tfc():
    return rs(AN, 14) + ".atlasv1." + rs(AN + "-_", 67)


def vault():
    return "hvs.CAESI" + rs(B64U, 86)


def doppler(kind="st"):
    if kind == "st":
        return "dp.st.prd." + rs(AN, 43)
    return f"dp.{kind}." + rs(AN, 43)


def databricks():
    return "dapi" + rs(HEX, 32) + ("-2" if R.random() < 0.3 else "")


def gitlab(kind="glpat"):
    if kind == "glptt":
        return "glptt-" + rs(HEX, 40)
    if kind == "GR":
        return "GR1348941" + rs(B64U, 20)
    return f"{kind}-" + rs(B64U, 20)


def bitbucket():
    return "ATBB" + rs(AN, 24) + rs(HEXU, 8)


def atlassian():
    return "ATATT3xFfGF0" + rs(B64U, 170) + "=" + rs(HEXU, 8)


def pypi():
    return "pypi-AgEIcHlwaS5vcmcCJ" + rs(B64U, 150)


def rubygems():
    return "rubygems_" + rs(HEX, 48)


def nuget():
    return "oy2" + rs(LO + DG, 43)


def dockerhub(kind="pat"):
    return f"dckr_{kind}_" + rs(B64U, 27)


def crates():
    return "cio" + rs(AN, 32)


def jfrog_apikey():
    return "AKCp8" + rs(AN, 68)


def jfrog_reftoken():
    return b64(f"reftkn:01:{digits(10)}:{rs(AN, 32)}").rstrip("=")


def stripe(kind="sk", long=True):
    if long:
        return f"{kind}_live_51" + rs(AN, 96)
    return f"{kind}_live_" + rs(AN, 24)


def stripe_pk():
    return "pk_live_51" + rs(AN, 96)


def stripe_whsec():
    return "whsec_" + rs(AN, 32)


def square(kind="EAAA"):
    if kind == "EAAA":
        return "EAAAE" + rs(B64U, 59)
    if kind == "sq0atp":
        return "sq0atp-" + rs(B64U, 22)
    return "sq0csp-" + rs(B64U, 43)


def braintree():
    return "access_token$production$" + rs(LO + DG, 16) + "$" + rs(HEX, 32)


def paypal_secret():
    return "E" + rs(B64U, 79)


def shopify(kind="shpat"):
    return f"{kind}_" + rs(HEX, 32)


def slack(kind="xoxb"):
    if kind == "xoxb":
        return f"xoxb-{digits(12)}-{digits(13)}-{rs(AN, 24)}"
    if kind == "xoxp":
        return f"xoxp-{digits(12)}-{digits(12)}-{digits(13)}-{rs(HEX, 32)}"
    if kind == "xapp":
        return f"xapp-1-A{rs(UP + DG, 10)}-{digits(13)}-{rs(HEX, 64)}"
    raise ValueError(kind)


def slack_webhook():
    return f"https://hooks.slack.com/services/T{rs(UP + DG, 8)}/B{rs(UP + DG, 10)}/{rs(AN, 24)}"


def discord_bot():
    uid = "1" + digits(18)
    return b64url(uid) + "." + rs(B64U, 6) + "." + rs(B64U, 38)


def discord_webhook():
    return f"https://discord.com/api/webhooks/1{digits(18)}/{rs(B64U, 68)}"


def telegram():
    return f"{digits(10)}:AA{rs(B64U, 33)}"


def twilio_sid(p="AC"):
    return p + rs(HEX, 32)


def twilio_token():
    return rs(HEX, 32)


def sendgrid():
    return "SG." + rs(B64U, 22) + "." + rs(B64U, 43)


def mailgun(new=False):
    if new:
        return rs(HEX, 32) + "-" + rs(HEX, 8) + "-" + rs(HEX, 8)
    return "key-" + rs(HEX, 32)


def mailchimp():
    return rs(HEX, 32) + "-us" + str(R.randint(2, 21))


def linear():
    return "lin_api_" + rs(AN, 40)


def notion(new=True):
    return "ntn_" + digits(11) + rs(AN, 35) if new else "secret_" + rs(AN, 43)


def postman():
    return "PMAK-" + rs(HEX, 24) + "-" + rs(HEX, 34)


def newrelic(kind="NRAK"):
    if kind == "NRAK":
        return "NRAK-" + rs(UP + DG, 27)
    return rs(HEX, 36) + "NRAL"


def sentry_org():
    payload = {"iat": R.randint(1700000000, 1740000000), "url": "https://sentry.io",
               "region_url": "https://us.sentry.io", "org": R.choice(["northwind", "helio-labs", "kestrel"])}
    return "sntrys_" + b64url(json.dumps(payload, separators=(",", ":"))) + "_" + rs(B64U, 43)


def sentry_user():
    return "sntryu_" + rs(HEX, 64)


def grafana_sa():
    return "glsa_" + rs(AN, 32) + "_" + rs(HEX, 8)


def grafana_cloud():
    payload = {"o": digits(6), "n": "stack-" + digits(6) + "-hm-write-" + rs(LO, 6),
               "k": rs(AN, 24), "m": {"r": R.choice(["us", "prod-eu-west-2"])}}
    return "glc_" + b64(json.dumps(payload, separators=(",", ":")))


def pagerduty():
    return "u+" + rs(AN + "_-", 18)


def okta():
    return "00" + rs(B64U, 40)


def auth0_secret():
    return rs(B64U, 64)


def figma():
    return "figd_" + rs(B64U, 40)


def supabase_pat():
    return "sbp_" + rs(HEX, 40)


def brave():
    return "BSA" + rs(AN, 28)


def serper():
    return rs(HEX, 40)


def datadog_api():
    return rs(HEX, 32)


def datadog_app():
    return rs(HEX, 40)


def age_key():
    return "AGE-SECRET-KEY-1" + rs(BECH32, 58)


def age_pub():
    return "age1" + rs(BECH32.lower(), 58)


def jwt(alg="HS256", payload=None):
    header = {"alg": alg, "typ": "JWT"}
    if alg.startswith("RS"):
        header["kid"] = rs(B64U, 22)
    payload = payload or {"sub": ruuid(), "iat": R.randint(1700000000, 1740000000)}
    sig = rs(B64U, 342 if alg.startswith("RS") else 43)
    return (b64url(json.dumps(header, separators=(",", ":"))) + "."
            + b64url(json.dumps(payload, separators=(",", ":"))) + "." + sig)


def bcrypt_hash():
    return "$2y$10$" + rs(CRYPT, 53)


def apr1_hash():
    return "$apr1$" + rs(CRYPT, 8) + "$" + rs(CRYPT, 22)


def sha512crypt():
    return "$6$" + rs(CRYPT, 16) + "$" + rs(CRYPT, 86)


def yescrypt():
    return "$y$j9T$" + rs(CRYPT, 22) + "$" + rs(CRYPT, 43)


# ---------------------------------------------------------------- PEM material
def wrap(s, w):
    return [s[i:i + w] for i in range(0, len(s), w)]


PEM_WORDS = ("test", "exampl", "dummy", "fake", "sampl", "xxxx")


def pem_body(kind):
    while True:
        enc = _pem_body(kind)
        low = enc[100:].lower()
        if not any(w in low for w in PEM_WORDS):
            return enc


def _pem_body(kind):
    if kind == "RSA":
        der = bytes.fromhex("308204a40201000282010100") + rbytes(1180)
    elif kind == "EC":
        der = (bytes.fromhex("30770201010420") + rbytes(32)
               + bytes.fromhex("a00a06082a8648ce3d030107a14403420004") + rbytes(64))
    elif kind == "PKCS8":
        der = (bytes.fromhex("308204bd020100300d06092a864886f70d0101010500048204a7308204a30201000282010100")
               + rbytes(1180))
    elif kind == "OPENSSH":
        der = (b"openssh-key-v1\x00" + b"\x00\x00\x00\x04none\x00\x00\x00\x04none\x00\x00\x00\x00"
               + b"\x00\x00\x00\x01\x00\x00\x00\x33\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + rbytes(330))
    elif kind == "OPENSSH-RSA":
        der = (b"openssh-key-v1\x00" + b"\x00\x00\x00\x04none\x00\x00\x00\x04none\x00\x00\x00\x00"
               + b"\x00\x00\x00\x01\x00\x00\x01\x97\x00\x00\x00\x07ssh-rsa\x00\x00\x00\x03\x01\x00\x01" + rbytes(1780))
    else:
        raise ValueError(kind)
    return b64(der)


PEM_LABEL = {"RSA": "RSA PRIVATE KEY", "EC": "EC PRIVATE KEY", "PKCS8": "PRIVATE KEY",
             "OPENSSH": "OPENSSH PRIVATE KEY", "OPENSSH-RSA": "OPENSSH PRIVATE KEY"}


def pem(kind):
    """Return (lines, needle). needle = first body line (unique), anchor on BEGIN."""
    body = pem_body(kind)
    width = 70 if kind.startswith("OPENSSH") else 64
    lbl = PEM_LABEL[kind]
    lines = [f"-----BEGIN {lbl}-----"] + wrap(body, width) + [f"-----END {lbl}-----"]
    return lines, lines[1]


def cert_pem():
    der = bytes.fromhex("308203") + rbytes(880)
    return ["-----BEGIN CERTIFICATE-----"] + wrap(b64(der), 64) + ["-----END CERTIFICATE-----"]


def pubkey_pem():
    der = bytes.fromhex("30820122300d06092a864886f70d01010105000382010f003082010a0282010100") + rbytes(260)
    return ["-----BEGIN PUBLIC KEY-----"] + wrap(b64(der), 64) + ["-----END PUBLIC KEY-----"]


def ssh_pub(kind="rsa", comment="dev@laptop"):
    if kind == "rsa":
        return "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ" + rs(B64, 540) + " " + comment
    return "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + rs(B64, 43) + " " + comment


def putty_key(comment="deploy@bastion"):
    pub = wrap(b64(b"\x00\x00\x00\x07ssh-rsa\x00\x00\x00\x03\x01\x00\x01" + rbytes(260)), 64)
    prv = wrap(b64(rbytes(1200)), 64)
    lines = ["PuTTY-User-Key-File-3: ssh-rsa", "Encryption: none", f"Comment: {comment}",
             f"Public-Lines: {len(pub)}"] + pub + [f"Private-Lines: {len(prv)}"] + prv + [
        "Private-MAC: " + rs(HEX, 64)]
    return lines, prv[0]


def integrity():
    return "sha512-" + b64(rbytes(64))


# ---------------------------------------------------------------- corpus registry
FILES = {}
EXPECTED = []
LOOKALIKES = []
_pending = []
_pending_look = []
PLANTED_VALUES = []


ALL_NEEDLES = []


def S(provider, value, needle=None, anchor=None):
    """Plant a secret. Returns value so it can be used inline in templates."""
    _pending.append((provider, needle or value, anchor))
    ALL_NEEDLES.append(needle or value)
    PLANTED_VALUES.append((provider, value))
    return value


def L(provider, value):
    _pending_look.append((provider, value, None))
    return value


def fill(tpl, **kw):
    for k, v in kw.items():
        tpl = tpl.replace("@@" + k + "@@", str(v))
    if "@@" in tpl:
        i = tpl.index("@@")
        raise SystemExit("unfilled template var near: " + tpl[i:i + 40])
    return tpl


def emit(path, text):
    if not text.endswith("\n"):
        text += "\n"
    if path in FILES:
        raise SystemExit("duplicate path " + path)
    FILES[path] = text
    lines = text.split("\n")
    for pending, out in ((_pending, EXPECTED), (_pending_look, LOOKALIKES)):
        seen = set()
        for provider, needle, anchor in pending:
            hits = [i for i, ln in enumerate(lines) if needle in ln]
            if not hits:
                raise SystemExit(f"{path}: planted value not found: {needle[:50]!r}")
            for i in hits:
                j = i
                if anchor:
                    while j >= 0 and anchor not in lines[j]:
                        j -= 1
                    if j < 0:
                        raise SystemExit(f"{path}: anchor {anchor!r} not found above line {i + 1}")
                key = (j + 1, provider)
                if key in seen:
                    continue
                seen.add(key)
                out.append({"path": path, "line": j + 1, "provider": provider})
        pending.clear()


def emit_json(path, obj, indent=2):
    emit(path, json.dumps(obj, indent=indent) + "\n")


def SP(provider, kind, indent="", joiner="\n"):
    """Plant a PEM private key; returns text block (lines joined by joiner, each prefixed with indent)."""
    lines, needle = pem(kind)
    S(provider, lines[1], needle=needle, anchor="-----BEGIN")
    return joiner.join(indent + ln for ln in lines)


def nb(cells):
    """Build a Jupyter notebook dict from (type, source, outputs) tuples."""
    out_cells = []
    n = 0
    for cell in cells:
        ctype, src = cell[0], cell[1]
        outputs = cell[2] if len(cell) > 2 else []
        lines = src.strip("\n").split("\n")
        source = [ln + "\n" for ln in lines[:-1]] + [lines[-1]]
        if ctype == "markdown":
            out_cells.append({"cell_type": "markdown", "metadata": {}, "source": source})
        else:
            n += 1
            outs = []
            for o in outputs:
                if o[0] == "stream":
                    t = o[1].split("\n")
                    outs.append({"name": "stdout", "output_type": "stream",
                                 "text": [x + "\n" for x in t[:-1]] + [t[-1]]})
                elif o[0] == "result":
                    t = o[1].split("\n")
                    outs.append({"data": {"text/plain": [x + "\n" for x in t[:-1]] + [t[-1]]},
                                 "execution_count": n, "metadata": {}, "output_type": "execute_result"})
                elif o[0] == "error":
                    outs.append({"ename": o[1], "evalue": o[2], "output_type": "error",
                                 "traceback": o[3]})
            out_cells.append({"cell_type": "code", "execution_count": n, "id": rs(HEX, 8),
                              "metadata": {}, "outputs": outs, "source": source})
    return {"cells": out_cells,
            "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                        "name": "python3"},
                         "language_info": {"name": "python", "version": "3.11.9"}},
            "nbformat": 4, "nbformat_minor": 5}


USERS = ["mchen", "aokafor", "jpatel", "svolkova", "tnguyen", "rgarcia", "lbrandt", "kimura"]
DOMAIN = "northwind-labs.io"


# ============================================================================
# apps/chatbot : Python LLM application
# ============================================================================
def build_chatbot():
    base = "apps/chatbot/"
    db_pw = pw(url_safe=True)
    redis_pw = pw(22, url_safe=True)
    oa = openai("proj")
    emit(base + ".env", fill("""\
# local dev settings -- do not commit (oops)
APP_ENV=development
LOG_LEVEL=debug
DEFAULT_MODEL=gpt-4o-mini
FALLBACK_MODEL=claude-3-5-sonnet-latest

OPENAI_API_KEY=@@oa@@
OPENAI_ORG_ID=org-northwind
ANTHROPIC_API_KEY=@@ant@@
GOOGLE_API_KEY=@@gem@@
HUGGINGFACEHUB_API_TOKEN=@@hf@@
GROQ_API_KEY=@@groq@@

# vector store
PINECONE_API_KEY=@@pc@@
PINECONE_INDEX=docs-prod
PINECONE_ENVIRONMENT=us-east-1

# tracing
LANGCHAIN_TRACING_V2=true
LANGCHAIN_ENDPOINT=https://api.smith.langchain.com
LANGCHAIN_API_KEY=@@ls@@
LANGCHAIN_PROJECT=chatbot-dev

TAVILY_API_KEY=@@tv@@

DATABASE_URL=postgresql://chatbot:@@dbpw@@@db.internal.@@dom@@:5432/chatbot
REDIS_URL=redis://:@@rpw@@@cache.internal.@@dom@@:6379/0
SESSION_TTL_SECONDS=3600
MAX_TOKENS=2048
""", oa=S("openai", oa), ant=S("anthropic", anthropic()), gem=S("google-ai", gemini()),
        hf=S("huggingface", hf()), groq=S("groq", groq()), pc=S("pinecone", pinecone()),
        ls=S("langsmith", langsmith("pt")), tv=S("tavily", tavily()),
        dbpw=S("uri-credentials", db_pw, needle=f"chatbot:{db_pw}@"), rpw=S("uri-credentials", redis_pw, needle=f":{redis_pw}@"),
        dom=DOMAIN))

    emit(base + ".env.example", """\
# Copy to .env and fill in real values. Never commit .env!
APP_ENV=development
LOG_LEVEL=info
DEFAULT_MODEL=gpt-4o-mini

OPENAI_API_KEY=sk-...
OPENAI_ORG_ID=
ANTHROPIC_API_KEY=sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
GOOGLE_API_KEY=YOUR_API_KEY
HUGGINGFACEHUB_API_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
GROQ_API_KEY=<your-groq-key>

PINECONE_API_KEY=your-pinecone-api-key
PINECONE_INDEX=docs-dev

LANGCHAIN_TRACING_V2=false
LANGCHAIN_API_KEY=
TAVILY_API_KEY=tvly-YOUR_KEY_HERE

DATABASE_URL=postgresql://postgres:postgres@localhost:5432/chatbot
REDIS_URL=redis://localhost:6379/0
""")

    mis = mistral()
    coh = cohere()
    emit(base + "app/config.py", fill('''\
"""Runtime configuration for the chatbot service.

Values are read from the environment first; the hard-coded fallbacks below were
added during the hackathon and should be removed (see TICKET-412).
"""
import os
from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    openai_api_key: str = Field(..., env="OPENAI_API_KEY")
    anthropic_api_key: str = Field(default="", env="ANTHROPIC_API_KEY")
    default_model: str = "gpt-4o-mini"
    max_tokens: int = 2048
    temperature: float = 0.2
    token_budget_per_user: int = 200_000

    class Config:
        env_file = ".env"


MISTRAL_API_KEY = os.getenv("MISTRAL_API_KEY", "@@mis@@")

PROVIDERS = {
    "mistral": {"base_url": "https://api.mistral.ai/v1", "model": "mistral-large-latest"},
    "cohere": {
        "base_url": "https://api.cohere.com/v2",
        "cohere_api_key": "@@coh@@",
        "model": "command-r-plus",
    },
    "openai": {"base_url": "https://api.openai.com/v1", "api_key": os.environ["OPENAI_API_KEY"]},
}


@lru_cache
def get_settings() -> Settings:
    return Settings()


def get_token() -> str:
    access_token = os.environ.get("SERVICE_ACCESS_TOKEN")
    if access_token is None:
        raise RuntimeError("SERVICE_ACCESS_TOKEN is not set")
    return access_token
''', mis=S("mistral", mis), coh=S("cohere", coh)))

    ant2 = anthropic()
    legacy = openai_legacy()
    emit(base + "app/llm.py", fill('''\
import logging
import os

import anthropic
import openai

log = logging.getLogger(__name__)

# openai.api_key = "@@legacy@@"
client = openai.OpenAI(api_key=os.environ["OPENAI_API_KEY"])


class ClaudeClient:
    """Thin wrapper around the Anthropic SDK.

    Example (from the original prototype, key since moved to Vault)::

        >>> c = ClaudeClient(api_key="@@ant@@")
        >>> c.complete("hello")

    The key must be an ``sk-ant-...`` key; ``sk-ant-...9xQA`` style masked keys
    from the console will not work.
    """

    def __init__(self, api_key: str | None = None, model: str = "claude-3-5-sonnet-latest"):
        self.client = anthropic.Anthropic(api_key=api_key or os.environ["ANTHROPIC_API_KEY"])
        self.model = model
        self.max_tokens = 1024

    def complete(self, prompt: str) -> str:
        msg = self.client.messages.create(
            model=self.model,
            max_tokens=self.max_tokens,
            messages=[{"role": "user", "content": prompt}],
        )
        usage = msg.usage
        log.debug("input_tokens=%s output_tokens=%s", usage.input_tokens, usage.output_tokens)
        return msg.content[0].text


def count_tokens(text: str) -> int:
    tokenizer = get_tokenizer()
    return len(tokenizer.encode(text))


def get_tokenizer():
    import tiktoken
    return tiktoken.get_encoding("cl100k_base")
''', legacy=S("openai", legacy), ant=S("anthropic", ant2)))

    emit(base + "app/retrieval.py", fill('''\
import os

import requests
import voyageai
from pinecone import Pinecone

pc = Pinecone(api_key="@@pc@@")
index = pc.Index("docs-prod")

vo = voyageai.Client(api_key="@@vo@@")

JINA_HEADERS = {
    "Content-Type": "application/json",
    "Authorization": "Bearer @@jina@@",
}


def embed(texts: list[str]) -> list[list[float]]:
    result = vo.embed(texts, model="voyage-3", input_type="document")
    return result.embeddings


def rerank(query: str, docs: list[str]):
    resp = requests.post(
        "https://api.jina.ai/v1/rerank",
        headers=JINA_HEADERS,
        json={"model": "jina-reranker-v2-base-multilingual", "query": query, "documents": docs},
        timeout=30,
    )
    resp.raise_for_status()
    return resp.json()["results"]


def search(query: str, top_k: int = 8):
    vec = embed([query])[0]
    return index.query(vector=vec, top_k=top_k, include_metadata=True,
                       namespace=os.getenv("PINECONE_NAMESPACE", "default"))
''', pc=S("pinecone", pinecone()), vo=S("voyage", voyage()), jina=S("jina", jina())))

    emit(base + "app/tools/web.py", fill('''\
"""Web search / scraping tools exposed to the agent."""
import os

from firecrawl import FirecrawlApp
from tavily import TavilyClient

# TODO: move to secrets manager before launch
tavily = TavilyClient(api_key="@@tv@@")
firecrawl = FirecrawlApp(api_key=os.getenv("FIRECRAWL_API_KEY") or "@@fc@@")

ELEVEN_HEADERS = {"xi-api-key": "@@el@@", "Accept": "audio/mpeg"}


def web_search(query: str, max_results: int = 5) -> list[dict]:
    return tavily.search(query=query, max_results=max_results)["results"]


def scrape(url: str) -> str:
    doc = firecrawl.scrape_url(url, params={"formats": ["markdown"]})
    return doc["markdown"]
''', tv=S("tavily", tavily()), fc=S("firecrawl", firecrawl()), el=S("elevenlabs", elevenlabs())))

    az_key = azure_openai()
    emit(base + "settings.yaml", fill("""\
# LLM gateway routing table
default_provider: openrouter
timeout_seconds: 60
retries: 3

providers:
  openrouter:
    base_url: https://openrouter.ai/api/v1
    api_key: "@@or@@"
    models: [anthropic/claude-3.5-sonnet, meta-llama/llama-3.1-70b-instruct]
  xai:
    base_url: https://api.x.ai/v1
    api_key: @@xai@@
  deepseek:
    base_url: https://api.deepseek.com
    deepseek_api_key: @@ds@@
  azure_openai:
    endpoint: https://northwind-eastus.openai.azure.com/
    api_version: "2024-08-01-preview"
    deployment: gpt-4o
    azure_openai_api_key: @@az@@
  bedrock:
    region: us-west-2
    model_id: anthropic.claude-3-5-sonnet-20241022-v2:0
    aws_bearer_token_bedrock: @@br@@
  local:
    base_url: http://localhost:11434/v1
    api_key: ollama
""", **{"or": S("openrouter", openrouter())}, xai=S("xai", xai()), ds=S("deepseek", deepseek()),
        az=S("azure-openai", az_key), br=S("aws-bedrock", bedrock())))

    # notebooks
    hf_tok = hf()
    emit_json(base + "notebooks/exploration.ipynb", nb([
        ("markdown", "# Prompt exploration\nQuick experiments with different providers. **Do not share this notebook.**"),
        ("code", "!pip install -q openai anthropic langchain tiktoken", [("stream", "")]),
        ("code", fill('import os\nos.environ["OPENAI_API_KEY"] = "@@oa@@"\nos.environ["HUGGINGFACEHUB_API_TOKEN"] = "@@hf@@"',
                      oa=S("openai", oa), hf=S("huggingface", hf_tok))),
        ("code", 'from openai import OpenAI\nclient = OpenAI()\nresp = client.chat.completions.create(\n    model="gpt-4o-mini",\n    messages=[{"role": "user", "content": "Say hi"}],\n    max_tokens=16,\n)\nprint(resp.choices[0].message.content)',
         [("stream", "Hi there! How can I help you today?")]),
        ("code", 'bad = OpenAI(api_key="sk-proj-****************************************Qz9A")\nbad.models.list()',
         [("error", "AuthenticationError",
           "Error code: 401 - Incorrect API key provided: sk-proj-****Qz9A.",
           ["AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-proj-****Qz9A. You can find your API key at https://platform.openai.com/account/api-keys.'}}"])]),
        ("code", 'import tiktoken\nenc = tiktoken.encoding_for_model("gpt-4o")\nlen(enc.encode("The quick brown fox"))', [("result", "4")]),
        ("code", 'from huggingface_hub import whoami\nwhoami()',
         [("result", "{'type': 'user', 'name': 'mchen-nw', 'fullname': 'M Chen', 'auth': {'type': 'access_token', 'accessToken': {'displayName': 'colab', 'role': 'read'}}}")]),
    ]), indent=1)

    g2 = groq()
    wb = wandb()
    emit_json(base + "notebooks/rag_eval.ipynb", nb([
        ("markdown", "## RAG evaluation\nCompare rerankers and generators on the golden set (n=250)."),
        ("code", fill('import wandb\nwandb.login(key="@@wb@@")\nrun = wandb.init(project="rag-eval", config={"top_k": 8})', wb=S("wandb", wb)),
         [("stream", "wandb: Currently logged in as: mchen-nw (northwind). Use `wandb login --relogin` to force relogin\nwandb: Tracking run with wandb version 0.17.5")]),
        ("code", fill('import cohere\nco = cohere.ClientV2("@@co@@")  # cohere trial key', co=S("cohere", cohere()))),
        ("code", fill('%env REPLICATE_API_TOKEN=@@r8@@', r8=S("replicate", replicate())),
         [("stream", "env: REPLICATE_API_TOKEN=" + PLANTED_VALUES[-1][1])]),
        ("code", fill('cfg = {"provider": "groq", "model": "llama-3.1-70b-versatile", "api_key": "@@g@@"}\ncfg', g=S("groq", g2)),
         [("result", "{'provider': 'groq',\n 'model': 'llama-3.1-70b-versatile',\n 'api_key': '" + g2 + "'}")]),
        ("code", 'import pandas as pd\ndf = pd.read_parquet("golden.parquet")\ndf.head(3)',
         [("result", "                                 id                 question\n0  9b2e4f0a-3c1d-4e5f-8a7b-6c5d4e3f2a1b  How do I reset MFA?\n1  1f0e2d3c-4b5a-4968-8776-655443322110  What is the SLA?\n2  7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d  Where are invoices?")]),
        ("code", 'scores = evaluate(df, reranker="jina", generator="gpt-4o-mini")\nscores.mean()',
         [("result", "faithfulness        0.912\nanswer_relevance    0.874\ncontext_precision   0.801\ndtype: float64")]),
    ]), indent=1)

    emit_json(base + "notebooks/finetune.ipynb", nb([
        ("markdown", "# Fine-tuning sweep\nTogether + Fireworks comparisons."),
        ("code", fill('from huggingface_hub import login\nlogin(token="@@hf@@")', hf=S("huggingface", hf())),
         [("stream", "Token is valid (permission: write).\nYour token has been saved to /root/.cache/huggingface/token\nLogin successful")]),
        ("code", fill('import together\ntogether.api_key = "@@tg@@"\nFIREWORKS_API_KEY = "@@fw@@"',
                      tg=S("together", together()), fw=S("fireworks", fireworks()))),
        ("code", fill('import requests\nPPLX = "@@pp@@"\nr = requests.post("https://api.perplexity.ai/chat/completions",\n                  headers={"Authorization": f"Bearer {PPLX}"},\n                  json={"model": "sonar", "messages": [{"role": "user", "content": "ping"}]})\nr.status_code',
                      pp=S("perplexity", pplx())), [("result", "200")]),
        ("code", 'job = together.FineTune.create(training_file="file-8c4f1b2e", model="meta-llama/Meta-Llama-3.1-8B-Instruct", n_epochs=3)\njob["id"]',
         [("result", "'ft-5e0c8a42-91d3-4b7f-a2c6-0f9e8d7c6b5a'")]),
    ]), indent=1)

    emit(base + "requirements.txt", """\
anthropic==0.39.0
openai==1.54.3
langchain==0.3.7
langchain-openai==0.2.8
pinecone==5.3.1
voyageai==0.3.1
tavily-python==0.5.0
firecrawl-py==1.4.0
tiktoken==0.8.0
pydantic-settings==2.6.1
python-dotenv==1.0.1
requests==2.32.3
wandb==0.17.5
--extra-index-url https://pypi.org/simple
""")

    emit(base + "pyproject.toml", """\
[tool.poetry]
name = "northwind-chatbot"
version = "0.7.3"
description = "Support chatbot with RAG"
authors = ["Northwind Labs <eng@northwind-labs.io>"]

[tool.poetry.dependencies]
python = "^3.11"
anthropic = "^0.39.0"
openai = "^1.54"
pinecone = "^5.3"

[tool.poetry.group.dev.dependencies]
pytest = "^8.3"
ruff = "^0.7"

[build-system]
requires = ["poetry-core>=1.8.0"]
build-backend = "poetry.core.masonry.api"
""")

    pkgs = [("annotated-types", "0.7.0"), ("anthropic", "0.39.0"), ("anyio", "4.6.2"), ("certifi", "2024.8.30"),
            ("charset-normalizer", "3.4.0"), ("distro", "1.9.0"), ("httpx", "0.27.2"), ("idna", "3.10"),
            ("jiter", "0.7.0"), ("openai", "1.54.3"), ("pinecone", "5.3.1"), ("pydantic", "2.9.2"),
            ("regex", "2024.11.6"), ("requests", "2.32.3"), ("sniffio", "1.3.1"), ("tiktoken", "0.8.0"),
            ("tqdm", "4.67.0"), ("urllib3", "2.2.3")]
    out = ["# This file is automatically @generated by Poetry 1.8.4 and should not be changed by hand.", ""]
    for name, ver in pkgs:
        out += ["[[package]]", f'name = "{name}"', f'version = "{ver}"', f'description = ""', 'optional = false',
                'python-versions = ">=3.8"', "files = ["]
        out.append(f'    {{file = "{name.replace("-", "_")}-{ver}-py3-none-any.whl", hash = "sha256:{sha(64)}"}},')
        out.append(f'    {{file = "{name.replace("-", "_")}-{ver}.tar.gz", hash = "sha256:{sha(64)}"}},')
        out += ["]", ""]
    out += ["[metadata]", 'lock-version = "2.0"', 'python-versions = "^3.11"', f'content-hash = "{sha(64)}"']
    emit(base + "poetry.lock", "\n".join(out))

    pg_pw = pw()
    emit(base + "docker-compose.yml", fill("""\
services:
  api:
    build: .
    ports:
      - "8000:8000"
    environment:
      OPENAI_API_KEY: @@oa@@
      ANTHROPIC_API_KEY: ${ANTHROPIC_API_KEY}
      DATABASE_URL: postgresql://chatbot:${POSTGRES_PASSWORD}@db:5432/chatbot
      REDIS_URL: redis://cache:6379/0
    depends_on: [db, cache]

  db:
    image: postgres:16-alpine@sha256:@@dig@@
    environment:
      POSTGRES_USER: chatbot
      POSTGRES_PASSWORD: "@@pg@@"
      POSTGRES_DB: chatbot
    volumes:
      - pgdata:/var/lib/postgresql/data

  cache:
    image: redis:7.4
    command: ["redis-server", "--requirepass", "${REDIS_PASSWORD:-changeme}"]

volumes:
  pgdata: {}
""", oa=S("openai", openai("svcacct")), pg=S("generic", pg_pw), dig=sha(64)))


# ============================================================================
# apps/web : Next.js / TypeScript storefront
# ============================================================================
def build_web():
    base = "apps/web/"
    sk = stripe("sk")
    my_pw = pw(url_safe=True)
    emit(base + ".env.local", fill("""\
NEXT_PUBLIC_SITE_URL=https://shop.@@dom@@
NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=@@pk@@
STRIPE_SECRET_KEY=@@sk@@
STRIPE_WEBHOOK_SECRET=@@wh@@
SENTRY_AUTH_TOKEN=@@sn@@
NEXT_PUBLIC_SENTRY_ENVIRONMENT=production
NEXTAUTH_URL=https://shop.@@dom@@
NEXTAUTH_SECRET=@@nas@@
DATABASE_URL="mysql://shop_rw:@@mypw@@@aurora-prod.cluster-c9xk2.us-east-1.rds.amazonaws.com:3306/shop"
SHOPIFY_ADMIN_ACCESS_TOKEN=@@shp@@
SHOPIFY_STORE_DOMAIN=northwind-goods.myshopify.com
""", dom=DOMAIN, pk=stripe_pk(), sk=S("stripe", sk), wh=S("stripe", stripe_whsec()),
        sn=S("sentry", sentry_org()), nas=S("generic", b64(rbytes(32))),
        mypw=S("uri-credentials", my_pw, needle=f"shop_rw:{my_pw}@"), shp=S("shopify", shopify("shpat"))))

    emit(base + ".env.production.example", """\
NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_live_...
STRIPE_SECRET_KEY=sk_live_YOUR_SECRET_KEY
STRIPE_WEBHOOK_SECRET=whsec_...
SENTRY_AUTH_TOKEN=
NEXTAUTH_SECRET=generate-with-openssl-rand-base64-32
DATABASE_URL="mysql://USER:PASSWORD@HOST:3306/shop"
SHOPIFY_ADMIN_ACCESS_TOKEN=shpat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
""")

    rk = stripe("rk")
    emit(base + "src/lib/stripe.ts", fill("""\
import Stripe from "stripe";

// Restricted key used by the reporting cron (read-only: charges, payouts).
// FIXME(jpatel): pull from env once the cron has access to the secret store.
const REPORTING_KEY = process.env.STRIPE_REPORTING_KEY ?? "@@rk@@";

export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, {
  apiVersion: "2024-06-20",
  typescript: true,
});

export const reportingStripe = new Stripe(REPORTING_KEY, { apiVersion: "2024-06-20" });

export const publishableKey = "@@pk@@";

export async function createCheckout(priceId: string, customerId?: string) {
  return stripe.checkout.sessions.create({
    mode: "subscription",
    customer: customerId,
    line_items: [{ price: priceId, quantity: 1 }],
    success_url: `${process.env.NEXT_PUBLIC_SITE_URL}/billing/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${process.env.NEXT_PUBLIC_SITE_URL}/billing`,
  });
}
""", rk=S("stripe", rk), pk=stripe_pk()))

    emit(base + "src/lib/ai.ts", fill("""\
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";

export const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

// preview deployments don't get env vars, hard-coding for the demo day
export const anthropic = new Anthropic({
  apiKey: "@@ant@@",
});

export const MODEL = "claude-3-5-haiku-latest";
export const MAX_TOKENS = 1024;

export async function summarize(text: string): Promise<string> {
  const msg = await anthropic.messages.create({
    model: MODEL,
    max_tokens: MAX_TOKENS,
    messages: [{ role: "user", content: `Summarize:\\n${text}` }],
  });
  const block = msg.content[0];
  return block.type === "text" ? block.text : "";
}
""", ant=S("anthropic", anthropic())))

    emit(base + "src/server/email.js", fill("""\
'use strict';

const sgMail = require('@sendgrid/mail');
const formData = require('form-data');
const Mailgun = require('mailgun.js');

sgMail.setApiKey('@@sg@@');

const mailgun = new Mailgun(formData);
const mg = mailgun.client({
  username: 'api',
  key: process.env.MAILGUN_API_KEY || '@@mg@@',
  url: 'https://api.eu.mailgun.net',
});

const POSTMARK_HEADERS = {
  Accept: 'application/json',
  'Content-Type': 'application/json',
  'X-Postmark-Server-Token': '@@pm@@',
};

async function sendReceipt(to, order) {
  await sgMail.send({
    to,
    from: 'receipts@northwind-labs.io',
    templateId: 'd-4f1c0b7e9a2d4c8e8b6a5f3e2d1c0b9a',
    dynamicTemplateData: { orderId: order.id, total: order.total },
  });
}

module.exports = { sendReceipt, mg, POSTMARK_HEADERS };
""", sg=S("sendgrid", sendgrid()), mg=S("mailgun", mailgun()), pm=S("postmark", ruuid())))

    emit(base + "src/app/api/slack/route.ts", fill("""\
import { NextResponse } from "next/server";
import { WebClient } from "@slack/web-api";

const SLACK_WEBHOOK_URL =
  "@@hook@@";

const slack = new WebClient("@@xoxb@@");

export async function POST(req: Request) {
  const body = await req.json();
  const token = req.headers.get("authorization")?.replace("Bearer ", "");
  if (!token || token !== process.env.INTERNAL_API_TOKEN) {
    return NextResponse.json({ error: "unauthorized" }, { status: 401 });
  }
  await fetch(SLACK_WEBHOOK_URL, {
    method: "POST",
    body: JSON.stringify({ text: `New order ${body.orderId}` }),
  });
  await slack.chat.postMessage({ channel: "C05QJ8K2LMN", text: "order received" });
  return NextResponse.json({ ok: true });
}
""", hook=S("slack", slack_webhook()), xoxb=S("slack", slack("xoxb"))))

    emit(base + "src/components/StoreMap.tsx", """\
import mapboxgl from "mapbox-gl";
import { useEffect, useRef } from "react";

// Public (URL-restricted) Mapbox token -- safe to ship to the browser.
mapboxgl.accessToken =
  "pk.eyJ1Ijoibm9ydGh3aW5kLWxhYnMiLCJhIjoiY2x4OGZ0Y2ZpMDFxbTJrcHQ0bWVhZ3R2biJ9.Zq3H0tYv7K2mXb9sWc1nRg";

const STRIPE_PK = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;
const session_token = useSessionToken();

export default function StoreMap({ lat, lng }: { lat: number; lng: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const map = new mapboxgl.Map({
      container: ref.current!,
      style: "mapbox://styles/mapbox/streets-v12",
      center: [lng, lat],
      zoom: 12,
    });
    return () => map.remove();
  }, [lat, lng]);
  return <div ref={ref} className="h-96 w-full" data-testid="store-map" />;
}
""")

    mongo_pw = pw(url_safe=True)
    emit(base + "scripts/seed.mjs", fill("""\
#!/usr/bin/env node
import { MongoClient } from "mongodb";
import { faker } from "@faker-js/faker";

const uri =
  process.env.MONGODB_URI ??
  "mongodb+srv://seed-admin:@@mpw@@@cluster0.q4tzx.mongodb.net/shop?retryWrites=true&w=majority";

const client = new MongoClient(uri);
await client.connect();
const products = client.db("shop").collection("products");
const docs = Array.from({ length: 200 }, () => ({
  sku: faker.string.alphanumeric(10).toUpperCase(),
  name: faker.commerce.productName(),
  price: Number(faker.commerce.price()),
}));
await products.insertMany(docs);
console.log(`inserted ${docs.length} products`);
await client.close();
""", mpw=S("uri-credentials", mongo_pw, needle=f"seed-admin:{mongo_pw}@")))

    emit(base + ".npmrc", fill("""\
@northwind:registry=https://npm.pkg.github.com
//npm.pkg.github.com/:_authToken=@@gh@@
//registry.npmjs.org/:_authToken=@@npm@@
engine-strict=true
save-exact=true
""", gh=S("github", gh("ghp")), npm=S("npm", npm())))

    emit(base + "package.json", json.dumps({
        "name": "@northwind/web", "version": "2.14.0", "private": True,
        "scripts": {"dev": "next dev", "build": "next build", "start": "next start", "lint": "next lint",
                    "seed": "node scripts/seed.mjs"},
        "dependencies": {"@anthropic-ai/sdk": "^0.32.1", "@sendgrid/mail": "^8.1.4", "@slack/web-api": "^7.7.0",
                         "mapbox-gl": "^3.8.0", "mongodb": "^6.10.0", "next": "14.2.18", "openai": "^4.72.0",
                         "react": "18.3.1", "react-dom": "18.3.1", "stripe": "^17.3.1"},
        "devDependencies": {"@types/node": "^22.9.0", "typescript": "^5.6.3", "eslint": "^8.57.1"},
    }, indent=2) + "\n")

    deps = [("next", "14.2.18"), ("react", "18.3.1"), ("react-dom", "18.3.1"), ("stripe", "17.3.1"),
            ("openai", "4.72.0"), ("@anthropic-ai/sdk", "0.32.1"), ("mongodb", "6.10.0"), ("bson", "6.9.0"),
            ("@sendgrid/mail", "8.1.4"), ("@sendgrid/client", "8.1.4"), ("axios", "1.7.7"),
            ("mapbox-gl", "3.8.0"), ("typescript", "5.6.3"), ("scheduler", "0.23.2"), ("loose-envify", "1.4.0"),
            ("js-tokens", "4.0.0"), ("@slack/web-api", "7.7.0"), ("form-data", "4.0.1")]
    lock = {"name": "@northwind/web", "version": "2.14.0", "lockfileVersion": 3, "requires": True,
            "packages": {"": {"name": "@northwind/web", "version": "2.14.0"}}}
    for name, ver in deps:
        short = name.split("/")[-1]
        lock["packages"]["node_modules/" + name] = {
            "version": ver, "resolved": f"https://registry.npmjs.org/{name}/-/{short}-{ver}.tgz",
            "integrity": integrity(), "license": "MIT"}
    emit(base + "package-lock.json", json.dumps(lock, indent=2) + "\n")

    yl = ["# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.", "# yarn lockfile v1", ""]
    for name, ver in deps[:12]:
        short = name.split("/")[-1]
        yl += [f'"{name}@^{ver}":', f'  version "{ver}"',
               f'  resolved "https://registry.yarnpkg.com/{name}/-/{short}-{ver}.tgz#{sha(40)}"',
               f'  integrity {integrity()}', ""]
    emit(base + "yarn.lock", "\n".join(yl))

    emit(base + "next.config.js", """\
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  env: {
    NEXT_PUBLIC_BUILD_SHA: process.env.VERCEL_GIT_COMMIT_SHA || "3f9c2a1d7e8b6c5a4f3e2d1c0b9a8f7e6d5c4b3a",
    NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY,
  },
  images: { remotePatterns: [{ protocol: "https", hostname: "cdn.shopify.com" }] },
  async headers() {
    return [{ source: "/(.*)", headers: [{ key: "X-Frame-Options", value: "DENY" }] }];
  },
};

module.exports = nextConfig;
""")

    emit(base + "vercel.json", json.dumps({
        "$schema": "https://openapi.vercel.sh/vercel.json",
        "framework": "nextjs", "regions": ["iad1"],
        "crons": [{"path": "/api/cron/reporting", "schedule": "0 6 * * *"}],
        "env": {"STRIPE_SECRET_KEY": "@stripe-secret-key", "DATABASE_URL": "@database-url"},
    }, indent=2) + "\n")


# ============================================================================
# services/* : Go, Java, PHP, Ruby, .NET, Rust
# ============================================================================
def build_go():
    base = "services/payments-go/"
    emit(base + "main.go", fill("""\
package main

import (
	"log"
	"net/http"
	"os"

	"github.com/square/square-go-sdk/client"
	"github.com/square/square-go-sdk/option"
	"github.com/stripe/stripe-go/v80"
)

const (
	defaultPort   = "8080"
	tokenHeader   = "X-Request-Token"
	maxBodyBytes  = 1 << 20
)

func main() {
	stripe.Key = "@@sk@@"

	sq := client.NewClient(
		option.WithToken("@@sq@@"),
		option.WithBaseURL("https://connect.squareup.com"),
	)
	_ = sq

	port := os.Getenv("PORT")
	if port == "" {
		port = defaultPort
	}
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	log.Printf("payments listening on :%s", port)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
""", sk=S("stripe", stripe("sk", long=False)), sq=S("square", square("EAAA"))))

    db_pw = pw(url_safe=True)
    emit(base + "internal/config/config.go", fill("""\
package config

import (
	"os"
	"time"
)

type Config struct {
	DSN             string
	BraintreeToken  string
	PayPalClientID  string
	PayPalSecret    string
	RequestTimeout  time.Duration
}

// Load reads configuration. Fallback DSN is the staging database.
func Load() *Config {
	dsn := os.Getenv("PAYMENTS_DSN")
	if dsn == "" {
		dsn = "postgres://payments:@@pw@@@pg-staging.@@dom@@:5432/payments?sslmode=require"
	}
	return &Config{
		DSN:            dsn,
		BraintreeToken: "@@bt@@",
		PayPalClientID: "AZq4Rk1bX2hVd0vN8sLmP3tYw9cJ6gFe5iOuHaKjQxTr7EyWnBzMlC0pDoSvG",
		PayPalSecret:   os.Getenv("PAYPAL_CLIENT_SECRET"),
		RequestTimeout: 15 * time.Second,
	}
}

// Password returns the password for the given role from the environment.
func Password(role string) string {
	password := os.Getenv("PG_PASSWORD_" + role)
	return password
}
""", pw=S("uri-credentials", db_pw, needle=f"payments:{db_pw}@"), dom=DOMAIN, bt=S("braintree", braintree())))

    emit(base + "config.yaml", fill("""\
server:
  port: 8080
  read_timeout: 15s
paypal:
  mode: live
  client_id: AZq4Rk1bX2hVd0vN8sLmP3tYw9cJ6gFe5iOuHaKjQxTr7EyWnBzMlC0pDoSvG
  client_secret: @@pp@@
square:
  location_id: L8F2K3M4N5P6Q
  application_id: sq0idp-9Gk2mQv3xN8rT1yB5wL7cD
  application_secret: @@sqs@@
webhooks:
  signing_secret: @@whs@@
""", pp=S("paypal", paypal_secret()), sqs=S("square", square("sq0csp")), whs=S("generic", rs(AN, 32))))

    mods = [("github.com/stripe/stripe-go/v80", "v80.2.0"), ("github.com/square/square-go-sdk", "v1.0.0"),
            ("github.com/jackc/pgx/v5", "v5.7.1"), ("golang.org/x/crypto", "v0.29.0"),
            ("golang.org/x/text", "v0.20.0"), ("github.com/google/uuid", "v1.6.0"),
            ("github.com/rs/zerolog", "v1.33.0"), ("github.com/stretchr/testify", "v1.9.0")]
    emit(base + "go.mod", "module github.com/northwind/payments\n\ngo 1.23\n\nrequire (\n"
         + "".join(f"\t{m} {v}\n" for m, v in mods) + ")\n")
    gs = []
    for m, v in mods:
        gs.append(f"{m} {v} h1:{b64(rbytes(32))}")
        gs.append(f"{m} {v}/go.mod h1:{b64(rbytes(32))}")
    emit(base + "go.sum", "\n".join(gs))


def build_java():
    base = "services/billing-java/"
    jpw = pw()
    emit(base + "src/main/resources/application.properties", fill("""\
spring.application.name=billing
server.port=8081
spring.datasource.url=jdbc:postgresql://pg-billing.@@dom@@:5432/billing?user=billing_app&password=@@jdbc@@&ssl=true
spring.datasource.username=billing_app
spring.datasource.password=@@jpw@@
spring.datasource.hikari.maximum-pool-size=20
spring.jpa.hibernate.ddl-auto=validate
stripe.api-key=@@sk@@
stripe.api-version=2024-06-20
twilio.account-sid=${TWILIO_ACCOUNT_SID}
twilio.auth-token=${TWILIO_AUTH_TOKEN}
management.endpoints.web.exposure.include=health,info,prometheus
security.jwt.expiration-ms=3600000
security.jwt.token-prefix=Bearer
""", dom=DOMAIN, jdbc=S("uri-credentials", pw(url_safe=True)), jpw=S("generic", jpw), sk=S("stripe", stripe("sk"))))

    emit(base + "src/main/resources/application-prod.yml", fill("""\
spring:
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
            client-id: 0oa9x2b4c6d8e0f1g2h3
            client-secret: @@okcs@@
            scope: openid,profile,email
        provider:
          okta:
            issuer-uri: https://northwind.okta.com/oauth2/default
cloud:
  aws:
    region:
      static: us-east-1
    credentials:
      access-key: @@akid@@
      secret-key: @@asec@@
okta:
  api-token: @@okt@@
logging:
  level:
    root: INFO
""", sg=S("sendgrid", sendgrid()), okcs=S("okta", rs(B64U, 40)), akid=S("aws", aws_id()),
        asec=S("aws", aws_secret()), okt=S("okta", okta())))

    emit(base + "src/main/java/com/northwind/billing/NotificationService.java", fill("""\
package com.northwind.billing;

import com.twilio.Twilio;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import org.springframework.stereotype.Service;

@Service
public class NotificationService {

    private static final String FROM_NUMBER = "+15005550006";
    private static final int TOKEN_LENGTH = 6;

    static {
        Twilio.init("@@sid@@", "@@tok@@");
    }

    public void sendOtp(String to, String code) {
        Message.creator(new PhoneNumber(to), new PhoneNumber(FROM_NUMBER),
                "Your Northwind verification code is " + code).create();
    }

    public String resetPasswordUrl(String token) {
        return "https://billing.northwind-labs.io/reset?token=" + token;
    }
}
""", sid=twilio_sid("AC"), tok=S("twilio", twilio_token())))

    emit(base + "src/main/java/com/northwind/billing/storage/S3Uploader.java", fill("""\
package com.northwind.billing.storage;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;

public final class S3Uploader {
    private static final String BUCKET = "northwind-invoices-prod";

    private final AmazonS3 s3;

    public S3Uploader() {
        BasicAWSCredentials creds = new BasicAWSCredentials("@@id@@", "@@sec@@");
        this.s3 = AmazonS3ClientBuilder.standard()
                .withRegion("us-east-1")
                .withCredentials(new AWSStaticCredentialsProvider(creds))
                .build();
    }

    public S3Uploader(AmazonS3 client) {
        this.s3 = client;
    }

    public void upload(String key, java.io.File file) {
        s3.putObject(BUCKET, key, file);
    }
}
""", id=S("aws", aws_id()), sec=S("aws", aws_secret())))

    emit(base + "src/main/java/com/northwind/billing/security/JwtConfig.java", """\
package com.northwind.billing.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

@Configuration
public class JwtConfig {
    @Value("${security.jwt.secret}")
    private String secret;

    @Value("${security.jwt.expiration-ms:3600000}")
    private long expirationMs;

    private final String password = System.getenv("KEYSTORE_PASSWORD");
    private static final String TOKEN_TYPE = "Bearer";
    private static final String AUTH_HEADER = "Authorization";

    public String getSecret() { return secret; }
    public long getExpirationMs() { return expirationMs; }
}
""")

    emit(base + "pom.xml", """\
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>3.3.5</version>
  </parent>
  <groupId>com.northwind</groupId>
  <artifactId>billing</artifactId>
  <version>1.9.2</version>
  <properties>
    <java.version>21</java.version>
    <stripe.version>26.13.0</stripe.version>
  </properties>
  <dependencies>
    <dependency>
      <groupId>com.stripe</groupId>
      <artifactId>stripe-java</artifactId>
      <version>${stripe.version}</version>
    </dependency>
    <dependency>
      <groupId>com.twilio.sdk</groupId>
      <artifactId>twilio</artifactId>
      <version>10.6.3</version>
    </dependency>
  </dependencies>
  <distributionManagement>
    <repository>
      <id>northwind-releases</id>
      <url>https://northwind.jfrog.io/artifactory/libs-release-local</url>
    </repository>
  </distributionManagement>
</project>
""")

    hpw = pw()
    emit(base + "src/main/resources/hibernate.cfg.xml", fill("""\
<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE hibernate-configuration PUBLIC
        "-//Hibernate/Hibernate Configuration DTD 3.0//EN"
        "http://www.hibernate.org/dtd/hibernate-configuration-3.0.dtd">
<hibernate-configuration>
  <session-factory>
    <property name="hibernate.connection.driver_class">com.mysql.cj.jdbc.Driver</property>
    <property name="hibernate.connection.url">jdbc:mysql://mysql-legacy.@@dom@@:3306/ledger</property>
    <property name="hibernate.connection.username">ledger</property>
    <property name="hibernate.connection.password">@@pw@@</property>
    <property name="hibernate.dialect">org.hibernate.dialect.MySQLDialect</property>
    <property name="show_sql">false</property>
  </session-factory>
</hibernate-configuration>
""", dom=DOMAIN, pw=S("generic", hpw)))


def build_php():
    base = "services/legacy-php/"
    emit(base + "wp-config.php", fill("""\
<?php
/**
 * The base configuration for WordPress
 *
 * @package WordPress
 */

// ** Database settings - You can get this info from your web host ** //
define( 'DB_NAME', 'wp_northwind' );
define( 'DB_USER', 'wp_admin' );
define( 'DB_PASSWORD', '@@pw@@' );
define( 'DB_HOST', 'mysql-wp.@@dom@@' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );

/**#@+
 * Authentication unique keys and salts.
 */
define( 'AUTH_KEY',         'put your unique phrase here' );
define( 'SECURE_AUTH_KEY',  'put your unique phrase here' );
define( 'LOGGED_IN_KEY',    'put your unique phrase here' );
define( 'NONCE_KEY',        'put your unique phrase here' );
define( 'AUTH_SALT',        'put your unique phrase here' );
define( 'SECURE_AUTH_SALT', 'put your unique phrase here' );
define( 'LOGGED_IN_SALT',   'put your unique phrase here' );
define( 'NONCE_SALT',       'put your unique phrase here' );
/**#@-*/

$table_prefix = 'wp_';

define( 'WP_DEBUG', false );
define( 'FS_METHOD', 'direct' );

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}

require_once ABSPATH . 'wp-settings.php';
""", pw=S("wordpress", pw()), dom=DOMAIN))

    emit(base + "config/database.php", fill("""\
<?php

return [
    'default' => env('DB_CONNECTION', 'mysql'),

    'connections' => [
        'mysql' => [
            'driver' => 'mysql',
            'host' => env('DB_HOST', '127.0.0.1'),
            'port' => env('DB_PORT', '3306'),
            'database' => env('DB_DATABASE', 'forge'),
            'username' => env('DB_USERNAME', 'forge'),
            'password' => env('DB_PASSWORD', '@@pw@@'),
        ],
        'reporting' => [
            'driver' => 'pgsql',
            'url' => env('REPORTING_DATABASE_URL'),
            'password' => env('REPORTING_DB_PASSWORD', ''),
        ],
    ],

    'redis' => [
        'client' => env('REDIS_CLIENT', 'phpredis'),
        'default' => [
            'host' => env('REDIS_HOST', '127.0.0.1'),
            'password' => env('REDIS_PASSWORD'),
            'port' => env('REDIS_PORT', '6379'),
        ],
    ],
];
""", pw=S("generic", pw())))

    emit(base + "config/services.php", fill("""\
<?php

return [
    'mailchimp' => [
        'apikey' => '@@mc@@',
        'list_id' => 'a1b2c3d4e5',
    ],
    'mailgun' => [
        'domain' => env('MAILGUN_DOMAIN', 'mg.northwind-labs.io'),
        'secret' => env('MAILGUN_SECRET', '@@mg@@'),
        'endpoint' => 'api.eu.mailgun.net',
    ],
    'stripe' => [
        'key' => 'pk_live_' . env('STRIPE_PK_SUFFIX'),
        'secret' => env('STRIPE_SECRET'),
    ],
    'paypal' => [
        'mode' => 'live',
        'client_id' => env('PAYPAL_CLIENT_ID'),
        'client_secret' => '@@pp@@',
    ],
];
""", mc=S("mailchimp", mailchimp()), mg=S("mailgun", mailgun(new=True)), pp=S("paypal", paypal_secret())))

    emit(base + "includes/braintree.php", fill("""\
<?php
require_once __DIR__ . '/../vendor/autoload.php';

$gateway = new Braintree\\Gateway([
    'accessToken' => '@@bt@@',
]);

function create_client_token($gateway, $customerId = null) {
    $params = $customerId ? ['customerId' => $customerId] : [];
    return $gateway->clientToken()->generate($params);
}

$password = $_POST['password'] ?? '';
$token = bin2hex(random_bytes(16));
""", bt=S("braintree", braintree())))

    emit(base + ".htpasswd", fill("""\
admin:@@a@@
deploy:@@b@@
""", a=S("htpasswd", apr1_hash()), b=S("htpasswd", bcrypt_hash())))

    pdo_pw = pw()
    emit(base + "scripts/migrate.php", fill("""\
<?php
// one-off migration script, run from cron on web-01
$dsn = 'mysql:host=mysql-wp.@@dom@@;dbname=wp_northwind;charset=utf8mb4';
$pdo = new PDO($dsn, 'migrator', '@@pw@@', [
    PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
]);

$rows = $pdo->query('SELECT ID, post_title FROM wp_posts WHERE post_status = "draft"')->fetchAll();
foreach ($rows as $row) {
    echo $row['ID'], "\\t", $row['post_title'], PHP_EOL;
}
""", dom=DOMAIN, pw=S("generic", pdo_pw)))

    pk = [("laravel/framework", "v11.31.0"), ("braintree/braintree_php", "6.21.0"), ("guzzlehttp/guzzle", "7.9.2"),
          ("monolog/monolog", "3.8.0"), ("symfony/console", "v7.1.8")]
    packages = []
    for name, ver in pk:
        packages.append({"name": name, "version": ver,
                         "source": {"type": "git", "url": f"https://github.com/{name}.git", "reference": sha(40)},
                         "dist": {"type": "zip", "url": f"https://api.github.com/repos/{name}/zipball/{sha(40)}",
                                  "reference": sha(40), "shasum": ""},
                         "type": "library", "license": ["MIT"]})
    emit(base + "composer.lock", json.dumps({
        "_readme": ["This file locks the dependencies of your project to a known state",
                    "Read more about it at https://getcomposer.org/doc/01-basic-usage.md#installing-dependencies",
                    "This file is @generated automatically"],
        "content-hash": sha(32), "packages": packages, "packages-dev": [], "aliases": [],
        "minimum-stability": "stable", "plugin-api-version": "2.6.0"}, indent=4) + "\n")


def build_ruby():
    base = "services/ruby-worker/"
    emit(base + "config/initializers/stripe.rb", fill("""\
# frozen_string_literal: true

Rails.configuration.stripe = {
  publishable_key: ENV.fetch("STRIPE_PUBLISHABLE_KEY", "@@pk@@"),
  secret_key: ENV.fetch("STRIPE_SECRET_KEY") { "@@sk@@" }
}

Stripe.api_key = Rails.configuration.stripe[:secret_key]
Stripe.api_version = "2024-06-20"
Stripe.max_network_retries = 2
""", pk=stripe_pk(), sk=S("stripe", stripe("sk"))))

    dpw = pw()
    emit(base + "config/database.yml", fill("""\
default: &default
  adapter: postgresql
  encoding: unicode
  pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>

development:
  <<: *default
  database: worker_development
  username: postgres
  password:

production:
  <<: *default
  database: worker_production
  host: pg-worker.@@dom@@
  username: worker
  password: "@@pw@@"
""", dom=DOMAIN, pw=S("generic", dpw)))

    emit(base + "config/secrets.yml", fill("""\
# Be sure to restart your server when you modify this file.
development:
  secret_key_base: <%= ENV["SECRET_KEY_BASE"] %>

production:
  secret_key_base: @@skb@@
  sidekiq_web_password: <%= ENV["SIDEKIQ_WEB_PASSWORD"] %>
""", skb=S("generic", rs(HEX, 128))))

    emit(base + "lib/notifier.rb", fill("""\
# frozen_string_literal: true

require "net/http"
require "slack-ruby-client"

module Notifier
  TELEGRAM_BOT_TOKEN = "@@tg@@"
  TELEGRAM_CHAT_ID = -1001987654321

  Slack.configure do |config|
    config.token = "@@xoxb@@"
  end

  def self.telegram(text)
    uri = URI("https://api.telegram.org/bot#{TELEGRAM_BOT_TOKEN}/sendMessage")
    Net::HTTP.post_form(uri, chat_id: TELEGRAM_CHAT_ID, text: text)
  end

  def self.slack(text, channel: "#ops-alerts")
    Slack::Web::Client.new.chat_postMessage(channel: channel, text: text)
  end

  def self.auth_token
    @auth_token ||= ENV["NOTIFIER_AUTH_TOKEN"]
  end
end
""", tg=S("telegram", telegram()), xoxb=S("slack", slack("xoxb"))))

    emit(base + "scripts/pager.rb", fill("""\
#!/usr/bin/env ruby
# Fire a PagerDuty event when the nightly import fails.
require "json"
require "net/http"

ROUTING_KEY = "@@rk@@"
DISCORD_HOOK = "@@dh@@"

def trigger(summary)
  body = {
    routing_key: ROUTING_KEY,
    event_action: "trigger",
    payload: { summary: summary, source: "import-worker", severity: "error" }
  }
  Net::HTTP.post(URI("https://events.pagerduty.com/v2/enqueue"), body.to_json,
                 "Content-Type" => "application/json")
  Net::HTTP.post(URI(DISCORD_HOOK), { content: summary }.to_json, "Content-Type" => "application/json")
end

trigger(ARGV.join(" ")) if $PROGRAM_NAME == __FILE__
""", rk=S("pagerduty", rs(HEX, 32)), dh=S("discord", discord_webhook())))

    gems = [("actionpack", "7.2.2"), ("activesupport", "7.2.2"), ("pg", "1.5.9"), ("rack", "3.1.8"),
            ("sidekiq", "7.3.5"), ("slack-ruby-client", "2.4.0"), ("stripe", "13.1.1")]
    lines = ["GEM", "  remote: https://rubygems.org/", "  specs:"]
    for g, v in gems:
        lines.append(f"    {g} ({v})")
    lines += ["", "PLATFORMS", "  arm64-darwin-23", "  x86_64-linux", "", "DEPENDENCIES"]
    for g, v in gems:
        lines.append(f"  {g}")
    lines += ["", "CHECKSUMS"]
    for g, v in gems:
        lines.append(f"  {g} ({v}) sha256={sha(64)}")
    lines += ["", "BUNDLED WITH", "   2.5.22"]
    emit(base + "Gemfile.lock", "\n".join(lines))


def build_dotnet():
    base = "services/dotnet-api/"
    sql_pw = pw()
    acct = "nwstorage" + rs(LO + DG, 6)
    key = azure_storage_key()
    emit(base + "appsettings.json", json.dumps({
        "Logging": {"LogLevel": {"Default": "Information", "Microsoft.AspNetCore": "Warning"}},
        "AllowedHosts": "*",
        "ConnectionStrings": {
            "Default": f"Server=tcp:nw-sql-prod.database.windows.net,1433;Initial Catalog=orders;User ID=orders_app;Password={S('generic', sql_pw)};Encrypt=True;",
            "Blob": "DefaultEndpointsProtocol=https;AccountName=" + acct + ";AccountKey=" + S("azure-storage", key) + ";EndpointSuffix=core.windows.net",
        },
        "AzureAd": {"Instance": "https://login.microsoftonline.com/", "TenantId": ruuid(), "ClientId": ruuid(),
                    "ClientSecret": S("azure-ad", azure_ad_secret())},
        "SendGrid": {"ApiKey": S("sendgrid", sendgrid()), "FromAddress": "noreply@northwind-labs.io"},
        "Jwt": {"Issuer": "https://api.northwind-labs.io", "Audience": "northwind-clients", "ExpiryMinutes": 60},
    }, indent=2) + "\n")

    emit(base + "appsettings.Development.json", json.dumps({
        "ConnectionStrings": {
            "Default": "Server=localhost,1433;Database=orders;User Id=sa;Password=<YourStrong@Passw0rd>;TrustServerCertificate=True",
            "Blob": "UseDevelopmentStorage=true"},
        "AzureAd": {"ClientSecret": "", "ClientId": "00000000-0000-0000-0000-000000000000"},
        "SendGrid": {"ApiKey": "SG.your-sendgrid-api-key"},
        "Jwt": {"SigningKey": "${JWT_SIGNING_KEY}"},
    }, indent=2) + "\n")

    emit(base + "Program.cs", fill("""\
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

var builder = WebApplication.CreateBuilder(args);

// TODO: read from Key Vault
const string SigningKey = "@@jwtkey@@";

builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options =>
    {
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = builder.Configuration["Jwt:Issuer"],
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)),
        };
    });

var apiKey = Environment.GetEnvironmentVariable("ORDERS_API_KEY");
var password = builder.Configuration["Smtp:Password"];

var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok(new { status = "ok", version = "3.2.1" }));
app.Run();
""", jwtkey=S("generic", rs(AN, 48))))

    emit(base + "nuget.config", fill("""\
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
    <add key="northwind" value="https://pkgs.dev.azure.com/northwind/_packaging/internal/nuget/v3/index.json" />
  </packageSources>
  <packageSourceCredentials>
    <northwind>
      <add key="Username" value="build-agent" />
      <add key="ClearTextPassword" value="@@pat@@" />
    </northwind>
  </packageSourceCredentials>
</configuration>
""", pat=S("azure-devops", azure_devops_pat())))

    emit(base + "web.config", fill("""\
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <connectionStrings>
    <add name="Legacy" connectionString="Data Source=sql-legacy01;Initial Catalog=Orders;User ID=legacy_app;Password=@@pw@@" providerName="System.Data.SqlClient" />
  </connectionStrings>
  <appSettings>
    <add key="SendGridApiKey" value="@@sg@@" />
    <add key="Environment" value="Production" />
    <add key="SmtpPassword" value="#{SmtpPassword}#" />
    <add key="webpages:Version" value="3.0.0.0" />
  </appSettings>
  <system.web>
    <machineKey validationKey="@@vk@@" decryptionKey="@@dk@@" validation="HMACSHA256" decryption="AES" />
  </system.web>
</configuration>
""", pw=S("generic", pw()), sg=S("sendgrid", sendgrid()), vk=S("generic", rs(HEXU, 128)), dk=rs(HEXU, 64)))


def build_rust():
    base = "tools/nwctl/"
    emit(base + "src/main.rs", fill("""\
use std::env;

use reqwest::blocking::Client;
use serde::Deserialize;

// Linear API key for the issue-sync bot (personal key, rotate quarterly)
const LINEAR_API_KEY: &str = "@@lin@@";
const LINEAR_URL: &str = "https://api.linear.app/graphql";

#[derive(Deserialize, Debug)]
struct Viewer {
    id: String,
    name: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let figma_token = env::var("FIGMA_TOKEN").unwrap_or_else(|_| "@@fig@@".to_string());
    let client = Client::new();
    let resp = client
        .post(LINEAR_URL)
        .header("Authorization", LINEAR_API_KEY)
        .json(&serde_json::json!({ "query": "{ viewer { id name } }" }))
        .send()?;
    println!("{}", resp.status());
    let _ = figma_token;
    let token = env::var("NWCTL_TOKEN")?;
    println!("token length {}", token.len());
    Ok(())
}
""", lin=S("linear", linear()), fig=S("figma", figma())))

    emit(base + "src/config.rs", """\
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Config {
    pub api_url: String,
    pub api_token: Option<String>,
    pub password_file: Option<std::path::PathBuf>,
}

impl Config {
    pub fn from_env() -> Self {
        Config {
            api_url: std::env::var("NWCTL_API_URL").unwrap_or_else(|_| "https://api.northwind-labs.io".into()),
            api_token: std::env::var("NWCTL_TOKEN").ok(),
            password_file: std::env::var("NWCTL_PASSWORD_FILE").ok().map(Into::into),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn defaults() {
        let token = "<token>";
        assert_eq!(token.len(), 7);
    }
}
""")

    emit(base + "Cargo.toml", """\
[package]
name = "nwctl"
version = "0.4.2"
edition = "2021"
license = "MIT"

[dependencies]
reqwest = { version = "0.12", features = ["blocking", "json"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
clap = { version = "4.5", features = ["derive", "env"] }
""")
    crates_l = [("anyhow", "1.0.93"), ("bytes", "1.8.0"), ("clap", "4.5.21"), ("reqwest", "0.12.9"),
                ("serde", "1.0.215"), ("serde_json", "1.0.133"), ("tokio", "1.41.1"), ("url", "2.5.3")]
    out = ["# This file is automatically @generated by Cargo.", "# It is not intended for manual editing.",
           "version = 4", ""]
    for n, v in crates_l:
        out += ["[[package]]", f'name = "{n}"', f'version = "{v}"',
                'source = "registry+https://github.com/rust-lang/crates.io-index"', f'checksum = "{sha(64)}"', ""]
    out += ["[[package]]", 'name = "nwctl"', 'version = "0.4.2"']
    emit(base + "Cargo.lock", "\n".join(out))

    emit(base + ".cargo/config.toml", """\
[registries.northwind]
index = "sparse+https://cargo.northwind-labs.io/index/"
credential-provider = "cargo:token"

[net]
git-fetch-with-cli = true
""")


# ============================================================================
# scripts/ : shell, python, ruby, go, js helper scripts
# ============================================================================
def build_scripts():
    base = "scripts/"
    emit(base + "deploy.sh", fill("""\
#!/usr/bin/env bash
# Deploy all front-ends. Usage: ./scripts/deploy.sh [staging|production]
set -euo pipefail

ENV="${1:-staging}"
export HEROKU_API_KEY="@@hk@@"
export FLY_API_TOKEN="@@fly@@"

echo "deploying to ${ENV}"
git rev-parse HEAD   # e.g. 9f2c4e1a7b3d5f6e8a0c2b4d6f8e0a1c3b5d7f9e

heroku container:push web --app "northwind-api-${ENV}"
heroku container:release web --app "northwind-api-${ENV}"

flyctl deploy --app "nw-edge-${ENV}" --remote-only

vercel deploy --prod --token=@@vc@@ --yes
netlify deploy --prod --dir=dist --auth @@nf@@ --site 5d2f0c8e-41b7-4a5e-9c3d-1e2f3a4b5c6d

curl -fsS -X POST "https://api.northwind-labs.io/internal/deployments" \\
  -H "Authorization: Bearer ${DEPLOY_TOKEN}" \\
  -H "Content-Type: application/json" \\
  -d "{\\"env\\": \\"${ENV}\\", \\"sha\\": \\"$(git rev-parse HEAD)\\"}"
""", hk=S("heroku", heroku()), fly=S("flyio", fly()), vc=S("vercel", vercel()), nf=S("netlify", netlify())))

    pgpw = pw()
    mypw = pw()
    emit(base + "backup.sh", fill("""\
#!/bin/sh
# Nightly logical backups -> S3. Runs on bastion-01 via cron (see /etc/cron.d/backup).
set -e

STAMP=$(date +%Y%m%dT%H%M%S)
export AWS_ACCESS_KEY_ID=@@akid@@
export AWS_SECRET_ACCESS_KEY=@@asec@@
export AWS_DEFAULT_REGION=us-east-1

PGPASSWORD='@@pgpw@@' pg_dump -h pg-billing.@@dom@@ -U backup -Fc billing > "/tmp/billing-${STAMP}.dump"
mysqldump --host=mysql-wp.@@dom@@ --user=backup --password='@@mypw@@' --single-transaction wp_northwind | gzip > "/tmp/wp-${STAMP}.sql.gz"

aws s3 cp "/tmp/billing-${STAMP}.dump" "s3://northwind-backups/billing/"
aws s3 cp "/tmp/wp-${STAMP}.sql.gz" "s3://northwind-backups/wp/"
# restic -r s3:s3.amazonaws.com/northwind-restic --password-file /etc/restic/password backup /srv
rm -f /tmp/*.dump /tmp/*.sql.gz
""", akid=S("aws", aws_id()), asec=S("aws", aws_secret()), pgpw=S("generic", pgpw), mypw=S("generic", mypw), dom=DOMAIN))

    emit(base + "rotate_keys.py", fill('''\
#!/usr/bin/env python3
"""Rotate service credentials stored in Vault and sync them to Doppler.

Run manually by the on-call engineer. Needs VAULT_ADDR.
"""
import os
import secrets

import hvac
import requests

VAULT_ADDR = os.environ.get("VAULT_ADDR", "https://vault.northwind-labs.io:8200")
VAULT_TOKEN = "@@vt@@"
DOPPLER_TOKEN = "@@dp@@"


def new_password(length: int = 32) -> str:
    return secrets.token_urlsafe(length)


def rotate(path: str) -> None:
    client = hvac.Client(url=VAULT_ADDR, token=VAULT_TOKEN)
    password = new_password()
    client.secrets.kv.v2.create_or_update_secret(path=path, secret={"password": password})
    requests.post(
        "https://api.doppler.com/v3/configs/config/secrets",
        auth=(DOPPLER_TOKEN, ""),
        json={"project": "backend", "config": "prd", "secrets": {path.upper(): password}},
        timeout=10,
    ).raise_for_status()


if __name__ == "__main__":
    for p in ("billing/db", "payments/db", "worker/redis"):
        rotate(p)
''', vt=S("vault", vault()), dp=S("doppler", doppler("st"))))

    emit(base + "publish.sh", fill("""\
#!/usr/bin/env bash
# Publish all packages for a release. Tokens below belong to the release bot.
set -euo pipefail
VERSION="$(cat VERSION)"   # 2.14.0

# python
python -m build
twine upload -u __token__ -p @@pypi@@ dist/*

# ruby
GEM_HOST_API_KEY=@@gem@@ gem push "pkg/northwind-${VERSION}.gem"

# .NET
dotnet nuget push "bin/Release/Northwind.Client.${VERSION}.nupkg" --api-key @@nuget@@ --source https://api.nuget.org/v3/index.json

# rust
cargo publish --token @@cio@@

# container
echo "@@dck@@" | docker login -u northwindbot --password-stdin
docker push northwind/api:"${VERSION}"

# never do this:  docker login -p "$DOCKER_PASSWORD"
""", pypi=S("pypi", pypi()), gem=S("rubygems", rubygems()), nuget=S("nuget", nuget()),
        cio=S("crates", crates()), dck=S("dockerhub", dockerhub())))

    emit(base + "sync_issues.py", fill('''\
"""Mirror Jira issues into Linear and Notion. Owner: @svolkova"""
import base64
import os

import requests

JIRA_URL = "https://northwind.atlassian.net"
JIRA_EMAIL = "svolkova@northwind-labs.io"
JIRA_API_TOKEN = "@@atl@@"
NOTION_TOKEN = "@@ntn@@"
NOTION_DB = "1a2f3e4d5c6b47a89b0c1d2e3f4a5b6c"
LINEAR_KEY = os.environ.get("LINEAR_API_KEY")


def jira_headers():
    raw = f"{JIRA_EMAIL}:{JIRA_API_TOKEN}".encode()
    return {"Authorization": "Basic " + base64.b64encode(raw).decode(), "Accept": "application/json"}


def notion_headers():
    return {"Authorization": f"Bearer {NOTION_TOKEN}", "Notion-Version": "2022-06-28"}


def fetch_jira(jql: str):
    r = requests.get(f"{JIRA_URL}/rest/api/3/search", params={"jql": jql}, headers=jira_headers(), timeout=30)
    r.raise_for_status()
    return r.json()["issues"]
''', atl=S("atlassian", atlassian()), ntn=S("notion", notion(new=True))))

    emit(base + "load_tracking.js", fill("""\
// Push deploy markers + custom metrics to observability backends.
const axios = require('axios');

const NEW_RELIC_USER_KEY = 'NRAK-' + process.env.NR_SUFFIX; // built at runtime, not a key
const NR_API_KEY = '@@nr@@';
const DD_API_KEY = '@@dd@@';
const DD_APP_KEY = '@@ddapp@@';
const GRAFANA_TOKEN = '@@glsa@@';

async function deployMarker(sha) {
  await axios.post('https://api.newrelic.com/graphql', {
    query: `mutation { changeTrackingCreateDeployment(deployment: {version: "${sha}", entityGuid: "MzI4NTU2M3xBUE18QVBQTElDQVRJT058NTg5MjEzNzA"}) { deploymentId } }`,
  }, { headers: { 'API-Key': NR_API_KEY } });

  await axios.post('https://api.datadoghq.com/api/v1/events', {
    title: `deploy ${sha}`, text: 'web deploy', tags: ['service:web'],
  }, { headers: { 'DD-API-KEY': DD_API_KEY, 'DD-APPLICATION-KEY': DD_APP_KEY } });

  await axios.post('https://grafana.northwind-labs.io/api/annotations',
    { text: `deploy ${sha}`, tags: ['deploy'] },
    { headers: { Authorization: `Bearer ${GRAFANA_TOKEN}` } });
}

module.exports = { deployMarker };
""", nr=S("newrelic", newrelic("NRAK")), dd=S("datadog", datadog_api()), ddapp=S("datadog", datadog_app()),
        glsa=S("grafana", grafana_sa())))

    cf_email = "ops@northwind-labs.io"
    emit(base + "cloudflare_purge.sh", fill("""\
#!/usr/bin/env bash
# Purge the CDN cache for a list of URLs.
ZONE_ID="3c1f9a7e5b2d4f6a8c0e1b3d5f7a9c2e"
CF_API_TOKEN="@@tok@@"

curl -sX POST "https://api.cloudflare.com/client/v4/zones/${ZONE_ID}/purge_cache" \\
  -H "Authorization: Bearer ${CF_API_TOKEN}" \\
  -H "Content-Type: application/json" \\
  --data '{"files":["https://shop.northwind-labs.io/"]}'

# legacy global key, still used by the DNS job
curl -s "https://api.cloudflare.com/client/v4/zones/${ZONE_ID}/dns_records" \\
  -H "X-Auth-Email: @@em@@" \\
  -H "X-Auth-Key: @@gk@@"
""", tok=S("cloudflare", cloudflare_token()), em=cf_email, gk=S("cloudflare", cloudflare_global())))

    emit(base + "admin_cli.go", fill("""\
package main

import (
	"fmt"
	"net/http"
	"os"
)

const (
	oktaOrg      = "https://northwind.okta.com"
	oktaAPIToken = "@@okta@@"

	auth0Domain       = "northwind.us.auth0.com"
	auth0ClientID     = "k3Jd9XqP2mVbR7tLw5NcHf8Ys1Ga4UeZ"
	auth0ClientSecret = "@@a0@@"
)

func listUsers() (*http.Response, error) {
	req, _ := http.NewRequest("GET", oktaOrg+"/api/v1/users?limit=25", nil)
	req.Header.Set("Authorization", "SSWS "+oktaAPIToken)
	return http.DefaultClient.Do(req)
}

func main() {
	token := os.Getenv("ADMIN_TOKEN")
	if token == "" {
		fmt.Fprintln(os.Stderr, "ADMIN_TOKEN not set")
		os.Exit(1)
	}
	resp, err := listUsers()
	if err != nil {
		panic(err)
	}
	fmt.Println(resp.Status)
}
""", okta=S("okta", okta()), a0=S("auth0", auth0_secret())))

    emit(base + "notify_release.rb", fill("""\
#!/usr/bin/env ruby
require "net/http"
require "json"

# Posts release notes to #releases and the community Discord.
SLACK_HOOK = ENV.fetch("SLACK_RELEASE_HOOK")
DISCORD_BOT_TOKEN = "@@bot@@"
CHANNEL_ID = "1187654321098765432"

def post_discord(text)
  uri = URI("https://discord.com/api/v10/channels/#{CHANNEL_ID}/messages")
  req = Net::HTTP::Post.new(uri, "Authorization" => "Bot #{DISCORD_BOT_TOKEN}", "Content-Type" => "application/json")
  req.body = { content: text }.to_json
  Net::HTTP.start(uri.host, uri.port, use_ssl: true) { |h| h.request(req) }
end

post_discord("Released #{ARGV[0]}")
""", bot=S("discord", discord_bot())))

    emit(base + "seed_users.sql", fill("""\
-- bootstrap roles for the analytics warehouse
CREATE ROLE analyst NOLOGIN;
CREATE USER metabase WITH PASSWORD '@@pw1@@';
GRANT analyst TO metabase;
CREATE USER airflow WITH ENCRYPTED PASSWORD '@@pw2@@';
ALTER USER readonly WITH PASSWORD :'readonly_password';
-- CREATE USER tmp WITH PASSWORD 'password';
INSERT INTO feature_flags (id, name, enabled) VALUES ('5f0e9d8c-7b6a-4c5d-8e4f-3a2b1c0d9e8f', 'new_checkout', true);
""", pw1=S("generic", pw()), pw2=S("generic", pw())))

    emit(base + "lib/common.sh", """\
#!/usr/bin/env bash
# Shared helpers. No secrets in here -- everything comes from the environment.
: "${API_TOKEN:?API_TOKEN must be set}"
: "${DB_PASSWORD:=}"

api() {
  curl -fsS -H "Authorization: Bearer ${API_TOKEN}" "https://api.northwind-labs.io$1"
}

read_secret() {
  local name="$1"
  aws secretsmanager get-secret-value --secret-id "prod/${name}" --query SecretString --output text
}

DB_PASSWORD="$(read_secret db-password)"
GITHUB_TOKEN=$(gh auth token)
export PASSWORD_STORE_DIR="$HOME/.password-store"
""")


# ============================================================================
# infra/ : terraform, kubernetes, helm, ansible, docker, nginx, monitoring
# ============================================================================
def build_terraform():
    base = "infra/terraform/"
    emit(base + "main.tf", fill("""\
terraform {
  required_version = ">= 1.6"
  required_providers {
    aws          = { source = "hashicorp/aws", version = "~> 5.70" }
    cloudflare   = { source = "cloudflare/cloudflare", version = "~> 4.44" }
    digitalocean = { source = "digitalocean/digitalocean", version = "~> 2.43" }
  }
}

provider "aws" {
  region     = "us-east-1"
  access_key = "@@akid@@"
  secret_key = "@@asec@@"
}

provider "cloudflare" {
  api_token = "@@cf@@"
}

provider "digitalocean" {
  token = "@@do@@"
}

resource "aws_s3_bucket" "backups" {
  bucket = "northwind-backups"
  tags = {
    Owner = "platform"
  }
}

resource "aws_iam_access_key" "ci" {
  user = aws_iam_user.ci.name
}

output "ci_secret" {
  value     = aws_iam_access_key.ci.secret
  sensitive = true
}
""", akid=S("aws", aws_id()), asec=S("aws", aws_secret()), cf=S("cloudflare", cloudflare_token()),
        do=S("digitalocean", digitalocean("dop"))))

    emit(base + "variables.tf", fill("""\
variable "environment" {
  type    = string
  default = "production"
}

variable "db_password" {
  description = "Master password for the RDS cluster"
  type        = string
  sensitive   = true
  default     = "@@dbpw@@"
}

variable "admin_password" {
  description = "Grafana admin password"
  type        = string
  sensitive   = true
}

variable "api_token" {
  type    = string
  default = ""
}

variable "ssh_public_key" {
  type    = string
  default = "@@ssh@@"
}
""", dbpw=S("generic", pw()), ssh=ssh_pub("ed25519", "platform@northwind")))

    emit(base + "terraform.tfvars", fill("""\
environment      = "production"
datadog_api_key  = "@@dd@@"
datadog_app_key  = "@@ddapp@@"
pagerduty_token  = "@@pd@@"
github_token     = "@@gh@@"
alert_email      = "oncall@northwind-labs.io"
instance_count   = 3
""", dd=S("datadog", datadog_api()), ddapp=S("datadog", datadog_app()), pd=S("pagerduty", pagerduty()),
        gh=S("github", gh("ghp"))))

    emit(base + "alicloud.tf", fill("""\
provider "alicloud" {
  access_key = "@@id@@"
  secret_key = "@@sec@@"
  region     = "cn-hangzhou"
}

resource "alicloud_oss_bucket" "assets" {
  bucket = "northwind-assets-cn"
  acl    = "private"
}
""", id=S("alibaba", alibaba_id()), sec=S("alibaba", alibaba_secret())))

    emit(base + "backend.tf", """\
terraform {
  cloud {
    organization = "northwind"
    workspaces {
      name = "prod-core"
    }
  }
}

data "aws_secretsmanager_secret_version" "db" {
  secret_id = "prod/db-password"
}

locals {
  db_password = data.aws_secretsmanager_secret_version.db.secret_string
  api_token   = var.api_token
}
""")

    emit(base + "snowflake.tf", fill("""\
provider "snowflake" {
  organization_name = "NWLABS"
  account_name      = "PROD_EU"
  user              = "TERRAFORM_SVC"
  password          = "@@pw@@"
  role              = "SYSADMIN"
}

resource "snowflake_database" "analytics" {
  name = "ANALYTICS"
}
""", pw=S("snowflake", pw())))

    hl = []
    for prov, ver in (("hashicorp/aws", "5.74.0"), ("cloudflare/cloudflare", "4.45.0"),
                      ("digitalocean/digitalocean", "2.43.0"), ("aliyun/alicloud", "1.235.0")):
        hl += [f'provider "registry.terraform.io/{prov}" {{', f'  version     = "{ver}"',
               f'  constraints = "~> {ver.rsplit(".", 1)[0]}"', "  hashes = ["]
        hl.append(f'    "h1:{b64(rbytes(32))}",')
        for _ in range(4):
            hl.append(f'    "zh:{sha(64)}",')
        hl += ["  ]", "}", ""]
    emit(base + ".terraform.lock.hcl", "# This file is maintained automatically by \"terraform init\".\n"
         "# Manual edits may be lost in future updates.\n\n" + "\n".join(hl))


def k8s_secret(name, ns, data=None, string_data=None, stype="Opaque"):
    out = ["apiVersion: v1", "kind: Secret", "metadata:", f"  name: {name}", f"  namespace: {ns}",
           "  labels:", f"    app.kubernetes.io/part-of: northwind", f"type: {stype}"]
    if data:
        out.append("data:")
        out += [f"  {k}: {v}" for k, v in data]
    if string_data:
        out.append("stringData:")
        out += [f"  {k}: {v}" for k, v in string_data]
    return "\n".join(out) + "\n"


def build_k8s():
    base = "infra/k8s/"
    dbpw = pw()
    emit(base + "secrets/db-credentials.yaml", k8s_secret("db-credentials", "billing", data=[
        ("username", b64("billing_app")),
        ("password", S("generic", b64(dbpw))),
        ("host", b64("pg-billing.northwind-labs.io")),
        ("port", b64("5432")),
    ]))

    emit(base + "secrets/api-keys.yaml", k8s_secret("api-keys", "chatbot", string_data=[
        ("OPENAI_API_KEY", S("openai", openai("proj"))),
        ("ANTHROPIC_API_KEY", '"' + S("anthropic", anthropic()) + '"'),
        ("STRIPE_SECRET_KEY", S("stripe", stripe("sk"))),
        ("SENDGRID_API_KEY", S("sendgrid", sendgrid())),
        ("LOG_LEVEL", "info"),
    ]))

    sk_raw = stripe("rk")
    gem_raw = gemini()
    emit(base + "secrets/payments-secrets.yaml", k8s_secret("payments", "payments", data=[
        ("STRIPE_RESTRICTED_KEY", S("stripe", b64(sk_raw))),
        ("GOOGLE_API_KEY", S("google-ai", b64(gem_raw))),
        ("ENVIRONMENT", b64("production")),
        ("FEATURE_FLAGS", b64("checkout_v2,apple_pay")),
    ]))

    reg_auth = b64("northwindbot:" + dockerhub())
    dcj = json.dumps({"auths": {"https://index.docker.io/v1/": {"auth": reg_auth}}}, separators=(",", ":"))
    emit(base + "secrets/regcred.yaml", k8s_secret("regcred", "default", data=[
        (".dockerconfigjson", S("docker-config", b64(dcj)))], stype="kubernetes.io/dockerconfigjson"))

    key_lines, _ = pem("RSA")
    key_b64 = b64("\n".join(key_lines) + "\n")
    crt_b64 = b64("\n".join(cert_pem()) + "\n")
    emit(base + "secrets/tls.yaml", k8s_secret("shop-tls", "web", data=[
        ("tls.crt", crt_b64), ("tls.key", S("private-key", key_b64))], stype="kubernetes.io/tls"))

    xoxb = slack("xoxb")
    emit(base + "deployment.yaml", fill("""\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: notifier
  namespace: ops
  uid: 6f1d2c3b-4a59-4e8d-9c7b-6a5f4e3d2c1b
spec:
  replicas: 2
  selector:
    matchLabels:
      app: notifier
  template:
    metadata:
      labels:
        app: notifier
      annotations:
        checksum/config: @@chk@@
    spec:
      containers:
        - name: notifier
          image: ghcr.io/northwind/notifier@sha256:@@dig@@
          env:
            - name: SLACK_BOT_TOKEN
              value: "@@xoxb@@"
            - name: DATABASE_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: db-credentials
                  key: password
            - name: API_TOKEN
              valueFrom:
                secretKeyRef: {name: api-keys, key: NOTIFIER_TOKEN}
            - name: NEW_RELIC_LICENSE_KEY
              value: @@nral@@
            - name: LOG_FORMAT
              value: json
          resources:
            limits: {cpu: 500m, memory: 256Mi}
""", chk=sha(64), dig=sha(64), xoxb=S("slack", xoxb), nral=S("newrelic", newrelic("NRAL"))))

    emit(base + "configmap.yaml", fill("""\
apiVersion: v1
kind: ConfigMap
metadata:
  name: chatbot-config
  namespace: chatbot
data:
  DEFAULT_MODEL: gpt-4o-mini
  OPENAI_BASE_URL: https://api.openai.com/v1
  PINECONE_INDEX: docs-prod
  TOKEN_ENDPOINT: https://auth.northwind-labs.io/oauth2/token
  PASSWORD_MIN_LENGTH: "12"
  api_key_header: X-Api-Key
  secret_name: chatbot-api-keys
binaryData:
  welcome.txt: @@wel@@
  motd.txt: @@motd@@
""", wel=b64("Welcome to the Northwind support assistant! How can I help you today?\n"),
        motd=b64("Scheduled maintenance window: Sundays 02:00-04:00 UTC.\n")))

    sa_jwt = jwt("RS256", {"iss": "kubernetes/serviceaccount", "kubernetes.io/serviceaccount/namespace": "ci",
                           "kubernetes.io/serviceaccount/service-account.name": "deployer",
                           "sub": "system:serviceaccount:ci:deployer"})
    ck_lines, _ = pem("EC")
    ck_b64 = b64("\n".join(ck_lines) + "\n")
    emit(base + "kubeconfig-ci.yaml", fill("""\
apiVersion: v1
kind: Config
clusters:
  - name: prod-eks
    cluster:
      server: https://3F9A2C1D7E8B6C5A.gr7.us-east-1.eks.amazonaws.com
      certificate-authority-data: @@ca@@
contexts:
  - name: deployer@prod-eks
    context: {cluster: prod-eks, user: deployer, namespace: ci}
  - name: admin@staging
    context: {cluster: prod-eks, user: admin-cert}
current-context: deployer@prod-eks
users:
  - name: deployer
    user:
      token: @@tok@@
  - name: admin-cert
    user:
      client-certificate-data: @@crt@@
      client-key-data: @@ck@@
""", ca=b64("\n".join(cert_pem()) + "\n"), tok=S("jwt", sa_jwt), crt=b64("\n".join(cert_pem()) + "\n"),
        ck=S("private-key", ck_b64)))


def build_helm():
    base = "infra/helm/chatbot/"
    emit(base + "values.yaml", """\
# Default values for chatbot.
replicaCount: 1
image:
  repository: ghcr.io/northwind/chatbot
  tag: ""
  pullPolicy: IfNotPresent

secrets:
  openaiApiKey: ""
  anthropicApiKey: ""
  postgresPassword: changeme
  redisPassword: "changeme"
  # set via --set secrets.openaiApiKey=$OPENAI_API_KEY

postgresql:
  auth:
    username: chatbot
    password: ""
    existingSecret: chatbot-postgres

ingress:
  enabled: true
  hosts:
    - host: chat.northwind-labs.io
      paths: [{path: /, pathType: Prefix}]
""")

    rpw = pw()
    emit(base + "values-prod.yaml", fill("""\
replicaCount: 3
image:
  tag: "0.7.3"

secrets:
  openaiApiKey: @@oa@@
  anthropicApiKey: "@@ant@@"
  postgresPassword: "@@pg@@"
  redisPassword: @@rd@@
  langsmithApiKey: @@ls@@

postgresql:
  auth:
    password: "@@pg@@"

resources:
  limits:
    cpu: "1"
    memory: 1Gi
""", oa=S("openai", openai("proj")), ant=S("anthropic", anthropic()), pg=S("generic", pw()),
        rd=S("generic", rpw), ls=S("langsmith", langsmith("sk"))))

    emit(base + "templates/secret.yaml", """\
apiVersion: v1
kind: Secret
metadata:
  name: {{ include "chatbot.fullname" . }}
  labels:
    {{- include "chatbot.labels" . | nindent 4 }}
type: Opaque
data:
  OPENAI_API_KEY: {{ .Values.secrets.openaiApiKey | b64enc | quote }}
  ANTHROPIC_API_KEY: {{ .Values.secrets.anthropicApiKey | b64enc | quote }}
  POSTGRES_PASSWORD: {{ required "postgresPassword is required" .Values.secrets.postgresPassword | b64enc }}
  REDIS_PASSWORD: {{ .Values.secrets.redisPassword | b64enc }}
""")

    emit(base + "Chart.yaml", """\
apiVersion: v2
name: chatbot
description: Northwind support chatbot
type: application
version: 0.9.1
appVersion: "0.7.3"
dependencies:
  - name: postgresql
    version: 15.5.38
    repository: oci://registry-1.docker.io/bitnamicharts
""")
    emit(base + "Chart.lock", fill("""\
dependencies:
- name: postgresql
  repository: oci://registry-1.docker.io/bitnamicharts
  version: 15.5.38
digest: sha256:@@d@@
generated: "2024-10-21T09:14:52.118374+02:00"
""", d=sha(64)))


def build_ansible_docker():
    emit("infra/ansible/group_vars/all.yml", fill("""\
---
ntp_servers: [0.pool.ntp.org, 1.pool.ntp.org]
mysql_root_password: "@@root@@"
mysql_replication_user: repl
mysql_replication_password: "{{ vault_mysql_replication_password }}"
rabbitmq_default_user: northwind
rabbitmq_default_pass: @@rmq@@
grafana_admin_password: "{{ lookup('env', 'GRAFANA_ADMIN_PASSWORD') }}"
deploy_user_password_hash: "@@hash@@"
app_secret_key: !vault |
  $ANSIBLE_VAULT;1.1;AES256
  @@v1@@
  @@v2@@
""", root=S("generic", pw()), rmq=S("generic", pw()), hash=S("shadow-hash", sha512crypt()),
        v1=rs(DG + "abcdef", 64), v2=rs(DG + "abcdef", 64)))

    emit("infra/ansible/inventory.ini", fill("""\
[web]
web-01.@@dom@@ ansible_host=10.20.1.11
web-02.@@dom@@ ansible_host=10.20.1.12

[db]
db-01.@@dom@@ ansible_host=10.20.2.21 ansible_user=admin ansible_ssh_pass=@@ssh@@ ansible_become_pass=@@bec@@

[all:vars]
ansible_python_interpreter=/usr/bin/python3
ansible_ssh_private_key_file=~/.ssh/northwind_deploy
""", dom=DOMAIN, ssh=S("generic", pw(18, url_safe=True)), bec=pw(18, url_safe=True)))

    emit("infra/docker/api.Dockerfile", fill("""\
# syntax=docker/dockerfile:1.7
FROM node:20-bookworm-slim AS deps
WORKDIR /app
ARG NPM_TOKEN
ENV NPM_TOKEN=@@npm@@
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
ENV NODE_ENV=production \\
    PORT=3000
# secret mounted at build time instead:
# RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
USER node
CMD ["node", "server.js"]
""", npm=S("npm", npm())))

    mpw = pw(url_safe=True)
    emit("docker-compose.yml", fill("""\
name: northwind
services:
  postgres:
    image: postgres:16
    environment:
      - POSTGRES_USER=northwind
      - POSTGRES_PASSWORD=@@pg@@
    ports: ["5432:5432"]

  rabbitmq:
    image: rabbitmq:3.13-management
    environment:
      RABBITMQ_DEFAULT_USER: northwind
      RABBITMQ_DEFAULT_PASS: ${RABBITMQ_PASSWORD}

  minio:
    image: minio/minio:RELEASE.2024-10-13T13-34-11Z
    command: server /data --console-address ":9001"
    environment:
      MINIO_ROOT_USER: minioadmin
      MINIO_ROOT_PASSWORD: @@minio@@

  worker:
    build: ./services/ruby-worker
    environment:
      AMQP_URL: amqp://northwind:@@amqp@@@rabbitmq:5672/%2f
      REDIS_URL: redis://redis:6379/1
      SECRET_KEY_BASE: ${SECRET_KEY_BASE:?must be set}
""", pg=S("generic", pw()), minio=S("generic", pw()),
        amqp=S("uri-credentials", mpw, needle=f"northwind:{mpw}@")))

    emit("docker-compose.override.yml", """\
services:
  postgres:
    environment:
      - POSTGRES_PASSWORD=${POSTGRES_PASSWORD:-postgres}
  minio:
    environment:
      MINIO_ROOT_PASSWORD: ${MINIO_ROOT_PASSWORD}
  worker:
    environment:
      STRIPE_SECRET_KEY: ${STRIPE_SECRET_KEY}
      OPENAI_API_KEY: "${OPENAI_API_KEY}"
""")

    emit("infra/nginx/nginx.conf", """\
user nginx;
worker_processes auto;

events { worker_connections 1024; }

http {
    server {
        listen 443 ssl http2;
        server_name shop.northwind-labs.io;
        ssl_certificate     /etc/nginx/ssl/server.crt;
        ssl_certificate_key /etc/nginx/ssl/server.key;
        ssl_session_tickets off;

        location / {
            proxy_pass http://web:3000;
            proxy_set_header Authorization $http_authorization;
            proxy_set_header X-Request-Id $request_id;
        }

        location /admin {
            auth_basic "restricted";
            auth_basic_user_file /etc/nginx/.htpasswd;
        }
    }
}
""")
    emit("infra/nginx/ssl/server.crt", "\n".join(cert_pem()) + "\n" + "\n".join(cert_pem()))
    emit("infra/nginx/ssl/server.key", SP("private-key", "PKCS8"))
    emit("infra/nginx/ssl/jwt-public.pem", "\n".join(pubkey_pem()))


def build_monitoring():
    base = "infra/monitoring/"
    emit(base + "grafana.ini", _grafana_ini())

    emit(base + "prometheus.yml", fill("""\
global:
  scrape_interval: 30s

scrape_configs:
  - job_name: node
    static_configs:
      - targets: ["10.20.1.11:9100", "10.20.1.12:9100"]
  - job_name: rabbitmq
    basic_auth:
      username: prometheus
      password: @@bp@@
    static_configs:
      - targets: ["rabbitmq:15692"]
  - job_name: blackbox
    authorization:
      type: Bearer
      credentials: @@bt@@
    static_configs:
      - targets: ["https://shop.northwind-labs.io"]
  - job_name: federated
    basic_auth:
      username: prometheus
      password_file: /etc/prometheus/federate.pw

remote_write:
  - url: https://prometheus-prod-13-prod-us-east-0.grafana.net/api/prom/push
    basic_auth:
      username: "1284756"
      password: @@glc@@
""", bp=S("generic", pw()), bt=S("generic", rs(AN, 40)), glc=S("grafana", grafana_cloud())))

    emit(base + "alertmanager.yml", fill("""\
global:
  resolve_timeout: 5m
  slack_api_url: '@@hook@@'
  smtp_smarthost: 'smtp.sendgrid.net:587'
  smtp_from: 'alerts@northwind-labs.io'
  smtp_auth_username: 'apikey'
  smtp_auth_password: '@@sg@@'

route:
  receiver: oncall
  group_by: [alertname, cluster]

receivers:
  - name: oncall
    pagerduty_configs:
      - routing_key: @@pd@@
        severity: critical
    slack_configs:
      - channel: '#alerts'
        send_resolved: true
  - name: team-web
    webhook_configs:
      - url: http://alert-proxy.ops.svc:8080/hook
        http_config:
          authorization:
            credentials_file: /etc/alertmanager/webhook-token
""", hook=S("slack", slack_webhook()), sg=S("sendgrid", sendgrid()), pd=S("pagerduty", rs(HEX, 32))))


def _grafana_ini():
    pm_tok = ruuid()
    return fill("""\
[server]
root_url = https://grafana.northwind-labs.io/

[security]
admin_user = admin
admin_password = @@adm@@
secret_key = @@sk@@
cookie_secure = true

[auth.github]
enabled = true
client_id = Iv1.8a61f9b3a7aba766
client_secret = @@ghs@@
allowed_organizations = northwind

[smtp]
enabled = true
host = smtp.postmarkapp.com:587
user = @@pm@@
password = @@pm@@
from_address = grafana@northwind-labs.io
""", adm=S("generic", pw()), sk=S("generic", rs(AN, 32)), ghs=S("generic", rs(HEX, 40)),
        pm=S("postmark", pm_tok))


# ============================================================================
# CI / CD
# ============================================================================
def build_ci():
    emit(".github/workflows/ci.yml", fill("""\
name: CI
on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read

jobs:
  test:
    runs-on: ubuntu-latest
    env:
      OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}
      DATABASE_URL: postgres://postgres:postgres@localhost:5432/ci
    services:
      postgres:
        image: postgres:16
        env:
          POSTGRES_PASSWORD: postgres
        ports: ["5432:5432"]
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - uses: actions/setup-node@39370e3970a6d050c480ffad4ff0ed4d3fdee5af # v4.1.0
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npm test -- --coverage
      - name: Comment coverage
        env:
          GH_TOKEN: @@gh@@
        run: gh pr comment ${{ github.event.pull_request.number }} --body-file coverage.md
      - name: Upload coverage
        uses: codecov/codecov-action@v4
        with:
          token: ${{ secrets.CODECOV_TOKEN }}
""", gh=S("github", gh("ghp"))))

    emit(".github/workflows/deploy.yml", fill("""\
name: Deploy
on:
  workflow_dispatch:
  push:
    tags: ["v*"]

jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: production
    steps:
      - uses: actions/checkout@v4
      - name: Configure AWS credentials
        uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: @@akid@@
          aws-secret-access-key: @@asec@@
          aws-region: us-east-1
      - name: Login to Docker Hub
        run: docker login -u northwindbot -p @@dck@@
      - name: Build & push
        run: |
          docker build -t northwind/api:${GITHUB_REF_NAME} .
          docker push northwind/api:${GITHUB_REF_NAME}
      - name: Deploy to Fly
        run: flyctl deploy --remote-only
        env:
          FLY_API_TOKEN: ${{ secrets.FLY_API_TOKEN }}
      - name: Notify
        run: |
          curl -X POST -H 'Content-type: application/json' \\
            --data '{"text":"Deployed ${{ github.ref_name }}"}' \\
            @@hook@@
""", akid=S("aws", aws_id()), asec=S("aws", aws_secret()), dck=S("dockerhub", dockerhub()),
        hook=S("slack", slack_webhook())))

    emit(".github/workflows/release.yml", fill("""\
name: Release
on:
  release:
    types: [published]

jobs:
  npm:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          registry-url: https://registry.npmjs.org
      - run: npm publish --access public
        env:
          NODE_AUTH_TOKEN: @@npm@@
  pypi:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: actions/checkout@v4
      - run: pipx run build
      - uses: pypa/gh-action-pypi-publish@release/v1
        with:
          password: ${{ secrets.PYPI_API_TOKEN }}
  app-token:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/create-github-app-token@v1
        id: app
        with:
          app-id: 1048576
          private-key: ${{ secrets.RELEASE_APP_KEY }}
      - run: gh release upload "$TAG" dist/* --clobber
        env:
          GH_TOKEN: ${{ steps.app.outputs.token }}
          # temporary debugging, remove!
          FALLBACK_TOKEN: @@ghs@@
""", npm=S("npm", npm()), ghs=S("github", gh("ghs"))))

    emit(".gitlab-ci.yml", fill("""\
stages: [build, test, deploy]

variables:
  DOCKER_DRIVER: overlay2
  GITLAB_TOKEN: @@glpat@@
  SONAR_HOST_URL: https://sonar.northwind-labs.io
  SONAR_TOKEN: $SONAR_TOKEN
  DEPLOY_TOKEN_USER: gitlab+deploy-token-42
  DEPLOY_TOKEN_PASSWORD: @@gldt@@

build:
  stage: build
  image: docker:27
  script:
    - echo "$CI_REGISTRY_PASSWORD" | docker login -u "$CI_REGISTRY_USER" --password-stdin "$CI_REGISTRY"
    - docker build -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA" .

trigger-downstream:
  stage: deploy
  script:
    - curl -X POST --fail -F token=@@glptt@@ -F ref=main https://gitlab.com/api/v4/projects/48213377/trigger/pipeline

register-runner:
  stage: deploy
  when: manual
  script:
    - gitlab-runner register --non-interactive --url https://gitlab.com/ --registration-token @@gr@@ --executor docker
""", glpat=S("gitlab", gitlab("glpat")), gldt=S("gitlab", gitlab("gldt")), glptt=S("gitlab", gitlab("glptt")),
        gr=S("gitlab", gitlab("GR"))))

    emit(".circleci/config.yml", fill("""\
version: 2.1
orbs:
  heroku: circleci/heroku@2.0.0

jobs:
  build:
    docker:
      - image: cimg/python:3.12
        auth:
          username: northwindbot
          password: $DOCKERHUB_PASSWORD
      - image: cimg/postgres:16.4
        environment:
          POSTGRES_USER: circleci
          POSTGRES_PASSWORD: ""
    environment:
      HEROKU_APP_NAME: northwind-api-staging
      DATABRICKS_HOST: https://dbc-7f3a2c1e-9b4d.cloud.databricks.com
      DATABRICKS_TOKEN: @@dapi@@
    steps:
      - checkout
      - run: pip install -r requirements.txt
      - run: pytest -q

workflows:
  main:
    jobs: [build]
""", dapi=S("databricks", databricks())))

    bpw = bitbucket()
    emit("bitbucket-pipelines.yml", fill("""\
image: atlassian/default-image:4

pipelines:
  branches:
    main:
      - step:
          name: Mirror to Bitbucket backup
          script:
            - git push https://northwind-ci:@@bb@@@bitbucket.org/northwind/mirror.git HEAD:main
      - step:
          name: Tag release
          script:
            - curl -u "northwind-ci:$BB_APP_PASSWORD" -X POST https://api.bitbucket.org/2.0/repositories/northwind/api/refs/tags
""", bb=S("bitbucket", bpw)))

    jpw = pw()
    emit("Jenkinsfile", fill("""\
pipeline {
    agent { label 'linux' }
    environment {
        ARTIFACTORY_URL = 'https://northwind.jfrog.io/artifactory'
        ARTIFACTORY_API_KEY = '@@jf@@'
        SONAR = credentials('sonar-token')
    }
    stages {
        stage('Build') {
            steps {
                sh './gradlew build -x test'
            }
        }
        stage('Publish') {
            steps {
                sh "curl -H 'X-JFrog-Art-Api: ${ARTIFACTORY_API_KEY}' -T build/libs/app.jar ${ARTIFACTORY_URL}/libs-release-local/app.jar"
            }
        }
        stage('Smoke') {
            steps {
                withCredentials([usernamePassword(credentialsId: 'smoke-user', usernameVariable: 'U', passwordVariable: 'P')]) {
                    sh 'curl -u "$U:$P" https://staging.northwind-labs.io/health'
                }
                sh 'curl -u admin:@@jpw@@ https://jenkins-agent-02.northwind-labs.io/computer/api/json'
            }
        }
    }
}
""", jf=S("jfrog", jfrog_apikey()), jpw=S("generic", jpw)))

    emit("azure-pipelines.yml", fill("""\
trigger:
  - main

pool:
  vmImage: ubuntu-latest

variables:
  - group: northwind-prod
  - name: buildConfiguration
    value: Release
  - name: AZURE_CLIENT_SECRET
    value: @@azs@@

steps:
  - task: DotNetCoreCLI@2
    inputs:
      command: build
      arguments: '--configuration $(buildConfiguration)'
  - script: az login --service-principal -u $(AZURE_CLIENT_ID) -p $(AZURE_CLIENT_SECRET) --tenant $(AZURE_TENANT_ID)
    displayName: az login
""", azs=S("azure-ad", azure_ad_secret())))


# ============================================================================
# AI agent / MCP configs
# ============================================================================
def build_agents():
    pg_pw = pw(url_safe=True)
    emit_json("home/mchen/Library/Application Support/Claude/claude_desktop_config.json", {
        "mcpServers": {
            "github": {"command": "docker",
                       "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"],
                       "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": S("github", github_pat())}},
            "brave-search": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-brave-search"],
                             "env": {"BRAVE_API_KEY": S("brave", brave())}},
            "postgres": {"command": "npx",
                         "args": ["-y", "@modelcontextprotocol/server-postgres",
                                  f"postgresql://readonly:{S('uri-credentials', pg_pw, needle='readonly:' + pg_pw + '@')}@pg-analytics.{DOMAIN}:5432/analytics"]},
            "slack": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-slack"],
                      "env": {"SLACK_BOT_TOKEN": S("slack", slack("xoxb")), "SLACK_TEAM_ID": "T07ABCQ2R9X"}},
            "filesystem": {"command": "npx",
                           "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/mchen/src"]},
        },
        "globalShortcut": "Ctrl+Space",
    })

    emit_json(".cursor/mcp.json", {
        "mcpServers": {
            "linear": {"url": "https://mcp.linear.app/sse",
                       "headers": {"Authorization": "Bearer " + S("linear", linear())}},
            "notion": {"command": "npx", "args": ["-y", "@notionhq/notion-mcp-server"],
                       "env": {"OPENAPI_MCP_HEADERS": json.dumps({"Authorization": "Bearer " + S("notion", notion(new=True)),
                                                                  "Notion-Version": "2022-06-28"})}},
            "supabase": {"command": "npx",
                         "args": ["-y", "@supabase/mcp-server-supabase@latest", "--read-only",
                                  "--access-token", S("supabase", supabase_pat())]},
            "stripe": {"command": "npx",
                       "args": ["-y", "@stripe/mcp", "--tools=all", "--api-key=" + S("stripe", stripe("rk"))]},
            "context7": {"command": "npx", "args": ["-y", "@upstash/context7-mcp"]},
        }
    })

    emit_json(".vscode/mcp.json", {
        "inputs": [
            {"type": "promptString", "id": "github_token", "description": "GitHub Personal Access Token", "password": True},
            {"type": "promptString", "id": "perplexity-key", "description": "Perplexity API Key", "password": True},
        ],
        "servers": {
            "github": {"type": "http", "url": "https://api.githubcopilot.com/mcp/",
                       "headers": {"Authorization": "Bearer ${input:github_token}"}},
            "perplexity": {"type": "stdio", "command": "npx", "args": ["-y", "server-perplexity-ask"],
                           "env": {"PERPLEXITY_API_KEY": S("perplexity", pplx())}},
            "firecrawl": {"type": "stdio", "command": "npx", "args": ["-y", "firecrawl-mcp"],
                          "env": {"FIRECRAWL_API_KEY": S("firecrawl", firecrawl())}},
            "sentry": {"type": "stdio", "command": "npx", "args": ["@sentry/mcp-server@latest"],
                       "env": {"SENTRY_ACCESS_TOKEN": "${env:SENTRY_ACCESS_TOKEN}"}},
        },
    })

    emit(".codex/config.toml", fill("""\
model = "gpt-5-codex"
model_provider = "openai"
approval_policy = "on-request"
sandbox_mode = "workspace-write"

[model_providers.azure]
name = "Azure"
base_url = "https://northwind-eastus.openai.azure.com/openai"
env_key = "AZURE_OPENAI_API_KEY"
query_params = { api-version = "2025-04-01-preview" }

[model_providers.openrouter]
name = "OpenRouter"
base_url = "https://openrouter.ai/api/v1"
env_key = "OPENROUTER_API_KEY"

[mcp_servers.sentry]
command = "npx"
args = ["-y", "@sentry/mcp-server@latest"]
env = { "SENTRY_ACCESS_TOKEN" = "@@sn@@", "SENTRY_HOST" = "sentry.io" }

[mcp_servers.grafana]
command = "mcp-grafana"
args = ["-t", "stdio"]

[mcp_servers.grafana.env]
GRAFANA_URL = "https://grafana.northwind-labs.io"
GRAFANA_API_KEY = "@@gl@@"

[mcp_servers.figma]
command = "npx"
args = ["-y", "figma-developer-mcp", "--figma-api-key=@@fig@@", "--stdio"]
""", sn=S("sentry", sentry_user()), gl=S("grafana", grafana_sa()), fig=S("figma", figma())))

    emit_json(".claude/settings.json", {
        "$schema": "https://json.schemastore.org/claude-code-settings.json",
        "env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-west-2",
                "AWS_BEARER_TOKEN_BEDROCK": S("aws-bedrock", bedrock()),
                "ANTHROPIC_MODEL": "us.anthropic.claude-sonnet-4-20250514-v1:0"},
        "permissions": {"allow": ["Bash(npm run lint)", "Bash(npm test:*)", "Read(~/.zshrc)"],
                        "deny": ["Read(./.env)", "Read(./.env.*)", "Read(./secrets/**)"]},
    })

    glsa = grafana_sa()
    emit_json(".claude/settings.local.json", {
        "permissions": {"allow": [
            "Bash(git status:*)",
            "Bash(curl -s -H \"Authorization: Bearer " + S("grafana", glsa) + "\" https://grafana.northwind-labs.io/api/search:*)",
            "Bash(psql:*)",
            "WebFetch(domain:docs.stripe.com)",
            "Bash(export ANTHROPIC_API_KEY=" + S("anthropic", anthropic()) + ")",
        ], "deny": []},
        "enableAllProjectMcpServers": True,
    })

    emit(".continue/config.yaml", fill("""\
name: northwind-assistant
version: 1.0.0
schema: v1
models:
  - name: Mistral Large
    provider: mistral
    model: mistral-large-latest
    apiKey: @@mis@@
    roles: [chat, edit]
  - name: Codestral
    provider: mistral
    model: codestral-latest
    apiKey: ${{ secrets.CODESTRAL_API_KEY }}
    roles: [autocomplete]
  - name: Llama 3.1 405B
    provider: together
    model: meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo
    apiKey: "@@tg@@"
  - name: Embeddings
    provider: voyage
    model: voyage-code-3
    apiKey: @@vo@@
    roles: [embed]
""", mis=S("mistral", mistral()), tg=S("together", together(new=False)), vo=S("voyage", voyage())))

    emit(".aider.conf.yml", fill("""\
# aider configuration
model: sonnet
openai-api-key: @@oa@@
anthropic-api-key: @@ant@@
auto-commits: false
dark-mode: true
""", oa=S("openai", openai("svcacct")), ant=S("anthropic", anthropic())))

    emit_json(".gemini/settings.json", {
        "theme": "GitHub",
        "selectedAuthType": "gemini-api-key",
        "mcpServers": {
            "docs": {"httpUrl": "https://mcp.northwind-labs.io/mcp",
                     "headers": {"Authorization": "Bearer " + S("generic", rs(B64U, 43))}, "timeout": 30000},
            "maps": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-google-maps"],
                     "env": {"GOOGLE_MAPS_API_KEY": S("google-ai", gemini())}},
        },
    })

    emit_json("home/mchen/.codeium/windsurf/mcp_config.json", {
        "mcpServers": {
            "elevenlabs": {"command": "uvx", "args": ["elevenlabs-mcp"],
                           "env": {"ELEVENLABS_API_KEY": S("elevenlabs", elevenlabs())}},
            "tavily": {"serverUrl": "https://mcp.tavily.com/mcp/?tavilyApiKey=" + S("tavily", tavily())},
            "jina": {"serverUrl": "https://mcp.jina.ai/sse", "headers": {"Authorization": "Bearer ${JINA_API_KEY}"}},
        }
    })

    emit_json("home/mchen/.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json", {
        "mcpServers": {
            "gitlab": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-gitlab"],
                       "env": {"GITLAB_PERSONAL_ACCESS_TOKEN": S("gitlab", gitlab("glpat")),
                               "GITLAB_API_URL": "https://gitlab.com/api/v4"},
                       "disabled": False, "autoApprove": []},
            "postman": {"command": "npx", "args": ["-y", "@postman/postman-mcp-server"],
                        "env": {"POSTMAN_API_KEY": S("postman", postman())}},
        }
    })

    emit_json("opencode.json", {
        "$schema": "https://opencode.ai/config.json",
        "provider": {
            "openrouter": {"options": {"apiKey": "{env:OPENROUTER_API_KEY}"}},
            "groq": {"options": {"apiKey": S("groq", groq())}},
            "deepseek": {"options": {"baseURL": "https://api.deepseek.com/v1", "apiKey": "sk-<redacted>"}},
        },
        "mcp": {"databricks": {"type": "local", "command": ["uvx", "databricks-mcp"],
                               "environment": {"DATABRICKS_TOKEN": S("databricks", databricks())}}},
        "model": "openrouter/anthropic/claude-sonnet-4",
    })

    emit_json(".mcp.json", {
        "mcpServers": {
            "github": {"type": "http", "url": "https://api.githubcopilot.com/mcp/",
                       "headers": {"Authorization": "Bearer ${GITHUB_PAT}"}},
            "postgres": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres", "${DATABASE_URL}"]},
            "memory": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"]},
        }
    })

    emit("agents/crew/.env", fill("""\
OPENAI_API_KEY=@@oa@@
OPENAI_MODEL_NAME=gpt-4o
SERPER_API_KEY=@@serp@@
XAI_API_KEY=@@xai@@
CREWAI_TELEMETRY_OPT_OUT=true
""", oa=S("openai", openai_legacy()), serp=S("serper", serper()), xai=S("xai", xai())))

    emit("agents/crew/crew.py", fill('''\
from crewai import Agent, Crew, Task
from crewai_tools import SerperDevTool

# the researcher needs its own key (rate limits)
research_llm = {"model": "groq/llama-3.1-70b-versatile", "api_key": "@@gq@@"}

researcher = Agent(
    role="Market researcher",
    goal="Find recent pricing changes from competitors",
    backstory="You are meticulous and cite sources.",
    tools=[SerperDevTool()],
    llm=research_llm["model"],
)

writer = Agent(role="Writer", goal="Summarise findings", backstory="Concise.", llm="gpt-4o-mini")

crew = Crew(agents=[researcher, writer],
            tasks=[Task(description="Research {topic}", expected_output="bullet list", agent=researcher)])

if __name__ == "__main__":
    print(crew.kickoff(inputs={"topic": "usage-based pricing"}))
''', gq=S("groq", groq())))

    emit("agents/langgraph/agent.ts", fill("""\
import { ChatAnthropic } from "@langchain/anthropic";
import { TavilySearchResults } from "@langchain/community/tools/tavily_search";
import { createReactAgent } from "@langchain/langgraph/prebuilt";

const model = new ChatAnthropic({
  model: "claude-3-5-sonnet-latest",
  apiKey: process.env.ANTHROPIC_API_KEY,
  maxTokens: 4096,
});

const search = new TavilySearchResults({ maxResults: 3, apiKey: "@@tv@@" });

process.env.LANGSMITH_API_KEY ??= "@@ls@@";
process.env.LANGSMITH_TRACING = "true";

export const agent = createReactAgent({ llm: model, tools: [search] });
""", tv=S("tavily", tavily()), ls=S("langsmith", langsmith("pt"))))


# ============================================================================
# chats/ : transcripts of people pasting secrets into assistants / chat tools
# ============================================================================
def chatgpt_conv(title, turns, t0):
    mapping = {}
    root = ruuid()
    mapping[root] = {"id": root, "message": None, "parent": None, "children": []}
    parent = root
    t = t0
    for role, text in turns:
        mid = ruuid()
        t += R.randint(5, 300) + R.random()
        mapping[mid] = {"id": mid, "message": {
            "id": mid, "author": {"role": role, "name": None, "metadata": {}},
            "create_time": round(t, 6), "content": {"content_type": "text", "parts": [text]},
            "status": "finished_successfully", "metadata": {"model_slug": "gpt-4o"} if role == "assistant" else {}},
            "parent": parent, "children": []}
        mapping[parent]["children"].append(mid)
        parent = mid
    return {"title": title, "create_time": t0, "update_time": t, "mapping": mapping,
            "current_node": parent, "conversation_id": ruuid(), "is_archived": False}


def build_chats():
    # --- ChatGPT export -------------------------------------------------
    oa = openai("proj")
    akid, asec = aws_id(), aws_secret()
    db_pw = pw(url_safe=True)
    tg = telegram()
    conv = [
        chatgpt_conv("OpenAI 401 error in curl", [
            ("user", "why does this return 401?\n\n```\nexport OPENAI_API_KEY=\"" + S("openai", oa) + "\"\n"
                     "curl https://api.openai.com/v1/chat/completions -H \"Content-Type: application/json\" "
                     "-H \"Authorization: Bearer $OPENAI_API_KEY\" -d '{\"model\": \"gpt-4o\", \"messages\": []}'\n```"),
            ("assistant", "A 401 means the key was rejected. Also: you just pasted your full API key here -- "
                          "revoke it in the dashboard and create a new one. Your command should look like:\n\n"
                          "```bash\nexport OPENAI_API_KEY=\"sk-proj-...\"\ncurl ... -H \"Authorization: Bearer $OPENAI_API_KEY\"\n```\n"
                          "Note that `messages` must not be empty."),
            ("user", "ok rotated it. new one ends in ...t9Qw, still 401"),
        ], 1718035200.0),
        chatgpt_conv("boto3 NoCredentialsError", [
            ("user", "getting botocore.exceptions.NoCredentialsError with this code:\n\n```python\nimport boto3\n"
                     "s3 = boto3.client('s3', aws_access_key_id='" + S("aws", akid) + "',\n"
                     "    aws_secret_access_key='" + S("aws", asec) + "')\ns3.list_buckets()\n```"),
            ("assistant", "That code passes credentials explicitly, so NoCredentialsError is unexpected. Check that you "
                          "are not overriding the client later. For reference, AWS documents the format with example "
                          "values like `AKIAIOSFODNN7EXAMPLE` / `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY` -- prefer "
                          "`aws configure` or environment variables instead of hard-coding keys."),
        ], 1719500000.0),
        chatgpt_conv("Django settings review", [
            ("user", "can you review my settings.py?\n\nDEBUG = False\nSECRET_KEY = '" + S("generic", rs(AN + "!@%^*(-_=+", 50)) + "'\n"
                     "DATABASES = {'default': dj_database_url.parse('postgres://django:" + S("uri-credentials", db_pw, needle="django:" + db_pw + "@") + "@db.internal:5432/app')}\n"
                     "TELEGRAM_TOKEN = '" + S("telegram", tg) + "'"),
            ("assistant", "Main issues:\n1. Never commit `SECRET_KEY`; load it with `os.environ['DJANGO_SECRET_KEY']`.\n"
                          "2. Same for the database URL: `DATABASES = {'default': dj_database_url.config()}`.\n"
                          "3. Bot tokens like `123456789:AA...` should come from the environment as well."),
        ], 1721000000.0),
    ]
    emit("chats/chatgpt-export/conversations.json", json.dumps(conv, indent=2) + "\n")

    # --- Claude export --------------------------------------------------
    sk = stripe("sk")
    whs = stripe_whsec()
    dop = digitalocean("dop")
    msgs = []
    for sender, text in [
        ("human", "My Stripe webhook handler keeps failing signature verification. Here's the handler:\n\n"
                  "```js\nconst stripe = require('stripe')('" + S("stripe", sk) + "');\n"
                  "const endpointSecret = '" + S("stripe", whs) + "';\n"
                  "app.post('/webhook', express.raw({type: 'application/json'}), (req, res) => {\n"
                  "  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], endpointSecret);\n"
                  "});\n```"),
        ("assistant", "The handler looks right; the usual culprit is a body parser running before `express.raw`. "
                      "Separately: the message above contains a live secret key (`sk_live_51...`). Roll it in the "
                      "Stripe dashboard. Keep the publishable key (`pk_live_...`) on the client only."),
        ("human", "thanks. unrelated, terraform says 401 for digitalocean:\n\n"
                  "provider \"digitalocean\" {\n  token = \"" + S("digitalocean", dop) + "\"\n}"),
        ("assistant", "A 401 from DigitalOcean means the token is invalid or expired. Generate a new personal access "
                      "token and pass it via `DIGITALOCEAN_TOKEN` rather than in the provider block."),
    ]:
        msgs.append({"uuid": ruuid(), "text": text, "sender": sender,
                     "created_at": f"2024-11-03T1{R.randint(0, 9)}:{R.randint(10, 59)}:{R.randint(10, 59)}.{R.randint(100000, 999999)}Z",
                     "content": [{"type": "text", "text": text}], "attachments": [], "files": []})
    emit("chats/claude-export/conversations.json", json.dumps([{
        "uuid": ruuid(), "name": "Stripe webhook signature failing", "created_at": "2024-11-03T10:02:11.000000Z",
        "updated_at": "2024-11-03T11:40:55.000000Z", "account": {"uuid": ruuid()}, "chat_messages": msgs}], indent=2) + "\n")

    # --- Markdown session from an IDE assistant ------------------------------
    ant = anthropic()
    gq = groq()
    emit("chats/cursor-session-2025-01-14.md", fill("""\
# Cursor chat export -- 2025-01-14

**User**

here is my .env, the app can't see the keys when I run it with uvicorn

```env
ANTHROPIC_API_KEY=@@ant@@
GROQ_API_KEY=@@gq@@
OPENAI_API_KEY=${OPENAI_API_KEY}
DEBUG=true
```

---

**Cursor**

`uvicorn` does not load `.env` automatically. Either call `load_dotenv()` at the top of `main.py` or start it
with `uvicorn main:app --env-file .env`.

> Warning: your message includes what looks like a real Anthropic key (`sk-ant-api03-...`) and a Groq key
> (`gsk_...`). Treat them as compromised and rotate them.

```python
from dotenv import load_dotenv
load_dotenv()
api_key = os.environ["ANTHROPIC_API_KEY"]
```

---

**User**

thx, rotated. new key is in 1password now
""", ant=S("anthropic", ant), gq=S("groq", gq)))

    # --- plain-text copilot log ------------------------------------------
    ghp = gh("ghp")
    gho = gh("gho")
    emit("chats/copilot-chat-2024-08-22.log", fill("""\
[2024-08-22 09:41:07] user: git push fails with 403 on the CI box
[2024-08-22 09:41:09] assistant: Can you share the remote URL (with any token removed) and the exact error?
[2024-08-22 09:42:30] user: remote is https://@@ghp@@@github.com/northwind/api.git
[2024-08-22 09:42:31] user: error: The requested URL returned error: 403
[2024-08-22 09:42:35] assistant: The token is embedded in the remote URL. A 403 usually means it lacks the `repo` scope or SSO authorization. Please revoke that token since it is now in this log, then use `gh auth login` or a credential helper.
[2024-08-22 09:44:02] user: I also have this one from gh cli: @@gho@@
[2024-08-22 09:44:05] assistant: Please don't paste tokens. Run `gh auth status` instead; it shows the token as gho_************************************.
[2024-08-22 09:45:10] user: ok. commit 4e2a9c1f0b8d7e6a5c4b3a2f1e0d9c8b7a6f5e4d is the one that broke it
""", ghp=S("github", ghp), gho=S("github", gho)))

    # --- Slack export -------------------------------------------------------
    xoxp = slack("xoxp")
    rpw = pw(url_safe=True)
    slack_msgs = [
        {"type": "message", "user": "U04KX7P2QJ1", "text": "anyone know why the nightly job can't reach redis?",
         "ts": "1716287401.123409", "client_msg_id": ruuid()},
        {"type": "message", "user": "U02B5N8M3LZ",
         "text": "try with the url from the vault: redis://default:" + S("uri-credentials", rpw, needle="default:" + rpw + "@")
                 + "@redis-prod.northwind-labs.io:6380", "ts": "1716287533.551209", "client_msg_id": ruuid()},
        {"type": "message", "user": "U04KX7P2QJ1",
         "text": "works, thanks! also for the slack export script I used my user token " + S("slack", xoxp),
         "ts": "1716287610.004300", "client_msg_id": ruuid()},
        {"type": "message", "subtype": "channel_join", "user": "U07C1D2E3F4", "text": "<@U07C1D2E3F4> has joined the channel",
         "ts": "1716288000.000100"},
        {"type": "message", "user": "U02B5N8M3LZ", "text": "please delete that :point_up: and revoke it. tokens go in 1Password (item: `slack-export-token`)",
         "ts": "1716288040.001900", "client_msg_id": ruuid()},
    ]
    emit("chats/slack-export/dev-help/2024-05-21.json", json.dumps(slack_msgs, indent=4) + "\n")

    # --- Discord support dump -----------------------------------------------
    bot = discord_bot()
    hook = discord_webhook()
    emit("chats/discord-bot-help.txt", fill("""\
#bot-dev | exported 2024-12-02
----------------------------------------------------------------
kestrel_dev — 12/02/2024 7:14 PM
my bot logs in locally but not on the server?? client.login("@@bot@@")
mod_ana — 12/02/2024 7:15 PM
@kestrel_dev you just posted your bot token publicly. reset it in the developer portal NOW
kestrel_dev — 12/02/2024 7:16 PM
oops. done. also is this webhook right? @@hook@@
mod_ana — 12/02/2024 7:18 PM
that works but same thing, anyone can post with it. regenerate it.
Use process.env.DISCORD_TOKEN and keep it in .env
""", bot=S("discord", bot), hook=S("discord", hook)))

    # --- Gemini session plain text --------------------------------------------
    gk = gemini()
    emit("chats/gemini-cli-session.txt", fill("""\
> why does this return PERMISSION_DENIED?
> curl "https://generativelanguage.googleapis.com/v1beta/models/gemini-1.5-flash:generateContent?key=@@gk@@" -H 'Content-Type: application/json' -d '{"contents":[{"parts":[{"text":"hi"}]}]}'

✦ PERMISSION_DENIED usually means the Generative Language API is not enabled for the project
  that owns the key, or the key has API restrictions. Check "APIs & Services > Credentials".
  Also consider passing the key as a header instead of a query string:

    curl -H "x-goog-api-key: $GEMINI_API_KEY" ...

> ok it was the restriction. thanks
""", gk=S("google-ai", gk)))

    # --- assistant transcript with kubectl output -------------------------------
    pg_b64 = b64(pw())
    tok_b64 = b64(sendgrid())
    emit("chats/k8s-debug-with-assistant.md", fill("""\
## Debugging CrashLoopBackOff (pasted from terminal)

**me:** pod keeps crashing, here is the secret it mounts

```
$ kubectl get secret mailer -n ops -o yaml
apiVersion: v1
data:
  SENDGRID_API_KEY: @@tok@@
  SMTP_PASSWORD: @@pg@@
  SMTP_USER: YXBpa2V5
kind: Secret
metadata:
  creationTimestamp: "2024-09-30T12:01:44Z"
  name: mailer
  namespace: ops
  resourceVersion: "48213377"
  uid: 0c9a8b7e-6d5f-4e3c-a2b1-f0e9d8c7b6a5
type: Opaque
```

**assistant:** The values under `data:` are only base64-encoded, not encrypted -- anyone can decode them with
`base64 -d`. Since they are now in this chat, rotate both. The crash itself is probably the missing
`MAIL_FROM` variable; check `kubectl logs mailer-7d9f8c6b5-x2k4p --previous`.
""", tok=S("sendgrid", tok_b64), pg=S("generic", pg_b64)))

    # --- support email --------------------------------------------------------
    mg = mailgun()
    emit("chats/support-ticket-88213.eml", fill("""\
From: Dana Whitfield <dana@clientco.example.net>
To: support@northwind-labs.io
Subject: Re: [#88213] Webhook deliveries failing
Date: Tue, 15 Oct 2024 16:22:09 +0000
Message-ID: <CAF3x9q2-7Hn4kLm@mail.clientco.example.net>
MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"

Hi team,

Here are the credentials our integration uses, in case it helps you reproduce:

  Mailgun key: @@mg@@
  API user: integrations@clientco.example.net
  API password: @@apw@@

We rotated the old Postmark token already (it was ending in ...4f2a).

Thanks,
Dana

> On Mon, 14 Oct 2024 at 09:12, Northwind Support wrote:
> Please do not send passwords or API keys by email. Use the secure upload link instead.
""", mg=S("mailgun", mg), apw=S("generic", pw())))

    # --- agent run trace (JSONL) ------------------------------------------------
    hfk = hf()
    lin = linear()
    env_dump = ("PATH=/usr/local/bin:/usr/bin\nHOME=/home/agent\nHF_TOKEN=" + S("huggingface", hfk)
                + "\nLINEAR_API_KEY=" + S("linear", lin) + "\nPYTHONUNBUFFERED=1\nOPENAI_API_KEY=sk-...redacted")
    events = [
        {"ts": "2025-02-10T14:03:11Z", "type": "user_message", "content": "Why does the sync job fail in the sandbox?"},
        {"ts": "2025-02-10T14:03:14Z", "type": "tool_call", "tool": "bash", "input": {"command": "env | sort"}},
        {"ts": "2025-02-10T14:03:14Z", "type": "tool_result", "tool": "bash", "output": env_dump, "exit_code": 0},
        {"ts": "2025-02-10T14:03:20Z", "type": "assistant_message",
         "content": "The environment has HF_TOKEN and LINEAR_API_KEY set, so auth is not the problem. Note: those values were printed to the log; consider rotating them."},
        {"ts": "2025-02-10T14:03:25Z", "type": "tool_call", "tool": "bash",
         "input": {"command": "curl -s -H 'Authorization: Bearer " + S("huggingface", hfk) + "' https://huggingface.co/api/whoami-v2"}},
        {"ts": "2025-02-10T14:03:26Z", "type": "tool_result", "tool": "bash",
         "output": "{\"type\":\"user\",\"id\":\"65f1c2d3e4a5b6c7d8e9f0a1\",\"name\":\"nw-sync-bot\",\"auth\":{\"type\":\"access_token\",\"accessToken\":{\"displayName\":\"sync\",\"role\":\"fineGrained\"}}}",
         "exit_code": 0},
    ]
    emit("chats/agent-runs/run-2025-02-10T140311.jsonl", "\n".join(json.dumps(e) for e in events))

    # --- open-webui export -------------------------------------------------------
    ds = deepseek()
    cf = cloudflare_origin_ca()
    emit("chats/openwebui-chat-export.json", json.dumps([{
        "id": ruuid(), "user_id": ruuid(), "title": "Self-hosting LLM gateway",
        "chat": {"models": ["llama3.1:70b"], "messages": [
            {"id": ruuid(), "role": "user",
             "content": "my litellm config:\nmodel_list:\n  - model_name: deepseek-chat\n    litellm_params:\n      model: deepseek/deepseek-chat\n      api_key: " + S("deepseek", ds) + "\nand the cloudflare origin CA key for the tunnel is " + S("cloudflare", cf),
             "timestamp": 1730000000},
            {"id": ruuid(), "role": "assistant",
             "content": "Move `api_key` to an environment variable: `api_key: os.environ/DEEPSEEK_API_KEY`. "
                        "LiteLLM resolves that syntax at startup.", "timestamp": 1730000011},
        ]}, "updated_at": 1730000011, "created_at": 1730000000}], indent=2) + "\n")


# ============================================================================
# home/ : credential files and dotfiles
# ============================================================================
def build_home():
    h = "home/dev/"
    ghp = gh("ghp")
    emit(h + ".netrc", fill("""\
machine github.com
  login mchen-nw
  password @@gh@@

machine api.heroku.com
  login mchen@northwind-labs.io
  password @@hk@@

machine api.wandb.ai
  login user
  password @@wb@@

machine ftp.northwind-labs.io login deploy password @@ftp@@

default login anonymous password guest@
""", gh=S("github", ghp), hk=S("heroku", heroku()), wb=S("wandb", wandb()), ftp=S("netrc", pw(url_safe=True))))

    gl = gitlab("glpat")
    bb = bitbucket()
    gpw = pw(url_safe=True)
    emit(h + ".git-credentials", fill("""\
https://mchen-nw:@@gh@@@github.com
https://oauth2:@@gl@@@gitlab.com
https://mchen-nw:@@bb@@@bitbucket.org
https://mchen:@@gpw@@@git.northwind-labs.io
""", gh=S("github", ghp), gl=S("gitlab", gl), bb=S("bitbucket", bb),
        gpw=S("git-credentials", gpw, needle=f"mchen:{gpw}@")))

    emit(h + ".pgpass", fill("""\
# hostname:port:database:username:password
pg-billing.@@dom@@:5432:billing:billing_ro:@@p1@@
pg-analytics.@@dom@@:5432:*:analyst:@@p2@@
localhost:5432:*:postgres:postgres
""", dom=DOMAIN, p1=S("pgpass", pw(url_safe=True)), p2=S("pgpass", pw(url_safe=True))))

    emit(h + ".pypirc", fill("""\
[distutils]
index-servers =
    pypi
    testpypi
    northwind

[pypi]
username = __token__
password = @@pypi@@

[testpypi]
repository = https://test.pypi.org/legacy/
username = __token__
password = <paste-testpypi-token-here>

[northwind]
repository = https://northwind.jfrog.io/artifactory/api/pypi/pypi-local
username = mchen
password = @@jf@@
""", pypi=S("pypi", pypi()), jf=S("jfrog", jfrog_reftoken())))

    npm_auth = b64("mchen:" + pw(url_safe=True))
    emit(h + ".npmrc", fill("""\
//registry.npmjs.org/:_authToken=@@npm@@
//northwind.jfrog.io/artifactory/api/npm/npm-virtual/:_auth=@@auth@@
//northwind.jfrog.io/artifactory/api/npm/npm-virtual/:always-auth=true
init-author-name=M Chen
fund=false
""", npm=S("npm", npm()), auth=S("npmrc", npm_auth)))

    d_auth = b64("northwindbot:" + dockerhub())
    g_auth = b64("mchen-nw:" + gh("ghp"))
    emit_json(h + ".docker/config.json", {
        "auths": {"https://index.docker.io/v1/": {"auth": S("docker-config", d_auth)},
                  "ghcr.io": {"auth": S("docker-config", g_auth)},
                  "123456789012.dkr.ecr.us-east-1.amazonaws.com": {}},
        "credsStore": "desktop", "currentContext": "desktop-linux",
        "plugins": {"-x-cli-hints": {"enabled": "true"}}}, indent=1)

    emit(h + ".s3cfg", fill("""\
[default]
access_key = @@id@@
secret_key = @@sec@@
host_base = s3.amazonaws.com
host_bucket = %(bucket)s.s3.amazonaws.com
gpg_command = /usr/bin/gpg
gpg_passphrase = @@gpg@@
use_https = True
signature_v2 = False
""", id=S("aws", aws_id()), sec=S("aws", aws_secret()), gpg=S("generic", pw())))

    emit(h + ".aws/credentials", fill("""\
[default]
aws_access_key_id = @@id1@@
aws_secret_access_key = @@s1@@

[staging]
aws_access_key_id = @@id2@@
aws_secret_access_key = @@s2@@
aws_session_token = @@st@@

[example-docs]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
""", id1=S("aws", aws_id("AKIA")), s1=S("aws", aws_secret()), id2=S("aws", aws_id("ASIA")),
        s2=S("aws", aws_secret()), st=S("aws", aws_session())))

    emit(h + ".aws/config", """\
[default]
region = us-east-1
output = json

[profile prod-admin]
role_arn = arn:aws:iam::123456789012:role/OrganizationAccountAccessRole
source_profile = default
mfa_serial = arn:aws:iam::123456789012:mfa/mchen

[profile sso-dev]
sso_session = northwind
sso_account_id = 210987654321
sso_role_name = PowerUserAccess

[sso-session northwind]
sso_start_url = https://northwind.awsapps.com/start
sso_region = us-east-1
""")

    emit(h + ".ssh/id_ed25519", SP("private-key", "OPENSSH"))
    emit(h + ".ssh/id_ed25519.pub", ssh_pub("ed25519", "mchen@nw-laptop"))
    emit(h + ".ssh/id_rsa_legacy", SP("private-key", "RSA"))
    emit(h + ".ssh/id_rsa_legacy.pub", ssh_pub("rsa", "mchen@old-laptop"))
    emit(h + ".ssh/deploy_key", SP("private-key", "OPENSSH-RSA"))
    emit(h + ".ssh/authorized_keys", ssh_pub("rsa", "ci@northwind") + "\n" + ssh_pub("ed25519", "svolkova@mbp")
         + "\n" + 'command="/usr/local/bin/backup-only",no-pty ' + ssh_pub("ed25519", "backup@bastion"))
    emit(h + ".ssh/known_hosts", "\n".join([
        "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
        "|1|" + b64(rbytes(20)) + "|" + b64(rbytes(20)) + " ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBB" + rs(B64, 88) + "=",
        "bastion.northwind-labs.io,10.20.0.5 " + ssh_pub("ed25519", "").strip(),
    ]))
    emit(h + ".ssh/config", """\
Host bastion
  HostName bastion.northwind-labs.io
  User mchen
  IdentityFile ~/.ssh/id_ed25519
  IdentitiesOnly yes

Host db-*
  ProxyJump bastion
  User admin
""")

    bash_pw = pw(url_safe=True)
    emit(h + ".bash_history", fill("""\
ls -la
cd ~/src/northwind/api
git pull --rebase
export OPENAI_API_KEY=@@oa@@
python -m app.main
mysql -h mysql-wp.@@dom@@ -u wp_admin -p@@mypw@@ wp_northwind
psql "postgresql://analyst:@@ppw@@@pg-analytics.@@dom@@:5432/analytics"
curl -H "Authorization: token @@ghu@@" https://api.github.com/user/installations
docker login -u northwindbot
history | grep token
export GITHUB_TOKEN=$(gh auth token)
curl -u "api:@@mgn@@" https://api.mailgun.net/v3/domains
kubectl -n ops get secret mailer -o jsonpath='{.data.SENDGRID_API_KEY}' | base64 -d
vault login -method=oidc
exit
""", oa=S("openai", openai("proj")), mypw=S("generic", pw(url_safe=True)),
        ppw=S("uri-credentials", bash_pw, needle=f"analyst:{bash_pw}@"), dom=DOMAIN, ghu=S("github", gh("ghu")),
        mgn=S("mailgun", mailgun())))

    emit(h + ".zsh_history", fill("""\
: 1717405012:0;brew upgrade
: 1717405101:0;export STRIPE_API_KEY=@@sk@@
: 1717405160:0;stripe listen --forward-to localhost:3000/api/webhooks
: 1717405233:0;export ANTHROPIC_ADMIN_KEY=@@adm@@
: 1717405300:0;curl https://api.anthropic.com/v1/organizations/users -H "x-api-key: $ANTHROPIC_ADMIN_KEY" -H "anthropic-version: 2023-06-01"
: 1717405399:0;export OPENAI_ADMIN_KEY=@@oadm@@
: 1717405488:0;doctl auth init --access-token @@doo@@
: 1717405550:0;git log --oneline -5
: 1717405602:0;echo $AWS_PROFILE
""", sk=S("stripe", stripe("sk")), adm=S("anthropic", anthropic_admin()), oadm=S("openai", openai("admin")),
        doo=S("digitalocean", digitalocean("dop"))))

    emit(h + ".config/gh/hosts.yml", fill("""\
github.com:
    users:
        mchen-nw:
            oauth_token: @@gho@@
    git_protocol: https
    oauth_token: @@gho@@
    user: mchen-nw
""", gho=S("github", gh("gho"))))

    emit(h + ".config/age/keys.txt", fill("""\
# created: 2024-06-12T10:14:55+02:00
# public key: @@pub@@
@@sec@@
""", pub=age_pub(), sec=S("age", age_key())))

    emit(h + ".vault-token", S("vault", vault()))
    emit(h + ".config/vault/agent.hcl", fill("""\
vault {
  address = "https://vault.northwind-labs.io:8200"
}

auto_auth {
  method "token_file" {
    config = {
      token_file_path = "/home/dev/.vault-token"
    }
  }
}

template {
  source      = "/etc/vault/templates/db.ctmpl"
  destination = "/etc/app/db.env"
}
"""))

    emit_json(h + ".terraform.d/credentials.tfrc.json", {
        "credentials": {"app.terraform.io": {"token": S("terraform-cloud", tfc())}}})

    emit(h + ".databrickscfg", fill("""\
[DEFAULT]
host  = https://dbc-7f3a2c1e-9b4d.cloud.databricks.com
token = @@t1@@

[staging]
host  = https://adb-5555555555555555.19.azuredatabricks.net
token = @@t2@@
jobs-api-version = 2.1
""", t1=S("databricks", databricks()), t2=S("databricks", databricks())))

    emit(h + ".m2/settings.xml", fill("""\
<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">
  <servers>
    <server>
      <id>northwind-releases</id>
      <username>mchen</username>
      <password>@@jf@@</password>
    </server>
    <server>
      <id>ossrh</id>
      <username>northwind</username>
      <password>@@ossrh@@</password>
    </server>
    <server>
      <id>docker-hub</id>
      <username>northwindbot</username>
      <password>${env.DOCKER_HUB_TOKEN}</password>
    </server>
  </servers>
  <mirrors>
    <mirror>
      <id>northwind-releases</id>
      <mirrorOf>central</mirrorOf>
      <url>https://northwind.jfrog.io/artifactory/maven-virtual</url>
    </mirror>
  </mirrors>
</settings>
""", jf=S("jfrog", jfrog_apikey()), ossrh=S("generic", pw())))

    emit(h + ".gradle/gradle.properties", fill("""\
org.gradle.jvmargs=-Xmx4g -XX:+UseParallelGC
org.gradle.caching=true
artifactoryUser=mchen
artifactoryPassword=@@jf@@
signing.keyId=7A3F9C21
signing.password=@@sp@@
signing.secretKeyRingFile=/home/dev/.gnupg/secring.gpg
sonatypeUsername=northwind
sonatypePassword=${SONATYPE_PASSWORD}
""", jf=S("jfrog", jfrog_reftoken()), sp=S("generic", pw())))

    lines, needle = putty_key()
    S("putty", needle, anchor="PuTTY-User-Key-File")
    emit(h + ".putty/bastion.ppk", "\n".join(lines))

    emit(h + ".snowsql/config", fill("""\
[connections]
accountname = nwlabs-prod_eu
username = mchen
rolename = ANALYST
warehousename = WH_XS

[connections.etl]
accountname = nwlabs-prod_eu
username = ETL_SVC
password = @@pw@@
dbname = RAW

[options]
log_level = INFO
""", pw=S("snowflake", pw())))

    emit(h + ".boto", fill("""\
[Credentials]
aws_access_key_id = @@id@@
aws_secret_access_key = @@sec@@

[Boto]
https_validate_certificates = True
""", id=S("aws", aws_id()), sec=S("aws", aws_secret())))

    emit(h + ".gem/credentials", fill("""\
---
:rubygems_api_key: @@g@@
""", g=S("rubygems", rubygems())))

    emit(h + ".cargo/credentials.toml", fill("""\
[registry]
token = "@@c@@"

[registries.northwind]
token = "Bearer @@nw@@"
""", c=S("crates", crates()), nw=S("generic", rs(AN, 40))))

    emit(h + ".doppler/.doppler.yaml", fill("""\
scoped:
    /:
        token: @@t@@
        api-host: https://api.doppler.com
        dashboard-host: https://dashboard.doppler.com
        verify-tls: "true"
    /home/dev/src/northwind/api:
        enclave.project: backend
        enclave.config: dev
""", t=S("doppler", doppler("pt"))))

    emit(h + ".fly/config.yml", fill("""\
access_token: @@t@@
metrics_token: ""
send_metrics: true
wire_guard_state: {}
""", t=S("flyio", fly())))

    emit_json(h + ".local/share/com.vercel.cli/auth.json", {
        "// Note": "This is your Vercel credentials file. DO NOT SHARE!",
        "// Docs": "https://vercel.com/docs/projects/project-configuration/global-configuration#auth.json",
        "token": S("vercel", vercel())})

    emit(h + ".cache/huggingface/token", S("huggingface", hf()))

    emit_json(h + ".config/netlify/config.json", {
        "telemetryDisabled": True, "cliId": ruuid(),
        "userId": rs(HEX, 24),
        "users": {rs(HEX, 24): {"id": rs(HEX, 24), "name": "M Chen", "email": "mchen@northwind-labs.io",
                                 "auth": {"token": S("netlify", netlify()), "github": {"user": None, "token": None}}}}})

    emit(h + ".kube/config", fill("""\
apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: @@ca@@
    server: https://10.20.0.10:6443
  name: onprem
contexts:
- context: {cluster: onprem, user: oidc}
  name: onprem
current-context: onprem
users:
- name: oidc
  user:
    auth-provider:
      name: oidc
      config:
        client-id: kubernetes
        client-secret: @@cs@@
        id-token: @@idt@@
        idp-issuer-url: https://sso.northwind-labs.io/realms/infra
- name: eks
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [eks, get-token, --cluster-name, prod]
""", ca=b64("\n".join(cert_pem()) + "\n"), cs=S("generic", rs(AN, 32)),
        idt=S("jwt", jwt("RS256", {"iss": "https://sso.northwind-labs.io/realms/infra", "aud": "kubernetes",
                                    "sub": ruuid(), "email": "mchen@northwind-labs.io",
                                    "exp": 1735689600, "iat": 1735603200}))))

    emit(h + ".config/rclone/rclone.conf", fill("""\
[b2]
type = b2
account = 0025f3a9c1e7d4b0000000003
key = @@b2@@
hard_delete = true

[gdrive]
type = drive
scope = drive
token = {"access_token":"@@ya@@","token_type":"Bearer","refresh_token":"@@rt@@","expiry":"2024-10-02T14:11:03.551+02:00"}
""", b2=S("backblaze", "K002" + rs(AN + "/+", 27)),
        ya=S("google-oauth", "ya29.a0" + rs(B64U, 150)), rt="1//0" + rs(B64U, 99)))

    emit(h + ".bashrc", """\
# ~/.bashrc
[ -z "$PS1" ] && return
HISTSIZE=100000
export EDITOR=nvim
export PATH="$HOME/.local/bin:$HOME/.cargo/bin:$PATH"
# secrets are loaded from the OS keychain, never written here
export OPENAI_API_KEY="$(security find-generic-password -s openai -w 2>/dev/null)"
export GITHUB_TOKEN="$(gh auth token 2>/dev/null)"
alias k=kubectl
alias tf=terraform
eval "$(direnv hook bash)"
""")


# ============================================================================
# etc/, docs/, logs/, config/
# ============================================================================
def build_etc():
    emit("etc/shadow", fill("""\
root:@@r@@:19876:0:99999:7:::
daemon:*:19800:0:99999:7:::
bin:*:19800:0:99999:7:::
sshd:!:19800::::::
deploy:@@d@@:19901:0:99999:7:::
nobody:*:19800:0:99999:7:::
mchen:!:19950:0:99999:7:::
""", r=S("shadow-hash", yescrypt()), d=S("shadow-hash", sha512crypt())))

    emit("etc/passwd", """\
root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
sshd:x:110:65534::/run/sshd:/usr/sbin/nologin
deploy:x:1001:1001:Deploy User,,,:/home/deploy:/bin/bash
mchen:x:1002:1002:M Chen,,,:/home/mchen:/bin/zsh
""")

    emit("etc/nginx/.htpasswd", fill("""\
grafana:@@a@@
prometheus:@@b@@
""", a=S("htpasswd", bcrypt_hash()), b=S("htpasswd", apr1_hash())))

    emit("etc/cron.d/backup", """\
# m h dom mon dow user  command
15 2 * * * deploy /srv/scripts/backup.sh >> /var/log/backup.log 2>&1
0 4 * * 0 deploy /srv/scripts/rotate_keys.py --dry-run
""")


def build_docs():
    emit("docs/setup.md", """\
# Local setup

1. Copy `.env.example` to `.env`.
2. Create an OpenAI key at https://platform.openai.com/api-keys and set `OPENAI_API_KEY=sk-...`.
3. For AWS, configure a profile; the docs use the canonical example pair:

   ```ini
   [default]
   aws_access_key_id = AKIAIOSFODNN7EXAMPLE
   aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
   ```

4. Stripe: use the **publishable** key on the client (`pk_live_...` / `pk_test_...`) and keep `sk_live_...`
   on the server only.
5. GitHub token: `export GITHUB_TOKEN=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX`
6. Slack: `SLACK_BOT_TOKEN=xoxb-your-bot-token`
7. Database: `DATABASE_URL=postgres://USER:PASSWORD@localhost:5432/app`

| Variable | Example | Notes |
|---|---|---|
| `ANTHROPIC_API_KEY` | `sk-ant-api03-...` | from console.anthropic.com |
| `HF_TOKEN` | `hf_****************` | read scope is enough |
| `STRIPE_SECRET_KEY` | `sk_live_****************************1aB2` | masked in the dashboard |
| `SENDGRID_API_KEY` | `SG.<key-id>.<secret>` | |
| `JWT_SECRET` | `$(openssl rand -base64 32)` | generate locally |

Never commit `.env`. The pre-commit hook will block it.
""")

    emit("docs/api.md", """\
# Public API

Base URL: `https://api.northwind-labs.io/v2` (version 2.14.0, build 3f9c2a1).

## Authentication

Send your API token in the `Authorization` header:

```bash
curl https://api.northwind-labs.io/v2/orders \\
  -H "Authorization: Bearer $NORTHWIND_API_TOKEN"
```

```bash
curl -u "api:YOUR_API_KEY" https://api.northwind-labs.io/v2/ping
```

```python
import os, requests
token = os.environ["NORTHWIND_API_TOKEN"]
requests.get("https://api.northwind-labs.io/v2/orders", headers={"Authorization": f"Bearer {token}"})
```

```javascript
const res = await fetch(url, { headers: { Authorization: `Bearer ${process.env.NORTHWIND_API_TOKEN}` } });
```

Request ids look like `req_8f3b2c1d4e5f6a7b` and order ids are UUIDs, e.g.
`4d7c2e1f-9a8b-4c3d-b2e1-0f9e8d7c6b5a`. Webhooks are signed with HMAC-SHA256; the
`X-Northwind-Signature` header contains `t=1718035200,v1=<hex digest>`.

Rate limits: 600 requests/minute per token. The `token_type` in OAuth responses is always `Bearer`.
""")

    sk = stripe("sk")
    emit("docs/incidents/2024-09-stripe-key-exposure.md", fill("""\
# Postmortem: Stripe secret key exposed in client bundle (2024-09-18)

**Status:** resolved · **Severity:** SEV-2 · **Author:** jpatel

## Summary

A restricted Stripe key was accidentally bundled into `main.8c1f0e.js` for 47 minutes. The key
was rolled at 14:52 UTC. The exposed (now revoked) key was:

    @@sk@@

The replacement key is stored in Vault at `secret/payments/stripe` and ends in `...Xr4t`.

## Timeline (UTC)

- 14:05 deploy `a41c9e2b7f0d3e6c8b5a1f4e7d2c9b0a3e6f1d8c` goes out
- 14:38 secret scanner alert on CDN asset
- 14:52 key rolled (`sk_live_51...9Kq2` -> `sk_live_51...Xr4t`)

## Follow-ups

- [x] add `sk_live_` to the bundle-size check deny-list
- [ ] move checkout to server-only key usage
""", sk=S("stripe", sk)))

    emit("docs/rotating-keys.rst", """\
Rotating credentials
====================

.. warning::
   Never paste a full token into a ticket. Use the last four characters, e.g. ``ghp_...a9Zq``.

GitHub
------

Fine-grained tokens look like ``github_pat_11XXXXXXX_...`` and classic tokens like
``ghp_************************************``. Rotate with::

    gh auth refresh -h github.com -s repo,read:org

AWS
---

Access keys are 20 characters starting with ``AKIA`` (long-term) or ``ASIA`` (temporary).
Example from the AWS docs: ``AKIAIOSFODNN7EXAMPLE``.

Database passwords
------------------

.. code-block:: bash

   NEW_PASSWORD="$(openssl rand -base64 24)"
   psql -c "ALTER USER app WITH PASSWORD '${NEW_PASSWORD}'"
   vault kv put secret/db/app password="${NEW_PASSWORD}"

Placeholders used in runbooks: ``<password>``, ``${DB_PASSWORD}``, ``{{ db_password }}``, ``REPLACE_ME``.
""")

    emit("docs/architecture.md", """\
# Architecture

```
browser --> CDN --> web (Next.js) --> api (FastAPI) --> postgres
                                   \\-> payments (Go) --> Stripe / Square
```

- Service accounts are identified by UUID, e.g. `a3f1c9e2-7b4d-4e8a-9c6f-2d1e0b9a8c7f`.
- Images are pinned by digest: `ghcr.io/northwind/api@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08`.
- Release `v2.14.0` corresponds to commit `e83c5163316f89bfbde7d9ab23ca2e25604af290`.
- Public JWKS: https://auth.northwind-labs.io/.well-known/jwks.json
- The `password_reset_token` table stores only SHA-256 hashes of tokens.
- Feature flag service key names: `flag_api_key_header`, `secret_manager_arn`.
""")

    emit("CHANGELOG.md", """\
# Changelog

## [2.14.0] - 2024-11-04
### Added
- Checkout v2 (#1432, 7c9e2f1)
- Support for Stripe restricted keys in the reporting cron (#1440)
### Fixed
- Token refresh race in the web client (#1437, commit 1b6453892473a467d07372d45eb05abc2031647a)
- Password reset emails were sent twice (#1429)

## [2.13.2] - 2024-10-21
### Security
- Bumped `jsonwebtoken` to 9.0.2 (GHSA-8cf7-32gw-wr33)
- Rotated all CI tokens after the incident on 2024-09-18
""")

    pg_pw = pw(url_safe=True)
    emit("docs/runbooks/db-failover.md", fill("""\
# Runbook: Postgres failover

1. Confirm the primary is down: `pg_isready -h pg-billing.@@dom@@`.
2. Promote the replica:

   ```bash
   patronictl -c /etc/patroni.yml failover --candidate pg-billing-2 --force
   ```

3. Verify writes using the break-glass account (stored in the vault, copied here during the
   2024-06 outage and never removed):

   ```bash
   psql "postgresql://breakglass:@@pw@@@pg-billing-2.@@dom@@:5432/billing?sslmode=require" -c "select 1"
   ```

4. Update the DNS record `pg-billing.@@dom@@` (TTL 60).
5. Page the DBA on-call if replication lag > 30s.
""", dom=DOMAIN, pw=S("uri-credentials", pg_pw, needle=f"breakglass:{pg_pw}@")))


def build_logs():
    bearer = jwt("HS256", {"sub": ruuid(), "role": "admin", "org": "northwind", "iat": 1727870400, "exp": 1727956800})
    basic = b64("svc-reporting:" + pw(url_safe=True))
    lines = []
    for i in range(6):
        lines.append(f'2024-10-02T08:1{i}:0{i}.{R.randint(100, 999)}Z INFO  request_id={ruuid()} method=GET path=/v2/orders status=200 duration_ms={R.randint(5, 90)}')
    lines.append(f'2024-10-02T08:17:44.201Z DEBUG request_id={ruuid()} headers={{"host": "api.northwind-labs.io", "authorization": "Bearer {S("jwt", bearer)}", "user-agent": "okhttp/4.12.0"}}')
    lines.append(f'2024-10-02T08:17:44.209Z WARN  request_id={ruuid()} token expired for sub=svc-mobile, issuing refresh')
    lines.append(f'2024-10-02T08:18:02.331Z DEBUG request_id={ruuid()} upstream call GET https://reporting.internal/v1/export Authorization: Basic {S("generic", basic)}')
    lines.append(f'2024-10-02T08:18:05.002Z ERROR request_id={ruuid()} trace_id={sha(32)} span_id={sha(16)} upstream timeout after 5000ms')
    lines.append(f'2024-10-02T08:18:06.114Z INFO  request_id={ruuid()} Authorization: Bearer [REDACTED] path=/v2/admin status=403')
    lines.append(f'2024-10-02T08:19:00.000Z INFO  cache hit ratio=0.93 keys=48213 evicted=120 commit={sha(40)}')
    emit("logs/api-2024-10-02.log", "\n".join(lines))

    npm_tok = npm()
    emit("logs/ci/build-8812.log", fill("""\
2024-11-04T10:00:01.112Z ##[group]Run actions/checkout@v4
2024-11-04T10:00:01.113Z with:
2024-11-04T10:00:01.113Z   repository: northwind/web
2024-11-04T10:00:01.113Z   token: ***
2024-11-04T10:00:03.554Z ##[endgroup]
2024-11-04T10:00:04.002Z ##[group]Run printenv | sort   # debugging the publish step
2024-11-04T10:00:04.010Z CI=true
2024-11-04T10:00:04.010Z GITHUB_SHA=7d1a0c5e3b9f2e8d4c6a0b1f3e5d7c9a2b4f6e8d
2024-11-04T10:00:04.010Z NODE_AUTH_TOKEN=@@npm@@
2024-11-04T10:00:04.010Z NPM_CONFIG_USERCONFIG=/home/runner/work/_temp/.npmrc
2024-11-04T10:00:04.011Z RUNNER_TEMP=/home/runner/work/_temp
2024-11-04T10:00:04.011Z SENTRY_AUTH_TOKEN=***
2024-11-04T10:00:04.011Z ##[endgroup]
2024-11-04T10:00:09.870Z npm notice Publishing to https://registry.npmjs.org/ with tag latest and public access
2024-11-04T10:00:11.402Z + @northwind/sdk@2.14.0
""", npm=S("npm", npm_tok)))


def build_config():
    emit("config/app.ini", fill("""\
; Legacy reporting service configuration
[general]
name = reporting
debug = false
workers = 4

[database]
host = mysql-reporting.@@dom@@
port = 3306
user = reporting
password = @@dbpw@@

[smtp]
host = smtp.mailgun.org
port = 587
username = postmaster@mg.@@dom@@
password = @@smtp@@

[api]
token_header = X-Api-Token
api_key = @@ak@@
secret = ${REPORTING_SECRET}
""", dom=DOMAIN, dbpw=S("generic", pw()), smtp=S("generic", pw()), ak=S("generic", rs(AN, 32))))

    emit("config/app.toml", fill("""\
[server]
host = "0.0.0.0"
port = 8088

[auth]
jwt_secret = "@@jwt@@"
token_ttl = "1h"
password_min_length = 12

[stripe]
secret_key = "@@sk@@"
publishable_key = "@@pk@@"

[shopify]
api_version = "2024-10"
api_secret_key = "@@shss@@"
access_token = "@@shca@@"

[square]
access_token = "@@sq@@"
""", jwt=S("generic", rs(AN + "-_", 44)), sk=S("stripe", stripe("sk", long=False)), pk=stripe_pk(),
        shss=S("shopify", shopify("shpss")), shca=S("shopify", shopify("shpca")), sq=S("square", square("sq0atp"))))

    emit("config/sentry.properties", fill("""\
defaults.url=https://sentry.io/
defaults.org=northwind
defaults.project=android-app
auth.token=@@t@@
""", t=S("sentry", sentry_org())))

    emit("config/log4j2.xml", """\
<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="WARN">
  <Appenders>
    <Console name="Console" target="SYSTEM_OUT">
      <PatternLayout pattern="%d{ISO8601} %-5level [%t] %c{1} - %replace{%msg}{(password|token)=\\S+}{$1=****}%n"/>
    </Console>
  </Appenders>
  <Loggers>
    <Root level="info"><AppenderRef ref="Console"/></Root>
  </Loggers>
</Configuration>
""")

    def sa_json(project):
        lines, _ = pem("PKCS8")
        key = "\n".join(lines) + "\n"
        S("gcp", lines[1], needle=lines[1], anchor="-----BEGIN")
        email = f"{R.choice(['firebase-adminsdk-x7k2p', 'terraform', 'bq-loader'])}@{project}.iam.gserviceaccount.com"
        return json.dumps({
            "type": "service_account", "project_id": project, "private_key_id": rs(HEX, 40),
            "private_key": key, "client_email": email, "client_id": digits(21),
            "auth_uri": "https://accounts.google.com/o/oauth2/auth",
            "token_uri": "https://oauth2.googleapis.com/token",
            "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
            "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/" + email.replace("@", "%40"),
            "universe_domain": "googleapis.com"}, indent=2) + "\n"

    emit("config/firebase/service-account.json", sa_json("northwind-mobile-prod"))
    emit("infra/terraform/gcp/terraform-sa.json", sa_json("northwind-data-platform"))

    emit("mobile/android/keystore.properties", fill("""\
storeFile=../keys/release.jks
storePassword=@@sp@@
keyAlias=northwind-release
keyPassword=@@kp@@
""", sp=S("generic", pw()), kp=S("generic", pw())))

    emit("mobile/android/local.properties", """\
## This file must *NOT* be checked into Version Control Systems,
sdk.dir=/Users/mchen/Library/Android/sdk
flutter.versionName=3.4.1
flutter.versionCode=341
""")

    emit("mobile/ios/Config/Secrets.xcconfig", fill("""\
// Build-time secrets (should be injected by CI, not committed)
SENTRY_DSN_HOST = o4507112233.ingest.us.sentry.io
REVENUECAT_PUBLIC_KEY = appl_$(REVENUECAT_SUFFIX)
BACKEND_CLIENT_SECRET = @@cs@@
""", cs=S("generic", rs(AN, 40))))


# ============================================================================
# lookalikes (wrong CRC32) next to real checksummed tokens
# ============================================================================
def build_lookalikes():
    emit("scripts/check_token_format.py", fill('''\
"""Offline validator for GitHub / npm token checksums (no network calls).

The vectors in BAD_VECTORS are tokens with corrupted checksums -- they were
produced by flipping a character and must be rejected.
"""
import binascii

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def b62(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = ALPHABET[r] + out
    return out.rjust(6, "0")


def valid(token: str) -> bool:
    prefix, _, rest = token.partition("_")
    body, check = rest[:-6], rest[-6:]
    return b62(binascii.crc32(body.encode())) == check


BAD_VECTORS = [
    "@@l1@@",
    "@@l2@@",
    "@@l3@@",
]

if __name__ == "__main__":
    for t in BAD_VECTORS:
        assert not valid(t), t
    print("ok")
''', l1=L("github-lookalike", checksummed_bad("ghp_")), l2=L("github-lookalike", checksummed_bad("gho_")),
        l3=L("npm-lookalike", checksummed_bad("npm_"))))

    emit("apps/web/.env.staging", fill("""\
# staging -- tokens here were mistyped when copied from the wiki and never worked
NEXT_PUBLIC_SITE_URL=https://staging.shop.@@dom@@
GITHUB_TOKEN=@@l1@@
NPM_TOKEN=@@l2@@
STRIPE_SECRET_KEY=${STAGING_STRIPE_SECRET_KEY}
SENTRY_ENVIRONMENT=staging
""", dom=DOMAIN, l1=L("github-lookalike", checksummed_bad("ghp_")), l2=L("npm-lookalike", checksummed_bad("npm_"))))

    emit("chats/pairing-session-2024-07-03.txt", fill("""\
[14:02] aokafor: can you try the deploy token? I read it off my screen: @@l1@@
[14:03] tnguyen: "Bad credentials" -- I think you mistyped a char
[14:04] aokafor: ugh, try this one: @@l2@@
[14:05] tnguyen: still bad. just paste it in 1password
[14:06] aokafor: the app token from the installation page maybe? @@l3@@
[14:09] tnguyen: no. it's in 1password now, forget it
""", l1=L("github-lookalike", checksummed_bad("ghs_")), l2=L("github-lookalike", checksummed_bad("ghs_")),
        l3=L("github-lookalike", checksummed_bad("ghu_"))))

    emit("infra/ci/token-inventory.yaml", fill("""\
# Inventory of CI tokens. Values are OCR'd from screenshots for the audit and are NOT usable.
tokens:
  - name: release-bot
    kind: github-refresh
    value: @@l1@@
  - name: renovate
    kind: github-user-to-server
    value: @@l2@@
  - name: publish
    kind: npm-automation
    value: @@l3@@
  - name: docs-publish
    kind: npm-publish
    value: @@l4@@
  - name: mirror
    kind: github-classic
    value: @@l5@@
""", l1=L("github-lookalike", checksummed_bad("ghr_")), l2=L("github-lookalike", checksummed_bad("ghu_")),
        l3=L("npm-lookalike", checksummed_bad("npm_")), l4=L("npm-lookalike", checksummed_bad("npm_")),
        l5=L("github-lookalike", checksummed_bad("ghp_"))))

    emit("apps/web/src/lib/__fixtures__/auth.ts", fill("""\
// Fixtures for the token-format validator. These strings have broken checksums on purpose.
export const corruptedTokens = {
  classic: "@@l1@@",
  oauth: "@@l2@@",
  refresh: "@@l3@@",
  npm: "@@l4@@",
};

export const placeholderToken = "ghp_<token>";
""", l1=L("github-lookalike", checksummed_bad("ghp_")), l2=L("github-lookalike", checksummed_bad("gho_")),
        l3=L("github-lookalike", checksummed_bad("ghr_")), l4=L("npm-lookalike", checksummed_bad("npm_"))))


# ============================================================================
# extra hard-negative files
# ============================================================================
def build_negatives():
    emit("apps/chatbot/tests/test_config.py", '''\
import os

import pytest

from app.config import Settings, get_token


@pytest.fixture(autouse=True)
def env(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-xxxxxxxxxxxxxxxxxxxxxxxx")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "dummy")
    monkeypatch.setenv("SERVICE_ACCESS_TOKEN", "not-a-real-token")


def test_settings_reads_env():
    s = Settings()
    assert s.openai_api_key.startswith("sk-")
    assert s.max_tokens == 2048


def test_get_token(monkeypatch):
    monkeypatch.setenv("SERVICE_ACCESS_TOKEN", "placeholder")
    assert get_token() == "placeholder"


def test_password_policy():
    password = "changeme"
    assert len(password) < 12
    api_key = os.environ.get("OPENAI_API_KEY", "<your-api-key>")
    assert api_key
''')

    users = []
    for u in USERS:
        users.append({"id": ruuid(), "username": u, "email": f"{u}@northwind-labs.io",
                      "avatar_sha256": sha(64), "created_at": "2023-0%d-1%dT09:00:00Z" % (R.randint(1, 9), R.randint(0, 9)),
                      "api_key_id": "key_" + rs(LO + DG, 12), "has_password": True, "mfa": R.choice([True, False])})
    emit("data/fixtures/users.json", json.dumps(users, indent=2) + "\n")

    emit("data/i18n/en.json", json.dumps({
        "login.password": "Password", "login.password_hint": "At least 12 characters",
        "login.forgot_password": "Forgot your password?", "session.token_expired": "Your session has expired.",
        "settings.api_key": "API key", "settings.api_key_help": "Keys start with nw_live_ and are shown only once.",
        "settings.secret": "Client secret", "settings.regenerate": "Regenerate token"}, indent=2) + "\n")

    n = b64url(rbytes(256))
    emit("apps/web/public/.well-known/jwks.json", json.dumps({"keys": [
        {"kty": "RSA", "use": "sig", "alg": "RS256", "kid": rs(B64U, 22), "n": n, "e": "AQAB"},
        {"kty": "EC", "use": "sig", "alg": "ES256", "kid": rs(B64U, 22), "crv": "P-256",
         "x": b64url(rbytes(32)), "y": b64url(rbytes(32))}]}, indent=2) + "\n")

    cert_body = "".join(cert_pem()[1:-1])
    emit("config/saml/idp-metadata.xml", fill("""\
<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="http://www.okta.com/exk9x2b4c6d8e0f1g2h3">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data>
          <ds:X509Certificate>@@cert@@</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://northwind.okta.com/app/northwind_app/exk9x2b4c6d8e0f1g2h3/sso/saml"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
""", cert=cert_body))

    emit("docs/openapi.yaml", """\
openapi: 3.1.0
info:
  title: Northwind API
  version: 2.14.0
servers:
  - url: https://api.northwind-labs.io/v2
components:
  securitySchemes:
    bearerAuth:
      type: http
      scheme: bearer
      bearerFormat: JWT
    apiKeyAuth:
      type: apiKey
      in: header
      name: X-Api-Key
  schemas:
    TokenResponse:
      type: object
      properties:
        access_token:
          type: string
          example: "<access-token>"
        token_type:
          type: string
          example: Bearer
        refresh_token:
          type: string
          example: "<refresh-token>"
        expires_in:
          type: integer
          example: 3600
    LoginRequest:
      type: object
      required: [username, password]
      properties:
        username: {type: string, example: jdoe}
        password: {type: string, format: password, example: "********"}
security:
  - bearerAuth: []
""")

    emit("services/payments-go/internal/auth/handler.go", """\
package auth

import (
	"crypto/subtle"
	"net/http"
	"os"
	"strings"
)

var apiToken = os.Getenv("PAYMENTS_API_TOKEN")

const (
	headerAuthorization = "Authorization"
	bearerPrefix        = "Bearer "
	// Well-known SHA-256 of the empty string, used in tests.
	emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
)

func Login(w http.ResponseWriter, r *http.Request) {
	username := r.FormValue("username")
	password := r.FormValue("password")
	if !check(username, password) {
		http.Error(w, "invalid credentials", http.StatusUnauthorized)
		return
	}
}

func Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := strings.TrimPrefix(r.Header.Get(headerAuthorization), bearerPrefix)
		if subtle.ConstantTimeCompare([]byte(token), []byte(apiToken)) != 1 {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func check(u, p string) bool { return u != "" && p != "" }
""")

    pl = ["lockfileVersion: '9.0'", "", "settings:", "  autoInstallPeers: true", "", "packages:", ""]
    for name, ver in [("zod", "3.23.8"), ("clsx", "2.1.1"), ("date-fns", "4.1.0"), ("nanoid", "5.0.8"),
                      ("jose", "5.9.6"), ("dotenv", "16.4.5")]:
        pl += [f"  {name}@{ver}:", f"    resolution: {{integrity: {integrity()}}}", ""]
    emit("packages/ui/pnpm-lock.yaml", "\n".join(pl))

    emit("packages/ui/src/constants.ts", f"""\
// Build metadata and non-secret identifiers.
export const BUILD_SHA = "{sha(40)}";
export const RELEASE = "2.14.0+build.{R.randint(1000, 9999)}";
export const SESSION_COOKIE = "nw_session";
export const CSRF_HEADER = "X-CSRF-Token";
export const TOKEN_STORAGE_KEY = "nw.auth.token";
export const PASSWORD_FIELD = "password";
export const DEFAULT_AVATAR_HASH = "{sha(32)}";
export const TRACKING_ID = "G-7QK2M9XH3B";
export const STRIPE_PUBLISHABLE_KEY = "{stripe_pk()}";
export const STRIPE_TEST_PUBLISHABLE_KEY = "pk_test_{rs(AN, 24)}";
export const SAMPLE_B64 = "{b64('The quick brown fox jumps over the lazy dog, again and again.')}";
export const INSTALL_ID = "{ruuid()}";
export const ACCESS_TOKEN_TTL = 900;
export const apiKeyPattern = /^nw_(live|test)_[A-Za-z0-9]{{32}}$/;
""")

    emit("apps/chatbot/.env.test", """\
OPENAI_API_KEY=sk-test-key
ANTHROPIC_API_KEY=test
PINECONE_API_KEY=pc-key-for-tests
DATABASE_URL=postgresql://postgres:postgres@localhost:5432/chatbot_test
SECRET_KEY=insecure-test-secret-key
JWT_SECRET=secret
REDIS_PASSWORD=
""")

    emit("infra/k8s/external-secret.yaml", """\
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: api-keys
  namespace: chatbot
spec:
  refreshInterval: 1h
  secretStoreRef:
    name: aws-secrets-manager
    kind: ClusterSecretStore
  target:
    name: api-keys
  data:
    - secretKey: OPENAI_API_KEY
      remoteRef: {key: prod/chatbot, property: openai_api_key}
    - secretKey: ANTHROPIC_API_KEY
      remoteRef: {key: prod/chatbot, property: anthropic_api_key}
    - secretKey: password
      remoteRef: {key: prod/chatbot/db, property: password}
""")


# ============================================================================
# main
# ============================================================================
BUILDERS = [build_chatbot, build_web, build_go, build_java, build_php, build_ruby, build_dotnet, build_rust,
            build_scripts, build_terraform, build_k8s, build_helm, build_ansible_docker, build_monitoring,
            build_ci, build_agents, build_chats, build_home, build_etc, build_docs, build_logs, build_config,
            build_lookalikes, build_negatives]

KNOWN_PREFIXES = ["sk-proj-", "sk-svcacct-", "sk-admin-", "sk-ant-api03-", "sk-ant-admin01-", "sk-or-v1-",
                  "pypi-AgEIcHlwaS5vcmcCJ", "ATATT3xFfGF0", "hvs.CAESI", "FlyV1 fm2_lJPE", "IQoJb3JpZ2luX2VjE"]


def self_check():
    import re
    problems = []
    exp_lines = {(e["path"], e["line"]) for e in EXPECTED}
    look_lines = {(e["path"], e["line"]) for e in LOOKALIKES}
    if exp_lines & look_lines:
        problems.append(f"expected/lookalike overlap: {sorted(exp_lines & look_lines)[:5]}")
    # every occurrence of every planted needle must be on a labelled line
    for path, text in FILES.items():
        lines = text.split("\n")
        for needle in set(ALL_NEEDLES):
            if needle in text:
                for i, ln in enumerate(lines):
                    if needle in ln and (path, i + 1) not in exp_lines:
                        # PEM bodies: only the BEGIN line is labelled
                        if not any(e["path"] == path and e["line"] < i + 1 for e in EXPECTED):
                            problems.append(f"unlabelled occurrence {path}:{i + 1}")
    # checksum sanity for every gh*/npm_ token-shaped string in the corpus
    pat = re.compile(r"(?<![A-Za-z0-9_])((?:gh[pousr]|npm)_[A-Za-z0-9]{36})(?![A-Za-z0-9_])")
    for path, text in FILES.items():
        for i, ln in enumerate(text.split("\n")):
            for m in pat.finditer(ln):
                tok = m.group(1)
                if "XXXX" in tok.upper():
                    continue  # documentation placeholder, not a token
                body, chk = tok[4:-6], tok[-6:]
                ok = crc_b62(body) == chk
                where = (path, i + 1)
                if ok and where not in exp_lines:
                    problems.append(f"valid checksummed token on unlabelled line {where}")
                if not ok and where not in look_lines:
                    problems.append(f"bad-checksum token not listed as lookalike {where}")
    # placeholder-ish words inside planted values
    for prov, val in PLANTED_VALUES:
        v = val
        for p in KNOWN_PREFIXES:
            if v.startswith(p):
                v = v[len(p):]
        if v.startswith("b3BlbnNzaC1rZXktdjE"):  # fixed openssh-key-v1 header
            v = v[100:]
        if len(v) > 400:  # PEM-derived / base64 blobs: only check the head
            v = v[:400]
        if not clean(v):
            problems.append(f"placeholder-like substring in {prov} value {val[:30]}...")
    # structured files must parse
    for path, text in FILES.items():
        if path.endswith((".json", ".ipynb")):
            try:
                json.loads(text)
            except ValueError as e:
                problems.append(f"invalid JSON {path}: {e}")
        if path.endswith(".jsonl"):
            for ln in text.strip().split("\n"):
                json.loads(ln)
    return problems


def main():
    for b in BUILDERS:
        b()
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    for path, text in sorted(FILES.items()):
        dest = OUT / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
    key = lambda e: (e["path"], e["line"], e["provider"])
    with open(OUT / "expected.jsonl", "w", encoding="utf-8") as f:
        for e in sorted(EXPECTED, key=key):
            f.write(json.dumps(e) + "\n")
    with open(OUT / "lookalikes.jsonl", "w", encoding="utf-8") as f:
        for e in sorted(LOOKALIKES, key=key):
            f.write(json.dumps(e) + "\n")
    problems = self_check()
    providers = sorted({e["provider"] for e in EXPECTED})
    exts = sorted({(Path(p).suffix or Path(p).name) for p in FILES})
    print(f"files: {len(FILES)}  planted rows: {len(EXPECTED)}  planted values: {len(PLANTED_VALUES)}  "
          f"providers: {len(providers)}  lookalikes: {len(LOOKALIKES)}")
    print("providers:", ", ".join(providers))
    print("file kinds:", " ".join(exts))
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
