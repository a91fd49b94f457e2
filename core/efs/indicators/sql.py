"""Compiling building-block formulas to one SQLAlchemy Core query.

The query returns one row per group ``(municipality_id, organization_id)`` with the columns
``numerator``, ``denominator``, ``base`` (rows of the population: tells whether person-level data
exists for the group), ``sub_0``, ``sub_1``… (numerators of the sub-measures) and ``subden_k`` for a
sub-measure with its own denominator (``where``). The engine rolls
groups up to municipalities and the jurisdiction; nothing ever loops over people in Python.

Counting from the event side. A numerator (or sub-measure) whose conditions include a membership
(«прошёл диагностику», «освоил программу», «входит в методический актив»…) is not computed by
probing the event table once per person: the people with such an event are listed once
(``SELECT staff_id FROM diagnostics WHERE jurisdiction_id = :j AND <dates> AND … GROUP BY staff_id``), joined
to the population by its primary key, and counted there; the population's own scan counts only the
denominators. The two parts are added up per group (``UNION ALL`` and ``GROUP BY``). A person is
counted in a numerator iff they are in the population and have a matching event: the same set as
the membership test, with one probe per member instead of one per person and per column (measured
1.7× faster on SQLite at 100 000 staff; see ``docs/data.md``). Memberships elsewhere (under ``not``
or ``any``, in a restriction of the population) stay membership tests: a correlated ``EXISTS`` on
SQLite, ``id IN (SELECT …)`` — a hashed subplan — on PostgreSQL; so do those of a small population
on SQLite (:data:`SMALL_POPULATIONS`), where probing for each of its few people is cheaper than
listing every event.

Staff formulas together (PostgreSQL). Each formula's own query reads and groups every person working
in the year; the engine instead counts the formulas about staff in a few queries
(:func:`compile_fused`, split by :func:`fusion_groups` to run side by side): one scan of the staff, the
people with events listed once with a bit per membership, and each column a
``count(*) FILTER (WHERE …)``. Each formula gets exactly the groups and numbers of its own query, which
``--explain`` prints.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql import operators, visitors
from sqlalchemy.sql.elements import ColumnElement, UnaryExpression

from efs.data import schema as S
from efs.indicators.spec import Condition, CountSpec, FormulaSpec

Pred = ColumnElement[bool]


@dataclass(frozen=True)
class FormulaContext:
    """Where and when a formula is evaluated.

    Attributes:
        jurisdiction: Jurisdiction id (every query filters on it first).
        year: Report year.
        window: Years the event conditions look back (1 — the report year only).
        dialect: ``sqlite`` or ``postgresql``: membership tests compile to the faster form for each.
        restrict: ``(scope, ids)``: count only the staff of these municipalities or organizations
            (``None`` — all). Used by the synthesis to compute the aggregate returns of a few scopes.
    """

    jurisdiction: str
    year: int
    window: int = 1
    dialect: str = "sqlite"
    restrict: tuple[str, tuple[str, ...]] | None = None

    @property
    def start(self) -> dt.date:
        """First day of the window."""
        return dt.date(self.year - self.window + 1, 1, 1)

    @property
    def end(self) -> dt.date:
        """First day after the report year."""
        return dt.date(self.year + 1, 1, 1)

    @property
    def first_year(self) -> int:
        """First year of the window."""
        return self.year - self.window + 1


@dataclass
class _Frame:
    """One entity's FROM clause and the columns conditions use."""

    entity: str
    from_: Any
    row: Any  # the entity's table alias
    org: Any  # organizations alias or None
    municipality: Any
    organization: Any
    population: list[Pred]
    scan_from: Any = None  # the population scan's FROM clause when it differs from ``from_``


def _in_window(col: Any, ctx: FormulaContext) -> Pred:
    return sa.and_(col >= ctx.start, col < ctx.end)


def _overlaps(start: Any, end: Any, ctx: FormulaContext) -> Pred:
    return sa.and_(start < ctx.end, sa.or_(end.is_(None), end >= ctx.start))


def _years_overlap(since: Any, until: Any, ctx: FormulaContext) -> Pred:
    return sa.and_(since <= ctx.year, sa.or_(until.is_(None), until >= ctx.first_year))


def _in(col: Any, values: Sequence[Any], ctx: FormulaContext) -> Pred:
    """``col IN (values)`` for a probe into an event table.

    On SQLite the column is written ``+col``, which keeps the IN-list out of the index seek: SQLite
    3.34–3.41 return wrong rows for seeks ``… AND col IN (…) AND <next column> < ?`` once
    ``sqlite_stat1`` exists (see :mod:`efs.data.sqlite`). efs refuses those releases, and this keeps
    its own queries clear of that bug wherever the library comes from; the seek on the probe's
    leading columns (jurisdiction, person) stays, and the few rows under it are filtered.
    """
    if ctx.dialect == "sqlite":
        col = _plus(col)
    return col.in_(values)


def _plus(col: Any) -> Any:
    """SQLite's ``+col``: the same value, but no index seek on it (a hint to the planner)."""
    return UnaryExpression(col, operator=operators.custom_op("+"), type_=col.type)


def _flag(col: Any, value: bool) -> Pred:
    return col if value else sa.not_(col)


def _frame(entity: str, population: str, ctx: FormulaContext, needs_org: bool = False) -> _Frame:
    j = ctx.jurisdiction
    if entity == "staff":
        # Staff are grouped by organization only; the engine maps organizations to municipalities.
        # The organizations table is joined only when a condition reads it.
        s, o = S.staff.alias("s"), S.organizations.alias("o")
        from_: Any = s
        scan_from, organization = None, s.c.organization_id
        if needs_org:
            from_ = s.join(o, sa.and_(o.c.jurisdiction_id == s.c.jurisdiction_id, o.c.id == s.c.organization_id))
            if ctx.dialect == "sqlite":
                # SQLite: the population's scan reads the organizations in order and each one's staff
                # from the covering index by organization (``+o.id`` keeps the planner from probing the
                # organization of every person instead: 0.09 → 0.04 s at 100 000 staff), grouped by o.id
                # so that the groups come in that order
                on = sa.and_(s.c.jurisdiction_id == o.c.jurisdiction_id, s.c.organization_id == _plus(o.c.id))
                scan_from = o.join(s, on)
                organization = o.c.id
        pop: list[Pred] = [
            s.c.jurisdiction_id == j,
            s.c.pedagogical_start_year <= ctx.year,
            sa.or_(s.c.left_year.is_(None), s.c.left_year >= ctx.year),
            *_staff_population(s, population, ctx),
        ]
        if ctx.restrict is not None:
            scope, ids = ctx.restrict
            if scope == "municipality":
                r = S.organizations.alias("r")
                pop.append(
                    s.c.organization_id.in_(
                        sa.select(r.c.id).where(r.c.jurisdiction_id == j, r.c.municipality_id.in_(ids))
                    )
                )
            else:
                pop.append(s.c.organization_id.in_(ids))
        # grouped by organization alone even when the organizations are joined, so that the covering
        # index by organization gives the groups in order; the engine places them in municipalities
        return _Frame(entity, from_, s, o, sa.cast(sa.null(), sa.String), organization, pop, scan_from)
    if entity == "graduates":
        g = S.graduates.alias("g")
        pop = [
            g.c.jurisdiction_id == j,
            g.c.graduation_year >= ctx.first_year,
            g.c.graduation_year <= ctx.year,
        ]
        return _Frame(entity, g, g, None, g.c.municipality_id, sa.cast(sa.null(), sa.String), pop)
    if entity == "organizations":
        o = S.organizations.alias("o")
        return _Frame(entity, o, o, o, o.c.municipality_id, o.c.id, [o.c.jurisdiction_id == j])
    if entity == "management_teams":
        t, o = S.management_teams.alias("t"), S.organizations.alias("o")
        from_ = t.outerjoin(o, sa.and_(o.c.jurisdiction_id == t.c.jurisdiction_id, o.c.id == t.c.organization_id))
        return _Frame(entity, from_, t, o, t.c.municipality_id, t.c.organization_id, [t.c.jurisdiction_id == j])
    if entity == "events":
        e = S.events.alias("e")
        pop = [e.c.jurisdiction_id == j, _in_window(e.c.held_on, ctx)]
        return _Frame(entity, e, e, None, e.c.municipality_id, e.c.organization_id, pop)
    if entity == "internship_sites":
        i, o = S.internship_sites.alias("i"), S.organizations.alias("o")
        from_ = i.join(o, sa.and_(o.c.jurisdiction_id == i.c.jurisdiction_id, o.c.id == i.c.organization_id))
        pop = [i.c.jurisdiction_id == j, _years_overlap(i.c.since_year, i.c.until_year, ctx)]
        return _Frame(entity, from_, i, o, o.c.municipality_id, i.c.organization_id, pop)
    if entity == "programmes":
        p = S.programmes.alias("p")
        none = sa.cast(sa.null(), sa.String)
        return _Frame(entity, p, p, None, none, none, [p.c.jurisdiction_id == j])
    raise ValueError(entity)


def _staff_population(s: Any, population: str, ctx: FormulaContext) -> list[Pred]:
    """What narrows the staff working in the year (every population's rows) to ``population``."""
    if population in ("teachers", "young_teachers", "teachers_and_graduates"):
        out: list[Pred] = [s.c.is_pedagogical]
    elif population == "managers":
        out = [s.c.is_manager]
    elif population == "teachers_and_managers":
        out = [sa.or_(s.c.is_pedagogical, s.c.is_manager)]
    else:
        out = []
    if population == "young_teachers":
        out += [s.c.birth_year > ctx.year - 35, s.c.pedagogical_start_year > ctx.year - 3]
    return out


# --- conditions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Membership:
    """A condition «the row has a matching row in ``table``» (``key`` = the row's id), before compiling.

    :meth:`predicate` is the membership test on a frame's row; :meth:`members` lists the ids that pass
    it, once, for counting from the event side (see the module docstring).
    """

    table: Any
    key: Any
    preds: tuple[Pred, ...]
    from_: Any = None

    def predicate(self, f: _Frame, ctx: FormulaContext) -> Pred:
        """PostgreSQL: ``id IN (SELECT key …)`` — planned as a hashed semi-join. SQLite: a correlated
        ``EXISTS`` probing the table's primary key ``(jurisdiction_id, key, …)``, far cheaper there than
        materialising the subquery."""
        source = self.from_ if self.from_ is not None else self.table
        if ctx.dialect == "sqlite":
            return (
                sa.exists()
                .select_from(source)
                .where(self.table.c.jurisdiction_id == f.row.c.jurisdiction_id, self.key == f.row.c.id, *self.preds)
            )
        sub = sa.select(self.key).select_from(source)
        return f.row.c.id.in_(sub.where(self.table.c.jurisdiction_id == ctx.jurisdiction, *self.preds))

    def members(self, ctx: FormulaContext, name: str = "m") -> Any:
        """``SELECT key AS id … GROUP BY key``: every id passing the test, once.

        Grouped rather than ``DISTINCT``: SQLite then gives the ids in order, and the join that follows
        reads the population's primary key in order (0.13 → 0.10 s at 100 000 staff for one share).
        """
        source = self.from_ if self.from_ is not None else self.table
        return (
            sa.select(self.key.label("id"))
            .select_from(source)
            .where(self.table.c.jurisdiction_id == ctx.jurisdiction, *self.preds)
            .group_by(self.key)
            .subquery(name)
        )

    def identity(self) -> tuple[Any, ...]:
        """Two memberships with the same identity list the same ids (the same table, key and conditions)."""
        return (*self.source_key(), *sorted(map(_pred_key, self.preds)))

    def source_key(self) -> tuple[Any, ...]:
        """What memberships must share to be listed by one scan: the table, the key and the FROM clause."""
        return (self.table.name, self.key.name, id(self.from_) if self.from_ is not None else None)


def _pred_key(pred: Pred) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A predicate's identity: its SQL text and its parameter values (two ``>= 70`` and ``>= 80`` differ)."""
    compiled = pred.compile()
    return str(compiled), tuple(sorted((k, repr(v)) for k, v in compiled.params.items()))


def shared_members(members: Sequence[_Membership], ctx: FormulaContext, name: str = "m") -> Any:
    """One list for several memberships of the same table and key: every id passing any of them, once,
    with ``hit_k`` = 1 when it passes membership ``k``.

    ``SELECT key AS id, max(CASE WHEN <k's own conditions> THEN 1 ELSE 0 END) AS hit_k … WHERE <shared
    conditions> AND (<any one's own conditions>) GROUP BY key``: the conditions every membership has (the
    year's window, the kind of diagnostic…) stay in the WHERE clause, where the year index serves them,
    so the table's rows of the year are read once instead of once per membership.
    """
    first = members[0]
    source, where, own = _shared_scan(members, ctx)
    hits = [
        (sa.literal(1, sa.Integer) if not preds else sa.func.max(sa.case((sa.and_(*preds), 1), else_=0))).label(
            f"hit_{k}"
        )
        for k, preds in enumerate(own)
    ]
    return sa.select(first.key.label("id"), *hits).select_from(source).where(*where).group_by(first.key).subquery(name)


def _shared_scan(members: Sequence[_Membership], ctx: FormulaContext) -> tuple[Any, list[Pred], list[list[Pred]]]:
    """How one read of a table serves several of its memberships: the FROM clause, the WHERE clause (the
    conditions every membership has, and any one's own) and each membership's own conditions."""
    first = members[0]
    source = first.from_ if first.from_ is not None else first.table
    keyed = [{_pred_key(p): p for p in m.preds} for m in members]
    common = [k for k in keyed[0] if all(k in other for other in keyed[1:])]
    own = [[p for k, p in preds.items() if k not in common] for preds in keyed]
    where = [first.table.c.jurisdiction_id == ctx.jurisdiction, *(keyed[0][k] for k in common)]
    if all(own):  # a membership with no conditions of its own takes every row: no filter then
        where.append(sa.or_(*(sa.and_(*preds) for preds in own)))
    return source, where, own


def _member(f: _Frame, ctx: FormulaContext, table: Any, key: Any, preds: list[Pred], from_: Any = None) -> _Membership:
    """``f``'s row has a matching row in ``table`` (``key`` = the row's id)."""
    return _Membership(table, key, tuple(preds), from_)


def _c_took_diagnostic(f: _Frame, p: dict[str, Any], ctx: FormulaContext) -> _Membership:
    if f.entity == "graduates":
        d, key = S.graduate_diagnostics, S.graduate_diagnostics.c.graduate_id
    else:
        d, key = S.diagnostics, S.diagnostics.c.staff_id
    preds = [_in_window(d.c.taken_on, ctx)]
    if "kind" in p:
        preds.append(_in(d.c.kind, p["kind"], ctx))
    if "min_result" in p:
        preds.append(d.c.result_percent >= p["min_result"])
    if "deficits_found" in p and f.entity == "staff":
        preds.append(_flag(d.c.deficits_found, p["deficits_found"]))
    providers = _names(p, "provider")
    if providers is not None and f.entity == "staff":
        preds.append(_in(d.c.provider, providers, ctx))
    return _member(f, ctx, d, key, preds)


def _names(p: dict[str, Any], key: str) -> list[str] | None:
    """Values of a name parameter (``provider``, ``developer``…) with its ``…_subject`` variants.

    The plan resolves ``…_subject`` and ``developed_by_system`` against the configuration into the plain
    parameter (:mod:`efs.indicators.names`); a formula compiled without a configuration matches the
    subject ids themselves, and ``developed_by_system`` matches nothing. ``None`` — no such parameter.
    """
    if key not in p and f"{key}_subject" not in p and not (key == "developer" and "developed_by_system" in p):
        return None
    return [*p.get(key, ()), *p.get(f"{key}_subject", ())]


def _deficit_diagnostic_before(
    p: dict[str, Any], row: Any, staff: Any, date: Any, ctx: FormulaContext
) -> tuple[list[Pred], Any]:
    """«…на основе результатов диагностики профессиональных дефицитов в ЦНППМ»: the person has such a
    diagnostic by one of the providers (``diagnostic_provider``) no later than ``date``.

    The predicates on ``row`` and the FROM clause they need (``None``: ``row``'s table alone). PostgreSQL:
    ``EXISTS`` (a hashed semi-join). SQLite: the date of each person's first such diagnostic, listed
    once, joined by person (``first <= date``) — not a probe of the diagnostics for every route or
    completion (0.085 → 0.063 s for the routes at 100 000 staff).
    """
    providers = _names(p, "diagnostic_provider")
    if providers is None:
        return [], None
    dd = S.diagnostics.alias("dd")
    mine = [dd.c.kind == "professional_deficits", dd.c.provider.in_(providers)]
    if ctx.dialect != "sqlite":
        return [
            sa.exists().where(
                dd.c.jurisdiction_id == row.c.jurisdiction_id, dd.c.staff_id == staff, *mine, dd.c.taken_on <= date
            )
        ], None
    first = (
        sa.select(dd.c.staff_id, sa.func.min(dd.c.taken_on).label("first"))
        .where(dd.c.jurisdiction_id == ctx.jurisdiction, *mine)
        .group_by(dd.c.staff_id)
        .subquery("first_deficits")
    )
    return [first.c.first <= date], row.join(first, first.c.staff_id == staff)


def _c_completed_programme(f: _Frame, p: dict[str, Any], ctx: FormulaContext) -> _Membership:
    pc, pr = S.programme_completions, S.programmes
    preds = [_in_window(pc.c.completed_on, ctx)]
    if "selected_by_diagnostics" in p:
        preds.append(_flag(pc.c.selected_by_diagnostics, p["selected_by_diagnostics"]))
    prog = _programme_flags(pr, p)
    if prog:
        # the programmes that qualify, as a list: a completion is checked against it before the
        # diagnostic is looked for (joined, SQLite probed the diagnostics of every completion first:
        # 0.14 → 0.10 s for the registry programmes at 100 000 staff)
        qualifying = sa.select(pr.c.id).where(pr.c.jurisdiction_id == ctx.jurisdiction, *prog)
        column = _plus(pc.c.programme_id) if ctx.dialect == "sqlite" else pc.c.programme_id
        preds.append(column.in_(qualifying))
    before, from_ = _deficit_diagnostic_before(p, pc, pc.c.staff_id, pc.c.completed_on, ctx)
    return _member(f, ctx, pc, pc.c.staff_id, preds + before, from_)


def _programme_flags(pr: Any, p: dict[str, Any]) -> list[Pred]:
    cols = {
        "federal_registry": pr.c.in_federal_registry,
        "network_form": pr.c.network_form,
        "innovation_based": pr.c.innovation_based,
    }
    out = [_flag(cols[k], v) for k, v in p.items() if k in cols]
    developers = _names(p, "developer")
    if developers is not None:
        out.append(pr.c.developer.in_(developers))
    return out


def _c_individual_route(f: _Frame, p: dict[str, Any], ctx: FormulaContext) -> _Membership:
    r = S.individual_routes
    preds = [_overlaps(r.c.started_on, r.c.ended_on, ctx)]
    if p.get("started_in_period") is True:
        preds.append(r.c.started_on >= ctx.start)
    elif p.get("started_in_period") is False:
        preds.append(r.c.started_on < ctx.start)
    if "based_on_diagnostics" in p:
        preds.append(_flag(r.c.based_on_diagnostics, p["based_on_diagnostics"]))
    before, from_ = _deficit_diagnostic_before(p, r, r.c.staff_id, r.c.started_on, ctx)
    return _member(f, ctx, r, r.c.staff_id, preds + before, from_)


def _c_participated(f: _Frame, p: dict[str, Any], ctx: FormulaContext) -> _Membership:
    sp = S.support_participation
    preds = [_overlaps(sp.c.started_on, sp.c.ended_on, ctx)]
    if "forms" in p:
        preds.append(_in(sp.c.form, p["forms"], ctx))
    if "roles" in p:
        preds.append(_in(sp.c.role, p["roles"], ctx))
    return _member(f, ctx, sp, sp.c.staff_id, preds)


def _c_post_course_support(f: _Frame, p: dict[str, Any], ctx: FormulaContext) -> _Membership:
    pcs = S.post_course_support
    preds = [_overlaps(pcs.c.started_on, pcs.c.ended_on, ctx)]
    if p.get("after_completed_programme"):
        done = S.programme_completions.alias("done")
        preds.append(
            sa.exists().where(
                done.c.jurisdiction_id == pcs.c.jurisdiction_id,
                done.c.staff_id == pcs.c.staff_id,
                done.c.programme_id == pcs.c.programme_id,
                _in_window(done.c.completed_on, ctx),
                done.c.completed_on <= pcs.c.started_on,
            )
        )
    return _member(f, ctx, pcs, pcs.c.staff_id, preds)


def _c_methodical_active(f: _Frame, p: dict[str, Any], ctx: FormulaContext) -> _Membership:
    m = S.methodical_active_members
    preds = [_years_overlap(m.c.since_year, m.c.until_year, ctx)]
    if "roles" in p:
        preds.append(_in(m.c.role, p["roles"], ctx))
    return _member(f, ctx, m, m.c.staff_id, preds)


def _c_organization(f: _Frame, p: dict[str, Any], ctx: FormulaContext) -> Pred:
    o = f.org
    preds: list[Pred] = []
    if "kind" in p:
        preds.append(o.c.kind.in_(p["kind"]))
    for flag in ("low_results", "adverse_conditions", "mentoring_model", "national_project_infrastructure"):
        if flag in p:
            col = o.c[flag]
            preds.append(col if p[flag] else sa.and_(col.is_not(None), sa.not_(col)))
    if f.entity == "management_teams":
        preds.append(o.c.id.is_not(None))
    return sa.and_(sa.true(), *preds)


def _c_has_site(f: _Frame, p: dict[str, Any], ctx: FormulaContext) -> _Membership:
    i = S.internship_sites
    preds = [_years_overlap(i.c.since_year, i.c.until_year, ctx)]
    if "kind" in p:
        preds.append(_in(i.c.kind, p["kind"], ctx))
    return _member(f, ctx, i, i.c.organization_id, preds)


def _c_trained(f: _Frame, p: dict[str, Any], ctx: FormulaContext) -> _Membership:
    tt = S.team_trainings
    return _member(f, ctx, tt, tt.c.team_id, [_in_window(tt.c.completed_on, ctx)])


def _c_implemented(f: _Frame, p: dict[str, Any], ctx: FormulaContext) -> Compiled:
    pc = S.programme_completions
    if ctx.dialect == "sqlite":  # completions are keyed by staff first: probe by the year index instead
        return f.row.c.id.in_(
            sa.select(pc.c.programme_id).where(
                pc.c.jurisdiction_id == ctx.jurisdiction, _in_window(pc.c.completed_on, ctx)
            )
        )
    return _member(f, ctx, pc, pc.c.programme_id, [_in_window(pc.c.completed_on, ctx)])


Compiled = Pred | _Membership

CONDITION_SQL: dict[str, Callable[[_Frame, dict[str, Any], FormulaContext], Compiled]] = {
    "took_diagnostic": _c_took_diagnostic,
    "completed_programme": _c_completed_programme,
    "individual_route": _c_individual_route,
    "participated": _c_participated,
    "post_course_support": _c_post_course_support,
    "methodical_active": _c_methodical_active,
    "manager": lambda f, p, ctx: _flag(f.row.c.is_manager, p["value"]),
    "pedagogical": lambda f, p, ctx: _flag(f.row.c.is_pedagogical, p["value"]),
    "age_below": lambda f, p, ctx: f.row.c.birth_year > ctx.year - p["years"],
    "experience_below": lambda f, p, ctx: f.row.c.pedagogical_start_year > ctx.year - p["years"],
    "organization": _c_organization,
    "has_site": _c_has_site,
    "trained": _c_trained,
    "team_level": lambda f, p, ctx: (
        f.row.c.organization_id.is_not(None) if p["level"] == "organization" else f.row.c.organization_id.is_(None)
    ),
    "event_kind": lambda f, p, ctx: f.row.c.kind.in_(p["kind"]),
    "event_level": lambda f, p, ctx: f.row.c.level.in_(p["level"]),
    "site_kind": lambda f, p, ctx: f.row.c.kind.in_(p["kind"]),
    "programme": lambda f, p, ctx: sa.and_(sa.true(), *_programme_flags(f.row, p)),
    "implemented": _c_implemented,
}


def compile_condition(cond: Condition, frame: _Frame, ctx: FormulaContext) -> Pred:
    """One condition as a SQL predicate on ``frame``'s row."""
    if cond.block == "not":
        return sa.not_(compile_condition(cond.children[0], frame, ctx))
    if cond.block in ("any", "all"):
        parts = [compile_condition(c, frame, ctx) for c in cond.children]
        if cond.block == "any":
            return sa.or_(sa.false(), *parts)
        return sa.and_(sa.true(), *parts)
    compiled = CONDITION_SQL[cond.block](frame, dict(cond.params), ctx)
    return compiled.predicate(frame, ctx) if isinstance(compiled, _Membership) else compiled


def _membership(cond: Condition, frame: _Frame, ctx: FormulaContext) -> _Membership | None:
    """``cond`` as a membership of ``frame``'s row, if it is one (a block probing an event table by the row's id)."""
    if cond.block in ("not", "any", "all") or not hasattr(frame.row.c, "id"):
        return None
    compiled = CONDITION_SQL[cond.block](frame, dict(cond.params), ctx)
    return compiled if isinstance(compiled, _Membership) else None


def _joined(conds: Sequence[Condition], frame: _Frame, ctx: FormulaContext) -> tuple[Condition, _Membership] | None:
    """The first condition of ``conds`` that is a membership, to be counted through its member list."""
    return next(((c, m) for c in conds if (m := _membership(c, frame, ctx)) is not None), None)


def _all(conds: Sequence[Condition], frame: _Frame, ctx: FormulaContext) -> Pred | None:
    if not conds:
        return None
    preds = [compile_condition(c, frame, ctx) for c in conds]
    return preds[0] if len(preds) == 1 else sa.and_(*preds)


def _measure(frame: _Frame, measure: str) -> Any:
    if measure == "participants":
        return sa.func.coalesce(frame.row.c.participants, 0)
    return ONE


#: The measure of a formula that counts rows.
ONE = sa.literal(1, sa.Integer)


def _sum_if(pred: Pred | None, value: Any) -> Any:
    """The sum of ``value`` over the group's rows meeting ``pred``; counting rows is ``count(*)``, with
    ``FILTER (WHERE pred)`` — cheaper per row than summing a ``CASE`` (both dialects have it)."""
    if value is ONE:
        return sa.func.count() if pred is None else sa.func.count().filter(pred)
    if pred is None:
        return sa.func.coalesce(sa.func.sum(value), 0)
    return sa.func.coalesce(sa.func.sum(sa.case((pred, value), else_=0)), 0)


def _null(expr: Any) -> bool:
    """``expr`` is ``CAST(NULL AS …)``: a key that is the same for every row."""
    return isinstance(expr, sa.Cast) and isinstance(expr.clause, sa.Null)


def _zero() -> Any:
    return sa.literal(0, sa.Integer)


@dataclass
class _Column:
    """One value column of a side: the sum of ``value`` over the rows meeting every condition of ``conds``."""

    label: str
    conds: list[Condition] | None  # None: not a sum (``literal`` below)
    literal: Any = None


def _needs_org(formula: FormulaSpec, spec: CountSpec) -> bool:
    """A condition of the side or of the formula's numerators reads the organization of the row."""
    conds = [
        *spec.where,
        *formula.numerator,
        *(c for sm in formula.sub_measures for c in (*sm.where, *sm.numerator)),
    ]
    return any("organization" in c.blocks() for c in conds)


def _columns(spec: CountSpec, role: str, formula: FormulaSpec) -> tuple[list[Condition], list[_Column]]:
    """What one side of a formula counts: the conditions narrowing its population (a share's ``where``:
    its denominator) and its value columns (see the module docstring)."""
    if formula.kind == "share":
        columns = [_Column("numerator", list(formula.numerator)), _Column("denominator", [])]
        for k, sm in enumerate(formula.sub_measures):
            columns.append(_Column(f"sub_{k}", [*sm.where, *sm.numerator]))
            if sm.where:  # a part with its own denominator
                columns.append(_Column(f"subden_{k}", list(sm.where)))
        return list(spec.where), columns
    if formula.kind == "count":
        return [], [
            _Column("numerator", list(spec.where)),
            _Column("denominator", None, sa.cast(sa.null(), sa.Float)),
        ]
    # ratio: this side's count goes in its own column, the other is zero
    return [], [
        _Column("numerator", list(spec.where) if role == "numerator" else None, _zero()),
        _Column("denominator", list(spec.where) if role == "denominator" else None, _zero()),
    ]


def _sides(formula: FormulaSpec) -> list[tuple[CountSpec, str]]:
    """The formula's sides with their roles: its base, and a ratio's denominator."""
    out = [(formula.base, "numerator")]
    if formula.denominator is not None:
        out.append((formula.denominator, "denominator"))
    return out


def _side(
    spec: CountSpec, role: str, formula: FormulaSpec, ctx: FormulaContext, entities: Sequence[str] | None = None
) -> list[sa.Select[Any]]:
    """Grouped selects for one side of a formula: per entity of its population (of ``entities`` only,
    when given), the population's scan and one select per membership counted from the event side (see
    the module docstring)."""
    out = []
    needs_org = _needs_org(formula, spec)
    restrict_conds, columns = _columns(spec, role, formula)
    for entity in spec.entities:
        if entities is not None and entity not in entities:
            continue
        frame = _frame(entity, spec.population, ctx, needs_org)
        where = list(frame.population)
        restrict = _all(restrict_conds, frame, ctx)
        if restrict is not None:
            where.append(restrict)
        out += _parts(frame, spec, columns, where, ctx)
    return out


#: Populations that are a small part of their entity (young teachers: about 7 % of the staff). On SQLite
#: their memberships are tested person by person (a correlated ``EXISTS`` on the event table's primary
#: key) rather than counted from the event side: listing every participant of support to keep the few
#: young ones cost 0.09 s at 100 000 staff, probing for each young teacher 0.03 s.
SMALL_POPULATIONS = frozenset({"young_teachers"})


def _parts(
    frame: _Frame, spec: CountSpec, columns: list[_Column], where: list[Pred], ctx: FormulaContext
) -> list[sa.Select[Any]]:
    """The population's scan, and one select per membership (by its first membership) counted from the event side."""
    measure = _measure(frame, spec.measure)
    keys = [frame.municipality.label("municipality_id"), frame.organization.label("organization_id")]
    by_member: dict[str, tuple[_Membership, dict[str, list[Condition]]]] = {}
    scanned: dict[str, Any] = {}
    for col in columns:
        if col.conds is None:
            continue
        found = _joined(col.conds, frame, ctx)
        if found is None or (ctx.dialect == "sqlite" and spec.population in SMALL_POPULATIONS):
            scanned[col.label] = _sum_if(_all(col.conds, frame, ctx), measure)
            continue
        cond, member = found
        rest = [c for c in col.conds if c is not cond]
        by_member.setdefault(repr(cond), (member, {}))[1][col.label] = rest

    def select(values: dict[str, Any], base: Any, from_: Any) -> sa.Select[Any]:
        cols = [*keys]
        for col in columns:
            value = values.get(col.label)
            if value is None:
                value = col.literal if col.conds is None else _zero()
            cols.append(value.label(col.label))
        cols.append(base.label("base"))
        return sa.select(*cols).select_from(from_).where(*where).group_by(*grouping)

    # Group by the keys that vary: ``GROUP BY CAST(NULL AS VARCHAR), s.organization_id`` hides from
    # SQLite that the covering index by organization already delivers the groups in order (it sorts
    # a temporary B-tree instead, 5× slower). Without any varying key the constants stay, so that
    # an empty population still gives no group.
    grouping = [k for k, expr in zip(keys, (frame.municipality, frame.organization), strict=True) if not _null(expr)]
    grouping = grouping or keys

    # Memberships of the same table and key (federal 2: a functional literacy diagnostic, and one with
    # 70 % or more) share one list: the table is read once, a flag per membership (``shared_members``).
    lists: dict[tuple[Any, ...], list[tuple[_Membership, dict[str, list[Condition]]]]] = {}
    for member, wanted in by_member.values():
        lists.setdefault(member.source_key(), []).append((member, wanted))

    def listed(group: list[tuple[_Membership, dict[str, list[Condition]]]], name: str) -> tuple[Any, list[Pred]]:
        """The member list of ``group`` and, per membership, the predicate «this row passes it»."""
        if len(group) == 1:
            m = group[0][0].members(ctx, name)
            return m, [m.c.id.is_not(None)]
        m = shared_members([member for member, _ in group], ctx, name)
        return m, [m.c[f"hit_{k}"] == 1 for k in range(len(group))]

    if ctx.dialect != "sqlite":
        # PostgreSQL: one scan of the population, each member list hashed once and joined to it
        # (a row has at most one match: the list is grouped by id); the membership is ``m.id IS NOT NULL``
        from_ = frame.from_
        for k, group in enumerate(lists.values()):
            m, hits = listed(group, f"m{k}")
            from_ = from_.outerjoin(m, m.c.id == frame.row.c.id)
            for (_, wanted), hit in zip(group, hits, strict=True):
                for label, rest in wanted.items():
                    more = _all(rest, frame, ctx)
                    scanned[label] = _sum_if(hit if more is None else sa.and_(hit, more), measure)
        return [select(scanned, sa.func.count(), from_)]
    scan = frame.scan_from if frame.scan_from is not None else frame.from_
    out = [select(scanned, sa.func.count(), scan)]
    for group in lists.values():
        m, hits = listed(group, "m")
        joined = m.join(frame.from_, sa.and_(frame.row.c.jurisdiction_id == ctx.jurisdiction, frame.row.c.id == m.c.id))
        values: dict[str, Any] = {}
        for (_, wanted), hit in zip(group, hits, strict=True):
            for label, rest in wanted.items():
                more = _all(rest, frame, ctx)
                if len(group) == 1:
                    values[label] = _sum_if(more, measure)
                else:
                    values[label] = _sum_if(hit if more is None else sa.and_(hit, more), measure)
        out.append(select(values, _zero(), joined))
    return out


def compile_formula(formula: FormulaSpec, ctx: FormulaContext) -> sa.Select[Any]:
    """The one query computing ``formula`` per group (see module docstring for its columns)."""
    query = _compile(formula, ctx, None)
    assert query is not None  # every population has an entity
    return query


def _value_columns(formula: FormulaSpec) -> list[str]:
    """The value columns of a formula's query, in order (see the module docstring)."""
    out = ["numerator", "denominator"]
    for k, sm in enumerate(formula.sub_measures):
        out += [f"sub_{k}", *([f"subden_{k}"] if sm.where else [])]
    return [*out, "base"]


def compile_beside_staff(formula: FormulaSpec, ctx: FormulaContext) -> sa.Select[Any] | None:
    """What a :func:`fusible` formula counts besides the staff — the graduates of «педагогические
    работники и выпускники» — as :func:`compile_formula`'s query over those entities alone (``None``:
    the formula counts staff only). Its groups are by municipality (no organization), the staff's by
    organization: the formula's groups are the two lists side by side, the same as its own query's."""
    return _compile(formula, ctx, tuple(e for side, _ in _sides(formula) for e in side.entities if e != "staff"))


def _compile(formula: FormulaSpec, ctx: FormulaContext, entities: Sequence[str] | None) -> sa.Select[Any] | None:
    selects = [q for spec, role in _sides(formula) for q in _side(spec, role, formula, ctx, entities)]
    if not selects:
        return None
    if len(selects) == 1:
        return selects[0]
    union = sa.union_all(*selects).subquery("parts")
    agg = [sa.func.sum(union.c[name]).label(name) for name in _value_columns(formula)]
    return sa.select(union.c.municipality_id, union.c.organization_id, *agg).group_by(
        union.c.municipality_id, union.c.organization_id
    )


def fusible(formula: FormulaSpec, ctx: FormulaContext) -> bool:
    """PostgreSQL counts this formula's staff in the one scan of the staff that :func:`compile_fused`
    shares: it counts people (rows, no other measure) — staff, and perhaps graduates beside them
    (:func:`compile_beside_staff`), whose groups never meet the staff's."""
    sides = [spec for spec, _ in _sides(formula)]
    return (
        ctx.dialect != "sqlite"
        and any("staff" in spec.entities for spec in sides)
        and all(set(spec.entities) <= {"staff", "graduates"} and spec.measure == "count" for spec in sides)
    )


def _staff_sides(formula: FormulaSpec) -> list[tuple[CountSpec, str]]:
    """The sides of ``formula`` that count staff (those :func:`compile_fused` counts)."""
    return [(spec, role) for spec, role in _sides(formula) if "staff" in spec.entities]


#: Memberships whose bits one ``bigint`` of :func:`compile_fused`'s flags holds.
FLAG_BITS = 62


def fusion_groups(formulas: Sequence[tuple[FormulaSpec, FormulaContext]], n: int) -> list[list[int]]:
    """The formulas (their indexes) split into about ``n`` groups of about the same work, each to be
    counted by one :func:`compile_fused` query, the queries run side by side.

    A query's work is its scan of the staff and its member lists: a formula costs one for its share of
    the scan and one per member list no formula already in the group has. Formulas are placed heaviest
    first, each in the group it leaves lightest.
    """
    frame = _frame("staff", "staff", formulas[0][1], needs_org=True)
    lists: list[set[tuple[Any, ...]]] = []
    for formula, ctx in formulas:
        columns = [col for spec, role in _staff_sides(formula) for col in _columns(spec, role, formula)[1]]
        joined = [_joined(col.conds or [], frame, ctx) for col in columns]
        lists.append({found[1].identity() for found in joined if found is not None})
    groups: list[tuple[set[tuple[Any, ...]], list[int]]] = [(set(), []) for _ in range(max(1, min(n, len(formulas))))]

    def work(group: tuple[set[tuple[Any, ...]], list[int]]) -> int:
        return len(group[0]) + len(group[1])

    for i in sorted(range(len(formulas)), key=lambda i: -len(lists[i])):
        best = min(groups, key=lambda g: (work(g) + 1 + len(lists[i] - g[0]), work(g)))
        best[0].update(lists[i])
        best[1].append(i)
    return [sorted(g) for _, g in groups if g]


def _probes(member: _Membership) -> bool:
    """A condition of the membership probes another table for each row (``EXISTS``)."""
    return any(isinstance(e, sa.sql.selectable.Exists) for p in member.preds for e in visitors.iterate(p))


def _flagged(members: Sequence[tuple[_Membership, int, int]], ctx: FormulaContext, words: int) -> sa.Select[Any]:
    """``SELECT key AS id, <bits> AS bit_0, …``: the ids passing any of ``members`` — memberships of one
    table and key, each with its column (word) and bit — once per matching row, with the bits of those
    it passes (:func:`compile_fused` ORs them per id).

    As in :func:`shared_members` (:func:`_shared_scan`), the conditions every membership has stay in the
    WHERE clause and each membership's own conditions decide its bit: ``CASE WHEN <own> THEN bit ELSE 0
    END``, summed (the bits differ, so the sum is their OR)."""
    first = members[0][0]
    source, where, own = _shared_scan([m for m, _, _ in members], ctx)
    columns = []
    for w in range(words):
        terms = [
            sa.case((sa.and_(*preds), sa.literal(bit, sa.BigInteger)), else_=0) if preds else sa.literal(bit)
            for (_, word, bit), preds in zip(members, own, strict=True)
            if word == w
        ]
        total = sum(terms[1:], terms[0]) if terms else sa.literal(0)
        columns.append(sa.cast(total, sa.BigInteger).label(f"bit_{w}"))
    return sa.select(first.key.label("id"), *columns).select_from(source).where(*where)


@dataclass(frozen=True)
class Fused:
    """Several staff formulas counted in one scan (:func:`compile_fused`).

    Attributes:
        query: One row per organization with working staff; for formula ``i`` its column ``name``
            (``numerator``, ``denominator``, ``base``, ``sub_k``, ``subden_k``) is ``f{i}_{name}``.
        columns: Per formula, its columns' names in the query (as in :func:`compile_formula`'s query).
    """

    query: sa.Select[Any]
    columns: tuple[tuple[str, ...], ...]


def compile_fused(formulas: Sequence[tuple[FormulaSpec, FormulaContext]]) -> Fused:
    """The staff of the formulas of :func:`fusible` in one query: one scan of the staff working in the year.

    Each formula's own query (:func:`compile_formula`) scans the staff and groups them by organization
    again: at 100 000 staff, 8 of the 16 queries of a region did, and the scan and the grouping were
    most of their time. Here the staff are read and grouped once; the people with events are listed
    once, with a bit per membership (each event table read once for all its memberships,
    :func:`_flagged`), and joined to the staff in one hash join; each column of each formula is
    ``count(*) FILTER (WHERE <its population> AND <its conditions>)``. A formula's groups are the rows
    where its ``base`` (the rows of its population) is not 0: exactly the staff groups its own query
    gives, with the same numbers (the same rows meet the same conditions); its graduates, if it counts
    any, are :func:`compile_beside_staff`'s.

    The contexts differ only in their window (a formula's own); jurisdiction, year, restriction and
    dialect are one.
    """
    ctx = formulas[0][1]
    needs_org = any(_needs_org(f, spec) for f, _ in formulas for spec, _ in _staff_sides(f))
    frame = _frame("staff", "staff", ctx, needs_org)
    by_member: dict[tuple[Any, ...], _Membership] = {}
    wanted: list[list[tuple[str, list[Pred], _Membership | None, list[Condition]]]] = []
    literals: dict[tuple[int, str], Any] = {}  # (formula, column) → its value where no side counts it
    for formula, fctx in formulas:
        assert fusible(formula, fctx) and dataclasses.replace(fctx, window=ctx.window) == ctx
        mine: list[tuple[str, list[Pred], _Membership | None, list[Condition]]] = []
        for spec, role in _staff_sides(formula):
            restrict_conds, columns = _columns(spec, role, formula)
            population = _staff_population(frame.row, spec.population, fctx)
            restrict = _all(restrict_conds, frame, fctx)
            population += [restrict] if restrict is not None else []
            mine.append(("base", population, None, []))
            for col in columns:
                if col.conds is None:  # not counted on this side: its literal (a count's NULL denominator)
                    literals.setdefault((len(wanted), col.label), col.literal)
                    continue
                joined = _joined(col.conds, frame, fctx)
                if joined is None:
                    mine.append((col.label, population, None, col.conds))
                    continue
                cond, member = joined
                shared = by_member.setdefault(member.identity(), member)
                mine.append((col.label, population, shared, [c for c in col.conds if c is not cond]))
        wanted.append(mine)

    # every person with an event, once, with a bit per membership they pass: each event table read once
    # for all its memberships (those that probe another table for each row excepted: PostgreSQL hashes
    # such a probe only in a WHERE clause, not inside the expression of a bit), the lists joined to the
    # staff in one hash join instead of a join per list
    from_ = frame.from_
    hit: dict[int, Pred] = {}
    if by_member:
        words = (len(by_member) + FLAG_BITS - 1) // FLAG_BITS  # FLAG_BITS memberships a column
        tables: dict[tuple[Any, ...], list[tuple[_Membership, int, int]]] = {}
        for k, member in enumerate(by_member.values()):
            key = (id(member),) if _probes(member) else member.source_key()
            tables.setdefault(key, []).append((member, k // FLAG_BITS, 1 << k % FLAG_BITS))
        lists = [_flagged(group, ctx, words) for group in tables.values()]
        union = (sa.union_all(*lists) if len(lists) > 1 else lists[0]).subquery("listed")
        bits = [sa.func.bit_or(union.c[f"bit_{w}"]).label(f"flags_{w}") for w in range(words)]
        flags = sa.select(union.c.id, *bits).group_by(union.c.id).subquery("flags")
        from_ = from_.outerjoin(flags, flags.c.id == frame.row.c.id)
        for k, member in enumerate(by_member.values()):
            word = flags.c[f"flags_{k // FLAG_BITS}"]
            hit[id(member)] = word.op("&")(sa.literal(1 << k % FLAG_BITS, sa.BigInteger)) != 0

    values: list[Any] = []
    names: list[tuple[str, ...]] = []
    for i, ((formula, fctx), mine) in enumerate(zip(formulas, wanted, strict=True)):
        parts: dict[str, list[Any]] = {}
        for label, population, listed, conds in mine:
            preds = [*population, *([hit[id(listed)]] if listed is not None else [])]
            more = _all(conds, frame, fctx)
            preds += [more] if more is not None else []
            parts.setdefault(label, []).append(_sum_if(sa.and_(*preds) if preds else None, ONE))
        own = _value_columns(formula)
        for label in own:
            counts = parts.get(label)
            value: Any = sum(counts[1:], counts[0]) if counts else literals.get((i, label), _zero())  # sides' counts
            values.append(value.label(f"f{i}_{label}"))
        names.append(tuple(own))
    keys = [frame.municipality.label("municipality_id"), frame.organization.label("organization_id")]
    query = sa.select(*keys, *values).select_from(from_).where(*frame.population).group_by(frame.organization)
    return Fused(query, tuple(names))


@dataclass(frozen=True)
class CustomQuery:
    """What a Python formula (``Formula.python``) returns for a context.

    Attributes:
        query: A select with the columns ``municipality_id, organization_id, numerator, denominator,
            base`` and ``sub_0``… for the sub-measures, one row per group.
        kind: ``share``, ``count`` or ``ratio``.
        factor: Multiplier of numerator / denominator.
        sub_measures: ``(id, label)`` of each ``sub_k`` column.
        tables: Store tables the query reads (for the docs and ``--explain``).
    """

    query: sa.Select[Any]
    kind: str
    factor: float = 1.0
    sub_measures: tuple[tuple[str, str], ...] = ()
    tables: tuple[str, ...] = ()
