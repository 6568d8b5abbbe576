"""The medical professional review layout (DOMAIN.md F3): one reviewer's report per issue.

    MEDICAL PROFESSIONAL REVIEW
    ISSUE AT DISPUTE: <the request(s)>
    CASE SUMMARY: ...
    DOCUMENTS REVIEWED FOR DETERMINATION: ...
    MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY: ...
    RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY: ...
    MEDICAL REVIEWER QUALIFICATIONS: ...

The layout states no decision word: the rationale's verdict ("... is not medically
necessary", "Recommendation is for denial") is the decision. Headings wrap in the PDFs
("... BY PROFESSIONAL \\r\\nREVIEWER AND WHY:"), so they are matched across line breaks.
"""

from __future__ import annotations

import dataclasses
import re

from imr_etl.records import CitationRecord
from imr_etl.transform.citations import cite, parse_citations
from imr_etl.transform.fields import CASE_NUMBER, parse_header
from imr_etl.transform.formats.checks import DATES_IN_ORDER, PATIENT_AGE, Check
from imr_etl.transform.parts import (
    ItemParts,
    LetterFormatError,
    LetterParts,
    cut_sections,
    heading_pattern,
)
from imr_etl.transform.text import collapse

NAME: str = "mpr"
ONCE_PER_LETTER: tuple[str, ...] = ("MEDICAL REVIEWER QUALIFICATIONS:",)
"""Headings each letter has exactly once."""
CHECKS: tuple[Check, ...] = (DATES_IN_ORDER, PATIENT_AGE)

_TITLE = re.compile(heading_pattern("MEDICAL PROFESSIONAL REVIEW"))
_ISSUE = re.compile(r"ISSUES?(?:\(S\))?\s*AT\s*DISPUTE\s*:")
_SECTIONS = {
    "issue": _ISSUE,
    "summary": re.compile(r"(?<!CLINICAL )" + heading_pattern("CASE SUMMARY:")),
    "documents": re.compile(heading_pattern("DOCUMENTS REVIEWED FOR DETERMINATION:")),
    "guidelines": re.compile(heading_pattern(
        "MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:")),
    "rationale": re.compile(
        heading_pattern("RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS")
        + r"\s*(?:NOT\s*)?MEDICALLY\s*NECESSARY\s*:"),
    "qualifications": re.compile(heading_pattern("MEDICAL REVIEWER QUALIFICATIONS:")),
}

# Several issues are numbered "1." or "1)" at the start of a line.
_ISSUE_NUMBER = re.compile(r"(?:^|\n)\s*\d{1,2}[.)]\s+")
# An issue may be asked as a question: "Is the request for X medically necessary?"
_QUESTION = re.compile(
    r"^(?:Is|Are|Whether)\s+(?:the\s+)?(?:requested\s+|request\s+for\s+)?(?P<request>.+?)"
    r"\s+(?:is\s+|are\s+)?medically\s+necessary\s*\??$", re.IGNORECASE)
_NECESSITY = r"(?:is|are|was|were)\s*(?P<negation>not\s*)?medically\s*necessary"
_RECOMMENDATION = (r"recommendation\s+is\s+for\s+"
                   r"(?P<recommendation>denial|authorization|non-?certification|certification)")
_VERDICT = re.compile(rf"\b{_NECESSITY}|\b{_RECOMMENDATION}", re.IGNORECASE)
_UPHOLDING_RECOMMENDATIONS = {"denial", "noncertification", "non-certification"}
# A verdict that names its request: "the request for X 0.5% is not medically necessary"
# (a dot inside a number does not end the sentence). As one regex, `request\s+for\s+
# (?:[^.]|\.(?=\d))+?\s<verdict>`, its lazy group grew slower than linearly on a long
# sentence (issue 9), so _named_verdicts looks for the verdict within the sentence itself.
_REQUEST_FOR = re.compile(r"\brequest\s+for(\s+)", re.IGNORECASE)
_NAMED_VERDICT = re.compile(rf"\s{_NECESSITY}", re.IGNORECASE)
# A "." not before a digit: where a request named in a verdict cannot reach past.
_FULL_STOP = re.compile(r"\.(?!\d)")
_GUIDELINE_NAME = re.compile(
    r"^(?:The\s+)?(?:California\s+|CA\s+)?(?:MTUS|ODG|ACOEM|Official Disability Guidelines"
    r"|Non-MTUS|Decision based on)\b", re.IGNORECASE)
_DECISION_BASED_ON = re.compile(r"Decision based on", re.IGNORECASE)
_CALIFORNIA = re.compile(r"^(?:The\s+)?(?:California|CA)\s+")
_SENTENCE_BREAK = re.compile(r"(?<=[.;])\s+(?=[A-Z])")


def parse(text: str) -> LetterParts | None:
    """The parts of a medical professional review, or None when the text is not one.

    Raises LetterFormatError when it is one but is cut off or states no verdict.
    """
    issue_heading = _ISSUE.search(text)
    if issue_heading is None and _TITLE.search(text) is None:
        return None
    _, sections = cut_sections(text, _SECTIONS)
    if issue_heading is None or "rationale" not in sections:
        missing = "ISSUE AT DISPUTE:" if issue_heading is None else "RATIONALE FOR WHY ..."
        raise LetterFormatError(
            f"the medical professional review is cut off before its decision: no '{missing}' "
            "section; re-fetch the complete letter")
    requests = _requests(sections["issue"])
    if not requests:
        raise LetterFormatError("the 'ISSUE AT DISPUTE:' section names no request")
    verdicts = _verdicts(collapse(sections["rationale"]), len(requests))
    # One guideline section serves every issue; it is not divided by issue.
    citations = _guideline_citations(sections.get("guidelines", ""))
    items = tuple(
        ItemParts(request_text=request, decision=decision, rationale=rationale,
                  citations=citations)
        for request, (decision, rationale) in zip(requests, verdicts, strict=True))
    header_text = text[: issue_heading.start()]
    header = parse_header(header_text)
    if header.case_number is None and (match := CASE_NUMBER.search(header_text)):
        header = dataclasses.replace(header, case_number=match.group(0))
    return LetterParts(letter_format=NAME, header=header,
                       reviewer_text=sections.get("qualifications", ""),
                       summary=sections.get("summary", ""), items=items)


def _requests(issue: str) -> list[str]:
    """The disputed requests, one per numbered issue (or the whole section)."""
    parts = _ISSUE_NUMBER.split("\n" + issue) if _ISSUE_NUMBER.search("\n" + issue) else [issue]
    requests = []
    for part in parts:
        request = collapse(part).rstrip(" .")
        if match := _QUESTION.match(request):
            request = match["request"]
        if request:
            requests.append(request)
    return requests


def _verdicts(rationale: str, issues: int) -> list[tuple[str, str]]:
    """(upheld or overturned, rationale) per issue, from the rationale's verdicts."""
    verdicts = list(_VERDICT.finditer(rationale))
    if not verdicts:
        raise LetterFormatError(
            "the rationale states no verdict ('... is/is not medically necessary' or "
            "'Recommendation is for denial/authorization'): check the letter is complete")
    if issues == 1:
        return [(_decision(verdicts[-1]), rationale)]  # the conclusion comes last
    named = _named_verdicts(rationale)
    if len(named) != issues:
        raise LetterFormatError(
            f"the letter disputes {issues} issues but its rationale names {len(named)} verdicts "
            "('the request for X is (not) medically necessary'): the decisions cannot be "
            "matched to the issues; enter them by hand")
    # Each issue's rationale runs from the previous verdict's sentence to its own verdict's.
    ends = [rationale.find(".", match.end()) + 1 or len(rationale) for match in named[:-1]]
    starts = [0, *ends]
    ends.append(len(rationale))
    return [(_decision(match), rationale[start:end].strip())
            for match, start, end in zip(named, starts, ends, strict=True)]


def _named_verdicts(rationale: str) -> list[re.Match[str]]:
    """The verdict of each "request for X ... is (not) medically necessary", in order.

    The verdict is the first one after "request for", its spaces and at least one character
    of request, before the sentence's end (or, failing that, one that shares the spaces, as
    the regex backtracks into them). A "request for" with none starts no match, and neither
    does any later one in its sentence (it would reach the same verdicts, or fewer).
    >>> [m["negation"] for m in _named_verdicts("The request for X is not medically "
    ...  "necessary. A request for Y. The request for Z 0.5% is medically necessary")]
    ['not ', None]
    """
    found = []
    position = 0
    while lead := _REQUEST_FOR.search(rationale, position):
        stop = _FULL_STOP.search(rationale, lead.end())
        sentence_end = stop.start() if stop else len(rationale)
        spaces_start, spaces_end = lead.span(1)
        verdict = _NAMED_VERDICT.search(rationale, spaces_end + 1, sentence_end)
        if verdict is None and spaces_end - 1 >= spaces_start + 2:
            verdict = _NAMED_VERDICT.match(rationale, spaces_end - 1, sentence_end)
        if verdict:
            found.append(verdict)
            position = verdict.end()
        elif stop:
            position = stop.end()
        else:
            break
    return found


def _decision(verdict: re.Match[str]) -> str:
    if recommendation := verdict.groupdict().get("recommendation"):
        upheld = recommendation.lower() in _UPHOLDING_RECOMMENDATIONS
    else:
        upheld = verdict["negation"] is not None
    return "upheld" if upheld else "overturned"


def _guideline_citations(section: str) -> tuple[CitationRecord, ...]:
    """The guidelines relied upon, as citations.

    A section in the main layout's "Decision based on ..." form is read as that; otherwise
    it names a guideline per sentence and explains why in others, and only the sentences
    that start with a guideline's name are citations.
    """
    text = collapse(section)
    if _DECISION_BASED_ON.search(text):
        return parse_citations(text, "imro")
    return cite([_CALIFORNIA.sub("", sentence)
                 for sentence in _SENTENCE_BREAK.split(text) if _GUIDELINE_NAME.match(sentence)],
                "imro")
