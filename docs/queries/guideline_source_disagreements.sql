-- The first guideline source each party relied on, paired, with the overturn rate of each pair.
-- Answers: is a denial overturned more often when the IMRO relies on another source (say ODG)
-- than the claims administrator did (say MTUS)? Items where either party cited nothing are
-- left out.
WITH first_citation AS (
    SELECT item_id, cited_by, source
    FROM guideline_citations
    WHERE position = 1
)
SELECT
    ca.source AS claims_administrator_source,
    imro.source AS imro_source,
    COUNT(*) AS items,
    SUM(CASE WHEN d.decision = 'overturned' THEN 1 ELSE 0 END) AS overturned,
    CAST(SUM(CASE WHEN d.decision = 'overturned' THEN 1 ELSE 0 END) AS DOUBLE PRECISION)
        / COUNT(*) AS overturn_rate
FROM disputed_items d
JOIN first_citation ca ON ca.item_id = d.item_id AND ca.cited_by = 'claims_administrator'
JOIN first_citation imro ON imro.item_id = d.item_id AND imro.cited_by = 'imro'
GROUP BY ca.source, imro.source
ORDER BY items DESC, claims_administrator_source, imro_source;
