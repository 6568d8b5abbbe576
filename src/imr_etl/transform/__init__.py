"""Transform: a RawLetter's text into a LetterRecord. Pure: never touches a database."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from imr_etl.errors import ParseError
from imr_etl.records import ItemRecord, LetterRecord, RawLetter
from imr_etl.transform.citations import parse_citations
from imr_etl.transform.fields import (
    parse_clinical_summary,
    parse_diagnoses,
    parse_header,
    parse_injury_date,
    parse_patient,
)
from imr_etl.transform.format_2013 import parse_2013_letter
from imr_etl.transform.format_mpr import parse_mpr_letter
from imr_etl.transform.items import DECISIONS, ItemSyntaxError, ItemText, split_items
from imr_etl.transform.parts import FDL_2014, LetterParts
from imr_etl.transform.reviewer import parse_reviewer
from imr_etl.transform.run_together import find_run_together_letters
from imr_etl.transform.sections import split_sections
from imr_etl.transform.text import clean_text
from imr_etl.transform.treatments import Lexicon, classify_request, load_lexicon

# Bump when a change to the transform changes what it extracts: `imr-etl reprocess
# --outdated` re-parses the letters stored by older versions.
PARSER_VERSION = "1"

__all__ = ["PARSER_VERSION", "transform_letter"]


def transform_letter(raw: RawLetter, lexicon: Lexicon | None = None) -> LetterRecord:
    """Parse one letter, or raise ParseError with a reason a person can act on."""
    lexicon = lexicon or load_lexicon()
    text = clean_text(raw.text)
    if not text:
        raise ParseError(raw.source_name, "the letter has no text")
    if (run_together := find_run_together_letters(text)) is not None:
        raise ParseError(raw.source_name, run_together)
    # The main layout first: its headings never occur in the other two.
    parts = (_main_format_parts(text, raw.source_name) or parse_2013_letter(text, raw.source_name)
             or parse_mpr_letter(text, raw.source_name))
    if parts is None:
        raise ParseError(
            raw.source_name,
            "not an IMR final determination letter: none of its section headings "
            "(e.g. 'HOW THE IMR FINAL DETERMINATION WAS MADE') were found",
        )
    items = tuple(_item_record(raw.source_name, number, item, lexicon)
                  for number, item in enumerate(parts.items, start=1))
    header = parts.header
    case_number = _text(header, "case_number")
    age, sex = parse_patient(parts.summary)
    return LetterRecord(
        case_key=case_number or raw.source_name,
        source_name=raw.source_name,
        content_sha256=raw.sha256,
        letter_format=parts.letter_format,
        parser_version=PARSER_VERSION,
        lexicon_version=lexicon.version,
        letter_text=text,
        case_number=case_number,
        date_assigned=_date(header, "date_assigned"),
        decision_date=_date(header, "decision_date"),
        ur_denial_date=_date(header, "ur_denial_date"),
        application_received_date=_date(header, "application_received_date"),
        priority=_text(header, "priority"),
        reviewer=parse_reviewer(parts.reviewer_text, lexicon),
        patient_age=age,
        patient_sex=sex,
        date_of_injury=_date(header, "date_of_injury") or parse_injury_date(parts.summary),
        diagnoses=parse_diagnoses(parts.summary),
        clinical_summary=parse_clinical_summary(parts.summary),
        items=items,
    )


def _text(header: Mapping[str, object], name: str) -> str | None:
    value = header.get(name)
    return value if isinstance(value, str) else None


def _date(header: Mapping[str, object], name: str) -> date | None:
    value = header.get(name)
    return value if isinstance(value, date) else None


def _main_format_parts(text: str, source_name: str) -> LetterParts | None:
    """The parts of a main-layout letter, or None when the text has none of its headings."""
    sections = split_sections(text)
    if sections is None:
        return None
    if not sections.decisions:
        raise ParseError(
            source_name,
            "the letter is cut off before its decisions: no 'IMR ISSUES, DECISIONS AND "
            "RATIONALES' section; re-fetch the complete letter",
            field="items",
        )
    try:
        item_texts = split_items(sections.decisions)
    except ItemSyntaxError as exc:
        raise ParseError(source_name, f"the decisions section cannot be read: {exc}",
                         field="items") from exc
    return LetterParts(letter_format=FDL_2014, header=parse_header(sections.header),
                       reviewer_text=sections.how, summary=sections.summary,
                       items=tuple(item_texts))


def _item_record(source_name: str, number: int, item: ItemText, lexicon: Lexicon) -> ItemRecord:
    decision = DECISIONS.get(item.decision_word.lower())
    if decision is None:
        raise ParseError(
            source_name,
            f"item {number} ({item.request_text[:60]!r}) has the decision "
            f"{item.decision_word!r}, neither Upheld nor Overturned",
            field="decision",
        )
    treatment = classify_request(item.request_text, lexicon)
    return ItemRecord(
        item_number=number,
        request_text=item.request_text,
        decision=decision,
        rationale=item.rationale,
        original_request=item.original_request,
        authorized_request=item.authorized_request,
        treatment_category=treatment.category,
        treatment_subcategory=treatment.subcategory,
        treatment_name=treatment.name,
        drug_class=treatment.drug_class,
        body_region=treatment.body_region,
        strength=treatment.strength,
        quantity=treatment.quantity,
        refills=treatment.refills,
        frequency=treatment.frequency,
        sessions=treatment.sessions,
        retrospective=treatment.retrospective,
        treatment_rule=treatment.rule,
        unrecognized_ingredients=treatment.unrecognized,
        citations=(parse_citations(item.claims_administrator_guideline, "claims_administrator")
                   + parse_citations(item.imro_guideline, "imro")),
    )
