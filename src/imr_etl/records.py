"""Plain typed records passed between the stages. No database types here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class RawLetter:
    """One input file as extracted: its identity, its bytes' hash and its text."""

    source_name: str
    """File name without directories: the case key when the letter has no case number."""
    source_path: str
    sha256: str
    """Hex SHA-256 of the raw bytes, before any decoding."""
    text: str
    """Decoded (text files) or extracted (PDF) text, not yet cleaned."""


@dataclass(frozen=True, slots=True)
class CitationRecord:
    cited_by: str
    """`claims_administrator` or `imro`."""
    position: int
    source: str
    """`MTUS`, `ODG`, `ACOEM`, `other` or `none`."""
    guideline: str | None
    edition_year: int | None
    topic: str | None
    pages: str | None
    first_page: int | None
    last_page: int | None
    raw_text: str


@dataclass(frozen=True, slots=True)
class ItemRecord:
    item_number: int
    request_text: str
    """The disputed request (for a modified request: the remaining portion under review)."""
    decision: str
    """`upheld` (the denial stands) or `overturned` (the treatment is approved)."""
    rationale: str
    original_request: str | None = None
    authorized_request: str | None = None
    treatment_category: str | None = None
    treatment_subcategory: str | None = None
    treatment_name: str | None = None
    drug_class: str | None = None
    body_region: str | None = None
    strength: str | None = None
    quantity: float | None = None
    refills: int | None = None
    frequency: str | None = None
    sessions: int | None = None
    retrospective: bool = False
    treatment_rule: str | None = None
    """The lexicon entries that named the treatment: 'treatments.csv:42', 'drugs.csv:norco'."""
    unrecognized_ingredients: str | None = None
    """A compound's ingredients no lexicon row names, as written, '; '-separated."""
    citations: tuple[CitationRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class ReviewerRecord:
    reviewer_key: str
    specialty: str | None
    subspecialty: str | None
    license_states: str | None
    certifications: str | None
    """Every certification in the order written, `; `-separated."""


@dataclass(frozen=True, slots=True)
class LetterRecord:
    case_key: str
    source_name: str
    content_sha256: str
    letter_format: str
    """Which layout the letter was parsed as: `fdl_2014`, `fdl_2013` or `mpr`
    (see transform.formats.LETTER_FORMATS)."""
    parser_version: str
    lexicon_version: str
    letter_text: str
    """The cleaned text the record was parsed from, kept so `reprocess` needs no files."""
    case_number: str | None = None
    date_assigned: date | None = None
    decision_date: date | None = None
    ur_denial_date: date | None = None
    application_received_date: date | None = None
    priority: str | None = None
    reviewer: ReviewerRecord | None = None
    patient_age: int | None = None
    patient_sex: str | None = None
    date_of_injury: date | None = None
    diagnoses: str | None = None
    clinical_summary: str | None = None
    parse_warnings: str | None = None
    """The cross-checks of its format the letter fails, `; `-separated (transform.formats.
    checks); None when it passes them all."""
    items: tuple[ItemRecord, ...] = field(default=())
