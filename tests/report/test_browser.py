"""The HTML report in headless Chromium: loads with no console error and no network request, prints to PDF.

Chromium is Debian's ``/usr/bin/chromium`` driven through Playwright (only the Python package; no
``playwright install``). Without it the tests skip with the reason, unless ``EFS_REQUIRE_BROWSER=1``
(set by ``.ci/run``), where its absence is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from efs.report import write_report
from efs.report.text import SECTIONS

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("EFS_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-dev-shm-usage"]


def _need_browser() -> None:
    problem = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problem = "нет пакета playwright (pip install -e '.[test]')"
    if problem is None and not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        problem = f"нет Chromium: {CHROMIUM} (apt-get install chromium)"
    if problem is not None:
        if os.environ.get("EFS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"EFS_REQUIRE_BROWSER=1, но {problem}")
        pytest.skip(problem)


@pytest.fixture(scope="module")
def browser():
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.mark.parametrize("name", ["amur", "megion", "turochak", "tyumen"])
def test_html_loads_without_console_errors_or_requests(name, reports, browser, tmp_path):
    path = write_report(reports[name], tmp_path / f"{name}.html")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.resolve().as_uri(), wait_until="load")
    assert errors == []
    assert requests == [path.resolve().as_uri()], "отчёт запросил что-то кроме себя"
    for sid, title in SECTIONS:
        section = page.query_selector(f"section#{sid}")
        assert section is not None, sid
        assert title in section.inner_text()
    assert page.query_selector("#structure svg.diagram") is not None
    shot = tmp_path / f"{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    page.close()
