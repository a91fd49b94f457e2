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
