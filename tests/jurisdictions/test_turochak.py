"""The Turochak configuration is pinned to its document, приказ Управления образования № 751 от 09.12.2022.

Counts come from the inventory ``shared/inventory/turochak.md``; the document places regional and federal
bodies under its municipal heading (3.2), and the encoding keeps them where the document puts them.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.jurisdictions.support import subject

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "config" / "turochak.yaml"
REGIONAL_BODIES = ["ministry", "cnppm", "institute", "college", "rcoko", "pmss_centre", "rumo"]


@pytest.fixture(scope="module")
def config(bundled_configs):
    return bundled_configs["turochak"]


def test_counts_match_the_inventory(config):
    assert [s.number for s in config.subjects] == [
        "3.2.1", "3.2.2", "3.2.3", "3.2.4", "3.2.5", "3.2.6", "3.2.7", "3.2.8", "3.3.1", "3.3.2", "3.4.1", "3.4.2",
    ]
    assert [len(s.functions) for s in config.subjects] == [3, 15, 11, 3, 4, 8, 4, 5, 15, 4, 10, 5]
    # § 1.3 cites 13 acts — Постановление № 1642 twice (lines 16 and 21), encoded twice as written (EFS106)
    assert len(config.legal_basis) == 13
    assert [a.source.line for a in config.legal_basis if a.number == "1642"] == [16, 21]
    assert (len(config.system.tasks), len(config.system.principles)) == (19, 3)
    assert (len(config.system.interaction_subjects), len(config.system.interaction_channels)) == (9, 4)
    assert len(config.indicators) == 5
    assert sum(len(i.targets) for i in config.indicators) == 5
    assert len(config.agreements) == 2
    assert len(config.actors) == 15
    assert len(config.monitoring.methods) == 5
    assert (len(config.roadmap), len(config.glossary)) == (0, 0)


def test_levels_are_the_document_headings_not_the_content(config):
    levels = [s.level.value for s in config.subjects]
    assert levels == ["municipal"] * 10 + ["institutional"] * 2
    assert subject(config, "university").kind == "university"
    assert subject(config, "cnppm").host.id == "institute"


def test_adopting_order_and_annex(config):
    j = config.jurisdiction
    assert (j.adopted_by.kind, j.adopted_by.number, j.adopted_by.date) == ("приказ", "751", dt.date(2022, 12, 9))
    assert j.region == "Республика Алтай"


def test_indicator_four_keeps_its_two_measures_and_targets(config):
    ind = next(i for i in config.indicators if i.number == "4.")
    targets = {(t.year, t.value, t.sub_measure) for t in ind.targets}
    assert targets == {(2023, 100.0, "в различных формах наставничества"), (2024, 70.0, None)}
    assert [e.id for e in ind.equivalent] == ["federal_4"]
    five = next(i for i in config.indicators if i.number == "5.")
    assert [(t.year, t.value) for t in five.targets] == [(2022, 50.0), (2023, 75.0), (2024, 100.0)]


def test_tripartite_agreement_resolves_its_parties(config):
    tripartite = next(a for a in config.agreements if a.kind.value == "tripartite")
    assert [p.id for p in tripartite.parties] == ["education_department", "ministry", "institute"]


def test_monitoring_is_at_least_once_a_year(config):
    assert config.monitoring.times_per_year == 1


def test_validator_reports_the_regional_bodies_at_the_municipal_level(config, registry):
    from efs.conformance.engine import validate

    findings = validate(config, registry=registry, as_of=dt.date(2026, 11, 23))
    misplaced = sorted(f.item for f in findings if f.code == "EFS120")
    assert misplaced == sorted(["ministry", "cnppm", "institute", "college", "rcoko", "university", "rumo"])
    codes = {f.code for f in findings}
    assert "EFS142" in codes  # «ИПКиИИРО РА» and «ИПКиППРО РА»: one institute, two spellings
    assert "EFS121" in codes  # the Управление образования adopts the order but is not among the subjects


def test_show_json_shows_the_regional_actors_and_bodies():
    from efs.cli import cli

    result = CliRunner().invoke(cli, ["show", str(CONFIG), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    by_id = {s["id"]: s for s in data["subjects"]}
    assert all(by_id[b]["level"] == "municipal" for b in REGIONAL_BODIES)
    actors = {a["id"] for a in data["actors"]}
    assert {"federal_operator", "education_department"} <= actors
