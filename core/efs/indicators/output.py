"""Indicator results as a table, JSON or CSV (used by ``efs indicators``)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

from efs.indicators.results import SOURCE_LABELS, STATUS_LABELS, IndicatorResult

CSV_COLUMNS = (
    "indicator_id",
    "sub_measure",
    "federal",
    "scope",
    "scope_id",
    "scope_name",
    "year",
    "numerator",
    "denominator",
    "value",
    "unit",
    "status",
    "targets",
    "targets_not_checked",
    "data_source",
    "indicator_text",
)


def _num(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f}" if value != int(value) else f"{int(value)}"


def to_table(results: list[IndicatorResult], *, synthetic: bool = False) -> str:
    """A rich table rendered to text (plain on a pipe)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Показатели эффективности" + (" (синтетические данные)" if synthetic else ""))
    for col in (
        "Показатель",
        "Территория",
        "Числитель",
        "Знаменатель",
        "Значение",
        "Цель",
        "Статус",
        "Данные",
    ):
        table.add_column(col, overflow="fold")
    for r in results:
        ident = r.indicator_id + (f" [{r.sub_measure}]" if r.sub_measure else "")
        value = "—" if r.value is None else f"{_num(r.value)} {r.unit}"
        target = "; ".join(t.label.split(" (")[0] for t in r.targets) or "—"
        table.add_row(
            ident,
            r.scope_name,
            _num(r.numerator, 0),
            _num(r.denominator, 0),
            value,
            target,
            STATUS_LABELS[r.status],
            SOURCE_LABELS[r.data_source],
        )
    buf = io.StringIO()
    Console(file=buf, width=160, highlight=False, soft_wrap=False).print(table)
    return buf.getvalue()


def to_json(results: list[IndicatorResult], *, synthetic: bool = False) -> str:
    """``{"synthetic": …, "results": [...]}`` with every field of every result."""
    return (
        json.dumps(
            {"synthetic": synthetic, "results": [r.to_dict() for r in results]}, ensure_ascii=False, indent=2
        )
        + "\n"
    )


def to_csv(results: list[IndicatorResult], *, synthetic: bool = False) -> str:
    """One row per result; targets joined with «; »; text neutralised for spreadsheets, numbers as numbers."""
    from efs.neutral import csv_writer

    buf = io.StringIO()
    writer = csv_writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in results:
        row = r.to_dict()
        row["targets"] = "; ".join(t.label for t in r.targets)
        row["targets_not_checked"] = "; ".join(f"{t.label}: {t.reason}" for t in r.skipped_targets) or (
            r.target_note or "" if not r.targets else ""
        )
        writer.writerow(["" if row[c] is None else row[c] for c in CSV_COLUMNS])
    return buf.getvalue()


FORMATS: dict[str, Callable[..., str]] = {"table": to_table, "json": to_json, "csv": to_csv}
