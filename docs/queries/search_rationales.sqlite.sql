-- SQLite: items whose rationale says "functional improvement" (FTS5 index disputed_items_fts).
-- Answers: which decisions turn on documented functional improvement, and how did they go?
-- Change the phrase inside the double quotes; 'rationale :' limits it to that column.
SELECT
    c.case_number,
    d.item_number,
    d.decision,
    d.treatment_category,
    d.request_text
FROM disputed_items_fts f
JOIN disputed_items d ON d.item_id = f.rowid
JOIN cases c ON c.case_id = d.case_id
WHERE disputed_items_fts MATCH 'rationale : "functional improvement"'
ORDER BY c.case_key, d.item_number;
