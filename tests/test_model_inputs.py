"""Every toy model checks its numbers the same way (calcium_paradox.models.inputs.number)."""

import math

import numpy as np
import pytest

from calcium_paradox.models import agatston, balance, bathtub, calcium_bank, common_causes, stiff_pipes
from calcium_paradox.models.inputs import number, rule

#: One call per model, passing the number under test to one of its inputs.
MODELS = {
    "balance": lambda x: balance.run_balance(vitamin_k=x),
    "bathtub": lambda x: bathtub.fill_tub(inflow=x, drain=0.5),
    "calcium bank": lambda x: calcium_bank.run_bank(x, 1, 1),
    "stiff pipes": lambda x: stiff_pipes.pipe_state("medial", x),
    "common causes": lambda x: common_causes.simulate(common_causes.fixed_population(), shared=x),
    "phantom scan": lambda x: agatston.make_phantom("intima", amount_mm2=x),
    "pulse wave": lambda x: stiff_pipes.pulse_wave_velocity(x, 0.001, 0.002),
}
BAD = [True, False, "3", None, math.nan, math.inf, -math.inf, [1], np.bool_(True)]


@pytest.mark.parametrize("bad", BAD, ids=repr)
def test_the_validator_refuses_what_is_not_a_real_finite_number(bad):
    with pytest.raises(ValueError, match=r"^x must be a number from 0 to 1; got .*\.$"):
        number("x", bad, 0.0, 1.0)


@pytest.mark.parametrize("good", [0, 1, 0.5, np.float32(0.25), np.int64(1)], ids=repr)
def test_the_validator_takes_ints_floats_and_numpy_numbers_in_range(good):
    assert number("x", good, 0.0, 1.0) == float(good)


def test_the_bounds_are_said_as_they_are_checked():
    assert rule(0, 1) == "a number from 0 to 1"
    assert rule(0, low_open=True) == "a number above 0"
    assert rule(0.05, 1.5, unit="toy units") == "a number from 0.05 to 1.5 (toy units)"
    with pytest.raises(ValueError, match="above 0"):
        number("drain", 0, 0.0, low_open=True)
    assert number("drain", 1e-9, 0.0, low_open=True) == 1e-9
    with pytest.raises(ValueError, match="from 0 to 1"):
        number("x", 1.0000001, 0.0, 1.0)


@pytest.mark.parametrize("model", MODELS, ids=list(MODELS))
@pytest.mark.parametrize("bad", [True, "0.5", None, math.nan, math.inf], ids=repr)
def test_every_model_refuses_the_same_bad_values_with_the_same_kind_of_message(model, bad):
    """Before, run_bank(True, ...) ran as if 1 had been given while the phantom scan refused True."""
    with pytest.raises(ValueError, match=r" must be a (finite )?number.*; got .*\.$"):
        MODELS[model](bad)
