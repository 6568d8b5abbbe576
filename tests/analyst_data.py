"""Letters with known decisions for the analyst-view tests, and the figures computed in Python.

The expected figures here never go through the views' SQL: they read the base tables row
by row and join, count and divide in Python, so a mistake in a view cannot hide in both.
"""

from __future__ import annotations

import importlib.util
import json
import math
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, select, text, update

from imr_etl.db.migrate import MIGRATIONS_DIR
from imr_etl.db.schema import cases, disputed_items, guideline_citations, reviewers
from imr_etl.db.views import OverturnDimension
from imr_etl.pipeline import ingest
from tests.helpers import CASES, real_letter_paths, seed_paths

Rates = dict[tuple[Any, ...], tuple[int, int, float]]
"""Group labels -> (items, overturned, overturn_rate)."""

Z95 = 1.959963984540054
"""The standard normal quantile for a two-sided 95% interval."""


def migration(name: str) -> Any:
    """The migration module whose file name ends in `name` (its number may change)."""
    (path,) = (MIGRATIONS_DIR / "versions").glob(f"*_{name}.py")
    spec = importlib.util.spec_from_file_location(f"migration_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
            # Expedited letters, unknown priorities and unknown or backwards dates.
            if n % 6 == 1:
                connection.execute(update(cases).where(cases.c.case_id == case_id)
                                   .values(priority="expedited"))
            if n % 10 == 3:
                connection.execute(update(cases).where(cases.c.case_id == case_id)
                                   .values(priority=None, application_received_date=None))
            if n % 11 == 5:
                connection.execute(update(cases).where(cases.c.case_id == case_id)
                                   .values(date_assigned=date(2017, 3, 1)))
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
            **case_timeliness(case),
            "patient_age": case.patient_age, "patient_sex": case.patient_sex,
            "reviewer_id": case.reviewer_id,
            "reviewer_specialty": reviewer.specialty if reviewer else None,
            "reviewer_subspecialty": reviewer.subspecialty if reviewer else None,
            "reviewer_states": reviewer.license_states if reviewer else None,
            "item_number": item.item_number, "request_text": item.request_text,
            "treatment_category": item.treatment_category,
            "treatment_subcategory": item.treatment_subcategory,
            "treatment_name": item.treatment_name, "drug_class": item.drug_class,
            "modified_request": int(item.original_request is not None
                                    or item.authorized_request is not None),
            "decision": item.decision, "overturned": int(item.decision == "overturned"),
            "imro_guideline_source": citation.source if citation else None,
            "imro_guideline": citation.guideline if citation else None,
        })
    return rows


def case_timeliness(case: Any) -> dict[str, Any]:
    """The date columns v_item_decisions and v_case_outcomes derive from a cases row."""
    decided = case.decision_date
    return {
        "decision_year": decided.year if decided else None,
        "decision_month": f"{decided.year:04d}-{decided.month:02d}" if decided else None,
        "priority": case.priority,
        "days_received_to_decision": _days(decided, case.application_received_date),
        "days_assigned_to_decision": _days(decided, case.date_assigned),
        "days_ur_denial_to_application": _days(case.application_received_date,
                                               case.ur_denial_date),
    }


def _days(later: date | None, earlier: date | None) -> int | None:
    return (later - earlier).days if later and earlier else None


def wilson(overturned: int, items: int) -> tuple[float, float]:
    """The 95% Wilson score interval, in the textbook form (not the views' rearrangement)."""
    p = overturned / items
    centre = p + Z95 * Z95 / (2 * items)
    spread = Z95 * math.sqrt(p * (1 - p) / items + Z95 * Z95 / (4 * items * items))
    scale = 1 + Z95 * Z95 / items
    return (centre - spread) / scale, (centre + spread) / scale


def expected_case_rows(engine: Engine) -> dict[str, dict[str, Any]]:
    """case_key -> the cases row with its derived date columns, from the base table."""
    with engine.connect() as connection:
        return {row.case_key: {**row._asdict(), **case_timeliness(row)}
                for row in connection.execute(select(cases))}


def expected_timeliness(engine: Engine) -> dict[tuple[str, str], dict[str, Any]]:
    """v_timeliness_by_month computed from the cases rows and the statutory limits."""
    with engine.connect() as connection:
        limits = {row.priority: row.days for row in connection.execute(text(
            "SELECT priority, days FROM time_limits "
            "WHERE measure = 'days_received_to_decision'"))}
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in expected_case_rows(engine).values():
        if row["decision_month"] and row["priority"]:
            groups[(row["decision_month"], row["priority"])].append(row)
    expected = {}
    for (month, priority), rows in groups.items():
        received = [r["days_received_to_decision"] for r in rows
                    if r["days_received_to_decision"] is not None]
        assigned = [r["days_assigned_to_decision"] for r in rows
                    if r["days_assigned_to_decision"] is not None]
        limit = limits.get(priority)
        within = sum(1 for days in received if limit is not None and days <= limit)
        expected[(month, priority)] = {
            "letters": len(rows),
            "median_days_received_to_decision": _median(received),
            "mean_days_received_to_decision": statistics.fmean(received) if received else None,
            "median_days_assigned_to_decision": _median(assigned),
            "mean_days_assigned_to_decision": statistics.fmean(assigned) if assigned else None,
            "limit_days": limit,
            "within_limit": within if limit is not None else None,
            "within_limit_share": within / len(received)
            if limit is not None and received else None,
        }
    return expected


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def expected_mix(engine: Engine) -> dict[str, dict[str, Any]]:
    """v_mix_by_decision_month from the cases and items rows."""
    case_rows = expected_case_rows(engine)
    months: dict[str, dict[str, Any]] = {}
    month_of = {}
    for row in case_rows.values():
        if row["decision_month"]:
            month_of[row["case_id"]] = row["decision_month"]
            entry = months.setdefault(row["decision_month"], {
                "decision_year": row["decision_year"], "letters": 0, "items": 0,
                "pharmaceutical_items": 0, "opioid_items": 0})
            entry["letters"] += 1
    with engine.connect() as connection:
        for item in connection.execute(select(disputed_items)):
            if item.case_id not in month_of:
                continue
            entry = months[month_of[item.case_id]]
            entry["items"] += 1
            if item.treatment_category == "pharmaceuticals":
                entry["pharmaceutical_items"] += 1
                entry["opioid_items"] += item.drug_class == "opioid"
    for entry in months.values():
        entry["items_per_letter"] = entry["items"] / entry["letters"]
        entry["pharmaceutical_share"] = (entry["pharmaceutical_items"] / entry["items"]
                                         if entry["items"] else None)
        entry["opioid_share_of_pharmaceuticals"] = (
            entry["opioid_items"] / entry["pharmaceutical_items"]
            if entry["pharmaceutical_items"] else None)
    return months


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


def view_intervals(engine: Engine,
                   dimension: OverturnDimension) -> dict[tuple[Any, ...], tuple[float, float]]:
    """A v_overturn_by_* view as labels -> (rate_low, rate_high)."""
    return {tuple(row[name] for name in dimension.label_columns):
            (row["rate_low"], row["rate_high"])
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
