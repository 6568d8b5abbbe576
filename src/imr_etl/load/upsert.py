"""The one dialect-aware INSERT .. ON CONFLICT helper (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, Table
from sqlalchemy.dialects import postgresql, sqlite

# Given the target table's columns and the proposed row (`excluded`), whether a conflicting
# row may be overwritten. Both databases evaluate it under the row's lock, against the latest
# committed version, so it is a compare-and-set, safe against concurrent runs.
UpdateCondition = Callable[[Any, Any], ColumnElement[bool]]


def upsert_rows(
    rows: Sequence[dict[str, Any]],
    *,
    table: Table,
    key: Sequence[str],
    connection: Connection,
    update: bool = True,
    where: UpdateCondition | None = None,
    returning: Sequence[ColumnElement[Any]] = (),
    preserve: Sequence[str] = (),
) -> list[Row[Any]]:
    """Insert rows, or on a key conflict update every non-key column (or leave the row).

    With `where`, a conflicting row is updated only when the condition holds. With
    `returning`, the rows actually inserted or updated come back (a row left alone does not).
    Columns in `preserve` keep their stored value on a conflict.
    """
    if not rows:
        return []
    dialect = connection.dialect.name
    if dialect == "postgresql":
        statement: Any = postgresql.insert(table)
    elif dialect == "sqlite":
        statement = sqlite.insert(table)
    else:  # pragma: no cover - the warehouse supports these two only
        raise ValueError(f"unsupported dialect {dialect}")
    if update:
        columns = [name for name in rows[0] if name not in key and name not in preserve]
        statement = statement.on_conflict_do_update(
            index_elements=list(key),
            set_={name: statement.excluded[name] for name in columns},
            where=where(table.c, statement.excluded) if where is not None else None,
        )
    else:
        statement = statement.on_conflict_do_nothing(index_elements=list(key))
    if not returning:
        connection.execute(statement, list(rows))
        return []
    return list(connection.execute(statement.returning(*returning), list(rows)).all())
