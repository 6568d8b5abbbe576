"""A yardstick, not a product path: the least a loader of these letters could do.

It reads each file, hashes it, pulls the case number, decision date and each item's
request and decision with a few regular expressions, and inserts them with plain
executemany into two bare tables, in one process, with no normalization, validation,
citations, rejections or idempotency. scripts/benchmark.py times imr-etl against it on
the same corpus in the same run, so the ratio says what imr-etl's extra work costs on this
machine, whatever the machine's speed that day.

    python scripts/yardstick_loader.py FOLDER sqlite:///path.db
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, text

CASE_NUMBER = re.compile(r"Case Number:\s*(CM\d{2}-\d{7})")
DECISION_DATE = re.compile(r"Decision Date:\s*(\d{1,2}/\d{1,2}/\d{4})")
ITEM = re.compile(r"^(\S[^\n]{0,300}?):\s*(Upheld|Overturned)\s*$", re.MULTILINE)
BATCH = 500

TABLES = (
    "CREATE TABLE y_cases (case_id INTEGER PRIMARY KEY, case_key TEXT NOT NULL UNIQUE, "
    "decision_date TEXT, content_sha256 TEXT NOT NULL, letter_text TEXT NOT NULL)",
    "CREATE TABLE y_items (case_id INTEGER NOT NULL, item_number INTEGER NOT NULL, "
    "request_text TEXT NOT NULL, decision TEXT NOT NULL, PRIMARY KEY (case_id, item_number))",
)


def iter_files(folder: Path) -> Iterator[Path]:
    for root, directories, files in os.walk(folder):
        directories.sort()
        for name in sorted(files):
            if name.endswith(".txt"):
                yield Path(root, name)


def load(folder: Path, url: str) -> int:
    """Load every .txt letter under `folder` into bare tables at `url`; return the count."""
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        for statement in ("DROP TABLE IF EXISTS y_items", "DROP TABLE IF EXISTS y_cases",
                          *TABLES):
            connection.execute(text(statement))
    insert_case = text("INSERT INTO y_cases (case_id, case_key, decision_date, content_sha256, "
                       "letter_text) VALUES (:case_id, :case_key, :decision_date, :sha, :text)")
    insert_item = text("INSERT INTO y_items VALUES (:case_id, :item_number, :request, :decision)")
    cases: list[dict[str, object]] = []
    items: list[dict[str, object]] = []
    count = 0

    def flush() -> None:
        with engine.begin() as connection:
            connection.execute(insert_case, cases)
            if items:
                connection.execute(insert_item, items)
        cases.clear()
        items.clear()

    for path in iter_files(folder):
        data = path.read_bytes()
        letter = data.decode("utf-8", errors="replace")
        count += 1
        number = CASE_NUMBER.search(letter)
        decided = DECISION_DATE.search(letter)
        cases.append({"case_id": count, "case_key": number.group(1) if number else path.name,
                      "decision_date": decided.group(1) if decided else None,
                      "sha": hashlib.sha256(data).hexdigest(), "text": letter})
        for position, match in enumerate(ITEM.finditer(letter), 1):
            items.append({"case_id": count, "item_number": position,
                          "request": match.group(1), "decision": match.group(2).lower()})
        if len(cases) == BATCH:
            flush()
    if cases:
        flush()
    engine.dispose()
    return count


if __name__ == "__main__":
    print(load(Path(sys.argv[1]), sys.argv[2]))
