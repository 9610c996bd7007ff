"""Chapter 07's concept map: the course's six big ideas and the links between them."""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from ..display import new_figure
from ..style import FILL_COLOURS, LINE_COLOURS, course_style


@dataclass(frozen=True)
class Idea:
    chapter: int
    title: str
    gist: str


IDEAS: tuple[Idea, ...] = (
    Idea(1, "Calcium balance", "Blood calcium is held in a narrow band;\nbone is the reserve that pays for it."),
    Idea(2, "The regulators",
         "Brakes (MGP, magnesium, pyrophosphate) and\npushes (phosphate, inflammation) in the wall."),
    Idea(3, "Two kinds of artery calcium",
         "Intimal: part of plaque. Medial: a ring\nin the muscle layer that stiffens the wall."),
    Idea(4, "What a CT score sees", "Counts bright spots: a strong risk marker,\nbut blind to which layer holds them."),
    Idea(5, "The calcium paradox", "Weak bone and calcified arteries travel\ntogether through shared causes."),
    Idea(6, "Reading the evidence", "Links are not causes; a mechanism is not a\nproven effect; check the trials."),
)

#: (from chapter, to chapter, linking phrase): the main path, drawn as solid arrows.
MAIN_LINKS: tuple[tuple[int, int, str], ...] = (
    (1, 2, "kept in balance by"),
    (2, 3, "where the brakes lose, calcium settles as"),
    (3, 4, "both kinds look alike on"),
    (4, 5, "scans of bones and arteries together reveal"),
    (5, 6, "to tell cause from link, weigh"),
)
#: Cross-links that skip chapters, drawn as dashed arcs: (from, to, phrase, side).
CROSS_LINKS: tuple[tuple[int, int, str, str], ...] = (
    (1, 5, "bone loss does not\nflood the blood", "left"),
    (2, 6, "supplement claims\nare tested in trials", "right"),
)

BOX_W, BOX_H, STEP = 6.2, 0.78, 1.3


def _y(chapter: int) -> float:
    return -(chapter - 1) * STEP


def draw_concept_map(ax: Axes) -> dict:
    """Draw the concept map on ``ax``; returns ``{"boxes", "labels", "main", "cross"}``."""
    ax.set_xlim(-5.3, 6.3)
    ax.set_ylim(_y(6) - 0.6, 0.6)
    ax.set_axis_off()
    drawn: dict[str, list] = {"boxes": [], "labels": [], "main": [], "cross": []}
    left = -BOX_W / 2 + 0.2
    for idea in IDEAS:
        y = _y(idea.chapter)
        box = FancyBboxPatch((left, y - BOX_H / 2), BOX_W, BOX_H, boxstyle="round,pad=0.03",
                             facecolor=FILL_COLOURS["pale"], edgecolor=LINE_COLOURS["black"], linewidth=1.5)
        ax.add_patch(box)
        drawn["boxes"].append(box)
        drawn["labels"].append(ax.text(left + 0.15, y + 0.17, f"{idea.chapter:02d}  {idea.title}", fontsize=12,
                                       fontweight="bold", va="center"))
        drawn["labels"].append(ax.text(left + 0.15, y - 0.17, idea.gist, fontsize=10, va="center",
                                       linespacing=1.15))
    for start, end, phrase in MAIN_LINKS:
        x = left + BOX_W * 0.82
        arrow = FancyArrowPatch((x, _y(start) - BOX_H / 2 - 0.04), (x, _y(end) + BOX_H / 2 + 0.04),
                                arrowstyle="-|>", mutation_scale=14, color=LINE_COLOURS["black"], linewidth=2)
        ax.add_patch(arrow)
        drawn["main"].append(arrow)
        drawn["labels"].append(ax.text(x - 0.12, (_y(start) + _y(end)) / 2, phrase, fontsize=10, ha="right",
                                       va="center", style="italic"))
    for start, end, phrase, side in CROSS_LINKS:
        x = left - 0.05 if side == "left" else left + BOX_W + 0.05
        bend = 0.45 if side == "left" else -0.45  # bulge away from the boxes
        arrow = FancyArrowPatch((x, _y(start)), (x, _y(end)), arrowstyle="-|>", mutation_scale=14,
                                color=LINE_COLOURS["blue"], linewidth=1.8, linestyle="--",
                                connectionstyle=f"arc3,rad={bend}")
        ax.add_patch(arrow)
        drawn["cross"].append(arrow)
        # How far the arc bulges out, in x units: arc3 bends in screen space, where a y unit is a little
        # longer than an x unit in this figure, hence the factor.
        reach = abs(_y(end) - _y(start)) * 0.45 / 2 * 1.15
        if side == "left":
            label = ax.text(x - reach - 0.3, (_y(start) + _y(end)) / 2, phrase, fontsize=10, ha="right",
                            va="center", color=LINE_COLOURS["blue"])
        else:
            label = ax.text(x + reach + 0.3, (_y(start) + _y(end)) / 2, phrase, fontsize=10, ha="left",
                            va="center", color=LINE_COLOURS["blue"])
        drawn["labels"].append(label)
    ax.set_title("Concept map: how the course's ideas connect (solid: main path; dashed: shortcuts)")
    return drawn


def concept_map_figure() -> Figure:
    with course_style():
        fig, ax = new_figure(11, 9)
        draw_concept_map(ax)
    return fig
