"""The course map: every notebook, one idea each, in the order they build on each other."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from itertools import pairwise

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from ..course import load_course
from ..display import new_figure
from ..style import FILL_COLOURS, LINE_COLOURS, course_style

BOX_W, BOX_H = 0.8, 0.62


def snake_positions(count: int) -> list[tuple[int, int]]:
    """Where each of ``count`` boxes sits (column, row), in two rows read as a snake: the top row left
    to right, then the bottom row back from right to left (8 boxes: 4 above, 4 below)."""
    columns = max(1, math.ceil(count / 2))
    top = [(column, 1) for column in range(columns)]
    bottom = [(column, 0) for column in reversed(range(columns))]
    return (top + bottom)[:count]


def draw_course_map(ax: Axes | None = None, chapters: Sequence | None = None) -> dict:
    """Draw the course map on ``ax``; returns ``{"boxes": [...], "arrows": [...], "labels": [...]}``.

    ``chapters`` (each with ``number``, ``title`` and ``minutes``) defaults to the course's own, from
    course.yaml, in order; the layout fits however many there are.
    """
    with course_style():
        if ax is None:
            _, ax = new_figure(9.5, 4.6)
        chapters = list(load_course().chapters if chapters is None else chapters)
        positions = snake_positions(len(chapters))
        columns = max(x for x, _ in positions) + 1
        ax.set_xlim(-0.5, columns - 0.5)
        ax.set_ylim(-0.45, 1.45)
        ax.set_axis_off()
        ax.set_title("Course map: one idea per notebook, each building on the last")
        drawn = {"boxes": [], "arrows": [], "labels": []}
        for chapter, (x, y) in zip(chapters, positions, strict=True):
            fill = FILL_COLOURS["pale"]
            box = FancyBboxPatch((x - BOX_W / 2, y - BOX_H / 2), BOX_W, BOX_H,
                                 boxstyle="round,pad=0.02", facecolor=fill,
                                 edgecolor=LINE_COLOURS["black"], linewidth=1.5)
            ax.add_patch(box)
            title = "\n".join(textwrap.wrap(chapter.title, 17))
            label = ax.text(x, y, f"{chapter.number:02d}\n{title}\n({chapter.minutes} min)",
                            ha="center", va="center", fontsize=11, linespacing=1.25)
            drawn["boxes"].append(box)
            drawn["labels"].append(label)
        for (x0, y0), (x1, y1) in pairwise(positions):
            if y0 == y1:
                step = BOX_W / 2 + 0.03
                start, end = (x0 + step * (1 if x1 > x0 else -1), y0), (x1 - step * (1 if x1 > x0 else -1), y1)
            else:
                start, end = (x0, y0 - BOX_H / 2 - 0.03), (x1, y1 + BOX_H / 2 + 0.03)
            arrow = FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=16,
                                    color=LINE_COLOURS["black"], linewidth=2)
            ax.add_patch(arrow)
            drawn["arrows"].append(arrow)
        return drawn


def course_map_figure() -> Figure:
    columns = math.ceil(len(load_course().chapters) / 2)
    with course_style():
        fig, ax = new_figure(9.5 * max(columns, 4) / 4, 4.6)
        draw_course_map(ax)
    return fig
