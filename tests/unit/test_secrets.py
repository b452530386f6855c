"""No secret is committed: scans every file git tracks for keys, tokens and passwords.

Settings that need a secret must read it from the environment (`${VAR}` in
endpoints.yml, RASA_AUTH_TOKEN / RASA_JWT_SECRET for `make serve`).
"""

import re
import subprocess

import pytest

from paths import ROOT

# A value that is a reference, not a secret: ${VAR}, $VAR, empty, or an obvious placeholder.
REFERENCE = r"""(?:["']?\$\{?[A-Z_][A-Z0-9_]*\}?["']?|["']{2}|null|~|<[^>]*>|changeme\b|\.\.\.)"""

PATTERNS = {
    "private key": re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY"),
    "AWS access key": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{40,}"),
    "Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"),
    "JSON web token": re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"),
    "URL with a password": re.compile(r"\b[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s:@$]{3,}@"),
    "secret in a setting": re.compile(
        r"""(?im)^\s*[\w.-]*(?:password|passwd|secret|token|api[_-]?key|access[_-]?key)[\w.-]*\s*[:=]\s*"""
        rf"""(?!\s*(?:{REFERENCE})\s*(?:#.*)?$)["']?[^\s"'#]{{6,}}"""
    ),
    "secret on a command line": re.compile(
        r"""--(?:auth-token|jwt-secret|password)[ =]["']?(?![$"'])[^\s"']{6,}"""
    ),
}
# Files whose settings are scanned with "secret in a setting" (code has too many false friends).
SETTINGS_FILES = re.compile(r"(\.ya?ml|\.ini|\.cfg|\.toml|\.env[^/]*|\.conf|\.json|\.properties)$|(^|/)\.env")


def findings(path: str, text: str) -> list:
    found = []
    for name, pattern in PATTERNS.items():
        if name == "secret in a setting" and not SETTINGS_FILES.search(path):
            continue
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{path}:{line}: {name}")
    return found


def tracked_files() -> list:
    listing = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True)
    return [name for name in listing.stdout.split("\0") if name]


def test_no_secret_in_any_tracked_file():
    files = tracked_files()
    assert "README.md" in files, "git ls-files found no files: is this a git checkout?"
    problems = []
    for name in files:
        path = ROOT / name
        if name == "tests/unit/test_secrets.py" or not path.is_file():
            continue
        data = path.read_bytes()
        if b"\0" in data[:4096]:
            continue  # binary
        problems += findings(name, data.decode("utf-8", errors="replace"))
    assert not problems, "possible secrets committed:\n" + "\n".join(problems)


def test_env_files_and_databases_are_not_tracked():
    tracked = tracked_files()
    assert not [f for f in tracked if re.search(r"(^|/)\.env$|\.db$|\.pem$|\.key$|id_rsa", f)]


# The scanner must be able to fail: each of these is caught...
KEY = "-----BEGIN " + "RSA PRIVATE KEY-----"
CAUGHT = {
    "endpoints.yml": 'tracker_store:\n  password: "s3cr3t-Pa55"\n',
    "config.env": "RASA_AUTH_TOKEN=Zx81hQ2k7LmPq0\n",
    "deploy/key.txt": KEY + "\nMIIEow\n",
    "notes.md": "token " + "ghp_" + "a" * 36,
    "settings.json": '{"api_key": "AKIA' + "B" * 16 + '"}',
    "scripts/run.sh": "rasa run --auth-token " + "n0tAsecret99\n",
    "endpoints2.yml": "url: postgresql://rasa:" + "hunter22@db:5432/rasa\n",
}
# ...and these are not: references to the environment and placeholders.
CLEAN = {
    "endpoints.yml": 'tracker_store:\n  password: "${DB_PASSWORD}"\n  token: ${RASA_TOKEN}\n',
    "credentials.yml": "rest:\n  token: ''\n",
    "scripts/serve.sh": 'rasa run --auth-token "$RASA_AUTH_TOKEN" --jwt-secret "${RASA_JWT_SECRET}"\n',
    "docs/DEPLOYMENT.md": "export RASA_AUTH_TOKEN=<a long random string>\n",
    "config.yml": "max_tokens: 20\n",
}


@pytest.mark.parametrize("path", CAUGHT)
def test_the_scanner_catches(path):
    assert findings(path, CAUGHT[path])


@pytest.mark.parametrize("path", CLEAN)
def test_the_scanner_ignores_references(path):
    assert findings(path, CLEAN[path]) == []
