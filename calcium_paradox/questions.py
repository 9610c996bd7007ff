"""Self-check questions: the question bank, the widget and its static fallback.

The bank lives in ``data/questions.yaml``. A notebook shows a question with
``ask("N00-Q1")`` and, in the next Markdown cell, the same question's static
fallback (a ``<details>`` block written by ``tools/sync.py`` from
:meth:`Question.fallback_markdown`), so readers without a kernel still get the
answer and every explanation.

The widget's logic is plain methods (:meth:`SelfCheck.choose`,
:meth:`SelfCheck.check`) that tests call directly. Feedback goes into an HTML
widget's ``value``, which a kernel updates with or without a browser attached
(printing inside an Output widget from a callback does not, headless).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import ipywidgets as widgets
import yaml

from .display import status_html

CONFIDENCE_LEVELS = ("Sure", "Unsure", "Guessing")
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")
NO_CHOICE = "Please choose an answer first, then press “Check answer”."
NO_CONFIDENCE = "Please also say how sure you are, then press “Check answer”."

#: Lets long answer options wrap onto several lines, each with its radio button in view. Without
#: it, JupyterLab gives every option one fixed-height line, so a long option loses its button and
#: overlaps the next one in a narrow window.
CHOICES_CSS = (
    "<style>"
    ".cp-choices .widget-radio-box {height: auto; overflow: visible;}"
    ".cp-choices .widget-radio-box label {height: auto; min-height: var(--jp-widgets-inline-height);"
    " line-height: 1.4; white-space: normal; display: flex; align-items: flex-start; margin: 2px 0;}"
    ".cp-choices .widget-radio-box input {flex: none; order: -1; margin: 0.3em 0.5em 0 0;}"
    "</style>"
)


def plain(text: str) -> str:
    """Feedback as the widget shows it: citation links become their text (the sources are listed below)."""
    return MARKDOWN_LINK.sub(r"\1", text)


@dataclass(frozen=True)
class Option:
    text: str
    feedback: str
    correct: bool = False
    misconception: str | None = None


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    options: tuple[Option, ...]
    objective: str
    chapter: int
    confidence: bool = False

    def feedback_for(self, index: int, confidence: str | None = None) -> str:
        option = self.options[index]
        verdict = "Correct." if option.correct else "Not the best answer."
        text = f"{verdict} {plain(option.feedback)}"
        if not option.correct:
            if confidence == "Sure":
                text = (
                    "You felt sure, and many people share this idea, so it is worth a second look. "
                    + text
                )
            text += " Try again if you like."
        return text

    def fallback_markdown(self) -> str:
        """The answer box for readers without a kernel (GitHub, HTML, screen readers)."""
        lines = [f"**Question:** {self.prompt}", ""]
        for letter, option in zip("ABCDEFGH", self.options, strict=False):
            lines.append(f"- {letter}. {option.text}")
        lines += ["", "<details><summary>Show the answer and why</summary>", ""]
        for letter, option in zip("ABCDEFGH", self.options, strict=False):
            mark = "Correct" if option.correct else "Not the best answer"
            lines.append(f"- **{letter}: {mark}.** {option.feedback}")
        lines += ["", "</details>"]
        return "\n".join(lines)


@dataclass(frozen=True)
class Bank:
    questions: dict[str, Question]
    probe: tuple[str, ...] = field(default_factory=tuple)

    def __getitem__(self, question_id: str) -> Question:
        try:
            return self.questions[question_id]
        except KeyError:
            raise KeyError(
                f"No question {question_id!r} in calcium_paradox/data/questions.yaml."
            ) from None


def _question(raw: dict) -> Question:
    options = tuple(Option(**o) for o in raw.pop("options"))
    return Question(options=options, **raw)


@lru_cache(maxsize=1)
def load_bank() -> Bank:
    text = resources.files("calcium_paradox").joinpath("data/questions.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    questions = {q["id"]: _question(dict(q)) for q in raw["questions"]}
    return Bank(questions=questions, probe=tuple(raw.get("probe", ())))


class SelfCheck:
    """One multiple-choice question with per-option feedback, retries and an optional confidence rating."""

    def __init__(self, question: Question):
        self.question = question
        self.attempts: list[tuple[int, str | None, bool]] = []
        self.prompt = widgets.HTML(f"{CHOICES_CSS}<p><strong>{html.escape(question.prompt)}</strong></p>")
        self.choices = widgets.RadioButtons(
            options=[(o.text, i) for i, o in enumerate(question.options)],
            value=None,
            description="Your answer:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        self.confidence = widgets.RadioButtons(
            options=list(CONFIDENCE_LEVELS),
            value=None,
            description="How sure are you?",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto", display="" if question.confidence else "none"),
        )
        self.button = widgets.Button(
            description="Check answer",
            tooltip="Check your answer and see why each option is right or wrong",
            layout=widgets.Layout(min_width="10em", height="2.2em"),
        )
        self.feedback = widgets.HTML(value="")
        self.feedback.add_class("cp-feedback")
        self.choices.add_class("cp-choices")
        self.confidence.add_class("cp-choices")
        self.message = ""  # the feedback as plain text (what the learner reads)
        self.button.on_click(lambda _button: self.check())
        self.widget = widgets.VBox(
            [self.prompt, self.choices, self.confidence, self.button, self.feedback],
            layout=widgets.Layout(border="1px solid #767676", padding="0.5em", margin="0.5em 0"),
        )
        # Classes let the browser tests find each question by its id.
        self.widget.add_class("cp-question")
        self.widget.add_class(f"cp-question-{question.id}")

    def choose(self, index: int | None, confidence: str | None = None) -> None:
        """Select an option by index (or None for no choice), as a learner's click would."""
        self.choices.value = index
        if confidence is not None:
            self.confidence.value = confidence

    def check(self) -> str:
        """Give feedback on the current choice; returns the message shown."""
        index = self.choices.value
        if index is None:
            message = NO_CHOICE
        elif self.question.confidence and self.confidence.value is None:
            message = NO_CONFIDENCE
        else:
            option = self.question.options[index]
            self.attempts.append((index, self.confidence.value, option.correct))
            message = self.question.feedback_for(index, self.confidence.value)
        self.message = message
        self.feedback.value = status_html(message)
        return message

    @property
    def first_attempt(self) -> tuple[int, str | None, bool] | None:
        return self.attempts[0] if self.attempts else None

    def _repr_mimebundle_(self, **kwargs):
        data = self.widget._repr_mimebundle_(**kwargs)
        data["text/plain"] = f"Self-check question: {self.question.prompt}"
        return data


class Probe:
    """A set of questions shown together (the warm-up in 00 and the post-test in 07)."""

    def __init__(self, questions):
        self.checks = [SelfCheck(q) for q in questions]
        sure = ", say how sure you are" if any(q.confidence for q in questions) else ""
        header = widgets.HTML(
            f"<p>Answer each question{sure}, then press “Check answer”. Nothing is saved or sent anywhere.</p>"
        )
        self.widget = widgets.VBox([header] + [c.widget for c in self.checks])

    def results(self) -> dict[str, tuple[int, str | None, bool] | None]:
        """First attempt per question id: (option index, confidence, correct), or None."""
        return {c.question.id: c.first_attempt for c in self.checks}

    def _repr_mimebundle_(self, **kwargs):
        data = self.widget._repr_mimebundle_(**kwargs)
        data["text/plain"] = f"Self-check: {len(self.checks)} questions."
        return data


def ask(question_id: str) -> SelfCheck:
    """Show one question from the bank (the last line of a notebook cell)."""
    return SelfCheck(load_bank()[question_id])


def ask_all(*question_ids: str) -> Probe:
    """Show several questions from the bank together (warm-ups and exit tickets)."""
    bank = load_bank()
    return Probe([bank[q] for q in question_ids])


#: The warm-up shown last in this kernel, so the post-test can compare with it. It lives only in
#: this kernel's memory: nothing is written to disk or sent anywhere, and it is gone on restart.
_SESSION: dict[str, Probe] = {}


def warm_up() -> Probe:
    """The misconception probe: asked in 00 as a warm-up and in 07 as the post-test."""
    bank = load_bank()
    probe = Probe([bank[q] for q in bank.probe])
    _SESSION["warm_up"] = probe
    return probe


@dataclass(frozen=True)
class Comparison:
    """One probe item: the first warm-up answer, the first post-test answer, and where it is taught."""

    question_id: str
    prompt: str
    chapter: int
    before: str
    after: str


def _status(attempt: tuple[int, str | None, bool] | None) -> str:
    if attempt is None:
        return "not answered"
    _index, confidence, correct = attempt
    sure = f" ({confidence.lower()})" if confidence else ""
    return ("best answer" if correct else "another answer") + sure


def compare_attempts(before: dict | None, after: dict) -> tuple[list[Comparison], str]:
    """Compare first attempts per probe item; returns the rows and one plain summary sentence.

    ``before`` is None when no warm-up was taken in this kernel.
    """
    bank = load_bank()
    rows = [
        Comparison(qid, bank[qid].prompt, bank[qid].chapter,
                   _status(before.get(qid)) if before is not None else "not taken", _status(after.get(qid)))
        for qid in after
    ]
    answered_now = sum(a is not None for a in after.values())
    right_now = sum(bool(a and a[2]) for a in after.values())
    if answered_now == 0:
        return rows, "Answer the questions above first; then the comparison has something to show."
    if before is None or all(b is None for b in before.values()):
        return rows, (
            f"You chose the best answer for {right_now} of {len(after)} questions. There are no warm-up answers "
            "in this session to compare with, and that is fine: the warm-up was optional. To compare next time, "
            "answer the warm-up in 00 and this post-test in the same kernel (see the note above)."
        )
    right_before = sum(bool(b and b[2]) for b in before.values())
    return rows, (
        f"In the warm-up you chose the best answer for {right_before} of {len(before)} questions; "
        f"now you chose it for {right_now} of {len(after)}. Each row below says which chapter teaches the idea."
    )


class PostTest:
    """The probe again (chapter 07), with a comparison against this session's warm-up, if there was one."""

    def __init__(self, warm_up_probe: Probe | None):
        bank = load_bank()
        self.probe = Probe([bank[q] for q in bank.probe])
        self.warm_up = warm_up_probe
        self.summary = ""
        self.button = widgets.Button(
            description="Compare with my warm-up",
            tooltip="Show your first warm-up answer and your first answer here, question by question",
            layout=widgets.Layout(min_width="16em", height="2.2em"),
        )
        self.report = widgets.HTML()
        self.report.add_class("cp-comparison")
        self.button.on_click(lambda _button: self.compare())
        self.widget = widgets.VBox([self.probe.widget, self.button, self.report])

    @property
    def checks(self) -> list[SelfCheck]:
        return self.probe.checks

    def compare(self) -> str:
        """Show the comparison; returns its summary sentence."""
        before = self.warm_up.results() if self.warm_up is not None else None
        rows, summary = compare_attempts(before, self.probe.results())
        self.summary = summary
        body = "".join(
            f"<tr><td>{html.escape(r.prompt)}</td><td>{html.escape(r.before)}</td><td>{html.escape(r.after)}</td>"
            f"<td>Chapter {r.chapter:02d}</td></tr>"
            for r in rows
        )
        self.report.value = (
            status_html(summary)
            + '<table><caption>Your first answers, question by question (kept only in this session)</caption>'
            '<thead><tr><th scope="col">Question</th><th scope="col">Warm-up</th><th scope="col">Now</th>'
            f'<th scope="col">Taught in</th></tr></thead><tbody>{body}</tbody></table>'
        )
        return summary

    def _repr_mimebundle_(self, **kwargs):
        data = self.widget._repr_mimebundle_(**kwargs)
        data["text/plain"] = f"Post-test: {len(self.checks)} questions, then a comparison with your warm-up."
        return data


def post_test() -> PostTest:
    """The post-test in 07: the warm-up's questions again, compared with this kernel's warm-up if any."""
    return PostTest(_SESSION.get("warm_up"))


def fallback_for(ids) -> str:
    """Static answer boxes for the given question ids (``probe`` means the whole probe)."""
    bank = load_bank()
    expanded: list[str] = []
    for question_id in ids:
        expanded += list(bank.probe) if question_id == "probe" else [question_id]
    return "\n\n".join(bank[q].fallback_markdown() for q in expanded)
