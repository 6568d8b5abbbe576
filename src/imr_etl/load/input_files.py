"""What the warehouse remembers of each input file: its signature and the hash of its bytes
when last read (the `input_files` table), so an unchanged file need not be read again."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import OperationalError

from imr_etl.db.schema import input_files
from imr_etl.load.upsert import one_of, upsert_rows

log = logging.getLogger("imr_etl.load")


class KnownFile(NamedTuple):
    signature: str
    sha256: str


def known_files(source_paths: Iterable[str], *, connection: Connection) -> dict[str, KnownFile]:
    """The stored signature and hash of each of these inputs that has been read before."""
    paths = sorted(set(source_paths))
    if not paths:
        return {}
    rows = connection.execute(
        select(input_files.c.source_path, input_files.c.file_signature,
               input_files.c.content_sha256)
        .where(one_of(input_files.c.source_path, paths, connection))
    ).all()
    return {path: KnownFile(signature, sha256) for path, signature, sha256 in rows}


def remember_files(files: dict[str, KnownFile], *, read_at: datetime, engine: Engine) -> None:
    """Store each input's signature and hash as just read (by source path), in path order so
    concurrent runs lock the rows alike. A lock conflict that remains is left alone: the
    table only saves reading, and the next run reads these files again."""
    rows = [{"source_path": path, "file_signature": known.signature,
             "content_sha256": known.sha256, "read_at": read_at}
            for path, known in sorted(files.items())]
    try:
        with engine.begin() as connection:
            upsert_rows(rows, table=input_files, key=["source_path"], connection=connection)
    except OperationalError as exc:
        log.info("file signatures not stored (%s): the next run reads these files again",
                 str(exc.orig).strip().splitlines()[0] if exc.orig else exc)
