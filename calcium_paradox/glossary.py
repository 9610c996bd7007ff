"""The course glossary: one list of terms (``data/glossary.yaml``), shown in chapter 07.

A chapter marks a term as glossary-worthy by putting it in bold at the start of a
line in its "Words you'll meet" cell (tagged ``glossary-preview``), for example
``- **Plaque:** a fatty patch ...``. ``tests/test_glossary.py`` fails when a
marked term is missing from the glossary, when a glossary term is used in no
chapter, or when an entry names the wrong chapter as the one that introduces it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

MARKED = re.compile(r"^\s*[-*]\s+\*\*(?P<term>[^*]+?):?\*\*", re.MULTILINE)


@dataclass(frozen=True)
class Entry:
    term: str
    definition: str
    chapter: int
    also: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *self.also)

    def matches(self, name: str) -> bool:
        """True for the term or another name; "PTH (parathyroid hormone)" matches by either part."""
        known = {normalise(n) for n in self.names}
        whole = re.fullmatch(r"(?P<head>.+?)\s*\((?P<inner>[^)]+)\)", name.strip())
        candidates = [name] + ([whole["head"], whole["inner"]] if whole else [])
        return any(normalise(c) in known for c in candidates)

    def used_in(self, text: str) -> bool:
        return any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text, re.IGNORECASE) for n in self.names)


def normalise(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().lower()


@lru_cache(maxsize=1)
def load_glossary() -> tuple[Entry, ...]:
    raw = yaml.safe_load(resources.files("calcium_paradox").joinpath("data/glossary.yaml").read_text("utf-8"))
    entries = tuple(Entry(e["term"], e["definition"], int(e["chapter"]), tuple(e.get("also", ())))
                    for e in raw["terms"])
    return tuple(sorted(entries, key=lambda e: normalise(e.term)))


def lookup(name: str) -> Entry | None:
    return next((e for e in load_glossary() if e.matches(name)), None)


def _cells(notebook: Path) -> list[dict]:
    import nbformat  # comes with JupyterLab

    return nbformat.read(Path(notebook), as_version=4)["cells"]


def marked_terms(notebook: Path) -> list[str]:
    """The terms a notebook marks as glossary-worthy (bold items in its "Words you'll meet" cells)."""
    terms = []
    for cell in _cells(notebook):
        if cell["cell_type"] == "markdown" and "glossary-preview" in cell["metadata"].get("tags", []):
            terms += [m.group("term").strip() for m in MARKED.finditer("".join(cell["source"]))]
    return terms


def prose(notebook: Path) -> str:
    """A notebook's Markdown, without the glossary itself (so a term does not count as used by its own entry)."""
    return "\n".join("".join(c["source"]) for c in _cells(notebook)
                     if c["cell_type"] == "markdown" and "glossary" not in c["metadata"].get("tags", []))


def glossary_markdown() -> str:
    """The glossary as Markdown for chapter 07: one plain sentence per term and the chapter that introduces it."""
    lines = ["| Term | What it means | First met in |", "|---|---|---|"]
    for entry in load_glossary():
        shown = entry.term + (f" ({', '.join(entry.also)})" if entry.also else "")
        lines.append(f"| **{shown}** | {entry.definition} | chapter {entry.chapter:02d} |")
    return "\n".join(lines)
