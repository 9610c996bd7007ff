"""Strict nbval fails a notebook whose fresh run writes to stderr (unless the line is allow-listed)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from conftest import STDERR_ALLOWED, stderr_is_allowed  # noqa: E402


def test_every_allowed_stderr_pattern_says_why():
    for name, (pattern, why) in STDERR_ALLOWED.items():
        assert pattern and len(why.split()) >= 5, name


def test_a_library_warning_is_not_allowed_but_the_debugger_notice_is():
    assert not stderr_is_allowed("/x/y.py:3: DeprecationWarning: this will break\n  warnings.warn(msg)\n")
    assert not stderr_is_allowed("Traceback (most recent call last):\n")
    notice = ("0.00s - Debugger warning: It seems that frozen modules are being used, which may\n"
              "0.00s - make the debugger miss breakpoints. Please pass -Xfrozen_modules=off\n")
    assert stderr_is_allowed(notice)


def _notebook(path: Path, code: str, stored_stdout: str) -> None:
    cell = {"cell_type": "code", "execution_count": 1, "metadata": {}, "source": [code],
            "outputs": [{"output_type": "stream", "name": "stdout", "text": [stored_stdout]}]}
    nb = {"cells": [cell], "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                        "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb))


@pytest.mark.parametrize("code, passes", [
    ("print('hello')", True),
    ("import sys; print('hello'); print('careful', file=sys.stderr)", False),
], ids=["stdout only", "fresh stderr"])
def test_nbval_as_configured_here_fails_on_fresh_stderr(tmp_path, code, passes):
    notebook = tmp_path / "probe.ipynb"
    _notebook(notebook, code, "hello\n")
    result = subprocess.run(
        # The probe lies outside the course, so the course's conftest.py is loaded as a plugin by name.
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "conftest",
         "-c", str(ROOT / "pytest.ini"), "--rootdir", str(tmp_path), str(notebook)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env=dict(os.environ, PYDEVD_DISABLE_FILE_VALIDATION="1", PYTHONPATH=str(ROOT)),
    )
    assert (result.returncode == 0) == passes, result.stdout[-3000:]
