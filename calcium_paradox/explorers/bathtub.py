"""The practice explorer in 00: a bathtub that settles where outflow matches inflow."""

from __future__ import annotations

from ..diagrams.bathtub import TubDrawing
from ..models.bathtub import CAPACITY, fill_tub
from .kit import ExplorerSpec, Slider

DEFAULT_INFLOW = 4.0
DEFAULT_DRAIN = 0.5


def _model(params):
    return fill_tub(params["inflow"], params["drain"], start_level=params["start"])


def describe(params, run) -> str:
    start = (f"Tap {run.inflow:g}, drain {run.drain:g}, "
             + ("tub starts empty: " if run.start_level == 0 else f"tub starts at {run.start_level:g}: "))
    if run.overflows:
        reaches = (f"the water is at the brim ({run.capacity:g}) from the start" if run.brim_time == 0 else
                   f"the water reaches the brim ({run.capacity:g}) after {run.brim_time:.1f} minutes")
        return start + (
            f"{reaches} and spills over "
            f"at {run.spill[-1]:.1f} per minute, because even at the brim the drain lets out only "
            f"{run.outflow[-1]:.1f} per minute."
        )
    if run.settle_time == 0:
        return start + (f"the level stays at {run.start_level:.1f}, because the drain lets out "
                        f"{run.outflow[-1]:.1f} per minute, as much as flows in.")
    way = "rises" if run.steady_level > run.start_level else "falls"
    return start + (
        f"the level {way} from {run.start_level:.1f} and settles at {run.final_level:.1f} "
        f"(95% of the way after {run.settle_time:.1f} minutes), where the drain lets out "
        f"{run.outflow[-1]:.1f} per minute, as much as flows in."
    )


SPEC = ExplorerSpec(
    key="bathtub",
    title="A bathtub that balances itself.",
    intro=("Change the tap, the drain or the level the water starts at, and watch where the level settles "
           "and how fast. The drain's rule is made up: water out per minute = drain opening × water level. "
           f"The brim is at {CAPACITY:g}."),
    controls=(
        Slider("inflow", "Tap (water in per minute)", 0.0, 10.0, 0.5, DEFAULT_INFLOW,
               help="How fast water flows in, in toy units per minute"),
        Slider("drain", "Drain opening", 0.1, 1.0, 0.05, DEFAULT_DRAIN,
               help="Water out per minute = drain opening × water level (a made-up rule)"),
        Slider("start", "Starting level (0: empty)", 0.0, CAPACITY, 1.0, 0.0,
               help="How much water is in the tub when the run starts"),
    ),
    model=_model,
    make_view=TubDrawing,
    describe=describe,
)
