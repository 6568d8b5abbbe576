"""The etl_runs rows: opened at the start, counts kept current as batches commit, closed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, and_, select

from imr_etl.db.schema import etl_runs
from imr_etl.records import RunCounts


def start_run(
    command: str,
    parser_version: str,
    *,
    started_at: datetime,
    pid: int,
    host: str,
    connection: Connection,
) -> int:
    """Open an etl_runs row and return its id."""
    return int(
        connection.execute(
            etl_runs.insert()
            .values(
                command=command,
                started_at=started_at,
                status="running",
                parser_version=parser_version,
                pid=pid,
                host=host,
                **_count_values(RunCounts()),
            )
            .returning(etl_runs.c.run_id)
        ).scalar_one()
    )


def update_run_counts(run_id: int, counts: RunCounts, *, connection: Connection) -> None:
    """Store the counts so far; called in each batch's transaction, so they match its rows."""
    connection.execute(
        etl_runs.update().where(etl_runs.c.run_id == run_id).values(**_count_values(counts))
    )


def finish_run(
    run_id: int,
    *,
    status: str,
    finished_at: datetime,
    counts: RunCounts,
    connection: Connection,
) -> None:
    """Close the run's row with its status and counts."""
    connection.execute(
        etl_runs.update()
        .where(etl_runs.c.run_id == run_id)
        .values(status=status, finished_at=finished_at, **_count_values(counts))
    )


def running_runs(host: str, *, connection: Connection) -> list[tuple[int, int | None]]:
    """(run id, pid) of the runs on `host` still marked running."""
    rows = connection.execute(
        select(etl_runs.c.run_id, etl_runs.c.pid).where(
            and_(etl_runs.c.status == "running", etl_runs.c.host == host)
        )
    ).all()
    return [(row.run_id, row.pid) for row in rows]


def mark_abandoned(run_ids: Sequence[int], *, at: datetime, connection: Connection) -> None:
    """Close runs whose process is gone: they will never finish themselves."""
    if run_ids:
        connection.execute(
            etl_runs.update()
            .where(and_(etl_runs.c.run_id.in_(run_ids), etl_runs.c.status == "running"))
            .values(status="abandoned", finished_at=at)
        )


def _count_values(counts: RunCounts) -> dict[str, int]:
    return {
        "files_seen": counts.seen,
        "files_loaded": counts.loaded,
        "files_unchanged": counts.unchanged,
        "files_rejected": counts.rejected,
        "files_duplicate": counts.duplicate,
        "items_loaded": counts.items_loaded,
        "items_unmapped": counts.items_unmapped,
    }
