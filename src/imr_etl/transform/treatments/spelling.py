"""A drug name written one letter off ('Omeprezole 20mg', 'Fenatnyl patch').

drugs.csv lists the misspellings seen so far; letters keep bringing new ones. A word one edit
(a letter added, dropped, changed, or two swapped) away from a drug term of six or more
letters is read as that drug when every term that near names the same drug, and:
- in a request that names no service and no listed drug, when a dose or a dosage form
  follows it ('20mg', '#60', 'patch'), so that words near a drug's name ('reflex' and
  Keflex, 'systolic' and Bystolic) do not become drugs;
- in a compound, as one of its ingredients ('Flurbiprofen 20%/Lidocane 5% cream').
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from imr_etl.transform.treatments.records import DrugTerm

_SHORTEST = 6
"""Shorter names are too close to each other and to English words to correct."""
_WORD_THEN_DOSE = re.compile(
    r"\b([a-z]{" + str(_SHORTEST) + r",})\b(?=\s*(?:\d|#|\(\s*\d|"
    r"(?:er|xr|sr|cr|dr|odt|hcl|sodium|tabs?|tablets?|caps?|capsules?|cream|gel|ointment"
    r"|lotion|patch(?:es)?|solution|spray|injections?|po|oral)\b))"
)


def spelling_index(terms: Iterable[DrugTerm]) -> Mapping[str, tuple[int, ...]]:
    """Each one-word term and its one-letter deletions -> the terms' positions in `terms`.

    Two words one edit apart share an entry (symmetric deletion); `respelled` checks the
    distance of what the entry offers.
    """
    index: dict[str, list[int]] = {}
    for position, term in enumerate(terms):
        word = term.term
        if len(word) < _SHORTEST or not word.isalpha():
            continue
        for key in {word, *_deletions(word)}:
            index.setdefault(key, []).append(position)
    return {key: tuple(positions) for key, positions in index.items()}


def near_drug(
    text: str, terms: tuple[DrugTerm, ...], index: Mapping[str, tuple[int, ...]]
) -> tuple[DrugTerm, int, int] | None:
    """The first word of `text` one edit from a drug term and followed by a dose or a form,
    with its span, else None."""
    for match in _WORD_THEN_DOSE.finditer(text):
        if (term := respelled(match.group(1), terms, index)) is not None:
            return term, match.start(1), match.end(1)
    return None


def respelled(
    word: str, terms: tuple[DrugTerm, ...], index: Mapping[str, tuple[int, ...]]
) -> DrugTerm | None:
    """The drug term `word` (lower case) is one edit from, when all such terms name one drug."""
    if len(word) < _SHORTEST:
        return None
    found = {
        position
        for key in (word, *_deletions(word))
        for position in index.get(key, ())
        if _one_edit_apart(word, terms[position].term)
    }
    if len({terms[position].generic_names for position in found}) != 1:
        return None
    return terms[min(found)]


def _deletions(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


def _one_edit_apart(word: str, term: str) -> bool:
    """One letter added, dropped or changed, or two neighbours swapped."""
    if word == term or abs(len(word) - len(term)) > 1:
        return False
    if len(word) == len(term):
        differ = [i for i, (a, b) in enumerate(zip(word, term, strict=True)) if a != b]
        return len(differ) == 1 or (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and (word[differ[0]], word[differ[1]]) == (term[differ[1]], term[differ[0]])
        )
    shorter, longer = sorted((word, term), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))
