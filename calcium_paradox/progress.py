"""The learner's own record of answers: a JSON file in their copy of the course, never sent anywhere.

Every question widget says what is kept and where before anything is saved; the file is created
the first time a learner saves an answer. It lives in ``my-progress/answers.json`` at the top of
the course folder (git ignores that folder), so it survives kernel restarts and is shared by all
the notebooks: the post-test in chapter 07 reads the warm-up answered in 00 from it.

A learner can see a summary (:meth:`Store.summary`), export a CSV under a pseudonym they choose
(:meth:`Store.export_csv`) and erase everything (:meth:`Store.erase`). A damaged or hand-edited
file is moved aside (kept, renamed) and the learner starts afresh with a plain message; nothing
here raises on bad files or a read-only folder.

The functions are plain and take the file and the clock as arguments, so tests call them directly.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

FOLDER = "my-progress"
FILE = "answers.json"
VERSION = 1
ROLES = ("warm-up", "check", "prediction", "exit ticket", "post-test")
PSEUDONYM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
KEPT = ("Your answers are kept only in this copy of the course, in the file my-progress/answers.json "
        "(nothing is sent anywhere). You can see, export or erase them under “My progress” in chapters 00 and 07.")


@dataclass(frozen=True)
class Answer:
    """One saved answer."""

    id: str  # the question id, e.g. "N01-P1"
    role: str  # one of ROLES
    chapter: int  # the chapter whose notebook asked it
    letter: str  # the letter the learner saw next to their choice
    correct: bool
    confidence: str | None  # "Sure", "Unsure", "Guessing" or None
    reason: str  # their one-line reason ("" if none)
    time: str  # when, ISO 8601 in UTC


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def course_root(start: Path | None = None) -> Path:
    """The course folder: the nearest folder, from ``start`` (the working folder) up, holding ``notebooks/``."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "notebooks").is_dir():
            return folder
    return here


def default_path() -> Path:
    """``my-progress/answers.json`` in the course folder (``CP_PROGRESS_FILE`` overrides it)."""
    override = os.environ.get("CP_PROGRESS_FILE")
    return Path(override) if override else course_root() / FOLDER / FILE


def _answer(raw) -> Answer:
    names = {f.name for f in fields(Answer)}
    if not isinstance(raw, dict) or set(raw) != names:
        raise ValueError("an entry does not have the fields of a saved answer")
    answer = Answer(**raw)
    if (answer.role not in ROLES or not isinstance(answer.correct, bool) or not isinstance(answer.chapter, int)
            or not isinstance(answer.reason, str) or not isinstance(answer.id, str)):
        raise ValueError(f"the entry for {answer.id!r} has a value of the wrong kind")
    return answer


def _count(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")


@dataclass(frozen=True)
class Summary:
    chapters: tuple[int, ...]  # chapters with at least one saved answer
    answered: int  # questions answered (first answer per question and role)
    right: int  # of those, right the first time
    calibration: dict[str, tuple[int, int]]  # confidence -> (right, answered)

    def sentence(self) -> str:
        if not self.answered:
            return "No answers saved yet."
        done = ", ".join(f"{c:02d}" for c in self.chapters)
        parts = [f"You have answered {_count(self.answered, 'question')} in "
                 f"{'chapter' if len(self.chapters) == 1 else 'chapters'} {done}; "
                 f"your first answer was the best one in {self.right}."]
        for level, (right, total) in self.calibration.items():
            if total:
                parts.append(f"When you felt {level.lower()}, you were right {right} of {total} times.")
        return " ".join(parts)


class Store:
    """The answers file. Every method re-reads it, so notebooks open side by side see each other's answers."""

    def __init__(self, path: Path | None = None, clock: Callable[[], str] = _now):
        self.path = Path(path) if path is not None else default_path()
        self.clock = clock
        self.notice = ""  # a message for the learner about the file (damaged, cannot write), else ""

    # ---- reading ------------------------------------------------------------------------------
    def answers(self) -> list[Answer]:
        """Every saved answer, oldest first (an empty list when there is no file yet)."""
        if not self.path.exists():
            return []
        try:
            raw = json.loads(self.path.read_text("utf-8"))
            if not isinstance(raw, dict) or raw.get("version") != VERSION or not isinstance(raw.get("answers"), list):
                raise ValueError("the file is not a course answers file")
            return [_answer(entry) for entry in raw["answers"]]
        except (OSError, UnicodeDecodeError, ValueError, TypeError) as problem:
            self._set_aside(problem)
            return []

    def _set_aside(self, problem: Exception) -> None:
        stamp = self.clock().replace(":", "").replace("+", "_")
        kept = self.path.with_name(f"answers.damaged-{stamp}.json")
        try:
            self.path.replace(kept)
            self.notice = (f"Your answers file could not be read ({problem}). It was kept as {kept.name} "
                           "in the same folder, and a fresh one is started.")
        except OSError:
            self.notice = (f"Your answers file could not be read ({problem}), and it could not be moved aside. "
                           "Answers are kept for this session only.")

    def first(self, question_id: str, role: str) -> Answer | None:
        return next((a for a in self.answers() if a.id == question_id and a.role == role), None)

    def latest(self, question_id: str, role: str) -> Answer | None:
        return next((a for a in reversed(self.answers()) if a.id == question_id and a.role == role), None)

    # ---- writing ------------------------------------------------------------------------------
    def _write(self, answers: list[Answer]) -> bool:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(self.path.name + ".tmp")
            temporary.write_text(json.dumps({"version": VERSION, "answers": [asdict(a) for a in answers]},
                                            indent=1, ensure_ascii=False), "utf-8")
            temporary.replace(self.path)
            return True
        except OSError as problem:
            self.notice = f"Your answer could not be saved to {self.path} ({problem.strerror or problem})."
            return False

    def add(self, question_id: str, role: str, chapter: int, letter: str, correct: bool,
            confidence: str | None = None, reason: str = "") -> Answer | None:
        """Save one answer; returns it, or None if it could not be written (then :attr:`notice` says why)."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}, not {role!r}")
        answer = Answer(question_id, role, int(chapter), letter, bool(correct), confidence,
                        " ".join(str(reason or "").split())[:200], self.clock())
        return answer if self._write([*self.answers(), answer]) else None

    def erase(self) -> str:
        """Delete the answers file; returns a sentence saying what happened."""
        try:
            self.path.unlink()
        except FileNotFoundError:
            return "There were no saved answers to erase."
        except OSError as problem:
            return f"The answers file could not be erased ({problem.strerror or problem})."
        return "Your saved answers are erased."

    def export_csv(self, pseudonym: str) -> tuple[Path | None, str]:
        """Write ``my-progress/progress-<pseudonym>.csv``; returns (file or None, a sentence for the learner)."""
        name = str(pseudonym or "").strip()
        if not PSEUDONYM.match(name):
            return None, ("Choose a pseudonym of 1 to 40 letters, digits, - or _ (not your real name), "
                          "then press Export again.")
        answers = self.answers()
        if not answers:
            return None, "There are no saved answers to export yet."
        target = self.path.with_name(f"progress-{name}.csv")
        try:
            with target.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(["pseudonym", *[f.name for f in fields(Answer)]])
                for answer in answers:
                    writer.writerow([name, *asdict(answer).values()])
        except OSError as problem:
            return None, f"The file could not be written ({problem.strerror or problem})."
        return target, f"Exported {_count(len(answers), 'answer')} to {FOLDER}/{target.name}."

    # ---- summary ------------------------------------------------------------------------------
    def summary(self) -> Summary:
        return summarise(self.answers())


def summarise(answers: list[Answer]) -> Summary:
    """Chapters done, first answers right, and how often each confidence level was right."""
    firsts: dict[tuple[str, str], Answer] = {}
    for answer in answers:
        firsts.setdefault((answer.id, answer.role), answer)
    calibration: dict[str, tuple[int, int]] = {}
    for answer in firsts.values():
        if answer.confidence:
            right, total = calibration.get(answer.confidence, (0, 0))
            calibration[answer.confidence] = (right + answer.correct, total + 1)
    order = ("Sure", "Unsure", "Guessing")
    return Summary(
        chapters=tuple(sorted({a.chapter for a in firsts.values()})),
        answered=len(firsts),
        right=sum(a.correct for a in firsts.values()),
        calibration={k: calibration[k] for k in sorted(calibration, key=lambda c: (c not in order, order.index(c)
                                                                                    if c in order else 0, c))},
    )
