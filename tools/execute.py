"""Run notebooks top to bottom in a fresh kernel and save them with their outputs.

Used by ``python3 tasks.py outputs``. Outputs are stored so that readers on GitHub
or nbviewer see the figures, and so that strict nbval has something to compare.
Timing metadata is not recorded, so re-running an unchanged notebook changes
only what really changed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

#: The kernel that saves outputs treats a figure that breaks the course's rules as an error.
STRICT = {"CP_STRICT_FIGURES": "1"}


def execute(path: Path) -> float:
    start = time.perf_counter()
    os.environ.update(STRICT)  # the kernel nbclient starts inherits this
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", record_timing=False, store_widget_state=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    if not _has_widgets(nb):
        nb.metadata.pop("widgets", None)
    shrink_saved_images(nb)
    drop_empty_layouts(nb)
    renumber_widget_ids(nb, path.stem)
    nbformat.write(nb, path)
    return time.perf_counter() - start


def shrink_saved_images(nb) -> int:
    """Store explorer pictures in the saved widget state as 256-colour PNGs; returns bytes saved.

    Live explorers encode quick palette PNGs because that is fastest; the copy saved in the
    notebook (for readers without a kernel) is re-encoded once here with the stored setting of
    :func:`calcium_paradox.pictures.palette_png`, as the course's figures are, so notebooks stay
    small. The picture looks the same.
    """
    from calcium_paradox.pictures import repack_png

    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    saved = 0
    for model in state.values():
        if model.get("model_name") != "ImageModel" or model.get("state", {}).get("format") != "png":
            continue
        for buffer in model.get("buffers", []):
            if buffer.get("path") != ["value"] or buffer.get("encoding") != "base64":
                continue
            original = base64.b64decode(buffer["data"])
            small = repack_png(original)
            if small is not original:
                buffer["data"] = base64.b64encode(small).decode("ascii")
                saved += len(original) - len(small)
    return saved


def drop_empty_layouts(nb) -> int:
    """Leave unset (null) layout properties out of the saved widget state; returns how many were dropped.

    Every layout property defaults to null, so a widget renders the same without them,
    and a notebook with a few dozen widgets is then about 100 KB smaller.
    """
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    dropped = 0
    for model in state.values():
        if model.get("model_name") == "LayoutModel" and model.get("model_module") == "@jupyter-widgets/base":
            values = model.get("state", {})
            for key in [k for k, v in values.items() if v is None]:
                del values[key]
                dropped += 1
    return dropped


MODEL_REF = re.compile(r"IPY_MODEL_([0-9a-f]{32})")


def renumber_widget_ids(nb, name: str) -> dict[str, str]:
    """Give every saved widget model an id that depends only on where it is, not on the run.

    The kernel makes a random id for each widget, so without this every re-run rewrote every id
    in the notebook (thousands of changed lines for a one-word edit). Models are numbered in the
    order a reader meets them: each widget output in cell order, then the models it refers to,
    depth first; models nothing shows come last, in a stable order. Returns old id -> new id.
    """
    widgets = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    state = widgets.get("state", {})
    if not state:
        return {}
    order: list[str] = []

    def visit(model_id: str) -> None:
        if model_id in state and model_id not in order:
            order.append(model_id)
            for ref in MODEL_REF.findall(json.dumps(state[model_id].get("state", {}), sort_keys=True)):
                visit(ref)

    for cell in nb.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view:
                visit(view["model_id"])
    rest = sorted((m for m in state if m not in order),
                  key=lambda m: json.dumps(state[m], sort_keys=True))
    for model_id in rest:
        visit(model_id)
    new = {old: hashlib.sha256(f"{name}:{i}".encode()).hexdigest()[:32] for i, old in enumerate(order)}

    def swap(text: str) -> str:
        return MODEL_REF.sub(lambda m: "IPY_MODEL_" + new.get(m.group(1), m.group(1)), text)

    widgets["state"] = {new[old]: json.loads(swap(json.dumps(state[old]))) for old in order}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view and view.get("model_id") in new:
                view["model_id"] = new[view["model_id"]]
    return new


def _has_widgets(nb) -> bool:
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    return bool(state.get("state"))


def main(argv: list[str]) -> int:
    for name in argv:
        try:
            seconds = execute(Path(name))
        except CellExecutionError as err:
            print(f"{name}: a cell failed, so its outputs were not saved.\n{str(err)[:1500]}")
            return 1
        print(f"ran {name} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

