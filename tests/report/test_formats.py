"""Every bundled jurisdiction's report renders in every format; XLSX matches JSON; synthetic data is marked."""

from __future__ import annotations

import json
import re

import pytest

from efs.report import FORMATS, render_text, write_report
from efs.report.text import SECTIONS, SYNTHETIC_BANNER
from efs.report.xlsx import sheet_name

JURISDICTIONS = ["amur", "megion", "turochak", "tyumen"]
SECTION_IDS = [sid for sid, _ in SECTIONS]


@pytest.mark.parametrize("name", JURISDICTIONS)
def test_report_renders_in_every_format_with_every_section(name, reports, tmp_path):
    report = reports[name]
    for fmt in FORMATS:
        path = write_report(report, tmp_path / f"{name}.{fmt}")
        assert path.stat().st_size > 1000, fmt
    html = (tmp_path / f"{name}.html").read_text(encoding="utf-8")
    for sid in SECTION_IDS:
        assert f'<section id="{sid}">' in html
    data = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["sections"]] == SECTION_IDS
    assert all(sid in data for sid in SECTION_IDS)
    md = (tmp_path / f"{name}.md").read_text(encoding="utf-8")
    assert md.count("\n## ") == len(SECTION_IDS)


@pytest.mark.parametrize("name", JURISDICTIONS)
def test_html_is_self_contained(name, reports):
    html = render_text(reports[name], "html")
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", html), "внешняя ссылка в HTML"
    assert "@import" not in html and "url(" not in html
    import html as html_lib

    assert "default-src 'none'" in html_lib.unescape(html)  # the file forbids every fetch itself


@pytest.mark.parametrize("name", JURISDICTIONS)
def test_synthetic_data_is_marked_in_every_medium(name, reports, tmp_path):
    report = reports[name]
    assert report["synthetic"] is True
    html = render_text(report, "html")
    assert f'<div class="synthetic" role="note">{SYNTHETIC_BANNER}</div>' in html
    assert '@top-center{content:"СИНТЕТИЧЕСКИЕ ДАННЫЕ' in html  # in the margin of every printed page
    md = render_text(report, "md")
    assert md.count(SYNTHETIC_BANNER) >= len(SECTION_IDS)
    from openpyxl import load_workbook

    wb = load_workbook(write_report(report, tmp_path / "r.xlsx"))
    assert len(wb.sheetnames) == len(SECTION_IDS)
    for ws in wb.worksheets:
        assert SYNTHETIC_BANNER in ws["A2"].value, ws.title
        assert SYNTHETIC_BANNER in ws.oddHeader.center.text, ws.title


def test_xlsx_numbers_match_json(reports, tmp_path):
    from openpyxl import load_workbook

    report = reports["amur"]
    data = json.loads(render_text(report, "json"))
    wb = load_workbook(write_report(report, tmp_path / "amur.xlsx"))
    ws = wb["Показатели"]
    header = [c.value for c in ws[4]]
    rows = [dict(zip(header, (c.value for c in row), strict=False)) for row in ws.iter_rows(min_row=5)]
    expected = []
    for item in data["indicators"]["items"]:
        expected.append((item["id"], item["sub_measure"], data["jurisdiction"]["name"], item["numerator"],
                         item["denominator"], item["value"]))
        expected += [(item["id"], item["sub_measure"], d["scope_name"], d["numerator"], d["denominator"], d["value"])
                     for d in item["drilldown"]]
    got = [(r["Код показателя"], r["Код части"], r["Территория"], r["Числитель"], r["Знаменатель"], r["Значение"])
           for r in rows]
    assert [g[:3] for g in got] == [e[:3] for e in expected]
    for g, e in zip(got, expected, strict=True):
        assert g[3:5] == e[3:5], g  # counts exactly
        a, b = g[5], e[5]  # the value as the report shows it: one decimal (two significant digits below 1)
        assert (a is None and b is None) or a == pytest.approx(b, abs=0.05 if abs(b) >= 1 else abs(b) * 0.05), g
    assert any(isinstance(r["Значение"], float) for r in rows)  # typed: numbers, not text
    assert ws.freeze_panes == "A5"
    assert ws.auto_filter.ref.startswith("A4:")
    history = [y for y in data["indicators"]["history_years"]]
    assert [f"Значение {y}" for y in history] == header[-len(history) - 2 : -2]  # then the two code columns


def test_xlsx_has_a_frozen_filtered_sheet_per_section(reports, tmp_path):
    from openpyxl import load_workbook

    wb = load_workbook(write_report(reports["megion"], tmp_path / "m.xlsx"))
    assert wb.sheetnames == [sheet_name(sid) for sid, _ in SECTIONS]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A5" and ws.auto_filter.ref, ws.title
    roadmap = wb["Дорожная карта"]
    header = [c.value for c in roadmap[4]]
    due = header.index("Крайний срок") + 1
    import datetime as dt

    assert any(isinstance(roadmap.cell(r, due).value, dt.datetime) for r in range(5, roadmap.max_row + 1))


def test_small_samples_are_suppressed_as_the_store_does(reports):
    """Megion is municipal: drill-down by organization, where small denominators hide numbers."""
    items = reports["megion"]["indicators"]["items"]
    assert reports["megion"]["indicators"]["drilldown_scope"] == "organization"
    hidden = [d for i in items for d in i["drilldown"] if d["status"] == "suppressed"]
    assert hidden, "ожидались скрытые результаты организаций с маленьким знаменателем"
    assert all(d["value"] is None and d["numerator"] is None and d["denominator"] is None for d in hidden)
    shown = [d for i in items for d in i["drilldown"] if d["denominator"] is not None]
    assert all(d["denominator"] >= 5 for d in shown)


def test_history_covers_the_years_of_data(reports):
    sec = reports["amur"]["indicators"]
    assert sec["history_years"] == [2024, 2025]
    assert all([h["year"] for h in i["history"]] == [2024, 2025] for i in sec["items"])
