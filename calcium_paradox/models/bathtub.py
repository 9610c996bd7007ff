"""A bathtub: the simplest balance, used in 00 to practise with an explorer.

Water flows in from the tap at a steady rate; it drains out faster when the
level is higher (outflow = drain opening × level). The level therefore settles
where outflow equals inflow: ``steady level = inflow / drain``. If that is
above the brim, the tub overflows and the level stays at the brim.

Chapter 01's "calcium bank" builds on the same idea of a balance between what
comes in, what goes out and what is stored.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .inputs import number

CAPACITY = 16.0  #: the brim, in toy units of water
MINUTES = 30.0  #: how long each run lasts, in toy minutes


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
