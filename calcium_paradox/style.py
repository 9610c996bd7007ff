"""Colours, fonts and line styles for every course figure.

Nothing here changes matplotlib on import. Drawing code in the package wraps
itself in :func:`course_style` (a notebook that draws its own figure can do the same
with ``with course_style():``), so no setting leaks into a learner's session.

The colours are the Okabe–Ito set, which people with common colour-vision
differences can tell apart. Being colour-blind-safe is not enough, though:
lines must also stand out from the white background (WCAG 2.2, 1.4.11: a
contrast of at least 3:1). Only five Okabe–Ito colours pass that test on white,
so only those are used for lines, markers and outlines. The lighter ones are
kept for fills, which always get a dark edge or a text label.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib as mpl
from cycler import cycler
from matplotlib.colors import to_rgb

BACKGROUND = "#FFFFFF"

#: Colours for lines, markers, outlines and text: each is >= 3:1 on white.
LINE_COLOURS: dict[str, str] = {
    "black": "#000000",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "purple": "#CC79A7",
}

#: Light colours for filled areas only (always with a dark edge or a label).
FILL_COLOURS: dict[str, str] = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "grey": "#DDDDDD",
    "pale": "#F2F2F2",
}

#: Each series also differs by line style and marker, never by colour alone.
LINE_STYLES: tuple = ("-", "--", "-.", ":", (0, (6, 2, 1, 2)))
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v")

#: Thresholds the figure check enforces (WCAG 2.2 and Chartability).
MIN_LINE_CONTRAST = 3.0
MIN_TEXT_CONTRAST = 4.5
MIN_FONT_PT = 9.0
MIN_AXIS_LABEL_PT = 12.0
MIN_LINE_WIDTH_PT = 1.5

RC_PARAMS: dict = {
    "font.family": "DejaVu Sans",
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "figure.titlesize": 14,
    "lines.linewidth": 2.0,
    "lines.markersize": 6,
    "axes.linewidth": 1.0,
    "axes.edgecolor": "#000000",
    "axes.labelcolor": "#000000",
    "text.color": "#000000",
    "xtick.color": "#000000",
    "ytick.color": "#000000",
    "axes.facecolor": BACKGROUND,
    "figure.facecolor": BACKGROUND,
    "savefig.facecolor": BACKGROUND,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(
        color=list(LINE_COLOURS.values()),
        linestyle=list(LINE_STYLES),
        marker=list(MARKERS),
    ),
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    # Text stays text in SVG files (searchable, readable by screen readers),
    # and ids are salted so that the same drawing gives the same file.
    "svg.fonttype": "none",
    "svg.hashsalt": "calcium-paradox",
}


@contextmanager
def course_style() -> Iterator[None]:
    """Apply the course style inside a ``with`` block, then restore the old one."""
    with mpl.rc_context(RC_PARAMS):
        yield


def relative_luminance(colour) -> float:
    """WCAG relative luminance of a matplotlib colour (0 = black, 1 = white)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground, background=BACKGROUND) -> float:
    """WCAG contrast ratio between two colours, from 1 (none) to 21 (black on white).

    The value is not rounded: WCAG thresholds are strict, so 2.999 fails 3:1.
    """
    light, dark = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (light + 0.05) / (dark + 0.05)
