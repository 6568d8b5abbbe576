-- PostgreSQL: items whose rationale says "functional improvement" (GIN index on a tsvector).
-- Answers: the same as search_rationales.sqlite.sql, with the same rows. The expression must
-- be written exactly so for the index ix_disputed_items_rationale_fts to serve it.
SELECT
    c.case_number,
    d.item_number,
    d.decision,
    d.treatment_category,
    d.request_text
FROM disputed_items d
JOIN cases c ON c.case_id = d.case_id
WHERE to_tsvector('simple'::regconfig, regexp_replace(d.rationale, '[^[:alnum:]]+', ' ', 'g'))
      @@ phraseto_tsquery('simple'::regconfig, 'functional improvement')
ORDER BY c.case_key, d.item_number;
