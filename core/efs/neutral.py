"""Text that cannot be turned against its reader: one place for every medium efs writes to.

* **Spreadsheets** (CSV and XLSX): a text cell that starts like a formula (``=``, ``+``, ``-``, ``@``,
  tab, carriage return — OWASP's list — and their full-width forms) gets a leading ``'``, so that Excel
  and LibreOffice show it as text and never evaluate ``=HYPERLINK(…)`` or ``+cmd|' /C calc'!A0``.
  Numbers stay numbers. Every CSV efs writes goes through :func:`csv_writer`, every XLSX cell through
  :func:`xlsx_cell`; :func:`unneutralise` is the importer's inverse, so an export imports back unchanged.
* **XML** (JUnit, XLSX): characters XML 1.0 forbids are written as visible ``\\uXXXX`` (:func:`xml_text`).
* **Terminals**: escape sequences (ESC, OSC, CSI), other C0/C1 controls and bidi overrides in names
  are shown as ``\\uXXXX`` instead of reaching the terminal (:func:`terminal_text`; the CLI applies it
  to everything it prints, see :mod:`efs.cli.terminal`).
* **Invisible characters** (bidi controls, zero-width characters, controls): :func:`invisible` finds
  them, with a Russian name for each, so that import and validation can refuse or flag them — two ids
  that differ only by a zero-width space look identical to every reader.
"""

from __future__ import annotations

import re
from typing import Any

#: First characters a spreadsheet evaluates as a formula (OWASP CSV injection), with full-width forms.
FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
#: ``'`` is neutralised too (doubled), so that the importer's inverse is exact.
_NEUTRALISED = FORMULA_START | {"'"}

#: Characters that change how text is displayed or read without being visible themselves.
BIDI = {
    "\u061c": "арабский знак порядка букв (ALM)",
    "\u200e": "знак письма слева направо (LRM)",
    "\u200f": "знак письма справа налево (RLM)",
    "\u202a": "встраивание слева направо (LRE)",
    "\u202b": "встраивание справа налево (RLE)",
    "\u202c": "конец направленного форматирования (PDF)",
    "\u202d": "переопределение слева направо (LRO)",
    "\u202e": "переопределение справа налево (RLO)",
    "\u2066": "изоляция слева направо (LRI)",
    "\u2067": "изоляция справа налево (RLI)",
    "\u2068": "изоляция по первому символу (FSI)",
    "\u2069": "конец изоляции (PDI)",
}
ZERO_WIDTH = {
    "\u00ad": "мягкий перенос",
    "\u180e": "монгольский разделитель гласных",
    "\u200b": "пробел нулевой ширины",
    "\u200c": "несоединитель нулевой ширины (ZWNJ)",
    "\u200d": "соединитель нулевой ширины (ZWJ)",
    "\u2060": "связка слов (WJ)",
    "\u2061": "невидимое применение функции",
    "\u2062": "невидимое умножение",
    "\u2063": "невидимый разделитель",
    "\u2064": "невидимое сложение",
    "\ufeff": "неразрывный пробел нулевой ширины (BOM)",
}
_INVISIBLE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(BIDI) + "".join(ZERO_WIDTH) + "]")
_CONTROL_NAMES = {"\x00": "нулевой байт (NUL)", "\x1b": "управляющий символ ESC", "\x7f": "символ DEL"}

# Terminal: every C0 control but tab and newline (a lone CR too: it overwrites the line), DEL, C1, bidi.
_TERMINAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + "".join(BIDI) + "]|\r(?!\n)")
# XML 1.0 Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
_XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# XLSX cells: what XML forbids, and the C1 controls and DEL openpyxl refuses as well.
_XLSX_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: The longest text an Excel cell holds.
XLSX_CELL_MAX = 32767


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


class Verbatim(str):
    """Text a CSV writer must not neutralise: a number already formatted (``-12,5``), a date."""

    __slots__ = ()


def neutralise(text: str) -> str:
    """``'`` before text a spreadsheet would evaluate as a formula (and before a leading ``'``)."""
    if text[:1] in _NEUTRALISED:
        return "'" + text
    stripped = text.lstrip(" \u00a0")
    if stripped[:1] in FORMULA_START:  # LibreOffice can trim leading spaces before evaluating
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    """The importer's inverse of :func:`neutralise` (on text already stripped of outer whitespace)."""
    if text[:1] == "'" and text[1:2] and (text[1] in _NEUTRALISED or text[1:].lstrip(" \u00a0")[:1] in FORMULA_START):
        return text[1:]
    return text


def spreadsheet_text(value: Any) -> Any:
    """A cell value as a spreadsheet must receive it: text neutralised, numbers and dates as they are."""
    if isinstance(value, Verbatim) or not isinstance(value, str):
        return value
    return neutralise(value)


class NeutralCsvWriter:
    """A :func:`csv.writer` whose every text cell is neutralised (see :func:`neutralise`)."""

    def __init__(self, fh: Any, **kwargs: Any) -> None:
        import csv

        self._writer = csv.writer(fh, **kwargs)

    def writerow(self, row: Any) -> Any:
        """Write one row; ``None`` becomes an empty cell."""
        return self._writer.writerow(["" if v is None else spreadsheet_text(v) for v in row])

    def writerows(self, rows: Any) -> None:
        """Write every row."""
        for row in rows:
            self.writerow(row)


def csv_writer(fh: Any, **kwargs: Any) -> NeutralCsvWriter:
    """The one CSV writer of efs: :func:`csv.writer` arguments, every text cell neutralised."""
    return NeutralCsvWriter(fh, **kwargs)


def xlsx_cell(ws: Any, row: int, column: int, value: Any) -> Any:
    """Put ``value`` into an openpyxl worksheet cell: text stays text whatever it starts with.

    Text is stored as a string cell (never a formula), cleaned of characters XML forbids, cut to
    Excel's 32 767 characters and marked with Excel's quote prefix when it looks like a formula, so
    that no spreadsheet evaluates it, now or after the cell is edited. Numbers, dates, booleans and
    ``None`` are written as they are. Returns the cell (to style it).
    """
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        text = _XLSX_ILLEGAL_RE.sub(_escape, str(value))[:XLSX_CELL_MAX]
        cell.value = text
        cell.data_type = "s"
        if text[:1] in FORMULA_START or text.lstrip(" \u00a0")[:1] in FORMULA_START:
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def xml_text(text: str) -> str:
    """Text with every character XML 1.0 forbids (NUL, other C0 controls…) written as ``\\uXXXX``."""
    return _XML_ILLEGAL_RE.sub(_escape, text)


def terminal_text(text: str) -> str:
    """Text safe to print: escape sequences, C0/C1 controls and bidi overrides shown as ``\\uXXXX``."""
    return _TERMINAL_RE.sub(_escape, text)


def reveal(text: str) -> str:
    """Text with every invisible character of :func:`invisible` written as ``\\uXXXX`` (to show where it is)."""
    return _INVISIBLE_RE.sub(lambda m: m.group() if m.group() in "\t\n\r" else _escape(m), text)


def invisible(text: str) -> list[tuple[int, str]]:
    """``(position, Russian name)`` of every control, bidi or zero-width character in ``text`` (0-based)."""
    out = []
    for m in _INVISIBLE_RE.finditer(text):
        ch = m.group()
        if ch in "\t\n\r":
            continue
        out.append((m.start(), describe(ch)))
    return out


def has_invisible(text: str) -> bool:
    """Whether :func:`invisible` would find anything (fast path for the common clean text)."""
    m = _INVISIBLE_RE.search(text)
    if m is None:
        return False
    return bool(invisible(text))


def describe(ch: str) -> str:
    """A Russian name of an invisible character, with its code point: «пробел нулевой ширины (U+200B)»."""
    name = BIDI.get(ch) or ZERO_WIDTH.get(ch) or _CONTROL_NAMES.get(ch) or "управляющий символ"
    return f"{name} (U+{ord(ch):04X})"
