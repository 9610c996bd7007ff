"""Published effect estimates (chapter 06): load them, check them and filter them.

The numbers live in ``data/effects.yaml``; each row is one estimate from one
study, copied from the course's science pack. This module is pure Python: it
never draws (the forest plot is in ``diagrams/forest.py``) and never builds
widgets (the explorer is ``explorers/forest_plot.py``).

``filter_effects`` never raises for a filter that matches nothing: it returns
an empty :class:`Selection`, whose ``message`` says so in plain words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from . import bibliography

ALL = "all"

#: Study designs, strongest test of cause first (as the chapter teaches them).
DESIGNS: dict[str, str] = {
    "ma_trials": "Meta-analysis of randomised trials",
    "trial": "Randomised trial",
    "mendelian": "Mendelian randomisation (genes)",
    "observational": "Observational study",
    "ma_observational": "Meta-analysis of observational studies",
}

#: What people were exposed to (the first filter).
EXPOSURES: dict[str, str] = {
    "calcium_intake": "Calcium intake (food plus any pills)",
    "calcium_pills": "Calcium pills",
    "blood_calcium": "Blood calcium (set by genes)",
    "vitamin_k": "Vitamin K pills",
    "vitamin_k_blockers": "Warfarin-type drugs (block vitamin K)",
    "bone_drugs": "Bone drugs (bisphosphonates)",
}

#: The same exposures in a few words, for plot labels.
EXPOSURE_SHORT: dict[str, str] = {
    "calcium_intake": "calcium intake",
    "calcium_pills": "calcium pills",
    "blood_calcium": "blood calcium (genes)",
    "vitamin_k": "vitamin K",
    "vitamin_k_blockers": "warfarin-type drugs",
    "bone_drugs": "bisphosphonates",
}

OUTCOME_TYPES: dict[str, str] = {
    "events": "Heart and stroke events",
    "calcification": "Calcium in arteries or valves",
}

#: Ratios (the line of no effect is at 1; drawn on a log scale) and differences (no effect at 0).
RATIO_MEASURES: dict[str, str] = {
    "RR": "relative risk",
    "HR": "hazard ratio",
    "OR": "odds ratio",
    "PR": "prevalence ratio",
}
DIFFERENCE_MEASURES: dict[str, str] = {
    "MD": "difference in calcium score (Agatston units)",
}
MEASURES = {**RATIO_MEASURES, **DIFFERENCE_MEASURES}


@dataclass(frozen=True)
class Estimate:
    """One published estimate: a point estimate and its 95% confidence interval."""

    study: str
    name: str
    design: str
    population: str
    exposure: str
    compared: str
    outcome: str
    outcome_type: str
    measure: str
    estimate: float
    lower: float
    upper: float
    secondary: bool = False
    note: str = ""
    where: str = ""
    subgroup: str = ""
    #: How and when the numbers were confirmed: for maintainers only, never shown to learners.
    checked: str = ""

    @property
    def kind(self) -> str:
        """``"ratio"`` or ``"difference"``."""
        return "ratio" if self.measure in RATIO_MEASURES else "difference"

    @property
    def no_effect(self) -> float:
        return 1.0 if self.kind == "ratio" else 0.0

    @property
    def direction(self) -> str:
        """Where the whole interval sits: ``"above"`` or ``"below"`` no effect, or ``"crosses"`` it."""
        if self.lower > self.no_effect:
            return "above"
        if self.upper < self.no_effect:
            return "below"
        return "crosses"

    @property
    def label(self) -> str:
        """Row label for the plot, on two lines: the study, then exposure → outcome."""
        who = f"{self.name}, {self.subgroup}" if self.subgroup else self.name
        return f"{who}\n{EXPOSURE_SHORT.get(self.exposure, self.exposure)} → {self.outcome}"

    def numbers(self) -> str:
        """The estimate and interval as text, marked as approximate when the source is secondary."""
        text = f"{_number(self.estimate)} ({_number(self.lower)} to {_number(self.upper)})"
        return f"about {text}*" if self.secondary else text


def _number(value: float) -> str:
    text = f"{value:g}"
    return text.replace("-", "−")  # a real minus sign reads better and is announced by screen readers


@dataclass(frozen=True)
class Selection:
    """What a filter chose: the settings, the matching rows (in data order) and a plain message."""

    exposure: str
    outcome_type: str
    design: str
    rows: tuple[Estimate, ...] = field(default_factory=tuple)

    @property
    def ratios(self) -> tuple[Estimate, ...]:
        return tuple(r for r in self.rows if r.kind == "ratio")

    @property
    def differences(self) -> tuple[Estimate, ...]:
        return tuple(r for r in self.rows if r.kind == "difference")

    @property
    def empty(self) -> bool:
        return not self.rows

    @property
    def message(self) -> str:
        if self.rows:
            return ""
        return (
            "No study in this course's data matches these filters. "
            "Choose “All” in one of the lists to see more."
        )

    def filters_text(self) -> str:
        exposure = "all" if self.exposure == ALL else EXPOSURES[self.exposure]
        outcome = "all" if self.outcome_type == ALL else OUTCOME_TYPES[self.outcome_type]
        design = "all" if self.design == ALL else DESIGNS[self.design]
        return f"exposure {exposure}; outcome {outcome}; design {design}"


def _estimate(raw: dict) -> Estimate:
    values = dict(raw)
    for name in ("estimate", "lower", "upper"):
        values[name] = float(values[name])
    return Estimate(**values)


@lru_cache(maxsize=1)
def load_effects() -> tuple[Estimate, ...]:
    """Every estimate in ``data/effects.yaml``, in file order."""
    text = resources.files("calcium_paradox").joinpath("data/effects.yaml").read_text("utf-8")
    return tuple(_estimate(raw) for raw in yaml.safe_load(text)["estimates"])


def problems(rows: Iterable[Estimate]) -> list[str]:
    """Everything wrong with a set of estimates (an empty list means they are fine)."""
    found: list[str] = []
    known = bibliography.load()
    seen = set()
    for row in rows:
        where = f"{row.name} ({row.outcome})"
        if row.study not in known:
            found.append(f"{where}: study key {row.study!r} is not in references.yaml.")
        if row.design not in DESIGNS:
            found.append(f"{where}: unknown design {row.design!r}.")
        if row.exposure not in EXPOSURES:
            found.append(f"{where}: unknown exposure {row.exposure!r}.")
        if row.outcome_type not in OUTCOME_TYPES:
            found.append(f"{where}: unknown outcome type {row.outcome_type!r}.")
        if row.measure not in MEASURES:
            found.append(f"{where}: unknown measure {row.measure!r}.")
        if not row.lower <= row.estimate <= row.upper:
            found.append(f"{where}: the estimate {row.estimate} is not inside its interval "
                         f"{row.lower} to {row.upper}.")
        if row.measure in RATIO_MEASURES and row.lower <= 0:
            found.append(f"{where}: a ratio must be above 0.")
        if not (row.population and row.compared and row.where):
            found.append(f"{where}: population, what was compared and the fact-sheet source are all needed.")
        if row.secondary and not row.note:
            found.append(f"{where}: a secondary number needs a note saying where it came from.")
        identity = (row.study, row.subgroup, row.exposure, row.outcome)
        if identity in seen:
            found.append(f"{where}: the same study, group, exposure and outcome appear twice.")
        seen.add(identity)
    return found


def _check_choice(name: str, value: str, options: dict[str, str]) -> None:
    if value != ALL and value not in options:
        choices = ", ".join([ALL, *options])
        raise ValueError(f"{value!r} is not a {name}; choose one of: {choices}.")


def filter_effects(
    exposure: str = ALL, outcome_type: str = ALL, design: str = ALL, rows: Iterable[Estimate] | None = None
) -> Selection:
    """The estimates that match all three filters (``"all"`` matches everything).

    An unknown filter value raises ``ValueError`` with the valid choices; a filter
    that matches nothing is not an error: it returns an empty selection.
    """
    _check_choice("exposure", exposure, EXPOSURES)
    _check_choice("outcome type", outcome_type, OUTCOME_TYPES)
    _check_choice("design", design, DESIGNS)
    source = load_effects() if rows is None else tuple(rows)
    chosen = tuple(
        r for r in source
        if exposure in (ALL, r.exposure) and outcome_type in (ALL, r.outcome_type) and design in (ALL, r.design)
    )
    return Selection(exposure, outcome_type, design, chosen)


def summary(selection: Selection) -> str:
    """One or two plain sentences about a selection (used by the explorer's state sentence)."""
    if selection.empty:
        return f"Filters: {selection.filters_text()}. {selection.message}"
    count = len(selection.rows)
    above = sum(r.direction == "above" for r in selection.rows)
    below = sum(r.direction == "below" for r in selection.rows)
    crosses = count - above - below
    estimates = "estimate" if count == 1 else "estimates"
    text = (
        f"Filters: {selection.filters_text()}. Showing {count} {estimates}: "
        f"{above} with the whole interval on the “more” side of no effect, "
        f"{below} wholly on the “less” side, and {crosses} whose interval crosses the line of no effect."
    )
    secondary = sum(r.secondary for r in selection.rows)
    if secondary:
        verb = "is" if secondary == 1 else "are"
        text += f" {secondary} of them {verb} approximate (marked with a star)."
    return text
