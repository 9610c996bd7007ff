"""Teacher guides: the generated parts, and the check every guide must pass.

Each chapter notebook ``notebooks/NN-slug.ipynb`` has a guide ``teachers/NN-slug.md``
that follows the teacher-guide template of the course's design criteria. Teachers
write most of it; the parts that repeat facts held elsewhere are generated between
``<!-- name:start -->`` and ``<!-- name:end -->`` markers by ``tools/sync.py``:

- ``timing``: minutes of teaching and exercises, from the notebook's metadata;
- ``launch``: the Binder and JupyterHub links (:func:`calcium_paradox.course.launch_links`);
- ``alignment``: objective → section → check items → exit items, from the notebook
  and the question bank;
- ``answer-key``: every question the chapter asks, with the reason the right answer is
  right and, for each wrong one, the misconception it signals and its feedback, from the
  question bank (one source of truth: the guide keys questions by id, it never keeps a copy);
- ``evidence-log``: the date the evidence was last checked and the evidence card's claim
  and certainty;
- ``references``: the sources the guide cites.

The course overview ``teachers/README.md`` gets the time plan, session plans, launch
links, the misconception map and the course's evidence log the same way.

:func:`guide_problems` and :func:`overview_problems` list what is missing or out of
date; ``tests/test_teacher_guides.py`` runs them on every guide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from calcium_paradox import bibliography, course, questions

from .markdown import headings
from .markdown import sections as markdown_sections
from .notebooks import question_calls, read, source, tags

GUIDE_SECTIONS = (
    "At a glance",
    "Objectives and alignment",
    "Setup",
    "Facilitation notes",
    "Discussion prompts",
    "Answer key",
    "Common student errors",
    "Model limitations and teachable moments",
    "Sensitive topics",
    "Extension activities",
    "Assessment",
    "Evidence update log and version",
    "Release checklist",
    "References",
)
OVERVIEW_SECTIONS = (
    "Who the course is for",
    "Time plan",
    "How to run the course",
    "Formats",
    "Sensitive topics",
    "Misconceptions the course targets",
    "Evidence update log",
)
EXTENSION_TRACKS = ("Physiology", "Nutrition", "Nursing")
GUIDE_BLOCKS = ("lesson-plan", "timing", "launch", "alignment", "answer-key", "evidence-log", "references")
OVERVIEW_BLOCKS = ("time-plan", "sessions", "launch-table", "misconceptions", "evidence-log")
TO_WRITE = "TO WRITE"
LESSON_PLAN_HEADING = "## Lesson plan on one page"
QUESTION_ID = re.compile(r"\b(?:N\d\d-(?!O\d)[A-Z]\d+|P-M\d+)\b")  # N01-O2 is an objective, not a question
MISCONCEPTION_ID = re.compile(r"(?<![\w-])M(\d+)\b")  # M5, but not the M5 inside P-M5
SESSION_LENGTHS = (50, 90)
KINDS = ("teaching", "exercises")


# ---- data -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Misconception:
    id: str
    belief: str
    framing: str
    chapters: tuple[int, ...]


@lru_cache(maxsize=1)
def load_misconceptions() -> dict[str, Misconception]:
    """M1–M20 from ``data/misconceptions.yaml``, in order."""
    text = resources.files("calcium_paradox").joinpath("data/misconceptions.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)["misconceptions"]
    return {m["id"]: Misconception(m["id"], m["belief"], m["framing"], tuple(m["chapters"])) for m in raw}


@dataclass(frozen=True)
class Asked:
    """One question as a notebook asks it."""

    id: str
    role: str  # "warm-up", "check yourself", "prediction" or "exit ticket"
    section: str  # the H2 heading above it
    cell: int  # 1-based number of the cell that shows it


def _read(notebook: Path) -> dict:
    return read(notebook)


def metadata(notebook: Path) -> dict:
    return _read(notebook).get("metadata", {}).get("course", {})


def asked_questions(notebook: Path) -> list[Asked]:
    """Every question the notebook asks, in order, read from its question calls (``ask``, ``predict``...)."""
    bank = questions.load_bank()
    nb = _read(notebook)
    cells = nb["cells"]
    section_at: dict[int, tuple[str, set[str]]] = {}
    section, section_tags = "", set()
    for number, cell in enumerate(cells):
        if cell["cell_type"] == "markdown":
            h2 = next((title for level, title in headings(source(cell)) if level == 2), None)
            if h2:
                section, section_tags = h2, set(tags(cell))
        section_at[number] = (section, section_tags)
    found: list[Asked] = []
    for call in question_calls(nb, bank.probe, bank.post):
        if call.function == "reveal":
            continue
        section, section_tags = section_at[call.cell]
        if call.function == "predict":
            role = "prediction"
        elif call.function == "post_test":
            role = "post-test"
        elif call.role == "exit ticket" or "exit-ticket" in tags(cells[call.cell]):
            role = "exit ticket"
        elif call.function == "warm_up" or "warm-up" in section_tags:
            role = "warm-up"
        else:
            role = "check yourself"
        found += [Asked(qid, role, section, call.cell + 1) for qid in call.ids]
    return found


def chapter_number(notebook: Path) -> int:
    return course.load_course().by_slug(Path(notebook).stem).number


def guide_question_ids(notebook: Path) -> list[str]:
    """The questions a chapter's answer key must cover: those it asks, then any other
    question the bank writes for this chapter."""
    ids = list(dict.fromkeys(a.id for a in asked_questions(notebook)))
    number = chapter_number(notebook)
    bank = questions.load_bank()
    ids += [q.id for q in bank.questions.values()
            if q.chapter == number and q.id not in ids and q.id not in bank.probe + bank.post]
    return ids


def objective_text(objective: str, notebooks_dir: Path) -> str:
    """The words of objective ``N01-O2``, from the notebook that sets it (empty if it does not exist yet)."""
    match = re.fullmatch(r"N(\d\d)-O\d+", objective)
    if not match:
        return ""
    try:
        chapter = course.load_course().chapter(int(match.group(1)))
    except KeyError:
        return ""
    path = Path(notebooks_dir) / chapter.filename
    return metadata(path).get("objectives", {}).get(objective, "") if path.exists() else ""


# ---- generated parts of a chapter guide -------------------------------------------------------
def timing(notebook: Path) -> str:
    meta = metadata(notebook)
    return (
        f"**Time:** about {meta['minutes']} minutes: {meta['teaching_min']} minutes of teaching and "
        f"{meta['exercises_min']} minutes of exercises (from the notebook's metadata)."
    )


# ---- the one-page lesson plan --------------------------------------------------------------------
CLASS_MINUTES = 50
SHORT_CLASS_MINUTES = 30
START_UP_MINUTES = 5  # opening the notebook and running every cell, at the start of a class


@dataclass(frozen=True)
class Section:
    """One H2 section of a notebook's core path and its minutes by the reading-time model."""

    title: str
    minutes: float
    explorer: bool
    exit_ticket: bool
    questions: int

    @property
    def active(self) -> bool:
        """Work done together in class: an explorer, the exit ticket or a set of questions."""
        return self.explorer or self.exit_ticket or self.questions >= 2


def core_sections(notebook: Path) -> list[Section]:
    """The notebook's core path, section by section, timed with :mod:`authoring.time_model`."""
    from . import time_model

    nb = _read(notebook)
    groups: list[tuple[str, list]] = [("First screen", [])]  # the title cell, before the first H2
    for cell in nb["cells"]:
        h2 = next((t for level, t in headings(source(cell)) if level == 2), None) \
            if cell["cell_type"] == "markdown" else None
        if h2:
            groups.append((h2, []))
        groups[-1][1].append(cell)
    found = []
    for title, cells in groups:
        if any(time_model.NOT_CORE & set(tags(c)) and c["cell_type"] == "markdown"
               and next((t for lv, t in headings(source(c)) if lv == 2), None) == title for c in cells):
            continue  # going deeper, references, about: not part of the core path
        part = {**nb, "cells": cells}
        estimate = time_model.estimate(part)
        found.append(Section(title, estimate.minutes, estimate.explorers > 0,
                             any("exit-ticket" in tags(c) for c in cells) or title.lower().startswith("exit"),
                             estimate.questions))
    return found


def _blocks(sections: list[Section]) -> list[tuple[str, list[Section]]]:
    """Three blocks: up to the explorer's section, the explorer's section, and the rest."""
    at = next((i for i, s in enumerate(sections) if s.explorer), None)
    if at is None:  # no explorer: split the core path in thirds by time
        total, run, cut = sum(s.minutes for s in sections), 0.0, []
        for i, s in enumerate(sections):
            run += s.minutes
            if len(cut) < 2 and run >= total * (len(cut) + 1) / 3:
                cut.append(i + 1)
        cut = (cut + [len(sections), len(sections)])[:2]
        return [("Open", sections[:cut[0]]), ("Practise", sections[cut[0]:cut[1]]), ("Close", sections[cut[1]:])]
    return [("Open and warm up", sections[:at]), ("Predict, explore, explain", sections[at:at + 1]),
            ("Check and close", sections[at + 1:])]


def _minutes(sections: list[Section]) -> int:
    return round(sum(s.minutes for s in sections))


def lesson_plan(notebook: Path) -> str:
    """A one-page plan: three blocks with times from the reading-time model, slack for a 50-minute
    class, a 30-minute variant and what to prepare."""
    return render_plan(Path(notebook).stem, core_sections(notebook))


def render_plan(slug: str, sections: list[Section]) -> str:
    """The lesson plan of :func:`lesson_plan` for the given timed sections of chapter ``slug``."""
    blocks = _blocks(sections)
    core = sum(_minutes(b) for _name, b in blocks)
    slack = CLASS_MINUTES - START_UP_MINUTES - core
    lines = ["| Block | Sections of the notebook | Minutes |", "|---|---|---|",
             f"| Start | Open the notebook and choose Run → Run All Cells | {START_UP_MINUTES} |"]
    for name, block in blocks:
        titles = "; ".join(s.title for s in block) or "—"
        lines.append(f"| {name} | {titles} | {_minutes(block)} |")
    if slack >= 0:
        lines.append(f"| Slack | questions, discussion prompts, a late start | {slack} |")
    lines.append(f"| **Total** | | **{CLASS_MINUTES if slack >= 0 else START_UP_MINUTES + core}** |")
    fits = (f"In a {CLASS_MINUTES}-minute class the core path takes {core} minutes, which leaves {slack} minutes "
            "of slack." if slack >= 0 else
            f"The core path takes {core} minutes, more than a {CLASS_MINUTES}-minute class holds: give it two "
            "classes, splitting before the block that starts with the explorer.")
    # The short variant keeps the active sections (explorer, exit ticket, question sets); reading goes home.
    keep = [s for _name, b in blocks for s in b if s.active]
    home = [s for _name, b in blocks for s in b if not s.active]
    short = START_UP_MINUTES + round(sum(s.minutes for s in keep))
    variant = (f"**{SHORT_CLASS_MINUTES}-minute variant:** set the reading sections as homework before the class "
               f"({'; '.join(s.title for s in home) or 'none'}: about {round(sum(s.minutes for s in home))} "
               f"minutes), then in class run the notebook, do "
               f"{'; '.join(s.title for s in keep) or 'the core path'} (about {short} minutes with start-up).")
    if short > SHORT_CLASS_MINUTES:
        variant += " That is still more than 30 minutes: do the exit ticket at home too."
    prepare = ("**Prepare:** check that the launch link opens (see Setup); print the worksheets "
               f"(`python3 tasks.py worksheets`: `dist/worksheets/{slug}-learner.html`, and the teacher copy for "
               f"yourself); build the slides to project (`python3 tasks.py slides`: `_slides/{slug}.html`); "
               "have the static edition (`python3 tasks.py site`) ready as a fallback if Binder is slow.")
    if course.load_course().by_slug(slug).number in (0, len(course.load_course().chapters) - 1):
        prepare += (" Ask learners to export “My progress” under a pseudonym at the end, if you want a class "
                    "summary (`python3 tasks.py class-summary FOLDER`).")
    source_note = ("*Times come from the course's reading-time model (core words at 150 a minute, 1 minute a "
                   "question, 5 minutes an explorer; CONTRIBUTING.md). Slower readers and discussion take longer; "
                   "the detailed timeline below is the reference.*")
    return "\n\n".join(["\n".join(lines), fits, variant, prepare, source_note])


def _signal(option: questions.Option) -> str:
    if option.misconception:
        known = load_misconceptions().get(option.misconception)
        belief = f': "{known.belief}"' if known else ""
        return f"**{option.misconception}**{belief}"
    return "no misconception from M1–M20; a slip of recall or reasoning."


def answer_key(notebook: Path) -> str:
    """Every question the chapter asks, keyed by id, with explanations from the question bank."""
    bank = questions.load_bank()
    where = {}
    for asked in asked_questions(notebook):
        where.setdefault(asked.id, asked)
    blocks = []
    for qid in guide_question_ids(notebook):
        q = bank[qid]
        asked = where.get(qid)
        place = f'{asked.role}, in "{asked.section}" (cell {asked.cell})' if asked else "not asked in this notebook"
        objective = objective_text(q.objective, Path(notebook).parent)
        lines = [
            f"### {qid} · {place}",
            "",
            f"**Question:** {q.prompt}",
            "",
            f"*Objective {q.objective}" + (f": {objective}*" if objective else ".*"),
            "",
        ]
        for letter, option in zip(questions.LETTERS, q.shown, strict=False):  # the letters learners see
            if option.correct:
                lines.append(f"- **{letter}. Right answer:** {option.text}")
                lines.append(f"  - *Why it is right:* {option.feedback}")
            else:
                lines.append(f"- **{letter}.** {option.text}")
                lines.append(f"  - *Signals:* {_signal(option)}")
                lines.append(f"  - *Feedback:* {option.feedback}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def alignment(notebook: Path) -> str:
    """Objective → where it is taught → check items → exit-ticket items."""
    bank = questions.load_bank()
    meta = metadata(notebook)
    asked = asked_questions(notebook)
    objectives = list(meta.get("objectives", {}))
    for a in asked:  # warm-ups and exit tickets may revisit earlier objectives
        if bank[a.id].objective not in objectives:
            objectives.append(bank[a.id].objective)
    rows = ["| Objective | Where it is taught | Check items | Exit-ticket items |", "|---|---|---|---|"]
    for objective in objectives:
        mine = [a for a in asked if bank[a.id].objective == objective]
        own = objective in meta.get("objectives", {})
        teaching_roles = ("check yourself", "prediction", "warm-up") if own else ("check yourself", "prediction")
        taught = list(dict.fromkeys(a.section for a in mine if a.role in teaching_roles))
        checks = [f"{a.id} ({a.role})" for a in mine if a.role != "exit ticket"]
        exits = [a.id for a in mine if a.role == "exit ticket"]
        text = objective_text(objective, Path(notebook).parent)
        earlier = "" if own else " (earlier chapter, revisited)"
        rows.append(
            f"| {objective}: {text}{earlier} | {'; '.join(taught) or '—'} | "
            f"{', '.join(checks) or '—'} | {', '.join(exits) or '—'} |"
        )
    return "\n".join(rows)


def evidence_card(notebook: Path) -> tuple[str, str] | None:
    """The claim and the certainty sentence of the notebook's (first) evidence card, if it has one.

    The claim may be written ``**Claim:** text`` or, with the whole sentence in bold,
    ``**Claim: text**``; both give ``text``.
    """
    for cell in _read(notebook)["cells"]:
        if "evidence" in tags(cell):
            text = source(cell)
            claim = re.search(r"\*\*Claim:\*\*\s*(.+)|\*\*Claim:\s*(.+?)\*\*", text)
            certainty = re.search(r"\*\*Certainty:\*\*\s*(.+)", text)
            return (
                (claim.group(1) or claim.group(2)).strip() if claim else "",
                re.split(r"(?<=\.)\s", certainty.group(1).strip())[0] if certainty else "",
            )
    return None


def evidence_log(notebook: Path) -> str:
    meta = metadata(notebook)
    lines = [f"- **Evidence last checked:** {meta.get('last_evidence_check', 'not recorded')} "
             "(the notebook's `last_evidence_check`)."]
    card = evidence_card(notebook)
    if card:
        lines.append(f"- **Evidence card:** {card[0]} Certainty: {card[1]}")
    else:
        lines.append("- **Evidence card:** this notebook has none (it is not a content chapter).")
    cells = _read(notebook)["cells"]
    keys = bibliography.cited_keys(
        "\n".join(source(c) for c in cells if c["cell_type"] == "markdown" and "references" not in tags(c))
    )
    lines.append(f"- **Sources the notebook cites:** {len(keys)} ({', '.join(keys) or 'none'}).")
    return "\n".join(lines)


def references(text: str) -> str:
    """The reference list for everything ``text`` cites (outside its own reference block)."""
    body = block_pattern("references").sub("", text)
    keys = [k for k in bibliography.cited_keys(body) if k not in bibliography.unknown_keys([k])]
    if not keys:
        return "## References\n\nThis guide cites no studies."
    return bibliography.reference_list(keys)


# ---- filling and checking blocks --------------------------------------------------------------
def block_pattern(name: str) -> re.Pattern:
    """The text between the ``name`` markers (group 2), with the markers (groups 1 and 3)."""
    return re.compile(rf"(<!-- {re.escape(name)}:start -->)(.*?)(<!-- {re.escape(name)}:end -->)", re.S)


def fill(text: str, name: str, content: str) -> str:
    """Replace what sits between the ``name`` markers (the text is unchanged if they are missing)."""
    return block_pattern(name).sub(lambda m: f"{m.group(1)}\n{content}\n{m.group(3)}", text)


def guide_path(guides_dir: Path, notebook: Path) -> Path:
    return Path(guides_dir) / f"{Path(notebook).stem}.md"


def sync_guide(text: str, notebook: Path) -> str:
    """``text`` (a chapter guide) with every generated part brought up to date."""
    notebook = Path(notebook)
    text = fill(text, "lesson-plan", lesson_plan(notebook))
    text = fill(text, "timing", timing(notebook))
    text = course.with_launch_links(text, f"notebooks/{notebook.name}") if course.LAUNCH_START in text else text
    text = fill(text, "alignment", alignment(notebook))
    text = fill(text, "answer-key", answer_key(notebook))
    text = fill(text, "evidence-log", evidence_log(notebook))
    return fill(text, "references", references(text))


def new_guide(notebook: Path) -> str:
    """A guide with every section and generated part, and the sections to write marked TO WRITE."""
    notebook = Path(notebook)
    chapter = course.load_course().by_slug(notebook.stem)
    blocks = {
        "At a glance": "<!-- timing:start -->\n<!-- timing:end -->\n\n### Timeline\n\n"
                       "| Minutes | Kind | What happens |\n|---|---|---|\n| 0 | teaching | TO WRITE |",
        "Objectives and alignment": "<!-- alignment:start -->\n<!-- alignment:end -->",
        "Setup": f"{course.LAUNCH_START}\n{course.LAUNCH_END}\n\n### If Binder is slow\n\n{TO_WRITE}",
        "Answer key": "<!-- answer-key:start -->\n<!-- answer-key:end -->",
        "Extension activities": "\n\n".join(f"### {t}\n\n{TO_WRITE}" for t in EXTENSION_TRACKS),
        "Evidence update log and version": "<!-- evidence-log:start -->\n<!-- evidence-log:end -->\n\n"
                                           f"**Changes to this guide**\n\n- {TO_WRITE}: the date and what changed.",
        "References": None,
    }
    parts = [f"# Teacher guide: {chapter.label}", "",
             f"For the notebook [{chapter.label}](../notebooks/{chapter.filename}).", "",
             LESSON_PLAN_HEADING, "", "<!-- lesson-plan:start -->", "<!-- lesson-plan:end -->", ""]
    for section in GUIDE_SECTIONS:
        if section == "References":
            parts += ["<!-- references:start -->", "<!-- references:end -->", ""]
            continue
        parts += [f"## {section}", "", blocks.get(section) or TO_WRITE, ""]
    return sync_guide("\n".join(parts), notebook)


def _sections(text: str) -> dict[str, str]:
    """H2 heading → the plain text under it (up to the next H1 or H2), code blocks left out."""
    return {title: section.text for title, section in markdown_sections(text, level=2).items()}


def timeline(text: str) -> dict[str, int]:
    """Minutes per kind (teaching, exercises) in the guide's timeline table (under 'At a glance')."""
    section = markdown_sections(text, level=2).get("At a glance")
    totals = dict.fromkeys(KINDS, 0)
    for table in section.tables if section else ():
        for row in table:
            if len(row) >= 2 and row[0].isdigit() and row[1].lower() in totals:
                totals[row[1].lower()] += int(row[0])
    return totals


def keyed_ids(text: str) -> list[str]:
    """The question ids the answer key covers (its ``### ID`` headings)."""
    match = block_pattern("answer-key").search(text)
    if not match:
        return []
    return [title.split(" ·")[0] for level, title in headings(match.group(2)) if level == 3 and " ·" in title]


def guide_problems(text: str, notebook: Path) -> list[str]:
    """What is missing or out of date in a chapter guide (empty: it passes)."""
    notebook = Path(notebook)
    problems = []
    chapter = course.load_course().by_slug(notebook.stem)
    if not text.startswith(f"# Teacher guide: {chapter.label}\n"):
        problems.append(f"the guide must start with '# Teacher guide: {chapter.label}'.")
    sections = _sections(text)
    order = [s for s in sections if s in GUIDE_SECTIONS]
    missing = [s for s in GUIDE_SECTIONS if s not in sections]
    if missing:
        problems.append(f"sections missing: {', '.join(missing)}.")
    elif order != list(GUIDE_SECTIONS):
        problems.append(f"sections must come in the template's order: {', '.join(GUIDE_SECTIONS)}.")
    if TO_WRITE in text:
        written = [s for s, body in sections.items() if TO_WRITE in body]
        problems.append(f"still marked {TO_WRITE}: {', '.join(written) or 'somewhere'}.")
    for name in GUIDE_BLOCKS:
        pattern = course.LAUNCH_START if name == "launch" else f"<!-- {name}:start -->"
        if pattern not in text:
            problems.append(f"the generated part '{name}' has no markers.")
    if sync_guide(text, notebook) != text:
        problems.append("a generated part is out of date: run `python3 tasks.py sync`.")
    bank = questions.load_bank()
    expected, keyed = guide_question_ids(notebook), keyed_ids(text)
    if sorted(keyed) != sorted(expected):
        if set(expected) - set(keyed):
            problems.append(f"the answer key misses {sorted(set(expected) - set(keyed))}.")
        if set(keyed) - set(expected):
            problems.append("the answer key has questions this chapter does not ask: "
                            f"{sorted(set(keyed) - set(expected))}.")
        if len(keyed) != len(set(keyed)):
            problems.append("the answer key lists a question twice.")
    cited = bibliography.cited_keys(block_pattern("references").sub("", text))
    if bibliography.unknown_keys(cited):
        problems.append(f"cites {bibliography.unknown_keys(cited)}, not in calcium_paradox/data/references.yaml.")
    unknown = sorted({q for q in QUESTION_ID.findall(text) if q not in bank.questions})
    if unknown:
        problems.append(f"the guide names questions that are not in the bank: {unknown}.")
    meta = metadata(notebook)
    minutes = timeline(text)
    for kind, key in zip(KINDS, ("teaching_min", "exercises_min"), strict=True):
        if minutes[kind] != meta.get(key):
            problems.append(f"the timeline has {minutes[kind]} minutes of {kind}; the notebook's metadata "
                            f"says {meta.get(key)} ({key}).")
    named = {f"M{n}" for n in MISCONCEPTION_ID.findall(text)}
    unknown_m = sorted(named - set(load_misconceptions()), key=lambda m: int(m[1:]))
    if unknown_m:
        problems.append(f"misconceptions {unknown_m} are not in M1–M20.")
    errors = sections.get("Common student errors", "")
    for m in meta.get("misconceptions", []):
        if not re.search(rf"(?<![\w-]){m}\b", errors):
            problems.append(f"'Common student errors' does not address {m}, which the notebook targets.")
    parts = {title: section.subheadings for title, section in markdown_sections(text, level=2).items()}
    for track in EXTENSION_TRACKS:
        if not any(sub.split()[0] == track for sub in parts.get("Extension activities", ()) if sub):
            problems.append(f"'Extension activities' needs a '### {track}' part.")
    if "If Binder is slow" not in parts.get("Setup", ()):
        problems.append("'Setup' needs an '### If Binder is slow' part (the fallback).")
    if "personal advice" not in sections.get("Sensitive topics", ""):
        problems.append("'Sensitive topics' must give the script for personal questions (no personal advice).")
    return problems


# ---- the course overview ----------------------------------------------------------------------
def _chapters(notebooks_dir: Path):
    for chapter in course.load_course().chapters:
        path = Path(notebooks_dir) / chapter.filename
        yield chapter, (path if path.exists() else None)


def time_plan(notebooks_dir: Path, guides_dir: Path) -> str:
    rows = ["| Chapter | Minutes | Teaching | Exercises | Teacher guide |", "|---|---|---|---|---|"]
    total = teaching_total = exercises_total = 0
    for chapter, path in _chapters(notebooks_dir):
        total += chapter.minutes
        if path is None:
            rows.append(f"| {chapter.label} (coming soon) | {chapter.minutes} | — | — | — |")
            continue
        meta = metadata(path)
        teaching_total += meta["teaching_min"]
        exercises_total += meta["exercises_min"]
        guide = (f"[guide]({chapter.slug}.md)" if (Path(guides_dir) / f"{chapter.slug}.md").exists()
                 else "not written yet")
        rows.append(f"| [{chapter.label}](../notebooks/{chapter.filename}) | {meta['minutes']} | "
                    f"{meta['teaching_min']} | {meta['exercises_min']} | {guide} |")
    hours, minutes = divmod(total, 60)
    rows.append(f"\nThe whole course takes about {hours} hours {minutes} minutes. "
                f"The chapters split into {teaching_total} minutes of teaching and "
                f"{exercises_total} minutes of exercises.")
    return "\n".join(rows)


def sessions(length: int) -> list[list[course.Chapter]]:
    """Chapters packed in order into classes of at most ``length`` minutes (a longer chapter gets its own)."""
    packed: list[list[course.Chapter]] = []
    for chapter in course.load_course().chapters:
        if packed and sum(c.minutes for c in packed[-1]) + chapter.minutes <= length:
            packed[-1].append(chapter)
        else:
            packed.append([chapter])
    return packed


def session_plans() -> str:
    lines = []
    for length in SESSION_LENGTHS:
        plan = sessions(length)
        lines.append(f"**In {len(plan)} classes of up to {length} minutes:**")
        lines.append("")
        for number, group in enumerate(plan, 1):
            names = " and ".join(f"{c.number:02d}" for c in group)
            lines.append(f"{number}. Chapter{'s' if len(group) > 1 else ''} {names} "
                         f"({sum(c.minutes for c in group)} minutes)")
        lines.append("")
    return "\n".join(lines).rstrip()


def launch_table(notebooks_dir: Path) -> str:
    info = course.load_course()
    rows = ["| Chapter | Binder | JupyterHub (nbgitpuller) link |", "|---|---|---|"]
    for chapter, path in _chapters(notebooks_dir):
        if path is None:
            continue
        target = f"notebooks/{chapter.filename}"
        rows.append(f"| {chapter.label} | [open on Binder]({info.binder_url(target)}) | "
                    f"`{info.nbgitpuller_url(target)}` |")
    return "\n".join(rows)


def misconception_map(notebooks_dir: Path) -> str:
    addressed: dict[str, list[str]] = {}
    for chapter, path in _chapters(notebooks_dir):
        if path is not None:
            for m in metadata(path).get("misconceptions", []):
                addressed.setdefault(m, []).append(f"{chapter.number:02d}")
    rows = ["| # | The belief | A better framing | Addressed in | Planned for |", "|---|---|---|---|---|"]
    for m in load_misconceptions().values():
        planned = ", ".join(f"{n:02d}" for n in m.chapters)
        rows.append(f"| {m.id} | {m.belief} | {m.framing} | {', '.join(addressed.get(m.id, [])) or '—'} | {planned} |")
    return "\n".join(rows)


def course_evidence_log(notebooks_dir: Path) -> str:
    rows = ["| Chapter | Evidence last checked | Evidence card | Certainty |", "|---|---|---|---|"]
    for chapter, path in _chapters(notebooks_dir):
        if path is None:
            continue
        card = evidence_card(path) or ("no evidence card (not a content chapter)", "—")
        rows.append(f"| {chapter.label} | {metadata(path).get('last_evidence_check', '—')} | {card[0]} | {card[1]} |")
    return "\n".join(rows)


def sync_overview(text: str, notebooks_dir: Path, guides_dir: Path) -> str:
    text = fill(text, "time-plan", time_plan(notebooks_dir, guides_dir))
    text = fill(text, "sessions", session_plans())
    text = fill(text, "launch-table", launch_table(notebooks_dir))
    text = fill(text, "misconceptions", misconception_map(notebooks_dir))
    return fill(text, "evidence-log", course_evidence_log(notebooks_dir))


def overview_problems(text: str, notebooks_dir: Path, guides_dir: Path) -> list[str]:
    problems = []
    sections = _sections(text)
    missing = [s for s in OVERVIEW_SECTIONS if s not in sections]
    if missing:
        problems.append(f"sections missing: {', '.join(missing)}.")
    for name in OVERVIEW_BLOCKS:
        if f"<!-- {name}:start -->" not in text:
            problems.append(f"the generated part '{name}' has no markers.")
    if sync_overview(text, notebooks_dir, guides_dir) != text:
        problems.append("a generated part is out of date: run `python3 tasks.py sync`.")
    if "personal advice" not in sections.get("Sensitive topics", ""):
        problems.append("'Sensitive topics' must give the script for personal questions (no personal advice).")
    return problems
