import { CHURN_WINDOW_DAYS } from './affected-periods.js';

const WINDOW = CHURN_WINDOW_DAYS;

/**
 * gold_metrics for the periods in work table `target_periods(business_id, grain, period_start,
 * period_end)`, from view `order_header_all` (the businesses' gold_order_header rows, at least those
 * of the periods) and work table `trailing_counts` (gold_trailing_customers' rows, windows ${WINDOW} and
 * ${2 * WINDOW} included, for every period_end: see trailing-customers-sql.ts), per location and for the
 * whole business (location_id NULL). A period's orders are those whose local_date lies in it.
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
 * Seen and active customers are the trailing distinct counts of the 180 and 90 days ending on
 * period_end, which gold_trailing_customers computes with running sums over the customers' visits:
 * a year of periods at once (a rebuild) costs about what one period does.
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
churn AS (
  -- From the distinct customers of the 2 × ${WINDOW} and the ${WINDOW} days ending on the period's last day
  -- (work table trailing_counts; a location's zero counts are left out there).
  SELECT t.business_id, coalesce(c.location_id, '*') AS scope, t.grain, t.period_start, t.period_end,
         coalesce(max(c.customers) FILTER (WHERE c.window_days = ${2 * WINDOW}), 0) AS seen,
         coalesce(max(c.customers) FILTER (WHERE c.window_days = ${WINDOW}), 0) AS active
  FROM target_periods t
  JOIN trailing_counts c ON c.business_id = t.business_id AND c.period_end = t.period_end
   AND c.window_days IN (${WINDOW}, ${2 * WINDOW})
  GROUP BY ALL
  HAVING seen > 0
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
