"""Reviewer profiles: one spelling per specialty, state codes, one key per profile."""

from __future__ import annotations

import pytest

from imr_etl.transform.reviewer import normalize_specialty, parse_reviewer
from imr_etl.transform.treatments import load_lexicon

STATE_CODES = load_lexicon().states

LAYOUT_A = ("The physician reviewer is Board Certified in {specialty}, has a subspecialty in "
            "Pain Medicine, and is licensed to practice in {states}. He/she has been in active "
            "clinical practice for more than five years.")
LAYOUT_B = ("The Expert Reviewer has the following credentials: State(s) of Licensure: {states} "
            "Certification(s)/Specialty: {specialty}, Pain Medicine")


@pytest.mark.parametrize("spelling", [
    "Physical Medicine & Rehabilitation", "Physical Medicine Rehab",
    "Physical Medicine and Rehabilitation", "physical medicine & rehabilitation",
])
def test_specialty_spellings_are_unified(spelling: str) -> None:
    assert normalize_specialty(spelling) == "Physical Medicine and Rehabilitation"


def test_the_same_profile_in_both_layouts_is_one_reviewer() -> None:
    a = parse_reviewer(LAYOUT_A.format(specialty="Physical Medicine & Rehabilitation",
                                       states="Texas and Florida"))
    b = parse_reviewer(LAYOUT_B.format(specialty="Physical Medicine Rehab", states="TX, Florida"))
    assert a is not None and b is not None
    assert a == b
    assert (a.specialty, a.subspecialty, a.license_states, a.certifications) == (
        "Physical Medicine and Rehabilitation", "Pain Medicine", "TX,FL",
        "Physical Medicine and Rehabilitation; Pain Medicine")
    assert a.reviewer_key == "physical medicine and rehabilitation|pain medicine|TX,FL"


def test_three_certifications_keep_their_order() -> None:
    reviewer = parse_reviewer(
        "State(s) of Licensure: California, South Carolina Certification(s)/Specialty: "
        "Preventive Medicine, Occupational Medicine, Family Practice")
    assert reviewer is not None
    assert reviewer.certifications == "Preventive Medicine; Occupational Medicine; Family Practice"
    assert (reviewer.specialty, reviewer.subspecialty, reviewer.license_states) == (
        "Preventive Medicine", "Occupational Medicine", "CA,SC")


@pytest.mark.parametrize("name,code", sorted(STATE_CODES.items()))
def test_every_state_name_becomes_its_code(name: str, code: str) -> None:
    reviewer = parse_reviewer(LAYOUT_B.format(specialty="Internal Medicine",
                                              states=name.title()))
    assert reviewer is not None and reviewer.license_states == code


def test_fifty_states_and_dc() -> None:
    assert len(set(STATE_CODES.values()) - {"PR"}) == 51


@pytest.mark.parametrize("spelling,specialty", [
    ("Sports Medicinea", "Sports Medicine"),
    ("Orthopedic Surgey", "Orthopedic Surgery"),
    ("Preventative Medicine", "Preventive Medicine"),
    ("Anesthesiolgy", "Anesthesiology"),
    ("Physical Medicine and Rehabilitaton", "Physical Medicine and Rehabilitation"),
    ("occupational  medicine", "Occupational Medicine"),
])
def test_a_near_miss_of_one_known_specialty_is_that_specialty(spelling: str,
                                                              specialty: str) -> None:
    assert normalize_specialty(spelling) == specialty


@pytest.mark.parametrize("spelling", [
    "Neurotlogy",  # as close to Neurology as to Neurotology: never a guess between two
    "Urology",  # a known specialty of its own, though close to Neurology
    "Acupuncture and Oriental Medicine",  # not a misspelling of either
    "Hand Surgeon",
])
def test_a_name_close_to_none_or_to_two_specialties_stays_as_written(spelling: str) -> None:
    assert normalize_specialty(spelling) == spelling


def test_a_misspelt_subspecialty_in_a_letter_is_normalized() -> None:
    reviewer = parse_reviewer("State(s) of Licensure: California, Texas Certification(s)/"
                              "Specialty: Orthopedic Surgery, Sports Medicinea")
    assert reviewer is not None
    assert (reviewer.specialty, reviewer.subspecialty, reviewer.reviewer_key) == (
        "Orthopedic Surgery", "Sports Medicine", "orthopedic surgery|sports medicine|CA,TX")
