"""The figure check: every course figure is readable, labelled and high-contrast.

:func:`check_figure` returns a list of plain-language problems (empty when the
figure passes). ``display.show`` runs it on every figure a notebook shows, and
the tests run it on every diagram and explorer state.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.text import Text

from .. import style

MIN_ALT_WORDS = 8


def _background(ax: Axes | None, fig: Figure):
    for owner in (ax, fig):
        if owner is None:
            continue
        colour = to_rgba(owner.get_facecolor())
        if colour[3] > 0:
            return colour[:3]
    return style.BACKGROUND


def _name(ax: Axes, index: int) -> str:
    title = ax.get_title()
    return f"panel {index + 1}" + (f" ('{title}')" if title else "")


def _visible_texts(fig: Figure) -> list[Text]:
    texts = []
    for text in fig.findobj(Text):
        if text.get_visible() and text.get_text().strip() and text.figure is not None:
            texts.append(text)
    return texts


def _data_axes(fig: Figure) -> list[Axes]:
    return [ax for ax in fig.axes if ax.get_visible() and ax.axison]


def check_alt(alt: str | None) -> list[str]:
    words = len((alt or "").split())
    if words < MIN_ALT_WORDS:
        return [
            f"The alt text has {words} words; give at least {MIN_ALT_WORDS} "
            "(what the figure shows and its main point)."
        ]
    return []


def check_figure(fig: Figure, alt: str | None = None, *, diagram: bool = False) -> list[str]:
    """Return every accessibility problem found in ``fig`` (empty list: it passes).

    Charts (``diagram=False``) need a title and both axis labels on every panel
    with visible axes. Diagrams need a title somewhere. Both need readable text
    sizes, text and line contrast, line widths, and series that differ by more
    than colour. ``alt`` is checked when given.
    """
    problems: list[str] = []
    if alt is not None:
        problems += check_alt(alt)
    has_suptitle = fig._suptitle is not None and fig._suptitle.get_text().strip() != ""

    if diagram:
        if not has_suptitle and not any(ax.get_title() for ax in fig.axes):
            problems.append("The diagram has no title (set ax.set_title or fig.suptitle).")
    for i, ax in enumerate(_data_axes(fig)):
        name = _name(ax, i)
        if not diagram:
            if not ax.get_title() and not has_suptitle:
                problems.append(f"{name}: no title.")
            if not ax.get_xlabel():
                problems.append(f"{name}: no x-axis label (say what and which units).")
            if not ax.get_ylabel():
                problems.append(f"{name}: no y-axis label (say what and which units).")
        for label in (ax.xaxis.label, ax.yaxis.label):
            if label.get_text() and label.get_fontsize() < style.MIN_AXIS_LABEL_PT:
                problems.append(
                    f"{name}: axis label '{label.get_text()}' is {label.get_fontsize():g} pt; "
                    f"axis labels need at least {style.MIN_AXIS_LABEL_PT:g} pt."
                )

    for i, ax in enumerate(fig.axes):
        name = _name(ax, i)
        background = _background(ax, fig)
        labelled = []
        for line in ax.get_lines():
            if not line.get_visible() or len(line.get_xdata()) == 0:
                continue
            label = line.get_label()
            shown = label if not label.startswith("_") else "an unlabelled line"
            ratio = style.contrast_ratio(line.get_color(), background)
            if ratio < style.MIN_LINE_CONTRAST:
                problems.append(
                    f"{name}: {shown} has contrast {ratio:.2f}:1 against its background; "
                    f"lines need at least {style.MIN_LINE_CONTRAST:g}:1 "
                    "(use a colour from style.LINE_COLOURS)."
                )
            if line.get_linestyle() not in ("None", "none", "", " ") and (
                line.get_linewidth() < style.MIN_LINE_WIDTH_PT
            ):
                problems.append(
                    f"{name}: {shown} is {line.get_linewidth():g} pt wide; "
                    f"data lines need at least {style.MIN_LINE_WIDTH_PT:g} pt."
                )
            if not label.startswith("_"):
                labelled.append(line)
        if len(labelled) > 1:
            looks = [(str(line.get_linestyle()), str(line.get_marker())) for line in labelled]
            if len(set(looks)) < len(looks):
                problems.append(
                    f"{name}: some lines differ by colour only; give each a different "
                    "line style or marker."
                )

    for text in _visible_texts(fig):
        size = text.get_fontsize()
        snippet = text.get_text().strip().replace("\n", " ")[:40]
        if size < style.MIN_FONT_PT:
            problems.append(
                f"Text '{snippet}' is {size:g} pt; no text may be smaller than "
                f"{style.MIN_FONT_PT:g} pt."
            )
        patch = text.get_bbox_patch()
        if patch is not None and to_rgba(patch.get_facecolor())[3] > 0:
            background = to_rgba(patch.get_facecolor())[:3]
        else:
            ax = text.axes if text.axes is not None else None
            background = _background(ax, fig)
        ratio = style.contrast_ratio(text.get_color(), background)
        if ratio < style.MIN_TEXT_CONTRAST:
            problems.append(
                f"Text '{snippet}' has contrast {ratio:.2f}:1; text needs at least "
                f"{style.MIN_TEXT_CONTRAST:g}:1."
            )
    return problems
