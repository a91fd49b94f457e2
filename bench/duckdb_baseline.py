"""DuckDB over the same pandas frames: the Amur indicators as SQL per municipality (see pandas_baseline)."""

from __future__ import annotations

from typing import Any

import pandas as pd
from pandas_baseline import COUNTS, INDICATORS, Result, merge_and_roll_up

_STAFF = """
WITH s AS (
  SELECT s.id, o.municipality_id AS m, s.is_pedagogical AS ped, s.is_manager AS mgr,
         s.birth_year AS born, s.pedagogical_start_year AS st
  FROM staff s LEFT JOIN organizations o ON o.id = s.organization_id
  WHERE s.pedagogical_start_year <= {y} AND (s.left_year IS NULL OR s.left_year >= {y})
)
"""
_WIN = "{col} >= DATE '{y}-01-01' AND {col} < DATE '{y1}-01-01'"
_OVER = "{a} < DATE '{y1}-01-01' AND ({b} IS NULL OR {b} >= DATE '{y}-01-01')"
_ACTIVE = (
    "SELECT staff_id FROM methodical_active_members WHERE since_year <= {y} "
    "AND (until_year IS NULL OR until_year >= {y}) AND role IN ('regional_methodist', 'tutor')"
)
_POP = {
    "teachers": "ped",
    "teachers_and_managers": "(ped OR mgr)",
    "young_teachers": "ped AND born > {y} - 35 AND st > {y} - 3",
}


def _share(pop: str, ids: str) -> str:
    return (
        _STAFF + f"SELECT m, sum(CASE WHEN id IN ({ids}) THEN 1 ELSE 0 END)::DOUBLE AS num, "
        f"count(*)::DOUBLE AS den, count(*)::DOUBLE AS base FROM s WHERE {_POP[pop]} GROUP BY m"
    )


SQL: dict[str, str] = {
    "deficit_diagnostics": _share(
        "teachers_and_managers",
        "SELECT staff_id FROM diagnostics WHERE kind = 'professional_deficits' AND "
        + _WIN.format(col="taken_on", y="{y}", y1="{y1}"),
    ),
    "individual_routes": _share(
        "teachers_and_managers",
        "SELECT staff_id FROM individual_routes WHERE based_on_diagnostics AND "
        + _OVER.format(a="started_on", b="ended_on", y="{y}", y1="{y1}"),
    ),
    "registry_by_diagnostics": _share(
        "teachers",
        "SELECT c.staff_id FROM programme_completions c JOIN programmes p ON p.id = c.programme_id "
        "WHERE p.in_federal_registry AND c.selected_by_diagnostics AND "
        + _WIN.format(col="c.completed_on", y="{y}", y1="{y1}"),
    ),
    "young_supported": _share(
        "young_teachers",
        "SELECT staff_id FROM support_participation WHERE "
        + _OVER.format(a="started_on", b="ended_on", y="{y}", y1="{y1}"),
    ),
    "active_count": _STAFF
    + "SELECT m, sum(CASE WHEN id IN (" + _ACTIVE + ") THEN 1 ELSE 0 END)::DOUBLE AS num, 0::DOUBLE AS den, "
    "count(*)::DOUBLE AS base FROM s GROUP BY m",
    "teachers_per_active": _STAFF
    + "SELECT m, sum(num) AS num, sum(den) AS den, sum(base) AS base FROM ("
    "SELECT m, count(*)::DOUBLE AS num, 0::DOUBLE AS den, count(*)::DOUBLE AS base FROM s WHERE ped GROUP BY m "
    "UNION ALL SELECT m, 0, sum(CASE WHEN id IN (" + _ACTIVE + ") THEN 1 ELSE 0 END)::DOUBLE, count(*)::DOUBLE "
    "FROM s GROUP BY m) GROUP BY m",
    "functional_literacy": _STAFF
    + """, d AS (SELECT staff_id, result_percent FROM diagnostics
             WHERE kind = 'functional_literacy' AND taken_on >= DATE '{y}-01-01' AND taken_on < DATE '{y1}-01-01'),
       gd AS (SELECT graduate_id, result_percent FROM graduate_diagnostics
             WHERE kind = 'functional_literacy' AND taken_on >= DATE '{y}-01-01' AND taken_on < DATE '{y1}-01-01')
    SELECT m, sum(num) AS num, sum(den) AS den, sum(base) AS base, sum(sub_0) AS sub_0 FROM (
      SELECT m, sum(CASE WHEN id IN (SELECT staff_id FROM d) THEN 1 ELSE 0 END)::DOUBLE AS num,
             count(*)::DOUBLE AS den, count(*)::DOUBLE AS base,
             sum(CASE WHEN id IN (SELECT staff_id FROM d WHERE result_percent >= 70) THEN 1 ELSE 0 END)::DOUBLE AS sub_0
      FROM s WHERE ped GROUP BY m
      UNION ALL
      SELECT municipality_id, sum(CASE WHEN id IN (SELECT graduate_id FROM gd) THEN 1 ELSE 0 END)::DOUBLE,
             count(*)::DOUBLE, count(*)::DOUBLE,
             sum(CASE WHEN id IN (SELECT graduate_id FROM gd WHERE result_percent >= 70) THEN 1 ELSE 0 END)::DOUBLE
      FROM graduates WHERE graduation_year = {y} GROUP BY municipality_id
    ) GROUP BY m""",
    "org_teams_trained": """SELECT municipality_id AS m,
        sum(CASE WHEN id IN (SELECT team_id FROM team_trainings WHERE completed_on >= DATE '{y}-01-01'
                             AND completed_on < DATE '{y1}-01-01') THEN 1 ELSE 0 END)::DOUBLE AS num,
        count(*)::DOUBLE AS den, count(*)::DOUBLE AS base
        FROM management_teams WHERE organization_id IS NOT NULL GROUP BY municipality_id""",
    "teams_trained": """SELECT municipality_id AS m,
        sum(CASE WHEN id IN (SELECT team_id FROM team_trainings WHERE completed_on >= DATE '{y}-01-01'
                             AND completed_on < DATE '{y1}-01-01') THEN 1 ELSE 0 END)::DOUBLE AS num,
        0::DOUBLE AS den, count(*)::DOUBLE AS base FROM management_teams GROUP BY municipality_id""",
    "mentoring_model": """SELECT municipality_id AS m, sum(CASE WHEN mentoring_model THEN 1 ELSE 0 END)::DOUBLE AS num,
        count(*)::DOUBLE AS den, count(*)::DOUBLE AS base FROM organizations GROUP BY municipality_id""",
    "registry_programmes": """SELECT NULL AS m, sum(CASE WHEN in_federal_registry THEN 1 ELSE 0 END)::DOUBLE AS num,
        count(*)::DOUBLE AS den, count(*)::DOUBLE AS base FROM programmes
        WHERE id IN (SELECT programme_id FROM programme_completions
                     WHERE completed_on >= DATE '{y}-01-01' AND completed_on < DATE '{y1}-01-01')""",
    "network_programmes": """SELECT NULL AS m, sum(CASE WHEN network_form AND id IN (SELECT programme_id
        FROM programme_completions WHERE completed_on >= DATE '{y}-01-01' AND completed_on < DATE '{y1}-01-01')
        THEN 1 ELSE 0 END)::DOUBLE AS num, 0::DOUBLE AS den, count(*)::DOUBLE AS base FROM programmes""",
    "innovation_programmes": """SELECT NULL AS m, sum(CASE WHEN innovation_based THEN 1 ELSE 0 END)::DOUBLE AS num,
        count(*)::DOUBLE AS den, count(*)::DOUBLE AS base FROM programmes""",
    "np_sites": """SELECT o.municipality_id AS m,
        sum(CASE WHEN o.national_project_infrastructure THEN 1 ELSE 0 END)::DOUBLE AS num,
        count(*)::DOUBLE AS den, count(*)::DOUBLE AS base
        FROM internship_sites i JOIN organizations o ON o.id = i.organization_id
        WHERE i.since_year <= {y} AND (i.until_year IS NULL OR i.until_year >= {y}) AND i.kind = 'internship_site'
        GROUP BY o.municipality_id""",
    "events": """SELECT municipality_id AS m, count(*)::DOUBLE AS num, 0::DOUBLE AS den, count(*)::DOUBLE AS base
        FROM events WHERE held_on >= DATE '{y}-01-01' AND held_on < DATE '{y1}-01-01' GROUP BY municipality_id""",
}


def connect(frames: dict[str, pd.DataFrame]) -> Any:
    """A DuckDB connection with every frame registered as a view (no copy)."""
    import duckdb

    con = duckdb.connect()
    for name, df in frames.items():
        con.register(name, df)
    return con


def compute(con: Any, frames: dict[str, pd.DataFrame], year: int, by: str, jurisdiction: str) -> Result:
    """Every covered indicator at ``by``; the small per-municipality parts are merged as in pandas_baseline."""
    agg = frames["aggregate_returns"]
    agg = agg[agg["year"] == year]
    parts: dict[str, pd.DataFrame] = {}
    out: Result = {}
    for ind, fid in INDICATORS.items():
        if fid not in parts:
            parts[fid] = con.execute(SQL[fid].format(y=year, y1=year + 1)).df()
        out.update(merge_and_roll_up(ind, parts[fid], agg, fid in COUNTS, by, jurisdiction))
    return out
