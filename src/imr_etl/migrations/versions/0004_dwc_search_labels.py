"""Add the DWC decision search's labels and the views that compare them with the letters

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Both views read the base tables, not v_case_outcomes, so that later migrations can
# rebuild the analyst views without dropping these first (PostgreSQL refuses to drop a
# view another view depends on).
_CASE_AGREEMENT = """
CREATE VIEW v_dwc_case_agreement AS
SELECT
    d.case_number,
    c.case_id,
    d.case_outcome AS dwc_case_outcome,
    d.outcome AS dwc_outcome,
    p.outcome AS parsed_outcome,
    CASE WHEN p.outcome IS NULL THEN NULL WHEN p.outcome = d.outcome THEN 1 ELSE 0 END
        AS outcome_agrees,
    t.treatments AS dwc_treatments,
    p.items AS parsed_items,
    CASE WHEN p.items IS NULL OR t.treatments IS NULL THEN NULL
         WHEN p.items = t.treatments THEN 1 ELSE 0 END AS item_count_agrees,
    d.decision_date AS dwc_decision_date,
    c.decision_date AS parsed_decision_date,
    CASE WHEN c.case_id IS NULL THEN NULL
         WHEN c.decision_date = d.decision_date THEN 1 ELSE 0 END AS decision_date_agrees,
    d.reviewer_specialty AS dwc_reviewer_specialty
FROM dwc_search_cases d
LEFT JOIN cases c ON c.case_key = d.case_number
LEFT JOIN (
    SELECT case_id,
           COUNT(*) AS items,
           CASE WHEN SUM(CASE WHEN decision = 'overturned' THEN 1 ELSE 0 END) = 0 THEN 'upheld'
                WHEN SUM(CASE WHEN decision = 'upheld' THEN 1 ELSE 0 END) = 0 THEN 'overturned'
                ELSE 'partially_overturned' END AS outcome
    FROM disputed_items
    GROUP BY case_id
) p ON p.case_id = c.case_id
LEFT JOIN (
    SELECT case_number, COUNT(*) AS treatments
    FROM dwc_search_treatments
    GROUP BY case_number
) t ON t.case_number = d.case_number
"""

# The search lists a case's treatments in the letter's order, so the n-th listed treatment
# is compared with item n.
_ITEM_AGREEMENT = """
CREATE VIEW v_dwc_item_agreement AS
SELECT
    t.case_number,
    t.position,
    i.item_id,
    t.request_category AS dwc_request_category,
    t.category AS dwc_category,
    t.subcategory AS dwc_subcategory,
    t.request_decision AS dwc_request_decision,
    t.decision AS dwc_decision,
    i.request_text,
    i.treatment_category,
    i.treatment_subcategory,
    i.decision,
    CASE WHEN i.item_id IS NULL THEN NULL
         WHEN i.treatment_category = t.category THEN 1 ELSE 0 END AS category_agrees,
    CASE WHEN i.item_id IS NULL THEN NULL
         WHEN LOWER(i.treatment_subcategory) = LOWER(t.subcategory) THEN 1 ELSE 0 END
        AS subcategory_agrees,
    CASE WHEN i.item_id IS NULL THEN NULL WHEN i.decision = t.decision THEN 1 ELSE 0 END
        AS decision_agrees
FROM dwc_search_treatments t
LEFT JOIN cases c ON c.case_key = t.case_number
LEFT JOIN disputed_items i ON i.case_id = c.case_id AND i.item_number = t.position
"""


def upgrade() -> None:
    op.create_table(
        "dwc_search_cases",
        sa.Column("case_number", sa.Text(), nullable=False, comment="CMyy-nnnnnnn as the search lists it"),
        sa.Column("case_outcome", sa.Text(), nullable=False, comment="As the DWC writes it: Uphold, Overturn or Partial Overturn"),
        sa.Column("outcome", sa.Text(), nullable=True, comment="upheld, partially_overturned or overturned (v_case_outcomes' values)"),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("date_of_injury", sa.Date(), nullable=True),
        sa.Column("received_date", sa.Date(), nullable=True, comment="The search's Received Date"),
        sa.Column("reviewer_specialty", sa.Text(), nullable=True, comment="IMRO Reviewer Specialty as the DWC writes it"),
        sa.Column("pdf_url", sa.Text(), nullable=False, comment="Where the letter's PDF was listed"),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("case_number", name=op.f("pk_dwc_search_cases")),
        comment="One row per letter as the DWC decision search lists it.",
    )
    op.create_table(
        "dwc_search_treatments",
        sa.Column("case_number", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, comment="1-based order within the case, as listed: compared with item_number"),
        sa.Column("request_category", sa.Text(), nullable=False, comment="DWC's Request Category as written: Pharmaceuticals, DMEPOS, ..."),
        sa.Column("category", sa.Text(), nullable=True, comment="The same in lower snake case, as disputed_items.treatment_category"),
        sa.Column("subcategory", sa.Text(), nullable=True, comment="DWC's SubCategory/Drug as written"),
        sa.Column("request_decision", sa.Text(), nullable=False, comment="As written: Uphold or Overturn"),
        sa.Column("decision", sa.Text(), nullable=True, comment="upheld or overturned, as disputed_items.decision"),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("case_number", "position", name=op.f("pk_dwc_search_treatments")),
        comment="One row per disputed treatment as the DWC decision search lists it.",
    )
    op.execute(_CASE_AGREEMENT)
    op.execute(_ITEM_AGREEMENT)


def downgrade() -> None:
    op.execute("DROP VIEW v_dwc_item_agreement")
    op.execute("DROP VIEW v_dwc_case_agreement")
    op.drop_table("dwc_search_treatments")
    op.drop_table("dwc_search_cases")
