"""Issue 17's done-whens for ``efs diff`` not covered elsewhere: every attribute of a target, impact filled,
and the sizes that motivate the command (a line diff of a rewritten YAML against the typed changes)."""

from __future__ import annotations

import copy
import difflib

import pytest
import yaml

from efs.diff import compare
from efs.diff.changes import compare_configurations
from efs.loading import load_configuration

from .edits import by_id, data_of, edited
from .test_changes import EDITS

YEAR = 2025

#: The turochak indicator with three yearly targets: 2022 ≥ 50 %, 2023 ≥ 75 %, 2024 = 100 %.
INDICATOR = "post_course_support_share"


def _targets(d):
    return by_id(d["indicators"], INDICATOR)["targets"]


@pytest.mark.parametrize(("attribute", "edit", "said"), [
    ("year", lambda t: t.update(year=2025), "год: 2024 → 2025"),
    ("value", lambda t: t.update(value=90), "значение: 100 → 90"),
    ("comparator", lambda t: t.update(comparator="at_least"), "сравнение: ровно → не менее"),
    ("unit", lambda t: t.update(unit="чел."), "единица: % → чел."),
])
def test_each_attribute_of_a_target_is_one_target_change_that_names_it(registry, attribute, edit, said):
    old_data = data_of("turochak")
    new_data = copy.deepcopy(old_data)
    assert _targets(old_data)[2]["year"] == 2024 and _targets(old_data)[2]["comparator"] == "equal"
    edit(_targets(new_data)[2])
    old = load_configuration(copy.deepcopy(old_data), registry=registry)
    new = load_configuration(new_data, registry=registry)
    changes, _ = compare_configurations(old, new, registry)
    assert [c.type for c in changes] == ["target_changed"], attribute
    assert said in changes[0].detail


@pytest.fixture(scope="module")
def amur_store(tmp_path_factory, registry):
    from efs.data.store import open_store
    from efs.synthesis import synthesize

    store = open_store(tmp_path_factory.mktemp("diff-done") / "amur.sqlite")
    synthesize(store, load_configuration(data_of("amur"), registry=registry), staff=600, year=YEAR, years=1, seed=2)
    yield store
    store.close()


def test_the_planted_amendment_fills_every_impact_section(registry, amur_store):
    old = load_configuration(data_of("amur"), registry=registry)
    new = load_configuration(edited("amur", EDITS["amur"]), registry=registry)
    impact = compare(old, new, registry=registry, store=amur_store, year=YEAR).impact
    f = impact["findings"]
    assert f["appeared"] and f["disappeared"]
    ind = impact["indicators"]
    assert ind["computed"] and ind["items"]
    assert all(v["old"] is not None and v["new"] is not None for row in ind["items"] for v in row["values"])
    assert any(row["values"] for row in ind["items"])
    rec = impact["recommendations"]
    assert rec["gained"] or rec["lost"] or rec["unlinked_gained"] or rec["unlinked_lost"]
    cov = impact["coverage"]
    assert cov["functions"] and cov["uncovered_before"] != cov["uncovered_after"]


def test_a_rewritten_file_with_five_edits_is_five_changes_not_a_hundred_lines(registry):
    """The reason for typed changes: another tool's YAML of five edits differs on many lines."""
    edits = EDITS["amur"][:5]
    old_data, new_data = data_of("amur"), edited("amur", edits)
    old_text = (yaml.safe_dump(old_data, allow_unicode=True, sort_keys=False)).splitlines()
    new_text = (yaml.safe_dump(new_data, allow_unicode=True, sort_keys=True)).splitlines()
    lines = sum(1 for line in difflib.unified_diff(old_text, new_text, lineterm="", n=0)
                if line[:1] in "+-" and not line.startswith(("+++", "---")))
    old = load_configuration(old_data, registry=registry)
    new = load_configuration(new_data, registry=registry)
    changes, _ = compare_configurations(old, new, registry)
    assert len(changes) == 5
    assert lines > 100, lines
