"""Plain typed records passed between the stages. No database types here."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class RawLetter:
    """One input file as extracted: its identity, its bytes' hash and its text."""

    source_name: str
    """File name without directories."""
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
    source_path: str | None = None
    """The input's path relative to the ingest root (set by the pipeline, not the parser):
    the case key of a letter without a case number."""
    fingerprint_memo: str | None = field(default=None, init=False, repr=False, compare=False)
    """`fingerprint()` once computed. Not an argument, so a copy made with
    `dataclasses.replace` starts without it and computes its own."""

    def fingerprint(self) -> str:
        """Hash of everything the record writes, so an unchanged re-parse can be skipped.

        The parser and lexicon versions are left out: a new version that parses a letter to
        the same rows changes nothing but the stamp. So are the file's name and path:
        identical copies are one letter, whichever copy a case names. The dataclasses'
        repr is deterministic and covers every field; it is ten times faster than
        `dataclasses.asdict` + JSON. The parser process computes it (engine.parsing), and
        it travels with the record, off the writer's critical path.
        """
        memo = self.fingerprint_memo
        if memo is None:
            bare = dataclasses.replace(self, letter_text="", parser_version="",
                                       lexicon_version="", source_name="", source_path=None)
            memo = hashlib.sha256(repr(bare).encode()).hexdigest()
            # The record is frozen; the memo is a cache of its own value, not a change.
            object.__setattr__(self, "fingerprint_memo", memo)
        return memo


# What a run did, for the summary, --json, the log and etl_runs.


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be loaded, and why."""

    source_name: str
    stage: str
    reason: str
    source_path: str = ""
    """The input's path relative to the ingest root (its identity in rejected_letters)."""


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An input whose case number another input supersedes (it was not loaded)."""

    source_name: str
    source_path: str
    case_key: str
    reason: str
    """Which input holds the case instead, and why that one wins."""


@dataclass(slots=True)
class RunCounts:
    """Inputs by outcome. seen = loaded + unchanged + rejected + duplicate."""

    seen: int = 0
    loaded: int = 0
    unchanged: int = 0
    rejected: int = 0
    duplicate: int = 0
    warned: int = 0
    """Of the loaded, letters with parse warnings (v_parse_warnings); not part of seen."""
    items_loaded: int = 0
    """Disputed items of the loaded letters."""
    items_unmapped: int = 0
    """Of those, items without a treatment name: vocabulary the lexicon lacks."""

    def add(self, other: RunCounts) -> None:
        self.seen += other.seen
        self.loaded += other.loaded
        self.unchanged += other.unchanged
        self.rejected += other.rejected
        self.duplicate += other.duplicate
        self.warned += other.warned
        self.items_loaded += other.items_loaded
        self.items_unmapped += other.items_unmapped

    def plus(self, other: RunCounts) -> RunCounts:
        total = RunCounts(self.seen, self.loaded, self.unchanged, self.rejected, self.duplicate,
                          self.warned, self.items_loaded, self.items_unmapped)
        total.add(other)
        return total


@dataclass(slots=True)
class RunReport:
    """What a run did. `loaded` counts what this run itself wrote: a case that another run
    wrote first counts as unchanged here."""

    command: str
    run_id: int | None = None
    counts: RunCounts = field(default_factory=RunCounts)
    rejections: list[Rejection] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    interrupted_by: int | None = None
    """The signal number that stopped the run early, if one did."""

    @property
    def seen(self) -> int:
        return self.counts.seen

    @property
    def loaded(self) -> int:
        return self.counts.loaded

    @property
    def unchanged(self) -> int:
        return self.counts.unchanged

    @property
    def rejected(self) -> int:
        return self.counts.rejected

    @property
    def duplicate(self) -> int:
        return self.counts.duplicate

    @property
    def warned(self) -> int:
        return self.counts.warned

    @property
    def items_loaded(self) -> int:
        return self.counts.items_loaded

    @property
    def items_unmapped(self) -> int:
        return self.counts.items_unmapped

    @property
    def status(self) -> str:
        if self.interrupted_by is not None:
            return "interrupted"
        return "rejections" if self.rejections else "succeeded"
