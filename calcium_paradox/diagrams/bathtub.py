"""Pictures of the bathtub model: the tub itself and its level over time.

``draw_tub`` and ``draw_level`` take an Axes and return the artists they made.
``TubDrawing`` is the explorer's view: it draws both once and then moves those
same artists when the settings change.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..models.bathtub import CAPACITY, TubRun, fill_tub
from ..style import FILL_COLOURS, LINE_COLOURS

LEFT, RIGHT = 0.2, 0.8


def draw_tub(ax: Axes, run: TubRun) -> dict:
    """The tub with its water at the run's final level; returns the artists."""
    ax.set_xlim(0, 1)
    ax.set_ylim(-4, run.capacity * 1.25)
    ax.set_axis_off()
    ax.set_title("The tub now")
    walls = ax.plot([LEFT, LEFT, RIGHT, RIGHT], [run.capacity, 0, 0, run.capacity],
                    color=LINE_COLOURS["black"], linewidth=3, marker="", label="_walls", zorder=3)[0]
    water = Rectangle((LEFT, 0), RIGHT - LEFT, run.final_level, facecolor=FILL_COLOURS["sky"],
                      edgecolor=LINE_COLOURS["blue"], linewidth=1.5, hatch="..")
    ax.add_patch(water)
    level_text = ax.text(0.5, run.final_level / 2, "", ha="center", va="center", fontsize=12,
                         bbox={"facecolor": "white", "edgecolor": "none", "pad": 2})
    ax.text(RIGHT + 0.02, run.capacity, "brim", ha="left", va="center", fontsize=11)
    tap = ax.text(0.5, run.capacity * 1.15, "", ha="center", va="center", fontsize=11)
    drain = ax.text(0.5, -0.8, "", ha="center", va="top", fontsize=11)
    artists = {"walls": walls, "water": water, "level_text": level_text, "tap": tap, "drain": drain}
    update_tub(artists, run)
    return artists


def update_tub(artists: dict, run: TubRun) -> None:
    artists["water"].set_height(run.final_level)
    words = "spilling over!" if run.overflows else f"level {run.final_level:.1f}"
    artists["level_text"].set_text(words)
    artists["level_text"].set_y(max(run.final_level / 2, 1.2))
    artists["tap"].set_text(f"tap: {run.inflow:g} units in per minute")
    artists["drain"].set_text(f"drain opening: {run.drain:g}")


def draw_level(ax: Axes, run: TubRun) -> dict:
    """The water level over time, the level it settles at and the brim; returns the artists."""
    ax.set_title("Water level over time")
    ax.set_xlabel("Time (toy minutes)")
    ax.set_ylabel("Water level (toy units)")
    ax.set_xlim(0, float(run.time[-1]))
    ax.set_ylim(0, run.capacity * 1.15)
    level = ax.plot(run.time, run.level, color=LINE_COLOURS["blue"], linestyle="-", marker="",
                    label="water level", zorder=2)[0]
    steady = ax.axhline(0, color=LINE_COLOURS["black"], linestyle="--", linewidth=1.5, label="_steady")
    brim = ax.axhline(run.capacity, color=LINE_COLOURS["vermillion"], linestyle=":", linewidth=2.5,
                      label="_brim", zorder=3)
    ax.text(float(run.time[-1]) * 0.02, run.capacity * 1.02, "brim: the tub spills over",
            fontsize=11, va="bottom", color=LINE_COLOURS["black"])
    steady_text = ax.text(float(run.time[-1]) * 0.98, 0, "", ha="right", va="bottom", fontsize=11)
    artists = {"level": level, "steady": steady, "steady_text": steady_text, "brim": brim}
    update_level(artists, run)
    return artists


def update_level(artists: dict, run: TubRun) -> None:
    artists["level"].set_data(run.time, run.level)
    settles = not run.overflows
    artists["steady"].set_visible(settles)
    artists["steady_text"].set_visible(settles)
    if settles:
        artists["steady"].set_ydata([run.steady_level, run.steady_level])
        artists["steady_text"].set_y(run.steady_level + 0.3)
        artists["steady_text"].set_text(f"settles at {run.steady_level:.1f}")


class TubDrawing:
    """The bathtub explorer's view: built once, updated in place."""

    figsize = (8.0, 3.4)

    def build(self, fig: Figure) -> None:
        tub_ax, level_ax = fig.subplots(1, 2, width_ratios=[1, 2.2])
        first = fill_tub(4.0, 0.5)
        self.tub = draw_tub(tub_ax, first)
        self.level = draw_level(level_ax, first)

    def dynamic_artists(self) -> list:
        # The walls and the brim line do not change, but must stay on top of the water and the level line.
        return [self.tub["water"], self.tub["walls"], self.tub["level_text"], self.tub["tap"], self.tub["drain"],
                self.level["level"], self.level["steady"], self.level["steady_text"], self.level["brim"]]

    def update(self, params, run: TubRun) -> None:
        update_tub(self.tub, run)
        update_level(self.level, run)



__all__ = ["CAPACITY", "TubDrawing", "draw_level", "draw_tub"]
