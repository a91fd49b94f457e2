"""The four formats of every bundled jurisdiction's passport; the XLSX's numbers are the JSON's."""

from __future__ import annotations

import json

import pytest

from tests.passport.conftest import NAMES, YEAR


def _sheet_tables(ws, section):
    """Each table of ``section`` as the sheet shows it: rows of cell values under its title and header."""
    values = [[c.value for c in row] for row in ws.iter_rows()]
    out = []
    start = 0
    for t in section["tables"]:
        at = next(i for i in range(start, len(values)) if values[i][0] == t["title"])
        header = values[at + 1][: len(t["columns"])]
        assert header == [c["title"] for c in t["columns"]]
        out.append([row[: len(t["columns"])] for row in values[at + 2: at + 2 + len(t["rows"])]])
        start = at + 2 + len(t["rows"])
    return out


@pytest.mark.parametrize("name", NAMES)
def test_xlsx_has_a_sheet_per_section_and_its_numbers_are_the_jsons(passports, tmp_path, name):
    from openpyxl import load_workbook

    from efs.passport import write_passport
    from efs.passport.tables import numbers
    from efs.passport.text import HIDDEN

    p = passports[name]
    path = write_passport(p, tmp_path / "p.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == [s["title"] for s in p["sections"]]
    compared = 0
    for section in p["sections"]:
        shown = _sheet_tables(wb[section["title"]], section)
        for t, rows in zip(section["tables"], shown, strict=True):
            for r, c, value in numbers(t):
                cell = rows[r][c]
                assert isinstance(cell, int | float) and not isinstance(cell, bool), (t["id"], r, c, cell)
                assert cell == value, (t["id"], r, c)
                compared += 1
            kinds = [col["kind"] for col in t["columns"]]
            for r, row in enumerate(t["rows"]):
                if row["hidden"]:
                    assert all(rows[r][c] == HIDDEN for c, k in enumerate(kinds) if k in ("int", "percent", "number"))
    assert compared > 50


@pytest.mark.parametrize("name", NAMES)
def test_html_is_self_contained_and_every_table_is_on_it(passports, name):
    from html.parser import HTMLParser

    from efs.passport import render_text

    class Page(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.links, self.csp, self.text = [], [], None, []

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            self.tags.append(tag)
            self.links += [v for k, v in a.items() if k in ("href", "src")]
            if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
                self.csp = a["content"]

        def handle_data(self, data):
            self.text.append(data)

    p = passports[name]
    page = Page()
    page.feed(render_text(p, "html"))
    assert page.csp is not None and "default-src 'none'" in page.csp and "script" not in page.csp
    assert "script" not in page.tags and "img" not in page.tags and "link" not in page.tags
    assert all(link.startswith("#") for link in page.links), page.links
    text = "".join(page.text)
    for s in p["sections"]:
        assert s["title"] in text
        for t in s["tables"]:
            assert t["title"] in text
    assert page.tags.count("table") == sum(1 for s in p["sections"] for t in s["tables"] if t["rows"])


@pytest.mark.parametrize("name", NAMES)
def test_markdown_and_json_carry_every_table(passports, name):
    from efs.passport import render_text

    p = passports[name]
    assert json.loads(render_text(p, "json")) == json.loads(json.dumps(p, ensure_ascii=False))
    md = render_text(p, "md")
    for s in p["sections"]:
        assert f"## {s['title']}" in md
    assert md.count("\n| **Итого** |") >= 4


def test_a_name_cannot_run_in_any_format(passport_store, loaded_configs, registry, tmp_path):
    """Names come from the configuration and the store: in HTML they stay text, in XLSX they are not formulas."""
    from openpyxl import load_workbook

    from efs.passport import build_passport, render_text, write_passport

    config = loaded_configs["megion"].model_copy(deep=True)
    config.subjects[0].name = '=HYPERLINK("http://x","y")<script>alert(1)</script>'
    p = build_passport(config, passport_store, year=YEAR, registry=registry)
    html = render_text(p, "html")
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    path = write_passport(p, tmp_path / "p.xlsx")
    ws = load_workbook(path)["Структура системы"]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    md = render_text(p, "md")
    assert "<script>" not in md


def test_the_printed_html_fits_a4(passports, tmp_path):
    """Chromium prints the passport; every page is A4 (the report's print rules)."""
    import os
    import shutil
    import subprocess

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        if os.environ.get("EFS_REQUIRE_BROWSER"):
            pytest.fail("EFS_REQUIRE_BROWSER задан, а браузера нет")
        pytest.skip("нет Chromium: печать HTML не проверена")
    from efs.passport import write_passport

    html = write_passport(passports["amur"], tmp_path / "p.html")
    pdf = tmp_path / "p.pdf"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}",
                    "--no-pdf-header-footer", html.as_uri()], check=True, capture_output=True, timeout=120)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "(A4)" in info, info
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= len(passports["amur"]["sections"])  # each section starts a page


def test_the_passport_formats_are_registered_and_a_plugins_format_is_written_by_its_suffix(passports, tmp_path,
                                                                                           registry):
    from efs.formats import OutputFormat, of_kind
    from efs.passport import write_passport

    assert [f.name for f in of_kind(registry.formats, "passport")][:4] == ["html", "xlsx", "md", "json"]
    lines = OutputFormat("passport", "csv", "CSV: таблица сотрудников",
                         lambda p: "\n".join(t["id"] for s in p["sections"] for t in s["tables"]), (".csv",))
    path = write_passport(passports["amur"], tmp_path / "p.csv", None, [*of_kind(registry.formats, "passport"), lines])
    assert path.read_text(encoding="utf-8").splitlines()[:2] == ["levels", "subjects"]
