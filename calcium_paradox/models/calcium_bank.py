"""The calcium bank: a toy feedback model of how blood calcium is held steady.

Everything is in toy, relative units: 1.0 is "usual". Each simulated day:

- the parathyroid glands sense blood calcium: their hormone, PTH, rises when blood
  calcium falls below its set point and falls when it rises (negative feedback);
- the kidney makes active vitamin D (calcitriol) from vitamin D; it makes more
  when PTH is high and less when the kidneys work poorly. Calcitriol changes
  slowly (over days), so this part of the correction takes time;
- calcitriol raises the share of food calcium the gut absorbs, up to a limit;
- PTH makes the kidney keep more calcium (less in urine) and makes bone release
  more (withdrawals). Bone takes up calcium (deposits) at its usual rate, but an
  adult's bone does not store extra: deposits are at most withdrawals plus
  ``BONE_GAIN_CEILING`` (0 here), so when PTH is low, deposits fall with withdrawals;
- blood calcium settles, each day, where what enters blood (from gut and bone)
  equals what leaves it (to urine and bone). The blood pool is tiny next to the
  bone store, so it finds that level within the day.

So ``absorbed = urine + (deposits - withdrawals)`` every day, ``intake = absorbed +
stool`` exactly, and the bone store changes by ``deposits - withdrawals`` each day.
With extreme settings, blood calcium can leave its normal band: the model says so
rather than hiding it.

PTH and calcitriol are relative (1 = their usual level). One toy unit of calcium is a
usual day's intake, so the whole bone store is about 1,000 units (an adult holds about
1 kg of calcium and a usual diet brings about 1 g a day).

The numbers are chosen so that the usual state absorbs about a quarter of food
calcium (as adults do on average) and the normal band is about ±10% around the
set point. The made-up limits that decide some answers are module constants:
``MAX_ABSORBED`` (the gut's top share), ``PTH_RANGE`` (how far PTH can move),
``PTH_GAIN`` (how strongly PTH reacts) and ``BONE_GAIN_CEILING``. They are not
doses, lab values or predictions for anyone.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from .inputs import number

SET_POINT = 1.0
BAND = (0.9, 1.1)  #: the normal band of blood calcium, in toy units
WEEKS = 16
PTH_GAIN = 8.0  #: made up: how strongly PTH reacts to a fall in blood calcium
PTH_RANGE = (0.05, 2.5)  #: made up: how far PTH can fall or rise (bone can only release so much so fast)
CALCITRIOL_DAYS = 4.0  #: how many days calcitriol takes to catch up (time constant)
BASE_ABSORBED = 0.10  #: share absorbed without calcitriol (passive route)
ACTIVE_ABSORBED = 0.30  #: extra share the calcitriol-driven route can add, at most
MAX_ABSORBED = BASE_ABSORBED + ACTIVE_ABSORBED  #: made up: the gut's top share (40%)
DEPOSITS = 0.10  #: bone uptake per day at usual PTH, toy units
WITHDRAWAL_PER_PTH = 0.10  #: bone release per day at usual PTH
BONE_GAIN_CEILING = 0.0  #: made up: how much more bone can take up than it releases per day (adult bone: none)
URINE_USUAL = 0.25  #: urine calcium per day in the usual state
BONE_STORE = 1000.0  #: the whole bone store, in toy units (days of a usual intake), for scale
CATCH_UP = 0.9  #: "caught up" means this share of the way to the final level


@dataclass(frozen=True)
class BankRun:
    """One simulated run: daily values from ``before_weeks`` before the change to ``WEEKS`` weeks after."""

    day: np.ndarray
    blood: np.ndarray
    pth: np.ndarray
    calcitriol: np.ndarray
    fraction_absorbed: np.ndarray
    absorbed: np.ndarray
    stool: np.ndarray
    urine: np.ndarray
    deposits: np.ndarray
    withdrawals: np.ndarray
    eaten: np.ndarray
    intake: float
    vitamin_d: float
    kidney: float

    @property
    def net_bone(self) -> np.ndarray:
        """Daily change in the bone store: deposits minus withdrawals (negative = bone is lost)."""
        return self.deposits - self.withdrawals

    @property
    def after(self) -> np.ndarray:
        """True on the days from the change on."""
        return self.day >= 0

    @property
    def bone_store(self) -> np.ndarray:
        """Change in the bone store since the change, at the end of each day (0 before it), toy units."""
        return np.cumsum(np.where(self.after, self.net_bone, 0.0))

    @property
    def bone_change(self) -> float:
        """Total change in the bone store since the change, toy units."""
        return float(self.bone_store[-1])

    @property
    def bone_capped(self) -> bool:
        """True if, after the change, bone's deposits were held down by the bone-gain ceiling."""
        return bool(np.any(self.deposits[self.after] < DEPOSITS - 1e-12))

    @property
    def final_blood(self) -> float:
        return float(self.blood[-1])

    @property
    def in_band(self) -> bool:
        return bool(np.all((self.blood >= BAND[0] - 1e-9) & (self.blood <= BAND[1] + 1e-9)))

    @property
    def lowest_blood(self) -> float:
        return float(self.blood.min())

    @property
    def highest_blood(self) -> float:
        return float(self.blood.max())

    @property
    def catch_up_day(self) -> int:
        """First day after the change on which calcitriol has come ``CATCH_UP`` of the way to its final level."""
        after = self.calcitriol[self.after]
        start, end = after[0], after[-1]
        gap = np.abs(after - end)
        done = np.nonzero(gap <= (1 - CATCH_UP) * abs(end - start) + 1e-12)[0]
        return int(done[0])


def pth(blood: float) -> float:
    """PTH signal: 1 at the set point, higher when blood calcium is low."""
    return min(PTH_RANGE[1], max(PTH_RANGE[0], 1.0 + PTH_GAIN * (SET_POINT - blood)))


def calcitriol_target(pth_level: float, vitamin_d: float, kidney: float) -> float:
    """How much active vitamin D the kidney would make: needs vitamin D, working kidneys and PTH.

    Vitamin D above "enough" (1) adds nothing here: the body makes calcitriol as it is
    needed, so more vitamin D is not more of the active hormone.
    """
    return min(vitamin_d, 1.0) * kidney * pth_level**2


def fraction_absorbed(calcitriol: float) -> float:
    """Share of food calcium absorbed: a passive part plus a calcitriol-driven part that saturates."""
    return BASE_ABSORBED + ACTIVE_ABSORBED * calcitriol / (calcitriol + 1.0)


def _urine(blood: float, pth_level: float) -> float:
    # More calcium reaches urine when blood calcium is high; PTH makes the kidney keep more.
    return URINE_USUAL * blood**4 / math.sqrt(pth_level)


def _withdrawals(pth_level: float) -> float:
    return WITHDRAWAL_PER_PTH * pth_level


def _deposits(pth_level: float) -> float:
    """Bone uptake: its usual rate, but never more than withdrawals plus the ceiling (adult bone is full)."""
    return min(DEPOSITS, _withdrawals(pth_level) + BONE_GAIN_CEILING)


def _leaves_blood(blood: float) -> float:
    """What blood must get from the gut for its flows to balance: urine + deposits - withdrawals.

    It rises with blood calcium (urine rises, and the bone's net withdrawal shrinks), so each
    day's level is the one at which it equals what the gut absorbs.
    """
    p = pth(blood)
    return _urine(blood, p) + _deposits(p) - _withdrawals(p)


@cache
def _table() -> tuple[list[float], list[float]]:
    """``_leaves_blood`` on a fine grid of blood levels, to find each day's level quickly."""
    grid = np.linspace(0.3, 2.0, 3401)
    return [float(_leaves_blood(b)) for b in grid], [float(b) for b in grid]


def _settle(absorbed: float) -> float:
    """Blood calcium at which the day's flows balance: look it up on the grid, then refine in its cell."""
    needs, levels = _table()
    i = min(max(bisect.bisect_left(needs, absorbed), 1), len(needs) - 1)
    low, high = levels[i - 1], levels[i]
    f_low, f_high = needs[i - 1] - absorbed, needs[i] - absorbed
    if f_low >= 0 or f_high <= 0:  # outside the table: the nearest edge (no slider setting gets here)
        return low if f_low >= 0 else high
    middle, side = low, 0
    for _ in range(6):  # the Illinois method inside one grid cell, where the function is nearly straight
        middle = low - f_low * (high - low) / (f_high - f_low)
        f_middle = _leaves_blood(middle) - absorbed
        if abs(f_middle) < 1e-13:
            break
        if f_middle > 0:
            high, f_high = middle, f_middle
            f_low = f_low / 2 if side == 1 else f_low
            side = 1
        else:
            low, f_low = middle, f_middle
            f_high = f_high / 2 if side == -1 else f_high
            side = -1
    return middle


@cache
def _usual_calcitriol() -> float:
    """Calcitriol in the usual state (all settings 1), where the run starts."""
    calcitriol = 1.0
    for _ in range(200):
        blood = _settle(fraction_absorbed(calcitriol))
        calcitriol = calcitriol_target(pth(blood), 1.0, 1.0)
    return calcitriol


@lru_cache(maxsize=512)  # every state of the explorer's sliders is 2,394 runs of about 10 kB each
def _cached_run(intake: float, vitamin_d: float, kidney: float, after: int, before: int) -> BankRun:
    days = before + after
    calcitriol = _usual_calcitriol()
    out = {k: np.empty(days) for k in ("blood", "pth", "calcitriol", "fraction", "urine", "deposits", "withdrawals")}
    eaten = np.where(np.arange(days) < before, 1.0, intake)
    for day in range(days):
        today, d, k = (1.0, 1.0, 1.0) if day < before else (intake, vitamin_d, kidney)
        fraction = fraction_absorbed(calcitriol)
        blood = _settle(fraction * today)
        p = pth(blood)
        out["blood"][day] = blood
        out["pth"][day] = p
        out["calcitriol"][day] = calcitriol
        out["fraction"][day] = fraction
        out["urine"][day] = _urine(blood, p)
        out["deposits"][day] = _deposits(p)
        out["withdrawals"][day] = _withdrawals(p)
        # Calcitriol moves part of the way towards what the kidney would now make.
        calcitriol += (calcitriol_target(p, d, k) - calcitriol) / CALCITRIOL_DAYS
    absorbed = out["fraction"] * eaten
    for values in (*out.values(), eaten, absorbed):
        values.setflags(write=False)  # a cached run is shared, so nobody may change it
    return BankRun(
        day=np.arange(-before, after, dtype=float),
        blood=out["blood"],
        pth=out["pth"],
        calcitriol=out["calcitriol"],
        fraction_absorbed=out["fraction"],
        absorbed=absorbed,
        stool=eaten - absorbed,
        eaten=eaten,
        urine=out["urine"],
        deposits=out["deposits"],
        withdrawals=out["withdrawals"],
        intake=intake,
        vitamin_d=vitamin_d,
        kidney=kidney,
    )


def run_bank(
    intake: float = 1.0, vitamin_d: float = 1.0, kidney: float = 1.0, *, weeks: int = WEEKS, before_weeks: int = 1
) -> BankRun:
    """Simulate ``before_weeks`` at the usual settings (all 1), then ``weeks`` weeks after they
    change to the given ones. Day 0 is the day of the change; earlier days are negative.

    ``intake``: calcium eaten per day (1 = a usual diet). ``vitamin_d``: vitamin D
    status (1 = enough). ``kidney``: how well the kidneys turn vitamin D into its
    active form (1 = healthy). All toy units. The toy leaves out phosphate, which
    matters a lot in real kidney disease (chapter 02). Runs are cached (the model is
    pure), so returning to a setting is instant.
    """
    intake = number("intake", intake, 0.0, 5.0, unit="toy units")
    vitamin_d = number("vitamin_d", vitamin_d, 0.0, 5.0, unit="toy units")
    kidney = number("kidney", kidney, 0.05, 1.5, unit="toy units")
    after, before = int(weeks) * 7, int(before_weeks) * 7
    if after < 1 or before < 0:
        raise ValueError(f"weeks must be at least 1 and before_weeks at least 0; got {weeks!r}, {before_weeks!r}.")
    return _cached_run(intake, vitamin_d, kidney, after, before)
