"""Chapter 07's concept map: how the course's ideas connect, as a web rather than a chain of chapters.

Two fenced areas keep apart two things the course teaches separately: **keeping blood
calcium steady** (a feedback loop of a sensor, PTH and calcitriol acting on gut, kidney
and bone; chapter 01) and **calcium settling in the artery wall** (brakes against pushes,
giving intimal or medial calcium; chapters 02 and 03). Two hubs between them, ageing and
kidney disease, send arrows into both areas and to weak bones. Below sit what links and
judges them: weak bones, the CT score and the evidence. Node shapes (round-cornered
areas, ellipses for hubs, square boxes for outcomes) and arrow styles (solid: acts on or
leads to; dashed: found together, cause not shown) carry the meaning, never colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse, FancyArrowPatch, FancyBboxPatch

from ..display import new_figure
from ..style import FILL_COLOURS, LINE_COLOURS, course_style

BLACK = LINE_COLOURS["black"]
BLOOD_AREA = "#DCEEFA"  #: pale blue fill of the blood-calcium area (black text on it: > 15:1)
WALL_AREA = "#FBF6CC"  #: pale yellow fill of the artery-wall area


@dataclass(frozen=True)
class Node:
    key: str
    x: float
    y: float
    text: str
    kind: str  #: "loop" (blood-calcium control), "wall" (artery wall), "hub" (shared cause) or "outcome"
    width: float = 2.2
    height: float = 1.0


@dataclass(frozen=True)
class Link:
    start: str
    end: str
    phrase: str
    dashed: bool = False  #: dashed: found together or doubtful, not a shown cause
    both: bool = False  #: two-headed
    rad: float = 0.0  #: curve (matplotlib arc3 radius)
    label_at: tuple[float, float] | None = None  #: where the phrase goes (default: the middle)


#: The two fenced areas: (key, left, bottom, width, height, title, fill).
AREAS: tuple[tuple[str, float, float, float, float, str, str], ...] = (
    ("blood", 0.15, 3.75, 4.6, 5.1, "A. Keeping BLOOD calcium steady (01)", BLOOD_AREA),
    ("wall", 8.25, 3.75, 4.6, 5.1, "B. Calcium IN THE ARTERY WALL (02, 03)", WALL_AREA),
)

NODES: tuple[Node, ...] = (
    # A: the feedback loop
    Node("blood", 1.2, 6.15, "Blood calcium\nheld in a\nnarrow band", "loop", 1.8, 1.25),
    Node("hormones", 3.5, 7.5, "Sensor, then\nPTH and\ncalcitriol", "loop", 1.9, 1.15),
    Node("organs", 3.5, 4.65, "Gut absorbs,\nkidney keeps,\nbone releases", "loop", 1.9, 1.2),
    # B: the wall
    Node("pushes", 9.45, 7.5, "Pushes\nhigh phosphate,\ninflammation", "wall", 1.95, 1.15),
    Node("brakes", 11.75, 7.5, "Brakes\nMGP, magnesium,\npyrophosphate", "wall", 1.95, 1.15),
    Node("crystals", 10.6, 6.05, "crystals grow where\npushes beat brakes", "wall", 2.5, 0.8),
    Node("intimal", 9.45, 4.6, "Intimal calcium\nin plaque\n(inner layer)", "wall", 1.95, 1.15),
    Node("medial", 11.75, 4.6, "Medial calcium\nmuscle layer:\nstiff wall", "wall", 1.95, 1.15),
    # the hubs, between the two areas
    Node("kidney", 6.5, 7.5, "KIDNEY\nDISEASE", "hub", 1.9, 1.1),
    Node("ageing", 6.5, 4.9, "AGEING", "hub", 1.9, 0.95),
    # outcomes, and how they are seen and judged
    Node("bones", 4.0, 1.55, "Weak bones\n(osteoporosis, 05)", "outcome", 2.6, 0.95),
    Node("ct", 10.6, 1.55, "CT calcium score (04)\nsees both kinds alike", "outcome", 3.0, 0.95),
    Node("evidence", 6.5, 0.5, "Evidence (06): is a link a cause?\nOnly fair trials can tell.", "outcome", 4.0,
         0.8),
)

LINKS: tuple[Link, ...] = (
    # A: the loop
    Link("blood", "hormones", "a dip is\nsensed", rad=-0.3, label_at=(1.55, 7.75)),
    Link("hormones", "organs", "act on", label_at=(3.5, 6.1)),
    Link("organs", "blood", "bring\ncalcium\nback", rad=-0.3, label_at=(1.4, 4.55)),
    # B: the wall
    Link("pushes", "crystals", "drive", label_at=(9.75, 6.75)),
    Link("brakes", "crystals", "hold back", label_at=(11.5, 6.75)),
    Link("crystals", "intimal", ""),
    Link("crystals", "medial", ""),
    # the hubs reach into both areas and to the bones
    Link("kidney", "hormones", "upsets\nthe loop", label_at=(5.0, 7.9)),
    Link("kidney", "pushes", "raises\nphosphate", label_at=(7.95, 7.9)),
    Link("kidney", "bones", "bone\ndisease", label_at=(5.15, 4.25)),
    # Bent a little so that it meets the crystals box on its left side, not at its corner.
    Link("ageing", "crystals", "more artery\ncalcium", rad=-0.1, label_at=(7.62, 5.95)),
    Link("ageing", "kidney", "more\ncommon\nwith age", label_at=(6.57, 6.2)),
    Link("ageing", "bones", "more bone\nloss", label_at=(6.25, 3.8)),
    # outcomes
    Link("organs", "bones", "years of\ndrawing on\nthe reserve", label_at=(2.7, 2.85)),
    Link("intimal", "ct", "both look\nalike on", label_at=(10.6, 3.2)),
    Link("medial", "ct", ""),
    # Curved so that it meets the Intimal box on its bottom edge and crosses area B's edge well clear of
    # that box's corner (drawn straight, its head sat on the corner, on top of the area's edge).
    Link("bones", "intimal", "found together:\nshared causes,\nno pipe shown", dashed=True, both=True, rad=0.2,
         label_at=(8.9, 2.75)),
)
#: The evidence box points at the "found together" link (a point on its curve): the question chapter 06
#: teaches to ask of it.
EVIDENCE_TARGET = (6.5, 2.26)

STYLES = {
    "loop": {"boxstyle": "round,pad=0.05,rounding_size=0.3", "facecolor": "white", "linewidth": 1.8},
    "wall": {"boxstyle": "square,pad=0.05", "facecolor": "white", "linewidth": 1.8},
    "outcome": {"boxstyle": "square,pad=0.05", "facecolor": FILL_COLOURS["pale"], "linewidth": 2.2},
}


def _node_by_key() -> dict[str, Node]:
    return {node.key: node for node in NODES}


def _draw_node(ax: Axes, node: Node):
    if node.kind == "hub":
        patch = Ellipse((node.x, node.y), node.width, node.height, facecolor=FILL_COLOURS["grey"], edgecolor=BLACK,
                        linewidth=3.0, zorder=3)
        weight, size = "bold", 12
    else:
        style = STYLES[node.kind]
        patch = FancyBboxPatch((node.x - node.width / 2, node.y - node.height / 2), node.width, node.height,
                               boxstyle=style["boxstyle"], facecolor=style["facecolor"], edgecolor=BLACK,
                               linewidth=style["linewidth"], zorder=3)
        weight, size = ("bold" if node.kind == "outcome" else "normal"), 11
    ax.add_patch(patch)
    ax.text(node.x, node.y, node.text, ha="center", va="center", fontsize=size, fontweight=weight, linespacing=1.15,
            zorder=4)
    return patch


def draw_concept_map(ax: Axes) -> dict:
    """Draw the map on ``ax``; returns ``{"areas", "nodes", "links", "labels"}`` (the drawn patches and texts)."""
    ax.set_xlim(0, 13.0)
    ax.set_ylim(0.0, 9.0)
    ax.set_aspect("equal")
    ax.set_axis_off()
    drawn: dict[str, list] = {"areas": [], "nodes": [], "links": [], "labels": []}
    for _key, left, bottom, width, height, title, fill in AREAS:
        area = FancyBboxPatch((left, bottom), width, height, boxstyle="round,pad=0.02,rounding_size=0.25",
                              facecolor=fill, edgecolor=BLACK, linewidth=1.5, linestyle="-", zorder=1)
        ax.add_patch(area)
        drawn["areas"].append(area)
        drawn["labels"].append(ax.text(left + width / 2, bottom + height - 0.15, title, ha="center", va="top",
                                       fontsize=11.5, fontweight="bold", zorder=4))
    nodes = _node_by_key()
    patches = {node.key: _draw_node(ax, node) for node in NODES}
    drawn["nodes"] = list(patches.values())
    for link in LINKS:
        start, end = nodes[link.start], nodes[link.end]
        arrow = FancyArrowPatch((start.x, start.y), (end.x, end.y), patchA=patches[link.start],
                                patchB=patches[link.end], arrowstyle="<|-|>" if link.both else "-|>",
                                mutation_scale=16, color=BLACK, linewidth=1.8, linestyle="--" if link.dashed else "-",
                                connectionstyle=f"arc3,rad={link.rad}", shrinkA=2, shrinkB=2, zorder=2)
        ax.add_patch(arrow)
        drawn["links"].append(arrow)
        if link.phrase:
            x, y = link.label_at or ((start.x + end.x) / 2, (start.y + end.y) / 2)
            drawn["labels"].append(ax.text(x, y, link.phrase, ha="center", va="center", fontsize=10, style="italic",
                                           linespacing=1.1, zorder=5,
                                           bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0}))
    evidence = nodes["evidence"]
    question = FancyArrowPatch((evidence.x, evidence.y), EVIDENCE_TARGET, patchA=patches["evidence"],
                               arrowstyle="-|>", mutation_scale=16, color=BLACK, linewidth=1.8, linestyle=":",
                               shrinkA=2, shrinkB=0, zorder=2)
    ax.add_patch(question)
    drawn["links"].append(question)
    ax.set_title("Concept map: how the course's ideas connect\n"
                 "solid arrow: acts on or leads to · dashed: found together, cause not shown · ovals: shared causes",
                 fontsize=12)
    return drawn


def concept_map_figure() -> Figure:
    with course_style():
        fig, ax = new_figure(11, 8.4)
        draw_concept_map(ax)
    return fig
