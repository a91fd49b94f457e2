"""Fixtures of the import tests: stores, a small base of jurisdiction, municipalities and organizations."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

BASE = {
    "j.csv": "Код юрисдикции;Название юрисдикции;Уровень\ntestland;Тестовая область;regional\n",
    "m.csv": "Код муниципалитета;Название муниципалитета\nm1;Первый\nm2;Второй\n",
    "o.csv": "Код организации;Код муниципалитета;Название организации;Вид организации;ШНОР\n"
    "o1;m1;Школа № 1;school;да\no2;m2;Школа № 2;school;нет\n",
}
STAFF = (
    "Работник (id);Код организации;Должность;Управленческий работник;Год рождения;"
    "Год начала педагогической работы\n"
    "a1;o1;учитель;нет;1995;2022\na2;o1;директор;да;1970;1993\na3;o2;учитель;нет;1999;2023\n"
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` and return the path."""
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def store(tmp_path):
    """A fresh SQLite store."""
    from efs.data.store import open_store

    st = open_store(tmp_path / "store.sqlite")
    yield st
    st.close()


@pytest.fixture
def base_files(tmp_path):
    """CSV files of the jurisdiction, two municipalities and two organizations."""
    return [write(tmp_path / name, text) for name, text in BASE.items()]


@pytest.fixture
def based_store(store, base_files):
    """A store holding the base files."""
    from efs.data.importing import import_files

    import_files(store, base_files)
    return store


def snapshot(store) -> dict[str, list[tuple]]:
    """Every row of every table (sorted), to prove a failed import changed nothing."""
    import sqlalchemy as sa

    from efs.data import schema as S

    with store.engine.connect() as conn:
        return {t.name: sorted(map(tuple, conn.execute(sa.select(t))), key=repr) for t in S.metadata.sorted_tables}


@pytest.fixture(scope="session")
def pg_schema_url():
    """(URL, schema) of a uniquely named PostgreSQL schema for this session, dropped afterwards."""
    url = os.environ.get("EFS_TEST_DATABASE_URL")
    if not url:
        pytest.skip("EFS_TEST_DATABASE_URL не задан: тесты на PostgreSQL пропущены")
    schema = f"efs_import_{uuid.uuid4().hex[:12]}"
    yield url, schema
    import sqlalchemy as sa

    from efs.data.store import resolve_url

    engine = sa.create_engine(resolve_url(url))
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()
