"""Alembic environment for the efs store; works from the installed package (no alembic.ini needed).

The engine comes from ``config.attributes["engine"]`` (set by :meth:`efs.data.store.Store.alembic_config`)
or, when Alembic is run by hand, from ``sqlalchemy.url`` / ``$EFS_DB``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from efs.data.schema import analytics_metadata, metadata

TARGET = [metadata, analytics_metadata]

config = context.config


def _engine():
    engine = config.attributes.get("engine")
    if engine is not None:
        return engine
    from efs.data.store import resolve_url

    url = resolve_url(config.get_main_option("sqlalchemy.url") or None)
    if url.startswith("sqlite"):
        from efs.data.sqlite import driver

        return create_engine(url, module=driver())
    return create_engine(url)


def run_migrations_offline() -> None:
    """Emit SQL without a database connection (``alembic upgrade --sql``)."""
    from efs.data.store import resolve_url

    context.configure(
        url=resolve_url(config.get_main_option("sqlalchemy.url") or None),
        target_metadata=TARGET,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations on the store's engine, inside one transaction."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    with _engine().connect() as conn:
        _run(conn)
        conn.commit()


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=TARGET,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
