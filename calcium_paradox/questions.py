"""Questions: the bank, the widgets that ask them, and each widget's static form.

The bank lives in ``data/questions.yaml``. A notebook asks with one call per cell:

- ``ask("N01-Q1")`` (or ``ask_all(...)``): a check with feedback at once (section checks,
  chapter warm-ups, exit tickets);
- ``predict("N01-P1")``: a prediction that is saved with a confidence and an optional reason and
  gets **no** feedback; ``reveal("N01-P1")``, placed after the explorer, shows what was predicted
  next to the answer and why, when the learner asks for it;
- ``warm_up()`` in 00 and ``post_test()`` in 07: the misconception probe, saved without
  feedback, and its parallel forms, compared item by item with the warm-up read from the
  learner's answers file (:mod:`calcium_paradox.progress`); ``my_progress()`` shows that file.

Each widget's output carries its own static form as ``text/html`` in the same display bundle
(:func:`static_html`): lettered options and the answer behind ``<details>``. JupyterLab with a
running kernel shows the live widget only; GitHub, nbviewer, nbconvert, the static edition and
JupyterLab before the cells run show the static form. Options are shown in a fixed shuffled
order (:attr:`Question.order`), the same in the widget, the static form and the teacher guides.

The widgets' logic is plain methods (``choose``, ``check``, ``save``, ``compare``) that tests call
directly. Messages go into HTML widgets' ``value``, which a kernel updates with or without a
browser attached.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import ipywidgets as widgets
import yaml

from .display import MARKDOWN_LINK, inline_html, status_html
from .progress import KEPT, Store, summarise

CONFIDENCE_LEVELS = ("Sure", "Unsure", "Guessing")
KINDS = ("recall", "apply", "reason")
#: Part of every question's shuffle seed; changing it reshuffles the whole bank.
SHUFFLE_SALT = "calcium-paradox-1"
LETTERS = "ABCDEFGH"
NO_CHOICE = "Please choose an answer first, then press “Check answer”."
NO_CONFIDENCE = "Please also say how sure you are, then press “Check answer”."
NO_CHOICE_TO_SAVE = "Please choose an answer and say how sure you are, then press “Save”."

#: Lets long answer options wrap onto several lines, each with its radio button in view. Without
#: it, JupyterLab gives every option one fixed-height line, so a long option loses its button and
#: overlaps the next one in a narrow window.
CHOICES_CSS = (
    "<style>"
    ".cp-choices .widget-radio-box {height: auto; overflow: visible;}"
    ".cp-choices .widget-radio-box label {height: auto; min-height: var(--jp-widgets-inline-height);"
    " line-height: 1.4; white-space: normal; display: flex; align-items: flex-start; margin: 2px 0;}"
    ".cp-choices .widget-radio-box input {flex: none; order: -1; margin: 0.3em 0.5em 0 0;}"
    ".cp-feedback .widget-html-content, .cp-progress .widget-html-content,"
    " .cp-comparison .widget-html-content {line-height: 1.5;}"
    "</style>"
)


def plain(text: str) -> str:
    """Feedback as the widget shows it: citation links become their text (the sources are listed below)."""
    return MARKDOWN_LINK.sub(r"\1", text)  # the same link pattern inline_html keeps as links


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
    kind: str = "recall"  # "recall", "apply" (a new case) or "reason" (answer and say why)
    recalls: int | None = None  # for a review item: the earlier chapter whose idea it brings back
    parallel_of: str | None = None  # for a post-test item: the warm-up item it is a parallel form of

    @property
    def order(self) -> tuple[int, ...]:
        """The order the options are shown in: shuffled with a seed fixed per question, so every
        run and every reader sees the same order, and the right answer's place is not a pattern."""
        order = list(range(len(self.options)))
        random.Random(f"{SHUFFLE_SALT}:{self.id}").shuffle(order)
        return tuple(order)

    @property
    def shown(self) -> tuple[Option, ...]:
        """The options in the order they are shown (letter A first)."""
        return tuple(self.options[i] for i in self.order)

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

    def letter_of(self, index: int) -> str:
        """The letter shown next to the option stored at ``index``."""
        return LETTERS[self.order.index(index)]

    @property
    def right_index(self) -> int:
        return next(i for i, o in enumerate(self.options) if o.correct)

    @property
    def notebook(self) -> int:
        """The chapter whose notebook asks this question (from its objective id, N05-O2 -> 5)."""
        return int(self.objective[1:3])


@dataclass(frozen=True)
class Bank:
    questions: dict[str, Question]
    probe: tuple[str, ...] = field(default_factory=tuple)  # the warm-up in 00
    post: tuple[str, ...] = field(default_factory=tuple)  # their parallel forms, the post-test in 07

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
    return Bank(questions=questions, probe=tuple(raw.get("probe", ())), post=tuple(raw.get("post", ())))


# ---- static forms ---------------------------------------------------------------------------
def static_html(question: Question, reveal_label: str = "Show the answer and why") -> str:
    """The question for readers without a running kernel: lettered options, the answer folded away."""
    items = "".join(f"<li><strong>{LETTERS[n]}.</strong> {inline_html(o.text)}</li>"
                    for n, o in enumerate(question.shown))
    why = "".join(f"<li><strong>{LETTERS[n]}: {'Correct' if o.correct else 'Not the best answer'}.</strong> "
                  f"{inline_html(o.feedback)}</li>" for n, o in enumerate(question.shown))
    return (f'<div class="cp-static-question" data-question="{html.escape(question.id)}">'
            f"<p><strong>Question:</strong> {inline_html(question.prompt)}</p>"
            f'<ul style="list-style: none">{items}</ul>'
            f"<details><summary>{html.escape(reveal_label)}</summary><ul>{why}</ul></details></div>")


def _bundle(widget: widgets.Widget, static: str, plain_text: str, **kwargs) -> dict:
    data = widget._repr_mimebundle_(**kwargs)
    data["text/html"] = static
    data["text/plain"] = plain_text
    return data


def _store(store: Store | None) -> Store:
    return store if store is not None else Store()


def _question_controls(question: Question, ask_confidence: bool):
    """The prompt, the lettered options (in their shown order) and the "how sure are you?" choice."""
    prompt = widgets.HTML(f"{CHOICES_CSS}<p><strong>{html.escape(question.prompt)}</strong></p>")
    choices = widgets.RadioButtons(
        options=[(f"{LETTERS[n]}. {question.options[i].text}", i) for n, i in enumerate(question.order)],
        value=None, description="Your answer:", style={"description_width": "initial"},
        layout=widgets.Layout(width="auto"))
    confidence = widgets.RadioButtons(
        options=list(CONFIDENCE_LEVELS), value=None, description="How sure are you?",
        style={"description_width": "initial"},
        layout=widgets.Layout(width="auto", display="" if ask_confidence else "none"))
    choices.add_class("cp-choices")
    confidence.add_class("cp-choices")
    return prompt, choices, confidence


# ---- a check with feedback at once ------------------------------------------------------------
class SelfCheck:
    """One multiple-choice question with per-option feedback, retries and an optional confidence rating."""

    def __init__(self, question: Question, role: str = "check", store: Store | None = None):
        self.question = question
        self.role = role
        self.store = store
        self.attempts: list[tuple[int, str | None, bool]] = []
        self.prompt, self.choices, self.confidence = _question_controls(question, question.confidence)
        self.button = widgets.Button(
            description="Check answer", tooltip="Check your answer and see why each option is right or wrong",
            layout=widgets.Layout(min_width="10em", height="2.2em"))
        self.feedback = widgets.HTML(value="")
        self.feedback.add_class("cp-feedback")
        self.message = ""  # the feedback as plain text (what the learner reads)
        self.button.on_click(lambda _button: self.check())
        self.widget = widgets.VBox(
            [self.prompt, self.choices, self.confidence, self.button, self.feedback],
            layout=widgets.Layout(border="1px solid #767676", padding="0.5em", margin="0.5em 0"))
        # Classes let the browser tests find each question by its id.
        self.widget.add_class("cp-question")
        self.widget.add_class(f"cp-question-{question.id}")

    def choose(self, index: int | None, confidence: str | None = None) -> None:
        """Select the option stored at ``index`` (or None for no choice), as a learner's click would."""
        self.choices.value = index
        if confidence is not None:
            self.confidence.value = confidence

    def check(self) -> str:
        """Give feedback on the current choice, save it in the answers file; returns the message shown."""
        index = self.choices.value
        if index is None:
            message = NO_CHOICE
        elif self.question.confidence and self.confidence.value is None:
            message = NO_CONFIDENCE
        else:
            option = self.question.options[index]
            self.attempts.append((index, self.confidence.value, option.correct))
            message = self.question.feedback_for(index, self.confidence.value)
            store = _store(self.store)
            store.add(self.question.id, self.role, self.question.notebook, self.question.letter_of(index),
                      option.correct, self.confidence.value)
            if store.notice:
                message += " " + store.notice
        self.message = message
        self.feedback.value = status_html(message)
        return message

    @property
    def first_attempt(self) -> tuple[int, str | None, bool] | None:
        return self.attempts[0] if self.attempts else None

    def _repr_mimebundle_(self, **kwargs):
        return _bundle(self.widget, static_html(self.question), f"Question: {self.question.prompt}", **kwargs)


# ---- a committed answer without feedback (predictions, the warm-up, the post-test) --------------
class Commitment:
    """Choose, say how sure you are and (optionally) why, and save: no feedback until later."""

    def __init__(self, question: Question, role: str = "prediction", store: Store | None = None):
        self.question = question
        self.role = role
        self.store = store
        self.saved: tuple[int, str, str] | None = None  # (index, confidence, reason), also kept in the file
        self.prompt, self.choices, self.confidence = _question_controls(question, ask_confidence=True)
        self.reason = widgets.Text(
            value="", placeholder="Optional: why? One line.", description="Your reason:",
            style={"description_width": "initial"}, layout=widgets.Layout(width="90%"))
        label = "Save my prediction" if role == "prediction" else "Save my answer"
        self.button = widgets.Button(description=label, tooltip="Save your choice; feedback comes later",
                                     layout=widgets.Layout(min_width="12em", height="2.2em"))
        self.status = widgets.HTML(value="")
        self.status.add_class("cp-feedback")
        self.message = ""
        self.button.on_click(lambda _button: self.save())
        self.widget = widgets.VBox(
            [self.prompt, self.choices, self.confidence, self.reason, self.button, self.status],
            layout=widgets.Layout(border="1px solid #767676", padding="0.5em", margin="0.5em 0"))
        self.widget.add_class("cp-question")
        self.widget.add_class("cp-commit")
        self.widget.add_class(f"cp-question-{question.id}")

    def choose(self, index: int | None, confidence: str | None = None, reason: str = "") -> None:
        self.choices.value = index
        if confidence is not None:
            self.confidence.value = confidence
        if reason:
            self.reason.value = reason

    def save(self) -> str:
        """Save the choice (no feedback); returns the message shown."""
        index, sure = self.choices.value, self.confidence.value
        if index is None or sure is None:
            message = NO_CHOICE_TO_SAVE
        else:
            reason = " ".join(self.reason.value.split())[:200]
            self.saved = (index, sure, reason)
            store = _store(self.store)
            stored = store.add(self.question.id, self.role, self.question.notebook, self.question.letter_of(index),
                               self.question.options[index].correct, sure, reason)
            later = ("Feedback comes after you explore: press “Compare with my prediction” below the explorer."
                     if self.role == "prediction" else
                     "Feedback comes at the end of the course, when chapter 07 compares these answers with your "
                     "answers there." if self.role == "warm-up" else
                     "Press “Compare with my warm-up” when you have answered all of them.")
            message = f"Saved: {self.question.letter_of(index)}, {sure.lower()}. {later}"
            if stored is None or store.notice:
                message += " " + store.notice
        self.message = message
        self.status.value = status_html(message)
        return message

    def _repr_mimebundle_(self, **kwargs):
        label = ("Show the answer and why (after you have made your prediction and explored)"
                 if self.role == "prediction" else "Show the answer and why")
        return _bundle(self.widget, static_html(self.question, label), f"Question: {self.question.prompt}", **kwargs)


#: Predictions saved in this kernel, by question id, in case the answers file cannot be written.
_SAVED: dict[str, Commitment] = {}


class Reveal:
    """“Compare with my prediction”: what was predicted, then the answer and why."""

    def __init__(self, question: Question, store: Store | None = None):
        self.question = question
        self.store = store
        self.button = widgets.Button(description="Compare with my prediction",
                                     tooltip="Show what you predicted, the answer and why",
                                     layout=widgets.Layout(min_width="16em", height="2.2em"))
        self.report = widgets.HTML(value="")
        self.report.add_class("cp-feedback")
        self.message = ""
        self.button.on_click(lambda _button: self.compare())
        self.widget = widgets.VBox([self.button, self.report])
        self.widget.add_class("cp-reveal")
        self.widget.add_class(f"cp-reveal-{question.id}")

    def _predicted(self) -> tuple[int, str | None, str] | None:
        saved = _store(self.store).latest(self.question.id, "prediction")
        if saved is not None:
            index = self.question.order[LETTERS.index(saved.letter)]
            return index, saved.confidence, saved.reason
        here = _SAVED.get(self.question.id)
        return here.saved if here is not None else None

    def compare(self) -> str:
        q = self.question
        predicted = self._predicted()
        right = f"The best answer is {q.letter_of(q.right_index)}: {q.options[q.right_index].text.rstrip('.')}."
        if predicted is None:
            message = (f"You have not saved a prediction for this question. {right} "
                       f"Why: {plain(q.options[q.right_index].feedback)}")
        else:
            index, sure, reason = predicted
            said = f"You predicted {q.letter_of(index)}" + (f" ({sure.lower()})" if sure else "")
            said += f", because “{reason}”." if reason else "."
            message = f"{said} {q.feedback_for(index, sure).removesuffix(' Try again if you like.')}"
            if not q.options[index].correct:
                message += f" {right}"
        self.message = message
        self.report.value = status_html(message)
        return message

    def _repr_mimebundle_(self, **kwargs):
        static = ('<p class="cp-static-reveal"><em>With the notebook running, a button here shows your '
                  "prediction next to the answer. The answer and why are under the prediction above.</em></p>")
        return _bundle(self.widget, static, f"Compare with my prediction ({self.question.id})", **kwargs)


# ---- groups of questions ----------------------------------------------------------------------
class Probe:
    """Several questions shown together: chapter warm-ups and exit tickets (feedback at once), or
    the course warm-up and post-test (saved, feedback later)."""

    def __init__(self, questions, role: str = "check", store: Store | None = None):
        committed = role in ("warm-up", "post-test")
        self.role = role
        self.checks = [Commitment(q, role, store) if committed else SelfCheck(q, role, store) for q in questions]
        if committed:
            text = "Answer each question, say how sure you are and, if you like, why; then press “Save my answer”. "
        else:
            sure = ", say how sure you are" if any(q.confidence for q in questions) else ""
            text = f"Answer each question{sure}, then press “Check answer”. "
        header = widgets.HTML(f"<p>{html.escape(text)}</p><p><em>{html.escape(KEPT)}</em></p>")
        self.widget = widgets.VBox([header] + [c.widget for c in self.checks])

    def _repr_mimebundle_(self, **kwargs):
        static = "".join(static_html(c.question) for c in self.checks)
        return _bundle(self.widget, static, f"{len(self.checks)} questions.", **kwargs)


def ask(question_id: str) -> SelfCheck:
    """Show one question from the bank with feedback at once (the last line of a notebook cell)."""
    return SelfCheck(load_bank()[question_id])


def ask_all(*question_ids: str, role: str = "check") -> Probe:
    """Show several questions together (chapter warm-ups, exit tickets: ``role="exit ticket"``)."""
    bank = load_bank()
    return Probe([bank[q] for q in question_ids], role)


def predict(question_id: str) -> Commitment:
    """A prediction: saved with a confidence and a reason, no feedback until :func:`reveal`."""
    commitment = Commitment(load_bank()[question_id], "prediction")
    _SAVED[question_id] = commitment
    return commitment


def reveal(question_id: str) -> Reveal:
    """After the explorer: the learner's saved prediction, the answer and why, on request."""
    return Reveal(load_bank()[question_id])


def warm_up() -> Probe:
    """The misconception probe in 00: answers are saved, with no feedback until the post-test."""
    bank = load_bank()
    return Probe([bank[q] for q in bank.probe], "warm-up")


# ---- the post-test and its comparison -----------------------------------------------------------
@dataclass(frozen=True)
class Comparison:
    """One idea: the warm-up answer, the post-test answer, and where it is taught."""

    question_id: str  # the post-test item
    prompt: str
    chapter: int
    before: str
    after: str
    why: str  # feedback on the post-test answer ("" if none)


def _status(answer) -> str:
    if answer is None:
        return "not answered"
    sure = f" ({answer.confidence.lower()})" if answer.confidence else ""
    return ("best answer" if answer.correct else "another answer") + sure


def compare_answers(store: Store) -> tuple[list[Comparison], str]:
    """Warm-up (latest saved in 00) against post-test (latest saved in 07), item by item, and one summary."""
    bank = load_bank()
    rows, before_right, after_right, answered_before, answered_after = [], 0, 0, 0, 0
    for post_id in bank.post:
        post = bank[post_id]
        before, after = store.latest(post.parallel_of, "warm-up"), store.latest(post_id, "post-test")
        why = ""
        if after is not None:
            index = post.order[LETTERS.index(after.letter)]
            why = plain(post.options[index].feedback)
        rows.append(Comparison(post_id, post.prompt, post.chapter, _status(before), _status(after), why))
        answered_before += before is not None
        answered_after += after is not None
        before_right += bool(before and before.correct)
        after_right += bool(after and after.correct)
    if answered_after == 0:
        return rows, "Save your answers above first; then the comparison has something to show."
    if answered_before == 0:
        return rows, (f"You chose the best answer for {after_right} of {len(rows)} questions. No warm-up answers "
                      "from chapter 00 were found in your answers file, and that is fine: the warm-up is optional.")
    ideas = "idea" if answered_before == 1 else "ideas"
    return rows, (f"In the warm-up in chapter 00 you chose the best answer for {before_right} of the "
                  f"{answered_before} {ideas} you answered; now you chose it for {after_right} of {answered_after}. "
                  "Each row says which chapter teaches the idea.")


class PostTest:
    """Chapter 07: parallel forms of the warm-up, saved, then compared with the warm-up on request."""

    def __init__(self, store: Store | None = None):
        bank = load_bank()
        self.store = store
        self.probe = Probe([bank[q] for q in bank.post], "post-test", store)
        self.summary = ""
        self.button = widgets.Button(
            description="Compare with my warm-up",
            tooltip="Show your warm-up answer from chapter 00 and your answer here, idea by idea",
            layout=widgets.Layout(min_width="16em", height="2.2em"))
        self.report = widgets.HTML()
        self.report.add_class("cp-comparison")
        self.button.on_click(lambda _button: self.compare())
        self.widget = widgets.VBox([self.probe.widget, self.button, self.report])

    @property
    def checks(self) -> list[Commitment]:
        return self.probe.checks

    def compare(self) -> str:
        """Show the comparison; returns its summary sentence."""
        store = _store(self.store)
        rows, summary = compare_answers(store)
        if store.notice:
            summary += " " + store.notice
        self.summary = summary
        body = "".join(
            f"<tr><td>{html.escape(r.prompt)}</td><td>{html.escape(r.before)}</td><td>{html.escape(r.after)}</td>"
            f"<td>{html.escape(r.why)}</td><td>Chapter {r.chapter:02d}</td></tr>" for r in rows)
        self.report.value = (
            status_html(summary)
            + "<table><caption>Your answers, idea by idea (from your answers file)</caption>"
            '<thead><tr><th scope="col">Question now</th><th scope="col">Warm-up (00)</th><th scope="col">Now</th>'
            f'<th scope="col">Why</th><th scope="col">Taught in</th></tr></thead><tbody>{body}</tbody></table>')
        return summary

    def _repr_mimebundle_(self, **kwargs):
        static = "".join(static_html(c.question) for c in self.checks)
        return _bundle(self.widget, static,
                       f"Post-test: {len(self.checks)} questions, then a comparison with your warm-up.", **kwargs)


def post_test() -> PostTest:
    """The post-test in 07, compared with the warm-up saved in 00."""
    return PostTest()


# ---- my progress ------------------------------------------------------------------------------
class MyProgress:
    """What the answers file holds, an export under a pseudonym, and an erase button."""

    def __init__(self, store: Store | None = None):
        self.store = _store(store)
        self.summary = widgets.HTML()
        self.pseudonym = widgets.Text(placeholder="a made-up name", description="Pseudonym:",
                                      style={"description_width": "initial"})
        self.export_button = widgets.Button(description="Export as CSV", tooltip="Write your answers to a CSV file",
                                            layout=widgets.Layout(min_width="10em", height="2.2em"))
        self.sure = widgets.Checkbox(value=False, description="Yes, erase all my saved answers", indent=False)
        self.erase_button = widgets.Button(description="Erase my answers", button_style="",
                                           tooltip="Delete your answers file",
                                           layout=widgets.Layout(min_width="10em", height="2.2em"))
        self.status = widgets.HTML()
        self.status.add_class("cp-feedback")
        self.message = ""
        self.update_button = widgets.Button(description="Update", tooltip="Read your answers file again",
                                            layout=widgets.Layout(min_width="8em", height="2.2em"))
        self.update_button.on_click(lambda _b: self.refresh())
        self.export_button.on_click(lambda _b: self.export())
        self.erase_button.on_click(lambda _b: self.erase())
        self.widget = widgets.VBox([self.summary, self.update_button,
                                    widgets.HBox([self.pseudonym, self.export_button]),
                                    widgets.HBox([self.sure, self.erase_button]), self.status])
        self.widget.add_class("cp-progress")
        self.refresh()

    def refresh(self) -> str:
        answers = self.store.answers()
        sentence = summarise(answers).sentence()
        note = f" {self.store.notice}" if self.store.notice else ""
        self.summary.value = (f"<p><strong>My progress.</strong> {html.escape(sentence + note)}</p>"
                              f"<p><em>{html.escape(KEPT)}</em></p>")
        return sentence

    def _say(self, message: str) -> str:
        self.message = message
        self.status.value = status_html(message)
        self.refresh()
        return message

    def export(self) -> str:
        _path, message = self.store.export_csv(self.pseudonym.value)
        return self._say(message)

    def erase(self) -> str:
        if not self.sure.value:
            return self._say("Tick “Yes, erase all my saved answers” first, then press Erase.")
        self.sure.value = False
        return self._say(self.store.erase())

    def _repr_mimebundle_(self, **kwargs):
        static = ("<p><em>With the notebook running, this shows a summary of your saved answers, with buttons to "
                  "export them as a CSV file or erase them.</em></p>")
        return _bundle(self.widget, static, "My progress", **kwargs)


def my_progress() -> MyProgress:
    """The learner's saved answers: a summary, export under a pseudonym, erase."""
    return MyProgress()
