"""The application layer (:mod:`efs.workspace`): what the CLI, the pytest plugin, ``efs demo`` and the web app call.

Each operation's result is checked twice: against what the command prints with ``--format json`` (the
shapes the web API returns) and against the library's lower layer called directly (loader, rules,
indicator engine), which does not go through the workspace.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from efs.cli import run
from efs.workspace import Workspace
from tests.conftest import CONFIG_DIR, ROOT

AS_OF = "2026-01-01"
DAY = dt.date(2026, 1, 1)
BUNDLED = sorted(CONFIG_DIR.glob("*.yaml"))
BAD = sorted((ROOT / "tests" / "data" / "bad").glob("*.yaml"))


@pytest.fixture(scope="module")
def ws(registry):
    with Workspace(registry=registry) as workspace:
        yield workspace


def cli_json(capsys, *argv: str) -> tuple[int, object]:
    capsys.readouterr()
    code = run(list(argv))
    return code, json.loads(capsys.readouterr().out)


def finding_keys(findings) -> list[tuple]:
    return sorted((f.code, f.location.line, f.location.column, f.message, f.suppressed) for f in findings)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_validation_is_the_document_efs_validate_json_prints(ws, capsys, path):
    code, printed = cli_json(capsys, "validate", str(path), "--format", "json", "--as-of", AS_OF)
    result = ws.validate_path(path, as_of=DAY)
    assert result.as_dict() == printed
    assert result.exit_code() == code
    # The oracle below the workspace: the loader and the rules called directly.
    from efs.conformance import validate
    from efs.loading import load_configuration

    direct = validate(load_configuration(path, registry=ws.registry), registry=ws.registry, as_of=DAY)
    assert finding_keys(result.findings) == finding_keys(direct)


@pytest.mark.parametrize("path", BUNDLED + BAD, ids=lambda p: p.stem)
def test_an_upload_is_checked_exactly_as_the_same_file(ws, path):
    from_file = ws.validate_path(path, as_of=DAY)
    uploaded = ws.validate_text(path.read_bytes(), str(path), as_of=DAY)
    assert uploaded.as_dict() == from_file.as_dict()
    if path in BUNDLED:  # text (an editor's buffer) as well as bytes
        assert ws.validate_text(path.read_text(encoding="utf-8"), str(path), as_of=DAY).as_dict() == from_file.as_dict()


def test_an_upload_over_the_size_limit_is_a_located_finding_not_an_exception(ws):
    result = ws.validate_text(b"format_version: 1\n" + b"#" * 2000, "big.yaml", max_bytes=1000)
    [(name, config, findings)] = result.results
    assert (name, config) == ("big.yaml", None)
    assert [(f.code, f.location.file, f.location.line) for f in findings] == [("EFS001", "big.yaml", 1)]
    assert "1000 байт" in findings[0].message
    assert result.exit_code() == 1


def test_resolve_names_the_file_and_the_jurisdiction(ws):
    by_id = ws.resolve("amur")
    assert by_id.jurisdiction is not None and by_id.jurisdiction.id == "amur"
    assert by_id.path == Path(ws.registry.jurisdictions["amur"].config_path)
    by_path = ws.resolve(str(CONFIG_DIR / "amur.yaml"))
    assert by_path.jurisdiction is None and by_path.path == CONFIG_DIR / "amur.yaml"


def test_an_unknown_target_is_a_russian_input_error_with_a_suggestion(ws):
    from efs.errors import InputError

    with pytest.raises(InputError, match=r"нет такого файла или юрисдикции: amru.*amur"):
        ws.resolve("amru")


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory, registry):
    """A SQLite store with two years of synthetic data of megion."""
    from efs.data.store import open_store
    from efs.loading import load_configuration
    from efs.synthesis import synthesize

    db = tmp_path_factory.mktemp("ws") / "store.sqlite"
    with open_store(db) as store:
        synthesize(store, load_configuration(CONFIG_DIR / "megion.yaml", registry=registry), staff=300, year=2024,
                   years=2, seed=3)
    return str(db)


@pytest.mark.parametrize("by", ["jurisdiction", "municipality"])
def test_indicators_are_the_document_efs_indicators_json_prints(registry, synthetic_db, capsys, by):
    _, printed = cli_json(capsys, "indicators", "megion", "--year", "2024", "--db", synthetic_db, "--by", by,
                          "--format", "json")
    with Workspace(synthetic_db, registry=registry) as ws:
        run_ = ws.indicators("megion", 2024, by)
        assert run_.as_dict() == printed
        assert run_.synthetic is True
        # The engine called directly on the same store.
        from efs.indicators import compute

        direct = compute(ws.load("megion"), ws.store, year=2024, by=by, registry=registry)
        # ... and each result's name in the documents' words (efs.report.names.Namer), the one field it adds
        assert [r.to_dict() for r in direct] == [{k: v for k, v in p.items() if k != "label"}
                                                 for p in printed["results"]]
        from efs.report.names import Namer

        names = Namer(ws.load("megion"), registry).indicators
        assert all(p["label"].startswith(names[p["indicator_id"]]) for p in printed["results"])


def test_explanation_is_what_efs_indicators_explain_prints(registry, synthetic_db, capsys):
    with Workspace(synthetic_db, registry=registry) as ws:
        indicator = ws.indicators("megion", 2024).results[0].indicator_id
        explained = ws.explain("megion", indicator, 2024)
    capsys.readouterr()
    assert run(["indicators", "megion", "--year", "2024", "--db", synthetic_db, "--explain", indicator]) == 0
    assert capsys.readouterr().out == explained.text + "\n"
    assert indicator in explained.text


@pytest.mark.parametrize("fmt", ["json", "md", "html", "xlsx"])
def test_report_bytes_are_the_file_efs_report_writes(registry, synthetic_db, tmp_path, fmt):
    path = tmp_path / f"r.{fmt}"
    assert run(["report", "megion", "--year", "2024", "--db", synthetic_db, "--as-of", "2025-01-01", "-o",
                str(path)]) == 0
    with Workspace(synthetic_db, registry=registry) as ws:
        data = ws.report("megion", 2024, fmt, as_of=dt.date(2025, 1, 1))
    if fmt != "xlsx":
        assert data == path.read_bytes()
        return
    import io

    from openpyxl import load_workbook

    def cells(book):
        return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets}

    assert cells(load_workbook(io.BytesIO(data))) == cells(load_workbook(path))


def test_a_read_only_workspace_opens_no_missing_store_and_writes_nothing(registry, tmp_path):
    from efs.errors import InputError, StoreError

    missing = tmp_path / "none.sqlite"
    with Workspace(str(missing), registry=registry) as ws, pytest.raises(StoreError, match="не найден"):
        ws.store  # noqa: B018
    assert not missing.exists()
    with Workspace(str(missing), registry=registry) as ws:
        for write in (lambda: ws.import_files([tmp_path / "staff.csv"], dry_run=False),
                      lambda: ws.synthesize("megion", staff=10, year=2024),
                      lambda: ws.build_analytics("megion", [2024])):
            with pytest.raises(InputError, match="только для чтения"):
                write()
    assert not missing.exists()
    ws = Workspace(str(missing), writable=True, create=False, registry=registry)
    with ws, pytest.raises(StoreError, match="не найден"):
        ws.build_analytics("megion", [2024])
    assert not missing.exists()


def test_import_lists_rejected_rows_and_writes_nothing(registry, tmp_path, capsys):
    from tests.data_import.conftest import BASE, STAFF, snapshot, write

    db = tmp_path / "s.sqlite"
    base = [write(tmp_path / name, text) for name, text in BASE.items()]
    with Workspace(str(db), writable=True, registry=registry) as ws:
        first = ws.import_files(base, dry_run=False)
        assert first.ok and first.total("imported") == 5 and first.as_dict()["committed"] is True
        before = snapshot(ws.store)
        bad = write(tmp_path / "staff.csv", STAFF.replace("1995", "x").replace("1999", "y"))
        for dry_run in (True, False):
            summary = ws.import_files([bad], dry_run=dry_run)
            assert not summary.ok and "ничего не загружено" in summary.message
            assert [(r["line"], r["column"]) for r in summary.as_dict()["rejected"]] == [(2, 5), (4, 5)]
            assert snapshot(ws.store) == before
        good = write(tmp_path / "staff2.csv", STAFF)
        dry = ws.import_files([good], dry_run=True)
        assert dry.ok and dry.total("imported") == 3 and dry.as_dict()["committed"] is False
        assert snapshot(ws.store) == before
    # The CLI reports the same rows.
    capsys.readouterr()
    assert run(["data", "import", str(bad), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "staff.csv:2:5" in err and "staff.csv:4:5" in err


def test_comparison_is_the_document_efs_diff_json_prints(ws, tmp_path, capsys):
    new = tmp_path / "amur-new.yaml"
    text = (CONFIG_DIR / "amur.yaml").read_text(encoding="utf-8")
    shutil.copy(CONFIG_DIR / "amur.yaml", tmp_path / "amur.yaml")
    first_name = next(line for line in text.splitlines() if line.strip().startswith("name:"))
    new.write_text(text.replace(first_name, first_name + " (новая редакция)", 1), encoding="utf-8")
    code, printed = cli_json(capsys, "diff", str(tmp_path / "amur.yaml"), str(new), "--format", "json", "--as-of",
                             AS_OF)
    result = ws.diff(str(tmp_path / "amur.yaml"), str(new), as_of=DAY)
    assert code == 1 and result.changed
    assert result.as_dict() == printed


def test_threads_sharing_a_workspace_get_one_catalogue_and_one_store(tmp_path, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from efs.data.store import open_store
    from efs.registry import Registry

    open_store(tmp_path / "s.sqlite").close()
    builds = []
    real = Registry.build.__func__

    def counted(cls, pm=None):
        builds.append(1)
        return real(cls, pm)

    monkeypatch.setattr(Registry, "build", classmethod(counted))
    ws = Workspace(str(tmp_path / "s.sqlite"))
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda _: (ws.registry, ws.store), range(16)))
    assert len(builds) == 1
    assert len({id(r) for r, _ in got}) == 1 and len({id(s) for _, s in got}) == 1
    ws.close()
