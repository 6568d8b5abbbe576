"""Letters crafted to make a backtracking parser slow, and a real-shaped letter of many items.

Each kind repeats one shape that once cost time growing with the square of its length (or
worse). `build(kind, scale)` is about `scale` x 100 KB; the tests parse scale 1 and check
the result, scripts/benchmark.py times scales 1, 2 and 4 to show the time grows linearly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

_UNIT = 100_000
"""Characters of repeated text at scale 1."""

_CITATION = "Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 91."


def main_letter(
    *,
    credentials: str = "The expert reviewer is Board Certified in Anesthesiology, and is "
    "licensed to practice in California.",
    header: str = "Norco 10/325mg #60: Upheld",
    claims: str = _CITATION,
    imro: str = _CITATION,
    tail: str = "",
) -> str:
    """A main-layout letter of one item, with one part replaced."""
    return (
        "Case Number: CM16-0000001\nHOW THE IMR FINAL DETERMINATION WAS MADE\n"
        f"{credentials}\nCLINICAL CASE SUMMARY\nThe patient is a 60 year old female.\n"
        "IMR ISSUES, DECISIONS AND RATIONALES\nThe Final Determination was based on decisions "
        "for the disputed items/services set forth below:\n"
        f"{header}\nClaims Administrator guideline: {claims}\nMAXIMUS guideline: {imro}\n"
        f"Decision rationale: The request is not medically necessary.\n{tail}"
    )


def _repeat(piece: str, scale: float) -> str:
    return piece * max(1, int(scale * _UNIT / len(piece)))


def citation_commas(scale: float) -> str:
    """An edition year and then a long run of commas, and pages ending in one."""
    return main_letter(
        claims="Decision based on MTUS Chronic Pain Treatment Guidelines 2009 "
        + _repeat(", ", scale / 2) + "Page(s): 91.",
        imro="Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 91"
        + _repeat(", ", scale / 2) + "x.",
    )


def citation_pages(scale: float) -> str:
    """A citation listing page ranges without end."""
    return main_letter(
        imro="Decision based on MTUS Chronic Pain Treatment Guidelines 2009, Page(s): "
        + _repeat("60-61, ", scale) + "and 62."
    )


def no_evidence(scale: float) -> str:
    """A long sentence before the sentence saying no evidence was cited."""
    return main_letter(
        claims=_repeat("The claims administrator wrote at length ", scale)
        + ". The Claims Administrator did not cite any medical evidence for its decision."
    )


def credentials(scale: float) -> str:
    """A licensure label that never reaches its certifications, then a credentials sentence
    repeating its subspecialty phrase before it ends."""
    return main_letter(
        credentials=_repeat("State(s) of Licensure: Ohio ", scale / 2)
        + "The expert reviewer is Board Certified in Anesthesiology"
        + _repeat(", has a subspecialty in Pain Medicine", scale / 2)
        + ", and is licensed to practice in Ohio. He/she has been in practice."
    )


def authorized(scale: float) -> str:
    """A modified request whose "was authorized" phrase repeats without a full stop, and
    whose header runs over many sentences."""
    return main_letter(
        header="Norco 10/325mg #120 was the original request. "
        + _repeat("Norco 10/325mg #60 was authorized by the Claims Administrator ", scale / 2)
        + "\n" + _repeat("The Claims Administrator authorized part of it.\n", scale / 2)
        + "The remaining IMR eligible portion of the original request, Norco 10/325mg #60 is: "
        "Upheld"
    )


def review_requests(scale: float) -> str:
    """A two-issue medical professional review whose rationale names "request for" again and
    again before its verdicts."""
    path = Path(__file__).parents[1] / "cases" / "formats" / "mpr_two_issues.txt"
    text = path.read_text(encoding="utf-8")
    rationale = re.search(r"NECESSARY:\n", text)
    assert rationale is not None
    filler = _repeat("the request for more treatment ", scale) + ". "
    return text[: rationale.end()] + filler + text[rationale.end() :]


def determinations_2013(scale: float) -> str:
    """A 2013 letter whose decision sentence repeats "has determined the request for"."""
    path = Path(__file__).parents[1] / "cases" / "formats" / "fdl_2013_two_items_upheld.txt"
    text = path.read_text(encoding="utf-8")
    decisions = text.index("INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE")
    first = text.index("has determined the request for", decisions)
    return text[:first] + _repeat("has determined the request for ", scale) + text[first:]


def missing_rationales(scale: float) -> str:
    """Items without their "Decision rationale:" paragraph, many of them."""
    return main_letter(tail=_repeat("X: Upheld\nClaims Administrator guideline: none\n", scale))


def request_frequencies(scale: float) -> str:
    """A request repeating frequency words ('weekly', 'daily') with no span after them."""
    return main_letter(
        header="Physical therapy " + _repeat("twice weekly for daily monthly ", scale) + ": Upheld"
    )


def request_sides(scale: float) -> str:
    """A request naming a part and a side apart from it over and over ('knee right knee ...')."""
    return main_letter(header="MRI of the " + _repeat("knee right ", scale) + ": Upheld")


def request_services(scale: float) -> str:
    """A request joining the same service over and over to one the table ranks first."""
    return main_letter(
        header=_repeat("physical therapy and ", scale) + "chiropractic: Upheld"
    )


HOSTILE_KINDS: dict[str, Callable[[float], str]] = {
    "citation_commas": citation_commas,
    "citation_pages": citation_pages,
    "no_evidence": no_evidence,
    "credentials": credentials,
    "authorized": authorized,
    "review_requests": review_requests,
    "determinations_2013": determinations_2013,
    "missing_rationales": missing_rationales,
    "request_frequencies": request_frequencies,
    "request_sides": request_sides,
    "request_services": request_services,
}


def many_items(letter: str, count: int) -> str:
    """A real letter with its items repeated until it holds `count` of them."""
    start = letter.index("set forth below:") + len("set forth below:")
    body = letter[start:]
    per_copy = body.count("Claims Administrator guideline:")
    copies = -(-count // per_copy)
    return letter[:start] + body * copies
