"""The repository's Binder files have none of the mistakes that break or slow a Binder build.

The rules are in authoring/binder_check.py. Each broken copy below shows that the check
catches one mistake. That environment.yml and the pip pins agree is tested in test_environment.py.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

from authoring.binder_check import binder_problems

ROOT = Path(__file__).resolve().parents[1]
BINDER_FILES = ("environment.yml", "postBuild", "requirements.txt", "requirements-dev.txt", "pyproject.toml")


def test_the_repository_has_no_binder_problems():
    assert binder_problems(ROOT) == []


def test_postbuild_is_executable_in_git_too():
    """Binder builds from a git clone, so the executable bit must be in the index, not only on disk."""
    result = subprocess.run(["git", "ls-files", "-s", "postBuild"], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip("not a git checkout")
    assert result.stdout.startswith("100755"), "git add --chmod=+x postBuild"


@pytest.fixture
def copy(tmp_path):
    for name in BINDER_FILES:
        shutil.copy2(ROOT / name, tmp_path / name)
    assert binder_problems(tmp_path) == []
    return tmp_path


def _write(path: Path, text: str, executable: bool = True) -> None:
    path.write_text(text)
    path.chmod(0o755 if executable else 0o644)


BROKEN = {
    "binder folder": (lambda d: (d / "binder").mkdir(), "binder/ exists"),
    "dot-binder folder": (lambda d: (d / ".binder").mkdir(), ".binder/ exists"),
    "dockerfile": (lambda d: (d / "Dockerfile").write_text("FROM python:3.11\n"), "Dockerfile exists"),
    "runtime.txt": (lambda d: (d / "runtime.txt").write_text("python-3.12\n"), "runtime.txt is ignored"),
    "no set -e": (lambda d: _write(d / "postBuild", "#!/bin/bash\npython -m pip install --no-deps -e .\n"),
                  "set -e"),
    "set -e too late": (lambda d: _write(d / "postBuild",
                                         "#!/bin/bash\npython -m pip install --no-deps -e .\nset -e\n"),
                        "set -e"),
    "no shebang": (lambda d: _write(d / "postBuild", "set -e\npython -m pip install --no-deps -e .\n"),
                   "#!/bin/bash"),
    "not executable": (lambda d: (d / "postBuild").chmod(0o644), "not executable"),
    "pip with deps": (lambda d: _write(d / "postBuild", "#!/bin/bash\nset -e\npython -m pip install -e .\n"),
                      "--no-deps"),
    "no postBuild": (lambda d: (d / "postBuild").unlink(), "postBuild is missing"),
    "local pip in env": (lambda d: (d / "environment.yml").write_text(
        (d / "environment.yml").read_text() + "  - pip:\n      - -e .\n"),
        "local path"),
    "defaults channel": (lambda d: (d / "environment.yml").write_text(
        (d / "environment.yml").read_text().replace("  - conda-forge", "  - defaults")), "conda-forge"),
    "python not pinned": (lambda d: (d / "environment.yml").write_text(
        (d / "environment.yml").read_text().replace("  - python=3.11\n", "  - python\n")), "pin Python"),
    "editable in requirements": (lambda d: (d / "requirements.txt").write_text(
        (d / "requirements.txt").read_text() + "-e .\n"), "local path"),
    "start without exec": (lambda d: _write(d / "start", "#!/bin/bash\nexport X=1\n"), 'exec "$@"'),
    "bad apt.txt": (lambda d: (d / "apt.txt").write_text("sudo apt-get install chromium\n"), "apt.txt"),
}


@pytest.mark.parametrize("mistake", BROKEN, ids=list(BROKEN))
def test_each_mistake_is_caught(copy, mistake):
    make, message = BROKEN[mistake]
    make(copy)
    problems = binder_problems(copy)
    assert any(message in p for p in problems), f"{mistake}: not caught; got {problems}"


def test_a_start_script_done_right_passes(copy):
    _write(copy / "start", '#!/bin/bash\nexport MPLBACKEND=Agg\nexec "$@"\n')
    (copy / "apt.txt").write_text("# system packages\nfonts-dejavu-core\n")
    assert binder_problems(copy) == []
