"""The rows of one pattern table compiled into a few combined regexes, searched once.

One search per row would cost a few hundred searches per request. Instead every row is
split at its top-level '|', each alternative gets an empty marker group at its end
(Match.lastindex then names the row), and the alternatives that start a word with a
literal ('\\bmri', '\\bright\\s+knee') are grouped by that first letter: at a word start
the engine then tries a dozen alternatives, not 400. Only alternatives with the same
first letter can match at one place, so grouping keeps each place's file order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from imr_etl.errors import LexiconError

_WORD_LED = re.compile(r"\\b([a-z0-9])(?![?*+{])")


@dataclass(frozen=True, slots=True)
class RuleMatcher:
    """The rows of one pattern table compiled into a few combined regexes."""

    parts: tuple[tuple[re.Pattern[str], tuple[int, ...]], ...]
    """Each regex with the row of each of its marker groups, by group number."""

    def iter_matches(self, text: str) -> Iterator[tuple[int, int, int]]:
        """(row, start, end) at each place, left to right: the first row matching there."""
        # compile_scan builds a single part, so finditer's order is the text's.
        for pattern, rows in self.parts:
            for match in pattern.finditer(text):
                yield rows[match.lastindex or 0], match.start(), match.end()

    def first_named(
        self, text: str, takes_in: Callable[[int], bool]
    ) -> tuple[int, int, int] | None:
        """(row, start, end) of the first row in file order that matches anywhere in `text`;
        but of services joined to it by 'and', ',' or '/' the one named first: 'Physical
        therapy and chiropractic' is physical therapy, whatever the rows' order. Unless
        `takes_in(row)` of the first row: then what is joined to it is its part ('Discectomy
        and fusion' is a fusion)."""
        # At one start position an alternation returns the lowest row matching there, so
        # the lowest over every start position (and every part) is the first matching row.
        found = [*self._every_match(text)]
        current = min(found, default=None)
        if current is None or takes_in(current[0]):
            return current
        ending_at: dict[int, list[tuple[int, int, int]]] = {}
        for match in found:
            ending_at.setdefault(match[2], []).append(match)
        # Requests are whitespace-collapsed, so a join is a few characters: one walk back.
        while joined := [
            match
            for end in range(max(0, current[1] - _WIDEST_JOIN), current[1] + 1)
            for match in ending_at.get(end, ())
            if _JOINED.fullmatch(text, end, current[1])
        ]:
            current = min(joined)
        return current

    def _every_match(self, text: str) -> Iterator[tuple[int, int, int]]:
        for pattern, rows in self.parts:
            position = 0
            while (match := pattern.search(text, position)) is not None:
                yield rows[match.lastindex or 0], match.start(), match.end()
                position = match.start() + 1


# What joins two services named in one request: 'MRI and x-ray', 'PT/chiropractic'.
_JOINED = re.compile(r"\s*(?:,\s*(?:and\s+|&\s*)?|and/or\s+|and\s+|or\s+|&\s*|\+\s*|/\s*)")
_WIDEST_JOIN = len(" and/or ")


def lower_pattern(pattern: str) -> str:
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


def check_pattern(name: str, line: int, pattern: str) -> None:
    """Raise LexiconError unless `pattern` can be one row of a combined regex."""
    try:
        compiled = re.compile(lower_pattern(pattern))
    except re.error as exc:
        raise LexiconError(name, line, f"pattern {pattern!r} is not a valid regex: {exc}") from exc
    if compiled.groups:
        # Capturing groups would shift the row markers of the combined pattern.
        raise LexiconError(name, line, f"use (?:...) instead of (...) in {pattern!r}")
    if compiled.search("") is not None:
        raise LexiconError(name, line, f"pattern {pattern!r} matches empty text")


def compile_first(name: str, patterns: list[str]) -> RuleMatcher:
    """A matcher for 'first matching row wins, top to bottom' (RuleMatcher.first_named)."""
    alternatives = _alternatives(patterns)
    word_led = [(row, alt) for row, alt in alternatives if starts_a_word(alt)]
    others = [(row, alt) for row, alt in alternatives if not starts_a_word(alt)]
    parts = [by_first_letter(name, word_led)] if word_led else []
    if others:
        parts.append(_in_file_order(name, others))
    return RuleMatcher(tuple(parts))


def compile_scan(name: str, patterns: list[str]) -> RuleMatcher:
    """A matcher for 'at each place the first matching row' (RuleMatcher.iter_matches)."""
    alternatives = _alternatives(patterns)
    # One alternative that starts no word makes every row be tried at every place.
    if all(starts_a_word(alt) for _, alt in alternatives):
        return RuleMatcher((by_first_letter(name, alternatives),))
    return RuleMatcher((_in_file_order(name, alternatives),))


def starts_a_word(alternative: str) -> bool:
    """'\\bmri' -> True: grouped by its first letter; '\\b(?:mri|ct)' -> False."""
    return _WORD_LED.match(alternative) is not None


def _alternatives(patterns: list[str]) -> list[tuple[int, str]]:
    return [
        (row, alternative)
        for row, pattern in enumerate(patterns)
        for alternative in split_alternatives(lower_pattern(pattern))
    ]


def by_first_letter(
    name: str, alternatives: list[tuple[int, str]]
) -> tuple[re.Pattern[str], tuple[int, ...]]:
    """One regex of word-led alternatives ('\\b' then a letter), grouped by that letter."""
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


def split_alternatives(pattern: str) -> list[str]:
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
