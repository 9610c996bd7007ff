"""The course's generated diagrams in ``figures/``, and the one command that remakes them.

Each :class:`StaticFigure` names a drawing function, its alt text and the
longer description that follows it wherever it is embedded. Figures are SVG with
real text (searchable, sharp at any zoom, readable by screen readers), a
``<title>`` and a ``<desc>``, and no timestamps, so the same code always
writes the same file. ``tests/test_figures.py`` fails when a committed figure
is missing or differs from what the code draws now.

Regenerate them all with ``python3 tasks.py figures``.
"""

from __future__ import annotations

import html
import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from matplotlib.figure import Figure

from .checks.figure import check_figure
from .diagrams.artery import artery_layers_figure, intimal_vs_medial_figure
from .diagrams.calcium_body import daily_flows_figure, where_calcium_is_figure
from .diagrams.course_map import course_map_figure
from .diagrams.score_example import worked_example_figure
from .style import course_style


@dataclass(frozen=True)
class StaticFigure:
    name: str
    draw: Callable[[], Figure]
    alt: str
    description: str
    diagram: bool = True

    @property
    def filename(self) -> str:
        return f"{self.name}.svg"


FIGURES: tuple[StaticFigure, ...] = (
    StaticFigure(
        name="00-course-map",
        draw=course_map_figure,
        alt="Course map: eight boxes, chapters 00 to 07, joined by arrows in reading order.",
        description=(
            "A diagram of eight boxes joined by arrows. The top row runs left to right from 00 Start here "
            "to 01 Calcium in the body, 02 The regulators and 03 Two kinds of artery calcium. The arrow then "
            "drops to the bottom row, which runs right to left: 04 What a CT calcium score can and cannot see, "
            "05 The calcium paradox, 06 Reading the evidence and 07 Putting it together. Each box gives the "
            "time in minutes. The takeaway: each notebook builds on the one before it."
        ),
    ),
    StaticFigure(
        name="01-where-calcium-is",
        draw=where_calcium_is_figure,
        alt="A grid of 100 squares: 99 stand for bone and teeth, one striped square for everything else.",
        description=(
            "A grid of 100 squares, ten by ten. Ninety-nine blue squares stand for the calcium in bone and "
            "teeth. One orange, striped square in the corner stands for the calcium in blood, body fluids "
            "and cells. It is drawn a little too big: the real share is under 1 in 100. The title says an "
            "adult body holds about 1 kg of calcium. The takeaway: almost all the body's calcium is in the "
            "skeleton, which can act as a reserve for the tiny amount in the blood."
        ),
    ),
    StaticFigure(
        name="01-daily-flows",
        draw=daily_flows_figure,
        alt="Diagram of calcium's daily path between food, gut, blood, bone, kidneys, urine and stool, with PTH and calcitriol.",
        description=(
            "A flow diagram. Food goes to the gut. A quarter of the calcium is absorbed into the blood; "
            "three quarters is not absorbed and leaves in stool. Blood and bone trade calcium both ways: "
            "deposits into bone and withdrawals from bone. The kidneys filter calcium from the blood and take "
            "most of it back; a small part leaves in urine. Two hormones sit in dashed boxes. PTH (parathyroid "
            "hormone), on the right, rises when blood calcium falls; its dashed arrows say bone releases more, "
            "and the kidneys keep more calcium and make more calcitriol. Calcitriol (active vitamin D), on the "
            "left, is made by the kidneys and makes the gut absorb more. The takeaway: blood calcium is held "
            "steady by adjusting what the gut absorbs, what the kidneys keep and what bone releases."
        ),
    ),
    StaticFigure(
        name="03-artery-layers",
        draw=artery_layers_figure,
        alt="Cross-section of an artery: the channel in the middle, then the intima, media and adventitia as rings.",
        description=(
            "An artery cut across, drawn as rings (not to scale: the channel is drawn smaller than in life). "
            "In the middle is the channel, or lumen, where blood flows. Around it are three rings, each labelled "
            "with a line: the intima, the inner layer (about 0.2 mm in mid-life, thinner when young; plain yellow); the media, the "
            "muscle layer (about 0.2 mm, blue with vertical stripes); and the adventitia, a tough outer layer "
            "(about 0.3 to 0.5 mm, dotted). The takeaway: an artery wall has three layers, and calcium can build up "
            "in the inner one or in the muscle layer."
        ),
    ),
    StaticFigure(
        name="03-intimal-vs-medial",
        draw=intimal_vs_medial_figure,
        alt="Two artery cross-sections: left, a plaque with calcium narrows the channel; right, a calcium ring in the muscle layer.",
        description=(
            "Two artery cross-sections side by side, with a shared legend. Left, titled intimal: a plaque (orange, "
            "with diagonal stripes) sits in the inner layer on the right-hand side and bulges into the channel, "
            "narrowing it. Inside the plaque are small black dots just under its surface (small specks of calcium) "
            "and a thin black arc in the middle of the plaque, clear of the muscle layer (a plate of calcium). "
            "Right, titled medial (Mönckeberg): a solid black ring runs inside the muscle layer, with a strip of "
            "blue muscle layer still showing on each side, and the channel is round and fully open. Captions say: "
            "plaque narrows the channel, with small specks and a plate of calcium; and channel stays open, the "
            "ring stiffens the wall. The takeaway: the two kinds sit in different layers and do different things."
        ),
    ),
    StaticFigure(
        name="04-score-worked-example",
        draw=worked_example_figure,
        alt="A grid of 48 numbers from a toy scan, three shaded lesions, and the steps that give a toy score of 6.5.",
        description=(
            "Left: a grid of 6 rows and 8 columns of numbers, the brightness of each square of a toy scan; each "
            "square is 0.5 mm². Most numbers are between 35 and 55. Squares of 130 or more are bold and shaded. "
            "Lesion A (plain yellow, top left) is four touching squares: 150, 180, 160 and 140. Next to it is a "
            "square of 120, left white because it is under 130. Lesion B (orange, diagonal stripes, middle) is "
            "three squares: 210, 350 and 260. Lesion C (blue, crossed, bottom right) is one square of 420. Right: "
            "the five steps (keep squares at 130 or more; touching squares make one lesion; drop lesions under "
            "the minimum size; weight each lesion by its peak; multiply area by weight and add), then the "
            "working: A is 2.0 mm² with peak 180, weight 1, so 2.0; B is 1.5 mm² with peak 350, weight 3, so "
            "4.5; C is 0.5 mm², under the 1 mm² minimum, so it is not counted even though it is the brightest. "
            "The toy score is 2.0 + 4.5 = 6.5. The takeaway: the score is area times a weight from the "
            "brightest pixel, added up over lesions big enough to count."
        ),
    ),
)


def by_name(name: str) -> StaticFigure:
    for figure in FIGURES:
        if figure.name == name:
            return figure
    raise KeyError(f"No figure named {name!r}; known: {[f.name for f in FIGURES]}.")


def svg_text(spec: StaticFigure) -> str:
    """The SVG file for one figure, as text, with an accessible title and description."""
    fig = spec.draw()
    problems = check_figure(fig, spec.alt, diagram=spec.diagram)
    if problems:
        raise ValueError(f"Figure {spec.name} breaks the figure rules:\n- " + "\n- ".join(problems))
    buffer = io.StringIO()
    with course_style():  # the SVG settings (text as text, fixed id salt) apply at save time
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    head, rest = svg.split("<svg ", 1)
    attributes, body = rest.split(">", 1)
    accessible = (
        f'<svg role="img" aria-labelledby="title desc" {attributes}>\n'
        f'  <title id="title">{html.escape(spec.alt)}</title>\n'
        f'  <desc id="desc">{html.escape(spec.description)}</desc>'
    )
    return head + accessible + body


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in FIGURES:
        path = folder / spec.filename
        path.write_text(svg_text(spec), encoding="utf-8")
        written.append(path)
    return written


def stale(folder: Path) -> list[str]:
    """Names of figures whose committed file is missing or differs from what the code draws."""
    out = []
    for spec in FIGURES:
        path = folder / spec.filename
        if not path.exists() or path.read_text(encoding="utf-8") != svg_text(spec):
            out.append(spec.filename)
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path("figures")
    for path in write_all(folder):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
