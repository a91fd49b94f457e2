"""Each federal formula on a small hand-built dataset; numerators and denominators worked out by hand."""

from __future__ import annotations

from efs.indicators import compute
from tests.indicators.data import Data, d

YEAR = 2024


def result(results, indicator, sub=None, scope_id=None):
    found = [
        r
        for r in results
        if r.indicator_id == indicator
        and r.sub_measure == sub
        and (scope_id is None or r.scope_id == scope_id)
    ]
    assert len(found) == 1, found
    return found[0]


def base() -> Data:
    return (
        Data()
        .municipality("m1")
        .municipality("m2")
        .organization("o1", "m1")
        .organization("o2", "m1")
        .organization("o3", "m2")
    )


def test_federal_1_counts_teachers_who_completed_a_registry_programme_chosen_by_diagnostics(
    store, config_for, registry
):
    data = base().programme("reg", registry=True).programme("other")
    data.people("a", 6, "o1")  # a0..a5
    data.people("b", 4, "o3")  # b0..b3
    data.person("admin", "o1", pedagogical=False, manager=True)  # not a teacher: outside the denominator
    data.person("gone", "o1", left=2023)  # left before the year: outside
    data.completion("a0", "reg", d(YEAR), by_diagnostics=True)  # counts
    data.completion("a1", "reg", d(YEAR), by_diagnostics=False)  # not chosen by diagnostics
    data.completion("a2", "other", d(YEAR), by_diagnostics=True)  # not in the registry
    data.completion("a3", "reg", d(YEAR - 1), by_diagnostics=True)  # last year
    data.completion("b0", "reg", d(YEAR, 5), by_diagnostics=True)  # counts
    data.completion("b0", "reg", d(YEAR, 9), by_diagnostics=True)  # same person twice: once
    data.completion("gone", "reg", d(YEAR), by_diagnostics=True)  # not employed
    data.save(store)
    cfg = config_for([])
    r = result(compute(cfg, store, year=YEAR, registry=registry), "federal_1")
    # numerator: a0, b0 = 2; denominator: a0..a5, b0..b3 = 10
    assert (r.numerator, r.denominator, r.value) == (2, 10, 20.0)
    assert r.status == "not_met" and r.targets[0].target.value == 30 and r.data_source == "person"
    by_muni = compute(cfg, store, year=YEAR, by="municipality", registry=registry, show_small=True)
    m1, m2 = result(by_muni, "federal_1", scope_id="m1"), result(by_muni, "federal_1", scope_id="m2")
    assert (m1.numerator, m1.denominator) == (1, 6) and (m2.numerator, m2.denominator) == (1, 4)


def test_federal_2_adds_graduates_to_the_denominator_and_has_the_70_percent_sub_measure(
    store, config_for, registry
):
    data = base()
    data.people("t", 4, "o1")
    data.graduate("g0", YEAR, "m1").graduate("g1", YEAR, "m2").graduate("g_old", YEAR - 1, "m1")
    data.diagnostic("t0", "functional_literacy", d(YEAR), 80)
    data.diagnostic("t1", "functional_literacy", d(YEAR), 69.9)
    data.diagnostic("t2", "professional_deficits", d(YEAR), 90)  # another kind
    data.graduate_diagnostic("g0", "functional_literacy", d(YEAR), 70)
    data.graduate_diagnostic("g_old", "functional_literacy", d(YEAR), 100)  # graduated last year: outside
    data.save(store)
    results = compute(config_for([]), store, year=YEAR, registry=registry)
    main, ge70 = result(results, "federal_2"), result(results, "federal_2", "ge70")
    # denominator: t0..t3 + g0, g1 = 6; took part: t0, t1, g0 = 3; ≥ 70 %: t0, g0 = 2
    assert (main.numerator, main.denominator, main.value) == (3, 6, 50.0)
    assert (ge70.numerator, ge70.denominator) == (2, 6)
    assert round(ge70.value, 4) == round(200 / 6, 4)
    assert main.status == "met" and [t.target.value for t in main.targets] == [30]
    assert ge70.status == "met" and [t.target.value for t in ge70.targets] == [15]


def test_federal_3_counts_teams_trained_since_2021_cumulatively_against_the_per_region_target(
    store, config_for, registry
):
    data = base()
    data.team("t1", "m1", "o1").team("t2", "m1").team("t3", "m2", "o3").team("t4", "m2").team("t5", "m2")
    data.training("t1", d(YEAR)).training("t1", d(YEAR, 10)).training("t2", d(YEAR - 1)).training(
        "t3", d(YEAR, 12, 31)
    )
    data.training("t4", d(2020, 12, 31)).training("t5", d(YEAR + 1, 1, 1))
    data.monitored(2022).save(store)
    r = result(compute(config_for([]), store, year=YEAR, registry=registry), "federal_3")
    # «к 2022 году – не менее 200» counts teams trained by the year: t1 (twice, counted once), t2 (last
    # year) and t3; t4 trained before the Concept's first year 2021; t5 only after the report year
    assert (r.numerator, r.denominator, r.value) == (3, None, 3)
    # «не менее 2 в каждом субъекте» applies to a region; the country-wide 200 does not
    assert r.status == "met" and [t.target.value for t in r.targets] == [2]
    earlier = result(compute(config_for([]), store, year=2022, registry=registry), "federal_3")
    assert (earlier.numerator, earlier.status) == (0, "not_met")  # monitored 2022: five teams, none trained 2021–22
    at_2023 = result(compute(config_for([]), store, year=2023, registry=registry), "federal_3")
    assert at_2023.numerator == 1  # t2


def test_federal_4_counts_young_teachers_in_any_support_form_active_in_the_year(store, config_for, registry):
    data = base()
    data.person("y1", "o1", birth=1995, start=2023)  # 29, 1st year: young
    data.person("y2", "o1", birth=1990, start=2022)  # 34, 2 years: young
    data.person("y3", "o2", birth=1996, start=2024)  # young, started this year
    data.person("y4", "o3", birth=1995, start=2023)  # young
    data.person("y5", "o3", birth=1995, start=2023)  # young
    data.person("old", "o1", birth=1989, start=2023)  # 35: not young
    data.person("exp", "o1", birth=1995, start=2021)  # 3 years: not young
    data.person("fut", "o1", birth=2000, start=2025)  # not yet working
    data.participation("y1", "mentoring", d(YEAR - 1), None, "mentee")  # still running
    data.participation("y2", "teacher_pair", d(YEAR - 1), d(YEAR - 1, 12, 1))  # ended last year
    data.participation("y3", "young_teachers_association", d(YEAR, 9))
    data.participation("y4", "mentoring", d(YEAR + 1))  # starts next year
    data.participation("old", "mentoring", d(YEAR))
    data.save(store)
    r = result(compute(config_for([]), store, year=YEAR, registry=registry), "federal_4")
    # young: y1..y5 = 5; supported in 2024: y1, y3 = 2
    assert (r.numerator, r.denominator, r.value) == (2, 5, 40.0)
    assert r.status == "not_met"
