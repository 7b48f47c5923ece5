#!/usr/bin/env python3
"""Independent held-out corpus generator for keyhound (fixtures/corpus2).

Every credential written here is FAKE: random, generated at build time from a
fixed seed, only shaped like the provider's documented token format.

Writes:
  fixtures/corpus2/**                 the corpus files
  fixtures/corpus2/expected.jsonl     one object per planted secret
  fixtures/corpus2/lookalikes.jsonl   checksum look-alikes that must NOT be reported
"""
import base64
import json
import os
import random
import shutil
import string
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "corpus2")
ROOT = os.path.normpath(ROOT)
R = random.Random(20240917)

UP = string.ascii_uppercase
LO = string.ascii_lowercase
DIG = string.digits
HEX = "0123456789abcdef"
B62 = DIG + UP + LO            # base62 alphabet used by GitHub / npm checksums
ALNUM = UP + LO + DIG
URLSAFE = ALNUM + "-_"
B64 = UP + LO + DIG + "+/"


def rs(alphabet, n):
    return "".join(R.choice(alphabet) for _ in range(n))


def mixed(n=None):
    """random-looking password with mixed classes"""
    n = n or R.randint(14, 32)
    while True:
        s = rs(ALNUM + "!#%^*-_+.@", n)
        if any(c in UP for c in s) and any(c in LO for c in s) and any(c in DIG for c in s):
            return s


def b62_crc(s):
    n = zlib.crc32(s.encode()) & 0xFFFFFFFF
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = B62[r] + out
    return out.rjust(6, "0")


def crc_token(prefix, good=True):
    body = rs(ALNUM, 30)
    chk = b62_crc(body)
    if not good:
        while True:
            bad = rs(ALNUM, 6)
            if bad != chk:
                chk = bad
                break
    return prefix + body + chk


# ---------------------------------------------------------------- providers
# id -> (conventional variable name, generator)
def _openai_legacy():
    return "sk-" + rs(ALNUM, 20) + "T3BlbkFJ" + rs(ALNUM, 20)


PROV = {
    "openai": ("OPENAI_API_KEY", lambda: "sk-proj-" + rs(URLSAFE, 74) + "T3BlbkFJ" + rs(URLSAFE, 74)),
    "openai-legacy": ("OPENAI_API_KEY", _openai_legacy),
    "anthropic": ("ANTHROPIC_API_KEY", lambda: "sk-ant-api03-" + rs(URLSAFE, 93) + "AA"),
    "github": ("GITHUB_TOKEN", lambda: crc_token("ghp_")),
    "aws": ("AWS_ACCESS_KEY_ID", lambda: "AKIA" + rs(UP + "234567", 16)),
    "generic-password": ("DB_PASSWORD", lambda: mixed()),
    # --- AI / ML providers
    "openai-svcacct": ("OPENAI_API_KEY", lambda: "sk-svcacct-" + rs(URLSAFE, 74) + "T3BlbkFJ" + rs(URLSAFE, 74)),
    "openai-admin": ("OPENAI_ADMIN_KEY", lambda: "sk-admin-" + rs(URLSAFE, 58) + "T3BlbkFJ" + rs(URLSAFE, 58)),
    "anthropic-admin": ("ANTHROPIC_ADMIN_KEY", lambda: "sk-ant-admin01-" + rs(URLSAFE, 93) + "AA"),
    "google-api": ("GOOGLE_API_KEY", lambda: "AIza" + rs(URLSAFE, 35)),
    "huggingface": ("HF_TOKEN", lambda: "hf_" + rs(UP + LO, 34)),
    "groq": ("GROQ_API_KEY", lambda: "gsk_" + rs(ALNUM, 52)),
    "xai": ("XAI_API_KEY", lambda: "xai-" + rs(ALNUM, 80)),
    "replicate": ("REPLICATE_API_TOKEN", lambda: "r8_" + rs(ALNUM, 37)),
    "perplexity": ("PERPLEXITY_API_KEY", lambda: "pplx-" + rs(ALNUM, 48)),
    "openrouter": ("OPENROUTER_API_KEY", lambda: "sk-or-v1-" + rs(HEX, 64)),
    "langsmith": ("LANGSMITH_API_KEY", lambda: R.choice(["lsv2_pt_", "lsv2_sk_"]) + rs(HEX, 32) + "_" + rs(HEX, 10)),
    "pinecone": ("PINECONE_API_KEY", lambda: "pcsk_" + rs(ALNUM, 5) + "_" + rs(ALNUM, 63)),
    "fireworks": ("FIREWORKS_API_KEY", lambda: "fw_" + rs(ALNUM, 24)),
    "tavily": ("TAVILY_API_KEY", lambda: "tvly-" + R.choice(["", "dev-"]) + rs(ALNUM, 32)),
    # --- cloud / infrastructure
    "aws-secret": ("AWS_SECRET_ACCESS_KEY", lambda: rs(ALNUM + "+/", 40)),
    "azure-ad-secret": ("AZURE_CLIENT_SECRET", lambda: rs(ALNUM, 3) + R.choice(DIG) + "Q~" + rs(ALNUM + "_~.-", 31)),
    "digitalocean": ("DIGITALOCEAN_TOKEN", lambda: "dop_v1_" + rs(HEX, 64)),
    "vault": ("VAULT_TOKEN", lambda: "hvs.CAES" + rs(URLSAFE, R.randint(88, 100))),
    "doppler": ("DOPPLER_TOKEN", lambda: "dp.st." + R.choice(["dev", "prd", "stg"]) + "." + rs(ALNUM, 43)),
    "databricks": ("DATABRICKS_TOKEN", lambda: "dapi" + rs(HEX, 32) + R.choice(["", "-2", "-3"])),
    "terraform-cloud": ("TFE_TOKEN", lambda: rs(ALNUM, 14) + ".atlasv1." + rs(ALNUM, 67)),
    # --- developer platforms / registries
    "github-oauth": ("GH_OAUTH_TOKEN", lambda: crc_token("gho_")),
    "github-app": ("GH_APP_TOKEN", lambda: crc_token(R.choice(["ghs_", "ghu_"]))),
    "github-refresh": ("GH_REFRESH_TOKEN", lambda: crc_token("ghr_")),
    "github-fine-grained": ("GH_PAT", lambda: "github_pat_" + rs(ALNUM, 22) + "_" + rs(ALNUM, 59)),
    "gitlab": ("GITLAB_TOKEN", lambda: "glpat-" + rs(URLSAFE, 20)),
    "npm": ("NPM_TOKEN", lambda: crc_token("npm_")),
    "pypi": ("PYPI_TOKEN", lambda: "pypi-AgEIcHlwaS5vcmc" + rs(URLSAFE, R.randint(60, 140))),
    "dockerhub": ("DOCKERHUB_TOKEN", lambda: "dckr_pat_" + rs(URLSAFE, 27)),
    "rubygems": ("GEM_HOST_API_KEY", lambda: "rubygems_" + rs(HEX, 48)),
    # --- SaaS / messaging / payments
    "stripe": ("STRIPE_SECRET_KEY", lambda: "sk_live_" + rs(ALNUM, R.choice([24, 99]))),
    "stripe-restricted": ("STRIPE_RESTRICTED_KEY", lambda: "rk_live_" + rs(ALNUM, R.choice([24, 99]))),
    "shopify": ("SHOPIFY_ACCESS_TOKEN", lambda: R.choice(["shpat_", "shpca_", "shppa_"]) + rs(HEX, 32)),
    "shopify-shared-secret": ("SHOPIFY_SHARED_SECRET", lambda: "shpss_" + rs(HEX, 32)),
    "slack-bot": ("SLACK_BOT_TOKEN", lambda: "xoxb-%s-%s-%s" % (rs(DIG, 12), rs(DIG, 13), rs(ALNUM, 24))),
    "slack-user": ("SLACK_USER_TOKEN", lambda: "xoxp-%s-%s-%s-%s" % (rs(DIG, 12), rs(DIG, 12), rs(DIG, 13), rs(HEX, 32))),
    "slack-webhook": ("SLACK_WEBHOOK_URL", lambda: "https://hooks.slack.com/services/T%s/B%s/%s" % (
        rs(UP + DIG, 10), rs(UP + DIG, 10), rs(ALNUM, 24))),
    "discord-webhook": ("DISCORD_WEBHOOK_URL", lambda: "https://discord.com/api/webhooks/%s/%s" % (
        R.choice("123456789") + rs(DIG, 18), rs(URLSAFE, 68))),
    "telegram": ("TELEGRAM_BOT_TOKEN", lambda: "%s:AA%s" % (R.choice("5678") + rs(DIG, 9), rs(URLSAFE, 33))),
    "twilio": ("TWILIO_API_KEY", lambda: "SK" + rs(HEX, 32)),
    "sendgrid": ("SENDGRID_API_KEY", lambda: "SG." + rs(URLSAFE, 22) + "." + rs(URLSAFE, 43)),
    "mailgun": ("MAILGUN_API_KEY", lambda: "key-" + rs(HEX, 32)),
    "mailchimp": ("MAILCHIMP_API_KEY", lambda: rs(HEX, 32) + "-us" + str(R.randint(1, 21))),
    # --- productivity / observability
    "linear": ("LINEAR_API_KEY", lambda: "lin_api_" + rs(ALNUM, 40)),
    "notion": ("NOTION_TOKEN", lambda: "ntn_" + rs(DIG, 11) + rs(ALNUM, 35)),
    "atlassian": ("JIRA_API_TOKEN", lambda: "ATATT3xFfGF0" + rs(URLSAFE, 171) + "=" + rs("0123456789ABCDEF", 8)),
    "postman": ("POSTMAN_API_KEY", lambda: "PMAK-" + rs(HEX, 24) + "-" + rs(HEX, 34)),
    "newrelic": ("NEW_RELIC_API_KEY", lambda: "NRAK-" + rs(UP + DIG, 27)),
    "sentry": ("SENTRY_AUTH_TOKEN", lambda: sentry_token()),
    "grafana": ("GRAFANA_TOKEN", lambda: "glsa_" + rs(ALNUM, 32) + "_" + rs(HEX, 8)),
    "grafana-cloud": ("GRAFANA_CLOUD_TOKEN", lambda: grafana_cloud_token()),
    "figma": ("FIGMA_TOKEN", lambda: "figd_" + rs(URLSAFE, 40)),
    "supabase": ("SUPABASE_ACCESS_TOKEN", lambda: "sbp_" + rs(HEX, 40)),
    "planetscale": ("PLANETSCALE_TOKEN", lambda: "pscale_tkn_" + rs(URLSAFE, 43)),
    "pulumi": ("PULUMI_ACCESS_TOKEN", lambda: "pul-" + rs(HEX, 40)),
    "buildkite": ("BUILDKITE_API_TOKEN", lambda: "bkua_" + rs(HEX, 40)),
    "airtable": ("AIRTABLE_TOKEN", lambda: "pat" + rs(ALNUM, 14) + "." + rs(HEX, 64)),
    "dynatrace": ("DT_API_TOKEN", lambda: "dt0c01." + rs(UP + DIG, 24) + "." + rs(UP + DIG, 64)),
    "contentful": ("CONTENTFUL_MANAGEMENT_TOKEN", lambda: "CFPAT-" + rs(URLSAFE, 43)),
    "alibaba": ("ALIBABA_ACCESS_KEY_ID", lambda: "LTAI" + rs(ALNUM, 20)),
    # --- more SaaS / AI
    "heroku": ("HEROKU_API_KEY", lambda: "HRKU-AA" + rs(URLSAFE, 58)),
    "flyio": ("FLY_API_TOKEN", lambda: "fo1_" + rs(URLSAFE, 43)),
    "mapbox": ("MAPBOX_SECRET_TOKEN", lambda: "sk." + b64url_json({"u": R.choice(["acme", "ada"]), "a": "cl" + rs(LO + DIG, 23)})
               + "." + rs(URLSAFE, 22)),
    "square": ("SQUARE_ACCESS_TOKEN", lambda: "EAAA" + rs(URLSAFE, 60)),
    "square-secret": ("SQUARE_APP_SECRET", lambda: "sq0csp-" + rs(URLSAFE, 43)),
    "shippo": ("SHIPPO_API_TOKEN", lambda: "shippo_live_" + rs(HEX, 40)),
    "adafruit": ("ADAFRUIT_IO_KEY", lambda: "aio_" + rs(ALNUM, 28)),
    "easypost": ("EASYPOST_API_KEY", lambda: "EZAK" + rs(ALNUM, 54)),
    "deepseek": ("DEEPSEEK_API_KEY", lambda: "sk-" + rs(HEX, 32)),
    "elevenlabs": ("ELEVENLABS_API_KEY", lambda: "sk_" + rs(HEX, 48)),
    "mistral": ("MISTRAL_API_KEY", lambda: rs(ALNUM, 32)),
    "cohere": ("COHERE_API_KEY", lambda: rs(ALNUM, 40)),
    "1password": ("OP_SERVICE_ACCOUNT_TOKEN", lambda: "ops_" + base64.b64encode(json.dumps(
        {"signInAddress": "acme.1password.com", "userAuth": {"method": "SRPg-4096", "alg": "PBES2g-HS256",
         "iterations": 650000, "salt": rs(URLSAFE, 22)}, "email": rs(LO, 12) + "@1passwordserviceaccounts.com",
         "srpX": rs(HEX, 64), "muk": {"alg": "A256GCM", "ext": True, "k": rs(URLSAFE, 43), "key_ops": ["decrypt", "encrypt"],
                                      "kty": "oct", "kid": "mp"}, "secretKey": "A3-" + rs(UP + DIG, 6) + "-" + rs(UP + DIG, 11)
         + "-" + rs(UP + DIG, 5) + "-" + rs(UP + DIG, 5) + "-" + rs(UP + DIG, 5), "deviceUuid": rs(LO + DIG, 26)},
        separators=(",", ":")).encode()).decode()),
    "okta": ("OKTA_API_TOKEN", lambda: "00" + rs(URLSAFE, 40)),
    "datadog": ("DD_API_KEY", lambda: rs(HEX, 32)),
    "cloudflare": ("CLOUDFLARE_API_TOKEN", lambda: rs(URLSAFE, 40)),
    "circleci": ("CIRCLE_TOKEN", lambda: "CCIPAT_" + rs(ALNUM, 22) + "_" + rs(HEX, 40)),
    "jwt": ("AUTH_TOKEN", lambda: jwt()),
    "age": ("AGE_KEY", lambda: age_key()),
}


def b64url_json(obj):
    return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")


def sentry_token():
    org = R.choice(["acme", "globex", "initech"])
    claims = {"iat": R.randint(1690000000, 1720000000) + R.random(), "url": "https://sentry.io",
              "region_url": "https://us.sentry.io", "org": org}
    body = base64.b64encode(json.dumps(claims, separators=(",", ":")).encode()).decode()
    return "sntrys_" + body + "_" + rs(ALNUM + "+/", 43)


def grafana_cloud_token():
    claims = {"o": rs(DIG, 6), "n": "stack-" + rs(DIG, 6) + "-hm-read-deploy", "k": rs(ALNUM, 24),
              "m": {"r": R.choice(["us", "prod-eu-west-0", "prod-us-east-0"])}}
    return "glc_" + base64.b64encode(json.dumps(claims, separators=(",", ":")).encode()).decode()


def rbytes(n):
    return bytes(R.getrandbits(8) for _ in range(n))


def wrap64(data):
    b = base64.b64encode(data).decode()
    return [b[i:i + 64] for i in range(0, len(b), 64)]


def pem(kind):
    """a PEM private key with a plausible DER prefix and random body"""
    if kind == "rsa":
        label, der = "RSA PRIVATE KEY", bytes.fromhex("308204a40201000282010100") + rbytes(1180)
    elif kind == "ec":
        der = (bytes.fromhex("30770201010420") + rbytes(32) + bytes.fromhex("a00a06082a8648ce3d030107a14403420004")
               + rbytes(64))
        label = "EC PRIVATE KEY"
    elif kind == "pkcs8":
        label = "PRIVATE KEY"
        der = bytes.fromhex("308204be020100300d06092a864886f70d0101010500048204a8") + rbytes(1190)
    elif kind == "openssh":
        label = "OPENSSH PRIVATE KEY"
        der = (b"openssh-key-v1\x00\x00\x00\x00\x04none\x00\x00\x00\x04none\x00\x00\x00\x00\x00\x00\x00\x01"
               b"\x00\x00\x003\x00\x00\x00\x0bssh-ed25519\x00\x00\x00 " + rbytes(200))
    else:
        raise KeyError(kind)
    if kind == "openssh":
        b = base64.b64encode(der).decode()
        body = [b[i:i + 70] for i in range(0, len(b), 70)]
    else:
        body = wrap64(der)
    return "\n".join(["-----BEGIN %s-----" % label] + body + ["-----END %s-----" % label])


def public_pem(label="PUBLIC KEY"):
    der = bytes.fromhex("30820122300d06092a864886f70d01010105000382010f003082010a0282010100") + rbytes(262)
    if label == "CERTIFICATE":
        der = bytes.fromhex("308203") + rbytes(780)
    return "\n".join(["-----BEGIN %s-----" % label] + wrap64(der) + ["-----END %s-----" % label])


def ssh_pub(comment="dev@laptop"):
    blob = b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00 " + rbytes(32)
    return "ssh-ed25519 %s %s" % (base64.b64encode(blob).decode(), comment)


BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def age_key():
    return "AGE-SECRET-KEY-1" + rs(BECH32.upper(), 58)


def jwt(claims=None):
    hdr = {"alg": R.choice(["HS256", "HS512", "RS256"]), "typ": "JWT"}
    claims = claims or {"sub": rs(DIG, 8), "name": R.choice(["Ada", "Linus", "Grace"]),
                        "role": R.choice(["admin", "service", "reader"]), "iat": R.randint(1700000000, 1730000000)}
    return b64url_json(hdr) + "." + b64url_json(claims) + "." + rs(URLSAFE, 43)


def db_url(scheme):
    user = R.choice(["app", "admin", "svc_orders", "reporting", "etl"])
    host = R.choice(["db.internal.acme.io", "10.0.3.17", "prod-db.cluster-c9x.eu-west-1.rds.amazonaws.com",
                     "cache.acme.local", "mq.acme.local"])
    pw = rs(ALNUM, R.randint(16, 28))
    if scheme == "postgres":
        return "postgresql://%s:%s@%s:5432/orders?sslmode=require" % (user, pw, host)
    if scheme == "mysql":
        return "mysql://%s:%s@%s:3306/shop" % (user, pw, host)
    if scheme == "mongodb":
        return "mongodb+srv://%s:%s@cluster0.%s.mongodb.net/?retryWrites=true&w=majority" % (user, pw, rs(LO + DIG, 5))
    if scheme == "redis":
        return "redis://default:%s@%s:6379/0" % (pw, host)
    if scheme == "amqp":
        return "amqps://%s:%s@%s:5671/prod" % (user, pw, host)
    if scheme == "jdbc":
        return "jdbc:postgresql://%s:5432/ledger?user=%s&password=%s" % (host, user, pw)
    raise KeyError(scheme)


def bcrypt_hash():
    return "$2y$%02d$%s" % (R.choice([10, 12]), rs("./" + ALNUM, 53))


def azure_storage_conn():
    acct = "st" + rs(LO + DIG, 12)
    key = base64.b64encode(bytes(R.getrandbits(8) for _ in range(64))).decode()
    return ("DefaultEndpointsProtocol=https;AccountName=%s;AccountKey=%s;EndpointSuffix=core.windows.net"
            % (acct, key))


def aws_pair(f, fmt, prefix=""):
    """access key id and secret on consecutive lines (two planted items)"""
    f.add(assign(fmt, prefix + "AWS_ACCESS_KEY_ID", gen("aws")), "aws")
    f.add(assign(fmt, prefix + "AWS_SECRET_ACCESS_KEY", gen("aws-secret")), "aws-secret")


def gen(pid):
    return PROV[pid][1]()


def var(pid):
    return PROV[pid][0]


# ---------------------------------------------------------------- writers
class Corpus:
    def __init__(self):
        self.files = {}
        self.expected = []
        self.lookalikes = []
        self.negatives = 0

    def f(self, path):
        if path in self.files:
            raise SystemExit("duplicate file " + path)
        fb = FB(self, path)
        self.files[path] = fb
        return fb

    def write(self):
        if os.path.exists(ROOT):
            shutil.rmtree(ROOT)
        os.makedirs(ROOT)
        for path, fb in sorted(self.files.items()):
            full = os.path.join(ROOT, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8", newline="\n") as fh:
                fh.write("\n".join(fb.lines) + "\n")
        for name, rows in (("expected.jsonl", self.expected), ("lookalikes.jsonl", self.lookalikes)):
            rows = sorted(rows, key=lambda r: (r["path"], r["line"]))
            with open(os.path.join(ROOT, name), "w", encoding="utf-8", newline="\n") as fh:
                for r in rows:
                    fh.write(json.dumps(r, sort_keys=True) + "\n")


class FB:
    """file builder: tracks 1-based line numbers of what is planted"""

    def __init__(self, corpus, path):
        self.c = corpus
        self.path = path
        self.lines = []

    def _mark(self, rows, provider, text, at):
        line = len(self.lines) + 1 + at
        for r in self.c.expected + self.c.lookalikes:
            if r["path"] == self.path and r["line"] == line:
                raise SystemExit("two planted items on %s:%d" % (self.path, line))
        rows.append({"path": self.path, "line": line, "provider": provider})

    def add(self, text="", provider=None, at=0):
        """text may span lines; `at` is the offset of the line holding the secret"""
        if provider:
            self._mark(self.c.expected, provider, text, at)
        self.lines.extend(text.split("\n"))
        return self

    def located(self, text, plants=(), looks=()):
        """add a multi-line block; find each planted needle's line inside it"""
        lines = text.split("\n")
        for needle, provider, rows in [(n, p, self.c.expected) for n, p in plants] + \
                [(n, p, self.c.lookalikes) for n, p in looks]:
            hits = [i for i, ln in enumerate(lines) if needle in ln]
            if len(hits) != 1:
                raise SystemExit("needle %r found %d times in %s" % (needle[:20], len(hits), self.path))
            self._mark(rows, provider, text, hits[0])
        self.c.negatives += len(looks)
        self.lines.extend(lines)
        return self

    def look(self, text, provider, at=0):
        self._mark(self.c.lookalikes, provider, text, at)
        self.c.negatives += 1
        self.lines.extend(text.split("\n"))
        return self

    def neg(self, text, n=1):
        """a hard negative (counted)"""
        self.c.negatives += n
        self.lines.extend(text.split("\n"))
        return self


# ---------------------------------------------------------------- formats
def assign(fmt, name, value):
    lname = name.lower()
    if fmt == "env":
        return "%s=%s" % (name, value)
    if fmt == "py":
        return '%s = "%s"' % (name, value)
    if fmt == "yaml":
        return "  %s: \"%s\"" % (lname, value)
    if fmt == "js":
        return 'const %s = "%s";' % (camel(name), value)
    if fmt == "ts":
        return 'export const %s: string = "%s";' % (camel(name), value)
    if fmt == "go":
        return '\t%s = "%s"' % (camel(name), value)
    if fmt == "java":
        return '    private static final String %s = "%s";' % (name.upper(), value)
    if fmt == "rb":
        return "  %s = '%s'" % (name.upper(), value)
    if fmt == "php":
        return "$%s = '%s';" % (camel(name), value)
    if fmt == "cs":
        return '        private const string %s = "%s";' % (pascal(name), value)
    if fmt in ("toml", "tf"):
        return '%s = "%s"' % (lname, value)
    if fmt == "ini":
        return "%s = %s" % (lname, value)
    if fmt == "compose":
        return "      %s: %s" % (name.upper(), value)
    if fmt == "docker":
        return "ENV %s=%s" % (name.upper(), value)
    if fmt == "k8s":
        return "  %s: \"%s\"" % (name.lower().replace("_", "-"), value)
    if fmt == "xml":
        return '    <add key="%s" value="%s" />' % (pascal(name), value)
    raise KeyError(fmt)


def pascal(name):
    return "".join(x.capitalize() for x in name.lower().split("_"))


def camel(name):
    parts = name.lower().split("_")
    return parts[0] + "".join(x.capitalize() for x in parts[1:])


def emit(f, fmt, items):
    """items: provider ids (planted via assign) or ("neg", text) / ("raw", text)"""
    for it in items:
        if isinstance(it, tuple):
            kind, text = it
            if kind == "neg":
                f.neg(text)
            else:
                f.add(text)
        else:
            f.add(assign(fmt, var(it), gen(it)), it)


def build(c):
    # ---- .env
    f = c.f("app/.env")
    f.add("# local development settings")
    f.add("APP_ENV=development")
    f.add("OPENAI_API_KEY=" + gen("openai"), "openai")
    f.neg("OPENAI_API_KEY_EXAMPLE=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
    f.add("ANTHROPIC_API_KEY=" + gen("anthropic"), "anthropic")
    f.neg("AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE")
    f.neg("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    f.add("GITHUB_TOKEN=" + gen("github"), "github")
    f.look("CACHE_BUST_ID=" + crc_token("ghp_", good=False), "github")
    f.add("DB_PASSWORD=" + gen("generic-password"), "generic-password")
    f.neg("REDIS_URL=redis://localhost:6379/0")

    # ---- python
    f = c.f("src/settings.py")
    f.add("import os")
    f.add("")
    f.neg('OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]')
    f.add(assign("py", "LEGACY_OPENAI_KEY", gen("openai-legacy")), "openai-legacy")
    f.add(assign("py", "AWS_ACCESS_KEY_ID", gen("aws")), "aws")
    f.neg('tokenizer = AutoTokenizer.from_pretrained("gpt2")')

    # ---- yaml
    f = c.f("deploy/values.yaml")
    f.add("app:")
    f.add(assign("yaml", "anthropic_api_key", gen("anthropic")), "anthropic")
    f.neg('  image: "ghcr.io/acme/app:1.4.2"')
    f.neg('  password: "changeme"')

    # ---- javascript
    f = c.f("web/src/config.js")
    f.add("// runtime configuration for the web client")
    f.add("import dotenv from 'dotenv';")
    f.add("dotenv.config();")
    emit(f, "js", [
        ("neg", "const openaiKey = process.env.OPENAI_API_KEY;"),
        "google-api", "groq",
        ("neg", "const placeholderKey = 'YOUR_API_KEY';"),
        "openrouter",
        ("neg", "const requestId = '3f2b8c1e-9d4a-4f7b-a6e2-1c0d9e8f7a6b';"),
        "perplexity",
        ("neg", "function getApiKey() { return localStorage.getItem('apiKey'); }"),
        "huggingface",
        ("neg", "const docs = 'https://platform.openai.com/docs/api-reference';"),
    ])
    f.add("export default { openaiKey };")

    # ---- typescript
    f = c.f("web/src/ai/clients.ts")
    f.add("import OpenAI from 'openai';")
    f.add("import Anthropic from '@anthropic-ai/sdk';")
    f.add("")
    emit(f, "ts", [
        "openai-svcacct",
        ("neg", "export const tokenizerName: string = 'cl100k_base';"),
        "anthropic-admin", "xai",
        ("neg", "export const apiKeyHeader: string = 'x-api-key';"),
        "replicate", "tavily",
        ("neg", "export const commit: string = '9fceb02d0ae598e95dc970b74767f19372d61af8';"),
        "openai-admin",
        ("neg", "export const anthropicKey: string = process.env.ANTHROPIC_API_KEY ?? '';"),
    ])
    f.add("export const client = new OpenAI({ apiKey: openaiApiKey });")

    # ---- go
    f = c.f("services/ingest/config.go")
    f.add("package ingest")
    f.add("")
    f.add("// Defaults used when the environment is empty.")
    f.add("var (")
    emit(f, "go", [
        "langsmith", "pinecone",
        ("neg", '\tpasswordField = "password"'),
        "fireworks",
        ("neg", '\tgoVersion = "go1.22.4"'),
        "groq", "huggingface",
        ("neg", '\tsecretName = "ingest-credentials"'),
    ])
    f.add(")")
    f.add("")
    f.add("func apiKey() string { return os.Getenv(\"PINECONE_API_KEY\") }")

    # ---- java
    f = c.f("services/billing/src/main/java/com/acme/billing/CloudConfig.java")
    f.add("package com.acme.billing;")
    f.add("")
    f.add("import java.util.Optional;")
    f.add("")
    f.add("public final class CloudConfig {")
    aws_pair(f, "java")
    emit(f, "java", [
        ("neg", '    private static final String SECRET_NAME = "billing/db-credentials";'),
        "azure-ad-secret", "databricks",
        ("neg", '    private static final String API_KEY_HEADER = "X-Api-Key";'),
        ("neg", '    private static final String TRACE_ID = "550e8400-e29b-41d4-a716-446655440000";'),
    ])
    f.add('    private static final String STORAGE_CONNECTION = "%s";' % azure_storage_conn(), "azure-storage")
    f.neg('    private static final String PUBLIC_BLOB = "https://acmecdn.blob.core.windows.net/assets/logo.png";')
    f.add("    static Optional<String> env(String k) { return Optional.ofNullable(System.getenv(k)); }")
    f.add("}")

    # ---- ruby
    f = c.f("ops/lib/provisioner.rb")
    f.add("# frozen_string_literal: true")
    f.add("require 'droplet_kit'")
    f.add("")
    f.add("module Provisioner")
    emit(f, "rb", [
        "digitalocean",
        ("neg", "  VAULT_ADDR = 'https://vault.internal.acme.io:8200'"),
        "vault",
        ("neg", "  TOKEN = ENV.fetch('DIGITALOCEAN_TOKEN')"),
        "doppler", "terraform-cloud",
        ("neg", "  RUBY_VERSION_REQ = '>= 3.2.0'"),
    ])
    f.add("end")

    # ---- php
    f = c.f("legacy/includes/services.php")
    f.add("<?php")
    f.add("// third-party service credentials (legacy, to be moved to vault)")
    emit(f, "php", [
        "openai-legacy", "google-api",
        ("neg", "$apiKey = getenv('MAPS_API_KEY');"),
        ("neg", "$placeholder = '<token>';"),
        "azure-ad-secret",
    ])
    aws_pair(f, "php")
    f.neg("$sessionSecret = '${SESSION_SECRET}';")

    # ---- c#
    f = c.f("dotnet/Acme.Api/Settings/Secrets.cs")
    f.add("namespace Acme.Api.Settings")
    f.add("{")
    f.add("    public static class Secrets")
    f.add("    {")
    emit(f, "cs", [
        "digitalocean", "databricks",
        ("neg", '        private const string PasswordField = "Password";'),
        "vault",
        ("neg", '        private const string TokenEndpoint = "https://login.microsoftonline.com/common/oauth2/v2.0/token";'),
        "terraform-cloud",
    ])
    f.add('        private const string BlobConnection = "%s";' % azure_storage_conn(), "azure-storage")
    f.add("    }")
    f.add("}")

    # ---- .npmrc, .git-credentials, .pypirc
    f = c.f("home/dev/.npmrc")
    f.add("registry=https://registry.npmjs.org/")
    f.add("//registry.npmjs.org/:_authToken=" + gen("npm"), "npm")
    f.neg("//npm.pkg.github.com/:_authToken=${GITHUB_TOKEN}")
    f.add("@acme:registry=https://npm.pkg.github.com/")
    f.neg("always-auth=true")
    f = c.f("home/dev/.git-credentials")
    f.add("https://octocat:%s@github.com" % gen("github"), "github")
    f.add("https://deploy-bot:%s@gitlab.com" % gen("gitlab"), "gitlab")
    f.add("https://ci:%s@github.com" % gen("github-fine-grained"), "github-fine-grained")
    f = c.f("home/dev/.pypirc")
    f.add("[distutils]")
    f.add("index-servers =\n    pypi\n    testpypi")
    f.add("")
    f.add("[pypi]")
    f.add("username = __token__")
    f.add("password = " + gen("pypi"), "pypi")
    f.add("")
    f.add("[testpypi]")
    f.add("repository = https://test.pypi.org/legacy/")
    f.add("username = __token__")
    f.neg("password = pypi-<your-test-pypi-token>")

    # ---- github actions workflow
    f = c.f(".github/workflows/release.yml")
    f.add("name: release")
    f.add("on:\n  push:\n    tags: ['v*']")
    f.add("env:")
    f.neg("  GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}")
    f.add("  NPM_TOKEN: " + gen("npm"), "npm")
    f.neg("  NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}")
    f.add("  DOCKERHUB_TOKEN: " + gen("dockerhub"), "dockerhub")
    f.add("  GEM_HOST_API_KEY: " + gen("rubygems"), "rubygems")
    f.add("jobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:")
    f.neg("      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11 # v4.1.1")
    f.neg("      - uses: actions/setup-node@60edb5dd545a775178f52524783378180af0d1f8 # v4.0.2")
    f.add("      - run: echo \"//registry.npmjs.org/:_authToken=$NPM_TOKEN\" > ~/.npmrc")
    f.add("      - name: push image")
    f.add("        run: echo %s | docker login -u acmebot --password-stdin" % gen("dockerhub"), "dockerhub")
    f.add("      - name: mirror")
    f.add("        env:")
    f.add("          GH_TOKEN: " + gen("github-app"), "github-app")
    f.look("          FIXTURE_REF: " + crc_token("ghs_", good=False), "github-app")
    f.add("        run: gh release upload \"$GITHUB_REF_NAME\" dist/*")

    # ---- gitlab ci
    f = c.f(".gitlab-ci.yml")
    f.add("stages: [build, deploy]")
    f.add("variables:")
    f.neg('  DOCKER_DRIVER: overlay2')
    f.add('  GITLAB_TOKEN: "%s"' % gen("gitlab"), "gitlab")
    f.neg('  CI_JOB_TOKEN_NOTE: "$CI_JOB_TOKEN is injected by the runner"')
    f.add('  GH_OAUTH_TOKEN: "%s"' % gen("github-oauth"), "github-oauth")
    f.add('  TWINE_PASSWORD: "%s"' % gen("pypi"), "pypi")
    f.add("build:\n  stage: build\n  script:")
    f.add("    - git clone https://oauth2:%s@gitlab.com/acme/infra.git" % gen("gitlab"), "gitlab")
    f.add("    - ./scripts/build.sh --release")
    f.add("deploy:\n  stage: deploy\n  script:")
    f.add("    - curl -H \"Authorization: token %s\" https://api.github.com/user" % gen("github-refresh"), "github-refresh")
    f.look("    - echo checking %s" % crc_token("npm_", good=False), "npm")
    f.neg("    - echo $CI_COMMIT_SHA 1f0e3dad99908345f7439f8ffabdffc4")

    # ---- toml
    f = c.f("bots/notifier/config.toml")
    f.add("[service]")
    f.add('name = "notifier"')
    f.neg('version = "2.7.1"')
    f.add("")
    f.add("[slack]")
    emit(f, "toml", ["slack-bot", ("neg", 'channel = "#alerts"'), "slack-webhook"])
    f.add("")
    f.add("[discord]")
    emit(f, "toml", ["discord-webhook", ("neg", 'invite = "https://discord.gg/acme"')])
    f.add("")
    f.add("[telegram]")
    emit(f, "toml", ["telegram", ("neg", 'chat_id = "-1001234567890"')])
    f.add("")
    f.add("[email]")
    emit(f, "toml", ["sendgrid", "mailgun", ("neg", 'from = "noreply@acme.io"')])

    # ---- ini
    f = c.f("shop/config/settings.ini")
    f.add("[general]")
    f.add("debug = false")
    f.neg("secret_key_file = /etc/shop/secret.key")
    f.add("")
    f.add("[stripe]")
    emit(f, "ini", ["stripe", "stripe-restricted", ("neg", "publishable_key = pk_test_TYooMQauvdEDq54NiTphI7jx")])
    f.add("")
    f.add("[shopify]")
    emit(f, "ini", ["shopify", "shopify-shared-secret", ("neg", "api_version = 2024-04")])
    f.add("")
    f.add("[mail]")
    emit(f, "ini", ["mailchimp", ("neg", "list_id = a1b2c3d4e5"), "twilio",
                    ("neg", "twilio_account_sid = ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")])

    # ---- docker-compose
    f = c.f("docker-compose.yml")
    f.add("services:")
    f.add("  api:")
    f.add("    image: acme/api:1.9.0")
    f.add("    environment:")
    emit(f, "compose", ["stripe", "slack-user",
                        ("neg", "      DATABASE_URL: ${DATABASE_URL}"),
                        "twilio", "sendgrid",
                        ("neg", "      SENTRY_DSN: ${SENTRY_DSN:-}")])
    f.add("  db:")
    f.add("    image: postgres:16.3")
    f.add("    environment:")
    f.add("      POSTGRES_USER: acme")
    f.add("      POSTGRES_PASSWORD: " + mixed(), "generic-password")
    f.neg("      POSTGRES_DB: acme")
    f.add("  worker:")
    f.add("    image: acme/worker:1.9.0")
    f.add("    environment:")
    emit(f, "compose", ["telegram", "discord-webhook", ("neg", "      WORKER_PASSWORD_FILE: /run/secrets/worker_password")])

    # ---- kubernetes secret
    f = c.f("k8s/observability/secrets.yaml")
    f.add("apiVersion: v1\nkind: Secret\nmetadata:\n  name: observability-credentials\n  namespace: monitoring")
    f.add("type: Opaque")
    f.add("stringData:")
    emit(f, "k8s", ["grafana", "newrelic", "sentry", "dynatrace",
                    ("neg", '  grafana-url: "https://acme.grafana.net"'),
                    "grafana-cloud"])
    f.add("---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: tokens-template")
    f.add("stringData:")
    f.neg('  grafana-token: "<token>"')
    f.neg('  newrelic-key: "${NEW_RELIC_API_KEY}"')
    f.add("data:")
    f.neg("  readme: " + base64.b64encode(b"This secret is populated by the external-secrets operator.").decode())
    f.add("---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:")
    f.add("      containers:\n        - name: agent\n          env:\n            - name: NEW_RELIC_LICENSE_KEY")
    f.neg("              valueFrom:\n                secretKeyRef:\n                  name: observability-credentials\n"
          "                  key: newrelic-key")

    # ---- terraform
    f = c.f("infra/terraform/main.tf")
    f.add('terraform {\n  required_version = ">= 1.6.0"\n}')
    f.add('provider "pulumi" {}')
    f.add('provider "aws" {\n  region     = "eu-west-1"')
    f.add('  access_key = "%s"' % gen("aws"), "aws")
    f.add('  secret_key = "%s"' % gen("aws-secret"), "aws-secret")
    f.add("}")
    f.add('provider "alicloud" {')
    f.add('  access_key = "%s"' % gen("alibaba"), "alibaba")
    f.neg('  secret_key = var.alicloud_secret_key')
    f.add("}")
    f.add('variable "db_password" {\n  type      = string\n  sensitive = true\n}')
    f.neg('resource "aws_secretsmanager_secret" "db" {\n  name = "prod/db/password"\n}')
    f.add('provider "planetscale" {')
    f.add('  service_token = "%s"' % gen("planetscale"), "planetscale")
    f.add("}")
    f.add('provider "buildkite" {\n  organization = "acme"')
    f.add('  api_token    = "%s"' % gen("buildkite"), "buildkite")
    f.add("}")
    f = c.f("infra/terraform/prod.tfvars")
    f.add('region = "eu-west-1"')
    emit(f, "tf", ["supabase", "pulumi", ("neg", 'db_password = "REPLACE_ME"'), "linear", "airtable",
                   ("neg", 'ami_id = "ami-0c55b159cbfafe1f0"')])
    f.add('db_password = "%s"' % mixed(), "generic-password")

    # ---- dockerfile
    f = c.f("tools/docs-bot/Dockerfile")
    f.add("FROM python:3.12-slim@sha256:" + rs(HEX, 64))
    f.c.negatives += 1
    f.add("ARG NOTION_TOKEN=" + gen("notion"), "notion")
    emit(f, "docker", ["figma", "contentful", ("neg", "ENV PIP_NO_CACHE_DIR=1"), "postman", "atlassian",
                       ("neg", "ENV JIRA_API_TOKEN=${JIRA_API_TOKEN}")])
    f.add("WORKDIR /app\nCOPY . .")
    f.add("RUN pip install -r requirements.txt")
    f.add('CMD ["python", "-m", "docsbot"]')

    # ---- keys
    for path, kind, pid in (("keys/legacy/id_rsa", "rsa", "private-key-rsa"),
                            ("keys/deploy/id_ed25519", "openssh", "private-key-openssh"),
                            ("keys/tls/server-ec.key", "ec", "private-key-ec"),
                            ("keys/tls/worker.key", "pkcs8", "private-key-pkcs8")):
        f = c.f(path)
        f.add(pem(kind), pid)
    f = c.f("keys/tls/service.pem")  # bundle: cert first, then key
    f.neg(public_pem("CERTIFICATE"))
    f.add(pem("pkcs8"), "private-key-pkcs8")
    f = c.f("keys/tls/ca-bundle.crt")
    f.neg(public_pem("CERTIFICATE"))
    f.neg(public_pem("CERTIFICATE"))
    f = c.f("keys/deploy/id_ed25519.pub")
    f.neg(ssh_pub("deploy@ci"))
    f = c.f("keys/jwt/public.pem")
    f.neg(public_pem())
    f = c.f("home/dev/.ssh/authorized_keys")
    f.neg(ssh_pub("ada@workstation"))
    f.neg(ssh_pub("linus@laptop"))
    f.add("# rotated 2024-03-01")
    f = c.f("keys/putty/jumphost.ppk")
    pub = base64.b64encode(b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00 " + rbytes(32)).decode()
    f.add("PuTTY-User-Key-File-3: ssh-ed25519", "putty")
    f.add("Encryption: none\nComment: eddsa-key-20240312\nPublic-Lines: 2")
    f.add(pub[:64] + "\n" + pub[64:])
    f.add("Private-Lines: 1\n" + base64.b64encode(b"\x00\x00\x00 " + rbytes(32)).decode())
    f.add("Private-MAC: " + rs(HEX, 64))
    f = c.f("keys/age/backup.txt")
    f.add("# created: 2024-05-02T10:11:12+02:00")
    f.neg("# public key: age1" + rs(BECH32, 58))
    f.add(gen("age"), "age")

    # ---- gcp service account json
    for path, proj in (("infra/gcp/sa-deployer.json", "acme-prod-4711"), ("ml/credentials/vertex-sa.json", "acme-ml-0815")):
        f = c.f(path)
        key = pem("pkcs8").replace("\n", "\\n") + "\\n"
        f.add("{")
        f.add('  "type": "service_account",')
        f.add('  "project_id": "%s",' % proj)
        f.add('  "private_key_id": "%s",' % rs(HEX, 40))
        f.add('  "private_key": "%s",' % key, "gcp-service-account")
        f.add('  "client_email": "deployer@%s.iam.gserviceaccount.com",' % proj)
        f.add('  "client_id": "%s",' % rs(DIG, 21))
        f.add('  "auth_uri": "https://accounts.google.com/o/oauth2/auth",')
        f.add('  "token_uri": "https://oauth2.googleapis.com/token",')
        f.add('  "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",')
        f.add('  "universe_domain": "googleapis.com"')
        f.add("}")

    # ---- credential files
    f = c.f("home/dev/.netrc")
    f.add("machine api.heroku.com\n  login ada@acme.io")
    f.add("  password " + mixed(24), "netrc", at=0)
    f.add("machine github.com\n  login octocat")
    f.add("  password " + gen("github"), "github")
    f.add("machine ftp.acme.local login backup password " + mixed(20), "netrc")
    f.neg("machine localhost login test password test")
    f = c.f("home/dev/.pgpass")
    f.add("# hostname:port:database:username:password")
    f.add("db.internal.acme.io:5432:orders:app:" + mixed(22), "pgpass")
    f.add("10.0.3.17:5432:*:reporting:" + mixed(18), "pgpass")
    f.neg("localhost:5432:*:postgres:postgres")
    f = c.f("home/dev/.docker/config.json")
    auth = base64.b64encode(("acmebot:" + mixed(24)).encode()).decode()
    auth2 = base64.b64encode(("_json_key_base64:" + mixed(30)).encode()).decode()
    f.add('{\n  "auths": {\n    "https://index.docker.io/v1/": {')
    f.add('      "auth": "%s"' % auth, "docker-config-auth")
    f.add('    },\n    "europe-docker.pkg.dev": {')
    f.add('      "auth": "%s"' % auth2, "docker-config-auth")
    f.add('    },\n    "ghcr.io": {}\n  },')
    f.neg('  "credsStore": "desktop"')
    f.add("}")
    f = c.f("home/dev/.s3cfg")
    f.add("[default]")
    f.add("access_key = " + gen("aws"), "aws")
    f.add("secret_key = " + gen("aws-secret"), "aws-secret")
    f.add("host_base = s3.amazonaws.com\nhost_bucket = %(bucket)s.s3.amazonaws.com\nuse_https = True")
    f = c.f("site/wp-config.php")
    f.add("<?php\n/** The name of the database for WordPress */")
    f.add("define( 'DB_NAME', 'wp_prod' );\ndefine( 'DB_USER', 'wp_admin' );")
    f.add("define( 'DB_PASSWORD', '%s' );" % mixed(20), "wp-config")
    f.add("define( 'DB_HOST', 'localhost' );")
    f.neg("define( 'AUTH_KEY',         'put your unique phrase here' );")
    f.neg("define( 'SECURE_AUTH_KEY',  'put your unique phrase here' );")
    f.add("$table_prefix = 'wp_';")
    f = c.f("site/.htpasswd")
    for u in ("admin", "deploy", "monitor"):
        f.add("%s:%s" % (u, bcrypt_hash()), "htpasswd")

    # ---- connection strings in several formats
    f = c.f("services/orders/.env.production")
    f.add("NODE_ENV=production")
    f.add("DATABASE_URL=" + db_url("postgres"), "postgres-url")
    f.neg("DATABASE_URL_TEMPLATE=postgresql://user:password@localhost:5432/dbname")
    f.add("MONGODB_URI=" + db_url("mongodb"), "mongodb-url")
    f.add("REDIS_URL=" + db_url("redis"), "redis-url")
    f.neg("CACHE_URL=redis://cache.acme.local:6379/1")
    f.add("AMQP_URL=" + db_url("amqp"), "amqp-url")
    f.add("MYSQL_URL=" + db_url("mysql"), "mysql-url")
    f.add("SLACK_WEBHOOK_URL=" + gen("slack-webhook"), "slack-webhook")
    f.neg("PUBLIC_API_BASE=https://api.acme.io/v2")

    # ---- xml: .NET app.config and Maven settings.xml
    f = c.f("dotnet/Acme.Worker/App.config")
    f.add('<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <connectionStrings>')
    f.add('    <add name="Ledger" connectionString="Server=tcp:acme-sql.database.windows.net,1433;Database=ledger;'
          'User ID=ledger_app;Password=%s;Encrypt=True;" providerName="System.Data.SqlClient" />' % mixed(22),
          "mssql-connection-string")
    f.neg('    <add name="Local" connectionString="Server=(localdb)\\MSSQLLocalDB;Integrated Security=true;" />')
    f.add('    <add name="Blobs" connectionString="%s" />' % azure_storage_conn(), "azure-storage")
    f.add("  </connectionStrings>\n  <appSettings>")
    emit(f, "xml", ["sendgrid", ("neg", '    <add key="PasswordResetUrl" value="https://acme.io/reset" />'),
                    "azure-ad-secret", ("neg", '    <add key="ClientSecret" value="" />')])
    f.add("  </appSettings>\n</configuration>")
    f = c.f("build/maven/settings.xml")
    f.add("<settings>\n  <servers>\n    <server>\n      <id>acme-releases</id>\n      <username>deployer</username>")
    f.add("      <password>%s</password>" % mixed(24), "maven-password")
    f.add("    </server>\n    <server>\n      <id>github</id>\n      <username>acme-ci</username>")
    f.add("      <password>%s</password>" % gen("github"), "github")
    f.add("    </server>\n    <server>\n      <id>snapshots</id>\n      <username>deployer</username>")
    f.neg("      <password>${env.MAVEN_PASSWORD}</password>")
    f.add("    </server>\n  </servers>\n</settings>")
    f = c.f("services/ledger/src/main/resources/application.properties")
    f.add("spring.application.name=ledger")
    f.add("spring.datasource.url=" + db_url("jdbc"), "jdbc-url")
    f.add("spring.datasource.username=ledger")
    f.neg("spring.datasource.password=${LEDGER_DB_PASSWORD}")
    f.add("spring.rabbitmq.password=" + mixed(20), "generic-password")

    # ---- MCP configs
    gh, brave, pg = gen("github-fine-grained"), "BSA" + rs(ALNUM, 28), db_url("postgres")
    lin, sl = gen("linear"), gen("slack-bot")
    cfg = {"mcpServers": {
        "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                   "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": gh}},
        "brave-search": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-brave-search"],
                         "env": {"BRAVE_API_KEY": brave}},
        "postgres": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres", pg]},
        "filesystem": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem",
                                                  "/Users/ada/projects"]},
        "linear": {"command": "npx", "args": ["-y", "mcp-remote", "https://mcp.linear.app/sse"],
                   "env": {"LINEAR_API_KEY": lin}},
        "slack": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-slack"],
                  "env": {"SLACK_BOT_TOKEN": sl, "SLACK_TEAM_ID": "T01ABCDEF23"}},
        "notion-template": {"command": "npx", "args": ["-y", "@notionhq/notion-mcp-server"],
                            "env": {"NOTION_TOKEN": "ntn_****"}}}}
    f = c.f("home/ada/Library/Application Support/Claude/claude_desktop_config.json")
    f.located(json.dumps(cfg, indent=2), [(gh, "github-fine-grained"), (brave, "brave-search"),
                                          (pg, "postgres-url"), (lin, "linear"), (sl, "slack-bot")])
    c.negatives += 2
    an, ex, tv, fc = gen("anthropic"), gen("xai"), gen("tavily"), "fc-" + rs(HEX, 32)
    cfg = {"mcpServers": {
        "tavily": {"command": "npx", "args": ["-y", "tavily-mcp@0.1.4"], "env": {"TAVILY_API_KEY": tv}},
        "firecrawl": {"command": "npx", "args": ["-y", "firecrawl-mcp"], "env": {"FIRECRAWL_API_KEY": fc}},
        "reviewer": {"command": "uvx", "args": ["llm-review-mcp"],
                     "env": {"ANTHROPIC_API_KEY": an, "XAI_API_KEY": ex, "OPENAI_API_KEY": "${env:OPENAI_API_KEY}"}},
        "remote": {"url": "https://mcp.acme.io/sse", "headers": {"Authorization": "Bearer ${input:acme-token}"}}}}
    f = c.f("web/.cursor/mcp.json")
    f.located(json.dumps(cfg, indent=2), [(tv, "tavily"), (fc, "firecrawl"), (an, "anthropic"), (ex, "xai")])
    c.negatives += 2

    # ---- package.json / package-lock.json
    f = c.f("web/package.json")
    pkg = {"name": "@acme/web", "version": "3.2.0-beta.4", "private": True,
           "scripts": {"build": "vite build", "test": "vitest run",
                       "deploy": "vercel deploy --prod --token " + rs(ALNUM, 24)},
           "dependencies": {"openai": "^4.52.0", "@anthropic-ai/sdk": "^0.24.3", "dotenv": "^16.4.5"},
           "repository": "https://github.com/acme/web.git"}
    f.located(json.dumps(pkg, indent=2), [(pkg["scripts"]["deploy"], "vercel")])
    c.negatives += 3
    f = c.f("web/package-lock.json")
    lock = {"name": "@acme/web", "lockfileVersion": 3, "requires": True, "packages": {}}
    for name in ("openai", "dotenv", "zod", "undici", "@anthropic-ai/sdk", "node-fetch", "tslib", "semver"):
        lock["packages"]["node_modules/" + name] = {
            "version": "%d.%d.%d" % (R.randint(0, 9), R.randint(0, 30), R.randint(0, 20)),
            "resolved": "https://registry.npmjs.org/%s/-/%s-1.0.0.tgz" % (name, name.split("/")[-1]),
            "integrity": "sha512-" + base64.b64encode(rbytes(64)).decode()}
        c.negatives += 1
    f.add(json.dumps(lock, indent=2))

    # ---- jupyter notebook
    oa, hf, wb = gen("openai"), gen("huggingface"), rs(HEX, 40)
    jw = jwt()
    nb = {"cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Fine-tuning experiment\n", "Uses the OpenAI API.\n"]},
        {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [], "source": [
            "import os\n", "from openai import OpenAI\n", "\n",
            "client = OpenAI(api_key=\"%s\")\n" % oa, "login(token=os.environ['HF_TOKEN'])"]},
        {"cell_type": "code", "execution_count": 2, "metadata": {}, "source": ["!huggingface-cli login --token " + hf],
         "outputs": [{"name": "stdout", "output_type": "stream", "text": ["Token is valid (permission: write).\n"]}]},
        {"cell_type": "code", "execution_count": 3, "metadata": {}, "source": ["import wandb\n", "wandb.login()"],
         "outputs": [{"name": "stderr", "output_type": "stream", "text": [
             "wandb: Appending key for api.wandb.ai to your netrc file\n",
             "wandb: WANDB_API_KEY=%s\n" % wb]}]},
        {"cell_type": "code", "execution_count": 4, "metadata": {}, "source": ["resp = requests.post(url, json=creds)\n",
                                                                              "resp.json()"],
         "outputs": [{"data": {"text/plain": ["{'access_token': '%s',\n" % jw, " 'expires_in': 3600}"]},
                      "execution_count": 4, "metadata": {}, "output_type": "execute_result"}]},
        {"cell_type": "code", "execution_count": 5, "metadata": {}, "outputs": [], "source": [
            "tokenizer = AutoTokenizer.from_pretrained('bert-base-uncased')\n", "api_key = getpass.getpass()"]}],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4, "nbformat_minor": 5}
    f = c.f("notebooks/finetune.ipynb")
    f.located(json.dumps(nb, indent=1), [(oa, "openai"), (hf, "huggingface"), (wb, "wandb"), (jw, "jwt")])
    c.negatives += 2

    # ---- chat transcripts (JSONL)
    f = c.f("chats/support-session-0412.jsonl")
    turns = [
        ("user", "My script fails with 401. Here is my key: %s can you check it?", "openai"),
        ("assistant", "Please never share API keys. Rotate that key at https://platform.openai.com/api-keys "
                      "and load it from the OPENAI_API_KEY environment variable instead.", None),
        ("user", "ok, what about this anthropic one %s, is the format right?", "anthropic"),
        ("assistant", "The format sk-ant-api03-... is correct, but use a placeholder like sk-ant-xxxx in chats.", None),
        ("user", "And for groq I set GROQ_API_KEY=%s in my shell", "groq"),
        ("assistant", "Use `export GROQ_API_KEY=$(pass show groq)` so it is not in your history.", None),
        ("user", "the curl I run is: curl -H 'Authorization: Bearer %s' https://api.acme.io/v1/me", "jwt"),
        ("assistant", "That bearer token is a JWT; its header decodes to {\"alg\":...}. Revoke it.", None),
        ("user", "here's the webhook that posts to our channel %s", "slack-webhook"),
        ("user", "and openrouter: %s", "openrouter"),
        ("assistant", "Thanks. Your model id `meta-llama/llama-3.1-8b-instruct` is fine; tokenizer settings look right.", None),
        ("user", "last one, my perplexity key %s (the old one was pplx-xxxxxxxxxxxxxxxx)", "perplexity"),
    ]
    for role, text, pid in turns:
        if pid:
            f.add(json.dumps({"role": role, "content": text % gen(pid)}), pid)
        else:
            f.neg(json.dumps({"role": role, "content": text}))
    f = c.f("chats/agent-run-77.jsonl")
    for role, text, pid in [
            ("system", "You are a coding agent. Tools: shell, read_file.", None),
            ("user", "deploy the staging stack", None),
            ("tool", "$ cat .env\nAPP_ENV=staging\nSTRIPE_SECRET_KEY=%s\nLOG_LEVEL=debug", "stripe"),
            ("assistant", "I found a live Stripe key in .env; I will not print it again.", None),
            ("tool", "$ printenv | grep TOKEN\nDIGITALOCEAN_TOKEN=%s", "digitalocean"),
            ("tool", "$ git remote -v\norigin https://x-access-token:%s@github.com/acme/app.git (fetch)", "github-app"),
            ("tool", "$ cat ~/.config/gh/hosts.yml\ngithub.com:\n    oauth_token: %s\n    user: ada", "github-oauth"),
            ("assistant", "Deployment finished. Commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904 is live.", None)]:
        if pid:
            f.add(json.dumps({"role": role, "content": text % gen(pid)}), pid)
        else:
            f.neg(json.dumps({"role": role, "content": text}))

    # ---- markdown chat export
    f = c.f("chats/exports/2024-06-chat-with-assistant.md")
    f.add("# Chat export: setting up the ingest pipeline\n\n**User:**\n")
    f.add("I keep getting `invalid_api_key`. I'm using `%s` for replicate." % gen("replicate"), "replicate")
    f.add("\n**Assistant:**\n\nReplicate tokens start with `r8_`. Store it as `REPLICATE_API_TOKEN`, e.g.:\n")
    f.neg("```bash\nexport REPLICATE_API_TOKEN=<your-token>\n```", 3)
    f.add("\n**User:**\n\nHere is my full config:\n\n```yaml")
    f.add("pinecone_api_key: " + gen("pinecone"), "pinecone")
    f.add("fireworks_api_key: " + gen("fireworks"), "fireworks")
    f.neg("index_name: ingest-v2\nembedding_model: text-embedding-3-small", 2)
    f.add("langsmith_api_key: " + gen("langsmith"), "langsmith")
    f.add("```\n\n**Assistant:**\n\nAll three keys are now exposed in this chat; rotate them. The Hugging Face")
    f.add("token you pasted earlier (%s) should be revoked too." % gen("huggingface"), "huggingface")
    f.neg("See https://huggingface.co/docs/hub/security-tokens for details. Example: hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")

    # ---- ci log
    f = c.f("logs/ci/build-8812.log")
    ts = lambda i: "2024-06-03T09:14:%02d.%03dZ " % (i % 60, R.randint(0, 999))
    f.add(ts(1) + "##[group]Run actions/checkout@v4")
    f.neg(ts(2) + "Syncing repository: acme/api at 9fceb02d0ae598e95dc970b74767f19372d61af8")
    f.add(ts(3) + "+ docker login -u acmebot -p %s registry.acme.io" % mixed(22), "generic-password")
    f.neg(ts(4) + "WARNING! Using --password via the CLI is insecure. Use --password-stdin.")
    f.add(ts(5) + "+ curl -sf -H 'Authorization: Bearer %s' https://api.acme.io/deploy" % rs(ALNUM + "-._", 36), "bearer-token")
    f.add(ts(6) + "+ curl -sf -H 'Authorization: Basic %s' https://nexus.acme.io/repo" % base64.b64encode(
        ("ci:" + mixed(20)).encode()).decode(), "basic-auth")
    f.neg(ts(7) + "+ curl -sf -H 'Authorization: Bearer ***' https://api.acme.io/status")
    f.add(ts(8) + "+ ./deploy.sh --db-password=%s --region eu-west-1" % mixed(18), "generic-password")
    f.add(ts(9) + "Using DATABRICKS_TOKEN=%s" % gen("databricks"), "databricks")
    f.neg(ts(10) + "Downloaded https://repo1.maven.org/maven2/org/slf4j/slf4j-api/2.0.13/slf4j-api-2.0.13.jar "
          "sha1=6ec2b6e1ba4bb5b2bcc1e0c3e6a0e5b3b8e8d0a1")
    f.add(ts(11) + "npm notice Publishing with token %s" % gen("npm"), "npm")
    f.add(ts(12) + "Error: request to https://api.sendgrid.com failed, key=%s" % gen("sendgrid"), "sendgrid")
    f.neg(ts(13) + "Run ID 6b3a55e0-8d7f-4c3b-9d7a-2f0e1c9b8a7d finished with password_policy=strict")
    f.add(ts(14) + "##[endgroup]")

    # ---- bash history
    f = c.f("home/dev/.bash_history")
    f.add("cd ~/src/api && git pull")
    f.add("export OPENAI_API_KEY=" + gen("openai-legacy"), "openai-legacy")
    f.add("mysql -u root -p%s shop" % mixed(16), "generic-password")
    f.neg("mysql -u root -p shop")
    f.add("aws configure set aws_secret_access_key " + gen("aws-secret"), "aws-secret")
    f.add("echo %s | gh auth login --with-token" % gen("github"), "github")
    f.add("curl -u admin:%s https://jenkins.acme.io/api/json" % mixed(20), "basic-auth")
    f.neg("curl -u admin https://jenkins.acme.io/api/json")
    f.add("vault login " + gen("vault"), "vault")
    f.add("doctl auth init -t " + gen("digitalocean"), "digitalocean")
    f.neg("kubectl get secret app-secrets -o jsonpath='{.data.password}' | base64 -d")
    f.add("export HF_TOKEN=" + gen("huggingface"), "huggingface")
    f.add("psql " + db_url("postgres"), "postgres-url")
    f.neg("git log --oneline | head -n 20")
    f.add('export XAI_API_KEY="%s"' % gen("xai"), "xai")

    # ---- python service module
    f = c.f("services/voice/voice/providers.py")
    f.add('"""Provider clients for the voice pipeline."""\nimport os\n\nfrom .http import Client\n')
    emit(f, "py", ["elevenlabs", ("neg", 'ELEVENLABS_VOICE_ID = "21m00Tcm4TlvDq8ikWAM"'),
                   "deepseek", "mistral", ("neg", 'MISTRAL_MODEL = "mistral-large-2407"'),
                   "cohere", ("neg", 'COHERE_API_KEY = os.getenv("COHERE_API_KEY", "")'),
                   ("neg", 'password_field = "password"'),
                   ("neg", 'SECRET_SAUCE_RECIPE_URL = "https://wiki.acme.io/voice/architecture"')])
    f.add("\n\ndef make_client(api_key: str) -> Client:\n    return Client(base_url=\"https://api.acme.io\", api_key=api_key)")

    # ---- go deploy tool
    f = c.f("tools/shipit/main.go")
    f.add('package main\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nconst (')
    emit(f, "go", ["heroku", "flyio", ("neg", '\tflyApp = "acme-edge"'), "circleci", "1password",
                   ("neg", '\topVault = "op://Engineering/shipit/credential"'), "cloudflare",
                   ("neg", '\tzoneID = "023e105f4ecef8ad9ca31a8372d0c353"')])
    f.add(")\n\nfunc main() {\n\tfmt.Println(os.Getenv(\"FLY_API_TOKEN\") != \"\")\n}")

    # ---- ruby shipping integration
    f = c.f("shop/app/services/fulfilment.rb")
    f.add("class Fulfilment")
    emit(f, "rb", ["shippo", "easypost", ("neg", "  CARRIER = 'usps'"), "square", "square-secret",
                   ("neg", "  SQUARE_LOCATION = ENV['SQUARE_LOCATION_ID']")])
    f.add("end")

    # ---- helm production values
    f = c.f("deploy/charts/platform/values-prod.yaml")
    f.add("replicaCount: 3\nimage:\n  repository: ghcr.io/acme/platform")
    f.neg("  tag: 2.14.0")
    f.add("secrets:")
    emit(f, "yaml", ["okta", "datadog", "mapbox", ("neg", '  datadog_site: "datadoghq.eu"'), "adafruit",
                     ("neg", '  okta_issuer: "https://acme.okta.com/oauth2/default"')])
    f.add("existingSecrets:")
    f.neg("  okta: {{ .Values.global.oktaSecretName }}")
    f.neg('  datadog_api_key: "{{ .Values.secrets.datadog_api_key }}"')
    f.add("ingress:\n  enabled: true\n  hosts:\n    - platform.acme.io")

    # ---- checksum look-alikes (wrong CRC32 tail) in a test module
    f = c.f("services/auth/tests/test_token_shapes.py")
    f.add('"""Shape tests: these strings have the right prefix and length but a wrong checksum."""')
    f.add("import pytest\n\nfrom auth.tokens import looks_valid\n\nBAD_CHECKSUM = [")
    for pre, pid in (("ghp_", "github"), ("gho_", "github-oauth"), ("ghu_", "github-app"), ("ghr_", "github-refresh"),
                     ("npm_", "npm"), ("ghp_", "github"), ("npm_", "npm")):
        f.look('    "%s",' % crc_token(pre, good=False), pid)
    f.add("]\n\n\n@pytest.mark.parametrize(\"tok\", BAD_CHECKSUM)\ndef test_rejects_bad_checksum(tok):")
    f.add("    assert not looks_valid(tok)\n")
    f.neg('def test_placeholder():\n    assert not looks_valid("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")')
    f.neg('    assert not looks_valid("npm_" + "0" * 36)')
    f = c.f("web/src/__fixtures__/tokens.ts")
    f.add("// random strings shaped like npm/GitHub tokens; checksums deliberately wrong")
    f.look("export const fakeNpm = '%s';" % crc_token("npm_", good=False), "npm")
    f.look("export const fakeGh = '%s';" % crc_token("ghp_", good=False), "github")
    f.look("export const fakeGhs = '%s';" % crc_token("ghs_", good=False), "github-app")

    # ---- lock files and checksums (negatives)
    f = c.f("services/voice/poetry.lock")
    for name in ("httpx", "pydantic", "anyio", "certifi", "idna"):
        f.add('[[package]]\nname = "%s"\nversion = "%d.%d.%d"\noptional = false\npython-versions = ">=3.8"\nfiles = [' % (
            name, R.randint(0, 5), R.randint(0, 30), R.randint(0, 9)))
        f.neg('    {file = "%s-1.0-py3-none-any.whl", hash = "sha256:%s"},' % (name, rs(HEX, 64)))
        f.neg('    {file = "%s-1.0.tar.gz", hash = "sha256:%s"},' % (name, rs(HEX, 64)))
        f.add("]\n")
    f = c.f("tools/shipit/go.sum")
    for mod in ("github.com/spf13/cobra v1.8.0", "golang.org/x/sys v0.21.0", "github.com/stretchr/testify v1.9.0"):
        f.neg("%s h1:%s=" % (mod, base64.b64encode(rbytes(32)).decode()[:43]))
        f.neg("%s/go.mod h1:%s=" % (mod, base64.b64encode(rbytes(32)).decode()[:43]))
    f = c.f("tools/scanner-rs/Cargo.lock")
    f.add("# This file is automatically @generated by Cargo.\nversion = 3\n")
    for name in ("aho-corasick", "regex", "memchr", "serde"):
        f.add('[[package]]\nname = "%s"\nversion = "1.%d.%d"' % (name, R.randint(0, 20), R.randint(0, 9)))
        f.add('source = "registry+https://github.com/rust-lang/crates.io-index"')
        f.neg('checksum = "%s"\n' % rs(HEX, 64))

    # ---- documentation full of placeholders and harmless high-entropy strings
    f = c.f("docs/configuration.md")
    f.add("# Configuration\n\nSet the following environment variables before starting the service:\n")
    f.add("```bash")
    for line in ("export OPENAI_API_KEY=sk-...", "export ANTHROPIC_API_KEY=<your-anthropic-key>",
                 "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
                 "export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                 "export GITHUB_TOKEN=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "export STRIPE_SECRET_KEY=sk_test_...",
                 "export DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DB", "export SLACK_BOT_TOKEN=xoxb-your-token",
                 "export HF_TOKEN=hf_********************************", "export PASSWORD=changeme"):
        f.neg(line)
    f.add("```\n")
    f.neg("The password field (`password_field`) is validated by `validate_password()` in `auth/forms.py`.")
    f.neg("Release notes are signed; the release commit is `e83c5163316f89bfbde7d9ab23ca2e25604af290`.")
    f.neg("Request IDs look like `9b2f4c1a-7e3d-4f5a-8c6b-0d1e2f3a4b5c`.")
    f.neg("A base64 example: `%s`." % base64.b64encode(b"The quick brown fox jumps over the lazy dog.").decode())
    f.neg("Our tokenizer is `tiktoken` 0.7.0; the secretName in the chart is `platform-secrets`.")
    f.neg("Call `getApiKey()` or `client.get_secret(name)`; never hard-code the token.")
    f.neg("Docs live at https://docs.acme.io/v2/auth/tokens and the installer at /usr/local/bin/acme-1.2.3.")
    f.neg("`Authorization: Bearer <token>` and `Authorization: Basic <base64(user:pass)>` headers are accepted.")
    f.neg("In CI, use `${{ secrets.DEPLOY_KEY }}`; locally, `{{ vault_password }}` comes from Ansible Vault.")
    f.neg("The sha256 of the tarball is `%s`." % rs(HEX, 64))
    f.neg("Integrity: `sha384-%s`" % base64.b64encode(rbytes(48)).decode())

    # ---- generic assignments
    f = c.f("backend/app/settings_prod.py")
    f.add("from .base import *  # noqa\n\nDEBUG = False")
    f.add('SECRET_KEY = "%s"' % mixed(40), "generic-secret")
    f.neg('SECRET_KEY_FALLBACKS = []')
    f.add('DATABASES["default"]["PASSWORD"] = "%s"' % mixed(20), "generic-password")
    f.add('SOCIAL_AUTH_GITHUB_SECRET = "%s"' % rs(HEX, 40), "generic-secret")
    f.neg('SOCIAL_AUTH_GITHUB_KEY = os.environ["GITHUB_CLIENT_ID"]')
    f.add('EMAIL_HOST_PASSWORD = "%s"' % mixed(16), "generic-password")
    f.neg('AUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}]')
    f.add('oauth = OAuth2Session(client_id="acme-web", client_secret="%s")' % mixed(32), "generic-secret")
    f.neg('CSRF_COOKIE_NAME = "csrftoken"')
    f = c.f("backend/config/database.yml")
    f.add("default: &default\n  adapter: postgresql\n  encoding: unicode\n  pool: 5\n")
    f.add("development:\n  <<: *default\n  database: acme_dev\n  username: acme")
    f.neg("  password: <%= ENV['DEV_DB_PASSWORD'] %>")
    f.add("\nproduction:\n  <<: *default\n  database: acme_prod\n  username: acme_prod")
    f.add("  password: " + mixed(24), "generic-password")
    f.add("\nreporting:\n  <<: *default\n  url: " + db_url("postgres"), "postgres-url", at=3)
    f = c.f("web/src/api/http.js")
    f.add("import axios from 'axios';\n")
    f.add("const client = axios.create({\n  baseURL: 'https://api.acme.io/v2',\n  headers: {")
    f.add("    Authorization: 'Bearer %s'," % rs(ALNUM, 40), "bearer-token")
    f.neg("    'X-Request-Id': crypto.randomUUID(),")
    f.add("  },\n});\n")
    f.add("export const adminAuth = { username: 'admin', password: '%s' };" % mixed(18), "generic-password")
    f.neg("export const emptyAuth = { username: '', password: '' };")
    f.add("export const legacy = axios.create({ headers: { Authorization: 'Basic %s' } });" % base64.b64encode(
        ("svc-legacy:" + mixed(16)).encode()).decode(), "basic-auth")
    f.neg("export const bearerFromEnv = () => `Bearer ${process.env.API_TOKEN}`;")
    f.add("export const session = '%s';" % jwt(), "jwt")
    f = c.f("services/billing/src/main/java/com/acme/billing/LegacyGateway.java")
    f.add("package com.acme.billing;\n\nimport java.net.http.HttpRequest;\n\nclass LegacyGateway {")
    f.add('    private static final String API_SECRET = "%s";' % mixed(28), "generic-secret")
    f.add('    private String password = "%s";' % mixed(16), "generic-password")
    f.neg('    private String passwordHint = "Use at least 12 characters";')
    f.add("    HttpRequest req(String url) {")
    f.add('        return HttpRequest.newBuilder().header("Authorization", "Bearer %s")' % rs(URLSAFE, 48), "bearer-token")
    f.add("            .uri(java.net.URI.create(url)).build();\n    }\n}")
    f = c.f("scripts/deploy.sh")
    f.add("#!/usr/bin/env bash\nset -euo pipefail\n")
    f.neg('PASSWORD="${DEPLOY_PASSWORD:?set DEPLOY_PASSWORD}"')
    f.add("./bin/migrate --db-user=app --db-password='%s' --env=prod" % mixed(20), "generic-password")
    f.add("helm upgrade platform ./charts/platform --set secrets.apiKey=%s" % rs(ALNUM, 32), "generic-api-key")
    f.neg("helm upgrade platform ./charts/platform --set secrets.apiKey=$API_KEY")
    f.add("mongodump --uri '%s' --out /backups/$(date +%%F)" % db_url("mongodb"), "mongodb-url")
    f.add("sshpass -p '%s' ssh deploy@bastion.acme.io" % mixed(18), "generic-password")
    f.add('curl -X POST -H "X-Api-Key: %s" https://hooks.acme.io/deploy' % rs(HEX, 40), "generic-api-key")
    f.neg('curl -X POST -H "X-Api-Key: $HOOK_KEY" https://hooks.acme.io/deploy')
    f = c.f("config/application.yml")
    f.add("spring:\n  security:\n    oauth2:\n      client:\n        registration:\n          okta:")
    f.add("            client-id: 0oa%s" % rs(ALNUM, 17))
    f.add("            client-secret: %s" % rs(URLSAFE, 40), "generic-secret")
    f.add("  datasource:\n    url: jdbc:postgresql://db:5432/app\n    username: app")
    f.add("    password: '%s'" % mixed(22), "generic-password")
    f.add("acme:\n  api:")
    f.add("    api_key: %s" % rs(ALNUM, 36), "generic-api-key")
    f.neg("    api_key_header: X-Acme-Key")
    f.add("    auth_token: %s" % rs(HEX, 32), "generic-api-key")
    f.neg("    auth_token_ttl: 3600")

    # ---- per-app .env files mixing many providers
    for path, provs in (("apps/assistant/.env", ["anthropic", "openai-svcacct", "google-api", "xai", "groq",
                                                   "perplexity", "langsmith", "tavily"]),
                        ("apps/storefront/.env.local", ["stripe", "shopify", "sendgrid", "mailchimp", "twilio",
                                                        "slack-webhook", "square", "shippo"]),
                        ("apps/platform/.env.staging", ["vault", "doppler", "terraform-cloud", "dockerhub",
                                                        "digitalocean", "gitlab", "sentry", "grafana"])):
        f = c.f(path)
        f.add("# %s" % path)
        for i, pid in enumerate(provs):
            f.add(assign("env", var(pid), gen(pid)), pid)
            if i % 3 == 1:
                f.neg(R.choice(["%s_PREVIOUS=" % var(pid), "# %s=" % var(pid), "%s=${%s}" % (var(pid), var(pid)),
                                "%s=YOUR_%s" % (var(pid), var(pid)), "%s_FILE=/run/secrets/%s" % (var(pid), var(pid).lower())]))
        aws_pair(f, "env")

    # ---- laravel .env
    f = c.f("legacy/.env")
    f.add("APP_NAME=Legacy\nAPP_ENV=production")
    f.add("APP_KEY=base64:" + base64.b64encode(rbytes(32)).decode(), "laravel-app-key")
    f.add("DB_CONNECTION=mysql\nDB_HOST=127.0.0.1\nDB_DATABASE=legacy\nDB_USERNAME=legacy")
    f.add("DB_PASSWORD=" + mixed(20), "generic-password")
    f.add("MAIL_MAILER=smtp\nMAIL_HOST=smtp.mailgun.org\nMAIL_USERNAME=postmaster@mg.acme.io")
    f.add("MAIL_PASSWORD=" + rs(HEX, 32) + "-" + rs(HEX, 8) + "-" + rs(HEX, 8), "generic-password")
    f.add("MAILGUN_SECRET=" + gen("mailgun"), "mailgun")
    f.neg("PUSHER_APP_SECRET=\nPUSHER_APP_KEY=")

    # ---- .NET appsettings.json
    f = c.f("dotnet/Acme.Api/appsettings.Production.json")
    sql = ("Server=tcp:acme-sql.database.windows.net,1433;Initial Catalog=api;User ID=api;Password=%s;"
           "Encrypt=True;") % mixed(24)
    sb = ("Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
          "SharedAccessKey=%s" % base64.b64encode(rbytes(32)).decode())
    ad = gen("azure-ad-secret")
    st = azure_storage_conn()
    cfg = {"Logging": {"LogLevel": {"Default": "Warning"}},
           "ConnectionStrings": {"Default": sql, "ServiceBus": sb, "Storage": st},
           "AzureAd": {"Instance": "https://login.microsoftonline.com/", "TenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47",
                       "ClientId": "6731de76-14a6-49ae-97bc-6eba6914391e", "ClientSecret": ad},
           "AllowedHosts": "*"}
    f.located(json.dumps(cfg, indent=2), [(sql, "mssql-connection-string"), (sb, "azure-servicebus"),
                                          (st, "azure-storage"), (ad, "azure-ad-secret")])
    c.negatives += 2

    # ---- HAR capture
    f = c.f("logs/har/checkout.har")
    j1, ck = jwt(), rs(URLSAFE, 43)
    har = {"log": {"version": "1.2", "creator": {"name": "Firefox", "version": "127.0"}, "entries": [
        {"request": {"method": "GET", "url": "https://api.acme.io/v2/cart",
                     "headers": [{"name": "Authorization", "value": "Bearer " + j1},
                                 {"name": "Accept", "value": "application/json"}]},
         "response": {"status": 200, "headers": [{"name": "etag", "value": "W/\"%s\"" % rs(HEX, 32)}]}},
        {"request": {"method": "POST", "url": "https://api.acme.io/v2/login",
                     "headers": [{"name": "Cookie", "value": "session=%s" % ck}],
                     "postData": {"mimeType": "application/json", "text": "{\"email\":\"ada@acme.io\",\"password\":\"%s\"}"
                                  % ("Hunter2-" + rs(ALNUM, 12))}},
         "response": {"status": 302, "headers": []}}]}}
    pw = har["log"]["entries"][1]["request"]["postData"]["text"]
    f.located(json.dumps(har, indent=2), [(j1, "jwt"), (ck, "session-cookie"), (json.dumps(pw)[1:-1], "generic-password")])
    c.negatives += 1

    # ---- second markdown chat with cloud creds
    f = c.f("chats/exports/debugging-s3-upload.md")
    f.add("## You\n\nMy boto3 upload fails. Config:\n\n```python\nimport boto3\ns3 = boto3.client(")
    f.add("    's3',")
    f.add("    aws_access_key_id='%s'," % gen("aws"), "aws")
    f.add("    aws_secret_access_key='%s'," % gen("aws-secret"), "aws-secret")
    f.add(")\n```\n\n## ChatGPT\n\nDon't hard-code keys; the docs use `AKIAIOSFODNN7EXAMPLE` as an illustration.")
    f.c.negatives += 1
    f.add("\n## You\n\nAlso the GCP one, `GOOGLE_API_KEY=%s`, and the Databricks token" % gen("google-api"),
          "google-api", at=3)
    f.add("was rotated. New SendGrid key: %s" % gen("sendgrid"), "sendgrid")
    f.add("\n## ChatGPT\n\nNoted. The Telegram bot token you shared earlier (`%s`) should be revoked via BotFather."
          % gen("telegram"), "telegram", at=3)
    f.neg("Replace it with `123456789:ABCdefGhIJKlmNoPQRstuVWxyZ` style placeholders in docs.")


def main():
    c = Corpus()
    build(c)
    c.write()
    for r in c.expected + c.lookalikes:
        fb = c.files[r["path"]]
        if r["line"] > len(fb.lines) or not fb.lines[r["line"] - 1].strip():
            raise SystemExit("bad line for %r" % r)
    provs = sorted({r["provider"] for r in c.expected})
    size = sum(os.path.getsize(os.path.join(dp, fn)) for dp, _, fns in os.walk(ROOT) for fn in fns)
    print("files=%d planted=%d providers=%d lookalikes=%d negatives=%d bytes=%d" % (
        len(c.files), len(c.expected), len(provs), len(c.lookalikes), c.negatives, size))


if __name__ == "__main__":
    main()
