"""The typed changes between two configurations: items paired, their differences typed, grouped by section.

Top-level items (subjects, acts, indicators, measures…) are paired first (:mod:`efs.diff.matching`);
then what is listed inside them — a subject's function bullets and notes, an indicator's targets, a
measure's thresholds — within each pair of parents. A function bullet that no longer stands under its
subject is looked for under every other subject (a function passed to another body) before it counts as
removed. What is listed inside an added or removed parent is part of that addition or removal and is not
reported again, unless it moved to another parent.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from efs.diff import fields
from efs.diff.fields import Pair, Sides, describe, refs_of
from efs.diff.items import Item, flatten, target_key
from efs.diff.matching import THRESHOLD, pair
from efs.diff.model import SECTIONS, Change, Match
from efs.model import Configuration

if TYPE_CHECKING:
    from efs.registry import Registry

#: Item types listed inside another item, and the type of their parent.
CHILDREN = {"bullet": "subject", "subject_note": "subject", "target": "indicator", "threshold": "measure"}
#: The least similarity for a bullet to count as moved to another subject (stricter than within a subject).
MOVED_THRESHOLD = 0.8
#: Types whose ids references may name (a measure's responsible, a subject's host).
_PARTIES = {"subject", "actor"}
_ORDER = {sid: n for n, (sid, _) in enumerate(SECTIONS)}


def compare_configurations(old: Configuration, new: Configuration, registry: Registry) -> tuple[list[Change], Sides]:
    """Every change from ``old`` to ``new``, in the order of the sections and of the new document.

    Returns:
        The changes and the :class:`~efs.diff.fields.Sides` (the renaming of ids between the versions,
        which the impact analysis follows).
    """
    sides = Sides(old, new, registry)
    a, b = flatten(old), flatten(new)
    position = {id(item): n for n, item in enumerate(i for items in b.values() for i in items)}
    old_position = {id(item): n for n, item in enumerate(i for items in a.values() for i in items)}
    pairs: list[tuple[Item, Item, Match]] = []
    added: list[Item] = []
    removed: list[Item] = []
    top = [t for t in dict.fromkeys([*a, *b]) if t not in CHILDREN]
    for type_ in top:
        result = pair(a.get(type_, []), b.get(type_, []))
        pairs += result.pairs
        added += result.added
        removed += result.removed
    parents = {(id(x), id(y)) for x, y, _ in pairs}
    partner = {id(x): y for x, y, _ in pairs}
    for x, y, _ in pairs:
        if x.type in _PARTIES and x.id and y.id and x.id != y.id:
            sides.renamed[("party", x.id)] = y.id
        elif x.id and y.id and x.id != y.id:
            sides.renamed[(x.type, x.id)] = y.id

    for item in a.get("threshold", []):  # a threshold names its indicator: follow a renamed one
        item.kind, item.key = target_key(item.obj, sides.translate("indicator", item.obj.indicator))
    for type_ in (t for t in CHILDREN if t in a or t in b):
        child_pairs, child_added, child_removed = _children(a.get(type_, []), b.get(type_, []), partner)
        pairs += child_pairs
        added += child_added
        removed += child_removed
    del parents

    changes: list[tuple[tuple[int, int, int], Change]] = []
    for x, y, match in pairs:
        for change in fields.COMPARE[x.type](Pair(x, y, match, sides)):
            changes.append(((_ORDER[change.section], position[id(y)], 0), change))
    for item in added:
        changes.append(((_ORDER[item.section], position[id(item)], 1), _added(item, new)))
    for item in removed:
        anchor = _anchor(item, partner, position, old_position)
        changes.append(((_ORDER[item.section], anchor, 2), _removed(item, old)))
    changes.sort(key=lambda c: c[0])
    out = [c for _, c in changes]
    for change in out:
        change.old_line = _line(old, change.old_path)
        change.new_line = _line(new, change.new_path)
    return out, sides


def _children(old: list[Item], new: list[Item], partner: dict[int, Item]) -> tuple[
        list[tuple[Item, Item, Match]], list[Item], list[Item]]:
    """Pair children within each pair of parents, then (bullets) across parents; fold those of added or
    removed parents into their parent's change."""
    pairs: list[tuple[Item, Item, Match]] = []
    by_parent: dict[int, list[Item]] = {}
    for item in new:
        by_parent.setdefault(id(item.parent), []).append(item)
    left_over_old: list[Item] = []
    used_new: set[int] = set()
    groups: dict[int, list[Item]] = {}
    for item in old:
        groups.setdefault(id(item.parent), []).append(item)
    for parent_id, items in groups.items():
        new_parent = partner.get(parent_id)
        candidates = by_parent.get(id(new_parent), []) if new_parent is not None else []
        result = pair(items, candidates)
        pairs += result.pairs
        used_new |= {id(y) for _, y, _ in result.pairs}
        left_over_old += result.removed
    left_over_new = [item for item in new if id(item) not in used_new]
    if old and old[0].type == "bullet":
        moved = pair(left_over_old, left_over_new, threshold=MOVED_THRESHOLD, use_keys=False)
        pairs += moved.pairs
        left_over_old, left_over_new = moved.removed, moved.added
    matched_parents_old = set(partner)
    matched_parents_new = {id(y) for y in partner.values()}
    removed = [i for i in left_over_old if id(i.parent) in matched_parents_old]
    added = [i for i in left_over_new if id(i.parent) in matched_parents_new]
    return pairs, added, removed


def _anchor(item: Item, partner: dict[int, Item], position: dict[int, int], old_position: dict[int, int]) -> int:
    """Where a removed item is listed: after its parent's partner if it has one, else by its old place."""
    if item.parent is not None and id(item.parent) in partner:
        return position[id(partner[id(item.parent)])]
    return old_position[id(item)]


def _line(config: Configuration, path: tuple[str | int, ...] | None) -> int | None:
    if path is None or config.file is None:
        return None
    line: int | None = config.location_of(path).line
    return line


def _kind_of_child(item: Item) -> str:
    return "target_changed" if item.type in ("target", "threshold") else ""


def _added(item: Item, config: Configuration) -> Change:
    type_ = _kind_of_child(item) or "added"
    detail = "добавлено" if type_ == "added" else f"добавлена {fields.target_label(item.obj)}: {item.obj.as_written}"
    if item.type == "bullet" and item.parent is not None:
        detail = f"субъекту «{fields.subject_name(item.parent.obj)}» добавлена функция"
    return Change(type=type_, section=item.section, item=item.label, old=None, new=describe(item), detail=detail,
                  new_id=item.id, new_path=item.path, refs=refs_of(item))


def _removed(item: Item, config: Configuration) -> Change:
    type_ = _kind_of_child(item) or "removed"
    detail = "исключено" if type_ == "removed" else f"исключена {fields.target_label(item.obj)}: {item.obj.as_written}"
    if item.type == "bullet" and item.parent is not None:
        detail = f"у субъекта «{fields.subject_name(item.parent.obj)}» исключена функция"
    return Change(type=type_, section=item.section, item=item.label, old=describe(item), new=None, detail=detail,
                  old_id=item.id, old_path=item.path, refs=refs_of(item))


def group_by_section(changes: Iterable[Change]) -> list[tuple[str, str, list[Change]]]:
    """``(section id, title, changes)`` for every section that has changes, in the document's order."""
    by: dict[str, list[Change]] = {}
    for change in changes:
        by.setdefault(change.section, []).append(change)
    return [(sid, title, by[sid]) for sid, title in SECTIONS if sid in by]


__all__ = ["THRESHOLD", "compare_configurations", "group_by_section"]
