"""Alembic environment: the target is imr_etl.db.schema.metadata; the URL comes from imr_etl."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, Engine

from imr_etl.config import database_url
from imr_etl.db.engine import make_engine
from imr_etl.db.schema import metadata

config = context.config


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=True,
        compare_type=True,
    )


def run_migrations_offline() -> None:
    context.configure(url=database_url(), target_metadata=metadata, literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine: Engine = config.attributes.get("engine") or make_engine(database_url())
    with engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            # Since 0002 views read the tables. A batch-mode table rebuild renames a copy
            # over the original, which modern SQLite refuses while a view names the dropped
            # table ("error in view ..."); the legacy rename leaves the views alone, and they
            # find the rebuilt table by name.
            connection.exec_driver_sql("PRAGMA legacy_alter_table = ON")
        _configure(connection)
        context.run_migrations()
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA legacy_alter_table = OFF")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
