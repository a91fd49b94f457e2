"""``efs indicators`` reads as the documents: their names and words, Russian numbers, labelled columns.

Every format and territory is checked against the configuration itself (the oracle: each indicator's
number in the Положение, the Concept's numbering of the federal ones, the ids no reader should see) and
against the JSON's plain numbers (what the Russian-formatted cells must say).
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from efs.cli import run
from tests.indicators.conftest import AMUR_YEAR

SCOPES = ["jurisdiction", "municipality", "organization"]


@pytest.fixture(scope="module")
def amur(registry):
    from efs.loading import load_one

    return load_one("amur", registry)


@pytest.fixture(scope="module")
def ids(amur, registry):
    """Every id a reader must not meet: indicators, sub-measures, formulas (a word of Latin letters)."""
    from efs.indicators.plan import plan_indicators

    out = set()
    for plan in plan_indicators(amur, registry):
        out.add(plan.indicator.id)
        if plan.formula is not None:
            out.add(plan.formula.id or "")
            if plan.formula.spec is not None:
                out |= {s.id for s in plan.formula.spec.sub_measures}
    return {i for i in out if i and re.fullmatch(r"[a-z][a-z0-9_]*", i)}


def output(db, by, fmt, capsys, year=AMUR_YEAR):
    assert run(["indicators", "amur", "--year", str(year), "--db", str(db), "--by", by, "--format", fmt]) == 0
    return capsys.readouterr().out


def read_csv(text: str) -> tuple[list[str], list[list[str]]]:
    assert text.startswith("\ufeff"), "CSV для Excel: UTF-8 с BOM"
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    return rows[0], rows[1:]


def expected_label(result, amur):
    """«показатель № N» / «федеральный показатель № N» from the documents' numbering, then the sub-measure."""
    if result["federal"]:
        head = f"федеральный показатель № {result['indicator_id'].removeprefix('federal_')}"
    else:
        [ind] = [i for i in amur.indicators if i.id == result["indicator_id"]]
        head = f"показатель № {ind.number.rstrip('.')}"
    part = result["indicator_text"].partition(" — в том числе ")[2]
    return head + (f" — в том числе {part}" if result["sub_measure"] else "")


@pytest.mark.parametrize("by", SCOPES)
def test_the_table_names_indicators_as_the_documents_and_writes_decimal_commas(amur_synthetic, amur, ids, capsys, by):
    table = output(amur_synthetic, by, "table", capsys)
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", table))
    assert not words & ids, f"коды вместо слов: {sorted(words & ids)}"
    assert not re.search(r"\d\.\d", table), "десятичная точка в таблице"
    results = json.loads(output(amur_synthetic, by, "json", capsys))["results"]
    for r in results:  # each indicator by its number in the documents, «№ N» never split across lines
        number = expected_label(r, amur).split("№ ")[1].split(" ")[0]
        assert f"№\u00a0{number}:" in table, r["indicator_id"]
    fractional = [r for r in results if r["value"] is not None and not float(r["value"]).is_integer()]
    assert fractional, "нужен дробный результат, чтобы проверить запятую"
    for r in fractional[:20]:
        shown = f"{round(r['value'], 1):.1f}".replace(".", ",").removesuffix(",0")
        assert f"{shown} {r['unit']}" in table, (r["indicator_id"], r["scope_name"], shown)


@pytest.mark.parametrize("by", SCOPES)
def test_the_csv_is_for_excel_in_russia_and_says_what_the_json_says(amur_synthetic, amur, ids, capsys, by):
    header, body = read_csv(output(amur_synthetic, by, "csv", capsys))
    results = json.loads(output(amur_synthetic, by, "json", capsys))["results"]
    assert all(h and re.fullmatch(r"[А-Яа-яЁё ]+", h) for h in header), header  # every column labelled in Russian
    assert len(body) == len(results) and all(len(row) == len(header) for row in body)
    codes = {i for i, h in enumerate(header) if h.startswith("Код ")}
    for row, r in zip(body, results, strict=True):
        cell = dict(zip(header, row, strict=True))
        for i, text in enumerate(row):
            if i not in codes:
                assert not set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text)) & ids, (header[i], text)
        assert cell["Показатель"] == expected_label(r, amur)
        assert (cell["Код показателя"], cell["Код части показателя"]) == (r["indicator_id"], r["sub_measure"] or "")
        for column, key in (("Числитель", "numerator"), ("Знаменатель", "denominator"), ("Значение", "value")):
            if r[key] is None:
                assert cell[column] == "", (column, cell[column])
            else:
                assert "." not in cell[column] and float(cell[column].replace(",", ".")) == pytest.approx(r[key])
        assert cell["Федеральный"] == ("да" if r["federal"] else "нет")
        assert cell["Год"] == str(AMUR_YEAR)
        assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt", cell["Цели"] + cell["Цели не проверены"]), "имя файла"


def test_the_json_keeps_ids_and_plain_numbers_and_adds_the_label(amur_synthetic, amur, capsys):
    results = json.loads(output(amur_synthetic, "municipality", "json", capsys))["results"]
    for r in results:
        assert r["label"] == expected_label(r, amur)
        assert r["value"] is None or isinstance(r["value"], (int, float))


def test_explain_writes_russian_numbers_and_sub_measures_in_words(amur_synthetic, capsys):
    assert run(["indicators", "amur", "--year", str(AMUR_YEAR), "--db", str(amur_synthetic),
                "--explain", "diagnosed_share"]) == 0
    text = capsys.readouterr().out
    values = text.split("Числитель и знаменатель по территориям:")[1]
    assert "— в том числе педагогические работники:" in values
    assert not re.search(r"\[\w+\]", values), "код части показателя в квадратных скобках"
    assert not re.search(r"→ \d+\.\d", values), "десятичная точка в значении"


def test_explain_says_when_postgresql_counts_the_indicator_with_the_other_staff_indicators(amur, registry):
    """The SQL ``--explain`` prints is the formula alone; on PostgreSQL the engine runs the staff formulas
    together, and the explanation says so — only there, and only for those formulas."""
    from sqlalchemy.dialects import postgresql, sqlite

    from efs.indicators.explain import FUSED_NOTE, explain
    from efs.indicators.plan import plan_indicators
    from efs.indicators.sql import FormulaContext

    plans = {p.indicator.id: p for p in plan_indicators(amur, registry)}
    on = {}
    for name in ("diagnosed_share", "events_count"):  # people / events
        for dialect in (postgresql.dialect(), sqlite.dialect()):
            ctx = FormulaContext("amur", AMUR_YEAR, dialect=dialect.name)
            on[(name, dialect.name)] = FUSED_NOTE in explain(plans[name], ctx, dialect, [])
    assert on == {
        ("diagnosed_share", "postgresql"): True,
        ("diagnosed_share", "sqlite"): False,
        ("events_count", "postgresql"): False,
        ("events_count", "sqlite"): False,
    }
