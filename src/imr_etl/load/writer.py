"""Write parsed letters to the warehouse: many letters per round trip, each letter whole.

The writer decides what a batch changes and says so: which letters it wrote, which it
skipped as unchanged, which lost their case to another input (duplicates) and, for
`reprocess`, which changed under it. Every overwrite of a case is a compare-and-set in
the INSERT's ON CONFLICT .. WHERE, so concurrent runs never replace a newer version with
an older one and never both count the same write.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import (
    Connection,
    Integer,
    Row,
    Text,
    and_,
    bindparam,
    delete,
    func,
    literal,
    literal_column,
    or_,
    select,
    tuple_,
)
from sqlalchemy.dialects.postgresql import ARRAY

from imr_etl.db.schema import (
    cases,
    disputed_items,
    guideline_citations,
    rejected_letters,
    reviewers,
)
from imr_etl.load.upsert import UpdateCondition, one_of, upsert_rows
from imr_etl.records import LetterRecord

Mode = Literal["ingest", "reprocess"]

_CASE_FIELDS = [
    c.name
    for c in cases.columns
    if c.name not in ("case_id", "reviewer_id", "loaded_at", "record_sha256", "run_id")
]
_ITEM_FIELDS = [c.name for c in disputed_items.columns if c.name not in ("item_id", "case_id")]
_CITATION_FIELDS = [
    c.name for c in guideline_citations.columns if c.name not in ("citation_id", "item_id")
]


def rank(record: LetterRecord) -> tuple[date, str, str]:
    """Which of two letters of one case wins: the later decision date, then the later file
    name, then the later path. Deterministic, whatever order the files are read in."""
    return (record.decision_date or date.min, record.source_name, record.source_path or "")


@dataclass(frozen=True, slots=True)
class Lost:
    """A letter not written because another input holds its case."""

    record: LetterRecord
    reason: str


@dataclass(frozen=True, slots=True)
class Displaced:
    """An earlier write of this run that a better letter of the same case has replaced."""

    source_name: str
    source_path: str
    case_key: str
    reason: str


@dataclass(slots=True)
class BatchResult:
    """What `write_letters` did with each record of the batch."""

    written: list[LetterRecord] = field(default_factory=list)
    unchanged: list[LetterRecord] = field(default_factory=list)
    """Ingest: the same bytes are stored. Reprocess: the re-parse gives the same rows."""
    duplicates: list[Lost] = field(default_factory=list)
    superseded: list[LetterRecord] = field(default_factory=list)
    """Reprocess: the case was replaced by another run after it was read; left alone."""
    displaced: list[Displaced] = field(default_factory=list)


def write_letters(
    records: Sequence[LetterRecord],
    *,
    mode: Mode,
    run_id: int,
    loaded_at: datetime,
    connection: Connection,
) -> BatchResult:
    """Upsert the letters with their reviewers, items and citations; prune what they dropped.

    Call inside one transaction: a case is then never visible without its children. Children
    are upserted on their natural keys (case, item number; item, party, position), so ids
    stay put when a letter is replaced, and rows past the new counts are deleted.
    """
    result = BatchResult()
    if not records:
        return result
    stored = _stored(records, connection)
    if mode == "ingest":
        candidates = _ingest_candidates(records, stored, result)
        condition = _newer_letter
    else:
        candidates = _reprocess_candidates(records, stored, result, connection)
        condition = _same_bytes
    if candidates:
        _write(candidates, condition, mode, run_id, loaded_at, stored, result, connection)
    return result


def _ingest_candidates(
    records: Sequence[LetterRecord], stored: dict[str, Row[Any]], result: BatchResult
) -> list[LetterRecord]:
    by_key: dict[str, list[LetterRecord]] = {}
    for record in sorted(records, key=lambda r: r.source_path or ""):
        row = stored.get(record.case_key)
        group = by_key.setdefault(record.case_key, [])
        # The same bytes of the same case again (a copy, or loaded meanwhile): unchanged.
        if (row is not None and row.content_sha256 == record.content_sha256) or any(
            other.content_sha256 == record.content_sha256 for other in group
        ):
            result.unchanged.append(record)
        else:
            group.append(record)
    candidates = []
    for key, group in by_key.items():
        if not group:
            continue
        group.sort(key=rank, reverse=True)
        winner = group[0]
        for loser in group[1:]:
            result.duplicates.append(Lost(loser, _why(winner, loser)))
        row = stored.get(key)
        if (row is not None and row.source_path not in (None, winner.source_path)
                and _rank_of(row) > rank(winner)):
            result.duplicates.append(Lost(winner, _why_stored(row, winner)))
        else:
            candidates.append(winner)
    return candidates


def _reprocess_candidates(
    records: Sequence[LetterRecord], stored: dict[str, Row[Any]], result: BatchResult,
    connection: Connection,
) -> list[LetterRecord]:
    candidates = []
    restamp = []
    for record in records:
        row = stored.get(record.case_key)
        if row is None or row.content_sha256 != record.content_sha256:
            result.superseded.append(record)
        elif row.record_sha256 == record.fingerprint():
            result.unchanged.append(record)
            if (row.parser_version, row.lexicon_version) != (
                record.parser_version, record.lexicon_version
            ):
                restamp.append(record)
        else:
            candidates.append(record)
    _restamp_versions(restamp, connection=connection)
    return candidates


def _newer_letter(target: Any, excluded: Any) -> Any:
    """Ingest's condition: other bytes, and either a new version of the same input or a
    letter that ranks above the stored one (see `rank`)."""
    return and_(
        target.content_sha256 != excluded.content_sha256,
        or_(
            target.source_path.is_(None),
            target.source_path == excluded.source_path,
            tuple_(_date_or_min(excluded.decision_date), excluded.source_name,
                   excluded.source_path)
            > tuple_(_date_or_min(target.decision_date), target.source_name, target.source_path),
        ),
    )


def _date_or_min(column: Any) -> Any:
    return func.coalesce(column, literal(date.min, cases.c.decision_date.type))


def _same_bytes(target: Any, excluded: Any) -> Any:
    """Reprocess's condition: the case still holds the bytes that were re-parsed."""
    return target.content_sha256 == excluded.content_sha256


def _write(
    candidates: list[LetterRecord],
    condition: UpdateCondition,
    mode: Mode,
    run_id: int,
    loaded_at: datetime,
    before: dict[str, Row[Any]],
    result: BatchResult,
    connection: Connection,
) -> None:
    # Rows in key order, so concurrent transactions lock them in the same order (no deadlock).
    candidates.sort(key=lambda r: r.case_key)
    reviewer_ids = _write_reviewers(candidates, connection=connection)
    postgres = connection.dialect.name == "postgresql"
    returning: list[Any] = [cases.c.case_key, cases.c.case_id]
    if postgres:
        # xmax is 0 on a freshly inserted row: tells a new case from a replaced one.
        returning.append(literal_column("(xmax = 0)").label("inserted"))
    rows = upsert_rows(
        [
            {
                **{name: getattr(record, name) for name in _CASE_FIELDS},
                "reviewer_id": reviewer_ids.get(record.reviewer.reviewer_key)
                if record.reviewer
                else None,
                "record_sha256": record.fingerprint(),
                "loaded_at": loaded_at,
                "run_id": run_id,
            }
            for record in candidates
        ],
        table=cases,
        key=["case_key"],
        connection=connection,
        where=condition,
        returning=returning,
    )
    case_ids = {row.case_key: row.case_id for row in rows}
    # SQLite cannot tell an insert from an update here: prune every written case (cheap).
    replaced = {row.case_key for row in rows if not postgres or not row.inserted}
    written = [record for record in candidates if record.case_key in case_ids]
    _classify_refused([r for r in candidates if r.case_key not in case_ids], mode, result,
                      connection)
    for record in written:
        old = before.get(record.case_key)
        if (old is not None and old.run_id == run_id
                and old.source_path != record.source_path):
            result.displaced.append(Displaced(
                old.source_name, old.source_path, record.case_key,
                f"case {record.case_key} is also in {record.source_path}, which wins "
                f"({_reason(rank(record), _rank_of(old))})"))
    result.written.extend(written)
    _write_children(written, case_ids, replaced, connection)


def _classify_refused(
    refused: list[LetterRecord], mode: Mode, result: BatchResult, connection: Connection
) -> None:
    """Letters the compare-and-set turned away: another run wrote their case meanwhile."""
    if mode == "reprocess":
        result.superseded.extend(refused)
        return
    now = _stored(refused, connection)
    for record in refused:
        row = now.get(record.case_key)
        if row is not None and row.content_sha256 == record.content_sha256:
            result.unchanged.append(record)
        elif row is not None:
            result.duplicates.append(Lost(record, _why_stored(row, record)))
        else:  # pragma: no cover - a case deleted between the insert and this read
            result.unchanged.append(record)


def _write_children(
    written: list[LetterRecord],
    case_ids: dict[str, int],
    replaced: set[str],
    connection: Connection,
) -> None:
    upsert_rows(
        [
            {
                "case_id": case_ids[record.case_key],
                **{name: getattr(item, name) for name in _ITEM_FIELDS},
            }
            for record in written
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
            for record in written
            for item in record.items
            for citation in item.citations
        ],
        table=guideline_citations,
        key=["item_id", "cited_by", "position"],
        connection=connection,
    )
    _prune([r for r in written if r.case_key in replaced], case_ids, item_ids,
           connection=connection)


def _stored(records: Iterable[LetterRecord], connection: Connection) -> dict[str, Row[Any]]:
    keys = {record.case_key for record in records}
    if not keys:
        return {}
    rows = connection.execute(
        select(
            cases.c.case_key,
            cases.c.content_sha256,
            cases.c.record_sha256,
            cases.c.source_name,
            cases.c.source_path,
            cases.c.decision_date,
            cases.c.run_id,
            cases.c.parser_version,
            cases.c.lexicon_version,
        ).where(cases.c.case_key.in_(keys))
    ).all()
    return {row.case_key: row for row in rows}  # type: ignore[misc]


def _rank_of(row: Row[Any]) -> tuple[date, str, str]:
    return (row.decision_date or date.min, row.source_name, row.source_path or "")


def _reason(winner: tuple[date, str, str], loser: tuple[date, str, str]) -> str:
    if winner[0] != loser[0]:
        return f"decision date {winner[0]:%Y-%m-%d}, later than {loser[0]:%Y-%m-%d}" if (
            loser[0] != date.min) else f"decision date {winner[0]:%Y-%m-%d}, the other has none"
    if winner[1] != loser[1]:
        return "same decision date; its file name sorts later"
    return "same decision date and file name; its path sorts later"


def _why(winner: LetterRecord, loser: LetterRecord) -> str:
    return (f"case {loser.case_key} is also in {winner.source_path}, which wins "
            f"({_reason(rank(winner), rank(loser))})")


def _why_stored(row: Row[Any], loser: LetterRecord) -> str:
    return (f"case {loser.case_key} is loaded from {row.source_path}, which wins "
            f"({_reason(_rank_of(row), rank(loser))})")


def _restamp_versions(records: Sequence[LetterRecord], *, connection: Connection) -> None:
    """Record that these cases were re-parsed to the same rows by the current versions,
    unless another run replaced them since they were read."""
    if records:
        connection.execute(
            cases.update()
            .where(and_(cases.c.case_key == bindparam("key"),
                        cases.c.content_sha256 == bindparam("sha")))
            .values(parser_version=bindparam("parser"), lexicon_version=bindparam("lexicon")),
            [
                {"key": r.case_key, "sha": r.content_sha256, "parser": r.parser_version,
                 "lexicon": r.lexicon_version}
                for r in records
            ],
        )


def keep_first_copy(copies: Sequence[tuple[str, str, str]], *, connection: Connection) -> None:
    """Of identical files (sha256, source path, source name) of one numbered case, the case
    names the one with the first path, whichever run or batch stored it first.

    Identical bytes are one letter: the later copies are unchanged, never loaded. Without
    this, concurrent runs (shards) that each hold a copy would leave whichever committed
    first, and the tables would depend on timing.
    """
    first: dict[str, tuple[str, str, str]] = {}
    for copy in copies:  # one row per letter: an UPDATE .. FROM must match each case once
        if copy[0] not in first or copy[1] < first[copy[0]][1]:
            first[copy[0]] = copy
    copies = sorted(first.values())
    if not copies:
        return
    if connection.dialect.name == "postgresql":
        arrays = _arrays(("sha", Text, [sha for sha, _, _ in copies]),
                         ("path", Text, [path for _, path, _ in copies]),
                         ("name", Text, [name for _, _, name in copies]))
        connection.execute(
            cases.update()
            .where(and_(cases.c.content_sha256 == arrays.c.sha,
                        cases.c.case_number.is_not(None),
                        cases.c.source_path > arrays.c.path))
            .values(source_path=arrays.c.path, source_name=arrays.c.name)
        )
        return
    connection.execute(
        cases.update()
        .where(and_(cases.c.content_sha256 == bindparam("sha"),
                    cases.c.case_number.is_not(None),
                    cases.c.source_path > bindparam("path")))
        .values(source_path=bindparam("path"), source_name=bindparam("name")),
        [{"sha": sha, "path": path, "name": name} for sha, path, name in copies],
    )


def find_unchanged(
    letters: Sequence[tuple[str, str]], *, connection: Connection
) -> dict[str, bool]:
    """The inputs among (source path, sha256) pairs whose bytes are stored under their key,
    each with whether the stored case names a later path for those bytes (see
    `keep_first_copy`; a path only ever moves to an earlier one, so a stale False holds).

    Same bytes mean the same case number; a letter without one is keyed by its path, so it
    only counts as unchanged under the same path.
    """
    hashes = sorted({sha256 for _, sha256 in letters})
    if not hashes:
        return {}
    rows = connection.execute(
        select(cases.c.content_sha256, cases.c.case_key, cases.c.case_number,
               cases.c.source_path).where(one_of(cases.c.content_sha256, hashes, connection))
    ).all()
    loaded: dict[str, list[tuple[str, str | None, str | None]]] = {}
    for sha, key, number, stored_path in rows:
        loaded.setdefault(sha, []).append((key, number, stored_path))
    unchanged = {}
    for path, sha256 in letters:
        matches = [(number, stored_path) for key, number, stored_path in loaded.get(sha256, [])
                   if number is not None or key == path]
        if matches:
            unchanged[path] = any(number is not None and (stored_path or "") > path
                                  for number, stored_path in matches)
    return unchanged


def _write_reviewers(records: Iterable[LetterRecord], *, connection: Connection) -> dict[str, int]:
    profiles = {r.reviewer.reviewer_key: r.reviewer for r in records if r.reviewer is not None}
    if not profiles:
        return {}
    upsert_rows(
        [dataclasses.asdict(profiles[key]) for key in sorted(profiles)],
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
    item_counts = [(case_ids[r.case_key], len(r.items)) for r in replaced]
    citation_counts = [
        (item_ids[(case_ids[r.case_key], item.item_number)], party,
         sum(1 for c in item.citations if c.cited_by == party))
        for r in replaced
        for item in r.items
        for party in ("claims_administrator", "imro")
    ]
    if connection.dialect.name == "postgresql":
        # One statement joining arrays of (id, count), not one DELETE per case.
        items = _arrays(("case_id", Integer, [c for c, _ in item_counts]),
                        ("count", Integer, [n for _, n in item_counts]))
        connection.execute(delete(disputed_items).where(
            and_(disputed_items.c.case_id == items.c.case_id,
                 disputed_items.c.item_number > items.c.count)))
        if citation_counts:
            citations = _arrays(("item_id", Integer, [i for i, _, _ in citation_counts]),
                                ("party", Text, [p for _, p, _ in citation_counts]),
                                ("count", Integer, [n for _, _, n in citation_counts]))
            connection.execute(delete(guideline_citations).where(
                and_(guideline_citations.c.item_id == citations.c.item_id,
                     guideline_citations.c.cited_by == citations.c.party,
                     guideline_citations.c.position > citations.c.count)))
        return
    # SQLite has no DELETE .. USING: the counts travel as one JSON array of rows, so this is
    # one statement a table too, not a DELETE per case and per item.
    items = _json_rows(("case_id", [c for c, _ in item_counts]),
                       ("count", [n for _, n in item_counts]))
    connection.execute(delete(disputed_items).where(disputed_items.c.item_id.in_(
        select(disputed_items.c.item_id).join_from(items, disputed_items, and_(
            disputed_items.c.case_id == items.c.case_id,
            disputed_items.c.item_number > items.c.count)))))
    if citation_counts:
        citations = _json_rows(("item_id", [i for i, _, _ in citation_counts]),
                               ("party", [p for _, p, _ in citation_counts]),
                               ("count", [n for _, _, n in citation_counts]))
        connection.execute(delete(guideline_citations).where(
            guideline_citations.c.citation_id.in_(
                select(guideline_citations.c.citation_id).join_from(
                    citations, guideline_citations, and_(
                        guideline_citations.c.item_id == citations.c.item_id,
                        guideline_citations.c.cited_by == citations.c.party,
                        guideline_citations.c.position > citations.c.count)))))


def _json_rows(*columns: tuple[str, list[Any]]) -> Any:
    """SQLite: rows given column by column, as a derived table `u` read from one JSON array
    of rows bound as one parameter (json_each)."""
    rows = json.dumps(list(zip(*(values for _, values in columns), strict=True)))
    each = func.json_each(bindparam("rows", rows)).table_valued("value")
    return select(*[func.json_extract(each.c.value, f"$[{position}]").label(name)
                    for position, (name, _) in enumerate(columns)]).subquery("u")


def _arrays(*columns: tuple[str, Any, list[Any]]) -> Any:
    """PostgreSQL: `unnest(array, array, ...) AS u(name, ...)`, one array per column."""
    arrays = [bindparam(f"a_{name}", values, type_=ARRAY(kind)) for name, kind, values in columns]
    return func.unnest(*arrays).table_valued(*[name for name, _, _ in columns]).render_derived(
        name="u")


def record_rejection(
    *,
    source_name: str,
    source_path: str,
    sha256: str,
    stage: str,
    reason: str,
    content: bytes | None,
    run_id: int,
    seen_at: datetime,
    connection: Connection,
) -> None:
    """Keep a rejected input (its bytes and the reason) until a good version of it loads.

    One row per input path: another file of the same name elsewhere is another input.
    """
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
    upsert_rows(
        [{**row, "first_seen_at": seen_at}],
        table=rejected_letters,
        key=["source_path"],
        connection=connection,
        preserve=["first_seen_at"],
    )


def clear_rejections(source_paths: Iterable[str], *, connection: Connection) -> None:
    """Forget earlier rejections of inputs that have now loaded or are accounted for."""
    paths = sorted(set(source_paths))
    if paths:
        connection.execute(
            delete(rejected_letters).where(
                one_of(rejected_letters.c.source_path, paths, connection))
        )
