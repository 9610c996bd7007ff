"""How fair the question bank is, as learners see it (options in their shown, shuffled order).

A bank that can be answered without knowing the topic teaches nothing: if the right answer is
usually "A", or usually the longest option, or the only one without "always" in it, a learner
learns the pattern instead of the idea. :func:`statistics` measures these and :func:`problems`
lists every limit the bank breaks; ``tests/test_bank_fairness.py`` runs it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations

from calcium_paradox.questions import KINDS, LETTERS, Bank, load_bank

MAX_KEY_SHARE = 0.40  # no letter holds the right answer in more than 40 % of questions
MAX_LONGEST_SHARE = 0.40  # the right answer is the longest option (or tied) in at most 40 %
MAX_PROMPT_SIMILARITY = 0.75  # two prompts this alike (difflib ratio) are near-duplicates
MAX_ANSWER_SIMILARITY = 0.85  # two right answers this alike test the same thing in the same words
ABSOLUTE = re.compile(r"\b(always|never|only|nothing|none|all|every|everyone|completely|entirely|"
                      r"prove[sdn]?|proof|guarantee[sd]?|definitely|certainly|must)\b", re.I)
MISCONCEPTION = re.compile(r"^M([1-9]|1[0-9]|20)$")
#: Chapter 00 teaches how to use a notebook and a bathtub model, not calcium: its wrong options are
#: slips (pressing Enter alone) rather than beliefs about calcium, so they need not name M1–M20.
FIRST_CHAPTER_WITH_MISCONCEPTIONS = 1


@dataclass(frozen=True)
class Statistics:
    questions: int
    key_positions: dict[str, int]  # letter -> how many right answers it holds
    right_is_longest: int
    absolute_per_right_option: float
    absolute_per_wrong_option: float
    wrong_without_misconception: list[str]  # "N01-Q1 option B"
    near_duplicates: list[tuple[str, str, float]]
    recall_chapters: dict[int, int]  # earlier chapter -> how many review items bring it back
    kinds_per_chapter: dict[int, dict[str, int]]


def _letter(index: int) -> str:
    return LETTERS[index]


def statistics(bank: Bank | None = None) -> Statistics:
    bank = bank or load_bank()
    questions = list(bank.questions.values())
    keys, longest = Counter(), 0
    right_options = wrong_options = right_absolute = wrong_absolute = 0
    untagged = []
    for q in questions:
        shown = q.shown
        right = next(i for i, o in enumerate(shown) if o.correct)
        keys[_letter(right)] += 1
        if len(shown[right].text) >= max(len(o.text) for o in shown):
            longest += 1
        for i, option in enumerate(shown):
            count = len(ABSOLUTE.findall(option.text))
            if option.correct:
                right_options, right_absolute = right_options + 1, right_absolute + count
            else:
                wrong_options, wrong_absolute = wrong_options + 1, wrong_absolute + count
                tagged = option.misconception and MISCONCEPTION.match(option.misconception)
                if not tagged and q.chapter >= FIRST_CHAPTER_WITH_MISCONCEPTIONS:
                    untagged.append(f"{q.id} option {_letter(i)}")
    pairs = []
    for a, b in combinations(questions, 2):
        ratio = SequenceMatcher(None, a.prompt.lower(), b.prompt.lower()).ratio()
        parallel = b.id == a.parallel_of or a.id == b.parallel_of
        if ratio >= MAX_PROMPT_SIMILARITY and not parallel:
            pairs.append((a.id, b.id, round(ratio, 2)))
            continue
        right_a, right_b = a.options[a.right_index].text.lower(), b.options[b.right_index].text.lower()
        same_answer = SequenceMatcher(None, right_a, right_b).ratio()
        if same_answer >= MAX_ANSWER_SIMILARITY and not parallel:
            pairs.append((a.id, b.id, round(same_answer, 2)))
    recalls = Counter(q.recalls for q in questions if q.recalls is not None)
    kinds: dict[int, dict[str, int]] = {}
    for q in questions:
        kinds.setdefault(q.chapter, dict.fromkeys(KINDS, 0))[q.kind] += 1
    return Statistics(
        questions=len(questions),
        key_positions={letter: keys[letter] for letter in sorted(keys)},
        right_is_longest=longest,
        absolute_per_right_option=right_absolute / max(right_options, 1),
        absolute_per_wrong_option=wrong_absolute / max(wrong_options, 1),
        wrong_without_misconception=untagged,
        near_duplicates=pairs,
        recall_chapters=dict(sorted(recalls.items())),
        kinds_per_chapter=dict(sorted(kinds.items())),
    )


def problems(stats: Statistics | None = None, chapters: range = range(1, 8)) -> list[str]:
    """Every fairness limit the bank breaks (empty: it passes)."""
    s = stats or statistics()
    found = []
    letter, most = max(s.key_positions.items(), key=lambda item: item[1])
    if most > MAX_KEY_SHARE * s.questions:
        found.append(f"the right answer is '{letter}' in {most} of {s.questions} questions "
                     f"(limit {MAX_KEY_SHARE:.0%}): {s.key_positions}.")
    if s.right_is_longest > MAX_LONGEST_SHARE * s.questions:
        found.append(f"the right answer is the longest option in {s.right_is_longest} of {s.questions} "
                     f"questions (limit {MAX_LONGEST_SHARE:.0%}).")
    if s.absolute_per_wrong_option > s.absolute_per_right_option:
        found.append(f"absolute words (always, only, never...) appear {s.absolute_per_wrong_option:.2f} times per "
                     f"wrong option but {s.absolute_per_right_option:.2f} per right one.")
    if s.wrong_without_misconception:
        found.append(f"{len(s.wrong_without_misconception)} wrong options name no misconception (M1–M20): "
                     f"{', '.join(s.wrong_without_misconception[:12])}"
                     f"{' …' if len(s.wrong_without_misconception) > 12 else ''}.")
    for a, b, ratio in s.near_duplicates:
        found.append(f"{a} and {b} are near-duplicates (their prompts or their right answers are {ratio:.0%} alike).")
    earlier = [c for c in chapters if c < max(chapters)]
    missing = [c for c in earlier if s.recall_chapters.get(c, 0) == 0]
    if missing:
        found.append(f"no review item brings back chapter(s) {', '.join(f'{c:02d}' for c in missing)}.")
    total = sum(s.recall_chapters.values())
    if total and max(s.recall_chapters.values()) > 0.34 * total:
        found.append(f"review items lean on one chapter: {s.recall_chapters}.")
    for chapter in chapters:
        kinds = s.kinds_per_chapter.get(chapter, {})
        if not (kinds.get("apply", 0) + kinds.get("reason", 0)):
            found.append(f"chapter {chapter:02d} has no 'apply' (transfer) or 'reason' item.")
    return found


if __name__ == "__main__":
    from pprint import pprint

    pprint(statistics())
    print("\n".join(problems()) or "The bank passes.")
