-- The treatments most often approved on review, among those disputed at least 3 times.
-- Answers: which denials does IMR disagree with most?
SELECT
    treatment_name,
    items,
    overturned,
    overturn_rate
FROM v_overturn_by_treatment_name
WHERE items >= 3
ORDER BY overturn_rate DESC, items DESC, treatment_name
LIMIT 20;
