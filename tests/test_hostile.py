"""`efs validate` on hostile files: a located Russian message and exit 1/2, never a traceback or code run."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

BAD = Path(__file__).parent / "data" / "bad"
GiB = 1024**3

# file → a fragment the message must contain
EXPECTED = {
    "billion_laughs.yaml": "миллиард смешков",
    "duplicate_keys.yaml": "повторяется",
    "cp1251.yaml": "Windows-1251",
    "deep_nesting.yaml": "вложенность",
    "binary_garbage.yaml": "не в кодировке UTF-8",
    "python_tag.yaml": "недопустим",
    "empty.yaml": "файл пуст",
    "root_list.yaml": "в корне файла список",
    "tab_indented.yaml": "табуляции",
}
LOCATED = re.compile(r"^(?P<file>[^\n:]+\.yaml):(?P<line>\d+):(?P<col>\d+): EFS00\d \[ошибка\] ", re.M)


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (GiB, GiB))


def run_validate(path: Path, cwd: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "efs", "validate", *extra, str(path)],
        capture_output=True, text=True, timeout=60, preexec_fn=_limit, cwd=cwd,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file_gives_located_russian_message_and_runs_no_code(name, tmp_path):
    result = run_validate(BAD / name, tmp_path)
    out = result.stdout + result.stderr
    assert result.returncode in (1, 2), out
    assert "Traceback" not in out
    assert EXPECTED[name] in out, out
    assert LOCATED.search(out), f"нет местоположения файл:строка:столбец в выводе:\n{out}"
    assert not (tmp_path / "EFS_PWNED").exists()


def test_python_tag_error_points_at_the_tag(tmp_path):
    result = run_validate(BAD / "python_tag.yaml", tmp_path)
    assert re.search(r"python_tag\.yaml:2:15: EFS001", result.stdout), result.stdout


def test_sixty_megabyte_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("w", encoding="utf-8") as fh:
        fh.write("format_version: 1\nnotes:\n")
        line = "  - " + "ж" * 60 + "\n"
        for _ in range(60 * 1024 * 1024 // len(line.encode()) + 1):
            fh.write(line)
    assert big.stat().st_size > 60 * 1024 * 1024
    result = run_validate(big, tmp_path)
    assert result.returncode == 1
    assert "файл слишком велик" in result.stdout
    assert LOCATED.search(result.stdout)
    # Raising the limit lets the size through to the schema check, still bounded in memory.
    assert "Traceback" not in result.stdout + result.stderr
