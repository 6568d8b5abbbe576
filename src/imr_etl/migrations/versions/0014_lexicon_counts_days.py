"""Describe lexicon_categories.counts with its new value, days

Revision ID: 0014
Revises: 0013

categories.csv may now say that a category counts days: its requests' sessions, where the
days requested are visits ('Functional restoration program x 10 days'). PostgreSQL only
(SQLite keeps no comments); schema.py carries the same text.
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_BEFORE = "What a count in such a request is: sessions, quantity or none"
_AFTER = "What a count in such a request is: sessions, days (sessions, a day one), quantity or none"


def upgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute(f"COMMENT ON COLUMN lexicon_categories.counts IS '{_AFTER}'")


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute(f"COMMENT ON COLUMN lexicon_categories.counts IS '{_BEFORE}'")
