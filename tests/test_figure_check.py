"""The figure check catches each kind of inaccessible figure, and show() refuses them."""

import base64

import pytest

from calcium_paradox.checks.figure import check_figure
from calcium_paradox.display import STRICT_ENV, FigureCheckError, FigureCheckWarning, ShownFigure, new_figure, show

ALT = "A line chart of a toy quantity rising over toy time and levelling off."


def good_figure():
    fig, ax = new_figure(5, 3)
    ax.plot([0, 1, 2], [0, 1, 1.5], color="#000000", linestyle="-", marker="o", label="first")
    ax.plot([0, 1, 2], [0, 0.5, 0.7], color="#D55E00", linestyle="--", marker="s", label="second")
    ax.set_title("A toy quantity over time")
    ax.set_xlabel("Time (toy units)")
    ax.set_ylabel("Amount (toy units)")
    return fig, ax


def test_a_compliant_figure_passes():
    fig, _ = good_figure()
    assert check_figure(fig, ALT) == []


@pytest.mark.parametrize(
    "break_it,expected",
    [
        (lambda ax: ax.lines[0].set_color("#F0E442"), "contrast 1.32:1"),
        (lambda ax: ax.set_title(""), "no title"),
        (lambda ax: ax.set_xlabel(""), "no x-axis label"),
        (lambda ax: ax.set_ylabel(""), "no y-axis label"),
        (lambda ax: ax.xaxis.label.set_fontsize(10), "axis labels need at least 12 pt"),
        (lambda ax: ax.lines[1].set(linestyle="-", marker="o"), "differ by colour only"),
        (lambda ax: ax.lines[0].set_linewidth(0.8), "at least 1.5 pt"),
        (lambda ax: ax.text(0.5, 0.5, "tiny note", fontsize=7), "smaller than 9 pt"),
        (lambda ax: ax.text(0.5, 0.5, "faint note", color="#BBBBBB"), "text needs at least 4.5:1"),
    ],
)
def test_each_rule_catches_its_problem(break_it, expected):
    fig, ax = good_figure()
    break_it(ax)
    problems = check_figure(fig, ALT)
    assert any(expected in p for p in problems), problems


def test_short_alt_text_is_rejected():
    fig, _ = good_figure()
    assert any("alt text has 2 words" in p for p in check_figure(fig, "A chart"))


def test_diagrams_need_a_title_but_no_axis_labels():
    fig, ax = new_figure(4, 3)
    ax.set_axis_off()
    ax.text(0.5, 0.5, "box", fontsize=12)
    assert any("no title" in p for p in check_figure(fig, ALT, diagram=True))
    ax.set_title("A diagram")
    assert check_figure(fig, ALT, diagram=True) == []


def test_show_refuses_a_broken_figure_with_every_problem_listed_under_the_tests(monkeypatch):
    monkeypatch.setenv(STRICT_ENV, "1")
    fig, ax = good_figure()
    ax.set_title("")
    ax.set_xlabel("")
    with pytest.raises(FigureCheckError) as err:
        show(fig, ALT)
    assert "no title" in str(err.value) and "no x-axis label" in str(err.value)


def test_in_a_learners_kernel_a_broken_figure_is_shown_with_a_warning(monkeypatch):
    monkeypatch.delenv(STRICT_ENV, raising=False)
    fig, ax = good_figure()
    ax.set_title("")
    with pytest.warns(FigureCheckWarning, match="no title"):
        shown = show(fig, ALT)
    assert isinstance(shown, ShownFigure) and shown.png.startswith(b"\x89PNG")


def test_the_test_session_and_saved_outputs_are_strict():
    import os
    import sys
    from pathlib import Path

    assert os.environ.get(STRICT_ENV) == "1", "conftest.py must make figure problems errors (nbval kernels too)"
    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "tools"))
    import execute

    assert execute.STRICT == {STRICT_ENV: "1"}


def test_show_returns_png_with_alt_text_in_metadata_and_as_plain_text():
    fig, _ = good_figure()
    shown = show(fig, ALT)
    assert isinstance(shown, ShownFigure)
    data, metadata = shown._repr_mimebundle_()
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
    assert metadata["image/png"]["alt"] == ALT
    assert data["text/plain"] == f"Figure: {ALT}"


def test_the_same_figure_gives_the_same_png_bytes():
    assert show(good_figure()[0], ALT).png == show(good_figure()[0], ALT).png
