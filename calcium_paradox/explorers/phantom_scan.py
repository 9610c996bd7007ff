"""Chapter 04's explorer: the phantom scan (what a CT calcium score counts, and what it cannot see)."""

from __future__ import annotations

from functools import lru_cache

from ..diagrams.phantom import PhantomDrawing
from ..models.agatston import DENSITY_RANGE, MAX_AMOUNT_MM2, MAX_BLUR_MM, PhantomScan, phantom_scan
from .kit import Choice, ExplorerSpec, Slider

LAYER_NAMES = {"intima": "Intima (inner layer, plaque)", "media": "Media (muscle layer)"}


def _model(params) -> PhantomScan:
    """The scan at these settings (the same settings always give the same scan, so each is made once)."""
    return _scan(params["layer"], params["amount"], params["density"], params["blur"])


@lru_cache(maxsize=256)
def _scan(layer: str, amount: float, density: float, blur: float) -> PhantomScan:
    return phantom_scan(layer, amount, density, blur)


def describe(params, here: PhantomScan) -> str:
    """What is on screen now; it names no other layer, so the learner makes that comparison themselves."""
    score, phantom = here.score, here.phantom
    if phantom.amount_mm2 == 0:
        start = "No calcium is placed in the wall"
    else:
        start = (f"Calcium of {phantom.amount_mm2:.1f} mm² and density {phantom.density_hu:.0f} sits in the "
                 f"{phantom.layer}")
    scanned = ("seen with no blur" if here.blur_mm == 0 else f"scanned with {here.blur_mm:.1f} mm of blur")
    if score.counted:
        counted = (f"the score counts {score.counted_area_mm2:.2f} mm² of pixels at 130 or more, the brightest is "
                   f"{score.peak_hu:.0f}, and the toy score is {score.total:.1f}")
    else:
        counted = "no group of pixels at 130 or more is big enough to count, so the toy score is 0"
    if phantom.amount_mm2 == 0:
        return f"{start}; {scanned}, {counted}."
    return f"{start}, {scanned}: {counted}."


SPEC = ExplorerSpec(
    key="phantom_scan",
    title="The phantom scan (synthetic: not a real scan, not a diagnostic tool).",
    intro="Put calcium in the intima or the media, choose how much and how dense, and blur the picture "
          "like a scanner; watch what the score counts.",
    controls=(
        Choice("layer", "Layer with the calcium", tuple((name, key) for key, name in LAYER_NAMES.items()), "intima",
               help="Which wall layer the calcium sits in"),
        Slider("amount", "Amount of calcium (toy mm²)", 0.0, MAX_AMOUNT_MM2, 0.1, 0.6,
               help="The area of the calcium in this slice, in toy square millimetres"),
        Slider("density", "Calcium density (HU-like)", DENSITY_RANGE[0], DENSITY_RANGE[1], 100.0, 1000.0,
               help="How bright the calcium itself is before any blur, in HU-like toy units"),
        Slider("blur", "Scanner blur (toy mm)", 0.0, MAX_BLUR_MM, 0.1, 0.6,
               help="How much the scanner smears fine detail: 0 is a perfect picture"),
    ),
    model=_model,
    make_view=PhantomDrawing,
    describe=describe,
)
