"""Let the index on cases.content_sha256 answer the unchanged-letter lookup by itself

Revision ID: 0011
Revises: 0010

Every ingest looks up each input's SHA-256 to skip letters already loaded, and reads the
case's key, number and path with it. Those columns sit after the letter's text in the row
(source_path was added by 0010), so on SQLite each look-up walked the text's overflow
pages: a tenth of a second for 20,000 letters, most of an unchanged re-run's database time.
The index now carries the four columns (a covering index), so the table is not read.
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_LOOKUP = ["content_sha256", "case_key", "case_number", "source_path"]


def upgrade() -> None:
    op.drop_index("ix_cases_content_sha256", table_name="cases")
    op.create_index("ix_cases_content_sha256", "cases", _LOOKUP)


def downgrade() -> None:
    op.drop_index("ix_cases_content_sha256", table_name="cases")
    op.create_index("ix_cases_content_sha256", "cases", ["content_sha256"])
