"""Pictures of the calcium-bank model: blood calcium in its band, and the bone bank's daily trades."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..models.calcium_bank import BAND, BankRun, run_bank
from ..style import FILL_COLOURS, LINE_COLOURS


def _weeks_axes(ax: Axes, run: BankRun, title: str, ylabel: str, ylim: tuple[float, float]):
    ax.set_title(title)
    ax.set_xlabel("Time (weeks)")
    ax.set_ylabel(ylabel)
    weeks = run.day / 7
    ax.set_xlim(float(weeks[0]), float(weeks[-1]))
    ax.set_xticks(range(0, int(weeks[-1]) + 1, 2))
    ax.set_ylim(*ylim)
    ax.axvline(0, color=LINE_COLOURS["black"], linestyle="-.", linewidth=1.5, label="_change")
    ax.text(0.15, ylim[1] - 0.02 * (ylim[1] - ylim[0]), "settings change", ha="left", va="top", fontsize=10)
    return weeks


def draw_blood(ax: Axes, run: BankRun) -> dict:
    """Blood calcium over the weeks, with the normal band shaded and labelled."""
    weeks = _weeks_axes(ax, run, "Blood calcium", "Blood calcium (toy units)", (0.8, 1.2))
    ax.axhspan(*BAND, facecolor=FILL_COLOURS["pale"], edgecolor="none", zorder=0)
    for edge in BAND:
        ax.axhline(edge, color=LINE_COLOURS["black"], linestyle=":", linewidth=1.5, label="_band")
    ax.text(float(weeks[-1]) * 0.98, BAND[1] + 0.005, "top of normal band", ha="right", va="bottom", fontsize=10)
    ax.text(float(weeks[-1]) * 0.98, BAND[0] + 0.005, "bottom of normal band", ha="right", va="bottom", fontsize=10)
    line = ax.plot(weeks, run.blood, color=LINE_COLOURS["blue"], linestyle="-", marker="", label="blood calcium")[0]
    return {"line": line}


def update_blood(artists: dict, run: BankRun) -> None:
    artists["line"].set_data(run.day / 7, run.blood)


def draw_bone(ax: Axes, run: BankRun) -> dict:
    """Bone deposits and withdrawals per day, and the running total of what bone gained or lost."""
    weeks = _weeks_axes(ax, run, "The bone bank: daily trades", "Calcium per day (toy units)", (0.0, 0.3))
    deposits = ax.plot(weeks, run.deposits, color=LINE_COLOURS["green"], linestyle="-", marker="s",
                       markevery=14, label="deposits into bone")[0]
    withdrawals = ax.plot(weeks, run.withdrawals, color=LINE_COLOURS["vermillion"], linestyle="--", marker="^",
                          markevery=14, label="withdrawals from bone")[0]
    ax.legend(loc="upper right", fontsize=10)
    total = ax.text(float(weeks[-1]) * 0.98, 0.012, "", ha="right", va="bottom", fontsize=10.5,
                    bbox={"facecolor": "white", "edgecolor": LINE_COLOURS["black"], "pad": 3})
    artists = {"deposits": deposits, "withdrawals": withdrawals, "total": total}
    update_bone(artists, run)
    return artists


def bone_words(run: BankRun) -> str:
    change = run.bone_change
    weeks = int(round(run.day[-1] / 7 + 1 / 7))
    if abs(change) < 0.05:
        return f"bone about even over {weeks} weeks"
    return f"bone {'gained' if change > 0 else 'lost'} {abs(change):.1f} units over {weeks} weeks"


def update_bone(artists: dict, run: BankRun) -> None:
    weeks = run.day / 7
    artists["deposits"].set_data(weeks, run.deposits)
    artists["withdrawals"].set_data(weeks, run.withdrawals)
    artists["total"].set_text(bone_words(run))


class BankDrawing:
    """The calcium-bank explorer's view: built once, updated in place."""

    figsize = (9.0, 3.6)

    def build(self, fig: Figure) -> None:
        blood_ax, bone_ax = fig.subplots(1, 2)
        first = run_bank()
        self.blood = draw_blood(blood_ax, first)
        self.bone = draw_bone(bone_ax, first)

    def dynamic_artists(self) -> list:
        return [self.blood["line"], self.bone["deposits"], self.bone["withdrawals"], self.bone["total"]]

    def update(self, params, run: BankRun) -> None:
        update_blood(self.blood, run)
        update_bone(self.bone, run)
