"""Plain vectorised pandas (isin / merge / groupby) computing the Amur indicators from frames in memory.

The benchmark's yardstick: the same numerators and denominators as ``efs.indicators.compute`` for the
17 indicators of ``amur`` (its 13 own and the 4 federal ones; 15 distinct formulas) with every
sub-measure, per municipality and for the jurisdiction, with the municipalities' aggregate returns
merged where they have no person rows. The readings are those of ``docs/indicators.md`` (diagnostics
by the ЦНППМ, routes drawn up in the year on a ЦНППМ diagnostic, programmes of the region's system…).
It never imports efs: it reads the store's tables as frames (``load_frames``); the spellings under
which the configuration names the ЦНППМ and the subjects of the system (:data:`Names`) are given by
the caller.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

TABLES = {
    "municipalities": [],
    "organizations": ["low_results", "adverse_conditions", "mentoring_model", "national_project_infrastructure"],
    "staff": ["is_manager", "is_pedagogical"],
    "programmes": ["in_federal_registry", "network_form", "innovation_based"],
    "diagnostics": ["deficits_found"],
    "individual_routes": ["based_on_diagnostics"],
    "programme_completions": ["selected_by_diagnostics"],
    "support_participation": [],
    "methodical_active_members": [],
    "management_teams": [],
    "team_trainings": [],
    "events": [],
    "internship_sites": [],
    "graduates": [],
    "graduate_diagnostics": [],
    "aggregate_returns": [],
}
DATES = {"taken_on", "started_on", "ended_on", "completed_on", "held_on"}

#: indicator id → formula id (the engine computes each distinct formula once too)
INDICATORS = {
    "diagnosed_share": "deficit_diagnostics",
    "individual_routes_share": "individual_routes",
    "federal_registry_share": "registry_by_diagnostics_cnppm",
    "management_teams_share": "org_teams_trained",
    "mentoring_model_share": "mentoring_model",
    "young_teachers_supported_share": "young_supported",
    "methodists_and_tutors_count": "active_count",
    "teachers_per_rma_member": "teachers_per_active",
    "registry_programmes_share": "registry_programmes",
    "network_programmes_count": "network_programmes",
    "innovation_based_programmes_share": "innovation_programmes",
    "np_internship_sites_share": "np_sites",
    "events_count": "events",
    "federal_1": "registry_by_diagnostics",
    "federal_2": "functional_literacy",
    "federal_3": "teams_trained",
    "federal_4": "young_supported",
}
COUNTS = {"active_count", "network_programmes", "events", "teams_trained"}

#: Every spelling the configuration gives: ``provider`` — the ЦНППМ (diagnostics' provider),
#: ``developer`` — the subjects of the region's system (programmes' developer).
Names = dict[str, list[str]]

#: indicator id → its sub-measures: (sub-measure id, formula column, has its own denominator)
SUBS: dict[str, list[tuple[str, str, bool]]] = {
    "diagnosed_share": [("teachers", "teachers", True), ("managers", "managers", True)],
    "federal_registry_share": [("low_results_schools", "low_results", True)],
    "management_teams_share": [
        ("preschool", "preschool", True),
        ("low_results_schools", "low_results", True),
        ("general_education", "general", True),
    ],
    "federal_2": [("ge70", "ge70", False)],
}
#: Kinds of organization whose management teams count, of organizations that can have a mentoring model,
#: kinds of event that count (the readings of the Amur configuration).
TEAM_ORG_KINDS = ["school", "kindergarten", "additional_education", "college", "university", "cnppm"]
MENTORING_ORG_KINDS = ["school", "kindergarten", "additional_education", "college"]
EVENT_KINDS = ["conference", "seminar", "forum", "webinar"]
#: federal 3 counts teams trained since 2021 (cumulative)
TEAMS_SINCE = 2021


def load_frames(sqlite_path: str, jurisdiction: str) -> dict[str, pd.DataFrame]:
    """Every table the indicators read, as frames with proper dtypes (dates, booleans)."""
    con = sqlite3.connect(sqlite_path)
    try:
        out = {}
        for name, bools in TABLES.items():
            df = pd.read_sql_query(f'SELECT * FROM "{name}" WHERE jurisdiction_id = ?', con, params=(jurisdiction,))
            for c in df.columns:
                if c in DATES:
                    df[c] = pd.to_datetime(df[c])
                elif c in bools:
                    df[c] = df[c].astype(bool)
            out[name] = df
        return out
    finally:
        con.close()


Part = pd.DataFrame  # columns: m (municipality or None), num, den, base, sub_* …


def _per_muni(
    m: Any, num: Any, den: Any, subs: dict[str, Any] | None = None, subdens: dict[str, Any] | None = None
) -> Part:
    data = {"m": m, "num": np.asarray(num, dtype=float), "den": np.asarray(den, dtype=float)}
    data["base"] = np.ones(len(data["num"]))
    for k, v in (subs or {}).items():
        data[f"sub_{k}"] = np.asarray(v, dtype=float)
    for k, v in (subdens or {}).items():
        data[f"subden_{k}"] = np.asarray(v, dtype=float)
    df = pd.DataFrame(data)
    out = df.groupby("m", dropna=False, sort=False, observed=True).sum().reset_index()
    out["m"] = out["m"].astype(object)
    return out


class Pandas:
    """One year's indicators over the frames."""

    def __init__(self, frames: dict[str, pd.DataFrame], year: int, names: Names) -> None:
        self.f = frames
        self.names = names
        self.y = year
        self.start = pd.Timestamp(year, 1, 1)
        self.end = pd.Timestamp(year + 1, 1, 1)
        self._staff: pd.DataFrame | None = None
        self._first: pd.Series | None = None

    # populations -----------------------------------------------------------------------------------
    def staff(self) -> pd.DataFrame:
        """Staff working in the year with their municipality (computed once per run)."""
        if self._staff is None:
            self._staff = self._active_staff()
        return self._staff

    def _active_staff(self) -> pd.DataFrame:
        s = self.f["staff"]
        active = (s["pedagogical_start_year"] <= self.y) & (s["left_year"].isna() | (s["left_year"] >= self.y))
        cols = ["id", "organization_id", "is_pedagogical", "is_manager", "birth_year", "pedagogical_start_year"]
        s = s.loc[active, cols]
        o = self.f["organizations"][["id", "municipality_id"]].rename(columns={"id": "organization_id"})
        s = s.merge(o, on="organization_id", how="left")
        s["municipality_id"] = s["municipality_id"].astype("category")  # grouped by many times: codes, not strings
        return s

    def window(self, col: pd.Series) -> pd.Series:
        return (col >= self.start) & (col < self.end)

    def overlaps(self, df: pd.DataFrame, a: str, b: str) -> pd.Series:
        return (df[a] < self.end) & (df[b].isna() | (df[b] >= self.start))

    # conditions: sets of ids ---------------------------------------------------------------------
    def diagnosed(self, kind: str, min_result: float | None = None, by_cnppm: bool = False) -> pd.Series:
        d = self.f["diagnostics"]
        sel = self.window(d["taken_on"]) & (d["kind"] == kind)
        if min_result is not None:
            sel &= d["result_percent"] >= min_result
        if by_cnppm:
            sel &= d["provider"].isin(self.names["provider"])
        return d.loc[sel, "staff_id"]

    def first_cnppm_deficits(self) -> pd.Series:
        """staff id → date of the person's first diagnostic of deficits by the ЦНППМ (any year; once per run)."""
        if self._first is None:
            d = self.f["diagnostics"]
            d = d[(d["kind"] == "professional_deficits") & d["provider"].isin(self.names["provider"])]
            self._first = d.groupby("staff_id")["taken_on"].min()
        return self._first

    def after_cnppm_deficits(self, df: pd.DataFrame, date: str) -> pd.Series:
        """Rows of ``df`` whose person had a ЦНППМ deficits diagnostic on or before ``date``."""
        first = df["staff_id"].map(self.first_cnppm_deficits())
        return first.notna() & (first <= df[date])

    def routed(self) -> pd.Series:
        r = self.f["individual_routes"]
        sel = self.overlaps(r, "started_on", "ended_on") & r["based_on_diagnostics"] & (r["started_on"] >= self.start)
        r = r[sel]
        return r.loc[self.after_cnppm_deficits(r, "started_on"), "staff_id"]

    def completed_registry_by_diagnostics(self, by_cnppm: bool = False) -> pd.Series:
        c = self.f["programme_completions"]
        c = c[self.window(c["completed_on"]) & c["selected_by_diagnostics"]]
        p = self.f["programmes"]
        c = c[c["programme_id"].isin(p.loc[p["in_federal_registry"], "id"])]
        if by_cnppm:
            c = c[self.after_cnppm_deficits(c, "completed_on")]
        return c["staff_id"]

    def participated(self) -> pd.Series:
        sp = self.f["support_participation"]
        return sp.loc[self.overlaps(sp, "started_on", "ended_on"), "staff_id"]

    def active_member(self) -> pd.Series:
        a = self.f["methodical_active_members"]
        sel = (a["since_year"] <= self.y) & (a["until_year"].isna() | (a["until_year"] >= self.y))
        return a.loc[sel & a["role"].isin(["regional_methodist", "tutor"]), "staff_id"]

    # formulas ----------------------------------------------------------------------------------------
    def _pop(self, pop: str) -> pd.Series:
        s = self.staff()
        if pop == "teachers":
            return s["is_pedagogical"]
        if pop == "teachers_and_managers":
            return s["is_pedagogical"] | s["is_manager"]
        return s["is_pedagogical"] & (s["birth_year"] > self.y - 35) & (s["pedagogical_start_year"] > self.y - 3)

    def _staff_share(self, pop: str, ids: pd.Series) -> Part:
        s = self.staff()
        mask = self._pop(pop)
        num = s["id"][mask].isin(ids).to_numpy()
        return _per_muni(s["municipality_id"][mask].to_numpy(), num, np.ones(len(num)))

    def formula(self, fid: str) -> Part:
        f, y = self.f, self.y
        if fid == "deficit_diagnostics":
            s = self.staff()
            mask = self._pop("teachers_and_managers")
            s = s[mask]
            hit = s["id"].isin(self.diagnosed("professional_deficits", by_cnppm=True)).to_numpy()
            ped, mgr = s["is_pedagogical"].to_numpy(), s["is_manager"].to_numpy()
            return _per_muni(
                s["municipality_id"].to_numpy(),
                hit,
                np.ones(len(s)),
                {"teachers": hit & ped, "managers": hit & mgr},
                {"teachers": ped, "managers": mgr},
            )
        if fid == "individual_routes":
            return self._staff_share("teachers_and_managers", self.routed())
        if fid == "registry_by_diagnostics_cnppm":
            s = self.staff()
            s = s[s["is_pedagogical"]]
            hit = s["id"].isin(self.completed_registry_by_diagnostics(by_cnppm=True)).to_numpy()
            o = f["organizations"].set_index("id")
            low = (o["low_results"] | o["adverse_conditions"]).reindex(s["organization_id"]).fillna(False)
            low = low.to_numpy(dtype=bool)
            return _per_muni(
                s["municipality_id"].to_numpy(), hit, np.ones(len(s)), {"low_results": hit & low}, {"low_results": low}
            )
        if fid == "registry_by_diagnostics":
            return self._staff_share("teachers", self.completed_registry_by_diagnostics())
        if fid == "young_supported":
            return self._staff_share("young_teachers", self.participated())
        if fid == "active_count":
            s = self.staff()
            num = s["id"].isin(self.active_member()).to_numpy()
            return _per_muni(s["municipality_id"].to_numpy(), num, np.zeros(len(s)))
        if fid == "teachers_per_active":
            s = self.staff()
            tm = s["municipality_id"][s["is_pedagogical"]].to_numpy()
            a = s["id"].isin(self.active_member()).to_numpy()
            num = _per_muni(tm, np.ones(len(tm)), np.zeros(len(tm)))
            den = _per_muni(s["municipality_id"].to_numpy(), np.zeros(len(s)), a)
            return pd.concat([num, den]).groupby("m", dropna=False, sort=False).sum().reset_index()
        if fid == "functional_literacy":
            s = self.staff()
            mask = s["is_pedagogical"]
            ids, m = s["id"][mask], s["municipality_id"][mask].to_numpy()
            d = self.diagnosed("functional_literacy")
            all_ = ids.isin(d).to_numpy()
            good = ids.isin(self.diagnosed("functional_literacy", 70.0)).to_numpy()
            staff_part = _per_muni(m, all_, np.ones(len(ids)), {"ge70": good})
            g = f["graduates"]
            g = g[(g["graduation_year"] >= y) & (g["graduation_year"] <= y)]
            gd = f["graduate_diagnostics"]
            gsel = self.window(gd["taken_on"]) & (gd["kind"] == "functional_literacy")
            g_all = g["id"].isin(gd.loc[gsel, "graduate_id"]).to_numpy()
            g_good = g["id"].isin(gd.loc[gsel & (gd["result_percent"] >= 70.0), "graduate_id"]).to_numpy()
            grad_part = _per_muni(g["municipality_id"].to_numpy(), g_all, np.ones(len(g)), {"ge70": g_good})
            return pd.concat([staff_part, grad_part]).groupby("m", dropna=False, sort=False).sum().reset_index()
        if fid == "org_teams_trained":
            t = f["management_teams"]
            o = f["organizations"][["id", "kind", "low_results", "adverse_conditions"]]
            t = t.merge(o.rename(columns={"id": "organization_id"}), on="organization_id", how="inner")
            t = t[t["kind"].isin(TEAM_ORG_KINDS)]
            tt = f["team_trainings"]
            trained = t["id"].isin(tt.loc[self.window(tt["completed_on"]), "team_id"]).to_numpy()
            pre = (t["kind"] == "kindergarten").to_numpy()
            low = (t["low_results"] | t["adverse_conditions"]).to_numpy(dtype=bool)
            gen = (t["kind"] == "school").to_numpy()
            return _per_muni(
                t["municipality_id"].to_numpy(),
                trained,
                np.ones(len(t)),
                {"preschool": trained & pre, "low_results": trained & low, "general": trained & gen},
                {"preschool": pre, "low_results": low, "general": gen},
            )
        if fid == "teams_trained":
            t = f["management_teams"]
            tt = f["team_trainings"]
            since = (tt["completed_on"] >= pd.Timestamp(TEAMS_SINCE, 1, 1)) & (tt["completed_on"] < self.end)
            trained = t["id"].isin(tt.loc[since, "team_id"]).to_numpy()
            return _per_muni(t["municipality_id"].to_numpy(), trained, np.zeros(len(t)))
        if fid == "mentoring_model":
            o = f["organizations"]
            o = o[o["kind"].isin(MENTORING_ORG_KINDS)]
            return _per_muni(o["municipality_id"].to_numpy(), o["mentoring_model"].to_numpy(), np.ones(len(o)))
        if fid in ("registry_programmes", "network_programmes", "innovation_programmes"):
            p = f["programmes"]
            c = f["programme_completions"]
            implemented = p["id"].isin(c.loc[self.window(c["completed_on"]), "programme_id"]).to_numpy()
            none = np.full(len(p), None, dtype=object)
            if fid == "registry_programmes":
                p, none = p[implemented], none[implemented]
                return _per_muni(none, p["in_federal_registry"].to_numpy(), np.ones(len(p)))
            if fid == "network_programmes":
                return _per_muni(none, implemented & p["network_form"].to_numpy(), np.zeros(len(p)))
            mine = p["developer"].isin(self.names["developer"]).to_numpy()
            return _per_muni(none[mine], p["innovation_based"].to_numpy()[mine], np.ones(int(mine.sum())))
        if fid == "np_sites":
            i = f["internship_sites"]
            i = i[(i["since_year"] <= y) & (i["until_year"].isna() | (i["until_year"] >= y))]
            i = i[i["kind"] == "internship_site"]
            o = f["organizations"][["id", "municipality_id", "national_project_infrastructure"]]
            i = i.merge(o, left_on="organization_id", right_on="id")
            return _per_muni(
                i["municipality_id"].to_numpy(), i["national_project_infrastructure"].to_numpy(), np.ones(len(i))
            )
        if fid == "events":
            e = f["events"]
            e = e[self.window(e["held_on"])]  # a unit with events of other kinds only has data: 0
            return _per_muni(e["municipality_id"].to_numpy(), e["kind"].isin(EVENT_KINDS).to_numpy(), np.zeros(len(e)))
        raise KeyError(fid)


Result = dict[tuple[str, str | None, str], tuple[float, float | None]]


def merge_and_roll_up(
    indicator: str, part: Part, aggregates: pd.DataFrame, count: bool, by: str, jurisdiction: str
) -> Result:
    """Aggregate returns of municipalities without person rows, then the scope's sums."""
    subs = SUBS.get(indicator, [])
    rows = part[part["base"] > 0]
    covered = set(rows["m"].dropna())
    agg = aggregates[(aggregates["indicator_id"] == indicator) & (aggregates["scope"] == "municipality")]
    agg = agg[~agg["scope_id"].isin(covered)]
    main = agg[agg["sub_measure"] == ""]
    extra = pd.DataFrame(
        {
            "m": main["scope_id"].to_numpy(),
            "num": main["numerator"].to_numpy(float),
            "den": (np.zeros(len(main)) if count else main["denominator"].fillna(0).to_numpy(float)),
            "base": np.ones(len(main)),
        }
    )
    for sub_id, col, own in subs:
        rows_of = agg[agg["sub_measure"] == sub_id].set_index("scope_id")
        extra[f"sub_{col}"] = extra["m"].map(rows_of["numerator"]).fillna(0).to_numpy(float)
        if own:
            extra[f"subden_{col}"] = extra["m"].map(rows_of["denominator"]).fillna(0).to_numpy(float)
    both = pd.concat([part, extra], ignore_index=True)
    out: Result = {}
    if by == "jurisdiction":
        total = both.sum(numeric_only=True)
        scopes: list[tuple[str, pd.Series]] = [(jurisdiction, total)] if (both["base"] > 0).any() else []
    else:
        both = both[both["m"].notna()]
        g = both.groupby("m", sort=True).sum(numeric_only=True)
        scopes = [(str(m), r) for m, r in g.iterrows() if r["base"] > 0]
    for scope, r in scopes:
        den = None if count else float(r["den"])
        if not count and not den:
            continue
        out[(indicator, None, scope)] = (float(r["num"]), den)
        for sub_id, col, own in subs:
            sden = float(r[f"subden_{col}"]) if own else den
            if not count and not sden:
                continue
            out[(indicator, sub_id, scope)] = (float(r[f"sub_{col}"]), sden)
    return out


def compute(frames: dict[str, pd.DataFrame], year: int, by: str, jurisdiction: str, names: Names) -> Result:
    """Every covered indicator at ``by`` (``jurisdiction`` or ``municipality``)."""
    p = Pandas(frames, year, names)
    agg = frames["aggregate_returns"]
    agg = agg[agg["year"] == year]
    parts: dict[str, Part] = {}
    out: Result = {}
    for ind, fid in INDICATORS.items():
        if fid not in parts:
            parts[fid] = p.formula(fid)
        out.update(merge_and_roll_up(ind, parts[fid], agg, fid in COUNTS, by, jurisdiction))
    return out


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    """``fn()`` and its wall time."""
    import time

    t = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t
