"""Where letters come from: files under paths (ingest) or the stored `cases` (reprocess).

Each source yields `Letter`s in a stable order, in chunks, and prepares each chunk: reads
what must be read and says which letters need parsing.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Protocol

from sqlalchemy import Engine

from imr_etl.errors import ExtractError, LetterError
from imr_etl.extract.files import (
    DEFAULT_MAX_BYTES,
    file_signature,
    iter_letter_paths,
    read_file,
    source_name,
    source_path,
)
from imr_etl.load import stored, writer
from imr_etl.load.input_files import KnownFile, known_files, remember_files
from imr_etl.records import LetterRecord

# How long ago a file must have last changed for its signature to be remembered.
RECENT_CHANGE_NS = 1_000_000_000


@dataclass(slots=True)
class Letter:
    """One input on its way through the engine."""

    source_name: str
    """The file name, without directories."""
    source_path: str
    """The input's identity: its path relative to the ingest root (POSIX separators)."""
    sha256: str = ""
    """The hash of its bytes: known once the source has prepared the letter."""
    content: bytes | None = None
    """The raw bytes read from a file (ingest); None for a file not read again because it
    is as it was when last read."""
    text: str | None = None
    """The stored text (reprocess): there are no bytes to keep for a rejection."""
    read_from: str = ""
    """The path the file was read from, as given (for messages)."""
    file: str = ""
    """The path to read, as the file system names it (ingest)."""
    record: LetterRecord | None = None
    rejection: LetterError | None = None
    notes: tuple[str, ...] = ()
    """Values changed to make the record storable (see load.validate)."""
    unchanged: bool = False
    """Already stored, or the same bytes as an earlier input of this run: not parsed."""
    first_copy: bool = False
    """Unchanged, and the stored case may name a later copy of these bytes: this input's
    path is to replace it (writer.keep_first_copy checks)."""


class Source(Protocol):
    command: str

    def count(self) -> int: ...

    def chunks(self, size: int) -> Iterator[list[Letter]]: ...

    def prepare(self, letters: list[Letter], engine: Engine) -> None: ...


def parse_shard(text: str) -> tuple[int, int]:
    """`K/N` (1 <= K <= N) as a pair; ValueError when it is not one.

    >>> parse_shard("2/4")
    (2, 4)
    """
    part, _, total = text.partition("/")
    k, n = int(part), int(total)
    if not 1 <= k <= n:
        raise ValueError(f"shard {text!r}: K must be between 1 and N")
    return k, n


def shard_of(name: str, shards: int) -> int:
    """The 1-based shard of a file name: a stable hash, the same on every machine and run.

    >>> shard_of("CM17-0007857.pdf", 4)
    1
    """
    digest = hashlib.sha256(os.fsencode(name)).digest()
    return int.from_bytes(digest[:8], "big") % shards + 1


class FileSource:
    """Letter files under the paths given, each keyed by its path relative to its root:
    the directory given, or for a file given by name, its folder."""

    command = "ingest"

    def __init__(self, paths: Iterable[Path], *, max_bytes: int = DEFAULT_MAX_BYTES,
                 shard: tuple[int, int] | None = None, reread: bool = False) -> None:
        self.paths = list(paths)
        self.max_bytes = max_bytes
        self.shard = shard
        self.reread = reread
        """Read every file, even one whose signature is as when it was last read."""

    def _inputs(self, *, warn: bool = True) -> Iterator[tuple[str, str]]:
        for path, relative in iter_letter_paths(self.paths, warn=warn):
            if self.shard and shard_of(os.path.basename(path), self.shard[1]) != self.shard[0]:
                continue
            yield path, source_path(relative)

    def count(self) -> int:
        return sum(1 for _ in self._inputs(warn=False))  # the walk that reads warns

    def chunks(self, size: int) -> Iterator[list[Letter]]:
        inputs = self._inputs()
        while chunk := list(islice(inputs, size)):
            yield [Letter(source_name=source_name(path), source_path=key,
                          read_from=source_path(path), file=path) for path, key in chunk]

    def prepare(self, letters: list[Letter], engine: Engine) -> None:
        """Read and hash each file, except one whose signature (size, times, inode) is as
        stored when it was last read: its hash is the stored one. Then mark the letters whose
        bytes are stored under their key: they need no parsing."""
        with engine.connect() as connection:
            known = {} if self.reread else known_files(
                [letter.source_path for letter in letters], connection=connection)
        read: dict[str, KnownFile] = {}
        for letter in letters:
            if not self._recall(letter, known.get(letter.source_path)):
                self._read(letter, read)
        readable = [letter for letter in letters if letter.rejection is None]
        with engine.connect() as connection:
            loaded = writer.find_unchanged(
                [(letter.source_path, letter.sha256) for letter in readable],
                connection=connection,
            )
        for letter in readable:
            letter.unchanged = letter.source_path in loaded
            letter.first_copy = loaded.get(letter.source_path, False)
            if letter.content is None and not letter.unchanged:
                self._read(letter, read)  # known, but its case is gone: it is to be parsed
        if read:
            remember_files(read, read_at=datetime.now(UTC), engine=engine)

    @staticmethod
    def _recall(letter: Letter, known: KnownFile | None) -> bool:
        """Take the stored hash of a file whose signature is as stored."""
        if known is None:
            return False
        try:
            status = os.stat(letter.file)
        except OSError:
            return False  # reading it says why
        if not stat.S_ISREG(status.st_mode) or file_signature(status) != known.signature:
            return False
        letter.sha256 = known.sha256
        return True

    def _read(self, letter: Letter, read: dict[str, KnownFile]) -> None:
        """Read and hash one file; a file that cannot be read is already a rejection. The
        file's signature goes into `read` unless it changed too recently to be trusted."""
        try:
            content, status = read_file(letter.file, max_bytes=self.max_bytes)
        except ExtractError as exc:
            letter.content, letter.rejection = exc.content or b"", exc
            letter.sha256 = hashlib.sha256(letter.content).hexdigest()
            return
        letter.content = content
        letter.sha256 = hashlib.sha256(content).hexdigest()
        # A file changed within the last second may change again with the same times (their
        # clock ticks coarsely, or another machine's clock sets them): read it again next run.
        if time.time_ns() - status.st_ctime_ns > RECENT_CHANGE_NS:
            read[letter.source_path] = KnownFile(file_signature(status), letter.sha256)


class StoredSource:
    """The letter texts stored in `cases`: all, or those parsed by other versions."""

    command = "reprocess"

    def __init__(self, engine: Engine, *, parser_version: str | None = None,
                 lexicon_version: str | None = None) -> None:
        self.engine = engine
        self.versions = {"parser_version": parser_version, "lexicon_version": lexicon_version}

    def count(self) -> int:
        return stored.count_stored(self.engine, **self.versions)

    def chunks(self, size: int) -> Iterator[list[Letter]]:
        for rows in stored.iter_stored(self.engine, batch_size=size, **self.versions):
            yield [
                Letter(
                    source_name=row.source_name,
                    source_path=row.source_path or row.source_name,
                    sha256=row.content_sha256,
                    text=row.letter_text,
                    read_from=row.source_path or row.source_name,
                )
                for row in rows
            ]

    def prepare(self, letters: list[Letter], engine: Engine) -> None:
        """Every stored letter is re-parsed; the writer tells unchanged rows apart."""
