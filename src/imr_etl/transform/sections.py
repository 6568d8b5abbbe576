"""Split a cleaned letter into its headed sections."""

from __future__ import annotations

import re
from dataclasses import dataclass

from imr_etl.transform.parts import cut_sections

# The main layout, 2014 onwards (DOMAIN.md "F1"/"F2"). Headings are matched in upper
# case anywhere in the text, not by line, so a heading glued to a page break still counts.
_HEADINGS = {
    "how": r"HOW THE IMR FINAL DETERMINATION WAS MADE",
    "documents": r"DOCUMENTS REVIEWED",
    "summary": r"CLINICAL CASE SUMMARY",
    "decisions": r"IMR ISSUES,? DECISIONS,? AND RATIONALES|IMR DECISION\(S\) AND RATIONALE\(S\)",
}
# One pattern per heading: each starts with a literal, which `re` scans for quickly, where
# one alternation of all of them would be tried at every position of the letter.
_HEADING_PATTERNS = {name: re.compile(pattern) for name, pattern in _HEADINGS.items()}


@dataclass(frozen=True, slots=True)
class Sections:
    header: str
    """Text before the first heading: the first-page table of the 2016-17 letters."""
    how: str
    summary: str
    decisions: str


def split_sections(text: str) -> Sections | None:
    """Return the sections of a main-format letter, or None when it is not one."""
    header, found = cut_sections(text, _HEADING_PATTERNS)
    if "how" not in found and "decisions" not in found:
        return None
    return Sections(header=header, how=found.get("how", ""), summary=found.get("summary", ""),
                    decisions=found.get("decisions", ""))
