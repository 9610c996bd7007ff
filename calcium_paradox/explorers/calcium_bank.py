"""Chapter 01's explorer: the calcium bank (blood held steady, hormones do the work, bone pays)."""

from __future__ import annotations

import math

from ..diagrams.calcium_bank import BankDrawing, bone_words
from ..models.calcium_bank import BAND, MAX_ABSORBED, URINE_USUAL, run_bank
from .kit import ExplorerSpec, Slider


def _model(params):
    return run_bank(params["intake"], params["vitamin_d"], params["kidney"])


def _down(value: float) -> float:
    return math.floor(value * 100 + 1e-9) / 100


def _up(value: float) -> float:
    return math.ceil(value * 100 - 1e-9) / 100


def blood_words(run) -> str:
    """What blood calcium does after the change, from the model's daily values."""
    after = run.blood[run.after]
    low, high, end = after.min(), after.max(), after[-1]
    # Lows are rounded down and highs up, so a value outside the band never reads as its edge.
    if low < BAND[0]:
        return (f"blood calcium falls to {_down(low):.2f}, below its normal band: "
                "the shortfall is too big for the feedback to close")
    if high > BAND[1]:
        return f"blood calcium rises to {_up(high):.2f}, above its normal band"
    if f"{low:.2f}" == f"{high:.2f}" == "1.00":
        return "blood calcium stays at its set point of 1.00"
    moves, extreme = ("dips", low) if 1 - low >= high - 1 else ("rises", high)
    if f"{extreme:.2f}" == f"{end:.2f}":
        return f"blood calcium {moves} to {end:.2f} and stays inside its normal band"
    return f"blood calcium {moves} to {extreme:.2f}, then settles at {end:.2f}, inside its normal band"


def hormone_words(run) -> str:
    """What PTH and calcitriol do after the change (1 = usual), from the model's daily values."""
    pth, calcitriol = run.pth[run.after], run.calcitriol[run.after]
    if f"{pth.min():.1f}" == f"{pth.max():.1f}" == f"{calcitriol.min():.1f}" == f"{calcitriol.max():.1f}" == "1.0":
        return "PTH and calcitriol stay at their usual level of 1"
    up = pth[-1] >= 1
    extreme = pth.max() if up else pth.min()
    words = f"PTH {'rises' if up else 'falls'} to {extreme:.1f}"
    if f"{extreme:.1f}" != f"{pth[-1]:.1f}":
        words += f", then settles at {pth[-1]:.1f}"
    moves = "climbs" if calcitriol[-1] >= calcitriol[0] else "drops"
    return (f"{words}; calcitriol {moves} to {calcitriol[-1]:.1f} (1 = usual), "
            f"most of the way within {run.catch_up_day} days")


def describe(params, run) -> str:
    start = f"Food calcium {params['intake']:g}, vitamin D {params['vitamin_d']:g}, kidneys {params['kidney']:g}: "
    absorbed = (f"the gut absorbs {run.fraction_absorbed[-1] * 100:.0f}% of food calcium "
                f"(usual: 25%; made-up top: {MAX_ABSORBED * 100:.0f}%)")
    bone = bone_words(run)
    if run.bone_capped:
        bone += (" (the toy's adult bone stores no extra, a made-up limit), "
                 f"and urine carries {run.urine[-1]:.2f} a day instead of {URINE_USUAL:g}")
    extra = "; vitamin D above 1 adds nothing more here" if params["vitamin_d"] > 1 else ""
    return f"{start}{blood_words(run)}; {hormone_words(run)}; {absorbed}; {bone}{extra}."


SPEC = ExplorerSpec(
    key="calcium_bank",
    title="The calcium bank.",
    intro=("It opens with food calcium halved. Left: blood calcium and the two hormones, day by day, "
           "for the first 3 weeks. Right: the bone store over 16 weeks. The made-up limits are labelled."),
    controls=(
        Slider("intake", "Calcium in food (1 = usual)", 0.2, 2.0, 0.1, 0.5,
               help="How much calcium is eaten each day, compared with a usual diet (toy units)"),
        Slider("vitamin_d", "Vitamin D status (1 = enough)", 0.2, 1.5, 0.1, 1.0,
               help="How much vitamin D the body has to make its active form from (toy units)"),
        Slider("kidney", "Kidney function (1 = healthy)", 0.2, 1.0, 0.1, 1.0,
               help="How well the kidneys make active vitamin D (toy units)"),
    ),
    model=_model,
    make_view=BankDrawing,
    describe=describe,
)
