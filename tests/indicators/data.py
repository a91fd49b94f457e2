"""A tiny builder of hand-made monitoring data for the indicator tests.

Every helper inserts rows with sensible defaults so a test states only what matters to it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from efs.data import schema as S


def d(year: int, month: int = 3, day: int = 1) -> dt.date:
    """A date (default: 1 March of ``year``)."""
    return dt.date(year, month, day)


class Data:
    """Rows for one jurisdiction, written to a store with :meth:`save`."""

    def __init__(self, jurisdiction: str = "testland", level: str = "regional") -> None:
        self.j = jurisdiction
        self.rows: dict[str, list[dict[str, Any]]] = {
            "jurisdictions": [{"id": jurisdiction, "name": "Тестовая область", "level": level}]
        }

    def add(self, table: str, **row: Any) -> Data:
        row.setdefault("jurisdiction_id", self.j)
        self.rows.setdefault(table, []).append(row)
        return self

    def municipality(self, mid: str, name: str | None = None) -> Data:
        return self.add("municipalities", id=mid, name=name or f"Муниципалитет {mid}")

    def organization(self, oid: str, muni: str, kind: str = "school", **flags: Any) -> Data:
        return self.add(
            "organizations", id=oid, municipality_id=muni, name=f"Организация {oid}", kind=kind, **flags
        )

    def person(
        self,
        pid: str,
        org: str,
        *,
        birth: int = 1980,
        start: int = 2005,
        manager: bool = False,
        pedagogical: bool = True,
        left: int | None = None,
        position: str = "учитель",
    ) -> Data:
        return self.add(
            "staff",
            id=pid,
            organization_id=org,
            position=position,
            is_manager=manager,
            is_pedagogical=pedagogical,
            birth_year=birth,
            pedagogical_start_year=start,
            left_year=left,
        )

    def people(self, prefix: str, n: int, org: str, **kw: Any) -> list[str]:
        ids = [f"{prefix}{i}" for i in range(n)]
        for pid in ids:
            self.person(pid, org, **kw)
        return ids

    def programme(
        self, pid: str, *, registry: bool = False, network: bool = False, innovation: bool = False
    ) -> Data:
        return self.add(
            "programmes",
            id=pid,
            name=f"Программа {pid}",
            in_federal_registry=registry,
            network_form=network,
            innovation_based=innovation,
        )

    def completion(self, staff: str, programme: str, on: dt.date, *, by_diagnostics: bool = False) -> Data:
        return self.add(
            "programme_completions",
            staff_id=staff,
            programme_id=programme,
            completed_on=on,
            selected_by_diagnostics=by_diagnostics,
        )

    def diagnostic(self, staff: str, kind: str, on: dt.date, result: float | None = None, **kw: Any) -> Data:
        return self.add("diagnostics", staff_id=staff, kind=kind, taken_on=on, result_percent=result, **kw)

    def participation(
        self, staff: str, form: str, start: dt.date, end: dt.date | None = None, role: str = "participant"
    ) -> Data:
        return self.add(
            "support_participation", staff_id=staff, form=form, started_on=start, ended_on=end, role=role
        )

    def route(
        self, staff: str, start: dt.date, end: dt.date | None = None, by_diagnostics: bool = True
    ) -> Data:
        return self.add(
            "individual_routes",
            staff_id=staff,
            started_on=start,
            ended_on=end,
            based_on_diagnostics=by_diagnostics,
        )

    def post_course(self, staff: str, start: dt.date, end: dt.date | None = None) -> Data:
        return self.add("post_course_support", staff_id=staff, started_on=start, ended_on=end)

    def active(self, staff: str, role: str, since: int, until: int | None = None) -> Data:
        return self.add(
            "methodical_active_members", staff_id=staff, role=role, since_year=since, until_year=until
        )

    def team(self, tid: str, muni: str, org: str | None = None) -> Data:
        return self.add("management_teams", id=tid, municipality_id=muni, organization_id=org)

    def training(self, team: str, on: dt.date) -> Data:
        return self.add("team_trainings", team_id=team, completed_on=on, title="Управление качеством")

    def event(
        self,
        eid: str,
        kind: str,
        on: dt.date,
        muni: str | None = None,
        participants: int | None = None,
        level: str | None = "regional",
    ) -> Data:
        return self.add(
            "events",
            id=eid,
            kind=kind,
            title=f"Мероприятие {eid}",
            held_on=on,
            municipality_id=muni,
            participants=participants,
            level=level,
        )

    def site(self, org: str, kind: str, since: int, until: int | None = None) -> Data:
        return self.add(
            "internship_sites", organization_id=org, kind=kind, since_year=since, until_year=until
        )

    def graduate(self, gid: str, year: int, muni: str | None = None) -> Data:
        return self.add("graduates", id=gid, graduation_year=year, municipality_id=muni, university="БГПУ")

    def graduate_diagnostic(self, gid: str, kind: str, on: dt.date, result: float | None = None) -> Data:
        return self.add(
            "graduate_diagnostics", graduate_id=gid, kind=kind, taken_on=on, result_percent=result
        )

    def aggregate(
        self,
        indicator: str,
        year: int,
        scope: str,
        scope_id: str,
        numerator: float,
        denominator: float | None = None,
        sub_measure: str = "",
    ) -> Data:
        return self.add(
            "aggregate_returns",
            indicator_id=indicator,
            year=year,
            scope=scope,
            scope_id=scope_id,
            numerator=numerator,
            denominator=denominator,
            sub_measure=sub_measure,
        )

    def monitored(self, year: int) -> Data:
        """Make ``year`` a year with monitoring data (:mod:`efs.indicators.years`) without adding anything a
        formula counts: an aggregate return of an indicator no test defines. A store holding only the
        populations (staff, organizations, registers) has no data for any year."""
        return self.aggregate("elsewhere", year, "municipality", "elsewhere", 0)

    def save(self, store: Any) -> Any:
        """Insert every row (parents first) and return the store."""
        with store.engine.begin() as conn:
            for table in S.metadata.sorted_tables:
                rows = self.rows.get(table.name)
                by_keys: dict[frozenset[str], list[dict[str, Any]]] = {}
                for row in rows or []:
                    by_keys.setdefault(frozenset(row), []).append(row)
                for batch in by_keys.values():  # same columns per batch, so defaults fill the rest
                    conn.execute(table.insert(), batch)
        return store
