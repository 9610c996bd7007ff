"""Chapter 01's explorer: the calcium bank (blood held steady, bone pays the difference)."""

from __future__ import annotations

import math

from ..diagrams.calcium_bank import BankDrawing, bone_words
from ..models.calcium_bank import BAND, run_bank
from .kit import ExplorerSpec, Slider


def _model(params):
    return run_bank(params["intake"], params["vitamin_d"], params["kidney"])


def _down(value: float) -> float:
    return math.floor(value * 100 + 1e-9) / 100


def _up(value: float) -> float:
    return math.ceil(value * 100 - 1e-9) / 100


def describe(params, run) -> str:
    start = f"Food calcium {params['intake']:g}, vitamin D {params['vitamin_d']:g}, kidneys {params['kidney']:g}: "
    absorbed = f"the gut absorbs {run.fraction_absorbed[-1] * 100:.0f}% of food calcium (usual: 25%)"
    after = run.blood[run.after]
    first, end = after[0], after[-1]
    # Lows are rounded down and highs up, so a value outside the band never reads as its edge.
    if after.min() < BAND[0]:
        blood = (f"blood calcium falls to {_down(after.min()):.2f}, below its normal band: "
                 "the shortfall is too big for the feedback to close")
    elif after.max() > BAND[1]:
        blood = f"blood calcium rises to {_up(after.max()):.2f}, above its normal band"
    elif f"{after.min():.2f}" == f"{after.max():.2f}" == "1.00":
        blood = "blood calcium stays at its set point of 1.00"
    else:
        moves = "dips" if first < 1 else "rises"
        if f"{first:.2f}" == f"{end:.2f}":
            blood = f"blood calcium {moves} to {end:.2f} and stays inside its normal band"
        else:
            blood = f"blood calcium {moves} to {first:.2f}, then settles at {end:.2f}, inside its normal band"
    extra = "; vitamin D above 1 adds nothing more here" if params["vitamin_d"] > 1 else ""
    return f"{start}{blood}; {bone_words(run)}; {absorbed}{extra}."


SPEC = ExplorerSpec(
    key="calcium_bank",
    title="The calcium bank.",
    intro="Change what comes in and watch blood calcium (left) and the bone bank (right) over 16 weeks.",
    controls=(
        Slider("intake", "Calcium in food (1 = usual)", 0.2, 2.0, 0.1, 1.0,
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
