"""A load keeps PostgreSQL's planner statistics of its look-up columns up to date."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import Engine, text

from imr_etl.pipeline import ingest
from tests.helpers import real_letter_paths, seed_paths

pytestmark = pytest.mark.postgres

_ANALYZED = text(
    "SELECT tablename || '.' || attname FROM pg_stats "
    "WHERE tablename IN ('cases', 'disputed_items') ORDER BY 1"
)
_LAST_ANALYZE = text(
    "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'cases'"
)


def _last_analyze(engine: Engine) -> datetime | None:
    with engine.connect() as connection:
        value: datetime | None = connection.execute(_LAST_ANALYZE).scalar()
        return value


def test_a_load_into_a_new_warehouse_analyzes_the_lookup_columns(
    postgres_engine: Engine,
) -> None:
    """Without statistics PostgreSQL scans whole tables for every batch's look-ups."""
    with postgres_engine.connect() as connection:
        assert connection.execute(_ANALYZED).scalars().all() == []
    ingest(seed_paths(), postgres_engine, batch_size=2)
    with postgres_engine.connect() as connection:
        assert connection.execute(_ANALYZED).scalars().all() == [
            "cases.case_key", "cases.content_sha256", "disputed_items.case_id"]


def test_a_small_run_into_a_larger_warehouse_leaves_the_statistics_to_autovacuum(
    postgres_engine: Engine,
) -> None:
    letters = real_letter_paths()
    ingest(letters[:40], postgres_engine, batch_size=10)
    analyzed = _last_analyze(postgres_engine)
    assert analyzed is not None
    # 40 cases were counted at the last refresh; 10 more are far from doubling them.
    ingest(letters[40:50], postgres_engine, batch_size=10)
    assert _last_analyze(postgres_engine) == analyzed
