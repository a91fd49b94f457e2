"""Running compiled formula queries: one connection per query, in parallel where the store allows.

The part of the engine that talks to the database, shared by live computation
(:func:`efs.indicators.engine.compute`) and the analytics build (:func:`efs.indicators.analytics.build`):
compile each formula of a plan once (:func:`compile_plans`), key it by the SHA-256 of its SQL
(:func:`query_key`), run the distinct queries (:func:`run_compiled`) and place the staff groups in
their municipalities. It imports neither the engine nor the analytics module.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from efs.data import schema as S
from efs.indicators.plan import IndicatorPlan
from efs.indicators.spec import FormulaSpec
from efs.indicators.sql import (
    FormulaContext,
    Fused,
    compile_beside_staff,
    compile_fused,
    fusible,
    fusion_groups,
)

if TYPE_CHECKING:
    from efs.data.store import Store
    from efs.model import Configuration


#: PostgreSQL plans a membership test (``id IN (SELECT …)`` inside a sum) as a hashed subplan only when
#: the hash fits in ``work_mem``; past that it re-runs the subquery for every row, and a share over a
#: million staff takes minutes instead of a second. The engine's transactions raise it (SET LOCAL).
PG_WORK_MEM = "256MB"


def tune(conn: sa.Connection) -> None:
    """Session settings the indicator queries need (PostgreSQL, for the transaction).

    * ``work_mem`` (:data:`PG_WORK_MEM`): member lists hashed, never re-run per row;
    * no parallel workers within a query: the engine already runs its queries side by side
      (:func:`run_all`), and a gather of two processes builds each member list's hash in each of them —
      at 100 000 staff on two busy cores the 16 queries took 1.41 s with them, 0.88 s without;
    * no JIT compilation: a fused staff query (:func:`efs.indicators.sql.compile_fused`) has dozens of
      aggregates, and compiling them took 67 ms of its 0.6 s at 100 000 staff.
    """
    if conn.dialect.name == "postgresql":
        settings = {"work_mem": PG_WORK_MEM, "max_parallel_workers_per_gather": "0", "jit": "off"}
        calls = ", ".join(f"set_config('{k}', '{v}', true)" for k, v in settings.items())  # true: SET LOCAL
        conn.exec_driver_sql(f"SELECT {calls}")


@dataclass(slots=True)
class Group:
    """Numerator and denominator of one group, and where they came from."""

    municipality_id: str | None
    organization_id: str | None
    numerator: float
    denominator: float | None
    base: float
    subs: dict[str, float] = field(default_factory=dict)
    source: str = "person"


@dataclass
class Hierarchy:
    """Municipalities and organizations of a jurisdiction, with names."""

    jurisdiction_name: str
    level: str
    municipalities: dict[str, str]
    organizations: dict[str, tuple[str, str]]  # id -> (municipality_id, name)


def load_hierarchy(conn: sa.Connection, config: Configuration) -> Hierarchy:
    """Read the jurisdiction's municipalities and organizations (two small queries)."""
    j = config.jurisdiction.id
    munis = {
        r.id: r.name
        for r in conn.execute(
            sa.select(S.municipalities.c.id, S.municipalities.c.name).where(
                S.municipalities.c.jurisdiction_id == j
            )
        )
    }
    orgs = {
        r.id: (r.municipality_id, r.name)
        for r in conn.execute(
            sa.select(S.organizations.c.id, S.organizations.c.municipality_id, S.organizations.c.name).where(
                S.organizations.c.jurisdiction_id == j
            )
        )
    }
    return Hierarchy(config.jurisdiction.name, config.jurisdiction.level.value, munis, orgs)


def person_groups(conn: sa.Connection, query: sa.Select[Any], sub_ids: Iterable[str]) -> list[Group]:
    """Run a compiled formula; one :class:`Group` per row.

    Rows are read as plain tuples in one fetch (a formula gives one row per organisation: thousands of
    rows, and reading each through a mapping cost as much as the smaller queries themselves).
    """
    result = conn.execute(query)
    at = {name: k for k, name in enumerate(result.keys())}
    return _groups(list(result.fetchall()), at, list(sub_ids))


def fused_groups(conn: sa.Connection, fused: Fused, subs: list[list[str]]) -> list[list[Group]]:
    """Run :func:`efs.indicators.sql.compile_fused`'s query; per formula (``subs``: its sub-measure ids),
    its groups: the rows where its population has people, as its own query gives them."""
    result = conn.execute(fused.query)
    at = {name: k for k, name in enumerate(result.keys())}
    rows = result.fetchall()
    out = []
    for i, (names, sub_ids) in enumerate(zip(fused.columns, subs, strict=True)):
        mine = {name: at[f"f{i}_{name}"] for name in names}
        mine.update(municipality_id=at["municipality_id"], organization_id=at["organization_id"])
        base = mine["base"]
        out.append(_groups([row for row in rows if row[base]], mine, sub_ids))
    return out


def _groups(rows: list[Any], at: dict[str, int], subs: list[str]) -> list[Group]:
    """Groups from the rows of a formula's query (``at``: column name → index in a row)."""
    num, den, base = at["numerator"], at["denominator"], at["base"]
    parts = [(sid, at[f"sub_{k}"]) for k, sid in enumerate(subs)]
    parts += [(sub_denominator(sid), at[f"subden_{k}"]) for k, sid in enumerate(subs) if f"subden_{k}" in at]
    muni, org = at["municipality_id"], at["organization_id"]
    return [
        Group(
            row[muni],
            row[org],
            float(row[num] or 0),
            None if row[den] is None else float(row[den]),
            float(row[base] or 0),
            {key: float(row[k] or 0) for key, k in parts} if parts else {},
        )
        for row in rows
    ]


def sub_denominator(sub_id: str) -> str:
    """Key of a sub-measure's own denominator in :attr:`Group.subs` (sub-measure ids are identifiers)."""
    return f"{sub_id}/denominator"


def query_key(query: sa.Select[Any], dialect: Any) -> str:
    """SHA-256 of the query as the database receives it: SQL text and parameter values."""
    compiled = query.compile(dialect=dialect)
    params = sorted((k, repr(v)) for k, v in compiled.params.items())
    return hashlib.sha256((str(compiled) + "\n" + repr(params)).encode()).hexdigest()


@dataclass(frozen=True)
class CompiledFormula:
    """A plan's formula compiled for one year: its query, how to read it, and its analytics key.

    ``fusion`` — the block formula and its context when PostgreSQL may count its staff with the other
    staff formulas in one scan (:func:`efs.indicators.sql.fusible`), and ``beside`` the query of what
    else it counts (:func:`efs.indicators.sql.compile_beside_staff`); its groups are the same either way.
    """

    query: sa.Select[Any]
    kind: str
    factor: float
    subs: tuple[tuple[str, str], ...]
    key: str  # :func:`efs.indicators.analytics.query_key`: identical queries share their groups
    fusion: tuple[FormulaSpec, FormulaContext] | None = None
    beside: sa.Select[Any] | None = None


#: Block formulas already compiled: (formula, context, dialect) → the compiled formula. Building the
#: SQLAlchemy query and its key costs about as much as running the smaller queries; a report computes
#: the same formulas for several scopes, so each is built once per process (at most :data:`MAX_COMPILED`).
_COMPILED: dict[tuple[str, FormulaContext, str], CompiledFormula] = {}
MAX_COMPILED = 512


def compile_plans(plans: list[IndicatorPlan], ctx: FormulaContext, dialect: Any) -> list[CompiledFormula | None]:
    """Each plan's formula compiled once (``None`` for a plan without a formula), in the plans' order.

    A block formula (``spec``) is compiled once per process for a context and dialect: the same
    specification gives the same query. A Python formula is asked again each time.
    """
    out: list[CompiledFormula | None] = []
    for plan in plans:
        if plan.formula is None:
            out.append(None)
            continue
        spec = plan.formula.spec
        memo = (repr(spec), ctx, str(dialect.name)) if spec is not None else None
        found = _COMPILED.get(memo) if memo is not None else None
        if found is None:
            query, kind, factor, subs = plan.formula.build(ctx)
            fusion, beside = None, None
            if spec is not None and fusible(spec, own := plan.formula.context(ctx)):
                fusion, beside = (spec, own), compile_beside_staff(spec, own)
            found = CompiledFormula(query, kind, factor, subs, query_key(query, dialect), fusion, beside)
            if memo is not None:
                if len(_COMPILED) >= MAX_COMPILED:
                    _COMPILED.clear()
                _COMPILED[memo] = found
        out.append(found)
    return out


def place_groups(groups: list[Group], hierarchy: Hierarchy) -> list[Group]:
    """Staff are grouped by organization only: place their groups in the organization's municipality."""
    for g in groups:
        if g.municipality_id is None and g.organization_id is not None:
            g.municipality_id = hierarchy.organizations.get(g.organization_id, (None, ""))[0]
    return groups


def run_compiled(
    store: Store,
    conn: sa.Connection,
    compiled: list[CompiledFormula | None],
    hierarchy: Hierarchy,
    built: dict[str, bool] | None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[tuple[str, str], list[Group]]:
    """Run the distinct queries of ``compiled`` in parallel, except those in ``built`` (the analytics tables have them).

    The formulas PostgreSQL can count in one scan of the staff (``fusion``) are run so, together
    (:func:`efs.indicators.sql.compile_fused`), in as many queries as run at once: on two cores
    the eight queries of Амурская область that each read and grouped every person became two,
    and its 16 queries at 100 000 staff took 0.48 s one by one instead of 1.01 s. Returns (query key,
    ``organization``) → the query's groups placed in municipalities: the ``memo`` of
    :func:`efs.indicators.engine.evaluate`. ``progress(done, total)`` hears each query finished.
    """
    jobs = [job for _, job in plan_jobs(store, compiled, built)]
    found = run_all(store, jobs, conn, progress)
    return {(key, "organization"): place_groups(groups, hierarchy) for key, groups in found.items()}


def plan_jobs(
    store: Store, compiled: list[CompiledFormula | None], built: dict[str, bool] | None = None
) -> list[tuple[tuple[str, ...], Job]]:
    """The queries :func:`run_compiled` runs for ``compiled`` (those in ``built`` excepted): per query,
    the keys of the formulas it computes and the job running it — fused staff queries first (the
    longest), then each other distinct formula alone."""
    singles: dict[str, CompiledFormula] = {}
    together: dict[str, CompiledFormula] = {}
    for c in compiled:
        if c is not None and (built is None or c.key not in built):
            (together if c.fusion is not None else singles).setdefault(c.key, c)
    if len(together) < 2:
        singles.update(together)
        together = {}
    queries = workers_for(store, len(compiled))
    jobs: list[tuple[tuple[str, ...], Job]] = [(g.keys, g.run) for g in _fused(list(together.values()), queries)]
    jobs += [((key,), partial(_alone, key, c.query, c.subs)) for key, c in singles.items()]
    jobs += [((key,), partial(_alone, key, c.beside, c.subs)) for key, c in together.items() if c.beside is not None]
    return jobs


def _alone(
    key: str, query: sa.Select[Any], subs: tuple[tuple[str, str], ...], conn: sa.Connection
) -> dict[str, list[Group]]:
    return {key: person_groups(conn, query, [sid for sid, _ in subs])}


@dataclass(frozen=True)
class _FusedJob:
    """One :func:`efs.indicators.sql.compile_fused` query and the formulas it counts."""

    fused: Fused
    keys: tuple[str, ...]
    subs: tuple[tuple[str, ...], ...]

    def run(self, conn: sa.Connection) -> dict[str, list[Group]]:
        return dict(zip(self.keys, fused_groups(conn, self.fused, [list(s) for s in self.subs]), strict=True))


#: Fused queries already built: the formulas (keys and sub-measures) and the number of queries → the
#: queries (as :data:`_COMPILED`, once per process).
_FUSED: dict[tuple[tuple[tuple[str, tuple[tuple[str, str], ...]], ...], int], list[_FusedJob]] = {}


def _fused(formulas: list[CompiledFormula], n: int) -> list[_FusedJob]:
    """The staff formulas in at most ``n`` fused queries (:func:`efs.indicators.sql.fusion_groups`)."""
    if not formulas:
        return []
    memo = (tuple((c.key, c.subs) for c in formulas), n)  # the same query may name its parts otherwise
    found = _FUSED.get(memo)
    if found is None:
        specs = [c.fusion for c in formulas if c.fusion is not None]  # all of them: plan_jobs passes those
        assert len(specs) == len(formulas)
        found = []
        for group in fusion_groups(specs, n):
            mine = [formulas[i] for i in group]
            fused = compile_fused([specs[i] for i in group])
            found.append(_FusedJob(fused, tuple(c.key for c in mine), tuple(tuple(s for s, _ in c.subs) for c in mine)))
        if len(_FUSED) >= MAX_COMPILED:
            _FUSED.clear()
        _FUSED[memo] = found
    return found


def workers_for(store: Store, jobs: int) -> int:
    """How many queries run at once: one per core, at most :data:`MAX_WORKERS` — one for an in-memory SQLite
    database, which exists once per connection (one connection, one thread)."""
    if ":memory:" in store.url:
        return 1
    return max(1, min(jobs, os.cpu_count() or 1, MAX_WORKERS))


#: Most queries run at once while building (each holds a connection and, on PostgreSQL, ``work_mem``).
MAX_WORKERS = 4

#: A query to run and how to read it: connection → (query key → its groups).
Job = Callable[[sa.Connection], dict[str, list[Group]]]


def run_all(
    store: Store,
    jobs: list[Job],
    conn: sa.Connection | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, list[Group]]:
    """The groups of every query, run in parallel where the store allows, in the jobs' order (the groups
    of jobs giving the same key one after the other).

    Each parallel query has its own connection; run one at a time, they use ``conn`` when given.
    ``progress(done, total)`` is called as queries finish.
    """
    from concurrent.futures import ThreadPoolExecutor, as_completed

    total = len(jobs)

    def tick(done: int) -> None:
        if progress is not None:
            progress(done, total)

    def run(job: Job) -> dict[str, list[Group]]:
        with store.engine.connect() as own:
            tune(own)
            return job(own)

    tick(0)
    workers = workers_for(store, len(jobs))
    done: dict[int, dict[str, list[Group]]] = {}
    if workers <= 1:
        for k, job in enumerate(jobs):
            done[k] = job(conn) if conn is not None else run(job)
            tick(len(done))
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="efs-analytics") as pool:
            futures = {pool.submit(run, job): k for k, job in enumerate(jobs)}
            for future in as_completed(futures):
                done[futures[future]] = future.result()
                tick(len(done))
    out: dict[str, list[Group]] = {}
    for k in range(len(jobs)):
        for key, groups in done[k].items():  # a fused formula's staff, then what it counts beside them
            out.setdefault(key, []).extend(groups)
    return out
