"""Russian agreement of words with numbers («1 рекомендация», «23 рекомендации», «5 непокрытых функций»).

The forms come from pymorphy3 and its OpenCorpora dictionary (``pymorphy3-dicts-ru``), not from hand
rules: adjectives agree as well as nouns, and a word the dictionary does not know stays as written.
The analyzer costs about 0.4 s to load (import and dictionary), so it is imported lazily, once, only
by the report code that needs it; ``import efs`` never loads it.
"""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def _analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@functools.cache
def _agree_word(word: str, n: int, case: str) -> tuple[str, bool]:
    """The word agreed with ``n``, and whether it was the head noun (after which nothing agrees)."""
    parses = [p for p in _analyzer().parse(word) if p.tag.POS in ("NOUN", "ADJF", "PRTF")]
    if not parses:
        return word, False
    if case == "nomn":
        form = parses[0].make_agree_with_number(n)
    else:  # in an oblique case a numeral takes the singular after 1, 21, 31… and the plural otherwise
        one = n % 10 == 1 and n % 100 != 11
        form = parses[0].inflect({case, "sing" if one else "plur"})
    if form is None:
        return word, parses[0].tag.POS == "NOUN"
    out: str = form.word
    return (out[:1].upper() + out[1:] if word[:1].isupper() else out), parses[0].tag.POS == "NOUN"


def agree(n: int, phrase: str, case: str = "nomn") -> str:
    """``phrase`` (nominative singular, e.g. «непокрытая функция») in the form that goes with ``n``.

    The adjectives and the head noun agree; what follows the head noun («замечание *проверки*») does not.
    ``case`` is a pymorphy3 case tag for a numeral in an oblique case: ``"gent"`` gives «у 5 показателей».
    """
    out, done = [], False
    for word in phrase.split(" "):
        if done:
            out.append(word)
            continue
        form, done = _agree_word(word, abs(int(n)), case)
        out.append(form)
    return " ".join(out)


def count(n: int, phrase: str, case: str = "nomn") -> str:
    """«23 рекомендации», «1 непокрытая функция», «5 показателей»; with ``case="gent"``: «у 21 показателя»."""
    return f"{n} {agree(n, phrase, case)}"
