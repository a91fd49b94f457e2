"""Analytics tables: every formula's groups computed once after a load, read by the engine afterwards.

The indicator queries scan a million staff rows and probe the event tables per person; run live,
all the indicators of a jurisdiction take seconds. As DHIS2 does after an import, :func:`build` runs
each compiled formula query once per year and keeps its result — numerator, denominator and base per
group (organization, municipality) — in ``analytics_groups``, twice: at the organization grain the
query returns, and summed up to municipalities. :func:`efs.indicators.compute` then reads a few
hundred rows per indicator instead of scanning the person tables.

The results are the same with and without the tables, by construction:

* a group set is found by the SHA-256 of the compiled query text and its parameters, so a changed
  formula, configuration, year or engine version simply misses and is computed live;
* a build records the state of the jurisdiction's data (``data_sources``: every import and every
  synthesis adds a row there), and the engine ignores a build whose state no longer matches; an
  import or a synthesis also deletes the jurisdiction's analytics outright;
* aggregate returns are not in the tables: they are merged at read time, as without them;
* the municipality grain is kept only when every number of the query is an integer (counts: summing
  them in any order is exact) and is read only when no organization-level aggregate return needs the
  organization detail and the results are not asked by organization.

Rows written into the store by hand (SQL, not ``efs data import``) are not noticed: rebuild then.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from efs.data import schema as S
from efs.data.derived import data_stamp
from efs.indicators.runner import Group, compile_plans, load_hierarchy, run_compiled
from efs.progress import Progress

if TYPE_CHECKING:
    from efs.data.store import Store
    from efs.model import Configuration
    from efs.registry import Registry

GRAINS = ("organization", "municipality")


@dataclass
class AnalyticsSummary:
    """What :func:`build` wrote: queries and rows per year, and the wall time."""

    jurisdiction: str
    years: list[int]
    queries: dict[int, int] = field(default_factory=dict)
    rows: int = 0
    seconds: float = 0.0


def current(conn: sa.Connection, jurisdiction: str, year: int) -> dict[str, bool] | None:
    """Query keys built for the year (→ whether the municipality grain exists), or ``None`` when stale or absent."""
    b = S.analytics_builds
    row = conn.execute(
        sa.select(b.c.data_stamp, b.c.queries).where(b.c.jurisdiction_id == jurisdiction, b.c.year == year)
    ).first()
    if row is None or row.data_stamp != data_stamp(conn, jurisdiction):
        return None
    return {str(k): bool(v) for k, v in json.loads(row.queries).items()}


def read_groups(conn: sa.Connection, jurisdiction: str, year: int, key: str, grain: str) -> list[Group]:
    """The stored groups of one query, in the order the query returned them."""
    g = S.analytics_groups
    rows = conn.execute(
        sa.select(g.c.municipality_id, g.c.organization_id, g.c.numerator, g.c.denominator, g.c.base, g.c.subs)
        .where(g.c.jurisdiction_id == jurisdiction, g.c.year == year, g.c.query_key == key, g.c.grain == grain)
        .order_by(g.c.row_no)
    )
    return [
        Group(m, o, float(num), None if den is None else float(den), float(base), json.loads(subs) if subs else {})
        for m, o, num, den, base, subs in rows
    ]


def _integral(groups: list[Group]) -> bool:
    for grp in groups:
        for v in (grp.numerator, grp.denominator, grp.base, *grp.subs.values()):
            if v is not None and (not float(v).is_integer() or abs(v) >= 2**53):
                return False
    return True


def _by_municipality(groups: list[Group]) -> list[Group]:
    out: dict[str | None, Group] = {}
    for grp in groups:
        m = out.get(grp.municipality_id)
        if m is None:
            out[grp.municipality_id] = Group(
                grp.municipality_id, None, grp.numerator, grp.denominator, grp.base, dict(grp.subs)
            )
            continue
        m.numerator += grp.numerator
        if grp.denominator is not None:
            m.denominator = grp.denominator if m.denominator is None else m.denominator + grp.denominator
        m.base += grp.base
        for k, v in grp.subs.items():
            m.subs[k] = m.subs.get(k, 0.0) + v
    return list(out.values())


def _rows(jur: str, year: int, key: str, grain: str, groups: list[Group]) -> list[tuple[Any, ...]]:
    return [
        (
            jur,
            year,
            key,
            grain,
            i,
            g.municipality_id,
            g.organization_id,
            g.numerator,
            g.denominator,
            g.base,
            json.dumps(g.subs, sort_keys=True) if g.subs else None,
        )
        for i, g in enumerate(groups)
    ]


def _write(conn: sa.Connection, rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    cols = [c.name for c in S.analytics_groups.columns]
    collist = ", ".join(f'"{c}"' for c in cols)
    if conn.dialect.name == "postgresql":
        raw = conn.connection.driver_connection
        assert raw is not None
        with raw.cursor() as cur, cur.copy(f'COPY "analytics_groups" ({collist}) FROM STDIN') as copy:
            for r in rows:
                copy.write_row(r)
        return
    marks = ", ".join("?" * len(cols))
    conn.exec_driver_sql(f'INSERT INTO "analytics_groups" ({collist}) VALUES ({marks})', rows)


def _step(progress: Progress | None, year: int) -> Callable[[int, int], None] | None:
    """``progress`` told of one year's queries as the step «Аналитические таблицы <год>»."""
    if progress is None:
        return None
    step = f"Аналитические таблицы {year}"
    return lambda done, total: progress(step, done, total)


def build(
    store: Store,
    config: Configuration,
    *,
    years: Iterable[int],
    registry: Registry | None = None,
    progress: Progress | None = None,
) -> AnalyticsSummary:
    """Compute and keep the groups of every formula of ``config`` (and the federal ones) for ``years``.

    Replaces the jurisdiction's analytics for those years; one transaction per year. Run it after
    an import or a synthesis (they delete the analytics of the jurisdiction they touch). The
    distinct queries of a year run in parallel, one connection each (up to the number of CPUs,
    at most :data:`MAX_WORKERS`); the database does the work, so threads suffice.

    ``progress`` (:mod:`efs.progress`) hears «Аналитические таблицы <год>» with the queries done of the year's.

    Raises:
        ConfigurationError: A formula in the configuration is invalid.
        StoreError: The store is not at the newest revision, or the jurisdiction's data changed
            while the tables were being built (nothing is kept then; build again).
    """
    from efs.errors import StoreError
    from efs.indicators.plan import plan_indicators
    from efs.indicators.sql import FormulaContext
    from efs.registry import Registry

    registry = Registry.of(registry)
    started = time.perf_counter()
    store.ensure_current()
    plans = plan_indicators(config, registry)
    jur = config.jurisdiction.id
    summary = AnalyticsSummary(jur, sorted(set(years)))
    g, b = S.analytics_groups, S.analytics_builds
    for year in summary.years:
        t0 = time.perf_counter()
        ctx = FormulaContext(jur, year, dialect=store.dialect)
        with store.engine.connect() as conn:
            stamp = data_stamp(conn, jur)
            compiled = compile_plans(plans, ctx, conn.dialect)
            memo = run_compiled(
                store, conn, compiled, load_hierarchy(conn, config), None, progress=_step(progress, year)
            )
        with store.engine.begin() as conn:
            if data_stamp(conn, jur) != stamp:
                raise StoreError(
                    f"данные юрисдикции {jur} изменились, пока строились аналитические таблицы за {year} год; "
                    "постройте их снова (efs data analytics)"
                )
            conn.execute(sa.delete(g).where(g.c.jurisdiction_id == jur, g.c.year == year))
            conn.execute(sa.delete(b).where(b.c.jurisdiction_id == jur, b.c.year == year))
            keys: dict[str, bool] = {}
            for (key, _grain), groups in memo.items():
                rows = _rows(jur, year, key, "organization", groups)
                keys[key] = _integral(groups)
                if keys[key]:
                    rows += _rows(jur, year, key, "municipality", _by_municipality(groups))
                _write(conn, rows)
                summary.rows += len(rows)
            conn.execute(
                sa.insert(b).values(
                    jurisdiction_id=jur,
                    year=year,
                    data_stamp=stamp,
                    queries=json.dumps(keys, sort_keys=True),
                    built_at=dt.datetime.now(dt.UTC),
                    seconds=time.perf_counter() - t0,
                )
            )
            summary.queries[year] = len(keys)
        if store.dialect == "postgresql":
            with store.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE analytics_groups")
    summary.seconds = time.perf_counter() - started
    return summary


