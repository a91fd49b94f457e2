"""ODT, HTML and plain text read into the same Document, checked against LibreOffice and the texts."""

from __future__ import annotations

import pytest

from efs.documents.odt import read_odt
from efs.documents.reading import read
from tests.documents.conftest import strip_trailing
from tests.documents.seed_docx import seed_path


@pytest.fixture(scope="module")
def seed_odt(libreoffice, seed_docx, tmp_path_factory):
    out = tmp_path_factory.mktemp("seed-odt")
    files = [seed_docx[j] for j in ("turochak", "amur", "megion")]
    libreoffice.convert(files, "odt", out)
    return {f.stem: out / f"{f.stem}.odt" for f in files}


@pytest.mark.parametrize("jurisdiction", ["turochak", "amur", "megion"])
def test_odt_saved_by_writer_reads_as_writer_prints_it(jurisdiction, seed_odt, libreoffice, tmp_path):
    doc = read_odt(seed_odt[jurisdiction])
    assert strip_trailing(doc.lines) == libreoffice.text([seed_odt[jurisdiction]], tmp_path)[jurisdiction]
    assert sum(1 for p in doc.paragraphs() if p.label and not p.bullet) >= 10


def test_odt_keeps_merged_cells(seed_odt):
    table = read_odt(seed_odt["amur"]).tables()[0]
    grid = table.grid()
    first = next(c for row in grid for c in row if c is not None and c.text.startswith("1.1. Разработка"))
    assert first.rowspan == 4
    assert grid[1][0] is grid[1][5]  # a direction spans the row


PORTAL = """<!DOCTYPE html><html><head><meta charset="windows-1251"><title>Приказ</title>
<script>var x = "<p>не текст</p>";</script><style>p{}</style></head>
<body><nav><a href="/">Главная</a></nav>
<h1>ПОЛОЖЕНИЕ</h1>
<p>1.1. Настоящее&nbsp;Положение   определяет цели.</p>
<p>Функции:<br>- обеспечивает условия;<br>- осуществляет мониторинг.</p>
<ol start="3"><li>третий</li><li>четвёртый<ol type="a"><li>подпункт</li></ol></li></ol>
<table border="1"><tr><th>Группа</th><th>Мероприятие</th><th>Срок</th></tr>
<tr><td rowspan="2">1.1. Документы</td><td>1.1.1. Положение</td><td>до 15.05.2023</td></tr>
<tr><td>1.1.2. Дорожная карта</td><td>до 15.05.2023</td></tr>
<tr><td colspan="3">Направление 2</td></tr></table>
</body></html>"""


def test_portal_html(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(PORTAL.encode("cp1251"))
    doc = read(path)
    assert doc.format == "html"
    assert doc.lines[:8] == ["ПОЛОЖЕНИЕ", "1.1. Настоящее Положение определяет цели.", "Функции:",
                             "- обеспечивает условия;", "- осуществляет мониторинг.", "3. третий", "4. четвёртый",
                             "a. подпункт"]
    assert "не текст" not in doc.text and "Главная" not in doc.text
    table = doc.tables()[0]
    grid = table.grid()
    assert grid[1][0] is grid[2][0] and grid[1][0].text == "1.1. Документы"
    assert grid[3][0] is grid[3][2]
    assert doc.paragraphs().__next__().heading == 1


def test_text_lines_are_the_file_s(tmp_path):
    path = seed_path("amur")
    doc = read(path)
    raw = path.read_text(encoding="utf-8").split("\n")
    assert doc.lines == raw
    table = doc.tables()[0]
    assert table.rows[0][0].line == 474  # the roadmap's header line
    assert all(p.line == int(p.line) for p in doc.paragraphs())


def test_text_in_windows_1251_and_with_bom(tmp_path):
    text = "1. Общие положения\n1.1. Пункт"
    (tmp_path / "a.txt").write_bytes(text.encode("cp1251"))
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert read(tmp_path / "a.txt").lines == read(tmp_path / "b.txt").lines == text.split("\n")


def test_lone_tabbed_line_is_a_paragraph(tmp_path):
    (tmp_path / "a.txt").write_text("обеспечивает\tнаучно-методические\tусловия\nдальше\n", encoding="utf-8")
    doc = read(tmp_path / "a.txt")
    assert doc.tables() == []
