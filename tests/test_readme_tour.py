"""The README's tour, run as a new user runs it from a fresh clone: no traceback, no English sentence.

Every command of the README's fenced blocks after the first (the first is the install and the tests) is
run as written, one after another, by ``bash`` in a directory that holds what a clone gives the user
(``config/``), with ``.venv/bin/efs`` being this efs. The one file a user brings, the Положение for
``efs draft``, is a Word version of a bundled document. The Python block runs as a script in the same
directory. Each command must end with 0 or 1 (1: findings or changes, as the README says) and print
Russian: no traceback, no four English words in a row outside «quotes» (a library's message passed
through), no raw terminal escape.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Four English words in a row: a library's message passed through (as in tests/test_hostile.py).
#: Four English words in a row (a library's message); words in capitals only are SQL keywords (--explain).
ENGLISH = re.compile(r"\b(?=[A-Za-z]*[a-z])[A-Za-z]{2,}(?: (?=[A-Za-z]*[a-z])[A-Za-z]{2,}){3,}\b")


def blocks(language: str) -> list[str]:
    """The README's fenced blocks of ``language``, in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.M | re.S)


def tour() -> list[str]:
    """The tour's shell commands, comments removed (the first block, install and tests, excluded)."""
    commands = []
    for block in blocks("sh")[1:]:
        for line in block.splitlines():
            command = re.sub(r"\s+#\s.*$", "", line).strip()
            if command and "pip install" not in command and "pytest" not in command:
                commands.append(command)
    return commands


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A directory as a fresh clone gives it to the tour: the configurations, and ``.venv/bin/efs``."""
    from tests.documents.seed_docx import build

    home = tmp_path_factory.mktemp("tour")
    shutil.copytree(ROOT / "config", home / "config")
    efs = home / ".venv" / "bin" / "efs"
    efs.parent.mkdir(parents=True)
    efs.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m efs "$@"\n', encoding="utf-8")
    efs.chmod(efs.stat().st_mode | stat.S_IEXEC)
    build("turochak", home).rename(home / "polozhenie.docx")  # the user's own document, for efs draft
    return home


def assert_russian_without_traceback(command: str, out: str) -> None:
    assert "Traceback" not in out, f"{command}:\n{out[-3000:]}"
    assert "\x1b" not in out, f"{command}: сырая управляющая последовательность"
    english = ENGLISH.search(re.sub(r"«[^»]*»", "", out))
    assert english is None, f"{command}: английский текст «{english.group() if english else ''}»"


def test_the_tour_is_read_from_the_readme():
    commands = tour()
    assert any(c.startswith(".venv/bin/efs validate") for c in commands)
    assert any(c.startswith(".venv/bin/efs report") for c in commands)
    assert not any("pytest" in c for c in commands)


def serve_briefly(command: str, cwd: Path, env: dict[str, str]) -> str:
    """Run the tour's ``efs serve`` on a free port (``--port 0``: another server may hold 8000) until it prints
    its address, then stop it as Ctrl-C does; its whole output."""
    import signal
    import time

    process = subprocess.Popen(["bash", "-c", f"exec {command} --port 0"], cwd=cwd, env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert process.stdout is not None
    lines = []
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("efs serve: http://"):
                break
    finally:
        process.send_signal(signal.SIGINT)
        try:
            rest, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            rest, _ = process.communicate()
    return "".join(lines) + rest


@pytest.mark.slow
def test_every_command_of_the_tour_prints_russian_and_no_traceback(clone):
    env = {k: v for k, v in os.environ.items() if not k.startswith("EFS_")}
    env["PYTHONIOENCODING"] = "utf-8"
    ran = []
    for command in tour():
        if "efs serve" in command:  # a server runs until stopped: it must start and say where, then is stopped
            out = serve_briefly(command, clone, env)
            assert re.search(r"^efs serve: http://127\.0\.0\.1:\d+/", out, flags=re.M), f"{command}:\n{out[-3000:]}"
            assert_russian_without_traceback(command, out)
            ran.append(command)
            continue
        result = subprocess.run(["bash", "-c", command], cwd=clone, env=env, capture_output=True, text=True,
                                timeout=600)
        out = result.stdout + result.stderr
        assert result.returncode in (0, 1), f"{command}: код выхода {result.returncode}\n{out[-3000:]}"
        assert_russian_without_traceback(command, out)
        ran.append(command)
    assert (clone / "amur.html").stat().st_size > 10_000  # the tour's last step wrote the справка
    assert (clone / "moy_rayon.yaml").is_file() and (clone / "monitoring.sqlite").is_file()
    assert len(ran) == len(tour())


@pytest.mark.slow
def test_the_python_example_runs_and_prints_findings_with_their_places(clone):
    (example,) = blocks("python")
    result = subprocess.run([sys.executable, "-c", example], cwd=clone, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 0, result.stderr
    assert_russian_without_traceback("пример на Python", result.stdout + result.stderr)
    assert re.search(r"^config/megion\.yaml:\d+:\d+ EFS\d{3} ", result.stdout, flags=re.M), result.stdout[:2000]
