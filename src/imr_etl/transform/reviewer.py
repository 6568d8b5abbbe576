"""The reviewer's credentials, in both layouts the letters use."""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from collections.abc import Mapping

from imr_etl.records import ReviewerRecord
from imr_etl.transform.text import collapse
from imr_etl.transform.treatments import Lexicon, load_lexicon

# difflib ratio from which a spelling is a near miss of a known one: one letter added,
# dropped or changed in a name of 10+ letters ("Sports Medicinea" to "Sports Medicine"
# is 0.97), while two real specialties stay below ("Neurology" and "Urology" are 0.88).
NEAR_MISS_RATIO = 0.9

# Layout A (2013-15): "... is Board Certified in X, has a subspecialty in Y, and is licensed
# to practice in Z." Layout B (2015 on):
# "State(s) of Licensure: Z Certification(s)/Specialty: X, Y".
# Layout A was one regex, `Board Certified in (.+?)(?:,? (?:has|with) a subspecialty in
# (.+?))?,? and is licensed to practice in (.+?)\.(?:\s|$)`: three lazy groups, each
# rescanning the rest of the text for every candidate end of the one before, so a long
# credentials sentence took seconds to minutes (issue 9). _layout_a finds the same match
# from the positions of its phrases, in one pass.
_BOARD_CERTIFIED = re.compile(r"Board Certified in ", re.IGNORECASE)
_SUBSPECIALTY = re.compile(r"(?=(,? (?:has|with) a subspecialty in ))", re.IGNORECASE)
_LICENSED = re.compile(r"(?=(,? and is licensed to practice in ))", re.IGNORECASE)
_SENTENCE_END = re.compile(r"\.(?:\s|$)")
# Compiled once here, not looked up in `re`'s cache on every call.
_CERTIFICATION_SEPARATOR = re.compile(r"[,;]")
_LIST_SEPARATOR = re.compile(r"\s*(?:,|;|\band\b)\s*")
_LICENSURE = re.compile(r"State\(s\) of Licensure:", re.IGNORECASE)
_LAYOUT_B = re.compile(
    r"State\(s\) of Licensure:\s*(?P<states>.+?)\s*Certification\(s\)/Specialty:\s*(?P<certs>.+)$",
    re.IGNORECASE,
)


def parse_reviewer(text: str, lexicon: Lexicon | None = None) -> ReviewerRecord | None:
    """The reviewer profile stated in the "how the determination was made" section.

    >>> parse_reviewer("State(s) of Licensure: Texas, Florida Certification(s)/Specialty: "
    ...                "Anesthesiology, Pain Management").license_states
    'TX,FL'
    """
    lexicon = lexicon or load_lexicon()
    flat = collapse(text)
    if match := _layout_b(flat):
        certifications = [
            normalize_specialty(part, lexicon)
            for part in _CERTIFICATION_SEPARATOR.split(match["certs"])
            if part.strip()
        ]
        states = match["states"]
    elif layout_a := _layout_a(flat):
        specialty, sub, states = layout_a
        certifications = [normalize_specialty(specialty, lexicon)]
        if sub:
            certifications.append(normalize_specialty(sub, lexicon))
    else:
        return None
    codes = [code for code in (state_code(part, lexicon) for part in _split_list(states)) if code]
    return make_reviewer(certifications, codes)


def _layout_b(flat: str) -> re.Match[str] | None:
    """Layout B's match. Its `(.+?)` crosses anything, so if the first "State(s) of
    Licensure:" starts no match, no later one does: one attempt, not one per occurrence."""
    first = _LICENSURE.search(flat)
    return _LAYOUT_B.match(flat, first.start()) if first else None


def _layout_a(flat: str) -> tuple[str, str | None, str] | None:
    """(specialty, subspecialty or None, states) of layout A, as its regex would match them.

    The regex's lazy groups take the shortest text that lets the rest match, and they cross
    anything in collapsed (one-line) text, so: the match starts at the first "Board
    Certified in "; the specialty ends at the first phrase that can finish the sentence (a
    "has a subspecialty in" with a usable "is licensed" after it, or a usable "is
    licensed"); a "licensed" phrase is usable when a sentence end follows it at least one
    character later.
    >>> _layout_a("Board Certified in Surgery, and is licensed to practice in Ohio. He")
    ('Surgery', None, 'Ohio')
    """
    first = _BOARD_CERTIFIED.search(flat)
    if first is None:
        return None
    sentence_ends = [match.start() for match in _SENTENCE_END.finditer(flat)]
    if not sentence_ends:
        return None
    last_end = sentence_ends[-1]
    # "licensed" phrases whose states group can end at a sentence end: start -> phrase end.
    licensed = {match.start(): match.end(1) for match in _LICENSED.finditer(flat, first.end())
                if match.end(1) < last_end}
    last_licensed = max(licensed, default=-1)
    subspecialty = {match.start(): match.end(1)
                    for match in _SUBSPECIALTY.finditer(flat, first.end() + 1)
                    if match.end(1) < last_licensed}
    ends = sorted(position for position in {*licensed, *subspecialty} if position > first.end())
    if not ends:
        return None
    specialty_end = ends[0]
    sub = None
    if specialty_end in subspecialty:
        sub_start = subspecialty[specialty_end]
        licensed_at = min(position for position in licensed if position > sub_start)
        sub = flat[sub_start:licensed_at]
    else:
        licensed_at = specialty_end
    states_start = licensed[licensed_at]
    states_end = sentence_ends[bisect_right(sentence_ends, states_start)]
    return flat[first.end():specialty_end], sub, flat[states_start:states_end]


def make_reviewer(certifications: list[str], state_codes: list[str]) -> ReviewerRecord:
    """Build the record; its key is the normalized profile, so spellings of one profile meet."""
    specialty = certifications[0] if certifications else None
    subspecialty = certifications[1] if len(certifications) > 1 else None
    states = ",".join(state_codes) or None
    key = "|".join([*(c.lower() for c in certifications), states or ""])
    return ReviewerRecord(
        reviewer_key=key,
        specialty=specialty,
        subspecialty=subspecialty,
        license_states=states,
        certifications="; ".join(certifications) or None,
    )


def state_code(name: str, lexicon: Lexicon | None = None) -> str | None:
    """Two-letter code for a US state name (or a code already), from lexicon/states.csv."""
    states = (lexicon or load_lexicon()).states
    name = collapse(name).strip(" .")
    if name.upper() in states.values():
        return name.upper()
    return states.get(" ".join(name.lower().split()))


def normalize_specialty(name: str, lexicon: Lexicon | None = None) -> str:
    """The one spelling of a board certification (lexicon/specialties.csv).

    A near miss of one known spelling is taken for it: "Sports Medicinea" -> "Sports Medicine"
    (CM16-0238035).
    """
    name = collapse(name).strip(" .,")
    spellings = (lexicon or load_lexicon()).specialties
    key = " ".join(name.lower().split())
    return spellings.get(key) or nearest_spelling(key, spellings) or name


def nearest_spelling(name: str, spellings: Mapping[str, str]) -> str | None:
    """The one specialty whose known spellings come closest to a misspelt name, if only one.

    A typo changes a letter or two; another specialty differs by whole words, so a close
    ratio (difflib's, at least NEAR_MISS_RATIO) names the specialty meant. When spellings of
    two specialties come that close the name is ambiguous and none is chosen. `spellings`
    maps lower-case spellings to the specialty (Lexicon.specialties).
    >>> nearest_spelling("Orthopedic Surgey", {"orthopedic surgery": "Orthopedic Surgery"})
    'Orthopedic Surgery'
    """
    wanted = name.lower()
    matcher = difflib.SequenceMatcher(b=wanted, autojunk=False)
    close = set()
    for spelling, specialty in spellings.items():
        matcher.set_seq1(spelling)
        # Each bound is cheaper than the next and never below it (difflib's own order in
        # get_close_matches): most spellings are ruled out before the costly ratio.
        if (matcher.real_quick_ratio() >= NEAR_MISS_RATIO
                and matcher.quick_ratio() >= NEAR_MISS_RATIO
                and matcher.ratio() >= NEAR_MISS_RATIO):
            close.add(specialty)
    return close.pop() if len(close) == 1 else None


def _split_list(text: str) -> list[str]:
    """Split "Texas, Florida and Ohio" into names."""
    return [part for part in _LIST_SEPARATOR.split(text) if part.strip()]
