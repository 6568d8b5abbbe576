"""The one batch loop: a source's letters are read in order, parsed in the pool as they
come, and written a batch per transaction as parse results arrive (in any order).

Memory stays flat: at most about two batches of letters are held at once. One bad letter
never stops the run; it is rejected with its reason and its bytes kept. The etl_runs row
holds the counts of what has committed, batch by batch.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError

from imr_etl.db.engine import describe_failure
from imr_etl.db.migrate import upgrade_to_head
from imr_etl.engine.pool import ParserPool
from imr_etl.engine.signals import StopRequest
from imr_etl.engine.sources import Letter, Source
from imr_etl.errors import DatabaseError, LoadError
from imr_etl.load import runs, writer
from imr_etl.load.lexicon import sync_lexicon
from imr_etl.load.statistics import PlannerStatistics
from imr_etl.records import Duplicate, Rejection, RunCounts, RunReport
from imr_etl.transform import PARSER_VERSION
from imr_etl.transform.treatments import load_lexicon

log = logging.getLogger("imr_etl.engine")

DEFAULT_BATCH_SIZE = 500
DEFAULT_WORKERS = os.cpu_count() or 1
DEFAULT_LETTER_TIMEOUT = 30.0
# A deadlock or a busy SQLite file between concurrent runs: the batch is tried again.
_WRITE_ATTEMPTS = 5

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class EngineOptions:
    batch_size: int = DEFAULT_BATCH_SIZE
    workers: int = 1
    letter_timeout: float | None = None
    """Seconds one letter may take to parse; None: no limit (and, with one worker, no pool)."""
    lexicon_dir: Path | None = None
    worker_setup: Callable[[], None] | None = None
    """Run once in each parser process before it parses (e.g. to set up its logging)."""


def run(source: Source, engine: Engine, options: EngineOptions,
        progress: Progress | None = None) -> RunReport:
    """Take every letter of `source` to loaded, unchanged, duplicate or rejected."""
    report = RunReport(command=source.command)
    with (
        _bookkeeping(report, engine, options.lexicon_dir),
        StopRequest() as stop,
        ParserPool(workers=options.workers, timeout=options.letter_timeout,
                   lexicon_dir=options.lexicon_dir, worker_setup=options.worker_setup) as pool,
    ):
        statistics = PlannerStatistics(engine, first_after=options.batch_size)
        _Loop(source, engine, options, report, pool, stop, progress, statistics).run()
        report.interrupted_by = stop.signum
    return report


@dataclass(slots=True)
class _Loop:
    source: Source
    engine: Engine
    options: EngineOptions
    report: RunReport
    pool: ParserPool
    stop: StopRequest
    progress: Progress | None
    statistics: PlannerStatistics
    ready: list[Letter] = field(default_factory=list)
    # Letters being parsed or waiting to be written, by their bytes' hash, and the later
    # inputs with the same bytes: a copy waits for its first and shares its fate.
    leaders: dict[str, Letter] = field(default_factory=dict)
    followers: dict[str, list[Letter]] = field(default_factory=dict)

    def run(self) -> None:
        size = self.options.batch_size
        # Letters in the pool at most: enough to keep the workers busy while a batch is
        # written; each letter held costs its bytes, text and record (a larger window
        # measured no faster and held 20 MiB more).
        window = size
        for chunk in self.source.chunks(size):
            if self.stop:
                return
            self.source.prepare(chunk, self.engine)
            for letter in chunk:
                self._take(letter)
            self._collect(block=False)
            while self.pool.pending > window and not self.stop:
                self._collect(block=True)
            self._write_full_batches()
        while (self.pool.pending or self.ready) and not self.stop:
            if self.pool.pending:
                self._collect(block=True)
            if len(self.ready) >= size or not self.pool.pending:
                self._write_full_batches(final=not self.pool.pending)

    def _take(self, letter: Letter) -> None:
        if letter.rejection is not None or letter.unchanged:
            self._ready(letter)
            return
        leader = self.leaders.get(letter.sha256)
        if leader is None:
            self.leaders[letter.sha256] = letter
            self.pool.submit(letter)
        elif leader.record is None and leader.rejection is None:
            self.followers.setdefault(letter.sha256, []).append(letter)
        else:
            self._follow(letter, leader)

    def _follow(self, letter: Letter, leader: Letter) -> None:
        """A copy of an earlier input's bytes: the same rejection; the same case when the
        letter has a case number (unchanged), else its own case under its own path."""
        if leader.rejection is not None:
            letter.rejection = type(leader.rejection)(letter.source_name, leader.rejection.reason)
        elif leader.record is not None and leader.record.case_number is None:
            letter.record = dataclasses.replace(
                leader.record, case_key=letter.source_path, source_path=letter.source_path,
                source_name=letter.source_name)
            letter.notes = leader.notes
        else:
            letter.unchanged = True
            letter.first_copy = True  # its case may name a later copy: keep_first_copy checks
        self._ready(letter)

    def _ready(self, letter: Letter) -> None:
        self.ready.append(letter)
        if self.progress:
            self.progress(1)

    def _collect(self, *, block: bool) -> None:
        for letter in self.pool.collect(block=block):
            self._ready(letter)
            for follower in self.followers.pop(letter.sha256, []):
                self._follow(follower, letter)

    def _write_full_batches(self, *, final: bool = False) -> None:
        size = self.options.batch_size
        while (len(self.ready) >= size or (final and self.ready)) and not self.stop:
            batch, self.ready = self.ready[:size], self.ready[size:]
            written = _Writer(self.engine, self.report, self.source.command).write(batch)
            self.statistics.count_written(written.loaded)
            for letter in batch:
                if self.leaders.get(letter.sha256) is letter:
                    del self.leaders[letter.sha256]


@dataclass(slots=True)
class _Applied:
    counts: RunCounts
    rejections: list[Rejection]
    duplicates: list[Duplicate]
    warned: list[Letter]
    superseded: list[str]


class _Writer:
    """Writes one batch in one transaction; if the database refuses it, each letter alone,
    so only the letter it refuses is rejected."""

    def __init__(self, engine: Engine, report: RunReport, command: str) -> None:
        self.engine = engine
        self.report = report
        self.mode: writer.Mode = "ingest" if command == "ingest" else "reprocess"

    def write(self, letters: list[Letter]) -> RunCounts:
        """Write the batch; return its counts (committed)."""
        started = time.perf_counter()
        now = datetime.now(UTC)
        try:
            applied = [self._transaction(letters, now)]
        except (IntegrityError, DataError):
            applied = self._one_by_one(letters, now)
        total = RunCounts()
        for part in applied:
            total.add(part.counts)
        log.info(
            "batch written: %d letters, %d loaded, %d unchanged, %d rejected, %d duplicate "
            "(%.2f s)", total.seen, total.loaded, total.unchanged, total.rejected,
            total.duplicate, time.perf_counter() - started,
            extra={"event": "batch", "run_id": self.report.run_id,
                   "counts": _count_fields(total)},
        )
        return total

    def _transaction(self, letters: list[Letter], now: datetime) -> _Applied:
        """Write `letters` in one transaction, then count them (the counts are committed)."""
        for attempt in range(1, _WRITE_ATTEMPTS + 1):
            try:
                with self.engine.begin() as connection:
                    applied = self._apply(letters, now, connection)
                self._account(applied)
                return applied
            except OperationalError as exc:
                if attempt == _WRITE_ATTEMPTS or not _worth_retrying(exc):
                    raise
                log.info("batch retried after %s", _first_line(exc),
                         extra={"event": "batch_retry", "run_id": self.report.run_id})
                time.sleep(0.05 * attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _one_by_one(self, letters: list[Letter], now: datetime) -> list[_Applied]:
        applied = []
        alone = set()
        for letter in letters:
            if letter.record is None:
                continue
            alone.add(id(letter))
            try:
                applied.append(self._transaction([letter], now))
            except (IntegrityError, DataError) as exc:
                letter.record = None
                letter.rejection = LoadError(
                    letter.source_name, f"the database refused the letter: {_first_line(exc)}"
                )
                applied.append(self._transaction([letter], now))
        rest = [letter for letter in letters if id(letter) not in alone]
        if rest:
            applied.append(self._transaction(rest, now))
        return applied

    def _apply(self, letters: list[Letter], now: datetime, connection: Connection) -> _Applied:
        run_id = self.report.run_id
        assert run_id is not None
        by_record = {id(letter.record): letter for letter in letters if letter.record}
        result = writer.write_letters(
            [letter.record for letter in letters if letter.record],
            mode=self.mode, run_id=run_id, loaded_at=now, connection=connection,
        )
        if self.mode == "ingest":
            writer.keep_first_copy(
                [(letter.sha256, letter.source_path, letter.source_name)
                 for letter in letters if letter.first_copy]
                + [(record.content_sha256, record.source_path or "", record.source_name)
                   for record in result.unchanged],
                connection=connection,
            )
        counts = RunCounts(seen=len(letters), loaded=len(result.written))
        counts.items_loaded = sum(len(record.items) for record in result.written)
        counts.items_unmapped = sum(item.treatment_name is None
                                    for record in result.written for item in record.items)
        counts.unchanged = (sum(letter.unchanged for letter in letters) + len(result.unchanged)
                            + len(result.superseded))
        duplicates = [
            Duplicate(lost.record.source_name, lost.record.source_path or "",
                      lost.record.case_key, lost.reason)
            for lost in result.duplicates
        ]
        for earlier in result.displaced:  # counted as loaded by an earlier batch of this run
            counts.loaded -= 1
            duplicates.append(Duplicate(earlier.source_name, earlier.source_path,
                                        earlier.case_key, earlier.reason))
        counts.duplicate = len(duplicates)
        rejections = []
        for letter in letters:
            error = letter.rejection
            if error is None:
                continue
            rejections.append(Rejection(letter.source_name, error.stage, error.reason,
                                        letter.source_path))
            writer.record_rejection(
                source_name=letter.source_name,
                source_path=letter.source_path,
                sha256=letter.sha256,
                stage=error.stage,
                reason=error.reason,
                content=letter.content,
                run_id=run_id,
                seen_at=now,
                connection=connection,
            )
        counts.rejected = len(rejections)
        writer.clear_rejections(
            (letter.source_path for letter in letters if letter.rejection is None),
            connection=connection,
        )
        runs.update_run_counts(run_id, self.report.counts.plus(counts), connection=connection)
        written = {id(record) for record in result.written}
        warned = [letter for key, letter in by_record.items()
                  if key in written and letter.record and letter.record.parse_warnings]
        counts.warned = len(warned)
        return _Applied(counts, rejections, duplicates, warned,
                        [record.case_key for record in result.superseded])

    def _account(self, applied: _Applied) -> None:
        """Count what committed, and say it in the log."""
        report = self.report
        report.counts.add(applied.counts)
        report.rejections.extend(applied.rejections)
        report.duplicates.extend(applied.duplicates)
        for rejection in applied.rejections:
            log.warning("rejected %s [%s]: %s", rejection.source_path, rejection.stage,
                        rejection.reason,
                        extra={"event": "rejected", "run_id": report.run_id,
                               "source_path": rejection.source_path, "stage": rejection.stage,
                               "reason": rejection.reason})
        for duplicate in applied.duplicates:
            log.warning("duplicate %s: %s", duplicate.source_path, duplicate.reason,
                        extra={"event": "duplicate", "run_id": report.run_id,
                               "source_path": duplicate.source_path,
                               "case_key": duplicate.case_key, "reason": duplicate.reason})
        for letter in applied.warned:
            warnings = letter.record.parse_warnings if letter.record else None
            log.warning("loaded %s with warnings: %s", letter.source_path, warnings,
                        extra={"event": "warned", "run_id": report.run_id,
                               "source_path": letter.source_path, "reason": warnings})
        for key in applied.superseded:
            log.info("case %s changed since it was read (another run wrote it): left as it is",
                     key, extra={"event": "superseded", "run_id": report.run_id,
                                 "case_key": key})


def _worth_retrying(exc: OperationalError) -> bool:
    """A deadlock or serialization failure (PostgreSQL) or a locked file (SQLite)."""
    code = getattr(exc.orig, "sqlstate", None)
    return code in ("40P01", "40001") or "database is locked" in str(exc.orig)


def _first_line(exc: DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)


def _count_fields(counts: RunCounts) -> dict[str, int]:
    return {"seen": counts.seen, "loaded": counts.loaded, "unchanged": counts.unchanged,
            "rejected": counts.rejected, "duplicate": counts.duplicate,
            "warned": counts.warned}


@contextmanager
def _bookkeeping(report: RunReport, engine: Engine, lexicon_dir: Path | None) -> Iterator[None]:
    """Migrate, sync the lexicon tables, close abandoned runs, open this run's etl_runs row,
    and close it with its status. A driver failure (server down, bad credentials) becomes
    one DatabaseError."""
    report.started_at = datetime.now(UTC)
    started = time.perf_counter()
    host, pid = socket.gethostname(), os.getpid()
    try:
        upgrade_to_head(engine)
        with engine.begin() as connection:
            sync_lexicon(load_lexicon(lexicon_dir), loaded_at=report.started_at,
                         connection=connection)
            _close_abandoned(host, report.started_at, connection)
            report.run_id = runs.start_run(report.command, PARSER_VERSION,
                                           started_at=report.started_at, pid=pid, host=host,
                                           connection=connection)
        log.info("%s run %d started (pid %d on %s)", report.command, report.run_id, pid, host,
                 extra={"event": "run_started", "run_id": report.run_id,
                        "command": report.command, "pid": pid, "host": host})
        try:
            yield
        except BaseException as exc:
            status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
            _finish(report, engine, status=status, seconds=time.perf_counter() - started)
            raise
        _finish(report, engine, status=report.status, seconds=time.perf_counter() - started)
    except DBAPIError as exc:
        raise DatabaseError(describe_failure(exc, engine.url)) from exc


def _close_abandoned(host: str, now: datetime, connection: Connection) -> None:
    """Runs on this machine still marked running whose process is gone: killed (-9), or
    their machine lost power. They will never close their rows themselves."""
    gone = [run_id for run_id, pid in runs.running_runs(host, connection=connection)
            if pid is None or not _alive(pid)]
    if gone:
        runs.mark_abandoned(gone, at=now, connection=connection)
        log.warning("marked runs %s abandoned: their processes are gone",
                    ", ".join(map(str, gone)),
                    extra={"event": "runs_abandoned", "run_ids": gone})


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        return True
    return True


def _finish(report: RunReport, engine: Engine, *, status: str, seconds: float) -> None:
    report.finished_at = datetime.now(UTC)
    if report.run_id is None:
        return
    try:
        with engine.begin() as connection:
            runs.finish_run(report.run_id, status=status, finished_at=report.finished_at,
                            counts=report.counts, connection=connection)
    except DBAPIError:
        if status == "failed":
            return
        raise
    level = logging.INFO if status in ("succeeded", "rejections") else logging.WARNING
    log.log(level,
            "%s run %d %s: %d seen, %d loaded, %d unchanged, %d rejected, %d duplicate "
            "(%.1f s)", report.command, report.run_id, status, report.seen, report.loaded,
            report.unchanged, report.rejected, report.duplicate, seconds,
            extra={"event": "run_finished", "run_id": report.run_id, "status": status,
                   "counts": _count_fields(report.counts), "seconds": round(seconds, 3)})
