"""The question bank is well formed, and the self-check widget answers every case kindly."""

import pytest

from calcium_paradox import questions
from calcium_paradox.questions import NO_CHOICE, NO_CONFIDENCE, ask, load_bank

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


def test_the_output_carries_the_live_widget_and_its_static_form():
    data = ask("N00-Q1")._repr_mimebundle_()
    assert data["text/plain"] == f"Question: {BANK['N00-Q1'].prompt}"
    assert "application/vnd.jupyter.widget-view+json" in data
    static = data["text/html"]
    assert static.index("<details>") > static.index(BANK["N00-Q1"].shown[-1].text.split("’")[0][:20])
    hidden = static.split("<details>", 1)[1]
    for option in BANK["N00-Q1"].options:
        assert "Correct" in hidden and questions.inline_html(option.feedback) in hidden


def test_the_static_form_letters_the_options_in_their_shown_order():
    q = BANK["N01-P1"]
    static = questions.static_html(q)
    for letter, option in zip("ABC", q.shown, strict=False):
        assert f"<strong>{letter}.</strong> {questions.inline_html(option.text)}" in static
    right = q.letter_of(q.right_index)
    assert f"<strong>{right}: Correct.</strong>" in static


def test_the_widget_shows_the_same_letters_as_the_static_form():
    check = ask("N02-Q1")
    labels = [label for label, _index in check.choices.options]
    assert [label[:2] for label in labels] == [f"{letter}." for letter in "ABCD"[:len(labels)]]
    assert [index for _label, index in check.choices.options] == list(check.question.order)


def _store(tmp_path):
    from calcium_paradox.progress import Store

    return Store(tmp_path / "my-progress" / "answers.json", clock=lambda: "2026-12-03T10:00:00+00:00")


def test_a_check_saves_every_attempt_with_its_letter(tmp_path):
    store = _store(tmp_path)
    q = BANK["N00-Q1"]
    check = questions.SelfCheck(q, "check", store)
    wrong = next(i for i, o in enumerate(q.options) if not o.correct)
    check.choose(wrong)
    check.check()
    check.choose(q.right_index)
    check.check()
    saved = store.answers()
    assert [(a.id, a.letter, a.correct) for a in saved] == [("N00-Q1", q.letter_of(wrong), False),
                                                          ("N00-Q1", q.letter_of(q.right_index), True)]
    assert store.summary().right == 0  # the first answer counts


def test_a_prediction_gives_no_feedback_and_is_saved(tmp_path):
    store = _store(tmp_path)
    q = BANK["N01-P1"]
    commitment = questions.Commitment(q, "prediction", store)
    assert commitment.save() == questions.NO_CHOICE_TO_SAVE
    wrong = next(i for i, o in enumerate(q.options) if not o.correct)
    commitment.choose(wrong)
    assert commitment.save() == questions.NO_CHOICE_TO_SAVE  # a confidence is needed too
    commitment.choose(wrong, "Sure", "  it   feels   right  ")
    message = commitment.save()
    assert message.startswith(f"Saved: {q.letter_of(wrong)}, sure.")
    for option in q.options:
        assert questions.plain(option.feedback) not in message
    assert "Correct" not in message and "Not the best" not in message
    saved = store.latest("N01-P1", "prediction")
    assert (saved.letter, saved.confidence, saved.reason, saved.correct) == (q.letter_of(wrong), "Sure",
                                                                             "it feels right", False)


def test_the_reveal_shows_the_prediction_then_the_answer_and_why(tmp_path):
    store = _store(tmp_path)
    q = BANK["N01-P1"]
    reveal = questions.Reveal(q, store)
    message = reveal.compare()
    assert message.startswith("You have not saved a prediction") and "The best answer is" in message
    wrong = next(i for i, o in enumerate(q.options) if not o.correct)
    commitment = questions.Commitment(q, "prediction", store)
    commitment.choose(wrong, "Unsure", "a hunch")
    commitment.save()
    message = questions.Reveal(q, store).compare()  # a new kernel: read back from the file
    assert message.startswith(f"You predicted {q.letter_of(wrong)} (unsure), because “a hunch”.")
    assert questions.plain(q.options[wrong].feedback) in message
    assert f"The best answer is {q.letter_of(q.right_index)}" in message
    assert "Try again" not in message


def test_a_prediction_can_be_revealed_even_when_the_file_cannot_be_written(tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    from calcium_paradox.progress import Store

    store = Store(blocked / "answers.json")
    monkeypatch.setattr(questions, "_SAVED", {})
    commitment = questions.predict("N01-P1")
    commitment.store = store
    q = commitment.question
    commitment.choose(q.right_index, "Sure")
    assert "could not be saved" in commitment.save()
    assert questions.Reveal(q, store).compare().startswith(f"You predicted {q.letter_of(q.right_index)} (sure)")


def test_the_warm_up_saves_without_feedback(tmp_path):
    store = _store(tmp_path)
    probe = questions.Probe([BANK[q] for q in BANK.probe], "warm-up", store)
    assert all(isinstance(c, questions.Commitment) for c in probe.checks)
    first = probe.checks[0]
    first.choose(first.question.right_index, "Guessing")
    assert "Correct" not in first.save()
    assert store.latest(first.question.id, "warm-up").confidence == "Guessing"


def test_every_question_written_for_a_notebook_is_asked_in_it():
    from pathlib import Path

    from authoring.notebooks import question_calls, read
    from calcium_paradox.course import load_course

    folder = Path(__file__).resolve().parents[1] / "notebooks"
    for chapter in load_course().chapters:
        path = folder / chapter.filename
        if not path.exists():
            continue
        asked = {q for call in question_calls(read(path), BANK.probe, BANK.post) for q in call.ids}
        written = {q.id for q in ALL if q.chapter == chapter.number and q.id not in BANK.probe + BANK.post}
        assert written <= asked, f"{chapter.filename} never asks {sorted(written - asked)}"


# ----- the post-test (chapter 07) -----------------------------------------------------------------
def _commit(probe, correct: bool):
    for check in probe.checks:
        index = next(i for i, o in enumerate(check.question.options) if o.correct == correct)
        check.choose(index, "Sure")
        check.save()


def test_post_test_asks_parallel_forms_of_the_warm_up():
    ids = [c.question.id for c in questions.post_test().checks]
    assert ids == list(BANK.post)
    assert [BANK[i].parallel_of for i in ids] == list(BANK.probe)


def test_post_test_compares_with_the_warm_up_read_from_the_file(tmp_path):
    store = _store(tmp_path)
    _commit(questions.Probe([BANK[q] for q in BANK.probe], "warm-up", store), correct=False)
    after = questions.PostTest(store)  # another notebook, another kernel: only the file is shared
    _commit(after.probe, correct=True)
    summary = after.compare()
    assert "warm-up in chapter 00 you chose the best answer for 0 of the 5 ideas you answered" in summary
    assert "now you chose it for 5" in summary
    assert after.report.value.count("<tr>") == 6  # header + one row per idea
    assert "another answer (sure)" in after.report.value and "best answer (sure)" in after.report.value
    for qid in BANK.post:
        assert f"Chapter {BANK[qid].chapter:02d}" in after.report.value


def test_post_test_without_a_warm_up_says_so_kindly(tmp_path):
    after = questions.PostTest(_store(tmp_path))
    _commit(after.probe, correct=True)
    summary = after.compare()
    assert "No warm-up answers" in summary and "that is fine" in summary
    assert "not answered" in after.report.value


def test_post_test_with_nothing_answered_asks_for_answers_first(tmp_path):
    after = questions.PostTest(_store(tmp_path))
    assert after.compare().startswith("Save your answers above first")


def test_the_latest_warm_up_answer_is_compared(tmp_path):
    store = _store(tmp_path)
    warm = questions.Probe([BANK[q] for q in BANK.probe], "warm-up", store)
    _commit(warm, correct=False)
    _commit(warm, correct=True)  # the learner changed their mind before moving on
    _commit(questions.PostTest(store).probe, correct=True)
    rows, summary = questions.compare_answers(store)
    assert "for 5 of the 5 ideas you answered; now you chose it for 5 of 5" in summary
    assert all(r.before.startswith("best answer") for r in rows) and "5 of 5" in summary


def test_my_progress_summarises_exports_and_erases(tmp_path):
    store = _store(tmp_path)
    panel = questions.MyProgress(store)
    assert "No answers saved yet." in panel.summary.value
    check = questions.SelfCheck(BANK["N00-Q1"], "check", store)
    check.choose(BANK["N00-Q1"].right_index)
    check.check()
    panel.update_button.click()  # the learner asks for the summary again after answering
    assert "answered 1 question in chapter 00" in panel.summary.value
    panel.pseudonym.value = "my real name?"
    assert panel.export().startswith("Choose a pseudonym")
    panel.pseudonym.value = "blue-heron"
    assert panel.export() == "Exported 1 answer to my-progress/progress-blue-heron.csv."
    assert panel.erase().startswith("Tick")
    panel.sure.value = True
    assert panel.erase() == "Your saved answers are erased."
    assert store.answers() == [] and "No answers saved yet." in panel.summary.value


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


def test_the_comparison_counts_only_the_warm_up_items_answered(tmp_path):
    store = _store(tmp_path)
    warm = questions.Probe([BANK[q] for q in BANK.probe], "warm-up", store)
    first = warm.checks[0]
    first.choose(first.question.right_index, "Sure")
    first.save()
    _commit(questions.PostTest(store).probe, correct=True)
    _rows, summary = questions.compare_answers(store)
    assert "best answer for 1 of the 1 idea you answered; now you chose it for 5 of 5" in summary
