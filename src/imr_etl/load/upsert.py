"""The dialect-aware helpers of the writer (SQLite and PostgreSQL): INSERT .. ON CONFLICT,
and a look-up of many values in one bound parameter."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Table,
    Text,
    any_,
    bindparam,
    func,
    select,
    type_coerce,
)
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
    parameters: Any = rows
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
    if returning:
        statement = statement.returning(*returning)
    if dialect == "sqlite":
        return _sqlite_pages(statement, rows, names, connection)
    result = connection.execute(statement, parameters)
    return list(result.all()) if returning else []


# SQLite: rows per INSERT. Multi-row VALUES, because one statement per row (executemany)
# made the full-text triggers cost a third more. The driver caches each distinct statement
# with the values last bound to it, so pages are a power of two and the rest is sent in
# powers of two: a few small statements a table, whatever the batch sizes.
SQLITE_PAGE_ROWS = 128


def _sqlite_pages(statement: Any, rows: Sequence[dict[str, Any]], names: Sequence[str],
                  connection: Connection) -> list[Row[Any]]:
    """Execute the one-row `statement` for all `rows`, a page of rows per statement.

    The statement is compiled once and its VALUES row repeated, with the values bound
    positionally through the columns' own bind processors. SQLAlchemy's generic multi-row
    path (insertmanyvalues) built and processed a dictionary of parameters per row (a tenth
    of the writer's CPU), and its pages of varying size each stayed in the driver's cache
    with their values: a run's peak memory fell by a fifth without them.
    """
    dialect = connection.dialect
    compiled = statement.compile(dialect=dialect, column_keys=list(names))
    order = list(compiled.positiontup or [])
    row_names, rest_names = order[:len(names)], order[len(names):]
    one_row = "(" + ", ".join(["?"] * len(names)) + ")"
    head, found, tail = compiled.string.partition(f"VALUES {one_row}")
    if not found or sorted(row_names) != sorted(names):  # pragma: no cover - a new construct
        raise AssertionError(f"unexpected INSERT for {names}: {compiled.string}")
    processors = [_processor(compiled.binds[name], dialect) for name in row_names]
    # The parameters after VALUES (in ON CONFLICT .. WHERE) are constants of the statement.
    rest = tuple(_process(_processor(compiled.binds[name], dialect),
                          compiled.binds[name].effective_value) for name in rest_names)
    page = min(SQLITE_PAGE_ROWS, (dialect.insertmanyvalues_max_parameters - len(rest))
               // len(names))
    written: list[Row[Any]] = []
    start = 0
    for size in _page_sizes(len(rows), page):
        values = [_process(processor, row[name])
                  for row in rows[start:start + size]
                  for name, processor in zip(row_names, processors, strict=True)]
        start += size
        sql = f"{head}VALUES {', '.join([one_row] * size)}{tail}"
        result = connection.exec_driver_sql(sql, (*values, *rest))
        if compiled.returning:
            written.extend(result.all())
    return written


def _page_sizes(count: int, page: int) -> list[int]:
    """Full pages, then the rest as powers of two.

    >>> _page_sizes(300, 128)
    [128, 128, 32, 8, 4]
    """
    sizes = [page] * (count // page)
    rest = count % page
    while rest:
        size = 1 << (rest.bit_length() - 1)
        sizes.append(size)
        rest -= size
    return sizes


def _processor(parameter: Any, dialect: Any) -> Callable[[Any], Any] | None:
    """The parameter's conversion for the driver, by the dialect's own type (SQLite's DATETIME
    writes its own text format; the generic DateTime has no conversion)."""
    processor: Callable[[Any], Any] | None = (
        parameter.type.dialect_impl(dialect).bind_processor(dialect))
    return processor


def _process(processor: Callable[[Any], Any] | None, value: Any) -> Any:
    return value if processor is None or value is None else processor(value)


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


def one_of(column: ColumnElement[Any], values: Sequence[str],
           connection: Connection) -> ColumnElement[bool]:
    """`column IN values` with the values in one parameter: a JSON array read by json_each
    on SQLite, an array on PostgreSQL. SQLAlchemy's IN binds a parameter per value, and
    rendering and converting 500 of them cost more than the look-up itself. The index on
    `column` serves both forms."""
    if connection.dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=postgresql.ARRAY(Text)))
    listed = select(func.json_each(type_coerce(json.dumps(list(values)), Text))
                    .table_valued("value").c.value)
    return column.in_(listed)
