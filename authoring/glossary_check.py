"""Which glossary terms the chapters mark and use (read by ``tests/test_glossary.py``).

A chapter marks a term as glossary-worthy by putting it in bold at the start of a list item in
its "Words you'll meet" cell (tagged ``glossary-preview``), for example
``- **Plaque:** a fatty patch ...``. The test fails when a marked term is missing from the
glossary (``calcium_paradox/data/glossary.yaml``), when a glossary term is used in no chapter,
or when an entry names the wrong chapter as the one that introduces it.
"""

from __future__ import annotations

from pathlib import Path

from .markdown import bold_item_leads
from .notebooks import read, source, tags


def marked_terms(notebook: Path) -> list[str]:
    """The terms a notebook marks as glossary-worthy (bold list-item leads in its "Words you'll meet" cells)."""
    terms = []
    for cell in read(notebook)["cells"]:
        if cell["cell_type"] == "markdown" and "glossary-preview" in tags(cell):
            terms += bold_item_leads(source(cell))
    return terms


def prose(notebook: Path) -> str:
    """A notebook's Markdown, without the glossary itself (so a term does not count as used by its own entry)."""
    return "\n".join(source(cell) for cell in read(notebook)["cells"]
                     if cell["cell_type"] == "markdown" and "glossary" not in tags(cell))
