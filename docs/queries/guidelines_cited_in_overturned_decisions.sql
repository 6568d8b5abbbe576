-- The guidelines the IMRO cited most often when it overturned a denial.
-- Answers: which guideline documents support approvals? Every IMRO citation counts, not only
-- the first; "items" counts each overturned item once per guideline.
SELECT
    g.source,
    COALESCE(g.guideline, '(not named)') AS guideline,
    COUNT(*) AS citations,
    COUNT(DISTINCT g.item_id) AS items
FROM guideline_citations g
JOIN disputed_items d ON d.item_id = g.item_id
WHERE d.decision = 'overturned'
  AND g.cited_by = 'imro'
  AND g.source <> 'none'
GROUP BY g.source, COALESCE(g.guideline, '(not named)')
ORDER BY citations DESC, items DESC, g.source, guideline
LIMIT 20;
