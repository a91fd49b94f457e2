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
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from efs.data import schema as S
from efs.data.store import Store
from efs.indicators import MIN_DENOMINATOR, analytics
from efs.indicators.disclosure import Node, Tree, families, protect
from efs.indicators.overlap import SetAside, described
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


def split_returns(
    groups: list[Group], rows: list[Any], hierarchy: Hierarchy, sub_ids: set[str]
) -> tuple[list[Any], list[tuple[Any, str]]]:
    """Which aggregate returns of one indicator-year the computation uses, and which it sets aside and why.

    ``groups`` are the indicator's person-level groups (organisation grain), ``rows`` its returns,
    ``sub_ids`` the sub-measures of its formula. Person-level rows win: an organisation's return is used
    only when the organisation has none for the indicator (no row of its population), a municipality's
    only when none of its organisations has any and none filed a return that is used. A sub-measure row is
    used with its unit's main row only. Each set-aside row comes with its reason, a key of
    :data:`efs.indicators.overlap.REASONS`.
    Nothing is ever counted twice.
    """
    if not rows:
        return [], []
    covered_orgs = {g.organization_id for g in groups if g.base > 0 and g.organization_id}
    covered_munis = {g.municipality_id for g in groups if g.base > 0 and g.municipality_id}
    mains = {(r.scope, r.scope_id) for r in rows if not r.sub_measure}
    aside: list[tuple[Any, str]] = []
    candidates: list[Any] = []
    for row in rows:
        if row.sub_measure and row.sub_measure not in sub_ids:
            aside.append((row, "unknown_sub_measure"))
        elif row.scope == "organization" and row.scope_id in covered_orgs:
            aside.append((row, "person_rows"))
        elif row.scope != "organization" and row.scope_id in covered_munis:
            aside.append((row, "municipality_person_rows"))
        elif (row.scope, row.scope_id) not in mains:
            aside.append((row, "no_main_row"))
        else:
            candidates.append(row)
    org_munis = {
        hierarchy.organizations.get(r.scope_id, (None, ""))[0]
        for r in candidates
        if r.scope == "organization" and not r.sub_measure
    }
    used = []
    for row in candidates:
        if row.scope != "organization" and row.scope_id in org_munis:
            aside.append((row, "finer_returns"))
        else:
            used.append(row)
    return used, aside


def merge_aggregates(groups: list[Group], used: list[Any], hierarchy: Hierarchy, kind: str) -> list[Group]:
    """Add the aggregate returns ``used`` (those :func:`split_returns` keeps) to the person-level ``groups``."""
    if not used:
        return groups
    by_scope: dict[tuple[str, str], Group] = {}
    for row in used:
        if row.scope == "organization":
            muni = hierarchy.organizations.get(row.scope_id, (None, ""))[0]
            grp = by_scope.setdefault(
                ("organization", row.scope_id), Group(muni, row.scope_id, 0.0, None, 0.0, {}, "aggregate")
            )
        else:
            grp = by_scope.setdefault(
                ("municipality", row.scope_id), Group(row.scope_id, None, 0.0, None, 0.0, {}, "aggregate")
            )
        if row.sub_measure:
            grp.subs[row.sub_measure] = float(row.numerator)
            if row.denominator is not None:
                grp.subs[sub_denominator(row.sub_measure)] = float(row.denominator)
            continue
        grp.numerator = float(row.numerator)
        grp.denominator = None if row.denominator is None or kind == "count" else float(row.denominator)
        grp.base = 1.0
    return groups + list(by_scope.values())


def unplanned(plans: list[IndicatorPlan], aggregates: dict[str, list[Any]]) -> list[tuple[Any, str]]:
    """The returns no plan can use, with their reason: filed for an indicator none of ``plans`` computes
    (``unknown_indicator``) or for one without a formula (``no_formula``). A plan of another reading
    (:attr:`IndicatorPlan.returns_of`) is not the indicator."""
    known = {p.indicator.id: p for p in plans if p.returns_of is None}
    out: list[tuple[Any, str]] = []
    for ind_id in sorted(aggregates):
        plan = known.get(ind_id)
        if plan is None or plan.formula is None:
            out += [(row, "unknown_indicator" if plan is None else "no_formula") for row in aggregates[ind_id]]
    return out


#: One plan evaluated: the plan, its groups (person-level and the returns used), kind, factor, sub-measures.
Evaluated = tuple[IndicatorPlan, list[Group], str, float, tuple[tuple[str, str], ...]]


def evaluate_plans(
    store: Store,
    conn: sa.Connection,
    plans: list[IndicatorPlan],
    ctx: FormulaContext,
    hierarchy: Hierarchy,
    aggregates: dict[str, list[Any]],
    *,
    built: dict[str, bool] | None,
    coarse: bool,
) -> tuple[list[Evaluated], list[tuple[Any, str]]]:
    """Every plan evaluated (:func:`evaluate`; each distinct query run once), and the returns set aside.

    The returns set aside are those of the plans' own indicators that :func:`split_returns` does not use, each
    with its reason, plan by plan (a plan of another reading, :attr:`IndicatorPlan.returns_of`, reads its
    indicator's returns but does not add them again); :func:`unplanned` tells the rest.
    """
    compiled = compile_plans(plans, ctx, conn.dialect)
    memo = run_compiled(store, conn, compiled, hierarchy, built)
    evaluated: list[Evaluated] = []
    aside: list[tuple[Any, str]] = []
    for plan, formula in zip(plans, compiled, strict=True):
        rows = aggregates.get(plan.returns_of or plan.indicator.id, [])
        groups, kind, factor, subs, unused = evaluate(
            conn, plan, formula, ctx, hierarchy, rows, built=built, coarse=coarse, memo=memo
        )
        evaluated.append((plan, groups, kind, factor, subs))
        if plan.returns_of is None:
            aside += unused
    return evaluated, aside


def compute(
    config: Configuration,
    store: Store,
    *,
    year: int,
    by: str | tuple[str, ...] = "jurisdiction",
    registry: Registry | None = None,
    show_small: bool = False,
    min_denominator: int = MIN_DENOMINATOR,
    restrict: tuple[str, tuple[str, ...]] | None = None,
    plans: list[IndicatorPlan] | None = None,
    secondary: bool = True,
    set_aside: list[SetAside] | None = None,
) -> list[IndicatorResult]:
    """Compute every indicator of ``config`` and every federal indicator for ``year``.

    Results are disclosure-controlled (:mod:`efs.indicators.disclosure`): a result whose denominator is
    below ``min_denominator`` is suppressed, and so are the complements that keep it from being derived
    from the other scopes' results and totals — the same cells whichever ``by`` is asked for.

    Args:
        config: The jurisdiction's configuration (its id keys the data in the store).
        store: An open store at the newest schema revision.
        year: Report year.
        by: ``jurisdiction``, ``municipality`` or ``organization``: the scope of the results; a tuple of
            them gives the results of each scope in turn from one computation.
        registry: Plugin registry (built when ``None``).
        show_small: Show results whose denominator is below ``min_denominator``.
        min_denominator: Smallest denominator shown (smaller ones are suppressed: no numbers at all).
        secondary: Add the complementary suppressions (``False`` only to show what they protect against).
        restrict: ``(scope, ids)``: count only the staff of these municipalities or organizations
            (the synthesis computes the aggregate returns of a few scopes so); the analytics tables,
            which hold everyone, are not read then.
        plans: Compute these plans instead of the configuration's (``--explain`` computes the other
            readings of an indicator so; a plan's aggregate returns are those filed under its indicator id,
            or under :attr:`IndicatorPlan.returns_of`).
        set_aside: When given, the aggregate returns of the year this computation does not use are added to
            it, with their reasons (:func:`split_returns` decides), as
            :func:`efs.indicators.overlap.set_aside_returns` lists them for the configuration's plans: the
            same items in the same order, without running any query again.

    Returns:
        One result per indicator (and sub-measure) per scope, configuration indicators first. In a year
        the store holds no monitoring data of the jurisdiction for (:mod:`efs.indicators.years`) every
        result is «нет данных» (``no_data``), never a computed 0.

    Raises:
        ConfigurationError: A formula in the configuration is invalid.
        StoreError: The store is not initialised or not at the newest revision.
        ValueError: ``by`` is not a known scope.
    """
    scopes = (by,) if isinstance(by, str) else by
    if not set(scopes) <= set(SCOPES):
        raise ValueError(f"by: {by!r} не из {SCOPES}")
    from efs.registry import Registry

    registry = Registry.of(registry)
    if plans is None:
        plans = plan_indicators(config, registry)
    wanted = {p.indicator.id for p in plans}
    if not show_small:  # --explain prints each indicator's other readings: they are protected with it always
        from efs.indicators.explain import reading_plans

        plans = [*plans, *(alt for p in plans for _, alt in reading_plans(p) if alt.indicator.id not in wanted)]
    store.ensure_current()
    ctx = FormulaContext(config.jurisdiction.id, year, dialect=store.dialect, restrict=restrict)
    out: list[IndicatorResult] = []
    with store.engine.connect() as conn:
        tune(conn)
        hierarchy = load_hierarchy(conn, config)
        aggregates = load_aggregates(conn, ctx.jurisdiction, year)
        monitored = year_has_data(conn, ctx.jurisdiction, year)
        built = analytics.current(conn, ctx.jurisdiction, year) if restrict is None else None
        # complements need organisations
        coarse = "organization" not in scopes and (show_small or not secondary)
        evaluated, unused = evaluate_plans(store, conn, plans, ctx, hierarchy, aggregates, built=built, coarse=coarse)
    if set_aside is not None:
        set_aside += described([*unplanned(plans, aggregates), *unused], plans, hierarchy, ctx.jurisdiction, year)
    cells = [cells_of(groups, ctx.jurisdiction, scopes) for _, groups, *_ in evaluated]
    hidden: list[Withheld] = [{} for _ in evaluated]
    if not show_small:
        hidden = withheld(evaluated, ctx.jurisdiction, min_denominator, secondary=secondary)
    for scope in scopes:
        for (plan, _, kind, factor, subs), mine, gone in zip(evaluated, cells, hidden, strict=True):
            if plan.indicator.id not in wanted:
                continue
            out += results_for(
                plan,
                mine,
                kind,
                factor,
                subs,
                by=scope,
                year=year,
                hierarchy=hierarchy,
                hidden=gone,
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
    coarse: bool,
    memo: dict[tuple[str, str], list[Group]],
) -> tuple[list[Group], str, float, tuple[tuple[str, str], ...], list[tuple[Any, str]]]:
    """Groups of one indicator (person-level merged with aggregate returns), its kind, factor, sub-measures,
    and the returns of ``aggregate_rows`` it sets aside with their reasons (:func:`split_returns`).

    ``memo`` (from :func:`efs.indicators.runner.run_compiled`) holds the groups of every query not in
    ``built``, the current analytics of the year (:func:`efs.indicators.analytics.current`); a query found there is read
    from ``analytics_groups``, summed up to municipalities when ``coarse`` (no organisation is asked for)
    and the aggregate returns allow. A plan without a formula sets nothing aside here (:func:`unplanned` does).
    """
    if formula is None:
        return [], "share" if plan.indicator.denominator else "count", 1.0, (), []
    groups = person_groups_of(conn, formula, ctx, hierarchy, aggregate_rows, built=built, coarse=coarse, memo=memo)
    used, aside = split_returns(groups, aggregate_rows, hierarchy, {sid for sid, _ in formula.subs})
    return merge_aggregates(groups, used, hierarchy, formula.kind), formula.kind, formula.factor, formula.subs, aside


def person_groups_of(
    conn: sa.Connection,
    formula: CompiledFormula,
    ctx: FormulaContext,
    hierarchy: Hierarchy,
    aggregate_rows: list[Any],
    *,
    built: dict[str, bool] | None,
    coarse: bool,
    memo: dict[tuple[str, str], list[Group]],
) -> list[Group]:
    """The person-level groups of one compiled formula (from ``memo`` or the analytics tables).

    Organisation grain, or municipality grain when ``coarse`` and no organisation's return needs the finer
    one (see :func:`evaluate`).
    """
    key, grain = formula.key, "organization"
    if built and built.get(key) and coarse and all(r.scope != "organization" for r in aggregate_rows):
        grain = "municipality"
    groups = memo.get((key, grain))
    if groups is None:  # not prefetched: the query is in the analytics tables
        stored = analytics.read_groups(conn, ctx.jurisdiction, ctx.year, key, grain)
        groups = memo[(key, grain)] = place_groups(stored, hierarchy)
    return groups


def _scope_keys(
    by: str, cells: dict[Node, list[Group]], hierarchy: Hierarchy, jurisdiction_id: str
) -> list[tuple[str, str]]:
    if by == "jurisdiction":
        return [(jurisdiction_id, hierarchy.jurisdiction_name)]
    found = sorted({sid for scope, sid in cells if scope == by})
    if by == "municipality":
        ids = dict.fromkeys([*sorted(hierarchy.municipalities), *found])
        return [(m, hierarchy.municipalities.get(m, m)) for m in ids]
    ids = dict.fromkeys([*sorted(hierarchy.organizations), *found])
    return [(o, hierarchy.organizations.get(o, ("", o))[1]) for o in ids]


def cells_of(
    groups: list[Group], jurisdiction_id: str, scopes: tuple[str, ...] = SCOPES
) -> dict[Node, list[Group]]:
    """The groups counted in each cell of ``scopes``: the jurisdiction, each municipality, each organisation."""
    out: dict[Node, list[Group]] = defaultdict(list)
    if "jurisdiction" in scopes:
        out[("jurisdiction", jurisdiction_id)] = list(groups)
    by_muni, by_org = "municipality" in scopes, "organization" in scopes
    for g in groups:
        if by_muni and g.municipality_id:
            out[("municipality", g.municipality_id)].append(g)
        if by_org and g.organization_id:
            out[("organization", g.organization_id)].append(g)
    return out


def part_of(g: Group, sub_id: str | None, own_denominator: bool) -> tuple[float, float | None]:
    """What one group adds to a measure: its numerator and denominator (``None``: it has no denominator)."""
    num = g.subs.get(sub_id, 0.0) if sub_id else g.numerator
    if g.denominator is None:
        return num, None
    return num, g.subs.get(sub_denominator(sub_id), 0.0) if own_denominator and sub_id else g.denominator


def totals(
    mine: list[Group], sub_ids: list[str | None], kind: str, own_denominator: set[str]
) -> tuple[list[tuple[float, float | None]], set[str]]:
    """Numerator and denominator (``None`` for a count) of each measure of ``sub_ids`` over ``mine``
    (``None``: the indicator itself), and the data sources of the groups that have data.

    Numerators and denominators are summed — a municipality's share is never an average of its schools'.
    (:func:`part_of` for each group and measure, in one pass: the jurisdiction's cell holds every organisation.)
    """
    keys = [(sid, sub_denominator(sid) if sid and sid in own_denominator else None) for sid in sub_ids]
    nums, dens = [0.0] * len(keys), [0.0] * len(keys)
    sources: set[str] = set()
    for g in mine:
        subs, den = g.subs, g.denominator
        for k, (sid, own) in enumerate(keys):
            nums[k] += subs.get(sid, 0.0) if sid else g.numerator
            if den is not None:
                dens[k] += subs.get(own, 0.0) if own else den
        if g.base > 0:
            sources.add(g.source)
    return [(n, d if kind != "count" else None) for n, d in zip(nums, dens, strict=True)], sources


def _own_denominators(plan: IndicatorPlan) -> set[str]:
    spec = plan.formula.spec if plan.formula is not None else None
    return {s.id for s in spec.sub_measures if s.where} if spec is not None else set()


def _about_organisations(plan: IndicatorPlan) -> bool:
    """Whether a plan counts organisations only (the share of organisations with a mentoring model): its cells
    are the organisations' entries in their register, which is published whole, not people."""
    spec = plan.formula.spec if plan.formula is not None else None
    if spec is None:
        return False
    pops = {spec.base.population, *([spec.denominator.population] if spec.denominator else [])}
    return pops == {"organizations"}


#: A plan's hidden cells per measure: ``None`` for the indicator and the parts sharing its denominator,
#: a sub-measure's id for a part with a denominator of its own.
Withheld = dict[str | None, set[Node]]


def withheld(
    evaluated: list[Evaluated],
    jurisdiction_id: str,
    threshold: int,
    *,
    secondary: bool = True,
) -> list[Withheld]:
    """The hidden cells of each evaluated plan (:func:`efs.indicators.disclosure.protect`).

    Each plan is one table (the indicator and the parts that share its denominator) and one more per part
    with a denominator of its own, which hides at least what its indicator hides. Tables of the same people
    (person-level denominators equal in every cell) are protected together, each hiding what the family
    needs. A count is not protected on its own (it counts events, not people), but a count of people that
    some table shows in every cell as its numerator or denominator hides what that table hides. A table of
    organisations alone is not protected: it restates their published register.
    """
    import numpy as np

    tree = Tree(("jurisdiction", jurisdiction_id))
    units = dict.fromkeys((g.municipality_id, g.organization_id) for _, groups, *_ in evaluated for g in groups)
    for muni_id, org_id in units:  # in the order the groups come: the tree (and the ties it breaks) as before
        muni = ("municipality", muni_id) if muni_id else None
        if muni is not None:
            tree.add(muni, tree.root)
        if org_id:
            tree.add(("organization", org_id), muni or tree.root)
    nodes = [tree.root, *tree.parent]
    index = {node: i for i, node in enumerate(nodes)}
    tables: dict[tuple[int, str | None], tuple[Any, Any]] = {}
    populations: dict[tuple[int, str | None], Hashable] = {}
    quantities: dict[bytes, set[tuple[int, str | None]]] = defaultdict(set)  # person-level counts → tables
    counted: dict[int, bytes] = {}  # a count's person-level numerators
    for k, (plan, groups, kind, _, subs) in enumerate(evaluated):
        if _about_organisations(plan):
            continue  # the register of organisations is published whole (efs data export): nothing to hide
        into = _Into(groups, index)
        if kind == "count":
            people = into.people(into.values([part_of(g, None, False) for g in groups]), column=0)
            if people.any():
                counted[k] = people.tobytes()
            continue
        own = _own_denominators(plan)
        shared: list[str | None] = [None, *(s for s, _ in subs if s not in own)]
        parts: list[tuple[tuple[int, str | None], list[str | None]]] = [((k, None), shared)]
        parts += [((k, s), [s]) for s, _ in subs if s in own]
        for name, measures in parts:
            per_group = [into.values([part_of(g, m, m in own) for g in groups]) for m in measures]
            tables[name] = (np.stack([into.sums(v) for v in per_group], axis=1), into.touched)
            # person-level numerators and denominators node by node: the first measure's denominators name
            # the population; any of them may be a count published beside the table
            people = [into.people(v, column=column) for v in per_group for column in (1, 0)]
            populations[name] = people[0].tobytes() if people[0].any() else name
            for vector in people:
                if vector.any():
                    quantities[vector.tobytes()].add(name)
    names = families(populations)
    hidden: dict[tuple[int, str | None], set[Node]] = {name: set() for name in tables}
    merged = [_side_by_side([tables[name] for name in family], nodes) for family in names]
    asked: list[set[Node] | None] = [None for _ in names]
    changed = True
    while changed:  # a part hides what its indicator hides; an indicator's table may grow after its part's
        changed = False
        for f, family in enumerate(names):
            known = {n for name in family for n in hidden[name]}  # only grows, so the loop ends
            # A part hides what its indicator hides, and what the indicator's other parts of their own hide
            # (parts may add up to the indicator: one shown beside a hidden one would give it away).
            kin = {k for (k, sub) in family if sub is not None}
            want = known | {n for (k, _), gone in hidden.items() if k in kin for n in gone}
            if want == asked[f]:
                continue
            asked[f] = want
            gone = protect(tree, merged[f], threshold, forced=want, secondary=secondary)
            for name in family:
                if hidden[name] != gone:
                    hidden[name], changed = gone, True
    out: list[Withheld] = []
    for k in range(len(evaluated)):
        # A count of people that another table shows as its numerator or denominator in every cell (tutors
        # counted, and the same tutors as the denominator of teachers per tutor) hides what that table hides.
        mine_hidden: Withheld = {None: {n for name in quantities.get(counted.get(k, b""), ()) for n in hidden[name]}}
        for (plan_k, sub), gone in hidden.items():
            if plan_k == k:
                mine_hidden[sub] = gone
        out.append(mine_hidden)
    return out


def _side_by_side(tables: list[tuple[Any, Any]], nodes: list[Node]) -> dict[Node, list[tuple[float, float]]]:
    """The measures of several tables in one, node by node (a node no group reaches is absent: nobody there)."""
    import numpy as np

    values = np.concatenate([t for t, _ in tables], axis=1).tolist()
    touched = np.logical_or.reduce([seen for _, seen in tables])
    return {nodes[i]: [(n, d) for n, d in values[i]] for i in np.flatnonzero(touched).tolist()}


class _Into:
    """Sums per-group values into every node each group adds to: its organisation, municipality, jurisdiction."""

    def __init__(self, groups: list[Group], index: dict[Node, int]) -> None:
        import numpy as np

        org = [index[("organization", g.organization_id)] if g.organization_id else -1 for g in groups]
        muni = [index[("municipality", g.municipality_id)] if g.municipality_id else -1 for g in groups]
        rows = [i for i, o in enumerate(org) if o >= 0] + [i for i, m in enumerate(muni) if m >= 0]
        self.rows = np.array(rows + list(range(len(groups))), dtype=np.intp)
        self.target = np.array([o for o in org if o >= 0] + [m for m in muni if m >= 0] + [0] * len(groups), np.intp)
        self.size = len(index)
        self.touched = np.bincount(self.target, minlength=self.size) > 0
        self.person = np.array([g.source == "person" for g in groups], dtype=bool)

    def values(self, parts: list[tuple[float, float | None]]) -> Any:
        """``(groups, 2)``: each group's numerator and denominator of one measure (``None`` counts 0)."""
        import numpy as np

        return np.array([(n, 0.0 if d is None else d) for n, d in parts], dtype=float).reshape(-1, 2)

    def sums(self, values: Any) -> Any:
        """``(nodes, 2)``: ``values`` summed into every node."""
        import numpy as np

        v = values[self.rows]
        return np.stack([np.bincount(self.target, v[:, c], self.size) for c in (0, 1)], axis=1)

    def people(self, values: Any, column: int = 1) -> Any:
        """``(nodes,)``: the denominators (``column`` 0: numerators) of ``values`` from person-level rows, summed
        into every node (-0 as 0)."""
        import numpy as np

        return np.bincount(self.target, (values[:, column] * self.person)[self.rows], self.size) + 0.0


def results_for(
    plan: IndicatorPlan,
    cells: dict[Node, list[Group]],
    kind: str,
    factor: float,
    subs: tuple[tuple[str, str], ...],
    *,
    by: str,
    year: int,
    hierarchy: Hierarchy,
    hidden: Withheld,
    jurisdiction_id: str,
    monitored: bool = True,
) -> list[IndicatorResult]:
    """The cells of ``by`` judged against the targets; hidden cells are suppressed, sub-measures with them.

    ``monitored`` is ``False`` for a year without any monitoring data (:func:`efs.indicators.years.has_data`):
    then no group counts as data and every result is ``no_data``.
    """
    ind = plan.indicator
    out = []
    measures: list[tuple[str | None, str | None]] = [(None, None), *subs]
    own_denominator = _own_denominators(plan)
    for scope_id, scope_name in _scope_keys(by, cells, hierarchy, jurisdiction_id):
        sums, found = totals(cells.get((by, scope_id), []), [sid for sid, _ in measures], kind, own_denominator)
        for (sub_id, sub_label), (num, den) in zip(measures, sums, strict=True):
            sources = set(found) if monitored else set()
            value: float | None
            status = ""
            gone = hidden.get(sub_id if sub_id in own_denominator else None, set())
            if not sources or (kind != "count" and not den):  # so a suppressed result is never empty
                num_out, den_out, value, status = None, None, None, "no_data"
            elif (by, scope_id) in gone:
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


def suppressed_cells(
    config: Configuration,
    store: Store,
    *,
    year: int,
    registry: Registry | None = None,
    min_denominator: int = MIN_DENOMINATOR,
) -> set[tuple[str, str, str]]:
    """``(indicator, scope, scope id)`` of every cell :func:`compute` hides, at every scope."""
    return {
        (r.indicator_id, r.scope, r.scope_id)
        for r in compute(config, store, year=year, by=SCOPES, registry=registry, min_denominator=min_denominator)
        if r.status == "suppressed"
    }


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
