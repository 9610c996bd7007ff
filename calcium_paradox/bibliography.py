"""The course bibliography: one YAML file, cited by key.

Notebooks cite a source with an ordinary Markdown link to its anchor in the
notebook's own reference list, for example ``[Demer and Tintut 2008](#ref-demer2008)``.
:func:`cited_keys` finds those keys; :func:`reference_list` renders the list
(``tools/sync.py`` writes it into the notebook's ``references`` cell).

Rules (``tests/test_bibliography.py``): every cited key exists; every entry has
a DOI or a PMID; nothing on the do-not-cite list (citations in the source
articles that turned out to be wrong) ever enters the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

CITE_PATTERN = re.compile(r"\]\(#ref-([A-Za-z0-9_]+)\)")


@dataclass(frozen=True)
class Reference:
    key: str
    authors: str
    title: str
    journal: str
    year: int
    volume_pages: str = ""
    doi: str = ""
    pmid: str = ""
    pmcid: str = ""
    checked: str = ""

    @property
    def link(self) -> str:
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"

    @property
    def first_author(self) -> str:
        return self.authors.split(",")[0].split(" ")[0]

    def markdown(self) -> str:
        ident = f"doi:{self.doi}" if self.doi else f"PMID {self.pmid}"
        where = f"*{self.journal}*" + (f" {self.volume_pages}" if self.volume_pages else "")
        return (
            f'<a id="ref-{self.key}"></a>{self.authors} ({self.year}). {self.title}. '
            f"{where}. [{ident}]({self.link})"
        )


@lru_cache(maxsize=1)
def load() -> dict[str, Reference]:
    text = resources.files("calcium_paradox").joinpath("data/references.yaml").read_text("utf-8")
    entries = yaml.safe_load(text)["references"]
    return {e["key"]: Reference(**{k: (str(v) if k in ("pmid", "doi") else v) for k, v in e.items()}) for e in entries}


def cited_keys(markdown: str) -> list[str]:
    """Keys cited in ``markdown`` through ``(#ref-KEY)`` links, in order of first use."""
    seen: dict[str, None] = {}
    for key in CITE_PATTERN.findall(markdown):
        seen.setdefault(key, None)
    return list(seen)


def unknown_keys(keys) -> list[str]:
    known = load()
    return [k for k in keys if k not in known]


def reference_list(keys) -> str:
    """The Markdown reference list for ``keys``, sorted by first author and year."""
    missing = unknown_keys(keys)
    if missing:
        raise KeyError(f"Not in calcium_paradox/data/references.yaml: {', '.join(missing)}")
    refs = sorted((load()[k] for k in keys), key=lambda r: (r.first_author.lower(), r.year, r.key))
    lines = ["## References", ""]
    if not refs:
        lines.append("This notebook cites no studies.")
    lines += [f"- {r.markdown()}" for r in refs]
    return "\n".join(lines)
