"""The stiff-pipes toy model (chapter 03): Moens–Korteweg, stiffness, narrowing and pressure."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calcium_paradox.models import stiff_pipes
from calcium_paradox.models.stiff_pipes import (
    KINDS,
    MAX_NARROWING,
    MEAN_PRESSURE,
    STIFFENING_RANGE,
    pipe_state,
    pulse_wave_velocity,
    relative_flow,
)

extents = st.floats(0, 1)
some = st.floats(0.01, 1)  # strict "more than" needs an extent the slider can actually reach
constants = st.floats(*STIFFENING_RANGE)


def test_moens_korteweg_against_hand_computed_values():
    # E = 0.6 MPa, h = 0.82 mm, r = 4.5 mm, rho = 1060 kg/m³: 0.6e6 × 0.00082 = 492; 2 × 0.0045 × 1060 = 9.54;
    # 492 / 9.54 = 51.57; √51.57 = 7.181 m/s
    assert pulse_wave_velocity(0.6e6, 0.82e-3, 4.5e-3) == pytest.approx(7.181, abs=1e-3)
    # E = 1 MPa, h = 1 mm, r = 5 mm, rho = 1000: sqrt(1e6 × 0.001 / 10) = 10 m/s
    assert pulse_wave_velocity(1e6, 1e-3, 5e-3, rho=1000) == pytest.approx(10.0)
    # Doubling E raises the speed by √2.
    assert pulse_wave_velocity(2e6, 1e-3, 5e-3) / pulse_wave_velocity(1e6, 1e-3, 5e-3) == pytest.approx(math.sqrt(2))


@settings(deadline=None)  # a busy machine must not fail a property on time
@given(st.floats(1e3, 1e8), st.floats(1e3, 1e8))
def test_wave_speed_rises_with_stiffness(a, b):
    low, high = sorted((a, b))
    assert pulse_wave_velocity(high, 1e-3, 5e-3) >= pulse_wave_velocity(low, 1e-3, 5e-3)


def test_healthy_artery_has_a_typical_wave_speed_and_pulse():
    state = pipe_state("none")
    assert 6 < state.pwv < 8, "about 7 m/s, a healthy average"
    assert state.narrowing == 0 and state.pulse_pressure == pytest.approx(40, abs=0.5)


@settings(deadline=None)  # a busy machine must not fail a property on time
@given(st.sampled_from(KINDS), constants)
def test_no_calcium_gives_the_healthy_values_whatever_the_made_up_constants(kind, k):
    healthy = pipe_state("none")
    state = pipe_state(kind, 0.0, intimal_stiffening=k, medial_stiffening=k)
    assert state.channel_width == 1 and state.flow == 1 and state.stiffness_ratio == 1
    assert state.pwv == healthy.pwv and state.pulse_pressure == pytest.approx(healthy.pulse_pressure)


def test_relative_flow_against_hand_computed_values():
    # s = 0.1: open 1 → 1/(0.9 + 0.1) = 1; open 0.5 → 0.1/0.0625 = 1.6, 1/(0.9 + 1.6) = 0.4
    assert relative_flow(0.0) == pytest.approx(1.0)
    assert relative_flow(0.5) == pytest.approx(0.4)
    # a whole path that is all narrowed stretch: pure Poiseuille, flow ∝ r⁴
    assert relative_flow(0.5, segment_share=1.0) == pytest.approx(0.5**4)
    assert relative_flow(1.0) == 0.0


@settings(deadline=None)  # a busy machine must not fail a property on time
@given(st.floats(0, 1), st.floats(0, 1))
def test_a_narrower_channel_never_carries_more_flow(a, b):
    low, high = sorted((a, b))
    assert 0 <= relative_flow(high) <= relative_flow(low) <= 1


def test_flow_hardly_drops_at_first_then_falls_steeply():
    """The toy's path: a small narrowing costs little flow; a large one costs most of it."""
    assert relative_flow(0.2) > 0.85 and relative_flow(0.7) < 0.1
    assert (relative_flow(0.0) - relative_flow(0.2)) < (relative_flow(0.5) - relative_flow(0.7))


@settings(deadline=None)  # a busy machine must not fail a property on time
@given(some)
def test_the_trade_off_intimal_narrows_and_cuts_flow_medial_stiffens_with_the_channel_open(extent):
    intimal, medial = pipe_state("intimal", extent), pipe_state("medial", extent)
    assert intimal.channel_width < 1 and intimal.flow < 1
    assert medial.channel_width == 1 and medial.flow == 1
    assert medial.pulse_pressure > intimal.pulse_pressure


@settings(deadline=None)  # a busy machine must not fail a property on time
@given(some, constants)
def test_the_answer_to_which_stiffens_more_is_set_by_the_made_up_constants(extent, k):
    """With the intimal constant above, equal to or below the medial one, the winner follows the constants."""
    intimal = pipe_state("intimal", extent, intimal_stiffening=k)
    medial = pipe_state("medial", extent)
    if k > stiff_pipes.MEDIAL_STIFFENING:
        assert intimal.stiffness > medial.stiffness
    elif k == stiff_pipes.MEDIAL_STIFFENING:
        assert intimal.stiffness == pytest.approx(medial.stiffness)
    else:
        assert intimal.stiffness < medial.stiffness


@settings(deadline=None)  # a busy machine must not fail a property on time
@given(st.sampled_from(KINDS), extents, extents, constants)
def test_more_calcium_never_widens_the_channel_or_raises_the_flow(kind, a, b, k):
    low, high = sorted((a, b))
    lower, higher = pipe_state(kind, low, intimal_stiffening=k), pipe_state(kind, high, intimal_stiffening=k)
    assert higher.channel_width <= lower.channel_width and higher.flow <= lower.flow
    assert higher.stiffness >= lower.stiffness and higher.pulse_pressure >= lower.pulse_pressure - 1e-9


@settings(deadline=None)  # a busy machine must not fail a property on time
@given(st.sampled_from(KINDS), extents, constants, constants)
def test_a_larger_stiffening_constant_never_softens_the_wall(kind, extent, a, b):
    low, high = sorted((a, b))
    assert (pipe_state(kind, extent, intimal_stiffening=high).stiffness
            >= pipe_state(kind, extent, intimal_stiffening=low).stiffness)
    assert (pipe_state(kind, extent, medial_stiffening=high).stiffness
            >= pipe_state(kind, extent, medial_stiffening=low).stiffness)


@settings(deadline=None)  # a busy machine must not fail a property on time
@given(some)
def test_medial_calcium_stiffens_more_than_the_same_amount_of_intimal(extent):
    medial, intimal = pipe_state("medial", extent), pipe_state("intimal", extent)
    assert medial.stiffness >= intimal.stiffness
    assert medial.pwv >= intimal.pwv and medial.pulse_pressure >= intimal.pulse_pressure - 1e-9
    if extent > 0:
        assert medial.stiffness > intimal.stiffness


@settings(deadline=None)  # a busy machine must not fail a property on time
@given(some)
def test_only_intimal_plaque_narrows_the_channel(extent):
    assert pipe_state("medial", extent).narrowing == 0
    assert pipe_state("none", extent).narrowing == 0
    assert pipe_state("intimal", extent).narrowing == pipe_state("both", extent).narrowing
    if extent > 0:
        assert pipe_state("intimal", extent).narrowing > 0


@settings(deadline=None)  # a busy machine must not fail a property on time
@given(st.sampled_from(KINDS), extents, extents)
def test_more_calcium_never_softens_the_wall_or_slows_the_wave(kind, a, b):
    low, high = sorted((a, b))
    assert pipe_state(kind, high).stiffness >= pipe_state(kind, low).stiffness
    assert pipe_state(kind, high).pwv >= pipe_state(kind, low).pwv


@settings(deadline=None)  # a busy machine must not fail a property on time
@given(st.sampled_from(KINDS), extents, constants)
def test_outputs_are_finite_and_bounded_and_the_mean_pressure_stays_put(kind, extent, k):
    state = pipe_state(kind, extent, intimal_stiffening=k)
    values = [state.stiffness, state.pwv, state.narrowing, state.pulse_pressure, state.systolic, state.diastolic,
              state.flow]
    assert all(math.isfinite(v) for v in values) and np.all(np.isfinite(state.pressure))
    assert 0 <= state.narrowing <= MAX_NARROWING < 1 and 0 < state.channel_width <= 1 and 0 < state.flow <= 1
    assert 5 < state.pwv < 17 and 1 <= state.stiffness_ratio <= 5
    assert state.pressure.mean() == pytest.approx(MEAN_PRESSURE)
    assert state.diastolic < MEAN_PRESSURE < state.systolic


def test_a_stiffer_wall_widens_the_pulse_pressure_raising_the_top_and_lowering_the_bottom():
    soft, stiff = pipe_state("none"), pipe_state("medial", 1.0)
    assert stiff.pulse_pressure > soft.pulse_pressure
    assert stiff.systolic > soft.systolic and stiff.diastolic < soft.diastolic


def test_results_are_deterministic():
    assert np.array_equal(pipe_state("both", 0.3).pressure, pipe_state("both", 0.3).pressure)


@pytest.mark.parametrize("args,message", [
    (("plaque", 0.5), "kind must be one of none, intimal, medial, both"),
    (("medial", 1.5), "extent must be a number from 0 to 1"),
    (("medial", "lots"), "extent must be a number from 0 to 1"),
    (("medial", math.nan), "extent must be a number from 0 to 1"),
])
def test_bad_input_gets_a_clear_message(args, message):
    with pytest.raises(ValueError, match=message):
        pipe_state(*args)


def test_bad_constants_and_narrowing_get_a_clear_message():
    with pytest.raises(ValueError, match="intimal_stiffening must be a number of at least 0"):
        pipe_state("intimal", 0.5, intimal_stiffening=-1)
    with pytest.raises(ValueError, match="narrowing must be a number from 0 to 1"):
        relative_flow(1.5)


def test_bad_tube_values_get_a_clear_message():
    with pytest.raises(ValueError, match="r must be a number above 0"):
        pulse_wave_velocity(1e6, 1e-3, 0)


def test_the_explorer_opens_with_both_kinds_and_says_what_each_kind_does():
    from calcium_paradox.explorers import explore

    pipes = explore("stiff_pipes")
    opening = pipes.sentence
    assert opening.startswith("Both kinds, amount 0.5") and "65% as wide" in opening and "flow is 68%" in opening
    pipes.set_value("kind", "intimal")
    assert "65% as wide" in pipes.sentence and "pulse pressure widens to 45" in pipes.sentence
    pipes.set_value("kind", "medial")
    assert "100% as wide" in pipes.sentence and "2.0 times as stiff" in pipes.sentence
    pipes.set_value("intimal_stiffening", 2)
    pipes.set_value("kind", "intimal")
    assert "2.0 times as stiff" in pipes.sentence and "made-up stiffening constants: medial 2, intimal 2" in \
        pipes.sentence
    pipes.set_value("extent", 0)
    assert pipes.sentence.startswith("No calcium in the wall")
    assert "not one of the choices" in pipes.set_value("kind", "plaque")
    pipes.reset()
    assert pipes.sentence == opening
