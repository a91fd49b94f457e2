"""The comparison for a terminal (``efs diff``'s default) and as Markdown: sections, changes, impact.

A rewording is shown word by word: ``[-struck out-]{+inserted+}`` in the terminal (as ``git diff
--word-diff`` does), ``~~struck out~~ **inserted**`` in Markdown. Every text of the configurations
passes :func:`efs.report.text.md` in Markdown; the terminal output is cleaned by the CLI.
"""

from __future__ import annotations

from typing import Any

from efs.diff.model import CHANGE_LABELS
from efs.report.text import LEVEL_LABELS, SYNTHETIC_NOTE, date_ru, md

_WIDE = 400


def _cut(text: str | None, limit: int = _WIDE) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def headline(data: dict[str, Any]) -> str:
    """«Изменений: 6 (перенесено 2, …)» or «Изменений нет»."""
    counts = {k: v for k, v in data["counts"].items() if v}
    if not counts:
        return "Изменений нет: редакции совпадают по существу (порядок пунктов и строки источников не в счёт)."
    total = sum(counts.values())
    parts = ", ".join(f"{CHANGE_LABELS[k]} — {v}" for k, v in counts.items())
    from efs.report.words import count

    return f"{count(total, 'изменение').capitalize()}: {parts}."


def _words_plain(words: list[dict[str, str]]) -> str:
    """A word-level diff as plain text: ``[-struck out-]{+inserted+}`` (spaces outside the marks)."""
    out = []
    for w in words:
        text = " ".join(w["text"].split())
        if not text:  # a space kept or inserted reads as a space; a space struck out, as nothing
            out.append("" if w["op"] == "-" else " ")
            continue
        lead = " " if w["text"][:1].isspace() else ""
        tail = " " if w["text"][-1:].isspace() else ""
        out.append(lead + {"=": text, "-": f"[-{text}-]", "+": f"{{+{text}+}}"}[w["op"]] + tail)
    return "".join(out)


def _where(change: dict[str, Any]) -> str:
    parts = []
    if change["old_line"]:
        parts.append(f"было: строка {change['old_line']}")
    if change["new_line"]:
        parts.append(f"стало: строка {change['new_line']}")
    if change["match"] and change["match"]["method"] == "text":
        parts.append(f"сопоставлено {change['match']['label']}")
    return "; ".join(parts)


def render_text(data: dict[str, Any]) -> str:
    """The comparison as plain text (the JSON data of :meth:`Comparison.as_dict`)."""
    old, new = data["old"], data["new"]
    out = [f"Сравнение редакций: {old['name']} → {new['name']} (проверено на {date_ru(data['as_of'])})",
           headline(data)]
    for section in data["sections"]:
        out += ["", section["title"]]
        for c in section["changes"]:
            out.append(f"  • {c['type_label']}: {c['item']}")
            if c["words"] is not None and c["type"] in ("reworded", "act_amended"):
                out.append(f"      {c['detail']}")
                out.append(f"      {_cut(_words_plain(c['words']), 1200)}")
            else:
                if c["detail"]:
                    out.append(f"      {c['detail']}")
                if c["type"] == "added" and c["new"]:
                    out.append(f"      стало: {_cut(c['new'])}")
                elif c["type"] == "removed" and c["old"]:
                    out.append(f"      было: {_cut(c['old'])}")
            where = _where(c)
            if where:
                out.append(f"      ({where})")
            for note in c["impact"]:
                out.append(f"      → {note}")
    out += ["", *impact_lines(data["impact"])]
    if data["synthetic"]:
        out += ["", SYNTHETIC_NOTE]
    return "\n".join(out) + "\n"


def _counts(c: dict[str, int]) -> str:
    return f"ошибок {c['error']}, предупреждений {c['warning']}, сведений {c['info']}"


def impact_lines(impact: dict[str, Any]) -> list[str]:
    """The impact section as lines of plain text."""
    f = impact["findings"]
    out = ["Влияние изменений", f"  Находки проверки: было {_counts(f['before'])}; станет {_counts(f['after'])}."]
    for what, items in (("Появятся", f["appeared"]), ("Исчезнут", f["disappeared"])):
        if items:
            out.append(f"    {what} ({len(items)}):")
            out += [f"      {x['code']} {x['severity_label']}: {x['message']}" for x in items]
    ind = impact["indicators"]
    out.append(f"  Показатели: {ind['note']}" if not ind["computed"] else
               f"  Показатели за {ind['year']} год ({ind['note']})")
    if not ind["items"] and not ind["other_changes"]:
        out.append("    Ни формула, ни цели ни одного показателя не изменились.")
    for row in ind["items"]:
        out.append(f"    {row['number'] or row['id']}. {_cut(row['text'], 120)}")
        out += [f"      {x}" for x in row["changes"]]
        for v in row["values"]:
            part = f" [{v['sub_measure']}]" if v["sub_measure"] else ""
            out.append(f"      значение{part}: было {_value(v['old'])}; станет {_value(v['new'])}")
    for v in ind["other_changes"]:
        part = f" [{v['sub_measure']}]" if v["sub_measure"] else ""
        out.append(f"    {v['number'] or v['id']}{part}: было {_value(v['old'])}; станет {_value(v['new'])}")
    rec = impact["recommendations"]
    out.append(f"  Рекомендации: было {rec['before']}, станет {rec['after']}.")
    for what, items in (("Появятся", rec["gained"]), ("Исчезнут", rec["lost"])):
        if items:
            out.append(f"    {what} ({len(items)}):")
            out += [f"      {r['what']} (кому: {'; '.join(r['who']) or '—'})" for r in items]
    for what, items in (("Не достигнут, но исполнителя положение не называет", rec["unlinked_gained"]),
                        ("Перестанет быть «не достигнут без исполнителя»", rec["unlinked_lost"])):
        if items:
            out.append(f"    {what}:")
            out += [f"      {u['indicator']}: {u['text']}" for u in items]
    cov = impact["coverage"]
    out.append(f"  Покрытие функций: непокрытых обязательных функций на уровнях было {cov['uncovered_before']}, "
               f"станет {cov['uncovered_after']}.")
    for row in cov["functions"]:
        out.append(f"    «{row['name']}»: {coverage_text(row)}")
    return out


def coverage_text(row: dict[str, Any]) -> str:
    """What changed in one function's coverage, in one Russian sentence."""
    parts = []
    became = [lv for lv in row["uncovered_after"] if lv not in row["uncovered_before"]]
    fixed = [lv for lv in row["uncovered_before"] if lv not in row["uncovered_after"]]
    if became:
        parts.append("станет не покрыта на уровне " + ", ".join(LEVEL_LABELS.get(x, x) for x in became))
    if fixed:
        parts.append("станет покрыта на уровне " + ", ".join(LEVEL_LABELS.get(x, x) for x in fixed))
    parts.append(f"выполняют: {'; '.join(row['subjects_before']) or 'никто'} → "
                 f"{'; '.join(row['subjects_after']) or 'никто'}")
    return "; ".join(parts)


def _value(side: dict[str, Any] | None) -> str:
    from efs.diff.impact import values_text

    return values_text(side)


# ------------------------------------------------------------------------------------------- Markdown


def words_markdown(words: list[dict[str, str]]) -> str:
    """A word-level diff in Markdown: ``~~struck out~~`` and ``**inserted**``."""
    out = []
    for w in words:
        if w["text"].isspace():
            out.append(" ")
            continue
        text = md(w["text"])
        lead = " " if text[:1] == " " else ""
        tail = " " if text[-1:] == " " else ""
        body = text.strip()
        out.append({"=": text, "-": f"{lead}~~{body}~~{tail}", "+": f"{lead}**{body}**{tail}"}[w["op"]])
    return "".join(out)


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(c or " " for c in r) + " |" for r in rows]
    return [*out, ""]


def render_markdown(data: dict[str, Any]) -> str:
    """The comparison as Markdown: the сравнительная таблица by section, then the impact."""
    old, new = data["old"], data["new"]
    out = [f"# Сравнение редакций: {md(new['jurisdiction_name'])}", ""]
    if data["synthetic"]:
        out += [f"> **{md(SYNTHETIC_NOTE)}**", ""]
    out += [f"Было: {md(old['name'])}. Стало: {md(new['name'])}. Проверено на {date_ru(data['as_of'])}.", "",
            md(headline(data)), ""]
    for section in data["sections"]:
        out += [f"## {md(section['title'])}", ""]
        rows = []
        for c in section["changes"]:
            if c["words"] is not None and c["type"] in ("reworded", "act_amended"):
                after = words_markdown(c["words"])
            else:
                after = md(_cut(c["new"])) if c["new"] else "—"
            rows.append([md(c["item"]), md(_cut(c["old"])) if c["old"] else "—", after,
                         md(c["type_label"]) + (f": {md(c['detail'])}" if c["detail"] else ""),
                         "; ".join(md(x) for x in c["impact"]) or " "])
        out += _table(["Элемент", "Редакция до изменения", "Редакция после изменения", "Изменение", "Влияние"],
                      rows)
    out += ["## Влияние изменений"]
    for line in impact_lines(data["impact"])[1:]:
        indent = (len(line) - len(line.lstrip())) // 2
        out += ["", md(line.strip())] if indent <= 1 else [f"{'  ' * (indent - 2)}* {md(line.strip())}"]
    return "\n".join(out).rstrip() + "\n"
