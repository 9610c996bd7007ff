"""Chapter 05 pictures: the common-causes explorer, the shared-causes diagram and a bone-drug trial.

The explorer view draws a made-up population once and then only moves its dots,
bars and two short labels, so a redraw is cheap. The two static figures are
drawn from fixed numbers: the shared causes named in reviews, and the spread of
changes (median and middle half of patients) reported by the SALTIRE2 secondary analysis.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

from ..display import new_figure
from ..models.common_causes import AGE_GROUPS, BOUNDS, PopulationState, trend_line
from ..style import FILL_COLOURS, LINE_COLOURS, course_style

OTHER_AGES = "#8F8F8F"  #: grey for people outside the chosen age group (3.2:1 on white; small dots, drawn behind)
X_MAX = 80.0  #: bone loss axis (the toy keeps almost everyone below this)
#: One colour and one marker shape per age group (Okabe–Ito line colours, each >= 3:1 on white), so a
#: group can be told apart by shape as well as by colour.
AGE_STYLES: tuple[tuple[str, str], ...] = (
    (LINE_COLOURS["blue"], "o"), (LINE_COLOURS["green"], "s"), (LINE_COLOURS["purple"], "^"),
    (LINE_COLOURS["vermillion"], "D"), (LINE_COLOURS["black"], "v"),
)
DOT_SIZE = 3.2  #: marker size (points) of a person without kidney disease (filled)
KIDNEY_DOT_SIZE = 4.6  #: people with kidney disease: larger, open markers
#: The bands of ``link_words``, drawn behind the bars: (lower edge, words).
LINK_BANDS: tuple[tuple[float, str], ...] = ((0.0, "none"), (0.1, "weak"), (0.3, "moderate"), (0.5, "strong"))
BAND_LINE = "#595959"  #: dark grey for the band lines and their names (7:1 on white)
NO_GROUP_TEXT = "?"  #: the lower bar before a group is picked (short: every dynamic letter is redrawn per change)


def age_group_of(state: PopulationState) -> np.ndarray:
    """Each person's age group, as an index into ``AGE_GROUPS`` (0 for 40–49, ... 4 for 80–89)."""
    return np.clip(((state.age - AGE_GROUPS[0][0]) // 10).astype(int), 0, len(AGE_GROUPS) - 1)


def draw_scatter(ax: Axes) -> dict:
    """Axes and empty artists for the population; ``update_scatter`` fills them in.

    Each age group has its own colour and marker shape; people with kidney disease are larger, open
    markers. The legend's wording fits every state, so it is drawn once (a legend is slow to redraw).
    """
    ax.set_xlim(0, X_MAX)
    ax.set_ylim(*BOUNDS)
    ax.set_xlabel("Bone loss (toy units; more = weaker bones)")
    ax.set_ylabel("Artery calcium (toy units)")
    others = ax.plot([], [], linestyle="none", marker=".", markersize=2.2, color=OTHER_AGES, zorder=1.5,
                     label="_other ages")[0]
    healthy, sick = [], []
    for (low, high), (colour, marker) in zip(AGE_GROUPS, AGE_STYLES, strict=True):
        healthy.append(ax.plot([], [], linestyle="none", marker=marker, markersize=DOT_SIZE, color=colour,
                               markeredgewidth=0, zorder=2, label=f"{low}–{high}")[0])
        sick.append(ax.plot([], [], linestyle="none", marker=marker, markersize=KIDNEY_DOT_SIZE,
                            markerfacecolor="white", markeredgecolor=colour, markeredgewidth=1.2, zorder=2.2,
                            label=f"_{low}–{high}, kidney disease")[0])
    trend = ax.plot([], [], linestyle="-", marker="", color=LINE_COLOURS["black"], linewidth=2.5, zorder=3,
                    label="_trend line")[0]
    # Top left, where the toy puts no one, so it is drawn once and never redrawn.
    ax.legend(handles=healthy, title="Age group", loc="upper left", ncols=1, fontsize=10, title_fontsize=10,
              markerscale=2.0, frameon=True, edgecolor="white", framealpha=1.0, handletextpad=0.2,
              borderaxespad=0.2, labelspacing=0.25)
    ax.set_title("Each dot is one made-up person", fontsize=12)
    return {"others": others, "healthy": healthy, "sick": sick, "trend": trend}


def update_scatter(artists: dict, state: PopulationState) -> None:
    chosen = state.in_group
    x, y = state.bone_loss, state.artery_calcium
    index = age_group_of(state)
    for number, (healthy, sick) in enumerate(zip(artists["healthy"], artists["sick"], strict=True)):
        shown = chosen & (index == number)
        healthy.set_data(x[shown & ~state.has_kidney_disease], y[shown & ~state.has_kidney_disease])
        sick.set_data(x[shown & state.has_kidney_disease], y[shown & state.has_kidney_disease])
    artists["others"].set_data(x[~chosen], y[~chosen])
    slope, intercept = trend_line(x[chosen], y[chosen])
    xs = np.array([x[chosen].min(), x[chosen].max()])
    artists["trend"].set_data(xs, intercept + slope * xs)


def draw_link_bars(ax: Axes) -> dict:
    """Two bars: the link across everyone, and the link within the one age group the learner picks.

    Until a group is picked, the lower bar is empty and asks for one: the within-age link is the
    learner's to find.
    """
    ax.set_xlim(-0.08, 1.15)  # room to the right for the value labels
    ax.set_ylim(-2.3, 2.2)  # room below the bars for the key to the dots, above them for the bands' names
    ax.set_xticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.set_yticks([])
    ax.set_title("How strong is the link?")
    ax.set_xlabel("Correlation r (0 = no link, 1 = perfect)")
    ax.set_ylabel("Who is compared")
    ax.axvline(0, color=LINE_COLOURS["black"], linewidth=1.5, label="_zero")
    # The words for each size of link, drawn once as bands (a dynamic label would be redrawn on every change).
    edges = [edge for edge, _ in LINK_BANDS[1:]]
    ax.vlines(edges, -0.45, 1.85, colors=BAND_LINE, linestyles=":", linewidth=1.5, label="_bands", zorder=0.5)
    for (low, words), high in zip(LINK_BANDS, [*edges, 1.0], strict=True):
        first = low == 0.0  # the narrow first band: its name starts just right of the zero line
        ax.text(0.012 if first else (low + high) / 2, 1.9, words, ha="left" if first else "center", va="bottom",
                fontsize=9, color=BAND_LINE)
    bars, values = [], []
    for y, fill, hatch in ((1.2, FILL_COLOURS["sky"], ""), (0.0, FILL_COLOURS["orange"], "//")):
        bars.append(ax.add_patch(Rectangle((0, y - 0.25), 0, 0.5, facecolor=fill, edgecolor=LINE_COLOURS["black"],
                                           linewidth=1.5, hatch=hatch)))
        values.append(ax.text(0, y, "", va="center", ha="left", fontsize=11))
    on_white = {"facecolor": "white", "edgecolor": "none", "pad": 1.0}
    ax.text(0.02, 1.2 + 0.33, "Everyone together", va="bottom", ha="left", fontsize=11, bbox=on_white)
    ax.text(0.02, 0.33, "One 10-year age group\n(pick one in the Compare list)", va="bottom", ha="left",
            fontsize=11, bbox=on_white)
    _draw_kinds_legend(ax)
    return {"bars": bars, "values": values}


def _draw_kinds_legend(ax: Axes) -> None:
    """What the dot styles and the line mean (below the bars, the same in every state)."""
    black = LINE_COLOURS["black"]
    handles = [
        ax.plot([], [], linestyle="none", marker="o", markersize=7, color=black, label="filled: no kidney disease")[0],
        ax.plot([], [], linestyle="none", marker="o", markersize=7, markerfacecolor="white", markeredgecolor=black,
                markeredgewidth=1.5, label="open: kidney disease")[0],
        ax.plot([], [], linestyle="-", marker="", color=black, linewidth=2.5, label="trend line of those compared")[0],
        ax.plot([], [], linestyle="none", marker="o", markersize=5, color=OTHER_AGES,
                label="grey: other ages, not compared")[0],
    ]
    ax.legend(handles=handles, loc="lower left", ncols=1, fontsize=10, frameon=True, edgecolor="white",
              framealpha=1.0, handletextpad=0.4, borderaxespad=0.2, labelspacing=0.3)


def update_link_bars(artists: dict, state: PopulationState) -> None:
    everyone_bar, group_bar = artists["bars"]
    everyone_text, group_text = artists["values"]
    _set_bar(everyone_bar, everyone_text, state.r_everyone, f"{state.r_everyone:.2f}")
    if state.group is None:
        _set_bar(group_bar, group_text, 0.0, NO_GROUP_TEXT)
    else:
        _set_bar(group_bar, group_text, state.r_group, f"{state.r_group:.2f}")


def _set_bar(bar: Rectangle, text, r: float, words: str) -> None:
    bar.set_width(r)
    text.set_position((max(r, 0.0) + 0.02, bar.get_y() + 0.25))
    text.set_text(words)


class CommonCausesDrawing:
    """The common-causes explorer's view: the population (left) and the link's strength (right)."""

    figsize = (9.6, 4.4)

    def build(self, fig: Figure) -> None:
        scatter_ax, bars_ax = fig.subplots(1, 2, width_ratios=[1.45, 1])
        self.scatter = draw_scatter(scatter_ax)
        self.bars = draw_link_bars(bars_ax)

    def dynamic_artists(self) -> list:
        s, b = self.scatter, self.bars
        return [s["others"], *s["healthy"], *s["sick"], s["trend"], *b["bars"], *b["values"]]

    def update(self, params, state: PopulationState) -> None:
        update_scatter(self.scatter, state)
        update_link_bars(self.bars, state)


# ----- static figures ------------------------------------------------------------------------------

SHARED_CAUSES = ("ageing", "menopause (less oestrogen)", "kidney disease", "diabetes", "inflammation",
                 "smoking", "possibly low vitamin K status")


def _node(ax: Axes, x: float, y: float, w: float, h: float, title: str, body: str, fill: str, hatch: str = ""):
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.08", facecolor=fill,
                                edgecolor=LINE_COLOURS["black"], linewidth=1.8, hatch=hatch))
    ax.text(x, y + h / 2 - 0.12, title, ha="center", va="top", fontsize=12.5, fontweight="bold",
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5})
    if body:
        ax.text(x, y + h / 2 - 0.55, body, ha="center", va="top", fontsize=11, linespacing=1.35,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5})


def _link(ax: Axes, start, end, *, style: str = "-", rad: float = 0.0, both: bool = False):
    arrow = FancyArrowPatch(start, end, arrowstyle="<|-|>" if both else "-|>", mutation_scale=18, linewidth=2.2,
                            color=LINE_COLOURS["black"], linestyle=style, connectionstyle=f"arc3,rad={rad}")
    ax.add_patch(arrow)
    return arrow


def draw_shared_causes(ax: Axes) -> None:
    """Shared causes and shared regulators point at both problems; the direct arrow is a question."""
    ax.set_xlim(0, 12)
    ax.set_ylim(0.2, 8.3)
    ax.set_axis_off()
    ax.set_title("Weak bones and artery calcium: linked through shared causes, not a pipe")
    _node(ax, 6.0, 7.3, 9.6, 1.3, "Shared causes",
          " · ".join(SHARED_CAUSES[:4]) + "\n" + " · ".join(SHARED_CAUSES[4:]), FILL_COLOURS["pale"])
    _node(ax, 2.1, 4.3, 3.6, 1.5, "Weaker bones", "lower bone density,\nmore fractures", FILL_COLOURS["sky"])
    _node(ax, 9.9, 4.3, 3.6, 1.5, "Artery calcium", "muscle cells in the wall\nact a bit like bone cells",
          FILL_COLOURS["yellow"], hatch="..")
    _node(ax, 6.0, 1.2, 7.4, 1.3, "Shared regulators", "PTH (parathyroid hormone) · phosphate\n"
          "vitamin K-dependent proteins: osteocalcin (bone), MGP (arteries)", FILL_COLOURS["pale"])
    _link(ax, (4.4, 6.55), (2.6, 5.2))
    _link(ax, (7.6, 6.55), (9.4, 5.2))
    _link(ax, (3.8, 1.95), (2.4, 3.4))
    _link(ax, (8.2, 1.95), (9.6, 3.4))
    _link(ax, (4.05, 4.3), (7.95, 4.3), style="--", both=True)
    ax.text(6.0, 4.55, "direct link?\nnot shown in people", ha="center", va="bottom", fontsize=11,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5})


def shared_causes_figure() -> Figure:
    with course_style():
        fig, ax = new_figure(10.0, 7.0)
        draw_shared_causes(ax)
    return fig


#: SALTIRE2 secondary analysis (Geers and others 2024), as the course's fact sheet gives it
#: (facts-pathology.md, section D): for each group, the median change and the interquartile range
#: (the 25th and 75th percentiles of patients), in Agatston units. The paper reports spreads of
#: patients and p-values, not differences between groups with confidence intervals, so the figure
#: draws spreads (boxes) and no "no effect" line: it must not look like a forest plot.
SALTIRE2 = {
    "Heart arteries (coronary), change over 24 months": {
        "placebo": (16, -64, 148), "denosumab": (94, 0, 212), "alendronic acid": (34, -62, 134)},
    "Main artery in the chest (aorta), change over 12 months": {
        "placebo": (132, 22, 512), "denosumab": (118, 11, 340), "alendronic acid": (116, 26, 498)},
}
#: (group, box fill, hatch): each group is named under its box, so fill and hatch only echo the name.
TRIAL_GROUPS = (("placebo", FILL_COLOURS["grey"], ""), ("denosumab", FILL_COLOURS["sky"], "//"),
                ("alendronic acid", FILL_COLOURS["orange"], ".."))
BOX_WIDTH, BOX_STEP = 0.56, 1.3  #: box width and distance between boxes (room for the median's label)
SPREAD_LABEL = "Box: the middle half of patients (a spread of patients, not a confidence interval)"


def _signed(value: int) -> str:
    """A change with its sign: +94, -64, 0."""
    return f"{value:+d}" if value else "0"


def draw_trial_panel(ax: Axes, title: str, results: dict, ylim: tuple[float, float]) -> list[Rectangle]:
    """One box per group, from the 25th to the 75th percentile of patients, with a thick line at the median.

    Boxes stand upright, with the groups side by side, and there is no zero line, so the panel
    cannot be mistaken for a forest plot (rows of estimates with intervals around a line of no effect).
    Returns the boxes.
    """
    ax.set_ylim(*ylim)
    span = ylim[1] - ylim[0]
    boxes = []
    for number, (name, fill, hatch) in enumerate(TRIAL_GROUPS):
        x = number * BOX_STEP
        median, low, high = results[name]
        box = ax.add_patch(Rectangle((x - BOX_WIDTH / 2, low), BOX_WIDTH, high - low, facecolor=fill, hatch=hatch,
                                     edgecolor=LINE_COLOURS["black"], linewidth=1.5, label=f"_{name}"))
        boxes.append(box)
        ax.plot([x - BOX_WIDTH / 2, x + BOX_WIDTH / 2], [median, median], color=LINE_COLOURS["black"], linewidth=4,
                linestyle="-", marker="", solid_capstyle="butt", label=f"_{name} median")
        ax.text(x + BOX_WIDTH / 2 + 0.05, median, f"median\n{_signed(median)}", ha="left", va="center",
                fontsize=10, linespacing=1.1)
        ax.text(x, high + 0.02 * span, _signed(high), ha="center", va="bottom", fontsize=10)
        ax.text(x, low - 0.02 * span, _signed(low), ha="center", va="top", fontsize=10)
    ax.set_xticks([n * BOX_STEP for n in range(len(TRIAL_GROUPS))],
                  [name.replace(" ", "\n", 1) for name, _, _ in TRIAL_GROUPS])
    ax.set_xlim(-0.5, (len(TRIAL_GROUPS) - 1) * BOX_STEP + 0.95)
    ax.set_title(title, fontsize=12)
    ax.set_xlabel("Treatment group")
    ax.set_ylabel("Change in calcium score\n(Agatston units)")
    return boxes


def bone_drug_trial_figure() -> Figure:
    with course_style():
        fig, axes = new_figure(10.0, 5.0, ncols=2)
        for ax, (title, results), ylim in zip(axes, SALTIRE2.items(), ((-110, 260), (-60, 580)), strict=True):
            draw_trial_panel(ax, title.replace(", ", ",\n"), results, ylim)
        fig.suptitle("SALTIRE2 trial: calcium went on building up in all three groups\n" + SPREAD_LABEL,
                     fontsize=12)
    return fig
