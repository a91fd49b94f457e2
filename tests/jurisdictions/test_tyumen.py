"""The Tyumen configuration is pinned to its document, Положение о РС НМС (``003_bb9f7ec55f47c063.txt``).

Counts come from the inventory ``shared/inventory/tyumen.md``; the document has no adopting act, no legal
basis, no indicators and no roadmap, and the encoding says so by leaving them empty.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.jurisdictions.support import run_rule, subject, variant

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "config" / "tyumen.yaml"
BRANCHES = ["cnppm_tyumen", "cnppm_ishim", "cnppm_tobolsk"]


@pytest.fixture(scope="module")
def config(bundled_configs):
    return bundled_configs["tyumen"]


def test_counts_match_the_inventory(config):
    numbered = [s for s in config.subjects if s.number]
    assert [s.number for s in numbered] == [str(n) for n in range(1, 14)]
    assert [len(s.functions) for s in numbered] == [6, 9, 24, 7, 4, 6, 6, 4, 3, 5, 3, 5, 1]
    assert sum(len(s.functions) for s in config.subjects) == 83
    assert len(config.subjects) == 13 + 3  # the three ЦНППМ of item 3 are subjects of their own
    assert (len(config.legal_basis), len(config.indicators), len(config.roadmap), len(config.glossary)) == (0, 0, 0, 0)
    assert len(config.agreements) == 1
    assert config.system.goal is not None and "иправленческих" in config.system.goal.text  # typo kept
    assert not config.system.tasks and not config.system.principles
    assert config.jurisdiction.adopted_by is None  # the document names no issuer, number or date


def test_subjects_by_level_follow_the_document_headings(config):
    levels = [s.level.value for s in config.subjects if s.number]
    assert levels == ["regional"] * 7 + ["municipal"] * 3 + ["institutional"] * 3


def test_three_cnppm_are_branches_of_the_institute(config, registry):
    cnppm = subject(config, "cnppm")
    assert (cnppm.kind, cnppm.host.id) == ("cnppm", "togirro")
    for bid in BRANCHES:
        branch = subject(config, bid)
        assert (branch.kind, branch.host.id, branch.part_of.id) == ("cnppm_branch", "togirro", "cnppm")
        assert branch.source.line == 40
    assert [subject(config, b).name for b in BRANCHES] == ["ЦНППМ г. Тюмени", "ЦНППМ г. Ишима", "ЦНППМ г. Тобольска"]
    assert "cnppm" in registry.kinds["cnppm_branch"].fills_roles


def test_tripartite_agreement_names_the_three_parties_of_item_one(config):
    (agreement,) = config.agreements
    assert agreement.kind.value == "tripartite"
    assert [p.id for p in agreement.parties] == ["municipal_authorities", "don_to", "togirro"]
    assert agreement.source.line == 21


def test_bodies_outside_the_system_are_actors_not_subjects(config):
    actors = {a.id for a in config.actors}
    assert {"federal_operator", "efs_coordinator", "municipal_authorities", "internship_sites"} <= actors
    assert not actors & {s.id for s in config.subjects}


def test_monitoring_names_the_responsible_but_no_frequency(config):
    assert [r.id for r in config.monitoring.responsible] == ["don_to"]
    assert config.monitoring.frequency is None and config.monitoring.times_per_year is None


def test_plugin_contributions_carry_tyumen_provenance(registry):
    for kind in ("cnppm_branch", "pedagogical_education_provider"):
        assert registry.kinds[kind].provenance.plugin == "tyumen"
    assert registry.functions["general_education_content"].provenance.plugin == "tyumen"
    assert registry.functions["assigned_by_founder"].provenance.plugin != "tyumen"  # Turochak has it too: core
    assert registry.rules["TYU001"].provenance.plugin == "tyumen"


BASE = {
    "format_version": 1,
    "jurisdiction": {"id": "tyumen", "name": "Тюменская область", "level": "regional", "document": "x.txt"},
    "plugins": ["tyumen"],
    "subjects": [
        {"id": "don", "name": "ДОН ТО", "kind": "regional_authority", "level": "regional"},
        {"id": "inst", "name": "ТОГИРРО", "kind": "dpo_institute", "level": "regional"},
        {"id": "cnppm", "name": "ЦНППМ", "kind": "cnppm", "level": "regional", "host": "inst"},
    ],
    "actors": [{"id": "mou", "name": "муниципальные органы", "kind": "municipal_authority"}],
}


def test_tyu001_flags_a_branch_without_institute_or_whole(registry):
    loose = {"id": "b", "name": "ЦНППМ г. Ишима", "kind": "cnppm_branch", "level": "regional"}
    messages = [f.message for f in run_rule(registry, "TYU001", variant(BASE, subjects=[loose]))]
    assert len(messages) == 2 and "институт" in messages[0] and "part_of" in messages[1]
    wrong_host = dict(loose, host="don", part_of="cnppm")
    assert [f.item for f in run_rule(registry, "TYU001", variant(BASE, subjects=[wrong_host]))] == ["b"]
    placed = dict(loose, host="inst", part_of="cnppm")
    assert run_rule(registry, "TYU001", variant(BASE, subjects=[placed])) == []


def test_tyu001_ignores_configurations_without_the_tyumen_plugin(registry):
    data = variant(BASE, subjects=[{"id": "b", "name": "Центр", "kind": "cnppm_branch", "level": "regional"}])
    data["plugins"] = []
    assert run_rule(registry, "TYU001", data) == []


def test_tripartite_agreement_is_checked_by_the_core_rule_not_a_local_one(registry):
    agreement = {"id": "a", "kind": "tripartite", "title": "Соглашение", "parties": ["don", "mou"]}
    findings = run_rule(registry, "EFS186", variant(BASE, agreements=[agreement]))
    assert [f.item for f in findings] == ["a"] and "ЦНППМ" in findings[0].message
    full = dict(agreement, parties=["don", "mou", "inst"])
    assert run_rule(registry, "EFS186", variant(BASE, agreements=[full])) == []
    assert "TYU002" not in registry.rules


def test_validator_reports_what_the_document_lacks(config, registry):
    from efs.conformance.engine import validate

    codes = {f.code for f in validate(config, registry=registry)}
    assert {"EFS160", "EFS101", "EFS108"} <= codes  # no indicators, no legal basis, no adopting act
    assert "EFS121" in codes  # no municipal authority among the municipal subjects
    assert not codes & {"TYU001", "EFS130", "EFS186"}  # branches placed; they share the functions of item 3


def test_show_json_shows_the_branches():
    from efs.cli import cli

    result = CliRunner().invoke(cli, ["show", str(CONFIG), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    kinds = {s["id"]: s["kind"] for s in data["subjects"]}
    assert [kinds[b] for b in BRANCHES] == ["cnppm_branch"] * 3
