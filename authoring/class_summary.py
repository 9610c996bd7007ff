"""An anonymous class summary from the learners' exported progress files (for teachers).

Each learner can export their answers under a pseudonym they choose
(:meth:`calcium_paradox.progress.Store.export_csv`), which writes ``progress-<pseudonym>.csv``.
A teacher collects those files in one folder and runs::

    python -m authoring.class_summary FOLDER [OUT] [--min-group N]

which writes three files to ``OUT`` (default: ``FOLDER/class-summary``):

- ``summary.md``: a report to read: the five warm-up ideas before and after, every question's
  share of best answers at the first try, and how often each confidence level was right;
- ``summary.csv``: one row per question (and role), for a spreadsheet;
- ``pre-post.png``: the before-and-after figure, in the course style, described in ``summary.md``.

Nothing written holds a pseudonym, a file name (file names hold pseudonyms), a time or any of
the learners' written reasons: only counts and shares. A share is shown only when at least
``--min-group`` learners (default :data:`MIN_GROUP`) stand behind it; with fewer, it could tell
the teacher how one learner answered. The terminal output, which is not saved, names each file
that was left out and why (one line each), and each used file with rows that were skipped.

How answers are counted, matching what learners see themselves:

- first tries: per learner, the *first* answer per question and role, as
  :func:`calcium_paradox.progress.summarise` counts them (a first try measures understanding);
- before and after: per learner, the *latest* warm-up answer (chapter 00) and the *latest*
  post-test answer (chapter 07) of each idea, as :func:`calcium_paradox.questions.compare_answers`
  compares them.

"First" and "latest" follow the order of the rows in the file, which is the order the answers
were saved in (as in :class:`~calcium_paradox.progress.Store`). Every function below except
:func:`read_folder`, :func:`write_outputs` and :func:`main` is pure: the tests call them directly.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path

from matplotlib.figure import Figure

from calcium_paradox import style
from calcium_paradox.checks.figure import check_figure
from calcium_paradox.display import new_figure, png_bytes
from calcium_paradox.progress import PSEUDONYM, ROLES, Answer
from calcium_paradox.questions import CONFIDENCE_LEVELS, LETTERS, Bank, load_bank, plain

#: The first line of every exported file (see ``Store.export_csv``).
HEADER: tuple[str, ...] = ("pseudonym", *(f.name for f in fields(Answer)))
#: A share is shown only when at least this many learners stand behind it.
MIN_GROUP = 5
#: A course export holds a few hundred rows; anything much larger is not one.
MAX_BYTES = 5_000_000
OUTPUT_FOLDER = "class-summary"
FILES = ("summary.md", "summary.csv", "pre-post.png")
CHAPTER = re.compile(r"[0-9]{1,2}")
TRUTH = {"true": True, "false": False}
PROMPT_CHARS = 90


# ---- reading one file -------------------------------------------------------------------------
@dataclass(frozen=True)
class Export:
    """One learner's file, read. ``name`` and ``pseudonym`` are for the terminal only, never written."""

    name: str
    pseudonym: str
    answers: tuple[Answer, ...]  # oldest first, as saved
    skipped: tuple[tuple[str, int], ...] = ()  # (why, how many rows) for rows left out

    @property
    def rows_skipped(self) -> int:
        return sum(count for _, count in self.skipped)


@dataclass(frozen=True)
class FileProblem:
    """A file that was left out, and why (for the terminal only)."""

    name: str
    reason: str


def _count(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")


def _reasons(skipped: Iterable[tuple[str, int]]) -> str:
    return ", ".join(f"{count} with {why}" for why, count in skipped)


def _row_problem(row: list[str], bank: Bank) -> str | None:
    """Why a row (already of the right length) cannot be used, or None if it can."""
    _, question_id, role, chapter, letter, correct, confidence, _reason, time = row
    question = bank.questions.get(question_id)
    if question is None:
        return "an unknown question id"
    if role not in ROLES:
        return "an unknown role"
    if not CHAPTER.fullmatch(chapter):
        return "a chapter that is not a whole number"
    if letter not in tuple(LETTERS[:len(question.options)]):
        return "a letter that is not one of the question's options"
    if correct.strip().lower() not in TRUTH:
        return "a 'correct' value that is not True or False"
    if confidence not in ("", *CONFIDENCE_LEVELS):
        return "an unknown confidence"
    try:
        datetime.fromisoformat(time)
    except ValueError:
        return "a time that is not an ISO 8601 date and time"
    return None


def parse_export(name: str, data: bytes, bank: Bank | None = None) -> Export | FileProblem:
    """Read one exported file's bytes. Never raises: a file that cannot be used is a :class:`FileProblem`."""
    bank = bank or load_bank()
    if len(data) > MAX_BYTES:
        return FileProblem(name, f"the file is larger than {MAX_BYTES // 1_000_000} MB, too large to be "
                                 "a course export")
    if not data.strip():
        return FileProblem(name, "the file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return FileProblem(name, "the file is not UTF-8 text (was it saved again by another program?)")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as problem:
        return FileProblem(name, f"the file is not readable as CSV ({problem})")
    if not rows or tuple(cell.strip() for cell in rows[0]) != HEADER:
        return FileProblem(name, "the first line is not the header of a course export ("
                                 + ",".join(HEADER) + "); use the file as the course exported it")
    answers: list[Answer] = []
    skipped: Counter[str] = Counter()
    pseudonym = None
    data_rows = 0
    for row in rows[1:]:
        if not row:  # a blank line
            continue
        data_rows += 1
        if len(row) != len(HEADER):
            skipped["the wrong number of fields"] += 1
            continue
        if pseudonym is None:
            pseudonym = row[0]
            if not PSEUDONYM.fullmatch(pseudonym):
                return FileProblem(name, "the pseudonym column does not hold a pseudonym the course could "
                                         "have exported")
        elif row[0] != pseudonym:
            return FileProblem(name, "the file holds answers under more than one pseudonym "
                                     "(were two exports joined into one file?)")
        why = _row_problem(row, bank)
        if why is not None:
            skipped[why] += 1
            continue
        _, question_id, role, chapter, letter, correct, confidence, reason, time = row
        answers.append(Answer(question_id, role, int(chapter), letter, TRUTH[correct.strip().lower()],
                              confidence or None, reason, time))
    if not data_rows:
        return FileProblem(name, "the file has a header but no answers")
    if not answers:
        return FileProblem(name, f"no row could be used ({_reasons(sorted(skipped.items()))})")
    return Export(name, pseudonym, tuple(answers), tuple(sorted(skipped.items())))


# ---- reading a folder ---------------------------------------------------------------------------
def resolve_duplicates(exports: Sequence[Export]) -> tuple[list[Export], list[FileProblem]]:
    """One file per pseudonym. Files under the same pseudonym whose answers all begin the longest
    one's answers are earlier exports by the same learner: the longest is kept. Otherwise two
    learners chose the same pseudonym, they cannot be told apart, and all their files are left out."""
    groups: dict[str, list[Export]] = defaultdict(list)
    for export in exports:
        groups[export.pseudonym].append(export)
    kept, problems = [], []
    for group in groups.values():
        if len(group) == 1:
            kept.append(group[0])
            continue
        longest = max(group, key=lambda e: (len(e.answers), e.name))
        others = [e for e in group if e is not longest]
        if all(longest.answers[:len(e.answers)] == e.answers for e in others):
            kept.append(longest)
            problems += [FileProblem(e.name, f"a copy or an earlier export of {longest.name} (the same answers, "
                                             "or the first of them); that file is used instead") for e in others]
        else:
            names = ", ".join(sorted(e.name for e in group))
            problems += [FileProblem(e.name, f"the same pseudonym is used in other files with different answers "
                                             f"({names}); none of them is used. Ask these learners to export "
                                             "again under different pseudonyms") for e in group]
    return sorted(kept, key=lambda e: e.name), sorted(problems, key=lambda p: p.name)


def read_folder(folder: Path, bank: Bank | None = None,
                exclude: Iterable[Path] = ()) -> tuple[list[Export], list[FileProblem]]:
    """Every ``*.csv`` file in ``folder`` (not its subfolders): the usable exports, and each file left out."""
    bank = bank or load_bank()
    left_out = {Path(p).resolve() for p in exclude}
    exports, problems = [], []
    for path in sorted(Path(folder).iterdir(), key=lambda p: p.name):
        if path.suffix.lower() != ".csv" or path.resolve() in left_out:
            continue
        try:
            if path.stat().st_size > MAX_BYTES:
                problems.append(FileProblem(path.name, f"the file is larger than {MAX_BYTES // 1_000_000} MB, "
                                                       "too large to be a course export"))
                continue
            data = path.read_bytes()
        except OSError as problem:
            problems.append(FileProblem(path.name, f"the file could not be read ({problem.strerror or problem})"))
            continue
        result = parse_export(path.name, data, bank)
        (exports if isinstance(result, Export) else problems).append(result)
    exports, duplicates = resolve_duplicates(exports)
    return exports, sorted(problems + duplicates, key=lambda p: p.name)


def report_lines(exports: Sequence[Export], problems: Sequence[FileProblem]) -> list[str]:
    """One line per file left out and per used file with rows left out (for the terminal: it names files)."""
    lines = [f"left out {p.name}: {p.reason}." for p in problems]
    lines += [f"used {e.name}, but left out {_count(e.rows_skipped, 'row')}: {_reasons(e.skipped)}."
              for e in exports if e.skipped]
    return lines


# ---- the numbers ----------------------------------------------------------------------------
def percent(right: int, total: int) -> int:
    """``100 * right / total`` rounded to a whole number, halves up (so 62.5 % is 63 %)."""
    return (200 * right + total) // (2 * total)


@dataclass(frozen=True)
class Share:
    """``right`` of ``total`` answers, from ``learners`` learners; shown only when ``shown``."""

    total: int
    right: int
    learners: int
    shown: bool

    @property
    def percent(self) -> int | None:
        return percent(self.right, self.total) if self.shown and self.total else None


@dataclass(frozen=True)
class Idea:
    """One warm-up item and its post-test form, over the learners who answered both."""

    warm_up: str
    post_test: str
    chapter: int  # the chapter that teaches the idea
    prompt: str  # the warm-up prompt
    before: Share  # latest warm-up answers
    after: Share  # latest post-test answers
    warm_up_only: int  # learners with a warm-up answer but no post-test answer
    post_test_only: int

    @property
    def change(self) -> int | None:
        """Percentage points, from the rounded shares (so the table adds up)."""
        if self.before.percent is None or self.after.percent is None:
            return None
        return self.after.percent - self.before.percent


@dataclass(frozen=True)
class QuestionRow:
    id: str
    role: str  # "" when nobody answered it
    notebook: int  # the chapter whose notebook asks it
    prompt: str
    first_try: Share


@dataclass(frozen=True)
class ClassSummary:
    learners: int
    min_group: int
    files_left_out: int
    rows_left_out: int
    ideas: tuple[Idea, ...]
    overall_before: Share  # every idea's pairs together
    overall_after: Share
    questions: tuple[QuestionRow, ...]
    calibration: tuple[tuple[str, Share], ...]  # confidence level -> share right at first tries


def first_answers(answers: Iterable[Answer]) -> dict[tuple[str, str], Answer]:
    """The first answer per (question, role), as :func:`calcium_paradox.progress.summarise` counts them."""
    firsts: dict[tuple[str, str], Answer] = {}
    for answer in answers:
        firsts.setdefault((answer.id, answer.role), answer)
    return firsts


def latest_answer(answers: Sequence[Answer], question_id: str, role: str) -> Answer | None:
    """The latest answer to a question in a role, as :meth:`calcium_paradox.progress.Store.latest` finds it."""
    return next((a for a in reversed(answers) if a.id == question_id and a.role == role), None)


def _share(total: int, right: int, learners: int, min_group: int) -> Share:
    return Share(total, right, learners, learners >= min_group)


def summarise_class(exports: Sequence[Export], bank: Bank | None = None, min_group: int = MIN_GROUP,
                    files_left_out: int = 0) -> ClassSummary:
    bank = bank or load_bank()
    ideas = []
    pairs = before_right = after_right = 0
    paired_learners: set[int] = set()
    for post_id in bank.post:
        post = bank[post_id]
        warm = bank[post.parallel_of]
        both = right_before = right_after = warm_only = post_only = 0
        for n, export in enumerate(exports):
            before = latest_answer(export.answers, warm.id, "warm-up")
            after = latest_answer(export.answers, post_id, "post-test")
            if before is not None and after is not None:
                both += 1
                right_before += before.correct
                right_after += after.correct
                paired_learners.add(n)
            else:
                warm_only += before is not None
                post_only += after is not None
        ideas.append(Idea(warm.id, post_id, post.chapter, plain(warm.prompt),
                          _share(both, right_before, both, min_group), _share(both, right_after, both, min_group),
                          warm_only, post_only))
        pairs, before_right, after_right = pairs + both, before_right + right_before, after_right + right_after

    answered: Counter[tuple[str, str]] = Counter()
    right: Counter[tuple[str, str]] = Counter()
    level_total: Counter[str] = Counter()
    level_right: Counter[str] = Counter()
    level_learners: dict[str, set[int]] = defaultdict(set)
    for n, export in enumerate(exports):
        for key, answer in first_answers(export.answers).items():
            answered[key] += 1
            right[key] += answer.correct
            if answer.confidence:
                level_total[answer.confidence] += 1
                level_right[answer.confidence] += answer.correct
                level_learners[answer.confidence].add(n)
    roles_of: dict[str, list[str]] = defaultdict(list)
    for question_id, role in answered:
        roles_of[question_id].append(role)
    questions = []
    for question in bank.questions.values():
        for role in sorted(roles_of[question.id], key=ROLES.index) or [""]:
            count = answered[(question.id, role)]
            questions.append(QuestionRow(question.id, role, question.notebook, plain(question.prompt),
                                         _share(count, right[(question.id, role)], count, min_group)))
    calibration = tuple((level, _share(level_total[level], level_right[level], len(level_learners[level]),
                                       min_group)) for level in CONFIDENCE_LEVELS)
    # The total is shown only when every idea's share is, or a hidden share could be worked out by subtraction.
    overall_shown = len(paired_learners) >= min_group and all(i.before.shown or not i.before.total for i in ideas)
    return ClassSummary(
        learners=len(exports), min_group=min_group, files_left_out=files_left_out,
        rows_left_out=sum(e.rows_skipped for e in exports), ideas=tuple(ideas),
        overall_before=Share(pairs, before_right, len(paired_learners), overall_shown),
        overall_after=Share(pairs, after_right, len(paired_learners), overall_shown),
        questions=tuple(questions), calibration=calibration)


# ---- the figure -------------------------------------------------------------------------------
def _idea_label(idea: Idea) -> str:
    return f"{idea.warm_up} (chapter {idea.chapter:02d})\n{idea.before.total} with both"


def figure_alt(summary: ClassSummary) -> str:
    """The figure's alt text, which is also its description in summary.md."""
    parts = [f"Dot chart of the {len(summary.ideas)} ideas of the warm-up and the post-test: for each idea, "
             "the share of learners who chose the best answer before the course (warm-up in chapter 00, "
             "open circles) and after it (post-test in chapter 07, filled squares), counting only the "
             "learners who answered both."]
    for idea in summary.ideas:
        head = (f"{idea.warm_up} (taught in chapter {idea.chapter:02d}): "
                f"{_count(idea.before.total, 'learner')} answered both")
        if not idea.before.total:
            parts.append(f"{head}.")
        elif idea.change is None:
            parts.append(f"{head}, fewer than {summary.min_group}, so the shares are not shown.")
        else:
            parts.append(f"{head}; {idea.before.percent}% chose the best answer before, {idea.after.percent}% after.")
    return " ".join(parts)


def draw(summary: ClassSummary) -> tuple[Figure, str]:
    """The before-and-after figure: per idea, an arrow from the share before to the share after,
    each end with its own marker and a written label, so nothing relies on colour."""
    ideas = summary.ideas
    fig, ax = new_figure(8.0, 1.6 + 1.1 * max(len(ideas), 1))
    blue, vermillion, black = (style.LINE_COLOURS[c] for c in ("blue", "vermillion", "black"))
    for y, idea in enumerate(ideas):
        before, after = idea.before.percent, idea.after.percent
        if before is None or after is None:
            why = ("no learner answered both" if not idea.before.total
                   else f"not shown: fewer than {summary.min_group} learners answered both")
            ax.text(50, y, why, ha="center", va="center", fontsize=11, color=black)
            continue
        if after != before:
            ax.annotate("", xy=(after, y), xytext=(before, y),
                        arrowprops={"arrowstyle": "-|>", "color": black, "lw": 1.5, "shrinkA": 7, "shrinkB": 6})
        ax.text(before, y - 0.22, f"before {before}%", ha="center", va="bottom", fontsize=10, color=black)
        ax.text(after, y + 0.22, f"after {after}%", ha="center", va="top", fontsize=10, color=black)
    shown = [(y, i) for y, i in enumerate(ideas) if i.change is not None]
    # The open circle is drawn larger and on top, so an unchanged share shows as a ring around the square.
    ax.plot([i.before.percent for _, i in shown], [y for y, _ in shown], linestyle="none", marker="o",
            markersize=13, markeredgewidth=2, color=blue, markerfacecolor="none", zorder=4,
            label="Before: warm-up (chapter 00)")
    ax.plot([i.after.percent for _, i in shown], [y for y, _ in shown], linestyle="none", marker="s",
            markersize=7, color=vermillion, zorder=3, label="After: post-test (chapter 07)")
    ax.set_xlim(-8, 108)
    ax.set_ylim(len(ideas) - 0.4, -0.75)
    ax.set_yticks(range(len(ideas)), [_idea_label(i) for i in ideas])
    ax.set_xticks(range(0, 101, 20))
    ax.xaxis.grid(True, color=style.FILL_COLOURS["grey"], linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_xlabel("Learners who chose the best answer (%)")
    ax.set_ylabel("Idea (taught in chapter)")
    ax.set_title("Best answers before and after the course, per idea")
    fig.legend(loc="outside lower center", ncols=2)
    return fig, figure_alt(summary)


# ---- the written outputs ------------------------------------------------------------------------
def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _short(prompt: str) -> str:
    prompt = " ".join(prompt.split())
    return prompt if len(prompt) <= PROMPT_CHARS else prompt[:PROMPT_CHARS - 1].rstrip() + "…"


def _pct(share: Share) -> str:
    if not share.total:
        return "–"
    return "not shown" if share.percent is None else f"{share.percent}%"


def _points(change: int | None) -> str:
    return "–" if change is None else f"{change:+d} points"


def markdown(summary: ClassSummary, alt: str, image: str = "pre-post.png") -> str:
    """summary.md: counts and shares only (no pseudonyms, file names, times or written reasons)."""
    k = summary.min_group
    out = ["# Class summary", "",
           f"Made from the exported progress files of {_count(summary.learners, 'learner')} (one file per "
           "learner). It holds counts and shares only: no pseudonyms, no file names, no times and none of "
           "the reasons learners wrote.", ""]
    if summary.files_left_out or summary.rows_left_out:
        out += [f"{_count(summary.files_left_out, 'file')} could not be used and "
                f"{_count(summary.rows_left_out, 'row')} inside used files were left out. The command listed "
                "each of them, with the reason, when it ran (file names hold pseudonyms, so they are not "
                "written here).", ""]
    out += [f"**Small groups.** A share is shown only when at least {k} learners stand behind it; with fewer, "
            "a share could tell you how one learner answered. Such cells say “not shown”."]
    if summary.learners < k:
        out += ["", f"This class has {_count(summary.learners, 'usable file')}, fewer than {k}, so no share "
                    "is shown anywhere below; only counts are."]
    out += ["", "## Before and after: the ideas of the warm-up", "",
            "For each learner, the latest warm-up answer (chapter 00) is compared with the latest post-test "
            "answer on the same idea (chapter 07): the same answers each learner’s own comparison in chapter 07 "
            "shows. Only learners who answered both count here. The post-test asks about each idea in new "
            "words. A rise does not show that the course caused it: learners also learn elsewhere, and "
            "some leave out questions.", "",
            f"![{alt}]({image})", "", f"*Figure description:* {alt}", "",
            "| Idea (warm-up item) | Taught in chapter | Learners with both | Best answer before | "
            "Best answer after | Change |",
            "|---|---|---|---|---|---|"]
    for idea in summary.ideas:
        out.append(f"| {idea.warm_up}: {_cell(_short(idea.prompt))} | {idea.chapter:02d} | {idea.before.total} | "
                   f"{_pct(idea.before)} | {_pct(idea.after)} | {_points(idea.change)} |")
    before, after = summary.overall_before, summary.overall_after
    change = None if before.percent is None or after.percent is None else after.percent - before.percent
    out.append(f"| **All ideas together** (answer pairs) | | {before.total} pairs from "
               f"{_count(before.learners, 'learner')} | {_pct(before)} | {_pct(after)} | {_points(change)} |")
    if before.total and before.percent is None and before.learners >= k:
        out += ["", "The total is not shown because some idea's share is not: subtracting could reveal it."]
    only = [(i.warm_up, i.warm_up_only, i.post_test_only) for i in summary.ideas if i.warm_up_only or i.post_test_only]
    if only:
        out += ["", "Left out above because they answered only one of the two: "
                + "; ".join(f"{name}: {w} warm-up only, {p} post-test only" for name, w, p in only) + "."]

    out += ["", "## Every question: best answer at the first try", "",
            "Per learner, the first answer to each question counts (a first try shows what was understood "
            "before any feedback). “Answered” is the number of learners who answered.", ""]
    by_chapter: dict[int, list[QuestionRow]] = defaultdict(list)
    for row in summary.questions:
        by_chapter[row.notebook].append(row)
    for chapter in sorted(by_chapter):
        out += [f"### Chapter {chapter:02d}", "", "| Question | Asked as | Answered | Best answer at first try |",
                "|---|---|---|---|"]
        for row in by_chapter[chapter]:
            out.append(f"| {row.id}: {_cell(_short(row.prompt))} | {row.role or '–'} | {row.first_try.total} | "
                       f"{_pct(row.first_try)} |")
        out.append("")

    out += ["## How sure, and how often right", "",
            "Over the first tries of questions that ask how sure the learner is.", "",
            "| Learners felt | Answers | Learners | Best answer |", "|---|---|---|---|"]
    for level, share in summary.calibration:
        out.append(f"| {level} | {share.total} | {share.learners} | {_pct(share)} |")
    out += ["", "If “Sure” answers are right hardly more often than “Guessing” ones, the class may be "
                "confident about some wrong ideas: the misconception notes in the teacher guides say which.", ""]
    return "\n".join(out)


CSV_COLUMNS = ("question", "role", "chapter", "answered", "right_first_try", "share_right_first_try", "note",
               "prompt")


def csv_text(summary: ClassSummary) -> str:
    """summary.csv: one row per question and role. Counts that would give a hidden share away are left empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in summary.questions:
        share = row.first_try
        if not share.total:
            right, ratio, note = "", "", "nobody answered"
        elif share.percent is None:
            right, ratio, note = "", "", f"not shown: fewer than {summary.min_group} learners"
        else:
            right, ratio, note = share.right, f"{share.right / share.total:.3f}", ""
        writer.writerow([row.id, row.role, f"{row.notebook:02d}", share.total, right, ratio, note, row.prompt])
    return buffer.getvalue()


def write_outputs(summary: ClassSummary, out: Path) -> tuple[list[Path], list[str]]:
    """Write the three files; returns them and any figure-rule problems (none expected)."""
    out.mkdir(parents=True, exist_ok=True)
    fig, alt = draw(summary)
    problems = check_figure(fig, alt)
    paths = [out / name for name in FILES]
    paths[0].write_text(markdown(summary, alt, FILES[2]), encoding="utf-8")
    paths[1].write_text(csv_text(summary), encoding="utf-8", newline="")
    paths[2].write_bytes(png_bytes(fig))
    return paths, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="class-summary",
        description="Write an anonymous class summary from a folder of learners' exported progress files.")
    parser.add_argument("folder", help="the folder holding the progress-<pseudonym>.csv files")
    parser.add_argument("out", nargs="?", help=f"where to write the summary (default: FOLDER/{OUTPUT_FOLDER})")
    parser.add_argument("--min-group", type=int, default=MIN_GROUP,
                        help=f"show a share only when at least this many learners stand behind it "
                             f"(default: {MIN_GROUP})")
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as stop:  # --help, or arguments argparse could not read (it has said why)
        return int(stop.code or 0)
    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"There is no folder {folder}. Give the folder that holds the learners' CSV files.", file=sys.stderr)
        return 2
    if args.min_group < 1:
        print("--min-group must be 1 or more.", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else folder / OUTPUT_FOLDER
    exports, problems = read_folder(folder, exclude=[out / FILES[1]])
    for line in report_lines(exports, problems):
        print(line)
    summary = summarise_class(exports, min_group=args.min_group, files_left_out=len(problems))
    try:
        paths, figure_problems = write_outputs(summary, out)
    except OSError as problem:
        print(f"The summary could not be written to {out} ({problem.strerror or problem}).", file=sys.stderr)
        return 1
    for line in figure_problems:
        print(f"note: the figure breaks a course figure rule: {line}", file=sys.stderr)
    print(f"Used the files of {_count(summary.learners, 'learner')} ({_count(len(problems), 'file')} left out). "
          f"Wrote {', '.join(str(p) for p in paths)}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
