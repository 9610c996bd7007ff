"""Chapter 01 diagrams: where the body's calcium is, and how it flows each day.

Both are simple and illustrative. The flow picture gives shares in words
("about a quarter"), because textbooks differ on the exact daily amounts.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch, Rectangle

from ..display import new_figure
from ..style import FILL_COLOURS, LINE_COLOURS, course_style


def draw_where_calcium_is(ax: Axes) -> dict:
    """A 10 × 10 grid: 99 squares for bone and teeth, one for everything else (drawn too big)."""
    squares = []
    for i in range(100):
        row, col = divmod(i, 10)
        other = i == 99
        square = Rectangle((col, 9 - row), 0.9, 0.9,
                           facecolor=FILL_COLOURS["orange"] if other else FILL_COLOURS["sky"],
                           edgecolor=LINE_COLOURS["black"], linewidth=1.0 if not other else 2.0,
                           hatch="//" if other else None)
        ax.add_patch(square)
        squares.append(square)
    ax.set_xlim(-0.2, 10.1)
    ax.set_ylim(-0.2, 10.1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title("Where the body's calcium is (about 1 kg in an adult)")
    legend = ax.legend(
        handles=[
            Patch(facecolor=FILL_COLOURS["sky"], edgecolor=LINE_COLOURS["black"], label="bone and teeth: more than 99 in 100 parts"),
            Patch(facecolor=FILL_COLOURS["orange"], edgecolor=LINE_COLOURS["black"], hatch="//",
                  label="blood, body fluids and cells: under 1 in 100\n(one square, drawn a little too big)"),
        ],
        loc="upper center", bbox_to_anchor=(0.5, -0.02), frameon=False, fontsize=11,
    )
    return {"squares": squares, "legend": legend}


def where_calcium_is_figure() -> Figure:
    with course_style():
        fig, ax = new_figure(6.4, 5.6)
        draw_where_calcium_is(ax)
    return fig


BOXES = {
    # name: (x, y, label)
    "food": (0.9, 4.2, "Food"),
    "gut": (3.2, 4.2, "Gut"),
    "stool": (3.2, 1.2, "Stool"),
    "blood": (6.2, 4.2, "Blood"),
    "bone": (9.3, 4.2, "Bone\n(the reserve)"),
    "kidney": (6.2, 1.9, "Kidneys"),
    "urine": (9.3, 0.6, "Urine"),
}
BOX_W, BOX_H = 1.7, 1.0


def _box(ax: Axes, name: str) -> FancyBboxPatch:
    x, y, label = BOXES[name]
    box = FancyBboxPatch((x - BOX_W / 2, y - BOX_H / 2), BOX_W, BOX_H, boxstyle="round,pad=0.05",
                         facecolor=FILL_COLOURS["pale"], edgecolor=LINE_COLOURS["black"], linewidth=1.5)
    ax.add_patch(box)
    ax.text(x, y, label, ha="center", va="center", fontsize=12, fontweight="bold")
    return box


def _arrow(ax: Axes, start, end, text: str = "", *, offset=(0.0, 0.25), rad: float = 0.0,
           colour: str = LINE_COLOURS["black"], style: str = "-") -> FancyArrowPatch:
    arrow = FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=16, linewidth=2,
                            color=colour, linestyle=style, connectionstyle=f"arc3,rad={rad}")
    ax.add_patch(arrow)
    if text:
        mid = ((start[0] + end[0]) / 2 + offset[0], (start[1] + end[1]) / 2 + offset[1])
        ax.text(*mid, text, ha="center", va="center", fontsize=10.5,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    return arrow


def draw_daily_flows(ax: Axes) -> dict:
    """Calcium's daily path: food → gut → blood ↔ bone; blood → kidneys → urine; the rest → stool.

    The two hormones are drawn next to the places they act, with dashed arrows.
    """
    ax.set_xlim(-0.2, 10.6)
    ax.set_ylim(-0.3, 6.9)
    ax.set_axis_off()
    ax.set_title("Calcium's daily path, and the two hormones that steer it (illustrative)")
    boxes = {name: _box(ax, name) for name in BOXES}
    half = BOX_W / 2
    arrows = [
        _arrow(ax, (0.9 + half, 4.2), (3.2 - half, 4.2), "eaten", offset=(0, 0.35)),
        _arrow(ax, (3.2 + half, 4.2), (6.2 - half, 4.2), "about a quarter\nis absorbed", offset=(0, 0.45)),
        _arrow(ax, (3.2, 4.2 - BOX_H / 2), (3.2, 1.2 + BOX_H / 2), "about three quarters\nis not absorbed", offset=(-1.45, 0)),
        _arrow(ax, (6.2 + half, 4.35), (9.3 - half, 4.35), "deposits", offset=(0, 0.3), rad=-0.25),
        _arrow(ax, (9.3 - half, 4.05), (6.2 + half, 4.05), "withdrawals", offset=(0, -0.3), rad=-0.25),
        _arrow(ax, (6.0, 4.2 - BOX_H / 2), (6.0, 1.9 + BOX_H / 2), "filtered", offset=(-0.6, 0)),
        _arrow(ax, (6.4, 1.9 + BOX_H / 2), (6.4, 4.2 - BOX_H / 2), "most taken\nback", offset=(0.75, 0)),
        _arrow(ax, (6.2 + half, 1.7), (9.3 - half, 0.7), "a small part", offset=(0.1, 0.35)),
    ]
    blue, purple = LINE_COLOURS["blue"], LINE_COLOURS["purple"]
    ax.text(7.8, 6.35, "PTH (parathyroid hormone)\nrises when blood calcium falls", ha="center", va="center",
            fontsize=10.5, bbox={"facecolor": "white", "edgecolor": blue, "linestyle": "--", "linewidth": 2, "pad": 3})
    ax.text(2.6, 6.35, "Calcitriol (active vitamin D),\nmade in the kidneys", ha="center", va="center",
            fontsize=10.5, bbox={"facecolor": "white", "edgecolor": purple, "linestyle": "--", "linewidth": 2, "pad": 3})
    hormone_arrows = [
        _arrow(ax, (8.6, 5.95), (9.2, 4.2 + BOX_H / 2 + 0.05), colour=blue, style="--"),
        _arrow(ax, (7.45, 5.95), (6.95, 1.9 + BOX_H / 2 + 0.05), colour=blue, style="--"),
        _arrow(ax, (2.9, 5.95), (3.2, 4.2 + BOX_H / 2 + 0.05), colour=purple, style="--"),
    ]
    ax.text(0.0, -0.1, "Dashed arrows: where each hormone acts. PTH: bone releases more, kidneys keep more, "
            "more calcitriol is made.\nCalcitriol: the gut absorbs more.", fontsize=10, va="bottom")
    return {"boxes": boxes, "arrows": arrows, "hormone_arrows": hormone_arrows}


def daily_flows_figure() -> Figure:
    with course_style():
        fig, ax = new_figure(10.0, 6.4)
        draw_daily_flows(ax)
    return fig
