"""The indicator engine: every indicator of a configuration, per scope and year, from the store.

For each indicator one query (compiled from its formula) returns numerator and denominator per
group (municipality, organization). Aggregate returns fill the groups that have no person-level
rows: an organization's return is used when the organization has no person-level rows for the
indicator, a municipality's return when nothing finer exists in that municipality. Groups then
roll up by summing numerators and denominators — the same way for both kinds of data — so a
municipality's share is never an average of school shares.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from efs.data import schema as S
from efs.data.store import Store
from efs.indicators import MIN_DENOMINATOR, analytics
from efs.indicators.plan import IndicatorPlan, plan_indicators
from efs.indicators.results import IndicatorResult, TargetCheck
from efs.indicators.runner import (
    CompiledFormula,
    Group,
    Hierarchy,
    compile_plans,
    load_hierarchy,
    place_groups,
    run_compiled,
    sub_denominator,
    tune,
)
from efs.indicators.sql import FormulaContext
from efs.indicators.targets import Measures, check, select, skip, why_no_target
from efs.indicators.years import has_data as year_has_data
from efs.model import Configuration

if TYPE_CHECKING:
    from efs.registry import Registry

SCOPES = ("jurisdiction", "municipality", "organization")


def load_aggregates(conn: sa.Connection, jurisdiction: str, year: int) -> dict[str, list[Any]]:
    """Aggregate returns of the year, by indicator id."""
    a = S.aggregate_returns
    out: dict[str, list[Any]] = defaultdict(list)
    for row in conn.execute(sa.select(a).where(a.c.jurisdiction_id == jurisdiction, a.c.year == year)):
        out[row.indicator_id].append(row)
    return out


def merge_aggregates(groups: list[Group], rows: list[Any], hierarchy: Hierarchy, kind: str) -> list[Group]:
    """Add the aggregate returns of groups that have no person-level rows."""
    if not rows:
        return groups
    covered_orgs = {g.organization_id for g in groups if g.base > 0 and g.organization_id}
    covered_munis = {g.municipality_id for g in groups if g.base > 0 and g.municipality_id}
    by_scope: dict[tuple[str, str], Group] = {}
    for row in rows:
        if row.scope == "organization":
            if row.scope_id in covered_orgs:
                continue
            muni = hierarchy.organizations.get(row.scope_id, (None, ""))[0]
            key = ("organization", row.scope_id)
            grp = by_scope.setdefault(key, Group(muni, row.scope_id, 0.0, None, 0.0, {}, "aggregate"))
        else:
            key = ("municipality", row.scope_id)
            grp = by_scope.setdefault(key, Group(row.scope_id, None, 0.0, None, 0.0, {}, "aggregate"))
        if row.sub_measure:
            grp.subs[row.sub_measure] = float(row.numerator)
            if row.denominator is not None:
                grp.subs[sub_denominator(row.sub_measure)] = float(row.denominator)
            continue
        grp.numerator = float(row.numerator)
        grp.denominator = None if row.denominator is None or kind == "count" else float(row.denominator)
        grp.base = 1.0
    org_munis = {g.municipality_id for (scope, _), g in by_scope.items() if scope == "organization"}
    extra = [
        g
        for (scope, sid), g in by_scope.items()
        if g.base > 0 and (scope == "organization" or (sid not in covered_munis and sid not in org_munis))
    ]
    return groups + extra


def compute(
    config: Configuration,
    store: Store,
    *,
    year: int,
    by: str = "jurisdiction",
    registry: Registry | None = None,
    show_small: bool = False,
    min_denominator: int = MIN_DENOMINATOR,
    restrict: tuple[str, tuple[str, ...]] | None = None,
    plans: list[IndicatorPlan] | None = None,
) -> list[IndicatorResult]:
    """Compute every indicator of ``config`` and every federal indicator for ``year``.

    Args:
        config: The jurisdiction's configuration (its id keys the data in the store).
        store: An open store at the newest schema revision.
        year: Report year.
        by: ``jurisdiction``, ``municipality`` or ``organization``: the scope of the results.
        registry: Plugin registry (built when ``None``).
        show_small: Show results whose denominator is below ``min_denominator``.
        min_denominator: Smallest denominator shown (smaller ones are suppressed: no numbers at all).
        restrict: ``(scope, ids)``: count only the staff of these municipalities or organizations
            (the synthesis computes the aggregate returns of a few scopes so); the analytics tables,
            which hold everyone, are not read then.
        plans: Compute these plans instead of the configuration's (``--explain`` computes the other
            readings of an indicator so; a plan's aggregate returns are those filed under its indicator id).

    Returns:
        One result per indicator (and sub-measure) per scope, configuration indicators first. In a year
        the store holds no monitoring data of the jurisdiction for (:mod:`efs.indicators.years`) every
        result is «нет данных» (``no_data``), never a computed 0.

    Raises:
        ConfigurationError: A formula in the configuration is invalid.
        StoreError: The store is not initialised or not at the newest revision.
        ValueError: ``by`` is not a known scope.
    """
    if by not in SCOPES:
        raise ValueError(f"by: {by!r} не из {SCOPES}")
    from efs.registry import Registry

    registry = Registry.of(registry)
    if plans is None:
        plans = plan_indicators(config, registry)
    store.ensure_current()
    ctx = FormulaContext(config.jurisdiction.id, year, dialect=store.dialect, restrict=restrict)
    out: list[IndicatorResult] = []
    with store.engine.connect() as conn:
        tune(conn)
        hierarchy = load_hierarchy(conn, config)
        aggregates = load_aggregates(conn, ctx.jurisdiction, year)
        monitored = year_has_data(conn, ctx.jurisdiction, year)
        built = analytics.current(conn, ctx.jurisdiction, year) if restrict is None else None
        compiled = compile_plans(plans, ctx, conn.dialect)
        memo = run_compiled(store, conn, compiled, hierarchy, built)
        for plan, formula in zip(plans, compiled, strict=True):
            groups, kind, factor, subs = evaluate(
                conn,
                plan,
                formula,
                ctx,
                hierarchy,
                aggregates.get(plan.indicator.id, []),
                built=built,
                by=by,
                memo=memo,
            )
            out += results_for(
                plan,
                groups,
                kind,
                factor,
                subs,
                by=by,
                year=year,
                hierarchy=hierarchy,
                show_small=show_small,
                min_denominator=min_denominator,
                jurisdiction_id=ctx.jurisdiction,
                monitored=monitored,
            )
    return out


def evaluate(
    conn: sa.Connection,
    plan: IndicatorPlan,
    formula: CompiledFormula | None,
    ctx: FormulaContext,
    hierarchy: Hierarchy,
    aggregate_rows: list[Any],
    *,
    built: dict[str, bool] | None,
    by: str,
    memo: dict[tuple[str, str], list[Group]],
) -> tuple[list[Group], str, float, tuple[tuple[str, str], ...]]:
    """Groups of one indicator (person-level merged with aggregate returns), its kind, factor, sub-measures.

    ``memo`` (from :func:`efs.indicators.runner.run_compiled`) holds the groups of every query not in
    ``built``, the current analytics of the year (:func:`efs.indicators.analytics.current`); a query found there is read
    from ``analytics_groups``, summed up to municipalities when ``by`` and the aggregate returns allow.
    """
    if formula is None:
        return [], "share" if plan.indicator.denominator else "count", 1.0, ()
    key, grain = formula.key, "organization"
    if built and built.get(key) and by != "organization" and all(r.scope != "organization" for r in aggregate_rows):
        grain = "municipality"
    groups = memo.get((key, grain))
    if groups is None:  # not prefetched: the query is in the analytics tables
        stored = analytics.read_groups(conn, ctx.jurisdiction, ctx.year, key, grain)
        groups = memo[(key, grain)] = place_groups(stored, hierarchy)
    return merge_aggregates(groups, aggregate_rows, hierarchy, formula.kind), formula.kind, formula.factor, formula.subs


def _scope_keys(
    by: str, groups: list[Group], hierarchy: Hierarchy, jurisdiction_id: str
) -> list[tuple[str, str]]:
    if by == "jurisdiction":
        return [(jurisdiction_id, hierarchy.jurisdiction_name)]
    if by == "municipality":
        ids = dict.fromkeys(
            [
                *sorted(hierarchy.municipalities),
                *sorted(
                    {g.municipality_id for g in groups if g.municipality_id} - set(hierarchy.municipalities)
                ),
            ]
        )
        return [(m, hierarchy.municipalities.get(m, m)) for m in ids]
    ids = dict.fromkeys(
        [
            *sorted(hierarchy.organizations),
            *sorted({g.organization_id for g in groups if g.organization_id} - set(hierarchy.organizations)),
        ]
    )
    return [(o, hierarchy.organizations.get(o, ("", o))[1]) for o in ids]


def _in_scope(g: Group, by: str, scope_id: str) -> bool:
    if by == "jurisdiction":
        return True
    if by == "municipality":
        return g.municipality_id == scope_id
    return g.organization_id == scope_id


def results_for(
    plan: IndicatorPlan,
    groups: list[Group],
    kind: str,
    factor: float,
    subs: tuple[tuple[str, str], ...],
    *,
    by: str,
    year: int,
    hierarchy: Hierarchy,
    show_small: bool,
    min_denominator: int,
    jurisdiction_id: str,
    monitored: bool = True,
) -> list[IndicatorResult]:
    """Roll groups up to the scopes of ``by`` and judge them against the targets.

    ``monitored`` is ``False`` for a year without any monitoring data (:func:`efs.indicators.years.has_data`):
    then no group counts as data and every result is ``no_data``.
    """
    ind = plan.indicator
    out = []
    by_scope: dict[str, list[Group]] = defaultdict(list)
    for g in groups:
        if by == "jurisdiction":
            by_scope[jurisdiction_id].append(g)
        elif by == "municipality" and g.municipality_id:
            by_scope[g.municipality_id].append(g)
        elif by == "organization" and g.organization_id:
            by_scope[g.organization_id].append(g)
    measures: list[tuple[str | None, str | None]] = [(None, None), *subs]
    spec = plan.formula.spec if plan.formula is not None else None
    own_denominator = {s.id for s in spec.sub_measures if s.where} if spec is not None else set()
    for scope_id, scope_name in _scope_keys(by, groups, hierarchy, jurisdiction_id):
        mine = by_scope.get(scope_id, [])
        for sub_id, sub_label in measures:
            num = sum(g.subs.get(sub_id, 0.0) if sub_id else g.numerator for g in mine)
            if sub_id in own_denominator:
                dens = [g.subs.get(sub_denominator(sub_id), 0.0) for g in mine if g.denominator is not None]
            else:
                dens = [g.denominator for g in mine if g.denominator is not None]
            den = sum(dens) if kind != "count" else None
            sources = {g.source for g in mine if g.base > 0} if monitored else set()
            has_data = bool(sources)
            value: float | None
            status = ""
            if not has_data or (kind != "count" and not den):
                num_out, den_out, value, status = None, None, None, "no_data"
            elif kind != "count" and den is not None and den < min_denominator and not show_small:
                num_out, den_out, value, status = None, None, None, "suppressed"
            else:
                num_out, den_out = num, den
                value = num * factor if kind == "count" else num / den * factor  # type: ignore[operator]
            measured = Measures(subs, plan.formula is not None)
            picked, passed = select(
                plan.candidates,
                year=year,
                scope=by,
                jurisdiction_level=hierarchy.level,
                unit=ind.unit,
                sub_id=sub_id,
                measures=measured,
            )
            checks: list[TargetCheck] = [check(t, origin, value) for t, origin in picked]
            if not status:
                if not checks:
                    status = "no_target"
                elif any(c.met is False for c in checks):
                    status = "not_met"
                else:
                    status = "met"
            source = "none" if not sources else sources.pop() if len(sources) == 1 else "mixed"
            out.append(
                IndicatorResult(
                    indicator_id=ind.id,
                    indicator_text=ind.text if sub_label is None else f"{ind.text} — в том числе {sub_label}",
                    federal=plan.federal,
                    scope=by,
                    scope_id=scope_id,
                    scope_name=scope_name,
                    year=year,
                    numerator=num_out,
                    denominator=den_out,
                    value=value,
                    unit=ind.unit,
                    status=status,
                    targets=checks,
                    data_source=source,
                    sub_measure=sub_id,
                    formula_id=plan.formula.id if plan.formula else None,
                    note=plan.problem,
                    skipped_targets=[skip(t, origin, reason) for t, origin, reason in passed],
                    target_note=(
                        why_no_target(plan.candidates, passed, sub_id=sub_id, measures=measured)
                        if not checks
                        else None
                    ),
                )
            )
    return out


def is_synthetic(store: Store, jurisdiction_id: str) -> bool:
    """Whether any data of the jurisdiction in the store was synthesised (``efs data synth``)."""
    ds = S.data_sources
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.select(ds.c.id)
            .where(ds.c.jurisdiction_id == jurisdiction_id, ds.c.kind == "synthesis")
            .limit(1)
        ).first()
    return row is not None
