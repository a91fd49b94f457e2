"""The passport as Markdown: every table a pipe table, every value escaped (:func:`efs.report.text.md`)."""

from __future__ import annotations

from typing import Any

from efs.passport.text import HIDDEN
from efs.report.text import SYNTHETIC_NOTE, md, num


def cell(value: Any, kind: str, hidden: bool) -> str:
    """One cell as text: numbers in Russian style, «скрыто» for a hidden number, «—» for none."""
    if hidden and kind in ("int", "percent", "number"):
        return HIDDEN
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "да" if value else "нет"
    if kind == "year" and isinstance(value, int):
        return str(value)
    if isinstance(value, int | float):
        return num(value)
    return md(value)


def title(p: dict[str, Any]) -> str:
    """The passport's title."""
    j = p["jurisdiction"]
    if p["municipality"]:
        name = p["municipality"]["name"]
        return f"Сведения муниципалитета «{name}» для паспорта системы: {j['name']}, {p['year']} год"
    if p["part"]:
        return f"Сведения муниципальной системы для паспорта региональной системы: {j['name']}, {p['year']} год"
    return f"Паспорт региональной системы научно-методического сопровождения: {j['name']}, {p['year']} год"


def render_table(t: dict[str, Any]) -> list[str]:
    """A table as Markdown lines."""
    kinds = [c["kind"] for c in t["columns"]]
    out = [f"### {md(t['title'])}", ""]
    if not t["rows"]:
        out += [md(t["note"] or "Нет строк."), ""]
        return out
    out.append("| " + " | ".join(md(c["title"]) for c in t["columns"]) + " |")
    out.append("|" + "|".join("---:" if k in ("int", "percent", "number") else "---" for k in kinds) + "|")
    for row in t["rows"]:
        cells = [cell(v, k, row["hidden"]) for v, k in zip(row["cells"], kinds, strict=True)]
        if row["total"]:
            cells = [f"**{c}**" for c in cells]
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    if t["note"]:
        out += [f"_{md(t['note'])}_", ""]
    return out


def render_markdown(p: dict[str, Any]) -> str:
    """The whole passport as one Markdown document."""
    j = p["jurisdiction"]
    lines = [f"# {md(title(p))}", ""]
    if p["synthetic"]:
        lines += [f"**{SYNTHETIC_NOTE}**", ""]
    meta = [f"Положение: {md(j['document_title'])}.", f"Получатель: {md(p['recipient'])}."]
    lines += [" ".join(meta), f"Подготовлено efs {md(p['efs_version'])}.", ""]
    for s in p["sections"]:
        lines += [f"## {md(s['title'])}", "", f"Источник: {md(s['from'])}.", ""]
        if s["notes"]:
            lines += [*(f"- {md(n)}" for n in s["notes"]), ""]
        for t in s["tables"]:
            lines += render_table(t)
    return "\n".join(lines).rstrip("\n") + "\n"
