"""Forest plots of published estimates (chapter 06).

A forest plot has one row per estimate: a marker at the point estimate, a
horizontal line for its 95% confidence interval, and a vertical line of no
effect (1 for ratios, drawn on a log scale; 0 for differences). Designs differ
by marker shape as well as colour, so the plot never relies on colour alone. A
row flagged ``secondary`` in the data (none is at present) would be drawn hollow,
with "about" and a star before its numbers.

:func:`forest_plot` draws a list of estimates on an Axes and returns what it
drew. :class:`ForestPanel` is the same drawing with a fixed number of row slots
that can be refilled, which the explorer uses to change rows in place.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.ticker import FixedLocator, NullLocator
from matplotlib.transforms import blended_transform_factory

from ..display import new_figure
from ..evidence import DESIGNS, Estimate, filter_effects
from ..style import LINE_COLOURS, course_style

#: Marker shape and colour for each design: shape alone tells them apart.
DESIGN_STYLE: dict[str, tuple[str, str]] = {
    "ma_trials": ("D", LINE_COLOURS["black"]),
    "trial": ("s", LINE_COLOURS["blue"]),
    "mendelian": ("^", LINE_COLOURS["green"]),
    "observational": ("o", LINE_COLOURS["vermillion"]),
    "ma_observational": ("v", LINE_COLOURS["purple"]),
}
MARKER_SIZE = 9
LABEL_SIZE = 10.5
SECONDARY_NOTE = "Hollow marker and * : approximate number."
#: The "nothing here" message: its size and the longest line, in characters, so that its box fits inside
#: the plot area of the explorer (3.25 in wide) and never reaches the row labels or the numbers beside it.
MESSAGE_SIZE = 12
MESSAGE_CHARS = 28

RATIO_XLABEL = "Ratio, log scale (left of 1: less often with the exposure; right of 1: more often)"
DIFFERENCE_XLABEL = "Difference in how much the calcium score grew, score points (left of 0: less growth)"


def legend_handles() -> list[Line2D]:
    """One legend entry per design (marker shape and colour), plus the interval line."""
    handles = [
        Line2D([], [], linestyle="none", marker=marker, markersize=MARKER_SIZE, color=colour,
               markeredgecolor=colour, label=DESIGNS[design])
        for design, (marker, colour) in DESIGN_STYLE.items()
    ]
    handles.append(Line2D([], [], color=LINE_COLOURS["black"], linewidth=2, label="95% confidence interval"))
    return handles


def limits_for(rows: Sequence[Estimate], kind: str) -> tuple[float, float]:
    """x-limits that show every interval and the line of no effect, with a margin."""
    lows = [r.lower for r in rows] + [1.0 if kind == "ratio" else 0.0]
    highs = [r.upper for r in rows] + [1.0 if kind == "ratio" else 0.0]
    if kind == "ratio":
        low, high = math.log(min(lows)), math.log(max(highs))
        pad = max(0.15, 0.08 * (high - low))
        return math.exp(low - pad), math.exp(high + pad)
    low, high = min(lows), max(highs)
    pad = max(5.0, 0.08 * (high - low))
    return low - pad, high + pad


def message_lines(text: str, width: int = MESSAGE_CHARS) -> str:
    """``text`` with each sentence on its own line(s), no line longer than ``width`` characters.

    Words are never split (a single longer word keeps its own line), nor are hyphenated words.
    """
    sentences = [s for s in text.replace(". ", ".\n").split("\n") if s.strip()]
    return "\n".join(line for sentence in sentences
                     for line in textwrap.wrap(sentence, width, break_long_words=False, break_on_hyphens=False))


def _ratio_ticks(low: float, high: float) -> list[float]:
    candidates = (0.1, 0.2, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 10)
    return [t for t in candidates if low <= t <= high]


class ForestPanel:
    """A forest plot on one Axes with ``capacity`` row slots, refilled by :meth:`show`."""

    def __init__(self, ax: Axes, kind: str, capacity: int, *, limits: tuple[float, float] | None = None,
                 title: str = "", empty_message: str = "No estimates to show."):
        if kind not in ("ratio", "difference"):
            raise ValueError(f"kind must be 'ratio' or 'difference', not {kind!r}.")
        self.ax, self.kind, self.capacity = ax, kind, max(1, int(capacity))
        self.empty_message = empty_message
        low, high = limits if limits is not None else ((0.5, 2.0) if kind == "ratio" else (-10.0, 10.0))
        no_effect = 1.0 if kind == "ratio" else 0.0
        if kind == "ratio":
            ax.set_xscale("log")
            ticks = _ratio_ticks(low, high)
            ax.xaxis.set_major_locator(FixedLocator(ticks))
            ax.xaxis.set_minor_locator(NullLocator())
            ax.set_xticklabels([f"{t:g}" for t in ticks])
            ax.set_xlabel(RATIO_XLABEL)
        else:
            ax.set_xlabel(DIFFERENCE_XLABEL)
        ax.set_xlim(low, high)
        ax.set_ylim(0.4, self.capacity + 0.6)
        ax.yaxis.set_major_locator(NullLocator())
        ax.spines["left"].set_visible(False)
        if title:
            ax.set_title(title)
        # The y-axis label doubles as the heading of the label column.
        ax.set_ylabel("Study\nexposure → outcome", rotation=0, ha="right", va="bottom", fontsize=12)
        ax.yaxis.set_label_coords(-0.02, 1.0)
        ax.text(1.02, 1.0, "Estimate (95% interval)", transform=ax.transAxes, ha="left", va="bottom",
                fontsize=12)
        self.no_effect = ax.axvline(no_effect, color=LINE_COLOURS["black"], linestyle="--", linewidth=1.5,
                                    label="_no effect", zorder=1)
        self.no_effect_label = ax.text(no_effect, 1.0, " no effect", transform=ax.get_xaxis_transform(),
                                       ha="left", va="top", fontsize=LABEL_SIZE)
        label_at, value_at = ax.get_yaxis_transform(), ax.get_yaxis_transform()
        self.intervals, self.points, self.labels, self.values = [], [], [], []
        for slot in range(self.capacity):
            y = self._y(slot)
            self.intervals.append(ax.plot([no_effect, no_effect], [y, y], color=LINE_COLOURS["black"],
                                          linestyle="-", linewidth=2, marker="", label="_interval", zorder=2)[0])
            self.points.append(ax.plot([no_effect], [y], linestyle="none", marker="o", markersize=MARKER_SIZE,
                                       label="_estimate", zorder=3)[0])
            self.labels.append(ax.text(-0.02, y, "", transform=label_at, ha="right", va="center",
                                       fontsize=LABEL_SIZE))
            self.values.append(ax.text(1.02, y, "", transform=value_at, ha="left", va="center",
                                       fontsize=LABEL_SIZE))
        # Centred in the plot area, lines kept short (see MESSAGE_CHARS) so it stays clear of the label and
        # number columns; its opaque white box hides the faded rows behind it (black on white: 21:1).
        self.message = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center",
                               fontsize=MESSAGE_SIZE, color=LINE_COLOURS["black"], wrap=False,
                               bbox={"facecolor": "white", "alpha": 1.0, "edgecolor": LINE_COLOURS["black"],
                                     "pad": 6})

    def _y(self, slot: int) -> float:
        return float(self.capacity - slot)

    def show(self, rows: Sequence[Estimate], *, message: str | None = None) -> dict:
        """Fill the slots with ``rows`` (top to bottom) and hide the rest; returns what is drawn.

        Rows of the other kind (ratio vs difference) are refused, and more rows than
        slots is an error: the panel never silently drops a study.
        """
        wrong = [r.label for r in rows if r.kind != self.kind]
        if wrong:
            raise ValueError(f"These estimates are not {self.kind}s: {wrong}.")
        if len(rows) > self.capacity:
            raise ValueError(f"{len(rows)} rows do not fit in a panel with {self.capacity} slots.")
        for slot in range(self.capacity):
            visible = slot < len(rows)
            for artist in (self.intervals[slot], self.points[slot], self.labels[slot], self.values[slot]):
                artist.set_visible(visible)
            if not visible:
                continue
            row, y = rows[slot], self._y(slot)
            marker, colour = DESIGN_STYLE[row.design]
            self.intervals[slot].set_data([row.lower, row.upper], [y, y])
            point = self.points[slot]
            point.set_data([row.estimate], [y])
            point.set_marker(marker)
            point.set_color(colour)
            point.set_markeredgecolor(colour)
            point.set_markeredgewidth(2)
            point.set_markerfacecolor("white" if row.secondary else colour)
            self.labels[slot].set_text(row.label)
            self.values[slot].set_text(f"{row.measure} {row.numbers()}")
        self.message.set_visible(not rows)
        self.message.set_text(message_lines(message or self.empty_message))
        shown = len(rows)
        return {
            "rows": tuple(rows),
            "intervals": self.intervals[:shown],
            "points": self.points[:shown],
            "labels": self.labels[:shown],
            "values": self.values[:shown],
            "no_effect": self.no_effect,
            "message": self.message if not rows else None,
        }

    def dynamic_artists(self) -> list:
        return [*self.intervals, *self.points, *self.labels, *self.values, self.message]


def forest_plot(ax: Axes, rows: Sequence[Estimate], *, kind: str | None = None, title: str = "",
                limits: tuple[float, float] | None = None, empty_message: str = "No estimates to show.") -> dict:
    """Draw ``rows`` as a forest plot on ``ax``; returns what it drew (see :meth:`ForestPanel.show`).

    All rows must be of one kind (ratios or differences); ``kind`` is needed only
    when ``rows`` is empty. ``limits`` fixes the x-axis range (default: fit the intervals).
    """
    kinds = {r.kind for r in rows}
    if len(kinds) > 1:
        raise ValueError("Ratios and differences need separate plots (log and linear scales).")
    kind = kind or (kinds.pop() if kinds else "ratio")
    panel = ForestPanel(ax, kind, max(1, len(rows)), limits=limits or limits_for(rows, kind), title=title,
                        empty_message=empty_message)
    return panel.show(rows)


def reading_a_forest_plot_figure() -> Figure:
    """Two results from one study (MESA), annotated: point estimate, interval and the line of no effect."""
    intake = filter_effects(exposure="calcium_intake").rows
    pills = filter_effects(exposure="calcium_pills", design="observational").rows
    rows = intake + pills
    arrow = {"arrowstyle": "->", "color": LINE_COLOURS["black"], "linewidth": 1.5}
    with course_style():
        fig, ax = new_figure(12.0, 5.2)
        fig.set_layout_engine("none")  # placed by hand: the label column sits outside the axes
        ax.set_position((0.31, 0.14, 0.49, 0.72))
        drawn = forest_plot(ax, rows, title="Two results from one study (MESA), read step by step",
                            limits=(0.45, 2.6))
        ax.set_ylim(0.1, 2.9)
        pill = rows[1]
        y_pill = drawn["points"][1].get_ydata()[0]
        y_intake = drawn["points"][0].get_ydata()[0]
        ax.annotate("point estimate: the\nstudy's best guess (1.22)", xy=(pill.estimate, y_pill + 0.08),
                    xytext=(1.05, 2.55), fontsize=LABEL_SIZE, ha="left", va="center", arrowprops=arrow)
        ax.annotate("95% confidence interval: the\ntrue value could well be\nanywhere in here (1.07 to 1.39)",
                    xy=(pill.upper, y_pill), xytext=(1.6, 1.45), fontsize=LABEL_SIZE, ha="left", va="center",
                    arrowprops=arrow)
        ax.annotate("whole interval left of 1:\nless often (0.57 to 0.93)", xy=(rows[0].lower, y_intake),
                    xytext=(0.47, 1.45), fontsize=LABEL_SIZE, ha="left", va="center", arrowprops=arrow)
        ax.annotate("line of no effect (1):\nan interval that crosses it\nfits \"no difference\"",
                    xy=(1.0, 0.45), xytext=(1.6, 0.5), fontsize=LABEL_SIZE, ha="left", va="center",
                    arrowprops=arrow)
    return fig


#: The explorer's pixel budget, in inches at 100 dpi: columns for the labels, the plot and the numbers,
#: and one height per row (two lines of 10.5 pt text).
LABEL_COLUMN_IN, PLOT_IN, VALUE_COLUMN_IN = 3.9, 3.25, 2.6
ROW_IN = 0.33
TOP_IN, AXIS_IN, GAP_IN, LEGEND_IN = 0.6, 0.58, 0.42, 0.64
#: How much a row outside the filter is faded (the share of white laid over it).
VEIL_ALPHA = 0.82
BAND_COLOUR = "#EBEBEB"  #: behind every other row (black text on it: 16:1)
VEIL, CLEAR = (1.0, 1.0, 1.0, VEIL_ALPHA), (1.0, 1.0, 1.0, 0.0)


def explorer_size(n_ratio: int, n_difference: int) -> tuple[float, float]:
    """The explorer figure's size in inches: just tall enough for its rows, axes and legend."""
    width = LABEL_COLUMN_IN + PLOT_IN + VALUE_COLUMN_IN
    height = (TOP_IN + ROW_IN * n_ratio + AXIS_IN + GAP_IN + ROW_IN * (max(n_difference, 1) + 0.6)
              + AXIS_IN + LEGEND_IN)
    return width, height


def explorer_layout(fig: Figure, n_ratio: int, n_difference: int):
    """Place the explorer's two panels, each row the same height; returns ``(ratio_ax, difference_ax)``."""
    width, height = fig.get_size_inches()
    left = LABEL_COLUMN_IN / width
    ratio_height = ROW_IN * n_ratio
    ratio_bottom = height - TOP_IN - ratio_height
    ratio_ax = fig.add_axes((left, ratio_bottom / height, PLOT_IN / width, ratio_height / height))
    difference_height = ROW_IN * (max(n_difference, 1) + 0.6)
    difference_bottom = ratio_bottom - AXIS_IN - GAP_IN - difference_height
    difference_ax = fig.add_axes((left, difference_bottom / height, PLOT_IN / width, difference_height / height))
    return ratio_ax, difference_ax


class ForestRows:
    """Every estimate of one kind, each in its own fixed row, drawn once.

    A filter does not move or redraw any row: each row has a white veil that is
    shown when the row is outside the filter, so the row fades. Only the veils
    and the "nothing here" message change, which makes each update cheap, and the
    chosen rows stay where they were, next to the others for comparison.
    """

    def __init__(self, ax: Axes, kind: str, rows: Sequence[Estimate], *, title: str = "",
                 empty_message: str = "No estimates to show."):
        self.rows = tuple(rows)
        self.panel = ForestPanel(ax, kind, len(self.rows), limits=limits_for(self.rows, kind), title=title,
                                 empty_message=empty_message)
        self.drawn = self.panel.show(self.rows)
        self.panel.message.set_visible(False)
        # "no effect" goes above the plot, between the title and the first row, so it never sits on a row.
        self.panel.no_effect_label.set(y=1.0, va="bottom")
        ax.title.set(y=1.0)
        ax.set_title(title, pad=16)
        across = blended_transform_factory(ax.figure.transFigure, ax.transData)
        self.veils = []
        for slot in range(0, len(self.rows), 2):  # a pale band behind every other row keeps each label's lines together
            ax.add_artist(Rectangle((0.0, self.panel._y(slot) - 0.5), 1.0, 1.0, transform=across,
                                    facecolor=BAND_COLOUR, edgecolor="none", clip_on=False, zorder=0))
        # One collection holds every row's veil, so a change is a single quick draw.
        boxes = [[(0.0, y - 0.5), (1.0, y - 0.5), (1.0, y + 0.5), (0.0, y + 0.5)]
                 for y in (self.panel._y(slot) for slot in range(len(self.rows)))]
        self.veils = PolyCollection(boxes, transform=across, facecolors=[CLEAR] * len(boxes), edgecolors="none",
                                    linewidths=0, clip_on=False, zorder=6)
        ax.add_collection(self.veils, autolim=False)
        self.message = self.panel.message
        # Above the veils, so its opaque box covers the faded rows of the plot area, never the labels;
        # the message is split into lines by hand (wrapping it is slow on every redraw).
        self.message.set(zorder=7, wrap=False)

    def show(self, chosen: Sequence[Estimate], *, message: str | None = None) -> dict:
        """Fade every row that is not in ``chosen``; returns the rows left clear and the faded ones."""
        wanted = set(chosen)
        unknown = wanted - set(self.rows)
        if unknown:
            raise ValueError(f"These estimates are not in this panel: {sorted(r.label for r in unknown)}.")
        self.faded = tuple(row not in wanted for row in self.rows)
        self.veils.set_facecolor([VEIL if faded else CLEAR for faded in self.faded])
        self.message.set_visible(not wanted)
        self.message.set_text(message_lines(message or self.panel.empty_message))
        return {"clear": tuple(r for r in self.rows if r in wanted),
                "faded": tuple(r for r in self.rows if r not in wanted),
                "message": self.message if not wanted else None}

    def dynamic_artists(self) -> list:
        return [self.veils, self.message]
