"""Add cases.parse_warnings (the cross-checks a letter fails) and the view v_parse_warnings

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_PARSE_WARNINGS = """
CREATE VIEW v_parse_warnings AS
SELECT case_id, case_key, source_name, letter_format, decision_date, parse_warnings, loaded_at
FROM cases
WHERE parse_warnings IS NOT NULL
"""


def upgrade() -> None:
    op.add_column("cases", sa.Column(
        "parse_warnings", sa.Text(), nullable=True,
        comment="Cross-checks of its format the letter fails, '; '-separated; null: none"))
    op.execute(_PARSE_WARNINGS)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS v_parse_warnings")
    # SQLite drops a column by rebuilding the table (batch mode; a no-op wrapper elsewhere).
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("parse_warnings")
