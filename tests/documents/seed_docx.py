"""DOCX versions of the four bundled Положения, the way they were adopted in Word.

The plugins ship their documents as text exports; the adopted originals were Word files. This script
rebuilds them: every line of the text becomes a paragraph (blank lines stay empty paragraphs, so that
line *n* of LibreOffice's text export of the DOCX is line *n* of the text up to the first table);
printed labels («1.», «3.2.1.», «1)») become Word's automatic multi-level numbering — one outline list
for the sections, a new instance with ``w:startOverride`` where the document restarts it (the Положение
after the order's own points), a separate list for a run of «1.», «2.» inside a section, another for
«1)», a list with other start values where the printed labels jump; «·», «-», «–» lines become bullet
lists; ``[bookmark: …]`` markers of the export become real bookmarks. The roadmap becomes a Word table
with merged cells: each direction one row merged across all columns, each group cell merged down over its
measures, in Мегион the «№ п/п» column numbered automatically. The roadmap's cells are taken from the
hand encoding in ``config/`` (the text export has lost the table: its cells run over page breaks and
shifted columns); every cell carries a bookmark ``seed_line_N`` naming the line of the text it came from.

Run: ``python tests/documents/seed_docx.py OUTDIR`` (writes ``<jurisdiction>.docx`` for each of the four).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

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


_COLUMNS = (("№", "number"), ("Наименование системообразующего", "group"), ("Наименование мероприятия", "text"),
            ("Ответственный исполнитель", "co_executors"), ("Ответственный", "responsible"), ("Срок", "deadline"),
            ("Результат", "result"))


def _columns(header: list[str]) -> list[str]:
    out = []
    for cell in header:
        out.append(next((field for key, field in _COLUMNS if cell.strip().startswith(key)), "other"))
    return out


def _refs(items: list, seed_text: str) -> str:
    texts = [i if isinstance(i, str) else i["as_written"] for i in items or []]
    joined = ", ".join(texts)
    return joined if joined and joined in seed_text else " ".join(texts)


def _table(builder: _Builder, config: dict, header_line: int) -> None:
    w = builder.w
    lines = builder.lines
    header = lines[header_line - 1].split("\t")
    fields = _columns(header)
    seed_text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", "\n".join(lines)))
    rows: list[list[CellSpec]] = [[CellSpec([Para(h.strip(), bookmark=f"seed_line_{header_line}")]) for h in header]]
    numbered = None
    if "number" in fields:
        aid = w.abstract([Lvl("decimal", "%1.")])
        numbered = w.num(aid)
    direction = None
    group = None
    for measure in config.get("roadmap", []):
        line = measure["source"]["line"]
        mark = f"seed_line_{line}"
        if measure.get("direction") and measure["direction"] != direction:
            direction = measure["direction"]
            head, _, rest = direction.partition(" «")
            at = next((i + 1 for i in range(header_line, line) if lines[i].startswith(head)), line)
            paras = [Para(head, bookmark=f"seed_line_{at}")] + ([Para("«" + rest)] if rest else [])
            rows.append([CellSpec(paras, span=len(fields))])
        cells: list[CellSpec] = []
        for field in fields:
            if field == "group":
                same = measure.get("group") == group and group is not None
                group = measure.get("group")
                cells.append(CellSpec([] if same else [Para(group or "", bookmark=mark)],
                                      vmerge="continue" if same else "restart"))
            elif field == "number":
                cells.append(CellSpec([Para("", numbered if measure.get("number") else None, bookmark=mark)]))
            elif field == "text":
                number = measure.get("number") if "number" not in fields else None
                cells.append(CellSpec([Para(f"{number} {measure['text']}" if number else measure["text"],
                                            bookmark=mark)]))
            elif field in ("responsible", "co_executors"):
                cells.append(CellSpec([Para(_refs(measure.get(field), seed_text), bookmark=mark)]))
            elif field == "deadline":
                cells.append(CellSpec([Para((measure.get("deadline") or {}).get("as_written", ""), bookmark=mark)]))
            elif field == "result":
                cells.append(CellSpec([Para(measure.get("result") or "", bookmark=mark)]))
            else:
                cells.append(CellSpec([Para("", bookmark=mark)]))
        rows.append(cells)
    widths = [9638 // len(fields)] * len(fields)
    w.table(rows, widths)


def build(jurisdiction: str, out: Path) -> Path:
    """Write ``<out>/<jurisdiction>.docx`` from the bundled text and configuration; return its path."""
    config = yaml.safe_load((ROOT / "config" / f"{jurisdiction}.yaml").read_text(encoding="utf-8"))
    lines = seed_path(jurisdiction).read_text(encoding="utf-8").split("\n")
    builder = _Builder(lines)
    roadmap_lines = [m["source"]["line"] for m in config.get("roadmap", [])]
    header = None
    if roadmap_lines:
        # The header: the first line of the run of tab-separated (or blank) lines that holds the rows.
        header = min(roadmap_lines)
        i = header - 1
        while i >= 1 and ("\t" in lines[i - 1] or not lines[i - 1].strip()):
            if "\t" in lines[i - 1]:
                header = i
            i -= 1
    for index in range(len(lines)):
        if header is not None and index + 1 == header:
            _table(builder, config, header)
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
