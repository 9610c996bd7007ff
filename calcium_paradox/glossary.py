"""The course glossary: one list of terms (``data/glossary.yaml``), shown in chapter 07.

Which terms the chapters mark and use is checked by the authoring tools
(``authoring/glossary_check.py``, run by ``tests/test_glossary.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


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


def glossary_markdown() -> str:
    """The glossary as Markdown for chapter 07: one plain sentence per term and the chapter that introduces it."""
    lines = ["| Term | What it means | First met in |", "|---|---|---|"]
    for entry in load_glossary():
        shown = entry.term + (f" ({', '.join(entry.also)})" if entry.also else "")
        lines.append(f"| **{shown}** | {entry.definition} | chapter {entry.chapter:02d} |")
    return "\n".join(lines)
