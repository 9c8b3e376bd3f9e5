/** Queries to start from, over views every business has (docs/analytics.md lists them all). */
export const SQL_EXAMPLES: readonly { label: string; sql: string }[] = [
  {
    label: 'Sales by day',
    sql: `SELECT local_date, sum(total_orders) AS orders, sum(total_sales) AS sales_minor
FROM gold_daily_sales_summary
GROUP BY local_date
ORDER BY local_date`,
  },
  {
    label: 'Orders by hour today',
    sql: `SELECT hour, sum(orders) AS orders, sum(revenue) AS revenue_minor
FROM gold_location_sales_hourly
WHERE local_date = current_date
GROUP BY hour
ORDER BY hour`,
  },
  {
    label: 'Top items',
    sql: `SELECT item_name, sum(units_sold) AS units, sum(gross_revenue) AS revenue_minor
FROM gold_item_sales_day
GROUP BY item_name
ORDER BY revenue_minor DESC
LIMIT 20`,
  },
  {
    label: 'Latest orders',
    sql: `SELECT placed_at, service_type, status, total, currency
FROM orders
ORDER BY placed_at DESC
LIMIT 100`,
  },
  {
    label: 'Menu prices and margins',
    sql: `SELECT name, station, price, cost, price - cost AS margin
FROM dim_items
WHERE NOT deleted
ORDER BY margin DESC`,
  },
];
