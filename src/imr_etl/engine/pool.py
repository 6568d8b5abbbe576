"""Parse letters in processes that can be stopped: one slow letter costs at most its time
limit and one worker, never the run.

Results are taken as they finish, not in submission order, so letters behind a slow one
are written while it is still being parsed.

Letters travel to the workers in small chunks: one task per letter cost the main process
more (futures, pipes, pebble's bookkeeping) than writing the letter. A chunk that runs out
of time or loses its worker is tried again one letter per task, so the limit and the
rejection stay the letter's own: a letter over the limit costs at most twice the limit.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from pebble import ProcessExpired, ProcessPool

from imr_etl.engine.sources import Letter
from imr_etl.errors import ParseError

if TYPE_CHECKING:
    from imr_etl.engine.parsing import Parsed

# Letters per task: enough to make the per-task cost small, few enough that progress and
# the write of a batch do not wait long for a chunk.
CHUNK_LETTERS = 16


class ParserPool:
    """Parse letters in `workers` processes, each letter within `timeout` seconds.

    With one worker and no time limit, letters are parsed here, in this process.
    `worker_setup` runs once in each worker process before it parses anything.
    """

    def __init__(self, *, workers: int, timeout: float | None, lexicon_dir: Path | None,
                 worker_setup: Callable[[], None] | None = None) -> None:
        self.workers = max(1, workers)
        self.timeout = timeout
        self.lexicon_dir = lexicon_dir
        self.worker_setup = worker_setup
        self._pool: ProcessPool | None = None
        self._pending: dict[Future[list[Parsed]], list[Letter]] = {}
        self._pending_letters = 0
        self._open: list[Letter] = []
        """Submitted letters not yet sent: the next chunk."""
        self._done: list[Letter] = []

    @property
    def parallel(self) -> bool:
        return self.workers > 1 or self.timeout is not None

    @property
    def pending(self) -> int:
        """Letters submitted and not yet collected."""
        return self._pending_letters + len(self._open)

    def submit(self, letter: Letter) -> None:
        if not self.parallel:
            from imr_etl.engine.parsing import parse_letter  # here: see _send

            _settle(letter, parse_letter(*_arguments(letter), self.lexicon_dir))
            self._done.append(letter)
            return
        self._open.append(letter)
        if len(self._open) >= CHUNK_LETTERS:
            self._send_open_chunk()

    def _send_open_chunk(self) -> None:
        if self._open:
            self._send(self._open)
            self._open = []

    def _send(self, letters: list[Letter]) -> None:
        # The parser is imported when the first letter needs it, so a run whose letters are
        # all unchanged never pays for its imports (a tenth of such a run's time).
        from imr_etl.engine.parsing import parse_letters, start_worker

        if self._pool is None:
            # "spawn": workers start clean, without the parent's database connections.
            self._pool = ProcessPool(
                max_workers=self.workers,
                context=multiprocessing.get_context("spawn"),
                initializer=start_worker,
                initargs=(self.worker_setup,),
            )
        future = self._pool.schedule(
            parse_letters, args=([_arguments(letter) for letter in letters], self.lexicon_dir),
            timeout=self.timeout)
        self._pending[future] = letters
        self._pending_letters += len(letters)

    def collect(self, *, block: bool, wait_seconds: float = 0.5) -> list[Letter]:
        """The letters parsed since the last call (the open chunk is sent first); with
        `block`, wait up to `wait_seconds` for at least one when none is ready yet."""
        self._send_open_chunk()
        if self._pending:
            done, _ = wait(list(self._pending), timeout=wait_seconds if block else 0,
                           return_when=FIRST_COMPLETED)
            for future in done:
                letters = self._pending.pop(future)
                self._pending_letters -= len(letters)
                self._settle_chunk(future, letters)
        ready, self._done = self._done, []
        return ready

    def _settle_chunk(self, future: Future[list[Parsed]], letters: list[Letter]) -> None:
        try:
            results = future.result()
        except Exception as exc:
            if len(letters) > 1:  # which letter was it? Each alone finds out.
                for letter in letters:
                    self._send([letter])
                return
            results = [self._failure(exc, letters[0])]
        for letter, parsed in zip(letters, results, strict=True):
            _settle(letter, parsed)
            self._done.append(letter)

    def _failure(self, exc: Exception, letter: Letter) -> Parsed:
        if isinstance(exc, FutureTimeout):
            return ParseError(
                letter.source_name,
                f"parsing took longer than the {self.timeout:g}-second limit for one letter "
                "and was stopped: the file may be damaged or of an unknown layout; check it, "
                "or raise --letter-timeout if it really is a letter that slow",
            )
        if isinstance(exc, ProcessExpired):
            return ParseError(
                letter.source_name,
                f"the parser process died on this letter (exit code {exc.exitcode}): "
                "check the file",
            )
        from imr_etl.engine.parsing import parser_failure  # here: see _send

        return parser_failure(letter.source_name, exc)  # e.g. a result that cannot travel

    def __enter__(self) -> ParserPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self._pool is None:
            return
        if kind is None and not self.pending:
            self._pool.close()  # type: ignore[no-untyped-call]
        else:  # interrupted or failed: what is still being parsed is not wanted
            for future in self._pending:
                future.cancel()
            self._pool.stop()  # type: ignore[no-untyped-call]
        self._pool.join()
        self._pool = None


def _arguments(letter: Letter) -> tuple[bytes | None, str | None, str, str, str]:
    return (letter.content if letter.text is None else None, letter.text,
            letter.source_name, letter.source_path, letter.sha256)


def _settle(letter: Letter, parsed: Parsed) -> None:
    if isinstance(parsed, tuple):
        letter.record, letter.notes = parsed
    else:
        letter.rejection = parsed
    letter.text = None  # the record holds the cleaned text now
