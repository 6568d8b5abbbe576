"""Cross-checks a parsed letter of a format passes: a failed one flags a letter unlike the ones
the parser was built for (a new year's layout, a damaged text), which loads with the failed
checks' names in `cases.parse_warnings` so an operator finds it before an analyst does.

Every published letter and seed passes every check of its format (tests/transform/
test_checks.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from imr_etl.records import LetterRecord

MIN_AGE, MAX_AGE = 14, 100
"""Injured workers' ages: the youngest who may work in California, the oldest plausible."""


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    """What `cases.parse_warnings` lists when the check fails."""
    holds: Callable[[LetterRecord], bool]
    description: str


def as_many_as_items(name: str, pattern: str, description: str) -> Check:
    """A check that the letter's text holds `pattern` (in lower case: it is matched in any
    case) once per parsed item."""
    compiled = re.compile(pattern)

    def holds(record: LetterRecord) -> bool:
        return len(compiled.findall(_lower(record.letter_text))) == len(record.items)

    return Check(name, holds, description)


@lru_cache(maxsize=1)
def _lower(text: str) -> str:
    """The text in lower case, made once for a letter's several checks: a case-sensitive
    search of it is a third of the time of a case-insensitive one of the text."""
    return text.lower()


def _dates_in_order(record: LetterRecord) -> bool:
    present = [day for day in (record.ur_denial_date, record.application_received_date,
                               record.date_assigned, record.decision_date) if day is not None]
    return all(earlier <= later for earlier, later in zip(present, present[1:], strict=False))


DATES_IN_ORDER = Check(
    "date_order", _dates_in_order,
    "UR denial <= application received <= date assigned <= decision date (those present)")
PATIENT_AGE = Check(
    "patient_age",
    lambda record: record.patient_age is None or MIN_AGE <= record.patient_age <= MAX_AGE,
    f"the patient's age, when stated, is between {MIN_AGE} and {MAX_AGE}")


def failed_checks(checks: tuple[Check, ...], record: LetterRecord) -> str | None:
    """The names of the checks the record fails, `; `-separated, or None when it passes all."""
    return "; ".join(check.name for check in checks if not check.holds(record)) or None
