"""Words: the normalised form two wordings are compared in, their similarity, and a word-level diff.

A change of quotes («» vs ""), of ё/е, of case or of spacing is not a change of wording; a change of
a word, a number or a punctuation mark is. :func:`similarity` compares the words in order (a reordered
sentence is a different sentence); :func:`word_diff` shows what was struck out and what was inserted,
word by word, keeping the original spelling and spacing of each side.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\w+|[^\w\s]|\s+")
_WORD = re.compile(r"\w+")
_QUOTES = str.maketrans({"«": '"', "»": '"', "„": '"', "“": '"', "”": '"', "'": '"', "‘": '"', "’": '"',
                         "ё": "е", "Ё": "Е", "–": "-", "—": "-", "‑": "-", "\u00a0": " "})


def normalize(text: str | None) -> str:
    """One spelling of a wording: case, ё, quotes, dashes and runs of spaces folded."""
    if not text:
        return ""
    return " ".join(text.translate(_QUOTES).lower().split())


def words(text: str | None) -> list[str]:
    """The words of ``text`` in order, normalised (punctuation dropped)."""
    return _WORD.findall(normalize(text))


def similarity(a: str | None, b: str | None) -> float:
    """How alike two wordings are, from 0 (no word in common) to 1 (the same words in the same order).

    The ratio of matching words (in order) to all words of both: ``2·M / (|a| + |b|)``.
    """
    wa, wb = words(a), words(b)
    if not wa and not wb:
        return 1.0
    if not wa or not wb:
        return 0.0
    if wa == wb:
        return 1.0
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def same_wording(a: str | None, b: str | None) -> bool:
    """Whether two wordings differ only in case, ё, quotes, dashes or spacing."""
    return normalize(a) == normalize(b)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _key(token: str) -> str:
    return " " if token.isspace() else token.translate(_QUOTES).lower()


Segment = tuple[str, str]
"""``(op, text)``: ``op`` is ``"="`` (kept), ``"-"`` (struck out) or ``"+"`` (inserted)."""


def word_diff(old: str | None, new: str | None) -> list[Segment]:
    """The word-level difference of two wordings as segments ``(op, text)``.

    Joining the ``=`` and ``+`` segments gives ``new``; joining ``=`` and ``-`` gives ``old`` up to what
    is not a change of wording (kept text is shown as ``new`` spells it: its quotes, case and ё).
    Adjacent changes are merged, so a replaced phrase reads as one struck-out and one inserted run.
    """
    a, b = _tokens(old or ""), _tokens(new or "")
    matcher = SequenceMatcher(None, [_key(t) for t in a], [_key(t) for t in b], autojunk=False)
    out: list[Segment] = []

    def put(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            put("=", "".join(b[j1:j2]))
        else:
            put("-", "".join(a[i1:i2]))
            put("+", "".join(b[j1:j2]))
    return _merge_runs(out)


def _merge_runs(segments: list[Segment]) -> list[Segment]:
    """A space between two replacements belongs to both: ``-a +b = -c +d`` → ``-a c +b d``.

    Only a space between runs that both strike out and insert is folded, so that joining the segments
    still gives each side exactly.
    """
    out: list[Segment] = []
    dels, adds = "", ""

    def flush() -> None:
        nonlocal dels, adds
        if dels:
            out.append(("-", dels))
        if adds:
            out.append(("+", adds))
        dels, adds = "", ""

    for i, (op, text) in enumerate(segments):
        if op == "-":
            dels += text
        elif op == "+":
            adds += text
        elif (text.isspace() and dels and adds and i + 1 < len(segments) and segments[i + 1][0] != "="):
            dels += text
            adds += text
        else:
            flush()
            out.append((op, text))
    flush()
    return out
