"""Inline SVG written directly in Python: the bar charts of the indicators and the structure diagram.

No chart library and no system binary: the markup is a few hundred bytes per chart, works offline,
prints crisply and needs no script. Every piece of text goes through :func:`efs.report.text.esc`.
"""

from __future__ import annotations

import textwrap
from typing import Any

from efs.report.text import esc, num

_ORIGIN_COLOURS = {"jurisdiction": "#1b5e20", "federal": "#b71c1c", "roadmap": "#6a1b9a"}
_STATUS_COLOURS = {"met": "#4c9a52", "not_met": "#d0584f", "no_target": "#7d8fa3", "no_data": "#c9ced6",
                   "suppressed": "#c9ced6"}


def bar_chart(history: list[dict[str, Any]], unit: str, targets: list[dict[str, Any]], title: str) -> str:
    """Values over the years as bars, the applicable targets as dashed lines; ``""`` when nothing to draw."""
    values = [h["value"] for h in history if h["value"] is not None]
    if not values:
        return ""
    width, height, left, bottom, top = 360, 150, 44, 22, 14
    lines = [t for t in targets if t.get("value") is not None]
    peak = max([*values, *(t["value"] for t in lines)]) or 1.0
    peak *= 1.15
    plot_w, plot_h = width - left - 8, height - top - bottom
    step = plot_w / max(len(history), 1)
    bar = min(46.0, step * 0.6)

    def y(v: float) -> float:
        return top + plot_h - plot_h * v / peak

    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{esc(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{esc(title)}</title>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 8}" y2="{top + plot_h}" stroke="#888"/>',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" class="ax">{esc(num(peak / 1.15))}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" class="ax">0</text>',
    ]
    for i, h in enumerate(history):
        cx = left + step * i + step / 2
        out.append(f'<text x="{cx:.1f}" y="{height - 6}" text-anchor="middle" class="ax">{h["year"]}</text>')
        if h["value"] is None:
            out.append(f'<text x="{cx:.1f}" y="{top + plot_h - 4}" text-anchor="middle" class="ax">н/д</text>')
            continue
        top_y = y(h["value"])
        colour = _STATUS_COLOURS.get(h["status"], "#7d8fa3")
        out.append(
            f'<rect x="{cx - bar / 2:.1f}" y="{top_y:.1f}" width="{bar:.1f}" height="{top + plot_h - top_y:.1f}" '
            f'fill="{colour}"><title>{h["year"]}: {esc(num(h["value"]))} {esc(unit)}</title></rect>'
        )
        out.append(f'<text x="{cx:.1f}" y="{top_y - 3:.1f}" text-anchor="middle" class="val">'
                   f'{esc(num(h["value"]))}</text>')
    for t in lines:
        ty = y(t["value"])
        colour = _ORIGIN_COLOURS.get(t["origin"], "#333")
        out.append(
            f'<line x1="{left}" y1="{ty:.1f}" x2="{width - 8}" y2="{ty:.1f}" stroke="{colour}" '
            f'stroke-dasharray="5 3"><title>{esc(t["label"])}</title></line>'
        )
        out.append(f'<text x="{width - 10}" y="{ty - 2:.1f}" text-anchor="end" class="tg" fill="{colour}">'
                   f'{esc(t["origin_label"])}: {esc(num(t["value"]))}</text>')
    out.append("</svg>")
    return "".join(out)


# -- the structure diagram --------------------------------------------------------------------------

_BOX_W, _BOX_H, _GAP, _BAND_LABEL, _WIDTH = 172, 62, 14, 136, 1120
_LINK_STYLE = {
    "host": ("#6b7785", "4 3"),
    "part_of": ("#d08a00", "2 2"),
    "agreement:tripartite": ("#b5532b", ""),
    "agreement:cooperation": ("#1f77b4", ""),
    "agreement:network": ("#6a3d9a", ""),
    "agreement:other": ("#555", ""),
}


def _wrap(text: str, width: int, lines: int) -> list[str]:
    parts = textwrap.wrap(text, width=width, break_long_words=True) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1].rstrip() + "…"
    return parts


def link_style(link: dict[str, Any]) -> tuple[str, str]:
    """Colour and dash pattern of a link (used by the diagram and its legend)."""
    key = link["kind"] if link["kind"] != "agreement" else f"agreement:{link.get('agreement_kind', 'other')}"
    return _LINK_STYLE.get(key, ("#555", ""))


def structure_diagram(structure: dict[str, Any]) -> str:
    """Levels as horizontal bands, subjects as boxes, host/branch and agreement links as lines."""
    per_row = max(1, (_WIDTH - _BAND_LABEL - _GAP) // (_BOX_W + _GAP))
    pos: dict[str, tuple[float, float]] = {}
    bands = []
    y = 10.0
    for level in structure["levels"]:
        members = [n for n in structure["nodes"] if n["level"] == level["id"]]
        members.sort(key=lambda n: (n["actor"], 0 if not n["plugin_kind"] else 1))
        rows = (len(members) + per_row - 1) // per_row
        band_h = rows * (_BOX_H + _GAP) + _GAP + 6
        bands.append((level, y, band_h))
        for i, n in enumerate(members):
            col, row = i % per_row, i // per_row
            pos[n["id"]] = (_BAND_LABEL + _GAP + col * (_BOX_W + _GAP), y + _GAP + 3 + row * (_BOX_H + _GAP))
        y += band_h + 8
    height = int(y + 4)
    out = [
        f'<svg class="diagram" viewBox="0 0 {_WIDTH} {height}" width="100%" role="img" '
        f'aria-label="Структура системы" xmlns="http://www.w3.org/2000/svg">',
        "<title>Структура системы: уровни, субъекты, связи</title>",
    ]
    for i, (level, by, bh) in enumerate(bands):
        fill = "#f4f6f9" if i % 2 == 0 else "#eaeef3"
        out.append(f'<rect x="2" y="{by:.0f}" width="{_WIDTH - 4}" height="{bh:.0f}" rx="6" fill="{fill}"/>')
        for k, line in enumerate(_wrap(level["label"].capitalize() + " уровень"
                                       if level["id"] else level["label"].capitalize(), 17, 2)):
            out.append(f'<text x="12" y="{by + 24 + 15 * k:.0f}" class="band">{esc(line)}</text>')
    for n in structure["nodes"]:
        if n["id"] not in pos:
            continue
        x, y0 = pos[n["id"]]
        cls = "node actor" if n["actor"] else "node plugin" if n["plugin_kind"] else "node"
        if n["coordinator"]:
            cls += " coord"
        tip = f"{n['name']} — {n['kind_name']}" + (f" (вид плагина {n['plugin_kind']})" if n["plugin_kind"] else "")
        out.append(f'<g class="{cls}" data-id="{esc(n["id"])}" data-kind="{esc(n["kind"] or "")}">'
                   f"<title>{esc(tip)}</title>")
        out.append(f'<rect x="{x:.0f}" y="{y0:.0f}" width="{_BOX_W}" height="{_BOX_H}" rx="7"/>')
        for k, line in enumerate(_wrap(n["label"], 25, 2)):
            out.append(f'<text x="{x + 8:.0f}" y="{y0 + 17 + 14 * k:.0f}" class="nm">{esc(line)}</text>')
        kind_line = _wrap(n["kind_name"], 29, 1)[0]
        out.append(f'<text x="{x + 8:.0f}" y="{y0 + _BOX_H - 9:.0f}" class="kd">{esc(kind_line)}</text>')
        out.append("</g>")
    for link in structure["links"]:
        if link["from"] not in pos or link["to"] not in pos:
            continue
        (x1, y1), (x2, y2) = pos[link["from"]], pos[link["to"]]
        a = (x1 + _BOX_W / 2, y1 + (_BOX_H if y2 > y1 else 0 if y2 < y1 else _BOX_H / 2))
        b = (x2 + _BOX_W / 2, y2 + (0 if y2 > y1 else _BOX_H if y2 < y1 else _BOX_H / 2))
        colour, dash = link_style(link)
        bend = 34 if abs(y2 - y1) < 1 else 0
        if bend:  # same row: an arc over the boxes, from top edge to top edge
            a, b = (a[0], y1), (b[0], y2)
        mid_y = (a[1] + b[1]) / 2 - bend
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<path d="M{a[0]:.0f},{a[1]:.0f} C{a[0]:.0f},{mid_y:.0f} {b[0]:.0f},{mid_y:.0f} {b[0]:.0f},{b[1]:.0f}" '
            f'fill="none" stroke="{colour}" stroke-width="1.8"{dash_attr} opacity="0.75">'
            f"<title>{esc(link['label'])}</title></path>"
        )
    out.append("</svg>")
    return "".join(out)
