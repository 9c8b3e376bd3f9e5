import { dayQuery } from './day-scope-sql.js';

/** Whether customer_id is a UUID written as DuckDB writes UUIDs (lower case, hyphenated), or NULL. */
const CANONICAL_UUID = `CAST(TRY_CAST(customer_id AS UUID) AS VARCHAR) IS NOT DISTINCT FROM customer_id`;

/** customer_uuid and customer_text from customer_id (see below): a SELECT list fragment. */
export const CUSTOMER_SPLIT_COLUMNS = `CASE WHEN ${CANONICAL_UUID} THEN TRY_CAST(customer_id AS UUID) END AS customer_uuid,
          CASE WHEN NOT ${CANONICAL_UUID} THEN customer_id END AS customer_text`;

/**
 * gold_order_header: one row per order of the dates, whatever became of it (counts_as_revenue says
 * whether it is a sale); order_revenue is silver's net_revenue (0 unless it counts). total_items is
 * the number of lines, total_qty their quantities.
 *
 * The customer id again, split for distinct counts over long ranges (analytics/report-sql.ts
 * DISTINCT_CUSTOMERS): customer_uuid when the id is a UUID in its canonical text (every id Brigade
 * issues), which DuckDB hashes as 16 bytes about 2.5× faster than the text; customer_text when it
 * is anything else (a foreign system's id). Canonical text and UUID value map one to one, so no
 * customer is in both columns and the sum of the two distinct counts is exact.
 */
export const ORDER_HEADER_SQL = dayQuery(
  `SELECT order_id, business_id, location_id, local_date, local_hour, placed_at, customer_id,
          ${CUSTOMER_SPLIT_COLUMNS}, service_type,
          status, payment_method, counts_as_revenue, net_revenue AS order_revenue, total, tax, tip,
          refunded_amount, total_qty, line_count AS total_items, brand_count AS brands_in_order
   FROM day_orders`,
);
