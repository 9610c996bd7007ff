"""The LMS exports (authoring/lms_export.py), read back by parsers that are not the exporter's code.

Every question, option text, key and feedback that a teacher's platform will import is compared with
the bank (options in the order learners see them, A first):

- GIFT is parsed by ``pygiftparser`` (PyPI; see :func:`gift_parser` for the two ways in which it
  falls short of Moodle's own reader, and how these tests make up for them);
- Moodle XML and the QTI package for Canvas are parsed by ``xml.etree.ElementTree``, which also
  checks each format's required elements and attributes (by hand: there is no schema check here,
  see the note at the end).

A bank of one made-up question full of characters that GIFT, XML and HTML treat as special
checks the escaping, and deliberately broken exports (a swapped key, swapped feedback, missing
escapes) must fail the same comparisons.

No schema validation: the official XSDs (QTI 1.2 ASI, IMS CP) are not shipped by any package this
project installs, and lxml, which would apply them, is not in the course's environment.
Moodle XML has no official schema at all: Moodle documents the format in prose only. A search on
2026-12-03 (PyPI and npm package lists, an index of public repositories) found no package that
ships ims_qtiasiv1p2p1.xsd.
"""

from __future__ import annotations

import dataclasses
import html
import io
import re
import sys
import types
import warnings
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass

import pytest

from authoring import lms_export
from calcium_paradox.course import load_course
from calcium_paradox.questions import Bank, Option, Question, load_bank, plain

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
CANVAS = "{http://canvas.instructure.com/xsd/cccv1p0}"
BRACE = "\ue07d"  # stands for an escaped "}" while pygiftparser reads a file (see gift_parser)


# ---- what the bank says -------------------------------------------------------------------------
@dataclass(frozen=True)
class Seen:
    """One question as a platform would show it."""

    id: str
    chapter: str  # the category (Moodle) or quiz title (Canvas) it lands in
    prompt: str
    options: tuple[tuple[str, str, bool], ...]  # (text, feedback, right?) in the order shown
    general: str


def asking_chapter(bank: Bank, q: Question) -> int:
    """The notebook that asks the question: the warm-up probe is in 00, its post-test in 07."""
    return 0 if q.id in bank.probe else 7 if q.id in bank.post else q.chapter


def check_against_bank(seen: list[Seen], bank: Bank, ids: list[str] | None = None) -> None:
    """Every question, option, key and feedback as exported, against the bank."""
    ids = ids if ids is not None else list(bank.questions)
    course = load_course()
    assert sorted(s.id for s in seen) == sorted(ids), "the export has other questions than asked for"
    assert len({s.id for s in seen}) == len(seen), "a question is exported twice"
    for s in seen:
        q = bank[s.id]
        label = course.chapter(asking_chapter(bank, q)).label
        assert s.chapter.endswith(label), f"{q.id} is filed under {s.chapter!r}, not chapter {label!r}"
        assert s.prompt == plain(q.prompt), f"{q.id}: prompt differs"
        assert len(s.options) == len(q.shown), f"{q.id}: {len(s.options)} options, the bank has {len(q.shown)}"
        for letter, got, option in zip("ABCDEFGH", s.options, q.shown, strict=False):
            assert got[0] == plain(option.text), f"{q.id} option {letter}: text differs"
            assert got[1] == plain(option.feedback), f"{q.id} option {letter}: feedback differs"
            assert got[2] == option.correct, f"{q.id} option {letter}: marked {'right' if got[2] else 'wrong'}"
        right = q.options[q.right_index]
        assert plain(right.text).rstrip(".") in s.general and plain(right.feedback) in s.general, (
            f"{q.id}: the general feedback does not give the best answer and why")


def from_html(text: str | None, where: str) -> str:
    """The HTML that an export holds, as plain text; fails on a ``<`` or ``&`` that was not escaped."""
    text = text or ""
    assert not re.search(r"<(?!br>)", text), f"{where}: unescaped '<' in {text!r}"
    assert not re.search(r"&(?!(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);)", text), f"{where}: unescaped '&' in {text!r}"
    return html.unescape(text.replace("<br>", "\n"))


# ---- GIFT, read by pygiftparser -----------------------------------------------------------------
@pytest.fixture(scope="module")
def gift_parser():
    """pygiftparser 1.1, with two allowances.

    1. Its dependency MarkdownSuperscript caps Markdown below 3.1, and Markdown 3.0 imports
       pkg_resources, which current setuptools no longer has. pygiftparser imports Markdown only to
       render HTML, which these tests never ask for, so when Markdown cannot be imported a blank
       module stands in for it while pygiftparser loads (and is taken away again).
    2. It cannot read an escaped ``\\}`` inside the answers (its answer pattern ends at the first
       ``}``, escaped or not). Moodle first swaps every escaped character for a placeholder; these
       tests do the same for ``\\}`` alone (:func:`protect`) and put ``}`` back after parsing.

    It also reads only ``$CATEGORY`` names without spaces, so each category's part of a file is
    given to it separately (:func:`read_gift`).
    """
    try:
        import markdown  # noqa: F401
        stub = False
    except ImportError:
        stub = True
    saved = sys.modules.get("markdown")
    if stub:
        sys.modules["markdown"] = types.ModuleType("markdown")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # locale.getdefaultlocale in its i18n module
            from pygiftparser import parser
    except ImportError as error:
        pytest.fail(f"pygiftparser is not installed ({error}): it is pinned in requirements-dev.txt; "
                    "run python3 tasks.py test to install it")
    finally:
        if stub:
            sys.modules.pop("markdown", None)
            if saved is not None:
                sys.modules["markdown"] = saved
    return parser


def protect(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: BRACE if m.group(1) == "}" else m.group(0), text, flags=re.S)


def gift_field(raw: str, where: str) -> str:
    """A field as pygiftparser returns it (GIFT escapes kept), as plain text; fails on an unescaped
    GIFT character, which pygiftparser may have let through."""
    assert not re.search(r"[~=#{}:]", re.sub(r"\\.", "", raw)), f"{where}: unescaped GIFT character in {raw!r}"
    return from_html(re.sub(r"\\(.)", r"\1", raw, flags=re.S).replace(BRACE, "}"), where)


def read_gift(text: str, parser) -> list[Seen]:
    parts = re.split(r"^\$CATEGORY:(.*)\n", text, flags=re.M)
    assert not parser.parseFile(io.StringIO(parts[0])), "questions before the first $CATEGORY"
    seen = []
    for category, body in zip(parts[1::2], parts[2::2], strict=True):
        assert body.startswith("\n"), "a $CATEGORY line must be followed by a blank line"
        for q in parser.parseFile(io.StringIO(protect(body))):
            name = re.sub(r"\\(.)", r"\1", q.title).replace(BRACE, "}")
            where = f"GIFT question {name!r}"
            assert q.valid and type(q.answers).__name__ == "SelectSet", f"{where}: not read as multiple choice"
            assert q.markup == "html" and not q.tail, f"{where}: no [html] marker, or text after the answers"
            options = tuple((gift_field(a.answer, where), gift_field(a.feedback, where), a.fraction == 100)
                            for a in q.answers.answers)
            assert all(a.fraction in (0, 100) for a in q.answers.answers), f"{where}: partial credit"
            seen.append(Seen(gift_field(q.title, where), category.strip(), gift_field(q.text, where), options,
                             gift_field(q.generalFeedback, where)))
    return seen


# ---- Moodle XML, read by ElementTree -----------------------------------------------------------
def _required(element: ET.Element, path: str, where: str) -> ET.Element:
    found = element.find(path)
    assert found is not None, f"{where}: no <{path}>"
    return found


def _html_text(element: ET.Element, path: str, where: str) -> str:
    holder = _required(element, path, where)
    assert holder.get("format") == "html", f"{where}: <{path}> is not format=\"html\""
    return from_html(_required(holder, "text", where).text, f"{where} <{path}>")


def read_moodle_xml(text: str) -> list[Seen]:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "quiz", "a Moodle XML file is one <quiz>"
    category, seen = None, []
    for question in root:
        if not isinstance(question.tag, str):
            continue  # a comment
        assert question.tag == "question", f"<{question.tag}> in <quiz>"
        if question.get("type") == "category":
            category = _required(question, "category/text", "category").text
            continue
        name = _required(question, "name/text", "question").text
        where = f"Moodle XML question {name!r}"
        assert question.get("type") == "multichoice", f"{where}: type {question.get('type')!r}"
        assert category, f"{where}: comes before any category"
        assert question.findtext("single") == "true", f"{where}: not single-answer"
        assert question.findtext("shuffleanswers") in ("false", "0"), f"{where}: answers would be shuffled"
        assert question.findtext("answernumbering") == "ABCD", f"{where}: not lettered A, B, C"
        assert float(question.findtext("defaultgrade")) > 0 and 0 <= float(question.findtext("penalty")) <= 1
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            _required(question, f"{tag}/text", where)
        options = []
        for answer in question.findall("answer"):
            assert answer.get("format") == "html", f"{where}: an answer is not format=\"html\""
            fraction = float(answer.get("fraction"))
            assert fraction in (0, 100), f"{where}: partial credit {fraction}"
            options.append((from_html(_required(answer, "text", where).text, where),
                            _html_text(answer, "feedback", where), fraction == 100))
        seen.append(Seen(name, category, _html_text(question, "questiontext", where), tuple(options),
                         _html_text(question, "generalfeedback", where)))
    return seen


# ---- QTI for Canvas, read by zipfile and ElementTree ---------------------------------------------
def _mattext(element: ET.Element, where: str) -> str:
    mattext = _required(element, f"{QTI}material/{QTI}mattext", where)
    assert mattext.get("texttype") == "text/html", f"{where}: mattext is not text/html"
    return from_html(mattext.text, where)


def read_qti_item(item: ET.Element, chapter: str) -> Seen:
    name = item.get("title")
    where = f"QTI item {name!r}"
    meta = {f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry")
            for f in item.iterfind(f"{QTI}itemmetadata/{QTI}qtimetadata/{QTI}qtimetadatafield")}
    assert meta.get("question_type") == "multiple_choice_question", f"{where}: question_type {meta}"
    assert float(meta["points_possible"]) > 0, f"{where}: no points"
    presentation = _required(item, f"{QTI}presentation", where)
    lid = _required(presentation, f"{QTI}response_lid", where)
    assert lid.get("rcardinality") == "Single" and lid.get("ident"), f"{where}: not a single-choice response"
    render = _required(lid, f"{QTI}render_choice", where)
    assert render.get("shuffle", "No") == "No", f"{where}: Canvas would shuffle the answers"
    labels = [(label.get("ident"), _mattext(label, where)) for label in render.iterfind(f"{QTI}response_label")]
    assert meta["original_answer_ids"] == ",".join(ident for ident, _ in labels), f"{where}: original_answer_ids"
    assert len({ident for ident, _ in labels}) == len(labels), f"{where}: two answers share an ident"

    processing = _required(item, f"{QTI}resprocessing", where)
    assert _required(processing, f"{QTI}outcomes/{QTI}decvar", where).get("varname") == "SCORE"
    feedback = {fb.get("ident"): _mattext(_required(fb, f"{QTI}flow_mat", where), where)
                for fb in item.iterfind(f"{QTI}itemfeedback")}
    shown: dict[str | None, list[str]] = {}  # the answer chosen (None: any) -> the feedback it shows
    right = []
    for condition in processing.iterfind(f"{QTI}respcondition"):
        var = _required(condition, f"{QTI}conditionvar", where)
        equal = var.findall(f"{QTI}varequal")
        assert len(equal) + len(var.findall(f"{QTI}other")) == len(var) == 1, f"{where}: a complex condition"
        chosen = None
        if equal:
            assert equal[0].get("respident") == lid.get("ident"), f"{where}: condition on another response"
            chosen = equal[0].text
            assert chosen in dict(labels), f"{where}: condition on an unknown answer {chosen!r}"
        for show in condition.iterfind(f"{QTI}displayfeedback"):
            assert show.get("linkrefid") in feedback, f"{where}: feedback {show.get('linkrefid')!r} is missing"
            shown.setdefault(chosen, []).append(feedback[show.get("linkrefid")])
        for setvar in condition.iterfind(f"{QTI}setvar"):
            assert (setvar.get("varname"), setvar.get("action"), setvar.text) == ("SCORE", "Set", "100")
            assert chosen is not None, f"{where}: full marks for any answer"
            right.append(chosen)
    assert len(right) == 1, f"{where}: {len(right)} answers get full marks"
    assert all(len(texts) == 1 for texts in shown.values()), f"{where}: an answer shows two feedbacks"
    options = tuple((text, shown.get(ident, [""])[0], ident == right[0]) for ident, text in labels)
    return Seen(name, chapter, _mattext(presentation, where), options, shown.get(None, [""])[0])


def read_qti(data: bytes) -> list[Seen]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    names = set(archive.namelist())
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    assert manifest.tag == f"{CP}manifest" and manifest.get("identifier"), "imsmanifest.xml: not an IMS manifest"
    resources = {r.get("identifier"): r for r in manifest.iterfind(f"{CP}resources/{CP}resource")}
    assessments = [r for r in resources.values() if r.get("type") == "imsqti_xmlv1p2"]
    assert assessments, "imsmanifest.xml names no QTI 1.2 assessment"
    seen, idents = [], set()
    for resource in assessments:
        files = [f.get("href") for f in resource.iterfind(f"{CP}file")]
        assert len(files) == 1 and files[0] in names, f"manifest resource {resource.get('identifier')}: file {files}"
        root = ET.fromstring(archive.read(files[0]))
        assert root.tag == f"{QTI}questestinterop", f"{files[0]}: not QTI 1.2 ASI"
        assessment = _required(root, f"{QTI}assessment", files[0])
        title = assessment.get("title")
        assert assessment.get("ident") and title, f"{files[0]}: assessment without ident or title"
        for dependency in resource.iterfind(f"{CP}dependency"):
            meta = resources[dependency.get("identifierref")]
            meta_file = _required(meta, f"{CP}file", "manifest").get("href")
            quiz = ET.fromstring(archive.read(meta_file))
            assert quiz.tag == f"{CANVAS}quiz" and quiz.findtext(f"{CANVAS}title") == title, meta_file
            assert quiz.findtext(f"{CANVAS}shuffle_answers") == "false", f"{meta_file}: Canvas would shuffle"
        for item in assessment.iter(f"{QTI}item"):
            assert item.get("ident") and item.get("ident") not in idents, f"{files[0]}: item ident {item.get('ident')}"
            idents.add(item.get("ident"))
            seen.append(read_qti_item(item, title))
    return seen


READERS = {"gift": read_gift, "moodle": read_moodle_xml, "qti": read_qti}
WRITERS = {"gift": lms_export.to_gift, "moodle": lms_export.to_moodle_xml, "qti": lms_export.to_qti}


@pytest.fixture
def read(request):
    """Parse an export; only GIFT needs pygiftparser, so the XML tests run without it."""
    def read(fmt: str, data) -> list[Seen]:
        return read_gift(data, request.getfixturevalue("gift_parser")) if fmt == "gift" else READERS[fmt](data)
    return read


# ---- the course's bank --------------------------------------------------------------------------
BANK = load_bank()


@pytest.mark.parametrize("fmt", WRITERS)
def test_the_whole_bank_reads_back_as_it_is(fmt, read):
    check_against_bank(read(fmt, WRITERS[fmt](BANK)), BANK)


@pytest.mark.parametrize("fmt", WRITERS)
def test_a_chosen_few_read_back_in_their_chapters(fmt, read):
    ids = ["N05-Q1", "P-M2", "P-M2-post", "N01-W1"]
    check_against_bank(read(fmt, WRITERS[fmt](BANK, ids)), BANK, ids)


def test_export_all_writes_every_format_for_the_bank_and_each_chapter(tmp_path, read):
    paths = lms_export.export_all(tmp_path / "lms")
    course = load_course()
    names = ["all-chapters"] + [c.slug for c in course.chapters]
    assert sorted(p.name for p in paths) == sorted(f"{n}{s}" for n in names
                                                   for s in (".qti.zip", ".moodle.xml", ".gift.txt"))
    for path in paths:
        fmt = {".zip": "qti", ".xml": "moodle", ".txt": "gift"}[path.suffix]
        seen = read(fmt, path.read_bytes() if fmt == "qti" else path.read_text("utf-8"))
        if path.name.startswith("all-chapters"):
            check_against_bank(seen, BANK)
        else:
            number = course.by_slug(path.name.split(".")[0]).number
            ids = [q.id for q in BANK.questions.values() if asking_chapter(BANK, q) == number]
            assert ids, f"chapter {number} asks no question"
            check_against_bank(seen, BANK, ids)
    again = lms_export.export_all(tmp_path / "again")
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again], "the export is not reproducible"


def test_each_question_is_filed_under_the_chapter_that_asks_it():
    """A chapter's file holds what its notebook asks (the probe in 00, the post-test in 07): the same
    sets as the answer keys in teachers/ (authoring.teaching.guide_question_ids, too slow to call here)."""
    assert {lms_export.asked_in(BANK, q) for q in BANK.questions.values()} == {c.number for c in load_course().chapters}
    for q in BANK.questions.values():
        assert lms_export.asked_in(BANK, q) == asking_chapter(BANK, q)


# ---- characters that every format treats as special -----------------------------------------------
NASTY = Question(
    id="X-1:{a}",
    prompt='Is 2 {a} = b: ~c #d & <e> \\ f "g" ’h’ µ² 50% -> ::i:: [see](#ref-x)?\nA second line.',
    options=(
        Option("%50% right -> x: = ~ # { } & <b> \\", "Yes: see [Szulc 2012](#ref-szulc2012) = {ok} ~ #### \\ & <b>",
               correct=True),
        Option("wrong }{ :: :: #", "No }: & &amp; < > ####", misconception="M1"),
        Option("third \\", "#start ~ = \\", misconception="M2"),
        Option("=fourth~", "}", misconception="M3"),
    ),
    objective="N01-O1", chapter=1)
NASTY_BANK = Bank({NASTY.id: NASTY})


@pytest.mark.parametrize("fmt", WRITERS)
def test_special_characters_are_escaped(fmt, read):
    check_against_bank(read(fmt, WRITERS[fmt](NASTY_BANK)), NASTY_BANK)


# ---- a broken export is caught --------------------------------------------------------------------
def _swap_key_gift(text: str, qid: str) -> str:
    start = text.index(f"::{qid}::")
    end = text.index("\n}\n", start)
    block = text[start:end].split("\n")
    right = next(i for i, line in enumerate(block) if line.startswith("="))
    wrong = next(i for i, line in enumerate(block) if line.startswith("~"))
    block[right], block[wrong] = "~" + block[right][1:], "=" + block[wrong][1:]
    return text[:start] + "\n".join(block) + text[end:]


def _swap_key_moodle(text: str, qid: str) -> str:
    root = ET.fromstring(text.encode("utf-8"))
    question = next(q for q in root.iter("question") if q.findtext("name/text") == qid)
    right, wrong = (next(a for a in question.iter("answer") if a.get("fraction") == f) for f in ("100", "0"))
    right.set("fraction", "0")
    wrong.set("fraction", "100")
    return ET.tostring(root, encoding="unicode")


def _swap_key_qti(data: bytes, qid: str) -> bytes:
    archive = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as broken:
        for name in archive.namelist():
            content = archive.read(name)
            if name.endswith(".xml") and f'title="{qid}"'.encode() in content:
                text = content.decode("utf-8")
                item = text.index(f'title="{qid}"')
                score = text.index('<setvar action="Set" varname="SCORE">100', item)
                key = text.rindex("<varequal", item, score)
                letter = text.index("</varequal>", key) - 1
                other = "A" if text[letter] != "A" else "B"
                content = (text[:letter] + other + text[letter + 1:]).encode("utf-8")
            broken.writestr(name, content)
    return out.getvalue()


SWAP_KEY = {"gift": _swap_key_gift, "moodle": _swap_key_moodle, "qti": _swap_key_qti}


@pytest.mark.parametrize("fmt", WRITERS)
def test_a_swapped_key_is_caught(fmt, read):
    export = WRITERS[fmt](BANK)
    broken = SWAP_KEY[fmt](export, "N03-Q2")
    assert broken != export
    with pytest.raises(AssertionError, match=r"N03-Q2 option [A-D]: marked"):
        check_against_bank(read(fmt, broken), BANK)


@pytest.mark.parametrize("fmt", WRITERS)
def test_an_exporter_that_mixes_up_feedback_is_caught(fmt, read):
    """A bank whose first question shows another option's feedback stands for an exporter bug."""
    q = BANK["N02-Q1"]
    first, second = q.options[0], q.options[1]
    mixed = dataclasses.replace(q, options=(dataclasses.replace(first, feedback=second.feedback),
                                            dataclasses.replace(second, feedback=first.feedback), *q.options[2:]))
    exported = WRITERS[fmt](Bank({**BANK.questions, q.id: mixed}, BANK.probe, BANK.post))
    with pytest.raises(AssertionError, match=r"N02-Q1 option [A-D]: feedback differs"):
        check_against_bank(read(fmt, exported), BANK)


@pytest.mark.parametrize("fmt", WRITERS)
def test_missing_html_escapes_are_caught(fmt, read, monkeypatch):
    monkeypatch.setattr(lms_export, "_html", lambda text: plain(text).replace("\n", "<br>"))
    with pytest.raises(AssertionError, match="unescaped"):
        check_against_bank(read(fmt, WRITERS[fmt](NASTY_BANK)), NASTY_BANK)


def test_missing_gift_escapes_are_caught(read, monkeypatch):
    monkeypatch.setattr(lms_export, "GIFT_SPECIAL", re.compile(r"([\\{}])"))  # forgets ~ = # :
    with pytest.raises(AssertionError):
        check_against_bank(read("gift", lms_export.to_gift(NASTY_BANK)), NASTY_BANK)
