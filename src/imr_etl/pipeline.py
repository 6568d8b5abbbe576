"""The three stages for a stream of files: extract -> transform -> load, one batch at a time.

Memory stays flat: only one batch of letters is held at once, whatever the corpus size.
One bad letter never stops the run; it is rejected with its reason and its bytes kept.
Parsing (PDF text extraction and the transform) is the costly part, so with `workers` > 1
it runs in a process pool while the main process reads, hashes and writes.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from itertools import islice
from pathlib import Path

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from imr_etl.db.engine import describe_failure
from imr_etl.db.migrate import upgrade_to_head
from imr_etl.db.schema import cases
from imr_etl.errors import DatabaseError, ExtractError, LetterError, LoadError
from imr_etl.extract.files import (
    DEFAULT_MAX_BYTES,
    iter_letter_paths,
    letter_from_bytes,
    read_bytes,
    source_name,
    source_path,
)
from imr_etl.load import writer
from imr_etl.load.lexicon import sync_lexicon
from imr_etl.records import LetterRecord, RawLetter
from imr_etl.transform import PARSER_VERSION, transform_letter
from imr_etl.transform.treatments import Lexicon, load_lexicon

DEFAULT_BATCH_SIZE = 500
DEFAULT_WORKERS = os.cpu_count() or 1
# Below this many letters to parse in a batch, starting processes costs more than it saves.
_MIN_PARALLEL_BATCH = 64


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
    warned: int = 0
    """Of the loaded, letters that fail a cross-check of their format (v_parse_warnings)."""
    rejections: list[Rejection] = field(default_factory=list)
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    finished_at: datetime | None = None

    items_loaded: int = 0
    items_unmapped: int = 0
    """Items loaded without a treatment name: vocabulary the lexicon lacks."""

    @property
    def rejected(self) -> int:
        return len(self.rejections)

    def add_loaded(self, records: Iterable[LetterRecord]) -> None:
        """Count letters written, with their items and the items left unmapped."""
        for record in records:
            self.loaded += 1
            self.items_loaded += len(record.items)
            self.items_unmapped += sum(1 for item in record.items if item.treatment_name is None)

    @property
    def status(self) -> str:
        return "rejections" if self.rejections else "succeeded"


Progress = Callable[[int], None]


@dataclass(slots=True)
class _Letter:
    """One input between the stages of a batch."""

    name: str
    path: str
    content: bytes
    sha256: str
    record: LetterRecord | None = None
    rejection: LetterError | None = None


def ingest(
    paths: Iterable[Path],
    engine: Engine,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int = 1,
    lexicon_dir: Path | None = None,
    progress: Progress | None = None,
) -> RunReport:
    """Load the letter files in `paths` (files or directories): each ends loaded, unchanged
    or rejected. `lexicon_dir` replaces the package's lexicon CSVs."""
    report = RunReport(command="ingest")
    with _run(report, engine, lexicon_dir), _parser_pool(workers) as pool:
        # While the pool parses batch N+1, the main process writes batch N.
        previous: _Batch | None = None
        previous_loaded: set[tuple[str, str]] = set()
        for paths_batch in _batches(iter_letter_paths(paths), batch_size):
            current = _start_batch(paths_batch, engine, pool, max_bytes, lexicon_dir, report)
            if previous is not None:
                previous_loaded = _finish_batch(previous, previous_loaded, engine, report, progress)
            previous = current
        if previous is not None:
            _finish_batch(previous, previous_loaded, engine, report, progress)
    return report


@dataclass(slots=True)
class _Batch:
    """A batch whose letters are read and hashed, and whose parsing has been started."""

    letters: list[_Letter]
    unchanged: set[str]
    to_parse: list[_Letter]
    results: Iterator[LetterRecord | LetterError]


def _start_batch(paths: list[Path], engine: Engine, pool: Executor | None, max_bytes: int,
                 lexicon_dir: Path | None, report: RunReport) -> _Batch:
    letters = [_read(path, max_bytes) for path in paths]
    readable = [letter for letter in letters if letter.rejection is None]
    with engine.connect() as connection:
        unchanged = writer.find_unchanged(
            [(letter.name, letter.sha256) for letter in readable], connection=connection
        )
    report.unchanged += sum(letter.name in unchanged for letter in readable)
    to_parse = [letter for letter in readable if letter.name not in unchanged]
    return _Batch(letters, unchanged, to_parse, _submit_parse(to_parse, pool, lexicon_dir))


def _finish_batch(batch: _Batch, loaded_before: set[tuple[str, str]], engine: Engine,
                  report: RunReport, progress: Progress | None) -> set[tuple[str, str]]:
    """Collect the parse results, write the batch, and return its (case key, sha256) pairs."""
    for letter, result in zip(batch.to_parse, batch.results, strict=True):
        if isinstance(result, LetterError):
            letter.rejection = result
        else:
            letter.record = result
    report.unchanged += _drop_repeats(batch.letters, loaded_before)
    _load(engine, batch.letters, batch.unchanged, report)
    report.seen += len(batch.letters)
    if progress:
        progress(len(batch.letters))
    return {(letter.record.case_key, letter.sha256) for letter in batch.letters if letter.record}


def reprocess(
    engine: Engine,
    *,
    outdated_only: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    lexicon_dir: Path | None = None,
    progress: Progress | None = None,
) -> RunReport:
    """Re-parse stored letter texts and rewrite the cases whose parsed rows changed.

    With `outdated_only`, only letters parsed by another parser or lexicon version are read.
    """
    report = RunReport(command="reprocess")
    with _run(report, engine, lexicon_dir):
        lexicon = _lexicon(lexicon_dir)
        last_id = 0
        while True:
            query = (
                select(
                    cases.c.case_id,
                    cases.c.source_name,
                    cases.c.content_sha256,
                    cases.c.letter_text,
                    cases.c.record_sha256,
                    cases.c.parser_version,
                    cases.c.lexicon_version,
                )
                .where(cases.c.case_id > last_id)
                .order_by(cases.c.case_id)
                .limit(batch_size)
            )
            if outdated_only:
                query = query.where(
                    (cases.c.parser_version != PARSER_VERSION)
                    | (cases.c.lexicon_version != lexicon.version)
                )
            with engine.connect() as connection:
                rows = connection.execute(query).all()
            if not rows:
                break
            last_id = rows[-1].case_id
            letters, restamp = [], []
            for row in rows:
                letter = _Letter(
                    name=row.source_name,
                    path=row.source_name,
                    content=row.letter_text.encode(),
                    sha256=row.content_sha256,
                )
                raw = RawLetter(
                    source_name=row.source_name,
                    source_path=row.source_name,
                    sha256=row.content_sha256,
                    text=row.letter_text,
                )
                try:
                    letter.record = transform_letter(raw, lexicon)
                except LetterError as exc:
                    letter.rejection = exc
                record = letter.record
                if record and writer.record_fingerprint(record) == row.record_sha256:
                    letter.record = None
                    report.unchanged += 1
                    if (row.parser_version, row.lexicon_version) != (
                        PARSER_VERSION,
                        lexicon.version,
                    ):
                        restamp.append(record.case_key)
                letters.append(letter)
            with engine.begin() as connection:
                writer.restamp_versions(
                    restamp,
                    parser_version=PARSER_VERSION,
                    lexicon_version=lexicon.version,
                    connection=connection,
                )
            _load(engine, letters, set(), report)
            report.seen += len(rows)
            if progress:
                progress(len(rows))
    return report


def _batches(paths: Iterable[Path], size: int) -> Iterator[list[Path]]:
    iterator = iter(paths)
    while batch := list(islice(iterator, size)):
        yield batch


def _read(path: Path, max_bytes: int) -> _Letter:
    """Read and hash one file; a file that cannot be read is already a rejection."""
    try:
        content = read_bytes(path, max_bytes=max_bytes)
        rejection = None
    except ExtractError as exc:
        content, rejection = exc.content or b"", exc
    return _Letter(
        name=source_name(path),
        path=source_path(path),
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        rejection=rejection,
    )


def _drop_repeats(letters: list[_Letter], loaded_before: set[tuple[str, str]]) -> int:
    """The same bytes of the same case load once; return how many repeats were dropped.

    `loaded_before` holds the previous batch's letters, which were not yet written when
    this batch was checked against the database; older batches `find_unchanged` catches.
    """
    seen = set(loaded_before)
    repeats = 0
    for letter in letters:
        if letter.record is None:
            continue
        key = (letter.record.case_key, letter.sha256)
        if key in seen:
            letter.record = None
            repeats += 1
        seen.add(key)
    return repeats


def _parse(
    content: bytes, name: str, path: str, lexicon_dir: Path | None
) -> LetterRecord | LetterError:
    """Extract and transform one letter (runs in a worker process when there is a pool)."""
    try:
        raw = letter_from_bytes(content, name=name, path=path)
        return transform_letter(raw, _lexicon(lexicon_dir))
    except LetterError as exc:
        return exc


@cache
def _lexicon(directory: Path | None) -> Lexicon:
    """The lexicon, read once per process."""
    return load_lexicon(directory)


def _submit_parse(letters: list[_Letter], pool: Executor | None,
                  lexicon_dir: Path | None) -> Iterator[LetterRecord | LetterError]:
    """Start parsing: in the pool (results arrive in order) or, without one, lazily here."""
    arguments = (
        [letter.content for letter in letters],
        [letter.name for letter in letters],
        [letter.path for letter in letters],
        [lexicon_dir] * len(letters),
    )
    if pool is not None and len(letters) >= _MIN_PARALLEL_BATCH:
        return pool.map(_parse, *arguments, chunksize=16)
    return map(_parse, *arguments)


@contextmanager
def _parser_pool(workers: int) -> Iterator[Executor | None]:
    if workers <= 1:
        yield None
        return
    # "spawn": workers start clean, without the parent's database connections.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield pool


def _load(engine: Engine, letters: list[_Letter], unchanged: set[str], report: RunReport) -> None:
    """Write one batch in one transaction; if the batch fails, find the letter that did."""
    parsed = [letter for letter in letters if letter.record is not None]
    now = datetime.now(UTC)
    try:
        with engine.begin() as connection:
            writer.write_letters(
                [letter.record for letter in parsed if letter.record],
                loaded_at=now,
                connection=connection,
            )
            _settle_rejections(letters, unchanged, report, now, connection)
        report.add_loaded(letter.record for letter in parsed if letter.record)
        report.warned += sum(bool(letter.record and letter.record.parse_warnings)
                             for letter in parsed)
        return
    except IntegrityError:
        if len(parsed) <= 1:
            raise
    for letter in parsed:  # one letter per transaction, to reject only the bad one
        try:
            with engine.begin() as connection:
                writer.write_letters(
                    [letter.record] if letter.record else [], loaded_at=now, connection=connection
                )
            report.add_loaded([letter.record] if letter.record else [])
            report.warned += bool(letter.record and letter.record.parse_warnings)
        except IntegrityError as exc:
            letter.record = None
            letter.rejection = LoadError(
                letter.name, f"the database refused the letter: {exc.orig}"
            )
    with engine.begin() as connection:
        _settle_rejections(letters, unchanged, report, now, connection)


def _settle_rejections(
    letters: list[_Letter],
    unchanged: set[str],
    report: RunReport,
    now: datetime,
    connection: Connection,
) -> None:
    """Store this batch's rejections; forget old rejections of files that now load."""
    assert report.run_id is not None
    for letter in letters:
        error = letter.rejection
        if error is None:
            continue
        report.rejections.append(Rejection(letter.name, error.stage, error.reason))
        writer.record_rejection(
            source_name=letter.name,
            source_path=letter.path,
            sha256=letter.sha256,
            stage=error.stage,
            reason=error.reason,
            content=letter.content,
            run_id=report.run_id,
            seen_at=now,
            connection=connection,
        )
    accepted = unchanged | {letter.name for letter in letters if letter.record is not None}
    writer.clear_rejections(accepted, connection=connection)


@contextmanager
def _run(report: RunReport, engine: Engine, lexicon_dir: Path | None) -> Iterator[None]:
    """Migrate, sync the lexicon tables, open the etl_runs row, and close it with the counts
    (or as failed). A driver failure (server down, bad credentials) becomes one DatabaseError.
    """
    try:
        upgrade_to_head(engine)
        with engine.begin() as connection:
            sync_lexicon(_lexicon(lexicon_dir), loaded_at=report.started_at, connection=connection)
            report.run_id = writer.start_run(
                report.command, PARSER_VERSION, started_at=report.started_at, connection=connection
            )
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
            writer.finish_run(
                report.run_id,
                status=status,
                finished_at=report.finished_at,
                seen=report.seen,
                loaded=report.loaded,
                unchanged=report.unchanged,
                rejected=report.rejected,
                items_loaded=report.items_loaded,
                items_unmapped=report.items_unmapped,
                connection=connection,
            )
    except DBAPIError:
        if status != "failed":
            raise
