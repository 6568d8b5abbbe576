"""The disputed items of the decisions section: request, decision, citations, rationale."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from imr_etl.transform.text import collapse


@dataclass(frozen=True, slots=True)
class _Headings:
    """The phrases that structure the items, matched in any case."""

    items_start: re.Pattern[str]
    claims_administrator: re.Pattern[str]
    imro: re.Pattern[str]
    rationale: re.Pattern[str]


_PHRASES = (r"set forth below\s*:", r"claims administrator guideline\s*:",
            r"maximus guideline\s*:", r"decision rationale\s*:")
_ANY_CASE = _Headings(*(re.compile(phrase, re.IGNORECASE) for phrase in _PHRASES))
# `re` searches case-insensitively several times slower than case-sensitively. In ASCII
# text (nearly every letter) lower-casing keeps every character's position, so there the
# phrases are searched for in lower case, in a lower-cased copy.
_LOWER_CASE = _Headings(*(re.compile(phrase) for phrase in _PHRASES))
# The decision is the last word after the last colon: "Carisoprodol 350 mg QTY: 30.00:  Upheld".
_DECISION_AT_END = re.compile(r":\s*([A-Za-z][A-Za-z ]*?)\s*$")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")
# "was the original request" as collapse() would join it, in the raw text.
_WAS_ORIGINAL = re.compile(r"was\s+the\s+original\s+request")
_MODIFIED_HINT = re.compile(
    r"IMR eligible|original request|authorized by the Claims Administrator"
    r"|Claims Administrator authorized",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ItemText:
    """The parts of one item as written, before normalization."""

    request_text: str
    decision_word: str
    original_request: str | None
    authorized_request: str | None
    claims_administrator_guideline: str
    imro_guideline: str
    rationale: str


class ItemSyntaxError(ValueError):
    """The decisions section does not have the shape of items; the message says where."""


def split_items(section: str) -> list[ItemText]:
    """Cut the decisions section into items, finding each item's header by structure.

    An item header starts on a new line after the previous rationale's last sentence and
    ends with ": Upheld" or ": Overturned", which may stand on its own line.
    """
    headings, searched = (_LOWER_CASE, section.lower()) if section.isascii() else (_ANY_CASE,
                                                                                     section)
    start = headings.items_start.search(searched)
    text = section[start.end() :] if start else section
    searched = searched[start.end() :] if start else searched
    anchors = list(headings.claims_administrator.finditer(searched))
    if not anchors:
        raise ItemSyntaxError("no disputed items found (no 'Claims Administrator guideline:')")
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    originals = [(m.end(), m.start()) for m in _WAS_ORIGINAL.finditer(text)]
    # Every rationale heading, found once: searching from each anchor would rescan the rest
    # of the text for every item when one lacks its heading.
    rationales = [(m.start(), m.end()) for m in headings.rationale.finditer(searched)]
    header_starts: list[int] = []
    floor = 0
    for anchor in anchors:
        header_starts.append(_header_start(text, line_starts, originals, floor, anchor.start()))
        following = bisect_left(rationales, (anchor.end(), 0))
        floor = rationales[following][1] if following < len(rationales) else anchor.end()
    items = []
    for number, anchor in enumerate(anchors, start=1):
        header = collapse(text[header_starts[number - 1] : anchor.start()])
        end = header_starts[number] if number < len(anchors) else len(text)
        imro = headings.imro.search(searched, anchor.end(), end)
        rationale = headings.rationale.search(searched, imro.end() if imro else anchor.end(), end)
        if imro is None or rationale is None:
            missing = "MAXIMUS guideline:" if imro is None else "Decision rationale:"
            raise ItemSyntaxError(f"item {number} ({header[:60]!r}) has no '{missing}' paragraph")
        items.append(
            _item_text(
                number,
                header,
                text[anchor.end() : imro.start()],
                text[imro.end() : rationale.start()],
                text[rationale.end() : end],
            )
        )
    return items


def _header_start(
    text: str, line_starts: list[int], originals: list[tuple[int, int]], floor: int, anchor: int
) -> int:
    """Where the header ending at `anchor` begins: a line start after a finished sentence.

    `originals` are the (end, start) of every "was the original request" in `text`, in order.
    """
    # The candidate line starts: after the previous item (or the very first line), before
    # the anchor; by bisection, as a scan of every line per item is quadratic in items.
    first = 0 if floor == 0 else bisect_right(line_starts, floor)
    last = bisect_left(line_starts, anchor) - 1
    if last < first:
        return floor
    index = last
    while index > first and not _ends_sentence(text, line_starts, index):
        index -= 1
    start = line_starts[index]
    # A modified request spans sentences: "X was the original request. Y was authorized by
    # the Claims Administrator. The remaining IMR eligible portion of the original request, Z".
    # Once the header holds a hint it keeps it as it grows backwards, so the hint is looked
    # for once; the original-request sentence is looked up among the ones found in advance.
    if index > first and _MODIFIED_HINT.search(text, start, anchor):
        while index > first and not _holds_original(originals, start, anchor):
            index -= 1
            while index > first and not _ends_sentence(text, line_starts, index):
                index -= 1
            start = line_starts[index]
    return start


def _ends_sentence(text: str, line_starts: list[int], index: int) -> bool:
    """Whether the line before line `index` ends a sentence."""
    line = text[line_starts[index - 1] : line_starts[index]].strip()
    return _SENTENCE_END.search(line) is not None


def _holds_original(originals: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a "was the original request" lies wholly within text[start:end]."""
    # The last phrase ending by `end` (they never overlap, so ends and starts both ascend).
    last = bisect_right(originals, (end, end)) - 1
    return last >= 0 and originals[last][1] >= start


def _item_text(number: int, header: str, claims: str, imro: str, rationale: str) -> ItemText:
    match = _DECISION_AT_END.search(header)
    if not match:
        raise ItemSyntaxError(
            f"item {number} ({header[:60]!r}) has no ': Upheld' or ': Overturned'"
        )
    request = header[: match.start()].strip()
    original, authorized, remaining = _split_modified(request)
    return ItemText(
        request_text=remaining,
        decision_word=match.group(1),
        original_request=original,
        authorized_request=authorized,
        claims_administrator_guideline=collapse(claims),
        imro_guideline=collapse(imro),
        rationale=collapse(rationale),
    )


_ORIGINAL = re.compile(r"^(?P<original>.+?) was the original request\.?\s*", re.IGNORECASE)
# "Y was authorized by the Claims Administrator[...]." or "The Claims Administrator authorized
# Y, leaving ...". One regex did this with a lazy group before `[^.]*\.`, rescanning the rest
# of a long header for every "was authorized" in it (issue 9); _authorized finds the same.
_WAS_AUTHORIZED = re.compile(r" was authorized by the Claims Administrator", re.IGNORECASE)
_ADMINISTRATOR_AUTHORIZED = re.compile(r"The Claims Administrator authorized ", re.IGNORECASE)
_AUTHORIZED_END = re.compile(r", leaving|\.\s")
_TRAILING_SPACE = re.compile(r"\s*")


def _after_spaces(text: str, position: int) -> int:
    """Where the whitespace starting at `position` ends."""
    spaces = _TRAILING_SPACE.match(text, position)
    return spaces.end() if spaces else position
_REMAINING = re.compile(
    r"^(?:.*?)(?:The remaining IMR eligible portion of the original request|The original request)"
    r",?\s*(?P<remaining>.+?)(?:\s+is)?$",
    re.IGNORECASE,
)


def _authorized(text: str) -> tuple[str, int] | None:
    """The authorized request at the start of `text` and where its sentence ends, or None.

    What `^(?:(.+?) was authorized by the Claims Administrator|The Claims Administrator
    authorized (.+?)(?=, leaving|\\.\\s))[^.]*\\.\\s*` matches: the first phrase wins if a "."
    follows it anywhere (a later phrase has fewer after it), the second form otherwise.
    >>> _authorized("Y was authorized by the Claims Administrator on 1/2. Z")
    ('Y', 53)
    """
    if (phrase := _WAS_AUTHORIZED.search(text, 1)) and (
        period := text.find(".", phrase.end())
    ) >= 0:
        return text[: phrase.start()], _after_spaces(text, period + 1)
    if (lead := _ADMINISTRATOR_AUTHORIZED.match(text)) and (
        close := _AUTHORIZED_END.search(text, lead.end() + 1)
    ):
        period = close.start() if text[close.start()] == "." else text.find(".", close.start())
        if period >= 0:
            return text[lead.end() : close.start()], _after_spaces(text, period + 1)
    return None


def _split_modified(request: str) -> tuple[str | None, str | None, str]:
    """(original, authorized, disputed) for a modified request; (None, None, request) otherwise.

    >>> _split_modified("Acupuncture for 8 sessions was the original request. Acupuncture for "
    ...   "6 sessions was authorized by the Claims Administrator. The remaining IMR eligible "
    ...   "portion of the original request, Acupuncture for 2 sessions is")
    ('Acupuncture for 8 sessions', 'Acupuncture for 6 sessions', 'Acupuncture for 2 sessions')
    """
    original_match = _ORIGINAL.match(request)
    if not original_match:
        return None, None, request
    rest = request[original_match.end() :]
    authorized = None
    if found := _authorized(rest):
        authorized, end = found
        rest = rest[end:]
    remaining_match = _REMAINING.match(rest)
    remaining = remaining_match["remaining"] if remaining_match else rest
    return original_match["original"].strip(), authorized, remaining.strip()
