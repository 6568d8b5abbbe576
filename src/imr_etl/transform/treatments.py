# PLACEHOLDER (to be replaced by the lexicon normalizer being written now).
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class TreatmentRecord:
    category: str
    subcategory: str | None = None
    name: str | None = None
    drug_class: str | None = None
    body_region: str | None = None
    strength: str | None = None
    quantity: float | None = None
    refills: int | None = None
    frequency: str | None = None
    sessions: int | None = None
    retrospective: bool = False


@dataclass(frozen=True, slots=True)
class Lexicon:
    version: str


def load_lexicon(directory: Path | None = None) -> Lexicon:
    return Lexicon(version="0")


def classify_request(request_text: str, lexicon: Lexicon | None = None) -> TreatmentRecord:
    return TreatmentRecord(category="other", retrospective=request_text.lower().startswith("retro"))
