"""The generators behind :mod:`efs.data.synth`, one function per group of tables, all vectorised."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from efs.data.synth import (
    _EVENT_KINDS,
    _EVENT_TITLES,
    _ORG_KINDS,
    _ORG_NAMES,
    _OTHER_FORMS,
    _YOUNG_FORMS,
    STAFF_PER_ORG,
    _dates,
    _shift,
)
from efs.data.vocabulary import ACTIVE_ROLES, SITE_KINDS

if TYPE_CHECKING:
    import numpy as np

    from efs.data.synth import _Writer
    from efs.model import Actor, Configuration, Subject


@dataclass
class Hidden:
    """Scopes that hand over aggregate returns only: ``scope`` and their ids."""

    scope: str
    ids: list[str]


def _ids(prefix: str, n: int, width: int) -> list[str]:
    return [f"{prefix}{i:0{width}d}" for i in range(1, n + 1)]


def generate(
    w: _Writer, rng: np.random.Generator, config: Configuration, *, staff: int, span: list[int]
) -> Hidden | None:
    """Write every table; return the scopes to turn into aggregate returns."""
    import numpy as np

    year = span[-1]
    municipal = str(config.jurisdiction.level.value) == "municipal"
    n_org = max(3, staff // STAFF_PER_ORG)
    n_muni = 1 if municipal else int(np.clip(round(np.sqrt(n_org) / 1.5), 3, 5000))
    muni_ids = [config.jurisdiction.id] if municipal else _ids("m", n_muni, 3)
    muni_names = (
        [config.jurisdiction.name] if municipal else [f"Муниципальное образование № {i}" for i in range(1, n_muni + 1)]
    )
    w.write("municipalities", {"id": muni_ids, "name": muni_names})
    muni_w = rng.lognormal(0, 1.0, n_muni)
    muni_w /= muni_w.sum()
    muni_rate = np.clip(rng.normal(1.0, 0.08, n_muni), 0.75, 1.2)  # each municipality a little above/below

    # organizations: the first is the ЦНППМ of the jurisdiction
    kinds = np.array([k for k, _ in _ORG_KINDS])
    org_kind = rng.choice(kinds, n_org, p=[p for _, p in _ORG_KINDS])
    org_kind[0] = "cnppm"
    org_muni = rng.choice(n_muni, n_org, p=muni_w)
    org_muni[0] = 0
    org_ids = np.array(_ids("o", n_org, 6), dtype=object)
    school = org_kind == "school"
    low = school & (rng.random(n_org) < 0.10)
    adverse = school & (rng.random(n_org) < 0.08)
    w.write(
        "organizations",
        {
            "id": org_ids,
            "municipality_id": np.array(muni_ids, dtype=object)[org_muni],
            "name": [f"{_ORG_NAMES[k]} № {i + 1}" for i, k in enumerate(org_kind.tolist())],
            "kind": org_kind,
            "low_results": low,
            "adverse_conditions": adverse,
            "mentoring_model": rng.random(n_org) < 0.6,
            "national_project_infrastructure": school & (rng.random(n_org) < 0.35),
        },
    )

    # staff
    org_w = rng.lognormal(0, 0.5, n_org) * np.where(school, 1.6, 0.8)
    org_w /= org_w.sum()
    s_org = rng.choice(n_org, staff, p=org_w)
    young = rng.random(staff) < 0.07
    age = np.where(young, rng.integers(22, 35, staff), np.clip(rng.normal(47, 10, staff), 24, 70).astype(int))
    exp_ = np.where(
        young,
        rng.integers(0, 3, staff),
        np.minimum(age - 21, np.maximum(3, (rng.beta(2.0, 1.6, staff) * (age - 21)).astype(int))),
    )
    birth = year - age
    start = year - exp_
    manager = ~young & (rng.random(staff) < 0.06)
    pedagogical = manager | (rng.random(staff) < 0.97)
    left = np.where(rng.random(staff) < 0.03, rng.choice(np.array(span), staff), -1)
    position = np.where(
        manager,
        np.where(rng.random(staff) < 0.3, "директор", "заместитель директора"),
        np.where(pedagogical, "учитель", "специалист"),
    )
    s_ids = np.array(_ids("s", staff, 7), dtype=object)
    w.write(
        "staff",
        {
            "id": s_ids,
            "organization_id": org_ids[s_org],
            "position": position,
            "is_manager": manager,
            "is_pedagogical": pedagogical,
            "birth_year": birth,
            "pedagogical_start_year": start,
            "left_year": [None if v < 0 else v for v in left.tolist()],
        },
    )
    rate = muni_rate[org_muni[s_org]]

    names = _provider_names(config)
    progs = _programmes(w, rng, n_org, names)
    for y in span:
        active = (start <= y) & ((left < 0) | (left >= y))
        _participation(w, rng, y, s_ids, active, birth, start, rate)
        diag_def, diag_took = _diagnostics(
            w, rng, y, s_ids, active & pedagogical, manager & active, rate, names
        )
        _routes_and_completions(w, rng, y, s_ids, active & pedagogical, diag_def, diag_took, rate, progs)
    _active_members(w, rng, span, s_ids, exp_, pedagogical)
    _teams(w, rng, span, org_ids, org_kind, org_muni, muni_ids, n_muni, progs)
    _events_and_sites(w, rng, span, org_ids, org_muni, muni_ids, n_muni)
    _graduates(w, rng, span, staff, muni_ids, muni_w)
    _measures(w, rng, config, span)
    if municipal:
        pick = rng.choice(n_org - 1, max(1, (n_org - 1) // 10), replace=False) + 1
        return Hidden("organization", sorted(org_ids[pick].tolist()))
    hide = max(1, n_muni // 10)  # among the smaller half: large cities do hand over person rows
    small = np.argsort(muni_w)[: max(hide, n_muni // 2)]
    small = small[small != 0]
    return Hidden(
        "municipality",
        sorted(np.array(muni_ids, dtype=object)[rng.choice(small, min(hide, len(small)), replace=False)].tolist()),
    )


def _provider_names(config: Configuration) -> dict[str, str]:
    """How the data names the jurisdiction's ЦНППМ and its institute (the first subject or actor of each
    kind, by its short name): diagnostics and programmes are attributed to them as a real export would."""

    def first(kind: str, default: str) -> str:
        items: list[Subject | Actor] = [*config.subjects, *config.actors]
        for item in items:
            if item.kind == kind:
                return item.short_name or min(item.names(), key=len)
        return default

    return {"cnppm": first("cnppm", "ЦНППМ"), "institute": first("dpo_institute", "ИРО")}


def _programmes(w: _Writer, rng: np.random.Generator, n_org: int, names: dict[str, str]) -> dict[str, Any]:
    import numpy as np

    n = int(np.clip(n_org // 20, 20, 400))
    ids = np.array(_ids("p", n, 4), dtype=object)
    registry = rng.random(n) < 0.45
    registry[0] = True
    w.write(
        "programmes",
        {
            "id": ids,
            "name": [f"Программа повышения квалификации № {i}" for i in range(1, n + 1)],
            "in_federal_registry": registry,
            "network_form": rng.random(n) < 0.2,
            "innovation_based": rng.random(n) < 0.25,
            "developer": rng.choice(
                np.array([names["cnppm"], names["institute"], "Академия Минпросвещения России", "вуз"]), n
            ),
            "hours": rng.choice(np.array([16, 36, 72, 144]), n),
        },
    )
    return {"ids": ids, "registry": registry}


def _participation(
    w: _Writer, rng: np.random.Generator, y: int, s_ids: Any, active: Any, birth: Any, start: Any, rate: Any
) -> None:
    import numpy as np

    young = active & (y - birth < 35) & (y - start < 3)
    n = len(s_ids)
    take_young = young & (rng.random(n) < 0.78 * rate)
    experienced = active & ~young & (y - start >= 5)
    mentor = experienced & (rng.random(n) < 0.05 * rate)
    other = active & ~young & ~mentor & (rng.random(n) < 0.3 * rate)
    form = np.where(
        take_young,
        rng.choice(np.array(_YOUNG_FORMS), n, p=[0.5, 0.2, 0.2, 0.1]),
        np.where(mentor, "mentoring", rng.choice(np.array(_OTHER_FORMS), n)),
    )
    role = np.where(
        take_young,
        np.where(form == "mentoring", "mentee", "participant"),
        np.where(mentor, "mentor", rng.choice(np.array(["participant", "organizer"]), n, p=[0.9, 0.1])),
    )
    sel = take_young | mentor | other
    starts = _dates(rng, y, n, 1, 10)
    ends = np.where(rng.random(n) < 0.5, _shift(starts, rng.integers(60, 300, n)), None)
    w.write(
        "support_participation",
        {
            "staff_id": s_ids[sel],
            "form": form[sel],
            "started_on": starts[sel],
            "role": role[sel],
            "ended_on": ends[sel],
        },
    )


def _diagnostics(
    w: _Writer,
    rng: np.random.Generator,
    y: int,
    s_ids: Any,
    teachers: Any,
    managers: Any,
    rate: Any,
    names: dict[str, str],
) -> Any:
    import numpy as np

    n = len(s_ids)
    deficits = np.zeros(n, dtype=bool)
    took = np.zeros(n, dtype=bool)
    for kind, p, pop in (
        ("professional_deficits", 0.62, teachers),
        ("functional_literacy", 0.30, teachers),
        ("subject", 0.12, teachers),
        ("methodical", 0.06, teachers),
        ("managerial", 0.5, managers),
    ):
        sel = pop & (rng.random(n) < p * rate)
        m = int(sel.sum())
        result = np.round(np.clip(rng.normal(68 if kind == "functional_literacy" else 62, 16, m), 5, 100), 1)
        found = result < 70
        if kind == "professional_deficits":
            deficits[np.flatnonzero(sel)[found]] = True
            took |= sel
        w.write(
            "diagnostics",
            {
                "staff_id": s_ids[sel],
                "kind": np.full(m, kind),
                "taken_on": _dates(rng, y, m, 1, 6),
                "provider": rng.choice(np.array([names["cnppm"], "ФИОКО", names["institute"]]), m),
                "result_percent": result,
                "deficits_found": found,
            },
        )
    return deficits, took


def _routes_and_completions(
    w: _Writer,
    rng: np.random.Generator,
    y: int,
    s_ids: Any,
    teachers: Any,
    deficits: Any,
    took: Any,
    rate: Any,
    progs: dict[str, Any],
) -> None:
    import numpy as np

    n = len(s_ids)
    route = deficits & (rng.random(n) < 0.7 * rate) | teachers & (rng.random(n) < 0.03)
    m = int(route.sum())
    starts = _dates(rng, y, m, 7, 9)
    w.write(
        "individual_routes",
        {
            "staff_id": s_ids[route],
            "started_on": starts,
            "ended_on": np.where(rng.random(m) < 0.6, _shift(starts, rng.integers(30, 90, m)), None),
            "based_on_diagnostics": deficits[route],
        },
    )
    done = teachers & (rng.random(n) < np.minimum(1.0, np.where(took, 0.8, 0.25) * rate))
    m = int(done.sum())
    p_ids, registry = progs["ids"], progs["registry"]
    weights = rng.lognormal(0, 1, len(p_ids))
    weights = weights / weights.sum()
    # about 65 % of completions are of registry programmes (the federal target is about registry programmes)
    weights = np.where(registry, 0.65 * weights / weights[registry].sum(), 0.35 * weights / weights[~registry].sum())
    pick = rng.choice(len(p_ids), m, p=weights / weights.sum())
    on = _dates(rng, y, m, 7, 11)
    w.write(
        "programme_completions",
        {
            "staff_id": s_ids[done],
            "programme_id": p_ids[pick],
            "completed_on": on,
            "selected_by_diagnostics": took[done] & (rng.random(m) < 0.9),
        },
    )
    post = rng.random(m) < 0.4 * registry[pick]
    k = int(post.sum())
    post_start = _shift(on[post], np.full(k, 14))
    post_start = np.where(post_start > f"{y}-12-31", f"{y}-12-31", post_start)
    w.write(
        "post_course_support",
        {
            "staff_id": s_ids[done][post],
            "started_on": post_start,
            "programme_id": p_ids[pick][post],
            "ended_on": [None] * k,
            "form": rng.choice(np.array(["консультации", "стажировка", "методическое сопровождение"]), k),
        },
    )


def _active_members(
    w: _Writer, rng: np.random.Generator, span: list[int], s_ids: Any, exp_: Any, pedagogical: Any
) -> None:
    import numpy as np

    n = len(s_ids)
    sel = pedagogical & (exp_ >= 8) & (rng.random(n) < 0.02)
    sel[np.flatnonzero(pedagogical & (exp_ >= 8))[: len(ACTIVE_ROLES)]] = True
    m = int(sel.sum())
    roles = rng.choice(np.array(ACTIVE_ROLES), m)
    roles[: len(ACTIVE_ROLES)] = ACTIVE_ROLES[:m]
    w.write(
        "methodical_active_members",
        {
            "staff_id": s_ids[sel],
            "role": roles,
            "since_year": span[0] - rng.integers(0, 4, m),
            "until_year": [None] * m,
        },
    )


def _teams(
    w: _Writer,
    rng: np.random.Generator,
    span: list[int],
    org_ids: Any,
    org_kind: Any,
    org_muni: Any,
    muni_ids: list[str],
    n_muni: int,
    progs: dict[str, Any],
) -> None:
    import numpy as np

    # teams of schools and kindergartens (the Амурская roadmap sets kindergarten teams a threshold of their own)
    schools = np.flatnonzero(np.isin(org_kind, ["school", "kindergarten"]) & (rng.random(len(org_ids)) < 0.7))
    muni_arr = np.array(muni_ids, dtype=object)
    ids = np.concatenate(
        [
            np.array([f"t-{o}" for o in org_ids[schools]], dtype=object),
            np.array([f"t-{m}" for m in muni_ids], dtype=object),
        ]
    )
    orgs = np.concatenate([org_ids[schools], np.full(n_muni, None, dtype=object)])
    munis = np.concatenate([muni_arr[org_muni[schools]], muni_arr])
    w.write(
        "management_teams",
        {
            "id": ids,
            "organization_id": orgs,
            "municipality_id": munis,
            "members": rng.integers(3, 9, len(ids)),
        },
    )
    for y in span:
        sel = rng.random(len(ids)) < 0.35
        sel[-1] = sel[0] = True
        m = int(sel.sum())
        w.write(
            "team_trainings",
            {
                "team_id": ids[sel],
                "completed_on": _dates(rng, y, m),
                "programme_id": rng.choice(progs["ids"], m),
                "title": ["Обучение управленческой команды"] * m,
            },
        )


def _events_and_sites(
    w: _Writer,
    rng: np.random.Generator,
    span: list[int],
    org_ids: Any,
    org_muni: Any,
    muni_ids: list[str],
    n_muni: int,
) -> None:
    import numpy as np

    n_org = len(org_ids)
    muni_arr = np.array(muni_ids, dtype=object)
    for y in span:
        m = 20 + 4 * n_muni + n_org // 5
        kind = rng.choice(np.array(_EVENT_KINDS), m)
        kind[: len(_EVENT_KINDS)] = _EVENT_KINDS
        level = rng.choice(np.array(["regional", "municipal", "institutional"]), m, p=[0.15, 0.45, 0.40])
        level[:3] = ["regional", "municipal", "institutional"]
        org = rng.integers(0, n_org, m)
        w.write(
            "events",
            {
                "id": [f"e{y}-{i:06d}" for i in range(1, m + 1)],
                "kind": kind,
                "title": [_EVENT_TITLES[k] for k in kind.tolist()],
                "held_on": _dates(rng, y, m),
                "level": level,
                "municipality_id": np.where(level == "regional", None, muni_arr[org_muni[org]]),
                "organization_id": np.where(level == "institutional", org_ids[org], None),
                "participants": rng.integers(10, 400, m),
            },
        )
    k = max(6 * len(SITE_KINDS), n_org // 8)
    pick = rng.choice(n_org, min(k, n_org), replace=False)
    kinds = rng.choice(np.array(SITE_KINDS), len(pick), p=[0.5, 0.2, 0.15, 0.15])
    kinds[: len(SITE_KINDS)] = SITE_KINDS[: len(pick)]
    w.write(
        "internship_sites",
        {
            "organization_id": org_ids[pick],
            "kind": kinds,
            "since_year": span[0] - rng.integers(0, 5, len(pick)),
            "until_year": [None] * len(pick),
            "topic": ["Тема площадки"] * len(pick),
        },
    )


def _graduates(
    w: _Writer, rng: np.random.Generator, span: list[int], staff: int, muni_ids: list[str], muni_w: Any
) -> None:
    import numpy as np

    for y in span:
        m = max(10, staff // 80)
        ids = np.array([f"g{y}-{i:06d}" for i in range(1, m + 1)], dtype=object)
        w.write(
            "graduates",
            {
                "id": ids,
                "graduation_year": np.full(m, y),
                "university": rng.choice(np.array(["Педагогический университет", "Классический университет"]), m),
                "municipality_id": np.array(muni_ids, dtype=object)[rng.choice(len(muni_ids), m, p=muni_w)],
            },
        )
        sel = rng.random(m) < 0.5
        k = int(sel.sum())
        w.write(
            "graduate_diagnostics",
            {
                "graduate_id": ids[sel],
                "kind": np.full(k, "functional_literacy"),
                "taken_on": _dates(rng, y, k, 3, 6),
                "result_percent": np.round(np.clip(rng.normal(66, 15, k), 5, 100), 1),
            },
        )


def _measures(w: _Writer, rng: np.random.Generator, config: Configuration, span: list[int]) -> None:
    import datetime as dt

    import numpy as np

    ids, as_of, status, evidence = [], [], [], []
    for y in span:
        day = dt.date(y, 12, 31)
        for m in config.roadmap:
            d = m.deadline
            due = (d.date or d.end) if d is not None else None
            r = rng.random()
            if due is not None and due <= day:
                s = "done" if r < 0.75 else "in_progress" if r < 0.9 else "not_started" if r < 0.97 else "cancelled"
            else:
                s = "in_progress" if r < 0.5 else "not_started" if r < 0.85 else "done"
            ids.append(m.id)
            as_of.append(day.isoformat())
            status.append(s)
            evidence.append(
                f"приказ № {int(rng.integers(1, 999))}-О от {day.strftime('%d.%m.%Y')}" if s == "done" else None
            )
    w.write(
        "measure_status",
        {
            "measure_id": np.array(ids, dtype=object),
            "as_of": as_of,
            "status": status,
            "evidence": evidence,
            "comment": [None] * len(ids),
        },
    )
