"""Find letter files, read them, hash the raw bytes and turn them into text."""

from __future__ import annotations

import hashlib
import logging
import os
import stat
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

log = logging.getLogger("imr_etl.extract")


def iter_letter_paths(paths: Iterable[Path], *, warn: bool = True) -> Iterator[tuple[str, str]]:
    """Yield (path, relative path) of the letter files named by `paths`, walking directories
    recursively in name order; the relative path is from the directory given, or for a file
    given by name, its folder.

    A file named explicitly is yielded whatever its suffix, so that nothing the operator
    passes is silently ignored; inside directories only .txt and .pdf files count. Names are
    sorted one directory at a time, so memory follows the largest directory, not the corpus.
    Paths are strings, not `Path`s: building and relativizing 100,000 `Path`s was a third
    of an unchanged re-run. A folder that cannot be read is skipped, with a logged warning
    unless `warn` is false (a walk that only counts, before the one that reads). A path given
    twice, or inside a folder also given, is walked once.
    """
    for path, is_dir in _distinct(paths):
        if not is_dir:
            yield str(path), path.name
            continue
        top = os.path.join(path, "")
        for root, directories, files in os.walk(path, onerror=_warn_unreadable if warn else None):
            directories.sort()
            folder = os.path.join(root, "")
            relative_folder = folder[len(top):]
            for name in sorted(files):
                if name.lower().endswith(LETTER_SUFFIXES):
                    yield folder + name, relative_folder + name


def _distinct(paths: Iterable[Path]) -> Iterator[tuple[Path, bool]]:
    """The paths in order, each with whether it is a folder, less repeats and those inside
    another given folder: overlapping arguments (`ingest inbox inbox/2016`) would count each
    letter in both as seen twice."""
    given = [(path, os.path.abspath(path), path.is_dir()) for path in paths]
    folders = [name for _, name, is_dir in given if is_dir]
    walked: set[str] = set()
    for path, name, is_dir in given:
        inside = any(name != folder and name.startswith(os.path.join(folder, ""))
                     for folder in folders)
        if name not in walked and not inside:
            walked.add(name)
            yield path, is_dir


def _warn_unreadable(exc: OSError) -> None:
    log.warning("cannot read the folder %s (%s): its letters are not loaded",
                source_path(exc.filename), exc.strerror or exc)


def source_name(path: str | Path) -> str:
    """The file's name as stored and printed: valid text even when the name is not UTF-8.

    os.walk hands undecodable bytes over as lone surrogates, which no database column or
    terminal accepts; they are written as backslash escapes instead.

    >>> source_name(Path(os.fsdecode(b"caf\\xe9.txt")))
    'caf\\\\xe9.txt'
    """
    return _printable(os.path.basename(path))


def source_path(path: str | Path) -> str:
    """The file's path as stored and printed, escaped like `source_name`."""
    return _printable(os.fspath(path))


def _printable(name: str) -> str:
    return os.fsencode(name).decode("utf-8", errors="backslashreplace")


def read_letter(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, RawLetter]:
    """Read one file: its raw bytes and the RawLetter made from them, or raise ExtractError.

    The bytes come back even though RawLetter holds text, so a rejection can keep them.
    """
    data = read_bytes(path, max_bytes=max_bytes)
    return data, letter_from_bytes(data, name=source_name(path), path=source_path(path))


def read_bytes(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, or ExtractError when it is not a regular file, cannot be read or is
    too large to be a letter.

    The limit is enforced while reading (at most max_bytes + 1 bytes are read), not trusted
    from the file's size: a device or a file in /proc reports a size that means nothing.
    """
    return read_file(path, max_bytes=max_bytes)[0]


def read_file(path: str | Path, *,
              max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, os.stat_result]:
    """`read_bytes`, with the status of the file the bytes were read from."""
    try:
        _require_regular(os.stat(path), path)  # before opening: opening a device can act on it
        # O_NONBLOCK: should the path be swapped for a FIFO after the check, open() must not
        # wait for a writer; the fstat below then refuses it.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
        try:
            status = os.fstat(descriptor)
            _require_regular(status, path)
            data = _read_at_most(descriptor, max_bytes + 1, status.st_size)
        finally:
            os.close(descriptor)
    except OSError as exc:
        raise ExtractError(source_name(path), f"cannot read the file: {exc.strerror or exc}",
                           b"") from exc
    if len(data) > max_bytes:
        size = f"{status.st_size:,} bytes" if status.st_size > max_bytes else "larger than that"
        raise ExtractError(
            source_name(path),
            f"the file is {size}, more than the {max_bytes:,}-byte limit for one "
            "letter (its first 64 KiB are kept); split it, or raise --max-bytes if it "
            "really is one letter",
            content=data[:OVERSIZE_SAMPLE_BYTES],
        )
    return data, status


def file_signature(status: os.stat_result) -> str:
    """What identifies a file's version without reading it: size, modification and change
    times in nanoseconds, device and inode. Any write moves the change time, which no tool
    can set back; a file replaced by another (a new download) has another inode."""
    return (f"{status.st_size}:{status.st_mtime_ns}:{status.st_ctime_ns}:"
            f"{status.st_dev}:{status.st_ino}")


def _read_at_most(descriptor: int, limit: int, size_hint: int) -> bytes:
    """Up to `limit` bytes. Asked for `limit` at once, read() allocates that much (megabytes)
    for every file, which tripled the cost of reading a letter; the size from fstat is
    only a first guess, so the loop goes on while bytes keep coming. Plain os.read on the
    descriptor: a buffered file object around it doubled the cost of reading a letter."""
    chunks = []
    total = 0
    step = min(limit, size_hint + 1) if size_hint > 0 else min(limit, 64 * 1024)
    while total < limit:
        block = os.read(descriptor, min(step, limit - total))
        if not block:
            break
        chunks.append(block)
        total += len(block)
    return b"".join(chunks)  # one chunk (nearly always): the same bytes object, no copy


def _require_regular(status: os.stat_result, path: str | Path) -> None:
    if not stat.S_ISREG(status.st_mode):
        raise ExtractError(source_name(path), f"not a regular file but "
                           f"{_file_kind(status.st_mode)}: only letter files are read", b"")


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISDIR, "a directory"))
    return next((kind for test, kind in kinds if test(mode)), "a special file")


def letter_from_bytes(data: bytes, *, name: str, path: str,
                      sha256: str | None = None) -> RawLetter:
    """Hash (unless the caller has: `sha256`) and decode raw bytes; a PDF is recognised by
    its signature, not its suffix."""
    digest = sha256 or hashlib.sha256(data).hexdigest()
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
