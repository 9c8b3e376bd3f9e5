import { dayQuery } from './day-scope-sql.js';

/**
 * gold_financial_day, per location and local date with a paid order (payment captured, whatever
 * became of the order since): the money from gross to net, summed so any range adds up exactly —
 * paid_orders; gross_sales (Σ subtotal, the lines before discounts); discounts (offers and loyalty);
 * tax, tips, delivery_fees; collected (Σ captured); refunds (every refund on those orders, whenever it
 * was made); cogs (Σ the lines' extended cost; a line sold without a cost adds nothing).
 */
export const FINANCIAL_DAY_SQL = dayQuery(
  `SELECT p.business_id, p.location_id, p.local_date,
          count(*) AS paid_orders, sum(p.subtotal) AS gross_sales,
          sum(coalesce(p.discount, 0) + coalesce(p.loyalty_discount, 0)) AS discounts,
          sum(p.tax) AS tax, sum(p.tip) AS tips, sum(p.delivery_fee) AS delivery_fees,
          sum(p.captured_amount) AS collected, sum(p.refunded_amount) AS refunds,
          coalesce(sum(c.cost), 0) AS cogs
   FROM paid p LEFT JOIN paid_cost c USING (business_id, order_id)
   GROUP BY p.business_id, p.location_id, p.local_date`,
  [
    `paid AS (SELECT * FROM day_orders WHERE captured_amount > 0)`,
    `paid_cost AS (
      SELECT i.business_id, i.order_id, sum(i.extended_cost) AS cost
      FROM silver_order_items i JOIN paid p ON p.order_id = i.order_id AND p.business_id = i.business_id
      GROUP BY i.business_id, i.order_id
    )`,
  ],
);
