"""The Alembic migrations are the schema: they build it on both backends and match the models."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, func, inspect, select

from imr_etl.db.migrate import (
    MIGRATIONS_DIR,
    alembic_config,
    current_revision,
    downgrade_to_base,
    head_revision,
    known_revisions,
    upgrade_to_head,
)
from imr_etl.db.schema import disputed_items, metadata
from imr_etl.db.search import include_name
from imr_etl.pipeline import ingest
from tests.helpers import seed_paths

CONTRACT_TABLES = {
    "cases",
    "reviewers",
    "disputed_items",
    "guideline_citations",
    "etl_runs",
    "rejected_letters",
}


def test_head_has_the_contract_tables_and_matches_the_models(empty_engine: Engine) -> None:
    upgrade_to_head(empty_engine)
    assert CONTRACT_TABLES <= set(inspect(empty_engine).get_table_names())
    with empty_engine.connect() as connection:
        # The full-text search objects are left out, as env.py leaves them out.
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": include_name})
        assert compare_metadata(context, metadata) == []


def test_the_numbered_files_name_alembics_own_revisions_and_head() -> None:
    """Runs at head are checked from the files' names, without Alembic: the names must tell
    exactly what Alembic reads from the files."""
    scripts = ScriptDirectory.from_config(alembic_config())
    chain = list(reversed(list(scripts.walk_revisions())))
    assert known_revisions() == tuple(script.revision for script in chain)
    assert head_revision() == scripts.get_current_head()
    for before, script in zip([None, *chain], chain, strict=False):
        assert Path(script.path).name.startswith(f"{script.revision}_")
        assert script.down_revision == (before.revision if before else None)


def test_current_revision_reads_the_stamp(empty_engine: Engine) -> None:
    assert current_revision(empty_engine) is None
    upgrade_to_head(empty_engine)
    assert current_revision(empty_engine) == head_revision()
    downgrade_to_base(empty_engine)
    assert current_revision(empty_engine) is None


def test_downgrade_to_base_and_back_up(empty_engine: Engine) -> None:
    upgrade_to_head(empty_engine)
    downgrade_to_base(empty_engine)
    assert set(inspect(empty_engine).get_table_names()) <= {"alembic_version"}
    upgrade_to_head(empty_engine)
    upgrade_to_head(empty_engine)  # a second upgrade is a no-op
    assert CONTRACT_TABLES <= set(inspect(empty_engine).get_table_names())


_REBUILD_CASES = '''
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("cases", recreate="always") as batch:
        batch.add_column(sa.Column("extra", sa.Text()))


def downgrade():
    with op.batch_alter_table("cases", recreate="always") as batch:
        batch.drop_column("extra")
'''


def test_a_sqlite_table_rebuild_keeps_the_children(sqlite_engine: Engine, tmp_path: Path) -> None:
    """A future batch migration that rebuilds `cases` must not cascade-delete its items."""
    ingest(seed_paths(), sqlite_engine)
    versions = tmp_path / "versions"
    versions.mkdir()
    config = alembic_config(sqlite_engine)
    head = ScriptDirectory.from_config(config).get_current_head()
    (versions / "9999_rebuild_cases.py").write_text(_REBUILD_CASES.format(head=head))
    config.set_main_option("version_locations",
                           os.pathsep.join([str(MIGRATIONS_DIR / "versions"),
                                            str(versions)]))
    command.upgrade(config, "head")
    with sqlite_engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(disputed_items)) == 12
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


_COMPRESSION = """
SELECT attrelid::regclass::text || '.' || attname, attcompression
FROM pg_attribute
WHERE attname IN ('letter_text', 'clinical_summary', 'rationale', 'raw_content')
  AND attrelid::regclass::text IN ('cases', 'disputed_items', 'rejected_letters')
"""


@pytest.mark.postgres
def test_postgresql_compresses_the_long_texts_with_lz4(postgres_engine: Engine) -> None:
    """0012: lz4 (code 'l') on the four long columns; its downgrade restores the default."""
    with postgres_engine.connect() as connection:
        assert dict(connection.exec_driver_sql(_COMPRESSION).all()) == {
            "cases.letter_text": "l", "cases.clinical_summary": "l",
            "disputed_items.rationale": "l", "rejected_letters.raw_content": "l"}
    command.downgrade(alembic_config(postgres_engine), "0011")
    with postgres_engine.connect() as connection:
        assert {method for _, method in connection.exec_driver_sql(_COMPRESSION)} == {""}
