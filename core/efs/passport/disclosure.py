"""Small-cell protection of the passport's tables: the rule ``efs report`` applies, and what a total adds.

The indicator engine hides a result whose denominator — the group of people it is about — is smaller
than the threshold (``--min-denominator``, :data:`efs.indicators.MIN_DENOMINATOR`): no value, no
numerator, no denominator. The passport's tables are the same kind of numbers: each row is a group of
people (the pedagogical staff of a municipality, of a kind of organisation), each cell a count of them.
So a row whose group is smaller than the threshold is hidden entirely (primary suppression), and a cell
of a visible row is shown as the engine shows a numerator.

A table with a total row adds what the engine's single results do not: the total minus the visible rows
gives the hidden one back. So, as long as one row is hidden alone, or the hidden rows together are
fewer people than the threshold, the smallest visible row is hidden as well (secondary suppression); when
no row is left to hide, the total is hidden. What the total then reveals is the sum of two or more groups
of at least the threshold together — never one small group.
"""

from __future__ import annotations

from collections.abc import Sequence


def protect(bases: Sequence[int], threshold: int, *, total: bool = True,
            forced: frozenset[int] = frozenset()) -> tuple[set[int], bool]:
    """The rows to hide and whether to hide the total row.

    Args:
        bases: The size of each row's group (the people its counts are about).
        threshold: The smallest group shown.
        total: The table has a total row (the sum of the rows' groups).
        forced: Rows hidden whatever their size (hidden in another table the reader also has).

    Returns:
        ``(hidden row indexes, total hidden)``. A row of nobody (base 0) is never hidden: it reveals
        nothing about anyone.
    """
    hidden = {i for i, b in enumerate(bases) if 0 < b < threshold} | set(forced)
    if not total or not hidden:
        return hidden, False
    while len(hidden) == 1 or sum(bases[i] for i in hidden) < threshold:
        candidates = [i for i, b in enumerate(bases) if i not in hidden and b > 0]
        if not candidates:
            return hidden, True
        hidden.add(min(candidates, key=lambda i: (bases[i], i)))
    return hidden, False
