"""How often the treatment normalizer agrees with the hand labels, field by field.

    python scripts/measure_vocabulary.py                       # every labelled letter
    python scripts/measure_vocabulary.py --only @holdout.txt   # a held-out set, figures only
    python scripts/measure_vocabulary.py --exclude @holdout.txt --misses

Each letter in tests/cases/published (PDF) or tests/cases/seeds (text) is parsed whole, and
every item's normalized fields are compared with tests/cases/normalized/<case_key>.json.
Misses are printed only with --misses, so a held-out set can be measured unseen.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from imr_etl.extract.files import read_letter
from imr_etl.records import ItemRecord
from imr_etl.transform.letter import transform_letter
from imr_etl.transform.treatments import load_lexicon

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
FIELDS = {
    "treatment_category": "treatment_category",
    "treatment_subcategory": "treatment_subcategory",
    "treatment_name": "treatment_name",
    "drug_class": "drug_class",
    "body_region": "body_region",
    "strength": "strength",
    "quantity": "quantity",
    "refills": "refills",
    "sessions": "sessions",
    "retrospective": "retrospective",
}


def _keys(values: list[str]) -> set[str]:
    """Case keys given on the command line, or read one a line from '@file'."""
    keys: set[str] = set()
    for value in values:
        if value.startswith("@"):
            keys.update(Path(value[1:]).read_text(encoding="utf-8").split())
        else:
            keys.add(value)
    return keys


def _letter_path(case_key: str) -> Path:
    for path in (CASES / "published" / f"{case_key}.pdf", CASES / "seeds" / f"{case_key}.txt"):
        if path.exists():
            return path
    raise SystemExit(f"no letter for {case_key} in tests/cases/published or tests/cases/seeds")


def _same(expected: Any, found: Any) -> bool:
    if isinstance(expected, int | float) and isinstance(found, int | float):
        return float(expected) == float(found)
    return bool(expected == found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labels", type=Path, default=CASES / "normalized")
    parser.add_argument("--lexicon-dir", type=Path, default=None)
    parser.add_argument("--only", nargs="*", default=[], help="case keys or @file")
    parser.add_argument("--exclude", nargs="*", default=[], help="case keys or @file")
    parser.add_argument("--misses", action="store_true", help="print each miss")
    args = parser.parse_args()
    only, exclude = _keys(args.only), _keys(args.exclude)
    lexicon = load_lexicon(args.lexicon_dir)

    right: Counter[str] = Counter()
    items = letters = 0
    for label_path in sorted(args.labels.glob("*.json")):
        label = json.loads(label_path.read_text(encoding="utf-8"))
        key = label["case_key"]
        if (only and key not in only) or key in exclude:
            continue
        _, raw = read_letter(_letter_path(key))
        parsed: dict[int, ItemRecord] = {
            i.item_number: i for i in transform_letter(raw, lexicon).items
        }
        letters += 1
        for expected in label["items"]:
            items += 1
            item = parsed.get(expected["item_number"])
            for name, attribute in FIELDS.items():
                found = None if item is None else getattr(item, attribute)
                if _same(expected[name], found):
                    right[name] += 1
                elif args.misses:
                    print(f"{key} #{expected['item_number']} {name}: expected "
                          f"{expected[name]!r}, found {found!r}  "
                          f"[{expected['request_text']}]")
    if not items:
        print("no labelled items selected", file=sys.stderr)
        return 1
    print(f"{letters} letters, {items} items, lexicon {lexicon.version}")
    for name in FIELDS:
        print(f"  {name:<22} {100 * right[name] / items:6.1f}%  ({right[name]}/{items})")
    every = sum(right.values()) / (items * len(FIELDS))
    print(f"  {'all fields':<22} {100 * every:6.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
