"""The document as read: paragraphs with their numbering labels, tables with merged cells, lines.

A :class:`Document` is what every reader produces, whatever the format. Its :attr:`Document.lines`
are the lines ``source.line`` counts: for a text file, the file's lines; for DOCX, ODT and HTML, the
document's text as LibreOffice's text export prints it (``soffice --convert-to txt:Text``),
without the indentation LibreOffice puts before list labels: one line per paragraph, a numbered
paragraph as its label, a space and its text, a table cell by cell, row by row, each paragraph of a cell
on its own line. A drafted item's ``source.line`` is a line of this text, so that a reviewer can open
the same text with LibreOffice and find it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from efs.documents.numbering import EXPORT_BULLETS
from efs.errors import EfsError, Location


class DocumentError(EfsError):
    """A document cannot be read: not a DOCX/ODT/HTML/TXT, damaged, or in an unknown encoding."""

    exit_code = 2


@dataclass(slots=True)
class Paragraph:
    """One paragraph: its numbering label as shown, and its text without the label.

    Attributes:
        text: The paragraph's text (a soft line break is a ``\\n``), without the label.
        label: The numbering label as Word shows it («1.1.», «а)», «•»), or ``""``.
        level: The list level (0-based) of a numbered or bulleted paragraph, else ``None``.
        bullet: True when the label is a bullet rather than a number.
        heading: Outline level (1-based) of a heading paragraph, else ``None``.
        style: The paragraph style's name, if any.
        line: 1-based line of the paragraph in :attr:`Document.lines`.
        bookmarks: Names of bookmarks that start in the paragraph.
    """

    text: str
    label: str = ""
    level: int | None = None
    bullet: bool = False
    heading: int | None = None
    style: str | None = None
    line: int = 0
    bookmarks: tuple[str, ...] = ()

    @property
    def rendered(self) -> str:
        """The paragraph as LibreOffice's text export prints it: label, a space, text.

        A bullet is printed as that export prints bullets, by level («•», «◦», «▪»), whatever character
        the list uses (:attr:`label` keeps the character).
        """
        if not self.label:
            return self.text
        label = EXPORT_BULLETS[(self.level or 0) % 3] if self.bullet else self.label
        return f"{label} {self.text}"


@dataclass(slots=True)
class Cell:
    """A table cell: its paragraphs and the grid area it covers.

    A cell merged over several rows (``rowspan``) or columns (``colspan``) holds its content where it
    starts. A Word table also keeps, in each further row of a vertical merge, a placeholder cell that
    Word does not show (``covered``); it is kept in :attr:`Table.rows` because LibreOffice's text export
    writes its (usually empty) paragraph, and :meth:`Table.grid` maps its position to the merged cell.
    """

    paragraphs: list[Paragraph]
    row: int
    column: int
    rowspan: int = 1
    colspan: int = 1
    covered: bool = False

    @property
    def text(self) -> str:
        """The cell's paragraphs joined by line breaks, labels included."""
        return "\n".join(p.rendered for p in self.paragraphs)

    @property
    def line(self) -> int:
        """Line of the cell's first paragraph."""
        return self.paragraphs[0].line if self.paragraphs else 0


@dataclass(slots=True)
class Table:
    """A table: rows of cells, merged cells kept merged."""

    rows: list[list[Cell]]
    columns: int = 0

    def grid(self) -> list[list[Cell | None]]:
        """Rows × columns: each position holds the cell that covers it (the same object for a merged area)."""
        height = len(self.rows)
        out: list[list[Cell | None]] = [[None] * self.columns for _ in range(height)]
        for row in self.rows:
            for cell in row:
                if cell.covered:
                    continue
                for r in range(cell.row, min(height, cell.row + cell.rowspan)):
                    for c in range(cell.column, min(self.columns, cell.column + cell.colspan)):
                        out[r][c] = cell
        return out

    @property
    def line(self) -> int:
        """Line of the table's first cell."""
        for row in self.rows:
            for cell in row:
                if cell.paragraphs:
                    return cell.line
        return 0


Block = Paragraph | Table


@dataclass(slots=True)
class Document:
    """A document as read: its blocks in order and its text lines.

    Attributes:
        name: The file name (as the user gave it) — the ``source.document`` of drafted items.
        format: ``docx``, ``odt``, ``txt`` or ``html``.
        blocks: Paragraphs and tables in document order.
        lines: The text, one entry per line (``lines[0]`` is line 1).
    """

    name: str
    format: str
    blocks: list[Block] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every paragraph in reading order, those inside table cells included."""
        for block in self.blocks:
            if isinstance(block, Paragraph):
                yield block
            else:
                for row in block.rows:
                    for cell in row:
                        yield from cell.paragraphs

    def tables(self) -> list[Table]:
        """The document's tables in order."""
        return [b for b in self.blocks if isinstance(b, Table)]

    def row_lines(self, line: int) -> tuple[int, int] | None:
        """First and last line of the table row that ``line`` stands in, or ``None`` outside a table.

        A Word or Writer table is printed cell by cell (:func:`number_lines`), so one row takes several lines:
        a row's texts (a measure and its result) are quoted from one ``source.line`` that names the row.
        """
        for block in self.blocks:
            if not isinstance(block, Table):
                continue
            for row in block.rows:
                lines = [p.line + k for cell in row for p in cell.paragraphs for k in range(p.text.count("\n") + 1)]
                if lines and min(lines) <= line <= max(lines):
                    return min(lines), max(lines)
        return None

    @property
    def text(self) -> str:
        """The whole text, lines joined by ``\\n``."""
        return "\n".join(self.lines)

    def location(self, line: int) -> Location:
        """A :class:`~efs.errors.Location` in the document."""
        return Location(self.name, line, None)


def number_lines(blocks: list[Block]) -> list[str]:
    """Assign each paragraph its line and return the lines (LibreOffice's text-export layout).

    A table is written cell by cell, row by row, each paragraph of a cell on its own line; a cell merged
    over several rows is written once, in its first row (where LibreOffice also writes it).
    """
    lines: list[str] = []

    def put(p: Paragraph) -> None:
        parts = p.rendered.split("\n")
        p.line = len(lines) + 1
        lines.extend(parts)

    for block in blocks:
        if isinstance(block, Paragraph):
            put(block)
        else:
            for row in block.rows:
                for cell in row:
                    for p in cell.paragraphs:
                        put(p)
    return lines
