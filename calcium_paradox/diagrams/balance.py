"""Chapter 02's explorer view: the balance of brakes and push, and what happens over the years.

Left: the brakes (inhibitors) at the start, as one stacked bar, against the
push (calcium × phosphate), with a dashed outline for the room MGP would have if
all of it were switched on. Right, top: the brakes still free over time (they get
tied up by mineral) against the push. Right, bottom: mineral in the toy artery
wall over the years, for these settings and for the usual ones.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from ..models.balance import K_HALF, TIE_UP, USUAL, VISIBLE, YEARS, BalanceRun, mgp_room, run_balance
from ..style import FILL_COLOURS, LINE_COLOURS

BAR_HEIGHT = 0.56
BRAKES_Y, PUSH_Y = 1.0, 0.0
#: Brake segments in drawing order (left to right): key, short label, fill, hatch.
BRAKE_SEGMENTS = (
    ("fetuin_a", "fetuin-A", FILL_COLOURS["grey"], ""),
    ("pyrophosphate", "PPi", FILL_COLOURS["pale"], ".."),
    ("magnesium", "Mg", FILL_COLOURS["pale"], "oo"),
    ("mgp", "MGP", FILL_COLOURS["sky"], "//"),
)
NAMES = {"fetuin_a": "fetuin-A", "pyrophosphate": "pyrophosphate (PPi)", "magnesium": "magnesium (Mg)",
         "mgp": "MGP, switched on"}
#: The strongest brakes and push the controls allow, so the axes never need to change.
X_MAX = 8.0


def _year(value: float | None, never: str) -> str:
    return never if value is None else f"in year {value:.1f}"


def draw_start(ax: Axes, run: BalanceRun) -> dict:
    """The brakes at the start as a stacked bar, against the push; returns the artists."""
    ax.set_title("At the start: brakes against push")
    ax.set_xlabel("Strength (toy units)")
    ax.set_xlim(0, X_MAX)
    ax.set_xticks(range(0, int(X_MAX) + 1, 2))  # fixed ticks: the locator's choice can change between redraws
    ax.set_ylim(-0.55, 3.0)
    ax.set_yticks([BRAKES_Y, PUSH_Y], ["brakes\n(inhibitors)", "push\n(calcium ×\nphosphate)"])
    ax.set_ylabel("Side of the balance")
    segments = {}
    for key, _label, fill, hatch in BRAKE_SEGMENTS:
        segments[key] = ax.add_patch(Rectangle((0, BRAKES_Y - BAR_HEIGHT / 2), 0.1, BAR_HEIGHT, facecolor=fill,
                                               edgecolor=LINE_COLOURS["black"], linewidth=1.5, hatch=hatch))
    room = ax.add_patch(Rectangle((0, BRAKES_Y - BAR_HEIGHT / 2), 0.1, BAR_HEIGHT, facecolor="none",
                                  edgecolor=LINE_COLOURS["black"], linewidth=1.5, linestyle="--"))
    push = ax.add_patch(Rectangle((0, PUSH_Y - BAR_HEIGHT / 2), 0.1, BAR_HEIGHT, facecolor=FILL_COLOURS["orange"],
                                  edgecolor=LINE_COLOURS["black"], linewidth=1.5, hatch="\\\\"))
    push_text = ax.text(0, PUSH_Y, "", ha="center", va="center", fontsize=10,
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    brakes_text = ax.text(0, BRAKES_Y + BAR_HEIGHT / 2 + 0.04, "", ha="right", va="bottom", fontsize=10)
    handles = [Patch(facecolor=fill, hatch=hatch, edgecolor=LINE_COLOURS["black"], label=NAMES[key])
               for key, _label, fill, hatch in BRAKE_SEGMENTS]
    handles.append(Patch(facecolor="none", edgecolor=LINE_COLOURS["black"], linestyle="--",
                         label="MGP, switched off"))
    handles.append(Patch(facecolor=FILL_COLOURS["orange"], hatch="\\\\", edgecolor=LINE_COLOURS["black"],
                         label="calcium × phosphate"))
    ax.legend(handles=handles, loc="upper right", fontsize=9.5, ncols=2, frameon=False)
    ax.spines["left"].set_visible(False)  # the bars start at 0; no spine for them to cover
    artists = {"segments": segments, "room": room, "push": push, "on_top": [], "push_text": push_text,
               "brakes_text": brakes_text}
    update_start(artists, run)
    return artists


def update_start(artists: dict, run: BalanceRun) -> None:
    x = 0.0
    for key, *_ in BRAKE_SEGMENTS:
        bar = artists["segments"][key]
        width = run.brakes[key]
        bar.set_x(x)
        bar.set_width(width)
        bar.set_visible(width > 0)
        x += width
    spare = mgp_room(run)
    room = artists["room"]
    room.set_x(x)
    room.set_width(spare)
    room.set_visible(spare > 0.02)
    artists["brakes_text"].set_position((x, BRAKES_Y + BAR_HEIGHT / 2 + 0.04))
    artists["brakes_text"].set_text(f"{run.total_brakes:.1f}")
    artists["push"].set_width(run.push)
    artists["push_text"].set_x(run.push / 2)
    artists["push_text"].set_text(f"{run.push:.1f}")


def draw_brakes_over_time(ax: Axes, run: BalanceRun) -> dict:
    """Free brakes over the years against the (steady) push."""
    ax.set_title(" ", fontsize=11)
    ax.set_ylabel("Strength\n(toy units)")
    ax.set_xlabel("Time (toy years)")
    ax.set_xlim(0, YEARS)
    ax.set_xticks(range(0, YEARS + 1, 5))
    ax.set_ylim(0, 9.5)
    ax.set_yticks([0, 2, 4, 6])
    free = ax.plot(run.years, run.free_brakes, color=LINE_COLOURS["blue"], linestyle="-", marker="",
                   label="brakes still free")[0]
    push = ax.plot([0, YEARS], [run.push, run.push], color=LINE_COLOURS["vermillion"], linestyle="--",
                   marker="", label="push")[0]
    ax.legend(loc="upper right", fontsize=10, frameon=False, ncols=2)
    artists = {"free": free, "push": push, "readout": ax.title, "on_top": [ax.spines["left"]]}
    update_brakes_over_time(artists, run)
    return artists


def update_brakes_over_time(artists: dict, run: BalanceRun) -> None:
    artists["free"].set_data(run.years, run.free_brakes)
    artists["push"].set_ydata([run.push, run.push])
    when = "never" if run.overtake_year is None else f"from year {run.overtake_year:.1f}"
    artists["readout"].set_text(f"Free brakes vs push: push ahead {when}")


def draw_mineral(ax: Axes, run: BalanceRun) -> dict:
    """Mineral in the toy artery wall over the years, for these settings and for the usual ones."""
    usual = run_balance(**USUAL)
    ax.set_title(" ", fontsize=11)
    ax.set_xlabel("Time (toy years)")
    ax.set_ylabel("Mineral: share of\nthe wall (toy, %)")
    ax.set_xlim(0, YEARS)
    ax.set_xticks(range(0, YEARS + 1, 5))
    ax.set_ylim(0, 128)
    ax.set_yticks([0, 25, 50, 75, 100])
    ax.axhline(VISIBLE * 100, color=LINE_COLOURS["black"], linestyle=":", linewidth=1.5, marker="")
    mark = ax.text(YEARS * 0.99, VISIBLE * 100 + 1.5, f"{VISIBLE:.0%} mark", ha="right", va="bottom", fontsize=9.5)
    ax.plot(usual.years, usual.mineral * 100, color=LINE_COLOURS["black"], linestyle="--", marker="",
            linewidth=2, label="usual settings")
    line = ax.plot(run.years, run.mineral * 100, color=LINE_COLOURS["blue"], linestyle="-", marker="o",
                   markevery=40, label="these settings")[0]
    ax.legend(loc="upper right", fontsize=10, frameon=False, ncols=2)
    artists = {"line": line, "readout": ax.title, "on_top": [mark, ax.spines["left"], ax.spines["bottom"]]}
    update_mineral(artists, run)
    return artists


def update_mineral(artists: dict, run: BalanceRun) -> None:
    artists["line"].set_data(run.years, run.mineral * 100)
    artists["readout"].set_text(f"Mineral: {run.final_mineral * 100:.0f}% after {YEARS} years; "
                                f"{VISIBLE:.0%} mark {_year(run.visible_year, 'not reached')}")


def constants_words() -> str:
    """The made-up constants behind every run, in words (shown under the pictures)."""
    return ("Made-up constants (the model's answers depend on them): MGP's brake strength when all of it is on "
            f"(fourth control);\n{1 / (1 + K_HALF):.0%} of MGP is on at usual vitamin K; half the brakes are tied up "
            f"once mineral fills {TIE_UP:.0%} of the wall.\nHeld at usual levels: fetuin-A, pyrophosphate (PPi) "
            "and calcium.")


class BalanceDrawing:
    """The balance explorer's view: built once, updated in place."""

    figsize = (10.5, 4.9)

    def build(self, fig: Figure) -> None:
        grid = fig.add_gridspec(2, 2, width_ratios=[1, 1.25])
        start_ax = fig.add_subplot(grid[:, 0])
        brakes_ax = fig.add_subplot(grid[0, 1])
        mineral_ax = fig.add_subplot(grid[1, 1], sharex=brakes_ax)
        first = run_balance(**USUAL)
        self.start = draw_start(start_ax, first)
        self.brakes = draw_brakes_over_time(brakes_ax, first)
        self.mineral = draw_mineral(mineral_ax, first)
        fig.text(0.01, 0.01, constants_words(), ha="left", va="bottom", fontsize=10,
                                  bbox={"facecolor": "white", "edgecolor": LINE_COLOURS["black"], "pad": 3})
        fig.get_layout_engine().set(rect=(0, 0.14, 1, 0.86))

    def dynamic_artists(self) -> list:
        s = self.start
        # Each panel's "on_top" lists fixed artists (spines, a label) that must stay above the changing ones.
        return [*s["segments"].values(), s["room"], s["push"], s["push_text"], s["brakes_text"], *s["on_top"],
                self.brakes["free"], self.brakes["push"], self.brakes["readout"], *self.brakes["on_top"],
                self.mineral["line"], self.mineral["readout"], *self.mineral["on_top"]]

    def update(self, params, run: BalanceRun) -> None:
        update_start(self.start, run)
        update_brakes_over_time(self.brakes, run)
        update_mineral(self.mineral, run)

