"""Chapter 02 diagrams: the vitamin K switch on MGP, and the brakes and pushes on calcium crystals.

Both are simple, illustrative pictures, not to scale. Every part carries a text
label; colour only repeats what the labels and line styles already say.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from ..display import new_figure
from ..style import FILL_COLOURS, LINE_COLOURS, course_style

BLACK = LINE_COLOURS["black"]


def _box(ax: Axes, x: float, y: float, width: float, height: float, *, fill: str, style: str = "-",
         edge: str = BLACK) -> FancyBboxPatch:
    """A rounded box centred on (x, y)."""
    box = FancyBboxPatch((x - width / 2, y - height / 2), width, height, boxstyle="round,pad=0.06",
                         facecolor=fill, edgecolor=edge, linewidth=2, linestyle=style)
    ax.add_patch(box)
    return box


def _arrow(ax: Axes, start, end, *, colour: str = BLACK, style: str = "-", head: str = "-|>",
           width: float = 2.5) -> FancyArrowPatch:
    arrow = FancyArrowPatch(start, end, arrowstyle=head, mutation_scale=20, linewidth=width,
                            color=colour, linestyle=style)
    ax.add_patch(arrow)
    return arrow


def _sites(ax: Axes, x0: float, y: float, active: bool) -> list:
    """Four binding sites along the bottom of an MGP box: open 'Glu' or filled 'Gla' holding calcium."""
    drawn = []
    for n in range(4):
        x = x0 + 0.62 * n
        site = Circle((x, y), 0.2, facecolor=FILL_COLOURS["sky"] if active else "white", edgecolor=BLACK,
                      linewidth=2, linestyle="-" if active else "--")
        ax.add_patch(site)
        drawn.append(site)
        ax.text(x, y + 0.3, "Gla" if active else "Glu", ha="center", va="bottom", fontsize=10)
        if active:  # a calcium ion held by each switched-on site
            drawn.append(ax.add_patch(Circle((x, y - 0.31), 0.1, facecolor=BLACK, edgecolor=BLACK)))
    return drawn


def draw_carboxylation_switch(ax: Axes) -> dict:
    """Inactive MGP → (vitamin K-helped enzyme) → active MGP, with warfarin-type drugs blocking the switch."""
    ax.set_xlim(0, 12)
    ax.set_ylim(-0.2, 6.6)
    ax.set_axis_off()
    ax.set_title("The vitamin K switch: turning MGP on (illustrative)")
    inactive = _box(ax, 2.2, 3.6, 3.4, 1.9, fill=FILL_COLOURS["pale"], style="--")
    active = _box(ax, 9.8, 3.6, 3.4, 1.9, fill=FILL_COLOURS["pale"])
    ax.text(2.2, 4.2, "Inactive MGP", ha="center", va="center", fontsize=13, fontweight="bold")
    ax.text(9.8, 4.2, "Active MGP", ha="center", va="center", fontsize=13, fontweight="bold")
    sites = _sites(ax, 1.27, 3.2, active=False) + _sites(ax, 8.87, 3.2, active=True)
    ax.text(2.2, 2.25, "not switched on (\"uncarboxylated\"):\ncannot grip calcium crystals",
            ha="center", va="top", fontsize=10.5)
    ax.text(9.8, 2.25, "switched on (\"carboxylated\"):\ngrips calcium (black dots) and\nslows crystal growth: a brake",
            ha="center", va="top", fontsize=10.5)
    switch = _arrow(ax, (4.1, 3.6), (7.9, 3.6))
    ax.text(6.0, 3.85, "switch-on enzyme\n(γ-carboxylase)", ha="center", va="bottom", fontsize=10.5)
    vitamin = _box(ax, 6.0, 5.7, 3.6, 0.75, fill=FILL_COLOURS["sky"])
    ax.text(6.0, 5.7, "vitamin K (K1 or K2): the helper", ha="center", va="center", fontsize=11)
    helper = _arrow(ax, (6.0, 5.28), (6.0, 4.62), colour=BLACK)
    blocker = _box(ax, 6.0, 1.3, 3.7, 0.95, fill="white", style="--", edge=LINE_COLOURS["vermillion"])
    ax.text(6.0, 1.3, "warfarin-type drugs block\nvitamin K's recycling", ha="center", va="center", fontsize=10.5)
    block = _arrow(ax, (6.0, 1.82), (6.0, 3.42), colour=LINE_COLOURS["vermillion"], style="--", head="-[",
                   width=2.5)
    ax.text(6.15, 2.55, "blocks: more MGP\nstays inactive", ha="left", va="center", fontsize=10)
    ax.text(0.1, 0.05, "The same switch turns on clotting factors (made in the liver) and osteocalcin (made in bone).",
            ha="left", va="bottom", fontsize=10.5)
    return {"inactive": inactive, "active": active, "sites": sites, "switch": switch, "vitamin": vitamin,
            "helper": helper, "blocker": blocker, "block": block}


def carboxylation_switch_figure() -> Figure:
    with course_style():
        fig, ax = new_figure(10.5, 5.8)
        draw_carboxylation_switch(ax)
    return fig


BRAKES = (
    (1.7, 4.55, "MGP\n(switched on by vitamin K)"),
    (4.4, 4.55, "fetuin-A\n(a blood protein)"),
    (1.7, 1.45, "pyrophosphate\n(a small molecule)"),
    (4.4, 1.45, "magnesium\n(mostly lab studies)"),
)
PUSHES = (
    (7.6, 4.55, "phosphate\n(high when kidneys fail)"),
    (10.3, 4.55, "calcium load\n(high blood calcium)"),
    (7.6, 1.45, "inflammation"),
    (10.3, 1.45, "oxidative stress"),
)
ROPE_Y = 3.0
MARKER_X = 5.45  #: where the rope's middle sits in health: a little on the brakes' side


def draw_inhibitors_promoters(ax: Axes) -> dict:
    """A tug of war: four brakes pull one way, four pushes the other; in health the brakes hold."""
    ax.set_xlim(0, 12)
    ax.set_ylim(-0.5, 6.9)
    ax.set_axis_off()
    ax.set_title("Brakes and pushes on calcium crystals in artery walls (illustrative)")
    rope = _arrow(ax, (11.7, ROPE_Y), (0.3, ROPE_Y), head="<|-|>", width=3)
    boxes = []
    for (x, y, text), fill, style in [(b, FILL_COLOURS["sky"], "-") for b in BRAKES] + \
                                     [(p, FILL_COLOURS["orange"], "--") for p in PUSHES]:
        boxes.append(_box(ax, x, y, 2.45, 1.0, fill=fill, style=style))
        ax.text(x, y, text, ha="center", va="center", fontsize=10.5)
        edge = y - 0.56 if y > ROPE_Y else y + 0.56
        ax.plot([x, x], [edge, ROPE_Y], color=BLACK, linewidth=2, linestyle="-" if style == "-" else "--",
                marker="", label="_tie")
    ax.text(3.05, 6.25, "BRAKES (inhibitors): slow crystal growth", ha="center", va="center", fontsize=11.5,
            fontweight="bold")
    ax.text(8.95, 6.25, "PUSHES (promoters): speed it up", ha="center", va="center", fontsize=11.5,
            fontweight="bold")
    ax.plot([6.0, 6.0], [0.5, 5.6], color=BLACK, linewidth=1.5, linestyle=":", marker="", label="_tipping")
    ax.text(6.0, 5.75, "tipping\npoint", ha="center", va="bottom", fontsize=10)
    marker = ax.plot([MARKER_X], [ROPE_Y], color=BLACK, marker="D", markersize=14, linestyle="",
                     markerfacecolor=FILL_COLOURS["yellow"], label="_middle of the rope")[0]
    ax.text(MARKER_X, ROPE_Y - 0.38, "health:\nbrakes hold", ha="center", va="top", fontsize=10,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    ax.text(0.3, ROPE_Y + 0.12, "brakes pull\nthis way", ha="left", va="bottom", fontsize=10)
    ax.text(11.7, ROPE_Y + 0.12, "pushes pull\nthis way", ha="right", va="bottom", fontsize=10)
    ax.text(0.1, -0.45, "Blood carries enough calcium and phosphate to form crystals; the brakes hold them back.\n"
            "Lose a brake or add a push, and the middle of the rope moves right: crystals start to grow.",
            ha="left", va="bottom", fontsize=10.5)
    return {"rope": rope, "boxes": boxes, "marker": marker}


def inhibitors_promoters_figure() -> Figure:
    with course_style():
        fig, ax = new_figure(10.5, 6.0)
        draw_inhibitors_promoters(ax)
    return fig
