"""Chapter 06's explorer: "what the studies say", a forest plot of real published estimates.

Three lists filter the estimates in ``data/effects.yaml`` by exposure, outcome
and study design. Ratios go in the top panel (log scale), differences in
calcium score in the bottom one. A filter that matches nothing shows a message
in the plot and in the state sentence; it is never an error.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from ..course import EVIDENCE_LABEL
from ..diagrams.forest import SECONDARY_NOTE, ForestRows, explorer_layout, explorer_size, legend_handles
from ..evidence import ALL, DESIGNS, EXPOSURES, OUTCOME_TYPES, filter_effects, load_effects, summary
from .kit import Choice, ExplorerSpec

LEGEND_SIZE = 11


def _options(names: dict[str, str], everything: str) -> tuple[tuple[str, str], ...]:
    return ((everything, ALL),) + tuple((text, key) for key, text in names.items())


def _model(params):
    return filter_effects(params["exposure"], params["outcome"], params["design"])


class ForestView:
    """Both panels, every estimate drawn once in its own row; each update only fades the rows outside the filter."""

    def __init__(self):
        rows = load_effects()
        self.ratios = [r for r in rows if r.kind == "ratio"]
        self.differences = [r for r in rows if r.kind == "difference"]
        self.figsize = explorer_size(len(self.ratios), len(self.differences))

    def build(self, fig: Figure) -> None:
        fig.set_layout_engine("none")  # the panels are placed by hand, row height by row height
        ratio_ax, difference_ax = explorer_layout(fig, len(self.ratios), len(self.differences))
        self.ratio = ForestRows(ratio_ax, "ratio", self.ratios, title="Ratios: how often, compared",
                                empty_message="No ratio in this view.")
        self.difference = ForestRows(difference_ax, "difference", self.differences,
                                     title="Differences in calcium score growth",
                                     empty_message="No calcium-score difference in this view.")
        fig.legend(handles=legend_handles(), loc="lower center", ncols=3, fontsize=LEGEND_SIZE,
                   title="Study design (marker shape). Faded rows: outside your choice.",
                   title_fontsize=LEGEND_SIZE, frameon=False, bbox_to_anchor=(0.5, 0.0), borderaxespad=0.2,
                   handletextpad=0.4, columnspacing=1.2, labelspacing=0.3)
        if any(r.secondary for r in self.ratios + self.differences):  # only explain hollow markers when drawn
            fig.text(0.99, 0.005, SECONDARY_NOTE, ha="right", va="bottom", fontsize=LEGEND_SIZE)

    def update(self, params, selection) -> None:
        nothing = selection.message if selection.empty else None
        self.ratio.show(selection.ratios, message=nothing)
        self.difference.show(selection.differences, message=nothing and "Nothing here either.")

    def dynamic_artists(self) -> list:
        return self.ratio.dynamic_artists() + self.difference.dynamic_artists()


def describe(params, selection) -> str:
    return summary(selection)


SPEC = ExplorerSpec(
    key="forest_plot",
    title="What the studies say.",
    intro=(
        "Each row is one published result. Choose what people were exposed to, which outcome, "
        "and which kind of study."
    ),
    controls=(
        Choice("exposure", "Exposure", _options(EXPOSURES, "All exposures"), ALL,
               help="What the people in the study took or had"),
        Choice("outcome", "Outcome", _options(OUTCOME_TYPES, "All outcomes"), ALL,
               help="What the study measured: heart and stroke events, or calcium on a scan"),
        Choice("design", "Study design", _options(DESIGNS, "All designs"), ALL,
               help="How the study was done: trials, genes, or watching people"),
    ),
    model=_model,
    make_view=ForestView,
    describe=describe,
    label=EVIDENCE_LABEL,
)
