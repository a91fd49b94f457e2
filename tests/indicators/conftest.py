"""Fixtures of the indicator tests: empty stores (SQLite; PostgreSQL when EFS_TEST_DATABASE_URL is set)."""

from __future__ import annotations

import os
import uuid

import pytest

#: The one year of synthetic data in :func:`amur_synthetic`.
AMUR_YEAR = 2024


@pytest.fixture
def store(tmp_path):
    """A fresh SQLite store at the newest schema revision."""
    from efs.data.store import open_store

    st = open_store(tmp_path / "test.sqlite")
    yield st
    st.close()


@pytest.fixture(scope="session")
def pg_schema_url():
    """(URL, schema) of a uniquely named PostgreSQL schema for this test session, dropped afterwards."""
    url = os.environ.get("EFS_TEST_DATABASE_URL")
    if not url:
        pytest.skip("EFS_TEST_DATABASE_URL не задан: тесты на PostgreSQL пропущены")
    schema = f"efs_test_{uuid.uuid4().hex[:12]}"
    yield url, schema
    import sqlalchemy as sa

    from efs.data.store import resolve_url

    engine = sa.create_engine(resolve_url(url))
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture
def pg_store(pg_schema_url):
    """A PostgreSQL store in the session's schema, emptied before each test — the analytics tables too: rows
    written by a test (not by an import) leave the data stamp as it was, and an earlier test's tables
    would pass for current."""
    from efs.data.derived import DERIVED
    from efs.data.schema import metadata
    from efs.data.store import open_store

    url, schema = pg_schema_url
    st = open_store(url, schema=schema)
    with st.engine.begin() as conn:
        for table in (*DERIVED, *reversed(metadata.sorted_tables)):
            conn.execute(table.delete())
    yield st
    st.close()


@pytest.fixture
def config_for():
    """Build a minimal configuration (dict → Configuration) with the given indicators."""
    from efs.loading import load_configuration

    def make(indicators: list[dict], jurisdiction: str = "testland", level: str = "regional", **extra):
        data = {
            "format_version": 1,
            "jurisdiction": {
                "id": jurisdiction,
                "name": "Тестовая область",
                "level": level,
                "document": "test.txt",
            },
            "indicators": indicators,
            **extra,
        }
        return load_configuration(data)

    return make


@pytest.fixture(scope="session")
def amur_synthetic(tmp_path_factory):
    """A store with one synthesised year (AMUR_YEAR) of Амурская область."""
    from efs.data.store import open_store
    from efs.loading import load_one
    from efs.registry import Registry
    from efs.synthesis import synthesize

    registry = Registry.build()
    path = tmp_path_factory.mktemp("no_data") / "s.sqlite"
    with open_store(path) as st:
        synthesize(st, load_one("amur", registry), staff=150, year=AMUR_YEAR, seed=3)
    return path
