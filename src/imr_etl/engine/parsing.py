"""What a parser process runs: bytes or stored text -> a storable LetterRecord, or the reason
it is rejected. Imports no database code, so worker processes start quickly."""

from __future__ import annotations

import dataclasses
import os
import signal
import threading
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

from imr_etl.errors import LetterError, ParseError
from imr_etl.extract.files import letter_from_bytes
from imr_etl.load.validate import validate_record
from imr_etl.records import LetterRecord, RawLetter
from imr_etl.transform.letter import transform_letter
from imr_etl.transform.treatments import Lexicon, load_lexicon

Parsed = tuple[LetterRecord, tuple[str, ...]] | LetterError

# How often a worker checks that the process that started it is still there.
_PARENT_CHECK_SECONDS = 0.5


def parse_letter(
    content: bytes | None,
    text: str | None,
    name: str,
    source_path: str,
    sha256: str,
    lexicon_dir: Path | None,
) -> Parsed:
    """Extract (from `content`) or take `text`, transform, and make the record storable."""
    try:
        if text is None:
            # The reader hashed the bytes already, to find unchanged letters.
            raw = letter_from_bytes(content or b"", name=name, path=source_path, sha256=sha256)
        else:
            raw = RawLetter(source_name=name, source_path=source_path, sha256=sha256, text=text)
        record = transform_letter(raw, lexicon(lexicon_dir))
    except LetterError as exc:
        return exc
    # A letter without a case number is keyed by its path, so a/letter.txt and b/letter.txt
    # stay two cases.
    record = dataclasses.replace(
        record,
        source_path=source_path,
        case_key=record.case_number or source_path,
    )
    record, notes = validate_record(record)
    if notes:
        # Kept with the letter, so v_parse_warnings shows what was changed to store it.
        record = dataclasses.replace(record, parse_warnings="; ".join(
            [*([record.parse_warnings] if record.parse_warnings else []), *notes]))
    record.fingerprint()  # here, in a parser process: the writer's process has less to do
    return record, notes


def parse_letters(
    letters: list[tuple[bytes | None, str | None, str, str, str]], lexicon_dir: Path | None
) -> list[Parsed]:
    """`parse_letter` for each of a chunk's letters (content, text, name, path, sha256)."""
    results: list[Parsed] = []
    for arguments in letters:
        try:
            results.append(parse_letter(*arguments, lexicon_dir))
        except Exception as exc:  # a parser bug must cost one letter, not its chunk
            results.append(parser_failure(arguments[2], exc))
    return results


def parser_failure(name: str, exc: BaseException) -> ParseError:
    return ParseError(name, f"the parser failed on this letter ({type(exc).__name__}: {exc}): "
                            "please report it with the file")


@cache
def lexicon(directory: Path | None) -> Lexicon:
    """The lexicon, read once per process."""
    return load_lexicon(directory)


def start_worker(setup: Callable[[], None] | None) -> None:
    """Initializer of every parser process.

    The worker leaves when its parent dies (even by kill -9, which no handler sees): pool
    workers share their task pipe, so none of them reads an end of file on its own. Signals
    meant for the run (a terminal's Ctrl-C or hang-up) are the parent's to handle.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    parent = os.getppid()
    threading.Thread(target=_leave_with_parent, args=(parent,), daemon=True,
                     name="parent-watch").start()
    if setup is not None:
        setup()


def _leave_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_PARENT_CHECK_SECONDS)
    os._exit(1)
