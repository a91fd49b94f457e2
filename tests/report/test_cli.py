"""``efs report`` and ``efs demo`` from the command line: files, exit codes, Russian errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time

import pytest

from efs.cli import run

from .conftest import YEAR


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "cli.sqlite"
    assert run(["data", "synth", "-j", "megion", "--db", str(path), "--staff", "300", "--year", str(YEAR)]) == 0
    return path


@pytest.mark.parametrize("fmt", ["html", "xlsx", "md", "json"])
def test_report_writes_each_format(fmt, db, tmp_path, capsys):
    out = tmp_path / f"r.{fmt}"
    assert run(["report", "megion", "--year", str(YEAR), "--db", str(db), "-o", str(out)]) == 0
    assert out.exists() and out.stat().st_size > 1000
    captured = capsys.readouterr()
    assert f"Отчёт ({fmt})" in captured.out and "синтетические" in captured.err


def test_format_option_names_the_format_of_a_file_without_suffix_and_as_of_is_used(db, tmp_path):
    out = tmp_path / "report"
    assert run(["report", "megion", "--year", str(YEAR), "--db", str(db), "--format", "json",
                "--as-of", "2025-06-30", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["as_of"] == "2025-06-30" and data["roadmap"]["as_of"] == "2025-06-30"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--db", "{tmp}/nope.sqlite", "-o", "{tmp}/r.html"], "файл хранилища не найден"),
        (["--db", "{db}", "-o", "{tmp}/no/such/dir/r.html"], "каталог для отчёта не существует"),
        (["--db", "{db}", "--format", "pdf", "-o", "{tmp}/r.pdf"], "недопустимое значение «pdf» для --format"),
    ],
)
def test_user_errors_are_russian_without_traceback(args, message, db, tmp_path, capsys):
    argv = ["report", "megion", "--year", str(YEAR), *[a.format(tmp=tmp_path, db=db) for a in args]]
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_jurisdiction_missing_from_the_store_is_explained(db, tmp_path, capsys):
    assert run(["report", "amur", "--year", str(YEAR), "--db", str(db), "-o", str(tmp_path / "a.html")]) == 2
    assert "нет данных юрисдикции «Амурская область» (amur)" in capsys.readouterr().err


def test_demo_runs_the_whole_pipeline_from_a_plain_process(tmp_path):
    # speed is measured in bench/, not bounded here: a wall-clock bound fails on a loaded machine
    result = subprocess.run([sys.executable, "-m", "efs", "demo", "--out", str(tmp_path / "demo"), "--staff", "21",
                             "--years", "2"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    for line in ("[1/4]", "[4/4]", "проверка —", "синтетические данные —", "показатели —"):
        assert line in result.stderr, line
    # Russian agreement and decimal commas: «21 работник», «до 21 работника», «4 юрисдикции», «0,6 с».
    assert "efs demo: 4 юрисдикции, " in result.stderr and "до 21 работника на юрисдикцию" in result.stderr
    assert "синтетические данные — 21 работник, годы " in result.stderr
    assert not re.search(r"\d\.\d с\b", result.stderr + result.stdout), "секунды с десятичной точкой"
    # Every list the demo cuts says how much it left out: printed errors + the cut count = the errors counted.
    blocks = re.split(r"^(?=\[\d/4\])", result.stderr, flags=re.M)
    for block in (b for b in blocks if "проверка — ошибок" in b):
        errors = int(re.search(r"проверка — ошибок (\d+)", block).group(1))
        shown = len(re.findall(r"^    EFS\d+ ", block, re.M))
        cut = re.search(r"не показано ещё: (\d+) из (\d+)", block)
        assert shown + (int(cut.group(1)) if cut else 0) == errors, block
        assert cut is None or int(cut.group(2)) == errors, block
    for name in ("amur", "megion", "turochak", "tyumen"):
        for ext in ("html", "xlsx", "md", "json"):
            path = tmp_path / "demo" / f"{name}-{time.localtime().tm_year - 1}.{ext}"
            assert path.exists(), path
            assert str(path) in result.stdout
    data = json.loads((tmp_path / "demo" / f"amur-{time.localtime().tm_year - 1}.json").read_text(encoding="utf-8"))
    assert data["synthetic"] is True
