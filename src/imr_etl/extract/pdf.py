"""Text from PDF letters. The published letters are encrypted with an empty password."""

from __future__ import annotations


class PdfTextError(Exception):
    """The PDF cannot be opened, or holds no text layer."""


def extract_pdf_text(data: bytes) -> str:
    """Return the text of every page, pages separated by form feeds.

    pypdfium2 was chosen for speed: text extraction is most of a PDF letter's cost,
    and it reads about ten times as many letters a second as pypdf. It is imported here,
    on the first PDF: a run's main process, while parser processes parse, never needs it.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(data, password="")
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise PdfTextError(
                "the PDF is locked with a password (the DWC's letters open without one): "
                "get an unlocked copy of the letter"
            ) from exc
        raise PdfTextError(f"the PDF is damaged or not a PDF ({exc})") from exc
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            pages.append(text_page.get_text_range())
            text_page.close()
            page.close()
    finally:
        document.close()
    text = "\f".join(pages)
    if not text.strip():
        raise PdfTextError(
            f"the PDF has no text layer ({len(pages)} page(s) of images, probably a scan): "
            "run OCR on it and ingest the result"
        )
    return text
