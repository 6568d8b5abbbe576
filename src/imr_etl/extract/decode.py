"""Bytes to text for letters that arrive as text files."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

# A letter is prose: past this share of control characters the bytes are not text.
_MAX_CONTROL_SHARE = 0.01
_ALLOWED_CONTROLS = {"\n", "\r", "\t", "\f"}
_WESTERN_CODE_PAGES = {"cp1252", "latin_1", "iso8859_15"}


def decode_text(data: bytes) -> str | None:
    """Decode a text letter, or return None when the bytes are not text.

    UTF-8 (with or without a byte-order mark) is tried first because nearly every
    letter is UTF-8; anything else goes to charset-normalizer, which tells
    Windows-1252 from Latin-1 by the typographic quotes and dashes.
    """
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _text_or_none(data.decode(codec, errors="replace"))
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        return None if utf16 is None else _text_or_none(data.decode(utf16, errors="replace"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # UTF-8 never uses a byte below 0x20 inside a multi-byte character, so the controls
        # are counted in the bytes: one C pass, a fifth of the regex scan of the text.
        controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
        return None if _too_many(controls, text) else text
    matches = from_bytes(data)
    # The letters are American English, whose only non-ASCII bytes are quotes, dashes and
    # the odd non-breaking space; charset-normalizer cannot tell Windows-1252 from
    # Central European code pages by those and often ranks cp1250 first, which turns
    # seed 000's "â¿¿" into "âżż". So a Western code page wins whenever it is plausible
    # (Windows-1252 also reads Latin-1, whose 0x80-0x9F controls ftfy maps as 1252).
    best = next((match for match in matches
                 if _WESTERN_CODE_PAGES & set(match.could_be_from_charset)), matches.best())
    return None if best is None else _text_or_none(str(best))


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes look like English saved as UTF-16 without a
    byte-order mark: most characters' high byte NUL, and nearly no NUL on the other side
    (which binary data has too)."""
    pairs = len(data) // 2
    if len(data) % 2 or not pairs:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for high, low, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if high > pairs // 2 and low <= pairs // 100:
            return codec
    return None


def _text_or_none(text: str) -> str | None:
    # One regex scan in C: a Python loop over every character was a tenth of a letter's parse.
    return None if _too_many(len(_CONTROL_CHARACTERS.findall(text)), text) else text


def _too_many(controls: int, text: str) -> bool:
    return controls > _MAX_CONTROL_SHARE * max(len(text), 1)


_CONTROLS = "".join(chr(code) for code in range(32) if chr(code) not in _ALLOWED_CONTROLS)
_CONTROL_CHARACTERS = re.compile(f"[{_CONTROLS}]")
_CONTROL_BYTES = _CONTROLS.encode("ascii")
