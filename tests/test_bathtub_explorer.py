"""What the bathtub explorer says in each kind of state."""

from calcium_paradox.explorers import explore


def test_sentences_for_steady_rising_falling_and_overflowing():
    tub = explore("bathtub")
    assert "stays at 8.0" in tub.sentence
    tub.set_value("inflow", 6)
    assert "rises from 8.0 and settles at 12.0" in tub.sentence
    tub.set_value("inflow", 2)
    assert "falls from 8.0" in tub.sentence
    tub.set_value("inflow", 10)
    assert "spills over" in tub.sentence
    tub.set_value("drain", 1.0)
    assert "settles at 10.0" in tub.sentence
