"""Outputs that cannot be turned against their readers: spreadsheets, XML, terminals, invisible characters.

The oracle for spreadsheets is OWASP's rule, checked on the file as Python's own csv module and
openpyxl read it back: no text cell starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return,
and every number is still a number.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from efs.cli import run
from efs.neutral import FORMULA_START, neutralise, terminal_text, xml_text
from tests.safety.conftest import ESCAPES, FORMULAS, YEAR

OWASP = ("=", "+", "-", "@", "\t", "\r")


def _is_number(cell: str) -> bool:
    try:
        float(cell.replace(",", "."))
    except ValueError:
        return False
    return True


def assert_no_live_formula(rows: list[list[str]]) -> None:
    """OWASP's CSV-injection rule on parsed cells: a text cell never starts like a formula."""
    for r, row in enumerate(rows, 1):
        for c, cell in enumerate(row, 1):
            if cell.startswith(OWASP) and not _is_number(cell):
                pytest.fail(f"строка {r}, столбец {c}: ячейка начинается как формула: {cell!r}")


@given(st.text())
def test_neutralised_text_never_starts_like_a_formula_and_imports_back_unchanged(text):
    out = neutralise(text)
    assert not out.startswith(OWASP) and out[:1] not in FORMULA_START
    assert out.lstrip(" \u00a0")[:1] not in FORMULA_START or out.startswith("'")
    stripped = text.strip()
    if stripped == text:  # the store holds stripped text: what export writes, import restores exactly
        from efs.data.readers import clean_text

        assert (clean_text(out) or "") == text


def test_indicators_by_organization_csv_is_neutralised_and_numbers_stay_numbers(hostile_store, capsys):
    path, _config = hostile_store
    code = run(["indicators", "megion", "--year", str(YEAR), "--db", str(path), "--by", "organization",
                "--format", "csv", "--show-small"])
    assert code == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert_no_live_formula(rows)
    names = {row[header.index("Название территории")] for row in body}
    for name in FORMULAS:  # on stdout a lone carriage return is shown, not obeyed
        assert terminal_text("'" + name) in names, name
    for row in body:
        for column in ("Числитель", "Знаменатель", "Значение", "Год"):
            cell = row[header.index(column)]
            assert cell == "" or _is_number(cell), (column, cell)


def test_data_export_is_neutralised_and_imports_back_the_same_names(hostile_store, tmp_path):
    from efs.data.export import export_tables
    from efs.data.importing import import_files
    from efs.data.store import open_store

    path, _config = hostile_store
    with open_store(path, create=False) as store:
        out = {e.table: e.path for e in export_tables(store, tmp_path / "out", include_person_rows=True)}
    with out["organizations"].open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert_no_live_formula(rows)
    staff = list(csv.reader(io.StringIO(out["staff"].read_text(encoding="utf-8-sig")), delimiter=";"))
    year = staff[0].index("Год рождения")
    assert all(row[year].isdigit() for row in staff[1:])  # numbers unquoted and numeric
    # Names with control characters cannot be imported back (they are refused, see below): keep the formulas.
    kept = tmp_path / "formulas.csv"
    with kept.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(rows[0])
        writer.writerows(r for r in rows[1:] if any(f.strip() in r[3] for f in FORMULAS))
    with open_store(tmp_path / "again.sqlite") as again:
        import_files(again, [out["jurisdictions"], out["municipalities"], kept])
        import sqlalchemy as sa

        from efs.data import schema as S

        with again.engine.connect() as conn:
            names = {r.name for r in conn.execute(sa.select(S.organizations.c.name))}
    # Tab and CR are whitespace the importer strips at the edges: what remains is the same text.
    assert set(FORMULAS) <= names


def test_templates_go_through_the_neutralising_writer(tmp_path, monkeypatch):
    from openpyxl import load_workbook

    from efs.data import templates

    monkeypatch.setattr(templates, "_INTRO", "=HYPERLINK(\"http://evil.example\")")
    (csv_dir, xlsx_dir) = (tmp_path / "csv", tmp_path / "xlsx")
    written = templates.write_templates(csv_dir, fmt="csv")
    explanation = next(p for p in written if p.stem == templates.EXPLANATION)
    rows = list(csv.reader(io.StringIO(explanation.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert_no_live_formula(rows)
    assert rows[0][4].startswith("'=HYPERLINK")
    (book,) = templates.write_templates(xlsx_dir, fmt="xlsx")
    cell = load_workbook(book)[templates.EXPLANATION]["A1"]
    assert cell.data_type == "s" and cell.quotePrefix and cell.value.startswith("=HYPERLINK")


def test_pseudonymize_output_is_neutralised(tmp_path):
    from efs.data.pseudonymize import create_key, load_key, pseudonymize_file

    source = tmp_path / "staff.csv"
    source.write_text("Табельный номер;Должность\nT-1;=1+1\nT-2;@SUM(A1)\nT-3;+7 (999) 000-00-00\n", encoding="utf-8")
    create_key(tmp_path / "key")
    assert (tmp_path / "key").stat().st_mode & 0o077 == 0  # the key is never readable by others
    target = tmp_path / "out.csv"
    pseudonymize_file(source, target, load_key(tmp_path / "key"))
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert_no_live_formula(rows)
    assert [r[1] for r in rows[1:]] == ["'=1+1", "'@SUM(A1)", "'+7 (999) 000-00-00"]


def test_report_xlsx_uses_the_one_cell_writer(tmp_path):
    from openpyxl import Workbook

    from efs.neutral import xlsx_cell

    ws = Workbook().active
    for col, text in enumerate([*FORMULAS, "ok\x00\x01\x7f\x9b", "-5"], 1):
        xlsx_cell(ws, 1, col, text)
    xlsx_cell(ws, 2, 1, -5)
    path = tmp_path / "x.xlsx"
    ws.parent.save(path)
    from openpyxl import load_workbook

    back = load_workbook(path).active
    for cell in back[1]:
        assert cell.data_type == "s"
        if cell.value.lstrip(" ")[:1] in FORMULA_START:
            assert cell.quotePrefix, cell.coordinate
    assert back.cell(1, len(FORMULAS) + 1).value == "ok\\u0000\\u0001\\u007f\\u009b"
    assert back["A2"].value == -5 and back["A2"].data_type == "n"


# ------------------------------------------------------------------------------------------- XML


def test_junit_never_writes_characters_illegal_in_xml(tmp_path, capsys):
    run(["new", "config", "moy", "-o", str(tmp_path / "moy.yaml")])
    capsys.readouterr()
    text = (tmp_path / "moy.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Управление образования", 'name: "Управление\\0 образования\\x01"', 1)
    text = text.replace("responsible: [authority]", 'responsible: ["Упр\\x02авление\\x0b", authority]', 1)
    (tmp_path / "moy.yaml").write_text(text, encoding="utf-8")
    run(["validate", "--format", "junit", str(tmp_path / "moy.yaml")])
    out = capsys.readouterr().out
    assert not any(ch in out for ch in "\x00\x01\x02\x0b")
    root = ET.fromstring(out.encode("utf-8"))  # a strict XML 1.0 parser accepts it
    messages = " ".join(el.get("message", "") for el in root.iter("failure"))
    assert "\\u0002" in messages or "\\u0000" in messages


def test_xml_text_keeps_everything_xml_allows():
    allowed = "\t\n\r Школа «№ 1» \ud7ff\ue000\ufffd\U0001f600"
    assert xml_text(allowed) == allowed
    assert xml_text("a\x00b\x1fc\ufffe") == "a\\u0000b\\u001fc\\ufffe"


# -------------------------------------------------------------------------------------- terminal


@pytest.mark.parametrize("name", ESCAPES)
def test_terminal_text_shows_escape_sequences_instead_of_running_them(name):
    out = terminal_text(name)
    assert not any((0x00 <= ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F for c in out)
    assert "\u202e" not in out


def test_indicator_table_on_a_terminal_prints_no_escape_sequence(hostile_store, capsys):
    path, _config = hostile_store
    assert run(["indicators", "megion", "--year", str(YEAR), "--db", str(path), "--by", "organization",
                "--show-small"]) == 0
    captured = capsys.readouterr()
    for stream in (captured.out, captured.err):
        assert "\x1b" not in stream and "\x9b" not in stream and "\u202e" not in stream
    assert "\\u001b]8;;http://evil.example" in captured.out


def test_validate_text_output_prints_no_escape_sequence(tmp_path, capsys):
    run(["new", "config", "moy", "-o", str(tmp_path / "moy.yaml")])
    text = (tmp_path / "moy.yaml").read_text(encoding="utf-8")
    text = text.replace("responsible: [authority]", 'responsible: ["\\e]0;pwned\\a\\e[2J", authority]', 1)
    (tmp_path / "moy.yaml").write_text(text, encoding="utf-8")
    capsys.readouterr()
    run(["validate", str(tmp_path / "moy.yaml")])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\u001b]0;pwned" in out


# ------------------------------------------------------------------------- invisible characters


@pytest.mark.parametrize(
    ("cell", "what"),
    [("o\u200b1", "пробел нулевой ширины (U+200B) в позиции 2"), ("Шк\u202eола", "(RLO) (U+202E) в позиции 3"),
     ("\ufeffo1", "(BOM) (U+FEFF) в позиции 1"), ("Школа\x1b[2J", "ESC (U+001B) в позиции 6")],
)
def test_import_refuses_invisible_characters_located_by_row_and_column(based_store, tmp_path, cell, what):
    from efs.data.importing import import_files
    from efs.errors import DataError
    from tests.data_import.conftest import snapshot, write

    before = snapshot(based_store)
    data = ("Код организации;Код муниципалитета;Название организации;Вид организации\n"
            f"o1;m1;Школа;school\n{cell};m1;{cell};school\n")
    with pytest.raises(DataError) as err:
        import_files(based_store, [write(tmp_path / "orgs.csv", data)])
    located = [str(p) for p in err.value.problems]
    assert any("orgs.csv:3:1: «Код организации»: невидимый или управляющий символ: " in p and what in p
               for p in located), located
    assert any("orgs.csv:3:3:" in p for p in located)
    assert snapshot(based_store) == before


def test_configuration_with_invisible_characters_is_flagged(tmp_path, capsys):
    run(["new", "config", "moy", "-o", str(tmp_path / "moy.yaml")])
    text = (tmp_path / "moy.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Управление образования", 'name: "Управление\\u200b образования"', 1)
    (tmp_path / "moy.yaml").write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert run(["validate", str(tmp_path / "moy.yaml")]) == 1
    out = capsys.readouterr().out
    assert "EFS145 [ошибка] в тексте невидимые или управляющие символы: пробел нулевой ширины (U+200B)" in out
    assert "«Управление\\u200b образования»" in out
