"""The analyst views (migrations 0002, 0004) against figures computed in Python, both backends."""

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
    DIMENSIONS_BY_NAME,
    ITEM_DECISIONS,
    MIX_BY_DECISION_MONTH,
    TIMELINESS_BY_MONTH,
    VIEW_NAMES,
    VIEWS,
)
from tests.analyst_data import (
    expected_case_outcomes,
    expected_case_rows,
    expected_item_rows,
    expected_mix,
    expected_rates,
    expected_timeliness,
    known_decisions,
    load_letters,
    migration,
    outcome_of,
    plain,
    relabel,
    view_intervals,
    view_rates,
    view_rows,
    wilson,
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


def test_wilson_intervals_equal_the_textbook_formula(warehouse: Engine) -> None:
    items = expected_item_rows(warehouse)
    for dimension in DIMENSIONS:
        expected = expected_rates(items, dimension)
        intervals = view_intervals(warehouse, dimension)
        assert set(intervals) == set(expected), dimension.view
        for group, (n, overturned, rate) in expected.items():
            low, high = intervals[group]
            want_low, want_high = wilson(overturned, n)
            # The views take the root by Newton's method: equal to sqrt() within an ulp or two.
            assert low == pytest.approx(want_low, rel=1e-12, abs=1e-15), (dimension.view, group)
            assert high == pytest.approx(want_high, rel=1e-12, abs=1e-15), (dimension.view, group)
            assert 0.0 <= low <= rate <= high <= 1.0
            assert (low == 0.0) == (overturned == 0) and (high == 1.0) == (overturned == n)


def test_wilson_interval_of_one_in_one_and_of_large_groups(engine: Engine) -> None:
    """Known values: 1 of 1 is [0.2065, 1]; 0 of 10 is [0, 0.2775]; 50 of 100 is 0.4038-0.5962."""
    with engine.connect() as connection:
        rows = {}
        for items, overturned in ((1, 1), (10, 0), (100, 50), (10**9, 123_456_789)):
            sql = _wilson_probe(items, overturned)
            rows[(items, overturned)] = connection.execute(text(sql)).one()
    assert round(rows[(1, 1)].rate_low, 4) == 0.2065 and rows[(1, 1)].rate_high == 1.0
    assert rows[(10, 0)].rate_low == 0.0 and round(rows[(10, 0)].rate_high, 4) == 0.2775
    assert (round(rows[(100, 50)].rate_low, 4), round(rows[(100, 50)].rate_high, 4)) == \
        (0.4038, 0.5962)
    low, high = wilson(123_456_789, 10**9)
    assert rows[(10**9, 123_456_789)].rate_low == pytest.approx(low, rel=1e-12)
    assert rows[(10**9, 123_456_789)].rate_high == pytest.approx(high, rel=1e-12)


def _wilson_probe(items: int, overturned: int) -> str:
    """The rate views' interval SQL over one made-up group of any size."""
    groups = f"SELECT 'g' AS label, {items} AS items, {overturned} AS overturned"
    return str(migration("timeliness_trends_intervals").rates_with_intervals("label", groups))


def test_timeliness_columns_equal_python_date_arithmetic(warehouse: Engine) -> None:
    expected = expected_case_rows(warehouse)
    names = ("decision_month", "priority", "days_received_to_decision",
             "days_assigned_to_decision", "days_ur_denial_to_application")
    for row in view_rows(warehouse, CASE_OUTCOMES.name):
        assert {name: row[name] for name in names} == \
            {name: expected[row["case_key"]][name] for name in names}, row["case_key"]
    for row in view_rows(warehouse, ITEM_DECISIONS.name):
        assert {name: row[name] for name in names} == \
            {name: expected[row["case_key"]][name] for name in names}, row["item_id"]
    days = [row["days_received_to_decision"] for row in expected.values()]
    assert any(isinstance(value, int) for value in days)


def test_timeliness_by_month_equals_python_figures(warehouse: Engine) -> None:
    expected = expected_timeliness(warehouse)
    assert expected, "the test letters give v_timeliness_by_month no row"
    rows = view_rows(warehouse, TIMELINESS_BY_MONTH.name)
    actual = {(row["decision_month"], row["priority"]):
              {k: v for k, v in row.items() if k not in ("decision_month", "priority")}
              for row in rows}
    assert len(actual) == len(rows)
    # Exact: medians of whole days and SUM / COUNT means are exact doubles on both sides.
    assert actual == expected


def test_published_letters_are_timed_against_the_30_day_limit(engine: Engine) -> None:
    """As loaded: standard reviews, decided 21-56 days from receipt, some after 30 days."""
    load_letters(engine)
    rows = view_rows(engine, TIMELINESS_BY_MONTH.name)
    assert {row["priority"] for row in rows} == {"standard"}
    assert {row["limit_days"] for row in rows} == {30}
    assert sum(row["letters"] for row in rows) == sum(
        1 for row in expected_case_rows(engine).values()
        if row["decision_month"] and row["priority"])
    assert all(0 < row["within_limit_share"] < 1 for row in rows)


def test_mix_by_decision_month_equals_python_figures(warehouse: Engine) -> None:
    expected = expected_mix(warehouse)
    assert expected
    rows = view_rows(warehouse, MIX_BY_DECISION_MONTH.name)
    assert {row["decision_month"]: {k: v for k, v in row.items() if k != "decision_month"}
            for row in rows} == expected


def test_modified_requests_are_the_items_with_an_original_request(engine: Engine) -> None:
    load_letters(engine)
    rows = view_rows(engine, ITEM_DECISIONS.name)
    modified = [row for row in rows if row["modified_request"]]
    # 24 of the 214 items of the test letters state an original and an authorized request.
    assert (len(modified), len(rows)) == (24, 214)
    rates = view_rates(engine, DIMENSIONS_BY_NAME["modified_request"])
    assert {group: n for group, (n, _, _) in rates.items()} == {(0,): 190, (1,): 24}


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
