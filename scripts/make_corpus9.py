#!/usr/bin/env python3
"""Generate fixtures/corpus9: an independent secrets-scanner test corpus.

Style: the shared drive and monorepo of a small consultancy ("Foxglove Digital")
that looks after many small client projects in many languages.

Every secret in this corpus is random data generated here that only mimics a
provider's documented token format. Nothing in it is a real credential.

Outputs (all under fixtures/corpus9/, which is wiped and rewritten):
  * the corpus files
  * expected.jsonl   - one {"path","line","provider"} object per planted secret line
  * lookalikes.jsonl - checksummed-format tokens with a deliberately WRONG checksum

Deterministic: fixed seed, fixed timestamps, stable ordering.
Standard library only.

Usage: python3 scripts/make_corpus9.py [--manifest /tmp/manifest.json]
  --manifest writes (outside the corpus) the planted values, for verification.
"""

import base64
import hashlib
import json
import shutil
import string
import struct
import sys
import textwrap
import uuid
import zlib
from pathlib import Path
import random

SEED = 90909
R = random.Random(SEED)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "corpus9"

# ---------------------------------------------------------------------------
# alphabets and random helpers
# ---------------------------------------------------------------------------
DIG = string.digits
LOW = string.ascii_lowercase
UP = string.ascii_uppercase
LET = string.ascii_letters
ALNUM = string.ascii_letters + string.digits
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase  # 0-9A-Za-z
HEX = "0123456789abcdef"
HEXU = "0123456789ABCDEF"
B64CH = UP + LOW + DIG + "+/"
URLS = ALNUM + "-_"
B32L = "abcdefghijklmnopqrstuvwxyz234567"
B32U = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
BECH32U = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"
PWSYM = ALNUM + "!*+-_.~^"

# substrings that make a value look like a placeholder; planted values never contain them
BANNED = ("test", "example", "xxxx", "1234", "dummy", "fake", "sample", "abcd",
          "0000", "changeme", "secret", "passw", "demo", "your", "placeholder",
          "redact", "todo", "null", "none", "mock", "fixme", "lorem", "foo", "bar")


def clean(s):
    low = s.lower()
    return not any(b in low for b in BANNED)


def rs(n, alpha=ALNUM):
    while True:
        s = "".join(R.choice(alpha) for _ in range(n))
        if clean(s):
            return s


def rbytes(n):
    return bytes(R.getrandbits(8) for _ in range(n))


def rdigits(n):
    while True:
        s = str(R.randint(1, 9)) + "".join(R.choice(DIG) for _ in range(n - 1))
        if clean(s):
            return s


def ruuid():
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


def sha1hex():
    return rbytes(20).hex()


def b64(b):
    if isinstance(b, str):
        b = b.encode()
    return base64.b64encode(b).decode()


def b64url(b):
    if isinstance(b, str):
        b = b.encode()
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def b64clean(nbytes):
    while True:
        s = b64(rbytes(nbytes))
        if clean(s):
            return s


def to_b62(n, width=6):
    s = ""
    while n:
        n, r = divmod(n, 62)
        s = B62[r] + s
    return s.rjust(width, "0")


def pw(n=None, alpha=PWSYM):
    n = n or R.randint(14, 22)
    while True:
        s = rs(n, alpha)
        if any(c in DIG for c in s) and any(c in UP for c in s) and any(c in LOW for c in s):
            return s


def pw_url(n=None):
    return pw(n, ALNUM + "-_")


def T(tpl, **kw):
    """dedent a template and substitute @@NAME@@ markers (no brace escaping needed)."""
    s = textwrap.dedent(tpl)
    if s.startswith("\n"):
        s = s[1:]
    for k, v in kw.items():
        s = s.replace("@@" + k + "@@", str(v))
    assert "@@" not in s, s[:200]
    return s


# ---------------------------------------------------------------------------
# planting registry
# ---------------------------------------------------------------------------
PLANTED = []  # {"provider","needle","kind","pem"}
FILES = {}    # relpath -> text


def P(provider, value, needle=None, pem=False):
    """register a planted (expected) secret and return it."""
    PLANTED.append({"provider": provider, "needle": needle or value,
                    "kind": "expected", "pem": pem})
    return value


def LA(provider, value):
    PLANTED.append({"provider": provider, "needle": value, "kind": "lookalike", "pem": False})
    return value


def W(path, text):
    assert path not in FILES, path
    if not text.endswith("\n"):
        text += "\n"
    FILES[path] = text


# ---------------------------------------------------------------------------
# provider token generators (formats from public documentation)
# ---------------------------------------------------------------------------
def gh_checksummed(prefix, wrong=False):
    body = rs(30, B62)
    cs = to_b62(zlib.crc32(body.encode()) & 0xFFFFFFFF)
    if wrong:
        while True:
            bad = rs(6, B62)
            if bad != cs:
                cs = bad
                break
    return prefix + body + cs


def github(prefix="ghp_"):
    return P("github", gh_checksummed(prefix))


def github_pat():
    return P("github", "github_pat_11" + rs(20, UP + DIG) + "_" + rs(59))


def npm():
    return P("npm", gh_checksummed("npm_"))


def openai(kind="legacy"):
    if kind == "legacy":
        v = "sk-" + rs(20) + "T3BlbkFJ" + rs(20)
    elif kind == "proj":
        v = "sk-proj-" + rs(74, URLS) + "T3BlbkFJ" + rs(74, URLS)
    elif kind == "proj48":
        v = "sk-proj-" + rs(48, ALNUM) + "T3BlbkFJ" + rs(48, ALNUM)
    elif kind == "svcacct":
        v = "sk-svcacct-" + rs(74, URLS) + "T3BlbkFJ" + rs(74, URLS)
    else:
        v = "sk-admin-" + rs(74, URLS) + "T3BlbkFJ" + rs(74, URLS)
    return P("openai", v)


def anthropic(admin=False):
    if admin:
        return P("anthropic", "sk-ant-admin01-" + rs(93, URLS) + "AA")
    return P("anthropic", "sk-ant-api03-" + rs(93, URLS) + "AA")


def google():
    return P("google", "AIzaSy" + rs(33, URLS))


def hf(org=False):
    return P("huggingface", ("api_org_" if org else "hf_") + rs(34, LET))


def groq():
    return P("groq", "gsk_" + rs(52))


def xai():
    return P("xai", "xai-" + rs(80))


def replicate():
    return P("replicate", "r8_" + rs(37))


def perplexity():
    return P("perplexity", "pplx-" + rs(48))


def openrouter():
    return P("openrouter", "sk-or-v1-" + rs(64, HEX))


def langsmith(kind="pt"):
    return P("langsmith", "lsv2_%s_" % kind + rs(32, HEX) + "_" + rs(10, HEX))


def pinecone(legacy=False):
    if legacy:
        return P("pinecone", ruuid())
    return P("pinecone", "pcsk_" + rs(5) + "_" + rs(63))


def mistral():
    return P("mistral", rs(32))


def cohere():
    return P("cohere", rs(40))


def deepseek():
    return P("deepseek", "sk-" + rs(32, HEX))


def together(new=False):
    if new:
        return P("together", "tgp_v1_" + rs(43, URLS))
    return P("together", rs(64, HEX))


def fireworks():
    return P("fireworks", "fw_" + rs(24))


def azure_openai():
    return P("azure-openai", rs(32, HEX))


def bedrock():
    raw = "BedrockAPIKey-" + rs(4, LOW + DIG) + "-at-" + rdigits(12) + ":" + rs(40, ALNUM + "+/")
    return P("aws-bedrock", "ABSK" + b64(raw))


def wandb():
    return P("wandb", rs(40, HEX))


def elevenlabs():
    return P("elevenlabs", "sk_" + rs(48, HEX))


def tavily(dev=False):
    return P("tavily", ("tvly-dev-" if dev else "tvly-") + rs(32))


def firecrawl():
    return P("firecrawl", "fc-" + rs(32, HEX))


def jina():
    return P("jina", "jina_" + rs(32, HEX) + rs(28))


def voyage():
    return P("voyage", "pa-" + rs(43, URLS))


def langfuse():
    return P("langfuse", "sk-lf-" + ruuid())


def helicone():
    return P("helicone", "sk-helicone-" + "-".join(rs(7, LOW + DIG) for _ in range(4)))


AWS_ID_ALPHA = B32U


def aws_pair(temp=False):
    akid = ("ASIA" if temp else "AKIA") + rs(16, AWS_ID_ALPHA)
    sec = rs(40, ALNUM + "+/")
    return P("aws", akid), P("aws", sec)


def aws_session():
    return P("aws", "IQoJb3JpZ2luX2VjE" + rs(330, B64CH) + "==")


def azure_storage_key():
    return P("azure", b64clean(64))


def azure_ad_secret():
    return P("azure", rs(3) + "8Q~" + rs(34, ALNUM + "_.~-"))


def azure_devops_pat():
    return P("azure-devops", rs(52, B32L))


def digitalocean(kind="dop"):
    return P("digitalocean", kind + "_v1_" + rs(64, HEX))


def alibaba_pair():
    return P("alibaba", "LTAI5t" + rs(18)), P("alibaba", rs(30))


def cloudflare(kind="token"):
    if kind == "token":
        return P("cloudflare", rs(40, URLS))
    if kind == "global":
        return P("cloudflare", rs(37, HEX))
    return P("cloudflare", "v1.0-" + rs(24, HEX) + "-" + rs(146, HEX))


def heroku(new=True):
    if new:
        return P("heroku", "HRKU-AA" + rs(58, URLS))
    return P("heroku", ruuid())


def flyio():
    return P("flyio", "FlyV1 fm2_lJPE" + rs(180, B64CH) + ",fm2_lJPE" + rs(140, B64CH))


def vercel():
    return P("vercel", rs(24))


def netlify():
    return P("netlify", "nfp_" + rs(36))


def tfc():
    return P("terraform-cloud", rs(14) + ".atlasv1." + rs(67))


def vault(kind="hvs"):
    if kind == "hvs":
        return P("vault", "hvs." + rs(24))
    if kind == "hvs-long":
        return P("vault", "hvs.CAESI" + rs(86, URLS))
    return P("vault", "hvb." + rs(138, URLS))


def doppler(kind="st"):
    if kind == "st":
        return P("doppler", "dp.st.prd." + rs(40))
    return P("doppler", "dp.%s." % kind + rs(43))


def databricks():
    return P("databricks", "dapi" + rs(32, HEX))


def gitlab(kind="glpat"):
    if kind == "glpat":
        return P("gitlab", "glpat-" + rs(20, URLS))
    if kind == "glptt":
        return P("gitlab", "glptt-" + rs(40, HEX))
    if kind == "reg":
        return P("gitlab", "GR1348941" + rs(20, URLS))
    return P("gitlab", kind + "-" + rs(20, URLS))


def bitbucket():
    return P("bitbucket", "ATBB" + rs(32) + rs(8, HEXU))


def atlassian():
    return P("atlassian", "ATATT3xFfGF0" + rs(170, URLS) + "=" + rs(8, HEXU))


def pypi():
    return P("pypi", "pypi-AgEIcHlwaS5vcmc" + rs(150, URLS))


def rubygems():
    return P("rubygems", "rubygems_" + rs(48, HEX))


def nuget():
    return P("nuget", "oy2" + rs(43, LOW + DIG))


def dockerhub():
    return P("dockerhub", "dckr_pat_" + rs(27, URLS))


def crates():
    return P("crates-io", "cio" + rs(32))


def jfrog(ref=False):
    if ref:
        return P("jfrog", b64("reftkn:01:" + str(R.randint(1780000000, 1899999999)) + ":" + rs(33)).rstrip("="))
    return P("jfrog", "AKCp" + rs(69))


def stripe(kind="sk"):
    if kind == "sk":
        return P("stripe", "sk_live_51" + rs(97))
    if kind == "rk":
        return P("stripe", "rk_live_51" + rs(97))
    return P("stripe", "whsec_" + rs(32))


def stripe_pk():  # publishable: NOT a secret
    return "pk_live_51" + rs(97)


def square(kind="eaaa"):
    if kind == "eaaa":
        return P("square", "EAAA" + rs(60, URLS))
    if kind == "csp":
        return P("square", "sq0csp-" + rs(43, URLS))
    return P("square", "sq0atp-" + rs(22, URLS))


def braintree():
    return P("braintree", "access_token$production$" + rs(16, LOW + DIG) + "$" + rs(32, HEX))


def paypal_secret():
    return P("paypal", "E" + rs(79, URLS))


def shopify(kind="shpat"):
    return P("shopify", kind + "_" + rs(32, HEX))


def slack(kind="xoxb"):
    if kind == "xoxb":
        v = "xoxb-" + rdigits(12) + "-" + rdigits(13) + "-" + rs(24)
    elif kind == "xoxp":
        v = "xoxp-" + rdigits(12) + "-" + rdigits(12) + "-" + rdigits(13) + "-" + rs(32, HEX)
    elif kind == "xapp":
        v = "xapp-1-A" + rs(10, UP + DIG) + "-" + rdigits(13) + "-" + rs(64, HEX)
    else:
        v = ("https://hooks.slack.com/services/T0" + rs(8, UP + DIG) + "/B0" + rs(8, UP + DIG)
             + "/" + rs(24))
    return P("slack", v)


def discord(kind="bot"):
    if kind == "bot":
        uid = rdigits(18)
        return P("discord", b64(uid).rstrip("=") + "." + rs(6, URLS) + "." + rs(38, URLS))
    return P("discord", "https://discord.com/api/webhooks/" + rdigits(19) + "/" + rs(68, URLS))


def telegram():
    return P("telegram", rdigits(10) + ":AA" + rs(33, URLS))


def twilio(kind="token"):
    if kind == "sk":
        return P("twilio", "SK" + rs(32, HEX))
    return P("twilio", rs(32, HEX))


def twilio_sid():  # identifier, not labelled on its own line
    return "AC" + rs(32, HEX)


def sendgrid():
    return P("sendgrid", "SG." + rs(22, URLS) + "." + rs(43, URLS))


def mailgun(new=False):
    if new:
        return P("mailgun", rs(32, HEX) + "-" + rs(8, HEX) + "-" + rs(8, HEX))
    return P("mailgun", "key-" + rs(32, HEX))


def mailchimp():
    return P("mailchimp", rs(32, HEX) + "-us" + str(R.randint(2, 21)))


def postmark():
    return P("postmark", ruuid())


def linear():
    return P("linear", "lin_api_" + rs(40))


def notion(new=True):
    if new:
        return P("notion", "ntn_" + rdigits(11) + rs(35))
    return P("notion", "secret_" + rs(43))


def postman():
    return P("postman", "PMAK-" + rs(24, HEX) + "-" + rs(34, HEX))


def newrelic(kind="nrak"):
    if kind == "nrak":
        return P("newrelic", "NRAK-" + rs(27, UP + DIG))
    return P("newrelic", rs(36, HEX) + "NRAL")


def datadog(kind="api"):
    return P("datadog", rs(32 if kind == "api" else 40, HEX))


def sentry(kind="org"):
    if kind == "org":
        claims = {"iat": R.randint(1700000000, 1720000000), "url": "https://sentry.io",
                  "region_url": "https://de.sentry.io", "org": "foxglove-digital"}
        return P("sentry", "sntrys_" + b64url(json.dumps(claims, separators=(",", ":")))
                 + "_" + rs(43, URLS))
    return P("sentry", "sntryu_" + rs(64, HEX))


def grafana(kind="glsa"):
    if kind == "glsa":
        return P("grafana", "glsa_" + rs(32) + "_" + rs(8, HEX))
    blob = {"o": rdigits(6), "n": "stack-" + rdigits(6) + "-hm-read", "k": rs(24),
            "m": {"r": "prod-eu-west-2"}}
    return P("grafana", "glc_" + b64(json.dumps(blob, separators=(",", ":"))))


def pagerduty(kind="user"):
    if kind == "user":
        return P("pagerduty", "u+" + rs(18, URLS))
    return P("pagerduty", rs(32, HEX))


def okta():
    return P("okta", "00" + rs(40, URLS))


def auth0():
    return P("auth0", rs(64, URLS))


def figma():
    return P("figma", "figd_" + rs(40, URLS))


def mapbox_sk():
    head = b64url(json.dumps({"u": "foxglove-mobile", "a": rs(25, LOW + DIG)}, separators=(",", ":")))
    return P("mapbox", "sk." + head + "." + rs(22, URLS))


def mapbox_pk():  # public token: NOT a secret
    head = b64url(json.dumps({"u": "foxglove-mobile", "a": rs(25, LOW + DIG)}, separators=(",", ":")))
    return "pk." + head + "." + rs(22, URLS)


def sonarqube():
    return P("sonarqube", "sqp_" + rs(40, HEX))


def jwt(payload, provider="jwt", alg="HS256", siglen=32):
    h = b64url(json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":")))
    p = b64url(json.dumps(payload, separators=(",", ":")))
    while True:
        s = b64url(rbytes(siglen))
        if clean(s):
            break
    return P(provider, h + "." + p + "." + s)


def supabase_service_role():
    ref = rs(20, LOW)
    iat = R.randint(1690000000, 1715000000)
    return jwt({"iss": "supabase", "ref": ref, "role": "service_role", "iat": iat,
                "exp": iat + 315360000}, provider="supabase")


def age_key():
    return P("age", "AGE-SECRET-KEY-1" + rs(58, BECH32U))


def age_pub():
    return "age1" + rs(58, BECH32U.lower())


def wrap(s, n=64):
    return "\n".join(s[i:i + n] for i in range(0, len(s), n))


def _pem(label, der, width=64, provider="private-key"):
    body = b64(der)
    while not clean(body[:width]):
        der = der[:16] + rbytes(len(der) - 16)
        body = b64(der)
    lines = wrap(body, width)
    text = "-----BEGIN %s-----\n%s\n-----END %s-----" % (label, lines, label)
    P(provider, text, needle=lines.split("\n")[0], pem=True)
    return text


def pem_rsa():
    return _pem("RSA PRIVATE KEY", bytes.fromhex("308204a40201000282010100") + rbytes(1180))


def pem_ec():
    der = (bytes.fromhex("30770201010420") + rbytes(32) + bytes.fromhex("a00a06082a8648ce3d030107a14403420004")
           + rbytes(64))
    return _pem("EC PRIVATE KEY", der)


def pem_pkcs8_rsa(provider="private-key"):
    der = bytes.fromhex("308204bd020100300d06092a864886f70d0101010500048204a7308204a30201000282010100") + rbytes(1180)
    return _pem("PRIVATE KEY", der, provider=provider)


def pem_pkcs8_ec():
    der = (bytes.fromhex("308193020100301306072a8648ce3d020106082a8648ce3d030107047930770201010420")
           + rbytes(32) + bytes.fromhex("a00a06082a8648ce3d030107a14403420004") + rbytes(64))
    return _pem("PRIVATE KEY", der)


def _sshstr(b):
    return struct.pack(">I", len(b)) + b


def pem_openssh(comment=b"deploy@foxglove"):
    pub = rbytes(32)
    pubblob = _sshstr(b"ssh-ed25519") + _sshstr(pub)
    chk = rbytes(4)
    priv = chk + chk + _sshstr(b"ssh-ed25519") + _sshstr(pub) + _sshstr(rbytes(32) + pub) + _sshstr(comment)
    priv += bytes(range(1, 1 + (8 - len(priv) % 8) % 8))
    der = (b"openssh-key-v1\x00" + _sshstr(b"none") + _sshstr(b"none") + _sshstr(b"")
           + struct.pack(">I", 1) + _sshstr(pubblob) + _sshstr(priv))
    # OpenSSH bodies start with a fixed magic, so uniqueness comes from the key material
    body = b64(der)
    lines = wrap(body, 70)
    text = "-----BEGIN OPENSSH PRIVATE KEY-----\n%s\n-----END OPENSSH PRIVATE KEY-----" % lines
    # the first body line is the constant magic; use the third line as the needle
    P("private-key", text, needle=lines.split("\n")[2], pem=True)
    return text


def ssh_pub_ed25519(comment):
    blob = _sshstr(b"ssh-ed25519") + _sshstr(rbytes(32))
    return "ssh-ed25519 " + b64(blob) + " " + comment


def public_key_pem():
    der = bytes.fromhex("30820122300d06092a864886f70d01010105000382010f003082010a0282010100") + rbytes(256) + bytes.fromhex("0203010001")
    return "-----BEGIN PUBLIC KEY-----\n%s\n-----END PUBLIC KEY-----" % wrap(b64(der))


def certificate_pem():
    der = bytes.fromhex("3082038a30820272a003020102") + rbytes(900)
    return "-----BEGIN CERTIFICATE-----\n%s\n-----END CERTIFICATE-----" % wrap(b64(der))


def putty_key():
    pub = b64(_sshstr(b"ssh-ed25519") + _sshstr(rbytes(32)))
    priv = b64(_sshstr(rbytes(32)))
    first = "PuTTY-User-Key-File-3: ssh-ed25519"
    text = "\n".join([first, "Encryption: none", "Comment: foxglove-bastion-jump",
                      "Public-Lines: 2", pub[:64], pub[64:], "Private-Lines: 1", priv,
                      "Private-MAC: " + rs(64, HEX)])
    P("putty", text, needle=priv, pem=True)
    return text


def git_sha():
    return sha1hex()


def integrity():
    return "sha512-" + b64(rbytes(64))


def indent(text, n):
    pad = " " * n
    return "\n".join(pad + ln if ln else ln for ln in text.split("\n"))


def jdump(obj, ind=2):
    return json.dumps(obj, indent=ind, ensure_ascii=False)


# ---------------------------------------------------------------------------
# notebook / chat-export helpers
# ---------------------------------------------------------------------------
def _src(text):
    lines = text.split("\n")
    return [ln + "\n" for ln in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def nb_code(src, outputs=None, n=None):
    return {"cell_type": "code", "execution_count": n, "id": rs(8, HEX), "metadata": {},
            "outputs": outputs or [], "source": _src(src)}


def nb_md(src):
    return {"cell_type": "markdown", "id": rs(8, HEX), "metadata": {}, "source": _src(src)}


def nb_stream(text, name="stdout"):
    return {"name": name, "output_type": "stream", "text": _src(text)}


def nb_result(text, n):
    return {"data": {"text/plain": _src(text)}, "execution_count": n, "metadata": {},
            "output_type": "execute_result"}


def nb_error(ename, evalue):
    return {"ename": ename, "evalue": evalue, "output_type": "error",
            "traceback": ["\u001b[0;31m---------------------------------------------------------------------------\u001b[0m",
                          "\u001b[0;31m%s\u001b[0m: %s" % (ename, evalue)]}


def notebook(cells, kernel="python3", lang="python"):
    meta = {"kernelspec": {"display_name": "Python 3 (ipykernel)" if lang == "python" else kernel,
                           "language": lang, "name": kernel},
            "language_info": {"name": lang}}
    return json.dumps({"cells": cells, "metadata": meta, "nbformat": 4, "nbformat_minor": 5},
                      indent=1, ensure_ascii=False)


TS0 = 1704067200  # 2024-01-01T00:00:00Z


def ts(day, sec=0):
    return TS0 + day * 86400 + sec


def iso(day, sec=0):
    import datetime
    return datetime.datetime.fromtimestamp(ts(day, sec), datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


# ===========================================================================
# A. larkspur-dental: Ruby on Rails patient portal
# ===========================================================================
def client_larkspur():
    base = "monorepo/clients/larkspur-dental/patient-portal/"
    W(base + "config/database.yml", T("""
        default: &default
          adapter: postgresql
          encoding: unicode
          pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>
          timeout: 5000

        development:
          <<: *default
          database: larkspur_portal_development
          username: larkspur
          password: changeme

        test:
          <<: *default
          database: larkspur_portal_test

        # staging runs on the small RDS instance until the client signs off the budget
        staging:
          <<: *default
          host: larkspur-staging.c7pqkz2vn1xr.eu-west-2.rds.amazonaws.com
          database: larkspur_portal_staging
          username: portal_app
          password: @@PW@@

        production:
          <<: *default
          url: <%= ENV["DATABASE_URL"] %>
          password: <%= ENV["LARKSPUR_DB_PASSWORD"] %>
        """, PW=P("generic", pw())))

    W(base + "config/master.key", P("rails", rs(32, HEX)))
    enc = b64(rbytes(420)) + "--" + b64(rbytes(12)) + "--" + b64(rbytes(16))
    W(base + "config/credentials.yml.enc", enc)

    pk = stripe_pk()
    W(base + "config/initializers/stripe.rb", T("""
        # frozen_string_literal: true

        # Stripe keys. The publishable key is safe to ship to the browser.
        Rails.configuration.stripe = {
          publishable_key: "@@PK@@",
          secret_key: ENV.fetch("STRIPE_SECRET_KEY") { "@@SK@@" }
        }

        Stripe.api_key = Rails.configuration.stripe[:secret_key]
        Stripe.api_version = "2024-04-10"
        Stripe.max_network_retries = 2

        STRIPE_WEBHOOK_SECRET =
          Rails.application.credentials.dig(:stripe, :webhook_secret) ||
          "@@WH@@"
        """, PK=pk, SK=stripe("sk"), WH=stripe("whsec")))

    akid, sec = aws_pair()
    W(base + "config/storage.yml", T("""
        local:
          service: Disk
          root: <%= Rails.root.join("storage") %>

        amazon:
          service: S3
          access_key_id: <%= Rails.application.credentials.dig(:aws, :access_key_id) %>
          secret_access_key: <%= Rails.application.credentials.dig(:aws, :secret_access_key) %>
          region: eu-west-2
          bucket: larkspur-portal-uploads-<%= Rails.env %>

        # x-ray archive bucket, separate IAM user (see ticket LD-212)
        xray_archive:
          service: S3
          access_key_id: @@AK@@
          secret_access_key: @@SK@@
          region: eu-west-2
          bucket: larkspur-xray-archive
        """, AK=akid, SK=sec))

    sid = twilio_sid()
    W(base + "app/services/sms_notifier.rb", T("""
        # frozen_string_literal: true

        require "twilio-ruby"

        class SmsNotifier
          FROM_NUMBER = "+441618500917"

          def initialize(client: nil)
            @client = client || Twilio::REST::Client.new("@@SID@@", "@@TOK@@")
          end

          def appointment_reminder(patient, appointment)
            body = I18n.t("sms.reminder", name: patient.first_name, at: appointment.starts_at.strftime("%-d %b %H:%M"))
            @client.messages.create(from: FROM_NUMBER, to: patient.mobile, body: body)
          rescue Twilio::REST::RestError => e
            Rails.logger.warn("sms failed patient=#{patient.id} code=#{e.code}")
            nil
          end
        end
        """, SID=sid, TOK=twilio("token")))

    W(base + ".env.development", T("""
        # local overrides - copied from 1Password "Larkspur dev" vault
        RAILS_ENV=development
        DATABASE_URL=postgres://larkspur:larkspur@localhost:5432/larkspur_portal_development
        REDIS_URL=redis://localhost:6379/0
        SECRET_KEY_BASE=@@SKB@@
        SENDGRID_API_KEY=@@SG@@
        SLACK_WEBHOOK_URL=@@SW@@
        MAILCHIMP_API_KEY=@@MC@@
        MAILCHIMP_LIST_ID=6b0f2e91c4
        GOOGLE_CLIENT_ID=318840117733-q8tdm1n6vhpl2c3ak0grb7e5so9f4u1j.apps.googleusercontent.com
        SKYLIGHT_ENABLED=false
        """, SKB=P("rails", rs(128, HEX)), SG=sendgrid(), SW=slack("webhook"), MC=mailchimp()))

    W(base + "config/deploy.rb", T("""
        # config valid for current version and patch releases of Capistrano
        lock "~> 3.18.0"

        set :application, "larkspur_portal"
        set :repo_url, "https://deploy-bot:@@GL@@@gitlab.com/foxglove/larkspur/patient-portal.git"
        set :branch, ENV.fetch("BRANCH", "main")
        set :deploy_to, "/srv/larkspur_portal"
        set :rbenv_ruby, File.read(".ruby-version").strip

        append :linked_files, "config/master.key", ".env.production"
        append :linked_dirs, "log", "tmp/pids", "tmp/cache", "tmp/sockets", "public/system", "storage"

        set :keep_releases, 5
        set :ssh_options, { forward_agent: true, user: "deploy", keys: %w[~/.ssh/larkspur_deploy] }
        """, GL=gitlab("glpat")))

    rk = stripe("rk")
    W(base + "spec/fixtures/vcr_cassettes/stripe/create_payment_intent.yml", T("""
        ---
        http_interactions:
        - request:
            method: post
            uri: https://api.stripe.com/v1/payment_intents
            body:
              encoding: UTF-8
              string: amount=4500&currency=gbp&customer=cus_Q2vbn8CkP0yXwa&automatic_payment_methods[enabled]=true
            headers:
              User-Agent:
              - Stripe/v1 RubyBindings/10.14.0
              Authorization:
              - Bearer @@RK@@
              Content-Type:
              - application/x-www-form-urlencoded
              Idempotency-Key:
              - 6f1de0a4-93b2-4c55-8f5e-0b7d2c9a1e44
          response:
            status:
              code: 200
              message: OK
            headers:
              Request-Id:
              - req_Vn4kQ0c8ZrTb2m
            body:
              encoding: UTF-8
              string: '{"id":"pi_3PFq2LHx8kYp1Bd20T7mVw4c","object":"payment_intent","amount":4500,"client_secret":"pi_3PFq2LHx8kYp1Bd20T7mVw4c_secret_[FILTERED]","status":"requires_payment_method"}'
          recorded_at: Tue, 14 May 2024 10:21:07 GMT
        recorded_with: VCR 6.2.0
        """, RK=rk))
    W(base + "spec/fixtures/vcr_cassettes/stripe/list_customers.yml", T("""
        ---
        http_interactions:
        - request:
            method: get
            uri: https://api.stripe.com/v1/customers?limit=10
            headers:
              Authorization:
              - Bearer <STRIPE_SECRET_KEY>
          response:
            status:
              code: 200
              message: OK
            body:
              encoding: UTF-8
              string: '{"object":"list","data":[],"has_more":false,"url":"/v1/customers"}'
          recorded_at: Tue, 14 May 2024 10:22:51 GMT
        recorded_with: VCR 6.2.0
        """))
    W(base + "spec/support/vcr.rb", T("""
        VCR.configure do |c|
          c.cassette_library_dir = "spec/fixtures/vcr_cassettes"
          c.hook_into :webmock
          c.filter_sensitive_data("<STRIPE_SECRET_KEY>") { ENV.fetch("STRIPE_SECRET_KEY", "sk_live_not_set") }
          c.filter_sensitive_data("<TWILIO_AUTH_TOKEN>") { ENV["TWILIO_AUTH_TOKEN"] }
        end
        """))

    gems = [("actioncable", "7.1.3.2"), ("actionmailer", "7.1.3.2"), ("actionpack", "7.1.3.2"),
            ("activerecord", "7.1.3.2"), ("aws-sdk-s3", "1.146.1"), ("bcrypt", "3.1.20"),
            ("bootsnap", "1.18.3"), ("capistrano", "3.18.1"), ("devise", "4.9.4"), ("nokogiri", "1.16.4"),
            ("pg", "1.5.6"), ("puma", "6.4.2"), ("rails", "7.1.3.2"), ("redis", "5.2.0"),
            ("sidekiq", "7.2.4"), ("stripe", "10.14.0"), ("twilio-ruby", "7.0.2"), ("vcr", "6.2.0")]
    spec = "\n".join("    %s (%s)" % g for g in gems)
    checks = "\n".join("  %s (%s) sha256=%s" % (g[0], g[1], rbytes(32).hex()) for g in gems)
    W(base + "Gemfile.lock", "GEM\n  remote: https://rubygems.org/\n  specs:\n" + spec +
      "\n\nPLATFORMS\n  arm64-darwin-23\n  x86_64-linux\n\nDEPENDENCIES\n" +
      "\n".join("  " + g[0] for g in gems) + "\n\nCHECKSUMS\n" + checks +
      "\n\nRUBY VERSION\n   ruby 3.3.1p55\n\nBUNDLED WITH\n   2.5.9\n")


K = {}  # values shared between files (the same leaked key showing up twice)


# ===========================================================================
# B. quayside-freight: PHP / Laravel dispatch API
# ===========================================================================
def client_quayside():
    base = "monorepo/clients/quayside-freight/dispatch-api/"
    K["qs_appkey"] = P("laravel", "base64:" + b64clean(32))
    K["qs_dbpw"] = P("generic", pw())
    K["qs_mailgun"] = mailgun()
    akid, sec = aws_pair()
    K["qs_aws"] = (akid, sec)
    W(base + ".env", T("""
        APP_NAME="Quayside Dispatch"
        APP_ENV=production
        APP_KEY=@@APPKEY@@
        APP_DEBUG=false
        APP_URL=https://dispatch.quaysidefreight.co.uk

        LOG_CHANNEL=stack
        LOG_LEVEL=warning

        DB_CONNECTION=mysql
        DB_HOST=10.20.4.15
        DB_PORT=3306
        DB_DATABASE=dispatch
        DB_USERNAME=dispatch_app
        DB_PASSWORD=@@DBPW@@

        BROADCAST_DRIVER=pusher
        CACHE_DRIVER=redis
        QUEUE_CONNECTION=sqs
        SESSION_DRIVER=redis
        SESSION_LIFETIME=120

        REDIS_HOST=127.0.0.1
        REDIS_PASSWORD=null
        REDIS_PORT=6379

        MAIL_MAILER=mailgun
        MAILGUN_DOMAIN=mg.quaysidefreight.co.uk
        MAILGUN_SECRET=@@MG@@
        MAILGUN_ENDPOINT=api.eu.mailgun.net
        MAIL_FROM_ADDRESS="dispatch@quaysidefreight.co.uk"

        AWS_ACCESS_KEY_ID=@@AK@@
        AWS_SECRET_ACCESS_KEY=@@SK@@
        AWS_DEFAULT_REGION=eu-west-2
        SQS_PREFIX=https://sqs.eu-west-2.amazonaws.com/482913305511
        AWS_BUCKET=quayside-pod-images

        PUSHER_APP_ID=1764402
        PUSHER_APP_KEY=@@PUSHKEY@@
        PUSHER_APP_SECRET=@@PUSHSEC@@
        PUSHER_APP_CLUSTER=eu

        GOOGLE_MAPS_SERVER_KEY=@@GMAPS@@
        """, APPKEY=K["qs_appkey"], DBPW=K["qs_dbpw"], MG=K["qs_mailgun"], AK=akid, SK=sec,
        PUSHKEY=rs(20, HEX), PUSHSEC=P("pusher", rs(20, HEX)), GMAPS=google()))

    W(base + ".env.example", T("""
        APP_NAME=Laravel
        APP_ENV=local
        APP_KEY=
        APP_DEBUG=true
        APP_URL=http://localhost

        DB_CONNECTION=mysql
        DB_HOST=127.0.0.1
        DB_PORT=3306
        DB_DATABASE=dispatch
        DB_USERNAME=root
        DB_PASSWORD=

        MAILGUN_DOMAIN=
        MAILGUN_SECRET=key-your-mailgun-key-here
        AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
        AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
        PUSHER_APP_SECRET=
        GOOGLE_MAPS_SERVER_KEY=YOUR_API_KEY
        SLACK_BOT_USER_OAUTH_TOKEN=xoxb-your-token
        """))

    W(base + "config/services.php", T("""
        <?php

        return [

            /*
            |--------------------------------------------------------------------------
            | Third Party Services
            |--------------------------------------------------------------------------
            */

            'mailgun' => [
                'domain' => env('MAILGUN_DOMAIN'),
                'secret' => env('MAILGUN_SECRET'),
                'endpoint' => env('MAILGUN_ENDPOINT', 'api.mailgun.net'),
                'scheme' => 'https',
            ],

            'ses' => [
                'key' => env('AWS_ACCESS_KEY_ID'),
                'secret' => env('AWS_SECRET_ACCESS_KEY'),
                'region' => env('AWS_DEFAULT_REGION', 'us-east-1'),
            ],

            // Slack alerts for failed consignments (channel #quayside-dispatch-alerts)
            'slack' => [
                'notifications' => [
                    'bot_user_oauth_token' => env('SLACK_BOT_USER_OAUTH_TOKEN', '@@XOXB@@'),
                    'channel' => env('SLACK_BOT_USER_DEFAULT_CHANNEL', 'C06F3KQ9T1M'),
                ],
            ],

            'shipengine' => [
                'base_uri' => 'https://api.shipengine.com/v1/',
                'key' => env('SHIPENGINE_API_KEY'),
            ],

        ];
        """, XOXB=slack("xoxb")))

    W(base + "app/Http/Controllers/ShopifyWebhookController.php", T("""
        <?php

        namespace App\\Http\\Controllers;

        use App\\Jobs\\ImportShopifyOrder;
        use Illuminate\\Http\\Request;
        use Illuminate\\Support\\Facades\\Http;
        use Illuminate\\Support\\Facades\\Log;

        class ShopifyWebhookController extends Controller
        {
            // Quayside's Shopify custom app "Dispatch Sync"
            private const SHOP = 'quayside-merch.myshopify.com';
            private const API_SECRET = '@@SHPSS@@';
            private const ADMIN_TOKEN = '@@SHPAT@@';

            public function __invoke(Request $request)
            {
                $hmac = $request->header('X-Shopify-Hmac-Sha256');
                $calculated = base64_encode(hash_hmac('sha256', $request->getContent(), self::API_SECRET, true));

                if (! hash_equals($calculated, (string) $hmac)) {
                    Log::warning('shopify webhook hmac mismatch', ['topic' => $request->header('X-Shopify-Topic')]);
                    abort(401);
                }

                ImportShopifyOrder::dispatch($request->json()->all());

                return response()->noContent();
            }

            public static function fulfil(string $orderId, string $tracking): void
            {
                Http::withHeaders(['X-Shopify-Access-Token' => self::ADMIN_TOKEN])
                    ->post('https://'.self::SHOP.'/admin/api/2024-04/orders/'.$orderId.'/fulfillments.json', [
                        'fulfillment' => ['tracking_number' => $tracking, 'notify_customer' => true],
                    ])->throw();
            }
        }
        """, SHPSS=shopify("shpss"), SHPAT=shopify("shpat")))

    jwt_val = jwt({"sub": "driver:4471", "name": "Kwame Mensah", "scope": "dispatch:read dispatch:write",
                   "iat": ts(122, 3600), "exp": ts(122, 3600) + 86400})
    W(base + "storage/logs/laravel-2024-05-02.log", T("""
        [2024-05-02 06:00:01] production.INFO: Scheduled command [dispatch:sync-rounds] started
        [2024-05-02 06:00:03] production.INFO: Synced 214 rounds {"depot":"AVONMOUTH","took_ms":1893}
        [2024-05-02 09:14:22] production.ERROR: SQLSTATE[HY000] [1045] Access denied for user 'dispatch_app'@'10.20.4.31' (using password: YES) (Connection: mysql, SQL: select * from `consignments` where `status` = pending limit 50) {"exception":"[object] (Illuminate\\\\Database\\\\QueryException(code: 1045))"}
        [2024-05-02 09:14:22] production.DEBUG: Outgoing request {"method":"POST","url":"https://api.eu.mailgun.net/v3/mg.quaysidefreight.co.uk/messages","auth":["api","@@MG@@"],"to":"ops@quaysidefreight.co.uk"}
        [2024-05-02 09:15:40] production.WARNING: Driver app request with expired session {"request_id":"9b1f6a0e-2d7c-4e11-b3c8-5a0f71e2d9c4","ip":"81.2.69.160"}
        [2024-05-02 09:15:41] production.DEBUG: Incoming headers {"authorization":["Bearer @@JWT@@"],"user-agent":["QuaysideDriver/3.4.1 (Android 14)"]}
        [2024-05-02 09:15:41] production.DEBUG: Incoming headers {"authorization":["Bearer [masked]"],"user-agent":["QuaysideDriver/3.4.1 (iOS 17.4)"]}
        [2024-05-02 11:02:09] production.INFO: Pusher event broadcast {"channel":"private-depot.AVONMOUTH","event":"RoundUpdated"}
        [2024-05-02 23:59:59] production.INFO: Scheduled command [queue:prune-failed] finished
        """, MG=K["qs_mailgun"], JWT=jwt_val))

    pkgs = ["laravel/framework", "guzzlehttp/guzzle", "league/flysystem-aws-s3-v3", "pusher/pusher-php-server",
            "symfony/mailgun-mailer", "laravel/sanctum", "monolog/monolog", "nesbot/carbon"]
    lock = {"_readme": ["This file locks the dependencies of your project to a known state",
                        "Read more about it at https://getcomposer.org/doc/01-basic-usage.md#installing-dependencies",
                        "This file is @generated automatically"],
            "content-hash": rs(32, HEX), "packages": []}
    for p in pkgs:
        ref = git_sha()
        lock["packages"].append({"name": p, "version": "v%d.%d.%d" % (R.randint(1, 11), R.randint(0, 40), R.randint(0, 20)),
                                 "source": {"type": "git", "url": "https://github.com/%s.git" % p, "reference": ref},
                                 "dist": {"type": "zip", "url": "https://api.github.com/repos/%s/zipball/%s" % (p, ref),
                                          "reference": ref, "shasum": ""},
                                 "require": {"php": "^8.1"}, "type": "library", "license": ["MIT"]})
    lock.update({"packages-dev": [], "aliases": [], "minimum-stability": "stable", "stability-flags": [],
                 "prefer-stable": True, "prefer-lowest": False, "platform": {"php": "^8.2"},
                 "platform-dev": [], "plugin-api-version": "2.6.0"})
    W(base + "composer.lock", jdump(lock, 4))


# ===========================================================================
# C. tidewater-council: C# / .NET resident portal
# ===========================================================================
def client_tidewater():
    base = "monorepo/clients/tidewater-council/ResidentPortal/"
    tenant, clientid = ruuid(), ruuid()
    K["tw_storage_key"] = azure_storage_key()
    settings = {
        "Logging": {"LogLevel": {"Default": "Information", "Microsoft.AspNetCore": "Warning"}},
        "AllowedHosts": "*",
        "ConnectionStrings": {
            "Default": "Server=tcp:tidewater-sql.database.windows.net,1433;Initial Catalog=residents;Persist Security Info=False;User ID=portaladmin;Password=%s;MultipleActiveResultSets=False;Encrypt=True;TrustServerCertificate=False;Connection Timeout=30;" % P("mssql", pw()),
            "Documents": "DefaultEndpointsProtocol=https;AccountName=tidewaterdocs;AccountKey=%s;EndpointSuffix=core.windows.net" % K["tw_storage_key"],
        },
        "AzureAd": {"Instance": "https://login.microsoftonline.com/", "Domain": "tidewater.gov.uk",
                    "TenantId": tenant, "ClientId": clientid, "ClientSecret": azure_ad_secret(),
                    "CallbackPath": "/signin-oidc"},
        "FeatureManagement": {"BinCollectionsV2": True, "ParkingPermits": False},
        "Notify": {"TemplateId": ruuid(), "ReplyToId": ruuid()},
    }
    W(base + "src/ResidentPortal.Api/appsettings.json", jdump(settings))
    W(base + "src/ResidentPortal.Api/appsettings.Development.json", jdump({
        "ConnectionStrings": {
            "Default": "Server=localhost,1433;Database=residents;User ID=sa;Password=${SA_PASSWORD};TrustServerCertificate=True",
            "Documents": "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"},
        "AzureAd": {"TenantId": tenant, "ClientId": clientid, "ClientSecret": ""},
        "Logging": {"LogLevel": {"Default": "Debug"}}}))

    W(base + "src/ResidentPortal.Api/Services/GraphMailer.cs", T("""
        using Azure.Identity;
        using Microsoft.Graph;
        using Microsoft.Graph.Models;
        using Microsoft.Graph.Users.Item.SendMail;

        namespace ResidentPortal.Api.Services;

        public sealed class GraphMailer : IMailer
        {
            // TODO(tomasz): move to Key Vault before handover to Tidewater IT
            private const string TenantId = "@@TEN@@";
            private const string ClientId = "@@CID@@";
            private const string ClientSecret = "@@SEC@@";
            private const string Sender = "no-reply@tidewater.gov.uk";

            private readonly GraphServiceClient _graph;
            private readonly ILogger<GraphMailer> _logger;

            public GraphMailer(ILogger<GraphMailer> logger)
            {
                var credential = new ClientSecretCredential(TenantId, ClientId, ClientSecret);
                _graph = new GraphServiceClient(credential, new[] { "https://graph.microsoft.com/.default" });
                _logger = logger;
            }

            public async Task SendAsync(string to, string subject, string html, CancellationToken ct = default)
            {
                var body = new SendMailPostRequestBody
                {
                    Message = new Message
                    {
                        Subject = subject,
                        Body = new ItemBody { ContentType = BodyType.Html, Content = html },
                        ToRecipients = new() { new Recipient { EmailAddress = new EmailAddress { Address = to } } },
                    },
                    SaveToSentItems = false,
                };
                await _graph.Users[Sender].SendMail.PostAsync(body, cancellationToken: ct);
                _logger.LogInformation("Mail sent to {Recipient}", to);
            }
        }
        """, TEN=tenant, CID=clientid, SEC=azure_ad_secret()))

    W(base + "src/ResidentPortal.Web/Web.config", T("""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <connectionStrings>
            <add name="Permits" connectionString="Data Source=TW-SQL01;Initial Catalog=Permits;User Id=permits_web;Password=@@PW@@;" providerName="System.Data.SqlClient" />
            <add name="Audit" connectionString="Data Source=TW-SQL01;Initial Catalog=Audit;Integrated Security=SSPI;" providerName="System.Data.SqlClient" />
          </connectionStrings>
          <appSettings>
            <add key="webpages:Version" value="3.0.0.0" />
            <add key="ClientValidationEnabled" value="true" />
            <add key="SendGridApiKey" value="@@SG@@" />
            <add key="RecaptchaSiteKey" value="6LdQm3EpAAAAAOw2vX8kqJcW0yb3T1sFzR9nHfPq" />
            <add key="RecaptchaSecretKey" value="@@RC@@" />
            <add key="PaymentGatewayUrl" value="https://secure.tidewater.gov.uk/pay" />
          </appSettings>
          <system.web>
            <compilation debug="false" targetFramework="4.8" />
            <httpRuntime targetFramework="4.8" enableVersionHeader="false" />
            <machineKey validationKey="AutoGenerate,IsolateApps" decryptionKey="AutoGenerate,IsolateApps" validation="HMACSHA256" />
          </system.web>
        </configuration>
        """, PW=P("mssql", pw()), SG=sendgrid(), RC=P("recaptcha", "6LdQm3EpAAAAA" + rs(27, URLS))))

    W(base + "NuGet.Config", T("""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
            <add key="tidewater-shared" value="https://pkgs.dev.azure.com/tidewater-council/_packaging/shared/nuget/v3/index.json" />
          </packageSources>
          <packageSourceCredentials>
            <tidewater-shared>
              <add key="Username" value="foxglove-build" />
              <add key="ClearTextPassword" value="@@PAT@@" />
            </tidewater-shared>
          </packageSourceCredentials>
        </configuration>
        """, PAT=azure_devops_pat()))

    deps = {}
    for name, ver in [("Azure.Identity", "1.11.3"), ("Microsoft.Graph", "5.52.0"), ("Serilog.AspNetCore", "8.0.1"),
                      ("Microsoft.EntityFrameworkCore.SqlServer", "8.0.5"), ("Azure.Storage.Blobs", "12.20.0")]:
        deps[name] = {"type": "Direct", "requested": "[%s, )" % ver, "resolved": ver,
                      "contentHash": b64(rbytes(64)), "dependencies": {"System.Memory": "4.5.5"}}
    W(base + "src/ResidentPortal.Api/packages.lock.json", jdump({"version": 1, "dependencies": {"net8.0": deps}}))

    W(base + "azure-pipelines.yml", T("""
        trigger:
          branches:
            include: [ main ]

        pool:
          vmImage: ubuntu-latest

        variables:
          - group: tidewater-prod
          - name: buildConfiguration
            value: Release
          - name: NUGET_PUSH_KEY
            value: @@NUGET@@

        steps:
          - task: UseDotNet@2
            inputs:
              version: 8.0.x
          - script: dotnet restore --locked-mode
            env:
              SYSTEM_ACCESSTOKEN: $(System.AccessToken)
          - script: dotnet test -c $(buildConfiguration) --no-restore
          - script: dotnet pack src/Tidewater.Shared -c $(buildConfiguration) -o $(Build.ArtifactStagingDirectory)
          - script: >
              dotnet nuget push "$(Build.ArtifactStagingDirectory)/*.nupkg"
              --source https://api.nuget.org/v3/index.json
              --api-key $(NUGET_PUSH_KEY) --skip-duplicate
          - task: AzureWebApp@1
            inputs:
              azureSubscription: tidewater-prod-sc
              appName: tw-resident-portal
              package: $(Build.ArtifactStagingDirectory)/**/*.zip
        """, NUGET=nuget()))


# ===========================================================================
# D. ember-fitness: Kotlin / Android
# ===========================================================================
def client_ember():
    base = "monorepo/clients/ember-fitness/android/"
    W(base + "app/build.gradle.kts", T("""
        plugins {
            id("com.android.application")
            id("org.jetbrains.kotlin.android")
            id("com.google.devtools.ksp")
        }

        android {
            namespace = "uk.co.emberfitness.app"
            compileSdk = 34

            defaultConfig {
                applicationId = "uk.co.emberfitness.app"
                minSdk = 26
                targetSdk = 34
                versionCode = 412
                versionName = "4.1.2"
                buildConfigField("String", "MAPS_API_KEY", "\\"@@MAPS@@\\"")
                buildConfigField("String", "API_BASE_URL", "\\"https://api.emberfitness.co.uk/v2/\\"")
                buildConfigField("String", "SENTRY_ENV", "\\"production\\"")
            }

            signingConfigs {
                create("release") {
                    storeFile = file("../keystore/ember-release.jks")
                    storePassword = "@@SP@@"
                    keyAlias = "ember"
                    keyPassword = "@@KP@@"
                }
            }

            buildTypes {
                release {
                    isMinifyEnabled = true
                    signingConfig = signingConfigs.getByName("release")
                    proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"), "proguard-rules.pro")
                }
            }
            buildFeatures { buildConfig = true; compose = true }
        }

        dependencies {
            implementation("androidx.core:core-ktx:1.13.1")
            implementation("com.squareup.retrofit2:retrofit:2.11.0")
            implementation("com.google.android.gms:play-services-maps:18.2.0")
            implementation("uk.co.emberfitness:design-system:2.3.0")
        }
        """, MAPS=google(), SP=P("generic", pw()), KP=P("generic", pw())))

    W(base + "local.properties", T("""
        ## This file must *NOT* be checked into Version Control Systems,
        # as it contains information specific to your local configuration.
        sdk.dir=/Users/hsato/Library/Android/sdk
        MAPS_API_KEY=@@MAPS@@
        ELEVENLABS_API_KEY=@@EL@@
        """, MAPS=google(), EL=elevenlabs()))

    K["ember_ghp"] = github("ghp_")
    W(base + "gradle.properties", T("""
        org.gradle.jvmargs=-Xmx4g -Dfile.encoding=UTF-8
        android.useAndroidX=true
        kotlin.code.style=official
        android.nonTransitiveRClass=true
        # GitHub Packages (design-system artifacts)
        gpr.user=hsato-foxglove
        gpr.key=@@GHP@@
        """, GHP=K["ember_ghp"]))

    W(base + "app/src/main/java/uk/co/emberfitness/coach/VoiceCoach.kt", T("""
        package uk.co.emberfitness.coach

        import okhttp3.MediaType.Companion.toMediaType
        import okhttp3.OkHttpClient
        import okhttp3.Request
        import okhttp3.RequestBody.Companion.toRequestBody

        /**
         * Generates spoken cues ("two more reps!") with ElevenLabs.
         * The voice id belongs to the "Coach Mia" voice Ember licensed.
         */
        class VoiceCoach(private val http: OkHttpClient = OkHttpClient()) {

            private val voiceId = "pNInz6obpgDQGcFmaJgB"
            private val elevenLabsKey = "@@EL@@"

            fun synthesize(text: String): ByteArray {
                val json = "{\\"text\\":\\"" + text.replace("\\"", "'") + "\\",\\"model_id\\":\\"eleven_turbo_v2\\"}"
                val request = Request.Builder()
                    .url("https://api.elevenlabs.io/v1/text-to-speech/$voiceId")
                    .header("xi-api-key", elevenLabsKey)
                    .post(json.toRequestBody("application/json".toMediaType()))
                    .build()
                http.newCall(request).execute().use { resp ->
                    check(resp.isSuccessful) { "tts failed: ${resp.code}" }
                    return resp.body!!.bytes()
                }
            }
        }
        """, EL=elevenlabs()))

    W(base + "app/src/main/res/values/strings.xml", T("""
        <?xml version="1.0" encoding="utf-8"?>
        <resources>
            <string name="app_name">Ember</string>
            <string name="google_maps_key" translatable="false">@@MAPS@@</string>
            <string name="default_web_client_id" translatable="false">584410726113-7v0m2kq8dl3jtbq1s9a5hfr6c2e4nupo.apps.googleusercontent.com</string>
            <string name="workout_complete">Workout complete! %1$d kcal burned</string>
            <string name="api_key_missing">API key missing - check your configuration</string>
        </resources>
        """, MAPS=google()))


# ===========================================================================
# E. pollen: Swift / iOS
# ===========================================================================
def client_pollen():
    base = "monorepo/clients/pollen/ios/"
    K["pollen_mapbox_sk"] = mapbox_sk()
    W(base + "Pollen/Config/Secrets.swift", T("""
        //
        //  Secrets.swift
        //  Pollen
        //
        //  Generated by scripts/gen-secrets.sh from .xcconfig - do not edit by hand.
        //

        import Foundation

        enum Secrets {
            static let openAIKey = "@@OAI@@"
            static let anthropicKey = "@@ANT@@"
            static let mapboxPublicToken = "@@MBPK@@"
            static let revenueCatKey = ProcessInfo.processInfo.environment["RC_PUBLIC_KEY"] ?? ""
            static let apiBaseURL = URL(string: "https://api.pollen.garden/v1")!
        }
        """, OAI=openai("proj"), ANT=anthropic(), MBPK=mapbox_pk()))

    W(base + "Pollen/Info.plist", T("""
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
        <plist version="1.0">
        <dict>
            <key>CFBundleDisplayName</key>
            <string>Pollen</string>
            <key>CFBundleShortVersionString</key>
            <string>$(MARKETING_VERSION)</string>
            <key>MBXAccessToken</key>
            <string>@@MBPK@@</string>
            <key>GIDClientID</key>
            <string>734021998516-r2k8v0pq6tjm1d9sh3cbl5ae7nwu4fgo.apps.googleusercontent.com</string>
            <key>OpenAIKey</key>
            <string>$(OPENAI_API_KEY)</string>
            <key>NSLocationWhenInUseUsageDescription</key>
            <string>Pollen uses your location to show plants that thrive near you.</string>
        </dict>
        </plist>
        """, MBPK=mapbox_pk()))

    W(base + "ci/mapbox.netrc", T("""
        machine api.mapbox.com
          login mapbox
          password @@SK@@
        """, SK=K["pollen_mapbox_sk"]))

    W(base + "fastlane/Fastfile", T("""
        default_platform(:ios)

        platform :ios do
          before_all do
            ENV["MATCH_PASSWORD"] ||= "@@MATCH@@"
            ENV["FASTLANE_XCODEBUILD_SETTINGS_TIMEOUT"] = "120"
            ENV["FASTLANE_APPLE_APPLICATION_SPECIFIC_PASSWORD"] = ENV.fetch("APP_SPECIFIC_PW", "")
          end

          desc "Push a new beta build to TestFlight"
          lane :beta do
            app_store_connect_api_key(
              key_id: "D8Q4K7M2XP",
              issuer_id: "@@ISS@@",
              key_filepath: "./fastlane/AuthKey_D8Q4K7M2XP.p8"
            )
            match(type: "appstore", readonly: is_ci, git_url: "git@github.com:foxglove-digital/ios-certificates.git")
            increment_build_number(xcodeproj: "Pollen.xcodeproj")
            build_app(scheme: "Pollen", export_method: "app-store")
            upload_to_testflight(skip_waiting_for_build_processing: true)
            slack(
              message: "Pollen beta uploaded :seedling:",
              slack_url: "@@HOOK@@"
            )
          end
        end
        """, MATCH=P("generic", pw()), ISS=ruuid(), HOOK=slack("webhook")))

    W(base + "fastlane/AuthKey_D8Q4K7M2XP.p8", pem_pkcs8_ec())

    pods = [("Alamofire", "5.9.1"), ("Mapbox-iOS-SDK", "6.4.1"), ("RevenueCat", "4.41.1"),
            ("SDWebImage", "5.19.2"), ("SnapKit", "5.7.1")]
    W(base + "Podfile.lock", "PODS:\n" + "\n".join("  - %s (%s)" % p for p in pods) +
      "\n\nDEPENDENCIES:\n" + "\n".join("  - %s (~> %s)" % (p[0], p[1].rsplit(".", 1)[0]) for p in pods) +
      "\n\nSPEC CHECKSUMS:\n" + "\n".join("  %s: %s" % (p[0], sha1hex()) for p in pods) +
      "\n\nPODFILE CHECKSUM: %s\n\nCOCOAPODS: 1.15.2\n" % sha1hex())

    W(base + "Pollen.xcworkspace/xcshareddata/swiftpm/Package.resolved", jdump({
        "originHash": rbytes(32).hex(),
        "pins": [{"identity": n, "kind": "remoteSourceControl", "location": "https://github.com/%s.git" % loc,
                  "state": {"revision": sha1hex(), "version": v}}
                 for n, loc, v in [("swift-collections", "apple/swift-collections", "1.1.0"),
                                   ("swift-log", "apple/swift-log", "1.5.4"),
                                   ("keychain-access", "kishikawakatsumi/KeychainAccess", "4.2.2")]],
        "version": 3}))


# ===========================================================================
# F. ironbark: Rust telemetry agent
# ===========================================================================
def client_ironbark():
    base = "monorepo/clients/ironbark/telemetry-agent/"
    W(base + "Cargo.toml", T("""
        [package]
        name = "ironbark-agent"
        version = "0.9.3"
        edition = "2021"
        license = "Proprietary"
        publish = ["ironbark"]

        [dependencies]
        anyhow = "1.0.86"
        reqwest = { version = "0.12.4", default-features = false, features = ["rustls-tls", "json"] }
        serde = { version = "1.0.203", features = ["derive"] }
        tokio = { version = "1.38.0", features = ["full"] }
        jsonwebtoken = "9.3.0"
        tracing = "0.1.40"
        """))
    pkgs = [("anyhow", "1.0.86"), ("bytes", "1.6.0"), ("jsonwebtoken", "9.3.0"), ("reqwest", "0.12.4"),
            ("serde", "1.0.203"), ("tokio", "1.38.0"), ("tracing", "0.1.40")]
    lock = "# This file is automatically @generated by Cargo.\n# It is not intended for manual editing.\nversion = 3\n"
    for n, v in pkgs:
        lock += '\n[[package]]\nname = "%s"\nversion = "%s"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "%s"\n' % (n, v, rbytes(32).hex())
    lock += '\n[[package]]\nname = "ironbark-agent"\nversion = "0.9.3"\ndependencies = [\n' + "".join(' "%s",\n' % n for n, _ in pkgs) + "]\n"
    W(base + "Cargo.lock", lock)

    W(base + "src/config.rs", T("""
        use std::{env, time::Duration};

        pub const DEFAULT_ENDPOINT: &str = "https://otlp-gateway-prod-eu-west-2.grafana.net/otlp";

        // Grafana Cloud access policy token for the shared ingest stack (metrics:write, logs:write).
        // Overridden by IRONBARK_TOKEN on customer sites.
        const GRAFANA_CLOUD_TOKEN: &str = "@@GLC@@";

        #[derive(Debug, Clone)]
        pub struct Config {
            pub endpoint: String,
            pub token: String,
            pub flush_every: Duration,
            pub site_id: String,
        }

        impl Config {
            pub fn load() -> anyhow::Result<Self> {
                let token = env::var("IRONBARK_TOKEN").unwrap_or_else(|_| GRAFANA_CLOUD_TOKEN.to_string());
                let site_id = env::var("IRONBARK_SITE").unwrap_or_else(|_| "unknown-site".into());
                Ok(Self {
                    endpoint: env::var("IRONBARK_ENDPOINT").unwrap_or_else(|_| DEFAULT_ENDPOINT.into()),
                    token,
                    flush_every: Duration::from_secs(15),
                    site_id,
                })
            }
        }
        """, GLC=grafana("glc")))

    W(base + ".cargo/config.toml", T("""
        [registries.ironbark]
        index = "sparse+https://cargo.cloudsmith.io/ironbark/agent/"

        [registry]
        default = "crates-io"
        token = "@@CIO@@"

        [net]
        git-fetch-with-cli = true

        [target.aarch64-unknown-linux-gnu]
        linker = "aarch64-linux-gnu-gcc"
        """, CIO=crates()))

    W(base + "deploy/README.md", T("""
        # Deploying the ingest relay to Fly.io

        The relay runs as `ironbark-relay` in the `lhr` region.

        ```bash
        # one-off: the org-scoped deploy token Marcus created on 2024-03-11
        export FLY_API_TOKEN="@@FLY@@"
        fly deploy --remote-only --config deploy/fly.toml
        fly secrets set IRONBARK_TOKEN="$IRONBARK_TOKEN" --app ironbark-relay
        ```

        Rolling back: `fly releases --app ironbark-relay` then `fly deploy --image <image-ref>`.
        """, FLY=flyio()))

    W(base + "deploy/fly.toml", T("""
        app = "ironbark-relay"
        primary_region = "lhr"

        [build]
          image = "registry.fly.io/ironbark-relay@sha256:@@DIG@@"

        [env]
          RUST_LOG = "info,ironbark_agent=debug"
          IRONBARK_ENDPOINT = "https://otlp-gateway-prod-eu-west-2.grafana.net/otlp"

        [[services]]
          internal_port = 4318
          protocol = "tcp"
        """, DIG=rbytes(32).hex()))

    W(base + "src/auth.rs", T("""
        use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
        use serde::Deserialize;

        /// Public half of the device-signing key; safe to embed.
        const DEVICE_PUBKEY: &str = "@@PUB@@";

        #[derive(Debug, Deserialize)]
        pub struct DeviceClaims {
            pub sub: String,
            pub site: String,
            pub exp: usize,
        }

        pub fn verify(token: &str) -> anyhow::Result<DeviceClaims> {
            let key = DecodingKey::from_rsa_pem(DEVICE_PUBKEY.as_bytes())?;
            let data = decode::<DeviceClaims>(token, &key, &Validation::new(Algorithm::RS256))?;
            Ok(data.claims)
        }

        #[cfg(test)]
        mod tests {
            // captured from the Scunthorpe gateway during commissioning
            const GATEWAY_TOKEN: &str = "@@JWT@@";

            #[test]
            fn rejects_hs256() {
                assert!(super::verify(GATEWAY_TOKEN).is_err());
            }
        }
        """, PUB=public_key_pem().replace("\n", "\\n"),
        JWT=jwt({"sub": "gw-scunthorpe-02", "site": "SCN", "exp": ts(400)})))


# ===========================================================================
# G. murmur: Elixir / Phoenix chat server
# ===========================================================================
def client_murmur():
    base = "monorepo/clients/murmur/chat_server/"
    W(base + "config/dev.exs", T("""
        import Config

        # Configure your database
        config :murmur, Murmur.Repo,
          username: "postgres",
          password: "postgres",
          hostname: "localhost",
          database: "murmur_dev",
          stacktrace: true,
          show_sensitive_data_on_connection_error: true,
          pool_size: 10

        config :murmur, MurmurWeb.Endpoint,
          http: [ip: {127, 0, 0, 1}, port: 4000],
          check_origin: false,
          code_reloader: true,
          debug_errors: true,
          secret_key_base: "@@SKB@@",
          watchers: [
            esbuild: {Esbuild, :install_and_run, [:murmur, ~w(--sourcemap=inline --watch)]}
          ]

        config :murmur, dev_routes: true
        config :logger, :console, format: "[$level] $message\\n"
        config :phoenix, :plug_init_mode, :runtime
        """, SKB=P("generic", rs(64, ALNUM + "+/"))))

    K["murmur_discord"] = discord("bot")
    W(base + "config/runtime.exs", T("""
        import Config

        if System.get_env("PHX_SERVER") do
          config :murmur, MurmurWeb.Endpoint, server: true
        end

        config :murmur, :discord,
          bot_token: System.get_env("DISCORD_BOT_TOKEN") || "@@DISCORD@@",
          guild_id: System.get_env("DISCORD_GUILD_ID", "1187345521904361472")

        if config_env() == :prod do
          database_url =
            System.get_env("DATABASE_URL") ||
              raise \"\"\"
              environment variable DATABASE_URL is missing.
              For example: ecto://USER:PASS@HOST/DATABASE
              \"\"\"

          config :murmur, Murmur.Repo,
            url: database_url,
            pool_size: String.to_integer(System.get_env("POOL_SIZE") || "10")

          secret_key_base =
            System.get_env("SECRET_KEY_BASE") ||
              raise "environment variable SECRET_KEY_BASE is missing."

          config :murmur, MurmurWeb.Endpoint,
            url: [host: "chat.murmur.social", port: 443, scheme: "https"],
            secret_key_base: secret_key_base
        end
        """, DISCORD=K["murmur_discord"]))

    K["murmur_tg"] = telegram()
    W(base + "lib/murmur/alerts/telegram.ex", T("""
        defmodule Murmur.Alerts.Telegram do
          @moduledoc "Pushes moderation alerts to the #murmur-mods Telegram group."
          require Logger

          @bot_token "@@TG@@"
          @chat_id "-1001847223390"

          def notify(text) when is_binary(text) do
            url = "https://api.telegram.org/bot#{@bot_token}/sendMessage"

            case Req.post(url, json: %{chat_id: @chat_id, text: text, parse_mode: "HTML"}) do
              {:ok, %{status: 200}} -> :ok
              {:ok, resp} -> Logger.warning("telegram alert failed: #{resp.status}")
              {:error, reason} -> Logger.error("telegram alert error: #{inspect(reason)}")
            end
          end
        end
        """, TG=K["murmur_tg"]))

    W(base + "config/prod.secret.exs", T("""
        # Legacy (pre-runtime.exs) secrets file. Kept until the 1.4 release is retired.
        import Config

        config :murmur, Murmur.Repo,
          url: "ecto://murmur:@@PW@@@murmur-db.internal:5432/murmur_prod",
          pool_size: 15

        config :murmur, Murmur.Mailer,
          adapter: Swoosh.Adapters.Postmark,
          api_key: "@@PM@@"
        """, PW=P("postgres", pw_url()), PM=postmark()))

    deps = ["phoenix", "phoenix_live_view", "ecto_sql", "postgrex", "req", "swoosh", "jason", "bandit"]
    lines = ["%{"]
    for d in deps:
        lines.append('  "%s": {:hex, :%s, "%d.%d.%d", "%s", [:mix], [], "hexpm", "%s"},'
                     % (d, d, R.randint(0, 3), R.randint(0, 20), R.randint(0, 12), rbytes(32).hex(), rbytes(32).hex()))
    lines.append("}")
    W(base + "mix.lock", "\n".join(lines))


# ===========================================================================
# H. ledgerline: Scala / Spark reconciler + Kotlin Spring ingest service
# ===========================================================================
def client_ledgerline():
    base = "monorepo/clients/ledgerline/reconciler/"
    K["ll_snowflake_pw"] = P("snowflake", pw())
    W(base + "src/main/resources/application.conf", T("""
        ledgerline {
          env = "prod"
          env = ${?LEDGERLINE_ENV}

          db {
            url = "jdbc:postgresql://ledger-prod.internal:5432/ledger?user=recon&password=@@JDBCPW@@&sslmode=require"
            url = ${?LEDGER_DB_URL}
            pool-size = 8
          }

          snowflake {
            account = "fx48213.eu-west-1"
            user = "RECON_SVC"
            password = "@@SFPW@@"
            warehouse = "RECON_WH"
            database = "FINANCE"
            role = "RECON_RW"
          }

          kafka {
            bootstrap = "pkc-4r297.europe-west2.gcp.confluent.cloud:9092"
            topic = "ledger.settlements.v3"
            sasl-jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\\"@@CKEY@@\\" password=\\"@@CSEC@@\\";"
          }
        }
        """, JDBCPW=P("jdbc", pw_url()), SFPW=K["ll_snowflake_pw"], CKEY=rs(16, UP + DIG),
        CSEC=P("confluent", rs(64, ALNUM + "+/"))))

    W(base + "build.sbt", T("""
        ThisBuild / scalaVersion := "2.13.14"
        ThisBuild / organization := "com.ledgerline"

        lazy val root = (project in file("."))
          .settings(
            name := "reconciler",
            libraryDependencies ++= Seq(
              "org.apache.spark" %% "spark-sql" % "3.5.1" % Provided,
              "net.snowflake" % "spark-snowflake_2.13" % "2.15.0-spark_3.4",
              "com.typesafe" % "config" % "1.4.3",
              "org.scalatest" %% "scalatest" % "3.2.18" % Test
            ),
            resolvers += "Foxglove Artifactory" at "https://foxglove.jfrog.io/artifactory/sbt-release/",
            credentials += Credentials("Artifactory Realm", "foxglove.jfrog.io", "ci-ledgerline", "@@JF@@"),
            assembly / assemblyJarName := "reconciler.jar"
          )
        """, JF=jfrog()))

    W(base + "src/main/scala/com/ledgerline/recon/SlackAlerts.scala", T("""
        package com.ledgerline.recon

        import sttp.client3._
        import io.circe.syntax._

        object SlackAlerts {
          private val token   = sys.env.getOrElse("SLACK_BOT_TOKEN", "@@XOXB@@")
          private val channel = "C05RQ1LM2TV" // #ledgerline-recon
          private val backend = HttpClientSyncBackend()

          def mismatch(batchId: String, expected: BigDecimal, actual: BigDecimal): Unit = {
            val text = s":warning: batch $batchId off by ${expected - actual} (expected $expected)"
            basicRequest
              .post(uri"https://slack.com/api/chat.postMessage")
              .auth.bearer(token)
              .body(Map("channel" -> channel, "text" -> text).asJson.noSpaces)
              .contentType("application/json")
              .send(backend)
          }
        }
        """, XOXB=slack("xoxb")))

    base2 = "monorepo/clients/ledgerline/ingest-service/"
    W(base2 + "src/main/resources/application-prod.properties", T("""
        spring.application.name=ledgerline-ingest
        server.port=8080
        spring.datasource.url=jdbc:mysql://ingest-db.ledgerline.internal:3306/ingest?useSSL=true&user=ingest&password=@@PW@@
        spring.datasource.hikari.maximum-pool-size=12
        spring.jpa.open-in-view=false
        spring.mail.host=smtp.sendgrid.net
        spring.mail.port=587
        spring.mail.username=apikey
        spring.mail.password=@@SG@@
        management.endpoints.web.exposure.include=health,info,prometheus
        ledgerline.sftp.host=sftp.barclays-feeds.example.net
        ledgerline.sftp.username=ledgerline
        ledgerline.sftp.private-key-path=/run/secrets/sftp_ed25519
        ledgerline.sftp.password=${SFTP_PASSWORD:}
        ledgerline.jwt.secret=@@JWTSEC@@
        logging.level.com.ledgerline=INFO
        """, PW=P("jdbc", pw_url()), SG=sendgrid(), JWTSEC=P("generic", b64clean(48))))
    W(base2 + "src/main/resources/application.properties", T("""
        spring.application.name=ledgerline-ingest
        spring.profiles.active=${SPRING_PROFILES_ACTIVE:local}
        spring.datasource.url=jdbc:mysql://localhost:3306/ingest
        spring.datasource.username=ingest
        spring.datasource.password=${DB_PASSWORD}
        spring.mail.password=${SENDGRID_API_KEY}
        ledgerline.jwt.secret=${JWT_SECRET:please-set-me}
        """))


# ===========================================================================
# I. fernhill: R and Julia soil research
# ===========================================================================
def client_fernhill():
    base = "monorepo/clients/fernhill/soil-analysis/"
    W(base + "R/01_pull_data.R", T("""
        # Pull the raw sensor readings and the lab results into a local parquet cache.
        # Author: Aoife Brennan (Foxglove) for Fernhill Research Trust
        library(DBI)
        library(httr2)
        library(arrow)
        library(dplyr)

        Sys.setenv(OPENAI_API_KEY = "@@OAI@@")   # used by 04_summarise_llm.R

        con <- dbConnect(
          RPostgres::Postgres(),
          host = "fernhill-db.postgres.database.azure.com",
          dbname = "soil",
          user = "analyst@fernhill-db",
          password = "@@PW@@",
          sslmode = "require"
        )

        met_key <- Sys.getenv("MET_OFFICE_KEY")
        if (identical(met_key, "")) stop("MET_OFFICE_KEY not set - see README")

        readings <- dbGetQuery(con, "SELECT * FROM sensor_readings WHERE taken_at >= now() - interval '90 days'")
        write_parquet(readings, "cache/readings.parquet")
        dbDisconnect(con)
        """, OAI=openai("legacy"), PW=P("generic", pw())))

    K["fern_ghp"] = github("ghp_")
    W(base + ".Renviron", T("""
        GITHUB_PAT=@@GHP@@
        HF_TOKEN=@@HF@@
        R_LIBS_USER=~/R/library
        MET_OFFICE_KEY=
        """, GHP=K["fern_ghp"], HF=hf()))

    W(base + "julia/fetch_forecasts.jl", T("""
        module FetchForecasts

        using HTTP, JSON3, Dates

        const TOGETHER_API_KEY = get(ENV, "TOGETHER_API_KEY", "@@TOG@@")
        const MODEL = "meta-llama/Llama-3-70b-chat-hf"

        function summarise(plot_id::AbstractString, rows)
            body = JSON3.write(Dict(
                "model" => MODEL,
                "messages" => [Dict("role" => "user", "content" => "Summarise soil moisture for plot $(plot_id): $(rows)")],
            ))
            headers = ["Authorization" => "Bearer $(TOGETHER_API_KEY)", "Content-Type" => "application/json"]
            resp = HTTP.post("https://api.together.xyz/v1/chat/completions", headers, body)
            return JSON3.read(resp.body).choices[1].message.content
        end

        end # module
        """, TOG=together()))

    W(base + "renv.lock", jdump({
        "R": {"Version": "4.4.0", "Repositories": [{"Name": "CRAN", "URL": "https://packagemanager.posit.co/cran/latest"}]},
        "Packages": {n: {"Package": n, "Version": v, "Source": "Repository", "Repository": "CRAN", "Hash": rbytes(16).hex()}
                     for n, v in [("DBI", "1.2.2"), ("arrow", "16.0.0"), ("dplyr", "1.1.4"), ("httr2", "1.0.1"),
                                  ("RPostgres", "1.4.7")]}}))

    man = '# This file is machine-generated - editing it directly is not advised\n\njulia_version = "1.10.3"\nmanifest_format = "2.0"\nproject_hash = "%s"\n' % sha1hex()
    for n, v in [("HTTP", "1.10.8"), ("JSON3", "1.14.0"), ("CSV", "0.10.14")]:
        man += '\n[[deps.%s]]\ndeps = ["Dates", "Sockets"]\ngit-tree-sha1 = "%s"\nuuid = "%s"\nversion = "%s"\n' % (n, sha1hex(), ruuid(), v)
    W(base + "julia/Manifest.toml", man)

    ant = anthropic()
    cells = [
        nb_md("# Soil moisture summary, spring 2024\nRuns the LLM summariser over each plot."),
        nb_code('library(ellmer)\nSys.setenv(ANTHROPIC_API_KEY = "%s")\nchat <- chat_claude(model = "claude-3-5-sonnet-20240620")' % ant, n=1),
        nb_code('Sys.getenv("ANTHROPIC_API_KEY") |> substr(1, 10)',
                outputs=[nb_result("[1] \"sk-ant-api\"", 2)], n=2),
        nb_code('plots <- readr::read_csv("cache/plots.csv")\nnrow(plots)', outputs=[nb_result("[1] 48", 3)], n=3),
        nb_code('key <- Sys.getenv("MET_OFFICE_KEY")\nstopifnot(nzchar(key))', n=4),
    ]
    W(base + "notebooks/soil_summary.ipynb", notebook(cells, kernel="ir", lang="R"))


# ===========================================================================
# J. corvid-it: PowerShell M365 automation (Windows line endings)
# ===========================================================================
def client_corvid():
    base = "monorepo/clients/corvid-it/m365-automation/"

    def crlf(s):
        return s.replace("\n", "\r\n")

    W(base + "Sync-EntraUsers.ps1", crlf(T("""
        <#
        .SYNOPSIS
            Nightly sync of HR starters/leavers into Entra ID for Corvid IT's customers.
        #>
        [CmdletBinding()]
        param(
            [string]$CsvPath = "\\\\corvid-fs01\\hr-exports\\starters.csv"
        )

        $TenantId     = "@@TEN@@"
        $ClientId     = "@@CID@@"
        $ClientSecret = '@@SEC@@'

        $body = @{
            grant_type    = "client_credentials"
            scope         = "https://graph.microsoft.com/.default"
            client_id     = $ClientId
            client_secret = $ClientSecret
        }
        $token = (Invoke-RestMethod -Method Post -Uri "https://login.microsoftonline.com/$TenantId/oauth2/v2.0/token" -Body $body).access_token

        $defaultPassword = ConvertTo-SecureString '@@PW@@' -AsPlainText -Force
        Import-Csv $CsvPath | ForEach-Object {
            Write-Verbose "Provisioning $($_.UserPrincipalName)"
            New-MgUser -DisplayName $_.DisplayName -UserPrincipalName $_.UserPrincipalName `
                -PasswordProfile @{ Password = $defaultPassword; ForceChangePasswordNextSignIn = $true } `
                -AccountEnabled -MailNickname $_.Alias
        }
        """, TEN=ruuid(), CID=ruuid(), SEC=azure_ad_secret(), PW=P("generic", pw()))))

    W(base + "Backup-SqlDatabases.ps1", crlf(T("""
        param([string]$Server = 'CORVID-SQL02')

        $cred = Get-Credential -Message "Enter SQL admin credentials"  # interactive runs
        $databases = Invoke-Sqlcmd -ServerInstance $Server -Username 'backup_svc' -Password '@@PW@@' `
            -Query "SELECT name FROM sys.databases WHERE database_id > 4"

        $ctx = New-AzStorageContext -StorageAccountName corvidbackups -StorageAccountKey $env:CORVID_BACKUP_KEY
        foreach ($db in $databases) {
            $file = "D:\\Backups\\$($db.name)_$(Get-Date -Format yyyyMMdd).bak"
            Backup-SqlDatabase -ServerInstance $Server -Database $db.name -BackupFile $file
            Set-AzStorageBlobContent -File $file -Container 'sql' -Context $ctx -Force | Out-Null
        }
        """, PW=P("generic", pw()))))

    W(base + "Connect-Okta.ps1", crlf(T("""
        $OktaDomain = "https://corvid.okta.com"
        $headers = @{
            Authorization = "SSWS @@OKTA@@"
            Accept        = "application/json"
        }

        function Get-OktaUser([string]$Login) {
            Invoke-RestMethod -Uri "$OktaDomain/api/v1/users/$Login" -Headers $headers
        }

        function Disable-OktaUser([string]$Id) {
            Invoke-RestMethod -Method Post -Uri "$OktaDomain/api/v1/users/$Id/lifecycle/deactivate" -Headers $headers
        }
        """, OKTA=okta())))

    W(base + "Deploy-Functions.ps1", crlf(T("""
        $ErrorActionPreference = 'Stop'
        $env:PAGERDUTY_TOKEN = '@@PD@@'
        $env:NUGET_KEY = $env:SECRETS_NUGET
        func azure functionapp publish corvid-automation --dotnet-isolated
        Write-Host "Published. Notifying on-call..."
        Invoke-RestMethod -Uri "https://api.pagerduty.com/incidents" -Headers @{ Authorization = "Token token=$env:PAGERDUTY_TOKEN" } -Method Get | Out-Null
        """, PD=pagerduty("user"))))

    stor = azure_storage_key()
    stor2 = rs(86, ALNUM + "+/") + "=="  # second key printed too
    P("azure", stor2)
    azjwt = jwt({"aud": "https://management.azure.com/", "iss": "https://sts.windows.net/%s/" % ruuid(),
                 "iat": ts(162, 100), "nbf": ts(162, 100), "exp": ts(162, 4000), "appid": ruuid(),
                 "oid": ruuid(), "tid": ruuid()}, alg="RS256", siglen=256)
    W(base + "transcripts/PowerShell_transcript.CORVID-ADM01.20240611.txt", crlf(T("""
        **********************
        Windows PowerShell transcript start
        Start time: 20240611091422
        Username: CORVID\\adm-dferreira
        RunAs User: CORVID\\adm-dferreira
        Machine: CORVID-ADM01 (Microsoft Windows NT 10.0.20348.0)
        Host Application: C:\\Program Files\\PowerShell\\7\\pwsh.exe
        Process ID: 8812
        PSVersion: 7.4.2
        **********************
        PS C:\\ops> az storage account keys list --account-name corvidbackups --resource-group rg-backup
        [
          {
            "creationTime": "2023-11-02T10:17:45.3302281+00:00",
            "keyName": "key1",
            "permissions": "FULL",
            "value": "@@K1@@"
          },
          {
            "creationTime": "2023-11-02T10:17:45.3302281+00:00",
            "keyName": "key2",
            "permissions": "FULL",
            "value": "@@K2@@"
          }
        ]
        PS C:\\ops> (Get-AzAccessToken).Token
        @@JWT@@
        PS C:\\ops> Get-AzSubscription | Select-Object Name, Id
        Name                  Id
        ----                  --
        Corvid Production     9c0e5b7a-3f41-4d2e-8a6b-1f2d3c4e5a6b
        PS C:\\ops> Stop-Transcript
        **********************
        Windows PowerShell transcript end
        End time: 20240611091958
        **********************
        """, K1=stor, K2=stor2, JWT=azjwt)))


# ===========================================================================
# K. saltmarsh-labs: Python LLM evaluation harness
# ===========================================================================
def client_saltmarsh():
    base = "monorepo/clients/saltmarsh/llm-evals/"
    K["sm_openai"] = openai("proj")
    K["sm_anthropic"] = anthropic()
    K["sm_tavily"] = tavily()
    env_rows = [
        ("OPENAI_API_KEY", K["sm_openai"]),
        ("OPENAI_ORG_ID", "org-q8TnV3mKd0XyR7bLs2WcF9aH"),
        ("ANTHROPIC_API_KEY", K["sm_anthropic"]),
        ("GEMINI_API_KEY", google()),
        ("GROQ_API_KEY", groq()),
        ("MISTRAL_API_KEY", mistral()),
        ("COHERE_API_KEY", cohere()),
        ("TOGETHER_API_KEY", together(new=True)),
        ("FIREWORKS_API_KEY", fireworks()),
        ("DEEPSEEK_API_KEY", deepseek()),
        ("XAI_API_KEY", xai()),
        ("PERPLEXITY_API_KEY", perplexity()),
        ("OPENROUTER_API_KEY", openrouter()),
        ("REPLICATE_API_TOKEN", replicate()),
        ("HF_TOKEN", hf()),
        ("", ""),
        ("# embeddings / retrieval", None),
        ("VOYAGE_API_KEY", voyage()),
        ("JINA_API_KEY", jina()),
        ("PINECONE_API_KEY", pinecone()),
        ("PINECONE_INDEX", "saltmarsh-evals-v2"),
        ("TAVILY_API_KEY", K["sm_tavily"]),
        ("FIRECRAWL_API_KEY", firecrawl()),
        ("", ""),
        ("# tracing", None),
        ("LANGSMITH_TRACING", "true"),
        ("LANGSMITH_API_KEY", langsmith("pt")),
        ("LANGSMITH_PROJECT", "saltmarsh-evals"),
        ("LANGFUSE_PUBLIC_KEY", "pk-lf-" + ruuid()),
        ("LANGFUSE_SECRET_KEY", langfuse()),
        ("LANGFUSE_HOST", "https://cloud.langfuse.com"),
        ("HELICONE_API_KEY", helicone()),
        ("WANDB_API_KEY", wandb()),
        ("WANDB_ENTITY", "saltmarsh-labs"),
        ("", ""),
        ("# azure + bedrock comparison runs", None),
        ("AZURE_OPENAI_ENDPOINT", "https://saltmarsh-oai-uks.openai.azure.com/"),
        ("AZURE_OPENAI_API_KEY", azure_openai()),
        ("AZURE_OPENAI_API_VERSION", "2024-06-01"),
        ("AWS_REGION", "us-east-1"),
        ("AWS_BEARER_TOKEN_BEDROCK", bedrock()),
    ]
    out = ["# saltmarsh llm-evals - shared team .env (do not commit!!)"]
    for k, v in env_rows:
        if v is None:
            out.append(k)
        elif not k:
            out.append("")
        else:
            out.append("%s=%s" % (k, v))
    W(base + ".env", "\n".join(out))

    ex = ["# copy to .env and fill in"]
    for k, v in env_rows:
        if v is None or not k:
            continue
        if k.endswith(("_KEY", "_TOKEN")):
            ex.append("%s=" % k + R.choice(["", "<your-key>", "YOUR_API_KEY", "sk-xxxxxxxxxxxxxxxxxxxxxxxx", "changeme", "${%s}" % k]))
        else:
            ex.append("%s=%s" % (k, v))
    W(base + ".env.example", "\n".join(ex))

    hft = hf()
    wb = wandb()
    oai2 = openai("proj")
    cells = [
        nb_md("# Fine-tune Mistral-7B on the Saltmarsh support transcripts\n\nRun on the A100 box (`gpu-02`)."),
        nb_code("!pip install -q transformers==4.41.2 peft==0.11.1 datasets trl wandb", n=1,
                outputs=[nb_stream("\u001b[33mWARNING: Running pip as the 'root' user can result in broken permissions.\u001b[0m\n", "stderr")]),
        nb_code('from huggingface_hub import login\nlogin(token="%s")' % hft, n=2,
                outputs=[nb_stream("Token is valid (permission: write).\nYour token has been saved to /root/.cache/huggingface/token\nLogin successful\n")]),
        nb_code("!wandb login %s" % wb, n=3,
                outputs=[nb_stream("wandb: Appending key for api.wandb.ai to your netrc file: /root/.netrc\n")]),
        nb_code('import os\nos.environ["OPENAI_API_KEY"] = "%s"\nprint("key loaded:", os.environ["OPENAI_API_KEY"][:8] + "...")' % oai2, n=4,
                outputs=[nb_stream("key loaded: sk-proj-...\n")]),
        nb_code('from datasets import load_dataset\nds = load_dataset("saltmarsh-labs/support-transcripts", split="train", token=os.environ.get("HF_TOKEN"))\nds', n=5,
                outputs=[nb_result("Dataset({\n    features: ['id', 'conversation', 'resolution'],\n    num_rows: 18240\n})", 5)]),
        nb_code("trainer.train()", n=6, outputs=[nb_stream("wandb: Currently logged in as: priya-r (saltmarsh-labs). Use `wandb login --relogin` to force relogin\nwandb: Tracking run with wandb version 0.17.0\nwandb: Run data is saved locally in /workspace/wandb/run-20240604_101522-3kq9vz1m\n")]),
    ]
    W(base + "notebooks/01_finetune_mistral.ipynb", notebook(cells))

    pc_legacy = pinecone(legacy=True)
    co = cohere()
    vo = voyage()
    cells = [
        nb_md("## RAG eval: Pinecone (legacy index) vs pgvector"),
        nb_code('from pinecone import Pinecone\npc = Pinecone(api_key="%s")  # pinecone legacy project key\nindex = pc.Index("support-kb")' % pc_legacy, n=1),
        nb_code('import cohere, voyageai\nco = cohere.Client("%s")\nvo = voyageai.Client(api_key="%s")' % (co, vo), n=2),
        nb_code("%env", n=3, outputs=[nb_result(
            "{'HOME': '/home/jovyan',\n 'PATH': '/opt/conda/bin:/usr/local/bin:/usr/bin:/bin',\n 'JUPYTER_SERVER_ROOT': '/home/jovyan',\n 'TAVILY_API_KEY': '%s',\n 'PINECONE_ENVIRONMENT': 'us-west1-gcp',\n 'CONDA_DEFAULT_ENV': 'base'}" % K["sm_tavily"], 3)]),
        nb_code('from openai import OpenAI\nclient = OpenAI(api_key=os.getenv("OPENAI_API_KEY"))\nclient.models.list()', n=4,
                outputs=[nb_error("AuthenticationError", "Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-proj-********************************************Q7mA. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'code': 'invalid_api_key'}}")]),
        nb_code('results = evaluate(index, queries, k=5)\nresults.groupby("retriever").mean()', n=5,
                outputs=[nb_result("           recall@5  mrr\nretriever\npinecone      0.812  0.701\npgvector      0.794  0.688", 5)]),
    ]
    W(base + "notebooks/02_rag_eval.ipynb", notebook(cells))

    W(base + "src/saltmarsh_evals/settings.py", T('''
        """Runtime settings. Values come from the environment or .env."""
        from pydantic import Field, SecretStr
        from pydantic_settings import BaseSettings, SettingsConfigDict


        class Settings(BaseSettings):
            model_config = SettingsConfigDict(env_file=".env", extra="ignore")

            openai_api_key: SecretStr = Field(alias="OPENAI_API_KEY")
            anthropic_api_key: SecretStr | None = Field(default=None, alias="ANTHROPIC_API_KEY")
            # Groq key for the fast judge model; the client's free-tier key, fine to default
            groq_api_key: SecretStr = SecretStr("@@GSK@@")
            judge_model: str = "llama3-70b-8192"
            max_concurrency: int = 8
            langsmith_project: str = "saltmarsh-evals"


        settings = Settings()  # type: ignore[call-arg]
        ''', GSK=groq()))

    akid, sec = aws_pair()
    W(base + "scripts/sync_results_s3.py", T('''
        #!/usr/bin/env python3
        """Push eval results to the client's bucket. Run after each nightly eval."""
        import pathlib
        import sys

        import boto3

        s3 = boto3.client(
            "s3",
            region_name="eu-west-2",
            aws_access_key_id="@@AK@@",
            aws_secret_access_key="@@SK@@",
        )

        def main(results_dir: str = "results") -> int:
            for path in pathlib.Path(results_dir).glob("**/*.jsonl"):
                key = f"evals/{path.relative_to(results_dir)}"
                s3.upload_file(str(path), "saltmarsh-eval-results", key)
                print("uploaded", key)
            return 0

        if __name__ == "__main__":
            sys.exit(main(*sys.argv[1:]))
        ''', AK=akid, SK=sec))

    W(base + "requirements.txt", T("""
        --extra-index-url https://saltmarsh-ci:@@PW@@@pypi.saltmarsh-labs.internal/simple/
        openai==1.33.0
        anthropic==0.28.0
        langsmith==0.1.77
        pinecone-client==4.1.0
        cohere==5.5.6
        voyageai==0.2.3
        pydantic-settings==2.3.1
        boto3==1.34.122
        saltmarsh-prompts==0.4.2
        """, PW=P("basic-auth", pw_url())))

    W(base + "src/saltmarsh_evals/clients.py", T('''
        import os

        from openai import OpenAI
        from anthropic import Anthropic

        OPENROUTER_KEY = "@@OR@@"  # shared OpenRouter account for the model sweep


        def openai_client() -> OpenAI:
            return OpenAI(api_key=os.environ["OPENAI_API_KEY"])


        def anthropic_client() -> Anthropic:
            return Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))


        def openrouter_client() -> OpenAI:
            return OpenAI(base_url="https://openrouter.ai/api/v1", api_key=OPENROUTER_KEY)


        def get_api_key(name: str) -> str:
            api_key = os.environ.get(name)
            if not api_key:
                raise RuntimeError(f"{name} is not set")
            return api_key
        ''', OR=openrouter()))

    W(base + "pyproject.toml", T("""
        [tool.poetry]
        name = "saltmarsh-evals"
        version = "0.7.1"
        description = "LLM evaluation harness for Saltmarsh Labs"
        authors = ["Priya Raman <priya@foxglove-digital.example>"]

        [tool.poetry.dependencies]
        python = "^3.11"
        openai = "^1.33"
        anthropic = "^0.28"
        pydantic-settings = "^2.3"

        [[tool.poetry.source]]
        name = "saltmarsh"
        url = "https://pypi.saltmarsh-labs.internal/simple/"
        priority = "supplemental"

        [build-system]
        requires = ["poetry-core"]
        build-backend = "poetry.core.masonry.api"
        """))

    lock = '# This file is automatically @generated by Poetry 1.8.3 and should not be changed by hand.\n'
    for n, v in [("anthropic", "0.28.0"), ("httpx", "0.27.0"), ("openai", "1.33.0"), ("pydantic", "2.7.4"),
                 ("pydantic-settings", "2.3.1")]:
        fn = n.replace("-", "_")
        lock += T('''

            [[package]]
            name = "@@N@@"
            version = "@@V@@"
            description = ""
            optional = false
            python-versions = ">=3.8"
            files = [
                {file = "@@FN@@-@@V@@-py3-none-any.whl", hash = "sha256:@@H1@@"},
                {file = "@@FN@@-@@V@@.tar.gz", hash = "sha256:@@H2@@"},
            ]
            ''', N=n, V=v, FN=fn, H1=rbytes(32).hex(), H2=rbytes(32).hex())
    lock += '\n[metadata]\nlock-version = "2.0"\npython-versions = "^3.11"\ncontent-hash = "%s"\n' % rbytes(32).hex()
    W(base + "poetry.lock", lock)

    W(base + ".claude/settings.local.json", jdump({
        "permissions": {"allow": ["Bash(poetry run pytest:*)", "Bash(git diff:*)", "WebFetch(domain:docs.anthropic.com)"],
                        "deny": ["Read(./.env)"]},
        "env": {"ANTHROPIC_API_KEY": K["sm_anthropic"], "BASH_DEFAULT_TIMEOUT_MS": "120000"}}))


# ===========================================================================
# L. orbital-cafe: TypeScript / Next.js ordering site
# ===========================================================================
def client_orbital():
    base = "monorepo/clients/orbital-cafe/ordering-web/"
    K["orb_pg"] = pw_url()
    W(base + ".env.local", T("""
        # Orbital Cafe ordering - local env (pulled with `vercel env pull`)
        NEXT_PUBLIC_SITE_URL=https://order.orbitalcafe.co
        NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=@@PK@@
        STRIPE_SECRET_KEY=@@SK@@
        STRIPE_WEBHOOK_SECRET=@@WH@@
        DATABASE_URL="postgresql://orbital_owner:@@PG@@@ep-quiet-sun-a2kd91xq.eu-central-1.aws.neon.tech/orbital?sslmode=require"
        NEXTAUTH_URL=http://localhost:3000
        NEXTAUTH_SECRET=@@NA@@
        NEXT_PUBLIC_SUPABASE_URL=https://qkvzhrbtmwlpxnaefjcd.supabase.co
        SUPABASE_SERVICE_ROLE_KEY=@@SUPA@@
        VERCEL_ENV=development
        """, PK=stripe_pk(), SK=stripe("sk"), WH=stripe("whsec"), PG=P("postgres", K["orb_pg"]),
        NA=P("generic", b64clean(32)), SUPA=supabase_service_role()))

    W(base + "src/lib/square.ts", T("""
        import { Client, Environment } from "square";

        // Square is only used for the in-store kiosk top-ups.
        export const square = new Client({
          accessToken: process.env.SQUARE_ACCESS_TOKEN ?? "@@SQ@@",
          environment: Environment.Production,
        });

        export const LOCATION_ID = "L8N3Q5W2Y7K1M";

        export async function createTopUp(amountPence: number, idempotencyKey: string) {
          const { result } = await square.paymentsApi.createPayment({
            sourceId: "EXTERNAL",
            idempotencyKey,
            amountMoney: { amount: BigInt(amountPence), currency: "GBP" },
            locationId: LOCATION_ID,
          });
          return result.payment;
        }
        """, SQ=square("eaaa")))

    W(base + "src/app/api/chat/route.ts", T("""
        import { createOpenAI } from "@ai-sdk/openai";
        import { streamText } from "ai";
        // import Anthropic from "@anthropic-ai/sdk";
        // const anthropic = new Anthropic({ apiKey: "@@ANT@@" });

        const openrouter = createOpenAI({
          baseURL: "https://openrouter.ai/api/v1",
          apiKey: process.env.OPENROUTER_API_KEY || "@@OR@@",
        });

        export const runtime = "edge";

        export async function POST(req: Request) {
          const { messages } = await req.json();
          const result = await streamText({
            model: openrouter("anthropic/claude-3.5-sonnet"),
            system: "You are Orbi, the Orbital Cafe ordering assistant. Only talk about the menu.",
            messages,
          });
          return result.toDataStreamResponse();
        }
        """, ANT=anthropic(), OR=openrouter()))

    W(base + "src/lib/figma-sync.ts", T("""
        // Pulls colour + type tokens from the Orbital brand file into tailwind.config.
        const FIGMA_FILE = "q2Vd8XkT1mNbR7sLp0yWcJ";
        const FIGMA_TOKEN = "@@FIG@@";

        export async function fetchStyles() {
          const res = await fetch(`https://api.figma.com/v1/files/${FIGMA_FILE}/styles`, {
            headers: { "X-Figma-Token": FIGMA_TOKEN },
          });
          if (!res.ok) throw new Error(`figma ${res.status}`);
          return (await res.json()).meta.styles as Array<{ key: string; name: string }>;
        }
        """, FIG=figma()))

    W(base + "scripts/deploy-preview.sh", T("""
        #!/usr/bin/env bash
        set -euo pipefail
        # Preview deploys from the Foxglove build box (Vercel team: foxglove-clients)
        VERCEL_TOKEN="@@VT@@"
        VERCEL_ORG_ID="team_Wq3kV9mZ2bLx7RtN8pHcY1dF"
        VERCEL_PROJECT_ID="prj_7Hc2NqL0vXk9TmB4sRyW1eZpJd6A"
        export VERCEL_ORG_ID VERCEL_PROJECT_ID

        npx vercel pull --yes --environment=preview --token "$VERCEL_TOKEN"
        npx vercel build --token "$VERCEL_TOKEN"
        url=$(npx vercel deploy --prebuilt --token "$VERCEL_TOKEN")
        echo "preview: $url"
        """, VT=vercel()))

    W(base + ".npmrc", "@orbital:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=${GITHUB_TOKEN}\nengine-strict=true\n")
    W(base + "next.config.mjs", T("""
        /** @type {import('next').NextConfig} */
        const nextConfig = {
          env: {
            STRIPE_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY,
          },
          images: { remotePatterns: [{ protocol: "https", hostname: "cdn.orbitalcafe.co" }] },
          experimental: { serverActions: { bodySizeLimit: "2mb" } },
        };
        export default nextConfig;
        """))

    pkgs = {"": {"name": "ordering-web", "version": "1.8.0",
                 "dependencies": {"next": "14.2.3", "react": "18.3.1", "square": "36.0.0", "ai": "3.1.30"}}}
    for n, v in [("next", "14.2.3"), ("react", "18.3.1"), ("react-dom", "18.3.1"), ("square", "36.0.0"),
                 ("ai", "3.1.30"), ("@ai-sdk/openai", "0.0.24"), ("zod", "3.23.8"), ("scheduler", "0.23.2")]:
        pkgs["node_modules/" + n] = {"version": v, "resolved": "https://registry.npmjs.org/%s/-/%s-%s.tgz" % (n, n.split("/")[-1], v),
                                     "integrity": integrity(), "license": "MIT"}
    W(base + "package-lock.json", jdump({"name": "ordering-web", "version": "1.8.0", "lockfileVersion": 3,
                                         "requires": True, "packages": pkgs}))

    base2 = "monorepo/clients/orbital-cafe/marketing-site/"
    W(base2 + "netlify-deploy.sh", T("""
        #!/bin/sh
        # marketing site still lives on Netlify (client's own account)
        export NETLIFY_SITE_ID=5d2f0c7e-8b1a-4e93-a6d4-2c9f71b3e058
        export NETLIFY_AUTH_TOKEN=@@NF@@
        npm ci && npm run build
        npx netlify deploy --dir=dist --prod --message "deploy $(git rev-parse --short HEAD)"
        """, NF=netlify()))
    yl = "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n"
    for n, v in [("astro", "4.9.2"), ("@astrojs/tailwind", "5.1.0"), ("tailwindcss", "3.4.4"), ("sharp", "0.33.4")]:
        yl += '\n"%s@^%s":\n  version "%s"\n  resolved "https://registry.yarnpkg.com/%s/-/%s-%s.tgz#%s"\n  integrity %s\n' % (
            n, v, v, n, n.split("/")[-1], v, sha1hex(), integrity())
    W(base2 + "yarn.lock", yl)


# ===========================================================================
# M. wren-legal: WordPress
# ===========================================================================
def client_wren():
    base = "monorepo/clients/wren-legal/site/"
    salt_alpha = ALNUM + "!#%&()*+,-.:;<=>?[]^_|}~"
    salts = {}
    for name in ["AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT",
                 "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"]:
        salts[name] = P("wordpress", rs(64, salt_alpha))
    salt_lines = "\n".join("define( '%s',%s'%s' );" % (k, " " * (17 - len(k)), v) for k, v in salts.items())
    W(base + "wp-config.php", T("""
        <?php
        /**
         * The base configuration for WordPress - Wren Legal LLP
         */

        // ** Database settings - You can get this info from your web host ** //
        define( 'DB_NAME', 'wrenlegal_wp' );
        define( 'DB_USER', 'wrenlegal_wp' );
        define( 'DB_PASSWORD', '@@DBPW@@' );
        define( 'DB_HOST', 'localhost' );
        define( 'DB_CHARSET', 'utf8mb4' );
        define( 'DB_COLLATE', '' );

        /**#@+
         * Authentication unique keys and salts.
         * Change these to different unique phrases! https://api.wordpress.org/secret-key/1.1/salt/
         */
        @@SALTS@@
        /**#@-*/

        $table_prefix = 'wl_';

        define( 'WP_DEBUG', true );
        define( 'WP_DEBUG_LOG', true );
        define( 'WP_DEBUG_DISPLAY', false );
        define( 'DISALLOW_FILE_EDIT', true );

        if ( ! defined( 'ABSPATH' ) ) {
            define( 'ABSPATH', __DIR__ . '/' );
        }
        require_once ABSPATH . 'wp-settings.php';
        """, DBPW=P("wordpress", pw()), SALTS=salt_lines))

    W(base + "wp-config-sample.php", T("""
        <?php
        define( 'DB_NAME', 'database_name_here' );
        define( 'DB_USER', 'username_here' );
        define( 'DB_PASSWORD', 'password_here' );
        define( 'DB_HOST', 'localhost' );
        define( 'AUTH_KEY',         'put your unique phrase here' );
        define( 'SECURE_AUTH_KEY',  'put your unique phrase here' );
        define( 'LOGGED_IN_KEY',    'put your unique phrase here' );
        define( 'NONCE_KEY',        'put your unique phrase here' );
        $table_prefix = 'wp_';
        """))

    apr_salt = rs(8, ALNUM + "./")
    W(base + ".htpasswd", "%s\n%s\n" % (
        P("htpasswd", "wrenstaging:$apr1$%s$%s" % (apr_salt, rs(22, ALNUM + "./"))),
        P("htpasswd", "foxglove:$2y$10$%s" % rs(53, ALNUM + "./"))))

    smtp_pw = P("generic", pw())
    W(base + "wp-content/debug.log", T("""
        [03-Jun-2024 08:12:44 UTC] PHP Deprecated:  Creation of dynamic property WPSEO_Admin::$options is deprecated in /var/www/wren/wp-content/plugins/wordpress-seo/admin/class-admin.php on line 81
        [03-Jun-2024 08:12:45 UTC] PHP Warning:  Undefined array key "intake_type" in /var/www/wren/wp-content/plugins/wren-intake/wren-intake.php on line 142
        [03-Jun-2024 09:30:02 UTC] WP Mail SMTP: Mailer: Other SMTP. SMTP Error: Could not authenticate. host=smtp.eu.mailgun.org user=postmaster@mg.wrenlegal.co.uk pass=@@PW@@
        [03-Jun-2024 09:30:02 UTC] PHP Notice:  Function wp_mail was called incorrectly. Password field left as ******** in the admin screen.
        [03-Jun-2024 11:05:17 UTC] Cron reschedule event error for hook: wp_privacy_delete_old_export_files, Error code: could_not_set
        """, PW=smtp_pw))

    W(base + "wp-content/plugins/wren-intake/wren-intake.php", T("""
        <?php
        /**
         * Plugin Name: Wren Intake
         * Description: New-client intake form -> Mailchimp audience + case management webhook.
         * Version: 1.3.0
         */

        defined( 'ABSPATH' ) || exit;

        define( 'WREN_MAILCHIMP_KEY', '@@MC@@' );
        define( 'WREN_MAILCHIMP_LIST', 'a71c3e09bf' );
        define( 'WREN_RECAPTCHA_SITE', '6LcV2kApAAAAAJ8tNqY3wHd0sRmZbX5pLf1eGuKo' );

        add_action( 'wp_ajax_nopriv_wren_intake', 'wren_intake_submit' );

        function wren_intake_submit() {
            check_ajax_referer( 'wren_intake', 'nonce' );
            $email = sanitize_email( $_POST['email'] ?? '' );
            $dc    = substr( WREN_MAILCHIMP_KEY, strpos( WREN_MAILCHIMP_KEY, '-' ) + 1 );
            wp_remote_post( "https://{$dc}.api.mailchimp.com/3.0/lists/" . WREN_MAILCHIMP_LIST . '/members', array(
                'headers' => array( 'Authorization' => 'apikey ' . WREN_MAILCHIMP_KEY ),
                'body'    => wp_json_encode( array( 'email_address' => $email, 'status' => 'pending' ) ),
            ) );
            wp_send_json_success();
        }
        """, MC=mailchimp()))

    W(base + "bitbucket-pipelines.yml", T("""
        image: php:8.2-cli

        pipelines:
          branches:
            main:
              - step:
                  name: Deploy to WP Engine
                  deployment: production
                  script:
                    - pipe: atlassian/ssh-run:0.8.0
                      variables:
                        SSH_USER: wrenlegal
                        SERVER: wrenlegal.ssh.wpengine.net
                        COMMAND: "cd sites/wrenlegal && wp cache flush"
                    - export BITBUCKET_APP_PASSWORD="@@ATBB@@"
                    - curl -s -u "foxglove-ci:$BITBUCKET_APP_PASSWORD" -X POST "https://api.bitbucket.org/2.0/repositories/foxglove/wren-site/downloads" -F files=@build.zip
        """, ATBB=bitbucket()))


# ===========================================================================
# N. kitefield: Go tracking service
# ===========================================================================
def client_kitefield():
    base = "monorepo/clients/kitefield/tracker/"
    W(base + "go.mod", T("""
        module github.com/foxglove-digital/kitefield-tracker

        go 1.22

        require (
        	github.com/PagerDuty/go-pagerduty v1.8.0
        	go.mongodb.org/mongo-driver v1.15.0
        	github.com/go-chi/chi/v5 v5.0.12
        )
        """))
    sums = ""
    for m, v in [("github.com/PagerDuty/go-pagerduty", "v1.8.0"), ("go.mongodb.org/mongo-driver", "v1.15.0"),
                 ("github.com/go-chi/chi/v5", "v5.0.12"), ("github.com/golang/snappy", "v0.0.4"),
                 ("github.com/klauspost/compress", "v1.17.8")]:
        sums += "%s %s h1:%s\n%s %s/go.mod h1:%s\n" % (m, v, b64(rbytes(32)), m, v, b64(rbytes(32)))
    W(base + "go.sum", sums)

    W(base + "cmd/tracker/main.go", T("""
        package main

        import (
        	"context"
        	"log"
        	"net/http"
        	"os"
        	"time"

        	"github.com/go-chi/chi/v5"
        	"go.mongodb.org/mongo-driver/mongo"
        	"go.mongodb.org/mongo-driver/mongo/options"
        )

        // fallback for the Raspberry Pi depots that don't get env injected
        const defaultMongoURI = "mongodb+srv://tracker:@@PW@@@kitefield.x3kq9.mongodb.net/tracker?retryWrites=true&w=majority"

        func main() {
        	uri := os.Getenv("MONGO_URI")
        	if uri == "" {
        		uri = defaultMongoURI
        	}
        	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
        	defer cancel()
        	client, err := mongo.Connect(ctx, options.Client().ApplyURI(uri))
        	if err != nil {
        		log.Fatalf("mongo: %v", err)
        	}
        	r := chi.NewRouter()
        	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
        	r.Post("/pings", pingHandler(client))
        	log.Fatal(http.ListenAndServe(":"+envOr("PORT", "8080"), r))
        }

        func envOr(k, d string) string {
        	if v := os.Getenv(k); v != "" {
        		return v
        	}
        	return d
        }
        """, PW=P("mongodb", pw_url())))

    W(base + "internal/notify/postmark.go", T("""
        package notify

        import (
        	"bytes"
        	"encoding/json"
        	"net/http"
        )

        const postmarkServerToken = "@@PM@@"

        type Email struct {
        	From     string `json:"From"`
        	To       string `json:"To"`
        	Subject  string `json:"Subject"`
        	HtmlBody string `json:"HtmlBody"`
        }

        func Send(e Email) error {
        	body, _ := json.Marshal(e)
        	req, _ := http.NewRequest(http.MethodPost, "https://api.postmarkapp.com/email", bytes.NewReader(body))
        	req.Header.Set("Accept", "application/json")
        	req.Header.Set("Content-Type", "application/json")
        	req.Header.Set("X-Postmark-Server-Token", postmarkServerToken)
        	_, err := http.DefaultClient.Do(req)
        	return err
        }
        """, PM=postmark()))

    W(base + "internal/pager/pagerduty.go", T("""
        package pager

        import "github.com/PagerDuty/go-pagerduty"

        // Events API v2 integration for the "Kitefield Tracker" service
        var routingKey = "@@RK@@"

        func DepotOffline(depot string) error {
        	_, err := pagerduty.ManageEventWithContext(nil, pagerduty.V2Event{
        		RoutingKey: routingKey,
        		Action:     "trigger",
        		Payload: &pagerduty.V2Payload{
        			Summary:  "Depot " + depot + " has stopped reporting",
        			Source:   "kitefield-tracker",
        			Severity: "error",
        		},
        	})
        	return err
        }
        """, RK=pagerduty("routing")))

    W(base + "Dockerfile", T("""
        FROM golang:1.22-alpine AS build
        WORKDIR /src
        ARG GOPRIVATE=github.com/foxglove-digital/*
        ARG GITHUB_TOKEN
        RUN git config --global url."https://${GITHUB_TOKEN}@github.com/".insteadOf "https://github.com/"
        COPY go.mod go.sum ./
        RUN go mod download
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/tracker ./cmd/tracker

        FROM gcr.io/distroless/static-debian12@sha256:@@DIG@@
        ENV SENDGRID_API_KEY=@@SG@@
        ENV PORT=8080
        COPY --from=build /out/tracker /tracker
        ENTRYPOINT ["/tracker"]
        """, DIG=rbytes(32).hex(), SG=sendgrid()))


# ===========================================================================
# O. shared infrastructure: Terraform, Kubernetes, Helm, compose, Ansible, SOPS, Vault
# ===========================================================================
def infra():
    base = "monorepo/infra/"
    akid, sec = aws_pair()
    K["infra_aws"] = (akid, sec)
    W(base + "terraform/envs/prod/main.tf", T("""
        terraform {
          required_version = ">= 1.7.0"
          required_providers {
            aws        = { source = "hashicorp/aws", version = "~> 5.50" }
            cloudflare = { source = "cloudflare/cloudflare", version = "~> 4.33" }
            datadog    = { source = "DataDog/datadog", version = "~> 3.39" }
          }
          cloud {
            organization = "foxglove-digital"
            workspaces { name = "infra-prod" }
          }
        }

        provider "aws" {
          region     = "eu-west-2"
          access_key = "@@AK@@"
          secret_key = "@@SK@@"
          default_tags {
            tags = { ManagedBy = "terraform", Owner = "foxglove-ops" }
          }
        }

        provider "cloudflare" {
          api_token = "@@CF@@"
        }

        provider "datadog" {
          api_key = var.datadog_api_key
          app_key = var.datadog_app_key
          api_url = "https://api.datadoghq.eu/"
        }

        module "postgres" {
          source         = "../../modules/postgres"
          name           = "shared-prod"
          instance_class = "db.t4g.medium"
          db_password    = var.db_password
        }

        resource "random_password" "grafana_admin" {
          length  = 24
          special = true
        }

        resource "cloudflare_record" "dispatch" {
          zone_id = "4f1b7c2e9a0d3e6f8b5c1a2d7e9f0b3c"
          name    = "dispatch"
          type    = "CNAME"
          value   = "quayside-dispatch-alb-1183402217.eu-west-2.elb.amazonaws.com"
          proxied = true
        }
        """, AK=akid, SK=sec, CF=cloudflare("token")))

    ali_id, ali_sec = alibaba_pair()
    W(base + "terraform/envs/prod/terraform.tfvars", T("""
        do_token           = "@@DO@@"
        datadog_api_key    = "@@DDA@@"
        datadog_app_key    = "@@DDP@@"
        db_password        = "@@DBPW@@"
        newrelic_api_key   = "@@NR@@"
        newrelic_account   = 3810442
        alicloud_access_key = "@@ALI@@"
        alicloud_secret_key = "@@ALISEC@@"
        alicloud_region     = "cn-hangzhou"
        allowed_cidrs      = ["81.2.69.0/24", "10.0.0.0/8"]
        """, DO=digitalocean("dop"), DDA=datadog("api"), DDP=datadog("app"), DBPW=P("generic", pw()),
        NR=newrelic("nrak"), ALI=ali_id, ALISEC=ali_sec))

    W(base + "terraform/modules/postgres/variables.tf", T("""
        variable "name" {
          type        = string
          description = "Identifier prefix for the instance"
        }

        variable "instance_class" {
          type    = string
          default = "db.t4g.small"
        }

        variable "db_password" {
          type        = string
          sensitive   = true
          description = "Master password. Set in terraform.tfvars or TF_VAR_db_password."
          default     = "changeme"
        }

        variable "kms_key_arn" {
          type    = string
          default = "arn:aws:kms:eu-west-2:482913305511:key/2b7e4c1a-9d3f-4e8b-a6c5-0f1e2d3c4b5a"
        }
        """))

    W(base + "terraform/envs/staging/heroku.tf", T("""
        provider "heroku" {
          email   = "ops@foxglove-digital.example"
          api_key = "@@HK@@"
        }

        resource "heroku_app" "larkspur_staging" {
          name   = "larkspur-portal-staging"
          region = "eu"
          config_vars = {
            RAILS_ENV       = "staging"
            RAILS_LOG_LEVEL = "info"
          }
          sensitive_config_vars = {
            RAILS_MASTER_KEY = var.larkspur_master_key
          }
        }
        """, HK=heroku(new=False)))

    hcl = "# This file is maintained automatically by \"terraform init\".\n# Manual edits may be lost in future updates.\n"
    for prov, ver in [("hashicorp/aws", "5.52.0"), ("cloudflare/cloudflare", "4.34.0"), ("datadog/datadog", "3.39.0")]:
        hcl += '\nprovider "registry.terraform.io/%s" {\n  version     = "%s"\n  constraints = "~> %s"\n  hashes = [\n' % (prov, ver, ver.rsplit(".", 1)[0])
        hcl += '    "h1:%s",\n' % b64(rbytes(32))
        for _ in range(4):
            hcl += '    "zh:%s",\n' % rbytes(32).hex()
        hcl += "  ]\n}\n"
    W(base + "terraform/.terraform.lock.hcl", hcl)

    # --- kubernetes ---------------------------------------------------------
    K["lark_pg_pw"] = pw_url()
    W(base + "k8s/apps/larkspur/secret.yaml", T("""
        apiVersion: v1
        kind: Secret
        metadata:
          name: larkspur-portal-env
          namespace: larkspur
          labels:
            app.kubernetes.io/name: patient-portal
        type: Opaque
        stringData:
          DATABASE_URL: postgres://portal_app:@@PG@@@larkspur-prod.c7pqkz2vn1xr.eu-west-2.rds.amazonaws.com:5432/larkspur_portal
          REDIS_URL: rediss://default:@@RD@@@larkspur-cache.q1w2e3.ng.0001.euw2.cache.amazonaws.com:6379
          SENTRY_AUTH_TOKEN: @@SEN@@
          STRIPE_API_KEY: @@RK@@
          RAILS_ENV: production
          RAILS_LOG_TO_STDOUT: "true"
        """, PG=P("postgres", K["lark_pg_pw"]), RD=P("redis", pw_url()), SEN=sentry("org"), RK=stripe("rk")))

    mur_pg = "postgres://murmur:%s@murmur-db.murmur.svc.cluster.local:5432/murmur_prod" % pw_url()
    W(base + "k8s/apps/murmur/secret.yaml", T("""
        apiVersion: v1
        kind: Secret
        metadata:
          name: murmur-runtime
          namespace: murmur
        type: Opaque
        data:
          DISCORD_BOT_TOKEN: @@D1@@
          DATABASE_URL: @@D2@@
          RELEASE_COOKIE: @@D3@@
          PHX_HOST: @@D4@@
          LOG_LEVEL: @@D5@@
          MIX_ENV: @@D6@@
        """, D1=P("discord", b64(K["murmur_discord"])), D2=P("postgres", b64(mur_pg)),
        D3=P("generic", b64(rs(48, ALNUM))), D4=b64("chat.murmur.social"), D5=b64("info"), D6=b64("prod")))

    W(base + "k8s/apps/ledgerline/sealedsecret.yaml", T("""
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata:
          name: reconciler-env
          namespace: ledgerline
        spec:
          encryptedData:
            LEDGER_DB_URL: Ag@@E1@@
            SNOWFLAKE_PASSWORD: Ag@@E2@@
            KAFKA_SASL_JAAS: Ag@@E3@@
          template:
            metadata:
              name: reconciler-env
              namespace: ledgerline
            type: Opaque
        """, E1=b64(rbytes(420)), E2=b64(rbytes(380)), E3=b64(rbytes(520))))

    W(base + "k8s/apps/ledgerline/configmap.yaml", T("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: reconciler-config
          namespace: ledgerline
        data:
          JAVA_OPTS: "-Xms1g -Xmx3g -XX:+UseG1GC"
          LEDGERLINE_ENV: prod
          KAFKA_BOOTSTRAP: pkc-4r297.europe-west2.gcp.confluent.cloud:9092
          SNOWFLAKE_ACCOUNT: fx48213.eu-west-1
          SNOWFLAKE_USER: RECON_SVC
          SNOWFLAKE_PASSWORD_FILE: /var/run/secrets/reconciler/snowflake_password
          BUILD_SHA: @@SHA@@
        binaryData:
          banner.txt: @@BANNER@@
        """, SHA=git_sha(), BANNER=b64("Ledgerline reconciler - production cluster. Unauthorised access prohibited.\n")))

    # --- helm ---------------------------------------------------------------
    W(base + "helm/saltmarsh-api/values.yaml", T("""
        replicaCount: 2
        image:
          repository: ghcr.io/foxglove-digital/saltmarsh-api
          tag: ""
          pullPolicy: IfNotPresent
        imagePullSecrets:
          - name: ghcr-pull

        secrets:
          # leave empty and set existingSecret in real environments
          existingSecret: ""
          openaiApiKey: ""
          langsmithApiKey: "<langsmith-api-key>"
          anthropicApiKey: "sk-ant-api03-..."

        postgresql:
          enabled: true
          auth:
            username: saltmarsh
            password: changeme
            database: saltmarsh

        redis:
          auth:
            enabled: true
            password: ""
        """))

    dockercfg = json.dumps({"auths": {"ghcr.io": {"auth": b64("foxglove-ci:" + gh_checksummed("ghp_"))}}}, separators=(",", ":"))
    W(base + "helm/saltmarsh-api/values-prod.yaml", T("""
        replicaCount: 4
        image:
          tag: "2024.06.11-@@SHORT@@"

        secrets:
          openaiApiKey: "@@OAI@@"
          langsmithApiKey: "@@LS@@"
          anthropicApiKey: "@@ANT@@"

        postgresql:
          auth:
            password: "@@PG@@"

        redis:
          auth:
            password: "@@RD@@"

        registryCredentials:
          dockerconfigjson: @@DCJ@@

        ingress:
          enabled: true
          hosts:
            - host: api.saltmarsh-labs.ai
              paths: [ { path: /, pathType: Prefix } ]
        """, SHORT=git_sha()[:7], OAI=openai("svcacct"), LS=langsmith("sk"), ANT=anthropic(),
        PG=P("generic", pw()), RD=P("generic", pw()), DCJ=P("docker", b64(dockercfg))))

    W(base + "helm/saltmarsh-api/templates/secret.yaml", T("""
        {{- if not .Values.secrets.existingSecret }}
        apiVersion: v1
        kind: Secret
        metadata:
          name: {{ include "saltmarsh-api.fullname" . }}
        type: Opaque
        data:
          OPENAI_API_KEY: {{ .Values.secrets.openaiApiKey | b64enc | quote }}
          LANGSMITH_API_KEY: {{ .Values.secrets.langsmithApiKey | b64enc | quote }}
          ANTHROPIC_API_KEY: {{ required "anthropicApiKey" .Values.secrets.anthropicApiKey | b64enc | quote }}
          DATABASE_PASSWORD: {{ .Values.postgresql.auth.password | b64enc | quote }}
        {{- end }}
        """))

    # --- compose ------------------------------------------------------------
    W(base + "docker/observability/docker-compose.yml", T("""
        services:
          grafana:
            image: grafana/grafana:11.0.0@sha256:@@D1@@
            ports: ["3000:3000"]
            environment:
              GF_SECURITY_ADMIN_USER: admin
              GF_SECURITY_ADMIN_PASSWORD: "@@GF@@"
              GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: ${GRAFANA_OAUTH_SECRET}
            volumes:
              - grafana-data:/var/lib/grafana

          postgres:
            image: postgres:16.3
            environment:
              - POSTGRES_USER=metrics
              - POSTGRES_PASSWORD=@@PG@@
              - POSTGRES_DB=metrics

          rabbitmq:
            image: rabbitmq:3.13-management
            environment:
              RABBITMQ_DEFAULT_USER: foxglove
              RABBITMQ_DEFAULT_PASS: @@RB@@

          minio:
            image: quay.io/minio/minio:RELEASE.2024-06-04T19-20-08Z
            command: server /data --console-address ":9001"
            environment:
              MINIO_ROOT_USER: foxglove-admin
              MINIO_ROOT_PASSWORD: @@MN@@

          loki:
            image: grafana/loki:3.0.0
            command: -config.file=/etc/loki/local-config.yaml

          datadog:
            image: gcr.io/datadoghq/agent:7
            environment:
              - DD_API_KEY=${DD_API_KEY:?set DD_API_KEY}
              - DD_SITE=datadoghq.eu

        volumes:
          grafana-data: {}
        """, D1=rbytes(32).hex(), GF=P("generic", pw()), PG=P("generic", pw()), RB=P("generic", pw()),
        MN=P("generic", pw())))

    # --- ansible / sops -------------------------------------------------------
    W(base + "ansible/inventory/prod.ini", T("""
        [bastion]
        bastion-01 ansible_host=18.133.62.40

        [corvid_windows]
        corvid-adm01 ansible_host=10.40.1.12

        [corvid_windows:vars]
        ansible_user=CORVID\\svc-ansible
        ansible_password=@@WINPW@@
        ansible_connection=winrm
        ansible_winrm_server_cert_validation=ignore

        [legacy_web]
        wren-old ansible_host=10.40.2.20 ansible_user=deploy ansible_ssh_pass=@@SSHPW@@ ansible_become_pass=@@BPW@@

        [all:vars]
        ansible_python_interpreter=/usr/bin/python3
        """, WINPW=P("generic", pw()), SSHPW=P("generic", pw()), BPW=P("generic", pw())))

    vault_lines = "\n".join(rbytes(40).hex() for _ in range(9))
    W(base + "ansible/group_vars/all/vault.yml", "$ANSIBLE_VAULT;1.1;AES256\n" + vault_lines)
    W(base + "ansible/group_vars/all/main.yml", T("""
        ntp_servers: [0.uk.pool.ntp.org, 1.uk.pool.ntp.org]
        deploy_user: deploy
        db_password: "{{ vault_db_password }}"
        grafana_admin_password: "{{ vault_grafana_admin_password }}"
        mailgun_api_key: "{{ lookup('community.hashi_vault.hashi_vault', 'secret=kv/data/mailgun:api_key') }}"
        """))

    def enc(n):
        return "ENC[AES256_GCM,data:%s,iv:%s,tag:%s,type:str]" % (b64(rbytes(n)), b64(rbytes(32)), b64(rbytes(16)))
    W(base + "sops/murmur.enc.yaml", T("""
        discord_bot_token: @@E1@@
        database_url: @@E2@@
        telegram_bot_token: @@E3@@
        sops:
            kms: []
            age:
                - recipient: @@AGEPUB@@
                  enc: |
                    -----BEGIN AGE ENCRYPTED FILE-----
                    @@AGEENC1@@
                    @@AGEENC2@@
                    -----END AGE ENCRYPTED FILE-----
            lastmodified: "2024-05-20T10:41:07Z"
            mac: @@MAC@@
            unencrypted_suffix: _unencrypted
            version: 3.8.1
        """, E1=enc(70), E2=enc(90), E3=enc(46), AGEPUB=age_pub(), AGEENC1=b64(rbytes(48)),
        AGEENC2=b64(rbytes(48)), MAC=enc(32)))

    # --- vault / doppler / cloudflare / gitlab runner ------------------------
    root = vault("hvs")
    W(base + "vault/RUNBOOK.md", T("""
        # Vault (ops-vault.foxglove.internal)

        ## Re-initialised 2024-04-02 after the storage migration

        Output of `vault operator init -key-shares=3 -key-threshold=2` (Marcus, please move these to the
        break-glass envelope and delete from here):

        ```
        Unseal Key 1: @@U1@@
        Unseal Key 2: @@U2@@
        Unseal Key 3: @@U3@@

        Initial Root Token: @@ROOT@@
        ```

        ## Day-to-day

        ```bash
        export VAULT_ADDR=https://ops-vault.foxglove.internal:8200
        vault login -method=oidc role=foxglove-ops
        vault kv get -field=api_key kv/mailgun
        ```

        Never paste tokens into Slack. Use `vault token lookup` to check TTLs; tokens look like
        `hvs.<24 chars>` and batch tokens `hvb.`.
        """, U1=P("vault", b64clean(33)), U2=P("vault", b64clean(33)), U3=P("vault", b64clean(33)), ROOT=root))

    W(base + "doppler/run-migrations.sh", T("""
        #!/usr/bin/env bash
        # Runs DB migrations for the quayside prod config via Doppler service token.
        set -euo pipefail
        export DOPPLER_TOKEN="@@DP@@"
        doppler run --project quayside --config prd -- php artisan migrate --force
        """, DP=doppler("st")))

    W(base + "cloudflare/renew-origin-cert.sh", T("""
        #!/usr/bin/env bash
        # Renews the origin certificate for *.orbitalcafe.co (15-year RSA).
        set -euo pipefail
        CF_ORIGIN_CA_KEY="@@CA@@"
        CF_GLOBAL_KEY="@@GK@@"   # legacy, needed for the zone settings call below
        csr=$(openssl req -new -newkey rsa:2048 -nodes -keyout origin.key -subj "/CN=*.orbitalcafe.co" 2>/dev/null)
        curl -sS https://api.cloudflare.com/client/v4/certificates \\
          -H "X-Auth-User-Service-Key: $CF_ORIGIN_CA_KEY" \\
          --data "{\\"hostnames\\":[\\"*.orbitalcafe.co\\"],\\"requested_validity\\":5475,\\"request_type\\":\\"origin-rsa\\",\\"csr\\":\\"$csr\\"}"
        curl -sS -X PATCH "https://api.cloudflare.com/client/v4/zones/$ZONE_ID/settings/ssl" \\
          -H "X-Auth-Email: ops@foxglove-digital.example" -H "X-Auth-Key: $CF_GLOBAL_KEY" --data '{"value":"strict"}'
        """, CA=cloudflare("origin"), GK=cloudflare("global")))

    W(base + "gitlab-runner/register.sh", T("""
        #!/bin/sh
        # legacy registration flow (deprecated in GitLab 16, still used on the mac mini)
        gitlab-runner register --non-interactive \\
          --url https://gitlab.com/ \\
          --registration-token "@@REG@@" \\
          --executor docker --docker-image alpine:3.20 \\
          --description "foxglove-macmini-02" --tag-list "macos,arm64"
        """, REG=gitlab("reg")))

    W(base + "gitlab-runner/config.toml", T("""
        concurrent = 4
        check_interval = 0

        [session_server]
          session_timeout = 1800

        [[runners]]
          name = "foxglove-hetzner-01"
          url = "https://gitlab.com/"
          id = 31884402
          token = "@@GLRT@@"
          token_obtained_at = 2024-02-19T09:12:40Z
          token_expires_at = 0001-01-01T00:00:00Z
          executor = "docker"
          [runners.docker]
            image = "alpine:3.20"
            privileged = false
            volumes = ["/cache"]
        """, GLRT=gitlab("glrt")))

    W(base + "snowflake/connections.toml", T("""
        [default]
        account = "fx48213.eu-west-1"
        user = "RECON_SVC"
        password = "@@PW@@"
        warehouse = "RECON_WH"
        role = "RECON_RW"

        [keypair]
        account = "fx48213.eu-west-1"
        user = "DBT_SVC"
        authenticator = "SNOWFLAKE_JWT"
        private_key_file = "~/.snowflake/rsa_key.p8"
        """, PW=K["ll_snowflake_pw"]))

    W(base + "terraform/credentials.tfrc.json", jdump({"credentials": {"app.terraform.io": {"token": tfc()}}}))


def gh_look(prefix="ghp_"):
    return LA("github-lookalike", gh_checksummed(prefix, wrong=True))


def npm_look():
    return LA("npm-lookalike", gh_checksummed("npm_", wrong=True))


# ===========================================================================
# P. CI pipelines
# ===========================================================================
def ci():
    base = "monorepo/"
    K["heroku_new"] = heroku(new=True)
    W(base + ".github/workflows/deploy-larkspur.yml", T("""
        name: deploy-larkspur

        on:
          push:
            branches: [main]
            paths: ["clients/larkspur-dental/**"]
          workflow_dispatch:

        concurrency: larkspur-deploy

        env:
          HEROKU_APP: larkspur-portal-staging
          HEROKU_EMAIL: ops@foxglove-digital.example
          HEROKU_API_KEY: @@HK@@

        jobs:
          test:
            runs-on: ubuntu-22.04
            services:
              postgres:
                image: postgres:16
                env:
                  POSTGRES_PASSWORD: postgres
                ports: ["5432:5432"]
            steps:
              - uses: actions/checkout@@@SHA1@@ # v4.1.7
              - uses: ruby/setup-ruby@@@SHA2@@ # v1.180.0
                with:
                  working-directory: clients/larkspur-dental/patient-portal
                  bundler-cache: true
              - run: bin/rails db:prepare spec
                working-directory: clients/larkspur-dental/patient-portal
                env:
                  DATABASE_URL: postgres://postgres:postgres@localhost:5432/larkspur_test
                  RAILS_MASTER_KEY: ${{ secrets.LARKSPUR_MASTER_KEY }}

          deploy:
            needs: test
            runs-on: ubuntu-22.04
            environment: staging
            steps:
              - uses: actions/checkout@@@SHA1@@
              - name: Deploy to Heroku
                run: |
                  git push https://heroku:${HEROKU_API_KEY}@git.heroku.com/${HEROKU_APP}.git HEAD:main --force
              - name: Notify
                uses: slackapi/slack-github-action@@@SHA3@@
                with:
                  payload: '{"text":"larkspur staging deployed ${{ github.sha }}"}'
                env:
                  SLACK_WEBHOOK_URL: ${{ secrets.SLACK_WEBHOOK_URL }}
        """, HK=K["heroku_new"], SHA1=git_sha(), SHA2=git_sha(), SHA3=git_sha()))

    K["npm_publish"] = npm()
    W(base + ".github/workflows/publish-packages.yml", T("""
        name: publish-packages
        on:
          release:
            types: [published]

        permissions:
          contents: read
          id-token: write

        jobs:
          npm:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - uses: actions/setup-node@v4
                with: { node-version: 20, registry-url: "https://registry.npmjs.org" }
              - run: npm ci && npm run build --workspace packages/ui-kit
              # TODO: switch to NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }} once the org secret exists
              - run: echo "//registry.npmjs.org/:_authToken=@@NPM@@" > ~/.npmrc
              - run: npm publish --workspace packages/ui-kit --access public --provenance

          pypi:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - uses: actions/setup-python@v5
                with: { python-version: "3.12" }
              - run: pipx run build packages/foxglove-evalkit
              - run: pipx run twine upload packages/foxglove-evalkit/dist/*
                env:
                  TWINE_USERNAME: __token__
                  TWINE_PASSWORD: @@PYPI@@

          crates:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: cargo publish -p foxglove-otel-shim
                env:
                  CARGO_REGISTRY_TOKEN: ${{ secrets.CARGO_REGISTRY_TOKEN }}
        """, NPM=K["npm_publish"], PYPI=pypi()))

    W(base + ".github/workflows/lint.yml", T("""
        name: lint
        on: [pull_request]
        jobs:
          lint:
            runs-on: ubuntu-latest
            env:
              GH_TOKEN: ${{ github.token }}
              DANGER_GITHUB_API_TOKEN: @@LOOK@@
            steps:
              - uses: actions/checkout@v4
              - run: npx danger ci
              - run: pipx run pre-commit run --all-files
        """, LOOK=gh_look("ghs_")))

    W(base + ".gitlab-ci.yml", T("""
        stages: [build, test, scan, deploy]

        variables:
          DOCKER_DRIVER: overlay2
          DOCKER_TLS_CERTDIR: "/certs"
          SONAR_HOST_URL: https://sonar.foxglove.internal
          SONAR_TOKEN: "@@SQ@@"
          DOCKERHUB_USER: foxglovedigital
          DOCKERHUB_TOKEN: "@@DH@@"

        build-image:
          stage: build
          image: docker:26
          services: [docker:26-dind]
          script:
            - docker login -u "$CI_REGISTRY_USER" -p "$CI_REGISTRY_PASSWORD" "$CI_REGISTRY"
            - echo "$DOCKERHUB_TOKEN" | docker login -u "$DOCKERHUB_USER" --password-stdin
            - docker build -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA" .
            - docker push "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA"

        sonar:
          stage: scan
          image: sonarsource/sonar-scanner-cli:5
          script:
            - sonar-scanner -Dsonar.projectKey=foxglove-monorepo -Dsonar.token=$SONAR_TOKEN

        trigger-kitefield:
          stage: deploy
          script:
            - 'curl -X POST --fail -F token=@@TRIG@@ -F ref=main https://gitlab.com/api/v4/projects/48120933/trigger/pipeline'
          rules:
            - if: $CI_COMMIT_BRANCH == "main"
        """, SQ=sonarqube(), DH=dockerhub(), TRIG=gitlab("glptt")))

    W(base + "clients/ledgerline/reconciler/Jenkinsfile", T("""
        pipeline {
            agent { label 'linux-jdk17' }
            environment {
                SBT_OPTS = '-Xmx2g'
                JFROG_ACCESS_TOKEN = '@@JF@@'
            }
            stages {
                stage('Build') {
                    steps {
                        sh 'sbt -batch clean test assembly'
                    }
                }
                stage('Scan') {
                    steps {
                        withCredentials([string(credentialsId: 'sonar-token', variable: 'SONAR_TOKEN')]) {
                            sh 'sbt -batch sonarScan -Dsonar.token=$SONAR_TOKEN'
                        }
                    }
                }
                stage('Publish') {
                    steps {
                        sh 'curl -fsS -u deployer:@@NX@@ --upload-file target/scala-2.13/reconciler.jar https://nexus.foxglove.internal/repository/releases/com/ledgerline/reconciler/${BUILD_NUMBER}/reconciler.jar'
                        sh 'jf rt upload --access-token "$JFROG_ACCESS_TOKEN" target/scala-2.13/reconciler.jar libs-release-local/'
                    }
                }
            }
            post {
                failure {
                    slackSend channel: '#ledgerline-ci', message: "Build failed: ${env.BUILD_URL}", tokenCredentialId: 'slack-bot'
                }
            }
        }
        """, JF=jfrog(ref=True), NX=P("basic-auth", pw_url())))

    W(base + ".buildkite/pipeline.yml", T("""
        env:
          CLOUDFLARE_API_TOKEN: "@@CF@@"
          CLOUDFLARE_ACCOUNT_ID: "9b2e4d71f0a3c8e65d17b2a9c04f8e31"

        steps:
          - label: ":rust: ironbark agent"
            command: cd clients/ironbark/telemetry-agent && cargo test --locked
            plugins:
              - docker#v5.11.0:
                  image: rust:1.78

          - label: ":cloudflare: orbital worker"
            command: npx wrangler deploy --config clients/orbital-cafe/worker/wrangler.toml
            env:
              DATADOG_API_KEY: "$$DATADOG_API_KEY"

          - wait

          - label: ":pagerduty: annotate"
            command: scripts/annotate-deploy.sh
        """, CF=cloudflare("token")))

    W(base + "clients/murmur/chat_server/.drone.yml", T("""
        kind: pipeline
        type: docker
        name: default

        steps:
          - name: test
            image: hexpm/elixir:1.16.3-erlang-26.2.5-alpine-3.19.1
            environment:
              MIX_ENV: test
              DATABASE_URL: ecto://postgres:postgres@database/murmur_test
            commands:
              - mix deps.get
              - mix test

          - name: publish
            image: plugins/docker
            settings:
              repo: foxglovedigital/murmur
              username: foxglovedigital
              password:
                from_secret: docker_password

          - name: publish-mirror
            image: plugins/docker
            settings:
              repo: foxglovedigital/murmur-mirror
              username: foxglovedigital
              password: @@DH@@

          - name: linear-release
            image: curlimages/curl:8.8.0
            environment:
              LINEAR_API_KEY: @@LIN@@
            commands:
              - 'curl -s https://api.linear.app/graphql -H "Authorization: $LINEAR_API_KEY" -H "Content-Type: application/json" -d @release.json'

        services:
          - name: database
            image: postgres:16
            environment:
              POSTGRES_PASSWORD: postgres
        """, DH=dockerhub(), LIN=linear()))


# ===========================================================================
# Q. shared drive: AI assistant exports, chat exports, e-mail, meeting notes
# ===========================================================================
def _conv_mapping(title, turns, day):
    """ChatGPT-style conversations.json entry. turns = [(role, text), ...]"""
    mapping = {}
    root = ruuid()
    mapping[root] = {"id": root, "message": None, "parent": None, "children": []}
    parent = root
    for i, (role, text) in enumerate(turns):
        nid = ruuid()
        mapping[nid] = {"id": nid,
                        "message": {"id": nid, "author": {"role": role, "name": None, "metadata": {}},
                                    "create_time": ts(day, 60 * i) + 0.5, "update_time": None,
                                    "content": {"content_type": "text", "parts": [text]},
                                    "status": "finished_successfully", "weight": 1.0,
                                    "metadata": {"model_slug": "gpt-4o"} if role == "assistant" else {},
                                    "recipient": "all"},
                        "parent": parent, "children": []}
        mapping[parent]["children"].append(nid)
        parent = nid
    return {"title": title, "create_time": ts(day) + 0.25, "update_time": ts(day, 3600) + 0.75,
            "mapping": mapping, "moderation_results": [], "current_node": parent,
            "conversation_id": ruuid(), "default_model_slug": "gpt-4o"}


def shared_drive():
    base = "shared-drive/"

    # --- ChatGPT export -----------------------------------------------------------
    sa_key = pem_pkcs8_rsa(provider="gcp")
    sa = {"type": "service_account", "project_id": "fernhill-soil-421309",
          "private_key_id": rs(40, HEX), "private_key": sa_key + "\n",
          "client_email": "bq-loader@fernhill-soil-421309.iam.gserviceaccount.com",
          "client_id": rdigits(21), "auth_uri": "https://accounts.google.com/o/oauth2/auth",
          "token_uri": "https://oauth2.googleapis.com/token",
          "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
          "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/bq-loader%40fernhill-soil-421309.iam.gserviceaccount.com",
          "universe_domain": "googleapis.com"}
    oai = openai("proj")
    rk = stripe("rk")
    convs = [
        _conv_mapping("401 from OpenAI in notebook", [
            ("user", "why does this give 401? I literally just created the key\n\nclient = OpenAI(api_key=\"%s\")\nclient.chat.completions.create(model=\"gpt-4o\", messages=msgs)" % oai),
            ("assistant", "A 401 means the key was rejected. A few things to check:\n\n1. The key you pasted (`sk-proj-...%s`) belongs to a project - make sure the project has access to `gpt-4o`.\n2. Don't hard-code keys; use `os.environ[\"OPENAI_API_KEY\"]` instead.\n3. **You've shared the full key here, so please revoke it** in the dashboard and create a new one." % oai[-4:]),
        ], 150),
        _conv_mapping("BigQuery load job permissions", [
            ("user", "bq load fails with 403 using this service account, what role am I missing?\n\n" + json.dumps(sa, indent=2)),
            ("assistant", "The service account `bq-loader@fernhill-soil-421309.iam.gserviceaccount.com` needs **BigQuery Data Editor** on the dataset and **BigQuery Job User** on the project.\n\nAlso: the JSON you pasted contains a private key. Treat it as compromised - delete key `%s...` in IAM and download a fresh one." % sa["private_key_id"][:8]),
        ], 170),
        _conv_mapping("Stripe restricted key scopes", [
            ("user", "Is this restricted key enough for creating refunds? %s" % rk),
            ("assistant", "Restricted keys (`rk_live_...`) only have the permissions you ticked when creating them. For refunds you need **Refunds: Write** and **Charges: Read**. You can check in Developers -> API keys. (And since this is a live key, rotate it now that it's been shared.)"),
            ("user", "ok thanks. what about the publishable one, pk_live_..., is that fine to have in the frontend?"),
            ("assistant", "Yes - publishable keys (`pk_live_...`) are designed to be public and are safe in client-side code."),
        ], 185),
    ]
    W(base + "ai-exports/chatgpt/priya/conversations.json", jdump(convs))

    # --- Claude Code style session log (JSONL) -------------------------------
    sess = ruuid()
    env_dump = ("APP_NAME=\"Quayside Dispatch\"\nAPP_ENV=production\nAPP_KEY=%s\nAPP_DEBUG=false\n" % K["qs_appkey"]
                + "DB_HOST=10.20.4.15\nDB_USERNAME=dispatch_app\nDB_PASSWORD=%s\n" % K["qs_dbpw"]
                + "MAILGUN_SECRET=%s\n" % K["qs_mailgun"])
    cwd = "/Users/tkowal/code/foxglove/monorepo/clients/quayside-freight/dispatch-api"

    def ev(kind, msg, i):
        return json.dumps({"parentUuid": None if i == 0 else "p-%d" % (i - 1), "isSidechain": False,
                           "userType": "external", "cwd": cwd, "sessionId": sess, "version": "1.0.17",
                           "type": kind, "message": msg, "uuid": "p-%d" % i,
                           "timestamp": iso(153, 30 * i)}, ensure_ascii=False)
    lines = [
        ev("user", {"role": "user", "content": "queue workers keep failing with 'Access denied for user dispatch_app'. can you figure out why?"}, 0),
        ev("assistant", {"role": "assistant", "content": [{"type": "text", "text": "Let me look at the environment configuration first."},
                                                          {"type": "tool_use", "id": "toolu_01" + rs(22), "name": "Bash",
                                                           "input": {"command": "cat .env | head -20", "description": "Show env config"}}]}, 1),
        ev("user", {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01" + rs(22),
                                                 "content": env_dump}]}, 2),
        ev("assistant", {"role": "assistant", "content": [{"type": "text", "text": "The DB password in `.env` contains characters that need quoting when the worker supervisor config interpolates it. Wrap the value in double quotes: `DB_PASSWORD=\"...\"`. Separately: your `.env` includes a live Mailgun key - consider moving secrets to Doppler."}]}, 3),
        ev("user", {"role": "user", "content": "also the sendgrid fallback, is SG.xxxxx.yyyyy in config/mail.php still used?"}, 4),
        ev("assistant", {"role": "assistant", "content": [{"type": "text", "text": "No - `config/mail.php` reads `env('SENDGRID_API_KEY')` and there is no literal key in the repo, only the placeholder `SG.xxxxx.yyyyy` in a comment."}]}, 5),
    ]
    W(base + "ai-exports/claude-code/tkowal/2024-06-02-quayside-queue-workers.jsonl", "\n".join(lines))

    # --- Cursor chat markdown export -----------------------------------------
    hforg = hf(org=True)
    W(base + "ai-exports/cursor/hsato/ember-gradle-auth-failure.md", T("""
        # Gradle can't download design-system from GitHub Packages
        _Exported from Cursor on 2024-05-29_

        ---

        **User**

        build fails with `Could not GET 'https://maven.pkg.github.com/emberfitness/design-system/...'. Received status code 401`.
        here's my gradle.properties

        ```properties
        org.gradle.jvmargs=-Xmx4g -Dfile.encoding=UTF-8
        gpr.user=hsato-foxglove
        gpr.key=@@GHP@@
        ```

        ---

        **Cursor**

        A 401 from GitHub Packages usually means the token lacks the `read:packages` scope, or SSO
        hasn't been authorised for the `emberfitness` org. Classic tokens start with `ghp_`; check the
        token's scopes with:

        ```bash
        curl -sI -H "Authorization: token $GPR_KEY" https://api.github.com/user | grep -i x-oauth-scopes
        ```

        Also avoid committing `gradle.properties` with the key - put it in `~/.gradle/gradle.properties`.

        ---

        **User**

        different question - the model download in the ML module uses the org token, is that right?
        `HF_HUB_TOKEN=@@HFORG@@`

        ---

        **Cursor**

        `api_org_...` tokens are the legacy organisation API tokens; Hugging Face has deprecated them in
        favour of fine-grained user tokens (`hf_...`). Replace it and revoke the old one.
        """, GHP=K["ember_ghp"], HFORG=hforg))

    # --- Open WebUI export ----------------------------------------------------
    xk = xai()
    rp = replicate()
    W(base + "ai-exports/openwebui/marcus/chat-export-2024-07-09.json", jdump([{
        "id": ruuid(), "user_id": ruuid(), "title": "Comparing Grok and Flux for the Pollen plant ID feature",
        "chat": {"models": ["llama3.1:70b"], "messages": [
            {"id": ruuid(), "role": "user", "content": "I'm calling xAI from a cloud function with XAI_API_KEY=%s but getting 'model not found' for grok-beta, any idea?" % xk, "timestamp": ts(190, 10)},
            {"id": ruuid(), "role": "assistant", "content": "Check the exact model name from `GET https://api.x.ai/v1/models`. Also, you've pasted your API key into this chat - rotate it.", "timestamp": ts(190, 40)},
            {"id": ruuid(), "role": "user", "content": "and for flux on replicate: replicate.Client(api_token=\"%s\").run(\"black-forest-labs/flux-schnell\", ...) returns a FileOutput, how do I save it" % rp, "timestamp": ts(190, 300)},
            {"id": ruuid(), "role": "assistant", "content": "`FileOutput` behaves like a file: `open('out.webp','wb').write(output[0].read())`.", "timestamp": ts(190, 320)},
        ]}, "updated_at": ts(190, 320), "created_at": ts(190, 10), "archived": False}]))

    # --- Slack export ---------------------------------------------------------
    def sm(user, text, day, sec):
        return {"type": "message", "user": user, "text": text, "ts": "%d.%06d" % (ts(day, sec), R.randint(0, 999999)),
                "client_msg_id": ruuid(), "team": "T02FX9GLV7Q", "blocks": []}
    ddk = datadog("api")
    W(base + "chat/slack-export/ops-alerts/2024-04-18.json", jdump([
        sm("U03KQ8D2M1X", "datadog agent on the staging box is failing to submit, did someone rotate the key?", 108, 33000),
        sm("U02PV7T9N4A", "yes, sorry - new datadog API key is `%s`" % ddk, 108, 33120),
        sm("U03KQ8D2M1X", "thanks :pray: will update /etc/datadog-agent/datadog.yaml", 108, 33180),
        sm("U02PV7T9N4A", "pagerduty integration key for kitefield is in 1Password under \"Kitefield PD\", don't paste it here", 108, 34000),
        {"type": "message", "subtype": "bot_message", "bot_id": "B04R1TQZ7KD", "username": "Sentry",
         "text": "Issue resolved: NoMethodError in Payments::RefundJob (larkspur-portal) id=4821993051", "ts": "%d.000200" % ts(108, 36000)},
        sm("U05HB1ZC8RT", "new sentry user token for the release script: %s (scopes: project:releases)" % sentry("user"), 108, 40000),
        sm("U02PV7T9N4A", "please stop pasting tokens in here :sweat_smile: I've added it to vault at kv/sentry/release", 108, 40200),
    ]))

    adm_ant = anthropic(admin=True)
    adm_oai = openai("admin")
    W(base + "chat/slack-export/client-pollen/2024-05-07.json", jdump([
        sm("U05HB1ZC8RT", "for the usage dashboard I need org-level keys. anthropic admin key: %s" % adm_ant, 127, 51000),
        sm("U05HB1ZC8RT", "and openai admin: %s" % adm_oai, 127, 51060),
        sm("U02PV7T9N4A", "got them, thanks. I'll put them in the pollen vault folder and delete these messages", 127, 51400),
        sm("U03KQ8D2M1X", "reminder our npm publish token for @pollen/ui is rotated; old one was %s (already revoked)" % npm_look(), 127, 52000),
        sm("U06JX4AB2CD", "Mapbox public token for the web map is pk.eyJ1IjoicG9sbGVuIiwiYSI6ImNsdzR...(truncated) - that one's fine to share", 127, 53000),
    ]))

    # --- Teams export ---------------------------------------------------------
    tmp_pw = P("generic", pw())
    twconn = "DefaultEndpointsProtocol=https;AccountName=tidewaterarchive;AccountKey=%s;EndpointSuffix=core.windows.net" % azure_storage_key()
    ado = azure_devops_pat()

    def tm(name, html, day, sec):
        return {"id": rdigits(13), "messageType": "message", "createdDateTime": iso(day, sec),
                "from": {"user": {"id": ruuid(), "displayName": name, "userIdentityType": "aadUser"}},
                "body": {"contentType": "html", "content": html}, "attachments": [], "mentions": [], "reactions": []}
    W(base + "chat/teams/tidewater-portal-project/General-export-2024-Q2.json", jdump({
        "channel": {"id": "19:%s@thread.tacv2" % rs(32, HEX), "displayName": "General", "team": "Tidewater Resident Portal"},
        "messages": [
            tm("Tomasz Kowal", "<p>Morning all - UAT environment is up at https://uat-residents.tidewater.gov.uk</p>", 95, 30000),
            tm("Gemma Hartley (Tidewater)", "<p>Great. What login do we use for the portal admin?</p>", 95, 30600),
            tm("Tomasz Kowal", "<p>Username <b>uat-admin</b>, temporary password <b>%s</b> - it will ask you to change it on first login.</p>" % tmp_pw, 95, 30700),
            tm("Gemma Hartley (Tidewater)", "<p>Our infra team need the connection string for the archive storage account for the DR test:</p><pre>%s</pre>" % twconn, 101, 41000),
            tm("Tomasz Kowal", "<p>Pipeline PAT for your DevOps feed (expires 30 June): <code>%s</code></p>" % ado, 101, 42000),
            tm("Gemma Hartley (Tidewater)", "<p>Thanks! Password for the test account is ******** in the shared Keeper folder.</p>", 101, 43000),
        ]}))

    # --- e-mail ---------------------------------------------------------------
    vpn_pw = P("generic", pw())
    atl = atlassian()
    W(base + "email/2024-03-04 RE Access for contractor (Diego).eml", T("""
        From: Sam Whitaker <sam.whitaker@foxglove-digital.example>
        To: Diego Ferreira <diego.ferreira@contractor.example>
        Cc: Lena Vogt <lena.vogt@foxglove-digital.example>
        Subject: RE: Access for contractor (Diego)
        Date: Mon, 4 Mar 2024 10:42:17 +0000
        Message-ID: <DB9PR08MB7@@MID@@@DB9PR08MB7082.eurprd08.prod.outlook.com>
        MIME-Version: 1.0
        Content-Type: text/plain; charset="utf-8"
        Content-Transfer-Encoding: 7bit

        Hi Diego,

        Your VPN account is ready:

          server:   vpn.foxglove-digital.example
          username: ext-dferreira
          password: @@VPN@@

        For the Jira automation you asked about, use this API token (it's tied to the
        svc-jira-bot@foxglove-digital.example account, not mine):

          @@ATL@@

        Please change the VPN password after first login.

        Thanks,
        Sam

        -----Original Message-----
        From: Diego Ferreira <diego.ferreira@contractor.example>
        Sent: 04 March 2024 09:58
        Subject: Access for contractor (Diego)

        > Hi Sam, could you send over VPN access and whatever I need for the Jira API?
        > My old password was ******** but I think it expired.
        > Cheers, Diego
        """, MID=rs(5, HEX), VPN=vpn_pw, ATL=atl))

    W(base + "email/2024-03-05 RE RE Access for contractor (Diego).eml", T("""
        From: Diego Ferreira <diego.ferreira@contractor.example>
        To: Sam Whitaker <sam.whitaker@foxglove-digital.example>
        Subject: RE: RE: Access for contractor (Diego)
        Date: Tue, 5 Mar 2024 08:03:51 +0000
        MIME-Version: 1.0
        Content-Type: text/plain; charset="utf-8"

        Thanks Sam, all working. Changed the VPN password.

        > Your VPN account is ready:
        >   server:   vpn.foxglove-digital.example
        >   username: ext-dferreira
        >   password: @@VPN@@
        >
        > For the Jira automation you asked about, use this API token:
        >   @@ATL@@
        """, VPN=vpn_pw, ATL=atl))

    mg2 = mailgun(new=True)
    pm = postmark()
    W(base + "email/2024-05-21 FW Mailgun and Postmark for Kitefield.eml", T("""
        From: Lena Vogt <lena.vogt@foxglove-digital.example>
        To: Marcus Oyelaran <marcus.oyelaran@foxglove-digital.example>
        Subject: FW: Mailgun and Postmark for Kitefield
        Date: Tue, 21 May 2024 15:20:03 +0100
        MIME-Version: 1.0
        Content-Type: text/plain; charset="us-ascii"

        Marcus - forwarding from Kitefield's IT. Can you wire these into the tracker?

        ---------- Forwarded message ---------
        From: IT Support <it@kitefield-logistics.example>

        Hello,

        Mailgun (EU region) sending API key:   @@MG@@
        Mailgun webhook signing key: see the Mailgun dashboard (we can't export it)
        Postmark server API token:   @@PM@@
        Postmark account token:      (held by our finance team)

        Regards,
        Kitefield IT

        --
        This e-mail and any attachments are confidential. If you received it in error please delete it.
        Lena Vogt | Delivery Lead | Foxglove Digital | +44 20 7946 0958
        """, MG=mg2, PM=pm))

    W(base + "email/2024-06-13 Shopify app install - Quayside merch.eml", T("""
        From: Shopify <mailer@shopify.com>
        To: Tomasz Kowal <tomasz.kowal@foxglove-digital.example>
        Subject: Re: Shopify app install - Quayside merch
        Date: Thu, 13 Jun 2024 11:18:40 +0000
        MIME-Version: 1.0
        Content-Type: text/plain; charset="utf-8"

        Tomasz Kowal wrote:
        > Hi, for the record (our ticket QF-311) the custom app we installed on quayside-merch uses
        > Admin API access token: @@SHPCA@@
        > and the old private app password was: @@SHPPA@@
        > Could you confirm the private app has been fully disabled?

        Hi Tomasz,

        Thanks for reaching out to Shopify Support. I can confirm the private app was converted to a
        custom app on 12 June. For security, please never share access tokens by e-mail; you can
        regenerate them under Settings > Apps and sales channels > Develop apps.

        Kind regards,
        Shopify Support
        """, SHPCA=shopify("shpca"), SHPPA=shopify("shppa")))

    # --- meeting notes --------------------------------------------------------
    W(base + "meetings/2024-02-14 kickoff - Quayside kiosk payments.md", T("""
        # Kickoff: Quayside kiosk payments
        **Date:** 14 Feb 2024  **Attendees:** Lena (FG), Tomasz (FG), Rob Ellery (Quayside), Nadia Shah (Quayside finance)

        ## Decisions
        - Square for the depot kiosks (existing merchant account), Braintree stays for the web shop.
        - Go-live target: 8 April.

        ## Credentials (Nadia pasted during the call, to be moved to 1Password)
        - Square production access token: @@SQ@@
        - Square application secret (OAuth): @@SQCSP@@
        - Braintree: @@BT@@

        ## Actions
        - [ ] Tomasz: move the above into the Quayside vault and delete from these notes
        - [ ] Rob: confirm PCI scope with their QSA
        - [ ] Lena: update SOW with kiosk hardware costs
        """, SQ=square("eaaa"), SQCSP=square("csp"), BT=braintree()))

    W(base + "meetings/2024-05-20 incident retro - murmur bot takeover.md", T("""
        # Incident retro: Murmur moderation bot posting spam (2024-05-18)

        ## Summary
        A Discord bot token for the Murmur moderation bot was exposed in a public gist
        (`MTE4...` - first 4 chars only, full value revoked). The attacker used it to post spam in
        three guilds for ~40 minutes.

        ## Timeline (UTC)
        | time  | event |
        |-------|-------|
        | 19:02 | Spam reported by a guild admin |
        | 19:20 | Token reset in the Discord developer portal |
        | 19:31 | Old Slack bot token `xoxb-****-****-****` also rotated as a precaution |
        | 19:45 | Telegram alert bot confirmed NOT affected: token `@@TG@@` still in use |

        ## What went well
        - The new token was stored only in Vault (`kv/murmur/discord`), referenced as `${DISCORD_BOT_TOKEN}`.

        ## What went badly
        - The gist came from a copy of `config/runtime.exs` with a hard-coded fallback.
        - Nobody noticed the GitHub secret-scanning alert for `ghp_************************************`.
        - We found two more leaked keys in old notes (`sk-...a9F2`, `AKIA****************`), both already dead.

        ## Actions
        - Remove the hard-coded fallbacks (owner: Hana)
        - Enable push protection on all client repos (owner: Marcus)
        """, TG=K["murmur_tg"]))

    nral = newrelic("license")
    lin = linear()
    W(base + "meetings/2024-07-02 weekly ops standup.txt", T("""
        WEEKLY OPS STANDUP - 2 July 2024
        present: Marcus, Priya, Sam (last week before leaving), Hana

        1. Ledgerline APM
           - New Relic agent upgraded to 8.12. License key for the ledgerline account is
             @@NRAL@@
             (Priya to move into the helm values as a secret)
        2. Linear <-> GitHub sync bot
           - bot is back up with a new personal API key: @@LIN@@
        3. Sam's laptop
           - backup of home dir taken to shared-drive/it/laptop-backups before wipe
           - TODO: audit it for credentials and revoke anything live (owner: Marcus)
        4. Misc
           - reminder: YOUR_API_KEY placeholders in the docs site are intentional
           - cert for *.foxglove.internal expires 2024-09-14
        """, NRAL=nral, LIN=lin))

    W(base + "meetings/2024-04-09 ledgerline data platform.md", T("""
        # Ledgerline data platform sync - 9 April

        Attendees: Priya, Marcus, Oliver Brandt (Ledgerline), Sunita Rao (Ledgerline)

        * Databricks workspace `adb-4081735522601947.7.azuredatabricks.net` is live.
          Sunita shared a PAT for the ingestion job owner: `@@DAPI@@` (expires in 90 days).
        * Snowflake: reconciler keeps using the RECON_SVC user (password in application.conf - to be
          replaced with key-pair auth, private key at `~/.snowflake/rsa_key.p8`).
        * Confluent: topic `ledger.settlements.v3` has 12 partitions; API key owner is Oliver.
        * Postman collection for the settlements API is shared in the Ledgerline workspace; Oliver's
          Postman API key for the monitor: @@PMAK@@
        """, DAPI=databricks(), PMAK=postman()))

    # --- handover / admin ---------------------------------------------------------
    apple_pw = P("apple", "-".join(rs(4, LOW) for _ in range(4)))
    W(base + "handover/pollen-ios-handover.md", T("""
        # Pollen iOS - handover to Pollen's in-house team

        ## Accounts

        | Service | Account | Credential |
        |---------|---------|------------|
        | App Store Connect | builds@pollen.garden | app-specific password `@@APPLE@@` |
        | Mapbox (downloads token) | mapbox@pollen.garden | `@@MBSK@@` |
        | Figma | design@pollen.garden | personal token `@@FIG@@` |
        | RevenueCat | dev@pollen.garden | SSO, no token |
        | fastlane match | - | passphrase held by Pollen CTO |

        ## Build

        ```bash
        bundle exec fastlane beta
        ```

        The public Mapbox token (`pk.eyJ...`) in Info.plist is fine to keep in the repo.
        Revoke the downloads token above once the Pollen team have generated their own.
        """, APPLE=apple_pw, MBSK=K["pollen_mapbox_sk"], FIG=figma()))

    rows = [
        ["client", "system", "url", "username", "password_or_token", "notes"],
        ["Wren Legal", "WP Engine portal", "https://my.wpengine.com", "ops@foxglove-digital.example", P("generic", pw()), "2FA on Lena's phone"],
        ["Orbital Cafe", "Netlify", "https://app.netlify.com", "ops@foxglove-digital.example", netlify(), "personal access token"],
        ["Ledgerline", "Postman", "https://ledgerline.postman.co", "priya@foxglove-digital.example", postman(), "API key for monitors"],
        ["Saltmarsh", "Notion", "https://www.notion.so/saltmarsh", "integration: FG sync", notion(new=True), "internal integration secret"],
        ["Murmur", "Notion (old)", "https://www.notion.so/murmur", "integration: roadmap-export", notion(new=False), "legacy secret_ token"],
        ["Corvid IT", "Okta admin", "https://corvid-admin.okta.com", "fg-admin@corvid.example", "see Keeper", ""],
        ["Tidewater", "Azure portal", "https://portal.azure.com", "fg-contractor@tidewater.gov.uk", "SSO", "conditional access"],
        ["Kitefield", "PagerDuty", "https://kitefield.pagerduty.com", "ops@foxglove-digital.example", pagerduty("user"), "REST API user token"],
    ]
    import csv
    import io
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    W(base + "admin/client-portal-logins.csv", buf.getvalue())

    W(base + "admin/api-key-rotation-tracker.md", T("""
        # API key rotation tracker (last 4 chars only!)

        | Provider | Client | Key | Owner | Last rotated | Next due |
        |----------|--------|-----|-------|--------------|----------|
        | OpenAI | Saltmarsh | `sk-proj-...Q7mA` | Priya | 2024-05-02 | 2024-08-02 |
        | Anthropic | Pollen | `sk-ant-api03-...wAA` | Hana | 2024-04-11 | 2024-07-11 |
        | Stripe | Larkspur | `sk_live_...9xKp` | Tomasz | 2024-03-30 | 2024-09-30 |
        | AWS | Quayside | `AKIA************7QRX` | Marcus | 2024-01-15 | 2024-07-15 |
        | GitHub | all | `ghp_****` (fine-grained PATs from July) | Marcus | 2024-06-01 | - |
        | Twilio | Larkspur | `SK...` see Vault | Tomasz | 2024-02-20 | 2024-08-20 |
        | Linear | internal | `@@LIN@@` | Marcus | 2024-07-02 | 2025-01-02 |

        Rule: never paste the full key here. (Yes, Marcus, that includes the Linear one.)
        """, LIN=lin))

    W(base + "onboarding/new-starter-checklist.md", T("""
        # New starter checklist

        1. Get added to the `foxglove-digital` GitHub org and enable 2FA.
        2. Install 1Password and join the "Foxglove Engineering" vault.
        3. Create your own API keys - never reuse a colleague's. Put them in `~/.config/foxglove/.env`:

           ```bash
           OPENAI_API_KEY=sk-...            # from platform.openai.com
           ANTHROPIC_API_KEY=<your key>
           GITHUB_TOKEN=$(gh auth token)
           AWS_PROFILE=foxglove-sandbox
           ```

        4. Configure npm for the private registry:

           ```
           //registry.npmjs.org/:_authToken=${NPM_TOKEN}
           ```

        5. Read the secret-scanning guide in `security/secret-scanning-guide.md`.

        Default password for the office Wi-Fi guest network is on the fridge (not here!).
        """))

    W(base + "security/secret-scanning-guide.md", T("""
        # Secret scanning guide

        We run a scanner on every push. It should catch keys like these (all documentation values,
        none of them are real):

        | Provider | Looks like |
        |----------|-----------|
        | AWS access key | `AKIAIOSFODNN7EXAMPLE` |
        | AWS secret key | `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY` |
        | GitHub classic PAT | `ghp_` + 36 characters, e.g. `ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx` |
        | OpenAI | `sk-proj-...` (we show only `sk-...abcd` in tickets) |
        | Slack bot | `xoxb-XXXXXXXXXXXX-XXXXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXX` |
        | Stripe | `sk_live_...` (secret) vs `pk_live_...` (publishable, fine) |
        | Private keys | `-----BEGIN OPENSSH PRIVATE KEY-----` |

        ## Referencing secrets correctly

        ```yaml
        env:
          OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}
          DATABASE_URL: ${DATABASE_URL}
        ```

        ```python
        api_key = os.environ["OPENAI_API_KEY"]
        token = os.getenv("GITHUB_TOKEN", "")
        password = getpass.getpass("Vault password: ")
        ```

        ```ruby
        Stripe.api_key = ENV["STRIPE_SECRET_KEY"]
        ```

        ## False positives we accept

        - Git commit SHAs such as `4b825dc642cb6eb9a060e54bf8d69288fbee4904`
        - UUIDs used as ids: `3f2b8c1e-7d4a-4f6b-9e2c-1a0b5c8d7e6f`
        - Lockfile integrity hashes (`sha512-...`)
        - Encrypted values (`ENC[AES256_GCM,...]`, `$ANSIBLE_VAULT;1.1;AES256`)
        - `password: changeme` in local docker-compose files
        """))


# ===========================================================================
# R. AI agent and MCP configuration
# ===========================================================================
def agent_configs():
    W("monorepo/.cursor/mcp.json", jdump({"mcpServers": {
        "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                   "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": github_pat()}},
        "linear": {"command": "npx", "args": ["-y", "mcp-remote", "https://mcp.linear.app/sse"]},
        "ledger-db": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres",
                                                 "postgresql://readonly:%s@ledger-prod.internal:5432/ledger" % P("postgres", pw_url())]},
        "brave-search": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-brave-search"],
                         "env": {"BRAVE_API_KEY": P("brave", "BSA" + rs(28))}},
        "filesystem": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/marcus/code/foxglove"]},
    }}))

    notion_hdr = json.dumps({"Authorization": "Bearer " + notion(new=True), "Notion-Version": "2022-06-28"})
    W("shared-drive/it/laptop-backups/swhitaker-mbp-2024-07/home/Library/Application Support/Claude/claude_desktop_config.json", jdump({
        "mcpServers": {
            "notion": {"command": "npx", "args": ["-y", "@notionhq/notion-mcp-server"],
                       "env": {"OPENAPI_MCP_HEADERS": notion_hdr}},
            "slack": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-slack"],
                      "env": {"SLACK_BOT_TOKEN": slack("xoxb"), "SLACK_TEAM_ID": "T02FX9GLV7Q"}},
            "sentry": {"command": "uvx", "args": ["mcp-server-sentry", "--auth-token", sentry("user")]},
            "memory": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"]},
        },
        "globalShortcut": "Ctrl+Space"}))

    atl_basic = b64("priya@foxglove-digital.example:ATATT3xFfGF0" + rs(170, URLS) + "=" + rs(8, HEXU))
    P("basic-auth", atl_basic)
    W("monorepo/clients/saltmarsh/llm-evals/.vscode/mcp.json", jdump({
        "inputs": [{"type": "promptString", "id": "perplexity-key", "description": "Perplexity API Key", "password": True}],
        "servers": {
            "perplexity": {"type": "stdio", "command": "npx", "args": ["-y", "server-perplexity-ask"],
                           "env": {"PERPLEXITY_API_KEY": "${input:perplexity-key}"}},
            "firecrawl": {"type": "stdio", "command": "npx", "args": ["-y", "firecrawl-mcp"],
                          "env": {"FIRECRAWL_API_KEY": firecrawl()}},
            "atlassian": {"type": "http", "url": "https://mcp.atlassian.com/v1/sse",
                          "headers": {"Authorization": "Basic " + atl_basic}},
        }}))

    W("monorepo/.continue/config.yaml", T("""
        name: foxglove-assistant
        version: 1.0.0
        schema: v1
        models:
          - name: Codestral
            provider: mistral
            model: codestral-latest
            apiKey: @@MIS@@
            roles: [autocomplete]
          - name: DeepSeek Chat
            provider: deepseek
            model: deepseek-chat
            apiKey: @@DS@@
          - name: Local Llama
            provider: ollama
            model: llama3.1:8b
          - name: Claude
            provider: anthropic
            model: claude-3-5-sonnet-latest
            apiKey: ${{ secrets.ANTHROPIC_API_KEY }}
        context:
          - provider: code
          - provider: docs
        """, MIS=mistral(), DS=deepseek()))

    W("monorepo/clients/pollen/.aider.conf.yml", T("""
        # aider config for the pollen repos
        model: sonnet
        anthropic-api-key: @@ANT@@
        # openai-api-key: set OPENAI_API_KEY in your shell instead
        auto-commits: false
        dark-mode: true
        read: [CONVENTIONS.md]
        """, ANT=anthropic()))

    W("shared-drive/it/laptop-backups/swhitaker-mbp-2024-07/home/.codex/config.toml", T("""
        model = "o4-mini"
        model_provider = "openai"
        approval_policy = "on-request"

        [model_providers.xai]
        name = "xAI"
        base_url = "https://api.x.ai/v1"
        env_key = "XAI_API_KEY"

        [mcp_servers.tavily]
        command = "npx"
        args = ["-y", "tavily-mcp@0.1.4"]
        env = { "TAVILY_API_KEY" = "@@TV@@" }

        [mcp_servers.context7]
        command = "npx"
        args = ["-y", "@upstash/context7-mcp"]
        """, TV=tavily(dev=True)))

    W("monorepo/.gemini/settings.json", jdump({
        "theme": "GitHub", "selectedAuthType": "oauth-personal",
        "mcpServers": {"github": {"httpUrl": "https://api.githubcopilot.com/mcp/",
                                  "headers": {"Authorization": "Bearer " + github("ghu_")}, "timeout": 10000},
                       "playwright": {"command": "npx", "args": ["@playwright/mcp@latest"]}},
        "contextFileName": "AGENTS.md"}))

    W("monorepo/AGENTS.md", T("""
        # Instructions for coding agents

        - This is a multi-client monorepo. Only touch the client directory you were asked about.
        - **Never** write API keys into source files. Read them from the environment:
          - Python: `os.environ["OPENAI_API_KEY"]`, TypeScript: `process.env.OPENAI_API_KEY`
          - Ruby: `ENV.fetch("STRIPE_SECRET_KEY")`, Elixir: `System.fetch_env!("DATABASE_URL")`
          - C#: `builder.Configuration["AzureAd:ClientSecret"]`, Go: `os.Getenv("MONGO_URI")`
        - If you need a placeholder in docs or tests, use `sk-xxxxxxxx`, `<token>` or `changeme`.
        - Do not print the contents of `.env` files in your output.
        - Run `make lint test` in the client directory before proposing a change.
        """))


# ===========================================================================
# S. laptop backup of a departed consultant (credential dotfiles)
# ===========================================================================
def laptop_backup():
    h = "shared-drive/it/laptop-backups/swhitaker-mbp-2024-07/home/"
    sam_ghp = github("ghp_")
    sam_dckr = dockerhub()
    W(h + ".netrc", T("""
        machine api.heroku.com
          login sam.whitaker@foxglove-digital.example
          password @@HK@@
        machine git.heroku.com
          login sam.whitaker@foxglove-digital.example
          password @@HK@@
        machine github.com login swhitaker password @@GH@@
        machine api.wandb.ai
          login user
          password @@WB@@
        machine ftp.wrenlegal.co.uk login wrenftp password @@FTP@@
        """, HK=heroku(new=True), GH=sam_ghp, WB=wandb(), FTP=P("netrc", pw())))

    W(h + ".npmrc", T("""
        //registry.npmjs.org/:_authToken=@@NPM@@
        @foxglove:registry=https://foxglove.jfrog.io/artifactory/api/npm/npm-virtual/
        //foxglove.jfrog.io/artifactory/api/npm/npm-virtual/:_auth=@@AUTH@@
        //foxglove.jfrog.io/artifactory/api/npm/npm-virtual/:always-auth=true
        # old token, revoked 2024-02: //registry.npmjs.org/:_authToken=@@LOOK@@
        init-author-name=Sam Whitaker
        """, NPM=npm(), AUTH=P("basic-auth", b64("swhitaker:" + pw())), LOOK=npm_look()))

    W(h + ".pypirc", T("""
        [distutils]
        index-servers =
            pypi
            foxglove

        [pypi]
        username = __token__
        password = @@PYPI@@

        [foxglove]
        repository = https://foxglove.jfrog.io/artifactory/api/pypi/pypi-local
        username = swhitaker
        password = @@JF@@
        """, PYPI=pypi(), JF=jfrog()))

    W(h + ".git-credentials", "\n".join([
        "https://swhitaker:%s@github.com" % sam_ghp,
        "https://sam.whitaker:%s@gitlab.com" % gitlab("glpat"),
        "https://swhitaker:%s@bitbucket.org" % bitbucket(),
        "https://swhitaker:%s@dev.azure.com" % azure_devops_pat(),
    ]))

    W(h + ".pgpass", "\n".join([
        "# hostname:port:database:username:password",
        "ledger-prod.internal:5432:ledger:recon:%s" % P("postgres", pw()),
        "localhost:5432:*:postgres:postgres",
        "larkspur-prod.c7pqkz2vn1xr.eu-west-2.rds.amazonaws.com:5432:larkspur_portal:portal_app:%s" % K["lark_pg_pw"],
        "*:*:*:readonly:%s" % P("postgres", pw()),
    ]))

    W(h + ".docker/config.json", jdump({
        "auths": {
            "https://index.docker.io/v1/": {"auth": P("docker", b64("swhitaker:" + sam_dckr))},
            "ghcr.io": {"auth": P("docker", b64("swhitaker:" + sam_ghp))},
            "foxglove.azurecr.io": {},
        },
        "credsStore": "osxkeychain",
        "currentContext": "desktop-linux"}, ind=1))

    d_ak, d_sk = aws_pair()
    s_ak, s_sk = aws_pair()
    t_ak, t_sk = aws_pair(temp=True)
    W(h + ".aws/credentials", T("""
        [default]
        aws_access_key_id = @@DAK@@
        aws_secret_access_key = @@DSK@@

        [saltmarsh]
        aws_access_key_id=@@SAK@@
        aws_secret_access_key=@@SSK@@

        [quayside]
        aws_access_key_id = @@QAK@@
        aws_secret_access_key = @@QSK@@

        [larkspur-temp]
        aws_access_key_id = @@TAK@@
        aws_secret_access_key = @@TSK@@
        aws_session_token = @@TST@@
        """, DAK=d_ak, DSK=d_sk, SAK=s_ak, SSK=s_sk, QAK=K["qs_aws"][0], QSK=K["qs_aws"][1],
        TAK=t_ak, TSK=t_sk, TST=aws_session()))
    W(h + ".aws/config", T("""
        [default]
        region = eu-west-2
        output = json

        [profile foxglove-sandbox]
        sso_start_url = https://foxglove-digital.awsapps.com/start
        sso_region = eu-west-2
        sso_account_id = 482913305511
        sso_role_name = PowerUserAccess
        region = eu-west-2

        [profile bedrock]
        region = us-east-1
        credential_process = /usr/local/bin/aws-vault exec bedrock --json
        """))

    W(h + ".s3cfg", T("""
        [default]
        access_key = @@AK@@
        secret_key = @@SK@@
        host_base = ams3.digitaloceanspaces.com
        host_bucket = %(bucket)s.ams3.digitaloceanspaces.com
        bucket_location = ams3
        use_https = True
        gpg_passphrase =
        signature_v2 = False
        """, AK=P("digitalocean", "DO00" + rs(16, UP + DIG)), SK=P("digitalocean", rs(43, ALNUM + "+/"))))

    W(h + ".ssh/id_ed25519", pem_openssh(b"sam.whitaker@foxglove-mbp"))
    W(h + ".ssh/id_ed25519.pub", ssh_pub_ed25519("sam.whitaker@foxglove-mbp"))
    W(h + ".ssh/legacy/wren_deploy_rsa", pem_rsa())
    W(h + ".ssh/config", T("""
        Host bastion
          HostName 18.133.62.40
          User ec2-user
          IdentityFile ~/.ssh/id_ed25519

        Host wren-old
          HostName 10.40.2.20
          User deploy
          ProxyJump bastion
          IdentityFile ~/.ssh/legacy/wren_deploy_rsa

        Host github.com
          AddKeysToAgent yes
          UseKeychain yes
        """))
    W(h + ".ssh/known_hosts", "\n".join([
        "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
        "gitlab.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAfuCHKVTjquxvt6CM6tdG4SLp1Btn/nOeHHE5UOzRdf",
        "18.133.62.40 " + ssh_pub_ed25519("").strip(),
        "|1|%s|%s ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBB%s" % (b64(rbytes(20)), b64(rbytes(20)), b64(rbytes(63))),
    ]))

    W(h + ".config/age/keys.txt", T("""
        # created: 2024-01-10T09:12:44Z
        # public key: @@PUB@@
        @@SEC@@
        """, PUB=age_pub(), SEC=age_key()))

    W(h + ".gem/credentials", "---\n:rubygems_api_key: %s\n" % rubygems())
    W(h + ".cargo/credentials.toml", '[registry]\ntoken = "%s"\n' % crates())
    W(h + ".config/gh/hosts.yml", T("""
        github.com:
            users:
                swhitaker:
                    oauth_token: @@GHO@@
            git_protocol: https
            user: swhitaker
            oauth_token: @@GHO@@
        """, GHO=github("gho_")))

    kube_key = pem_ec()
    sa_tok = jwt({"iss": "kubernetes/serviceaccount", "kubernetes.io/serviceaccount/namespace": "ci",
                  "kubernetes.io/serviceaccount/secret.name": "deployer-token-7xq2p",
                  "kubernetes.io/serviceaccount/service-account.name": "deployer",
                  "sub": "system:serviceaccount:ci:deployer"}, alg="RS256", siglen=256)
    ca = b64(certificate_pem())
    W(h + ".kube/config", T("""
        apiVersion: v1
        kind: Config
        clusters:
        - cluster:
            certificate-authority-data: @@CA@@
            server: https://k8s-prod.foxglove.internal:6443
          name: foxglove-prod
        - cluster:
            certificate-authority-data: @@CA@@
            server: https://k8s-ci.foxglove.internal:6443
          name: foxglove-ci
        contexts:
        - context: {cluster: foxglove-prod, user: sam-admin}
          name: prod
        - context: {cluster: foxglove-ci, user: ci-deployer}
          name: ci
        current-context: prod
        users:
        - name: sam-admin
          user:
            client-certificate-data: @@CERT@@
            client-key-data: @@KEY@@
        - name: ci-deployer
          user:
            token: @@TOK@@
        """, CA=ca, CERT=b64(certificate_pem()), KEY=P("private-key", b64(kube_key + "\n")), TOK=sa_tok))
    # kube_key itself only appears base64-encoded: drop its plain-text registration
    PLANTED[:] = [p for p in PLANTED if not (p["pem"] and p["needle"] in kube_key)]

    oai = openai("legacy")
    do_tok = digitalocean("dop")
    W(h + ".bash_history", "\n".join([
        "cd ~/code/foxglove/monorepo",
        "git pull --rebase",
        "export OPENAI_API_KEY=%s" % oai,
        "python scripts/eval_prompts.py --model gpt-4o-mini",
        "echo $STRIPE_SECRET_KEY",
        "mysql -h 10.20.4.15 -u dispatch_app -p'%s' dispatch" % K["qs_dbpw"],
        "psql \"postgresql://portal_app:%s@larkspur-prod.c7pqkz2vn1xr.eu-west-2.rds.amazonaws.com:5432/larkspur_portal\"" % K["lark_pg_pw"],
        "export DIGITALOCEAN_TOKEN=%s" % do_tok,
        "doctl kubernetes cluster list",
        "aws configure set aws_secret_access_key %s --profile larkspur" % P("aws", rs(40, ALNUM + "+/")),
        "gh auth login --with-token <<< %s" % github("ghp_"),
        "docker login -u swhitaker -p %s" % sam_dckr,
        "vault login %s" % vault("hvs-long"),
        "redis-cli -h larkspur-cache.q1w2e3.ng.0001.euw2.cache.amazonaws.com --tls -a '%s' ping" % P("redis", pw()),
        "curl -s --user 'api:%s' https://api.eu.mailgun.net/v3/domains" % K["qs_mailgun"],
        "curl -H \"Authorization: Bearer $TOKEN\" https://api.github.com/user",
        "heroku config:get DATABASE_URL -a larkspur-portal-staging",
        "curl -H 'Authorization: Bearer %s' https://api.linear.app/graphql -d '{\"query\":\"{ viewer { id } }\"}'" % P("generic", rs(40, HEX)),
        "history | grep token",
        "ls -la ~/.ssh",
        "ssh wren-old",
    ]))

    W(h + ".zshrc", T("""
        export ZSH="$HOME/.oh-my-zsh"
        ZSH_THEME="robbyrussell"
        plugins=(git docker kubectl aws)
        source $ZSH/oh-my-zsh.sh

        export PATH="/opt/homebrew/bin:$HOME/.cargo/bin:$PATH"
        export EDITOR=nvim
        export ANTHROPIC_API_KEY="@@ANT@@"
        export HOMEBREW_GITHUB_API_TOKEN=@@GH@@
        export OPENAI_API_KEY="$(security find-generic-password -s openai -w)"
        export AWS_PROFILE=foxglove-sandbox

        alias k=kubectl
        alias tf=terraform
        """, ANT=anthropic(), GH=github_pat()))

    W(h + "Documents/putty/bastion.ppk", putty_key())
    W(h + ".terraform.d/credentials.tfrc.json", jdump({"credentials": {"app.terraform.io": {"token": tfc()}}}))
    W(h + ".config/doctl/config.yaml", T("""
        access-token: @@DO@@
        context: default
        output: text
        """, DO=do_tok))
    W(h + ".vault-token", vault("hvs"))
    W(h + ".databrickscfg", T("""
        [DEFAULT]
        host  = https://adb-4081735522601947.7.azuredatabricks.net
        token = @@DAPI@@

        [ledgerline-dev]
        host = https://adb-7719920031884211.11.azuredatabricks.net
        auth_type = databricks-cli
        """, DAPI=databricks()))
    W(h + ".config/ngrok/ngrok.yml", T("""
        version: "2"
        authtoken: @@NG@@
        tunnels:
          larkspur:
            proto: http
            addr: 3000
        """, NG=P("ngrok", "2" + rs(26) + "_" + rs(21))))
    W(h + ".m2/settings.xml", T("""
        <settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
          <servers>
            <server>
              <id>foxglove-nexus</id>
              <username>swhitaker</username>
              <password>{COQLCE6DU6GtcS5P=}</password>
            </server>
            <server>
              <id>ledgerline-artifactory</id>
              <username>swhitaker</username>
              <password>@@PW@@</password>
            </server>
          </servers>
        </settings>
        """, PW=P("generic", pw())))
    W(h + ".config/fly/config.yml", T("""
        access_token: @@FLY@@
        last_login: 2024-06-27T16:02:11Z
        wire_guard_state: {}
        """, FLY=flyio()))


# ===========================================================================
# T. application and CI logs
# ===========================================================================
def logs():
    base = "shared-drive/ops/logs/"
    # api gateway JSON lines
    gw_jwt = jwt({"sub": "auth0|" + rs(24, HEX), "aud": "https://api.orbitalcafe.co", "iss": "https://orbital.eu.auth0.com/",
                  "scope": "orders:write", "iat": ts(152, 100), "exp": ts(152, 7300)}, alg="RS256", siglen=256)
    lines = []
    for i in range(14):
        rec = {"ts": iso(152, 40 * i), "level": "info", "request_id": ruuid(), "method": R.choice(["GET", "POST"]),
               "path": R.choice(["/v1/menu", "/v1/orders", "/v1/orders/%d" % R.randint(10000, 99999), "/healthz"]),
               "status": R.choice([200, 200, 201, 204, 304]), "latency_ms": R.randint(3, 240),
               "trace_id": rs(32, HEX), "authorization": "[REDACTED]"}
        if i == 9:
            rec["level"] = "debug"
            rec["authorization"] = "Bearer " + gw_jwt
            rec["note"] = "header logging enabled for ORB-482"
        lines.append(json.dumps(rec))
    W(base + "api-gateway/orbital-2024-06-01.log", "\n".join(lines))

    W(base + "ci/github-actions-deploy-larkspur-9912.log", T("""
        2024-06-14T09:01:02.1180120Z ##[group]Run git push https://heroku:${HEROKU_API_KEY}@git.heroku.com/${HEROKU_APP}.git HEAD:main --force
        2024-06-14T09:01:02.1183391Z git push https://heroku:${HEROKU_API_KEY}@git.heroku.com/${HEROKU_APP}.git HEAD:main --force
        2024-06-14T09:01:02.1219772Z shell: /usr/bin/bash -e {0}
        2024-06-14T09:01:02.1220011Z env:
        2024-06-14T09:01:02.1220360Z   HEROKU_APP: larkspur-portal-staging
        2024-06-14T09:01:02.1220638Z   HEROKU_EMAIL: ops@foxglove-digital.example
        2024-06-14T09:01:02.1221044Z   HEROKU_API_KEY: @@HK@@
        2024-06-14T09:01:02.1221290Z   SLACK_WEBHOOK_URL: ***
        2024-06-14T09:01:02.1221502Z ##[endgroup]
        2024-06-14T09:01:04.8802314Z remote: Compressing source files... done.
        2024-06-14T09:01:05.0120981Z remote: Building source:
        2024-06-14T09:01:31.5532190Z remote: -----> Ruby app detected
        2024-06-14T09:02:48.2209133Z remote: Verifying deploy... done.
        2024-06-14T09:02:48.6612004Z To https://git.heroku.com/larkspur-portal-staging.git
        2024-06-14T09:02:48.6612552Z  + @@S1@@...@@S2@@ HEAD -> main (forced update)
        2024-06-14T09:02:49.0012345Z ##[debug]Evaluating: secrets.SLACK_WEBHOOK_URL
        2024-06-14T09:02:49.0012700Z ##[debug]Result: '***'
        2024-06-14T09:02:49.1193311Z Cleaning up orphan processes
        """, HK=K["heroku_new"], S1=git_sha()[:9], S2=git_sha()[:9]))

    gl = gitlab("glpat")
    W(base + "ci/gitlab-job-4471093821.log", T("""
        Running with gitlab-runner 16.11.1 (535ced5f)
          on foxglove-hetzner-01 t3_xKz91, system ID: s_7f2c1a9b0e34
        Preparing the "docker" executor
        Using Docker executor with image alpine:3.20 ...
        Pulling docker image alpine:3.20 ...
        Using docker image sha256:@@DIG@@ for alpine:3.20
        Getting source from Git repository
        Fetching changes with git depth set to 20...
        Checking out @@SHA@@ as detached HEAD (ref is main)...
        $ apk add --no-cache curl jq
        $ echo "Using project token from CI variable"
        Using project token from CI variable
        $ curl --fail --header "PRIVATE-TOKEN: @@GL@@" "https://gitlab.com/api/v4/projects/48120933/releases" | jq '.[0].tag_name'
          % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current
        100  8123  100  8123    0     0  41021      0 --:--:-- --:--:-- --:--:-- 41233
        "v2.14.0"
        $ docker login -u gitlab-ci-token -p [MASKED] registry.gitlab.com
        WARNING! Using --password via the CLI is insecure. Use --password-stdin.
        Login Succeeded
        $ echo "refresh token for the github mirror: $MIRROR_TOKEN"
        refresh token for the github mirror: @@LOOK@@
        Cleaning up project directory and file based variables
        Job succeeded
        """, DIG=rbytes(32).hex(), SHA=git_sha()[:8], GL=gl, LOOK=gh_look("ghr_")))

    W(base + "ci/buildkite-ironbark-311.log", T("""
        ~~~ Preparing working directory
        $ cd /var/lib/buildkite-agent/builds/bk-agent-3/foxglove/ironbark
        # Host "github.com" already in list of known hosts
        $ git fetch -v --prune -- origin @@SHA@@
        ~~~ Running commands
        $ cd clients/ironbark/telemetry-agent && cargo publish --registry crates-io --token @@CIO@@
            Updating crates.io index
           Packaging ironbark-proto v0.3.1 (/var/lib/buildkite-agent/builds/bk-agent-3/foxglove/ironbark/clients/ironbark/proto)
           Verifying ironbark-proto v0.3.1
           Uploading ironbark-proto v0.3.1
        ~~~ Uploading artifacts
        Found 1 files that match "target/package/*.crate"
        Using GITHUB_TOKEN=@@LOOK@@ for release notes
        """, SHA=git_sha(), CIO=crates(), LOOK=gh_look("ghs_")))

    W(base + "nginx/orbital-access.log", "\n".join([
        '81.2.69.160 - - [01/Jun/2024:10:12:01 +0000] "GET /api/menu?locale=en-GB HTTP/2.0" 200 4412 "-" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)"',
        '81.2.69.161 - - [01/Jun/2024:10:12:09 +0000] "GET /api/geocode?q=SW1A+1AA&key=%s HTTP/2.0" 200 812 "https://order.orbitalcafe.co/" "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"' % google(),
        '81.2.69.162 - - [01/Jun/2024:10:12:15 +0000] "GET /static/chunks/app-%s.js HTTP/2.0" 200 90211 "-" "Mozilla/5.0"' % rs(16, HEX),
        '81.2.69.163 - - [01/Jun/2024:10:12:20 +0000] "POST /api/orders HTTP/2.0" 201 311 "-" "OrbitalKiosk/2.1"',
        '81.2.69.164 - - [01/Jun/2024:10:12:31 +0000] "GET /api/orders/41822?utm_source=newsletter&utm_campaign=june HTTP/2.0" 200 1290 "-" "Mozilla/5.0"',
        '81.2.69.165 - - [01/Jun/2024:10:13:02 +0000] "GET /api/webhooks/square?signature=[filtered] HTTP/2.0" 204 0 "-" "Square Connect v2"',
        '81.2.69.166 - admin [01/Jun/2024:10:13:40 +0000] "GET /admin/reports?token=%s HTTP/2.0" 200 20112 "-" "Mozilla/5.0"' % P("generic", rs(32, HEX)),
    ]))

    W(base + "worker/saltmarsh-celery-2024-06-03.log", T("""
        [2024-06-03 02:00:00,014: INFO/MainProcess] Connected to amqp://saltmarsh:@@AMQP@@@rabbit.saltmarsh.internal:5672//
        [2024-06-03 02:00:00,021: INFO/MainProcess] mingle: searching for neighbors
        [2024-06-03 02:00:01,044: INFO/MainProcess] celery@eval-worker-1 ready.
        [2024-06-03 02:00:01,051: INFO/MainProcess] Result backend: redis://:@@RD@@@redis.saltmarsh.internal:6379/1
        [2024-06-03 02:00:05,301: INFO/MainProcess] Task evals.run_suite[3c1e9a02-5b7d-4f18-9e6a-0d2c4b8f1a7e] received
        [2024-06-03 02:14:55,772: WARNING/ForkPoolWorker-2] RateLimitError from provider=groq key=gsk_...Hx2Q, backing off 8s
        [2024-06-03 02:31:12,018: INFO/ForkPoolWorker-2] Task evals.run_suite[3c1e9a02-5b7d-4f18-9e6a-0d2c4b8f1a7e] succeeded in 1866.71s: {'passed': 412, 'failed': 19}
        """, AMQP=P("amqp", pw_url()), RD=P("redis", pw_url())))

    W(base + "app/murmur-prod-2024-05-18.log", T("""
        19:02:11.204 [info] GET /api/channels/general/messages
        19:02:11.219 [info] Sent 200 in 14ms
        19:03:40.551 [error] Postgrex.Protocol (#PID<0.2891.0>) failed to connect: ** (Postgrex.Error) FATAL 28P01 (invalid_password) password authentication failed for user "murmur"
        19:20:02.007 [warning] Discord gateway closed: 4004 Authentication failed (token=MTE4****)
        19:20:02.010 [info] Reconnecting to Discord with token from DISCORD_BOT_TOKEN
        19:45:13.880 [info] Telegram alert delivered chat_id=-1001847223390 message_id=88213
        """))


# ===========================================================================
# U. monorepo tooling, docs and extra hard negatives
# ===========================================================================
def tooling():
    base = "monorepo/tools/secret-hygiene/"
    looks = [gh_look("ghp_"), gh_look("gho_"), gh_look("ghu_"), gh_look("ghs_"), npm_look()]
    W(base + "tests/test_checksums.py", T('''
        """Our pre-commit hook only blocks GitHub/npm tokens whose CRC32 checksum is valid.

        The tokens below were captured from old tickets; their checksums do NOT validate,
        so the hook must let them through (they're typos / truncated copies).
        """
        import pytest

        from secret_hygiene.checksums import is_valid_github_token, is_valid_npm_token

        BAD_GITHUB = [
            "@@L0@@",
            "@@L1@@",
            "@@L2@@",
            "@@L3@@",
        ]
        BAD_NPM = "@@L4@@"


        @pytest.mark.parametrize("token", BAD_GITHUB)
        def test_rejects_bad_github_checksum(token):
            assert not is_valid_github_token(token)


        def test_rejects_bad_npm_checksum():
            assert not is_valid_npm_token(BAD_NPM)


        def test_rejects_placeholder():
            assert not is_valid_github_token("ghp_" + "x" * 36)
        ''', L0=looks[0], L1=looks[1], L2=looks[2], L3=looks[3], L4=looks[4]))

    W(base + "secret_hygiene/checksums.py", T('''
        import zlib

        _ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        _PREFIXES = ("ghp_", "gho_", "ghu_", "ghs_", "ghr_")


        def _b62(n: int, width: int = 6) -> str:
            out = ""
            while n:
                n, r = divmod(n, 62)
                out = _ALPHABET[r] + out
            return out.rjust(width, "0")


        def _valid(token: str, prefixes) -> bool:
            if not token.startswith(prefixes) or len(token) != 40:
                return False
            body, checksum = token[4:34], token[34:]
            return _b62(zlib.crc32(body.encode()) & 0xFFFFFFFF) == checksum


        def is_valid_github_token(token: str) -> bool:
            return _valid(token, _PREFIXES)


        def is_valid_npm_token(token: str) -> bool:
            return _valid(token, ("npm_",))
        '''))

    W(base + "known_revoked.yaml", T("""
        # Tokens reported by GitHub secret scanning that turned out to be mistyped copies
        # (checksum mismatch). Kept so the triage bot can auto-close duplicate alerts.
        revoked:
          - value: @@A@@
            reported: 2024-02-11
            source: clients/fernhill/soil-analysis/.Renviron (old revision)
          - value: @@B@@
            reported: 2024-03-02
            source: Slack #ops-alerts
          - value: @@C@@
            reported: 2024-04-19
            source: clients/orbital-cafe/ordering-web/.npmrc (old revision)
          - value: @@D@@
            reported: 2024-05-30
            source: shared-drive/meetings
        """, A=gh_look("ghp_"), B=gh_look("ghr_"), C=npm_look(), D=gh_look("gho_")))

    W(base + "README.md", T("""
        # secret-hygiene

        Pre-commit hook + triage bot. Validates GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm (`npm_`)
        token checksums before blocking a commit.

        Config example:

        ```toml
        [hook]
        block_on = ["github", "npm", "aws", "private-key"]
        allowlist = ["AKIAIOSFODNN7EXAMPLE", "sk-xxxxxxxx"]
        ```
        """))

    # pnpm lock (hard negative)
    pl = "lockfileVersion: '9.0'\n\nsettings:\n  autoInstallPeers: true\n  excludeLinksFromLockfile: false\n\nimporters:\n\n  .:\n    devDependencies:\n"
    deps = [("prettier", "3.3.2"), ("eslint", "9.5.0"), ("typescript", "5.4.5"), ("turbo", "2.0.4")]
    for n, v in deps:
        pl += "      %s:\n        specifier: ^%s\n        version: %s\n" % (n, v, v)
    pl += "\npackages:\n"
    for n, v in deps:
        pl += "\n  %s@%s:\n    resolution: {integrity: %s}\n    engines: {node: '>=18'}\n" % (n, v, integrity())
    W("monorepo/pnpm-lock.yaml", pl)

    W("monorepo/README.md", T("""
        # Foxglove Digital client monorepo

        | Directory | Client | Stack |
        |-----------|--------|-------|
        | clients/larkspur-dental | Larkspur Dental Group | Rails 7.1 |
        | clients/quayside-freight | Quayside Freight | Laravel 11 |
        | clients/tidewater-council | Tidewater Borough Council | .NET 8 |
        | clients/ember-fitness | Ember Fitness | Kotlin / Android |
        | clients/pollen | Pollen | Swift / iOS |
        | clients/ironbark | Ironbark Mining | Rust |
        | clients/murmur | Murmur Social | Elixir / Phoenix |
        | clients/ledgerline | Ledgerline | Scala, Kotlin |
        | clients/fernhill | Fernhill Research Trust | R, Julia |
        | clients/corvid-it | Corvid IT | PowerShell |
        | clients/saltmarsh | Saltmarsh Labs | Python |
        | clients/orbital-cafe | Orbital Cafe | TypeScript |
        | clients/wren-legal | Wren Legal | WordPress |
        | clients/kitefield | Kitefield Logistics | Go |

        Secrets live in 1Password / Vault. Copy `.env.example` to `.env` and fill in your own values.
        Commit `@@SHA@@` moved everything to this layout.
        """, SHA=git_sha()))

    W("monorepo/clients/saltmarsh/llm-evals/README.md", T("""
        # llm-evals

        ```bash
        cp .env.example .env        # then set OPENAI_API_KEY=sk-... etc.
        poetry install
        poetry run evals run --suite support-v3 --model gpt-4o
        ```

        Environment variables:

        | name | example | notes |
        |------|---------|-------|
        | `OPENAI_API_KEY` | `sk-proj-****************` | project key |
        | `ANTHROPIC_API_KEY` | `sk-ant-api03-...` | |
        | `LANGFUSE_PUBLIC_KEY` | `pk-lf-...` | public, safe to log |
        | `PINECONE_API_KEY` | `pcsk_...` | |
        | `HF_TOKEN` | `hf_...` | read-only is enough |

        Run ids look like `3kq9vz1m`; dataset revisions are git SHAs like `9f1c2e7a4b...`.
        """))

    # certificate bundle + public key (hard negatives)
    W("monorepo/infra/certs/foxglove-internal-ca.pem", certificate_pem() + "\n" + certificate_pem())
    W("monorepo/clients/ironbark/telemetry-agent/keys/device-signing.pub.pem", public_key_pem())

    # a Jupyter notebook with only negatives (env lookups, masked output)
    cells = [
        nb_md("# Quick cost report\nUses the org admin key from the environment."),
        nb_code('import os, requests\nKEY = os.environ["OPENAI_ADMIN_KEY"]\nhdr = {"Authorization": f"Bearer {KEY}"}', n=1),
        nb_code('r = requests.get("https://api.openai.com/v1/organization/costs?start_time=1717200000", headers=hdr)\nr.status_code', n=2,
                outputs=[nb_result("200", 2)]),
        nb_code('print("using key", KEY[:9] + "..." + KEY[-4:])', n=3, outputs=[nb_stream("using key sk-admin-...Zk2P\n")]),
        nb_code('pd.DataFrame(r.json()["data"]).head()', n=4,
                outputs=[nb_result("   bucket_id                               start_time  amount\n0  b_8f2e1c...  1717200000  41.22", 4)]),
    ]
    W("shared-drive/finance/ai-spend/monthly_costs.ipynb", notebook(cells))

    # TypeScript sdk wrapper with publishable and env-only config
    W("monorepo/packages/ui-kit/src/payments.ts", T("""
        import { loadStripe } from "@stripe/stripe-js";

        // Publishable keys are safe to embed in client bundles.
        const PUBLISHABLE = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY ?? "pk_live_REPLACE_ME";

        export const stripePromise = loadStripe(PUBLISHABLE);

        export function apiHeaders(token: string): Record<string, string> {
          return { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
        }

        export const SECRET_HEADER_NAME = "X-Orbital-Signature";
        export const tokenStorageKey = "orbital.auth.token";
        """))

    # R markdown-ish report with credentials pulled from keyring (negative)
    W("monorepo/clients/fernhill/soil-analysis/R/00_setup.R", T("""
        # Credentials come from the OS keyring; never hard-code them here.
        db_password <- keyring::key_get("fernhill-db", "analyst")
        api_token   <- Sys.getenv("FERNHILL_API_TOKEN", unset = NA)
        stopifnot(!is.na(api_token))
        options(fernhill.cache_dir = "cache", fernhill.version = "2.4.1")
        """))

    # Kotlin Android CI with env references only (negative)
    W("monorepo/clients/ember-fitness/android/.github/workflows/android.yml", T("""
        name: android
        on: [push]
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - uses: actions/setup-java@v4
                with: { distribution: temurin, java-version: "17" }
              - run: echo "${{ secrets.RELEASE_KEYSTORE_B64 }}" | base64 -d > keystore/ember-release.jks
              - run: ./gradlew bundleRelease
                env:
                  ORG_GRADLE_PROJECT_gpr.key: ${{ secrets.GPR_TOKEN }}
                  MAPS_API_KEY: ${{ secrets.MAPS_API_KEY }}
                  STORE_PASSWORD: ${{ secrets.STORE_PASSWORD }}
        """))


# ===========================================================================
# V. extra client files (remaining providers and formats)
# ===========================================================================
def extras():
    # GCP service-account key file
    key = pem_pkcs8_rsa(provider="gcp")
    sa = {"type": "service_account", "project_id": "fernhill-soil-421309", "private_key_id": rs(40, HEX),
          "private_key": key + "\n", "client_email": "dbt-runner@fernhill-soil-421309.iam.gserviceaccount.com",
          "client_id": rdigits(21), "auth_uri": "https://accounts.google.com/o/oauth2/auth",
          "token_uri": "https://oauth2.googleapis.com/token",
          "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
          "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/dbt-runner%40fernhill-soil-421309.iam.gserviceaccount.com",
          "universe_domain": "googleapis.com"}
    W("monorepo/clients/fernhill/soil-analysis/credentials/fernhill-soil-421309-%s.json" % sa["private_key_id"][:12], jdump(sa))

    # /etc/shadow copied off the old Wren web server
    def sha512crypt():
        return "$6$%s$%s" % (rs(16, ALNUM + "./"), rs(86, ALNUM + "./"))
    shadow = [
        "root:%s:19720:0:99999:7:::" % P("shadow", sha512crypt()),
        "daemon:*:19458:0:99999:7:::",
        "bin:*:19458:0:99999:7:::",
        "sys:*:19458:0:99999:7:::",
        "www-data:*:19458:0:99999:7:::",
        "sshd:*:19458:0:99999:7:::",
        "deploy:%s:19801:0:99999:7:::" % P("shadow", "$y$j9T$%s$%s" % (rs(22, ALNUM + "./"), rs(43, ALNUM + "./"))),
        "wrenftp:!:19650:0:99999:7:::",
        "mysql:!:19458::::::",
    ]
    W("shared-drive/it/servers/wren-old-2024-03/etc/shadow", "\n".join(shadow))

    ob = "monorepo/clients/orbital-cafe/ordering-web/"
    W(ob + "src/lib/paypal.ts", T("""
        // PayPal is offered as a fallback at checkout (Orbital's merchant account).
        const PAYPAL_API = "https://api-m.paypal.com";
        const CLIENT_ID = "AXq3Lk0Zb7VnR2tW9mHcY8pJd1sF4gE6uK5oN0iB3aQ7xC2vM9lT4rS8wD1yZ6hG5fU0eP3jO7nI2kL9";
        const CLIENT_SECRET = process.env.PAYPAL_CLIENT_SECRET ?? "@@PP@@";

        export async function accessToken(): Promise<string> {
          const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64");
          const res = await fetch(`${PAYPAL_API}/v1/oauth2/token`, {
            method: "POST",
            headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
            body: "grant_type=client_credentials",
          });
          return (await res.json()).access_token;
        }
        """, PP=paypal_secret()))

    W(ob + "src/auth/auth0.ts", T("""
        import { initAuth0 } from "@auth0/nextjs-auth0";

        export default initAuth0({
          baseURL: process.env.NEXTAUTH_URL ?? "https://order.orbitalcafe.co",
          issuerBaseURL: "https://orbital.eu.auth0.com",
          clientID: "q7Vt2LmX9bR4cK8nW1sZ0hJ5dF3gP6yA",
          clientSecret: "@@A0@@",
          secret: process.env.AUTH0_SECRET,
          routes: { callback: "/api/auth/callback", postLogoutRedirect: "/" },
          session: { rollingDuration: 60 * 60 * 24 },
        });
        """, A0=auth0()))

    W("monorepo/clients/murmur/chat_server/lib/murmur/alerts/discord_webhook.ex", T("""
        defmodule Murmur.Alerts.DiscordWebhook do
          @moduledoc "Posts deploy notices into the Murmur staff Discord."

          @url "@@HOOK@@"

          def deployed(version) do
            Req.post!(@url, json: %{content: "murmur #{version} deployed :rocket:", username: "deploy-bot"})
          end
        end
        """, HOOK=discord("webhook")))

    W("monorepo/clients/larkspur-dental/patient-portal/config/initializers/twilio_video.rb", T("""
        # Video consultations (Twilio Video). API key pair, not the account auth token.
        TWILIO_VIDEO = {
          account_sid: ENV.fetch("TWILIO_ACCOUNT_SID", "@@SID@@"),
          api_key_sid: "@@SK@@",
          api_key_secret: "@@SEC@@",
          room_type: "go"
        }.freeze
        """, SID=twilio_sid(), SK=twilio("sk"), SEC=P("twilio", rs(32))))

    W("monorepo/clients/ironbark/telemetry-agent/scripts/sync-dashboards.sh", T("""
        #!/usr/bin/env bash
        # Pushes dashboards/*.json to the Ironbark Grafana (self-hosted, grafana.ironbark.internal)
        set -euo pipefail
        GRAFANA_URL=https://grafana.ironbark.internal
        GRAFANA_SA_TOKEN=@@GLSA@@
        for f in dashboards/*.json; do
          curl -fsS -X POST "$GRAFANA_URL/api/dashboards/db" \\
            -H "Authorization: Bearer $GRAFANA_SA_TOKEN" -H "Content-Type: application/json" \\
            --data "{\\"dashboard\\": $(cat "$f"), \\"overwrite\\": true, \\"folderUid\\": \\"ironbark\\"}"
        done
        """, GLSA=grafana("glsa")))

    W("monorepo/clients/quayside-freight/dispatch-api/config/legacy_import.php", T("""
        <?php
        // One-off importer for the old FoxPro-era dispatch DB (decommission after Q3).
        return [
            'source_dsn' => 'mysql://legacy_ro:@@PW@@@10.20.9.4:3306/quayside_old',
            'batch_size' => 500,
            'map' => [
                'CONSNO' => 'consignment_number',
                'DELDT'  => 'delivered_at',
            ],
        ];
        """, PW=P("mysql", pw_url())))

    W("monorepo/clients/kitefield/tracker/certs/depot-gateway.key", pem_ec())
    W("monorepo/clients/kitefield/tracker/certs/depot-gateway.crt", certificate_pem())

    W("monorepo/clients/kitefield/tracker/.env", T("""
        PORT=8080
        MONGO_URI=
        GH_TOKEN=@@L1@@
        NPM_TOKEN=@@L2@@
        POSTMARK_SERVER_TOKEN=${POSTMARK_SERVER_TOKEN}
        LOG_LEVEL=debug
        """, L1=gh_look("ghu_"), L2=npm_look()))

    W("monorepo/tools/gh-mirror/mirror.py", T('''
        """Mirror client repos from GitLab to the GitHub archive org (nightly cron)."""
        import os
        import subprocess

        FALLBACK_TOKEN = "@@L@@"  # archive-bot (see known_revoked.yaml if this fails)


        def token() -> str:
            return os.environ.get("GITHUB_TOKEN") or FALLBACK_TOKEN


        def mirror(repo: str) -> None:
            url = f"https://x-access-token:{token()}@github.com/foxglove-archive/{repo}.git"
            subprocess.run(["git", "push", "--mirror", url], check=True, cwd=f"/srv/mirrors/{repo}.git")
        ''', L=gh_look("ghp_")))

    W("monorepo/tools/gh-mirror/.token-cache.json", jdump({
        "app_id": 902214,
        "installation_id": 51877340,
        "installation_token": github("ghs_"),
        "installation_token_expires_at": "2024-06-20T14:02:11Z",
        "user_to_server": {"access_token": github("ghu_"), "expires_in": 28800,
                           "refresh_token": github("ghr_"), "refresh_token_expires_in": 15811200,
                           "scope": "", "token_type": "bearer"}}))

    sf_key = pem_pkcs8_rsa()
    key_lines = sf_key.split("\n")
    src = ('import snowflake.connector\nfrom cryptography.hazmat.primitives import serialization\n\n'
           'PRIVATE_KEY = """' + key_lines[0] + "\n" + "\n".join(key_lines[1:]) + '\n"""\n\n'
           'pk = serialization.load_pem_private_key(PRIVATE_KEY.encode(), password=None)\n'
           'conn = snowflake.connector.connect(account="fx48213.eu-west-1", user="DBT_SVC", private_key=pk)')
    cells = [
        nb_md("# Export eval results to Ledgerline's Snowflake (shared demo)"),
        nb_code(src, n=1),
        nb_code('cur = conn.cursor()\ncur.execute("select current_user(), current_role()").fetchone()', n=2,
                outputs=[nb_result("('DBT_SVC', 'DBT_RW')", 2)]),
        nb_code('import pandas as pd\ndf = pd.read_json("results/support-v3.jsonl", lines=True)\nlen(df)', n=3,
                outputs=[nb_result("18240", 3)]),
    ]
    W("monorepo/clients/saltmarsh/llm-evals/notebooks/03_snowflake_export.ipynb", notebook(cells))


# ===========================================================================
# labelling, writing, self-checks
# ===========================================================================
def label():
    rows = {"expected": set(), "lookalike": set()}
    for item in PLANTED:
        hits = 0
        for path in sorted(FILES):
            lines = FILES[path].split("\n")
            for i, line in enumerate(lines):
                if item["needle"] not in line:
                    continue
                ln = i
                if item["pem"]:
                    lo = max(0, i - 10)
                    while ln >= lo and "-----BEGIN" not in lines[ln] and "PuTTY-User-Key-File" not in lines[ln]:
                        ln -= 1
                    assert ln >= lo, (path, i)
                rows[item["kind"]].add((path, ln + 1, item["provider"]))
                hits += 1
        assert hits, "planted value never written: %s %r" % (item["provider"], item["needle"][:40])
    exp_lines = {(p, l) for p, l, _ in rows["expected"]}
    for p, l, _ in rows["lookalike"]:
        assert (p, l) not in exp_lines, ("lookalike shares a line with a planted secret", p, l)
    return rows


def main(argv):
    client_larkspur()
    client_quayside()
    client_tidewater()
    client_ember()
    client_pollen()
    client_ironbark()
    client_murmur()
    client_ledgerline()
    client_fernhill()
    client_corvid()
    client_saltmarsh()
    client_orbital()
    client_wren()
    client_kitefield()
    infra()
    ci()
    shared_drive()
    agent_configs()
    laptop_backup()
    logs()
    tooling()
    extras()

    # values must be unique across planted items (one secret, one provider)
    seen = {}
    for item in PLANTED:
        prev = seen.setdefault(item["needle"], item["provider"])
        assert prev == item["provider"], ("needle planted twice with different providers", item["needle"][:30])

    rows = label()

    # JSON / notebook files must parse
    for path, text in FILES.items():
        if path.endswith((".json", ".ipynb")):
            json.loads(text)
        if path.endswith(".jsonl"):
            for ln in text.splitlines():
                if ln.strip():
                    json.loads(ln)

    if OUT.exists():
        shutil.rmtree(OUT)
    for path in sorted(FILES):
        dest = OUT / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        with open(dest, "w", encoding="utf-8", newline="") as fh:
            fh.write(FILES[path])

    def dump(name, rs_):
        with open(OUT / name, "w", encoding="utf-8", newline="\n") as fh:
            for p, l, prov in sorted(rs_):
                fh.write(json.dumps({"path": p, "line": l, "provider": prov}) + "\n")
    dump("expected.jsonl", rows["expected"])
    dump("lookalikes.jsonl", rows["lookalike"])

    if "--manifest" in argv:
        mpath = Path(argv[argv.index("--manifest") + 1])
        with open(mpath, "w", encoding="utf-8") as fh:
            json.dump([{"provider": p["provider"], "needle": p["needle"], "kind": p["kind"], "pem": p["pem"]}
                       for p in PLANTED], fh, indent=1)

    provs = sorted({r[2] for r in rows["expected"]})
    print("files: %d  expected rows: %d  planted values: %d  providers: %d  lookalike rows: %d" % (
        len(FILES), len(rows["expected"]), sum(1 for p in PLANTED if p["kind"] == "expected"),
        len(provs), len(rows["lookalike"])))


if __name__ == "__main__":
    main(sys.argv[1:])
