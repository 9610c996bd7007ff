"""The question bank as files that learning platforms import: QTI for Canvas, Moodle XML and GIFT.

    python3 -m authoring.lms_export dist/lms     writes every file below into dist/lms/

For the whole bank and for each chapter (``00-start-here``, ``01-calcium-in-the-body``, ...):

- ``<name>.qti.zip``, for **Canvas** (and other platforms that read QTI 1.2 packages): Settings →
  Import course content → Content type "QTI .zip file" → choose the file → Import. Each chapter
  becomes one unpublished practice quiz (the whole-bank zip holds one quiz per chapter), with a
  question bank of the same name. Answers keep their order (A first), so the letters match the
  notebooks and the answer keys in ``teachers/``; every option has its own comment, and a general
  comment gives the best answer and why. Quiz type, points and attempts can be changed in Canvas.
- ``<name>.moodle.xml``, for **Moodle**: Question bank → Import → "Moodle XML format" → choose the
  file → Import. Each chapter becomes a category "The Calcium Paradox / 03 · Two kinds of artery
  calcium" inside the category chosen for the import. Answers are not shuffled and are lettered
  A, B, C, as in the notebooks.
- ``<name>.gift.txt``, for **Moodle** too, and for other tools that read GIFT: Question bank → Import
  → "GIFT format". A plain-text file that is easy to read and edit. GIFT cannot switch shuffling
  off, so Moodle shuffles the answers unless you untick "Shuffle the choices?" in a question; use
  the Moodle XML file when the letters must match the notebooks.

Question names are the bank's ids (``N03-Q2``, ``P-M6``), so a question can be found from the
teacher guides and back. A chapter's file holds the questions its notebook asks: its own
checks, warm-ups and exit tickets, the misconception warm-up (``P-M…``) in 00 and its parallel
post-test (``P-M…-post``) in 07; these are the same sets as the chapter answer keys in ``teachers/``.

Every text is exported as HTML: ``&``, ``<`` and ``>`` are escaped, and in GIFT ``~ = # { } :`` and
``\\`` get a backslash as well. Citation links in feedback (``[Szulc 2012](#ref-szulc2012)``) become
their plain text, as the widgets show them. The functions here are pure; :func:`export_all` is the
only one that writes files, and writes the same bytes for the same bank (no dates or random ids).
``tests/test_lms_export.py`` parses every file back with parsers that are not this code and
compares each question, option, key and feedback with the bank.
"""

from __future__ import annotations

import html
import io
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable
from pathlib import Path

from calcium_paradox.course import load_course
from calcium_paradox.questions import LETTERS, Bank, Question, load_bank, plain

GIFT_SPECIAL = re.compile(r"([\\~=#{}:])")
#: Characters XML 1.0 cannot hold at all, escaped or not.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI_XSD = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
MANIFEST_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
ZIP_DATE = (2026, 1, 1, 0, 0, 0)  # fixed, so the same bank always gives the same zip
WHOLE = "all-chapters"


# ---- what every format says ---------------------------------------------------------------------
def asked_in(bank: Bank, question: Question) -> int:
    """The chapter whose notebook asks the question: the warm-up probe is in 00, its post-test in 07."""
    if question.id in bank.probe:
        return 0
    if question.id in bank.post:
        return 7
    return question.chapter


def chapter_label(number: int) -> str:
    """``03 · Two kinds of artery calcium`` (from course.yaml)."""
    try:
        return load_course().chapter(number).label
    except KeyError:
        return f"{number:02d} · Chapter {number}"


def category(number: int) -> str:
    """The Moodle category path of a chapter (``/`` separates levels, so a ``/`` in a title is doubled)."""
    return f"{load_course().title}/{chapter_label(number).replace('/', '//')}"


def general_feedback(question: Question) -> str:
    """The explanation every learner sees after answering: the best answer and why."""
    right = question.options[question.right_index]
    return f"The best answer is: {plain(right.text).rstrip('.')}. Why: {plain(right.feedback)}"


def _selected(bank: Bank, ids: Iterable[str] | None) -> list[tuple[int, list[Question]]]:
    """The questions to export, grouped by the chapter that asks them (chapters in order, questions
    in the order given, or the bank's order)."""
    questions = [bank[i] for i in ids] if ids is not None else list(bank.questions.values())
    chapters: dict[int, list[Question]] = {}
    for q in questions:
        chapters.setdefault(asked_in(bank, q), []).append(q)
    return sorted(chapters.items())


def _html(text: str) -> str:
    """Plain text (citation links as their text) as HTML."""
    text = plain(text).replace("\r\n", "\n")
    if NOT_XML.search(text):
        raise ValueError(f"a control character that no export format can hold, in {text!r}")
    return html.escape(text, quote=False).replace("\n", "<br>")


def _credit() -> str:
    course = load_course()
    return f"From “{course.title}” ({course.repository}), {course.licence_content}."


# ---- GIFT -----------------------------------------------------------------------------------------
def _gift(text: str, *, option: bool = False) -> str:
    out = _html(text)
    if option and out.startswith("%"):
        out = "&#37;" + out[1:]  # "%50%..." at the start of an option would be read as a weight
    return GIFT_SPECIAL.sub(r"\\\1", out)


def to_gift(bank: Bank, ids: Iterable[str] | None = None) -> str:
    """The questions in Moodle's GIFT format, one ``$CATEGORY`` per chapter."""
    lines = [f"// {load_course().title}: question bank in GIFT format. {_credit()}",
             "// Moodle: Question bank > Import > GIFT format. Question names are the bank's ids.",
             "// Moodle shuffles GIFT answers by default; the Moodle XML file keeps the notebooks' order.",
             ""]
    for number, questions in _selected(bank, ids):
        # No escapes in a $CATEGORY line: Moodle reads it as it stands.
        lines += [f"$CATEGORY: {category(number)}", ""]
        for q in questions:
            lines.append(f"// {q.id}: objective {q.objective}, {q.kind}")
            lines.append(f"::{_gift(q.id)}::[html]{_gift(q.prompt)}")
            lines.append("{")
            for option in q.shown:
                sign = "=" if option.correct else "~"
                lines.append(f"{sign}{_gift(option.text, option=True)}#{_gift(option.feedback)}")
            lines.append(f"####{_gift(general_feedback(q))}")
            lines += ["}", ""]
    return "\n".join(lines)


# ---- Moodle XML ---------------------------------------------------------------------------------
def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html", **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt, **attrs} if fmt else attrs)
    ET.SubElement(element, "text").text = text
    return element


def _value(parent: ET.Element, tag: str, text: str, attrs: dict[str, str] | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs or {})
    element.text = text
    return element


def _xml(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=False)  # <text></text>, as Moodle writes it
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def to_moodle_xml(bank: Bank, ids: Iterable[str] | None = None) -> str:
    """The questions in Moodle XML: a category per chapter, then its multiple-choice questions."""
    quiz = ET.Element("quiz")
    quiz.append(ET.Comment(f" {load_course().title}: question bank. {_credit()} "))
    for number, questions in _selected(bank, ids):
        cat = ET.SubElement(quiz, "question", type="category")
        _text(cat, "category", category(number), fmt=None)
        _text(cat, "info", "")
        for q in questions:
            question = ET.SubElement(quiz, "question", type="multichoice")
            _text(question, "name", q.id, fmt=None)
            _text(question, "questiontext", _html(q.prompt))
            _text(question, "generalfeedback", _html(general_feedback(q)))
            _value(question, "defaultgrade", "1")
            _value(question, "penalty", "0.3333333")
            _value(question, "hidden", "0")
            _value(question, "idnumber", q.id)
            _value(question, "single", "true")
            _value(question, "shuffleanswers", "false")  # the letters must match the notebooks
            _value(question, "answernumbering", "ABCD")
            _value(question, "showstandardinstruction", "0")
            for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
                _text(question, tag, "")
            for option in q.shown:
                answer = _text(question, "answer", _html(option.text), fraction="100" if option.correct else "0")
                _text(answer, "feedback", _html(option.feedback))
            tags = ET.SubElement(question, "tags")
            for tag in ("calcium-paradox", f"chapter-{number:02d}", q.objective, q.kind):
                _text(tags, "tag", tag, fmt=None)
    return _xml(quiz)


# ---- QTI 1.2 for Canvas ---------------------------------------------------------------------------
def _ident(text: str) -> str:
    return "cp-" + re.sub(r"[^A-Za-z0-9_-]", "_", text)


def _mattext(parent: ET.Element, text: str) -> None:
    material = ET.SubElement(parent, "material")
    ET.SubElement(material, "mattext", texttype="text/html").text = text


def _field(parent: ET.Element, label: str, entry: str) -> None:
    field = ET.SubElement(parent, "qtimetadatafield")
    ET.SubElement(field, "fieldlabel").text = label
    ET.SubElement(field, "fieldentry").text = entry


def _feedback_condition(parent: ET.Element, linkref: str, response: str | None) -> None:
    condition = ET.SubElement(parent, "respcondition", {"continue": "Yes"})
    var = ET.SubElement(condition, "conditionvar")
    if response is None:
        ET.SubElement(var, "other")
    else:
        ET.SubElement(var, "varequal", respident="response1").text = response
    ET.SubElement(condition, "displayfeedback", feedbacktype="Response", linkrefid=linkref)


def _qti_item(section: ET.Element, q: Question) -> None:
    ident = _ident(q.id)
    choices = [f"{ident}-{LETTERS[n]}" for n in range(len(q.shown))]
    item = ET.SubElement(section, "item", ident=ident, title=q.id)
    meta = ET.SubElement(ET.SubElement(item, "itemmetadata"), "qtimetadata")
    _field(meta, "question_type", "multiple_choice_question")
    _field(meta, "points_possible", "1.0")
    _field(meta, "original_answer_ids", ",".join(choices))
    _field(meta, "assessment_question_identifierref", f"{ident}-ref")

    presentation = ET.SubElement(item, "presentation")
    _mattext(presentation, _html(q.prompt))
    response = ET.SubElement(presentation, "response_lid", ident="response1", rcardinality="Single")
    render = ET.SubElement(response, "render_choice", shuffle="No")
    for choice, option in zip(choices, q.shown, strict=True):
        _mattext(ET.SubElement(render, "response_label", ident=choice), _html(option.text))

    processing = ET.SubElement(item, "resprocessing")
    ET.SubElement(ET.SubElement(processing, "outcomes"), "decvar",
                  maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    _feedback_condition(processing, "general_fb", None)
    for choice in choices:
        _feedback_condition(processing, f"{choice}_fb", choice)
    right = choices[next(n for n, o in enumerate(q.shown) if o.correct)]
    condition = ET.SubElement(processing, "respcondition", {"continue": "No"})
    ET.SubElement(ET.SubElement(condition, "conditionvar"), "varequal", respident="response1").text = right
    ET.SubElement(condition, "setvar", action="Set", varname="SCORE").text = "100"

    for linkref, text in [("general_fb", general_feedback(q))] + [
            (f"{choice}_fb", option.feedback) for choice, option in zip(choices, q.shown, strict=True)]:
        feedback = ET.SubElement(item, "itemfeedback", ident=linkref)
        _mattext(ET.SubElement(feedback, "flow_mat"), _html(text))


def _qti_assessment(ident: str, title: str, questions: list[Question]) -> str:
    root = ET.Element("questestinterop", {"xmlns": QTI_NS, "xmlns:xsi": XSI_NS,
                                          "xsi:schemaLocation": f"{QTI_NS} {QTI_XSD}"})
    assessment = ET.SubElement(root, "assessment", ident=ident, title=title)
    section = ET.SubElement(assessment, "section", ident="root_section")
    for q in questions:
        _qti_item(section, q)
    return _xml(root)


def _canvas_meta(ident: str, title: str, points: int) -> str:
    """Canvas's own quiz settings (assessment_meta.xml): a practice quiz, answers not shuffled."""
    quiz = ET.Element("quiz", {"identifier": ident, "xmlns": CANVAS_NS})
    settings = {
        "title": title,
        "description": _html(f"Questions from “{title}”. {_credit()} Question names are the course's "
                             "question ids; the teacher guides key every one."),
        "shuffle_answers": "false", "scoring_policy": "keep_highest", "hide_results": "",
        "quiz_type": "practice_quiz", "points_possible": f"{points:.1f}", "show_correct_answers": "true",
        "allowed_attempts": "-1", "one_question_at_a_time": "false", "cant_go_back": "false",
        "available": "false",
    }
    for tag, text in settings.items():
        _value(quiz, tag, text)
    return _xml(quiz)


def _manifest(title: str, assessments: list[str]) -> str:
    manifest = ET.Element("manifest", {"identifier": _ident("manifest"), "xmlns": MANIFEST_NS})
    metadata = ET.SubElement(manifest, "metadata")
    _value(metadata, "schema", "IMS Content")
    _value(metadata, "schemaversion", "1.1.3")
    manifest.append(ET.Comment(f" {title}. {_credit()} "))
    ET.SubElement(manifest, "organizations")
    resources = ET.SubElement(manifest, "resources")
    for ident in assessments:
        resource = ET.SubElement(resources, "resource", identifier=ident, type="imsqti_xmlv1p2")
        ET.SubElement(resource, "file", href=f"{ident}/{ident}.xml")
        ET.SubElement(resource, "dependency", identifierref=f"{ident}-meta")
        meta = ET.SubElement(resources, "resource", {
            "identifier": f"{ident}-meta", "type": "associatedcontent/imscc_xmlv1p1/learning-application-resource",
            "href": f"{ident}/assessment_meta.xml"})
        ET.SubElement(meta, "file", href=f"{ident}/assessment_meta.xml")
    return _xml(manifest)


def _zip(files: dict[str, str]) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.external_attr = (0o40755 if name.endswith("/") else 0o644) << 16
            info.compress_type = zipfile.ZIP_STORED if name.endswith("/") else zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return stream.getvalue()


def to_qti(bank: Bank, ids: Iterable[str] | None = None) -> bytes:
    """A QTI 1.2 package (zip bytes) that Canvas imports: one practice quiz per chapter."""
    course = load_course()
    files = {"imsmanifest.xml": "", "non_cc_assessments/": ""}
    assessments = []
    for number, questions in _selected(bank, ids):
        ident = _ident(f"chapter-{number:02d}")
        title = f"{course.title}: {chapter_label(number)}"
        files[f"{ident}/{ident}.xml"] = _qti_assessment(ident, title, questions)
        files[f"{ident}/assessment_meta.xml"] = _canvas_meta(ident, title, len(questions))
        assessments.append(ident)
    files["imsmanifest.xml"] = _manifest(f"{course.title}: question bank", assessments)
    return _zip(files)


# ---- every file ---------------------------------------------------------------------------------
def export_all(out_dir: Path, bank: Bank | None = None) -> list[Path]:
    """Write the whole bank and each chapter in every format into ``out_dir``; returns the paths."""
    bank = bank or load_bank()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    slugs = {c.number: c.slug for c in load_course().chapters}
    sets = [(WHOLE, None)] + [(slugs.get(number, f"chapter-{number:02d}"), [q.id for q in questions])
                              for number, questions in _selected(bank, None)]
    written = []
    for name, ids in sets:
        for suffix, data in ((".qti.zip", to_qti(bank, ids)), (".moodle.xml", to_moodle_xml(bank, ids)),
                             (".gift.txt", to_gift(bank, ids))):
            path = out_dir / f"{name}{suffix}"
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8", newline="\n")
            written.append(path)
    return written


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else Path("dist/lms")
    paths = export_all(out_dir)
    print(f"[course] wrote {len(paths)} files to {out_dir}/ (see authoring/lms_export.py for how to import them)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
