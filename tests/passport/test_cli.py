"""``efs passport`` on the command line: formats, a municipality's part, --fill, mistakes as Russian messages."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.passport.conftest import YEAR


@pytest.fixture(scope="module")
def db(passport_store, tmp_path_factory):
    """A file copy of the synthetic store (the commands open it by path)."""
    path = tmp_path_factory.mktemp("cli") / "m.sqlite"
    shutil.copy(passport_store.engine.url.database, path)
    return str(path)


def _run(*args):
    from efs.cli import run

    return run(list(args))


@pytest.mark.parametrize("suffix", [".json", ".md", ".html", ".xlsx"])
def test_every_format_is_written_by_its_suffix(db, tmp_path, capsys, suffix):
    out = tmp_path / f"amur{suffix}"
    assert _run("passport", "amur", "--year", str(YEAR), "--db", db, "-o", str(out)) == 0
    assert out.stat().st_size > 5000
    printed = capsys.readouterr()
    assert "Паспорт" in printed.out and "синтетические" in printed.err


def test_a_municipality_part_and_a_fill_file(db, tmp_path):
    fill = tmp_path / "f.yaml"
    fill.write_text("financing:\n  total: 100\ncontacts.email: mms@example.ru\n", encoding="utf-8")
    out = tmp_path / "part.json"
    assert _run("passport", "amur", "--year", str(YEAR), "--db", db, "--municipality", "m001",
                "--fill", str(fill), "-o", str(out)) == 0
    p = json.loads(out.read_text(encoding="utf-8"))
    assert p["municipality"]["id"] == "m001" and p["part"]
    fields = {r["cells"][-1]: r["cells"][2] for s in p["sections"] if s["id"] == "to_fill"
              for r in s["tables"][0]["rows"]}
    assert fields["financing.total"] == 100 and fields["contacts.email"] == "mms@example.ru"


def test_an_unknown_municipality_is_named_with_the_known_ones(db, tmp_path, capsys):
    out = tmp_path / "x.json"
    assert _run("passport", "amur", "--year", str(YEAR), "--db", db, "--municipality", "m0001", "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert "нет муниципалитета «m0001»" in err and "m001" in err and "Traceback" not in err
    assert not out.exists()


def test_a_municipal_jurisdiction_has_no_municipality_option(db, tmp_path, capsys):
    assert _run("passport", "megion", "--year", str(YEAR), "--db", db, "--municipality", "megion",
                "-o", str(tmp_path / "x.json")) == 2
    assert "муниципальная" in capsys.readouterr().err


def test_a_bad_fill_file_writes_nothing_and_says_where(db, tmp_path, capsys):
    fill = tmp_path / "f.csv"
    fill.write_text("поле;значение\nfinancing.total;сто\n", encoding="utf-8")
    out = tmp_path / "p.html"
    assert _run("passport", "amur", "--year", str(YEAR), "--db", db, "--fill", str(fill), "-o", str(out)) == 1
    err = capsys.readouterr().err
    assert f"{fill}:2:1" in err and "ожидается число" in err
    assert not out.exists()


def test_a_name_that_contradicts_the_format_is_refused_before_any_work(db, tmp_path, capsys):
    assert _run("passport", "amur", "--year", str(YEAR), "--db", db, "-o", str(tmp_path / "p.pdf")) == 2
    assert "PDF efs не пишет" in capsys.readouterr().err


def test_a_store_without_the_jurisdiction_says_how_to_fill_it(tmp_path, capsys):
    from efs.data.store import open_store

    open_store(tmp_path / "empty.sqlite").close()
    assert _run("passport", "amur", "--year", str(YEAR), "--db", str(tmp_path / "empty.sqlite"),
                "-o", str(tmp_path / "p.json")) == 2
    assert "efs data synth" in capsys.readouterr().err
