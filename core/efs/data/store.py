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
#: ``data_sources.kind`` of a synthesis whose second transaction (aggregate returns) has not committed yet.
PARTIAL_SYNTHESIS = "synthesis_partial"
#: Seconds SQLite waits for a store locked by another process before giving up.
BUSY_ENV = "EFS_SQLITE_BUSY_TIMEOUT"
#: URL schemes efs can store data in.
SCHEMES = ("sqlite", "postgresql")
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_SCHEMA_RE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

__all__ = ["DEFAULT_PATH", "ENV_VAR", "PARTIAL_SYNTHESIS", "Store", "StoreError", "describe_source", "open_store",
           "resolve_url"]


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


def busy_timeout_ms() -> int:
    """How long SQLite waits for a store another process is writing: ``EFS_SQLITE_BUSY_TIMEOUT`` seconds, else 30."""
    try:
        seconds = float(os.environ.get(BUSY_ENV, "30"))
    except ValueError:
        seconds = 30.0
    return max(0, int(seconds * 1000))


def describe_source(url_or_path: str | Path | None) -> str:
    """How to name the store the user meant: the value given, or where it came from (``EFS_DB``, default)."""
    if url_or_path is not None and str(url_or_path).strip():
        return str(url_or_path)
    env = os.environ.get(ENV_VAR)
    if env:
        return f"{env} (из переменной {ENV_VAR})"
    return f"{DEFAULT_PATH} (по умолчанию: ни --db, ни {ENV_VAR} не заданы)"


def _check_scheme(url: str, given: str) -> None:
    scheme = url.split("://", 1)[0].lower()
    base = scheme.split("+", 1)[0]
    if base not in SCHEMES:
        raise StoreError(
            f"хранилище {given}: вид «{base}» не поддерживается — efs хранит данные в SQLite (путь к файлу или "
            "sqlite:///путь) или в PostgreSQL (postgresql://пользователь@сервер:порт/база)"
        )


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
    #: Set by the synthesis while it completes its own half-made data (see :meth:`ensure_current`).
    partial_ok: bool = field(default=False, repr=False)

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

        current = self.current_revision()
        if current is not None and not self.known_revision(current):
            raise StoreError(self.newer_message(current))
        try:
            command.upgrade(self.alembic_config(), revision)
        except Exception as exc:  # a broken or foreign database: one clear message
            if isinstance(exc, EfsError):
                raise
            from efs.faults import describe

            why = describe(exc) or f"{type(exc).__name__}: {exc}"
            raise StoreError(f"не удалось обновить схему хранилища {self.url}: {why}") from exc
        self._checked = True

    def known_revision(self, revision: str) -> bool:
        """Whether this version of efs ships ``revision`` (a store migrated by a newer efs has one it does not)."""
        from alembic.script import ScriptDirectory
        from alembic.util.exc import CommandError

        try:
            return ScriptDirectory.from_config(self.alembic_config()).get_revision(revision) is not None
        except CommandError:
            return False

    def newer_message(self, current: str) -> str:
        """What to tell the user about a store whose schema revision this efs does not know."""
        from efs._version import __version__

        return (
            f"хранилище {self.url} создано или обновлено более новой версией efs: версия его схемы {current} "
            f"неизвестна efs {__version__} (последняя известная — {self.head_revision()}). Обновите efs "
            "(pip install -U efs-nms) — efs db upgrade здесь не поможет, понизить схему нельзя"
        )

    def partial_syntheses(self) -> list[str]:
        """Jurisdictions whose last ``efs data synth`` was interrupted between its two transactions."""
        import sqlalchemy as sa

        from efs.data import schema as S

        ds = S.data_sources
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(ds.c.jurisdiction_id).where(ds.c.kind == PARTIAL_SYNTHESIS).distinct()
            )
            return sorted(str(r[0]) for r in rows)

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

    def ensure_current(self, *, partial_ok: bool = False) -> None:
        """Raise :class:`StoreError` unless the store is at the newest revision and holds no half-made synthesis.

        Args:
            partial_ok: Accept an interrupted synthesis (``efs data synth`` itself, which replaces it).
        """
        if not self._checked:
            current, head = self.current_revision(), self.head_revision()
            if current is None:
                raise StoreError(f"хранилище {self.url} не инициализировано: выполните efs db init --db …")
            if current != head:
                if not self.known_revision(current):
                    raise StoreError(self.newer_message(current))
                raise StoreError(
                    f"схема хранилища {self.url} устарела ({current}, нужна {head}): выполните efs db upgrade --db …"
                )
            self._checked = True
        if not (partial_ok or self.partial_ok):
            partial = self.partial_syntheses()
            if partial:
                raise StoreError(
                    f"в хранилище {self.url} неполные данные: синтез юрисдикции {', '.join(partial)} прерван (или ещё "
                    "идёт в другом процессе) между записью строк и сводных данных. Повторите efs data synth -j "
                    f"{partial[0]} … — он заменит неполные данные целиком"
                )

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
    from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
    from sqlalchemy.pool import NullPool

    url = resolve_url(url_or_path)
    given = describe_source(url_or_path)
    _check_scheme(url, given)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:" and not url.startswith("sqlite:///file:"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.exists() and not create:
            raise StoreError(f"файл хранилища не найден: {path} (хранилище: {given})")
        if not path.parent.exists():
            raise StoreError(f"каталог для файла хранилища не существует: {path.parent} (хранилище: {given})")
        if path.is_dir():
            raise StoreError(f"хранилище {given}: {path} — каталог, а нужен файл SQLite")
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
        raise StoreError(
            f"не удалось открыть хранилище {given}: адрес не разобран — нужен путь к файлу SQLite или "
            f"postgresql://пользователь@сервер:порт/база (сообщение SQLAlchemy: {exc})"
        ) from exc
    except ImportError as exc:
        raise StoreError(
            f"для хранилища PostgreSQL {given} нужен драйвер psycopg ({exc.name or exc}): "
            "pip install 'efs-nms[postgres]'"
        ) from exc

    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
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
    shown = store.url if url_or_path is not None and str(url_or_path).strip() else f"{store.url} ({given})"
    try:
        with engine.connect():
            pass
        revision = store.current_revision()  # reads the file: a file that is not SQLite fails here
        if create and revision is None:
            store.init()
    except DBAPIError as exc:
        engine.dispose()
        from efs.faults import connection_message

        raise StoreError(connection_message(exc.orig or exc, shown)) from exc
    except OperationalError as exc:
        engine.dispose()
        raise StoreError(f"не удалось подключиться к хранилищу {shown}: {exc}") from exc
    return store
