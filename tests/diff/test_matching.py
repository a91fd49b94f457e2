"""Where ids differ (two drafts of a document), items are matched by kind and wording, with the confidence shown.

The new version gets fresh ids everywhere — as a second ``efs draft`` of an amended document would —
with every reference renamed alike; the planted edits must still be reported exactly, each on the item
it was planted on.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from efs.diff.changes import compare_configurations
from efs.diff.matching import THRESHOLD, pair
from efs.diff.words import similarity
from efs.loading import load_configuration

from .edits import data_of, edited, signature
from .test_changes import EDITS

_COLLECTIONS = ("subjects", "actors", "roadmap", "indicators", "legal_basis", "agreements")


def _ref(value: Any, mapping: dict[str, str]) -> Any:
    if isinstance(value, str):
        return mapping.get(value, value)
    if isinstance(value, dict) and "as_written" in value:
        return {**value, "as_written": mapping.get(value["as_written"], value["as_written"]),
                **({"id": mapping.get(value["id"], value["id"])} if value.get("id") else {})}
    return value


def rename_ids(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The data with every id of subjects, actors, measures, indicators, acts and agreements replaced by a
    fresh one (``item_1``, …) and every reference to them renamed alike; and the map new id → old id."""
    data = copy.deepcopy(data)
    mapping: dict[str, str] = {}
    n = 0
    for coll in _COLLECTIONS:
        for item in data.get(coll) or []:
            n += 1
            mapping[item["id"]] = f"item_{n}"
            item["id"] = mapping[item["id"]]
    for s in data.get("subjects") or []:
        for key in ("host", "part_of"):
            if s.get(key):
                s[key] = _ref(s[key], mapping)
    for m in data.get("roadmap") or []:
        for key in ("responsible", "co_executors"):
            m[key] = [_ref(r, mapping) for r in m.get(key) or []]
        for link in m.get("indicators") or []:
            link["id"] = mapping.get(link["id"], link["id"])
        for t in m.get("thresholds") or []:
            t["indicator"] = mapping.get(t["indicator"], t["indicator"])
    for a in data.get("agreements") or []:
        a["parties"] = [_ref(p, mapping) for p in a.get("parties") or []]
    if data.get("monitoring"):
        data["monitoring"]["responsible"] = [_ref(r, mapping) for r in data["monitoring"].get("responsible") or []]
    for sup in data.get("suppressions") or []:
        sup["items"] = [mapping.get(i, i) for i in sup.get("items") or []]
    return data, {new: old for old, new in mapping.items()}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_renamed_ids_are_matched_by_wording(name, registry):
    old = load_configuration(data_of(name), registry=registry)
    new_data, back = rename_ids(data_of(name))
    new = load_configuration(new_data, registry=registry)
    changes, sides = compare_configurations(old, new, registry)
    assert changes == []
    assert {v: k for k, v in back.items()} == {old_id: new_id for (_, old_id), new_id in sides.renamed.items()}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_renamed_ids_with_edits_report_exactly_the_planted_changes(name, registry):
    old = load_configuration(data_of(name), registry=registry)
    new_data, back = rename_ids(edited(name, EDITS[name]))
    new = load_configuration(new_data, registry=registry)
    changes, _ = compare_configurations(old, new, registry)
    reported = sorted((t, s, back.get(i, i)) for t, s, i in (signature(c, old, new) for c in changes))
    assert reported == sorted(e.expected for e in EDITS[name])
    for c in changes:
        if c.match is not None and c.old_id and c.new_id:
            assert c.match.method == "text", c  # ids all differ: only the wording can pair them
            assert THRESHOLD <= c.match.confidence <= 1


def test_a_renamed_and_reworded_item_shows_how_alike_the_wordings_are(registry):
    old = load_configuration(data_of("tyumen"), registry=registry)
    new_data, _ = rename_ids(edited("tyumen", [e for e in EDITS["tyumen"] if e.expected[2] == "togirro"]))
    new = load_configuration(new_data, registry=registry)
    changes, _ = compare_configurations(old, new, registry)
    (change,) = changes
    expected = similarity(old.subjects[1].name, new.subjects[1].name)
    assert change.match is not None and change.match.method == "text"
    assert change.match.confidence == pytest.approx(expected) and expected < 1
    assert f"сходство {round(expected * 100)} %" in change.match.label


def test_wording_below_the_threshold_is_added_and_removed_not_paired(registry):
    from efs.diff.items import Item

    def item(text: str) -> Item:
        return Item("measure", "roadmap", None, ("roadmap", 0), None, False, "measure", text, text)

    a = item("Проведена стратегическая сессия «Векторы развития РСНМС»")
    b = item("Утверждено Положение о мониторинге эффективности функционирования РСНМС")
    assert similarity(a.text, b.text) < THRESHOLD
    result = pair([a], [b])
    assert result.pairs == [] and result.removed == [a] and result.added == [b]


def test_the_best_match_wins_whatever_the_order(registry):
    from efs.diff.items import Item

    def item(text: str) -> Item:
        return Item("text", "system", None, ("system", "tasks", 0), None, False, "system", text, text)

    old = [item("организация наставничества молодых педагогов"), item("организация наставничества педагогов школ")]
    new = [item("организация наставничества педагогов школ района"),
           item("организация наставничества молодых педагогов района")]
    result = pair(old, new)
    paired = {a.text: b.text for a, b, _ in result.pairs}
    assert paired == {old[0].text: new[1].text, old[1].text: new[0].text}
