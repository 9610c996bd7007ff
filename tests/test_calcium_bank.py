"""The calcium-bank toy model (chapter 01): balance, feedback and its limits, for every setting."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calcium_paradox.explorers import explore
from calcium_paradox.explorers.calcium_bank import SPEC
from calcium_paradox.models.calcium_bank import BAND, run_bank

SLIDERS = {c.name: c for c in SPEC.controls}
intake = st.sampled_from(list(SLIDERS["intake"].values()))
vitamin_d = st.sampled_from(list(SLIDERS["vitamin_d"].values()))
kidney = st.sampled_from(list(SLIDERS["kidney"].values()))
FAST = settings(max_examples=40, deadline=None)


@FAST
@given(intake, vitamin_d, kidney)
def test_mass_balance_holds_every_day(i, d, k):
    run = run_bank(i, d, k)
    assert np.allclose(run.absorbed + run.stool, run.eaten), "intake = absorbed + stool"
    assert np.all(run.eaten[run.after] == i) and np.all(run.eaten[~run.after] == 1.0)
    assert np.allclose(run.absorbed, run.urine + run.net_bone, atol=1e-6), "absorbed = urine + net bone change"


@FAST
@given(intake, vitamin_d, kidney)
def test_outputs_are_finite_and_in_sensible_ranges(i, d, k):
    run = run_bank(i, d, k)
    for values in (run.blood, run.pth, run.calcitriol, run.absorbed, run.stool, run.urine, run.withdrawals):
        assert np.all(np.isfinite(values)) and np.all(values >= 0)
    assert np.all((run.fraction_absorbed > 0) & (run.fraction_absorbed < 1))


@FAST
@given(st.sampled_from([v for v in SLIDERS["intake"].values() if v >= 0.5]),
       st.sampled_from([v for v in SLIDERS["vitamin_d"].values() if v >= 0.5]),
       st.sampled_from([v for v in SLIDERS["kidney"].values() if v >= 0.5]))
def test_blood_calcium_stays_in_its_band_for_all_non_extreme_settings(i, d, k):
    run = run_bank(i, d, k)
    assert run.in_band, (i, d, k, run.lowest_blood, run.highest_blood)


def test_extreme_settings_can_leave_the_band():
    run = run_bank(0.2, 0.2, 0.2)
    assert not run.in_band and run.lowest_blood < BAND[0]


@FAST
@given(intake, intake, vitamin_d, kidney)
def test_lower_intake_never_gives_less_bone_withdrawal(a, b, d, k):
    low, high = sorted((a, b))
    assert np.all(run_bank(low, d, k).withdrawals >= run_bank(high, d, k).withdrawals - 1e-9)


@FAST
@given(intake, vitamin_d, vitamin_d, kidney)
def test_more_vitamin_d_never_lowers_the_share_absorbed(i, a, b, k):
    low, high = sorted((a, b))
    assert np.all(run_bank(i, high, k).fraction_absorbed >= run_bank(i, low, k).fraction_absorbed - 1e-12)


def test_halving_intake_keeps_blood_in_band_while_bone_and_absorption_adapt():
    usual, half = run_bank(1.0), run_bank(0.5)
    assert half.in_band and half.final_blood < usual.final_blood
    assert half.bone_change < 0 and half.withdrawals[-1] > usual.withdrawals[-1]
    assert half.fraction_absorbed[-1] > usual.fraction_absorbed[-1], "the gut adapts by absorbing a bigger share"
    assert math.isclose(usual.fraction_absorbed[-1], 0.25, abs_tol=1e-6), "adults absorb about a quarter"


def test_the_correction_takes_time():
    run = run_bank(0.5)
    before, first = run.blood[~run.after][-1], run.blood[run.after][0]
    assert before == pytest.approx(1.0) and first < before, "blood calcium dips when intake falls"
    assert first < run.blood[-1] < before, "then feedback brings it part of the way back, over days"
    assert run.fraction_absorbed[run.after][0] < run.fraction_absorbed[-1]


def test_vitamin_d_beyond_enough_adds_nothing():
    assert np.array_equal(run_bank(1.0, 1.0).blood, run_bank(1.0, 1.5).blood)


def test_results_are_deterministic():
    assert np.array_equal(run_bank(0.7, 0.8, 0.9).blood, run_bank(0.7, 0.8, 0.9).blood)


@pytest.mark.parametrize("args,message", [
    ((-1, 1, 1), "intake must be a number from 0 to 5 \\(toy units\\)"),
    ((1, "lots", 1), "vitamin_d must be a number"),
    ((1, 1, math.inf), "kidney must be a number from 0.05 to 1.5"),
    ((1, 1, 0), "kidney must be a number from 0.05 to 1.5"),
])
def test_bad_input_gets_a_clear_message(args, message):
    with pytest.raises(ValueError, match=message):
        run_bank(*args)


def test_the_state_sentence_says_when_blood_leaves_its_band():
    bank = explore("calcium_bank")
    assert "set point of 1.00" in bank.sentence and "bone about even" in bank.sentence
    bank.set_value("intake", 0.5)
    assert ("dips to 0.95, then settles at 0.96, inside its normal band" in bank.sentence
            and "bone lost" in bank.sentence)
    for name in ("intake", "vitamin_d", "kidney"):
        bank.set_value(name, 0.2)
    assert "below its normal band" in bank.sentence and "too big for the feedback" in bank.sentence
    bank.reset()
    bank.set_value("vitamin_d", 1.5)
    assert "vitamin D above 1 adds nothing more here" in bank.sentence


def test_the_exit_question_quotes_the_share_the_explorer_shows():
    from calcium_paradox.questions import load_bank

    bank = explore("calcium_bank")
    bank.set_value("intake", 0.5)
    shown = bank.sentence.split("the gut absorbs ")[1].split(" ")[0]
    assert f"absorbs {shown} instead of 25%" in load_bank()["N01-E3"].prompt
