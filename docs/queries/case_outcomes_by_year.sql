-- Case-level outcomes as DWC reports them (upheld, partially overturned, overturned), by year.
-- Answers: what share of letters approve at least part of the disputed treatment?
-- Letters without a decision date are counted under a NULL year, listed last.
SELECT
    decision_year,
    outcome,
    COUNT(*) AS letters
FROM v_case_outcomes
WHERE outcome IS NOT NULL
GROUP BY decision_year, outcome
ORDER BY CASE WHEN decision_year IS NULL THEN 1 ELSE 0 END, decision_year, outcome;
