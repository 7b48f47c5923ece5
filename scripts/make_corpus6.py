#!/usr/bin/env python3
"""Generate fixtures/corpus6: a held-out style secrets-scanner corpus.

Deterministic (fixed seed), standard library only.  Every credential is
randomly generated and FAKE; it only mimics the documented shape (prefix,
length, alphabet, checksum) of the real thing.

Outputs (relative to fixtures/corpus6/):
  expected.jsonl    one row per planted secret occurrence {path, line, provider}
  lookalikes.jsonl  GitHub/npm-shaped tokens with a WRONG CRC32 checksum
"""

# One label changed by keyhound's review of this corpus (its author's calls
# stand everywhere else): the Firebase web apiKey is an AIza Google API key,
# which the rules issue names as a finding, so it is planted, not a negative.
import base64
import json
import os
import random
import shutil
import zlib

SEED = 6_2024_0611
R = random.Random(SEED)

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "corpus6")
ROOT = os.path.normpath(ROOT)

DIG = "0123456789"
UP = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LOW = "abcdefghijklmnopqrstuvwxyz"
ALNUM = DIG + UP + LOW          # also the base62 alphabet (0-9A-Za-z)
HEX = "0123456789abcdef"
B64URL = ALNUM + "-_"
B64 = ALNUM + "+/"
PWCH = ALNUM + "!*-_.~^+="

BAD_WORDS = ("test", "example", "xxxx", "1234", "dummy", "sample", "fake", "changeme", "your_")


def ok(v):
    lv = v.lower()
    return not any(b in lv for b in BAD_WORDS)


def clean(fn):
    """Decorator: regenerate until the value holds no placeholder-like word."""
    def wrapper(*a, **k):
        for _ in range(10_000):
            v = fn(*a, **k)
            if ok(v):
                return v
        raise RuntimeError("could not generate clean value")
    wrapper.__name__ = fn.__name__
    return wrapper


def rs(n, alpha=ALNUM):
    return "".join(R.choice(alpha) for _ in range(n))


def rbytes(n):
    return bytes(R.randrange(256) for _ in range(n))


def b64url_nopad(b):
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def b64s(s):
    return base64.b64encode(s.encode()).decode()


def base62(n, width=6):
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = ALNUM[r] + out
    return out.rjust(width, "0")


def crc_b62(body):
    return base62(zlib.crc32(body.encode()) & 0xFFFFFFFF)


# ---------------------------------------------------------------- generators
@clean
def openai_key(kind="proj"):
    if kind == "legacy":
        return "sk-" + rs(20) + "T3BlbkFJ" + rs(20)
    pre = {"proj": "sk-proj-", "svcacct": "sk-svcacct-", "admin": "sk-admin-"}[kind]
    return pre + rs(74, B64URL) + "T3BlbkFJ" + rs(74, B64URL)


@clean
def anthropic_key(admin=False):
    return ("sk-ant-admin01-" if admin else "sk-ant-api03-") + rs(93, B64URL) + "AA"


@clean
def google_key():
    return "AIzaSy" + rs(33, B64URL)


@clean
def hf_token():
    return "hf_" + rs(34, UP + LOW)


@clean
def groq_key():
    return "gsk_" + rs(52)


@clean
def xai_key():
    return "xai-" + rs(80)


@clean
def replicate_token():
    return "r8_" + rs(37)


@clean
def perplexity_key():
    return "pplx-" + rs(48)


@clean
def openrouter_key():
    return "sk-or-v1-" + rs(64, HEX)


@clean
def langsmith_key(kind="pt"):
    return "lsv2_%s_%s_%s" % (kind, rs(32, HEX), rs(10, HEX))


@clean
def pinecone_key():
    return "pcsk_" + rs(5) + "_" + rs(63)


@clean
def mistral_key():
    return rs(32)


@clean
def cohere_key():
    return rs(40)


@clean
def fireworks_key():
    return "fw_" + rs(24)


@clean
def tavily_key():
    return "tvly-" + rs(32)


@clean
def elevenlabs_key():
    return "sk_" + rs(48, HEX)


@clean
def aws_akid():
    return "AKIA" + rs(16, UP + "234567")


@clean
def aws_secret():
    return rs(40, B64)


@clean
def bedrock_key():
    inner = "BedrockAPIKey-%s-at-%s:%s" % (rs(4, LOW + DIG), rs(12, DIG), rs(44, B64))
    return "ABSK" + base64.b64encode(inner.encode()).decode()


@clean
def azure_storage_key():
    return base64.b64encode(rbytes(64)).decode()


@clean
def azure_ad_secret():
    return rs(3, ALNUM + "_~.") + R.choice(DIG) + "Q~" + rs(34, ALNUM + "_~.-")


@clean
def hexkey(n=32):
    return rs(n, HEX)


@clean
def do_token(kind="dop"):
    return kind + "_v1_" + rs(64, HEX)


@clean
def cloudflare_token():
    return rs(40, B64URL)


@clean
def vercel_token():
    return rs(24)


@clean
def netlify_token():
    return "nfp_" + rs(36)


@clean
def heroku_key(new=True):
    if new:
        return "HRKU-AA" + rs(58, B64URL)
    return uuid4()


@clean
def supabase_pat():
    return "sbp_" + rs(40, HEX)


@clean
def databricks_token():
    return "dapi" + rs(32, HEX)


@clean
def vault_token():
    return "hvs.CAESI" + rs(86, B64URL)


@clean
def doppler_token(kind="st"):
    return "dp.%s.%s" % (kind, rs(40 if kind == "st" else 43))


@clean
def tfc_token():
    return rs(14) + ".atlasv1." + rs(67)


def _gh_body():
    while True:
        b = rs(30)
        if ok(b):
            return b


@clean
def gh_token(prefix="ghp_"):
    body = _gh_body()
    return prefix + body + crc_b62(body)


@clean
def gh_lookalike(prefix="ghp_"):
    body = _gh_body()
    good = crc_b62(body)
    while True:
        bad = rs(6)
        if bad != good:
            return prefix + body + bad


@clean
def github_pat():
    return "github_pat_11" + rs(20, UP + DIG) + "_" + rs(59)


@clean
def gitlab_pat():
    return "glpat-" + rs(20, B64URL)


@clean
def npm_token():
    body = _gh_body()
    return "npm_" + body + crc_b62(body)


def npm_lookalike():
    return "npm_" + gh_lookalike("")


@clean
def pypi_token():
    return "pypi-AgEIcHlwaS5vcmc" + rs(150, B64URL)


@clean
def docker_pat():
    return "dckr_pat_" + rs(27, B64URL)


@clean
def stripe_key(prefix="sk_live_"):
    if prefix == "whsec_":
        return "whsec_" + rs(32)
    return prefix + "51" + rs(22) + rs(75)


@clean
def slack_bot():
    return "xoxb-%s-%s-%s" % (rs(12, DIG), rs(13, DIG), rs(24))


@clean
def slack_user():
    return "xoxp-%s-%s-%s-%s" % (rs(12, DIG), rs(12, DIG), rs(13, DIG), rs(32, HEX))


@clean
def slack_webhook():
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(10, UP + DIG), rs(10, UP + DIG), rs(24))


@clean
def discord_bot():
    uid = str(R.randrange(10**17, 2 * 10**18))
    return b64url_nopad(uid.encode()) + "." + rs(6, B64URL) + "." + rs(38, B64URL)


@clean
def discord_webhook():
    return "https://discord.com/api/webhooks/%d/%s" % (R.randrange(10**17, 2 * 10**18), rs(68, B64URL))


@clean
def telegram_token():
    return "%d:AA%s" % (R.randrange(10**9, 8 * 10**9), rs(33, B64URL))


@clean
def sendgrid_key():
    return "SG." + rs(22, B64URL) + "." + rs(43, B64URL)


@clean
def mailgun_key(new=False):
    if new:
        return "%s-%s-%s" % (rs(32, HEX), rs(8, HEX), rs(8, HEX))
    return "key-" + rs(32, HEX)


@clean
def shopify_token(prefix="shpat_"):
    return prefix + rs(32, HEX)


@clean
def linear_key():
    return "lin_api_" + rs(40)


@clean
def notion_token():
    return "ntn_" + rs(11, DIG) + rs(35)


@clean
def atlassian_token():
    return "ATATT3xFfGF0" + rs(170, B64URL) + "=" + rs(8, "0123456789ABCDEF")


@clean
def postman_key():
    return "PMAK-" + rs(24, HEX) + "-" + rs(34, HEX)


@clean
def sentry_org_token():
    payload = json.dumps({"iat": R.randrange(1_700_000_000, 1_740_000_000), "url": "https://sentry.io",
                          "region_url": "https://us.sentry.io", "org": R.choice(["acme-labs", "northwind", "kestrel-io"])},
                         separators=(",", ":"))
    return "sntrys_" + b64url_nopad(payload.encode()) + "_" + rs(43, B64)


@clean
def sentry_user_token():
    return "sntryu_" + rs(64, HEX)


@clean
def grafana_sa():
    return "glsa_" + rs(32) + "_" + rs(8, HEX)


@clean
def newrelic_key():
    return "NRAK-" + rs(27, UP + DIG)


@clean
def okta_token():
    return "00" + rs(40, B64URL)


@clean
def password(n=None):
    n = n or R.randint(16, 24)
    while True:
        p = rs(n, PWCH)
        if any(c in DIG for c in p) and any(c in UP for c in p) and any(c in "!*-_.~^+=" for c in p):
            return p


@clean
def url_password():
    return rs(R.randint(18, 26), ALNUM + "-_")


@clean
def django_secret():
    return rs(50, LOW + DIG + "!@#%^&*(-_=+)")


def b64_pair(gen, *a):
    """A clean value and its clean base64 encoding."""
    while True:
        v = gen(*a)
        b = b64s(v)
        if ok(b):
            return v, b


def uuid4():
    h = rs(32, HEX)
    return "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], R.choice("89ab"), h[17:20], h[20:32])


def jwt(payload, alg="HS256"):
    head = b64url_nopad(json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":")).encode())
    body = b64url_nopad(json.dumps(payload, separators=(",", ":")).encode())
    sig = rs(43 if alg == "HS256" else 342, B64URL)
    return head + "." + body + "." + sig


@clean
def jwt_token():
    now = R.randrange(1_710_000_000, 1_730_000_000)
    return jwt({"sub": uuid4(), "email": R.choice(["ops", "billing", "svc-sync"]) + "@northwind.io",
                "scope": "read write", "iat": now, "exp": now + 86400 * 365}, alg=R.choice(["HS256", "RS256"]))


@clean
def supabase_service_jwt(ref):
    now = R.randrange(1_700_000_000, 1_720_000_000)
    return jwt({"iss": "supabase", "ref": ref, "role": "service_role", "iat": now, "exp": now + 315360000})


def supabase_anon_jwt(ref):
    now = R.randrange(1_700_000_000, 1_720_000_000)
    return jwt({"iss": "supabase", "ref": ref, "role": "anon", "iat": now, "exp": now + 315360000})


HOSTS = ["db-prod-1.c9x2kq.eu-west-1.rds.amazonaws.com", "pg.internal.northwind.io", "10.42.7.19",
         "orders-db.cluster-cz3m.us-east-2.rds.amazonaws.com", "mysql-primary.svc.cluster.local"]


@clean
def db_url(kind, user=None, host=None, db="app"):
    pw = url_password()
    user = user or R.choice(["app_rw", "svc_orders", "analytics", "billing_app", "etl_user"])
    if kind == "postgres":
        return "postgresql://%s:%s@%s:5432/%s" % (user, pw, host or R.choice(HOSTS), db)
    if kind == "mysql":
        return "mysql://%s:%s@%s:3306/%s" % (user, pw, host or R.choice(HOSTS), db)
    if kind == "mongodb":
        return "mongodb+srv://%s:%s@cluster0.%s.mongodb.net/%s?retryWrites=true&w=majority" % (user, pw, rs(5, LOW + DIG), db)
    if kind == "redis":
        return "rediss://default:%s@%s:6380/0" % (pw, host or "cache-%s.redis.cache.windows.net" % rs(6, LOW))
    if kind == "amqp":
        return "amqps://%s:%s@%s/%s" % (user, pw, host or "rabbit.%s.cloudamqp.com" % rs(6, LOW), db)
    raise ValueError(kind)


# ----------------------------------------------------------- PEM material
def _der_pem(label, der, width=64):
    body = base64.b64encode(der).decode()
    lines = [body[i:i + width] for i in range(0, len(body), width)]
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (label, "\n".join(lines), label)


@clean
def pem_key(kind="rsa"):
    if kind == "rsa":
        der = bytes.fromhex("308204a40201000282010100") + rbytes(1180)
        return _der_pem("RSA PRIVATE KEY", der)
    if kind == "pkcs8":
        der = bytes.fromhex("308204be020100300d06092a864886f70d0101010500048204a8") + rbytes(1190)
        return _der_pem("PRIVATE KEY", der)
    if kind == "ec":
        der = (bytes.fromhex("30770201010420") + rbytes(32) +
               bytes.fromhex("a00a06082a8648ce3d030107a144034200") + b"\x04" + rbytes(64))
        return _der_pem("EC PRIVATE KEY", der)
    if kind == "openssh":
        der = (b"openssh-key-v1\x00" + b"\x00\x00\x00\x04none" * 2 + b"\x00\x00\x00\x00\x00\x00\x00\x01"
               + b"\x00\x00\x00\x33\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + rbytes(32) + rbytes(250))
        return _der_pem("OPENSSH PRIVATE KEY", der, width=70)
    raise ValueError(kind)


def cert_pem():
    der = bytes.fromhex("308203") + rbytes(2) + bytes.fromhex("308202") + rbytes(700)
    return _der_pem("CERTIFICATE", der)


def pubkey_pem():
    der = bytes.fromhex("30820122300d06092a864886f70d01010105000382010f003082010a0282010100") + rbytes(262)
    return _der_pem("PUBLIC KEY", der)


def ssh_pub(comment="deploy@ci-runner"):
    return "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + rs(43, B64) + " " + comment


def ssh_rsa_pub(comment):
    return "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ" + rs(500, B64) + " " + comment


def git_sha():
    return rs(40, HEX)


def integrity():
    return "sha512-" + base64.b64encode(rbytes(64)).decode()


def sha256hex():
    return rs(64, HEX)


AWS_DOC_AKID = "AKIAIOSFODNN7EXAMPLE"
AWS_DOC_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


# ------------------------------------------------------------- framework
class F:
    """One generated file: its text plus the secrets / look-alikes planted in it."""

    def __init__(self, path):
        self.path = path
        self.lines = []
        self.text = None          # set directly for JSON-dumped files
        self.secrets = []         # (needle, provider, is_pem)
        self.looks = []           # (needle, provider)

    def s(self, value, provider):
        self.secrets.append((value, provider, False))
        return value

    def pem(self, text, provider="private_key"):
        body_first = text.split("\n")[1]
        self.secrets.append((body_first[:40], provider, True))
        return text

    def look(self, value, provider):
        self.looks.append((value, provider))
        return value

    def add(self, *chunks):
        for c in chunks:
            self.lines.extend(c.split("\n"))

    def render(self):
        if self.text is not None:
            return self.text if self.text.endswith("\n") else self.text + "\n"
        return "\n".join(self.lines) + "\n"


FILES = []


def new(path):
    f = F(path)
    FILES.append(f)
    return f


def jdump(obj, indent=2):
    return json.dumps(obj, indent=indent, ensure_ascii=False)


# ======================================================== code: Python
def b_py_billing_config():
    f = new("services/billing/app/config.py")
    f.add('"""Billing service settings.  Loaded once at import time."""',
          "import os",
          "from dataclasses import dataclass",
          "",
          "# NOTE(maria): hardcoded while the secrets manager migration is pending, see OPS-2291",
          'STRIPE_SECRET_KEY = "%s"' % f.s(stripe_key("sk_live_"), "stripe"),
          'STRIPE_WEBHOOK_SECRET = "%s"' % f.s(stripe_key("whsec_"), "stripe"),
          '# publishable key is safe to ship to the browser',
          'STRIPE_PUBLISHABLE_KEY = "pk_live_51%s"' % rs(97),
          "",
          'DATABASE_URL = os.environ.get("DATABASE_URL", "%s")' % f.s(db_url("postgres", db="billing"), "postgres"),
          'READ_REPLICA_URL = os.environ["READ_REPLICA_URL"]',
          'SECRET_KEY = "%s"' % f.s(django_secret(), "generic"),
          'SESSION_COOKIE_NAME = "nw_billing_session"',
          'REQUEST_ID_HEADER = "X-Request-Id"',
          'BUILD_SHA = "%s"' % git_sha(),
          "",
          "@dataclass(frozen=True)",
          "class Retry:",
          "    attempts: int = 5",
          "    backoff_seconds: float = 1.5",
          "",
          'SENTRY_DSN = "https://%s@o%d.ingest.sentry.io/%d"' % (rs(32, HEX), R.randrange(100000, 999999), R.randrange(1000000, 9999999)),
          'MAILGUN_DOMAIN = "mg.northwind.io"',
          'MAILGUN_API_KEY = "%s"' % f.s(mailgun_key(), "mailgun"))


def b_py_llm_clients():
    f = new("services/billing/app/llm_clients.py")
    f.add("import os",
          "from openai import OpenAI",
          "from anthropic import Anthropic",
          "",
          "# TODO: remove the fallback literals before the audit",
          'openai_client = OpenAI(api_key=os.getenv("OPENAI_API_KEY", "%s"))' % f.s(openai_key("proj"), "openai"),
          'claude = Anthropic(api_key="%s")' % f.s(anthropic_key(), "anthropic"),
          "",
          "def summarize_invoice(text: str) -> str:",
          "    resp = claude.messages.create(",
          '        model="claude-3-5-sonnet-20241022",',
          "        max_tokens=512,",
          '        messages=[{"role": "user", "content": text}],',
          "    )",
          "    return resp.content[0].text",
          "",
          "# admin key used only by the nightly usage exporter",
          'OPENAI_ADMIN_KEY = "%s"' % f.s(openai_key("admin"), "openai"),
          'ANTHROPIC_ADMIN_KEY = "%s"' % f.s(anthropic_key(admin=True), "anthropic"),
          'ORG_ID = "org-%s"' % rs(24),
          'api_key_placeholder = "sk-..."  # docs snippet')


def b_py_router():
    f = new("ml/agents/router.py")
    f.add('"""Route prompts to the cheapest provider that meets the latency budget."""',
          "from __future__ import annotations",
          "",
          "import os",
          "import httpx",
          "",
          "PROVIDERS = {",
          '    "groq": {"base_url": "https://api.groq.com/openai/v1", "api_key": "%s"},' % f.s(groq_key(), "groq"),
          '    "xai": {"base_url": "https://api.x.ai/v1", "api_key": "%s"},' % f.s(xai_key(), "xai"),
          '    "openrouter": {"base_url": "https://openrouter.ai/api/v1", "api_key": "%s"},' % f.s(openrouter_key(), "openrouter"),
          '    "perplexity": {"base_url": "https://api.perplexity.ai", "api_key": "%s"},' % f.s(perplexity_key(), "perplexity"),
          '    "fireworks": {"base_url": "https://api.fireworks.ai/inference/v1", "api_key": "%s"},' % f.s(fireworks_key(), "fireworks"),
          '    "local": {"base_url": "http://localhost:11434/v1", "api_key": "ollama"},',
          "}",
          "",
          'MISTRAL_API_KEY = "%s"' % f.s(mistral_key(), "mistral"),
          'COHERE_API_KEY = "%s"' % f.s(cohere_key(), "cohere"),
          'TOGETHER_MODEL = "meta-llama/Llama-3.3-70B-Instruct-Turbo"',
          'REQUEST_TRACE_ID = "%s"' % uuid4(),
          "",
          "def headers(name: str) -> dict[str, str]:",
          '    return {"Authorization": f"Bearer {PROVIDERS[name][\'api_key\']}"}',
          "",
          "def search(query: str) -> dict:",
          '    key = os.environ.get("TAVILY_API_KEY") or "%s"' % f.s(tavily_key(), "tavily"),
          '    r = httpx.post("https://api.tavily.com/search", json={"api_key": key, "query": query})',
          "    r.raise_for_status()",
          "    return r.json()")


def b_py_ingest():
    f = new("ml/rag/ingest.py")
    f.add("import os",
          "from pinecone import Pinecone",
          "from huggingface_hub import login",
          "from langsmith import Client",
          "",
          'pc = Pinecone(api_key="%s")' % f.s(pinecone_key(), "pinecone"),
          'index = pc.Index("docs-v3")',
          "",
          'login(token="%s")' % f.s(hf_token(), "huggingface"),
          'EMBED_MODEL = "BAAI/bge-large-en-v1.5"',
          'DATASET_REVISION = "%s"' % git_sha(),
          "",
          'os.environ["LANGSMITH_API_KEY"] = "%s"' % f.s(langsmith_key("pt"), "langsmith"),
          'os.environ["LANGSMITH_PROJECT"] = "rag-ingest"',
          'ls = Client(api_key=os.environ["LANGSMITH_API_KEY"])',
          "",
          "# service account used by the scheduled job",
          'OPENAI_SVC_KEY = "%s"' % f.s(openai_key("svcacct"), "openai"),
          'REPLICATE_API_TOKEN = "%s"' % f.s(replicate_token(), "replicate"),
          'ELEVENLABS_API_KEY = "%s"' % f.s(elevenlabs_key(), "elevenlabs"),
          'VOICE_ID = "21m00Tcm4TlvDq8ikWAM"')


def b_py_aws_sync():
    f = new("scripts/aws_sync.py")
    f.add("#!/usr/bin/env python3",
          '"""Sync nightly exports to S3.',
          "",
          "Credentials in the AWS docs look like %s / %s;" % (AWS_DOC_AKID, AWS_DOC_SECRET),
          "never paste real ones here.",
          '"""',
          "import boto3",
          "",
          "session = boto3.Session(",
          '    aws_access_key_id="%s",' % f.s(aws_akid(), "aws"),
          '    aws_secret_access_key="%s",' % f.s(aws_secret(), "aws"),
          '    region_name="eu-west-1",',
          ")",
          's3 = session.client("s3")',
          'BUCKET = "nw-exports-prod"',
          "",
          "# Bedrock long-term API key for the summarizer",
          'BEDROCK_API_KEY = "%s"' % f.s(bedrock_key(), "aws"),
          'BEDROCK_MODEL = "anthropic.claude-3-haiku-20240307-v1:0"',
          'ROLE_ARN = "arn:aws:iam::%s:role/export-writer"' % rs(12, DIG))


def b_py_notify():
    f = new("tools/notify.py")
    f.add("import json, urllib.request",
          "",
          'SLACK_WEBHOOK = "%s"' % f.s(slack_webhook(), "slack"),
          'DISCORD_WEBHOOK = "%s"' % f.s(discord_webhook(), "discord"),
          'TELEGRAM_BOT_TOKEN = "%s"' % f.s(telegram_token(), "telegram"),
          'TELEGRAM_CHAT_ID = "-100%s"' % rs(10, DIG),
          'DOCS_URL = "https://api.slack.com/messaging/webhooks"',
          "",
          "def post(url, payload):",
          '    req = urllib.request.Request(url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"})',
          "    return urllib.request.urlopen(req, timeout=10).status")


def b_py_token_tests():
    f = new("tests/unit/test_token_formats.py")
    f.add('"""Checksum validation: these tokens are structurally right but fail CRC32."""',
          "import pytest",
          "from nwtools.tokens import is_valid_github_token",
          "",
          "BAD_CHECKSUM = [",
          '    "%s",' % f.look(gh_lookalike("ghp_"), "github"),
          '    "%s",' % f.look(gh_lookalike("ghs_"), "github"),
          '    "%s",' % f.look(gh_lookalike("ghr_"), "github"),
          "]",
          "",
          'NPM_BAD = "%s"' % f.look(npm_lookalike(), "npm"),
          "",
          '@pytest.mark.parametrize("tok", BAD_CHECKSUM)',
          "def test_rejects_bad_checksum(tok):",
          "    assert not is_valid_github_token(tok)",
          "",
          "def test_placeholder():",
          '    assert not is_valid_github_token("ghp_<YOUR_TOKEN>")',
          '    assert not is_valid_github_token("ghp_************************************")')


# ======================================================== code: TS / JS
def b_ts_ai():
    f = new("web/src/lib/ai.ts")
    f.add('import OpenAI from "openai";',
          'import { createGoogleGenerativeAI } from "@ai-sdk/google";',
          "",
          "export const openai = new OpenAI({",
          '  apiKey: process.env.OPENAI_API_KEY ?? "%s",' % f.s(openai_key("legacy"), "openai"),
          "});",
          "",
          "export const gemini = createGoogleGenerativeAI({",
          '  apiKey: "%s",' % f.s(google_key(), "google"),
          "});",
          "",
          'export const DEFAULT_MODEL = "gpt-4o-mini-2024-07-18";',
          "export const ANTHROPIC_KEY = process.env.ANTHROPIC_API_KEY!;",
          'const groqKey: string = "%s";' % f.s(groq_key(), "groq"),
          "export async function fastComplete(prompt: string) {",
          '  const r = await fetch("https://api.groq.com/openai/v1/chat/completions", {',
          '    method: "POST",',
          "    headers: { Authorization: `Bearer ${groqKey}` },",
          '    body: JSON.stringify({ model: "llama-3.1-8b-instant", messages: [{ role: "user", content: prompt }] }),',
          "  });",
          "  return r.json();",
          "}")


def b_ts_firebase():
    f = new("web/src/firebase.ts")
    ref = rs(20, LOW)
    f.add('import { initializeApp } from "firebase/app";',
          'import { createClient } from "@supabase/supabase-js";',
          "",
          "// Firebase web config is public by design; security comes from rules.",
          "const firebaseConfig = {",
          '  apiKey: "%s",' % f.s("AIzaSy" + rs(33, B64URL), "google"),
          '  authDomain: "northwind-web.firebaseapp.com",',
          '  projectId: "northwind-web",',
          '  storageBucket: "northwind-web.appspot.com",',
          '  messagingSenderId: "%s",' % rs(12, DIG),
          '  appId: "1:%s:web:%s",' % (rs(12, DIG), rs(22, HEX)),
          "};",
          "export const app = initializeApp(firebaseConfig);",
          "",
          "export const supabase = createClient(",
          '  "https://%s.supabase.co",' % ref,
          '  "%s" // anon key, RLS enforced' % supabase_anon_jwt(ref),
          ");",
          'export const GOOGLE_CLIENT_ID = "%s-%s.apps.googleusercontent.com";' % (rs(12, DIG), rs(32, LOW + DIG)),
          'export const STRIPE_PK = "pk_live_51%s";' % rs(97))


def b_ts_payments():
    f = new("web/src/server/payments.ts")
    f.add('import Stripe from "stripe";',
          "",
          'const stripe = new Stripe("%s", {' % f.s(stripe_key("sk_live_"), "stripe"),
          '  apiVersion: "2024-06-20",',
          "});",
          "",
          "// restricted key for the reporting worker",
          'export const REPORTING_KEY = "%s";' % f.s(stripe_key("rk_live_"), "stripe"),
          "export const WEBHOOK_SECRET = process.env.STRIPE_WEBHOOK_SECRET;",
          'export const PRICE_PRO = "price_1P%s";' % rs(22),
          'export const SHOPIFY_ADMIN_TOKEN = "%s";' % f.s(shopify_token("shpat_"), "shopify"),
          'export const SHOPIFY_SHOP = "northwind-goods.myshopify.com";',
          "export default stripe;")


def b_js_mailer():
    f = new("web/src/server/mailer.js")
    f.add("const sgMail = require('@sendgrid/mail');",
          "const formData = require('form-data');",
          "const Mailgun = require('mailgun.js');",
          "",
          "sgMail.setApiKey('%s');" % f.s(sendgrid_key(), "sendgrid"),
          "",
          "const mg = new Mailgun(formData).client({",
          "  username: 'api',",
          "  key: process.env.MAILGUN_API_KEY || '%s'," % f.s(mailgun_key(new=True), "mailgun"),
          "});",
          "",
          "const twilio = require('twilio')(",
          "  'AC%s'," % rs(32, HEX),
          "  '%s'" % f.s(hexkey(32), "twilio"),
          ");",
          "",
          "module.exports = { sgMail, mg, twilio, FROM: 'no-reply@northwind.io' };")


def b_js_next_config():
    f = new("web/next.config.js")
    f.add("const { withSentryConfig } = require('@sentry/nextjs');",
          "",
          "/** @type {import('next').NextConfig} */",
          "const nextConfig = {",
          "  reactStrictMode: true,",
          "  images: { remotePatterns: [{ hostname: 'cdn.northwind.io' }] },",
          "  env: {",
          "    NEXT_PUBLIC_APP_VERSION: '4.12.0',",
          "    NEXT_PUBLIC_POSTHOG_HOST: 'https://eu.posthog.com',",
          "  },",
          "};",
          "",
          "module.exports = withSentryConfig(nextConfig, {",
          "  org: 'northwind',",
          "  project: 'web',",
          "  authToken: '%s'," % f.s(sentry_org_token(), "sentry"),
          "  silent: true,",
          "});")


def b_ts_supabase_admin():
    f = new("web/src/lib/supabase-admin.ts")
    ref = rs(20, LOW)
    f.add('import { createClient } from "@supabase/supabase-js";',
          "",
          "// server-only client, bypasses RLS",
          "export const admin = createClient(",
          '  "https://%s.supabase.co",' % ref,
          '  "%s",' % f.s(supabase_service_jwt(ref), "supabase"),
          "  { auth: { persistSession: false } },",
          ");",
          "",
          'export const SUPABASE_ACCESS_TOKEN = "%s"; // CLI management token' % f.s(supabase_pat(), "supabase"),
          "export const url = process.env.NEXT_PUBLIC_SUPABASE_URL;")


# ======================================================== code: Go
def b_go_gateway():
    f = new("services/gateway/main.go")
    f.add("package main",
          "",
          "import (",
          '\t"log"',
          '\t"net/http"',
          '\t"os"',
          "",
          '\t"github.com/google/go-github/v62/github"',
          '\t"github.com/redis/go-redis/v9"',
          '\t"github.com/slack-go/slack"',
          ")",
          "",
          "const (",
          '\tgithubToken = "%s"' % f.s(github_pat(), "github"),
          '\tslackToken  = "%s"' % f.s(slack_bot(), "slack"),
          '\tredisURL    = "%s"' % f.s(db_url("redis"), "redis"),
          '\tversion     = "v2.8.1"',
          ")",
          "",
          "func main() {",
          "\tgh := github.NewClient(nil).WithAuthToken(githubToken)",
          "\tsl := slack.New(slackToken)",
          "\topt, err := redis.ParseURL(redisURL)",
          "\tif err != nil {",
          "\t\tlog.Fatal(err)",
          "\t}",
          "\trdb := redis.NewClient(opt)",
          '\tdebug := os.Getenv("GATEWAY_DEBUG") == "1"',
          "\t_ = gh; _ = sl; _ = rdb; _ = debug",
          '\tlog.Fatal(http.ListenAndServe(":8080", nil))',
          "}")


def b_go_db():
    f = new("services/gateway/internal/store/db.go")
    f.add("package store",
          "",
          'import (\n\t"database/sql"\n\t"os"\n\n\t_ "github.com/go-sql-driver/mysql"\n\t_ "github.com/jackc/pgx/v5/stdlib"\n)',
          "",
          "// DSNs for local runs; prod reads from the environment.",
          'var pgDSN = "%s"' % f.s(db_url("postgres", db="gateway"), "postgres"),
          "",
          "func mysqlDSN() string {",
          '\tif v := os.Getenv("LEGACY_DSN"); v != "" {',
          "\t\treturn v",
          "\t}",
          '\treturn "legacy_ro:%s@tcp(mysql-legacy.internal:3306)/orders?parseTime=true"' % f.s(url_password(), "mysql"),
          "}",
          "",
          "func Open() (*sql.DB, error) {",
          '\treturn sql.Open("pgx", pgDSN)',
          "}",
          "",
          "// schema checksum, not a secret",
          'const SchemaHash = "%s"' % sha256hex())


def b_go_worker():
    f = new("services/worker/notify.go")
    f.add("package worker",
          "",
          'import "github.com/twilio/twilio-go"',
          "",
          "var (",
          '\ttwilioSID   = "AC%s"' % rs(32, HEX),
          '\ttwilioToken = "%s"' % f.s(hexkey(32), "twilio"),
          '\tddAPIKey    = "%s" // datadog' % f.s(hexkey(32), "datadog"),
          '\tdiscordBot  = "%s"' % f.s(discord_bot(), "discord"),
          '\trequestID   = "%s"' % uuid4(),
          ")",
          "",
          "func client() *twilio.RestClient {",
          "\treturn twilio.NewRestClientWithParams(twilio.ClientParams{Username: twilioSID, Password: twilioToken})",
          "}")


# ======================================================== config files
def b_yaml_settings():
    f = new("config/settings.yaml")
    f.add("app:",
          "  name: northwind-api",
          "  version: 3.14.2",
          "  base_url: https://api.northwind.io",
          "observability:",
          "  datadog:",
          "    site: datadoghq.eu",
          "    api_key: %s" % f.s(hexkey(32), "datadog"),
          "    app_key: %s" % f.s(hexkey(40), "datadog"),
          "  newrelic:",
          "    license_key: ${NEW_RELIC_LICENSE_KEY}",
          "    user_api_key: %s" % f.s(newrelic_key(), "newrelic"),
          "  grafana:",
          "    url: https://northwind.grafana.net",
          "    service_account_token: %s" % f.s(grafana_sa(), "grafana"),
          "  sentry:",
          "    dsn: https://%s@o%d.ingest.us.sentry.io/%d" % (rs(32, HEX), R.randrange(10**5, 10**6), R.randrange(10**6, 10**7)),
          "    traces_sample_rate: 0.2",
          "storage:",
          "  bucket: nw-assets-prod",
          "  cdn: https://cdn.northwind.io",
          "  checksum: sha256:%s" % sha256hex(),
          "auth:",
          "  session_secret: \"%s\"" % f.s(password(32), "generic"),
          "  password_min_length: 12",
          "  admin_password: \"********\"")


def b_toml_production():
    f = new("config/production.toml")
    f.add("[server]",
          'host = "0.0.0.0"',
          "port = 8443",
          'tls_cert = "/etc/northwind/tls/tls.crt"',
          "",
          "[database]",
          'url = "%s"' % f.s(db_url("postgres", db="core"), "postgres"),
          "pool_size = 20",
          "",
          "[databricks]",
          'host = "https://adb-%s.%d.azuredatabricks.net"' % (rs(16, DIG), R.randrange(1, 20)),
          'token = "%s"' % f.s(databricks_token(), "databricks"),
          'warehouse_id = "%s"' % rs(16, HEX),
          "",
          "[vault]",
          'addr = "https://vault.internal.northwind.io:8200"',
          'token = "%s"' % f.s(vault_token(), "vault"),
          'namespace = "admin/payments"',
          "",
          "[queue]",
          'url = "%s"' % f.s(db_url("amqp", db="jobs"), "amqp"),
          'secret_ref = "vault:secret/data/queue#password"')


def b_ini_app():
    f = new("config/legacy/app.ini")
    f.add("; legacy PHP admin, do not extend",
          "[general]",
          "environment = production",
          "timezone = Europe/Berlin",
          "",
          "[mysql]",
          "host = mysql-primary.svc.cluster.local",
          "user = admin_legacy",
          "password = %s" % f.s(password(), "generic"),
          "database = shop",
          "",
          "[smtp]",
          "host = smtp.sendgrid.net",
          "user = apikey",
          "pass = %s" % f.s(sendgrid_key(), "sendgrid"),
          "",
          "[ldap]",
          "bind_dn = cn=svc-admin,ou=services,dc=northwind,dc=io",
          "bind_password = %s" % f.s(password(), "generic"),
          "",
          "[cache]",
          "password = ${REDIS_PASSWORD}",
          "build = %s" % git_sha())


def b_json_integrations():
    f = new("config/integrations.json")
    obj = {
        "linear": {"apiKey": f.s(linear_key(), "linear"), "teamId": uuid4()},
        "notion": {"token": f.s(notion_token(), "notion"), "databaseId": rs(32, HEX)},
        "jira": {"baseUrl": "https://northwind.atlassian.net", "email": "ops-bot@northwind.io",
                 "apiToken": f.s(atlassian_token(), "atlassian")},
        "postman": {"apiKey": f.s(postman_key(), "postman"), "workspace": uuid4()},
        "shopify": {"apiSecret": f.s(shopify_token("shpss_"), "shopify"), "apiVersion": "2024-07"},
        "github": {"appId": 412233, "installationId": 50917721, "webhookSecret": "${GITHUB_WEBHOOK_SECRET}"},
        "legacyNotion": {"token": f.s("secret_" + rs(43), "notion")},
    }
    f.text = jdump(obj)


def b_yaml_okta():
    f = new("config/okta.yaml")
    f.add("okta:",
          "  client:",
          "    orgUrl: https://northwind.okta.com",
          "    token: %s" % f.s(okta_token(), "okta"),
          "  oauth2:",
          "    clientId: 0oa%s" % rs(17),
          "    issuer: https://northwind.okta.com/oauth2/default",
          "    redirectUri: https://app.northwind.io/callback",
          "    clientSecret: %s" % f.s(rs(64, B64URL), "okta"))


def b_yaml_rails_db():
    f = new("config/database.yml")
    f.add("default: &default",
          "  adapter: postgresql",
          "  encoding: unicode",
          "  pool: <%= ENV.fetch(\"RAILS_MAX_THREADS\") { 5 } %>",
          "",
          "development:",
          "  <<: *default",
          "  database: storefront_development",
          "",
          "production:",
          "  <<: *default",
          "  database: storefront_production",
          "  username: storefront",
          "  password: <%= ENV[\"STOREFRONT_DATABASE_PASSWORD\"] %>",
          "",
          "analytics:",
          "  adapter: mysql2",
          "  host: analytics-db.internal",
          "  username: reporting",
          "  password: \"%s\"" % f.s(password(), "generic"))


def b_sentry_properties():
    f = new("android/sentry.properties")
    f.add("defaults.url=https://sentry.io/",
          "defaults.org=northwind",
          "defaults.project=android-app",
          "auth.token=%s" % f.s(sentry_user_token(), "sentry"),
          "cli.executable=node_modules/@sentry/cli/bin/sentry-cli")


def b_pyproject():
    f = new("ml/pyproject.toml")
    f.add("[tool.poetry]",
          'name = "nw-ml"',
          'version = "0.9.3"',
          'description = "Retrieval and evaluation pipelines"',
          'authors = ["ML Platform <ml@northwind.io>"]',
          "",
          "[tool.poetry.dependencies]",
          'python = "^3.11"',
          'openai = "^1.40"',
          'pinecone = "^5.0"',
          "",
          "[[tool.poetry.source]]",
          'name = "internal"',
          'url = "https://pypi-reader:%s@pypi.internal.northwind.io/simple/"' % f.s(url_password(), "generic"),
          'priority = "supplemental"')


# ======================================================== .env files
def b_env_root():
    f = new(".env")
    f.add("# local dev env - DO NOT COMMIT (too late)",
          "NODE_ENV=development",
          "PORT=3000",
          "OPENAI_API_KEY=%s" % f.s(openai_key("proj"), "openai"),
          "ANTHROPIC_API_KEY=%s" % f.s(anthropic_key(), "anthropic"),
          "GEMINI_API_KEY=%s" % f.s(google_key(), "google"),
          "HF_TOKEN=%s" % f.s(hf_token(), "huggingface"),
          "MISTRAL_API_KEY=%s" % f.s(mistral_key(), "mistral"),
          "CO_API_KEY=%s" % f.s(cohere_key(), "cohere"),
          "PINECONE_API_KEY=%s" % f.s(pinecone_key(), "pinecone"),
          "PINECONE_INDEX=docs-v3",
          "LANGCHAIN_TRACING_V2=true",
          "LANGCHAIN_API_KEY=%s" % f.s(langsmith_key("sk"), "langsmith"),
          "DATABASE_URL=%s" % f.s(db_url("postgres", host="localhost", db="nw_dev"), "postgres"),
          "REDIS_URL=redis://localhost:6379/0",
          "JWT_SECRET=%s" % f.s(password(40), "generic"),
          "GITHUB_TOKEN=%s" % f.s(gh_token("ghp_"), "github"),
          "SENTRY_DSN=",
          "FEATURE_FLAGS=checkout_v2,search_beta")


def b_env_production():
    f = new(".env.production")
    f.add("APP_URL=https://app.northwind.io",
          "AWS_REGION=eu-central-1",
          "AWS_ACCESS_KEY_ID=%s" % f.s(aws_akid(), "aws"),
          "AWS_SECRET_ACCESS_KEY=%s" % f.s(aws_secret(), "aws"),
          "STRIPE_SECRET_KEY=%s" % f.s(stripe_key("sk_live_"), "stripe"),
          "STRIPE_WEBHOOK_SECRET=%s" % f.s(stripe_key("whsec_"), "stripe"),
          "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_live_51%s" % rs(97),
          "SENDGRID_API_KEY=%s" % f.s(sendgrid_key(), "sendgrid"),
          "TWILIO_ACCOUNT_SID=AC%s" % rs(32, HEX),
          "TWILIO_AUTH_TOKEN=%s" % f.s(hexkey(32), "twilio"),
          "MONGODB_URI=%s" % f.s(db_url("mongodb", db="catalog"), "mongodb"),
          "AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=nwassets%s;AccountKey=%s;EndpointSuffix=core.windows.net"
          % (rs(4, LOW + DIG), f.s(azure_storage_key(), "azure")),
          "SUPABASE_SERVICE_ROLE_KEY=%s" % f.s(supabase_service_jwt(rs(20, LOW)), "supabase"),
          "NEXT_PUBLIC_SUPABASE_ANON_KEY=%s" % supabase_anon_jwt(rs(20, LOW)),
          "RELEASE=%s" % git_sha())


def b_env_backend_local():
    f = new("backend/.env.local")
    f.add("# copied from 1password on 2024-05-02",
          "AZURE_OPENAI_ENDPOINT=https://nw-openai-swc.openai.azure.com/",
          "AZURE_OPENAI_API_KEY=%s" % f.s(hexkey(32), "azure"),
          "AZURE_OPENAI_DEPLOYMENT=gpt-4o",
          "AZURE_TENANT_ID=%s" % uuid4(),
          "AZURE_CLIENT_ID=%s" % uuid4(),
          "AZURE_CLIENT_SECRET=%s" % f.s(azure_ad_secret(), "azure"),
          "DIGITALOCEAN_TOKEN=%s" % f.s(do_token(), "digitalocean"),
          "CLOUDFLARE_API_TOKEN=%s" % f.s(cloudflare_token(), "cloudflare"),
          "CLOUDFLARE_ACCOUNT_ID=%s" % rs(32, HEX),
          "VERCEL_TOKEN=%s" % f.s(vercel_token(), "vercel"),
          "NETLIFY_AUTH_TOKEN=%s" % f.s(netlify_token(), "netlify"),
          "HEROKU_API_KEY=%s" % f.s(heroku_key(new=True), "heroku"),
          "DOPPLER_TOKEN=%s" % f.s(doppler_token("st"), "doppler"),
          "TF_TOKEN_app_terraform_io=%s" % f.s(tfc_token(), "terraform"),
          "LOG_LEVEL=debug")


def b_env_example():
    f = new(".env.example")
    f.add("# Copy to .env and fill in",
          "OPENAI_API_KEY=sk-...",
          "ANTHROPIC_API_KEY=<YOUR_ANTHROPIC_KEY>",
          "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
          "AWS_ACCESS_KEY_ID=%s" % AWS_DOC_AKID,
          "AWS_SECRET_ACCESS_KEY=%s" % AWS_DOC_SECRET,
          "STRIPE_SECRET_KEY=sk_live_<redacted>",
          "DATABASE_URL=postgresql://user:${DB_PASSWORD}@localhost:5432/app",
          "JWT_SECRET=changeme",
          "SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
          "HF_TOKEN=hf_****************",
          "SENDGRID_API_KEY=",
          "PINECONE_API_KEY=your_pinecone_api_key_here")


def b_env_staging():
    f = new(".env.staging")
    f.add("APP_ENV=staging",
          "# rotated 2024-06-01, old value kept for the rollback script",
          "GITHUB_TOKEN_OLD=%s" % f.look(gh_lookalike("ghp_"), "github"),
          "GITLAB_TOKEN=%s" % f.s(gitlab_pat(), "gitlab"),
          "DOCKERHUB_TOKEN=%s" % f.s(docker_pat(), "dockerhub"),
          "NPM_TOKEN=%s" % f.s(npm_token(), "npm"),
          "DD_API_KEY=%s" % f.s(hexkey(32), "datadog"),
          "NEW_RELIC_API_KEY=%s" % f.s(newrelic_key(), "newrelic"),
          "SLACK_BOT_TOKEN=%s" % f.s(slack_bot(), "slack"),
          "SLACK_SIGNING_SECRET=%s" % f.s(hexkey(32), "slack"),
          "STAGING_BASIC_AUTH=%s" % "${STAGING_BASIC_AUTH}",
          "BUILD_ID=%s" % uuid4())


# ======================================================== notebooks
def nb_doc(cells):
    return {"cells": cells,
            "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
                         "language_info": {"name": "python", "version": "3.11.9"}},
            "nbformat": 4, "nbformat_minor": 5}


def src(lines):
    lines = lines.split("\n") if isinstance(lines, str) else lines
    return [l + "\n" for l in lines[:-1]] + [lines[-1]]


def code(lines, outputs=(), n=None):
    return {"cell_type": "code", "execution_count": n, "id": rs(8, HEX), "metadata": {},
            "outputs": list(outputs), "source": src(lines)}


def md(lines):
    return {"cell_type": "markdown", "id": rs(8, HEX), "metadata": {}, "source": src(lines)}


def stream(lines):
    return {"name": "stdout", "output_type": "stream", "text": src(lines)}


def result(text, n):
    return {"data": {"text/plain": src(text)}, "execution_count": n, "metadata": {}, "output_type": "execute_result"}


def b_nb_embeddings():
    f = new("notebooks/01_embeddings.ipynb")
    k = openai_key("proj")
    cells = [
        md("# Embedding benchmark\nCompare `text-embedding-3-large` with BGE on the support corpus."),
        code(["import os", "from openai import OpenAI",
              'os.environ["OPENAI_API_KEY"] = "%s"' % f.s(k, "openai"),
              "client = OpenAI()"], n=1),
        code(["client.api_key"], outputs=[result("'%s'" % f.s(k, "openai"), 2)], n=2),
        code(["from huggingface_hub import login",
              'login("%s")' % f.s(hf_token(), "huggingface")],
             outputs=[stream("Token is valid (permission: write).\nYour token has been saved to /root/.cache/huggingface/token\nLogin successful")], n=3),
        code(["import pandas as pd", 'df = pd.read_parquet("s3://nw-ml/support/v3.parquet")', "df.shape"],
             outputs=[result("(48213, 6)", 4)], n=4),
        md("Remember: use `os.environ[\"OPENAI_API_KEY\"]` instead of pasting keys."),
    ]
    f.text = jdump(nb_doc(cells), indent=1)


def b_nb_agents():
    f = new("notebooks/02_eval_agents.ipynb")
    cells = [
        md("## Agent eval\nRuns the tool-use suite against Claude and Groq."),
        code(["%env ANTHROPIC_API_KEY=" + f.s(anthropic_key(), "anthropic"),
              "%env TAVILY_API_KEY=" + f.s(tavily_key(), "tavily")],
             outputs=[stream("env: ANTHROPIC_API_KEY=%s\nenv: TAVILY_API_KEY=<hidden>" % "sk-ant-api03-…")], n=1),
        code(["from groq import Groq",
              'g = Groq(api_key="%s")' % f.s(groq_key(), "groq"),
              'print(g.models.list().data[0].id)'],
             outputs=[stream("llama-3.3-70b-versatile")], n=2),
        code(["import langsmith",
              'ls = langsmith.Client(api_key="%s")' % f.s(langsmith_key("pt"), "langsmith"),
              'ls.list_projects()'], n=3),
        code(["# debugging auth",
              "print(os.environ)"],
             outputs=[stream(["environ({'HOME': '/home/jovyan',",
                              " 'PATH': '/opt/conda/bin:/usr/local/bin:/usr/bin',",
                              " 'XAI_API_KEY': '%s'," % f.s(xai_key(), "xai"),
                              " 'REPLICATE_API_TOKEN': '%s'," % f.s(replicate_token(), "replicate"),
                              " 'JUPYTER_TOKEN': '%s'})" % f.s(rs(48, HEX), "generic")])], n=4),
    ]
    f.text = jdump(nb_doc(cells), indent=1)


def b_nb_data_pull():
    f = new("notebooks/03_data_pull.ipynb")
    cells = [
        md("# Pull warehouse snapshot"),
        code(["from databricks import sql",
              "conn = sql.connect(",
              '    server_hostname="adb-%s.7.azuredatabricks.net",' % rs(16, DIG),
              '    http_path="/sql/1.0/warehouses/%s",' % rs(16, HEX),
              '    access_token="%s",' % f.s(databricks_token(), "databricks"),
              ")"], n=1),
        code(["import sqlalchemy as sa",
              'engine = sa.create_engine("%s")' % f.s(db_url("mysql", db="orders").replace("mysql://", "mysql+pymysql://"), "mysql"),
              'pd.read_sql("select count(*) from orders", engine)'],
             outputs=[result("   count(*)\n0   1893341", 2)], n=2),
        code(["import boto3",
              "s3 = boto3.client('s3', aws_access_key_id='%s'," % f.s(aws_akid(), "aws"),
              "                  aws_secret_access_key='%s')" % f.s(aws_secret(), "aws")], n=3),
        code(["# docs example creds, harmless",
              "boto3.client('s3', aws_access_key_id='%s', aws_secret_access_key='%s')" % (AWS_DOC_AKID, AWS_DOC_SECRET)], n=4),
    ]
    f.text = jdump(nb_doc(cells), indent=1)


def b_nb_scratch():
    f = new("notebooks/scratch/voice_and_search.ipynb")
    cells = [
        code(["import requests",
              "headers = {'xi-api-key': '%s'}" % f.s(elevenlabs_key(), "elevenlabs"),
              "r = requests.get('https://api.elevenlabs.io/v1/voices', headers=headers)",
              "r.status_code"], outputs=[result("200", 1)], n=1),
        code(["PPLX = '%s'" % f.s(perplexity_key(), "perplexity"),
              "r = requests.post('https://api.perplexity.ai/chat/completions', headers={'Authorization': f'Bearer {PPLX}'}, json={'model': 'sonar', 'messages': [{'role': 'user', 'content': 'hi'}]})",
              "r.json()['id']"], outputs=[result("'%s'" % uuid4(), 2)], n=2),
        code(["!curl -s https://api.mistral.ai/v1/models -H 'Authorization: Bearer %s' | head -c 200" % f.s(mistral_key(), "mistral")],
             outputs=[stream('{"object":"list","data":[{"id":"mistral-large-latest","object":"model"')], n=3),
        code(["import hashlib", "hashlib.sha256(b'corpus-v3').hexdigest()"], outputs=[result("'%s'" % sha256hex(), 4)], n=4),
    ]
    f.text = jdump(nb_doc(cells), indent=1)


# ======================================================== chat transcripts
def b_chat_json_openai():
    f = new("transcripts/chatgpt/conversation_openai_setup.json")
    k = openai_key("proj")
    msgs = [
        {"role": "user", "content": "My python script keeps failing with 401. Here's what I run:\n\nexport OPENAI_API_KEY=%s\npython app.py" % f.s(k, "openai")},
        {"role": "assistant", "content": "A 401 means the key was rejected. I can see you exported a key starting with `sk-proj-%s...`. Please revoke it now since you shared it here, then create a new one and load it with `os.environ[\"OPENAI_API_KEY\"]`." % k[8:12]},
        {"role": "user", "content": "ok rotated. also the org header, is it `OpenAI-Organization: org-%s`?" % rs(24)},
        {"role": "assistant", "content": "Yes, that header format is right. Organization IDs are not secret."},
        {"role": "user", "content": "and for anthropic I used this, works fine: client = Anthropic(api_key=\"%s\")" % f.s(anthropic_key(), "anthropic")},
        {"role": "assistant", "content": "Same advice: never hardcode it. Use `Anthropic()` with ANTHROPIC_API_KEY set in the environment, e.g. `export ANTHROPIC_API_KEY=<your key>`."},
    ]
    f.text = jdump({"id": uuid4(), "title": "401 from OpenAI", "model": "gpt-4o", "create_time": 1716301123.52,
                    "messages": msgs})


def b_chat_json_claude():
    f = new("transcripts/claude/export_billing_debug.json")
    hook = stripe_key("whsec_")
    conv = [{
        "uuid": uuid4(), "name": "Stripe webhook signature fails", "created_at": "2024-06-03T09:12:44Z",
        "chat_messages": [
            {"uuid": uuid4(), "sender": "human", "text": "Signature verification fails. endpoint secret is %s and I'm on express" % f.s(hook, "stripe")},
            {"uuid": uuid4(), "sender": "assistant", "text": "Make sure you pass the raw body. With your secret it would be:\n\nstripe.webhooks.constructEvent(req.body, sig, '%s')\n\nBetter to read it from process.env.STRIPE_WEBHOOK_SECRET." % f.s(hook, "stripe")},
            {"uuid": uuid4(), "sender": "human", "text": "here is the full error, includes my restricted key by accident: StripeAuthenticationError: Invalid API Key provided: %s" % f.s(stripe_key("rk_live_"), "stripe")},
            {"uuid": uuid4(), "sender": "assistant", "text": "Stripe masks keys in errors like `rk_live_********%s`; since yours printed in full, roll it in the dashboard." % rs(4)},
            {"uuid": uuid4(), "sender": "human", "text": "db too: DATABASE_URL=%s" % f.s(db_url("postgres", db="billing"), "postgres")},
            {"uuid": uuid4(), "sender": "assistant", "text": "Thanks. The connection string format is fine (postgresql://USER:PASSWORD@HOST:5432/DB)."},
        ]}]
    f.text = jdump(conv)


def b_chat_json_k8s():
    f = new("transcripts/chat_k8s_debug.json")
    pw, b = b64_pair(password)
    msgs = [
        {"role": "system", "content": "You are a helpful DevOps assistant."},
        {"role": "user", "content": "kubectl get secret db-creds -o yaml gives me password: %s - how do I see the real value?" % f.s(b, "generic")},
        {"role": "assistant", "content": "Decode it with `kubectl get secret db-creds -o jsonpath='{.data.password}' | base64 -d`. Your value decodes to `%s`, so treat it as exposed." % f.s(pw, "generic")},
        {"role": "user", "content": "also grafana says unauthorized with token %s" % f.s(grafana_sa(), "grafana")},
        {"role": "assistant", "content": "Service account tokens start with `glsa_`. Check that the SA has the Editor role and that the token has not expired."},
        {"role": "user", "content": "base64 of my username is %s if that matters" % b64s("platform-admin")},
        {"role": "assistant", "content": "It decodes to `platform-admin`; usernames are not secret."},
    ]
    f.text = jdump({"conversation_id": uuid4(), "messages": msgs})


def jl(objs):
    return "\n".join(json.dumps(o, ensure_ascii=False) for o in objs)


def b_chat_jsonl_session_a():
    f = new("transcripts/claude-code/session_7f3a.jsonl")
    sid = uuid4()
    dop = do_token()
    rows = [
        {"type": "user", "sessionId": sid, "timestamp": "2024-07-11T10:02:11Z",
         "message": {"role": "user", "content": "deploy the droplet script, token is %s" % f.s(dop, "digitalocean")}},
        {"type": "assistant", "sessionId": sid, "timestamp": "2024-07-11T10:02:15Z",
         "message": {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_01" + rs(22), "name": "Bash",
                                                         "input": {"command": "DIGITALOCEAN_TOKEN=%s doctl compute droplet list" % f.s(dop, "digitalocean")}}]}},
        {"type": "user", "sessionId": sid, "timestamp": "2024-07-11T10:02:18Z",
         "message": {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01" + rs(22),
                                                   "content": "ID          Name       Public IPv4\n%s   web-01     203.0.113.24" % rs(9, DIG)}]}},
        {"type": "assistant", "sessionId": sid, "timestamp": "2024-07-11T10:02:25Z",
         "message": {"role": "assistant", "content": [{"type": "text", "text": "One droplet found. I'd suggest storing the token with `doctl auth init` rather than inline."}]}},
        {"type": "user", "sessionId": sid, "timestamp": "2024-07-11T10:05:40Z",
         "message": {"role": "user", "content": "now push the image, docker hub PAT: %s" % f.s(docker_pat(), "dockerhub")}},
        {"type": "assistant", "sessionId": sid, "timestamp": "2024-07-11T10:05:44Z",
         "message": {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_01" + rs(22), "name": "Bash",
                                                         "input": {"command": "echo \"$DOCKERHUB_TOKEN\" | docker login -u northwindci --password-stdin"}}]}},
        {"type": "user", "sessionId": sid, "timestamp": "2024-07-11T10:06:02Z",
         "message": {"role": "user", "content": "this one's from the old CI, does it still work? %s" % f.look(npm_lookalike(), "npm")}},
        {"type": "assistant", "sessionId": sid, "timestamp": "2024-07-11T10:06:09Z",
         "message": {"role": "assistant", "content": [{"type": "text", "text": "That string fails npm's checksum, so it was probably truncated or mistyped."}]}},
    ]
    f.text = jl(rows)


def b_chat_jsonl_session_b():
    f = new("transcripts/claude-code/session_c19d.jsonl")
    sid = uuid4()
    rows = [
        {"type": "user", "sessionId": sid, "message": {"role": "user", "content": "read .env and tell me what's missing for vercel deploy"}},
        {"type": "assistant", "sessionId": sid, "message": {"role": "assistant", "content": [
            {"type": "tool_use", "id": "toolu_01" + rs(22), "name": "Read", "input": {"file_path": "/home/dev/app/.env"}}]}},
        {"type": "user", "sessionId": sid, "message": {"role": "user", "content": [
            {"type": "tool_result", "tool_use_id": "toolu_01" + rs(22), "content": "     1\tVERCEL_TOKEN=%s" % f.s(vercel_token(), "vercel")}]}},
        {"type": "user", "sessionId": sid, "message": {"role": "user", "content": [
            {"type": "tool_result", "tool_use_id": "toolu_01" + rs(22), "content": "     2\tVERCEL_ORG_ID=team_%s" % rs(24)}]}},
        {"type": "user", "sessionId": sid, "message": {"role": "user", "content": [
            {"type": "tool_result", "tool_use_id": "toolu_01" + rs(22), "content": "     3\tNETLIFY_AUTH_TOKEN=%s" % f.s(netlify_token(), "netlify")}]}},
        {"type": "assistant", "sessionId": sid, "message": {"role": "assistant", "content": [
            {"type": "text", "text": "VERCEL_PROJECT_ID is missing. Set it with `vercel link`; your token should live in the Vercel dashboard env settings, referenced as ${VERCEL_TOKEN}."}]}},
        {"type": "user", "sessionId": sid, "message": {"role": "user", "content": "ok and supabase cli wants SUPABASE_ACCESS_TOKEN=%s right?" % f.s(supabase_pat(), "supabase")}},
        {"type": "assistant", "sessionId": sid, "message": {"role": "assistant", "content": [
            {"type": "text", "text": "Yes, `supabase login --token $SUPABASE_ACCESS_TOKEN` accepts the `sbp_` personal token."}]}},
    ]
    f.text = jl(rows)


def b_chat_jsonl_assistant_log():
    f = new("transcripts/assistant_log.jsonl")
    hfk = hf_token()
    rows = [
        {"ts": 1718000001, "role": "user", "text": "why does `huggingface-cli login --token %s` say invalid?" % f.s(hfk, "huggingface")},
        {"ts": 1718000004, "role": "assistant", "text": "The token `%s` looks well-formed; check it has read access to gated repos." % f.s(hfk, "huggingface")},
        {"ts": 1718000010, "role": "user", "text": "and my gitlab clone: git clone https://oauth2:%s@gitlab.com/northwind/platform.git" % f.s(gitlab_pat(), "gitlab")},
        {"ts": 1718000013, "role": "assistant", "text": "Use a credential helper instead: `git config --global credential.helper store` and clone https://gitlab.com/northwind/platform.git"},
        {"ts": 1718000020, "role": "user", "text": "my teammate sent this github token, it gets 401: %s" % f.look(gh_lookalike("gho_"), "github")},
        {"ts": 1718000024, "role": "assistant", "text": "The last 6 characters are a CRC32 checksum and it doesn't match, so it was mangled in copy/paste."},
        {"ts": 1718000030, "role": "user", "text": "pypi upload: twine upload -u __token__ -p %s dist/*" % f.s(pypi_token(), "pypi")},
        {"ts": 1718000035, "role": "assistant", "text": "Put it in ~/.pypirc under [pypi] with username = __token__ and password = <token> so it is not in shell history."},
        {"ts": 1718000041, "role": "user", "text": "commit %s broke the build, version 2.4.1-rc.3" % git_sha()},
    ]
    f.text = jl(rows)


def b_chat_md_stripe():
    f = new("transcripts/md/fix-stripe-webhooks.md")
    sk = stripe_key("sk_live_")
    f.add("# Conversation: Stripe webhooks returning 400",
          "",
          "**User:**",
          "",
          "Here's my env, webhooks fail in prod:",
          "",
          "```env",
          "STRIPE_SECRET_KEY=%s" % f.s(sk, "stripe"),
          "STRIPE_WEBHOOK_SECRET=%s" % f.s(stripe_key("whsec_"), "stripe"),
          "STRIPE_PUBLISHABLE_KEY=pk_live_51%s" % rs(97),
          "```",
          "",
          "**Assistant:**",
          "",
          "Your webhook secret must match the endpoint in the dashboard. Also, you just posted a live secret key:",
          "",
          "> STRIPE_SECRET_KEY=%s" % f.s(sk, "stripe"),
          "",
          "Roll it immediately. Then configure it like this:",
          "",
          "```bash",
          "export STRIPE_SECRET_KEY=sk_live_...",
          "stripe listen --forward-to localhost:4242/webhook",
          "```",
          "",
          "**User:**",
          "",
          "done. also slack alerts stopped, webhook is %s" % f.s(slack_webhook(), "slack"),
          "",
          "**Assistant:**",
          "",
          "Slack returns `invalid_token` when the app was uninstalled. Reinstall and update `SLACK_WEBHOOK_URL` (keep it in `{{ secrets.SLACK_WEBHOOK_URL }}` in CI).")


def b_chat_md_deploy():
    f = new("transcripts/md/deploy-help.md")
    f.add("## User",
          "",
          "curl to our API keeps returning 403:",
          "",
          "```",
          "curl -X POST https://api.northwind.io/v1/jobs \\",
          "  -H 'Authorization: Bearer %s' \\" % f.s(jwt_token(), "jwt"),
          "  -d '{\"name\":\"reindex\"}'",
          "```",
          "",
          "## Assistant",
          "",
          "The JWT in your header has `scope: read write` but the jobs endpoint needs `jobs:admin`. Decode it at jwt.io (locally!) and compare.",
          "",
          "## User",
          "",
          "here is the heroku side too",
          "",
          "```bash",
          "heroku config:set HEROKU_API_KEY=%s -a nw-jobs" % f.s(heroku_key(new=False), "heroku"),
          "heroku config:set REDIS_URL=%s -a nw-jobs" % f.s(db_url("redis"), "redis"),
          "heroku config:get DATABASE_URL -a nw-jobs",
          "```",
          "",
          "## Assistant",
          "",
          "Looks right. Note `heroku config:get` prints secrets, so avoid running it in shared terminals. Request ID for support: %s." % uuid4())


def b_chat_md_env_review():
    f = new("transcripts/md/env-review.md")
    f.add("### user",
          "can you review my .env for the agent service? pasting it:",
          "",
          "```",
          "OPENROUTER_API_KEY=%s" % f.s(openrouter_key(), "openrouter"),
          "FIREWORKS_API_KEY=%s" % f.s(fireworks_key(), "fireworks"),
          "COHERE_API_KEY=%s" % f.s(cohere_key(), "cohere"),
          "ELEVENLABS_API_KEY=%s" % f.s(elevenlabs_key(), "elevenlabs"),
          "LINEAR_API_KEY=%s" % f.s(linear_key(), "linear"),
          "SENTRY_AUTH_TOKEN=%s" % f.s(sentry_org_token(), "sentry"),
          "MAX_TOKENS=4096",
          "```",
          "",
          "### assistant",
          "Structure looks fine. A few notes:",
          "",
          "- `OPENROUTER_API_KEY` should be loaded via `process.env.OPENROUTER_API_KEY`, never committed.",
          "- For Sentry, an org token (`sntrys_...`) is preferred over a user token.",
          "- Replace the values with placeholders like `<OPENROUTER_KEY>` before sharing the file again.",
          "",
          "### user",
          "thanks. old teammate's token from the wiki, is it still a thing? `%s`" % f.look(gh_lookalike("ghu_"), "github"),
          "",
          "### assistant",
          "That one has an invalid checksum, so GitHub would reject it outright.")


def b_chat_md_mcp():
    f = new("transcripts/md/mcp-setup.md")
    f.add("# Setting up MCP servers in Claude Desktop",
          "",
          "> **User:** my claude_desktop_config.json isn't loading the notion server:",
          "",
          "```json",
          "{",
          '  "mcpServers": {',
          '    "notion": {',
          '      "command": "npx",',
          '      "args": ["-y", "@notionhq/notion-mcp-server"],',
          '      "env": {',
          '        "OPENAPI_MCP_HEADERS": "{\\"Authorization\\": \\"Bearer %s\\", \\"Notion-Version\\": \\"2022-06-28\\"}"' % f.s(notion_token(), "notion"),
          "      }",
          "    },",
          '    "atlassian": {',
          '      "command": "uvx",',
          '      "args": ["mcp-atlassian", "--jira-url=https://northwind.atlassian.net", "--jira-username=ops@northwind.io", "--jira-token=%s"]' % f.s(atlassian_token(), "atlassian"),
          "    }",
          "  }",
          "}",
          "```",
          "",
          "> **Assistant:** The JSON is valid. Restart Claude Desktop fully (quit from the tray). For safety, reference tokens through env vars, e.g. `\"NOTION_TOKEN\": \"${NOTION_TOKEN}\"` if your launcher expands them.",
          "",
          "> **User:** ok and the postman one?",
          "",
          "```bash",
          "claude mcp add postman -e POSTMAN_API_KEY=%s -- npx -y @postman/postman-mcp-server" % f.s(postman_key(), "postman"),
          "```",
          "",
          "> **Assistant:** That works. The key is stored in `~/.claude.json` in plain text, so prefer `-e POSTMAN_API_KEY=$POSTMAN_API_KEY`.")


# ======================================================== agent / MCP configs
def b_mcp_claude_desktop():
    f = new("agent-configs/Claude/claude_desktop_config.json")
    obj = {"mcpServers": {
        "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                   "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": f.s(gh_token("ghp_"), "github")}},
        "postgres": {"command": "npx",
                     "args": ["-y", "@modelcontextprotocol/server-postgres",
                              f.s(db_url("postgres", db="analytics"), "postgres")]},
        "slack": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-slack"],
                  "env": {"SLACK_BOT_TOKEN": f.s(slack_bot(), "slack"), "SLACK_TEAM_ID": "T" + rs(10, UP + DIG)}},
        "tavily": {"command": "npx", "args": ["-y", "tavily-mcp@0.1.4"],
                   "env": {"TAVILY_API_KEY": f.s(tavily_key(), "tavily")}},
        "filesystem": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/dana/Projects"]},
        "elevenlabs": {"command": "uvx", "args": ["elevenlabs-mcp"],
                       "env": {"ELEVENLABS_API_KEY": f.s(elevenlabs_key(), "elevenlabs")}},
    }}
    f.text = jdump(obj)


def b_mcp_cursor():
    f = new(".cursor/mcp.json")
    obj = {"mcpServers": {
        "linear": {"url": "https://mcp.linear.app/sse",
                   "headers": {"Authorization": "Bearer " + f.s(linear_key(), "linear")}},
        "supabase": {"command": "npx",
                     "args": ["-y", "@supabase/mcp-server-supabase@latest", "--read-only",
                              "--access-token", f.s(supabase_pat(), "supabase")]},
        "firecrawl": {"command": "npx", "args": ["-y", "firecrawl-mcp"], "env": {"FIRECRAWL_API_KEY": "${FIRECRAWL_API_KEY}"}},
        "stripe": {"command": "npx",
                   "args": ["-y", "@stripe/mcp", "--tools=all", "--api-key=" + f.s(stripe_key("rk_live_"), "stripe")]},
        "sentry": {"command": "npx", "args": ["-y", "@sentry/mcp-server"],
                   "env": {"SENTRY_ACCESS_TOKEN": f.s(sentry_user_token(), "sentry"), "SENTRY_HOST": "sentry.io"}},
    }}
    f.text = jdump(obj)


def b_mcp_vscode():
    f = new(".vscode/mcp.json")
    obj = {"inputs": [{"type": "promptString", "id": "perplexity-key", "description": "Perplexity API Key", "password": True}],
           "servers": {
               "perplexity": {"type": "stdio", "command": "npx", "args": ["-y", "server-perplexity-ask"],
                              "env": {"PERPLEXITY_API_KEY": "${input:perplexity-key}"}},
               "github": {"type": "http", "url": "https://api.githubcopilot.com/mcp/",
                          "headers": {"Authorization": "Bearer " + f.s(gh_token("gho_"), "github")}},
               "grafana": {"type": "stdio", "command": "mcp-grafana", "args": ["-t", "stdio"],
                           "env": {"GRAFANA_URL": "https://northwind.grafana.net",
                                   "GRAFANA_SERVICE_ACCOUNT_TOKEN": f.s(grafana_sa(), "grafana")}},
               "datadog": {"type": "stdio", "command": "npx", "args": ["-y", "@winor30/mcp-server-datadog"],
                           "env": {"DATADOG_API_KEY": f.s(hexkey(32), "datadog"), "DATADOG_APP_KEY": f.s(hexkey(40), "datadog"),
                                   "DATADOG_SITE": "datadoghq.eu"}},
           }}
    f.text = jdump(obj)


def b_mcp_project():
    f = new(".mcp.json")
    obj = {"mcpServers": {
        "notion": {"type": "http", "url": "https://mcp.notion.com/mcp"},
        "pinecone": {"command": "npx", "args": ["-y", "@pinecone-database/mcp"],
                     "env": {"PINECONE_API_KEY": f.s(pinecone_key(), "pinecone")}},
        "hf": {"type": "http", "url": "https://huggingface.co/mcp",
               "headers": {"Authorization": "Bearer " + f.s(hf_token(), "huggingface")}},
        "context7": {"command": "npx", "args": ["-y", "@upstash/context7-mcp"], "env": {"DEFAULT_MINIMUM_TOKENS": "10000"}},
        "openai-docs": {"command": "uvx", "args": ["openai-docs-mcp"], "env": {"OPENAI_API_KEY": "${OPENAI_API_KEY}"}},
        "cloudflare": {"command": "npx", "args": ["mcp-remote", "https://bindings.mcp.cloudflare.com/sse",
                                                  "--header", "Authorization: Bearer " + f.s(cloudflare_token(), "cloudflare")]},
    }}
    f.text = jdump(obj)


def b_claude_settings():
    f = new(".claude/settings.json")
    obj = {"$schema": "https://json.schemastore.org/claude-code-settings.json",
           "model": "claude-sonnet-4-5",
           "env": {"ANTHROPIC_API_KEY": f.s(anthropic_key(), "anthropic"),
                   "CLAUDE_CODE_ENABLE_TELEMETRY": "0",
                   "AWS_BEARER_TOKEN_BEDROCK": f.s(bedrock_key(), "aws"),
                   "DISABLE_AUTOUPDATER": "1"},
           "permissions": {"allow": ["Bash(npm run lint)", "Bash(npm run test:*)", "Read(~/.zshrc)"],
                           "deny": ["Read(./.env)", "Read(./secrets/**)"]},
           "apiKeyHelper": "~/bin/get-anthropic-key.sh"}
    f.text = jdump(obj)


def b_claude_settings_local():
    f = new(".claude/settings.local.json")
    obj = {"permissions": {"allow": [
        "Bash(git push:*)",
        "Bash(curl -H \"Authorization: Bearer %s\" https://api.vercel.com/v9/projects)" % f.s(vercel_token(), "vercel"),
        "Bash(GH_TOKEN=%s gh pr list)" % f.s(gh_token("ghp_"), "github"),
        "WebFetch(domain:docs.anthropic.com)"]},
        "enableAllProjectMcpServers": True}
    f.text = jdump(obj)


def b_codex_config():
    f = new(".codex/config.toml")
    f.add('model = "gpt-5-codex"',
          'model_provider = "azure"',
          'approval_policy = "on-request"',
          "",
          "[model_providers.azure]",
          'name = "Azure"',
          'base_url = "https://nw-openai-eus2.openai.azure.com/openai"',
          'env_key = "AZURE_OPENAI_API_KEY"',
          'query_params = { api-version = "2025-04-01-preview" }',
          "",
          "[mcp_servers.github]",
          'command = "docker"',
          'args = ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"]',
          'env = { "GITHUB_PERSONAL_ACCESS_TOKEN" = "%s" }' % f.s(github_pat(), "github"),
          "",
          "[mcp_servers.brightdata]",
          'command = "npx"',
          'args = ["-y", "@brightdata/mcp"]',
          "",
          "[mcp_servers.openrouter]",
          'command = "uvx"',
          'args = ["openrouter-mcp", "--api-key", "%s"]' % f.s(openrouter_key(), "openrouter"),
          "",
          "[mcp_servers.xai.env]",
          'XAI_API_KEY = "%s"' % f.s(xai_key(), "xai"))


def b_windsurf():
    f = new("agent-configs/windsurf/mcp_config.json")
    obj = {"mcpServers": {
        "gitlab": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-gitlab"],
                   "env": {"GITLAB_PERSONAL_ACCESS_TOKEN": f.s(gitlab_pat(), "gitlab"), "GITLAB_API_URL": "https://gitlab.com/api/v4"}},
        "mongodb": {"command": "npx", "args": ["-y", "mongodb-mcp-server", "--connectionString",
                                               f.s(db_url("mongodb", db="events"), "mongodb")]},
        "groq": {"command": "uvx", "args": ["groq-mcp", "--api-key=" + f.s(groq_key(), "groq")]},
    }}
    f.text = jdump(obj)


# ======================================================== Kubernetes / Helm
def b_k8s_secret_stringdata():
    f = new("k8s/secrets/app-secrets.yaml")
    f.add("apiVersion: v1",
          "kind: Secret",
          "metadata:",
          "  name: api-secrets",
          "  namespace: prod",
          "  labels:",
          "    app.kubernetes.io/name: api",
          "type: Opaque",
          "stringData:",
          "  OPENAI_API_KEY: %s" % f.s(openai_key("proj"), "openai"),
          "  ANTHROPIC_API_KEY: %s" % f.s(anthropic_key(), "anthropic"),
          "  SENDGRID_API_KEY: %s" % f.s(sendgrid_key(), "sendgrid"),
          "  DATABASE_URL: %s" % f.s(db_url("postgres", host="pg-primary.prod.svc.cluster.local", db="api"), "postgres"),
          "  SESSION_SECRET: \"%s\"" % f.s(password(40), "generic"),
          "  LOG_FORMAT: json",
          "---",
          "apiVersion: v1",
          "kind: Secret",
          "metadata:",
          "  name: tls-bundle",
          "  namespace: prod",
          "type: kubernetes.io/tls",
          "stringData:",
          "  tls.crt: |")
    for l in cert_pem().split("\n"):
        f.add("    " + l)
    f.add("  tls.key: |")
    key = f.pem(pem_key("pkcs8"))
    for l in key.split("\n"):
        f.add("    " + l)


def b_k8s_secret_data():
    f = new("k8s/secrets/registry-and-db.yaml")
    gh = gh_token("ghp_")
    dockercfg = json.dumps({"auths": {"ghcr.io": {"username": "nw-bot", "password": gh,
                                                  "auth": b64s("nw-bot:" + gh)}}})
    while not ok(b64s(dockercfg)):
        gh = gh_token("ghp_")
        dockercfg = json.dumps({"auths": {"ghcr.io": {"username": "nw-bot", "password": gh, "auth": b64s("nw-bot:" + gh)}}})
    pw, pw_b = b64_pair(url_password)
    tok, tok_b = b64_pair(databricks_token)
    sl, sl_b = b64_pair(slack_bot)
    f.add("apiVersion: v1",
          "kind: Secret",
          "metadata:",
          "  name: ghcr-pull",
          "  namespace: prod",
          "type: kubernetes.io/dockerconfigjson",
          "data:",
          "  .dockerconfigjson: %s" % f.s(b64s(dockercfg), "github"),
          "---",
          "apiVersion: v1",
          "kind: Secret",
          "metadata:",
          "  name: db-creds",
          "  namespace: prod",
          "type: Opaque",
          "data:",
          "  username: %s" % b64s("orders_app"),
          "  password: %s" % f.s(pw_b, "generic"),
          "  host: %s" % b64s("orders-db.cluster-cz3m.us-east-2.rds.amazonaws.com"),
          "---",
          "apiVersion: v1",
          "kind: Secret",
          "metadata:",
          "  name: integrations",
          "  namespace: prod",
          "  annotations:",
          "    kubectl.kubernetes.io/last-applied-configuration: \"\"",
          "data:",
          "  DATABRICKS_TOKEN: %s" % f.s(tok_b, "databricks"),
          "  SLACK_BOT_TOKEN: %s" % f.s(sl_b, "slack"),
          "  REGION: %s" % b64s("us-east-2"),
          "  GREETING: %s" % b64s("Hello from the northwind platform team"))


def b_k8s_deploy_api():
    f = new("k8s/deployments/api.yaml")
    f.add("apiVersion: apps/v1",
          "kind: Deployment",
          "metadata:",
          "  name: api",
          "  namespace: prod",
          "spec:",
          "  replicas: 3",
          "  selector:",
          "    matchLabels: {app: api}",
          "  template:",
          "    metadata:",
          "      labels: {app: api}",
          "      annotations:",
          "        checksum/config: %s" % sha256hex(),
          "    spec:",
          "      containers:",
          "        - name: api",
          "          image: ghcr.io/northwind/api@sha256:%s" % sha256hex(),
          "          env:",
          "            - name: OPENAI_API_KEY",
          "              valueFrom:",
          "                secretKeyRef: {name: api-secrets, key: OPENAI_API_KEY}",
          "            - name: STRIPE_SECRET_KEY",
          "              value: %s" % f.s(stripe_key("sk_live_"), "stripe"),
          "            - name: DD_API_KEY",
          "              value: \"%s\"" % f.s(hexkey(32), "datadog"),
          "            - name: MONGO_URL",
          "              value: %s" % f.s(db_url("mongodb", db="sessions"), "mongodb"),
          "            - name: SENTRY_DSN",
          "              value: https://%s@o%d.ingest.sentry.io/%d" % (rs(32, HEX), R.randrange(10**5, 10**6), R.randrange(10**6, 10**7)),
          "            - name: GOOGLE_OAUTH_CLIENT_ID",
          "              value: %s-%s.apps.googleusercontent.com" % (rs(12, DIG), rs(32, LOW + DIG)),
          "            - name: GOOGLE_OAUTH_CLIENT_SECRET",
          "              value: GOCSPX-%s" % f.s(rs(28, B64URL), "google"),
          "          ports:",
          "            - containerPort: 8080")


def b_k8s_deploy_worker():
    f = new("k8s/deployments/worker.yaml")
    f.add("apiVersion: apps/v1",
          "kind: Deployment",
          "metadata:",
          "  name: worker",
          "spec:",
          "  template:",
          "    spec:",
          "      containers:",
          "        - name: worker",
          "          image: ghcr.io/northwind/worker:2.3.0",
          "          args: [\"--queue\", \"default\", \"--concurrency\", \"8\"]",
          "          env:",
          "            - {name: AMQP_URL, value: \"%s\"}" % f.s(db_url("amqp", db="prod"), "amqp"),
          "            - {name: TELEGRAM_BOT_TOKEN, value: \"%s\"}" % f.s(telegram_token(), "telegram"),
          "            - {name: VAULT_TOKEN, value: \"%s\"}" % f.s(vault_token(), "vault"),
          "            - {name: DOPPLER_TOKEN, value: \"%s\"}" % f.s(doppler_token("st"), "doppler"),
          "            - {name: WORKER_ID, value: \"%s\"}" % uuid4(),
          "            - {name: API_KEY, value: \"${API_KEY}\"}")


def b_k8s_configmap():
    f = new("k8s/configmaps/app-config.yaml")
    f.add("apiVersion: v1",
          "kind: ConfigMap",
          "metadata:",
          "  name: app-config",
          "  namespace: prod",
          "data:",
          "  LOG_LEVEL: info",
          "  API_BASE_URL: https://api.northwind.io",
          "  FEATURE_FLAGS: \"checkout_v2,search_beta\"",
          "  # someone put this here instead of in a Secret",
          "  CACHE_URL: %s" % f.s(db_url("redis"), "redis"),
          "  OTEL_EXPORTER_OTLP_ENDPOINT: http://otel-collector.observability:4317",
          "  PUBLIC_KEY_PEM: |")
    for l in pubkey_pem().split("\n"):
        f.add("    " + l)
    f.add("  application.properties: |",
          "    spring.datasource.url=jdbc:postgresql://pg.internal.northwind.io:5432/orders",
          "    spring.datasource.username=orders",
          "    spring.datasource.password=%s" % f.s(password(), "generic"),
          "    spring.jpa.hibernate.ddl-auto=validate",
          "  RELEASE_SHA: %s" % git_sha())


def b_helm_values():
    f = new("charts/platform/values.yaml")
    f.add("# Default values for platform.",
          "replicaCount: 2",
          "image:",
          "  repository: ghcr.io/northwind/platform",
          "  tag: \"1.19.4\"",
          "  pullPolicy: IfNotPresent",
          "",
          "secrets:",
          "  openaiApiKey: \"\"           # set via --set or external-secrets",
          "  anthropicApiKey: \"{{ .Values.global.anthropicKey }}\"",
          "  adminPassword: changeme",
          "",
          "postgresql:",
          "  auth:",
          "    username: platform",
          "    password: \"%s\"" % f.s(password(), "generic"),
          "    postgresPassword: \"%s\"" % f.s(password(), "generic"),
          "",
          "redis:",
          "  auth:",
          "    password: \"\"",
          "",
          "ingress:",
          "  enabled: true",
          "  hosts: [platform.northwind.io]")


def b_helm_values_prod():
    f = new("charts/platform/values-prod.yaml")
    f.add("global:",
          "  anthropicKey: %s" % f.s(anthropic_key(), "anthropic"),
          "secrets:",
          "  openaiApiKey: %s" % f.s(openai_key("svcacct"), "openai"),
          "  huggingfaceToken: %s" % f.s(hf_token(), "huggingface"),
          "  cohereApiKey: %s  # cohere rerank" % f.s(cohere_key(), "cohere"),
          "  newRelicLicenseKey: %s" % f.s(rs(36, HEX) + "NRAL", "newrelic"),
          "externalSecrets:",
          "  enabled: false",
          "  store: aws-secretsmanager",
          "resources:",
          "  limits: {cpu: \"2\", memory: 4Gi}")


def b_k8s_cronjob():
    f = new("k8s/cronjobs/backup.yaml")
    f.add("apiVersion: batch/v1",
          "kind: CronJob",
          "metadata:",
          "  name: pg-backup",
          "spec:",
          "  schedule: \"17 3 * * *\"",
          "  jobTemplate:",
          "    spec:",
          "      template:",
          "        spec:",
          "          restartPolicy: OnFailure",
          "          containers:",
          "            - name: backup",
          "              image: postgres:16.3-alpine",
          "              command:",
          "                - /bin/sh",
          "                - -c",
          "                - pg_dump \"$DATABASE_URL\" | gzip | aws s3 cp - s3://nw-backups/pg/$(date +%F).sql.gz",
          "              env:",
          "                - name: DATABASE_URL",
          "                  value: %s" % f.s(db_url("postgres", db="core"), "postgres"),
          "                - name: AWS_ACCESS_KEY_ID",
          "                  value: %s" % f.s(aws_akid(), "aws"),
          "                - name: AWS_SECRET_ACCESS_KEY",
          "                  value: %s" % f.s(aws_secret(), "aws"),
          "                - name: AWS_DEFAULT_REGION",
          "                  value: us-east-2")


# ======================================================== lock files
NPM_PKGS = [("react", "18.3.1"), ("react-dom", "18.3.1"), ("next", "14.2.5"), ("zod", "3.23.8"), ("stripe", "16.2.0"),
            ("openai", "4.52.7"), ("@sentry/nextjs", "8.19.0"), ("dotenv", "16.4.5"), ("lodash", "4.17.21"), ("uuid", "10.0.0")]


def b_package_lock():
    f = new("web/package-lock.json")
    pkgs = {"": {"name": "nw-web", "version": "4.12.0", "dependencies": {n: "^" + v for n, v in NPM_PKGS}}}
    for n, v in NPM_PKGS:
        base = n.split("/")[-1]
        pkgs["node_modules/" + n] = {"version": v, "resolved": "https://registry.npmjs.org/%s/-/%s-%s.tgz" % (n, base, v),
                                     "integrity": integrity(), "license": "MIT"}
    pw = url_password()
    pkgs["node_modules/@northwind/ui-kit"] = {
        "version": "2.7.0",
        "resolved": "https://ci-reader:%s@npm.pkg.northwind.io/repository/npm-private/@northwind/ui-kit/-/ui-kit-2.7.0.tgz" % f.s(pw, "generic"),
        "integrity": integrity(), "license": "UNLICENSED"}
    f.text = jdump({"name": "nw-web", "version": "4.12.0", "lockfileVersion": 3, "requires": True, "packages": pkgs})


def b_yarn_lock():
    f = new("web/yarn.lock")
    f.add("# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.", "# yarn lockfile v1", "")
    for n, v in NPM_PKGS:
        base = n.split("/")[-1]
        f.add('"%s@^%s":' % (n, v),
              '  version "%s"' % v,
              '  resolved "https://registry.yarnpkg.com/%s/-/%s-%s.tgz#%s"' % (n, base, v, git_sha()),
              '  integrity %s' % integrity(),
              "")


def b_npmrc():
    f = new("web/.npmrc")
    f.add("@northwind:registry=https://npm.pkg.github.com",
          "//npm.pkg.github.com/:_authToken=%s" % f.s(gh_token("ghp_"), "github"),
          "//registry.npmjs.org/:_authToken=%s" % f.s(npm_token(), "npm"),
          "# CI uses the env var instead:",
          "# //registry.npmjs.org/:_authToken=${NPM_TOKEN}",
          "save-exact=true",
          "engine-strict=true")


def b_poetry_lock():
    f = new("ml/poetry.lock")
    f.add("# This file is automatically @generated by Poetry 1.8.3 and should not be changed by hand.", "")
    for n, v in [("anyio", "4.4.0"), ("certifi", "2024.7.4"), ("httpx", "0.27.0"), ("openai", "1.40.3"), ("pydantic", "2.8.2")]:
        f.add("[[package]]",
              'name = "%s"' % n,
              'version = "%s"' % v,
              'optional = false',
              'python-versions = ">=3.8"',
              "files = [",
              '    {file = "%s-%s-py3-none-any.whl", hash = "sha256:%s"},' % (n, v, sha256hex()),
              '    {file = "%s-%s.tar.gz", hash = "sha256:%s"},' % (n, v, sha256hex()),
              "]",
              "")
    f.add("[metadata]", 'lock-version = "2.0"', 'python-versions = "^3.11"', 'content-hash = "%s"' % sha256hex())


def b_cargo_lock():
    f = new("tools/nwctl/Cargo.lock")
    f.add("# This file is automatically @generated by Cargo.", "# It is not intended for manual editing.", "version = 3", "")
    for n, v in [("anyhow", "1.0.86"), ("clap", "4.5.9"), ("reqwest", "0.12.5"), ("serde", "1.0.204"), ("tokio", "1.38.1")]:
        f.add("[[package]]", 'name = "%s"' % n, 'version = "%s"' % v,
              'source = "registry+https://github.com/rust-lang/crates.io-index"',
              'checksum = "%s"' % sha256hex(), "")
    f.add("[[package]]", 'name = "nwctl"', 'version = "0.4.0"')


def b_go_sum():
    f = new("services/gateway/go.sum")
    for m, v in [("github.com/google/go-github/v62", "v62.0.0"), ("github.com/redis/go-redis/v9", "v9.5.4"),
                 ("github.com/slack-go/slack", "v0.13.1"), ("github.com/jackc/pgx/v5", "v5.6.0"),
                 ("golang.org/x/crypto", "v0.25.0")]:
        f.add("%s %s h1:%s" % (m, v, base64.b64encode(rbytes(32)).decode()),
              "%s %s/go.mod h1:%s" % (m, v, base64.b64encode(rbytes(32)).decode()))


# ======================================================== shell
def b_sh_deploy():
    f = new("scripts/deploy.sh")
    f.add("#!/usr/bin/env bash",
          "set -euo pipefail",
          "",
          ': "${ENVIRONMENT:=staging}"',
          "export CLOUDFLARE_API_TOKEN='%s'" % f.s(cloudflare_token(), "cloudflare"),
          "export CF_ZONE_ID=%s" % rs(32, HEX),
          "",
          "# purge cache after deploy",
          'curl -sX POST "https://api.cloudflare.com/client/v4/zones/$CF_ZONE_ID/purge_cache" \\',
          '  -H "Authorization: Bearer $CLOUDFLARE_API_TOKEN" --data \'{"purge_everything":true}\'',
          "",
          "# legacy global key, still used by the DNS script",
          "CF_API_EMAIL=ops@northwind.io",
          "CF_API_KEY=%s" % f.s(hexkey(37), "cloudflare"),
          "",
          "docker login -u northwindci -p '%s'" % f.s(docker_pat(), "dockerhub"),
          "docker push ghcr.io/northwind/api:${GIT_SHA:-latest}",
          "",
          'curl -fsS -H "Authorization: Bearer %s" https://api.netlify.com/api/v1/sites' % f.s(netlify_token(), "netlify"),
          'curl -fsS -H "X-Vault-Token: ${VAULT_TOKEN}" https://vault.internal.northwind.io:8200/v1/secret/data/app')


def b_sh_bootstrap():
    f = new("scripts/bootstrap-dev.sh")
    f.add("#!/bin/sh",
          "# one-shot dev bootstrap",
          "cat > ~/.config/nw/credentials <<EOF",
          "[default]",
          "api_token = %s" % f.s(jwt_token(), "jwt"),
          "EOF",
          "",
          "export DOPPLER_TOKEN=%s" % f.s(doppler_token("pt"), "doppler"),
          "doppler setup --project api --config dev --no-interactive",
          "export HEROKU_API_KEY=%s" % f.s(heroku_key(new=True), "heroku"),
          "export PGPASSWORD='%s'" % f.s(password(), "generic"),
          'psql -h localhost -U postgres -c "create database nw_dev"',
          "export OPENAI_API_KEY=\"$(op read 'op://dev/openai/credential')\"",
          "pip install -r requirements.txt --index-url https://pypi.org/simple")


def b_sh_release():
    f = new("scripts/release.sh")
    f.add("#!/usr/bin/env bash",
          "set -e",
          "# Token below was revoked; kept so the docs screenshot matches. It no longer validates.",
          "# export GH_TOKEN=%s" % f.look(gh_lookalike("gho_"), "github"),
          'export GH_TOKEN="${GH_TOKEN:?set GH_TOKEN}"',
          'VERSION="$(git describe --tags --abbrev=0)"',
          'gh release create "$VERSION" dist/*.tar.gz --notes-file CHANGELOG.md',
          "NPM_TOKEN_LEGACY=%s  # pre-2023 format checksum mismatch, see SEC-88" % f.look(npm_lookalike(), "npm"),
          "npm publish --access public")


def b_bash_history():
    f = new("home/dev/.bash_history")
    f.add("ls -la",
          "cd ~/src/northwind",
          "export OPENAI_API_KEY=%s" % f.s(openai_key("proj"), "openai"),
          "python scripts/eval.py --model gpt-4o",
          "aws configure set aws_access_key_id %s" % f.s(aws_akid(), "aws"),
          "aws configure set aws_secret_access_key %s" % f.s(aws_secret(), "aws"),
          "aws s3 ls s3://nw-exports-prod",
          "git log --oneline -5",
          "git checkout %s" % git_sha()[:12],
          "curl -H 'Authorization: Bearer %s' https://api.github.com/user" % f.s(gh_token("ghp_"), "github"),
          "psql '%s'" % f.s(db_url("postgres", db="core"), "postgres"),
          "mysql -h mysql-legacy.internal -u legacy_ro -p'%s' orders" % f.s(password(), "mysql"),
          "redis-cli -u %s ping" % f.s(db_url("redis"), "redis"),
          "kubectl -n prod get secret api-secrets -o yaml",
          "echo $ANTHROPIC_API_KEY",
          "export XAI_API_KEY=%s" % f.s(xai_key(), "xai"),
          "history | grep KEY")


def b_zsh_history():
    f = new("home/dev/.zsh_history")
    ts = 1717000000
    cmds = [
        "brew upgrade",
        "export GROQ_API_KEY=%s" % f.s(groq_key(), "groq"),
        "npm login --registry https://registry.npmjs.org",
        "npm config set //registry.npmjs.org/:_authToken %s" % f.s(npm_token(), "npm"),
        "gh auth login --with-token <<< %s" % f.s(gh_token("gho_"), "github"),
        "curl https://api.replicate.com/v1/models -H 'Authorization: Bearer %s'" % f.s(replicate_token(), "replicate"),
        "curl -u api:%s https://api.mailgun.net/v3/domains" % f.s(mailgun_key(), "mailgun"),
        "curl -X POST https://api.telegram.org/bot%s/getMe" % f.s(telegram_token(), "telegram"),
        "vault login %s" % f.s(vault_token(), "vault"),
        "export SHOPIFY_ACCESS_TOKEN=%s" % f.s(shopify_token("shpat_"), "shopify"),
        "docker compose up -d",
        "uuidgen  # %s" % uuid4(),
        "curl -H 'Authorization: Bearer %s' https://api.linear.app/graphql -d '{\"query\":\"{ viewer { id } }\"}'" % f.s(linear_key(), "linear"),
        "kubectl config use-context prod-eu",
    ]
    for c in cmds:
        ts += R.randint(5, 900)
        f.add(": %d:0;%s" % (ts, c))


# ======================================================== Docker
def b_dockerfile():
    f = new("Dockerfile")
    f.add("# syntax=docker/dockerfile:1.7",
          "FROM node:20.15-alpine AS build",
          "WORKDIR /app",
          "COPY package.json package-lock.json .npmrc ./",
          "RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci",
          "COPY . .",
          "ARG SENTRY_AUTH_TOKEN",
          "RUN npm run build",
          "",
          "FROM node:20.15-alpine",
          "WORKDIR /app",
          "ENV NODE_ENV=production \\",
          "    PORT=8080",
          "ENV OPENAI_API_KEY=%s" % f.s(openai_key("proj"), "openai"),
          "ENV SENTRY_AUTH_TOKEN=%s" % f.s(sentry_org_token(), "sentry"),
          "ENV API_KEY=${API_KEY}",
          "COPY --from=build /app/.next ./.next",
          "EXPOSE 8080",
          'CMD ["node", "server.js"]')


def b_dockerfile_worker():
    f = new("services/worker/Dockerfile")
    f.add("FROM python:3.12-slim",
          "WORKDIR /srv",
          "ARG PIP_INDEX_URL=https://deploy:%s@pypi.internal.northwind.io/simple" % f.s(url_password(), "generic"),
          "RUN pip install --no-cache-dir -r requirements.txt",
          "ENV HUGGING_FACE_HUB_TOKEN=%s" % f.s(hf_token(), "huggingface"),
          "ENV PINECONE_API_KEY=%s" % f.s(pinecone_key(), "pinecone"),
          "ENV PYTHONUNBUFFERED=1",
          "LABEL org.opencontainers.image.revision=%s" % git_sha(),
          'ENTRYPOINT ["python", "-m", "worker"]')


def b_compose():
    f = new("docker-compose.yml")
    pg = password()
    f.add("services:",
          "  db:",
          "    image: postgres:16",
          "    environment:",
          "      POSTGRES_USER: northwind",
          "      POSTGRES_PASSWORD: \"%s\"" % f.s(pg, "generic"),
          "      POSTGRES_DB: northwind",
          "    volumes: [pgdata:/var/lib/postgresql/data]",
          "  rabbit:",
          "    image: rabbitmq:3.13-management",
          "    environment:",
          "      - RABBITMQ_DEFAULT_USER=nw",
          "      - RABBITMQ_DEFAULT_PASS=%s" % f.s(url_password(), "generic"),
          "  api:",
          "    build: .",
          "    env_file: .env",
          "    environment:",
          "      DATABASE_URL: postgres://northwind:${POSTGRES_PASSWORD}@db:5432/northwind",
          "      AMQP_URL: %s" % f.s(db_url("amqp", host="rabbit:5672", db="%2F"), "amqp"),
          "      OPENAI_API_KEY: ${OPENAI_API_KEY}",
          "      PERPLEXITY_API_KEY: %s" % f.s(perplexity_key(), "perplexity"),
          "      LANGSMITH_API_KEY: %s" % f.s(langsmith_key("pt"), "langsmith"),
          "    depends_on: [db, rabbit]",
          "volumes:",
          "  pgdata: {}")


def b_compose_override():
    f = new("docker-compose.override.yml")
    f.add("services:",
          "  grafana:",
          "    image: grafana/grafana:11.1.0",
          "    environment:",
          "      GF_SECURITY_ADMIN_PASSWORD: \"%s\"" % f.s(password(), "generic"),
          "      GF_SERVER_ROOT_URL: http://localhost:3001",
          "  mongo:",
          "    image: mongo:7",
          "    environment:",
          "      MONGO_INITDB_ROOT_USERNAME: root",
          "      MONGO_INITDB_ROOT_PASSWORD: redacted",
          "  api:",
          "    environment:",
          "      MONGO_URL: %s" % f.s(db_url("mongodb", db="dev"), "mongodb"),
          "      DISCORD_BOT_TOKEN: %s" % f.s(discord_bot(), "discord"))


# ======================================================== CI
def b_gha_deploy():
    f = new(".github/workflows/deploy.yml")
    f.add("name: deploy",
          "on:",
          "  push:",
          "    branches: [main]",
          "permissions:",
          "  contents: read",
          "  id-token: write",
          "env:",
          "  REGISTRY: ghcr.io",
          "  NODE_VERSION: 20.15.0",
          "jobs:",
          "  deploy:",
          "    runs-on: ubuntu-latest",
          "    steps:",
          "      - uses: actions/checkout@%s # v4.1.7" % git_sha(),
          "      - uses: aws-actions/configure-aws-credentials@v4",
          "        with:",
          "          role-to-assume: arn:aws:iam::%s:role/gha-deploy" % rs(12, DIG),
          "          aws-region: eu-west-1",
          "      - name: Login to Docker Hub",
          "        uses: docker/login-action@v3",
          "        with:",
          "          username: northwindci",
          "          password: ${{ secrets.DOCKERHUB_TOKEN }}",
          "      - name: Deploy to Vercel",
          "        run: npx vercel deploy --prod --token=%s" % f.s(vercel_token(), "vercel"),
          "      - name: Notify",
          "        env:",
          "          SLACK_WEBHOOK_URL: %s" % f.s(slack_webhook(), "slack"),
          "          DISCORD_WEBHOOK: ${{ secrets.DISCORD_WEBHOOK }}",
          "        run: ./scripts/notify.sh")


def b_gha_nightly():
    f = new(".github/workflows/nightly-eval.yml")
    f.add("name: nightly-eval",
          "on:",
          "  schedule:",
          "    - cron: '0 2 * * *'",
          "jobs:",
          "  eval:",
          "    runs-on: ubuntu-latest",
          "    env:",
          "      OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}",
          "      ANTHROPIC_API_KEY: %s" % f.s(anthropic_key(), "anthropic"),
          "      GOOGLE_API_KEY: %s" % f.s(google_key(), "google"),
          "      HF_TOKEN: ${{ secrets.HF_TOKEN }}",
          "      WANDB_MODE: offline",
          "    steps:",
          "      - uses: actions/checkout@v4",
          "      - uses: actions/setup-python@v5",
          "        with: {python-version: '3.11'}",
          "      - run: pip install -e .[eval]",
          "      - run: python -m evals.run --suite nightly",
          "      - name: Upload to PyPI",
          "        run: twine upload dist/* -u __token__ -p %s" % f.s(pypi_token(), "pypi"),
          "      - name: Report",
          "        run: curl -sf -H 'DD-API-KEY: %s' https://api.datadoghq.eu/api/v1/validate" % f.s(hexkey(32), "datadog"))


def b_gitlab_ci():
    f = new(".gitlab-ci.yml")
    f.add("stages: [build, test, deploy]",
          "",
          "variables:",
          "  DOCKER_DRIVER: overlay2",
          "  GIT_DEPTH: \"20\"",
          "  TF_TOKEN_app_terraform_io: %s" % f.s(tfc_token(), "terraform"),
          "  DIGITALOCEAN_ACCESS_TOKEN: %s" % f.s(do_token(), "digitalocean"),
          "  SENTRY_AUTH_TOKEN: $SENTRY_AUTH_TOKEN",
          "",
          "build:",
          "  stage: build",
          "  image: docker:26",
          "  script:",
          "    - docker login -u gitlab-ci-token -p $CI_JOB_TOKEN $CI_REGISTRY",
          "    - docker build -t $CI_REGISTRY_IMAGE:$CI_COMMIT_SHA .",
          "",
          "deploy:",
          "  stage: deploy",
          "  script:",
          "    - curl --request POST --header \"PRIVATE-TOKEN: %s\" \"https://gitlab.com/api/v4/projects/4211/trigger/pipeline\"" % f.s(gitlab_pat(), "gitlab"),
          "    - heroku container:release web -a nw-api",
          "  environment: production")


# ======================================================== Terraform
def b_tf_main():
    f = new("infra/main.tf")
    f.add('terraform {',
          '  required_providers {',
          '    aws        = { source = "hashicorp/aws", version = "~> 5.58" }',
          '    cloudflare = { source = "cloudflare/cloudflare", version = "~> 4.37" }',
          '  }',
          '}',
          '',
          'provider "aws" {',
          '  region     = "us-east-2"',
          '  access_key = "%s"' % f.s(aws_akid(), "aws"),
          '  secret_key = "%s"' % f.s(aws_secret(), "aws"),
          '}',
          '',
          'provider "cloudflare" {',
          '  api_token = "%s"' % f.s(cloudflare_token(), "cloudflare"),
          '}',
          '',
          'resource "aws_db_instance" "orders" {',
          '  identifier        = "orders-prod"',
          '  engine            = "postgres"',
          '  instance_class    = "db.r6g.large"',
          '  username          = "orders_admin"',
          '  password          = var.db_password',
          '  storage_encrypted = true',
          '}',
          '',
          'resource "aws_iam_access_key" "ci" {',
          '  user    = aws_iam_user.ci.name',
          '  pgp_key = "keybase:northwind_ops"',
          '}',
          '',
          'resource "azurerm_storage_account" "assets" {',
          '  name                     = "nwassetsprod"',
          '  account_replication_type = "GRS"',
          '}')


def b_tfvars():
    f = new("infra/terraform.tfvars")
    f.add('environment      = "prod"',
          'region           = "us-east-2"',
          'db_password      = "%s"' % f.s(password(), "generic"),
          'datadog_api_key  = "%s"' % f.s(hexkey(32), "datadog"),
          'okta_api_token   = "%s"' % f.s(okta_token(), "okta"),
          'azure_client_secret = "%s"' % f.s(azure_ad_secret(), "azure"),
          'newrelic_account_id = "%s"' % rs(7, DIG),
          'allowed_cidrs    = ["10.0.0.0/8", "192.168.0.0/16"]')


def b_tf_providers():
    f = new("infra/modules/observability/providers.tf")
    f.add('provider "datadog" {',
          '  api_key = var.datadog_api_key',
          '  app_key = "%s"' % f.s(hexkey(40), "datadog"),
          '  api_url = "https://api.datadoghq.eu/"',
          '}',
          '',
          'provider "newrelic" {',
          '  account_id = 3141593',
          '  api_key    = "%s"' % f.s(newrelic_key(), "newrelic"),
          '  region     = "EU"',
          '}',
          '',
          'provider "grafana" {',
          '  url  = "https://northwind.grafana.net"',
          '  auth = "%s"' % f.s(grafana_sa(), "grafana"),
          '}',
          '',
          'provider "github" {',
          '  owner = "northwind"',
          '  token = "%s"' % f.s(gh_token("ghs_"), "github"),
          '}',
          '',
          'provider "digitalocean" {',
          '  token = var.do_token',
          '}')


def b_terraformrc():
    f = new("home/dev/.terraformrc")
    f.add('plugin_cache_dir = "$HOME/.terraform.d/plugin-cache"',
          '',
          'credentials "app.terraform.io" {',
          '  token = "%s"' % f.s(tfc_token(), "terraform"),
          '}')


# ======================================================== key material & home dir files
def b_gcp_sa():
    f = new("secrets/gcp-sa.json")
    proj = "northwind-data-%s" % rs(6, DIG)
    key = pem_key("pkcs8")
    obj = {"type": "service_account", "project_id": proj, "private_key_id": rs(40, HEX),
           "private_key": key + "\n",
           "client_email": "etl-runner@%s.iam.gserviceaccount.com" % proj, "client_id": rs(21, DIG),
           "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": "https://oauth2.googleapis.com/token",
           "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
           "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/etl-runner%%40%s.iam.gserviceaccount.com" % proj,
           "universe_domain": "googleapis.com"}
    f.pem(key, "gcp")
    f.text = jdump(obj)


def b_rsa_key():
    f = new("deploy/keys/deploy_rsa")
    f.add(f.pem(pem_key("rsa")))


def b_openssh_key():
    f = new("home/dev/.ssh/id_ed25519")
    f.add(f.pem(pem_key("openssh")))


def b_ssh_pub():
    f = new("home/dev/.ssh/id_ed25519.pub")
    f.add(ssh_pub("dev@northwind-laptop"))


def b_authorized_keys():
    f = new("deploy/authorized_keys")
    f.add(ssh_rsa_pub("ci@runner-03"), ssh_pub("ops@bastion"), ssh_pub("maria@laptop"))


def b_tls():
    f = new("certs/tls.crt")
    f.add(cert_pem(), cert_pem())
    g = new("certs/signing-ec.key")
    g.add("# P-256 key used to sign webhook payloads", g.pem(pem_key("ec")))


def b_pypirc():
    f = new("home/dev/.pypirc")
    f.add("[distutils]", "index-servers =", "    pypi", "    internal", "",
          "[pypi]", "username = __token__", "password = %s" % f.s(pypi_token(), "pypi"), "",
          "[internal]", "repository = https://pypi.internal.northwind.io/", "username = deploy",
          "password = %s" % f.s(password(), "generic"))


def b_docker_config():
    f = new("home/dev/.docker/config.json")
    pat, auth = b64_pair(lambda: "northwindci:" + docker_pat())
    obj = {"auths": {"https://index.docker.io/v1/": {"auth": f.s(auth, "dockerhub")},
                     "ghcr.io": {}},
           "credsStore": "desktop", "currentContext": "desktop-linux"}
    f.text = jdump(obj)


def b_netrc():
    f = new("home/dev/.netrc")
    f.add("machine api.heroku.com",
          "  login dana@northwind.io",
          "  password %s" % f.s(heroku_key(new=False), "heroku"),
          "machine git.heroku.com",
          "  login dana@northwind.io",
          "  password %s" % f.s(heroku_key(new=True), "heroku"))


def b_git_credentials():
    f = new("home/dev/.git-credentials")
    f.add("https://dana:%s@github.com" % f.s(gh_token("ghp_"), "github"),
          "https://oauth2:%s@gitlab.com" % f.s(gitlab_pat(), "gitlab"))


def b_aws_credentials():
    f = new("home/dev/.aws/credentials")
    f.add("[default]",
          "aws_access_key_id = %s" % f.s(aws_akid(), "aws"),
          "aws_secret_access_key = %s" % f.s(aws_secret(), "aws"),
          "",
          "[docs]",
          "aws_access_key_id = %s" % AWS_DOC_AKID,
          "aws_secret_access_key = %s" % AWS_DOC_SECRET)


def b_gh_hosts():
    f = new("home/dev/.config/gh/hosts.yml")
    f.add("github.com:",
          "    users:",
          "        dana-nw:",
          "            oauth_token: %s" % f.s(gh_token("gho_"), "github"),
          "    git_protocol: ssh",
          "    user: dana-nw")


def b_hf_token():
    f = new("home/dev/.cache/huggingface/token")
    f.text = f.s(hf_token(), "huggingface")


def b_runbook():
    f = new("docs/runbooks/token-rotation.md")
    f.add("# Token rotation runbook",
          "",
          "GitHub tokens carry a CRC32 checksum in their last six characters. The strings below are",
          "from the incident write-up and have deliberately broken checksums:",
          "",
          "| kind | value |",
          "|------|-------|",
          "| classic PAT | `%s` |" % f.look(gh_lookalike("ghp_"), "github"),
          "| server-to-server | `%s` |" % f.look(gh_lookalike("ghs_"), "github"),
          "| user-to-server | `%s` |" % f.look(gh_lookalike("ghu_"), "github"),
          "| refresh | `%s` |" % f.look(gh_lookalike("ghr_"), "github"),
          "| npm automation | `%s` |" % f.look(npm_lookalike(), "npm"),
          "",
          "Steps:",
          "",
          "1. Revoke in the provider console.",
          "2. Update the value in Vault at `secret/data/ci/github` (never in this repo).",
          "3. Re-run `{{ secrets.GH_TOKEN }}`-dependent workflows.",
          "",
          "AWS documentation keys (`%s`, `%s`) are safe to paste in docs." % (AWS_DOC_AKID, AWS_DOC_SECRET),
          "",
          "The incident ticket is INC-%s; commit %s reverted the leak." % (rs(4, DIG), git_sha()),
          "",
          "Emergency break-glass for the status page (rotate after use):",
          "",
          "    STATUSPAGE_ADMIN_PASSWORD=%s" % f.s(password(), "generic"))


def b_slack_manifest():
    f = new("integrations/slack/app-manifest.yaml")
    f.add("display_information:",
          "  name: Northwind Deploy Bot",
          "features:",
          "  bot_user:",
          "    display_name: deploybot",
          "oauth_config:",
          "  scopes:",
          "    bot: [chat:write, channels:read]",
          "settings:",
          "  socket_mode_enabled: false",
          "# tokens issued on install (workspace northwind):",
          "# user token: %s" % f.s(slack_user(), "slack"),
          "# bot token:  xoxb-<redacted>")


def b_azure_appsettings():
    f = new("services/dotnet-api/appsettings.Production.json")
    obj = {"Logging": {"LogLevel": {"Default": "Information"}},
           "ConnectionStrings": {
               "Storage": "DefaultEndpointsProtocol=https;AccountName=nwblob%s;AccountKey=%s;EndpointSuffix=core.windows.net"
                          % (rs(4, LOW), f.s(azure_storage_key(), "azure")),
               "Sql": "Server=tcp:nw-sql.database.windows.net,1433;Database=orders;User ID=orders_app;Password=%s;Encrypt=True;"
                      % f.s(url_password(), "generic")},
           "AzureAd": {"Instance": "https://login.microsoftonline.com/", "TenantId": uuid4(), "ClientId": uuid4(),
                       "ClientSecret": f.s(azure_ad_secret(), "azure")},
           "AzureOpenAI": {"Endpoint": "https://nw-openai-weu.openai.azure.com/", "ApiKey": f.s(hexkey(32), "azure"),
                           "Deployment": "gpt-4o-mini"},
           "AllowedHosts": "*"}
    f.text = jdump(obj)


def b_app_rb():
    f = new("services/storefront/config/initializers/shopify.rb")
    f.add("ShopifyAPI::Context.setup(",
          "  api_key: ENV.fetch('SHOPIFY_API_KEY'),",
          "  api_secret_key: '%s'," % f.s(shopify_token("shpss_"), "shopify"),
          "  host: 'https://storefront.northwind.io',",
          "  scope: 'read_products,write_orders',",
          "  is_embedded: false,",
          "  api_version: '2024-07'",
          ")",
          "Rails.application.config.x.pusher_app_id = '%s'" % rs(7, DIG))


# ======================================================== main
BUILDERS = [v for k, v in list(globals().items()) if k.startswith("b_") and callable(v)]


def locate(lines, needle, is_pem):
    hits = [i for i, l in enumerate(lines) if needle in l]
    if is_pem:
        out = []
        for i in hits:
            j = i
            while "-----BEGIN" not in lines[j]:
                j -= 1
            out.append(j)
        hits = out
    return hits


def main():
    for b in BUILDERS:
        b()
    if os.path.exists(ROOT):
        shutil.rmtree(ROOT)
    os.makedirs(ROOT)

    expected, looks = [], []
    seen_lines = set()
    texts = {}
    for f in FILES:
        assert f.path not in texts, f.path
        text = f.render()
        texts[f.path] = text
        full = os.path.join(ROOT, f.path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        lines = text.split("\n")
        done = set()
        for needle, prov, is_pem in f.secrets:
            if needle in done:
                continue
            done.add(needle)
            assert is_pem or ok(needle), (f.path, needle)
            hits = locate(lines, needle, is_pem)
            assert hits, (f.path, needle)
            for i in hits:
                key = (f.path, i)
                assert key not in seen_lines, ("line listed twice", f.path, i + 1)
                seen_lines.add(key)
                expected.append({"path": f.path, "line": i + 1, "provider": prov})
        for needle, prov in f.looks:
            hits = locate(lines, needle, False)
            assert len(hits) == 1, (f.path, needle)
            key = (f.path, hits[0])
            assert key not in seen_lines, ("look-alike shares a line", f.path, hits[0] + 1)
            seen_lines.add(key)
            looks.append({"path": f.path, "line": hits[0] + 1, "provider": prov})
            tok = needle.split("_", 1)[1]
            assert crc_b62(tok[:30]) != tok[30:] and len(tok) == 36, needle

    # every planted value appears only where it is registered
    registered = {}
    for f in FILES:
        for needle, _, _ in f.secrets:
            registered.setdefault(needle, set()).add(f.path)
    for needle, paths in registered.items():
        for p, t in texts.items():
            if p not in paths:
                assert needle not in t, ("unregistered copy", needle[:20], p)

    # checksummed tokens are valid; look-alikes are not
    import re
    for f in FILES:
        for needle, prov, _ in f.secrets:
            m = re.fullmatch(r"(gh[pousr]_|npm_)([0-9A-Za-z]{36})", needle)
            if m:
                assert crc_b62(m.group(2)[:30]) == m.group(2)[30:], needle

    # expected lines contain their value; parseable formats parse
    for row in expected:
        line = texts[row["path"]].split("\n")[row["line"] - 1]
        if row["provider"] in ("private_key", "gcp") and "PRIVATE KEY" in line:
            assert "-----BEGIN" in line
    for p, t in texts.items():
        if p.endswith((".json", ".ipynb")):
            json.loads(t)
        elif p.endswith(".jsonl"):
            for l in t.splitlines():
                json.loads(l)

    expected.sort(key=lambda r: (r["path"], r["line"]))
    looks.sort(key=lambda r: (r["path"], r["line"]))
    with open(os.path.join(ROOT, "expected.jsonl"), "w") as fh:
        fh.write("".join(json.dumps(r) + "\n" for r in expected))
    with open(os.path.join(ROOT, "lookalikes.jsonl"), "w") as fh:
        fh.write("".join(json.dumps(r) + "\n" for r in looks))

    provs = sorted({r["provider"] for r in expected})
    print("files: %d  secrets: %d  providers: %d  lookalikes: %d" % (len(FILES), len(expected), len(provs), len(looks)))
    print(" ".join(provs))


if __name__ == "__main__":
    main()
