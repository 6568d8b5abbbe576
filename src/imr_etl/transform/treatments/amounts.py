"""Doses and counts read from a request: strength, quantity, refills, frequency, sessions.

Every function takes the request lower-cased and whitespace-collapsed, with drug names
blanked out (they can hold digits: 'Tylenol #3'); `topical` says that the request, drug names
included, names something spread on the skin or a percentage ('Voltaren gel', '20%'), so that
its grams are a size, not a dose.
"""

from __future__ import annotations

import itertools
import re

_WORD_NUMBERS = {
    "once": 1, "twice": 2, "thrice": 3, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "eighteen": 18, "twenty": 20,
    "twenty-four": 24, "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_NUM = r"(?:\d+|" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")"
# 'two to three', '2-3', '6 or 8': a range, of which a count takes the maximum.
_RANGE = _NUM + r"(?:\s*(?:-|to|or)\s*" + _NUM + r")?"



def _int(digits: str) -> int:
    """A count as written; a run of digits too long to be one (Python refuses to convert
    more than 4,300) stands for a number out of any column's range, which the loader stores
    as null with a note."""
    return int(digits) if len(digits) <= 18 else 10**18

def number(word: str) -> int:
    """'12' -> 12, 'twelve' -> 12."""
    return _int(word) if word.isdigit() else _WORD_NUMBERS[word]


def _maximum(text: str) -> int:
    """The largest number of a range as written: 'two to three' -> 3, '12-18' -> 18."""
    return max(number(word) for word in re.findall(_NUM, text))


# A procedure's code is no count: 'Office visit CPT 99213 x 6', 'Physical therapy 97110 x 12',
# 'Psychotherapy 90837', '64483 x 2' (five digits before a count, or the 9xxxx codes alone).
CPT_CODE = re.compile(
    r"\bcpt\s*(?:codes?\s*)?[#:]?\s*\d{5}\b|\b9\d{4}\b(?!\s*(?:units?|iu|mg|mcg))"
    r"|\b\d{5}\b(?=\s*(?:x|times)\s*\d)"
)
# A date, not a three-part strength ('Tribenzor 20/5/12.5mg').
DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,5}\b(?!\.\d|\s*(?:mg|mcg|%))")

_STRENGTH = re.compile(
    # '50,000 IU', '1,000mg': a thousands separator is part of the number. A combination
    # keeps its units as written ('7.5mg-325mg'); a drug's name blanked out between two
    # strengths is more than two spaces, so they stay two ('10mg/acetaminophen 325mg').
    r"(?<![\w.,])(?:(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+)"
    r"(?:\s{0,2}(?:mg|mcg)?\s{0,2}[/-]\s{0,2}\d+(?:\.\d+)?)*"
    r"\s*(?:mg|mcg|%|units?|iu|meq|g(?=\s*/\s*(?:\d+(?:\.\d+)?)?\s*ml\b))"  # '10g/15ml'
    r"(?:\s*/\s*(?:\d+(?:\.\d+)?)?\s*(?:ml|hr|hrs|h|hour|g|gm|actuation)\b)?(?![a-z])"
)
_PARENTHESES = re.compile(r"\([^()]*\)")
_STRENGTH_HINTS = ("mg", "mcg", "%", "unit", "iu", "meq", "g/")
# 'Norco 10/325 #120': a combination's strengths written without their unit. The second drug of
# such a combination (acetaminophen, ibuprofen, aspirin) comes in 200 mg and more, so one number
# has three digits; '1/2 tab', a date's '3/15' and its '10/2015' are not strengths.
_BARE_COMBINATION = re.compile(
    r"(?<![\w.,/#$-])\d{1,3}(?:\.\d+)?(?:\s*[/-]\s*\d{1,3}(?:\.\d+)?)+(?![\w./%-]|,\d)"
)


def strength(text: str, topical: bool = False) -> str | None:
    """As written: '10/325mg', '7.5-325mg', '5 mg/ml', '10/325'; a compound's '20%/5%' in order."""
    found: list[str] = []
    if "(" in text and _STRENGTH.search(outside := _PARENTHESES.sub(" ", text)) is not None:
        text = outside  # 'Lidoderm 5% (700mg/patch)': the parentheses restate the strength
    if any(unit in text for unit in _STRENGTH_HINTS):
        found = [" ".join(match.group().split()) for match in _STRENGTH.finditer(text)]
    if not found and ("/" in text or "-" in text):
        found = [
            " ".join(match.group().split())
            for match in _BARE_COMBINATION.finditer(text)
            if _has_three_digit_number(match.group())
        ]
    if not found and not topical and (dose := _gram_dose(text)) is not None:
        found = [dose]
    return "/".join(found) or None


def _gram_dose(text: str) -> str | None:
    """'Sucralfate 1gm' -> '1gm': grams taken, not a size; nothing spread on says otherwise."""
    if "g" not in text or _SPREAD_ON.search(text) is not None:
        return None
    match = _GRAM_DOSE.search(text)
    if match is None or float(match.group(1)) > _MOST_GRAMS_A_DOSE:
        return None
    return " ".join(match.group().split())


def _has_three_digit_number(combination: str) -> bool:
    """'10/325' -> True; '1/2' -> False."""
    return any(len(number.strip().split(".")[0]) == 3 for number in re.split("[/-]", combination))


_HASH = re.compile(r"#\s*(\d+(?:\.\d+)?)")
_NUMBER_SIGN = re.compile(r"\bno\.\s*(\d+(?:\.\d+)?)")  # 'Soma 350mg No. 60'
_QTY = re.compile(
    r"\b(?:qty|quantity|dispense|disp)\b\.?\s*(?:of\b|:|#)?\s*:?\s*(\d+(?:\.\d+)?)"
)
# A dose is no amount dispensed: '1 tablet every 6 hours', '5ml q12h', '17g daily'.
_DOSING = (
    r"(?!\s*(?:q\.?\s*\d|(?:po|by mouth|orally|sl|q|every|daily|nightly|bid|tid|qid|qhs|hs|prn"
    r"|at bedtime|at night|as needed|once|twice|three times|four times|per day|a day"
    r"|with (?:food|meals)|in the (?:morning|evening)|(?:\d|one|two|three|four)\s*(?:times?|x)"
    r")\b))"
)
# Units dispensed ('60 tablets', 'x 3 tubes'), read before the size of one ('100gm'):
# 'Voltaren gel 1% 100gm x 3 tubes' is three tubes.
_UNITS = re.compile(
    r"\b(" + _NUM + r")\s*(?:tablets?|tabs?|capsules?|caps?|pills?|count|patch(?:es)?|bottles?"
    r"|tubes?|pairs?|containers?|box(?:es)?|kits?|jars?|packs?|packages?|sets?|rolls?|pens?)\b"
    + _DOSING
)
# '473ml'; not a concentration's '10g/15ml' or its 'per 15ml'.
_SIZE = re.compile(
    r"(?<![/\d.])(?<!per )(\d+(?:\.\d+)?)\s*(?:grams?|gms?|g|ml|mls|oz|ounces?)\b(?!\s*/)"
    + _DOSING
)
# What is spread on, in a tube or jar whose size is the amount dispensed ('gel 100gm qid').
_SPREAD_ON = re.compile(r"\b(?:cream|gel|ointment|lotion|liniment|balm|rub)\b")
# A dose in grams, of what is taken, not spread: 'Sucralfate 1gm', 'Miralax 17g'.
_GRAM_DOSE = re.compile(r"(?<![/\d.,])(\d{1,2}(?:\.\d+)?|\.\d+)\s*(?:g|gms?|grams?)\b(?!\s*/)")
_MOST_GRAMS_A_DOSE = 30.0
_SPELLED_OUT_PATTERN = r"\b" + _NUM + r"\s*\((\d+)\)"  # 'One (1) x-ray'
_SPELLED_OUT = re.compile(_SPELLED_OUT_PATTERN)
_ANY_SIZE = re.compile(_SIZE.pattern.removesuffix(_DOSING))  # a tube's size, dosed or not
# What a count after 'x' or 'times' counts when not items or visits: 'x 2 refills', 'x 6 weeks'.
_NOT_COUNTED = r"refills?|weeks?|wks?|months?|days?|hours?|hrs?|years?|yrs?"
# 'Norco 10/325mg x 90', 'Toradol 30mg IM x 1': a count after 'x' that counts nothing else.
_TIMES_QUANTITY = re.compile(
    r"(?<![\w.])x\s*(\d+)\b(?!\s*(?:" + _NOT_COUNTED + r"|times?|per\b|a\b|/|inch\w*|in\b|cm\b))"
)
_SIZE_TIMES = re.compile(
    r"\d\s*(?:grams?|gms?|g|ml|mls|oz|ounces?)\s*x\s*(\d+)\b(?!\s*(?:" + _NOT_COUNTED + r"))"
)
_TRAILING_COUNT = re.compile(r"\((\d{1,3})\)$")
# A leading number that describes the device is no count: '4 wheeled walker', '4 pt cane',
# '3 in 1 commode', '4 lead TENS unit', '9 volt batteries'.
_LEADING_COUNT = re.compile(
    r"(" + _NUM + r")\s+(?!(?:times?|x|per|a|month|week|day|wheel(?:ed)?|point|pt|prong|in|lead"
    r"|channel|leg(?:ged)?|step|way|volt)s?\b)[a-z]"
)


def _digits(spelled: re.Match[str]) -> str:
    """'Eight (8)' or '8 (eight)' -> '8'."""
    return spelled.group(1) or spelled.group(2)


def quantity(text: str, counts: str, topical: bool = False) -> float | None:
    """The dispensed count: '#90' -> 90, 'Wrist braces #2' -> 2, 'One container' -> 1.

    `counts` is the category's (categories.csv): only a 'quantity' category has one; a
    therapy's '#6' counts visits and an MRI's '#1' is one study.
    """
    if counts != "quantity":
        return None
    # Most explicit first: '#90', 'No. 60', 'QTY: 270.00', units ('60 tablets', 'x 3 tubes'),
    # a size ('240 grams', or two of it: '240 gm x 2'), 'One (1)', a leading count.
    if "#" in text and (match := _HASH.search(text)) is not None:
        return float(match.group(1))
    if "no." in text and (match := _NUMBER_SIGN.search(text)) is not None:
        return float(match.group(1))
    if ("qty" in text or "quantity" in text or "disp" in text) and (
        match := _QTY.search(text)
    ) is not None:
        return float(match.group(1))
    # '60 (sixty) tablets': the digits and the words say one number
    units = text if "(" not in text else _SPELLED_WITH_DIGITS.sub(_digits, text)
    if (match := _UNITS.search(units)) is not None:
        return float(number(match.group(1)))
    if "x" in text and (match := _SIZE_TIMES.search(text)) is not None:
        return float(match.group(1))  # '240 gm x 2': two of that size
    spread = topical or _SPREAD_ON.search(text) is not None
    if (match := (_ANY_SIZE if spread else _SIZE).search(text)) is not None and (
        spread or _gram_dose(text) is None
    ):
        return float(match.group(1))
    if "(" in text and (match := _SPELLED_OUT.search(text)) is not None:
        return float(match.group(1))
    if (match := _LEADING_COUNT.match(text)) is not None:
        return float(number(match.group(1)))  # '1 knee scooter', 'One container of ...'
    if "x" in text and (match := _TIMES_QUANTITY.search(text)) is not None:
        return float(match.group(1))
    if text.endswith(")") and (match := _TRAILING_COUNT.search(text)) is not None:
        return float(match.group(1))  # 'Wrist splints (2)'
    return None


_REFILLS = re.compile(
    # not a quantity or a strength before the word ('Qty 90 Refills 5', '10/325 refills: 2')
    r"(?<!#)(?<!#\s)(?<!qty\s)(?<!qty:\s)(?<!quantity\s)(?<!disp\s)(?<!disp:\s)(?<![\d.])"
    r"(?<!qty:)(?<!qty\.)(?<!qty\.\s)(?<!quantity:)(?<!quantity:\s)(?<!disp:)(?<!dispense:)"
    r"(?<!dispense:\s)(?<!dispense\s)"
    r"(?:(?<=w/)|(?<!/))\b(?:x\s*)?(" + _NUM + r"|no|zero|without)\s*(?:\((?:\d+|[a-z]+)\)\s*)?"
    r"(?:additional\s+|more\s+)?"
    r"(?:refills?|rfs?)\b"
    r"|\b(?:refills?|rfs?)\s{0,2}(?:allowed\s*)?(?:x|:|#|times)?\s{0,2}"
    r"(" + _NUM + r"|none|zero|no)\b"
)


def refills(text: str) -> int | None:
    """'with 3 refills', 'x 3 refills', 'refills: 2' -> the count; 'no refills' -> 0."""
    match = _REFILLS.search(text) if "refill" in text or "rf" in text else None
    if match is None:
        return None
    word = match.group(1) or match.group(2)
    return 0 if word in ("no", "none", "zero", "without") else number(word)


_AS_NEEDED = r"(?:\s*(?:p\.?r\.?n\b\.?|as needed))?"
_FREQUENCY = re.compile(
    r"\b(?:(?:" + _RANGE + r"\s*(?:times?|x|days?|visits?|sessions?|treatments?)?\s*"
    r"(?:a|per|/|each)\s*(?:day|week|wk|month)"
    r"|" + _RANGE + r"\s*(?:(?:times?|x|sessions?|visits?|treatments?)\s*)?"
    r"(?:daily|weekly|monthly))"
    + _AS_NEEDED
    + r"|(?:(?:q\.?\s*\d+(?:\s*-\s*\d+)?\s*(?:hrs?|hours?|h|days?)|q\.?\s*h\.?\s*s"
    r"|q\.?\s*(?:am|pm|hs|day|d|od|week)"
    r"|b\.?i\.?d|t\.?i\.?d|q\.?i\.?d|h\.?s|p\.?r\.?n|daily(?!\s+living)|nightly|weekly|monthly"
    r"|at bedtime|as needed"
    r"|every\s+(?:other|\d+(?:\s*(?:-|to)\s*\d+)?)\s*(?:hours?|days?|weeks?))\b\.?(?:\s*-)?\s*)+)"
)


def frequency(text: str) -> str | None:
    """As written: 'bid', 'q6hrs prn', '2 times a week'."""
    match = _FREQUENCY.search(text)
    return " ".join(match.group().split()) if match is not None else None


_COUNT_WORD = r"(?:sessions?|visits?|treatments?|injections?)"
# 'Eight (8)', '6 (six)': the digits say the number the words spell.
_SPELLED_WITH_DIGITS = re.compile(_SPELLED_OUT_PATTERN + r"|\b(\d+)\s*\(" + _NUM + r"\)")
# 'two times four visits (8)', '... for 6 weeks (12 sessions)': the writer's own total.
_TOTAL_IN_PARENTHESES = re.compile(
    r"\b" + _COUNT_WORD + r"\s*\((\d+)\)|\((\d+)\s*" + _COUNT_WORD + r"\)"
)
_FILLER = (
    r"(?:(?!per\b|each\b|a\b|weeks?\b|months?\b|days?\b|times?\b|x\b|of\b|for\b"
    r"|minutes?\b|mins?\b|hours?\b|hrs?\b|mg\b|mcg\b|ml\b|cc\b|units?\b|iu\b|meq\b)"
    r"[a-z][a-z0-9/&-]*\s+)"
)
_EXPLICIT_SESSIONS = re.compile(
    # not a spinal level written apart ('L 4-5 facet injection')
    # nor the second number of '2 x 6 sessions' (a rate times a length) or of 'L4 - 5'
    r"(?<![\d.,\-/])(?<!\b[lcts]\s)(?<!\d x )(?<!\dx )(?<!\d - )(?<!\d- )\b(" + _RANGE + r")\s+"
    + _FILLER
    + r"{0,5}?" + _COUNT_WORD + r"\b"
    # '3 visits per week', 'two sessions weekly': a frequency
    r"(?!\s*(?:(?:a|per|/|each)\s*(?:week|wk|day|month)|weekly|daily|monthly))"
    # 'sessions: 6', 'visits x 6', 'visits twelve (12)' (by then 'visits 12'), 'visits 8-12';
    # not 'visits 2x6' nor 'treatment 1-2 times per week'
    r"|\b(?:sessions?|visits?|treatments?)\s*(?:,|:|x|#)?\s*(\d{1,3}(?:\s*(?:-|to)\s*\d{1,3})?)\b"
    r"(?!\.\d|\s*(?:x\s*)?(?:a|per|/|each|times?|weeks?|wks?|months?|mos?|days?|years?|minutes?|mins?"
    r"|hours?|hrs?|body|areas?|regions?|levels?|parts?|units?|daily|weekly|monthly)\b"
    r"|\s*(?:[x*-]|to\b|of\b)\s*\d)"
)
# Between two counts, what makes the second another reading of the first: '12 visits, modified
# to 6 visits', '6 or 8 sessions'.
_OTHER_READING = re.compile(r"\b(?:(?<!and/)or|modif\w*|versus|vs|instead)\b")
# '2 times a week for 6 weeks', '3x/wk x 4 wks', '3 x week x 4 weeks', 'twice weekly for six
# weeks', '2 x 6 weeks'.
_PER_WEEK = re.compile(
    r"(?<![-\w])(" + _RANGE + r")\s*"
    r"(?:(?:(?:times?|x|days?|" + _COUNT_WORD + r")\s*)?(?:a|per|/|each)\s*(?:week|wk)\b"
    r"|(?:(?:times?|x|" + _COUNT_WORD + r")\s*)?(?:a\s+)?weekly|(?:times?|x)(?:\s*(?:week|wk)\b)?)"
    r"[\s,]*(?:(?:for|over|x|times)?\s*(" + _RANGE + r")\s*(?:weeks?|wks?)\b"
    r"|x\s*(" + _RANGE + r")\b(?!\s*(?:months?|days?|hours?|hrs?|minutes?|mins?)\b))"
)
# 'for 6 weeks, 3 times per week', '4 weeks, 3 times per week': the duration first.
_WEEKS_THEN_RATE = re.compile(
    r"(?:\bfor\s+|(?<![-\w]))(" + _RANGE + r")\s*(?:weeks?|wks?)(?:[\s,]*|\s+at\s+)(" + _RANGE
    + r")\s*(?:(?:times?|x|days?|" + _COUNT_WORD + r")\s*)?(?:a|per|/|each)\s*(?:week|wk)\b"
)
# Sizes, not counts: '4x4 gauze', '12 x 24 inch'.
_DIMENSION = r"(?!\s*(?:inch\w*|in\b|cm\b|mm\b|ft\b|feet\b|gauze|pads?\b|sponges?\b|\"))"
_TIMES = re.compile(
    r"(?<![-\w])(" + _RANGE + r")\s*(?:x|times)\s*(" + _RANGE + r")\b"
    r"(?!\s*(?:refill|mg|%|weeks?|wks?|a\b|per\b))" + _DIMENSION
)
# The span a few words after the frequency ('Daily RN for 4 weeks'); bounded, so that a request
# repeating 'daily' thousands of times is read in linear time.
_NEAR = r".{0,60}?"
_DAILY = re.compile(
    r"\b(?:daily|a day|per day|/\s*day)\b" + _NEAR
    + r"\b(?:for|x)\s*(" + _RANGE + r")\s*(?:(weeks?|wks?)|days?)\b"
    + r"(?!\s*(?:a|per|/|each)\s*(?:week|wk)\b)"  # '8 hours per day x 5 days per week': a rate
)
# 'Psychotherapy weekly for 12 weeks', 'Office visits monthly for 6 months': one a week or month.
_WEEKLY_OR_MONTHLY = re.compile(
    r"\b(?:(?:weekly|every week)\b" + _NEAR + r"\b(?:for|x)\s*(" + _RANGE + r")\s*(?:weeks?|wks?)"
    r"|(?:monthly|every month)\b" + _NEAR + r"\b(?:for|x)\s*(" + _RANGE + r")\s*months?)\b"
)
# 'every other week for 12 weeks': half as many; 'every 4 weeks for 12 weeks': a quarter.
_EVERY_FEW_WEEKS = re.compile(
    r"\bevery\s+(other|\d|two|three|four|six)\s+(?:weeks?\s*(?:for|x)\s*(" + _RANGE
    + r")\s*weeks?|months?\s*(?:for|x)\s*(" + _RANGE + r")\s*months?)\b"
)
# 'Chiropractic (6)': a therapy's count alone in parentheses.
_PARENTHESIZED_COUNT = re.compile(r"\((\d{1,2})\)")
# 'Physical therapy, 12', 'Acupuncture six (6)' (by then 'acupuncture 6'): a therapy's count
# alone, at the end or before what it is for; not a range's first number ('in 2 to 4 weeks').
_BARE_COUNT = re.compile(
    r"(?<![\w./#-])(\d{1,2})(?=\s*(?:$|[,;]|(?:for|to|of|at|in|on)\s+(?!\d)[a-z]))"
)
# What is written before a number that it is not a count of: a drug's name, blanked out into
# spaces ('Kenalog 40': a dose), a list of levels ('L3, 4 and 5', 'L4 - 5'), a level ('L 5'),
# or an ordinal, a name's or a scale's number ('phase 2', 'visit 7 of 12', 'CRPS type 1',
# 'VAS 7', 'Synvisc injection 48'; but 'Trigger point injections 4' are four).
_BEFORE_NO_COUNT = re.compile(
    r"(?:\s\s|\d\s*(?:,|-|and|&)|\b[lcts]|\b(?:type|grade|phase|part|level|stage|step|week|day"
    r"|month|year|age|visit|digit|toe|finger|vas|class|number|no|of|in|to|every|within"
    r"|injection))\s*$"
)


def _bare_count(text: str) -> int | None:
    """The first number written alone that counts visits: 'Physical therapy, 12' -> 12."""
    for match in _BARE_COUNT.finditer(text):
        if _BEFORE_NO_COUNT.search(text, max(0, match.start() - 12), match.start()) is None:
            return _int(match.group(1))
    return None
# 'Functional restoration program x 10 days': in a category counting days, each is a visit.
_DAYS = re.compile(
    r"(?:(?<=x)|(?<![-\w.]))(?<!within )(?<!every )(" + _RANGE + r")\s*days?\b"
    r"(?!\s*(?:(?:a|per|/|each)\s*(?:week|wk|month)|after|post|before|prior)\b)"
)
_HASH_COUNT = re.compile(r"(?<!tooth )(?<!teeth )(?<!and )#\s*(\d+)\b")  # not 'tooth #14'
_TIMES_COUNT = re.compile(
    r"(?<![\w.])(?:x|times)\s*(" + _NUM + r")\b(?!\s*(?:" + _NOT_COUNTED + r"))" + _DIMENSION
)
# 'Orthovisc injections, series of 3': an injection series is its injections.
_SERIES = re.compile(r"\bseries\s+of\s+(" + _NUM + r")\b")
# 'Psychotherapy 2 times a month for 3 months'.
_PER_MONTH = re.compile(
    r"(?<![-\w])(" + _RANGE + r")\s*(?:(?:times?|x|" + _COUNT_WORD + r")\s*(?:(?:a|per|/|each)\s*)?"
    r"|(?:a|per|/|each)\s*)month\s*(?:for|x|times)?\s*(" + _RANGE + r")\s*months?\b"
)


def _product(match: re.Match[str]) -> int:
    """A rate times a length, each a range's maximum: '2-3 times a week for 6 weeks' -> 18,
    '2x/week x 6' -> 12, '2-3 x 4-6' -> 18. The length is the first group after the rate
    that matched."""
    rate, *lengths = match.groups()
    return _maximum(rate) * _maximum(next(length for length in lengths if length))


# What adds one amount to the next: '3x4 then 2x4', 'neck 2x6 and lumbar spine 2x6'; and what
# does not: '2x6 or 3x4', '2x6 modified to 2x4'.
_ADDED = re.compile(r"\bthen\b|\band\b|[,;]")
_NOT_ADDED = re.compile(r"\b(?:or|to|modif\w*|versus|vs)\b")


def _phases(pattern: re.Pattern[str], text: str, first: re.Match[str]) -> int:
    """The amount `first` names, or with the amounts after it the sum of them all, when each
    is added to the one before: '3x/week for 2 weeks, then 2x/week for 3 weeks' -> 12."""
    amounts = [first, *pattern.finditer(text, first.end())]
    for before, after in itertools.pairwise(amounts):
        between = text[before.end():after.start()]
        if _ADDED.search(between) is None or _NOT_ADDED.search(between) is not None:
            return _product(first)
    return sum(map(_product, amounts))


def sessions(text: str, counts: str) -> int | None:
    """Visits or injections requested: '2x6' -> 12, 'times 6' -> 6, a range its maximum;
    in a category counting days, 'x 10 days' -> 10.

    A category that counts none (categories.csv) has none: an MRI 'times 1' is one study,
    'Transportation to physical therapy sessions x 12' twelve trips.
    """
    if counts == "none" or (counts == "quantity" and "rent" in text):
        return None  # a rental's months are no visits
    by_day = counts == "days"
    counts = "sessions" if by_day else counts
    if "(" in text:
        if (total := _TOTAL_IN_PARENTHESES.search(text)) is not None:
            return _int(total.group(1) or total.group(2))
        text = _SPELLED_WITH_DIGITS.sub(_digits, text)
    explicit = (
        list(_EXPLICIT_SESSIONS.finditer(text))
        if "session" in text or "visit" in text or "treatment" in text or "injection" in text
        else None
    )
    if explicit:
        # 'two ... sessions for the lumbar spine and eight ... sessions for the left wrist'
        # (CM17-0002198) requests ten.
        visits = _maximum(explicit[0].group(1) or explicit[0].group(2))
        for before, after in itertools.pairwise(explicit):
            if _OTHER_READING.search(text, before.end(), after.start()) is not None:
                break
            visits += _maximum(after.group(1) or after.group(2))
        return visits
    if "w" in text and (per_week := _PER_WEEK.search(text)) is not None:
        return _phases(_PER_WEEK, text, per_week)
    if "week" in text and (reverse := _WEEKS_THEN_RATE.search(text)) is not None:
        return _product(reverse)  # weeks times the rate
    if ("daily" in text or "day" in text) and (daily := _DAILY.search(text)) is not None:
        # 'Daily RN for 4 weeks': every day; 'daily for 30 days'
        return _maximum(daily.group(1)) * (7 if daily.group(2) else 1)
    if "every" in text and (every := _EVERY_FEW_WEEKS.search(text)) is not None:
        interval, weeks, months = every.groups()
        return -(-_maximum(weeks or months) // (2 if interval == "other" else number(interval)))
    periodic = _WEEKLY_OR_MONTHLY.search(text) if "ly" in text or "every" in text else None
    if periodic is not None:
        return _maximum(periodic.group(1) or periodic.group(2))
    if "month" in text and (per_month := _PER_MONTH.search(text)) is not None:
        return _product(per_month)
    if "series" in text and (series := _SERIES.search(text)) is not None:
        return number(series.group(1))
    if (times := _TIMES.search(text)) is not None:
        return _phases(_TIMES, text, times)  # '1 times 8', '2-3 x 4-6'
    teeth = "dental" in text  # 'Dental implants #19 and #30', 'cleaning 4 quadrants'
    if (
        counts == "sessions"
        and "#" in text
        and not teeth
        and (match := _HASH_COUNT.search(text)) is not None
    ):
        return _int(match.group(1))  # 'Acupuncture ... #6'
    if counts == "sessions" and (match := _PARENTHESIZED_COUNT.search(text)) is not None:
        return _int(match.group(1))
    if counts == "sessions" and ("qty" in text or "quantity" in text):
        if (match := _QTY.search(text)) is not None:
            return _int(match.group(1).split(".")[0])  # 'Physical therapy QTY: 12.00'
    if (match := _TIMES_COUNT.search(text)) is not None and (
        counts == "sessions" or match.group().startswith("times")
    ):
        # 'times 6', 'times twelve'; of equipment, 'Electrical stimulation times 6' are
        # treatments but 'Walker x 1' is one walker.
        return number(match.group(1))
    if by_day and "day" in text and (match := _DAYS.search(text)) is not None:
        return _maximum(match.group(1))
    if counts == "sessions" and not teeth:
        return _bare_count(text)
    return None
