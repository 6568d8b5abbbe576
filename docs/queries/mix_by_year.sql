-- The published shares per decision year: pharmaceuticals among items, opioids among them.
-- Answers: is the drug share of IMR disputes falling, as DWC and CWCI report?
SELECT
    decision_year,
    SUM(letters) AS letters,
    SUM(items) AS items,
    CAST(SUM(items) AS DOUBLE PRECISION) / SUM(letters) AS items_per_letter,
    CAST(SUM(pharmaceutical_items) AS DOUBLE PRECISION) / SUM(items) AS pharmaceutical_share,
    CASE WHEN SUM(pharmaceutical_items) > 0
         THEN CAST(SUM(opioid_items) AS DOUBLE PRECISION) / SUM(pharmaceutical_items)
    END AS opioid_share_of_pharmaceuticals
FROM v_mix_by_decision_month
GROUP BY decision_year
HAVING SUM(items) > 0
ORDER BY decision_year;
