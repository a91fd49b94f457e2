"""The report as an XLSX workbook: one sheet per section, typed cells, frozen headers and filters.

Text cells are always stored as text: a name such as ``=HYPERLINK(…)`` is written as a string cell
with Excel's quote prefix, so no spreadsheet evaluates it, now or after the cell is edited.
A synthetic report carries «СИНТЕТИЧЕСКИЕ ДАННЫЕ» in the second row and the printed header of every sheet.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from efs.neutral import xlsx_cell
from efs.report.text import LEVEL_LABELS, SECTION_TITLES, SYNTHETIC_NOTE, clean, source_text

_WIDE = 60


def _put(ws: Any, row: int, col: int, value: Any) -> Any:
    if isinstance(value, str):
        return xlsx_cell(ws, row, col, clean(value))  # the one neutralising writer: never a formula
    cell = xlsx_cell(ws, row, col, value)
    if isinstance(value, dt.date):
        cell.number_format = "DD.MM.YYYY"
    return cell


def _sheet(wb: Any, sid: str, report: dict[str, Any], header: list[str], rows: list[list[Any]],
           preface: str = "", widths: dict[int, int] | None = None) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(SECTION_TITLES[sid][:31])
    j = report["jurisdiction"]
    _put(ws, 1, 1, f"{SECTION_TITLES[sid]} — {j['name']}, {report['year']} год (на {report['as_of']})").font = Font(
        bold=True, size=13)
    if report["synthetic"]:
        _put(ws, 2, 1, SYNTHETIC_NOTE).font = Font(bold=True, color="B71C1C")
        ws.oddHeader.center.text = "СИНТЕТИЧЕСКИЕ ДАННЫЕ"
    if preface:
        _put(ws, 3, 1, preface)
    first = 4
    fill = PatternFill("solid", fgColor="E3EAF3")
    for c, name in enumerate(header, 1):
        cell = _put(ws, first, c, name)
        cell.font, cell.fill = Font(bold=True), fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, values in enumerate(rows, first + 1):
        for c, value in enumerate(values, 1):
            _put(ws, r, c, value)
    last_col = get_column_letter(max(len(header), 1))
    ws.freeze_panes = f"A{first + 1}"
    ws.auto_filter.ref = f"A{first}:{last_col}{first + max(len(rows), 1)}"
    for c, name in enumerate(header, 1):
        width = (widths or {}).get(c) or min(_WIDE, max(10, len(name) + 2))
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.sheet_view.zoomScale = 90


def _levels(values: list[str]) -> str:
    return ", ".join(LEVEL_LABELS.get(v, v) for v in values)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def write_xlsx(report: dict[str, Any], path: Path) -> None:
    """Write the workbook to ``path``."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    s = report["summary"]
    ind = s["indicators"]
    _sheet(wb, "summary", report,
           ["Показатель (id)", "Часть", "№", "Показатель", "Федеральный", "Значение", "Единица", "Статус",
            "Основание вердикта"],
           [[b["id"], b["sub_measure"], b["number"], b["text"], b["federal"], b["value"], b["unit"],
             _status(b["status"]), b["verdict_note"]] for b in [*s["not_met"], *s["met"], *s["other"]]],
           preface=f"Достигнуто {ind['met']}, не достигнуто {ind['not_met']}, без цели {ind['no_target']}, "
           f"нет данных {ind['no_data']}, скрыто {ind['suppressed']}; непокрытых функций {s['uncovered_functions']}; "
           f"рекомендаций {s['recommendations']}. " + " ".join(s["notes"]),
           widths={4: 70, 9: 50})
    st = report["structure"]
    names = {n["id"]: n["label"] for n in st["nodes"]}
    _sheet(wb, "structure", report,
           ["Уровень", "Id", "Субъект", "Кратко", "Вид", "Вид плагина", "Орган вне системы", "Координирует",
            "Связи"],
           [[LEVEL_LABELS.get(n["level"], n["level"]), n["id"], n["name"], n["label"], n["kind_name"],
             n["plugin_kind"], n["actor"], n["coordinator"],
             "; ".join(f"{lk['label']} → {names.get(lk['to'], lk['to'])}"
                       for lk in st["links"] if lk["from"] == n["id"])]
            for n in st["nodes"]],
           widths={3: 60, 5: 40, 9: 60})
    cov = report["coverage"]
    subjects = cov["subjects"]
    _sheet(wb, "coverage", report,
           ["Функция (id)", "Функция", "Обязательна на уровнях", "Не покрыта на уровнях",
            *[x["name"] for x in subjects]],
           [[r["id"], r["name"], _levels(r["required_at"]), _levels(r["uncovered_at"]),
             *[r["cells"].get(x["id"]) for x in subjects]] for r in cov["functions"]],
           preface="Число — сколько пунктов положения закрепляют функцию за субъектом.",
           widths={2: 45})
    _sheet(wb, "findings", report,
           ["Код", "Правило", "Уровень", "Находка", "Файл", "Строка", "Столбец", "Путь", "Источник в документе",
            "Подавлена", "Причина подавления"],
           [[f["code"], f["slug"], f["severity_label"], f["message"], f["file"], f["line"], f["column"], f["path"],
             source_text(f["source"]), f["suppressed"], f["suppression_reason"]] for f in report["findings"]["items"]],
           widths={4: 80, 9: 40, 11: 40})
    sec = report["indicators"]
    years = sec["history_years"]
    rows = []
    for i in sec["items"]:
        hist = {h["year"]: h["value"] for h in i["history"]}
        targets = "; ".join(f"{t['origin_label']}: {t['label']}" for t in i["targets"])
        rows.append([i["id"], i["sub_measure"], i["number"], i["text"], i["federal"], "юрисдикция",
                     report["jurisdiction"]["name"], i["numerator"], i["denominator"], i["value"], i["unit"],
                     i["status_label"], i["verdict_note"], targets, *[hist.get(y) for y in years]])
        for d in i["drilldown"]:
            rows.append([i["id"], i["sub_measure"], i["number"], i["text"], i["federal"],
                         "муниципалитет" if sec["drilldown_scope"] == "municipality" else "организация",
                         d["scope_name"], d["numerator"], d["denominator"], d["value"], i["unit"], d["status_label"],
                         None, None, *[None for _ in years]])
    _sheet(wb, "indicators", report,
           ["Показатель (id)", "Часть", "№", "Показатель", "Федеральный", "Территория (уровень)", "Территория",
            "Числитель", "Знаменатель", "Значение", "Единица", "Статус", "Основание вердикта", "Цели",
            *[f"Значение {y}" for y in years]],
           rows, preface=f"Результаты со знаменателем меньше {report['min_denominator']} скрыты.",
           widths={4: 60, 7: 30, 13: 40, 14: 60})
    rm = report["roadmap"]
    _sheet(wb, "roadmap", report,
           ["Id", "№", "Мероприятие", "Ответственные", "Срок (как в документе)", "Крайний срок", "Состояние",
            "Отметка", "Дата отметки", "Подтверждение", "Показатели", "Функции", "Источник"],
           [[m["id"], m["number"], m["text"], "; ".join(p["name"] for p in m["responsible"]), m["deadline"],
             _date(m["due_date"]), m["status_label"], m["store_status_label"], _date(m["store_as_of"]),
             m["evidence"], ", ".join(m["indicators"]), ", ".join(m["functions"]), m["source"]]
            for m in rm["items"]],
           widths={3: 70, 4: 40, 5: 30})
    rec = report["recommendations"]
    _sheet(wb, "recommendations", report,
           ["№", "Вид", "Кому", "Что", "Почему", "Раздел"],
           [[r["id"], r["kind"], "; ".join(w["name"] for w in r["who"]), r["what"], r["why"],
             SECTION_TITLES[r["section"]]] for r in rec["items"]],
           widths={3: 40, 4: 70, 5: 70})
    from efs.safeio import atomic_path

    with atomic_path(path) as tmp:
        wb.save(tmp)


def _status(status: str) -> str:
    from efs.report.text import STATUS_LABELS

    return STATUS_LABELS.get(status, status)
