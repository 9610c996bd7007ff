"""The one check every toy model runs on the numbers it is given.

A model input is a real number: an ``int``, a ``float`` or a numpy number. Not ``True`` or
``False`` (a learner who types ``True`` meant something else), not text such as ``"3"``, not
NaN or infinity, and inside the range the model is defined for. Anything else is refused with
a ``ValueError`` whose message names the input, says what was expected and shows what came in;
the explorers show that message to the learner, never a traceback.
"""

from __future__ import annotations

import math
from numbers import Real

import numpy as np


def rule(low: float | None = None, high: float | None = None, *, low_open: bool = False, unit: str = "") -> str:
    """What a valid value is, in words: "a number from 0 to 1 (toy units)"."""
    if low is not None and high is not None and math.isfinite(high):
        words = (f"a number {'above ' + format(low, 'g') + ' and up' if low_open else 'from ' + format(low, 'g')}"
                 f" to {high:g}")
    elif low is not None:
        words = f"a number {'above' if low_open else 'of at least'} {low:g}"
    elif high is not None and math.isfinite(high):
        words = f"a number of at most {high:g}"
    else:
        words = "a finite number"
    return words + (f" ({unit})" if unit else "")


def number(name: str, value, low: float | None = None, high: float | None = None, *,
           low_open: bool = False, unit: str = "") -> float:
    """``value`` as a float, or a ``ValueError``: "<name> must be <rule>; got <value>."."""
    expected = rule(low, high, low_open=low_open, unit=unit)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (Real, np.number)):
        raise ValueError(f"{name} must be {expected}; got {value!r}.")
    result = float(value)
    too_low = low is not None and (result <= low if low_open else result < low)
    too_high = high is not None and result > high
    if not math.isfinite(result) or too_low or too_high:
        raise ValueError(f"{name} must be {expected}; got {value!r}.")
    return result
