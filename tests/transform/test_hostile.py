"""Letters crafted against a backtracking parser parse to the right record; the rewritten
matchers find exactly what the regular expressions they replace found.

Time is not asserted here (a shared machine makes timed tests flaky): scripts/benchmark.py
times each kind at 1x, 2x and 4x its size.
"""

from __future__ import annotations

import random
import re

import pytest

from imr_etl.errors import ParseError
from imr_etl.records import LetterRecord, RawLetter
from imr_etl.transform import citations, items, reviewer
from imr_etl.transform.formats import mpr as format_mpr
from imr_etl.transform.letter import transform_letter
from tests.helpers import seed_paths
from tests.transform import hostile


def parse_text(text: str) -> LetterRecord:
    return transform_letter(RawLetter("hostile.txt", "hostile.txt", "0", text))


def test_every_kind_is_about_100_kb_at_scale_1_and_grows_with_the_scale() -> None:
    for kind, build in hostile.HOSTILE_KINDS.items():
        assert 90_000 < len(build(1)) < 130_000, kind
        assert 3.5 < len(build(4)) / len(build(1)) < 4.5, kind


def test_commas_after_an_edition_and_in_pages() -> None:
    item = parse_text(hostile.citation_commas(1)).items[0]
    claims, imro = item.citations
    assert (claims.guideline, claims.edition_year, claims.topic, claims.pages) == (
        "MTUS Chronic Pain Medical Treatment Guidelines", 2009, None, "91")
    assert imro.pages is not None
    assert imro.pages.startswith("91, , , ") and imro.pages.endswith(", , x")
    assert (imro.first_page, imro.last_page, imro.edition_year) == (91, 91, None)


def test_an_endless_page_list() -> None:
    imro = parse_text(hostile.citation_pages(1)).items[0].citations[1]
    assert imro.pages is not None
    assert imro.pages.startswith("60-61, 60-61, ") and imro.pages.endswith("60-61, and 62")
    assert (imro.edition_year, imro.first_page, imro.last_page) == (2009, 60, 62)


def test_a_page_number_of_thousands_of_digits_is_kept_as_written_but_is_no_page() -> None:
    # int() of over 4,300 digits raises ValueError: it must not stop the parse.
    pages = "3, " + "1" * 5000
    letter = hostile.main_letter(imro="Decision based on MTUS Chronic Pain Treatment Guidelines "
                                 f"Page(s): {pages}.")
    imro = parse_text(letter).items[0].citations[1]
    assert (imro.pages, imro.first_page, imro.last_page) == (pages, 3, 3)


def test_a_request_repeating_frequency_words_without_a_span() -> None:
    (item,) = parse_text(hostile.request_frequencies(1)).items
    assert (item.treatment_name, item.sessions, item.decision) == (
        "physical therapy", None, "upheld"
    )
    assert item.frequency is not None and item.frequency.startswith("twice weekly")


def test_a_request_repeating_a_part_and_a_side_apart_from_it() -> None:
    (item,) = parse_text(hostile.request_sides(1)).items
    assert (item.treatment_name, item.body_region, item.decision) == (
        "MRI", "right knee", "upheld"
    )


def test_a_long_sentence_before_no_evidence_was_cited() -> None:
    none, other = parse_text(hostile.no_evidence(1)).items[0].citations[:2]
    assert (none.source, none.raw_text) == (
        "none", "The Claims Administrator did not cite any medical evidence for its decision.")
    assert other.source == "other"
    assert other.raw_text.startswith("The claims administrator wrote at length The")


def test_a_credentials_sentence_repeating_its_subspecialty() -> None:
    found = parse_text(hostile.credentials(1)).reviewer
    assert found is not None
    assert (found.specialty, found.license_states) == ("Anesthesiology", "OH")
    # The lazy subspecialty group runs to the one "and is licensed": every repeat is in it.
    assert found.subspecialty == ", has a subspecialty in ".join(
        ["Pain Medicine"] * (hostile.credentials(1).count("has a subspecialty in")))


def test_a_modified_request_with_a_long_authorized_part() -> None:
    item = parse_text(hostile.authorized(1)).items[0]
    assert (item.original_request, item.authorized_request, item.request_text, item.decision) == (
        "Norco 10/325mg #120", "Norco 10/325mg #60", "Norco 10/325mg #60", "upheld")


def test_a_review_naming_requests_at_length_before_its_verdicts() -> None:
    record = parse_text(hostile.review_requests(1))
    assert [(i.request_text, i.decision) for i in record.items] == [
        ("Cyclobenzaprine 7.5mg #60", "upheld"),
        ("Physical therapy 2 times a week for 4 weeks for the right knee", "overturned")]


def test_a_2013_decision_repeating_its_opening() -> None:
    record = parse_text(hostile.determinations_2013(1))
    first, second = record.items
    # The request runs from the first "has determined the request for" (the regex's match).
    assert first.request_text.startswith("has determined the request for has determined")
    assert first.request_text.endswith("the request for Norco 10/325mg #120")
    assert (first.decision, second.decision) == ("upheld", "upheld")


def test_many_items_without_their_rationale_are_rejected() -> None:
    with pytest.raises(ParseError) as caught:
        parse_text(hostile.missing_rationales(1))
    assert caught.value.reason == (
        "the decisions section cannot be read: item 2 ('X: Upheld') has no "
        "'MAXIMUS guideline:' paragraph")


def test_a_letter_of_a_thousand_items_keeps_every_item() -> None:
    path = next(p for p in seed_paths() if p.name.startswith("004"))
    letter = hostile.many_items(path.read_text(encoding="utf-8"), 1000)
    one = parse_text(path.read_text(encoding="utf-8")).items
    record = parse_text(letter)
    assert len(record.items) == -(-1000 // len(one)) * len(one)
    assert [i.request_text for i in record.items[: len(one)]] == [i.request_text for i in one]
    assert [i.request_text for i in record.items[-len(one):]] == [i.request_text for i in one]


# --- The rewritten matchers find what the regexes they replace found -------------------
# Each reference below is the regex as it stood; random text built from the phrases that
# steer it must give the same answer from both. Seeded, so a failure repeats.

def _texts(tokens: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join("".join(rng.choice(tokens) for _ in range(rng.randint(0, 12))).split())
            for _ in range(count)]


_OLD_LAYOUT_A = re.compile(
    r"Board Certified in (?P<specialty>.+?)(?:,? (?:has|with) a subspecialty in (?P<sub>.+?))?"
    r",? and is licensed to practice in (?P<states>.+?)\.(?:\s|$)", re.IGNORECASE)


def test_credentials_are_matched_as_the_layout_regexes_matched_them() -> None:
    tokens = ["Board Certified in ", "board certified in ", ", has a subspecialty in ",
              " with a subspecialty in ", ", and is licensed to practice in ",
              " and is licensed to practice in ", "X", "Y", ".", ". ", " ", ",",
              "State(s) of Licensure:", "Certification(s)/Specialty:", " Ohio"]
    for text in _texts(tokens, 20_000, seed=1):
        old = _OLD_LAYOUT_A.search(text)
        assert reviewer._layout_a(text) == (
            (old["specialty"], old["sub"], old["states"]) if old else None), text
        old_b = reviewer._LAYOUT_B.search(text)
        new_b = reviewer._layout_b(text)
        assert (old_b and old_b.groupdict()) == (new_b and new_b.groupdict()), text


_OLD_AUTHORIZED = re.compile(
    r"^(?:(?P<a1>.+?) was authorized by the Claims Administrator"
    r"|The Claims Administrator authorized (?P<a2>.+?)(?=, leaving|\.\s))[^.]*\.\s*",
    re.IGNORECASE)


def test_authorized_parts_are_found_as_the_regex_found_them() -> None:
    tokens = ["X", "Y", " ", ".", ". ", ",", ", leaving", " was authorized by the Claims "
              "Administrator", "The Claims Administrator authorized ", "the claims administrator "
              "authorized "]
    for text in _texts(tokens, 20_000, seed=2):
        old = _OLD_AUTHORIZED.match(text)
        expected = (old["a1"] or old["a2"], old.end()) if old else None
        assert items._authorized(text) == expected, text


_OLD_REQUEST_VERDICT = re.compile(
    r"\brequest\s+for\s+(?:[^.]|\.(?=\d))+?\s(?:is|are|was|were)\s*(?P<negation>not\s*)?"
    r"medically\s*necessary", re.IGNORECASE)


def test_named_verdicts_are_found_as_the_regex_found_them() -> None:
    tokens = ["request for ", "Request for ", "request\nfor\n", "X", " ", ".", "0.5", " is",
              " not", " medically necessary", " is not medically necessary", "rerequest for ",
              "\n", "for  "]
    rng = random.Random(3)
    for _ in range(20_000):
        # Not collapsed: a run of spaces after "for" is where the regex backtracks.
        text = "".join(rng.choice(tokens) for _ in range(rng.randint(0, 12)))
        assert [(m.end(), m["negation"]) for m in format_mpr._named_verdicts(text)] == [
            (m.end(), m["negation"]) for m in _OLD_REQUEST_VERDICT.finditer(text)], text


def test_citation_ends_are_stripped_as_the_regexes_stripped_them() -> None:
    tokens = ["X", " ", ",", ".", ";", ":", "and", " and", "Brand", ", and ,"]
    for text in _texts(tokens, 20_000, seed=4):
        assert citations._strip_end(text) == re.sub(
            r"[\s,.;:]+$", "", re.sub(r"\s+(?:and)$", "", text.strip())).strip(), text
        assert citations._strip_trailing_and(text) == re.sub(
            r"[\s,]*(?:and)?\s*$", "", text), text
        whole = text + " did not cite any medical evidence" + text
        old = re.search(r"[^.]*did not cite any medical evidence[^.]*\.?", whole, re.IGNORECASE)
        assert old is not None
        phrase = citations._NO_EVIDENCE.search(whole)
        assert phrase is not None
        assert citations._sentence_around(whole, *phrase.span()) == old.span(), text


def test_item_phrases_are_found_in_any_case_in_ascii_and_other_letters_alike() -> None:
    # ASCII letters are searched in a lower-cased copy, others case-insensitively.
    path = next(p for p in seed_paths() if p.name.startswith("001"))
    letter = path.read_text(encoding="utf-8")
    shouted = (letter.replace("Claims Administrator guideline:", "CLAIMS ADMINISTRATOR GUIDELINE:")
               .replace("MAXIMUS guideline:", "Maximus Guideline:")
               .replace("Decision rationale:", "DECISION RATIONALE:"))
    expected = [(i.request_text, i.rationale, i.citations) for i in parse_text(letter).items]
    non_ascii = shouted.replace("CLINICAL CASE SUMMARY",
                                "CLINICAL CASE SUMMARY\nThe patient\u2019s file.")
    for text in (shouted, non_ascii):
        assert [(i.request_text, i.rationale, i.citations)
                for i in parse_text(text).items] == expected


def test_a_long_chain_of_joined_services_is_the_first_named() -> None:
    item = parse_text(hostile.request_services(1)).items[0]
    assert (item.treatment_category, item.treatment_name) == ("rehabilitation", "physical therapy")
