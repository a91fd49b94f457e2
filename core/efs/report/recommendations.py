"""Recommendations derived from the configuration's links — never invented — ranked into actions.

Each recommendation follows a chain the configuration states:

* an indicator that is not met → the functions it measures (``indicators[].functions``) → the
  subjects that carry those functions (``subjects[].functions``) and the roadmap measures that serve
  the indicator or the functions (``roadmap[].indicators`` / ``roadmap[].functions``) and their
  responsible; without any such link there is no recommendation, only a note that the chain is missing.
  A federal indicator whose equivalent indicator of the Положение is itself not met gives no second
  recommendation: the Положение's own indicator carries it;
* a required function no subject of a level carries (finding EFS131) → fix the Положение: the subjects
  of that level that carry coordination, else the body that adopted the Положение;
* the other errors and warnings of the check → one recommendation to amend the Положение, addressed
  to the body that adopted it (``jurisdiction.adopted_by.issuer``);
* overdue roadmap measures → one recommendation per responsible, listing its measures;
* indicators without data → whoever the monitoring section names as responsible.

Every recommendation says who (the first name is the lead addressee), what, why, by when, and names
the report section its reason comes from. Deadlines are proposed by a fixed rule (see
:func:`deadline_for`), never read from thin air: an indicator is to reach its target by the end of the
next report year; everything else — fixing the Положение, finishing overdue measures, collecting
data — by the end of the quarter after the report date. The five with the highest priority are the
actions of the summary; a fix to the Положение is always among them when there is one.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from efs.report.text import LEVEL_LABELS, date_ru, with_unit

if TYPE_CHECKING:
    from efs.conformance.findings import Finding
    from efs.model import Configuration
    from efs.registry import Registry
    from efs.report.names import Namer

#: How many actions the summary shows.
ACTIONS = 5
#: Kinds of recommendation that change the Положение itself.
REGULATION_KINDS = ("function", "regulation")


def deadline_for(kind: str, *, year: int, as_of: dt.date) -> dt.date:
    """The proposed deadline: the end of the next report year for an indicator, else the next quarter's end."""
    if kind == "indicator":
        return dt.date(year + 1, 12, 31)
    quarter = (as_of.month - 1) // 3 + 1
    y, q = (as_of.year + 1, 1) if quarter == 4 else (as_of.year, quarter + 1)
    end_month = 3 * q
    nxt = dt.date(y + (end_month == 12), 1 if end_month == 12 else end_month + 1, 1)
    return nxt - dt.timedelta(days=1)


def _who(config: Configuration, ids: list[str]) -> list[dict[str, str]]:
    names = {a.id: a.short_name or a.name for a in config.actors}
    names.update({s.id: s.short_name or s.name for s in config.subjects})
    seen = dict.fromkeys(i for i in ids if i)
    return [{"id": i, "name": names.get(i, i)} for i in seen]


def _issuer(config: Configuration) -> list[dict[str, str]]:
    act = config.jurisdiction.adopted_by
    return [{"id": "", "name": act.issuer}] if act is not None and act.issuer else []


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _numbers(measures: list[Any], namer: Namer) -> str:
    numbered = [m.number.rstrip(".") for m in measures if m.number]
    unnumbered = [namer.measure(None, m.text) for m in measures if not m.number]
    text = ", ".join(numbered)
    if unnumbered:
        text = "; ".join([t for t in (text,) if t] + unnumbered)
    return text


def _lead_first(config: Configuration, who: list[dict[str, str]], preferred: list[str]) -> list[dict[str, str]]:
    """``who`` with the lead addressee first: a preferred id (a measure's responsible), else a coordinator
    of the jurisdiction's own level, else the order given."""
    level = config.jurisdiction.level.value
    coordinators = {s.id for s in config.subjects
                    if s.level is not None and s.level.value == level
                    and any("coordination" in f.ids() for f in s.functions)}
    own_level = {s.id for s in config.subjects if s.level is not None and s.level.value == level}

    def rank(w: dict[str, str]) -> tuple[int, int]:
        return (0 if w["id"] in preferred else 1 if w["id"] in coordinators else 2 if w["id"] in own_level else 3,
                who.index(w))

    return sorted(who, key=rank)


def derive(
    config: Configuration,
    registry: Registry,
    *,
    indicators: list[dict[str, Any]],
    findings: list[Finding],
    roadmap: list[dict[str, Any]],
    year: int | None = None,
    as_of: dt.date | None = None,
    namer: Namer | None = None,
) -> dict[str, Any]:
    """Recommendations, ranked, and the notes about unmet indicators the configuration links to nothing.

    Args:
        config: The configuration (its links are the only source of who and what).
        registry: The catalogue (function names).
        indicators: Items of the indicators section.
        findings: Conformance findings (suppressed ones are skipped).
        roadmap: Items of the roadmap section (statuses on the report date).
        year: Report year (default: the year of ``as_of``).
        as_of: Report date (default: today).
        namer: Human names (built when ``None``).

    Returns:
        ``{"items": [...], "unlinked": [...], "actions": [ids of the summary's five]}`` (``docs/report.md``).
    """
    from efs.report.names import Namer

    namer = namer or Namer(config, registry)
    as_of = as_of or dt.date.today()
    year = year or as_of.year
    fnames = {**{f.id: f.name for f in registry.functions.values()}, **{f.id: f.name for f in config.functions}}
    status = {m["id"]: m["status"] for m in roadmap}
    open_measures = [m for m in config.roadmap if status.get(m.id) not in ("done", "cancelled")]
    items: list[dict[str, Any]] = []
    unlinked: list[dict[str, str]] = []

    # 1. Indicators not met (a federal one whose own equivalent is not met either is covered by it).
    unmet = [i for i in indicators if i["status"] == "not_met"]
    covered = {e: i for i in unmet if not i["federal"] for e in i["equivalent"]}
    seen: set[str] = set()
    for ind in unmet:
        if ind["id"] in seen or (ind["federal"] and ind["id"] in covered):
            continue
        seen.add(ind["id"])
        fids = [f["id"] for f in ind["functions"]]
        carriers = [s.id for s in config.subjects if any(fid in fids for f in s.functions for fid in f.ids())]
        measures = [
            m
            for m in open_measures
            if any(link.id == ind["id"] for link in m.indicators) or any(link.id in fids for link in m.functions)
        ]
        responsible = [r.id for m in measures for r in m.responsible if r.id]
        who = _who(config, carriers + responsible)
        if not who:
            unlinked.append(
                {
                    "indicator": ind["id"],
                    "label": ind["label"],
                    "text": ind["text"],
                    "note": "показатель не достигнут, но положение не связывает его ни с функциями, которые "
                    "выполняют субъекты, ни с мероприятиями дорожной карты: исполнителя вывести нельзя",
                }
            )
            continue
        failed = [t for t in ind["targets"] if t["met"] is False]
        goal = "; ".join(t["text"] for t in failed) or "цели"
        what = [f"Довести {ind['label']} до цели ({goal})"]
        if fids:
            what.append(f"усилить работу по функци{'и' if len(fids) == 1 else 'ям'} "
                        + ", ".join(f"«{fnames.get(f, f)}»" for f in fids))
        if measures:
            what.append("выполнить мероприятия дорожной карты " + _numbers(measures, namer))
        twins = [namer.indicator(e) for e in ind["equivalent"] if e in covered]
        gap = max((abs(t["value"] - (ind["value"] or 0)) / t["value"] for t in failed if t["value"]), default=0.0)
        items.append(
            {
                "kind": "indicator",
                "priority": 80 + min(19, round(20 * gap)),
                "who": _lead_first(config, who, responsible),
                "what": "; ".join(what),
                "why": f"{ind['label']} «{_short(ind['text'])}»"
                + (f" (он же {', '.join(twins)})" if twins else "")
                + f" не достигнут: {with_unit(ind['value'], ind['unit'])} при цели "
                + "; ".join(t["label"] for t in failed),
                "section": "indicators",
                "ref": ind["id"],
                "links": {
                    "functions": fids,
                    "subjects": carriers,
                    "measures": [m.id for m in measures],
                    "indicators": [ind["id"], *[e for e in ind["equivalent"] if e in covered]],
                },
            }
        )

    # 2. Required functions no subject of a level carries (EFS131): the Положение must assign them.
    active = [f for f in findings if not f.suppressed]
    for f in active:
        if f.code != "EFS131" or not f.item or ":" not in f.item:
            continue
        level, fid = f.item.split(":", 1)
        coordinators = [
            s.id
            for s in config.subjects
            if s.level is not None and s.level.value == level and any("coordination" in b.ids() for b in s.functions)
        ]
        measures = [m for m in open_measures if any(link.id == fid for link in m.functions)]
        who = _who(config, coordinators + [r.id for m in measures for r in m.responsible if r.id]) or _issuer(config)
        measured_by = list(dict.fromkeys(i["label"] for i in indicators if any(x["id"] == fid for x in i["functions"])))
        level_name = LEVEL_LABELS.get(level, level)
        task = f"Закрепить в Положении функцию «{fnames.get(fid, fid)}» за субъектом уровня «{level_name}»"
        if measures:
            task += "; выполнить мероприятия дорожной карты " + _numbers(measures, namer)
        why = (f"по концепции ЕФС функция «{fnames.get(fid, fid)}» обязательна на уровне «{level_name}», "
               "а Положение не закрепляет её ни за одним субъектом этого уровня")
        if measured_by:
            why += "; функцию измеряют " + ", ".join(measured_by)
        items.append(
            {
                "kind": "function",
                "priority": 75,
                "who": who,
                "what": task,
                "why": why,
                "section": "findings",
                "ref": f"{level}:{fid}",
                "rule": f.code,
                "links": {
                    "functions": [fid],
                    "subjects": coordinators,
                    "measures": [m.id for m in measures],
                    "indicators": [i["id"] for i in indicators if any(x["id"] == fid for x in i["functions"])],
                },
            }
        )

    # 3. The other errors and warnings: amend the Положение (one recommendation, to whoever adopted it).
    rest = [f for f in active if f.code != "EFS131" and f.severity.value in ("error", "warning")]
    if rest:
        titles: dict[str, int] = {}
        for f in rest:
            rule = registry.rules.get(f.code)
            titles[rule.title if rule is not None else f.code] = titles.get(rule.title if rule else f.code, 0) + 1
        from efs.report.words import count

        errors = sum(1 for f in rest if f.severity.value == "error")
        listed = "; ".join(f"{t} ({n})" if n > 1 else t for t, n in sorted(titles.items(), key=lambda x: -x[1]))
        items.append(
            {
                "kind": "regulation",
                "priority": 90 if errors else 70,
                "who": _issuer(config) or _who(config, [r.id for r in (config.monitoring.responsible
                                                                          if config.monitoring else []) if r.id]),
                "what": f"Внести изменения в Положение: устранить {count(len(rest), 'замечание проверки')} "
                f"на соответствие концепции ЕФС (приложение «Замечания проверки положения»)",
                "why": "замечания проверки: " + listed,
                "section": "findings",
                "ref": ",".join(sorted({f.code for f in rest})),
                "links": {"functions": [], "subjects": [], "measures": [],
                          "indicators": [], "findings": sorted({f.code for f in rest})},
            }
        )

    # 4. Overdue measures, one recommendation per responsible.
    by_id = {m.id: m for m in config.roadmap}
    groups: dict[str, dict[str, Any]] = {}
    for row in roadmap:
        if row["status"] != "overdue":
            continue
        m = by_id[row["id"]]
        who = _who(config, [r.id for r in m.responsible if r.id])
        who += [{"id": "", "name": r["name"]} for r in row["responsible"] if not r["id"]]
        if not who:
            continue
        key = who[0]["id"] or who[0]["name"]
        group = groups.setdefault(key, {"who": [], "measures": [], "rows": []})
        group["who"] += [w for w in who if w not in group["who"]]
        group["measures"].append(m)
        group["rows"].append(row)
    for key, group in groups.items():
        measures, rows = group["measures"], group["rows"]
        from efs.report.words import count

        served = list(dict.fromkeys(namer.indicator(i) for r in rows for i in r["indicators"]))
        why = (f"срок {'истёк' if len(rows) == 1 else 'истёк у каждого'}, исполнение на дату отчёта не отмечено: "
               + "; ".join(f"{namer.measure(m.number, m.text)} — «{r['deadline']}»" for m, r in zip(measures, rows,
                                                                                                   strict=True)))
        if served:
            why += "; мероприятия служат показателям: " + ", ".join(served)
        items.append(
            {
                "kind": "roadmap",
                "priority": 60 + min(14, len(measures)),
                "who": group["who"],
                "what": f"Завершить {count(len(measures), 'просроченное мероприятие')} дорожной карты: "
                + _numbers(measures, namer),
                "why": why,
                "section": "roadmap",
                "ref": key,
                "links": {"functions": list(dict.fromkeys(f for r in rows for f in r["functions"])), "subjects": [],
                          "measures": [m.id for m in measures],
                          "indicators": list(dict.fromkeys(i for r in rows for i in r["indicators"]))},
            }
        )

    # 5. Indicators without data: whoever runs the monitoring.
    missing = list(dict.fromkeys(i["id"] for i in indicators if i["status"] == "no_data"))
    monitors = [r.id for r in (config.monitoring.responsible if config.monitoring else []) if r.id]
    if missing and monitors:
        labels = list(dict.fromkeys(i["label"] for i in indicators if i["status"] == "no_data"))
        items.append(
            {
                "kind": "data",
                "priority": 50,
                "who": _who(config, monitors),
                "what": "Собрать в ходе мониторинга данные для показателей: " + ", ".join(labels),
                "why": "за год отчёта по этим показателям в хранилище нет данных",
                "section": "indicators",
                "ref": ",".join(missing),
                "links": {"functions": [], "subjects": monitors, "measures": [], "indicators": missing},
            }
        )

    items.sort(key=lambda r: -r["priority"])  # stable: equal priorities keep the order above
    for n, item in enumerate(items, 1):
        item["id"] = f"R{n}"
        item["lead"] = item["who"][0]["name"] if item["who"] else "исполнитель не назван"
        due = deadline_for(item["kind"], year=year, as_of=as_of)
        item["deadline"] = due.isoformat()
        item["deadline_text"] = f"до {date_ru(due)}"
    actions = items[:ACTIONS]
    fix = next((r for r in items if r["kind"] in REGULATION_KINDS), None)
    if fix is not None and fix not in actions:
        actions = [*actions[: ACTIONS - 1], fix]
    return {"items": items, "unlinked": unlinked, "actions": [a["id"] for a in actions]}
