"""Aggregate returns set aside: every unused return is listed with its reason, and the numbers use the others.

One store holds, for one indicator-year, person rows and overlapping returns of every kind the engine
meets. The test writes down by hand which rows the computation must use (the oracle: the rule of
``docs/data.md`` read as a methodologist would, not the engine's code) and checks both halves: the
returns :func:`efs.indicators.overlap.set_aside_returns` lists, with their reasons, and the numbers
:func:`efs.indicators.compute` gives, recomputed from the rows said to be used.
"""

from __future__ import annotations

import pytest

from efs.indicators import compute
from tests.indicators.data import Data, d

YEAR = 2024
FORMULA = {
    "population": "young_teachers",
    "numerator": ["participated"],
    "sub_measures": [
        {"id": "mentoring", "label": "наставничество", "numerator": [{"participated": {"forms": ["mentoring"]}}]}
    ],
}
INDICATORS = [
    {"id": "x", "text": "Доля молодых педагогов в формах поддержки", "unit": "%", "formula": FORMULA},
    {"id": "nf", "text": "Показатель без формулы", "unit": "ед."},
    {"id": "y", "text": "То же по сводкам муниципалитетов", "unit": "%", "formula": FORMULA},
]


def young(data: Data, org: str, prefix: str, n: int, *, supported: int, mentored: int) -> None:
    """``n`` young teachers of ``org``: the first ``mentored`` in mentoring, the next up to ``supported`` in
    another form of support."""
    for i in range(n):
        pid = f"{prefix}{i}"
        data.person(pid, org, birth=1996, start=2023)
        if i < mentored:
            data.participation(pid, "mentoring", d(YEAR))
        elif i < supported:
            data.participation(pid, "networking", d(YEAR))


def world() -> Data:
    data = Data()
    for m in ("m1", "m2", "m3", "m4", "m5"):
        data.municipality(m)
    for o, m in (("o1", "m1"), ("o2", "m1"), ("o3", "m2"), ("o4", "m3"), ("o5", "m3"), ("o6", "m4"), ("o7", "m5")):
        data.organization(o, m)
    young(data, "o1", "a", 5, supported=3, mentored=2)  # o1: person rows 3/5, mentoring 2
    young(data, "o6", "b", 4, supported=1, mentored=0)  # o6 (m4): person rows 1/4
    data.person("old", "o5", birth=1960, start=1985)  # o5: staff, but nobody of the population
    a = data.aggregate
    a("x", YEAR, "organization", "o1", 0, 100)  # aside: o1's persons are counted
    a("x", YEAR, "organization", "o1", 0, 100, "mentoring")  # aside with it
    a("x", YEAR, "organization", "o2", 3, 5)  # used
    a("x", YEAR, "organization", "o2", 1, None, "mentoring")  # used
    a("x", YEAR, "municipality", "m1", 50, 50)  # aside: o1 of m1 has person rows
    a("x", YEAR, "organization", "o3", 2, None, "mentoring")  # aside: a part without its main row
    a("x", YEAR, "municipality", "m2", 2, 10)  # used (the part-only return of o3 does not block it)
    a("x", YEAR, "municipality", "m2", 1, None, "mentoring")  # used
    a("x", YEAR, "organization", "o4", 4, 8)  # used
    a("x", YEAR, "organization", "o5", 1, 2)  # used: o5's staff are not of the population
    a("x", YEAR, "municipality", "m3", 9, 20)  # aside: o4 and o5 of m3 filed their own
    a("x", YEAR, "municipality", "m4", 1, 4)  # aside: o6 of m4 has person rows
    a("x", YEAR, "municipality", "m5", 7, 10)  # used
    a("x", YEAR, "municipality", "m5", 3, None, "no_such_part")  # aside: the formula has no such part
    a("nf", YEAR, "organization", "o2", 5)  # aside: no formula
    a("zz", YEAR, "municipality", "m5", 1, 2)  # aside: no such indicator
    a("y", YEAR, "municipality", "m1", 5, 9)  # aside: o1 of m1 has person rows (y has municipality returns only)
    a("y", YEAR, "municipality", "m5", 7, 10)  # used
    return data


#: (scope, unit, indicator, sub-measure, reason) of every return the computation must not use.
SET_ASIDE = {
    ("organization", "o1", "x", None, "person_rows"),
    ("organization", "o1", "x", "mentoring", "person_rows"),
    ("municipality", "m1", "x", None, "municipality_person_rows"),
    ("organization", "o3", "x", "mentoring", "no_main_row"),
    ("municipality", "m3", "x", None, "finer_returns"),
    ("municipality", "m4", "x", None, "municipality_person_rows"),
    ("municipality", "m5", "x", "no_such_part", "unknown_sub_measure"),
    ("organization", "o2", "nf", None, "no_formula"),
    ("municipality", "m5", "zz", None, "unknown_indicator"),
    ("municipality", "m1", "y", None, "municipality_person_rows"),
}

#: What each unit contributes, from the rows used: (numerator, denominator, mentoring).
USED = {
    ("m1", "o1"): (3, 5, 2),  # person rows
    ("m4", "o6"): (1, 4, 0),  # person rows
    ("m1", "o2"): (3, 5, 1),  # return
    ("m2", None): (2, 10, 1),  # return
    ("m3", "o4"): (4, 8, 0),  # return (no part filed: 0)
    ("m3", "o5"): (1, 2, 0),  # return
    ("m5", None): (7, 10, 0),  # return (its unknown part is not counted)
}


@pytest.fixture(params=["store", "pg_store"])
def any_store(request):
    return request.getfixturevalue(request.param)


def test_each_unused_return_is_listed_with_its_reason(any_store, config_for, registry):
    from efs.indicators.overlap import set_aside_returns

    cfg = config_for(INDICATORS)
    world().save(any_store)
    found = set_aside_returns(cfg, any_store, registry=registry)
    assert {(s.scope, s.scope_id, s.indicator_id, s.sub_measure, s.reason) for s in found} == SET_ASIDE
    assert len(found) == len(SET_ASIDE)
    assert set_aside_returns(cfg, any_store, YEAR + 1, registry=registry) == []
    by_unit = {(s.scope_id, s.indicator_id, s.sub_measure): s for s in found}
    m1 = by_unit["m1", "x", None]
    assert (m1.year, m1.numerator, m1.denominator, m1.scope_name) == (YEAR, 50, 50, "Муниципалитет m1")
    assert m1.text() == (
        "сводный отчёт не использован: муниципалитет «Муниципалитет m1» (m1), показатель x, 2024 г. (50/50) — "
        "у организаций муниципалитета есть персональные данные по показателю за этот год — при расчёте "
        "используются они, сводный отчёт муниципалитета не используется (даже если он охватывает больше "
        "организаций)"
    )
    assert by_unit["o2", "nf", None].text().endswith("(5) — у показателя нет формулы расчёта — сводный отчёт не "
                                                     "используется")
    assert "часть «mentoring»" in by_unit["o3", "x", "mentoring"].text()


def test_the_numbers_come_from_the_rows_said_to_be_used(any_store, config_for, registry):
    cfg = config_for(INDICATORS)
    world().save(any_store)

    def numbers(by: str, sub: str | None) -> dict[str, tuple[float | None, float | None]]:
        return {
            r.scope_id: (r.numerator, r.denominator)
            for r in compute(cfg, any_store, year=YEAR, by=by, registry=registry, show_small=True)
            if r.indicator_id == "x" and r.sub_measure == sub and r.status != "no_data"
        }

    def expected(level: int, part: int) -> dict[str, tuple[float, float]]:
        out: dict[str, tuple[float, float]] = {}
        for unit, values in USED.items():
            key = "testland" if level < 0 else unit[level]
            if key is None:
                continue
            num, den = out.get(key, (0, 0))
            out[key] = (num + values[part], den + values[1])
        return out

    assert numbers("jurisdiction", None) == expected(-1, 0) == {"testland": (21, 44)}
    assert numbers("jurisdiction", "mentoring") == expected(-1, 2) == {"testland": (4, 44)}
    assert numbers("municipality", None) == expected(0, 0)
    assert numbers("municipality", "mentoring") == expected(0, 2)
    assert numbers("organization", None) == expected(1, 0)


@pytest.mark.parametrize("analytics", [False, True], ids=["queries", "analytics"])
@pytest.mark.parametrize(("by", "show_small"), [
    ("jurisdiction", False), ("jurisdiction", True), (("jurisdiction", "municipality"), False), ("organization", True),
])
def test_a_computation_hands_back_the_same_returns_set_aside(any_store, config_for, registry, by, show_small,
                                                              analytics):
    """What a computation sets aside (its by-product, no query run again) is what set_aside_returns lists: the
    oracle's items, once each, in the same order — whatever scopes are asked and whether the person-level groups
    come from the queries or from the analytics tables (summed to municipalities when no organisation is asked)."""
    from efs.indicators.overlap import set_aside_returns

    cfg = config_for(INDICATORS)
    world().save(any_store)
    if analytics:
        from efs.indicators import analytics as tables

        tables.build(any_store, cfg, years=[YEAR], registry=registry)
    got: list = []
    compute(cfg, any_store, year=YEAR, by=by, registry=registry, show_small=show_small, set_aside=got)
    assert [(s.scope, s.scope_id, s.indicator_id, s.sub_measure, s.reason) for s in got].count(
        ("municipality", "m1", "x", None, "municipality_person_rows")) == 1
    assert {(s.scope, s.scope_id, s.indicator_id, s.sub_measure, s.reason) for s in got} == SET_ASIDE
    assert got == set_aside_returns(cfg, any_store, YEAR, registry=registry)
    again: list = []
    compute(cfg, any_store, year=YEAR + 1, by=by, registry=registry, set_aside=again)
    assert again == []  # no return filed for that year


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_efs_indicators_counts_the_returns_set_aside_on_stderr_and_stdout_stays_what_tools_parse(
    tmp_path, capsys, fmt
):
    """The note says how many returns were not used, by reason (counted from the oracle by hand), and where to see
    them; the table and the CSV carry no word of it, the JSON lists exactly the oracle's returns without their
    numbers. A year without returns has no note."""
    import json

    import yaml

    from efs.cli import run
    from efs.data.store import open_store

    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump({
        "format_version": 1,
        "jurisdiction": {"id": "testland", "name": "Тестовая область", "level": "regional", "document": "t.txt"},
        "indicators": INDICATORS,
    }, allow_unicode=True), encoding="utf-8")
    db = tmp_path / "s.sqlite"
    with open_store(db) as store:
        world().save(store)
    args = ["indicators", str(path), "--year", str(YEAR), "--db", str(db), "--format", fmt, "--by", "municipality"]
    assert run(args) == 0
    out, err = capsys.readouterr()
    note = ("Внимание: сводных отчётов, не использованных при расчёте: 10 (у организаций муниципалитета есть "
            "персональные данные — 3; у организации есть персональные данные — 2; есть отчёты организаций "
            "муниципалитета — 1; часть показателя без основной строки — 1; неизвестная часть показателя — 1; "
            "показатель без формулы — 1; неизвестный показатель — 1). Какие и почему — в справке (efs report, "
            "раздел «Сводные отчёты, не использованные при расчёте») и в --format json (поле set_aside).")
    assert err.splitlines() == [note]
    assert "Внимание" not in out and "не использован" not in out
    if fmt == "json":
        doc = json.loads(out)
        assert list(doc) == ["synthetic", "results", "set_aside"]
        assert {(s["scope"], s["scope_id"], s["indicator_id"], s["sub_measure"], s["reason"])
                for s in doc["set_aside"]} == SET_ASIDE and len(doc["set_aside"]) == len(SET_ASIDE)
        assert all(set(s) == {"year", "indicator_id", "sub_measure", "scope", "scope_id", "scope_name", "reason",
                              "reason_text"} for s in doc["set_aside"])  # no numbers of a return: not protected
        m4 = next(s for s in doc["set_aside"] if s["scope_id"] == "m4")
        assert (m4["year"], m4["scope_name"]) == (YEAR, "Муниципалитет m4")
    elif fmt == "csv":
        assert out.splitlines()[0].lstrip("\ufeff").startswith("Показатель;Формулировка;")

    assert run([*args[:3], str(YEAR + 1), *args[4:]]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    if fmt == "json":
        assert json.loads(out)["set_aside"] == []
