"""Common causes: a made-up population in which weak bones and artery calcium travel together.

Chapter 05's toy model. Each person has an age (40 to 90) and may have kidney
disease, which becomes more common with age. Both are **shared causes**: in this
toy, each one raises a person's bone loss *and* their artery calcium. There is
also an optional **direct link** from bone loss to artery calcium, which is zero
unless the learner turns it on. The question the model answers: if bone loss does
not cause artery calcium at all, do we still see a link between them?

The toy equations (toy units; ``t = (age - 40) / 50`` runs from 0 to 1;
``kidney`` is 1 for a person with kidney disease, else 0; ``u_bone`` and
``u_artery`` are independent standard normal draws that stand for everything else
that differs between people)::

    bone loss      = 15 + s * (30 t + 12 kidney) + 6 u_bone
    artery calcium = 10 + s * (35 t + 15 kidney) + d * 0.6 * (bone loss - 15) + 6 u_artery

Both are clipped to 0–100. ``s`` is the strength of the shared causes (0 to 1)
and ``d`` the strength of the direct link (0 to 1). Kidney disease affects
``0.05 + 0.25 t`` of people (5 in 100 at 40, 30 in 100 at 90), or nobody.

The numbers are invented to show an idea; they are not measurements. Real bone
density and calcium scores have other units, other causes and other shapes.

Everything here is a pure function: the random draws come from a
``numpy.random.Generator`` passed in (or a seed), never from global state, so the
same seed always gives the same people.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .inputs import number

POPULATION = 3000  #: people in the explorer's population
SEED = 2005  #: the explorer's fixed population
AGE_RANGE = (40.0, 90.0)
AGE_GROUPS: tuple[tuple[int, int], ...] = ((40, 49), (50, 59), (60, 69), (70, 79), (80, 89))
#: toy effect sizes (see the module docstring)
BONE_BASE, BONE_AGE, BONE_KIDNEY, BONE_NOISE = 15.0, 30.0, 12.0, 6.0
ARTERY_BASE, ARTERY_AGE, ARTERY_KIDNEY, ARTERY_NOISE = 10.0, 35.0, 15.0, 6.0
DIRECT_SLOPE = 0.6  #: artery calcium added per unit of bone loss when the direct link is 1
KIDNEY_RISK = (0.05, 0.25)  #: share with kidney disease: 0.05 at age 40, plus 0.25 over the age range
BOUNDS = (0.0, 100.0)


@dataclass(frozen=True)
class Draws:
    """The random part of a population: who is how old, and each person's own luck."""

    age: np.ndarray
    kidney_draw: np.ndarray  #: uniform 0–1; a person has kidney disease if this is below their risk
    u_bone: np.ndarray
    u_artery: np.ndarray

    def __len__(self) -> int:
        return len(self.age)


def draw_population(rng: np.random.Generator, n: int = POPULATION) -> Draws:
    """Draw ``n`` people from ``rng`` (a ``numpy.random.Generator``)."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError("rng must be a numpy.random.Generator (numpy.random.default_rng(seed)); "
                        f"got {type(rng).__name__}.")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 10 <= n <= 1_000_000:
        raise ValueError(f"n must be a whole number of people from 10 to 1,000,000; got {n!r}.")
    n = int(n)
    draws = Draws(
        age=rng.uniform(*AGE_RANGE, n),
        kidney_draw=rng.uniform(0.0, 1.0, n),
        u_bone=rng.standard_normal(n),
        u_artery=rng.standard_normal(n),
    )
    for array in (draws.age, draws.kidney_draw, draws.u_bone, draws.u_artery):
        array.setflags(write=False)
    return draws


@lru_cache(maxsize=8)
def fixed_population(seed: int = SEED, n: int = POPULATION) -> Draws:
    """The same people every time for a given seed (the explorer redraws only the outcomes)."""
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a whole number, 0 or more; got {seed!r}.")
    return draw_population(np.random.default_rng(int(seed)), n)


def age_group_label(group: tuple[int, int] | None) -> str:
    return "all ages" if group is None else f"ages {group[0]}–{group[1]}"


def _group_index(age: np.ndarray) -> np.ndarray:
    """0 for 40–49, 1 for 50–59, ... (ages run from 40 up to, not including, 90)."""
    return np.clip(((age - AGE_RANGE[0]) // 10).astype(int), 0, len(AGE_GROUPS) - 1)


def correlation(x: np.ndarray, y: np.ndarray) -> float:
    """Pearson correlation of ``x`` and ``y`` (0.0 if either does not vary)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.shape != y.shape or x.ndim != 1:
        raise ValueError(f"x and y must be 1-D arrays of the same length; got shapes {x.shape} and {y.shape}.")
    if len(x) < 3:
        raise ValueError("a correlation needs at least 3 people.")
    dx, dy = x - x.mean(), y - y.mean()
    spread = math.sqrt(float(dx @ dx) * float(dy @ dy))
    if spread == 0.0:
        return 0.0
    return float(np.clip((dx @ dy) / spread, -1.0, 1.0))


def within_group_correlation(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> float:
    """Correlation after comparing each person only with others in their own group.

    Each group's average is subtracted from its members' values, so differences
    *between* groups (here: between age groups) no longer count; this is the
    pooled within-group correlation, one simple form of "adjusting for age".
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    groups = np.asarray(groups)
    if groups.shape != x.shape:
        raise ValueError("groups must give one group for each person.")
    labels, inverse = np.unique(groups, return_inverse=True)
    counts = np.bincount(inverse)
    x_res = x - (np.bincount(inverse, x) / counts)[inverse]
    y_res = y - (np.bincount(inverse, y) / counts)[inverse]
    return correlation(x_res, y_res)


@dataclass(frozen=True)
class PopulationState:
    shared: float  #: strength of the shared causes, 0–1
    direct: float  #: strength of the direct link from bone loss to artery calcium, 0–1
    kidney: bool  #: whether anyone has kidney disease
    group: tuple[int, int] | None  #: the age group compared on its own (None: everyone)
    age: np.ndarray
    has_kidney_disease: np.ndarray
    bone_loss: np.ndarray  #: toy units, 0–100
    artery_calcium: np.ndarray  #: toy units, 0–100
    in_group: np.ndarray  #: True for people in ``group`` (all True when group is None)
    r_everyone: float  #: correlation across everyone
    r_within_ages: float  #: correlation within 10-year age groups (age differences removed)
    r_group: float  #: correlation within ``group`` alone (equals r_everyone when group is None)

    @property
    def group_label(self) -> str:
        return age_group_label(self.group)

    @property
    def r_compared(self) -> float:
        """The within-age figure the explorer shows: the chosen group's, or the pooled one."""
        return self.r_within_ages if self.group is None else self.r_group


def simulate(draws: Draws, shared: float = 1.0, direct: float = 0.0, kidney: bool = True,
             group: tuple[int, int] | None = None) -> PopulationState:
    """Bone loss and artery calcium for the people in ``draws`` (see the module docstring)."""
    if not isinstance(draws, Draws):
        raise TypeError("draws must come from draw_population() or fixed_population().")
    s = number("The strength of the shared causes", shared, 0.0, 1.0)
    d = number("The strength of the direct link", direct, 0.0, 1.0)
    if not isinstance(kidney, (bool, np.bool_)):
        raise ValueError(f"kidney must be True or False; got {kidney!r}.")
    if group is not None and tuple(group) not in AGE_GROUPS:
        raise ValueError(f"group must be None or one of {list(AGE_GROUPS)}; got {group!r}.")
    group = None if group is None else tuple(group)

    t = (draws.age - AGE_RANGE[0]) / (AGE_RANGE[1] - AGE_RANGE[0])
    risk = KIDNEY_RISK[0] + KIDNEY_RISK[1] * t
    sick = (draws.kidney_draw < risk) if kidney else np.zeros(len(draws), dtype=bool)
    k = sick.astype(float)
    bone = BONE_BASE + s * (BONE_AGE * t + BONE_KIDNEY * k) + BONE_NOISE * draws.u_bone
    bone = np.clip(bone, *BOUNDS)
    artery = (ARTERY_BASE + s * (ARTERY_AGE * t + ARTERY_KIDNEY * k)
              + d * DIRECT_SLOPE * (bone - BONE_BASE) + ARTERY_NOISE * draws.u_artery)
    artery = np.clip(artery, *BOUNDS)

    groups = _group_index(draws.age)
    r_all = correlation(bone, artery)
    r_within = within_group_correlation(bone, artery, groups)
    if group is None:
        in_group = np.ones(len(draws), dtype=bool)
        r_group = r_all
    else:
        in_group = groups == AGE_GROUPS.index(group)
        if in_group.sum() < 3:
            raise ValueError(f"Fewer than 3 people are {age_group_label(group)}; use a larger population.")
        r_group = correlation(bone[in_group], artery[in_group])
    return PopulationState(
        shared=s, direct=d, kidney=bool(kidney), group=group, age=draws.age, has_kidney_disease=sick,
        bone_loss=bone, artery_calcium=artery, in_group=in_group,
        r_everyone=r_all, r_within_ages=r_within, r_group=r_group,
    )


def link_words(r: float) -> str:
    """Plain words for the size of a correlation (a rough, conventional guide)."""
    size = abs(r)
    if size < 0.1:
        return "almost none"
    if size < 0.3:
        return "weak"
    if size < 0.5:
        return "moderate"
    return "strong"


def trend_line(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Least-squares straight line through the points: ``(slope, intercept)``."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    dx = x - x.mean()
    spread = float(dx @ dx)
    slope = float(dx @ (y - y.mean())) / spread if spread > 0 else 0.0
    return slope, float(y.mean() - slope * x.mean())
