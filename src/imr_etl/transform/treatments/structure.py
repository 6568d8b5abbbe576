"""A request's structure: the disputed portion, its qualifiers, and the head service.

"Associated surgical service: Post-op physical therapy 2x6 for the right knee following
arthroscopy" names physical therapy: the qualifiers ('associated surgical service',
'post-op') say when or why, and the clause after 'following' names the context, not the
service. The head is what the classifier names; regions, doses and counts are read from
the whole request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "X was the original request. Y was authorized ... The remaining IMR eligible portion of
# the original request, Z is" (CM17-0002181): the disputed item is Z. When UR authorized
# something else the letter says "The original request, X is" (CM17-0002324). The item
# parser usually hands over Z alone; a whole header is accepted too.
_PORTION = re.compile(
    r"(?:remaining (?:imr eligible )?portion of the original request|the original request)"
    r"\s*,\s*"
)
_TRAILER = re.compile(r"(?:\s+is\b)?\s*(?::?\s*\b(?:upheld|overturned))?\s*:?\s*$")

# Words in front of the service that qualify it (DOMAIN: the qualifier is not the service).
_QUALIFIER = re.compile(
    r"(?:(?:1|one)\s+)?(?:"
    r"associated\s+surgical\s+services?\s*:?"
    r"|retro(?:spective(?:ly)?)?(?:\s+(?:request|review|authorization|dos\b[^:]*))?"
    r"(?:\s+(?:for|of))?\s*:?"
    r"|(?:pre|post|peri)[\s-]?op(?:erative(?:ly)?)?\b\.?\s*:?"
    r"|(?:additional|continued?|continuation\s+of|ongoing|further|extra|more|repeat)\b"
    r"|(?:purchase|rental|rent|buy)(?:\s*(?:/|or|and|and/or)\s*(?:purchase|rental))?"
    r"(?:\s+(?:of|for))?\s*:?"
    r"|follow[\s-]?up(?:\s+(?:with|to))?(?=\s+\S+\s+\S)"
    # 'Inpatient lumbar fusion': where a procedure is done (not 'Inpatient rehabilitation')
    r"|(?:in|out)[\s-]?patient(?!\s+(?:stay|admission|days?|hospital\w*|rehab\w*|detox\w*|program"
    r"|psych\w*|pain|treatment|physical|occupational|therapy|functional|multidisciplinary"
    r"|interdisciplinary|nursing|care|observation|surgery|surgical|mental|behavioral|bed)\b)"
    r"|request(?:ed)?(?:\s+(?:for|of))?\s*:?"
    r"|(?:[a-z]+\s+){0,2}to\s+include\s*:"  # 'Labs to include: EKG' is an EKG
    r")\s+"
)
# Where the head service ends and its context begins: what it follows, or what accompanies
# it ('Lumbar fusion with 3 day inpatient stay', 'ESI with monitored anesthesia care',
# 'Hip injection under fluoroscopy', 'Knee arthroscopy, meniscectomy, assistant surgeon',
# 'Shoulder arthroscopy with debridement and MUA', 'Lumbar fusion with bone growth
# stimulator', 'TKA with CPM rental', 'Acupuncture with infrared heat and
# myofascial release').
_ACCOMPANIMENT = (
    r"\s+(?:an?\s+)?(?:\d+[\s-]*(?:days?|nights?)\s+(?:of\s+)?)?(?:inpatient|assistant[\s-]surgeon"
    # 'with sedation', 'with anesthesia'; not the anesthesia of a manipulation under it
    r"|monitored[\s-]anesthesia|mac\b|(?:(?:iv|conscious|moderate)\s+)?sedation"
    r"|(?<!manipulation under )anesthesia\b"
    r"|fluoroscop|ultrasound|mua\b"
    r"|myofascial|massage|infrared|(?:hot|cold)\s+packs?|heat\b|biofeedback"
    r"|manipulation\s+under\s+anesthesia|bone[\s-]growth[\s-]stimulat"
    r"|(?:intra[\s-]?op\w*\s+)?neuro[\s-]?monitoring|ionm\b|cpm\b|continuous\s+passive"
    r"|cold\s+therapy|(?:surgical|physician)[\s-]assistant|(?:psych\w*|medical)\s+clearance"
    r"|length[\s-]of[\s-]stay|(?:hospital|overnight)\s+stay"
    r"|(?:(?:iliac[\s-]crest|autologous|autograft|allograft)\s+)?bone[\s-]grafts?\b"
    r"|(?:bone\s+)?biops(?:y|ies)\b)"
)
_CONTEXT = re.compile(
    r"\s(?:following|after|status[\s-]post|s/p|(?:pre|post|peri)[\s-]?op(?:erative(?:ly)?)?\b"
    r"|post[\s-]?surg(?:ery|ical)|due to|secondary to|in preparation for|prior to"
    r"|in conjunction with|(?:with|under|using|and|including)" + _ACCOMPANIMENT + r")"
    r"|," + _ACCOMPANIMENT
)


# A name or a release form and its dose written together: 'Norco10/325', 'Tramadol50mg' (four
# letters at least,
# and a dose: 'L5', 'B12' and a product code such as 'HMPHCC2' stay whole).
_LETTER_THEN_DIGIT = re.compile(r"[a-z][0-9]")  # a quick test before the slower search
_GLUED_DOSE = re.compile(
    r"(?<=[a-z]{4})(?=\d+(?:\.\d+)?\s*(?:mg|mcg|%|/\s*\d))"
    r"|(?<=\b(?:er|xr|cr|sr|xl|dr|ir))(?=\d+(?:\.\d+)?\s*(?:mg|mcg)\b)"  # 'Tramadol ER150mg'
)


@dataclass(frozen=True, slots=True)
class Request:
    """One request read for classification."""

    text: str
    """The disputed portion, lower case, spaces collapsed."""
    head: str
    """The service it names: `text` without leading qualifiers or trailing context."""
    head_start: int
    """Where `head` starts in `text`."""
    whole: str
    """The request before the portion is taken: 'Retrospective request for X (DOS 3/2/15) was
    the original request ...' says the remaining portion was given too."""


def read_request(request_text: str) -> Request:
    """'Retro post-op PT 2x6 after knee surgery' -> head 'pt 2x6'."""
    whole = " ".join(request_text.split()).lower()
    text = disputed_portion(whole)
    if _LETTER_THEN_DIGIT.search(text) is not None:
        text = _GLUED_DOSE.sub(" ", text)
    start = 0
    while (match := _QUALIFIER.match(text, start)) is not None and match.end() < len(text):
        start = match.end()
    end = len(text)
    if (context := _CONTEXT.search(text, start)) is not None and context.start() > start:
        end = context.start()
    return Request(text=text, head=text[start:end], head_start=start, whole=whole)


def disputed_portion(text: str) -> str:
    """The part under review of a modified request, without a trailing 'is Upheld'."""
    if "original request" in text:
        starts = [m.end() for m in _PORTION.finditer(text)]
        if starts:
            text = text[starts[-1] :]
    if text.endswith(("upheld", "overturned", " is", ":")):
        text = _TRAILER.sub("", text)
    return text
