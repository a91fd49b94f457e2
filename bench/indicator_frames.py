"""Generated monitoring frames for the indicator benchmark, and loading them into a store.

Used only when ``efs.data.synth`` is not available: plain vectorised numpy generation, then bulk
INSERT (SQLite ``executemany``) or ``COPY`` (PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

YEAR = 2024


def _dates(rng: np.random.Generator, n: int, year: int) -> np.ndarray:
    base = np.datetime64(f"{year}-01-01")
    return (base + rng.integers(0, 365, n).astype("timedelta64[D]")).astype("datetime64[D]")


def generate(jurisdiction: str, staff: int, seed: int = 0, year: int = YEAR) -> dict[str, pd.DataFrame]:
    """Every table the indicators read, with believable shares, as pandas frames."""
    rng = np.random.default_rng(seed)
    n_org = max(2, staff // 40)
    n_mun = max(1, n_org // 25)
    j = jurisdiction
    munis = pd.DataFrame(
        {
            "jurisdiction_id": j,
            "id": [f"m{i:04d}" for i in range(n_mun)],
            "name": [f"Муниципалитет {i}" for i in range(n_mun)],
        }
    )
    org_muni = rng.integers(0, n_mun, n_org)
    orgs = pd.DataFrame(
        {
            "jurisdiction_id": j,
            "id": [f"o{i:06d}" for i in range(n_org)],
            "municipality_id": munis["id"].to_numpy()[org_muni],
            "name": [f"Школа {i}" for i in range(n_org)],
            "kind": np.where(rng.random(n_org) < 0.7, "school", "kindergarten"),
            "low_results": rng.random(n_org) < 0.15,
            "adverse_conditions": rng.random(n_org) < 0.1,
            "mentoring_model": rng.random(n_org) < 0.6,
            "national_project_infrastructure": rng.random(n_org) < 0.3,
        }
    )
    ids = pd.Series(np.arange(staff)).map(lambda i: f"{(i * 2654435761) % 2**64:016x}{i % 97:02d}").to_numpy()
    start = np.clip(year - rng.gamma(2.0, 7.0, staff).astype(int), 1965, year)
    age_at_start = rng.integers(21, 30, staff)
    st = pd.DataFrame(
        {
            "jurisdiction_id": j,
            "id": ids,
            "organization_id": orgs["id"].to_numpy()[rng.integers(0, n_org, staff)],
            "position": "учитель",
            "is_manager": rng.random(staff) < 0.07,
            "is_pedagogical": rng.random(staff) < 0.96,
            "birth_year": start - age_at_start,
            "pedagogical_start_year": start,
            "left_year": np.where(rng.random(staff) < 0.03, year - 1, np.nan),
        }
    )
    st["left_year"] = st["left_year"].astype("Int64")

    def pick(frac: float) -> np.ndarray:
        return rng.choice(staff, int(staff * frac), replace=False)

    young = np.flatnonzero((year - st["birth_year"].to_numpy() < 35) & (year - start < 3))
    part_idx = np.unique(np.concatenate([pick(0.72), young[rng.random(len(young)) < 0.7]]))
    part = pd.DataFrame(
        {
            "jurisdiction_id": j,
            "staff_id": ids[part_idx],
            "form": rng.choice(
                ["mentoring", "teacher_pair", "networking", "methodical_association"], len(part_idx)
            ),
            "started_on": _dates(rng, len(part_idx), year - 1),
            "role": "participant",
            "ended_on": np.where(
                rng.random(len(part_idx)) < 0.3, _dates(rng, len(part_idx), year - 1), np.datetime64("NaT")
            ),
        }
    )
    n_prog = max(10, staff // 1000)
    progs = pd.DataFrame(
        {
            "jurisdiction_id": j,
            "id": [f"p{i:05d}" for i in range(n_prog)],
            "name": [f"Программа {i}" for i in range(n_prog)],
            "in_federal_registry": rng.random(n_prog) < 0.5,
            "network_form": rng.random(n_prog) < 0.2,
            "innovation_based": rng.random(n_prog) < 0.2,
        }
    )
    ci = pick(0.4)
    comp = pd.DataFrame(
        {
            "jurisdiction_id": j,
            "staff_id": ids[ci],
            "programme_id": progs["id"].to_numpy()[rng.integers(0, n_prog, len(ci))],
            "completed_on": _dates(rng, len(ci), year),
            "selected_by_diagnostics": rng.random(len(ci)) < 0.7,
        }
    )
    di = pick(0.6)
    diag = pd.DataFrame(
        {
            "jurisdiction_id": j,
            "staff_id": ids[di],
            "kind": np.where(rng.random(len(di)) < 0.5, "professional_deficits", "functional_literacy"),
            "taken_on": _dates(rng, len(di), year),
            "result_percent": rng.uniform(0, 100, len(di)).round(1),
            "deficits_found": rng.random(len(di)) < 0.6,
            "provider": "ЦНППМ",
        }
    )
    ri = pick(0.2)
    routes = pd.DataFrame(
        {
            "jurisdiction_id": j,
            "staff_id": ids[ri],
            "started_on": _dates(rng, len(ri), year),
            "based_on_diagnostics": rng.random(len(ri)) < 0.8,
        }
    )
    pi = rng.choice(ci, len(ci) // 2, replace=False)
    post = pd.DataFrame({"jurisdiction_id": j, "staff_id": ids[pi], "started_on": _dates(rng, len(pi), year)})
    ai = pick(0.01)
    active = pd.DataFrame(
        {
            "jurisdiction_id": j,
            "staff_id": ids[ai],
            "role": np.where(rng.random(len(ai)) < 0.5, "regional_methodist", "tutor"),
            "since_year": year - 1,
        }
    )
    teams = pd.DataFrame(
        {
            "jurisdiction_id": j,
            "id": [f"t{i:06d}" for i in range(n_org)],
            "organization_id": orgs["id"],
            "municipality_id": orgs["municipality_id"],
        }
    )
    ti = rng.choice(n_org, n_org // 3, replace=False)
    trainings = pd.DataFrame(
        {
            "jurisdiction_id": j,
            "team_id": teams["id"].to_numpy()[ti],
            "completed_on": _dates(rng, len(ti), year),
            "title": "Управление качеством",
        }
    )
    n_ev = max(5, staff // 200)
    events = pd.DataFrame(
        {
            "jurisdiction_id": j,
            "id": [f"e{i:06d}" for i in range(n_ev)],
            "kind": rng.choice(["conference", "seminar", "forum", "webinar"], n_ev),
            "title": "Мероприятие",
            "held_on": _dates(rng, n_ev, year),
            "municipality_id": munis["id"].to_numpy()[rng.integers(0, n_mun, n_ev)],
            "participants": rng.integers(10, 300, n_ev),
        }
    )
    si = rng.choice(n_org, max(1, n_org // 10), replace=False)
    sites = pd.DataFrame(
        {
            "jurisdiction_id": j,
            "organization_id": orgs["id"].to_numpy()[si],
            "kind": "internship_site",
            "since_year": year - 1,
        }
    )
    n_gr = max(5, staff // 50)
    grads = pd.DataFrame(
        {
            "jurisdiction_id": j,
            "id": [f"g{i:07d}" for i in range(n_gr)],
            "graduation_year": year,
            "municipality_id": munis["id"].to_numpy()[rng.integers(0, n_mun, n_gr)],
        }
    )
    gi = rng.choice(n_gr, n_gr // 2, replace=False)
    gdiag = pd.DataFrame(
        {
            "jurisdiction_id": j,
            "graduate_id": grads["id"].to_numpy()[gi],
            "kind": "functional_literacy",
            "taken_on": _dates(rng, len(gi), year),
            "result_percent": rng.uniform(0, 100, len(gi)).round(1),
        }
    )
    return {
        "jurisdictions": pd.DataFrame({"id": [j], "name": [j], "level": ["regional"]}),
        "municipalities": munis,
        "organizations": orgs,
        "staff": st,
        "programmes": progs,
        "programme_completions": comp,
        "diagnostics": diag,
        "individual_routes": routes,
        "post_course_support": post,
        "support_participation": part,
        "methodical_active_members": active,
        "management_teams": teams,
        "team_trainings": trainings,
        "events": events,
        "internship_sites": sites,
        "graduates": grads,
        "graduate_diagnostics": gdiag,
    }


def _py(value: Any) -> Any:
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, np.datetime64 | pd.Timestamp):
        return pd.Timestamp(value).date()
    if isinstance(value, np.generic):
        return value.item()
    return value


def load(store: Any, frames: dict[str, pd.DataFrame]) -> None:
    """Bulk-load the frames (parents first) into the store; ANALYZE afterwards."""
    from efs.data.schema import metadata

    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        for table in metadata.sorted_tables:
            df = frames.get(table.name)
            if df is None or df.empty:
                continue
            cols = list(df.columns)
            if store.dialect == "sqlite":
                conv = df.copy()
                for c in cols:
                    if pd.api.types.is_datetime64_any_dtype(conv[c]):
                        conv[c] = conv[c].dt.strftime("%Y-%m-%d")
                    elif conv[c].dtype == bool:
                        conv[c] = conv[c].astype(int)
                conv = conv.astype(object).where(conv.notna(), None)
                sql = f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
                cur.executemany(sql, conv.itertuples(index=False, name=None))
            else:
                with cur.copy(f"COPY {table.name} ({', '.join(cols)}) FROM STDIN") as copy:
                    for row in df.itertuples(index=False, name=None):
                        copy.write_row([_py(v) for v in row])
        raw.commit()
        cur.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()


def today() -> dt.date:
    """Today (kept here so the benchmark module has no date logic of its own)."""
    return dt.date.today()
