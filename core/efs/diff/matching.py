"""Pairing the items of two versions: by id, then by natural key, then by kind and wording.

1. Items with the same identifier (or the same natural key: a target's year and part, a glossary
   term) are the same item, whatever their wording (confidence 1).
2. Of the rest, items of the same kind with the same wording (up to case, quotes, ё and spacing) are
   paired in order (confidence 1).
3. Of the rest, items of the same kind whose wordings are alike (:func:`efs.diff.words.similarity` at
   least ``threshold``) are paired best first; the confidence is the similarity. This is how two
   drafts of a document (``efs draft``), whose ids differ wherever the wording differs, are compared.

What remains unpaired was removed (old side) or added (new side).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from efs.diff.items import Item
from efs.diff.model import Match
from efs.diff.words import normalize, words

#: The least similarity of two wordings for a match by text.
THRESHOLD = 0.6


@dataclass(slots=True)
class Pairing:
    """The result of matching two lists of items."""

    pairs: list[tuple[Item, Item, Match]]
    removed: list[Item]
    added: list[Item]


def pair(
    old: Sequence[Item],
    new: Sequence[Item],
    *,
    threshold: float = THRESHOLD,
    allowed: Callable[[Item, Item], bool] | None = None,
    use_keys: bool = True,
) -> Pairing:
    """Pair ``old`` with ``new`` (see the module docstring); ``allowed`` can forbid a pair by wording."""
    pairs: list[tuple[Item, Item, Match]] = []
    left, right = list(old), list(new)
    if use_keys:
        by_key: dict[str, list[Item]] = defaultdict(list)
        for item in right:
            if item.key is not None:
                by_key[item.key].append(item)
        rest = []
        for item in left:
            candidates = by_key.get(item.key) if item.key is not None else None
            if candidates:
                other = candidates.pop(0)
                pairs.append((item, other, Match("id" if item.key_is_id and other.key_is_id else "key")))
            else:
                rest.append(item)
        taken = {id(b) for _, b, _ in pairs}
        left, right = rest, [i for i in right if id(i) not in taken]

    # 2. the same wording
    by_text: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for item in right:
        by_text[(item.kind, normalize(item.text))].append(item)
    rest = []
    for item in left:
        candidates = [c for c in by_text.get((item.kind, normalize(item.text)), ())
                      if allowed is None or allowed(item, c)]
        if candidates and normalize(item.text):
            other = candidates[0]
            by_text[(item.kind, normalize(item.text))].remove(other)
            pairs.append((item, other, Match("text", 1.0)))
        else:
            rest.append(item)
    taken = {id(b) for _, b, _ in pairs}
    left, right = rest, [i for i in right if id(i) not in taken]

    # 3. alike wording, best first
    scored = _scores(left, right, threshold, allowed)
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    for score, a_index, b_index in scored:
        if a_index in used_a or b_index in used_b:
            continue
        used_a.add(a_index)
        used_b.add(b_index)
        pairs.append((left[a_index], right[b_index], Match("text", score)))
    removed = [a for i, a in enumerate(left) if i not in used_a]
    added = [b for i, b in enumerate(right) if i not in used_b]
    return Pairing(pairs, removed, added)


def _scores(left: list[Item], right: list[Item], threshold: float,
            allowed: Callable[[Item, Item], bool] | None) -> list[tuple[float, int, int]]:
    """``(similarity, old index, new index)`` of every allowed pair of one kind at least ``threshold`` alike.

    The same ratio as :func:`efs.diff.words.similarity`, with each side's words split once and the cheap
    upper bounds of :class:`difflib.SequenceMatcher` tried before the exact ratio.
    """
    from difflib import SequenceMatcher

    left_words = [words(a.text) for a in left]
    out: list[tuple[float, int, int]] = []
    for b_index, b in enumerate(right):
        wb = words(b.text)
        if not wb:
            continue
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(wb)
        for a_index, a in enumerate(left):
            wa = left_words[a_index]
            if not wa or a.kind != b.kind or (allowed is not None and not allowed(a, b)):
                continue
            matcher.set_seq1(wa)
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            score = matcher.ratio()
            if score >= threshold:
                out.append((score, a_index, b_index))
    return out
