"""Parse letters in processes that can be stopped: one slow letter costs at most its time
limit and one worker, never the run.

Results are taken as they finish, not in submission order, so letters behind a slow one
are written while it is still being parsed.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from types import TracebackType

from pebble import ProcessExpired, ProcessPool

from imr_etl.engine.parsing import Parsed, parse_letter, start_worker
from imr_etl.engine.sources import Letter
from imr_etl.errors import ParseError


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
        self._pending: dict[Future[Parsed], Letter] = {}
        self._done: list[Letter] = []

    @property
    def parallel(self) -> bool:
        return self.workers > 1 or self.timeout is not None

    @property
    def pending(self) -> int:
        return len(self._pending)

    def submit(self, letter: Letter) -> None:
        arguments = (letter.content if letter.text is None else None, letter.text,
                     letter.source_name, letter.source_path, letter.sha256, self.lexicon_dir)
        if not self.parallel:
            _settle(letter, parse_letter(*arguments))
            self._done.append(letter)
            return
        if self._pool is None:
            # "spawn": workers start clean, without the parent's database connections.
            self._pool = ProcessPool(
                max_workers=self.workers,
                context=multiprocessing.get_context("spawn"),
                initializer=start_worker,
                initargs=(self.worker_setup,),
            )
        future = self._pool.schedule(parse_letter, args=arguments, timeout=self.timeout)
        self._pending[future] = letter

    def collect(self, *, block: bool, wait_seconds: float = 0.5) -> list[Letter]:
        """The letters parsed since the last call; with `block`, wait up to `wait_seconds`
        for at least one when none is ready yet."""
        if self._pending:
            done, _ = wait(list(self._pending), timeout=wait_seconds if block else 0,
                           return_when=FIRST_COMPLETED)
            for future in done:
                letter = self._pending.pop(future)
                _settle(letter, self._result(future, letter))
                self._done.append(letter)
        ready, self._done = self._done, []
        return ready

    def _result(self, future: Future[Parsed], letter: Letter) -> Parsed:
        try:
            return future.result()
        except FutureTimeout:
            return ParseError(
                letter.source_name,
                f"parsing took longer than the {self.timeout:g}-second limit for one letter "
                "and was stopped: the file may be damaged or of an unknown layout; check it, "
                "or raise --letter-timeout if it really is a letter that slow",
            )
        except ProcessExpired as exc:
            return ParseError(
                letter.source_name,
                f"the parser process died on this letter (exit code {exc.exitcode}): "
                "check the file",
            )
        except Exception as exc:  # a parser bug must cost one letter, not the run
            return ParseError(
                letter.source_name,
                f"the parser failed on this letter ({type(exc).__name__}: {exc}): "
                "please report it with the file",
            )

    def __enter__(self) -> ParserPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self._pool is None:
            return
        if kind is None and not self._pending:
            self._pool.close()  # type: ignore[no-untyped-call]
        else:  # interrupted or failed: what is still being parsed is not wanted
            for future in self._pending:
                future.cancel()
            self._pool.stop()  # type: ignore[no-untyped-call]
        self._pool.join()
        self._pool = None


def _settle(letter: Letter, parsed: Parsed) -> None:
    if isinstance(parsed, tuple):
        letter.record, letter.notes = parsed
    else:
        letter.rejection = parsed
    letter.text = None  # the record holds the cleaned text now
