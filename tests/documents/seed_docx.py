"""DOCX versions of the four bundled Положения, the way they were adopted in Word.

The plugins ship their documents as text exports; the adopted originals were Word files. This script
rebuilds them: every line of the text becomes a paragraph (blank lines stay empty paragraphs, so that
line *n* of LibreOffice's text export of the DOCX is line *n* of the text up to the first table);
printed labels («1.», «3.2.1.», «1)») become Word's automatic multi-level numbering — one outline list
for the sections, a new instance with ``w:startOverride`` where the document restarts it (the Положение
after the order's own points), a separate list for a run of «1.», «2.» inside a section, another for
«1)», a list with other start values where the printed labels jump; «·», «-», «–» lines become bullet
lists; ``[bookmark: …]`` markers of the export become real bookmarks. The roadmap becomes a Word table
with merged cells, rebuilt from the text alone (:func:`_rows_of_text`: rows broken over a page joined again,
a column the export lost on a page put back): each direction one row merged across all columns, each group
cell merged down over its measures, in Мегион the «№ п/п» column numbered automatically. Nothing is taken
from the hand encoding in ``config/`` — the benchmark compares the draft of this file with it. Every cell
carries a bookmark ``seed_line_N`` naming the line of the text it came from.

Run: ``python tests/documents/seed_docx.py OUTDIR`` (writes ``<jurisdiction>.docx`` for each of the four).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.documents.docx_writer import CellSpec, DocxWriter, Lvl, Para

ROOT = Path(__file__).resolve().parents[2]
JURISDICTIONS = ("turochak", "amur", "tyumen", "megion")

LABEL = re.compile(r"^(?P<num>[1-9]\d?(?:\.[1-9]\d?|\.0)*)(?P<end>[.)])(?=\s|\[|[А-ЯЁA-Z«])\s?")
BOOKMARK = re.compile(r"\[bookmark: ([^\]]*)\]")
BULLET = re.compile(r"^\s*(?P<mark>[·\-–])\s*(?=\S)")
OUTLINE = [Lvl("decimal", "%1."), Lvl("decimal", "%1.%2."), Lvl("decimal", "%1.%2.%3."),
           Lvl("decimal", "%1.%2.%3.%4.")]


def seed_path(jurisdiction: str) -> Path:
    """The text a bundled configuration encodes, as its plugin ships it."""
    path = ROOT / "plugins" / jurisdiction / f"efs_{jurisdiction}" / "documents" / f"{jurisdiction}.txt"
    if not path.is_file():
        raise FileNotFoundError(path)
    return path


@dataclass
class _List:
    """Simulated counting of one list family, the way Word and LibreOffice count it."""

    abstract: int
    num: int
    counters: list[int]

    def predict(self, level: int) -> list[int]:
        values = self.counters[: level + 1] + [0] * (level + 1 - len(self.counters))
        values[level] += 1
        return values

    def take(self, values: list[int]) -> None:
        self.counters = list(values)


class _Builder:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.w = DocxWriter()
        self.outline: _List | None = None
        self.sublist: _List | None = None
        self.paren: _List | None = None
        dot = self.w.abstract([Lvl("bullet", "\uf0b7", font="Symbol")])
        dash = self.w.abstract([Lvl("bullet", "–")])
        self.bullets = {"·": self.w.num(dot), "-": self.w.num(dash), "–": self.w.num(dash)}

    def _labels_after(self, index: int) -> list[list[int]]:
        out = []
        for line in self.lines[index + 1:]:
            m = LABEL.match(BOOKMARK.sub("", line).strip())
            if m and m.group("end") == ".":
                out.append([int(x) for x in m.group("num").split(".")])
        return out

    def numbered(self, index: int, values: list[int], end: str) -> tuple[int, int, str | None]:
        """The list instance and level for a printed label; starts or restarts lists as the text requires."""
        level = len(values) - 1
        if end == ")":
            if self.paren is None or self.paren.predict(0) != values:
                aid = self.w.abstract([Lvl("decimal", "%1)", start=values[0])])
                self.paren = _List(aid, self.w.num(aid), [values[0] - 1])
            self.paren.take(self.paren.predict(0))
            return self.paren.num, 0, None
        if self.sublist is not None and level == 0 and self.sublist.predict(0) == values:
            self.sublist.take(values)
            return self.sublist.num, 0, None
        self.sublist = None
        if self.outline is not None and self.outline.predict(level) == values:
            self.outline.take(values)
        elif level == 0 and self.outline is not None and values == [1] and len(self.outline.counters) > 1 \
                and not any(v[0] == 1 and len(v) > 1 for v in self._labels_after(index)[:3]):
            # «1.», «2.» … inside a section: a list of its own; the outline goes on after it.
            aid = self.w.abstract([Lvl("decimal", "%1.")])
            self.sublist = _List(aid, self.w.num(aid), [1])
            return self.sublist.num, 0, None
        elif level == 0 and self.outline is not None:
            # Word's «начать заново»: a new instance of the outline restarting at this paragraph.
            self.outline = _List(self.outline.abstract, self.w.num(self.outline.abstract, {0: values[0]}), values)
        else:
            # A jump inside the outline: a list whose levels start where the printed label says.
            levels = [Lvl(x.fmt, x.text, start=(values[i] if i < len(values) else 1))
                      for i, x in enumerate(OUTLINE)]
            aid = self.w.abstract(levels)
            self.outline = _List(aid, self.w.num(aid), values)
        heading = None
        if level == 0 and any(v[:1] == values and len(v) == 2 for v in self._labels_after(index)[:1]):
            heading = "Heading1"
        return self.outline.num, level, heading

    def paragraph(self, index: int) -> None:
        raw = self.lines[index]
        marks = BOOKMARK.findall(raw)
        text = BOOKMARK.sub("", raw)
        bookmark = marks[0] if marks else None
        m = LABEL.match(text)
        if m:
            values = [int(x) for x in m.group("num").split(".")]
            num, level, style = self.numbered(index, values, m.group("end"))
            self.w.paragraph(Para(text[m.end():], num, level, style, bookmark))
            return
        b = BULLET.match(text)
        if b and not LABEL.match(text[b.end():]):
            self.w.paragraph(Para(text[b.end():], self.bullets[b.group("mark")], 0, None, bookmark))
            return
        self.w.paragraph(Para(text, None, 0, None, bookmark))


#: A measure number of a roadmap («2.1.3.»): the measure column of a row that left out the group column.
MEASURE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}\.?")
#: A row starts with a number («2.2.», «2.1.3.») or a capital; a line after a page break that starts otherwise
#: («работников и …», «4) конкурс …») goes on with the row the page broke.
ROW_START = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\.$|[А-ЯЁA-Z])")
#: A deadline run into the result in a row that lost a cell border («Ежегодно Тиражирование …»).
DEADLINE_RUN = re.compile(r"^(Ежегодно|Постоянно|На постоянной основе)\s+(?=[А-ЯЁ])")
DIRECTION = re.compile(r"^Направление\s*№?\s*\d+$")


def _cells(line: str) -> list[str]:
    """A text line's cells: its tab-separated pieces, the export's leftover HTML tags (``<p>``, ``<ol …>``)
    removed."""
    return [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in line.split("\t")]


def _rows_of_text(lines: list[str], header: int) -> list[dict]:
    """The roadmap's rows as the adopted table had them, rebuilt from the text export (1-based ``header``).

    The export printed the table page by page: a row broken over a page goes on after the blank line that
    marks the break, on a line that does not start with a number or a capital; on some pages a column is
    lost — the group column (merged down from the page before), where the measure number stands in the first
    cell, or the border between the deadline and the result. Each row is a list of cells, each cell a list of
    ``(text, line)`` pieces; direction rows are ``{"direction": [...]}``.
    """
    width = len(_cells(lines[header - 1]))
    rows: list[dict] = []
    page: list[tuple[int, list[str]]] = []
    pages: list[list[tuple[int, list[str]]]] = []
    for number in range(header + 1, len(lines) + 1):
        line = lines[number - 1]
        if not line.strip() or set(line.replace("\t", "")) <= set("-– "):
            if page:
                pages.append(page)
            page = []
            continue
        page.append((number, _cells(line)))
    if page:
        pages.append(page)
    for page in pages:
        group_lost = any(len(c) < width and MEASURE.match(c[0]) for _, c in page)
        for k, (number, cells) in enumerate(page):
            if len(cells) < width:
                if group_lost:
                    cells = [""] * (width - len(cells)) + cells
                else:
                    m = DEADLINE_RUN.match(cells[-1])
                    last = [m.group(1), cells[-1][m.end():]] if m else ["", cells[-1]]
                    cells = cells[:-1] + [""] * (width - len(cells) - 1) + last
            filled = [c for c in cells if c]
            if not filled:
                continue
            if DIRECTION.match(filled[0]) and len(filled) == 1:
                rows.append({"direction": [(filled[0], number)]})
                continue
            if "direction" in (rows[-1] if rows else {}) and len(filled) == 1 and filled[0].startswith("«"):
                rows[-1]["direction"].append((filled[0], number))
                continue
            pieces = [[(c, number)] if c else [] for c in cells]
            if k == 0 and rows and "cells" in rows[-1] and not ROW_START.match(filled[0]):
                for previous, piece in zip(rows[-1]["cells"], pieces, strict=True):
                    previous.extend(piece)
                continue
            rows.append({"cells": pieces, "line": number})
    return rows


def _table(builder: _Builder, header_line: int) -> None:
    """The roadmap as a Word table: directions merged across, each group merged down over its measures, a
    «№ п/п» column numbered automatically; every paragraph bookmarked with the text line it came from."""
    w = builder.w
    header = _cells(builder.lines[header_line - 1])
    table: list[list[CellSpec]] = [[CellSpec([Para(h, bookmark=f"seed_line_{header_line}")]) for h in header]]
    numbered = None
    if header[0].startswith("№"):
        numbered = w.num(w.abstract([Lvl("decimal", "%1.")]))
    group: CellSpec | None = None
    for row in _rows_of_text(builder.lines, header_line):
        if "direction" in row:
            table.append([CellSpec([Para(t, bookmark=f"seed_line_{n}") for t, n in row["direction"]],
                                   span=len(header))])
            group = None
            continue
        out: list[CellSpec] = []
        for column, pieces in enumerate(row["cells"]):
            text = " ".join(t for t, _ in pieces)
            mark = f"seed_line_{pieces[0][1] if pieces else row['line']}"
            if column == 0 and header[0].startswith("Наименование системообразующего"):
                if text or group is None:
                    group = CellSpec([Para(text, bookmark=mark)], vmerge="restart")
                    out.append(group)
                else:
                    out.append(CellSpec([], vmerge="continue"))
            elif column == 0 and numbered is not None:
                label = re.fullmatch(r"\d{1,2}\.", text)
                out.append(CellSpec([Para("" if label else text, numbered if label else None, bookmark=mark)]))
            else:
                out.append(CellSpec([Para(text, bookmark=mark)]))
        table.append(out)
    w.table(table, [9638 // len(header)] * len(header))


def roadmap_header(lines: list[str]) -> int | None:
    """The line (1-based) of the roadmap table's header: the first tab-separated line naming the measures."""
    for number, line in enumerate(lines, start=1):
        if "\t" in line and any(c.startswith("Наименование мероприяти") for c in _cells(line)):
            return number
    return None


def build(jurisdiction: str, out: Path) -> Path:
    """Write ``<out>/<jurisdiction>.docx`` from the bundled text alone; return its path."""
    lines = seed_path(jurisdiction).read_text(encoding="utf-8").split("\n")
    builder = _Builder(lines)
    header = roadmap_header(lines)
    for index in range(len(lines)):
        if header is not None and index + 1 == header:
            _table(builder, header)
            break
        builder.paragraph(index)
    path = out / f"{jurisdiction}.docx"
    builder.w.save(path)
    return path


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(".")
    out.mkdir(parents=True, exist_ok=True)
    for j in JURISDICTIONS:
        print(build(j, out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
