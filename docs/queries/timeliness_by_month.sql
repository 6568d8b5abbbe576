-- Days from application to decision per month, against the statutory limit (time_limits).
-- Answers: how long do IMR decisions take, and how many are decided within 30 days?
SELECT
    t.decision_month,
    t.priority,
    t.letters,
    t.median_days_received_to_decision,
    t.mean_days_assigned_to_decision,
    t.within_limit_share,
    l.legal_source
FROM v_timeliness_by_month t
LEFT JOIN time_limits l
    ON l.measure = 'days_received_to_decision' AND l.priority = t.priority
ORDER BY t.decision_month, t.priority;
