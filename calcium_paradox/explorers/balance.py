"""Chapter 02's explorer: the balance (brakes and push on mineral in an artery wall, over the years)."""

from __future__ import annotations

from functools import cache

from ..diagrams.balance import BalanceDrawing
from ..models.balance import MGP_STRENGTH, RANGES, USUAL, VISIBLE, YEARS, run_balance
from .kit import ExplorerSpec, Slider


def _model(params):
    return run_balance(params["vitamin_k"], params["phosphate"], params["magnesium"], params["mgp_strength"])


@cache
def _usual():
    """The run at usual settings (the same every time, so computed once)."""
    return run_balance(**USUAL)


def describe(params, run) -> str:
    usual = _usual()
    start = (f"Phosphate {params['phosphate']:g}, vitamin K {params['vitamin_k']:g}, "
             f"magnesium {params['magnesium']:g}, made-up MGP strength {params['mgp_strength']:g}: ")
    balance = (f"{run.active_mgp * 100:.0f}% of MGP is switched on and the brakes start at {run.total_brakes:.1f} "
               f"against a push of {run.push:.1f}")
    overtake = (f"the push never overtakes the free brakes in {YEARS} years" if run.overtake_year is None
                else f"the push overtakes the free brakes in year {run.overtake_year:.1f}")
    reach = (f"mineral stays under {VISIBLE:.0%} of the wall for all {YEARS} years" if run.visible_year is None
             else f"mineral reaches {VISIBLE:.0%} of the wall in year {run.visible_year:.1f}")
    mineral = (f"{reach} and fills {run.final_mineral * 100:.0f}% after {YEARS} years "
               f"(usual settings {usual.final_mineral * 100:.0f}%)")
    return f"{start}{balance}; {overtake}; {mineral}."


SPEC = ExplorerSpec(
    key="balance",
    title="The balance.",
    intro=("It opens with phosphate a little above usual (1.2). Change the brakes and the push, and watch the "
           "brakes at the start (left), the brakes still free over the years (top right) and mineral in the wall "
           "(bottom right). The fourth control is a made-up constant: some of the model's answers depend on it."),
    controls=(
        Slider("phosphate", "Phosphate in blood (1 = usual)", *RANGES["phosphate"], 0.1, 1.2,
               help="The push on crystal growth; 3 is very high, as in advanced kidney disease (toy units)"),
        Slider("vitamin_k", "Vitamin K status (1 = usual)", *RANGES["vitamin_k"], 0.1, 1.0,
               help="How much vitamin K the body has to switch MGP on; 0 is like a warfarin-type drug (toy units)"),
        Slider("magnesium", "Magnesium (1 = usual)", *RANGES["magnesium"], 0.1, 1.0,
               help="A small brake on crystal growth, as seen in lab studies (toy units)"),
        Slider("mgp_strength", "Made-up constant: full-MGP brake strength", *RANGES["mgp_strength"], 0.1, MGP_STRENGTH,
               help=("A made-up number, not a measurement: how strong a brake MGP is when all of it is switched "
                     "on. The model's answer to 'can more vitamin K hold back a strong push?' depends on it.")),
    ),
    model=_model,
    make_view=BalanceDrawing,
    describe=describe,
)
