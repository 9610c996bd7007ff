"""The bathtub toy model: balance, bounds and clear errors."""

import math

import numpy as np
import pytest
from hypothesis import example, given
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


# ----- the flows and the settling time (issue 18) ---------------------------------------------------
starts = st.floats(0, CAPACITY)


@given(inflows, drains, starts)
def test_water_in_equals_water_out_plus_spill_plus_the_change_in_level(inflow, drain, start):
    """Mass balance: tap = drain + spill + rise of the level, at every moment of the run."""
    run = fill_tub(inflow, drain, start_level=start, points=4001)
    rate = np.gradient(run.level, run.time)
    ok = np.ones_like(run.time, dtype=bool)
    if run.brim_time is not None:  # the level has a corner where it meets the brim
        ok = np.abs(run.time - run.brim_time) > 0.05
    ok[:3] = ok[-3:] = False
    balance = inflow - run.outflow - run.spill - rate
    assert np.allclose(balance[ok], 0, atol=2e-2 * (1 + inflow))


@given(inflows, drains, starts)
def test_flows_are_never_negative_and_spill_only_at_the_brim(inflow, drain, start):
    run = fill_tub(inflow, drain, start_level=start)
    assert np.all(run.outflow >= 0) and np.all(run.spill >= 0)
    assert np.all(run.outflow <= drain * CAPACITY + 1e-9)
    assert np.all(run.spill[run.level < CAPACITY] == 0)
    if not run.overflows:
        assert not np.any(run.spill > 0)


@given(inflows, drains, starts, st.floats(0, 10), starts)
def test_settling_time_depends_on_the_drain_only(inflow, drain, start, other_inflow, other_start):
    a = fill_tub(inflow, drain, start_level=start)
    b = fill_tub(other_inflow, drain, start_level=other_start)
    if a.settle_time and b.settle_time:
        assert a.settle_time == pytest.approx(b.settle_time)


@given(drains, drains)
def test_a_wider_drain_settles_sooner(drain, other):
    low, high = sorted((drain, other))
    slow, fast = fill_tub(1, low, start_level=0), fill_tub(1, high, start_level=0)
    assert fast.settle_time <= slow.settle_time + 1e-12


@given(inflows, drains, starts)
def test_settling_time_is_when_the_level_has_closed_95_percent_of_its_gap(inflow, drain, start):
    run = fill_tub(inflow, drain, start_level=start, minutes=200, points=20001)
    if run.settle_time in (None, 0.0):
        return
    gap = np.abs(run.steady_level - run.level) / abs(run.steady_level - run.start_level)
    first = run.time[np.argmax(gap <= 0.05 + 1e-9)]
    assert first == pytest.approx(run.settle_time, abs=0.02)


@given(st.floats(0, 10), drains, starts)
@example(0.0, 1.0, CAPACITY)  # starts at the brim and falls: never "reaches" it
@example(10.0, 0.5, 8.0)
def test_brim_time_is_when_the_level_first_reaches_the_brim(inflow, drain, start):
    run = fill_tub(inflow, drain, start_level=start, minutes=200, points=20001)
    if run.brim_time is None:
        # It may start at the brim and fall from there, but it never climbs to the brim.
        assert run.level[1:].max() < CAPACITY or run.steady_level == pytest.approx(CAPACITY)
        return
    first = run.time[np.argmax(run.level >= CAPACITY)]
    assert first == pytest.approx(run.brim_time, abs=0.02)
    assert run.settle_time is None
