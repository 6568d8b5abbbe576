"""Name the chapter and topic a citation of the Official Disability Guidelines (ODG) cites.

The letters cite ODG in free text: "Official Disability Guidelines (ODG), Low Back Chapter,
Indications for imaging", "ODG Hips & Pelvis Chapter, X-Ray", "(ODG) Neck section, Physical
therapy", "ACOEM guidelines and the Official Disability Guidelines". The guideline is
"ODG <chapter>" when a chapter is named, else "ODG"; the topic is the rest, as written.
"""

from __future__ import annotations

import re

_AND = r"\s*(?:&|and)\s*"

# ODG's chapters (DOMAIN.md section 4) and the ways the letters spell them. A chapter's
# short name leads ("Knee" is "Knee & Leg"); earlier rows win where two match at one place.
_CHAPTERS: list[tuple[str, str | None]] = [
    (
        rf"Low(?:er)? Back(?:\s*-?\s*Lumbar{_AND}Thoracic)?|Lumbar{_AND}Thoracic"
        rf"|Thoracic{_AND}Lumbar",
        "Low Back",
    ),
    (rf"Neck(?:{_AND}Upper Back)?", "Neck and Upper Back"),
    (rf"Knee(?:{_AND}Leg)?", "Knee & Leg"),
    (rf"(?:Forearm,?\s*)?Wrist,?{_AND}Hand|Forearm", "Forearm, Wrist & Hand"),
    (rf"Hips?(?:{_AND}Pelvis)?", "Hip & Pelvis"),
    (rf"Ankle(?:{_AND}Foot)?", "Ankle & Foot"),
    (rf"Mental (?:Illness|Health)(?:{_AND}Stress)?", "Mental Illness & Stress"),
    (r"Fitness for Duty", "Fitness for Duty"),
    (r"Shoulder", "Shoulder"),
    (r"Elbow", "Elbow"),
    (r"Head", "Head"),
    (r"Chronic Pain|Pain(?:\s*\(Chronic\))?", "Pain"),
    # The Preface (where ODG keeps its Physical Therapy Guidelines) is front matter, not a
    # chapter: the citation stays "ODG" and "Preface/Physical therapy" is its topic
    # (CM17-0006045). Matching it keeps a later word ("... for chronic pain") from being
    # taken for the chapter.
    (r"Preface", None),
]
_CHAPTER = re.compile(
    "|".join(rf"(?P<c{i}>\b(?:{pattern})\b)" for i, (pattern, _) in enumerate(_CHAPTERS)),
    re.IGNORECASE,
)
# A chapter's name inside a phrase ("Antidepressants for chronic pain", "MRI of the knee")
# is the topic's word, not the chapter heading; it names the chapter only when no heading does.
_IN_PHRASE = re.compile(
    r"\b(?:for|of|in|on|to|with|from|about)(?:\s+(?:the|a|an))?\s*$", re.IGNORECASE
)

_NAME = re.compile(r"Official Disability Guidelines(?:\s*\(ODG\))?|\(?\bODG\b\)?", re.IGNORECASE)
# The publication's own title, publisher and edition: they say which ODG, not what in it.
# "Work Loss Data Institute (21th Annual Edition), 2016" (CM16-0246624).
_EDITION = (
    r"Work Loss Data Institute(?:,?\s*(?:LLC|Encinitas,?\s*CA)){0,2}(?:,?\s*\(?(?:19|20)\d\d\)?)?"
    r"|\(?\b\d{1,2}(?:st|nd|rd|th)\s+(?:Annual\s+)?Edition\)?"
    r"|\(?\b(?:19|20)\d\d\s+(?:Annual\s+)?Edition\)?"
    r"|Treatment (?:in|for) Workers'? ?Comp(?:ensation)?\b(?:\s*\(TWC\))?"
    r"|Integrated Treatment/Disability Duration Guidelines"
    r"|\(?\bTWC\b\)?"
    r"|(?:https?://)?(?:www\.)?odg-twc\.com[^\s,;]{0,40}"
)
# A topic's end is cleaned by looking at its last characters only, so that a long citation
# costs time in proportion to its length (issue 9). Every phrase below is shorter.
_END_WINDOW = 120
_END_WORDS = re.compile(
    rf"(?:(?:{_EDITION}|\s(?:and|or|&|of|the|for|in|with|per|see|to))[\s,.;:/-]*)+$",
    re.IGNORECASE,
)
# The name at the head of the citation, with its title, edition and year: "Official
# Disability Guidelines (ODG), Work Loss Data Institute (21th Annual Edition), 2016, ".
_LEADING_NAME = re.compile(
    rf"(?:the\s+)?(?:{_NAME.pattern})(?:\s+guidelines?\b)?"
    rf"(?:[\s,;:.\-/]|{_EDITION}|\(?\b(?:19|20)\d\d\b\)?(?![/\d]))*",
    re.IGNORECASE,
)
# Before the name: another source cited with it ("ACOEM guidelines and the ODG"), or the
# part of ODG cited ("the Pain chapter of the ODG").
_CO_SOURCE = re.compile(r"\b(?:and|&|or|plus|as well as)(?:\s+the)?\s*$", re.IGNORECASE)
_PART_OF = re.compile(r"\s*\b(?:of|in|from)(?:\s+the)?\s*$", re.IGNORECASE)
# What may stand between a chapter's name and its topic: "(Acute & Chronic) Chapter",
# "section,", "Section/", "Official Disability Guidelines (ODG),".
_CHAPTER_TAIL = re.compile(
    rf"^(?:[\s,.;:/-]|\((?:Chronic|Acute{_AND}Chronic)\)|\bChapters?\b|\bSections?\b"
    rf"|{_NAME.pattern})*",
    re.IGNORECASE,
)
# Words left at a topic's edge that belong to the citation, not the topic.
_EDGE_WORDS = re.compile(
    rf"(?:{_EDITION}|\b(?:chapters?|sections?|guidelines?)\b|[\s,.;:/-])+", re.IGNORECASE
)
# A "topic" made only of source names ("ACOEM guidelines", "CA MTUS") is none. Removed one
# by one rather than matched whole: `(?:...)+` over the overlapping ODG names backtracks
# exponentially on a long run of them.
_SOURCE_WORD = re.compile(
    rf"\b(?:ACOEM|MTUS|CA|guidelines?|and|the)\b|{_NAME.pattern}|[\s,.;:/&-]", re.IGNORECASE
)


def names_odg(text: str) -> bool:
    """Whether the citation names the Official Disability Guidelines anywhere."""
    return _NAME.search(text) is not None


def odg_guideline_and_topic(text: str) -> tuple[str, str | None]:
    """The ODG guideline and the topic of a Non-MTUS citation that names ODG.

    >>> odg_guideline_and_topic("Official Disability Guidelines (ODG) Hips & Pelvis Chapter, X-Ray")
    ('ODG Hip & Pelvis', 'X-Ray')
    """
    text = _after_name(" ".join(text.split()))
    found = _find_chapter(text)
    if found is None:
        return "ODG", clean_odg_topic(text)
    match, in_phrase = found
    chapter = _CHAPTERS[int(str(match.lastgroup)[1:])][1]
    guideline = f"ODG {chapter}" if chapter else "ODG"
    if in_phrase or chapter is None:
        # The chapter's name is part of the topic's words: keep them all.
        return guideline, clean_odg_topic(text)
    after = _CHAPTER_TAIL.sub("", text[match.end() :])
    # "(ODG) MRI shoulder": with nothing after the chapter, the words before are the topic.
    topic = clean_odg_topic(after) or clean_odg_topic(text[: match.start()])
    return guideline, topic


def clean_odg_topic(text: str) -> str | None:
    """The topic without the citation's punctuation, boilerplate or dangling words at its edges.

    >>> clean_odg_topic("- Physical Medicine Guidelines.")
    'Physical Medicine Guidelines'
    """
    topic = " ".join(text.split())
    if match := _EDGE_WORDS.match(topic):
        topic = topic[match.end() :]
    topic = _strip_end_words(topic)
    if not topic or not _SOURCE_WORD.sub("", topic):
        return None
    return topic


def _after_name(text: str) -> str:
    """The citation's text after the leading ODG name, its edition and any co-cited source."""
    if match := _LEADING_NAME.match(text):
        return text[match.end() :]
    name = _NAME.search(text)
    if name is None:
        return text
    before = text[: name.start()]
    rest = _LEADING_NAME.match(text, name.start())
    after = text[rest.end() :] if rest else text[name.end() :]
    if _CO_SOURCE.search(before):
        return after
    if part := _PART_OF.search(before):
        return f"{before[: part.start()]}, {after}"
    # The name stands inside the text ("Neck and Upper Back, Physical Therapy, ODG Preface"):
    # it is part of the topic, kept as written.
    return text


def _find_chapter(text: str) -> tuple[re.Match[str], bool] | None:
    """The earliest chapter heading, else the earliest chapter name inside a phrase."""
    in_phrase = None
    for match in _CHAPTER.finditer(text):
        # The few characters before the name are enough, and keep the scan linear.
        if not _IN_PHRASE.search(text, max(0, match.start() - 20), match.start()):
            return match, False
        in_phrase = in_phrase or match
    return (in_phrase, True) if in_phrase else None


def _strip_end_words(topic: str) -> str:
    """Drop punctuation, edition boilerplate and dangling words ("and the") at the end.

    A trailing "Chapter" stays: "Carpal Tunnel Syndrome Chapter" names a chapter the list
    above lacks, and is the topic as written (CM16-0248471).
    """
    end = len(topic)
    while end:
        start = max(0, end - _END_WINDOW)
        window = topic[start:end].rstrip(" ,.;:/-")
        if match := _END_WORDS.search(window):
            window = window[: match.start()]
        if start + len(window) == end:
            break
        end = start + len(window)
    return topic[:end]
