"""What an amendment does: the same checks, engine and recommendations run on both versions, compared.

* **findings** — ``efs validate`` on both at the same date; a finding is the same in both when its rule
  and the item it concerns agree (ids followed through renames), so a finding whose message only
  carries a new number is not reported as new;
* **indicators** — those whose formula or targets changed (or that were added or removed), and, given a
  store, their values and verdicts under both versions, computed by the report's indicator section
  (the same engine, suppression of small denominators and «нет данных» rules as ``efs report``);
* **recommendations** — derived by the report's rules from both versions; a recommendation is the same
  when its kind and what it is about agree;
* **coverage** — the function × subject matrix of both: functions that became covered or uncovered at
  a level, and the subjects that carry each changed function.

Each change of :mod:`efs.diff.changes` then receives, in ``impact``, what concerns it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, Any

from efs.diff.model import Change
from efs.report.text import LEVEL_LABELS, STATUS_LABELS, with_unit

if TYPE_CHECKING:
    from efs.conformance.findings import Finding
    from efs.data.store import Store
    from efs.diff.fields import Sides
    from efs.registry import Registry


def _rename_map(sides: Sides) -> dict[str, str]:
    return {old: new for (_, old), new in sides.renamed.items()}


def _finding_key(f: Finding, rename: dict[str, str]) -> tuple[str, str]:
    if f.item:
        head, _, tail = f.item.rpartition(":")
        item = f"{head}:{rename.get(tail, tail)}" if head else rename.get(f.item, f.item)
        return f.code, f"item:{item}"
    return f.code, f"message:{f.message}"


def _finding(f: Finding) -> dict[str, Any]:
    return {"code": f.code, "slug": f.slug, "severity": f.severity.value, "severity_label": f.severity.label,
            "message": f.message, "item": f.item, "line": f.location.line, "path": list(f.location.path)}


def findings_impact(old: list[Finding], new: list[Finding], sides: Sides) -> dict[str, Any]:
    """Findings that appear and disappear between the versions (suppressed ones aside)."""
    rename = _rename_map(sides)
    old_active = [f for f in old if not f.suppressed]
    new_active = [f for f in new if not f.suppressed]
    before = Counter(_finding_key(f, rename) for f in old_active)
    after = Counter(_finding_key(f, {}) for f in new_active)
    appeared, disappeared = [], []
    seen: Counter[tuple[str, str]] = Counter()
    for f in new_active:
        key = _finding_key(f, {})
        seen[key] += 1
        if seen[key] > before[key]:
            appeared.append(_finding(f))
    seen.clear()
    for f in old_active:
        key = _finding_key(f, rename)
        seen[key] += 1
        if seen[key] > after[key]:
            disappeared.append(_finding(f))

    def counts(items: list[Finding]) -> dict[str, int]:
        c = Counter(f.severity.value for f in items)
        return {s: c.get(s, 0) for s in ("error", "warning", "info")}

    return {"before": counts(old_active), "after": counts(new_active), "appeared": appeared,
            "disappeared": disappeared}


def _indicator_ids(changes: list[Change]) -> list[str]:
    out: dict[str, None] = {}
    for c in changes:
        if c.section == "indicators" or c.type in ("target_changed", "formula_changed"):
            for ref in c.refs:
                if ref.startswith("indicator:") and (c.section == "indicators" or c.type == "target_changed"):
                    out[ref.split(":", 1)[1]] = None
    return list(out)


def _targets_text(ind: Any) -> str:
    return "; ".join(t.as_written for t in ind.targets) or "—"


def indicators_impact(changes: list[Change], sides: Sides, values: dict[str, Any] | None) -> dict[str, Any]:
    """Indicators whose formula or targets changed, with their values and verdicts when computed.

    Args:
        changes: The typed changes.
        sides: The two versions.
        values: ``{"year", "old": [items], "new": [items], "note"}`` from the report's indicator section of
            each version, or ``None`` without a store.
    """
    rename = {old: new for (t, old), new in sides.renamed.items() if t == "indicator"}
    back = {new: old for old, new in rename.items()}
    old_defs = {i.id: i for i in sides.old.indicators}
    new_defs = {i.id: i for i in sides.new.indicators}
    ids = _indicator_ids(changes)
    rows: list[dict[str, Any]] = []
    old_items = _by_indicator(values["old"]) if values else {}
    new_items = _by_indicator(values["new"]) if values else {}
    listed: set[tuple[str, str | None]] = set()
    for new_id in dict.fromkeys(rename.get(i, i) for i in ids):
        old_id = back.get(new_id, new_id)
        a, b = old_defs.get(old_id), new_defs.get(new_id)
        what = []
        for c in changes:
            if f"indicator:{new_id}" in c.refs or f"indicator:{old_id}" in c.refs:
                what.append(c.label if not c.detail else f"{c.label}: {c.detail}")
        defined = b if b is not None else a
        row: dict[str, Any] = {
            "id": new_id,
            "old_id": old_id if a is not None else None,
            "number": defined.number if defined is not None else None,
            "text": defined.text if defined is not None else new_id,
            "changes": list(dict.fromkeys(what)),
            "old_targets": _targets_text(a) if a is not None else None,
            "new_targets": _targets_text(b) if b is not None else None,
            "old_formula": _formula(a),
            "new_formula": _formula(b),
            "values": [],
        }
        subs = sorted({s for (i, s) in [*old_items, *new_items] if i in (old_id, new_id)}, key=lambda s: s or "")
        for sub in subs:
            listed.add((new_id, sub))
            row["values"].append(_value_row(sub, old_items.get((old_id, sub)), new_items.get((new_id, sub))))
        rows.append(row)
    # Indicators whose value or verdict differs although nothing of theirs was reworded (a threshold of the
    # roadmap, an equivalence to a federal indicator, a federal indicator the configuration now covers).
    others = []
    if values:
        for key, item in new_items.items():
            if key in listed:
                continue
            old_key = (back.get(key[0], key[0]), key[1])
            before = old_items.get(old_key)
            if before is None or (before["value"], before["status"]) != (item["value"], item["status"]):
                others.append({"id": key[0], "number": item["number"], "text": item["text"],
                               **_value_row(key[1], before, item)})
    return {
        "computed": values is not None,
        "year": values["year"] if values else None,
        "note": values["note"] if values else "значения не вычислялись: хранилище не указано (--db)",
        "items": rows,
        "other_changes": others,
    }


def _formula(ind: Any) -> str | None:
    if ind is None:
        return None
    from efs.diff.fields import _formula_text

    return _formula_text(ind.formula)


def _by_indicator(items: list[dict[str, Any]]) -> dict[tuple[str, str | None], dict[str, Any]]:
    return {(i["id"], i["sub_measure"]): i for i in items}


def _side(item: dict[str, Any] | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {
        "value": item["value"],
        "numerator": item["numerator"],
        "denominator": item["denominator"],
        "unit": item["unit"],
        "status": item["status"],
        "status_label": item["status_label"],
        "verdict_note": item["verdict_note"],
        "targets": [{"label": t["label"], "origin_label": t["origin_label"], "met": t["met"]} for t in item["targets"]],
    }


def _value_row(sub: str | None, old: dict[str, Any] | None, new: dict[str, Any] | None) -> dict[str, Any]:
    a, b = _side(old), _side(new)
    return {"sub_measure": sub, "old": a, "new": b,
            "verdict_changed": (a or {}).get("status") != (b or {}).get("status")}


def values_text(side: dict[str, Any] | None) -> str:
    """«42,8 % — достигнуто» / «нет в версии»."""
    if side is None:
        return "нет в этой версии"
    return f"{with_unit(side['value'], side['unit'])} — {STATUS_LABELS.get(side['status'], side['status'])}"


def _rec_key(rec: dict[str, Any], rename: dict[str, str]) -> tuple[str, str]:
    if rec["kind"] == "regulation":  # the one «amend the Положение» of the remaining findings: compared there
        return rec["kind"], ""
    ref = rec["ref"]
    parts = []
    for part in ref.split(","):
        head, _, tail = part.rpartition(":")
        parts.append(f"{head}:{rename.get(tail, tail)}" if head else rename.get(part, part))
    return rec["kind"], ",".join(parts)


def _rec(rec: dict[str, Any]) -> dict[str, Any]:
    return {"kind": rec["kind"], "who": [w["name"] for w in rec["who"]], "what": rec["what"], "why": rec["why"],
            "ref": rec["ref"], "links": rec["links"]}


def recommendations_impact(old: dict[str, Any], new: dict[str, Any], sides: Sides) -> dict[str, Any]:
    """Recommendations the new version gains and the ones it loses; and the unmet indicators the
    configuration links to no one (no recommendation can name who), gained and lost."""
    rename = _rename_map(sides)
    before = {_rec_key(r, rename): r for r in old["items"]}
    after = {_rec_key(r, {}): r for r in new["items"]}
    unlinked_before = {rename.get(u["indicator"], u["indicator"]): u for u in old["unlinked"]}
    unlinked_after = {u["indicator"]: u for u in new["unlinked"]}
    return {
        "before": len(old["items"]),
        "after": len(new["items"]),
        "gained": [_rec(r) for k, r in after.items() if k not in before],
        "lost": [_rec(r) for k, r in before.items() if k not in after],
        "unlinked_gained": [u for k, u in unlinked_after.items() if k not in unlinked_before],
        "unlinked_lost": [u for k, u in unlinked_before.items() if k not in unlinked_after],
    }


def coverage_impact(old: dict[str, Any], new: dict[str, Any], sides: Sides) -> dict[str, Any]:
    """Functions whose coverage changed: uncovered levels and carrying subjects, before and after."""
    party = sides.party
    old_rows = {r["id"]: r for r in old["functions"]}
    new_rows = {r["id"]: r for r in new["functions"]}
    old_names = {s["id"]: s["name"] for s in old["subjects"]}
    new_names = {s["id"]: s["name"] for s in new["subjects"]}
    rows = []
    for fid in dict.fromkeys([*old_rows, *new_rows]):
        a, b = old_rows.get(fid), new_rows.get(fid)
        carriers_a = {party(s) or s for s in (a or {}).get("cells", {})}
        carriers_b = set((b or {}).get("cells", {}))
        unc_a = (a or {}).get("uncovered_at", [])
        unc_b = (b or {}).get("uncovered_at", [])
        if carriers_a == carriers_b and unc_a == unc_b:
            continue
        back = {party(s) or s: s for s in (a or {}).get("cells", {})}
        rows.append({
            "id": fid,
            "name": (b or a or {}).get("name", fid),
            "required_at": (b or a or {}).get("required_at", []),
            "uncovered_before": unc_a,
            "uncovered_after": unc_b,
            "subjects_before": [old_names.get(back.get(s, s), s) for s in sorted(carriers_a)],
            "subjects_after": [new_names.get(s, s) for s in sorted(carriers_b)],
        })
    count = lambda m: sum(len(r["uncovered_at"]) for r in m["functions"])  # noqa: E731
    return {"uncovered_before": count(old), "uncovered_after": count(new), "functions": rows}


def attach(changes: list[Change], impact: dict[str, Any]) -> None:
    """Write into each change's ``impact`` what of the impact concerns it.

    A finding concerns a change when it points inside what changed (its path lies under the changed
    item or attribute), or — for a change that can alter what the system does (not a renumbering or a
    rewording) — when it is about an item the change refers to (the subject, the function, the indicator,
    the measure). Indicator values, coverage and recommendations follow the second rule.
    """
    for change in changes:
        refs = set(change.refs) | {f"id:{i}" for i in (change.old_id, change.new_id) if i}
        ids = {r.split(":", 1)[1] for r in refs}
        notes: list[str] = []
        for what, side, found in (("появится", "new", impact["findings"]["appeared"]),
                                  ("исчезнет", "old", impact["findings"]["disappeared"])):
            where = change.path(side)
            for f in found:
                inside = where is not None and tuple(f["path"][: len(where)]) == where and len(f["path"]) > 0
                if inside or (change.structural and _concerns(f["item"], ids)):
                    notes.append(f"{what} находка {f['code']}: {f['message']}")
        if change.structural:
            notes += _structural_notes(change, refs, impact)
        change.impact = list(dict.fromkeys(notes))


def _structural_notes(change: Change, refs: set[str], impact: dict[str, Any]) -> list[str]:
    notes = []
    for row in impact["indicators"]["items"]:
        if f"indicator:{row['id']}" in refs or (row["old_id"] and f"indicator:{row['old_id']}" in refs):
            for v in row["values"]:
                part = f" ({v['sub_measure']})" if v["sub_measure"] else ""
                notes.append(f"показатель {row['number'] or row['id']}{part}: было {values_text(v['old'])}, "
                             f"станет {values_text(v['new'])}")
    for row in impact["coverage"]["functions"]:
        if f"function:{row['id']}" not in refs:
            continue
        for lv in row["uncovered_after"]:
            if lv not in row["uncovered_before"]:
                notes.append(f"функцию «{row['name']}» на уровне «{LEVEL_LABELS.get(lv, lv)}» не будет "
                             "выполнять ни один субъект")
        for lv in row["uncovered_before"]:
            if lv not in row["uncovered_after"]:
                notes.append(f"функция «{row['name']}» на уровне «{LEVEL_LABELS.get(lv, lv)}» станет покрыта")
    for what, recs in (("появится", impact["recommendations"]["gained"]),
                       ("исчезнет", impact["recommendations"]["lost"])):
        for rec in recs:
            linked = {f"{k[:-1]}:{v}" for k, vs in rec["links"].items() for v in vs}
            if linked & refs:
                notes.append(f"{what} рекомендация: {rec['what']}")
    return notes


def _concerns(item: str | None, ids: set[str]) -> bool:
    if not item:
        return False
    return item in ids or item.rpartition(":")[2] in ids


def default_as_of() -> dt.date:
    """The date both versions are checked on: today."""
    return dt.date.today()


def store_values(
    old_config: Any, new_config: Any, store: Store, *, year: int | None, registry: Registry, min_denominator: int,
) -> dict[str, Any]:
    """The report's indicator section of both versions for ``year`` (default: the latest year with data)."""
    from efs.indicators.years import data_years
    from efs.report.indicators import indicator_section

    stored = data_years(store, new_config.jurisdiction.id)
    if year is None:
        if not stored:
            from efs.errors import InputError

            raise InputError(
                f"в хранилище {store.url} нет данных юрисдикции {new_config.jurisdiction.id}: загрузите их "
                f"(efs data import) или укажите --year"
            )
        year = stored[-1]

    def section(config: Any) -> dict[str, Any]:
        return indicator_section(config, store, registry, year=year, min_denominator=min_denominator)

    old, new = section(old_config), section(new_config)
    return {"year": year, "old": old["items"], "new": new["items"], "note": new["data_note"],
            "sections": (old, new)}
