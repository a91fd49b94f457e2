"""The impact of an amendment: findings, indicator values and verdicts, recommendations, coverage (issue 17.1).

Each impact is checked against an oracle computed here apart from the diff: ``efs.validate`` and
``efs.compute`` run on each version directly, and coverage counted from the configurations' own data.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from efs.diff import compare
from efs.loading import load_configuration

from .edits import by_id, data_of, edited
from .test_changes import EDITS

YEAR = 2025


def _load(data: dict[str, Any], registry: Any) -> Any:
    return load_configuration(data, registry=registry)


@pytest.fixture(scope="module")
def megion_store(tmp_path_factory, registry):
    from efs.data.store import open_store
    from efs.synthesis import synthesize

    store = open_store(tmp_path_factory.mktemp("diff") / "megion.sqlite")
    synthesize(store, _load(data_of("megion"), registry), staff=300, year=YEAR, years=1, seed=3)
    yield store
    store.close()


def _finding_keys(findings: list[Any]) -> Counter[tuple[str, str]]:
    return Counter((f.code, f.item or f.message) for f in findings if not f.suppressed)


@pytest.mark.parametrize("name", sorted(EDITS))
def test_findings_that_appear_and_disappear_are_those_validate_gives(name, registry):
    from efs import validate

    old, new = _load(data_of(name), registry), _load(edited(name, EDITS[name]), registry)
    result = compare(old, new, registry=registry)
    before, after = _finding_keys(validate(old, registry=registry, as_of=result.as_of)), _finding_keys(
        validate(new, registry=registry, as_of=result.as_of))
    f = result.impact["findings"]
    renamed = {"order_mp_r_76": "order_mp_r_174"}  # the act the megion edit replaces under a new id
    before = Counter({(c, renamed.get(i, i)): n for (c, i), n in before.items()})
    assert Counter((x["code"], x["item"] or x["message"]) for x in f["appeared"]) == after - before
    assert Counter((x["code"], renamed.get(x["item"], x["item"]) or x["message"]) for x in f["disappeared"]) == \
        before - after


def test_a_subject_moved_to_a_level_its_kind_does_not_belong_to_gains_the_finding(registry):
    old, new = _load(data_of("megion"), registry), _load(edited("megion", EDITS["megion"][:1]), registry)
    result = compare(old, new, registry=registry)
    (change,) = result.changes
    appeared = {(x["code"], x["item"]) for x in result.impact["findings"]["appeared"]}
    assert ("EFS120", "cro") in appeared
    assert any(n.startswith("появится находка EFS120") for n in change.impact)


def test_a_target_added_removes_the_finding_about_its_absence(registry):
    edit = next(e for e in EDITS["amur"] if e.expected[0] == "target_changed" and e.expected[1] == "indicators")
    old, new = _load(data_of("amur"), registry), _load(edited("amur", [edit]), registry)
    result = compare(old, new, registry=registry)
    gone = {(x["code"], x["item"]) for x in result.impact["findings"]["disappeared"]}
    assert ("EFS161", "young_teachers_supported_share") in gone
    (change,) = result.changes
    assert any(n.startswith("исчезнет находка EFS161") for n in change.impact)
    (row,) = result.impact["indicators"]["items"]
    assert row["id"] == "young_teachers_supported_share" and row["old_targets"] == "—"
    assert row["new_targets"] == "в 2024 году — не менее 60 %"


#: An indicator of Мегион without a target of its own, linked to functions that subjects carry.
INDICATOR = "individual_routes_share"


def _target(d: dict[str, Any], value: float, indicator: str = INDICATOR) -> None:
    by_id(d["indicators"], indicator)["targets"] = [
        {"year": YEAR, "value": value, "unit": "%", "comparator": "at_least", "as_written": f"не менее {value} %"}]


def test_values_and_verdicts_under_both_versions_are_the_engines(registry, megion_store):
    from efs import compute

    old_data = data_of("megion")
    new_data = data_of("megion")
    _target(new_data, 100)
    old, new = _load(old_data, registry), _load(new_data, registry)
    result = compare(old, new, registry=registry, store=megion_store, year=YEAR)
    ind = result.impact["indicators"]
    assert ind["computed"] and ind["year"] == YEAR
    (row,) = ind["items"]
    (v,) = row["values"]
    expect_old = next(r for r in compute(old, megion_store, year=YEAR, registry=registry)
                      if r.indicator_id == INDICATOR)
    expect_new = next(r for r in compute(new, megion_store, year=YEAR, registry=registry)
                      if r.indicator_id == INDICATOR)
    assert (v["old"]["value"], v["old"]["status"]) == (expect_old.value, expect_old.status) == (
        expect_old.value, "no_target")
    assert (v["new"]["value"], v["new"]["status"]) == (expect_new.value, "not_met")
    assert v["verdict_changed"]
    (change,) = result.changes
    assert any("станет" in n and "не достигнуто" in n for n in change.impact)
    # the indicator now fails a target; the configuration links it to the diagnostics function: a recommendation
    gained = [r for r in result.impact["recommendations"]["gained"] if r["kind"] == "indicator"]
    assert [r["ref"] for r in gained] == [INDICATOR]
    assert result.impact["recommendations"]["after"] == result.impact["recommendations"]["before"] + 1


def test_an_unmet_indicator_linked_to_no_one_is_said_so(registry, megion_store):
    new_data = data_of("megion")
    _target(new_data, 100, "deficit_diagnostics_share")  # measures diagnostics, which only the regional ЦНППМ does
    result = compare(_load(data_of("megion"), registry), _load(new_data, registry), registry=registry,
                     store=megion_store, year=YEAR)
    rec = result.impact["recommendations"]
    assert rec["gained"] == [] and [u["indicator"] for u in rec["unlinked_gained"]] == ["deficit_diagnostics_share"]


def test_a_met_target_gains_no_recommendation(registry, megion_store):
    new_data = data_of("megion")
    _target(new_data, 1)
    old, new = _load(data_of("megion"), registry), _load(new_data, registry)
    result = compare(old, new, registry=registry, store=megion_store, year=YEAR)
    (row,) = result.impact["indicators"]["items"]
    assert row["values"][0]["new"]["status"] == "met"
    assert result.impact["recommendations"]["gained"] == result.impact["recommendations"]["lost"] == []


def test_without_a_store_values_are_not_computed_and_it_is_said(registry):
    new_data = data_of("megion")
    _target(new_data, 100)
    result = compare(_load(data_of("megion"), registry), _load(new_data, registry), registry=registry)
    ind = result.impact["indicators"]
    assert not ind["computed"] and "--db" in ind["note"]
    assert ind["items"][0]["values"] == []


def _uncovered(config: Any, registry: Any) -> set[tuple[str, str]]:
    """Levels of the jurisdiction where a required function is carried by no subject standing there.

    As ``efs validate`` (EFS131) defines it: a roadmap measure whose responsible stands at the level
    also carries the functions it serves; a level with no subject at all is one finding of its own
    (EFS132), not counted function by function.
    """
    levels = {"regional": {"regional", "municipal", "institutional"},
              "municipal": {"municipal", "institutional"}}[config.jurisdiction.level.value]
    functions = {**registry.functions, **{f.id: f for f in config.functions}}
    out = set()
    for fn in functions.values():
        for lv in fn.required_at:
            standing = {s.id for s in config.subjects if s.level is not None and s.level.value == lv.value}
            if lv.value not in levels or not standing:
                continue
            carried = any(fn.id in [b.function, *b.also] for s in config.subjects
                          if s.id in standing for b in s.functions)
            carried = carried or any(fn.id in [link.id for link in m.functions] for m in config.roadmap
                                     if {r.id for r in m.responsible} & standing)
            if not carried:
                out.add((fn.id, lv.value))
    return out


@pytest.mark.parametrize("name", sorted(EDITS))
def test_coverage_before_and_after_counts_the_uncovered_functions(name, registry):
    old, new = _load(data_of(name), registry), _load(edited(name, EDITS[name]), registry)
    cov = compare(old, new, registry=registry).impact["coverage"]
    before, after = _uncovered(old, registry), _uncovered(new, registry)
    assert (cov["uncovered_before"], cov["uncovered_after"]) == (len(before), len(after))
    became = {(r["id"], lv) for r in cov["functions"] for lv in r["uncovered_after"] if lv not in r["uncovered_before"]}
    assert became == after - before


def test_a_function_passed_to_another_body_shows_who_carries_it(registry):
    edit = next(e for e in EDITS["tyumen"] if e.expected[0] == "moved")
    old, new = _load(data_of("tyumen"), registry), _load(edited("tyumen", [edit]), registry)
    rows = {r["id"]: r for r in compare(old, new, registry=registry).impact["coverage"]["functions"]}
    fid = by_id(data_of("tyumen")["subjects"], "rumo")["functions"][2]["function"]
    row = rows[fid]
    names = {s.id: s.short_name or s.name for s in new.subjects}
    assert names["methodical_active"] in row["subjects_after"]
