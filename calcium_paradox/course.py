"""The course's identity, chapter list, disclaimer and launch links, from ``data/course.yaml``.

Everything that appears in more than one place (the README chapter table, each
notebook's navigation and footer, the Binder links) is rendered by a function
here, so it is written once. ``tools/sync.py`` writes the rendered text into the
notebooks and README; ``tests/test_sync.py`` fails when they drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import quote

import yaml

DISCLAIMER = (
    "**For learning only.** This course explains ideas with simple drawings and toy models. "
    "It is not medical advice. It cannot tell you what to take or what your own risk is. "
    "Before you change a medicine or supplement, talk with a doctor, nurse, pharmacist or dietitian."
)

TOY_MODEL_LABEL = "Toy model — illustrative, not clinical"

#: The label of an explorer that shows real published numbers instead of a toy model.
EVIDENCE_LABEL = "Published results — for learning, not clinical advice"

#: Every explorer opens with one of these labels (toy model, or real published numbers).
EXPLORER_LABELS = (TOY_MODEL_LABEL, EVIDENCE_LABEL)


@dataclass(frozen=True)
class Chapter:
    number: int
    slug: str
    title: str
    summary: str
    minutes: int

    @property
    def filename(self) -> str:
        return f"{self.slug}.ipynb"

    @property
    def label(self) -> str:
        return f"{self.number:02d} · {self.title}"


@dataclass(frozen=True)
class Course:
    title: str
    subtitle: str
    repository: str
    branch: str
    binder_base: str
    licence_code: str
    licence_content: str
    chapters: tuple[Chapter, ...]

    def chapter(self, number: int) -> Chapter:
        for chapter in self.chapters:
            if chapter.number == number:
                return chapter
        raise KeyError(f"There is no chapter {number}; chapters are {[c.number for c in self.chapters]}.")

    def by_slug(self, slug: str) -> Chapter:
        for chapter in self.chapters:
            if chapter.slug == slug:
                return chapter
        raise KeyError(f"No chapter has the slug {slug!r}.")

    @property
    def repo_path(self) -> str:
        """``owner/name`` of the repository, for Binder's ``gh`` provider."""
        return self.repository.rstrip("/").split("github.com/")[-1]

    def binder_url(self, path: str = "notebooks/00-start-here.ipynb") -> str:
        """A Binder link that opens ``path`` inside JupyterLab."""
        urlpath = quote(f"/lab/tree/{path}", safe="")
        return f"{self.binder_base}/{self.repo_path}/{self.branch}?urlpath={urlpath}"


@lru_cache(maxsize=1)
def load_course() -> Course:
    text = resources.files("calcium_paradox").joinpath("data/course.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    chapters = tuple(Chapter(**c) for c in raw.pop("chapters"))
    return Course(chapters=chapters, **raw)


def existing(chapters, notebooks_dir: Path) -> list[Chapter]:
    return [c for c in chapters if (Path(notebooks_dir) / c.filename).exists()]


def chapter_link(chapter: Chapter, notebooks_dir: Path, prefix: str = "") -> str:
    """Markdown link to a chapter if its notebook exists, else its title marked as coming."""
    if (Path(notebooks_dir) / chapter.filename).exists():
        return f"[{chapter.label}]({prefix}{chapter.filename})"
    return f"{chapter.label} (coming soon)"


def chapter_table(notebooks_dir: Path, prefix: str = "") -> str:
    """The chapter table used by the README and the start notebook."""
    course = load_course()
    rows = ["| Chapter | What you will learn | Time |", "|---|---|---|"]
    for chapter in course.chapters:
        link = chapter_link(chapter, notebooks_dir, prefix)
        rows.append(f"| {link} | {chapter.summary} | about {chapter.minutes} min |")
    total = sum(c.minutes for c in course.chapters)
    hours, minutes = divmod(total, 60)
    rows.append(f"\nAll chapters together take about {hours} hours {minutes} minutes.")
    return "\n".join(rows)


def navigation(slug: str, notebooks_dir: Path) -> str:
    """Previous / next links for the footer of one chapter."""
    course = load_course()
    numbers = [c.slug for c in course.chapters]
    index = numbers.index(slug)
    parts = []
    if index > 0:
        parts.append("Previous: " + chapter_link(course.chapters[index - 1], notebooks_dir))
    else:
        parts.append("Previous: none, this is the first notebook")
    if index + 1 < len(course.chapters):
        parts.append("Next: " + chapter_link(course.chapters[index + 1], notebooks_dir))
    else:
        parts.append("Next: none, this is the last notebook")
    parts.append(f"Start page: {chapter_link(course.chapters[0], notebooks_dir)}")
    return " · ".join(parts)


def footer(slug: str, notebooks_dir: Path) -> str:
    """The closing cell of every notebook: disclaimer, licence, citation and navigation."""
    course = load_course()
    return "\n".join(
        [
            "---",
            "",
            DISCLAIMER,
            "",
            f"**Licence:** course text and figures {course.licence_content}; "
            f"code {course.licence_code}. "
            "How to cite the course: see the file `CITATION.cff` in the course folder.",
            "",
            "**Accessibility:** every figure has a text description after it, and every "
            "explorer prints a sentence describing what it shows.",
            "",
            f"**Navigation:** {navigation(slug, notebooks_dir)}",
        ]
    )
