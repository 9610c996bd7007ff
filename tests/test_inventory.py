"""The inventory finds every widget a notebook shows, so the browser tests and the benchmark cover them."""

from pathlib import Path

import pytest

from authoring.inventory import widgets_in, widgets_in_source
from calcium_paradox.course import existing, load_course
from calcium_paradox.explorers import REGISTRY
from calcium_paradox.questions import load_bank

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = [ROOT / "notebooks" / c.filename for c in existing(load_course().chapters, ROOT / "notebooks")]


def test_finds_explorers_and_questions_in_order():
    found = widgets_in_source('explore("bathtub")\nask("N00-Q1")\nask_all("N01-E1", "N01-E2")')
    assert found.explorers == ("bathtub",)
    assert found.questions == ("N00-Q1", "N01-E1", "N01-E2")


def test_counts_claim_checks():
    assert widgets_in_source("claim_check()\nx = 1").claim_checks == 1


def test_the_probe_and_post_test_expand_to_their_questions():
    assert widgets_in_source("warm_up()").committed == load_bank().probe
    assert widgets_in_source("post_test()").committed == load_bank().post


def test_predictions_reveals_and_progress_are_found():
    found = widgets_in_source('predict("N01-P1")\nreveal("N01-P1")\nmy_progress()')
    assert found.committed == ("N01-P1",) and found.reveals == ("N01-P1",) and found.progress == 1
    assert found.questions == ()


def test_a_computed_name_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="plain string"):
        widgets_in_source("key = 'bathtub'\nexplore(key)", "x.ipynb, cell 3")


def test_every_explorer_appears_in_some_notebook():
    shown = {key for path in NOTEBOOKS for key in widgets_in(path).explorers}
    assert set(REGISTRY) <= shown, ("No notebook shows these explorers, so no browser test uses them: "
                                    f"{set(REGISTRY) - shown}")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_widget_a_notebook_shows_is_known(path):
    found = widgets_in(path)
    bank = load_bank()
    assert set(found.explorers) <= set(REGISTRY)
    assert all(q in bank.questions for q in found.questions + found.committed + found.reveals)
