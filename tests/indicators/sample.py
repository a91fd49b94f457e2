"""A deterministic, varied dataset touching every table the formulas read (for cross-database tests)."""

from __future__ import annotations

import random

from tests.indicators.data import Data, d

YEAR = 2024

#: Inline formulas exercising every population and most conditions.
FORMULAS = {
    "diag": {
        "population": "teachers_and_managers",
        "numerator": [{"took_diagnostic": {"kind": "professional_deficits"}}],
    },
    "route": {
        "population": "teachers_and_managers",
        "numerator": [{"individual_route": {"based_on_diagnostics": True}}],
    },
    "teams": {
        "population": "management_teams",
        "where": [{"team_level": "organization"}],
        "numerator": ["trained"],
    },
    "mentoring_orgs": {
        "population": "organizations",
        "numerator": [{"organization": {"mentoring_model": True}}],
    },
    "active": {
        "population": "staff",
        "where": [{"methodical_active": {"roles": ["regional_methodist", "tutor"]}}],
    },
    "per_member": {
        "numerator": {"population": "teachers"},
        "denominator": {"population": "staff", "where": ["methodical_active"]},
        "factor": 1,
    },
    "reg_programmes": {"population": "programmes", "numerator": [{"programme": {"federal_registry": True}}]},
    "net_programmes": {"population": "programmes", "where": [{"programme": {"network_form": True}}]},
    "sites": {
        "population": "internship_sites",
        "where": [{"site_kind": "internship_site"}],
        "numerator": [{"organization": {"national_project_infrastructure": True}}],
    },
    "events": {"population": "events", "where": [{"event_kind": ["conference", "seminar", "forum"]}]},
    "post_course": {
        "population": "teachers",
        "where": [{"completed_programme": {}}],
        "numerator": ["post_course_support"],
    },
    "young_mentoring": {
        "population": "young_teachers",
        "numerator": ["participated"],
        "sub_measures": [
            {
                "id": "mentoring",
                "label": "наставничество",
                "numerator": [{"participated": {"forms": ["mentoring"]}}],
            }
        ],
    },
}


def indicators() -> list[dict]:
    """Configuration indicators for :data:`FORMULAS`."""
    return [
        {"id": k, "text": f"Показатель {k}", "unit": "%" if "numerator" in f else "ед.", "formula": f}
        for k, f in FORMULAS.items()
    ]


def sample(seed: int = 7, staff: int = 400, jurisdiction: str = "testland") -> Data:
    """A jurisdiction of 3 municipalities, 12 organizations and ``staff`` people with their events."""
    rnd = random.Random(seed)
    data = Data(jurisdiction)
    for m in range(3):
        data.municipality(f"m{m}")
    for o in range(12):
        data.organization(
            f"o{o}",
            f"m{o % 3}",
            kind=rnd.choice(["school", "school", "kindergarten"]),
            low_results=rnd.random() < 0.2,
            mentoring_model=rnd.random() < 0.5,
            national_project_infrastructure=rnd.random() < 0.3,
        )
        if rnd.random() < 0.5:
            data.site(f"o{o}", "internship_site", rnd.choice([2020, 2023, 2024]))
        data.team(f"t{o}", f"m{o % 3}", f"o{o}")
        if rnd.random() < 0.6:
            data.training(f"t{o}", d(YEAR, rnd.randint(1, 12)))
    for m in range(3):
        data.team(f"mt{m}", f"m{m}")
    for p in range(8):
        data.programme(
            f"p{p}", registry=rnd.random() < 0.5, network=rnd.random() < 0.3, innovation=rnd.random() < 0.3
        )
    for e in range(10):
        data.event(
            f"e{e}",
            rnd.choice(["conference", "seminar", "webinar"]),
            d(rnd.choice([YEAR, YEAR - 1])),
            f"m{e % 3}",
            rnd.randint(10, 200),
        )
    for i in range(staff):
        pid = f"s{i}"
        start = rnd.randint(1985, 2024)
        data.person(
            pid,
            f"o{rnd.randrange(12)}",
            birth=rnd.randint(max(1958, start - 40), start - 21),
            start=start,
            manager=rnd.random() < 0.08,
            pedagogical=rnd.random() < 0.95,
        )
        if rnd.random() < 0.4:
            data.diagnostic(
                pid,
                "professional_deficits",
                d(YEAR, rnd.randint(1, 12)),
                rnd.uniform(20, 100),
                deficits_found=rnd.random() < 0.5,
            )
        if rnd.random() < 0.3:
            data.diagnostic(pid, "functional_literacy", d(YEAR), rnd.uniform(0, 100))
        if rnd.random() < 0.25:
            data.route(pid, d(YEAR - rnd.randint(0, 1)), None, rnd.random() < 0.8)
        if rnd.random() < 0.35:
            data.completion(
                pid, f"p{rnd.randrange(8)}", d(YEAR, rnd.randint(1, 12)), by_diagnostics=rnd.random() < 0.6
            )
            if rnd.random() < 0.5:
                data.post_course(pid, d(YEAR, 12, 1))
        if rnd.random() < 0.3:
            data.participation(
                pid,
                rnd.choice(["mentoring", "teacher_pair", "networking"]),
                d(YEAR, 2),
                role=rnd.choice(["mentee", "participant"]),
            )
        if rnd.random() < 0.03:
            data.active(pid, rnd.choice(["regional_methodist", "tutor"]), 2023)
    for g in range(30):
        data.graduate(f"g{g}", YEAR, f"m{g % 3}")
        if rnd.random() < 0.5:
            data.graduate_diagnostic(f"g{g}", "functional_literacy", d(YEAR, 6), rnd.uniform(0, 100))
    return data
