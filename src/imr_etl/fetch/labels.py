"""The DWC search's labels in the warehouse's vocabulary, so the two can be compared."""

from __future__ import annotations

import re

# The search's case outcomes and treatment decisions, as v_case_outcomes and
# disputed_items.decision spell them.
_OUTCOMES = {
    "uphold": "upheld",
    "upheld": "upheld",
    "overturn": "overturned",
    "overturned": "overturned",
    "partial overturn": "partially_overturned",
    "partially overturned": "partially_overturned",
}


def warehouse_outcome(label: str) -> str | None:
    """'Partial Overturn' -> 'partially_overturned'; None for a label not seen before.

    >>> warehouse_outcome("Uphold"), warehouse_outcome("Partial Overturn")
    ('upheld', 'partially_overturned')
    """
    return _OUTCOMES.get(" ".join(label.lower().split()))


def category_code(label: str) -> str | None:
    """DWC's category name in lower snake case, as disputed_items.treatment_category.

    >>> category_code("Evaluation & Management"), category_code("DMEPOS")
    ('evaluation_and_management', 'dmepos')
    """
    words = re.findall(r"[a-z0-9]+", label.lower().replace("&", " and "))
    return "_".join(words) or None
