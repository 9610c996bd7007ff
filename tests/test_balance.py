"""The balance toy model (chapter 02): brakes, push, active MGP, brakes used up, and mineral over time."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calcium_paradox.models import balance
from calcium_paradox.models.balance import (
    DT,
    RANGES,
    USUAL,
    VISIBLE,
    YEARS,
    active_mgp,
    free_brakes,
    mgp_room,
    run_balance,
    softplus,
)


def within(name):
    low, high = RANGES[name]
    return st.floats(low, high)


controls = st.fixed_dictionaries({name: within(name) for name in RANGES})
#: Each control, and whether raising it raises (+1) or lowers (-1) the mineral.
DIRECTIONS = {"vitamin_k": -1, "magnesium": -1, "mgp_strength": -1, "phosphate": +1}
#: Each run is a 400-step loop; fewer examples keep the file quick.
few = settings(max_examples=40, deadline=None)


def test_active_mgp_against_hand_computed_values():
    # k / (k + 0.25): 0 → 0; 0.25 → 0.5; 1 → 0.8; 2 → 2/2.25 = 0.888…
    assert active_mgp(0) == 0
    assert active_mgp(0.25) == pytest.approx(0.5)
    assert active_mgp(1) == pytest.approx(0.8)
    assert active_mgp(2) == pytest.approx(8 / 9)


def test_softplus_is_near_zero_below_and_near_x_above():
    assert 0 < softplus(-1.0) < 0.001
    assert softplus(2.0) == pytest.approx(2.0, abs=0.001)
    assert softplus(0.0) == pytest.approx(0.1 * math.log(2))
    assert softplus(1e6) == pytest.approx(1e6), "no overflow for huge inputs"


def test_free_brakes_against_hand_computed_values():
    # start / (1 + mineral / 0.05): no mineral → all free; 5% → half; 15% → a quarter
    assert free_brakes(2.0, 0.0) == 2.0
    assert free_brakes(2.0, 0.05) == pytest.approx(1.0)
    assert free_brakes(2.0, 0.15) == pytest.approx(0.5)


def test_usual_settings_hold_mineral_in_check_for_the_whole_run():
    usual = run_balance(**USUAL)
    # brakes 0.5 + 0.4 + 0.4 × 1 + 1.5 × 0.8 = 2.5; push 2 × 1 × 1 = 2
    assert usual.total_brakes == pytest.approx(2.5) and usual.push == pytest.approx(2.0)
    assert usual.verdict == "held" and usual.visible_year is None and usual.overtake_year is None
    assert usual.final_mineral < 0.01


def test_the_opening_state_looks_steady_at_first_then_builds_with_no_change_in_its_settings():
    opening = run_balance(phosphate=1.2)
    assert opening.net_push < 0, "the brakes win at the start"
    assert opening.mineral[opening.years <= 2].max() < 0.01, "little mineral in the first two years"
    assert 1 < opening.overtake_year < opening.visible_year < 10
    rates = opening.added / DT
    assert rates[opening.years[1:] <= 2].max() < rates.max() / 5, "the build-up speeds up later"


@few
@given(controls, st.sampled_from(sorted(DIRECTIONS)), st.data())
def test_each_control_moves_mineral_in_its_stated_direction_at_every_time(base, name, data):
    low, high = sorted((base[name], data.draw(within(name))))
    lower = run_balance(**{**base, name: low})
    higher = run_balance(**{**base, name: high})
    if DIRECTIONS[name] > 0:
        assert np.all(higher.mineral >= lower.mineral - 1e-12)
    else:
        assert np.all(higher.mineral <= lower.mineral + 1e-12)


@given(st.floats(0, 2), st.floats(0, 2))
def test_more_vitamin_k_switches_on_more_mgp_but_never_more_than_all(a, b):
    low, high = sorted((a, b))
    assert 0 <= active_mgp(low) <= active_mgp(high) < 1


@few
@given(controls)
def test_outputs_are_finite_and_bounded(values):
    run = run_balance(**values)
    assert 0 <= run.active_mgp < 1 and 0 <= mgp_room(run) <= run.mgp_strength
    assert np.all(np.isfinite(run.mineral)) and run.mineral[0] == 0
    assert np.all((run.mineral >= 0) & (run.mineral < 1)), "mineral is a share of the wall's room"
    assert np.all(np.diff(run.mineral) >= 0), "nothing in the toy removes mineral"
    assert np.all((run.free_brakes > 0) & (run.free_brakes <= run.total_brakes))
    assert np.all(np.diff(run.free_brakes) <= 0), "brakes are tied up, never freed"
    assert run.verdict in ("held", "building")
    assert len(run.years) == len(run.mineral) == len(run.free_brakes) == len(run.added) + 1
    assert run.years[-1] == YEARS


@few
@given(controls)
def test_mass_balance_mineral_is_the_sum_of_what_was_added_and_brakes_are_free_or_tied(values):
    run = run_balance(**values)
    assert np.allclose(run.mineral[1:], np.cumsum(run.added))
    assert np.all(run.added >= 0)
    assert np.allclose(run.free_brakes + run.tied_brakes, run.total_brakes)
    assert np.allclose(run.free_brakes, [free_brakes(run.total_brakes, m) for m in run.mineral])


@few
@given(controls)
def test_the_readout_years_match_the_curves(values):
    run = run_balance(**values)
    if run.visible_year is None:
        assert run.mineral.max() < VISIBLE
    else:
        i = int(np.argmax(run.years == run.visible_year))
        assert run.mineral[i] >= VISIBLE and (i == 0 or run.mineral[i - 1] < VISIBLE)
    if run.overtake_year is None:
        assert np.all(run.free_brakes >= run.push)
    else:
        i = int(np.argmax(run.years == run.overtake_year))
        assert run.free_brakes[i] < run.push and (i == 0 or run.free_brakes[i - 1] >= run.push)


@few
@given(controls)
def test_results_are_deterministic(values):
    first, second = run_balance(**values), run_balance(**values)
    assert np.array_equal(first.mineral, second.mineral)


def test_doubling_vitamin_k_helps_near_the_tipping_point_but_not_against_a_strong_push():
    """The chapter's lesson, with the toy's made-up constants."""
    near, near_doubled = run_balance(phosphate=1.2), run_balance(phosphate=1.2, vitamin_k=2.0)
    assert near_doubled.visible_year - near.visible_year > 4, "years later near the tipping point"
    strong, strong_doubled = run_balance(phosphate=3.0), run_balance(phosphate=3.0, vitamin_k=2.0)
    assert strong_doubled.active_mgp > strong.active_mgp
    assert strong_doubled.visible_year - strong.visible_year < 0.2, "hardly any later against a strong push"
    assert strong_doubled.final_mineral > 0.95 * strong.final_mineral
    # Even with every MGP molecule switched on, the push still wins at this phosphate.
    assert balance.MGP_STRENGTH + balance.MAGNESIUM_WEIGHT + balance.FETUIN_A + balance.PYROPHOSPHATE < strong.push


def test_that_answer_depends_on_the_made_up_mgp_strength():
    strong = run_balance(phosphate=3.0, vitamin_k=2.0, mgp_strength=6.0)
    assert strong.verdict == "held", "with a much stronger (made-up) MGP, doubling vitamin K holds the wall"
    assert run_balance(phosphate=3.0, vitamin_k=1.0, mgp_strength=6.0).verdict == "building"


def test_lowering_the_push_does_restore_the_balance():
    assert run_balance(phosphate=1.0).verdict == "held"
    assert run_balance(phosphate=3.0).verdict == "building"


def test_no_vitamin_k_lets_mineral_build_up_at_usual_phosphate():
    """Like a warfarin-type drug: no switched-on MGP, and the balance tips."""
    blocked = run_balance(vitamin_k=0.0)
    assert blocked.active_mgp == 0 and blocked.verdict == "building" and blocked.net_push > 0


@pytest.mark.parametrize("kwargs,message", [
    ({"vitamin_k": -0.1}, "vitamin_k must be a number from 0 to 2"),
    ({"phosphate": 3.5}, "phosphate must be a number from 0.5 to 3"),
    ({"magnesium": "lots"}, "magnesium must be a number from 0.2 to 2"),
    ({"mgp_strength": math.nan}, "mgp_strength must be a number from 0.5 to 6"),
    ({"phosphate": None}, "phosphate must be a number"),
])
def test_bad_input_gets_a_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        run_balance(**kwargs)


def test_the_explorer_opens_on_a_question_and_handles_typed_nonsense():
    from calcium_paradox.explorers import explore

    scale = explore("balance")
    opening = scale.sentence
    assert "brakes start at 2.5 against a push of 2.4" in opening
    assert "overtakes the free brakes in year 1.6" in opening and "10% of the wall in year 6.6" in opening
    scale.set_value("phosphate", 1)
    assert "the push never overtakes the free brakes in 20 years" in scale.sentence
    assert "mineral stays under 10% of the wall for all 20 years and fills 0% after 20 years" in scale.sentence
    assert "not a number" in scale.set_value("magnesium", "lots")
    assert "above the largest value" in scale.set_value("mgp_strength", 7)
    assert scale.params["mgp_strength"] == 6.0
    scale.reset()
    assert scale.params == {**USUAL, "phosphate": 1.2} and scale.sentence == opening
