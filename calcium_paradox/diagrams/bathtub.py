"""Pictures of the bathtub model: the tub itself and its level over time.

``draw_tub``, ``draw_level`` and ``draw_flows`` take an Axes and return the
artists they made. ``TubDrawing`` is the explorer's view: it draws all three once
and then moves those same artists when the settings change.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..models.bathtub import CAPACITY, TubRun, fill_tub
from ..style import FILL_COLOURS, LINE_COLOURS

LEFT, RIGHT = 0.2, 0.8
FLOW_TOP = 13.5  #: top of the flows chart (the tap gives at most 10; the legend sits above that)


def draw_tub(ax: Axes, run: TubRun) -> dict:
    """The tub with its water at the run's final level, and its flows now; returns the artists."""
    ax.set_xlim(0, 1)
    ax.set_ylim(-9.5, run.capacity * 1.3)
    ax.set_axis_off()
    ax.set_title("The tub after 30 minutes")
    walls = ax.plot([LEFT, LEFT, RIGHT, RIGHT], [run.capacity, 0, 0, run.capacity],
                    color=LINE_COLOURS["black"], linewidth=3, marker="", label="_walls", zorder=3)[0]
    water = Rectangle((LEFT, 0), RIGHT - LEFT, run.final_level, facecolor=FILL_COLOURS["sky"],
                      edgecolor=LINE_COLOURS["blue"], linewidth=1.5, hatch="..")
    ax.add_patch(water)
    level_text = ax.text(0.5, run.final_level / 2, "", ha="center", va="center", fontsize=12,
                         bbox={"facecolor": "white", "edgecolor": "none", "pad": 2})
    ax.text(RIGHT + 0.02, run.capacity, f"brim\n({run.capacity:g})", ha="left", va="center", fontsize=10)
    tap = ax.text(0.5, run.capacity * 1.12, "", ha="center", va="center", fontsize=10.5)
    drain = ax.text(0.5, -0.8, "", ha="center", va="top", fontsize=10.5, linespacing=1.3)
    ax.text(0.5, -6.2, "(a made-up rule: out per minute\n= drain opening × level)", ha="center", va="top",
            fontsize=9.5, linespacing=1.2)
    artists = {"walls": walls, "water": water, "level_text": level_text, "tap": tap, "drain": drain}
    update_tub(artists, run)
    return artists


def update_tub(artists: dict, run: TubRun) -> None:
    artists["water"].set_height(run.final_level)
    words = "spilling over!" if run.overflows else f"level {run.final_level:.1f}"
    artists["level_text"].set_text(words)
    artists["level_text"].set_y(max(run.final_level / 2, 1.2))
    artists["tap"].set_text(f"in: {run.inflow:g} per minute")
    out = f"out: {run.drain:g} × {run.final_level:.1f} = {run.outflow[-1]:.1f} per minute"
    if run.overflows:
        out += f"\nspilling: {run.spill[-1]:.1f} per minute"
    artists["drain"].set_text(out)


def draw_level(ax: Axes, run: TubRun) -> dict:
    """The water level over time, the level it settles at, when it settles, and the brim; returns the artists."""
    ax.set_title("Water level over time", fontsize=12)
    ax.set_xlabel("Time (toy minutes)")
    ax.set_ylabel("Level (toy units)")
    ax.set_xlim(0, float(run.time[-1]))
    ax.set_ylim(0, run.capacity * 1.18)
    level = ax.plot(run.time, run.level, color=LINE_COLOURS["blue"], linestyle="-", marker="",
                    label="water level", zorder=2)[0]
    steady = ax.axhline(0, color=LINE_COLOURS["black"], linestyle="--", linewidth=1.5, label="_steady")
    brim = ax.axhline(run.capacity, color=LINE_COLOURS["vermillion"], linestyle=":", linewidth=2.5,
                      label="_brim", zorder=3)
    ax.text(float(run.time[-1]) * 0.01, run.capacity * 1.02, f"brim ({run.capacity:g}): the tub spills over",
            fontsize=10, va="bottom", color=LINE_COLOURS["black"])
    steady_text = ax.text(float(run.time[-1]) * 0.99, 0, "", ha="right", va="bottom", fontsize=10.5)
    when = ax.axvline(0, color=LINE_COLOURS["black"], linestyle="-.", linewidth=1.5, label="_settled", zorder=1)
    when_text = ax.text(0, 0.5, "", ha="left", va="center", fontsize=10.5, transform=ax.get_xaxis_transform(),
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    artists = {"level": level, "steady": steady, "steady_text": steady_text, "brim": brim, "when": when,
               "when_text": when_text}
    update_level(artists, run)
    return artists


def update_level(artists: dict, run: TubRun) -> None:
    artists["level"].set_data(run.time, run.level)
    settles = not run.overflows
    artists["steady"].set_visible(settles)
    artists["steady_text"].set_visible(settles)
    if settles:
        artists["steady"].set_ydata([run.steady_level, run.steady_level])
        above = run.steady_level < run.capacity * 0.8
        artists["steady_text"].set(y=run.steady_level + (0.3 if above else -0.4), va="bottom" if above else "top",
                                   text=f"settles at {run.steady_level:.1f}")
    moment = run.settle_time if settles else run.brim_time
    show = moment is not None and moment > 0
    artists["when"].set_visible(show)
    artists["when_text"].set_visible(show)
    if show:
        artists["when"].set_xdata([moment, moment])
        words = f"95% there\nafter {moment:.1f} min" if settles else f"at the brim\nafter {moment:.1f} min"
        right = moment < float(run.time[-1]) * 0.6
        artists["when_text"].set(x=moment + (0.4 if right else -0.4), ha="left" if right else "right",
                                 y=0.3 if run.steady_level > run.capacity * 0.45 else 0.75, text=words)


def draw_flows(ax: Axes, run: TubRun) -> dict:
    """Water in, out of the drain and over the brim, per minute, over time; returns the artists."""
    ax.set_title("Water in and out per minute", fontsize=12)
    ax.set_xlabel("Time (toy minutes)")
    ax.set_ylabel("Per minute")
    ax.set_xlim(0, float(run.time[-1]))
    ax.set_ylim(0, FLOW_TOP)
    ax.set_yticks([0, 5, 10])
    inflow = ax.plot(run.time, np.full_like(run.time, run.inflow), color=LINE_COLOURS["black"], linestyle="--",
                     marker="", linewidth=2, label="in (tap)", zorder=3)[0]
    outflow = ax.plot(run.time, run.outflow, color=LINE_COLOURS["blue"], linestyle="-", marker="",
                      linewidth=2.2, label="out (drain)", zorder=2)[0]
    spill = ax.plot(run.time, run.spill, color=LINE_COLOURS["vermillion"], linestyle=":", marker="",
                    linewidth=2.5, label="spilling over", zorder=4)[0]
    ax.legend(loc="upper left", ncols=3, fontsize=10, frameon=False, borderaxespad=0.2, handlelength=2.2,
              columnspacing=1.0)
    artists = {"inflow": inflow, "outflow": outflow, "spill": spill}
    update_flows(artists, run)
    return artists


def update_flows(artists: dict, run: TubRun) -> None:
    artists["inflow"].set_data(run.time, np.full_like(run.time, run.inflow))
    artists["outflow"].set_data(run.time, np.minimum(run.outflow, FLOW_TOP))
    # Drawn only from the moment the water reaches the brim (before that nothing spills).
    artists["spill"].set_data(run.time, np.where(run.level >= run.capacity, run.spill, np.nan))
    artists["spill"].set_visible(run.overflows)


class TubDrawing:
    """The bathtub explorer's view: built once, updated in place."""

    figsize = (8.0, 4.9)

    def build(self, fig: Figure) -> None:
        grid = fig.add_gridspec(2, 2, width_ratios=[1, 1.9], height_ratios=[1.15, 1])
        tub_ax = fig.add_subplot(grid[:, 0])
        level_ax = fig.add_subplot(grid[0, 1])
        flows_ax = fig.add_subplot(grid[1, 1], sharex=level_ax)
        first = fill_tub(4.0, 0.5, start_level=0.0)
        self.tub = draw_tub(tub_ax, first)
        self.level = draw_level(level_ax, first)
        self.flows = draw_flows(flows_ax, first)

    def dynamic_artists(self) -> list:
        # The walls and the brim line do not change, but must stay on top of the water and the level line.
        return [self.tub["water"], self.tub["walls"], self.tub["level_text"], self.tub["tap"], self.tub["drain"],
                self.level["level"], self.level["steady"], self.level["steady_text"], self.level["brim"],
                self.level["when"], self.level["when_text"],
                self.flows["inflow"], self.flows["outflow"], self.flows["spill"]]

    def update(self, params, run: TubRun) -> None:
        update_tub(self.tub, run)
        update_level(self.level, run)
        update_flows(self.flows, run)


__all__ = ["CAPACITY", "TubDrawing", "draw_flows", "draw_level", "draw_tub"]
