"""No silently wrong output (issue 18.4): a year without data, a file name that contradicts its format."""

from __future__ import annotations

import json
import re

import pytest

from efs.errors import InputError
from efs.report import build_report, format_for, render_text

from .conftest import YEAR

EMPTY_YEAR = 2019  # the shared store holds synthetic data for YEAR - 1 and YEAR only


@pytest.fixture(scope="module")
def empty_year(report_store, loaded_configs, registry):
    return build_report(loaded_configs["megion"], report_store, year=EMPTY_YEAR, registry=registry)


def test_a_year_without_data_is_no_data_never_zero(empty_year):
    sec = empty_year["indicators"]
    assert sec["has_data"] is False
    assert sec["items"], "показатели считаются и за пустой год"
    for item in sec["items"]:
        assert item["status"] == "no_data", item["id"]
        assert item["value"] is None and item["numerator"] is None and item["denominator"] is None, item["id"]
        assert all(t["met"] is None for t in item["targets"]), item["id"]
        assert all(d["value"] is None and d["status"] == "no_data" for d in item["drilldown"]), item["id"]
        assert [h["value"] for h in item["history"]] == [None], item["id"]
    counts = empty_year["summary"]["indicators"]
    assert counts["no_data"] == len(sec["items"]) and counts["met"] == counts["not_met"] == 0


def test_a_year_without_data_says_so_and_names_the_years_that_have_data(empty_year):
    sec = empty_year["indicators"]
    assert sec["data_years"] == [YEAR - 1, YEAR]
    note = sec["data_note"]
    assert f"За {EMPTY_YEAR} год в хранилище нет данных мониторинга" in note
    assert f"годы данных в хранилище: {YEAR - 1}, {YEAR}" in note
    assert note in empty_year["summary"]["notes"]
    from html.parser import HTMLParser

    class Text(HTMLParser):
        parts: list[str] = []

        def handle_data(self, data):  # type: ignore[no-untyped-def]
            self.parts.append(data)

    page = Text()
    page.feed(render_text(empty_year, "html"))
    shown = {"md": render_text(empty_year, "md"), "html": " ".join(page.parts)}
    for fmt, text in shown.items():
        assert f"годы данных в хранилище: {EMPTY_YEAR}" not in text, fmt
        assert not re.search(r"(?<![\d,])0(,0+)?\s*%", text), f"{fmt}: «0 %» за год без данных"
        assert "нет данных" in text, fmt


def test_a_year_with_data_keeps_its_values(reports):
    sec = reports["megion"]["indicators"]
    assert sec["has_data"] is True and sec["data_years"] == [YEAR - 1, YEAR]
    assert any(i["value"] is not None for i in sec["items"])
    assert sec["data_note"].startswith(f"Год отчёта: {YEAR}; годы данных в хранилище: {YEAR - 1}, {YEAR}.")


def test_years_left_off_the_charts_are_named():
    from efs.report.indicators import data_note

    note = data_note(2025, list(range(2017, 2026)), [2022, 2023, 2024, 2025])
    assert "На графиках — годы 2022, 2023, 2024, 2025; более ранние не показаны: 2017, 2018, 2019, 2020, 2021." in note
    assert "не показаны" not in data_note(2025, [2024, 2025], [2024, 2025])


@pytest.mark.parametrize(
    ("name", "fmt", "expected"),
    [
        ("r.html", None, "html"),
        ("r.HTM", None, "html"),
        ("r.xlsx", None, "xlsx"),
        ("r.markdown", None, "md"),
        ("r.json", None, "json"),
        ("r.json", "json", "json"),
        ("report", "json", "json"),  # no suffix: --format decides
    ],
)
def test_the_suffix_decides_the_format(name, fmt, expected):
    assert format_for(name, fmt) == expected


@pytest.mark.parametrize(
    ("name", "fmt", "message"),
    [
        ("r.pdf", None, "PDF efs не пишет"),
        ("r.pdf", "html", "не подходит к формату html"),
        ("r.html", "json", "ожидается расширение .json"),
        ("r.txt", None, "расширение «.txt» не называет формат отчёта"),
        ("report", None, "у имени нет расширения"),
        ("r.docx", "md", "ожидается расширение .md или .markdown"),
    ],
)
def test_a_name_that_contradicts_the_format_is_an_error(name, fmt, message):
    with pytest.raises(InputError, match=re.escape(message)):
        format_for(name, fmt)


def test_report_to_pdf_is_refused_before_any_work_and_writes_nothing(tmp_path, capsys):
    from efs.cli import run

    out = tmp_path / "r.pdf"
    # No store exists at all: the name is checked first, so the message is about the name.
    code = run(["report", "megion", "--year", str(YEAR), "--db", str(tmp_path / "none.sqlite"), "-o", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert "PDF efs не пишет" in err and "Traceback" not in err
    assert not out.exists()


def test_json_format_on_a_json_name(report_store, loaded_configs, registry, tmp_path):
    from efs.report import write_report

    report = build_report(loaded_configs["turochak"], report_store, year=YEAR, registry=registry)
    path = write_report(report, tmp_path / "t", "json")
    assert json.loads(path.read_text(encoding="utf-8"))["year"] == YEAR
