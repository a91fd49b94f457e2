"""DOCX: Word's automatic numbering and merged cells, line for line as LibreOffice prints them."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from efs.documents.docx import read_docx
from efs.documents.model import Paragraph, Table
from efs.documents.reading import read
from tests.documents.conftest import strip_trailing
from tests.documents.docx_writer import CellSpec, DocxWriter, Lvl, Para
from tests.documents.seed_docx import BOOKMARK, JURISDICTIONS, LABEL, seed_path


@pytest.fixture(scope="module")
def exported(libreoffice, seed_docx, tmp_path_factory) -> dict[str, list[str]]:
    return libreoffice.text(list(seed_docx.values()), tmp_path_factory.mktemp("seed-txt"))


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_every_line_and_label_is_libreoffice_s(jurisdiction, seed_docx, exported):
    doc = read_docx(seed_docx[jurisdiction])
    assert strip_trailing(doc.lines) == exported[jurisdiction]
    labelled = [p for p in doc.paragraphs() if p.label and not p.bullet]
    assert len(labelled) >= 10  # the documents are numbered automatically, not typed


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_labels_are_the_ones_printed_in_the_adopted_text(jurisdiction, seed_docx):
    # The generator turns printed labels into Word numbering; reading it back must give the printed ones,
    # on the same line (one paragraph per line of the text up to the first table).
    doc = read_docx(seed_docx[jurisdiction])
    seed = seed_path(jurisdiction).read_text(encoding="utf-8").split("\n")
    first_table = min((t.line for t in doc.tables()), default=len(doc.lines) + 1)
    checked = 0
    for number, line in enumerate(seed[: first_table - 1], start=1):
        m = LABEL.match(BOOKMARK.sub("", line))
        if m:
            assert doc.lines[number - 1].startswith(m.group("num") + m.group("end") + " "), (number, line)
            checked += 1
    assert checked >= 5


def test_level_restart_follows_word():
    # w:lvlRestart (ECMA-376 17.9.10): level 3 restarts only after level 1. LibreOffice 7.4 ignores the
    # element (it restarts after any higher level), so this is checked against the specification alone.
    from efs.documents.numbering import Level, ListInstance, Numbering

    numbering = Numbering(abstracts={"0": [Level(1, "decimal", "%1."), Level(1, "decimal", "%1.%2."),
                                           Level(1, "upperRoman", "%3.", restart=1)]},
                          instances={"1": ListInstance("0")})
    labels = [numbering.next_label("1", lvl)[0] for lvl in (0, 2, 1, 2, 0, 2)]
    assert labels == ["1.", "I.", "1.1.", "II.", "2.", "I."]


def _constructs(path: Path) -> None:
    w = DocxWriter()
    outline = w.abstract([Lvl("decimal", "%1."), Lvl("decimal", "%1.%2."), Lvl("decimal", "%1.%2.%3."),
                          Lvl("russianLower", "%4)"), Lvl("lowerLetter", "%5."), Lvl("upperRoman", "%6.")])
    bullets = w.abstract([Lvl("bullet", "\uf0b7", font="Symbol"), Lvl("bullet", "–"), Lvl("bullet", "o")])
    n1 = w.num(outline)
    w.paragraph(Para("Общие положения", n1, 0, "Heading1"))
    w.paragraph(Para("пункт", n1, 1))
    w.paragraph(Para("строка\nс мягким переносом", n1, 1))
    w.paragraph(Para("абзац без номера между пунктами"))
    w.paragraph(Para("подпункт", n1, 2))
    for k in range(31):
        w.paragraph(Para(f"буква {k + 1}", n1, 3))
    for k in range(28):
        w.paragraph(Para(f"латинская {k + 1}", n1, 4))
    w.paragraph(Para("римская", n1, 5))
    w.paragraph(Para("снова подпункт: римская начинается заново", n1, 2))
    w.paragraph(Para("римская снова с I", n1, 5))
    n2 = w.num(outline)
    w.paragraph(Para("другой w:num того же списка продолжает его", n2, 1))
    n3 = w.num(outline, {0: 1})
    w.paragraph(Para("начать заново", n3, 0, "Heading1"))
    w.paragraph(Para("его пункт", n3, 1))
    n4 = w.num(outline, {0: 7})
    w.paragraph(Para("переопределение не своего уровня", n4, 1))
    w.paragraph(Para("переопределённый уровень при первом появлении", n4, 0))
    n5 = w.num(outline, {2: 4})
    w.paragraph(Para("начальное значение 4 на третьем уровне", n5, 2))
    w.paragraph(Para("", n5, 2))
    w.paragraph(Para("после пустого нумерованного абзаца", n5, 2))
    b = w.num(bullets)
    for level in range(3):
        w.paragraph(Para(f"маркер уровня {level + 1}", b, level))
    table_list = w.num(w.abstract([Lvl("decimal", "%1.")]))
    w.table([
        [CellSpec([Para("№")]), CellSpec([Para("Мероприятие")]), CellSpec([Para("Срок")])],
        [CellSpec([Para("Направление 1"), Para("«Управление»")], span=3)],
        [CellSpec([Para("", table_list)]), CellSpec([Para("первое")]), CellSpec([Para("2023")], vmerge="restart")],
        [CellSpec([Para("")]), CellSpec([Para("без номера")]), CellSpec([Para("")], vmerge="continue")],
        [CellSpec([Para("", table_list)]), CellSpec([Para("второе"), Para("два абзаца")]),
         CellSpec([Para("")], vmerge="continue")],
    ], [1000, 6000, 2000])
    w.paragraph(Para("конец"))
    w.save(path)


def test_numbering_constructs_match_libreoffice(libreoffice, tmp_path):
    path = tmp_path / "constructs.docx"
    _constructs(path)
    doc = read_docx(path)
    assert strip_trailing(doc.lines) == libreoffice.text([path], tmp_path / "txt")["constructs"]
    labels = [p.label for p in doc.paragraphs() if p.label]
    # Spot checks against what Word shows, independent of LibreOffice: restart, continuation, alphabets.
    assert labels[:4] == ["1.", "1.1.", "1.2.", "1.2.1."]
    assert "аа)" in labels and "аб)" in labels and "z." in labels and "I." in labels
    assert doc.lines[doc.lines.index("1. начать заново")] == "1. начать заново"


def test_merged_cells_are_one_cell(tmp_path):
    path = tmp_path / "constructs.docx"
    _constructs(path)
    table = read_docx(path).tables()[0]
    grid = table.grid()
    assert table.columns == 3
    assert grid[1][0] is grid[1][1] is grid[1][2]  # the direction row spans the table
    assert grid[2][2] is grid[3][2] is grid[4][2]  # the deadline is merged down over three rows
    assert grid[2][2].rowspan == 3 and grid[2][2].text == "2023"
    assert [c.text for c in (grid[2][0], grid[3][0], grid[4][0])] == ["1. ", "", "2. "]


def test_amur_roadmap_groups_are_merged_down(seed_docx):
    table = read_docx(seed_docx["amur"]).tables()[0]
    grid = table.grid()
    group = {r: grid[r][0] for r in range(len(grid)) if grid[r][0] is not None}
    first = next(c for c in group.values() if c.text.startswith("1.1. Разработка"))
    assert first.rowspan == 4  # 1.1.1–1.1.4
    directions = [row for row in grid if row[0] is row[-1] and row[0] is not None]
    assert [r[0].paragraphs[0].text for r in directions] == ["Направление 1", "Направление 2", "Направление 3"]


def test_headings_and_bookmarks(seed_docx):
    doc = read_docx(seed_docx["turochak"])
    headings = [p for p in doc.paragraphs() if p.heading == 1]
    assert [p.rendered for p in headings][:2] == ["1. Общие положения", "2. Актуальность, цель, задачи и принципы "
                                                  "функционирования региональной системы научно-методического "
                                                  "сопровождения педагогических работников и управленческих кадров"]
    marked = next(p for p in doc.paragraphs() if "bookmark4" in p.bookmarks)
    assert marked.rendered == "3.2.1. Министерство образования и науки Республики Алтай."


def test_reader_is_chosen_by_content_not_name(seed_docx, tmp_path):
    renamed = tmp_path / "положение.bin"
    renamed.write_bytes(seed_docx["tyumen"].read_bytes())
    doc = read(renamed)
    assert doc.format == "docx" and doc.name == "положение.bin"


@pytest.mark.parametrize(("content", "message"), [
    (b"PK\x03\x04garbage", "повреждён"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "DOC"),
    (b"%PDF-1.7\n", "PDF"),
])
def test_unreadable_documents_are_russian_errors(tmp_path, content, message):
    from efs.documents.model import DocumentError

    path = tmp_path / "x.docx"
    path.write_bytes(content)
    with pytest.raises(DocumentError, match=message):
        read(path)


def test_docx_without_body_part(tmp_path):
    from efs.documents.model import DocumentError

    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/other.xml", "<x/>")
    with pytest.raises(DocumentError, match=r"word/document\.xml"):
        read(path)


def test_document_model_walks_cells_in_order(seed_docx):
    doc = read_docx(seed_docx["megion"])
    table = doc.tables()[0]
    assert isinstance(table, Table)
    numbers = [row[0].text for row in table.rows[1:]]
    assert numbers == ["1. ", "2. ", "3. ", "4. ", "", "5. ", "6. ", "7. ", "8. "]
    assert all(isinstance(p, Paragraph) for p in doc.paragraphs())
    assert re.match(r"1\. Утвердить", doc.lines[21])
