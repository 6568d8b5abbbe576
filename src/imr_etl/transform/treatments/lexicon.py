"""Read, check and fingerprint the lexicon CSVs, and compile their patterns once.

The vocabulary lives in ``imr_etl/lexicon/*.csv`` so an operator can add a brand, a
procedure or a body region without touching Python:

- ``drugs.csv`` (term, generic_name, drug_class, dwc_subcategory): a term is matched on
  whole words, case-insensitively; hyphens and spaces in a term are interchangeable, the
  longest term at a place wins ("ms contin" over "ms"), and of two rows with the same
  term the later one wins. A generic_name of ``-`` names a brand family whose products
  differ in ingredients: the class is known, the name stays empty. A request that names
  nothing else is read once more for a term written one letter off (spelling.py).
- ``treatments.csv`` (pattern, category, subcategory, name): regular expressions tried
  top to bottom, first match wins. A row with an empty name is a catch-all ("some
  injection"): a drug named in the same request is more specific and wins over it.
- ``body_regions.csv`` (pattern, body_region): at each place in the request the first
  matching row wins; every region found is reported, in text order, joined by "; ".
- ``categories.csv`` (category, dwc_name, counts): DWC's request categories, and what a
  count in their requests is: ``sessions`` (visits, injections), ``quantity`` (units
  dispensed) or ``none`` (an MRI "times 1" is one study, neither).
- ``specialties.csv`` (spelling, specialty): one spelling per board certification.
- ``states.csv`` (name, code): licence states to two-letter codes.

Rows whose first cell starts with ``#`` are comments.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from imr_etl.errors import LexiconError
from imr_etl.transform.treatments.matcher import (
    RuleMatcher,
    by_first_letter,
    check_pattern,
    compile_first,
    compile_scan,
)
from imr_etl.transform.treatments.records import Category, DrugTerm, RegionRule, TreatmentRule
from imr_etl.transform.treatments.spelling import spelling_index

DRUGS_FILE = "drugs.csv"
TREATMENTS_FILE = "treatments.csv"
REGIONS_FILE = "body_regions.csv"
CATEGORIES_FILE = "categories.csv"
SPECIALTIES_FILE = "specialties.csv"
STATES_FILE = "states.csv"
_HEADERS = {
    DRUGS_FILE: ("term", "generic_name", "drug_class", "dwc_subcategory"),
    TREATMENTS_FILE: ("pattern", "category", "subcategory", "name"),
    REGIONS_FILE: ("pattern", "body_region"),
    CATEGORIES_FILE: ("category", "dwc_name", "counts"),
    SPECIALTIES_FILE: ("spelling", "specialty"),
    STATES_FILE: ("name", "code"),
}
LEXICON_FILES = tuple(_HEADERS)
NO_REGION = "-"
"""body_regions.csv: a row naming no region, so that a device's name ('knee scooter') is not
read as the part it treats."""
"""Every file a lexicon folder holds (--lexicon-dir must hold them all)."""


@dataclass(frozen=True, slots=True)
class Compiled:
    """The patterns and indexes classify_request uses, built once per lexicon."""

    drug_terms: tuple[DrugTerm, ...]
    """One row per distinct term, longest term first; indexes the drugs pattern's rows."""
    drugs: tuple[re.Pattern[str], tuple[int, ...]]
    compound_ingredients: tuple[DrugTerm, ...]
    """The generic rows of the drugs a named compound holds or that have a short name, in
    alphabetical order: to read a compound's ingredient written short by its beginning."""
    combination_index: Mapping[str, DrugTerm]
    """'hydrocodone/acetaminophen' -> the first row naming that combination (Norco)."""
    injection_index: Mapping[str, DrugTerm]
    """'lidocaine' -> the first row of its injection (class and DWC subcategory 'Injection')."""
    subcategory_classes: Mapping[str, str]
    """DWC drug class -> the drug_class of three in four of its rows or more ('Opioids' ->
    'opioid'; none for 'Antihypertensive', whose rows are of several classes), for a request
    naming a class and no drug ('Opioid medication')."""
    treatments: RuleMatcher
    regions: RuleMatcher
    session_categories: frozenset[str]
    day_categories: frozenset[str]
    """Of the session categories, those whose days are visits ('FRP x 10 days')."""
    quantity_categories: frozenset[str]
    sideable_regions: frozenset[str]
    """Parts that have a sided row ('knee': 'left knee' exists), so a side can carry over."""
    spellings_memo: Mapping[str, tuple[int, ...]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    sided_memo: dict[tuple[str, str], str] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """A part with a side, as the region rows name it ('foot', 'bilateral' -> 'bilateral
    feet'); filled by the classifier as requests need them."""

    @property
    def spellings(self) -> Mapping[str, tuple[int, ...]]:
        """spelling.spelling_index of drug_terms, built when a request first needs it: most
        parser processes never read a misspelled drug."""
        memo = self.spellings_memo
        if memo is None:
            memo = spelling_index(self.drug_terms)
            # A cache of the frozen record's own value, like Lexicon.compiled.
            object.__setattr__(self, "spellings_memo", memo)
        return memo


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The lexicon tables, with their patterns compiled once."""

    drugs: tuple[DrugTerm, ...] = field(repr=False)
    treatments: tuple[TreatmentRule, ...] = field(repr=False)
    body_regions: tuple[RegionRule, ...] = field(repr=False)
    categories: tuple[Category, ...] = field(repr=False)
    specialties: Mapping[str, str] = field(repr=False)
    """Lower-case spelling -> the one spelling of the certification."""
    states: Mapping[str, str] = field(repr=False)
    """Lower-case state name -> two-letter code."""
    version: str
    """Short sha256 of the files' bytes, stored with rows to tell lexicons apart."""
    compiled_memo: Compiled | None = field(default=None, init=False, repr=False, compare=False)
    """`compiled` once built (the same memo as `LetterRecord.fingerprint`'s)."""

    @property
    def compiled(self) -> Compiled:
        """The patterns, compiled on first use: a process that only stores the lexicon
        tables (the run's main process, with parser workers) never pays for them."""
        memo = self.compiled_memo
        if memo is None:
            memo = _compile(self.drugs, self.treatments, self.body_regions, self.categories)
            # The lexicon is frozen; the memo is a cache of its own value, not a change.
            object.__setattr__(self, "compiled_memo", memo)
        return memo


def load_lexicon(directory: Path | None = None) -> Lexicon:
    """Read the lexicon CSVs: load_lexicon() -> Lexicon(version='5ba1c0...')."""
    # None: the package's own tables, read once per process.
    if directory is None:
        return _default_lexicon()
    directory = Path(directory)
    lexicon = _build_lexicon(lambda name: _read_file(directory / name, name))
    # An operator's patterns are checked (each a valid regex, the rows combinable) now,
    # once, rather than in every letter's parse; the package's own are checked by tests.
    lexicon.compiled  # noqa: B018
    return lexicon


@cache
def _default_lexicon() -> Lexicon:
    folder = resources.files("imr_etl").joinpath("lexicon")
    return _build_lexicon(lambda name: folder.joinpath(name).read_bytes())


def _read_file(path: Path, name: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise LexiconError(name, None, f"cannot read {path} ({exc.strerror})") from exc


def _build_lexicon(read: Callable[[str], bytes]) -> Lexicon:
    raw = {name: read(name) for name in LEXICON_FILES}
    digest = hashlib.sha256()
    for name, data in raw.items():
        # Name and length framing: moving a row between files changes the version too.
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    categories = tuple(
        _parse_category(n, row) for n, row in _iter_rows(CATEGORIES_FILE, raw[CATEGORIES_FILE])
    )
    known = frozenset(c.category for c in categories)
    drugs = tuple(_parse_drug(n, row) for n, row in _iter_rows(DRUGS_FILE, raw[DRUGS_FILE]))
    treatments = tuple(
        _parse_treatment(n, row, known)
        for n, row in _iter_rows(TREATMENTS_FILE, raw[TREATMENTS_FILE])
    )
    regions = tuple(_parse_region(n, row) for n, row in _iter_rows(REGIONS_FILE, raw[REGIONS_FILE]))
    return Lexicon(
        drugs=drugs,
        treatments=treatments,
        body_regions=regions,
        categories=categories,
        specialties=_pairs(SPECIALTIES_FILE, raw[SPECIALTIES_FILE], str.strip),
        states=_pairs(STATES_FILE, raw[STATES_FILE], str.upper),
        version=digest.hexdigest()[:12],
    )


def _iter_rows(name: str, data: bytes) -> Iterator[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")  # a BOM appears when the file was saved from Excel
    except UnicodeDecodeError as exc:
        raise LexiconError(name, None, "is not UTF-8; save it as UTF-8 CSV") from exc
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    expected = _HEADERS[name]
    if header is None or tuple(cell.strip().lower() for cell in header) != expected:
        raise LexiconError(name, 1, f"header must be {','.join(expected)}")
    for row in reader:
        cells = [cell.strip() for cell in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if len(cells) != len(expected):
            raise LexiconError(
                name, reader.line_num, f"expected {len(expected)} cells, found {len(cells)}"
            )
        yield reader.line_num, cells


def _pairs(name: str, data: bytes, value: Callable[[str], str]) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for line, (key, mapped) in _iter_rows(name, data):
        if not key or not mapped:
            raise LexiconError(name, line, f"{'/'.join(_HEADERS[name])} are both required")
        pairs[" ".join(key.lower().split())] = value(mapped)
    return pairs


def _parse_category(line: int, cells: list[str]) -> Category:
    category, dwc_name, counts = cells
    if not re.fullmatch(r"[a-z_]+", category) or not dwc_name:
        raise LexiconError(
            CATEGORIES_FILE, line, "category (lower snake case) and dwc_name are required"
        )
    if counts not in ("sessions", "days", "quantity", "none"):
        raise LexiconError(
            CATEGORIES_FILE, line, "counts must be sessions, days, quantity or none"
        )
    return Category(category, dwc_name, counts)


def _parse_drug(line: int, cells: list[str]) -> DrugTerm:
    term, generic, drug_class, subcategory = cells
    key = term_key(term)
    # '-': a brand family whose products differ in ingredients (Salonpas): class known, no name.
    names = () if generic == "-" else tuple(p.strip() for p in generic.split("/") if p.strip())
    if not key or not (names or generic == "-") or not drug_class:
        raise LexiconError(DRUGS_FILE, line, "term, generic_name and drug_class are required")
    # Lower case whatever the file says: the contract spells classes so ("nsaid").
    return DrugTerm(key, names, drug_class.lower(), subcategory or None)


def _parse_treatment(line: int, cells: list[str], categories: frozenset[str]) -> TreatmentRule:
    pattern, category, subcategory, name = cells
    if category not in categories:
        raise LexiconError(
            TREATMENTS_FILE,
            line,
            f"category {category!r} is not one of {sorted(categories)} ({CATEGORIES_FILE})",
        )
    return TreatmentRule(pattern, category, subcategory or None, name or None, line)


def _parse_region(line: int, cells: list[str]) -> RegionRule:
    pattern, region = cells
    if not region:
        raise LexiconError(REGIONS_FILE, line, "body_region is required")
    return RegionRule(pattern, region, line)


def _compound_ingredients(terms: tuple[DrugTerm, ...]) -> tuple[DrugTerm, ...]:
    # The ingredients of the named compounds, and the drugs with a short name ('keto').
    compounded = {
        name
        for drug in terms
        if drug.drug_class == "topical compound" or drug.written_short
        for name in drug.generic_names
    }
    generic_rows = (drug for drug in terms if (drug.term,) == drug.generic_names)
    return tuple(sorted((d for d in generic_rows if d.term in compounded), key=lambda d: d.term))


def _subcategory_classes(drugs: tuple[DrugTerm, ...]) -> dict[str, str]:
    classes: dict[str, Counter[str]] = {}
    for drug in drugs:
        if drug.dwc_subcategory is not None:
            classes.setdefault(drug.dwc_subcategory, Counter())[drug.drug_class] += 1
    return {
        subcategory: most
        for subcategory, counts in classes.items()
        for most, rows in counts.most_common(1)
        if rows * 4 >= counts.total() * 3
    }


def term_key(term: str) -> str:
    """'Depo-Medrol' -> 'depo medrol': words are runs of letters and digits."""
    return " ".join(re.findall(r"[a-z0-9]+", term.lower()))


def _compile(
    drugs: tuple[DrugTerm, ...],
    treatments: tuple[TreatmentRule, ...],
    regions: tuple[RegionRule, ...],
    categories: tuple[Category, ...],
) -> Compiled:
    # Each row's pattern alone first, so an error names its file and line.
    for rule in treatments:
        check_pattern(TREATMENTS_FILE, rule.line, rule.pattern)
    for region in regions:
        check_pattern(REGIONS_FILE, region.line, region.pattern)
    index: dict[str, DrugTerm] = {}
    combinations: dict[str, DrugTerm] = {}
    injections: dict[str, DrugTerm] = {}
    for drug in drugs:
        # A term listed twice: the later row wins, so a correction appended at the end of
        # the file takes effect (load/lexicon.py stores the same row).
        index[drug.term] = drug
        if len(drug.generic_names) > 1:
            combinations.setdefault("/".join(drug.generic_names), drug)
        if drug.dwc_subcategory == "Injection":
            injections.setdefault("/".join(drug.generic_names), drug)
    # Longest first: at one place 'ms contin' is tried before 'ms'. Any run of
    # non-alphanumerics separates a term's words ('Tylenol #3', 'Depo Medrol').
    terms = tuple(sorted(index.values(), key=lambda drug: len(drug.term), reverse=True))
    term_patterns = [
        r"\b" + r"[^a-z0-9]+".join(drug.term.split(" ")) + r"(?![a-z0-9])" for drug in terms
    ]
    return Compiled(
        drug_terms=terms,
        drugs=by_first_letter(DRUGS_FILE, list(enumerate(term_patterns))),
        compound_ingredients=_compound_ingredients(terms),
        combination_index=combinations,
        injection_index=injections,
        subcategory_classes=_subcategory_classes(drugs),
        treatments=compile_first(TREATMENTS_FILE, [rule.pattern for rule in treatments]),
        regions=compile_scan(REGIONS_FILE, [rule.pattern for rule in regions]),
        session_categories=frozenset(
            c.category for c in categories if c.counts in ("sessions", "days")
        ),
        day_categories=frozenset(c.category for c in categories if c.counts == "days"),
        quantity_categories=frozenset(c.category for c in categories if c.counts == "quantity"),
        sideable_regions=frozenset(
            region.split(" ", 1)[1]
            for rule in regions
            for region in rule.body_region.split("; ")
            if region.startswith(("right ", "left "))
        ),
    )
