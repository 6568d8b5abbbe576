"""The Alembic migrations are the schema: they build it on both backends and match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from imr_etl.db.migrate import downgrade_to_base, upgrade_to_head
from imr_etl.db.schema import metadata

CONTRACT_TABLES = {
    "cases",
    "reviewers",
    "disputed_items",
    "guideline_citations",
    "etl_runs",
    "rejected_letters",
}


def test_head_has_the_contract_tables_and_matches_the_models(engine: Engine) -> None:
    assert CONTRACT_TABLES <= set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []


def test_downgrade_to_base_and_back_up(engine: Engine) -> None:
    downgrade_to_base(engine)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade_to_head(engine)
    upgrade_to_head(engine)  # a second upgrade is a no-op
    assert CONTRACT_TABLES <= set(inspect(engine).get_table_names())
