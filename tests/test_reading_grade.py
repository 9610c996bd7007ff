"""The reading-grade check: Flesch–Kincaid, counted by the course itself (no textstat, no download)."""

import pytest

from authoring.notebook_check import MIN_WORDS_FOR_GRADE, reading_grade


def test_a_hand_counted_text_gets_the_hand_computed_grade():
    # 20 × two sentences of 6 and 5 one-syllable words: 5.5 words a sentence, 1 syllable a word.
    text = "The cat sat on the mat. It was a warm day. " * 20
    assert reading_grade(text) == pytest.approx(0.39 * 5.5 + 11.8 * 1 - 15.59)


def test_longer_words_and_sentences_read_harder():
    easy = "Bone is a store of calcium. The blood takes some when it needs it. " * 10
    long_words = ("Osteoclasts dissolve mineralised bone, liberating calcium into circulation. "
                  "Parathyroid hormone orchestrates this mobilisation. ") * 10
    assert reading_grade(long_words) > reading_grade(easy) + 8


def test_short_texts_are_not_graded():
    assert reading_grade("word " * (MIN_WORDS_FOR_GRADE - 1)) is None
    assert reading_grade("word. " * MIN_WORDS_FOR_GRADE) is not None


def test_punctuation_is_not_a_word_and_a_two_word_fragment_is_not_a_sentence():
    plain = "The dog ran to the big red barn and sat down. " * 12  # 11 one-syllable words a sentence
    dashed = "The dog ran to the big red barn — and sat down. " * 12
    assert reading_grade(dashed) == pytest.approx(reading_grade(plain))
    # "Yes, no." adds two words but no sentence.
    words, sentences = 11 * 12 + 2, 12
    expected = 0.39 * words / sentences + 11.8 * 1 - 15.59
    assert reading_grade(plain + "Yes, no. ") == pytest.approx(expected)
