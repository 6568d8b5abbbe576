"""The imr-etl command line. Thin: options in, one library call, errors to exit codes."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from sqlalchemy import Engine
from typer.core import TyperGroup

from imr_etl import __version__, pipeline
from imr_etl.config import DATABASE_URL_ENV, DWC_DELAY_SECONDS, DWC_SEARCH_URL, database_url
from imr_etl.db.datasette import DEFAULT_DATABASE_NAME, render_datasette_metadata
from imr_etl.db.docs import render_data_dictionary
from imr_etl.db.dwc import dwc_agreement, latest_decision_date
from imr_etl.db.engine import check_connection, make_engine, safe_url
from imr_etl.db.migrate import require_head, upgrade_to_head
from imr_etl.db.queries import list_rejected, unmapped_requests, warehouse_totals
from imr_etl.db.roles import grant_readonly, require_postgresql
from imr_etl.db.search import search_items
from imr_etl.db.views import DIMENSIONS
from imr_etl.engine.sources import FileSource, parse_shard
from imr_etl.errors import EtlError, ExtractError, ParseError, hide_passwords
from imr_etl.extract.files import DEFAULT_MAX_BYTES, iter_letter_paths, read_letter, source_path
from imr_etl.logs import LOG_FORMATS, LOG_LEVELS, configure_logging
from imr_etl.report import DEFAULT_DIMENSION, DEFAULT_MIN_ITEMS, HTML_DIMENSIONS, build_report
from imr_etl.report.dwc import render_agreement
from imr_etl.report.html import render_html
from imr_etl.report.tables import FORMATS, render

if TYPE_CHECKING:
    # Imported by the two commands that talk to the DWC, when they run: the HTTP and HTML
    # libraries are a sixth of the start-up time of every other command.
    from imr_etl.fetch import DwcListing, SearchQuery
    from imr_etl.fetch.client import Download, DwcClient

EXIT_OK = 0
EXIT_FATAL = 1
EXIT_REJECTED = 3
# A nightly run above this share of items without a treatment name says so: new vocabulary.
DEFAULT_UNMAPPED_WARNING = 5.0
# Set to 1 to see the traceback of an unexpected error (it may show a password).
TRACEBACK_ENV = "IMR_ETL_TRACEBACK"

err = Console(stderr=True)


class _Commands(TyperGroup):
    """The command group: every error that reaches it ends as one line on stderr and exit 1."""

    # `ctx` is typer's vendored click Context, which typer does not export.
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise  # exit codes, and usage errors (exit 2), which typer prints itself
        except BrokenPipeError:
            # A reader gone away (`imr-etl search … | head`): click ends the command
            # quietly with exit 1, as it does for --help.
            raise
        except EtlError as exc:
            _fail(str(exc), exc)
        except Exception as exc:
            if os.environ.get(TRACEBACK_ENV) == "1":
                raise
            _fail(f"unexpected {type(exc).__name__}: {_first_line(str(exc))} "
                  f"(set {TRACEBACK_ENV}=1 to see where)", exc)


def _fail(message: str, cause: BaseException) -> None:
    err.print(f"[red]error:[/red] {escape(hide_passwords(_first_line(message)))}",
              highlight=False, soft_wrap=True)
    raise typer.Exit(EXIT_FATAL) from cause


def _first_line(message: str) -> str:
    # Drivers append SQL, parameters and hints on later lines; a log wants one line.
    return (message.strip().splitlines() or [""])[0]


app = typer.Typer(
    help="Load California workers' compensation IMR final determination letters (text or PDF) "
         "into a SQLite or PostgreSQL warehouse.\n\n"
         "Exit codes: 0 all letters loaded or unchanged; 3 the run finished but some letters "
         "were rejected (see `imr-etl rejected`); 1 fatal error; 2 usage error.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: typer's rich panels label every flag "<bool>" ("--json <bool>"), which reads
    # as if the flag took a value.
    rich_markup_mode=None,
    cls=_Commands,
)
db_app = typer.Typer(help="Manage the warehouse schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")
lexicon_app = typer.Typer(help="Inspect the treatment and drug vocabulary.", no_args_is_help=True)
app.add_typer(lexicon_app, name="lexicon")


def _print_version(value: bool) -> None:
    if value:
        print(f"imr-etl {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _options(
    version: Annotated[bool, typer.Option(
        "--version", help="Print the version and exit.", is_eager=True,
        callback=_print_version)] = False,
) -> None:
    pass


DatabaseUrl = Annotated[str | None, typer.Option(
    "--database-url", envvar=DATABASE_URL_ENV, show_envvar=True, metavar="URL",
    help="SQLAlchemy URL of the warehouse, e.g. postgresql://user@host/db "
         "[default: sqlite:///imr_warehouse.db in the current directory]")]
AsJson = Annotated[bool, typer.Option("--json", help="Print the summary as JSON, for schedulers.")]
FetchFolder = Annotated[Path, typer.Option(
    "--to", file_okay=False, show_default=False,
    help="Folder for the downloaded PDFs (created if missing); also what `ingest` reads.")]
BaseUrl = Annotated[str, typer.Option(
    "--base-url", help="The DWC decision search page (another address for a mirror or tests).")]
Delay = Annotated[float, typer.Option(
    help="Seconds between two requests to the DWC; one request at a time.", min=0)]
LexiconDir = Annotated[Path | None, typer.Option(
    "--lexicon-dir", envvar="IMR_ETL_LEXICON_DIR", show_envvar=True, file_okay=False, exists=True,
    metavar="DIR",
    help="Folder with the lexicon CSVs (drugs, treatments, body_regions, categories, "
         "specialties, states) to use instead of those shipped with imr-etl (copy them to "
         "start).")]
UnmappedWarning = Annotated[float, typer.Option(
    "--unmapped-warning", metavar="PERCENT", min=0, max=100,
    help="Warn when more than this share of the run's items get no treatment name.")]


if TYPE_CHECKING:
    LogLevelName = str
    LogFormatName = str
else:
    LogLevelName = Literal[LOG_LEVELS]
    LogFormatName = Literal[LOG_FORMATS]

Workers = Annotated[int, typer.Option(
    help="Processes that parse letters in parallel (PDF text extraction and parsing).",
    min=1)]
BatchSize = Annotated[int, typer.Option(help="Letters written per database transaction.",
                                        min=1)]
LetterTimeout = Annotated[float, typer.Option(
    help="Seconds one letter may take to parse; a slower one is stopped and rejected, and "
         "the run goes on. 0: no limit.", min=0)]
LogLevel = Annotated[LogLevelName, typer.Option(
    help="Log run start and end, each batch, and each rejected, duplicate or changed letter "
         "(info) to stderr; warning: only the letters.")]
LogFormat = Annotated[LogFormatName, typer.Option(
    help="text lines, or one JSON object a line for log shippers.")]


@app.command(short_help="Load letter files and folders into the warehouse.")
def ingest(
    paths: Annotated[list[Path], typer.Argument(
        help="Letter files (.txt, .pdf) or directories, searched recursively; a path given "
             "twice or inside a directory given is read once.",
        exists=True, show_default=False)],
    database_url_option: DatabaseUrl = None,
    max_bytes: Annotated[int, typer.Option(
        help="Reject a file larger than this many bytes (no letter is near it).", min=1)]
        = DEFAULT_MAX_BYTES,
    batch_size: BatchSize = pipeline.DEFAULT_BATCH_SIZE,
    workers: Workers = pipeline.DEFAULT_WORKERS,
    letter_timeout: LetterTimeout = pipeline.DEFAULT_LETTER_TIMEOUT,
    shard: Annotated[str | None, typer.Option(
        help="K/N: take only the files whose name hashes to shard K of N (1 <= K <= N), so "
             "N machines can share one input and one database.", show_default=False)] = None,
    lexicon_dir: LexiconDir = None,
    unmapped_warning: UnmappedWarning = DEFAULT_UNMAPPED_WARNING,
    reread: Annotated[bool, typer.Option(
        "--reread",
        help="Read and hash every file, even one whose size, times and inode are as when a "
             "run last read it (for a file system whose change times cannot be trusted).")]
        = False,
    as_json: AsJson = False,
    log_level: LogLevel = "warning",
    log_format: LogFormat = "text",
) -> None:
    """Load letters into the warehouse: new ones inserted, changed ones replaced, the rest skipped.

    The schema is brought up to date first. Every file ends loaded, unchanged, duplicate
    (another file of the same case wins) or rejected; rejected files are kept in the
    rejected_letters table with the reason. A file read by an earlier run is read again only
    when its size, modification or change time or inode differ (see --reread).
    """
    try:
        shard_k_n = parse_shard(shard) if shard else None
    except ValueError as exc:
        raise typer.BadParameter(f"expected K/N with 1 <= K <= N, got {shard!r}",
                                 param_hint="--shard") from exc
    _logging(log_level, log_format)
    with _fatal_errors():
        engine = _engine(database_url_option)
        total = _count_letters(paths)
        if shard_k_n is not None:
            total = FileSource(paths, shard=shard_k_n).count()
        started = time.perf_counter()
        with _progress_bar(total, "Loading letters") as advance:
            report = pipeline.ingest(paths, engine, max_bytes=max_bytes,
                                     batch_size=batch_size, workers=workers,
                                     letter_timeout=letter_timeout or None, shard=shard_k_n,
                                     lexicon_dir=lexicon_dir, progress=advance,
                                     reread=reread)
        _print_report(report, engine, time.perf_counter() - started, as_json, unmapped_warning)
    raise typer.Exit(_exit_code(report))


@app.command(short_help="Re-parse the stored letters after an upgrade or lexicon edit.")
def reprocess(
    database_url_option: DatabaseUrl = None,
    outdated: Annotated[bool, typer.Option(
        "--outdated", help="Only letters parsed by an older parser or lexicon version.")] = False,
    batch_size: BatchSize = pipeline.DEFAULT_BATCH_SIZE,
    workers: Workers = pipeline.DEFAULT_WORKERS,
    letter_timeout: LetterTimeout = pipeline.DEFAULT_LETTER_TIMEOUT,
    lexicon_dir: LexiconDir = None,
    unmapped_warning: UnmappedWarning = DEFAULT_UNMAPPED_WARNING,
    as_json: AsJson = False,
    log_level: LogLevel = "warning",
    log_format: LogFormat = "text",
) -> None:
    """Re-parse the letter texts stored in the warehouse and rewrite the cases that change.

    Use it after upgrading imr-etl or editing the lexicon; no original files are needed.
    A case that an ingest running meanwhile replaces is left as that ingest wrote it.
    """
    _logging(log_level, log_format)
    with _fatal_errors():
        engine = _engine(database_url_option)
        total = pipeline.reprocess_source(engine, outdated_only=outdated,
                                          lexicon_dir=lexicon_dir).count()
        started = time.perf_counter()
        with _progress_bar(total, "Re-parsing letters") as advance:
            report = pipeline.reprocess(engine, outdated_only=outdated, batch_size=batch_size,
                                        workers=workers, letter_timeout=letter_timeout or None,
                                        lexicon_dir=lexicon_dir, progress=advance)
        _print_report(report, engine, time.perf_counter() - started, as_json,
                      unmapped_warning)
    raise typer.Exit(_exit_code(report))


def _exit_code(report: pipeline.RunReport) -> int:
    """128 + the signal that interrupted the run (130 Ctrl-C, 143 SIGTERM), as shells do."""
    if report.interrupted_by is not None:
        return 128 + report.interrupted_by
    return EXIT_REJECTED if report.rejected else EXIT_OK


def _logging(level: str, fmt: str) -> None:
    """Log records to stderr; above a progress bar on a terminal, so the bar stays whole."""
    configure_logging(level, fmt, _ConsoleHandler() if err.is_terminal else None)


class _ConsoleHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        err.print(self.format(record), markup=False, highlight=False, soft_wrap=True)


@app.command(short_help="Print one letter parsed, as JSON; no database.")
def parse(
    file: Annotated[Path, typer.Argument(help="One letter file (.txt or .pdf).",
                                         exists=True, dir_okay=False)],
) -> None:
    """Print one letter parsed, as JSON, without touching any database."""
    # Imported here: every other command (ingest, parsing in worker processes) starts faster
    # without the parser.
    from imr_etl.transform.letter import transform_letter

    try:
        _, raw = read_letter(file)
        record = transform_letter(raw)
    except (ExtractError, ParseError) as exc:
        err.print(f"[red]rejected[/red] {exc.source_name}: {exc.reason}", highlight=False)
        raise typer.Exit(EXIT_REJECTED) from exc
    payload = dataclasses.asdict(record)
    payload.pop("letter_text")
    payload.pop("fingerprint_memo")
    print(json.dumps(payload, indent=2, default=str))


@app.command(short_help="List the rejected files and why.")
def rejected(database_url_option: DatabaseUrl = None, as_json: AsJson = False) -> None:
    """List the files that were rejected and why; they are retried when ingested again."""
    with _fatal_errors():
        engine = _read_warehouse(database_url_option)
        rows = list_rejected(engine)
    if as_json:
        print(json.dumps(rows, indent=2, default=str))
        return
    if not rows:
        print("No rejected letters.")
        return
    for row in rows:
        print(f"{row['source_name']}  [{row['stage']}] {row['reason']}  ({row['source_path']})")


# Choices built from the lists that define them: typer shows and checks the Literal values;
# a type checker cannot read a Literal built at run time, so it sees plain str.
if TYPE_CHECKING:
    ReportFormat = str
    DimensionName = str
else:
    ReportFormat = Literal[FORMATS]
    DimensionName = Literal[tuple(dimension.name for dimension in DIMENSIONS)]


@app.command(short_help="Overturn rates as text, CSV, JSON, Markdown or HTML.")
def report(
    database_url_option: DatabaseUrl = None,
    by: Annotated[DimensionName, typer.Option(
        "--by", metavar="TABLE",
        help="The overturn-rate table to show (one v_overturn_by_* view): "
             f"{', '.join(dimension.name for dimension in DIMENSIONS)}.")]
        = DEFAULT_DIMENSION,
    fmt: Annotated[ReportFormat, typer.Option(
        "--format", help="text for people; csv, json or markdown for other tools.")] = "text",
    limit: Annotated[int | None, typer.Option(
        help="Show only the largest N rows of the table.", min=1, show_default=False,
        metavar="N")] = None,
    html: Annotated[Path | None, typer.Option(
        "--html", help="Write a self-contained HTML page with charts (by category, drug "
                       "class, reviewer specialty, IMRO guideline source, month, and days "
                       "to decision) to this file instead.", dir_okay=False,
        show_default=False, metavar="FILE")] = None,
    min_items: Annotated[int, typer.Option(
        "--min-items", help="Groups with fewer items are shown muted and listed last.",
        min=1, metavar="N")] = DEFAULT_MIN_ITEMS,
    vs_dwc: Annotated[bool, typer.Option(
        "--vs-dwc", help="Instead, compare the parsed letters with the DWC search's own "
                         "labels (stored by `fetch`): agreement rates.")] = False,
) -> None:
    """Show overturn rates: letters, items, the overall rate and a table by category.

    The numbers come from the warehouse's analyst views, which SQL and BI tools can read
    directly (docs/schema.md).
    """
    with _fatal_errors():
        engine = _read_warehouse(database_url_option)
        if vs_dwc:
            sys.stdout.write(render_agreement(*dwc_agreement(engine)))
            return
        if html is not None:
            _write_file(html, render_html(build_report(engine, HTML_DIMENSIONS,
                                                       min_items=min_items, timeliness=True)))
            print(f"Wrote {html} (open it in a browser; it needs no network).")
            return
        result = build_report(engine, (by,), limit=limit, min_items=min_items)
    sys.stdout.write(render(result, fmt))


@app.command()
def search(
    phrase: Annotated[str, typer.Argument(
        help="Words to find, in this order, in the requests, rationales and clinical "
             "summaries (case-insensitive; punctuation is ignored).", show_default=False,
        metavar="PHRASE")],
    database_url_option: DatabaseUrl = None,
    overturned: Annotated[bool, typer.Option(
        "--overturned", help="Only items whose denial the IMR overturned.")] = False,
    category: Annotated[str | None, typer.Option(
        "--category", help="Only items of this treatment category, e.g. pharmaceuticals.",
        show_default=False, metavar="CATEGORY")] = None,
    limit: Annotated[int, typer.Option(help="Show at most this many items.", min=1,
                                       metavar="N")] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="Print the items as JSON.")] = False,
) -> None:
    """Find disputed items by what their letters say, with case number and decision."""
    with _fatal_errors():
        engine = _read_warehouse(database_url_option)
        with engine.connect() as connection:
            hits = search_items(connection, phrase, overturned=overturned, category=category,
                                limit=limit + 1)
    shown, more = hits[:limit], len(hits) > limit
    if as_json:
        print(json.dumps([dataclasses.asdict(hit) for hit in shown], indent=2))
        return
    if not shown:
        print(f"No item mentions {phrase!r}.")
        return
    for hit in shown:
        where = ", ".join(hit.matched_in).replace("_", " ")
        print(f"{hit.case_number or hit.case_key}  #{hit.item_number}  {hit.decision:<10}  "
              f"{hit.treatment_category or '-':<20}  {hit.request_text}  [{where}]")
    count = f"{len(shown)} item{'' if len(shown) == 1 else 's'}"
    count += f" (the first {limit}; raise --limit)" if more else ""
    print(count)


@lexicon_app.command(
    "unmapped", short_help="Request texts the lexicon cannot name, most frequent first.")
def lexicon_unmapped(
    database_url_option: DatabaseUrl = None,
    limit: Annotated[int, typer.Option(help="Show at most this many request texts.", min=1,
                                       metavar="N")] = 50,
    as_json: AsJson = False,
) -> None:
    """List request texts the lexicon could not name, or named only in part, most frequent first.

    A compound with an ingredient no drugs.csv row knows is listed with that ingredient.
    Add rows to drugs.csv or treatments.csv for the frequent ones, then run
    `imr-etl reprocess --outdated` to update the stored letters.
    """
    with _fatal_errors():
        engine = _read_warehouse(database_url_option)
        rows = unmapped_requests(engine, limit=limit)
    if as_json:
        print(json.dumps([{"request_text": text, "items": items, "unrecognized": unknown}
                          for text, items, unknown in rows], indent=2))
        return
    if not rows:
        print("Every disputed item has a treatment name and every ingredient is known.")
        return
    print(f"{'items':>5}  request text")
    for text, items, unknown in rows:
        print(f"{items:>5}  {text}" + (f"  [not recognised: {unknown}]" if unknown else ""))


@app.command(short_help="Download letters from the DWC search, by decision date.")
def fetch(
    to: FetchFolder,
    decided_from: Annotated[datetime, typer.Option(
        "--decided-from", formats=["%Y-%m-%d"], show_default=False,
        help="First decision date to fetch, YYYY-MM-DD.")],
    decided_to: Annotated[datetime | None, typer.Option(
        "--decided-to", formats=["%Y-%m-%d"], show_default=False,
        help="Last decision date to fetch, YYYY-MM-DD [default: no limit].")] = None,
    database_url_option: DatabaseUrl = None,
    base_url: BaseUrl = DWC_SEARCH_URL,
    delay: Delay = DWC_DELAY_SECONDS,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Search and list what would be downloaded; download and store "
                          "nothing.")] = False,
    as_json: AsJson = False,
) -> None:
    """Download the letters the DWC decided in a date range, and store the DWC's own labels.

    Searches the DWC's public IMR decision search (cases, then treatments), downloads each
    listed letter's PDF once into the folder as <case number>.pdf (a complete file already
    there is skipped, so an interrupted fetch resumes), and stores the search's outcome,
    category and decision labels in dwc_search_cases and dwc_search_treatments, which
    `imr-etl report --vs-dwc` compares with the parsed letters. Run `ingest` on the folder
    afterwards, or use `nightly` for both.
    """
    from imr_etl.fetch import SearchQuery

    query = SearchQuery(decided_from.date(), decided_to.date() if decided_to else None)
    with _fatal_errors():
        engine = None if dry_run else _engine(database_url_option)
        fetched = _Fetched()
        with _dwc_client(base_url, delay) as client:
            _fetch(client, query, to, engine, fetched)
    summary = _fetch_summary(query, fetched, to, dry_run)
    if as_json:
        print(json.dumps(summary, indent=2, default=str))
    elif dry_run:
        for case in fetched.listing.cases:
            print(f"would download {case.case_number}  {case.pdf_url}")
        print(summary["line"])
    else:
        print(summary["line"])


@app.command(short_help="Fetch the newest letters from the DWC and ingest them.")
def nightly(
    to: FetchFolder,
    database_url_option: DatabaseUrl = None,
    margin_days: Annotated[int, typer.Option(
        help="Fetch from this many days before the newest decision date in the warehouse "
             "(letters are published some days after their decision).", min=0)] = 7,
    decided_from: Annotated[datetime | None, typer.Option(
        "--decided-from", formats=["%Y-%m-%d"], show_default=False,
        help="Start here instead, YYYY-MM-DD: for the first run into a new warehouse.")] = None,
    base_url: BaseUrl = DWC_SEARCH_URL,
    delay: Delay = DWC_DELAY_SECONDS,
    workers: Annotated[int, typer.Option(
        help="Processes that parse letters in parallel.", min=1)] = pipeline.DEFAULT_WORKERS,
    as_json: AsJson = False,
) -> None:
    """Fetch what the DWC published since the newest letter in the warehouse, then ingest it.

    The fetch starts `--margin-days` before the newest decision date loaded (or before
    today, on an empty warehouse; `--decided-from` for a first run) and ends today. One
    summary and one exit code cover both steps: 0 all fetched and loaded, 3 some letters
    rejected, 1 the fetch failed (what arrived before the failure is still ingested).
    """
    from imr_etl.fetch import SearchQuery

    fetch_error: EtlError | None = None
    fetched = _Fetched()
    with _fatal_errors():
        engine = _engine(database_url_option)
        if decided_from is not None:
            start = decided_from.date()
        else:
            start = (latest_decision_date(engine) or date.today()) - timedelta(days=margin_days)
        query = SearchQuery(start, date.today())
        try:
            with _dwc_client(base_url, delay) as client:
                _fetch(client, query, to, engine, fetched)
        except EtlError as exc:
            fetch_error = exc
        started = time.perf_counter()
        paths = [download.path for download in fetched.downloads]
        with _progress_bar(len(paths), "Loading letters") as advance:
            report = pipeline.ingest(paths, engine, workers=workers, progress=advance,
                                     letter_timeout=pipeline.DEFAULT_LETTER_TIMEOUT)
    fetch_summary = _fetch_summary(query, fetched, to, dry_run=False)
    if as_json:
        summary = _run_summary(report, engine, time.perf_counter() - started)
        print(json.dumps({"fetch": fetch_summary, "fetch_error": str(fetch_error or "") or None,
                          "ingest": summary}, indent=2, default=str))
    else:
        print(fetch_summary["line"])
        _print_report(report, engine, time.perf_counter() - started, as_json=False)
    if fetch_error is not None:
        err.print(f"[red]error:[/red] {fetch_error}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_FATAL)
    raise typer.Exit(_exit_code(report))


def _dwc_client(base_url: str, delay: float) -> DwcClient:
    from imr_etl.fetch.client import DwcClient

    def warn(message: str) -> None:
        err.print(f"[yellow]retrying[/yellow] {message}", highlight=False, soft_wrap=True)
    return DwcClient(base_url=base_url, delay=delay, on_retry=warn)


def _no_listing() -> DwcListing:
    from imr_etl.fetch import DwcListing

    return DwcListing((), ())


@dataclasses.dataclass
class _Fetched:
    """What a fetch got, filled as it goes, so a failure part-way still shows what arrived."""

    listing: DwcListing = dataclasses.field(default_factory=_no_listing)
    downloads: list[Download] = dataclasses.field(default_factory=list)


def _fetch(
    client: DwcClient, query: SearchQuery, folder: Path, engine: Engine | None,
    fetched: _Fetched,
) -> None:
    """Search, store the labels (unless `engine` is None: a dry run), then download."""
    from imr_etl.fetch import iter_downloads, search_dwc
    from imr_etl.load.dwc import store_dwc_labels

    fetched.listing = search_dwc(client, query)
    if engine is None:
        return
    store_dwc_labels(fetched.listing.cases, fetched.listing.treatments, engine=engine)
    with _progress_bar(len(fetched.listing.cases), "Downloading letters") as advance:
        for download in iter_downloads(client, fetched.listing.cases, folder):
            fetched.downloads.append(download)
            if advance is not None:
                advance(1)


def _fetch_summary(
    query: SearchQuery, fetched: _Fetched, folder: Path, dry_run: bool
) -> dict[str, object]:
    listing, downloads = fetched.listing, fetched.downloads
    downloaded = sum(download.downloaded for download in downloads)
    span = f"decided {query.decided_from} to {query.decided_to or 'now'}"
    if dry_run:
        line = f"fetch (dry run): {len(listing.cases)} letters listed ({span}); nothing downloaded"
    else:
        line = (f"fetch: {len(listing.cases)} letters listed ({span}): {downloaded} downloaded, "
                f"{len(downloads) - downloaded} already in {folder}; DWC labels stored for "
                f"{len(listing.cases)} letters and {len(listing.treatments)} treatments")
    return {"line": line, "decided_from": query.decided_from, "decided_to": query.decided_to,
            "listed": len(listing.cases), "treatments": len(listing.treatments),
            "downloaded": downloaded, "already_there": len(downloads) - downloaded,
            "folder": str(folder), "dry_run": dry_run}


@db_app.command("upgrade", short_help="Create the warehouse, or migrate it to the newest schema.")
def db_upgrade(database_url_option: DatabaseUrl = None) -> None:
    """Create or migrate the warehouse tables to the newest schema."""
    with _fatal_errors():
        engine = _engine(database_url_option)
    print(f"Schema is up to date: {safe_url(engine.url)}")


@db_app.command(
    "grant-readonly", short_help="PostgreSQL: a role that reads everything, writes nothing.")
def db_grant_readonly(
    role: Annotated[str, typer.Argument(
        help="Role for analysts and BI tools; created with LOGIN when it does not exist.",
        show_default=False, metavar="ROLE")],
    database_url_option: DatabaseUrl = None,
    password: Annotated[str | None, typer.Option(
        envvar="IMR_ETL_READONLY_PASSWORD", show_envvar=True, metavar="PASSWORD",
        help="Password for a role created now; prefer the environment variable, which stays "
             "out of shell history.", show_default=False)] = None,
) -> None:
    """PostgreSQL only: let ROLE read every table and view, now and after future migrations.

    ROLE can write nothing. Run it as the user that runs the migrations (`imr-etl db upgrade`),
    so the tables and views those create later are readable too. See docs/bi.md.
    """
    with _fatal_errors():
        engine = make_engine(database_url(database_url_option))
        require_postgresql(engine)
        require_head(engine)
        grant = grant_readonly(engine, role, password=password)
    state = "created and granted" if grant.created else "granted"
    login = engine.url.set(username=role, password=None)
    print(f"Role {role} {state}: it can read {grant.relations} tables and views in "
          f"{grant.database} (schema {grant.schema}) and write nothing; later migrations' "
          "tables and views are granted too.")
    print(f"Connect as: {safe_url(login).replace('+psycopg', '')}")


@db_app.command("docs")
def db_docs(
    output: Annotated[Path | None, typer.Option(
        "--output", help="Write the Markdown to this file (docs/schema.md) instead of stdout.",
        dir_okay=False, show_default=False)] = None,
    datasette: Annotated[Path | None, typer.Option(
        "--datasette", help="Instead, write Datasette's metadata.json (descriptions, labels, "
                            "facets) to this file: `datasette imr_warehouse.db -m FILE`.",
        dir_okay=False, show_default=False, metavar="FILE")] = None,
    database_name: Annotated[str, typer.Option(
        "--database-name", help="With --datasette: the warehouse file's name without .db, "
                                "which Datasette names the database by.")]
        = DEFAULT_DATABASE_NAME,
) -> None:
    """Print the data dictionary: every table, view and column, as Markdown. No database needed."""
    if datasette is not None:
        document = json.dumps(render_datasette_metadata(database_name), indent=2) + "\n"
        _write_file(datasette, document)
        print(f"Wrote {datasette}: datasette {database_name}.db -m {datasette}")
        return
    markdown = render_data_dictionary()
    if output is None:
        sys.stdout.write(markdown)
        return
    _write_file(output, markdown)
    print(f"Wrote {output}")


def _count_letters(paths: list[Path]) -> int:
    """How many letter files `paths` hold; a folder without any gets a warning on stderr.

    An empty folder is usually a failed mount or a crawler that fetched nothing, which must
    not pass for a quiet night. The run still exits 0: nothing was rejected.
    """
    total = 0
    for path in paths:
        found = sum(1 for _ in iter_letter_paths([path], warn=False))  # the load warns
        if found == 0 and path.is_dir():
            err.print(f"[yellow]warning:[/yellow] no letter files (.txt, .pdf) in "
                      f"{escape(source_path(path))}", highlight=False, soft_wrap=True)
        total += found
    return total


def _write_file(path: Path, content: str) -> None:
    """Write a file the user named; a bad path ends the command like any fatal error."""
    try:
        path.write_text(content, encoding="utf-8")
    except OSError as exc:
        err.print(f"[red]error:[/red] cannot write {path}: {exc.strerror}", highlight=False)
        raise typer.Exit(EXIT_FATAL) from exc


def _engine(url: str | None) -> Engine:
    """The warehouse engine, connected and migrated to the newest schema (created if need be).

    Only the commands that write (ingest, reprocess, db upgrade) may use it.
    """
    engine = make_engine(database_url(url))
    check_connection(engine)
    upgrade_to_head(engine)
    return engine


def _read_warehouse(url: str | None) -> Engine:
    """The warehouse engine for a command that only reads: the warehouse must exist at head.

    It is never created or migrated here, so a mistyped URL fails instead of reporting zeros.
    """
    engine = make_engine(database_url(url))
    require_head(engine)
    return engine


@contextmanager
def _fatal_errors() -> Iterator[None]:
    """Any EtlError ends the command with one line on stderr and exit code 1, no traceback."""
    try:
        yield
    except EtlError as exc:
        _fail(str(exc), exc)


@contextmanager
def _progress_bar(total: int, label: str) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr when it is a terminal; nothing in logs and pipes."""
    if not err.is_terminal:
        yield None
        return
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err, transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda done: progress.advance(task, done)


def _run_summary(report: pipeline.RunReport, engine: Engine, seconds: float,
                 unmapped_warning: float = DEFAULT_UNMAPPED_WARNING) -> dict[str, object]:
    """What a run did, as the --json summary shows it."""
    return {
        "command": report.command, "run_id": report.run_id, "status": report.status,
        "database": safe_url(engine.url), "seconds": round(seconds, 3),
        "files_seen": report.seen, "loaded": report.loaded, "unchanged": report.unchanged,
        "rejected": report.rejected, "duplicate": report.duplicate,
        "parse_warnings": report.warned,
        "items_loaded": report.items_loaded, "items_unmapped": report.items_unmapped,
        "unmapped_warning": _unmapped_warning(report, unmapped_warning),
        "rejections": [dataclasses.asdict(r) for r in report.rejections],
        "duplicates": [dataclasses.asdict(d) for d in report.duplicates],
        "warehouse": warehouse_totals(engine),
    }


def _unmapped_warning(report: pipeline.RunReport, percent: float) -> str | None:
    """The drift warning when too many items got no treatment name, else None."""
    if not report.items_loaded or report.items_unmapped * 100 <= percent * report.items_loaded:
        return None
    share = 100 * report.items_unmapped / report.items_loaded
    return (f"{report.items_unmapped} of {report.items_loaded} items loaded ({share:.1f}%) have "
            f"no treatment name, above {percent:g}%: see `imr-etl lexicon unmapped`")


def _print_report(
    report: pipeline.RunReport, engine: Engine, seconds: float, as_json: bool,
    unmapped_warning: float = DEFAULT_UNMAPPED_WARNING,
) -> None:
    warning = _unmapped_warning(report, unmapped_warning)
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    if as_json:
        print(json.dumps(_run_summary(report, engine, seconds, unmapped_warning), indent=2))
        return
    totals = warehouse_totals(engine)
    verb = "loaded" if report.command == "ingest" else "rewritten"
    duplicates = f", {report.duplicate} duplicate" if report.duplicate else ""
    interrupted = ", interrupted" if report.interrupted_by is not None else ""
    print(f"{report.command}: {report.seen} files seen: {report.loaded} {verb}, "
          f"{report.unchanged} unchanged, {report.rejected} rejected{duplicates}; "
          f"{report.items_loaded} items written, {report.items_unmapped} without a treatment "
          f"name  ({seconds:.1f} s, run {report.run_id}{interrupted})")
    for rejection in report.rejections:
        print(f"  rejected {rejection.source_path} [{rejection.stage}]: {rejection.reason}")
    for duplicate in report.duplicates:
        print(f"  duplicate {duplicate.source_path}: {duplicate.reason}")
    if report.warned:
        print(f"  {report.warned} of the loaded letters fail a cross-check of their format: "
              "see the view v_parse_warnings")
    print(f"warehouse {safe_url(engine.url)}: {totals['cases']} cases, "
          f"{totals['disputed_items']} disputed items ({totals['overturned_items']} overturned), "
          f"{totals['guideline_citations']} guideline citations, "
          f"{totals['rejected_letters']} rejected letters")
    sys.stdout.flush()
