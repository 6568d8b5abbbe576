"""Alembic environment: the target is imr_etl.db.schema.metadata; the URL comes from imr_etl."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, Engine

from imr_etl.config import database_url
from imr_etl.db.comments import sync_view_comments
from imr_etl.db.engine import make_engine
from imr_etl.db.schema import metadata
from imr_etl.db.search import include_name

config = context.config


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=True,
        compare_type=True,
        # The full-text search migration makes indexes the models cannot describe.
        include_name=include_name,
    )


def run_migrations_offline() -> None:
    context.configure(url=database_url(), target_metadata=metadata, literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine: Engine = config.attributes.get("engine") or make_engine(database_url())
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _sqlite_pragmas(connection, during_migration=True)
        try:
            with connection.begin():
                _configure(connection)
                context.run_migrations()
                # Rebuilding a view drops its PostgreSQL comments: set them again from the
                # dictionary (a no-op when nothing differs).
                sync_view_comments(connection)
        finally:
            if sqlite:
                _sqlite_pragmas(connection, during_migration=False)


def _sqlite_pragmas(connection: Connection, *, during_migration: bool) -> None:
    """SQLite settings a batch-mode table rebuild needs, set outside any transaction.

    A rebuild copies a table and drops the original. With foreign keys on (the engine turns
    them on for every connection), dropping `cases` would cascade-delete every disputed item,
    so they are off while migrations run. Since 0002, views read the tables, and modern SQLite
    refuses to rename the copy over the original while a view names it ("error in view
    ..."); the legacy rename leaves the views alone, and they find the rebuilt table by name.
    """
    connection.exec_driver_sql(f"PRAGMA foreign_keys = {'OFF' if during_migration else 'ON'}")
    connection.exec_driver_sql(
        f"PRAGMA legacy_alter_table = {'ON' if during_migration else 'OFF'}")
    connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
