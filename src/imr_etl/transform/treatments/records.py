"""The treatment record a request is normalized into, and the lexicon rows that name it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TreatmentRecord:
    """The normalized treatment named by one request."""

    category: str
    """DWC request category in lower snake case; 'other' when the lexicon knows nothing."""
    subcategory: str | None
    """DWC subcategory as DWC spells it; for drugs the DWC drug class."""
    name: str | None
    """Generic drug name(s) joined by '/', or the procedure; None when unknown."""
    drug_class: str | None
    body_region: str | None
    """Regions in text order joined by '; ', e.g. 'cervical; right hand'."""
    strength: str | None
    """As written, lower case: '10/325mg', '7.5-325mg', '5%'; several joined by '/'."""
    quantity: float | None
    refills: int | None
    frequency: str | None
    """As written, lower-cased: 'bid', 'q6hrs prn', '2 times a week'."""
    sessions: int | None
    """Visits requested, for non-drug requests: '2 times a week for 4 weeks' -> 8."""
    retrospective: bool
    rule: str | None = None
    """The lexicon entries that named it: 'treatments.csv:42', 'drugs.csv:norco', several
    joined by '; ' (a compound's ingredients in order); None when nothing matched."""
    unrecognized: str | None = None
    """Ingredients of a compound the lexicon does not know, as written, joined by '; ': the
    item is mapped only in part."""


@dataclass(frozen=True, slots=True)
class DrugTerm:
    """One row of drugs.csv."""

    term: str
    generic_names: tuple[str, ...]
    drug_class: str
    dwc_subcategory: str | None

    @property
    def rule(self) -> str:
        """Its provenance label: 'drugs.csv:ms contin' (the term, stable across edits)."""
        return f"drugs.csv:{self.term}"

    @property
    def written_short(self) -> bool:
        """Whether the term is the beginning of an ingredient's name, as compounding
        pharmacies write it: 'keto' (ketoprofen), 'lido' (lidocaine)."""
        return any(name != self.term and name.startswith(self.term) for name in self.generic_names)


@dataclass(frozen=True, slots=True)
class TreatmentRule:
    """One row of treatments.csv."""

    pattern: str
    category: str
    subcategory: str | None
    name: str | None
    line: int = 0
    """Its line in treatments.csv, which names it in provenance: 'treatments.csv:42'."""

    @property
    def rule(self) -> str:
        return f"treatments.csv:{self.line}"


@dataclass(frozen=True, slots=True)
class RegionRule:
    """One row of body_regions.csv."""

    pattern: str
    body_region: str
    line: int = 0
    """Its line in body_regions.csv, for error messages."""


@dataclass(frozen=True, slots=True)
class Category:
    """One row of categories.csv: a DWC request category."""

    category: str
    """Lower snake case, as stored in disputed_items.treatment_category."""
    dwc_name: str
    """As DWC writes it: 'Diagnostic Testing'."""
    counts: str
    """What a '#N' or 'x N' in its requests counts: 'sessions', 'quantity' or 'none'; or
    'days': sessions, and a request's days are its visits ('Functional restoration program x
    10 days')."""
