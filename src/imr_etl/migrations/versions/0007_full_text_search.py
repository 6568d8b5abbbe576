"""Full-text search: FTS5 tables kept in step by triggers (SQLite), GIN tsvector indexes (PostgreSQL)

Revision ID: 0007
Revises: 0006

SQLite: external-content FTS5 tables `disputed_items_fts` (request_text, rationale) and
`cases_fts` (clinical_summary); the text stays in the base tables and triggers on insert,
update and delete keep the index in step, so every writer (ingest, replace, prune,
reprocess, a hand-written UPDATE) is covered without knowing of it. The names follow
sqlite-utils' `{table}_fts`, which Datasette recognises and offers a search box for.

PostgreSQL: a GIN index per column on the expression imr_etl.db.search.postgres_vector()
builds; queries must use the same expression for the index to serve them.

A later SQLite migration that rebuilds `cases` or `disputed_items` (batch mode with
recreate) drops their triggers with the old table: it must call create_sqlite_triggers()
again (tests/test_search.py fails at head otherwise).
"""

from __future__ import annotations

from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# index -> (table, key column, indexed columns); kept equal to imr_etl.db.search.
_SQLITE_INDEXES = {
    'disputed_items_fts': ('disputed_items', 'item_id', ('request_text', 'rationale')),
    'cases_fts': ('cases', 'case_id', ('clinical_summary',)),
}
_POSTGRES_INDEXES = {
    'ix_disputed_items_request_text_fts': ('disputed_items', 'request_text'),
    'ix_disputed_items_rationale_fts': ('disputed_items', 'rationale'),
    'ix_cases_clinical_summary_fts': ('cases', 'clinical_summary'),
}


def _postgres_vector(column: str) -> str:
    # Non-alphanumeric runs become spaces (as FTS5's unicode61 splits words); `simple` only
    # lower-cases. See imr_etl.db.search.
    return f"to_tsvector('simple'::regconfig, regexp_replace({column}, '[^[:alnum:]]+', ' ', 'g'))"


def create_sqlite_triggers(index: str) -> None:
    """The insert, delete and update triggers of one FTS5 index (sqlite-utils' pattern)."""
    table, key, columns = _SQLITE_INDEXES[index]
    names = ', '.join(columns)
    new = ', '.join(f'new.{c}' for c in columns)
    old = ', '.join(f'old.{c}' for c in columns)
    insert = f'INSERT INTO {index} (rowid, {names}) VALUES (new.{key}, {new});'
    delete = (f"INSERT INTO {index} ({index}, rowid, {names}) "
              f"VALUES ('delete', old.{key}, {old});")
    op.execute(f'CREATE TRIGGER {index}_ai AFTER INSERT ON {table} BEGIN {insert} END')
    op.execute(f'CREATE TRIGGER {index}_ad AFTER DELETE ON {table} BEGIN {delete} END')
    # Only when an indexed column (or the key) changes: reprocess rewrites many rows whose
    # text stays the same.
    op.execute(f'CREATE TRIGGER {index}_au AFTER UPDATE OF {key}, {names} ON {table} '
               f'BEGIN {delete} {insert} END')


def upgrade() -> None:
    if op.get_context().dialect.name == 'sqlite':
        for index, (table, key, columns) in _SQLITE_INDEXES.items():
            op.execute(f"CREATE VIRTUAL TABLE {index} USING fts5({', '.join(columns)}, "
                       f"content=[{table}], content_rowid=[{key}])")
            # Index the rows already loaded.
            op.execute(f"INSERT INTO {index} ({index}) VALUES ('rebuild')")
            create_sqlite_triggers(index)
        return
    for index, (table, column) in _POSTGRES_INDEXES.items():
        op.execute(f'CREATE INDEX {index} ON {table} USING gin ({_postgres_vector(column)})')


def downgrade() -> None:
    if op.get_context().dialect.name == 'sqlite':
        for index in reversed(_SQLITE_INDEXES):
            for suffix in ('au', 'ad', 'ai'):
                op.execute(f'DROP TRIGGER IF EXISTS {index}_{suffix}')
            op.execute(f'DROP TABLE IF EXISTS {index}')
        return
    for index in reversed(_POSTGRES_INDEXES):
        op.execute(f'DROP INDEX IF EXISTS {index}')
