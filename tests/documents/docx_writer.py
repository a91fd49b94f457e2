"""A small WordprocessingML writer for test documents: paragraphs, Word numbering, tables with merged cells.

Written against ECMA-376 directly (a zip of XML parts) so that a test controls exactly what Word would
store: which list instance (``w:num``) a paragraph belongs to, where a list restarts (``w:startOverride``),
which cells are merged (``w:gridSpan``, ``w:vMerge``), where a bookmark starts.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="word/document.xml"/>
</Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
 Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
 Target="numbering.xml"/>
</Relationships>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {NS}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"
 w:cs="Times New Roman"/><w:sz w:val="24"/><w:lang w:val="ru-RU"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
<w:next w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>
<w:next w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>
<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/>
<w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>
<w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>
<w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>
<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>
<w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>
<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>
<w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/>
</w:tblBorders></w:tblPr></w:style>
</w:styles>"""


@dataclass
class Lvl:
    """A level of an abstract numbering: format, label template, start."""

    fmt: str
    text: str
    start: int = 1
    restart: int | None = None
    font: str | None = None


@dataclass
class Para:
    """A paragraph to write."""

    text: str
    num: int | None = None
    ilvl: int = 0
    style: str | None = None
    bookmark: str | None = None


@dataclass
class CellSpec:
    """A table cell: its paragraphs, how many grid columns it spans, its part in a vertical merge."""

    paragraphs: list[Para]
    span: int = 1
    vmerge: str | None = None  # "restart", "continue" or None


@dataclass
class DocxWriter:
    """Collects abstract numberings, list instances, paragraphs and tables; writes a .docx."""

    abstracts: list[list[Lvl]] = field(default_factory=list)
    nums: list[tuple[int, dict[int, int]]] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    _bookmark: int = 0

    def abstract(self, levels: list[Lvl]) -> int:
        """Define an abstract numbering; return its id."""
        self.abstracts.append(levels)
        return len(self.abstracts) - 1

    def num(self, abstract: int, starts: dict[int, int] | None = None) -> int:
        """Define a list instance of ``abstract`` (with ``w:startOverride`` per level); return its numId."""
        self.nums.append((abstract, dict(starts or {})))
        return len(self.nums)

    def _p(self, p: Para) -> str:
        ppr = []
        if p.style:
            ppr.append(f'<w:pStyle w:val="{p.style}"/>')
        if p.num is not None:
            ppr.append(f'<w:numPr><w:ilvl w:val="{p.ilvl}"/><w:numId w:val="{p.num}"/></w:numPr>')
        mark = ""
        if p.bookmark:
            self._bookmark += 1
            mark = (f'<w:bookmarkStart w:id="{self._bookmark}" w:name={quoteattr(p.bookmark)}/>'
                    f'<w:bookmarkEnd w:id="{self._bookmark}"/>')
        runs = []
        for k, piece in enumerate(p.text.split("\n")):
            if k:
                runs.append("<w:r><w:br/></w:r>")
            for j, chunk in enumerate(piece.split("\t")):
                if j:
                    runs.append("<w:r><w:tab/></w:r>")
                if chunk:
                    runs.append(f'<w:r><w:t xml:space="preserve">{escape(chunk)}</w:t></w:r>')
        return f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>{mark}{''.join(runs)}</w:p>"

    def paragraph(self, p: Para) -> None:
        """Append a paragraph."""
        self.body.append(self._p(p))

    def table(self, rows: list[list[CellSpec]], widths: list[int]) -> None:
        """Append a table; ``widths`` are the grid columns' widths in twips."""
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
               f"<w:tblGrid>{grid}</w:tblGrid>"]
        for row in rows:
            out.append("<w:tr>")
            col = 0
            for cell in row:
                width = sum(widths[col:col + cell.span])
                tcpr = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
                if cell.span > 1:
                    tcpr.append(f'<w:gridSpan w:val="{cell.span}"/>')
                if cell.vmerge == "restart":
                    tcpr.append('<w:vMerge w:val="restart"/>')
                elif cell.vmerge == "continue":
                    tcpr.append("<w:vMerge/>")
                paras = cell.paragraphs or [Para("")]
                out.append(f"<w:tc><w:tcPr>{''.join(tcpr)}</w:tcPr>{''.join(self._p(p) for p in paras)}</w:tc>")
                col += cell.span
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.body.append("".join(out))

    def _numbering(self) -> str:
        parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NS}>']
        for aid, levels in enumerate(self.abstracts):
            parts.append(f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>')
            for i, lvl in enumerate(levels):
                restart = f'<w:lvlRestart w:val="{lvl.restart}"/>' if lvl.restart is not None else ""
                font = (f'<w:rPr><w:rFonts w:ascii="{lvl.font}" w:hAnsi="{lvl.font}" w:hint="default"/></w:rPr>'
                        if lvl.font else "")
                parts.append(
                    f'<w:lvl w:ilvl="{i}"><w:start w:val="{lvl.start}"/><w:numFmt w:val="{lvl.fmt}"/>{restart}'
                    f'<w:lvlText w:val={quoteattr(lvl.text)}/><w:lvlJc w:val="left"/>'
                    f'<w:pPr><w:ind w:left="{360 * (i + 1)}" w:hanging="360"/></w:pPr>{font}</w:lvl>')
            parts.append("</w:abstractNum>")
        for nid, (aid, starts) in enumerate(self.nums, start=1):
            overrides = "".join(f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                                for i, v in sorted(starts.items()))
            parts.append(f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>')
        parts.append("</w:numbering>")
        return "".join(parts)

    def save(self, path: Path) -> None:
        """Write the .docx (deterministic: fixed timestamps)."""
        document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>'
                    + "".join(self.body)
                    + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')
        parts = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
                 "word/_rels/document.xml.rels": DOC_RELS, "word/document.xml": document,
                 "word/styles.xml": STYLES, "word/numbering.xml": self._numbering()}
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                info = zipfile.ZipInfo(name, date_time=(2023, 5, 12, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data.encode("utf-8"))
