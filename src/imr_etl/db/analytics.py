"""Read the analyst views (migration 0002) for the report: headline figures and rate tables."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from sqlalchemy import Connection, column, func, select, table

from imr_etl.db.schema import cases, rejected_letters
from imr_etl.db.views import CASE_OUTCOMES, ITEM_DECISIONS, TIMELINESS_BY_MONTH, OverturnDimension

CASE_OUTCOME_NAMES = ("upheld", "partially_overturned", "overturned")
_RATE_COLUMNS = ("items", "overturned", "overturn_rate", "rate_low", "rate_high")


@dataclass(frozen=True, slots=True)
class Headline:
    """The warehouse in a few numbers."""

    letters: int
    items: int
    overturned: int
    overturn_rate: float | None
    """overturned / items; None for an empty warehouse."""
    case_outcomes: dict[str, int] = field(default_factory=dict)
    """Cases per DWC case outcome: upheld, partially_overturned, overturned."""
    first_decision_date: date | None = None
    last_decision_date: date | None = None
    rejected_letters: int = 0


@dataclass(frozen=True, slots=True)
class RateRow:
    labels: tuple[Any, ...]
    """The dimension's values, in OverturnDimension.label_columns order."""
    items: int
    overturned: int
    overturn_rate: float
    rate_low: float
    rate_high: float
    """The 95% Wilson score interval of overturn_rate."""


@dataclass(frozen=True, slots=True)
class RateTable:
    dimension: OverturnDimension
    rows: tuple[RateRow, ...]
    total_rows: int
    """Rows in the view; more than len(rows) when a limit cut the table."""


def fetch_headline(*, connection: Connection) -> Headline:
    """Letters, items, the overall overturn rate and the case outcomes."""
    items = table(ITEM_DECISIONS.name, column("overturned"))
    outcomes = table(CASE_OUTCOMES.name, column("outcome"))
    item_count, overturned = connection.execute(
        select(func.count(), func.coalesce(func.sum(items.c.overturned), 0)).select_from(items)
    ).one()
    letters, first, last = connection.execute(
        select(func.count(), func.min(cases.c.decision_date), func.max(cases.c.decision_date))
    ).one()
    by_outcome: dict[str, int] = dict(connection.execute(
        select(outcomes.c.outcome, func.count()).where(outcomes.c.outcome.is_not(None))
        .group_by(outcomes.c.outcome)
    ).all())
    rejected = connection.scalar(select(func.count()).select_from(rejected_letters)) or 0
    return Headline(
        letters=letters, items=item_count, overturned=int(overturned),
        overturn_rate=overturned / item_count if item_count else None,
        case_outcomes={name: by_outcome.get(name, 0) for name in CASE_OUTCOME_NAMES},
        first_decision_date=first, last_decision_date=last, rejected_letters=rejected,
    )


def fetch_overturn_rates(dimension: OverturnDimension, *, connection: Connection,
                         limit: int | None = None) -> RateTable:
    """One v_overturn_by_* view, largest groups first (years in order), cut to `limit` rows."""
    view = table(dimension.view, *(column(name) for name in (
        *dimension.label_columns, *_RATE_COLUMNS)))
    # Item access: `view.c.items` would be ColumnCollection.items().
    labels = [view.c[name] for name in dimension.label_columns]
    items, rate = view.c["items"], view.c["overturn_rate"]
    order = labels if dimension.chronological else [items.desc(), rate.desc(), *labels]
    query = select(*labels, *(view.c[name] for name in _RATE_COLUMNS)).order_by(*order)
    if limit is not None:
        query = query.limit(limit)
    width = len(_RATE_COLUMNS)
    rows = tuple(
        RateRow(labels=tuple(row[:-width]), items=row[-5], overturned=int(row[-4]),
                overturn_rate=float(row[-3]), rate_low=float(row[-2]), rate_high=float(row[-1]))
        for row in connection.execute(query)
    )
    total = connection.scalar(select(func.count()).select_from(view)) or 0
    return RateTable(dimension=dimension, rows=rows, total_rows=total)


@dataclass(frozen=True, slots=True)
class TimelinessRow:
    """One row of v_timeliness_by_month."""

    decision_month: str
    priority: str
    letters: int
    median_days_received_to_decision: float | None
    median_days_assigned_to_decision: float | None
    limit_days: int | None
    within_limit_share: float | None


def fetch_timeliness(*, connection: Connection) -> tuple[TimelinessRow, ...]:
    """v_timeliness_by_month in month order, standard before expedited."""
    names = [f.name for f in fields(TimelinessRow)]
    view = table(TIMELINESS_BY_MONTH.name, *(column(name) for name in names))
    query = select(*(view.c[name] for name in names)).order_by(
        view.c["decision_month"], view.c["priority"].desc())
    return tuple(TimelinessRow(*row) for row in connection.execute(query))
