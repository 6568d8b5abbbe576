"""Analyst views, round two: timeliness, decision months, modified requests, the item mix and
95% Wilson intervals on every overturn rate; the statutory time limits as a lookup table

Revision ID: 0006
Revises: 0005

The views of 0002 are dropped and created again (PostgreSQL cannot add a column in the middle
of a view, and every rate view reads v_item_decisions). As in 0002, each view is SQL that
SQLite and PostgreSQL answer with the same rows and values; the dialect branches are only in
the date helpers (_year, _month, _days) and the median (_median). What the views mean is
described for readers in src/imr_etl/db/views.py.

Nothing here needs a function a SQLite build may lack: SQLite's sqrt() exists only in builds
with the math functions, which many clients (R, older distributions, some JDBC drivers) do
not have, so the Wilson interval takes its square root by Newton's method in a recursive
CTE. Both databases do the same IEEE double operations in the same order, so they agree to
the last bit; the root is within an ulp or two of sqrt().
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# The normal quantile for a two-sided 95% interval, and its square, as doubles on both sides.
_Z = 'CAST(1.959963984540054 AS DOUBLE PRECISION)'
_Z2 = f'({_Z} * {_Z})'
# Newton steps for the square root of k(n-k)/n + z^2/4 (at least 0.96), started at (y+1)/2,
# which is never below the root: about log2(sqrt(y)) halvings, then quadratic convergence.
# 40 covers groups of far more than 10^12 items.
_NEWTON_STEPS = 40

# The limits as configuration with their source (DOMAIN.md section 7), not numbers in view SQL:
# v_timeliness_by_month joins this table, and an operator may UPDATE it.
_TIME_LIMITS: list[dict[str, Any]] = [
    {'limit_name': 'imr_decision_standard', 'measure': 'days_received_to_decision',
     'priority': 'standard', 'days': 30,
     'legal_source': 'Labor Code 4610.6(d)(1)(B)',
     'note': 'Decision within 30 days of receipt of the IMR request and supporting documents. '
             'Measured here from the application received date, the only receipt date letters '
             'carry. Drug-formulary disputes: 5 working days (4610.6(d)(1)(A)), not told apart. '
             'Late decisions stay binding (the limit is directory).'},
    {'limit_name': 'imr_decision_expedited', 'measure': 'days_received_to_decision',
     'priority': 'expedited', 'days': 3,
     'legal_source': 'Labor Code 4610.6(d)(2)',
     'note': 'Expedited review: 3 days of receipt of the request and documents; as quoted in '
             'secondary sources, not re-checked against the statute text.'},
    {'limit_name': 'imr_application_filing', 'measure': 'days_ur_denial_to_application',
     'priority': None, 'days': 30,
     'legal_source': '8 CCR 9792.10.1(b)(1)',
     'note': 'The IMR application is due within 30 days of service of the UR decision. '
             'Measured here from the UR denial date to the application received date.'},
]


def _year(dialect: str, column: str = 'c.decision_date') -> str:
    # SQLite has no date type (SQLAlchemy stores 'YYYY-MM-DD' text) and no EXTRACT;
    # PostgreSQL has no strftime. Both give an integer or NULL.
    if dialect == 'sqlite':
        return f'CAST(SUBSTR({column}, 1, 4) AS INTEGER)'
    return f'CAST(EXTRACT(YEAR FROM {column}) AS INTEGER)'


def _month(dialect: str, column: str = 'c.decision_date') -> str:
    """'YYYY-MM' text or NULL."""
    if dialect == 'sqlite':
        return f'SUBSTR({column}, 1, 7)'
    return f"TO_CHAR({column}, 'YYYY-MM')"


def _days(dialect: str, later: str, earlier: str) -> str:
    """Whole days from `earlier` to `later` (negative when the dates run backwards), or NULL."""
    if dialect == 'sqlite':
        # julianday of a 'YYYY-MM-DD' text is a whole number plus .5: the difference is exact.
        return f'CAST(julianday({later}) - julianday({earlier}) AS INTEGER)'
    return f'({later} - {earlier})'


def _timeliness(dialect: str) -> str:
    return f"""
    {_days(dialect, 'c.decision_date', 'c.application_received_date')} AS days_received_to_decision,
    {_days(dialect, 'c.decision_date', 'c.date_assigned')} AS days_assigned_to_decision,
    {_days(dialect, 'c.application_received_date', 'c.ur_denial_date')} AS days_ur_denial_to_application"""


def _item_decisions(dialect: str) -> str:
    # The IMRO's first citation is position 1 (positions are 1-based, CONTRACT.md). A modified
    # request is one whose letter states the original request and what was authorized: the
    # item is the remaining portion (CONTRACT.md).
    return f"""
SELECT
    d.item_id,
    d.case_id,
    c.case_key,
    c.case_number,
    c.decision_date,
    {_year(dialect)} AS decision_year,
    {_month(dialect)} AS decision_month,
    c.priority,{_timeliness(dialect)},
    c.patient_age,
    c.patient_sex,
    c.reviewer_id,
    r.specialty AS reviewer_specialty,
    r.subspecialty AS reviewer_subspecialty,
    r.license_states AS reviewer_states,
    d.item_number,
    d.request_text,
    d.treatment_category,
    d.treatment_subcategory,
    d.treatment_name,
    d.drug_class,
    CASE WHEN d.original_request IS NOT NULL OR d.authorized_request IS NOT NULL
         THEN 1 ELSE 0 END AS modified_request,
    d.decision,
    CASE WHEN d.decision = 'overturned' THEN 1 ELSE 0 END AS overturned,
    g.source AS imro_guideline_source,
    g.guideline AS imro_guideline
FROM disputed_items d
JOIN cases c ON c.case_id = d.case_id
LEFT JOIN reviewers r ON r.reviewer_id = c.reviewer_id
LEFT JOIN guideline_citations g
    ON g.item_id = d.item_id AND g.cited_by = 'imro' AND g.position = 1
"""


def _case_outcomes(dialect: str) -> str:
    # DWC's case outcome: Uphold (every item upheld), Overturn (every item overturned),
    # Partial Overturn (some). A case without items has no outcome (NULL).
    return f"""
SELECT
    c.case_id,
    c.case_key,
    c.case_number,
    c.decision_date,
    {_year(dialect)} AS decision_year,
    {_month(dialect)} AS decision_month,
    c.priority,{_timeliness(dialect)},
    COALESCE(t.items, 0) AS items,
    COALESCE(t.overturned, 0) AS overturned,
    CASE
        WHEN t.items IS NULL THEN NULL
        WHEN t.overturned = 0 THEN 'upheld'
        WHEN t.overturned = t.items THEN 'overturned'
        ELSE 'partially_overturned'
    END AS outcome
FROM cases c
LEFT JOIN (
    SELECT
        case_id,
        COUNT(*) AS items,
        SUM(CASE WHEN decision = 'overturned' THEN 1 ELSE 0 END) AS overturned
    FROM disputed_items
    GROUP BY case_id
) t ON t.case_id = c.case_id
"""


# license_states is "TX,FL": two-letter codes, comma, no spaces (CONTRACT.md). Fixed widths let
# SUBSTR split it on both dialects, which share no string-position function.
_REVIEWER_STATES = """
WITH RECURSIVE split (reviewer_id, reviewer_state, rest) AS (
    SELECT reviewer_id, SUBSTR(license_states, 1, 2), SUBSTR(license_states, 4)
    FROM reviewers
    WHERE license_states IS NOT NULL AND license_states <> ''
    UNION ALL
    SELECT reviewer_id, SUBSTR(rest, 1, 2), SUBSTR(rest, 4)
    FROM split
    WHERE rest <> ''
)
SELECT DISTINCT reviewer_id, reviewer_state
FROM split
"""


def _overturn_rates(*labels: str, source: str = 'v_item_decisions i') -> str:
    """items, overturned, overturn_rate and its 95% Wilson interval per group.

    Rows whose grouping value is unknown are left out: a NULL "drug class" is not a class.
    """
    label_list = ', '.join(labels)
    known = ' AND '.join(f'{label} IS NOT NULL' for label in labels)
    return rates_with_intervals(label_list, f"""
    SELECT
        {label_list},
        COUNT(*) AS items,
        SUM(i.overturned) AS overturned
    FROM {source}
    WHERE {known}
    GROUP BY {label_list}""")


def rates_with_intervals(label_list: str, groups: str) -> str:
    """The rate and Wilson interval of each row of `groups` (labels, items, overturned).

    Wilson with k overturned of n: (k + z²/2 ± z·√(k(n-k)/n + z²/4)) / (n + z²), the usual
    formula multiplied through by n. Every operand is a double (CAST) so neither database
    does integer or numeric arithmetic; the ends are exactly 0 and 1 when k is 0 or n.
    """
    return f"""
WITH RECURSIVE groups AS ({groups}
),
operands AS (
    SELECT
        {label_list}, items, overturned,
        CAST(overturned AS DOUBLE PRECISION) AS k,
        CAST(items AS DOUBLE PRECISION) AS n
    FROM groups
),
radicands AS (
    SELECT {label_list}, items, overturned, k, n, k * (n - k) / n + {_Z2} / 4 AS y
    FROM operands
),
newton ({label_list}, items, overturned, k, n, y, root, step) AS (
    SELECT {label_list}, items, overturned, k, n, y, (y + 1) / 2, 0
    FROM radicands
    UNION ALL
    SELECT {label_list}, items, overturned, k, n, y, (root + y / root) / 2, step + 1
    FROM newton
    WHERE step < {_NEWTON_STEPS}
)
SELECT
    {label_list},
    items,
    overturned,
    k / n AS overturn_rate,
    CASE WHEN overturned = 0 THEN CAST(0 AS DOUBLE PRECISION)
         ELSE (k + {_Z2} / 2 - {_Z} * root) / (n + {_Z2}) END AS rate_low,
    CASE WHEN overturned = items THEN CAST(1 AS DOUBLE PRECISION)
         ELSE (k + {_Z2} / 2 + {_Z} * root) / (n + {_Z2}) END AS rate_high
FROM newton
WHERE step = {_NEWTON_STEPS}
"""


def _median(dialect: str, column: str) -> str:
    """A CTE body: the median of `column` per (decision_month, priority) over `timed`.

    PostgreSQL has percentile_cont. SQLite has no median: the middle row (odd count) or the
    mean of the two middle rows (even count), found by ROW_NUMBER. For whole days both give
    the same double: a + (b - a) * 0.5 and (a + b) / 2 are exact.
    """
    if dialect != 'sqlite':
        return f"""
    SELECT decision_month, priority,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY {column}) AS median
    FROM timed
    WHERE {column} IS NOT NULL
    GROUP BY decision_month, priority"""
    return f"""
    SELECT decision_month, priority, AVG(CAST({column} AS DOUBLE PRECISION)) AS median
    FROM (
        SELECT decision_month, priority, {column},
               ROW_NUMBER() OVER (PARTITION BY decision_month, priority
                                  ORDER BY {column}) AS position,
               COUNT(*) OVER (PARTITION BY decision_month, priority) AS known
        FROM timed
        WHERE {column} IS NOT NULL
    ) ranked
    WHERE position IN ((known + 1) / 2, (known + 2) / 2)
    GROUP BY decision_month, priority"""


def _timeliness_by_month(dialect: str) -> str:
    # Means are SUM / COUNT of whole days (exact sums, one IEEE division) rather than AVG,
    # whose accumulation differs between the databases.
    return f"""
WITH timed AS (
    SELECT decision_month, priority, days_received_to_decision AS received,
           days_assigned_to_decision AS assigned
    FROM v_case_outcomes
    WHERE decision_month IS NOT NULL AND priority IS NOT NULL
),
received_median AS ({_median(dialect, 'received')}
),
assigned_median AS ({_median(dialect, 'assigned')}
),
totals AS (
    SELECT
        t.decision_month,
        t.priority,
        COUNT(*) AS letters,
        COUNT(t.received) AS received_known,
        SUM(t.received) AS received_sum,
        COUNT(t.assigned) AS assigned_known,
        SUM(t.assigned) AS assigned_sum,
        MAX(l.days) AS limit_days,
        SUM(CASE WHEN t.received <= l.days THEN 1 ELSE 0 END) AS within_limit
    FROM timed t
    LEFT JOIN time_limits l
        ON l.measure = 'days_received_to_decision' AND l.priority = t.priority
    GROUP BY t.decision_month, t.priority
)
SELECT
    totals.decision_month,
    totals.priority,
    totals.letters,
    rm.median AS median_days_received_to_decision,
    CASE WHEN received_known > 0
         THEN CAST(received_sum AS DOUBLE PRECISION) / received_known END
        AS mean_days_received_to_decision,
    am.median AS median_days_assigned_to_decision,
    CASE WHEN assigned_known > 0
         THEN CAST(assigned_sum AS DOUBLE PRECISION) / assigned_known END
        AS mean_days_assigned_to_decision,
    limit_days,
    CASE WHEN limit_days IS NOT NULL THEN within_limit END AS within_limit,
    CASE WHEN limit_days IS NOT NULL AND received_known > 0
         THEN CAST(within_limit AS DOUBLE PRECISION) / received_known END AS within_limit_share
FROM totals
LEFT JOIN received_median rm
    ON rm.decision_month = totals.decision_month AND rm.priority = totals.priority
LEFT JOIN assigned_median am
    ON am.decision_month = totals.decision_month AND am.priority = totals.priority
"""


def _mix_by_decision_month(dialect: str) -> str:
    # Letters without items count as letters; items of unknown category count as items but
    # not as pharmaceuticals. Opioids are the pharmaceutical items of drug class opioid.
    return f"""
WITH mix AS (
    SELECT
        {_year(dialect)} AS decision_year,
        {_month(dialect)} AS decision_month,
        COUNT(DISTINCT c.case_id) AS letters,
        COUNT(d.item_id) AS items,
        SUM(CASE WHEN d.treatment_category = 'pharmaceuticals' THEN 1 ELSE 0 END)
            AS pharmaceutical_items,
        SUM(CASE WHEN d.treatment_category = 'pharmaceuticals' AND d.drug_class = 'opioid'
                 THEN 1 ELSE 0 END) AS opioid_items
    FROM cases c
    LEFT JOIN disputed_items d ON d.case_id = c.case_id
    WHERE c.decision_date IS NOT NULL
    GROUP BY {_year(dialect)}, {_month(dialect)}
)
SELECT
    decision_year,
    decision_month,
    letters,
    items,
    CAST(items AS DOUBLE PRECISION) / letters AS items_per_letter,
    pharmaceutical_items,
    CASE WHEN items > 0
         THEN CAST(pharmaceutical_items AS DOUBLE PRECISION) / items END
        AS pharmaceutical_share,
    opioid_items,
    CASE WHEN pharmaceutical_items > 0
         THEN CAST(opioid_items AS DOUBLE PRECISION) / pharmaceutical_items END
        AS opioid_share_of_pharmaceuticals
FROM mix
"""


def views(dialect: str) -> list[tuple[str, str]]:
    """(name, SELECT) in creation order: a view after the views it reads."""
    return [
        ('v_item_decisions', _item_decisions(dialect)),
        ('v_reviewer_states', _REVIEWER_STATES),
        ('v_case_outcomes', _case_outcomes(dialect)),
        ('v_overturn_by_category', _overturn_rates('treatment_category')),
        ('v_overturn_by_subcategory',
         _overturn_rates('treatment_category', 'treatment_subcategory')),
        ('v_overturn_by_treatment_name', _overturn_rates('treatment_name')),
        ('v_overturn_by_drug_class', _overturn_rates('drug_class')),
        ('v_overturn_by_reviewer_specialty', _overturn_rates('reviewer_specialty')),
        # An item whose reviewer holds several licenses counts once in each state.
        ('v_overturn_by_reviewer_state', _overturn_rates(
            'reviewer_state',
            source='v_item_decisions i JOIN v_reviewer_states s ON s.reviewer_id = i.reviewer_id')),
        ('v_overturn_by_guideline_source', _overturn_rates('imro_guideline_source')),
        ('v_overturn_by_decision_year', _overturn_rates('decision_year')),
        ('v_overturn_by_decision_month', _overturn_rates('decision_month')),
        ('v_overturn_by_modified_request', _overturn_rates('modified_request')),
        ('v_timeliness_by_month', _timeliness_by_month(dialect)),
        ('v_mix_by_decision_month', _mix_by_decision_month(dialect)),
    ]


def _revision_0002() -> ModuleType:
    """Migration 0002's module, whose views the downgrade restores."""
    path = Path(__file__).with_name('0002_analyst_views.py')
    spec = importlib.util.spec_from_file_location('imr_etl_migration_0002', path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _drop(names: list[str]) -> None:
    for name in reversed(names):
        op.execute(f'DROP VIEW IF EXISTS {name}')


def upgrade() -> None:
    dialect = op.get_context().dialect.name
    _drop([name for name, _ in _revision_0002()._views(dialect)])
    time_limits = op.create_table(
        'time_limits',
        sa.Column('limit_name', sa.Text(), nullable=False, comment='imr_decision_standard, imr_decision_expedited, imr_application_filing'),
        sa.Column('measure', sa.Text(), nullable=False, comment='The view column the limit applies to: days_received_to_decision or days_ur_denial_to_application'),
        sa.Column('priority', sa.Text(), nullable=True, comment='standard or expedited; null when the limit holds for both'),
        sa.Column('days', sa.Integer(), nullable=False, comment='The limit in days'),
        sa.Column('legal_source', sa.Text(), nullable=False, comment='Statute or regulation that sets it'),
        sa.Column('note', sa.Text(), nullable=False, comment='What it says and how the warehouse measures it'),
        sa.PrimaryKeyConstraint('limit_name', name=op.f('pk_time_limits')),
        comment='Statutory IMR time limits, read by v_timeliness_by_month; edit a row to change a limit.',
    )
    op.bulk_insert(time_limits, _TIME_LIMITS)
    for name, select in views(dialect):
        op.execute(f'CREATE VIEW {name} AS {select.strip()}')


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    _drop([name for name, _ in views(dialect)])
    op.drop_table('time_limits')
    for name, select in _revision_0002()._views(dialect):
        op.execute(f'CREATE VIEW {name} AS {select.strip()}')
