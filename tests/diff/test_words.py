"""Wording: what is a change of wording, how alike two wordings are, and the word-level diff."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from efs.diff.words import normalize, same_wording, similarity, word_diff

WORDS = st.lists(st.sampled_from(["ЦНППМ", "обеспечивает", "«ИОМ»", "педагогов", "и", ",", "2024", "—", "г."]),
                 max_size=12)


def _join(words: list[str]) -> str:
    return " ".join(words)


def test_quotes_case_yo_dashes_and_spaces_are_not_a_change_of_wording():
    assert same_wording("МКУ «Центр развития образования»", 'мку  "Центр развития образования"')
    assert same_wording("организует работу с молодёжью — ежегодно", "Организует работу с молодежью - ежегодно")
    assert not same_wording("не менее 50%", "не менее 60%")
    assert not same_wording("педагогов;", "педагогов.")


def test_similarity_is_the_share_of_words_in_common_in_order():
    assert similarity("а б в г", "а б в г") == 1
    assert similarity("а б в г", "д е ж з") == 0
    assert similarity("а б в г", "а б в д") == 0.75  # 2·3 / (4 + 4)
    assert similarity("а б в г", "г в б а") < 0.5  # the same words in another order are another sentence
    assert similarity("", "") == 1 and similarity("а", "") == 0


@given(WORDS, WORDS)
def test_joining_kept_and_inserted_gives_the_new_wording(a, b):
    old, new = _join(a), _join(b)
    segments = word_diff(old, new)
    assert "".join(t for op, t in segments if op != "-") == new
    assert normalize("".join(t for op, t in segments if op != "+")) == normalize(old)


@given(WORDS)
def test_the_same_wording_has_nothing_struck_out_or_inserted(a):
    assert all(op == "=" for op, _ in word_diff(_join(a), _join(a)))


def test_a_replaced_phrase_reads_as_one_struck_out_and_one_inserted_run():
    segments = word_diff("обеспечивает условия для педагогов школ", "обеспечивает поддержку молодых педагогов школ")
    assert segments == [("=", "обеспечивает "), ("-", "условия для"), ("+", "поддержку молодых"),
                        ("=", " педагогов школ")]


def test_punctuation_is_a_word_of_its_own():
    segments = word_diff("вопросам обучения;", "вопросам обучения и воспитания;")
    assert segments == [("=", "вопросам обучения"), ("+", " и воспитания"), ("=", ";")]
