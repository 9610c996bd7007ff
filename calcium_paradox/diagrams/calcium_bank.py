"""Pictures of the calcium-bank model: the first weeks in days (blood calcium, PTH, calcitriol),
and the bone store over all the weeks."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..models.calcium_bank import BAND, BONE_GAIN_CEILING, MAX_ABSORBED, WEEKS, BankRun, run_bank
from ..style import FILL_COLOURS, LINE_COLOURS

#: The days the left-hand panels show: a few usual days, then the first three weeks after the change.
FIRST_DAYS = (-3, 21)
HORMONE_LIMITS = (0.0, 4.0)  #: room at the top for the legend: no setting takes a hormone above 3
BONE_LIMITS = (-12.0, 3.0)
#: The readout in the bone panel, at the end of the run: words here, numbers from ``readout_text``.
READOUT_WORDS = ("Share of food calcium the gut absorbs\n"
                 f"    (usual 25%; made-up top {MAX_ABSORBED * 100:.0f}%)\n"
                 "Urine calcium a day (usual 0.25)\n"
                 "Change in the bone store (units)")


def _change_line(ax: Axes, x: float = 0.0) -> None:
    ax.axvline(x, color=LINE_COLOURS["black"], linestyle="-.", linewidth=1.5, label="_change")


def draw_blood(ax: Axes, run: BankRun) -> dict:
    """Blood calcium over the first days, with the normal band shaded and labelled."""
    ax.set_title("Blood calcium (normal band shaded)", fontsize=12)
    ax.set_xlabel("Days after the change")
    ax.set_ylabel("Blood calcium\n(toy units)")
    ax.set_xlim(*FIRST_DAYS)
    ax.set_ylim(0.84, 1.16)
    ax.axhspan(*BAND, facecolor=FILL_COLOURS["grey"], edgecolor="none", zorder=0)
    for edge in BAND:
        ax.axhline(edge, color=LINE_COLOURS["black"], linestyle=":", linewidth=1.5, label="_band")
    _change_line(ax)
    ax.text(0.4, 1.155, "change", ha="left", va="top", fontsize=9.5)
    line = ax.plot(run.day, run.blood, color=LINE_COLOURS["blue"], linestyle="-", marker="", label="blood calcium")[0]
    return {"line": line}


def draw_hormones(ax: Axes, run: BankRun) -> dict:
    """PTH and calcitriol (1 = usual) over the same first days."""
    ax.set_title("The hormones (1 = usual)", fontsize=12)
    ax.set_xlabel("Days after the change")
    ax.set_ylabel("Level\n(1 = usual)")
    ax.set_xlim(*FIRST_DAYS)
    ax.set_ylim(*HORMONE_LIMITS)
    ax.axhline(1.0, color=LINE_COLOURS["black"], linestyle=":", linewidth=1.5, label="_usual")
    _change_line(ax)
    pth = ax.plot(run.day, run.pth, color=LINE_COLOURS["vermillion"], linestyle="-", marker="o", markevery=(3, 7),
                  label="PTH")[0]
    calcitriol = ax.plot(run.day, run.calcitriol, color=LINE_COLOURS["purple"], linestyle="--", marker="s",
                         markevery=(3, 7), label="calcitriol (active vitamin D)")[0]
    ax.legend(loc="upper left", ncol=2, fontsize=9.5, frameon=True, framealpha=1.0, edgecolor="white",
              borderpad=0.3, columnspacing=1.0)
    return {"pth": pth, "calcitriol": calcitriol}


def draw_bone(ax: Axes, run: BankRun) -> dict:
    """The bone store's change over all the weeks, with the made-up limits that shape it."""
    ax.set_title(f"The bone store, over {WEEKS} weeks", fontsize=12)
    ax.set_xlabel("Weeks after the change")
    ax.set_ylabel("Change (units;\nwhole store 1,000)")
    ax.set_xlim(-1, WEEKS)
    ax.set_xticks(range(0, WEEKS + 1, 4))
    ax.set_ylim(*BONE_LIMITS)
    _change_line(ax)
    ax.axhline(BONE_GAIN_CEILING, color=LINE_COLOURS["black"], linestyle=":", linewidth=1.5, label="_ceiling")
    ax.text(WEEKS - 0.3, BONE_GAIN_CEILING + 0.9,
            "made-up ceiling: adult bone stores no extra", ha="right", va="bottom", fontsize=9.5)
    line = ax.plot(run.day / 7, run.bone_store, color=LINE_COLOURS["green"], linestyle="-", marker="^",
                   markevery=(7, 14), label="bone store")[0]
    return {"line": line}


def draw_readout(ax: Axes, run: BankRun) -> dict:
    """The numbers at the end of the run, in a small table (its words are drawn once; text is slow to draw)."""
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_title(f"At the end of the {WEEKS} weeks", fontsize=12)
    ax.text(0.02, 1.0, READOUT_WORDS, ha="left", va="top", fontsize=10.5, linespacing=1.35)
    ax.text(0.02, -0.08, "Made-up limits decide some answers: the gut's\ntop share, and bone that stores no extra.",
            ha="left", va="bottom", fontsize=9.5, style="italic")
    numbers = ax.text(0.98, 1.0, "", ha="right", va="top", fontsize=10.5, linespacing=1.35)
    artists = {"numbers": numbers}
    update_readout(artists, run)
    return artists


def bone_words(run: BankRun) -> str:
    """The bone store's change in words, from the model's own running total."""
    change = run.bone_change
    weeks = int(round((run.day[-1] + 1) / 7))
    if abs(change) < 0.05:
        words = f"bone store about even over {weeks} weeks"
    else:
        words = f"bone store {'gained' if change > 0 else 'lost'} {abs(change):.1f} units over {weeks} weeks"
    return words


def readout_text(run: BankRun) -> str:
    """The readout's numbers, one a line, matching the lines of ``READOUT_WORDS``."""
    change = f"{run.bone_change:+.1f}".replace("-", "\u2212")
    return f"{run.fraction_absorbed[-1] * 100:.0f}%\n\n{run.urine[-1]:.2f}\n{change}"


def update_readout(artists: dict, run: BankRun) -> None:
    artists["numbers"].set_text(readout_text(run))


class BankDrawing:
    """The calcium-bank explorer's view: built once, updated in place."""

    figsize = (9.0, 4.0)

    def build(self, fig: Figure) -> None:
        (blood_ax, bone_ax), (hormone_ax, readout_ax) = fig.subplots(2, 2)
        first = run_bank()
        self.blood = draw_blood(blood_ax, first)
        self.hormones = draw_hormones(hormone_ax, first)
        self.bone = draw_bone(bone_ax, first)
        self.readout = draw_readout(readout_ax, first)

    def dynamic_artists(self) -> list:
        return [self.blood["line"], self.hormones["pth"], self.hormones["calcitriol"],
                self.bone["line"], self.readout["numbers"]]

    def update(self, params, run: BankRun) -> None:
        self.blood["line"].set_data(run.day, run.blood)
        self.hormones["pth"].set_data(run.day, run.pth)
        self.hormones["calcitriol"].set_data(run.day, run.calcitriol)
        self.bone["line"].set_data(run.day / 7, run.bone_store)
        update_readout(self.readout, run)
