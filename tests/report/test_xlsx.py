"""The XLSX report is for people (issue 18.5): their columns first, «да/нет», rounded formatted numbers, and
it prints — LibreOffice Calc, the oracle, puts every sheet one page wide with its headings on every page."""

from __future__ import annotations

import re

import pytest

from efs.report import write_report

from .printing import calc_to_pdf, pdf_pages

NAMES = ["amur", "megion", "turochak", "tyumen"]
HEADER_ROW = 4
#: Columns for other systems (identifiers); a person's columns all come before them.
CODE_COLUMNS = ("Код ", "Путь в конфигурации", "Имя правила")


@pytest.fixture(scope="module")
def workbooks(reports, tmp_path_factory):
    from openpyxl import load_workbook

    out = tmp_path_factory.mktemp("xlsx")
    return {name: load_workbook(write_report(reports[name], out / f"{name}.xlsx")) for name in NAMES}


def _header(ws) -> list[str]:
    return [c.value for c in ws[HEADER_ROW]]


def _rows(ws):
    return ws.iter_rows(min_row=HEADER_ROW + 1)


@pytest.mark.parametrize("name", NAMES)
def test_a_persons_columns_come_first_and_the_codes_last(name, workbooks):
    for ws in workbooks[name].worksheets:
        header = _header(ws)
        codes = [str(title).startswith(CODE_COLUMNS) for title in header]
        assert not codes[0], f"{ws.title}: первый столбец — код: {header[0]}"
        assert codes == sorted(codes), f"{ws.title}: код среди столбцов для людей: {header}"
        assert not any(re.search(r"\(id\)|^Id$", str(t)) for t in header), f"{ws.title}: {header}"


@pytest.mark.parametrize("name", NAMES)
def test_no_true_or_false_only_da_and_net(name, workbooks):
    for ws in workbooks[name].worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "b", f"{ws.title}!{cell.coordinate}: логическое значение"
                assert cell.value not in ("TRUE", "FALSE", "True", "False"), f"{ws.title}!{cell.coordinate}"
    structure = workbooks[name]["Структура системы"]
    header = _header(structure)
    for title in ("Вне системы", "Координирует"):
        col = header.index(title)
        assert {row[col].value for row in _rows(structure)} <= {"да", "нет"}, title


@pytest.mark.parametrize("name", NAMES)
def test_numbers_are_rounded_and_carry_a_number_format(name, workbooks):
    seen = 0
    for ws in workbooks[name].worksheets:
        for row in _rows(ws):
            for cell in row:
                if isinstance(cell.value, float):
                    seen += 1
                    assert cell.number_format != "General", f"{ws.title}!{cell.coordinate}"
                    if abs(cell.value) >= 1:
                        assert cell.value == round(cell.value, 1), f"{ws.title}!{cell.coordinate}: {cell.value}"
                    else:
                        digits = len(repr(cell.value).split(".")[1])
                        assert digits <= 4, f"{ws.title}!{cell.coordinate}: {cell.value}"
                elif isinstance(cell.value, int) and cell.column > 1:
                    assert cell.number_format != "General", f"{ws.title}!{cell.coordinate}"
    assert seen, "в книге нет ни одного дробного значения"


@pytest.mark.parametrize("name", NAMES)
def test_every_sheet_is_set_up_for_print(name, workbooks):
    for ws in workbooks[name].worksheets:
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
        assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}", ws.title
        assert ws.oddFooter.center.text == "&A — стр. &P из &N", ws.title
        width = sum(ws.column_dimensions[c].width for c in ws.column_dimensions)
        if width > 120:
            assert ws.page_setup.orientation == "landscape", ws.title


def test_libreoffice_prints_each_sheet_one_page_wide_with_headings_on_every_page(reports, tmp_path):
    from openpyxl import load_workbook

    path = write_report(reports["amur"], tmp_path / "amur.xlsx")
    pages = pdf_pages(calc_to_pdf(path, tmp_path / "pdf", tmp_path / "lo-profile"))
    wb = load_workbook(path)
    # Before this rework Calc printed the same workbook on 76 pages, columns spilling onto pages of their own.
    assert len(pages) <= 30, len(pages)
    printed: dict[str, int] = {}
    for n, text in enumerate(pages, 1):  # the footer names the sheet and the page: «Сводка — стр. 1 из 20»
        sheet = [ws.title for ws in wb.worksheets if f"{ws.title} — стр. {n} из {len(pages)}" in text]
        assert len(sheet) == 1, f"страница {n}: чей это лист? {sheet}\n{text[-300:]}"
        ws = wb[sheet[0]]
        printed[ws.title] = printed.get(ws.title, 0) + 1
        header = _header(ws)
        # One page wide, headings repeated: every page shows the first and the last column's heading.
        for title in (header[0], header[-1]):
            assert str(title).split()[0] in text, f"страница {n} ({ws.title}): нет заголовка «{title}»"
        assert not re.search(r"(?<![\d.])\d+[.,]\d{4,}", text), f"страница {n}: неокруглённое число"
        assert not re.search(r"\b(TRUE|FALSE|ИСТИНА|ЛОЖЬ)\b", text), f"страница {n}"
    assert set(printed) == set(wb.sheetnames)
