"""Issue 18.5: the printed справка is for the people who sign it.

Chromium prints each bundled jurisdiction's HTML report to PDF (as a reader does from the browser);
the text of every page is extracted with poppler's ``pdftotext`` and the page sizes read with ``pdfinfo``
(``tests/report/printing.py`` says why poppler rather than a Python PDF library) and checked:

* the summary (verdicts, value against target, the five actions) fits on the first two pages, and
  the appendices follow; Амурская область's справка is no longer 57 pages;
* no hash file name (``002_6414ad974cc0e1d7.txt``) and no internal id (``federal_1``, formula, subject,
  function, measure ids) appears anywhere in the text;
* the synthetic-data mark is in the margin of every page, never over a heading;
* the structure diagram prints on a landscape page.
"""

from __future__ import annotations

import re

import pytest

from efs.report import write_report

from .printing import pdf_pages, pdf_sizes
from .test_browser import browser  # noqa: F401  (the module-scoped Chromium fixture)

pytestmark = pytest.mark.browser

HASH_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
NAMES = ["amur", "megion", "turochak", "tyumen"]


def internal_ids(config, registry) -> set[str]:
    """Every id a reader must not meet: the catalogue's and the configuration's."""
    ids = {*registry.indicators, *registry.functions, *registry.kinds, *getattr(registry, "formulas", {})}
    ids |= {i.id for i in config.indicators} | {i.formula for i in config.indicators if isinstance(i.formula, str)}
    ids |= {x.id for x in [*config.subjects, *config.actors, *config.functions, *config.roadmap, *config.agreements]}
    return {i for i in ids if i and len(i) >= 3}


def leaked(text: str, ids: set[str]) -> list[str]:
    found = sorted(i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text))
    return found + HASH_NAME.findall(text)


@pytest.fixture(scope="module")
def printed(reports, browser, tmp_path_factory):  # noqa: F811
    """Each report printed to PDF by Chromium: ``{name: (pages' text, pages' (width, height))}``."""
    out = {}
    tmp = tmp_path_factory.mktemp("print")
    for name in NAMES:
        html = write_report(reports[name], tmp / f"{name}.html")
        page = browser.new_page()
        page.goto(html.resolve().as_uri(), wait_until="load")
        page.emulate_media(media="print")
        assert page.evaluate("getComputedStyle(document.querySelector('.synthetic')).position") != "fixed"
        pdf = tmp / f"{name}.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
        page.close()
        out[name] = (pdf_pages(pdf), pdf_sizes(pdf))
    return out


def _first(pages: list[str], needle: str) -> int:
    """The page where ``needle`` stands as a line of its own (a heading), 1-based."""
    return next(n for n, text in enumerate(pages, 1) if needle in (line.strip() for line in text.splitlines()))


@pytest.mark.parametrize("name", NAMES)
def test_summary_fits_on_two_pages_and_the_appendices_follow(name, printed):
    pages, _ = printed[name]
    assert _first(pages, "Итоги") == 1
    assert _first(pages, "Главные действия") <= 2
    assert _first(pages, "Показатели: значение и цель") <= 2
    assert _first(pages, "Приложение 1. Рекомендации") <= 3, "итоги не уместились на двух страницах"
    assert _first(pages, "Приложение 2. Показатели") > _first(pages, "Приложение 1. Рекомендации")


def test_the_amur_report_is_no_longer_57_pages(printed):
    pages, _ = printed["amur"]
    assert len(pages) <= 30, len(pages)


@pytest.mark.parametrize("name", NAMES)
def test_no_hash_file_name_or_internal_id_in_the_printed_text(name, printed, loaded_configs, registry):
    pages, _ = printed[name]
    text = "\n".join(pages)
    assert leaked(text, internal_ids(loaded_configs[name], registry)) == []
    assert "TRUE" not in text and "FALSE" not in text


@pytest.mark.parametrize("name", NAMES)
def test_nor_in_the_folded_parts_of_the_html(name, reports, loaded_configs, registry):
    from html.parser import HTMLParser

    from efs.report import render_text

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []

        def handle_data(self, data):  # type: ignore[no-untyped-def]
            self.parts.append(data)

    page = Text()
    page.feed(render_text(reports[name], "html"))
    text = " ".join(page.parts)
    assert leaked(text, internal_ids(loaded_configs[name], registry)) == []
    md = render_text(reports[name], "md")
    assert leaked(md.replace("\\_", "_"), internal_ids(loaded_configs[name], registry)) == []


@pytest.mark.parametrize("name", NAMES)
def test_the_synthetic_mark_is_in_the_margin_of_every_page(name, printed):
    pages, _ = printed[name]
    assert all("СИНТЕТИЧЕСКИЕ ДАННЫЕ — не реальные" in text for text in pages)


def test_the_structure_diagram_prints_landscape(printed):
    pages, sizes = printed["amur"]
    n = _first(pages, "Приложение 6. Структура системы")
    width, height = sizes[n - 1]
    assert width > height, (width, height)
    assert sizes[0][0] < sizes[0][1], "итоги — книжная страница"
