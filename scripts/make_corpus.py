#!/usr/bin/env python3
"""Writes fixtures/corpus/: a recall/precision corpus for keyhound.

    python3 scripts/make_corpus.py

The directory is deleted and rebuilt from scratch on every run. Output is
deterministic (one seeded random.Random, no dependence on hash order, time or
the environment), so re-running reproduces the committed files byte for byte.

What it contains
----------------
* Realistic files in many formats (Python, JS/TS, Go, Java, Ruby, shell,
  .env, docker-compose and Kubernetes YAML, agent-config JSON, VS Code
  settings, TOML, INI, XML, Jupyter notebooks, JSONL chat transcripts,
  Markdown, Terraform, .npmrc, .netrc, curl/HTTP snippets, CI logs).
* Planted FAKE credentials: random values in each provider's documented
  token format (prefixes, lengths, alphabets, and the CRC32/base62 checksum
  of GitHub and npm tokens). None was ever issued by a provider. Generated
  values never contain "example", "test", "dummy", "xxxxx", "1234567", ...
* Hard negatives, both mixed into those files and in files of their own:
  placeholders, documentation keys (AKIAIOSFODNN7EXAMPLE), GitHub/npm
  look-alikes whose checksum is wrong, UUIDs, git SHAs, lockfile integrity
  hashes and checksums, identifiers assigned to secret-sounding names, URLs
  without passwords, version strings, base64 of plain English, public keys
  and certificates, Stripe publishable keys, empty passwords.
* expected.jsonl: one JSON object per planted secret,
  {"path": ..., "line": ..., "provider": ...}, path relative to
  fixtures/corpus, line 1-based where the secret starts (for PEM blocks,
  the BEGIN line). Negatives are not listed.
* README.md explaining the above.

The corpus was written from the providers' public token formats only, not
from keyhound's detection rules, and must not be tuned to any scanner's
output: if a scanner misses a planted secret or flags a negative, that is
what the corpus is for.

At the end the script checks itself: every expected path:line holds the
start of its secret, no line holds two planted secrets, and every .json,
.ipynb and .jsonl file parses.
"""
import base64
import json
import os
import random
import shutil
import string
import uuid
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "fixtures", "corpus"))

SEED = 0x6B657968  # "keyh"
rng = random.Random(SEED)

DIGITS = string.digits
UPPER = string.ascii_uppercase
LOWER = string.ascii_lowercase
LETTERS = string.ascii_letters
ALNUM = LETTERS + DIGITS
UPALNUM = UPPER + DIGITS
HEX = "0123456789abcdef"
B62 = DIGITS + UPPER + LOWER
B64 = ALNUM + "+/"
B64URL = ALNUM + "-_"
BECH32_UP = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"

# Substrings a generated secret must never contain (case-insensitive), so no
# planted value reads like a placeholder or a low-entropy string.
FORBIDDEN = ("example", "xxxxx", "test", "dummy", "1234567", "fake", "sample",
             "abcdef", "00000", "aaaaa", "placeholder", "secret", "token")


# Binary containers (PEM bodies) legitimately hold runs of zero bytes, which
# base64 to "AAAA..."; for those only the words matter.
WORDS = ("example", "xxxxx", "test", "dummy", "1234567", "fake", "sample",
         "placeholder", "secret", "token")


def clean(s, forbidden=FORBIDDEN):
    low = s.lower()
    return not any(f in low for f in forbidden)


def rand(alphabet, n):
    while True:
        s = "".join(rng.choice(alphabet) for _ in range(n))
        if clean(s):
            return s


def choice(seq):
    return seq[rng.randrange(len(seq))]


def digits(n):
    """n digits, no leading zero."""
    while True:
        s = rng.choice("123456789") + "".join(rng.choice(DIGITS) for _ in range(n - 1))
        if clean(s):
            return s


def base62_6(n):
    out = ""
    for _ in range(6):
        out = B62[n % 62] + out
        n //= 62
    return out


def b64url_nopad(b):
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def rand_bytes(n):
    return bytes(rng.getrandbits(8) for _ in range(n))


def rand_uuid():
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def rand_hex(n):
    return "".join(rng.choice(HEX) for _ in range(n))


# ---------------------------------------------------------------------------
# Token generators: documented formats, random bodies.
# ---------------------------------------------------------------------------

def gh_checksummed(prefix):
    """GitHub classic tokens and npm tokens: 30 random base62 chars followed
    by base62(crc32(body)) left-padded with '0' to 6 chars."""
    while True:
        body = rand(ALNUM, 30)
        tok = body + base62_6(zlib.crc32(body.encode()))
        if clean(tok):
            return prefix + tok


def gh_bad_checksum(prefix):
    """A look-alike: one body character changed after the checksum was
    computed, so the checksum no longer matches."""
    tok = gh_checksummed(prefix)
    n = len(prefix)
    i = n + rng.randrange(30)
    c = choice([ch for ch in ALNUM if ch != tok[i]])
    bad = tok[:i] + c + tok[i + 1:]
    body, check = bad[n:n + 30], bad[n + 30:]
    assert base62_6(zlib.crc32(body.encode())) != check
    return bad


def pem(label, der_prefix, nbytes, width=64):
    body = base64.b64encode(der_prefix + rand_bytes(nbytes)).decode()
    while not clean(body, WORDS):
        body = base64.b64encode(der_prefix + rand_bytes(nbytes)).decode()
    lines = [body[i:i + width] for i in range(0, len(body), width)]
    return ("-----BEGIN %s-----\n" % label + "\n".join(lines) +
            "\n-----END %s-----" % label)


def pem_rsa():
    # PKCS#1 RSAPrivateKey, 2048-bit: SEQUENCE, version 0, INTEGER modulus...
    return pem("RSA PRIVATE KEY", bytes.fromhex("308204a40201000282010100"), 1180)


def pem_ec():
    # SEC1 ECPrivateKey on P-256: SEQUENCE, version 1, OCTET STRING(32)...
    return pem("EC PRIVATE KEY", bytes.fromhex("307702010104 20".replace(" ", "")), 112)


def pem_pkcs8():
    return pem("PRIVATE KEY", bytes.fromhex("308204be020100300d06092a864886f70d0101010500048204a8"), 1190)


def pem_openssh():
    # openssh-key-v1 container ("openssh-key-v1\0" ... "none" ... "ssh-ed25519").
    head = b"openssh-key-v1\x00\x00\x00\x00\x04none\x00\x00\x00\x04none\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x003\x00\x00\x00\x0bssh-ed25519\x00\x00\x00 "
    return pem("OPENSSH PRIVATE KEY", head, 330 - len(head) + 60, width=70)


def jwt():
    header = b64url_nopad(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    while True:
        payload = {"sub": rand_uuid(), "name": choice(["Maria Ortega", "Jun Park", "Ada Novak", "Tomas Lind"]),
                   "role": choice(["admin", "service", "user"]), "iat": 1700000000 + rng.randrange(30000000)}
        p = b64url_nopad(json.dumps(payload, separators=(",", ":")).encode())
        sig = b64url_nopad(rand_bytes(32))
        if clean(p) and clean(sig):
            return header + "." + p + "." + sig


def openssh_pub_body():
    return base64.b64encode(b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00 " + rand_bytes(32)).decode()


def password(n=None):
    n = n or rng.randrange(14, 25)
    return rand(LETTERS, 1) + rand(ALNUM + "!#^*-_", n - 3) + rand(DIGITS, 1) + rand(LETTERS, 1)


def db_password():
    # URL-safe characters only, so no percent-encoding is needed.
    return rand(ALNUM, rng.randrange(16, 25))


USERS = ["app", "svc_orders", "analytics", "deploy", "admin", "billing_rw", "etl"]
PG_HOSTS = ["db.internal.acme-corp.net", "10.20.4.17", "pg-prod-1.c7x2k.eu-west-1.rds.amazonaws.com",
            "orders-db.svc.cluster.local", "warehouse.prod.lan"]
MYSQL_HOSTS = ["mysql-prod.internal", "10.20.4.31", "shop-db.c7x2k.eu-west-1.rds.amazonaws.com"]


def db_url(kind):
    u, p = choice(USERS), db_password()
    if kind == "postgres":
        return "postgres://%s:%s@%s:5432/%s" % (u, p, choice(PG_HOSTS), choice(["orders", "app", "metrics"]))
    if kind == "mysql":
        return "mysql://%s:%s@%s:3306/%s" % (u, p, choice(MYSQL_HOSTS), choice(["shop", "wordpress", "crm"]))
    if kind == "mongodb":
        return "mongodb+srv://%s:%s@cluster0.%s.mongodb.net/%s?retryWrites=true&w=majority" % (
            u, p, rand(LOWER + DIGITS, 5), choice(["events", "users"]))
    if kind == "redis":
        return "redis://default:%s@%s:6379/0" % (p, choice(["cache.prod.lan", "redis-14532.c12.us-east-1-2.ec2.cloud.redislabs.com"]))
    raise ValueError(kind)


GEN = {
    "aws-access-key-id": lambda: "AKIA" + rand(UPPER + "234567", 16),
    "aws-secret-access-key": lambda: rand(B64, 40),
    "github-pat-classic": lambda: gh_checksummed("ghp_"),
    "github-oauth": lambda: gh_checksummed("gho_"),
    "github-app-token": lambda: gh_checksummed("ghs_"),
    "github-fine-grained-pat": lambda: "github_pat_11" + rand(UPALNUM, 20) + "_" + rand(ALNUM, 59),
    "npm-token": lambda: gh_checksummed("npm_"),
    "gitlab-pat": lambda: "glpat-" + rand(ALNUM + "-_", 20),
    "slack-bot-token": lambda: "xoxb-%s-%s-%s" % (digits(12), digits(13), rand(ALNUM, 24)),
    "slack-user-token": lambda: "xoxp-%s-%s-%s-%s" % (digits(12), digits(12), digits(13), rand_hex(32)),
    "slack-webhook": lambda: "https://hooks.slack.com/services/T%s/B%s/%s" % (rand(UPALNUM, 8), rand(UPALNUM, 10), rand(ALNUM, 24)),
    "stripe-secret-key": lambda: "sk_live_" + rand(ALNUM, choice([24, 99])),
    "stripe-restricted-key": lambda: "rk_live_" + rand(ALNUM, choice([24, 99])),
    "openai": lambda: "sk-proj-" + rand(B64URL, 74) + "T3BlbkFJ" + rand(B64URL, 74),
    "anthropic": lambda: "sk-ant-api03-" + rand(B64URL, 93) + "AA",
    "google-api-key": lambda: "AIza" + rand(B64URL, 35),
    "huggingface": lambda: "hf_" + rand(LETTERS, 34),
    "groq": lambda: "gsk_" + rand(ALNUM, 52),
    "replicate": lambda: "r8_" + rand(ALNUM, 37),
    "perplexity": lambda: "pplx-" + rand(ALNUM, 48),
    "openrouter": lambda: "sk-or-v1-" + rand_hex(64),
    "pypi": lambda: "pypi-AgEIcHlwaS5vcmc" + rand(B64URL, rng.randrange(120, 160)),
    "sendgrid": lambda: "SG." + rand(B64URL, 22) + "." + rand(B64URL, 43),
    "twilio-api-key": lambda: "SK" + rand(HEX, 32),
    "mailgun": lambda: "key-" + rand(HEX, 32),
    "mailchimp": lambda: rand(HEX, 32) + "-us" + str(rng.randrange(1, 21)),
    "shopify-access-token": lambda: "shpat_" + rand(HEX, 32),
    "discord-webhook": lambda: "https://discord.com/api/webhooks/%s/%s" % (digits(19), rand(B64URL, 68)),
    "telegram-bot-token": lambda: "%s:AA%s" % (digits(choice([8, 9, 10])), rand(B64URL, 33)),
    "datadog-api-key": lambda: rand(HEX, 32),
    "newrelic-user-key": lambda: "NRAK-" + rand(UPALNUM, 27),
    "grafana-service-account": lambda: "glsa_" + rand(ALNUM, 32) + "_" + rand(HEX, 8),
    "linear": lambda: "lin_api_" + rand(ALNUM, 40),
    "notion": lambda: "ntn_" + rand(ALNUM, 46),
    "postman": lambda: "PMAK-" + rand(HEX, 24) + "-" + rand(HEX, 34),
    "doppler": lambda: "dp.pt." + rand(ALNUM, 43),
    "vault-token": lambda: "hvs.CAESI" + rand(B64URL, rng.randrange(90, 110)),
    "digitalocean": lambda: "dop_v1_" + rand(HEX, 64),
    "databricks": lambda: "dapi" + rand(HEX, 32),
    "azure-storage": lambda: ("DefaultEndpointsProtocol=https;AccountName=%s;AccountKey=%s==;EndpointSuffix=core.windows.net"
                              % (choice(["acmeprodlogs", "stgorders01", "mlartifacts"]), rand(B64, 86))),
    "rsa-private-key": pem_rsa,
    "ec-private-key": pem_ec,
    "openssh-private-key": pem_openssh,
    "pkcs8-private-key": pem_pkcs8,
    "jwt": jwt,
    "postgres-url": lambda: db_url("postgres"),
    "mysql-url": lambda: db_url("mysql"),
    "mongodb-url": lambda: db_url("mongodb"),
    "redis-url": lambda: db_url("redis"),
    "generic-password": password,
    "generic-secret": lambda: rand(ALNUM + "-_", rng.randrange(32, 51)),
    "generic-api-key": lambda: rand(ALNUM, rng.randrange(32, 41)),
    "bearer-token": lambda: rand(ALNUM, 1) + rand(ALNUM + "-_", rng.randrange(40, 60)),
    "age-secret-key": lambda: "AGE-SECRET-KEY-1" + rand(BECH32_UP, 58),
    "dockerhub-pat": lambda: "dckr_pat_" + rand(B64URL, 27),
    "mistral": lambda: rand(ALNUM, 32),
    "cohere": lambda: rand(ALNUM, 40),
    "pinecone": lambda: "pcsk_" + rand(ALNUM, 6) + "_" + rand(ALNUM, 63),
    "langsmith": lambda: "lsv2_pt_" + rand(HEX, 32) + "_" + rand(HEX, 10),
    "tavily": lambda: "tvly-" + rand(ALNUM, 32),
    "fireworks": lambda: "fw_" + rand(ALNUM, 24),
}

# The environment-variable name each provider's key usually travels under.
ENV = {
    "aws-access-key-id": "AWS_ACCESS_KEY_ID",
    "aws-secret-access-key": "AWS_SECRET_ACCESS_KEY",
    "github-pat-classic": "GITHUB_TOKEN",
    "github-oauth": "GH_OAUTH_TOKEN",
    "github-app-token": "GITHUB_APP_INSTALLATION_TOKEN",
    "github-fine-grained-pat": "GITHUB_PERSONAL_ACCESS_TOKEN",
    "npm-token": "NPM_TOKEN",
    "gitlab-pat": "GITLAB_TOKEN",
    "slack-bot-token": "SLACK_BOT_TOKEN",
    "slack-user-token": "SLACK_USER_TOKEN",
    "slack-webhook": "SLACK_WEBHOOK_URL",
    "stripe-secret-key": "STRIPE_SECRET_KEY",
    "stripe-restricted-key": "STRIPE_RESTRICTED_KEY",
    "openai": "OPENAI_API_KEY",
    "anthropic": "ANTHROPIC_API_KEY",
    "google-api-key": "GOOGLE_API_KEY",
    "huggingface": "HF_TOKEN",
    "groq": "GROQ_API_KEY",
    "replicate": "REPLICATE_API_TOKEN",
    "perplexity": "PERPLEXITY_API_KEY",
    "openrouter": "OPENROUTER_API_KEY",
    "pypi": "TWINE_PASSWORD",
    "sendgrid": "SENDGRID_API_KEY",
    "twilio-api-key": "TWILIO_API_KEY",
    "mailgun": "MAILGUN_API_KEY",
    "mailchimp": "MAILCHIMP_API_KEY",
    "shopify-access-token": "SHOPIFY_ACCESS_TOKEN",
    "discord-webhook": "DISCORD_WEBHOOK_URL",
    "telegram-bot-token": "TELEGRAM_BOT_TOKEN",
    "datadog-api-key": "DD_API_KEY",
    "newrelic-user-key": "NEW_RELIC_API_KEY",
    "grafana-service-account": "GRAFANA_SERVICE_ACCOUNT_TOKEN",
    "linear": "LINEAR_API_KEY",
    "notion": "NOTION_API_KEY",
    "postman": "POSTMAN_API_KEY",
    "doppler": "DOPPLER_TOKEN",
    "vault-token": "VAULT_TOKEN",
    "digitalocean": "DIGITALOCEAN_ACCESS_TOKEN",
    "databricks": "DATABRICKS_TOKEN",
    "azure-storage": "AZURE_STORAGE_CONNECTION_STRING",
    "jwt": "SESSION_JWT",
    "postgres-url": "DATABASE_URL",
    "mysql-url": "MYSQL_URL",
    "mongodb-url": "MONGODB_URI",
    "redis-url": "REDIS_URL",
    "generic-password": "DB_PASSWORD",
    "generic-secret": "SECRET_KEY",
    "generic-api-key": "API_KEY",
    "bearer-token": "AUTH_TOKEN",
    "age-secret-key": "SOPS_AGE_KEY",
    "dockerhub-pat": "DOCKERHUB_TOKEN",
    "mistral": "MISTRAL_API_KEY",
    "cohere": "COHERE_API_KEY",
    "pinecone": "PINECONE_API_KEY",
    "langsmith": "LANGSMITH_API_KEY",
    "tavily": "TAVILY_API_KEY",
    "fireworks": "FIREWORKS_API_KEY",
}

PEM_PROVIDERS = ("rsa-private-key", "ec-private-key", "openssh-private-key", "pkcs8-private-key")


# ---------------------------------------------------------------------------
# Hard negatives: (kind, name, value). kind "lit" is a literal value; kind
# "ref" is a reference to an environment variable or CI secret, rendered in
# each format's own syntax (os.environ[...], process.env.X, ${X}, ...).
# ---------------------------------------------------------------------------

ENGLISH = [
    "Welcome to the Acme customer portal. Please sign in to continue.",
    "Your order has shipped and should arrive within three business days.",
    "The quick brown fox jumps over the lazy dog near the river bank.",
    "Thank you for subscribing to our weekly engineering newsletter!",
]


def neg_literals():
    """One of each literal negative, fresh random parts where there are any."""
    return [
        ("lit", "OPENAI_API_KEY", "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
        ("lit", "OPENAI_API_KEY", "sk-..."),
        ("lit", "API_KEY", "YOUR_API_KEY"),
        ("lit", "ANTHROPIC_API_KEY", "<your-anthropic-api-key>"),
        ("lit", "GITHUB_TOKEN", "<token>"),
        ("lit", "AUTH_TOKEN", "${TOKEN}"),
        ("lit", "SECRET_KEY", "changeme"),
        ("lit", "DB_PASSWORD", "changeme"),
        ("lit", "ADMIN_PASSWORD", "********"),
        ("lit", "STRIPE_SECRET_KEY", "sk_live_REPLACE_ME"),
        ("lit", "SLACK_BOT_TOKEN", "xoxb-your-bot-token"),
        ("lit", "HF_TOKEN", "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
        ("lit", "AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
        ("lit", "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        ("lit", "GITHUB_TOKEN", gh_bad_checksum("ghp_")),
        ("lit", "GH_OAUTH_TOKEN", gh_bad_checksum("gho_")),
        ("lit", "NPM_TOKEN", gh_bad_checksum("npm_")),
        ("lit", "REQUEST_ID", rand_uuid()),
        ("lit", "TENANT_ID", rand_uuid()),
        ("lit", "GIT_COMMIT", rand_hex(40)),
        ("lit", "IMAGE_DIGEST", "sha256:" + rand_hex(64)),
        ("lit", "tokenType", "accessToken"),
        ("lit", "secretName", "db-credentials"),
        ("lit", "passwordField", "password"),
        ("lit", "TOKEN_HEADER", "X-Auth-Token"),
        ("lit", "API_KEY_ENV_VAR", "OPENAI_API_KEY"),
        ("lit", "OPENAI_BASE_URL", "https://api.openai.com/v1"),
        ("lit", "REDIS_URL", "redis://localhost:6379/0"),
        ("lit", "DATABASE_URL", "postgres://app@db.internal.acme-corp.net:5432/app"),
        ("lit", "APP_VERSION", "%d.%d.%d" % (rng.randrange(1, 5), rng.randrange(0, 30), rng.randrange(0, 20))),
        ("lit", "API_VERSION", "2024-06-20"),
        ("lit", "BANNER_B64", base64.b64encode(choice(ENGLISH).encode()).decode()),
        ("lit", "STRIPE_PUBLISHABLE_KEY", "pk_live_" + rand(ALNUM, 99)),
        ("lit", "DB_PASSWORD", ""),
        ("lit", "SMTP_PASSWORD", ""),
        ("lit", "DEPLOY_KEY_PUB", "ssh-ed25519 " + openssh_pub_body() + " deploy@ci"),
        ("lit", "ASSET_CHECKSUM_MD5", rand_hex(32)),
    ]


REF_NAMES = ["OPENAI_API_KEY", "GITHUB_TOKEN", "STRIPE_SECRET_KEY", "ANTHROPIC_API_KEY", "AWS_SECRET_ACCESS_KEY",
             "DATABASE_URL", "SLACK_BOT_TOKEN", "NPM_TOKEN", "HF_TOKEN", "SENDGRID_API_KEY", "DB_PASSWORD",
             "SECRET_KEY"]


class Deck:
    """Shuffled stream of items; refilled (and reshuffled) when empty."""

    def __init__(self, make):
        self.make = make
        self.items = []

    def take(self, ok=lambda item: True):
        """Pop the next item satisfying ok; a fresh shuffled batch is put
        underneath whenever the remaining items run out or none is ok."""
        for _ in range(3):
            for i in range(len(self.items) - 1, -1, -1):
                if ok(self.items[i]):
                    return self.items.pop(i)
            fresh = list(self.make())
            rng.shuffle(fresh)
            self.items = fresh + self.items
        raise AssertionError("no acceptable item")


SECRET_DECK = Deck(lambda: [p for p in GEN if p not in PEM_PROVIDERS])
NEG_DECK = Deck(lambda: neg_literals() + [("ref", n, None) for n in REF_NAMES])


# ---------------------------------------------------------------------------
# Documents and bookkeeping
# ---------------------------------------------------------------------------

FILES = {}      # path -> text
PLANTED = []    # (path, line, provider, anchor)


def xml_escape(v):
    return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _escaped_forms(v):
    """The ways a value can appear in a file: raw, JSON-escaped (once, or
    twice for JSON inside a JSON string), XML-escaped."""
    once = json.dumps(v)[1:-1]
    twice = json.dumps(once)[1:-1]
    return [v, once, twice, xml_escape(v)]


class Doc:
    """One corpus file. Call s(provider) for every secret planted in it (the
    value is recorded), then done(text)."""

    def __init__(self, path):
        assert path not in FILES, path
        self.path = path
        self.planted = []
        self.names = set()  # variable names used by block(); membership only

    def s(self, provider, fmt=None, value=None):
        """Plant a fresh secret; returns the text to put in the file. fmt, if
        given, turns the value into that text (e.g. indents a PEM block),
        and the transformed text is what gets located."""
        v = GEN[provider]() if value is None else value
        shown = fmt(v) if fmt else v
        self.planted.append((provider, shown))
        return shown

    def deal(self):
        """Next provider from the shared deck whose variable this file does
        not already hold."""
        used = self.planted_providers()
        p = SECRET_DECK.take(lambda p: p not in used and ENV[p] not in self.names)
        self.names.add(ENV[p])
        return p, self.s(p)

    def neg(self):
        """Next negative from the shared deck whose name this file does not
        already use."""
        item = NEG_DECK.take(lambda it: it[1] not in self.names)
        self.names.add(item[1])
        return item

    def planted_providers(self):
        return [p for p, _ in self.planted]

    def done(self, text):
        if not text.endswith("\n"):
            text += "\n"
        for provider, v in self.planted:
            for form in _escaped_forms(v):
                n = text.count(form)
                if n:
                    break
            assert n == 1, (self.path, provider, v[:40], n)
            i = text.index(form)
            line = text.count("\n", 0, i) + 1
            PLANTED.append((self.path, line, provider, form))
        FILES[self.path] = text


# ---------------------------------------------------------------------------
# Per-format assignment styles. lit(name, value) -> line; ref(name) -> line.
# ---------------------------------------------------------------------------

def camel(name):
    parts = name.lower().split("_")
    return parts[0] + "".join(p.title() for p in parts[1:])


def kebab(name):
    return name.lower().replace("_", "-")


def snake(name):
    if "_" in name or name.isupper():
        return name.lower()
    out = ""
    for c in name:
        out += ("_" + c.lower()) if c.isupper() else c
    return out


def envname(name):
    return snake(name).upper()


def yaml_plain(v):
    """Leave a YAML scalar unquoted unless it would not parse as a string."""
    if v and v[0].isalnum() and ": " not in v and " #" not in v:
        return v
    return '"%s"' % v


STYLES = {
    "py": (lambda n, v: '%s = "%s"' % (envname(n), v),
           lambda n: '%s = os.environ["%s"]' % (envname(n), envname(n))),
    "py_get": (lambda n, v: '%s = os.getenv("%s", "%s")' % (snake(n), envname(n), v),
               lambda n: '%s = os.getenv("%s")' % (snake(n), envname(n))),
    "js": (lambda n, v: 'const %s = "%s";' % (camel(envname(n)), v),
           lambda n: 'const %s = process.env.%s;' % (camel(envname(n)), envname(n))),
    "js_obj": (lambda n, v: "  %s: '%s'," % (camel(envname(n)), v),
               lambda n: "  %s: process.env.%s," % (camel(envname(n)), envname(n))),
    "go": (lambda n, v: '\t%s = "%s"' % (camel(envname(n)), v),
           lambda n: '\t%s = os.Getenv("%s")' % (camel(envname(n)), envname(n))),
    "java": (lambda n, v: '    private static final String %s = "%s";' % (envname(n), v),
             lambda n: '    private static final String %s = System.getenv("%s");' % (envname(n), envname(n))),
    "ruby": (lambda n, v: "  config.%s = '%s'" % (snake(n), v),
             lambda n: "  config.%s = ENV.fetch('%s')" % (snake(n), envname(n))),
    "sh": (lambda n, v: 'export %s="%s"' % (envname(n), v),
           lambda n: 'export %s="${%s:?missing}"' % (envname(n), envname(n))),
    "env": (lambda n, v: '%s=%s' % (envname(n), v),
            lambda n: '%s=${%s}' % (envname(n), envname(n))),
    "env_q": (lambda n, v: '%s="%s"' % (envname(n), v),
              lambda n: '%s="${%s}"' % (envname(n), envname(n))),
    "compose": (lambda n, v: '      %s: "%s"' % (envname(n), v),
                lambda n: '      %s: ${%s}' % (envname(n), envname(n))),
    "compose_list": (lambda n, v: '      - %s=%s' % (envname(n), v),
                     lambda n: '      - %s=${%s}' % (envname(n), envname(n))),
    "k8s": (lambda n, v: '  %s: "%s"' % (kebab(envname(n)), v),
            lambda n: '  %s: "{{ .Values.%s }}"' % (kebab(envname(n)), camel(envname(n)))),
    "gha": (lambda n, v: '      %s: %s' % (envname(n), yaml_plain(v)),
            lambda n: '      %s: ${{ secrets.%s }}' % (envname(n), envname(n))),
    "json": (lambda n, v: '"%s": "%s"' % (envname(n), v),
             lambda n: '"%s": "${env:%s}"' % (envname(n), envname(n))),
    "toml": (lambda n, v: '%s = "%s"' % (snake(n), v),
             lambda n: '%s = "${%s}"' % (snake(n), envname(n))),
    "ini": (lambda n, v: '%s = %s' % (snake(n), v),
            lambda n: '%s = %%(ENV_%s)s' % (snake(n), envname(n))),
    "xml": (lambda n, v: '    <add key="%s" value="%s" />' % (camel(envname(n))[0].upper() + camel(envname(n))[1:], xml_escape(v)),
            lambda n: '    <add key="%s" value="$(%s)" />' % (camel(envname(n))[0].upper() + camel(envname(n))[1:], envname(n))),
    "tf": (lambda n, v: '  %s = "%s"' % (snake(n), v),
           lambda n: '  %s = var.%s' % (snake(n), snake(n))),
    "yaml": (lambda n, v: '  %s: "%s"' % (snake(n), v),
             lambda n: '  %s: ${%s}' % (snake(n), envname(n))),
}


def render(style, item, indent=""):
    """item is (kind, name, value) for negatives or ("secret", name, value)."""
    lit, ref = STYLES[style]
    kind, name, value = item
    if kind == "ref":
        return indent + ref(name)
    return indent + lit(name, value)


def block(d, style, n_secrets, n_negs, indent=""):
    """Config-style run of lines: n_secrets dealt planted secrets and n_negs
    negatives in random order, one per line."""
    items = []
    for _ in range(n_secrets):
        p, v = d.deal()
        items.append(("secret", ENV[p], v))
    for _ in range(n_negs):
        items.append(d.neg())
    rng.shuffle(items)
    return "\n".join(render(style, it, indent) for it in items)


def indent_block(prefix):
    return lambda v: "\n".join(prefix + l for l in v.split("\n"))


def public_pem(label, der_prefix, nbytes):
    return pem(label, der_prefix, nbytes)


def cert_pem():
    return public_pem("CERTIFICATE", bytes.fromhex("308203"), 900)


def pubkey_pem():
    return public_pem("PUBLIC KEY", bytes.fromhex("30820122300d06092a864886f70d01010105000382010f003082010a0282010100"), 260)


BUILDERS = []


def builder(f):
    BUILDERS.append(f)
    return f


# ===========================================================================
# File builders
# ===========================================================================

def T(template, **kw):
    """Fill ⟨name⟩ slots (chosen so code braces and $ need no escaping)."""
    out = template
    for k, v in kw.items():
        out = out.replace("⟨%s⟩" % k, v)
    assert "⟨" not in out, out[out.index("⟨"):][:40]
    return out.lstrip("\n")


# --------------------------------------------------------------------- Python

@builder
def py_django_settings():
    d = Doc("app/config/settings.py")
    d.done(T('''
"""Django settings for the orders project."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "⟨secret⟩"
DEBUG = False
ALLOWED_HOSTS = ["orders.acme-corp.net", "localhost"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "orders",
        "USER": "orders_app",
        "PASSWORD": "⟨dbpw⟩",
        "HOST": "pg-prod-1.internal",
        "PORT": "5432",
    },
    "replica": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "orders",
        "USER": "orders_ro",
        "PASSWORD": os.environ.get("REPLICA_DB_PASSWORD", ""),
        "HOST": "pg-prod-2.internal",
    },
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "smtp.sendgrid.net"
EMAIL_HOST_USER = "apikey"
EMAIL_HOST_PASSWORD = "⟨sendgrid⟩"
DEFAULT_FROM_EMAIL = "orders@acme-corp.net"

# Third-party integrations
⟨block⟩

CELERY_BROKER_URL = "⟨redis⟩"
SESSION_COOKIE_NAME = "orders_session"
CSRF_COOKIE_NAME = "csrftoken"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
STATIC_URL = "/static/"
''', secret=d.s("generic-secret"), dbpw=d.s("generic-password"), sendgrid=d.s("sendgrid"),
        block=block(d, "py", 5, 5), redis=d.s("redis-url")))


@builder
def py_llm_client():
    d = Doc("services/assistant/llm.py")
    d.done(T('''
import os

import anthropic
from groq import Groq
from mistralai import Mistral
from openai import OpenAI

# TODO: move these to the secret manager before the demo
openai_client = OpenAI(api_key="⟨openai⟩")
claude = anthropic.Anthropic(api_key="⟨anthropic⟩")
groq_client = Groq(api_key="⟨groq⟩")

MISTRAL_API_KEY = "⟨mistral⟩"
mistral = Mistral(api_key=MISTRAL_API_KEY)

# Fallback client reads from the environment like it should.
backup = OpenAI(api_key=os.environ["OPENAI_API_KEY"], base_url="https://api.openai.com/v1")

DEFAULT_MODEL = "gpt-4o-mini"
CLAUDE_MODEL = "claude-3-5-sonnet-20241022"
MAX_TOKENS = 1024
token_budget = {"prompt_tokens": 6000, "completion_tokens": 2000}


def complete(prompt: str, provider: str = "openai") -> str:
    if provider == "anthropic":
        msg = claude.messages.create(model=CLAUDE_MODEL, max_tokens=MAX_TOKENS,
                                     messages=[{"role": "user", "content": prompt}])
        return msg.content[0].text
    if provider == "groq":
        r = groq_client.chat.completions.create(model="llama-3.1-70b-versatile",
                                                messages=[{"role": "user", "content": prompt}])
        return r.choices[0].message.content
    r = openai_client.chat.completions.create(model=DEFAULT_MODEL,
                                              messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content


def embed(texts):
    import cohere
    co = cohere.Client(api_key=os.getenv("COHERE_API_KEY"))
    return co.embed(texts=texts, model="embed-english-v3.0").embeddings
''', openai=d.s("openai"), anthropic=d.s("anthropic"), groq=d.s("groq"), mistral=d.s("mistral")))


@builder
def py_upload():
    d = Doc("scripts/upload_artifacts.py")
    d.done(T('''
#!/usr/bin/env python3
"""Push build artifacts to S3 and notify the release channel."""
import sys

import boto3
import paramiko
import requests

s3 = boto3.client(
    "s3",
    region_name="eu-west-1",
    aws_access_key_id="⟨akid⟩",
    aws_secret_access_key="⟨asak⟩",
)

SLACK_WEBHOOK = "⟨hook⟩"

DEPLOY_KEY = """⟨pem⟩
"""


def upload(path, bucket="acme-release-artifacts"):
    key = path.rsplit("/", 1)[-1]
    s3.upload_file(path, bucket, key)
    return "s3://%s/%s" % (bucket, key)


def notify(url):
    requests.post(SLACK_WEBHOOK, json={"text": "New artifact: " + url}, timeout=10)


def ssh_client(host):
    import io
    key = paramiko.RSAKey.from_private_key(io.StringIO(DEPLOY_KEY))
    c = paramiko.SSHClient()
    c.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    c.connect(host, username="deploy", pkey=key)
    return c


if __name__ == "__main__":
    for p in sys.argv[1:]:
        notify(upload(p))
''', akid=d.s("aws-access-key-id"), asak=d.s("aws-secret-access-key"), hook=d.s("slack-webhook"),
        pem=d.s("rsa-private-key")))


@builder
def py_etl():
    d = Doc("pipelines/etl/job.py")
    d.done(T('''
import logging
import os

import psycopg2
import requests

log = logging.getLogger(__name__)

# Connection settings (overridable from the environment)
⟨block⟩

SOURCE_DSN = "⟨pg⟩"
WAREHOUSE_URL = "⟨mysql⟩"
BATCH_SIZE = 5000
RETRY_SECONDS = 30


def extract(since):
    with psycopg2.connect(SOURCE_DSN) as conn, conn.cursor() as cur:
        cur.execute("SELECT id, total, created_at FROM orders WHERE created_at > %s", (since,))
        return cur.fetchall()


def push_metrics(count):
    requests.post(
        "https://api.datadoghq.com/api/v1/series",
        headers={"DD-API-KEY": os.environ["DD_API_KEY"], "Content-Type": "application/json"},
        json={"series": [{"metric": "etl.rows", "points": [[0, count]]}]},
        timeout=5,
    )
''', block=block(d, "py_get", 5, 4), pg=d.s("postgres-url"), mysql=d.s("mysql-url")))


@builder
def py_negatives():
    d = Doc("app/auth/tokens.py")
    d.done(T('''
"""Token handling helpers. No credentials live here; everything comes from
the environment or the vault at runtime."""
import hashlib
import hmac
import os
import secrets

TOKEN_TYPE = "Bearer"
tokenType = "accessToken"
REFRESH_TOKEN_FIELD = "refresh_token"
PASSWORD_RESET_URL = "https://orders.acme-corp.net/account/password/reset"
API_KEY_HEADER = "X-Api-Key"
SECRET_NAME = "orders/prod/stripe"
DEFAULT_PASSWORD = ""
password_min_length = 12
GITHUB_TOKEN = os.environ.get("GITHUB_TOKEN")
STRIPE_SECRET_KEY = os.environ["STRIPE_SECRET_KEY"]
SIGNING_KEY = os.getenv("SIGNING_KEY", "changeme")
TOKEN_URL = "https://oauth2.googleapis.com/token"
SCHEMA_VERSION = "3.2.1"
ALGORITHM_ID = "⟨uuid⟩"


def new_token(nbytes=32):
    return secrets.token_urlsafe(nbytes)


def sign(payload: bytes, key: bytes) -> str:
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def is_placeholder(value: str) -> bool:
    return value in ("YOUR_API_KEY", "<token>", "changeme", "sk-xxxxxxxxxxxxxxxx", "")


def check_password(password, hashed):
    return hmac.compare_digest(hashlib.sha256(password.encode()).hexdigest(), hashed)
''', uuid=rand_uuid()))

# ------------------------------------------------------------------ JS / TS

@builder
def ts_config():
    d = Doc("web/src/config.ts")
    d.done(T('''
// Runtime configuration for the storefront. Values fall back to the
// hard-coded ones when the environment does not provide them.
import { z } from "zod";

export const tokenType = "accessToken";
export const AUTH_HEADER = "Authorization";
export const API_BASE_URL = "https://api.acme-corp.net/v2";

⟨block⟩

const schema = z.object({
  NODE_ENV: z.enum(["development", "production"]),
  OPENAI_API_KEY: z.string().min(1),
});

export const env = schema.parse(process.env);

export const firebaseConfig = {
  authDomain: "acme-storefront.firebaseapp.com",
  projectId: "acme-storefront",
  storageBucket: "acme-storefront.appspot.com",
  messagingSenderId: "⟨sender⟩",
};
''', block=block(d, "js", 6, 5), sender=digits(12)))


@builder
def js_payments():
    d = Doc("web/server/payments.js")
    d.done(T('''
'use strict';

const express = require('express');
const sgMail = require('@sendgrid/mail');
const stripe = require('stripe')('⟨stripe⟩');

// Publishable key is safe to ship to the browser.
const STRIPE_PUBLISHABLE_KEY = 'pk_live_⟨pk⟩';

sgMail.setApiKey('⟨sg⟩');

const router = express.Router();

router.get('/config', (req, res) => {
  res.json({ publishableKey: STRIPE_PUBLISHABLE_KEY, currency: 'eur' });
});

router.post('/checkout', async (req, res) => {
  const session = await stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: req.body.items,
    success_url: 'https://shop.acme-corp.net/thanks?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'https://shop.acme-corp.net/cart',
  });
  await sgMail.send({
    to: req.body.email,
    from: 'orders@acme-corp.net',
    subject: 'Your order',
    text: 'Thanks for your order!',
  });
  res.json({ id: session.id });
});

const shopify = {
  shop: 'acme-store.myshopify.com',
  accessToken: '⟨shopify⟩',
  apiVersion: '2024-04',
};

module.exports = { router, shopify };
''', stripe=d.s("stripe-secret-key"), pk=rand(ALNUM, 99), sg=d.s("sendgrid"), shopify=d.s("shopify-access-token")))


@builder
def js_notify():
    d = Doc("bots/notify/index.js")
    d.done(T('''
import fetch from 'node-fetch';

const DISCORD_WEBHOOK = '⟨discord⟩';
const TELEGRAM_BOT_TOKEN = '⟨tg⟩';
const TELEGRAM_CHAT_ID = '-100⟨chat⟩';
const SLACK_TOKEN = process.env.SLACK_BOT_TOKEN;

export async function toDiscord(content) {
  await fetch(DISCORD_WEBHOOK, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ content }),
  });
}

export async function toTelegram(text) {
  const url = `https://api.telegram.org/bot${TELEGRAM_BOT_TOKEN}/sendMessage`;
  await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ chat_id: TELEGRAM_CHAT_ID, text }),
  });
}

export async function toSlack(channel, text) {
  await fetch('https://slack.com/api/chat.postMessage', {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${SLACK_TOKEN}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ channel, text }),
  });
}

export const legacySlackBot = '⟨xoxb⟩';
''', discord=d.s("discord-webhook"), tg=d.s("telegram-bot-token"), chat=digits(10), xoxb=d.s("slack-bot-token")))


@builder
def js_next_config():
    d = Doc("web/next.config.js")
    d.done(T('''
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  images: { domains: ['cdn.acme-corp.net'] },
  serverRuntimeConfig: {
⟨block⟩
  },
  publicRuntimeConfig: {
    apiVersion: '2024-06-20',
    release: '4.18.0',
  },
};

module.exports = nextConfig;
''', block=block(d, "js_obj", 5, 4, "  ")))


@builder
def ts_api_client():
    d = Doc("web/src/api/client.ts")
    d.done(T('''
import axios from "axios";

export function makeClient(token: string) {
  return axios.create({
    baseURL: "https://api.acme-corp.net/v2",
    headers: { Authorization: `Bearer ${token}`, "X-Client-Version": "4.18.0" },
  });
}

// Service-to-service client used by the nightly reconciliation job.
export const internal = axios.create({
  baseURL: "https://billing.internal.acme-corp.net",
  headers: {
    Authorization: "Bearer ⟨bearer⟩",
  },
});

export const linear = axios.create({
  baseURL: "https://api.linear.app/graphql",
  headers: { Authorization: "⟨linear⟩" },
});

export const notion = axios.create({
  baseURL: "https://api.notion.com/v1",
  headers: {
    Authorization: `Bearer ⟨notion⟩`,
    "Notion-Version": "2022-06-28",
  },
});

export const placeholderHeaders = { Authorization: "Bearer <token>" };
export const templateHeaders = { Authorization: "Bearer {{ access_token }}" };
''', bearer=d.s("bearer-token"), linear=d.s("linear"), notion=d.s("notion")))


@builder
def ts_constants_negative():
    d = Doc("web/src/auth/constants.ts")
    d.done(T('''
// Names only: nothing in this file is a credential.
export const ACCESS_TOKEN_KEY = "accessToken";
export const REFRESH_TOKEN_KEY = "refreshToken";
export const tokenType = "accessToken";
export const passwordField = "password";
export const secretRef = "stripe-secret-key";
export const API_KEY_PARAM = "api_key";
export const GITHUB_TOKEN_ENV = "GITHUB_TOKEN";
export const SESSION_SECRET = process.env.SESSION_SECRET!;
export const OPENAI_API_KEY = process.env.OPENAI_API_KEY ?? "";
export const STRIPE_KEY = process.env.STRIPE_SECRET_KEY || "sk_live_...";
export const DEFAULT_PASSWORD = "";
export const TRACE_ID = "⟨uuid⟩";
export const BUILD_SHA = "⟨sha⟩";
export const APP_VERSION = "4.18.0";
export const SPEC_URL = "https://api.acme-corp.net/openapi.json";
export const SAMPLE_JWT_HEADER = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
export const WELCOME_B64 = "⟨b64⟩";
export const KEY_PLACEHOLDER = "YOUR_API_KEY";
export const AWS_DOCS_KEY = "AKIAIOSFODNN7EXAMPLE";
export const LOOKS_LIKE_GH = "⟨badgh⟩";
export const LOOKS_LIKE_NPM = "⟨badnpm⟩";
''', uuid=rand_uuid(), sha=rand_hex(40), b64=base64.b64encode(ENGLISH[0].encode()).decode(),
        badgh=gh_bad_checksum("ghp_"), badnpm=gh_bad_checksum("npm_")))


# ------------------------------------------------------------------------ Go

@builder
def go_worker():
    d = Doc("cmd/worker/main.go")
    d.done(T('''
package main

import (
	"context"
	"log"
	"os"
	"time"

	"github.com/DataDog/datadog-go/v5/statsd"
)

var (
⟨block⟩
)

const (
	defaultQueue   = "orders"
	pollInterval   = 5 * time.Second
	tokenType      = "accessToken"
	apiVersion     = "v1.27.3"
	ddApiKeyHeader = "DD-API-KEY"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	client, err := statsd.New("127.0.0.1:8125")
	if err != nil {
		log.Fatalf("statsd: %v", err)
	}
	log.Printf("worker starting, queue=%s", defaultQueue)
	if os.Getenv("DEBUG") != "" {
		log.Printf("debug mode")
	}
	run(ctx, client)
}

func run(ctx context.Context, c *statsd.Client) {
	t := time.NewTicker(pollInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			_ = c.Incr("worker.tick", nil, 1)
		}
	}
}
''', block=block(d, "go", 5, 5)))


@builder
def go_github():
    d = Doc("internal/github/client.go")
    d.done(T('''
package github

import (
	"context"
	"net/http"

	gh "github.com/google/go-github/v62/github"
	"golang.org/x/oauth2"
)

// botToken is the release bot's installation token.
// FIXME(ops): rotate and load from Vault.
const botToken = "⟨ghs⟩"

// Personal token used by the changelog generator.
var changelogToken = "⟨ghp⟩"

func New(ctx context.Context) *gh.Client {
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: botToken, TokenType: "Bearer"})
	return gh.NewClient(oauth2.NewClient(ctx, ts))
}

func NewFineGrained() *gh.Client {
	return gh.NewClient(http.DefaultClient).WithAuthToken("⟨fg⟩")
}

// Commit the client was vendored at: ⟨sha⟩
''', ghs=d.s("github-app-token"), ghp=d.s("github-pat-classic"), fg=d.s("github-fine-grained-pat"), sha=rand_hex(40)))


# ---------------------------------------------------------------------- Java

@builder
def java_config():
    d = Doc("billing/src/main/java/com/acme/billing/Config.java")
    d.done(T('''
package com.acme.billing;

import java.util.Properties;

public final class Config {

⟨block⟩

    public static final String TOKEN_TYPE = "accessToken";
    public static final String API_VERSION = "2.7.0";
    private static final String TWILIO_ACCOUNT_SID = "AC⟨sid⟩";
    private static final String TWILIO_API_KEY_SID = "⟨twilio⟩";

    private Config() {}

    public static Properties jdbc() {
        Properties p = new Properties();
        p.setProperty("user", "billing_rw");
        p.setProperty("password", "⟨pw⟩");
        p.setProperty("ssl", "true");
        return p;
    }

    public static String url() {
        return "jdbc:postgresql://pg-prod-1.internal:5432/billing";
    }
}
''', block=block(d, "java", 5, 5), sid=rand_hex(32), twilio=d.s("twilio-api-key"), pw=d.s("generic-password")))


@builder
def java_properties():
    d = Doc("billing/src/main/resources/application.properties")
    lines = [
        "spring.application.name=billing",
        "server.port=8080",
        "spring.datasource.url=jdbc:postgresql://pg-prod-1.internal:5432/billing",
        "spring.datasource.username=billing_rw",
        "spring.datasource.password=" + d.s("generic-password"),
        "spring.jpa.hibernate.ddl-auto=validate",
        "spring.mail.host=smtp.mailgun.org",
        "spring.mail.username=postmaster@mg.acme-corp.net",
        "spring.mail.password=",
        "mailgun.api-key=" + d.s("mailgun"),
        "mailgun.domain=mg.acme-corp.net",
        "management.endpoints.web.exposure.include=health,info",
        "spring.security.oauth2.client.registration.github.client-id=Iv1." + rand_hex(16),
        "spring.security.oauth2.client.registration.github.client-secret=${GITHUB_CLIENT_SECRET}",
        "app.datadog.api-key=" + d.s("datadog-api-key"),
        "app.feature.token-type=accessToken",
        "app.build.version=2.7.0",
        "app.build.commit=" + rand_hex(40),
        "newrelic.license-key=${NEW_RELIC_LICENSE_KEY}",
        "newrelic.api-key=" + d.s("newrelic-user-key"),
    ]
    d.done("# Billing service\n" + "\n".join(lines))


@builder
def java_application_yml():
    d = Doc("billing/src/main/resources/application-prod.yml")
    d.done(T('''
spring:
  datasource:
    url: jdbc:mysql://mysql-prod.internal:3306/billing
    username: billing
    password: "⟨pw⟩"
  redis:
    url: ⟨redis⟩
acme:
⟨block⟩
  token-type: accessToken
  version: 2.7.0
''', pw=d.s("generic-password"), redis=d.s("redis-url"), block=block(d, "yaml", 4, 4)))


# ---------------------------------------------------------------------- Ruby

@builder
def ruby_initializer():
    d = Doc("config/initializers/services.rb")
    d.done(T('''
# frozen_string_literal: true

Rails.application.configure do
⟨block⟩
  config.session_store :cookie_store, key: "_acme_session"
  config.token_type = "accessToken"
end

Stripe.api_key = "⟨stripe⟩"
Stripe.api_version = "2024-06-20"

Gibbon::Request.api_key = "⟨mailchimp⟩"
Gibbon::Request.timeout = 15

Octokit.configure do |c|
  c.access_token = ENV.fetch("GITHUB_TOKEN")
end
''', block=block(d, "ruby", 5, 4), stripe=d.s("stripe-restricted-key"), mailchimp=d.s("mailchimp")))


@builder
def ruby_database_yml():
    d = Doc("config/database.yml")
    d.done(T('''
default: &default
  adapter: postgresql
  encoding: unicode
  pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>

development:
  <<: *default
  database: acme_development
  username: postgres
  password:

test:
  <<: *default
  database: acme_test

production:
  <<: *default
  database: acme_production
  username: acme
  password: ⟨pw⟩
  host: pg-prod-1.internal

analytics:
  url: ⟨pg⟩
''', pw=d.s("generic-password"), pg=d.s("postgres-url")))


# --------------------------------------------------------------------- shell

@builder
def sh_deploy():
    d = Doc("deploy/deploy.sh")
    d.done(T('''
#!/usr/bin/env bash
# Deploys the storefront to the production droplets.
set -euo pipefail

⟨block⟩

echo "⟨dockerhub⟩" | docker login -u acmebot --password-stdin
docker build -t acme/storefront:"${GIT_SHA:-latest}" .
docker push acme/storefront:"${GIT_SHA:-latest}"

doctl auth init --access-token "⟨do⟩"
doctl compute droplet list --format Name,PublicIPv4

curl -fsS -X POST "https://api.datadoghq.com/api/v1/events" \\
  -H "DD-API-KEY: ${DD_API_KEY}" \\
  -H "Content-Type: application/json" \\
  -d '{"title": "deploy", "text": "storefront deployed"}'

curl -fsS -u "deploy:⟨pw⟩" https://artifacts.internal.acme-corp.net/api/promote
''', block=block(d, "sh", 5, 5), dockerhub=d.s("dockerhub-pat"), do=d.s("digitalocean"),
        pw=d.s("generic-password")))


@builder
def sh_bootstrap():
    d = Doc("scripts/bootstrap-dev.sh")
    d.done(T('''
#!/bin/sh
# One-time setup for a new laptop.
set -e

aws configure set aws_access_key_id ⟨akid⟩ --profile acme-dev
aws configure set aws_secret_access_key ⟨asak⟩ --profile acme-dev
aws configure set region eu-west-1 --profile acme-dev

# The docs key below is AWS's documented sample and is not real.
# aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE

git config --global url."https://oauth2:⟨glpat⟩@gitlab.acme-corp.net/".insteadOf "https://gitlab.acme-corp.net/"

npm config set //registry.npmjs.org/:_authToken "${NPM_TOKEN}"
pip config set global.index-url https://pypi.org/simple

export VAULT_ADDR=https://vault.acme-corp.net:8200
export VAULT_TOKEN=⟨vault⟩
vault kv get secret/dev/storefront

export HF_TOKEN="⟨hf⟩"
huggingface-cli whoami
''', akid=d.s("aws-access-key-id"), asak=d.s("aws-secret-access-key"), glpat=d.s("gitlab-pat"),
        vault=d.s("vault-token"), hf=d.s("huggingface")))


@builder
def sh_smoke_curl():
    d = Doc("scripts/smoke-test-apis.sh")
    d.done(T('''
#!/usr/bin/env bash
# Quick checks that third-party credentials still work.
set -u

curl https://api.openai.com/v1/models \\
  -H "Authorization: Bearer ⟨openai⟩"

curl https://api.anthropic.com/v1/messages \\
  -H "x-api-key: ⟨anthropic⟩" \\
  -H "anthropic-version: 2023-06-01" \\
  -H "content-type: application/json" \\
  -d '{"model": "claude-3-5-haiku-20241022", "max_tokens": 16, "messages": [{"role": "user", "content": "ping"}]}'

curl -s https://api.perplexity.ai/chat/completions \\
  -H "Authorization: Bearer ⟨pplx⟩" -H "Content-Type: application/json" \\
  -d '{"model": "sonar", "messages": [{"role": "user", "content": "ping"}]}'

curl -s "https://generativelanguage.googleapis.com/v1beta/models?key=⟨google⟩"

curl -s https://api.stripe.com/v1/balance -u ⟨stripe⟩:

curl -s https://api.mailgun.net/v3/domains --user 'api:⟨mailgun⟩'

curl -s https://api.twilio.com/2010-04-01/Accounts.json -u "$TWILIO_API_KEY:$TWILIO_API_SECRET"

curl -s -H "Authorization: Bearer $OPENAI_API_KEY" https://api.openai.com/v1/models
curl -s -H "Authorization: Bearer <token>" https://api.acme-corp.net/v2/me
curl -s -H "X-Postman-Api-Key: ⟨postman⟩" https://api.getpostman.com/me

curl -s https://api.tavily.com/search -H 'Content-Type: application/json' \\
  -d '{"api_key": "⟨tavily⟩", "query": "status page"}'
''', openai=d.s("openai"), anthropic=d.s("anthropic"), pplx=d.s("perplexity"), google=d.s("google-api-key"),
        stripe=d.s("stripe-secret-key"), mailgun=d.s("mailgun"), postman=d.s("postman"), tavily=d.s("tavily")))


# ---------------------------------------------------------------------- .env

@builder
def dotenv_root():
    d = Doc(".env")
    d.done("# Local development settings. DO NOT COMMIT.\nNODE_ENV=development\nPORT=3000\n" +
           block(d, "env", 9, 7) + "\nLOG_LEVEL=debug\n")


@builder
def dotenv_production():
    d = Doc("deploy/.env.production")
    d.done("# Production overrides (loaded by docker compose)\n" + block(d, "env_q", 7, 5) +
           "\nDATABASE_URL=\"" + d.s("postgres-url") + "\"\nAZURE_STORAGE_CONNECTION_STRING=\"" +
           d.s("azure-storage") + "\"\n")


@builder
def dotenv_local():
    d = Doc("services/api/.env.local")
    d.done(T('''
API_PORT=8081
MONGODB_URI=⟨mongo⟩
⟨block⟩
# multi-line keys are supported by dotenv
JWT_PRIVATE_KEY="⟨pem⟩"
JWT_PUBLIC_KEY_PATH=./keys/jwt.pub
''', mongo=d.s("mongodb-url"), block=block(d, "env", 5, 4), pem=d.s("ec-private-key")))


@builder
def dotenv_example_negative():
    d = Doc(".env.example")
    d.done('''# Copy to .env and fill in. Every value here is a placeholder.
NODE_ENV=development
OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
ANTHROPIC_API_KEY=<your-anthropic-api-key>
GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
STRIPE_SECRET_KEY=sk_live_YOUR_KEY_HERE
STRIPE_PUBLISHABLE_KEY=pk_live_YOUR_KEY_HERE
AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX
DATABASE_URL=postgres://user:password@localhost:5432/app
REDIS_URL=redis://localhost:6379
SECRET_KEY=changeme
DB_PASSWORD=
HF_TOKEN=hf_...
SENDGRID_API_KEY=SG.your-key-here
API_KEY=YOUR_API_KEY
AUTH_TOKEN=${AUTH_TOKEN}
TWILIO_API_KEY=SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
DD_API_KEY=<datadog-api-key>
''')


# ---------------------------------------------------------------------- YAML

@builder
def compose():
    d = Doc("docker-compose.yml")
    d.done(T('''
services:
  api:
    image: ghcr.io/acme-corp/api:4.18.0
    ports:
      - "8081:8081"
    environment:
⟨block1⟩
      LOG_LEVEL: info
    depends_on:
      - db
      - cache

  worker:
    image: ghcr.io/acme-corp/worker:4.18.0
    environment:
⟨block2⟩
      - QUEUE=orders

  db:
    image: postgres:16.3
    environment:
      POSTGRES_USER: orders
      POSTGRES_PASSWORD: "⟨pgpw⟩"
      POSTGRES_DB: orders
    volumes:
      - pgdata:/var/lib/postgresql/data

  cache:
    image: redis:7.2-alpine
    command: ["redis-server", "--requirepass", "${REDIS_PASSWORD}"]

  grafana:
    image: grafana/grafana:11.1.0
    environment:
      GF_SECURITY_ADMIN_PASSWORD: "⟨gfpw⟩"
      GRAFANA_SERVICE_ACCOUNT_TOKEN: ⟨glsa⟩

volumes:
  pgdata: {}
''', block1=block(d, "compose", 5, 4), block2=block(d, "compose_list", 4, 3), pgpw=d.s("generic-password"),
        gfpw=d.s("generic-password"), glsa=d.s("grafana-service-account")))


@builder
def k8s_secrets():
    d = Doc("deploy/k8s/secrets.yaml")
    d.done(T('''
apiVersion: v1
kind: Secret
metadata:
  name: storefront-env
  namespace: storefront
type: Opaque
stringData:
⟨block1⟩
---
apiVersion: v1
kind: Secret
metadata:
  name: storefront-tls
  namespace: storefront
type: kubernetes.io/tls
stringData:
  tls.crt: |
⟨cert⟩
  tls.key: |
⟨key⟩
---
apiVersion: v1
kind: Secret
metadata:
  name: db-credentials
  namespace: storefront
type: Opaque
stringData:
  username: orders_app
  password: "⟨pw⟩"
  DATABASE_URL: "⟨pg⟩"
---
apiVersion: v1
kind: Secret
metadata:
  name: regcred
  namespace: storefront
type: Opaque
stringData:
⟨block2⟩
''', block1=block(d, "k8s", 6, 4), cert=indent_block("    ")(cert_pem()),
        key=d.s("rsa-private-key", fmt=indent_block("    ")), pw=d.s("generic-password"), pg=d.s("postgres-url"),
        block2=block(d, "k8s", 3, 2)))


@builder
def k8s_deployment_negative():
    d = Doc("deploy/k8s/deployment.yaml")
    d.done(T('''
apiVersion: apps/v1
kind: Deployment
metadata:
  name: storefront
  namespace: storefront
  annotations:
    deployment.kubernetes.io/revision: "42"
    acme.io/git-commit: "⟨sha⟩"
spec:
  replicas: 3
  selector:
    matchLabels:
      app: storefront
  template:
    metadata:
      labels:
        app: storefront
    spec:
      imagePullSecrets:
        - name: regcred
      containers:
        - name: web
          image: ghcr.io/acme-corp/storefront@sha256:⟨digest⟩
          env:
            - name: OPENAI_API_KEY
              valueFrom:
                secretKeyRef:
                  name: storefront-env
                  key: openai-api-key
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: db-credentials
                  key: password
            - name: TOKEN_TYPE
              value: accessToken
            - name: REQUEST_TRACE_ID
              value: "⟨uuid⟩"
            - name: APP_VERSION
              value: "4.18.0"
          ports:
            - containerPort: 3000
''', sha=rand_hex(40), digest=rand_hex(64), uuid=rand_uuid()))


@builder
def gha_release():
    d = Doc(".github/workflows/release.yml")
    d.done(T('''
name: release

on:
  push:
    tags: ["v*"]

permissions:
  contents: write
  id-token: write

jobs:
  publish:
    runs-on: ubuntu-latest
    env:
⟨block⟩
    steps:
      - uses: actions/checkout@⟨sha⟩ # v4.1.7
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          registry-url: https://registry.npmjs.org
      - run: npm ci
      - run: npm publish --access public
        env:
          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}
      - name: Upload wheel
        run: twine upload dist/*
        env:
          TWINE_USERNAME: __token__
          TWINE_PASSWORD: ⟨pypi⟩
      - name: Notify
        run: |
          curl -X POST -H 'Content-type: application/json' \\
            --data '{"text":"released ${{ github.ref_name }}"}' \\
            ⟨hook⟩
''', block=block(d, "gha", 3, 4), sha=rand_hex(40), pypi=d.s("pypi"), hook=d.s("slack-webhook")))


@builder
def gitlab_ci():
    d = Doc(".gitlab-ci.yml")
    d.done(T('''
stages: [test, build, deploy]

variables:
  DOCKER_DRIVER: overlay2
  GIT_DEPTH: "20"
  DOCKERHUB_USER: acmebot
  DOCKERHUB_TOKEN: "⟨dckr⟩"
  DATABRICKS_HOST: https://adb-⟨ws⟩.7.azuredatabricks.net
  DATABRICKS_TOKEN: "⟨dapi⟩"
  SENTRY_ENVIRONMENT: production

unit:
  stage: test
  image: python:3.12-slim
  script:
    - pip install -r requirements.txt
    - pytest -q

build:
  stage: build
  image: docker:26
  script:
    - echo "$DOCKERHUB_TOKEN" | docker login -u "$DOCKERHUB_USER" --password-stdin
    - docker build -t acme/etl:$CI_COMMIT_SHORT_SHA .

deploy:
  stage: deploy
  script:
    - export DOPPLER_TOKEN=⟨doppler⟩
    - doppler run -- ./deploy.sh
  only: [main]
''', dckr=d.s("dockerhub-pat"), ws=digits(16), dapi=d.s("databricks"), doppler=d.s("doppler")))


@builder
def helm_values():
    d = Doc("deploy/helm/values-prod.yaml")
    d.done(T('''
replicaCount: 3
image:
  repository: ghcr.io/acme-corp/assistant
  tag: "2.3.1"
  pullPolicy: IfNotPresent

secrets:
⟨block⟩

ingress:
  enabled: true
  hosts:
    - host: assistant.acme-corp.net
      paths: ["/"]

resources:
  limits: {cpu: 500m, memory: 512Mi}
''', block=block(d, "yaml", 6, 5)))


@builder
def ansible_vars():
    d = Doc("ansible/group_vars/prod.yml")
    d.done(T('''
---
app_user: deploy
app_dir: /srv/acme
postgres_version: "16"
postgres_admin_password: "⟨pw⟩"
postgres_replication_password: "{{ vault_replication_password }}"
newrelic_api_key: "⟨nr⟩"
datadog_api_key: "⟨dd⟩"
datadog_site: datadoghq.eu
sops_age_key: "⟨age⟩"
backup_bucket: s3://acme-backups-prod
ssh_authorized_keys:
  - "ssh-ed25519 ⟨pub⟩ ops@acme"
''', pw=d.s("generic-password"), nr=d.s("newrelic-user-key"), dd=d.s("datadog-api-key"), age=d.s("age-secret-key"),
        pub=openssh_pub_body()))


# ---------------------------------------------------------------------- JSON

def jdump(obj):
    return json.dumps(obj, indent=2) + "\n"


@builder
def mcp_json():
    d = Doc(".cursor/mcp.json")
    cfg = {"mcpServers": {
        "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                   "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": d.s("github-fine-grained-pat")}},
        "slack": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-slack"],
                  "env": {"SLACK_BOT_TOKEN": d.s("slack-bot-token"), "SLACK_TEAM_ID": "T" + rand(UPALNUM, 10)}},
        "postgres": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres", d.s("postgres-url")]},
        "tavily": {"command": "npx", "args": ["-y", "tavily-mcp@0.1.4"], "env": {"TAVILY_API_KEY": d.s("tavily")}},
        "notion": {"command": "npx", "args": ["-y", "@notionhq/notion-mcp-server"],
                   "env": {"OPENAPI_MCP_HEADERS": ""}},
        "linear": {"url": "https://mcp.linear.app/sse", "headers": {"Authorization": "Bearer " + d.s("linear")}},
        "filesystem": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/maria/src"]},
        "brave-search": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-brave-search"],
                         "env": {"BRAVE_API_KEY": "${env:BRAVE_API_KEY}"}},
    }}
    d.done(jdump(cfg))


@builder
def claude_desktop():
    d = Doc("agents/claude_desktop_config.json")
    cfg = {"mcpServers": {
        "perplexity": {"command": "npx", "args": ["-y", "server-perplexity-ask"],
                       "env": {"PERPLEXITY_API_KEY": d.s("perplexity")}},
        "openrouter": {"command": "uvx", "args": ["openrouter-mcp"],
                       "env": {"OPENROUTER_API_KEY": d.s("openrouter"), "OPENROUTER_MODEL": "anthropic/claude-3.5-sonnet"}},
        "pinecone": {"command": "npx", "args": ["-y", "@pinecone-database/mcp"],
                     "env": {"PINECONE_API_KEY": d.s("pinecone")}},
        "huggingface": {"command": "uvx", "args": ["hf-mcp-server"], "env": {"HF_TOKEN": d.s("huggingface")}},
        "placeholder-example": {"command": "npx", "args": ["-y", "some-mcp"],
                                "env": {"API_KEY": "YOUR_API_KEY", "OPENAI_API_KEY": "sk-..."}},
        "memory": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"]},
    }, "globalShortcut": "Ctrl+Space"}
    d.done(jdump(cfg))


@builder
def vscode_settings():
    d = Doc(".vscode/settings.json")
    cfg = {
        "editor.formatOnSave": True,
        "python.defaultInterpreterPath": ".venv/bin/python",
        "rest-client.environmentVariables": {
            "$shared": {"version": "v2"},
            "prod": {"baseUrl": "https://api.acme-corp.net", "token": d.s("jwt")},
            "local": {"baseUrl": "http://localhost:8081", "token": "<token>"},
        },
        "sqltools.connections": [
            {"name": "prod-ro", "driver": "PostgreSQL", "server": "pg-prod-2.internal", "port": 5432,
             "database": "orders", "username": "orders_ro", "password": d.s("generic-password")},
            {"name": "local", "driver": "PostgreSQL", "server": "localhost", "port": 5432,
             "database": "orders", "username": "postgres", "password": ""},
        ],
        "github.copilot.advanced": {"authProvider": "github"},
        "terminal.integrated.env.linux": {"GITLAB_TOKEN": d.s("gitlab-pat"), "TOKEN_TYPE": "accessToken"},
        "gitlens.remotes": [{"domain": "gitlab.acme-corp.net", "type": "GitLab"}],
    }
    d.done(jdump(cfg))


@builder
def appsettings():
    d = Doc("dotnet/Acme.Api/appsettings.Production.json")
    cfg = {
        "Logging": {"LogLevel": {"Default": "Information", "Microsoft.AspNetCore": "Warning"}},
        "ConnectionStrings": {
            "Orders": "Server=tcp:acme-sql.database.windows.net,1433;Initial Catalog=orders;User ID=orders_app;Password=%s;Encrypt=True;" % d.s("generic-password"),
            "Blobs": d.s("azure-storage"),
        },
        "Jwt": {"Issuer": "https://login.acme-corp.net", "SigningKey": d.s("generic-secret")},
        "SendGrid": {"ApiKey": d.s("sendgrid")},
        "AllowedHosts": "*",
        "Version": "5.2.0",
    }
    d.done(jdump(cfg))


@builder
def gcp_service_account():
    d = Doc("infra/gcp/service-account.json")
    project = "acme-analytics-" + digits(6)
    email = "etl-runner@%s.iam.gserviceaccount.com" % project
    sa = {
        "type": "service_account",
        "project_id": project,
        "private_key_id": rand_hex(40),
        "private_key": None,
        "client_email": email,
        "client_id": digits(21),
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": "https://oauth2.googleapis.com/token",
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
        "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/" + email.replace("@", "%40"),
        "universe_domain": "googleapis.com",
    }
    key = GEN["pkcs8-private-key"]() + "\n"
    sa["private_key"] = d.s("gcp-service-account", value=key)
    d.done(jdump(sa))


@builder
def devcontainer():
    d = Doc(".devcontainer/devcontainer.json")
    cfg = {
        "name": "acme-dev",
        "image": "mcr.microsoft.com/devcontainers/python:3.12",
        "features": {"ghcr.io/devcontainers/features/node:1": {"version": "20"}},
        "remoteEnv": {
            "LANGSMITH_API_KEY": d.s("langsmith"),
            "LANGSMITH_TRACING": "true",
            "FIREWORKS_API_KEY": d.s("fireworks"),
            "OPENAI_API_KEY": "${localEnv:OPENAI_API_KEY}",
            "COHERE_API_KEY": d.s("cohere"),
        },
        "postCreateCommand": "pip install -r requirements.txt",
    }
    d.done(jdump(cfg))


@builder
def package_json_negative():
    d = Doc("web/package.json")
    cfg = {
        "name": "@acme/storefront", "version": "4.18.0", "private": True,
        "repository": {"type": "git", "url": "https://github.com/acme-corp/storefront.git"},
        "scripts": {"dev": "next dev", "build": "next build", "start": "next start"},
        "dependencies": {"next": "14.2.5", "react": "18.3.1", "stripe": "^16.2.0", "axios": "^1.7.2",
                         "@sendgrid/mail": "^8.1.3", "zod": "^3.23.8"},
        "devDependencies": {"typescript": "5.5.3", "eslint": "8.57.0"},
        "packageManager": "pnpm@9.5.0+sha256." + rand_hex(64),
    }
    d.done(jdump(cfg))


def sri():
    return "sha512-" + base64.b64encode(rand_bytes(64)).decode()


@builder
def package_lock_negative():
    d = Doc("web/package-lock.json")
    pkgs = {"": {"name": "@acme/storefront", "version": "4.18.0"}}
    for name, ver in [("axios", "1.7.2"), ("follow-redirects", "1.15.6"), ("form-data", "4.0.0"),
                      ("asynckit", "0.4.0"), ("combined-stream", "1.0.8"), ("delayed-stream", "1.0.0"),
                      ("mime-types", "2.1.35"), ("mime-db", "1.52.0"), ("proxy-from-env", "1.1.0"),
                      ("stripe", "16.2.0"), ("qs", "6.12.3"), ("side-channel", "1.0.6"),
                      ("zod", "3.23.8"), ("@sendgrid/mail", "8.1.3"), ("@sendgrid/client", "8.1.3"),
                      ("@sendgrid/helpers", "8.0.0"), ("deepmerge", "4.3.1"), ("js-tokens", "4.0.0"),
                      ("loose-envify", "1.4.0"), ("scheduler", "0.23.2")]:
        pkgs["node_modules/" + name] = {
            "version": ver,
            "resolved": "https://registry.npmjs.org/%s/-/%s-%s.tgz" % (name, name.split("/")[-1], ver),
            "integrity": sri(),
        }
    d.done(jdump({"name": "@acme/storefront", "version": "4.18.0", "lockfileVersion": 3,
                  "requires": True, "packages": pkgs}))


# ---------------------------------------------------------------------- TOML

@builder
def toml_app():
    d = Doc("services/assistant/config.toml")
    d.done(T('''
[server]
host = "0.0.0.0"
port = 8000
workers = 4

[llm]
default_provider = "anthropic"
⟨block⟩

[vector_store]
provider = "pinecone"
index = "docs-prod"
api_key = "⟨pinecone⟩"

[database]
url = "⟨pg⟩"
pool_size = 10

[auth]
token_type = "accessToken"
password = ""
''', block=block(d, "toml", 6, 5), pinecone=d.s("pinecone"), pg=d.s("postgres-url")))


@builder
def streamlit_secrets():
    d = Doc("dashboards/.streamlit/secrets.toml")
    d.done(T('''
# Streamlit secrets for the revenue dashboard
openai_api_key = "⟨openai⟩"

[connections.snowflake]
account = "acme-eu1"
user = "DASHBOARD_RO"
password = "⟨pw⟩"
warehouse = "REPORTING_WH"

[connections.mongo]
uri = "⟨mongo⟩"

[replicate]
token = "⟨r8⟩"
''', openai=d.s("openai"), pw=d.s("generic-password"), mongo=d.s("mongodb-url"), r8=d.s("replicate")))


@builder
def pyproject_negative():
    d = Doc("pyproject.toml")
    d.done('''[project]
name = "acme-etl"
version = "1.9.3"
description = "Nightly ETL jobs for the orders warehouse"
requires-python = ">=3.11"
dependencies = ["psycopg2-binary>=2.9", "requests>=2.32", "boto3>=1.34"]

[tool.poetry.source]
name = "internal"
url = "https://pypi.internal.acme-corp.net/simple/"

[tool.pytest.ini_options]
addopts = "-q"
env = ["API_KEY=YOUR_API_KEY", "DB_PASSWORD=changeme"]

[tool.ruff]
line-length = 100
''')


@builder
def cargo_lock_negative():
    d = Doc("tools/cli/Cargo.lock")
    out = ["# This file is automatically @generated by Cargo.", "# It is not intended for manual editing.",
           "version = 3", ""]
    for name, ver in [("anyhow", "1.0.86"), ("base64", "0.22.1"), ("clap", "4.5.9"), ("hmac", "0.12.1"),
                      ("reqwest", "0.12.5"), ("serde", "1.0.204"), ("serde_json", "1.0.120"), ("sha2", "0.10.8"),
                      ("tokio", "1.38.0"), ("zeroize", "1.8.1")]:
        out += ["[[package]]", 'name = "%s"' % name, 'version = "%s"' % ver,
                'source = "registry+https://github.com/rust-lang/crates.io-index"',
                'checksum = "%s"' % rand_hex(64), ""]
    out += ["[[package]]", 'name = "acme-cli"', 'version = "0.3.0"',
            'dependencies = ["anyhow", "base64", "clap", "reqwest", "serde", "tokio"]']
    d.done("\n".join(out))


@builder
def poetry_lock_negative():
    d = Doc("poetry.lock")
    out = ["# This file is automatically @generated by Poetry 1.8.3 and should not be changed by hand.", ""]
    for name, ver in [("boto3", "1.34.144"), ("certifi", "2024.7.4"), ("idna", "3.7"),
                      ("psycopg2-binary", "2.9.9"), ("requests", "2.32.3"), ("urllib3", "2.2.2")]:
        out += ["[[package]]", 'name = "%s"' % name, 'version = "%s"' % ver, 'optional = false',
                'python-versions = ">=3.8"', "files = [",
                '    {file = "%s-%s-py3-none-any.whl", hash = "sha256:%s"},' % (name.replace("-", "_"), ver, rand_hex(64)),
                '    {file = "%s-%s.tar.gz", hash = "sha256:%s"},' % (name, ver, rand_hex(64)), "]", ""]
    out += ["[metadata]", 'lock-version = "2.0"', 'python-versions = "^3.11"',
            'content-hash = "%s"' % rand_hex(64)]
    d.done("\n".join(out))


@builder
def go_sum_negative():
    d = Doc("go.sum")
    out = []
    for mod, ver in [("github.com/DataDog/datadog-go/v5", "v5.5.0"), ("github.com/google/go-github/v62", "v62.0.0"),
                     ("github.com/google/go-querystring", "v1.1.0"), ("golang.org/x/oauth2", "v0.21.0"),
                     ("golang.org/x/sys", "v0.22.0")]:
        out.append("%s %s h1:%s=" % (mod, ver, base64.b64encode(rand_bytes(32)).decode()[:43]))
        out.append("%s %s/go.mod h1:%s=" % (mod, ver, base64.b64encode(rand_bytes(32)).decode()[:43]))
    d.done("\n".join(out))


# ----------------------------------------------------------------------- INI

@builder
def pypirc():
    d = Doc("deploy/pypirc")
    d.done(T('''
[distutils]
index-servers =
    pypi
    internal

[pypi]
username = __token__
password = ⟨pypi⟩

[internal]
repository = https://pypi.internal.acme-corp.net/
username = deploy
password = ⟨pw⟩
''', pypi=d.s("pypi"), pw=d.s("generic-password")))


@builder
def aws_credentials():
    d = Doc("deploy/aws/credentials")
    d.done(T('''
[default]
aws_access_key_id = ⟨a1⟩
aws_secret_access_key = ⟨s1⟩

[ci]
aws_access_key_id = ⟨a2⟩
aws_secret_access_key = ⟨s2⟩
region = eu-west-1

[docs]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
''', a1=d.s("aws-access-key-id"), s1=d.s("aws-secret-access-key"), a2=d.s("aws-access-key-id"),
        s2=d.s("aws-secret-access-key")))


@builder
def ini_app():
    d = Doc("services/legacy/app.ini")
    d.done(T('''
[app]
name = legacy-portal
debug = false
version = 3.0.12

[database]
host = mysql-prod.internal
user = portal
password = ⟨pw⟩
dsn = ⟨mysql⟩

[integrations]
⟨block⟩

[auth]
token_type = accessToken
password_reset_url = https://portal.acme-corp.net/reset
''', pw=d.s("generic-password"), mysql=d.s("mysql-url"), block=block(d, "ini", 5, 5)))


@builder
def tox_ini_negative():
    d = Doc("tox.ini")
    d.done('''[tox]
envlist = py311, py312

[testenv]
deps = -rrequirements-dev.txt
setenv =
    API_KEY = YOUR_API_KEY
    DATABASE_URL = postgres://localhost:5432/app_ci
    SECRET_KEY = {env:SECRET_KEY:changeme}
passenv = GITHUB_TOKEN, OPENAI_API_KEY
commands = pytest {posargs}
''')


# ----------------------------------------------------------------------- XML

@builder
def web_config():
    d = Doc("dotnet/Acme.Legacy/Web.config")
    d.done(T('''
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <connectionStrings>
    <add name="Orders" connectionString="Data Source=sql-prod.internal;Initial Catalog=orders;User Id=legacy;Password=⟨pw⟩;" providerName="System.Data.SqlClient" />
    <add name="Storage" connectionString="⟨azure⟩" />
  </connectionStrings>
  <appSettings>
⟨block⟩
    <add key="TokenType" value="accessToken" />
    <add key="Version" value="3.0.12" />
  </appSettings>
  <system.web>
    <compilation debug="false" targetFramework="4.8" />
    <machineKey validationKey="AutoGenerate,IsolateApps" decryptionKey="AutoGenerate,IsolateApps" />
  </system.web>
</configuration>
''', pw=d.s("generic-password"), azure=d.s("azure-storage"), block=block(d, "xml", 5, 5)))


@builder
def maven_settings():
    d = Doc("billing/.mvn/settings.xml")
    d.done(T('''
<?xml version="1.0" encoding="UTF-8"?>
<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">
  <servers>
    <server>
      <id>github</id>
      <username>acme-bot</username>
      <password>⟨ghp⟩</password>
    </server>
    <server>
      <id>internal-releases</id>
      <username>deploy</username>
      <password>${env.NEXUS_PASSWORD}</password>
    </server>
    <server>
      <id>gitlab-maven</id>
      <configuration>
        <httpHeaders>
          <property>
            <name>Private-Token</name>
            <value>⟨glpat⟩</value>
          </property>
        </httpHeaders>
      </configuration>
    </server>
  </servers>
</settings>
''', ghp=d.s("github-pat-classic"), glpat=d.s("gitlab-pat")))


@builder
def pom_negative():
    d = Doc("billing/pom.xml")
    d.done('''<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.acme</groupId>
  <artifactId>billing</artifactId>
  <version>2.7.0</version>
  <properties>
    <java.version>21</java.version>
    <spring-boot.version>3.3.1</spring-boot.version>
    <token.type>accessToken</token.type>
    <db.password></db.password>
    <api.key>${env.API_KEY}</api.key>
  </properties>
  <scm>
    <url>https://github.com/acme-corp/billing</url>
    <connection>scm:git:https://github.com/acme-corp/billing.git</connection>
  </scm>
</project>
''')


# ------------------------------------------------------------------- Jupyter

def notebook(cells):
    nb = {"cells": [], "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                                    "language_info": {"name": "python", "version": "3.11.9"}},
          "nbformat": 4, "nbformat_minor": 5}
    for kind, src, outputs in cells:
        lines = src.strip("\n").split("\n")
        source = [l + "\n" for l in lines[:-1]] + [lines[-1]]
        cell = {"cell_type": kind, "id": rand_hex(8), "metadata": {}, "source": source}
        if kind == "code":
            cell["execution_count"] = None if outputs is None else rng.randrange(1, 40)
            cell["outputs"] = [] if not outputs else [{"name": "stdout", "output_type": "stream", "text": outputs}]
        nb["cells"].append(cell)
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


@builder
def ipynb_embeddings():
    d = Doc("notebooks/explore_embeddings.ipynb")
    d.done(notebook([
        ("markdown", "# Embedding experiments\nCompare OpenAI and Cohere embeddings on the support tickets.", None),
        ("code", 'import os\nos.environ["OPENAI_API_KEY"] = "%s"\nos.environ["COHERE_API_KEY"] = "%s"' % (
            d.s("openai"), d.s("cohere")), []),
        ("code", "from openai import OpenAI\nclient = OpenAI()\nresp = client.embeddings.create(model=\"text-embedding-3-small\", input=[\"hello\"])\nlen(resp.data[0].embedding)",
         ["1536\n"]),
        ("code", 'import pandas as pd\ndf = pd.read_parquet("s3://acme-ml/tickets.parquet")\ndf.head()', None),
        ("code", '# langsmith tracing\nLANGSMITH_API_KEY = "%s"\nos.environ["LANGSMITH_TRACING"] = "true"' % d.s("langsmith"), []),
        ("code", 'api_key = os.environ.get("OPENAI_API_KEY", "YOUR_API_KEY")\nprint(api_key[:3])', ["sk-\n"]),
    ]))


@builder
def ipynb_finetune():
    d = Doc("notebooks/finetune_llama.ipynb")
    d.done(notebook([
        ("markdown", "## Fine-tune on Fireworks, track on Hugging Face", None),
        ("code", 'from huggingface_hub import login\nlogin(token="%s")' % d.s("huggingface"),
         ["Token is valid (permission: write).\nLogin successful\n"]),
        ("code", 'import replicate\nclient = replicate.Client(api_token="%s")' % d.s("replicate"), []),
        ("code", 'FIREWORKS_API_KEY = "%s"\nGROQ_API_KEY = "%s"' % (d.s("fireworks"), d.s("groq")), []),
        ("code", "run_id = \"%s\"\ncommit = \"%s\"" % (rand_uuid(), rand_hex(40)), []),
        ("code", '!wandb login $WANDB_API_KEY', ["wandb: Appending key for api.wandb.ai to your netrc file\n"]),
    ]))


# --------------------------------------------------------------------- JSONL

def jl(obj):
    return json.dumps(obj, ensure_ascii=False)


@builder
def jsonl_chat():
    d = Doc("transcripts/support-chat-2024-05-14.jsonl")
    t0 = 1715680000
    turns = [
        ("user", "Hi, my Stripe integration returns 401 since this morning."),
        ("assistant", "Sorry to hear that! Which key are you using? Please don't paste the full secret key here."),
        ("user", "this one: %s" % d.s("stripe-secret-key")),
        ("assistant", "Please roll that key immediately in the Dashboard, it is now exposed. Use a restricted key (rk_live_...) stored in an environment variable instead."),
        ("user", "ok. also my sendgrid key %s stopped sending mail" % d.s("sendgrid")),
        ("assistant", "Same advice: revoke it and create a new one. In your code, read it with os.environ[\"SENDGRID_API_KEY\"]."),
        ("user", "Here is my .env line: TELEGRAM_BOT_TOKEN=%s" % d.s("telegram-bot-token")),
        ("assistant", "Thanks. Your request id is %s for reference." % rand_uuid()),
        ("user", "And the webhook we post alerts to is %s" % d.s("discord-webhook")),
        ("assistant", "Got it. Placeholders like YOUR_API_KEY or <token> in your docs are fine to share."),
    ]
    out = []
    for i, (role, content) in enumerate(turns):
        out.append(jl({"id": "msg_%02d" % i, "role": role, "content": content, "ts": t0 + 37 * i}))
    d.done("\n".join(out))


@builder
def jsonl_agent():
    d = Doc("transcripts/agent-session-7f3a.jsonl")
    sid = rand_uuid()
    rows = [
        {"type": "user", "sessionId": sid, "uuid": rand_uuid(),
         "message": {"role": "user", "content": "Deploy the preview and post the link to Slack."}},
        {"type": "assistant", "sessionId": sid, "uuid": rand_uuid(),
         "message": {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_" + rand(ALNUM, 24), "name": "Bash",
                                                       "input": {"command": "cat .env | grep -v '^#'"}}]}},
        {"type": "user", "sessionId": sid, "uuid": rand_uuid(),
         "message": {"role": "user", "content": [{"type": "tool_result", "content": "VERCEL_ORG=acme\nSLACK_WEBHOOK_URL=%s" % d.s("slack-webhook")}]}},
        {"type": "assistant", "sessionId": sid, "uuid": rand_uuid(),
         "message": {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_" + rand(ALNUM, 24), "name": "Bash",
                                                       "input": {"command": "curl -s -H \"Authorization: Bearer %s\" https://api.vercel.com/v9/projects" % d.s("bearer-token")}}]}},
        {"type": "user", "sessionId": sid, "uuid": rand_uuid(),
         "message": {"role": "user", "content": [{"type": "tool_result", "content": "{\"projects\": [{\"name\": \"storefront\", \"id\": \"prj_%s\"}]}" % rand(ALNUM, 28)}]}},
        {"type": "assistant", "sessionId": sid, "uuid": rand_uuid(),
         "message": {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_" + rand(ALNUM, 24), "name": "Bash",
                                                       "input": {"command": "export ANTHROPIC_API_KEY=%s && npm run eval" % d.s("anthropic")}}]}},
        {"type": "assistant", "sessionId": sid, "uuid": rand_uuid(),
         "message": {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_" + rand(ALNUM, 24), "name": "Write",
                                                       "input": {"file_path": "/srv/app/config.json", "content": jdump({"openrouter": {"apiKey": d.s("openrouter")}})}}]}},
        {"type": "assistant", "sessionId": sid, "uuid": rand_uuid(),
         "message": {"role": "assistant", "content": "Done. I used process.env.SLACK_WEBHOOK_URL rather than hard-coding the URL."}},
        {"type": "user", "sessionId": sid, "uuid": rand_uuid(),
         "message": {"role": "user", "content": "thanks! the gh token for the release step is %s" % d.s("github-oauth")}},
    ]
    d.done("\n".join(jl(r) for r in rows))


# ------------------------------------------------------------------ Markdown

@builder
def md_setup():
    d = Doc("docs/setup.md")
    d.done(T('''
# Local setup

1. Copy `.env.example` to `.env`.
2. Fill in your own keys. Never commit real values.

```bash
export OPENAI_API_KEY="sk-..."
export ANTHROPIC_API_KEY="<your-anthropic-api-key>"
export GITHUB_TOKEN=${GITHUB_TOKEN}
```

In CI the values come from `${{ secrets.OPENAI_API_KEY }}`.

## Talking to the staging API

The staging environment uses a shared service token (rotated monthly):

```bash
curl -H "Authorization: Bearer ⟨bearer⟩" https://staging.acme-corp.net/v2/health
```

## Vector store

```python
from pinecone import Pinecone
pc = Pinecone(api_key="⟨pinecone⟩")
index = pc.Index("docs-staging")
```

## Databricks

| setting | value |
|---|---|
| host | `https://adb-⟨ws⟩.7.azuredatabricks.net` |
| token | `⟨dapi⟩` |
| cluster | `0601-182128-dcbte59m` |

## Troubleshooting

If you see `401 Unauthorized`, check that `process.env.OPENAI_API_KEY` is set.
The AWS docs use `AKIAIOSFODNN7EXAMPLE` as a sample key id; it is not ours.
''', bearer=d.s("bearer-token"), pinecone=d.s("pinecone"), ws=digits(16), dapi=d.s("databricks")))


@builder
def md_runbook():
    d = Doc("docs/runbooks/incident-2024-03.md")
    d.done(T('''
# Incident 2024-03-07: alerting outage

**Status:** resolved, commit `⟨sha⟩`

## Timeline

- 09:12 alerts stopped reaching #ops.
- 09:40 found that the webhook had been rotated; new one:
  `⟨hook⟩`
- 10:05 Grafana alert contact point updated with service account token
  `⟨glsa⟩`.

## Reproduce

```sh
curl -X POST -H 'Content-Type: application/json' \\
  -d '{"text": "ping"}' "$SLACK_WEBHOOK_URL"
```

```yaml
datadog:
  api_key: ⟨dd⟩
  site: datadoghq.eu
```

## Follow-ups

- [ ] Move webhook to Vault (`vault kv put secret/ops/slack url=<webhook-url>`).
- [ ] New Relic key `⟨nr⟩` to be rotated.
''', sha=rand_hex(40), hook=d.s("slack-webhook"), glsa=d.s("grafana-service-account"), dd=d.s("datadog-api-key"),
        nr=d.s("newrelic-user-key")))


@builder
def md_config_negative():
    d = Doc("docs/configuration.md")
    d.done(T('''
# Configuration reference

| variable | example value | notes |
|---|---|---|
| `OPENAI_API_KEY` | `sk-xxxxxxxxxxxxxxxxxxxxxxxx` | from platform.openai.com |
| `GITHUB_TOKEN` | `ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx` | needs `repo` scope |
| `STRIPE_SECRET_KEY` | `sk_live_...` | |
| `STRIPE_PUBLISHABLE_KEY` | `pk_live_⟨pk⟩` | safe to expose |
| `AWS_ACCESS_KEY_ID` | `AKIAIOSFODNN7EXAMPLE` | |
| `AWS_SECRET_ACCESS_KEY` | `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY` | |
| `DATABASE_URL` | `postgres://user:password@localhost:5432/app` | |
| `SLACK_WEBHOOK_URL` | `https://hooks.slack.com/services/...` | |
| `SECRET_KEY` | `changeme` | |

```yaml
env:
  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}
  API_KEY: "{{ api_key }}"
  PASSWORD: "<password>"
```

```js
const token = process.env.GITHUB_TOKEN;
const key = process.env["OPENAI_API_KEY"];
```

```python
token = os.environ["HF_TOKEN"]
password = getpass.getpass()
```

A token that fails its checksum, kept for the parser tests: `⟨badgh⟩`.

Request IDs look like `⟨uuid⟩`; they are not secrets.
''', pk=rand(ALNUM, 99), badgh=gh_bad_checksum("ghp_"), uuid=rand_uuid()))


@builder
def md_changelog_negative():
    d = Doc("CHANGELOG.md")
    out = ["# Changelog", ""]
    for ver in ["4.18.0", "4.17.2", "4.17.1", "4.17.0", "4.16.0"]:
        out += ["## %s" % ver, ""]
        for _ in range(3):
            out.append("- %s (%s) by @%s" % (choice(["Fix token refresh race", "Rotate secret handling", "Bump axios",
                                                     "Add password strength meter", "Drop legacy API key header"]),
                                             rand_hex(7), choice(["mortega", "jpark", "anovak"])))
        out.append("- Full diff: https://github.com/acme-corp/storefront/compare/%s...%s" % (rand_hex(40), rand_hex(40)))
        out.append("")
    d.done("\n".join(out))


# ----------------------------------------------------------------- Terraform

@builder
def tf_main():
    d = Doc("infra/main.tf")
    d.done(T('''
terraform {
  required_version = ">= 1.6"
  required_providers {
    aws          = { source = "hashicorp/aws", version = "~> 5.50" }
    digitalocean = { source = "digitalocean/digitalocean", version = "~> 2.39" }
    datadog      = { source = "DataDog/datadog", version = "~> 3.40" }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "⟨akid⟩"
  secret_key = "⟨asak⟩"
}

provider "digitalocean" {
  token = "⟨do⟩"
}

provider "datadog" {
  api_key = "⟨dd⟩"
  app_key = var.datadog_app_key
}

variable "datadog_app_key" {
  type      = string
  sensitive = true
}

variable "db_password" {
  type      = string
  sensitive = true
  default   = ""
}

resource "aws_db_instance" "orders" {
  identifier     = "orders-prod"
  engine         = "postgres"
  engine_version = "16.3"
  instance_class = "db.t4g.medium"
  username       = "orders"
  password       = "⟨pw⟩"
}

resource "aws_key_pair" "deploy" {
  key_name   = "deploy"
  public_key = "ssh-ed25519 ⟨pub⟩ deploy@acme"
}

resource "tls_locally_signed_cert" "internal" {
  ca_private_key_pem = <<-EOT
⟨pem⟩
  EOT
  ca_cert_pem        = file("${path.module}/ca.crt")
  cert_request_pem   = file("${path.module}/internal.csr")
  validity_period_hours = 8760
  allowed_uses       = ["server_auth"]
}
''', akid=d.s("aws-access-key-id"), asak=d.s("aws-secret-access-key"), do=d.s("digitalocean"),
        dd=d.s("datadog-api-key"), pw=d.s("generic-password"), pub=openssh_pub_body(),
        pem=d.s("ec-private-key", fmt=indent_block("    "))))


@builder
def tfvars():
    d = Doc("infra/prod.auto.tfvars")
    d.done("# Production values\nenvironment = \"prod\"\nregion = \"eu-west-1\"\n" +
           block(d, "tf", 5, 4).replace("\n  ", "\n").lstrip() + "\n")


# -------------------------------------------------------- .npmrc / .netrc

@builder
def npmrc():
    d = Doc(".npmrc")
    d.done(T('''
registry=https://registry.npmjs.org/
@acme:registry=https://npm.pkg.github.com/
//registry.npmjs.org/:_authToken=⟨npm⟩
//npm.pkg.github.com/:_authToken=⟨ghp⟩
always-auth=true
save-exact=true
''', npm=d.s("npm-token"), ghp=d.s("github-pat-classic")))


@builder
def npmrc_negative():
    d = Doc("web/.npmrc")
    d.done('''@acme:registry=https://npm.pkg.github.com/
//npm.pkg.github.com/:_authToken=${GITHUB_TOKEN}
//registry.npmjs.org/:_authToken=${NPM_TOKEN}
engine-strict=true
''')


@builder
def netrc():
    d = Doc("dotfiles/.netrc")
    d.done(T('''
machine github.com
  login mortega
  password ⟨ghp⟩

machine gitlab.acme-corp.net login mortega password ⟨glpat⟩

machine api.digitalocean.com
  login mortega
  password ⟨do⟩

machine localhost login admin password
''', ghp=d.s("github-pat-classic"), glpat=d.s("gitlab-pat"), do=d.s("digitalocean")))


@builder
def zshrc():
    d = Doc("dotfiles/.zshrc")
    d.done(T('''
# ~/.zshrc
export PATH="$HOME/.local/bin:$HOME/go/bin:$PATH"
export EDITOR=nvim
export HISTSIZE=50000

alias k=kubectl
alias gs="git status"

# API keys for side projects
⟨block⟩

export OPENAI_API_KEY="$(op read op://Personal/OpenAI/credential)"
export GITHUB_TOKEN=$(gh auth token)

eval "$(starship init zsh)"
''', block=block(d, "sh", 6, 3)))


# ------------------------------------------------------------- curl / HTTP

@builder
def http_requests():
    d = Doc("docs/api/requests.http")
    d.done(T('''
@baseUrl = https://api.acme-corp.net/v2
@token = {{$dotenv API_TOKEN}}

### Health check
GET {{baseUrl}}/health

### Current user (uses the env token)
GET {{baseUrl}}/me
Authorization: Bearer {{token}}

### Admin report (service token)
GET {{baseUrl}}/admin/reports/daily
Authorization: Bearer ⟨bearer⟩
Accept: application/json

### Session from a captured JWT
GET {{baseUrl}}/orders?limit=20
Authorization: Bearer ⟨jwt⟩

### Create Linear issue
POST https://api.linear.app/graphql
Content-Type: application/json
Authorization: ⟨linear⟩

{"query": "mutation { issueCreate(input: {title: \\"deploy failed\\", teamId: \\"⟨uuid⟩\\"}) { success } }"}

### Postman monitor
GET https://api.getpostman.com/monitors
X-Api-Key: ⟨postman⟩

### Basic auth (password left empty on purpose)
GET {{baseUrl}}/public
Authorization: Basic ⟨basic⟩
''', bearer=d.s("bearer-token"), jwt=d.s("jwt"), linear=d.s("linear"), uuid=rand_uuid(), postman=d.s("postman"),
        basic=base64.b64encode(b"guest:").decode()))


# ------------------------------------------------------------------- CI logs

def ts(i):
    return "2024-06-11T08:%02d:%02d.%03dZ" % (14 + i // 60, i % 60, (i * 137) % 1000)


@builder
def ci_log_build():
    d = Doc("ci/logs/build-8841.log")
    lines = [
        "##[group]Run actions/checkout@v4",
        "Syncing repository: acme-corp/storefront",
        "HEAD is now at %s Merge pull request #1312 from acme-corp/fix-token-refresh" % rand_hex(7),
        "##[endgroup]",
        "##[group]Run npm ci",
        "npm warn deprecated inflight@1.0.6: This module is not supported, and leaks memory.",
        "added 812 packages, and audited 813 packages in 21s",
        "##[endgroup]",
        "##[group]Run ./scripts/smoke-test-apis.sh",
        "+ curl https://api.openai.com/v1/models -H 'Authorization: Bearer ***'",
        "+ export STRIPE_SECRET_KEY=***",
        "+ curl -s https://api.groq.com/openai/v1/models -H 'Authorization: Bearer %s'" % d.s("groq"),
        "+ echo 'REPLICATE_API_TOKEN=%s' >> .env" % d.s("replicate"),
        "+ npx prisma migrate deploy --schema prisma/schema.prisma",
        "Datasource \"db\": PostgreSQL database \"orders\", schema \"public\" at \"pg-prod-1.internal:5432\"",
        "Error: P1001: Can't reach database server at `%s`" % d.s("postgres-url"),
        "+ docker login -u acmebot -p %s registry-1.docker.io" % d.s("dockerhub-pat"),
        "WARNING! Using --password via the CLI is insecure. Use --password-stdin.",
        "Login Succeeded",
        "+ npm publish --access public",
        "npm notice Publishing to https://registry.npmjs.org/ with tag latest and default access",
        "npm notice integrity: %s" % sri()[:40] + "[...]" + rand(B64, 6) + "==",
        "npm notice shasum: %s" % rand_hex(40),
        "+ echo \"Using npm token %s\"" % d.s("npm-token"),
        "Request ID: %s" % rand_uuid(),
        "##[endgroup]",
        "##[error]Process completed with exit code 1.",
    ]
    d.done("\n".join("%s %s" % (ts(i), l) for i, l in enumerate(lines)))


@builder
def ci_log_deploy():
    d = Doc("ci/logs/deploy-8842.txt")
    lines = [
        "[deploy] starting rollout of storefront 4.18.0 (commit %s)" % rand_hex(40),
        "[deploy] loading secrets from Doppler project storefront/prd",
        "[deploy] DOPPLER_TOKEN=%s" % d.s("doppler"),
        "[deploy] helm upgrade --install storefront ./chart -f values-prod.yaml",
        "[deploy] Release \"storefront\" has been upgraded. Happy Helming!",
        "[deploy] VAULT_TOKEN=%s" % d.s("vault-token"),
        "[deploy] vault kv get -field=password secret/prod/db",
        "[deploy] notifying https://hooks.slack.com/services/***",
        "[deploy] posting to %s" % d.s("discord-webhook"),
        "[deploy] DEBUG env dump: SHOPIFY_ACCESS_TOKEN=%s" % d.s("shopify-access-token"),
        "[deploy] DEBUG env dump: PASSWORD=",
        "[deploy] DEBUG env dump: TOKEN_TYPE=accessToken",
        "[deploy] DEBUG env dump: MAILCHIMP_API_KEY=%s" % d.s("mailchimp"),
        "[deploy] DEBUG env dump: TWILIO_API_KEY=%s" % d.s("twilio-api-key"),
        "[deploy] DEBUG env dump: API_KEY=${API_KEY}",
        "[deploy] DEBUG env dump: GITHUB_TOKEN=%s" % gh_bad_checksum("ghp_"),
        "[deploy] rollout complete in 94s",
    ]
    d.done("\n".join(lines))


# ----------------------------------------------------------- key files (PEM)

@builder
def key_files():
    for path, provider in [("certs/server.key", "rsa-private-key"), ("certs/signing-ec.pem", "ec-private-key"),
                           ("keys/deploy_ed25519", "openssh-private-key"), ("certs/jwt-signing.key", "pkcs8-private-key")]:
        d = Doc(path)
        d.done(d.s(provider))
    d = Doc("keys/backup-keys.pem")
    d.done("Bag Attributes\n    friendlyName: backup\nsubject=/CN=backup.acme-corp.net\n" + d.s("rsa-private-key") +
           "\n\n# second key for the old host\n" + d.s("openssh-private-key"))


@builder
def public_key_files_negative():
    Doc("certs/server.crt").done(cert_pem())
    Doc("certs/ca-bundle.pem").done("# Acme internal root\n" + cert_pem() + "\n# Acme intermediate\n" + cert_pem())
    Doc("keys/jwt.pub").done(pubkey_pem())
    Doc("keys/deploy_ed25519.pub").done("ssh-ed25519 %s deploy@acme" % openssh_pub_body())
    Doc("keys/authorized_keys").done("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ%s ops@bastion\nssh-ed25519 %s mortega@laptop" % (
        base64.b64encode(rand_bytes(256)).decode(), openssh_pub_body()))


@builder
def age_keys():
    d = Doc("secrets/age/keys.txt")
    d.done("# created: 2024-03-02T10:11:12+01:00\n# public key: age1%s\n%s" % (
        rand("qpzry9x8gf2tvdw0s3jn54khce6mua7l", 58), d.s("age-secret-key")))
    Doc(".sops.yaml").done("creation_rules:\n  - path_regex: secrets/.*\\.yaml$\n    age: >-\n      age1%s,\n      age1%s\n" % (
        rand("qpzry9x8gf2tvdw0s3jn54khce6mua7l", 58), rand("qpzry9x8gf2tvdw0s3jn54khce6mua7l", 58)))


# ===========================================================================
# Driver
# ===========================================================================

README = """# fixtures/corpus

Generated by `scripts/make_corpus.py`; do not edit by hand. Re-running the
script deletes this directory and rebuilds it byte for byte (seeded RNG).

Every credential here is FAKE: random characters shaped like each provider's
documented token format (prefixes, lengths, alphabets, and the checksum of
GitHub and npm tokens). None was ever issued by a provider, and none grants
access to anything.

The files imitate a real repository in many formats. Besides the planted
credentials they hold hard negatives: placeholders and documentation keys,
GitHub and npm look-alikes with a wrong checksum, UUIDs, commit hashes,
lockfile integrity hashes, identifiers assigned to secret-sounding names,
URLs without passwords, version strings, base64 of plain text, public keys
and certificates, publishable keys, and empty passwords.

## expected.jsonl

One JSON object per planted credential:

    ⟨example_row⟩

`path` is relative to this directory, `line` is the 1-based line on which the
credential starts (for PEM blocks, the `-----BEGIN` line) and `provider`
names the kind of credential. Negatives are not listed.

Scoring: a finding reported at a listed path:line is a true positive; any
other finding is a false positive; a listed path:line with no finding is a
false negative. Only path and line are compared, not the provider name.

This README itself contains no credentials.
"""


def write_all():
    if os.path.isdir(ROOT):
        shutil.rmtree(ROOT)
    os.makedirs(ROOT)
    for path in sorted(FILES):
        full = os.path.join(ROOT, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8", newline="\n") as f:
            f.write(FILES[path])
    rows = sorted(PLANTED, key=lambda r: (r[0], r[1]))
    with open(os.path.join(ROOT, "expected.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for path, line, provider, _ in rows:
            f.write(json.dumps({"path": path, "line": line, "provider": provider}) + "\n")
    with open(os.path.join(ROOT, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(T(README, example_row=json.dumps({"path": rows[0][0], "line": rows[0][1], "provider": rows[0][2]})))


def verify():
    """Re-read what was written and check the bookkeeping."""
    seen = set()
    for path, line, provider, anchor in PLANTED:
        assert (path, line) not in seen, ("two planted secrets on one line", path, line)
        seen.add((path, line))
        with open(os.path.join(ROOT, path), encoding="utf-8") as f:
            lines = f.read().split("\n")
        first = anchor.split("\n")[0]
        assert first in lines[line - 1], (path, line, provider, first[:30])
        # ... and the rest of the secret follows from there.
        assert "\n".join(lines[line - 1:]).find(anchor) >= 0, (path, line, provider)
    with open(os.path.join(ROOT, "expected.jsonl"), encoding="utf-8") as f:
        rows = [json.loads(l) for l in f]
    assert len(rows) == len(PLANTED)
    total = 0
    for dirpath, _, names in os.walk(ROOT):
        for n in names:
            full = os.path.join(dirpath, n)
            total += os.path.getsize(full)
            with open(full, encoding="utf-8") as f:
                text = f.read()
            assert "⟨" not in text, full
            if n.endswith((".json", ".ipynb")):
                json.loads(text)
            elif n.endswith(".jsonl"):
                for l in text.splitlines():
                    json.loads(l)
    assert total < 1_000_000, total
    return total


def main():
    for b in BUILDERS:
        b()
    write_all()
    total = verify()
    providers = sorted({p for _, _, p, _ in PLANTED})
    print("%d files, %d planted secrets, %d providers, %d bytes" % (
        len(FILES) + 2, len(PLANTED), len(providers), total))


if __name__ == "__main__":
    main()
