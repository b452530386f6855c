"""The set-up scripts say clearly what is missing."""

import subprocess

from paths import ROOT


def test_missing_python_310_is_one_clear_line(tmp_path):
    result = subprocess.run(
        ["/bin/bash", str(ROOT / "scripts" / "find_python.sh")],
        env={"PATH": str(tmp_path)},  # nothing to find
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Python 3.10 is needed" in lines[0] and "pyenv install 3.10" in lines[0]


def test_python_310_is_found_here():
    result = subprocess.run(
        [str(ROOT / "scripts" / "find_python.sh")], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0
    version = subprocess.run([result.stdout.strip(), "--version"], cwd=ROOT, capture_output=True, text=True)
    assert version.stdout.startswith("Python 3.10")
