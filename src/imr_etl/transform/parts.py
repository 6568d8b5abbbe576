"""What a layout's parser hands to transform_letter: a letter's parts, before items are classified.

Each layout (the main one, 2013's, the medical professional review) finds its own headings;
turning the parts into a LetterRecord is the same for all of them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from imr_etl.records import CitationRecord

DECISIONS = ("upheld", "overturned")
"""What a format hands over as an item's decision: the denial stands, or is reversed."""


class LetterFormatError(ValueError):
    """The text is a letter of the format, but cut off or unreadable; the message says why."""


@dataclass(frozen=True, slots=True)
class LetterHeader:
    """Case-level fields a format reads from its letter's first page and procedural text."""

    case_number: str | None = None
    date_assigned: date | None = None
    decision_date: date | None = None
    ur_denial_date: date | None = None
    application_received_date: date | None = None
    date_of_injury: date | None = None
    priority: str | None = None
    """`standard` or `expedited`."""


@dataclass(frozen=True, slots=True)
class ItemParts:
    """One disputed item as its format read it, before its request is classified."""

    request_text: str
    decision: str
    """One of DECISIONS."""
    rationale: str
    citations: tuple[CitationRecord, ...] = ()
    original_request: str | None = None
    authorized_request: str | None = None


@dataclass(frozen=True, slots=True)
class LetterParts:
    letter_format: str
    """The format's NAME (transform.formats)."""
    header: LetterHeader
    reviewer_text: str
    """The text stating the reviewer's credentials."""
    summary: str
    """The clinical case summary: patient, injury date, diagnoses."""
    items: tuple[ItemParts, ...]


def decision_of(number: int, request: str, word: str) -> str:
    """`upheld` or `overturned` for the decision word an item states, or LetterFormatError.

    >>> decision_of(1, "Norco", "UPHELD")
    'upheld'
    """
    decision = word.lower()
    if decision not in DECISIONS:
        raise LetterFormatError(
            f"item {number} ({request[:60]!r}) has the decision {word!r}, neither Upheld nor "
            "Overturned")
    return decision


def heading_pattern(heading: str) -> str:
    """A regex for a heading whose words may wrap, or be glued together by PDF extraction.

    >>> re.fullmatch(heading_pattern("ISSUE AT DISPUTE:"), "ISSUE AT\\nDISPUTE:") is not None
    True
    """
    return r"\s*".join(re.escape(word) for word in heading.split())


def cut_sections(
    text: str, headings: Mapping[str, re.Pattern[str]]
) -> tuple[str, dict[str, str]]:
    """The text before the first heading found, and the text under each heading found (its
    first occurrence) up to the next heading found.

    >>> cut_sections("0 A: one B: two", {"a": re.compile("A:"), "b": re.compile("B:")})
    ('0', {'a': 'one', 'b': 'two'})
    """
    found = {name: match for name, pattern in headings.items() if (match := pattern.search(text))}
    starts = sorted(match.start() for match in found.values())
    sections = {}
    for name, match in found.items():
        following = [start for start in starts if start >= match.end()]
        sections[name] = text[match.end(): following[0] if following else len(text)].strip()
    preface = text[: starts[0]] if starts else text
    return preface.strip(), sections
