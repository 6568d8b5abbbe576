"""The reviewer's credentials, in both layouts the letters use."""

from __future__ import annotations

import re

from imr_etl.records import ReviewerRecord
from imr_etl.transform.text import collapse
from imr_etl.transform.treatments import Lexicon, load_lexicon

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


def parse_reviewer(text: str, lexicon: Lexicon | None = None) -> ReviewerRecord | None:
    """The reviewer profile stated in the "how the determination was made" section.

    >>> parse_reviewer("State(s) of Licensure: Texas, Florida Certification(s)/Specialty: "
    ...                "Anesthesiology, Pain Management").license_states
    'TX,FL'
    """
    lexicon = lexicon or load_lexicon()
    flat = collapse(text)
    if match := _LAYOUT_B.search(flat):
        certifications = [
            normalize_specialty(part, lexicon)
            for part in re.split(r"[,;]", match["certs"])
            if part.strip()
        ]
        states = match["states"]
    elif match := _LAYOUT_A.search(flat):
        certifications = [normalize_specialty(match["specialty"], lexicon)]
        if match["sub"]:
            certifications.append(normalize_specialty(match["sub"], lexicon))
        states = match["states"]
    else:
        return None
    codes = [code for code in (state_code(part, lexicon) for part in _split_list(states)) if code]
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


def state_code(name: str, lexicon: Lexicon | None = None) -> str | None:
    """Two-letter code for a US state name (or a code already), from lexicon/states.csv."""
    states = (lexicon or load_lexicon()).states
    name = collapse(name).strip(" .")
    if name.upper() in states.values():
        return name.upper()
    return states.get(" ".join(name.lower().split()))


def normalize_specialty(name: str, lexicon: Lexicon | None = None) -> str:
    """The one spelling of a board certification (lexicon/specialties.csv)."""
    name = collapse(name).strip(" .,")
    return (lexicon or load_lexicon()).specialties.get(" ".join(name.lower().split()), name)


def _split_list(text: str) -> list[str]:
    """Split "Texas, Florida and Ohio" into names."""
    return [part for part in re.split(r"\s*(?:,|;|\band\b)\s*", text) if part.strip()]
