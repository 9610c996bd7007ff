"""The learner's answers file: kept in their copy of the course, robust to restarts and damage."""

import csv
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calcium_paradox import progress
from calcium_paradox.progress import Store

CLOCK = "2026-12-03T10:00:00+00:00"


def _store(tmp_path, clock=CLOCK):
    return Store(tmp_path / "my-progress" / "answers.json", clock=lambda: clock)


def test_nothing_is_written_until_an_answer_is_saved(tmp_path):
    store = _store(tmp_path)
    assert store.answers() == [] and store.summary().answered == 0
    assert not (tmp_path / "my-progress").exists()
    store.add("N01-Q1", "check", 1, "B", True)
    assert store.path.exists()


def test_round_trip_and_a_restart_keep_every_answer(tmp_path):
    store = _store(tmp_path)
    store.add("N01-P1", "prediction", 1, "C", False, "Sure", "because  of\nbone")
    store.add("N01-Q1", "check", 1, "A", True)
    again = _store(tmp_path)  # a new kernel, or another notebook
    answers = again.answers()
    assert [(a.id, a.role, a.letter, a.correct, a.confidence, a.reason) for a in answers] == [
        ("N01-P1", "prediction", "C", False, "Sure", "because of bone"),
        ("N01-Q1", "check", "A", True, None, "")]
    assert again.latest("N01-P1", "prediction").time == CLOCK


def test_a_damaged_file_is_kept_aside_and_a_fresh_one_started(tmp_path):
    store = _store(tmp_path)
    store.path.parent.mkdir(parents=True)
    store.path.write_text("{ this is not json", "utf-8")
    assert store.answers() == []
    assert "could not be read" in store.notice and "kept as answers.damaged-" in store.notice
    kept = list(store.path.parent.glob("answers.damaged-*.json"))
    assert len(kept) == 1 and kept[0].read_text("utf-8") == "{ this is not json"
    assert store.add("N00-Q1", "check", 0, "A", True) is not None
    assert len(store.answers()) == 1


@pytest.mark.parametrize("content", [
    [],
    {"version": 99, "answers": []},
    {"version": 1, "answers": [{"id": "N00-Q1"}]},
    {"version": 1, "answers": [{"id": "N00-Q1", "role": "guess", "chapter": 0, "letter": "A", "correct": True,
                                "confidence": None, "reason": "", "time": CLOCK}]},
    {"version": 1, "answers": [{"id": "N00-Q1", "role": "check", "chapter": "zero", "letter": "A",
                                "correct": "yes", "confidence": None, "reason": "", "time": CLOCK}]},
])
def test_a_hand_edited_file_gets_a_clear_message_not_a_traceback(tmp_path, content):
    store = _store(tmp_path)
    store.path.parent.mkdir(parents=True)
    store.path.write_text(json.dumps(content), "utf-8")
    assert store.answers() == []
    assert store.notice.startswith("Your answers file could not be read")


def test_a_folder_that_cannot_be_written_gives_a_message(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    store = Store(blocked / "answers.json")
    assert store.add("N00-Q1", "check", 0, "A", True) is None
    assert "could not be saved" in store.notice


def test_erase_removes_the_file_and_says_so(tmp_path):
    store = _store(tmp_path)
    assert store.erase() == "There were no saved answers to erase."
    store.add("N00-Q1", "check", 0, "A", True)
    assert store.erase() == "Your saved answers are erased."
    assert not store.path.exists() and store.answers() == []


def test_export_needs_a_pseudonym_and_writes_every_answer(tmp_path):
    store = _store(tmp_path)
    assert store.export_csv("sam")[0] is None  # nothing saved yet
    store.add("N00-Q1", "check", 0, "A", True, None, 'said "yes", then no')
    store.add("P-M2", "warm-up", 0, "B", False, "Sure")
    for bad in ("", "  ", "Sam Smith", "x" * 41, "../up", "é"):
        path, message = store.export_csv(bad)
        assert path is None and message.startswith("Choose a pseudonym")
    path, message = store.export_csv("river-7")
    assert message == "Exported 2 answers to my-progress/progress-river-7.csv."
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert [r["pseudonym"] for r in rows] == ["river-7", "river-7"]
    assert rows[0]["reason"] == 'said "yes", then no' and rows[1]["confidence"] == "Sure"


def test_the_summary_counts_first_answers_and_calibration(tmp_path):
    store = _store(tmp_path)
    store.add("N01-Q1", "check", 1, "A", False, "Sure")
    store.add("N01-Q1", "check", 1, "B", True, "Sure")  # a retry does not change the first answer
    store.add("N02-Q1", "check", 2, "A", True, "Sure")
    store.add("N02-Q2", "check", 2, "C", True, "Guessing")
    summary = store.summary()
    assert summary.chapters == (1, 2) and summary.answered == 3 and summary.right == 2
    assert summary.calibration == {"Sure": (1, 2), "Guessing": (1, 1)}
    assert "When you felt sure, you were right 1 of 2 times." in summary.sentence()


def test_an_unknown_role_is_a_programming_error_with_a_clear_message(tmp_path):
    with pytest.raises(ValueError, match="role must be one of"):
        _store(tmp_path).add("N00-Q1", "quiz", 0, "A", True)


def test_the_course_folder_is_found_from_a_notebook_folder(tmp_path, monkeypatch):
    (tmp_path / "course" / "notebooks").mkdir(parents=True)
    assert progress.course_root(tmp_path / "course" / "notebooks") == tmp_path / "course"
    monkeypatch.delenv("CP_PROGRESS_FILE", raising=False)
    monkeypatch.chdir(tmp_path / "course" / "notebooks")
    assert progress.default_path() == tmp_path / "course" / "my-progress" / "answers.json"


@settings(max_examples=40, deadline=None)
@given(reason=st.text(max_size=400), confidence=st.sampled_from([None, "Sure", "Unsure", "Guessing"]),
       role=st.sampled_from(progress.ROLES), correct=st.booleans())
def test_any_answer_survives_a_round_trip(tmp_path_factory, reason, confidence, role, correct):
    store = _store(tmp_path_factory.mktemp("p"))
    saved = store.add("N03-Q2", role, 3, "C", correct, confidence, reason)
    assert _store(store.path.parents[1]).answers() == [saved]
    assert len(saved.reason) <= 200 and "\n" not in saved.reason
