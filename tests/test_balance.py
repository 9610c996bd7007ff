"""The balance toy model (chapter 02): brakes, pushes, active MGP and mineral build-up."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from calcium_paradox.models import balance
from calcium_paradox.models.balance import RANGES, USUAL, YEARS, active_mgp, max_rate, run_balance, softplus


def within(name):
    low, high = RANGES[name]
    return st.floats(low, high)


settings = st.fixed_dictionaries({name: within(name) for name in RANGES})
#: Each control, and whether raising it raises (+1) or lowers (-1) the build-up.
DIRECTIONS = {"vitamin_k": -1, "magnesium": -1, "phosphate": +1, "inflammation": +1}


def test_active_mgp_against_hand_computed_values():
    # k / (k + 0.25): 0 → 0; 0.25 → 0.5; 1 → 0.8; 2 → 2/2.25 = 0.888…
    assert active_mgp(0) == 0
    assert active_mgp(0.25) == pytest.approx(0.5)
    assert active_mgp(1) == pytest.approx(0.8)
    assert active_mgp(2) == pytest.approx(8 / 9)


def test_softplus_is_near_zero_below_and_near_x_above():
    assert 0 < softplus(-1.0) < 0.001
    assert softplus(2.0) == pytest.approx(2.0, abs=0.001)
    assert softplus(0.0) == pytest.approx(0.15 * math.log(2))
    assert softplus(1e6) == pytest.approx(1e6), "no overflow for huge inputs"


def test_usual_settings_hold_mineral_in_check():
    usual = run_balance(**USUAL)
    assert usual.verdict == "held" and usual.net_push < 0
    assert usual.rate < 0.01 and usual.active_mgp == pytest.approx(0.8)
    # brakes 1.5 × 0.8 + 0.4 + 0.9 = 2.5; pushes 1 + 1 + 0 = 2
    assert usual.total_brakes == pytest.approx(2.5) and usual.total_pushes == pytest.approx(2.0)


@given(settings, st.sampled_from(sorted(DIRECTIONS)), st.data())
def test_each_control_moves_the_build_up_in_its_stated_direction(base, name, data):
    low, high = sorted((base[name], data.draw(within(name))))
    lower = run_balance(**{**base, name: low})
    higher = run_balance(**{**base, name: high})
    if DIRECTIONS[name] > 0:
        assert higher.rate >= lower.rate and higher.net_push >= lower.net_push
    else:
        assert higher.rate <= lower.rate and higher.net_push <= lower.net_push
    if high - low > 1e-6:  # strictly, not just "never the wrong way"
        assert higher.rate != lower.rate


@given(st.floats(0, 2), st.floats(0, 2))
def test_more_vitamin_k_switches_on_more_mgp_but_never_more_than_all(a, b):
    low, high = sorted((a, b))
    assert 0 <= active_mgp(low) <= active_mgp(high) < 1


@given(settings)
def test_outputs_are_finite_and_bounded(values):
    run = run_balance(**values)
    assert 0 <= run.active_mgp < 1
    assert 0 < run.rate <= max_rate() + 1e-12
    assert np.all(np.isfinite(run.mineral)) and run.mineral[0] == 0
    assert run.final_mineral == pytest.approx(run.rate * YEARS)
    assert np.all(np.diff(run.mineral) >= 0), "nothing in the toy removes mineral"
    assert run.verdict in ("held", "tipping", "building")


@given(settings)
def test_results_are_deterministic(values):
    first, second = run_balance(**values), run_balance(**values)
    assert first.rate == second.rate and np.array_equal(first.mineral, second.mineral)


def test_doubling_vitamin_k_at_very_high_phosphate_does_not_restore_the_balance():
    """The chapter's lesson: one brake cannot cancel a strong push."""
    usual = run_balance(**USUAL)
    high = run_balance(phosphate=3.0)
    doubled = run_balance(phosphate=3.0, vitamin_k=2.0)
    assert doubled.active_mgp > high.active_mgp
    assert doubled.rate < high.rate, "more vitamin K helps a little"
    assert doubled.rate > 0.8 * high.rate, "but only a little"
    assert doubled.verdict == "building" and doubled.rate > 100 * usual.rate
    # Even with every MGP molecule switched on, the pushes still win at this phosphate.
    assert balance.MGP_WEIGHT * 1.0 + balance.MAGNESIUM_WEIGHT + balance.OTHER_BRAKES < high.total_pushes


def test_lowering_the_push_does_restore_the_balance():
    assert run_balance(phosphate=1.0).verdict == "held"
    assert run_balance(phosphate=3.0).verdict == "building"


def test_no_vitamin_k_lets_mineral_build_up_at_usual_phosphate():
    """Like a warfarin-type drug: no switched-on MGP, and the balance tips."""
    blocked = run_balance(vitamin_k=0.0)
    assert blocked.active_mgp == 0 and blocked.verdict == "building"


@pytest.mark.parametrize("kwargs,message", [
    ({"vitamin_k": -0.1}, "vitamin_k must be a number from 0 to 2"),
    ({"phosphate": 3.5}, "phosphate must be a number from 0.5 to 3"),
    ({"magnesium": "lots"}, "magnesium must be a number from 0.2 to 2"),
    ({"inflammation": math.nan}, "inflammation must be a number from 0 to 1"),
    ({"phosphate": None}, "phosphate must be a number"),
])
def test_bad_input_gets_a_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        run_balance(**kwargs)


def test_the_explorer_describes_the_lesson_and_handles_typed_nonsense():
    from calcium_paradox.explorers import explore

    scale = explore("balance")
    assert "80% of MGP is switched on" in scale.sentence and "held in check" in scale.sentence
    scale.set_value("phosphate", 3)
    before = scale.sentence
    assert "pushes win by 1.5" in before and "mineral after 10 toy years: 15.0" in before
    scale.set_value("vitamin_k", 2)
    assert "89% of MGP is switched on" in scale.sentence and "pushes win by 1.4" in scale.sentence
    assert "not a number" in scale.set_value("magnesium", "lots")
    assert "above the largest value" in scale.set_value("inflammation", 7)
    assert scale.params["inflammation"] == 1.0
    scale.reset()
    assert scale.params == USUAL
