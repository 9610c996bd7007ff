"""Which interactive widgets each notebook shows, read from the notebook's own code.

The browser tests and the benchmark use this to find every explorer and every
self-check question without a hand-kept list: a new notebook, explorer or
question is covered as soon as a notebook calls it.

A notebook shows widgets only through the course's own calls:

- ``explore("key")`` — an explorer from :data:`calcium_paradox.explorers.REGISTRY`;
- ``ask("ID")`` and ``ask_all("ID", ...)`` — questions from the bank, with feedback at once;
- ``predict("ID")``, ``warm_up()`` and ``post_test()`` — questions whose answers are saved
  without feedback (``warm_up`` and ``post_test`` show the bank's probe and post items);
- ``reveal("ID")`` — the “Compare with my prediction” button;
- ``my_progress()`` — the learner's progress panel;
- ``claim_check()`` — the claim check of chapter 06.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from calcium_paradox.questions import load_bank

from .notebooks import read


@dataclass(frozen=True)
class Inventory:
    explorers: tuple[str, ...]
    questions: tuple[str, ...]  # checked at once
    claim_checks: int = 0
    committed: tuple[str, ...] = ()  # saved without feedback (predictions, warm-up, post-test)
    reveals: tuple[str, ...] = ()
    progress: int = 0


def _string_args(call: ast.Call, where: str) -> list[str]:
    values = []
    for arg in call.args:
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            raise ValueError(f"{where}: widget calls must name their explorer or question as a plain string.")
        values.append(arg.value)
    return values


def widgets_in_source(source: str, where: str = "cell") -> Inventory:
    """The explorers and questions one piece of notebook code shows, in order."""
    found: dict[str, list[str]] = {"explorers": [], "questions": [], "committed": [], "reveals": []}
    counts = {"claim_checks": 0, "progress": 0}
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise ValueError(f"{where}: not valid Python ({error.msg}).") from None
    bank = load_bank()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        name = node.func.id
        if name == "explore":
            found["explorers"] += _string_args(node, where)
        elif name in ("ask", "ask_all"):
            found["questions"] += _string_args(node, where)
        elif name == "predict":
            found["committed"] += _string_args(node, where)
        elif name == "reveal":
            found["reveals"] += _string_args(node, where)
        elif name == "warm_up":
            found["committed"] += list(bank.probe)
        elif name == "post_test":
            found["committed"] += list(bank.post)
        elif name == "claim_check":
            counts["claim_checks"] += 1
        elif name == "my_progress":
            counts["progress"] += 1
    return Inventory(**{k: tuple(v) for k, v in found.items()}, **counts)


def widgets_in(notebook: str | Path) -> Inventory:
    """Every explorer and question a notebook shows, in the order it shows them."""
    path = Path(notebook)
    parts = [widgets_in_source("".join(cell["source"]), f"{path.name}, cell {number}")
             for number, cell in enumerate(read(path)["cells"], start=1) if cell["cell_type"] == "code"]
    return Inventory(
        explorers=tuple(x for p in parts for x in p.explorers),
        questions=tuple(x for p in parts for x in p.questions),
        claim_checks=sum(p.claim_checks for p in parts),
        committed=tuple(x for p in parts for x in p.committed),
        reveals=tuple(x for p in parts for x in p.reveals),
        progress=sum(p.progress for p in parts),
    )
