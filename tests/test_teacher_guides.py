"""Every chapter that exists has a teacher guide that follows the template, keys every question
the chapter asks (by id, from the question bank) and agrees with the notebook's timing.

The rules live in authoring/teaching.py (guide_problems, overview_problems); a new
chapter is covered as soon as its notebook exists. ``python3 tasks.py sync`` writes a new guide
from the template, with the sections still to write marked TO WRITE, which fail here.
"""

import re
from pathlib import Path

import pytest

from authoring import teaching
from calcium_paradox.course import existing, load_course
from calcium_paradox.questions import load_bank

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
TEACHERS = ROOT / "teachers"
NOTEBOOKS = [NOTEBOOK_DIR / c.filename for c in existing(load_course().chapters, NOTEBOOK_DIR)]
OVERVIEW = TEACHERS / "README.md"


def _guide(notebook: Path) -> str:
    path = teaching.guide_path(TEACHERS, notebook)
    assert path.exists(), f"{notebook.name} has no teacher guide: run `python3 tasks.py sync`, then write {path.name}"
    return path.read_text("utf-8")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_chapter_has_a_complete_guide(notebook):
    problems = teaching.guide_problems(_guide(notebook), notebook)
    assert not problems, f"teachers/{notebook.stem}.md:\n- " + "\n- ".join(problems)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_answer_key_covers_every_question_the_chapter_asks_and_no_other(notebook):
    keyed = teaching.keyed_ids(_guide(notebook))
    asked = {a.id for a in teaching.asked_questions(notebook)}
    bank = load_bank()
    written = {q.id for q in bank.questions.values() if q.chapter == load_course().by_slug(notebook.stem).number
               and q.id not in bank.probe + bank.post}
    assert set(keyed) == asked | written
    assert len(keyed) == len(set(keyed))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_answer_key_explains_every_option_and_names_each_misconception(notebook):
    key = teaching.block_pattern("answer-key").search(_guide(notebook)).group(2)
    bank = load_bank()
    for qid in teaching.keyed_ids(_guide(notebook)):
        entry = key.split(f"### {qid} ·", 1)[1].split("\n### ", 1)[0]
        for option in bank[qid].options:
            assert option.feedback in entry, f"{qid}: an option's explanation is missing"
            if option.misconception:
                assert f"**{option.misconception}**" in entry, f"{qid}: {option.misconception} is not named"
        assert entry.count("*Signals:*") == sum(not o.correct for o in bank[qid].options)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_timeline_adds_up_to_the_notebook_metadata(notebook):
    meta = teaching.metadata(notebook)
    assert teaching.timeline(_guide(notebook)) == {"teaching": meta["teaching_min"], "exercises": meta["exercises_min"]}
    assert f"about {meta['minutes']} minutes: {meta['teaching_min']} minutes of teaching" in _guide(notebook)


def test_guides_exist_only_for_chapters():
    slugs = {c.slug for c in load_course().chapters}
    for path in TEACHERS.glob("*.md"):
        assert path.stem in slugs or path.name in ("README.md", "HOW-TO-OPEN.md"), f"{path.name} is not a chapter guide"


def test_the_overview_is_complete_and_links_every_guide():
    text = OVERVIEW.read_text("utf-8")
    assert teaching.overview_problems(text, NOTEBOOK_DIR, TEACHERS) == []
    for notebook in NOTEBOOKS:
        assert f"]({notebook.stem}.md)" in text, f"the overview does not link the guide for {notebook.stem}"


def test_every_misconception_in_the_bank_and_the_notebooks_is_on_the_list():
    known = teaching.load_misconceptions()
    assert list(known) == [f"M{n}" for n in range(1, 21)]
    for q in load_bank().questions.values():
        for option in q.options:
            assert option.misconception in (None, *known), f"{q.id}: {option.misconception}"
    for notebook in NOTEBOOKS:
        assert set(teaching.metadata(notebook)["misconceptions"]) <= set(known)
    for m in known.values():
        assert m.chapters and all(0 <= n <= 7 for n in m.chapters)


# ---- the check can fail: broken copies of a real guide -----------------------------------------
START = NOTEBOOK_DIR / "00-start-here.ipynb"


def _broken(change):
    return teaching.guide_problems(change(_guide(START)), START)


@pytest.mark.parametrize("change, message", [
    (lambda t: re.sub(r"### N00-Q2 ·.*?(?=\n### )", "", t, flags=re.S), "misses ['N00-Q2']"),
    (lambda t: t.replace("## Discussion prompts", "## Talking points"), "sections missing: Discussion prompts"),
    (lambda t: t.replace("| 3 | exercises | The bathtub", "| 4 | exercises | The bathtub"), "minutes of exercises"),
    (lambda t: t.replace("## Facilitation notes\n", "## Facilitation notes\n\nTO WRITE\n"), "TO WRITE"),
    (lambda t: t.replace("### Nursing", "### Nurses"), "### Nursing"),
    (lambda t: t.replace("P-M10, P-M12)", "P-M10, P-M99)"), "not in the bank"),
    (lambda t: t.replace("M12 (vitamin K2 clears arteries)", "vitamin K2 clears arteries"), "does not address M12"),
    (lambda t: t.replace("Shift+Enter runs the cell", "Shift+Enter starts the cell"), "out of date"),
    (lambda t: t.replace("### If Binder is slow", "### Fallback"), "If Binder is slow"),
    (lambda t: t.replace("I can't give personal advice", "Ask someone"), "personal questions"),
    (lambda t: t.replace("## Assessment", "See [Nobody 2099](#ref-nobody2099).\n\n## Assessment"), "nobody2099"),
])
def test_the_guide_check_catches_each_problem(change, message):
    problems = _broken(change)
    assert any(message in p for p in problems), problems


def test_a_new_guide_from_the_template_is_flagged_until_written():
    problems = teaching.guide_problems(teaching.new_guide(START), START)
    assert any("TO WRITE" in p for p in problems)
    assert not any("answer key misses" in p for p in problems), "the template already keys every question"


def test_teacher_pages_never_carry_a_citation_from_the_do_not_cite_list():
    from importlib import resources

    import yaml

    rules = yaml.safe_load(resources.files("calcium_paradox").joinpath("data/do_not_cite.yaml").read_text("utf-8"))
    for page in sorted(TEACHERS.glob("*.md")) + [ROOT / "README.md", ROOT / "CONTRIBUTING.md"]:
        text = page.read_text("utf-8").lower()
        hits = [r["citation"] for r in rules if re.search(r["pattern"], text, re.S)]
        assert not hits, f"{page.name} carries {hits}"


@pytest.mark.parametrize("claim_line", [
    "**Claim:** bone is the reserve.",
    "**Claim: bone is the reserve.**",
])
def test_the_evidence_log_reads_the_claim_in_either_bold_style(tmp_path, claim_line):
    import nbformat

    card = f"{claim_line}\n\n- **Certainty:** moderate certainty. More words.\n"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(card, metadata={"tags": ["evidence"]})])
    notebook = tmp_path / "99-test.ipynb"
    nbformat.write(nb, notebook)
    assert teaching.evidence_card(notebook) == ("bone is the reserve.", "moderate certainty.")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_evidence_card_in_the_log_names_its_claim(notebook):
    card = teaching.evidence_card(notebook)
    if card is not None:
        assert card[0] and card[1], f"{notebook.name}: the evidence log could not read the card's claim or certainty"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_answer_key_uses_the_letters_learners_see(notebook):
    import re

    key = teaching.block_pattern("answer-key").search(_guide(notebook)).group(2)
    bank = load_bank()
    for block in key.split("\n### ")[1:]:
        qid = block.split(" ·")[0]
        q = bank[qid]
        right = re.search(r"- \*\*([A-H])\. Right answer:\*\* (.*)", block)
        assert right and right.group(1) == q.letter_of(q.right_index), f"{qid}: the key's letter is not the shown one"
        assert right.group(2) == q.options[q.right_index].text


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_guide_opens_with_a_one_page_lesson_plan_timed_by_the_model(notebook):
    from authoring import time_model
    from authoring.notebooks import read

    text = _guide(notebook)
    assert text.index(teaching.LESSON_PLAN_HEADING) < text.index("## At a glance"), "the plan comes first"
    plan = teaching.block_pattern("lesson-plan").search(text).group(2)
    sections = teaching.core_sections(notebook)
    model = time_model.estimate(read(notebook)).minutes
    assert abs(sum(s.minutes for s in sections) - model) < 0.5, "the blocks cover exactly the core path"
    assert "30-minute variant" in plan and "**Prepare:**" in plan
    rows = [line for line in plan.splitlines() if line.startswith("| ") and "Block" not in line]
    total = int(rows[-1].split("**")[-2])
    assert sum(int(r.split("|")[3]) for r in rows[:-1]) == total
    assert total == teaching.CLASS_MINUTES or "two classes" in plan


def test_a_chapter_too_long_for_one_class_is_planned_over_two():
    sections = [teaching.Section(f"Part {i}", 12, i == 2, i == 4, 0) for i in range(5)]
    blocks = teaching._blocks(sections)
    assert [name for name, _ in blocks] == ["Open and warm up", "Predict, explore, explain", "Check and close"]
    assert sum(teaching._minutes(b) for _n, b in blocks) == 60
    plan = teaching.render_plan("03-two-kinds-of-artery-calcium", sections)
    assert "more than a 50-minute class holds: give it two classes" in plan
    assert "| Slack |" not in plan and "**65**" in plan
