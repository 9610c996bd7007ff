"""Printable worksheets, one pair per chapter, made from the notebooks and the question bank.

For every chapter notebook there are two print-ready HTML pages:

- a **learner copy**: the chapter's title, the course disclaimer at the top and the bottom, a
  "Name or pseudonym" line, then the questions learners commit to before they learn the answer
  (the chapter's ``predict`` items; the ``warm_up`` items in 00; the ``post_test`` items in 07),
  each with its lettered options in the order learners see them (:attr:`Question.shown`), tick
  boxes, "How sure are you?" boxes and a ruled box for a reason; then the exit ticket (the
  ``ask_all(..., role="exit ticket")`` items). Nothing on it tells the right option from the
  others: no answers, no feedback, every option styled the same, the options in their usual order.
  The chapter's main message closes the sheet, on its own page, because it often states the
  answer to a prediction (read it after answering);
- a **teacher copy**: the same items, numbered the same, with the question ids, the right letter
  marked in words (not only by style), each option's feedback (citation links as plain text, as
  the widgets show it: :func:`calcium_paradox.questions.plain`) and the misconception each wrong
  option signals.

The pages are self-contained: one stylesheet inside each page, no scripts, no images, no fonts
or anything else from the network. In print, each section of the learner copy starts on a new
page (the predictions, the exit ticket and the main message are used at different times); the
teacher copy flows on to save paper. No question is split across pages, type is at least 11pt,
and the layout fits A4 and US Letter.

``python -m authoring.worksheets --out dist/worksheets`` (or :func:`build`) writes
``NN-slug-learner.html`` and ``NN-slug-teacher.html`` for every chapter, and an ``index.html``
that links them (``NN-slug`` is the notebook's name, such as ``01-calcium-in-the-body``).
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from calcium_paradox.course import DISCLAIMER, Chapter, Course, existing, load_course
from calcium_paradox.questions import CONFIDENCE_LEVELS, LETTERS, Bank, Question, load_bank, plain

from .notebooks import question_calls, read
from .teaching import load_misconceptions

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
NAME_LINE = "Name or pseudonym:"
SURE_LABEL = "How sure are you?"
REASON_LABEL = "My reason:"
REASON_LINES = 3


@dataclass(frozen=True)
class Section:
    """One part of a worksheet: the questions of one kind, in the order the notebook asks them."""

    kind: str  # "prediction", "warm-up", "post-test" or "exit ticket"
    questions: tuple[Question, ...]

    @property
    def commits(self) -> bool:
        """True when learners also say how sure they are and why (everything but the exit ticket)."""
        return self.kind != "exit ticket"


#: Per kind of section: its heading, and what a learner is asked to do.
HEADINGS = {
    "prediction": ("Predict first",
                   "Answer before you use the explorer. Tick one answer, tick how sure you are, and write one "
                   "line on why. A prediction is a guess you check later, so any answer is fine."),
    "warm-up": ("Warm-up: what do you think now?",
                "Tick the answer that is closest to what you think today, tick how sure you are, and say why "
                "if you like. At the end of the course you answer questions like these again and compare."),
    "post-test": ("What do you think now?",
                  "These questions match the warm-up in chapter 00. Tick one answer, tick how sure you are, "
                  "and say why. Then compare with your warm-up answers."),
    "exit ticket": ("Exit ticket",
                    "At the end of the chapter: tick one answer for each question."),
}
_KIND = {"predict": "prediction", "warm_up": "warm-up", "post_test": "post-test"}


def sections(nb, bank: Bank | None = None) -> list[Section]:
    """The worksheet's sections for notebook ``nb``: its commitments (predictions, warm-up,
    post-test) in notebook order, then its exit ticket. A question appears once."""
    bank = bank or load_bank()
    found: list[tuple[str, list[str]]] = []
    seen: set[str] = set()
    exit_ids: list[str] = []
    for call in question_calls(nb, bank.probe, bank.post):
        if call.function == "ask_all" and call.role == "exit ticket":
            exit_ids += [qid for qid in call.ids if qid not in seen]
            seen.update(call.ids)
            continue
        kind = _KIND.get(call.function)
        if kind is None:
            continue
        ids = [qid for qid in call.ids if qid not in seen]
        seen.update(ids)
        if not ids:
            continue
        if found and found[-1][0] == kind:
            found[-1][1].extend(ids)
        else:
            found.append((kind, ids))
    if exit_ids:
        found.append(("exit ticket", exit_ids))
    return [Section(kind, tuple(bank[qid] for qid in ids)) for kind, ids in found]


# ---- pieces ---------------------------------------------------------------------------------
def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def disclaimer_html() -> str:
    """The course disclaimer, its bold lead kept bold."""
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", _esc(DISCLAIMER))


CSS = """
:root { color-scheme: light; }
*, *::before, *::after { box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 12pt;
  line-height: 1.45; color: #000; background: #fff; }
body { max-width: 48rem; margin: 0 auto; padding: 1.5rem 1.25rem 2rem; }
h1 { font-size: 1.6rem; line-height: 1.2; margin: 0.2rem 0 0.6rem; }
h2 { font-size: 1.3rem; margin: 0 0 0.4rem; padding-bottom: 0.15rem; border-bottom: 2px solid #000; }
p { margin: 0 0 0.6rem; }
a { color: #0b3d91; }
.kicker { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem 0.7rem; margin: 0; font-weight: bold; }
.copy-label { display: inline-block; border: 2px solid #000; padding: 0.05rem 0.45rem; }
.disclaimer { border: 2px solid #000; padding: 0.5rem 0.75rem; margin: 0.8rem 0; }
.message { border-left: 6px solid #000; padding: 0.3rem 0 0.3rem 0.8rem; margin: 0.8rem 0; }
.name-line { display: flex; align-items: flex-end; gap: 0.5rem; margin: 0.4rem 0 1rem; font-weight: bold; }
.name-line .blank { flex: 1; border-bottom: 1.5px solid #000; min-height: 1.6em; }
.sheet-section, .overview { margin: 0 0 1.5rem; }
.intro { margin-bottom: 0.9rem; }
fieldset.question { border: 1.5px solid #000; border-radius: 4px; margin: 0 0 1rem; padding: 0.6rem 0.9rem 0.7rem;
  break-inside: avoid; page-break-inside: avoid; min-width: 0; }
fieldset.question > legend { float: left; width: 100%; padding: 0; margin: 0 0 0.5rem; font-weight: bold; }
fieldset.question > legend + * { clear: both; }
.qnum { margin-right: 0.25rem; }
.qid { font-weight: normal; }
.options { list-style: none; margin: 0 0 0.6rem; padding: 0; }
.options > li { display: flex; align-items: flex-start; gap: 0.55rem; margin: 0.4rem 0; }
.box { flex: none; display: inline-block; width: 1.05em; height: 1.05em; border: 1.5px solid #000;
  background: #fff; margin-top: 0.17em; }
.letter { flex: none; font-weight: bold; min-width: 1.4em; }
.sure { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem 1.4rem; margin: 0.3rem 0 0.6rem; }
.sure .label { font-weight: bold; }
.sure .choice { display: inline-flex; align-items: center; gap: 0.45rem; }
.sure .choice .box { margin-top: 0; }
.reason { border: 1.5px solid #000; padding: 0.35rem 0.6rem 0.6rem; }
.reason .label { margin: 0; font-weight: bold; }
.reason .rule { border-bottom: 1px solid #000; height: 2em; }
.key { margin: 0 0 0.4rem; font-size: 1.05rem; }
.teacher .options > li { display: block; border: 1px solid #555; padding: 0.3rem 0.6rem; margin: 0.3rem 0; }
.teacher .options > li.is-right { border: 3px solid #000; padding: calc(0.3rem - 2px) calc(0.6rem - 2px); }
.teacher .option-head { display: flex; gap: 0.55rem; align-items: flex-start; }
.mark { flex: none; margin-left: auto; border: 2px solid #000; padding: 0 0.35rem; font-weight: bold;
  white-space: nowrap; }
.teacher .option-note { margin: 0.2rem 0 0 1.95em; }
.teacher .option-note .label { font-weight: bold; }
table.quick-key { border-collapse: collapse; margin: 0.3rem 0 1rem; }
table.quick-key caption { text-align: left; font-weight: bold; margin-bottom: 0.2rem; }
table.quick-key th, table.quick-key td { border: 1px solid #000; padding: 0.15rem 0.6rem; text-align: left; }
table.chapters { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
table.chapters th, table.chapters td { border: 1px solid #000; padding: 0.35rem 0.6rem; text-align: left;
  vertical-align: top; }
footer { margin-top: 1.5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
.keep-together { break-inside: avoid; page-break-inside: avoid; }
footer .made { font-size: 1rem; }
@page { margin: 14mm 14mm 16mm; }
@media print {
  html { font-size: 12pt; }
  body { max-width: none; margin: 0; padding: 0; }
  a { color: #000; text-decoration: none; }
  html { line-height: 1.35; }
  .sheet-section { margin: 0 0 1rem; }
  /* Learners get each part on its own page (handed out at different times); the teacher copy flows on. */
  .learner .sheet-section + .sheet-section { break-before: page; page-break-before: always; }
  fieldset.question { margin-bottom: 0.6rem; padding: 0.45rem 0.8rem 0.5rem; }
  fieldset.question > legend { margin-bottom: 0.35rem; }
  .options > li { margin: 0.25rem 0; }
  .name-line { margin-bottom: 0.6rem; }
  .intro { margin-bottom: 0.6rem; }
  body.teacher { font-size: 11pt; line-height: 1.3; }
  .teacher .options > li { margin: 0.2rem 0; }
  .teacher .option-note { margin-top: 0.1rem; }
  .key { margin-bottom: 0.2rem; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .intro, .name-line { break-after: avoid; page-break-after: avoid; }
  footer { break-inside: avoid; page-break-inside: avoid; }
  .teacher footer { margin-top: 0.6rem; }
  .teacher footer .disclaimer { margin: 0.3rem 0; padding: 0.3rem 0.6rem; }
  .teacher footer .made { margin: 0; }
}
"""


def _page(title: str, body: str, body_class: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(title)}</title>\n<style>{CSS}</style>\n</head>\n"
        f'<body class="{body_class}">\n{body}\n</body>\n</html>\n'
    )


def _header(chapter: Chapter, course: Course, title: str, copy: str) -> str:
    return (
        f"<header>\n<p class=\"kicker\"><span>{_esc(course.title)} · Chapter {chapter.number:02d} worksheet</span>"
        f'<span class="copy-label">{copy}</span></p>\n'
        f"<h1>{_esc(title)}</h1>\n"
        f'<div class="disclaimer" role="note"><p>{disclaimer_html()}</p></div>\n'
        "</header>"
    )


def _footer(chapter: Chapter, course: Course) -> str:
    return (
        "<footer>\n"
        f'<div class="disclaimer" role="note"><p>{disclaimer_html()}</p></div>\n'
        f'<p class="made">Made from the course notebook notebooks/{_esc(chapter.filename)} and its question bank. '
        f"{_esc(course.title)}: course text {_esc(course.licence_content)}.</p>\n"
        "</footer>"
    )


def _name_line() -> str:
    return f'<p class="name-line"><span>{NAME_LINE}</span><span class="blank" aria-hidden="true"></span></p>'


def _box() -> str:
    return '<span class="box" aria-hidden="true"></span>'


def _legend(number: int, q: Question, show_id: bool) -> str:
    qid = f' <span class="qid">({_esc(q.id)})</span>' if show_id else ""
    return f'<legend><span class="qnum">Question {number}.</span>{qid} {_esc(q.prompt)}</legend>'


def learner_question(number: int, q: Question, commits: bool) -> str:
    """One question for learners: options with tick boxes, and (for a commitment) how sure and why."""
    options = "\n".join(
        f'<li class="option">{_box()}<span class="letter">{LETTERS[n]}.</span> <span>{_esc(o.text)}</span></li>'
        for n, o in enumerate(q.shown))
    parts = ['<fieldset class="question">', _legend(number, q, show_id=False),
             f'<ul class="options">\n{options}\n</ul>']
    if commits or q.confidence:
        choices = " ".join(f'<span class="choice">{_box()}{level}</span>' for level in CONFIDENCE_LEVELS)
        parts.append(f'<p class="sure"><span class="label">{SURE_LABEL}</span> {choices}</p>')
    if commits:
        rules = '<div class="rule"></div>' * REASON_LINES
        parts.append(f'<div class="reason"><p class="label">{REASON_LABEL}</p>{rules}</div>')
    parts.append("</fieldset>")
    return "\n".join(parts)


def _signal(option) -> str:
    if not option.misconception:
        return "no misconception from M1–M20; a slip of recall or reasoning."
    known = load_misconceptions().get(option.misconception)
    belief = f": “{_esc(known.belief)}”" if known else ""
    return f'<strong class="misconception">{_esc(option.misconception)}</strong>{belief}'


def teacher_question(number: int, q: Question) -> str:
    """One question for the teacher: the right letter, and each option's feedback and signal."""
    right = q.letter_of(q.right_index)
    items = []
    for n, o in enumerate(q.shown):
        letter = LETTERS[n]
        if o.correct:
            head = (f'<div class="option-head"><span class="letter">{letter}.</span> <span>{_esc(o.text)}</span>'
                    '<span class="mark">Right answer</span></div>')
            notes = f'<p class="option-note"><span class="label">Why it is right:</span> {_esc(plain(o.feedback))}</p>'
            cls = "option is-right"
        else:
            head = f'<div class="option-head"><span class="letter">{letter}.</span> <span>{_esc(o.text)}</span></div>'
            notes = (f'<p class="option-note"><span class="label">Signals:</span> {_signal(o)} '
                     f'<span class="label">Feedback:</span> {_esc(plain(o.feedback))}</p>')
            cls = "option"
        items.append(f'<li class="{cls}" data-letter="{letter}">{head}{notes}</li>')
    options = "\n".join(items)
    return "\n".join([
        f'<fieldset class="question" data-question="{_esc(q.id)}">', _legend(number, q, show_id=True),
        f'<p class="key">Answer: <strong class="right-letter">{right}</strong></p>',
        f'<ul class="options">\n{options}\n</ul>', "</fieldset>"])


def _numbered(parts: list[Section]) -> list[tuple[Section, list[tuple[int, Question]]]]:
    out, number = [], 0
    for section in parts:
        rows = []
        for q in section.questions:
            number += 1
            rows.append((number, q))
        out.append((section, rows))
    return out


def _meta(nb) -> dict:
    return nb.get("metadata", {}).get("course", {})


# ---- pages ----------------------------------------------------------------------------------
def _body(top: str, parts: list[tuple[str, list[str]]], footer: str, lead: str = "") -> str:
    """The header, the sections (each an opening and its items) and the footer. The footer closes the
    last section, kept on one printed page with that section's last item, so it never prints alone."""
    out = [top, "<main>", *([lead] if lead else [])]
    for number, (opening, items) in enumerate(parts, start=1):
        items = list(items)
        if number == len(parts):
            items[-1] = f'<div class="keep-together">\n{items[-1]}\n{footer}\n</div>'
        out.append("\n".join([opening, *items, "</section>"]))
    if not parts:
        out.append(footer)
    out.append("</main>")
    return "\n".join(out)


def learner_html(nb, chapter: Chapter, course: Course | None = None, bank: Bank | None = None) -> str:
    """The learner copy of chapter ``chapter`` (notebook ``nb``): questions only, no answers."""
    course = course or load_course()
    meta = _meta(nb)
    title = meta.get("title", chapter.title)
    parts = []
    for section, rows in _numbered(sections(nb, bank)):
        heading, intro = HEADINGS[section.kind]
        opening = (f'<section class="sheet-section" data-kind="{_esc(section.kind)}">\n<h2>{heading}</h2>\n'
                   f'{_name_line()}\n<p class="intro">{_esc(intro)}</p>')
        parts.append((opening, [learner_question(n, q, section.commits) for n, q in rows]))
    message = meta.get("main_message", "")
    if message:
        opening = ('<section class="sheet-section" data-kind="main message">\n'
                   "<h2>The main message of this chapter</h2>\n"
                   '<p class="intro">Read this after you have answered the questions.</p>')
        parts.append((opening, [f'<p class="message">{_esc(message)}</p>']))
    body = _body(_header(chapter, course, title, "Learner copy"), parts, _footer(chapter, course))
    return _page(f"{chapter.number:02d} {title}: worksheet (learner copy)", body, "learner")


def teacher_html(nb, chapter: Chapter, course: Course | None = None, bank: Bank | None = None) -> str:
    """The teacher copy: the learner copy's questions, numbered the same, with answers and feedback."""
    course = course or load_course()
    meta = _meta(nb)
    title = meta.get("title", chapter.title)
    numbered = _numbered(sections(nb, bank))
    key_rows = "".join(f"<tr><td>{n}</td><td>{_esc(q.id)}</td><td>{q.letter_of(q.right_index)}</td></tr>"
                       for _, rows in numbered for n, q in rows)
    top = _header(chapter, course, title, "Teacher copy: answers inside, do not hand out")
    overview = (
        '<div class="overview">\n'
        f'<p class="message"><strong>Main message:</strong> {_esc(meta.get("main_message", ""))}</p>\n'
        "<p>The learner copy has the same questions, numbered the same and with the options in the same "
        "order, but no answers. Its last page holds the main message, so learners read it after answering.</p>\n"
        '<table class="quick-key"><caption>Quick key</caption><thead><tr><th scope="col">Question</th>'
        f'<th scope="col">Id</th><th scope="col">Answer</th></tr></thead><tbody>{key_rows}</tbody></table>\n'
        "</div>"
    )
    parts = []
    for section, rows in numbered:
        heading, _intro = HEADINGS[section.kind]
        opening = (f'<section class="sheet-section" data-kind="{_esc(section.kind)}">\n'
                   f"<h2>{heading}: answers and feedback</h2>")
        parts.append((opening, [teacher_question(n, q) for n, q in rows]))
    body = _body(top, parts, _footer(chapter, course), overview)
    return _page(f"{chapter.number:02d} {title}: worksheet (teacher copy)", body, "teacher")


def file_names(chapter: Chapter) -> tuple[str, str]:
    """The learner and teacher pages of a chapter: ``01-calcium-in-the-body-learner.html`` and ``-teacher``."""
    return f"{chapter.slug}-learner.html", f"{chapter.slug}-teacher.html"


def index_html(chapters: list[Chapter], course: Course | None = None) -> str:
    """A page linking every chapter's two copies, with printing notes."""
    course = course or load_course()
    rows = []
    for chapter in chapters:
        learner, teacher = file_names(chapter)
        which = f'<span class="visually-hidden"> of {_esc(chapter.label)}</span>'
        rows.append(f'<tr><td>{_esc(chapter.label)}</td><td><a href="{learner}">Learner copy{which}</a></td>'
                    f'<td><a href="{teacher}">Teacher copy{which} (answers)</a></td></tr>')
    body = (
        f'<header>\n<p class="kicker">{_esc(course.title)}</p>\n<h1>Printable worksheets</h1>\n'
        f'<div class="disclaimer" role="note"><p>{disclaimer_html()}</p></div>\n</header>\n<main>\n'
        "<p>Each chapter has a <strong>learner copy</strong> (the predictions and the exit ticket, with tick boxes "
        "and no answers) and a <strong>teacher copy</strong> (the same questions with the answers, the feedback "
        "and the misconception each wrong option points to). Open a page and print it on A4 or Letter paper. "
        "In the learner copy each part starts on a new page, so you can hand out the predictions, the exit "
        "ticket and the main message at different times. Keep the teacher copies away from learners.</p>\n"
        '<table class="chapters"><thead><tr><th scope="col">Chapter</th><th scope="col">For learners</th>'
        f'<th scope="col">For the teacher</th></tr></thead><tbody>{"".join(rows)}</tbody></table>\n'
        "</main>\n"
        f'<footer><p class="made">Made from the course notebooks and question bank. {_esc(course.title)}: '
        f"course text {_esc(course.licence_content)}.</p></footer>"
    )
    return _page(f"{course.title}: printable worksheets", body, "index")


def build(out_dir: Path | str, notebooks_dir: Path | str = NOTEBOOKS) -> list[Path]:
    """Write both copies of every chapter's worksheet, and ``index.html``, into ``out_dir``."""
    out, notebooks_dir = Path(out_dir), Path(notebooks_dir)
    out.mkdir(parents=True, exist_ok=True)
    course, bank = load_course(), load_bank()
    chapters = existing(course.chapters, notebooks_dir)
    written = []
    for chapter in chapters:
        nb = read(notebooks_dir / chapter.filename)
        learner, teacher = file_names(chapter)
        for name, text in ((learner, learner_html(nb, chapter, course, bank)),
                           (teacher, teacher_html(nb, chapter, course, bank))):
            (out / name).write_text(text, encoding="utf-8")
            written.append(out / name)
    (out / "index.html").write_text(index_html(chapters, course), encoding="utf-8")
    written.append(out / "index.html")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build printable worksheets (learner and teacher copies).")
    parser.add_argument("--out", default=str(ROOT / "dist" / "worksheets"), help="where to write the pages")
    parser.add_argument("--notebooks", default=str(NOTEBOOKS), help="the folder with the chapter notebooks")
    args = parser.parse_args(argv)
    pages = build(args.out, args.notebooks)
    print(f"Wrote {len(pages)} pages. Open {Path(args.out).resolve() / 'index.html'} in a web browser and print.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
