"""The batch engine: per-letter progress, the letter time limit, values the database would
refuse, which file wins a case, rejections per input, and reprocess beside ingest."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import shutil
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from imr_etl.cli import app
from imr_etl.db.engine import make_engine
from imr_etl.db.schema import cases, disputed_items, etl_runs, guideline_citations, rejected_letters
from imr_etl.engine import parsing
from imr_etl.errors import ParseError
from imr_etl.pipeline import ingest, reprocess
from imr_etl.records import LetterRecord, RawLetter
from imr_etl.transform.treatments import Lexicon
from tests.helpers import CASES, seed_paths, snapshot
from tests.load.hooks import (
    DEADLY_MARKER,
    SLOW_MARKER,
    make_marked_letters_kill_the_parser,
    make_marked_letters_slow,
)

LETTER_2013 = CASES / "formats" / "fdl_2013_two_items_upheld.txt"  # CM13-0004172, 10/15/2013


def _rows(engine: Engine, *columns: Any) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(select(*columns).order_by(*columns))]


def _distinct_seed_copies(folder: Path, copies: int) -> list[Path]:
    """Seed letters (no case number) made distinct by trailing blank lines: one case each."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for copy in range(copies):
        for seed in seed_paths():
            path = folder / f"{copy:03d}_{seed.name}"
            path.write_bytes(seed.read_bytes() + b"\n" * copy)
            paths.append(path)
    return paths


def test_progress_advances_once_per_letter(sqlite_engine: Engine) -> None:
    ticks: list[int] = []
    ingest(seed_paths(), sqlite_engine, progress=ticks.append)
    assert ticks == [1, 1, 1, 1, 1]


def test_a_slow_letter_is_stopped_and_the_others_load_meanwhile(
    sqlite_engine: Engine, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "letters"
    _distinct_seed_copies(folder, 8)  # 40 letters
    slow = folder / "000_aaa_slow.txt"  # first in path order
    slow.write_text(seed_paths()[0].read_text() + f"\n{SLOW_MARKER}\n")
    caplog.set_level(logging.INFO, logger="imr_etl")
    started = time.monotonic()
    report = ingest([folder], sqlite_engine, workers=2, letter_timeout=3, batch_size=10,
                    worker_setup=make_marked_letters_slow)
    assert time.monotonic() - started < 50  # the slow letter alone would take 60 s
    assert (report.seen, report.loaded, report.rejected) == (41, 40, 1)
    (rejection,) = report.rejections
    assert (rejection.source_path, rejection.stage) == ("000_aaa_slow.txt", "transform")
    assert rejection.reason.startswith(
        "parsing took longer than the 3-second limit for one letter and was stopped")
    # Letters behind it in path order were written before its time ran out.
    events = [(r.__dict__.get("event"), r.__dict__.get("counts", {}).get("loaded"))
              for r in caplog.records]
    first_rejection = events.index(("rejected", None))
    assert any(event == "batch" and loaded for event, loaded in events[:first_rejection])


def test_a_letter_that_kills_its_parser_is_rejected_alone(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    """The letter shares its chunk with others: they are parsed again, one by one, and load."""
    folder = tmp_path / "letters"
    _distinct_seed_copies(folder, 8)  # 40 letters
    (folder / "010_deadly.txt").write_text(seed_paths()[0].read_text() + f"\n{DEADLY_MARKER}\n")
    report = ingest([folder], sqlite_engine, workers=2, letter_timeout=30,
                    worker_setup=make_marked_letters_kill_the_parser)
    assert (report.seen, report.loaded, report.rejected) == (41, 40, 1)
    (rejection,) = report.rejections
    assert (rejection.source_path, rejection.stage) == ("010_deadly.txt", "transform")
    assert rejection.reason == ("the parser process died on this letter (exit code 3): "
                                "check the file")


def _hostile_letters(folder: Path) -> None:
    """A UTF-16 letter with a NUL in a request and 99,999,999,999 sessions; a letter citing
    pages 91-99999999999. PostgreSQL refuses both values as they are."""
    folder.mkdir()
    text = LETTER_2013.read_text().replace("Norco", "No\x00rco").replace(
        "12 sessions of", "99999999999 sessions of")
    (folder / "nul_and_sessions.txt").write_bytes(text.encode("utf-16"))
    seed = seed_paths()[1].read_text().replace("Page(s): 91.", "Page(s): 91-99999999999.")
    (folder / "pages.txt").write_text(seed)


@pytest.mark.postgres
def test_values_the_database_refuses_are_cleaned_the_same_on_both(
    sqlite_engine: Engine, postgres_engine: Engine, tmp_path: Path,
    caplog: pytest.LogCaptureFixture
) -> None:
    _hostile_letters(tmp_path / "in")
    caplog.set_level(logging.WARNING, logger="imr_etl")
    for engine in (sqlite_engine, postgres_engine):
        report = ingest([tmp_path / "in"], engine)
        assert (report.loaded, report.rejected) == (2, 0)
        with engine.connect() as connection:
            items = connection.execute(
                select(disputed_items.c.request_text, disputed_items.c.sessions)
                .join(cases).where(cases.c.case_key == "CM13-0004172")
                .order_by(disputed_items.c.item_number)).all()
            pages = connection.execute(
                select(guideline_citations.c.pages, guideline_citations.c.first_page,
                       guideline_citations.c.last_page)
                .where(guideline_citations.c.pages == "91-99999999999")).all()
        assert [tuple(i) for i in items] == [
            ("Norco 10/325mg #120", None),
            ("99999999999 sessions of physical therapy for the lumbar spine", None),
        ]
        assert [tuple(p) for p in pages] == [("91-99999999999", 91, None)]
    assert snapshot(sqlite_engine, with_ids=False) == snapshot(postgres_engine, with_ids=False)
    notes = [r.getMessage() for r in caplog.records if r.__dict__.get("event") == "warned"]
    assert sorted(notes) == 2 * [
        "loaded nul_and_sessions.txt with warnings: item 2 sessions 99999999999 is beyond the "
        "integer range: stored as null; NUL characters removed from the text"] + 2 * [
        "loaded pages.txt with warnings: item 1 citation 1 last_page 99999999999 is beyond the "
        "integer range: stored as null"]
    # The notes stay with the letter, for v_parse_warnings.
    with sqlite_engine.connect() as connection:
        assert connection.execute(select(cases.c.source_name, cases.c.parse_warnings)
                                  .order_by(cases.c.source_name)).all() == [
            ("nul_and_sessions.txt", "item 2 sessions 99999999999 is beyond the integer range: "
                                     "stored as null; NUL characters removed from the text"),
            ("pages.txt", "item 1 citation 1 last_page 99999999999 is beyond the integer range: "
                          "stored as null")]


@pytest.mark.parametrize("batch_size", [1, 500])
def test_a_letter_the_database_refuses_is_rejected_alone(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch_size: int
) -> None:
    """A value no validation foresaw (here a patient_sex outside the CHECK constraint)."""
    transform = parsing.transform_letter

    def bad_sex(raw: RawLetter, lexicon: Lexicon | None = None) -> LetterRecord:
        record = transform(raw, lexicon)
        return dataclasses.replace(record, patient_sex="unknown") if (
            raw.source_name.startswith("002")) else record

    monkeypatch.setattr(parsing, "transform_letter", bad_sex)
    report = ingest(seed_paths(), engine, batch_size=batch_size)
    assert (report.seen, report.loaded, report.rejected) == (5, 4, 1)
    (rejection,) = report.rejections
    assert (rejection.source_name, rejection.stage) == ("002_3f37efda7cfb3431.txt", "load")
    assert rejection.reason.startswith("the database refused the letter: ")
    assert "patient_sex" in rejection.reason
    assert _rows(engine, rejected_letters.c.source_path) == [("002_3f37efda7cfb3431.txt",)]
    with engine.connect() as connection:
        run = connection.execute(select(etl_runs)).one()
    assert (run.files_seen, run.files_loaded, run.files_rejected) == (5, 4, 1)


def _two_versions(folder: Path, earlier: str, later: str) -> None:
    """CM13-0004172 twice: as dated 10/15/2013 and as re-issued 10/16/2013 (other bytes)."""
    folder.mkdir(exist_ok=True)
    text = LETTER_2013.read_text()
    (folder / earlier).write_text(text)
    (folder / later).write_text(text.replace("Dated: 10/15/2013", "Dated: 10/16/2013"))


@pytest.mark.parametrize(("earlier", "later", "batch_size", "workers"), [
    ("a.txt", "b.txt", 500, 1),   # the later file in path order is also the later letter
    ("b.txt", "a.txt", 500, 1),   # path order says b, the decision date says a
    ("a.txt", "b.txt", 1, 1),     # a is written first, then b replaces it
    ("b.txt", "a.txt", 1, 2),
])
def test_one_case_number_in_two_files_the_later_decision_wins(
    engine: Engine, tmp_path: Path, earlier: str, later: str, batch_size: int, workers: int
) -> None:
    _two_versions(tmp_path / "in", earlier, later)
    for run in range(2):
        report = ingest([tmp_path / "in"], engine, batch_size=batch_size, workers=workers)
        expected_loaded = 1 if run == 0 else 0
        assert (report.seen, report.loaded, report.unchanged, report.duplicate) == (
            2, expected_loaded, 1 - expected_loaded, 1), run
        (duplicate,) = report.duplicates
        assert (duplicate.source_path, duplicate.case_key) == (earlier, "CM13-0004172")
        assert duplicate.reason.startswith("case CM13-0004172 is ")
        assert later in duplicate.reason
        assert "decision date 2013-10-16, later than 2013-10-15" in duplicate.reason
        assert _rows(engine, cases.c.case_key, cases.c.source_name, cases.c.decision_date) == [
            ("CM13-0004172", later, date(2013, 10, 16))]
    with engine.connect() as connection:
        runs = connection.execute(select(etl_runs.c.files_loaded, etl_runs.c.files_duplicate)
                                  .order_by(etl_runs.c.run_id)).all()
    assert [tuple(r) for r in runs] == [(1, 1), (0, 1)]


def test_duplicates_in_the_json_summary(sqlite_url: str, tmp_path: Path) -> None:
    _two_versions(tmp_path / "in", "b.txt", "a.txt")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "in"), "--database-url",
                                      sqlite_url, "--json", "--workers", "1"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["loaded"], summary["duplicate"]) == (1, 1)
    assert [(d["source_path"], d["case_key"]) for d in summary["duplicates"]] == [
        ("b.txt", "CM13-0004172")]


def test_letters_without_case_number_are_keyed_by_their_path(
    engine: Engine, tmp_path: Path
) -> None:
    for folder, seed in (("a", seed_paths()[0]), ("b", seed_paths()[1])):
        (tmp_path / folder).mkdir()
        shutil.copy(seed, tmp_path / folder / "letter.txt")
    first = ingest([tmp_path], engine)
    assert (first.loaded, first.unchanged) == (2, 0)
    assert _rows(engine, cases.c.case_key, cases.c.source_name, cases.c.source_path) == [
        ("a/letter.txt", "letter.txt", "a/letter.txt"),
        ("b/letter.txt", "letter.txt", "b/letter.txt"),
    ]
    second = ingest([tmp_path], engine)
    assert (second.loaded, second.unchanged) == (0, 2)


def test_a_rejection_belongs_to_its_path_not_its_file_name(
    engine: Engine, tmp_path: Path
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "letter.txt").write_text("Dear customer, your parcel is on its way.")
    shutil.copy(seed_paths()[0], tmp_path / "b" / "letter.txt")
    for _ in range(2):
        report = ingest([tmp_path], engine)
        assert report.rejected == 1
        assert _rows(engine, rejected_letters.c.source_path, rejected_letters.c.source_name) == [
            ("a/letter.txt", "letter.txt")]


def test_reprocess_keeps_no_cleaned_text_as_a_rejections_raw_content(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(seed_paths(), engine)
    transform = parsing.transform_letter

    def stricter(raw: RawLetter, lexicon: Lexicon | None = None) -> LetterRecord:
        if raw.source_name.startswith("004"):
            raise ParseError(raw.source_name, "a stricter parser refuses it")
        return transform(raw, lexicon)

    monkeypatch.setattr(parsing, "transform_letter", stricter)
    report = reprocess(engine)
    assert (report.seen, report.rejected) == (5, 1)
    with engine.connect() as connection:
        row = connection.execute(select(rejected_letters)).one()
        stored_sha = connection.scalar(select(cases.c.content_sha256).where(
            cases.c.case_key == "004_22a6ddc03a521e0f.txt"))
    assert (row.source_path, row.reason, row.raw_content) == (
        "004_22a6ddc03a521e0f.txt", "a stricter parser refuses it", None)
    assert row.content_sha256 == stored_sha


def test_reprocess_never_overwrites_a_case_ingest_replaced_meanwhile(
    engine: Engine, tmp_path: Path
) -> None:
    """Ingest writes a new version of a case after reprocess read the old one and before it
    writes: the compare-and-set leaves the new version, and reprocess does not count it."""
    folder = tmp_path / "letters"
    folder.mkdir()
    for seed in seed_paths():
        shutil.copy(seed, folder / seed.name)
    ingest([folder], engine)
    lexicon = tmp_path / "lexicon"
    shutil.copytree(Path(parsing.__file__).parents[1] / "lexicon", lexicon)
    drugs = lexicon / "drugs.csv"
    drugs.write_text(
        drugs.read_text()
        .replace("carisoprodol,carisoprodol,muscle relaxant,",
                 "carisoprodol,carisoprodol,sedative,")
        .replace("soma,carisoprodol,muscle relaxant,", "soma,carisoprodol,sedative,")
    )
    target = folder / "002_3f37efda7cfb3431.txt"
    new_text = target.read_text().split("Soma 350mg bid #45 x 3 refills: Upheld")[0]
    ingested: list[int] = []

    def ingest_meanwhile(_: int) -> None:
        if not ingested:  # reprocess has read and parsed its batch, not yet written it
            target.write_text(new_text)
            ingested.append(ingest([folder], engine).loaded)

    report = reprocess(engine, lexicon_dir=lexicon, progress=ingest_meanwhile)
    assert ingested == [1]
    # Soma/carisoprodol letters are 000, 002, 003; 002 is ingest's now, so two rewritten.
    assert (report.seen, report.loaded, report.unchanged) == (5, 2, 3)
    with engine.connect() as connection:
        sha, items = connection.execute(
            select(cases.c.content_sha256, cases.c.case_id).where(
                cases.c.case_key == "002_3f37efda7cfb3431.txt")).one()
        count = len(connection.execute(select(disputed_items.c.item_id).where(
            disputed_items.c.case_id == items)).all())
    assert sha == hashlib.sha256(target.read_bytes()).hexdigest()
    assert count == 3


def test_json_logs_one_object_a_line(sqlite_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    for seed in seed_paths():
        shutil.copy(seed, folder / seed.name)
    (folder / "notes.txt").write_text("Meeting notes: nothing to do with IMR.\n")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--database-url", sqlite_url,
                                      "--workers", "1", "--log-level", "info",
                                      "--log-format", "json"])
    assert result.exit_code == 3
    records = [json.loads(line) for line in result.stderr.splitlines()]
    assert [r["event"] for r in records] == ["run_started", "rejected", "batch",
                                             "run_finished"]
    assert all(r["time"].endswith("Z") and r["logger"] == "imr_etl.engine" for r in records)
    rejected = records[1]
    assert (rejected["level"], rejected["source_path"], rejected["stage"]) == (
        "warning", "notes.txt", "transform")
    assert rejected["reason"].startswith("not an IMR final determination letter")
    assert records[3]["counts"] == {"seen": 6, "loaded": 5, "unchanged": 0, "rejected": 1,
                                    "duplicate": 0, "warned": 0}
    assert records[3]["status"] == "rejections"


def test_identical_copies_of_a_letter_name_the_first_path_whatever_was_stored_first(
    engine: Engine, tmp_path: Path
) -> None:
    """A run that stored the later copy first (another shard, an earlier night) is corrected
    by the run that sees the first one: the same tables whatever the order."""
    original = CASES / "published" / "CM17-0007857.pdf"
    (tmp_path / "later").mkdir()
    shutil.copy(original, tmp_path / "later" / "z copy.pdf")
    ingest([tmp_path / "later"], engine)
    (tmp_path / "all").mkdir()
    for name in ("z copy.pdf", "a.pdf"):
        shutil.copy(original, tmp_path / "all" / name)
    report = ingest([tmp_path / "all"], engine)
    assert (report.loaded, report.unchanged) == (0, 2)
    assert _rows(engine, cases.c.case_key, cases.c.source_name, cases.c.source_path) == [
        ("CM17-0007857", "a.pdf", "a.pdf")]
    # Every column, the fingerprint included, as if "a.pdf" had been stored first.
    fresh = make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    ingest([tmp_path / "all"], fresh)
    assert snapshot(engine, with_ids=False)["cases"] == snapshot(fresh, with_ids=False)["cases"]
