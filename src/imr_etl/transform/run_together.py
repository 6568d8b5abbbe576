"""Find files holding several letters run together, so they are rejected, never half-loaded.

A crawler that appends instead of overwriting, or a PDF merged from a batch, gives one file
with many letters; parsing it as one would load the first letter's header with every
letter's items, or silently only the first letter.
"""

from __future__ import annotations

import re

from imr_etl.transform.formats import FORMATS
from imr_etl.transform.parts import heading_pattern

# Each format's headings that its letters have exactly once, by format.
_ONCE_PER_LETTER = [
    {heading: re.compile(heading_pattern(heading)) for heading in letter_format.ONCE_PER_LETTER}
    for letter_format in FORMATS
]
# Only the letter's own label counts: a letter may mention a related case's number. The
# literal comes first so that `re` can skip to it; the lookbehinds then look before it.
_CASE_NUMBER_LABEL = re.compile(
    r"Case(?<!Parent Case)(?<!Prior Case)(?<!Related Case)\s*Number\s*:\s*(CM\d{2}-\d{7})\b")


def find_run_together_letters(text: str) -> str | None:
    """Why the cleaned text holds more than one letter, or None when it holds at most one.

    >>> find_run_together_letters("Case Number: CM16-0000001 ... Case Number: CM16-0000002")[:44]
    'the file holds the letters of 2 cases run to'
    """
    advice = "split it into one file per letter and ingest those"
    numbers = list(dict.fromkeys(_CASE_NUMBER_LABEL.findall(text)))
    if len(numbers) > 1:
        return (f"the file holds the letters of {len(numbers)} cases run together "
                f"({', '.join(numbers)}): {advice}")
    by_format = [{heading: len(pattern.findall(text)) for heading, pattern in headings.items()}
                 for headings in _ONCE_PER_LETTER]
    # A letter of a format has each of its headings once: its most frequent one counts them.
    letters = sum(max(counts.values(), default=0) for counts in by_format)
    counts = {heading: count for counts in by_format for heading, count in counts.items()}
    if letters > 1:
        seen = "; ".join(f"'{heading}' {count} time{'s' if count > 1 else ''}"
                         for heading, count in counts.items() if count)
        return f"the file holds {letters} letters run together ({seen}): {advice}"
    return None
