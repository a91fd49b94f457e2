"""An import killed with SIGKILL in the middle of writing leaves the store as it was."""

from __future__ import annotations

import signal
import subprocess
import sys

from tests.data_import.conftest import snapshot, write

#: Imports the file with a progress callback that, once 10 000 rows are written inside the still open
#: transaction, says so and waits to be killed — the import's own progress hook, nothing test-only in efs.
IMPORT_THEN_WAIT = """
import sys, time
from efs.data.importing import STEP_WRITE, import_files
from efs.data.store import open_store

def progress(step, done, total):
    if step == STEP_WRITE and done >= 10000:
        print(f"written {done}", file=sys.stderr, flush=True)
        time.sleep(600)

with open_store(sys.argv[1], create=False) as store:
    import_files(store, [sys.argv[2]], progress=progress)
"""


def test_sigkill_after_rows_written_leaves_store_unchanged(based_store, tmp_path):
    lines = [
        "Работник (id);Код организации;Должность;Управленческий работник;Год рождения;Год начала педагогической работы"
    ]
    lines += [f"s{i};o{1 + i % 2};учитель;нет;1980;2005" for i in range(12000)]
    path = write(tmp_path / "staff.csv", "\n".join(lines) + "\n")
    before = snapshot(based_store)
    db = based_store.url.removeprefix("sqlite:///")
    proc = subprocess.Popen(
        [sys.executable, "-c", IMPORT_THEN_WAIT, db, str(path)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith("written "):
                assert int(line.split()[1]) >= 10000
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
