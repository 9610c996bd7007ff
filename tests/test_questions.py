"""The question bank is well formed, and the self-check widget answers every case kindly."""

import pytest

from calcium_paradox import questions
from calcium_paradox.questions import NO_CHOICE, NO_CONFIDENCE, ask, fallback_for, load_bank, warm_up

BANK = load_bank()
ALL = list(BANK.questions.values())


@pytest.mark.parametrize("q", ALL, ids=lambda q: q.id)
def test_each_question_is_well_formed(q):
    assert sum(o.correct for o in q.options) == 1, "exactly one correct option"
    assert 2 <= len(q.options) <= 5
    for option in q.options:
        assert len(option.feedback.split()) >= 12, f"{q.id}: feedback must say why, in 12+ words"
        assert "$" not in option.text + option.feedback + q.prompt, "no LaTeX in questions"
        assert not option.feedback.lower().startswith(("yes.", "no.", "not quite.")), "the widget adds the verdict"
    assert q.objective.startswith("N") and "-O" in q.objective


def test_ids_are_unique_and_the_probe_has_five_misconception_items():
    assert len(BANK.questions) == len(ALL)
    assert len(BANK.probe) == 5
    for qid in BANK.probe:
        q = BANK[qid]
        assert q.confidence, f"{qid}: probe items ask how sure the learner is"
        assert all(o.misconception for o in q.options if not o.correct), f"{qid}: distractors name a misconception"


def test_unknown_question_gives_a_clear_error():
    with pytest.raises(KeyError, match="No question 'nope'"):
        ask("nope")


def test_no_choice_gets_a_friendly_prompt_not_an_error():
    check = ask("N00-Q1")
    assert check.check() == NO_CHOICE
    assert NO_CHOICE in check.message
    assert check.attempts == []


@pytest.mark.parametrize("q", ALL, ids=lambda q: q.id)
def test_every_option_gets_its_own_feedback(q):
    check = questions.SelfCheck(q)
    for index, option in enumerate(q.options):
        check.choose(index, "Unsure" if q.confidence else None)
        message = check.check()
        assert questions.plain(option.feedback) in message
        assert "](" not in message, "citation links are shown as plain text in the widget"
        assert message.startswith("Correct.") == option.correct
        assert ("Try again" in message) != option.correct


def test_confidence_is_asked_before_feedback_and_sure_but_wrong_gets_a_refutation():
    check = ask("P-M2")
    wrong = next(i for i, o in enumerate(check.question.options) if not o.correct)
    check.choose(wrong)
    assert check.check() == NO_CONFIDENCE
    check.choose(wrong, "Sure")
    assert check.check().startswith("You felt sure")
    assert check.first_attempt == (wrong, "Sure", False)


def test_the_button_runs_the_same_check_as_a_click_would():
    check = ask("N00-Q1")
    check.choose(0)
    check.button.click()
    assert check.message.startswith("Correct.")


def test_widgets_are_labelled_and_keyboard_reachable():
    check = ask("P-M6")
    assert check.choices.description and check.confidence.description
    for widget in (check.choices, check.confidence, check.button):
        assert widget.tabbable is not False


def test_plain_text_output_is_the_prompt():
    data = ask("N00-Q1")._repr_mimebundle_()
    assert data["text/plain"] == f"Self-check question: {BANK['N00-Q1'].prompt}"
    assert "application/vnd.jupyter.widget-view+json" in data


def test_static_fallback_hides_answer_and_every_explanation_in_details():
    text = fallback_for(["N00-Q1"])
    assert "<details><summary>" in text and "</details>" in text
    hidden = text.split("<details>", 1)[1]
    for option in BANK["N00-Q1"].options:
        assert option.feedback in hidden
    assert fallback_for(["probe"]).count("<details>") == 5


def test_warm_up_collects_first_attempts_per_item():
    probe = warm_up()
    first = probe.checks[0]
    first.choose(0, "Guessing")
    first.check()
    first.choose(1, "Sure")
    first.check()
    results = probe.results()
    assert results[first.question.id] == (0, "Guessing", first.question.options[0].correct)
    assert all(v is None for k, v in results.items() if k != first.question.id)


def test_every_question_written_for_a_notebook_is_asked_in_it():
    import json
    import re
    from pathlib import Path

    from calcium_paradox.course import load_course

    folder = Path(__file__).resolve().parents[1] / "notebooks"
    for chapter in load_course().chapters:
        path = folder / chapter.filename
        if not path.exists():
            continue
        text = json.dumps(json.loads(path.read_text(encoding="utf-8"))["cells"])
        asked = set(" ".join(re.findall(r"<!-- answers: ([^>]*?) -->", text)).split())
        if "probe" in asked:
            asked |= set(BANK.probe)
        written = {q.id for q in ALL if q.chapter == chapter.number}
        assert written <= asked, f"{chapter.filename} never asks {sorted(written - asked)}"


# ----- the post-test (chapter 07) -----------------------------------------------------------------
def _answer(probe, correct: bool):
    for check in probe.checks:
        index = next(i for i, o in enumerate(check.question.options) if o.correct == correct)
        check.choose(index, "Sure")
        check.check()


def test_post_test_asks_the_same_items_as_the_warm_up():
    assert [c.question.id for c in questions.post_test().checks] == list(BANK.probe)


def test_post_test_compares_with_the_warm_up_of_the_same_kernel():
    before = warm_up()
    _answer(before, correct=False)
    after = questions.post_test()
    _answer(after, correct=True)
    summary = after.compare()
    assert "warm-up you chose the best answer for 0 of 5" in summary and "now you chose it for 5 of 5" in summary
    assert after.report.value.count("<tr>") == 6  # header + one row per item
    assert "another answer (sure)" in after.report.value and "best answer (sure)" in after.report.value
    for qid in BANK.probe:
        assert f"Chapter {BANK[qid].chapter:02d}" in after.report.value


def test_post_test_without_a_warm_up_says_so_kindly(monkeypatch):
    monkeypatch.setattr(questions, "_SESSION", {})
    after = questions.post_test()
    _answer(after, correct=True)
    summary = after.compare()
    assert "no warm-up answers in this session" in summary and "that is fine" in summary
    assert "not taken" in after.report.value


def test_post_test_with_nothing_answered_asks_for_answers_first():
    after = questions.post_test()
    assert after.compare().startswith("Answer the questions above first")


def test_the_later_attempt_does_not_replace_the_first():
    before = warm_up()
    _answer(before, correct=True)
    _answer(before, correct=False)  # retrying later does not change what the warm-up measured
    rows, summary = questions.compare_attempts(before.results(), before.results())
    assert all(r.before.startswith("best answer") for r in rows)
    assert "5 of 5" in summary


MAX_OPTION_CHARS = 160


@pytest.mark.parametrize("q", ALL, ids=lambda q: q.id)
def test_each_option_stays_short(q):
    # Short options are easier to compare. (Long ones used to hide their radio button in
    # JupyterLab; questions.CHOICES_CSS now lets them wrap, and the browser tests click every one.)
    long = [o.text for o in q.options if len(o.text) > MAX_OPTION_CHARS]
    assert not long, f"{q.id}: shorten to {MAX_OPTION_CHARS} characters or fewer (put detail in the feedback): {long}"


def test_feedback_is_announced_to_screen_readers_and_escaped():
    from calcium_paradox.display import status_html

    check = ask("N00-Q1")
    check.check()
    assert check.feedback.value == status_html(NO_CHOICE)
    assert status_html("a < b") == '<p role="status" aria-live="polite">a &lt; b</p>'
    assert status_html("note", emphasis=True) == '<p role="status" aria-live="polite"><em>note</em></p>'
    assert status_html("") == ""
