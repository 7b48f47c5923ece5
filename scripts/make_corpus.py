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
import hashlib
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
    return rand(LETTERS, 1) + rand(ALNUM + "!#%^*-_", n - 3) + rand(DIGITS, 1) + rand(LETTERS, 1)


def db_password():
    # URL-safe characters only, so no percent-encoding is needed.
    return rand(ALNUM, rng.randrange(16, 25))


USERS = ["app", "svc_orders", "analytics", "deploy", "admin", "billing_rw", "etl"]
HOSTS = ["db.internal.acme-corp.net", "10.20.4.17", "pg-prod-1.c7x2k.eu-west-1.rds.amazonaws.com",
         "orders-db.svc.cluster.local", "warehouse.prod.lan"]


def db_url(kind):
    u, p = choice(USERS), db_password()
    if kind == "postgres":
        return "postgres://%s:%s@%s:5432/%s" % (u, p, choice(HOSTS), choice(["orders", "app", "metrics"]))
    if kind == "mysql":
        return "mysql://%s:%s@%s:3306/%s" % (u, p, choice(HOSTS), choice(["shop", "wordpress", "crm"]))
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

    def take(self):
        if not self.items:
            self.items = list(self.make())
            rng.shuffle(self.items)
        return self.items.pop()


SECRET_DECK = Deck(lambda: [p for p in GEN if p not in PEM_PROVIDERS])
NEG_DECK = Deck(lambda: neg_literals() + [("ref", n, None) for n in REF_NAMES])


# ---------------------------------------------------------------------------
# Documents and bookkeeping
# ---------------------------------------------------------------------------

FILES = {}      # path -> text
PLANTED = []    # (path, line, provider, anchor)


def _escaped_forms(v):
    once = json.dumps(v)[1:-1]
    twice = json.dumps(once)[1:-1]
    return [v, once, twice]


class Doc:
    """One corpus file. Call s(provider) for every secret planted in it (the
    value is recorded), then done(text)."""

    def __init__(self, path):
        assert path not in FILES, path
        self.path = path
        self.planted = []

    def s(self, provider):
        v = GEN[provider]()
        self.planted.append((provider, v))
        return v

    def deal(self):
        p = SECRET_DECK.take()
        return p, self.s(p)

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


def neg():
    return NEG_DECK.take()


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
    "gha": (lambda n, v: '      %s: %s' % (envname(n), v),
            lambda n: '      %s: ${{ secrets.%s }}' % (envname(n), envname(n))),
    "json": (lambda n, v: '"%s": "%s"' % (envname(n), v),
             lambda n: '"%s": "${env:%s}"' % (envname(n), envname(n))),
    "toml": (lambda n, v: '%s = "%s"' % (snake(n), v),
             lambda n: '%s = "${%s}"' % (snake(n), envname(n))),
    "ini": (lambda n, v: '%s = %s' % (snake(n), v),
            lambda n: '%s = %%(ENV_%s)s' % (snake(n), envname(n))),
    "xml": (lambda n, v: '    <add key="%s" value="%s" />' % (camel(envname(n))[0].upper() + camel(envname(n))[1:], v),
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
        items.append(neg())
    rng.shuffle(items)
    return "\n".join(render(style, it, indent) for it in items)
