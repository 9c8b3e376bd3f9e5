import { averageMinor, share, toInt, toIntOrNull } from '../figures.js';
import type { Report } from '../report.js';
import { andBrand, DISTINCT_CUSTOMERS, inRange } from '../report-sql.js';

/**
 * Sales per location, largest first, with names from the lake's location snapshot. For the whole
 * business: orders, sales, tips, cancellations (gold daily summary) and distinct customers (gold order
 * header). For a brand: the brand's orders and revenue (gold_brand_sales_day); tips, customers and
 * cancellations belong to whole orders and are null.
 */
export const salesByLocationReport: Report = {
  name: 'sales-by-location',
  defaultPeriod: '30d',
  goldVersion: 4,
  inputs: (filters) => {
    const range = { from: filters.from, to: filters.to };
    return filters.brandId === null
      ? [
          { table: 'gold_daily_sales_summary', range },
          { table: 'gold_order_header', range },
        ]
      : [{ table: 'gold_brand_sales_day', range }];
  },
  async run({ session, filters, locations }) {
    const rows = await session.rows<{
      location_id: string;
      orders: string;
      sales: string;
      tips: string | null;
      cancellations: string | null;
      customers: string | null;
    }>(
      filters.brandId === null
        ? `WITH sales AS (
             SELECT location_id, sum(total_orders) AS orders, sum(total_sales) AS sales, sum(total_tips) AS tips,
                    sum(cancelled_orders) AS cancellations
               FROM gold_daily_sales_summary WHERE ${inRange(filters)} GROUP BY ALL),
           customers AS (
             SELECT location_id, ${DISTINCT_CUSTOMERS} AS customers
               FROM gold_order_header WHERE counts_as_revenue AND ${inRange(filters)}
              GROUP BY ALL)
           SELECT s.*, coalesce(c.customers, 0) AS customers
             FROM sales s LEFT JOIN customers c USING (location_id) ORDER BY sales DESC, location_id`
        : `SELECT location_id, sum(orders) AS orders, sum(brand_revenue) AS sales, NULL AS tips,
                  NULL AS cancellations, NULL AS customers
             FROM gold_brand_sales_day WHERE ${inRange(filters)} ${andBrand(filters)}
            GROUP BY ALL ORDER BY sales DESC, location_id`,
    );
    const total = rows.reduce((sum, row) => sum + toInt(row.sales), 0);
    const list = rows.map((row) => ({
      locationId: row.location_id,
      name: locations.get(row.location_id)?.name ?? null,
      orders: toInt(row.orders),
      salesMinor: toInt(row.sales),
      averageOrderValueMinor: averageMinor(toInt(row.sales), toInt(row.orders)),
      tipsMinor: toIntOrNull(row.tips),
      customers: toIntOrNull(row.customers),
      cancellations: toIntOrNull(row.cancellations),
      share: share(toInt(row.sales), total),
    }));
    return {
      body: {
        currency: locations.currency(filters.locationIds),
        brandId: filters.brandId,
        totalSalesMinor: total,
        locations: list,
      },
      table: {
        columns: [
          { name: 'location_id', type: 'VARCHAR' },
          { name: 'name', type: 'VARCHAR' },
          { name: 'orders', type: 'BIGINT' },
          { name: 'sales_minor', type: 'BIGINT' },
          { name: 'average_order_value_minor', type: 'BIGINT' },
          { name: 'tips_minor', type: 'BIGINT' },
          { name: 'customers', type: 'BIGINT' },
          { name: 'cancellations', type: 'BIGINT' },
          { name: 'share', type: 'DOUBLE' },
        ],
        rows: list.map((l) => ({
          location_id: l.locationId,
          name: l.name,
          orders: l.orders,
          sales_minor: l.salesMinor,
          average_order_value_minor: l.averageOrderValueMinor,
          tips_minor: l.tipsMinor,
          customers: l.customers,
          cancellations: l.cancellations,
          share: l.share,
        })),
      },
    };
  },
};
