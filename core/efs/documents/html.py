"""HTML (a page saved from a legal portal) → :class:`~efs.documents.model.Document`.

Read with the standard library's tolerant parser (``html.parser``): portal pages are generated HTML of
paragraphs (``p``, ``div``, headings), ordered lists and tables with ``rowspan``/``colspan``; nothing
there needs a DOM library. Scripts, styles, navigation and forms are skipped. Numbers of ``<ol>`` items
are computed as a browser shows them (``start``, ``type``, ``value``); most portals type the numbers into
the text, which the drafter reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from efs.documents.model import Block, Cell, Document, Paragraph, Table, number_lines
from efs.documents.numbering import format_number
from efs.documents.text import decode

_BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table", "ol", "ul", "dd",
          "dt", "blockquote", "pre", "section", "article", "body", "center"}
_SKIP = {"script", "style", "head", "nav", "noscript", "form", "button", "select", "textarea", "template", "svg"}
_OL = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")


@dataclass
class _TableState:
    rows: list[list[Cell]] = field(default_factory=list)
    cell: Cell | None = None
    occupied: dict[tuple[int, int], bool] = field(default_factory=dict)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.skip = 0
        self.heading: int | None = None
        self.lists: list[list] = []  # [type, counter]
        self.label = ""
        self.tables: list[_TableState] = []
        self.pre = 0

    # Paragraph assembly -------------------------------------------------------------------------------
    def flush(self) -> None:
        raw = "".join(self.buffer)
        self.buffer = []
        lines = raw.split("\n") if self.pre else [raw]
        texts = [_SPACE.sub(" ", part).strip() if not self.pre else part for part in lines]
        text = "\n".join(texts) if self.pre else texts[0]
        if "\x0b" in raw:
            text = "\n".join(_SPACE.sub(" ", x).strip() for x in raw.split("\x0b"))
        if not text.strip() and not self.label:
            self.label = ""
            return
        para = Paragraph(text=text, label=self.label, level=len(self.lists) - 1 if self.label else None,
                         bullet=self.label == "•", heading=self.heading)
        self.label = ""
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.paragraphs.append(para)
        else:
            self.blocks.append(para)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        if tag == "br":
            self.buffer.append("\x0b")
            return
        if tag in _BLOCK:
            self.flush()
        if tag == "pre":
            self.pre += 1
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading = int(tag[1])
        elif tag == "ol":
            try:
                start = int(a.get("start") or 1)
            except ValueError:
                start = 1
            self.lists.append([_OL.get(a.get("type") or "1", "decimal"), start - 1])
        elif tag == "ul":
            self.lists.append(["bullet", 0])
        elif tag == "li" and self.lists:
            kind = self.lists[-1]
            if kind[0] == "bullet":
                self.label = "•"
            else:
                try:
                    value = a.get("value")
                    kind[1] = int(value) if value else kind[1] + 1
                except ValueError:
                    kind[1] += 1
                self.label = f"{format_number(kind[1], kind[0])}."
        elif tag == "table":
            self.tables.append(_TableState())
        elif tag == "tr" and self.tables:
            self.tables[-1].rows.append([])
        elif tag in ("td", "th") and self.tables:
            t = self.tables[-1]
            if not t.rows:
                t.rows.append([])
            r = len(t.rows) - 1
            col = 0
            while t.occupied.get((r, col)):
                col += 1
            try:
                colspan = max(1, min(int(a.get("colspan") or 1), 64))
                rowspan = max(1, min(int(a.get("rowspan") or 1), 1000))
            except ValueError:
                colspan = rowspan = 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    t.occupied[(r + dr, col + dc)] = True
            t.cell = Cell(paragraphs=[], row=r, column=col, rowspan=rowspan, colspan=colspan)
            t.rows[-1].append(t.cell)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in _BLOCK:
            self.flush()
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading = None
        elif tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        elif tag in ("td", "th") and self.tables:
            self.tables[-1].cell = None
        elif tag == "table" and self.tables:
            t = self.tables.pop()
            columns = max((c + 1 for (_, c) in t.occupied), default=0)
            table = Table(rows=t.rows, columns=columns)
            if self.tables and self.tables[-1].cell is not None:
                self.tables[-1].cell.paragraphs.extend(p for row in t.rows for cell in row for p in cell.paragraphs)
            else:
                self.blocks.append(table)

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.buffer.append(data)


_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)


def read_html(path: Path, name: str | None = None, data: bytes | None = None) -> Document:
    """Read an HTML page."""
    label = name or path.name
    raw = path.read_bytes() if data is None else data
    m = _CHARSET.search(raw[:4096])
    if m and m.group(1).lower() in (b"windows-1251", b"cp1251"):
        text = raw.decode("cp1251", errors="replace")
    else:
        text = decode(raw, label)
    parser = _Parser()
    parser.feed(text)
    parser.close()
    parser.flush()
    blocks = parser.blocks
    return Document(name=label, format="html", blocks=blocks, lines=number_lines(blocks))
