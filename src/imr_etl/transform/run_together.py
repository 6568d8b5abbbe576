"""Find files holding several letters run together, so they are rejected, never half-loaded.

A crawler that appends instead of overwriting, or a PDF merged from a batch, gives one file
with many letters; parsing it as one would load the first letter's header with every
letter's items, or silently only the first letter.
"""

from __future__ import annotations

import re

from imr_etl.transform.parts import heading_pattern

# Headings each letter of its layout has exactly once (all 30 published letters and the
# seeds have each once). Page headers never repeat them.
_ONCE_PER_LETTER = {
    heading: re.compile(heading_pattern(heading))
    for heading in ("HOW THE IMR FINAL DETERMINATION WAS MADE",
                    "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE",
                    "MEDICAL REVIEWER QUALIFICATIONS:")
}
# Only the letter's own label counts: a letter may mention a related case's number.
_CASE_NUMBER_LABEL = re.compile(
    r"(?<!Parent )(?<!Prior )(?<!Related )Case\s*Number\s*:\s*(CM\d{2}-\d{7})\b")


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
    counts = {heading: len(pattern.findall(text)) for heading, pattern in _ONCE_PER_LETTER.items()}
    letters = sum(counts.values())
    if letters > 1:
        seen = "; ".join(f"'{heading}' {count} time{'s' if count > 1 else ''}"
                         for heading, count in counts.items() if count)
        return f"the file holds {letters} letters run together ({seen}): {advice}"
    return None
