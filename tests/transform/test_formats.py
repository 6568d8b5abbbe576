"""The other letter layouts: 2013's numbered decisions, the medical professional review, and
the 2015 "IMR DECISION(S) AND RATIONALE(S)" heading; and what makes each one unreadable.

The 2013 and review letters in tests/cases/formats are reconstructions (see its README.md).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest

from imr_etl.errors import ParseError
from imr_etl.records import LetterRecord, RawLetter
from imr_etl.transform.formats import LETTER_FORMATS
from imr_etl.transform.letter import transform_letter
from tests.helpers import CASES, seed_paths
from tests.transform.test_letters import comparable, parse

FORMAT_CASES = sorted((CASES / "formats").glob("*.txt"))


def parse_text(text: str, name: str = "letter.txt") -> LetterRecord:
    return transform_letter(RawLetter(source_name=name, source_path=name, sha256="0", text=text))


def rejection(text: str) -> str:
    with pytest.raises(ParseError) as caught:
        parse_text(text)
    return caught.value.reason


@pytest.mark.parametrize("path", FORMAT_CASES, ids=lambda p: p.stem)
def test_reconstructed_letter_parses_to_its_expected_record(path: Path) -> None:
    expected = json.loads(path.with_suffix(".json").read_text())
    record = parse(path)
    assert record.letter_format == expected.pop("letter_format")
    assert comparable(record) == expected


def test_every_layout_is_covered_and_named() -> None:
    formats = {parse(path).letter_format for path in FORMAT_CASES + seed_paths()}
    assert formats == set(LETTER_FORMATS) == {"fdl_2014", "fdl_2013", "mpr"}


# --- 2013 -------------------------------------------------------------------------------

# Built from the sentences DOMAIN.md quotes from a published 2013 letter, and nothing else.
DOMAIN_2013_LETTER = """\
MAXIMUS FEDERAL SERVICES, INC. Notice of Independent Medical Review Determination
Dated: 9/26/2013
INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE
An application for Independent Medical Review was filed on 9/6/2013 disputing the
Utilization Review Denial dated 8/30/2013.
1) MAXIMUS Federal Services, Inc. has determined the request for a 28 day
functional restoration program is notmedically necessary and appropriate.
2) MAXIMUS Federal Services, Inc. has determined the request for a 6 month
follow-up aftercare program is medically necessary and appropriate.
Medical Qualifications of the Expert Reviewer:
The physician reviewer is Board Certified in Occupational Medicine and is licensed to
practice in California.
Case Summary:
The patient is a 44 year-old female with a date of Injury of 8/28/2001.
"""


def test_the_domain_2013_letter_parses_to_its_items_and_decisions() -> None:
    record = parse_text(DOMAIN_2013_LETTER)
    assert record.letter_format == "fdl_2013"
    assert [(item.request_text, item.decision) for item in record.items] == [
        ("28 day functional restoration program", "upheld"),
        ("6 month follow-up aftercare program", "overturned"),
    ]
    # The letter's date is its decision date.
    assert (record.decision_date, record.ur_denial_date, record.application_received_date) == (
        date(2013, 9, 26), date(2013, 8, 30), date(2013, 9, 6))
    assert record.reviewer is not None
    assert (record.reviewer.specialty, record.reviewer.license_states) == (
        "Occupational Medicine", "CA")
    assert (record.patient_age, record.patient_sex, record.date_of_injury) == (
        44, "female", date(2001, 8, 28))


@pytest.mark.parametrize("verdict, decision", [
    ("is not medically necessary and appropriate.", "upheld"),
    ("is notmedically necessary and appropriate.", "upheld"),
    ("isnot medically necessary and appropriate.", "upheld"),
    ("is not medically necessary.", "upheld"),
    ("is medically necessary and appropriate.", "overturned"),
    ("is medicallynecessary and appropriate.", "overturned"),
    ("is medically necessary andappropriate.", "overturned"),
])
def test_2013_verdicts_survive_glued_words(verdict: str, decision: str) -> None:
    text = DOMAIN_2013_LETTER.replace(
        "is medically necessary and appropriate.", verdict)
    assert parse_text(text).items[1].decision == decision


def test_2013_rationales_are_matched_to_their_items_by_number() -> None:
    record = parse(CASES / "formats" / "fdl_2013_two_items_upheld.txt")
    assert record.items[0].rationale.startswith("The guidelines require documented pain relief")
    assert record.items[1].rationale.endswith(
        "The request for 12 sessions of physical therapy for the lumbar spine is not medically "
        "necessary and appropriate.")
    # The summary is the utilization review's, without its disclaimer and quotation marks.
    assert record.clinical_summary is not None
    assert record.clinical_summary.startswith("The patient is a 52 year-old male")
    assert record.clinical_summary.endswith("without documented functional improvement.")


def test_a_2013_decision_that_is_neither_upheld_nor_overturned_is_rejected() -> None:
    text = DOMAIN_2013_LETTER.replace(
        "is medically necessary and appropriate.", "is partially certified.")
    assert rejection(text) == (
        "item 2 ('6 month follow-up aftercare program') has the decision 'partially certified', "
        "neither Upheld nor Overturned")


def test_a_2013_letter_cut_off_after_its_notice_is_rejected() -> None:
    notice_only = DOMAIN_2013_LETTER.split("INDEPENDENT MEDICAL REVIEW")[0]
    assert rejection(notice_only) == (
        "the 2013-format letter is cut off before its decisions: no 'INDEPENDENT MEDICAL "
        "REVIEW DECISION AND RATIONALE' section; re-fetch the complete letter")


def test_a_2013_letter_cut_off_before_its_numbered_decisions_is_rejected() -> None:
    cut = DOMAIN_2013_LETTER.split("1) MAXIMUS")[0]
    assert "cut off before its decisions: no numbered decision" in rejection(cut)


# --- Medical professional review ---------------------------------------------------------

MPR_SINGLE = (CASES / "formats" / "mpr_single_issue.txt").read_text()


def test_a_review_whose_rationale_recommends_authorization_is_overturned() -> None:
    text = MPR_SINGLE.replace(
        "Therefore, the request for Lidoderm 5% patch\n#30 is not medically necessary.",
        "Recommendation is for authorization.")
    record = parse_text(text)
    assert [(item.request_text, item.decision) for item in record.items] == [
        ("Lidoderm 5% patch #30", "overturned")]


def test_a_review_with_no_verdict_is_rejected() -> None:
    text = MPR_SINGLE.replace("is not medically necessary.", "was reviewed.")
    assert rejection(text).startswith("the rationale states no verdict")


def test_a_review_cut_off_before_its_rationale_is_rejected() -> None:
    cut = MPR_SINGLE.split("RATIONALE FOR WHY")[0]
    assert rejection(cut) == (
        "the medical professional review is cut off before its decision: no 'RATIONALE FOR "
        "WHY ...' section; re-fetch the complete letter")


def test_a_review_whose_verdicts_do_not_match_its_issues_is_rejected() -> None:
    text = (CASES / "formats" / "mpr_two_issues.txt").read_text().replace(
        "2. Physical therapy", "2. Ice pack\n3. Physical therapy")
    assert rejection(text).startswith("the letter disputes 3 issues but its rationale names 2")


# --- The 2015 headings (DOMAIN.md F2) ----------------------------------------------------

def as_2015_layout(text: str) -> str:
    """A main-format letter as the 2015 letters head it (DOMAIN.md F2)."""
    text = text.replace("IMR ISSUES, DECISIONS AND RATIONALES", "IMR DECISION(S) AND RATIONALE(S)")
    text = text.replace("CLINICAL CASE SUMMARY", "DOCUMENTS REVIEWED\nApplication of Independent "
                        "Medical Review\nUtilization Review Determination\nCLINICAL CASE SUMMARY")
    return ("MAXIMUS FEDERAL SERVICES, INC.\nIndependent Medical Review\n"
            "UR Denial Date: 08/04/2014\n" + text)


@pytest.mark.parametrize("path", seed_paths(), ids=lambda p: p.stem)
def test_the_2015_headings_parse_like_the_main_layout(path: Path) -> None:
    original = parse(path)
    text = path.read_text(encoding="utf-8")
    record = parse_text(as_2015_layout(text), name=path.name)
    assert record.letter_format == "fdl_2014"
    assert record.ur_denial_date == date(2014, 8, 4)
    assert dataclasses.replace(record, letter_text="", content_sha256="", ur_denial_date=None) == (
        dataclasses.replace(original, letter_text="", content_sha256=""))


# --- Several letters in one file, and text that is no letter -----------------------------

def test_two_main_format_letters_run_together_are_rejected() -> None:
    first, second = (path.read_text(encoding="utf-8") for path in seed_paths()[:2])
    assert rejection(first + "\n" + second) == (
        "the file holds 2 letters run together ('HOW THE IMR FINAL DETERMINATION WAS MADE' "
        "2 times): split it into one file per letter and ingest those")


@pytest.mark.parametrize("name", ["fdl_2013_two_items_upheld", "mpr_two_issues"])
def test_two_letters_of_the_other_layouts_run_together_are_rejected(name: str) -> None:
    text = (CASES / "formats" / f"{name}.txt").read_text(encoding="utf-8")
    assert rejection(text + "\n" + text).startswith("the file holds 2 letters run together")


def test_letters_of_different_layouts_run_together_are_rejected() -> None:
    seed = seed_paths()[0].read_text(encoding="utf-8")
    assert rejection(DOMAIN_2013_LETTER + seed).startswith("the file holds 2 letters run together")


def test_two_case_numbers_in_one_file_are_rejected() -> None:
    seed = seed_paths()[0].read_text(encoding="utf-8")
    header = "Case Number: CM16-0000001\nHOW THE IMR FINAL DETERMINATION WAS MADE\n"
    text = "Case Number: CM16-0000002\n" + seed.split("IMR ISSUES")[0] + header
    assert rejection(text) == (
        "the file holds the letters of 2 cases run together (CM16-0000002, CM16-0000001): "
        "split it into one file per letter and ingest those")


def test_a_letter_naming_a_parent_case_number_is_one_letter() -> None:
    seed = seed_paths()[0].read_text(encoding="utf-8")
    text = "Case Number: CM16-0000002 Parent Case Number: CM15-0000001\n" + seed
    assert parse_text(text).case_number == "CM16-0000002"


def test_text_that_is_no_imr_letter_is_rejected() -> None:
    assert rejection("Dear customer,\nyour order has shipped.\n") == (
        "not an IMR final determination letter: none of its section headings "
        "(e.g. 'HOW THE IMR FINAL DETERMINATION WAS MADE') were found")


@pytest.mark.parametrize("path", FORMAT_CASES, ids=lambda p: p.stem)
def test_the_stored_letter_text_parses_to_the_same_record(path: Path) -> None:
    """`imr-etl reprocess` re-parses the cleaned text kept in cases.letter_text."""
    record = parse(path)
    again = transform_letter(RawLetter(source_name=record.source_name, source_path="db",
                                       sha256=record.content_sha256, text=record.letter_text))
    assert again == record
