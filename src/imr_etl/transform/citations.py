"""Split a party's guideline paragraph into citations and name what each one cites."""

from __future__ import annotations

import re

from imr_etl.records import CitationRecord
from imr_etl.transform.odg import names_odg, odg_guideline_and_topic
from imr_etl.transform.text import collapse

# MTUS documents: the 2014-15 letters name them "Chronic Pain Treatment Guidelines" or
# "ACOEM Chapter 12 Low Back Complaints"; the 2016-17 letters "<Title> <edition year>".
# ACOEM chapter numbers follow 8 CCR 9792.23.1-.23.9 (DOMAIN.md section 4).
_MTUS_DOCUMENTS = [
    (
        r"Chronic Pain (?:Medical )?Treatment(?: Guidelines)?",
        "MTUS Chronic Pain Medical Treatment Guidelines",
    ),
    (r"Opioids? Treatment(?: Guidelines)?", "MTUS Opioid Treatment Guidelines"),
    (
        r"Acupuncture (?:Medical )?Treatment(?: Guidelines)?",
        "MTUS Acupuncture Medical Treatment Guidelines",
    ),
    (r"Post-?surgical Treatment(?: Guidelines)?", "MTUS Postsurgical Treatment Guidelines"),
    (r"(?:ACOEM )?General Approaches", "MTUS ACOEM General Approaches"),
    (
        r"(?:ACOEM Chapter 8 )?Neck and Upper Back Complaints",
        "MTUS ACOEM Chapter 8 Neck and Upper Back Complaints",
    ),
    (r"(?:ACOEM Chapter 9 )?Shoulder Complaints", "MTUS ACOEM Chapter 9 Shoulder Complaints"),
    (
        r"(?:ACOEM Chapter 10 )?Elbow (?:Complaints|Disorders)",
        "MTUS ACOEM Chapter 10 Elbow Complaints",
    ),
    (
        r"(?:ACOEM Chapter 11 )?Forearm, Wrist,? and Hand Complaints",
        "MTUS ACOEM Chapter 11 Forearm, Wrist, and Hand Complaints",
    ),
    (r"(?:ACOEM Chapter 12 )?Low Back Complaints", "MTUS ACOEM Chapter 12 Low Back Complaints"),
    (r"(?:ACOEM Chapter 13 )?Knee Complaints", "MTUS ACOEM Chapter 13 Knee Complaints"),
    (
        r"(?:ACOEM Chapter 14 )?Ankle and Foot Complaints",
        "MTUS ACOEM Chapter 14 Ankle and Foot Complaints",
    ),
    (
        r"(?:ACOEM Chapter 15 )?Stress[- ]Related Conditions",
        "MTUS ACOEM Chapter 15 Stress-Related Conditions",
    ),
    (r"(?:ACOEM Chapter 16 )?Eye", "MTUS ACOEM Chapter 16 Eye"),
]
# Every title starts with one of these letters. Said first as a lookahead, it lets the
# regex engine skip other positions at once instead of trying each title there: on a long
# citation (pages, commas) the search was the slowest part of a letter's parse.
_MTUS_TITLE_LETTERS = "ACEFGKLNOPS"
_MTUS_TITLE = re.compile(
    f"(?=[{_MTUS_TITLE_LETTERS}])(?:"
    + "|".join(f"(?P<d{i}>{p})" for i, (p, _) in enumerate(_MTUS_DOCUMENTS))
    + ")"
)
_MTUS_EDITION = re.compile(rf"(?:{_MTUS_TITLE.pattern})\s+(?P<year>(?:19|20)\d\d)\b")

# (source, guideline, edition year, topic, pages, raw text) of one citation, before numbering.
_Piece = tuple[str, str | None, int | None, str | None, str | None, str]

_NO_EVIDENCE = re.compile(r"did not cite any medical evidence", re.IGNORECASE)
# Announces the Non-MTUS citation that follows; not a citation of its own.
_OUTSIDE_MTUS = re.compile(
    r"The (?:Claims Administrator|Expert Reviewer|reviewer) based (?:their|its|his/her) decision"
    r" on recommendation\(s\) outside of the MTUS(?: Guidelines)?\.?",
    re.IGNORECASE,
)
_DECISION_BASED_ON = re.compile(r"Decision based on\s+", re.IGNORECASE)
_PAGES = re.compile(r"\bPages?\s*\(s\)\s*:|\bPages?:", re.IGNORECASE)
_SECTIONS = re.compile(r"\bSection\s*\(s\)\s*:", re.IGNORECASE)
_NON_MTUS_LABEL = re.compile(r"^Non-MTUS Citation\s*:?\s*", re.IGNORECASE)
_ACOEM = re.compile(r"\bACOEM\b")
# A page number: at most 18 digits (any longer is no page, and int() of thousands of
# digits raises ValueError past Python's limit, stopping the parse).
_NUMBER = re.compile(r"(?<!\d)\d{1,18}(?!\d)")
_MTUS_LEAD = re.compile(r"MTUS\b")
_MTUS_CITATION = re.compile(r"MTUS\s+Citation")
_REGULATION_NUMBER = re.compile(r"\d{4}\.\d+(?:\.\d+)*")
# What `\s` matches in the cleaned, collapsed text (plain spaces), plus the punctuation
# that may trail a citation's part.
_WHITESPACE = " \t\n\r\f\v"
_SEPARATORS = _WHITESPACE + ",.;:"
_COMMA_SPACE = _WHITESPACE + ","


def parse_citations(paragraph: str, cited_by: str) -> tuple[CitationRecord, ...]:
    """Split one party's guideline paragraph into citations, in order.

    >>> [c.source for c in parse_citations("Decision based on MTUS Chronic Pain Treatment "
    ...  "Guidelines 9793.34.3 Page(s): 122. Decision based on Non-MTUS Citation Official "
    ...  "Disability Guidelines (ODG) Pain Chapter Low and Upper Back.", "imro")]
    ['MTUS', 'ODG']
    """
    text = _OUTSIDE_MTUS.sub(" ", collapse(paragraph))
    pieces: list[_Piece] = []
    # The literal test first: most paragraphs cite something.
    if "did not cite any medical evidence" in text and (match := _NO_EVIDENCE.search(text)):
        start, end = _sentence_around(text, match.start(), match.end())
        pieces.append(("none", None, None, None, None, text[start:end].strip()))
        text = text[:start] + " " + text[end:]
    chunks = [chunk.strip() for chunk in _DECISION_BASED_ON.split(text)]
    if len(chunks) > 1:
        del chunks[0]  # words before the first "Decision based on" are not a citation
    for chunk in chunks:
        pieces.extend(_chunk_pieces(chunk))
    return _records(pieces, cited_by)


def cite(sentences: list[str], cited_by: str) -> tuple[CitationRecord, ...]:
    """Citations from sentences that each name what they cite, as the words after "Decision
    based on" do ("MTUS Chronic Pain ... Page(s): 122", "ODG Pain Chapter ...").

    >>> [c.guideline for c in cite(["ODG Knee & Leg, MRI.", "MTUS Chronic Pain Treatment"], "imro")]
    ['ODG Knee & Leg', 'MTUS Chronic Pain Medical Treatment Guidelines']
    """
    return _records([piece for sentence in sentences
                     for piece in _chunk_pieces(_OUTSIDE_MTUS.sub(" ", sentence).strip())],
                    cited_by)


def _chunk_pieces(chunk: str) -> list[_Piece]:
    if not chunk.strip(" ."):
        return []
    if _MTUS_LEAD.match(chunk) and not _MTUS_CITATION.match(chunk):
        return _mtus_pieces(chunk[4:].strip())
    return [_non_mtus_piece(chunk)]


def _records(pieces: list[_Piece], cited_by: str) -> tuple[CitationRecord, ...]:
    records = []
    for position, (source, guideline, year, topic, pages, raw) in enumerate(pieces, start=1):
        first_page, last_page = _page_bounds(pages)
        records.append(CitationRecord(
            cited_by=cited_by, position=position, source=source, guideline=guideline,
            edition_year=year, topic=topic, pages=pages, first_page=first_page,
            last_page=last_page, raw_text=raw))
    return tuple(records)


def _mtus_pieces(
    text: str,
) -> list[_Piece]:
    """One piece per MTUS document: "Shoulder Complaints 2004, Section(s): ..., and Knee ..."."""
    editions = list(_MTUS_EDITION.finditer(text))
    if editions and editions[0].start() == 0:
        pieces: list[_Piece] = []
        for current, following in zip(editions, [*editions[1:], None], strict=True):
            segment = text[current.start() : following.start() if following else len(text)]
            segment = _strip_trailing_and(segment)
            body, pages = _split_pages(segment[current.end() - current.start() :])
            topic_match = _SECTIONS.search(body)
            topic = _clean_topic(body[topic_match.end() :]) if topic_match else None
            pieces.append(
                (
                    "MTUS",
                    _mtus_guideline(current),
                    int(current["year"]),
                    topic,
                    pages,
                    f"MTUS {segment.strip()}" if not pieces else segment.strip(),
                )
            )
        return pieces
    body, pages = _split_pages(text)
    title = _MTUS_TITLE.match(body)
    if title:
        guideline = _mtus_guideline(title)
        topic = _clean_topic(body[title.end() :])
    else:
        guideline = f"MTUS {_strip_end(body)}" if _strip_end(body) else "MTUS"
        topic = None
    return [("MTUS", guideline, None, topic, pages, f"MTUS {text}".strip())]


def _non_mtus_piece(text: str) -> _Piece:
    raw = text
    text = _NON_MTUS_LABEL.sub("", text)
    body, pages = _split_pages(text)
    if names_odg(body):
        guideline, topic = odg_guideline_and_topic(body)
        return ("ODG", guideline, None, topic, pages, raw)
    source = "ACOEM" if _ACOEM.search(body) else "other"
    return (source, _strip_end(body) or None, None, None, pages, raw)


def _mtus_guideline(match: re.Match[str]) -> str:
    name = next(key for key, value in match.groupdict().items() if value and key.startswith("d"))
    return _MTUS_DOCUMENTS[int(name[1:])][1]


def _split_pages(text: str) -> tuple[str, str | None]:
    """Separate "... Page(s): 60-61, 76-78." into the text before and the pages as written."""
    match = _PAGES.search(text)
    if not match:
        return text, None
    return text[: match.start()], _strip_end(text[match.end() :]) or None


def _clean_topic(text: str) -> str | None:
    topic = _strip_end(text.lstrip(_SEPARATORS))
    if not topic or _REGULATION_NUMBER.fullmatch(topic) or _MTUS_TITLE.fullmatch(topic):
        return None
    return topic


def _strip_end(text: str) -> str:
    """Drop a last "and" and trailing punctuation: "Page(s): 60-61, and" -> "Page(s): 60-61".

    String methods, not a regex ending in `[...]+$`: that one is tried at each character of
    a run of separators and rescans the run each time, quadratic on ", , , ..." (issue 9).
    """
    text = text.strip()
    if text.endswith("and") and text[:-3] != text[:-3].rstrip():
        text = text[:-3]
    return text.rstrip(_SEPARATORS).strip()


def _strip_trailing_and(segment: str) -> str:
    """Drop trailing commas, spaces and a last "and", as `[\\s,]*(?:and)?\\s*$` would."""
    stripped = segment.rstrip()
    if stripped.endswith("and"):
        stripped = stripped[:-3]
    return stripped.rstrip(_COMMA_SPACE)


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding text[start:end]: from after the previous "." to the next one."""
    following = text.find(".", end)
    return text.rfind(".", 0, start) + 1, len(text) if following < 0 else following + 1


def _page_bounds(pages: str | None) -> tuple[int | None, int | None]:
    """First and last page cited: "60-61, 76-78, 88-89" -> (60, 89)."""
    numbers = [int(number) for number in _NUMBER.findall(pages or "")]
    return (min(numbers), max(numbers)) if numbers else (None, None)
