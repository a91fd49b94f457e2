"""Issue 18.5: a справка for the people who sign it — actions with addressees and deadlines, fixes to the
Положение among them, recommendations that do not repeat each other, human names, information notes
folded (the XLSX: tests/report/test_xlsx.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from efs.report import render_text

NAMES = ["amur", "megion", "turochak", "tyumen"]


def _addressees(config) -> set[str]:
    names = {s.short_name or s.name for s in config.subjects} | {a.short_name or a.name for a in config.actors}
    if config.jurisdiction.adopted_by and config.jurisdiction.adopted_by.issuer:
        names.add(config.jurisdiction.adopted_by.issuer)
    return names


@pytest.mark.parametrize("name", NAMES)
def test_five_actions_each_with_an_addressee_from_the_polozhenie_and_a_deadline(name, reports, loaded_configs):
    report = reports[name]
    actions = report["summary"]["actions"]
    assert 1 <= len(actions) <= 5
    known = _addressees(loaded_configs[name])
    as_of = dt.date.fromisoformat(report["as_of"])
    for a in actions:
        assert a["lead"] in known, a["lead"]
        assert dt.date.fromisoformat(a["deadline"]) > as_of
        assert a["deadline_text"] == f"до {dt.date.fromisoformat(a['deadline']):%d.%m.%Y}"
    items = report["recommendations"]["items"]
    assert [a["id"] for a in actions] == report["recommendations"]["actions"]
    if any(r["kind"] in ("function", "regulation") for r in items):
        assert any(a["kind"] in ("function", "regulation") for a in actions), "нет исправления самого Положения"


def test_findings_of_the_check_become_a_fix_to_the_polozhenie_addressed_to_its_issuer(reports, loaded_configs):
    items = reports["amur"]["recommendations"]["items"]
    (fix,) = [r for r in items if r["kind"] == "regulation"]
    assert fix["lead"] == loaded_configs["amur"].jurisdiction.adopted_by.issuer
    assert fix["what"].startswith("Внести изменения в Положение")
    active = [f for f in reports["amur"]["findings"]["items"]
              if not f["suppressed"] and f["severity"] != "info" and f["code"] != "EFS131"]
    assert f"устранить {len(active)} замечани" in fix["what"]


@pytest.mark.parametrize("name", NAMES)
def test_recommendations_do_not_repeat_each_other(name, reports):
    items = reports[name]["recommendations"]["items"]
    whats = [r["what"] for r in items]
    assert len(whats) == len(set(whats))
    leads = [r["lead"] for r in items if r["kind"] == "roadmap"]
    assert len(leads) == len(set(leads)), "просроченные мероприятия одного исполнителя — одна рекомендация"
    measures = [m for r in items if r["kind"] == "roadmap" for m in r["links"]["measures"]]
    assert len(measures) == len(set(measures))
    indicators = [i for r in items if r["kind"] == "indicator" for i in r["links"]["indicators"]]
    assert len(indicators) == len(set(indicators)), "один показатель — одна рекомендация"


def test_a_federal_indicator_is_not_recommended_twice_through_its_equivalent(reports):
    report = reports["amur"]
    items = {i["id"]: i for i in report["indicators"]["items"] if i["sub_measure"] is None}
    own = items["federal_registry_share"]
    assert "federal_1" in own["equivalent"]
    recs = [r for r in report["recommendations"]["items"] if r["kind"] == "indicator"]
    if own["status"] == "not_met" and items["federal_1"]["status"] == "not_met":
        assert "federal_1" not in [r["ref"] for r in recs]
        (rec,) = [r for r in recs if r["ref"] == "federal_registry_share"]
        assert "он же федеральный показатель № 1" in rec["why"]
    assert "federal_1" not in [v["id"] for v in report["summary"]["verdicts"]]


def test_human_names_for_documents_sources_and_indicators(reports):
    report = reports["amur"]
    assert report["jurisdiction"]["document_title"].startswith("Приказ Минобрнауки Амурской области от 12.05.2023")
    labels = {i["id"]: i["label"] for i in report["indicators"]["items"]}
    assert labels["federal_1"] == "федеральный показатель № 1"
    assert labels["federal_registry_share"] == "показатель № 3"
    own = [i for i in report["indicators"]["items"] if not i["federal"]]
    assert all(re.fullmatch(r"Положение, п\. \d+(\.\d+)*", i["source"]) for i in own), [i["source"] for i in own]
    roadmap_targets = [t for i in own for t in i["targets"] if t["origin"] == "roadmap"]
    assert roadmap_targets and all("дорожная карта, раздел «Комплекс мер», п. " in t["label"]
                                   for t in roadmap_targets)


def test_information_notes_are_folded(reports):
    html = render_text(reports["amur"], "html")
    start = html.index('<section id="findings">')
    section = html[start:html.index("</section>", start)]
    notices = [f for f in reports["amur"]["findings"]["items"] if f["severity"] == "info" and not f["suppressed"]]
    assert len(notices) > 50
    folded = section[section.index("<details>"):]
    assert folded.startswith(f"<details><summary>Сведения ({len(notices)})")
    assert "<details open" not in section
