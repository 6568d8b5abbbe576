"""The DWC's public IMR decision search: the form it takes and the result pages it returns.

The search (IMRDecisionSearch.asp) has two forms. The case search (``Fname=Case``) lists
one row per letter: case number (linking to the PDF), case outcome, decision date, date of
injury, received date and the IMRO reviewer's specialty. The treatment search
(``Fname=Tx``) lists one row per disputed treatment: the first row of a case repeats those
dates and adds the request category, subcategory (or drug class) and decision; the case's
further treatments follow in rows whose first cell spans the five case columns.

Results come 25 to a page in ``<table class="tabborder">``, with the total in a
``<strong>`` right after the table and a ``<form name="Nextpage">`` while more pages
follow. That shape is what the public crawlers of this site rely on; any other shape is
reported as a changed page (DwcPageError), never read as "no results".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from imr_etl.errors import FetchError

PAGE_SIZE = 25
CASE_COLUMNS = 6
TREATMENT_COLUMNS = 8
# A further treatment of the same case: one cell spanning the case columns, then three.
CONTINUATION_COLUMNS = 4

# A search with no match says so in words (the page keeps its form but has no table);
# anything else without a result table is a page this code does not know.
_NO_RESULTS = re.compile(r"\bno\s+(?:matching\s+)?(?:records?|results?|decisions?|cases?)\b"
                         r"[^.<]{0,40}\bfound\b", re.IGNORECASE)
_TOTAL = re.compile(r"^\s*([\d,]+)\s*$")


class SearchKind(Enum):
    """Which of the two search forms: letters, or their disputed treatments."""

    CASE = "Case"
    TREATMENT = "Tx"


class DwcPageError(FetchError):
    """A DWC page is not shaped as expected: the site changed, or answered with an error page."""

    def __init__(self, url: str, problem: str) -> None:
        super().__init__(f"the DWC page changed ({problem}) at {url}: the search cannot be "
                         "read safely; check the page in a browser and update imr-etl")


@dataclass(frozen=True)
class SearchQuery:
    """What to ask the search for; dates are inclusive, None leaves a field blank."""

    decided_from: date | None = None
    decided_to: date | None = None
    case_number: str = ""


@dataclass(frozen=True)
class DwcCase:
    """One letter as the case search lists it (labels as the DWC writes them)."""

    case_number: str
    case_outcome: str
    """'Uphold', 'Overturn' or 'Partial Overturn'."""
    decision_date: date | None
    date_of_injury: date | None
    received_date: date | None
    reviewer_specialty: str | None
    pdf_url: str


@dataclass(frozen=True)
class DwcTreatment:
    """One disputed treatment as the treatment search lists it."""

    case_number: str
    position: int
    """1-based order of the treatment within its case, as listed."""
    request_category: str
    """DWC's request category: 'Pharmaceuticals', 'Evaluation & Management', ..."""
    subcategory: str | None
    """DWC's subcategory, or the drug class for pharmaceuticals."""
    request_decision: str
    """'Uphold' or 'Overturn'."""


@dataclass(frozen=True)
class ResultPage:
    """One page of either search: its rows, the total the site reports, and whether more follow."""

    total: int
    has_next: bool
    cases: tuple[DwcCase, ...] = ()
    treatments: tuple[DwcTreatment, ...] = ()


def search_form(kind: SearchKind, query: SearchQuery, page: int) -> dict[str, str]:
    """The form fields the search page posts, in its own field names.

    >>> form = search_form(SearchKind.CASE, SearchQuery(date(2017, 1, 2), date(2017, 1, 9)), 2)
    >>> form["DecStart"], form["newpageno"], form["Submit"]
    ('01/02/2017', '2', 'Next')
    """
    form = {
        "Fname": kind.value,
        "Caseno": query.case_number,
        "DoIStart": "", "DoIEnd": "",
        "ReqStart": "", "ReqEnd": "",
        "DecStart": _form_date(query.decided_from),
        "DecEnd": _form_date(query.decided_to),
        "SpecialtyV": "",
    }
    if kind is SearchKind.CASE:
        form["CaseOutcomeV"] = ""
    else:
        form["OutcomeV"] = ""
        form["SubCategoryV"] = ""
    if page > 1:
        form["newpageno"] = str(page)
        form["Submit"] = "Next"
    else:
        form["Submit"] = "Submit"
    return form


def _form_date(value: date | None) -> str:
    # The search's date fields take US dates, as the page's own date pickers write them.
    return value.strftime("%m/%d/%Y") if value else ""


def parse_result_page(html: str, kind: SearchKind, url: str) -> ResultPage:
    """Read one result page of the given search, or raise DwcPageError."""
    soup = BeautifulSoup(html, "html.parser")
    table = soup.find("table", class_="tabborder")
    if not isinstance(table, Tag):
        if soup.find("form") is not None and _NO_RESULTS.search(soup.get_text(" ")):
            return ResultPage(total=0, has_next=False)
        raise DwcPageError(url, "no result table")
    rows = table.find_all("tr")
    expected = CASE_COLUMNS if kind is SearchKind.CASE else TREATMENT_COLUMNS
    if not rows or len(rows[0].find_all(["th", "td"])) != expected:
        raise DwcPageError(url, f"the result table no longer has {expected} columns")
    total = _total(table, url)
    has_next = soup.find("form", attrs={"name": "Nextpage"}) is not None
    body = rows[1:]
    if kind is SearchKind.CASE:
        return ResultPage(total, has_next, cases=tuple(_case_row(row, url) for row in body))
    return ResultPage(total, has_next, treatments=_treatment_rows(body, url))


def _total(table: Tag, url: str) -> int:
    # The count is in the element right after the table (a <strong> inside the table marks
    # cases with more treatments, so a plain "next <strong>" would find that instead).
    after = table.find_next_sibling()
    following = after if after is None or after.name == "strong" else after.find("strong")
    match = _TOTAL.match(following.get_text()) if following is not None else None
    if match is None:
        raise DwcPageError(url, "no result count after the table")
    return int(match.group(1).replace(",", ""))


def _cells(row: Tag) -> list[Tag]:
    return [cell for cell in row.find_all("td", recursive=False) if isinstance(cell, Tag)]


def _text(cell: Tag) -> str:
    return " ".join(cell.get_text(" ").split())


def _case_link(cell: Tag, url: str) -> tuple[str, str]:
    link = cell.find("a", href=True)
    if not isinstance(link, Tag):
        raise DwcPageError(url, "a result row has no link to its letter")
    case_number = _text(link)
    if not case_number:
        raise DwcPageError(url, "a result row's link has no case number")
    return case_number, urljoin(url, str(link["href"]))


def _case_row(row: Tag, url: str) -> DwcCase:
    cells = _cells(row)
    if len(cells) != CASE_COLUMNS:
        raise DwcPageError(url, f"a case row has {len(cells)} cells, not {CASE_COLUMNS}")
    case_number, pdf_url = _case_link(cells[0], url)
    return DwcCase(
        case_number=case_number,
        case_outcome=_text(cells[1]),
        decision_date=_date(cells[2], url),
        date_of_injury=_date(cells[3], url),
        received_date=_date(cells[4], url),
        reviewer_specialty=_text(cells[5]) or None,
        pdf_url=pdf_url,
    )


def _treatment_rows(rows: Sequence[Tag], url: str) -> tuple[DwcTreatment, ...]:
    treatments: list[DwcTreatment] = []
    case_number: str | None = None
    position = 0
    for row in rows:
        cells = _cells(row)
        if len(cells) == TREATMENT_COLUMNS:
            case_number, _ = _case_link(cells[0], url)
            position, labels = 1, cells[5:]
        elif len(cells) == CONTINUATION_COLUMNS and cells[0].get("colspan") == "5":
            if case_number is None:
                raise DwcPageError(url, "a further treatment comes before any case")
            position, labels = position + 1, cells[1:]
        else:
            raise DwcPageError(url, f"a treatment row has {len(cells)} cells")
        treatments.append(DwcTreatment(
            case_number=case_number,
            position=position,
            request_category=_text(labels[0]),
            subcategory=_text(labels[1]) or None,
            request_decision=_text(labels[2]),
        ))
    return tuple(treatments)


def _date(cell: Tag, url: str) -> date | None:
    value = _text(cell)
    if not value:
        return None
    try:
        return datetime.strptime(value, "%m/%d/%Y").date()
    except ValueError:
        raise DwcPageError(url, f"a date reads {value!r}, not MM/DD/YYYY") from None
