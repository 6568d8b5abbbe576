"""Identify inputs by path, track the run that wrote each case, and keep run bookkeeping

Revision ID: 0010
Revises: 0009

- cases.source_path: the input's path relative to the ingest root. A letter without a case
  number is keyed by it (before: by bare file name, so a/letter.txt and b/letter.txt
  collapsed into one case). Existing rows get their file name, which is what their key was.
- cases.run_id: the run that last wrote the case, so a run can tell its own earlier writes
  (a duplicate case number within one run) from older ones.
- rejected_letters: one row per input path instead of per bare file name; raw_content may
  be null (reprocess has no original bytes to keep).
- etl_runs: files_duplicate, and the pid and host of the process, so a later run can mark
  a run whose process is gone as abandoned.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, no table rebuild: on SQLite a rebuild of cases would drop the
    # full-text triggers (0007) that keep cases_fts in step.
    op.add_column("cases", sa.Column("source_path", sa.Text(), nullable=True, comment="Path of the input relative to the ingest root; the key of a letter without a case number"))
    op.add_column("cases", sa.Column("run_id", sa.Integer(), nullable=True, comment="The run that last wrote the case (etl_runs.run_id)"))
    if op.get_context().dialect.name == "postgresql":
        op.alter_column("cases", "case_key", existing_type=sa.Text(), existing_nullable=False, comment="IMR case number, or the input's path relative to the ingest root when the letter carries none")
    op.execute("UPDATE cases SET source_path = source_name")

    op.execute("UPDATE rejected_letters SET source_path = source_name")
    with op.batch_alter_table("rejected_letters") as batch:
        batch.drop_constraint(op.f("uq_rejected_letters_source_name"), type_="unique")
        batch.alter_column("source_path", existing_type=sa.Text(), nullable=False, comment="Path of the input relative to the ingest root: one row per input")
        batch.alter_column("raw_content", existing_type=sa.LargeBinary(), nullable=True, comment="The bytes as received; null when the letter came from the warehouse (reprocess)")
        batch.create_unique_constraint(op.f("uq_rejected_letters_source_path"), ["source_path"])

    with op.batch_alter_table("etl_runs") as batch:
        batch.add_column(sa.Column("files_duplicate", sa.Integer(), nullable=False, server_default="0", comment="Letters whose case another input of the run supersedes"))
        batch.add_column(sa.Column("pid", sa.Integer(), nullable=True, comment="Process id of the run"))
        batch.add_column(sa.Column("host", sa.Text(), nullable=True, comment="Host name of the run's machine"))
        batch.alter_column("status", existing_type=sa.Text(), existing_nullable=False, comment="running, succeeded, rejections, failed, interrupted or abandoned")


def downgrade() -> None:
    with op.batch_alter_table("etl_runs") as batch:
        batch.alter_column("status", existing_type=sa.Text(), existing_nullable=False, comment="running, succeeded, rejections or failed")
        batch.drop_column("host")
        batch.drop_column("pid")
        batch.drop_column("files_duplicate")

    # Several paths may share a file name: keep the most recently seen rejection of each.
    op.execute(
        "DELETE FROM rejected_letters WHERE rejected_id NOT IN (SELECT MAX(rejected_id) "
        "FROM rejected_letters GROUP BY source_name)"
    )
    op.execute("UPDATE rejected_letters SET raw_content = '' WHERE raw_content IS NULL")
    with op.batch_alter_table("rejected_letters") as batch:
        batch.drop_constraint(op.f("uq_rejected_letters_source_path"), type_="unique")
        batch.alter_column("raw_content", existing_type=sa.LargeBinary(), nullable=False, comment="The bytes as received")
        batch.alter_column("source_path", existing_type=sa.Text(), nullable=True, comment="Where the file was read from")
        batch.create_unique_constraint(op.f("uq_rejected_letters_source_name"), ["source_name"])

    if op.get_context().dialect.name == "postgresql":
        op.alter_column("cases", "case_key", existing_type=sa.Text(), existing_nullable=False, comment="IMR case number, or the file name when the letter carries none")
    op.drop_column("cases", "run_id")
    op.drop_column("cases", "source_path")
