"""The classroom zip builds, holds what a class needs and nothing else, and its notebooks run.

The zip is built by ``tools/classroom.py`` (``python3 tasks.py zip``). Here it is built into a
temporary folder, unpacked into another, and one notebook is run from the unpacked copy, with the
unpacked course package first on the import path (and the test checks that it was that copy the
kernel imported, not the one installed for development).
"""

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from calcium_paradox.course import existing, load_course

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import classroom  # noqa: E402

FOLDER = classroom.FOLDER
REQUIRED = {
    "HOW-TO-OPEN.md", "README.md", "LICENSE", "LICENSE-CONTENT.md", "CITATION.cff", "pyproject.toml",
    "requirements.txt", "constraints.txt", "tasks.py", "calcium_paradox/__init__.py",
    "calcium_paradox/data/course.yaml",
    "calcium_paradox/data/questions.yaml", "calcium_paradox/data/references.yaml",
}
#: Names that must never be in the zip: environments, caches, build output, repository internals,
#: screenshots, developer tools and tests, and the teacher guides (they hold the answer keys).
FORBIDDEN = re.compile(
    r"(^|/)(\.venv|venv|\.git|__pycache__|\.ipynb_checkpoints|\.pytest_cache|\.hypothesis|artifacts|dist|build"
    r"|teachers|tools|benchmarks|\.ci)(/|$)|\.pyc$|\.egg-info(/|$)|(^|/)postBuild$|^tests/test_"
)


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory):
    target = classroom.build(tmp_path_factory.mktemp("dist"))
    folder = tmp_path_factory.mktemp("class")
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None, "a file in the zip is corrupt"
        archive.extractall(folder)
        names = archive.namelist()
    return target, folder / FOLDER, names


def _inside(names):
    assert all(n.startswith(f"{FOLDER}/") for n in names), "everything sits in one folder"
    return {n.removeprefix(f"{FOLDER}/") for n in names}


def test_the_zip_is_named_by_version_and_unpacks_into_one_folder(unpacked):
    target, folder, names = unpacked
    assert re.fullmatch(rf"{FOLDER}-classroom-\d+\.\d+\.\d+\.zip", target.name)
    assert folder.is_dir() and _inside(names)


def _committed(*paths: str) -> set[str]:
    out = subprocess.run(["git", "ls-tree", "-r", "--name-only", "HEAD", *paths], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_it_holds_what_a_class_needs(unpacked):
    _, folder, names = unpacked
    inside = _inside(names)
    assert REQUIRED <= inside, f"missing: {sorted(REQUIRED - inside)}"
    notebooks = {f"notebooks/{c.filename}" for c in existing(load_course().chapters, ROOT / "notebooks")}
    assert notebooks and notebooks <= inside, "every chapter notebook is packed"
    figures = _committed("figures")
    assert figures and figures <= inside, "every figure is packed"
    package = _committed("calcium_paradox")
    assert package <= inside, f"package files missing: {sorted(package - inside)}"
    assert "calcium_paradox/data/edition.css" in inside, "the static edition's style sheet (site needs it)"
    assert (folder / "HOW-TO-OPEN.md").read_bytes() == subprocess.run(
        ["git", "show", "HEAD:teachers/HOW-TO-OPEN.md"], cwd=ROOT, capture_output=True, check=True).stdout


def test_the_static_edition_and_the_notebook_check_run_from_the_unpacked_zip(unpacked, tmp_path):
    """What a teacher can do with the zip and no JupyterLab: build the offline edition, check the notebooks."""
    _, folder, _ = unpacked
    env = dict(os.environ, PYTHONPATH=str(folder), MPLBACKEND="Agg")
    site = subprocess.run([sys.executable, "-m", "authoring.edition", "--root", str(folder),
                           "--out", str(tmp_path / "site")], cwd=folder, env=env, capture_output=True, text=True)
    assert site.returncode == 0, site.stdout + site.stderr
    pages = {p.name for p in (tmp_path / "site").glob("*.html")}
    assert "index.html" in pages and len(pages) > len(load_course().chapters) // 2
    notebooks = sorted(str(p.relative_to(folder)) for p in (folder / "notebooks").glob("*.ipynb"))
    check = subprocess.run([sys.executable, "-m", "authoring.notebook_check", *notebooks],
                           cwd=folder, env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_it_holds_nothing_it_should_not(unpacked):
    _, _, names = unpacked
    bad = sorted(n for n in _inside(names) if FORBIDDEN.search(n))
    assert not bad, f"should not be in the classroom zip: {bad}"


def test_nothing_uncommitted_and_no_scratch_notebook_gets_in(tmp_path):
    """Build from a clone of the course with caches, an environment and scratch notebooks planted,
    one of them even committed: only committed files of the course, and only chapter notebooks, are packed."""
    root = tmp_path / "course"
    subprocess.run(["git", "clone", "-q", "--local", "--no-hardlinks", str(ROOT), str(root)], check=True)
    planted = [
        ".venv/lib/site.py", "calcium_paradox/__pycache__/course.cpython-311.pyc",
        "notebooks/.ipynb_checkpoints/00-start-here-checkpoint.ipynb", "notebooks/scratch.ipynb",
        "calcium_paradox/models/old.pyc", "artifacts/browser/shot.png", ".pytest_cache/v/x",
        "calcium_paradox/data/.hypothesis/examples/x", "calcium_paradox/models/draft.py",
        "calcium_paradox/build/lib/course.py", "dist/old.zip",
    ]
    for name in planted:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("junk")
    committed_scratch = root / "notebooks" / "my-notes.ipynb"
    committed_scratch.write_text("{}")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "add", "-f", "notebooks/my-notes.ipynb"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "scratch"], cwd=root, check=True)
    with zipfile.ZipFile(classroom.build(tmp_path / "out", root=root)) as archive:
        inside = _inside(archive.namelist())
    leaked = sorted((set(planted) | {"notebooks/my-notes.ipynb"}) & inside)
    assert not leaked, f"got into the zip: {leaked}"
    assert not any(FORBIDDEN.search(n) for n in inside)
    assert "notebooks/00-start-here.ipynb" in inside


def test_two_builds_give_the_same_bytes(tmp_path):
    first = classroom.build(tmp_path / "a").read_bytes()
    assert classroom.build(tmp_path / "b").read_bytes() == first


def test_every_link_in_the_packed_notebooks_and_pages_resolves(unpacked):
    _, folder, _ = unpacked
    pages = sorted(folder.glob("notebooks/*.ipynb")) + [folder / "HOW-TO-OPEN.md"]
    for page in pages:
        if page.suffix == ".ipynb":
            cells = json.loads(page.read_text("utf-8"))["cells"]
            text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        else:
            text = page.read_text("utf-8")
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if target.startswith(("http://", "https://")):
                continue
            assert (page.parent / target).exists(), f"{page.name} links to {target}, which is not in the zip"
        for named in re.findall(r"`([\w./-]+\.(?:md|cff|txt|ipynb))`", text):
            if "*" not in named and not named.startswith("calcium-paradox/"):
                assert (folder / named).exists(), f"{page.name} names `{named}`, which is not in the zip"


def test_a_notebook_runs_from_the_unpacked_zip(unpacked):
    _, folder, _ = unpacked
    notebook = folder / "notebooks" / "00-start-here.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    probe = nbformat.v4.new_code_cell("import calcium_paradox\nprint(calcium_paradox.__file__)")
    nb.cells.insert(0, probe)
    env = dict(os.environ, PYTHONPATH=str(folder), MPLBACKEND="Agg", PYDEVD_DISABLE_FILE_VALIDATION="1")
    client = NotebookClient(nb, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(notebook.parent)}})
    client.execute(env=env)
    imported = Path("".join(probe.outputs[0]["text"]).strip()).resolve()
    assert folder.resolve() in imported.parents, f"the kernel imported {imported}, not the unpacked copy"
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    assert sum(1 for c in nb.cells if c.cell_type == "code" and c.outputs) >= 5


def test_the_zip_command_is_wired_into_tasks_and_its_output_is_ignored():
    text = (ROOT / "tasks.py").read_text()
    assert '"zip": classroom_zip' in text and "tools/classroom.py" in text
    ignored = subprocess.run(["git", "check-ignore", "-q", "dist/x.zip"], cwd=ROOT).returncode
    if ignored == 128:
        pytest.skip("not a git checkout")
    assert ignored == 0, "dist/ must be in .gitignore"


def test_lab_serves_the_whole_course_folder_so_figures_load():
    """`python3 tasks.py lab` (the first command in HOW-TO-OPEN.md) must serve the course folder:
    given only the start notebook, Jupyter serves notebooks/ and every ../figures image breaks."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("course_tasks", ROOT / "tasks.py")
    tasks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tasks)
    command = [str(part) for part in tasks.lab_command(["--no-browser"])]
    assert command[1] == "lab" and f"--ServerApp.root_dir={ROOT}" in command
    assert tasks.START in command and command[-1] == "--no-browser"
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        for target in re.findall(r"\]\((\.\./[^)\s]+)\)", notebook.read_text("utf-8")):
            assert (notebook.parent / target).resolve().is_relative_to(ROOT), target
