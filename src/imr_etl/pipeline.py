"""The three stages for a stream of files: extract -> transform -> load, one batch at a time.

Memory stays flat: only one batch of letters is held at once, whatever the corpus size.
One bad letter never stops the run; it is rejected with its reason and its bytes kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from imr_etl.db.engine import describe_failure
from imr_etl.db.migrate import upgrade_to_head
from imr_etl.db.schema import cases
from imr_etl.errors import DatabaseError, ExtractError, LetterError, LoadError
from imr_etl.extract.files import DEFAULT_MAX_BYTES, iter_letter_paths, read_letter
from imr_etl.load import writer
from imr_etl.records import LetterRecord, RawLetter
from imr_etl.transform import PARSER_VERSION, transform_letter
from imr_etl.transform.treatments import load_lexicon

DEFAULT_BATCH_SIZE = 500


@dataclass(frozen=True, slots=True)
class Rejection:
    source_name: str
    stage: str
    reason: str


@dataclass(slots=True)
class RunReport:
    """What a run did, for the summary, --json and etl_runs."""

    command: str
    run_id: int | None = None
    seen: int = 0
    loaded: int = 0
    unchanged: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    finished_at: datetime | None = None

    @property
    def rejected(self) -> int:
        return len(self.rejections)

    @property
    def status(self) -> str:
        return "rejections" if self.rejections else "succeeded"


Progress = Callable[[int], None]


@dataclass(slots=True)
class _Pending:
    """A letter between stages within one batch."""

    path: str
    content: bytes
    raw: RawLetter | None = None
    record: LetterRecord | None = None
    rejection: LetterError | None = None


def ingest(paths: Iterable[Path], engine: Engine, *, max_bytes: int = DEFAULT_MAX_BYTES,
           batch_size: int = DEFAULT_BATCH_SIZE, progress: Progress | None = None) -> RunReport:
    """Load every letter file in `paths` (files or directories); each ends loaded, unchanged
    or rejected."""
    report = RunReport(command="ingest")
    with _run(report, engine):
        lexicon = load_lexicon()
        seen_hashes: set[str] = set()
        for batch in _batches(iter_letter_paths(paths), batch_size):
            pending = [_extract(path, max_bytes, report) for path in batch]
            good = [p for p in pending if p.raw is not None]
            with engine.connect() as connection:
                unchanged = writer.find_unchanged([p.raw for p in good if p.raw],
                                                  connection=connection)
            to_load = []
            for item in good:
                assert item.raw is not None
                if item.raw.source_name in unchanged or item.raw.sha256 in seen_hashes:
                    report.unchanged += 1
                    continue
                seen_hashes.add(item.raw.sha256)
                try:
                    item.record = transform_letter(item.raw, lexicon)
                    to_load.append(item)
                except LetterError as exc:
                    _reject(item, exc, report)
            _load(engine, to_load, pending, unchanged, report)
            report.seen += len(batch)
            if progress:
                progress(len(batch))
    return report


def reprocess(engine: Engine, *, outdated_only: bool = False,
              batch_size: int = DEFAULT_BATCH_SIZE, progress: Progress | None = None) -> RunReport:
    """Re-parse stored letter texts and rewrite the cases whose parsed rows changed.

    With `outdated_only`, only letters parsed by another parser or lexicon version are read.
    """
    report = RunReport(command="reprocess")
    with _run(report, engine):
        lexicon = load_lexicon()
        last_id = 0
        while True:
            query = (select(cases.c.case_id, cases.c.source_name, cases.c.content_sha256,
                            cases.c.letter_text, cases.c.record_sha256)
                     .where(cases.c.case_id > last_id).order_by(cases.c.case_id).limit(batch_size))
            if outdated_only:
                query = query.where((cases.c.parser_version != PARSER_VERSION)
                                    | (cases.c.lexicon_version != lexicon.version))
            with engine.connect() as connection:
                rows = connection.execute(query).all()
            if not rows:
                break
            last_id = rows[-1].case_id
            changed, built = [], []
            for row in rows:
                raw = RawLetter(source_name=row.source_name, source_path=row.source_name,
                                sha256=row.content_sha256, text=row.letter_text)
                item = _Pending(path=row.source_name, content=row.letter_text.encode(), raw=raw)
                built.append(item)
                try:
                    item.record = transform_letter(raw, lexicon)
                except LetterError as exc:
                    _reject(item, exc, report)
                    continue
                if writer.record_fingerprint(item.record) == row.record_sha256:
                    report.unchanged += 1
                else:
                    changed.append(item)
            _load(engine, changed, built, set(), report)
            report.seen += len(rows)
            if progress:
                progress(len(rows))
    return report


def _batches(paths: Iterable[Path], size: int) -> Iterator[list[Path]]:
    iterator = iter(paths)
    while batch := list(islice(iterator, size)):
        yield batch


def _extract(path: Path, max_bytes: int, report: RunReport) -> _Pending:
    try:
        content, raw = read_letter(path, max_bytes=max_bytes)
        return _Pending(path=str(path), content=content, raw=raw)
    except ExtractError as exc:
        item = _Pending(path=str(path), content=exc.content or b"")
        _reject(item, exc, report)
        return item


def _reject(item: _Pending, error: LetterError, report: RunReport) -> None:
    report.rejections.append(Rejection(error.source_name, error.stage, error.reason))
    item.raw = None
    item.record = None
    item.rejection = error


def _load(engine: Engine, to_load: list[_Pending], pending: list[_Pending],
          unchanged: set[str], report: RunReport) -> None:
    """Write one batch in one transaction; if the batch fails, find the letter that did."""
    records = [item.record for item in to_load if item.record]
    now = datetime.now(UTC)
    try:
        with engine.begin() as connection:
            writer.write_letters(records, loaded_at=now, connection=connection)
            _settle_rejections(pending, {r.source_name for r in records} | unchanged,
                               report, now, connection)
        report.loaded += len(records)
        return
    except IntegrityError:
        if len(to_load) == 1:
            raise
    for item in to_load:  # one letter per transaction, to reject only the bad one
        try:
            with engine.begin() as connection:
                assert item.record is not None
                writer.write_letters([item.record], loaded_at=now, connection=connection)
            report.loaded += 1
        except IntegrityError as exc:
            name = item.record.source_name if item.record else item.path
            _reject(item, LoadError(name, f"the database refused the letter: {exc.orig}"), report)
    with engine.begin() as connection:
        _settle_rejections(pending, {i.record.source_name for i in to_load if i.record} | unchanged,
                           report, now, connection)


def _settle_rejections(pending: list[_Pending], accepted: set[str], report: RunReport,
                       now: datetime, connection: Connection) -> None:
    """Store this batch's rejections; forget old rejections of files that now load."""
    assert report.run_id is not None
    for item in pending:
        error = item.rejection
        if error is None:
            continue
        writer.record_rejection(
            source_name=error.source_name, source_path=item.path,
            sha256=hashlib.sha256(item.content).hexdigest(), stage=error.stage,
            reason=error.reason, content=item.content, run_id=report.run_id, seen_at=now,
            connection=connection,
        )
    writer.clear_rejections(accepted, connection=connection)


@contextmanager
def _run(report: RunReport, engine: Engine) -> Iterator[None]:
    """Migrate, open the etl_runs row, and close it with the counts (or as failed).

    A driver failure (server down, bad credentials) becomes one DatabaseError line.
    """
    try:
        upgrade_to_head(engine)
        with engine.begin() as connection:
            report.run_id = writer.start_run(report.command, PARSER_VERSION,
                                             started_at=report.started_at, connection=connection)
        try:
            yield
        except BaseException:
            _finish(report, engine, status="failed")
            raise
        _finish(report, engine, status=report.status)
    except DBAPIError as exc:
        raise DatabaseError(describe_failure(exc, engine.url)) from exc


def _finish(report: RunReport, engine: Engine, *, status: str) -> None:
    report.finished_at = datetime.now(UTC)
    if report.run_id is None:
        return
    try:
        with engine.begin() as connection:
            writer.finish_run(report.run_id, status=status, finished_at=report.finished_at,
                              seen=report.seen, loaded=report.loaded, unchanged=report.unchanged,
                              rejected=report.rejected, connection=connection)
    except DBAPIError:
        if status != "failed":
            raise
