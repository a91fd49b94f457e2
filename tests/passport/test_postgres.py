"""The passport of the same synthetic data is the same on SQLite and on PostgreSQL (needs EFS_TEST_DATABASE_URL)."""

from __future__ import annotations

import os
import uuid

import pytest

from tests.passport.conftest import YEAR

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_store():
    """A PostgreSQL store in a schema of its own, dropped afterwards."""
    url = os.environ.get("EFS_TEST_DATABASE_URL")
    if not url:
        pytest.skip("EFS_TEST_DATABASE_URL не задан: тесты на PostgreSQL пропущены")
    import sqlalchemy as sa

    from efs.data.store import open_store, resolve_url

    schema = f"efs_passport_{uuid.uuid4().hex[:10]}"
    store = open_store(url, schema=schema)
    yield store
    store.close()
    engine = sa.create_engine(resolve_url(url))
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


def _numbers(passport):
    return {(s["id"], t["id"]): [(r["cells"], r["hidden"]) for r in t["rows"]]
            for s in passport["sections"] for t in s["tables"]}


@pytest.mark.parametrize("name", ["amur", "megion"])
def test_sqlite_and_postgresql_give_the_same_passport(pg_store, tmp_path, loaded_configs, registry, name):
    from efs.data.store import open_store
    from efs.passport import build_passport
    from efs.synthesis import synthesize

    config = loaded_configs[name]
    lite = open_store(tmp_path / "lite.sqlite")
    try:
        for store in (lite, pg_store):
            synthesize(store, config, staff=400, year=YEAR, years=1, seed=5)
        a = build_passport(config, lite, year=YEAR, registry=registry)
        b = build_passport(config, pg_store, year=YEAR, registry=registry)
    finally:
        lite.close()
    assert _numbers(a) == _numbers(b)
    assert any(isinstance(v, int) and v > 0 for rows in _numbers(a).values() for cells, _ in rows for v in cells)
