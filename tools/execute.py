"""Run notebooks top to bottom in a fresh kernel and save them with their outputs.

Used by ``python3 tasks.py outputs``. Outputs are stored so that readers on GitHub
or nbviewer see the figures, and so that strict nbval has something to compare.
Timing metadata is not recorded, so re-running an unchanged notebook changes
only what really changed.
"""

from __future__ import annotations

import os
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
        nb, timeout=300, kernel_name="python3", record_timing=False, store_widget_state=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    keep_static_forms(nb)
    nbformat.write(nb, path)
    return time.perf_counter() - start


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def keep_static_forms(nb) -> int:
    """Save each widget output as its static form only; returns how many widget views were left out.

    Every course widget puts its static form (``text/html``) in the same display bundle as the
    live view. The live view needs the kernel that made it, so a saved copy of it could only show
    "model not found" once the kernel is gone; without it, GitHub, nbviewer, nbconvert, the static
    edition and JupyterLab before the cells run all show the static form, and nothing in the saved
    notebook changes from one run to the next (no random widget ids, no widget state).
    """
    dropped = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data and "text/html" in data:
                del data[WIDGET_VIEW]
                dropped += 1
    nb.metadata.pop("widgets", None)
    return dropped


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

