"""Disclosure control of indicator results: primary and secondary (complementary) cell suppression.

Every output of indicator values — ``efs indicators``, every report format, ``efs serve``, the
aggregate returns ``efs data export`` writes, the readings of ``--explain`` — shows the cells this module
leaves visible and nothing else. The method is cell suppression as statistical offices apply it to
hierarchical magnitude tables (Hundepool et al., *Statistical Disclosure Control*, ch. 4; τ-ARGUS):

* **Sensitivity rule (primary suppression).** A cell — one territory (the jurisdiction, a municipality,
  an organisation) of one indicator in one year — is sensitive when a denominator it shows counts fewer
  people than the threshold (:data:`efs.indicators.MIN_DENOMINATOR`) but more than none. A cell of
  nobody reveals nothing about anyone and is never hidden.
* **The table.** The cells of an indicator form a hierarchy: the jurisdiction is the sum of its
  municipalities and of the organisations outside any municipality (plus people attached to none, a
  known remainder); a municipality is the sum of its organisations (plus its remainder). Sub-measures
  («в том числе …») are parts of the same cells: a cell is hidden or shown whole, with every sub-measure.
  Indicators of the same people (their person-level denominators agree in every cell, e.g. all
  pedagogical staff) are one table: a denominator one of them shows is known for all, so they are
  protected together. A part with a denominator of its own is a table of its own that hides whatever its
  indicator and the indicator's other such parts hide.
* **Protection rule (secondary suppression).** Within each relation *parent = Σ children (+ remainder)*
  where something is hidden, at least two of its cells are hidden (one hidden cell is the parent minus
  the rest). Where the parent is shown, the hidden children together count at least the threshold, and
  they are not pinned to the least they are known to hold — their own shown children: beyond that they
  hold someone more;
  if the parent counts someone, they count someone beyond their shown children (otherwise each would be
  0 %); if the parent does not count everyone, neither do they (otherwise each would be 100 %). Zero convention
  as in τ-ARGUS: a value a shown total of 0 % or 100 % implies for every part is not protected — no
  suppression can hide what the total itself says.
* **Choice of complements.** Where a relation fails, the smallest shown sibling that repairs it is
  hidden (fewest people withheld); where no sibling can, the parent is hidden, and then its own relation
  one level up is repaired the same way (the sibling of a hidden total). The repair runs until every
  relation holds; cells only ever become hidden, so it ends.

An intruder's linear program over everything published (``tests/indicators/test_intruder.py``) is the
audit: it recovers no hidden cell. ``docs/disclosure.md`` is the user's account of the method.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

#: A cell of the hierarchy: ``(scope, id)``, scope ``jurisdiction``, ``municipality`` or ``organization``.
Node = tuple[str, str]
#: The measures of a node: ``(numerator, denominator)`` of each measure that has a denominator.
Measures = list[tuple[float, float]]
Name = TypeVar("Name", bound=Hashable)


class Tree:
    """The hierarchy of cells: each node's parent and children."""

    def __init__(self, root: Node) -> None:
        self.root = root
        self.parent: dict[Node, Node] = {}
        self.children: dict[Node, list[Node]] = defaultdict(list)

    def add(self, node: Node, parent: Node) -> None:
        """Place ``node`` under ``parent`` (once; a node keeps its first parent)."""
        if node == parent or node in self.parent:
            return
        self.parent[node] = parent
        self.children[parent].append(node)


def families(populations: Mapping[Name, Hashable]) -> list[list[Name]]:
    """Tables protected together: those counting the same population (equal ``populations`` keys).

    The engine keys a table by its denominators of person-level rows in every cell: two indicators of
    the same people agree there, whatever aggregate returns each was filed with.
    """
    groups: dict[Hashable, list[Name]] = defaultdict(list)
    for name, key in populations.items():
        groups[key].append(name)
    return list(groups.values())


def protect(
    tree: Tree,
    values: Mapping[Node, Measures],
    threshold: int,
    *,
    forced: Iterable[Node] = (),
    secondary: bool = True,
) -> set[Node]:
    """The nodes to hide: the sensitive ones, ``forced`` ones and the complements that protect them.

    Args:
        tree: The hierarchy of the cells.
        values: Each node's measures (every table of a family side by side, the same order in every node;
            a node absent from ``values`` counts nobody).
        threshold: The smallest denominator shown.
        forced: Nodes hidden whatever their size (hidden in another output the reader also has).
        secondary: Add the complements; ``False`` hides the sensitive and forced nodes only.
    """
    width = max((len(ms) for ms in values.values()), default=0)
    zero = [(0.0, 0.0)] * width

    def measures(node: Node) -> Measures:
        return values.get(node) or zero

    size: dict[Node, float] = {}
    primary: set[Node] = set()
    for node, ms in values.items():
        dens = [d for _, d in ms]
        size[node] = max(dens, default=0.0)
        if any(0 < d < threshold for d in dens):
            primary.add(node)
    hidden = primary | set(forced)
    if not secondary or not hidden:
        return hidden
    # Kept as cells are hidden: each parent's hidden children, and the sums of its shown ones (the least
    # a hidden parent is known to hold).
    gone: dict[Node, list[Node]] = defaultdict(list)
    shown: dict[Node, list[list[float]]] = {}
    for parent, kids in tree.children.items():
        sums = [[0.0, 0.0] for _ in range(width)]
        for c in kids:
            if c in hidden:
                gone[parent].append(c)
                continue
            for acc, (num, den) in zip(sums, values.get(c, ()), strict=False):  # absent: nobody
                acc[0] += num
                acc[1] += den
        shown[parent] = sums

    def least(node: Node, m: int) -> tuple[float, float, float]:
        """What a hidden cell is known to hold at least in measure ``m`` — numerator, denominator, and
        denominator minus numerator: its shown children and what its hidden children hold at least.

        That a hidden cell is not empty (an empty one reads «нет данных») is structure, not a count: where
        every hidden cell holds exactly one unit (one management team per organisation) its denominator is
        known as the number of units is; its numerator stays protected."""
        num, den = shown[node][m] if node in shown else (0.0, 0.0)
        rest = den - num
        for c in gone.get(node, ()):
            if measures(c)[m][1] > 0:
                n, d, r = least(c, m)
                num, den, rest = num + n, den + d, rest + r
        return num, den, rest

    def failure(parent: Node) -> tuple[int, int] | None:
        """Why the relation of ``parent`` discloses, ``None`` if it holds.

        ``(-1, 0)``: a cell is hidden alone (any shown child repairs it); ``(m, part)``: in measure ``m``
        one cell is unknown alone or the hidden children together count fewer than the threshold (part 3:
        a child with someone repairs it), or beyond what they are known to hold they count no one (part 0),
        nobody more than one each (part 1) or everyone (part 2) — a child with some of that part repairs it.
        A measure a hidden cell has no one in is shown as «нет данных»: it is no unknown.
        """
        hid = [c for c in gone[parent] if size.get(c, 0.0) > 0]
        unknown = len(hid) + (parent in hidden and size.get(parent, 0.0) > 0)
        if unknown == 0:
            return None
        if unknown == 1:
            return (-1, 0)
        small = any(c in primary for c in hid)
        for m, (p_num, p_den) in enumerate(measures(parent)):
            mine = [c for c in hid if measures(c)[m][1] > 0]
            if len(mine) + (parent in hidden and p_den > 0) == 1:
                return (m, 3)
            if parent in hidden:
                continue
            if small and sum(measures(c)[m][1] for c in mine) < threshold:
                return (m, 3)
            # What the hidden children hold beyond the least they are known to hold: nothing pins each of them.
            num = den = rest = 0.0
            for c in mine:
                n, d = measures(c)[m]
                low = least(c, m)
                num, den, rest = num + n - low[0], den + d - low[1], rest + d - n - low[2]
            if p_num > 0 and num <= 0:
                return (m, 0)
            if p_den > 0 and den <= 0:
                return (m, 1)
            if p_den - p_num > 0 and rest <= 0:
                return (m, 2)
        return None

    def repairs(child: Node, why: tuple[int, int]) -> bool:
        m, part = why
        if m < 0:
            return True
        num, den = measures(child)[m]
        return (num, den, den - num, den)[part] > 0

    start = {tree.parent[n] for n in hidden if n in tree.parent} | {n for n in hidden if n in tree.children}
    queue = deque(sorted(start))
    waiting = set(queue)
    while queue:
        parent = queue.popleft()
        waiting.discard(parent)
        why = failure(parent)
        if why is None:
            continue
        helpful = [
            c for c in tree.children[parent] if c not in hidden and size.get(c, 0.0) > 0 and repairs(c, why)
        ]
        if helpful:
            choice = min(helpful, key=lambda c: (size.get(c, 0.0), c))
        elif parent not in hidden:
            choice = parent
        else:
            continue  # nothing shown is left to hide here: the parent's own relation protects it
        hidden.add(choice)
        above = tree.parent.get(choice)
        if above is not None:
            gone[above].append(choice)
            for m, (num, den) in enumerate(measures(choice)):
                shown[above][m][0] -= num
                shown[above][m][1] -= den
        for touched in (parent, above, tree.parent.get(above) if above else None, choice):
            if touched is not None and touched in tree.children and touched not in waiting:
                queue.append(touched)
                waiting.add(touched)
    return hidden
