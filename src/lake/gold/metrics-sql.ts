import { CHURN_WINDOW_DAYS } from './affected-periods.js';

const WINDOW = CHURN_WINDOW_DAYS;

/**
 * gold_metrics for the periods in temp table `target_periods(business_id, grain, period_start,
 * period_end)`, from view `order_header_all` (the businesses' gold_order_header rows, at least those
 * of the periods and of their churn look-back), per location and for the whole business (location_id
 * NULL). A period's orders are those whose local_date lies in it.
 *
 * - revenue: Σ order_revenue (SMACKZ: totals excluding cancelled and refunded orders, less partial
 *   refunds; see silver orders);
 * - order_count: distinct orders that count as revenue; aov = revenue / order_count (NULL if none);
 * - customer_count: distinct signed-in customers with such an order (guests are not customers);
 * - repeat_rate: share of those customers with more than one such order in the period;
 * - fulfillment_rate: orders now completed or delivered ÷ every order placed in the period (cancelled,
 *   refunded and still open ones included: they are what fulfilment misses);
 * - churn_rate: of the customers seen (an order counting as revenue, at that location for a location
 *   row) in the 2 × 90 days up to period_end, the share with no such order in the last 90 days up to
 *   period_end (local dates period_end − 89 … period_end): lapsed ÷ seen, NULL when nobody was seen.
 *   The look-back is bounded on purpose: an all-time base would drift towards 100 % as a business
 *   ages, and would make one late order change every later period (affected-periods.ts relies on it).
 *   For a period still running, period_end is its last day even if in the future.
 * A period gets a row per location that had an order in it or a customer in its churn look-back.
 *
 * Churn is counted with running sums over days (see `steps`), not by joining each period with the
 * customers of its look-back: a year of periods at once (a rebuild) costs about what one period does.
 */
export const GOLD_METRICS_SQL = `
WITH scoped AS NOT MATERIALIZED (
  -- Not materialized: each use scans the headers with its own filters instead of copying them twice.
  SELECT business_id, order_id, local_date, customer_id, status, counts_as_revenue, order_revenue,
         location_id AS scope
  FROM order_header_all
  UNION ALL
  SELECT business_id, order_id, local_date, customer_id, status, counts_as_revenue, order_revenue, '*'
  FROM order_header_all
),
in_period AS (
  SELECT t.grain, t.period_start, t.period_end, s.*
  FROM target_periods t
  JOIN scoped s ON s.business_id = t.business_id AND s.local_date BETWEEN t.period_start AND t.period_end
),
figures AS (
  -- gold_order_header holds one row per order, so within a period and scope a count of rows is a
  -- count of distinct orders: no count(DISTINCT), which DuckDB runs slowly over few large groups.
  SELECT business_id, scope, grain, period_start, period_end,
         coalesce(sum(order_revenue) FILTER (WHERE counts_as_revenue), 0) AS revenue,
         count(*) FILTER (WHERE counts_as_revenue) AS order_count,
         count(*) AS placed,
         count(*) FILTER (WHERE status IN ('completed', 'delivered')) AS fulfilled
  FROM in_period GROUP BY business_id, scope, grain, period_start, period_end
),
period_customers AS (
  SELECT business_id, scope, grain, period_start, customer_id, count(*) AS orders FROM in_period
  WHERE counts_as_revenue AND customer_id IS NOT NULL
  GROUP BY business_id, scope, grain, period_start, customer_id
),
customers AS (
  SELECT business_id, scope, grain, period_start, count(*) AS customer_count,
         count(*) FILTER (WHERE orders > 1) AS repeaters
  FROM period_customers GROUP BY business_id, scope, grain, period_start
),
look_back AS (
  SELECT business_id, min(period_end) - ${2 * WINDOW - 1} AS first_day, max(period_end) AS last_day
  FROM target_periods GROUP BY business_id
),
visits AS (
  -- Every day a customer was seen in a scope (an order there counting as revenue), within the
  -- look-back of the periods.
  SELECT DISTINCT s.business_id, s.scope, s.customer_id, s.local_date
  FROM scoped s JOIN look_back b ON b.business_id = s.business_id AND s.local_date BETWEEN b.first_day AND b.last_day
  WHERE s.counts_as_revenue AND s.customer_id IS NOT NULL
),
spans AS (
  -- A visit is a customer's last one from its day until the next visit: that is when it decides
  -- whether the customer was seen (within ${2 * WINDOW} days) and active (within ${WINDOW}).
  SELECT business_id, scope, local_date AS seen_on,
         lead(local_date) OVER (PARTITION BY business_id, scope, customer_id ORDER BY local_date) AS next_visit
  FROM visits
),
steps AS (
  -- So each visit counts a customer as seen on the days [seen_on, min(next_visit, seen_on + ${2 * WINDOW}))
  -- and as active on [seen_on, min(next_visit, seen_on + ${WINDOW})): +1 where a span starts, -1 where it
  -- ends. A customer's spans never overlap, so the running sum of the steps up to a day is the number of
  -- customers seen (active) on that day. Every span that reaches a period's end starts inside its
  -- look-back, so the headers of the look-back suffice.
  SELECT business_id, scope, seen_on AS day, 1 AS seen, 1 AS active FROM spans
  UNION ALL
  SELECT business_id, scope, least(coalesce(next_visit, seen_on + ${2 * WINDOW}), seen_on + ${2 * WINDOW}), -1, 0
  FROM spans
  UNION ALL
  SELECT business_id, scope, least(coalesce(next_visit, seen_on + ${WINDOW}), seen_on + ${WINDOW}), 0, -1
  FROM spans
),
daily_steps AS (
  SELECT business_id, scope, day, sum(seen) AS seen, sum(active) AS active FROM steps
  GROUP BY business_id, scope, day
),
churn AS (
  -- Linear in the customer-days, whatever the number of periods: no period is joined with customers.
  SELECT t.business_id, d.scope, t.grain, t.period_start, t.period_end, sum(d.seen) AS seen,
         sum(d.active) AS active
  FROM target_periods t
  JOIN daily_steps d ON d.business_id = t.business_id AND d.day <= t.period_end
  GROUP BY t.business_id, d.scope, t.grain, t.period_start, t.period_end
  HAVING sum(d.seen) > 0
),
period_keys AS (
  SELECT business_id, scope, grain, period_start, period_end FROM figures
  UNION
  SELECT business_id, scope, grain, period_start, period_end FROM churn
)
SELECT k.business_id, CASE WHEN k.scope = '*' THEN NULL ELSE k.scope END AS location_id,
       k.grain, k.period_start, k.period_end,
       coalesce(f.revenue, 0) AS revenue,
       CAST(f.revenue AS DOUBLE) / nullif(f.order_count, 0) AS aov,
       coalesce(f.order_count, 0) AS order_count,
       coalesce(u.customer_count, 0) AS customer_count,
       CAST(coalesce(u.repeaters, 0) AS DOUBLE) / nullif(u.customer_count, 0) AS repeat_rate,
       CAST(f.fulfilled AS DOUBLE) / nullif(f.placed, 0) AS fulfillment_rate,
       CAST(c.seen - c.active AS DOUBLE) / nullif(c.seen, 0) AS churn_rate,
       strftime(k.period_start, '%Y-%m') AS period_month
FROM period_keys k
LEFT JOIN figures f USING (business_id, scope, grain, period_start)
LEFT JOIN customers u USING (business_id, scope, grain, period_start)
LEFT JOIN churn c USING (business_id, scope, grain, period_start)`;
