"""The phantom-scan explorer (chapter 04): its labels, its sentence and its pictures.

The generic explorer tests (tests/test_explorer_kit.py) also run on it: every
control, every slider value, bad input, Reset, fast redraws and key states.
"""

import pytest
from matplotlib.text import Text

from calcium_paradox.checks.figure import check_figure
from calcium_paradox.course import TOY_MODEL_LABEL
from calcium_paradox.diagrams.phantom import GREY_LEVELS, SYNTHETIC_LABEL, grey_picture, side_text
from calcium_paradox.explorers import explore, key_state
from calcium_paradox.models.agatston import phantom_scan


def _texts(fig) -> str:
    return "\n".join(t.get_text() for t in fig.findobj(Text) if t.get_visible())


@pytest.mark.parametrize("changes", [{}, {"layer": "media"}, {"blur": 0.0}, {"amount": 0.0}, {"density": 2500.0}])
def test_every_view_says_synthetic_not_a_real_scan_and_toy_model(changes):
    fig = key_state("phantom_scan", **changes)
    words = _texts(fig)
    assert SYNTHETIC_LABEL in words and "not a real scan" in words and "not a diagnostic tool" in words
    assert TOY_MODEL_LABEL in words
    assert check_figure(fig, "The phantom scan toy model at a few settings, for the figure check.") == []


def test_the_explorer_title_also_says_synthetic():
    scan = explore("phantom_scan")
    assert "not a real scan" in scan.label_html.value and "not a diagnostic tool" in scan.label_html.value


def test_the_sentence_gives_the_score_on_screen_now():
    scan = explore("phantom_scan")
    assert scan.sentence == (
        "Calcium of 0.6 mm² and density 1000 sits in the intima, scanned with 0.6 mm of blur: the score counts "
        "2.67 mm² of pixels at 130 or more, the brightest is 325, and the toy score is 8.0.")
    scan.set_value("layer", "media")
    assert "sits in the media" in scan.sentence and "the toy score is 7.9." in scan.sentence


@pytest.mark.parametrize("changes", [{}, {"layer": "media"}, {"blur": 0.0}, {"density": 200.0, "blur": 1.5}])
def test_the_sentence_never_names_the_other_layer(changes):
    """Task 1 asks the learner to switch the layer and compare: the sentence must not make that comparison for them."""
    scan = explore("phantom_scan")
    for name, value in changes.items():
        scan.set_value(name, value)
    other = "media" if scan.params["layer"] == "intima" else "intima"
    assert other not in scan.sentence and "would score" not in scan.sentence
    assert scan.sentence.count("toy score") == 1


def test_the_sentence_says_when_nothing_is_counted_and_when_there_is_no_calcium():
    scan = explore("phantom_scan")
    scan.set_value("density", 200)
    scan.set_value("blur", 1.5)
    assert scan.sentence.endswith("no group of pixels at 130 or more is big enough to count, so the toy score is 0.")
    scan.set_value("amount", 0)
    assert scan.sentence.startswith("No calcium is placed in the wall")
    assert "would score" not in scan.sentence


def test_raising_density_raises_the_weight_shown_in_the_picture():
    scan = explore("phantom_scan")
    assert scan.view.text.get_text().splitlines()[3:5] == ["3", "8.0"]
    scan.set_value("density", 2500)
    assert scan.view.text.get_text().splitlines()[3] == "4"


def test_side_text_lists_the_working():
    text = side_text(phantom_scan("intima", 0.6, 1000, 0.0))
    assert text.splitlines() == [
        "True calcium: 0.60 mm²", "Counted area: 0.73 mm²", "Brightest counted: 1016", "Weight: 4",
        "Toy score: 2.9", "Too small to count: 1 spot"]
    faint = side_text(phantom_scan("intima", 0.6, 200, 1.5)).splitlines()
    assert faint[1:] == ["Counted area: 0 mm²", "Brightest counted: none (brightest pixel 82)", "Weight: none",
                         "Toy score: 0", "Too small to count: 0 spots"]


def test_the_readout_shows_blooming_true_calcium_against_counted_area():
    """Chapter 04 says the counted spot is bigger than the calcium: both areas are on screen, from the model."""
    scan = explore("phantom_scan")
    values = scan.view.text.get_text().splitlines()
    result = scan.result
    assert values[0] == f"{result.phantom.amount_mm2:.2f} mm²"
    assert values[1] == f"{result.score.counted_area_mm2:.2f} mm²"
    assert result.score.counted_area_mm2 > 2 * result.phantom.amount_mm2


def test_the_made_up_minimum_spot_size_is_shown_in_the_picture():
    from calcium_paradox.models.agatston import COMMON_MIN_AREA_MM2, TOY_MIN_AREA_MM2

    words = _texts(key_state("phantom_scan"))
    assert f"{TOY_MIN_AREA_MM2:g} mm²" in words and "made up" in words and f"{COMMON_MIN_AREA_MM2:g} mm²" in words


def test_each_state_is_computed_once_and_reused():
    from calcium_paradox.explorers import REGISTRY

    spec = REGISTRY["phantom_scan"]
    params = spec.key_params(blur=1.1)
    assert spec.model(dict(params)) is spec.model(dict(params))
    assert spec.model(spec.key_params(blur=1.2)) is not spec.model(dict(params))


def test_grey_picture_maps_the_window_to_black_and_white():
    import numpy as np

    grey = grey_picture(np.array([[-1000.0, -150.0, 250.0, 650.0, 3000.0]]))
    assert grey.dtype == np.uint8 and grey.shape == (1, 5, 3)
    assert grey[0, :, 0].tolist() == [0, 0, 130, 255, 255]  # 250 is halfway: shade 32 of 0–63
    many = grey_picture(np.linspace(-200, 700, 5000).reshape(50, 100))
    assert len(np.unique(many)) == GREY_LEVELS
