"""The format registry and its cross-checks: every real letter passes its format's checks,
and a letter altered to break one loads with that check named in parse_warnings."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from imr_etl.errors import ParseError
from imr_etl.records import LetterRecord, RawLetter
from imr_etl.transform.formats import BY_NAME, FORMATS, LETTER_FORMATS, LetterFormat
from imr_etl.transform.letter import transform_letter
from tests.helpers import CASES, real_letter_paths, seed_paths
from tests.transform.test_letters import parse

FORMAT_CASES = sorted((CASES / "formats").glob("*.txt"))
ALL_LETTERS = real_letter_paths() + seed_paths() + FORMAT_CASES
SEED_001 = (CASES / "seeds" / "001_889cb31e74d125a2.txt").read_text(encoding="utf-8")
MPR_SINGLE = (CASES / "formats" / "mpr_single_issue.txt").read_text(encoding="utf-8")
LETTER_2013 = (CASES / "formats" / "fdl_2013_two_items_upheld.txt").read_text(encoding="utf-8")


def parse_text(text: str) -> LetterRecord:
    return transform_letter(RawLetter("letter.txt", "letter.txt", "0", text))


@cache
def letters_by_format() -> dict[str, list[Path]]:
    """The test letters by the format they parse as (parsed once, when first asked)."""
    found: dict[str, list[Path]] = {name: [] for name in LETTER_FORMATS}
    for path in ALL_LETTERS:
        found[parse(path).letter_format].append(path)
    return found


def test_the_registry_names_each_format_once_in_detection_order() -> None:
    assert LETTER_FORMATS == ("fdl_2014", "fdl_2013", "mpr")
    assert set(BY_NAME) == set(LETTER_FORMATS)
    for letter_format in FORMATS:
        assert letter_format.ONCE_PER_LETTER, letter_format.NAME
        names = [check.name for check in letter_format.CHECKS]
        assert len(names) == len(set(names)), letter_format.NAME


@pytest.mark.parametrize("letter_format", FORMATS, ids=lambda f: f.NAME)
def test_each_format_has_letters_with_its_headings_once(letter_format: LetterFormat) -> None:
    name = letter_format.NAME
    assert letters_by_format()[name], f"no test letter of {name}"
    for path in letters_by_format()[name]:
        text = parse(path).letter_text
        for heading in letter_format.ONCE_PER_LETTER:
            assert " ".join(text.split()).count(heading) == 1, (path.name, heading)


@pytest.mark.parametrize("letter_format", FORMATS, ids=lambda f: f.NAME)
def test_two_letters_of_each_format_in_one_file_are_rejected(letter_format: LetterFormat) -> None:
    name = letter_format.NAME
    letter = parse(letters_by_format()[name][0]).letter_text
    without_number = "\n".join(line for line in letter.split("\n") if "Case Number" not in line)
    with pytest.raises(ParseError) as caught:
        parse_text(without_number + "\n" + without_number)
    heading = letter_format.ONCE_PER_LETTER[0]
    assert f"'{heading}' 2 times" in caught.value.reason


@pytest.mark.parametrize("path", ALL_LETTERS, ids=lambda p: p.stem)
def test_every_published_and_test_letter_passes_its_checks(path: Path) -> None:
    assert parse(path).parse_warnings is None


# --- Letters altered to fail one check each --------------------------------------------

def test_an_extra_decision_word_is_flagged() -> None:
    text = SEED_001.replace("Decision rationale: According", "Decision rationale: Prior "
                            "review: Upheld. According", 1)
    record = parse_text(text)
    assert len(record.items) == 2
    assert record.parse_warnings == "decision_words"


def test_an_extra_maximus_guideline_paragraph_is_flagged() -> None:
    text = SEED_001.replace("Decision rationale: According", "Decision rationale: See the "
                            "MAXIMUS guideline: below. According", 1)
    assert parse_text(text).parse_warnings == "maximus_guidelines"


def test_an_extra_rationale_heading_is_flagged() -> None:
    text = SEED_001.replace("Decision rationale: According", "Decision rationale: Decision "
                            "rationale: According", 1)
    assert parse_text(text).parse_warnings == "decision_rationales"


def test_a_guideline_heading_outside_the_items_is_flagged() -> None:
    text = SEED_001.replace("CLINICAL CASE SUMMARY", "CLINICAL CASE SUMMARY\nClaims "
                            "Administrator guideline: quoted by the physician.", 1)
    assert parse_text(text).parse_warnings == "claims_administrator_guidelines"


@pytest.mark.parametrize(("age", "warnings"), [("13", "patient_age"), ("14", None),
                                               ("100", None), ("101", "patient_age")])
def test_an_age_outside_14_to_100_is_flagged(age: str, warnings: str | None) -> None:
    record = parse_text(SEED_001.replace("a 60 year old female", f"a {age} year old female"))
    assert (record.patient_age, record.parse_warnings) == (int(age), warnings)


def test_header_dates_out_of_order_are_flagged() -> None:
    assert parse_text(MPR_SINGLE).parse_warnings is None
    # The UR denial after the assignment: the review cannot precede the denial it reviews.
    record = parse_text(MPR_SINGLE.replace("UR Denial Date: 05/12/2015", "UR Denial Date: "
                                           "06/12/2015"))
    assert record.letter_format == "mpr"
    assert str(record.ur_denial_date) == "2015-06-12"
    assert record.parse_warnings == "date_order"


def test_2013_dates_out_of_order_and_an_extra_determination_are_flagged() -> None:
    text = LETTER_2013.replace("filed on 9/12/2013", "filed on 9/22/2013").replace(
        "active practice.", "active practice. The reviewer has determined nothing else.", 1)
    record = parse_text(text)
    assert (record.letter_format, len(record.items)) == ("fdl_2013", 2)
    assert record.parse_warnings == "determinations; date_order"
