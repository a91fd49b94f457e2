"""Imports on PostgreSQL: COPY for large files, two concurrent imports leave a correct store."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from efs.data.importing import COPY_THRESHOLD, import_files
from tests.data_import.conftest import BASE, write

pytestmark = pytest.mark.postgres


def _staff_file(path, n, position):
    lines = [
        "Работник (id);Код организации;Должность;Управленческий работник;Год рождения;Год начала педагогической работы"
    ]
    lines += [f"s{i};o{1 + i % 2};{position};нет;1980;2005" for i in range(n)]
    return write(path, "\n".join(lines) + "\n")


def test_concurrent_imports_on_postgresql_leave_a_correct_store(pg_schema_url, tmp_path):
    import sqlalchemy as sa

    from efs.data import schema as S
    from efs.data.store import open_store

    url, schema = pg_schema_url
    base = [write(tmp_path / n, t) for n, t in BASE.items()]
    with open_store(url, schema=schema) as st:
        with st.engine.begin() as conn:
            conn.execute(sa.delete(S.jurisdictions))
        import_files(st, base)
    big = _staff_file(tmp_path / "big.csv", COPY_THRESHOLD + 500, "учитель")  # goes through COPY
    overlap = _staff_file(tmp_path / "small.csv", 3000, "учитель")  # the same first 3000 rows

    def run(path):
        with open_store(url, schema=schema) as st:
            return import_files(st, [path])

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(run, [big, overlap]))
    assert all(r.committed for r in results)
    with open_store(url, schema=schema) as st, st.engine.connect() as conn:
        n, distinct, positions = conn.execute(
            sa.select(
                sa.func.count(),
                sa.func.count(sa.distinct(S.staff.c.id)),
                sa.func.count(sa.distinct(S.staff.c.position)),
            )
        ).one()
        again = import_files(st, [big])
    assert n == distinct == COPY_THRESHOLD + 500 and positions == 1
    assert again.total("unchanged") == COPY_THRESHOLD + 500


def test_an_import_leaves_planner_statistics_for_the_tables_it_wrote(pg_schema_url, tmp_path):
    """A small first import on PostgreSQL: without statistics the planner takes each table for one row and
    nests loops over the indicator queries (seconds on a thousand people); the import samples what it wrote."""
    import sqlalchemy as sa

    from efs.data.store import open_store

    url, schema = pg_schema_url
    files = [write(tmp_path / n, t) for n, t in BASE.items()] + [_staff_file(tmp_path / "s.csv", 40, "учитель")]
    with open_store(url, schema=schema) as st:
        with st.engine.begin() as conn:
            conn.exec_driver_sql("TRUNCATE staff, organizations, municipalities, jurisdictions CASCADE")
        import_files(st, files)
        with st.engine.connect() as conn:
            sampled = conn.execute(
                sa.text(
                    "SELECT relname, reltuples FROM pg_class JOIN pg_namespace n ON n.oid = relnamespace "
                    "WHERE nspname = :schema AND relkind = 'r'"
                ),
                {"schema": schema},
            )
            rows = dict(sampled.all())
    # pg_class.reltuples is -1 until a table is first analyzed (or vacuumed); the written tables have their counts
    assert {t: rows[t] for t in ("jurisdictions", "municipalities", "organizations", "staff")} == {
        "jurisdictions": 1,
        "municipalities": 2,
        "organizations": 2,
        "staff": 40,
    }
