"""ruff, with the settings in pyproject.toml, over the course's code and the notebooks' code cells."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def ruff(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    if shutil.which("ruff") is None and subprocess.run([sys.executable, "-m", "ruff", "--version"],
                                                        capture_output=True).returncode != 0:
        pytest.fail("ruff is not installed: it is pinned in requirements-dev.txt (python3 tasks.py test installs it)")
    return subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", *args],
                          cwd=cwd, capture_output=True, text=True)


def test_the_code_and_the_notebooks_pass_ruff():
    result = ruff(".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_notebooks_are_linted_too():
    listed = ruff("--show-files", ".").stdout
    assert "00-start-here.ipynb" in listed and "tasks.py" in listed


def test_ruff_fails_on_a_deliberate_mistake(tmp_path):
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text())
    (tmp_path / "bad.py").write_text("import os\n\n\ndef f(items):\n    return list(zip(items, items))\n")
    result = ruff(".", cwd=tmp_path)
    assert result.returncode == 1 and "F401" in result.stdout and "B905" in result.stdout
