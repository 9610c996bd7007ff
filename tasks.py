#!/usr/bin/env python3
"""Set up and run the course with nothing but Python 3.11 and pip.

    python3 tasks.py lab        set up (first time only) and open the course in JupyterLab
    python3 tasks.py test       set up (first time only) and run every test
    python3 tasks.py site       build the static, offline reading edition in _site/ (open _site/index.html)

and, for authors:

    python3 tasks.py sync       rewrite generated parts (references, footers, README table, guides' keys)
    python3 tasks.py outputs    sync, then re-run every notebook and save its outputs
    python3 tasks.py figures    regenerate every diagram in figures/
    python3 tasks.py check      run the notebook template check and print every problem
    python3 tasks.py browser    run only the browser tests (JupyterLab and the static edition in Chromium)
    python3 tasks.py bench      measure how fast the explorers and notebooks are (also: make bench)
    python3 tasks.py lite       build the in-browser edition (JupyterLite) in _lite/; serve it with
                                `python3 -m http.server -d _lite` (build tools go in .venv-lite)
    python3 tasks.py test-pyodide-stack
                                run the unit tests on the browser kernel's versions (Python 3.12,
                                numpy 2.0.2, matplotlib 3.8.4, pillow 10.2) in .venv-pyodide
    python3 tasks.py lock       re-resolve every package from requirements*.txt in a fresh environment
                                and write the whole set to constraints.txt (needs the internet)

and, for teachers:

    python3 tasks.py zip        build the classroom zip in dist/ (notebooks, figures, the course's
                                package, licences and a one-page HOW-TO-OPEN.md)
    python3 tasks.py worksheets build printable worksheets in dist/worksheets/ (open dist/worksheets/index.html)
    python3 tasks.py slides     build a slide deck per chapter in _slides/ (open _slides/index.html; works offline)
    python3 tasks.py lms        export the question bank for Canvas (QTI), Moodle (XML) and GIFT into dist/lms/
    python3 tasks.py class-summary FOLDER [OUT] [--min-group N]
                                an anonymous class summary (report, CSV, pre/post figure) from a folder
                                of learners' exported progress files (default OUT: FOLDER/class-summary)

Everything is installed into a virtual environment in .venv inside this folder;
delete that folder to start again. Nothing is installed anywhere else.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
REQUIREMENTS = {"run": ROOT / "requirements.txt", "dev": ROOT / "requirements-dev.txt"}
#: The whole resolved set (top-level pins and everything below them), written by ``tasks.py lock``.
CONSTRAINTS = ROOT / "constraints.txt"
START = "notebooks/00-start-here.ipynb"


def say(message: str) -> None:
    print(f"[course] {message}", flush=True)


def run(*args, **kwargs) -> int:
    return subprocess.run([str(a) for a in args], cwd=ROOT, **kwargs).returncode


def needs(*paths: str) -> None:
    """Stop with a clear message when a command needs files that this copy does not have
    (the classroom zip holds only what learners need: lab and test work there)."""
    missing = [p for p in paths if not (ROOT / p).exists()]
    if missing:
        sys.exit(f"[course] this command needs {', '.join(missing)}, which only the full course "
                 "repository has (this looks like the classroom copy).")


def _fingerprint(level: str) -> str:
    files = [REQUIREMENTS["run"], ROOT / "pyproject.toml", CONSTRAINTS]
    if level == "dev":
        files.append(REQUIREMENTS["dev"])
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()


#: The course's JupyterLab settings (arrow keys on a focused widget control; see jupyterlab/README.md).
LAB_SETTINGS = ROOT / "jupyterlab" / "overrides.json"


def install_lab_settings(prefix: Path = VENV) -> None:
    """Put the course's JupyterLab settings where that environment's JupyterLab reads them."""
    target = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    if not target.exists() or target.read_bytes() != LAB_SETTINGS.read_bytes():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(LAB_SETTINGS.read_bytes())


def ensure_env(level: str = "run") -> None:
    """Create .venv and install the pinned packages, unless that was already done; then the lab settings."""
    _ensure_packages(level)
    install_lab_settings()


def _ensure_packages(level: str) -> None:
    if sys.version_info < (3, 10):
        sys.exit("[course] Python 3.10 or newer is needed (the course is tested with 3.11).")
    if sys.version_info[:2] != (3, 11):
        say(f"note: the course is tested with Python 3.11; you are using {sys.version.split()[0]}.")
    stamp = VENV / f".installed-{level}"
    for done in ("run", "dev") if level == "run" else ("dev",):  # the test set-up includes everything lab needs
        ready = VENV / f".installed-{done}"
        if ready.exists() and ready.read_text() == _fingerprint(done):
            return
    if not PYTHON.exists():
        say("creating a virtual environment in .venv ...")
        venv.EnvBuilder(with_pip=True).create(VENV)
    say("installing the course's packages (the first time takes a minute or two) ...")
    pip = [PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    if run(*pip, "-c", CONSTRAINTS, "-r", REQUIREMENTS[level]) != 0 or run(*pip, "--no-deps", "-e", ".") != 0:
        sys.exit("[course] installing packages failed; see the messages above.")
    stamp.write_text(_fingerprint(level))
    say("environment ready.")


def lock(args: list[str]) -> int:
    """Resolve requirements-dev.txt (which includes requirements.txt) afresh and pin the result.

    A throw-away virtual environment gets the top-level pins with nothing else constraining them;
    ``pip freeze`` of it becomes constraints.txt. Run it after changing a pin in requirements*.txt,
    then run the tests and commit both files together.
    """
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        env = Path(tmp) / "env"
        venv.EnvBuilder(with_pip=True).create(env)
        python = env / ("Scripts" if os.name == "nt" else "bin") / ("python.exe" if os.name == "nt" else "python")
        say("resolving requirements-dev.txt in a fresh environment ...")
        if run(python, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", REQUIREMENTS["dev"]) != 0:
            sys.exit("[course] resolving the requirements failed; see the messages above.")
        frozen = subprocess.run([str(python), "-m", "pip", "freeze", "--all", "--exclude-editable"],
                                cwd=ROOT, capture_output=True, text=True, check=True).stdout
    pins = sorted((line for line in frozen.splitlines() if "==" in line and not line.startswith("pip==")),
                  key=lambda line: line.split("==")[0].lower())
    header = ("# Every package of the course's environments at one resolved version: the top-level pins of\n"
              "# requirements.txt and requirements-dev.txt and everything they pull in. tasks.py installs with\n"
              "# `pip install -c constraints.txt`. Written by `python3 tasks.py lock` "
              f"(Python {sys.version.split()[0]});\n"
              "# do not edit by hand.\n")
    CONSTRAINTS.write_text(header + "\n".join(pins) + "\n")
    say(f"wrote {len(pins)} pins to constraints.txt")
    return 0


def lab_command(args: list[str]) -> list:
    """``jupyter lab`` serving this whole folder and opening the start notebook.

    Given only a file, Jupyter would serve that file's folder (notebooks/), and the notebooks'
    figures (``../figures/``) and links to the licences would not load.
    """
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args = ["--allow-root", *args]  # containers often run as root; Jupyter refuses without this
    return [BIN / "jupyter", "lab", f"--ServerApp.root_dir={ROOT}", START, *args]


def lab(args: list[str]) -> int:
    ensure_env("run")
    say(f"opening JupyterLab on {START} (stop it with Ctrl+C) ...")
    return run(*lab_command(args))


def test(args: list[str]) -> int:
    ensure_env("dev")
    env = dict(os.environ, MPLBACKEND="Agg", PYDEVD_DISABLE_FILE_VALIDATION="1")
    code = run(PYTHON, "-m", "pytest", *args, env=env)
    if args:  # a chosen subset: only that
        return code
    # The whole suite also runs the package's unit tests on the browser kernel's versions (#21).
    say("the unit tests again, on the in-browser edition's versions (python3 tasks.py test-pyodide-stack) ...")
    stack = test_pyodide_stack([])
    return code or stack


def browser(args: list[str]) -> int:
    return test(["-m", "browser", "tests", *args])


def bench(args: list[str]) -> int:
    needs("benchmarks/run.py")
    ensure_env("dev")
    return run(PYTHON, "benchmarks/run.py", *args, env=dict(os.environ, MPLBACKEND="Agg"))


def sync(args: list[str]) -> int:
    needs("tools/sync.py")
    ensure_env("dev")
    return run(PYTHON, "tools/sync.py", *args)


def outputs(args: list[str]) -> int:
    needs("tools/sync.py", "tools/execute.py")
    ensure_env("dev")
    if sync([]) != 0:
        return 1
    notebooks = args or sorted(str(p.relative_to(ROOT)) for p in (ROOT / "notebooks").glob("*.ipynb"))
    return run(PYTHON, "tools/execute.py", *notebooks)


def figures(args: list[str]) -> int:
    ensure_env("run")
    return run(PYTHON, "-m", "authoring.figures", "figures")


def check(args: list[str]) -> int:
    needs("authoring/notebook_check.py")
    ensure_env("dev")
    notebooks = args or sorted(str(p.relative_to(ROOT)) for p in (ROOT / "notebooks").glob("*.ipynb"))
    return run(PYTHON, "-m", "authoring.notebook_check", *notebooks)


def site(args: list[str]) -> int:
    """Build the static reading edition (plain HTML, works offline) from the committed notebooks."""
    ensure_env("run")
    return run(PYTHON, "-m", "authoring.edition", "--root", ROOT, *args)


def class_summary(args: list[str]) -> int:
    """An anonymous class summary from a folder of learners' progress-<pseudonym>.csv files."""
    needs("authoring/class_summary.py")
    ensure_env("run")
    paths = [a if a.startswith("-") else str(Path(a).resolve()) for a in args]
    return run(PYTHON, "-m", "authoring.class_summary", *paths)


def lms(args: list[str]) -> int:
    """Export the question bank for Canvas (QTI .zip), Moodle (XML) and GIFT into dist/lms/."""
    needs("authoring/lms_export.py")
    ensure_env("run")
    return run(PYTHON, "-m", "authoring.lms_export", *(args or ["dist/lms"]))


def worksheets(args: list[str]) -> int:
    """Build printable worksheets (learner and teacher copy per chapter) into dist/worksheets/."""
    needs("authoring/worksheets.py")
    ensure_env("run")
    return run(PYTHON, "-m", "authoring.worksheets", "--out", ROOT / "dist" / "worksheets", *args)


def slides(args: list[str]) -> int:
    """Build a self-contained slide deck per chapter (and an index) into _slides/."""
    needs("authoring/slides.py")
    ensure_env("run")
    return run(PYTHON, "-m", "authoring.slides", "--out", ROOT / "_slides", *args)


def classroom_zip(args: list[str]) -> int:
    needs("tools/classroom.py", "teachers/HOW-TO-OPEN.md")
    ensure_env("run")
    return run(PYTHON, "tools/classroom.py", *args)


LITE_VENV = ROOT / ".venv-lite"
LITE_REQUIREMENTS = ROOT / "requirements-lite.txt"
PYODIDE_VENV = ROOT / ".venv-pyodide"
PYODIDE_REQUIREMENTS = ROOT / "requirements-pyodide.txt"
#: Test files that need the desktop stack or the notebooks (JupyterLab, nbval, ruff, Chromium, pins),
#: not the course package: test-pyodide-stack leaves them out.
NOT_PACKAGE_TESTS = ("test_browser.py", "test_lite.py", "test_site.py", "test_lint.py", "test_environment.py",
                     "test_binder.py", "test_classroom_zip.py", "test_execute.py", "test_nbval_strict.py",
                     "test_notebooks.py", "test_lms_export.py",
                     # compares figures/ byte for byte with what the desktop pins draw
                     "test_figures.py")


def _side_env(folder: Path, requirements: Path, python: str | None = None) -> Path:
    """A separate virtual environment with ``requirements`` (made once; remade when the file changes)."""
    bin_dir = folder / ("Scripts" if os.name == "nt" else "bin")
    python_in = bin_dir / ("python.exe" if os.name == "nt" else "python")
    stamp, fingerprint = folder / ".installed", hashlib.sha256(requirements.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == fingerprint:
        return python_in
    if not python_in.exists():
        say(f"creating {folder.name} ...")
        if python:
            if run(python, "-m", "venv", folder) != 0:
                sys.exit(f"[course] could not create {folder.name} with {python}.")
        else:
            venv.EnvBuilder(with_pip=True).create(folder)
    say(f"installing {requirements.name} into {folder.name} ...")
    if run(python_in, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", requirements) != 0:
        sys.exit(f"[course] installing {requirements.name} failed; see the messages above.")
    stamp.write_text(fingerprint)
    return python_in


def lite(args: list[str]) -> int:
    """Build the in-browser edition (JupyterLite + Pyodide) into _lite/ (tools/lite.py)."""
    needs("tools/lite.py", "tools/lite-inputs.json")
    python = _side_env(LITE_VENV, LITE_REQUIREMENTS)
    return run(python, "tools/lite.py", *args)


def test_pyodide_stack(args: list[str]) -> int:
    """The unit tests of the course package on the browser kernel's versions of Python and its packages."""
    import shutil

    candidates = [Path.home() / ".pyenv" / "versions" / "3.12.1" / "bin" / "python3.12", shutil.which("python3.12"),
                  shutil.which("python3.11")]
    python = next((str(c) for c in candidates if c and Path(c).exists()), None)
    if python is None:
        sys.exit("[course] test-pyodide-stack needs python3.12 (Pyodide 0.27.7 runs 3.12) or python3.11.")
    if "3.12" not in python:
        say(f"note: no Python 3.12 here; using {python} (the browser kernel is 3.12).")
    env_python = _side_env(PYODIDE_VENV, PYODIDE_REQUIREMENTS, python)
    ignored = [f"--ignore=tests/{name}" for name in NOT_PACKAGE_TESTS]
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONPATH=str(ROOT))
    return run(env_python, "-m", "pytest", "-o", "addopts=-p no:cacheprovider -ra --strict-markers", "-m",
               "not browser", *ignored, *(args or ["tests"]), env=env)


COMMANDS = {"lab": lab, "test": test, "sync": sync, "outputs": outputs, "figures": figures, "check": check,
            "site": site, "browser": browser, "bench": bench, "zip": classroom_zip, "lock": lock,
            "class-summary": class_summary, "lms": lms, "worksheets": worksheets,
            "slides": slides, "lite": lite, "test-pyodide-stack": test_pyodide_stack}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
