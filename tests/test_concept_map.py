"""Chapter 07's concept map: a web with hubs, not a chain of chapters, and blood-calcium control kept apart
from calcium settling in the artery wall."""

from collections import Counter

import pytest

from calcium_paradox.checks.figure import check_figure
from calcium_paradox.diagrams import concept_map
from calcium_paradox.diagrams.concept_map import AREAS, LINKS, NODES, Link, Node

BY_KEY = {node.key: node for node in NODES}
ALT = "Concept map of the course: two areas, two hub ovals, and the boxes below them."


def _area_of(node: Node) -> str | None:
    for key, left, bottom, width, height, _title, _fill in AREAS:
        if left <= node.x - node.width / 2 and node.x + node.width / 2 <= left + width \
                and bottom <= node.y - node.height / 2 and node.y + node.height / 2 <= bottom + height:
            return key
    return None


def test_every_link_joins_two_known_ideas_and_keys_are_unique():
    assert len(BY_KEY) == len(NODES)
    for link in LINKS:
        assert link.start in BY_KEY and link.end in BY_KEY and link.start != link.end, link


def test_blood_calcium_control_and_the_artery_wall_sit_in_separate_areas_with_no_arrow_between_them():
    loop = {n.key for n in NODES if n.kind == "loop"}
    wall = {n.key for n in NODES if n.kind == "wall"}
    assert {"blood", "hormones", "organs"} <= loop and {"brakes", "pushes", "intimal", "medial"} <= wall
    assert all(_area_of(BY_KEY[k]) == "blood" for k in loop)
    assert all(_area_of(BY_KEY[k]) == "wall" for k in wall)
    assert all(_area_of(n) is None for n in NODES if n.kind in ("hub", "outcome"))
    for link in LINKS:
        assert {link.start, link.end} & loop == set() or {link.start, link.end} & wall == set(), link


@pytest.mark.parametrize("words", ["PTH", "calcitriol", "kidney", "Gut", "bone", "MGP", "phosphate", "Intimal",
                                   "Medial"])
def test_the_map_names_the_parts_of_each_process(words):
    assert any(words in node.text for node in NODES)


def test_kidney_disease_and_ageing_are_hubs_that_reach_both_areas_and_the_bones():
    kinds = {n.key: n.kind for n in NODES}
    areas = {n.key: _area_of(n) for n in NODES}
    hubs = [n.key for n in NODES if n.kind == "hub"]
    assert sorted(hubs) == ["ageing", "kidney"]
    for hub in hubs:
        ends = [link.end for link in LINKS if link.start == hub]
        assert "bones" in ends
        assert "wall" in {areas[e] for e in ends}, hub
    assert "blood" in {areas[link.end] for link in LINKS if link.start == "kidney"}
    degree = Counter(k for link in LINKS for k in (link.start, link.end))
    assert all(degree[h] >= 3 for h in hubs)
    assert kinds["bones"] == "outcome"


def test_the_map_is_a_web_not_a_chain():
    degree = Counter(k for link in LINKS for k in (link.start, link.end))
    assert max(degree.values()) >= 4, "some idea has several links"
    assert sum(d >= 3 for d in degree.values()) >= 4, "a chain has at most two links per idea"
    assert any(link.dashed for link in LINKS), "found-together links are drawn dashed"
    assert all(not (link.dashed and link.phrase == "") for link in LINKS)


def test_the_figure_passes_the_figure_check_and_draws_every_node_and_link():
    fig = concept_map.concept_map_figure()
    assert check_figure(fig, ALT, diagram=True) == []
    drawn = concept_map.draw_concept_map(fig.axes[0])
    assert len(drawn["nodes"]) == len(NODES)
    assert len(drawn["links"]) == len(LINKS) + 1  # plus the evidence box's question arrow
    assert len(drawn["areas"]) == len(AREAS)


def test_link_defaults():
    link = Link("a", "b", "phrase")
    assert not link.dashed and not link.both and link.rad == 0.0 and link.label_at is None
