"""docs/jurisdictions/*.md list what the validator finds, generated from its output (issue 15.10)."""

from __future__ import annotations

import json
import re

import pytest

from tests.wholedoc.pages import BEGIN, END, GOLDEN, PAGES, render

NAMES = sorted(p.stem for p in GOLDEN.glob("*.json"))


@pytest.mark.parametrize("name", NAMES)
def test_page_lists_exactly_what_the_validator_reports(name):
    page = (PAGES / f"{name}.md").read_text(encoding="utf-8")
    assert BEGIN in page and END in page, f"docs/jurisdictions/{name}.md: нет созданного списка находок"
    assert page == render(name, page), f"обновите: python -m tests.wholedoc.pages (docs/jurisdictions/{name}.md)"
    # Independently of the renderer: every finding the report has is on the page, and the page names no
    # rule the report does not.
    report = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    codes = {f["code"] for file in report["files"] for f in file["findings"] if not f["suppressed"]}
    block = page[page.index(BEGIN):page.index(END)]
    listed = set(re.findall(r"\*\*(EFS\d{3}|[A-Z]{3}\d{3})\*\*", block))
    assert listed == codes
    for file in report["files"]:
        for f in file["findings"]:
            assert f["message"] in block
