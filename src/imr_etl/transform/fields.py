"""Single fields of a letter: header dates, case number, patient facts, diagnoses."""

from __future__ import annotations

import re
from datetime import date

from imr_etl.transform.dates import DATE_PATTERN, parse_date
from imr_etl.transform.parts import LetterHeader
from imr_etl.transform.text import collapse

CASE_NUMBER = re.compile(r"\bCM\d{2}-\d{7}\b")
_CASE_NUMBER_LABEL = re.compile(r"Case Number:\s*(CM\d{2}-\d{7})")
# "Application Received:" wraps to "Application <newline> Received: <newline> date".
_HEADER_DATES = {
    name: re.compile(r"\s+".join(label.split()) + rf":\s*({DATE_PATTERN})")
    for name, label in (("date_assigned", "Date Assigned"), ("date_of_injury", "Date of Injury"),
                        ("decision_date", "Decision Date"), ("ur_denial_date", "UR Denial Date"),
                        ("application_received_date", "Application Received"))
}
_PRIORITY = re.compile(r"Priority:\s*(Standard|Expedited)", re.IGNORECASE)


def parse_header(header: str) -> LetterHeader:
    """Fields of the first-page table; its two columns interleave when extracted.

    >>> parse_header("Case Number: CM16-0224814 Date Assigned: 11/30/2016")
    LetterHeader(case_number='CM16-0224814', date_assigned=datetime.date(2016, 11, 30), \
decision_date=None, ur_denial_date=None, application_received_date=None, \
date_of_injury=None, priority=None)
    """
    flat = collapse(header)
    number = _CASE_NUMBER_LABEL.search(flat)
    dates = {name: parse_date(match.group(1)) if (match := pattern.search(flat)) else None
             for name, pattern in _HEADER_DATES.items()}
    priority = _PRIORITY.search(flat)
    return LetterHeader(case_number=number.group(1) if number else None,
                        priority=priority.group(1).lower() if priority else None, **dates)


_AGE_SEX = re.compile(
    r"\b(\d{1,3})[- ]?(?:year|yr)s?[- ]old\s+(?:[a-z]+\s+){0,2}?"
    r"(male|female|man|woman|gentleman|lady|men|women)\b",
    re.IGNORECASE,
)
_AGE = re.compile(r"\b(\d{1,3})[- ]?(?:year|yr)s?[- ]old\b", re.IGNORECASE)
_SEX_WORDS = {
    "male": "male",
    "man": "male",
    "gentleman": "male",
    "men": "male",
    "female": "female",
    "woman": "female",
    "lady": "female",
    "women": "female",
}


def parse_patient(summary: str) -> tuple[int | None, str | None]:
    """Age and sex from the first "NN year old male|female" phrase.

    >>> parse_patient("The patient is a 55-year-old male who reported an injury")
    (55, 'male')
    """
    flat = collapse(summary)
    if match := _AGE_SEX.search(flat):
        return int(match.group(1)), _SEX_WORDS[match.group(2).lower()]
    if match := _AGE.search(flat):
        return int(match.group(1)), None
    return None, None


# "reported an injury on 02/27/1992", "injury date on 05/10/2009", "date of injury 7/28/05",
# "reportedly injured on December 14, 2010", "industrial injury date of 10-11-2016".
_INJURY_DATE = re.compile(rf"\binjur(?:y|ed)\b[^.\d]{{0,30}}?({DATE_PATTERN})", re.IGNORECASE)


def parse_injury_date(summary: str) -> date | None:
    """The date of injury as the clinical summary states it."""
    if match := _INJURY_DATE.search(collapse(summary)):
        return parse_date(match.group(1))
    return None


_DIAGNOSES = re.compile(
    r"\bdiagnos(?:is|es)\b(?:\s+(?:has been|have been|included|includes?|are|is|was|were"
    r"|of|listed as|documented as|consists? of))+\s*:?\s*(.+?)(?:\.(?:\s|$)|$)",
    re.IGNORECASE,
)
# Extraction glues sentences: "with spinal stenosisThe utilization review" (seed 003).
# The opening word is searched for, and the letter before it tested, rather than a
# lookbehind tried at every position of the summary (three times slower).
_SENTENCE_OPENING = re.compile(r"(?:The|This|On|Per|In|According)\b")
_LIST_SEPARATOR = re.compile(r"\s*[,;]\s*")
_LEADING_AND = re.compile(r"^and\s+")
_AND = re.compile(r"\s+and\s+")
_BULLET = re.compile(r"(?:^|\s)-\s*|(?<=[a-z])-\s+(?=[A-Z])")


def _unglue_sentences(text: str) -> str:
    """A full stop and a space between a lower-case letter and a sentence's opening word.

    >>> _unglue_sentences("with spinal stenosisThe review. On 1/2 it")
    'with spinal stenosis. The review. On 1/2 it'
    """
    return _SENTENCE_OPENING.sub(
        lambda word: f". {word[0]}" if "a" <= text[word.start() - 1 : word.start()] <= "z"
        else word[0], text)


def parse_diagnoses(summary: str) -> str | None:
    """The diagnoses as listed, `; `-separated.

    >>> parse_diagnoses("Diagnoses include chronic pain syndrome, fasciitis and low back pain.")
    'chronic pain syndrome; fasciitis; low back pain'
    """
    flat = _unglue_sentences(collapse(summary))
    match = _DIAGNOSES.search(flat)
    if not match:
        return None
    listed = match.group(1).strip()
    if _BULLET.match(listed) or " - " in f" {listed}":
        parts = [part for part in _BULLET.split(listed) if part.strip()]
    else:
        parts = [part for part in _LIST_SEPARATOR.split(listed) if part]
        # An enumeration ("a, b, c and d") ends with "and"; a lone diagnosis may hold one.
        if len(parts) >= 2:
            last = _LEADING_AND.sub("", parts.pop())
            parts.extend(_AND.split(last, maxsplit=1))
    cleaned = [part.strip(" .") for part in parts if part.strip(" .")]
    return "; ".join(cleaned) or None


_SUMMARY_PREAMBLE = re.compile(
    r"^.*?based on a review of the\s+case file, including all medical records:\s*",
    re.IGNORECASE | re.DOTALL,
)


def parse_clinical_summary(summary: str) -> str | None:
    """The summary without its boilerplate first sentence, reflowed into one paragraph."""
    return collapse(_SUMMARY_PREAMBLE.sub("", summary, count=1)) or None
