"""HTTP to the DWC, politely: one request at a time, a pause between requests, retries.

Timeouts, connection failures, 5xx answers and truncated PDFs are retried with exponential
backoff; a 4xx answer stops at once (retrying a refused request only hammers the site).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from imr_etl import __version__
from imr_etl.config import DWC_DELAY_SECONDS, DWC_SEARCH_URL
from imr_etl.errors import FetchError

DEFAULT_ATTEMPTS = 5
DEFAULT_TIMEOUT = 60.0
USER_AGENT = f"imr-etl/{__version__} (IMR letter warehouse; one request at a time)"
# The PDF trailer sits in the last kilobyte; a download cut off early lacks it.
_PDF_TAIL = 1024

T = TypeVar("T")


class _Retryable(Exception):
    """A failure worth another try: the site was busy, slow or cut the answer short."""


@dataclass(frozen=True)
class Download:
    """What became of one letter's PDF."""

    path: Path
    downloaded: bool
    """False when a complete copy was already there."""
    size: int


class DwcClient:
    """One HTTP session to the DWC site; every request waits `delay` after the previous one."""

    def __init__(
        self,
        *,
        base_url: str = DWC_SEARCH_URL,
        delay: float = DWC_DELAY_SECONDS,
        attempts: int = DEFAULT_ATTEMPTS,
        backoff: float | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        on_retry: Callable[[str], None] | None = None,
    ) -> None:
        self.base_url = base_url
        self._delay = delay
        self._attempts = attempts
        # Backoff starts at the delay (at least a second against the real site) and doubles.
        self._backoff = max(delay, 1.0) if backoff is None else backoff
        self._on_retry = on_retry
        self._last_request = float("-inf")
        self._http = httpx.Client(headers={"User-Agent": USER_AGENT}, timeout=timeout,
                                  follow_redirects=True)

    def __enter__(self) -> DwcClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._http.close()

    def search(self, form: Mapping[str, str]) -> str:
        """POST the search form and return the result page's HTML."""
        def post() -> str:
            response = self._request("POST", self.base_url, data=dict(form))
            return response.text
        return self._retrying(post, f"search page {form.get('newpageno', '1')}")

    def download(self, url: str, destination: Path) -> Download:
        """Save one PDF to `destination`, unless a complete copy is there already.

        The bytes go to a temporary file renamed into place only once complete, so an
        interrupted download never becomes a letter for `ingest`.
        """
        return self._retrying(lambda: self._download_once(url, destination), url)

    def _download_once(self, url: str, destination: Path) -> Download:
        if destination.is_file():
            size = destination.stat().st_size
            if self._remote_size(url) == size:
                return Download(destination, downloaded=False, size=size)
        partial = destination.with_name(destination.name + ".part")
        self._pause()
        try:
            # Identity encoding: the byte count must be comparable with Content-Length.
            with self._http.stream("GET", url, headers={"Accept-Encoding": "identity"}) \
                    as response:
                _check_status(response, url)
                expected = _content_length(response)
                size = 0
                with partial.open("wb") as handle:
                    for chunk in response.iter_bytes():
                        handle.write(chunk)
                        size += len(chunk)
        except (httpx.TimeoutException, httpx.TransportError) as exc:
            partial.unlink(missing_ok=True)
            raise _Retryable(f"{type(exc).__name__}: {exc}") from exc
        if (expected is not None and size != expected) or not _looks_complete(partial):
            partial.unlink(missing_ok=True)
            raise _Retryable(f"the PDF arrived incomplete ({size:,} bytes)")
        os.replace(partial, destination)
        return Download(destination, downloaded=True, size=size)

    def _remote_size(self, url: str) -> int | None:
        """The PDF's size as the server states it (HEAD), or None where it does not say."""
        self._pause()
        try:
            response = self._http.head(url, headers={"Accept-Encoding": "identity"})
        except (httpx.TimeoutException, httpx.TransportError) as exc:
            raise _Retryable(f"{type(exc).__name__}: {exc}") from exc
        if response.status_code in (405, 501):  # no HEAD here: download to be sure
            return None
        _check_status(response, url)
        return _content_length(response)

    def _request(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        self._pause()
        try:
            response = self._http.request(method, url, **kwargs)  # type: ignore[arg-type]
        except (httpx.TimeoutException, httpx.TransportError) as exc:
            raise _Retryable(f"{type(exc).__name__}: {exc}") from exc
        _check_status(response, url)
        return response

    def _pause(self) -> None:
        wait = self._last_request + self._delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last_request = time.monotonic()

    def _retrying(self, call: Callable[[], T], what: str) -> T:
        def report(state: RetryCallState) -> None:
            if self._on_retry is not None and state.outcome is not None:
                self._on_retry(f"{what}: {state.outcome.exception()}; trying again "
                               f"({state.attempt_number} of {self._attempts})")

        retrying = Retrying(
            retry=retry_if_exception_type(_Retryable),
            stop=stop_after_attempt(self._attempts),
            wait=wait_exponential(multiplier=self._backoff, max=60 * max(self._backoff, 1)),
            before_sleep=report,
            reraise=True,
        )
        try:
            return retrying(call)
        except _Retryable as exc:
            raise FetchError(f"gave up on {what} after {self._attempts} attempts: {exc}") from exc


def _check_status(response: httpx.Response, url: str) -> None:
    if response.status_code >= 500:
        raise _Retryable(f"the DWC answered {response.status_code}")
    if response.status_code >= 400:
        raise FetchError(f"the DWC answered {response.status_code} "
                         f"{response.reason_phrase} for {url}: check the URL (--base-url)")


def _content_length(response: httpx.Response) -> int | None:
    value = response.headers.get("content-length")
    return int(value) if value is not None and value.isdigit() else None


def _looks_complete(path: Path) -> bool:
    """A PDF starts with its signature and ends with its trailer."""
    with path.open("rb") as handle:
        if not handle.read(5) == b"%PDF-":
            return False
        handle.seek(max(0, path.stat().st_size - _PDF_TAIL))
        return b"%%EOF" in handle.read()
