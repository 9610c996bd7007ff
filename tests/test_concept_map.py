"""Chapter 07's concept map: a web with hubs, not a chain of chapters, and blood-calcium control kept apart
from calcium settling in the artery wall."""

from collections import Counter

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

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


def _drawn_geometry():
    """The drawn map in display pixels: each arrow as sampled points, and the outlines it must keep clear of."""
    fig = concept_map.concept_map_figure()
    drawn = concept_map.draw_concept_map(fig.axes[0])  # a second drawing on the same axes, kept for its handles
    FigureCanvasAgg(fig)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    arrows = []
    for link, arrow in zip([*LINKS, Link("evidence", "", "")], drawn["links"], strict=True):
        parts, _ = arrow._get_path_in_displaycoord()
        sample = np.linspace(0, 1, 60)
        points = np.vstack([curve(sample) for part in parts for curve, _ in part.iter_bezier()])
        arrows.append((link, points, (parts[0].vertices[0], parts[0].vertices[-1])))
    outlines = {node.key: patch.get_path().transformed(patch.get_transform())
                for node, patch in zip(NODES, drawn["nodes"], strict=True)}
    corners = {node.key: fig.axes[0].transData.transform(
        [(node.x + dx * node.width / 2, node.y + dy * node.height / 2) for dx in (-1, 1) for dy in (-1, 1)])
        for node in NODES if node.kind != "hub"}  # ovals have no corners
    labels = [(text.get_text(), (text.get_bbox_patch() or text).get_window_extent(renderer))
              for text in drawn["labels"]]
    areas = {key: patch.get_path().transformed(patch.get_transform())
             for (key, *_rest), patch in zip(AREAS, drawn["areas"], strict=True)}
    return arrows, outlines, corners, labels, areas


CLEARANCE = 3.0  #: pixels (at 100 dpi) an arrow keeps from anything it does not touch on purpose
CORNER_CLEARANCE = 12.0  #: pixels an arrow's end keeps from the corners of the box it meets


def _gap(points, outline) -> float:
    """The smallest distance in pixels from any of ``points`` to the edge of ``outline``."""
    best = np.inf
    for polygon in outline.to_polygons(closed_only=False):
        a, b = polygon[:-1], polygon[1:]
        ab = b - a
        t = np.clip(((points[:, None, :] - a) * ab).sum(-1) / np.maximum((ab * ab).sum(-1), 1e-12), 0, 1)
        nearest = a + t[..., None] * ab
        best = min(best, float(np.hypot(*(points[:, None, :] - nearest).transpose(2, 0, 1)).min()))
    return best


def test_no_arrow_crosses_a_box_or_label_it_is_not_attached_to():
    arrows, outlines, corners, labels, areas = _drawn_geometry()
    problems = []
    for link, points, ends in arrows:
        for key, end in zip((link.start, link.end), ends, strict=True):
            if key in corners and np.hypot(*(corners[key] - end).T).min() < CORNER_CLEARANCE:
                problems.append(f"{link.start}->{link.end} meets the {key} box at its corner")
        for key, outline in outlines.items():
            if key not in (link.start, link.end) and (outline.contains_points(points).any()
                                                      or _gap(points, outline) < CLEARANCE):
                problems.append(f"{link.start}->{link.end} crosses the {key} box")
        for text, box in labels:
            if text and text == link.phrase:
                continue  # an arrow's own phrase sits on it, on a white ground
            x0, y0, x1, y1 = box.padded(CLEARANCE).extents
            inside = (points[:, 0] > x0) & (points[:, 0] < x1) & (points[:, 1] > y0) & (points[:, 1] < y1)
            if inside.any():
                problems.append(f"{link.start}->{link.end} crosses the label {text!r}")
        for key, outline in areas.items():
            members = {n.key for n in NODES if _area_of(n) == key}
            if not members & {link.start, link.end} and (outline.contains_points(points).any()
                                                          or _gap(points, outline) < CLEARANCE):
                problems.append(f"{link.start}->{link.end} enters area {key} without joining anything in it")
    assert problems == []
