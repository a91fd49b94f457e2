"""An import killed with SIGKILL in the middle of writing leaves the store as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from efs.data.importing import PAUSE_ENV
from tests.data_import.conftest import snapshot, write


def test_sigkill_after_rows_written_leaves_store_unchanged(based_store, tmp_path):
    lines = [
        "Работник (id);Код организации;Должность;Управленческий работник;Год рождения;Год начала педагогической работы"
    ]
    lines += [f"s{i};o{1 + i % 2};учитель;нет;1980;2005" for i in range(12000)]
    path = write(tmp_path / "staff.csv", "\n".join(lines) + "\n")
    before = snapshot(based_store)
    env = {**os.environ, PAUSE_ENV: "10000"}
    db = based_store.url.removeprefix("sqlite:///")
    proc = subprocess.Popen(
        [sys.executable, "-m", "efs", "data", "import", str(path), "--db", db],
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if "записано строк" in line:
                assert int(line.split(":")[2].split()[0]) >= 10000
                break
        else:
            raise AssertionError("the import ended without reporting rows written")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert snapshot(based_store) == before
