"""The calcium bank: a toy feedback model of how blood calcium is held steady.

Everything is in toy, relative units: 1.0 is "usual". Each simulated day:

- a parathyroid-hormone-like signal (PTH) rises when blood calcium falls below
  its set point and falls when it rises (negative feedback);
- the kidney makes active vitamin D (calcitriol) from vitamin D; it makes more
  when PTH is high and less when the kidneys work poorly. Calcitriol changes
  slowly (over days), so the correction takes time;
- calcitriol raises the share of food calcium the gut absorbs;
- PTH makes the kidney keep more calcium (less in urine) and makes bone release
  more (withdrawals); bone takes up calcium at a steady rate (deposits);
- blood calcium settles, each day, where what enters blood (from gut and bone)
  equals what leaves it (to urine and bone). The blood pool is tiny next to the
  bone store, so it finds that level within the day.

So ``absorbed = urine + (deposits - withdrawals)`` every day, and
``intake = absorbed + stool`` exactly. With extreme settings, blood calcium can
leave its normal band: the model says so rather than hiding it.

The numbers are chosen so that the usual state absorbs about a quarter of food
calcium (as adults do on average) and the normal band is about ±10% around the
set point (blood calcium is normally kept within roughly that range). They are
not doses, lab values or predictions for anyone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .inputs import number

SET_POINT = 1.0
BAND = (0.9, 1.1)  #: the normal band of blood calcium, in toy units
WEEKS = 16
PTH_GAIN = 8.0  #: how strongly PTH reacts to a fall in blood calcium
PTH_RANGE = (0.05, 2.5)  #: bone can only release so much so fast
CALCITRIOL_DAYS = 4.0  #: how many days calcitriol takes to catch up (time constant)
BASE_ABSORBED = 0.10  #: share absorbed without calcitriol (passive route)
ACTIVE_ABSORBED = 0.30  #: extra share the calcitriol-driven route can add, at most
DEPOSITS = 0.10  #: bone uptake per day, toy units
WITHDRAWAL_PER_PTH = 0.10  #: bone release per day at usual PTH
URINE_USUAL = 0.25  #: urine calcium per day in the usual state


@dataclass(frozen=True)
class BankRun:
    """One simulated run: daily values over ``WEEKS`` weeks."""

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
    def bone_change(self) -> float:
        """Total change in the bone store since the change, toy units."""
        return float(self.net_bone[self.after].sum())

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


def _imbalance(blood: float, intake: float, calcitriol: float) -> float:
    """Calcium entering blood minus calcium leaving it, per day (falls as blood calcium rises)."""
    p = pth(blood)
    into_blood = fraction_absorbed(calcitriol) * intake + WITHDRAWAL_PER_PTH * p
    out_of_blood = _urine(blood, p) + DEPOSITS
    return into_blood - out_of_blood


def _settle(intake: float, calcitriol: float) -> float:
    """Blood calcium at which the day's flows balance (bisection: the imbalance only falls)."""
    low, high = 0.2, 3.0
    for _ in range(40):
        middle = 0.5 * (low + high)
        if _imbalance(middle, intake, calcitriol) > 0:
            low = middle
        else:
            high = middle
    return 0.5 * (low + high)


def _usual_calcitriol() -> float:
    """Calcitriol in the usual state (all settings 1), where the run starts."""
    calcitriol = 1.0
    for _ in range(200):
        blood = _settle(1.0, calcitriol)
        calcitriol = calcitriol_target(pth(blood), 1.0, 1.0)
    return calcitriol


def run_bank(
    intake: float = 1.0, vitamin_d: float = 1.0, kidney: float = 1.0, *, weeks: int = WEEKS, before_weeks: int = 1
) -> BankRun:
    """Simulate ``before_weeks`` at the usual settings (all 1), then ``weeks`` weeks after they
    change to the given ones. Day 0 is the day of the change; earlier days are negative.

    ``intake``: calcium eaten per day (1 = a usual diet). ``vitamin_d``: vitamin D
    status (1 = enough). ``kidney``: how well the kidneys turn vitamin D into its
    active form (1 = healthy). All toy units. The toy leaves out phosphate, which
    matters a lot in real kidney disease (chapter 02).
    """
    intake = number("intake", intake, 0.0, 5.0, unit="toy units")
    vitamin_d = number("vitamin_d", vitamin_d, 0.0, 5.0, unit="toy units")
    kidney = number("kidney", kidney, 0.05, 1.5, unit="toy units")
    after, before = int(weeks) * 7, int(before_weeks) * 7
    if after < 1 or before < 0:
        raise ValueError(f"weeks must be at least 1 and before_weeks at least 0; got {weeks!r}, {before_weeks!r}.")
    days = before + after
    calcitriol = _usual_calcitriol()
    out = {k: np.empty(days) for k in ("blood", "pth", "calcitriol", "fraction", "absorbed", "urine", "withdrawals")}
    eaten = np.where(np.arange(days) < before, 1.0, intake)
    for day in range(days):
        usual = day < before
        today, d, k = (1.0, 1.0, 1.0) if usual else (intake, vitamin_d, kidney)
        blood = _settle(today, calcitriol)
        p = pth(blood)
        fraction = fraction_absorbed(calcitriol)
        out["blood"][day] = blood
        out["pth"][day] = p
        out["calcitriol"][day] = calcitriol
        out["fraction"][day] = fraction
        out["absorbed"][day] = fraction * today
        out["urine"][day] = _urine(blood, p)
        out["withdrawals"][day] = WITHDRAWAL_PER_PTH * p
        # Calcitriol moves part of the way towards what the kidney would now make.
        calcitriol += (calcitriol_target(p, d, k) - calcitriol) / CALCITRIOL_DAYS
    return BankRun(
        day=np.arange(-before, after, dtype=float),
        blood=out["blood"],
        pth=out["pth"],
        calcitriol=out["calcitriol"],
        fraction_absorbed=out["fraction"],
        absorbed=out["absorbed"],
        stool=eaten - out["absorbed"],
        eaten=eaten,
        urine=out["urine"],
        deposits=np.full(days, DEPOSITS),
        withdrawals=out["withdrawals"],
        intake=intake,
        vitamin_d=vitamin_d,
        kidney=kidney,
    )
