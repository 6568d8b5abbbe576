"""Add the analyst views (item decisions, overturn rates, case outcomes) and their indexes

Revision ID: 0002
Revises: 0001

Every view is plain SQL that SQLite and PostgreSQL both run and answer with the same rows
and values; the one exception is the decision year (see _decision_year). What the views
mean is described for readers in src/imr_etl/db/views.py.

Views pin the columns they read: a later migration that drops, renames or retypes a column
used here must drop the views first and create them again afterwards (PostgreSQL refuses
otherwise). SQLite table rebuilds (batch mode) work with the views in place because
migrations/env.py turns on legacy_alter_table for SQLite.
"""

from __future__ import annotations

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def _decision_year(dialect: str) -> str:
    # The one dialect branch: SQLite has no date type (SQLAlchemy stores 'YYYY-MM-DD' text)
    # and no EXTRACT; PostgreSQL has no strftime. Both give an integer or NULL.
    if dialect == 'sqlite':
        return 'CAST(SUBSTR(c.decision_date, 1, 4) AS INTEGER)'
    return 'CAST(EXTRACT(YEAR FROM c.decision_date) AS INTEGER)'


def _item_decisions(dialect: str) -> str:
    # The IMRO's first citation is position 1 (positions are 1-based, CONTRACT.md); the unique
    # index on (item_id, cited_by, position) serves this join.
    return f"""
SELECT
    d.item_id,
    d.case_id,
    c.case_key,
    c.case_number,
    c.decision_date,
    {_decision_year(dialect)} AS decision_year,
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


# license_states is "TX,FL": two-letter codes, comma, no spaces (CONTRACT.md; the parser's
# state_code only yields two-letter codes). Fixed widths let SUBSTR split it on both
# dialects, which share no string-position function (INSTR vs STRPOS).
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


def _case_outcomes(dialect: str) -> str:
    # DWC's case outcome: Uphold (every item upheld), Overturn (every item overturned),
    # Partial Overturn (some). A case without items has no outcome (NULL).
    return f"""
SELECT
    c.case_id,
    c.case_key,
    c.case_number,
    c.decision_date,
    {_decision_year(dialect)} AS decision_year,
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


def _overturn_rates(*labels: str, source: str = 'v_item_decisions i') -> str:
    # The CAST makes the rate a double on both dialects (integer division on SQLite, numeric
    # on PostgreSQL otherwise); IEEE division gives equal values on both, so nothing is rounded.
    # Rows whose grouping value is unknown are left out: a NULL "drug class" is not a class.
    label_list = ', '.join(labels)
    known = ' AND '.join(f'{label} IS NOT NULL' for label in labels)
    return f"""
SELECT
    {label_list},
    COUNT(*) AS items,
    SUM(i.overturned) AS overturned,
    CAST(SUM(i.overturned) AS DOUBLE PRECISION) / COUNT(*) AS overturn_rate
FROM {source}
WHERE {known}
GROUP BY {label_list}
"""


def _views(dialect: str) -> list[tuple[str, str]]:
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
    ]


# For the views' joins and the filters analysts type most: by decision, treatment, guideline,
# specialty and case number. (Items by case and citations by item are served by the unique
# constraints; categories, drug classes, decision dates and reviewers are indexed in 0001.)
_INDEXES = [
    ('ix_disputed_items_decision', 'disputed_items', ['decision']),
    ('ix_disputed_items_treatment_subcategory', 'disputed_items', ['treatment_subcategory']),
    ('ix_disputed_items_treatment_name', 'disputed_items', ['treatment_name']),
    ('ix_guideline_citations_source', 'guideline_citations', ['source']),
    ('ix_guideline_citations_guideline', 'guideline_citations', ['guideline']),
    ('ix_reviewers_specialty', 'reviewers', ['specialty']),
    ('ix_cases_case_number', 'cases', ['case_number']),
]


def upgrade() -> None:
    for name, table, columns in _INDEXES:
        op.create_index(name, table, columns, unique=False)
    for name, select in _views(op.get_context().dialect.name):
        op.execute(f'CREATE VIEW {name} AS {select.strip()}')


def downgrade() -> None:
    for name, _ in reversed(_views(op.get_context().dialect.name)):
        op.execute(f'DROP VIEW IF EXISTS {name}')
    for name, table, _ in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
