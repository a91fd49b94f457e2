"""Indicator results as a table, JSON or CSV (used by ``efs indicators``).

The table and the CSV are read by people: indicators are named as the documents name them («показатель
№ 3», «федеральный показатель № 1», or the indicator's own words when it has no number; the labels come
from :class:`efs.report.names.Namer`, as in the справка), numbers are written in Russian (decimal comma,
:func:`efs.report.text.num`), statuses, territories and sources in words. The CSV is the one
``efs data export`` writes for Excel in Russia: UTF-8 with BOM, ``;`` between cells, Russian headers,
decimal comma, ``да``/``нет`` (:func:`efs.data.export.format_cell`). The JSON is for programs: ids and
plain numbers (``null`` where there is no value), every field of every result.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from efs.indicators.results import SOURCE_LABELS, STATUS_LABELS, IndicatorResult, SkippedTarget, TargetCheck

if TYPE_CHECKING:
    from efs.indicators.overlap import SetAside

#: The territory of a result, in words.
SCOPE_LABELS = {"jurisdiction": "юрисдикция", "municipality": "муниципалитет", "organization": "организация"}

#: How :attr:`IndicatorResult.indicator_text` names a sub-measure after the indicator's own words.
_PART = " — в том числе "

#: The CSV's headers, in order (the cells: :func:`csv_row`).
CSV_COLUMNS: tuple[str, ...] = (
    "Показатель",
    "Формулировка",
    "Федеральный",
    "Территория",
    "Название территории",
    "Год",
    "Числитель",
    "Знаменатель",
    "Значение",
    "Единица",
    "Статус",
    "Цели",
    "Цели не проверены",
    "Данные",
    "Код показателя",
    "Код части показателя",
    "Код территории",
)


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def indicator_label(r: IndicatorResult, labels: Mapping[str, str] | None = None) -> str:
    """«показатель № 3», «федеральный показатель № 1 — в том числе …»; without a label the indicator's words.

    ``labels`` maps indicator ids to their names (:attr:`efs.report.names.Namer.indicators`).
    """
    own, _, part = r.indicator_text.partition(_PART)
    head = (labels or {}).get(r.indicator_id) or f"показатель «{_short(own)}»"
    return head + (f"{_PART}{part}" if r.sub_measure and part else "")


def target_text(t: TargetCheck | SkippedTarget) -> str:
    """A target as the справка writes it: «ежегодно не менее 10% — педагогические работники (ежегодно,
    2023–2024 гг., дорожная карта, п. 2.3.1)» — its words, period, document and section, no file names."""
    from efs.report.names import Namer
    from efs.report.text import ORIGIN_DOCUMENTS

    target = t.target
    text = target.as_written + (f" — {target.sub_measure}" if target.sub_measure else "")
    place = ", ".join(p for p in (target.period_text(), ORIGIN_DOCUMENTS.get(t.origin, ""),
                                  Namer.section(target.source)) if p)
    return f"{text} ({place})" if place else text


def to_table(
    results: list[IndicatorResult], *, synthetic: bool = False, labels: Mapping[str, str] | None = None
) -> str:
    """A rich table rendered to text (plain on a pipe): the documents' names and words, Russian numbers."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from efs.report.text import num, with_unit

    years = sorted({r.year for r in results})
    title = "Показатели эффективности" + (f" за {years[0]} год" if len(years) == 1 else "")
    table = Table(title=title + (" (синтетические данные)" if synthetic else ""))
    for col in ("Показатель", "Территория", "Числитель", "Знаменатель", "Значение", "Цель", "Статус", "Данные"):
        table.add_column(col, overflow="fold")
    for r in results:
        own = r.indicator_text.partition(_PART)[0]
        name = indicator_label(r, labels)
        if labels and r.indicator_id in labels:  # a number alone says little: the document's words follow
            head = labels[r.indicator_id]
            name = f"{head}: {_short(own, 70)}" + name[len(head):]
        name = name.replace("№ ", "№\u00a0")  # «№ 1» never split across lines
        target = "; ".join(t.label.split(" (")[0] for t in r.targets) or "—"
        table.add_row(
            *(escape(cell) for cell in (
                name,
                r.scope_name,
                num(r.numerator),
                num(r.denominator),
                with_unit(r.value, r.unit),
                target,
                STATUS_LABELS[r.status],
                SOURCE_LABELS[r.data_source],
            ))
        )
    buf = io.StringIO()
    Console(file=buf, width=160, highlight=False, soft_wrap=False).print(table)
    return buf.getvalue()


def to_json(
    results: list[IndicatorResult],
    *,
    synthetic: bool = False,
    labels: Mapping[str, str] | None = None,
    set_aside: Sequence[SetAside] = (),
) -> str:
    """:func:`document` as JSON text."""
    doc = document(results, synthetic=synthetic, labels=labels, set_aside=set_aside)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def document(
    results: list[IndicatorResult],
    *,
    synthetic: bool = False,
    labels: Mapping[str, str] | None = None,
    set_aside: Sequence[SetAside] = (),
) -> dict[str, object]:
    """``{"synthetic": …, "results": [...], "set_aside": [...]}``: every field of every result, and its ``label``
    in words; the aggregate returns the computation did not use, with the reason, without their numbers
    (:meth:`efs.indicators.overlap.SetAside.published`)."""
    return {
        "synthetic": synthetic,
        "results": [{**r.to_dict(), "label": indicator_label(r, labels)} for r in results],
        "set_aside": [s.published() for s in set_aside],
    }


def csv_row(r: IndicatorResult, labels: Mapping[str, str] | None = None) -> list[object]:
    """One result as the CSV's cells (:data:`CSV_COLUMNS`), before formatting."""
    not_checked = "; ".join(f"{target_text(t)}: {t.reason}" for t in r.skipped_targets) or (
        r.target_note or "" if not r.targets else ""
    )
    return [
        indicator_label(r, labels),
        r.indicator_text,
        r.federal,
        SCOPE_LABELS.get(r.scope, r.scope),
        r.scope_name,
        r.year,
        r.numerator,
        r.denominator,
        r.value,
        r.unit,
        STATUS_LABELS[r.status],
        "; ".join(target_text(t) for t in r.targets),
        not_checked,
        SOURCE_LABELS[r.data_source],
        r.indicator_id,
        r.sub_measure,
        r.scope_id,
    ]


def to_csv(
    results: list[IndicatorResult], *, synthetic: bool = False, labels: Mapping[str, str] | None = None
) -> str:
    """CSV for Excel in Russia, as ``efs data export`` writes it: BOM, ``;``, Russian headers, decimal comma.

    Text is neutralised for spreadsheets (:mod:`efs.neutral`); numbers stay numbers; a cell without a
    value is empty. The header is the first line (``efs indicators`` says on stderr that data is synthetic).
    """
    from efs.data.export import format_cell
    from efs.neutral import csv_writer

    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv_writer(buf, delimiter=";", lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in results:
        writer.writerow([format_cell(v) for v in csv_row(r, labels)])
    return buf.getvalue()


FORMATS: dict[str, Callable[..., str]] = {"table": to_table, "json": to_json, "csv": to_csv}
