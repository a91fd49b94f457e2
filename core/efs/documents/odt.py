"""ODT (OpenDocument text) → :class:`~efs.documents.model.Document`, with the list labels Writer shows.

Read with the standard library: ``content.xml`` holds paragraphs, headings, lists and tables; list styles
(in ``styles.xml`` or the automatic styles) give each level's number format, prefix, suffix and how many
levels the label shows. A list continues another by ``text:continue-list`` or, for the last list of its
style, ``text:continue-numbering``; a list item may restart the count (``text:start-value``). odfpy was
considered and adds only a slower object layer over the same XML.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from efs.documents.model import Block, Cell, Document, DocumentError, Paragraph, Table, number_lines
from efs.documents.numbering import bullet_text, format_number

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman",
            "а": "russianLower", "А": "russianUpper", "": "none"}


@dataclass(slots=True)
class _Level:
    fmt: str = "decimal"
    prefix: str = ""
    suffix: str = ""
    display: int = 1
    start: int = 1
    bullet: str | None = None


@dataclass
class _Instance:
    style: str
    counters: list[int | None] = field(default_factory=lambda: [None] * 10)


def _list_styles(*roots: ET.Element | None) -> dict[str, list[_Level]]:
    out: dict[str, list[_Level]] = {}
    for root in roots:
        if root is None:
            continue
        for ls in root.iter(f"{TEXT}list-style"):
            levels = [_Level() for _ in range(10)]
            for el in ls:
                try:
                    i = int(el.get(f"{TEXT}level") or 1) - 1
                except ValueError:
                    continue
                if not 0 <= i < 10:
                    continue
                if el.tag == f"{TEXT}list-level-style-number":
                    levels[i] = _Level(
                        fmt=_FORMATS.get(el.get(f"{STYLE}num-format") or "", "decimal"),
                        prefix=el.get(f"{STYLE}num-prefix") or "",
                        suffix=el.get(f"{STYLE}num-suffix") or "",
                        display=int(el.get(f"{TEXT}display-levels") or 1),
                        start=int(el.get(f"{TEXT}start-value") or 1),
                    )
                elif el.tag == f"{TEXT}list-level-style-bullet":
                    levels[i] = _Level(bullet=bullet_text(el.get(f"{TEXT}bullet-char") or "•"))
            out[ls.get(f"{STYLE}name") or ""] = levels
    return out


class _Reader:
    def __init__(self, styles: dict[str, list[_Level]]) -> None:
        self.styles = styles
        self.by_id: dict[str, _Instance] = {}
        self.last_by_style: dict[str, _Instance] = {}

    def _text(self, el: ET.Element, bookmarks: list[str]) -> str:
        out = [el.text or ""]
        for child in el:
            tag = child.tag
            if tag == f"{TEXT}s":
                out.append(" " * int(child.get(f"{TEXT}c") or 1))
            elif tag == f"{TEXT}tab":
                out.append("\t")
            elif tag == f"{TEXT}line-break":
                out.append("\n")
            elif tag in (f"{TEXT}bookmark", f"{TEXT}bookmark-start"):
                name = child.get(f"{TEXT}name")
                if name and not name.startswith("_"):
                    bookmarks.append(name)
            elif tag in (f"{TEXT}note", f"{OFFICE}annotation", f"{TEXT}soft-page-break"):
                pass
            else:
                out.append(self._text(child, bookmarks))
            out.append(child.tail or "")
        return "".join(out)

    def paragraph(self, el: ET.Element, label: str = "", level: int | None = None, bullet: bool = False) -> Paragraph:
        bookmarks: list[str] = []
        text = self._text(el, bookmarks)
        heading = None
        if el.tag == f"{TEXT}h":
            heading = int(el.get(f"{TEXT}outline-level") or 1)
        return Paragraph(text=text, label=label, level=level, bullet=bullet, heading=heading,
                         style=el.get(f"{TEXT}style-name"), bookmarks=tuple(bookmarks))

    def blocks(self, parent: ET.Element) -> list[Block]:
        out: list[Block] = []
        for child in parent:
            tag = child.tag
            if tag in (f"{TEXT}p", f"{TEXT}h"):
                out.append(self.paragraph(child))
            elif tag == f"{TEXT}list":
                out.extend(self.read_list(child, None, 0))
            elif tag == f"{TABLE}table":
                out.append(self.table(child))
            elif tag in (f"{TEXT}section", f"{TEXT}index-body", f"{TABLE}table-row-group"):
                out.extend(self.blocks(child))
        return out

    def read_list(self, el: ET.Element, inst: _Instance | None, level: int) -> list[Block]:
        if inst is None:
            style = el.get(f"{TEXT}style-name") or ""
            target = el.get(f"{TEXT}continue-list")
            if target and target in self.by_id:
                inst = self.by_id[target]
            elif el.get(f"{TEXT}continue-numbering") == "true" and style in self.last_by_style:
                inst = self.last_by_style[style]
            else:
                inst = _Instance(style)
            self.last_by_style[style] = inst
            if el.get(XML_ID):
                self.by_id[el.get(XML_ID) or ""] = inst
        levels = self.styles.get(inst.style) or [_Level() for _ in range(10)]
        out: list[Block] = []
        for item in el:
            header = item.tag == f"{TEXT}list-header"
            if item.tag not in (f"{TEXT}list-item", header and item.tag):
                continue
            first = True
            for child in item:
                if child.tag == f"{TEXT}list":
                    out.extend(self.read_list(child, inst, level + 1))
                elif child.tag in (f"{TEXT}p", f"{TEXT}h"):
                    label, bullet = "", False
                    if first and not header:
                        label, bullet = self._count(inst, levels, level, item.get(f"{TEXT}start-value"))
                    out.append(self.paragraph(child, label, level if label else None, bullet))
                    first = False
                elif child.tag == f"{TABLE}table":
                    out.append(self.table(child))
        return out

    def _count(self, inst: _Instance, levels: list[_Level], level: int, start: str | None) -> tuple[str, bool]:
        lvl = levels[min(level, 9)]
        if lvl.bullet is not None:
            return lvl.bullet, True
        current = inst.counters[level]
        inst.counters[level] = int(start) if start else (lvl.start if current is None else current + 1)
        for deeper in range(level + 1, 10):
            inst.counters[deeper] = None
        shown = []
        for i in range(max(0, level - lvl.display + 1), level + 1):
            counted = inst.counters[i]
            shown.append(format_number(counted if counted is not None else levels[i].start, levels[i].fmt))
        return f"{lvl.prefix}{'.'.join(shown)}{lvl.suffix}", False

    def table(self, el: ET.Element) -> Table:
        rows: list[list[Cell]] = []
        columns = 0
        vertical: dict[int, Cell] = {}  # grid column → the cell whose row span covers it
        for r, tr in enumerate(el.iter(f"{TABLE}table-row")):
            row: list[Cell] = []
            col = 0
            horizontal: set[int] = set()
            for tc in tr:
                if tc.tag not in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell"):
                    continue
                for _ in range(min(int(tc.get(f"{TABLE}number-columns-repeated") or 1), 64)):
                    paras = self._cell_paragraphs(tc)
                    if tc.tag == f"{TABLE}covered-table-cell":
                        origin = vertical.get(col)
                        if col not in horizontal and origin is not None and origin.row + origin.rowspan > r:
                            # A covered cell under a vertical merge: LibreOffice writes its paragraph.
                            row.append(Cell(paragraphs=paras or [Paragraph("")], row=r, column=col, covered=True))
                        col += 1
                        continue
                    span = int(tc.get(f"{TABLE}number-columns-spanned") or 1)
                    rowspan = int(tc.get(f"{TABLE}number-rows-spanned") or 1)
                    cell = Cell(paragraphs=paras, row=r, column=col, rowspan=rowspan, colspan=span)
                    row.append(cell)
                    horizontal.update(range(col + 1, col + span))
                    for c in range(col, col + span):
                        if rowspan > 1:
                            vertical[c] = cell
                        else:
                            vertical.pop(c, None)
                    col += 1
            columns = max(columns, col)
            rows.append(row)
        return Table(rows=rows, columns=columns)

    def _cell_paragraphs(self, tc: ET.Element) -> list[Paragraph]:
        paras: list[Paragraph] = []
        for block in self.blocks(tc):
            if isinstance(block, Paragraph):
                paras.append(block)
            else:
                paras.extend(p for row in block.rows for cell in row for p in cell.paragraphs)
        return paras


def read_odt(path: Path, name: str | None = None) -> Document:
    """Read an ODT file."""
    label = name or path.name
    try:
        with zipfile.ZipFile(path) as z:
            content = ET.fromstring(z.read("content.xml"))
            try:
                styles_root: ET.Element | None = ET.fromstring(z.read("styles.xml"))
            except KeyError:
                styles_root = None
    except KeyError as exc:
        raise DocumentError(f"{label}: в файле нет content.xml — это не документ OpenDocument (ODT)") from exc
    except zipfile.BadZipFile as exc:
        raise DocumentError(f"{label}: файл повреждён или это не ODT (не zip-архив)") from exc
    except ET.ParseError as exc:
        raise DocumentError(f"{label}: повреждённый XML внутри ODT ({exc.position[0]}:{exc.position[1]})") from exc
    reader = _Reader(_list_styles(styles_root, content))
    body = content.find(f"{OFFICE}body/{OFFICE}text")
    blocks = reader.blocks(body if body is not None else content)
    return Document(name=label, format="odt", blocks=blocks, lines=number_lines(blocks))
