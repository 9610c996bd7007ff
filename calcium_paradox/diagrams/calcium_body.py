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
            Patch(facecolor=FILL_COLOURS["sky"], edgecolor=LINE_COLOURS["black"],
                  label="bone and teeth: more than 99 in 100 parts"),
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
    "food": (0.5, 4.6, "Food"),  # left of the others, so the short "eaten" arrow has room for its word
    "gut": (3.2, 4.6, "Gut"),
    "stool": (1.3, 1.2, "Stool"),
    "blood": (6.2, 4.6, "Blood"),
    "bone": (10.0, 4.6, "Bone\n(the reserve)"),
    "kidney": (6.2, 2.0, "Kidneys"),
    "urine": (10.0, 0.5, "Urine"),
}
BOX_W, BOX_H = 1.7, 1.0
#: The sensor: the parathyroid glands, between blood and the hormone they release.
SENSOR = (8.1, 3.2, "Parathyroid glands:\nsense blood calcium")
SENSOR_W, SENSOR_H = 2.0, 0.75


def _box(ax: Axes, name: str) -> FancyBboxPatch:
    x, y, label = BOXES[name]
    box = FancyBboxPatch((x - BOX_W / 2, y - BOX_H / 2), BOX_W, BOX_H, boxstyle="round,pad=0.05",
                         facecolor=FILL_COLOURS["pale"], edgecolor=LINE_COLOURS["black"], linewidth=1.5)
    ax.add_patch(box)
    ax.text(x, y, label, ha="center", va="center", fontsize=12, fontweight="bold")
    return box


def _sensor(ax: Axes) -> FancyBboxPatch:
    x, y, label = SENSOR
    box = FancyBboxPatch((x - SENSOR_W / 2, y - SENSOR_H / 2), SENSOR_W, SENSOR_H, boxstyle="round,pad=0.05",
                         facecolor="white", edgecolor=LINE_COLOURS["blue"], linewidth=2)
    ax.add_patch(box)
    ax.text(x, y, label, ha="center", va="center", fontsize=10.5, fontweight="bold")
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


def _hormone(ax: Axes, x: float, y: float, text: str, colour: str):
    return ax.text(x, y, text, ha="center", va="center", fontsize=10.5,
                   bbox={"facecolor": "white", "edgecolor": colour, "linestyle": "--", "linewidth": 2, "pad": 3})


def draw_daily_flows(ax: Axes) -> dict:
    """Calcium's daily path: food → gut → blood ↔ bone; blood → kidneys → urine; the rest → stool.

    The loop that steers it is drawn too: the parathyroid glands sense blood calcium (dotted
    arrow) and release PTH, which acts on bone and the kidneys; the kidneys make calcitriol,
    which acts on the gut. The hormones sit in dashed boxes, with dashed arrows.
    """
    ax.set_xlim(-0.5, 11.2)
    ax.set_ylim(-0.4, 5.7)
    ax.set_axis_off()
    ax.set_title("Calcium's daily path, and the loop that steers it (illustrative)")
    boxes = {name: _box(ax, name) for name in BOXES}
    boxes["sensor"] = _sensor(ax)
    half, top = BOX_W / 2, BOX_H / 2
    bone_x = BOXES["bone"][0]
    arrows = [
        _arrow(ax, (BOXES["food"][0] + half, 4.6), (3.2 - half, 4.6), "eaten", offset=(0, 0.3)),
        _arrow(ax, (3.2 + half, 4.6), (6.2 - half, 4.6), "a quarter\nabsorbed", offset=(0, 0.5)),
        _arrow(ax, (2.9, 4.6 - top), (1.6, 1.2 + top), "three quarters\nnot absorbed", offset=(-0.75, 0.2)),
        _arrow(ax, (6.2 + half, 4.75), (bone_x - half, 4.75), "deposits", offset=(0, 0.35), rad=-0.2),
        _arrow(ax, (bone_x - half, 4.45), (6.2 + half, 4.45), "withdrawals", offset=(0, -0.3), rad=-0.2),
        _arrow(ax, (5.95, 4.6 - top), (5.95, 2.0 + top), "filtered ↓\nmost taken\nback ↑", offset=(-0.6, 0)),
        _arrow(ax, (6.45, 2.0 + top), (6.45, 4.6 - top)),
        _arrow(ax, (6.6, 2.0 - top), (bone_x - half, 0.55), "a small part", offset=(-0.1, -0.3)),
    ]
    blue, purple = LINE_COLOURS["blue"], LINE_COLOURS["purple"]
    sensor_x, sensor_y, _ = SENSOR
    # The sensor arrow: the parathyroid glands read the blood's calcium level (dotted: a signal, not a flow).
    sensor_arrow = _arrow(ax, (6.2 + half - 0.1, 4.6 - top - 0.03),
                          (sensor_x - SENSOR_W / 2 + 0.35, sensor_y + SENSOR_H / 2 + 0.07), colour=blue, style=":")
    hormones = [
        _hormone(ax, bone_x, 2.35, "PTH (parathyroid hormone):\nrises when blood calcium falls", blue),
        _hormone(ax, 3.2, 2.4, "Calcitriol\n(active vitamin D)", purple),
    ]
    hormone_arrows = [
        _arrow(ax, (sensor_x + SENSOR_W / 2 + 0.07, sensor_y), (bone_x - 0.5, 2.66),
               colour=blue, style="--", rad=-0.3),
        _arrow(ax, (bone_x + 0.3, 2.8), (bone_x + 0.3, 4.6 - top - 0.02), "bone releases\nmore", colour=blue,
               style="--", offset=(0.25, 0.0)),
        _arrow(ax, (bone_x - 1.25, 2.2), (6.2 + half + 0.02, 2.1),
               "kidneys keep more calcium\nand make more calcitriol", colour=blue, style="--", offset=(0.3, -0.45)),
        _arrow(ax, (6.2 - half - 0.02, 2.1), (4.05, 2.3), "kidneys make it", colour=purple, style="--",
               offset=(0.0, -0.35)),
        _arrow(ax, (3.2, 2.85), (3.2, 4.6 - top - 0.02), "gut absorbs\nmore", colour=purple, style="--",
               offset=(0.75, 0.05)),
    ]
    ax.text(-0.4, -0.3, "Solid arrows: calcium. Dotted arrow: the sensor reads blood calcium. "
            "Dashed boxes and arrows: the two hormones and where they act.", fontsize=10, va="bottom")
    return {"boxes": boxes, "arrows": arrows, "sensor_arrow": sensor_arrow, "hormones": hormones,
            "hormone_arrows": hormone_arrows}


def daily_flows_figure() -> Figure:
    with course_style():
        fig, ax = new_figure(10.6, 5.8)
        draw_daily_flows(ax)
    return fig
