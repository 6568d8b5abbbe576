"""The letter formats, one module each, in the order a letter is tried against them.

A format module exposes NAME (recorded in `cases.letter_format`), ONCE_PER_LETTER (headings
each of its letters has exactly once: more means several letters run together in one
file), CHECKS (cross-checks its parsed letters pass) and `parse(text) -> LetterParts | None`
(None: not a letter of this format; LetterFormatError: one, but unreadable). FORMATS drives
detection, dispatch and the run-together check; adding a format is adding a module to it.
"""

from __future__ import annotations

from typing import Protocol

from imr_etl.transform.formats import fdl_2013, fdl_2014, mpr
from imr_etl.transform.formats.checks import Check
from imr_etl.transform.parts import LetterParts


class LetterFormat(Protocol):
    NAME: str
    ONCE_PER_LETTER: tuple[str, ...]
    CHECKS: tuple[Check, ...]

    def parse(self, text: str) -> LetterParts | None: ...


# The main layout first: its headings never occur in the other two.
FORMATS: tuple[LetterFormat, ...] = (fdl_2014, fdl_2013, mpr)
LETTER_FORMATS = tuple(letter_format.NAME for letter_format in FORMATS)
BY_NAME = {letter_format.NAME: letter_format for letter_format in FORMATS}


def parse_parts(text: str) -> LetterParts | None:
    """The parts of the letter by the first format that recognises it, or None."""
    for letter_format in FORMATS:
        if (parts := letter_format.parse(text)) is not None:
            return parts
    return None
