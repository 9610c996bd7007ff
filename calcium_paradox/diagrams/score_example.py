"""Chapter 04's worked example: a toy calcium score worked out on a small grid of numbers.

The grid and its numbers come from ``models.agatston.WORKED_EXAMPLE``; the lesions,
areas, weights and the total are computed by the course's own score function, so
the picture can never disagree with the code.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from ..display import new_figure
from ..models.agatston import WORKED_EXAMPLE, WORKED_MIN_AREA_MM2, WORKED_PIXEL_MM2, agatston_score
from ..style import FILL_COLOURS, LINE_COLOURS, course_style

LETTERS = "ABCDEFGH"
FILLS = (FILL_COLOURS["yellow"], FILL_COLOURS["orange"], FILL_COLOURS["sky"])
HATCHES = (None, "\\\\", "xx")


def worked_steps() -> list[str]:
    """The example worked out in words, one line per lesion and one for the total."""
    hu = np.array(WORKED_EXAMPLE, dtype=float)
    score = agatston_score(hu, WORKED_PIXEL_MM2, min_area_mm2=WORKED_MIN_AREA_MM2)
    lines = []
    for letter, lesion in zip(LETTERS, score.lesions, strict=False):
        squares = f"{lesion.pixels} square{'s' if lesion.pixels != 1 else ''} = {lesion.area_mm2:.1f} mm²"
        if lesion.counted:
            lines.append(f"{letter}: {squares}, peak {lesion.peak_hu:.0f} → weight {lesion.weight} "
                         f"→ {lesion.area_mm2:.1f} × {lesion.weight} = {lesion.score:.1f}")
        else:
            lines.append(f"{letter}: {squares}, peak {lesion.peak_hu:.0f}: under the "
                         f"{WORKED_MIN_AREA_MM2:g} mm² minimum, not counted")
    parts = " + ".join(f"{lesion.score:.1f}" for lesion in score.counted)
    lines.append(f"Toy score = {parts} = {score.total:.1f}")
    return lines


def worked_example_figure() -> Figure:
    """The grid of numbers, with each lesion shaded and lettered, and the working beside it."""
    hu = np.array(WORKED_EXAMPLE, dtype=float)
    score = agatston_score(hu, WORKED_PIXEL_MM2, min_area_mm2=WORKED_MIN_AREA_MM2)
    rows, cols = hu.shape
    with course_style():
        fig, (ax, notes) = new_figure(10.5, 4.4, ncols=2, width_ratios=[1, 1.15])
        fig.suptitle("Worked example: a toy calcium score from 48 squares of a scan")
        ax.set_xlim(-0.05, cols + 0.05)
        ax.set_ylim(rows + 0.05, -0.05)
        ax.set_aspect("equal")
        ax.set_axis_off()
        ax.set_title(f"Each square is {WORKED_PIXEL_MM2:g} mm²; bold numbers are 130 or more", fontsize=10.5)
        for (r, c), value in np.ndenumerate(hu):
            label = score.labels[r, c]
            face, hatch = ("white", None) if not label else (FILLS[(label - 1) % 3], HATCHES[(label - 1) % 3])
            ax.add_patch(Rectangle((c, r), 1, 1, facecolor=face, edgecolor=LINE_COLOURS["black"], linewidth=1.0,
                                   hatch=hatch))
            ax.text(c + 0.5, r + 0.58, f"{value:.0f}", ha="center", va="center", fontsize=11,
                    fontweight="bold" if value >= 130 else "normal",
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.4} if label else None)
        for letter, lesion in zip(LETTERS, score.lesions, strict=False):
            rs, cs = np.nonzero(score.labels == lesion.label)
            top, left = rs.min(), cs[rs == rs.min()].min()
            ax.text(left + 0.06, top + 0.05, letter, ha="left", va="top", fontsize=9.5, fontweight="bold",
                    bbox={"facecolor": "white", "edgecolor": LINE_COLOURS["black"], "pad": 0.8})
        notes.set_axis_off()
        notes.set_xlim(0, 1)
        notes.set_ylim(0, 1)
        notes.text(0, 0.97, "Step by step", ha="left", va="top", fontsize=12, fontweight="bold")
        notes.text(0, 0.86, "1. Keep the squares at 130 or more.\n2. Touching squares make one lesion.\n"
                   "3. Drop lesions under the minimum size.\n4. Weight each lesion by its peak.\n"
                   "5. Multiply area by weight, then add.", ha="left", va="top", fontsize=10.5, linespacing=1.45)
        notes.text(0, 0.46, "\n".join(worked_steps()), ha="left", va="top", fontsize=10, linespacing=1.55)
        notes.text(0, 0.1, "The 120 next to A is under 130, so it is not calcium.", ha="left", va="top",
                   fontsize=10)
        fig.legend(handles=[Patch(facecolor=FILLS[i], hatch=HATCHES[i], edgecolor=LINE_COLOURS["black"],
                                  label=f"lesion {LETTERS[i]}") for i in range(len(score.lesions))],
                   loc="lower center", ncols=3, fontsize=10, frameon=False, bbox_to_anchor=(0.25, 0.0))
        fig.get_layout_engine().set(rect=(0, 0.07, 1, 0.93))
    return fig
