"""A bathtub: the simplest balance, used in 00 to practise with an explorer.

Water flows in from the tap at a steady rate; it drains out faster when the
level is higher (outflow = drain opening × level). The level therefore settles
where outflow equals inflow: ``steady level = inflow / drain``. If that is
above the brim, the tub overflows and the level stays at the brim.

The model also gives the flows at each moment (:attr:`TubRun.outflow`,
:attr:`TubRun.spill`), so that water in = water out + water spilled + change in
the level, and how long the level takes to settle (:attr:`TubRun.settle_time`),
which depends on the drain only, not on the tap.

Chapter 01's "calcium bank" builds on the same idea of a balance between what
comes in, what goes out and what is stored.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .inputs import number

CAPACITY = 16.0  #: the brim, in toy units of water
MINUTES = 30.0  #: how long each run lasts, in toy minutes
SETTLED_SHARE = 0.95  #: "settled" means this share of the way from the start to the balance level


@dataclass(frozen=True)
class TubRun:
    time: np.ndarray
    level: np.ndarray
    inflow: float
    drain: float
    start_level: float
    steady_level: float
    capacity: float

    @property
    def overflows(self) -> bool:
        return self.steady_level > self.capacity

    @property
    def final_level(self) -> float:
        return float(self.level[-1])

    @property
    def outflow(self) -> np.ndarray:
        """Water out through the drain per minute at each time: drain opening × level."""
        return self.drain * self.level

    @property
    def spill(self) -> np.ndarray:
        """Water spilling over the brim per minute at each time: what the drain cannot take at the brim."""
        at_brim = self.overflows & (self.level >= self.capacity)
        return np.where(at_brim, self.inflow - self.drain * self.capacity, 0.0)

    @property
    def settle_time(self) -> float | None:
        """Minutes to get :data:`SETTLED_SHARE` of the way from the start to the balance level.

        The level closes the same share of its gap every minute, so this is ``ln(20) / drain``
        whatever the tap or the starting level: 0 when it starts at the balance level, and
        ``None`` when the balance level is above the brim (the tub spills over instead).
        """
        if self.overflows:
            return None
        if abs(self.start_level - self.steady_level) < 1e-9:
            return 0.0
        return float(-np.log(1.0 - SETTLED_SHARE) / self.drain)

    @property
    def brim_time(self) -> float | None:
        """Minutes until the water reaches the brim, or ``None`` when it never does."""
        if not self.overflows:
            return None
        return float(np.log((self.steady_level - self.start_level) / (self.steady_level - self.capacity)) / self.drain)


def fill_tub(
    inflow: float,
    drain: float,
    *,
    start_level: float = 8.0,
    capacity: float = CAPACITY,
    minutes: float = MINUTES,
    points: int = 121,
) -> TubRun:
    """Water level over time, from ``start_level``, with the tap and drain held steady.

    The exact solution of dL/dt = inflow - drain·L is used, so the result does
    not depend on a time step. The level never goes above ``capacity``.
    """
    inflow = number("inflow", inflow, 0.0)
    drain = number("drain", drain, 0.0, low_open=True)
    capacity = number("capacity", capacity, 0.0, low_open=True)
    start_level = number("start_level", start_level, 0.0, capacity)
    minutes = number("minutes", minutes, 0.0, low_open=True)
    if int(points) < 2:
        raise ValueError(f"points must be at least 2; got {points}.")
    time = np.linspace(0.0, minutes, int(points))
    steady = inflow / drain
    level = steady + (start_level - steady) * np.exp(-drain * time)
    return TubRun(
        time=time,
        level=np.minimum(level, capacity),
        inflow=inflow,
        drain=drain,
        start_level=start_level,
        steady_level=steady,
        capacity=capacity,
    )
