"""Explorers: the shared kit plus one small spec per toy model.

``REGISTRY`` maps each explorer's key to its spec. Notebooks show an explorer
with ``explore(key)`` and its static key states with ``key_state(key, ...)``.
Tests, the benchmark and the browser tests discover explorers from here, so a
new explorer is covered by all of them as soon as its spec is registered.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from ..display import FoldedFigure, show_folded
from .balance import SPEC as BALANCE
from .bathtub import SPEC as BATHTUB
from .calcium_bank import SPEC as CALCIUM_BANK
from .common_causes import SPEC as COMMON_CAUSES
from .forest_plot import SPEC as FOREST_PLOT
from .kit import Choice, Explorer, ExplorerSpec, Slider
from .phantom_scan import SPEC as PHANTOM_SCAN
from .stiff_pipes import SPEC as STIFF_PIPES

REGISTRY: dict[str, ExplorerSpec] = {
    spec.key: spec
    for spec in (BATHTUB, CALCIUM_BANK, BALANCE, STIFF_PIPES, PHANTOM_SCAN, COMMON_CAUSES, FOREST_PLOT)
}


def _spec(key: str) -> ExplorerSpec:
    try:
        return REGISTRY[key]
    except KeyError:
        raise KeyError(f"No explorer {key!r}; the explorers are {sorted(REGISTRY)}.") from None


def explore(key: str) -> Explorer:
    """Build an explorer (display it by making it the last line of a cell)."""
    return Explorer(_spec(key))


def key_state(key: str, **changes) -> Figure:
    """A static picture of an explorer at the given settings (others at their starting values)."""
    return _spec(key).key_state(**changes)


#: The line a reader sees on a folded key state before opening it.
KEY_STATE_SUMMARY = "Show this key state (open it after you have explored)"


def show_key_state(key: str, **changes) -> FoldedFigure:
    """Show a key state, folded, with alt text from the explorer's own description of that state.

    The alt text is computed by the model, not written in the notebook, so strict nbval compares
    what the model says at these settings with what was saved. The picture is folded under a
    summary line so that it does not answer the explorer's tasks before the learner tries them.
    """
    spec = _spec(key)
    return show_folded(spec.key_state(**changes), spec.key_state_alt(**changes), KEY_STATE_SUMMARY)


__all__ = ["REGISTRY", "Choice", "Explorer", "ExplorerSpec", "Slider", "explore", "key_state", "show_key_state"]
