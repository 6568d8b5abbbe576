"""The analyst views (migration 0002) against figures computed in Python, on both backends."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from imr_etl.db.migrate import MIGRATIONS_DIR, alembic_config, upgrade_to_head
from imr_etl.db.views import (
    CASE_OUTCOMES,
    DIMENSIONS,
    ITEM_DECISIONS,
    VIEW_NAMES,
    VIEWS,
)
from tests.analyst_data import (
    expected_case_outcomes,
    expected_item_rows,
    expected_rates,
    known_decisions,
    load_letters,
    outcome_of,
    plain,
    relabel,
    view_rates,
    view_rows,
)

SCENARIOS = ["as_loaded", "relabelled"]


@pytest.fixture(params=SCENARIOS)
def warehouse(request: pytest.FixtureRequest, engine: Engine) -> Engine:
    """The test letters loaded, as parsed or with labels spread over more groups and nulls."""
    load_letters(engine)
    if request.param == "relabelled":
        relabel(engine)
    return engine


def test_every_view_has_the_documented_columns(engine: Engine) -> None:
    assert set(VIEW_NAMES) <= set(inspect(engine).get_view_names())
    with engine.connect() as connection:
        for view in VIEWS:
            columns = list(connection.execute(text(f"SELECT * FROM {view.name}")).keys())
            assert columns == [column.name for column in view.columns], view.name


def test_views_are_empty_on_an_empty_warehouse(engine: Engine) -> None:
    for name in VIEW_NAMES:
        assert view_rows(engine, name) == [], name


def test_item_decisions_has_one_flat_row_per_item(warehouse: Engine) -> None:
    expected = sorted(({k: plain(v) for k, v in row.items()}
                       for row in expected_item_rows(warehouse)), key=lambda r: r["item_id"])
    actual = sorted(view_rows(warehouse, ITEM_DECISIONS.name), key=lambda r: r["item_id"])
    assert actual == expected


def test_overturn_rates_equal_python_counts(warehouse: Engine) -> None:
    items = expected_item_rows(warehouse)
    for dimension in DIMENSIONS:  # one load for all eight views: loading is the slow part
        expected = expected_rates(items, dimension)
        actual = view_rates(warehouse, dimension)
        assert expected, f"the test letters give {dimension.view} no group"
        # Exact equality: the views divide doubles exactly as Python does, nothing is rounded.
        assert actual == expected, dimension.view
        assert all(isinstance(rate, float) and 0 <= rate <= 1 for _, _, rate in actual.values())


def test_case_outcomes_match_the_known_decisions(engine: Engine) -> None:
    load_letters(engine)
    known = known_decisions()
    rows = {row["case_key"]: row for row in view_rows(engine, CASE_OUTCOMES.name)}
    assert set(rows) == set(known)
    for case_key, (items, overturned) in known.items():
        row = rows[case_key]
        assert (row["items"], row["overturned"], row["outcome"]) == \
            (items, overturned, outcome_of(items, overturned)), case_key
    outcomes = {row["outcome"] for row in rows.values()}
    assert {"upheld", "partially_overturned"} <= outcomes


def test_case_outcomes_equal_python_counts(warehouse: Engine) -> None:
    items = expected_item_rows(warehouse)
    rows = view_rows(warehouse, CASE_OUTCOMES.name)
    expected = expected_case_outcomes(items, [row["case_key"] for row in rows])
    assert {row["case_key"]: (row["items"], row["overturned"], row["outcome"])
            for row in rows} == expected
    years = {row["case_key"]: row["decision_year"] for row in rows}
    assert years == {row["case_key"]: (int(row["decision_date"][:4]) if row["decision_date"]
                                       else None) for row in rows}


def test_a_case_without_items_has_no_outcome(engine: Engine) -> None:
    load_letters(engine)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM disputed_items WHERE case_id = "
                                "(SELECT MIN(case_id) FROM cases)"))
    empty = [row for row in view_rows(engine, CASE_OUTCOMES.name) if row["items"] == 0]
    assert [(row["overturned"], row["outcome"]) for row in empty] == [(0, None)]


@pytest.mark.postgres
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_views_give_the_same_rows_on_sqlite_and_postgresql(
        scenario: str, sqlite_engine: Engine, postgres_engine: Engine) -> None:
    for backend in (sqlite_engine, postgres_engine):
        load_letters(backend)
        if scenario == "relabelled":
            relabel(backend)
    for name in VIEW_NAMES:
        # Surrogate ids may be numbered differently; everything else must be equal.
        def rows(backend: Engine, view: str = name) -> list[tuple[object, ...]]:
            return sorted((tuple((k, v) for k, v in row.items() if not k.endswith("_id"))
                           for row in view_rows(backend, view)), key=repr)
        assert rows(sqlite_engine) == rows(postgres_engine), name


def test_downgrade_drops_the_views_and_upgrade_restores_them(engine: Engine) -> None:
    command.downgrade(alembic_config(engine), "0001")
    assert not set(VIEW_NAMES) & set(inspect(engine).get_view_names())
    upgrade_to_head(engine)
    assert set(VIEW_NAMES) <= set(inspect(engine).get_view_names())


_REBUILD_MIGRATION = '''"""Test only: a later migration rebuilding a table the views read."""
import sqlalchemy as sa
from alembic import op

revision = "test_rebuild"
down_revision = {head!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("guideline_citations", recreate="always") as batch:
        batch.add_column(sa.Column("note", sa.Text()))


def downgrade() -> None:
    pass
'''


def test_views_survive_a_later_sqlite_table_rebuild(sqlite_engine: Engine, tmp_path: Path) -> None:
    """Modern SQLite refuses to rename a table over one a view names; env.py allows it."""
    load_letters(sqlite_engine)
    before = view_rows(sqlite_engine, ITEM_DECISIONS.name)
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, migrations,
                    ignore=shutil.ignore_patterns("__pycache__"))
    config = alembic_config(sqlite_engine)
    config.set_main_option("script_location", str(migrations))
    head = ScriptDirectory.from_config(config).get_current_head()
    (migrations / "versions" / "9999_test_rebuild.py").write_text(
        _REBUILD_MIGRATION.format(head=head))
    command.upgrade(config, "head")
    assert "note" in {c["name"] for c in inspect(sqlite_engine).get_columns("guideline_citations")}
    assert view_rows(sqlite_engine, ITEM_DECISIONS.name) == before
