"""Plain text → :class:`~efs.documents.model.Document`: one paragraph per line, as the file has it.

A text export keeps labels as typed characters («3.2.1.», «·»), so a paragraph's :attr:`label` is empty
and the drafter reads the printed label from the text. A run of tab-separated lines is a table whose rows
are the file's lines (a row broken over a page stays broken: which lines make one row of the original is
a question for the drafter, which knows what a row holds).
"""

from __future__ import annotations

from pathlib import Path

from efs.documents.model import Block, Cell, Document, DocumentError, Paragraph, Table

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode(data: bytes, label: str) -> str:
    """Text of a file: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1251 Russian text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1251", errors="replace")
    letters = sum(1 for ch in text if ch.isalpha())
    cyrillic = sum(1 for ch in text if "а" <= ch.lower() <= "я" or ch in "ёЁ")
    if letters and cyrillic / letters > 0.5:
        return text
    raise DocumentError(f"{label}: текст не в UTF-8 и не в Windows-1251; сохраните файл в UTF-8")


def lines_to_blocks(lines: list[str]) -> list[Block]:
    """Paragraphs, one per line; runs of two or more tab-separated lines (blank lines between them
    allowed) as tables. A lone line with tabs is a paragraph: a justified line of a PDF export keeps
    tabs between its words."""
    tabbed = [("\t" in line) for line in lines]
    runs = [False] * len(lines)
    i = 0
    while i < len(lines):
        if not tabbed[i]:
            i += 1
            continue
        j, count, last = i, 0, i
        while j < len(lines) and (tabbed[j] or not lines[j].strip()):
            if tabbed[j]:
                count += 1
                last = j
            j += 1
        if count >= 2:
            for k in range(i, last + 1):
                runs[k] = True
        i = last + 1
    blocks: list[Block] = []
    table: Table | None = None
    pending_blank: list[Paragraph] = []
    for number, line in enumerate(lines, start=1):
        if runs[number - 1] and "\t" in line:
            if table is None:
                blocks.extend(pending_blank)
                table = Table(rows=[])
                blocks.append(table)
            else:
                # Blank lines inside a table's run of lines belong to the row before them.
                for blank in pending_blank:
                    table.rows[-1][-1].paragraphs.append(blank)
            pending_blank = []
            cells = line.split("\t")
            r = len(table.rows)
            table.rows.append([Cell(paragraphs=[Paragraph(text=c, line=number)], row=r, column=k)
                               for k, c in enumerate(cells)])
            table.columns = max(table.columns, len(cells))
            continue
        para = Paragraph(text=line, line=number)
        if table is not None and not line.strip():
            pending_blank.append(para)
            continue
        blocks.extend(pending_blank)
        pending_blank = []
        table = None
        blocks.append(para)
    blocks.extend(pending_blank)
    return blocks


def read_text(path: Path, name: str | None = None, data: bytes | None = None) -> Document:
    """Read a plain-text file; its lines are the document's lines."""
    label = name or path.name
    raw = path.read_bytes() if data is None else data
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(f"{label}: это не текстовый файл (двоичные данные)")
    text = decode(raw, label).replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    return Document(name=label, format="txt", blocks=lines_to_blocks(lines), lines=lines)
