"""Reading and writing the course's notebooks: the one place that does, with nbformat.

Every authoring tool (the template check, sync, the teacher guides, the static edition, the
widget inventory) reads notebooks through :func:`read`, and the text and tags of a cell through
:func:`source` and :func:`tags`, so they all see a notebook the same way.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

#: The marker in a question's static answer cell: ``<!-- answers: N01-Q1 N01-Q2 -->``.
ANSWERS_MARKER = re.compile(r"<!--\s*answers:\s*([^>]*?)\s*-->")


def read(path: str | Path) -> nbformat.NotebookNode:
    """The notebook at ``path`` (nbformat 4); a cell's ``source`` is one string."""
    return nbformat.read(Path(path), as_version=4)


def write(nb: nbformat.NotebookNode, path: str | Path) -> None:
    """Write ``nb`` the way Jupyter does (sorted keys, one-space indent, sources as lists of lines)."""
    nbformat.write(nb, Path(path))


def source(cell) -> str:
    """A cell's text, whether its source is one string or a list of lines."""
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))
