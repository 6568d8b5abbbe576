"""validate_record's quick check agrees with the full walk of every value."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from imr_etl.engine.parsing import parse_letter
from imr_etl.load import validate
from imr_etl.records import LetterRecord
from tests.helpers import real_letter_paths, seed_paths


def _record(path: Path) -> LetterRecord:
    parsed = parse_letter(path.read_bytes(), None, path.name, path.name, "0", None)
    assert isinstance(parsed, tuple), parsed
    return parsed[0]


@pytest.mark.parametrize("path", [*seed_paths(), *real_letter_paths()[:20]],
                         ids=lambda path: path.name)
def test_a_clean_letter_is_taken_as_it_is_and_the_full_walk_agrees(path: Path) -> None:
    record = _record(path)
    assert validate.validate_record(record) == (record, ())
    notes: list[str] = []
    assert validate._clean(record, "", notes) == record
    assert notes == []


def _with_first_item(record: LetterRecord, **changes: object) -> LetterRecord:
    item = dataclasses.replace(record.items[0], **changes)
    return dataclasses.replace(record, items=(item, *record.items[1:]))


def test_each_kind_of_unstorable_value_is_found_by_the_quick_check() -> None:
    record = _record(seed_paths()[0])
    citation = dataclasses.replace(record.items[0].citations[0], last_page=2**31)
    unstorable = [
        dataclasses.replace(record, patient_age=-(2**31) - 1),
        _with_first_item(record, sessions=2**31),
        _with_first_item(record, refills=10**12),
        _with_first_item(record, citations=(citation, *record.items[0].citations[1:])),
        dataclasses.replace(record, letter_text=record.letter_text + "\x00"),
        dataclasses.replace(record, source_name="caf\udce9.txt"),
        dataclasses.replace(record, source_path="in/caf\udce9.txt"),
    ]
    for bad in unstorable:
        fixed, _ = validate.validate_record(bad)
        assert fixed != bad, bad  # (a lone surrogate is escaped without a note)
