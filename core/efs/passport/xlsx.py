"""The passport as an XLSX workbook: one sheet per section, its tables one under another.

Cells are written by the report's writer (:func:`efs.report.xlsx._put` over the one neutralising
:func:`efs.neutral.xlsx_cell`): numbers are numbers, rounded and formatted as the report's, a hidden
number is the text «скрыто», codes are grey. Each sheet is set up for print as the report's (A4, one page
wide, landscape when the columns need it). The file is written all or nothing (:func:`efs.safeio.atomic_path`).
"""

from __future__ import annotations

from typing import Any

from efs.passport.markdown import title as passport_title
from efs.passport.text import HIDDEN
from efs.report.text import SYNTHETIC_NOTE

#: Width of a column by kind (Excel character units); text columns take the widest of their tables.
WIDTHS = {"int": 15, "percent": 15, "number": 14, "year": 9, "code": 16}
TEXT_WIDTH = (18, 42)
#: The report's column kind for a passport column kind.
KINDS = {"int": "int", "percent": "number", "number": "number", "year": "line", "code": "code", "text": "text"}


def _widths(section: dict[str, Any]) -> list[int]:
    widths: list[int] = []
    for t in section["tables"]:
        for i, c in enumerate(t["columns"]):
            if c["kind"] == "text":
                longest = max([len(str(r["cells"][i] or "")) for r in t["rows"]] + [len(c["title"])])
                width = min(max(TEXT_WIDTH[0], longest // 3), TEXT_WIDTH[1])
            else:
                width = WIDTHS[c["kind"]]
            if i < len(widths):
                widths[i] = max(widths[i], width)
            else:
                widths.append(width)
    return widths or [TEXT_WIDTH[1]]


def _section_sheet(wb: Any, passport: dict[str, Any], section: dict[str, Any]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from efs.report.xlsx import Column, _height, _print_setup, _put

    ws = wb.create_sheet(section["title"][:31])
    widths = _widths(section)
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    wrap = Alignment(wrap_text=True, vertical="top")
    last = get_column_letter(len(widths))
    full = Column("", sum(widths))

    def line(row: int, text: str, font: Any) -> None:
        """Text across the sheet's width, wrapped (never spilling beyond the printed columns)."""
        cell = _put(ws, row, 1, text)
        cell.font, cell.alignment = font, wrap
        if len(widths) > 1:
            ws.merge_cells(f"A{row}:{last}{row}")
        ws.row_dimensions[row].height = _height([text], [full], bold=font.b)

    line(1, f"{section['title']} — {passport_title(passport)}", Font(bold=True, size=13))
    r = 2
    if passport["synthetic"]:
        line(r, SYNTHETIC_NOTE, Font(bold=True, color="B71C1C"))
        ws.oddHeader.center.text = "СИНТЕТИЧЕСКИЕ ДАННЫЕ"
        r += 1
    for text in [f"Источник: {section['from']}.", *section["notes"]]:
        line(r, text, Font())
        r += 1
    fill = PatternFill("solid", fgColor="E3EAF3")
    for t in section["tables"]:
        r += 1
        line(r, t["title"], Font(bold=True, size=12))
        r += 1
        kinds = [KINDS[c["kind"]] for c in t["columns"]]
        columns = [Column(c["title"], widths[i], kinds[i]) for i, c in enumerate(t["columns"])]
        for c, col in enumerate(t["columns"], 1):
            cell = _put(ws, r, c, col["title"])
            cell.font = Font(bold=True, color="808080" if col["kind"] == "code" else "000000")
            cell.fill, cell.alignment = fill, wrap
        ws.row_dimensions[r].height = _height([c["title"] for c in t["columns"]],
                                              [Column(c.title, c.width) for c in columns], bold=True)
        r += 1
        for row in t["rows"]:
            values = [HIDDEN if row["hidden"] and kind in ("int", "number") else value
                      for value, kind in zip(row["cells"], kinds, strict=True)]
            for c, (value, kind) in enumerate(zip(values, kinds, strict=True), 1):
                cell = _put(ws, r, c, value, kind)
                if row["total"] and kind != "code":
                    cell.font = Font(bold=True)
            ws.row_dimensions[r].height = _height(values, columns, bold=row["total"])
            r += 1
        if t["note"]:
            line(r, t["note"], Font(italic=True, color="5B6570"))
            r += 1
    ws.sheet_view.zoomScale = 90
    _print_setup(ws, [Column("", w) for w in widths], None)
    ws.print_title_rows = None
    ws.print_area = f"A1:{last}{r}"


def workbook(passport: dict[str, Any]) -> Any:
    """The passport's workbook (an :class:`openpyxl.Workbook`), a sheet per section."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for section in passport["sections"]:
        _section_sheet(wb, passport, section)
    return wb


def xlsx_bytes(passport: dict[str, Any]) -> bytes:
    """The workbook as the bytes of an ``.xlsx`` file (the registered format's rendering)."""
    import io

    buf = io.BytesIO()
    workbook(passport).save(buf)
    return buf.getvalue()
