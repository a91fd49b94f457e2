"""The column-by-column conversion gives the rows the row-by-row path gives, and falls back on any problem."""

from __future__ import annotations

import pytest

from efs.data import importing
from tests.data_import.conftest import STAFF, snapshot, write

EXTRA = (
    "Работник (id);Код организации;Должность;Управленческий работник;Год рождения;"
    "Год начала педагогической работы;Год увольнения\n"
    " b1 ;o1;Учитель;Да;1980;2005;\nb2;o2;учитель;+;1985;2010;2023\nb3;o2;'=учитель;нет;1990;2015; \n"
)


def _rows_of(store):
    snap = snapshot(store)
    snap.pop("data_sources")
    return {k: [r[:-1] for r in v] if k != "jurisdictions" else v for k, v in snap.items()}


@pytest.mark.parametrize("text", [STAFF, EXTRA])
def test_columnar_and_row_by_row_paths_store_the_same_rows(tmp_path, base_files, text, monkeypatch):
    from efs.data.store import open_store

    stores = []
    for name, fast in (("fast", True), ("slow", False)):
        if not fast:
            monkeypatch.setattr(importing, "_convert_columns", lambda *a, **k: None)
        st = open_store(tmp_path / f"{name}.sqlite")
        importing.import_files(st, base_files)
        res = importing.import_files(st, [write(tmp_path / f"{name}.csv", text)])
        stores.append((st, res.total("imported")))
    (a, na), (b, nb) = stores
    assert na == nb == text.count("\n") - 1
    assert _rows_of(a) == _rows_of(b)


def test_a_bad_cell_in_a_large_file_is_reported_at_its_line(based_store, tmp_path, monkeypatch):
    from efs.errors import DataError

    monkeypatch.setattr(importing, "FAST_CHUNK", 3)
    lines = [f"x{i};o1;учитель;нет;1980;2005" for i in range(10)]
    lines[7] = "x7;o1;учитель;нет;19x0;2005"
    text = STAFF.splitlines()[0] + "\n" + "\n".join(lines) + "\n"
    with pytest.raises(DataError) as exc:
        importing.import_files(based_store, [write(tmp_path / "s.csv", text)])
    assert [(p.location.line, p.location.column) for p in exc.value.problems] == [(9, 5)]


def test_duplicates_and_unknown_references_still_reported(based_store, tmp_path):
    from efs.errors import DataError

    text = STAFF + "a1;o1;учитель;нет;1995;2022\nz9;o9;учитель;нет;1995;2022\n"
    with pytest.raises(DataError) as exc:
        importing.import_files(based_store, [write(tmp_path / "s.csv", text)])
    messages = sorted(p.message for p in exc.value.problems)
    assert len(messages) == 2 and "повторная строка" in " ".join(messages) and "o9" in " ".join(messages)
