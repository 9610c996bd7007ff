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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from matplotlib.figure import Figure

from calcium_paradox.checks.figure import check_figure
from calcium_paradox.diagrams.artery import artery_layers_figure, intimal_vs_medial_figure
from calcium_paradox.diagrams.calcium_body import daily_flows_figure, where_calcium_is_figure
from calcium_paradox.diagrams.common_causes import bone_drug_trial_figure, shared_causes_figure
from calcium_paradox.diagrams.concept_map import concept_map_figure
from calcium_paradox.diagrams.course_map import course_map_figure
from calcium_paradox.diagrams.forest import reading_a_forest_plot_figure
from calcium_paradox.diagrams.regulators import carboxylation_switch_figure, inhibitors_promoters_figure
from calcium_paradox.diagrams.score_example import worked_example_figure
from calcium_paradox.style import course_style


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
        alt=("Diagram of calcium's daily path between food, gut, blood, bone, kidneys, urine and stool, "
             "with the loop that steers it: the parathyroid glands, PTH and calcitriol."),
        description=(
            "A flow diagram. Food goes to the gut. A quarter of the calcium is absorbed into the blood; "
            "three quarters is not absorbed and leaves in stool. Blood and bone trade calcium both ways: "
            "deposits into bone and withdrawals from bone. The kidneys filter calcium from the blood and take "
            "most of it back; a small part leaves in urine. Below the blood, a box for the parathyroid glands "
            "says they sense blood calcium; a dotted arrow runs from the blood to them. A dashed arrow runs from "
            "the glands to PTH (parathyroid hormone), in a dashed box on the right, which rises when blood "
            "calcium falls. From PTH, dashed arrows say bone releases more, and the kidneys keep more calcium "
            "and make more calcitriol. Calcitriol (active vitamin D), on the left, is made by the kidneys and "
            "makes the gut absorb more, which brings more calcium into the blood and closes the loop. The "
            "takeaway: a sensor reads blood calcium, and two hormones hold it steady by adjusting what the gut "
            "absorbs, what the kidneys keep and what bone releases."
        ),
    ),
    StaticFigure(
        name="03-artery-layers",
        draw=artery_layers_figure,
        alt="Cross-section of an artery: the channel in the middle, then the intima, media and adventitia as rings.",
        description=(
            "An artery cut across, drawn as rings (not to scale: the channel is drawn smaller than in life). "
            "In the middle is the channel, or lumen, where blood flows. Around it are three rings, each labelled "
            "with a line: the intima, the inner layer (about 0.2 mm in mid-life, thinner when young; plain yellow); "
            "the media, the muscle layer (about 0.2 mm, blue with vertical stripes); "
            "and the adventitia, a tough outer layer "
            "(about 0.3 to 0.5 mm, dotted). The takeaway: an artery wall has three layers, and calcium can build up "
            "in the inner one or in the muscle layer."
        ),
    ),
    StaticFigure(
        name="03-intimal-vs-medial",
        draw=intimal_vs_medial_figure,
        alt=("Two artery cross-sections: left, a plaque with calcium narrows the channel; "
             "right, a calcium ring in the muscle layer."),
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
        name="02-carboxylation-switch",
        draw=carboxylation_switch_figure,
        alt=("Diagram of the vitamin K switch: an enzyme helped by vitamin K turns inactive MGP into active MGP; "
             "warfarin-type drugs block it."),
        description=(
            "A flow diagram read from left to right. On the left, a dashed box labelled inactive MGP has four "
            "empty, dashed circles marked Glu; the caption says it is not switched on (uncarboxylated) and cannot "
            "grip calcium crystals. A solid arrow, labelled switch-on enzyme (gamma-carboxylase), leads to a solid "
            "box on the right labelled active MGP. Its four circles are filled and marked Gla, and each holds a "
            "black dot for calcium; the caption says it grips calcium and slows crystal growth, like a brake. "
            "Above the arrow, a box says vitamin K (K1 or K2) is the helper, with an arrow down to the enzyme. "
            "Below, a dashed box says warfarin-type drugs block vitamin K's recycling; a dashed line from it ends "
            "in a bar under the arrow, with the words: blocks, more MGP stays inactive. A note at the bottom says "
            "the same switch turns on clotting factors (liver) and osteocalcin (bone). The takeaway: vitamin K "
            "does not steer calcium itself; it helps switch on proteins, and MGP is one of them."
        ),
    ),
    StaticFigure(
        name="02-inhibitors-promoters",
        draw=inhibitors_promoters_figure,
        alt="Tug of war: four brakes on calcium crystals pull left, four pushes pull right; in health the brakes hold.",
        description=(
            "A tug-of-war diagram. A rope runs across the middle with arrowheads at both ends. On the left, under "
            "the heading brakes (inhibitors), slow crystal growth, four blue boxes with solid edges are tied to the "
            "rope: MGP (switched on by vitamin K), fetuin-A (a blood protein), pyrophosphate (a small molecule) "
            "and magnesium (mostly lab studies). On the right, under the heading pushes (promoters), speed it up, "
            "four orange boxes with dashed edges are tied on with dashed lines: phosphate (high when kidneys fail), "
            "calcium load (high blood calcium), inflammation and oxidative stress. A dotted vertical line in the "
            "middle marks the tipping point. A yellow diamond on the rope sits just left of it, labelled health: "
            "brakes hold. A note says blood carries enough calcium and phosphate to form crystals, and that losing "
            "a brake or adding a push moves the rope to the right, so crystals start to grow. The takeaway: "
            "calcification depends on a balance that the body actively holds, not on calcium simply overflowing."
        ),
    ),
    StaticFigure(
        name="06-reading-a-forest-plot",
        draw=reading_a_forest_plot_figure,
        alt=("Forest plot of two MESA results with labels: point estimate, 95% confidence interval "
             "and the line of no effect at 1."),
        description=(
            "A forest plot with two rows, both from the MESA study, and arrows that name its parts. The horizontal "
            "axis is a ratio on a log scale, from about 0.5 to 2.5, with a dashed vertical line at 1 labelled "
            "no effect. Top row: calcium intake (food plus any pills), highest fifth against lowest fifth, and new "
            "coronary artery calcium; an orange dot at 0.73 with a line from 0.57 to 0.93, all left of 1, labelled "
            "less often. Bottom row: people who took calcium pills against people who did not; a dot at 1.22, "
            "labelled point estimate, the study's best guess, and a line from 1.07 to 1.39, labelled 95% "
            "confidence interval, the range where the true value could well be. A column on the right repeats the "
            "numbers. The takeaway: read where the whole interval sits against the line of no effect; here the two "
            "results point in opposite directions."
        ),
        diagram=False,
    ),
    StaticFigure(
        name="05-shared-causes",
        draw=shared_causes_figure,
        alt=("Diagram: shared causes and shared regulators point to both weaker bones and artery calcium; "
             "a dashed arrow between them is a question."),
        description=(
            "A diagram of four boxes joined by arrows. At the top, a box of shared causes lists ageing, menopause "
            "(less oestrogen), kidney disease, diabetes, inflammation, smoking and, possibly, low vitamin K status. "
            "Solid arrows run from it down to two boxes: weaker bones on the left (lower bone density, more "
            "fractures; plain blue) "
            "and artery calcium on the right (muscle cells in the wall act a bit like bone cells; yellow with dots). "
            "At the bottom, a box of shared regulators lists PTH (parathyroid hormone), phosphate and the vitamin "
            "K-dependent proteins osteocalcin (in bone) and MGP (in arteries), with solid arrows up to both boxes. "
            "Between weaker bones and artery calcium runs a dashed, two-headed arrow labelled: direct link? not "
            "shown in people. The takeaway: the two problems share causes and regulators, which is enough to make "
            "them turn up together, even without calcium moving from one to the other."
        ),
    ),
    StaticFigure(
        name="05-bone-drug-trial",
        draw=bone_drug_trial_figure,
        diagram=False,
        alt=("Chart of the SALTIRE2 trial: for placebo, denosumab and alendronic acid, a box shows the middle "
             "half of patients' change in coronary and aortic calcium; the boxes overlap."),
        description=(
            "Two side-by-side charts from the SALTIRE2 trial in people with a narrowed heart valve (aortic "
            "stenosis). Each chart has three upright boxes, one per group, named underneath: placebo (plain grey), "
            "denosumab (blue, diagonal stripes) and alendronic acid (orange, dots). A box shows the spread of "
            "patients: it runs from the patient a quarter of the way up to the patient three quarters of the way "
            "up, so it holds the middle half of the patients. The thick line across the box is the median, the "
            "patient in the middle. The title says so: a spread of patients, not a confidence interval. The change "
            "in calcium score is in Agatston units. Left, heart arteries (coronary) over 24 months: placebo median "
            "+16 (middle half from -64 to +148), denosumab +94 (0 to +212), alendronic acid +34 (-62 to +134). "
            "Right, main artery in the chest (aorta) over 12 months: placebo +132 (+22 to +512), denosumab +118 "
            "(+11 to +340), alendronic acid +116 (+26 to +498). There is no line of no effect, because the boxes "
            "are not differences between groups. The takeaway: calcium went on building up in all three groups, "
            "the boxes overlap a lot and the trial found no clear difference between the groups; a trial this "
            "small cannot rule out a small effect either way."
        ),
    ),
    StaticFigure(
        name="07-concept-map",
        draw=concept_map_figure,
        alt=("Concept map: blood-calcium control and calcium in the artery wall in two separate areas, with "
             "kidney disease and ageing as hubs linking both to weak bones, the CT score and the evidence."),
        description=(
            "A concept map with two shaded areas, two oval hubs between them and three boxes below. Solid arrows "
            "mean acts on or leads to; the dashed arrow means found together, cause not shown. "
            "Left area, A, keeping blood calcium steady (chapter 01), with rounded boxes in a loop: blood calcium, "
            "held in a narrow band; a dip is sensed, then PTH and calcitriol; they act on the gut (absorbs), the "
            "kidney (keeps) and bone (releases), which bring calcium back to the blood. "
            "Right area, B, calcium in the artery wall (chapters 02 and 03), with square boxes: pushes (high "
            "phosphate, inflammation) drive and brakes (MGP, magnesium, pyrophosphate) hold back; crystals grow "
            "where pushes beat brakes, as intimal calcium (in plaque, inner layer) or medial calcium (muscle layer, "
            "stiff wall). No arrow joins the two areas directly: a steady blood level is one thing, crystals in "
            "the wall another. "
            "Between the areas, two oval hubs. Kidney disease upsets the loop in area A, raises phosphate in area "
            "B and harms bone (bone disease). Ageing makes kidney disease more common, brings more artery calcium "
            "in area B and more bone loss. "
            "Below: years of drawing on the reserve in area A lead to weak bones (osteoporosis, chapter 05); both "
            "kinds of artery calcium look alike on the CT calcium score (chapter 04); a dashed two-headed arrow "
            "joins weak bones and artery calcium, labelled found together: shared causes, no pipe shown. A dotted "
            "arrow from the evidence box (chapter 06) points at that link and asks: is a link a cause? Only fair "
            "trials can tell. The takeaway: the course is a web, not a chain; shared causes such as kidney disease "
            "and ageing tie bone and artery together, while keeping blood calcium steady and calcium settling in "
            "the wall are separate processes."
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
