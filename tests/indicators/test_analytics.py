"""Analytics tables: the same results as live queries, ignored when stale, cleared by imports."""

from __future__ import annotations

import pytest

from efs.indicators import analytics, compute
from efs.synthesis import synthesize
from tests.conftest import CONFIG_DIR


@pytest.fixture
def amur(registry):
    from efs.loading import load_configuration

    return load_configuration(CONFIG_DIR / "amur.yaml", registry=registry)


def _all(cfg, st, registry, year):
    scopes = ("jurisdiction", "municipality", "organization")
    return {by: compute(cfg, st, year=year, by=by, registry=registry) for by in scopes}


def test_results_are_identical_with_and_without_analytics(store, amur, registry):
    synthesize(store, amur, staff=2500, year=2024, years=2, seed=5)
    live = {y: _all(amur, store, registry, y) for y in (2023, 2024)}
    summary = analytics.build(store, amur, years=[2023, 2024], registry=registry)
    assert summary.rows > 0 and set(summary.queries) == {2023, 2024}
    with store.engine.connect() as conn:
        assert analytics.current(conn, "amur", 2024)
    assert {y: _all(amur, store, registry, y) for y in (2023, 2024)} == live


def test_stale_analytics_are_ignored_and_imports_clear_them(store, amur, registry, tmp_path):
    import sqlalchemy as sa

    from efs.data import schema as S
    from efs.data.importing import import_files

    synthesize(store, amur, staff=1500, year=2024, seed=2)
    analytics.build(store, amur, years=[2024], registry=registry)
    with store.engine.begin() as conn:  # a load recorded in data_sources changes the stamp
        conn.execute(sa.insert(S.data_sources).values(jurisdiction_id="amur", kind="manual", loaded_at=sa.func.now()))
        assert analytics.current(conn, "amur", 2024) is None
    analytics.build(store, amur, years=[2024], registry=registry)
    org = "o000002"
    path = tmp_path / "staff.csv"
    path.write_text(
        "Работник (id);Код организации;Должность;Управленческий работник;Год рождения;"
        f"Год начала педагогической работы\nnew1;{org};учитель;нет;1998;2024\n",
        encoding="utf-8",
    )
    import_files(store, [path], jurisdiction="amur")
    with store.engine.connect() as conn:
        n = conn.execute(sa.select(sa.func.count()).select_from(S.analytics_groups)).scalar_one()
    assert n == 0
    live = compute(amur, store, year=2024, by="municipality", registry=registry)
    analytics.build(store, amur, years=[2024], registry=registry)
    assert compute(amur, store, year=2024, by="municipality", registry=registry) == live


def test_resynthesis_clears_analytics(store, amur, registry):
    import sqlalchemy as sa

    from efs.data import schema as S

    synthesize(store, amur, staff=800, year=2024, seed=1)
    analytics.build(store, amur, years=[2024], registry=registry)
    synthesize(store, amur, staff=900, year=2024, seed=2)
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(S.analytics_builds)).scalar_one() == 0


@pytest.mark.postgres
def test_postgresql_analytics_give_the_same_results(pg_store, amur, registry):
    synthesize(pg_store, amur, staff=1500, year=2024, seed=4)
    live = _all(amur, pg_store, registry, 2024)
    analytics.build(pg_store, amur, years=[2024], registry=registry)
    assert _all(amur, pg_store, registry, 2024) == live


def test_cli_synth_builds_analytics_and_data_analytics_rebuilds_them(tmp_path):
    import sqlalchemy as sa
    from click.testing import CliRunner

    from efs.cli import cli
    from efs.data import schema as S
    from efs.data.store import open_store

    db = str(tmp_path / "a.sqlite")
    run = CliRunner().invoke(
        cli, ["data", "synth", "--db", db, "-j", "megion", "--staff", "400", "--year", "2024", "--years", "2"]
    )
    assert run.exit_code == 0, run.output
    assert "Аналитические таблицы «megion» построены" in run.output
    with open_store(db) as st, st.engine.connect() as conn:
        years = conn.execute(sa.select(S.analytics_builds.c.year).order_by(S.analytics_builds.c.year)).scalars()
        assert list(years) == [2023, 2024]
    run = CliRunner().invoke(
        cli, ["data", "synth", "--db", db, "-j", "megion", "--staff", "400", "--year", "2024", "--no-analytics"]
    )
    assert run.exit_code == 0 and "Аналитические" not in run.output
    run = CliRunner().invoke(cli, ["data", "analytics", "--db", db, "-j", "megion", "--year", "2024"])
    assert run.exit_code == 0, run.output
    with open_store(db) as st, st.engine.connect() as conn:
        assert list(conn.execute(sa.select(S.analytics_builds.c.year)).scalars()) == [2024]


def test_a_load_during_the_build_keeps_nothing(store, amur, registry, monkeypatch):
    import sqlalchemy as sa

    from efs.data import schema as S
    from efs.errors import StoreError
    synthesize(store, amur, staff=600, year=2024, seed=3)
    real = analytics.run_compiled

    def prefetch_then_a_load_commits(*args, **kwargs):
        memo = real(*args, **kwargs)
        with store.engine.begin() as conn:
            conn.execute(
                sa.insert(S.data_sources).values(jurisdiction_id="amur", kind="manual", loaded_at=sa.func.now())
            )
        return memo

    monkeypatch.setattr(analytics, "run_compiled", prefetch_then_a_load_commits)
    with pytest.raises(StoreError, match="изменились"):
        analytics.build(store, amur, years=[2024], registry=registry)
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(S.analytics_groups)).scalar_one() == 0


def test_parallel_and_one_at_a_time_give_the_same_groups(store, amur, registry, monkeypatch):
    synthesize(store, amur, staff=1200, year=2024, seed=6)
    parallel = _all(amur, store, registry, 2024)
    from efs.indicators import runner

    monkeypatch.setattr(runner, "MAX_WORKERS", 1)
    assert _all(amur, store, registry, 2024) == parallel
