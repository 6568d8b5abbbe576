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

from imr_etl.db.analytics import Headline, RateTable, fetch_headline, fetch_overturn_rates
from imr_etl.db.engine import safe_url
from imr_etl.db.views import DIMENSIONS_BY_NAME

DEFAULT_DIMENSION = "category"
HTML_DIMENSIONS = ("category", "drug_class", "decision_year")
"""The charts of the HTML page, in page order."""


@dataclass(frozen=True, slots=True)
class Report:
    database: str
    """The warehouse URL, without password."""
    generated_at: datetime
    headline: Headline
    tables: tuple[RateTable, ...]


def build_report(engine: Engine, dimensions: Sequence[str] = (DEFAULT_DIMENSION,), *,
                 limit: int | None = None) -> Report:
    """Read the headline and one rate table per dimension name (see imr_etl.db.views)."""
    with engine.connect() as connection:
        headline = fetch_headline(connection=connection)
        tables = tuple(fetch_overturn_rates(DIMENSIONS_BY_NAME[name], connection=connection,
                                            limit=limit)
                       for name in dimensions)
    return Report(database=safe_url(engine.url), generated_at=datetime.now(UTC),
                  headline=headline, tables=tables)


def format_rate(rate: float | None) -> str:
    """A fraction as a percentage for people: 0.04054 -> '4.1%'; None -> 'n/a'."""
    return "n/a" if rate is None else f"{rate * 100:.1f}%"


def format_label(value: object) -> str:
    """A dimension value as shown in tables and charts."""
    return "" if value is None else str(value)


def describe_dates(report: Report) -> str:
    """The decision dates the report covers, as a phrase: 'decisions dated A to B'."""
    headline = report.headline
    if headline.first_decision_date is None:
        # The 2014-15 letters have no first page, so no decision date.
        return "no letters yet" if not headline.letters else "no decision dates in the letters"
    return (f"decisions dated {headline.first_decision_date.isoformat()} to "
            f"{headline.last_decision_date.isoformat() if headline.last_decision_date else '?'}")
