"""Stiff pipes: a toy model of how calcium in the artery wall changes stiffness and pressure.

Two kinds of artery calcium (chapter 03):

- **intimal** calcium sits in patches inside a plaque in the inner layer. The
  plaque grows into the channel (it narrows the lumen), but its calcium does not
  form a continuous ring, so it stiffens the wall only a little in this toy;
- **medial** calcium forms a ring in the middle, muscle layer, which carries the
  wall's load. It hardly narrows the channel, but it stiffens the wall a lot.

Stiffer wall → faster pulse wave, from the Moens–Korteweg relation
``PWV = sqrt(E·h / (2·r·ρ))`` (a thin, elastic wall and a frictionless fluid).
A faster wave goes with a wider pulse pressure (the gap between the top and the
bottom of each beat) at the same mean pressure, as in isolated systolic
hypertension. The link from "amount of calcium" to "stiffness" is made up for
illustration; only the Moens–Korteweg step is a real physical relation.
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
MEDIAL_STIFFENING = 2.0  #: at full extent, medial calcium makes the wall 3× stiffer (toy)
INTIMAL_STIFFENING = 0.5  #: at full extent, intimal calcium makes the wall 1.5× stiffer (toy)
MAX_NARROWING = 0.45  #: share of the channel's width a full plaque blocks (toy)
MEAN_PRESSURE = 100.0  #: toy pressure units; stays the same in every state
HEALTHY_PULSE_PRESSURE = 40.0  #: toy pressure units


def pulse_wave_velocity(e_pa: float, h_m: float, r_m: float, rho: float = BLOOD_DENSITY) -> float:
    """Moens–Korteweg: wave speed (m/s) in a thin elastic tube of modulus E, wall h and radius r."""
    e_pa, h_m, r_m, rho = (number(name, value, 0.0, low_open=True)
                           for name, value in (("E", e_pa), ("h", h_m), ("r", r_m), ("rho", rho)))
    return math.sqrt(e_pa * h_m / (2.0 * r_m * rho))


@dataclass(frozen=True)
class PipeState:
    kind: str
    extent: float
    intimal: float  #: extent of intimal calcium, 0–1
    medial: float  #: extent of medial calcium, 0–1
    stiffness: float  #: wall modulus, Pa
    pwv: float  #: pulse wave velocity, m/s
    narrowing: float  #: share of the channel's width blocked by plaque, 0–1
    lumen_radius_mm: float
    pulse_pressure: float
    systolic: float
    diastolic: float
    time: np.ndarray  #: one heartbeat, toy seconds
    pressure: np.ndarray  #: pressure over that heartbeat, toy units

    @property
    def stiffness_ratio(self) -> float:
        return self.stiffness / HEALTHY_E


def _beat_shape(time: np.ndarray) -> np.ndarray:
    """A pressure pulse between 0 and 1: a quick rise, then a slow fall (illustrative)."""
    rise = np.clip(time / 0.12, 0, 1)
    upstroke = np.sin(rise * math.pi / 2) ** 2
    fall = np.exp(-np.clip(time - 0.12, 0, None) / 0.35)
    shape = np.where(time < 0.12, upstroke, fall)
    return (shape - shape.min()) / (shape.max() - shape.min())


def pipe_state(kind: str = "none", extent: float = 0.5, *, points: int = 200) -> PipeState:
    """The toy artery with calcium of ``kind`` over ``extent`` (0 = none, 1 = as much as the toy allows)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {kind!r}.")
    extent = number("extent", extent, 0.0, 1.0)
    intimal = extent if kind in ("intimal", "both") else 0.0
    medial = extent if kind in ("medial", "both") else 0.0
    stiffness = HEALTHY_E * (1.0 + MEDIAL_STIFFENING * medial + INTIMAL_STIFFENING * intimal)
    pwv = pulse_wave_velocity(stiffness, WALL_MM / 1000, RADIUS_MM / 1000)
    healthy_pwv = pulse_wave_velocity(HEALTHY_E, WALL_MM / 1000, RADIUS_MM / 1000)
    # A stiffer tube has a higher characteristic impedance, so the same heartbeat makes a bigger pulse.
    pulse_pressure = HEALTHY_PULSE_PRESSURE * pwv / healthy_pwv
    narrowing = MAX_NARROWING * intimal
    time = np.linspace(0.0, 1.0, int(points))
    shape = _beat_shape(time)
    pressure = MEAN_PRESSURE + pulse_pressure * (shape - shape.mean())
    return PipeState(
        kind=kind, extent=extent, intimal=intimal, medial=medial, stiffness=stiffness, pwv=pwv,
        narrowing=narrowing, lumen_radius_mm=RADIUS_MM * (1.0 - narrowing),
        pulse_pressure=float(pressure.max() - pressure.min()), systolic=float(pressure.max()),
        diastolic=float(pressure.min()), time=time, pressure=pressure,
    )
