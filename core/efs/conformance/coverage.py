"""Which required functions no subject covers — the one definition — and the function × subject matrix.

:func:`uncovered_required_functions` is what ``efs validate`` reports (EFS131), what ``efs coverage``
marks and what the report counts: one definition, so the three give one number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from efs.concept.roles import JURISDICTION_LEVELS
from efs.model import Configuration, Function, Level

if TYPE_CHECKING:
    from efs.registry import Registry


@dataclass(frozen=True, slots=True)
class Uncovered:
    """A function the concept requires at a level that no subject of that level carries."""

    level: Level
    function: Function

    @property
    def item(self) -> str:
        """The element id findings and suppressions use: ``level:function``."""
        return f"{self.level.value}:{self.function.id}"


def uncovered_required_functions(config: Configuration, registry: Registry) -> list[Uncovered]:
    """Required functions no subject covers, level by level (the levels of the jurisdiction, in order).

    A function is covered at a level when a subject the document places there names it in a function
    bullet (``function`` or ``also``), or when a roadmap measure whose responsible stands at that level
    serves it (``roadmap[].functions``). A level with no subject at all is not counted function by
    function: it is one finding of its own (EFS132, empty level).
    """
    functions = {**registry.functions, **{f.id: f for f in config.functions}}
    out: list[Uncovered] = []
    for level in JURISDICTION_LEVELS.get(config.jurisdiction.level, ()):
        subjects = [s for s in config.subjects if s.level == level]
        if not subjects:
            continue
        ids = {s.id for s in subjects}
        covered = {fid for s in subjects for f in s.functions for fid in f.ids()}
        covered |= {link.id for m in config.roadmap if any(r.id in ids for r in m.responsible) for link in m.functions}
        out += [Uncovered(level, fn) for fn in functions.values() if level in fn.required_at and fn.id not in covered]
    return out


def coverage_matrix(config: Configuration, registry: Registry) -> dict[str, Any]:
    """Rows: every function used or required; columns: subjects; cells: how many bullets map to it.

    Returns:
        ``{"jurisdiction", "subjects": [{id, name, level}], "functions": [{id, name, required_at,
        cells: {subject id: count}, uncovered_at: [levels where required but not covered]}],
        "empty_levels": [levels of the jurisdiction with no subject]}``; ``uncovered_at`` is
        :func:`uncovered_required_functions`.
    """
    functions = {**registry.functions, **{f.id: f for f in config.functions}}
    levels = JURISDICTION_LEVELS.get(config.jurisdiction.level, ())
    used = {fid for s in config.subjects for f in s.functions for fid in f.ids()}
    gaps: dict[str, list[str]] = {}
    for u in uncovered_required_functions(config, registry):
        gaps.setdefault(u.function.id, []).append(u.level.value)
    rows = []
    for fn in functions.values():
        required = [lv for lv in fn.required_at if lv in levels]
        if fn.id not in used and not required:
            continue
        cells = {s.id: sum(1 for f in s.functions if fn.id in f.ids()) for s in config.subjects}
        uncovered = gaps.get(fn.id, [])
        rows.append(
            {
                "id": fn.id,
                "name": fn.name,
                "required_at": [lv.value for lv in required],
                "cells": {k: v for k, v in cells.items() if v},
                "uncovered_at": uncovered,
            }
        )
    return {
        "jurisdiction": config.jurisdiction.id,
        "jurisdiction_name": config.jurisdiction.name,
        "subjects": [
            {"id": s.id, "name": s.short_name or s.name, "level": s.level.value if s.level else None}
            for s in config.subjects
        ],
        "functions": rows,
        "empty_levels": [lv.value for lv in levels if not any(s.level == lv for s in config.subjects)],
    }


_LEVELS = {"federal": "федеральный", "regional": "региональный", "municipal": "муниципальный",
           "institutional": "институциональный", None: "уровень не указан"}


def _levels(values: list[str]) -> str:
    return ", ".join(_LEVELS.get(v, v) for v in values)


def render_coverage(matrix: dict[str, Any], width: int = 44) -> str:
    """Plain-text matrix in Russian: one line per function (by its name), one column per subject (numbered
    in a legend by name and level). Ids are in ``--format json``."""
    subjects = matrix["subjects"]
    lines = [f"Покрытие функций: {matrix.get('jurisdiction_name') or matrix['jurisdiction']}", "Субъекты:"]
    lines += [f"  {i + 1:>2}. {s['name']} ({_LEVELS.get(s['level'], s['level'])})" for i, s in enumerate(subjects)]
    head = "".join(f"{i + 1:>3}" for i in range(len(subjects)))
    lines += ["", f" {'функция':<{width}}{head}  обязательна на уровнях"]
    for row in matrix["functions"]:
        cells = "".join(f"{row['cells'].get(s['id'], 0) or '·':>3}" for s in subjects)
        mark = "!" if row["uncovered_at"] else " "
        name = row["name"] if len(row["name"]) <= width - 1 else row["name"][: width - 2] + "…"
        gap = f"  не покрыта: {_levels(row['uncovered_at'])}" if row["uncovered_at"] else ""
        lines.append(f"{mark}{name:<{width}}{cells}  {_levels(row['required_at']) or '—'}{gap}")
    n_gap = sum(len(r["uncovered_at"]) for r in matrix["functions"])
    lines += ["", f"«!» — обязательная функция, которую на уровне не выполняет ни один субъект: {n_gap}"]
    if matrix.get("empty_levels"):
        from efs.model import Level

        empty = ", ".join(Level(lv).label for lv in matrix["empty_levels"])
        lines.append(f"Уровни без субъектов (их функции не считаются по одной, см. EFS132): {empty}")
    return "\n".join(lines)
