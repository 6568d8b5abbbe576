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
    lines = text.split("\n")
    if not text.isascii():
        lines = [_repair(line) for line in lines]
    return "\n".join(" ".join(line.split()) for line in lines if line and not line.isspace())


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
    """Collapse every run of whitespace (line breaks included) to one space and trim."""
    return " ".join(text.split())
