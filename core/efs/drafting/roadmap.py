"""Roadmap tables → measures: number, text, responsible, co-executors, deadline, result.

A Word table is read through its grid (a group cell merged down over its measures belongs to each of
them; a direction merged across the row names the measures below it). A text export has lost the table:
its rows are lines, a row broken over a page continues on lines whose first cells are empty; a measure
starts on a line whose text cell opens with a measure number («1.1.1.») or on a line that fills the
responsible column.
"""

from __future__ import annotations

import re
from typing import Any

from efs.documents.model import Document, Table
from efs.drafting.outline import clean

#: Column headers → fields, most specific first («Результат выполнения мероприятия» is a result, not a measure).
_HEADERS = (("наименование системообразующего", "group"), ("наименование мероприятия", "text"),
            ("результат", "result"), ("ответственный исполнитель", "co_executors"), ("соисполнител", "co_executors"),
            ("ответственный", "responsible"), ("срок", "deadline"), ("мероприяти", "text"), ("№", "number"))
MEASURE_NUMBER = re.compile(r"^\s*(?P<n>\d{1,2}(?:\.\d{1,2}){1,3}\.?)\s*")
DIRECTION = re.compile(r"^Направление\s*№?\s*\d+", re.I)
_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(20\d{2})")


def _fields(header: list[str]) -> list[str]:
    out = []
    for cell in header:
        low = clean(cell).lower()
        out.append(next((f for key, f in _HEADERS if key in low), "other"))
    return out


def _deadline(text: str) -> dict[str, Any]:
    low = text.lower()
    out: dict[str, Any] = {"as_written": text}
    m = _DATE.search(text)
    if re.search(r"ежегодно|постоянно|на постоянной основе|в течение", low):
        out["kind"] = "recurrence" if "ежегодно" in low or "постоянно" in low or "постоянной" in low \
            else "unspecified"
        if out["kind"] == "recurrence":
            out["frequency"] = "annually" if "ежегодно" in low else "continuously"
    elif m:
        out["kind"] = "date"
        out["date"] = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    else:
        out["kind"] = "unspecified"
    return out


#: A piece of a list that qualifies the name before it: a participle or a relative clause.
QUALIFIER = re.compile(r"^(?:[а-яё]+(?:ющ|ящ|вш|ем|им)[а-яё]*|котор[а-яё]*|в том числе|на базе)\b")


def _refs(text: str, known: list[str] = ()) -> list[str]:  # type: ignore[assignment]
    """The organisations a responsible or co-executor cell names, as written.

    Commas separate them (a piece that qualifies the one before goes on it: «Органы местного самоуправления,
    осуществляющие управление …» is one); a cell whose names stand one after another
    («ГАУ ДПО «АМИРО» ЦНППМ ФГБОУ ВО БГПУ» — a Word cell's lines run together) is cut where the names of the
    drafted subjects begin.
    """
    text = clean(text)
    if not text:
        return []
    pieces: list[str] = []
    for piece in (x.strip() for x in text.split(",")):
        if pieces and QUALIFIER.match(piece):
            pieces[-1] = f"{pieces[-1]}, {piece}"
        elif piece:
            pieces.append(piece)
    out: list[str] = []
    for piece in pieces:
        out.extend(_by_names(piece, known))
    return out


def _by_names(text: str, known: list[str]) -> list[str]:
    words = text.split()
    lowered = [w.lower() for w in words]
    names = [n.lower().split() for n in known]
    out: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(words):
        size = max((len(n) for n in names if lowered[i:i + len(n)] == n), default=0)
        if size and (i + size == len(words) or words[i + size][:1].isupper() or words[i + size][:1] == "«"):
            if rest:
                out.append(" ".join(rest))
                rest = []
            out.append(" ".join(words[i:i + size]))
            i += size
        else:
            rest.append(words[i])
            i += 1
    if rest:
        out.append(" ".join(rest))
    return out if len(out) > 1 and all(p[:1].isupper() or p[:1] == "«" for p in out) else [text]


def _rows_from_grid(table: Table) -> list[tuple[dict[str, str], int, str | None, str | None]]:
    grid = table.grid()
    header = [cell.text if (cell := grid[0][c]) is not None else "" for c in range(table.columns)]
    fields = _fields(header)
    out = []
    direction = None
    for r in range(1, len(grid)):
        row = grid[r]
        first = row[0]
        if first is not None and all(c is first for c in row):
            direction = clean(" ".join(p.text for p in first.paragraphs))
            continue
        values: dict[str, str] = {}
        line = 0
        for c, field in enumerate(fields):
            cell = row[c]
            if cell is None:
                continue
            values[field] = "\n".join(p.rendered for p in cell.paragraphs)
            if cell.paragraphs:
                values[f"{field}@line"] = str(cell.line)
            if field != "group" and not line and cell.row == r and cell.paragraphs:
                line = cell.line
        out.append((values, line, direction, values.get("group")))
    return out


#: A deadline written in the same cell as the result («Ежегодно Тиражирование лучшего опыта …»).
DEADLINE_LEAD = re.compile(r"^(?:Ежегодно|Постоянно|На постоянной основе|В течение (?:года|\S+ года)|"
                           r"(?:до|не позднее) \d{1,2}\.\d{1,2}\.\d{4}(?:\s*г\.?)?)(?=\s+[А-ЯЁ])")


def _aligned(cells: list[str], fields: list[str]) -> list[str]:
    """A text-export row's cells put under their columns: a row that left out its empty group cell is shifted
    right so that its measure number stands in the measure column; a row that ran the deadline and the result
    into one cell has them split."""
    width = len(fields)
    if "group" in fields and "text" in fields and len(cells) < width:
        numbered = [i for i, c in enumerate(cells[:3]) if MEASURE_NUMBER.match(c)]
        shift = fields.index("text") - numbered[-1] if numbered else (1 if fields.index("group") == 0 and
                                                                     len(cells) == width - 1 else 0)
        if shift > 0:
            cells = [""] * shift + cells
    if len(cells) == width - 1 and fields[-2:] == ["deadline", "result"] and (m := DEADLINE_LEAD.match(cells[-1])):
        cells = [*cells[:-1], m.group(0), cells[-1][m.end():].strip()]
    return cells


def _rows_from_text(table: Table) -> list[tuple[dict[str, str], int, str | None, str | None]]:
    header = [c.text for c in table.rows[0]]
    fields = _fields(header)
    out: list[tuple[dict[str, str], int, str | None, str | None]] = []
    direction = None
    group = None
    for row in table.rows[1:]:
        cells = [clean(c.text) for c in row]
        line = row[0].line
        nonempty = [c for c in cells if c]
        if not nonempty:
            continue
        if DIRECTION.match(nonempty[0]) and len(nonempty) == 1:
            direction = nonempty[0]
            continue
        if len(nonempty) == 1 and direction and nonempty[0].startswith("«") and cells[0]:
            direction = f"{direction} {nonempty[0]}"
            continue
        if all(set(c) <= set("-– ") for c in nonempty):
            # A rule drawn with dashes across a row broken over a page: the result, whose words go on after it,
            # keeps it as written (the other columns end before it).
            if out and "result" in fields and len(cells) == len(fields) and cells[fields.index("result")]:
                prev = out[-1][0]
                prev["result"] = f"{prev.get('result', '')} {cells[fields.index('result')]}".strip()
            continue
        cells = _aligned(cells, fields)
        values = {f: cells[i] for i, f in enumerate(fields) if i < len(cells)}
        text = values.get("text", "")
        # A row starts with a measure number, or fills the responsible column with a text that does not go on
        # from the line before («регионального реестра …» continues «3.3.2. Формирование»).
        starts = bool(MEASURE_NUMBER.match(text)) or (bool(values.get("responsible")) and not text[:1].islower())
        if starts and text:
            if values.get("group"):
                group = values["group"]
            out.append((values, line, direction, group))
        elif out:
            prev = out[-1][0]
            for f, v in values.items():
                if v and f != "group":
                    prev[f] = f"{prev.get(f, '')} {v}".strip()
            if values.get("group") and group:
                # The group cell broken over the page: its words go on the group of every measure it covers.
                longer = f"{group} {values['group']}"
                out = [(v, n, d, longer if g == group else g) for v, n, d, g in out]
                group = longer
    return out


def measures(document: Document, drafter: Any) -> list[dict[str, Any]]:
    """The roadmap measures of every table whose header names measures."""
    out: list[dict[str, Any]] = []
    for table in document.tables():
        if not table.rows:
            continue
        header = " ".join(c.text for c in table.rows[0]).lower()
        if "мероприяти" not in header:
            continue
        rows = _rows_from_grid(table) if document.format != "txt" else _rows_from_text(table)
        for values, line, direction, group in rows:
            text = clean(values.get("text", ""))
            number = None
            m = MEASURE_NUMBER.match(text)
            if m and "number" not in values:
                number = m.group("n") if m.group("n").endswith(".") else m.group("n") + "."
                text = text[m.end():]
            elif values.get("number"):
                number = clean(values["number"]) or None
            if not text:
                continue
            measure: dict[str, Any] = {"id": drafter_id(drafter, number, text), "number": number}
            if direction:
                measure["direction"] = direction
            if group:
                measure["group"] = clean(group)
            measure["text"] = text
            for f in ("responsible", "co_executors"):
                refs = _refs(values.get(f, ""), drafter.known_names())
                if refs:
                    measure[f] = refs
            if clean(values.get("deadline", "")):
                measure["deadline"] = _deadline(clean(values["deadline"]))
            if clean(values.get("result", "")):
                measure["result"] = clean(values["result"])
            section = f"дорожная карта, {number or 'без номера'}"
            result_line = int(values.get("result@line") or line)
            thresholds = drafter.thresholds(measure.get("result", ""), result_line, section,
                                            measure.get("deadline", {}).get("as_written", ""), f"roadmap[{len(out)}]")
            if thresholds:
                measure["indicators"] = [{"id": i, "source": thresholds[0]["source"]}
                                         for i in dict.fromkeys(t["indicator"] for t in thresholds)]
            measure["functions"] = []
            if thresholds:
                measure["thresholds"] = thresholds
            measure["source"] = {"document": document.name, "section": f"дорожная карта, {number or 'без номера'}",
                                 "line": line}
            out.append(measure)
    return out


def drafter_id(drafter: Any, number: str | None, text: str) -> str:
    from efs.drafting.draft import _slug

    return _slug(f"m {number}" if number else f"m {text[:30]}", drafter.ids, "m")
