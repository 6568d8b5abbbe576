"""Read-only questions the CLI asks of the warehouse."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, select

from imr_etl.db.schema import cases, disputed_items, guideline_citations, rejected_letters


def warehouse_totals(engine: Engine) -> dict[str, int]:
    """How many cases, items (and overturned items) and citations the warehouse holds."""
    with engine.connect() as connection:
        return {
            "cases": connection.scalar(select(func.count()).select_from(cases)) or 0,
            "disputed_items": connection.scalar(select(func.count()).select_from(disputed_items))
            or 0,
            "overturned_items": connection.scalar(
                select(func.count())
                .select_from(disputed_items)
                .where(disputed_items.c.decision == "overturned")
            )
            or 0,
            "guideline_citations": connection.scalar(
                select(func.count()).select_from(guideline_citations)
            )
            or 0,
            "rejected_letters": connection.scalar(
                select(func.count()).select_from(rejected_letters)
            )
            or 0,
        }


def list_rejected(engine: Engine) -> list[dict[str, Any]]:
    """The rejected inputs still waiting for a good version, oldest first."""
    columns = [
        rejected_letters.c[name]
        for name in (
            "source_name",
            "source_path",
            "stage",
            "reason",
            "first_seen_at",
            "last_seen_at",
            "content_sha256",
        )
    ]
    with engine.connect() as connection:
        rows = connection.execute(
            select(*columns).order_by(
                rejected_letters.c.first_seen_at, rejected_letters.c.source_name
            )
        )
        return [dict(row._mapping) for row in rows]


def unmapped_requests(engine: Engine, *, limit: int) -> list[tuple[str, int, str | None]]:
    """Request texts the lexicon could not name, or named only in part, most frequent first.

    Each row: the request text, its items, and the ingredients not recognised (None when the
    lexicon named nothing at all).
    """
    count = func.count().label("items")
    missing = disputed_items.c.unrecognized_ingredients
    with engine.connect() as connection:
        rows = connection.execute(
            select(disputed_items.c.request_text, count, missing)
            .where(disputed_items.c.treatment_name.is_(None) | missing.is_not(None))
            .group_by(disputed_items.c.request_text, missing)
            .order_by(count.desc(), disputed_items.c.request_text)
            .limit(limit)
        )
        return [(text, int(items), unknown) for text, items, unknown in rows]
