"""Fetch newly published letters, and the DWC's own labels for them, from the DWC's search.

`search_dwc` walks both searches (cases, then treatments) over a decision-date range, page
by page; `iter_downloads` saves each listed letter's PDF once into a folder as
``<case number>.pdf``. Nothing here touches a database: the caller stores the labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from imr_etl.errors import FetchError
from imr_etl.fetch.client import Download, DwcClient
from imr_etl.fetch.search import (
    PAGE_SIZE,
    DwcCase,
    DwcPageError,
    DwcTreatment,
    ResultPage,
    SearchKind,
    SearchQuery,
    parse_result_page,
    search_form,
)

__all__ = ["DwcCase", "DwcListing", "DwcTreatment", "SearchQuery", "iter_downloads",
           "search_dwc"]

# Case numbers name the files: anything but letters, digits and dashes would be a path trick.
_SAFE_CASE_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,39}$")


@dataclass(frozen=True)
class DwcListing:
    """What the two searches list for a query: the letters, and their treatments."""

    cases: tuple[DwcCase, ...]
    treatments: tuple[DwcTreatment, ...]


def search_dwc(client: DwcClient, query: SearchQuery) -> DwcListing:
    """Walk the case search, then the treatment search, over every result page.

    A page of unexpected shape raises DwcPageError; an HTTP failure that retries do not
    cure raises FetchError.
    """
    cases = tuple(case for page in _pages(client, SearchKind.CASE, query) for case in page.cases)
    for case in cases:
        if not _SAFE_CASE_NUMBER.match(case.case_number):
            raise DwcPageError(client.base_url, f"a case number reads {case.case_number!r}")
    treatments = tuple(treatment for page in _pages(client, SearchKind.TREATMENT, query)
                       for treatment in page.treatments)
    return DwcListing(cases, treatments)


def iter_downloads(
    client: DwcClient, cases: Sequence[DwcCase], destination: Path
) -> Iterator[Download]:
    """Download each case's PDF as `destination/<case number>.pdf`, skipping complete ones.

    A generator, so a caller that stops on a FetchError still has every letter before it.
    """
    destination.mkdir(parents=True, exist_ok=True)
    for case in cases:
        yield client.download(case.pdf_url, destination / f"{case.case_number}.pdf")


def _pages(client: DwcClient, kind: SearchKind, query: SearchQuery) -> Iterator[ResultPage]:
    """Every result page of one search, following the site's Next form."""
    page_number = 1
    while True:
        page = parse_result_page(client.search(search_form(kind, query, page_number)),
                                 kind, client.base_url)
        yield page
        if not page.has_next:
            return
        # The site says how many results there are; more pages than that means the
        # paging no longer works as this code expects (it would loop for ever).
        if page_number * PAGE_SIZE >= page.total:
            raise FetchError(f"the DWC search offers page {page_number + 1} of {page.total} "
                             f"results at {client.base_url}: the paging changed")
        page_number += 1
