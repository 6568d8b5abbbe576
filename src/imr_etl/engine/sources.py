"""Where letters come from: files under paths (ingest) or the stored `cases` (reprocess).

Each source yields `Letter`s in a stable order, in chunks, and says which need parsing.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Protocol

from sqlalchemy import Engine

from imr_etl.errors import ExtractError, LetterError
from imr_etl.extract.files import (
    DEFAULT_MAX_BYTES,
    iter_letter_paths,
    read_bytes,
    source_name,
    source_path,
)
from imr_etl.load import stored, writer
from imr_etl.records import LetterRecord


@dataclass(slots=True)
class Letter:
    """One input on its way through the engine."""

    source_name: str
    """The file name, without directories."""
    source_path: str
    """The input's identity: its path relative to the ingest root (POSIX separators)."""
    sha256: str
    content: bytes | None = None
    """The raw bytes read from a file (ingest)."""
    text: str | None = None
    """The stored text (reprocess): there are no bytes to keep for a rejection."""
    read_from: str = ""
    """The path the file was read from, as given (for messages)."""
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

    def mark_unchanged(self, letters: list[Letter], engine: Engine) -> None: ...


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
                 shard: tuple[int, int] | None = None) -> None:
        self.paths = list(paths)
        self.max_bytes = max_bytes
        self.shard = shard

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
            yield [self._read(path, key) for path, key in chunk]

    def _read(self, path: str, key: str) -> Letter:
        """Read and hash one file; a file that cannot be read is already a rejection."""
        try:
            content = read_bytes(path, max_bytes=self.max_bytes)
            rejection = None
        except ExtractError as exc:
            content, rejection = exc.content or b"", exc
        return Letter(
            source_name=source_name(path),
            source_path=key,
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
            read_from=source_path(path),
            rejection=rejection,
        )

    def mark_unchanged(self, letters: list[Letter], engine: Engine) -> None:
        """Letters whose bytes are stored under their key need no parsing."""
        readable = [letter for letter in letters if letter.rejection is None]
        with engine.connect() as connection:
            loaded = writer.find_unchanged(
                [(letter.source_path, letter.sha256) for letter in readable],
                connection=connection,
            )
        for letter in readable:
            letter.unchanged = letter.source_path in loaded
            letter.first_copy = loaded.get(letter.source_path, False)


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

    def mark_unchanged(self, letters: list[Letter], engine: Engine) -> None:
        """Every stored letter is re-parsed; the writer tells unchanged rows apart."""
