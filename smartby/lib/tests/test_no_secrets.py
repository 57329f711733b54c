"""No secrets in the repository (issue 10): every file git tracks (and every new file not
ignored) is scanned for private keys, cloud and forge tokens, and secret settings written as
literals. The only allowed literal is the documented demo key in settings.py
(DEMO_SECRET_KEY, refused in production by the system check smartby.W001)."""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

PATTERNS = {
    "private key": re.compile(r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----"),
    "AWS access key id": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b"),
    "GitLab token": re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}\b"),
    "Slack token": re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}\b"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"),
    "Stripe secret key": re.compile(r"\b[rs]k_live_[0-9A-Za-z]{16,}\b"),
    "PyPI or npm token": re.compile(
        r"\b(?:pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}|npm_[A-Za-z0-9]{36})\b"
    ),
    # SECRET_KEY = "…" / SECRET_KEY: '…' / SECRET_KEY=… with a literal value of some length
    "secret setting literal": re.compile(
        r"""\b(?:SECRET_KEY|METRICS_TOKEN|API_TOKEN|PASSWORD)[ \t]*[:=][ \t]*["']?"""
        r"""(?!change-me|\{|\$|<)([A-Za-z0-9+/=_!@#$%^&*~.,;?-]{16,})"""
    ),
    "password in a URL": re.compile(
        r"\b[a-z][a-z0-9+.-]*://[^/\s:@]+:(?!password@|secret@)[^@\s/]{8,}@"
    ),
}
# Literals that are documented and deliberately not secret.
ALLOWED = {"smartby-demo-only-not-secret"}
# Tests set made-up passwords and tokens as settings on purpose; keys and tokens are still
# looked for in them.
TEST_VALUES = {"secret setting literal"}
SKIP_SUFFIXES = {".png", ".jpg", ".ico", ".woff2", ".woff", ".ttf", ".gz", ".br", ".pdf", ".mo"}


def repository_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [ROOT / name for name in listed.split("\0") if name]


def findings(text: str, test_file: bool = False) -> list[str]:
    out = []
    for label, pattern in PATTERNS.items():
        if test_file and label in TEST_VALUES:
            continue
        for match in pattern.finditer(text):
            if not any(allowed in match.group(0) for allowed in ALLOWED):
                out.append(f"{label}: {match.group(0)[:12]}…")
    return out


def test_the_repository_holds_no_secrets():
    files = repository_files()
    assert len(files) > 100  # the scan sees the repository, not an empty directory
    problems = []
    for path in files:
        if path.suffix in SKIP_SUFFIXES or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary
        name = path.relative_to(ROOT)
        test_file = "tests" in name.parts or name.name == "conftest.py"
        problems += [f"{name}: {f}" for f in findings(text, test_file)]
    assert problems == []


@pytest.mark.parametrize(
    "text",
    [
        # Written in pieces, so that this file does not hold what it looks for.
        "-----BEGIN RSA " + "PRIVATE KEY-----\nMIIEow...",
        "-----BEGIN OPENSSH " + "PRIVATE KEY-----",
        "aws_access_key_id = AKIA" + "IOSFODNN7EXAMPLE",
        "token: ghp_" + "a1B2" * 9,
        "GITLAB=glpat-" + "x" * 20,
        "SECRET_KEY" + ' = "k8#2n$x!qz0v7w1m3p9r5t"',
        "SECRET_KEY" + "=Zm9vYmFyYmF6cXV4cXV1eA==",
        "EMAIL_URL=smtp+tls://mailer:" + "Hunter2Hunter2@smtp.example.dk:587",
    ],
)
def test_the_scan_recognises_secrets(text):
    assert findings(text)


@pytest.mark.parametrize(
    "text",
    [
        'DEMO_SECRET_KEY = "smartby-demo-only-not-secret"  # noqa: S105',
        'SECRET_KEY = env.str("SECRET_KEY", default=DEMO_SECRET_KEY)',
        "# SECRET_KEY=change-me-to-a-long-random-string",
        "# EMAIL_URL=smtp+tls://user:password@smtp.example.dk:587",
        "# DATABASE_URL=postgres://smartby:secret@localhost:5432/smartby",
    ],
)
def test_the_documented_placeholders_are_not_secrets(text):
    assert findings(text) == []
