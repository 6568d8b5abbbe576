"""What a layout's parser hands to transform_letter: a letter's parts, before items are classified.

Each layout (the main one, 2013's, the medical professional review) finds its own headings;
turning the parts into a LetterRecord is the same for all of them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from imr_etl.transform.items import ItemText

FDL_2014 = "fdl_2014"
"""The main layout, 2014 on: 'HOW THE IMR FINAL DETERMINATION WAS MADE' (DOMAIN.md F1, F2)."""
FDL_2013 = "fdl_2013"
"""2013's 'Notice of Independent Medical Review Determination' with numbered decisions."""
MPR = "mpr"
"""'MEDICAL PROFESSIONAL REVIEW' with 'ISSUE AT DISPUTE:' (DOMAIN.md F3)."""
LETTER_FORMATS = (FDL_2014, FDL_2013, MPR)


@dataclass(frozen=True, slots=True)
class LetterParts:
    letter_format: str
    """One of LETTER_FORMATS."""
    header: Mapping[str, object]
    """Case-level fields, named as parse_header names them: case_number, the dates, priority."""
    reviewer_text: str
    """The text stating the reviewer's credentials."""
    summary: str
    """The clinical case summary: patient, injury date, diagnoses."""
    items: tuple[ItemText, ...]


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
