"""The one dialect-aware INSERT .. ON CONFLICT helper (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, Table, bindparam, func, select
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
    names = list(rows[0])
    parameters: Any = list(rows)
    if dialect == "postgresql" and UNNEST_ON_POSTGRESQL:
        statement: Any = _unnest_insert(table, names)
        parameters = {f"u_{name}": [row[name] for row in rows] for name in names}
    elif dialect == "postgresql":
        statement = postgresql.insert(table)
    elif dialect == "sqlite":
        statement = sqlite.insert(table)
    else:  # pragma: no cover - the warehouse supports these two only
        raise ValueError(f"unsupported dialect {dialect}")
    if update:
        columns = [name for name in names if name not in key and name not in preserve]
        statement = statement.on_conflict_do_update(
            index_elements=list(key),
            set_={name: statement.excluded[name] for name in columns},
            where=where(table.c, statement.excluded) if where is not None else None,
        )
    else:
        statement = statement.on_conflict_do_nothing(index_elements=list(key))
    if not returning and dialect == "postgresql":
        connection.execute(statement, parameters)
        return []
    # On SQLite, RETURNING (of the key, when nothing is asked for) makes SQLAlchemy send
    # multi-row VALUES statements ("insertmanyvalues") instead of one statement per row:
    # the full-text triggers then cost a third.
    written = connection.execute(statement.returning(*(returning or [table.c[key[0]]])),
                                 parameters).all()
    return list(written) if returning else []


# PostgreSQL: bind one array per column (INSERT .. SELECT FROM unnest(...)) rather than a
# multi-row VALUES list. The statement text stays the same whatever the row count, so
# psycopg prepares it once; VALUES lists of thousands of parameters are re-parsed per call.
UNNEST_ON_POSTGRESQL = True


def _unnest_insert(table: Table, names: Sequence[str]) -> Any:
    arrays = [bindparam(f"u_{name}", type_=postgresql.ARRAY(table.c[name].type))
              for name in names]
    rows = func.unnest(*arrays).table_valued(*names).render_derived(name="u")
    return postgresql.insert(table).from_select(list(names),
                                                select(*[rows.c[name] for name in names]))
