"""How long a chapter's core path takes: the reading-time model behind every stated time.

The model (written down in CONTRIBUTING.md, "How long a chapter takes"):

- core prose at :data:`WORDS_PER_MINUTE` words a minute: the Markdown a learner reads on the way
  through, without "Going deeper", references, the glossary, teacher-only notes, figure text
  descriptions (folded; read by those who need them instead of the figure), the chapter list,
  the "About this notebook" cell and the footer;
- :data:`MINUTES_PER_QUESTION` for each question asked (checks, predictions, warm-ups, exit tickets);
- :data:`MINUTES_PER_EXPLORER` for each explorer: a first look, its tasks and the key states.

A chapter's stated time (``minutes`` in course.yaml, shown in the notebook, the README and the
teacher guides) must be within :data:`TOLERANCE` of the model, and its core path at most
:data:`MAX_CORE_MINUTES`. ``tests/test_time_model.py`` checks both.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from calcium_paradox import questions

from .markdown import prose
from .notebooks import question_calls, read, source, tags

WORDS_PER_MINUTE = 150
MINUTES_PER_QUESTION = 1.0
MINUTES_PER_EXPLORER = 5.0
TOLERANCE = 0.20
MAX_CORE_MINUTES = 45
NOT_CORE = {"going-deeper", "references", "glossary", "teacher-only", "figure-description", "chapter-list",
            "about", "footer"}


@dataclass(frozen=True)
class Estimate:
    words: int
    questions: int
    explorers: int

    @property
    def minutes(self) -> float:
        return (self.words / WORDS_PER_MINUTE + self.questions * MINUTES_PER_QUESTION
                + self.explorers * MINUTES_PER_EXPLORER)


def estimate(nb) -> Estimate:
    """The model's inputs for one notebook (read with :func:`authoring.notebooks.read`)."""
    bank = questions.load_bank()
    words = sum(len(prose(source(c)).split()) for c in nb["cells"]
                if c["cell_type"] == "markdown" and not NOT_CORE & set(tags(c)))
    asked = sum(len(call.ids) for call in question_calls(nb, bank.probe, bank.post) if call.function != "reveal")
    explorers = sum(source(c).count("explore(") for c in nb["cells"] if c["cell_type"] == "code")
    return Estimate(words, asked, explorers)


def problems(notebook: Path, stated: int) -> list[str]:
    """Where a notebook's stated time and core path break the model's limits (empty: none)."""
    found = []
    model = estimate(read(notebook)).minutes
    if abs(stated - model) > TOLERANCE * model:
        found.append(f"{Path(notebook).name}: stated {stated} min, but the model gives {model:.0f} min "
                     f"(more than {TOLERANCE:.0%} apart).")
    if model > MAX_CORE_MINUTES:
        found.append(f"{Path(notebook).name}: the core path takes about {model:.0f} min by the model "
                     f"(limit {MAX_CORE_MINUTES}); move depth to 'Going deeper' or split the chapter.")
    return found


if __name__ == "__main__":
    from calcium_paradox.course import existing, load_course

    root = Path(__file__).resolve().parents[1] / "notebooks"
    for chapter in existing(load_course().chapters, root):
        e = estimate(read(root / chapter.filename))
        print(f"{chapter.slug}: {e.words} words, {e.questions} questions, {e.explorers} explorers -> "
              f"{e.minutes:.1f} min (stated {chapter.minutes})")
