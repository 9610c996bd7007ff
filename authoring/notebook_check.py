"""The notebook check: every course notebook follows the template.

``check_notebook(path)`` returns a list of :class:`Problem` (empty: the notebook
passes). Each problem names the cell and says what to change. The rules come
from the notebook template in the course's design criteria; the ones that
matter most:

- a gentle first screen: the title (the only H1), the chapter's made-up hook, the main
  message, a time estimate, the disclaimer and the boxed "Run All Cells" instruction; the
  contents list, author line and launch links in an "About this notebook" cell before the
  footer; a footer with the disclaimer and navigation; code cells folded;
- 3–5 learning objectives that start with a measurable verb;
- questions shown by the course's calls (``ask``, ``predict``...), each prediction revealed
  (``reveal``) after the explorer and before the explanation;
- key points and a reference list that matches what the notebook cites;
- after every figure, a text description;
- short code cells, no installs, no network, no absolute paths, run in order
  from a fresh kernel, with no errors or warnings in the outputs;
- chapters also need predict → observe → explain, folded key states for the
  explorer, "what this model leaves out", a myth check, an evidence card and an
  exit ticket;
- core prose at a reading grade of 8 or below.

Run it on one notebook with ``python -m authoring.notebook_check FILE``.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from calcium_paradox import bibliography, course, questions
from calcium_paradox.course import EXPLORER_LABELS

from .markdown import headings as markdown_headings
from .markdown import prose as markdown_prose
from .notebooks import cited_text, question_calls, read, source, tags

MAX_CODE_LINES = 15
MAX_READING_GRADE = 8.0
MIN_WORDS_FOR_GRADE = 100
MEASURABLE_VERBS = {
    "list", "name", "define", "identify", "recall", "describe", "explain", "summarize", "summarise",
    "classify", "compare", "contrast", "predict", "use", "apply", "calculate", "interpret",
    "distinguish", "analyze", "analyse", "differentiate", "judge", "evaluate", "critique", "justify",
    "assess", "design", "construct", "write", "create", "propose", "run", "tell", "place", "state",
}
VAGUE_PHRASES = ("understand", "know ", "learn ", "appreciate", "be aware", "become familiar")
BAD_LINK_TEXT = {"here", "click here", "link", "this", "this link", "read more", "more"}
ALLOWED_DOMAINS = (
    "doi.org", "pubmed.ncbi.nlm.nih.gov", "www.ncbi.nlm.nih.gov", "ncbi.nlm.nih.gov", "mybinder.org",
    "github.com", "jupyter.org", "jupyterlab.readthedocs.io", "creativecommons.org", "opensource.org",
    "www.w3.org", "w3.org", "who.int", "www.who.int",
)
ALLOWED_SUFFIXES = (".gov", ".edu", ".ac.uk", ".nhs.uk")
OVERCLAIMING = re.compile(
    r"\b(prevents?|cures?|proves?|proven|removes?|reverses?|detox\w*|guarantee\w*|causes)\b", re.I
)
CERTAINTY = re.compile(r"\b(high|moderate|low|very low) certainty\b", re.I)
ABSOLUTE_PATH = re.compile(r"(?<![\w.~])(/(home|Users|work|tmp|root|mnt|var|opt|usr)/|[A-Za-z]:\\)")
NETWORK = re.compile(r"https?://|\burllib\b|\brequests\b|\bsocket\b|urlopen|\bwget\b|\bcurl\b")
INSTALL = re.compile(r"^\s*(!|%pip|%conda|%%bash|%%sh|pip install|conda install)", re.M)
LINK = re.compile(r"(?<!\!)\[([^\]]*)\]\(([^)\s]+)\)")
#: A figure folded in an output's HTML (a key state: calcium_paradox.display.FoldedFigure); group 1 is its alt.
FOLDED_IMAGE = re.compile(r'<details class="cp-key-state">.*?<img [^>]*alt="([^"]*)"', re.S)
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")

CHAPTER_TAGS = (
    "warm-up", "glossary-preview", "predict", "observe", "static-fallback", "explain", "model-limits",
    "refutation", "evidence", "summary", "exit-ticket", "going-deeper",
)
REQUIRED_TAGS = {
    "start": ("objectives", "quiz", "warm-up", "summary", "references"),
    "chapter": ("objectives", "quiz", "summary", "references") + CHAPTER_TAGS,
    "review": ("objectives", "quiz", "summary", "references"),
}


@dataclass(frozen=True)
class Problem:
    notebook: str
    cell: int | None
    message: str

    def __str__(self) -> str:
        where = f"cell {self.cell}" if self.cell is not None else "notebook"
        return f"{self.notebook}, {where}: {self.message}"


def headings(markdown: str) -> list[tuple[int, str]]:
    """(level, text) of every heading of a Markdown cell (:func:`authoring.markdown.headings`)."""
    return markdown_headings(markdown)


def list_items(markdown: str) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"^\s*(?:[-*]|\d+\.)\s+(.*)$", markdown, re.M)]


def core_prose(cells) -> str:
    """The words of the Markdown a lay learner reads (:func:`authoring.markdown.prose`: no code, headings or markup)."""
    skip = {"going-deeper", "references", "glossary", "teacher-only", "footer"}
    parts = []
    for cell in cells:
        if cell["cell_type"] != "markdown" or skip & set(tags(cell)):
            continue
        text = markdown_prose(source(cell))
        parts.append(text)
    return "\n".join(parts)


def reading_grade(text: str) -> float | None:
    """Flesch–Kincaid grade of ``text`` (None when it is too short to measure).

    0.39 × words per sentence + 11.8 × syllables per word − 15.59, counted the way the course has always
    counted them: words are what is left between spaces once punctuation is gone, a sentence is a run of
    text ending in ``.``, ``!`` or ``?`` with at least three words, and a word has one syllable more than
    the hyphenation points of pyphen's US English dictionary (which ships with pyphen: nothing is
    downloaded). Unlike textstat, which the course used before, nothing is rounded on the way.
    """
    if len(text.split()) < MIN_WORDS_FOR_GRADE:
        return None
    words = _words_only(text).split()
    sentences = [s for s in SENTENCE.findall(text) if len(_words_only(s).split()) > 2]
    hyphenator = _hyphenator()
    syllables = sum(len(hyphenator.positions(word.lower())) + 1 for word in words)
    return 0.39 * len(words) / max(1, len(sentences)) + 11.8 * syllables / len(words) - 15.59


SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)


def _words_only(text: str) -> str:
    return re.sub(r"[^\w\s]", "", text)


@lru_cache(maxsize=1)
def _hyphenator():
    from pyphen import Pyphen  # dev dependency (pure Python, with its dictionaries)

    return Pyphen(lang="en_US")


@lru_cache(maxsize=1)
def _own_hosts() -> frozenset[str]:
    """The course's own published sites (the in-browser edition), from course.yaml."""
    return frozenset({urlparse(course.load_course().lite_site).hostname or ""} - {""})


def _link_allowed(url: str) -> bool:
    host = urlparse(url).hostname or ""
    return host in ALLOWED_DOMAINS or host.endswith(ALLOWED_SUFFIXES) or host in _own_hosts()


class _Checker:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.name = self.path.name
        self.nb = read(self.path)
        self.cells = self.nb.get("cells", [])
        self.problems: list[Problem] = []
        self.meta = self.nb.get("metadata", {}).get("course")

    def add(self, cell: int | None, message: str) -> None:
        self.problems.append(Problem(self.name, None if cell is None else cell + 1, message))

    def cells_tagged(self, tag: str) -> list[int]:
        return [i for i, c in enumerate(self.cells) if tag in tags(c)]

    # ---- the rules -------------------------------------------------------------------
    def run(self) -> list[Problem]:
        if not self.cells:
            self.add(None, "the notebook has no cells.")
            return self.problems
        self.check_metadata()
        self.check_title_and_footer()
        self.check_headings()
        self.check_objectives()
        self.check_tags()
        self.check_questions()
        self.check_references()
        self.check_figures()
        self.check_links()
        self.check_code()
        self.check_outputs()
        self.check_evidence()
        self.check_reading_level()
        return self.problems

    def check_metadata(self) -> None:
        meta = self.meta
        if not isinstance(meta, dict):
            self.add(None, "notebook metadata has no 'course' block (id, title, minutes, objectives, ...).")
            self.meta = {}
            return
        required = ("id", "kind", "title", "main_message", "minutes", "teaching_min", "exercises_min",
                    "objectives", "misconceptions", "last_evidence_check")
        for key in required:
            if key not in meta:
                self.add(None, f"metadata 'course' has no '{key}'.")
        slug = self.path.stem
        try:
            chapter = course.load_course().by_slug(slug)
        except KeyError:
            self.add(None, f"the file name '{slug}' is not a chapter in calcium_paradox/data/course.yaml.")
            chapter = None
        if chapter is not None:
            if meta.get("id") != f"N{chapter.number:02d}":
                self.add(None, f"metadata id is {meta.get('id')!r}; this file is chapter N{chapter.number:02d}.")
            if meta.get("title") != chapter.title:
                self.add(None, f"metadata title {meta.get('title')!r} differs from course.yaml ({chapter.title!r}).")
            if meta.get("minutes") != chapter.minutes:
                self.add(None, f"metadata minutes ({meta.get('minutes')}) differs from course.yaml "
                               f"({chapter.minutes}).")
        if meta.get("kind") not in REQUIRED_TAGS:
            self.add(None, f"metadata kind must be one of {sorted(REQUIRED_TAGS)}, not {meta.get('kind')!r}.")
        minutes = meta.get("minutes")
        if isinstance(minutes, int) and meta.get("teaching_min", 0) + meta.get("exercises_min", 0) != minutes:
            self.add(None, "metadata teaching_min + exercises_min must add up to minutes.")
        objectives = meta.get("objectives", {})
        prefix = f"{meta.get('id', 'N??')}-O"
        if not isinstance(objectives, dict) or not 3 <= len(objectives) <= 5:
            self.add(None, "metadata objectives must map 3 to 5 ids (like N01-O1) to their text.")
        else:
            for key in objectives:
                if not key.startswith(prefix):
                    self.add(None, f"objective id {key!r} should start with {prefix!r}.")
        for m in meta.get("misconceptions", []):
            if not re.fullmatch(r"M([1-9]|1\d|20)", str(m)):
                self.add(None, f"misconception {m!r} is not one of M1–M20.")
        try:
            checked = dt.date.fromisoformat(str(meta.get("last_evidence_check")))
            if checked > dt.date.today():
                self.add(None, "last_evidence_check is in the future.")
        except ValueError:
            self.add(None, "last_evidence_check must be a date like 2026-11-21.")
        message = str(meta.get("main_message", ""))
        if not message or len(re.findall(r"[.!?](\s|$)", message)) > 2:
            self.add(None, "main_message must be one or two sentences.")

    def _chapter(self):
        try:
            return course.load_course().by_slug(self.path.stem)
        except KeyError:
            return None

    def check_title_and_footer(self) -> None:
        first = self.cells[0]
        text = source(first)
        if first["cell_type"] != "markdown" or not text.startswith("# "):
            self.add(0, "the first cell must be Markdown starting with the title as '# Title'.")
        for tag in ("title", "disclaimer"):
            if tag not in tags(first):
                self.add(0, f"the first cell needs the tag '{tag}'.")
        if course.DISCLAIMER not in text:
            self.add(0, "the first cell must contain the disclaimer (calcium_paradox.course.DISCLAIMER), "
                        "word for word.")
        message = str((self.meta or {}).get("main_message", ""))
        if message and message not in text:
            self.add(0, "the first cell must state the main message (metadata main_message), word for word.")
        minutes = (self.meta or {}).get("minutes")
        if minutes and f"About {minutes} minutes" not in text:
            self.add(0, f"the first cell must give the time estimate as 'About {minutes} minutes'.")
        chapter = self._chapter()
        if chapter is not None and chapter.hook and f"*{chapter.hook}*" not in text:
            self.add(0, "the first cell must open with the chapter's hook from course.yaml, in italics.")
        if course.RUN_FIRST not in text:
            self.add(0, "the first cell must end with the boxed 'Run All Cells' instruction "
                        "(calcium_paradox.course.RUN_FIRST), word for word.")
        for banned, what in (("**Contents**", "contents list"), (course.LAUNCH_START, "launch links"),
                             ("*By the Calcium Paradox", "author line")):
            if banned in text:
                self.add(0, f"the {what} belongs in the 'About this notebook' cell near the end, "
                            "not on the first screen.")
        about = self.cells_tagged("about")
        if not about:
            self.add(None, "the notebook needs an 'About this notebook' cell (tag 'about') before the footer, with "
                           "the contents list, the author line and the launch links.")
        elif not re.search(r"^1\.\s", source(self.cells[about[0]]), re.M):
            self.add(about[0], "the 'about' cell needs a contents list numbered 1., 2., ... naming the sections.")
        for i, cell in enumerate(self.cells):
            if cell["cell_type"] == "code" and not cell.get("metadata", {}).get("jupyter", {}).get("source_hidden"):
                self.add(i, "code cells that call the course's tools are folded (metadata jupyter.source_hidden).")
        for i in self.cells_tagged("chapter-list"):
            if source(self.cells[i]).strip() != course.chapter_table(self.path.parent).strip():
                self.add(i, "the chapter list is out of date with course.yaml: run `python3 tasks.py sync`.")
        last_index = len(self.cells) - 1
        last = self.cells[last_index]
        for tag in ("disclaimer", "footer"):
            if tag not in tags(last):
                self.add(last_index, f"the last cell must be the footer, tagged '{tag}'.")
        expected = course.footer(self.path.stem, self.path.parent)
        if source(last).strip() != expected.strip():
            self.add(last_index, "the footer (disclaimer, licence, navigation) is out of date: "
                                 "run `python3 tasks.py sync`.")

    def check_headings(self) -> None:
        h1 = []
        previous = 0
        for i, cell in enumerate(self.cells):
            if cell["cell_type"] != "markdown":
                continue
            for level, text in headings(source(cell)):
                if level == 1:
                    h1.append(i)
                if previous and level > previous + 1:
                    self.add(i, f"heading '{text}' jumps from level {previous} to {level}; do not skip levels.")
                previous = level
        if h1 != [0]:
            self.add(h1[1] if len(h1) > 1 else None,
                     f"there must be exactly one H1 (the title, in cell 1); found {len(h1)}.")

    def check_objectives(self) -> None:
        found = self.cells_tagged("objectives")
        if not found:
            return  # reported by check_tags
        i = found[0]
        text = source(self.cells[i])
        items = list_items(text)
        if not 3 <= len(items) <= 5:
            self.add(i, f"list 3 to 5 learning objectives; found {len(items)}.")
        for n, item in enumerate(items, 1):
            word = re.sub(r"[^a-z]", "", item.split()[0].lower()) if item.split() else ""
            if word not in MEASURABLE_VERBS:
                self.add(i, f"objective {n} starts with '{word}'; start with a measurable verb such as "
                            "explain, compare, predict, describe or judge.")
        lower = text.lower()
        for phrase in VAGUE_PHRASES:
            if phrase in lower:
                self.add(i, f"objectives use the vague phrase '{phrase.strip()}'; say what the learner will do.")
        for key, objective in (self.meta or {}).get("objectives", {}).items():
            if objective not in text:
                self.add(i, f"objective {key} from the metadata ('{objective}') is not in this cell, word for word.")

    def check_tags(self) -> None:
        kind = (self.meta or {}).get("kind", "chapter")
        for tag in REQUIRED_TAGS.get(kind, ()):
            if not self.cells_tagged(tag):
                self.add(None, f"no cell is tagged '{tag}' (the template needs one for a {kind} notebook).")
        order = [self.cells_tagged(t) for t in ("predict", "observe", "explain")]
        if all(order) and not order[0][0] < order[1][0] < order[2][0]:
            self.add(order[1][0], "the explorer must come after the prediction and before the explanation "
                                  "(predict → observe → explain).")
        for i in self.cells_tagged("observe"):
            cell = self.cells[i]
            texts = [o.get("data", {}).get("text/plain", "") for o in cell.get("outputs", [])]
            texts = ["".join(t) if isinstance(t, list) else t for t in texts]
            if cell["cell_type"] == "code" and not any(t.startswith(EXPLORER_LABELS) for t in texts):
                self.add(i, "the 'observe' cell must show an explorer from calcium_paradox.explorers "
                            f"(its output starts with '{EXPLORER_LABELS[0]}', or '{EXPLORER_LABELS[1]}' "
                            "for real published numbers).")
        for i in self.cells_tagged("observe"):
            after = [j for j in self.cells_tagged("static-fallback") if j > i]
            if self.cells[i]["cell_type"] == "code" and not after:
                self.add(i, "an explorer needs a 'static-fallback' section after it (key states as figures + text).")

    def check_questions(self) -> None:
        bank = questions.load_bank()
        match = re.fullmatch(r"N(\d\d)", str((self.meta or {}).get("id", "")))
        number = int(match.group(1)) if match else -1
        objectives = (self.meta or {}).get("objectives", {})
        calls = {call.cell: call for call in question_calls(self.nb, bank.probe, bank.post)}
        for i in self.cells_tagged("quiz"):
            if self.cells[i]["cell_type"] != "code" or i not in calls:
                self.add(i, "a 'quiz' cell must be a code cell that shows questions (ask, ask_all, predict, "
                            "warm_up or post_test from calcium_paradox.questions).")
        for i, call in calls.items():
            if "quiz" not in tags(self.cells[i]) and call.function != "reveal":
                self.add(i, f"a cell that calls {call.function}(...) must be tagged 'quiz'.")
            unknown = [q for q in call.ids if q not in bank.questions]
            if unknown:
                self.add(i, f"no question {unknown[0]!r} in calcium_paradox/data/questions.yaml.")
            if call.function == "predict":
                reveals = [j for j, c in calls.items() if j > i and c.function == "reveal" and c.ids == call.ids]
                explain = [j for j in self.cells_tagged("explain") if j > i]
                if not reveals or (explain and reveals[0] > explain[0]):
                    self.add(i, f"a prediction needs reveal({call.ids[0]!r}) after the explorer and before "
                                "the explanation (commit, observe, then compare).")
        for i, call in calls.items():
            ids = [] if call.function == "reveal" else list(call.ids)
            for qid in ids:
                if qid not in bank.questions or qid in bank.post:
                    continue
                question = bank[qid]
                if question.chapter != number or qid in bank.probe:
                    continue
                # A question may revisit an earlier notebook's objective (warm-ups, exit tickets).
                match = re.fullmatch(r"N(\d\d)-O\d+", question.objective)
                if not match or int(match.group(1)) > number or (
                    int(match.group(1)) == number and question.objective not in objectives
                ):
                    self.add(i, f"question {qid} is linked to objective {question.objective}, which is "
                                "neither in this notebook's objectives nor an earlier notebook's.")

    def check_references(self) -> None:
        keys = bibliography.cited_keys(cited_text(self.nb))
        for key in bibliography.unknown_keys(keys):
            self.add(None, f"cites '{key}', which is not in calcium_paradox/data/references.yaml.")
        found = self.cells_tagged("references")
        if not found:
            return
        try:
            expected = bibliography.reference_list([k for k in keys if k not in bibliography.unknown_keys(keys)])
        except KeyError:
            return
        if source(self.cells[found[0]]).strip() != expected.strip():
            self.add(found[0], "the reference list does not match the keys this notebook cites: "
                               "run `python3 tasks.py sync`.")

    def _description_follows(self, i: int) -> bool:
        nxt = self.cells[i + 1] if i + 1 < len(self.cells) else None
        return nxt is not None and "figure-description" in tags(nxt) and len(source(nxt).split()) >= 15

    def check_figures(self) -> None:
        for i, cell in enumerate(self.cells):
            if cell["cell_type"] == "code":
                for output in cell.get("outputs", []):
                    data = output.get("data", {})
                    folded = FOLDED_IMAGE.search("".join(data.get("text/html", "")))
                    if "image/png" in data or "image/svg+xml" in data or folded:
                        alt = (folded.group(1) if folded
                               else output.get("metadata", {}).get("image/png", {}).get("alt", ""))
                        if not alt:
                            self.add(i, "a figure output has no alt text: "
                                        "show figures with calcium_paradox.display.show(fig, alt).")
                        if not self._description_follows(i):
                            self.add(i, "a figure must be followed by a Markdown cell tagged 'figure-description' "
                                        "(what it shows and the takeaway, at least 15 words).")
            elif cell["cell_type"] == "markdown":
                images = IMAGE.findall(source(cell))
                for alt, target in images:
                    if not alt.strip() and "decorative" not in tags(cell):
                        self.add(i, f"the image '{target}' has no alt text.")
                if images and not self._description_follows(i):
                    self.add(i, "an image must be followed by a Markdown cell tagged 'figure-description' "
                                "(what it shows and the takeaway, at least 15 words).")

    def check_links(self) -> None:
        anchors = set(re.findall(r'id="([^"]+)"', "".join(source(c) for c in self.cells)))
        for i, cell in enumerate(self.cells):
            if cell["cell_type"] != "markdown":
                continue
            text = source(cell)
            for label, target in LINK.findall(text) + IMAGE.findall(text):
                if label.strip().lower() in BAD_LINK_TEXT:
                    self.add(i, f"link text '{label}' says nothing; describe where the link goes.")
                if target.startswith(("http://", "https://")):
                    if not _link_allowed(target):
                        self.add(i, f"external link to {urlparse(target).hostname} is not on the allow-list "
                                    "(doi.org, PubMed, .gov, .edu, ...; see checks/notebook.py).")
                    continue
                if target.startswith("#"):
                    if target[1:] not in anchors:
                        self.add(i, f"link to '{target}' has no matching anchor in this notebook.")
                    continue
                if target.startswith(("/", "file:")) or ABSOLUTE_PATH.search(target):
                    self.add(i, f"link '{target}' is an absolute path; use a path relative to the notebook.")
                    continue
                if not (self.path.parent / target.split("#")[0]).exists():
                    self.add(i, f"link '{target}' points to a file that does not exist.")

    def check_code(self) -> None:
        for i, cell in enumerate(self.cells):
            if cell["cell_type"] == "markdown" and ABSOLUTE_PATH.search(source(cell)):
                self.add(i, "the text contains an absolute path; use paths relative to the notebook.")
            if cell["cell_type"] != "code":
                continue
            code = source(cell)
            lines = [line for line in code.splitlines() if line.strip()]
            if len(lines) > MAX_CODE_LINES:
                self.add(i, f"code cell has {len(lines)} lines; keep cells to {MAX_CODE_LINES} or fewer "
                            "(move logic into the calcium_paradox package).")
            if INSTALL.search(code):
                self.add(i, "no installs or shell commands in notebooks: "
                            "the environment comes from requirements.txt / environment.yml.")
            if NETWORK.search(code):
                self.add(i, "code must not use the network (no URLs, downloads or sockets).")
            if ABSOLUTE_PATH.search(code):
                self.add(i, "code contains an absolute path; use paths relative to the notebook.")
            if re.search(r"\bipywidgets\b|\bwidgets\.\w+\(", code):
                self.add(i, "build widgets in the package (explorer kit or questions), not in the notebook.")
            if i > 0 and self.cells[i - 1]["cell_type"] != "markdown":
                self.add(i, "introduce each code cell with a Markdown cell before it.")

    def check_outputs(self) -> None:
        counts = []
        for i, cell in enumerate(self.cells):
            if cell["cell_type"] != "code":
                continue
            counts.append((i, cell.get("execution_count")))
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    self.add(i, f"the stored output is an error ({output.get('ename')}): "
                                "fix it and run `python3 tasks.py outputs`.")
                if output.get("output_type") == "stream" and output.get("name") == "stderr":
                    self.add(i, "the stored output has a warning or error text (stderr); fix its cause.")
        expected = list(range(1, len(counts) + 1))
        if [c for _, c in counts] != expected:
            self.add(None, "code cells must be run once each, in order, from a fresh kernel "
                           "(execution counts 1, 2, 3, ...): run `python3 tasks.py outputs`.")

    def check_evidence(self) -> None:
        for tag in ("evidence", "claim"):
            for i in self.cells_tagged(tag):
                text = source(self.cells[i])
                if not CERTAINTY.search(text):
                    self.add(i, "an evidence card needs a certainty label: "
                                "'High', 'Moderate', 'Low' or 'Very low certainty'.")
                if not bibliography.cited_keys(text):
                    self.add(i, "an evidence card must cite its source by key, e.g. [Author 2020](#ref-key).")
                if not re.search(r"last checked", text, re.I):
                    self.add(i, "an evidence card needs a 'last checked' date.")
                match = OVERCLAIMING.search(re.sub(r"\]\([^)]*\)", "]", text))
                if match:
                    self.add(i, f"an evidence card uses the overclaiming word '{match.group(0)}'; "
                                "match the wording to the certainty (may / probably / is linked to).")

    def check_reading_level(self) -> None:
        grade = reading_grade(core_prose(self.cells))
        if grade is not None and grade > MAX_READING_GRADE:
            self.add(None, f"the core text reads at grade {grade:.1f}; aim for {MAX_READING_GRADE:g} or below "
                           "(shorter sentences, everyday words first; move detail to 'Going deeper').")


def check_notebook(path) -> list[Problem]:
    """Every template problem in the notebook at ``path`` (empty list: it passes)."""
    return _Checker(Path(path)).run()


def main(argv: list[str] | None = None) -> int:
    paths = sys.argv[1:] if argv is None else argv
    failed = 0
    for path in paths:
        problems = check_notebook(path)
        for problem in problems:
            print(problem)
        failed += bool(problems)
        if not problems:
            print(f"{path}: passes every check")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
