"""Run notebooks top to bottom in a fresh kernel and save them with their outputs.

Used by ``python3 tasks.py outputs``. Outputs are stored so that readers on GitHub
or nbviewer see the figures, and so that strict nbval has something to compare.
Timing metadata is not recorded, so re-running an unchanged notebook changes
only what really changed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def execute(path: Path) -> float:
    start = time.perf_counter()
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", record_timing=False, store_widget_state=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    if not _has_widgets(nb):
        nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return time.perf_counter() - start


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
