"""Russian morphology: the one analyser (pymorphy3 with its OpenCorpora dictionary), loaded once, lazily.

The report agrees words with numbers through it (:mod:`efs.report.words`); the whole-document rules read
a name in the genitive and in the nominative as one name through :func:`lemma` (:mod:`efs.wholedoc`).
The dictionary costs about 0.1 s of CPU to load and about 0.1 ms a word to analyse, so nothing imports it
until a word is asked for, and every word is analysed once per process (:func:`lemma` is cached).
``import efs`` never loads it.
"""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["analyzer", "is_dictionary_word", "lemma"]


class _Analyzer:
    """``pymorphy3.MorphAnalyzer`` whose ``parse`` keeps each word's analyses (a tuple, shared by callers).

    The rules analyse the same few thousand words of a document many times over (once per mention they
    weigh); pymorphy3's dictionary lookup is pure Python, about 0.1–1 ms a word, so without the cache it
    was most of ``efs validate``'s time on a small configuration. Everything else is the analyser's own.
    """

    def __init__(self, morph: Any) -> None:
        self._morph = morph
        self.parse = functools.lru_cache(maxsize=131072)(lambda word: tuple(morph.parse(word)))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._morph, name)


@functools.cache
def analyzer() -> Any:
    """The process's one ``pymorphy3.MorphAnalyzer`` (the dictionary loads on the first call); ``parse`` is
    cached per word."""
    import pymorphy3

    return _Analyzer(pymorphy3.MorphAnalyzer())


@functools.lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The dictionary form of ``word`` in lower case («Министерством» → «министерство»).

    A word the dictionary does not know gets the analyser's best guess by its ending; ``ё`` is read as
    ``е`` so that «молодёжной» and «молодежной» are one word.
    """
    folded = word.lower().replace("ё", "е")
    if not folded.isalpha() or not any("а" <= c <= "я" for c in folded):
        return folded
    parses = analyzer().parse(folded)
    form = parses[0].normal_form if parses else folded
    return str(form).replace("ё", "е")


@functools.lru_cache(maxsize=16384)
def is_dictionary_word(word: str) -> bool:
    """Whether ``word`` (any case) is an ordinary word of the dictionary, not an abbreviation.

    «ПРИКАЗ» in a heading is the word «приказ»; «ЦНППМ», «ДПО» and «ОГЭ» are abbreviations (the dictionary
    either does not know them or marks them ``Abbr``).
    """
    folded = word.lower()
    morph = analyzer()
    if not morph.word_is_known(folded):
        return False
    return not any("Abbr" in p.tag for p in morph.parse(folded) if p.is_known)
