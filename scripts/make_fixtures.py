#!/usr/bin/env python3
"""Writes fixtures/scan/: a small tree of files holding *generated* fake
credentials, for the integration tests in tests/. Deterministic (seeded), so
re-running it reproduces the committed files byte for byte.

Every secret here is random and format-valid (checksums included); none was
ever issued by a provider.

    python3 scripts/make_fixtures.py
"""
import base64
import os
import random
import string
import zlib

ROOT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "scan")
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits
rng = random.Random(20261121)


def rand(alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def base62_6(n):
    out = ""
    for _ in range(6):
        out = B62[n % 62] + out
        n //= 62
    return out


def github(prefix="ghp_"):
    body = rand(ALNUM, 30)
    return prefix + body + base62_6(zlib.crc32(body.encode()))


def aws_key_id():
    return "AKIA" + rand(string.ascii_uppercase + "234567", 16)


def aws_secret():
    return rand(ALNUM + "+/", 40)


def slack_bot():
    return "xoxb-%s-%s-%s" % (rand(string.digits, 12), rand(string.digits, 13), rand(ALNUM, 24))


def stripe_live():
    return "sk_live_" + rand(ALNUM, 99)


def pem_rsa():
    der = bytes(rng.getrandbits(8) for _ in range(1190))
    body = base64.b64encode(b"\x30\x82\x04\xa4\x02\x01\x00\x02\x82\x01\x01\x00" + der).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END RSA PRIVATE KEY-----\n"


def write(rel, text, mode="w"):
    path = os.path.join(ROOT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f:
        f.write(text)


def main():
    gh1, gh2, gh_ignored = github(), github(), github()
    # One character changed after the checksum was computed: a look-alike.
    bad = github()
    bad = bad[:10] + ("a" if bad[10] != "a" else "b") + bad[11:]
    write(".gitignore", "ignored/\n*.log\n")
    write(".env", "# local settings\nGITHUB_TOKEN=%s\nDEBUG=1\n" % gh1)
    write("src/app.py", (
        "import os\n\n"
        "AWS_ACCESS_KEY_ID = \"%s\"\n"
        "aws_secret_access_key = \"%s\"\n"
        "SLACK = os.environ.get(\"SLACK\", \"%s\")\n"
        "# placeholders and look-alikes are not findings:\n"
        "EXAMPLE_KEY = \"AKIAIOSFODNN7EXAMPLE\"\n"
        "TOKEN = \"ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\"\n"
        "LOOKALIKE = \"%s\"\n"
    ) % (aws_key_id(), aws_secret(), slack_bot(), bad))
    write("config/settings.yaml", "payments:\n  stripe_key: %s\n  currency: eur\n" % stripe_live())
    write("config/deploy/id_rsa", pem_rsa())
    write("docs/notes.md", "Ünïcödé prefix — then a token: %s\n" % gh2)
    write("ignored/secret.txt", "token=%s\n" % gh_ignored)
    write("debug.log", "token=%s\n" % gh_ignored)
    write("clean/readme.txt", "Nothing to see here.\nJust words, an id 1234abcd-12ab-34cd-56ef-1234567890ab.\n")
    write("clean/empty.txt", "")
    # Invalid UTF-8 around a valid token: the scan works on bytes.
    write("latin1.txt", b"caf\xe9 \xff\xfe token: " + github().encode() + b"\n", "wb")
    # A NUL byte in the first 8 KiB makes a file binary: skipped and counted.
    write("bin/blob.bin", b"\x00\x01\x02 " + github().encode() + b"\n", "wb")


if __name__ == "__main__":
    main()
