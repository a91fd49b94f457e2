"""The report as an XLSX workbook: one sheet per section, for people first and other systems second.

Each sheet reads left to right as a person would: what it is about (the document's number and text,
names, statuses in Russian), then the numbers, and only at the end the codes other systems join on
(«Код …» columns, grey). Numbers are numbers, rounded as the report shows them and formatted (groups of
thousands, one decimal; Excel shows the decimal comma of a Russian locale); dates are dates; a yes/no
is «да»/«нет», never TRUE/FALSE. Every sheet is set up for print: A4, the width fitted to one page
(landscape where the columns need it), the column headings repeated on every page, page numbers below.

Every cell goes through the one neutralising writer, :func:`efs.neutral.xlsx_cell`: a name such as
``=HYPERLINK(…)`` is a string cell with Excel's quote prefix, so no spreadsheet evaluates it, now or after
the cell is edited. The file is written to a temporary file and renamed (:func:`efs.safeio.atomic_path`).
A synthetic report carries «СИНТЕТИЧЕСКИЕ ДАННЫЕ» in the second row and the printed header of every sheet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from efs.neutral import XLSX_CELL_MAX, xlsx_cell
from efs.report.text import LEVEL_LABELS, SECTION_TITLES, SECTIONS, STATUS_LABELS, SYNTHETIC_NOTE, clean, rounded

#: Width (in Excel's character units) of an A4 page at 100 %, margins taken off: beyond it, landscape.
_PORTRAIT_WIDTH = 95
_HEADER_ROW = 4
#: Height in points of one line of 11-point text.
_LINE_HEIGHT = 14.4

FEDERAL_LABELS = {True: "федеральный", False: "положения"}
RECOMMENDATION_KINDS = {
    "indicator": "показатель не достигнут",
    "function": "функция не закреплена",
    "roadmap": "мероприятие просрочено",
    "data": "нет данных мониторинга",
    "regulation": "замечания к Положению",
}


def yes_no(value: bool | None) -> str:
    """``да`` / ``нет`` / empty: a spreadsheet for people never shows TRUE/FALSE."""
    return "" if value is None else "да" if value else "нет"


def _decimals(value: float) -> int:
    text = repr(float(value))
    return 0 if float(value).is_integer() else len(text.split(".")[1]) if "e" not in text else 3


@dataclass(frozen=True)
class Column:
    """A column: its title, width (character units) and kind.

    Kinds: ``text`` (wrapped), ``number`` (rounded, one decimal or more for small values), ``int`` (groups of
    thousands), ``line`` (a line number, no grouping), ``date``, ``code`` (an identifier for other systems, grey).
    """

    title: str
    width: int = 14
    kind: str = "text"


def _put(ws: Any, row: int, col: int, value: Any, kind: str = "text") -> Any:
    from openpyxl.styles import Alignment, Font

    if isinstance(value, bool):
        value = yes_no(value)
    if isinstance(value, str):
        text = clean(value)
        if len(text) > XLSX_CELL_MAX:  # cut with a mark saying so, never silently
            mark = f"… [обрезано; полностью — в JSON-отчёте, всего {len(text)} симв.]"
            text = text[: XLSX_CELL_MAX - len(mark)] + mark
        cell = xlsx_cell(ws, row, col, text)  # the one neutralising writer: never a formula
    elif isinstance(value, dt.date):
        cell = xlsx_cell(ws, row, col, value)
        cell.number_format = "DD.MM.YYYY"
    elif isinstance(value, int | float):
        shown = rounded(value)
        cell = xlsx_cell(ws, row, col, shown)
        digits = _decimals(shown) if shown is not None else 0
        if kind == "line":
            cell.number_format = "0"
        else:
            cell.number_format = "#,##0" if kind == "int" or digits == 0 else "#,##0." + "0" * max(1, digits)
    else:
        cell = xlsx_cell(ws, row, col, value)
    if kind == "code":
        cell.font = Font(color="808080", size=9)
        cell.alignment = Alignment(vertical="top")
    elif kind == "text":
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    else:
        cell.alignment = Alignment(vertical="top")
    return cell


def _sheet(wb: Any, sid: str, report: dict[str, Any], columns: list[Column], rows: list[list[Any]],
           preface: str = "", landscape: bool | None = None, details: set[int] | None = None) -> Any:
    """One section's sheet; rows whose index is in ``details`` are grouped (collapsible) under the row above."""
    title = SECTION_TITLES[sid]
    j = report["jurisdiction"]
    heading = f"{title} — {j['name']}, {report['year']} год (на {_date_ru(report['as_of'])})"
    return table_sheet(wb, sheet_name(sid), heading, columns, rows, synthetic=report["synthetic"], preface=preface,
                       landscape=landscape, details=details)


#: Sheet names of sections whose title is longer than Excel's 31 characters.
SHEET_NAMES = {"set_aside": "Сводные отчёты вне расчёта"}


def sheet_name(sid: str) -> str:
    """The XLSX sheet of a section: its title, or a short name when the title does not fit in 31 characters."""
    return SHEET_NAMES.get(sid, SECTION_TITLES[sid])[:31]


def table_sheet(wb: Any, title: str, heading: str, columns: list[Column], rows: list[list[Any]], *,
                synthetic: bool = False, preface: str = "", landscape: bool | None = None,
                details: set[int] | None = None) -> Any:
    """A sheet of the report's kind: heading, optional synthetic mark and preface, a table of typed columns.

    Cells go through the one neutralising writer, the sheet is set up for print (A4, one page wide,
    headings on every page). Rows whose index is in ``details`` are grouped under the row above. Used by
    the report, ``efs diff`` and ``efs passport``.
    """
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title[:31])
    _put(ws, 1, 1, heading).font = Font(bold=True, size=13)
    ws.cell(1, 1).alignment = Alignment(vertical="top")
    if synthetic:
        _put(ws, 2, 1, SYNTHETIC_NOTE).font = Font(bold=True, color="B71C1C")
        ws.cell(2, 1).alignment = Alignment(vertical="top")
        ws.oddHeader.center.text = "СИНТЕТИЧЕСКИЕ ДАННЫЕ"
    if preface:
        _put(ws, 3, 1, preface).alignment = Alignment(vertical="top")
    fill = PatternFill("solid", fgColor="E3EAF3")
    for c, column in enumerate(columns, 1):
        cell = _put(ws, _HEADER_ROW, c, column.title)
        cell.font, cell.fill = Font(bold=True, color="808080" if column.kind == "code" else "000000"), fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(c)].width = column.width
    ws.row_dimensions[_HEADER_ROW].height = _height([c.title for c in columns], columns, bold=True)
    for r, values in enumerate(rows, _HEADER_ROW + 1):
        detail = details is not None and r - _HEADER_ROW - 1 in details
        head = details is not None and not detail
        for c, (value, column) in enumerate(zip(values, columns, strict=True), 1):
            cell = _put(ws, r, c, value, column.kind)
            if head and column.kind != "code":
                cell.font = Font(bold=True)
        ws.row_dimensions[r].height = _height(values, columns, bold=head)
        if detail:
            ws.row_dimensions[r].outlineLevel = 1
    if details is not None:
        ws.sheet_properties.outlinePr.summaryBelow = False
    last_col = get_column_letter(max(len(columns), 1))
    total = sum(c.width for c in columns)
    for r in (1, 2, 3):  # title, synthetic mark, preface: wrapped across the table's width, not beyond it
        value = ws.cell(r, 1).value
        if value and len(columns) > 1:
            ws.merge_cells(f"A{r}:{last_col}{r}")
            ws.cell(r, 1).alignment = Alignment(wrap_text=True, vertical="top")
            height = _height([str(value)], [Column("", total)], bold=r == 1)
            ws.row_dimensions[r].height = height * (1.3 if r == 1 else 1)
    ws.print_area = f"A1:{last_col}{_HEADER_ROW + max(len(rows), 1)}"
    ws.freeze_panes = f"A{_HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{_HEADER_ROW}:{last_col}{_HEADER_ROW + max(len(rows), 1)}"
    ws.sheet_view.zoomScale = 90
    _print_setup(ws, columns, landscape)
    return ws


def _lines(text: str, width: int, bold: bool) -> int:
    import textwrap

    per_line = max(1, int((width - 1) * (0.95 if bold else 1.05)))
    return sum(len(textwrap.wrap(part, per_line, break_on_hyphens=False)) or 1 for part in text.split("\n"))


def _height(values: list[Any], columns: list[Column], bold: bool = False) -> float:
    """Row height (points) that shows every line of wrapped text: neither Excel nor LibreOffice fits rows
    of a file they open, so the height is set here from the text and the column width."""
    lines = max([_lines(clean(v), c.width, bold) for v, c in zip(values, columns, strict=True)
                 if isinstance(v, str) and c.kind == "text"] or [1])
    return round(max(1, min(lines, 30)) * _LINE_HEIGHT + 3, 1)


def _print_setup(ws: Any, columns: list[Column], landscape: bool | None) -> None:
    """A4, one page wide (landscape when the columns are wider than a portrait page), headings on every page."""
    from openpyxl.worksheet.properties import PageSetupProperties

    width = sum(c.width for c in columns)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    wide = width > _PORTRAIT_WIDTH if landscape is None else landscape
    ws.page_setup.orientation = "landscape" if wide else "portrait"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "&A — стр. &P из &N"


def _levels(values: list[str]) -> str:
    return ", ".join(LEVEL_LABELS.get(v, v) for v in values)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def _date_ru(text: str) -> str:
    return dt.date.fromisoformat(text[:10]).strftime("%d.%m.%Y")


def _number(item: dict[str, Any]) -> str:
    """The indicator's number as the document writes it; federal ones say so."""
    number = item.get("number") or ""
    return f"фед. {number}".strip() if item.get("federal") else str(number)


def _indicator_labels(report: dict[str, Any]) -> dict[str, str]:
    """Indicator id → «3» / «фед. 1», to show links by the document's numbers instead of codes."""
    out: dict[str, str] = {}
    for i in report["indicators"]["items"]:
        out.setdefault(i["id"], _number(i) or i["id"])
    return out


def xlsx_bytes(report: dict[str, Any]) -> bytes:
    """The workbook as the bytes of an ``.xlsx`` file (for a download)."""
    import io

    buf = io.BytesIO()
    workbook(report).save(buf)
    return buf.getvalue()


def workbook(report: dict[str, Any]) -> Any:
    """The report's workbook (an :class:`openpyxl.Workbook`), a sheet per section."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    s = report["summary"]
    code = Column("Код показателя", 16, "code")
    sub_code = Column("Код части", 10, "code")
    _sheet(wb, "summary", report,
           [Column("№", 7), Column("Показатель", 60), Column("Чей", 12), Column("Значение", 11, "number"),
            Column("Единица", 9), Column("Цель", 22), Column("Статус", 21), Column("Основание вердикта", 42), code,
            sub_code],
           [[_number(b), b["text"], FEDERAL_LABELS[bool(b["federal"])], b["value"], b["unit"],
             b["target"]["text"] if b["target"] else None, STATUS_LABELS.get(b["status"], b["status"]),
             b["verdict_note"], b["id"], b["sub_measure"]] for b in s["verdicts"]],
           preface="; ".join(t["label"] for t in s["tiles"]) + ". " + " ".join(s["notes"]))
    st = report["structure"]
    names = {n["id"]: n["label"] for n in st["nodes"]}
    _sheet(wb, "structure", report,
           [Column("Уровень", 14), Column("Субъект", 50), Column("Кратко", 20), Column("Вид", 30),
            Column("Вид из плагина", 12), Column("Вне системы", 9), Column("Координирует", 12), Column("Связи", 50),
            Column("Код субъекта", 16, "code")],
           [[LEVEL_LABELS.get(n["level"], n["level"]), n["name"], n["label"], n["kind_name"], n["plugin_kind"],
             yes_no(n["actor"]), yes_no(n["coordinator"]),
             "; ".join(f"{lk['label']} → {names.get(lk['to'], lk['to'])}"
                       for lk in st["links"] if lk["from"] == n["id"]),
             n["id"]]
            for n in st["nodes"]])
    cov = report["coverage"]
    subjects = cov["subjects"]
    ws = _sheet(wb, "coverage", report,
                [Column("Функция", 40), Column("Обязательна на уровнях", 16), Column("Не покрыта на уровнях", 16),
                 *[Column(x["name"], 6, "int") for x in subjects], Column("Код функции", 16, "code")],
                [[r["name"], _levels(r["required_at"]), _levels(r["uncovered_at"]),
                  *[r["cells"].get(x["id"]) for x in subjects], r["id"]] for r in cov["functions"]],
                preface="Число — сколько пунктов положения закрепляют функцию за субъектом.", landscape=True)
    from openpyxl.styles import Alignment

    for c in range(4, 4 + len(subjects)):  # subject names upright above narrow columns
        ws.cell(_HEADER_ROW, c).alignment = Alignment(text_rotation=90, vertical="bottom", wrap_text=True)
    ws.row_dimensions[_HEADER_ROW].height = 150
    order = {"error": 0, "warning": 1, "info": 2}
    findings = sorted(report["findings"]["items"], key=lambda f: (f["suppressed"], order.get(f["severity"], 3)))
    _sheet(wb, "findings", report,
           [Column("Уровень", 13), Column("Правило", 30), Column("Замечание", 70), Column("Где в Положении", 30),
            Column("Подавлено", 10), Column("Причина подавления", 25), Column("Строка конфигурации", 13, "line"),
            Column("Код правила", 10, "code"), Column("Путь в конфигурации", 16, "code")],
           [[f["severity_label"], f["rule_title"], f["text"], f["where"], yes_no(f["suppressed"]),
             f["suppression_reason"], f["line"], f["code"], f["path"]] for f in findings],
           preface="Сначала ошибки, затем предупреждения и сведения; подавленные — в конце.")
    sec = report["indicators"]
    years = sec["history_years"]
    rows: list[list[Any]] = []
    detail_rows: set[int] = set()
    for i in sec["items"]:
        hist = {h["year"]: h["value"] for h in i["history"]}
        targets = "; ".join(
            [t["label"] for t in i["targets"]]
            + [f"не проверена: {t['label']} — {t['reason']}" for t in i["targets_not_checked"]]
        )
        rows.append([_number(i), i["text"], FEDERAL_LABELS[bool(i["federal"])], "юрисдикция",
                     report["jurisdiction"]["name"], i["numerator"], i["denominator"], i["value"], i["unit"],
                     i["status_label"], i["verdict_note"], targets, *[hist.get(y) for y in years], i["id"],
                     i["sub_measure"]])
        for d in i["drilldown"]:  # the indicator's text once, on its own row above; here its number only
            detail_rows.add(len(rows))
            rows.append([_number(i), None, None,
                         "муниципалитет" if sec["drilldown_scope"] == "municipality" else "организация",
                         d["scope_name"], d["numerator"], d["denominator"], d["value"], i["unit"], d["status_label"],
                         None, None, *[None for _ in years], i["id"], i["sub_measure"]])
    _sheet(wb, "indicators", report,
           [Column("№", 7), Column("Показатель", 45), Column("Чей", 11), Column("Территория (уровень)", 15),
            Column("Территория", 32), Column("Числитель", 11, "int"), Column("Знаменатель", 13, "int"),
            Column("Значение", 10, "number"), Column("Единица", 9), Column("Статус", 21),
            Column("Основание вердикта", 28), Column("Цели", 36),
            *[Column(f"Значение {y}", 10, "number") for y in years], code, sub_code],
           rows, preface=f"{sec.get('data_note', '')} Результаты со знаменателем меньше "
           f"{report['min_denominator']} скрыты. Строки детализации сгруппированы под строкой показателя "
           "(кнопки «−»/«+» слева сворачивают их).".strip(), details=detail_rows)
    aside = report["set_aside"]
    _sheet(wb, "set_aside", report,
           [Column("Год", 7, "int"), Column("Территория (уровень)", 15), Column("Территория", 32),
            Column("Показатель", 40), Column("Часть показателя", 16), Column("Почему не использован", 60),
            Column("Код показателя", 14, "code"), Column("Код территории", 14, "code"),
            Column("Код причины", 16, "code")],
           [[x["year"], x["scope_label"], x["scope_name"], f"{x['label']}. {x['text']}", x["sub_measure"],
             x["reason_text"], x["indicator_id"], x["scope_id"], x["reason"]] for x in aside["items"]],
           preface=aside["note"])
    rm = report["roadmap"]
    rec = report["recommendations"]
    labels = _indicator_labels(report)
    fnames = {f["id"]: f["name"] for f in cov["functions"]}
    _sheet(wb, "roadmap", report,
           [Column("№", 8), Column("Мероприятие", 55), Column("Ответственные", 30),
            Column("Срок (как в документе)", 18),
            Column("Крайний срок", 11, "date"), Column("Состояние", 14), Column("Отметка", 12),
            Column("Дата отметки", 11, "date"), Column("Подтверждение", 24), Column("Показатели (№)", 12),
            Column("Функции", 30), Column("Источник", 30), Column("Код мероприятия", 14, "code")],
           [[m["number"], m["text"], "; ".join(p["name"] for p in m["responsible"]), m["deadline"],
             _date(m["due_date"]), m["status_label"], m["store_status_label"], _date(m["store_as_of"]),
             m["evidence"], ", ".join(labels.get(x, x) for x in m["indicators"]),
             "; ".join(fnames.get(x, x) for x in m["functions"]), m["source"], m["id"]]
            for m in rm["items"]])
    actions = set(rec.get("actions", []))
    _sheet(wb, "recommendations", report,
           [Column("№", 5, "int"), Column("Что сделать", 60), Column("Кому", 35), Column("Срок", 11, "date"),
            Column("Почему", 60), Column("Главное действие", 11), Column("Повод", 18), Column("Раздел справки", 16)],
           [[n, r["what"], "; ".join(w["name"] for w in r["who"]), _date(r.get("deadline")), r["why"],
             yes_no(r["id"] in actions), RECOMMENDATION_KINDS.get(r["kind"], r["kind"]),
             SECTION_TITLES.get(r["section"], r["section"])]
            for n, r in enumerate(rec["items"], 1)],
           preface="Первые — главные действия итогов. Сроки предложены по правилу: показатель — к концу следующего "
           "года, остальное — к концу следующего квартала.")
    for position, (sid, _) in enumerate(SECTIONS):  # the sheets in the order of the справка
        sheet = wb[sheet_name(sid)]
        wb.move_sheet(sheet, position - wb.index(sheet))
    return wb
