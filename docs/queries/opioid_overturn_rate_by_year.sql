-- Overturn rate of opioid requests, by decision year.
-- Answers: are opioid denials overturned more or less often over the years?
-- Items from letters without a decision date (the 2014-15 format has no first page) are left out.
SELECT
    decision_year,
    COUNT(*) AS items,
    SUM(overturned) AS overturned,
    CAST(SUM(overturned) AS DOUBLE PRECISION) / COUNT(*) AS overturn_rate
FROM v_item_decisions
WHERE drug_class = 'opioid'
  AND decision_year IS NOT NULL
GROUP BY decision_year
ORDER BY decision_year;
