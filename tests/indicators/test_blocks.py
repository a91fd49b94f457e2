"""Every building block on a hand-built dataset, through formulas written in a configuration."""

from __future__ import annotations

import pytest

from efs.indicators import compute
from tests.indicators.data import Data, d

YEAR = 2024


def ind(formula, unit="%", **kw):
    return {"id": kw.pop("id", "x"), "text": "Показатель", "unit": unit, "formula": formula, **kw}


def value_of(store, config_for, registry, formula, unit="%", by="jurisdiction", **kw):
    cfg = config_for([ind(formula, unit)])
    rs = [
        r
        for r in compute(cfg, store, year=YEAR, by=by, registry=registry, show_small=True, **kw)
        if r.indicator_id == "x"
    ]
    return rs


def world() -> Data:
    data = (
        Data()
        .municipality("m1")
        .municipality("m2")
        .organization("o1", "m1", low_results=True, mentoring_model=True)
        .organization("o2", "m1", kind="kindergarten")
        .organization("o3", "m2", adverse_conditions=True, national_project_infrastructure=True)
    )
    data.person("t1", "o1", birth=1996, start=2023)
    data.person("t2", "o1", birth=1970, start=1995)
    data.person("t3", "o2", birth=1980, start=2010)
    data.person("t4", "o3", birth=1985, start=2008)
    data.person("boss", "o3", birth=1965, start=1990, manager=True)
    data.person("clerk", "o3", pedagogical=False)
    return data.monitored(YEAR)


@pytest.mark.parametrize(
    ("population", "expected"),
    [
        ("staff", 6),
        ("teachers", 5),
        ("managers", 1),
        ("teachers_and_managers", 5),
        ("young_teachers", 1),
    ],
)
def test_staff_populations_count_who_they_say(store, config_for, registry, population, expected):
    world().save(store)
    [r] = value_of(store, config_for, registry, {"population": population}, unit="чел.")
    assert r.numerator == expected and r.denominator is None


@pytest.mark.parametrize(
    ("condition", "numerator"),
    [
        ({"took_diagnostic": {"kind": "professional_deficits"}}, 2),  # t1, t3
        ({"took_diagnostic": {"kind": "professional_deficits", "deficits_found": True}}, 1),  # t1
        ({"took_diagnostic": {"min_result": 60}}, 1),  # t3 (75)
        ({"took_diagnostic": {"provider": "ЦНППМ"}}, 1),  # t1
        ({"completed_programme": {}}, 2),  # t2, t4
        ({"completed_programme": {"network_form": True}}, 1),  # t4
        ({"completed_programme": {"innovation_based": False}}, 1),  # t4 (net is not innovation)
        ({"individual_route": {}}, 2),  # t1, t2
        ({"individual_route": {"based_on_diagnostics": True}}, 1),  # t1
        ({"participated": {"forms": ["mentoring"], "roles": ["mentor"]}}, 1),  # t2
        ("participated", 2),  # t1, t2
        ("post_course_support", 1),  # t4
        ({"methodical_active": {"roles": ["tutor"]}}, 1),  # t3
        ({"methodical_active": {}}, 2),  # t3, t4 (t2 left the active in 2023)
        ({"manager": True}, 1),  # boss
        ({"manager": False}, 4),
        ({"age_below": 40}, 2),  # t1 (28), t4 (39)
        ({"experience_below": 15}, 2),  # t1 (1), t3 (14)
        ({"organization": {"low_results": True}}, 2),  # t1, t2
        ({"organization": {"kind": "kindergarten"}}, 1),  # t3
        ({"organization": {"adverse_conditions": False}}, 3),  # t1, t2, t3
        ({"not": "participated"}, 3),
        ({"any": ["post_course_support", {"manager": True}]}, 2),  # t4, boss
        ({"all": ["participated", {"age_below": 30}]}, 1),  # t1
    ],
)
def test_staff_conditions_pick_the_hand_counted_people(store, config_for, registry, condition, numerator):
    data = world().programme("net", network=True).programme("inn", innovation=True)
    data.diagnostic("t1", "professional_deficits", d(YEAR), 40, deficits_found=True, provider="ЦНППМ")
    data.diagnostic("t3", "professional_deficits", d(YEAR), 75, deficits_found=False)
    data.diagnostic("t4", "professional_deficits", d(YEAR - 1), 95)
    data.completion("t2", "inn", d(YEAR)).completion("t4", "net", d(YEAR))
    data.route("t1", d(YEAR - 1), None, True).route("t2", d(YEAR), d(YEAR, 6), False).route(
        "t3", d(YEAR - 2), d(YEAR - 1)
    )
    data.participation("t1", "mentoring", d(YEAR), role="mentee").participation(
        "t2", "mentoring", d(YEAR), role="mentor"
    )
    data.post_course("t4", d(YEAR, 10))
    data.active("t3", "tutor", 2022).active("t4", "regional_methodist", 2024).active(
        "t2", "tutor", 2020, 2023
    )
    data.save(store)
    formula = {"population": "teachers_and_managers", "numerator": [condition]}
    [r] = value_of(store, config_for, registry, formula)
    assert (r.numerator, r.denominator) == (numerator, 5)


def test_window_looks_back_the_given_number_of_years(store, config_for, registry):
    data = world()
    data.diagnostic("t1", "subject", d(YEAR)).diagnostic("t2", "subject", d(YEAR - 1))
    data.diagnostic("t3", "subject", d(YEAR - 3))
    data.save(store)
    one = value_of(store, config_for, registry, {"population": "teachers", "numerator": ["took_diagnostic"]})[
        0
    ]
    three = value_of(
        store, config_for, registry, {"population": "teachers", "numerator": ["took_diagnostic"], "window": 3}
    )[0]
    assert (one.numerator, three.numerator) == (1, 2)


def test_organization_share_and_site_conditions(store, config_for, registry):
    data = world().site("o1", "internship_site", 2023).site("o3", "internship_site", 2020, 2022)
    data.site("o2", "innovation_site", 2024)
    data.save(store)
    [mm] = value_of(
        store,
        config_for,
        registry,
        {"population": "organizations", "numerator": [{"organization": {"mentoring_model": True}}]},
    )
    assert (mm.numerator, mm.denominator) == (1, 3)
    [schools] = value_of(
        store,
        config_for,
        registry,
        {
            "population": "organizations",
            "where": [{"organization": {"kind": "school"}}],
            "numerator": [{"has_site": {"kind": "internship_site"}}],
        },
    )
    assert (schools.numerator, schools.denominator) == (1, 2)  # o1 of o1, o3 (o3's site closed in 2022)


def test_internship_site_share_by_organization_flag(store, config_for, registry):
    data = world().organization("o4", "m2", national_project_infrastructure=True)
    data.site("o1", "internship_site", 2023).site("o3", "internship_site", 2024).site(
        "o4", "internship_site", 2020
    )
    data.site("o4", "innovation_site", 2020)
    data.save(store)
    [r] = value_of(
        store,
        config_for,
        registry,
        {
            "population": "internship_sites",
            "where": [{"site_kind": "internship_site"}],
            "numerator": [{"organization": {"national_project_infrastructure": True}}],
        },
    )
    assert (r.numerator, r.denominator) == (2, 3)


def test_management_team_share_of_organizations_teams(store, config_for, registry):
    data = world().team("a", "m1", "o1").team("b", "m1", "o2").team("c", "m2").team("e", "m2", "o3")
    data.training("a", d(YEAR)).training("c", d(YEAR)).training("e", d(YEAR - 1))
    data.save(store)
    [r] = value_of(
        store,
        config_for,
        registry,
        {
            "population": "management_teams",
            "where": [{"team_level": "organization"}],
            "numerator": ["trained"],
        },
    )
    assert (r.numerator, r.denominator) == (1, 3)  # a of a, b, e
    [low] = value_of(
        store,
        config_for,
        registry,
        {"population": "management_teams", "where": [{"organization": {"low_results": True}}]},
        unit="ед.",
    )
    assert low.numerator == 1  # only a's organization o1 is a low-results school


def test_events_count_and_participants(store, config_for, registry):
    data = world()
    data.event("e1", "conference", d(YEAR), "m1", 120).event("e2", "seminar", d(YEAR), "m2", 30)
    data.event("e3", "seminar", d(YEAR - 1), "m2", 50).event(
        "e4", "webinar", d(YEAR), None, None, level="municipal"
    )
    data.save(store)
    [n] = value_of(
        store,
        config_for,
        registry,
        {"population": "events", "where": [{"event_kind": ["conference", "seminar", "forum"]}]},
        "ед.",
    )
    [p] = value_of(store, config_for, registry, {"population": "events", "measure": "participants"}, "чел.")
    [lv] = value_of(
        store, config_for, registry, {"population": "events", "where": [{"event_level": "municipal"}]}, "ед."
    )
    assert (n.numerator, p.numerator, lv.numerator) == (2, 150, 1)


def test_programme_shares_and_counts(store, config_for, registry):
    data = world().programme("p1", registry=True, network=True).programme("p2", innovation=True)
    data.programme("p3", registry=True).programme("p4")
    data.completion("t1", "p1", d(YEAR)).completion("t2", "p4", d(YEAR - 1))
    data.save(store)
    [reg] = value_of(
        store,
        config_for,
        registry,
        {"population": "programmes", "numerator": [{"programme": {"federal_registry": True}}]},
    )
    [net] = value_of(
        store,
        config_for,
        registry,
        {"population": "programmes", "where": [{"programme": {"network_form": True}}]},
        "ед.",
    )
    [impl] = value_of(
        store, config_for, registry, {"population": "programmes", "where": ["implemented"]}, "ед."
    )
    assert (reg.numerator, reg.denominator, net.numerator, impl.numerator) == (2, 4, 1, 1)


def test_ratio_divides_two_independent_counts(store, config_for, registry):
    data = world().active("t3", "tutor", 2022).active("t4", "regional_methodist", 2024)
    data.save(store)
    [r] = value_of(
        store,
        config_for,
        registry,
        {
            "numerator": {"population": "teachers"},
            "denominator": {"population": "staff", "where": [{"methodical_active": {}}]},
        },
        "чел.",
    )
    assert (r.numerator, r.denominator, r.value) == (5, 2, 2.5)
