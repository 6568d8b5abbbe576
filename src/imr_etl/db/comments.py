"""The data dictionary inside PostgreSQL: COMMENT ON every analyst view and its columns.

Tables and their columns get their comments from the migrations (schema.py's `comment=`).
Views cannot: a migration that rebuilds a view drops its comments, and several migrations
rebuild them. So at the end of every migration run, migrations/env.py calls
sync_view_comments, which sets the descriptions of imr_etl.db.views (the source of
docs/schema.md too) wherever the catalog differs, and writes nothing where it does not.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from imr_etl.db.views import VIEWS

_VIEW_COMMENTS = text("""
SELECT c.relname, obj_description(c.oid, 'pg_class')
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'v' AND n.nspname = current_schema()
""")

_VIEW_COLUMN_COMMENTS = text("""
SELECT c.relname, a.attname, col_description(c.oid, a.attnum)
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind = 'v' AND n.nspname = current_schema()
""")


def sync_view_comments(connection: Connection) -> int:
    """Set every documented view's and view column's comment; returns how many were set.

    Views or columns the database does not have (during a downgrade, say) are skipped.
    """
    if connection.dialect.name != "postgresql":
        return 0  # SQLite keeps no comments
    current: dict[str, str | None] = {
        row[0]: row[1] for row in connection.execute(_VIEW_COMMENTS)}
    columns = {(view, column): comment for view, column, comment
               in connection.execute(_VIEW_COLUMN_COMMENTS)}
    changed = 0
    for view in VIEWS:
        if view.name not in current:
            continue
        if current[view.name] != view.description:
            _execute(connection, f"COMMENT ON VIEW {view.name} IS {_literal(view.description)}")
            changed += 1
        for column in view.columns:
            key = (view.name, column.name)
            if key in columns and columns[key] != column.description:
                _execute(connection, f"COMMENT ON COLUMN {view.name}.{column.name} IS "
                                     f"{_literal(column.description)}")
                changed += 1
    return changed


def _literal(value: str) -> str:
    # COMMENT takes no bind parameters. The descriptions are this package's own text; quotes
    # are doubled as SQL requires (standard_conforming_strings, on since PostgreSQL 9.1).
    return "'" + value.replace("'", "''") + "'"


def _execute(connection: Connection, statement: str) -> None:
    # The driver reads % as a placeholder marker ("95% interval"): doubled, it is a percent.
    connection.exec_driver_sql(statement.replace("%", "%%"))
