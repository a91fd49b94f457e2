"""The Megion configuration is pinned to its document, приказ ДОиМП г. Мегиона № 360 - О.

Counts come from the inventory ``shared/inventory/megion.md``; where the encoding follows the document
over the inventory the comment says why.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.jurisdictions.support import run_rule

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "config" / "megion.yaml"


@pytest.fixture(scope="module")
def config(registry):
    from efs.loading import load_configuration

    return load_configuration(CONFIG, registry=registry)


def _subject(config, sid):
    return next(s for s in config.subjects if s.id == sid)


def _measure(config, mid):
    return next(m for m in config.roadmap if m.id == mid)


def test_counts_match_the_inventory(config):
    assert len(config.subjects) == 6
    assert [len(s.functions) for s in config.subjects] == [4, 6, 4, 4, 4, 1]
    assert sum(len(s.functions) for s in config.subjects) == 23
    assert len(config.indicators) == 5
    assert sum(len(i.targets) for i in config.indicators) == 0
    assert len(config.agreements) == 1
    assert len(config.roadmap) == 9
    assert sum(len(m.thresholds) for m in config.roadmap) == 0
    assert len(config.glossary) == 21
    # The inventory counts 12 acts (11 from §1.2 plus the Трудовой кодекс of the glossary). §1.2 also
    # lists «национальный проект Российской Федерации «Образование», федеральный проект «Современная
    # школа»» as an entry of the legal basis (L56), so it is encoded too: 13 = 12 + 1.
    assert len(config.legal_basis) == 13
    assert config.system.goal is not None
    assert len(config.system.tasks) == 10
    assert len(config.system.principles) == 3
    assert len(config.system.interaction_subjects) == 7
    assert len(config.system.interaction_channels) == 4


def test_subjects_by_level_follow_the_document_headings(config):
    levels = [s.level.value for s in config.subjects]
    assert levels == ["municipal"] * 3 + ["institutional"] * 3


def test_order_and_annex_two_keep_their_own_dates_and_numbers(config):
    j = config.jurisdiction
    assert (j.adopted_by.number, j.adopted_by.date) == ("360 - О", dt.date(2021, 8, 19))
    annex = next(a for a in j.annexes if a.id == "annex_2")
    assert (annex.number, annex.date, annex.date_as_written) == ("360-0", dt.date(2021, 8, 9), "от «09» 08 2021")


def test_superseded_concept_is_cited_as_written(config):
    r76 = next(a for a in config.legal_basis if a.number == "Р-76")
    assert r76.date == dt.date(2020, 8, 6)
    assert not any(a.number in {"Р-174", "Р-303"} for a in config.legal_basis)


def test_roadmap_numbering_and_references_are_kept_as_written(config):
    numbers = [m.number for m in config.roadmap]
    assert numbers == ["1.", "2.", "3.", "4.", None, "5.", "6.", "7.", "8."]
    row7 = _measure(config, "m_7").responsible
    assert [r.id for r in row7] == ["cro", "city_schools"]
    assert _measure(config, "m_3").responsible[0].id == "department"
    assert "Мегiona" in _measure(config, "m_8").text  # Latin letters kept as written
    assert "ДЮиМП" in _measure(config, "m_5").result


def test_roadmap_deadlines_are_normalised(config):
    assert _measure(config, "m_3").deadline.date == dt.date(2021, 8, 31)
    assert _measure(config, "m_7").deadline.kind.value == "unspecified"
    assert _measure(config, "m_8").deadline.as_written == "В срок до 01.11.2021 далее - в течение года"


def test_tripartite_agreement_parties_resolve_to_the_subjects(config):
    (agreement,) = config.agreements
    assert agreement.kind.value == "tripartite"
    assert [p.id for p in agreement.parties] == ["department", "cro", "city_schools"]


def test_monitoring_is_at_least_once_a_year(config):
    assert config.monitoring.times_per_year == 1
    assert len(config.monitoring.sources) == 4


def test_federal_equivalents_are_declared(config):
    eq = {i.number: [e.id for e in i.equivalent] for i in config.indicators}
    assert eq == {"1.": [], "2.": [], "3.": ["federal_1"], "4.": [], "5.": ["federal_4"]}


def test_plugin_contributions_carry_megion_provenance(registry):
    kind = registry.kinds["networking_site"]
    assert kind.provenance.plugin == "megion"
    assert "municipal_methodical_association" in kind.fills_roles
    for fid in ("resource_provision", "dpo_passport", "expertise"):  # shared with other documents: core
        assert registry.functions[fid].provenance.plugin != "megion"
    for code in ("MEG001", "MEG002"):
        assert registry.rules[code].provenance.plugin == "megion"


def _run_rule(registry, code, data):
    return run_rule(registry, code, data, dt.date(2022, 1, 1))


BASE = {
    "format_version": 1,
    "jurisdiction": {"id": "megion", "name": "город Мегион", "level": "municipal", "document": "x.txt"},
    "plugins": ["megion"],
    "subjects": [
        {"id": "dep", "name": "Департамент", "kind": "municipal_authority", "level": "municipal"},
        {"id": "mms", "name": "МКУ «ЦРО»", "kind": "municipal_methodical_service", "level": "municipal"},
        {"id": "school", "name": "Школа № 1", "kind": "organization", "level": "institutional"},
    ],
}


def _with(**extra):
    data = json.loads(json.dumps(BASE))
    for key, value in extra.items():
        data[key] = data.get(key, []) + value if key == "subjects" else value
    return data


def test_meg001_flags_networking_site_without_host(registry):
    site = {"id": "site", "name": "Нетворкинг-площадка", "kind": "networking_site", "level": "municipal"}
    assert [f.item for f in _run_rule(registry, "MEG001", _with(subjects=[site]))] == ["site"]
    hosted = dict(site, host="school")
    assert _run_rule(registry, "MEG001", _with(subjects=[hosted])) == []


def test_meg001_ignores_configurations_without_the_megion_plugin(registry):
    site = {"id": "site", "name": "Нетворкинг-площадка", "kind": "networking_site", "level": "municipal"}
    data = _with(subjects=[site])
    data["plugins"] = []
    assert _run_rule(registry, "MEG001", data) == []


def test_meg002_flags_tripartite_agreement_without_the_municipal_parties(registry):
    bad = {"id": "a", "kind": "tripartite", "title": "Соглашение", "parties": ["dep", "school"]}
    findings = _run_rule(registry, "MEG002", _with(agreements=[bad]))
    assert [f.code for f in findings] == ["MEG002"]
    assert "методическая служба" in findings[0].message
    good = dict(bad, parties=["dep", "mms", "school"])
    assert _run_rule(registry, "MEG002", _with(agreements=[good])) == []


def test_bundled_configuration_raises_no_load_errors(config, registry):
    from efs.conformance.engine import validate

    codes = {f.code for f in validate(config, registry=registry)}
    assert not codes & {"EFS001", "EFS002", "EFS003", "EFS004", "EFS005"}
    assert "MEG001" in codes  # the document names no host for its networking sites
    assert "MEG002" not in codes  # department, МКУ «Центр развития образования» and schools are parties


def test_show_json_shows_the_distinctive_parts():
    from efs.cli import cli

    result = CliRunner().invoke(cli, ["show", str(CONFIG), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [p["name"] if isinstance(p, dict) else p for p in data["plugins"]] == ["megion"]
    kinds = {s["id"]: s["kind"] for s in data["subjects"]}
    assert kinds["networking_sites"] == "networking_site"
    assert len(data["roadmap"]) == 9
    assert data["jurisdiction"]["adopted_by"]["number"] == "360 - О"
    assert [a["date"] for a in data["jurisdiction"]["annexes"] if a.get("number")] == ["2021-08-09"]
    assert len(data["glossary"]) == 21
