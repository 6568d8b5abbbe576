"""A record's fingerprint is computed in the parser process and travels with the record;
it must always be the fingerprint of the record it travels with."""

from __future__ import annotations

import dataclasses
import hashlib
import pickle

from imr_etl.engine.parsing import parse_letter
from imr_etl.records import LetterRecord
from tests.helpers import real_letter_paths


def _parsed() -> LetterRecord:
    path = real_letter_paths()[0]
    parsed = parse_letter(path.read_bytes(), None, path.name, path.name, "0", None)
    assert isinstance(parsed, tuple), parsed
    return parsed[0]


def _computed_afresh(record: LetterRecord) -> str:
    bare = dataclasses.replace(record, letter_text="", parser_version="", lexicon_version="",
                               source_name="", source_path=None)
    return hashlib.sha256(repr(bare).encode()).hexdigest()


def test_the_parser_process_sends_the_fingerprint_with_the_record() -> None:
    record = _parsed()
    assert record.fingerprint_memo == _computed_afresh(record)
    arrived = pickle.loads(pickle.dumps(record))  # as it crosses from the parser process
    assert arrived.fingerprint_memo == record.fingerprint_memo
    assert arrived.fingerprint() == _computed_afresh(arrived)


def test_a_changed_copy_computes_its_own_fingerprint() -> None:
    record = _parsed()
    copy = dataclasses.replace(record, case_key="elsewhere/letter.txt")
    assert copy.fingerprint_memo is None
    assert copy.fingerprint() == _computed_afresh(copy) != record.fingerprint()


def test_the_versions_and_the_file_name_and_path_do_not_count() -> None:
    record = _parsed()
    restamped = dataclasses.replace(record, parser_version="99", lexicon_version="x",
                                    source_name="copy.pdf", source_path="b/copy.pdf")
    assert restamped.fingerprint() == record.fingerprint()
    assert dataclasses.replace(record, diagnoses="other").fingerprint() != record.fingerprint()
