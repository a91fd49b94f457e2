"""Selection, suppressions, baselines and load errors as findings."""

from __future__ import annotations

import pytest

from efs.conformance import validate
from efs.conformance.suppression import Baseline
from efs.errors import InputError
from efs.loading import load_configuration
from tests.conformance.conftest import AS_OF, overlay

NO_INDICATORS = {"indicators": [], "monitoring": "__drop__"}


def _run(registry, base, patch, **kwargs):
    config = load_configuration(overlay(base, patch), registry=registry)
    return validate(config, registry=registry, as_of=AS_OF, **kwargs)


def _codes(findings, suppressed=False):
    return sorted(f.code for f in findings if f.suppressed == suppressed)


def test_select_and_ignore_accept_codes_prefixes_and_slugs(registry, base):
    assert _codes(_run(registry, base, NO_INDICATORS, select=["EFS160"])) == ["EFS160"]
    assert _codes(_run(registry, base, NO_INDICATORS, select=["no-monitoring"])) == ["EFS180"]
    assert (
        _codes(_run(registry, base, NO_INDICATORS, select=["EFS1"], ignore=["EFS16", "no-monitoring"])) == []
    )


def test_unknown_selector_is_a_russian_error_with_did_you_mean(registry, base):
    with pytest.raises(InputError, match=r"нет правила, кода или префикса «no-indicator».*no-indicators"):
        _run(registry, base, {}, select=["no-indicator"])


def test_suppression_marks_finding_with_reason_and_keeps_it(registry, base):
    patch = {
        **NO_INDICATORS,
        "suppressions": [{"rule": "no-indicators", "reason": "показатели в отдельном приказе"}],
    }
    found = _run(registry, base, patch, select=["EFS160", "EFS180"])
    (sup,) = [f for f in found if f.code == "EFS160"]
    assert sup.suppressed and sup.suppression_reason == "показатели в отдельном приказе"
    assert _codes(found) == ["EFS180"]


def test_suppression_limited_to_items(registry, base):
    patch = {
        "roadmap": [
            {"id": "a", "number": "1.", "text": "x", "responsible": []},
            {"id": "b", "number": "2.", "text": "y", "responsible": []},
        ],
        "suppressions": [{"rule": "EFS155", "items": ["a"], "reason": "ответственный назначается приказом"}],
    }
    found = _run(registry, base, patch, select=["EFS155"])
    assert [(f.item, f.suppressed) for f in found] == [("a", True), ("b", False)]


def test_unused_and_unknown_suppressions_are_reported(registry, base):
    patch = {
        "suppressions": [
            {"rule": "EFS160", "reason": "не нужно"},
            {"rule": "EFS999", "reason": "опечатка"},
            {"rule": "EFS155", "items": ["nothing"], "reason": "нет такого"},
        ]
    }
    found = _run(registry, base, patch)
    unused = [f for f in found if f.code == "EFS010"]
    assert len(unused) == 2 and all(f.location.path[0] == "suppressions" for f in unused)
    (unknown,) = [f for f in found if f.code == "EFS011"]
    assert "EFS999" in unknown.message


def test_suppression_of_a_rule_not_run_is_not_reported_unused(registry, base):
    patch = {"suppressions": [{"rule": "EFS160", "reason": "не нужно"}]}
    assert _run(registry, base, patch, select=["EFS180"]) == []


def test_baseline_keyed_on_rule_and_item_hides_only_known_findings(registry, base, tmp_path):
    two = {"roadmap": [{"id": "a", "number": "1.", "text": "x", "responsible": []}]}
    config = load_configuration(overlay(base, two), registry=registry)
    before = validate(config, registry=registry, as_of=AS_OF, select=["EFS155"])
    path = tmp_path / "baseline.json"
    assert Baseline.write(path, [("x.yaml", config, before)]) == 1
    # the same finding on another line, plus a new one
    moved = {
        "roadmap": [
            {"id": "z", "number": "1.", "text": "new", "responsible": []},
            {"id": "a", "number": "2.", "text": "x", "responsible": []},
        ]
    }
    found = _run(registry, base, moved, select=["EFS155"], baseline=Baseline.read(path))
    assert [(f.item, f.suppressed) for f in found] == [("z", False), ("a", True)]
    assert "базовой линии" in (found[1].suppression_reason or "")


def test_bad_baseline_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "b.json"
    bad.write_text("[]", encoding="utf-8")
    with pytest.raises(InputError, match="не файл базовой линии"):
        Baseline.read(bad)


def test_load_errors_are_findings_with_reserved_codes(registry, tmp_path):
    from efs.conformance import validate_paths

    syntax = tmp_path / "syntax.yaml"
    syntax.write_text("subjects: [\n", encoding="utf-8")
    schema = tmp_path / "schema.yaml"
    schema.write_text("format_version: 1\nsubjcts: []\n", encoding="utf-8")
    results = validate_paths([syntax, schema], registry=registry, as_of=AS_OF)
    codes = [{f.code for f in findings} for _, config, findings in results]
    assert codes[0] == {"EFS001"} and "EFS002" in codes[1]
    assert all(config is None for _, config, _ in results)
    assert all(f.location.line for _, _, findings in results for f in findings)


def test_findings_carry_item_and_document_source(registry, base):
    patch = {
        "roadmap": [
            {
                "id": "m9",
                "number": "1.",
                "text": "x",
                "responsible": ["Управление образованья"],
                "source": {"section": "дорожная карта", "line": 77},
            }
        ]
    }
    (f,) = _run(registry, base, patch, select=["unresolved-reference"])
    assert f.item == "m9" and f.source is not None and f.source.line == 77 and f.source.document == "test.txt"
    assert f.location.path == ("roadmap", 0, "responsible", 0)


def test_required_function_is_covered_by_a_roadmap_measure_of_a_subject_at_that_level(registry, base):
    subjects = overlay(base, {})["subjects"]
    for s in subjects:
        s["functions"] = [f for f in s["functions"] if f["function"] != "individual_routes"]
    measure = {"id": "m1", "number": "1.", "text": "ИОМ", "responsible": ["authority"],
               "functions": [{"id": "individual_routes", "rationale": "содержание мероприятия"}]}
    uncovered = _run(registry, base, {"subjects": subjects}, select=["EFS131"])
    assert {f.item for f in uncovered} == {"municipal:individual_routes", "institutional:individual_routes"}
    partly = _run(registry, base, {"subjects": subjects, "roadmap": [measure]}, select=["EFS131"])
    assert {f.item for f in partly} == {"institutional:individual_routes"}


def test_indicators_provided_by_the_jurisdictions_plugin_count_as_its_own(base):
    from efs.hookspecs import hookimpl
    from efs.model import IndicatorDefinition
    from efs.plugins import get_plugin_manager
    from efs.registry import Registry

    class Local:
        @hookimpl
        def efs_indicators(self):
            return [IndicatorDefinition(id="local_share", text="Доля", unit="%")]

    pm = get_plugin_manager(entry_points=False)
    pm.register(Local(), name="localplug")
    pm._efs_distributions["localplug"] = ("efs-localplug", "1.0", False)
    registry = Registry.build(pm)
    without = overlay(base, {"indicators": []})
    assert [f.code for f in _run(registry, without, {}, select=["EFS160"])] == ["EFS160"]
    assert _run(registry, without, {"plugins": ["localplug"]}, select=["EFS160"]) == []
