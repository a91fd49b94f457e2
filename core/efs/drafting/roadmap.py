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


_MONTHS = (("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("ма", 5), ("июн", 6), ("июл", 7),
           ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12))
_MONTH = r"(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*"
#: «20 мая», «01 сентября 2024», «1 декабря 2023 года».
_DAY_MONTH = re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})(?:\s+(?P<y>20\d{{2}}))?", re.I)
#: «март-декабрь 2024 года», «ноябрь 2023 года».
_MONTHS_OF_YEAR = re.compile(rf"(?<!\d\s)\b(?P<m1>{_MONTH})(?:\s*[-–—]\s*(?P<m2>{_MONTH}))?\s+(?P<y>20\d{{2}})", re.I)
#: «2022/23 учебный год».
_SCHOOL_YEAR = re.compile(r"(?P<y>20\d{2})\s*/\s*(?:20)?\d{2}\s+учебн", re.I)
_FREQUENCY = (("ежегодно", "annually"), ("ежемесячно", "monthly"), ("раз[а]? в месяц", "monthly"),
              ("ежекварт", "quarterly"), ("раз[а]? в квартал", "quarterly"), ("раз[а]? в полугоди", "semiannually"),
              ("постоянн", "continuously"), ("на постоянной основе", "continuously"))


def _month(word: str) -> int:
    low = word.lower()
    return next(n for stem, n in _MONTHS if low.startswith(stem))


def _last_day(year: int, month: int) -> str:
    import calendar

    return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _deadline(text: str, horizon: str | None = None) -> dict[str, Any]:
    """A deadline as written and what it means.

    A date («до 01.09.2023», «до 1 сентября 2023 года», «до декабря 2024 года» — its first day, «до 2024 года» —
    its last); a period («ноябрь 2023 года», «март-декабрь 2024 года», «с 15 марта по 31 декабря 2024», «с 1 по
    30 сентября 2024», «IV квартал 2023 года»); a recurrence («ежегодно до 1 июня», «не менее 1 раза в месяц»,
    «постоянно») over the school years it names, between the dates it names, or to the end of the year the
    roadmap runs to (``horizon``).
    """
    low = text.lower()
    out: dict[str, Any] = {"as_written": text}
    dated = [(f"{m.group('y')}-{_month(m.group('m')):02d}-{int(m.group('d')):02d}" if m.group("y") else None,
              f"{_month(m.group('m')):02d}-{int(m.group('d')):02d}") for m in _DAY_MONTH.finditer(text)]
    dated += [(f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}",
               f"{int(m.group(2)):02d}-{int(m.group(1)):02d}") for m in _DATE.finditer(text)]
    frequency = next((f for pattern, f in _FREQUENCY if re.search(pattern, low)), None)
    if frequency:
        out["kind"] = "recurrence"
        out["frequency"] = frequency
        years = [int(m.group("y")) for m in _SCHOOL_YEAR.finditer(text)]
        full = [d for d, _ in dated if d]
        if years:
            out["start"], out["end"] = f"{min(years)}-09-01", f"{max(years) + 1}-08-31"
        elif len(full) > 1:
            out["start"], out["end"] = min(full), max(full)
        elif full:
            out["end"] = full[0]
        elif horizon:
            last = max((md for _, md in dated), default="12-31")
            out["end"] = f"{horizon}-{last}"
        on = sorted({md for _, md in dated})
        if on and frequency != "continuously":
            out["on"] = on
        return out
    period = re.search(rf"\bс\s+(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})\s+по\s+(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})\s+"
                       r"(?P<y>20\d{2})", text, re.I)
    if period:
        y = int(period.group("y"))
        out.update(kind="period", start=f"{y}-{_month(period.group('m1')):02d}-{int(period.group('d1')):02d}",
                   end=f"{y}-{_month(period.group('m2')):02d}-{int(period.group('d2')):02d}")
        return out
    days = re.search(rf"\bс\s+(?P<d1>\d{{1,2}})\s+по\s+(?P<d2>\d{{1,2}})\s+(?P<m>{_MONTH})\s+(?P<y>20\d{{2}})",
                     text, re.I)
    if days:
        y, mo = int(days.group("y")), _month(days.group("m"))
        out.update(kind="period", start=f"{y}-{mo:02d}-{int(days.group('d1')):02d}",
                   end=f"{y}-{mo:02d}-{int(days.group('d2')):02d}")
        return out
    quarter = re.search(r"\b(?P<q>IV|I{1,3}|[1-4])\s*(?:-?й\s+)?квартал\w*\s+(?P<y>20\d{2})", text, re.I)
    if quarter:
        y, q = int(quarter.group("y")), {"I": 1, "II": 2, "III": 3, "IV": 4}.get(quarter.group("q").upper(), 0)
        q = q or int(quarter.group("q"))
        out.update(kind="period", start=f"{y}-{3 * q - 2:02d}-01", end=_last_day(y, 3 * q))
        return out
    if dated and dated[0][0]:
        out.update(kind="date", date=dated[0][0])
        return out
    months = _MONTHS_OF_YEAR.search(text)
    if months:
        y, m1 = int(months.group("y")), _month(months.group("m1"))
        if re.search(r"\bдо\s*$", text[:months.start()].lower()):
            out.update(kind="date", date=f"{y}-{m1:02d}-01")
        else:
            m2 = _month(months.group("m2")) if months.group("m2") else m1
            out.update(kind="period", start=f"{y}-{m1:02d}-01", end=_last_day(y, m2))
        return out
    year = re.search(r"\bдо\s+(20\d{2})\s*(?:г\.|года|год)?", low)
    if year:
        out.update(kind="date", date=f"{year.group(1)}-12-31")
        return out
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
                measure["deadline"] = _deadline(clean(values["deadline"]), drafter._horizon())
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
