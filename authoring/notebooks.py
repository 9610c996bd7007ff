"""Reading and writing the course's notebooks: the one place that does, with nbformat.

Every authoring tool (the template check, sync, the teacher guides, the static edition, the
widget inventory) reads notebooks through :func:`read`, and the text and tags of a cell through
:func:`source` and :func:`tags`, so they all see a notebook the same way.

:func:`question_calls` finds the questions a notebook asks, from its code cells.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import nbformat

#: The functions of ``calcium_paradox.questions`` that show questions in a notebook.
QUESTION_FUNCTIONS = ("ask", "ask_all", "predict", "reveal", "warm_up", "post_test")


def read(path: str | Path) -> nbformat.NotebookNode:
    """The notebook at ``path`` (nbformat 4); a cell's ``source`` is one string."""
    return nbformat.read(Path(path), as_version=4)


def write(nb: nbformat.NotebookNode, path: str | Path) -> None:
    """Write ``nb`` the way Jupyter does (sorted keys, one-space indent, sources as lists of lines)."""
    nbformat.write(nb, Path(path))


def source(cell) -> str:
    """A cell's text, whether its source is one string or a list of lines."""
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


@dataclass(frozen=True)
class QuestionCall:
    cell: int  # 0-based index of the code cell
    function: str  # one of QUESTION_FUNCTIONS
    ids: tuple[str, ...]  # the question ids it shows (warm_up and post_test: the bank's probe and post)
    role: str | None  # the role= keyword, if given


def question_calls(nb, probe: tuple[str, ...] = (), post: tuple[str, ...] = ()) -> list[QuestionCall]:
    """Every call in the notebook's code cells that shows questions, in order."""
    found = []
    for number, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        try:
            tree = ast.parse(source(cell))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in QUESTION_FUNCTIONS:
                name = node.func.id
                ids = tuple(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
                if name == "warm_up":
                    ids = tuple(probe)
                elif name == "post_test":
                    ids = tuple(post)
                role = next((k.value.value for k in node.keywords
                             if k.arg == "role" and isinstance(k.value, ast.Constant)), None)
                found.append(QuestionCall(number, name, ids, role))
    return found


def cited_text(nb) -> str:
    """The text whose citations a notebook's reference list must cover: its Markdown (but not the
    list itself) and every prompt, option and feedback of the questions it asks."""
    from calcium_paradox import questions  # the bank (the authoring tools may use the learner package)

    bank = questions.load_bank()
    parts = [source(c) for c in nb["cells"] if c["cell_type"] == "markdown" and "references" not in tags(c)]
    for call in question_calls(nb, bank.probe, bank.post):
        for qid in call.ids:
            if qid in bank.questions:
                q = bank[qid]
                parts += [q.prompt, *(o.text for o in q.shown), *(o.feedback for o in q.shown)]
    return "\n".join(parts)
