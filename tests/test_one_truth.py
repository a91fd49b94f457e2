"""One truth: the skeleton passes cleanly at every level, and «uncovered required functions» is one number
in validate, coverage and the report (issue 13, frictions 6 and 7)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from efs.cli import run

NAMES = ["amur", "megion", "turochak", "tyumen"]


@pytest.mark.parametrize("level", ["municipal", "regional"])
def test_a_new_skeleton_validates_with_no_error_and_no_warning(level, tmp_path, capsys):
    target = tmp_path / f"{level}.yaml"
    assert run(["new", "config", f"Образцовый {level}", "--level", level, "-o", str(target)]) == 0
    capsys.readouterr()
    assert run(["validate", "--strict", "--format", "json", str(target)]) == 0
    [file] = json.loads(capsys.readouterr().out)["files"]
    assert file["loaded"]
    # Only information remains: that the document is not beside it yet (EFS023).
    assert [(f["code"], f["severity"]) for f in file["findings"]] == [("EFS023", "info")]


@pytest.mark.parametrize("level", ["municipal", "regional"])
def test_the_skeleton_asks_for_every_required_role_and_function_of_its_levels(level, registry):
    import yaml

    from efs.concept.roles import JURISDICTION_LEVELS, required_roles
    from efs.loading import load_configuration
    from efs.model import Level
    from efs.skeleton import skeleton

    config = load_configuration(yaml.safe_load(skeleton("x", level, registry)), registry=registry)
    for lv in JURISDICTION_LEVELS[Level(level)]:
        subjects = [s for s in config.subjects if s.level == lv]
        roles = {r for s in subjects for r in registry.kinds[s.kind].fills_roles}
        assert {r.id for r in required_roles(lv) if r.required} <= roles, lv
        named = {fid for s in subjects for b in s.functions for fid in b.ids()}
        assert {f.id for f in registry.functions.values() if lv in f.required_at} <= named, lv


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """An empty SQLite store: the report's count of uncovered functions needs no monitoring data."""
    from efs.data.store import open_store

    st = open_store(tmp_path_factory.mktemp("store") / "empty.sqlite")
    yield st, set()
    st.close()


def _report_count(config, registry, store) -> int:
    from efs.report.build import build_report
    from tests.indicators.data import Data

    st, known = store
    if config.jurisdiction.id not in known:  # the report needs the jurisdiction known to the store
        Data(config.jurisdiction.id, config.jurisdiction.level.value).save(st)
        known.add(config.jurisdiction.id)
    report = build_report(config, st, year=2025, registry=registry, as_of=dt.date(2026, 1, 1))
    return int(report["summary"]["uncovered_functions"])


def _counts(config, registry, store) -> tuple[int, int, int, int]:
    from efs.conformance import validate
    from efs.conformance.coverage import coverage_matrix, uncovered_required_functions

    found = [f for f in validate(config, registry=registry) if f.code == "EFS131"]
    matrix = coverage_matrix(config, registry)
    return (len(uncovered_required_functions(config, registry)), len(found),
            sum(len(r["uncovered_at"]) for r in matrix["functions"]), _report_count(config, registry, store))


@pytest.mark.parametrize("name", NAMES)
def test_uncovered_required_functions_are_one_number_in_validate_coverage_and_the_report(
        name, bundled_configs, registry, store):
    one, validated, covered, reported = _counts(bundled_configs[name], registry, store)
    assert one == validated == covered == reported


def test_a_measure_whose_responsible_stands_at_the_level_covers_its_function_everywhere(registry, store):
    """Where the three used to part: a roadmap measure serving a function, and a level with no subject."""
    import yaml

    from efs.conformance.coverage import uncovered_required_functions
    from efs.loading import load_configuration
    from efs.skeleton import skeleton

    data = yaml.safe_load(skeleton("x", "municipal", registry))
    authority = data["subjects"][0]
    dropped = authority["functions"].pop()
    data["roadmap"] = [{"id": "m1", "text": "Мероприятие", "responsible": [authority["id"]],
                        "functions": [{"id": dropped["function"], "rationale": "мероприятие этой функции"}],
                        "deadline": {"as_written": "ежегодно", "kind": "recurrence", "frequency": "annually"}}]
    data["subjects"] = [s for s in data["subjects"] if s["level"] != "institutional"]
    config = load_configuration(data, registry=registry)
    assert [u.item for u in uncovered_required_functions(config, registry)] == []
    one, validated, covered, reported = _counts(config, registry, store)
    assert one == validated == covered == reported == 0
    data["roadmap"] = []
    config = load_configuration(data, registry=registry)
    gaps = [u.item for u in uncovered_required_functions(config, registry)]
    assert gaps == [f"municipal:{dropped['function']}"]
    assert _counts(config, registry, store) == (1, 1, 1, 1)
