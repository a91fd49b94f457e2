"""Import of CSV/XLSX: every bad row reported with its place, nothing written on failure, idempotent."""

from __future__ import annotations

import pytest

from efs.cli import run
from efs.data.importing import import_files
from efs.errors import DataError
from tests.data_import.conftest import STAFF, snapshot, write


def _fails(store, files, **kw) -> DataError:
    before = snapshot(store)
    with pytest.raises(DataError) as info:
        import_files(store, files, **kw)
    assert snapshot(store) == before  # the store is unchanged
    return info.value


def test_staff_import_counts_and_reimport_changes_nothing(based_store, tmp_path):
    path = write(tmp_path / "staff.csv", STAFF)
    first = import_files(based_store, [path])
    assert (first.total("imported"), first.total("updated"), first.total("unchanged")) == (3, 0, 0)
    assert first.parts[0].table == "staff" and first.parts[0].chosen_by == "по заголовку"
    before = snapshot(based_store)
    again = import_files(based_store, [path])
    assert (again.total("imported"), again.total("updated"), again.total("unchanged")) == (0, 0, 3)
    assert snapshot(based_store) == before


def test_an_import_samples_the_tables_it_wrote_and_only_those(store, base_files, tmp_path):
    """The planner statistics (``sqlite_stat1``) cover what the import wrote, however few rows."""
    import_files(store, base_files)
    with store.engine.connect() as conn:
        first = {t for (t,) in conn.exec_driver_sql("SELECT DISTINCT tbl FROM sqlite_stat1")}
    import_files(store, [write(tmp_path / "staff.csv", STAFF)])
    with store.engine.connect() as conn:
        then = {t for (t,) in conn.exec_driver_sql("SELECT DISTINCT tbl FROM sqlite_stat1")}
    assert {"jurisdictions", "municipalities", "organizations"} <= first and "staff" not in first
    assert then - first == {"staff"}


def test_changed_rows_are_updated_in_place(based_store, tmp_path):
    import_files(based_store, [write(tmp_path / "staff.csv", STAFF)])
    changed = STAFF.replace("a3;o2;учитель;нет;1999;2023", "a3;o1;учитель;нет;1999;2023")
    result = import_files(based_store, [write(tmp_path / "staff2.csv", changed)])
    assert (result.total("imported"), result.total("updated"), result.total("unchanged")) == (0, 1, 2)


def test_wrong_types_are_all_reported_with_row_and_column(based_store, tmp_path):
    bad = STAFF.replace("1995", "тысяча").replace("2023", "20,5").replace("да;1970", "может;1970")
    err = _fails(based_store, [write(tmp_path / "staff.csv", bad)])
    where = {(p.location.line, p.location.column) for p in err.problems}
    assert where == {(2, 5), (3, 4), (4, 6)}
    assert all(p.location.file.endswith("staff.csv") for p in err.problems)
    assert "отклонено строк: 3" in err.message


def test_missing_required_columns_are_named(based_store, tmp_path):
    text = "Работник (id);Код организации;Должность\na1;o1;учитель\n"
    err = _fails(based_store, [write(tmp_path / "staff.csv", text)], table="staff")
    assert "Год рождения" in str(err) and err.problems[0].location.line == 1


def test_unknown_organization_ids_are_reported_per_row(based_store, tmp_path):
    err = _fails(based_store, [write(tmp_path / "staff.csv", STAFF.replace("a3;o2", "a3;o9"))])
    assert [p.location.line for p in err.problems] == [4]
    assert "o9" in err.problems[0].message


def test_duplicate_rows_are_reported_with_the_first_occurrence(based_store, tmp_path):
    err = _fails(based_store, [write(tmp_path / "staff.csv", STAFF + "a1;o1;учитель;нет;1995;2022\n")])
    assert [p.location.line for p in err.problems] == [5]
    assert "строка 2" in err.problems[0].message


def test_one_bad_file_rejects_the_whole_batch(store, base_files, tmp_path):
    bad = write(tmp_path / "staff.csv", STAFF.replace("1995", "x"))
    _fails(store, [*base_files, bad])


def test_cp1251_refused_then_imported_with_encoding(based_store, tmp_path):
    path = write(tmp_path / "staff.csv", STAFF, "cp1251")
    err = _fails(based_store, [path])
    assert "--encoding cp1251" in str(err)
    assert import_files(based_store, [path], encoding="cp1251").total("imported") == 3


def test_file_cut_short_and_renamed_pdf_store_unchanged(based_store, tmp_path):
    cut = tmp_path / "staff.csv"
    cut.write_bytes(STAFF.encode()[:-3] + "Ш".encode()[:1])
    assert "обрезан" in str(_fails(based_store, [cut]))
    pdf = tmp_path / "staff.xlsx"
    pdf.write_bytes(b"%PDF-1.4\n")
    assert "PDF" in str(_fails(based_store, [pdf]))


def test_xlsx_zip_bomb_store_unchanged(based_store, tmp_path):
    import zipfile

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (40 * 1024 * 1024))
    assert "zip-бомб" in str(_fails(based_store, [path]))


def test_xlsx_sheets_recognised_by_name_and_errors_name_the_sheet(based_store, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Работники"
    for line in STAFF.strip().split("\n"):
        ws.append(line.split(";"))
    ws.append(["a4", "o1", "учитель", "нет", 1990, "когда-то"])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    err = _fails(based_store, [path])
    assert [(p.location.sheet, p.location.line, p.location.column) for p in err.problems] == [("Работники", 5, 6)]
    ws.delete_rows(5)
    wb.save(path)
    result = import_files(based_store, [path])
    assert result.parts[0].chosen_by.startswith("по названию листа") and result.total("imported") == 3


def test_dry_run_writes_nothing(based_store, tmp_path):
    before = snapshot(based_store)
    result = import_files(based_store, [write(tmp_path / "staff.csv", STAFF)], dry_run=True)
    assert result.total("imported") == 3 and not result.committed
    assert snapshot(based_store) == before


def test_data_source_recorded_with_file_and_hash(based_store, tmp_path):
    import sqlalchemy as sa

    from efs.data import schema as S

    path = write(tmp_path / "staff.csv", STAFF)
    import_files(based_store, [path])
    with based_store.engine.connect() as conn:
        rows = conn.execute(sa.select(S.data_sources).where(S.data_sources.c.table_name == "staff")).all()
        ids = set(conn.execute(sa.select(S.staff.c.source_id)).scalars())
    assert len(rows) == 1 and rows[0].file_name == str(path) and rows[0].kind == "file" and rows[0].rows == 3
    assert ids == {rows[0].id}


def test_cli_reports_every_rejected_row_and_exits_1(based_store, tmp_path, capsys):
    bad = write(tmp_path / "staff.csv", STAFF.replace("1995", "x").replace("1999", "y"))
    code = run(["data", "import", str(bad), "--db", based_store.url.removeprefix("sqlite:///")])
    err = capsys.readouterr().err
    assert code == 1
    assert "staff.csv:2:5" in err and "staff.csv:4:5" in err and "ничего не загружено" in err
    assert "Traceback" not in err


def test_template_export_import_round_trip_changes_nothing(based_store, tmp_path):
    from efs.data.export import export_tables

    import_files(based_store, [write(tmp_path / "staff.csv", STAFF)])
    out = export_tables(based_store, tmp_path / "out", include_person_rows=True)
    files = [e.path for e in out if e.rows]
    before = snapshot(based_store)
    result = import_files(based_store, files)
    assert result.total("imported") == result.total("updated") == 0
    assert result.total("unchanged") == 8
    assert snapshot(based_store) == before
