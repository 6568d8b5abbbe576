"""Letters with known decisions for the analyst-view tests, and the figures computed in Python.

The expected figures here never go through the views' SQL: they read the base tables row
by row and join, count and divide in Python, so a mistake in a view cannot hide in both.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, select, text, update

from imr_etl.db.schema import cases, disputed_items, guideline_citations, reviewers
from imr_etl.db.views import OverturnDimension
from imr_etl.pipeline import ingest
from tests.helpers import CASES, real_letter_paths, seed_paths

Rates = dict[tuple[Any, ...], tuple[int, int, float]]
"""Group labels -> (items, overturned, overturn_rate)."""


def letter_paths() -> list[Path]:
    """The five seeds and, where present, the published PDFs."""
    return seed_paths() + real_letter_paths()


def load_letters(engine: Engine) -> None:
    """Ingest every test letter; all of them must load."""
    report = ingest(letter_paths(), engine)
    assert report.rejected == 0, report.rejections
    assert report.loaded == len(letter_paths())


def known_decisions() -> dict[str, tuple[int, int]]:
    """case_key -> (items, overturned) from the hand-checked case files, not the database."""
    known = {}
    for path in seed_paths():
        record = json.loads(path.with_suffix(".json").read_text())
        decisions = [item["decision"] for item in record["items"]]
        known[record["case_key"]] = (len(decisions), decisions.count("overturned"))
    counts_file = CASES / "real" / "counts.json"
    loaded_real = {path.stem for path in real_letter_paths()}
    if counts_file.exists():
        for case_key, counts in json.loads(counts_file.read_text()).items():
            if case_key in loaded_real:
                known[case_key] = (counts["items"], counts["overturned"])
    return known


def relabel(engine: Engine) -> None:
    """Spread the loaded rows over more groups, nulls and outcomes, whatever the lexicon says.

    Chosen by position in (case_key, item_number) order, so both backends change the same rows.
    """
    with engine.begin() as connection:
        item_ids = connection.execute(
            select(disputed_items.c.item_id).join(cases)
            .order_by(cases.c.case_key, disputed_items.c.item_number)).scalars().all()
        for n, item_id in enumerate(item_ids):
            values: dict[str, Any] = {}
            if n % 5 == 0:
                values["decision"] = "overturned"
            if n % 7 == 0:
                values["treatment_category"] = None
            if n % 3 == 0:
                values["drug_class"] = "opioid"
            if n % 4 == 0:
                values["drug_class"] = None
            if n % 9 == 0:
                values["treatment_name"] = None
            if values:
                connection.execute(update(disputed_items)
                                   .where(disputed_items.c.item_id == item_id).values(**values))
            if n % 13 == 0:  # an item on which the IMRO cited nothing
                connection.execute(delete(guideline_citations).where(
                    guideline_citations.c.item_id == item_id,
                    guideline_citations.c.cited_by == "imro"))
        case_ids = connection.execute(
            select(cases.c.case_id).order_by(cases.c.case_key)).scalars().all()
        years = {1: date(2015, 6, 1), 2: date(2016, 12, 31), 3: None}
        for n, case_id in enumerate(case_ids):
            if n % 4 in years:
                connection.execute(update(cases).where(cases.c.case_id == case_id)
                                   .values(decision_date=years[n % 4]))
        reviewer_ids = connection.execute(
            select(reviewers.c.reviewer_id).order_by(reviewers.c.reviewer_key)).scalars().all()
        states = {0: "CA,TX,CA", 1: None, 2: "NY,NJ,PA,CT"}
        for n, reviewer_id in enumerate(reviewer_ids[:3]):
            connection.execute(update(reviewers).where(reviewers.c.reviewer_id == reviewer_id)
                               .values(license_states=states[n]))


def expected_item_rows(engine: Engine) -> list[dict[str, Any]]:
    """v_item_decisions as Python builds it from the four tables, one row per item."""
    with engine.connect() as connection:
        case_rows = {row.case_id: row for row in connection.execute(select(cases))}
        reviewer_rows = {row.reviewer_id: row for row in connection.execute(select(reviewers))}
        first_imro = {row.item_id: row for row in connection.execute(select(guideline_citations))
                      if row.cited_by == "imro" and row.position == 1}
        items = connection.execute(select(disputed_items)).all()
    rows = []
    for item in items:
        case = case_rows[item.case_id]
        reviewer = reviewer_rows.get(case.reviewer_id)
        citation = first_imro.get(item.item_id)
        rows.append({
            "item_id": item.item_id, "case_id": item.case_id, "case_key": case.case_key,
            "case_number": case.case_number, "decision_date": case.decision_date,
            "decision_year": case.decision_date.year if case.decision_date else None,
            "patient_age": case.patient_age, "patient_sex": case.patient_sex,
            "reviewer_id": case.reviewer_id,
            "reviewer_specialty": reviewer.specialty if reviewer else None,
            "reviewer_subspecialty": reviewer.subspecialty if reviewer else None,
            "reviewer_states": reviewer.license_states if reviewer else None,
            "item_number": item.item_number, "request_text": item.request_text,
            "treatment_category": item.treatment_category,
            "treatment_subcategory": item.treatment_subcategory,
            "treatment_name": item.treatment_name, "drug_class": item.drug_class,
            "decision": item.decision, "overturned": int(item.decision == "overturned"),
            "imro_guideline_source": citation.source if citation else None,
            "imro_guideline": citation.guideline if citation else None,
        })
    return rows


def expected_rates(items: Iterable[dict[str, Any]], dimension: OverturnDimension) -> Rates:
    """Count and divide per group, leaving out items whose group is unknown."""
    groups_of = _groups_of(dimension)
    counts: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        for group in groups_of(item):
            if None in group:
                continue
            counts[group][0] += 1
            counts[group][1] += item["overturned"]
    return {group: (n, overturned, overturned / n) for group, (n, overturned) in counts.items()}


def expected_case_outcomes(items: Iterable[dict[str, Any]],
                           case_keys: Iterable[str]) -> dict[str, tuple[int, int, str | None]]:
    """case_key -> (items, overturned, DWC outcome) from the item rows."""
    counts = {key: [0, 0] for key in case_keys}
    for item in items:
        counts[item["case_key"]][0] += 1
        counts[item["case_key"]][1] += item["overturned"]
    return {key: (n, overturned, outcome_of(n, overturned))
            for key, (n, overturned) in counts.items()}


def outcome_of(items: int, overturned: int) -> str | None:
    """DWC's case outcome for a letter with `items` items, `overturned` of them overturned."""
    if items == 0:
        return None
    if overturned == 0:
        return "upheld"
    return "overturned" if overturned == items else "partially_overturned"


def view_rows(engine: Engine, view: str) -> list[dict[str, Any]]:
    """Every row of a view, dates as ISO text (SQLite hands them back as text already)."""
    with engine.connect() as connection:
        result = connection.execute(text(f"SELECT * FROM {view}"))
        return [{key: plain(value) for key, value in row._mapping.items()} for row in result]


def view_rates(engine: Engine, dimension: OverturnDimension) -> Rates:
    """A v_overturn_by_* view as labels -> (items, overturned, overturn_rate)."""
    return {tuple(row[name] for name in dimension.label_columns):
            (row["items"], row["overturned"], row["overturn_rate"])
            for row in view_rows(engine, dimension.view)}


def plain(value: Any) -> Any:
    """A value as both backends can agree on: dates as ISO text."""
    return value.isoformat() if isinstance(value, date) else value


def _groups_of(dimension: OverturnDimension) -> Callable[[dict[str, Any]], list[tuple[Any, ...]]]:
    if dimension.name == "reviewer_state":
        # One group per distinct license state of the item's reviewer.
        return lambda item: [(state,) for state in
                             sorted(set((item["reviewer_states"] or "").split(",")) - {""})]
    return lambda item: [tuple(item[name] for name in dimension.label_columns)]
