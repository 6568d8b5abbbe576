"""Bytes to text: which bytes are text, and in which encoding."""

from __future__ import annotations

import pytest

from imr_etl.extract.decode import decode_text

# 990 characters, 248 of them two bytes long in UTF-8: a share of control characters counted
# against the bytes instead of the characters would move the limit.
ACCENTED = "Vu été. " * 123 + "Vu été"
# A Windows-1252 letter is told by its typographic quotes and dashes.
TYPOGRAPHIC = ("The patient\u2019s pain \u2013 \u201cworse\u201d. " * 34)[:990]


def with_controls(prose: str, count: int) -> str:
    """The 990 characters of prose, then `count` control characters a letter does not hold
    (and letters up to 1,000 characters)."""
    return prose + "\x01" * count + "x" * (10 - count)


@pytest.mark.parametrize(("encoding", "prose"), [
    ("utf-8", ACCENTED), ("utf-8-sig", ACCENTED), ("utf-16", ACCENTED),
    # UTF-16 without a byte-order mark, as some Windows tools save text.
    ("utf-16-le", ACCENTED), ("utf-16-be", TYPOGRAPHIC),
    ("cp1252", TYPOGRAPHIC),
])
def test_up_to_one_control_character_in_a_hundred_is_text_and_more_is_not(
    encoding: str, prose: str,
) -> None:
    assert len(prose) == 990
    text = with_controls(prose, 10)
    assert decode_text(text.encode(encoding)) == text
    assert decode_text((text + "\x02").encode(encoding)) is None


def test_line_ends_tabs_and_form_feeds_are_not_counted_as_controls() -> None:
    text = "Upheld.\r\n\tThe request\f" * 50
    assert decode_text(text.encode("utf-8")) == text


def test_a_nul_byte_in_utf8_or_in_binary_data_is_not_text() -> None:
    assert decode_text(b"Upheld.\x00 The request for Norco is not medically necessary.") is None
    # NULs on both sides of the byte pairs, as in an image or an archive.
    assert decode_text(bytes(range(256)) * 8) is None
