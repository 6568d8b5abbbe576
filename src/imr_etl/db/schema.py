"""Every table of the warehouse (CONTRACT.md), as SQLAlchemy Core. Alembic's target metadata."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
)

# One naming convention keeps constraint names equal on SQLite and PostgreSQL, so
# migrations can drop or alter them by name on both.
metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

reviewers = Table(
    "reviewers", metadata,
    Column("reviewer_id", Integer, primary_key=True),
    Column("reviewer_key", Text, nullable=False, unique=True,
           comment="Deterministic from the normalized profile: certifications|states"),
    Column("specialty", Text, comment="Primary board certification, one spelling"),
    Column("subspecialty", Text, comment="Second certification or stated subspecialty"),
    Column("license_states", Text, comment="Two-letter codes in the order written: TX,FL"),
    Column("certifications", Text, comment="Every certification in order, '; '-separated"),
    # 0002: for the analyst views and filters.
    Index("ix_reviewers_specialty", "specialty"),
    comment="One row per distinct reviewer profile (letters name no reviewer).",
)

cases = Table(
    "cases", metadata,
    Column("case_id", Integer, primary_key=True),
    Column("case_key", Text, nullable=False, unique=True,
           comment="IMR case number, or the input's path relative to the ingest root when "
                   "the letter carries none"),
    Column("case_number", Text, comment="CMyy-nnnnnnn from the first page"),
    Column("date_assigned", Date),
    Column("decision_date", Date),
    Column("ur_denial_date", Date),
    Column("application_received_date", Date),
    Column("priority", Text, comment="standard or expedited"),
    Column("source_name", Text, nullable=False, comment="File the letter was last ingested from"),
    Column("content_sha256", Text, nullable=False, comment="Hex SHA-256 of the raw bytes"),
    Column("reviewer_id", Integer, ForeignKey("reviewers.reviewer_id")),
    Column("patient_age", Integer),
    Column("patient_sex", Text, comment="male or female"),
    Column("date_of_injury", Date),
    Column("diagnoses", Text, comment="As listed, '; '-separated"),
    Column("clinical_summary", Text, comment="Reflowed to one paragraph"),
    Column("letter_format", Text, nullable=False, comment="Layout the letter was parsed as"),
    Column("parse_warnings", Text,  # 0005
           comment="Cross-checks of its format the letter fails, '; '-separated; null: none"),
    Column("parser_version", Text, nullable=False),
    Column("lexicon_version", Text, nullable=False),
    Column("letter_text", Text, nullable=False, comment="Cleaned text, for reprocessing"),
    Column("record_sha256", Text, nullable=False,
           comment="Hash of the parsed rows: reprocess rewrites a case only when it changes"),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
    # 0010
    Column("source_path", Text, comment="Path of the input relative to the ingest root; "
                                        "the key of a letter without a case number"),
    Column("run_id", Integer, comment="The run that last wrote the case (etl_runs.run_id)"),
    CheckConstraint("priority IN ('standard', 'expedited')", name="priority"),
    CheckConstraint("patient_sex IN ('male', 'female')", name="patient_sex"),
    # Covers the unchanged-letter look-up (writer.find_unchanged) without reading the row,
    # whose text comes before source_path (0011).
    Index("ix_cases_content_sha256", "content_sha256", "case_key", "case_number",
          "source_path"),
    Index("ix_cases_decision_date", "decision_date"),
    Index("ix_cases_reviewer_id", "reviewer_id"),
    Index("ix_cases_case_number", "case_number"),  # 0002
    comment="One row per letter.",
)

disputed_items = Table(
    "disputed_items", metadata,
    Column("item_id", Integer, primary_key=True),
    Column("case_id", Integer, ForeignKey("cases.case_id", ondelete="CASCADE"), nullable=False),
    Column("item_number", Integer, nullable=False, comment="1-based, in letter order"),
    Column("request_text", Text, nullable=False,
           comment="As written (remaining portion for a modified request), no decision"),
    Column("decision", Text, nullable=False, comment="upheld or overturned"),
    Column("treatment_category", Text, comment="DWC request category, lower snake case"),
    Column("treatment_subcategory", Text,
           comment="DWC subcategory or drug class, as DWC spells it"),
    Column("treatment_name", Text, comment="Generic drug name(s) joined by / or the procedure"),
    Column("drug_class", Text, comment="opioid, muscle relaxant, ...; null for non-drugs"),
    Column("rationale", Text, nullable=False, comment="The decision rationale, reflowed"),
    Column("original_request", Text, comment="Modified requests: the original request"),
    Column("authorized_request", Text,
           comment="Modified requests: what the claims administrator authorized"),
    Column("body_region", Text),
    Column("strength", Text, comment="As written: 10/325 mg"),
    Column("quantity", Float),
    Column("refills", Integer),
    Column("frequency", Text),
    Column("sessions", Integer),
    Column("retrospective", Boolean, nullable=False),
    # 0009
    Column("treatment_rule", Text,
           comment="Lexicon entries that named the treatment: treatments.csv:42, drugs.csv:norco"),
    Column("unrecognized_ingredients", Text,
           comment="Compound ingredients no lexicon row names, as written; ; -separated"),
    UniqueConstraint("case_id", "item_number"),
    CheckConstraint("decision IN ('upheld', 'overturned')", name="decision"),
    Index("ix_disputed_items_treatment_category", "treatment_category"),
    Index("ix_disputed_items_drug_class", "drug_class"),
    # 0002: for the analyst views and filters.
    Index("ix_disputed_items_decision", "decision"),
    Index("ix_disputed_items_treatment_subcategory", "treatment_subcategory"),
    Index("ix_disputed_items_treatment_name", "treatment_name"),
    comment="One row per disputed treatment in a letter.",
)

guideline_citations = Table(
    "guideline_citations", metadata,
    Column("citation_id", Integer, primary_key=True),
    Column("item_id", Integer, ForeignKey("disputed_items.item_id", ondelete="CASCADE"),
           nullable=False),
    Column("cited_by", Text, nullable=False, comment="claims_administrator or imro"),
    Column("position", Integer, nullable=False, comment="1-based within that party's paragraph"),
    Column("source", Text, nullable=False, comment="MTUS, ODG, ACOEM, other or none"),
    Column("guideline", Text,
           comment="Canonical document: MTUS Chronic Pain Medical Treatment Guidelines"),
    Column("edition_year", Integer, comment="Edition year where cited: 2004, 2009, 2016"),
    Column("topic", Text),
    Column("pages", Text, comment="As written: 60-61, 76-78, 88-89"),
    Column("first_page", Integer),
    Column("last_page", Integer),
    Column("raw_text", Text, nullable=False, comment="The citation as written"),
    UniqueConstraint("item_id", "cited_by", "position"),
    CheckConstraint("cited_by IN ('claims_administrator', 'imro')", name="cited_by"),
    CheckConstraint("source IN ('MTUS', 'ODG', 'ACOEM', 'other', 'none')", name="source"),
    # 0002: for the analyst views and filters.
    Index("ix_guideline_citations_source", "source"),
    Index("ix_guideline_citations_guideline", "guideline"),
    comment="What each party based its decision on, per item.",
)

etl_runs = Table(
    "etl_runs", metadata,
    Column("run_id", Integer, primary_key=True),
    Column("command", Text, nullable=False, comment="ingest or reprocess"),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("status", Text, nullable=False,
           comment="running, succeeded, rejections, failed, interrupted or abandoned"),
    Column("files_seen", Integer, nullable=False, default=0),
    Column("files_loaded", Integer, nullable=False, default=0),
    Column("files_unchanged", Integer, nullable=False, default=0),
    Column("files_rejected", Integer, nullable=False, default=0),
    Column("parser_version", Text, nullable=False),
    # 0009
    Column("items_loaded", Integer, nullable=False, server_default="0",
           comment="Disputed items written by the run"),
    Column("items_unmapped", Integer, nullable=False, server_default="0",
           comment="Items loaded without a treatment name: new vocabulary to add"),
    # 0010
    Column("files_duplicate", Integer, nullable=False, default=0, server_default="0",
           comment="Letters whose case another input of the run supersedes"),
    Column("pid", Integer, comment="Process id of the run"),
    Column("host", Text, comment="Host name of the run's machine"),
    comment="One row per ingest or reprocess run.",
)

rejected_letters = Table(
    "rejected_letters", metadata,
    Column("rejected_id", Integer, primary_key=True),
    Column("source_name", Text, nullable=False),
    Column("source_path", Text, nullable=False, unique=True,
           comment="Path of the input relative to the ingest root: one row per input"),
    Column("content_sha256", Text, nullable=False),
    Column("stage", Text, nullable=False, comment="extract, transform or load"),
    Column("reason", Text, nullable=False, comment="What is wrong and what to do"),
    Column("raw_content", LargeBinary,
           comment="The bytes as received; null when the letter came from the warehouse "
                   "(reprocess)"),
    Column("first_seen_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Column("run_id", Integer, ForeignKey("etl_runs.run_id")),
    comment="Inputs that could not be loaded; a row goes once its file loads.",
)


# 0013: what an ingest knows of each input file, so a re-run skips a file it has read
# before without reading it again (engine.sources).
input_files = Table(
    "input_files", metadata,
    Column("source_path", Text, primary_key=True,
           comment="Path of the input relative to the ingest root (as in rejected_letters)"),
    Column("file_signature", Text, nullable=False,
           comment="Size, modification and change times (ns), device and inode when it was read"),
    Column("content_sha256", Text, nullable=False,
           comment="SHA-256 of the bytes read then, as cases.content_sha256"),
    Column("read_at", DateTime(timezone=True), nullable=False, comment="When it was read"),
    comment="Each input file as an ingest last read it: a file whose signature is unchanged "
            "is not read again. Bookkeeping; rows of deleted files stay, harmless.",
)


# The lexicon (src/imr_etl/lexicon/*.csv) as lookup tables, rewritten by each run whose
# lexicon differs, so analysts can join on the vocabulary that made the normalized columns.
lexicon_drugs = Table(
    "lexicon_drugs", metadata,
    Column("term", Text, primary_key=True, comment="Brand or generic spelling, lower case"),
    Column("generic_name", Text, nullable=False,
           comment="Generic ingredient(s) joined by /: joins disputed_items.treatment_name"),
    Column("drug_class", Text, nullable=False),
    Column("dwc_subcategory", Text, comment="DWC's drug class as DWC spells it"),
    Column("rule", Text, comment="drugs.csv:<term>: joins disputed_items.treatment_rule"),  # 0009
    comment="Drug vocabulary: every term the lexicon recognises and what it maps to.",
)

lexicon_treatments = Table(
    "lexicon_treatments", metadata,
    Column("rule_order", Integer, primary_key=True, comment="Rules are tried in this order"),
    Column("pattern", Text, nullable=False, comment="Case-insensitive regular expression"),
    Column("category", Text, nullable=False),
    Column("subcategory", Text),
    Column("name", Text, comment="Normalized procedure; joins disputed_items.treatment_name"),
    Column("rule", Text,  # 0009
           comment="treatments.csv:<line>: joins disputed_items.treatment_rule"),
    comment="Non-drug treatment vocabulary: request patterns to DWC categories.",
)

lexicon_body_regions = Table(
    "lexicon_body_regions", metadata,
    Column("rule_order", Integer, primary_key=True),
    Column("pattern", Text, nullable=False),
    Column("body_region", Text, nullable=False),
    comment="Body-region vocabulary: request patterns to regions.",
)

lexicon_categories = Table(  # 0009
    "lexicon_categories", metadata,
    Column("category", Text, primary_key=True, comment="Joins disputed_items.treatment_category"),
    Column("dwc_name", Text, nullable=False, comment="As DWC writes it"),
    Column("counts", Text, nullable=False,
           comment="What a count in such a request is: sessions, days (sessions, a day one),"
                   " quantity or none"),  # 0014
    comment="DWC request categories.",
)

lexicon_specialties = Table(  # 0009
    "lexicon_specialties", metadata,
    Column("spelling", Text, primary_key=True, comment="Lower case, as letters write it"),
    Column("specialty", Text, nullable=False, comment="Joins reviewers.specialty"),
    comment="Reviewer certification spellings to one name each.",
)

lexicon_states = Table(  # 0009
    "lexicon_states", metadata,
    Column("name", Text, primary_key=True, comment="Lower case state name"),
    Column("code", Text, nullable=False, comment="Two-letter code"),
    comment="Licence state names to the codes in reviewers.license_states.",
)

lexicon_versions = Table(
    "lexicon_versions", metadata,
    Column("version", Text, primary_key=True, comment="Short hash of the lexicon files"),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
    comment="The lexicon now in the lookup tables (one row).",
)


# The DWC's own labels from its public decision search (imr-etl fetch), kept beside the
# parsed letters so the views can compare the two: a running check of parsing and
# normalization against the DWC's coding. Keyed by case number, not by cases.case_id: the
# search lists letters before (or without) their PDFs being loaded.
dwc_search_cases = Table(
    "dwc_search_cases", metadata,
    Column("case_number", Text, primary_key=True, comment="CMyy-nnnnnnn as the search lists it"),
    Column("case_outcome", Text, nullable=False,
           comment="As the DWC writes it: Uphold, Overturn or Partial Overturn"),
    Column("outcome", Text,
           comment="upheld, partially_overturned or overturned (v_case_outcomes' values)"),
    Column("decision_date", Date),
    Column("date_of_injury", Date),
    Column("received_date", Date, comment="The search's Received Date"),
    Column("reviewer_specialty", Text, comment="IMRO Reviewer Specialty as the DWC writes it"),
    Column("pdf_url", Text, nullable=False, comment="Where the letter's PDF was listed"),
    Column("fetched_at", DateTime(timezone=True), nullable=False),
    comment="One row per letter as the DWC decision search lists it.",
)

dwc_search_treatments = Table(
    "dwc_search_treatments", metadata,
    Column("case_number", Text, primary_key=True),
    Column("position", Integer, primary_key=True,
           comment="1-based order within the case, as listed: compared with item_number"),
    Column("request_category", Text, nullable=False,
           comment="DWC's Request Category as written: Pharmaceuticals, DMEPOS, ..."),
    Column("category", Text,
           comment="The same in lower snake case, as disputed_items.treatment_category"),
    Column("subcategory", Text, comment="DWC's SubCategory/Drug as written"),
    Column("request_decision", Text, nullable=False, comment="As written: Uphold or Overturn"),
    Column("decision", Text, comment="upheld or overturned, as disputed_items.decision"),
    Column("fetched_at", DateTime(timezone=True), nullable=False),
    comment="One row per disputed treatment as the DWC decision search lists it.",
)


# 0006: the statutory IMR time limits (DOMAIN.md section 7) as documented configuration,
# filled by the migration and read by v_timeliness_by_month.
time_limits = Table(
    "time_limits", metadata,
    Column("limit_name", Text, primary_key=True,
           comment="imr_decision_standard, imr_decision_expedited, imr_application_filing"),
    Column("measure", Text, nullable=False,
           comment="The view column the limit applies to: days_received_to_decision or "
                   "days_ur_denial_to_application"),
    Column("priority", Text, comment="standard or expedited; null when the limit holds for both"),
    Column("days", Integer, nullable=False, comment="The limit in days"),
    Column("legal_source", Text, nullable=False, comment="Statute or regulation that sets it"),
    Column("note", Text, nullable=False,
           comment="What it says and how the warehouse measures it"),
    comment="Statutory IMR time limits, read by v_timeliness_by_month; edit a row to change "
            "a limit.",
)


# Descriptions of the columns above that carry no comment= of their own (keys, dates,
# counts), set here so every column of the warehouse has one: docs/schema.md, Datasette's
# metadata and the database's own comments (PostgreSQL COMMENT ON, set by the column
# comments migration) all read them.
_COLUMN_NOTES = {
    ("cases", "case_id"): "Surrogate key; disputed_items.case_id refers to it",
    ("cases", "date_assigned"): 'First-page header "Date Assigned"',
    ("cases", "decision_date"): 'First-page header "Decision Date"; null when the letter '
                                "has no first page",
    ("cases", "ur_denial_date"): 'First-page header "UR Denial Date"',
    ("cases", "application_received_date"): 'First-page header "Application Received"',
    ("cases", "reviewer_id"): "The reviewer profile that decided the letter",
    ("cases", "patient_age"): "Injured worker's age as stated in the letter",
    ("cases", "date_of_injury"): "As stated in the letter",
    ("cases", "parser_version"): "imr-etl parser version that parsed the letter",
    ("cases", "lexicon_version"): "Version of the treatment lexicon that classified the items",
    ("cases", "loaded_at"): "When this version of the case was written",
    ("disputed_items", "item_id"): "Surrogate key; kept when a letter is replaced",
    ("disputed_items", "case_id"): "The letter the item is decided in",
    ("disputed_items", "body_region"): "Body region the request names, where stated",
    ("disputed_items", "quantity"): "Quantity requested (QTY, #)",
    ("disputed_items", "refills"): "Refills requested",
    ("disputed_items", "frequency"): "Dosing or visit frequency as written",
    ("disputed_items", "sessions"): "Sessions or visits requested",
    ("disputed_items", "retrospective"): "True for a retrospective request (service given)",
    ("dwc_search_cases", "decision_date"): "The search's Decision Date",
    ("dwc_search_cases", "date_of_injury"): "The search's Date of Injury",
    ("dwc_search_cases", "fetched_at"): "When the search page was read",
    ("dwc_search_treatments", "case_number"): "dwc_search_cases.case_number",
    ("dwc_search_treatments", "fetched_at"): "When the search page was read",
    ("etl_runs", "run_id"): "Surrogate key, in run order",
    ("etl_runs", "started_at"): "When the run started",
    ("etl_runs", "finished_at"): "When it ended; null while running or after a crash",
    ("etl_runs", "files_seen"): "Files offered to the run",
    ("etl_runs", "files_loaded"): "Files written (new or changed letters)",
    ("etl_runs", "files_unchanged"): "Files skipped: already loaded with the same content",
    ("etl_runs", "files_rejected"): "Files rejected (see rejected_letters)",
    ("etl_runs", "parser_version"): "imr-etl parser version of the run",
    ("guideline_citations", "citation_id"): "Surrogate key",
    ("guideline_citations", "item_id"): "The disputed item the citation belongs to",
    ("guideline_citations", "topic"): "Section or topic cited: Opioids - Ongoing Management",
    ("guideline_citations", "first_page"): "First page number in pages",
    ("guideline_citations", "last_page"): "Last page number in pages",
    ("lexicon_body_regions", "rule_order"): "Rules are tried in this order",
    ("lexicon_body_regions", "pattern"): "Case-insensitive regular expression",
    ("lexicon_body_regions", "body_region"): "Region a matching request names",
    ("lexicon_drugs", "drug_class"): "Class: joins disputed_items.drug_class",
    ("lexicon_treatments", "category"): "DWC request category, lower snake case",
    ("lexicon_treatments", "subcategory"): "DWC subcategory as DWC spells it",
    ("lexicon_versions", "loaded_at"): "When the lookup tables were rewritten",
    ("rejected_letters", "rejected_id"): "Surrogate key",
    ("rejected_letters", "source_name"): "File name of the rejected input",
    ("rejected_letters", "content_sha256"): "Hex SHA-256 of the bytes",
    ("rejected_letters", "first_seen_at"): "When a run first rejected it",
    ("rejected_letters", "last_seen_at"): "When a run last rejected it",
    ("rejected_letters", "run_id"): "The latest run that rejected it",
    ("reviewers", "reviewer_id"): "Surrogate key; cases.reviewer_id refers to it",
}

for (_table, _column), _note in _COLUMN_NOTES.items():
    if metadata.tables[_table].c[_column].comment is None:  # a comment= above wins
        metadata.tables[_table].c[_column].comment = _note
