"""The reviewer's credentials, in both layouts the letters use."""

from __future__ import annotations

import csv
import difflib
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources

from imr_etl.records import ReviewerRecord
from imr_etl.transform.text import collapse

STATE_CODES = {
    "alabama": "AL",
    "alaska": "AK",
    "arizona": "AZ",
    "arkansas": "AR",
    "california": "CA",
    "colorado": "CO",
    "connecticut": "CT",
    "delaware": "DE",
    "district of columbia": "DC",
    "florida": "FL",
    "georgia": "GA",
    "hawaii": "HI",
    "idaho": "ID",
    "illinois": "IL",
    "indiana": "IN",
    "iowa": "IA",
    "kansas": "KS",
    "kentucky": "KY",
    "louisiana": "LA",
    "maine": "ME",
    "maryland": "MD",
    "massachusetts": "MA",
    "michigan": "MI",
    "minnesota": "MN",
    "mississippi": "MS",
    "missouri": "MO",
    "montana": "MT",
    "nebraska": "NE",
    "nevada": "NV",
    "new hampshire": "NH",
    "new jersey": "NJ",
    "new mexico": "NM",
    "new york": "NY",
    "north carolina": "NC",
    "north dakota": "ND",
    "ohio": "OH",
    "oklahoma": "OK",
    "oregon": "OR",
    "pennsylvania": "PA",
    "rhode island": "RI",
    "south carolina": "SC",
    "south dakota": "SD",
    "tennessee": "TN",
    "texas": "TX",
    "utah": "UT",
    "vermont": "VT",
    "virginia": "VA",
    "washington": "WA",
    "west virginia": "WV",
    "wisconsin": "WI",
    "wyoming": "WY",
    "puerto rico": "PR",
}
_CODES = set(STATE_CODES.values())

# difflib ratio from which a spelling is a near miss of a known one: one letter added,
# dropped or changed in a name of 10+ letters ("Sports Medicinea" to "Sports Medicine"
# is 0.97), while two real specialties stay below ("Neurology" and "Urology" are 0.88).
NEAR_MISS_RATIO = 0.9

# Layout A (2013-15): "... is Board Certified in X, has a subspecialty in Y, and is licensed
# to practice in Z." Layout B (2015 on):
# "State(s) of Licensure: Z Certification(s)/Specialty: X, Y".
_LAYOUT_A = re.compile(
    r"Board Certified in (?P<specialty>.+?)(?:,? (?:has|with) a subspecialty in (?P<sub>.+?))?"
    r",? and is licensed to practice in (?P<states>.+?)\.(?:\s|$)",
    re.IGNORECASE,
)
_LAYOUT_B = re.compile(
    r"State\(s\) of Licensure:\s*(?P<states>.+?)\s*Certification\(s\)/Specialty:\s*(?P<certs>.+)$",
    re.IGNORECASE,
)


def parse_reviewer(text: str) -> ReviewerRecord | None:
    """The reviewer profile stated in the "how the determination was made" section.

    >>> parse_reviewer("State(s) of Licensure: Texas, Florida Certification(s)/Specialty: "
    ...                "Anesthesiology, Pain Management").license_states
    'TX,FL'
    """
    flat = collapse(text)
    if match := _LAYOUT_B.search(flat):
        certifications = [
            normalize_specialty(part) for part in re.split(r"[,;]", match["certs"]) if part.strip()
        ]
        states = match["states"]
    elif match := _LAYOUT_A.search(flat):
        certifications = [normalize_specialty(match["specialty"])]
        if match["sub"]:
            certifications.append(normalize_specialty(match["sub"]))
        states = match["states"]
    else:
        return None
    codes = [code for code in (state_code(part) for part in _split_list(states)) if code]
    return make_reviewer(certifications, codes)


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


def state_code(name: str) -> str | None:
    """Two-letter code for a US state name (or a code already)."""
    name = collapse(name).strip(" .")
    if name.upper() in _CODES:
        return name.upper()
    return STATE_CODES.get(name.lower())


def normalize_specialty(name: str) -> str:
    """The one spelling of a board certification (lexicon/specialties.csv).

    A near miss of one known spelling is taken for it: "Sports Medicinea" -> "Sports Medicine"
    (CM16-0238035).
    """
    name = collapse(name).strip(" .,")
    spellings = _specialty_spellings()
    return spellings.get(name.lower()) or nearest_spelling(name, spellings) or name


def nearest_spelling(name: str, spellings: Mapping[str, str]) -> str | None:
    """The one specialty whose known spellings come closest to a misspelt name, if only one.

    A typo changes a letter or two; another specialty differs by whole words, so a close
    ratio (difflib's, at least NEAR_MISS_RATIO) names the specialty meant. When spellings of
    two specialties come that close the name is ambiguous and none is chosen.
    >>> nearest_spelling("Orthopedic Surgey", {"orthopedic surgery": "Orthopedic Surgery"})
    'Orthopedic Surgery'
    """
    wanted = name.lower()
    matcher = difflib.SequenceMatcher(b=wanted, autojunk=False)
    close = set()
    for spelling, specialty in spellings.items():
        matcher.set_seq1(spelling)
        if matcher.real_quick_ratio() >= NEAR_MISS_RATIO and matcher.ratio() >= NEAR_MISS_RATIO:
            close.add(specialty)
    return close.pop() if len(close) == 1 else None


@cache
def _specialty_spellings() -> dict[str, str]:
    source = resources.files("imr_etl") / "lexicon" / "specialties.csv"
    with source.open(encoding="utf-8") as handle:
        return {row["spelling"].lower(): row["specialty"] for row in csv.DictReader(handle)}


def _split_list(text: str) -> list[str]:
    """Split "Texas, Florida and Ohio" into names."""
    return [part for part in re.split(r"\s*(?:,|;|\band\b)\s*", text) if part.strip()]
