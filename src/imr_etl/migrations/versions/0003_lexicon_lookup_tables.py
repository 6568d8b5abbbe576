"""Add the lexicon lookup tables (drugs, treatments, body regions) and their version

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lexicon_drugs",
        sa.Column("term", sa.Text(), nullable=False, comment="Brand or generic spelling, lower case"),
        sa.Column("generic_name", sa.Text(), nullable=False,
                  comment="Generic ingredient(s) joined by /: joins disputed_items.treatment_name"),
        sa.Column("drug_class", sa.Text(), nullable=False),
        sa.Column("dwc_subcategory", sa.Text(), nullable=True,
                  comment="DWC's drug class as DWC spells it"),
        sa.PrimaryKeyConstraint("term", name=op.f("pk_lexicon_drugs")),
        comment="Drug vocabulary: every term the lexicon recognises and what it maps to.",
    )
    op.create_table(
        "lexicon_treatments",
        sa.Column("rule_order", sa.Integer(), nullable=False, comment="Rules are tried in this order"),
        sa.Column("pattern", sa.Text(), nullable=False, comment="Case-insensitive regular expression"),
        sa.Column("category", sa.Text(), nullable=False),
        sa.Column("subcategory", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True,
                  comment="Normalized procedure; joins disputed_items.treatment_name"),
        sa.PrimaryKeyConstraint("rule_order", name=op.f("pk_lexicon_treatments")),
        comment="Non-drug treatment vocabulary: request patterns to DWC categories.",
    )
    op.create_table(
        "lexicon_body_regions",
        sa.Column("rule_order", sa.Integer(), nullable=False),
        sa.Column("pattern", sa.Text(), nullable=False),
        sa.Column("body_region", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("rule_order", name=op.f("pk_lexicon_body_regions")),
        comment="Body-region vocabulary: request patterns to regions.",
    )
    op.create_table(
        "lexicon_versions",
        sa.Column("version", sa.Text(), nullable=False, comment="Short hash of the lexicon files"),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_lexicon_versions")),
        comment="The lexicon now in the lookup tables (one row).",
    )


def downgrade() -> None:
    op.drop_table("lexicon_versions")
    op.drop_table("lexicon_body_regions")
    op.drop_table("lexicon_treatments")
    op.drop_table("lexicon_drugs")
