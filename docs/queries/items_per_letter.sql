-- How many disputed items a letter carries: the number of letters for each item count.
-- Answers: how often does one IMR decide several treatments at once?
SELECT
    items AS items_per_letter,
    COUNT(*) AS letters,
    SUM(CASE WHEN outcome = 'partially_overturned' THEN 1 ELSE 0 END) AS partially_overturned
FROM v_case_outcomes
GROUP BY items
ORDER BY items;
