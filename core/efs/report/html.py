"""The report as one self-contained HTML file: a Jinja2 template, inline styles and SVG, no script, no fetch.

Every value reaches the page through ``templates/report.html.j2`` rendered by the autoescaping
environment of :mod:`efs.report.templating`: names, ids, anchors and attribute values are escaped, and
ids built from configuration values are safe tokens. On top of that, a Content-Security-Policy in the
file itself forbids every fetch, every script, every form and any ``<base>``, and allows only the one
stylesheet of the page (by its hash): even a mistake in escaping could not make a browser run, load
or submit anything. A meta refresh cannot be forbidden by a policy; it is excluded by construction —
the only ``<meta>`` elements are the template's own, and no value can produce markup.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from efs.report.text import (
    AGREEMENT_LABELS,
    LEVEL_LABELS,
    SCOPE_LABELS,
    SECTION_TITLES,
    STATUS_LABELS,
    SYNTHETIC_BANNER,
    SYNTHETIC_NOTE,
)

CSS = """
:root{--ok:#2e7d32;--bad:#c62828;--mute:#6b7785;--line:#d5dbe3;--accent:#1f4e8c}
*{box-sizing:border-box}
body{font-family:"PT Sans","Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1d232b;margin:0;
 line-height:1.4;font-size:14px;background:#fff}
main{max-width:1140px;margin:0 auto;padding:12px 24px 40px}
h1{font-size:22px;margin:8px 0 4px;color:var(--accent)}h2{font-size:19px;margin:0 0 10px;color:var(--accent);
 border-bottom:2px solid var(--accent);padding-bottom:4px}h3{font-size:15px;margin:14px 0 6px}
.meta{color:var(--mute);margin:0 0 8px}
nav ol{display:flex;flex-wrap:wrap;gap:6px 16px;list-style:none;padding:0;margin:8px 0 16px}
nav a{color:var(--accent)}
section{margin:28px 0}
table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:13px}
th,td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
th{background:#eef2f7}td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
thead{display:table-header-group}tr{break-inside:avoid}
.tiles{display:flex;flex-wrap:wrap;gap:6px;margin:8px 0 10px}
.tile{border:1px solid var(--line);border-radius:8px;padding:4px 8px;min-width:0;flex:1 1 22%;font-size:12px;
 line-height:1.2}
.tile b{display:block;font-size:20px}
.tile.bad b{color:var(--bad)}.tile.ok b{color:var(--ok)}
.st{display:inline-block;padding:1px 7px;border-radius:10px;font-size:12px;white-space:nowrap;background:#e3e7ed}
.st-met,.st-done{background:#dcefdc;color:#1b5e20}.st-not_met,.st-overdue{background:#f9dcda;color:#8e1b13}
.st-due{background:#fff0c9;color:#6d4c00}.st-cancelled{background:#eee;color:#555}
.st-suppressed,.st-no_data{background:#eceff3;color:#5b6570}
.origin,.small{font-size:12px;color:var(--mute)}
.verdicts td{vertical-align:middle}.verdicts .ind-name{width:40%}.verdicts td.small{min-width:130px}
.actions td:first-child{font-weight:bold;text-align:center}
.ind{border:1px solid var(--line);border-radius:8px;padding:8px 12px;margin:10px 0;break-inside:avoid}
.ind .row{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.ind dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:0;min-width:300px;flex:1}
.ind dt{color:var(--mute)}.ind dd{margin:0}
.bar,.bullet,.sw{vertical-align:middle}.bar{margin-right:6px}.sw{margin-right:4px}
.diagram{border:1px solid var(--line);border-radius:8px;background:#fff}
.diagram .band{font-size:13px;font-weight:bold;fill:#37424f}
.diagram .node rect{fill:#e8f0fb;stroke:#2a6ebb;stroke-width:1.2}
.diagram .node.plugin rect{fill:#fff3dc;stroke:#d08a00;stroke-width:2}
.diagram .node.actor rect{fill:#fff;stroke:#8a96a3;stroke-dasharray:4 3}
.diagram .node.coord rect{stroke-width:3}
.diagram .nm{font-size:11.5px;fill:#14202c}.diagram .kd{font-size:10px;fill:#5b6570;font-style:italic}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:12px;margin:6px 0}
.cov td,.cov th{text-align:center;padding:2px 3px}.cov td:first-child,.cov th:first-child{text-align:left}
.cov .gap{color:var(--bad)}
.rec{border-left:4px solid var(--accent);padding:6px 10px;margin:8px 0;background:#f7f9fc;break-inside:avoid}
.rec p{margin:2px 0}.note{color:var(--mute)}
details>summary{cursor:pointer;color:var(--accent)}
.synthetic{background:#b71c1c;color:#fff;font-weight:bold;text-align:center;letter-spacing:2px;padding:4px;
 position:sticky;top:0;z-index:5}
@page{size:A4;margin:14mm 12mm 14mm;@bottom-right{content:counter(page) " / " counter(pages);font-size:9pt;
 color:#6b7785}}
@page wide{size:A4 landscape}
@media print{
 body{font-size:11px}main{max-width:none;padding:0}nav{display:none}
 h1{font-size:18px}h2{font-size:16px}table{font-size:10.5px}
 section{break-before:page;margin:0}section#summary{break-before:auto}
 section#structure,section#coverage{page:wide}
 h2,h3{break-after:avoid}.ind,.rec,figure,svg{break-inside:avoid}
 .synthetic{position:static}
 details:not([open])>*:not(summary){display:none}
 a{color:inherit;text-decoration:none}
}
"""

#: The printed pages of synthetic data carry the mark in the page margin, where it can cover nothing.
SYNTHETIC_CSS = ('@page{@top-center{content:"СИНТЕТИЧЕСКИЕ ДАННЫЕ — не реальные";color:#b71c1c;font-weight:bold;'
                 "font-size:9pt;letter-spacing:1px}}")


def csp(css: str) -> str:
    """The page's policy: nothing may be fetched, run, framed, submitted or re-based; the only style
    allowed is the page's own stylesheet ``css`` (by its hash: no ``style`` attribute, no injected ``<style>``).
    """
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none'; base-uri 'none'; "
            "form-action 'none'; frame-src 'none'; object-src 'none'")

_LABELS = {
    "STATUS_LABELS": STATUS_LABELS,
    "LEVEL_LABELS": LEVEL_LABELS,
    "SCOPE_LABELS": SCOPE_LABELS,
    "SYNTHETIC_BANNER": SYNTHETIC_BANNER,
    "SYNTHETIC_NOTE": SYNTHETIC_NOTE,
}


def _levels(values: list[str]) -> str:
    return ", ".join(LEVEL_LABELS.get(lv, lv) for lv in values)


def _legend() -> list[tuple[str, str, str]]:
    from efs.report.svg import link_style

    out = []
    kinds = {("host", None), ("part_of", None)} | {("agreement", k) for k in AGREEMENT_LABELS}
    for kind, sub in sorted(kinds, key=lambda k: (k[0], k[1] or "")):
        colour, dash = link_style({"kind": kind, "agreement_kind": sub})
        text = {"host": "структурное подразделение", "part_of": "филиал (часть)"}.get(kind) or AGREEMENT_LABELS[
            sub or "other"]
        out.append((colour, dash, text))
    return out


def render_html(report: dict[str, Any]) -> str:
    """The whole справка as one HTML document (UTF-8 text): the summary first, then the appendices."""
    from markupsafe import Markup

    from efs.report.svg import bullet, structure_diagram
    from efs.report.templating import render

    j = report["jurisdiction"]
    css = CSS + (SYNTHETIC_CSS if report["synthetic"] else "")
    # The SVG fragments are rendered by the same autoescaping environment (templates/_svg.html.j2).
    bullets = {(b["id"], b["sub_measure"]): Markup(bullet(b["value"], b["target"], b["unit"], b["status"],
                                                          b["history"], 150))
               for b in report["summary"]["verdicts"]}
    cards = {(i["id"], i["sub_measure"]): Markup(bullet(i["value"], i["target"], i["unit"], i["status"],
                                                        i["history"], 320))
             for i in report["indicators"]["items"]}
    appendix = {s["id"]: n for n, s in enumerate(report["sections"][1:], 1)}
    return render(
        "report.html.j2",
        r=report,
        title=f"Аналитическая справка: {j['name']}, {report['year']} год",
        csp=csp(css),
        css=Markup(css),
        labels=_LABELS,
        titles=SECTION_TITLES,
        appendix=appendix,
        diagram=Markup(structure_diagram(report["structure"])),
        legend=_legend(),
        node_names={n["id"]: n["label"] for n in report["structure"]["nodes"]},
        bullets=bullets,
        cards=cards,
        levels=_levels,
    )
