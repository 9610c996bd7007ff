"""The bathtub toy model: balance, bounds and clear errors."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from calcium_paradox.models.bathtub import CAPACITY, fill_tub

inflows = st.floats(0, 10)
drains = st.floats(0.1, 1.0)


def test_steady_level_is_inflow_over_drain():
    run = fill_tub(4, 0.5, start_level=0, minutes=60)
    assert run.steady_level == pytest.approx(8)
    assert run.final_level == pytest.approx(8, abs=1e-6)


@given(inflows, drains, st.floats(0, CAPACITY))
def test_level_obeys_the_balance_equation(inflow, drain, start):
    run = fill_tub(inflow, drain, start_level=start, points=2001)
    if run.overflows:
        return
    rate = np.gradient(run.level, run.time)
    expected = inflow - drain * run.level
    assert np.allclose(rate[5:-5], expected[5:-5], atol=1e-2 * (1 + inflow))


@given(inflows, drains, st.floats(0, CAPACITY))
def test_level_moves_monotonically_towards_its_target_and_stays_in_the_tub(inflow, drain, start):
    run = fill_tub(inflow, drain, start_level=start)
    assert np.all(np.isfinite(run.level))
    assert np.all(run.level >= 0) and np.all(run.level <= CAPACITY)
    steps = np.diff(run.level)
    assert np.all(steps >= -1e-12) or np.all(steps <= 1e-12)


@given(inflows, drains)
def test_more_inflow_never_gives_a_lower_level(inflow, drain):
    low = fill_tub(inflow, drain).level
    high = fill_tub(min(inflow + 1, 10), drain).level
    assert np.all(high >= low - 1e-12)


def test_overflow_is_flagged_and_capped():
    run = fill_tub(10, 0.5)
    assert run.overflows and run.final_level == CAPACITY


def test_results_are_deterministic():
    a, b = fill_tub(3, 0.3), fill_tub(3, 0.3)
    assert np.array_equal(a.level, b.level)


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"inflow": -1, "drain": 0.5}, "inflow must be a number of at least 0"),
        ({"inflow": 1, "drain": 0}, "drain must be a number above 0"),
        ({"inflow": "lots", "drain": 0.5}, "inflow must be a number"),
        ({"inflow": math.nan, "drain": 0.5}, "inflow must be a number of at least 0; got nan"),
        ({"inflow": 1, "drain": 0.5, "start_level": 99}, "start_level must be a number from 0 to 16"),
    ],
)
def test_bad_input_gets_a_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fill_tub(**kwargs)
