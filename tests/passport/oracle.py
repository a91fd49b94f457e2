"""An independent recomputation of the passport's counts from the rows ``efs data export`` writes.

Plain Python over the exported CSV files (Russian headers, ``ДД.ММ.ГГГГ`` dates, ``да``/``нет``): no
SQL, no code of :mod:`efs.passport`. The definitions are read from the documents' terms as
``docs/passport.md`` states them — a person works in year Y when they started by Y and did not leave
before Y; «моложе 35» is born after Y − 35; an event counts in Y when its date is in Y; a period when it
overlaps Y; a membership in years when it includes Y.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from pathlib import Path

from efs.data.tables import JURISDICTION_HEADER, specs


def read(directory: Path, table: str, jurisdiction: str) -> list[dict]:
    """The exported rows of ``table`` for ``jurisdiction``, typed by the column's kind."""
    headers = {c.header: c.name for c in specs()[table].columns}
    headers[JURISDICTION_HEADER] = "jurisdiction_id"
    out = []
    with (directory / f"{table}.csv").open(encoding="utf-8-sig", newline="") as fh:
        for raw in csv.DictReader(fh, delimiter=";"):
            row = {}
            for header, value in raw.items():
                name = headers[header]
                if value == "":
                    row[name] = None
                elif value in ("да", "нет"):
                    row[name] = value == "да"
                elif len(value) == 10 and value[2] == "." and value[5] == ".":
                    row[name] = dt.datetime.strptime(value, "%d.%m.%Y").date()
                elif value.lstrip("-").isdigit():
                    row[name] = int(value)
                else:
                    row[name] = value
            if row["jurisdiction_id"] == jurisdiction:
                out.append(row)
    return out


class Oracle:
    """Counts of one jurisdiction and year, grouped by municipality or organisation kind."""

    def __init__(self, directory: Path, jurisdiction: str, year: int, by: str, municipality: str | None = None):
        self.year, self.by = year, by
        self.start, self.end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        t = {name: read(directory, name, jurisdiction) for name in (
            "organizations", "staff", "diagnostics", "individual_routes", "support_participation",
            "programme_completions", "post_course_support", "methodical_active_members", "programmes",
            "internship_sites")}
        self.t = t
        self.orgs = {o["id"]: o for o in t["organizations"]
                     if municipality is None or o["municipality_id"] == municipality}
        self.working = {s["id"]: s for s in t["staff"] if s["organization_id"] in self.orgs
                        and s["pedagogical_start_year"] <= year and (s["left_year"] is None or s["left_year"] >= year)}

    def group(self, staff_id: str) -> str:
        org = self.orgs[self.working[staff_id]["organization_id"]]
        return org["municipality_id"] if self.by == "municipality" else org["kind"]

    def _in_year(self, day) -> bool:
        return self.start <= day <= self.end

    def _overlaps(self, start, end) -> bool:
        return start <= self.end and (end is None or end >= self.start)

    def staff(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for sid, s in self.working.items():
            g = out[self.group(sid)]
            g["pedagogical"] += bool(s["is_pedagogical"])
            g["under35"] += bool(s["is_pedagogical"] and s["birth_year"] > self.year - 35)
            g["managers"] += bool(s["is_manager"])
        active = {m["staff_id"] for m in self.t["methodical_active_members"] if m["staff_id"] in self.working
                  and m["since_year"] <= self.year and (m["until_year"] is None or m["until_year"] >= self.year)}
        for sid in active:
            out[self.group(sid)]["active"] += 1
        return out

    def engagement(self) -> dict[str, dict[str, int]]:
        teachers = {sid for sid, s in self.working.items() if s["is_pedagogical"]}
        sets: dict[str, set[str]] = defaultdict(set)
        for d in self.t["diagnostics"]:
            if d["staff_id"] in teachers and self._in_year(d["taken_on"]):
                sets["diagnostics"].add(d["staff_id"])
                if d["deficits_found"] is True:
                    sets["deficits"].add(d["staff_id"])
        for r in self.t["individual_routes"]:
            if r["staff_id"] in teachers and self._overlaps(r["started_on"], r["ended_on"]):
                sets["routes"].add(r["staff_id"])
        for p in self.t["support_participation"]:
            if p["staff_id"] in teachers and self._overlaps(p["started_on"], p["ended_on"]):
                sets["support"].add(p["staff_id"])
                if p["form"] == "mentoring" and p["role"] in ("mentee", "mentor"):
                    sets[p["role"] + "s"].add(p["staff_id"])
        for c in self.t["programme_completions"]:
            if c["staff_id"] in teachers and self._in_year(c["completed_on"]):
                sets["completed"].add(c["staff_id"])
        for p in self.t["post_course_support"]:
            if p["staff_id"] in teachers and self._overlaps(p["started_on"], p["ended_on"]):
                sets["post_course"].add(p["staff_id"])
        out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for sid in teachers:
            out[self.group(sid)]["pedagogical"] += 1
        for measure, people in sets.items():
            for sid in people:
                out[self.group(sid)][measure] += 1
        return out

    def completions(self) -> dict[str, dict[str, int]]:
        programmes = {p["id"]: p for p in self.t["programmes"]}
        persons: dict[str, set[str]] = defaultdict(set)
        registry: dict[str, set[str]] = defaultdict(set)
        for c in self.t["programme_completions"]:
            if c["staff_id"] in self.working and self._in_year(c["completed_on"]):
                p = programmes[c["programme_id"]]
                developer = p["developer"] or ""
                persons[developer].add(c["staff_id"])
                persons["__total__"].add(c["staff_id"])
                if p["in_federal_registry"]:
                    registry[developer].add(c["staff_id"])
                    registry["__total__"].add(c["staff_id"])
        return {d: {"persons": len(persons[d]), "registry": len(registry[d])} for d in persons}

    def programmes(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for p in self.t["programmes"]:
            g = out[p["developer"] or ""]
            g["programmes"] += 1
            g["registry"] += bool(p["in_federal_registry"])
            g["network"] += bool(p["network_form"])
            g["innovation"] += bool(p["innovation_based"])
        return out

    def sites(self) -> dict[str, int]:
        """Sites active in the year by kind."""
        out: dict[str, int] = defaultdict(int)
        for s in self.t["internship_sites"]:
            if s["organization_id"] in self.orgs and s["since_year"] <= self.year and (
                    s["until_year"] is None or s["until_year"] >= self.year):
                out[s["kind"]] += 1
        return out
