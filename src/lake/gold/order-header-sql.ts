import { dayQuery } from './day-scope-sql.js';

/**
 * gold_order_header: one row per order of the dates, whatever became of it (counts_as_revenue says
 * whether it is a sale); order_revenue is silver's net_revenue (0 unless it counts). total_items is
 * the number of lines, total_qty their quantities.
 */
export const ORDER_HEADER_SQL = dayQuery(
  `SELECT order_id, business_id, location_id, local_date, local_hour, placed_at, customer_id, service_type,
          status, payment_method, counts_as_revenue, net_revenue AS order_revenue, total, tax, tip,
          refunded_amount, total_qty, line_count AS total_items, brand_count AS brands_in_order
   FROM day_orders`,
);
