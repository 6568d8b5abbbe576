"""The two runs: `ingest` (letter files) and `reprocess` (stored letters), one engine.

Each input ends loaded, unchanged, duplicate (another input of the same case wins) or
rejected (kept with its reason). See imr_etl.engine for how a run proceeds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from sqlalchemy import Engine

from imr_etl.engine.run import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_LETTER_TIMEOUT,
    DEFAULT_WORKERS,
    EngineOptions,
    Progress,
    run,
)
from imr_etl.engine.sources import FileSource, StoredSource
from imr_etl.extract.files import DEFAULT_MAX_BYTES
from imr_etl.records import Duplicate, Rejection, RunReport
from imr_etl.transform import PARSER_VERSION
from imr_etl.transform.treatments import load_lexicon

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_LETTER_TIMEOUT",
    "DEFAULT_WORKERS",
    "Duplicate",
    "Rejection",
    "RunReport",
    "ingest",
    "reprocess",
]


def ingest(
    paths: Iterable[Path],
    engine: Engine,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int = 1,
    letter_timeout: float | None = None,
    shard: tuple[int, int] | None = None,
    lexicon_dir: Path | None = None,
    progress: Progress | None = None,
    worker_setup: Callable[[], None] | None = None,
    reread: bool = False,
) -> RunReport:
    """Load the letter files in `paths` (files or directories, recursively).

    `shard` (K, N) takes only the files whose name hashes to shard K of N, so N machines
    can share one input. `lexicon_dir` replaces the package's lexicon CSVs. A file whose
    size, times and inode are as when a run last read it is not read again, unless `reread`.
    """
    source = FileSource(paths, max_bytes=max_bytes, shard=shard, reread=reread)
    return run(source, engine, EngineOptions(batch_size, workers, letter_timeout, lexicon_dir,
                                             worker_setup), progress)


def reprocess(
    engine: Engine,
    *,
    outdated_only: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int = 1,
    letter_timeout: float | None = None,
    lexicon_dir: Path | None = None,
    progress: Progress | None = None,
    worker_setup: Callable[[], None] | None = None,
) -> RunReport:
    """Re-parse stored letter texts and rewrite the cases whose parsed rows changed.

    With `outdated_only`, only letters parsed by another parser or lexicon version are read.
    """
    return run(reprocess_source(engine, outdated_only=outdated_only, lexicon_dir=lexicon_dir),
               engine, EngineOptions(batch_size, workers, letter_timeout, lexicon_dir,
                                     worker_setup), progress)


def reprocess_source(engine: Engine, *, outdated_only: bool,
                     lexicon_dir: Path | None) -> StoredSource:
    """The stored letters `reprocess` reads (its `count()` sizes a progress bar)."""
    if not outdated_only:
        return StoredSource(engine)
    return StoredSource(engine, parser_version=PARSER_VERSION,
                        lexicon_version=load_lexicon(lexicon_dir).version)
