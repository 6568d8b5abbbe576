"""How far the parsed letters agree with the DWC search's own labels (report --vs-dwc)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, func, select, text

from imr_etl.db.schema import cases


@dataclass(frozen=True)
class Agreement:
    """One comparison: how many pairs could be compared, and how many agree."""

    measure: str
    compared: int
    agreeing: int

    @property
    def rate(self) -> float | None:
        return self.agreeing / self.compared if self.compared else None


# (label, view, flag column): each flag is 1, 0, or null where the letter is not loaded.
_MEASURES = (
    ("Case outcome", "v_dwc_case_agreement", "outcome_agrees"),
    ("Number of treatments", "v_dwc_case_agreement", "item_count_agrees"),
    ("Decision date", "v_dwc_case_agreement", "decision_date_agrees"),
    ("Treatment decision", "v_dwc_item_agreement", "decision_agrees"),
    ("Treatment category", "v_dwc_item_agreement", "category_agrees"),
    ("Treatment subcategory", "v_dwc_item_agreement", "subcategory_agrees"),
)


def dwc_agreement(engine: Engine) -> tuple[int, int, list[Agreement]]:
    """(letters the search listed, of them loaded, agreement per measure)."""
    with engine.connect() as connection:
        listed, loaded = connection.execute(text(
            "SELECT COUNT(*), COUNT(case_id) FROM v_dwc_case_agreement")).one()
        measures = []
        for label, view, flag in _MEASURES:
            compared, agreeing = connection.execute(text(
                f"SELECT COUNT({flag}), COALESCE(SUM({flag}), 0) FROM {view}")).one()
            measures.append(Agreement(label, int(compared), int(agreeing)))
    return int(listed), int(loaded), measures


def latest_decision_date(engine: Engine) -> date | None:
    """The newest decision date among the loaded letters (where a nightly fetch resumes)."""
    with engine.connect() as connection:
        latest: date | None = connection.scalar(select(func.max(cases.c.decision_date)))
    return latest
