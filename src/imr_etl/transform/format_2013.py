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

import re

from imr_etl.errors import ParseError
from imr_etl.transform.dates import DATE_PATTERN, parse_date
from imr_etl.transform.fields import CASE_NUMBER, parse_header
from imr_etl.transform.items import ItemText
from imr_etl.transform.parts import FDL_2013, LetterParts, cut_sections, heading_pattern
from imr_etl.transform.text import collapse

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


def parse_2013_letter(text: str, source_name: str) -> LetterParts | None:
    """The parts of a 2013-format letter, or None when the text is not one.

    Raises ParseError when it is one but is cut off or holds an unreadable decision.
    """
    decision_heading = _DECISION_HEADING.search(text)
    if decision_heading is None and not _NOTICE.search(text):
        return None
    if decision_heading is None:
        raise ParseError(
            source_name,
            "the 2013-format letter is cut off before its decisions: no 'INDEPENDENT MEDICAL "
            "REVIEW DECISION AND RATIONALE' section; re-fetch the complete letter",
            field="items")
    _, sections = cut_sections(text, _SECTIONS)
    decisions = collapse(sections["decisions"])
    rationales = _rationales(text)
    items = tuple(
        ItemText(header=sentence, request_text=request, decision_word=word,
                 original_request=None, authorized_request=None,
                 # The 2013 letters cite guidelines in prose, not in the "Decision based on"
                 # form parse_citations reads, so no citations are taken from them.
                 claims_administrator_guideline="", imro_guideline="",
                 rationale=rationales.get(number, ""))
        for number, sentence, request, word in _determinations(decisions, source_name))
    # The summary is quoted from the utilization review, after a disclaimer saying so.
    summary = _DISCLAIMER.sub("", sections.get("summary", ""), count=1).strip().strip('"')
    return LetterParts(
        letter_format=FDL_2013,
        header=_header_fields(text[: decision_heading.start()], decisions),
        reviewer_text=sections.get("qualifications", ""),
        summary=summary,
        items=items,
    )


def _determinations(decisions: str, source_name: str) -> list[tuple[int, str, str, str]]:
    """(number, sentence, request, decision word) for each numbered decision, in order."""
    pieces = _NUMBERED.split(decisions)
    if len(pieces) < 3:
        raise ParseError(
            source_name,
            "the 2013-format letter is cut off before its decisions: no numbered decision "
            "'1) MAXIMUS Federal Services, Inc. has determined the request for ...'; "
            "re-fetch the complete letter",
            field="items")
    found = []
    for number, sentence in zip(pieces[1::2], pieces[2::2], strict=True):
        start = _DETERMINED_START.search(sentence)
        if start and (match := _VERDICT.match(sentence, start.start())):
            word = _DECISION_WORDS[re.sub(r"\s+", "", match["verdict"]).lower()]
        elif start and (match := _OTHER_VERDICT.match(sentence, start.start())):
            word = collapse(match["verdict"])
        else:
            raise ParseError(source_name, f"decision {number} ({sentence[:80]!r}) does not say "
                             "'has determined the request for ... is ...'", field="decision")
        # "the request for a 28 day functional restoration program": the article is grammar.
        request = re.sub(r"^(?:an?|the)\s+", "", collapse(match["request"]), flags=re.IGNORECASE)
        found.append((int(number), collapse(sentence[: match.end()]), request, word))
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


def _header_fields(header: str, decisions: str) -> dict[str, object]:
    """The first-page labels parse_header knows, the letter's date and the procedural dates."""
    fields = parse_header(header)
    if "case_number" not in fields and (match := CASE_NUMBER.search(header)):
        fields["case_number"] = match.group(0)
    flat_header = collapse(header)
    for name, pattern, where in (("decision_date", _DATED, flat_header),
                                 ("application_received_date", _FILED, decisions),
                                 ("ur_denial_date", _UR_DENIAL, decisions),
                                 ("date_assigned", _ASSIGNED, decisions)):
        if match := pattern.search(where):
            fields[name] = parse_date(match.group(1))
    return fields
