import { LONGEST_TRAILING_WINDOW, TRAILING_WINDOWS } from './affected-periods.js';

/**
 * gold_trailing_customers: for each day and window (TRAILING_WINDOWS: 1, 7, 30, 90, 180, 365 days),
 * the distinct customers with an order counting as revenue (signed in; guests are not customers) on a
 * local date in the window's days ending that day, per location and for the whole business
 * (location_id NULL). A target day gets a business-wide row for every window even when it is zero, so
 * a reader knows the day was computed; a location's row is left out where its count is zero.
 * gold_metrics takes its churn from the 180- and 90-day counts at a period's end.
 *
 * Counted with running sums: a customer's visit (a day with such an order) keeps them counted for W
 * days or until their next visit, whichever comes first; those spans never overlap, so +1 where one
 * starts and −1 where it ends, summed up to a day, is the number of distinct customers in the W days
 * ending then. A customer's second order on a day (in a scope) is followed by the next one on the same
 * day, a span of zero days, which adds nothing: no DISTINCT is needed.
 *
 * The visits are split at a day per business (`trailing_split(business_id, split_day)`, at most the
 * first target day): the steps of the visits before it change only when those days' orders do, so the
 * writer computes them once (TRAILING_REFRESH_SQL, into work tables `trailing_old_steps` and
 * `trailing_old_last`) and keeps them while the split day and those orders stay the same — a live
 * flush then reads only the visits from the split on (today's), not a year of them. The result does
 * not depend on where the split is.
 */

const LONGEST = LONGEST_TRAILING_WINDOW;

/**
 * Every visit before the split day within the longest window before it, with the customer's next
 * visit before the split (NULL for the last one), from view `order_header_all`, for the businesses of
 * work table `trailing_refresh(business_id, split_day)`.
 */
const OLD_SPANS_SQL = `
WITH orders AS NOT MATERIALIZED (
  SELECT h.business_id, h.location_id, h.customer_id, h.local_date
  FROM order_header_all h JOIN trailing_refresh s
    ON s.business_id = h.business_id AND h.local_date BETWEEN s.split_day - ${LONGEST - 1} AND s.split_day - 1
  WHERE h.counts_as_revenue AND h.customer_id IS NOT NULL
),
visits AS (
  SELECT business_id, location_id AS scope, customer_id, local_date FROM orders
  UNION ALL
  SELECT business_id, '*', customer_id, local_date FROM orders
)
SELECT business_id, scope, customer_id, local_date,
       lead(local_date) OVER (PARTITION BY business_id, scope, customer_id ORDER BY local_date) AS next_visit
FROM visits`;

/**
 * The daily steps of the visits before the split (work table `trailing_old_spans`), per window: a
 * customer's last visit before the split ends at seen_on + W, as if they never came back.
 */
const OLD_STEPS_SQL = `
WITH windows AS (SELECT unnest([${TRAILING_WINDOWS.join(', ')}]) AS window_days),
spans AS (
  SELECT business_id, scope, local_date AS seen_on,
         CAST(least(coalesce(next_visit - local_date, ${LONGEST}), ${LONGEST}) AS INTEGER) AS gap, count(*) AS customers
  FROM trailing_old_spans GROUP BY ALL
),
steps AS (
  SELECT business_id, scope, window_days, seen_on AS day, customers AS step FROM spans, windows
  UNION ALL
  SELECT business_id, scope, window_days, seen_on + least(gap, window_days), -customers FROM spans, windows
)
SELECT business_id, scope, window_days, day, sum(step) AS step FROM steps GROUP BY ALL`;

/** Each customer's last visit before the split, per scope (work table `trailing_old_spans`). */
const OLD_LAST_SQL = `
SELECT business_id, scope, customer_id, local_date AS last_visit FROM trailing_old_spans WHERE next_visit IS NULL`;

/**
 * The rows for the days in work table `target_ends(business_id, period_end)` (none before its
 * business's split day), from `trailing_old_steps`, `trailing_old_last` and the visits from the split
 * on in view `order_header_all`.
 */
export const TRAILING_CUSTOMERS_SQL = `
WITH windows AS (SELECT unnest([${TRAILING_WINDOWS.join(', ')}]) AS window_days),
last_days AS (SELECT business_id, max(period_end) AS last_day FROM target_ends GROUP BY business_id),
orders AS NOT MATERIALIZED (
  SELECT h.business_id, h.location_id, h.customer_id, h.local_date
  FROM order_header_all h
  JOIN trailing_split s ON s.business_id = h.business_id AND h.local_date >= s.split_day
  JOIN last_days l ON l.business_id = h.business_id AND h.local_date <= l.last_day
  WHERE h.counts_as_revenue AND h.customer_id IS NOT NULL
),
new_visits AS (
  SELECT business_id, location_id AS scope, customer_id, local_date FROM orders
  UNION ALL
  SELECT business_id, '*', customer_id, local_date FROM orders
),
reopened AS (
  -- The last visit before the split of each customer who came back after it: its span now ends at
  -- the next visit.
  SELECT o.business_id, o.scope, o.customer_id, o.last_visit AS local_date
  FROM trailing_old_last o
  SEMI JOIN new_visits n ON n.business_id = o.business_id AND n.scope = o.scope AND n.customer_id = o.customer_id
),
spans AS (
  SELECT business_id, scope, local_date AS seen_on, is_reopened,
         CAST(least(coalesce(next_visit - local_date, ${LONGEST}), ${LONGEST}) AS INTEGER) AS gap, count(*) AS customers
  FROM (SELECT *, lead(local_date) OVER (PARTITION BY business_id, scope, customer_id ORDER BY local_date) AS next_visit
        FROM (SELECT *, true AS is_reopened FROM reopened UNION ALL SELECT *, false FROM new_visits))
  GROUP BY ALL
),
steps AS (
  SELECT o.business_id, o.scope, o.window_days, o.day, o.step
  FROM trailing_old_steps o SEMI JOIN trailing_split s ON s.business_id = o.business_id
  UNION ALL
  -- A reopened span: take back the end the old steps gave it (seen_on + W) and end it at the next visit.
  SELECT business_id, scope, window_days, seen_on + window_days, customers FROM spans, windows WHERE is_reopened
  UNION ALL
  SELECT business_id, scope, window_days, seen_on + least(gap, window_days), -customers FROM spans, windows
  UNION ALL
  SELECT business_id, scope, window_days, seen_on, customers FROM spans, windows WHERE NOT is_reopened
),
running AS (
  SELECT business_id, scope, window_days, day,
         sum(sum(step)) OVER (PARTITION BY business_id, scope, window_days ORDER BY day) AS customers
  FROM steps GROUP BY business_id, scope, window_days, day
),
scopes AS (
  SELECT DISTINCT business_id, scope, window_days FROM running
  UNION
  SELECT DISTINCT business_id, '*', window_days FROM target_ends, windows
),
wanted AS (
  SELECT t.business_id, s.scope, s.window_days, t.period_end
  FROM target_ends t JOIN scopes s USING (business_id)
)
SELECT w.business_id, CASE WHEN w.scope = '*' THEN NULL ELSE w.scope END AS location_id, w.period_end,
       w.window_days, coalesce(r.customers, 0) AS customers, strftime(w.period_end, '%Y-%m') AS period_month
FROM wanted w ASOF LEFT JOIN running r
  ON r.business_id = w.business_id AND r.scope = w.scope AND r.window_days = w.window_days
 AND r.day <= w.period_end
WHERE w.scope = '*' OR coalesce(r.customers, 0) > 0`;

/** The work tables of the kept visits before the split (and the writer's key of what they hold). */
export const TRAILING_KEPT_TABLES_SQL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS trailing_old_steps
     (business_id VARCHAR, scope VARCHAR, window_days INTEGER, day DATE, step HUGEINT)`,
  `CREATE TABLE IF NOT EXISTS trailing_old_last
     (business_id VARCHAR, scope VARCHAR, customer_id VARCHAR, last_visit DATE)`,
  'CREATE TABLE IF NOT EXISTS trailing_old_key (business_id VARCHAR, split_day VARCHAR, files_hash VARCHAR)',
];

/**
 * Replaces the kept steps and last visits before the split of the businesses in work table
 * `trailing_refresh(business_id, split_day)`: the statements, in order.
 */
export const TRAILING_REFRESH_SQL: readonly string[] = [
  ...TRAILING_KEPT_TABLES_SQL,
  `CREATE OR REPLACE TABLE trailing_old_spans AS ${OLD_SPANS_SQL}`,
  'DELETE FROM trailing_old_steps WHERE business_id IN (SELECT business_id FROM trailing_refresh)',
  `INSERT INTO trailing_old_steps ${OLD_STEPS_SQL}`,
  'DELETE FROM trailing_old_last WHERE business_id IN (SELECT business_id FROM trailing_refresh)',
  `INSERT INTO trailing_old_last ${OLD_LAST_SQL}`,
  'DROP TABLE trailing_old_spans',
];
