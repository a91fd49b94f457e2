"""Import warns about aggregate returns the computation sets aside: on stderr, in the summary, in the API.

A return filed for an organisation (or a municipality) whose person rows the store already holds is not
used; ``efs data import`` says so with the file and row, the exit code stays 0, and the numbers are those
of the person rows — the warning tells the truth about which was used.
"""

from __future__ import annotations

import shutil

import pytest

YEAR = 2024
JURISDICTIONS = ("amur", "megion", "turochak", "tyumen")


@pytest.fixture(scope="module")
def exported(tmp_path_factory, registry):
    """The CSV files ``efs data export --include-person-rows`` writes of each bundled jurisdiction's
    synthetic data (what ``efs demo`` computes from: two years, with hidden scopes' aggregate returns)."""
    from efs.data.export import export_tables
    from efs.data.store import open_store
    from efs.loading import load_one
    from efs.synthesis import synthesize

    base = tmp_path_factory.mktemp("overlap")
    with open_store(base / "synth.sqlite") as store:
        for n, jid in enumerate(JURISDICTIONS):
            synthesize(store, load_one(jid, registry), staff=200, year=YEAR, years=2, seed=21 + n, registry=registry)
        export_tables(store, base / "csv", include_person_rows=True)
    return sorted((base / "csv").glob("*.csv"))


@pytest.fixture(scope="module")
def imported(exported, tmp_path_factory, registry):
    """A store holding the exported files, and the summary of their import."""
    from efs.workspace import Workspace

    path = tmp_path_factory.mktemp("overlap_store") / "imported.sqlite"
    ws = Workspace(str(path), writable=True, registry=registry)
    summary = ws.import_files(exported, dry_run=False)
    ws.close()
    return path, summary


def test_the_synthetic_data_imports_without_a_single_warning(imported):
    _, summary = imported
    assert summary.ok and summary.result.committed
    returns = next(p for p in summary.result.parts if p.table == "aggregate_returns")
    assert returns.imported > 0  # there are returns to check: the hidden scopes'
    assert summary.set_aside == [] and summary.as_dict()["warnings"] == [] and summary.warning_lines() == []


def _person_cell(path, registry):
    """An organisation with person rows for a share of amur in YEAR, its municipality, and the jurisdiction's
    numbers of that share."""
    from efs.data.store import open_store
    from efs.indicators import compute
    from efs.loading import load_one

    config = load_one("amur", registry)
    with open_store(path) as store:
        orgs = compute(config, store, year=YEAR, by="organization", registry=registry, show_small=True)
        cell = next(r for r in orgs if r.data_source == "person" and r.denominator and r.sub_measure is None
                    and not r.federal)
        muni = next(m for o, (m, _) in _hierarchy(store, "amur").items() if o == cell.scope_id)
        numbers = _numbers(config, store, registry)
    return config, cell, muni, numbers


def _hierarchy(store, jur):
    import sqlalchemy as sa

    from efs.data import schema as S

    o = S.organizations
    with store.engine.connect() as conn:
        return {r.id: (r.municipality_id, r.name) for r in conn.execute(sa.select(o).where(o.c.jurisdiction_id == jur))}


def _numbers(config, store, registry):
    from efs.indicators import compute

    return {(r.indicator_id, r.sub_measure, r.scope, r.scope_id): (r.numerator, r.denominator, r.status)
            for r in compute(config, store, year=YEAR, by=("jurisdiction", "municipality"), registry=registry)}


def _returns_csv(tmp_path, cell, muni):
    from tests.data_import.conftest import write

    return write(tmp_path / "returns.csv",
                 "Юрисдикция;Показатель;Год;Уровень сводки;Код организации или муниципалитета;Часть показателя;"
                 "Числитель;Знаменатель\n"
                 f"amur;{cell.indicator_id};{YEAR};организация;{cell.scope_id};;0;1000\n"
                 f"amur;{cell.indicator_id};{YEAR};муниципалитет;{muni};;999;1000\n")


def _overlapping(imported, tmp_path, registry):
    """A copy of the imported store, one organisation's cell of person rows, its municipality, the numbers before,
    and a CSV of two returns over those person rows (the organisation's, row 2; the municipality's, row 3)."""
    path = tmp_path / "store.sqlite"
    shutil.copy(imported[0], path)
    config, cell, muni, before = _person_cell(path, registry)
    return path, config, cell, muni, before, _returns_csv(tmp_path, cell, muni)


def test_a_return_over_person_rows_is_a_warning_with_its_row_and_the_person_rows_are_used(
    imported, tmp_path, registry, capsys
):
    from efs.cli import run
    from efs.data.store import open_store

    path, config, cell, muni, before, returns = _overlapping(imported, tmp_path, registry)
    capsys.readouterr()
    assert run(["data", "import", "--db", str(path), str(returns)]) == 0  # a warning, not an error
    err = capsys.readouterr().err
    org_name = _hierarchy(open_store(path), "amur")[cell.scope_id][1]
    assert ("предупреждение: сводных отчётов, не использованных при расчёте показателей: 2 (у организации есть "
            "персональные данные — 1; у организаций муниципалитета есть персональные данные — 1)") in err
    assert (f"  {returns}:2: сводный отчёт не использован: организация «{org_name}» ({cell.scope_id}), "
            f"показатель {cell.indicator_id}, {YEAR} г. (0/1000) — у организации есть персональные данные по "
            "показателю за этот год — при расчёте используются они") in err.splitlines()
    assert any(line.startswith(f"  {returns}:3: сводный отчёт не использован: муниципалитет ") and f"({muni})" in line
               for line in err.splitlines())
    with open_store(path) as store:  # the rows imported, and not counted: the numbers are the person rows'
        assert _numbers(config, store, registry) == before


def test_the_summary_and_the_api_carry_the_warnings(imported, tmp_path, registry):
    from efs.workspace import Workspace
    from tests.web.conftest import make_client

    path, _, cell, muni, _, returns = _overlapping(imported, tmp_path, registry)
    ws = Workspace(str(path), writable=True, registry=registry)
    dry = ws.import_files([returns], dry_run=True).as_dict()["warnings"]  # said before writing: the same list
    warnings = ws.import_files([returns], dry_run=False).as_dict()["warnings"]
    ws.close()
    assert dry == warnings
    assert [(w["scope"], w["scope_id"], w["indicator_id"], w["year"], w["reason"], w["file"], w["line"])
            for w in warnings] == [
        ("organization", cell.scope_id, cell.indicator_id, YEAR, "person_rows", str(returns), 2),
        ("municipality", muni, cell.indicator_id, YEAR, "municipality_person_rows", str(returns), 3),
    ]
    assert warnings[0]["message"] == f"{returns}:2: {warnings[0]['text']}"

    shutil.copy(imported[0], path)  # again through the server, as an upload
    with make_client(path, writable=True) as client:
        r = client.post("/api/import?dry_run=false",
                        files=[("files", ("returns.csv", returns.read_bytes(), "text/csv"))])
    assert r.status_code == 200, r.text
    body = r.json()
    assert [(w["scope_id"], w["reason"], w["file"], w["line"]) for w in body["warnings"]] == [
        (cell.scope_id, "person_rows", "returns.csv", 2), (muni, "municipality_person_rows", "returns.csv", 3)]
    assert body["warnings"][0]["message"].startswith("returns.csv:2: сводный отчёт не использован: организация")


def test_the_import_page_lists_the_returns_set_aside_after_the_commit(imported, tmp_path, registry):
    import html
    import re

    from tests.web.conftest import csrf_of, make_client

    path, _, cell, muni, _, returns = _overlapping(imported, tmp_path, registry)
    files = [("files", ("returns.csv", returns.read_bytes(), "text/csv"))]
    with make_client(path, writable=True) as client:
        token = csrf_of(client)
        dry = client.post("/import", data={"csrf": token}, files=files)
        first = html.unescape(dry.text).split('<table class="set-aside" id="set-aside">')[1].split("</table>")[0]
        assert ("Сводные отчёты, которые после записи не будут использованы при расчёте: 2 (предупреждение: пробный "
                "прогон, ничего не записано)") in first
        key = re.search(r'name="key" value="([^"]+)"', dry.text).group(1)
        page = html.unescape(client.post("/import/commit", data={"csrf": token, "key": key}).text)
    table = page.split('<table class="set-aside" id="set-aside">')[1].split("</table>")[0]
    assert "Сводные отчёты, не использованные при расчёте: 2 (предупреждение: данные записаны)" in table
    rows = re.findall(r"<tr><td>returns\.csv</td><td></td><td class=\"num\">(\d)</td><td class=\"num\">(\d+)</td>"
                      r"<td>[^<]*\((\w+)\)</td><td>(\w+)</td><td>([^<]*)</td></tr>", table)
    assert [r[:4] for r in rows] == [("2", str(YEAR), cell.scope_id, cell.indicator_id),
                                     ("3", str(YEAR), muni, cell.indicator_id)]
    assert rows[0][4].startswith("у организации есть персональные данные")


def _returns_rows(path):
    import sqlalchemy as sa

    from efs.data import schema as S
    from efs.data.store import open_store

    with open_store(path) as store, store.engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(sa.select(S.aggregate_returns)))


def test_a_dry_run_names_the_returns_it_would_set_aside_and_writes_nothing(imported, tmp_path, registry, capsys):
    """``--dry-run`` prints the warning of the real import (counted as if written, with the file and row of
    each return), the exit code stays 0, and the store is left as it was; the real import then sets aside
    exactly those."""
    from efs.cli import run
    from efs.data.store import open_store

    path, config, cell, muni, before, returns = _overlapping(imported, tmp_path, registry)
    stored = _returns_rows(path)
    capsys.readouterr()
    assert run(["data", "import", "--dry-run", "--db", str(path), str(returns)]) == 0
    err = capsys.readouterr().err
    assert ("предупреждение (пробная загрузка): после записи при расчёте показателей не будет использовано "
            "сводных отчётов: 2 (у организации есть персональные данные — 1; у организаций муниципалитета есть "
            "персональные данные — 1)") in err.splitlines()
    org_name = _hierarchy(open_store(path), "amur")[cell.scope_id][1]
    line = (f"  {returns}:2: сводный отчёт не использован: организация «{org_name}» ({cell.scope_id}), "
            f"показатель {cell.indicator_id}, {YEAR} г. (0/1000) — у организации есть персональные данные по "
            "показателю за этот год — при расчёте используются они")
    assert line in err.splitlines()
    assert any(x.startswith(f"  {returns}:3: сводный отчёт не использован: муниципалитет ") and f"({muni})" in x
               for x in err.splitlines())
    assert _returns_rows(path) == stored  # nothing written
    with open_store(path) as store:
        assert _numbers(config, store, registry) == before
    dry_items = [x for x in err.splitlines() if x.startswith("  ")]

    assert run(["data", "import", "--db", str(path), str(returns)]) == 0
    real = capsys.readouterr().err
    assert [x for x in real.splitlines() if x.startswith("  ")] == dry_items
    assert len(_returns_rows(path)) == len(stored) + 2


def test_a_dry_run_counts_its_returns_in_place_of_the_stored_ones_with_the_same_key(imported, tmp_path, registry):
    """A return filed again with other numbers is checked once, with the new numbers; one that another filed
    return makes redundant (an organisation's return beside its municipality's) is set aside though it is only
    in the file."""
    from efs.workspace import Workspace
    from tests.data_import.conftest import write

    path, _, cell, muni, _, returns = _overlapping(imported, tmp_path, registry)
    ws = Workspace(str(path), writable=True, registry=registry)
    try:
        ws.import_files([returns], dry_run=False)
        again = write(tmp_path / "again.csv",
                      "Юрисдикция;Показатель;Год;Уровень сводки;Код организации или муниципалитета;Часть показателя;"
                      "Числитель;Знаменатель\n"
                      f"amur;{cell.indicator_id};{YEAR};организация;{cell.scope_id};;5;1000\n")
        found = ws.import_files([again], dry_run=True).set_aside
        mine = [s for s in found if s.indicator_id == cell.indicator_id and s.year == YEAR]
        assert [(s.scope, s.scope_id, s.numerator, s.denominator, s.reason) for s in mine] == [
            ("organization", cell.scope_id, 5, 1000, "person_rows"),  # the filed numbers, not the stored 0/1000
            ("municipality", muni, 999, 1000, "municipality_person_rows"),  # stored, still aside
        ]
    finally:
        ws.close()


def test_a_dry_run_that_would_change_person_rows_says_the_check_waits_for_the_real_import(
    imported, tmp_path, registry
):
    """The person-level rows a dry run would write are not in the store, and the computation reads them there:
    the dry run does not guess — it names no return and says why."""
    from efs.workspace import Workspace
    from tests.data_import.conftest import write

    path, _, cell, _, _, returns = _overlapping(imported, tmp_path, registry)
    staff = write(tmp_path / "staff.csv",
                  "Юрисдикция;Работник (id);Код организации;Должность;Управленческий работник;Год рождения;"
                  f"Год начала педагогической работы\namur;new-1;{cell.scope_id};учитель;нет;1995;2022\n")
    ws = Workspace(str(path), writable=True, registry=registry)
    try:
        summary = ws.import_files([returns, staff], dry_run=True)
    finally:
        ws.close()
    assert summary.ok and summary.set_aside == [] and summary.warning_lines() == []
    assert ("сводные отчёты юрисдикции amur при пробной загрузке не сверены с персональными данными: загрузка меняет "
            "и другие таблицы (staff), а расчёт читает их из хранилища — сверка будет после записи"
            ) in summary.result.notes
