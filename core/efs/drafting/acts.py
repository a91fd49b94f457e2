"""Act citations as written: kind, issuer, date, number, title — parsed with regular expressions.

A citation in a Положение is formulaic («Распоряжение Министерства просвещения Российской Федерации от
16 декабря 2020 г. № Р-174 «Об утверждении …»»): a handful of patterns for dates and numbers read every
citation of the four documents.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {"январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
          "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12}
DATE = re.compile(
    r"(?P<d>\d{1,2})\s?\.\s?(?P<m>\d{1,2})\s?\.\s?(?P<y>(?:19|20)\d{2})(?:\s*(?:г\.|года|год))?"
    r"|(?P<d2>\d{1,2})\s+(?P<mn>января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
    r"\s+(?P<y2>(?:19|20)\d{2})(?:\s*(?:г\.|года|год))?"
    r"|«(?P<d3>\d{1,2})»\s*(?P<m3>\d{1,2})\s+(?P<y3>(?:19|20)\d{2})"
)
NUMBER = re.compile(r"№\s*(?P<n>[0-9А-ЯЁA-Zа-яё][0-9А-ЯЁA-Zа-яё/\-]*(?:\s?-\s?[0-9А-ЯЁA-Zа-яё]+)*)")
KINDS = re.compile(
    r"(?P<k>\b(?:Федеральн\w+ закон\w*|Указ\w*|Постановлени\w+|Распоряжени\w+|Приказ\w*|Письм\w+|"
    r"Трудов\w+ кодекс\w*))",
    re.I,
)
_KIND_NAMES = {"федеральн": "Федеральный закон", "указ": "Указ", "постановлен": "постановление",
               "распоряжен": "распоряжение", "приказ": "приказ", "письм": "письмо", "трудов": "кодекс"}
#: A code, cited without number or date: «Трудовым кодексом Российской Федерации».
CODE = re.compile(r"\b[А-ЯЁ][а-яё]+(?:ым|ого|ый|ом|ому)?\s+кодекс\w*\s+Российской\s+Федерации")
PROJECT = re.compile(r"(?P<k>[Нн]ациональн\w+ проект\w*|[Фф]едеральн\w+ проект\w*)(?:[^«]{0,40})«(?P<t>[^»]+)»")


@dataclass(slots=True)
class Citation:
    """One act as a document cites it."""

    kind: str | None
    issuer: str | None
    number: str | None
    date: dt.date | None
    date_as_written: str | None
    title: str | None
    as_written: str
    start: int


def parse_date(m: re.Match[str]) -> dt.date | None:
    """The date a :data:`DATE` match names, if it is a real date."""
    try:
        if m.group("d"):
            return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if m.group("d2"):
            month = next(v for k, v in MONTHS.items() if m.group("mn").startswith(k))
            return dt.date(int(m.group("y2")), month, int(m.group("d2")))
        return dt.date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
    except (ValueError, StopIteration):
        return None


def _title(text: str, start: int) -> str | None:
    """The «…» title that opens at or after ``start``, nested quotes kept."""
    i = text.find("«", start)
    if i < 0 or i - start > 12:
        return None
    depth, j = 0, i
    while j < len(text):
        if text[j] == "«":
            depth += 1
        elif text[j] == "»":
            depth -= 1
            if depth == 0:
                return text[i + 1:j]
        j += 1
    return text[i + 1:].rstrip(" ;.")


def _kind(text: str, before: int) -> tuple[str | None, str | None, int]:
    """The kind word nearest before ``before``, its issuer (the words between), and where it starts."""
    found = None
    for m in KINDS.finditer(text, 0, before):
        found = m
    if found is None:
        return None, None, 0
    word = found.group("k")
    kind = next((v for k, v in _KIND_NAMES.items() if word.lower().startswith(k)), word)
    between = text[found.end():before]
    between = re.split(r"\s(?:от|№)\s|«", between)[0].strip(" ,:")
    issuer = between if between and len(between) < 160 and not between[:1].isdigit() else None
    return kind, issuer or None, found.start()


def citations(text: str) -> list[Citation]:
    """Every act cited in ``text`` with a number and a date near it, in order; and national projects."""
    out: list[Citation] = []
    dates = list(DATE.finditer(text))
    for m in NUMBER.finditer(text):
        number = re.sub(r"\s*-\s*", "-", m.group("n")).rstrip("-/.")
        if not number or (number.isalpha() and len(number) < 2):
            continue
        # The date that goes with this number: right before it («от 07.05.2018 № 204») or right after
        # («№1278 от 29.11.2022»).
        near = [d for d in dates if 0 <= m.start() - d.end() <= 12] or \
               [d for d in dates if 0 <= d.start() - m.end() <= 8]
        near = near or [d for d in dates if 0 <= m.start() - d.end() <= 40 and "№" not in text[d.end():m.start()]]
        if not near:
            continue
        d = near[-1] if near[0].end() <= m.start() else near[0]
        first = min(d.start(), m.start())
        last = max(d.end(), m.end())
        kind, issuer, kstart = _kind(text, first)
        title = _title(text, last) or (_title(text, kstart) if kstart < first else None)
        if title is None and kind and "«" in text[kstart:first]:
            # «Указ Президента … «О национальных целях …» от 07.05.2018 № 204»: the title before the date.
            title = _title(text, text.index("«", kstart))
        # «Указов … от 19.07.2018 № 444, от 21.07.2020 № 474»: the second act's words start at its own date.
        shared = "№" in text[kstart:first]
        begin = kstart if kind and first - kstart < 200 and not shared else first
        end = last
        if title:
            t_at = text.find(title, begin)
            end = max(end, t_at + len(title) + 1)
        out.append(Citation(kind, issuer, number, parse_date(d), d.group(0), title,
                            text[begin:end].strip(), begin))
    spans = [(c.start, c.start + len(c.as_written)) for c in out]
    for m in PROJECT.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue  # a project named in an act's title («… федеральных проектов национального проекта …»)
        word = m.group("k").lower()
        kind = "национальный проект" if word.startswith("национальн") else "федеральный проект"
        out.append(Citation(kind, None, None, None, None, m.group("t"), m.group(0), m.start()))
    for m in CODE.finditer(text):
        if not any(a <= m.start() < b for a, b in spans):
            out.append(Citation("кодекс", None, None, None, None, None, m.group(0), m.start()))
    out.sort(key=lambda c: c.start)
    return out
