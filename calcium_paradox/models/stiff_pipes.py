"""Stiff pipes: a toy model of what two kinds of artery-wall calcium do to the channel and the pulse.

Two kinds of artery calcium (chapter 03):

- **intimal** calcium sits in patches inside a plaque in the inner layer. The
  plaque grows into the channel (it narrows the lumen), but its calcium does not
  form a continuous ring;
- **medial** calcium forms a ring in the middle, muscle layer, which carries the
  wall's load. It hardly narrows the channel.

The toy computes four consequences, each compared with a healthy wall:

1. **Channel width.** A plaque blocks ``MAX_NARROWING × intimal`` of the channel's
   width (made-up: the toy ties the plaque's size to its calcium).
2. **Blood flow (toy).** Poiseuille's law: the resistance of a stretch of tube grows
   as ``1 / r⁴``. The narrowed stretch is one part of the whole path blood takes
   (``SEGMENT_SHARE`` of its resistance when healthy, made-up), so
   ``flow = 1 / ((1 − s) + s / (1 − narrowing)⁴)`` as a share of healthy flow:
   it hardly drops at first, then falls steeply.
3. **Wall stiffness.** ``E = E_healthy × (1 + medial_stiffening × medial + intimal_stiffening × intimal)``.
   Both stiffening constants are made up; which kind stiffens more is decided by them.
4. **Pulse wave speed and pulse pressure.** Moens–Korteweg,
   ``PWV = sqrt(E·h / (2·r·ρ))`` (a thin, elastic wall and a frictionless fluid),
   and a pulse pressure that grows in proportion to the wave speed at the same
   mean pressure, as in isolated systolic hypertension.

Only the Moens–Korteweg and Poiseuille steps are real physical relations; every
link from "amount of calcium" to them is made up for illustration.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .inputs import number

KINDS = ("none", "intimal", "medial", "both")
BLOOD_DENSITY = 1060.0  #: kg/m³ (about 1.06 g/cm³)
HEALTHY_E = 0.6e6  #: wall elastic modulus with no calcium, Pa (toy, artery-like)
LAYERS_MM = {"intima": 0.22, "media": 0.20, "adventitia": 0.40}  #: approximate adult thicknesses
WALL_MM = sum(LAYERS_MM.values())
RADIUS_MM = 4.5  #: lumen radius of the toy artery
MEDIAL_STIFFENING = 2.0  #: made-up: at full extent, medial calcium makes the wall 1 + 2.0 = 3× stiffer
INTIMAL_STIFFENING = 0.5  #: made-up: at full extent, intimal calcium makes the wall 1 + 0.5 = 1.5× stiffer
STIFFENING_RANGE = (0.0, 2.0)  #: the values a learner can give the intimal constant
MAX_NARROWING = 0.7  #: made-up: share of the channel's width a full plaque blocks
SEGMENT_SHARE = 0.1  #: made-up: the narrowed stretch's share of the whole path's resistance when healthy
MEAN_PRESSURE = 100.0  #: toy pressure units; stays the same in every state
HEALTHY_PULSE_PRESSURE = 40.0  #: toy pressure units


def pulse_wave_velocity(e_pa: float, h_m: float, r_m: float, rho: float = BLOOD_DENSITY) -> float:
    """Moens–Korteweg: wave speed (m/s) in a thin elastic tube of modulus E, wall h and radius r."""
    e_pa, h_m, r_m, rho = (number(name, value, 0.0, low_open=True)
                           for name, value in (("E", e_pa), ("h", h_m), ("r", r_m), ("rho", rho)))
    return math.sqrt(e_pa * h_m / (2.0 * r_m * rho))


def relative_flow(narrowing: float, segment_share: float = SEGMENT_SHARE) -> float:
    """Toy flow through a path with one narrowed stretch, as a share of healthy flow (0–1].

    Poiseuille: the stretch's resistance grows as 1/r⁴, and r shrinks to ``1 − narrowing``
    of its healthy value; the rest of the path (share ``1 − segment_share``) is unchanged.
    """
    narrowing = number("narrowing", narrowing, 0.0, 1.0)
    share = number("segment_share", segment_share, 0.0, 1.0, low_open=True)
    if narrowing >= 1.0:
        return 0.0
    return 1.0 / ((1.0 - share) + share / (1.0 - narrowing) ** 4)


@dataclass(frozen=True)
class PipeState:
    kind: str
    extent: float
    intimal: float  #: extent of intimal calcium, 0–1
    medial: float  #: extent of medial calcium, 0–1
    intimal_stiffening: float  #: the made-up constant used for intimal calcium
    medial_stiffening: float  #: the made-up constant used for medial calcium
    stiffness: float  #: wall modulus, Pa
    pwv: float  #: pulse wave velocity, m/s
    narrowing: float  #: share of the channel's width blocked by plaque, 0–1
    lumen_radius_mm: float
    flow: float  #: toy blood flow, share of healthy flow (0–1]
    pulse_pressure: float
    systolic: float
    diastolic: float
    time: np.ndarray  #: one heartbeat, toy seconds
    pressure: np.ndarray  #: pressure over that heartbeat, toy units

    @property
    def stiffness_ratio(self) -> float:
        return self.stiffness / HEALTHY_E

    @property
    def channel_width(self) -> float:
        """Width of the open channel, as a share of a healthy one (0–1)."""
        return 1.0 - self.narrowing


def _beat_shape(time: np.ndarray) -> np.ndarray:
    """A pressure pulse between 0 and 1: a quick rise, then a slow fall (illustrative)."""
    rise = np.clip(time / 0.12, 0, 1)
    upstroke = np.sin(rise * math.pi / 2) ** 2
    fall = np.exp(-np.clip(time - 0.12, 0, None) / 0.35)
    shape = np.where(time < 0.12, upstroke, fall)
    return (shape - shape.min()) / (shape.max() - shape.min())


def pipe_state(kind: str = "none", extent: float = 0.5, *, intimal_stiffening: float | None = None,
               medial_stiffening: float | None = None, points: int = 200) -> PipeState:
    """The toy artery with calcium of ``kind`` over ``extent`` (0 = none, 1 = as much as the toy allows).

    The stiffening constants default to the module's made-up values (read at call time).
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {kind!r}.")
    extent = number("extent", extent, 0.0, 1.0)
    k_int = number("intimal_stiffening", INTIMAL_STIFFENING if intimal_stiffening is None else intimal_stiffening,
                   0.0)
    k_med = number("medial_stiffening", MEDIAL_STIFFENING if medial_stiffening is None else medial_stiffening, 0.0)
    intimal = extent if kind in ("intimal", "both") else 0.0
    medial = extent if kind in ("medial", "both") else 0.0
    stiffness = HEALTHY_E * (1.0 + k_med * medial + k_int * intimal)
    pwv = pulse_wave_velocity(stiffness, WALL_MM / 1000, RADIUS_MM / 1000)
    healthy_pwv = pulse_wave_velocity(HEALTHY_E, WALL_MM / 1000, RADIUS_MM / 1000)
    # A stiffer tube has a higher characteristic impedance, so the same heartbeat makes a bigger pulse.
    pulse_pressure = HEALTHY_PULSE_PRESSURE * pwv / healthy_pwv
    narrowing = MAX_NARROWING * intimal
    time = np.linspace(0.0, 1.0, int(points))
    shape = _beat_shape(time)
    pressure = MEAN_PRESSURE + pulse_pressure * (shape - shape.mean())
    return PipeState(
        kind=kind, extent=extent, intimal=intimal, medial=medial, intimal_stiffening=k_int,
        medial_stiffening=k_med, stiffness=stiffness, pwv=pwv, narrowing=narrowing,
        lumen_radius_mm=RADIUS_MM * (1.0 - narrowing), flow=relative_flow(narrowing),
        pulse_pressure=float(pressure.max() - pressure.min()), systolic=float(pressure.max()),
        diastolic=float(pressure.min()), time=time, pressure=pressure,
    )
