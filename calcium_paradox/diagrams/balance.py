"""Chapter 02's explorer view: the balance of brakes and pushes, and mineral building up.

Left: two stacked bars, the brakes (inhibitors) on top and the pushes
(promoters) below, each segment labelled and hatched, with a dashed outline for
the room MGP would have if all of it were switched on. Right: mineral in the
toy artery wall over ten toy years, for these settings and for the usual ones.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..models.balance import MGP_WEIGHT, USUAL, YEARS, BalanceRun, max_rate, run_balance
from ..style import FILL_COLOURS, LINE_COLOURS

BAR_HEIGHT = 0.56
BRAKES_Y, PUSHES_Y = 1.0, 0.0
#: Segments in drawing order (left to right): key, short label, fill, hatch.
BRAKE_SEGMENTS = (
    ("other", "other\nbrakes", FILL_COLOURS["grey"], ""),
    ("magnesium", "Mg", FILL_COLOURS["pale"], "oo"),
    ("mgp", "MGP", FILL_COLOURS["sky"], "//"),
)
PUSH_SEGMENTS = (
    ("calcium", "calcium", FILL_COLOURS["yellow"], ".."),
    ("phosphate", "phosphate", FILL_COLOURS["orange"], "\\\\"),
    ("inflammation", "inflam-\nmation", FILL_COLOURS["pale"], "xx"),
)
MIN_LABEL_WIDTH = {"other": 0.7, "magnesium": 0.3, "mgp": 0.45, "calcium": 0.6, "phosphate": 0.85,
                   "inflammation": 0.62}
X_MAX = 5.8


def _segments(ax: Axes, y: float, segments) -> dict:
    drawn = {}
    for key, label, fill, hatch in segments:
        bar = ax.add_patch(Rectangle((0, y - BAR_HEIGHT / 2), 0.1, BAR_HEIGHT, facecolor=fill,
                                     edgecolor=LINE_COLOURS["black"], linewidth=1.5, hatch=hatch))
        text = ax.text(0, y, label, ha="center", va="center", fontsize=10,
                       bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
        drawn[key] = (bar, text)
    return drawn


def _place(drawn: dict, order, values: dict[str, float]) -> float:
    x = 0.0
    for key, *_ in order:
        bar, text = drawn[key]
        width = values[key]
        bar.set_x(x)
        bar.set_width(width)
        bar.set_visible(width > 0)
        text.set_x(x + width / 2)
        text.set_visible(width >= MIN_LABEL_WIDTH[key])
        x += width
    return x


def draw_balance(ax: Axes, run: BalanceRun) -> dict:
    """The two stacked bars, with the verdict written above them; returns the artists."""
    ax.set_title("The balance: brakes against pushes")
    ax.set_xlabel("Strength (toy units)")
    ax.set_ylabel("Side of the balance")
    ax.set_xlim(0, X_MAX)
    ax.set_ylim(-0.55, 1.95)
    ax.set_yticks([BRAKES_Y, PUSHES_Y], ["brakes\n(inhibitors)", "pushes\n(promoters)"])
    brakes = _segments(ax, BRAKES_Y, BRAKE_SEGMENTS)
    pushes = _segments(ax, PUSHES_Y, PUSH_SEGMENTS)
    room = ax.add_patch(Rectangle((0, BRAKES_Y - BAR_HEIGHT / 2), 0.1, BAR_HEIGHT, facecolor="none",
                                  edgecolor=LINE_COLOURS["black"], linewidth=1.5, linestyle="--"))
    room_text = ax.text(0, BRAKES_Y + BAR_HEIGHT / 2 + 0.05, "", ha="left", va="bottom", fontsize=9.5)
    # A dotted line at the end of the pushes, so the gap to the end of the brakes is easy to see.
    reach = ax.plot([0, 0], [PUSHES_Y - BAR_HEIGHT / 2, BRAKES_Y + BAR_HEIGHT / 2], color=LINE_COLOURS["black"],
                    linestyle=":", marker="", linewidth=1.5, label="_pushes end")[0]
    verdict = ax.text(0.02, 0.98, "", transform=ax.transAxes, ha="left", va="top", fontsize=10.5,
                      bbox={"facecolor": "white", "edgecolor": LINE_COLOURS["black"], "pad": 3})
    artists = {"brakes": brakes, "pushes": pushes, "room": room, "room_text": room_text, "verdict": verdict,
               "reach": reach}
    update_balance(artists, run)
    return artists


def verdict_words(run: BalanceRun) -> str:
    if run.verdict == "held":
        return f"brakes win by {-run.net_push:.1f}: mineral is held in check"
    if run.verdict == "tipping":
        return "brakes and pushes about even: near the tipping point"
    return f"pushes win by {run.net_push:.1f}: mineral builds up"


def update_balance(artists: dict, run: BalanceRun) -> None:
    end = _place(artists["brakes"], BRAKE_SEGMENTS, run.brakes)
    reach = _place(artists["pushes"], PUSH_SEGMENTS, run.pushes)
    artists["reach"].set_xdata([reach, reach])
    spare = MGP_WEIGHT - run.brakes["mgp"]
    room, room_text = artists["room"], artists["room_text"]
    room.set_x(end)
    room.set_width(spare)
    room.set_visible(spare > 0.02)
    room_text.set_x(end - run.brakes["mgp"])
    room_text.set_text(f"dashed: room left if all MGP were switched on ({spare:.1f})" if spare > 0.02
                       else "all MGP is switched on")
    artists["verdict"].set_text(
        f"brakes {run.total_brakes:.1f}, pushes {run.total_pushes:.1f}\n{verdict_words(run)}")


def draw_mineral(ax: Axes, run: BalanceRun) -> dict:
    """Mineral in the toy artery wall over the years, for these settings and for the usual ones."""
    usual = run_balance(**USUAL)
    ax.set_title("Mineral building up in the artery wall")
    ax.set_xlabel("Time (toy years)")
    ax.set_ylabel("Mineral in the wall (toy units)")
    ax.set_xlim(0, YEARS)
    ax.set_ylim(0, max_rate() * YEARS * 1.06)
    ax.plot(usual.years, usual.mineral, color=LINE_COLOURS["black"], linestyle="--", marker="",
            linewidth=2, label="usual settings")
    line = ax.plot(run.years, run.mineral, color=LINE_COLOURS["blue"], linestyle="-", marker="o",
                   markevery=10, label="these settings")[0]
    ax.legend(loc="upper left", fontsize=10)
    readout = ax.text(0.03, 0.8, "", transform=ax.transAxes, ha="left", va="top", fontsize=10.5,
                      bbox={"facecolor": "white", "edgecolor": LINE_COLOURS["black"], "pad": 3})
    artists = {"line": line, "readout": readout}
    update_mineral(artists, run)
    return artists


def update_mineral(artists: dict, run: BalanceRun) -> None:
    usual = run_balance(**USUAL)
    artists["line"].set_data(run.years, run.mineral)
    artists["readout"].set_text(
        f"MGP switched on: {run.active_mgp * 100:.0f}% (usual {usual.active_mgp * 100:.0f}%)\n"
        f"after {YEARS} years: {run.final_mineral:.1f} (usual {usual.final_mineral:.1f})")


class BalanceDrawing:
    """The balance explorer's view: built once, updated in place."""

    figsize = (10.5, 4.3)

    def build(self, fig: Figure) -> None:
        balance_ax, mineral_ax = fig.subplots(1, 2, width_ratios=[1.15, 1])
        first = run_balance(**USUAL)
        self.balance = draw_balance(balance_ax, first)
        self.mineral = draw_mineral(mineral_ax, first)

    def dynamic_artists(self) -> list:
        b = self.balance
        parts = [artist for side in ("brakes", "pushes") for pair in b[side].values() for artist in pair]
        return [*parts, b["room"], b["room_text"], b["reach"], b["verdict"],
                self.mineral["line"], self.mineral["readout"]]

    def update(self, params, run: BalanceRun) -> None:
        update_balance(self.balance, run)
        update_mineral(self.mineral, run)
