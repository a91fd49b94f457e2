"""The SQLite library behind a SQLite store: a current one shipped with efs, never one known to return wrong rows.

Python's ``sqlite3`` links whatever SQLite the operating system has. Debian 12 (and the distributions
built on it) has 3.40.1, whose query planner returns wrong rows for index seeks of the shape
``a = ? AND b = ? AND c IN (…) AND d < ?`` once ``ANALYZE`` has written ``sqlite_stat1`` — the shape of
an indicator probe such as ``staff_id = ? AND form IN (…) AND started_on < ?`` on
``support_participation`` or ``staff_id = ? AND role IN (…) AND since_year <= ?`` on
``methodical_active_members``: rows dated after the report year are counted.

Where the bug is and which releases have it (the source of :data:`MIN_VERSION`):

* The statistics make the planner run the IN-loop with ``OP_SeekScan`` (step ahead instead of
  seeking), an opcode added by SQLite check-in 4a43430fd2 (branch ``in-scan-vs-index``: "Use the new
  OP_SeekScan opcode which does scanning of the relevant range of the index but gives up and falls
  back to doing a seek…"). When the range on the next index column has an upper bound only (as it
  does on a NOT NULL column), 3.40.1 compiles the opcode's jump to land *after* the end-of-range test
  (``OP_IdxGE``), so the row it lands on is never checked against the bound; from 3.42.0 the jump
  lands on the reload of the range end, before the test (read from ``EXPLAIN`` of both). The same
  opcode had given a wrong answer before (ticket 5981a8c041a3c2f3, 2021-11-02: the range end not
  reloaded at the top of the loop).
* Measured on the failing case of ``tests/indicators/test_sqlite_planner.py`` with the SQLite bundled in
  wheels of each release: 3.39.4, 3.40.0, 3.40.1, 3.41.0 and 3.41.2 return the wrong row; 3.42.0,
  3.43.1, 3.44.0, 3.45.0, 3.50.4, 3.51.1 and 3.54.1 do not.

So efs ships a current SQLite (the ``sqlean.py`` wheel: the standard ``sqlite3`` module built against
its own SQLite, extensions left disabled) and uses it for every SQLite store; only where that wheel
cannot be imported does it fall back to the system library, and then :func:`check` refuses a release
older than :data:`MIN_VERSION` with a Russian message. The indicator compiler also keeps IN-lists out
of index seeks on SQLite (:mod:`efs.indicators.sql`), so even a refused library would not meet this
particular bug through efs's own queries — the refusal stands for the other planner fixes of the same
releases, which efs cannot audit query by query.
"""

from __future__ import annotations

from types import ModuleType

from efs.errors import StoreError

#: The oldest SQLite efs opens a store with (releases before it return wrong rows: see the module docstring).
MIN_VERSION = (3, 42, 0)
#: The driver modules efs knows, in order of preference: the bundled current SQLite, then the system one.
DRIVERS = ("sqlean", "sqlite3")


def driver(name: str | None = None) -> ModuleType:
    """The DB-API module for SQLite stores: ``sqlean`` (bundled SQLite) when importable, else ``sqlite3``.

    Args:
        name: ``sqlean`` or ``sqlite3`` to ask for one (tests, diagnostics); ``None`` — the preferred one.

    Raises:
        StoreError: The module asked for cannot be imported, or its SQLite is known to return wrong rows.
    """
    import importlib

    if name is not None and name not in DRIVERS:
        raise StoreError(f"неизвестный драйвер SQLite «{name}»; есть: {', '.join(DRIVERS)}")
    module: ModuleType | None = None
    for candidate in (name,) if name else DRIVERS:
        try:
            module = importlib.import_module(candidate)
            break
        except ImportError:
            continue
    if module is None:
        raise StoreError(f"драйвер SQLite «{name}» не установлен (pip install sqlean.py)")
    check(module)
    return module


def version_of(module: ModuleType) -> tuple[int, ...]:
    """The version of the SQLite library a driver module links, as a tuple."""
    return tuple(int(part) for part in str(module.sqlite_version).split("."))


def check(module: ModuleType) -> None:
    """Refuse a SQLite library known to return wrong rows for efs's queries.

    Raises:
        StoreError: The library is older than :data:`MIN_VERSION`.
    """
    found = version_of(module)
    if found >= MIN_VERSION:
        return
    need = ".".join(map(str, MIN_VERSION))
    raise StoreError(
        f"библиотека SQLite {module.sqlite_version} (модуль {module.__name__}) известна неверными результатами "
        f"запросов с IN по индексу после ANALYZE (исправлено в SQLite {need}): показатели по ней считать нельзя. "
        f"Установите пакет sqlean.py (pip install sqlean.py — efs возьмёт из него SQLite {need} или новее) "
        "или используйте хранилище PostgreSQL"
    )
