"""Measure imr-etl's throughput and memory on a synthetic corpus made from the real letters.

Each synthetic letter is a real one (the bundled seeds and, where present, the published
PDFs' text) with a fresh case number and injury age, so every file is a distinct case.

    .venv/bin/python scripts/benchmark.py --letters 20000 100000 [--postgres URL]
    .venv/bin/python scripts/benchmark.py --hostile-only   # parse time of crafted letters

Each step runs in a process of its own. Throughput is compared with a yardstick measured in
the same run on the same letters (scripts/yardstick_loader.py: the least a loader could do),
so the printed ratios hold whatever the machine's speed that day. The numbers go into
docs/benchmark.md by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from imr_etl.errors import LetterError
from imr_etl.extract.files import read_letter
from imr_etl.extract.pdf import extract_pdf_text
from imr_etl.records import RawLetter
from imr_etl.transform.letter import transform_letter
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


# Starts the measured command and reports its wall time, peak memory and exit code on
# standard error. Linux starts a child's memory high-water mark at that of the process it was
# forked from, so a command started by this script, grown by its corpus and letters, would
# report this script's size as its own; started from this small process, it reports its own.
_LAUNCHER = """
import os, subprocess, sys, time
started = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
print(time.perf_counter() - started, usage.ru_maxrss, os.waitstatus_to_exitcode(status),
      file=sys.stderr)
"""


def run_timed(command: list[str]) -> tuple[float, str, float]:
    """Run a command in a fresh process: its wall time, its output, and the peak memory of
    its largest process (the kernel's figure for it and the processes it reaped).

    A fresh process per step keeps one step's memory and caches out of the next one's
    figures, and times the command as an operator runs it (imports and start-up included).
    """
    process = subprocess.Popen([sys.executable, "-S", "-c", _LAUNCHER, *command],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    output, figures = (stream.decode() for stream in process.communicate())
    wall, peak_kib, code = figures.split()[-3:]
    if int(code) != 0:
        raise RuntimeError(f"{command[2:5]} exited with {code}")
    return float(wall), output, int(peak_kib) / 1024


def run_child(*args: str) -> dict[str, float]:
    """One measured step of this script in a fresh process (see `child`)."""
    wall, output, rss = run_timed([sys.executable, __file__, "--child", *args])
    lines = output.strip().splitlines()
    figures: dict[str, float] = json.loads(lines[-1]) if lines else {}
    return {**figures, "wall": wall, "rss_mib": rss}


def child(step: str, *args: str) -> None:
    """The measured step itself (in the child process); prints its figures as JSON."""
    if step == "yardstick":
        from yardstick_loader import load

        load(Path(args[0]), args[1])
    elif step in ("pdf-bare", "pdf-parse"):
        paths = sorted(REAL_LETTERS.glob("*.pdf")) * int(args[0])
        if step == "pdf-parse":
            load_lexicon().compiled  # noqa: B018 - once per process, like the imports
        started = time.perf_counter()
        for path in paths:
            if step == "pdf-bare":
                extract_pdf_text(path.read_bytes())
            else:
                transform_letter(read_letter(path)[1])
        print(json.dumps({"seconds": time.perf_counter() - started}))
        return


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


def measure_transform(folder: Path) -> None:
    paths = sorted(folder.glob("*.txt"))[:5000]
    raws: list[RawLetter] = [read_letter(path)[1] for path in paths]
    lexicon = load_lexicon()  # built once per process, not per letter: kept out of the time
    lexicon.compiled  # noqa: B018 - its patterns too (compiled on first use)
    started, cpu_started = time.perf_counter(), time.process_time()
    for raw in raws:
        transform_letter(raw, lexicon)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(f"transform only, one process: {1000 * seconds / len(raws):.2f} ms a letter "
          f"({1000 * cpu / len(raws):.2f} ms of CPU)")


def measure_pdf(rounds: int) -> None:
    """Extract + transform of the published PDFs against bare pypdfium2 extraction, per
    letter: each loop timed inside its process, after the imports and the lexicon."""
    bare = run_child("pdf-bare", str(rounds))["seconds"]
    parsed = run_child("pdf-parse", str(rounds))["seconds"]
    letters = rounds * len(list(REAL_LETTERS.glob("*.pdf")))
    print(f"pdf, {letters} letters in one process: bare extraction {bare:.1f} s, "
          f"extract + transform {parsed:.1f} s: ratio {parsed / bare:.2f} (target <= 1.2)")


def run_ingest(folder: Path, url: str, workers: int, expected: str,
               *options: str) -> dict[str, float]:
    """`imr-etl ingest` exactly as an operator runs it."""
    wall, output, rss = run_timed([sys.executable, "-m", "imr_etl", "ingest", str(folder),
                                   "--database-url", url, "--workers", str(workers), "--json",
                                   *options])
    summary = json.loads(output)
    assert summary[expected] == sum(1 for _ in folder.iterdir()), summary
    return {"wall": wall, "rss_mib": rss}


def measure_backend(folder: Path, url: str, label: str, workers: int, target: float) -> None:
    """imr-etl's first load and unchanged re-run, against the yardstick on the same letters."""
    yardstick = run_child("yardstick", str(folder), url)
    first = run_ingest(folder, url, workers, "loaded")
    again = run_ingest(folder, url, workers, "unchanged")
    # The same, reading and hashing every file instead of trusting the stored signatures.
    reread = run_ingest(folder, url, workers, "unchanged", "--reread")
    count = sum(1 for _ in folder.iterdir())
    print(f"{label}, {workers} workers, {count:,} letters: yardstick {yardstick['wall']:.1f} s; "
          f"imr-etl first load {first['wall']:.1f} s ({count / first['wall']:,.0f} letters/s), "
          f"ratio {first['wall'] / yardstick['wall']:.2f} (target <= {target}); "
          f"unchanged re-run {again['wall']:.1f} s = "
          f"{100 * again['wall'] / first['wall']:.1f}% of the first load (target <= 3%), "
          f"with --reread {reread['wall']:.1f} s = {100 * reread['wall'] / first['wall']:.1f}%; "
          f"peak RSS {first['rss_mib']:.0f} MiB (largest process of the first load)")


def postgres_database(admin_url: str, name: str) -> str:
    admin = create_engine(admin_url.replace("postgresql://", "postgresql+psycopg://", 1),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, nargs="+", default=[20000],
                        help="corpus sizes to measure (memory should stay flat across them)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server to measure too")
    parser.add_argument("--pdf-rounds", type=int, default=3)
    parser.add_argument("--hostile-only", action="store_true",
                        help="only time the crafted letters (a few seconds)")
    parser.add_argument("--transform-only", action="store_true",
                        help="time the crafted letters and the corpus's parse, no database")
    args = parser.parse_args()
    measure_hostile()
    if args.hostile_only:
        return
    if not args.transform_only:
        measure_pdf(args.pdf_rounds)
    for count in args.letters:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "letters"
            folder.mkdir()
            write_corpus(folder, count)
            size = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
            print(f"corpus: {count:,} letters, {size:,.0f} MiB")
            measure_transform(folder)
            if args.transform_only:
                continue
            measure_backend(folder, f"sqlite:///{tmp}/bench.db", "sqlite", args.workers, 1.3)
            if args.postgres:
                url = postgres_database(args.postgres, "imr_benchmark")
                measure_backend(folder, url, "postgresql", args.workers, 1.6)
                postgres_database(args.postgres, "imr_benchmark")


if __name__ == "__main__":
    main()
