"""Make a parsed letter storable on both databases before it is written.

PostgreSQL refuses a NUL character in text, a lone surrogate (from a file name that is not
UTF-8) and an integer beyond 32 bits, where SQLite would take them: one such value once
failed a whole batch. Cleaning here, the same way for both, keeps the two warehouses equal.
Pure: no database is touched.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from imr_etl.records import CitationRecord, ItemRecord, LetterRecord

# The columns are SQL INTEGER: 32-bit on PostgreSQL.
INT_MIN = -(2**31)
INT_MAX = 2**31 - 1

_T = TypeVar("_T")


def validate_record(record: LetterRecord) -> tuple[LetterRecord, tuple[str, ...]]:
    """The record with every value the databases accept, and a note per value changed.

    >>> from imr_etl.records import ItemRecord
    >>> item = ItemRecord(1, "PT x 99999999999 sessions", "upheld", "Not\\x00 needed.",
    ...                   sessions=99999999999)
    >>> fixed, notes = validate_record(LetterRecord("k", "k.txt", "0", "fdl_2014", "1", "1",
    ...                                             "text", items=(item,)))
    >>> fixed.items[0].sessions, fixed.items[0].rationale
    (None, 'Not needed.')
    >>> for note in notes:
    ...     print(note)
    item 1 sessions 99999999999 is beyond the integer range: stored as null
    NUL characters removed from the text
    """
    if _plainly_storable(record):
        return record, ()
    notes: list[str] = []
    fixed = _clean(record, "", notes)
    # One note for NULs, wherever they were: they come from the file, not one field.
    if any(note.endswith("NUL") for note in notes):
        notes = [note for note in notes if not note.endswith("NUL")]
        notes.append("NUL characters removed from the text")
    return fixed, tuple(notes)


def _plainly_storable(record: LetterRecord) -> bool:
    """True when `_clean` would change nothing (nearly every letter), found without walking
    every value: the record's text comes from the letter's text, its file name and path,
    or the lexicon (UTF-8 CSV, which holds no NUL), so when those three are clean, every
    text is; only the integers need looking at one by one."""
    texts = (record.letter_text, record.source_name, record.source_path or "")
    if any(_clean_text(text, []) is not text for text in texts):
        return False
    values = [getattr(record, name) for name in _INTS[LetterRecord]]
    for item in record.items:
        values.extend(getattr(item, name) for name in _INTS[ItemRecord])
        for citation in item.citations:
            values.extend(getattr(citation, name) for name in _INTS[CitationRecord])
    return all(value is None or INT_MIN <= value <= INT_MAX for value in values)


def _int_fields(kind: type[Any]) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(kind)
                 if "int" in str(field.type).split(" | "))


_INTS = {kind: _int_fields(kind) for kind in (LetterRecord, ItemRecord, CitationRecord)}


def _clean(value: _T, where: str, notes: list[str]) -> _T:
    if isinstance(value, str):
        return _clean_text(value, notes)  # type: ignore[return-value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        if INT_MIN <= value <= INT_MAX:
            return value
        notes.append(f"{where} {value} is beyond the integer range: stored as null")
        return None  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(_clean(v, where, notes) for v in value)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes: dict[str, Any] = {}
        prefix = _prefix(value, where)
        for field in dataclasses.fields(value):
            old = getattr(value, field.name)
            new = _clean(old, f"{prefix}{field.name}", notes)
            if new is not old:
                changes[field.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


def _prefix(value: object, where: str) -> str:
    number = getattr(value, "item_number", None)
    if isinstance(number, int):
        return f"item {number} "
    position = getattr(value, "position", None)
    if isinstance(position, int):
        return f"{where.rsplit(' ', 1)[0]} citation {position} ".lstrip()
    return ""


def storable_text(text: str) -> str:
    """`text` without NULs and lone surrogates, e.g. a file name that is not UTF-8.

    >>> storable_text(b"letter\\xff.txt".decode("utf-8", "surrogateescape"))
    'letter\\\\udcff.txt'
    """
    return _clean_text(text, [])


def _clean_text(text: str, notes: list[str]) -> str:
    if "\x00" in text:
        text = text.replace("\x00", "")
        notes.append("NUL")
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            # A lone surrogate: keep its byte visibly, as \udcxx, rather than fail the letter.
            text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text
