"""Aggregate returns, roll-up, suppression, no data and target statuses."""

from __future__ import annotations

from efs.indicators import compute
from tests.indicators.data import Data, d

YEAR = 2024
YOUNG = {"population": "young_teachers", "numerator": ["participated"]}


def pick(results, indicator="x", scope_id=None, sub=None):
    return [
        r
        for r in results
        if r.indicator_id == indicator
        and r.sub_measure == sub
        and (scope_id is None or r.scope_id == scope_id)
    ]


def young_world(data: Data, org: str, n: int, supported: int, prefix: str) -> None:
    for i in range(n):
        pid = f"{prefix}{i}"
        data.person(pid, org, birth=1996, start=2023)
        if i < supported:
            data.participation(pid, "mentoring", d(YEAR))


def hierarchy() -> Data:
    return (
        Data()
        .municipality("m1")
        .municipality("m2")
        .organization("o1", "m1")
        .organization("o2", "m1")
        .organization("o3", "m2")
    )


def test_person_level_rows_and_aggregate_returns_give_the_same_result(tmp_path, config_for, registry):
    from efs.data.store import open_store

    cfg = config_for([{"id": "x", "text": "Доля", "unit": "%", "formula": YOUNG}])
    person = hierarchy()
    young_world(person, "o1", 8, 6, "a")
    young_world(person, "o2", 5, 1, "b")
    young_world(person, "o3", 7, 7, "c")
    agg = hierarchy()
    agg.aggregate("x", YEAR, "organization", "o1", 6, 8).aggregate("x", YEAR, "organization", "o2", 1, 5)
    agg.aggregate("x", YEAR, "municipality", "m2", 7, 7)
    outs = []
    for name, data in (("person", person), ("aggregate", agg)):
        store = data.save(open_store(tmp_path / f"{name}.sqlite"))
        outs.append(
            {
                (r.scope, r.scope_id): (r.numerator, r.denominator, r.value, r.data_source)
                for by in ("jurisdiction", "municipality")
                for r in pick(compute(cfg, store, year=YEAR, by=by, registry=registry))
            }
        )
        store.close()
    person_res, agg_res = outs
    assert {k: v[:3] for k, v in person_res.items()} == {k: v[:3] for k, v in agg_res.items()}
    assert person_res[("jurisdiction", "testland")] == (14, 20, 70.0, "person")
    assert agg_res[("jurisdiction", "testland")] == (14, 20, 70.0, "aggregate")


def test_person_rows_win_over_a_return_for_the_same_organization_and_mixed_is_reported(
    store, config_for, registry
):
    cfg = config_for([{"id": "x", "text": "Доля", "unit": "%", "formula": YOUNG}])
    data = hierarchy()
    young_world(data, "o1", 5, 5, "a")
    data.aggregate("x", YEAR, "organization", "o1", 0, 100)  # ignored: o1 has person-level rows
    data.aggregate("x", YEAR, "organization", "o2", 3, 5)  # used
    data.aggregate("x", YEAR, "municipality", "m1", 50, 50)  # ignored: m1 has finer data
    data.aggregate("x", YEAR, "municipality", "m2", 2, 10)  # used
    data.save(store)
    [j] = pick(compute(cfg, store, year=YEAR, registry=registry))
    assert (j.numerator, j.denominator, j.data_source) == (10, 20, "mixed")
    orgs = {r.scope_id: r for r in pick(compute(cfg, store, year=YEAR, by="organization", registry=registry))}
    assert (orgs["o1"].data_source, orgs["o2"].data_source, orgs["o3"].status) == (
        "person",
        "aggregate",
        "no_data",
    )


def test_municipalities_roll_up_to_the_jurisdiction(store, config_for, registry):
    cfg = config_for([{"id": "x", "text": "Доля", "unit": "%", "formula": YOUNG}])
    data = hierarchy()
    young_world(data, "o1", 6, 2, "a")
    young_world(data, "o2", 9, 9, "b")
    young_world(data, "o3", 5, 0, "c")
    data.save(store)
    [j] = pick(compute(cfg, store, year=YEAR, registry=registry))
    munis = pick(compute(cfg, store, year=YEAR, by="municipality", registry=registry))
    assert sum(m.numerator for m in munis) == j.numerator == 11
    assert sum(m.denominator for m in munis) == j.denominator == 20


def test_zero_denominator_is_no_data_and_small_denominators_are_suppressed(store, config_for, registry):
    cfg = config_for([{"id": "x", "text": "Доля", "unit": "%", "formula": YOUNG}])
    data = hierarchy()
    data.person("old", "o1", birth=1960, start=1985)  # staff exist, but nobody is young
    data.save(store)
    [r] = pick(compute(cfg, store, year=YEAR, registry=registry))
    assert (r.status, r.value, r.numerator, r.denominator) == ("no_data", None, None, None)

    more = Data()
    young_world(more, "o1", 3, 1, "a")
    rows = more.rows.copy()
    rows.pop("jurisdictions")
    with store.engine.begin() as conn:
        from efs.data import schema as S

        conn.execute(S.staff.insert(), rows["staff"])
        conn.execute(S.support_participation.insert(), rows["support_participation"])
    [hidden] = pick(compute(cfg, store, year=YEAR, registry=registry))
    assert (hidden.status, hidden.value, hidden.numerator, hidden.denominator) == (
        "suppressed",
        None,
        None,
        None,
    )
    [shown] = pick(compute(cfg, store, year=YEAR, registry=registry, show_small=True))
    assert (shown.numerator, shown.denominator) == (1, 3)
    [lower] = pick(compute(cfg, store, year=YEAR, registry=registry, min_denominator=3))
    assert lower.status != "suppressed"


def test_status_follows_the_latest_applicable_target_of_each_origin(store, config_for, registry):
    targets = [
        {"year": 2022, "value": 50, "unit": "%", "as_written": "в 2022 году - не менее 50%"},
        {"year": 2023, "value": 75, "unit": "%", "as_written": "в 2023 году - не менее 75%"},
        {"year": 2025, "value": 100, "unit": "%", "as_written": "в 2025 году - 100%"},
    ]
    roadmap = [
        {
            "id": "r1",
            "text": "Мероприятие",
            "thresholds": [{"indicator": "x", "year": 2024, "value": 90, "unit": "%", "as_written": "90 %"}],
        }
    ]
    cfg = config_for(
        [
            {
                "id": "x",
                "text": "Доля",
                "unit": "%",
                "formula": YOUNG,
                "targets": targets,
                "equivalent": [{"id": "federal_4", "rationale": "тот же показатель"}],
            }
        ],
        roadmap=roadmap,
    )
    data = hierarchy()
    young_world(data, "o1", 10, 8, "a")
    data.save(store)
    [r] = pick(compute(cfg, store, year=YEAR, registry=registry))
    got = sorted((t.origin, t.target.value, t.met) for t in r.targets)
    # own: 2023's 75 (2025 not yet); federal_4 equivalent: 70 by 2024; roadmap: 90 in 2024
    assert got == [("federal", 70, True), ("jurisdiction", 75, True), ("roadmap", 90, False)]
    assert r.status == "not_met"
    assert all("(" in t.label and "к " in t.label for t in r.targets)
    [early] = pick(compute(cfg, store, year=2021, registry=registry))
    assert early.targets == [] and early.status == "no_data"  # no target before 2022, nobody working yet
    plain = config_for([{"id": "x", "text": "Доля", "unit": "%", "formula": YOUNG}])
    [untargeted] = pick(compute(plain, store, year=YEAR, registry=registry))
    assert (untargeted.status, untargeted.value) == ("no_target", 80.0)
