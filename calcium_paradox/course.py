"""The course's identity, chapter list, disclaimer and launch links, from ``data/course.yaml``.

Everything that appears in more than one place (the README chapter table, each
notebook's navigation and footer, the Binder links) is rendered by a function
here, so it is written once. ``tools/sync.py`` writes the rendered text into the
notebooks and README; the notebook check and ``tests/test_course.py`` fail when they drift apart.
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
HUB_PLACEHOLDER = "https://<your-jupyterhub>"
#: Markers around the launch links that ``tools/sync.py`` writes into notebooks and Markdown files.
LAUNCH_START = "<!-- launch:start -->"
#: The boxed first instruction in every notebook's opening cell.
RUN_FIRST = ("> **Before you start:** open the **Run** menu and choose **Run All Cells**. After a few seconds "
             "the questions and explorers below are ready to use. The grey code cells only call the course's "
             "tools, so they are folded to one line; click the dots (•••) to see all of a cell's code.")
LAUNCH_END = "<!-- launch:end -->"

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
    hook: str = ""  # a one-line made-up story that opens the notebook (clearly fictional, non-clinical)

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
    #: Stands for a school's JupyterHub address in nbgitpuller links; a teacher replaces it.
    jupyterhub: str = HUB_PLACEHOLDER
    #: Where the in-browser edition (``python3 tasks.py lite``, the folder ``_lite/``) is published.
    #: Empty: the repository's GitHub Pages site, ``https://<owner>.github.io/<name>``.
    lite_base: str = ""

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

    @property
    def repo_name(self) -> str:
        """The folder a ``git clone`` of the repository creates (nbgitpuller opens files inside it)."""
        return self.repo_path.split("/")[-1].removesuffix(".git")

    def binder_url(self, path: str = "notebooks/00-start-here.ipynb") -> str:
        """A Binder link that opens ``path`` inside JupyterLab."""
        urlpath = quote(f"/lab/tree/{path}", safe="")
        return f"{self.binder_base}/{self.repo_path}/{self.branch}?urlpath={urlpath}"

    def nbgitpuller_url(self, path: str = "notebooks/00-start-here.ipynb", hub: str | None = None) -> str:
        """A JupyterHub link that pulls the course with nbgitpuller and opens ``path`` in JupyterLab.

        The branch is always given (nbgitpuller would otherwise pull ``master``), and the
        path starts with the folder the clone creates, as nbgitpuller requires. Every
        value is URL-encoded, ``/`` included. ``hub`` defaults to the placeholder in
        course.yaml, which a teacher replaces with their hub's address.
        """
        hub = (hub or self.jupyterhub).rstrip("/")
        query = "&".join(
            f"{name}={quote(value, safe='')}"
            for name, value in (
                ("repo", self.repository),
                ("branch", self.branch),
                ("urlpath", f"lab/tree/{self.repo_name}/{path}"),
            )
        )
        return f"{hub}/hub/user-redirect/git-pull?{query}"

    @property
    def lite_site(self) -> str:
        """The address of the published in-browser edition (no trailing slash)."""
        if self.lite_base:
            return self.lite_base.rstrip("/")
        owner, name = self.repo_path.split("/")[:2]
        return f"https://{owner.lower()}.github.io/{name.removesuffix('.git')}"

    def lite_url(self, path: str = "notebooks/00-start-here.ipynb") -> str:
        """A link that opens ``path`` in JupyterLab in the in-browser edition (JupyterLite, no install).

        The edition keeps the repository's folders (``notebooks/``, ``figures/``), so ``path`` is the
        same as in the repository; it is URL-encoded, ``/`` included, like the other launch links.
        """
        return f"{self.lite_site}/lab/index.html?path={quote(path, safe='')}"


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


def launch_links(path: str, what: str = "this notebook") -> str:
    """The launch-links lines for the file at ``path`` (relative to the repository root).

    Written between :data:`LAUNCH_START` and :data:`LAUNCH_END` into each notebook's
    title cell, the README and the teacher pages by ``tools/sync.py``.
    """
    course = load_course()
    return "\n".join(
        [
            LAUNCH_START,
            f"**Run it online:** [open {what} on Binder]({course.binder_url(path)}) "
            "(free, nothing to install; it can take a few minutes to start, and your changes are not kept).",
            "",
            f"**Run in your browser (no install):** [open {what} in your browser]({course.lite_url(path)}) "
            "(free, nothing to install, works on a school Chromebook too; the first start can take half a minute, "
            "and your answers and changes are kept only in that browser).",
            "",
            f"**On a school JupyterHub:** use this link, with your hub's address in place of "
            f"`{course.jupyterhub}`: `{course.nbgitpuller_url(path)}`",
            LAUNCH_END,
        ]
    )


def with_launch_links(text: str, path: str, what: str = "this notebook") -> str:
    """``text`` with its launch links brought up to date, or appended if it has none."""
    block = launch_links(path, what)
    start, end = text.find(LAUNCH_START), text.find(LAUNCH_END)
    if start != -1 and end > start:
        return text[:start] + block + text[end + len(LAUNCH_END):]
    return text.rstrip("\n") + "\n\n" + block


def footer(slug: str, notebooks_dir: Path) -> str:
    """The closing cell of every notebook: disclaimer, licence, citation and navigation."""
    course = load_course()
    return "\n".join(
        [
            "---",
            "",
            DISCLAIMER,
            "",
            f"**Licence:** course text and figures [{course.licence_content}](../LICENSE-CONTENT.md); "
            f"code [{course.licence_code}](../LICENSE). "
            "How to cite the course: see [CITATION.cff](../CITATION.cff) in the course folder.",
            "",
            "**Accessibility:** every figure has a text description after it, and every "
            "explorer prints a sentence describing what it shows.",
            "",
            f"**Navigation:** {navigation(slug, notebooks_dir)}",
        ]
    )
