-- Overturn rate for each reviewer specialty and treatment category with at least 5 items.
-- Answers: do reviewers of some specialties approve some kinds of treatment more often?
SELECT
    reviewer_specialty,
    treatment_category,
    COUNT(*) AS items,
    SUM(overturned) AS overturned,
    CAST(SUM(overturned) AS DOUBLE PRECISION) / COUNT(*) AS overturn_rate
FROM v_item_decisions
WHERE reviewer_specialty IS NOT NULL
  AND treatment_category IS NOT NULL
GROUP BY reviewer_specialty, treatment_category
HAVING COUNT(*) >= 5
ORDER BY overturn_rate DESC, items DESC, reviewer_specialty, treatment_category;
