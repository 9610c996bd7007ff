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
    ALL, DESIGNS, EXPOSURES, MEASURES, OUTCOME_TYPES, RATIO_MEASURES, filter_effects, load_effects, problems, summary,
)
from calcium_paradox.explorers import explore, key_state
from calcium_paradox.style import course_style

ROWS = load_effects()
SCIENCE = Path(__file__).resolve().parents[2] / "shared" / "science"
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


def test_numbers_the_fact_sheet_calls_secondary_are_marked_and_shown_as_approximate():
    secondary = [r for r in ROWS if r.secondary]
    assert [r.study for r in secondary] == ["bolland2010"], "Bolland 2010's numbers come from a secondary summary"
    assert secondary[0].numbers().startswith("about ") and secondary[0].numbers().endswith("*")
    assert not any(r.numbers().startswith("about") for r in ROWS if not r.secondary)


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
            for row, point, interval, label in zip(rows, drawn["points"], drawn["intervals"], drawn["labels"]):
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
