"""Chapter 06's published estimates, their filters and the forest plot that draws them."""

import itertools
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from calcium_paradox import bibliography
from calcium_paradox.checks.figure import check_figure
from calcium_paradox.diagrams.forest import DESIGN_STYLE, ForestPanel, forest_plot, limits_for
from calcium_paradox.evidence import (
    ALL,
    DESIGNS,
    EXPOSURES,
    MEASURES,
    OUTCOME_TYPES,
    RATIO_MEASURES,
    filter_effects,
    load_effects,
    problems,
    summary,
)
from calcium_paradox.explorers import explore, key_state
from calcium_paradox.style import course_style

ROWS = load_effects()
ROOT = Path(__file__).resolve().parents[1]
SCIENCE = ROOT.parent / "shared" / "science"
EXPOSURE_CHOICES = [ALL, *EXPOSURES]
OUTCOME_CHOICES = [ALL, *OUTCOME_TYPES]
DESIGN_CHOICES = [ALL, *DESIGNS]
FILTERS = list(itertools.product(EXPOSURE_CHOICES, OUTCOME_CHOICES, DESIGN_CHOICES))


# ----- the data ------------------------------------------------------------------------------
@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r.study}-{r.outcome}-{r.subgroup}")
def test_every_row_cites_a_study_in_the_bibliography(row):
    assert row.study in bibliography.load(), f"{row.study} is not in references.yaml"


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r.study}-{r.outcome}-{r.subgroup}")
def test_every_interval_contains_its_estimate_and_ratios_are_positive(row):
    assert row.lower <= row.estimate <= row.upper
    assert row.measure in MEASURES
    if row.measure in RATIO_MEASURES:
        assert row.lower > 0 and row.kind == "ratio" and row.no_effect == 1
    else:
        assert row.kind == "difference" and row.no_effect == 0


def test_the_data_file_passes_every_check():
    assert problems(ROWS) == []
    assert len(ROWS) >= 12


def test_the_checks_can_fail_and_say_why():
    good = ROWS[0]
    assert "not in references.yaml" in problems([replace(good, study="nobody2099")])[0]
    assert "not inside its interval" in problems([replace(good, estimate=good.upper + 1)])[0]
    assert "must be above 0" in " ".join(problems([replace(good, lower=0.0, estimate=0.5, upper=1.0)]))
    assert "unknown design" in problems([replace(good, design="anecdote")])[0]
    assert "needs a note" in problems([replace(good, secondary=True, note="")])[0]
    assert "appear twice" in problems([good, good])[0]


def test_bolland_2010_is_the_confirmed_patient_level_figure_and_is_drawn_solid():
    """HR 1.31 (1.02 to 1.67) is the BMJ abstract's own patient-level figure: no "about", no star, a filled marker."""
    bolland = [r for r in ROWS if r.study == "bolland2010"]
    assert len(bolland) == 1 and not bolland[0].secondary
    assert (bolland[0].estimate, bolland[0].lower, bolland[0].upper) == (1.31, 1.02, 1.67)
    assert bolland[0].numbers() == "1.31 (1.02 to 1.67)"
    assert bolland[0].checked, "how the number was confirmed is recorded in the data"
    fig = Figure()
    drawn = forest_plot(fig.subplots(), bolland)
    assert drawn["points"][0].get_markerfacecolor() == drawn["points"][0].get_markeredgecolor()


def test_an_approximate_number_would_still_be_marked_but_no_row_needs_it_now():
    assert not any(r.secondary for r in ROWS)
    approximate = replace(ROWS[0], secondary=True, note="taken from a summary")
    assert approximate.numbers().startswith("about ") and approximate.numbers().endswith("*")
    assert "approximate" in summary(filter_effects(rows=[approximate]))
    assert not any(r.numbers().startswith("about") for r in ROWS)


def test_learners_never_see_how_a_number_was_verified():
    """Verification state lives in the data's `checked` fields, not in the notebook, the guide or the explorer."""
    from calcium_paradox.diagrams.forest import SECONDARY_NOTE
    explorer_fig = key_state("forest_plot")
    texts = " ".join(t.get_text() for t in explorer_fig.texts)
    assert SECONDARY_NOTE not in texts, "no hollow-marker legend when every number is confirmed"
    assert "secondary summary" not in summary(filter_effects())
    learner_files = [ROOT / "notebooks" / "06-reading-the-evidence.ipynb",
                     ROOT / "teachers" / "06-reading-the-evidence.md"]
    for path in learner_files:
        if path.exists():
            text = path.read_text(encoding="utf-8").lower()
            for phrase in ("secondary summary", "hollow marker", "drawn hollow", "author list not confirmed"):
                assert phrase not in text, f"{path.name} tells learners {phrase!r}"


# ----- MESA (Anderson 2016): who was scanned, and who the relative risks come from ---------------
def mesa_sample_size_problems(rows) -> list[str]:
    """What is wrong with the anderson2016 rows' sample sizes (an empty list means they are right).

    5,448 adults had a first scan; 2,742 had a repeat scan about 10 years later; the relative risks for
    new calcium come from the 1,567 without calcium at the first scan (Anderson 2016, PMID 27729333).
    """
    found = []
    mesa = [r for r in rows if r.study == "anderson2016"]
    if len(mesa) != 2:
        found.append(f"expected the two anderson2016 rows, found {len(mesa)}")
    for row in mesa:
        text = row.population
        if "2,742" not in text:
            found.append(f"{row.exposure}: does not say that 2,742 people were scanned again")
        if "1,567" not in text:
            found.append(f"{row.exposure}: does not say that the result comes from the 1,567 "
                         "without calcium at the start")
        if "5,448" in text and re.search(r"5,448[^;]*(twice|scanned again|again after)", text):
            found.append(f"{row.exposure}: says all 5,448 were scanned again")
    return found


def test_the_mesa_rows_give_the_rescanned_and_calcium_free_sample_sizes():
    assert mesa_sample_size_problems(ROWS) == []
    for row in (r for r in ROWS if r.study == "anderson2016"):
        assert (row.estimate, row.lower, row.upper) in {(0.73, 0.57, 0.93), (1.22, 1.07, 1.39)}


def test_the_mesa_check_catches_the_old_wording():
    old = replace(ROWS[0], study="anderson2016",
                  population="5,448 adults in the MESA cohort, scanned again after 10 years")
    assert len(mesa_sample_size_problems([old, replace(old, exposure="calcium_pills")])) == 6


_MESA_WRONG = re.compile(r"twice|scanned again|again after|rescanned|repeat scan", re.I)


def _sentences_with_5448(text: str) -> list[str]:
    """Every stretch of text around "5,448", up to the sentence ends on either side (JSON escapes count as text)."""
    return [m.group(0) for m in re.finditer(r"[^.!?]{0,200}5,448[^.!?]{0,200}", text)]


def test_no_course_file_says_all_5448_mesa_adults_were_scanned_twice():
    folders = [ROOT / "notebooks", ROOT / "teachers", ROOT / "calcium_paradox" / "data"]
    offenders = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix not in {".ipynb", ".md", ".yaml", ".yml"}:
                continue
            for sentence in _sentences_with_5448(path.read_text(encoding="utf-8")):
                if _MESA_WRONG.search(sentence) and "2,742" not in sentence:
                    offenders.append(f"{path.relative_to(ROOT)}: {sentence.strip()[:160]}")
    assert not offenders, "MESA scanned 5,448 once; 2,742 were scanned again:\n" + "\n".join(offenders)


def test_the_5448_check_can_fail():
    assert any(_MESA_WRONG.search(s)
               for s in _sentences_with_5448("It scanned the hearts of 5,448 adults twice, 10 years apart."))
    assert any(_MESA_WRONG.search(s)
               for s in _sentences_with_5448("5,448 adults in the MESA cohort, scanned again after 10 years"))
    fixed = "5,448 adults had a first scan; 2,742 of them had a repeat scan about 10 years later."
    assert all("2,742" in s for s in _sentences_with_5448(fixed))


def _plain(value: float) -> str:
    return f"{abs(value):g}"


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r.study}-{r.outcome}-{r.subgroup}")
def test_every_number_is_copied_from_one_line_of_the_fact_sheets(row):
    """The estimate and both limits appear together on one line of a fact sheet (signs aside)."""
    if not SCIENCE.exists():
        pytest.skip("shared science pack not found")
    lines = []
    for name in ("facts-regulation.md", "facts-pathology.md"):
        lines += (SCIENCE / name).read_text(encoding="utf-8").splitlines()
    wanted = [_plain(row.estimate), _plain(row.lower), _plain(row.upper)]
    pattern = [re.compile(rf"(?<![\d.]){re.escape(n)}(?![\d])") for n in wanted]
    assert any(all(p.search(line) for p in pattern) for line in lines), (
        f"{row.name}: {wanted} are not together on any fact-sheet line"
    )


# ----- filtering ------------------------------------------------------------------------------
@given(st.sampled_from(EXPOSURE_CHOICES), st.sampled_from(OUTCOME_CHOICES), st.sampled_from(DESIGN_CHOICES))
def test_a_filter_keeps_exactly_the_matching_rows_in_data_order(exposure, outcome, design):
    selection = filter_effects(exposure, outcome, design)
    expected = [r for r in ROWS if exposure in (ALL, r.exposure) and outcome in (ALL, r.outcome_type)
                and design in (ALL, r.design)]
    assert list(selection.rows) == expected
    assert selection.ratios + selection.differences == tuple(sorted(
        selection.rows, key=lambda r: r.kind != "ratio"))
    assert selection.empty == (not expected)
    text = summary(selection)
    assert text.endswith(".") and "Filters:" in text


def test_all_filters_show_everything():
    assert filter_effects().rows == ROWS


def test_a_filter_that_matches_nothing_gives_a_message_not_an_error():
    selection = filter_effects("vitamin_k", ALL, "mendelian")
    assert selection.empty and selection.rows == ()
    assert "No study" in selection.message and "No study" in summary(selection)
    assert filter_effects("calcium_pills").message == ""


def test_an_unknown_filter_value_lists_the_choices():
    with pytest.raises(ValueError, match="not a exposure; choose one of: all, calcium_intake"):
        filter_effects("magic_beans")
    with pytest.raises(ValueError, match="not a design"):
        filter_effects(design="anecdote")


def test_the_directions_are_read_from_the_whole_interval():
    mesa = filter_effects("calcium_intake").rows[0]
    pills = [r for r in filter_effects("calcium_pills", design="observational").rows][0]
    lewis_mi = [r for r in ROWS if r.study == "lewis2015" and r.outcome == "heart attack"][0]
    assert (mesa.estimate, mesa.direction) == (0.73, "below")
    assert (pills.estimate, pills.direction) == (1.22, "above")
    assert lewis_mi.direction == "crosses"


# ----- the forest plot ------------------------------------------------------------------------
def _panels():
    fig = Figure(figsize=(10, 8))
    ratios = [r for r in ROWS if r.kind == "ratio"]
    differences = [r for r in ROWS if r.kind == "difference"]
    top, bottom = fig.subplots(2, 1)
    return (fig, ForestPanel(top, "ratio", len(ratios), limits=limits_for(ratios, "ratio")),
            ForestPanel(bottom, "difference", len(differences), limits=limits_for(differences, "difference")))


def test_the_plot_draws_one_row_per_study_in_every_filter_and_nothing_else():
    fig, ratio, difference = _panels()
    for exposure, outcome, design in FILTERS:
        selection = filter_effects(exposure, outcome, design)
        for panel, rows in ((ratio, selection.ratios), (difference, selection.differences)):
            drawn = panel.show(rows)
            assert len(drawn["points"]) == len(drawn["intervals"]) == len(drawn["labels"]) == len(rows)
            for row, point, interval, label in zip(rows, drawn["points"], drawn["intervals"], drawn["labels"],
                                                   strict=True):
                assert point.get_xdata()[0] == row.estimate
                assert list(interval.get_xdata()) == [row.lower, row.upper]
                assert label.get_text() == row.label
                assert point.get_marker() == DESIGN_STYLE[row.design][0]
            visible = [p for p in panel.points if p.get_visible()]
            assert len(visible) == len(rows), "hidden slots stay hidden"
            assert (drawn["message"] is not None) == (not rows)
            assert panel.message.get_visible() == (not rows)


def test_ratios_use_a_log_scale_with_the_line_of_no_effect_at_1_and_differences_at_0():
    fig, ratio, difference = _panels()
    assert ratio.ax.get_xscale() == "log" and list(ratio.no_effect.get_xdata()) == [1, 1]
    assert difference.ax.get_xscale() == "linear" and list(difference.no_effect.get_xdata()) == [0, 0]
    low, high = ratio.ax.get_xlim()
    assert all(low < r.lower and r.upper < high for r in ROWS if r.kind == "ratio")


def test_designs_differ_by_marker_shape_not_only_colour():
    shapes = [marker for marker, _ in DESIGN_STYLE.values()]
    assert len(set(shapes)) == len(shapes) == len(DESIGNS)


def test_forest_plot_returns_what_it_drew_and_refuses_what_it_cannot_draw():
    rows = filter_effects("calcium_pills", "events").rows
    with course_style():
        fig = Figure(figsize=(11, 6))
        drawn = forest_plot(fig.subplots(), rows, title="Calcium pills and heart events")
    assert drawn["rows"] == rows and len(drawn["points"]) == len(rows)
    assert check_figure(fig) == []
    with pytest.raises(ValueError, match="separate plots"):
        forest_plot(Figure().subplots(), ROWS)
    with pytest.raises(ValueError, match="do not fit"):
        ForestPanel(Figure().subplots(), "ratio", 1).show(rows)
    with pytest.raises(ValueError, match="not differences"):
        ForestPanel(Figure().subplots(), "difference", 5).show(rows)
    empty = forest_plot(Figure().subplots(), (), kind="difference", empty_message="Nothing to show.")
    assert empty["points"] == [] and empty["message"].get_text() == "Nothing to show."


# ----- the explorer ---------------------------------------------------------------------------
def test_the_explorer_never_crashes_and_names_an_empty_filter_in_the_picture_and_the_sentence():
    explorer = explore("forest_plot")
    assert explorer.sentence.startswith("Filters: exposure all; outcome all; design all. Showing 15 estimates")
    explorer.set_value("exposure", "vitamin_k")
    explorer.set_value("design", "mendelian")
    assert "No study in this course's data matches these filters" in explorer.sentence
    assert explorer.view.ratio.message.get_visible() and explorer.message == ""
    explorer.set_value("design", "trial")
    assert "Showing 1 estimate:" in explorer.sentence


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(FILTERS))
def test_every_key_state_passes_the_figure_check(choice):
    exposure, outcome, design = choice
    fig = key_state("forest_plot", exposure=exposure, outcome=outcome, design=design)
    assert check_figure(fig) == []


# ----- the explorer's fixed rows (issue 18: cheaper redraws, no empty space) -------------------------
def test_a_filter_fades_the_other_rows_and_never_moves_a_row():
    explorer = explore("forest_plot")
    ratio = explorer.view.ratio
    before = [point.get_ydata()[0] for point in ratio.panel.points]
    explorer.set_value("exposure", "calcium_pills")
    explorer.set_value("outcome", "events")
    chosen = filter_effects("calcium_pills", "events").ratios
    assert ratio.faded == tuple(row not in chosen for row in ratio.rows)
    assert sum(not faded for faded in ratio.faded) == len(chosen) == 7
    assert [point.get_ydata()[0] for point in ratio.panel.points] == before, "rows stay where they are"
    colours = ratio.veils.get_facecolor()
    assert all((alpha > 0) == faded for alpha, faded in zip(colours[:, 3], ratio.faded, strict=True))
    explorer.reset()
    assert not any(explorer.view.ratio.faded) and not any(explorer.view.difference.faded)


def test_rows_from_elsewhere_are_refused():
    explorer = explore("forest_plot")
    with pytest.raises(ValueError, match="not in this panel"):
        explorer.view.ratio.show(filter_effects(outcome_type="calcification").differences)


def test_the_explorer_fits_its_rows_in_a_small_picture():
    """Pixel budget: every row gets the same height and the figure has no large empty areas."""
    from calcium_paradox.diagrams.forest import ROW_IN, explorer_size

    width, height = explorer_size(13, 2)
    assert width * height * 100**2 < 800_000, "about a third fewer pixels than the 1200 × 1040 picture before"
    assert 15 * ROW_IN / height > 0.6, "rows fill most of the height"


# ----- the "nothing here" message stays clear of the row labels and numbers ---------------------
#: One state per message: only ratios empty, only differences empty, both empty.
EMPTY_STATES = [{"exposure": "vitamin_k"}, {"design": "trial"}, {"outcome": "events"},
                {"exposure": "vitamin_k", "design": "mendelian"}]


def _box(text, renderer):
    text.update_bbox_position_size(renderer)
    return text.get_bbox_patch().get_window_extent(renderer)


@pytest.mark.parametrize("state", EMPTY_STATES, ids=lambda state: "+".join(state.values()))
def test_the_empty_panel_message_never_overlaps_a_row_label_or_number(state):
    from calcium_paradox.style import contrast_ratio

    explorer = explore("forest_plot")
    for name, value in state.items():
        explorer.set_value(name, value)
    renderer = explorer.figure.canvas.get_renderer()
    empty = [rows for rows in (explorer.view.ratio, explorer.view.difference) if rows.message.get_visible()]
    assert empty, "this state empties at least one panel"
    for rows in empty:
        message = _box(rows.message, renderer)
        plot = rows.panel.ax.get_window_extent(renderer)
        assert plot.x0 <= message.x0 and message.x1 <= plot.x1, "the message stays inside the plot area"
        for text in rows.panel.labels + rows.panel.values:
            assert text.get_visible() and text.get_text()
            assert not message.overlaps(text.get_window_extent(renderer)), (rows.message.get_text(), text.get_text())
        box = rows.message.get_bbox_patch()
        assert box.get_facecolor()[3] == 1.0, "an opaque box: the faded rows do not show through the text"
        assert contrast_ratio(rows.message.get_color(), box.get_facecolor()[:3]) >= 4.5


@given(st.text(alphabet="ab .", max_size=80), st.integers(min_value=5, max_value=40))
def test_message_lines_keeps_every_word_and_short_lines(text, width):
    from calcium_paradox.diagrams.forest import message_lines

    lines = message_lines(text, width).split("\n")
    assert " ".join(lines).split() == text.split()
    assert all(len(line) <= width or " " not in line for line in lines)
