"""The pages in real Chromium, as a methodologist uses them: upload a configuration, see its findings, click one
and land on its line, fix the YAML and see the finding go; import a file with a rejected row and see the row;
open a report and download its XLSX — with no console error, no request leaving the server, every control
labelled and reachable from the keyboard. Screenshots are kept beside the test's files.

Chromium is Debian's, driven through Playwright as the report's browser tests drive it (no browser download).
"""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import CONFIG_DIR
from tests.data_import.conftest import BASE, STAFF
from tests.report.test_browser import ARGS, CHROMIUM, _need_browser
from tests.web.conftest import YEAR

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(web_store):
    """A real uvicorn server on a free port of 127.0.0.1, in a thread; its address."""
    import socket

    import uvicorn

    from efs.web.app import Settings, create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(Settings(db=str(web_store))), log_level="warning"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=30)
    sock.close()


@pytest.fixture(scope="module")
def browser():
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


class Watched:
    """A page whose console errors and requests are recorded."""

    def __init__(self, browser, server: str) -> None:
        self.context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: None if r.url.startswith((server, "data:")) else self.foreign.append(r.url))

    def done(self, shot: Path) -> None:
        self.page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        assert self.errors == [], self.errors
        assert self.foreign == [], f"a page asked for something outside the server: {self.foreign}"


@pytest.fixture
def watched(browser, server):
    w = Watched(browser, server)
    yield w
    w.context.close()


def test_upload_see_findings_click_one_fix_the_yaml_and_see_it_go(watched, server, tmp_path):
    page = watched.page
    text = (CONFIG_DIR / "megion.yaml").read_text(encoding="utf-8")
    broken = text.replace("  level: municipal\n", "  level: municipall\n", 1)
    line = broken.splitlines().index("  level: municipall") + 1
    page.goto(f"{server}/check")
    page.get_by_label("Файл конфигурации YAML").set_input_files(
        {"name": "megion.yaml", "mimeType": "application/yaml", "buffer": broken.encode()})
    page.get_by_role("button", name="Проверить").click()
    page.wait_for_selector("#findings")
    finding = page.locator(f'.finding a.where[href="#y-L{line}"]')
    assert finding.count() == 1
    item = finding.locator("xpath=..")
    assert "municipall" in item.inner_text() and "ошибка" in item.inner_text()
    finding.click()
    assert page.evaluate("location.hash") == f"#y-L{line}"
    target = page.locator(f"#y-L{line}")
    assert "municipall" in target.inner_text()
    assert page.evaluate("document.querySelector(':target').id") == f"y-L{line}"
    box, view = target.bounding_box(), page.viewport_size
    listing = page.locator("#yaml").bounding_box()
    assert box is not None and listing is not None and listing["y"] <= box["y"] <= listing["y"] + listing["height"]
    assert 0 <= box["y"] <= view["height"], "the clicked line is scrolled into view"
    page.screenshot(path=str(tmp_path / "finding.png"))

    editor = page.get_by_label("Текст конфигурации megion.yaml")
    editor.fill(editor.input_value().replace("level: municipall", "level: municipal"))
    page.get_by_role("button", name="Проверить снова").click()
    page.wait_for_selector("#summary")
    assert "municipall" not in page.locator("#findings").inner_text()
    assert "municipall" not in page.locator("#yaml").inner_text()
    assert page.locator("#yaml").count() == 1
    watched.done(tmp_path / "fixed.png")


def test_import_with_a_rejected_row_shows_the_row(watched, server, tmp_path):
    page = watched.page
    page.goto(f"{server}/import")
    bad = STAFF.replace("1995", "тысяча")
    files = [{"name": n, "mimeType": "text/csv", "buffer": t.encode()} for n, t in {**BASE, "staff.csv": bad}.items()]
    page.get_by_label("Файлы CSV или XLSX").set_input_files(files)
    page.get_by_role("button", name="Проверить (пробный прогон)").click()
    table = page.locator("#rejections")
    table.wait_for()
    row = table.locator("tbody tr")
    assert row.count() == 1
    cells = row.first.locator("td").all_inner_texts()
    assert cells[:4] == ["staff.csv", "", "2", "5"] and "тысяча" in cells[4]
    assert "ничего не записано" in table.inner_text()
    watched.done(tmp_path / "import.png")


def test_open_a_report_and_download_its_xlsx(watched, server, tmp_path):
    page = watched.page
    page.goto(f"{server}/jurisdictions/megion")
    page.get_by_label("Год").fill(str(YEAR))
    page.get_by_label("Территория").select_option("municipality")
    page.get_by_role("button", name="Показать").click()
    page.wait_for_selector("table.indicators")
    assert f"year={YEAR}" in page.url and "by=municipality" in page.url  # the view lives in its URL
    assert page.locator("table.indicators tbody tr").count() > 0
    with page.expect_download() as info:
        page.get_by_role("link", name="XLSX").click()
    download = info.value
    assert download.suggested_filename == f"megion-{YEAR}.xlsx"
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert len(book.sheetnames) > 1
    page.get_by_role("link", name="HTML").click()
    page.wait_for_load_state("load")
    assert page.locator("section#summary, section").count() > 0
    watched.done(tmp_path / "report.png")


def test_every_control_is_labelled_and_reachable_by_keyboard(watched, server, tmp_path):
    page = watched.page
    page.goto(server)
    controls = "input:not([type=hidden]), textarea:not([hidden]), select, button"
    unlabelled = page.evaluate("""(controls) => [...document.querySelectorAll(controls)]
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !(e.innerText || '').trim())
        .map(e => e.outerHTML)""", controls)
    assert unlabelled == []
    in_main = ", ".join(f"main {c}" for c in ["a", *controls.split(", ")])
    wanted = page.evaluate("(selector) => document.querySelectorAll(selector).length", in_main)
    reached = set()
    for _ in range(wanted + 12):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("""() => { const e = document.activeElement;
            return e && e.closest('main') ? (e.id || e.getAttribute('href') || e.name || e.outerHTML) : null }"""))
    reached.discard(None)
    assert len(reached) == wanted, f"reached {len(reached)} of {wanted} controls of the page by Tab"
    page.keyboard.press("Shift+Tab")
    watched.done(tmp_path / "home.png")
