"""Inline SVG for the HTML report: the layout is computed here, the markup written by ``templates/_svg.html.j2``.

No chart library and no system binary: the markup is a few hundred bytes per chart, works offline,
prints crisply and needs no script. The functions below return plain geometry (numbers and the
texts to show); the template, with autoescaping, is the only place where SVG is written.
"""

from __future__ import annotations

import textwrap
from typing import Any

from efs.report.text import num

_STATUS_COLOURS = {"met": "#4c9a52", "not_met": "#d0584f", "no_target": "#7d8fa3", "no_data": "#c9ced6",
                   "suppressed": "#c9ced6"}


def bullet_layout(value: float | None, target: dict[str, Any] | None, unit: str, status: str,
                  history: list[dict[str, Any]], width: int = 220) -> dict[str, Any] | None:
    """Value against target on one scale: a bar for the value (coloured by its verdict), a tick for the
    target, hollow dots for the earlier years. ``None`` when there is no value to draw.

    A share is drawn on 0–100 % (a reader compares shares with the whole); any other unit on 0 to a
    little above the largest of value, target and earlier values.
    """
    if value is None:
        return None
    earlier = [h for h in history[:-1] if h["value"] is not None]  # the last one is the report year
    points = [value, *(h["value"] for h in earlier)]
    goal = target["value"] if target and target.get("value") is not None else None
    top = max([*points, *([goal] if goal is not None else [])]) or 1.0
    scale = 100.0 if unit.strip() == "%" and top <= 100 else top * 1.1
    left, right, height = 4, width - 4, 26
    span = right - left

    def x(v: float) -> float:
        return round(left + span * max(0.0, min(v, scale)) / scale, 1)

    return {
        "width": width, "height": height, "left": left, "right": right, "value_x": x(value),
        "colour": _STATUS_COLOURS.get(status, "#7d8fa3"), "value": num(value), "unit": unit.strip(),
        "target_x": x(goal) if goal is not None else None, "target": target["text"] if target else "",
        "earlier": [{"x": x(h["value"]), "year": h["year"], "value": num(h["value"])} for h in earlier],
        "scale": num(scale),
    }


def bullet(value: float | None, target: dict[str, Any] | None, unit: str, status: str,
           history: list[dict[str, Any]], width: int = 220) -> str:
    """The value-against-target view as SVG markup (``""`` when there is no value)."""
    from efs.report.templating import render_macro

    layout = bullet_layout(value, target, unit, status, history, width)
    return render_macro("_svg.html.j2", "bullet", layout) if layout else ""


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


def diagram_layout(structure: dict[str, Any]) -> dict[str, Any]:
    """Levels as horizontal bands, subjects as boxes, host/branch and agreement links as curves."""
    per_row = max(1, (_WIDTH - _BAND_LABEL - _GAP) // (_BOX_W + _GAP))
    pos: dict[str, tuple[float, float]] = {}
    bands = []
    y = 10.0
    for i, level in enumerate(structure["levels"]):
        members = [n for n in structure["nodes"] if n["level"] == level["id"]]
        members.sort(key=lambda n: (n["actor"], 0 if not n["plugin_kind"] else 1))
        rows = (len(members) + per_row - 1) // per_row
        band_h = rows * (_BOX_H + _GAP) + _GAP + 6
        label = level["label"].capitalize() + " уровень" if level["id"] else level["label"].capitalize()
        bands.append({"y": round(y), "height": round(band_h), "fill": "#f4f6f9" if i % 2 == 0 else "#eaeef3",
                      "lines": [{"y": round(y + 24 + 15 * k), "text": t} for k, t in enumerate(_wrap(label, 17, 2))]})
        for k, n in enumerate(members):
            col, row = k % per_row, k // per_row
            pos[n["id"]] = (_BAND_LABEL + _GAP + col * (_BOX_W + _GAP), y + _GAP + 3 + row * (_BOX_H + _GAP))
        y += band_h + 8
    nodes = []
    for n in structure["nodes"]:
        if n["id"] not in pos:
            continue
        x, y0 = pos[n["id"]]
        cls = "node actor" if n["actor"] else "node plugin" if n["plugin_kind"] else "node"
        if n["coordinator"]:
            cls += " coord"
        tip = f"{n['name']} — {n['kind_name']}" + (f" (вид плагина {n['plugin_kind']})" if n["plugin_kind"] else "")
        nodes.append({
            "id": n["id"], "kind": n["kind"] or "", "cls": cls, "tip": tip, "x": round(x), "y": round(y0),
            "lines": [{"y": round(y0 + 17 + 14 * k), "text": t} for k, t in enumerate(_wrap(n["label"], 25, 2))],
            "kind_y": round(y0 + _BOX_H - 9), "kind_line": _wrap(n["kind_name"], 29, 1)[0],
        })
    paths = []
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
        d = f"M{a[0]:.0f},{a[1]:.0f} C{a[0]:.0f},{mid_y:.0f} {b[0]:.0f},{mid_y:.0f} {b[0]:.0f},{b[1]:.0f}"
        paths.append({"d": d, "colour": colour, "dash": dash, "label": link["label"]})
    return {"width": _WIDTH, "height": int(y + 4), "box_w": _BOX_W, "box_h": _BOX_H, "bands": bands,
            "nodes": nodes, "paths": paths}


def structure_diagram(structure: dict[str, Any]) -> str:
    """The structure diagram as SVG markup."""
    from efs.report.templating import render_macro

    return render_macro("_svg.html.j2", "diagram", diagram_layout(structure))
