"""The report as one self-contained HTML file: inline styles and SVG, no script, no external fetch.

A Content-Security-Policy in the file itself forbids every fetch and every script, so even a
mistake in escaping could not make a browser run or load anything. Text from a configuration or
the store always goes through :func:`efs.report.text.esc`.
"""

from __future__ import annotations

from typing import Any

from efs.report.svg import bar_chart, link_style, structure_diagram
from efs.report.text import (
    AGREEMENT_LABELS,
    LEVEL_LABELS,
    SCOPE_LABELS,
    SECTION_TITLES,
    SYNTHETIC_BANNER,
    SYNTHETIC_NOTE,
    date_ru,
    esc,
    num,
    with_unit,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

CSS = """
:root{--ok:#2e7d32;--bad:#c62828;--mute:#6b7785;--line:#d5dbe3;--accent:#1f4e8c}
*{box-sizing:border-box}
body{font-family:"PT Sans","Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1d232b;margin:0;
 line-height:1.4;font-size:14px;background:#fff}
main{max-width:1140px;margin:0 auto;padding:12px 24px 40px}
h1{font-size:24px;margin:8px 0 4px;color:var(--accent)}h2{font-size:20px;margin:0 0 10px;color:var(--accent);
 border-bottom:2px solid var(--accent);padding-bottom:4px}h3{font-size:15px;margin:14px 0 6px}
.meta{color:var(--mute);margin:0 0 10px}
nav ol{display:flex;flex-wrap:wrap;gap:6px 16px;list-style:none;padding:0;margin:8px 0 16px}
nav a{color:var(--accent)}
section{margin:28px 0}
table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:13px}
th,td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
th{background:#eef2f7}td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
thead{display:table-header-group}tr{break-inside:avoid}
.tiles{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0 14px}
.tile{border:1px solid var(--line);border-radius:8px;padding:8px 12px;min-width:150px}
.tile b{display:block;font-size:22px}
.st{display:inline-block;padding:1px 7px;border-radius:10px;font-size:12px;white-space:nowrap;background:#e3e7ed}
.st-met,.st-done{background:#dcefdc;color:#1b5e20}.st-not_met,.st-overdue{background:#f9dcda;color:#8e1b13}
.st-due{background:#fff0c9;color:#6d4c00}.st-cancelled{background:#eee;color:#555}
.st-suppressed,.st-no_data{background:#eceff3;color:#5b6570}
.origin{font-size:12px;color:var(--mute)}
.ind{border:1px solid var(--line);border-radius:8px;padding:10px 14px;margin:12px 0;break-inside:avoid}
.ind .row{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.ind dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:0;min-width:300px;flex:1}
.ind dt{color:var(--mute)}.ind dd{margin:0}
.bar{display:inline-block;height:9px;background:#7aa6d6;vertical-align:middle;margin-right:6px}
.chart .ax,.chart .val,.chart .tg{font-size:10px;font-family:inherit}.chart .ax{fill:#555}.chart .val{fill:#222}
.diagram{border:1px solid var(--line);border-radius:8px;background:#fff}
.diagram .band{font-size:13px;font-weight:bold;fill:#37424f}
.diagram .node rect{fill:#e8f0fb;stroke:#2a6ebb;stroke-width:1.2}
.diagram .node.plugin rect{fill:#fff3dc;stroke:#d08a00;stroke-width:2}
.diagram .node.actor rect{fill:#fff;stroke:#8a96a3;stroke-dasharray:4 3}
.diagram .node.coord rect{stroke-width:3}
.diagram .nm{font-size:11.5px;fill:#14202c}.diagram .kd{font-size:10px;fill:#5b6570;font-style:italic}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:12px;margin:6px 0}
.sw{display:inline-block;width:26px;height:12px;vertical-align:middle;margin-right:4px;border:1px solid #999}
.ln{display:inline-block;width:26px;height:0;border-top:2px solid #555;vertical-align:middle;margin-right:4px}
.cov td,.cov th{text-align:center;padding:2px 3px}.cov td:first-child,.cov th:first-child{text-align:left}
.cov .gap{color:var(--bad)}
.rec{border-left:4px solid var(--accent);padding:6px 10px;margin:10px 0;background:#f7f9fc;break-inside:avoid}
.rec p{margin:2px 0}.note{color:var(--mute)}
.synthetic{background:#b71c1c;color:#fff;font-weight:bold;text-align:center;letter-spacing:2px;padding:4px;
 position:sticky;top:0;z-index:5}
@page{size:A4;margin:14mm 12mm}
@media print{
 body{font-size:11.5px}main{max-width:none;padding:0}nav{display:none}
 section{break-before:page;margin:0}section#summary{break-before:auto}
 h2,h3{break-after:avoid}.ind,.rec,figure,svg{break-inside:avoid}
 .synthetic{position:fixed;top:0;left:0;right:0}.synthetic+main{padding-top:24px}
 a{color:inherit;text-decoration:none}
}
"""


def _status(code: str, label: str) -> str:
    return f'<span class="st st-{esc(code)}">{esc(label)}</span>'


def _table(head: list[str], rows: list[list[str]], cls: str = "") -> str:
    """A table; cells are already-escaped HTML."""
    h = "".join(f"<th>{c}</th>" for c in head)
    body = "".join("<tr>" + "".join(rows_cell for rows_cell in r) + "</tr>" for r in rows)
    attr = f' class="{cls}"' if cls else ""
    return f"<table{attr}><thead><tr>{h}</tr></thead><tbody>{body}</tbody></table>"


def _td(text: Any, numeric: bool = False) -> str:
    return f'<td class="n">{text}</td>' if numeric else f"<td>{text}</td>"


def _section(sid: str, body: str) -> str:
    return f'<section id="{sid}"><h2>{esc(SECTION_TITLES[sid])}</h2>{body}</section>'


def _summary(r: dict[str, Any]) -> str:
    s = r["summary"]
    ind, fnd, rm = s["indicators"], s["findings"], s["roadmap"]
    tiles = [
        ("достигнуто", ind["met"]),
        ("не достигнуто", ind["not_met"]),
        ("без цели", ind["no_target"]),
        ("нет данных / скрыто", ind["no_data"] + ind["suppressed"]),
        ("ошибок в положении", fnd["error"]),
        ("непокрытых функций", s["uncovered_functions"]),
        ("мероприятий просрочено", rm["overdue"]),
        ("рекомендаций", s["recommendations"]),
    ]
    out = ['<div class="tiles">']
    out += [f'<div class="tile"><b>{n}</b>{esc(label)}</div>' for label, n in tiles]
    out.append("</div>")
    if s["notes"]:
        out.append("<ul>" + "".join(f"<li>{esc(n)}</li>" for n in s["notes"]) + "</ul>")
    rows = []
    for b in [*s["not_met"], *s["met"], *s["other"]]:
        anchor = _anchor(b["id"], b["sub_measure"])
        rows.append(
            [
                _td(esc(b["number"] or ("фед." if b["federal"] else ""))),
                _td(f'<a href="#{anchor}">{esc(b["text"])}</a>'),
                _td(esc(with_unit(b["value"], b["unit"])), True),
                _td(_status(b["status"], _label(b["status"]))),
                _td(f'<span class="origin">{esc(b["verdict_note"])}</span>'),
            ]
        )
    out.append(_table(["№", "Показатель", "Значение", "Статус", "Основание вердикта"], rows))
    out.append(
        f"<p>Находки проверки положения: ошибок {fnd['error']}, предупреждений {fnd['warning']}, "
        f"сведений {fnd['info']}, подавлено {fnd['suppressed']}. Дорожная карта на {esc(date_ru(r['as_of']))}: "
        f"выполнено {rm['done']}, в работе {rm['due']}, просрочено {rm['overdue']}.</p>"
    )
    return _section("summary", "".join(out))


def _label(status: str) -> str:
    from efs.report.text import STATUS_LABELS

    return STATUS_LABELS.get(status, status)


def _anchor(ind_id: str, sub: str | None) -> str:
    return f"ind-{ind_id}" + (f"-{sub}" if sub else "")


def _structure(r: dict[str, Any]) -> str:
    st = r["structure"]
    out = [structure_diagram(st), '<div class="legend">']
    out.append('<span><i class="sw" style="background:#e8f0fb;border-color:#2a6ebb"></i>субъект системы</span>')
    out.append('<span><i class="sw" style="background:#fff3dc;border-color:#d08a00"></i>'
               "вид субъекта, добавленный плагином юрисдикции</span>")
    out.append('<span><i class="sw" style="background:#fff;border-style:dashed"></i>орган вне системы</span>')
    out.append('<span><i class="sw" style="border-width:3px;border-color:#2a6ebb"></i>выполняет координацию</span>')
    kinds = {("host", None), ("part_of", None)} | {("agreement", k) for k in AGREEMENT_LABELS}
    for kind, sub in sorted(kinds, key=lambda k: (k[0], k[1] or "")):
        colour, dash = link_style({"kind": kind, "agreement_kind": sub})
        text = {"host": "структурное подразделение", "part_of": "филиал (часть)"}.get(kind) or AGREEMENT_LABELS[
            sub or "other"]
        style = f"border-top-color:{colour};border-top-style:{'dashed' if dash else 'solid'}"
        out.append(f'<span><i class="ln" style="{style}"></i>{esc(text)}</span>')
    out.append("</div>")
    if st["plugin_kinds"]:
        out.append("<p>Особые виды субъектов этой юрисдикции: " + "; ".join(
            f"«{esc(k['name'])}» ({esc(k['kind'])}, плагин {esc(k['plugin'])})" for k in st["plugin_kinds"]) + ".</p>")
    names = {n["id"]: n["label"] for n in st["nodes"]}
    rows = []
    for n in st["nodes"]:
        ties = [
            f"{esc(link['label'])} → {esc(names.get(link['to'], link['to']))}"
            for link in st["links"]
            if link["from"] == n["id"]
        ]
        rows.append(
            [
                _td(esc(LEVEL_LABELS.get(n["level"], n["level"]))),
                _td(esc(n["name"])),
                _td(esc(n["kind_name"]) + (f' <span class="origin">(плагин {esc(n["plugin_kind"])})</span>'
                                           if n["plugin_kind"] else "")),
                _td("<br>".join(ties)),
            ]
        )
    out.append("<h3>Субъекты и связи</h3>")
    out.append(_table(["Уровень", "Субъект", "Вид", "Связи"], rows))
    if st["unresolved_parties"]:
        out.append("<p class=\"note\">Стороны соглашений, не найденные среди субъектов и органов: " + "; ".join(
            f"{esc(u['party'])} ({esc(u['agreement'])})" for u in st["unresolved_parties"]) + ".</p>")
    return _section("structure", "".join(out))


def _coverage(r: dict[str, Any]) -> str:
    cov = r["coverage"]
    subjects = cov["subjects"]
    legend = "; ".join(f"{i + 1} — {esc(s['name'])}" for i, s in enumerate(subjects))
    head = ["Функция", *[f'<span title="{esc(s["name"])}">{i + 1}</span>' for i, s in enumerate(subjects)],
            "Обязательна на уровнях", "Не покрыта"]
    rows = []
    for row in cov["functions"]:
        name = esc(row["name"])
        cells = [_td(f'<b class="gap">! {name}</b>' if row["uncovered_at"] else name)]
        cells += [_td(str(row["cells"].get(s["id"], "")) or "·") for s in subjects]
        cells.append(_td(esc(", ".join(LEVEL_LABELS.get(lv, lv) for lv in row["required_at"]) or "—")))
        cells.append(_td(esc(", ".join(LEVEL_LABELS.get(lv, lv) for lv in row["uncovered_at"]))))
        rows.append(cells)
    table = _table(head, rows, "cov")
    gaps = sum(1 for row in cov["functions"] if row["uncovered_at"])
    body = (f"<p>Число в клетке — сколько пунктов положения закрепляют функцию за субъектом. Обязательных функций, "
            f"которые на уровне не выполняет никто: {gaps}.</p><p class=\"note\">Субъекты: {legend}.</p>{table}")
    return _section("coverage", body)


def _findings(r: dict[str, Any]) -> str:
    items = r["findings"]["items"]
    active = [f for f in items if not f["suppressed"]]
    suppressed = [f for f in items if f["suppressed"]]

    def where(f: dict[str, Any]) -> str:
        loc = ":".join(str(x) for x in (f["file"] and f["file"].rsplit("/", 1)[-1], f["line"], f["column"]) if x)
        return esc(loc or f["path"] or "")

    def src(f: dict[str, Any]) -> str:
        from efs.report.text import source_text

        return esc(source_text(f["source"]))

    rows = [[_td(_status({"error": "not_met", "warning": "due"}.get(f["severity"], "no_data"), f["severity_label"])),
             _td(esc(f["code"])), _td(esc(f["message"])), _td(where(f)), _td(src(f))] for f in active]
    out = [f"<p>Проверка положения на соответствие концепции на {esc(date_ru(r['as_of']))}: находок {len(active)}, "
           f"подавлено {len(suppressed)}.</p>"]
    out.append(_table(["Уровень", "Код", "Находка", "Место в конфигурации", "Источник в документе"], rows))
    if suppressed:
        out.append("<h3>Подавленные находки и причины</h3>")
        out.append(_table(["Код", "Находка", "Причина подавления"],
                          [[_td(esc(f["code"])), _td(esc(f["message"])), _td(esc(f["suppression_reason"]))]
                           for f in suppressed]))
    return _section("findings", "".join(out))


def _indicators(r: dict[str, Any]) -> str:
    sec = r["indicators"]
    scope = SCOPE_LABELS[sec["drilldown_scope"]]
    out = [f"<p>Год отчёта: {sec['year']}; годы данных в хранилище: {esc(', '.join(map(str, sec['history_years'])))}. "
           f"Результаты со знаменателем меньше {r['min_denominator']} скрыты, как в efs indicators.</p>"]
    for i in sec["items"]:
        title = f"{i['number']}. " if i["number"] else ""
        title += ("Федеральный показатель: " if i["federal"] else "") + i["text"]
        dl = [
            ("Значение", esc(with_unit(i["value"], i["unit"]))),
            ("Числитель / знаменатель", f"{esc(num(i['numerator']))} / {esc(num(i['denominator']))}"),
            ("Статус", _status(i["status"], i["status_label"])),
            ("Основание", esc(i["verdict_note"])),
        ]
        if i["targets"]:
            dl.append(("Цели", "<br>".join(
                f"{_status('met' if t['met'] else 'not_met' if t['met'] is False else 'no_data', t['origin_label'])} "
                f"{esc(t['label'])}" for t in i["targets"])))
        if i["equivalent"]:
            dl.append(("Равнозначен", esc(", ".join(i["equivalent"]))))
        if i["functions"]:
            dl.append(("Функции", esc("; ".join(f["name"] for f in i["functions"]))))
        if i["source"]:
            dl.append(("Источник", esc(i["source"])))
        if i["note"]:
            dl.append(("Примечание", esc(i["note"])))
        chart = bar_chart(i["history"], i["unit"], i["targets"], f"{i['id']}: значения по годам")
        rows = []
        top = max([d["value"] for d in i["drilldown"] if d["value"] is not None] or [0]) or 1
        for d in i["drilldown"]:
            width = 0 if d["value"] is None else max(1, round(90 * d["value"] / top))
            bar = f'<i class="bar" style="width:{width}px"></i>' if width else ""
            rows.append([_td(esc(d["scope_name"])), _td(esc(num(d["numerator"])), True),
                         _td(esc(num(d["denominator"])), True), _td(bar + esc(num(d["value"])), True),
                         _td(_status(d["status"], d["status_label"]))])
        drill = ""
        if rows:
            drill = (f"<details open><summary>Детализация {esc(scope)} ({len(rows)})</summary>"
                     + _table(["Территория", "Числитель", "Знаменатель", f"Значение, {esc(i['unit'])}", "Статус"],
                              rows) + "</details>")
        out.append(
            f'<article class="ind" id="{esc(_anchor(i["id"], i["sub_measure"]))}"><h3>{esc(title)}</h3>'
            f'<div class="row"><dl>{"".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in dl)}</dl>'
            f"{chart}</div>{drill}</article>"
        )
    return _section("indicators", "".join(out))


def _roadmap(r: dict[str, Any]) -> str:
    rm = r["roadmap"]
    c = rm["counts"]
    out = [f"<p>Состояние на {esc(date_ru(rm['as_of']))} по отметкам хранилища: выполнено {c['done']}, "
           f"в работе (срок не истёк) {c['due']}, просрочено {c['overdue']}, отменено {c['cancelled']}, "
           f"без срока {c['no_deadline']}.</p>"]
    if not rm["items"]:
        out.append('<p class="note">Дорожной карты в положении нет.</p>')
    rows = []
    for m in rm["items"]:
        mark = esc(m["store_status_label"])
        if m["store_as_of"]:
            mark += f" на {esc(date_ru(m['store_as_of']))}"
        if m["evidence"]:
            mark += f"<br><span class=\"origin\">{esc(m['evidence'])}</span>"
        rows.append([_td(esc(m["number"] or "—")), _td(esc(m["text"])),
                     _td(esc("; ".join(p["name"] for p in m["responsible"]))),
                     _td(esc(m["deadline"] or "—")), _td(_status(m["status"], m["status_label"])), _td(mark)])
    if rows:
        out.append(_table(["№", "Мероприятие", "Ответственные", "Срок", "Состояние", "Отметка"], rows))
    return _section("roadmap", "".join(out))


def _recommendations(r: dict[str, Any]) -> str:
    rec = r["recommendations"]
    out = ["<p>Рекомендации выведены только из связей положения: показатель → его функции → субъекты, которые их "
           "выполняют, и мероприятия дорожной карты, которые служат показателю или функции.</p>"]
    if not rec["items"]:
        out.append('<p class="note">Оснований для рекомендаций нет.</p>')
    for item in rec["items"]:
        who = "; ".join(w["name"] for w in item["who"]) or "—"
        out.append(
            f'<div class="rec" id="rec-{esc(item["id"])}"><p><b>{esc(item["id"])}. Кому:</b> {esc(who)}</p>'
            f"<p><b>Что:</b> {esc(item['what'])}</p><p><b>Почему:</b> {esc(item['why'])} "
            f'(раздел <a href="#{esc(item["section"])}">«{esc(SECTION_TITLES[item["section"]])}»</a>)</p></div>'
        )
    if rec["unlinked"]:
        out.append("<h3>Не достигнуто, но связей нет</h3><ul>" + "".join(
            f"<li>{esc(u['indicator'])}: {esc(u['note'])}</li>" for u in rec["unlinked"]) + "</ul>")
    return _section("recommendations", "".join(out))


def render_html(report: dict[str, Any]) -> str:
    """The whole report as one HTML document (UTF-8 text)."""
    j = report["jurisdiction"]
    title = f"Аналитическая справка: {j['name']}, {report['year']} год"
    nav = "".join(f'<li><a href="#{s["id"]}">{esc(s["title"])}</a></li>' for s in report["sections"])
    banner = f'<div class="synthetic" role="note">{esc(SYNTHETIC_BANNER)}</div>' if report["synthetic"] else ""
    warn = f'<p class="meta"><b>{esc(SYNTHETIC_NOTE)}</b></p>' if report["synthetic"] else ""
    system = f"{j['system_name']}. " if j.get("system_name") else ""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="ru"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>",
        banner,
        "<main>",
        f"<header><h1>{esc(title)}</h1>",
        f'<p class="meta">{esc(system)}Документ: {esc(j["document"])}. Состояние на {esc(date_ru(report["as_of"]))}. '
        f"Подготовлено efs {esc(report['efs_version'])}.</p>{warn}</header>",
        f'<nav aria-label="Разделы"><ol>{nav}</ol></nav>',
        _summary(report),
        _structure(report),
        _coverage(report),
        _findings(report),
        _indicators(report),
        _roadmap(report),
        _recommendations(report),
        "</main></body></html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"
