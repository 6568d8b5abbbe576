"""imr-etl fetch and nightly against a local stand-in of the DWC search (never the real site)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from imr_etl.cli import app
from imr_etl.db.dwc import dwc_agreement
from imr_etl.db.schema import disputed_items, dwc_search_cases, dwc_search_treatments
from imr_etl.fetch import SearchQuery, iter_downloads, search_dwc
from imr_etl.fetch.client import DwcClient
from imr_etl.load.dwc import store_dwc_labels
from imr_etl.pipeline import ingest
from tests.fetch.dwc_site import PDF_PATH, SEARCH_PATH, DwcSite, SiteCase, relabel, site_cases
from tests.helpers import real_letter_paths

PASSWORD_FREE_ERROR = re.compile(r"^error: .+\n$")


@pytest.fixture(scope="session")
def published_cases() -> list[SiteCase]:
    return site_cases(real_letter_paths())


@pytest.fixture
def site(httpserver: HTTPServer, published_cases: list[SiteCase]) -> Iterator[DwcSite]:
    dwc = DwcSite(cases=list(published_cases))
    httpserver.expect_request(SEARCH_PATH, method="POST").respond_with_handler(dwc.handle)
    httpserver.expect_request(re.compile(f"^{PDF_PATH}"), method="GET").respond_with_handler(
        dwc.handle)
    httpserver.expect_request(re.compile(f"^{PDF_PATH}"), method="HEAD").respond_with_handler(
        dwc.handle)
    yield dwc


@pytest.fixture
def base_url(httpserver: HTTPServer, site: DwcSite) -> str:
    return httpserver.url_for(SEARCH_PATH)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def fetch_args(base_url: str, folder: Path, database: str, *more: str) -> list[str]:
    return ["fetch", "--to", str(folder), "--decided-from", "2016-01-01", "--base-url",
            base_url, "--delay", "0", "--database-url", database, *more]


def gets(httpserver: HTTPServer, name: str) -> int:
    return sum(1 for request, _ in httpserver.log
               if request.method == "GET" and request.path == PDF_PATH + name)


def test_fetch_walks_every_page_and_downloads_each_letter_once(
    httpserver: HTTPServer, site: DwcSite, base_url: str, tmp_path: Path, sqlite_url: str
) -> None:
    letters = tmp_path / "letters"
    code, out, _ = run(*fetch_args(base_url, letters, sqlite_url))
    assert code == 0
    published = real_letter_paths()
    assert sorted(path.name for path in letters.iterdir()) == [p.name for p in published]
    for path in published:
        assert (letters / path.name).read_bytes() == path.read_bytes()
    # 94 letters are four case pages and four treatment pages of 25, posted as the form does.
    assert [(form["Fname"], form.get("newpageno"), form["Submit"]) for form in site.posted] == [
        ("Case", None, "Submit"), ("Case", "2", "Next"), ("Case", "3", "Next"),
        ("Case", "4", "Next"),
        ("Tx", None, "Submit"), ("Tx", "2", "Next"), ("Tx", "3", "Next"), ("Tx", "4", "Next")]
    assert {form["DecStart"] for form in site.posted} == {"01/01/2016"}
    assert all("imr-etl/" in request.headers["User-Agent"] for request, _ in httpserver.log)
    assert "94 letters listed" in out and "94 downloaded, 0 already" in out


def test_dry_run_lists_and_downloads_nothing(
    httpserver: HTTPServer, base_url: str, tmp_path: Path, sqlite_url: str
) -> None:
    code, out, _ = run(*fetch_args(base_url, tmp_path / "letters", sqlite_url, "--dry-run"))
    assert code == 0
    assert out.count("would download CM") == 94
    assert not (tmp_path / "letters").exists()
    assert not Path(sqlite_url.removeprefix("sqlite:///")).exists()
    assert not any(request.method == "GET" for request, _ in httpserver.log)


def test_a_resumed_fetch_downloads_only_what_is_missing(
    httpserver: HTTPServer, base_url: str, tmp_path: Path, sqlite_url: str
) -> None:
    letters = tmp_path / "letters"
    letters.mkdir()
    published = real_letter_paths()
    missing, cut_off = published[:3], published[3]
    for path in published[3:]:
        shutil.copy(path, letters / path.name)
    # An earlier run died mid-download: a short file, and a temporary file never renamed.
    (letters / cut_off.name).write_bytes(cut_off.read_bytes()[:1000])
    (letters / f"{missing[0].name}.part").write_bytes(b"%PDF-1.4 partial")
    code, out, _ = run(*fetch_args(base_url, letters, sqlite_url))
    assert code == 0
    assert "4 downloaded, 90 already" in out
    for path in [*missing, cut_off]:
        assert gets(httpserver, path.name) == 1
        assert (letters / path.name).read_bytes() == path.read_bytes()
    assert sum(gets(httpserver, path.name) for path in published[4:]) == 0
    assert not list(letters.glob("*.part"))


def test_a_truncated_download_is_retried(
    httpserver: HTTPServer, site: DwcSite, base_url: str, tmp_path: Path, sqlite_url: str
) -> None:
    victim = real_letter_paths()[10]
    site.faults[PDF_PATH + victim.name] = ["truncate"]
    code, _, err = run(*fetch_args(base_url, tmp_path / "letters", sqlite_url))
    assert code == 0
    assert gets(httpserver, victim.name) == 2
    assert (tmp_path / "letters" / victim.name).read_bytes() == victim.read_bytes()
    assert "retrying" in err and "incomplete" in err


def test_a_server_error_is_retried(
    site: DwcSite, base_url: str, tmp_path: Path, sqlite_url: str
) -> None:
    site.faults[SEARCH_PATH] = ["500"]
    code, out, err = run(*fetch_args(base_url, tmp_path / "letters", sqlite_url))
    assert code == 0, err
    assert "answered 500" in err
    assert "94 letters listed" in out


def test_not_found_stops_the_fetch_at_once(
    httpserver: HTTPServer, site: DwcSite, base_url: str, tmp_path: Path, sqlite_url: str
) -> None:
    victim = site.cases[0].pdf.name
    site.faults[PDF_PATH + victim] = ["404"] * 5
    code, _, err = run(*fetch_args(base_url, tmp_path / "letters", sqlite_url))
    assert code == 1
    assert PASSWORD_FREE_ERROR.match(err), err
    assert "answered 404" in err and victim in err
    assert gets(httpserver, victim) == 1
    assert not list((tmp_path / "letters").iterdir())


@pytest.mark.parametrize("fault", ["changed", "error page"])
def test_a_page_of_another_shape_stops_the_fetch(
    site: DwcSite, base_url: str, tmp_path: Path, sqlite_url: str, fault: str,
    httpserver: HTTPServer,
) -> None:
    if fault == "changed":
        site.faults[SEARCH_PATH] = ["changed"]
    else:  # a 200 page with no result table and no "no records" sentence
        httpserver.clear_all_handlers()
        httpserver.expect_request(SEARCH_PATH, method="POST").respond_with_data(
            "<html><body><h1>Server Error in '/' Application.</h1></body></html>",
            content_type="text/html")
    code, out, err = run(*fetch_args(base_url, tmp_path / "letters", sqlite_url))
    assert code == 1
    assert PASSWORD_FREE_ERROR.match(err), err
    assert "the DWC page changed" in err
    assert "0 letters" not in out + err


def test_a_search_with_no_match_is_no_letters(
    base_url: str, tmp_path: Path, sqlite_url: str
) -> None:
    code, out, _ = run("fetch", "--to", str(tmp_path / "letters"), "--decided-from",
                       "2030-01-01", "--base-url", base_url, "--delay", "0",
                       "--database-url", sqlite_url)
    assert code == 0
    assert "0 letters listed" in out


@pytest.fixture
def relabelled(site: DwcSite) -> DwcSite:
    """The DWC's labels disagree with the letters three times, on purpose."""
    site.cases[0] = relabel(site.cases[0], outcome="Overturn")
    several = next(i for i, case in enumerate(site.cases) if len(case.treatments) > 1)
    case = site.cases[several]
    treatments = list(case.treatments)
    flipped = "Uphold" if treatments[1].decision == "Overturn" else "Overturn"
    treatments[1] = relabel(treatments[1], decision=flipped)
    treatments[0] = relabel(treatments[0], category="Programs")
    site.cases[several] = relabel(case, treatments=tuple(treatments))
    return site


def test_dwc_labels_are_stored_and_compared(
    relabelled: DwcSite, base_url: str, tmp_path: Path, engine: Engine
) -> None:
    with DwcClient(base_url=base_url, delay=0, backoff=0) as client:
        listing = search_dwc(client, SearchQuery(date(2016, 1, 1)))
        store_dwc_labels(listing.cases, listing.treatments, engine=engine)
        paths = [d.path for d in iter_downloads(client, listing.cases, tmp_path / "letters")]
    assert ingest(paths, engine).loaded == 94

    with engine.connect() as connection:
        stored = connection.execute(select(dwc_search_cases)).mappings().all()
        labels = connection.execute(select(dwc_search_treatments)).mappings().all()
        items = connection.execute(select(disputed_items)).mappings().all()
    site_cases_by_number = {case.case_number: case for case in relabelled.cases}
    assert len(stored) == 94
    for row in stored:
        case = site_cases_by_number[row["case_number"]]
        assert (row["case_outcome"], row["decision_date"], row["reviewer_specialty"]) == (
            case.outcome, case.decision_date, case.specialty or None)
    assert len(labels) == len(items) == sum(len(c.treatments) for c in relabelled.cases)
    assert {row["request_decision"] for row in labels} <= {"Uphold", "Overturn"}
    assert {row["decision"] for row in labels} <= {"upheld", "overturned"}

    listed, loaded, measures = dwc_agreement(engine)
    with_subcategory = sum(1 for item in items if item["treatment_subcategory"] is not None)
    assert (listed, loaded) == (94, 94)
    assert [(m.measure, m.compared, m.agreeing) for m in measures] == [
        ("Case outcome", 94, 93),
        ("Number of treatments", 94, 94),
        ("Decision date", 94, 94),
        ("Treatment decision", len(items), len(items) - 1),
        ("Treatment category", len(items), len(items) - 1),
        ("Treatment subcategory", len(items), with_subcategory),
    ]


def test_report_vs_dwc_prints_the_agreement(
    relabelled: DwcSite, base_url: str, tmp_path: Path, sqlite_url: str
) -> None:
    code, _, _ = run("nightly", "--to", str(tmp_path / "letters"), "--decided-from",
                     "2016-01-01", "--base-url", base_url, "--delay", "0",
                     "--database-url", sqlite_url, "--workers", "1")
    assert code == 0
    code, out, _ = run("report", "--vs-dwc", "--database-url", sqlite_url)
    assert code == 0
    assert "94 letters listed, 94 of them loaded" in out
    assert re.search(r"Case outcome\s+94\s+93\s+98\.9%", out), out


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql",
                                                             marks=pytest.mark.postgres)])
def test_nightly_fetches_since_the_newest_letter_and_ingests(
    site: DwcSite, base_url: str, tmp_path: Path, backend: str,
    request: pytest.FixtureRequest,
) -> None:
    database = request.getfixturevalue(f"{'sqlite' if backend == 'sqlite' else 'postgres'}_url")
    letters = tmp_path / "letters"
    common = ["--to", str(letters), "--base-url", base_url, "--delay", "0",
              "--database-url", database, "--workers", "1"]
    code, out, err = run("nightly", "--decided-from", "2016-01-01", *common)
    assert code == 0, err
    assert "94 letters listed" in out and "94 downloaded" in out
    assert "94 files seen: 94 loaded" in out

    newest = max(case.decision_date for case in site.cases if case.decision_date)
    site.posted.clear()
    code, out, err = run("nightly", *common)
    assert code == 0, err
    start = newest - timedelta(days=7)
    assert {form["DecStart"] for form in site.posted} == {start.strftime("%m/%d/%Y")}
    assert {form["DecEnd"] for form in site.posted} == {date.today().strftime("%m/%d/%Y")}
    recent = sum(1 for case in site.cases if case.decision_date and case.decision_date >= start)
    assert f"{recent} letters listed" in out and f"0 downloaded, {recent} already" in out
    assert f"{recent} files seen: 0 loaded, {recent} unchanged" in out


def test_nightly_ingests_what_arrived_before_a_failure(
    site: DwcSite, base_url: str, tmp_path: Path, sqlite_url: str
) -> None:
    last = site.cases[-1].pdf.name
    site.faults[PDF_PATH + last] = ["404"]
    code, out, err = run("nightly", "--decided-from", "2016-01-01", "--to",
                         str(tmp_path / "letters"), "--base-url", base_url, "--delay", "0",
                         "--database-url", sqlite_url, "--workers", "1")
    assert code == 1
    assert "93 files seen: 93 loaded" in out
    # One error line; a vocabulary drift warning (ingest's own) may precede it.
    errors = [line for line in err.splitlines() if not line.startswith("warning: ")]
    assert "answered 404" in err and len(errors) == 1
