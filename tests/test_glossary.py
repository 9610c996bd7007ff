"""The glossary covers every term the chapters mark, and only terms the course uses."""

from pathlib import Path

import pytest

from authoring.glossary_check import marked_terms, prose
from calcium_paradox.course import existing, load_course
from calcium_paradox.glossary import Entry, glossary_markdown, load_glossary, lookup

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = existing(load_course().chapters, ROOT / "notebooks")
NOTEBOOKS = {c.number: ROOT / "notebooks" / c.filename for c in CHAPTERS}


@pytest.mark.parametrize("number", sorted(NOTEBOOKS), ids=lambda n: f"{n:02d}")
def test_every_marked_term_is_in_the_glossary(number):
    missing = [t for t in marked_terms(NOTEBOOKS[number]) if lookup(t) is None]
    assert not missing, (f"Chapter {number:02d} marks terms the glossary lacks "
                         f"(add them to data/glossary.yaml): {missing}")


def test_every_glossary_term_is_used_somewhere():
    texts = [prose(path) for path in NOTEBOOKS.values()]
    unused = [e.term for e in load_glossary() if not any(e.used_in(t) for t in texts)]
    assert not unused, f"Glossary terms no chapter uses (remove them or use them): {unused}"


@pytest.mark.parametrize("entry", load_glossary(), ids=lambda e: e.term)
def test_each_entry_names_the_chapter_that_introduces_it(entry):
    marked = [n for n, path in sorted(NOTEBOOKS.items()) if any(entry.matches(t) for t in marked_terms(path))]
    used = [n for n, path in sorted(NOTEBOOKS.items()) if entry.used_in(prose(path))]
    first = marked[0] if marked else (used[0] if used else None)
    if first is not None:
        assert entry.chapter == first, f"{entry.term}: first introduced in chapter {first:02d}, not {entry.chapter:02d}"


@pytest.mark.parametrize("entry", load_glossary(), ids=lambda e: e.term)
def test_each_definition_is_one_plain_sentence(entry):
    text = entry.definition
    assert text.endswith(".") and text.count(". ") == 0, f"{entry.term}: one sentence"
    assert len(text.split()) <= 30, f"{entry.term}: keep it under 30 words"
    assert entry.term.lower() not in text.lower().split()[:2], f"{entry.term}: do not define a term by itself"


def test_terms_are_unique():
    names = [n.lower() for e in load_glossary() for n in e.names]
    assert len(names) == len(set(names))


def test_matching_ignores_case_and_spacing_and_knows_other_names():
    entry = Entry("PTH", "x.", 1, ("parathyroid hormone",))
    assert entry.matches("pth") and entry.matches("Parathyroid  hormone")
    assert entry.used_in("when PTH rises") and not entry.used_in("PTHrP is different")


def test_the_glossary_table_lists_every_term_with_its_chapter():
    table = glossary_markdown()
    for entry in load_glossary():
        assert f"**{entry.term}" in table and f"chapter {entry.chapter:02d}" in table
