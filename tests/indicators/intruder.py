"""The intruder: recovers suppressed indicator cells from everything efs publishes, by linear programming.

An oracle written from the published outputs and the documented hierarchy only (docs/disclosure.md,
docs/store.md), not from the protection code. For one jurisdiction and year it reads:

* every result ``efs indicators`` prints at jurisdiction, municipality and organisation scope — main
  values and their parts («в том числе …»), numerator and denominator of every shown cell, the status
  and the data source of every cell (shown also for a hidden one);
* the readings ``efs indicators --explain`` prints (each reading's main value at every scope);
* the aggregate returns ``efs data export`` writes without person rows;
* the hierarchy (``organizations``: which municipality each organisation is in; every organisation is
  in one and every worker in one organisation — ``docs/store.md``, the columns are required).

Its model of the cells (each an integer numerator ``n`` and denominator ``d`` per table and territory;
a table is one indicator or one part of it):

* a shown cell is its published numbers; an empty one («нет данных») has ``d = 0`` (and ``n = 0`` for
  a share); a hidden one is not empty: ``d ≥ 1`` — the *structural* bound;
* a share (unit %) has ``0 ≤ n ≤ d``;
* additivity: the jurisdiction is the sum of its municipalities, a municipality the sum of its
  organisations — exactly where the formula counts rows that are all in organisations (workers,
  organisations, sites: :data:`IN_ORGANIZATIONS`) and no published, fully shown sum says otherwise; a
  total at least the sum of its parts for the others (graduates, teams, events and programmes may belong
  to a municipality or the region only); no sum where a municipality reports an aggregate return instead
  of its organisations (its data source is «сводные отчёты» and none of its organisations has data);
* quantities equal in every territory where both are shown (e.g. the denominators of indicators about
  all pedagogical workers; a teachers-per-member ratio's numerator and the same teachers as a share's
  denominator) are one quantity;
* a part sharing its indicator's denominator counts no more than the indicator: ``n_part ≤ n``;
* a unit counted from aggregate returns alone (its data source «сводные отчёты») is its exported return,
  where one is published;
* a reading printed by ``--explain`` counts the aggregate returns as they were filed: the chosen reading is
  the indicator in every territory, another reading is the indicator where the data source is «сводные
  отчёты».

The caller checks (:func:`check_model`) that every relation assumed holds exactly on the unsuppressed
values, so that what the LP proves is true of the real cells.

For each hidden cell the LP (HiGHS) gives the least and greatest numerator and denominator consistent
with all of that. The LP interval contains the integer one, so an interval holding a single integer
pins the value. A cell is *recovered* (:class:`Recovery`) when

* its numerator is pinned — of a share or a count; a ratio's numerator (teachers per member of the
  active: all teachers) is a population shown as other shares' denominator, and what its small group
  says is its denominator; or
* its share is forced to 0 % or 100 % — unless a shown total above it is itself 0 % or 100 % (the zero
  convention of docs/disclosure.md: that total already says it of every part); or
* its denominator is pinned by the LP *without* the structural bound ``d ≥ 1`` of hidden cells (a
  denominator known from structure — one management team per organisation — is not protected).
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

#: (indicator id, sub-measure or None): one table of cells.
Table = tuple[str, str | None]
#: (scope, id): a territory.
Unit = tuple[str, str]
#: (table, unit, role): one unknown or known number; role "n" (numerator) or "d" (denominator).
Var = tuple[Table, Unit, str]

SCOPE_WORDS = {"jurisdiction": "юрисдикция", "municipality": "муниципалитет", "organization": "организация"}
EPS = 1e-6
#: Entities every row of which is in one organisation (docs/store.md: staff.organization_id, internship_sites'
#: organisation are required); rows of the others (graduates, management teams, events, programmes) may
#: belong to a municipality or to the jurisdiction only, so a total is at least the sum of its parts.
IN_ORGANIZATIONS = {"staff", "organizations", "internship_sites"}
READING = "__reading_"


def readings_of(pub: Publication, table: Table) -> list[Table]:
    """The ``--explain`` readings of a main table, chosen (1) first: ``<id>__reading_<k>``."""
    if table[1] is not None or READING in table[0]:
        return []
    found = [t for t in pub.tables if t[1] is None and t[0].startswith(table[0] + READING)]
    return sorted(found, key=lambda t: int(t[0].rpartition("_")[2]))


@dataclass
class Cell:
    """One published cell: its numbers when shown, or that it is hidden / empty."""

    status: str
    numerator: float | None
    denominator: float | None
    source: str
    unit_of_measure: str

    @property
    def hidden(self) -> bool:
        return self.status == "suppressed"

    @property
    def empty(self) -> bool:
        return self.status == "no_data"


@dataclass
class Publication:
    """Everything published about one jurisdiction and year.

    ``cells[(table, unit)]``; ``returns[(table, unit)] = (n, d)`` the exported aggregate returns;
    ``parent[unit]`` the territory above (none for the jurisdiction).
    """

    jurisdiction: str
    year: int
    cells: dict[tuple[Table, Unit], Cell]
    returns: dict[tuple[Table, Unit], tuple[float, float | None]]
    parent: dict[Unit, Unit]
    names: dict[Unit, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    #: indicator id → role ("n", "d") → the entities its rows are (docs/indicators.md, «Совокупности»)
    entities: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    share_tables: set[Table] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.share_tables = shares(self)

    @property
    def tables(self) -> list[Table]:
        return sorted({t for t, _ in self.cells}, key=lambda t: (t[0], t[1] or ""))

    @property
    def units(self) -> list[Unit]:
        return sorted({u for _, u in self.cells} | set(self.parent))

    def children(self) -> dict[Unit, list[Unit]]:
        out: dict[Unit, list[Unit]] = defaultdict(list)
        for child, par in self.parent.items():
            out[par].append(child)
        return out


def published(results: Iterable[Any], *, readings: set[str]) -> dict[tuple[Table, Unit], Cell]:
    """The cells of ``compute`` results (all scopes); of a reading only its main value (what ``--explain`` prints)."""
    out: dict[tuple[Table, Unit], Cell] = {}
    for r in results:
        if r.indicator_id in readings and r.sub_measure is not None:
            continue
        out[(r.indicator_id, r.sub_measure), (r.scope, r.scope_id)] = Cell(
            r.status,
            None if r.status == "suppressed" else r.numerator,
            None if r.status == "suppressed" else r.denominator,
            r.data_source,
            r.unit,
        )
    return out


def read_returns(path: Path) -> dict[int, dict[tuple[Table, Unit], tuple[float, float | None]]]:
    """Year → the aggregate returns of ``efs data export`` (``aggregate_returns.csv``: «;», decimal comma, BOM)."""
    out: dict[int, dict[tuple[Table, Unit], tuple[float, float | None]]] = defaultdict(dict)
    with path.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            num = float(row["Числитель"].replace(",", "."))
            den = float(row["Знаменатель"].replace(",", ".")) if row["Знаменатель"] else None
            table = (row["Показатель"], row["Часть показателя"] or None)
            out[int(row["Год"])][table, (row["Уровень сводки"], row["Код организации или муниципалитета"])] = (num, den)
    return out


Shown = tuple[float | None, float | None, float | None]


def report_cells(data: dict[str, Any]) -> dict[tuple[Table, Unit, int], Shown]:
    """What the JSON справка shows of each cell: (numerator, denominator, value), the history's value only.

    Hidden cells are left out (their numbers are ``null``); the caller compares the rest with ``efs indicators``.
    """
    ind = data["indicators"]
    year, scope = ind["year"], ind["drilldown_scope"]
    top = ("jurisdiction", data["jurisdiction"]["id"])
    out: dict[tuple[Table, Unit, int], Shown] = {}
    for item in ind["items"]:
        table = (item["id"], item["sub_measure"])
        if item["status"] != "suppressed":
            out[table, top, year] = (item["numerator"], item["denominator"], item["value"])
        for h in item.get("history") or []:
            if h["status"] != "suppressed" and h["year"] != year:
                out[table, top, h["year"]] = (None, None, h["value"])
        for row in item.get("drilldown") or []:
            if row["status"] != "suppressed":
                out[table, (scope, row["scope_id"]), year] = (row["numerator"], row["denominator"], row["value"])
    return out


# --- the model -----------------------------------------------------------------------------------


@dataclass
class Model:
    """Linear facts over the cells' numbers: ``Σ coef·var = rhs`` and ``Σ coef·var ≤ rhs``, and bounds."""

    eq: list[tuple[dict[Var, float], float, str]] = field(default_factory=list)
    le: list[tuple[dict[Var, float], float, str]] = field(default_factory=list)
    lower: dict[Var, float] = field(default_factory=dict)
    upper: dict[Var, float] = field(default_factory=dict)
    #: the structural bounds d ≥ 1 of hidden cells (dropped to test whether a denominator is protected)
    structural: set[Var] = field(default_factory=set)
    known: dict[Var, float] = field(default_factory=dict)
    hidden: list[tuple[Table, Unit]] = field(default_factory=list)
    shares: set[Table] = field(default_factory=set)
    #: what each assumption is, for the report: relation text by kind
    assumed: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def fix(self, var: Var, value: float) -> None:
        self.known[var] = value
        self.lower[var] = self.upper[var] = value


def has_denominator(pub: Publication, table: Table) -> bool:
    return any(c.denominator is not None for (t, _), c in pub.cells.items() if t == table)


def shares(pub: Publication) -> set[Table]:
    """Tables of shares (unit %, with a denominator): ``0 ≤ n ≤ d``."""
    return {
        t for t in pub.tables
        if has_denominator(pub, t) and all(c.unit_of_measure == "%" for (tt, _), c in pub.cells.items() if tt == t)
    }


def value(pub: Publication, table: Table, unit: Unit, role: str) -> float | None:
    """A published number, or ``None`` when hidden or unknown (an empty ratio's numerator)."""
    cell = pub.cells.get((table, unit))
    if cell is None or cell.hidden:
        return None
    if cell.empty:
        if role == "d":
            return 0.0
        return 0.0 if table in pub.share_tables or not has_denominator(pub, table) else None
    return cell.numerator if role == "n" else cell.denominator


def relations(pub: Publication, table: Table) -> list[tuple[Unit, list[Unit]]]:
    """(parent, children) sums the table obeys, unless a municipality reports in place of its organisations."""
    out = []
    for par, kids in pub.children().items():
        cell = pub.cells.get((table, par))
        if cell is None:
            continue
        kid_cells = [pub.cells.get((table, k)) for k in kids]
        if cell.source == "aggregate" and all(k is None or k.empty for k in kid_cells):
            continue  # the municipality's aggregate return stands for its organisations' rows
        out.append((par, sorted(kids)))
    return out


def additive(pub: Publication, table: Table, role: str) -> bool:
    """No published sum that can be checked (every cell shown) fails: the table adds up over the hierarchy.

    A table that counts something beyond the organisations (programmes of the region) shows it: its
    jurisdiction is not the sum of its municipalities where all of them are shown.
    """
    for par, kids in relations(pub, table):
        vals = [value(pub, table, u, role) for u in (par, *kids)]
        if any(v is None for v in vals):
            continue
        if abs(vals[0] - sum(vals[1:])) > EPS:  # type: ignore[operator, arg-type]
            return False
    return True


def equal_quantities(pub: Publication) -> list[tuple[tuple[Table, str], tuple[Table, str]]]:
    """Pairs of (table, role) equal in every territory where both are shown (at least three, one non-zero)."""
    quantities = [(t, r) for t in pub.tables for r in ("n", "d") if r == "n" or has_denominator(pub, t)]
    series = {
        q: {u: c.numerator if q[1] == "n" else c.denominator
            for (t, u), c in pub.cells.items() if t == q[0] and not c.hidden and not c.empty}
        for q in quantities
    }
    pairs = []
    for i, a in enumerate(quantities):
        for b in quantities[i + 1:]:
            common = series[a].keys() & series[b].keys()
            if len(common) >= 3 and any(series[a][u] for u in common) and all(
                abs(series[a][u] - series[b][u]) < EPS for u in common  # type: ignore[operator]
            ):
                pairs.append((a, b))
    return pairs


def partitions(pub: Publication) -> list[tuple[Table, tuple[Table, ...], str]]:
    """(whole, parts, role): an indicator's parts that add up to it in every territory where all are shown
    (at least three, one not zero) — parts by kind of organisation («в том числе дошкольные …»)."""
    from itertools import combinations

    out = []
    for ind in sorted({t[0] for t in pub.tables}):
        whole: Table = (ind, None)
        parts = [t for t in pub.tables if t[0] == ind and t[1] is not None]
        for role in ("n", "d"):
            for k in range(2, len(parts) + 1):
                for group in combinations(parts, k):
                    tables = (whole, *group)
                    units = [u for u in pub.units
                             if all((t, u) in pub.cells and value(pub, t, u, role) is not None for t in tables)]
                    sums = [(value(pub, whole, u, role) or 0.0, sum(value(pub, t, u, role) or 0.0 for t in group))
                            for u in units]
                    if len(sums) >= 3 and any(a for a, _ in sums) and all(abs(a - b) < EPS for a, b in sums):
                        out.append((whole, group, role))
    return out


def narrower(pub: Publication) -> list[tuple[Table, Table]]:
    """(a, b): numerators of one indicator's readings (its chosen one and the others ``--explain`` prints, all
    from person rows) with ``a ≤ b`` in every territory where both are shown (at least three, ``a < b`` in
    one): a narrower reading."""
    family: dict[str, list[Table]] = defaultdict(list)
    for t in pub.tables:
        if t[1] is None and "__reading_" in t[0]:
            family[t[0].split("__reading_")[0]].append(t)
    out = []
    for tables in family.values():
        for a in tables:
            for b in tables:
                pairs = [(value(pub, a, u, "n"), value(pub, b, u, "n")) for u in pub.units
                         if (a, u) in pub.cells and (b, u) in pub.cells]
                known = [(x, y) for x, y in pairs if x is not None and y is not None]
                if a != b and len(known) >= 3 and all(x <= y + EPS for x, y in known) \
                        and any(x < y - EPS for x, y in known):
                    out.append((a, b))
    return out


def build(pub: Publication, *, use_returns: bool = True) -> Model:
    """The intruder's linear model of ``pub``."""
    m = Model()
    tables = pub.tables
    m.shares = pub.share_tables
    units = pub.units
    for t in tables:
        roles = ("n", "d") if has_denominator(pub, t) else ("n",)
        for u in units:
            cell = pub.cells.get((t, u))
            for r in roles:
                v = (t, u, r)
                m.lower[v] = 0.0
                if cell is None:
                    m.fix(v, 0.0) if r == "d" or t in m.shares or len(roles) == 1 else None
                    continue
                known = value(pub, t, u, r)
                if known is not None:
                    m.fix(v, known)
                elif cell.hidden and r == "d":
                    m.structural.add(v)
            if cell is not None and cell.hidden:
                m.hidden.append((t, u))
            if t in m.shares and cell is not None and not cell.empty:
                m.le.append(({(t, u, "n"): 1.0, (t, u, "d"): -1.0}, 0.0, "share"))
        for r in roles:
            exact = set(pub.entities.get(t[0], {}).get(r, ("?",))) <= IN_ORGANIZATIONS and additive(pub, t, r)
            m.assumed["сумма" if exact else "не меньше суммы"].append(f"{t}:{r}")
            for par, kids in relations(pub, t):
                rel = ({(t, par, r): 1.0, **{(t, k, r): -1.0 for k in kids}}, 0.0, "sum")
                if exact:
                    m.eq.append(rel)
                else:  # rows above the organisations (graduates, municipal teams, regional events) add to the total
                    m.le.append(({v: -c for v, c in rel[0].items()}, 0.0, "sum≥"))
    pairs = equal_quantities(pub)
    for (ta, ra), (tb, rb) in pairs:
        m.assumed["равенство"].append(f"{ta}:{ra} = {tb}:{rb}")
        for u in units:
            a, b = (ta, u, ra), (tb, u, rb)
            if a in m.lower and b in m.lower:
                m.eq.append(({a: 1.0, b: -1.0}, 0.0, "equal"))
    same_den = {(ta, tb) for (ta, ra), (tb, rb) in pairs if ra == rb == "d"}
    for t in tables:
        main = (t[0], None)
        if t[1] is not None and main in pub.tables and ((main, t) in same_den or (t, main) in same_den):
            m.assumed["часть ≤ целого"].append(f"{t} ≤ {main}")
            for u in units:
                if (t, u, "n") in m.lower and (main, u, "n") in m.lower:
                    m.le.append(({(t, u, "n"): 1.0, (main, u, "n"): -1.0}, 0.0, "part"))
    for a, b in narrower(pub):
        m.assumed["прочтение уже"].append(f"{a} ≤ {b}")
        for u in units:
            if (a, u, "n") in m.lower and (b, u, "n") in m.lower:
                m.le.append(({(a, u, "n"): 1.0, (b, u, "n"): -1.0}, 0.0, "narrower"))
    for whole, group, r in partitions(pub):
        m.assumed["целое = сумма частей"].append(f"{whole}:{r} = " + " + ".join(str(t) for t in group))
        for u in units:
            if all((t, u, r) in m.lower for t in (whole, *group)):
                m.eq.append(({(whole, u, r): 1.0, **{(t, u, r): -1.0 for t in group}}, 0.0, "parts"))
    for t in tables:
        roles = ("n", "d") if has_denominator(pub, t) else ("n",)
        for u in units:
            cell = pub.cells.get((t, u))
            ret = pub.returns.get((t, u))
            # a unit counted from aggregate returns alone is its own return (an organisation, or a municipality
            # none of whose organisations filed one: the engine prefers the finer returns)
            finer = u[0] == "municipality" and any(
                (t, k) in pub.returns for k in units if pub.parent.get(k) == u
            )
            if not use_returns or ret is None or cell is None or cell.source != "aggregate" or finer:
                continue
            m.assumed["сводный отчёт"].append(f"{t} {u}")
            for r, x in zip(roles, ret, strict=False):
                if x is not None:
                    m.eq.append(({(t, u, r): 1.0}, float(x), "return"))
        for k, reading in enumerate(readings_of(pub, t), 1):
            # every reading counts the returns as filed: at a unit counted from returns alone it is the
            # indicator; the chosen reading (1) is the indicator everywhere
            m.assumed["прочтение"].append(f"{reading} = {t} (сводные отчёты как сданы)")
            for u in units:
                cell = pub.cells.get((t, u))
                if k != 1 and (cell is None or cell.source != "aggregate"):
                    continue
                for r in roles:
                    if (t, u, r) in m.lower and (reading, u, r) in m.lower:
                        m.eq.append(({(t, u, r): 1.0, (reading, u, r): -1.0}, 0.0, "reading"))
    return m


def check_model(m: Model, truth: dict[Var, float]) -> list[str]:
    """Every relation of ``m`` that the unsuppressed values ``truth`` break (must be none)."""
    bad = []
    for coefs, rhs, kind in m.eq:
        if all(v in truth for v in coefs) and abs(sum(c * truth[v] for v, c in coefs.items()) - rhs) > EPS:
            bad.append(f"{kind}: " + " + ".join(f"{c:g}·{v}={truth[v]:g}" for v, c in coefs.items()) + f" ≠ {rhs}")
    for coefs, rhs, kind in m.le:
        if all(v in truth for v in coefs) and sum(c * truth[v] for v, c in coefs.items()) > rhs + EPS:
            bad.append(f"{kind}: " + " + ".join(f"{c:g}·{v}={truth[v]:g}" for v, c in coefs.items()) + f" > {rhs}")
    for v, k in m.known.items():
        if v in truth and abs(truth[v] - k) > EPS:
            bad.append(f"известное {v}={k:g}, на деле {truth[v]:g}")
    for v in m.structural:
        if v in truth and truth[v] < 1:
            bad.append(f"скрытая ячейка пуста: {v}")
    return bad


def truth_of(pub: Publication, m: Model) -> dict[Var, float]:
    """The values of the model's variables in an unsuppressed publication of the same store."""
    out: dict[Var, float] = {}
    for v in m.lower:
        t, u, r = v
        cell = pub.cells.get((t, u))
        if cell is None or cell.empty:
            if r == "d" or t in m.shares or not has_denominator(pub, t):
                out[v] = 0.0
            continue
        x = cell.numerator if r == "n" else cell.denominator
        if x is not None:
            out[v] = float(x)
    return out


# --- solving -------------------------------------------------------------------------------------


@dataclass
class Recovery:
    """A hidden cell the intruder pins down."""

    table: Table
    unit: Unit
    what: str
    numerator: tuple[float, float]
    denominator: tuple[float, float]
    denominator_free: tuple[float, float]
    evidence: list[str]


def _components(m: Model) -> list[set[Var]]:
    """Unknown variables grouped by the relations that link them."""
    unknown = [v for v in m.lower if v not in m.known]
    index = {v: i for i, v in enumerate(unknown)}
    parent = list(range(len(unknown)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for coefs, _, _ in (*m.eq, *m.le):
        ids = [index[v] for v in coefs if v in index]
        for i in ids[1:]:
            parent[find(i)] = find(ids[0])
    groups: dict[int, set[Var]] = defaultdict(set)
    for v, i in index.items():
        groups[find(i)].add(v)
    return list(groups.values())


class _LP:
    """One component's LP: minimise / maximise a linear form of its variables."""

    def __init__(self, m: Model, variables: set[Var], structural: bool,
                 eq: list[tuple[dict[Var, float], float, str]], le: list[tuple[dict[Var, float], float, str]]) -> None:
        self.vars = sorted(variables, key=repr)
        self.col = {v: i for i, v in enumerate(self.vars)}
        self.relations: list[tuple[dict[Var, float], float, str, str]] = []

        def rows(items: list[tuple[dict[Var, float], float, str]], sign: str) -> tuple[Any, Any]:
            data: list[float] = []
            ri: list[int] = []
            ci: list[int] = []
            rhs: list[float] = []
            for coefs, b, kind in items:
                mine = {v: c for v, c in coefs.items() if v in self.col}
                if not mine:
                    continue
                rest = sum(c * m.known[v] for v, c in coefs.items() if v not in self.col)
                r = len(rhs)
                for v, c in mine.items():
                    data.append(c)
                    ri.append(r)
                    ci.append(self.col[v])
                rhs.append(b - rest)
                self.relations.append((coefs, b, kind, sign))
            if not rhs:
                return None, None
            return csr_matrix((data, (ri, ci)), shape=(len(rhs), len(self.vars))).toarray(), np.array(rhs)

        self.A_eq, self.b_eq = rows(eq, "=")
        self.A_ub, self.b_ub = rows(le, "≤")
        self.bounds = [
            (1.0 if structural and v in m.structural else m.lower.get(v, 0.0), m.upper.get(v)) for v in self.vars
        ]

        self._points: np.ndarray | None = None

    def solve(self, c: np.ndarray) -> Any:
        res = linprog(c, A_ub=self.A_ub, b_ub=self.b_ub, A_eq=self.A_eq, b_eq=self.b_eq, bounds=self.bounds,
                      method="highs")
        if res.status not in (0, 3):
            raise AssertionError(f"модель злоумышленника противоречива: {res.message}")
        return res

    def extreme(self, form: dict[Var, float], sense: int) -> float:
        c = np.zeros(len(self.vars))
        for v, k in form.items():
            c[self.col[v]] = sense * k
        res = self.solve(c)
        return sense * math.inf if res.status == 3 else float(sense * res.fun)

    def points(self) -> np.ndarray:
        """A few vertices of the polytope (every variable pushed up, down, and random directions).

        Two feasible points that differ by 1 or more in a cell prove it is not pinned without an LP of its own.
        """
        if self._points is None:
            rng = np.random.default_rng(0)
            found = []
            for c in (np.ones(len(self.vars)), -np.ones(len(self.vars)), *rng.normal(size=(10, len(self.vars)))):
                res = self.solve(c)
                if res.status == 0:
                    found.append(res.x)
            self._points = np.array(found).reshape(len(found), len(self.vars))
        return self._points

    def seen(self, form: dict[Var, float]) -> tuple[float, float]:
        """The range of ``form`` over :meth:`points`: inside the LP interval."""
        pts = self.points()
        if not len(pts):
            return math.inf, -math.inf
        vals = sum(k * pts[:, self.col[v]] for v, k in form.items())
        return float(np.min(vals)), float(np.max(vals))

    def interval(self, form: dict[Var, float]) -> tuple[float, float]:
        return self.extreme(form, 1), self.extreme(form, -1)


def pinned(lo: float, hi: float) -> bool:
    """The interval holds exactly one integer (the LP interval contains the integer one)."""
    return math.isfinite(hi) and math.floor(hi + EPS) == math.ceil(lo - EPS)


def _ancestors(pub: Publication, unit: Unit) -> list[Unit]:
    out = []
    while unit in pub.parent:
        unit = pub.parent[unit]
        out.append(unit)
    return out


def _zero_convention(pub: Publication, table: Table, unit: Unit) -> tuple[bool, bool]:
    """(a shown total above is 0 %, a shown total above is 100 %): the parts' 0 % / 100 % is not disclosure."""
    zero = full = False
    totals = [(table, a) for a in _ancestors(pub, unit)]
    if table[1] is not None:
        main = (table[0], None)
        totals += [(main, unit)] + [(main, a) for a in _ancestors(pub, unit)]
    for t, a in totals:
        c = pub.cells.get((t, a))
        if c is None or c.hidden or c.empty or c.numerator is None or c.denominator is None:
            continue
        zero = zero or (c.numerator == 0 and t == table) or (c.numerator == 0 and c.denominator > 0)
        full = full or (t == table and c.numerator == c.denominator)
    return zero, full


def _evidence(pub: Publication, lp: _LP, table: Table, unit: Unit) -> list[str]:
    """The shown values in the relations that touch the cell (what the recovery is made from)."""
    out = []
    for coefs, _, kind, _ in lp.relations:
        if not any(v[0] == table and v[1] == unit for v in coefs):
            continue
        terms = []
        for (t, u, r), c in coefs.items():
            cell = pub.cells.get((t, u))
            shown = "скрыто" if cell is not None and cell.hidden else (
                "?" if (t, u, r) in lp.col else f"{value(pub, t, u, r[-1]) if not r.startswith('a:') else 'сводные'}")
            name = f"{t[0]}{'/' + t[1] if t[1] else ''}[{pub.names.get(u, u[1])}].{r}={shown}"
            terms.append(("" if c > 0 else "−") + name)
        out.append(f"{kind}: " + " + ".join(terms))
    return out[:8]


def attack(pub: Publication, m: Model) -> list[Recovery]:
    """Every hidden cell of ``pub`` the model pins down (see the module docstring)."""
    found = []
    comps = _components(m)
    where: dict[Var, int] = {v: i for i, comp in enumerate(comps) for v in comp}
    lps: dict[tuple[int, bool], _LP] = {}
    eqs: dict[int, list[tuple[dict[Var, float], float, str]]] = defaultdict(list)
    les: dict[int, list[tuple[dict[Var, float], float, str]]] = defaultdict(list)
    for store, items in ((eqs, m.eq), (les, m.le)):
        for rel in items:
            comp = next((where[v] for v in rel[0] if v in where), None)
            if comp is not None:
                store[comp].append(rel)

    def lp(i: int, structural: bool) -> _LP:
        if (i, structural) not in lps:
            lps[i, structural] = _LP(m, comps[i], structural, eqs[i], les[i])
        return lps[i, structural]

    def interval(form: dict[Var, float], structural: bool = True, seen: bool = False) -> tuple[float, float]:
        """Least and greatest value of ``Σ coef·var``: known values added, each component's LP for the rest.

        ``seen``: only the range over a few feasible points (an inner bound: cheap, proves "not pinned").
        """
        lo = hi = sum(c * m.known[v] for v, c in form.items() if v in m.known)
        parts: dict[int, dict[Var, float]] = defaultdict(dict)
        for v, c in form.items():
            if v not in m.known:
                parts[where[v]][v] = c
        for i, part in parts.items():
            a, b = (lp(i, structural).seen if seen else lp(i, structural).interval)(part)
            lo, hi = lo + a, hi + b
        return lo, hi

    def exact(form: dict[Var, float], structural: bool = True, *, wide: float = 1.0) -> tuple[float, float]:
        """The LP interval, unless a few feasible points already span ``wide`` (then their range)."""
        a, b = interval(form, structural, seen=True)
        return (a, b) if b - a >= wide - EPS else interval(form, structural)

    for table, unit in m.hidden:
        n, d = (table, unit, "n"), (table, unit, "d")
        has_d = d in m.lower
        num = exact({n: 1.0})
        den_free = exact({d: 1.0}, structural=False) if has_d else (math.nan, math.nan)
        what = []
        if has_d and table not in m.shares:
            pass  # a ratio's numerator is a population (all teachers), shown as shares' denominator: its small
            # group is the denominator (members of the active), recovered as any denominator is, below
        elif not has_d and not pinned(*exact({n: 1.0}, structural=False)):
            pass  # a count of people another table shows as its denominator (tutors, per tutor) pinned only
            # by "a hidden cell is not empty": known from structure, as a denominator is (below)
        elif pinned(*num):
            zero, full = _zero_convention(pub, table, unit)
            if not ((zero and num[1] < 1 - EPS) or full):
                what.append(f"числитель = {round(num[0])}")
        if table in m.shares:
            zero, full = _zero_convention(pub, table, unit)
            if num[1] < 1 - EPS and not zero and not any("числитель" in w for w in what):
                what.append("доля = 0 %")
            gap = exact({d: 1.0, n: -1.0})
            if gap[1] < 1 - EPS and not full:
                what.append("доля = 100 %")
        if has_d and pinned(*den_free):
            what.append(f"знаменатель = {round(den_free[0])} (без знания, что скрытая ячейка не пуста)")
        if what:
            ref = n if n in where else d
            ev = _evidence(pub, lp(where[ref], True), table, unit) if ref in where else []
            num = interval({n: 1.0})
            den = interval({d: 1.0}) if has_d else (math.nan, math.nan)
            free = interval({d: 1.0}, False) if has_d else (math.nan, math.nan)
            found.append(Recovery(table, unit, "; ".join(what), num, den, free, ev))
    return found


def describe(pub: Publication, r: Recovery) -> str:
    """A recovered cell in words: jurisdiction, indicator, year, scope, unit, what, from which values."""
    scope, uid = r.unit
    ind, sub = r.table
    text = pub.texts.get(ind, "")
    lines = [
        f"{pub.jurisdiction}, {pub.year}: показатель {ind}" + (f" (в том числе {sub})" if sub else "")
        + (f" «{text[:70]}»" if text else "")
        + f", {SCOPE_WORDS.get(scope, scope)} {pub.names.get(r.unit, uid)} ({uid}): раскрыто — {r.what}; "
        f"числитель ∈ [{r.numerator[0]:g}; {r.numerator[1]:g}], знаменатель ∈ [{r.denominator[0]:g}; "
        f"{r.denominator[1]:g}]"
    ]
    lines += [f"    {e}" for e in r.evidence]
    return "\n".join(lines)


# --- what is published -----------------------------------------------------------------------------


def hierarchy(ws: Any, jurisdiction: str) -> tuple[dict[Unit, Unit], dict[Unit, str]]:
    """(territory → the one above it, territory → its name): the public register of organisations."""
    import sqlalchemy as sa

    from efs.data import schema as S

    o, mu = S.organizations, S.municipalities
    with ws.store.engine.connect() as conn:
        orgs = conn.execute(
            sa.select(o.c.id, o.c.municipality_id, o.c.name).where(o.c.jurisdiction_id == jurisdiction)
        ).all()
        munis = conn.execute(sa.select(mu.c.id, mu.c.name).where(mu.c.jurisdiction_id == jurisdiction)).all()
    top: Unit = ("jurisdiction", jurisdiction)
    parent: dict[Unit, Unit] = {("municipality", mid): top for mid, _ in munis}
    parent |= {("organization", oid): ("municipality", mid) for oid, mid, _ in orgs}
    names = {("municipality", mid): name for mid, name in munis}
    names |= {("organization", oid): name for oid, _, name in orgs}
    names[top] = ws.load(jurisdiction).jurisdiction.name
    return parent, names


def observe(
    ws: Any,
    jurisdiction: str,
    year: int,
    returns: dict[tuple[Table, Unit], tuple[float, float | None]],
    **protection: Any,
) -> Publication:
    """Everything ``ws`` publishes about ``jurisdiction`` in ``year``, with the exported ``returns`` of the year.

    ``protection`` goes to :func:`efs.indicators.compute` (``show_small=True`` gives the true values,
    ``secondary=False`` the primary suppression only). The results of all three scopes and of the readings
    ``--explain`` prints come from one computation, as ``--explain`` computes them (the same cells are
    hidden whichever scope is asked: docs/disclosure.md).
    """
    from efs.indicators import compute
    from efs.indicators.explain import reading_plans
    from efs.indicators.plan import plan_indicators

    config = ws.load(jurisdiction)
    plans = plan_indicators(config, ws.registry)
    readings = [alt for p in plans for _, alt in reading_plans(p)]
    results = compute(config, ws.store, year=year, by=("jurisdiction", "municipality", "organization"),
                      registry=ws.registry, plans=[*plans, *readings], **protection)
    parent, names = hierarchy(ws, jurisdiction)
    return Publication(jurisdiction, year, published(results, readings={p.indicator.id for p in readings}),
                       returns, parent, names, {r.indicator_id: r.indicator_text for r in results},
                       {p.indicator.id: entities(p) for p in [*plans, *readings]})


def entities(plan: Any) -> dict[str, tuple[str, ...]]:
    """Role → the entities a formula counts: a share's numerator and denominator are its population's rows,
    a ratio's its two populations' (``--explain`` prints them: «совокупность …»)."""
    from efs.indicators.blocks import POPULATIONS

    spec = plan.formula.spec if plan.formula is not None else None
    if spec is None:
        return {}
    num = POPULATIONS[spec.base.population].entities
    return {"n": num, "d": POPULATIONS[spec.denominator.population].entities if spec.denominator else num}
