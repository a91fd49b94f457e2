"""The seams of the engine: the store never reaches into the indicators, the engine's parts import one way."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import efs

CORE = Path(efs.__file__).resolve().parent


def imported(path: Path) -> set[str]:
    """Every module a source file imports, at the top or inside a function."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names}
    return out


def test_the_store_imports_nothing_of_the_indicators():
    offenders = {
        str(p.relative_to(CORE)): sorted(m for m in imported(p) if m.startswith("efs.indicators"))
        for p in (CORE / "data").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_engine_and_analytics_do_not_import_each_other_and_the_runner_imports_neither():
    ind = CORE / "indicators"
    assert not any(m.startswith("efs.indicators.engine") for m in imported(ind / "analytics.py"))
    assert not any(
        m.startswith(("efs.indicators.engine", "efs.indicators.analytics")) for m in imported(ind / "runner.py")
    )


def test_no_test_only_switch_lives_in_the_import_code():
    text = "".join(p.read_text(encoding="utf-8") for p in (CORE / "data").rglob("*.py"))
    assert "EFS_TEST" not in text and "time.sleep" not in text


def test_progress_bars_draw_on_a_terminal_only(monkeypatch):
    from efs.cli import progress as cli_progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(cli_progress.sys, "stderr", io.StringIO())
    with cli_progress.progress_bar() as progress:
        assert progress is None  # a pipe, a file, a test: nothing drawn, nothing to call

    screen = Terminal()
    monkeypatch.setattr(cli_progress.sys, "stderr", screen)
    monkeypatch.setattr("efs.cli.terminal.sys.stderr", screen)
    monkeypatch.setenv("COLUMNS", "100")
    with cli_progress.progress_bar() as progress:
        assert progress is not None
        progress("Запись в хранилище", 5000, 12000)
        progress("Запись в хранилище", 12000, 12000)
    drawn = screen.getvalue()
    assert "Запись в хранилище" in drawn and "12000/12000" in drawn
