"""Progress bars of the long commands: drawn on a terminal (synthesis, analytics build, import); never in a pipe."""

from __future__ import annotations

import io

import pytest

from efs.cli import run
from efs.data.importing import STEP_WRITE
from efs.data.synth import STEP_ROWS

YEAR = 2024
ANALYTICS = f"Аналитические таблицы {YEAR}"


class Terminal(io.StringIO):
    """What rich writes to a terminal, kept."""

    def isatty(self) -> bool:
        return True


def terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    """From here on stderr is a terminal (set in the test itself: pytest's capture resets what a fixture set)."""
    out = Terminal()
    monkeypatch.setattr("efs.cli.progress.sys.stderr", out)
    monkeypatch.setattr("efs.cli.terminal.sys.stderr", out)
    monkeypatch.setenv("COLUMNS", "120")
    return out


def synth(db) -> int:
    return run(["data", "synth", "--db", str(db), "-j", "amur", "--staff", "300", "--year", str(YEAR)])


def test_synthesis_analytics_and_import_draw_their_steps_on_a_terminal(monkeypatch, tmp_path):
    screen = terminal(monkeypatch)
    assert synth(tmp_path / "a.sqlite") == 0
    drawn = screen.getvalue()
    assert STEP_ROWS in drawn and ANALYTICS in drawn
    assert "\x1b[" in drawn  # drawn as a live bar (cursor movement), not printed as lines of text

    assert run(["data", "export", "--db", str(tmp_path / "a.sqlite"), "-o", str(tmp_path / "csv"),
                "--include-person-rows"]) == 0
    screen.seek(0)
    screen.truncate()
    files = sorted(str(p) for p in (tmp_path / "csv").glob("*.csv"))
    assert run(["data", "import", "--db", str(tmp_path / "b.sqlite"), *files]) == 0
    drawn = screen.getvalue()
    assert STEP_WRITE in drawn and "/" in drawn.split(STEP_WRITE, 1)[1]  # the step with its count done/total


def test_nothing_of_the_bars_reaches_a_pipe(tmp_path, capsys):
    assert synth(tmp_path / "a.sqlite") == 0
    err = capsys.readouterr().err
    assert STEP_ROWS not in err and ANALYTICS not in err and "\x1b[" not in err
