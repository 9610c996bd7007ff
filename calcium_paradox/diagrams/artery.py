"""Chapter 03 pictures: an artery's layers, intimal vs medial calcium, and the stiff-pipes view.

Not to scale: the channel (lumen) is drawn smaller than in life so the wall can
be seen. The three layers keep roughly the thickness ratios of an adult heart
artery (intima about 0.22 mm, media about 0.20 mm, adventitia 0.3–0.5 mm).
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Patch, Polygon, Wedge

from ..display import new_figure
from ..models.stiff_pipes import LAYERS_MM, PipeState, pipe_state
from ..style import FILL_COLOURS, LINE_COLOURS, course_style

LUMEN = 1.0  #: drawn radius of the channel (not to scale)
INTIMA_OUT = LUMEN + LAYERS_MM["intima"]
MEDIA_OUT = INTIMA_OUT + LAYERS_MM["media"]
OUTER = MEDIA_OUT + LAYERS_MM["adventitia"]
CALCIUM = LINE_COLOURS["black"]
PLAQUE_HALF_ANGLE = (30.0, 70.0)  #: plaque spans ±30° when small, ±70° when large
MAX_SPOTS = 6


def _ring(outer: float, width: float, **style) -> Wedge:
    return Wedge((0, 0), outer, 0, 360, width=width, linewidth=1.2, edgecolor=LINE_COLOURS["black"], **style)


def draw_cross_section(ax: Axes, state: PipeState, *, title: str = "", labels: bool = True) -> dict:
    """An artery cut across, with any plaque and calcium in ``state``; returns the artists."""
    ax.set_aspect("equal")
    ax.set_xlim(-OUTER - 0.15, OUTER + 0.15)
    ax.set_ylim(-OUTER - 0.15, OUTER + 0.15)
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    ax.add_patch(_ring(OUTER, LAYERS_MM["adventitia"], facecolor=FILL_COLOURS["pale"], hatch=".."))
    ax.add_patch(_ring(MEDIA_OUT, LAYERS_MM["media"], facecolor=FILL_COLOURS["sky"], hatch="||"))
    ax.add_patch(_ring(INTIMA_OUT, LAYERS_MM["intima"], facecolor=FILL_COLOURS["yellow"]))
    ax.add_patch(Circle((0, 0), LUMEN, facecolor="white", edgecolor=LINE_COLOURS["black"], linewidth=1.2))
    artists = {
        "plaque": ax.add_patch(Polygon(np.zeros((3, 2)), closed=True, facecolor=FILL_COLOURS["orange"],
                                       edgecolor=LINE_COLOURS["black"], linewidth=2, hatch="\\\\")),
        # The plate of calcium sits inside the plaque, clear of the muscle layer.
        "sheet": ax.add_patch(Wedge((0, 0), INTIMA_OUT - 0.09, -20, 20, width=0.07, facecolor=CALCIUM)),
        "spots": [ax.add_patch(Circle((0, 0), 0.045, facecolor=CALCIUM)) for _ in range(MAX_SPOTS)],
        # Drawn inside the media with a strip of muscle layer showing on each side.
        "medial": ax.add_patch(Wedge((0, 0), MEDIA_OUT - 0.045, 90, 90, width=LAYERS_MM["media"] - 0.09,
                                     facecolor=CALCIUM)),
        "lumen_text": ax.text(-0.45, 0, "channel\n(lumen)", ha="center", va="center", fontsize=10.5),
    }
    update_cross_section(artists, state)
    return artists


def update_cross_section(artists: dict, state: PipeState) -> None:
    """Move the plaque and calcium artists to match ``state`` (nothing is redrawn from scratch)."""
    half = PLAQUE_HALF_ANGLE[0] + (PLAQUE_HALF_ANGLE[1] - PLAQUE_HALF_ANGLE[0]) * state.intimal
    bulge = state.narrowing * 2 * LUMEN  # how far the plaque reaches into the channel, at its middle
    plaque, sheet = artists["plaque"], artists["sheet"]
    plaque.set_visible(state.intimal > 0)
    # The outer edge follows the intima; the inner edge is a smooth bump into the channel, deepest in the middle.
    angles = np.radians(np.linspace(-half, half, 41))
    top = LUMEN * np.sin(np.radians(half))
    ys = np.linspace(top, -top, 41)
    xs = np.sqrt(LUMEN**2 - ys**2) - bulge * (1 - (ys / top) ** 2)
    outline = np.concatenate([np.column_stack([INTIMA_OUT * np.cos(angles), INTIMA_OUT * np.sin(angles)]),
                              np.column_stack([xs, ys])])
    plaque.set_xy(outline)
    sheet.set_visible(state.intimal >= 0.4)
    sheet.set_theta1(-half * 0.6)
    sheet.set_theta2(half * 0.6)
    shown = int(round(MAX_SPOTS * state.intimal))
    for i, spot in enumerate(artists["spots"]):
        y = top * (-0.8 + 1.6 * (i + 0.5) / MAX_SPOTS)
        x = np.sqrt(LUMEN**2 - y**2) - bulge * (1 - (y / top) ** 2) + 0.09  # just under the plaque's cap
        spot.set_center((x, y))
        spot.set_visible(i < shown)
    medial = artists["medial"]
    medial.set_visible(state.medial > 0)
    medial.set_theta1(90 - 360 * state.medial)
    medial.set_theta2(90)


def legend_handles() -> list:
    return [
        Patch(facecolor=FILL_COLOURS["yellow"], edgecolor=LINE_COLOURS["black"], label="intima (inner layer)"),
        Patch(facecolor=FILL_COLOURS["sky"], edgecolor=LINE_COLOURS["black"], hatch="||", label="media (muscle layer)"),
        Patch(facecolor=FILL_COLOURS["pale"], edgecolor=LINE_COLOURS["black"], hatch="..",
              label="adventitia (outer layer)"),
        Patch(facecolor=FILL_COLOURS["orange"], edgecolor=LINE_COLOURS["black"], hatch="\\\\", label="plaque"),
        Patch(facecolor=CALCIUM, edgecolor=LINE_COLOURS["black"], label="calcium (solid black)"),
    ]


def artery_layers_figure() -> Figure:
    """The three layers, labelled, with no disease."""
    with course_style():
        fig, ax = new_figure(8.0, 5.0)
        draw_cross_section(ax, pipe_state("none"), title="The three layers of an artery wall (not to scale)")
        for y, text, radius in ((0.8, "intima: inner layer\n(about 0.2 mm in mid-life;\nthinner when young)",
                                 (INTIMA_OUT + LUMEN) / 2),
                                (0.0, "media: muscle layer\n(about 0.2 mm)", (MEDIA_OUT + INTIMA_OUT) / 2),
                                (-0.8, "adventitia: tough outer layer\n(about 0.3–0.5 mm)", (OUTER + MEDIA_OUT) / 2)):
            angle = np.arcsin(np.clip(y / radius, -1, 1))
            ax.annotate(text, xy=(radius * np.cos(angle), radius * np.sin(angle)), xytext=(OUTER + 0.4, y * 1.25),
                        fontsize=11, va="center",
                        arrowprops={"arrowstyle": "-", "color": LINE_COLOURS["black"], "linewidth": 1.5},
                        annotation_clip=False)
        ax.set_xlim(-OUTER - 0.15, OUTER + 2.9)
    return fig


def intimal_vs_medial_figure() -> Figure:
    """Side by side: calcium inside a plaque (intimal) and a calcium ring in the media (medial)."""
    with course_style():
        fig, (left, right) = new_figure(10.0, 5.4, ncols=2)
        draw_cross_section(left, pipe_state("intimal", 0.8), title="Intimal: calcium inside a plaque")
        draw_cross_section(right, pipe_state("medial", 1.0), title="Medial (Mönckeberg): a ring in the muscle layer")
        left.text(0, -OUTER - 0.05, "plaque narrows the channel;\nsmall specks and a plate of calcium",
                  ha="center", va="top", fontsize=11)
        right.text(0, -OUTER - 0.05, "channel stays open;\nthe ring stiffens the wall",
                   ha="center", va="top", fontsize=11)
        for ax in (left, right):
            ax.set_ylim(-OUTER - 0.75, OUTER + 0.15)
        fig.legend(handles=legend_handles(), loc="lower center", ncols=3, fontsize=10.5, frameon=False)
        fig.get_layout_engine().set(rect=(0, 0.12, 1, 0.88))
    return fig


def draw_pressure(ax: Axes, state: PipeState) -> dict:
    """One heartbeat's pressure, now and in a healthy artery, with the wave speed and pulse pressure."""
    healthy = pipe_state("none")
    ax.set_title("Pressure during one heartbeat")
    ax.set_xlabel("Time in one heartbeat (toy seconds)")
    ax.set_ylabel("Pressure (toy units)")
    ax.set_xlim(0, 1)
    ax.set_ylim(60, 160)
    ax.plot(healthy.time, healthy.pressure, color=LINE_COLOURS["black"], linestyle="--", marker="",
            linewidth=1.8, label="healthy wall")
    line = ax.plot(state.time, state.pressure, color=LINE_COLOURS["blue"], linestyle="-", marker="",
                   label="this wall")[0]
    ax.legend(loc="upper right", fontsize=10)
    readout = ax.text(0.97, 0.04, "", transform=ax.transAxes, ha="right", va="bottom", fontsize=10.5,
                      bbox={"facecolor": "white", "edgecolor": LINE_COLOURS["black"], "pad": 3})
    artists = {"line": line, "readout": readout}
    update_pressure(artists, state)
    return artists


def update_pressure(artists: dict, state: PipeState) -> None:
    healthy = pipe_state("none")
    artists["line"].set_data(state.time, state.pressure)
    artists["readout"].set_text(
        f"wave speed {state.pwv:.1f} m/s (healthy {healthy.pwv:.1f})\n"
        f"pulse pressure {state.pulse_pressure:.0f} (healthy {healthy.pulse_pressure:.0f})"
    )


class PipesDrawing:
    """The stiff-pipes explorer's view: cross-section and pressure, built once, updated in place."""

    figsize = (9.5, 4.0)

    def build(self, fig: Figure) -> None:
        section_ax, pressure_ax = fig.subplots(1, 2, width_ratios=[1, 1.35])
        first = pipe_state("none")
        self.section = draw_cross_section(section_ax, first, title="The artery, cut across")
        self.pressure = draw_pressure(pressure_ax, first)

    def dynamic_artists(self) -> list:
        s = self.section
        return [s["plaque"], s["sheet"], *s["spots"], s["medial"], s["lumen_text"],
                self.pressure["line"], self.pressure["readout"]]

    def update(self, params, state: PipeState) -> None:
        update_cross_section(self.section, state)
        update_pressure(self.pressure, state)
