"""Recommendations come only from the configuration's links; fallback targets are labelled with their source."""

from __future__ import annotations

import datetime as dt

from efs.model import Link, Target
from efs.report import build_report

from .conftest import YEAR

INDICATOR = "management_teams_share"  # Амурская область, показатель 4: the document gives no target


def _prepare(config):
    """A known unmet indicator (an own target of 100 %, linked to the mentoring function) and nothing else."""
    ind = next(i for i in config.indicators if i.id == INDICATOR)
    ind.targets = [Target(year=2020, value=100, unit="%", as_written="100 % (тест)")]
    ind.functions = [Link(id="mentoring", rationale="тест")]
    for m in config.roadmap:  # no measure serves it: the subjects carrying mentoring are the only route
        m.indicators = [link for link in m.indicators if link.id != INDICATOR]
        m.functions = [link for link in m.functions if link.id != "mentoring"]
    return config


def _mine(report):
    return [r for r in report["recommendations"]["items"] if r["kind"] == "indicator" and r["ref"] == INDICATOR]


def test_unmet_indicator_leads_to_the_subjects_carrying_its_functions(fresh_config, report_store, registry):
    config = _prepare(fresh_config("amur"))
    carriers = {s.id for s in config.subjects if any("mentoring" in f.ids() for f in s.functions)}
    assert carriers, "в Амурской конфигурации наставничество закреплено за субъектами"
    report = build_report(config, report_store, year=YEAR, registry=registry)
    item = next(i for i in report["indicators"]["items"] if i["id"] == INDICATOR)
    assert item["status"] == "not_met" and item["verdict_basis"] == "jurisdiction"
    (rec,) = _mine(report)
    assert {w["id"] for w in rec["who"]} == carriers
    assert "наставничеств" in rec["what"]
    assert rec["why"].startswith("показатель № 4 ") and "не достигнут" in rec["why"]
    assert rec["section"] == "indicators" and rec["links"]["functions"] == ["mentoring"]


def test_deleting_the_function_link_removes_the_recommendation(fresh_config, report_store, registry):
    config = _prepare(fresh_config("amur"))
    next(i for i in config.indicators if i.id == INDICATOR).functions = []
    report = build_report(config, report_store, year=YEAR, registry=registry)
    assert _mine(report) == []
    assert INDICATOR in [u["indicator"] for u in report["recommendations"]["unlinked"]]


def test_deleting_the_subjects_function_bullets_removes_them_from_who(fresh_config, report_store, registry):
    config = _prepare(fresh_config("amur"))
    victim = next(s for s in config.subjects if any("mentoring" in f.ids() for f in s.functions))
    victim.functions = [f for f in victim.functions if "mentoring" not in f.ids()]
    report = build_report(config, report_store, year=YEAR, registry=registry)
    recs = _mine(report)
    assert all(victim.id not in {w["id"] for w in r["who"]} for r in recs)


def test_a_measure_serving_the_indicator_adds_its_responsible(fresh_config, report_store, registry):
    from efs.report.roadmap import roadmap_section

    config = _prepare(fresh_config("amur"))
    next(i for i in config.indicators if i.id == INDICATOR).functions = []
    as_of = dt.date(YEAR, 1, 1)
    # a measure still open on that day (the synthetic store marks some measures done, by its seed)
    open_ids = {i["id"] for i in roadmap_section(config, report_store, as_of)["items"]
                if i["status"] not in ("done", "cancelled")}
    measure = next(m for m in config.roadmap if any(r.id for r in m.responsible) and m.id in open_ids)
    measure.indicators = [Link(id=INDICATOR, rationale="тест")]
    report = build_report(config, report_store, year=YEAR, registry=registry, as_of=as_of)
    (rec,) = _mine(report)
    assert measure.id in rec["links"]["measures"]
    assert {r.id for r in measure.responsible if r.id} <= {w["id"] for w in rec["who"]}


def test_uncovered_function_gives_a_recommendation_that_disappears_once_covered(fresh_config, report_store, registry):
    from efs.model import SubjectFunction

    config = fresh_config("amur")
    report = build_report(config, report_store, year=YEAR, registry=registry)
    recs = [r for r in report["recommendations"]["items"] if r["kind"] == "function"]
    assert recs, "у Амурской области есть непокрытые обязательные функции (EFS131)"
    rec = recs[0]
    level, fid = rec["ref"].split(":")
    assert rec["section"] == "findings" and rec["rule"] == "EFS131" and fid in rec["links"]["functions"]
    subject = next(s for s in config.subjects if s.level is not None and s.level.value == level)
    subject.functions = [*subject.functions, SubjectFunction(function=fid, text="тест")]
    again = build_report(config, report_store, year=YEAR, registry=registry)
    assert rec["ref"] not in [r["ref"] for r in again["recommendations"]["items"] if r["kind"] == "function"]


def test_every_recommendation_says_who_what_why_and_where_from(reports):
    for name, report in reports.items():  # the loadable ones
        for rec in report["recommendations"]["items"]:
            assert rec["what"] and rec["why"], name
            assert rec["section"] in {s["id"] for s in report["sections"]}, name
            assert any(rec["links"].values()), f"{name}: рекомендация без связей {rec}"


def test_fallback_targets_are_labelled_with_their_source(reports):
    items = {(i["id"], i["sub_measure"]): i for i in reports["amur"]["indicators"]["items"]}
    registry_share = items[("federal_registry_share", None)]  # no own target; equivalent to federal_1
    assert registry_share["verdict_basis"] == "federal"
    assert "федеральной цел" in registry_share["verdict_note"]
    assert {t["origin"] for t in registry_share["targets"]} == {"federal"}
    assert all("концепция" in t["label"] for t in registry_share["targets"])
    roadmap_only = [i for i in items.values() if i["verdict_basis"] == "roadmap"]
    assert roadmap_only, "в Амурской конфигурации есть показатели только с порогом дорожной карты"
    assert all("дорожной карты" in i["verdict_note"] for i in roadmap_only)
    assert all("дорожная карта" in t["label"] for i in roadmap_only for t in i["targets"])


def test_a_region_without_targets_still_gets_a_verdict_from_federal_indicators(reports):
    report = reports["tyumen"]
    items = report["indicators"]["items"]
    assert all(i["federal"] for i in items)  # the document sets no indicators of its own (yet)
    judged = [i for i in items if i["status"] in ("met", "not_met")]
    assert judged and all(i["verdict_basis"] == "federal" for i in judged)
    assert any("федеральным показателям" in n for n in report["summary"]["notes"])


def test_structure_shows_plugin_kinds_branches_and_networking_sites(reports):
    tyumen = reports["tyumen"]["structure"]
    branches = [n for n in tyumen["nodes"] if n["kind"] == "cnppm_branch"]
    assert branches and all(n["plugin_kind"] == "tyumen" for n in branches)
    part_of = {(lk["from"], lk["to"]) for lk in tyumen["links"] if lk["kind"] == "part_of"}
    assert {n["id"] for n in branches} <= {a for a, _ in part_of}
    megion = reports["megion"]["structure"]
    sites = [n for n in megion["nodes"] if n["kind"] == "networking_site"]
    assert sites and all(n["plugin_kind"] == "megion" for n in sites)
    from efs.report.svg import structure_diagram

    svg = structure_diagram(megion)
    assert 'class="node plugin' in svg and 'data-kind="networking_site"' in svg
    assert any(lk["kind"] == "agreement" for lk in megion["links"])


def test_roadmap_status_done_due_overdue():
    from efs.model import Deadline, DeadlineKind, Measure
    from efs.report.roadmap import classify

    day = dt.date(2025, 6, 1)
    m = Measure(id="m", text="т", deadline=Deadline(as_written="до 01.01.2025", kind=DeadlineKind.date,
                                                    date=dt.date(2025, 1, 1)))
    assert classify(m, None, day) == "overdue"
    assert classify(m, {"status": "in_progress"}, day) == "overdue"
    assert classify(m, {"status": "done"}, day) == "done"
    assert classify(m, {"status": "cancelled"}, day) == "cancelled"
    assert classify(m, None, dt.date(2024, 12, 1)) == "due"
    assert classify(Measure(id="n", text="т"), None, day) == "no_deadline"


def test_roadmap_section_counts_match_items(reports):
    rm = reports["amur"]["roadmap"]
    assert sum(rm["counts"].values()) == len(rm["items"]) > 0
    assert rm["as_of"] == f"{YEAR}-12-31"
    assert any(m["store_status"] for m in rm["items"])  # statuses come from the store
