"""The question bank cannot be answered from its form: position, length, wording (issue #17).

Measured on the options as learners see them (shuffled with a fixed seed per question).
"""

import dataclasses

import pytest

from authoring import bank_stats
from calcium_paradox import questions


@pytest.fixture(scope="module")
def stats():
    return bank_stats.statistics()


def test_the_bank_passes_every_fairness_limit(stats):
    assert not bank_stats.problems(stats), "\n".join(bank_stats.problems(stats))


def test_shown_order_is_fixed_per_question_and_keeps_every_option():
    bank = questions.load_bank()
    for q in bank.questions.values():
        assert sorted(q.order) == list(range(len(q.options)))
        assert q.order == dataclasses.replace(q).order  # the same on every run
    assert any(q.order != tuple(range(len(q.options))) for q in bank.questions.values())


def _bank_with(change) -> questions.Bank:
    bank = questions.load_bank()
    return questions.Bank({qid: change(q) for qid, q in bank.questions.items()}, bank.probe, bank.post)


def test_a_bank_with_the_key_always_first_fails():
    def key_first(q):
        return dataclasses.replace(q, id="same-seed-for-all")
    # Every question with the same seed puts its right answer in the same place whenever it was stored first.
    def stored_first(q):
        right = next(o for o in q.options if o.correct)
        return dataclasses.replace(q, options=(right, *[o for o in q.options if not o.correct]))
    stats = bank_stats.statistics(_bank_with(lambda q: key_first(stored_first(q))))
    assert any("the right answer is" in p and "questions (limit 40%)" in p for p in bank_stats.problems(stats))


def test_a_bank_whose_right_answers_are_longest_fails():
    def padded(q):
        return dataclasses.replace(q, options=tuple(
            dataclasses.replace(o, text=o.text + " " + "x" * 400) if o.correct else o for o in q.options))
    problems = bank_stats.problems(bank_stats.statistics(_bank_with(padded)))
    assert any("longest option" in p for p in problems)


def test_absolute_words_only_in_wrong_options_fail():
    def absolute(q):
        return dataclasses.replace(q, options=tuple(
            o if o.correct else dataclasses.replace(o, text="It always and only happens. " + o.text)
            for o in q.options))
    problems = bank_stats.problems(bank_stats.statistics(_bank_with(absolute)))
    assert any("absolute words" in p for p in problems)


def test_a_copied_question_is_a_near_duplicate():
    bank = questions.load_bank()
    first = next(iter(bank.questions.values()))
    copy = dataclasses.replace(first, id="COPY-1", parallel_of=None)
    stats = bank_stats.statistics(questions.Bank({**bank.questions, "COPY-1": copy}, bank.probe, bank.post))
    assert (first.id, "COPY-1", 1.0) in stats.near_duplicates


def test_every_warm_up_item_has_one_parallel_post_test_form():
    bank = questions.load_bank()
    assert len(bank.post) == len(bank.probe)
    pairs = {bank[p].parallel_of: p for p in bank.post}
    assert sorted(pairs) == sorted(bank.probe), "each post-test item names the warm-up item it parallels"
    for before, after in pairs.items():
        assert bank[after].prompt != bank[before].prompt
        assert bank[after].chapter == bank[before].chapter  # the same idea, taught in the same chapter
        assert bank[after].confidence and bank[before].confidence
