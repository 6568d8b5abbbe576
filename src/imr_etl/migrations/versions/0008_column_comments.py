"""Describe every column inside the database: comments for the columns that had none

Revision ID: 0008
Revises: 0007

PostgreSQL only (SQLite keeps no comments): COMMENT ON COLUMN for the keys, dates and counts
whose description lived only in docs/schema.md, so that psql's \\d+, Metabase and DBeaver show
it. schema.py carries the same text (its _COLUMN_NOTES); the views' comments are set after
every upgrade by imr_etl.db.comments, because rebuilding a view drops them.
"""

from __future__ import annotations

from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

_COMMENTS = [
    ('cases', 'case_id', 'Surrogate key; disputed_items.case_id refers to it'),
    ('cases', 'date_assigned', 'First-page header "Date Assigned"'),
    ('cases', 'decision_date', 'First-page header "Decision Date"; null when the letter has no first page'),
    ('cases', 'ur_denial_date', 'First-page header "UR Denial Date"'),
    ('cases', 'application_received_date', 'First-page header "Application Received"'),
    ('cases', 'reviewer_id', 'The reviewer profile that decided the letter'),
    ('cases', 'patient_age', "Injured worker's age as stated in the letter"),
    ('cases', 'date_of_injury', 'As stated in the letter'),
    ('cases', 'parser_version', 'imr-etl parser version that parsed the letter'),
    ('cases', 'lexicon_version', 'Version of the treatment lexicon that classified the items'),
    ('cases', 'loaded_at', 'When this version of the case was written'),
    ('disputed_items', 'item_id', 'Surrogate key; kept when a letter is replaced'),
    ('disputed_items', 'case_id', 'The letter the item is decided in'),
    ('disputed_items', 'body_region', 'Body region the request names, where stated'),
    ('disputed_items', 'quantity', 'Quantity requested (QTY, #)'),
    ('disputed_items', 'refills', 'Refills requested'),
    ('disputed_items', 'frequency', 'Dosing or visit frequency as written'),
    ('disputed_items', 'sessions', 'Sessions or visits requested'),
    ('disputed_items', 'retrospective', 'True for a retrospective request (service given)'),
    ('dwc_search_cases', 'decision_date', "The search's Decision Date"),
    ('dwc_search_cases', 'date_of_injury', "The search's Date of Injury"),
    ('dwc_search_cases', 'fetched_at', 'When the search page was read'),
    ('dwc_search_treatments', 'case_number', 'dwc_search_cases.case_number'),
    ('dwc_search_treatments', 'fetched_at', 'When the search page was read'),
    ('etl_runs', 'run_id', 'Surrogate key, in run order'),
    ('etl_runs', 'started_at', 'When the run started'),
    ('etl_runs', 'finished_at', 'When it ended; null while running or after a crash'),
    ('etl_runs', 'files_seen', 'Files offered to the run'),
    ('etl_runs', 'files_loaded', 'Files written (new or changed letters)'),
    ('etl_runs', 'files_unchanged', 'Files skipped: already loaded with the same content'),
    ('etl_runs', 'files_rejected', 'Files rejected (see rejected_letters)'),
    ('etl_runs', 'parser_version', 'imr-etl parser version of the run'),
    ('guideline_citations', 'citation_id', 'Surrogate key'),
    ('guideline_citations', 'item_id', 'The disputed item the citation belongs to'),
    ('guideline_citations', 'topic', 'Section or topic cited: Opioids - Ongoing Management'),
    ('guideline_citations', 'first_page', 'First page number in pages'),
    ('guideline_citations', 'last_page', 'Last page number in pages'),
    ('lexicon_body_regions', 'rule_order', 'Rules are tried in this order'),
    ('lexicon_body_regions', 'pattern', 'Case-insensitive regular expression'),
    ('lexicon_body_regions', 'body_region', 'Region a matching request names'),
    ('lexicon_drugs', 'drug_class', 'Class: joins disputed_items.drug_class'),
    ('lexicon_treatments', 'category', 'DWC request category, lower snake case'),
    ('lexicon_treatments', 'subcategory', 'DWC subcategory as DWC spells it'),
    ('lexicon_versions', 'loaded_at', 'When the lookup tables were rewritten'),
    ('rejected_letters', 'rejected_id', 'Surrogate key'),
    ('rejected_letters', 'source_name', 'File name of the rejected input'),
    ('rejected_letters', 'content_sha256', 'Hex SHA-256 of the bytes'),
    ('rejected_letters', 'first_seen_at', 'When a run first rejected it'),
    ('rejected_letters', 'last_seen_at', 'When a run last rejected it'),
    ('rejected_letters', 'run_id', 'The latest run that rejected it'),
    ('reviewers', 'reviewer_id', 'Surrogate key; cases.reviewer_id refers to it'),
]


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def upgrade() -> None:
    if op.get_context().dialect.name != 'postgresql':
        return
    for table, column, comment in _COMMENTS:
        op.execute(f'COMMENT ON COLUMN {table}.{column} IS {_quoted(comment)}')


def downgrade() -> None:
    if op.get_context().dialect.name != 'postgresql':
        return
    for table, column, _ in _COMMENTS:
        op.execute(f'COMMENT ON COLUMN {table}.{column} IS NULL')
