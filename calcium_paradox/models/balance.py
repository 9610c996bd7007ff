"""The balance: a toy model of brakes and pushes on mineral in an artery wall, over time.

Blood and tissue fluid carry enough calcium and phosphate to form crystals, yet
soft tissues normally stay soft, because the body keeps making **inhibitors**
(brakes). Mineral builds up when **promoters** (pushes) outweigh them. This toy
puts that idea into a few lines; everything is in toy, relative units (1 = usual),
and nothing here is a dose, a lab value or a prediction for anyone.

The equations:

- **Active MGP.** Vitamin K is the helper of the enzyme that switches matrix Gla
  protein (MGP) on. The switched-on share saturates: with vitamin K status
  ``k``, ``active_mgp = k / (k + K_HALF)`` (made-up: 80% at the usual status).
- **Brakes at the start** = ``FETUIN_A + PYROPHOSPHATE + MAGNESIUM_WEIGHT × magnesium
  + mgp_strength × active_mgp``. ``mgp_strength`` is a made-up constant that the
  learner can change; fetuin-A and pyrophosphate are held fixed.
- **Push** = ``PUSH_SCALE × calcium × phosphate`` (the calcium × phosphate product;
  calcium is held at its usual value).
- **Brakes get used up.** Brakes bind to the mineral they hold back, so as
  mineral builds, fewer are left free: ``free = start / (1 + mineral / TIE_UP)``
  (made-up: half are tied up once mineral fills ``TIE_UP`` of the wall). Free plus
  tied-up brakes always equal the brakes at the start.
- **Mineral** ``m`` (share of what the toy wall can hold, 0–1) grows each step by
  ``GROWTH × softplus(push − free brakes) × (1 − m) × dt``: close to zero while the
  brakes win, faster once the pushes win. Nothing removes mineral once it is there.

Because brakes get used up, a wall close to the tipping point can look steady for
years and then build mineral faster and faster with no change in its settings.
That follows from the made-up tie-up rule; it illustrates an idea and proves
nothing about people.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .inputs import number

K_HALF = 0.25  #: made-up: vitamin K status at which half of MGP is switched on
MGP_STRENGTH = 1.5  #: made-up: brake strength of fully switched-on MGP (the learner can change it)
MAGNESIUM_WEIGHT = 0.4  #: made-up: brake strength per unit of magnesium
FETUIN_A = 0.5  #: made-up: brake strength of fetuin-A, held fixed
PYROPHOSPHATE = 0.4  #: made-up: brake strength of pyrophosphate, held fixed
CALCIUM = 1.0  #: calcium, held at its usual value
PUSH_SCALE = 2.0  #: made-up: push of the usual calcium × phosphate
TIE_UP = 0.05  #: made-up: half of the brakes are tied up once mineral fills this share of the wall
GROWTH = 0.03  #: made-up: share of the wall's room filled per toy year per unit of net push
SOFTNESS = 0.1  #: width of the tipping zone (toy units)
YEARS = 20  #: how long each run lasts, toy years
DT = 0.05  #: time step, toy years
VISIBLE = 0.10  #: the readout's mark: the year mineral first fills 10% of the wall

#: The range of each control, as the explorer offers it; values outside are refused.
RANGES: dict[str, tuple[float, float]] = {
    "vitamin_k": (0.0, 2.0),
    "phosphate": (0.5, 3.0),
    "magnesium": (0.2, 2.0),
    "mgp_strength": (0.5, 6.0),
}
USUAL = {"vitamin_k": 1.0, "phosphate": 1.0, "magnesium": 1.0, "mgp_strength": MGP_STRENGTH}


@dataclass(frozen=True)
class BalanceRun:
    """One toy run: the settings, the brakes and push, and mineral and free brakes over ``YEARS`` years."""

    vitamin_k: float
    phosphate: float
    magnesium: float
    mgp_strength: float
    active_mgp: float  #: share of MGP switched on, 0–1
    brakes: dict[str, float]  #: each brake's strength at the start, toy units
    push: float  #: calcium × phosphate push, toy units
    years: np.ndarray
    mineral: np.ndarray  #: share of the wall's room filled with mineral at each time, 0–1
    free_brakes: np.ndarray  #: brakes not yet tied up by mineral at each time, toy units
    added: np.ndarray  #: mineral added in each step (len(years) − 1 values)

    @property
    def total_brakes(self) -> float:
        """Brakes at the start (before any are tied up)."""
        return float(sum(self.brakes.values()))

    @property
    def tied_brakes(self) -> np.ndarray:
        """Brakes tied up by mineral at each time: start minus free."""
        return self.total_brakes - self.free_brakes

    @property
    def net_push(self) -> float:
        """Push minus brakes at the start: below zero the brakes win at first."""
        return self.push - self.total_brakes

    @property
    def final_mineral(self) -> float:
        return float(self.mineral[-1])

    @property
    def visible_year(self) -> float | None:
        """The first toy year at which mineral fills ``VISIBLE`` of the wall, or None within the run."""
        hits = np.nonzero(self.mineral >= VISIBLE)[0]
        return float(self.years[hits[0]]) if hits.size else None

    @property
    def overtake_year(self) -> float | None:
        """The first toy year at which the push is stronger than the free brakes, or None within the run."""
        hits = np.nonzero(self.free_brakes < self.push)[0]
        return float(self.years[hits[0]]) if hits.size else None

    @property
    def verdict(self) -> str:
        """'held' (mineral stays under the mark for the whole run) or 'building'."""
        return "held" if self.visible_year is None else "building"


def active_mgp(vitamin_k: float) -> float:
    """Share of MGP switched on (0–1) at vitamin K status ``vitamin_k`` (0 = none, 1 = usual)."""
    k = number("vitamin_k", vitamin_k, 0.0)
    return k / (k + K_HALF)


def softplus(x: float, softness: float = SOFTNESS) -> float:
    """A smooth version of max(0, x): always above zero, always rising, about x when x is large."""
    z = x / softness
    # log1p(exp(z)) overflows for large z; then it equals z to double precision.
    return softness * (z if z > 30 else math.log1p(math.exp(z)))


def free_brakes(start: float, mineral: float) -> float:
    """Brakes still free when mineral fills ``mineral`` of the wall (made-up tie-up rule)."""
    return start / (1.0 + mineral / TIE_UP)


def run_balance(vitamin_k: float = 1.0, phosphate: float = 1.0, magnesium: float = 1.0,
                mgp_strength: float = MGP_STRENGTH) -> BalanceRun:
    """The toy artery wall over ``YEARS`` toy years at the given settings (1 = usual)."""
    k = number("vitamin_k", vitamin_k, *RANGES["vitamin_k"])
    p = number("phosphate", phosphate, *RANGES["phosphate"])
    m = number("magnesium", magnesium, *RANGES["magnesium"])
    strength = number("mgp_strength", mgp_strength, *RANGES["mgp_strength"])
    share = active_mgp(k)
    brakes = {"fetuin_a": FETUIN_A, "pyrophosphate": PYROPHOSPHATE, "magnesium": MAGNESIUM_WEIGHT * m,
              "mgp": strength * share}
    start = sum(brakes.values())
    push = PUSH_SCALE * CALCIUM * p
    steps = int(round(YEARS / DT))
    mineral = [0.0]
    free = [start]
    added = []
    level = 0.0
    for _ in range(steps):
        gain = DT * GROWTH * softplus(push - free[-1]) * (1.0 - level)
        level += gain
        added.append(gain)
        mineral.append(level)
        free.append(free_brakes(start, level))
    return BalanceRun(vitamin_k=k, phosphate=p, magnesium=m, mgp_strength=strength, active_mgp=share,
                      brakes=brakes, push=push, years=np.linspace(0.0, float(YEARS), steps + 1),
                      mineral=np.array(mineral), free_brakes=np.array(free), added=np.array(added))


def mgp_room(run: BalanceRun) -> float:
    """The brake strength MGP would add if all of it were switched on (the made-up ceiling minus what is on)."""
    return run.mgp_strength - run.brakes["mgp"]
