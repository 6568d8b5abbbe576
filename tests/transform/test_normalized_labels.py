"""The hand-labelled normalized fields in tests/cases/normalized/ are whole and well formed.

These tests check the label files only: one per letter, the same items as the letter, values
from the contract's vocabularies. Whether the normalizer agrees with them is another test's
business.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from imr_etl.extract.files import read_letter
from imr_etl.transform.letter import transform_letter
from tests.helpers import CASES, real_letter_paths, seed_paths
from tests.transform.test_treatments import DWC_DRUG_CLASSES, DWC_SUBCATEGORIES

LABELS = CASES / "normalized"

# CONTRACT.md, disputed_items.treatment_category.
CATEGORIES = {
    "diagnostic_testing", "dmepos", "evaluation_and_management", "home_health", "injection",
    "pharmaceuticals", "programs", "psych_services", "rehabilitation", "surgery", "therapies",
    "transportation", "other",
}  # fmt: skip
# DOMAIN.md section 2: the non-drug subcategories of each category. Categories left out
# (home_health, programs, therapies, transportation) have no subcategory.
SUBCATEGORIES_OF = {
    "diagnostic_testing": {"Imaging/Radiology", "EMG/NCV/NCS", "Lab & Pathology", "Other"},
    "dmepos": {"DME", "Electrical Stimulation", "Prosthetics/Orthotics", "Supplies"},
    "evaluation_and_management": {"Dental Services", "Medical Specialties"},
    "injection": {"Facet Injection", "Injection"},
    "psych_services": {"Evaluation & Management", "Therapies"},
    "rehabilitation": {
        "Acupuncture", "Chiropractic", "Other Therapies",
        "Physical Therapy/Occupational Therapy (PT/OT)",
    },
    "surgery": {
        "Adjunct Surgical Services", "Arthroscopic", "Non-arthroscopic", "Spine",
        "Surgical Consult",
    },
    "pharmaceuticals": DWC_DRUG_CLASSES,
}  # fmt: skip
ITEM_KEYS = [
    "item_number", "request_text", "treatment_category", "treatment_subcategory",
    "treatment_name", "drug_class", "body_region", "strength", "quantity", "refills", "sessions",
    "retrospective",
]  # fmt: skip
_REGION = re.compile(r"[a-z][a-z -]*[a-z]")

LETTERS = real_letter_paths() + seed_paths()


def _label(letter: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((LABELS / f"{letter.stem}.json").read_text())
    return data


def test_every_letter_and_seed_has_one_label_file_and_nothing_else() -> None:
    assert len(LETTERS) == 99
    assert sorted(p.stem for p in LABELS.glob("*.json")) == sorted(p.stem for p in LETTERS)


@pytest.mark.parametrize("letter", LETTERS, ids=lambda p: p.stem)
def test_label_file_lists_the_letters_items(letter: Path) -> None:
    label = _label(letter)
    assert list(label) == ["case_key", "items"]
    assert label["case_key"] == letter.stem
    record = transform_letter(read_letter(letter)[1])
    assert [(i["item_number"], i["request_text"]) for i in label["items"]] == [
        (i.item_number, i.request_text) for i in record.items
    ]


@pytest.mark.parametrize("letter", LETTERS, ids=lambda p: p.stem)
def test_label_values_come_from_the_contracts_vocabularies(letter: Path) -> None:
    for item in _label(letter)["items"]:
        assert list(item) == ITEM_KEYS, item["request_text"]
        category = item["treatment_category"]
        assert category in CATEGORIES, item
        subcategory = item["treatment_subcategory"]
        assert subcategory is None or subcategory in SUBCATEGORIES_OF.get(category, set()), item
        name = item["treatment_name"]
        assert name is None or (name == name.strip() and name != ""), item
        is_drug = category == "pharmaceuticals"
        if is_drug:
            assert name is None or name == name.lower(), item
            drug_class = item["drug_class"]
            assert drug_class is not None and drug_class == drug_class.lower(), item
            assert item["sessions"] is None, item
        else:
            assert item["drug_class"] is None and item["strength"] is None, item
            assert item["refills"] is None, item
        region = item["body_region"]
        assert region is None or all(_REGION.fullmatch(part) for part in region.split("; ")), item
        # A strength is written in the request: every figure of it is there.
        strength = item["strength"] or ""
        assert all(n in item["request_text"] for n in re.findall(r"\d+(?:\.\d+)?", strength))
        assert item["quantity"] is None or (
            isinstance(item["quantity"], (int, float)) and item["quantity"] > 0
        ), item
        for count in ("refills", "sessions"):
            assert item[count] is None or (type(item[count]) is int and item[count] > 0), item
        assert type(item["retrospective"]) is bool, item


def test_subcategories_are_spelled_as_the_lexicon_tests_spell_them() -> None:
    spelled = set().union(*(v for k, v in SUBCATEGORIES_OF.items() if k != "pharmaceuticals"))
    assert spelled <= DWC_SUBCATEGORIES
