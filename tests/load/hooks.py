"""Test-only set-ups for parser processes (passed as `worker_setup`), importable by name."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from imr_etl.engine import parsing
from imr_etl.records import LetterRecord, RawLetter
from imr_etl.transform.treatments import Lexicon

SLOW_MARKER = "THIS-LETTER-PARSES-SLOWLY"
DEADLY_MARKER = "THIS-LETTER-KILLS-ITS-PARSER"


def make_marked_letters_slow() -> None:
    """Letters carrying SLOW_MARKER take a minute to parse, like a pathological letter."""
    _when_marked(SLOW_MARKER, lambda: time.sleep(60))


def make_marked_letters_kill_the_parser() -> None:
    """Letters carrying DEADLY_MARKER end their parser process, as a crash in C code would."""
    _when_marked(DEADLY_MARKER, lambda: os._exit(3))


def _when_marked(marker: str, act: Callable[[], object]) -> None:
    transform = parsing.transform_letter

    def patched(raw: RawLetter, lexicon: Lexicon | None = None) -> LetterRecord:
        if marker in raw.text:
            act()
        return transform(raw, lexicon)

    parsing.transform_letter = patched  # type: ignore[assignment]
