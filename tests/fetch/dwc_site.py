"""A local stand-in for the DWC decision search, serving the repository's published letters.

Its pages have the shape the public crawlers of the real site rely on: the result table
`table.tabborder` (6 columns for cases, 8 for treatments, further treatments of a case in
rows whose first cell spans 5 columns), the total in a <strong> after the table, and a
`form[name=Nextpage]` while more pages follow. It filters by decision date like the real
search, and keeps a log of the forms posted.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from werkzeug import Request, Response

from imr_etl.extract.files import read_letter
from imr_etl.transform.letter import transform_letter

SEARCH_PATH = "/dwc/imr/IMRDecisionSearch.asp"
PDF_PATH = "/dwc/imr/decisions/"
PAGE_SIZE = 25

# How the DWC search writes the warehouse's categories and decisions.
DWC_CATEGORY = {
    "diagnostic_testing": "Diagnostic Testing", "dmepos": "DMEPOS",
    "evaluation_and_management": "Evaluation & Management", "home_health": "Home Health",
    "injection": "Injection", "pharmaceuticals": "Pharmaceuticals", "programs": "Programs",
    "psych_services": "Psych Services", "rehabilitation": "Rehabilitation",
    "surgery": "Surgery", "therapies": "Therapies", "transportation": "Transportation",
    "other": "Other",
}
DWC_DECISION = {"upheld": "Uphold", "overturned": "Overturn"}


@dataclass(frozen=True)
class SiteTreatment:
    category: str
    subcategory: str
    decision: str


@dataclass(frozen=True)
class SiteCase:
    case_number: str
    outcome: str
    decision_date: date | None
    date_of_injury: date | None
    received_date: date | None
    specialty: str
    treatments: tuple[SiteTreatment, ...]
    pdf: Path


def site_cases(letters: list[Path]) -> list[SiteCase]:
    """The search's rows for these letters, as the DWC would list them."""
    cases = []
    for path in letters:
        record = transform_letter(read_letter(path)[1])
        decisions = [item.decision for item in record.items]
        outcome = ("Uphold" if "overturned" not in decisions else
                   "Overturn" if "upheld" not in decisions else "Partial Overturn")
        treatments = tuple(
            SiteTreatment(DWC_CATEGORY[item.treatment_category or "other"],
                          item.treatment_subcategory or "", DWC_DECISION[item.decision])
            for item in record.items)
        specialty = record.reviewer.specialty if record.reviewer else ""
        cases.append(SiteCase(
            str(record.case_number), outcome, record.decision_date, record.date_of_injury,
            record.application_received_date, specialty or "", treatments, path))
    return sorted(cases, key=lambda case: (case.decision_date or date.min, case.case_number))


def relabel(case: SiteCase, **changes: object) -> SiteCase:
    return replace(case, **changes)  # type: ignore[arg-type]


@dataclass
class DwcSite:
    """Serves search pages and PDFs for `cases`; faults can be queued per URL path."""

    cases: list[SiteCase]
    posted: list[dict[str, str]] = field(default_factory=list)
    downloads: list[str] = field(default_factory=list)
    faults: dict[str, list[str]] = field(default_factory=dict)
    """path -> faults to serve first, in order: '500', '404', 'truncate', 'changed'."""

    def handle(self, request: Request) -> Response:
        fault = self.faults.get(request.path, [])
        if fault:
            kind = fault.pop(0)
            if kind in ("500", "404"):
                return Response("error", status=int(kind))
        else:
            kind = ""
        if request.path == SEARCH_PATH:
            form = dict(request.form)
            self.posted.append(form)
            return Response(self._page(form, changed=kind == "changed"),
                            content_type="text/html")
        name = request.path.removeprefix(PDF_PATH)
        self.downloads.append(name)
        data = next(case.pdf for case in self.cases if f"{case.case_number}.pdf" == name
                    ).read_bytes()
        if kind == "truncate":
            data = data[: len(data) // 2]
        return Response(data, content_type="application/pdf")

    def _page(self, form: dict[str, str], *, changed: bool) -> str:
        start, end = _date(form.get("DecStart", "")), _date(form.get("DecEnd", ""))
        matching = [case for case in self.cases if case.decision_date is not None
                    and (start is None or case.decision_date >= start)
                    and (end is None or case.decision_date <= end)]
        if not matching:
            return ("<html><body><form name='search'></form>"
                    "<p>No records were found matching your search.</p></body></html>")
        page = int(form.get("newpageno") or 1)
        shown = matching[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
        if form["Fname"] == "Case":
            header = ["Case Number", "Case Outcome", "Decision Date", "Date of Injury",
                      "Received Date", "IMRO Reviewer Specialty"]
            rows = [self._case_row(case) for case in shown]
        else:
            header = ["Case Number", "Decision Date", "Date of Injury", "Received Date",
                      "IMRO Reviewer Specialty", "Request Category", "SubCategory/Drug",
                      "Request Decision"]
            rows = [row for case in shown for row in self._treatment_rows(case)]
        if changed:  # the site added a column
            header.append("Parent Case")
        more = page * PAGE_SIZE < len(matching)
        next_form = (f"<form name='Nextpage' method='post'><input name='newpageno' "
                     f"value='{page + 1}'></form>" if more else "")
        cells = "".join(f"<th>{name}</th>" for name in header)
        return (f"<html><body><table class='tabborder'><tr>{cells}</tr>{''.join(rows)}</table>"
                f"\n<p>Total: <strong>{len(matching)}</strong> results</p>{next_form}"
                "</body></html>")

    def _link(self, case: SiteCase) -> str:
        plus = "<strong>+</strong>" if len(case.treatments) > 1 else ""
        return f"<td><a href='{PDF_PATH}{case.case_number}.pdf'>{case.case_number}</a>{plus}</td>"

    def _case_row(self, case: SiteCase) -> str:
        values = [case.outcome, _us(case.decision_date), _us(case.date_of_injury),
                  _us(case.received_date), case.specialty]
        return f"<tr>{self._link(case)}{''.join(_td(v) for v in values)}</tr>"

    def _treatment_rows(self, case: SiteCase) -> list[str]:
        rows = []
        for number, treatment in enumerate(case.treatments):
            labels = "".join(_td(v) for v in (treatment.category, treatment.subcategory,
                                                treatment.decision))
            if number == 0:
                dates = "".join(_td(v) for v in (
                    _us(case.decision_date), _us(case.date_of_injury), _us(case.received_date),
                    case.specialty))
                rows.append(f"<tr>{self._link(case)}{dates}{labels}</tr>")
            else:
                rows.append(f"<tr><td colspan='5'>&nbsp;</td>{labels}</tr>")
        return rows


def _td(value: str) -> str:
    return f"<td>{html.escape(value)}</td>"


def _us(value: date | None) -> str:
    return value.strftime("%m/%d/%Y") if value else ""


def _date(value: str) -> date | None:
    return datetime.strptime(value, "%m/%d/%Y").date() if value else None
