"""The 2013 layout: a notice with numbered decisions, then the decision and its rationale.

    MAXIMUS FEDERAL SERVICES, INC. Notice of Independent Medical Review Determination
    Dated: 9/26/2013
    ...
    INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE
    An application for Independent Medical Review was filed on 9/6/2013 disputing the
    Utilization Review Denial dated 8/30/2013. A Notice of Assignment and Request for
    Information was provided to the above parties on 9/23/2013. ...
    1) MAXIMUS Federal Services, Inc. has determined the request for a 28 day
    functional restoration program is notmedically necessary and appropriate.
    Medical Qualifications of the Expert Reviewer: ... Board Certified in ...
    Case Summary: ...

The notice's numbered decisions repeat under the decision heading; those are the ones read.
PDF extraction glues words ("notmedically"), so every phrase allows missing spaces.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from imr_etl.records import LetterRecord
from imr_etl.transform.dates import DATE_PATTERN, parse_date
from imr_etl.transform.fields import CASE_NUMBER, parse_header
from imr_etl.transform.formats.checks import DATES_IN_ORDER, PATIENT_AGE, Check
from imr_etl.transform.parts import (
    ItemParts,
    LetterFormatError,
    LetterHeader,
    LetterParts,
    cut_sections,
    decision_of,
    heading_pattern,
)
from imr_etl.transform.text import collapse

NAME: str = "fdl_2013"
ONCE_PER_LETTER: tuple[str, ...] = ("INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE",)
"""Headings each letter has exactly once."""

_NOTICE = re.compile(heading_pattern("Notice of Independent Medical Review Determination"),
                     re.IGNORECASE)
_DECISION_HEADING = re.compile(heading_pattern("INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE"))
_SECTIONS = {
    "decisions": _DECISION_HEADING,
    "qualifications": re.compile(heading_pattern("Medical Qualifications of the Expert Reviewer:"),
                                 re.IGNORECASE),
    "summary": re.compile(heading_pattern("Case Summary:"), re.IGNORECASE),
    "documents": re.compile(heading_pattern("Documents Reviewed for Determination:"),
                            re.IGNORECASE),
    # Per-item rationales, "1) Regarding the request for X:"; only the first one bounds the
    # sections above, the rest are cut by _rationales.
    "rationales": re.compile(r"\b1\)\s*Regarding\s*the\s*request\s*for\b", re.IGNORECASE),
}

# "1) MAXIMUS Federal Services, Inc. has determined the request for X is not medically
# necessary and appropriate." The number is kept: decisions are matched to rationales by it.
_NUMBERED = re.compile(r"(?:^|(?<=\s))(\d{1,2})\)\s*(?=MAXIMUS\s*Federal)", re.IGNORECASE)
_DETERMINED = (r"has\s*determined\s*(?:that\s*)?the\s*request\s*for\s*(?P<request>.+?)"
               r"\s+(?:is|are)\s*")
# The request group crosses anything, so only the first "has determined the request for"
# of a sentence can start a match: the verdicts are tried there alone, not at every later
# occurrence, each of which would rescan the rest of the sentence (issue 9).
_DETERMINED_START = re.compile(r"has\s*determined\s*(?:that\s*)?the\s*request\s*for",
                               re.IGNORECASE)
_VERDICT = re.compile(
    _DETERMINED + r"(?P<verdict>(?:not\s*)?medically\s*necessary)(?:\s*and\s*appropriate)?\s*\.",
    re.IGNORECASE | re.DOTALL)
# Anything else after "is": the decision word the letter used, rejected by the caller.
_OTHER_VERDICT = re.compile(_DETERMINED + r"(?P<verdict>[^.]+?)\s*(?:\.|$)",
                            re.IGNORECASE | re.DOTALL)
# "Not medically necessary" means the utilization review's denial stands.
_DECISION_WORDS = {"notmedicallynecessary": "Upheld", "medicallynecessary": "Overturned"}
_ARTICLE = re.compile(r"^(?:an?|the)\s+", re.IGNORECASE)
_DETERMINATION = re.compile(r"has\s*determined", re.IGNORECASE)

_RATIONALE_BLOCK = re.compile(r"(?:^|(?<=\s))(\d{1,2})\)\s*Regarding\s*the\s*request\s*for\b",
                              re.IGNORECASE)
_RATIONALE = re.compile(heading_pattern("Rationale for the Decision:"), re.IGNORECASE)

_DATED = re.compile(rf"\bDated\s*:?\s*({DATE_PATTERN})", re.IGNORECASE)
# The application's filing is what DWC counts as its receipt.
_FILED = re.compile(rf"\bfiled\s*on\s*({DATE_PATTERN})", re.IGNORECASE)
_UR_DENIAL = re.compile(rf"Utilization\s*Review\s*Denial\s*dated\s*({DATE_PATTERN})",
                        re.IGNORECASE)
# DWC's "Date Assigned" is the day the Notice of Assignment and Request for Information went out.
_ASSIGNED = re.compile(
    rf"Notice\s*of\s*Assignment\s*and\s*Request\s*for\s*Information\s*was\s*provided\s*to"
    rf"\s*the\s*above\s*parties\s*on\s*({DATE_PATTERN})", re.IGNORECASE)
_DISCLAIMER = re.compile(r"^\s*Disclaimer:.*?\bdated\s*" + DATE_PATTERN + r"\.?\s*",
                         re.IGNORECASE | re.DOTALL)


def _determinations_per_item(record: LetterRecord) -> bool:
    """As many "has determined" after the decision heading as items."""
    heading = _DECISION_HEADING.search(record.letter_text)
    decisions = record.letter_text[heading.end():] if heading else ""
    return len(_DETERMINATION.findall(decisions)) == len(record.items)


CHECKS: tuple[Check, ...] = (
    Check("determinations", _determinations_per_item,
          "as many 'has determined the request for' under the decision heading as items"),
    DATES_IN_ORDER,
    PATIENT_AGE,
)


def parse(text: str) -> LetterParts | None:
    """The parts of a 2013-format letter, or None when the text is not one.

    Raises LetterFormatError when it is one but is cut off or holds an unreadable decision.
    """
    decision_heading = _DECISION_HEADING.search(text)
    if decision_heading is None and not _NOTICE.search(text):
        return None
    if decision_heading is None:
        raise LetterFormatError(
            "the 2013-format letter is cut off before its decisions: no 'INDEPENDENT MEDICAL "
            "REVIEW DECISION AND RATIONALE' section; re-fetch the complete letter")
    _, sections = cut_sections(text, _SECTIONS)
    decisions = collapse(sections["decisions"])
    rationales = _rationales(text)
    # The 2013 letters cite guidelines in prose, not in the "Decision based on" form
    # parse_citations reads, so no citations are taken from them.
    items = tuple(
        ItemParts(request_text=request, decision=decision_of(position, request, word),
                  rationale=rationales.get(number, ""))
        for position, (number, request, word) in enumerate(_determinations(decisions), start=1))
    # The summary is quoted from the utilization review, after a disclaimer saying so.
    summary = _DISCLAIMER.sub("", sections.get("summary", ""), count=1).strip().strip('"')
    return LetterParts(
        letter_format=NAME,
        header=_header_fields(text[: decision_heading.start()], decisions),
        reviewer_text=sections.get("qualifications", ""),
        summary=summary,
        items=items,
    )


def _determinations(decisions: str) -> list[tuple[int, str, str]]:
    """(number, request, decision word) for each numbered decision, in order."""
    pieces = _NUMBERED.split(decisions)
    if len(pieces) < 3:
        raise LetterFormatError(
            "the 2013-format letter is cut off before its decisions: no numbered decision "
            "'1) MAXIMUS Federal Services, Inc. has determined the request for ...'; "
            "re-fetch the complete letter")
    found = []
    for number, sentence in zip(pieces[1::2], pieces[2::2], strict=True):
        start = _DETERMINED_START.search(sentence)
        if start and (match := _VERDICT.match(sentence, start.start())):
            word = _DECISION_WORDS["".join(match["verdict"].split()).lower()]
        elif start and (match := _OTHER_VERDICT.match(sentence, start.start())):
            word = collapse(match["verdict"])
        else:
            raise LetterFormatError(f"decision {number} ({sentence[:80]!r}) does not say "
                                    "'has determined the request for ... is ...'")
        # "the request for a 28 day functional restoration program": the article is grammar.
        request = _ARTICLE.sub("", collapse(match["request"]))
        found.append((int(number), request, word))
    return found


def _rationales(text: str) -> dict[int, str]:
    """The rationale of each "N) Regarding the request for X:" block, by N."""
    blocks = _RATIONALE_BLOCK.split(text)
    rationales = {}
    for number, block in zip(blocks[1::2], blocks[2::2], strict=True):
        heading = _RATIONALE.search(block)
        # Without the heading, the block minus its first line ("... for X:") is the rationale.
        body = block[heading.end():] if heading else block.partition("\n")[2]
        rationales[int(number)] = collapse(body)
    return rationales


def _header_fields(header: str, decisions: str) -> LetterHeader:
    """The first-page labels parse_header knows, the letter's date and the procedural dates."""
    fields = parse_header(header)
    if fields.case_number is None and (match := CASE_NUMBER.search(header)):
        fields = dataclasses.replace(fields, case_number=match.group(0))
    flat_header = collapse(header)

    def stated(pattern: re.Pattern[str], where: str, label: date | None) -> date | None:
        """The date the sentence states, or else the first page's label."""
        match = pattern.search(where)
        return parse_date(match.group(1)) if match else label

    return dataclasses.replace(
        fields,
        decision_date=stated(_DATED, flat_header, fields.decision_date),
        application_received_date=stated(_FILED, decisions, fields.application_received_date),
        ur_denial_date=stated(_UR_DENIAL, decisions, fields.ur_denial_date),
        date_assigned=stated(_ASSIGNED, decisions, fields.date_assigned))
