-- SQLite: letters whose clinical summary mentions a urine drug screen (FTS5 index cases_fts).
-- Answers: how are cases with drug screening in their history decided?
SELECT
    o.case_number,
    o.decision_month,
    o.items,
    o.outcome
FROM cases_fts f
JOIN v_case_outcomes o ON o.case_id = f.rowid
WHERE cases_fts MATCH '"urine drug screen"'
ORDER BY o.case_key;
