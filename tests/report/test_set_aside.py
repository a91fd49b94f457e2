"""The справка lists the aggregate returns its computation did not use, in every format, and says so when none.

Returns are added by hand to a synthetic store: one for an organisation whose person rows are counted and
one for an indicator no configuration defines. The section must list exactly those (the oracle: what the
test filed) and every number of the справка must stay what the person rows give.
"""

from __future__ import annotations

import html as html_lib

import pytest

from efs.report import build_report, render_text, write_report
from efs.report.text import md as md_escaped

YEAR = 2025


@pytest.fixture(scope="module")
def megion_store(tmp_path_factory, registry):
    from efs.data.store import open_store
    from efs.loading import load_one
    from efs.synthesis import synthesize

    config = load_one("megion", registry)
    store = open_store(tmp_path_factory.mktemp("set_aside") / "megion.sqlite")
    synthesize(store, config, staff=400, year=YEAR, years=2, seed=4, registry=registry)
    yield config, store
    store.close()


def _numbers(report):
    return [(i["id"], i["sub_measure"], i["numerator"], i["denominator"], i["status"],
             [(d["scope_id"], d["numerator"], d["denominator"], d["status"]) for d in i["drilldown"]])
            for i in report["indicators"]["items"]]


def test_with_every_return_used_the_section_says_so_in_every_format(megion_store, registry, tmp_path):
    config, store = megion_store
    report = build_report(config, store, year=YEAR, registry=registry)
    aside = report["set_aside"]
    assert aside["returns"] > 0 and aside["items"] == []  # the synthetic hidden organisations' returns, all used
    assert aside["note"] == (f"Все сводные отчёты за {YEAR - 1}, {YEAR} ({aside['returns']}) использованы при "
                             "расчёте: ни один не отложен.")
    assert "set_aside" in [s["id"] for s in report["sections"]]
    assert aside["note"] in html_lib.unescape(render_text(report, "html"))
    md = render_text(report, "md").split("## Приложение 3. Сводные отчёты, не использованные при расчёте\n")[1]
    assert md_escaped(aside["note"]) in md.split("\n## ")[0]
    from openpyxl import load_workbook

    ws = load_workbook(write_report(report, tmp_path / "r.xlsx"))["Сводные отчёты вне расчёта"]
    assert ws["A3"].value == aside["note"] and ws.max_row == 4  # the note, the headings, no rows
    assert not any("не использованных при расчёте" in n for n in report["summary"]["notes"])


def test_returns_set_aside_are_listed_in_every_format_and_the_numbers_stay_the_person_rows(
    megion_store, registry, tmp_path
):
    import shutil

    from efs.data import schema as S
    from efs.data.store import open_store
    from efs.indicators import compute

    config, base = megion_store
    path = tmp_path / "store.sqlite"
    shutil.copy(base.url.removeprefix("sqlite:///").split("?")[0], path)
    with open_store(path) as store:
        before = build_report(config, store, year=YEAR, registry=registry)
        cell = next(r for r in compute(config, store, year=YEAR, by="organization", registry=registry)
                    if r.data_source == "person" and r.denominator and r.sub_measure is None and not r.federal)
        with store.engine.begin() as conn:
            conn.execute(S.aggregate_returns.insert(), [
                {"jurisdiction_id": "megion", "indicator_id": cell.indicator_id, "year": YEAR, "scope": "organization",
                 "scope_id": cell.scope_id, "sub_measure": "", "numerator": 0, "denominator": 1000},
                {"jurisdiction_id": "megion", "indicator_id": "not_an_indicator", "year": YEAR - 1,
                 "scope": "organization", "scope_id": cell.scope_id, "sub_measure": "", "numerator": 1,
                 "denominator": 2},
            ])
        report = build_report(config, store, year=YEAR, registry=registry)
    assert _numbers(report) == _numbers(before)  # the person rows are used, as the section says
    items = report["set_aside"]["items"]
    assert [(x["year"], x["scope"], x["scope_id"], x["indicator_id"], x["reason"]) for x in items] == [
        (YEAR - 1, "organization", cell.scope_id, "not_an_indicator", "unknown_indicator"),
        (YEAR, "organization", cell.scope_id, cell.indicator_id, "person_rows"),
    ]
    assert all("numerator" not in x and "denominator" not in x for x in items)  # a return's numbers are not published
    assert report["set_aside"]["note"].startswith(f"Из сводных отчётов за {YEAR - 1}, {YEAR} (")
    assert report["set_aside"]["note"].split(")")[1].startswith(" при расчёте не использовано: 2.")
    assert ("Сводных отчётов, не использованных при расчёте: 2 — какие и почему, сказано в разделе «Сводные "
            "отчёты, не использованные при расчёте».") in report["summary"]["notes"]

    page = html_lib.unescape(render_text(report, "html"))
    section = page.split('<section id="set_aside">')[1].split("</section>")[0]
    person = items[1]
    label = person["label"][:1].upper() + person["label"][1:]
    assert (f"<tr><td class=\"n\">{YEAR}</td><td>Организация {person['scope_name']}</td>"
            f"<td>{label}</td><td>{person['reason_text']}</td></tr>") in section
    assert "такого показателя нет ни в конфигурации, ни среди федеральных" in section

    md = render_text(report, "md")
    table = md.split("## Приложение 3. Сводные отчёты, не использованные при расчёте")[1].split("\n## ")[0]
    rows = [line for line in table.splitlines() if line.startswith(f"| {YEAR}") or line.startswith(f"| {YEAR - 1}")]
    assert len(rows) == 2 and md_escaped(person["reason_text"]) in rows[1]
    assert md_escaped(person["scope_name"]) in rows[1]

    from openpyxl import load_workbook

    ws = load_workbook(write_report(report, tmp_path / "r.xlsx"))["Сводные отчёты вне расчёта"]
    header = [c.value for c in ws[4]]
    got = [dict(zip(header, (c.value for c in row), strict=False)) for row in ws.iter_rows(min_row=5)]
    assert [(r["Год"], r["Код территории"], r["Код показателя"], r["Код причины"], r["Почему не использован"])
            for r in got] == [(x["year"], x["scope_id"], x["indicator_id"], x["reason"], x["reason_text"])
                              for x in items]
