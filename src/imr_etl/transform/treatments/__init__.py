"""Normalize one disputed-item request into treatment fields, using the CSV lexicon.

Modules, one job each: `records` (the record types), `lexicon` (reading, checking and
fingerprinting the CSVs), `matcher` (many regex rows combined into one search),
`structure` (qualifiers and head service of a request), `amounts` (doses and counts),
`classifier` (classify_request, imported from there: a process that only stores the
lexicon tables does not load it).
"""

from imr_etl.errors import LexiconError
from imr_etl.transform.treatments.lexicon import LEXICON_FILES, Lexicon, load_lexicon
from imr_etl.transform.treatments.records import (
    Category,
    DrugTerm,
    RegionRule,
    TreatmentRecord,
    TreatmentRule,
)

__all__ = [
    "LEXICON_FILES",
    "Category",
    "DrugTerm",
    "Lexicon",
    "LexiconError",
    "RegionRule",
    "TreatmentRecord",
    "TreatmentRule",
    "load_lexicon",
]
