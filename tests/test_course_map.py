"""The course map lays out however many chapters course.yaml lists."""

from dataclasses import replace
from itertools import pairwise

import pytest

from calcium_paradox.checks.figure import check_figure
from calcium_paradox.course import load_course
from calcium_paradox.diagrams.course_map import BOX_W, draw_course_map, snake_positions
from calcium_paradox.display import new_figure


def test_eight_chapters_make_two_rows_of_four_read_as_a_snake():
    assert snake_positions(8) == [(0, 1), (1, 1), (2, 1), (3, 1), (3, 0), (2, 0), (1, 0), (0, 0)]


@pytest.mark.parametrize("count", range(1, 13))
def test_every_count_gets_distinct_places_with_neighbours_side_by_side_or_stacked(count):
    places = snake_positions(count)
    assert len(places) == len(set(places)) == count
    for (x0, y0), (x1, y1) in pairwise(places):
        assert abs(x0 - x1) + abs(y0 - y1) == 1, "consecutive chapters must touch, so the arrow is short"


def test_a_ninth_chapter_is_drawn_with_its_arrow_and_fits_the_axes():
    chapters = list(load_course().chapters)
    extra = replace(chapters[-1], number=len(chapters), slug="extra", title="A synthetic extra chapter")
    fig, ax = new_figure(11.9, 4.6)
    drawn = draw_course_map(ax, [*chapters, extra])
    assert len(drawn["boxes"]) == 9 and len(drawn["arrows"]) == 8
    low, high = ax.get_xlim()
    for box in drawn["boxes"]:
        assert low <= box.get_x() and box.get_x() + BOX_W <= high + 0.05
    assert any("synthetic" in label.get_text() for label in drawn["labels"])
    assert check_figure(fig, "A course map with nine chapter boxes joined by arrows in order.", diagram=True) == []
