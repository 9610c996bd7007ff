"""Build the classroom zip: the course, ready to hand out or upload, without Binder.

    python3 tasks.py zip            writes dist/calcium-paradox-classroom-<version>.zip

The zip holds one folder, ``calcium-paradox/``, with the notebooks (with their outputs), the
figures, the course's package (installable: pyproject.toml, requirements*.txt, tasks.py), the
nbval set-up that lets ``python3 tasks.py test`` re-run every notebook, the licences, the
citation file and a one-page ``HOW-TO-OPEN.md`` (from ``teachers/HOW-TO-OPEN.md``).

It leaves out everything a classroom does not need or should not see: the teacher guides (they
hold the answer keys), the developer tests and tools, environments, caches, build output and
screenshots. Files are chosen by an explicit list, so a stray file never slips in; entries are
written in a fixed order with a fixed date, so the same course gives the same zip.
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = "calcium-paradox"
#: Files copied as they are, relative to the repository root (globs allowed).
INCLUDE = (
    "README.md", "LICENSE", "LICENSE-CONTENT.md", "CITATION.cff", "CONTRIBUTING.md",
    "pyproject.toml", "requirements.txt", "requirements-dev.txt", "constraints.txt", "environment.yml", "tasks.py",
    "pytest.ini", "conftest.py", "tests/nbval_sanitize.cfg",
    "figures/*.svg",
    "calcium_paradox/**/*.py", "calcium_paradox/data/*.yaml", "calcium_paradox/*.mplstyle",
)
#: Files placed at the top of the zip's folder under another name.
RENAMED = {"teachers/HOW-TO-OPEN.md": "HOW-TO-OPEN.md"}
#: Never packed, wherever they appear.
EXCLUDED_PARTS = {
    ".venv", "venv", ".git", "__pycache__", ".ipynb_checkpoints", ".pytest_cache", ".hypothesis",
    "artifacts", "dist", "build",
}
EXCLUDED_SUFFIXES = (".pyc", ".pyo", ".egg-info")


def _version(root: Path) -> str:
    match = re.search(r'^version\s*=\s*"([^"]+)"', (root / "pyproject.toml").read_text("utf-8"), re.M)
    if not match:
        raise SystemExit("pyproject.toml has no version.")
    return match.group(1)


def _date(root: Path) -> tuple[int, int, int, int, int, int]:
    """The release date from CITATION.cff, used as every entry's date (so builds are repeatable)."""
    match = re.search(r"^date-released:\s*['\"]?(\d{4})-(\d{2})-(\d{2})", (root / "CITATION.cff").read_text("utf-8"), re.M)
    year, month, day = (int(g) for g in match.groups()) if match else (2026, 1, 1)
    return (year, month, day, 0, 0, 0)


def _wanted(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    return not (set(parts) & EXCLUDED_PARTS) and not path.name.endswith(EXCLUDED_SUFFIXES) and path.is_file()


def chapter_notebooks(root: Path) -> list[Path]:
    """The notebooks of the chapters listed in course.yaml that exist (no scratch notebooks)."""
    import yaml

    chapters = yaml.safe_load((root / "calcium_paradox" / "data" / "course.yaml").read_text("utf-8"))["chapters"]
    paths = [root / "notebooks" / f"{c['slug']}.ipynb" for c in chapters]
    return [p for p in paths if p.exists()]


def members(root: Path = ROOT) -> dict[str, Path]:
    """Name inside the zip → file on disk, in the order they are written."""
    root = Path(root)
    found: dict[str, Path] = {}
    for pattern in INCLUDE:
        for path in sorted(root.glob(pattern)):
            if _wanted(path, root):
                found[f"{FOLDER}/{path.relative_to(root).as_posix()}"] = path
    for path in chapter_notebooks(root):
        found[f"{FOLDER}/notebooks/{path.name}"] = path
    for source, name in RENAMED.items():
        found[f"{FOLDER}/{name}"] = root / source
    missing = [name for name, path in found.items() if not path.exists()]
    if missing:
        raise SystemExit(f"cannot build the zip; missing: {', '.join(missing)}")
    return dict(sorted(found.items()))


def build(out_dir: Path | None = None, root: Path = ROOT) -> Path:
    """Write the classroom zip into ``out_dir`` (default: dist/) and return its path."""
    root = Path(root)
    out_dir = Path(out_dir) if out_dir else root / "dist"
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{FOLDER}-classroom-{_version(root)}.zip"
    date = _date(root)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, path in members(root).items():
            info = zipfile.ZipInfo(name, date_time=date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return target


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else None
    target = build(out_dir)
    with zipfile.ZipFile(target) as archive:
        count = len(archive.namelist())
    size = target.stat().st_size / 1e6
    try:
        shown = target.relative_to(ROOT)
    except ValueError:
        shown = target
    print(f"wrote {shown} ({count} files, {size:.1f} MB): hand it out, or upload it to a JupyterHub "
          "or a learning platform. HOW-TO-OPEN.md inside says how to open it.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
