"""Fuzzing the readers: whatever the bytes, the YAML loader and the CSV/XLSX readers answer with efs's own
errors (a Russian message and a location) or with data — never another exception, never a hang.

Each test runs a bounded number of examples in CI (a few seconds; derandomised so that CI is stable).
Run longer locally::

    EFS_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest -q tests/safety/test_fuzz.py -p no:randomly
"""

from __future__ import annotations

import io
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from efs.errors import ConfigurationError, DataError, EfsError, InputError

EXAMPLES = int(os.environ.get("EFS_FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize="EFS_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])
#: Writing a book per example is slower: a third as many.
FUZZ_BOOKS = settings(FUZZ, max_examples=max(EXAMPLES // 3, 10))
CYRILLIC = re.compile("[а-яА-ЯёЁ]")

# YAML-ish text: the characters that make YAML's structure, Cyrillic, and the odd control character.
YAML_ALPHABET = st.sampled_from(list(" \n\t-:?[]{},#&*!|>'\"%@`\\.0123456789aexyzАбвЖ\r\x00\x1b\u200b\u202e\ufeff"))
yaml_text = st.lists(st.one_of(YAML_ALPHABET, st.sampled_from(
    ["format_version: 1\n", "jurisdiction:\n", "  id: x\n", "  level: regional\n", "subjects:\n", "- id: a\n",
     "  name: Школа\n", "&a ", "*a", "!!python/object:os.system ", "!!str ", "- ", ": ", "\n  ", "'", '"\\u'])),
    max_size=60).map("".join)


@FUZZ
@given(yaml_text)
def test_yaml_loader_answers_with_data_or_located_russian_problems(text):
    from efs.yamlsafe import parse_yaml

    try:
        doc = parse_yaml(text, "f.yaml")
    except ConfigurationError as exc:
        assert exc.problems
        for p in exc.problems:
            assert CYRILLIC.search(p.message), p.message
            assert p.location.file == "f.yaml" and p.location.line is not None
        return
    for p in doc.problems:
        assert CYRILLIC.search(p.message), p.message


@FUZZ
@given(st.binary(max_size=300))
def test_yaml_file_of_any_bytes_is_read_or_refused(tmp_path_factory, raw):
    from efs.loading import load_configuration

    path = tmp_path_factory.mktemp("y") / "c.yaml"
    path.write_bytes(raw)
    try:
        load_configuration(path)
    except (ConfigurationError, InputError) as exc:
        assert CYRILLIC.search(str(exc)), str(exc)


@FUZZ
@given(yaml_text)
def test_whole_loader_never_fails_otherwise(registry, text):
    from efs.loading import build_configuration
    from efs.yamlsafe import parse_yaml

    try:
        build_configuration(parse_yaml(text, "f.yaml"), registry=registry)
    except ConfigurationError as exc:
        assert all(CYRILLIC.search(p.message) for p in exc.problems), [p.message for p in exc.problems]


# ------------------------------------------------------------------------------------------ data files

HEADER = "Код организации;Код муниципалитета;Название организации;Вид организации\n"
CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["#REF!", "#Н/Д", "=1+1", "'=x", "''", "1e999", "99999999999", "-1", "12,5", "да", "\x00",
                     "\u200b", '"', '""', ";", "\r", "school", "o1", "m1"]),
)


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory):
    from efs.data.importing import import_files
    from efs.data.store import open_store
    from tests.data_import.conftest import BASE, write

    d = tmp_path_factory.mktemp("fuzzstore")
    store = open_store(d / "s.sqlite")
    import_files(store, [write(d / n, t) for n, t in BASE.items()])
    yield store
    store.close()


def _import(store, path):
    from efs.data.importing import import_files

    try:
        import_files(store, [path], jurisdiction="testland", dry_run=True)
    except (DataError, InputError) as exc:
        assert CYRILLIC.search(str(exc)), str(exc)


@FUZZ
@given(st.lists(st.lists(CELL, min_size=0, max_size=6), max_size=6))
def test_csv_of_any_cells_is_imported_or_refused_with_located_problems(fuzz_store, tmp_path_factory, rows):
    import csv

    buf = io.StringIO()
    csv.writer(buf, delimiter=";").writerows(rows)
    path = tmp_path_factory.mktemp("c") / "orgs.csv"
    path.write_text(HEADER + buf.getvalue(), encoding="utf-8")
    _import(fuzz_store, path)


@FUZZ
@given(st.binary(max_size=400), st.sampled_from(["", HEADER]))
def test_csv_file_of_any_bytes_is_imported_or_refused(fuzz_store, tmp_path_factory, raw, head):
    path = tmp_path_factory.mktemp("b") / "orgs.csv"
    path.write_bytes(head.encode("utf-8") + raw)
    _import(fuzz_store, path)


def _book(rows: list[list[object]], hidden: bool) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Организации"
    ws.append(["Код организации", "Код муниципалитета", "Название организации", "Вид организации"])
    for row in rows:
        ws.append(row)
    if hidden:
        ws.sheet_state = "hidden"
        wb.create_sheet("Лист")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


XLSX_CELL = st.one_of(CELL.filter(lambda s: not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", s)),
                      st.integers(-(2**70), 2**70), st.floats(allow_nan=True), st.booleans(), st.none(),
                      st.dates())


@FUZZ_BOOKS
@given(st.lists(st.lists(XLSX_CELL, max_size=6), max_size=5), st.booleans())
def test_xlsx_of_any_cells_is_imported_or_refused(fuzz_store, tmp_path_factory, rows, hidden):
    path = tmp_path_factory.mktemp("x") / "orgs.xlsx"
    path.write_bytes(_book(rows, hidden))
    _import(fuzz_store, path)


@pytest.fixture(scope="module")
def small_book() -> bytes:
    """One valid book (made once: its bytes carry a timestamp, and every example must damage the same bytes)."""
    return _book([["o1", "m1", "Школа", "school"]], False)


@FUZZ
@given(st.data())
def test_damaged_xlsx_is_refused_with_a_russian_message(fuzz_store, small_book, tmp_path_factory, data):
    raw = bytearray(small_book)
    for _ in range(data.draw(st.integers(1, 8))):
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(raw) // 2, len(raw)))
    path = tmp_path_factory.mktemp("d") / "orgs.xlsx"
    path.write_bytes(bytes(raw[:cut]))
    try:
        _import(fuzz_store, path)
    except EfsError as exc:  # pragma: no cover - the assertion message names it
        pytest.fail(f"{type(exc).__name__}: {exc}")
