"""Store the DWC search's labels: each listed case and its treatments, replaced on re-fetch."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Engine, delete

from imr_etl.db.schema import dwc_search_cases, dwc_search_treatments
from imr_etl.fetch.labels import category_code, warehouse_outcome
from imr_etl.fetch.search import DwcCase, DwcTreatment
from imr_etl.load.upsert import upsert_rows


def store_dwc_labels(
    cases: Sequence[DwcCase], treatments: Sequence[DwcTreatment], *, engine: Engine
) -> None:
    """Upsert the listed cases; a case's treatments are replaced whole, in one transaction."""
    fetched_at = datetime.now(UTC)
    case_rows = [{
        "case_number": case.case_number,
        "case_outcome": case.case_outcome,
        "outcome": warehouse_outcome(case.case_outcome),
        "decision_date": case.decision_date,
        "date_of_injury": case.date_of_injury,
        "received_date": case.received_date,
        "reviewer_specialty": case.reviewer_specialty,
        "pdf_url": case.pdf_url,
        "fetched_at": fetched_at,
    } for case in cases]
    treatment_rows = [{
        "case_number": treatment.case_number,
        "position": treatment.position,
        "request_category": treatment.request_category,
        "category": category_code(treatment.request_category),
        "subcategory": treatment.subcategory,
        "request_decision": treatment.request_decision,
        "decision": warehouse_outcome(treatment.request_decision),
        "fetched_at": fetched_at,
    } for treatment in treatments]
    listed = sorted({treatment.case_number for treatment in treatments})
    with engine.begin() as connection:
        upsert_rows(case_rows, table=dwc_search_cases, key=["case_number"],
                    connection=connection)
        # A re-listed case may list fewer treatments than before: replace, don't merge.
        for start in range(0, len(listed), 500):
            connection.execute(delete(dwc_search_treatments).where(
                dwc_search_treatments.c.case_number.in_(listed[start:start + 500])))
        if treatment_rows:
            connection.execute(dwc_search_treatments.insert(), treatment_rows)
