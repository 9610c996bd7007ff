"""Explorers: the shared kit plus one small builder per toy model.

``REGISTRY`` maps each explorer's key to its builder. Tests, the benchmark and
the browser tests discover explorers from here, so a new explorer is covered by
all of them as soon as it is registered.
"""

from __future__ import annotations

from .bathtub import bathtub_explorer
from .calcium_bank import calcium_bank_explorer
from .stiff_pipes import stiff_pipes_explorer
from .kit import Choice, Explorer, ExplorerSpec, Slider

REGISTRY = {
    "bathtub": bathtub_explorer,
    "calcium_bank": calcium_bank_explorer,
    "stiff_pipes": stiff_pipes_explorer,
}

__all__ = ["REGISTRY", "Choice", "Explorer", "ExplorerSpec", "Slider", "bathtub_explorer", "calcium_bank_explorer", "stiff_pipes_explorer"]
