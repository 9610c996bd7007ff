"""The common-causes toy model (chapter 05): shared causes make a link, comparing within age shrinks it.

Sampling tolerance: with 3,000 independent people the standard error of a
correlation near zero is about 1/sqrt(3000) ≈ 0.018, so "near zero" below means
|r| < 0.08 (more than four standard errors). Within one 10-year age group
(about 600 people) the standard error is about 0.04, so the tolerance there is 0.2.
"""

import itertools
import math
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from calcium_paradox.checks.figure import check_figure
from calcium_paradox.diagrams import common_causes as drawing
from calcium_paradox.explorers import Explorer, explore, key_state
from calcium_paradox.explorers.common_causes import SPEC, describe
from calcium_paradox.models.common_causes import (
    AGE_GROUPS,
    BOUNDS,
    POPULATION,
    correlation,
    draw_population,
    fixed_population,
    link_words,
    simulate,
    trend_line,
    within_group_correlation,
)
from calcium_paradox.style import contrast_ratio

NEAR_ZERO = 0.08  # > 4 standard errors for 3,000 people
NEAR_ZERO_ONE_GROUP = 0.2  # > 4 standard errors for about 600 people
seeds = st.integers(0, 2**32 - 1)
strengths = st.sampled_from([round(0.1 * i, 1) for i in range(11)])  # the slider's own steps
groups = st.sampled_from([None, *AGE_GROUPS])


def people(seed: int):
    return draw_population(np.random.default_rng(seed), POPULATION)


def test_the_same_seed_gives_the_same_people_and_results():
    a, b = people(7), people(7)
    for name in ("age", "kidney_draw", "u_bone", "u_artery"):
        assert np.array_equal(getattr(a, name), getattr(b, name))
    first, second = simulate(a, 0.6, 0.3), simulate(b, 0.6, 0.3)
    assert np.array_equal(first.bone_loss, second.bone_loss)
    assert np.array_equal(first.artery_calcium, second.artery_calcium)
    assert first.r_everyone == second.r_everyone
    assert fixed_population() is fixed_population(), "the explorer's population is drawn once"
    assert not np.array_equal(people(7).age, people(8).age), "another seed gives other people"


def test_draws_come_from_the_generator_passed_in_not_from_global_state():
    np.random.seed(1)
    a = people(3)
    np.random.seed(2)
    b = people(3)
    assert np.array_equal(a.u_bone, b.u_bone)


@settings(max_examples=30, deadline=None)
@given(seeds)
def test_no_shared_causes_and_no_direct_link_give_almost_no_correlation(seed):
    state = simulate(people(seed), shared=0.0, direct=0.0)
    assert abs(state.r_everyone) < NEAR_ZERO
    assert abs(state.r_within_ages) < NEAR_ZERO
    for group in AGE_GROUPS:
        assert abs(simulate(people(seed), 0.0, 0.0, group=group).r_group) < NEAR_ZERO_ONE_GROUP


@settings(max_examples=20, deadline=None)
@given(seeds, st.booleans())
def test_the_link_grows_with_the_strength_of_the_shared_causes(seed, kidney):
    draws = people(seed)
    rs = [simulate(draws, s / 10, 0.0, kidney).r_everyone for s in range(11)]
    assert all(later > earlier for earlier, later in itertools.pairwise(rs)), rs
    assert rs[-1] > 0.6, "at full strength the shared causes make a strong link"


@settings(max_examples=20, deadline=None)
@given(seeds, st.sampled_from([0.5, 0.8, 1.0]), st.booleans())
def test_comparing_within_age_groups_shrinks_a_link_that_has_no_direct_cause(seed, shared, kidney):
    draws = people(seed)
    state = simulate(draws, shared, 0.0, kidney)
    assert state.r_within_ages < state.r_everyone - 0.15
    for group in AGE_GROUPS:
        assert simulate(draws, shared, 0.0, kidney, group).r_group < state.r_everyone - 0.1


@settings(max_examples=20, deadline=None)
@given(seeds)
def test_without_kidney_disease_the_link_within_an_age_group_nearly_vanishes(seed):
    draws = people(seed)
    with_kidney = simulate(draws, 1.0, 0.0, True)
    without = simulate(draws, 1.0, 0.0, False)
    assert without.r_everyone > 0.6, "age alone still links the two across everyone"
    assert without.r_within_ages < 0.2 < with_kidney.r_within_ages
    assert without.r_within_ages < with_kidney.r_within_ages


@settings(max_examples=20, deadline=None)
@given(seeds)
def test_a_direct_link_survives_comparing_within_age_groups(seed):
    draws = people(seed)
    state = simulate(draws, shared=0.0, direct=1.0)
    assert state.r_everyone > 0.4
    assert state.r_within_ages == pytest.approx(state.r_everyone, abs=0.05)
    for group in AGE_GROUPS:
        assert simulate(draws, 0.0, 1.0, group=group).r_group > 0.3
    # With shared causes too, the within-age link is clearly stronger than with shared causes alone.
    assert simulate(draws, 1.0, 1.0).r_within_ages > simulate(draws, 1.0, 0.0).r_within_ages + 0.15


@settings(max_examples=40, deadline=None)
@given(strengths, strengths, st.booleans(), groups)
def test_outputs_are_finite_and_bounded_at_every_setting(shared, direct, kidney, group):
    state = simulate(fixed_population(), shared, direct, kidney, group)
    for values in (state.bone_loss, state.artery_calcium):
        assert np.all(np.isfinite(values)) and values.min() >= BOUNDS[0] and values.max() <= BOUNDS[1]
    for r in (state.r_everyone, state.r_within_ages, state.r_group, state.r_compared):
        assert -1.0 <= r <= 1.0 and math.isfinite(r)
    if group is None:
        assert state.in_group.all() and state.r_compared == state.r_within_ages
    else:
        assert 0 < state.in_group.sum() < POPULATION and state.r_compared == state.r_group
        low, high = group
        assert np.all((state.age[state.in_group] >= low) & (state.age[state.in_group] < high + 1))
    if not kidney:
        assert not state.has_kidney_disease.any()


def test_kidney_disease_becomes_more_common_with_age():
    state = simulate(fixed_population())
    young = state.has_kidney_disease[state.age < 50].mean()
    old = state.has_kidney_disease[state.age >= 80].mean()
    assert 0.03 < young < old < 0.4


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan"), float("inf"), "abc", None, [0.5]])
def test_bad_strengths_are_refused_with_a_clear_message(bad):
    with pytest.raises(ValueError, match="must be a number from 0 to 1"):
        simulate(fixed_population(), shared=bad)
    with pytest.raises(ValueError, match="must be a number from 0 to 1"):
        simulate(fixed_population(), direct=bad)


def test_other_bad_inputs_are_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="group must be None or one of"):
        simulate(fixed_population(), group=(55, 64))
    with pytest.raises(ValueError, match="kidney must be True or False"):
        simulate(fixed_population(), kidney="yes")
    with pytest.raises(TypeError, match="draws must come from"):
        simulate([1, 2, 3])
    with pytest.raises(TypeError, match="numpy.random.Generator"):
        draw_population(42)
    for n in (5, 2.5, True, 10**7):
        with pytest.raises(ValueError, match="whole number of people"):
            draw_population(np.random.default_rng(0), n)
    tiny = draw_population(np.random.default_rng(0), 10)  # this seed puts only 2 of 10 people in their forties
    assert (tiny.age < 50).sum() == 2
    with pytest.raises(ValueError, match="use a larger population"):
        simulate(tiny, group=(40, 49))
    with pytest.raises(ValueError, match="seed must be a whole number"):
        fixed_population(-1)
    with pytest.raises(ValueError, match="same length"):
        correlation(np.arange(5), np.arange(4))
    with pytest.raises(ValueError, match="at least 3 people"):
        correlation(np.arange(2), np.arange(2))
    with pytest.raises(ValueError, match="one group for each person"):
        within_group_correlation(np.arange(5), np.arange(5), np.arange(4))


@given(st.lists(st.floats(-100, 100), min_size=3, max_size=40), st.integers(0, 1000))
def test_correlation_matches_numpy_and_stays_within_minus_one_to_one(values, seed):
    x = np.array(values)
    y = x * 0.5 + np.random.default_rng(seed).standard_normal(len(x))
    r = correlation(x, y)
    assert -1.0 <= r <= 1.0
    if np.std(x) > 1e-6:
        assert r == pytest.approx(np.corrcoef(x, y)[0, 1], abs=1e-9)


def test_correlation_of_something_that_does_not_vary_is_zero_not_an_error():
    assert correlation(np.ones(10), np.arange(10.0)) == 0.0


def test_within_group_correlation_removes_differences_between_groups():
    rng = np.random.default_rng(0)
    group = np.repeat([0, 1, 2], 200)
    x = group * 10 + rng.standard_normal(600)  # both follow the group, nothing else links them
    y = group * 10 + rng.standard_normal(600)
    assert correlation(x, y) > 0.9
    assert abs(within_group_correlation(x, y, group)) < 0.15
    assert within_group_correlation(x, y, np.zeros(600)) == pytest.approx(correlation(x, y))


def test_trend_line_and_link_words():
    slope, intercept = trend_line(np.array([0.0, 1.0, 2.0]), np.array([1.0, 3.0, 5.0]))
    assert (slope, intercept) == pytest.approx((2.0, 1.0))
    assert trend_line(np.ones(4), np.arange(4.0))[0] == 0.0
    assert [link_words(r) for r in (0.05, 0.2, 0.4, 0.8, -0.8)] == [
        "almost none", "weak", "moderate", "strong", "strong"]


def test_the_explorer_starts_with_no_direct_link_and_at_most_four_controls():
    assert SPEC.defaults == {"shared": 1.0, "direct": 0.0, "group": None, "kidney": True}
    assert len(SPEC.controls) <= 4


def test_the_state_sentence_names_the_settings_and_the_link_for_the_people_compared():
    sentence = describe(SPEC.defaults, SPEC.model(SPEC.defaults))
    assert sentence == ("With shared causes at strength 1, no direct link from bone loss to artery calcium and "
                        "kidney disease in some people: across everyone the link between bone loss and artery "
                        "calcium is strong (r = 0.78).")
    state = SPEC.model({"shared": 0.0, "direct": 0.5, "group": (60, 69), "kidney": False})
    sentence = describe({}, state)
    assert "no shared causes" in sentence and "direct link of strength 0.5" in sentence
    assert "nobody with kidney disease" in sentence
    assert f"within ages 60–69 the link between bone loss and artery calcium is {link_words(state.r_group)} " \
           f"(r = {state.r_group:.2f}); across everyone it is" in sentence


@pytest.mark.parametrize("changes", [{}, {"kidney": False}, {"shared": 0.0, "direct": 1.0}, {"shared": 0.5}])
def test_with_everyone_compared_the_sentence_does_not_announce_the_within_age_link(changes):
    """Task 2 asks what happens when the learner picks an age group: with none picked, no within-age r."""
    params = {**SPEC.defaults, **changes}
    state = SPEC.model(params)
    sentence = describe(params, state)
    assert "within" not in sentence and "age" not in sentence
    assert sentence.count("r = ") == 1 and f"(r = {state.r_everyone:.2f})" in sentence


def test_the_explorer_handles_a_learner_choosing_an_age_group_and_typing_nonsense():
    explorer = explore("common_causes")
    start = explorer.state_html.value
    explorer.set_value("group", (70, 79))
    assert "ages 70–79" in explorer.sentence and explorer.state_html.value != start
    assert "not one of the choices" in explorer.set_value("group", (55, 64))
    assert "not a number" in explorer.set_value("shared", "lots")
    assert explorer.params["shared"] == 1.0
    explorer.reset()
    assert explorer.state_html.value == start


def test_key_states_for_the_notebook_can_be_drawn():
    for settings_ in ({}, {"group": (60, 69)}, {"group": (60, 69), "kidney": False}, {"shared": 0.0, "direct": 1.0}):
        assert key_state("common_causes", **settings_).axes


# ----- the explorer's picture ------------------------------------------------------------------------------


def _shown(line) -> int:
    return len(line.get_xdata())


@pytest.mark.parametrize("changes", [{}, {"group": (60, 69)}, {"group": (80, 89), "kidney": False},
                                     {"shared": 0.0, "direct": 1.0, "group": (40, 49)}])
def test_every_person_is_drawn_once_in_the_style_of_their_age_group_and_kidney_status(changes):
    explorer = Explorer(SPEC)
    for name, value in changes.items():
        explorer.set_value(name, value)
    state, view = explorer.result, explorer.view.scatter
    groups = drawing.age_group_of(state)
    assert _shown(view["others"]) + sum(_shown(a) for a in (*view["healthy"], *view["sick"])) == POPULATION
    assert _shown(view["others"]) == int((~state.in_group).sum())
    for number, (healthy, sick) in enumerate(zip(view["healthy"], view["sick"], strict=True)):
        mine = state.in_group & (groups == number)
        assert _shown(healthy) == int((mine & ~state.has_kidney_disease).sum())
        assert _shown(sick) == int((mine & state.has_kidney_disease).sum())
        assert set(healthy.get_xdata()) <= set(state.bone_loss[groups == number])


def test_age_groups_differ_in_shape_as_well_as_colour_and_kidney_disease_is_an_open_marker():
    colours = [colour for colour, _ in drawing.AGE_STYLES]
    markers = [marker for _, marker in drawing.AGE_STYLES]
    assert len(drawing.AGE_STYLES) == len(AGE_GROUPS)
    assert len(set(colours)) == len(colours) and len(set(markers)) == len(markers)
    assert all(contrast_ratio(colour) >= 3.0 for colour in [*colours, drawing.OTHER_AGES])
    view = Explorer(SPEC).view.scatter
    for healthy, sick in zip(view["healthy"], view["sick"], strict=True):
        assert healthy.get_marker() == sick.get_marker()
        assert sick.get_markerfacecolor() == "white" and healthy.get_markerfacecolor() != "white"


def test_age_group_of_matches_the_models_ten_year_groups():
    state = simulate(fixed_population())
    groups = drawing.age_group_of(state)
    for number, (low, high) in enumerate(AGE_GROUPS):
        ages = state.age[groups == number]
        assert ages.min() >= low and ages.max() < high + 1


def _figure_texts(explorer) -> list[str]:
    return [t.get_text() for t in explorer.figure.findobj(Text) if t.get_visible() and t.get_text().strip()]


@pytest.mark.parametrize("changes", [{}, {"kidney": False}, {"shared": 0.5}, {"shared": 0.0, "direct": 1.0}])
def test_with_everyone_compared_the_picture_does_not_show_a_within_age_link(changes):
    """No spoiler in the picture: the age-group bar stays empty, with a question mark, until a group is picked."""
    explorer = Explorer(SPEC)
    for name, value in changes.items():
        explorer.set_value(name, value)
    state = explorer.result
    everyone_bar, group_bar = explorer.view.bars["bars"]
    assert group_bar.get_width() == 0.0 and explorer.view.bars["values"][1].get_text() == drawing.NO_GROUP_TEXT
    assert everyone_bar.get_width() == pytest.approx(state.r_everyone)
    everyone_text = explorer.view.bars["values"][0].get_text()
    assert everyone_text == f"{state.r_everyone:.2f}"
    others = [text for text in _figure_texts(explorer) if text != everyone_text]
    assert not any(f"{state.r_within_ages:.2f}" in text for text in others), others
    explorer.set_value("group", (60, 69))
    assert group_bar.get_width() == pytest.approx(explorer.result.r_group)
    assert explorer.view.bars["values"][1].get_text() == f"{explorer.result.r_group:.2f}"


def test_the_bands_behind_the_bars_use_the_same_words_as_the_state_sentence():
    edges = [low for low, _ in drawing.LINK_BANDS[1:]] + [1.0]
    for (low, words), high in zip(drawing.LINK_BANDS, edges, strict=True):
        assert link_words((low + high) / 2).endswith(words)
        assert link_words(high - 1e-9).endswith(words) and link_words(low + 1e-9).endswith(words)


def test_the_opening_state_asks_why_and_the_discovery_is_there_to_find():
    """The start raises a question (no direct link, yet a strong one); one age group shows it shrink."""
    assert "Why?" in SPEC.intro and "direct link starts at 0" in SPEC.intro
    start = SPEC.model(SPEC.defaults)
    assert start.direct == 0 and start.r_everyone == pytest.approx(0.78, abs=0.01)
    assert start.r_within_ages == pytest.approx(0.43, abs=0.01)
    one_group = SPEC.model({**SPEC.defaults, "group": (60, 69)})
    assert one_group.r_group == pytest.approx(0.43, abs=0.01) and one_group.r_group < start.r_everyone - 0.3


# ----- the SALTIRE2 figure ----------------------------------------------------------------------------------
SCIENCE = Path(__file__).resolve().parents[1].parent / "shared" / "science"


@pytest.mark.parametrize("outcome", list(drawing.SALTIRE2))
def test_saltire2_numbers_are_copied_from_one_line_of_the_fact_sheet(outcome):
    """Each outcome's nine numbers (median and middle half for three groups) sit together on one fact-sheet line."""
    if not SCIENCE.exists():
        pytest.skip("shared science pack not found")
    lines = (SCIENCE / "facts-pathology.md").read_text(encoding="utf-8").splitlines()
    numbers = [abs(n) for group in drawing.SALTIRE2[outcome].values() for n in group]
    patterns = [re.compile(rf"(?<![\d.]){n}(?![\d])") for n in numbers]
    assert any(all(p.search(line) for p in patterns) for line in lines), f"{outcome}: {numbers}"


def test_saltire2_figure_draws_spreads_of_patients_not_a_forest_plot():
    figure = drawing.bone_drug_trial_figure()
    assert check_figure(figure, "Chart of the SALTIRE2 trial: boxes for the middle half of patients") == []
    assert "spread of patients, not a confidence interval" in figure.get_suptitle()
    for ax, results in zip(figure.axes, drawing.SALTIRE2.values(), strict=True):
        boxes = [p for p in ax.patches if isinstance(p, Rectangle)]
        assert len(boxes) == 3
        for box, (name, _, _) in zip(boxes, drawing.TRIAL_GROUPS, strict=True):
            median, low, high = results[name]
            assert (box.get_y(), box.get_y() + box.get_height()) == pytest.approx((low, high))
            assert low <= median <= high
        # No "line of no effect": no line across the panel at zero (or anywhere), only the short median bars.
        for line in ax.get_lines():
            if isinstance(line, Line2D) and len(line.get_xdata()):
                assert max(line.get_xdata()) - min(line.get_xdata()) <= drawing.BOX_WIDTH + 1e-9
        names = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
        assert names == [name for name, _, _ in drawing.TRIAL_GROUPS]
