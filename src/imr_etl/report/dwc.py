"""The --vs-dwc report: how far the parsed letters agree with the DWC search's labels."""

from __future__ import annotations

from imr_etl.db.dwc import Agreement


def render_agreement(listed: int, loaded: int, measures: list[Agreement]) -> str:
    """Plain text: one line per measure, with the pairs compared and the agreement rate."""
    if not listed:
        return ("No DWC search labels in the warehouse: run `imr-etl fetch` (or `nightly`) "
                "first.\n")
    lines = [f"DWC decision search vs parsed letters: {listed} letters listed, "
             f"{loaded} of them loaded", ""]
    width = max(len(measure.measure) for measure in measures)
    lines.append(f"  {'Compared':<{width}}  {'pairs':>7}  {'agree':>7}  {'rate':>7}")
    for measure in measures:
        rate = "-" if measure.rate is None else f"{measure.rate:.1%}"
        lines.append(f"  {measure.measure:<{width}}  {measure.compared:>7,}  "
                     f"{measure.agreeing:>7,}  {rate:>7}")
    lines += ["", "Disagreements, row by row: SELECT * FROM v_dwc_case_agreement WHERE "
                  "outcome_agrees = 0; v_dwc_item_agreement likewise."]
    return "\n".join(lines) + "\n"
