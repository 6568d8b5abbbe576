"""PDF round trip: a letter's text written as a PDF parses to the record of the text.

The PDFs are written by fpdf2 from the seed texts and the reconstructed letters of the other
layouts, so the PDF path (signature sniffing, pypdfium2 extraction, CRLF line ends, lines
re-wrapped to the page width) is tested on every layout without any PDF in the repository.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from imr_etl.errors import ExtractError
from imr_etl.extract.files import letter_from_bytes, read_letter
from imr_etl.records import LetterRecord
from imr_etl.transform.letter import transform_letter
from tests.helpers import CASES, seed_paths
from tests.pdfs import damaged_pdf, letter_pdf, scanned_pdf

TEXT_LETTERS = seed_paths() + sorted((CASES / "formats").glob("*.txt"))


def _comparable(record: LetterRecord) -> LetterRecord:
    return dataclasses.replace(record, letter_text="", content_sha256="", source_name="")


@pytest.mark.parametrize("path", TEXT_LETTERS, ids=lambda p: p.stem)
def test_a_pdf_of_the_letter_parses_like_its_text(path: Path) -> None:
    _, raw_text = read_letter(path)
    pdf = letter_pdf(raw_text.text)
    # Named like the text file: a letter without a case number is keyed by its file name.
    raw_pdf = letter_from_bytes(pdf, name=path.name, path=f"{path.stem}.pdf")
    assert "\r\n" in raw_pdf.text  # really extracted from the PDF, not passed through
    assert _comparable(transform_letter(raw_pdf)) == _comparable(transform_letter(raw_text))


def test_a_pdf_is_recognised_by_its_signature_not_its_name(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes(letter_pdf(seed_paths()[0].read_text(encoding="utf-8")))
    _, raw = read_letter(path)
    assert transform_letter(raw).items


def test_a_pdf_with_no_text_layer_is_rejected_as_a_scan() -> None:
    with pytest.raises(ExtractError) as caught:
        letter_from_bytes(scanned_pdf(pages=2), name="scan.pdf", path="scan.pdf")
    assert caught.value.reason == (
        "the PDF has no text layer (2 page(s) of images, probably a scan): run OCR on it and "
        "ingest the result")


def test_a_damaged_pdf_is_rejected_as_damaged() -> None:
    good = letter_pdf(seed_paths()[0].read_text(encoding="utf-8"))
    with pytest.raises(ExtractError) as caught:
        letter_from_bytes(damaged_pdf(good), name="cut.pdf", path="cut.pdf")
    assert caught.value.reason.startswith("the PDF is damaged or not a PDF (")


def test_a_pdf_locked_with_a_password_is_rejected_as_locked() -> None:
    text = seed_paths()[0].read_text(encoding="utf-8")
    with pytest.raises(ExtractError) as caught:
        letter_from_bytes(letter_pdf(text, password="secret"), name="locked.pdf",
                          path="locked.pdf")
    assert caught.value.reason == ("the PDF is locked with a password (the DWC's letters open "
                                   "without one): get an unlocked copy of the letter")
