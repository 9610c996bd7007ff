"""figures/ holds exactly the generated diagrams, each up to date and accessible."""

from pathlib import Path

import pytest

from authoring import figures
from calcium_paradox.checks.figure import check_figure

FOLDER = Path(__file__).resolve().parents[1] / "figures"


def test_every_committed_figure_matches_what_the_code_draws():
    stale = figures.stale(FOLDER)
    assert not stale, f"out of date or missing in figures/: {stale}; run `python3 tasks.py figures`"


def test_figures_folder_has_no_stray_files():
    expected = {f.filename for f in figures.FIGURES}
    present = {p.name for p in FOLDER.iterdir() if p.is_file()}
    assert present == expected, f"unexpected: {present - expected}; missing: {expected - present}"


@pytest.mark.parametrize("spec", figures.FIGURES, ids=lambda f: f.name)
def test_each_figure_passes_the_figure_check_and_has_title_and_desc(spec):
    assert check_figure(spec.draw(), spec.alt, diagram=spec.diagram) == []
    svg = figures.svg_text(spec)
    assert "<title" in svg and "<desc" in svg and 'role="img"' in svg
    assert len(spec.description.split()) >= 15


def test_stale_detects_a_changed_figure(tmp_path):
    figures.write_all(tmp_path)
    assert figures.stale(tmp_path) == []
    path = tmp_path / figures.FIGURES[0].filename
    path.write_text(path.read_text().replace("Course map", "Course mop"))
    assert figures.stale(tmp_path) == [figures.FIGURES[0].filename]
    path.unlink()
    assert figures.stale(tmp_path) == [figures.FIGURES[0].filename]
