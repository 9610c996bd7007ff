"""Chapter 03's explorer: stiff pipes (which kind of calcium stiffens the wall, and what that does)."""

from __future__ import annotations

from ..diagrams.artery import PipesDrawing
from ..models.stiff_pipes import pipe_state
from .kit import Choice, ExplorerSpec, Slider

KIND_NAMES = {"none": "No calcium", "intimal": "Intimal calcium (in a plaque)",
              "medial": "Medial calcium (in the muscle layer)", "both": "Both kinds"}


def _model(params):
    return pipe_state(params["kind"], params["extent"])


def describe(params, state) -> str:
    healthy = pipe_state("none")
    if state.intimal == 0 and state.medial == 0:
        return (f"No calcium in the wall: the channel is fully open, the pulse wave travels at {state.pwv:.1f} m/s "
                f"and the pulse pressure is {state.pulse_pressure:.0f}, as in a healthy, springy wall.")
    channel = (f"the plaque blocks {state.narrowing * 100:.0f}% of the channel's width" if state.narrowing > 0
               else "the channel stays fully open")
    return (f"{KIND_NAMES[state.kind]}, amount {state.extent:g}: {channel}; "
            f"the wall is {state.stiffness_ratio:.1f} times "
            f"as stiff as a healthy one, so the pulse wave travels at {state.pwv:.1f} m/s (healthy {healthy.pwv:.1f}) "
            f"and the pulse pressure widens to {state.pulse_pressure:.0f} (healthy {healthy.pulse_pressure:.0f}).")


SPEC = ExplorerSpec(
    key="stiff_pipes",
    title="Stiff pipes.",
    intro="Choose a kind of calcium and an amount; watch the artery (left) and one heartbeat's pressure (right).",
    controls=(
        Choice("kind", "Kind of calcium", tuple((name, key) for key, name in KIND_NAMES.items()), "intimal",
               help="Where the calcium sits: in a plaque in the inner layer, or in the muscle layer"),
        Slider("extent", "Amount of calcium (0 to 1)", 0.0, 1.0, 0.05, 0.5,
               help="How much of the wall holds calcium, in toy units (1 = as much as this toy allows)"),
    ),
    model=_model,
    make_view=PipesDrawing,
    describe=describe,
)
