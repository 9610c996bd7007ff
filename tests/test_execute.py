"""Saving outputs is deterministic and keeps each widget's static form, not its live view."""

import shutil
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import execute  # noqa: E402

from calcium_paradox.course import existing, load_course  # noqa: E402

NOTEBOOKS = [ROOT / "notebooks" / c.filename for c in existing(load_course().chapters, ROOT / "notebooks")]


def _saved_by_a_kernel() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    view = {"model_id": "0123456789abcdef0123456789abcdef", "version_major": 2, "version_minor": 0}
    nb.cells = [
        nbformat.v4.new_code_cell("ask('N00-Q1')", outputs=[nbformat.v4.new_output("display_data", data={
            execute.WIDGET_VIEW: view, "text/html": "<p>static</p>", "text/plain": "Question"})]),
        nbformat.v4.new_code_cell("other_widget()", outputs=[nbformat.v4.new_output("display_data", data={
            execute.WIDGET_VIEW: view, "text/plain": "a widget with no static form"})]),
    ]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {view["model_id"]: {}}}}
    return nb


def test_a_widget_with_a_static_form_is_saved_as_that_form_only():
    nb = _saved_by_a_kernel()
    assert execute.keep_static_forms(nb) == 1
    first, second = (cell.outputs[0]["data"] for cell in nb.cells)
    assert set(first) == {"text/html", "text/plain"}
    assert execute.WIDGET_VIEW in second  # nothing else to show: left as it was
    assert "widgets" not in nb.metadata


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_saved_notebooks_hold_no_widget_state_or_random_ids(path):
    nb = nbformat.read(path, as_version=4)
    assert "widgets" not in nb.metadata
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert execute.WIDGET_VIEW not in output.get("data", {}), f"{path.name}: a live widget view was saved"


def test_running_an_unchanged_notebook_again_changes_nothing(tmp_path):
    path = ROOT / "notebooks" / "00-start-here.ipynb"
    copy = tmp_path / "notebooks" / path.name
    copy.parent.mkdir()
    shutil.copy(path, copy)
    for folder in ("figures",):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    execute.execute(copy)
    assert copy.read_bytes() == path.read_bytes()
