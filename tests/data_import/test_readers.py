"""Reading files as Russian users write them, and refusing files that are not what they claim."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest

from efs.data import readers
from efs.errors import DataError
from tests.data_import.conftest import write


def test_semicolon_csv_with_bom_decimal_comma_and_russian_dates(tmp_path):
    path = write(tmp_path / "a.csv", "\ufeffДата;Число\n31.12.2024;12,5\n", "utf-8")
    sheet = readers.open_sheets(path)[0]
    assert sheet.header == ["Дата", "Число"]
    rows = list(sheet.rows)
    assert rows == [(2, ["31.12.2024", "12,5"])]
    assert readers.parse_date(rows[0][1][0]) == dt.date(2024, 12, 31)
    assert readers.parse_float(rows[0][1][1]) == 12.5


def test_comma_csv_with_quoted_commas(tmp_path):
    path = write(tmp_path / "a.csv", 'Код,Название\no1,"Школа, № 1"\n')
    sheet = readers.open_sheets(path)[0]
    assert list(sheet.rows) == [(2, ["o1", "Школа, № 1"])]


def test_cp1251_is_refused_with_a_message_naming_the_option_and_read_with_it(tmp_path):
    path = write(tmp_path / "a.csv", "Код;Название\no1;Школа\n", "cp1251")
    with pytest.raises(DataError, match="--encoding cp1251"):
        readers.open_sheets(path)
    sheet = readers.open_sheets(path, encoding="cp1251")[0]
    assert list(sheet.rows) == [(2, ["o1", "Школа"])]


def test_csv_cut_inside_a_character_says_the_file_is_cut_short(tmp_path):
    data = "Код;Название\no1;Школа\n".encode()[:-4]  # ends in the middle of «а»
    path = tmp_path / "a.csv"
    path.write_bytes(data)
    with pytest.raises(DataError, match="обрезан"):
        readers.open_sheets(path)


def test_csv_cut_inside_quotes_says_the_file_is_broken(tmp_path):
    path = write(tmp_path / "a.csv", 'Код;Название\no1;"Школа\n')
    sheet = readers.open_sheets(path)[0]
    with pytest.raises(DataError, match="обрывается"):
        list(sheet.rows)


def test_renamed_pdf_is_named_as_a_pdf(tmp_path):
    path = tmp_path / "staff.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    with pytest.raises(DataError, match="PDF"):
        readers.open_sheets(path)


def test_xlsx_zip_bomb_is_refused_before_opening(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    with pytest.raises(DataError, match="zip-бомб"):
        readers.open_sheets(path)


def test_xlsx_total_size_limit_is_enforced(tmp_path):
    path = tmp_path / "big.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"x" * 4096)
    with pytest.raises(DataError, match="zip-бомб"):
        readers.check_zip(path, max_total=1024)


def test_xlsx_cut_short_is_reported_as_damaged(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "a.xlsx"
    wb = Workbook()
    wb.active.append(["Код", "Название"])
    wb.save(path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(DataError, match="повреждён или обрезан"):
        readers.open_sheets(path)


@pytest.mark.parametrize(("text", "value"), [("да", True), ("Нет", False), ("1", True), ("-", False)])
def test_booleans_in_russian(text, value):
    assert readers.parse_bool(text) is value


@pytest.mark.parametrize("text", ["31.02.2024", "2024/12/31", "вчера"])
def test_bad_dates_have_a_reason(text):
    with pytest.raises(ValueError, match="дат"):
        readers.parse_date(text)


def test_thousands_separators_and_percent_sign():
    assert readers.parse_float("1 234,5 %") == 1234.5
    assert readers.parse_int("1\u00a0234") == 1234
    with pytest.raises(ValueError, match="целое"):
        readers.parse_int("12,5")
