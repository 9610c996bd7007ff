"""Slide decks (``authoring/slides.py``): one per chapter, faithful, offline, and no answer on a question's slide.

Every chapter gets a deck. What each deck must hold is read here from the notebook itself (its
``predict`` calls, its images, its objectives, its key points), not from the module's own lists.
A prediction's slide shows the prompt and the options in the order learners see them, all marked
up alike, with nothing that tells the best one; a later slide gives the answer. Nothing on a page
is loaded from the network; every figure has alt text, a caption and a text description, and toy
figures carry the toy-model label. Each check is also run on a deliberately broken deck, so a
regression fails a test. The browser group opens decks in Debian's Chromium.
"""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from authoring import slides
from authoring.notebooks import question_calls, read, source
from calcium_paradox.course import DISCLAIMER, TOY_MODEL_LABEL, existing, load_course
from calcium_paradox.questions import LETTERS, load_bank, plain

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
COURSE = load_course()
BANK = load_bank()
CHAPTERS = existing(COURSE.chapters, NOTEBOOKS)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
ANSWER_WORDS = re.compile(r"\bcorrect\b|right answer|best answer is|answer key|\bwhy:", re.I)
LOADING = {"img": "src", "script": "src", "link": "href", "source": "src", "iframe": "src", "embed": "src",
           "object": "data", "audio": "src", "video": "src"}


def squash(text: str) -> str:
    return " ".join(text.split())


# ---- reading a deck -----------------------------------------------------------------------------
@dataclasses.dataclass
class SlideSeen:
    attrs: dict
    text: str = ""
    options: list = dataclasses.field(default_factory=list)  # [attrs, text, tags inside] of each li.option
    images: list = dataclasses.field(default_factory=list)
    markup: list = dataclasses.field(default_factory=list)  # every tag inside, with its attributes
    notes: dict = dataclasses.field(default_factory=dict)  # id -> text of <aside class="notes">
    captions: list = dataclasses.field(default_factory=list)
    labels: list = dataclasses.field(default_factory=list)


class Deck(HTMLParser):
    """The slides of a deck page, and everything it would load."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.slides: list[SlideSeen] = []
        self.loads: list[str] = []
        self.tags: dict[str, int] = {}
        self.lang = None
        self._in: list[tuple] = []  # (depth of the tag, what, target): where text goes
        self.feed(markup)
        self.close()
        if self.stack:
            self.errors.append(f"never closed: {self.stack}")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag in LOADING and attrs.get(LOADING[tag]):
            self.loads.append(attrs[LOADING[tag]])
        if tag == "section" and "slide" in attrs.get("class", "").split():
            self.slides.append(SlideSeen(attrs))
        elif self.slides and "section" in self.stack:
            slide = self.slides[-1]
            slide.markup.append((tag, tuple(sorted(attrs.items()))))
            if any(what == "option" for _d, what, _t in self._in):
                slide.options[-1][2].append((tag, tuple(sorted(attrs.items()))))
            if tag == "li" and "option" in attrs.get("class", "").split():
                slide.options.append([attrs, "", []])
                self._in.append(("option", slide.options[-1]))
            elif tag == "img":
                slide.images.append(attrs)
            elif tag == "aside" and "notes" in attrs.get("class", "").split():
                slide.notes[attrs.get("id", "")] = ""
                self._in.append(("notes", attrs.get("id", "")))
            elif tag == "figcaption":
                slide.captions.append("")
                self._in.append(("caption", None))
            elif tag == "p" and "label" in attrs.get("class", "").split():
                slide.labels.append("")
                self._in.append(("label", None))
        if tag not in VOID:
            self.stack.append(tag)
            if self._in and not isinstance(self._in[-1][0], int):
                self._in[-1] = (len(self.stack), *self._in[-1])  # remember the depth that closes it

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        if self._in and self._in[-1][0] == len(self.stack):
            self._in.pop()
        self.stack.pop()

    def handle_data(self, data):
        if not self.slides or "section" not in self.stack:
            return
        slide = self.slides[-1]
        slide.text += data
        for _depth, what, target in self._in:
            if what == "option":
                target[1] += data
            elif what == "notes":
                slide.notes[target] += data
            elif what == "caption":
                slide.captions[-1] += data
            elif what == "label":
                slide.labels[-1] += data


def visible_text(slide: SlideSeen) -> str:
    """The slide's text with its notes left out (squashed)."""
    text = squash(slide.text)
    for note in slide.notes.values():
        text = text.replace(squash(note), "")
    return squash(text)


# ---- what each deck must hold, read straight from the notebook --------------------------------------
def predictions(nb) -> list:
    return [BANK[qid] for call in question_calls(nb) if call.function == "predict" for qid in call.ids]


def notebook_figures(nb) -> list[str]:
    """The alt text of every figure a learner sees: Markdown images and the key states saved as outputs."""
    alts = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            alts += re.findall(r"!\[([^\]]*)\]\(", source(cell))
        for output in cell.get("outputs", []):
            markup = output.get("data", {}).get("text/html", "")
            alts += [m for m in re.findall(r'<img[^>]*\balt="([^"]*)"', markup)]
    return alts


def _html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


# ---- the checks -------------------------------------------------------------------------------------
def page_problems(markup: str, folder: Path | None = None) -> list[str]:
    """Well-formed HTML with one h1, and every asset local (and present in ``folder``, when given)."""
    deck = Deck(markup)
    problems = list(deck.errors)
    if not markup.startswith("<!DOCTYPE html>"):
        problems.append("no doctype")
    if deck.lang != "en":
        problems.append(f"lang is {deck.lang!r}")
    if deck.tags.get("h1") != 1:
        problems.append("not exactly one h1")
    for url in deck.loads:
        parts = urlsplit(url)
        if parts.scheme or url.startswith("//"):
            problems.append(f"loads {url[:80]} from elsewhere")
        elif folder is not None and not (folder / parts.path).is_file():
            problems.append(f"loads {url}, which is not in the deck's folder")
    for style in re.findall(r"<style>(.*?)</style>", markup, re.S):
        if re.search(r"@import|url\(", style):
            problems.append("the stylesheet loads something (@import or url())")
    if re.search(r"""(?:src|href|data)\s*=\s*["']?\s*(?:https?:)?//""", markup, re.I):
        problems.append("an http(s) address in a src or href")
    return problems


def answer_problems(markup: str, questions: list) -> list[str]:
    """Each prediction: asked with its options in shown order (all alike, nothing marking the best), then
    discussed, then answered on a later slide; no slide that shows its prompt before that gives the answer."""
    deck = Deck(markup)
    problems = []
    for q in questions:
        right = q.options[q.right_index]
        asked = [n for n, s in enumerate(deck.slides) if s.attrs.get("data-kind") == "question"
                 and s.attrs.get("data-question") == q.id]
        told = [n for n, s in enumerate(deck.slides) if s.attrs.get("data-kind") == "reveal"
                and s.attrs.get("data-question") == q.id]
        if len(asked) != 1 or len(told) != 1:
            problems.append(f"{q.id}: asked on {len(asked)} slides and revealed on {len(told)}")
            continue
        slide = deck.slides[asked[0]]
        texts = [squash(t) for _a, t, _m in slide.options]
        wanted = [f"{LETTERS[n]}. {o.text}" for n, o in enumerate(q.shown)]
        if texts != wanted:
            problems.append(f"{q.id}: options {texts} are not {wanted}")
        if len({(tuple(sorted(a.items())), tuple(m)) for a, _t, m in slide.options}) > 1:
            problems.append(f"{q.id}: the options are not all marked up alike")
        feedback = [s for s in re.split(r"(?<=[.!?])\s+", squash(plain(right.feedback))) if len(s) >= 25]
        for n, s in enumerate(deck.slides[:told[0]]):
            text = squash(s.text)  # notes included: they are projected when switched on
            if squash(q.prompt) not in text and s.attrs.get("data-question") != q.id:
                continue
            if ANSWER_WORDS.search(text):
                problems.append(f"{q.id}: slide {n + 1} shows the question and '{ANSWER_WORDS.search(text)[0]}'")
            if any(sentence in text for sentence in feedback):
                problems.append(f"{q.id}: slide {n + 1} shows the question and the best answer's feedback")
        if not told[0] > asked[0] + 1 or deck.slides[asked[0] + 1].attrs.get("data-kind") != "discuss":
            problems.append(f"{q.id}: no 'discuss' slide between the question and the reveal")
        reveal = squash(deck.slides[told[0]].text)
        if f"The best answer is {q.letter_of(q.right_index)}: {right.text}" not in reveal:
            problems.append(f"{q.id}: the reveal does not give {q.letter_of(q.right_index)}: {right.text}")
    return problems


def figure_problems(markup: str, alts: list[str]) -> list[str]:
    """Every figure of the notebook, in order, with alt text, a caption, a described-by text and its label."""
    deck = Deck(markup)
    problems = []
    shown = [(s, img) for s in deck.slides for img in s.images]
    if [_html_unescape(a) for a in alts] != [img.get("alt", "") for _s, img in shown]:
        problems.append(f"figures {[img.get('alt', '')[:30] for _s, img in shown]} are not the notebook's "
                        f"{[a[:30] for a in alts]}")
    for slide, img in shown:
        name = img.get("src", "?")
        if not img.get("alt", "").strip():
            problems.append(f"{name}: no alt text")
        if not slide.captions or not squash(slide.captions[0]):
            problems.append(f"{name}: no visible caption")
        described = slide.notes.get(img.get("aria-describedby", ""), "")
        if len(squash(described)) < 80:
            problems.append(f"{name}: no text description linked with aria-describedby")
        toy = TOY_MODEL_LABEL in img.get("alt", "") or TOY_MODEL_LABEL in "".join(slide.captions)
        if toy and TOY_MODEL_LABEL not in [squash(label) for label in slide.labels]:
            problems.append(f"{name}: a toy figure without the label {TOY_MODEL_LABEL!r} on the slide")
    return problems


def frame_problems(markup: str, nb, chapter) -> list[str]:
    """Title, hook, objectives, key points, the main message after the last reveal, the disclaimer first and last."""
    deck = Deck(markup)
    problems = []
    if not deck.slides:
        return ["no slides"]
    first, last = visible_text(deck.slides[0]), visible_text(deck.slides[-1])
    disclaimer = squash(plain(DISCLAIMER).replace("**", ""))
    if disclaimer not in first or disclaimer not in last:
        problems.append("the disclaimer is not on the first and the last slide")
    if chapter.title not in first or squash(chapter.hook) not in first:
        problems.append("the title slide lacks the chapter's title or hook")
    everything = squash(" ".join(s.text for s in deck.slides))
    meta = nb.metadata["course"]
    for objective in meta["objectives"].values():
        if squash(objective) not in everything:
            problems.append(f"objective missing: {objective}")
    summary = next(source(c) for c in nb.cells if "summary" in c.get("metadata", {}).get("tags", []))
    for point in re.findall(r"^- (.+)$", summary, re.M):
        plain_point = squash(re.sub(r"\*\*|\[([^\]]+)\]\([^)]*\)", lambda m: m.group(1) or "", point))
        if plain_point[:60] not in everything:
            problems.append(f"key point missing: {plain_point[:60]}")
    kinds = [s.attrs.get("data-kind") for s in deck.slides]
    where = next((n for n, s in enumerate(deck.slides) if squash(meta["main_message"]) in squash(s.text)), -1)
    if where == -1:
        problems.append("the main message is missing")
    elif "reveal" in kinds and where < max(n for n, k in enumerate(kinds) if k == "reveal"):
        problems.append("the main message comes before a reveal (it can give a prediction away)")
    return problems


# ---- the decks ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("slides")
    return out, slides.build(out)


def test_every_chapter_00_to_07_has_a_deck_and_the_index_links_them(built):
    out, written = built
    assert [c.number for c in CHAPTERS] == list(range(8))
    pages = sorted(p.name for p in written if p.suffix == ".html")
    assert pages == sorted([f"{c.slug}.html" for c in CHAPTERS] + ["index.html"])
    index = (out / "index.html").read_text("utf-8")
    assert page_problems(index, out) == []
    assert sorted(re.findall(r'href="([^"]+)"', index)) == sorted(f"{c.slug}.html" for c in CHAPTERS)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.slug)
def test_a_deck_is_faithful_offline_and_never_answers_a_prediction_on_its_slide(built, chapter):
    out, _ = built
    nb = read(NOTEBOOKS / chapter.filename)
    markup = (out / f"{chapter.slug}.html").read_text("utf-8")
    assert page_problems(markup, out) == []
    assert answer_problems(markup, predictions(nb)) == []
    assert figure_problems(markup, notebook_figures(nb)) == []
    assert frame_problems(markup, nb, chapter) == []
    if chapter.number < 7:
        assert predictions(nb), f"{chapter.filename} has no prediction"


def test_the_copied_figures_load_nothing_from_elsewhere(built):
    out, written = built
    svgs = [p for p in written if p.suffix == ".svg"]
    assert svgs
    for path in svgs:
        text = path.read_text("utf-8")
        assert not re.search(r"""(?:xlink:)?href\s*=\s*["']\s*(?:https?:)?//""", text), path.name
        assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", text), path.name


def test_the_slide_list_follows_the_notebook():
    chapter = COURSE.chapter(1)
    deck = slides.chapter_slides(read(NOTEBOOKS / chapter.filename), chapter)
    kinds = [s.kind for s in deck]
    assert kinds[0] == "title" and kinds[1] == "objectives" and kinds[-1] == "end"
    assert kinds.index("question") + 1 == kinds.index("discuss") < kinds.index("reveal") < kinds.index("points")
    assert kinds[kinds.index("discuss") + 1:kinds.index("reveal")] == ["figure"] * 3  # the key states, in between
    assert kinds.index("points") < kinds.index("message")


def test_inline_markdown_is_escaped_and_links_become_text():
    assert slides.inline("**A** <b> [Smith 2020](#ref-smith2020) *x*") == (
        "<strong>A</strong> &lt;b&gt; Smith 2020 <em>x</em>")
    assert slides.label_of("A toy scan") == TOY_MODEL_LABEL and slides.label_of("A forest plot") == ""


# ---- the checks catch a broken deck -------------------------------------------------------------------
def _deck(chapter_number: int = 1):
    chapter = COURSE.chapter(chapter_number)
    nb = read(NOTEBOOKS / chapter.filename)
    return chapter, nb, slides.render_deck(slides.chapter_slides(nb, chapter), chapter, COURSE)


def _question_end(markup: str) -> int:
    """Where the first question slide's content ends (just before its </section>)."""
    return markup.index("</section>", markup.index('data-kind="question"'))


BREAKS = {
    "the answer on the question slide": lambda m, q: (
        m[:_question_end(m)] + f"<p>The best answer is {q.letter_of(q.right_index)}.</p>" + m[_question_end(m):]),
    "the right option in bold": lambda m, q: m.replace(
        f"<span>{q.options[q.right_index].text}</span>", f"<span><strong>{q.options[q.right_index].text}"
        "</strong></span>", 1),
    "a class on the right option": lambda m, q: m.replace(
        f'<li class="option"><span class="letter">{q.letter_of(q.right_index)}.',
        f'<li class="option best"><span class="letter">{q.letter_of(q.right_index)}.', 1),
    "the feedback in the discuss notes": lambda m, q: m.replace(
        "The key states and the reveal come on the next slides.", plain(q.options[q.right_index].feedback), 1),
    "a letter changed": lambda m, q: m.replace('<span class="letter">A.</span>', '<span class="letter">Z.</span>', 1),
    "no discuss slide": lambda m, q: m.replace('data-kind="discuss"', 'data-kind="figure"', 1),
}


@pytest.mark.parametrize("name", BREAKS, ids=list(BREAKS))
def test_a_deck_that_gives_an_answer_away_fails_the_checks(name):
    _chapter, nb, markup = _deck()
    questions = predictions(nb)
    assert answer_problems(markup, questions) == []
    broken = BREAKS[name](markup, questions[0])
    assert broken != markup, f"the {name} break changed nothing"
    assert answer_problems(broken, questions), f"a deck with {name} passed the checks"


def test_a_remote_asset_or_a_missing_description_fails_the_checks(tmp_path):
    chapter, nb, markup = _deck()
    assert page_problems(markup) == [] and figure_problems(markup, notebook_figures(nb)) == []
    for remote in ('<script src="https://cdn.example.org/reveal.js"></script>',
                   '<link rel="stylesheet" href="//cdn.example.org/x.css">',
                   '<img src="http://example.org/x.png" alt="x">',
                   "<style>@import url(https://example.org/x.css);</style>"):
        assert page_problems(markup.replace("</main>", f"{remote}</main>")), remote
    assert page_problems(markup, tmp_path)  # the images are not in an empty folder
    first = re.search(r'<img src="[^"]+" alt="([^"]+)"', markup).group(1)
    assert figure_problems(markup.replace(f'alt="{first}"', 'alt=""', 1), notebook_figures(nb))
    assert figure_problems(re.sub(r' aria-describedby="[^"]+"', "", markup, count=1), notebook_figures(nb))
    assert figure_problems(markup.replace(f'<p class="label">{TOY_MODEL_LABEL}</p>', "", 1), notebook_figures(nb))
    assert frame_problems(markup.replace('<p class="disclaimer" role="note">', "<p>", 1).replace(
        "For learning only.", "", 1), nb, chapter)


# ---- in Chromium ---------------------------------------------------------------------------------------
def _guard(page, outside: list, failed: list, requests: list) -> None:
    """Abort every request that would leave this machine, and record all of them."""
    from site_support import is_local_request

    def route(r):
        if is_local_request(r.request.url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failed.append(r.url))


FIT = """() => { const s = document.querySelector('.slide:not([hidden])');
    const imgs = [...s.querySelectorAll('img')];
    return {over: s.scrollHeight - s.clientHeight, wide: s.scrollWidth - s.clientWidth,
            broken: imgs.filter(i => !i.complete || !i.naturalWidth).length,
            small: imgs.filter(i => i.clientHeight < 250).length}; }"""


@pytest.mark.browser
def test_in_chromium_a_deck_moves_with_the_arrow_keys_stays_offline_and_axe_finds_nothing_serious(built):
    from site_support import chromium, need_browser, run_axe

    need_browser()
    out, _ = built
    with chromium() as browser:
        for chapter in CHAPTERS:
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            outside, failed, requests = [], [], []
            _guard(page, outside, failed, requests)
            page.goto((out / f"{chapter.slug}.html").as_uri())
            page.wait_for_load_state("load")
            total = page.locator(".slide").count()
            counter = page.locator("#counter")
            assert counter.inner_text() == f"1 / {total}"
            assert page.locator(".slide:visible").count() == 1
            page.keyboard.press("ArrowRight")
            assert counter.inner_text() == f"2 / {total}"
            assert page.locator(".slide:visible").get_attribute("id") == "slide-2"
            page.keyboard.press("ArrowLeft")
            assert counter.inner_text() == f"1 / {total}"
            problems = {}
            for number in range(1, total + 1):  # every slide fits at 1280 x 720, its images loaded and large
                if number > 1:
                    page.keyboard.press("ArrowRight")
                assert counter.inner_text() == f"{number} / {total}"
                state = page.evaluate(FIT)
                if state["over"] > 1 or state["wide"] > 1 or state["broken"] or state["small"]:
                    problems[number] = state
                if chapter.number in (1, 5):
                    serious = [v for v in run_axe(page) if v["impact"] in ("serious", "critical")]
                    assert not serious, f"{chapter.slug} slide {number}: axe-core found {serious}"
            assert problems == {}, f"{chapter.slug}: slides that overflow or show small or broken images: {problems}"
            assert outside == [] and failed == [], (outside, failed)
            assert chapter.number == 7 or any(u.endswith(".png") for u in requests)
            page.emulate_media(media="print")
            pdf = page.pdf(width="13.333in", height="7.5in", print_background=True)
            assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == total, "print is not one slide per page"
            page.close()


@pytest.mark.parametrize("items", [(), ("a",), tuple("abcdef"), tuple("x" * 400 for _ in range(3)),
                                   tuple("abcdefghijk")])
def test_split_keeps_every_item_in_order_in_short_runs(items):
    runs = slides.split(items)
    assert tuple(i for run in runs for i in run) == items
    assert all(0 < len(run) <= 5 for run in runs)
    assert all(sum(map(len, run)) <= 900 or len(run) == 1 for run in runs)


def test_the_slides_command_is_wired_into_tasks_and_its_output_is_ignored():
    import subprocess

    text = (ROOT / "tasks.py").read_text()
    assert '"slides": slides' in text and "authoring.slides" in text and "_slides" in text
    ignored = subprocess.run(["git", "check-ignore", "-q", "_slides/index.html"], cwd=ROOT).returncode
    if ignored == 128:
        pytest.skip("not a git checkout")
    assert ignored == 0, "_slides/ must be in .gitignore"


def test_picture_sizes_are_read_from_the_files_and_tall_figures_get_a_side_caption(tmp_path):
    import io

    from PIL import Image

    chapter = COURSE.chapter(1)
    figures = slides.figures_of(read(NOTEBOOKS / chapter.filename), chapter)
    key_state = next(f for f in figures.values() if f.data)
    assert slides.png_size(key_state.data) == Image.open(io.BytesIO(key_state.data)).size
    assert slides.png_size(b"not a png") == (0, 0)
    assert slides.svg_size(ROOT / "figures" / "01-where-calcium-is.svg") == (461, 403)
    assert slides.svg_size(tmp_path / "missing.svg") == (0, 0)
    grid = next(f for f in figures.values() if f.name.endswith("01-where-calcium-is.svg"))
    assert grid.tall and 'class="side"' in slides.render_slide(slides._figure_slide("x", grid), 3, 9, COURSE, chapter)
