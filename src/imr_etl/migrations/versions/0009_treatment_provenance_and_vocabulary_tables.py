"""Treatment provenance on disputed items, unmapped-item counts on runs, and the rest of the
vocabulary (categories, specialties, states) as lookup tables

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("disputed_items") as batch_op:
        batch_op.add_column(sa.Column(
            "treatment_rule", sa.Text(), nullable=True,
            comment="Lexicon entries that named the treatment: treatments.csv:42, drugs.csv:norco"))
        batch_op.add_column(sa.Column(
            "unrecognized_ingredients", sa.Text(), nullable=True,
            comment="Compound ingredients no lexicon row names, as written; ; -separated"))
    with op.batch_alter_table("etl_runs") as batch_op:
        batch_op.add_column(sa.Column("items_loaded", sa.Integer(), nullable=False,
                                      server_default="0", comment="Disputed items written by the run"))
        batch_op.add_column(sa.Column(
            "items_unmapped", sa.Integer(), nullable=False, server_default="0",
            comment="Items loaded without a treatment name: new vocabulary to add"))
    with op.batch_alter_table("lexicon_drugs") as batch_op:
        batch_op.add_column(sa.Column(
            "rule", sa.Text(), nullable=True,
            comment="drugs.csv:<term>: joins disputed_items.treatment_rule"))
    with op.batch_alter_table("lexicon_treatments") as batch_op:
        batch_op.add_column(sa.Column(
            "rule", sa.Text(), nullable=True,
            comment="treatments.csv:<line>: joins disputed_items.treatment_rule"))
    op.create_table(
        "lexicon_categories",
        sa.Column("category", sa.Text(), nullable=False,
                  comment="Joins disputed_items.treatment_category"),
        sa.Column("dwc_name", sa.Text(), nullable=False, comment="As DWC writes it"),
        sa.Column("counts", sa.Text(), nullable=False,
                  comment="What a count in such a request is: sessions, quantity or none"),
        sa.PrimaryKeyConstraint("category", name=op.f("pk_lexicon_categories")),
        comment="DWC request categories.",
    )
    op.create_table(
        "lexicon_specialties",
        sa.Column("spelling", sa.Text(), nullable=False, comment="Lower case, as letters write it"),
        sa.Column("specialty", sa.Text(), nullable=False, comment="Joins reviewers.specialty"),
        sa.PrimaryKeyConstraint("spelling", name=op.f("pk_lexicon_specialties")),
        comment="Reviewer certification spellings to one name each.",
    )
    op.create_table(
        "lexicon_states",
        sa.Column("name", sa.Text(), nullable=False, comment="Lower case state name"),
        sa.Column("code", sa.Text(), nullable=False, comment="Two-letter code"),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_lexicon_states")),
        comment="Licence state names to the codes in reviewers.license_states.",
    )


def downgrade() -> None:
    op.drop_table("lexicon_states")
    op.drop_table("lexicon_specialties")
    op.drop_table("lexicon_categories")
    with op.batch_alter_table("lexicon_treatments") as batch_op:
        batch_op.drop_column("rule")
    with op.batch_alter_table("lexicon_drugs") as batch_op:
        batch_op.drop_column("rule")
    with op.batch_alter_table("etl_runs") as batch_op:
        batch_op.drop_column("items_unmapped")
        batch_op.drop_column("items_loaded")
    with op.batch_alter_table("disputed_items") as batch_op:
        batch_op.drop_column("unrecognized_ingredients")
        batch_op.drop_column("treatment_rule")
