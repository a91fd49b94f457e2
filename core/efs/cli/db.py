"""``efs db init|upgrade|status``: create and migrate the monitoring store."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    """``--db URL|PATH`` shared by every command that touches the store (also read from ``$EFS_DB``)."""
    return click.option(
        "--db",
        "db",
        default=None,
        metavar="URL|PATH",
        help="Хранилище: путь к файлу SQLite или URL (postgresql+psycopg://…). "
        "По умолчанию — переменная EFS_DB, иначе efs.sqlite в текущем каталоге.",
    )(func)


@click.group()
def db() -> None:
    """Хранилище данных мониторинга: создание, обновление схемы, состояние."""


@db.command()
@db_option
def init(db: str | None) -> int:
    """Создать хранилище (или довести схему до последней версии)."""
    from efs.data.store import open_store

    with open_store(db, create=True) as store:
        store.init()
        click.echo(f"Хранилище готово: {store.url} (версия схемы {store.current_revision()})")
    return 0


@db.command()
@db_option
def upgrade(db: str | None) -> int:
    """Обновить схему хранилища до последней версии."""
    from efs.data.store import open_store

    with open_store(db, create=False) as store:
        before = store.current_revision()
        store.upgrade()
        after = store.current_revision()
        if before == after:
            click.echo(f"Схема уже последней версии: {after}")
        else:
            click.echo(f"Схема обновлена: {before or 'пусто'} → {after}")
    return 0


@db.command()
@db_option
def status(db: str | None) -> int:
    """Показать версию схемы и число строк в каждой таблице.

    Код выхода: 0 — схема последней версии, 1 — хранилище не инициализировано или устарело.
    """
    from sqlalchemy import func, inspect, select

    from efs.data.schema import metadata
    from efs.data.store import open_store

    with open_store(db, create=False) as store:
        current, head = store.current_revision(), store.head_revision()
        click.echo(f"Хранилище: {store.url}")
        click.echo(f"Версия схемы: {current or 'не инициализировано'} (последняя {head})")
        if current is None:
            click.echo("Выполните: efs db init --db …")
            return 1
        if not store.known_revision(current):
            click.echo(f"Схема новее этой версии efs: {store.newer_message(current)}")
            return 1
        existing = set(inspect(store.engine).get_table_names(schema=store.schema))
        with store.engine.connect() as conn:
            for table in metadata.sorted_tables:
                if table.name in existing:
                    n = conn.execute(select(func.count()).select_from(table)).scalar_one()
                    click.echo(f"  {table.name:28} {n:>12}")
        if current != head:
            click.echo("Схема устарела. Выполните: efs db upgrade --db …")
            return 1
        partial = store.partial_syntheses()
        if partial:
            click.echo(
                f"Неполные данные: синтез юрисдикции {', '.join(partial)} прерван между записью строк и сводных "
                f"данных; повторите efs data synth -j {partial[0]} … (он заменит их целиком)"
            )
            return 1
    return 0
