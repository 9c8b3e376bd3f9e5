/**
 * gold_feedback_day, per location and local date of the orders rated: ratings (how many gave a
 * rating) and rating_sum, so any range's average rating is Σ rating_sum ÷ Σ ratings; nps_responses,
 * promoters (NPS 9–10) and detractors (0–6), so any range's NPS is (promoters − detractors) ÷
 * responses. Every feedback counts, whatever became of its order since.
 */
export const FEEDBACK_DAY_SQL = `
SELECT f.business_id, f.location_id, f.local_date,
       count(f.rating) AS ratings, coalesce(sum(f.rating), 0) AS rating_sum,
       count(f.nps) AS nps_responses,
       count(*) FILTER (WHERE f.nps >= 9) AS promoters, count(*) FILTER (WHERE f.nps <= 6) AS detractors
FROM silver_feedback f
WHERE EXISTS (SELECT 1 FROM target_dates t WHERE t.business_id = f.business_id AND t.local_date = f.local_date)
GROUP BY f.business_id, f.location_id, f.local_date`;
