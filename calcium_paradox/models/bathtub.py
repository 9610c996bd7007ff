"""A bathtub: the simplest balance, used in 00 to practise with an explorer.

Water flows in from the tap at a steady rate; it drains out faster when the
level is higher (outflow = drain opening × level). The level therefore settles
where outflow equals inflow: ``steady level = inflow / drain``. If that is
above the brim, the tub overflows and the level stays at the brim.

Chapter 01's "calcium bank" builds on the same idea of a balance between what
comes in, what goes out and what is stored.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

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


def _number(name: str, value, low: float, high: float = math.inf, *, low_open: bool = False) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, not {value!r}.") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, not {value!r}.")
    if number < low or (low_open and number == low) or number > high:
        bound = f"more than {low:g}" if low_open else f"at least {low:g}"
        raise ValueError(f"{name} must be {bound}" + (f" and at most {high:g}" if high < math.inf else "") + f"; got {number:g}.")
    return number


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
    inflow = _number("inflow", inflow, 0.0)
    drain = _number("drain", drain, 0.0, low_open=True)
    capacity = _number("capacity", capacity, 0.0, low_open=True)
    start_level = _number("start_level", start_level, 0.0, capacity)
    minutes = _number("minutes", minutes, 0.0, low_open=True)
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
