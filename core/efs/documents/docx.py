"""DOCX (Office Open XML) → :class:`~efs.documents.model.Document`, with Word's numbering labels.

Read with the standard library (``zipfile`` and ``xml.etree``): the package is a zip of XML parts, and
what efs needs of it — paragraphs, their numbering (``word/numbering.xml``), styles for headings and
style-linked lists, tables with merged cells, bookmarks — is a few hundred lines. python-docx was
measured for this and gives no numbering labels at all and returns a merged cell once per grid column
it covers; it is not used.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from efs.documents.model import Block, Cell, Document, DocumentError, Paragraph, Table, number_lines
from efs.documents.numbering import Level, ListInstance, Numbering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_CONTAINERS = {f"{W}hyperlink", f"{W}ins", f"{W}smartTag", f"{W}fldSimple", f"{W}customXml", f"{W}sdt",
               f"{W}sdtContent", f"{W}moveTo", f"{MC}AlternateContent", f"{MC}Fallback"}


def _val(el: ET.Element | None, attr: str = "val") -> str | None:
    return None if el is None else el.get(f"{W}{attr}")


def _int(el: ET.Element | None, default: int | None = None) -> int | None:
    value = _val(el)
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _on(el: ET.Element | None) -> bool:
    # A toggle property: present means on unless w:val says false.
    return el is not None and _val(el) not in ("0", "false", "off")


class _Styles:
    """Paragraph styles: names, ``basedOn``, list membership (``numPr``) and outline level."""

    def __init__(self, root: ET.Element | None) -> None:
        self.names: dict[str, str] = {}
        self.based_on: dict[str, str] = {}
        self.num: dict[str, tuple[str | None, int | None]] = {}
        self.outline: dict[str, int] = {}
        self.default: str | None = None
        if root is None:
            return
        for st in root.iter(f"{W}style"):
            if st.get(f"{W}type") not in (None, "paragraph", "numbering"):
                continue
            sid = st.get(f"{W}styleId") or ""
            name = _val(st.find(f"{W}name")) or sid
            self.names[sid] = name
            if st.get(f"{W}default") in ("1", "true") and st.get(f"{W}type") == "paragraph":
                self.default = sid
            base = _val(st.find(f"{W}basedOn"))
            if base:
                self.based_on[sid] = base
            ppr = st.find(f"{W}pPr")
            if ppr is None:
                continue
            numpr = ppr.find(f"{W}numPr")
            if numpr is not None:
                self.num[sid] = (_val(numpr.find(f"{W}numId")), _int(numpr.find(f"{W}ilvl")))
            outline = _int(ppr.find(f"{W}outlineLvl"))
            if outline is not None and outline < 9:
                self.outline[sid] = outline + 1

    def chain(self, sid: str | None) -> list[str]:
        out: list[str] = []
        while sid and sid not in out:
            out.append(sid)
            sid = self.based_on.get(sid)
        return out

    def numbering(self, sid: str | None) -> tuple[str | None, int | None]:
        for s in self.chain(sid):
            if s in self.num:
                return self.num[s]
        return None, None

    def heading(self, sid: str | None) -> int | None:
        for s in self.chain(sid):
            if s in self.outline:
                return self.outline[s]
            name = self.names.get(s, "").lower()
            if name.startswith("heading ") and name[8:].isdigit():
                return int(name[8:])
        return None


def _level(el: ET.Element) -> Level:
    return Level(
        start=_int(el.find(f"{W}start"), 0) or 0,
        fmt=_val(el.find(f"{W}numFmt")) or "decimal",
        text=_val(el.find(f"{W}lvlText")) or "",
        restart=_int(el.find(f"{W}lvlRestart")),
        legal=_on(el.find(f"{W}isLgl")),
        style=_val(el.find(f"{W}pStyle")),
    )


def _numbering(root: ET.Element | None, styles: _Styles) -> Numbering:
    numbering = Numbering()
    if root is None:
        return numbering
    links: dict[str, str] = {}
    for ab in root.findall(f"{W}abstractNum"):
        aid = ab.get(f"{W}abstractNumId") or ""
        levels = [Level() for _ in range(9)]
        for lvl in ab.findall(f"{W}lvl"):
            i = int(lvl.get(f"{W}ilvl") or 0)
            if 0 <= i < 9:
                levels[i] = _level(lvl)
        numbering.abstracts[aid] = levels
        link = _val(ab.find(f"{W}numStyleLink"))
        if link:
            links[aid] = link
    for num in root.findall(f"{W}num"):
        nid = num.get(f"{W}numId") or ""
        inst = ListInstance(abstract=_val(num.find(f"{W}abstractNumId")) or "")
        for ov in num.findall(f"{W}lvlOverride"):
            i = int(ov.get(f"{W}ilvl") or 0)
            start = _int(ov.find(f"{W}startOverride"))
            if start is not None:
                inst.start_overrides[i] = start
            override = ov.find(f"{W}lvl")
            if override is not None:
                inst.level_overrides[i] = _level(override)
        numbering.instances[nid] = inst
    # An abstract numbering that only links to a numbering style takes that style's list definition.
    for aid, style in links.items():
        num_id, _ = styles.numbering(style)
        target = numbering.instances.get(num_id or "")
        if target is not None and target.abstract in numbering.abstracts and target.abstract != aid:
            numbering.abstracts[aid] = numbering.abstracts[target.abstract]
    return numbering


class _Reader:
    def __init__(self, styles: _Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering

    def paragraph(self, p: ET.Element) -> Paragraph:
        ppr = p.find(f"{W}pPr")
        sid = _val(ppr.find(f"{W}pStyle")) if ppr is not None else None
        sid = sid or self.styles.default
        bookmarks: list[str] = []
        text = self._text(p, bookmarks)
        num_id, ilvl = self.styles.numbering(sid)
        numpr = ppr.find(f"{W}numPr") if ppr is not None else None
        if numpr is not None:
            direct_id = _val(numpr.find(f"{W}numId"))
            direct_lvl = _int(numpr.find(f"{W}ilvl"))
            num_id = direct_id if direct_id is not None else num_id
            ilvl = direct_lvl if direct_lvl is not None else ilvl
        para = Paragraph(text=text, style=self.styles.names.get(sid or "", sid), bookmarks=tuple(bookmarks))
        outline = _int(ppr.find(f"{W}outlineLvl")) if ppr is not None else None
        para.heading = outline + 1 if outline is not None and outline < 9 else self.styles.heading(sid)
        if num_id and num_id != "0":
            if ilvl is None:
                levels = self.numbering.levels(num_id) or []
                ilvl = next((i for i, lv in enumerate(levels) if sid and lv.style == sid), 0)
            got = self.numbering.next_label(num_id, ilvl)
            if got is not None:
                para.label, para.bullet = got
                para.level = ilvl
        return para

    def _text(self, el: ET.Element, bookmarks: list[str]) -> str:
        out: list[str] = []
        for child in el:
            tag = child.tag
            if tag == f"{W}r":
                out.append(self._run(child))
            elif tag == f"{W}bookmarkStart":
                name = child.get(f"{W}name")
                if name and not name.startswith("_"):
                    bookmarks.append(name)
            elif tag in _CONTAINERS:
                out.append(self._text(child, bookmarks))
            elif tag == f"{MC}Choice":
                continue
        return "".join(out)

    def _run(self, r: ET.Element) -> str:
        rpr = r.find(f"{W}rPr")
        if rpr is not None and _on(rpr.find(f"{W}vanish")):
            return ""
        out: list[str] = []
        for child in r:
            tag = child.tag
            if tag == f"{W}t":
                out.append(child.text or "")
            elif tag == f"{W}tab":
                out.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                if child.get(f"{W}type") not in ("page", "column"):
                    out.append("\n")
            elif tag == f"{W}noBreakHyphen":
                out.append("-")
            elif tag == f"{W}sym":
                code = child.get(f"{W}char") or ""
                if code and all(c in "0123456789abcdefABCDEF" for c in code) and len(code) <= 6:
                    out.append(chr(int(code, 16)))
        return "".join(out)

    def blocks(self, parent: ET.Element) -> list[Block]:
        out: list[Block] = []
        for child in parent:
            tag = child.tag
            if tag == f"{W}p":
                out.append(self.paragraph(child))
            elif tag == f"{W}tbl":
                out.append(self.table(child))
            elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
                out.extend(self.blocks(child))
        return out

    def table(self, tbl: ET.Element) -> Table:
        grid = tbl.find(f"{W}tblGrid")
        columns = len(grid.findall(f"{W}gridCol")) if grid is not None else 0
        rows: list[list[Cell]] = []
        # The cell a vertical merge started in, by grid column.
        open_merge: dict[int, Cell] = {}
        for r, tr in enumerate(tbl.findall(f"{W}tr")):
            trpr = tr.find(f"{W}trPr")
            col = _int(trpr.find(f"{W}gridBefore"), 0) or 0 if trpr is not None else 0
            row: list[Cell] = []
            for tc in tr.findall(f"{W}tc"):
                tcpr = tc.find(f"{W}tcPr")
                span = (_int(tcpr.find(f"{W}gridSpan"), 1) or 1) if tcpr is not None else 1
                vmerge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
                cell = Cell(paragraphs=self._cell_paragraphs(tc), row=r, column=col, colspan=span)
                if vmerge is not None and _val(vmerge) != "restart" and col in open_merge:
                    origin = open_merge[col]
                    origin.rowspan = r - origin.row + 1
                    cell.covered = True
                elif vmerge is not None:
                    open_merge[col] = cell
                else:
                    open_merge.pop(col, None)
                row.append(cell)
                col += span
            columns = max(columns, col)
            rows.append(row)
        return Table(rows=rows, columns=columns)

    def _cell_paragraphs(self, tc: ET.Element) -> list[Paragraph]:
        out: list[Paragraph] = []
        for block in self.blocks(tc):
            if isinstance(block, Paragraph):
                out.append(block)
            else:  # a nested table: its paragraphs, in reading order
                for row in block.rows:
                    for cell in row:
                        out.extend(cell.paragraphs)
        return out


def _part(z: zipfile.ZipFile, name: str) -> ET.Element | None:
    try:
        data = z.read(name)
    except KeyError:
        return None
    return ET.fromstring(data)


def read_docx(path: Path, name: str | None = None) -> Document:
    """Read a DOCX file."""
    label = name or path.name
    try:
        with zipfile.ZipFile(path) as z:
            body_root = _part(z, "word/document.xml")
            if body_root is None:
                raise DocumentError(f"{label}: в файле нет word/document.xml — это не документ Word (DOCX)")
            styles = _Styles(_part(z, "word/styles.xml"))
            numbering = _numbering(_part(z, "word/numbering.xml"), styles)
    except zipfile.BadZipFile as exc:
        raise DocumentError(f"{label}: файл повреждён или это не DOCX (не zip-архив)") from exc
    except ET.ParseError as exc:
        raise DocumentError(f"{label}: повреждённый XML внутри DOCX ({exc.position[0]}:{exc.position[1]})") from exc
    body = body_root.find(f"{W}body")
    blocks = _Reader(styles, numbering).blocks(body if body is not None else body_root)
    return Document(name=label, format="docx", blocks=blocks, lines=number_lines(blocks))
