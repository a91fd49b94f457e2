"""The report as Markdown for wikis (GitHub/GitLab flavoured tables); every text goes through :func:`md`."""

from __future__ import annotations

from typing import Any

from efs.report.text import (
    LEVEL_LABELS,
    SCOPE_LABELS,
    SECTION_TITLES,
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


def render_markdown(report: dict[str, Any]) -> str:
    """The whole report as one Markdown document."""
    j = report["jurisdiction"]
    syn = report["synthetic"]
    banner = [f"> **{md(SYNTHETIC_NOTE)}**", ""] if syn else []
    out = [f"# Аналитическая справка: {md(j['name'])}, {report['year']} год", "", *banner,
           f"Документ: {md(j['document'])}. Состояние на {date_ru(report['as_of'])}. "
           f"Подготовлено efs {md(report['efs_version'])}.", ""]

    def head(sid: str) -> None:
        out.extend([f"## {SECTION_TITLES[sid]}", "", *banner])

    s = report["summary"]
    head("summary")
    ind = s["indicators"]
    out.append(f"Показатели: достигнуто {ind['met']}, не достигнуто {ind['not_met']}, без цели {ind['no_target']}, "
               f"нет данных {ind['no_data']}, скрыто {ind['suppressed']}. Непокрытых обязательных функций: "
               f"{s['uncovered_functions']}. Рекомендаций: {s['recommendations']}.")
    out.append("")
    out += [f"* {md(n)}" for n in s["notes"]] + ([""] if s["notes"] else [])
    out += _table(
        ["№", "Показатель", "Значение", "Статус", "Основание вердикта"],
        [[md(b["number"] or ""), md(b["text"]), md(with_unit(b["value"], b["unit"])), md(_status(b["status"])),
          md(b["verdict_note"])] for b in [*s["not_met"], *s["met"], *s["other"]]],
    )

    st = report["structure"]
    head("structure")
    names = {n["id"]: n["label"] for n in st["nodes"]}
    for level in st["levels"]:
        out.append(f"### {md(level['label'].capitalize())}" + (" уровень" if level["id"] else ""))
        out.append("")
        for n in (n for n in st["nodes"] if n["level"] == level["id"]):
            mark = f" — вид плагина {md(n['plugin_kind'])}" if n["plugin_kind"] else ""
            actor = " (орган вне системы)" if n["actor"] else ""
            out.append(f"* **{md(n['label'])}**{actor}: {md(n['kind_name'])}{mark}")
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

    head("findings")
    items = report["findings"]["items"]
    out += _table(
        ["Уровень", "Код", "Находка", "Строка", "Подавлена"],
        [[md(f["severity_label"]), md(f["code"]), md(f["message"]), md(f["line"] or ""),
          md(f"да: {f['suppression_reason']}" if f["suppressed"] else "")] for f in items],
    )

    sec = report["indicators"]
    head("indicators")
    out += [md(sec["data_note"]), ""]
    for i in sec["items"]:
        title = (f"{i['number']}. " if i["number"] else "") + ("Федеральный: " if i["federal"] else "") + i["text"]
        out += [f"### {md(title)}", ""]
        out.append(f"Значение: **{md(with_unit(i['value'], i['unit']))}** "
                   f"({md(num(i['numerator']))} / {md(num(i['denominator']))}); статус: {md(i['status_label'])}; "
                   f"основание: {md(i['verdict_note'])}.")
        out.append("")
        out += [f"* {md(t['origin_label'])}: {md(t['label'])} — "
                f"{'выполнена' if t['met'] else 'не выполнена' if t['met'] is False else 'нет данных'}"
                for t in i["targets"]]
        out += [f"* не проверена — {md(t['origin_label'])}: {md(t['label'])}: {md(t['reason'])}"
                for t in i["targets_not_checked"]]
        if i["history"]:
            out.append("* по годам: " + "; ".join(f"{h['year']} — {md(num(h['value']))}" for h in i["history"]))
        out.append("")
        if i["drilldown"]:
            out.append(f"Детализация {SCOPE_LABELS[sec['drilldown_scope']]}:")
            out.append("")
            out += _table(["Территория", "Числитель", "Знаменатель", "Значение", "Статус"],
                          [[md(d["scope_name"]), md(num(d["numerator"])), md(num(d["denominator"])),
                            md(num(d["value"])), md(d["status_label"])] for d in i["drilldown"]])

    rm = report["roadmap"]
    head("roadmap")
    c = rm["counts"]
    out.append(f"На {date_ru(rm['as_of'])}: выполнено {c['done']}, в работе {c['due']}, просрочено {c['overdue']}, "
               f"отменено {c['cancelled']}, без срока {c['no_deadline']}.")
    out.append("")
    if rm["items"]:
        out += _table(["№", "Мероприятие", "Ответственные", "Срок", "Состояние"],
                      [[md(m["number"] or ""), md(m["text"]), md("; ".join(p["name"] for p in m["responsible"])),
                        md(m["deadline"] or "—"), md(m["status_label"])] for m in rm["items"]])

    rec = report["recommendations"]
    head("recommendations")
    for item in rec["items"]:
        who = "; ".join(w["name"] for w in item["who"]) or "—"
        out += [f"{md(item['id'])}. **Кому:** {md(who)}  ", f"   **Что:** {md(item['what'])}  ",
                f"   **Почему:** {md(item['why'])} (раздел «{SECTION_TITLES[item['section']]}»)", ""]
    for u in rec["unlinked"]:
        out.append(f"* {md(u['indicator'])}: {md(u['note'])}")
    return "\n".join(out).rstrip() + "\n"


def _status(status: str) -> str:
    from efs.report.text import STATUS_LABELS

    return STATUS_LABELS.get(status, status)
