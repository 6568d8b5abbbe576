"""Test-only set-ups for parser processes (passed as `worker_setup`), importable by name."""

from __future__ import annotations

import os
import time

from imr_etl.engine import parsing
from imr_etl.records import LetterRecord, RawLetter
from imr_etl.transform.treatments import Lexicon

SLOW_MARKER = "THIS-LETTER-PARSES-SLOWLY"


def make_marked_letters_slow() -> None:
    """Letters carrying SLOW_MARKER take a minute to parse, like a pathological letter."""
    transform = parsing.transform_letter

    def slow(raw: RawLetter, lexicon: Lexicon | None = None) -> LetterRecord:
        if SLOW_MARKER in raw.text:
            time.sleep(60)
        return transform(raw, lexicon)

    parsing.transform_letter = slow  # type: ignore[assignment]


DEADLY_MARKER = "THIS-LETTER-KILLS-ITS-PARSER"


def make_marked_letters_kill_the_parser() -> None:
    """Letters carrying DEADLY_MARKER end their parser process, as a crash in C code would."""
    transform = parsing.transform_letter

    def deadly(raw: RawLetter, lexicon: Lexicon | None = None) -> LetterRecord:
        if DEADLY_MARKER in raw.text:
            os._exit(3)
        return transform(raw, lexicon)

    parsing.transform_letter = deadly  # type: ignore[assignment]
