"""Normalize one disputed-item request into treatment fields, using the CSV lexicon.

The vocabulary lives in ``imr_etl/lexicon/*.csv`` so an operator can add a brand, a
procedure or a body region without touching Python:

- ``drugs.csv`` (term, generic_name, drug_class, dwc_subcategory): a term is matched on
  whole words, case-insensitively; hyphens and spaces in a term are interchangeable, the
  longest term at a place wins ("ms contin" over "ms"), and of two rows with the same
  term the later one wins.
- ``treatments.csv`` (pattern, category, subcategory, name): regular expressions tried
  top to bottom, first match wins. A row with an empty name is a catch-all ("some
  injection"): a drug named in the same request is more specific and wins over it.
- ``body_regions.csv`` (pattern, body_region): at each place in the request the first
  matching row wins; every region found is reported, in text order, joined by "; ".

Rows whose first cell starts with ``#`` are comments.
"""

import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from imr_etl.errors import EtlError

CATEGORIES = frozenset(
    {
        "diagnostic_testing",
        "dmepos",
        "evaluation_and_management",
        "home_health",
        "injection",
        "pharmaceuticals",
        "programs",
        "psych_services",
        "rehabilitation",
        "surgery",
        "therapies",
        "transportation",
        "other",
    }
)

# Categories whose '#N' or trailing 'x N' counts visits rather than items.
SESSION_CATEGORIES = frozenset(
    {"rehabilitation", "therapies", "psych_services", "injection", "programs"}
)

DRUGS_FILE = "drugs.csv"
TREATMENTS_FILE = "treatments.csv"
REGIONS_FILE = "body_regions.csv"
_HEADERS = {
    DRUGS_FILE: ("term", "generic_name", "drug_class", "dwc_subcategory"),
    TREATMENTS_FILE: ("pattern", "category", "subcategory", "name"),
    REGIONS_FILE: ("pattern", "body_region"),
}

_TOPICAL_CLASS = "topical analgesic"
_TOPICAL_SUBCATEGORY = "Topical Analgesics"
_COMPOUND_SUBCATEGORY = "Topical Compounds"


class LexiconError(EtlError):
    """A lexicon file is missing, malformed, or holds a row that cannot be used."""

    def __init__(self, file_name: str, line: int | None, reason: str) -> None:
        where = file_name if line is None else f"{file_name} line {line}"
        super().__init__(f"{where}: {reason}")
        self.file_name = file_name
        self.line = line
        self.reason = reason


@dataclass(frozen=True, slots=True)
class TreatmentRecord:
    """The normalized treatment named by one request."""

    category: str
    """DWC request category in lower snake case; 'other' when the lexicon knows nothing."""
    subcategory: str | None
    """DWC subcategory as DWC spells it; for drugs the DWC drug class."""
    name: str | None
    """Generic drug name(s) joined by '/', or the procedure; None when unknown."""
    drug_class: str | None
    body_region: str | None
    """Regions in text order joined by '; ', e.g. 'cervical; right hand'."""
    strength: str | None
    """As written with a space before the unit: '10/325 mg', '5%'; several joined by '/'."""
    quantity: float | None
    refills: int | None
    frequency: str | None
    """As written, lower-cased: 'bid', 'q6hrs prn', '2 times a week'."""
    sessions: int | None
    """Visits requested, for non-drug requests: '2 times a week for 4 weeks' -> 8."""
    retrospective: bool


@dataclass(frozen=True, slots=True)
class DrugTerm:
    """One row of drugs.csv."""

    term: str
    generic_names: tuple[str, ...]
    drug_class: str
    dwc_subcategory: str | None


@dataclass(frozen=True, slots=True)
class TreatmentRule:
    """One row of treatments.csv."""

    pattern: str
    category: str
    subcategory: str | None
    name: str | None


@dataclass(frozen=True, slots=True)
class RegionRule:
    """One row of body_regions.csv."""

    pattern: str
    body_region: str


@dataclass(frozen=True, slots=True)
class _RuleMatcher:
    """The rows of one pattern table compiled into a few combined regexes."""

    parts: tuple[tuple[re.Pattern[str], tuple[int, ...]], ...]
    """Each regex with the row of each of its marker groups, by group number."""

    def iter_matches(self, text: str) -> Iterator[tuple[int, int, int]]:
        """(row, start, end) at each place, left to right: the first row matching there."""
        # _compile_scan builds a single part, so finditer's order is the text's.
        for pattern, rows in self.parts:
            for match in pattern.finditer(text):
                yield rows[match.lastindex or 0], match.start(), match.end()

    def first_row(self, text: str) -> int | None:
        """The first row in file order that matches anywhere in `text`."""
        # At one start position an alternation returns the lowest row matching there, so
        # the lowest over every start position (and every part) is the first matching row.
        best: int | None = None
        for pattern, rows in self.parts:
            position = 0
            while (match := pattern.search(text, position)) is not None:
                row = rows[match.lastindex or 0]
                if best is None or row < best:
                    best = row
                position = match.start() + 1
        return best


@dataclass(frozen=True, slots=True)
class _Compiled:
    drug_terms: tuple[DrugTerm, ...]
    """One row per distinct term, longest term first; indexes the drugs matcher's rows."""
    drugs: _RuleMatcher
    combination_index: Mapping[str, DrugTerm]
    """'hydrocodone/acetaminophen' -> the first row naming that combination (Norco)."""
    treatments: _RuleMatcher
    regions: _RuleMatcher


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The three lexicon tables, with their patterns compiled once."""

    drugs: tuple[DrugTerm, ...] = field(repr=False)
    treatments: tuple[TreatmentRule, ...] = field(repr=False)
    body_regions: tuple[RegionRule, ...] = field(repr=False)
    version: str
    """Short sha256 of the three files' bytes, stored with rows to tell lexicons apart."""
    _compiled: _Compiled = field(repr=False, compare=False)


def load_lexicon(directory: Path | None = None) -> Lexicon:
    """Read the three lexicon CSVs: load_lexicon() -> Lexicon(version='5ba1c0...')."""
    # None: the package's own tables, read once per process.
    if directory is None:
        return _default_lexicon()
    directory = Path(directory)
    return _build_lexicon(lambda name: _read_file(directory / name, name))


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
    raw = {name: read(name) for name in (DRUGS_FILE, TREATMENTS_FILE, REGIONS_FILE)}
    digest = hashlib.sha256()
    for name, data in raw.items():
        # Name and length framing: moving a row between files changes the version too.
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    drugs = tuple(_parse_drug(n, row) for n, row in _iter_rows(DRUGS_FILE, raw[DRUGS_FILE]))
    treatments = tuple(
        _parse_treatment(n, row) for n, row in _iter_rows(TREATMENTS_FILE, raw[TREATMENTS_FILE])
    )
    regions = tuple(_parse_region(n, row) for n, row in _iter_rows(REGIONS_FILE, raw[REGIONS_FILE]))
    return Lexicon(
        drugs=drugs,
        treatments=treatments,
        body_regions=regions,
        version=digest.hexdigest()[:12],
        _compiled=_compile(drugs, treatments, regions),
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


def _parse_drug(line: int, cells: list[str]) -> DrugTerm:
    term, generic, drug_class, subcategory = cells
    key = _term_key(term)
    names = tuple(part.strip() for part in generic.split("/") if part.strip())
    if not key or not names or not drug_class:
        raise LexiconError(DRUGS_FILE, line, "term, generic_name and drug_class are required")
    return DrugTerm(key, names, drug_class, subcategory or None)


def _parse_treatment(line: int, cells: list[str]) -> TreatmentRule:
    pattern, category, subcategory, name = cells
    if category not in CATEGORIES:
        raise LexiconError(
            TREATMENTS_FILE, line, f"category {category!r} is not one of {sorted(CATEGORIES)}"
        )
    _check_pattern(TREATMENTS_FILE, line, pattern)
    return TreatmentRule(pattern, category, subcategory or None, name or None)


def _parse_region(line: int, cells: list[str]) -> RegionRule:
    pattern, region = cells
    if not region:
        raise LexiconError(REGIONS_FILE, line, "body_region is required")
    _check_pattern(REGIONS_FILE, line, pattern)
    return RegionRule(pattern, region)


def _check_pattern(name: str, line: int, pattern: str) -> None:
    try:
        compiled = re.compile(_lower_pattern(pattern))
    except re.error as exc:
        raise LexiconError(name, line, f"pattern {pattern!r} is not a valid regex: {exc}") from exc
    if compiled.groups:
        # Capturing groups would shift the row markers of the combined pattern.
        raise LexiconError(name, line, f"use (?:...) instead of (...) in {pattern!r}")
    if compiled.search("") is not None:
        raise LexiconError(name, line, f"pattern {pattern!r} matches empty text")


def _lower_pattern(pattern: str) -> str:
    """Lower-case a regex except its escapes ('\\S' stays '\\S')."""
    # Requests are lower-cased before matching, and patterns compiled without IGNORECASE:
    # the regex engine then skips alternatives by their first literal, several times
    # faster than IGNORECASE on a few hundred rows.
    out: list[str] = []
    escaped = False
    for char in pattern:
        out.append(char if escaped else char.lower())
        escaped = char == "\\" and not escaped
    return "".join(out)


def _term_key(term: str) -> str:
    """'Depo-Medrol' -> 'depo medrol': words are runs of letters and digits."""
    return " ".join(re.findall(r"[a-z0-9]+", term.lower()))


def _compile(
    drugs: tuple[DrugTerm, ...],
    treatments: tuple[TreatmentRule, ...],
    regions: tuple[RegionRule, ...],
) -> _Compiled:
    index: dict[str, DrugTerm] = {}
    combinations: dict[str, DrugTerm] = {}
    for drug in drugs:
        # A term listed twice: the later row wins, so a correction appended at the end of
        # the file takes effect (load/lexicon.py stores the same row).
        index[drug.term] = drug
        if len(drug.generic_names) > 1:
            combinations.setdefault("/".join(drug.generic_names), drug)
    # Longest first: at one place 'ms contin' is tried before 'ms'. Any run of
    # non-alphanumerics separates a term's words ('Tylenol #3', 'Depo Medrol').
    terms = tuple(sorted(index.values(), key=lambda drug: len(drug.term), reverse=True))
    term_patterns = [
        r"\b" + r"[^a-z0-9]+".join(drug.term.split(" ")) + r"(?![a-z0-9])" for drug in terms
    ]
    return _Compiled(
        drug_terms=terms,
        drugs=_RuleMatcher((_by_first_letter(DRUGS_FILE, list(enumerate(term_patterns))),)),
        combination_index=combinations,
        treatments=_compile_first(TREATMENTS_FILE, [rule.pattern for rule in treatments]),
        regions=_compile_scan(REGIONS_FILE, [rule.pattern for rule in regions]),
    )


# Why the tables are compiled this way: one search per row would cost a few hundred
# searches per request. Instead every row is split at its top-level '|', each alternative
# gets an empty marker group at its end (Match.lastindex then names the row), and the
# alternatives that start a word with a literal ('\bmri', '\bright\s+knee') are grouped by
# that first letter: at a word start the engine then tries a dozen alternatives, not 400.
# Only alternatives with the same first letter can match at one place, so grouping keeps
# each place's file order.
_WORD_LED = re.compile(r"\\b([a-z0-9])(?![?*+{])")


def _compile_first(name: str, patterns: list[str]) -> _RuleMatcher:
    alternatives = _alternatives(patterns)
    word_led = [(row, alt) for row, alt in alternatives if _WORD_LED.match(alt)]
    others = [(row, alt) for row, alt in alternatives if not _WORD_LED.match(alt)]
    parts = [_by_first_letter(name, word_led)] if word_led else []
    if others:
        parts.append(_in_file_order(name, others))
    return _RuleMatcher(tuple(parts))


def _compile_scan(name: str, patterns: list[str]) -> _RuleMatcher:
    alternatives = _alternatives(patterns)
    if all(_WORD_LED.match(alt) for _, alt in alternatives):
        return _RuleMatcher((_by_first_letter(name, alternatives),))
    return _RuleMatcher((_in_file_order(name, alternatives),))


def _alternatives(patterns: list[str]) -> list[tuple[int, str]]:
    return [
        (row, alternative)
        for row, pattern in enumerate(patterns)
        for alternative in _split_alternatives(_lower_pattern(pattern))
    ]


def _by_first_letter(
    name: str, alternatives: list[tuple[int, str]]
) -> tuple[re.Pattern[str], tuple[int, ...]]:
    groups: dict[str, list[tuple[int, str]]] = {}
    for row, alt in alternatives:
        # '\bmri' -> first letter 'm', rest 'ri'
        groups.setdefault(alt[2], []).append((row, alt[3:]))
    rows = [0]
    branches = []
    for letter, members in groups.items():
        rows.extend(row for row, _ in members)
        branches.append(letter + "(?:" + "|".join(f"{rest}()" for _, rest in members) + ")")
    return _compile_combined(name, r"\b(?:" + "|".join(branches) + ")"), tuple(rows)


def _in_file_order(
    name: str, alternatives: list[tuple[int, str]]
) -> tuple[re.Pattern[str], tuple[int, ...]]:
    body = "|".join(f"{alt}()" for _, alt in alternatives)
    return _compile_combined(name, body), (0, *(row for row, _ in alternatives))


def _compile_combined(name: str, body: str) -> re.Pattern[str]:
    try:
        return re.compile(body)
    except re.error as exc:
        raise LexiconError(
            name, None, f"rows cannot be combined ({exc}); remove inline flags like (?i)"
        ) from exc


def _split_alternatives(pattern: str) -> list[str]:
    """Split a regex at its top-level '|': 'a|b(?:c|d)' -> ['a', 'b(?:c|d)']."""
    parts: list[str] = []
    start = depth = 0
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            # A ']' first in a class ('[]a]', '[^]a]') is a literal, not the class's end.
            if pattern.startswith("^", index + 1):
                index += 1
            if pattern.startswith("]", index + 1):
                index += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    parts.append(pattern[start:])
    return parts


def classify_request(request_text: str, lexicon: Lexicon | None = None) -> TreatmentRecord:
    """Normalize one request: 'Norco 10/325mg #90 with 3 refills' -> hydrocodone/acetaminophen."""
    lex = lexicon if lexicon is not None else load_lexicon()
    compiled = lex._compiled
    text = _disputed_portion(" ".join(request_text.split()).lower())

    drugs = _find_drugs(text, compiled)
    row = compiled.treatments.first_row(text)
    rule = None if row is None else lex.treatments[row]
    drug_class: str | None = None
    if rule is not None and (rule.name is not None or not drugs):
        category, subcategory, name = rule.category, rule.subcategory, rule.name
    elif drugs:
        category = "pharmaceuticals"
        name, drug_class, subcategory = _describe_drugs(text, [d for d, _, _ in drugs], compiled)
    else:
        category, subcategory, name = "other", None, None

    # Drug names can hold digits ('Tylenol #3') and dates hold slashes: blank both out
    # before reading amounts.
    numbers = _mask(text, [(start, end) for _, start, end in drugs])
    if numbers.count("/") >= 2:
        numbers = _DATE.sub(" ", numbers)
    # Strength and refills describe drugs; 'other' may be a drug the lexicon lacks.
    drug_like = category in ("pharmaceuticals", "other")
    return TreatmentRecord(
        category=category,
        subcategory=subcategory,
        name=name,
        drug_class=drug_class,
        body_region=_body_regions(text, compiled.regions, lex.body_regions),
        strength=_strength(numbers) if drug_like else None,
        quantity=_quantity(numbers, category),
        refills=_refills(numbers) if drug_like else None,
        frequency=_frequency(numbers),
        sessions=None if category == "pharmaceuticals" else _sessions(numbers, category),
        retrospective=("retro" in text or "dos" in text or "date" in text)
        and _RETRO.search(text) is not None,
    )


# "X was the original request. Y was authorized ... The remaining IMR eligible portion of
# the original request, Z is" (CM17-0002181): the disputed item is Z. When UR authorized
# something else the letter says "The original request, X is" (CM17-0002324). The item
# parser usually hands over Z alone; a whole header is accepted too.
_PORTION = re.compile(
    r"(?:remaining imr eligible portion of the original request|the original request)\s*,\s*"
)
_TRAILER = re.compile(r"(?:\s+is\b)?\s*(?::?\s*\b(?:upheld|overturned))?\s*:?\s*$")


def _disputed_portion(text: str) -> str:
    if "original request" in text:
        starts = [m.end() for m in _PORTION.finditer(text)]
        if starts:
            text = text[starts[-1] :]
    if text.endswith(("upheld", "overturned", " is", ":")):
        text = _TRAILER.sub("", text)
    return text


def _find_drugs(text: str, compiled: _Compiled) -> list[tuple[DrugTerm, int, int]]:
    # The drugs matcher has one part (built in _compile); no generator on this hot path.
    ((pattern, rows),) = compiled.drugs.parts
    terms = compiled.drug_terms
    return [(terms[rows[m.lastindex or 0]], m.start(), m.end()) for m in pattern.finditer(text)]


_TOPICAL_FORM = re.compile(
    r"\b(?:cream|gel|ointment|lotion|topical|liniment|balm|compound(?:ed)?)\b"
)
_COMPOUND_WORD = re.compile(r"\bcompound(?:ed)?\b")


def _describe_drugs(
    text: str, drugs: list[DrugTerm], compiled: _Compiled
) -> tuple[str, str, str | None]:
    names: list[str] = []
    for drug in drugs:
        for generic in drug.generic_names:
            if generic not in names:
                names.append(generic)
    name = "/".join(names)
    topical = _TOPICAL_FORM.search(text) is not None or any(
        d.drug_class == _TOPICAL_CLASS for d in drugs
    )
    if topical:
        # A cream of an oral drug ('Compound Ketoprofen 20%') is judged as a topical, and
        # a cream of several drugs is a compound even without the word.
        compound = (
            _COMPOUND_WORD.search(text) is not None
            or any(d.dwc_subcategory == _COMPOUND_SUBCATEGORY for d in drugs)
            or len({d.generic_names for d in drugs}) > 1
        )
        return name, _TOPICAL_CLASS, _COMPOUND_SUBCATEGORY if compound else _TOPICAL_SUBCATEGORY
    # 'Hydrocodone/APAP' takes the class of the brand row with the same ingredients (Norco).
    lead = compiled.combination_index.get(name, drugs[0])
    return name, lead.drug_class, lead.dwc_subcategory


def _body_regions(text: str, matcher: _RuleMatcher, rules: tuple[RegionRule, ...]) -> str | None:
    regions: list[str] = []
    for row, _, _ in matcher.iter_matches(text):
        if rules[row].body_region not in regions:
            regions.append(rules[row].body_region)
    return "; ".join(regions) or None


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


_WORD_NUMBERS = {
    "once": 1, "twice": 2, "thrice": 3, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "sixteen": 16, "eighteen": 18, "twenty": 20, "twenty-four": 24,
    "thirty": 30,
}  # fmt: skip
_NUM = r"(?:\d+|" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")"


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _WORD_NUMBERS[word]


_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,5}\b")
_RETRO = re.compile(r"\bretro(?:spective(?:ly)?)?\b|\bdos\b|\bdates? of service\b")

_STRENGTH = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?(?:\s*/\s*\d+(?:\.\d+)?)*)\s*(mg|mcg|%|units?|iu|meq)"
    r"(?:\s*/\s*(\d+(?:\.\d+)?)?\s*(ml|hr|hrs|h|hour|g|gm|actuation)\b)?(?![a-z])"
)


_STRENGTH_HINTS = ("mg", "mcg", "%", "unit", "iu", "meq")


def _strength(text: str) -> str | None:
    if not any(unit in text for unit in _STRENGTH_HINTS):
        return None
    found: list[str] = []
    for amount, unit, per_amount, per_unit in _STRENGTH.findall(text):
        value = re.sub(r"\s*/\s*", "/", amount)
        value = value + unit if unit == "%" else f"{value} {unit}"
        if per_unit:
            value += f"/{per_amount} {per_unit}" if per_amount else f"/{per_unit}"
        if value not in found:
            found.append(value)
    return "/".join(found) or None


_HASH = re.compile(r"#\s*(\d+(?:\.\d+)?)")
_QTY = re.compile(r"\b(?:qty|quantity)\b\s*(?:of\b|:|#)?\s*:?\s*(\d+(?:\.\d+)?)")
_AMOUNT = re.compile(
    r"(?<![/\d.])(\d+(?:\.\d+)?)\s*(?:grams?|gms?|g|ml|mls|oz|ounces?)\b"
    r"|\b(\d+)\s*(?:tablets?|tabs?|capsules?|caps?|pills?|patch(?:es)?|bottles?|tubes?|pairs?)\b"
)
_SPELLED_OUT = re.compile(r"\b" + _NUM + r"\s*\((\d+)\)")  # 'One (1) x-ray'
_TRAILING_NUMBER = re.compile(r",\s*(\d+)\s*$")


def _quantity(text: str, category: str) -> float | None:
    # Most explicit first: '#90', then 'QTY: 270.00', then '240 grams', then 'One (1)'.
    if "#" in text and (match := _HASH.search(text)) is not None:
        return float(match.group(1))
    if ("qty" in text or "quantity" in text) and (match := _QTY.search(text)) is not None:
        return float(match.group(1))
    if (match := _AMOUNT.search(text)) is not None:
        return float(match.group(1) or match.group(2))
    if "(" in text and (match := _SPELLED_OUT.search(text)) is not None:
        return float(match.group(1))
    if category not in SESSION_CATEGORIES and category != "pharmaceuticals":
        # 'NCV of the bilateral lower extremities, 2' (CM17-0010006): two studies.
        if (match := _TRAILING_NUMBER.search(text)) is not None:
            return float(match.group(1))
    return None


_REFILLS = re.compile(
    r"\b(" + _NUM + r"|no)\s+(?:additional\s+|more\s+)?refills?\b"
    r"|\brefills?\s*(?:x|:|#)?\s*(\d+)\b"
)


def _refills(text: str) -> int | None:
    match = _REFILLS.search(text) if "refill" in text else None
    if match is None:
        return None
    word = match.group(1) or match.group(2)
    return 0 if word == "no" else _number(word)


_FREQUENCY = re.compile(
    r"\b(?:" + _NUM + r"(?:\s*(?:-|to|or)\s*" + _NUM + r")?\s*(?:times?|x|days?)?\s*"
    r"(?:a|per|/|each)\s*(?:day|week|wk|month)"
    r"|(?:(?:q\.?\s*\d+(?:\s*-\s*\d+)?\s*(?:hrs?|hours?|h)|q\.?\s*(?:am|pm|hs|day|d|od|week)"
    r"|b\.?i\.?d|t\.?i\.?d|q\.?i\.?d|h\.?s|prn|daily|nightly|weekly|at bedtime|as needed"
    r"|every\s+\d+(?:\s*-\s*\d+)?\s*hours?)\b\.?\s*)+)"
)


def _frequency(text: str) -> str | None:
    match = _FREQUENCY.search(text)
    return " ".join(match.group().split()) if match is not None else None


_FILLER = r"(?:(?!per\b|each\b|a\b|weeks?\b|months?\b|days?\b|times?\b|x\b|of\b)[a-z/&-]+\s+)"
_EXPLICIT_SESSIONS = re.compile(
    r"(?<![\d.\-/])\b(" + _NUM + r")\s+" + _FILLER + r"{0,3}?(?:sessions?|visits?|treatments?)\b"
    r"|\b(?:sessions?|visits?)\s*(?:,|:|x|#)\s*(\d+)\b"
)
_PER_WEEK = re.compile(
    r"(?<![-\w])(" + _NUM + r")(\s*(?:-|to|or)\s*" + _NUM + r")?\s*(?:times?|x|days?)?\s*"
    r"(?:a|per|/|each)\s*(?:week|wk)\s*(?:for|x|times)?\s*(" + _NUM + r")"
    r"(\s*(?:-|to|or)\s*" + _NUM + r")?\s*(?:weeks?|wks?)\b"
)
_TIMES = re.compile(r"(?<![-\w])(\d+)\s*(?:x|times)\s*(\d+)\b(?!\s*(?:refill|mg|%|weeks?|wks?))")
_HASH_OR_X = re.compile(r"#\s*(\d+)\b|\bx\s*(\d+)\b(?!\s*(?:refill|weeks?|wks?|months?|days?))")


def _sessions(text: str, category: str) -> int | None:
    explicit = (
        _EXPLICIT_SESSIONS.findall(text)
        if "session" in text or "visit" in text or "treatment" in text
        else None
    )
    if explicit:
        # 'two ... sessions for the lumbar spine and eight ... sessions for the left wrist'
        # (CM17-0002198) requests ten.
        return sum(_number(a or b) for a, b in explicit)
    if "w" in text and (per_week := _PER_WEEK.search(text)) is not None:
        if per_week.group(2) or per_week.group(4):
            return None  # 'two to three times a week for six to eight weeks': no one count
        return _number(per_week.group(1)) * _number(per_week.group(3))
    if (times := _TIMES.search(text)) is not None:
        return int(times.group(1)) * int(times.group(2))  # '1 times 8', '2x6'
    if category in SESSION_CATEGORIES and (match := _HASH_OR_X.search(text)) is not None:
        return int(match.group(1) or match.group(2))  # 'Acupuncture ... #6'
    return None
