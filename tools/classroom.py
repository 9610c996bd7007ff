"""Build the classroom zip: the course, ready to hand out or upload, without Binder.

    python3 tasks.py zip            writes dist/calcium-paradox-classroom-<version>.zip

The zip holds one folder, ``calcium-paradox/``, with the notebooks (with their outputs), the
figures, the course's package (installable: pyproject.toml, requirements*.txt, constraints.txt,
tasks.py), the nbval set-up that lets ``python3 tasks.py test`` re-run every notebook, the
licences, the citation file and a one-page ``HOW-TO-OPEN.md`` (from ``teachers/HOW-TO-OPEN.md``).

It is built from git, not from a hand-kept list: ``git archive`` of the last commit, less what
``tools/classroom.gitattributes`` marks ``export-ignore`` (the teacher guides, which hold the answer
keys, the developer tests and tools, benchmarks, CI and Binder files). A file the course starts to
need is packed the moment it is committed, and nothing uncommitted (environments, caches,
screenshots, scratch notebooks) can slip in. Only the notebooks of the chapters in course.yaml are
packed. Entries are written in a fixed order with a fixed date, so the same commit gives the same zip.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = "calcium-paradox"
ATTRIBUTES = "tools/classroom.gitattributes"
#: Files placed at the top of the zip's folder under another name.
RENAMED = {"teachers/HOW-TO-OPEN.md": "HOW-TO-OPEN.md"}


def _git(root: Path, *args: str) -> bytes:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True)
    if result.returncode != 0:
        raise SystemExit(f"cannot build the zip: git {args[0]} failed ({result.stderr.decode().strip()}); "
                         "the zip is built from the course's git repository.")
    return result.stdout


def _version(text: str) -> str:
    match = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M)
    if not match:
        raise SystemExit("pyproject.toml has no version.")
    return match.group(1)


def _date(text: str) -> tuple[int, int, int, int, int, int]:
    """The release date from CITATION.cff, used as every entry's date (so builds are repeatable)."""
    match = re.search(r"^date-released:\s*['\"]?(\d{4})-(\d{2})-(\d{2})", text, re.M)
    year, month, day = (int(g) for g in match.groups()) if match else (2026, 1, 1)
    return (year, month, day, 0, 0, 0)


def chapter_slugs(course_yaml: str) -> set[str]:
    import yaml

    return {c["slug"] for c in yaml.safe_load(course_yaml)["chapters"]}


def members(root: Path = ROOT, revision: str = "HEAD") -> dict[str, bytes]:
    """Name inside the zip → its bytes, in the order they are written, from ``revision`` of the repository."""
    root = Path(root)
    tar = _git(root, "-c", f"core.attributesFile={root / ATTRIBUTES}", "archive", "--worktree-attributes",
               "--format=tar", revision)
    files: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        for entry in archive.getmembers():
            if entry.isfile():
                files[entry.name] = archive.extractfile(entry).read()
    slugs = chapter_slugs(files["calcium_paradox/data/course.yaml"].decode("utf-8"))
    found = {f"{FOLDER}/{name}": data for name, data in files.items()
             if not (name.startswith("notebooks/") and name.endswith(".ipynb")
                     and Path(name).stem not in slugs)}
    for source, name in RENAMED.items():
        found[f"{FOLDER}/{name}"] = _git(root, "show", f"{revision}:{source}")
    return dict(sorted(found.items()))


def build(out_dir: Path | None = None, root: Path = ROOT, revision: str = "HEAD") -> Path:
    """Write the classroom zip of ``revision`` into ``out_dir`` (default: dist/) and return its path."""
    root = Path(root)
    out_dir = Path(out_dir) if out_dir else root / "dist"
    out_dir.mkdir(parents=True, exist_ok=True)
    packed = members(root, revision)
    target = out_dir / f"{FOLDER}-classroom-{_version(packed[f'{FOLDER}/pyproject.toml'].decode())}.zip"
    date = _date(packed[f"{FOLDER}/CITATION.cff"].decode())
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in packed.items():
            info = zipfile.ZipInfo(name, date_time=date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
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
    print(f"wrote {shown} ({count} files, {size:.1f} MB) from the last commit: "
          "hand it out, or upload it to a JupyterHub "
          "or a learning platform. HOW-TO-OPEN.md inside says how to open it.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
