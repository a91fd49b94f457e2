"""The справка as an XLSX workbook: one sheet per section, human columns first, ready to print.

Every sheet: a title, the synthetic-data mark (row 2 and the printed header), a preface, then a table
whose header row (row 4) is frozen, filtered and repeated on every printed page. The columns a reader
needs come first, with Russian titles; ids other systems join on come last, marked «(id)». Numbers are
numbers with number formats (values rounded to the tenth, as the справка shows them; the JSON keeps
them exact), dates are dates, yes/no is «да»/«нет» (never TRUE/FALSE). Pages are A4, fitted to the
page width, landscape where the table is wide.

Text cells go through :func:`efs.neutral.xlsx_cell`, the one neutralising writer: a name such as
``=HYPERLINK(…)`` stays text, now and after the cell is edited.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from efs.neutral import xlsx_cell
from efs.report.text import LEVEL_LABELS, SECTION_TITLES, SYNTHETIC_NOTE, clean, date_ru

_WIDE = 60
#: Number formats: counts with digit groups, values to the tenth.
COUNT, VALUE, DATE = "#,##0", "#,##0.0", "DD.MM.YYYY"


class Col:
    """A column: its title, width, number format, whether its text wraps and whether it is printed."""

    def __init__(self, title: str, width: int = 0, fmt: str | None = None, wrap: bool = False,
                 printed: bool = True) -> None:
        self.title, self.width, self.fmt, self.wrap, self.printed = title, width, fmt, wrap, printed


def _yes(value: Any) -> str | None:
    return None if value is None else "да" if value else "нет"


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 1)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def _put(ws: Any, row: int, col: int, value: Any) -> Any:
    if isinstance(value, bool):
        value = _yes(value)
    if isinstance(value, str):
        return xlsx_cell(ws, row, col, clean(value))  # the one neutralising writer: never a formula
    cell = xlsx_cell(ws, row, col, value)
    if isinstance(value, dt.date):
        cell.number_format = DATE
    return cell


def _sheet(wb: Any, sid: str, report: dict[str, Any], cols: list[Col], rows: list[list[Any]],
           preface: str = "") -> Any:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    ws = wb.create_sheet(SECTION_TITLES[sid][:31])
    j = report["jurisdiction"]
    _put(ws, 1, 1, f"{SECTION_TITLES[sid]} — {j['name']}, {report['year']} год (на {date_ru(report['as_of'])})"
         ).font = Font(bold=True, size=13)
    if report["synthetic"]:
        _put(ws, 2, 1, SYNTHETIC_NOTE).font = Font(bold=True, color="B71C1C")
        ws.oddHeader.center.text = "СИНТЕТИЧЕСКИЕ ДАННЫЕ"
    if preface:
        _put(ws, 3, 1, preface)
    first = 4
    fill = PatternFill("solid", fgColor="E3EAF3")
    for c, col in enumerate(cols, 1):
        cell = _put(ws, first, c, col.title)
        cell.font, cell.fill = Font(bold=True), fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for r, values in enumerate(rows, first + 1):
        lines = 1
        for c, (col, value) in enumerate(zip(cols, values, strict=True), 1):
            cell = _put(ws, r, c, value)
            if col.fmt and isinstance(value, int | float) and not isinstance(value, bool):
                cell.number_format = col.fmt
            cell.alignment = wrap if col.wrap else top
            if col.wrap and col.printed and isinstance(value, str) and col.width:
                lines = max(lines, -(-len(value) // max(1, int(col.width * 1.15))))
        # Spreadsheets do not all grow a row to its wrapped text when they open a file: say how tall it is.
        ws.row_dimensions[r].height = 15 * min(lines, 12)
    last_col = get_column_letter(max(len(cols), 1))
    ws.freeze_panes = f"A{first + 1}"
    ws.auto_filter.ref = f"A{first}:{last_col}{first + max(len(rows), 1)}"
    total = 0
    printed = 0
    for c, col in enumerate(cols, 1):
        width = col.width or min(_WIDE, max(10, len(col.title) + 2))
        ws.column_dimensions[get_column_letter(c)].width = width
        if col.printed:
            total += width
            printed = c
    ws.row_dimensions[first].height = 15 * max(1, max(-(-len(c.title) // max(1, c.width or 10)) for c in cols))
    ws.sheet_view.zoomScale = 90
    # Printing: A4, one page wide (as many long as needed), landscape for wide tables, header row repeated.
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if total > 100 else "portrait"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{first}:{first}"
    # The columns for other systems (ids, long notes) stay in the sheet but off the printed page.
    ws.print_area = f"A1:{get_column_letter(printed)}{first + max(len(rows), 1)}"
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.right.text = "&P / &N"
    return ws


def _levels(values: list[str]) -> str:
    return ", ".join(LEVEL_LABELS.get(v, v) for v in values)


def write_xlsx(report: dict[str, Any], path: Path) -> None:
    """Write the workbook to ``path`` (atomically: a temporary file renamed into place)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    s = report["summary"]
    _sheet(wb, "summary", report,
           [Col("Показатель", 24), Col("Наименование", 70, wrap=True), Col("Значение", 11, VALUE),
            Col("Единица", 9), Col("Цель", 24, wrap=True), Col("Вердикт", 16), Col("Основание вердикта", 45, wrap=True),
            Col("Показатель (id)", 18, printed=False), Col("Часть (id)", 10, printed=False)],
           [[b["label"], b["text"], _round(b["value"]), b["unit"], b["target"]["text"] if b["target"] else None,
             b["status_label"], b["verdict_note"], b["id"], b["sub_measure"]] for b in s["verdicts"]],
           preface="; ".join(t["label"] for t in s["tiles"]) + ". " + " ".join(s["notes"]))
    rec = report["recommendations"]
    actions = set(rec.get("actions", []))
    _sheet(wb, "recommendations", report,
           [Col("№", 5), Col("Что сделать", 60, wrap=True), Col("Кому", 40, wrap=True), Col("Срок", 12),
            Col("Почему", 60, wrap=True), Col("Раздел", 22), Col("Главное действие", 12),
            Col("Вид (id)", 12, printed=False)],
           [[n, r["what"], "; ".join(w["name"] for w in r["who"]), _date(r["deadline"]), r["why"],
             SECTION_TITLES[r["section"]], _yes(r["id"] in actions), r["kind"]]
            for n, r in enumerate(rec["items"], 1)],
           preface="Первые строки — главные действия итогов; сроки предложены по правилу: показатель — к концу "
           "следующего года, остальное — к концу следующего квартала.")
    sec = report["indicators"]
    years = sec["history_years"]
    scope = "муниципалитет" if sec["drilldown_scope"] == "municipality" else "организация"
    rows = []
    for i in sec["items"]:
        hist = {h["year"]: h["value"] for h in i["history"]}
        targets = "; ".join(t["label"] for t in i["targets"])
        rows.append([i["label"], "юрисдикция", report["jurisdiction"]["name"], i["numerator"], i["denominator"],
                     _round(i["value"]), i["unit"], i["status_label"], *[_round(hist.get(y)) for y in years],
                     i["text"], i["verdict_note"], targets, _yes(i["federal"]), i["id"], i["sub_measure"]])
        for d in i["drilldown"]:
            rows.append([i["label"], scope, d["scope_name"], d["numerator"], d["denominator"], _round(d["value"]),
                         i["unit"], d["status_label"], *[None for _ in years], i["text"], None, None,
                         _yes(i["federal"]), i["id"], i["sub_measure"]])
    _sheet(wb, "indicators", report,
           [Col("Показатель", 22, wrap=True), Col("Территория (уровень)", 13), Col("Территория", 34, wrap=True),
            Col("Числитель", 10, COUNT), Col("Знаменатель", 11, COUNT), Col("Значение", 9, VALUE), Col("Единица", 7),
            Col("Вердикт", 14, wrap=True), *[Col(f"Значение {y}", 9, VALUE) for y in years],
            Col("Наименование", 50, wrap=True, printed=False), Col("Основание вердикта", 35, wrap=True, printed=False),
            Col("Цели", 40, wrap=True, printed=False), Col("Федеральный", 11, printed=False),
            Col("Показатель (id)", 18, printed=False), Col("Часть (id)", 10, printed=False)],
           rows, preface=f"{sec['data_note']} Результаты со знаменателем меньше {report['min_denominator']} скрыты.")
    _sheet(wb, "findings", report,
           [Col("Уровень", 14), Col("Правило", 40, wrap=True), Col("Замечание", 70, wrap=True),
            Col("Где в Положении", 30, wrap=True), Col("Подавлено", 10), Col("Причина подавления", 30, wrap=True),
            Col("Строка конфигурации", 10, COUNT, printed=False), Col("Код (id)", 9, printed=False),
            Col("Путь в конфигурации (id)", 24, printed=False)],
           [[f["severity_label"], f["rule_title"], f["text"], f["where"], _yes(f["suppressed"]),
             f["suppression_reason"], f["line"], f["code"], f["path"]] for f in report["findings"]["items"]])
    rm = report["roadmap"]
    names = _labels(report)
    _sheet(wb, "roadmap", report,
           [Col("№", 8), Col("Мероприятие", 60, wrap=True), Col("Ответственные", 35, wrap=True),
            Col("Срок (как в документе)", 24, wrap=True), Col("Крайний срок", 12), Col("Состояние", 16),
            Col("Отметка", 14), Col("Дата отметки", 12), Col("Подтверждение", 30, wrap=True),
            Col("Показатели", 30, wrap=True), Col("Источник", 30, wrap=True),
            Col("Мероприятие (id)", 18, printed=False)],
           [[m["number"], m["text"], "; ".join(p["name"] for p in m["responsible"]), m["deadline"],
             _date(m["due_date"]), m["status_label"], m["store_status_label"], _date(m["store_as_of"]), m["evidence"],
             ", ".join(names.get(i, i) for i in m["indicators"]), m["source"], m["id"]]
            for m in rm["items"]])
    st = report["structure"]
    node_names = {n["id"]: n["label"] for n in st["nodes"]}
    _sheet(wb, "structure", report,
           [Col("Уровень", 16), Col("Субъект", 50, wrap=True), Col("Кратко", 24, wrap=True),
            Col("Вид", 30, wrap=True), Col("Орган вне системы", 10), Col("Координирует", 12),
            Col("Связи", 50, wrap=True), Col("Субъект (id)", 18, printed=False)],
           [[LEVEL_LABELS.get(n["level"], n["level"]), n["name"], n["label"], n["kind_name"], _yes(n["actor"]),
             _yes(n["coordinator"]),
             "; ".join(f"{lk['label']} → {node_names.get(lk['to'], lk['to'])}"
                       for lk in st["links"] if lk["from"] == n["id"]), n["id"]]
            for n in st["nodes"]])
    cov = report["coverage"]
    subjects = cov["subjects"]
    _sheet(wb, "coverage", report,
           [Col("Функция", 45, wrap=True), Col("Обязательна на уровнях", 22, wrap=True),
            Col("Не покрыта на уровнях", 22, wrap=True), *[Col(x["name"], 8, COUNT) for x in subjects],
            Col("Функция (id)", 18, printed=False)],
           [[r["name"], _levels(r["required_at"]), _levels(r["uncovered_at"]),
             *[r["cells"].get(x["id"]) for x in subjects], r["id"]] for r in cov["functions"]],
           preface="Число — сколько пунктов Положения закрепляют функцию за субъектом.")
    from efs.safeio import atomic_path

    with atomic_path(path) as tmp:
        wb.save(tmp)


def _labels(report: dict[str, Any]) -> dict[str, str]:
    return {i["id"]: i["label"] for i in report["indicators"]["items"]}
