"""PostgreSQL's planner statistics, kept up with a load that grows the warehouse.

Every batch looks cases up by `content_sha256` (unchanged letters) and items by `case_id`.
Without statistics on those columns (a new warehouse, before autovacuum has analyzed it, or
with autovacuum off) PostgreSQL guesses that each value matches thousands of rows and scans
the whole table for every batch, so a first load slows down with the square of its size and
the next run's look-ups take ten times as long. ANALYZE of just those columns takes tens of
milliseconds. SQLite needs nothing: its planner uses the indexes for these look-ups anyway.
"""

from __future__ import annotations

import logging

from sqlalchemy import Engine, text

log = logging.getLogger("imr_etl.load")

# The columns the writer's per-batch look-ups filter on.
_LOOKUP_COLUMNS = "cases (content_sha256, case_key), disputed_items (case_id)"


class PlannerStatistics:
    """Refreshes the look-up columns' statistics whenever the cases a run has written since
    the last refresh reach the number the table held then: a handful of times in a load of
    any size (1, 2, 4, ... times the first batch), never in a small run into a large
    warehouse (autovacuum's work)."""

    def __init__(self, engine: Engine, *, first_after: int) -> None:
        self.engine = engine
        self.first_after = first_after
        self.enabled = engine.dialect.name == "postgresql"
        self.rows_then: float | None = None
        """Cases at the last refresh (PostgreSQL's estimate at the start of the run)."""
        self.written = 0

    def count_written(self, cases: int) -> None:
        if not self.enabled or cases == 0:
            return
        if self.rows_then is None:
            self.rows_then = self._estimated_cases()
        self.written += cases
        if self.written < max(self.rows_then, self.first_after):
            return
        with self.engine.begin() as connection:
            # The table's owner may analyze it; anyone else gets a warning, not an error.
            connection.execute(text(f"ANALYZE {_LOOKUP_COLUMNS}"))
        self.rows_then += self.written
        self.written = 0
        log.info("planner statistics refreshed (about %d cases)", self.rows_then,
                 extra={"event": "statistics_refreshed"})

    def _estimated_cases(self) -> float:
        with self.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT reltuples FROM pg_class WHERE oid = 'cases'::regclass")).scalar()
        # -1: never analyzed (PostgreSQL 14+); 0 before 14.
        return max(float(rows or 0), 0.0)
