"""The function × subject matrix of a configuration, with uncovered required functions marked."""

from __future__ import annotations

from typing import Any

from efs.concept.roles import JURISDICTION_LEVELS
from efs.model import Configuration


def coverage_matrix(config: Configuration, registry: Any) -> dict[str, Any]:
    """Rows: every function used or required; columns: subjects; cells: how many bullets map to it.

    Returns:
        ``{"jurisdiction", "subjects": [{id, name, level}], "functions": [{id, name, required_at,
        cells: {subject id: count}, uncovered_at: [levels where required but no subject covers it]}]}``.
    """
    functions = {**registry.functions, **{f.id: f for f in config.functions}}
    levels = JURISDICTION_LEVELS.get(config.jurisdiction.level, ())
    used = {fid for s in config.subjects for f in s.functions for fid in f.ids()}
    rows = []
    for fn in functions.values():
        required = [lv for lv in fn.required_at if lv in levels]
        if fn.id not in used and not required:
            continue
        cells = {s.id: sum(1 for f in s.functions if fn.id in f.ids()) for s in config.subjects}
        uncovered = [
            lv.value for lv in required if not any(cells[s.id] for s in config.subjects if s.level == lv)
        ]
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
    n_gap = sum(1 for r in matrix["functions"] if r["uncovered_at"])
    lines += ["", f"«!» — обязательная функция, которую на уровне не выполняет ни один субъект: {n_gap}"]
    return "\n".join(lines)
