"""Slide decks for teaching, one per chapter, made from the course's own notebooks and question bank.

Each deck is one self-contained HTML page (plain CSS and a few lines of inline script, nothing from
the network) that a teacher projects or prints to PDF, one slide per page. A deck holds, in order:

- a **title slide**: the chapter's number and title and its made-up hook (``course.yaml``), its time,
  and the course disclaimer;
- the chapter's **learning objectives** (the notebook's metadata);
- the chapter's **figures**, in notebook order: the committed SVG diagrams in ``figures/`` and the
  key states the notebook saved as PNG outputs, each with its alt text, a visible caption, its
  text description in the slide notes (also linked to the image with ``aria-describedby``) and, for a
  toy model or published numbers, the course's label on the slide;
- for each **prediction** (``predict("...")``): the question with its lettered options in the order
  learners see them (:attr:`Question.shown`), then a "Discuss, then reveal" slide with no answer,
  and only later (where the notebook calls ``reveal``, after its key states) the **reveal** slide with
  the best answer and why; the misconception each other option signals is in that slide's notes;
- the chapter's **key points** and, after them, its **main message** (it often states a prediction's
  answer, so it comes last, as on the worksheets);
- a closing slide with the disclaimer again and where the deck came from.

:func:`chapter_slides` builds the list of :class:`Slide` objects (pure: a notebook in, slides out);
:func:`render_deck` turns it into HTML; :func:`build` writes every deck, its images and an
``index.html`` into a folder (``python3 tasks.py slides`` writes ``_slides/``).

On screen: the arrow keys, Space, Page Up/Down, Home and End move between slides, as do the buttons
in the corner; "N" (or the Notes button) shows the notes; the counter shows "slide n / total". The
address keeps the slide number (``#5``). Without the script every slide is shown, one below another.
"""

from __future__ import annotations

import argparse
import base64
import html
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from calcium_paradox.course import DISCLAIMER, EVIDENCE_LABEL, TOY_MODEL_LABEL, Chapter, Course, existing, load_course
from calcium_paradox.questions import LETTERS, Bank, Question, load_bank, plain

from .notebooks import question_calls, read, source, tags
from .teaching import load_misconceptions

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
FIGURES = ROOT / "figures"
LABELS = (TOY_MODEL_LABEL, EVIDENCE_LABEL)
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
_HTML_IMAGE = re.compile(r'<img\s[^>]*src="data:image/png;base64,([^"]+)"[^>]*>')
_ALT = re.compile(r'\balt="([^"]*)"')
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


@dataclass(frozen=True)
class Figure:
    """One picture on a slide: where it goes in the deck folder and what it says in words."""

    name: str  # file name inside the deck folder, e.g. "figures/01-daily-flows.svg"
    alt: str
    caption: str
    description: str  # the notebook's text description (shown in the notes)
    label: str = ""  # TOY_MODEL_LABEL, EVIDENCE_LABEL or ""
    data: bytes = b""  # the PNG of a saved key state ("" for a committed SVG, copied from figures/)
    size: tuple[int, int] = (0, 0)  # width and height in pixels (or points, for an SVG), when known

    @property
    def tall(self) -> bool:
        """True for a figure too tall for a caption underneath: the caption goes beside it."""
        width, height = self.size
        return bool(height) and width / height < 1.6


@dataclass(frozen=True)
class Slide:
    """One slide: a kind, a heading, and its content as plain text (rendered by :func:`render_slide`)."""

    kind: str  # title, objectives, figure, question, discuss, reveal, points, message, end
    heading: str
    paragraphs: tuple[str, ...] = ()  # inline Markdown (bold, italics, links shown as text)
    bullets: tuple[str, ...] = ()
    options: tuple[tuple[str, str], ...] = ()  # (letter, text) in the order learners see them
    figure: Figure | None = None
    notes: tuple[str, ...] = ()
    question: str = ""  # the question id, for question, discuss and reveal slides
    kicker: str = ""


# ---- reading the notebook ---------------------------------------------------------------------
def inline(markdown: str) -> str:
    """A line of Markdown as HTML: escaped, **bold**, *italics*, and links shown as their text."""
    text = html.escape(_LINK.sub(r"\1", markdown), quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    return re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", text)


def description_text(cell_source: str) -> str:
    """The words of a folded figure-description cell, without the fold and the bold lead."""
    text = re.sub(r"<summary>.*?</summary>|</?details>", "", cell_source, flags=re.S)
    text = text.replace("**Figure description.**", "")
    return " ".join(text.split())


def bullets_of(markdown: str) -> tuple[str, ...]:
    """The top-level "- " items of a Markdown list, each joined onto one line."""
    items: list[str] = []
    for line in markdown.splitlines():
        if line.startswith("- "):
            items.append(line[2:].strip())
        elif items and line.startswith("  ") and line.strip():
            items[-1] += " " + line.strip()
    return tuple(items)


def label_of(text: str) -> str:
    """The course label a figure carries (toy model or published numbers), from its caption or words."""
    for label in LABELS:
        if label in text:
            return label
    return TOY_MODEL_LABEL if re.search(r"\btoy\b", text, re.I) else ""


def png_size(data: bytes) -> tuple[int, int]:
    """The width and height written in a PNG's header, or (0, 0) if ``data`` is not a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
        return (0, 0)
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def svg_size(path: Path) -> tuple[int, int]:
    """The width and height of an SVG from its ``viewBox`` (or (0, 0) when it has none or is missing)."""
    try:
        head = path.read_text(encoding="utf-8")[:2000]
    except OSError:
        return (0, 0)
    box = re.search(r'viewBox="[\d.\s-]*?([\d.]+)\s+([\d.]+)"', head)
    return (round(float(box.group(1))), round(float(box.group(2)))) if box else (0, 0)


def _next_description(cells, index: int) -> str:
    for cell in cells[index + 1:index + 3]:
        if cell["cell_type"] == "markdown" and "figure-description" in tags(cell):
            return description_text(source(cell))
    return ""


def _heading(markdown: str) -> str | None:
    match = re.search(r"^#{2,3}\s+(.+)$", markdown, re.M)
    return match.group(1).strip() if match else None


def _figure_slide(heading: str, figure: Figure) -> Slide:
    return Slide("figure", heading, figure=figure,
                 notes=(f"Text description: {figure.description}",) if figure.description else ())


def question_slide(q: Question) -> Slide:
    """The prediction as learners see it: the prompt and every option, lettered, all alike."""
    return Slide("question", "Predict first", paragraphs=(q.prompt,),
                 options=tuple((LETTERS[n], o.text) for n, o in enumerate(q.shown)), question=q.id,
                 notes=("Give everyone a minute to choose one letter on their own and to say how sure they are "
                        "(sure, unsure or guessing) before anyone talks.", f"Question id: {q.id}."))


def discuss_slide(q: Question) -> Slide:
    """Talk before the answer: what to do, with no hint of which option is best."""
    letters = ", ".join(LETTERS[:len(q.options) - 1]) + f" or {LETTERS[len(q.options) - 1]}"
    return Slide("discuss", "Discuss, then reveal", paragraphs=(q.prompt,),
                 bullets=(f"On your own: pick {letters}, and say how sure you are.",
                          "With a neighbour: give one reason for your choice. Do you agree?",
                          "Show of hands for each letter. Then we test it with the model."),
                 question=q.id,
                 notes=("Collect the spread of answers without saying which is best. The key states and the "
                        "reveal come on the next slides.",))


def reveal_slide(q: Question) -> Slide:
    """The best answer and why; the notes say which misconception each other option signals."""
    right = q.options[q.right_index]
    known = load_misconceptions()
    notes = []
    for n, o in enumerate(q.shown):
        if o.correct:
            continue
        belief = f" ({known[o.misconception].belief})" if o.misconception in known else ""
        signal = f"signals {o.misconception}{belief}" if o.misconception else "a slip of recall or reasoning"
        notes.append(f"{LETTERS[n]}: {signal}.")
    return Slide("reveal", "Reveal: the best answer", question=q.id,
                 paragraphs=(q.prompt, f"**The best answer is {q.letter_of(q.right_index)}:** {right.text}",
                             f"**Why:** {plain(right.feedback)}"),
                 notes=tuple(notes))


def figures_of(nb, chapter: Chapter, figures_dir: Path = FIGURES) -> dict[int, Figure]:
    """Every figure of the notebook, by cell index: committed SVGs and the key states saved as PNG."""
    cells = nb["cells"]
    found: dict[int, Figure] = {}
    count = 0
    for index, cell in enumerate(cells):
        text = source(cell)
        if cell["cell_type"] == "markdown":
            for alt, src in _MD_IMAGE.findall(text):
                name = Path(src).name
                description = _next_description(cells, index)
                found[index] = Figure(f"figures/{name}", alt, alt, description, label_of(f"{alt} {description}"),
                                      size=svg_size(Path(figures_dir) / name))
            continue
        for output in cell.get("outputs", []):
            markup = output.get("data", {}).get("text/html", "")
            match = _HTML_IMAGE.search(markup)
            if not match:
                continue
            count += 1
            alt_match = _ALT.search(match.group(0))
            alt = html.unescape(alt_match.group(1)) if alt_match else ""
            caption = output["data"].get("text/plain", alt).removeprefix("Figure: ")
            data = base64.b64decode(match.group(1))
            found[index] = Figure(f"img/{chapter.slug}-{count}.png", alt or caption, caption,
                                  _next_description(cells, index), label_of(caption), data, png_size(data))
    return found


# ---- the slide list ---------------------------------------------------------------------------
def title_slide(chapter: Chapter, course: Course) -> Slide:
    return Slide("title", chapter.title, kicker=f"{course.title} · Chapter {chapter.number:02d}",
                 paragraphs=(f"*{chapter.hook}*", f"About {chapter.minutes} minutes."),
                 notes=("The disclaimer below is part of every lesson: read it out at the start.",))


def chapter_slides(nb, chapter: Chapter, course: Course | None = None, bank: Bank | None = None) -> list[Slide]:
    """The deck of one chapter, in the order the notebook teaches it (see the module's docstring)."""
    course, bank = course or load_course(), bank or load_bank()
    meta = nb.get("metadata", {}).get("course", {})
    slides = [title_slide(chapter, course)]
    objectives = tuple(meta.get("objectives", {}).values())
    if objectives:
        slides.append(Slide("objectives", "What you will be able to do", bullets=objectives))
    figures = figures_of(nb, chapter)
    calls: dict[int, list] = {}
    for call in question_calls(nb, bank.probe, bank.post):
        calls.setdefault(call.cell, []).append(call)
    section = chapter.title
    pending: list[Question] = []  # predictions asked and not yet revealed
    points: tuple[str, ...] = ()
    for index, cell in enumerate(nb["cells"]):
        text = source(cell)
        if cell["cell_type"] == "markdown":
            section = _heading(text) or section
            if "summary" in tags(cell):
                points = bullets_of(text)
        if index in figures:
            slides.append(_figure_slide(section, figures[index]))
        for call in calls.get(index, ()):
            for qid in (i for i in call.ids if i in bank.questions):
                if call.function == "predict":
                    slides += [question_slide(bank[qid]), discuss_slide(bank[qid])]
                    pending.append(bank[qid])
                elif call.function == "reveal" and bank[qid] in pending:
                    pending.remove(bank[qid])
                    slides.append(reveal_slide(bank[qid]))
    slides += [reveal_slide(q) for q in pending]  # a prediction the notebook never reveals: before the end
    parts = split(points)
    for n, part in enumerate(parts, start=1):
        heading = "Key points" + (f" ({n} of {len(parts)})" if len(parts) > 1 else "")
        slides.append(Slide("points", heading, bullets=part))
    if meta.get("main_message"):
        slides.append(Slide("message", "The main message", paragraphs=(meta["main_message"],)))
    slides.append(end_slide(chapter, course))
    return slides


def split(items: tuple[str, ...], most: int = 5, chars: int = 900) -> list[tuple[str, ...]]:
    """``items`` in as few runs of nearly equal length as keep each run to ``most`` items and about
    ``chars`` characters (what fits on one slide at the deck's type size)."""
    if not items:
        return []
    runs = max(-(-len(items) // most), -(-sum(len(i) for i in items) // chars))
    runs = min(runs, len(items))
    size, extra = divmod(len(items), runs)
    out, start = [], 0
    for n in range(runs):
        stop = start + size + (1 if n < extra else 0)
        out.append(tuple(items[start:stop]))
        start = stop
    return out


def end_slide(chapter: Chapter, course: Course) -> Slide:
    following = next((c for c in course.chapters if c.number == chapter.number + 1), None)
    lead = f"Next: chapter {following.number:02d}, {following.title}." if following else "The end of the course."
    return Slide("end", "Thank you", paragraphs=(lead,),
                 notes=(f"Made from notebooks/{chapter.filename} and the course's question bank.",))


# ---- rendering --------------------------------------------------------------------------------
def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def disclaimer_html() -> str:
    return f'<p class="disclaimer" role="note">{inline(DISCLAIMER)}</p>'


def render_slide(slide: Slide, number: int, total: int, course: Course, chapter: Chapter) -> str:
    """One slide as a ``<section>``; the title slide's heading is the page's only h1."""
    level = 1 if slide.kind == "title" else 2
    parts = []
    if slide.kicker:
        parts.append(f'<p class="kicker">{_esc(slide.kicker)}</p>')
    parts.append(f"<h{level}>{_esc(slide.heading)}</h{level}>")
    notes_id = f"notes-{number}"
    if slide.figure and slide.figure.label:
        parts.append(f'<p class="label">{_esc(slide.figure.label)}</p>')
    parts += [f"<p>{inline(p)}</p>" for p in slide.paragraphs]
    if slide.options:
        items = "".join(f'<li class="option"><span class="letter">{letter}.</span> <span>{_esc(text)}</span></li>'
                        for letter, text in slide.options)
        parts.append(f'<ul class="options">{items}</ul>')
    if slide.bullets:
        tag = "ol" if slide.kind == "discuss" else "ul"
        parts.append(f"<{tag} class=\"bullets\">{''.join(f'<li>{inline(b)}</li>' for b in slide.bullets)}</{tag}>")
    if slide.figure:
        f = slide.figure
        described = f' aria-describedby="{notes_id}"' if slide.notes else ""
        size = f' width="{f.size[0]}" height="{f.size[1]}"' if all(f.size) else ""
        side = ' class="side"' if f.tall else ""
        parts.append(f'<figure{side}><img src="{_esc(f.name)}" alt="{_esc(f.alt)}"'
                     f"{size}{described}><figcaption>{_esc(f.caption)}</figcaption></figure>")
    if slide.kind in ("title", "end"):
        parts.append(disclaimer_html())
    if slide.kind == "end":
        parts.append(f'<p class="small">{_esc(course.title)}, chapter {chapter.number:02d}. Made from the course '
                     f"notebook and its question bank. Course text {_esc(course.licence_content)}.</p>")
    if slide.notes:
        notes = "".join(f"<p>{inline(n)}</p>" for n in slide.notes)
        parts.append(f'<aside class="notes" id="{notes_id}" aria-label="Notes">{notes}</aside>')
    question = f' data-question="{_esc(slide.question)}"' if slide.question else ""
    dense = " dense" if _text_length(slide) > DENSE_CHARACTERS else ""
    return (f'<section class="slide {slide.kind}{dense}" id="slide-{number}" data-kind="{slide.kind}"{question} '
            f'aria-label="Slide {number} of {total}">\n' + "\n".join(parts) + "\n</section>")


#: A slide with more text than this (prompt, options, bullets) is set in a smaller type, so that it fits.
DENSE_CHARACTERS = 450


def _text_length(slide: Slide) -> int:
    return sum(map(len, slide.paragraphs)) + sum(len(t) for _, t in slide.options) + sum(map(len, slide.bullets))


CSS = """
:root { color-scheme: light; --w: min(100vw, calc(100vh * 16 / 9)); --u: calc(var(--w) / 100);
  --ink: #111; --accent: #005a8c; --pale: #f2f2f2; }
*, *::before, *::after { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; color: var(--ink);
  background: #222; line-height: 1.35; }
.slide { position: relative; width: var(--w); height: calc(var(--w) * 9 / 16); margin: 0 auto 1rem;
  background: #fff; padding: calc(var(--u) * 3.2) calc(var(--u) * 5) calc(var(--u) * 4.5);
  display: flex; flex-direction: column; overflow: hidden; font-size: calc(var(--u) * 2.3); }
.slide[hidden] { display: none; }
.js .slide { position: absolute; left: 50%; top: 50%; margin: 0; transform: translate(-50%, -50%); }
.js body { height: 100vh; overflow: hidden; }
h1 { font-size: calc(var(--u) * 5); margin: auto 0 calc(var(--u) * 1.5); color: var(--accent); line-height: 1.1; }
h2 { font-size: calc(var(--u) * 3.3); margin: 0 0 calc(var(--u) * 1.4); color: var(--accent); line-height: 1.15;
  border-bottom: calc(var(--u) * 0.25) solid var(--accent); padding-bottom: calc(var(--u) * 0.5); }
p { margin: 0 0 calc(var(--u) * 1.1); }
.kicker { font-weight: bold; font-size: calc(var(--u) * 2); margin: 0; }
.title p { font-size: calc(var(--u) * 2.5); }
.title .disclaimer, .end .disclaimer { margin-top: auto; }
.disclaimer { border: calc(var(--u) * 0.2) solid var(--ink); padding: calc(var(--u) * 0.8) calc(var(--u) * 1.2);
  font-size: calc(var(--u) * 1.75); }
.small { font-size: calc(var(--u) * 1.6); margin: calc(var(--u) * 1) 0 0; }
.label { align-self: flex-start; border: calc(var(--u) * 0.2) solid var(--ink); background: #fff3c4;
  padding: calc(var(--u) * 0.2) calc(var(--u) * 0.8); font-weight: bold; font-size: calc(var(--u) * 1.7);
  margin: 0 0 calc(var(--u) * 0.8); }
.options { list-style: none; padding: 0; margin: calc(var(--u) * 0.5) 0 0; }
.options li { display: flex; gap: calc(var(--u) * 1); border: calc(var(--u) * 0.15) solid #555;
  border-radius: calc(var(--u) * 0.6); padding: calc(var(--u) * 0.7) calc(var(--u) * 1.2);
  margin: 0 0 calc(var(--u) * 1); }
.letter { font-weight: bold; flex: none; }
.dense { font-size: calc(var(--u) * 1.95); }
.dense .options li { padding: calc(var(--u) * 0.5) calc(var(--u) * 1.2); margin: 0 0 calc(var(--u) * 0.7); }
.bullets { margin: 0; padding-left: calc(var(--u) * 3); }
.bullets li { margin: 0 0 calc(var(--u) * 0.9); }
.points .bullets { font-size: calc(var(--u) * 2.05); }
.discuss p, .reveal p:first-of-type { color: #333; }
.reveal p:first-of-type { font-size: calc(var(--u) * 1.9); }
.message p { font-size: calc(var(--u) * 3); margin: auto 0; border-left: calc(var(--u) * 0.6) solid var(--accent);
  padding-left: calc(var(--u) * 2); }
figure { flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column; margin: 0; }
figure img { flex: 1 1 auto; min-height: 0; width: 100%; object-fit: contain; }
figcaption { flex: none; font-size: calc(var(--u) * 1.7); margin-top: calc(var(--u) * 0.8); }
figure img { height: auto; }
figure.side { flex-direction: row; align-items: center; gap: calc(var(--u) * 2); }
figure.side img { flex: 0 1 auto; height: 100%; width: auto; max-width: 68%; min-width: 0; }
figure.side figcaption { flex: 1 1 0; margin: 0; }
.notes { display: none; }
.show-notes .notes { display: block; position: absolute; left: 0; right: 0; bottom: 0; max-height: 45%;
  overflow: auto; background: #fffbe6; border-top: calc(var(--u) * 0.3) solid var(--ink);
  padding: calc(var(--u) * 1) calc(var(--u) * 5) calc(var(--u) * 4); font-size: calc(var(--u) * 1.7); }
.controls { display: none; }
.js .controls { display: flex; position: fixed; right: calc((100vw - var(--w)) / 2 + var(--u) * 1);
  bottom: calc((100vh - var(--w) * 9 / 16) / 2 + var(--u) * 0.8); gap: calc(var(--u) * 0.6); align-items: center;
  font-size: calc(var(--u) * 1.6); z-index: 2; }
.controls button { font: inherit; padding: calc(var(--u) * 0.2) calc(var(--u) * 0.9); background: #fff;
  color: var(--ink); border: calc(var(--u) * 0.15) solid var(--ink); border-radius: calc(var(--u) * 0.4); }
.counter { font-weight: bold; background: #fff; padding: 0 calc(var(--u) * 0.5); }
@page { size: 13.333in 7.5in; margin: 0; }
@media print {
  :root { --w: 13.333in; }
  body, .js body { background: #fff; height: auto; overflow: visible; }
  .slide, .js .slide { position: relative; left: auto; top: auto; transform: none; margin: 0;
    break-after: page; page-break-after: always; display: flex !important; }
  .controls, .js .controls, .notes, .show-notes .notes { display: none !important; }
}
"""

SCRIPT = """
(function () {
  var root = document.documentElement; root.classList.add('js');
  var slides = Array.prototype.slice.call(document.querySelectorAll('.slide'));
  var counter = document.getElementById('counter'), at = 0;
  function show(n) {
    at = Math.max(0, Math.min(slides.length - 1, n));
    slides.forEach(function (s, k) { s.hidden = k !== at; });
    counter.textContent = (at + 1) + ' / ' + slides.length;
    if (location.hash !== '#' + (at + 1)) history.replaceState(null, '', '#' + (at + 1));
  }
  function notes() {
    var on = root.classList.toggle('show-notes');
    document.getElementById('notes-button').setAttribute('aria-pressed', on ? 'true' : 'false');
  }
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if ((e.key === ' ' || e.key === 'Enter') && e.target.closest && e.target.closest('button')) return;
    var moves = {ArrowRight: 1, ArrowDown: 1, PageDown: 1, ' ': 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1};
    if (e.key in moves) { show(at + (e.shiftKey && e.key === ' ' ? -1 : moves[e.key])); }
    else if (e.key === 'Home') { show(0); } else if (e.key === 'End') { show(slides.length - 1); }
    else if (e.key === 'n' || e.key === 'N') { notes(); } else { return; }
    e.preventDefault();
  });
  document.getElementById('previous').addEventListener('click', function () { show(at - 1); });
  document.getElementById('next').addEventListener('click', function () { show(at + 1); });
  document.getElementById('notes-button').addEventListener('click', notes);
  show((parseInt(location.hash.slice(1), 10) || 1) - 1);
})();
"""


def render_deck(slides: list[Slide], chapter: Chapter, course: Course) -> str:
    """The whole deck as one HTML page: every slide, the controls, the stylesheet and the script."""
    total = len(slides)
    body = "\n".join(render_slide(s, n, total, course, chapter) for n, s in enumerate(slides, start=1))
    controls = ('<nav class="controls" aria-label="Slide controls">'
                '<button type="button" id="previous" aria-label="Previous slide">&larr;</button>'
                f'<span class="counter" id="counter" aria-live="polite">1 / {total}</span>'
                '<button type="button" id="next" aria-label="Next slide">&rarr;</button>'
                '<button type="button" id="notes-button" aria-pressed="false">Notes</button></nav>')
    title = f"{chapter.number:02d} {chapter.title}: slides ({course.title})"
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f'<main aria-label="Slides">\n{body}\n</main>\n{controls}\n<script>{SCRIPT}</script>\n</body>\n</html>\n')


def deck_name(chapter: Chapter) -> str:
    return f"{chapter.slug}.html"


INDEX_CSS = """
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; max-width: 48rem; margin: 0 auto;
  padding: 1.5rem; line-height: 1.5; color: #111; background: #fff; }
a { color: #005a8c; } .disclaimer { border: 2px solid #111; padding: 0.5rem 0.75rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #111; padding: 0.3rem 0.6rem; text-align: left; }
kbd { border: 1px solid #555; border-radius: 3px; padding: 0 0.25rem; }
"""


def index_html(chapters: list[Chapter], course: Course) -> str:
    rows = "".join(f'<tr><td>{c.number:02d}</td><td><a href="{deck_name(c)}">{_esc(c.title)}</a></td>'
                   f"<td>{c.minutes} min</td></tr>" for c in chapters)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_esc(course.title)}: slides</title>\n<style>{INDEX_CSS}</style>\n</head>\n<body>\n"
            f"<header><p>{_esc(course.title)}</p><h1>Slides for teaching</h1>{disclaimer_html()}</header>\n<main>\n"
            "<p>One deck per chapter, made from the notebooks: the hook, the objectives, each prediction (then "
            "a slide to discuss it, and the answer only later), the figures with their text descriptions, and "
            "the key points. Everything is in this folder; nothing is loaded from the internet.</p>\n"
            "<p>Move with <kbd>&rarr;</kbd>, <kbd>&larr;</kbd>, <kbd>Space</kbd>, <kbd>Home</kbd> and "
            "<kbd>End</kbd>, or the buttons in the corner. <kbd>N</kbd> shows the notes (teaching tips, the "
            "figures' text descriptions). <kbd>F11</kbd> makes the browser full screen. To print or save a PDF, "
            "use the browser's Print: one slide per page.</p>\n"
            '<table><thead><tr><th scope="col">Chapter</th><th scope="col">Deck</th><th scope="col">Time</th>'
            f"</tr></thead><tbody>{rows}</tbody></table>\n</main>\n"
            f"<footer><p>Course text {_esc(course.licence_content)}.</p></footer>\n</body>\n</html>\n")


def build(out_dir: Path | str, notebooks_dir: Path | str = NOTEBOOKS, figures_dir: Path | str = FIGURES) -> list[Path]:
    """Write every chapter's deck, its images and ``index.html`` into ``out_dir`` (emptied first)."""
    out, notebooks_dir, figures_dir = Path(out_dir), Path(notebooks_dir), Path(figures_dir)
    if out.exists():
        shutil.rmtree(out)
    (out / "figures").mkdir(parents=True)
    (out / "img").mkdir()
    course, bank = load_course(), load_bank()
    chapters = existing(course.chapters, notebooks_dir)
    written = []
    for chapter in chapters:
        slides = chapter_slides(read(notebooks_dir / chapter.filename), chapter, course, bank)
        for figure in (s.figure for s in slides if s.figure):
            target = out / figure.name
            if figure.data:
                target.write_bytes(figure.data)
            else:
                shutil.copyfile(figures_dir / Path(figure.name).name, target)
            written.append(target)
        (out / deck_name(chapter)).write_text(render_deck(slides, chapter, course), encoding="utf-8")
        written.append(out / deck_name(chapter))
    (out / "index.html").write_text(index_html(chapters, course), encoding="utf-8")
    written.append(out / "index.html")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build a slide deck per chapter (self-contained HTML).")
    parser.add_argument("--out", default=str(ROOT / "_slides"), help="where to write the decks")
    parser.add_argument("--notebooks", default=str(NOTEBOOKS), help="the folder with the chapter notebooks")
    args = parser.parse_args(argv)
    written = build(args.out, args.notebooks)
    decks = sum(1 for p in written if p.suffix == ".html") - 1
    print(f"Wrote {decks} decks. Open {Path(args.out).resolve() / 'index.html'} in a web browser.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
