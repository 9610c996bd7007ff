"""What the bathtub explorer says and shows in each kind of state."""

import pytest

from calcium_paradox.explorers import explore, key_state
from calcium_paradox.models.bathtub import fill_tub


def test_sentences_for_filling_steady_rising_falling_and_overflowing():
    tub = explore("bathtub")
    assert tub.sentence.startswith("Tap 4, drain 0.5, tub starts empty: the level rises from 0.0 and settles at 8.0")
    assert "after 6.0 minutes" in tub.sentence and "lets out 4.0 per minute" in tub.sentence
    tub.set_value("start", 8)
    assert "stays at 8.0" in tub.sentence
    tub.set_value("inflow", 6)
    assert "rises from 8.0 and settles at 12.0" in tub.sentence
    tub.set_value("inflow", 2)
    assert "falls from 8.0" in tub.sentence
    tub.set_value("inflow", 10)
    assert "reaches the brim (16) after 2.2 minutes and spills over at 2.0 per minute" in tub.sentence
    tub.set_value("drain", 1.0)
    assert "settles at 10.0" in tub.sentence
    tub.set_value("start", 16)
    tub.set_value("drain", 0.5)
    assert "at the brim (16) from the start" in tub.sentence


def test_the_opening_state_is_not_flat():
    """The explorer opens with something happening: the tub fills and the outflow catches up with the tap."""
    tub = explore("bathtub")
    run = tub.result
    assert run.level[-1] - run.level[0] > 5
    assert run.outflow[0] == 0 and run.outflow[-1] == pytest.approx(run.inflow, rel=1e-3)


@pytest.mark.parametrize("inflow", [2.0, 6.0, 10.0])
def test_the_picture_shows_the_flows_and_the_made_up_drain_rule(inflow):
    tub = explore("bathtub")
    tub.set_value("inflow", inflow)
    run = tub.result
    drain_text = tub.view.tub["drain"].get_text()
    assert f"out: {run.drain:g} × {run.final_level:.1f} = {run.outflow[-1]:.1f} per minute" in drain_text
    assert ("spilling" in drain_text) == run.overflows
    assert "water out per minute = drain opening × water level" in tub.spec.intro


def test_the_settling_marker_is_where_the_model_says():
    tub = explore("bathtub")
    when = tub.view.level["when"]
    assert when.get_visible() and when.get_xdata()[0] == pytest.approx(fill_tub(4, 0.5, start_level=0).settle_time)
    tub.set_value("start", 8)  # already balanced: nothing to settle
    assert not when.get_visible()


def test_key_states_match_the_notebook():
    fig = key_state("bathtub", start=8, inflow=6)
    texts = " ".join(t.get_text() for t in fig.texts + [t for ax in fig.axes for t in ax.texts])
    assert "settles at 12.0" in texts
