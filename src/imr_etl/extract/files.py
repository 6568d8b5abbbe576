"""Find letter files, read them, hash the raw bytes and turn them into text."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from imr_etl.errors import ExtractError
from imr_etl.extract.decode import decode_text
from imr_etl.extract.pdf import PdfTextError, extract_pdf_text
from imr_etl.records import RawLetter

LETTER_SUFFIXES = (".txt", ".pdf")
# The largest published letter is well under 1 MB; a file this size is something else.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# What is kept of an oversized file for inspection: enough to see what it is.
OVERSIZE_SAMPLE_BYTES = 64 * 1024


def iter_letter_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Yield the letter files named by `paths`, walking directories recursively in name order.

    A file named explicitly is yielded whatever its suffix, so that nothing the operator
    passes is silently ignored; inside directories only .txt and .pdf files count. Names are
    sorted one directory at a time, so memory follows the largest directory, not the corpus.
    """
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        for root, directories, files in os.walk(path):
            directories.sort()
            for name in sorted(files):
                if name.lower().endswith(LETTER_SUFFIXES):
                    yield Path(root, name)


def read_letter(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, RawLetter]:
    """Read one file: its raw bytes and the RawLetter made from them, or raise ExtractError.

    The bytes come back even though RawLetter holds text, so a rejection can keep them.
    """
    data = read_bytes(path, max_bytes=max_bytes)
    return data, letter_from_bytes(data, name=path.name, path=str(path))


def read_bytes(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, or ExtractError when it cannot be read or is too large to be a letter."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > max_bytes:
            with path.open("rb") as handle:
                sample = handle.read(OVERSIZE_SAMPLE_BYTES)
            raise ExtractError(
                name,
                f"the file is {size:,} bytes, more than the {max_bytes:,}-byte limit for one "
                "letter (its first 64 KiB are kept); split it, or raise --max-bytes if it "
                "really is one letter",
                content=sample,
            )
        return path.read_bytes()
    except OSError as exc:
        raise ExtractError(name, f"cannot read the file: {exc.strerror or exc}", b"") from exc


def letter_from_bytes(data: bytes, *, name: str, path: str) -> RawLetter:
    """Hash and decode raw bytes; a PDF is recognised by its signature, not its suffix."""
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise ExtractError(name, "the file is empty: re-fetch the letter", data)
    if data.lstrip()[:5] == b"%PDF-":
        try:
            text = extract_pdf_text(data)
        except PdfTextError as exc:
            raise ExtractError(name, str(exc), data) from exc
    else:
        decoded = decode_text(data)
        if decoded is None:
            raise ExtractError(
                name, "the file is binary, not text or PDF: check what was downloaded", data
            )
        text = decoded
    return RawLetter(source_name=name, source_path=path, sha256=digest, text=text)
