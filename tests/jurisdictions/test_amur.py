"""The Amur configuration is pinned to its document, приказ Минобрнауки Амурской области № 464.

Counts come from the inventory ``shared/inventory/amur.md``; where the encoding follows the document
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
CONFIG = ROOT / "config" / "amur.yaml"


@pytest.fixture(scope="module")
def config(registry):
    from efs.loading import load_configuration

    return load_configuration(CONFIG, registry=registry)


def _subject(config, sid):
    return next(s for s in config.subjects if s.id == sid)


def _measure(config, number):
    return next(m for m in config.roadmap if m.number == number)


def test_counts_match_the_inventory(config):
    assert len(config.subjects) == 15
    assert sum(len(s.functions) for s in config.subjects) == 76
    assert len(config.indicators) == 13
    assert sum(len(i.targets) for i in config.indicators) == 0
    assert len(config.agreements) == 4
    assert len(config.roadmap) == 68
    assert sum(len(m.thresholds) for m in config.roadmap) == 17
    assert len(config.glossary) == 17
    # The inventory counts 17 acts with a date or number; the document's §1.5 also lists item 3)
    # «Национальный проект … «Образование», федеральный проект «Современная школа»» as part of its
    # legal basis, so it is encoded too: 18 = 17 + 1.
    assert len(config.legal_basis) == 18
    assert len(config.system.tasks) == 12
    assert len(config.system.principles) == 5
    assert len(config.system.approaches) == 3
    assert len(config.system.directions) == 3


def test_subjects_by_level_follow_the_document_headings(config):
    by_level: dict[str | None, int] = {}
    for s in config.subjects:
        key = s.level.value if s.level else None
        by_level[key] = by_level.get(key, 0) + 1
    assert by_level == {"regional": 9, "municipal": 2, "institutional": 3, None: 1}
    assert _subject(config, "bspu").level is None


def test_roadmap_numbering_is_kept_as_written(config):
    numbers = [m.number for m in config.roadmap]
    assert "2.2." in numbers  # the second row of group "1.2.1." is numbered 2.2. in the document
    assert numbers.count(None) == 2  # group 2.6 has two unnumbered rows
    assert "3.5.4." not in numbers and "3.5.5." in numbers
    assert _measure(config, "1.2.1.").group.startswith("1.2.1.Разработка")


def test_roadmap_references_are_written_as_in_the_document(config):
    typo = _measure(config, "1.4.5.").responsible[0]
    assert typo.as_written == "ГАУ ДПО «АмРИО»" and typo.id is None
    assert _measure(config, "2.1.10.").responsible[0].id == "minobrnauki"
    co = [r.id for r in _measure(config, "1.1.4.").co_executors]
    assert co == ["amiro", "municipal_education_authorities"]
    assert _measure(config, "1.3.2.").co_executors[-1].id is None  # «все субъекты РСНМС»


def test_roadmap_thresholds_are_linked_to_indicators(config):
    m = _measure(config, "2.1.5.")
    assert [(t.indicator, t.value) for t in m.thresholds] == [("management_teams_share", 50),
                                                               ("federal_registry_share", 30)]
    assert {link.id for link in m.indicators} == {"management_teams_share", "federal_registry_share"}
    upper = next(t for mm in config.roadmap for t in mm.thresholds
                 if t.indicator == "teachers_per_rma_member")
    assert upper.comparator.value == "at_most" and upper.value == 250


def test_monitoring_deadline_is_twice_a_year(config):
    d = _measure(config, "1.3.2.").deadline
    assert d.kind.value == "recurrence" and d.on == ["05-20", "12-20"]
    assert config.monitoring.times_per_year == 2


def test_federal_equivalents_are_declared(config):
    eq = {i.number: [e.id for e in i.equivalent] for i in config.indicators if i.equivalent}
    assert eq == {"3": ["federal_1"], "6": ["federal_4"]}
    own = [i.formula for i in config.indicators if not i.equivalent]
    assert all(isinstance(f, str) and f.startswith("amur_") for f in own)


def test_plugin_contributions_carry_amur_provenance(registry):
    for kind in ("young_teachers_association", "university_partner"):
        assert registry.kinds[kind].provenance.plugin == "amur"
    assert registry.functions["expert_review"].provenance.plugin == "amur"
    for code in ("AMU001", "AMU002"):
        assert registry.rules[code].provenance.plugin == "amur"


def _run_rule(registry, code, data):
    return run_rule(registry, code, data, dt.date(2023, 6, 1))


BASE = {
    "format_version": 1,
    "jurisdiction": {"id": "amur", "name": "Амурская область", "level": "regional", "document": "x.txt"},
    "plugins": ["amur"],
    "subjects": [
        {"id": "amiro", "name": "ГАУ ДПО «АМИРО»", "kind": "dpo_institute", "level": "regional"},
        {"id": "bspu", "name": "ФГБОУ ВО БГПУ", "kind": "university_partner", "level": None},
    ],
    "actors": [{"id": "omsu", "name": "Органы местного самоуправления"}],
}


def _with(**extra):
    data = json.loads(json.dumps(BASE))
    data.update(extra)
    return data


def test_amu001_flags_responsible_that_is_no_subject(registry):
    bad = _with(roadmap=[
        {"id": "m1", "number": "1.", "text": "М", "responsible": ["ГАУ ДПО «АмРИО»"]},
        {"id": "m2", "number": "2.", "text": "М", "responsible": ["Органы местного самоуправления"]},
    ])
    good = _with(roadmap=[{"id": "m1", "number": "1.", "text": "М", "responsible": ["ГАУ ДПО «АМИРО»"]}])
    findings = _run_rule(registry, "AMU001", bad)
    assert [f.code for f in findings] == ["AMU001", "AMU001"]
    assert _run_rule(registry, "AMU001", good) == []


def test_amu001_ignores_configurations_without_the_amur_plugin(registry):
    data = _with(roadmap=[{"id": "m1", "text": "М", "responsible": ["кто-то"]}])
    data["plugins"] = []
    assert _run_rule(registry, "AMU001", data) == []


def test_amu002_flags_partner_without_agreement(registry):
    assert [f.item for f in _run_rule(registry, "AMU002", _with())] == ["bspu"]
    agreement = {"id": "a", "kind": "network", "title": "Договор", "parties": ["amiro", "bspu"]}
    good = _with(agreements=[agreement])
    assert _run_rule(registry, "AMU002", good) == []


def test_bundled_configuration_raises_no_load_errors(config, registry):
    from efs.conformance.engine import validate

    codes = {f.code for f in validate(config, registry=registry)}
    assert not codes & {"EFS001", "EFS002", "EFS003", "EFS004", "EFS005"}
    assert "AMU001" in codes  # «ГАУ ДПО «АмРИО»» is reported, not tidied away


def test_show_json_shows_the_distinctive_parts():
    from efs.cli import cli

    result = CliRunner().invoke(cli, ["show", str(CONFIG), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [p["name"] for p in data["plugins"]] == ["amur"]
    kinds = {s["id"]: s["kind"] for s in data["subjects"]}
    assert kinds["young_teachers_association"] == "young_teachers_association"
    assert kinds["bspu"] == "university_partner"
    assert len(data["roadmap"]) == 68
    assert data["jurisdiction"]["adopted_by"]["number"] == "464"
