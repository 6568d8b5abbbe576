"""Remember each input file's signature, so an unchanged re-run does not read it again

Revision ID: 0013
Revises: 0012

An unchanged re-run read and hashed every input to find that nothing had changed: most of
its time. `input_files` keeps, per input path, the file's size, modification and change
times, device and inode when it was last read, with the SHA-256 of its bytes; a file whose
signature is the same is taken to hold the same bytes, as git and make take it. A write to
a file always moves its change time, which no tool can set back.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "input_files",
        sa.Column("source_path", sa.Text(), nullable=False, comment="Path of the input relative to the ingest root (as in rejected_letters)"),
        sa.Column("file_signature", sa.Text(), nullable=False, comment="Size, modification and change times (ns), device and inode when it was read"),
        sa.Column("content_sha256", sa.Text(), nullable=False, comment="SHA-256 of the bytes read then, as cases.content_sha256"),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False, comment="When it was read"),
        sa.PrimaryKeyConstraint("source_path", name=op.f("pk_input_files")),
        comment="Each input file as an ingest last read it: a file whose signature is unchanged is not read again. Bookkeeping; rows of deleted files stay, harmless.",
    )


def downgrade() -> None:
    op.drop_table("input_files")
