"""Repair extracted text: encoding damage, line endings, layout whitespace."""

from __future__ import annotations

import re

import ftfy

# "â¿¿" is what a PDF's private-use bullet became after two wrong decodings (seed 000);
# ftfy cannot map it back to anything, so it is dropped with the other non-characters.
_JUNK = re.compile(r"â¿¿|[\ufffd\uffff\ufffe\u200b\u00ad]")
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
                         "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\t": " ",
                         "\f": "\n", "\v": "\n"})


def clean_text(text: str) -> str:
    """Return the text as trimmed, non-empty lines joined by newlines.

    Every layout variant of one letter (CRLF or CR line ends, blank lines between lines,
    tabs, form feeds, a byte-order mark, curly quotes, mojibake) cleans to the same lines.
    >>> clean_text("\\ufeffCLINICAL CASE SUMMARY \\r\\n\\r\\nThe patient\\u2019s pain\\f")
    "CLINICAL CASE SUMMARY\\nThe patient's pain"
    """
    # The ASCII part of _DASHES by str.replace: a translate of the whole text with a dict
    # looks up every character in Python and was a tenth of a letter's parse.
    text = (text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
            .replace("\t", " ").replace("\f", "\n").replace("\v", "\n"))
    if not text.isascii():
        text = "\n".join(_repair(line) for line in text.split("\n"))
    if _plain(text.replace("\n", "")):
        # The same lines as the general case below, by whole-text replaces in C: splitting
        # and joining every line in Python was a sixth of a letter's parse.
        text = _squeeze_spaces(text).replace(" \n", "\n").replace("\n ", "\n")
        return "\n".join(filter(None, text.split("\n")))
    return "\n".join(" ".join(line.split()) for line in text.split("\n")
                     if line and not line.isspace())


def _repair(line: str) -> str:
    """Dashes and no-break spaces to ASCII, then mojibake undone with ftfy, line by line:
    pure-ASCII lines (nearly all) cannot hold any."""
    if line.isascii():
        return line
    line = line.translate(_DASHES)
    if line.isascii():
        return line
    return _JUNK.sub("", ftfy.fix_text(line)).translate(_DASHES)


def collapse(text: str) -> str:
    """Collapse every run of whitespace (line breaks included) to one space and trim.

    >>> collapse(" Ultram  50 mg\\n #60 ")
    'Ultram 50 mg #60'
    """
    flat = text.replace("\n", " ")
    if _plain(flat):
        return _squeeze_spaces(flat)
    return " ".join(text.split())


def _plain(text: str) -> bool:
    """ASCII without control characters: then the space is its only whitespace."""
    return text.isascii() and text.isprintable()


def _squeeze_spaces(text: str) -> str:
    """Runs of spaces to one, and none at either end (each pass halves the longest run)."""
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip(" ")
