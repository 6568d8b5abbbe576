"""Measure imr-etl's throughput and memory on a synthetic corpus made from the real letters.

Each synthetic letter is a real one (the bundled seeds and, where present, the published
PDFs' text) with a fresh case number and injury age, so every file is a distinct case.

    .venv/bin/python scripts/benchmark.py --letters 20000 [--postgres URL]
    .venv/bin/python scripts/benchmark.py --hostile-only   # parse time of crafted letters

Prints one line per stage and backend; the numbers go into docs/benchmark.md by hand.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from imr_etl.db.engine import make_engine
from imr_etl.errors import LetterError
from imr_etl.extract.files import read_letter
from imr_etl.extract.pdf import extract_pdf_text
from imr_etl.pipeline import ingest
from imr_etl.records import RawLetter
from imr_etl.transform import transform_letter
from imr_etl.transform.treatments import load_lexicon

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the crafted letters are built by tests/transform/hostile.py
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


def _parse_seconds(text: str, rounds: int = 3) -> float:
    """CPU seconds of the best of a few parses: the least disturbed by other work."""
    raw = RawLetter(source_name="crafted.txt", source_path="crafted.txt", sha256="0", text=text)
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        try:
            transform_letter(raw)
        except LetterError:
            pass  # some kinds are rejected, which is their right result
        best = min(best, time.process_time() - started)
    return best


def measure_hostile() -> None:
    """Parse time of each crafted kind at 1x, 2x and 4x its size: linear is ~2x and ~4x."""
    from tests.transform.hostile import HOSTILE_KINDS, many_items

    load_lexicon()  # built once per process: not part of any letter's time
    print("crafted letters (CPU time, best of 3 parses; ratios 2x/1x and 4x/1x: linear is ~2, ~4)")
    for kind, build in HOSTILE_KINDS.items():
        seconds = [_parse_seconds(build(scale)) for scale in (1, 2, 4)]
        print(
            f"  {kind:22s} {len(build(1)) / 1000:4.0f} KB at 1x: "
            + "  ".join(f"{s * 1000:7.1f} ms" for s in seconds)
            + f"   ratios {seconds[1] / seconds[0]:.1f} {seconds[2] / seconds[0]:.1f}"
        )
    seed = next(path for path in sorted((ROOT / "tests" / "cases" / "seeds").glob("*.txt"))
                if path.name.startswith("004"))
    letter = many_items(seed.read_text(encoding="utf-8"), 10_000)
    print(f"  10,000-item letter ({len(letter) / 2**20:.1f} MiB): "
          f"{_parse_seconds(letter, rounds=1):.2f} s")


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
    parser.add_argument("--hostile-only", action="store_true",
                        help="only time the crafted letters (a few seconds)")
    args = parser.parse_args()
    measure_hostile()
    if args.hostile_only:
        return
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
