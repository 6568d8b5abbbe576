"""Loading into real SQLite files and real PostgreSQL databases: idempotency and replacement."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from imr_etl.db.engine import make_engine
from imr_etl.db.schema import cases, disputed_items, etl_runs, guideline_citations, reviewers
from imr_etl.pipeline import ingest
from tests.helpers import REAL_LETTERS, SEEDS, real_letter_paths, seed_paths, snapshot


def all_letters() -> list[Path]:
    return seed_paths() + real_letter_paths()


def test_ingesting_twice_leaves_every_table_as_after_once(engine: Engine) -> None:
    first = ingest(all_letters(), engine)
    assert (first.loaded, first.unchanged, first.rejected) == (len(all_letters()), 0, 0)
    after_once = snapshot(engine)
    second = ingest(all_letters(), engine)
    assert (second.loaded, second.unchanged, second.rejected) == (0, len(all_letters()), 0)
    assert snapshot(engine) == after_once
    with engine.connect() as connection:
        runs = connection.execute(
            select(
                etl_runs.c.status,
                etl_runs.c.files_seen,
                etl_runs.c.files_loaded,
                etl_runs.c.files_unchanged,
                etl_runs.c.files_rejected,
            ).order_by(etl_runs.c.run_id)
        ).all()
    n = len(all_letters())
    assert [tuple(run) for run in runs] == [("succeeded", n, n, 0, 0), ("succeeded", n, 0, n, 0)]


def test_seed_counts_in_the_warehouse(engine: Engine) -> None:
    ingest(seed_paths(), engine)
    with engine.connect() as connection:
        count = lambda table: connection.scalar(select(func.count()).select_from(table))  # noqa: E731
        assert count(cases) == 5
        assert count(disputed_items) == 12
        assert count(guideline_citations) == 25
        # Seeds 002 and 003 share a profile with the others only in part: 5 distinct profiles.
        assert count(reviewers) == 5
        overturned = (
            connection.execute(
                select(disputed_items.c.request_text).where(
                    disputed_items.c.decision == "overturned"
                )
            )
            .scalars()
            .all()
        )
        assert overturned == ["Oxycodone 10 mg QTY: 270.00"]


def _drop_last_item(text: str) -> str:
    """Seed 002 without its fourth item (Soma): a corrected re-issue of the same letter."""
    start = text.index("Soma 350mg bid #45 x 3 refills: Upheld")
    return text[:start]


def test_a_changed_letter_replaces_its_case_and_leaves_no_orphans(
    engine: Engine, tmp_path: Path
) -> None:
    for path in seed_paths():
        shutil.copy(path, tmp_path / path.name)
    ingest([tmp_path], engine)
    target = tmp_path / "002_3f37efda7cfb3431.txt"
    before = snapshot(engine)
    old_items = [
        i for i in before["disputed_items"] if i["case_id"] == _case_id(before, target.name)
    ]
    assert len(old_items) == 4

    target.write_text(_drop_last_item(target.read_text()))
    report = ingest([tmp_path], engine)
    assert (report.loaded, report.unchanged, report.rejected) == (1, 4, 0)

    after = snapshot(engine)
    case_id = _case_id(after, target.name)
    items = [i for i in after["disputed_items"] if i["case_id"] == case_id]
    assert [i["item_number"] for i in items] == [1, 2, 3]
    # The surviving items kept their ids: they were updated in place, not re-created.
    assert [i["item_id"] for i in items] == [i["item_id"] for i in old_items[:3]]
    item_ids = {i["item_id"] for i in after["disputed_items"]}
    assert all(c["item_id"] in item_ids for c in after["guideline_citations"])
    assert len(after["guideline_citations"]) == len(before["guideline_citations"]) - 2
    # Nothing else moved.
    others = lambda snap: [c for c in snap["cases"] if c["case_key"] != target.name]  # noqa: E731
    assert others(after) == others(before)


def test_a_changed_letter_citing_less_keeps_only_its_citations(
    engine: Engine, tmp_path: Path
) -> None:
    """An item that stays but cites one guideline fewer loses exactly that citation."""
    target = tmp_path / "004_22a6ddc03a521e0f.txt"
    shutil.copy(SEEDS / target.name, target)
    ingest([tmp_path], engine)
    before = _citations(engine)
    assert [(c["cited_by"], c["position"], c["source"]) for c in before[1]] == [
        ("claims_administrator", 1, "MTUS"), ("imro", 1, "MTUS"), ("imro", 2, "ODG")]
    text = target.read_text()
    odg = ("Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Pain \n\n"
           "Chapter Low and Upper Back.")
    assert text.count(odg) == 1
    target.write_text(text.replace(odg, ""))
    assert ingest([tmp_path], engine).loaded == 1
    after = _citations(engine)
    assert after[1] == before[1][:2]
    assert {n: rows for n, rows in after.items() if n != 1} == {
        n: rows for n, rows in before.items() if n != 1}


def _citations(engine: Engine) -> dict[int, list[dict[str, Any]]]:
    """Each item number's citations in order, with their ids."""
    snap = snapshot(engine)
    numbers = {i["item_id"]: i["item_number"] for i in snap["disputed_items"]}
    by_item: dict[int, list[dict[str, Any]]] = {}
    for citation in sorted(snap["guideline_citations"],
                           key=lambda c: (c["item_id"], c["cited_by"], c["position"])):
        by_item.setdefault(numbers[citation["item_id"]], []).append(citation)
    return by_item


def _case_id(snap: dict[str, list[dict[str, Any]]], key: str) -> int:
    return next(c["case_id"] for c in snap["cases"] if c["case_key"] == key)


def test_a_letter_reissued_under_another_file_name_replaces_its_case(
    engine: Engine, tmp_path: Path
) -> None:
    original = REAL_LETTERS / "CM17-0007857.pdf"
    ingest([original], engine)
    # Same case number, other bytes (a re-download with a different trailer), new file name.
    renamed = tmp_path / "download (1).pdf"
    renamed.write_bytes(original.read_bytes() + b"\n% re-issued\n")
    report = ingest([renamed], engine)
    assert report.loaded == 1
    with engine.connect() as connection:
        rows = connection.execute(select(cases.c.case_key, cases.c.source_name)).all()
        assert [tuple(r) for r in rows] == [("CM17-0007857", "download (1).pdf")]
        assert connection.scalar(select(func.count()).select_from(disputed_items)) == 1


@pytest.mark.postgres
def test_sqlite_and_postgresql_hold_the_same_rows(
    sqlite_engine: Engine, postgres_engine: Engine
) -> None:
    ingest(all_letters(), sqlite_engine)
    ingest(all_letters(), postgres_engine)
    assert snapshot(sqlite_engine, with_ids=False) == snapshot(postgres_engine, with_ids=False)


def test_parallel_parsing_loads_the_same_rows_and_rejections(
    sqlite_url: str, tmp_path: Path
) -> None:
    """A batch large enough for the process pool, with one letter that must be rejected."""
    folder = tmp_path / "many"
    folder.mkdir()
    for copy in range(14):
        for path in seed_paths():
            # Other bytes (trailing blank lines) make each copy its own letter and case.
            (folder / f"{copy:02d}_{path.name}").write_bytes(path.read_bytes() + b"\n" * copy)
    (folder / "zz_not_a_letter.txt").write_text("Dear customer, your parcel is on its way.")
    results = []
    for workers in (1, 2):
        engine = make_engine(sqlite_url.replace("warehouse.db", f"w{workers}.db"))
        report = ingest([folder], engine, workers=workers)
        assert (report.loaded, report.rejected) == (70, 1)
        assert report.rejections[0].source_name == "zz_not_a_letter.txt"
        results.append(snapshot(engine, with_ids=False))
    assert results[0] == results[1]


@pytest.mark.parametrize("batch_size", [1, 2, 500])
def test_the_same_letter_under_several_names_loads_once(
    sqlite_engine: Engine, tmp_path: Path, batch_size: int
) -> None:
    """Copies in one batch, in the next batch (not yet written when it is checked) or later."""
    for name in ("a.pdf", "b.pdf", "c.pdf", "d.pdf"):
        shutil.copy(REAL_LETTERS / "CM17-0007857.pdf", tmp_path / name)
    report = ingest([tmp_path], sqlite_engine, batch_size=batch_size)
    assert (report.seen, report.loaded, report.unchanged, report.rejected) == (4, 1, 3, 0)
    with sqlite_engine.connect() as connection:
        assert connection.execute(select(cases.c.source_name)).scalars().all() == ["a.pdf"]
