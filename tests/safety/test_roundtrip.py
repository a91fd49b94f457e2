"""Export → import is lossless: every table of every bundled jurisdiction comes back row for row.

The oracle is the store itself: every column of every row (but ``source_id``, which names the load)
is compared between the store exported and the store the export was imported into.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.conftest import CONFIG_DIR

JURISDICTIONS = sorted(p.stem for p in CONFIG_DIR.glob("*.yaml"))


@pytest.fixture(scope="session")
def four_store(tmp_path_factory, registry):
    """A SQLite store with synthetic data of every bundled jurisdiction (a year, a few hundred staff each)."""
    from efs.data.store import open_store
    from efs.loading import load_one
    from efs.synthesis import synthesize

    store = open_store(tmp_path_factory.mktemp("roundtrip") / "four.sqlite")
    for name in JURISDICTIONS:  # Amur large enough for its hidden municipality to have a methodical active
        staff = 2000 if name == "amur" else 400
        synthesize(store, load_one(name, registry), staff=staff, year=2024, years=2, seed=0)
    yield store
    store.close()


def rows(store) -> dict[str, list[tuple]]:
    """Every data table's rows without ``source_id``, sorted."""
    from efs.data import schema as S
    from efs.data.tables import specs

    out = {}
    with store.engine.connect() as conn:
        for name in specs():
            t = S.metadata.tables[name]
            cols = [c for c in t.c if c.name != "source_id"]
            out[name] = sorted(map(tuple, conn.execute(sa.select(*cols))), key=repr)
    return out


def _round_trip(source, target, out_dir):
    from efs.data.export import export_tables
    from efs.data.importing import import_files
    from efs.indicators.engine import is_synthetic
    from efs.indicators.kinds import indicator_kinds

    files = [e.path for e in export_tables(source, out_dir, include_person_rows=True)]
    import_files(target, files, indicator_kinds=indicator_kinds)  # shares checked, as efs data import does
    assert rows(target) == rows(source)
    for name in JURISDICTIONS:  # synthetic data stays marked synthetic: no report presents it as real
        assert is_synthetic(target, name)
    again = import_files(target, files)  # the same files once more change nothing
    assert again.total("imported") == again.total("updated") == 0
    return files


def test_export_then_import_is_lossless_for_every_table_of_every_jurisdiction(four_store, tmp_path):
    from efs.data.store import open_store

    before = rows(four_store)
    assert set(JURISDICTIONS) == {r[0] for r in before["jurisdictions"]}
    assert all(before[t] for t in ("staff", "aggregate_returns", "measure_status", "events"))
    # the ratio indicator whose aggregate returns import used to refuse («числитель больше знаменателя»)
    assert any(r[1] == "teachers_per_rma_member" and r[6] > r[7] for r in before["aggregate_returns"] if r[7])
    with open_store(tmp_path / "copy.sqlite") as target:
        _round_trip(four_store, target, tmp_path / "export")


@pytest.mark.postgres
def test_export_from_sqlite_imports_losslessly_into_postgresql(four_store, tmp_path, pg_schema_url):
    from efs.data.store import open_store

    url, schema = pg_schema_url
    with open_store(url, schema=schema + "_rt") as target:
        try:
            _round_trip(four_store, target, tmp_path / "export")
        finally:
            with target.engine.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}_rt" CASCADE'))


def test_a_share_whose_numerator_exceeds_its_denominator_is_still_refused(four_store, tmp_path):
    from efs.data.importing import import_files
    from efs.data.store import open_store
    from efs.errors import DataError

    bad = tmp_path / "returns.csv"
    bad.write_text(
        "Юрисдикция;Показатель;Год;Уровень сводки;Код организации или муниципалитета;Часть показателя;"
        "Числитель;Знаменатель\n"
        "megion;federal_4;2024;organization;o000002;;30;20\n"
        "megion;teachers_per_rma_member;2024;organization;o000002;;300;2\n",
        encoding="utf-8",
    )
    with open_store(tmp_path / "s.sqlite") as target:
        from efs.data.export import export_tables

        base = [e.path for e in export_tables(four_store, tmp_path / "base", jurisdiction="megion")
                if e.table in ("jurisdictions", "municipalities", "organizations")]
        import_files(target, base)
        from efs.indicators.kinds import indicator_kinds

        with pytest.raises(DataError) as err:
            import_files(target, [bad], indicator_kinds=indicator_kinds)
    (problem,) = err.value.problems  # the ratio's row (300 teachers per 2 members) is not a problem
    assert "returns.csv:2:" in str(problem)
    assert "числитель 30 больше знаменателя 20, а показатель federal_4 — доля" in str(problem)


def test_truncated_export_is_refused_with_a_russian_message(four_store, tmp_path):
    from efs.data.export import export_tables
    from efs.data.importing import import_files
    from efs.data.store import open_store
    from efs.errors import DataError
    from tests.data_import.conftest import snapshot

    files = {e.table: e.path for e in export_tables(four_store, tmp_path / "out", include_person_rows=True)}
    staff = files["staff"]
    data = staff.read_bytes()
    staff.write_bytes(data[: data.rindex(b"\n", 0, len(data) // 2) + 1])  # cut short at a row boundary: valid CSV
    with open_store(tmp_path / "t.sqlite") as target:
        before = snapshot(target)
        with pytest.raises(DataError) as err:
            import_files(target, list(files.values()))
        assert snapshot(target) == before
        text = str(err.value)
        assert "staff.csv: файл короче, чем при выгрузке" in text and "обрезан" in text
        assert "по манифесту efs-manifest.json в нём строк таблицы «Работники»" in text
        # a file changed on purpose goes in when the user says so
        wanted = [files[t] for t in ("jurisdictions", "municipalities", "organizations", "staff")]
        result = import_files(target, wanted, verify_manifest=False)
        assert result.total("imported") > 0


def test_an_export_edited_in_place_is_refused_by_its_checksum_and_the_manifest_counts_every_row(four_store, tmp_path):
    """Same size, one letter changed: only the SHA-256 of the manifest can tell; its row counts are the files'."""
    import csv
    import json

    from efs.data.export import export_tables
    from efs.data.importing import import_files
    from efs.data.manifest import MANIFEST
    from efs.data.store import open_store
    from efs.errors import DataError
    from tests.data_import.conftest import snapshot

    exported = export_tables(four_store, tmp_path / "out", include_person_rows=True)
    manifest = json.loads((tmp_path / "out" / MANIFEST).read_text(encoding="utf-8"))
    for e in exported:  # the oracle: the rows Python's csv module reads back from each file
        with e.path.open(encoding="utf-8-sig", newline="") as fh:
            assert manifest["files"][e.path.name]["rows"] == len(list(csv.reader(fh, delimiter=";"))) - 1, e.path
    files = {e.table: e.path for e in exported}
    organizations = files["organizations"]
    data = organizations.read_bytes()
    i = data.index("а".encode(), data.index(b"\n"))  # a letter of the first row, changed for another of its size
    organizations.write_bytes(data[:i] + "о".encode() + data[i + 2:])
    assert organizations.stat().st_size == manifest["files"][organizations.name]["bytes"]  # same size
    with open_store(tmp_path / "t.sqlite") as target:
        before = snapshot(target)
        with pytest.raises(DataError) as err:
            import_files(target, list(files.values()))
        assert snapshot(target) == before
    assert "organizations.csv: файл не совпадает с выгруженным (контрольная сумма SHA-256 другая" in str(err.value)
