"""Saving outputs is deterministic: widget model ids do not change from one run to the next."""

import copy
import json
import sys
import uuid
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import execute  # noqa: E402


def _run_like_the_kernel() -> nbformat.NotebookNode:
    """A notebook as nbclient leaves it: two widget outputs whose models refer to others, random ids."""
    ids = {name: uuid.uuid4().hex for name in ("box", "slider", "layout", "style", "label", "orphan")}
    ref = {name: f"IPY_MODEL_{i}" for name, i in ids.items()}
    state = {
        ids["box"]: {"model_name": "VBoxModel", "state": {"children": [ref["slider"], ref["label"]],
                                                          "layout": ref["layout"]}},
        ids["slider"]: {"model_name": "FloatSliderModel", "state": {"style": ref["style"], "value": 1.0}},
        ids["layout"]: {"model_name": "LayoutModel", "state": {}},
        ids["style"]: {"model_name": "SliderStyleModel", "state": {"description_width": ""}},
        ids["label"]: {"model_name": "HTMLModel", "state": {"value": "hi"}},
        ids["orphan"]: {"model_name": "LayoutModel", "state": {"width": "10px"}},
    }
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("show()", outputs=[nbformat.v4.new_output(
        "display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": ids["box"]},
                              "text/plain": "box"})]),
                nbformat.v4.new_code_cell("again()", outputs=[nbformat.v4.new_output(
                    "display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": ids["label"]},
                                          "text/plain": "label"})])]
    for number, cell in enumerate(nb.cells):
        cell.id = f"cell-{number}"  # stored in the notebook, not made by the run
    # The kernel's order of models in the saved state is arbitrary too.
    shuffled = dict(sorted(state.items()))
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": shuffled}}
    return nb


def test_two_runs_save_the_same_ids():
    first, second = _run_like_the_kernel(), _run_like_the_kernel()
    execute.renumber_widget_ids(first, "00-start-here")
    execute.renumber_widget_ids(second, "00-start-here")
    assert nbformat.writes(first) == nbformat.writes(second)


def test_every_reference_still_points_at_a_saved_model_and_nothing_is_lost():
    nb = _run_like_the_kernel()
    before = copy.deepcopy(nb)
    mapping = execute.renumber_widget_ids(nb, "04-x")
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    assert len(state) == len(mapping) == 6
    text = json.dumps(state)
    for ref in execute.MODEL_REF.findall(text):
        assert ref in state
    for cell, old_cell in zip(nb.cells, before.cells, strict=True):
        new_id = cell.outputs[0].data["application/vnd.jupyter.widget-view+json"]["model_id"]
        old_id = old_cell.outputs[0].data["application/vnd.jupyter.widget-view+json"]["model_id"]
        assert mapping[old_id] == new_id and new_id in state
    old_state = before.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    assert sorted(m["model_name"] for m in state.values()) == sorted(m["model_name"] for m in old_state.values())


def test_models_are_numbered_in_reading_order_and_differ_between_notebooks():
    nb = _run_like_the_kernel()
    mapping = execute.renumber_widget_ids(nb, "01-y")
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    names = [m["model_name"] for m in state.values()]
    assert names[:5] == ["VBoxModel", "FloatSliderModel", "SliderStyleModel", "HTMLModel", "LayoutModel"]
    other = _run_like_the_kernel()
    assert set(execute.renumber_widget_ids(other, "02-z").values()).isdisjoint(mapping.values())


def test_renumbering_twice_changes_nothing():
    nb = _run_like_the_kernel()
    execute.renumber_widget_ids(nb, "05")
    once = nbformat.writes(nb)
    execute.renumber_widget_ids(nb, "05")
    assert nbformat.writes(nb) == once
