-- PostgreSQL: letters whose clinical summary mentions a urine drug screen (GIN tsvector index).
-- Answers: the same as search_clinical_summaries.sqlite.sql, with the same rows.
SELECT
    o.case_number,
    o.decision_month,
    o.items,
    o.outcome
FROM cases c
JOIN v_case_outcomes o ON o.case_id = c.case_id
WHERE to_tsvector('simple'::regconfig,
                  regexp_replace(c.clinical_summary, '[^[:alnum:]]+', ' ', 'g'))
      @@ phraseto_tsquery('simple'::regconfig, 'urine drug screen')
ORDER BY o.case_key;
