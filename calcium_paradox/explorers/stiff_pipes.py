"""Chapter 03's explorer: stiff pipes (what each kind of calcium does to the channel, the flow and the pulse)."""

from __future__ import annotations

from ..diagrams.artery import PipesDrawing
from ..models.stiff_pipes import INTIMAL_STIFFENING, STIFFENING_RANGE, pipe_state
from .kit import Choice, ExplorerSpec, Slider

KIND_NAMES = {"none": "No calcium", "intimal": "Intimal calcium (in a plaque)",
              "medial": "Medial calcium (in the muscle layer)", "both": "Both kinds"}


def _model(params):
    return pipe_state(params["kind"], params["extent"], intimal_stiffening=params["intimal_stiffening"])


def describe(params, state) -> str:
    healthy = pipe_state("none")
    constants = (f"made-up stiffening constants: medial {state.medial_stiffening:g}, "
                 f"intimal {state.intimal_stiffening:g}")
    if state.intimal == 0 and state.medial == 0:
        return (f"No calcium in the wall: the channel is fully open, the toy blood flow is 100% of healthy, "
                f"the pulse wave travels at {state.pwv:.1f} m/s and the pulse pressure is "
                f"{state.pulse_pressure:.0f}, as in a healthy, springy wall.")
    pulse = ("widens to" if state.pulse_pressure > healthy.pulse_pressure + 0.5 else "stays at")
    return (f"{KIND_NAMES[state.kind]}, amount {state.extent:g}: the channel is {state.channel_width * 100:.0f}% "
            f"as wide as a healthy one and the toy blood flow is {state.flow * 100:.0f}% of healthy; "
            f"the wall is {state.stiffness_ratio:.1f} times as stiff as a healthy one ({constants}), "
            f"so the pulse wave travels at {state.pwv:.1f} m/s (healthy {healthy.pwv:.1f}) "
            f"and the pulse pressure {pulse} {state.pulse_pressure:.0f} (healthy {healthy.pulse_pressure:.0f}).")


SPEC = ExplorerSpec(
    key="stiff_pipes",
    title="Stiff pipes.",
    intro=("It opens with both kinds of calcium in one artery. Change the kind and the amount, and watch the "
           "artery (left), one heartbeat's pressure (middle) and four readouts compared with a healthy wall "
           "(right). The third control is a made-up constant: the model's answer to “which kind stiffens more?” "
           "depends on it."),
    controls=(
        Choice("kind", "Kind of calcium", tuple((name, key) for key, name in KIND_NAMES.items()), "both",
               help="Where the calcium sits: in a plaque in the inner layer, or in the muscle layer"),
        Slider("extent", "Amount of calcium (0 to 1)", 0.0, 1.0, 0.05, 0.5,
               help="How much of the wall holds calcium, in toy units (1 = as much as this toy allows)"),
        Slider("intimal_stiffening", "Made-up constant: stiffening by intimal calcium", *STIFFENING_RANGE, 0.1,
               INTIMAL_STIFFENING,
               help=("A made-up number, not a measurement: how much full intimal calcium stiffens the wall. "
                     "Medial calcium's is fixed at 2. The model's answer depends on it.")),
    ),
    model=_model,
    make_view=PipesDrawing,
    describe=describe,
)
