"""PDF letters written by the tests with fpdf2: from a letter's text, a scan, a damaged file."""

from __future__ import annotations

import random

from fpdf import FPDF
from fpdf.enums import EncryptionMethod
from PIL import Image, ImageDraw

# fpdf2's core fonts hold Latin-1 only; a letter's typographic characters are written as the
# ASCII ones clean_text turns them into anyway, so the PDF still says the same thing.
_CORE_FONT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                            "\u2013": "-", "\u2014": "-", "\u2026": "...", "\f": None})


def core_font_text(line: str) -> str:
    """The line in characters a core font can show; anything else fails loudly."""
    mapped = line.translate(_CORE_FONT)
    mapped.encode("latin-1")  # raises on a character the test has not mapped
    return mapped


def letter_pdf(text: str, *, password: str = "") -> bytes:
    """A letter-size PDF with the text's lines as its text layer, wrapped to the page; locked
    with the password when one is given."""
    pdf = FPDF(format="letter")
    if password:
        pdf.set_encryption(owner_password=password, user_password=password,
                           encryption_method=EncryptionMethod.RC4)
    pdf.set_font("Helvetica", size=9)
    pdf.add_page()
    for line in text.splitlines():
        if line.strip():
            pdf.multi_cell(0, 4.5, core_font_text(line), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def scanned_pdf(pages: int = 2) -> bytes:
    """A PDF of page images and no text layer, as a scanner makes it."""
    pdf = FPDF(format="letter")
    for page in range(pages):
        image = Image.new("L", (850, 1100), 255)
        draw = ImageDraw.Draw(image)
        for row in range(60, 1000, 22):  # grey bars where the lines of text would be
            draw.rectangle((70, row, 780 - (row * 7 + page * 13) % 200, row + 9), fill=40)
        pdf.add_page()
        pdf.image(image, x=0, y=0, w=pdf.epw + 2 * pdf.l_margin)
    return bytes(pdf.output())


def damaged_pdf(good: bytes) -> bytes:
    """A PDF cut off part-way, as an interrupted download leaves it."""
    return good[: len(good) // 2]


def binary_junk(size: int = 4096) -> bytes:
    """Random bytes, the same every run."""
    return random.Random(20130701).randbytes(size)
