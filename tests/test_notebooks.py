"""Every notebook follows the template, and the check catches each way of breaking it.

The notebook check itself lives in authoring/notebook_check.py; here it
runs on every notebook, and on deliberately broken copies of the start notebook
to show that each rule can fail and says where.
"""

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from authoring.notebook_check import check_notebook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
START = ROOT / "notebooks" / "00-start-here.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_follows_the_template(path):
    problems = check_notebook(path)
    assert not problems, "\n".join(map(str, problems))


#: Each notebook, with its outputs, stays under this size (the largest is about 0.3 MB; no widget state
#: is saved): a notebook that grows past it has a picture that should be smaller.
MAX_NOTEBOOK_BYTES = 500 * 1024


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_notebook_stays_under_its_size_limit(path):
    size = path.stat().st_size
    assert size < MAX_NOTEBOOK_BYTES, f"{path.name} takes {size / 1024:.0f} KiB (limit {MAX_NOTEBOOK_BYTES // 1024})"


def _cell(nb, tag):
    return next(c for c in nb["cells"] if tag in c["metadata"].get("tags", []))


def _first_code(nb, text):
    return next(c for c in nb["cells"] if c["cell_type"] == "code" and text in "".join(c["source"]))


def _drop_disclaimer(nb):
    first = nb["cells"][0]
    first["source"] = "".join(first["source"]).replace("It is not medical advice.", "")


def _second_h1(nb):
    nb["cells"][2]["source"] = "# Another title\n" + "".join(nb["cells"][2]["source"])


def _long_code(nb):
    _first_code(nb, "import")["source"] = "\n".join(f"x{i} = {i}" for i in range(20))


def _install(nb):
    _first_code(nb, "import")["source"] = "!pip install numpy\nfrom calcium_paradox.questions import ask"


def _no_description(nb):
    cells = nb["cells"]
    index = next(i for i, c in enumerate(cells) if "figure-description" in c["metadata"].get("tags", []) and i > 5)
    cells[index]["metadata"]["tags"] = []


def _unknown_key(nb):
    _cell(nb, "summary")["source"] = "".join(_cell(nb, "summary")["source"]) + " [Nobody 2099](#ref-nobody2099)"


def _vague_objective(nb):
    cell = _cell(nb, "objectives")
    cell["source"] = "".join(cell["source"]).replace("- Describe what", "- Understand what")


def _contents_on_first_screen(nb):
    nb["cells"][0]["source"] = "".join(nb["cells"][0]["source"]) + "\n\n**Contents**\n\n1. Warm-up"


def _unfolded_code(nb):
    _first_code(nb, "import")["metadata"].pop("jupyter", None)


def _no_run_all_box(nb):
    from calcium_paradox.course import RUN_FIRST

    nb["cells"][0]["source"] = "".join(nb["cells"][0]["source"]).replace(RUN_FIRST, "")


def _no_reveal(nb):
    nb["cells"] = [c for c in nb["cells"] if "reveal(" not in "".join(c["source"])]


def _unknown_question(nb):
    _first_code(nb, "predict(")["source"] = 'predict("N99-P9")'



def _error_output(nb):
    _first_code(nb, "import")["outputs"] = [
        {"output_type": "error", "ename": "NameError", "evalue": "x", "traceback": []}]


def _out_of_order(nb):
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    code[0]["execution_count"], code[1]["execution_count"] = 2, 1


def _absolute_path(nb):
    _first_code(nb, "import")["source"] = "open('/home/me/data.csv')"


def _no_metadata(nb):
    del nb["metadata"]["course"]


def _poe_order(nb):
    predict, explain = _cell(nb, "predict"), _cell(nb, "explain")
    predict["metadata"]["tags"], explain["metadata"]["tags"] = ["explain"], ["predict"]


def _bad_link(nb):
    _cell(nb, "summary")["source"] = "".join(_cell(nb, "summary")["source"]) + " See [here](02-missing.ipynb)."


def _stale_footer(nb):
    _cell(nb, "footer")["source"] = "Thanks for reading."


def _overclaim(nb):
    cell = _cell(nb, "summary")
    cell["metadata"]["tags"].append("evidence")


BREAKAGES = {
    "disclaimer removed": (_drop_disclaimer, "must contain the disclaimer"),
    "two H1 headings": (_second_h1, "exactly one H1"),
    "long code cell": (_long_code, "keep cells to 15 or fewer"),
    "pip install": (_install, "no installs"),
    "figure without description": (_no_description, "followed by a Markdown cell tagged 'figure-description'"),
    "unknown citation key": (_unknown_key, "cites 'nobody2099'"),
    "vague objective": (_vague_objective, "starts with 'understand'"),
    "prediction never revealed": (_no_reveal, "a prediction needs reveal("),
    "contents list on the first screen": (_contents_on_first_screen, "belongs in the 'About this notebook' cell"),
    "helper code not folded": (_unfolded_code, "jupyter.source_hidden"),
    "no Run All box": (_no_run_all_box, "'Run All Cells' instruction"),
    "unknown question": (_unknown_question, "no question 'N99-P9'"),
    "error output": (_error_output, "stored output is an error"),
    "out-of-order run": (_out_of_order, "execution counts 1, 2, 3"),
    "absolute path": (_absolute_path, "absolute path"),
    "no course metadata": (_no_metadata, "no 'course' block"),
    "explain before observe": (_poe_order, "predict → observe → explain"),
    "link text 'here' to a missing file": (_bad_link, "link text 'here'"),
    "stale footer": (_stale_footer, "footer (disclaimer, licence, navigation) is out of date"),
    "evidence card without certainty": (_overclaim, "needs a certainty label"),
}


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory):
    """A copy of notebooks/ and figures/ so relative links still resolve."""
    root = tmp_path_factory.mktemp("course")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copytree(ROOT / "figures", root / "figures")
    return root


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_the_check_catches_each_breakage_and_names_it(name, course_copy):
    breaker, expected = BREAKAGES[name]
    nb = json.loads(START.read_text(encoding="utf-8"))
    broken = copy.deepcopy(nb)
    breaker(broken)
    path = course_copy / "notebooks" / START.name
    path.write_text(json.dumps(broken), encoding="utf-8")
    try:
        problems = [str(p) for p in check_notebook(path)]
    finally:
        path.write_text(json.dumps(nb), encoding="utf-8")
    assert any(expected in p for p in problems), f"{name}: expected '{expected}' in {problems}"
    assert all(p.startswith(START.name) for p in problems)


def test_strict_nbval_fails_when_a_stored_output_no_longer_matches(tmp_path):
    """The nbval configuration really compares text: a changed stored output fails the run."""
    for name in ("conftest.py", "pytest.ini"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "nbval_sanitize.cfg", tmp_path / "tests")
    nb = json.loads(START.read_text(encoding="utf-8"))
    cell = _first_code(nb, "show_key_state(\"bathtub\", start=8, inflow=6)")
    cell["outputs"][0]["data"]["text/plain"] = ["Figure: a different description"]
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / START.name).write_text(json.dumps(nb), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "notebooks", "-q", "-p", "no:randomly"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1, result.stdout[-2000:]
    assert "1 failed" in result.stdout and "a different description" in result.stdout


def test_headings_come_from_the_markdown_parser_not_from_lines_that_start_with_a_hash():
    from authoring.notebook_check import headings

    text = "# Title with *emphasis*\n\n```python\n# a comment, not a heading\n```\n\n## Key points\n#hashtag\n"
    assert headings(text) == [(1, "Title with emphasis"), (2, "Key points")]
