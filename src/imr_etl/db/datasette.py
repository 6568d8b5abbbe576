"""Datasette's metadata.json for the SQLite warehouse (`imr-etl db docs --datasette FILE`).

Built from the same sources as docs/schema.md (schema.py's comments, imr_etl.db.views), so
the descriptions Datasette shows are the data dictionary's. What Datasette adds: titles,
label columns (a link to a case shows its case number), facets, the full-text index of
each table, and the long text columns kept out of the default listings.

Datasette 0.65's metadata has no setting that hides a column by default, so each table
with long text gets a link (in its description) to the same listing with `_nocol` for
those columns, and a canned query that lists it without them.
"""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Table

from imr_etl.db.docs import column_description
from imr_etl.db.schema import metadata
from imr_etl.db.search import SQLITE_INDEXES
from imr_etl.db.views import VIEWS

DEFAULT_DATABASE_NAME = "imr_warehouse"
"""Datasette names a database after its file: imr_warehouse.db."""

_TITLES = {
    "cases": "Letters (cases)",
    "reviewers": "Reviewer profiles",
    "disputed_items": "Disputed items",
    "guideline_citations": "Guideline citations",
    "etl_runs": "Load runs",
    "rejected_letters": "Rejected letters",
    "time_limits": "Statutory time limits",
    "v_item_decisions": "Item decisions (one flat row per item)",
    "v_case_outcomes": "Case outcomes",
    "v_timeliness_by_month": "Days to decision by month",
    "v_mix_by_decision_month": "Pharmaceutical and opioid shares by month",
}

# What a link to a row of the table should read as.
LABEL_COLUMNS = {
    "cases": "case_key",
    "reviewers": "reviewer_key",
    "disputed_items": "request_text",
    "etl_runs": "started_at",
}

FACETS = {
    "cases": ["priority", "letter_format", "patient_sex"],
    "reviewers": ["specialty"],
    "disputed_items": ["decision", "treatment_category", "drug_class"],
    "guideline_citations": ["cited_by", "source"],
    "rejected_letters": ["stage"],
    "etl_runs": ["command", "status"],
    "v_item_decisions": ["decision", "treatment_category", "decision_month",
                         "imro_guideline_source"],
    "v_case_outcomes": ["outcome", "decision_month", "priority"],
}

LONG_TEXT_COLUMNS = {
    "cases": ["letter_text", "clinical_summary", "diagnoses"],
    "disputed_items": ["rationale"],
    "guideline_citations": ["raw_text"],
    "rejected_letters": ["raw_content"],
}
"""Whole letters, paragraphs and bytes: too long for a listing of many rows."""

# Views whose rows are disputed items, so the items' full-text index can search them.
_ITEM_VIEWS = ("v_item_decisions",)


def render_datasette_metadata(database_name: str = DEFAULT_DATABASE_NAME) -> dict[str, Any]:
    """The metadata.json document (as a dict) for a warehouse file named DATABASE_NAME.db."""
    tables: dict[str, Any] = {}
    for table in sorted(metadata.tables.values(), key=lambda t: t.name):
        tables[table.name] = _table_entry(table, database_name)
    for view in VIEWS:
        entry: dict[str, Any] = {
            "title": _TITLES.get(view.name, view.name),
            "description": view.description,
            "columns": {column.name: column.description for column in view.columns},
        }
        if view.name in FACETS:
            entry["facets"] = FACETS[view.name]
        if view.name in _ITEM_VIEWS:
            entry["fts_table"] = "disputed_items_fts"
            entry["fts_pk"] = "item_id"
        tables[view.name] = entry
    return {
        "title": "IMR final determinations warehouse",
        "description": "California workers' compensation Independent Medical Review letters, "
                       "parsed: start with the v_ views (overturn rates, outcomes, "
                       "timeliness). Every table and column is described; docs/schema.md "
                       "has the same dictionary.",
        "databases": {database_name: {
            "title": "IMR warehouse",
            "tables": tables,
            "queries": _canned_queries(),
        }},
    }


def _table_entry(table: Table, database_name: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "title": _TITLES.get(table.name, table.name),
        "description": table.comment or "",
        "columns": {column.name: column_description(table, column)
                    for column in table.columns},
    }
    if table.name in LABEL_COLUMNS:
        entry["label_column"] = LABEL_COLUMNS[table.name]
    if table.name in FACETS:
        entry["facets"] = FACETS[table.name]
    for index, (base, _, _) in SQLITE_INDEXES.items():
        if base == table.name:
            entry["fts_table"] = index
            entry["fts_pk"] = table.primary_key.columns.keys()[0]
    if table.name in LONG_TEXT_COLUMNS:
        hidden = LONG_TEXT_COLUMNS[table.name]
        query = urlencode([("_nocol", name) for name in hidden])
        entry["description_html"] = (
            f"{escape(table.comment or '')} <a href=\"/{database_name}/{table.name}?{query}\">"
            f"List without the long text columns</a> ({escape(', '.join(hidden))}).")
    return entry


def _canned_queries() -> dict[str, Any]:
    """One listing per long-text table, without its long columns."""
    queries = {}
    for name, hidden in LONG_TEXT_COLUMNS.items():
        table = metadata.tables[name]
        shown = ", ".join(column.name for column in table.columns if column.name not in hidden)
        key = table.primary_key.columns.keys()[0]
        queries[f"{name}_overview"] = {
            "title": f"{_TITLES.get(name, name)} without the long text",
            "description": f"Every column of {name} but {', '.join(hidden)}.",
            "sql": f"SELECT {shown} FROM {name} ORDER BY {key}",
        }
    return queries
