"""classify_request: one disputed-item request to its normalized treatment fields."""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re

from imr_etl.transform.treatments import amounts
from imr_etl.transform.treatments.lexicon import NO_REGION, Compiled, Lexicon, load_lexicon
from imr_etl.transform.treatments.records import DrugTerm, TreatmentRecord, TreatmentRule
from imr_etl.transform.treatments.spelling import near_drug, respelled
from imr_etl.transform.treatments.structure import Request, read_request

_TOPICAL_CLASS = "topical analgesic"
_COMPOUND_CLASS = "topical compound"
_TOPICAL_SUBCATEGORY = "Topical Analgesics"
_COMPOUND_SUBCATEGORY = "Topical Compounds"
# 'Retro', 'DOS 3/4/15', or a service the request says was already given: 'dispensed on 3/4/15'.
_RETRO = re.compile(
    r"\bretro(?:spective(?:ly)?|active(?:ly)?)?\b(?!-)|\bdos\b|\bdates? of service\b"
    r"|\b(?:performed|dispensed|provided|given|administered|rendered|done)\s+"
    r"(?:[a-z]+\s+){0,4}?(?:on\s+)?\d{1,2}/\d{1,2}/\d{2,4}\b"  # 'given in office on 2/3/16'
)


def classify_request(request_text: str, lexicon: Lexicon | None = None) -> TreatmentRecord:
    """Normalize one request: 'Norco 10/325mg #90 with 3 refills' -> hydrocodone/acetaminophen."""
    lex = lexicon if lexicon is not None else load_lexicon()
    compiled = lex.compiled
    request = read_request(request_text)
    text = request.text

    drugs = _find_drugs(text, compiled)
    if drugs:
        drugs = _respell_partners(text, drugs, compiled)
        if (cut := _second_prescription(text, drugs, compiled)) is not None:
            # 'Norco 10/325mg #90; Soma 350mg #60': two prescriptions, the item is the first.
            first = classify_request(text[:cut], lex)
            return dataclasses.replace(first, retrospective=_retrospective(request.whole))
        request = _without_release_forms(request, drugs)
    rule, rule_start = _head_rule(request, lex, drugs)
    if rule is not None and rule.category == "injection" and _injected_as_drug(drugs):
        # DWC files hyaluronic acid and botulinum toxin as drugs however they are injected
        rule = None
    if not drugs and (rule is None or rule.name is None or rule_start > request.head_start):
        # No drug named: its name may be written one letter off ('Omeprezole 20mg'), before
        # a service word that is no service ('Effexer XR 75mg', 'Toradal 60mg injection').
        near = near_drug(request.head, compiled.drug_terms, compiled.spellings)
        if near is not None and (rule is None or request.head_start + near[1] < rule_start):
            drugs = [(near[0], request.head_start + near[1], request.head_start + near[2])]
            rule = None
    drug_class: str | None = None
    unrecognized: list[str] = []
    if rule is not None and (rule.name is not None or not drugs):
        category, subcategory, name, provenance = (
            rule.category, rule.subcategory, rule.name, rule.rule
        )  # fmt: skip
        if category == "pharmaceuticals" and subcategory is not None:
            drug_class = compiled.subcategory_classes.get(subcategory)  # 'Opioid medication'
    elif drugs:
        category = "pharmaceuticals"
        unrecognized = _unknown_ingredients(text, drugs)
        if unrecognized:
            drugs, unrecognized = _respell_ingredients(text, drugs, unrecognized, compiled)
        name, drug_class, subcategory = _describe_drugs(text, drugs, unrecognized, compiled)
        provenance = "; ".join(dict.fromkeys(drug.rule for drug, _, _ in drugs))
    else:
        category, subcategory, name, provenance = "other", None, None, None

    # Drug names can hold digits ('Tylenol #3') and dates hold slashes: blank both out
    # before reading amounts.
    numbers = _mask(text, [(start, end) for _, start, end in drugs])
    if numbers.count("/") >= 2:
        numbers = amounts.DATE.sub(" ", numbers)
    numbers = amounts.CPT_CODE.sub(" ", numbers)
    # Strength and refills describe drugs; 'other' may be a drug the lexicon lacks.
    drug_like = category in ("pharmaceuticals", "other")
    topical = "%" in text or _CREAM.search(text) is not None  # 'Voltaren gel 30gm': a tube
    # A drug given by needle counts injections, as an injection procedure does ('Synvisc
    # injections x 3', 'Euflexxa x3': a viscosupplement is only injected); a drug dispensed
    # counts units ('Relistor 12mg injection #7').
    injected = (
        category == "pharmaceuticals"
        and "#" not in text
        and (drug_class == "viscosupplement" or _INJECTIONS.search(text) is not None)
    )
    counts = (
        "days"
        if category in compiled.day_categories
        else "sessions"
        if category in compiled.session_categories or injected
        else "quantity"
        if category in compiled.quantity_categories
        else "none"
    )
    return TreatmentRecord(
        category=category,
        subcategory=subcategory,
        name=name,
        drug_class=drug_class,
        body_region=_body_regions(text, lex),
        strength=amounts.strength(numbers, topical) if drug_like else None,
        quantity=amounts.quantity(numbers, counts, topical),
        refills=amounts.refills(numbers) if drug_like else None,
        frequency=amounts.frequency(numbers),
        sessions=None
        if category == "pharmaceuticals" and not injected
        else amounts.sessions(numbers, counts),
        retrospective=_retrospective(request.whole),
        rule=provenance,
        unrecognized="; ".join(unrecognized) or None,
    )


def _retrospective(text: str) -> bool:
    return ("retro" in text or "dos" in text or "date" in text or "/" in text) and (
        _RETRO.search(text) is not None
    )


# Between two prescriptions: the first's count, then a separator ('#90; Soma', '#60 and').
_PRESCRIPTION_END = re.compile(
    r"(?:#\s*\d+|\bqty:?\s*\d+|\b\d+\s*(?:tablets?|tabs?|capsules?|caps?|patch(?:es)?)\b)"
    r"[^;]*?(?:;|,|\band\b|\bwith\b|\bplus\b|&|\+|\s/)\s*$"
)


# 'Norco 10/325mg and Soma 350mg': a strength, then a separator (not the '/' of a combination).
_STRENGTH_END = re.compile(
    r"\d\s*(?:mg|mcg)\b[^;/]*?(?:;|,|\band\b|\bor\b|\bplus\b|\bwith\b|&|\+)\s*$"
)


# 'Norco and Soma', 'Lidoderm patches and Flector patches': two products named one after
# the other.
_PRODUCTS_APART = re.compile(r"[^%\d]*?(?:;|,|\band\b|\bor\b|\bwith\b|\bplus\b|&|\+|/)\s*")


def _second_prescription(
    text: str, drugs: list[tuple[DrugTerm, int, int]], compiled: Compiled
) -> int | None:
    """Where a second drug starts after the first's count, or after its strength when no
    cream or percentage makes one compound of them, or after a first product when it is a
    product too: two prescriptions in one item."""
    oral = "%" not in text and _TOPICAL_FORM.search(text) is None
    # Drugs injected together are one injection's: 'Marcaine and Depo-Medrol facet injection'.
    mixed = _INJECTED.search(text) is not None
    for (first, _, end), (second, start, _) in zip(drugs, drugs[1:], strict=False):
        # 'Oxycodone 5mg + acetaminophen 325mg': one combination product, each strength written.
        apart = oral and "/".join(first.generic_names + second.generic_names) not in (
            compiled.combination_index
        )
        if (
            _PRESCRIPTION_END.search(text, end, start) is not None
            or (apart and _STRENGTH_END.search(text, end, start) is not None)
            or (
                not mixed
                and _is_product(first)
                and _is_product(second)
                and _PRODUCTS_APART.fullmatch(text, end, start) is not None
            )
        ):
            return start
    return None


def _is_product(drug: DrugTerm) -> bool:
    """A brand, or a product of its own: a term that is neither its ingredients' names nor
    one written short ('Cyclo/Keto/Lido cream' is one compound)."""
    return (
        drug.term != "/".join(drug.generic_names)
        and drug.term not in drug.generic_names
        and not drug.written_short
    )


def _injected_as_drug(drugs: list[tuple[DrugTerm, int, int]]) -> bool:
    return any(
        drug.dwc_subcategory == "Viscosupplementation" or drug.drug_class == "botulinum toxin"
        for drug, _, _ in drugs
    )


def _head_rule(
    request: Request, lex: Lexicon, drugs: list[tuple[DrugTerm, int, int]]
) -> tuple[TreatmentRule | None, int]:
    """The first treatments.csv row naming the head service, else the rest of the request;
    and where in the request its match starts."""
    matcher = lex.compiled.treatments
    head_start = request.head_start

    def takes_in(row: int) -> bool:
        # 'Discectomy and fusion' is one operation, a fusion: the rows' order says which.
        return lex.treatments[row].category == "surgery"

    found = matcher.first_named(request.head, takes_in)
    if found is not None and drugs:
        # The last drug before the service: 'Lidocaine and Toradol trigger point injections'
        # are the injections' drugs.
        before = [end - head_start for _, _, end in drugs if 0 <= end - head_start <= found[1]]
        if before and _PURPOSE.search(request.head, before[-1], found[1]):
            # 'Xarelto 10mg #14 for DVT prophylaxis', 'Flexeril 10mg #60 with physical therapy':
            # what a drug is for or comes with is no service.
            return None, len(request.text)
    if found is not None or drugs:
        if found is None:
            return None, len(request.text)
        return lex.treatments[found[0]], head_start + found[1]
    rest = request.text[head_start:]
    if rest != request.head and (found := matcher.first_named(rest, takes_in)) is not None:
        # 'Lumbar support following fusion': the context may name what the head only implies.
        return lex.treatments[found[0]], head_start + found[1]
    if head_start and (found := matcher.first_named(request.text, takes_in)) is not None:
        # 'Follow-up visits x 6': the qualifier was part of the service's name. A row matching
        # the qualifier alone does not count: 'Associated surgical service: <unknown>' is not
        # surgery.
        rule = lex.treatments[found[0]]
        if rule.name is not None or found[2] > head_start:
            return rule, found[1]
    return None, len(request.text)


# What a drug is for or comes with, written after it: 'for detoxification', 'with physical
# therapy', 'until MRI is done'.
_PURPOSE = re.compile(
    r"\s(?:for|to treat|due to|secondary to|with|until|while|during|pending|and)\s"
)
# An ingredient written next to a known one: 'Hyrdocodone/APAP'.
_PARTNER_BEFORE = re.compile(r"([a-z]{6,})\s*/\s*$")
_PARTNER_AFTER = re.compile(r"\s*/\s*([a-z]{6,})\b")


def _respell_partners(
    text: str, drugs: list[tuple[DrugTerm, int, int]], compiled: Compiled
) -> list[tuple[DrugTerm, int, int]]:
    """A combination's ingredient written one letter off next to a known one is that drug:
    'Hyrdocodone/APAP' is hydrocodone/acetaminophen, not acetaminophen alone."""
    if "/" not in text:
        return drugs
    known = {start for _, start, _ in drugs}
    added: list[tuple[DrugTerm, int, int]] = []
    for _, start, end in drugs:
        before = _PARTNER_BEFORE.search(text, max(0, start - 40), start)
        after = _PARTNER_AFTER.match(text, end)
        for partner in (before, after):
            if partner is None or partner.start(1) in known or partner.group(1) in _NOT_INGREDIENTS:
                continue
            term = respelled(partner.group(1), compiled.drug_terms, compiled.spellings)
            if term is not None:
                known.add(partner.start(1))
                added.append((term, partner.start(1), partner.end(1)))
    return sorted(drugs + added, key=lambda drug: drug[1]) if added else drugs


def _without_release_forms(request: Request, drugs: list[tuple[DrugTerm, int, int]]) -> Request:
    """The request with 'XR', 'ER', 'ODT' right after a drug's name blanked out."""
    spans = [
        (form.start(1), form.end())
        for _, _, end in drugs
        if (form := _RELEASE_FORM.match(request.text, end)) is not None
    ]
    if not spans:
        return request
    text = _mask(request.text, spans)
    start = request.head_start
    return dataclasses.replace(request, text=text, head=text[start : start + len(request.head)])


def _find_drugs(text: str, compiled: Compiled) -> list[tuple[DrugTerm, int, int]]:
    pattern, rows = compiled.drugs
    terms = compiled.drug_terms
    return [(terms[rows[m.lastindex or 0]], m.start(), m.end()) for m in pattern.finditer(text)]


# Forms a drug is applied to the skin in, a patch apart: a cream of some drugs exists only
# compounded, a patch of them as sold (a fentanyl patch).
_SPREAD = r"cream|gel|ointment|lotion|topical|liniment|balm"
_TOPICAL_FORM = re.compile(r"\b(?:" + _SPREAD + r"|patch(?:es)?|compound(?:ed)?)\b")
_CREAM = re.compile(r"\b(?:" + _SPREAD + r")\b")
# Classes whose drugs a cream or patch applies for pain: a form word makes such a drug a
# topical analgesic. Others keep their class in any form (Androgel, hydrocortisone cream, a
# fentanyl patch).
_TOPICAL_PAIN_CLASSES = frozenset(
    {"nsaid", "topical analgesic", "topical compound", "local anesthetic", "anesthetic",
     "analgesic", "muscle relaxant", "anticonvulsant", "antidepressant"}
)  # fmt: skip
# Release forms written after a drug's name or its strength: 'Effexor XR' and 'Tramadol 100mg
# XR' are not x-rays.
_RELEASE_FORM = re.compile(
    r"(?:\s*\d+(?:\.\d+)?\s*(?:mg|mcg)\b)?[\s-]*(xr|er|sr|cr|xl|la|dr|ir|cd|odt|ods)\b"
)
_BY_NEEDLE = r"inj|im|iv|intramuscular\w*|intravenous\w*|infusions?|shots?"
# Drugs given by needle: their percentages ('Lidocaine 1%') do not make a cream of them.
_INJECTED = re.compile(r"\b(?:inject\w*|" + _BY_NEEDLE + r")\b")
# Injections given, which a request counts ('B12 injections x 4'); an auto-injector is dispensed.
_INJECTIONS = re.compile(r"\b(?:injections?|" + _BY_NEEDLE + r")\b")
_COMPOUND_WORD = re.compile(r"\bcompound(?:ed)?\b")
_PERCENT_STRENGTH = re.compile(r"\d\s*%")
_DOSE = re.compile(r"\d\s*(?:mg|mcg)\b")
_FOR_THE_EYE = re.compile(r"\b(?:ophthalmic|eye|eyes|drops)\b")
# A compound's ingredient list: pieces between separators, each one ingredient
# ('Tetracaine 2%', 'lidocaine 5% cream 120gm').
_SEPARATOR = re.compile(r"\s*(?:/|,|\+|;|\band\b|\bwith\b)\s*")
_FORMS = r"(?:" + _SPREAD + r"|base|powder|solution|spray|patch)"
_PIECE = re.compile(
    r"([a-z][a-z-]{3,})(?:\s+hcl)?\s*(?:\d+(?:\.\d+)?\s*%)?\s*(?:" + _FORMS + r"\b.*)?"
)
# The second drug of an opioid combination, by its dose left unwritten: acetaminophen's
# '10/325', '7.5/300', '5-500'; ibuprofen's '7.5/200'.
_PARTNER_DOSE = re.compile(
    r"\b\d+(?:\.\d+)?\s*[/-]\s*(300|325|500|650|750|200)\s*(?:mg\b|\b)(?!\s*/)"
)
# Drugs whose only topical form is compounded: a cream of one of them is a compound.
_COMPOUNDED_ONLY_CLASSES = frozenset(
    {"muscle relaxant", "anticonvulsant", "antidepressant", "opioid"}
)
# A weight dispensed: oral drugs are counted, creams weighed ('Ketoprofen/Diclofenac 240gm').
_GRAMS = re.compile(r"\d\s*(?:g|gm|gms|grams?)\b")
_BASE = re.compile(r"\b(?:base|vehicle)\b")
_NOT_INGREDIENTS = frozenset(
    "cream gel ointment lotion topical liniment balm compound compounded base powder "
    "solution spray patch patches transdermal oral suspension tablet tablets capsule "
    "capsules apply refill refills medication medications grams each retro retrospective "
    "dispensed date quantity qty supply units unit hour hours day days week weeks "
    # Compounding bases, the vehicle and not an ingredient ('Lipoderm' is one letter off Lidoderm).
    "lipoderm versapro pentravan versabase lipobase".split()
)


def _unknown_ingredients(text: str, drugs: list[tuple[DrugTerm, int, int]]) -> list[str]:
    """Ingredients of a compound that no drugs.csv row names, as written, in text order."""
    if "%" not in text and _TOPICAL_FORM.search(text) is None:
        return []  # not a compound: an oral combination names its parts in drugs.csv
    pieces: list[tuple[int, int]] = []
    start = 0
    for separator in _SEPARATOR.finditer(text):
        pieces.append((start, separator.start()))
        start = separator.end()
    pieces.append((start, len(text)))
    known = [any(start <= s < end for _, s, _ in drugs) for start, end in pieces]
    percentages = "%" in text
    unknown: list[str] = []
    for index, (start, end) in enumerate(pieces):
        if known[index]:
            continue
        piece = _PIECE.fullmatch(text, start, end)
        if piece is None or piece.group(1) in _NOT_INGREDIENTS:
            continue
        if _BASE.search(text, start, end) is not None or (
            percentages and "%" not in text[start:end]
        ):
            # 'Lipoderm base', 'Versapro cream' among ingredients given by percentage: the
            # vehicle of the compound, not an ingredient.
            continue
        # Only a piece inside a run of ingredients next to a known one.
        neighbours = known[max(0, index - 1) : index] + known[index + 1 : index + 2]
        if any(neighbours) or (0 < index < len(pieces) - 1 and any(known)):
            unknown.append(piece.group(1))
    return list(dict.fromkeys(unknown))


def _respell_ingredients(
    text: str, drugs: list[tuple[DrugTerm, int, int]], unknown: list[str], compiled: Compiled
) -> tuple[list[tuple[DrugTerm, int, int]], list[str]]:
    """A compound's ingredient written one letter off ('Lidocane 5%') or short ('Caps' in
    'Flur/Cyclo/Caps cream') is that drug."""
    drugs = list(drugs)
    still_unknown: list[str] = []
    for word in unknown:
        term = respelled(word, compiled.drug_terms, compiled.spellings) or _written_short(
            word, compiled.compound_ingredients
        )
        place = re.search(r"\b" + re.escape(word) + r"\b", text) if term is not None else None
        if term is None or place is None:
            still_unknown.append(word)
        else:
            drugs.append((term, place.start(), place.end()))
    return sorted(drugs, key=lambda drug: drug[1]), still_unknown


def _written_short(word: str, ingredients: tuple[DrugTerm, ...]) -> DrugTerm | None:
    """The one compounded drug whose name begins with `word` ('caps': capsaicin), else None:
    not a brand ('trans' is no Transderm Scop) nor a drug no compound holds ('tran')."""
    first = bisect.bisect_right(ingredients, word, key=lambda term: term.term)
    found = list(
        itertools.takewhile(
            lambda term: term.term.startswith(word), itertools.islice(ingredients, first, None)
        )
    )
    if len({term.generic_names for term in found}) != 1:
        return None
    return found[0]


def _describe_drugs(
    text: str,
    drugs: list[tuple[DrugTerm, int, int]],
    unknown: list[str],
    compiled: Compiled,
) -> tuple[str | None, str | None, str | None]:
    # Every ingredient in the order written, the unknown ones as written.
    placed: list[tuple[int, tuple[str, ...]]] = [(start, d.generic_names) for d, start, _ in drugs]
    placed += [(text.find(word), (word,)) for word in unknown]
    names = list(
        dict.fromkeys(
            generic
            for _, generics in sorted(placed, key=lambda pair: pair[0])
            for generic in generics
        )
    )
    name = "/".join(names) or None
    terms = [d for d, _, _ in drugs]
    # Form words inside a drug's own name do not count ('Soma Compound', 'Gel-One').
    around = _mask(text, [(start, end) for _, start, end in drugs])
    form = _TOPICAL_FORM.search(around) is not None
    compounded = _COMPOUND_WORD.search(around) is not None or any(
        d.dwc_subcategory == _COMPOUND_SUBCATEGORY for d in terms
    )
    several = len(names) > 1
    injected = _INJECTED.search(around) is not None
    if not several and injected and terms[0].drug_class == _TOPICAL_CLASS:
        # 'Lidocaine 1% injection': by needle, the drug is its injection's row, not a cream.
        terms = [compiled.injection_index.get(name or "", terms[0])]
    by_percentages = "%" in text and not injected
    weighed = _GRAMS.search(around) is not None
    if several and (
        form or by_percentages or weighed or any(d.drug_class == _COMPOUND_CLASS for d in terms)
    ):
        # Two or more drugs in a cream, a patch, or by percentages (not injected): a compound.
        return name, _COMPOUND_CLASS, _COMPOUND_SUBCATEGORY
    if not several and terms[0].drug_class in _COMPOUNDED_ONLY_CLASSES:
        # 'Tramadol cream 8%', 'Cyclobenzaprine 10% cream': no such cream but a compounded one.
        compounded = compounded or _CREAM.search(around) is not None
        form = form and compounded  # a fentanyl patch stays an opioid
    if not several and (
        any(d.drug_class == _TOPICAL_CLASS for d in terms)
        or (form and terms[0].drug_class in _TOPICAL_PAIN_CLASSES)
        # 'Diclofenac sodium 1.5% 60g': no NSAID taken by mouth is dosed in percent (but
        # 'Naproxen 550mg #60, wean by 25%' is, and ketorolac eye drops are no pain topical)
        or (
            terms[0].drug_class == "nsaid"
            and by_percentages
            and _PERCENT_STRENGTH.search(around) is not None
            and _DOSE.search(around) is None
            and _FOR_THE_EYE.search(around) is None
        )
        or (compounded and terms[0].drug_class in _COMPOUNDED_ONLY_CLASSES)
    ):
        # 'Compound Ketoprofen 20%' is a compounded topical of one drug.
        return name, _TOPICAL_CLASS, _COMPOUND_SUBCATEGORY if compounded else _TOPICAL_SUBCATEGORY
    if len(names) == 1 and (partner := _PARTNER_DOSE.search(text)) is not None:
        # 'Hydrocodone 10/325mg': the second strength is the acetaminophen left unwritten.
        second = "ibuprofen" if partner.group(1) == "200" else "acetaminophen"
        if f"{name}/{second}" in compiled.combination_index:
            name = f"{name}/{second}"
    # 'Hydrocodone/APAP' takes the class of the brand row with the same ingredients (Norco).
    lead = compiled.combination_index.get(name or "", terms[0])
    if lead.drug_class == "dietary supplement" and _INJECTIONS.search(around) is not None:
        # DWC has no class for an injected supplement (drugs.csv: B12 injections are Injection).
        return name, lead.drug_class, "Injection"
    return name, lead.drug_class, lead.dwc_subcategory


_SIDES = ("right ", "left ", "bilateral ")
_BACK = "back"
_BACK_REGIONS = frozenset({"thoracic", "thoracolumbar", "lumbar"})  # the neck is no back
# Between two parts of one list: 'left hip, lower leg, and knee', 'left wrist/hand', 'right
# thumb and index finger' (one word, as between a side and its part in body_regions.csv).
_LIST_GAP = re.compile(
    r"[\s,/&-]*(?:(?:and|or)\s+)?(?:the\s+)?"
    r"(?:(?!an?\s|contralateral|opposite|other|dominant|non-?dominant)[a-z0-9]+\s+)?"
)
# Both sides written short: read as 'bilateral' before the region rows.
_BOTH = r"\s*(?:and|&|/|>|<|worse than|greater than|more than)\s*"
_BOTH_SIDES = re.compile(
    r"\b(?:r|rt|right)\.?" + _BOTH + r"(?:l|lt|left)\b\.?"
    r"|\b(?:l|lt|left)\.?" + _BOTH + r"(?:r|rt|right)\b\.?|\bbil(?:at)?\b\.?|\bb/l\b|\bbi-lateral\b"
)
# A side no region row took: 'Total knee replacement, right', 'Right ulnar nerve decompression
# at the elbow', 'Knee braces, right and left' (by then 'bilateral'), 'MRI of the knee (R)'.
_LOOSE_SIDE = re.compile(r"\b(?:bilateral(?:ly)?|b/l|both sides|right|left|rt|lt)\b|\((?:r|l)\)")
_SIDE_OF_NEXT = re.compile(r"[\s-]*(?:sided\s+)?")


def _body_regions(text: str, lex: Lexicon) -> str | None:
    if "/" in text or "&" in text or "and" in text or "bil" in text or "bi-" in text or (
        "than" in text or ">" in text
    ):
        # 'R and L knee', 'Rt/Lt shoulder', 'bilat', 'B/L' (not 'L' for left), 'Bil.'
        text = _BOTH_SIDES.sub("bilateral", text)
    rules = lex.body_regions
    sideable = lex.compiled.sideable_regions
    regions: list[str] = []
    # Each match, and whether it is a part that takes no side (a spinal level, the jaw).
    taken: list[tuple[int, int, bool]] = []
    side = ""
    previous_end = -1
    for row, start, end in lex.compiled.regions.iter_matches(text):
        found = rules[row].body_region
        sideless = found != NO_REGION and not any(p in sideable for p in found.split("; "))
        taken.append((start, end, sideless))
        if found == NO_REGION:
            side, previous_end = "", -1
            continue
        # A row may name two regions ('upper and lower extremities').
        for region in found.split("; "):
            if region.startswith(_SIDES):
                side = region.split(" ", 1)[0]
            elif (
                side
                and region in sideable
                and _LIST_GAP.fullmatch(text, previous_end, start) is not None
            ):
                # A side written once applies to every part listed after it.
                region = _sided(region, side, lex)
            else:
                side = ""
            if region not in regions:
                regions.append(region)
        previous_end = end
    if not regions:
        return None
    if any(region in sideable for region in regions):
        regions = _with_loose_side(text, regions, taken, lex)
    if _BACK in regions and not _BACK_REGIONS.isdisjoint(regions):
        # 'LSO back brace': body_regions.csv's 'back' stands for a back no spinal region names.
        regions.remove(_BACK)
    if len(regions) > 1 and any(region.startswith(_SIDES) for region in regions):
        # 'left knee ... status post total knee arthroplasty', 'wrist braces for both wrists':
        # the bare part is the same one.
        regions = [
            region
            for region in regions
            if region not in sideable
            or not any(
                (sided := _sided(region, side.strip(), lex)) != region and sided in regions
                for side in _SIDES
            )
        ]
    return "; ".join(dict.fromkeys(regions))


def _with_loose_side(
    text: str, regions: list[str], taken: list[tuple[int, int, bool]], lex: Lexicon
) -> list[str]:
    """The bare parts sided by the one side the request writes apart from any part."""
    loose: set[str] = set()
    index = 0  # of the next part in text order, as the sides: one walk over both
    for written in _LOOSE_SIDE.finditer(text):
        while index < len(taken) and taken[index][1] <= written.start():
            index += 1
        if index == len(taken) or (
            written.start() < taken[index][0]
            and not _side_of_a_sideless_part(text, written.end(), taken, index)
        ):
            loose.add(_side_of(written.group()))
    if len(loose) != 1:
        return regions  # none, or 'right ... left': which part is which is not written
    side = loose.pop()
    return [
        _sided(region, side, lex) if region in lex.compiled.sideable_regions else region
        for region in regions
    ]


def _side_of_a_sideless_part(
    text: str, side_end: int, taken: list[tuple[int, int, bool]], index: int
) -> bool:
    """Whether the side ending at `side_end` is that of the part `taken[index]`, right after it,
    which takes no side: 'Right L5-S1 TFESI and knee brace' (not 'Left neck and shoulder TPI',
    whose side goes on to the shoulder listed with the neck)."""
    start, end, sideless = taken[index]
    if not sideless or _SIDE_OF_NEXT.fullmatch(text, side_end, start) is None:
        return False
    listed = index + 1 < len(taken) and not taken[index + 1][2]
    return not (listed and _LIST_GAP.fullmatch(text, end, taken[index + 1][0]) is not None)


def _side_of(written: str) -> str:
    """'bilateral', 'b/l', 'both sides' -> bilateral; 'rt', '(r)' -> right; 'lt' -> left."""
    if written.startswith("b"):
        return "bilateral"
    return "right" if written.lstrip("(").startswith("r") else "left"


def _sided(part: str, side: str, lex: Lexicon) -> str:
    """'knee', 'left' -> 'left knee'; 'foot', 'bilateral' -> 'bilateral feet': as the region
    rows name the part with that side written before it."""
    memo = lex.compiled.sided_memo
    if (part, side) not in memo:
        found = next(lex.compiled.regions.iter_matches(f"{side} {part}"), None)
        region = lex.body_regions[found[0]].body_region if found is not None else part
        memo[part, side] = region if region.startswith(side + " ") else part
    return memo[part, side]


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span blanked by as many spaces; one pass, however many spans."""
    pieces: list[str] = []
    done = 0
    for start, end in sorted(spans):
        start = max(start, done)
        if end > start:
            pieces += (text[done:start], " " * (end - start))
            done = end
    return "".join(pieces) + text[done:]
