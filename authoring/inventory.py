"""Which interactive widgets each notebook shows, read from the notebook's own code.

The browser tests and the benchmark use this to find every explorer and every
self-check question without a hand-kept list: a new notebook, explorer or
question is covered as soon as a notebook calls it.

A notebook shows widgets only through the course's own calls:

- ``explore("key")`` — an explorer from :data:`calcium_paradox.explorers.REGISTRY`;
- ``ask("ID")`` and ``ask_all("ID", ...)`` — questions from the bank;
- ``warm_up()`` and ``post_test()`` — the misconception probe;
- ``claim_check()`` — the claim check of chapter 06.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from calcium_paradox.questions import load_bank

from .notebooks import read

PROBE_CALLS = ("warm_up", "post_test")


@dataclass(frozen=True)
class Inventory:
    explorers: tuple[str, ...]
    questions: tuple[str, ...]
    claim_checks: int = 0


def _string_args(call: ast.Call, where: str) -> list[str]:
    values = []
    for arg in call.args:
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            raise ValueError(f"{where}: widget calls must name their explorer or question as a plain string.")
        values.append(arg.value)
    return values


def widgets_in_source(source: str, where: str = "cell") -> Inventory:
    """The explorers and questions one piece of notebook code shows, in order."""
    explorers: list[str] = []
    questions: list[str] = []
    claim_checks = 0
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise ValueError(f"{where}: not valid Python ({error.msg}).") from None
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        name = node.func.id
        if name == "explore":
            explorers += _string_args(node, where)
        elif name in ("ask", "ask_all"):
            questions += _string_args(node, where)
        elif name in PROBE_CALLS:
            questions += list(load_bank().probe)
        elif name == "claim_check":
            claim_checks += 1
    return Inventory(tuple(explorers), tuple(questions), claim_checks)


def widgets_in(notebook: str | Path) -> Inventory:
    """Every explorer and question a notebook shows, in the order it shows them."""
    path = Path(notebook)
    cells = read(path)["cells"]
    explorers: list[str] = []
    questions: list[str] = []
    claim_checks = 0
    for number, cell in enumerate(cells, start=1):
        if cell["cell_type"] != "code":
            continue
        found = widgets_in_source("".join(cell["source"]), f"{path.name}, cell {number}")
        explorers += found.explorers
        questions += found.questions
        claim_checks += found.claim_checks
    return Inventory(tuple(explorers), tuple(questions), claim_checks)
