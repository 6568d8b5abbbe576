"""The project's exceptions. Library code raises these; only cli.py turns them into text."""

from __future__ import annotations

import re

# The password of anything URL-shaped: scheme, optional slashes, user, ":", password, "@".
_URL_PASSWORD = re.compile(r"(\b[a-z][a-z0-9+.-]*:/*[^\s:/@]*):[^\s@]+@", re.IGNORECASE)


def hide_passwords(message: str) -> str:
    """The message with the password of every URL in it replaced by ***.

    >>> hide_passwords("cannot use postgresql:/etl:S3cret@db/imr")
    'cannot use postgresql:/etl:***@db/imr'
    """
    return _URL_PASSWORD.sub(r"\1:***@", message)


class EtlError(Exception):
    """Base class of every error imr-etl raises on purpose."""


class ConfigError(EtlError):
    """A setting is malformed (e.g. the database URL). The message never carries a password."""


class DatabaseError(EtlError):
    """The database cannot be reached or used. The message never carries a password."""


class LexiconError(EtlError):
    """A lexicon file is missing, malformed, or holds a row that cannot be used."""

    def __init__(self, file_name: str, line: int | None, reason: str) -> None:
        where = file_name if line is None else f"{file_name} line {line}"
        super().__init__(f"{where}: {reason}")
        self.file_name = file_name
        self.line = line
        self.reason = reason


class LetterError(EtlError):
    """One input letter cannot be loaded; the run records it and goes on."""

    stage = "letter"

    def __init__(self, source_name: str, reason: str) -> None:
        super().__init__(f"{source_name}: {reason}")
        self.source_name = source_name
        self.reason = reason

    def __reduce__(self) -> tuple[object, ...]:
        # Rejections travel back from parser processes; rebuild them from their attributes.
        return (self.__class__, (self.source_name, self.reason), self.__dict__)


class ExtractError(LetterError):
    """The file cannot be read or decoded into text."""

    stage = "extract"

    def __init__(self, source_name: str, reason: str, content: bytes | None = None) -> None:
        super().__init__(source_name, reason)
        self.content = content
        """What was read of the file, kept with the rejection (None: read it again)."""


class ParseError(LetterError):
    """The text is not a letter this parser understands, or lacks a required part."""

    stage = "transform"


class LoadError(LetterError):
    """The parsed letter could not be written to the warehouse."""

    stage = "load"


class FetchError(EtlError):
    """Letters or search pages cannot be fetched from the DWC; the fetch stops."""
