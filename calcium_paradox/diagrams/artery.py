"""Chapter 03 pictures: an artery's layers, intimal vs medial calcium, and the stiff-pipes view.

Not to scale: the channel (lumen) is drawn smaller than in life so the wall can
be seen. The three layers keep roughly the thickness ratios of an adult heart
artery (intima about 0.22 mm, media about 0.20 mm, adventitia 0.3–0.5 mm).
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Patch, Polygon, Rectangle, Wedge

from ..display import new_figure
from ..models.stiff_pipes import LAYERS_MM, MAX_NARROWING, MEDIAL_STIFFENING, PipeState, pipe_state
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
    # The channel's label sits in the middle of the open part of the channel, clear of the plaque.
    tip = LUMEN - bulge if state.intimal > 0 else LUMEN
    artists["lumen_text"].set_x(min(-0.45, (tip - LUMEN) / 2))
    artists["lumen_text"].set_text("channel" if bulge > 0.8 else "channel\n(lumen)")
    artists["lumen_text"].set_visible(bulge <= 1.0)  # a large plaque leaves no room for the words
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
    """One heartbeat's pressure, now and in a healthy artery."""
    healthy = pipe_state("none")
    ax.set_title("Pressure during one heartbeat")
    ax.set_xlabel("Time in one heartbeat (toy seconds)")
    ax.set_ylabel("Pressure (toy units)")
    ax.set_xlim(0, 1)
    ax.set_ylim(50, 170)
    ax.plot(healthy.time, healthy.pressure, color=LINE_COLOURS["black"], linestyle="--", marker="",
            linewidth=1.8, label="healthy wall")
    line = ax.plot(state.time, state.pressure, color=LINE_COLOURS["blue"], linestyle="-", marker="",
                   label="this wall")[0]
    ax.legend(loc="upper right", fontsize=10)
    artists = {"line": line}
    update_pressure(artists, state)
    return artists


def update_pressure(artists: dict, state: PipeState) -> None:
    artists["line"].set_data(state.time, state.pressure)


#: The readouts, top to bottom: key, label, fill, hatch. Each bar is drawn as a share of the healthy value.
READOUTS = (
    ("width", "channel width", FILL_COLOURS["orange"], "\\\\"),
    ("flow", "blood flow (toy)", FILL_COLOURS["orange"], "\\\\"),
    ("speed", "pulse wave speed", FILL_COLOURS["sky"], "||"),
    ("pulse", "pulse pressure", FILL_COLOURS["sky"], "||"),
)
READOUT_MAX = 2.6  #: the bars' axis runs from 0 to 260% of healthy


def readout_values(state: PipeState) -> dict[str, tuple[float, str]]:
    """Each readout as (share of healthy, its value in words); every number comes from ``state``."""
    healthy = pipe_state("none")
    return {
        "width": (state.channel_width, f"{state.channel_width * 100:.0f}%"),
        "flow": (state.flow, f"{state.flow * 100:.0f}%"),
        "speed": (state.pwv / healthy.pwv, f"{state.pwv:.1f} m/s"),
        "pulse": (state.pulse_pressure / healthy.pulse_pressure, f"{state.pulse_pressure:.0f}"),
    }


def draw_readouts(ax: Axes, state: PipeState) -> dict:
    """Four bars, each a consequence as a share of a healthy wall (dashed line = healthy)."""
    healthy = pipe_state("none")
    ax.set_title("Compared with a healthy wall")
    ax.set_xlim(0, READOUT_MAX)
    ax.set_ylim(-0.6, len(READOUTS) - 0.4)
    ax.set_xticks([0, 1, 2], ["0", "healthy", "2×"])
    ax.set_xlabel("Compared with healthy (toy)")
    ax.set_ylabel("Readout")
    healthy_words = {"width": "100%", "flow": "100%", "speed": f"{healthy.pwv:.1f} m/s",
                     "pulse": f"{healthy.pulse_pressure:.0f}"}
    ax.set_yticks(range(len(READOUTS)), [f"{label}\n(healthy {healthy_words[key]})"
                                         for key, label, *_ in reversed(READOUTS)])
    healthy_line = ax.axvline(1.0, color=LINE_COLOURS["black"], linestyle="--", linewidth=1.5, marker="")
    bars, texts = {}, {}
    for i, (key, _label, fill, hatch) in enumerate(READOUTS):
        y = len(READOUTS) - 1 - i
        bars[key] = ax.add_patch(Rectangle((0, y - 0.3), 1.0, 0.6, facecolor=fill, hatch=hatch,
                                           edgecolor=LINE_COLOURS["black"], linewidth=1.2))
        texts[key] = ax.text(1.0, y, "", ha="left", va="center", fontsize=10.5,
                             bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    # Fixed artists that must stay on top of the bars (listed with the changing ones, so blitting keeps the order).
    artists = {"bars": bars, "texts": texts, "on_top": [healthy_line, ax.spines["left"]]}
    update_readouts(artists, state)
    return artists


def update_readouts(artists: dict, state: PipeState) -> None:
    for key, (share, words) in readout_values(state).items():
        width = min(share, READOUT_MAX)
        artists["bars"][key].set_width(width)
        artists["texts"][key].set_x(width + 0.05)
        artists["texts"][key].set_text(words)


def constants_words() -> str:
    """The made-up constants behind every state, in words (shown under the pictures)."""
    return ("Made-up constants (the model's answers depend on them): full medial calcium makes the wall "
            f"{1 + MEDIAL_STIFFENING:g}× as stiff;\nfull intimal calcium makes it 1 + (third control) times as stiff; "
            f"a full plaque blocks {MAX_NARROWING:.0%} of the channel's width.\n"
            "Not in this toy: a plaque breaking open, which is how most heart attacks start.")


class PipesDrawing:
    """The stiff-pipes explorer's view: cross-section, pressure and readouts, built once, updated in place."""

    figsize = (11.0, 4.4)

    def build(self, fig: Figure) -> None:
        section_ax, pressure_ax, readout_ax = fig.subplots(1, 3, width_ratios=[1, 1.1, 1.2])
        first = pipe_state("none")
        self.section = draw_cross_section(section_ax, first, title="The artery, cut across")
        self.pressure = draw_pressure(pressure_ax, first)
        self.readouts = draw_readouts(readout_ax, first)
        fig.text(0.01, 0.01, constants_words(), ha="left", va="bottom", fontsize=10,
                 bbox={"facecolor": "white", "edgecolor": LINE_COLOURS["black"], "pad": 3})
        fig.get_layout_engine().set(rect=(0, 0.16, 1, 0.84))

    def dynamic_artists(self) -> list:
        s, r = self.section, self.readouts
        return [s["plaque"], s["sheet"], *s["spots"], s["medial"], s["lumen_text"], self.pressure["line"],
                *r["bars"].values(), *r["texts"].values(), *r["on_top"]]

    def update(self, params, state: PipeState) -> None:
        update_cross_section(self.section, state)
        update_pressure(self.pressure, state)
        update_readouts(self.readouts, state)
