"""The teacher's class summary: right numbers, bad files reported (never a traceback), nothing identifying."""

import csv
import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from authoring import class_summary as cs
from calcium_paradox.checks.figure import check_figure
from calcium_paradox.progress import Store, summarise
from calcium_paradox.questions import compare_answers, load_bank

TIME = "2026-12-03T10:00:00+00:00"
BANK = load_bank()


def row(pseudonym, question_id, role, correct, confidence="", reason="", chapter=None, letter="A"):
    if chapter is None:
        chapter = {"warm-up": 0, "post-test": 7}.get(role, BANK[question_id].notebook)
    return [pseudonym, question_id, role, chapter, letter, correct, confidence, reason, TIME]


def write(folder, name, rows, header=cs.HEADER):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    path = folder / name
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def export(pseudonym, rows):
    """Learner rows -> the Export that reading their file gives."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows([cs.HEADER, *[row(pseudonym, *r) for r in rows]])
    result = cs.parse_export(f"progress-{pseudonym}.csv", buffer.getvalue().encode(), BANK)
    assert isinstance(result, cs.Export), result
    return result


# Six learners, worked out by hand below. Each tuple: (question, role, correct, confidence).
CLASS = {
    "L1": [("P-M2", "warm-up", False, "Sure"), ("P-M2", "warm-up", True, "Sure"),
           ("P-M2-post", "post-test", True, "Sure"), ("N01-Q1", "check", True)],
    "L2": [("P-M2", "warm-up", False, "Guessing"), ("P-M2-post", "post-test", False, "Unsure"),
           ("P-M2-post", "post-test", True, "Sure"), ("N01-Q1", "check", False)],
    "L3": [("P-M2", "warm-up", True, "Sure"), ("P-M2-post", "post-test", True, "Unsure")],
    "L4": [("P-M2", "warm-up", False, "Unsure")],
    "L5": [("P-M2", "warm-up", False, "Sure"), ("P-M2-post", "post-test", False, "Guessing")],
    "L6": [("P-M2-post", "post-test", True, "Sure"), ("N01-Q1", "check", True)],
}


def write_class(folder):
    for name, answers in CLASS.items():
        write(folder, f"progress-{name}.csv", [row(name, *a) for a in answers])


def question(summary, question_id, role):
    return next(q.first_try for q in summary.questions if q.id == question_id and q.role == role)


def test_the_numbers_match_a_count_by_hand(tmp_path):
    write_class(tmp_path)
    exports, problems = cs.read_folder(tmp_path, BANK)
    assert problems == [] and len(exports) == 6
    summary = cs.summarise_class(exports, BANK, min_group=4)
    m2 = summary.ideas[0]
    assert (m2.warm_up, m2.post_test, m2.chapter) == ("P-M2", "P-M2-post", 1)
    # Both answered: L1, L2, L3, L5. Latest warm-up right: L1 (second try), L3 -> 2 of 4.
    # Latest post-test right: L1, L2 (second try), L3 -> 3 of 4.
    assert (m2.before.total, m2.before.right, m2.after.right) == (4, 2, 3)
    assert (m2.before.percent, m2.after.percent, m2.change) == (50, 75, 25)
    assert (m2.warm_up_only, m2.post_test_only) == (1, 1)  # L4; L6
    assert all(i.before.total == 0 and i.change is None for i in summary.ideas[1:])
    assert (summary.overall_before.percent, summary.overall_after.percent) == (50, 75)
    # First tries. P-M2 warm-up: L1 wrong (right only at the second try), L2 wrong, L3 right, L4, L5 wrong.
    assert (question(summary, "P-M2", "warm-up").total, question(summary, "P-M2", "warm-up").right) == (5, 1)
    assert question(summary, "P-M2", "warm-up").percent == 20
    # P-M2-post: L1 right, L2 wrong (right only at the second try), L3 right, L5 wrong, L6 right.
    assert question(summary, "P-M2-post", "post-test").percent == 60
    assert question(summary, "N01-Q1", "check").total == 3
    assert question(summary, "N01-Q1", "check").percent is None  # 3 learners < 4
    never = next(q for q in summary.questions if q.id == "N05-Q1")
    assert (never.role, never.first_try.total) == ("", 0)
    assert len({q.id for q in summary.questions}) == len(BANK.questions)
    # Sure (first tries): L1 warm wrong, L1 post right, L3 warm right, L5 warm wrong, L6 post right.
    calibration = dict(summary.calibration)
    assert (calibration["Sure"].total, calibration["Sure"].right, calibration["Sure"].learners) == (5, 3, 4)
    assert calibration["Sure"].percent == 60
    assert (calibration["Unsure"].total, calibration["Unsure"].right, calibration["Unsure"].percent) == (3, 1, None)
    # With a smaller minimum group, every share is shown.
    small = cs.summarise_class(exports, BANK, min_group=2)
    assert question(small, "N01-Q1", "check").percent == 67  # 2 of 3
    assert dict(small.calibration)["Unsure"].percent == 33 and dict(small.calibration)["Guessing"].percent == 0

    out = tmp_path / "out"
    paths, problems = cs.write_outputs(summary, out)
    assert problems == []
    text = (out / "summary.md").read_text("utf-8")
    assert "| 01 | 4 | 50% | 75% | +25 points |" in text
    rows = {(r["question"], r["role"]): r for r in csv.DictReader((out / "summary.csv").open(encoding="utf-8"))}
    assert rows[("P-M2", "warm-up")] | {"prompt": ""} == {
        "question": "P-M2", "role": "warm-up", "chapter": "00", "answered": "5", "right_first_try": "1",
        "share_right_first_try": "0.200", "note": "", "prompt": ""}
    assert rows[("N01-Q1", "check")]["right_first_try"] == "" and "fewer than 4" in rows[("N01-Q1", "check")]["note"]


def test_percentages_round_halves_up():
    assert [cs.percent(1, 8), cs.percent(5, 8), cs.percent(1, 3), cs.percent(2, 3), cs.percent(0, 7)] == [
        13, 63, 33, 67, 0]


def test_first_tries_count_as_the_learners_own_summary_does(tmp_path):
    store = Store(tmp_path / "answers.json", clock=lambda: TIME)
    for learner in ("L1", "L2", "L4"):  # one learner's answers, with second tries that differ from the first
        for question_id, role, correct, *confidence in CLASS[learner]:
            store.add(question_id, role, 0, "A", correct, *confidence)
    ours = cs.first_answers(store.answers())
    assert ours == {(a.id, a.role): store.first(a.id, a.role) for a in store.answers()}
    theirs = summarise(store.answers())
    assert (len(ours), sum(a.correct for a in ours.values())) == (theirs.answered, theirs.right) == (3, 2)


def test_before_and_after_match_the_learners_own_comparison(tmp_path):
    store = Store(tmp_path / "answers.json", clock=lambda: TIME)
    store.add("P-M2", "warm-up", 0, "A", True, "Sure")
    store.add("P-M2", "warm-up", 0, "B", False, "Unsure")  # the latest warm-up answer counts
    store.add("P-M3", "warm-up", 0, "A", False, "Sure")
    store.add("P-M2-post", "post-test", 7, "A", False, "Sure")
    store.add("P-M2-post", "post-test", 7, "C", True, "Sure")
    store.add("P-M3-post", "post-test", 7, "A", True, "Sure")
    path, _ = store.export_csv("Ann")
    exported = cs.parse_export(path.name, path.read_bytes(), BANK)
    summary = cs.summarise_class([exported], BANK, min_group=1)
    rows, _ = compare_answers(store)
    for idea, comparison in zip(summary.ideas, rows, strict=True):
        assert idea.post_test == comparison.question_id
        for share, status in ((idea.before, comparison.before), (idea.after, comparison.after)):
            expected = {"best": 100, "anot": 0, "not ": None}[status[:4]]
            assert share.percent == expected


def test_an_export_from_the_course_reads_back_whole(tmp_path):
    store = Store(tmp_path / "answers.json", clock=lambda: TIME)
    store.add("N01-P1", "prediction", 1, "C", False, "Sure", 'because, "bone"\nstores it')
    store.add("N01-Q1", "check", 1, "A", True)
    path, _ = store.export_csv("Ann_2")
    result = cs.parse_export(path.name, path.read_bytes(), BANK)
    assert isinstance(result, cs.Export) and result.skipped == ()
    assert result.answers == tuple(store.answers()) and result.pseudonym == "Ann_2"


def test_bad_files_are_reported_one_line_each_and_left_out(tmp_path, capsys):
    write_class(tmp_path)
    write(tmp_path, "progress-broken.csv", [row("Broken", "P-M2", "warm-up", True)])
    (tmp_path / "progress-broken.csv").write_bytes(b"pseudonym,id,role\xff\xfe\x00garbage")
    write(tmp_path, "progress-header.csv", [row("Head", "P-M2", "warm-up", True)],
          header=("name", "question", "role", "chapter", "letter", "correct", "confidence", "reason", "time"))
    (tmp_path / "progress-empty.csv").write_text("", encoding="utf-8")
    write(tmp_path, "progress-headeronly.csv", [])
    write(tmp_path, "progress-Twin.csv", [row("Twin", "P-M2", "warm-up", True)])
    write(tmp_path, "progress-Twin (1).csv", [row("Twin", "P-M3", "warm-up", False)])
    write(tmp_path, "progress-unknown.csv", [row("Unknown", "N99-Q9", "check", True, chapter=9)])
    write(tmp_path, "progress-two.csv", [row("One", "P-M2", "warm-up", True), row("Two", "P-M3", "warm-up", True)])
    write(tmp_path, "progress-L7.csv", [  # usable, with four bad rows
        row("L7", "P-M2", "warm-up", True), row("L7", "N99-Q9", "check", True, chapter=9),
        row("L7", "P-M3", "warm-up", "maybe"), row("L7", "P-M6", "warm-up", True)[:5],
        row("L7", "P-M10", "warm-up", True, letter="Z")])
    write(tmp_path, "progress-L6-old.csv", [row("L6", *CLASS["L6"][0])])  # an earlier export by L6
    (tmp_path / "folder.csv").mkdir()
    (tmp_path / "notes.txt").write_text("not a CSV file, not read")

    assert cs.main([str(tmp_path), str(tmp_path / "out"), "--min-group", "2"]) == 0
    printed = capsys.readouterr()
    assert "Traceback" not in printed.out + printed.err
    lines = printed.out.splitlines()
    expected = {
        "progress-broken.csv": "not UTF-8", "progress-header.csv": "first line is not the header",
        "progress-empty.csv": "empty", "progress-headeronly.csv": "no answers",
        "progress-Twin.csv": "same pseudonym", "progress-Twin (1).csv": "same pseudonym",
        "progress-unknown.csv": "1 with an unknown question id", "progress-two.csv": "more than one pseudonym",
        "progress-L6-old.csv": "earlier export", "folder.csv": "could not be read",
    }
    for name, reason in expected.items():
        found = [line for line in lines if line.startswith(f"left out {name}:")]
        assert len(found) == 1 and reason in found[0], (name, lines)
    used = [line for line in lines if line.startswith("used progress-L7.csv")]
    assert len(used) == 1 and "4 rows" in used[0] and "1 with an unknown question id" in used[0]
    assert "wrong number of fields" in used[0] and "not True or False" in used[0] and "letter" in used[0]
    assert not any("notes.txt" in line for line in lines)
    assert "Used the files of 7 learners (10 files left out)" in lines[-1]
    text = (tmp_path / "out" / "summary.md").read_text("utf-8")
    assert "10 files could not be used and 4 rows inside used files were left out" in text


@pytest.mark.parametrize("name, data, reason", [
    ("a.csv", b"", "empty"),
    ("a.csv", b"\n \r\n", "empty"),
    ("a.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8"),
    ("a.csv", ",".join(cs.HEADER).encode() + b"\r\n" + b"Ann,P-M2", "no row could be used"),
    ("a.csv", ",".join(cs.HEADER).encode() + b"\nAnn Smith,P-M2,warm-up,0,A,True,,," + TIME.encode(), "pseudonym"),
    ("a.csv", ",".join(cs.HEADER).encode() + b"\nAnn,P-M2,warm-up,0,A,True,,,yesterday", "ISO 8601"),
    ("a.csv", b"x" * (cs.MAX_BYTES + 1), "too large"),
])
def test_each_kind_of_damage_says_why(name, data, reason):
    result = cs.parse_export(name, data, BANK)
    assert isinstance(result, cs.FileProblem) and reason in result.reason


def test_a_spreadsheet_bom_and_upper_case_truth_are_read():
    data = ("\ufeff" + ",".join(cs.HEADER) + "\r\nAnn,P-M2,warm-up,0,A,TRUE,Sure,,2026-12-03T10:00:00\r\n").encode()
    result = cs.parse_export("a.csv", data, BANK)
    assert isinstance(result, cs.Export) and result.answers[0].correct is True


def test_outputs_hold_no_pseudonym_file_name_or_reason(tmp_path):
    pseudonyms = ["Quokka-7731", "Xylophone_42", "Zanzibar99"]
    reasons = ["secretreason-one, with a comma", "my-private-thought\nover two lines", "Quokka said so"]
    folder = tmp_path / "in"
    folder.mkdir()
    for n, name in enumerate(pseudonyms * 2):
        name = name if n < 3 else f"{name}x"
        write(folder, f"progress-{name}.csv", [
            row(name, q, "warm-up", n % 2 == 0, "Sure", reasons[n % 3]) for q in BANK.probe] + [
            row(name, q, "post-test", True, "Unsure", reasons[(n + 1) % 3]) for q in BANK.post] + [
            row(name, "N01-P1", "prediction", False, "Guessing", reasons[n % 3])])
    assert cs.main([str(folder), str(tmp_path / "out")]) == 0
    outputs = sorted((tmp_path / "out").iterdir())
    assert [p.name for p in outputs] == sorted(cs.FILES)
    secrets = [*pseudonyms, "Quokka", "Xylophone", "Zanzibar", "secretreason", "private-thought", "said so",
               "progress-", TIME, "2026-12"]
    for path in outputs:
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, (path.name, secret)
            assert secret.lower().encode() not in data.lower(), (path.name, secret)
    text = (tmp_path / "out" / "summary.md").read_text("utf-8")
    assert "| 01 | 6 | 50% | 100% | +50 points |" in text  # 3 of 6 right before, all 6 after


def test_a_small_class_shows_counts_but_no_shares(tmp_path):
    for name in ("A1", "B2", "C3"):
        write(tmp_path, f"progress-{name}.csv", [row(name, q, "warm-up", True, "Sure") for q in BANK.probe]
              + [row(name, q, "post-test", name != "A1", "Sure") for q in BANK.post])
    assert cs.main([str(tmp_path)]) == 0  # the default minimum group is 5
    out = tmp_path / cs.OUTPUT_FOLDER
    text = (out / "summary.md").read_text("utf-8")
    assert "This class has 3 usable files, fewer than 5, so no share is shown anywhere below" in text
    assert "at least 5 learners" in text
    assert not re.search(r"\| \d+% \||\d% (before|after)", text), "a share is shown"  # (prompts may hold a %)
    assert "| 01 | 3 | not shown | not shown | – |" in text
    for r in csv.DictReader((out / "summary.csv").open(encoding="utf-8")):
        assert r["right_first_try"] == r["share_right_first_try"] == ""
    summary = cs.summarise_class(cs.read_folder(tmp_path, BANK)[0], BANK)
    fig, alt = cs.draw(summary)
    assert "%" not in alt and "fewer than 5, so the shares are not shown" in alt
    assert check_figure(fig, alt) == []


def test_the_total_hides_when_an_idea_does(tmp_path):
    """Otherwise a hidden idea's share could be worked out by subtracting the shown ones from the total."""
    learners = []
    for n in range(6):
        rows = [("P-M2", "warm-up", True), ("P-M2-post", "post-test", True)]
        if n < 2:
            rows += [("P-M3", "warm-up", False), ("P-M3-post", "post-test", True)]
        learners.append(export(f"L{n}", rows))
    summary = cs.summarise_class(learners, BANK)
    assert summary.ideas[0].change == 0 and summary.ideas[1].change is None
    assert summary.overall_before.percent is None and summary.overall_after.percent is None


def test_the_figure_follows_the_course_rules(tmp_path):
    learners = [export(f"L{n}", [(w, "warm-up", n % 3 == 0, "Sure") for w in BANK.probe]
                       + [(p, "post-test", n % 4 != 0, "Sure") for p in BANK.post[:-1]]) for n in range(8)]
    summary = cs.summarise_class(learners, BANK)
    fig, alt = cs.draw(summary)
    assert check_figure(fig, alt) == []
    markers = {line.get_marker() for line in fig.axes[0].get_lines() if not line.get_label().startswith("_")}
    assert markers == {"o", "s"}  # before and after differ by shape, not only by colour
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "before 38%" in texts and "after 75%" in texts  # 3 of 8, 6 of 8: labels say which is which
    for idea in BANK.probe:
        assert idea in alt
    assert "38% chose the best answer before, 75% after" in alt and "no learner answered both" in texts


def test_the_command_refuses_a_missing_folder_or_a_bad_minimum(tmp_path, capsys):
    assert cs.main([str(tmp_path / "nowhere")]) == 2
    assert cs.main([str(tmp_path), "--min-group", "0"]) == 2
    assert cs.main([str(tmp_path), "--min-group", "five"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_an_output_folder_inside_the_input_folder_is_not_read_back(tmp_path, capsys):
    write_class(tmp_path)
    (tmp_path / "summary.csv").write_text("question,role\n", encoding="utf-8")  # as a run before wrote it
    assert cs.main([str(tmp_path), str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("Used the files of 6 learners (0 files left out)")


# ---- never a traceback, whatever the files hold ---------------------------------------------------
FIELD = st.one_of(st.sampled_from(["P-M2", "P-M2-post", "N01-Q1", "warm-up", "post-test", "check", "0", "7", "A",
                                   "B", "True", "False", "Sure", "", TIME, "Ann", "Bo"]), st.text(max_size=12))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_any_bytes_give_an_export_or_a_reason(data):
    result = cs.parse_export("progress-x.csv", data, BANK)
    assert isinstance(result, cs.Export | cs.FileProblem)
    if isinstance(result, cs.FileProblem):
        assert result.reason


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(FIELD, min_size=0, max_size=10), max_size=12), st.booleans())
def test_any_rows_after_the_header_never_raise(rows, crlf):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n" if crlf else "\n").writerows([cs.HEADER, *rows])
    result = cs.parse_export("progress-x.csv", buffer.getvalue().encode("utf-8", "surrogatepass"), BANK)
    assert isinstance(result, cs.Export | cs.FileProblem)
    exports = [result] if isinstance(result, cs.Export) else []
    summary = cs.summarise_class(exports, BANK, min_group=1)
    cs.markdown(summary, cs.figure_alt(summary))
    cs.csv_text(summary)
    assert cs.report_lines(exports, [] if exports else [result])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.binary(max_size=300), min_size=1, max_size=3))
def test_the_command_never_raises_on_random_files(tmp_path, files):
    folder = tmp_path / "random"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.csv"):
        old.unlink()
    for n, data in enumerate(files):
        (folder / f"progress-{n}.csv").write_bytes(data)
    assert cs.read_folder(folder, BANK)  # reading never raises; main is exercised above
