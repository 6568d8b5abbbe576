-- Overturn rate of modified requests (the remainder after a partial authorization) vs denials.
-- Answers: does the IMR side with the claims administrator more when it already gave part?
SELECT
    CASE modified_request WHEN 1 THEN 'modified' ELSE 'denied' END AS request,
    items,
    overturned,
    overturn_rate,
    rate_low,
    rate_high
FROM v_overturn_by_modified_request
ORDER BY modified_request;
