"""SQLite 3.34–3.41 count rows dated after the report year once ANALYZE has run; efs's numbers never do.

The bug (see :mod:`efs.data.sqlite`): an index seek ``a = ? AND b = ? AND c IN (…) AND d < ?`` on a NOT
NULL ``d`` returns a row past the bound once ``sqlite_stat1`` exists. Each test runs on every SQLite
library importable here: the system one Python links (3.40.1 on Debian 12) and the current one efs
ships (``sqlean``).
"""

from __future__ import annotations

import importlib
import importlib.util
import types

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import sqlite as sqlite_dialect

from efs.data.sqlite import MIN_VERSION, check, version_of
from efs.errors import StoreError
from tests.indicators.data import Data, d

YEAR = 2024
DRIVERS = [name for name in ("sqlite3", "sqlean") if importlib.util.find_spec(name)]
#: The releases with OP_SeekScan that jump past the end-of-range test (3.34.0 introduced the opcode).
BUGGY = ((3, 34, 0), MIN_VERSION)


def buggy(module: types.ModuleType) -> bool:
    return BUGGY[0] <= version_of(module) < BUGGY[1]


def minimal(module: types.ModuleType) -> object:
    """The smallest case: one row dated after the bound, and the statistics of a one-row-per-key index."""
    conn = module.connect(":memory:")
    conn.execute(
        "CREATE TABLE p (a TEXT NOT NULL, b TEXT NOT NULL, c TEXT NOT NULL, d TEXT NOT NULL, PRIMARY KEY (a, b, c, d))"
    )
    conn.execute("INSERT INTO p VALUES ('j', 's1', 'teacher_pair', '2025-04-29')")
    conn.executescript(
        "ANALYZE; INSERT INTO sqlite_stat1 VALUES ('p', 'sqlite_autoindex_p_1', '100 100 2 1 1');"
        " ANALYZE sqlite_schema;"
    )
    return conn


SEEK = "SELECT count(*) FROM p WHERE a = 'j' AND b = 's1' AND {c} IN ('mentoring', 'teacher_pair') AND d < '2025-01-01'"


@pytest.mark.parametrize("name", DRIVERS)
def test_the_refused_releases_are_the_ones_returning_the_row_past_the_bound(name):
    module = importlib.import_module(name)
    assert minimal(module).execute(SEEK.format(c="c")).fetchone()[0] == (1 if buggy(module) else 0)  # type: ignore[attr-defined]
    # ``+c`` keeps the IN-list out of the seek (what efs's compiler writes on SQLite): right everywhere
    assert minimal(module).execute(SEEK.format(c="+c")).fetchone()[0] == 0  # type: ignore[attr-defined]


def test_the_bundled_sqlite_is_current_and_is_the_one_efs_uses(tmp_path):
    from efs.data.store import open_store

    pytest.importorskip("sqlean")
    with open_store(tmp_path / "s.sqlite") as store, store.engine.connect() as conn:
        version = conn.exec_driver_sql("SELECT sqlite_version()").scalar_one()
        assert store.engine.dialect.dbapi.__name__ == "sqlean"
    assert tuple(map(int, version.split("."))) >= MIN_VERSION


def test_a_library_known_to_return_wrong_rows_is_refused_in_russian(tmp_path, monkeypatch, capsys):
    with pytest.raises(StoreError, match=r"SQLite 3\.40\.1 .*исправлено в SQLite 3\.42\.0.*sqlean\.py"):
        check(types.SimpleNamespace(sqlite_version="3.40.1", __name__="sqlite3"))
    check(types.SimpleNamespace(sqlite_version="3.42.0", __name__="sqlite3"))
    # through the command line: whichever module efs would use, if its SQLite is old, nothing runs
    from efs.cli import run

    for name in DRIVERS:
        monkeypatch.setattr(importlib.import_module(name), "sqlite_version", "3.40.1")
    assert run(["db", "init", "--db", str(tmp_path / "old.sqlite")]) == 2
    err = capsys.readouterr().err
    assert "известна неверными результатами" in err and "Traceback" not in err
    assert not (tmp_path / "old.sqlite").exists()


def failing_case() -> Data:
    """Young teachers in mentoring forms and tutors, with participations and appointments dated after the year."""
    data = Data("planner").municipality("m1").organization("o1", "m1")
    for i in range(40):
        pid = f"y{i:02d}"
        data.person(pid, "o1", birth=1998, start=2023)
        if i % 2:
            data.participation(pid, "teacher_pair", d(YEAR + 1, 4, 29))  # after the year: not counted
        else:
            data.participation(pid, "mentoring", d(YEAR, 2, 1))
        if i % 4 == 0:
            data.participation(pid, "networking", d(YEAR, 5, 1))
    for i in range(10):
        data.active(f"y{i:02d}", "tutor", YEAR + 1)  # appointed after the year: not counted
    for i in range(10, 13):
        data.active(f"y{i:02d}", "tutor", YEAR - 1)
    return data


#: (indicator, formula, unit) and the numerator the rows give for YEAR
INDICATORS = {
    "young_mentoring": (
        {"population": "young_teachers", "numerator": [{"participated": {"forms": ["mentoring", "teacher_pair"]}}]},
        "%",
        20,
    ),
    "tutors": (
        {"population": "staff", "where": [{"methodical_active": {"roles": ["regional_methodist", "tutor"]}}]},
        "чел.",
        3,
    ),
}


@pytest.fixture
def analyzed(tmp_path):
    """The failing case in a store efs opens, with the statistics efs's own loads write."""
    from efs.data.store import open_store
    from efs.data.synth import analyze

    path = tmp_path / "planner.sqlite"
    with open_store(path) as store:
        failing_case().save(store)
        analyze(store)
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_stat1").scalar_one() > 0
    return path


def config(config_for):
    return config_for(
        [{"id": k, "text": "Показатель", "unit": unit, "formula": f} for k, (f, unit, _) in INDICATORS.items()],
        jurisdiction="planner",
    )


def queries(config_for, registry) -> dict[str, str]:
    """Each indicator's query as efs compiles it for SQLite, with its values written in."""
    from efs.indicators.plan import plan_indicators
    from efs.indicators.sql import FormulaContext

    out = {}
    for plan in plan_indicators(config(config_for), registry):
        if plan.indicator.id in INDICATORS:
            assert plan.formula is not None
            query, *_ = plan.formula.build(FormulaContext("planner", YEAR, dialect="sqlite"))
            out[plan.indicator.id] = str(
                query.compile(dialect=sqlite_dialect.dialect(), compile_kwargs={"literal_binds": True})
            )
    return out


def run(module: types.ModuleType, path, sql: str) -> float:
    conn = module.connect(str(path))
    try:
        return sum(row[2] or 0 for row in conn.execute(sql))  # numerator column of every group
    finally:
        conn.close()


@pytest.mark.parametrize("name", DRIVERS)
def test_rows_dated_after_the_year_are_never_counted_with_statistics_present(
    name, analyzed, config_for, registry, monkeypatch
):
    from efs.data.store import open_store
    from efs.indicators import compute

    module = importlib.import_module(name)
    if buggy(module):
        # efs will not open a store on this library; its queries are right on it all the same
        with pytest.raises(StoreError, match="неверными результатами"):
            open_store(analyzed, sqlite_driver=name)
        expected = {ind: count for ind, (_, _, count) in INDICATORS.items()}
        from efs.indicators import sql as compiler

        for ind, sql in queries(config_for, registry).items():
            assert run(module, analyzed, sql) == expected[ind], ind
        # the memberships efs still compiles as a probe per person (under «not», «any») are right too
        monkeypatch.setattr(compiler, "_membership", lambda cond, frame, ctx: None)
        assert {ind: run(module, analyzed, q) for ind, q in queries(config_for, registry).items()} == expected
        # and the case does reach the bug: probing without the guard, the library counts the later rows
        monkeypatch.setattr(compiler, "_in", lambda col, values, ctx: col.in_(values))
        wrong = {ind: run(module, analyzed, q) for ind, q in queries(config_for, registry).items()}
        assert wrong != expected
        return
    with open_store(analyzed, sqlite_driver=name) as store:
        results = compute(config(config_for), store, year=YEAR, registry=registry, show_small=True)
    got = {r.indicator_id: r.numerator for r in results if r.indicator_id in INDICATORS and r.sub_measure is None}
    assert got == {ind: expected for ind, (_, _, expected) in INDICATORS.items()}


def test_the_same_numbers_come_from_a_store_without_statistics(analyzed, config_for, registry):
    """The oracle of the case above is the hand count; the store without ANALYZE agrees with it too."""
    from efs.data.store import open_store
    from efs.indicators import compute

    with open_store(analyzed) as store:
        with store.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE sqlite_stat1"))
        results = compute(config(config_for), store, year=YEAR, registry=registry, show_small=True)
    got = {r.indicator_id: r.numerator for r in results if r.indicator_id in INDICATORS and r.sub_measure is None}
    assert got == {ind: expected for ind, (_, _, expected) in INDICATORS.items()}
