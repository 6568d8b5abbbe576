"""The same letter, saved the many ways the crawler meets it, parses to the same record.

Each variant is a transformation of a real letter's text (the seeds and several published
PDFs), not a hand-made file: line endings, wrapping, tabs, page breaks, byte-order marks,
code pages, mojibake and redaction gaps. Only the fields that describe the file itself
(`letter_text`, `content_sha256`, `source_name`) may differ from the original's record.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers the "sloppy-windows-1252" codec)
import pytest

from imr_etl.extract.files import letter_from_bytes, read_letter
from imr_etl.records import LetterRecord
from imr_etl.transform.letter import transform_letter
from tests.helpers import CASES, real_letter_paths, seed_paths

# Three published letters of different shapes are enough to catch a layout the seeds lack
# (first-page header table, form feeds, CRLF, modified requests); parsing all 30 per
# variant would add little and cost seconds.
_REAL_SAMPLE = ("CM16-0224814", "CM17-0002181", "CM17-0021791")
_REAL_PATHS = [path for path in real_letter_paths() if path.stem in _REAL_SAMPLE]
# The reconstructed letters of the other layouts must survive the same treatment.
_FORMAT_PATHS = sorted((CASES / "formats").glob("*.txt"))
LETTER_PATHS = seed_paths() + _REAL_PATHS + _FORMAT_PATHS


def _lines(text: str) -> list[str]:
    """The letter's lines, a form feed counting as a line break (a PDF page break)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")


# --- Text transformations: str -> str --------------------------------------------------

def lf_lines(text: str) -> str:
    """LF line ends, the lines kept as they are (the seeds' blank lines included)."""
    return "\n".join(_lines(text))


def crlf_line_ends(text: str) -> str:
    return "\r\n".join(_lines(text))


def cr_line_ends(text: str) -> str:
    """Classic Mac line ends."""
    return "\r".join(_lines(text))


def without_blank_lines(text: str) -> str:
    """Hard-wrapped lines with nothing between them, as the PDFs extract."""
    return "\n".join(line for line in _lines(text) if line.strip())


def with_blank_lines(text: str) -> str:
    """Hard-wrapped lines with a blank line after each, as the seeds were saved."""
    return "\n\n".join(line for line in _lines(text) if line.strip())


def one_paragraph_per_line(text: str) -> str:
    """Unwrap: each paragraph on one line, as a word processor saves it.

    A paragraph ends at a line holding only spaces (the seeds' paragraph marks; their empty
    lines are wrapping artefacts) or after a line clearly shorter than the wrap width
    (headings, item headers, last lines of paragraphs).
    """
    lines = [line for line in _lines(text) if line]
    width = max(len(line.rstrip()) for line in lines)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        line = line.rstrip()
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(line.strip())
        if len(line) < 0.75 * width:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n".join(paragraphs)


def with_tabs(text: str) -> str:
    """Runs of two or more spaces become tabs, and every line starts with a tab."""
    return "\n".join("\t" + re.sub(r" {2,}", "\t", line) for line in _lines(text))


def with_form_feeds(text: str) -> str:
    """A page break every 40 lines: a form feed on its own line, or glued between two lines."""
    out = []
    for number, line in enumerate(_lines(text), start=1):
        if number % 40:
            out.append(line + "\n")
        else:  # pypdfium2 glues pages: "...is: Upheld\fClaims Administrator guideline: ..."
            out.append(line + ("\n\f\n" if number % 80 == 0 else "\f"))
    return "".join(out)


def typographic(text: str) -> str:
    """Curly apostrophes and quotes, en and em dashes where the letter has straight ones."""
    text = re.sub(r"(?<=\w)'(?=\w)", "\u2019", text)
    text = re.sub(r'"([^"\n]*)"', "\u201c\\1\u201d", text)
    text = re.sub(r"(?<=\S) - (?=\S)", " \u2013 ", text)
    return re.sub(r"(?<=\w)- (?=\w)", "\u2014 ", text)


def straight_quotes(text: str) -> str:
    """Straight quotes for curly ones, as Latin-1 has none (a letter saved as Latin-1 has them)."""
    return text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))


def non_breaking_spaces(text: str) -> str:
    """Every tenth space is a no-break space (Latin-1 0xA0), as copy-paste leaves them."""
    parts = text.split(" ")
    return "".join(part + ("\u00a0" if i % 10 == 9 else " ")
                   for i, part in enumerate(parts[:-1])) + parts[-1]


def redaction_gaps(text: str) -> str:
    """Wide blank gaps where names were blacked out, inside lines and at line ends."""
    words = text.split(" ")
    return "".join(word + (" " * 12 if i % 7 == 6 else " ")
                   for i, word in enumerate(words[:-1])) + words[-1]


# --- Encodings: str -> bytes ------------------------------------------------------------

def utf8(text: str) -> bytes:
    return text.encode("utf-8")


def utf8_with_bom(text: str) -> bytes:
    return codecs.BOM_UTF8 + text.encode("utf-8")


def utf16_with_bom(text: str) -> bytes:
    """As Windows' Notepad saves "Unicode": UTF-16 little-endian with its byte-order mark."""
    return text.encode("utf-16")


def windows_1252(text: str) -> bytes:
    return text.encode("cp1252")


def latin_1(text: str) -> bytes:
    return text.encode("latin-1")


def mojibake(text: str) -> bytes:
    """UTF-8 read as Windows-1252 and saved again as UTF-8: "’" becomes "â€™"."""
    return text.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")


def double_mojibake(text: str) -> bytes:
    """The same mistake made twice, as when a mojibake file passes through the crawler again."""
    once = text.encode("utf-8").decode("sloppy-windows-1252")
    return once.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")


Variant = Callable[[str], bytes]


def variant(*steps: Callable[[str], str], encode: Callable[[str], bytes] = utf8) -> Variant:
    """Apply the text transformations in order, then encode."""
    def apply(text: str) -> bytes:
        for step in steps:
            text = step(text)
        return encode(text)
    return apply


VARIANTS: dict[str, Variant] = {
    "lf": variant(lf_lines),
    "crlf": variant(crlf_line_ends),
    "cr": variant(cr_line_ends),
    "wrapped_without_blank_lines": variant(without_blank_lines),
    "wrapped_with_blank_lines": variant(with_blank_lines),
    "wrapped_with_blank_lines_crlf": variant(with_blank_lines, crlf_line_ends),
    "one_paragraph_per_line": variant(one_paragraph_per_line),
    "one_paragraph_per_line_crlf": variant(one_paragraph_per_line, crlf_line_ends),
    "tabs": variant(with_tabs),
    "form_feeds": variant(without_blank_lines, with_form_feeds),
    "byte_order_mark": variant(crlf_line_ends, encode=utf8_with_bom),
    "utf16_typographic": variant(typographic, crlf_line_ends, encode=utf16_with_bom),
    "utf8_typographic": variant(typographic),
    "windows_1252_typographic": variant(typographic, crlf_line_ends, encode=windows_1252),
    "latin_1": variant(straight_quotes, non_breaking_spaces, encode=latin_1),
    "mojibake": variant(typographic, encode=mojibake),
    "double_mojibake": variant(typographic, encode=double_mojibake),
    "redaction_gaps": variant(redaction_gaps),
    "everything_at_once": variant(typographic, one_paragraph_per_line, redaction_gaps,
                                  with_tabs, crlf_line_ends, encode=windows_1252),
}


@cache
def _original(path: Path) -> tuple[str, LetterRecord]:
    """The letter's text as extracted and its record, parsed once per test session."""
    _, raw = read_letter(path)
    return raw.text, transform_letter(raw)


def _comparable(record: LetterRecord) -> LetterRecord:
    return dataclasses.replace(record, letter_text="", content_sha256="", source_name="")


@pytest.mark.parametrize("name", VARIANTS)
@pytest.mark.parametrize("path", LETTER_PATHS, ids=lambda p: p.stem)
def test_text_variant_parses_to_the_original_record(path: Path, name: str) -> None:
    text, expected = _original(path)
    data = VARIANTS[name](text)
    # The variant is stored under the original's name: a letter without a case number is
    # keyed by its file name, and the key must not be what differs.
    raw = letter_from_bytes(data, name=path.name, path=f"{name}/{path.name}")
    assert _comparable(transform_letter(raw)) == _comparable(expected)


def test_real_letters_are_in_the_sample() -> None:
    """The sample names letters that exist, or the variants silently test only the seeds."""
    assert [path.stem for path in _REAL_PATHS] == list(_REAL_SAMPLE)


@pytest.mark.parametrize("name", ["utf8_typographic", "windows_1252_typographic", "mojibake",
                                  "double_mojibake", "latin_1", "tabs", "redaction_gaps"])
def test_variant_really_changes_the_bytes(name: str) -> None:
    """Guard against a transformation that silently does nothing to the letters."""
    text, _ = _original(seed_paths()[0])
    assert VARIANTS[name](text) != utf8(lf_lines(text))
