"""Keep the lexicon lookup tables equal to the lexicon a run parses with."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select, text

from imr_etl.db.schema import (
    lexicon_body_regions,
    lexicon_categories,
    lexicon_drugs,
    lexicon_specialties,
    lexicon_states,
    lexicon_treatments,
    lexicon_versions,
)
from imr_etl.transform.treatments import Lexicon

_TABLES = (
    lexicon_drugs,
    lexicon_treatments,
    lexicon_body_regions,
    lexicon_categories,
    lexicon_specialties,
    lexicon_states,
    lexicon_versions,
)


def sync_lexicon(lexicon: Lexicon, *, loaded_at: datetime, connection: Connection) -> bool:
    """Rewrite the lookup tables when the stored lexicon version differs; True if it did."""
    _lock_lexicon(connection)
    if connection.scalar(select(lexicon_versions.c.version)) == lexicon.version:
        return False
    for table in _TABLES:
        connection.execute(delete(table))
    # A term may appear twice in the CSV (a later row corrects an earlier one): keep the last.
    drugs = {d.term: d for d in lexicon.drugs}
    _insert(
        lexicon_drugs,
        [
            {
                "term": d.term,
                "generic_name": "/".join(d.generic_names),
                "drug_class": d.drug_class,
                "dwc_subcategory": d.dwc_subcategory,
                "rule": d.rule,
            }
            for d in drugs.values()
        ],
        connection,
    )
    _insert(
        lexicon_treatments,
        [
            {
                "rule_order": order,
                "pattern": t.pattern,
                "category": t.category,
                "subcategory": t.subcategory,
                "name": t.name,
                "rule": t.rule,
            }
            for order, t in enumerate(lexicon.treatments, start=1)
        ],
        connection,
    )
    _insert(
        lexicon_body_regions,
        [
            {"rule_order": order, "pattern": r.pattern, "body_region": r.body_region}
            for order, r in enumerate(lexicon.body_regions, start=1)
        ],
        connection,
    )
    _insert(
        lexicon_categories,
        [
            {"category": c.category, "dwc_name": c.dwc_name, "counts": c.counts}
            for c in lexicon.categories
        ],
        connection,
    )
    _insert(
        lexicon_specialties,
        [{"spelling": k, "specialty": v} for k, v in lexicon.specialties.items()],
        connection,
    )
    _insert(
        lexicon_states, [{"name": k, "code": v} for k, v in lexicon.states.items()], connection
    )
    connection.execute(
        insert(lexicon_versions).values(version=lexicon.version, loaded_at=loaded_at)
    )
    return True


def _insert(table: Table, rows: list[dict[str, Any]], connection: Connection) -> None:
    if rows:
        connection.execute(insert(table), rows)


# PostgreSQL advisory lock key for the lexicon tables (any fixed bigint).
LEXICON_LOCK_KEY = 0x1A5E_0002


def _lock_lexicon(connection: Connection) -> None:
    """Make concurrent runs sync one at a time, each seeing what the one before committed.

    Without it two first runs on PostgreSQL both find no version, both delete nothing and both
    insert: a unique violation on pk_lexicon_drugs. The lock lasts until the transaction ends.
    SQLite needs nothing: its driver begins the transaction at the first write, which waits for
    the other run's commit and then sees its rows.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LEXICON_LOCK_KEY})
