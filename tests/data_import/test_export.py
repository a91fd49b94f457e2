"""Export: CSV as Excel in Russia opens it, formulas neutralised, person rows only when asked."""

from __future__ import annotations

import pytest

from efs.data.export import export_tables, format_cell
from efs.data.importing import import_files
from efs.errors import InputError
from efs.neutral import spreadsheet_text
from tests.data_import.conftest import write


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_text_is_neutralised(text):
    assert spreadsheet_text(format_cell(text)) == "'" + text


def test_numbers_dates_and_booleans_as_russian_excel_expects():
    import datetime as dt

    assert spreadsheet_text(format_cell(-2.5)) == "-2,5"  # a number stays a number: never neutralised
    assert spreadsheet_text(format_cell(dt.date(2024, 3, 1))) == "01.03.2024"
    assert spreadsheet_text(format_cell(True)) == "да"


def test_exported_file_has_bom_semicolons_and_no_live_formula(based_store, tmp_path):
    evil = (
        "Код организации;Код муниципалитета;Название организации;Вид организации\no3;m1;\"=cmd|' /C calc'!A0\";school\n"
    )
    import_files(based_store, [write(tmp_path / "o.csv", evil)])
    out = export_tables(based_store, tmp_path / "out", tables=["organizations"])
    raw = out[0].path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Юрисдикция;Код организации;")
    assert "'=cmd" in text and ";=cmd" not in text and '"=cmd' not in text
    again = import_files(based_store, [out[0].path])  # the guard is stripped on import: same value
    assert again.total("unchanged") == 3 and again.total("updated") == 0


def test_person_rows_need_the_flag(based_store, tmp_path):
    with pytest.raises(InputError, match="--include-person-rows"):
        export_tables(based_store, tmp_path / "out", tables=["staff"])
    names = {e.table for e in export_tables(based_store, tmp_path / "out")}
    assert "staff" not in names and "organizations" in names
