"""The practice explorer in 00: a bathtub that settles where outflow matches inflow."""

from __future__ import annotations

from ..diagrams.bathtub import TubDrawing
from ..models.bathtub import fill_tub
from .kit import ExplorerSpec, Slider

DEFAULT_INFLOW = 4.0
DEFAULT_DRAIN = 0.5


def _model(params):
    # Every run starts from the level the tub had settled at with the starting settings.
    return fill_tub(params["inflow"], params["drain"], start_level=DEFAULT_INFLOW / DEFAULT_DRAIN)


def describe(params, run) -> str:
    start = f"Tap {params['inflow']:g}, drain {params['drain']:g}: "
    if run.overflows:
        return start + (
            f"the water rises from {run.start_level:.1f} to the brim ({run.capacity:g}) "
            "and spills over, because the drain cannot keep up with the tap."
        )
    if abs(run.steady_level - run.start_level) < 0.05:
        return start + f"the level stays at {run.start_level:.1f}, because water drains out as fast as it flows in."
    way = "rises" if run.steady_level > run.start_level else "falls"
    return start + (
        f"the level {way} from {run.start_level:.1f} and settles at {run.final_level:.1f}, "
        "where water drains out as fast as it flows in."
    )


SPEC = ExplorerSpec(
    key="bathtub",
    title="A bathtub that balances itself.",
    intro="Change the tap or the drain and watch where the level settles.",
    controls=(
        Slider("inflow", "Tap (water in per minute)", 0.0, 10.0, 0.5, DEFAULT_INFLOW,
               help="How fast water flows in, in toy units per minute"),
        Slider("drain", "Drain opening", 0.1, 1.0, 0.05, DEFAULT_DRAIN,
               help="How wide the drain is: a wider drain lets more water out at the same level"),
    ),
    model=_model,
    make_view=TubDrawing,
    describe=describe,
)
