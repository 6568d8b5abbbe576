"""The main layout, 2014 on (DOMAIN.md "F1"/"F2"): "HOW THE IMR FINAL DETERMINATION WAS MADE",
"CLINICAL CASE SUMMARY", then "IMR ISSUES, DECISIONS AND RATIONALES" (2015: "IMR DECISION(S)
AND RATIONALE(S)") with one "<request>: Upheld|Overturned" header and three paragraphs per
item: "Claims Administrator guideline:", "MAXIMUS guideline:", "Decision rationale:".
"""

from __future__ import annotations

import re

from imr_etl.transform.citations import parse_citations
from imr_etl.transform.fields import parse_header
from imr_etl.transform.formats.checks import (
    DATES_IN_ORDER,
    PATIENT_AGE,
    Check,
    as_many_as_items,
)
from imr_etl.transform.items import ItemSyntaxError, split_items
from imr_etl.transform.parts import (
    ItemParts,
    LetterFormatError,
    LetterParts,
    cut_sections,
    decision_of,
)

NAME: str = "fdl_2014"
ONCE_PER_LETTER: tuple[str, ...] = ("HOW THE IMR FINAL DETERMINATION WAS MADE",)
"""Headings each letter has exactly once (all published letters and the seeds do); page
headers never repeat them."""

# Headings are matched in upper case anywhere in the text, not by line, so a heading glued
# to a page break still counts. One pattern per heading: each starts with a literal, which
# `re` scans for quickly, where one alternation of all of them would be tried at every
# position of the letter.
_HEADINGS = {
    "how": re.compile(r"HOW THE IMR FINAL DETERMINATION WAS MADE"),
    "documents": re.compile(r"DOCUMENTS REVIEWED"),
    "summary": re.compile(r"CLINICAL CASE SUMMARY"),
    "decisions": re.compile(
        r"IMR ISSUES,? DECISIONS,? AND RATIONALES|IMR DECISION\(S\) AND RATIONALE\(S\)"),
}

CHECKS: tuple[Check, ...] = (
    as_many_as_items("decision_words", r":\s*(?:upheld|overturned)\b",
                     "as many ': Upheld' or ': Overturned' as items"),
    as_many_as_items("claims_administrator_guidelines", r"claims administrator guideline\s*:",
                     "as many 'Claims Administrator guideline:' paragraphs as items"),
    as_many_as_items("maximus_guidelines", r"maximus guideline\s*:",
                     "as many 'MAXIMUS guideline:' paragraphs as items"),
    as_many_as_items("decision_rationales", r"decision rationale\s*:",
                     "as many 'Decision rationale:' paragraphs as items"),
    DATES_IN_ORDER,
    PATIENT_AGE,
)


def parse(text: str) -> LetterParts | None:
    """The parts of a main-layout letter, or None when the text has none of its headings.

    Raises LetterFormatError when it is one but is cut off or its items cannot be read.
    """
    header, found = cut_sections(text, _HEADINGS)
    if "how" not in found and "decisions" not in found:
        return None
    decisions = found.get("decisions", "")
    if not decisions:
        raise LetterFormatError(
            "the letter is cut off before its decisions: no 'IMR ISSUES, DECISIONS AND "
            "RATIONALES' section; re-fetch the complete letter")
    try:
        item_texts = split_items(decisions)
    except ItemSyntaxError as exc:
        raise LetterFormatError(f"the decisions section cannot be read: {exc}") from exc
    items = tuple(
        ItemParts(
            request_text=item.request_text,
            decision=decision_of(number, item.request_text, item.decision_word),
            rationale=item.rationale,
            citations=(parse_citations(item.claims_administrator_guideline, "claims_administrator")
                       + parse_citations(item.imro_guideline, "imro")),
            original_request=item.original_request,
            authorized_request=item.authorized_request,
        )
        for number, item in enumerate(item_texts, start=1))
    return LetterParts(letter_format=NAME, header=parse_header(header),
                       reviewer_text=found.get("how", ""), summary=found.get("summary", ""),
                       items=items)
