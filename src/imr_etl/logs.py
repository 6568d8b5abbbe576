"""Logging for schedulers: timestamped lines on stderr, as text or one JSON object a line.

The library logs through `logging` (logger `imr_etl`); only the CLI configures a handler.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

LOG_LEVELS = ("debug", "info", "warning", "error")
LOG_FORMATS = ("text", "json")

# Attributes every LogRecord has; anything else came in through `extra=` and is data.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time (UTC, ISO 8601), level, logger, message, and the
    record's structured fields (event, run_id, source_path, reason, counts, ...)."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "time": _utc(record),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        payload.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        return json.dumps(payload, default=str)


class TextFormatter(logging.Formatter):
    """`2026-12-01T22:10:03.123Z warning imr_etl.engine: message`."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{_utc(record)} {record.levelname.lower()} {record.name}: {record.getMessage()}"


class _StderrHandler(logging.Handler):
    """Writes to whatever sys.stderr is at the time (test runners replace it)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
            sys.stderr.flush()
        except Exception:  # a closed or broken stderr must not stop the run
            self.handleError(record)


def configure_logging(level: str = "warning", fmt: str = "text",
                      handler: logging.Handler | None = None) -> None:
    """Send the `imr_etl` logger's records at `level` and above to stderr (or `handler`)."""
    logger = logging.getLogger("imr_etl")
    for old in [h for h in logger.handlers if getattr(h, "_imr_etl", False)]:
        logger.removeHandler(old)
    handler = handler or _StderrHandler()
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    handler._imr_etl = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(level.upper())


def _utc(record: logging.LogRecord) -> str:
    moment = datetime.fromtimestamp(record.created, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
