"""PostgreSQL: compress the long texts with lz4 instead of pglz

Revision ID: 0012
Revises: 0011

A letter's text (about 6 KB) and its clinical summary are compressed into TOAST on every
write. pglz, the default, costs the server about 0.07 ms a letter, most of what a first
load spends storing them; lz4 takes a third of that for a slightly larger file. The new
method applies to rows written from now on; rows already stored keep theirs and read the
same. lz4 needs PostgreSQL 14 or later built with lz4 (the usual packages are): on a
server without it nothing changes. SQLite stores text as it is: nothing to do there.
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# Columns whose values are usually large enough to be compressed (rows over 2 KB).
_LONG = {
    "cases": ("letter_text", "clinical_summary"),
    "disputed_items": ("rationale",),
    "rejected_letters": ("raw_content",),
}


def _lz4_supported() -> bool:
    # default_toast_compression (PostgreSQL 14+) lists lz4 among its values when the server
    # was built with it.
    found = op.get_bind().execute(text(
        "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
        "AND 'lz4' = ANY(enumvals)"
    )).first()
    return found is not None


def _set_compression(method: str) -> None:
    for table, columns in _LONG.items():
        changes = ", ".join(f"ALTER COLUMN {column} SET COMPRESSION {method}"
                            for column in columns)
        op.execute(f"ALTER TABLE {table} {changes}")


def upgrade() -> None:
    if op.get_context().dialect.name == "postgresql" and _lz4_supported():
        _set_compression("lz4")


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql" and _lz4_supported():
        _set_compression("default")
