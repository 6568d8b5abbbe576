"""Whole letters in, exact records out: the five seeds and the published PDFs.

The expected JSON files were read from the letters by a person, not produced by the parser.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from imr_etl.extract.files import read_letter
from imr_etl.records import LetterRecord
from imr_etl.transform.letter import transform_letter
from tests.helpers import CASES, REAL_LETTERS, real_letter_paths, seed_paths

_CITATION_KEYS = ("cited_by", "position", "source", "guideline", "edition_year", "topic", "pages")
_ITEM_KEYS = (
    "item_number",
    "request_text",
    "original_request",
    "authorized_request",
    "decision",
    "retrospective",
)


def comparable(record: LetterRecord) -> dict[str, Any]:
    """The record in the shape of the expected JSON files."""

    def iso(value: date | None) -> str | None:
        return value.isoformat() if value else None

    reviewer = record.reviewer
    return {
        "case_key": record.case_key,
        "case_number": record.case_number,
        "date_assigned": iso(record.date_assigned),
        "decision_date": iso(record.decision_date),
        "ur_denial_date": iso(record.ur_denial_date),
        "application_received_date": iso(record.application_received_date),
        "priority": record.priority,
        "patient_age": record.patient_age,
        "patient_sex": record.patient_sex,
        "date_of_injury": iso(record.date_of_injury),
        "reviewer": None
        if reviewer is None
        else {
            "specialty": reviewer.specialty,
            "subspecialty": reviewer.subspecialty,
            "license_states": reviewer.license_states,
        },
        "items": [
            {
                **{key: getattr(item, key) for key in _ITEM_KEYS},
                "citations": [
                    {key: getattr(c, key) for key in _CITATION_KEYS} for c in item.citations
                ],
            }
            for item in record.items
        ],
    }


def parse(path: Path) -> LetterRecord:
    _, raw = read_letter(path)
    return transform_letter(raw)


@pytest.mark.parametrize("path", seed_paths(), ids=lambda p: p.stem)
def test_seed_letter_parses_to_its_expected_record(path: Path) -> None:
    expected = json.loads((path.with_suffix(".json")).read_text())
    assert comparable(parse(path)) == expected


_REAL_EXPECTED = sorted((CASES / "real").glob("CM*.json"))

# Letters whose expected record, read from the letter, the parser does not yet give: the file
# holds what the letter says, and the test stands as an expected failure until the parser does.
_KNOWN_PARSER_ERRORS: dict[str, str] = {}


def _real_case(path: Path) -> Any:
    reason = _KNOWN_PARSER_ERRORS.get(path.stem)
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(path, marks=marks, id=path.stem)


@pytest.mark.parametrize("expected_path", [_real_case(p) for p in _REAL_EXPECTED])
def test_real_letter_parses_to_its_expected_record(expected_path: Path) -> None:
    expected = json.loads(expected_path.read_text())
    assert comparable(parse(REAL_LETTERS / f"{expected_path.stem}.pdf")) == expected


def test_every_real_letter_has_its_counted_items_and_overturns() -> None:
    counts = json.loads((CASES / "real" / "counts.json").read_text())
    paths = real_letter_paths()
    assert len(paths) == len(counts) == 94
    found = {}
    for path in paths:
        record = parse(path)
        found[path.stem] = {
            "items": len(record.items),
            "overturned": sum(i.decision == "overturned" for i in record.items),
        }
    assert found == counts


def test_seeds_hold_twelve_items_one_overturned_and_25_citations() -> None:
    records = [parse(path) for path in seed_paths()]
    items = [item for record in records for item in record.items]
    citations = [c for item in items for c in item.citations]
    assert len(items) == 12
    assert [i.request_text for i in items if i.decision == "overturned"] == [
        "Oxycodone 10 mg QTY: 270.00"
    ]
    assert len(citations) == 25
    assert sum(c.source == "none" for c in citations) == 4


def test_seed_case_fields_beyond_the_json_files() -> None:
    by_name = {path.name: parse(path) for path in seed_paths()}
    assert by_name["000_4ef19c4490aa1079.txt"].diagnoses == (
        "cervical degenerative disc disease; sciatica; lumbosacral degenerative disc disease; "
        "psoriasis; rheumatoid arthritis"
    )
    assert by_name["001_889cb31e74d125a2.txt"].diagnoses == "LS HNP with radiculopathy"
    assert by_name["002_3f37efda7cfb3431.txt"].diagnoses is None
    assert by_name["003_07ba6293188c7f5b.txt"].diagnoses == (
        "Cervical spasm; Cervical degenerative disc; Lumbar degenerative disc with spinal stenosis"
    )
    assert by_name["004_22a6ddc03a521e0f.txt"].diagnoses == (
        "chronic pain syndrome; spinal enthesopathy; lower back pain; lumbar post-laminectomy "
        "syndrome; fasciitis; thoracic post-laminectomy syndrome"
    )
    summary = by_name["000_4ef19c4490aa1079.txt"].clinical_summary
    assert summary is not None
    assert summary.startswith(
        "The patient is a 55-year-old male who reported an injury on "
        "02/27/1992. The mechanism of injury was not provided for review."
    )
    # The mojibake after the last sentence is gone, and the boilerplate lead-in too.
    assert summary.endswith("continuation of medications and additional trigger point injections.")
    rationale = by_name["003_07ba6293188c7f5b.txt"].items[1].rationale
    assert rationale.startswith("The patient is a retired 69-year old man who presents")
    assert rationale.endswith("Therefore, recommendation is for authorization.")
    assert by_name["004_22a6ddc03a521e0f.txt"].reviewer is not None
    assert by_name["004_22a6ddc03a521e0f.txt"].reviewer.reviewer_key == (
        "anesthesiology|pain management|TX,FL"
    )


def _expected_treatments() -> dict[str, object]:
    """request text -> expected TreatmentRecord, from the table of test_treatments.py."""
    from tests.transform.test_treatments import CASES

    return {case.values[0]: case.values[1] for case in CASES}


_TREATMENT_FIELDS = ("treatment_category", "treatment_subcategory", "treatment_name",
                     "drug_class", "body_region", "strength", "quantity", "refills", "frequency",
                     "sessions", "retrospective")


# The letters the table in test_treatments.py was written for.
_TABLE_LETTERS = (
    "CM16-0224814", "CM16-0230548", "CM16-0231745", "CM16-0232182", "CM16-0236134",
    "CM16-0236906", "CM16-0236969", "CM16-0238352", "CM16-0242419", "CM16-0245295",
    "CM16-0245466", "CM16-0248471", "CM17-0002181", "CM17-0002198", "CM17-0002324",
    "CM17-0003619", "CM17-0006797", "CM17-0006912", "CM17-0007857", "CM17-0008177",
    "CM17-0010006", "CM17-0010021", "CM17-0014288", "CM17-0014438", "CM17-0015348",
    "CM17-0016204", "CM17-0017688", "CM17-0017776", "CM17-0019066", "CM17-0021791",
)  # fmt: skip


@pytest.mark.parametrize(
    "path", seed_paths() + [REAL_LETTERS / f"{stem}.pdf" for stem in _TABLE_LETTERS],
    ids=lambda p: p.stem)
def test_every_item_of_a_letter_is_normalized_as_the_table_says(path: Path) -> None:
    """Each item's normalized treatment fields, through the whole transform, are exactly the
    ones the hand-written table in test_treatments.py gives its request."""
    expected = _expected_treatments()
    for item in parse(path).items:
        want = expected[item.request_text]
        got = tuple(getattr(item, name) for name in _TREATMENT_FIELDS)
        assert got == (want.category, want.subcategory, want.name, want.drug_class,
                       want.body_region, want.strength, want.quantity, want.refills,
                       want.frequency, want.sessions, want.retrospective), item.request_text


def test_citation_pages_are_machine_readable() -> None:
    record = parse(SEEDS_BY_NAME["001_889cb31e74d125a2.txt"])
    imro = [c for c in record.items[0].citations if c.cited_by == "imro"]
    assert [(c.pages, c.first_page, c.last_page) for c in imro] == [
        ("60-61, 76-78, 88-89", 60, 89)]
    claims = [c for c in record.items[1].citations if c.cited_by == "claims_administrator"]
    assert [(c.pages, c.first_page, c.last_page) for c in claims] == [("41; 64", 41, 64)]


SEEDS_BY_NAME = {path.name: path for path in seed_paths()}
