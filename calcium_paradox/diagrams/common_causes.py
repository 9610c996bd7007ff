"""Chapter 05 pictures: the common-causes explorer, the shared-causes diagram and a bone-drug trial.

The explorer view draws a made-up population once and then only moves its dots,
trend line, bars and labels, so a redraw is cheap. The two static figures are
drawn from fixed numbers: the shared causes named in reviews, and the median
changes reported by the SALTIRE2 secondary analysis.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

from ..display import new_figure
from ..models.common_causes import BOUNDS, PopulationState, age_group_label, link_words, trend_line
from ..style import FILL_COLOURS, LINE_COLOURS, course_style

OTHER_AGES = "#767676"  #: grey for people outside the chosen age group (4.5:1 on white)
X_MAX = 80.0  #: bone loss axis (the toy keeps almost everyone below this)


def draw_scatter(ax: Axes) -> dict:
    """Axes and empty artists for the population; ``update_scatter`` fills them in.

    The legend's wording fits every state, so it is drawn once (a legend is slow to redraw).
    """
    ax.set_xlim(0, X_MAX)
    ax.set_ylim(*BOUNDS)
    ax.set_xlabel("Bone loss (toy units; more = weaker bones)")
    ax.set_ylabel("Artery calcium (toy units)")
    others = ax.plot([], [], linestyle="none", marker=".", markersize=3, color=OTHER_AGES,
                     label="people of other ages")[0]
    people = ax.plot([], [], linestyle="none", marker="o", markersize=2.2, color=LINE_COLOURS["blue"],
                     label="people compared")[0]
    trend = ax.plot([], [], linestyle="-", marker="", color=LINE_COLOURS["black"], linewidth=2.5,
                    label="trend line of those compared")[0]
    # Below the axes, where no dot can cover it, so it is drawn once and never redrawn.
    legend = ax.legend(handles=[people, others, trend], loc="upper center", bbox_to_anchor=(0.5, -0.16),
                       ncols=3, fontsize=10, markerscale=2.5, frameon=False, columnspacing=1.2,
                       handletextpad=0.4)
    title = ax.set_title("")
    return {"others": others, "people": people, "trend": trend, "legend": legend, "title": title}


def update_scatter(artists: dict, state: PopulationState) -> None:
    chosen = state.in_group
    x, y = state.bone_loss, state.artery_calcium
    artists["people"].set_data(x[chosen], y[chosen])
    artists["others"].set_data(x[~chosen], y[~chosen])
    slope, intercept = trend_line(x[chosen], y[chosen])
    xs = np.array([x[chosen].min(), x[chosen].max()])
    artists["trend"].set_data(xs, intercept + slope * xs)
    if state.group is None:
        artists["title"].set_text(f"All {len(x):,} made-up people compared")
    else:
        artists["title"].set_text(f"Only {age_group_label(state.group)} compared ({int(chosen.sum())} people)")


def draw_link_bars(ax: Axes) -> dict:
    """Two bars: the link across everyone, and the link within age groups."""
    ax.set_xlim(-0.25, 1.35)  # room to the right for the value labels
    ax.set_ylim(-0.6, 2.0)
    ax.set_xticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.set_yticks([])
    ax.set_title("How strong is the link?")
    ax.set_xlabel("Correlation r (0 = no link, 1 = perfect)")
    ax.set_ylabel("Who is compared")
    ax.axvline(0, color=LINE_COLOURS["black"], linewidth=1.5, label="_zero")
    bars, values, names = [], [], []
    for y, fill, hatch in ((1.2, FILL_COLOURS["sky"], ""), (0.0, FILL_COLOURS["orange"], "//")):
        bars.append(ax.add_patch(Rectangle((0, y - 0.25), 0, 0.5, facecolor=fill, edgecolor=LINE_COLOURS["black"],
                                           linewidth=1.5, hatch=hatch)))
        values.append(ax.text(0, y, "", va="center", ha="left", fontsize=11))
        names.append(ax.text(0.02, y + 0.33, "", va="bottom", ha="left", fontsize=11))
    names[0].set_text("Everyone together")
    return {"bars": bars, "values": values, "names": names}


def update_link_bars(artists: dict, state: PopulationState) -> None:
    within = "Within each 10-year age group" if state.group is None else f"Only {age_group_label(state.group)}"
    artists["names"][1].set_text(within)
    for bar, text, r in zip(artists["bars"], artists["values"], (state.r_everyone, state.r_compared), strict=True):
        bar.set_width(r)
        text.set_position((max(r, 0.0) + 0.02, bar.get_y() + 0.25))
        text.set_text(f"{r:.2f} ({link_words(r)})")


class CommonCausesDrawing:
    """The common-causes explorer's view: the population (left) and the link's strength (right)."""

    figsize = (10.5, 4.9)

    def build(self, fig: Figure) -> None:
        scatter_ax, bars_ax = fig.subplots(1, 2, width_ratios=[1.45, 1])
        self.scatter = draw_scatter(scatter_ax)
        self.bars = draw_link_bars(bars_ax)

    def dynamic_artists(self) -> list:
        s, b = self.scatter, self.bars
        return [s["others"], s["people"], s["trend"], s["title"],
                *b["bars"], *b["values"], b["names"][1]]

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


#: SALTIRE2 secondary analysis (Geers and others 2024): median change [interquartile range], Agatston units.
SALTIRE2 = {
    "Coronary arteries, 24 months": {"placebo": (16, -64, 148), "denosumab": (94, 0, 212),
                                     "alendronic acid": (34, -62, 134)},
    "Thoracic aorta, 12 months": {"placebo": (132, 22, 512), "denosumab": (118, 11, 340),
                                  "alendronic acid": (116, 26, 498)},
}
TRIAL_GROUPS = (("placebo", LINE_COLOURS["black"], "o"), ("denosumab", LINE_COLOURS["blue"], "s"),
                ("alendronic acid", LINE_COLOURS["vermillion"], "^"))


def draw_trial_panel(ax: Axes, title: str, results: dict, xlim: tuple[float, float]) -> None:
    """Median change (marker) and the middle half of patients (line) for each group."""
    ax.set_xlim(*xlim)
    gap = 0.03 * (xlim[1] - xlim[0])
    ax.axvline(0, color=LINE_COLOURS["black"], linewidth=1.5, linestyle=":", label="_no change")
    for y, (name, colour, marker) in enumerate(reversed(TRIAL_GROUPS)):
        median, low, high = results[name]
        ax.plot([low, high], [y, y], color=colour, linewidth=3, linestyle="-", marker="|", markersize=14,
                label=f"_{name} range")
        ax.plot([median], [y], color=colour, marker=marker, markersize=11, linestyle="none", label=name)
        ax.text(high + gap, y, f"{median:+d}", va="center", fontsize=11)
    ax.set_yticks(range(len(TRIAL_GROUPS)), [name for name, _, _ in reversed(TRIAL_GROUPS)])
    ax.set_ylim(-0.6, len(TRIAL_GROUPS) - 0.4)
    ax.set_title(title)
    ax.set_xlabel("Change in calcium score (Agatston units)")
    ax.set_ylabel("Treatment group")


def bone_drug_trial_figure() -> Figure:
    with course_style():
        fig, axes = new_figure(10.0, 4.4, ncols=2, sharey=True)
        for ax, (title, results), xlim in zip(axes, SALTIRE2.items(), ((-100, 300), (-100, 650)), strict=True):
            draw_trial_panel(ax, title, results, xlim)
        axes[1].set_ylabel("Treatment group")
        fig.suptitle("SALTIRE2 trial: the typical calcium score rose in every group\n"
                     "(marker = median change; line = the middle half of patients)", fontsize=12)
    return fig
