"""efs diff reports exactly the planted changes — no more, none fewer — and a reorder as no change (issue 17.1).

Each bundled configuration is edited as an amendment would edit it; every change type is planted at
least once. The expected signature of each edit is written next to the edit, from the data, and the
reported changes are read back by their paths in the configurations (:func:`tests.diff.edits.signature`).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from efs.diff.changes import compare_configurations
from efs.diff.model import CHANGE_TYPES
from efs.loading import load_configuration

from .edits import Edit, by_id, data_of, edited, reorder, signature


def _amended_act(d: dict[str, Any]) -> None:
    act = by_id(d["legal_basis"], "fz_273")
    act["as_written"] += " (в ред. Федерального закона от 04.08.2023 № 479-ФЗ)"
    act.setdefault("editions", []).append({"kind": "Федеральный закон", "number": "479-ФЗ", "date": "2023-08-04",
                                           "as_written": "в ред. Федерального закона от 04.08.2023 № 479-ФЗ"})


def _deadline(d: dict[str, Any]) -> None:
    by_id(d["roadmap"], "m_1_2_1")["deadline"] = {"as_written": "до 01.12.2023", "kind": "date", "date": "2023-12-01"}


def _responsible(d: dict[str, Any]) -> None:
    by_id(d["roadmap"], "m_1_1_2")["responsible"] = ["ГАУ ДПО «АМИРО»"]


def _threshold(d: dict[str, Any]) -> None:
    by_id(d["roadmap"], "m_2_1_1")["thresholds"][0]["value"] = 90


def _remove_measure(d: dict[str, Any]) -> None:
    d["roadmap"].remove(by_id(d["roadmap"], "m_2_1_10"))


def _add_measure(d: dict[str, Any]) -> None:
    d["roadmap"].append({
        "id": "m_5_1_1", "number": "5.1.1.", "direction": "Направление 5 «Наставничество»",
        "text": "Проведён региональный форум наставников и молодых педагогов Приамурья",
        "responsible": ["ГАУ ДПО «АМИРО»"],
        "deadline": {"as_written": "до 01.10.2024", "kind": "date", "date": "2024-10-01"},
    })


def _move_measure(d: dict[str, Any]) -> None:
    m = by_id(d["roadmap"], "m_1_3_1")
    m["group"] = by_id(d["roadmap"], "m_1_2_1")["group"]


def _add_target(d: dict[str, Any]) -> None:
    by_id(d["indicators"], "young_teachers_supported_share")["targets"] = [
        {"year": 2024, "value": 60, "unit": "%", "comparator": "at_least", "as_written": "в 2024 году — не менее 60 %"}
    ]


def _add_branch(d: dict[str, Any]) -> None:
    d["subjects"].append({"id": "cnppm_yalutorovsk", "name": "ЦНППМ г. Ялуторовска", "kind": "cnppm_branch",
                          "level": "regional", "host": "togirro", "part_of": "cnppm"})


def _remove_subject(d: dict[str, Any]) -> None:
    d["subjects"].remove(by_id(d["subjects"], "regional_associations"))


def _move_bullet(d: dict[str, Any]) -> None:
    bullet = by_id(d["subjects"], "rumo")["functions"].pop(2)
    by_id(d["subjects"], "methodical_active")["functions"].append(bullet)


def _reword_name(d: dict[str, Any]) -> None:
    s = by_id(d["subjects"], "togirro")
    s["name"] = s["name"].replace("Государственное автономное", "Государственное бюджетное")


def _move_level(d: dict[str, Any]) -> None:
    by_id(d["subjects"], "cro")["level"] = "regional"


def _renumber(d: dict[str, Any]) -> None:
    by_id(d["subjects"], "networking_sites")["number"] = "3.2.4"


def _formula(d: dict[str, Any]) -> None:
    by_id(d["indicators"], "management_teams_share")["formula"] = "young_teachers_supported_share"


def _replace_act(d: dict[str, Any]) -> None:
    acts = d["legal_basis"]
    old = by_id(acts, "order_mp_r_76")
    acts[acts.index(old)] = {
        "id": "order_mp_r_174", "kind": "распоряжение", "issuer": "Министерство просвещения Российской Федерации",
        "number": "Р-174", "date": "2020-12-16", "date_as_written": "16.12.2020",
        "title": "Об утверждении Концепции создания единой федеральной системы научно-методического "
        "сопровождения педагогических работников и управленческих кадров",
        "as_written": "распоряжение от 16.12.2020 № Р-174 Министерства просвещения Российской Федерации "
        "«Об утверждении Концепции создания единой федеральной системы научно-методического сопровождения "
        "педагогических работников и управленческих кадров»",
    }


def _target_value(d: dict[str, Any]) -> None:
    by_id(d["indicators"], "post_course_support_share")["targets"][1]["value"] = 80


def _standing_to_yearly(d: dict[str, Any]) -> None:
    t = by_id(d["roadmap"], "m_2_6_unnumbered_2")["thresholds"][0]
    assert t["kind"] == "standing"
    t.update(kind="yearly", last_year=2025)


def _reword_task(d: dict[str, Any]) -> None:
    d["system"]["tasks"][0]["text"] = d["system"]["tasks"][0]["text"].rstrip(";.") + " и управленческих кадров;"


def _task_to_principles(d: dict[str, Any]) -> None:
    d["system"]["principles"].append(d["system"]["tasks"].pop(5))


def _remap_function(d: dict[str, Any]) -> None:
    bullet = by_id(d["subjects"], "mms")["functions"][0]
    bullet["function"] = "experience_dissemination" if bullet["function"] != "experience_dissemination" else "expertise"


def _add_bullet(d: dict[str, Any]) -> None:
    by_id(d["subjects"], "college")["functions"].append(
        {"function": "professional_development", "text": "организует профессиональные пробы для будущих педагогов;"})


EDITS: dict[str, list[Edit]] = {
    "amur": [
        Edit("акт в новой редакции", _amended_act, ("act_amended", "legal_basis", "fz_273")),
        Edit("срок перенесён", _deadline, ("deadline_moved", "roadmap", "m_1_2_1")),
        Edit("ответственный другой", _responsible, ("responsible_changed", "roadmap", "m_1_1_2")),
        Edit("порог дорожной карты", _threshold, ("target_changed", "roadmap", "m_2_1_1")),
        Edit("порог постоянный → ежегодный до 2025", _standing_to_yearly,
             ("target_changed", "roadmap", "m_2_6_unnumbered_2")),
        Edit("мероприятие исключено", _remove_measure, ("removed", "roadmap", "m_2_1_10")),
        Edit("мероприятие добавлено", _add_measure, ("added", "roadmap", "m_5_1_1")),
        Edit("мероприятие в другой группе", _move_measure, ("moved", "roadmap", "m_1_3_1")),
        Edit("цель показателя добавлена", _add_target, ("target_changed", "indicators",
                                                         "young_teachers_supported_share")),
    ],
    "tyumen": [
        Edit("филиал ЦНППМ добавлен", _add_branch, ("added", "subjects", "cnppm_yalutorovsk")),
        Edit("субъект исключён", _remove_subject, ("removed", "subjects", "regional_associations")),
        Edit("функция передана другому субъекту", _move_bullet, ("moved", "functions", "methodical_active")),
        Edit("название изменено", _reword_name, ("reworded", "subjects", "togirro")),
    ],
    "megion": [
        Edit("субъект на другом уровне", _move_level, ("moved", "subjects", "cro")),
        Edit("номер изменён", _renumber, ("renumbered", "subjects", "networking_sites")),
        Edit("формула изменена", _formula, ("formula_changed", "indicators", "management_teams_share")),
        Edit("акт заменён", _replace_act, ("act_replaced", "legal_basis", "order_mp_r_174")),
    ],
    "turochak": [
        Edit("значение цели", _target_value, ("target_changed", "indicators", "post_course_support_share")),
        Edit("задача переформулирована", _reword_task, ("reworded", "system", "tasks")),
        Edit("задача стала принципом", _task_to_principles, ("moved", "system", "principles")),
        Edit("функция каталога другая", _remap_function, ("changed", "functions", "mms")),
        Edit("функция добавлена", _add_bullet, ("added", "functions", "college")),
    ],
}


def _compare(old_data: dict[str, Any], new_data: dict[str, Any], registry: Any) -> tuple[list[Any], Any, Any]:
    old = load_configuration(copy.deepcopy(old_data), registry=registry)
    new = load_configuration(copy.deepcopy(new_data), registry=registry)
    changes, _ = compare_configurations(old, new, registry)
    return changes, old, new


def test_every_change_type_is_planted():
    planted = {e.expected[0] for edits in EDITS.values() for e in edits}
    assert planted == {t for t, _ in CHANGE_TYPES}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_exactly_the_planted_changes_are_reported(name, registry):
    changes, old, new = _compare(data_of(name), edited(name, EDITS[name]), registry)
    reported = sorted(signature(c, old, new) for c in changes)
    assert reported == sorted(e.expected for e in EDITS[name])


@pytest.mark.parametrize("name", sorted(EDITS))
def test_each_edit_alone_is_reported_alone(name, registry):
    for e in EDITS[name]:
        changes, old, new = _compare(data_of(name), edited(name, [e]), registry)
        assert [signature(c, old, new) for c in changes] == [e.expected], e.name


@pytest.mark.parametrize("name", sorted(EDITS))
def test_a_reorder_is_no_change(name, registry):
    changes, _, _ = _compare(data_of(name), reorder(data_of(name)), registry)
    assert changes == []


@pytest.mark.parametrize("name", sorted(EDITS))
def test_a_reorder_with_the_edits_reports_the_same_changes(name, registry):
    changes, old, new = _compare(data_of(name), reorder(edited(name, EDITS[name])), registry)
    assert sorted(signature(c, old, new) for c in changes) == sorted(e.expected for e in EDITS[name])


def test_the_reverse_amendment_reverses_the_types(registry):
    """Undoing an amendment reports the same items, added and removed swapped."""
    name = "amur"
    changes, old, new = _compare(edited(name, EDITS[name]), data_of(name), registry)
    swap = {"added": "removed", "removed": "added"}
    reported = sorted((swap.get(t, t), s, i) for t, s, i in (signature(c, old, new) for c in changes))
    assert reported == sorted(e.expected for e in EDITS[name])


def test_a_rewording_carries_its_words(registry):
    changes, _, _ = _compare(data_of("tyumen"), edited("tyumen", [EDITS["tyumen"][3]]), registry)
    (change,) = changes
    assert change.words is not None
    assert [t for op, t in change.words if op == "-"] == ["автономное"]
    assert [t for op, t in change.words if op == "+"] == ["бюджетное"]
    assert "".join(t for op, t in change.words if op != "-") == change.new


def test_details_say_what_changed_in_the_documents_words(registry):
    name = "megion"
    changes, old, new = _compare(data_of(name), edited(name, EDITS[name]), registry)
    by = {signature(c, old, new): c for c in changes}
    assert "муниципальный → региональный" in by[("moved", "subjects", "cro")].detail
    assert "3.2.3 → 3.2.4" in by[("renumbered", "subjects", "networking_sites")].detail
    replaced = by[("act_replaced", "legal_basis", "order_mp_r_174")]
    assert "Р-76" in replaced.old and "Р-174" in replaced.new
    assert replaced.match is not None and replaced.match.method == "text" and 0.6 <= replaced.match.confidence < 1
