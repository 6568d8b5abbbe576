"""Dates as the letters write them."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {name: number for number, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_MONTH_ABBREVIATIONS = {name[:3]: number for name, number in _MONTHS.items()}

# A two-digit year at or below this is 20yy, above it 19yy: injuries reach back to the
# 1970s, letters forward to the 2020s.
_TWO_DIGIT_PIVOT = 40

NUMERIC_DATE = r"\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2})(?!\d)"
WRITTEN_DATE = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
                r"\s+\d{1,2},?\s+\d{4}")
DATE_PATTERN = f"(?:{NUMERIC_DATE}|{WRITTEN_DATE})"
_NUMERIC = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})")
_WRITTEN = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})")


def parse_date(text: str | None) -> date | None:
    """Parse one US date, or None when it is absent or impossible.

    >>> parse_date("7/28/05"), parse_date("December 14, 2010"), parse_date("10-13-16")
    (datetime.date(2005, 7, 28), datetime.date(2010, 12, 14), datetime.date(2016, 10, 13))
    """
    if not text:
        return None
    text = text.strip()
    if match := _NUMERIC.fullmatch(text):
        month, day, year = (int(part) for part in match.groups())
        if len(match.group(3)) == 2:
            year += 2000 if year <= _TWO_DIGIT_PIVOT else 1900
    elif match := _WRITTEN.fullmatch(text):
        month_name = match.group(1).lower()
        month = _MONTHS.get(month_name) or _MONTH_ABBREVIATIONS.get(month_name[:3], 0)
        day, year = int(match.group(2)), int(match.group(3))
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
