"""The Binder check: the mistakes in a repository's Binder files that break or slow a build.

Binder (repo2docker) builds the course's image from files at the top of the repository. These
are the rules it follows and the mistakes that bite (repo2docker's documentation, and the
course's delivery conventions):

- a ``binder/`` or ``.binder/`` folder makes repo2docker use only the files inside it, and
  silently ignore ``environment.yml``, ``postBuild`` and the rest at the top level (both
  folders together are an error);
- a ``Dockerfile`` (or ``default.nix``) makes it ignore every other configuration file;
- ``runtime.txt`` is ignored when ``environment.yml`` exists, so a Python version there misleads;
- ``environment.yml`` should use conda-forge only, pin Python, list ``pip`` when it has a
  ``pip:`` section, and have no local paths there (``-e .``, ``.``, ``-r file``), which would
  rebuild the whole environment on every commit;
- with ``environment.yml`` nothing installs the course's own package, so ``postBuild`` must:
  it needs a ``#!/bin/bash`` first line, ``set -e`` before any command (otherwise a failure is
  ignored and the build "succeeds"), the executable bit, and ``--no-deps`` (the dependencies
  belong in the cached conda layer);
- a ``start`` script must end with ``exec "$@"``.

``environment.yml`` and the pip pins naming the same packages at the same versions is checked by
``tests/test_environment.py``. Run this check with
``python -m authoring.binder_check [FOLDER]``.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path

import yaml

SHEBANGS = ("#!/bin/bash", "#!/usr/bin/env bash")
LOCAL_PIP = re.compile(r"^\s*(-e\s+\S+|\.{1,2}/?|-r\s+\S+|file:\S+|\./\S*)\s*$")


def _commands(text: str) -> list[str]:
    """Non-empty, non-comment lines of a shell script, first line (the shebang) excluded."""
    return [line.strip() for line in text.splitlines()[1:] if line.strip() and not line.strip().startswith("#")]


def binder_problems(root: Path) -> list[str]:
    """Every Binder mistake in the repository at ``root`` (empty: none found)."""
    root = Path(root)
    problems: list[str] = []
    folders = [name for name in ("binder", ".binder") if (root / name).is_dir()]
    for name in folders:
        problems.append(f"{name}/ exists: Binder would use only the files in it and ignore environment.yml, "
                        "postBuild and the others at the top level.")
    for name in ("Dockerfile", "default.nix"):
        if (root / name).exists():
            problems.append(f"{name} exists: Binder would ignore every other configuration file.")

    env_file = root / "environment.yml"
    if not env_file.exists():
        problems.append("environment.yml is missing: Binder would build a different environment from the one tested.")
    else:
        if (root / "runtime.txt").exists():
            problems.append("runtime.txt is ignored when environment.yml exists; pin Python in environment.yml "
                            "and remove runtime.txt.")
        env = yaml.safe_load(env_file.read_text("utf-8")) or {}
        if env.get("channels") != ["conda-forge"]:
            problems.append("environment.yml should use the conda-forge channel only.")
        deps = env.get("dependencies") or []
        names = [d for d in deps if isinstance(d, str)]
        if not any(re.fullmatch(r"python=\d+\.\d+(\.\d+)?", d) for d in names):
            problems.append("environment.yml must pin Python (e.g. python=3.11).")
        pip_lists = [d["pip"] for d in deps if isinstance(d, dict) and "pip" in d]
        if pip_lists and "pip" not in names:
            problems.append("environment.yml has a pip: section but does not list pip itself.")
        for line in (line for block in pip_lists for line in block):
            if LOCAL_PIP.match(str(line)):
                problems.append(f"environment.yml's pip: section has a local path ('{line}'): every commit would "
                                "rebuild the whole environment; install the course package in postBuild instead.")

    for requirements in sorted(root.glob("requirements*.txt")):
        for line in requirements.read_text("utf-8").splitlines():
            if LOCAL_PIP.match(line.split("#")[0]) and not line.strip().startswith("-r"):
                problems.append(f"{requirements.name} installs a local path ('{line.strip()}'); "
                                "keep only pinned packages.")

    post = root / "postBuild"
    if not post.exists():
        if env_file.exists():
            problems.append("postBuild is missing: with environment.yml, nothing installs the course package "
                            "on Binder.")
    else:
        text = post.read_text("utf-8")
        if not text.startswith(SHEBANGS):
            problems.append("postBuild must start with #!/bin/bash.")
        commands = _commands(text)
        if not commands or not re.match(r"set\s+-\w*e", commands[0]):
            problems.append("postBuild must run 'set -e' (or set -euo pipefail) before any command; without it "
                            "Binder ignores failures.")
        if not post.stat().st_mode & stat.S_IXUSR:
            problems.append("postBuild is not executable (chmod +x postBuild).")
        for command in commands:
            if re.search(r"\bpip install\b", command) and "--no-deps" not in command:
                problems.append(f"postBuild runs '{command}' without --no-deps; "
                                "dependencies belong in environment.yml.")

    start = root / "start"
    if start.exists():
        text = start.read_text("utf-8")
        commands = _commands(text)
        if not text.startswith(SHEBANGS):
            problems.append("start must begin with #!/bin/bash.")
        if not commands or commands[-1] != 'exec "$@"':
            problems.append('start must end with exec "$@", or the notebook server never starts.')
        if not start.stat().st_mode & stat.S_IXUSR:
            problems.append("start is not executable (chmod +x start).")

    apt = root / "apt.txt"
    if apt.exists():
        for line in apt.read_text("utf-8").splitlines():
            entry = line.split("#")[0].strip()
            if entry and not re.fullmatch(r"[a-z0-9][a-z0-9.+\-]*", entry):
                problems.append(f"apt.txt: '{entry}' is not a package name (one name per line).")
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path(os.getcwd())
    problems = binder_problems(root)
    for problem in problems:
        print(problem)
    if not problems:
        print(f"{root}: no Binder problems found")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
