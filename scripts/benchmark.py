"""Measure imr-etl's throughput and memory on a synthetic corpus made from the real letters.

Each synthetic letter is a real one (the bundled seeds and, where present, the published
PDFs' text) with a fresh case number and injury age, so every file is a distinct case.

    .venv/bin/python scripts/benchmark.py --letters 20000 [--postgres URL]

Prints one line per stage and backend; the numbers go into docs/benchmark.md by hand.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from imr_etl.db.engine import make_engine
from imr_etl.extract.files import read_letter
from imr_etl.extract.pdf import extract_pdf_text
from imr_etl.pipeline import ingest
from imr_etl.records import RawLetter
from imr_etl.transform import transform_letter

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data"
REAL_LETTERS = ROOT / "tests" / "cases" / "published"


def templates() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    texts += [extract_pdf_text(path.read_bytes()) for path in sorted(REAL_LETTERS.glob("*.pdf"))]
    return texts


def write_corpus(folder: Path, count: int) -> None:
    """Write `count` distinct letters: each template with its own case number."""
    bases = templates()
    for number in range(count):
        base = bases[number % len(bases)]
        case = f"CM99-{number:07d}"
        if "Case Number:" in base:
            letter = base.replace(base.split("Case Number:", 1)[1].split()[0], case, 1)
        else:
            letter = f"Case Number: {case}\n{base}"
        (folder / f"{case}.txt").write_text(letter, encoding="utf-8")


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_pdf_extraction() -> None:
    paths = sorted(REAL_LETTERS.glob("*.pdf"))
    if not paths:
        return
    started = time.perf_counter()
    rounds = 5
    for _ in range(rounds):
        for path in paths:
            extract_pdf_text(path.read_bytes())
    seconds = time.perf_counter() - started
    print(f"pdf text extraction: {rounds * len(paths) / seconds:,.0f} letters/s")


def measure_transform(folder: Path) -> None:
    paths = sorted(folder.glob("*.txt"))[:5000]
    raws: list[RawLetter] = [read_letter(path)[1] for path in paths]
    started = time.perf_counter()
    for raw in raws:
        transform_letter(raw)
    seconds = time.perf_counter() - started
    print(f"transform only: {len(raws) / seconds:,.0f} letters/s")


def measure_ingest(folder: Path, url: str, label: str, count: int, workers: int) -> None:
    engine = make_engine(url)
    started = time.perf_counter()
    report = ingest([folder], engine, workers=workers)
    first = time.perf_counter() - started
    assert report.loaded == count, report
    started = time.perf_counter()
    again = ingest([folder], engine)
    second = time.perf_counter() - started
    assert again.unchanged == count
    print(
        f"{label}, {workers} worker(s): first load {count / first:,.0f} letters/s ({first:.1f} s); "
        f"unchanged re-run {count / second:,.0f} letters/s ({second:.1f} s); "
        f"peak RSS {peak_rss_mib():,.0f} MiB"
    )
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server to measure too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "letters"
        folder.mkdir()
        write_corpus(folder, args.letters)
        print(
            f"corpus: {args.letters:,} letters, "
            f"{sum(p.stat().st_size for p in folder.iterdir()) / 2**20:,.0f} MiB"
        )
        measure_pdf_extraction()
        measure_transform(folder)
        for workers in (1, args.workers):
            measure_ingest(
                folder, f"sqlite:///{tmp}/bench{workers}.db", "sqlite", args.letters, workers
            )
        if args.postgres:
            admin = create_engine(
                args.postgres.replace("postgresql://", "postgresql+psycopg://"),
                isolation_level="AUTOCOMMIT",
            )
            with admin.connect() as connection:
                connection.execute(text("DROP DATABASE IF EXISTS imr_benchmark"))
                connection.execute(text("CREATE DATABASE imr_benchmark"))
            url = args.postgres.rsplit("/", 1)[0] + "/imr_benchmark"
            measure_ingest(folder, url, "postgresql", args.letters, args.workers)
            with admin.connect() as connection:
                connection.execute(text("DROP DATABASE imr_benchmark WITH (FORCE)"))


if __name__ == "__main__":
    main()
