"""One letter's text -> its LetterRecord: the formats, fields and treatments put together."""

from __future__ import annotations

import dataclasses

from imr_etl.errors import ParseError
from imr_etl.records import ItemRecord, LetterRecord, RawLetter
from imr_etl.transform import PARSER_VERSION
from imr_etl.transform.fields import (
    parse_clinical_summary,
    parse_diagnoses,
    parse_injury_date,
    parse_patient,
)
from imr_etl.transform.formats import BY_NAME, parse_parts
from imr_etl.transform.formats.checks import failed_checks
from imr_etl.transform.parts import ItemParts, LetterFormatError
from imr_etl.transform.reviewer import parse_reviewer
from imr_etl.transform.run_together import find_run_together_letters
from imr_etl.transform.text import clean_text
from imr_etl.transform.treatments import Lexicon, load_lexicon
from imr_etl.transform.treatments.classifier import classify_request


def transform_letter(raw: RawLetter, lexicon: Lexicon | None = None) -> LetterRecord:
    """Parse one letter, or raise ParseError with a reason a person can act on."""
    lexicon = lexicon or load_lexicon()
    text = clean_text(raw.text)
    if not text:
        raise ParseError(raw.source_name, "the letter has no text")
    if (run_together := find_run_together_letters(text)) is not None:
        raise ParseError(raw.source_name, run_together)
    try:
        parts = parse_parts(text)
    except LetterFormatError as exc:
        raise ParseError(raw.source_name, str(exc)) from exc
    if parts is None:
        raise ParseError(
            raw.source_name,
            "not an IMR final determination letter: none of its section headings "
            "(e.g. 'HOW THE IMR FINAL DETERMINATION WAS MADE') were found",
        )
    header = parts.header
    age, sex = parse_patient(parts.summary)
    record = LetterRecord(
        case_key=header.case_number or raw.source_name,
        source_name=raw.source_name,
        content_sha256=raw.sha256,
        letter_format=parts.letter_format,
        parser_version=PARSER_VERSION,
        lexicon_version=lexicon.version,
        letter_text=text,
        case_number=header.case_number,
        date_assigned=header.date_assigned,
        decision_date=header.decision_date,
        ur_denial_date=header.ur_denial_date,
        application_received_date=header.application_received_date,
        priority=header.priority,
        reviewer=parse_reviewer(parts.reviewer_text, lexicon),
        patient_age=age,
        patient_sex=sex,
        date_of_injury=header.date_of_injury or parse_injury_date(parts.summary),
        diagnoses=parse_diagnoses(parts.summary),
        clinical_summary=parse_clinical_summary(parts.summary),
        items=tuple(_item_record(number, item, lexicon)
                    for number, item in enumerate(parts.items, start=1)),
    )
    if warnings := failed_checks(BY_NAME[parts.letter_format].CHECKS, record):
        record = dataclasses.replace(record, parse_warnings=warnings)
    return record


def _item_record(number: int, item: ItemParts, lexicon: Lexicon) -> ItemRecord:
    treatment = classify_request(item.request_text, lexicon)
    return ItemRecord(
        item_number=number,
        request_text=item.request_text,
        decision=item.decision,
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
        citations=item.citations,
    )
