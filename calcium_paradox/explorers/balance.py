"""Chapter 02's explorer: the balance (brakes and pushes on mineral growth in an artery wall)."""

from __future__ import annotations

from ..diagrams.balance import BalanceDrawing, verdict_words
from ..models.balance import USUAL, YEARS, run_balance
from .kit import ExplorerSpec, Slider


def _model(params):
    return run_balance(params["vitamin_k"], params["phosphate"], params["magnesium"], params["inflammation"])


def describe(params, run) -> str:
    usual = run_balance(**USUAL)
    start = (f"Vitamin K {params['vitamin_k']:g}, phosphate {params['phosphate']:g}, "
             f"magnesium {params['magnesium']:g}, inflammation {params['inflammation']:g}: ")
    mgp = f"{run.active_mgp * 100:.0f}% of MGP is switched on (usual {usual.active_mgp * 100:.0f}%)"
    mineral = f"mineral after {YEARS} toy years: {run.final_mineral:.1f} (usual settings {usual.final_mineral:.1f})"
    return f"{start}{mgp}; {verdict_words(run)}; {mineral}."


SPEC = ExplorerSpec(
    key="balance",
    title="The balance.",
    intro="Change the brakes and pushes; watch the balance (left) and mineral in the artery wall (right).",
    controls=(
        Slider("vitamin_k", "Vitamin K status (1 = usual)", 0.0, 2.0, 0.1, 1.0,
               help="How much vitamin K the body has to switch MGP on; 0 is like a warfarin-type drug (toy units)"),
        Slider("phosphate", "Phosphate in blood (1 = usual)", 0.5, 3.0, 0.1, 1.0,
               help="A push on crystal growth; 3 is very high, as in advanced kidney disease (toy units)"),
        Slider("magnesium", "Magnesium (1 = usual)", 0.2, 2.0, 0.1, 1.0,
               help="A small brake on crystal growth, as seen in lab studies (toy units)"),
        Slider("inflammation", "Inflammation (0 = none)", 0.0, 1.0, 0.1, 0.0,
               help="A push on crystal growth; 1 is strong, long-lasting inflammation (toy units)"),
    ),
    model=_model,
    make_view=BalanceDrawing,
    describe=describe,
)
