"""Opening the store, its Alembic migrations and ``efs db``."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from efs.data import schema as S
from efs.data.store import open_store, resolve_url
from efs.errors import StoreError


def test_a_plain_path_is_a_sqlite_file_created_at_the_newest_revision(tmp_path):
    store = open_store(tmp_path / "m.sqlite")
    assert store.dialect == "sqlite" and (tmp_path / "m.sqlite").exists()
    assert store.current_revision() == store.head_revision()
    assert set(sa.inspect(store.engine).get_table_names()) >= {t.name for t in S.metadata.sorted_tables}
    store.close()


def test_without_an_argument_efs_db_is_read_then_the_default_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EFS_DB", raising=False)
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'efs.sqlite'}"
    monkeypatch.setenv("EFS_DB", str(tmp_path / "env.sqlite"))
    open_store().close()
    assert (tmp_path / "env.sqlite").exists() and not (tmp_path / "efs.sqlite").exists()
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


def test_a_missing_file_without_create_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="не найден"):
        open_store(tmp_path / "nope.sqlite", create=False)
    with pytest.raises(StoreError, match="каталог"):
        open_store(tmp_path / "no" / "dir" / "x.sqlite")


def test_an_uninitialised_store_is_refused_by_the_engine(tmp_path):
    sa.create_engine(f"sqlite:///{tmp_path / 'empty.sqlite'}").connect().close()
    store = open_store(tmp_path / "empty.sqlite", create=False)
    with pytest.raises(StoreError, match="efs db init"):
        store.ensure_current()


def test_jurisdictions_share_a_store_and_natural_keys_reject_duplicates(tmp_path):
    store = open_store(tmp_path / "m.sqlite")
    with store.engine.begin() as conn:
        conn.execute(
            S.jurisdictions.insert(),
            [{"id": "a", "name": "A", "level": "regional"}, {"id": "b", "name": "B", "level": "municipal"}],
        )
        conn.execute(
            S.municipalities.insert(),
            [
                {"jurisdiction_id": "a", "id": "m", "name": "M"},
                {"jurisdiction_id": "b", "id": "m", "name": "M"},
            ],
        )
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:
        conn.execute(S.municipalities.insert(), [{"jurisdiction_id": "a", "id": "m", "name": "again"}])
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:  # foreign keys are enforced
        conn.execute(
            S.organizations.insert(),
            [{"jurisdiction_id": "a", "id": "o", "municipality_id": "zzz", "name": "O", "kind": "school"}],
        )
    assert S.NATURAL_KEYS["staff"] == ("jurisdiction_id", "id")
    assert S.NATURAL_KEYS["support_participation"] == ("jurisdiction_id", "staff_id", "form", "started_on")
    store.close()


def test_migration_from_the_first_revision_to_head_keeps_every_row(tmp_path):
    from alembic.script import ScriptDirectory

    from tests.indicators.sample import sample

    sa.create_engine(f"sqlite:///{tmp_path / 'old.sqlite'}").connect().close()  # an empty database file
    store = open_store(tmp_path / "old.sqlite", create=False)
    scripts = ScriptDirectory.from_config(store.alembic_config())
    first = scripts.get_base()
    assert first is not None
    store.upgrade(first)
    assert store.current_revision() == first
    data = sample(staff=50)
    data.save(store)
    store.upgrade()
    assert store.current_revision() == store.head_revision()
    with store.engine.connect() as conn:
        for table, rows in data.rows.items():
            n = conn.execute(sa.select(sa.func.count()).select_from(S.metadata.tables[table])).scalar_one()
            assert n == len(rows), table
    store.close()


def test_the_migrations_match_the_schema_alembic_check(tmp_path):
    from alembic import command

    store = open_store(tmp_path / "m.sqlite")
    command.check(store.alembic_config())  # raises when the models and the migrations differ
    store.close()


@pytest.mark.postgres
def test_postgresql_store_in_its_own_schema_matches_the_migrations(tmp_path):
    url = os.environ.get("EFS_TEST_DATABASE_URL")
    if not url:
        pytest.skip("EFS_TEST_DATABASE_URL не задан: тесты на PostgreSQL пропущены")
    import uuid

    from alembic import command

    schema = f"efs_store_{uuid.uuid4().hex[:10]}"
    store = open_store(url, schema=schema)
    try:
        assert store.dialect == "postgresql" and store.current_revision() == store.head_revision()
        command.check(store.alembic_config())
        names = set(sa.inspect(store.engine).get_table_names(schema=schema))
        assert "staff" in names and "alembic_version" in names
    finally:
        with store.engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        store.close()


def test_efs_db_init_status_upgrade(tmp_path, capsys):
    from efs.cli import run

    db = str(tmp_path / "cli.sqlite")
    assert run(["db", "status", "--db", db]) == 2
    assert "не найден" in capsys.readouterr().err
    assert run(["db", "init", "--db", db]) == 0
    assert "Хранилище готово" in capsys.readouterr().out
    assert run(["db", "status", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "staff" in out and "последняя" in out
    assert run(["db", "upgrade", "--db", db]) == 0
    assert "уже последней версии" in capsys.readouterr().out


def test_an_unreachable_server_is_a_message_not_a_traceback(capsys):
    from efs.cli import run

    assert run(["db", "status", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/x"]) == 2
    err = capsys.readouterr().err
    assert "не удалось подключиться" in err and "Traceback" not in err
