import { dayQuery } from './day-scope-sql.js';

/** gold_item_sales_day: units and gross revenue per item sold (orders that count as revenue). */
export const ITEM_SALES_DAY_SQL = dayQuery(
  `SELECT business_id, location_id, local_date, item_id, item_name, brand_id, category_id, category_name,
          units AS units_sold, gross AS gross_revenue
   FROM named_items`,
);

/**
 * gold_item_performance: per item sold, revenue = net (after the line's offer discount), cost = the
 * cost recorded on the lines (lines sold without a cost add nothing), profit = revenue − cost,
 * margin = profit / revenue (the reference's (price − cost) / price), NULL when revenue is 0.
 */
export const ITEM_PERFORMANCE_SQL = dayQuery(
  `SELECT business_id, location_id, local_date, item_id, item_name, category_name,
          units AS quantity_sold, net AS revenue, cost, net - cost AS profit,
          CASE WHEN net = 0 THEN NULL ELSE CAST(net - cost AS DOUBLE) / net END AS margin
   FROM named_items`,
);

/**
 * gold_brand_sales_day: exact distinct orders holding the brand, items sold and the brand's net
 * revenue (its lines after their offer discounts), orders that count as revenue.
 */
export const BRAND_SALES_DAY_SQL = dayQuery(
  `SELECT s.business_id, s.location_id, s.local_date, s.brand_id,
          coalesce(any_value(b.name), arg_max(s.brand_name, s.recency)) AS brand_name,
          count(DISTINCT s.order_id) AS orders, sum(s.qty) AS items_sold, sum(s.net) AS brand_revenue
   FROM sold s LEFT JOIN dim_brands b ON b.brand_id = s.brand_id AND b.business_id = s.business_id
   GROUP BY s.business_id, s.location_id, s.local_date, s.brand_id`,
);

/** gold_location_sales_hourly: sales (orders that count as revenue), revenue and tips per local hour. */
export const LOCATION_SALES_HOURLY_SQL = dayQuery(
  `SELECT business_id, location_id, local_date, local_hour AS hour,
          count(*) AS orders, sum(net_revenue) AS revenue, sum(tip) AS tips
   FROM day_orders WHERE counts_as_revenue
   GROUP BY business_id, location_id, local_date, local_hour`,
);
