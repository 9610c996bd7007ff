"""Chapter 04 pictures: the phantom scan (a synthetic artery, its toy CT scan and what the score counts).

Every picture says it is synthetic, not a real scan and not a diagnostic tool,
and carries the toy-model label. The artery is drawn to scale: the channel is
3 mm across and each wall layer is a fraction of a millimetre thick.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Patch, Wedge

from ..course import TOY_MODEL_LABEL
from ..models import agatston as model
from ..style import FILL_COLOURS, LINE_COLOURS

SYNTHETIC_LABEL = "Synthetic picture: not a real scan and not a diagnostic tool"
HALF_WIDTH = model.GRID * model.PIXEL_MM / 2  #: the picture reaches this far from the centre, mm
VIEW = 2.75  #: each picture shows the artery out to this radius, mm
WINDOW = (-150.0, 650.0)  #: grey scale of the scan: darker below, white above (HU-like units)
GREY_LEVELS = 64  #: shades of grey in the scan (few enough to keep saved pictures small and exact)
EXTENT = (-HALF_WIDTH, HALF_WIDTH, -HALF_WIDTH, HALF_WIDTH)
COUNTED = LINE_COLOURS["vermillion"]
TOO_SMALL = LINE_COLOURS["blue"]
PROFILE_TOP = 1300.0
PROFILE_RANGE = (0.9, 2.9)  #: distance from the centre shown in the profile, mm

_EDGES = np.cumsum([model.LUMEN_MM, model.LAYERS_MM["intima"], model.LAYERS_MM["media"], model.LAYERS_MM["adventitia"]])


def _rgba_layer(mask: np.ndarray, colour: str) -> np.ndarray:
    """A see-through picture (RGBA bytes) that is ``colour`` where ``mask`` is True."""
    out = np.zeros(mask.shape + (4,), dtype=np.uint8)
    out[mask] = np.round(np.array(to_rgba(colour)) * 255).astype(np.uint8)
    return out


def grey_picture(hu: np.ndarray) -> np.ndarray:
    """The scan as grey RGB bytes: WINDOW[0] and below black, WINDOW[1] and above white.

    Done here rather than with a colour map, because bytes redraw faster. The scan uses
    :data:`GREY_LEVELS` shades, so a saved copy with a 256-colour palette looks the same.
    """
    level = np.clip((hu - WINDOW[0]) / (WINDOW[1] - WINDOW[0]), 0.0, 1.0)
    grey = (np.round(level * (GREY_LEVELS - 1)) * (255 / (GREY_LEVELS - 1))).round().astype(np.uint8)
    return np.repeat(grey[:, :, None], 3, axis=2)


def _picture_axes(ax: Axes, title: str) -> None:
    ax.set_title(title, fontsize=12)
    ax.set_xlim(-VIEW, VIEW)
    ax.set_ylim(-VIEW, VIEW)
    ax.set_aspect("equal")
    ax.set_axis_off()


def _scale_bar(ax: Axes, colour: str = LINE_COLOURS["black"]) -> None:
    y = VIEW - 0.3
    ax.plot([VIEW - 1.25, VIEW - 0.25], [y, y], color=colour, linewidth=3, marker="", solid_capstyle="butt",
            label="_scale")
    ax.text(VIEW - 0.75, y - 0.1, "1 mm", ha="center", va="top", fontsize=10, color=colour)


def draw_truth(ax: Axes, result: model.PhantomScan) -> dict:
    """The synthetic artery as it really is: its layers to scale, the calcium (black) and the tiny speck."""
    _picture_axes(ax, "1. The truth (synthetic)")
    ax.add_patch(Circle((0, 0), model.FAT_FROM_MM, facecolor=FILL_COLOURS["grey"], edgecolor="none"))
    rings = (
        (_EDGES[3], model.LAYERS_MM["adventitia"], FILL_COLOURS["pale"], ".."),
        (_EDGES[2], model.LAYERS_MM["media"], FILL_COLOURS["sky"], "||||"),
        (_EDGES[1], model.LAYERS_MM["intima"], FILL_COLOURS["yellow"], None),
    )
    for outer, width, colour, hatch in rings:
        ax.add_patch(Wedge((0, 0), outer, 0, 360, width=width, facecolor=colour, edgecolor=LINE_COLOURS["black"],
                           linewidth=0.6, hatch=hatch))
    ax.add_patch(Circle((0, 0), model.LUMEN_MM, facecolor="white", edgecolor=LINE_COLOURS["black"], linewidth=0.6))
    ax.text(0, 0.55, "channel\n(blood)", ha="center", va="center", fontsize=10)
    calcium = ax.add_patch(Wedge((0, 0), 1.0, 0, 0, width=0.1, facecolor=LINE_COLOURS["black"],
                                 edgecolor="none", zorder=3))
    speck_x = model.layer_mid_radius("intima") * math.cos(model.SPECK_ANGLE)
    ax.add_patch(Circle((speck_x, 0), model.SPECK_RADIUS_MM, facecolor=LINE_COLOURS["black"], zorder=3))
    ax.annotate("tiny speck", xy=(speck_x - 0.03, 0.03), xytext=(-2.7, 2.55),
                fontsize=10, ha="left", va="top", zorder=4,
                arrowprops={"arrowstyle": "-", "color": LINE_COLOURS["black"], "linewidth": 1.2})
    # The profile's path and the scale bar never change; they sit on top of the calcium, so they are
    # listed with the changing artists (see PhantomDrawing.dynamic_artists).
    path = ax.plot(PROFILE_RANGE, (0, 0), color=LINE_COLOURS["vermillion"], linestyle=(0, (3, 2)), linewidth=1.5,
                   marker="", label="_profile path", zorder=4)[0]
    _scale_bar(ax)
    artists = {"calcium": calcium, "path": path}
    update_truth(artists, result)
    return artists


def update_truth(artists: dict, result: model.PhantomScan) -> None:
    phantom = result.phantom
    inner, outer, half_angle = model.deposit_arc(phantom.layer, phantom.amount_mm2)
    degrees = math.degrees(half_angle)
    artists["calcium"].set(radius=outer, width=outer - inner, theta1=-degrees, theta2=degrees,
                           visible=phantom.amount_mm2 > 0)


def draw_scan(ax: Axes, result: model.PhantomScan) -> dict:
    """What the toy scanner sees: the same slice, blurred, with a little noise (grey scale)."""
    _picture_axes(ax, "2. The toy scan\n(wall and blood look alike)")
    image = ax.imshow(_grey_rgba(result), extent=EXTENT, interpolation="nearest")
    artists = {"image": image}
    update_scan(artists, result)
    return artists


def update_scan(artists: dict, result: model.PhantomScan) -> None:
    artists["image"].set_data(_grey_rgba(result))


def _grey_rgba(result: model.PhantomScan) -> np.ndarray:
    """The scan as opaque RGBA bytes (matplotlib draws RGBA bytes about four times faster than RGB)."""
    def make():
        grey = grey_picture(result.picture)
        return np.concatenate([grey, np.full(grey.shape[:2] + (1,), 255, np.uint8)], axis=2)
    return _cached(result, "grey", make)


def draw_counted(ax: Axes, result: model.PhantomScan) -> dict:
    """The pixels at or above 130 that the score counts (vermillion) and any too small to count (blue),
    on white, so both stand out at least 3:1."""
    _picture_axes(ax, "3. What the score counts")
    ax.add_patch(Circle((0, 0), _EDGES[3], facecolor="none", edgecolor=LINE_COLOURS["black"], linewidth=0.8,
                        linestyle=(0, (2, 2)), zorder=1))
    counted = ax.imshow(_rgba_layer(np.zeros(result.picture.shape, bool), COUNTED), extent=EXTENT,
                        interpolation="nearest", zorder=2)
    artists = {"counted": counted}
    update_counted(artists, result)
    return artists


def counted_picture(result: model.PhantomScan) -> np.ndarray:
    """Picture 3 as RGBA bytes: counted pixels vermillion, too-small spots blue, the rest see-through."""
    score = result.score
    weights = score.weight_map()
    picture = _rgba_layer(weights > 0, COUNTED)
    picture[(score.labels > 0) & (weights == 0)] = _rgba_layer(np.ones((1, 1), bool), TOO_SMALL)[0, 0]
    return picture


def update_counted(artists: dict, result: model.PhantomScan) -> None:
    artists["counted"].set_data(_cached(result, "counted", lambda: counted_picture(result)))


def _cached(result: model.PhantomScan, name: str, make):
    """A picture made from ``result``, kept with it: the explorer caches results per state, so a state
    seen before is drawn without making its pictures again."""
    store = result.__dict__.setdefault("_pictures", {})
    if name not in store:
        store[name] = make()
    return store[name]


def _profile(picture: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Brightness along the line from the centre through the middle of the deposit (to the right)."""
    middle = model.GRID // 2
    values = picture[middle - 1: middle + 1, middle:].mean(axis=0)
    distance = (np.arange(middle, model.GRID) + 0.5) * model.PIXEL_MM - HALF_WIDTH
    return distance, values


def draw_profile(ax: Axes, result: model.PhantomScan) -> dict:
    """Brightness across the wall through the calcium: the truth, the scan and the 130 line."""
    ax.set_title("Brightness along the dashed line in picture 1", fontsize=12)
    ax.set_xlabel("Distance from the artery's centre (mm)")
    ax.set_ylabel("Brightness (HU-like)")
    ax.set_xlim(*PROFILE_RANGE)
    ax.set_ylim(-150, PROFILE_TOP)
    ax.set_xticks(np.arange(1.0, 2.81, 0.5))  # fixed ticks: the same in every redraw
    ax.set_yticks(np.arange(0, PROFILE_TOP, 500))
    for (start, end), name, colour, hatch in (((_EDGES[0], _EDGES[1]), "intima", FILL_COLOURS["yellow"], None),
                                              ((_EDGES[1], _EDGES[2]), "media", FILL_COLOURS["sky"], "||||")):
        ax.axvspan(start, end, facecolor=colour, edgecolor=LINE_COLOURS["black"], linewidth=0.6, hatch=hatch, zorder=0)
        ax.text((start + end) / 2, PROFILE_TOP * 0.97, name, rotation=90, ha="center", va="top", fontsize=10,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1}, zorder=2)  # under the lines
    ax.axhline(model.THRESHOLD_HU, color=LINE_COLOURS["vermillion"], linestyle=":", linewidth=2.2, marker="",
               label="130 line", zorder=1)
    distance, truth = _profile(result.phantom.hu)
    truth_line = ax.plot(distance, np.minimum(truth, PROFILE_TOP), color=LINE_COLOURS["black"], linestyle="--",
                         marker="", linewidth=1.8, label="the truth", zorder=3)[0]
    scan_line = ax.plot(distance, _profile(result.picture)[1], color=LINE_COLOURS["blue"], linestyle="-",
                        marker="", linewidth=2.2, label="the scan", zorder=4)[0]
    # Upper right: both lines stay low there at every setting, so they never cross the legend.
    ax.legend(loc="upper right", fontsize=10, frameon=True, framealpha=1, borderpad=0.3, labelspacing=0.2,
              handlelength=1.6)
    off_top = ax.text(PROFILE_RANGE[0] + 0.04, PROFILE_TOP * 0.95, "", ha="left", va="top", fontsize=10, zorder=5,
                      bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    artists = {"truth": truth_line, "scan": scan_line, "off_top": off_top}
    update_profile(artists, result)
    return artists


def update_profile(artists: dict, result: model.PhantomScan) -> None:
    distance, truth = _profile(result.phantom.hu)
    artists["truth"].set_data(distance, np.minimum(truth, PROFILE_TOP))
    artists["scan"].set_data(distance, _profile(result.picture)[1])
    peak = float(truth.max())
    artists["off_top"].set_text(f"truth: {peak:.0f} (off the top)" if peak > PROFILE_TOP else "")


#: The readout's rows: what each number is (drawn once) beside its value (redrawn on each change).
READOUT_NAMES = ("True calcium", "Counted area", "Brightest counted", "Weight", "Toy score", "Too small to count")
RULE_NOTE = (f"Counts pixels at {model.THRESHOLD_HU:.0f} or more, in spots of at least\n"
             f"{model.TOY_MIN_AREA_MM2:g} mm² (made up for the toy; the real method: "
             f"{model.COMMON_MIN_AREA_MM2:g} mm²).")


def readout_values(result: model.PhantomScan) -> tuple[str, ...]:
    """The value beside each of :data:`READOUT_NAMES`, all computed by the model."""
    score = result.score
    small = len(score.ignored)
    true = f"{result.phantom.amount_mm2:.2f} mm²" if result.phantom.amount_mm2 > 0 else "none"
    if score.counted:
        weights = " and ".join(str(lesion.weight) for lesion in score.counted)
        counted, peak = f"{score.counted_area_mm2:.2f} mm²", f"{score.peak_hu:.0f}"
        total = f"{score.total:.1f}"
    else:
        weights, counted, peak, total = "none", "0 mm²", f"none (brightest pixel {result.picture.max():.0f})", "0"
    return (true, counted, peak, weights, total, f"{small} spot{'' if small == 1 else 's'}")


def side_text(result: model.PhantomScan) -> str:
    """The readout as lines of text ("name: value"), for tests and text descriptions."""
    return "\n".join(f"{name}: {value}" for name, value in zip(READOUT_NAMES, readout_values(result), strict=True))


class PhantomDrawing:
    """The phantom-scan explorer's view: truth, scan, counted pixels, a brightness profile and a readout."""

    figsize = (8.8, 5.9)

    def build(self, fig: Figure) -> None:
        # Placed by hand (not by a layout engine), so the three pictures stay large and square.
        fig.set_layout_engine("none")
        first = model.phantom_scan()
        width, height = self.figsize
        side, top = 2.45, 0.75  # inches: each picture's size, and the room above them for the titles
        bottom = 1 - (top + side) / height
        lefts = (0.01, 0.5 - side / width / 2, 0.99 - side / width)
        boxes = [fig.add_axes((x, bottom, side / width, side / height)) for x in lefts]
        self.truth = draw_truth(boxes[0], first)
        self.scan = draw_scan(boxes[1], first)
        self.counted = draw_counted(boxes[2], first)
        below = bottom * height  # inches left under the pictures
        self.profile = draw_profile(fig.add_axes((0.8 / width, 0.55 / height, 3.3 / width, (below - 1.05) / height)),
                                    first)

        def at(y_inches: float) -> float:  # a height in inches, as a share of the figure
            return y_inches / height

        x = 4.5 / width
        fig.legend(handles=legend_handles(), loc="upper left", bbox_to_anchor=(x, at(below - 0.08)), ncols=3,
                   fontsize=9.5, frameon=False, borderaxespad=0, handlelength=1.2, columnspacing=0.6,
                   handletextpad=0.4, labelspacing=0.3)
        fig.text(x, at(below - 0.75), "\n".join(READOUT_NAMES), ha="left", va="top", fontsize=10.5,
                 linespacing=1.2)
        self.text = fig.text(x + 1.55 / width, at(below - 0.75), "", ha="left", va="top", fontsize=10.5,
                             fontweight="bold", linespacing=1.2)
        fig.text(x, at(0.3), RULE_NOTE, ha="left", va="bottom", fontsize=9.5)
        fig.text(x, at(0.06), TOY_MODEL_LABEL + ".", ha="left", va="bottom", fontsize=10, fontweight="bold")
        fig.suptitle(f"The phantom scan. {SYNTHETIC_LABEL}.", fontsize=12, fontweight="bold", y=0.995)
        self.update({}, first)

    def dynamic_artists(self) -> list:
        # The profile path in picture 1 never changes, but it lies on the calcium, so it is redrawn with it.
        return [self.truth["calcium"], self.truth["path"], self.scan["image"], self.counted["counted"],
                self.profile["truth"], self.profile["scan"], self.profile["off_top"], self.text]

    def update(self, params, result: model.PhantomScan) -> None:
        update_truth(self.truth, result)
        update_scan(self.scan, result)
        update_counted(self.counted, result)
        update_profile(self.profile, result)
        self.text.set_text("\n".join(readout_values(result)))


def legend_handles() -> list:
    """The key to pictures 1 (the layers and the calcium) and 3 (what the score counts)."""
    black = LINE_COLOURS["black"]
    return [
        Patch(facecolor=FILL_COLOURS["yellow"], edgecolor=black, label="1: intima"),
        Patch(facecolor=FILL_COLOURS["sky"], edgecolor=black, hatch="||||", label="1: media"),
        Patch(facecolor=FILL_COLOURS["pale"], edgecolor=black, hatch="..", label="1: adventitia"),
        Patch(facecolor=black, label="1: calcium"),
        Patch(facecolor=COUNTED, label="3: counted"),
        Patch(facecolor=TOO_SMALL, label="3: too small"),
        Line2D([], [], color=black, linestyle=(0, (2, 2)), linewidth=0.8, label="3: artery's edge"),
    ]
