"""The course map: eight notebooks, one idea each, in the order they build on each other."""

from __future__ import annotations

import textwrap

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from ..course import load_course
from ..display import new_figure
from ..style import FILL_COLOURS, LINE_COLOURS, course_style

#: Where each chapter's box sits (column, row): a snake, so the path reads left to right, then back.
POSITIONS = {0: (0, 1), 1: (1, 1), 2: (2, 1), 3: (3, 1), 4: (3, 0), 5: (2, 0), 6: (1, 0), 7: (0, 0)}
BOX_W, BOX_H = 0.8, 0.62


def draw_course_map(ax: Axes | None = None) -> dict:
    """Draw the course map on ``ax``; returns ``{"boxes": [...], "arrows": [...], "labels": [...]}``."""
    with course_style():
        if ax is None:
            _, ax = new_figure(9.5, 4.6)
        course = load_course()
        ax.set_xlim(-0.5, 3.5)
        ax.set_ylim(-0.45, 1.45)
        ax.set_axis_off()
        ax.set_title("Course map: one idea per notebook, each building on the last")
        drawn = {"boxes": [], "arrows": [], "labels": []}
        for chapter in course.chapters:
            x, y = POSITIONS[chapter.number]
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
        for number in range(len(course.chapters) - 1):
            (x0, y0), (x1, y1) = POSITIONS[number], POSITIONS[number + 1]
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
    with course_style():
        fig, ax = new_figure(9.5, 4.6)
        draw_course_map(ax)
    return fig
