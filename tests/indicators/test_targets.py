"""Targets as the documents write them: by a year, in a year, yearly, standing, open-ended; every target
either checked or skipped with its reason; sub-measure targets on their sub-measures."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from efs.indicators import compute
from efs.indicators.targets import Measures, label, select
from efs.model import Target
from tests.indicators.data import Data, d


def T(**kw) -> Target:
    kw.setdefault("value", 10)
    kw.setdefault("unit", "%")
    kw.setdefault("as_written", "цель")
    return Target(**kw)


def applied(candidates, year, sub_id=None, subs=(), scope="jurisdiction", level="regional"):
    got, skipped = select(
        candidates, year=year, scope=scope, jurisdiction_level=level, unit="%", sub_id=sub_id, measures=Measures(subs)
    )
    return [t.as_written for t, _ in got], {t.as_written: reason for t, _, reason in skipped}


def test_in_2020_five_percent_then_ten_percent_onward():
    # «в 2020 году – 5%, далее – 10%»: two targets, no year enumerated up to an arbitrary horizon
    first = T(kind="in_year", year=2020, value=5, as_written="в 2020 году – 5%")
    then = T(kind="open_ended", first_year=2021, value=10, as_written="далее – 10%")
    cands = [(first, "jurisdiction"), (then, "jurisdiction")]
    assert applied(cands, 2019)[0] == []
    assert applied(cands, 2020)[0] == ["в 2020 году – 5%"]
    for year in (2021, 2024, 2031):
        got, skipped = applied(cands, year)
        assert got == ["далее – 10%"]
        assert skipped["в 2020 году – 5%"] == "цель действовала по 2020 г."


def test_yearly_applies_each_year_of_its_period_and_says_why_not_outside():
    yearly = T(kind="yearly", first_year=2023, last_year=2024, as_written="ежегодно не менее 10%")
    cands = [(yearly, "roadmap")]
    assert applied(cands, 2022) == ([], {"ежегодно не менее 10%": "цель действует с 2023 г."})
    assert applied(cands, 2023)[0] == applied(cands, 2024)[0] == ["ежегодно не менее 10%"]
    assert applied(cands, 2025) == ([], {"ежегодно не менее 10%": "цель действовала по 2024 г."})
    per_year = T(kind="yearly", first_year=2021, as_written="минимальное значение, в год")
    assert applied([(per_year, "jurisdiction")], 2040)[0] == ["минимальное значение, в год"]


def test_a_later_by_year_target_replaces_an_earlier_one_of_the_same_origin():
    early = T(year=2022, value=20, as_written="к 2022 году – 20%")
    late = T(year=2024, value=30, as_written="к 2024 году – 30%")
    fed = T(year=2022, value=25, as_written="федеральная к 2022")
    cands = [(early, "jurisdiction"), (late, "jurisdiction"), (fed, "federal")]
    got, skipped = applied(cands, 2023)
    assert got == ["к 2022 году – 20%", "федеральная к 2022"]
    assert skipped == {"к 2024 году – 30%": "срок цели — 2024 г., ещё не наступил"}
    got, skipped = applied(cands, 2025)
    assert got == ["к 2024 году – 30%", "федеральная к 2022"]
    assert skipped == {"к 2022 году – 20%": "заменена более поздней целью «к 2024 году – 30%»"}


def test_sub_measure_targets_go_to_their_sub_measure_and_unknown_ones_are_reported_on_the_main_measure():
    main = T(year=2024, as_written="главная")
    part = T(year=2024, sub_measure="Педагогические  работники", as_written="часть")  # case and spacing aside
    topic = T(year=2024, sub_measure="вопросы цифровой среды", as_written="по теме")
    cands = [(main, "jurisdiction"), (part, "roadmap"), (topic, "roadmap")]
    subs = (("teachers", "педагогические работники"),)
    got, skipped = applied(cands, 2024, subs=subs)
    assert got == ["главная"] and "нет подпоказателя «вопросы цифровой среды»" in skipped["по теме"]
    got, skipped = applied(cands, 2024, sub_id="teachers", subs=subs)
    assert got == ["часть"] and skipped == {}


def test_territory_the_result_is_not():
    country = T(year=2022, value=200, unit="ед.", scope="country", as_written="к 2022 году – не менее 200")
    region = T(year=2022, value=2, unit="ед.", scope="each_region", as_written="не менее 2 в каждом субъекте")
    cands = [(country, "federal"), (region, "federal")]
    got, skipped = applied(cands, 2024)
    assert got == ["не менее 2 в каждом субъекте"]
    assert "всей страны" in skipped["к 2022 году – не менее 200"]
    got, skipped = applied(cands, 2024, level="municipal")
    assert got == [] and "муниципалитет" in skipped["не менее 2 в каждом субъекте"]


def test_the_label_prints_the_target_as_written_never_a_made_up_deadline():
    open_ended = T(kind="open_ended", first_year=2021, as_written="далее – 10%")
    assert label(open_ended, "jurisdiction").startswith("далее – 10% (с 2021 г. и далее; положение")
    standing = T(kind="standing", first_year=2023, last_year=2024, comparator="at_most", value=250,
                 unit="чел.", as_written="не более 250")
    assert label(standing, "roadmap").startswith("не более 250 (постоянно, 2023–2024 гг.; дорожная карта")
    assert "к 2024" not in label(standing, "roadmap")


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({}, "нужен year"),
        ({"kind": "in_year"}, "нужен year"),
        ({"year": 2024, "first_year": 2023}, "полем year"),
        ({"kind": "yearly"}, "нужен first_year"),
        ({"kind": "yearly", "year": 2024, "first_year": 2023}, "не year"),
        ({"kind": "open_ended", "first_year": 2021, "last_year": 2024}, "нет последнего года"),
        ({"kind": "standing", "first_year": 2024, "last_year": 2023}, "раньше first_year"),
        ({"kind": "someday", "year": 2024}, "kind"),
    ],
)
def test_a_target_without_the_period_its_kind_needs_is_refused_in_russian(fields, fragment):
    with pytest.raises(ValidationError) as exc:
        T(**fields)
    assert fragment in str(exc.value)


def test_amur_roadmap_diagnostic_thresholds_are_evaluated_on_their_sub_measures(store, registry, bundled_configs):
    """«ежегодно не менее 10%» (teachers, 2.3.1) and «не менее 10% до декабря 2024 года» (managers, 2.3.2)."""
    amur = bundled_configs["amur"]
    data = Data(jurisdiction="amur").municipality("m").organization("o", "m")
    for i in range(20):
        data.person(f"t{i}", "o")
    for i in range(10):
        data.person(f"b{i}", "o", manager=True, pedagogical=False)
    for who in ("t0", "t1", "b0"):  # 2 of 20 teachers (10 %), 1 of 10 managers (10 %) — by the centre
        for year in (2023, 2024, 2025):
            data.diagnostic(who, "professional_deficits", d(year), provider="ЦНППМ")
    data.diagnostic("t2", "professional_deficits", d(2024), provider="ФИОКО")  # not the centre: not counted
    data.save(store)

    def rows(year):
        return {
            r.sub_measure: r
            for r in compute(amur, store, year=year, registry=registry)
            if r.indicator_id == "diagnosed_share"
        }

    y2023, y2024, y2025 = rows(2023), rows(2024), rows(2025)
    teachers, managers = y2024["teachers"], y2024["managers"]
    assert (teachers.numerator, teachers.denominator, teachers.status) == (2, 20, "met")
    assert [t.target.as_written for t in teachers.targets] == ["ежегодно не менее 10%"]
    assert (managers.numerator, managers.denominator, managers.status) == (1, 10, "met")
    assert [t.target.as_written for t in managers.targets] == ["не менее 10% до декабря 2024 года"]
    assert y2023["teachers"].status == "met" and y2023["managers"].status == "no_target"
    assert y2023["managers"].skipped_targets[0].reason == "цель действует с 2024 г."
    assert y2025["teachers"].status == "no_target"
    assert y2025["teachers"].skipped_targets[0].reason == "цель действовала по 2024 г."
    assert "цели не проверены" in (y2025["teachers"].target_note or "")
    main = y2024[None]
    assert (main.numerator, main.denominator) == (3, 30) and main.status == "no_target"
    assert (main.target_note or "").startswith("цели заданы только подпоказателям")


def test_a_sub_measure_with_its_own_denominator(store, config_for, registry):
    data = Data().municipality("m").organization("o", "m")
    data.people("t", 6, "o")
    data.people("b", 4, "o", manager=True, pedagogical=False)
    for who in ("t0", "b0", "b1"):
        data.diagnostic(who, "professional_deficits", d(2024))
    data.save(store)
    diag = {"took_diagnostic": {"kind": "professional_deficits"}}
    formula = {
        "population": "teachers_and_managers",
        "numerator": [diag],
        "sub_measures": [
            {"id": "teachers", "label": "педагоги", "where": ["pedagogical"], "numerator": [diag]},
            {"id": "all70", "label": "то же", "numerator": [diag]},
        ],
    }
    cfg = config_for([{"id": "x", "text": "Доля", "unit": "%", "formula": formula}])
    rs = {r.sub_measure: r for r in compute(cfg, store, year=2024, registry=registry) if r.indicator_id == "x"}
    assert (rs[None].numerator, rs[None].denominator) == (3, 10)
    assert (rs["teachers"].numerator, rs["teachers"].denominator) == (1, 6)
    assert (rs["all70"].numerator, rs["all70"].denominator) == (3, 10)  # without where: the main denominator


def test_report_says_why_a_target_is_not_set(store, registry, bundled_configs):
    from efs.report.indicators import verdict_basis

    data = Data(jurisdiction="amur").municipality("m").organization("o", "m")
    data.people("t", 10, "o")
    data.event("e1", "conference", d(2024))
    data.save(store)
    by_id = {
        (r.indicator_id, r.sub_measure): r
        for r in compute(bundled_configs["amur"], store, year=2024, registry=registry)
    }
    _, note = verdict_basis(by_id[("events_count", None)])
    assert note.startswith("целевого значения нет ни в положении")
    _, note = verdict_basis(by_id[("diagnosed_share", None)])
    assert "подпоказателям" in note and "ежегодно не менее 10%" in note
