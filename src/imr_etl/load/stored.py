"""Read the letters stored in `cases` back, for `reprocess`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import ColumnElement, Engine, func, select, true

from imr_etl.db.schema import cases


def _outdated(parser_version: str | None, lexicon_version: str | None) -> ColumnElement[bool]:
    if parser_version is None or lexicon_version is None:
        return true()
    return (cases.c.parser_version != parser_version) | (
        cases.c.lexicon_version != lexicon_version
    )


def count_stored(engine: Engine, *, parser_version: str | None = None,
                 lexicon_version: str | None = None) -> int:
    """How many stored letters `iter_stored` will yield (all, or only the outdated ones)."""
    with engine.connect() as connection:
        return int(
            connection.scalar(
                select(func.count())
                .select_from(cases)
                .where(_outdated(parser_version, lexicon_version))
            )
            or 0
        )


def iter_stored(engine: Engine, *, batch_size: int, parser_version: str | None = None,
                lexicon_version: str | None = None) -> Iterator[list[Any]]:
    """Stored letters in case_id order, a batch at a time (keyset paging: memory stays flat).

    With both versions given, only letters parsed by another parser or lexicon version.
    """
    last_id = 0
    while True:
        query = (
            select(
                cases.c.case_id,
                cases.c.source_name,
                cases.c.source_path,
                cases.c.content_sha256,
                cases.c.letter_text,
            )
            .where(cases.c.case_id > last_id)
            .where(_outdated(parser_version, lexicon_version))
            .order_by(cases.c.case_id)
            .limit(batch_size)
        )
        with engine.connect() as connection:
            rows = list(connection.execute(query).all())
        if not rows:
            return
        last_id = rows[-1].case_id
        yield rows
