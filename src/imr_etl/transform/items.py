"""The disputed items of the decisions section: request, decision, citations, rationale."""

from __future__ import annotations

import re
from dataclasses import dataclass

from imr_etl.transform.text import collapse

DECISIONS = {"upheld": "upheld", "overturned": "overturned"}

_ITEMS_START = re.compile(r"set forth below\s*:", re.IGNORECASE)
_CA_GUIDELINE = re.compile(r"Claims Administrator guideline\s*:", re.IGNORECASE)
_IMRO_GUIDELINE = re.compile(r"MAXIMUS guideline\s*:", re.IGNORECASE)
_RATIONALE = re.compile(r"Decision rationale\s*:", re.IGNORECASE)
# The decision is the last word after the last colon: "Carisoprodol 350 mg QTY: 30.00:  Upheld".
_DECISION_AT_END = re.compile(r":\s*([A-Za-z][A-Za-z ]*?)\s*$")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")
_MODIFIED_HINT = re.compile(
    r"IMR eligible|original request|authorized by the Claims Administrator"
    r"|Claims Administrator authorized",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ItemText:
    """The parts of one item as written, before normalization."""

    header: str
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
    start = _ITEMS_START.search(section)
    text = section[start.end() :] if start else section
    anchors = list(_CA_GUIDELINE.finditer(text))
    if not anchors:
        raise ItemSyntaxError("no disputed items found (no 'Claims Administrator guideline:')")
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    header_starts: list[int] = []
    floor = 0
    for anchor in anchors:
        header_starts.append(_header_start(text, line_starts, floor, anchor.start()))
        rationale = _RATIONALE.search(text, anchor.end())
        floor = rationale.end() if rationale else anchor.end()
    items = []
    for number, anchor in enumerate(anchors, start=1):
        header = collapse(text[header_starts[number - 1] : anchor.start()])
        end = header_starts[number] if number < len(anchors) else len(text)
        body = text[anchor.end() : end]
        imro = _IMRO_GUIDELINE.search(body)
        rationale = _RATIONALE.search(body, imro.end() if imro else 0)
        if imro is None or rationale is None:
            missing = "MAXIMUS guideline:" if imro is None else "Decision rationale:"
            raise ItemSyntaxError(f"item {number} ({header[:60]!r}) has no '{missing}' paragraph")
        items.append(
            _item_text(
                number,
                header,
                body[: imro.start()],
                body[imro.end() : rationale.start()],
                body[rationale.end() :],
            )
        )
    return items


def _header_start(text: str, line_starts: list[int], floor: int, anchor: int) -> int:
    """Where the header ending at `anchor` begins: a line start after a finished sentence."""
    candidates = [s for s in line_starts if floor < s < anchor or (s == floor == 0)]
    if not candidates:
        return floor
    index = len(candidates) - 1
    while index > 0 and not _SENTENCE_END.search(
        text[candidates[index - 1] : candidates[index]].strip()
    ):
        index -= 1
    start = candidates[index]
    # A modified request spans sentences: "X was the original request. Y was authorized by
    # the Claims Administrator. The remaining IMR eligible portion of the original request, Z".
    while (
        index > 0
        and _MODIFIED_HINT.search(text[start:anchor])
        and "was the original request" not in collapse(text[start:anchor])
    ):
        index -= 1
        while index > 0 and not _SENTENCE_END.search(
            text[candidates[index - 1] : candidates[index]].strip()
        ):
            index -= 1
        start = candidates[index]
    return start


def _item_text(number: int, header: str, claims: str, imro: str, rationale: str) -> ItemText:
    match = _DECISION_AT_END.search(header)
    if not match:
        raise ItemSyntaxError(
            f"item {number} ({header[:60]!r}) has no ': Upheld' or ': Overturned'"
        )
    request = header[: match.start()].strip()
    original, authorized, remaining = _split_modified(request)
    return ItemText(
        header=header,
        request_text=remaining,
        decision_word=match.group(1),
        original_request=original,
        authorized_request=authorized,
        claims_administrator_guideline=collapse(claims),
        imro_guideline=collapse(imro),
        rationale=collapse(rationale),
    )


_ORIGINAL = re.compile(r"^(?P<original>.+?) was the original request\.?\s*", re.IGNORECASE)
_AUTHORIZED = re.compile(
    r"^(?:(?P<a1>.+?) was authorized by the Claims Administrator"
    r"|The Claims Administrator authorized (?P<a2>.+?)(?=, leaving|\.\s))[^.]*\.\s*",
    re.IGNORECASE,
)
_REMAINING = re.compile(
    r"^(?:.*?)(?:The remaining IMR eligible portion of the original request|The original request)"
    r",?\s*(?P<remaining>.+?)(?:\s+is)?$",
    re.IGNORECASE,
)


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
    if authorized_match := _AUTHORIZED.match(rest):
        authorized = authorized_match["a1"] or authorized_match["a2"]
        rest = rest[authorized_match.end() :]
    remaining_match = _REMAINING.match(rest)
    remaining = remaining_match["remaining"] if remaining_match else rest
    return original_match["original"].strip(), authorized, remaining.strip()
