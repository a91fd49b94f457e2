"""``efs data template``: empty import templates with Russian headers, types and an explanation per column.

XLSX: one book, a sheet per table (the sheet name is how the importer recognises it) and a first
sheet «Пояснения» listing every column with its type, whether it is required and what it means.
CSV: one file per table (UTF-8 with BOM, ``;``) and ``Пояснения.csv``.
"""

from __future__ import annotations

from pathlib import Path

from efs.data.tables import JURISDICTION_HEADER, TableSpec, specs
from efs.neutral import csv_writer, xlsx_cell
from efs.safeio import atomic_path, open_atomic

EXPLANATION = "Пояснения"
_EXPLANATION_HEADER = ["Лист (таблица)", "Столбец", "Тип", "Обязательный", "Пояснение"]
_INTRO = (
    "Заполните листы данными (одна строка — одна запись) и загрузите: efs data import ФАЙЛ. "
    "Столбец «Юрисдикция» можно не заполнять, если указан параметр --jurisdiction. Даты — ДД.ММ.ГГГГ, "
    "числа — с десятичной запятой, логические значения — «да»/«нет». Работники и выпускники — только "
    "псевдонимные id (efs data pseudonymize)."
)


def explanation_rows(tables: list[TableSpec]) -> list[list[str]]:
    """Rows of the explanation sheet: one per column of every table."""
    rows = []
    for spec in tables:
        rows.append(
            [
                spec.sheet,
                "",
                "",
                "",
                f"{spec.explanation}. Ключ строки: " + ", ".join(spec.column(k).header for k in spec.key),
            ]
        )
        rows.append([spec.sheet, JURISDICTION_HEADER, "текст", "нет", "Код юрисдикции (id конфигурации)."])
        for c in spec.columns:
            rows.append([spec.sheet, c.header, c.type_text, "да" if c.required else "нет", c.explanation])
    return rows


def _headers(spec: TableSpec) -> list[str]:
    return [JURISDICTION_HEADER] + [c.header for c in spec.columns]


def write_templates(out_dir: Path, *, fmt: str = "xlsx") -> list[Path]:
    """Write the templates to ``out_dir``; return the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = [s for s in specs().values() if s.name != "jurisdictions"]
    if fmt == "csv":
        written = []
        for spec in tables:
            path = out_dir / f"{spec.name}.csv"
            with open_atomic(path, "w", encoding="utf-8-sig", newline="") as fh:
                csv_writer(fh, delimiter=";").writerow(_headers(spec))
            written.append(path)
        path = out_dir / f"{EXPLANATION}.csv"
        with open_atomic(path, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv_writer(fh, delimiter=";")
            w.writerow(["", "", "", "", _INTRO])
            w.writerow(_EXPLANATION_HEADER)
            w.writerows(explanation_rows(tables))
        return [*written, path]
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    wb = Workbook()
    info = wb.active
    assert info is not None
    info.title = EXPLANATION
    xlsx_cell(info, 1, 1, _INTRO)
    for r, values in enumerate([_EXPLANATION_HEADER, *explanation_rows(tables)], 2):
        for c, value in enumerate(values, 1):
            xlsx_cell(info, r, c, value)
    for cell in info[2]:
        cell.font = Font(bold=True)
    info.column_dimensions["A"].width = 28
    info.column_dimensions["B"].width = 34
    info.column_dimensions["E"].width = 100
    for spec in tables:
        ws = wb.create_sheet(spec.sheet[:31])
        for c, header in enumerate(_headers(spec), 1):
            xlsx_cell(ws, 1, c, header)
        for i, cell in enumerate(ws[1]):
            cell.font = Font(bold=True)
            col = None if i == 0 else spec.columns[i - 1]
            text = "Код юрисдикции." if col is None else f"{col.type_text}; {col.explanation}"
            cell.comment = Comment(text, "efs")
            ws.column_dimensions[cell.column_letter].width = max(14, len(str(cell.value)) + 2)
        ws.freeze_panes = "A2"
    path = out_dir / "efs-шаблоны.xlsx"
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return [path]
