"""The one dialect-aware INSERT .. ON CONFLICT helper (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite


def upsert_rows(
    rows: Sequence[dict[str, Any]],
    *,
    table: Table,
    key: Sequence[str],
    connection: Connection,
    update: bool = True,
) -> None:
    """Insert rows, or on a key conflict update every non-key column (or leave the row)."""
    if not rows:
        return
    dialect = connection.dialect.name
    if dialect == "postgresql":
        statement: Any = postgresql.insert(table)
    elif dialect == "sqlite":
        statement = sqlite.insert(table)
    else:  # pragma: no cover - the warehouse supports these two only
        raise ValueError(f"unsupported dialect {dialect}")
    if update:
        columns = [name for name in rows[0] if name not in key]
        statement = statement.on_conflict_do_update(
            index_elements=list(key),
            set_={name: statement.excluded[name] for name in columns},
        )
    else:
        statement = statement.on_conflict_do_nothing(index_elements=list(key))
    connection.execute(statement, list(rows))
