"""The jurisdiction from a document's head: its name and level, the adopting act, the annexes with their own dates.

A Положение comes as an order with the Положение as its annex («ПРИКАЗ … 12.05.2023 № 464 … ПОЛОЖЕНИЕ»), as
the annex alone («Приложение к приказу … №751 от 09.12.2022 г.»), or as a bare text. The adopting act is
read from the order's own header when there is one, else from the annex's reference to it; every later
«Приложение N к приказу … от … № …» is an annex with the date and number *it* prints, so that an annex
dated differently from its order stays visible (the validator reports it).

Names are read as written. The jurisdiction's name stands in the text in an oblique case («Амурской
области», «Турочакского района»); its nominative is made by the ending rules of :data:`NOMINATIVE` and
always put to the reviewer. (pymorphy3, inflecting word by word, gives the same names for the four documents
and «Ханты-мансийский автономное округ» for the fifth name they mention: agreement of the adjectives with
the noun is what the ending rules do and a word-by-word inflection does not.)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from efs.drafting.acts import DATE, NUMBER, citations, parse_date
from efs.drafting.outline import Item

#: The act's kind printed in capitals above its date and number («П Р И К А З», «РАСПОРЯЖЕНИЕ»).
ORDER_KINDS = re.compile(r"^\W*(П\s?Р\s?И\s?К\s?А\s?З|Р\s?А\s?С\s?П\s?О\s?Р\s?Я\s?Ж\s?Е\s?Н\s?И\s?Е|"
                         r"П\s?О\s?С\s?Т\s?А\s?Н\s?О\s?В\s?Л\s?Е\s?Н\s?И\s?Е)(?:\s|$)")
ISSUER_WORDS = re.compile(r"^\W*(?:министерств|департамент|управлени|комитет|администраци|правительств|"
                          r"глава|мэр)", re.I)
ANNEX = re.compile(r"^\W*Приложение\b", re.I)
REFERRED = re.compile(r"\bк\s+(?P<k>приказу|распоряжению|постановлению)\s+(?P<who>.+?)\s*(?=№|\bот\b|$)", re.I)
TITLE = re.compile(r"^\W*Положени[ея]\b", re.I)

_ADJ = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
#: Oblique → nominative for the names of regions and municipalities: (pattern, replacement, level).
NOMINATIVE: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(rf"«(?P<a>{_ADJ}(?:ий|ый|ой) (?:район|округ))»"), r"\g<a>", "municipal"),
    (re.compile(rf"\b(?P<a>{_ADJ})(?:ого|его) (?:муниципального )?района\b"), r"\g<a>ий район", "municipal"),
    (re.compile(r"\bмуниципального образования (?P<a>город(?:ской округ)? [А-ЯЁ][а-яё-]+)"), r"\g<a>", "municipal"),
    (re.compile(r"\b(?P<a>город [А-ЯЁ][а-яё-]+)\b"), r"\g<a>", "municipal"),
    (re.compile(rf"\b(?P<a>{_ADJ})(?:ого|его) (?:городского|муниципального) округа\b"), r"\g<a>ий округ",
     "municipal"),
    (re.compile(rf"\b(?P<a>{_ADJ})ой области\b"), r"\g<a>ая область", "regional"),
    (re.compile(rf"\b(?P<a>{_ADJ})ого края\b"), r"\g<a>ий край", "regional"),
    (re.compile(r"\bРеспублики (?P<a>[А-ЯЁ][а-яё]+(?: [А-ЯЁ][а-яё]+)?)"), r"Республика \g<a>", "regional"),
    (re.compile(rf"\b(?P<a>{_ADJ})ого автономного округа(?P<b>\s*[-–—]\s*Югры)?"), r"\g<a>ий автономный округ",
     "regional"),
)
SYSTEM_NAME = re.compile(r"\b(Р\s?С\s?НМС|МСНМС|М\s?С\s?НМС|РМНМС)\b")


@dataclass
class Header:
    """What the head of a document says about its jurisdiction."""

    name: str | None
    level: str
    region: str | None
    system_name: str | None
    adopted_by: dict[str, Any] | None
    annexes: list[dict[str, Any]]
    #: Line of the text where the name was found (for the review list).
    name_line: int


def _nominative(text: str) -> list[tuple[str, str, int]]:
    """(name, level, position) for every region or municipality named in ``text``."""
    out = []
    for pattern, repl, level in NOMINATIVE:
        for m in pattern.finditer(text):
            out.append((m.expand(repl), level, m.start()))
    return out


def _names(items: list[Item]) -> list[tuple[str, str, int]]:
    """(name, level, line) for every name in the items."""
    out = []
    for it in items:
        for name, level, _ in _nominative(it.text):
            out.append((name, level, it.line))
    return out


def _level(head_text: str, whole: str) -> str:
    low = head_text.lower()
    if re.search(r"муниципальн\w* систем|\bмснмс\b", low):
        return "municipal"
    if re.search(r"региональн\w* систем|\bр\s?с\s?нмс\b", low):
        return "regional"
    return "municipal" if "МСНМС" in whole and "РСНМС" not in whole.replace(" ", "") else "regional"


def _citation_dict(c: Any, source: dict[str, Any], kind: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if kind or c.kind:
        out["kind"] = kind or c.kind
    if c.number:
        out["number"] = c.number
    if c.date:
        out["date"] = c.date.isoformat()
    if c.date_as_written:
        out["date_as_written"] = c.date_as_written
    out["as_written"] = c.as_written
    out["source"] = source
    return out


def read_header(items: list[Item], lines: list[str], src: Any) -> Header:
    """The jurisdiction of a document (``src(section, line)`` makes a ``source``)."""
    title_at = next((i for i, it in enumerate(items) if TITLE.match(it.text) and len(it.text) < 400), None)
    head = items[: title_at if title_at is not None else min(len(items), 12)]
    title = items[title_at : title_at + 3] if title_at is not None else []
    head_text = " ".join(it.text for it in [*head, *title])
    whole = "\n".join(lines)
    level = _level(head_text, whole)

    # The name: from the head and the title first, else the most frequent in the whole text.
    candidates = [n for n in _names([*head, *title]) if n[1] == level]
    if not candidates:
        candidates = [n for n in _names(items) if n[1] == level]
    counts = Counter(n[0] for n in candidates)
    name, name_line = None, 0
    if counts:
        name = counts.most_common(1)[0][0]
        name_line = next(line for n, _, line in candidates if n == name)
    region = None
    if level == "municipal":
        regional = Counter(n[0] for n in _names(items) if n[1] == "regional")
        region = regional.most_common(1)[0][0] if regional else None
    system = SYSTEM_NAME.search(whole)
    system_name = system.group(1) if system else None

    adopted, annexes = _adoption(head, items, lines, src)
    return Header(name, level, region, system_name, adopted, annexes, name_line)


def _block(lines: list[str], line: int) -> tuple[str, int]:
    """An annex's heading as printed (its line and the short lines after it, up to a blank line), and the
    block's last line."""
    out = [lines[line - 1].strip()]
    last = line
    for text in lines[line:line + 8]:
        text = text.strip()
        if not text or len(text) > 120 or TITLE.match(text):
            break
        out.append(text)
        last += 1
    return " ".join(out).strip("* "), last


def _adoption(head: list[Item], items: list[Item], lines: list[str],
              src: Any) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    adopted: dict[str, Any] | None = None
    kind_at = next((i for i, it in enumerate(head) if ORDER_KINDS.match(it.text)), None)
    if kind_at is not None:
        kind = re.sub(r"\W", "", ORDER_KINDS.match(head[kind_at].text).group(1)).lower()  # type: ignore[union-attr]
        issuer_lines = _issuer(head[:kind_at])
        date = number = None
        after_kind = ORDER_KINDS.match(head[kind_at].text).end()  # type: ignore[union-attr]
        for k, it in enumerate(head[kind_at:]):
            if len(it.text) > 150:
                continue  # the preamble («Руководствуясь …») cites other acts: the act's own date is printed alone
            where = after_kind if k == 0 else 0
            if date is None and (d := DATE.search(it.text, where)):
                date = (d, it)
            if number is None and (n := NUMBER.search(it.text, where)):
                number = (n, it)
            if date and number:
                break
        if date or number:
            line_item = (number or date)[1]  # type: ignore[index]
            adopted = {"kind": kind}
            if issuer_lines:
                adopted["issuer"] = issuer_lines
            if number:
                adopted["number"] = re.sub(r"\s*-\s*", "-", number[0].group("n"))
            if date and (parsed := parse_date(date[0])):
                adopted["date"] = parsed.isoformat()
            if date:
                adopted["date_as_written"] = date[0].group(0)
            found = [x for x in (date, number) if x]
            if len(found) == 2 and found[0][1] is found[1][1]:
                written = found[0][1].text[min(x[0].start() for x in found):]
            else:
                written = " ".join(x[1].text[x[0].start():] for x in found)
            adopted["as_written"] = written
            title = next((it.text for it in head[kind_at + 1 :] if re.match(r"^\W*Об?\s", it.text)), None)
            if title:
                adopted["title"] = title.strip("* ")
            adopted["source"] = src("шапка приказа", line_item.line)
    annexes: list[dict[str, Any]] = []
    for i, it in enumerate(items):
        if not ANNEX.match(it.text) or len(it.text) > 400:
            continue
        text, last = _block(lines, it.line)
        cited = [c for c in citations(text) if c.number or c.date]
        ref = REFERRED.search(text)
        if adopted is None and i < len(head) + 1 and cited and ref:
            c = cited[0]
            adopted = _citation_dict(c, src("шапка приложения", it.line), kind=_act_kind(ref.group("k")))
            adopted["issuer"] = ref.group("who").strip()
            adopted["as_written"] = text[ref.start() + 2 :].strip()
            continue
        annex: dict[str, Any] = {"kind": "приложение"}
        m = re.match(r"^\W*Приложение\s*(?:№\s*)?(?P<n>\d+)?", text)
        line = it.line
        written = text
        if cited and ref:
            # «Приложение 2 / к приказу ДОиМП / … / от «09» 08 2021 № 360-0»: the reference to the order, from
            # «к приказу», at the line of its date.
            c = cited[0]
            if c.number:
                annex["number"] = c.number
            if c.date:
                annex["date"] = c.date.isoformat()
            if c.date_as_written:
                annex["date_as_written"] = c.date_as_written
                line = _line_with(lines, c.date_as_written, it.line, last)
            written = text[ref.start():]
        heading = next((x for x in items[i + 1 : i + 10] if x.line > last), None)
        if heading is not None and not heading.label and abs(heading.line - line) <= 2:
            annex["title"] = heading.text.strip("* ")  # a title further down would not be found at the annex's line
        annex["as_written"] = written
        annex["source"] = src(f"Приложение {m.group('n') if m and m.group('n') else ''}".strip(), line)
        annexes.append(annex)
    return adopted, annexes


def _line_with(lines: list[str], fragment: str, first: int, last: int) -> int:
    """The line (of ``first``…``last``) on which ``fragment`` is written."""
    return next((n for n in range(first, last + 1) if fragment in lines[n - 1]), first)


def _act_kind(word: str) -> str:
    low = word.lower()
    return "приказ" if low.startswith("приказ") else "распоряжение" if low.startswith("распоряж") else "постановление"


def _issuer(head: list[Item]) -> str | None:
    """The issuer printed above the act's kind: from the last line that starts with an issuer's word."""
    block: list[Item] = []
    for it in head:
        block.append(it)
    start = max((i for i, it in enumerate(block) if ISSUER_WORDS.match(it.text)), default=None)
    if start is None:
        return None
    words = " ".join(it.text.strip("* ") for it in block[start:] if not it.text.lower().startswith("г."))
    return words.strip() or None
