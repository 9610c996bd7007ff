"""Chapter 05's explorer: common causes (a link between weak bones and artery calcium without a pipe)."""

from __future__ import annotations

from ..diagrams.common_causes import CommonCausesDrawing
from ..models.common_causes import AGE_GROUPS, age_group_label, fixed_population, link_words, simulate
from .kit import Choice, ExplorerSpec, Slider

GROUP_OPTIONS = (("Everyone together", None),) + tuple(
    (f"Only people aged {low}–{high}", (low, high)) for low, high in AGE_GROUPS
)
KIDNEY_OPTIONS = (("Some people have it (more with age)", True), ("Nobody has it", False))


def _model(params):
    return simulate(fixed_population(), params["shared"], params["direct"], params["kidney"], params["group"])


def describe(params, state) -> str:
    """The settings and the link for the people compared now.

    With everyone compared, only the whole-group r: the within-age comparison is the learner's to make,
    by choosing an age group.
    """
    causes = ("no shared causes" if state.shared == 0 else f"shared causes at strength {state.shared:g}")
    direct = ("no direct link from bone loss to artery calcium" if state.direct == 0
              else f"a direct link of strength {state.direct:g}")
    kidney = "kidney disease in some people" if state.kidney else "nobody with kidney disease"
    everyone = f"{link_words(state.r_everyone)} (r = {state.r_everyone:.2f})"
    if state.group is None:
        link = f"across everyone the link between bone loss and artery calcium is {everyone}"
    else:
        link = (f"within {age_group_label(state.group)} the link between bone loss and artery calcium is "
                f"{link_words(state.r_group)} (r = {state.r_group:.2f}); across everyone it is {everyone}")
    return f"With {causes}, {direct} and {kidney}: {link}."


SPEC = ExplorerSpec(
    key="common_causes",
    title="Common causes.",
    intro=("3,000 made-up people aged 40 to 90. The direct link starts at 0: here, bone loss adds nothing to "
           "artery calcium. Yet the dots rise together. Why? Each age group has its own colour and shape; open "
           "markers are people with kidney disease."),
    controls=(
        Slider("shared", "Strength of shared causes (0 to 1)", 0.0, 1.0, 0.1, 1.0,
               help="How much age and kidney disease raise both bone loss and artery calcium (0 = not at all)"),
        Slider("direct", "Direct effect of bone loss (0 to 1)", 0.0, 1.0, 0.1, 0.0,
               help="How much bone loss itself adds artery calcium in this toy (0 = none, as the toy starts)"),
        Choice("group", "Compare", GROUP_OPTIONS, None,
               help="Compare everyone, or only people in one 10-year age group"),
        Choice("kidney", "Kidney disease", KIDNEY_OPTIONS, True,
               help="Whether anyone in the made-up population has kidney disease"),
    ),
    model=_model,
    make_view=CommonCausesDrawing,
    describe=describe,
)
