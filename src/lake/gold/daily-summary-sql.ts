import { dayQuery } from './day-scope-sql.js';

/**
 * gold_daily_sales_summary, per location and local date with any order:
 * - sales figures over the orders that count as revenue: total_sales (Σ net revenue), total_orders,
 *   total_customers (distinct signed-in customers; guests are not counted), avg_order_value =
 *   total_sales / total_orders (NULL without sales), total_tips, total_tax;
 * - cancelled_orders: orders of the day now cancelled; refunded_amount: all money returned on the
 *   day's orders (partial and full refunds, and the compensation of cancelled orders);
 * - payment_methods: {"<method>": {"orders": n, "amount": Σ net revenue}} over the sales (the method
 *   of the order's first payment), summing to total_sales;
 * - top_items: the 5 items with the highest net revenue, ties by item_id:
 *   [{item_id, name, quantity, revenue}].
 */
export const DAILY_SALES_SUMMARY_SQL = dayQuery(
  `SELECT d.business_id, d.location_id, d.local_date,
          coalesce(sum(d.net_revenue) FILTER (WHERE d.counts_as_revenue), 0) AS total_sales,
          count(*) FILTER (WHERE d.counts_as_revenue) AS total_orders,
          count(DISTINCT d.customer_id) FILTER (WHERE d.counts_as_revenue) AS total_customers,
          CAST(sum(d.net_revenue) FILTER (WHERE d.counts_as_revenue) AS DOUBLE)
            / nullif(count(*) FILTER (WHERE d.counts_as_revenue), 0) AS avg_order_value,
          coalesce(sum(d.tip) FILTER (WHERE d.counts_as_revenue), 0) AS total_tips,
          coalesce(sum(d.tax) FILTER (WHERE d.counts_as_revenue), 0) AS total_tax,
          count(*) FILTER (WHERE d.is_cancelled) AS cancelled_orders,
          sum(d.refunded_amount) AS refunded_amount,
          coalesce(any_value(m.methods), '{}') AS payment_methods,
          coalesce(any_value(t.items), '[]') AS top_items
   FROM day_orders d
   LEFT JOIN methods m USING (business_id, location_id, local_date)
   LEFT JOIN top t USING (business_id, location_id, local_date)
   GROUP BY d.business_id, d.location_id, d.local_date`,
  [
    `method_sales AS (
      SELECT business_id, location_id, local_date, coalesce(payment_method, 'unknown') AS method,
             count(*) AS orders, CAST(sum(net_revenue) AS BIGINT) AS amount
      FROM day_orders WHERE counts_as_revenue GROUP BY ALL
    )`,
    `methods AS (
      SELECT business_id, location_id, local_date,
             json_group_object(method, json_object('orders', orders, 'amount', amount)) AS methods
      FROM method_sales GROUP BY ALL
    )`,
    `ranked AS (
      SELECT *, row_number() OVER (PARTITION BY business_id, location_id, local_date
                                   ORDER BY net DESC, item_id) AS rank
      FROM named_items
    )`,
    `top AS (
      SELECT business_id, location_id, local_date,
             CAST(list(json_object('item_id', item_id, 'name', item_name, 'quantity', CAST(units AS BIGINT),
                                   'revenue', CAST(net AS BIGINT)) ORDER BY rank) AS JSON) AS items
      FROM ranked WHERE rank <= 5 GROUP BY ALL
    )`,
  ],
);
