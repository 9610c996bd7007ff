"""Printable worksheets (``authoring/worksheets.py``): complete, faithful, and the learner copy gives nothing away.

For every chapter, the learner copy and the teacher copy hold every prediction (with the warm-up
in 00 and the post-test in 07) and every exit-ticket item the notebook asks, in that order, each
with its options in the order learners see them. The learner copy has no feedback, no answer
marks and no misconception ids, and every option is marked up the same way (no styling cue); the
teacher copy marks exactly the right letter. Both pages are well-formed, self-contained HTML.

The expected items are read here from the notebooks' question calls, not from the module's own
list, and the checks are tested on deliberately leaky copies, so a leak fails a test. The browser
group prints a learner copy with Debian's Chromium and checks that it fits A4 and Letter.
"""

from __future__ import annotations

import dataclasses
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from authoring import worksheets
from authoring.notebooks import question_calls, read
from calcium_paradox.course import DISCLAIMER, existing, load_course
from calcium_paradox.questions import LETTERS, load_bank, plain

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
COURSE = load_course()
BANK = load_bank()
CHAPTERS = existing(COURSE.chapters, NOTEBOOKS)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
ANSWER_WORDS = re.compile(r"\bcorrect\b|right answer|best answer|answer key|why it is right|feedback:|signals:", re.I)
MISCONCEPTION_ID = re.compile(r"(?<![\w-])M\d{1,2}\b")
QUESTION_ID = re.compile(r"\b(?:N\d\d-[A-Z]\d+|P-M\d+(?:-post)?)\b")


def squash(text: str) -> str:
    return " ".join(text.split())


# ---- what each worksheet must hold, read straight from the notebook ----------------------------
def _calls(nb) -> tuple[list[str], list[str]]:
    commits, exits = [], []
    for call in question_calls(nb, BANK.probe, BANK.post):
        if call.function in ("predict", "warm_up", "post_test"):
            commits += call.ids
        elif call.function == "ask_all" and call.role == "exit ticket":
            exits += call.ids
    return commits, exits


def expected(nb) -> list:
    """Predictions (and the warm-up, the post-test) in notebook order, then the exit ticket."""
    commits, exits = _calls(nb)
    return [BANK[qid] for qid in dict.fromkeys(commits + exits)]


def commitments(nb) -> set[str]:
    """The items learners commit to (how sure, and why): predictions, the warm-up, the post-test."""
    return set(_calls(nb)[0])


# ---- reading a page -----------------------------------------------------------------------------
@dataclasses.dataclass
class Option:
    attrs: dict
    text: str = ""
    markup: list = dataclasses.field(default_factory=list)  # the tags inside, with their attributes


@dataclasses.dataclass
class Fieldset:
    attrs: dict
    legend: str = ""
    text: str = ""
    options: list = dataclasses.field(default_factory=list)
    right_letters: list = dataclasses.field(default_factory=list)  # text of <strong class="right-letter">


class Page(HTMLParser):
    """Tags balanced, the page's language, title, text, attribute values, fieldsets and their options."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: dict[str, int] = {}
        self.lang = None
        self.title = ""
        self.text: list[str] = []
        self.values: list[str] = []
        self.fieldsets: list[Fieldset] = []
        self._legend = self._option = self._title = self._right = False
        self.feed(markup)
        self.close()
        if self.stack:
            self.errors.append(f"never closed: {self.stack}")
        self.all_text = squash(" ".join(self.text))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.values += [v for v in attrs.values() if v]
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag not in VOID:
            self.stack.append(tag)
        field = self.fieldsets[-1] if self.fieldsets and "fieldset" in self.stack[:-1] else None
        if tag == "fieldset":
            self.fieldsets.append(Fieldset(attrs))
        elif field is not None and tag == "legend":
            self._legend = True
        elif field is not None and tag == "li" and "option" in attrs.get("class", "").split():
            field.options.append(Option(attrs))
            self._option = True
        elif field is not None and self._option:
            field.options[-1].markup.append((tag, tuple(sorted(attrs.items()))))
        if field is not None and tag == "strong" and attrs.get("class") == "right-letter":
            self._right = True
        self._title = tag == "title"

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()
        if tag == "legend":
            self._legend = False
        elif tag == "li":
            self._option = False
        elif tag == "strong":
            self._right = False
        self._title = False

    def handle_data(self, data):
        self.text.append(data)
        if self._title:
            self.title += data
        if self.fieldsets and "fieldset" in self.stack:
            field = self.fieldsets[-1]
            field.text += data
            if self._legend:
                field.legend += data
            if self._option:
                field.options[-1].text += data
            if self._right:
                field.right_letters.append(data.strip())


# ---- the checks -------------------------------------------------------------------------------
def page_problems(markup: str) -> list[str]:
    """Well-formed, self-contained HTML: balanced tags, lang, title, no scripts, nothing from the network."""
    page = Page(markup)
    problems = list(page.errors)
    if not markup.startswith("<!DOCTYPE html>"):
        problems.append("no doctype")
    if page.lang != "en":
        problems.append(f'lang is {page.lang!r}, not "en"')
    if not page.title.strip():
        problems.append("no <title>")
    for tag in ("script", "link", "img", "iframe", "object", "embed"):
        if page.tags.get(tag):
            problems.append(f"<{tag}> on the page")
    if re.search(r"https?://", markup, re.I):
        problems.append("an http(s) address on the page")
    if re.search(r"@import|url\(|\bsrc=", markup, re.I):
        problems.append("something loaded from elsewhere (@import, url() or src=)")
    if page.tags.get("style") != 1:
        problems.append("not exactly one <style>")
    if page.tags.get("h1") != 1:
        problems.append("not exactly one h1")
    return problems


def item_problems(page: Page, questions: list) -> list[str]:
    """Every item, in order, as a fieldset with its prompt as legend and its options in shown order."""
    problems = []
    if len(page.fieldsets) != len(questions):
        problems.append(f"{len(page.fieldsets)} questions on the page, {len(questions)} expected")
    for number, (field, q) in enumerate(zip(page.fieldsets, questions, strict=False), start=1):
        if q.prompt not in squash(field.legend):
            problems.append(f"question {number}: the legend is not the prompt of {q.id}")
        if not squash(field.legend).startswith(f"Question {number}."):
            problems.append(f"question {number}: not numbered {number}")
        texts = [squash(o.text) for o in field.options]
        wanted = [f"{LETTERS[n]}. {o.text}" for n, o in enumerate(q.shown)]
        if [t[:len(w)] for t, w in zip(texts, wanted, strict=False)] != wanted or len(texts) != len(wanted):
            problems.append(f"question {number} ({q.id}): options {texts} are not {wanted}")
    return problems


def learner_problems(markup: str, questions: list, main_message: str = "",
                     commits: set[str] = frozenset()) -> list[str]:
    """What the learner copy must have, and everything that would give an answer away."""
    page = Page(markup)
    text = page.all_text
    problems = item_problems(page, questions)
    if not page.tags.get("h2"):
        problems.append("no h2 for the sections")
    for q in questions:
        for o in q.options:
            for sentence in re.split(r"(?<=[.!?])\s+", squash(plain(o.feedback))):
                if len(sentence) >= 25 and sentence in text:
                    problems.append(f"{q.id}: feedback on the page: {sentence!r}")
    marks = sorted({m.group(0) for m in ANSWER_WORDS.finditer(text + " " + " ".join(page.values))})
    if marks:
        problems.append(f"answer marks on the page: {marks}")
    if MISCONCEPTION_ID.search(markup):
        problems.append(f"a misconception id on the page: {MISCONCEPTION_ID.search(markup).group(0)}")
    if QUESTION_ID.search(markup):  # P-M2 names the misconception its item probes
        problems.append(f"a question id on the page: {QUESTION_ID.search(markup).group(0)}")
    looks = {(tuple(sorted(o.attrs.items() - {("data-letter", o.attrs.get("data-letter"))})), tuple(o.markup))
             for f in page.fieldsets for o in f.options}
    if len(looks) > 1:
        problems.append(f"options are not all marked up the same way: {sorted(looks)}")
    if any(f.right_letters for f in page.fieldsets):
        problems.append("a right letter is marked")
    if text.count(squash(plain(DISCLAIMER).replace("**", ""))) != 2:
        problems.append("the disclaimer is not at both the top and the bottom")
    if "Name or pseudonym:" not in text:
        problems.append("no name line")
    for field, q in zip(page.fieldsets, questions, strict=False):
        if q.id in commits and not all(s in squash(field.text) for s in ("How sure are you? Sure Unsure Guessing",
                                                                         "My reason:")):
            problems.append(f"{q.id}: no 'How sure are you?' boxes or no 'My reason:' box")
    if main_message:
        where = text.find(squash(main_message))
        last = text.find(squash(questions[-1].shown[-1].text)) if questions else -1
        if where == -1:
            problems.append("the main message is missing")
        elif where < last:
            problems.append("the main message comes before the questions (it can give a prediction away)")
    return problems


def teacher_problems(markup: str, questions: list) -> list[str]:
    """The same items, each with exactly the right letter marked, every option's feedback and signal."""
    page = Page(markup)
    problems = item_problems(page, questions)
    if not page.tags.get("h2"):
        problems.append("no h2 for the sections")
    for number, (field, q) in enumerate(zip(page.fieldsets, questions, strict=False), start=1):
        right = q.letter_of(q.right_index)
        if field.attrs.get("data-question") != q.id:
            problems.append(f"question {number}: not {q.id}")
        marked = [o for o in field.options if "is-right" in o.attrs.get("class", "").split()]
        letters = [o.attrs.get("data-letter") for o in marked]
        if letters != [right]:
            problems.append(f"{q.id}: marked {letters}, the right letter is {right}")
        if field.right_letters != [right]:
            problems.append(f"{q.id}: the key says {field.right_letters}, the right letter is {right}")
        if squash(field.text).count("Right answer") != 1 or any("Right answer" in o.text for o in field.options
                                                                  if o not in marked):
            problems.append(f"{q.id}: 'Right answer' is not written once, on the right option")
        for option, shown in zip(field.options, q.shown, strict=False):
            if squash(plain(shown.feedback)) not in squash(option.text):
                problems.append(f"{q.id}: the feedback of {shown.text!r} is missing")
            if shown.misconception and not re.search(rf"\b{shown.misconception}\b", option.text):
                problems.append(f"{q.id}: the misconception {shown.misconception} is not named")
    return problems


# ---- the worksheets ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def notebooks():
    return {c.slug: read(NOTEBOOKS / c.filename) for c in CHAPTERS}


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.slug)
def test_the_learner_copy_holds_every_item_and_gives_nothing_away(notebooks, chapter):
    nb = notebooks[chapter.slug]
    questions = expected(nb)
    assert questions, f"{chapter.filename} asks no prediction and no exit-ticket item"
    markup = worksheets.learner_html(nb, chapter)
    assert page_problems(markup) == []
    assert learner_problems(markup, questions, nb.metadata["course"]["main_message"], commitments(nb)) == []
    assert nb.metadata["course"]["title"] in Page(markup).all_text


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.slug)
def test_the_teacher_copy_holds_every_item_with_exactly_the_right_letter_marked(notebooks, chapter):
    nb = notebooks[chapter.slug]
    markup = worksheets.teacher_html(nb, chapter)
    assert page_problems(markup) == []
    assert teacher_problems(markup, expected(nb)) == []
    text = Page(markup).all_text
    assert nb.metadata["course"]["main_message"] in text and nb.metadata["course"]["title"] in text


def test_the_sheets_cover_predictions_warm_up_post_test_and_exit_tickets(notebooks):
    kinds = {c.number: [s.kind for s in worksheets.sections(notebooks[c.slug])] for c in CHAPTERS}
    assert "warm-up" in kinds[0] and "post-test" in kinds[7]
    assert all("exit ticket" in k for n, k in kinds.items() if n not in (0, 7))
    assert all(k.count("exit ticket") <= 1 for k in kinds.values())
    assert all(k[-1] == "exit ticket" for k in kinds.values() if "exit ticket" in k)


def test_build_writes_both_copies_of_every_chapter_and_an_index(tmp_path):
    written = worksheets.build(tmp_path)
    names = sorted(p.name for p in written)
    wanted = sorted([f"{c.slug}-learner.html" for c in CHAPTERS] + [f"{c.slug}-teacher.html" for c in CHAPTERS]
                    + ["index.html"])
    assert names == wanted
    index = (tmp_path / "index.html").read_text("utf-8")
    assert page_problems(index) == []
    links = re.findall(r'href="([^"]+)"', index)
    assert sorted(links) == sorted(n for n in wanted if n != "index.html")
    for path in written:
        assert page_problems(path.read_text("utf-8")) == [], path.name


def test_print_rules_keep_questions_whole_and_the_type_large():
    css = worksheets.CSS
    assert "@media print" in css and "break-inside: avoid" in css and "break-before: page" in css
    for size in re.findall(r"font-size:\s*([\d.]+)(pt|rem|em)", css):
        value, unit = float(size[0]), size[1]
        assert (value if unit == "pt" else value * 12) >= 11, f"font-size {value}{unit} is under 11pt"


# ---- the checks catch a leak ---------------------------------------------------------------------
def _leaky(mutate):
    """The learner copy of chapter 01 with ``mutate(q, html_of_one_question)`` applied to each question."""
    chapter = COURSE.chapter(1)
    nb = read(NOTEBOOKS / chapter.filename)
    original = LEARNER_QUESTION

    def leaky(number, q, commits):
        return mutate(q, original(number, q, commits))

    worksheets.learner_question = leaky
    try:
        markup = worksheets.learner_html(nb, chapter)
    finally:
        worksheets.learner_question = original
    return markup, expected(nb), nb.metadata["course"]["main_message"], commitments(nb)


LEARNER_QUESTION = worksheets.learner_question  # the real one, while a test swaps in a leaky one


def _right_text(q) -> str:
    return html.escape(q.options[q.right_index].text)


class _RightFirst:
    """A question whose options are shown with the right one first (an ordering cue)."""

    def __init__(self, q):
        self._q = q

    def __getattr__(self, name):
        return getattr(self._q, name)

    @property
    def shown(self):
        return (self._q.options[self._q.right_index], *(o for o in self._q.shown if not o.correct))


LEAKS = {
    "feedback": lambda q, h: h.replace("</fieldset>", f"<p>{html.escape(plain(q.options[0].feedback))}</p></fieldset>"),
    "a 'Correct' mark": lambda q, h: h.replace(f"<span>{_right_text(q)}</span>",
                                                f"<span>{_right_text(q)} (Correct)</span>"),
    "bold right option": lambda q, h: h.replace(f"<span>{_right_text(q)}</span>",
                                                 f"<span><strong>{_right_text(q)}</strong></span>"),
    "a class on the right option": lambda q, h: h.replace(
        f'<li class="option"><span class="box" aria-hidden="true"></span><span class="letter">'
        f'{q.letter_of(q.right_index)}.', f'<li class="option right"><span class="box" aria-hidden="true"></span>'
        f'<span class="letter">{q.letter_of(q.right_index)}.'),
    "a misconception id": lambda q, h: h.replace("</legend>", " (M2)</legend>"),
    "the right option first": lambda q, h: LEARNER_QUESTION(
        int(re.search(r"Question (\d+)\.", h).group(1)), _RightFirst(q), "My reason:" in h),
}


@pytest.mark.parametrize("leak", LEAKS, ids=list(LEAKS))
def test_a_leak_into_the_learner_copy_fails_the_checks(leak):
    clean, questions, message, commits = _leaky(lambda q, h: h)
    leaky = _leaky(LEAKS[leak])[0]
    assert learner_problems(clean, questions, message, commits) == []
    assert leaky != clean, f"the {leak} mutation changed nothing"
    assert learner_problems(leaky, questions, message, commits), f"a learner copy with {leak} passed the checks"


def test_the_main_message_before_the_questions_fails_the_checks():
    clean, questions, message, _commits = _leaky(lambda q, h: h)
    moved = clean.replace("<main>", f'<main><p class="message">{html.escape(message)}</p>', 1)
    assert learner_problems(moved, questions, message)


def test_a_wrong_or_double_mark_in_the_teacher_copy_fails_the_checks():
    chapter = COURSE.chapter(1)
    nb = read(NOTEBOOKS / chapter.filename)
    questions = expected(nb)
    markup = worksheets.teacher_html(nb, chapter)
    assert teacher_problems(markup, questions) == []
    q = questions[0]
    right, wrong = q.letter_of(q.right_index), next(L for L in "ABC" if L != q.letter_of(q.right_index))
    moved = markup.replace(f'<li class="option is-right" data-letter="{right}">',
                           f'<li class="option is-right" data-letter="{wrong}">', 1)
    double = markup.replace(f'<li class="option" data-letter="{wrong}">',
                            f'<li class="option is-right" data-letter="{wrong}">', 1)
    key = markup.replace(f'<strong class="right-letter">{right}</strong>',
                         f'<strong class="right-letter">{wrong}</strong>', 1)
    for bad in (moved, double, key):
        assert bad != markup
        assert teacher_problems(bad, questions)


def test_a_script_or_a_web_address_fails_the_page_checks():
    chapter = COURSE.chapter(1)
    markup = worksheets.learner_html(read(NOTEBOOKS / chapter.filename), chapter)
    assert page_problems(markup.replace("</body>", "<script>1</script></body>"))
    assert page_problems(markup.replace("</main>", '<a href="https://example.org">x</a></main>'))
    assert page_problems(markup.replace("</main>", "<div></main>"))


# ---- printed, in Chromium -----------------------------------------------------------------------
@pytest.mark.browser
def test_in_chromium_both_copies_stay_offline_and_axe_finds_nothing_serious(tmp_path):
    from site_support import chromium, is_local_request, need_browser, run_axe

    need_browser()
    worksheets.build(tmp_path)
    chapter = COURSE.chapter(2)
    with chromium() as browser:
        for name in (*worksheets.file_names(chapter), "index.html"):
            page = browser.new_page()
            requests: list[str] = []
            page.on("request", lambda r, requests=requests: requests.append(r.url))
            page.goto((tmp_path / name).as_uri())
            assert [u for u in requests if not is_local_request(u)] == [], name
            serious = [v for v in run_axe(page) if v["impact"] in ("serious", "critical")]
            assert not serious, f"{name}: axe-core found {serious}"
            page.close()


@pytest.mark.browser
def test_in_chromium_a_learner_copy_prints_on_a4_and_letter_without_cut_off(tmp_path):
    from site_support import labdriver, need_browser

    need_browser()
    worksheets.build(tmp_path)
    chapter = COURSE.chapter(2)
    page_file = tmp_path / f"{chapter.slug}-learner.html"
    mm = 96 / 25.4
    with labdriver.chromium() as browser:
        for paper, (width, height) in {"A4": (210, 297), "Letter": (215.9, 279.4)}.items():
            page = browser.new_page(viewport={"width": round((width - 28) * mm), "height": 900})
            requests: list[str] = []
            page.on("request", lambda r, requests=requests: requests.append(r.url))
            page.emulate_media(media="print")
            page.goto(page_file.as_uri())
            assert [u for u in requests if not labdriver.is_local(u)] == []
            sizes = page.evaluate("""() => ({
                wide: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                tallest: Math.max(...[...document.querySelectorAll('fieldset')].map(f => f.offsetHeight)),
                smallest: Math.min(...[...document.querySelectorAll('body *')].filter(e => e.textContent.trim())
                                    .map(e => parseFloat(getComputedStyle(e).fontSize)))})""")
            assert sizes["wide"] <= 0, f"{paper}: the page is wider than the paper"
            assert sizes["tallest"] < (height - 30) * mm, f"{paper}: a question is taller than a page"
            assert sizes["smallest"] >= 11 * 96 / 72 - 0.1, f"{paper}: text under 11pt"
            pdf = page.pdf(format=paper)
            assert pdf.startswith(b"%PDF-")
            page.close()
