"""A year the store holds no monitoring data for is «нет данных» everywhere, never a computed 0.

The rule (:mod:`efs.indicators.years`): a year has data when a monitoring record is dated in it or an
aggregate return is filed for it; the populations (staff, registers) are there in any year. The engine
applies it, so ``efs indicators`` (every format and territory), the справка and ``efs serve`` agree.
"""

from __future__ import annotations

import json
import re

import pytest

from efs.indicators import compute
from tests.indicators.data import Data, d

YEAR = 2024
EMPTY = YEAR - 1

SHARE = {"id": "share", "text": "Доля педагогов, прошедших диагностику", "unit": "%",
         "formula": {"population": "teachers", "numerator": [{"took_diagnostic": {}}]},
         "targets": [{"year": 2023, "value": 10, "unit": "%", "as_written": "в 2023 году - не менее 10%"}]}
COUNT = {"id": "count", "text": "Количество конференций", "unit": "ед.",
         "formula": {"population": "events", "where": [{"event_kind": ["conference"]}]}}
RATIO = {"id": "ratio", "text": "Педагогов на одного тьютора", "unit": "чел.",
         "formula": {"numerator": {"population": "teachers"},
                     "denominator": {"population": "staff", "where": [{"methodical_active": {}}]}}}


def world() -> Data:
    """Two municipalities, a tutor since long ago, one diagnostic and one seminar in YEAR — nothing in EMPTY."""
    data = Data().municipality("m1").municipality("m2").organization("o1", "m1").organization("o2", "m2")
    for org in ("o1", "o2"):
        data.people(f"{org}t", 6, org, start=2000)
    data.active("o1t0", "tutor", 2010)
    data.diagnostic("o1t1", "professional_deficits", d(YEAR))
    data.event("e1", "seminar", d(YEAR), muni="m1")
    return data


@pytest.fixture
def populated(store, config_for):
    world().save(store)
    return store, config_for([SHARE, COUNT, RATIO])


@pytest.mark.parametrize("by", ["jurisdiction", "municipality", "organization"])
def test_every_result_of_a_year_without_records_is_no_data(populated, registry, by):
    store, cfg = populated
    results = compute(cfg, store, year=EMPTY, by=by, registry=registry, show_small=True)
    assert {r.indicator_id for r in results} >= {"share", "count", "ratio"}
    for r in results:
        assert (r.numerator, r.denominator, r.value) == (None, None, None), (r.indicator_id, r.scope_id)
        assert r.status == "no_data" and r.data_source == "none", (r.indicator_id, r.scope_id)
        assert all(t.met is None for t in r.targets), r.indicator_id


def test_in_a_year_with_records_a_count_of_nothing_is_zero_and_populations_count(populated, registry):
    store, cfg = populated
    got = {r.indicator_id: r for r in compute(cfg, store, year=YEAR, registry=registry, show_small=True)}
    assert (got["count"].numerator, got["count"].value, got["count"].status) == (0, 0, "no_target")
    assert (got["share"].numerator, got["share"].denominator) == (1, 12)
    assert (got["ratio"].numerator, got["ratio"].denominator, got["ratio"].value) == (12, 1, 12)


# (table, the record, its date) for every kind of monitoring record; each alone makes its year
RECORDS = [
    ("diagnostic", lambda data, y: data.diagnostic("o1t0", "subject", d(y))),
    ("route", lambda data, y: data.route("o1t0", d(y))),
    ("completion", lambda data, y: data.programme("p").completion("o1t0", "p", d(y))),
    ("post-course support", lambda data, y: data.post_course("o1t0", d(y))),
    ("participation", lambda data, y: data.participation("o1t0", "mentoring", d(y))),
    ("team training", lambda data, y: data.team("t", "m1").training("t", d(y))),
    ("event", lambda data, y: data.event("e", "seminar", d(y))),
    ("graduate diagnostic", lambda data, y: data.graduate("g", y - 1).graduate_diagnostic("g", "subject", d(y))),
    ("aggregate return", lambda data, y: data.aggregate("share", y, "municipality", "m1", 1, 5)),
]


def base() -> Data:
    """Populations only, spanning every year asked about: staff, a tutor, a site, graduates, a programme."""
    data = Data().municipality("m1").organization("o1", "m1")
    data.people("o1t", 3, "o1", start=2000)
    data.active("o1t1", "tutor", 2015).site("o1", "internship_site", 2016).graduate("g0", 2018)
    return data.programme("q")


@pytest.mark.parametrize(("kind", "add"), RECORDS, ids=[k for k, _ in RECORDS])
def test_one_record_of_any_kind_makes_its_year_and_only_it(store, config_for, registry, kind, add):
    from efs.indicators.years import data_years, has_data

    data = base()
    add(data, 2019)
    data.save(store)
    assert data_years(store, "testland") == [2019], kind
    with store.engine.connect() as conn:
        assert [y for y in range(2014, 2026) if has_data(conn, "testland", y)] == [2019], kind
    cfg = config_for([SHARE])
    for year, expected in ((2019, False), (2020, True)):
        results = compute(cfg, store, year=year, registry=registry, show_small=True)
        [r] = [r for r in results if r.indicator_id == "share"]
        assert (r.status == "no_data") is expected, (kind, year, r.status)


def test_populations_alone_are_no_year_of_data(store, config_for, registry):
    from efs.indicators.years import data_years

    base().save(store)
    assert data_years(store, "testland") == []
    cfg = config_for([SHARE, COUNT, RATIO])
    assert {r.status for r in compute(cfg, store, year=2019, registry=registry, show_small=True)} == {"no_data"}


# --- every output of efs indicators, the справка and the web agree ---------------------------------------


@pytest.mark.parametrize("by", ["jurisdiction", "municipality", "organization"])
def test_efs_indicators_shows_no_number_for_a_year_without_data_in_any_format(amur_synthetic, capsys, by):
    import csv
    import io

    from efs.cli import run

    def out(fmt: str) -> str:
        assert run(["indicators", "amur", "--year", str(EMPTY), "--db", str(amur_synthetic), "--by", by,
                    "--format", fmt]) == 0
        return capsys.readouterr().out

    results = json.loads(out("json"))["results"]
    assert results and all(r["status"] == "no_data" and r["value"] is None and r["numerator"] is None
                           for r in results)
    table = out("table")
    assert "нет данных" in table
    assert not re.search(r"│\s*\d[\d,\u202f]*\s*(%|чел\.|ед\.)?\s*│", table), "число в году без данных"
    rows = list(csv.reader(io.StringIO(out("csv").lstrip("\ufeff")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert len(body) == len(results)
    for row in body:
        assert row[header.index("Значение")] == "" and row[header.index("Статус")] == "нет данных", row


def test_the_report_and_the_web_say_what_efs_indicators_says(amur_synthetic):
    from efs.data.store import open_store
    from efs.loading import load_one
    from efs.registry import Registry
    from efs.report.indicators import indicator_section
    from efs.web.service import Service
    from efs.workspace import Workspace

    registry = Registry.build()
    config = load_one("amur", registry)
    cli = Workspace(db_url=str(amur_synthetic)).indicators("amur", EMPTY).as_dict()["results"]
    with open_store(amur_synthetic, create=False) as store:
        report = indicator_section(config, store, registry, year=EMPTY)["items"]
    web_results = Service(Workspace(db_url=str(amur_synthetic))).indicators("amur", EMPTY)["results"]

    def key(r):
        return (r.get("indicator_id", r.get("id")), r["sub_measure"])

    assert {key(r): (r["value"], r["status"]) for r in cli} == {key(i): (i["value"], i["status"]) for i in report}
    assert {key(r): (r["value"], r["status"]) for r in web_results} == {key(r): (r["value"], r["status"]) for r in cli}
