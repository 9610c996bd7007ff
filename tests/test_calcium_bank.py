"""The calcium-bank toy model (chapter 01): balance, feedback and its limits, for every setting.

Bounds are checked over every state the explorer's sliders can reach (2,394 runs, cached by the
model); monotonicity and mass balance over sampled states.
"""

import itertools
import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calcium_paradox.diagrams.calcium_bank import BONE_LIMITS, FIRST_DAYS, HORMONE_LIMITS, readout_text
from calcium_paradox.explorers import explore
from calcium_paradox.explorers.calcium_bank import SPEC
from calcium_paradox.models import calcium_bank as bank
from calcium_paradox.models.calcium_bank import BAND, run_bank

SLIDERS = {c.name: c for c in SPEC.controls}
VALUES = {name: [float(v) for v in c.values()] for name, c in SLIDERS.items()}
intake = st.sampled_from(VALUES["intake"])
vitamin_d = st.sampled_from(VALUES["vitamin_d"])
kidney = st.sampled_from(VALUES["kidney"])
FAST = settings(max_examples=40, deadline=None)
EPS = 1e-9


def every_state():
    return itertools.product(VALUES["intake"], VALUES["vitamin_d"], VALUES["kidney"])


# ----- bounds, over the whole slider grid -------------------------------------------------------------

def test_every_state_stays_within_the_stated_ranges_and_inside_the_pictures_axes():
    for i, d, k in every_state():
        run = run_bank(i, d, k)
        state = (i, d, k)
        assert np.all((run.pth >= bank.PTH_RANGE[0] - EPS) & (run.pth <= bank.PTH_RANGE[1] + EPS)), state
        # Drawn on 0 to 4 with the legend above 3: no setting may take a hormone under it.
        assert np.all((run.pth > 0) & (run.pth < 3.0)) and np.all((run.calcitriol > 0) & (run.calcitriol < 3.0)), state
        assert HORMONE_LIMITS[1] > 3.0
        assert np.all((run.blood > 0.85) & (run.blood < 1.15)), state  # the blood panel shows 0.84 to 1.16
        share = run.fraction_absorbed
        assert np.all((share >= bank.BASE_ABSORBED) & (share <= bank.MAX_ABSORBED)), state
        days = int(run.after.sum())
        lowest = -(bank.PTH_RANGE[1] * bank.WITHDRAWAL_PER_PTH - bank.DEPOSITS) * days  # PTH at its cap all along
        assert lowest <= run.bone_change <= bank.BONE_GAIN_CEILING * days + EPS, state
        assert BONE_LIMITS[0] < run.bone_store.min() and run.bone_store.max() < BONE_LIMITS[1], state
        assert np.all(run.net_bone <= bank.BONE_GAIN_CEILING + EPS), "adult bone never stores extra"
        # The dip and the recovery (calcitriol catching up) fall inside the days the left panels show.
        assert run.catch_up_day <= FIRST_DAYS[1], state


@FAST
@given(intake, vitamin_d, kidney)
def test_outputs_are_finite_and_not_negative(i, d, k):
    run = run_bank(i, d, k)
    for values in (run.blood, run.pth, run.calcitriol, run.absorbed, run.stool, run.urine, run.deposits,
                   run.withdrawals):
        assert np.all(np.isfinite(values)) and np.all(values >= 0)


# ----- mass balance -----------------------------------------------------------------------------------

@FAST
@given(intake, vitamin_d, kidney)
def test_mass_balance_holds_every_day_and_the_bone_store_adds_up_the_flows(i, d, k):
    run = run_bank(i, d, k)
    assert np.allclose(run.absorbed + run.stool, run.eaten, atol=1e-12), "intake = absorbed + stool"
    assert np.all(run.eaten[run.after] == i) and np.all(run.eaten[~run.after] == 1.0)
    assert np.allclose(run.absorbed, run.urine + run.net_bone, atol=1e-8), "absorbed = urine + net bone change"
    # The bone store's change is the running total of what the gut brought in minus what urine took out.
    into_bone = np.where(run.after, run.absorbed - run.urine, 0.0)
    assert np.allclose(run.bone_store, np.cumsum(into_bone), atol=1e-6)
    assert np.allclose(np.diff(run.bone_store), np.where(run.after, run.net_bone, 0.0)[1:], atol=1e-12)
    assert run.bone_store[~run.after].max(initial=0) == 0 == run.bone_store[~run.after].min(initial=0)


# ----- monotonicity -----------------------------------------------------------------------------------

@FAST
@given(intake, intake, vitamin_d, kidney)
def test_less_food_calcium_never_lowers_pth_or_raises_blood_calcium_or_the_bone_store(a, b, d, k):
    low, high = sorted((a, b))
    less, more = run_bank(low, d, k), run_bank(high, d, k)
    assert np.all(less.pth >= more.pth - EPS)
    assert np.all(less.withdrawals >= more.withdrawals - EPS)
    assert np.all(less.blood <= more.blood + EPS)
    assert np.all(less.bone_store <= more.bone_store + 1e-6)


@FAST
@given(intake, vitamin_d, kidney, kidney)
def test_weaker_kidneys_never_make_more_calcitriol_or_absorb_a_bigger_share(i, d, a, b):
    low, high = sorted((a, b))
    weak, strong = run_bank(i, d, low), run_bank(i, d, high)
    assert np.all(weak.calcitriol <= strong.calcitriol + EPS)
    assert np.all(weak.fraction_absorbed <= strong.fraction_absorbed + EPS)
    assert np.all(weak.pth >= strong.pth - EPS), "less calcitriol, lower blood calcium, more PTH"


@FAST
@given(intake, vitamin_d, vitamin_d, kidney)
def test_less_vitamin_d_never_makes_more_calcitriol_or_absorbs_a_bigger_share(i, a, b, k):
    low, high = sorted((a, b))
    assert np.all(run_bank(i, low, k).calcitriol <= run_bank(i, high, k).calcitriol + EPS)
    assert np.all(run_bank(i, low, k).fraction_absorbed <= run_bank(i, high, k).fraction_absorbed + EPS)


# ----- the story the chapter tells ----------------------------------------------------------------------

@FAST
@given(st.sampled_from([v for v in VALUES["intake"] if v >= 0.5]),
       st.sampled_from([v for v in VALUES["vitamin_d"] if v >= 0.5]),
       st.sampled_from([v for v in VALUES["kidney"] if v >= 0.5]))
def test_blood_calcium_stays_in_its_band_for_all_non_extreme_settings(i, d, k):
    run = run_bank(i, d, k)
    assert run.in_band, (i, d, k, run.lowest_blood, run.highest_blood)


def test_extreme_settings_can_leave_the_band():
    run = run_bank(0.2, 0.2, 0.2)
    assert not run.in_band and run.lowest_blood < BAND[0]


def test_halving_intake_keeps_blood_in_band_while_hormones_bone_and_absorption_adapt():
    usual, half = run_bank(1.0), run_bank(0.5)
    assert np.allclose(usual.pth, 1) and np.allclose(usual.calcitriol, 1) and usual.bone_change == 0
    assert half.in_band and half.final_blood < usual.final_blood
    assert half.pth[-1] > 1 and half.calcitriol[-1] > 1
    assert half.bone_change < 0 and half.withdrawals[-1] > usual.withdrawals[-1]
    assert half.fraction_absorbed[-1] > usual.fraction_absorbed[-1], "the gut adapts by absorbing a bigger share"
    assert math.isclose(usual.fraction_absorbed[-1], 0.25, abs_tol=1e-6), "adults absorb about a quarter"


def test_the_correction_takes_days_pth_first_then_calcitriol():
    run = run_bank(0.5)
    day0 = int(np.argmax(run.after))
    before, first = run.blood[day0 - 1], run.blood[day0]
    assert before == pytest.approx(1.0) and first < before, "blood calcium dips when intake falls"
    assert first < run.blood[-1] < before, "then feedback brings it part of the way back, over days"
    assert run.pth[day0] > 1.3, "PTH reacts the same day"
    assert run.calcitriol[day0] == pytest.approx(1.0), "calcitriol has not moved yet on the day of the change"
    assert 3 <= run.catch_up_day <= 14, "calcitriol takes days, not hours or months, to catch up"


def test_double_intake_builds_no_bone_the_extra_leaves_in_urine():
    usual, double = run_bank(1.0), run_bank(2.0)
    assert double.bone_change == pytest.approx(0.0, abs=1e-9) and double.bone_capped
    assert double.urine[-1] > usual.urine[-1] * 1.3
    assert double.fraction_absorbed[-1] < usual.fraction_absorbed[-1]
    assert double.in_band and double.pth[-1] < 1 and double.calcitriol[-1] < 1


def test_vitamin_d_beyond_enough_adds_nothing():
    assert np.array_equal(run_bank(1.0, 1.0).blood, run_bank(1.0, 1.5).blood)


def test_results_are_deterministic_and_cached_runs_cannot_be_changed():
    first = run_bank(0.7, 0.8, 0.9)
    assert np.array_equal(first.blood, run_bank(0.7, 0.8, 0.9).blood)
    with pytest.raises(ValueError):
        first.blood[0] = 0.0


def test_the_settle_step_balances_each_day_to_rounding():
    for absorbed in np.linspace(0.02, 0.8, 40):
        blood = bank._settle(float(absorbed))
        assert abs(bank._leaves_blood(blood) - absorbed) < 1e-12


@pytest.mark.parametrize("args,message", [
    ((-1, 1, 1), "intake must be a number from 0 to 5 \\(toy units\\)"),
    ((1, "lots", 1), "vitamin_d must be a number"),
    ((1, 1, math.inf), "kidney must be a number from 0.05 to 1.5"),
    ((1, 1, 0), "kidney must be a number from 0.05 to 1.5"),
])
def test_bad_input_gets_a_clear_message(args, message):
    with pytest.raises(ValueError, match=message):
        run_bank(*args)


# ----- the explorer: opening state, sentence and readout come from the model -------------------------

def test_the_explorer_opens_where_something_happens():
    run = SPEC.model(SPEC.defaults)
    assert SPEC.defaults["intake"] != 1.0
    assert run.pth.max() > 1.2 and run.calcitriol[-1] > 1.5 and run.bone_change < -1
    assert run.blood[run.after].min() < run.blood[-1], "a dip, then a recovery, on the opening screen"


def test_the_state_sentence_follows_the_model():
    explorer = explore("calcium_bank")
    assert ("dips to 0.95, then settles at 0.96, inside its normal band" in explorer.sentence
            and "PTH rises to 1.4, then settles at 1.3" in explorer.sentence
            and "calcitriol climbs to 1.8 (1 = usual), most of the way within 7 days" in explorer.sentence
            and "bone store lost 3.9 units over 16 weeks" in explorer.sentence)
    explorer.set_value("intake", 1.0)
    assert "set point of 1.00" in explorer.sentence and "stay at their usual level" in explorer.sentence
    assert "bone store about even" in explorer.sentence
    explorer.set_value("intake", 2.0)
    assert "bone store about even" in explorer.sentence and "stores no extra, a made-up limit" in explorer.sentence
    assert "urine carries 0.37 a day instead of 0.25" in explorer.sentence and "gained" not in explorer.sentence
    explorer.set_value("intake", 1.0)
    explorer.set_value("kidney", 0.2)
    assert "blood calcium dips to 0.97" in explorer.sentence and "calcitriol drops to 0.3" in explorer.sentence
    for name in ("intake", "vitamin_d", "kidney"):
        explorer.set_value(name, 0.2)
    assert "below its normal band" in explorer.sentence and "too big for the feedback" in explorer.sentence
    explorer.reset()
    explorer.set_value("vitamin_d", 1.5)
    assert "vitamin D above 1 adds nothing more here" in explorer.sentence


def test_every_number_in_the_sentence_and_the_readout_is_one_the_model_computes():
    explorer = explore("calcium_bank")
    for i, d, k in [(0.5, 1.0, 1.0), (2.0, 1.0, 1.0), (0.2, 0.2, 0.2), (1.0, 1.0, 0.4), (0.8, 1.5, 0.6)]:
        for name, value in zip(("intake", "vitamin_d", "kidney"), (i, d, k), strict=True):
            explorer.set_value(name, value)
        run = explorer.result
        after = run.after
        computed = {f"{x:.2f}" for x in run.blood[after]} | {f"{x:.1f}" for x in np.r_[run.pth[after],
                    run.calcitriol[after]]} | {f"{run.fraction_absorbed[-1] * 100:.0f}", f"{run.urine[-1]:.2f}",
                    f"{abs(run.bone_change):.1f}", str(run.catch_up_day), f"{i:g}", f"{d:g}", f"{k:g}"}
        stated = {"25", "40", "0.25", "1", "16", "1.00"}  # usual values, the made-up top, the weeks shown
        rounded = {f"{math.floor(run.lowest_blood * 100) / 100:.2f}"}
        for number in re.findall(r"\d+(?:\.\d+)?", explorer.sentence):
            assert number in computed | stated | rounded, (number, explorer.sentence)
        shown = readout_text(run).replace("\u2212", "-").split("\n")
        assert shown == [f"{run.fraction_absorbed[-1] * 100:.0f}%", "", f"{run.urine[-1]:.2f}",
                         f"{run.bone_change:+.1f}"]


def test_the_exit_question_quotes_the_share_the_explorer_shows():
    from calcium_paradox.questions import load_bank

    explorer = explore("calcium_bank")
    explorer.set_value("intake", 0.5)
    shown = explorer.sentence.split("the gut absorbs ")[1].split(" ")[0]
    assert f"absorbs {shown} instead of 25%" in load_bank()["N01-E3"].prompt
