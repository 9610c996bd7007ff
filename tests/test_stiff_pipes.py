"""The stiff-pipes toy model (chapter 03): Moens–Korteweg, stiffness, narrowing and pressure."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from calcium_paradox.models.stiff_pipes import KINDS, MEAN_PRESSURE, pipe_state, pulse_wave_velocity

extents = st.floats(0, 1)
some = st.floats(0.01, 1)  # strict "more than" needs an extent the slider can actually reach


def test_moens_korteweg_against_hand_computed_values():
    # E = 0.6 MPa, h = 0.82 mm, r = 4.5 mm, rho = 1060 kg/m³: 0.6e6 × 0.00082 = 492; 2 × 0.0045 × 1060 = 9.54;
    # 492 / 9.54 = 51.57; √51.57 = 7.181 m/s
    assert pulse_wave_velocity(0.6e6, 0.82e-3, 4.5e-3) == pytest.approx(7.181, abs=1e-3)
    # E = 1 MPa, h = 1 mm, r = 5 mm, rho = 1000: sqrt(1e6 × 0.001 / 10) = 10 m/s
    assert pulse_wave_velocity(1e6, 1e-3, 5e-3, rho=1000) == pytest.approx(10.0)
    # Doubling E raises the speed by √2.
    assert pulse_wave_velocity(2e6, 1e-3, 5e-3) / pulse_wave_velocity(1e6, 1e-3, 5e-3) == pytest.approx(math.sqrt(2))


@given(st.floats(1e3, 1e8), st.floats(1e3, 1e8))
def test_wave_speed_rises_with_stiffness(a, b):
    low, high = sorted((a, b))
    assert pulse_wave_velocity(high, 1e-3, 5e-3) >= pulse_wave_velocity(low, 1e-3, 5e-3)


def test_healthy_artery_has_a_typical_wave_speed_and_pulse():
    state = pipe_state("none")
    assert 6 < state.pwv < 8, "about 7 m/s, a healthy average"
    assert state.narrowing == 0 and state.pulse_pressure == pytest.approx(40, abs=0.5)


@given(some)
def test_medial_calcium_stiffens_more_than_the_same_amount_of_intimal(extent):
    medial, intimal = pipe_state("medial", extent), pipe_state("intimal", extent)
    assert medial.stiffness >= intimal.stiffness
    assert medial.pwv >= intimal.pwv and medial.pulse_pressure >= intimal.pulse_pressure - 1e-9
    if extent > 0:
        assert medial.stiffness > intimal.stiffness


@given(some)
def test_only_intimal_plaque_narrows_the_channel(extent):
    assert pipe_state("medial", extent).narrowing == 0
    assert pipe_state("none", extent).narrowing == 0
    assert pipe_state("intimal", extent).narrowing == pipe_state("both", extent).narrowing
    if extent > 0:
        assert pipe_state("intimal", extent).narrowing > 0


@given(st.sampled_from(KINDS), extents, extents)
def test_more_calcium_never_softens_the_wall_or_slows_the_wave(kind, a, b):
    low, high = sorted((a, b))
    assert pipe_state(kind, high).stiffness >= pipe_state(kind, low).stiffness
    assert pipe_state(kind, high).pwv >= pipe_state(kind, low).pwv


@given(st.sampled_from(KINDS), extents)
def test_outputs_are_finite_and_bounded_and_the_mean_pressure_stays_put(kind, extent):
    state = pipe_state(kind, extent)
    values = [state.stiffness, state.pwv, state.narrowing, state.pulse_pressure, state.systolic, state.diastolic]
    assert all(math.isfinite(v) for v in values) and np.all(np.isfinite(state.pressure))
    assert 0 <= state.narrowing < 0.5 and 5 < state.pwv < 15 and 1 <= state.stiffness_ratio <= 3.5
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


def test_bad_tube_values_get_a_clear_message():
    with pytest.raises(ValueError, match="r must be a number above 0"):
        pulse_wave_velocity(1e6, 1e-3, 0)


def test_the_explorer_says_what_each_kind_does():
    from calcium_paradox.explorers import explore

    pipes = explore("stiff_pipes")
    assert "plaque blocks 22% of the channel's width" in pipes.sentence
    pipes.set_value("kind", "medial")
    assert "channel stays fully open" in pipes.sentence and "2.0 times as stiff" in pipes.sentence
    pipes.set_value("extent", 0)
    assert pipes.sentence.startswith("No calcium in the wall")
    assert "not one of the choices" in pipes.set_value("kind", "plaque")
