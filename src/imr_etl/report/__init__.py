"""The analyst report: headline figures and overturn-rate tables read from the views.

`build_report` asks the database (through imr_etl.db.analytics); the renderers in
`imr_etl.report.tables` (text, CSV, JSON, Markdown) and `imr_etl.report.html` (one
self-contained page with charts) only format what it returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine

from imr_etl.db.analytics import (
    Headline,
    RateRow,
    RateTable,
    TimelinessRow,
    fetch_headline,
    fetch_overturn_rates,
    fetch_timeliness,
)
from imr_etl.db.engine import safe_url
from imr_etl.db.views import DIMENSIONS_BY_NAME
from imr_etl.report.labels import value_label

DEFAULT_DIMENSION = "category"
DEFAULT_MIN_ITEMS = 5
"""Groups with fewer items are shown muted and listed last: their rates swing on one decision."""
HTML_DIMENSIONS = ("category", "drug_class", "reviewer_specialty", "guideline_source",
                   "decision_month")
"""The rate charts of the HTML page, in page order (the timeliness chart follows them)."""


@dataclass(frozen=True, slots=True)
class Report:
    database: str
    """The warehouse URL, without password."""
    generated_at: datetime
    headline: Headline
    tables: tuple[RateTable, ...]
    min_items: int = DEFAULT_MIN_ITEMS
    timeliness: tuple[TimelinessRow, ...] = ()


def build_report(engine: Engine, dimensions: Sequence[str] = (DEFAULT_DIMENSION,), *,
                 limit: int | None = None, min_items: int = DEFAULT_MIN_ITEMS,
                 timeliness: bool = False) -> Report:
    """Read the headline and one rate table per dimension name (see imr_etl.db.views)."""
    with engine.connect() as connection:
        headline = fetch_headline(connection=connection)
        tables = tuple(fetch_overturn_rates(DIMENSIONS_BY_NAME[name], connection=connection,
                                            limit=limit)
                       for name in dimensions)
        months = fetch_timeliness(connection=connection) if timeliness else ()
    return Report(database=safe_url(engine.url), generated_at=datetime.now(UTC),
                  headline=headline, tables=tables, min_items=min_items, timeliness=months)


def arrange(table: RateTable, min_items: int) -> list[tuple[RateRow, bool]]:
    """The rows in reading order, each with True when it is a small group (under min_items).

    Small groups go last, in their own order; chronological tables (months, years) keep
    time order and only mark them.
    """
    marked = [(row, row.items < min_items) for row in table.rows]
    if table.dimension.chronological:
        return marked
    return [pair for pair in marked if not pair[1]] + [pair for pair in marked if pair[1]]


def format_rate(rate: float | None) -> str:
    """A fraction as a percentage for people: 0.04054 -> '4.1%'; None -> 'n/a'."""
    return "n/a" if rate is None else f"{rate * 100:.1f}%"


def format_interval(row: RateRow) -> str:
    """The 95% interval for people: '0.0-79.3%'."""
    return f"{row.rate_low * 100:.1f}–{row.rate_high * 100:.1f}%"


def format_label(value: object, column: str = "") -> str:
    """A dimension value as shown in tables and charts: DWC's spelling of categories."""
    return value_label(column, value)


def format_labels(table: RateTable, row: RateRow) -> list[str]:
    return [format_label(value, name)
            for name, value in zip(table.dimension.label_columns, row.labels, strict=True)]


def describe_dates(report: Report) -> str:
    """The decision dates the report covers, as a phrase: 'decisions dated A to B'."""
    headline = report.headline
    if headline.first_decision_date is None:
        # The 2014-15 letters have no first page, so no decision date.
        return "no letters yet" if not headline.letters else "no decision dates in the letters"
    return (f"decisions dated {headline.first_decision_date.isoformat()} to "
            f"{headline.last_decision_date.isoformat() if headline.last_decision_date else '?'}")
