"""The справка as Markdown for wikis (GitHub/GitLab flavoured tables); every text goes through :func:`md`.

Same order as the HTML: the summary (actions, value against target), then the appendices.
"""

from __future__ import annotations

from typing import Any

from efs.report.text import (
    LEVEL_LABELS,
    SCOPE_LABELS,
    SECTION_TITLES,
    STATUS_LABELS,
    SYNTHETIC_NOTE,
    date_ru,
    md,
    num,
    with_unit,
)


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    """Cells must already be escaped with :func:`md`."""
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(c or " " for c in r) + " |" for r in rows]
    return [*out, ""]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def render_markdown(report: dict[str, Any]) -> str:
    """The whole справка as one Markdown document."""
    j = report["jurisdiction"]
    syn = report["synthetic"]
    banner = [f"> **{md(SYNTHETIC_NOTE)}**", ""] if syn else []
    appendix = {s["id"]: n for n, s in enumerate(report["sections"][1:], 1)}

    def title(sid: str) -> str:
        return (f"Приложение {appendix[sid]}. " if sid in appendix else "") + SECTION_TITLES[sid]

    out = [f"# Аналитическая справка: {md(j['name'])}, {report['year']} год", "", *banner,
           f"Положение: {md(j.get('document_title') or j['document'])}. Состояние на {date_ru(report['as_of'])}. "
           f"Подготовлено efs {md(report['efs_version'])}.", ""]

    def head(sid: str) -> None:
        out.extend([f"## {title(sid)}", "", *banner])

    s = report["summary"]
    head("summary")
    out.append("; ".join(md(t["label"]) for t in s["tiles"]) + ".")
    out.append("")
    out += ["### Главные действия", ""]
    if s["actions"]:
        out += _table(["№", "Что сделать", "Кому", "Срок"],
                      [[str(n), md(a["what"]), md("; ".join(w["name"] for w in a["who"]) or "—"),
                        md(a["deadline_text"])] for n, a in enumerate(s["actions"], 1)])
    else:
        out += ["Оснований для действий нет.", ""]
    judged = [b for b in s["verdicts"] if b["target"]]
    out += ["### Показатели: значение и цель", ""]
    if judged:
        out += _table(["Показатель", "Значение", "Цель", "Вердикт"],
                      [[md(f"{_cap(b['label'])}: {b['text']}"), md(with_unit(b["value"], b["unit"])),
                        md(b["target"]["text"]), md(b["status_label"])] for b in judged])
    by_status: dict[str, list[dict[str, Any]]] = {}
    for b in s["verdicts"]:
        if not b["target"]:
            by_status.setdefault(b["status"], []).append(b)
    for code, group in by_status.items():
        out.append(f"* {md(_cap(STATUS_LABELS.get(code, code)))}: " + "; ".join(
            md(b["label"] + (f" ({with_unit(b['value'], b['unit'])})" if b["value"] is not None else ""))
            for b in group) + ".")
    fnd, rm = s["findings"], s["roadmap"]
    out += [f"* Проверка Положения: ошибок — {fnd['error']}, предупреждений — {fnd['warning']}, сведений — "
            f"{fnd['info']}. Дорожная карта на {date_ru(report['as_of'])}: выполнено — {rm['done']}, "
            f"в работе — {rm['due']}, просрочено — {rm['overdue']}.", ""]
    out += [f"* {md(n)}" for n in s["notes"]] + ([""] if s["notes"] else [])

    rec = report["recommendations"]
    head("recommendations")
    for n, item in enumerate(rec["items"], 1):
        who = "; ".join(w["name"] for w in item["who"]) or "—"
        out += [f"{n}. **{md(item['what'])}**  ", f"   Кому: {md(who)}. Срок: {md(item['deadline_text'])}.  ",
                f"   Почему: {md(item['why'])} ({md(title(item['section']))}).", ""]
    for u in rec["unlinked"]:
        out.append(f"* {md(_cap(u.get('label') or u['indicator']))}: {md(u['note'])}")
    if rec["unlinked"]:
        out.append("")

    sec = report["indicators"]
    head("indicators")
    out += [md(sec["data_note"]), ""]
    for i in sec["items"]:
        out += [f"### {md(_cap(i['label']))}. {md(i['text'])}", ""]
        part = f" ({md(num(i['numerator']))} из {md(num(i['denominator']))})" if i["numerator"] is not None else ""
        out.append(f"Значение: **{md(with_unit(i['value'], i['unit']))}**{part}; вердикт: {md(i['status_label'])} — "
                   f"{md(i['verdict_note'])}.")
        out.append("")
        out += [f"* цель: {md(t['label'])} — "
                f"{'достигнута' if t['met'] else 'не достигнута' if t['met'] is False else 'нет данных'}"
                for t in i["targets"]]
        out += [f"* не проверена цель: {md(t['label'])} — {md(t['reason'])}" for t in i["targets_not_checked"]]
        past = [h for h in i["history"] if h["value"] is not None]
        if len(past) > 1:
            out.append("* по годам: " + "; ".join(f"{h['year']} — {md(num(h['value']))}" for h in past))
        if i["source"]:
            out.append(f"* источник: {md(i['source'])}")
        out.append("")
        if i["drilldown"]:
            out += [f"<details><summary>Детализация {SCOPE_LABELS[sec['drilldown_scope']]} "
                    f"({len(i['drilldown'])})</summary>", ""]
            out += _table(["Территория", "Числитель", "Знаменатель", "Значение", "Вердикт"],
                          [[md(d["scope_name"]), md(num(d["numerator"])), md(num(d["denominator"])),
                            md(num(d["value"])), md(d["status_label"])] for d in i["drilldown"]])
            out += ["</details>", ""]

    aside = report["set_aside"]
    head("set_aside")
    out += [md(aside["note"]), ""]
    if aside["items"]:
        out += _table(["Год", "Территория", "Показатель", "Почему не использован"],
                      [[str(x["year"]), md(f"{_cap(x['scope_label'])} {x['scope_name']}"),
                        md(_cap(x["label"]) + (f", часть «{x['sub_measure']}»" if x["sub_measure"] else "")),
                        md(x["reason_text"])] for x in aside["items"]])

    head("findings")
    items = [f for f in report["findings"]["items"] if not f["suppressed"]]
    problems = [f for f in items if f["severity"] != "info"]
    notices = [f for f in items if f["severity"] == "info"]
    if problems:
        out += _table(["Уровень", "Замечание", "Где в Положении"],
                      [[md(f["severity_label"]), md(f"{f['rule_title']}. {f['text']}"), md(f["where"])]
                       for f in problems])
    else:
        out += ["Ошибок и предупреждений нет.", ""]
    if notices:
        out += [f"<details><summary>Сведения ({len(notices)}) — справочные отметки проверки</summary>", ""]
        groups: dict[str, list[dict[str, Any]]] = {}
        for f in notices:
            groups.setdefault(f["rule_title"], []).append(f)
        for rule, group in groups.items():
            out += [f"**{md(rule)}** ({len(group)})", ""]
            out += [f"* {md(f['text'])}" + (f" — {md(f['where'])}" if f["where"] else "") for f in group]
            out.append("")
        out += ["</details>", ""]

    rmap = report["roadmap"]
    head("roadmap")
    c = rmap["counts"]
    out.append(f"На {date_ru(rmap['as_of'])}: выполнено — {c['done']}, в работе — {c['due']}, просрочено — "
               f"{c['overdue']}, отменено — {c['cancelled']}, без срока — {c['no_deadline']}.")
    out.append("")
    if rmap["items"]:
        out += _table(["№", "Мероприятие", "Ответственные", "Срок", "Состояние"],
                      [[md(m["number"] or ""), md(m["text"]), md("; ".join(p["name"] for p in m["responsible"])),
                        md(m["deadline"] or "—"), md(m["status_label"])] for m in rmap["items"]])

    st = report["structure"]
    head("structure")
    names = {n["id"]: n["label"] for n in st["nodes"]}
    for level in st["levels"]:
        out.append(f"### {md(level['label'].capitalize())}" + (" уровень" if level["id"] else ""))
        out.append("")
        for n in (n for n in st["nodes"] if n["level"] == level["id"]):
            actor = " (орган вне системы)" if n["actor"] else ""
            out.append(f"* **{md(n['label'])}**{actor}: {md(n['kind_name'])}")
            out += [f"  * {md(link['label'])} → {md(names.get(link['to'], link['to']))}"
                    for link in st["links"] if link["from"] == n["id"]]
        out.append("")

    cov = report["coverage"]
    head("coverage")
    subjects = cov["subjects"]
    out.append("Субъекты: " + "; ".join(f"{i + 1} — {md(x['name'])}" for i, x in enumerate(subjects)) + ".")
    out.append("")
    out += _table(
        ["Функция", *[str(i + 1) for i in range(len(subjects))], "Не покрыта на уровнях"],
        [[("**!** " if r["uncovered_at"] else "") + md(r["name"]),
          *[str(r["cells"].get(x["id"], "")) or "·" for x in subjects],
          md(", ".join(LEVEL_LABELS.get(lv, lv) for lv in r["uncovered_at"]))] for r in cov["functions"]],
    )
    return "\n".join(out).rstrip() + "\n"
