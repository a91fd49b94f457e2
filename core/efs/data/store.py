"""Opening the monitoring store: a SQLite file by default, PostgreSQL by URL, schema managed by Alembic.

::

    from efs.data.store import open_store

    store = open_store("monitoring.sqlite")      # a plain path is a SQLite file
    store = open_store("postgresql+psycopg://user@host/db")
    store = open_store()                          # $EFS_DB, else ./efs.sqlite
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from efs.errors import EfsError, StoreError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Engine

DEFAULT_PATH = "efs.sqlite"
ENV_VAR = "EFS_DB"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_SCHEMA_RE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

__all__ = ["DEFAULT_PATH", "ENV_VAR", "Store", "StoreError", "open_store", "resolve_url"]


def resolve_url(url_or_path: str | Path | None) -> str:
    """Turn what the user gave (URL, path or nothing) into a SQLAlchemy URL.

    A value containing ``://`` is a URL and is used as is; anything else is a SQLite file path.
    ``None`` reads ``$EFS_DB`` and falls back to ``efs.sqlite`` in the current directory.
    """
    if url_or_path is None or (isinstance(url_or_path, str) and not url_or_path.strip()):
        url_or_path = os.environ.get(ENV_VAR) or DEFAULT_PATH
    text = str(url_or_path)
    if "://" in text:
        if text.startswith(("postgresql://", "postgres://")):
            text = "postgresql+psycopg://" + text.split("://", 1)[1]
        return text
    return "sqlite:///" + str(Path(text).expanduser().resolve())


@dataclass
class Store:
    """An open store.

    Attributes:
        engine: The SQLAlchemy engine.
        url: The URL (password hidden) the store was opened with.
        schema: PostgreSQL schema the tables live in (``None`` — the default search path).
    """

    engine: Engine
    url: str
    schema: str | None = None
    _checked: bool = field(default=False, repr=False)

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return str(self.engine.dialect.name)

    def alembic_config(self) -> Config:
        """An Alembic configuration bound to this store's engine (used by ``init``/``upgrade``/``status``)."""
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["engine"] = self.engine
        return cfg

    def init(self) -> None:
        """Create the schema (or bring it to the newest revision); safe to run on an initialised store."""
        self.upgrade()

    def upgrade(self, revision: str = "head") -> None:
        """Run the Alembic migrations up to ``revision`` (``head`` by default)."""
        from alembic import command

        try:
            command.upgrade(self.alembic_config(), revision)
        except Exception as exc:  # a broken or foreign database: one clear message
            if isinstance(exc, EfsError):
                raise
            raise StoreError(
                f"не удалось обновить схему хранилища {self.url}: {type(exc).__name__}: {exc}"
            ) from exc
        self._checked = True

    def current_revision(self) -> str | None:
        """Revision the store is at (``None`` — not initialised)."""
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            ctx = MigrationContext.configure(conn)
            return ctx.get_current_revision()

    def head_revision(self) -> str:
        """Newest revision shipped with this version of efs."""
        from alembic.script import ScriptDirectory

        head = ScriptDirectory.from_config(self.alembic_config()).get_current_head()
        assert head is not None
        return head

    def ensure_current(self) -> None:
        """Raise :class:`StoreError` unless the store is at the newest revision."""
        if self._checked:
            return
        current, head = self.current_revision(), self.head_revision()
        if current is None:
            raise StoreError(f"хранилище {self.url} не инициализировано: выполните efs db init --db …")
        if current != head:
            raise StoreError(
                f"схема хранилища {self.url} устарела ({current}, нужна {head}): выполните efs db upgrade --db …"
            )
        self._checked = True

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(
    url_or_path: str | Path | None = None,
    *,
    create: bool = True,
    schema: str | None = None,
    echo: bool = False,
    sqlite_driver: str | None = None,
) -> Store:
    """Open the store at ``url_or_path``.

    Args:
        url_or_path: A SQLAlchemy URL (``sqlite:///…``, ``postgresql+psycopg://…``) or a path of a SQLite
            file; ``None`` reads ``$EFS_DB``, else ``efs.sqlite`` in the current directory.
        create: Create the schema when the store is empty (and a SQLite file when missing). With
            ``False`` a missing SQLite file is an error and the schema is not touched.
        schema: PostgreSQL only: keep every table in this schema (it is created when missing).
        echo: Log every SQL statement (debugging).
        sqlite_driver: SQLite only: ``sqlean`` (the current SQLite shipped with efs, the default) or
            ``sqlite3`` (the system library); see :mod:`efs.data.sqlite`.

    Raises:
        StoreError: The URL is malformed, the driver is missing, the file is missing with
            ``create=False``, the database cannot be reached, or the SQLite library is one known to
            return wrong rows (:func:`efs.data.sqlite.check`).
    """
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
    from sqlalchemy.pool import NullPool

    url = resolve_url(url_or_path)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        path = Path(url.removeprefix("sqlite:///"))
        if not path.exists() and not create:
            raise StoreError(f"файл хранилища не найден: {path}")
        if not path.parent.exists():
            raise StoreError(f"каталог для файла хранилища не существует: {path.parent}")
    if schema is not None and not _SCHEMA_RE.match(schema):
        raise StoreError(f"недопустимое имя схемы: {schema!r}")
    kwargs: dict[str, Any] = {"echo": echo}
    if url.startswith("sqlite"):
        from efs.data.sqlite import driver

        kwargs["module"] = driver(sqlite_driver)
        kwargs["poolclass"] = NullPool if ":memory:" not in url else None
        if kwargs["poolclass"] is None:
            del kwargs["poolclass"]
    try:
        engine = create_engine(url, **kwargs)
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise StoreError(f"не удалось открыть хранилище {url_or_path!s}: {exc}") from exc
    except ImportError as exc:
        raise StoreError(
            f"для хранилища {url_or_path!s} нужен драйвер: {exc.name or exc} (pip install 'efs-nms[postgres]')"
        ) from exc

    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            # Indicator queries scan indexes of a million rows: a small page cache makes them thrash.
            cur.execute("PRAGMA cache_size=-262144")  # up to 256 MB, allocated only as used
            cur.execute("PRAGMA temp_store=MEMORY")
            cur.execute("PRAGMA mmap_size=268435456")
            cur.close()
    elif schema is not None:

        @event.listens_for(engine, "connect")
        def _search_path(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            cur.execute(f'SET search_path TO "{schema}"')
            cur.close()
            dbapi_conn.commit()

    store = Store(engine=engine, url=engine.url.render_as_string(hide_password=True), schema=schema)
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        engine.dispose()
        raise StoreError(f"не удалось подключиться к хранилищу {store.url}: {exc.orig or exc}") from exc
    if create and store.current_revision() is None:
        store.init()
    return store
