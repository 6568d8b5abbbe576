"""Names as people read them: DWC's own spelling of its categories, column headers, notes.

The warehouse stores lower snake case codes (CONTRACT.md); the DWC writes "Evaluation &
Management" and "DMEPOS" (DOMAIN.md section 2), and so do the text, Markdown and HTML
reports. CSV and JSON keep the codes, for other programs.
"""

from __future__ import annotations

CATEGORY_LABELS = {
    "diagnostic_testing": "Diagnostic Testing",
    "dmepos": "DMEPOS",
    "evaluation_and_management": "Evaluation & Management",
    "home_health": "Home Health",
    "injection": "Injection",
    "pharmaceuticals": "Pharmaceuticals",
    "programs": "Programs",
    "psych_services": "Psych Services",
    "rehabilitation": "Rehabilitation",
    "surgery": "Surgery",
    "therapies": "Therapies",
    "transportation": "Transportation",
    "other": "Other",
}

_VALUE_LABELS: dict[str, dict[object, str]] = {
    "treatment_category": dict(CATEGORY_LABELS.items()),
    "modified_request": {0: "Denied request", 1: "Modified request"},
}

COLUMN_HEADERS = {
    "treatment_category": "Category",
    "treatment_subcategory": "Subcategory",
    "treatment_name": "Treatment",
    "drug_class": "Drug class",
    "reviewer_specialty": "Reviewer specialty",
    "reviewer_state": "Reviewer license state",
    "imro_guideline_source": "IMRO guideline source",
    "decision_year": "Decision year",
    "decision_month": "Decision month",
    "modified_request": "Request",
}

NOTES = {
    "reviewer_state": "A reviewer licensed in several states counts in each of them, so the "
                      "items of the states add up to more than all items.",
    "modified_request": "Modified: the claims administrator authorized part of the request "
                        "and the IMR decided the remaining portion.",
}
"""What a reader must know to read a dimension's table right."""


def value_label(column: str, value: object) -> str:
    """A grouping value as shown to people: the DWC's label, else the value itself."""
    if value is None:
        return ""
    return _VALUE_LABELS.get(column, {}).get(value, str(value))


def column_header(column: str) -> str:
    return COLUMN_HEADERS.get(column, column.replace("_", " ").capitalize())
