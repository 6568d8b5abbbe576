"""Full-text search over the requests, rationales and clinical summaries (`imr-etl search`).

The indexes are built by a migration and kept in step by the database itself, so the loader
knows nothing of them: on SQLite, FTS5 tables over disputed_items and cases with triggers on
insert, update and delete (the pattern of sqlite-utils' enable_fts(create_triggers=True));
on PostgreSQL, GIN indexes on tsvector expressions of the same columns.

Both databases must find the same rows, so both see the same words: the PostgreSQL
expression first turns every run of non-alphanumeric characters into a space, which is how
FTS5's unicode61 tokenizer splits text, and uses the `simple` configuration (lower case, no
stemming, no stop words), as unicode61 does. A query is a phrase: its words, in order,
adjacent, case-insensitive; punctuation in it is ignored ("4 A's" is the words 4, a, s).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text

# FTS5 tables (external content: the text stays in the base tables) and their triggers.
SQLITE_INDEXES = {
    "disputed_items_fts": ("disputed_items", "item_id", ("request_text", "rationale")),
    "cases_fts": ("cases", "case_id", ("clinical_summary",)),
}
# FTS5 keeps each index in shadow tables named after it.
_SHADOW_SUFFIXES = ("_data", "_idx", "_docsize", "_config", "_content")

# PostgreSQL: one GIN index per column, on exactly the expression the queries use.
POSTGRES_INDEXES = {
    "ix_disputed_items_request_text_fts": ("disputed_items", "request_text"),
    "ix_disputed_items_rationale_fts": ("disputed_items", "rationale"),
    "ix_cases_clinical_summary_fts": ("cases", "clinical_summary"),
}

_WORD = re.compile(r"[^\W_]+")


def postgres_vector(column: str) -> str:
    """The indexed tsvector expression of a column (the migration creates the same)."""
    return (f"to_tsvector('simple'::regconfig, "
            f"regexp_replace({column}, '[^[:alnum:]]+', ' ', 'g'))")


def is_search_object(name: str | None) -> bool:
    """True for the FTS5 tables, their shadow tables and the GIN indexes.

    Neither SQLAlchemy's models nor Alembic's autogenerate can describe them, so the model
    comparison leaves them out.
    """
    if not name:
        return False
    if name in POSTGRES_INDEXES or name in SQLITE_INDEXES:
        return True
    return any(name == base + suffix for base in SQLITE_INDEXES for suffix in _SHADOW_SUFFIXES)


def phrase_words(phrase: str) -> list[str]:
    """The words a phrase is searched as: alphanumeric runs, lower case."""
    return _WORD.findall(phrase.lower())


@dataclass(frozen=True, slots=True)
class SearchHit:
    case_key: str
    case_number: str | None
    decision_date: str | None
    item_number: int
    treatment_category: str | None
    decision: str
    request_text: str
    matched_in: tuple[str, ...]
    """Where the phrase occurs: request_text, rationale, clinical_summary."""


def search_items(connection: Connection, phrase: str, *, overturned: bool = False,
                 category: str | None = None, limit: int | None = None) -> list[SearchHit]:
    """Disputed items whose request, rationale or case summary contains the phrase.

    In case and item order. A phrase without any word finds nothing.
    """
    words = phrase_words(phrase)
    if not words:
        return []
    if connection.dialect.name == "sqlite":
        matches, params = _sqlite_matches(words)
    else:
        matches, params = _postgres_matches(words)
    filters = ""
    if overturned:
        filters += " AND d.decision = 'overturned'"
    if category is not None:
        filters += " AND d.treatment_category = :category"
        params["category"] = category
    sql = f"""
SELECT c.case_key, c.case_number, c.decision_date, d.item_number, d.treatment_category,
       d.decision, d.request_text,
       {matches['request_text']} AS in_request,
       {matches['rationale']} AS in_rationale,
       {matches['clinical_summary']} AS in_summary
FROM disputed_items d
JOIN cases c ON c.case_id = d.case_id
WHERE ({matches['request_text']} OR {matches['rationale']} OR {matches['clinical_summary']})
{filters}
ORDER BY c.case_key, d.item_number
{'LIMIT :limit' if limit is not None else ''}"""
    if limit is not None:
        params["limit"] = limit
    hits = []
    for row in connection.execute(text(sql), params):
        where = tuple(name for name, found in (("request_text", row.in_request),
                                               ("rationale", row.in_rationale),
                                               ("clinical_summary", row.in_summary)) if found)
        hits.append(SearchHit(
            case_key=row.case_key, case_number=row.case_number,
            decision_date=None if row.decision_date is None else str(row.decision_date),
            item_number=row.item_number, treatment_category=row.treatment_category,
            decision=row.decision, request_text=row.request_text, matched_in=where))
    return hits


def _sqlite_matches(words: list[str]) -> tuple[dict[str, str], dict[str, object]]:
    # An FTS5 phrase is a double-quoted string; the words hold no quotes. A column filter
    # ({col} : phrase) tells which column matched.
    phrase = '"' + " ".join(words) + '"'
    params: dict[str, object] = {
        "request_query": f"request_text : {phrase}",
        "rationale_query": f"rationale : {phrase}",
        "summary_query": phrase,
    }
    return {
        "request_text": "d.item_id IN (SELECT rowid FROM disputed_items_fts "
                        "WHERE disputed_items_fts MATCH :request_query)",
        "rationale": "d.item_id IN (SELECT rowid FROM disputed_items_fts "
                     "WHERE disputed_items_fts MATCH :rationale_query)",
        "clinical_summary": "d.case_id IN (SELECT rowid FROM cases_fts "
                            "WHERE cases_fts MATCH :summary_query)",
    }, params


def _postgres_matches(words: list[str]) -> tuple[dict[str, str], dict[str, object]]:
    # Subqueries on one table each, so each can be a bitmap scan of its GIN index.
    query = "phraseto_tsquery('simple'::regconfig, :phrase)"
    return {
        "request_text": "d.item_id IN (SELECT item_id FROM disputed_items "
                        f"WHERE {postgres_vector('request_text')} @@ {query})",
        "rationale": "d.item_id IN (SELECT item_id FROM disputed_items "
                     f"WHERE {postgres_vector('rationale')} @@ {query})",
        "clinical_summary": "d.case_id IN (SELECT case_id FROM cases "
                            f"WHERE {postgres_vector('clinical_summary')} @@ {query})",
    }, {"phrase": " ".join(words)}


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic's include_name hook: compare everything but the full-text search objects."""
    return not is_search_object(name)
