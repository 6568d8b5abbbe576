"""Write parsed letters to the warehouse: many letters per round trip, each letter whole."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Connection, and_, bindparam, delete, select

from imr_etl.db.schema import (
    cases,
    disputed_items,
    etl_runs,
    guideline_citations,
    rejected_letters,
    reviewers,
)
from imr_etl.load.upsert import upsert_rows
from imr_etl.records import LetterRecord

_CASE_FIELDS = [
    c.name
    for c in cases.columns
    if c.name not in ("case_id", "reviewer_id", "loaded_at", "record_sha256")
]
_ITEM_FIELDS = [c.name for c in disputed_items.columns if c.name not in ("item_id", "case_id")]
_CITATION_FIELDS = [
    c.name for c in guideline_citations.columns if c.name not in ("citation_id", "item_id")
]


def record_fingerprint(record: LetterRecord) -> str:
    """Hash of everything a record writes, so an unchanged re-parse can be skipped.

    The parser and lexicon versions are left out: a new version that parses a letter to the
    same rows changes nothing but the stamp. The dataclasses' repr is deterministic and
    covers every field; it is ten times faster than `dataclasses.asdict` + JSON.
    """
    bare = dataclasses.replace(record, letter_text="", parser_version="", lexicon_version="")
    return hashlib.sha256(repr(bare).encode()).hexdigest()


def restamp_versions(
    case_keys: Sequence[str], *, parser_version: str, lexicon_version: str, connection: Connection
) -> None:
    """Record that these cases were re-parsed to the same rows by the current versions."""
    if case_keys:
        connection.execute(
            cases.update()
            .where(cases.c.case_key.in_(case_keys))
            .values(parser_version=parser_version, lexicon_version=lexicon_version)
        )


def find_unchanged(letters: Sequence[tuple[str, str]], *, connection: Connection) -> set[str]:
    """The source names among (source name, sha256) pairs whose bytes are loaded under their key.

    Same bytes mean the same case number; a letter without one is keyed by its file name,
    so it only counts as unchanged under the same name.
    """
    hashes = {sha256 for _, sha256 in letters}
    if not hashes:
        return set()
    rows = connection.execute(
        select(cases.c.content_sha256, cases.c.case_key, cases.c.case_number).where(
            cases.c.content_sha256.in_(hashes)
        )
    ).all()
    loaded: dict[str, list[tuple[str, str | None]]] = {}
    for sha, key, number in rows:
        loaded.setdefault(sha, []).append((key, number))
    return {
        name
        for name, sha256 in letters
        if any(number is not None or key == name for key, number in loaded.get(sha256, []))
    }


def write_letters(
    records: Sequence[LetterRecord], *, loaded_at: datetime, connection: Connection
) -> None:
    """Upsert the letters with their reviewers, items and citations; prune what they dropped.

    Call inside one transaction: a case is then never visible without its children. Children
    are upserted on their natural keys (case, item number; item, party, position), so ids
    stay put when a letter is replaced, and rows past the new counts are deleted.
    """
    if not records:
        return
    by_key = {record.case_key: record for record in records}  # a later file of a key wins
    records = list(by_key.values())
    reviewer_ids = _write_reviewers(records, connection=connection)
    existing = set(connection.scalars(select(cases.c.case_key).where(cases.c.case_key.in_(by_key))))
    upsert_rows(
        [
            {
                **{name: getattr(record, name) for name in _CASE_FIELDS},
                "reviewer_id": reviewer_ids.get(record.reviewer.reviewer_key)
                if record.reviewer
                else None,
                "record_sha256": record_fingerprint(record),
                "loaded_at": loaded_at,
            }
            for record in records
        ],
        table=cases,
        key=["case_key"],
        connection=connection,
    )
    case_ids = dict(
        connection.execute(
            select(cases.c.case_key, cases.c.case_id).where(cases.c.case_key.in_(by_key))
        ).all()
    )
    upsert_rows(
        [
            {
                "case_id": case_ids[record.case_key],
                **{name: getattr(item, name) for name in _ITEM_FIELDS},
            }
            for record in records
            for item in record.items
        ],
        table=disputed_items,
        key=["case_id", "item_number"],
        connection=connection,
    )
    item_ids = {
        (case_id, number): item_id
        for item_id, case_id, number in connection.execute(
            select(
                disputed_items.c.item_id, disputed_items.c.case_id, disputed_items.c.item_number
            ).where(disputed_items.c.case_id.in_(case_ids.values()))
        )
    }
    upsert_rows(
        [
            {
                "item_id": item_ids[(case_ids[record.case_key], item.item_number)],
                **{name: getattr(citation, name) for name in _CITATION_FIELDS},
            }
            for record in records
            for item in record.items
            for citation in item.citations
        ],
        table=guideline_citations,
        key=["item_id", "cited_by", "position"],
        connection=connection,
    )
    replaced = [record for record in records if record.case_key in existing]
    _prune(replaced, case_ids, item_ids, connection=connection)


def _write_reviewers(records: Iterable[LetterRecord], *, connection: Connection) -> dict[str, int]:
    profiles = {r.reviewer.reviewer_key: r.reviewer for r in records if r.reviewer is not None}
    if not profiles:
        return {}
    upsert_rows(
        [dataclasses.asdict(profile) for profile in profiles.values()],
        table=reviewers,
        key=["reviewer_key"],
        connection=connection,
        update=False,
    )
    return dict(
        connection.execute(
            select(reviewers.c.reviewer_key, reviewers.c.reviewer_id).where(
                reviewers.c.reviewer_key.in_(profiles)
            )
        ).all()
    )


def _prune(
    replaced: Sequence[LetterRecord],
    case_ids: dict[str, int],
    item_ids: dict[tuple[int, int], int],
    *,
    connection: Connection,
) -> None:
    """Delete the items and citations a replaced letter no longer has."""
    if not replaced:
        return
    connection.execute(
        delete(disputed_items).where(
            and_(
                disputed_items.c.case_id == bindparam("case_id"),
                disputed_items.c.item_number > bindparam("count"),
            )
        ),
        [{"case_id": case_ids[r.case_key], "count": len(r.items)} for r in replaced],
    )
    connection.execute(
        delete(guideline_citations).where(
            and_(
                guideline_citations.c.item_id == bindparam("item_id"),
                guideline_citations.c.cited_by == bindparam("party"),
                guideline_citations.c.position > bindparam("count"),
            )
        ),
        [
            {
                "item_id": item_ids[(case_ids[r.case_key], item.item_number)],
                "party": party,
                "count": sum(1 for c in item.citations if c.cited_by == party),
            }
            for r in replaced
            for item in r.items
            for party in ("claims_administrator", "imro")
        ],
    )


def record_rejection(
    *,
    source_name: str,
    source_path: str,
    sha256: str,
    stage: str,
    reason: str,
    content: bytes,
    run_id: int,
    seen_at: datetime,
    connection: Connection,
) -> None:
    """Keep a rejected input (its bytes and the reason) until a later version of it loads."""
    row = {
        "source_name": source_name,
        "source_path": source_path,
        "content_sha256": sha256,
        "stage": stage,
        "reason": reason,
        "raw_content": content,
        "run_id": run_id,
        "last_seen_at": seen_at,
    }
    updated = connection.execute(
        rejected_letters.update().where(rejected_letters.c.source_name == source_name).values(row)
    ).rowcount
    if not updated:
        connection.execute(rejected_letters.insert().values({**row, "first_seen_at": seen_at}))


def clear_rejections(source_names: Iterable[str], *, connection: Connection) -> None:
    """Forget earlier rejections of files that have now loaded or are unchanged."""
    names = list(source_names)
    if names:
        connection.execute(
            delete(rejected_letters).where(rejected_letters.c.source_name.in_(names))
        )


def start_run(
    command: str, parser_version: str, *, started_at: datetime, connection: Connection
) -> int:
    """Open an etl_runs row and return its id."""
    return int(
        connection.execute(
            etl_runs.insert()
            .values(
                command=command,
                started_at=started_at,
                status="running",
                parser_version=parser_version,
                files_seen=0,
                files_loaded=0,
                files_unchanged=0,
                files_rejected=0,
            )
            .returning(etl_runs.c.run_id)
        ).scalar_one()
    )


def finish_run(
    run_id: int,
    *,
    status: str,
    finished_at: datetime,
    seen: int,
    loaded: int,
    unchanged: int,
    rejected: int,
    items_loaded: int = 0,
    items_unmapped: int = 0,
    connection: Connection,
) -> None:
    """Close the run's row with its counts."""
    connection.execute(
        etl_runs.update()
        .where(etl_runs.c.run_id == run_id)
        .values(
            status=status,
            finished_at=finished_at,
            files_seen=seen,
            files_loaded=loaded,
            files_unchanged=unchanged,
            files_rejected=rejected,
            items_loaded=items_loaded,
            items_unmapped=items_unmapped,
        )
    )
