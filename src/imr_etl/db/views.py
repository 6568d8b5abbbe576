"""The analyst views: their names, columns and meaning, shared by the report, docs and tests.

The SQL that builds them lives in the migrations (0002 made them, 0006 rebuilt them with
timeliness, months, modified requests and intervals; 0005 made v_parse_warnings). This module
only describes the result; tests/test_views.py checks that every view has exactly the columns
listed here, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ViewColumn:
    name: str
    type: str
    """Portable type name, as the data dictionary prints it."""
    description: str


@dataclass(frozen=True, slots=True)
class View:
    name: str
    description: str
    columns: tuple[ViewColumn, ...]


@dataclass(frozen=True, slots=True)
class OverturnDimension:
    """One `v_overturn_by_*` view: items, overturned and overturn_rate per value of a dimension."""

    name: str
    """What `imr-etl report --by` calls it."""
    view: str
    label_columns: tuple[str, ...]
    """The grouping columns, before `items, overturned, overturn_rate, rate_low, rate_high`."""
    title: str
    chronological: bool = False
    """Rows read best in label order (years), not largest first."""


_ITEMS = ViewColumn("items", "integer", "Disputed items in the group")
_OVERTURNED = ViewColumn("overturned", "integer", "Of those, items whose denial was overturned")
_RATE = ViewColumn("overturn_rate", "float",
                   "overturned / items, a fraction between 0 and 1 (not rounded)")
_RATE_LOW = ViewColumn("rate_low", "float",
                       "Lower end of the 95% Wilson score interval of overturn_rate")
_RATE_HIGH = ViewColumn("rate_high", "float",
                        "Upper end of the 95% Wilson score interval of overturn_rate")

_DECISION_MONTH = ViewColumn("decision_month", "text", "Month of decision_date: YYYY-MM")
_PRIORITY = ViewColumn("priority", "text", "standard or expedited review")
_TIMELINESS = (
    ViewColumn("days_received_to_decision", "integer",
               "Days from the application received date to the decision date (the "
               "statutory clock, time_limits)"),
    ViewColumn("days_assigned_to_decision", "integer",
               "Days from the date assigned to the decision date (DWC's monthly "
               "\"average age from assigned date\")"),
    ViewColumn("days_ur_denial_to_application", "integer",
               "Days from the UR denial to the application received date (the 30-day "
               "filing window, 8 CCR 9792.10.1(b)(1))"),
)

ITEM_DECISIONS = View(
    "v_item_decisions",
    "One row per disputed item, flattened with its case, reviewer and the IMRO's first "
    "guideline citation. The base of every overturn-rate view.",
    (
        ViewColumn("item_id", "integer", "disputed_items.item_id"),
        ViewColumn("case_id", "integer", "cases.case_id"),
        ViewColumn("case_key", "text", "The case's identity: IMR case number or file name"),
        ViewColumn("case_number", "text", "CMyy-nnnnnnn, null when the letter carries none"),
        ViewColumn("decision_date", "date", "The letter's decision date"),
        ViewColumn("decision_year", "integer", "Year of decision_date"),
        _DECISION_MONTH,
        _PRIORITY,
        *_TIMELINESS,
        ViewColumn("patient_age", "integer", "Injured worker's age as stated"),
        ViewColumn("patient_sex", "text", "male or female"),
        ViewColumn("reviewer_id", "integer", "reviewers.reviewer_id"),
        ViewColumn("reviewer_specialty", "text", "Reviewer's primary board certification"),
        ViewColumn("reviewer_subspecialty", "text", "Reviewer's second certification"),
        ViewColumn("reviewer_states", "text", "Reviewer's license states, comma-separated: TX,FL"),
        ViewColumn("item_number", "integer", "1-based position of the item in its letter"),
        ViewColumn("request_text", "text", "The disputed request as written"),
        ViewColumn("treatment_category", "text", "DWC request category, lower snake case"),
        ViewColumn("treatment_subcategory", "text", "DWC subcategory or drug class"),
        ViewColumn("treatment_name", "text", "Generic drug name(s) or the procedure"),
        ViewColumn("drug_class", "text", "opioid, muscle relaxant, ...; null for non-drugs"),
        ViewColumn("modified_request", "integer",
                   "1 when the claims administrator modified (partly authorized) the request "
                   "and the item is the remaining portion, else 0"),
        ViewColumn("decision", "text", "upheld or overturned"),
        ViewColumn("overturned", "integer", "1 when the decision is overturned, else 0"),
        ViewColumn("imro_guideline_source", "text",
                   "Source of the IMRO's first citation: MTUS, ODG, ACOEM, other or none"),
        ViewColumn("imro_guideline", "text", "Document of the IMRO's first citation"),
    ),
)

REVIEWER_STATES = View(
    "v_reviewer_states",
    "One row per reviewer and license state: reviewers.license_states split on commas.",
    (
        ViewColumn("reviewer_id", "integer", "reviewers.reviewer_id"),
        ViewColumn("reviewer_state", "text", "Two-letter state code"),
    ),
)

CASE_OUTCOMES = View(
    "v_case_outcomes",
    "One row per case with its case-level outcome as DWC reports it.",
    (
        ViewColumn("case_id", "integer", "cases.case_id"),
        ViewColumn("case_key", "text", "The case's identity: IMR case number or file name"),
        ViewColumn("case_number", "text", "CMyy-nnnnnnn, null when the letter carries none"),
        ViewColumn("decision_date", "date", "The letter's decision date"),
        ViewColumn("decision_year", "integer", "Year of decision_date"),
        _DECISION_MONTH,
        _PRIORITY,
        *_TIMELINESS,
        ViewColumn("items", "integer", "Disputed items in the letter"),
        ViewColumn("overturned", "integer", "Of those, items overturned"),
        ViewColumn("outcome", "text",
                   "upheld (all items upheld), overturned (all overturned) or "
                   "partially_overturned; null for a case without items"),
    ),
)

DIMENSIONS: tuple[OverturnDimension, ...] = (
    OverturnDimension("category", "v_overturn_by_category", ("treatment_category",),
                      "Overturn rate by treatment category"),
    OverturnDimension("subcategory", "v_overturn_by_subcategory",
                      ("treatment_category", "treatment_subcategory"),
                      "Overturn rate by treatment subcategory"),
    OverturnDimension("treatment_name", "v_overturn_by_treatment_name", ("treatment_name",),
                      "Overturn rate by treatment"),
    OverturnDimension("drug_class", "v_overturn_by_drug_class", ("drug_class",),
                      "Overturn rate by drug class"),
    OverturnDimension("reviewer_specialty", "v_overturn_by_reviewer_specialty",
                      ("reviewer_specialty",), "Overturn rate by reviewer specialty"),
    OverturnDimension("reviewer_state", "v_overturn_by_reviewer_state", ("reviewer_state",),
                      "Overturn rate by reviewer license state"),
    OverturnDimension("guideline_source", "v_overturn_by_guideline_source",
                      ("imro_guideline_source",),
                      "Overturn rate by the IMRO's first guideline source"),
    OverturnDimension("decision_year", "v_overturn_by_decision_year", ("decision_year",),
                      "Overturn rate by decision year", chronological=True),
    OverturnDimension("decision_month", "v_overturn_by_decision_month", ("decision_month",),
                      "Overturn rate by decision month", chronological=True),
    OverturnDimension("modified_request", "v_overturn_by_modified_request",
                      ("modified_request",),
                      "Overturn rate of modified (partly authorized) vs denied requests",
                      chronological=True),
)

DIMENSIONS_BY_NAME = {dimension.name: dimension for dimension in DIMENSIONS}

_LABEL_DESCRIPTIONS = {
    "treatment_category": ("text", "DWC request category"),
    "treatment_subcategory": ("text", "DWC subcategory or drug class"),
    "treatment_name": ("text", "Generic drug name(s) or the procedure"),
    "drug_class": ("text", "Drug class; non-drug items are left out"),
    "reviewer_specialty": ("text", "Reviewer's primary board certification"),
    "reviewer_state": ("text",
                       "A reviewer license state; an item whose reviewer holds several "
                       "licenses counts once in each"),
    "imro_guideline_source": ("text", "Source of the IMRO's first citation"),
    "decision_year": ("integer", "Year of the decision date"),
    "decision_month": ("text", "Month of the decision date: YYYY-MM"),
    "modified_request": ("integer",
                         "1: modified requests (the remaining portion after a partial "
                         "authorization); 0: requests denied outright"),
}


def _overturn_view(dimension: OverturnDimension) -> View:
    labels = tuple(ViewColumn(name, *_LABEL_DESCRIPTIONS[name])
                   for name in dimension.label_columns)
    return View(
        dimension.view,
        f"{dimension.title}. Items whose {dimension.label_columns[-1]} is unknown (null) "
        "are left out; v_item_decisions has them.",
        (*labels, _ITEMS, _OVERTURNED, _RATE, _RATE_LOW, _RATE_HIGH),
    )


_AGREES = "1 when the two agree, 0 when they differ, null when one side is missing"

DWC_CASE_AGREEMENT = View(  # built by migration 0004
    "v_dwc_case_agreement",
    "One row per letter the DWC decision search lists (imr-etl fetch), beside the parsed "
    "letter of the same case number: outcome, item count and decision date compared.",
    (
        ViewColumn("case_number", "text", "CMyy-nnnnnnn as the search lists it"),
        ViewColumn("case_id", "integer",
                   "cases.case_id of the parsed letter; null when not loaded"),
        ViewColumn("dwc_case_outcome", "text", "As the DWC writes it: Uphold, Overturn or "
                                               "Partial Overturn"),
        ViewColumn("dwc_outcome", "text",
                   "The same as upheld, partially_overturned or overturned"),
        ViewColumn("parsed_outcome", "text",
                   "The parsed letter's outcome (v_case_outcomes' values)"),
        ViewColumn("outcome_agrees", "integer", _AGREES),
        ViewColumn("dwc_treatments", "integer", "Treatments the search lists for the case"),
        ViewColumn("parsed_items", "integer", "Disputed items parsed from the letter"),
        ViewColumn("item_count_agrees", "integer", _AGREES),
        ViewColumn("dwc_decision_date", "date", "The search's decision date"),
        ViewColumn("parsed_decision_date", "date", "The parsed letter's decision date"),
        ViewColumn("decision_date_agrees", "integer", _AGREES),
        ViewColumn("dwc_reviewer_specialty", "text", "IMRO reviewer specialty as the DWC "
                                                     "writes it"),
    ),
)

DWC_ITEM_AGREEMENT = View(  # built by migration 0004
    "v_dwc_item_agreement",
    "One row per treatment the DWC decision search lists, beside the parsed item at the same "
    "position of the same case: category, subcategory and decision compared.",
    (
        ViewColumn("case_number", "text", "CMyy-nnnnnnn as the search lists it"),
        ViewColumn("position", "integer", "1-based order within the case, as listed"),
        ViewColumn("item_id", "integer", "disputed_items.item_id at that position; null when "
                                         "not loaded"),
        ViewColumn("dwc_request_category", "text", "DWC's Request Category as written"),
        ViewColumn("dwc_category", "text", "The same in lower snake case"),
        ViewColumn("dwc_subcategory", "text", "DWC's SubCategory/Drug as written"),
        ViewColumn("dwc_request_decision", "text", "As written: Uphold or Overturn"),
        ViewColumn("dwc_decision", "text", "upheld or overturned"),
        ViewColumn("request_text", "text", "The parsed item's request"),
        ViewColumn("treatment_category", "text", "The parsed item's DWC request category"),
        ViewColumn("treatment_subcategory", "text", "The parsed item's subcategory"),
        ViewColumn("decision", "text", "The parsed item's decision"),
        ViewColumn("category_agrees", "integer", _AGREES),
        ViewColumn("subcategory_agrees", "integer", _AGREES + " (compared in lower case)"),
        ViewColumn("decision_agrees", "integer", _AGREES),
    ),
)

PARSE_WARNINGS = View(  # built by migration 0005
    "v_parse_warnings",
    "One row per case that loaded but fails a cross-check of its letter format (as many "
    "decision words and guideline paragraphs as items, header dates in order, an age "
    "between 14 and 100): letters unlike the ones the parser was built for, to look at.",
    (
        ViewColumn("case_id", "integer", "cases.case_id"),
        ViewColumn("case_key", "text", "The case's identity: IMR case number or file name"),
        ViewColumn("source_name", "text", "File the letter was last ingested from"),
        ViewColumn("letter_format", "text", "fdl_2014, fdl_2013 or mpr"),
        ViewColumn("decision_date", "date", "The letter's decision date"),
        ViewColumn("parse_warnings", "text",
                   "The failed checks, '; '-separated: decision_words, "
                   "claims_administrator_guidelines, maximus_guidelines, decision_rationales, "
                   "determinations, date_order, patient_age"),
        ViewColumn("loaded_at", "timestamp", "When the case was last written"),
    ),
)

TIMELINESS_BY_MONTH = View(
    "v_timeliness_by_month",
    "Letters and days to decision per decision month and priority, with the share decided "
    "within the statutory limit for that priority (table time_limits). Letters without a "
    "decision date or priority are left out; medians and means skip unknown days.",
    (
        _DECISION_MONTH,
        _PRIORITY,
        ViewColumn("letters", "integer", "Letters decided in the month"),
        ViewColumn("median_days_received_to_decision", "float",
                   "Median of days_received_to_decision (mean of the two middle letters "
                   "for an even count)"),
        ViewColumn("mean_days_received_to_decision", "float",
                   "Mean of days_received_to_decision"),
        ViewColumn("median_days_assigned_to_decision", "float",
                   "Median of days_assigned_to_decision"),
        ViewColumn("mean_days_assigned_to_decision", "float",
                   "Mean of days_assigned_to_decision (DWC's \"average age from assigned "
                   "date\")"),
        ViewColumn("limit_days", "integer",
                   "The decision limit for the priority from time_limits; null when none"),
        ViewColumn("within_limit", "integer",
                   "Letters whose days_received_to_decision is at most limit_days"),
        ViewColumn("within_limit_share", "float",
                   "within_limit / letters with known days_received_to_decision"),
    ),
)

MIX_BY_DECISION_MONTH = View(
    "v_mix_by_decision_month",
    "The shares DWC and CWCI publish, per decision month: pharmaceuticals' share of items, "
    "opioids' share of pharmaceutical items, items per letter. Sum the counts by "
    "decision_year for whole years. Letters without a decision date are left out.",
    (
        ViewColumn("decision_year", "integer", "Year of the decision date"),
        _DECISION_MONTH,
        ViewColumn("letters", "integer", "Letters decided in the month (with or without items)"),
        ViewColumn("items", "integer", "Disputed items in those letters"),
        ViewColumn("items_per_letter", "float", "items / letters"),
        ViewColumn("pharmaceutical_items", "integer",
                   "Items of treatment_category pharmaceuticals"),
        ViewColumn("pharmaceutical_share", "float",
                   "pharmaceutical_items / items (items of unknown category count as "
                   "non-pharmaceutical); null without items"),
        ViewColumn("opioid_items", "integer", "Pharmaceutical items of drug_class opioid"),
        ViewColumn("opioid_share_of_pharmaceuticals", "float",
                   "opioid_items / pharmaceutical_items; null without pharmaceutical items"),
    ),
)


# In creation order: a view comes after the views it reads (downgrade drops in reverse).
VIEWS: tuple[View, ...] = (
    ITEM_DECISIONS,
    REVIEWER_STATES,
    CASE_OUTCOMES,
    *(_overturn_view(dimension) for dimension in DIMENSIONS),
    DWC_CASE_AGREEMENT,
    DWC_ITEM_AGREEMENT,
    PARSE_WARNINGS,
    TIMELINESS_BY_MONTH,
    MIX_BY_DECISION_MONTH,
)

VIEW_NAMES: tuple[str, ...] = tuple(view.name for view in VIEWS)
