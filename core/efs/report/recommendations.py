"""Recommendations derived from the configuration's links — never invented.

Each recommendation follows a chain the configuration states:

* an indicator that is not met → the functions it measures (``indicators[].functions``) → the
  subjects that carry those functions (``subjects[].functions``) and the roadmap measures that serve
  the indicator or the functions (``roadmap[].indicators`` / ``roadmap[].functions``) and their
  responsible; without any such link there is no recommendation, only a note that the chain is missing;
* a required function no subject of a level carries (finding EFS131) → the subjects of that level
  that carry the coordination function, and the measures that serve the function;
* an overdue roadmap measure → its responsible;
* indicators without data → whoever the monitoring section names as responsible.

Every recommendation says who, what and why, and names the report section its reason comes from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from efs.report.text import LEVEL_LABELS, with_unit

if TYPE_CHECKING:
    from efs.conformance.findings import Finding
    from efs.model import Configuration


def _who(config: Configuration, ids: list[str]) -> list[dict[str, str]]:
    names = {a.id: a.short_name or a.name for a in config.actors}
    names.update({s.id: s.short_name or s.name for s in config.subjects})
    seen = dict.fromkeys(i for i in ids if i)
    return [{"id": i, "name": names.get(i, i)} for i in seen]


def _measure_label(m: Any) -> str:
    return f"{m.number or m.id} «{_short(m.text)}»"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def derive(
    config: Configuration,
    registry: Any,
    *,
    indicators: list[dict[str, Any]],
    findings: list[Finding],
    roadmap: list[dict[str, Any]],
) -> dict[str, Any]:
    """Recommendations and the notes about unmet indicators the configuration links to nothing.

    Args:
        config: The configuration (its links are the only source of who and what).
        registry: The catalogue (function names).
        indicators: Items of the indicators section.
        findings: Conformance findings (EFS131 gives uncovered functions; suppressed ones are skipped).
        roadmap: Items of the roadmap section (statuses on the report date).

    Returns:
        ``{"items": [...], "unlinked": [...]}`` (see ``docs/report.md``).
    """
    fnames = {**{f.id: f.name for f in registry.functions.values()}, **{f.id: f.name for f in config.functions}}
    status = {m["id"]: m["status"] for m in roadmap}
    open_measures = [m for m in config.roadmap if status.get(m.id) not in ("done", "cancelled")]
    items: list[dict[str, Any]] = []
    unlinked: list[dict[str, str]] = []

    # 1. Indicators not met.
    seen: set[str] = set()
    for ind in indicators:
        if ind["status"] != "not_met" or ind["id"] in seen:
            continue
        seen.add(ind["id"])
        fids = [f["id"] for f in ind["functions"]]
        carriers = [s.id for s in config.subjects if any(fid in fids for f in s.functions for fid in f.ids())]
        measures = [
            m
            for m in open_measures
            if any(link.id == ind["id"] for link in m.indicators) or any(link.id in fids for link in m.functions)
        ]
        who = _who(config, carriers + [r.id for m in measures for r in m.responsible if r.id])
        if not who:
            unlinked.append(
                {
                    "indicator": ind["id"],
                    "text": ind["text"],
                    "note": "показатель не достигнут, но положение не связывает его ни с функциями, которые "
                    "выполняют субъекты, ни с мероприятиями дорожной карты: исполнителя вывести нельзя",
                }
            )
            continue
        what = []
        if fids:
            what.append("усилить работу по функциям: " + "; ".join(f"«{fnames.get(f, f)}»" for f in fids))
        if measures:
            what.append("выполнить мероприятия дорожной карты: " + "; ".join(_measure_label(m) for m in measures))
        failed = [t["label"] for t in ind["targets"] if t["met"] is False]
        items.append(
            {
                "kind": "indicator",
                "who": who,
                "what": _cap("; ".join(what)),
                "why": f"показатель {ind['number'] or ind['id']} «{_short(ind['text'])}» не достигнут: "
                f"{with_unit(ind['value'], ind['unit'])} при цели {'; '.join(failed)}",
                "section": "indicators",
                "ref": ind["id"],
                "links": {
                    "functions": fids,
                    "subjects": carriers,
                    "measures": [m.id for m in measures],
                    "indicators": [ind["id"]],
                },
            }
        )

    # 2. Required functions no subject of a level carries (EFS131).
    for f in findings:
        if f.code != "EFS131" or f.suppressed or not f.item or ":" not in f.item:
            continue
        level, fid = f.item.split(":", 1)
        coordinators = [
            s.id
            for s in config.subjects
            if s.level is not None and s.level.value == level and any("coordination" in b.ids() for b in s.functions)
        ]
        measures = [m for m in open_measures if any(link.id == fid for link in m.functions)]
        who = _who(config, coordinators + [r.id for m in measures for r in m.responsible if r.id])
        measured_by = [i["id"] for i in indicators if any(x["id"] == fid for x in i["functions"])]
        task = f"закрепить функцию «{fnames.get(fid, fid)}» за субъектом уровня «{LEVEL_LABELS.get(level, level)}»"
        if measures:
            task += "; выполнить мероприятия дорожной карты: " + "; ".join(_measure_label(m) for m in measures)
        why = f"находка {f.code}: {f.message}"
        if measured_by:
            why += "; функцию измеряют показатели: " + ", ".join(dict.fromkeys(measured_by))
        items.append(
            {
                "kind": "function",
                "who": who,
                "what": _cap(task) + ("" if who else " (исполнителя положение не называет: решает орган, "
                                              "утвердивший положение)"),
                "why": why,
                "section": "findings",
                "ref": f"{level}:{fid}",
                "links": {
                    "functions": [fid],
                    "subjects": coordinators,
                    "measures": [m.id for m in measures],
                    "indicators": list(dict.fromkeys(measured_by)),
                },
            }
        )

    # 3. Overdue measures.
    by_id = {m.id: m for m in config.roadmap}
    for row in roadmap:
        if row["status"] != "overdue":
            continue
        m = by_id[row["id"]]
        who = _who(config, [r.id for r in m.responsible if r.id])
        names = [r["name"] for r in row["responsible"] if not r["id"]]
        who += [{"id": "", "name": n} for n in names]
        if not who:
            continue
        why = f"срок «{row['deadline']}» истёк, исполнение на дату отчёта не отмечено"
        if row["indicators"]:
            why += "; мероприятие служит показателям: " + ", ".join(row["indicators"])
        items.append(
            {
                "kind": "roadmap",
                "who": who,
                "what": f"Завершить мероприятие {_measure_label(m)}",
                "why": why,
                "section": "roadmap",
                "ref": m.id,
                "links": {"functions": row["functions"], "subjects": [], "measures": [m.id],
                          "indicators": row["indicators"]},
            }
        )

    # 4. Indicators without data: whoever runs the monitoring.
    missing = list(dict.fromkeys(i["id"] for i in indicators if i["status"] == "no_data"))
    monitors = [r.id for r in (config.monitoring.responsible if config.monitoring else []) if r.id]
    if missing and monitors:
        items.append(
            {
                "kind": "data",
                "who": _who(config, monitors),
                "what": "Собрать в ходе мониторинга данные для показателей: " + ", ".join(missing),
                "why": "за год отчёта по этим показателям в хранилище нет данных",
                "section": "indicators",
                "ref": ",".join(missing),
                "links": {"functions": [], "subjects": monitors, "measures": [], "indicators": missing},
            }
        )
    for n, item in enumerate(items, 1):
        item["id"] = f"R{n}"
    return {"items": items, "unlinked": unlinked}
