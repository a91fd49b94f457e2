"""The reference computation: every indicator from the store's raw rows in plain Python, one function per block.

Written from the building blocks' descriptions (``docs/indicators.md``, :mod:`efs.indicators.blocks`) and
the store's documentation (``docs/store.md``), never from the SQL compiler: this module imports neither
:mod:`efs.indicators.sql` nor the engine. It reads the rows of every table as plain dicts (:func:`read_rows`),
evaluates a parsed, resolved :class:`~efs.indicators.spec.FormulaSpec` row by row (:func:`groups_of`),
merges the aggregate returns and rolls the groups up to a scope (:func:`results`). The tests compare
``efs.indicators.compute`` against it on generated and synthesised stores.

Readings it encodes (the documents' "in the year"):

* a date is in the year when it lies in [1 January of the window's first year, 1 January of the next year);
* a period (route, participation, support) counts when it overlaps the window: started before its end,
  not ended before its start;
* a yearly membership (active, sites) counts when ``since_year ≤ year`` and it did not end before the
  window's first year;
* staff work in the year when they started pedagogical work by then and did not leave before it;
* a flag asked to be false is false, not unknown; an unknown value matches no list and no threshold;
* an event without a municipality counts in its organizer's municipality;
* a year the store holds no monitoring record of — nothing that happened in it (a diagnostic taken, a
  programme completed, a route, support or participation begun, a team trained, an event held) and no
  aggregate return filed for it — has no data: every result is «нет данных», whatever the populations
  (staff, registers) hold.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from efs.indicators.spec import Condition, CountSpec, FormulaSpec

Row = dict[str, Any]
Rows = dict[str, list[Row]]

TABLES = (
    "municipalities",
    "organizations",
    "staff",
    "diagnostics",
    "individual_routes",
    "programmes",
    "programme_completions",
    "post_course_support",
    "support_participation",
    "management_teams",
    "team_trainings",
    "methodical_active_members",
    "events",
    "internship_sites",
    "graduates",
    "graduate_diagnostics",
    "aggregate_returns",
)


def read_rows(conn: Any, jurisdiction: str) -> Rows:
    """Every row of the jurisdiction, table by table, as plain dicts (dates as :class:`datetime.date`)."""
    import sqlalchemy as sa

    out: Rows = {}
    for name in TABLES:
        table = sa.table(name, sa.column("jurisdiction_id"))
        result = conn.execute(sa.select(sa.text("*")).select_from(table).where(table.c.jurisdiction_id == jurisdiction))
        out[name] = [{k: _date(v) for k, v in row.items()} for row in result.mappings()]
    return out


def _date(v: Any) -> Any:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, str) and len(v) == 10 and v[4] == "-" and v[7] == "-":
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            return v
    return v


@dataclass(frozen=True)
class When:
    """The report year and the window the event conditions look back over."""

    year: int
    window: int = 1

    @property
    def first_year(self) -> int:
        return self.year - self.window + 1

    @property
    def start(self) -> dt.date:
        return dt.date(self.first_year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year + 1, 1, 1)

    def dated(self, d: dt.date | None) -> bool:
        return d is not None and self.start <= d < self.end

    def period(self, started: dt.date | None, ended: dt.date | None) -> bool:
        return started is not None and started < self.end and (ended is None or ended >= self.start)

    def years(self, since: int | None, until: int | None) -> bool:
        return since is not None and since <= self.year and (until is None or until >= self.first_year)


class World:
    """The rows with the indexes the blocks look things up by."""

    def __init__(self, rows: Rows) -> None:
        self.rows = rows
        self.orgs = {o["id"]: o for o in rows["organizations"]}
        self.programmes = {p["id"]: p for p in rows["programmes"]}
        self.by: dict[tuple[str, str], dict[Any, list[Row]]] = {}

    def of(self, table: str, key: str, value: Any) -> list[Row]:
        index = self.by.get((table, key))
        if index is None:
            index = self.by[(table, key)] = defaultdict(list)
            for r in self.rows[table]:
                index[r[key]].append(r)
        return index.get(value, [])


# --- populations: (entity) → rows in the year, and the group of each row --------------------------


def staff_in_year(w: World, when: When) -> list[Row]:
    return [
        s
        for s in w.rows["staff"]
        if s["pedagogical_start_year"] <= when.year and (s["left_year"] is None or s["left_year"] >= when.year)
    ]


def population_rows(w: World, population: str, entity: str, when: When) -> list[Row]:
    """The rows of ``entity`` the population ``population`` counts in the year."""
    if entity == "staff":
        staff = staff_in_year(w, when)
        if population in ("teachers", "young_teachers", "teachers_and_graduates"):
            staff = [s for s in staff if s["is_pedagogical"]]
        elif population == "managers":
            staff = [s for s in staff if s["is_manager"]]
        elif population == "teachers_and_managers":
            staff = [s for s in staff if s["is_pedagogical"] or s["is_manager"]]
        if population == "young_teachers":
            staff = [
                s for s in staff if s["birth_year"] > when.year - 35 and s["pedagogical_start_year"] > when.year - 3
            ]
        return staff
    if entity == "graduates":
        return [g for g in w.rows["graduates"] if when.first_year <= g["graduation_year"] <= when.year]
    if entity == "events":
        return [e for e in w.rows["events"] if when.dated(e["held_on"])]
    if entity == "internship_sites":
        return [
            i
            for i in w.rows["internship_sites"]
            if when.years(i["since_year"], i["until_year"]) and i["organization_id"] in w.orgs
        ]
    return list(w.rows[entity])  # organizations, management teams, programmes: all of them


def group_of(w: World, entity: str, row: Row) -> tuple[str | None, str | None]:
    """(municipality, organization) a row is counted under."""
    if entity == "staff":
        org = w.orgs.get(row["organization_id"])
        return (org["municipality_id"] if org else None), row["organization_id"]
    if entity == "graduates":
        return row["municipality_id"], None
    if entity == "organizations":
        return row["municipality_id"], row["id"]
    if entity in ("management_teams", "events"):
        muni = row["municipality_id"]
        if muni is None and row["organization_id"] in w.orgs:  # an event placed by its organizer
            muni = w.orgs[row["organization_id"]]["municipality_id"]
        return muni, row["organization_id"]
    if entity == "internship_sites":
        return w.orgs[row["organization_id"]]["municipality_id"], row["organization_id"]
    return None, None  # programmes


# --- conditions: one function per block, (world, entity, row, params, when) → bool ---------------------


def _in(value: Any, allowed: Iterable[Any] | None) -> bool:
    return allowed is None or (value is not None and value in list(allowed))


def _flag(value: Any, wanted: bool | None) -> bool:
    return wanted is None or (value is not None and bool(value) == wanted)


def _deficit_diagnostic_by(w: World, staff_id: str, providers: list[str] | None, by: dt.date) -> bool:
    if providers is None:
        return True
    return any(
        d["kind"] == "professional_deficits" and _in(d["provider"], providers) and d["taken_on"] <= by
        for d in w.of("diagnostics", "staff_id", staff_id)
    )


def took_diagnostic(w: World, entity: str, row: Row, p: dict[str, Any], when: When) -> bool:
    if entity == "graduates":
        found = w.of("graduate_diagnostics", "graduate_id", row["id"])
    else:
        found = w.of("diagnostics", "staff_id", row["id"])
    for d in found:
        if not when.dated(d["taken_on"]) or not _in(d["kind"], p.get("kind")):
            continue
        if "min_result" in p and (d["result_percent"] is None or d["result_percent"] < p["min_result"]):
            continue
        if entity == "staff":
            if not _flag(d.get("deficits_found"), p.get("deficits_found")):
                continue
            if not _in(d.get("provider"), p.get("provider")):
                continue
        return True
    return False


def _programme_ok(prog: Row | None, p: dict[str, Any]) -> bool:
    flags = {
        "federal_registry": "in_federal_registry",
        "network_form": "network_form",
        "innovation_based": "innovation_based",
    }
    wanted = {k: v for k, v in p.items() if k in flags}
    if not wanted and "developer" not in p:
        return True
    if prog is None:
        return False
    return all(_flag(prog[flags[k]], v) for k, v in wanted.items()) and _in(prog["developer"], p.get("developer"))


def completed_programme(w: World, entity: str, row: Row, p: dict[str, Any], when: When) -> bool:
    for c in w.of("programme_completions", "staff_id", row["id"]):
        if not when.dated(c["completed_on"]):
            continue
        if not _flag(c["selected_by_diagnostics"], p.get("selected_by_diagnostics")):
            continue
        if not _deficit_diagnostic_by(w, row["id"], p.get("diagnostic_provider"), c["completed_on"]):
            continue
        if _programme_ok(w.programmes.get(c["programme_id"]), p):
            return True
    return False


def individual_route(w: World, entity: str, row: Row, p: dict[str, Any], when: When) -> bool:
    for r in w.of("individual_routes", "staff_id", row["id"]):
        if not when.period(r["started_on"], r["ended_on"]):
            continue
        if p.get("started_in_period") is True and r["started_on"] < when.start:
            continue
        if p.get("started_in_period") is False and r["started_on"] >= when.start:
            continue
        if not _flag(r["based_on_diagnostics"], p.get("based_on_diagnostics")):
            continue
        if _deficit_diagnostic_by(w, row["id"], p.get("diagnostic_provider"), r["started_on"]):
            return True
    return False


def participated(w: World, entity: str, row: Row, p: dict[str, Any], when: When) -> bool:
    return any(
        when.period(sp["started_on"], sp["ended_on"])
        and _in(sp["form"], p.get("forms"))
        and _in(sp["role"], p.get("roles"))
        for sp in w.of("support_participation", "staff_id", row["id"])
    )


def post_course_support(w: World, entity: str, row: Row, p: dict[str, Any], when: When) -> bool:
    for s in w.of("post_course_support", "staff_id", row["id"]):
        if not when.period(s["started_on"], s["ended_on"]):
            continue
        if p.get("after_completed_programme") and not any(
            c["programme_id"] == s["programme_id"]
            and when.dated(c["completed_on"])
            and c["completed_on"] <= s["started_on"]
            for c in w.of("programme_completions", "staff_id", row["id"])
        ):
            continue
        return True
    return False


def methodical_active(w: World, entity: str, row: Row, p: dict[str, Any], when: When) -> bool:
    return any(
        when.years(m["since_year"], m["until_year"]) and _in(m["role"], p.get("roles"))
        for m in w.of("methodical_active_members", "staff_id", row["id"])
    )


def organization(w: World, entity: str, row: Row, p: dict[str, Any], when: When) -> bool:
    org = row if entity == "organizations" else w.orgs.get(row.get("organization_id"))
    if org is None:
        return False
    if not _in(org["kind"], p.get("kind")):
        return False
    flags = ("low_results", "adverse_conditions", "mentoring_model", "national_project_infrastructure")
    return all(_flag(org[f], p[f]) for f in flags if f in p)


def has_site(w: World, entity: str, row: Row, p: dict[str, Any], when: When) -> bool:
    return any(
        when.years(i["since_year"], i["until_year"]) and _in(i["kind"], p.get("kind"))
        for i in w.of("internship_sites", "organization_id", row["id"])
    )


def trained(w: World, entity: str, row: Row, p: dict[str, Any], when: When) -> bool:
    return any(when.dated(t["completed_on"]) for t in w.of("team_trainings", "team_id", row["id"]))


def implemented(w: World, entity: str, row: Row, p: dict[str, Any], when: When) -> bool:
    return any(when.dated(c["completed_on"]) for c in w.of("programme_completions", "programme_id", row["id"]))


BLOCKS: dict[str, Callable[[World, str, Row, dict[str, Any], When], bool]] = {
    "took_diagnostic": took_diagnostic,
    "completed_programme": completed_programme,
    "individual_route": individual_route,
    "participated": participated,
    "post_course_support": post_course_support,
    "methodical_active": methodical_active,
    "manager": lambda w, e, r, p, when: bool(r["is_manager"]) == p["value"],
    "pedagogical": lambda w, e, r, p, when: bool(r["is_pedagogical"]) == p["value"],
    "age_below": lambda w, e, r, p, when: r["birth_year"] > when.year - p["years"],
    "experience_below": lambda w, e, r, p, when: r["pedagogical_start_year"] > when.year - p["years"],
    "organization": organization,
    "has_site": has_site,
    "trained": trained,
    "team_level": lambda w, e, r, p, when: (r["organization_id"] is not None) == (p["level"] == "organization"),
    "event_kind": lambda w, e, r, p, when: _in(r["kind"], p["kind"]),
    "event_level": lambda w, e, r, p, when: _in(r["level"], p["level"]),
    "site_kind": lambda w, e, r, p, when: _in(r["kind"], p["kind"]),
    "programme": lambda w, e, r, p, when: _programme_ok(r, p),
    "implemented": implemented,
}


def holds(w: World, entity: str, row: Row, cond: Condition, when: When) -> bool:
    """Whether ``row`` satisfies ``cond`` (combinators included)."""
    if cond.block == "not":
        return not holds(w, entity, row, cond.children[0], when)
    if cond.block == "any":
        return any(holds(w, entity, row, c, when) for c in cond.children)
    if cond.block == "all":
        return all(holds(w, entity, row, c, when) for c in cond.children)
    params = dict(cond.params)
    if "developed_by_system" in params or any(k.endswith("_subject") for k in params):
        raise ValueError(f"unresolved subject parameter in {cond.describe()}: resolve the spec first")
    return BLOCKS[cond.block](w, entity, row, params, when)


def all_hold(w: World, entity: str, row: Row, conds: Iterable[Condition], when: When) -> bool:
    return all(holds(w, entity, row, c, when) for c in conds)


def measure(row: Row, name: str) -> float:
    return float(row.get("participants") or 0) if name == "participants" else 1.0


# --- a formula's groups, aggregate returns, scopes --------------------------------------------------


@dataclass
class Cell:
    """Numerator, denominator and rows of one group (municipality, organization)."""

    numerator: float = 0.0
    denominator: float | None = None
    base: float = 0.0
    subs: dict[str, float] = field(default_factory=dict)
    aggregate: bool = False


def own_denominator(sub: str) -> str:
    """Where a cell keeps the denominator of a sub-measure that has its own (``where``)."""
    return f"{sub}|denominator"


def groups_of(rows: Rows, spec: FormulaSpec, year: int) -> dict[tuple[str | None, str | None], Cell]:
    """The formula's person-level groups for ``year``."""
    w = World(rows)
    when = When(year, spec.window_for(year))
    out: dict[tuple[str | None, str | None], Cell] = defaultdict(Cell)

    def side(count: CountSpec, role: str) -> None:
        for entity in count.entities:
            for row in population_rows(w, count.population, entity, when):
                cell = out[group_of(w, entity, row)]
                cell.base += 1
                m = measure(row, count.measure)
                if spec.kind == "share":
                    if not all_hold(w, entity, row, count.where, when):
                        cell.base -= 1
                        continue
                    cell.denominator = (cell.denominator or 0.0) + m
                    if all_hold(w, entity, row, spec.numerator, when):
                        cell.numerator += m
                    for sm in spec.sub_measures:  # a part with ``where`` has its own denominator: those rows
                        part = all_hold(w, entity, row, sm.where, when)
                        hit = part and all_hold(w, entity, row, sm.numerator, when)
                        cell.subs[sm.id] = cell.subs.get(sm.id, 0.0) + (m if hit else 0.0)
                        if sm.where:
                            key = own_denominator(sm.id)
                            cell.subs[key] = cell.subs.get(key, 0.0) + (m if part else 0.0)
                elif spec.kind == "count":
                    if all_hold(w, entity, row, count.where, when):
                        cell.numerator += m
                else:  # ratio
                    hit = m if all_hold(w, entity, row, count.where, when) else 0.0
                    if role == "numerator":
                        cell.numerator += hit
                        cell.denominator = cell.denominator or 0.0
                    else:
                        cell.denominator = (cell.denominator or 0.0) + hit

    side(spec.base, "numerator")
    if spec.denominator is not None:
        side(spec.denominator, "denominator")
    return {k: v for k, v in out.items() if v.base > 0}


def with_returns(
    rows: Rows, cells: dict[tuple[str | None, str | None], Cell], indicator: str, year: int, kind: str
) -> list[tuple[tuple[str | None, str | None], Cell]]:
    """The groups with the aggregate returns of units that have no person-level rows for the indicator.

    An organization's return stands for the organization when none of its people is counted; a
    municipality's return stands for the municipality when nothing finer is known there (no person
    rows, no organization return).
    """
    orgs = {o["id"]: o["municipality_id"] for o in rows["organizations"]}
    person_orgs = {o for (_, o) in cells if o}
    person_munis = {m for (m, _) in cells if m}
    returns = [a for a in rows["aggregate_returns"] if a["indicator_id"] == indicator and a["year"] == year]
    extra: dict[tuple[str, str], Cell] = {}
    for a in returns:
        if a["scope"] == "organization" and a["scope_id"] in person_orgs:
            continue
        cell = extra.setdefault((a["scope"], a["scope_id"]), Cell(aggregate=True))
        if a["sub_measure"]:
            cell.subs[a["sub_measure"]] = float(a["numerator"])
            if a["denominator"] is not None:
                cell.subs[own_denominator(a["sub_measure"])] = float(a["denominator"])
            continue
        cell.numerator = float(a["numerator"])
        cell.denominator = None if (a["denominator"] is None or kind == "count") else float(a["denominator"])
        cell.base = 1.0
    out = list(cells.items())
    org_return_munis = {orgs.get(sid) for (scope, sid), c in extra.items() if scope == "organization" and c.base}
    for (scope, sid), cell in extra.items():
        if not cell.base:
            continue
        if scope == "organization":
            out.append(((orgs.get(sid), sid), cell))
        elif sid not in person_munis and sid not in org_return_munis:
            out.append(((sid, None), cell))
    return out


@dataclass(frozen=True)
class Number:
    """One result: numerator and denominator (``None`` — no data)."""

    numerator: float | None
    denominator: float | None


#: What happened, and when: the records of monitoring (``docs/store.md``), each with its date column.
HAPPENED = {
    "diagnostics": "taken_on",
    "programme_completions": "completed_on",
    "individual_routes": "started_on",
    "post_course_support": "started_on",
    "support_participation": "started_on",
    "team_trainings": "completed_on",
    "events": "held_on",
    "graduate_diagnostics": "taken_on",
}


def monitored(rows: Rows, year: int) -> bool:
    """Whether anything happened in ``year`` by the records, or an aggregate return is filed for it."""
    if any(r["year"] == year for r in rows["aggregate_returns"]):
        return True
    return any(
        isinstance(r[column], dt.date) and r[column].year == year for table, column in HAPPENED.items()
        for r in rows[table]
    )


def results(
    rows: Rows,
    indicator: str,
    spec: FormulaSpec,
    year: int,
    by: str,
    jurisdiction: str,
) -> dict[tuple[str, str | None], Number]:
    """(scope id, sub-measure id) → the numbers of every scope of ``by`` for one indicator."""
    cells = with_returns(rows, groups_of(rows, spec, year), indicator, year, spec.kind)
    if by == "jurisdiction":
        scopes: dict[str, list[Cell]] = {jurisdiction: [c for _, c in cells]}
    else:
        ids = (
            [m["id"] for m in rows["municipalities"]]
            if by == "municipality"
            else [o["id"] for o in rows["organizations"]]
        )
        scopes = {i: [] for i in ids}
        for (m, o), c in cells:
            key = m if by == "municipality" else o
            if key is not None:
                scopes.setdefault(key, []).append(c)
    out: dict[tuple[str, str | None], Number] = {}
    year_monitored = monitored(rows, year)
    for scope_id, mine in scopes.items():
        has_data = year_monitored and any(c.base > 0 for c in mine)
        own = {s.id for s in spec.sub_measures if s.where}
        for sub in [None, *(s.id for s in spec.sub_measures)]:
            num = sum((c.subs.get(sub, 0.0) if sub else c.numerator) for c in mine)
            if spec.kind == "count":
                den = None
            elif sub in own:  # the part's own denominator, where the main measure has one
                den = sum(c.subs.get(own_denominator(sub), 0.0) for c in mine if c.denominator is not None)
            else:
                den = sum(c.denominator for c in mine if c.denominator is not None)
            if not has_data or (spec.kind != "count" and not den):
                out[(scope_id, sub)] = Number(None, None)
            else:
                out[(scope_id, sub)] = Number(num, den)
    return out
