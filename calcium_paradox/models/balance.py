"""The balance: a toy model of brakes and pushes on mineral growth in an artery wall.

Blood and tissue fluid carry enough calcium and phosphate to form crystals, yet
soft tissues normally stay soft, because the body keeps making **inhibitors**
(brakes). Calcification starts when **promoters** (pushes) outweigh them. This
toy puts that idea into a few lines; everything is in toy, relative units
(1 = usual), and nothing here is a dose, a lab value or a prediction for anyone.

The equations:

- **Active MGP.** Vitamin K is the helper of the enzyme that switches matrix Gla
  protein (MGP) on. The switched-on share saturates: with vitamin K status
  ``k``, ``active_mgp = k / (k + K_HALF)``. At the usual status (k = 1) most
  MGP is already on (80%), so doubling k adds less than a tenth (to 89%);
  with no vitamin K (k = 0, as when a warfarin-type drug blocks its recycling)
  no MGP is switched on.
- **Brakes** = ``MGP_WEIGHT * active_mgp + MAGNESIUM_WEIGHT * magnesium + OTHER_BRAKES``.
  ``OTHER_BRAKES`` stands for fetuin-A and pyrophosphate, held fixed here.
- **Pushes** = ``PHOSPHATE_WEIGHT * phosphate + CALCIUM_LOAD + INFLAMMATION_WEIGHT * inflammation``.
- **Net push** = pushes − brakes.
- **Build-up rate** = ``SOFTNESS * log(1 + exp(net / SOFTNESS))`` (a "softplus"):
  close to zero while the brakes win, close to the net push once the pushes win,
  and smooth in between (so there is a tipping zone, not a cliff).
- **Mineral** after ``t`` toy years = rate × t. Nothing in the toy removes
  mineral once it is there: brakes slow new growth, they do not dissolve it.

Each brake has a ceiling (MGP cannot be more than 100% switched on), so no
single brake can cancel a strong enough push. That is the point of the toy, and
it is built in by design; it illustrates an idea and proves nothing about people.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .inputs import number

K_HALF = 0.25  #: vitamin K status at which half of MGP is switched on (toy)
MGP_WEIGHT = 1.5  #: brake strength of fully switched-on MGP (toy units)
MAGNESIUM_WEIGHT = 0.4  #: brake strength per unit of magnesium (toy units)
OTHER_BRAKES = 0.9  #: fetuin-A and pyrophosphate together, held fixed (toy units)
PHOSPHATE_WEIGHT = 1.0  #: push per unit of phosphate (toy units)
CALCIUM_LOAD = 1.0  #: the usual push from calcium, held fixed (toy units)
INFLAMMATION_WEIGHT = 1.2  #: push at the strongest inflammation (toy units)
SOFTNESS = 0.15  #: width of the tipping zone (toy units)
YEARS = 10  #: how long each run lasts, toy years
TIPPING = 0.2  #: |net push| below this counts as "near the tipping point"

#: The range of each control, as the explorer offers it; values outside are refused.
RANGES: dict[str, tuple[float, float]] = {
    "vitamin_k": (0.0, 2.0),
    "phosphate": (0.5, 3.0),
    "magnesium": (0.2, 2.0),
    "inflammation": (0.0, 1.0),
}
USUAL = {"vitamin_k": 1.0, "phosphate": 1.0, "magnesium": 1.0, "inflammation": 0.0}


@dataclass(frozen=True)
class BalanceRun:
    """One toy run: the settings, the brakes and pushes, and mineral over ``YEARS`` years."""

    vitamin_k: float
    phosphate: float
    magnesium: float
    inflammation: float
    active_mgp: float  #: share of MGP switched on, 0–1
    brakes: dict[str, float]  #: each brake's strength, toy units
    pushes: dict[str, float]  #: each push's strength, toy units
    rate: float  #: mineral added per toy year
    years: np.ndarray
    mineral: np.ndarray  #: mineral in the wall at each time, toy units

    @property
    def total_brakes(self) -> float:
        return float(sum(self.brakes.values()))

    @property
    def total_pushes(self) -> float:
        return float(sum(self.pushes.values()))

    @property
    def net_push(self) -> float:
        """Pushes minus brakes: below zero the brakes win."""
        return self.total_pushes - self.total_brakes

    @property
    def final_mineral(self) -> float:
        return float(self.mineral[-1])

    @property
    def verdict(self) -> str:
        """'held', 'tipping' or 'building', from the net push."""
        if self.net_push < -TIPPING:
            return "held"
        if self.net_push <= TIPPING:
            return "tipping"
        return "building"


def active_mgp(vitamin_k: float) -> float:
    """Share of MGP switched on (0–1) at vitamin K status ``vitamin_k`` (0 = none, 1 = usual)."""
    k = number("vitamin_k", vitamin_k, 0.0)
    return k / (k + K_HALF)


def softplus(x: float, softness: float = SOFTNESS) -> float:
    """A smooth version of max(0, x): always above zero, always rising, about x when x is large."""
    z = x / softness
    # log1p(exp(z)) overflows for large z; then it equals z to double precision.
    return softness * (z if z > 30 else math.log1p(math.exp(z)))


def run_balance(vitamin_k: float = 1.0, phosphate: float = 1.0, magnesium: float = 1.0,
                inflammation: float = 0.0, *, points: int = 41) -> BalanceRun:
    """The toy artery wall over ``YEARS`` toy years at the given settings (1 = usual; inflammation 0 = none)."""
    k = number("vitamin_k", vitamin_k, *RANGES["vitamin_k"])
    p = number("phosphate", phosphate, *RANGES["phosphate"])
    m = number("magnesium", magnesium, *RANGES["magnesium"])
    i = number("inflammation", inflammation, *RANGES["inflammation"])
    share = active_mgp(k)
    brakes = {"mgp": MGP_WEIGHT * share, "magnesium": MAGNESIUM_WEIGHT * m, "other": OTHER_BRAKES}
    pushes = {"phosphate": PHOSPHATE_WEIGHT * p, "calcium": CALCIUM_LOAD, "inflammation": INFLAMMATION_WEIGHT * i}
    rate = softplus(sum(pushes.values()) - sum(brakes.values()))
    years = np.linspace(0.0, float(YEARS), int(points))
    return BalanceRun(vitamin_k=k, phosphate=p, magnesium=m, inflammation=i, active_mgp=share,
                      brakes=brakes, pushes=pushes, rate=rate, years=years, mineral=rate * years)


def max_rate() -> float:
    """The fastest build-up the toy allows (every push at its top, every brake at its bottom)."""
    high = {"vitamin_k": RANGES["vitamin_k"][0], "phosphate": RANGES["phosphate"][1],
            "magnesium": RANGES["magnesium"][0], "inflammation": RANGES["inflammation"][1]}
    return run_balance(**high).rate
