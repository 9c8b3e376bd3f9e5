import { share, toInt } from '../figures.js';
import type { Report } from '../report.js';
import { andBrand, inRange } from '../report-sql.js';

/**
 * Units and item revenue (line price × quantity, gold_item_sales_day) per menu category, largest
 * first, with each category's share of the revenue. Categories are named as on their latest day.
 */
export const salesByCategoryReport: Report = {
  name: 'sales-by-category',
  defaultPeriod: '30d',
  inputs: (filters) => [{ table: 'gold_item_sales_day', range: { from: filters.from, to: filters.to } }],
  async run({ session, filters, locations }) {
    const rows = await session.rows<{
      category_id: string | null;
      category_name: string | null;
      items: string;
      units: string;
      revenue: string;
    }>(
      `SELECT category_id, arg_max(category_name, local_date) AS category_name,
              count(DISTINCT item_id) AS items, sum(units_sold) AS units, sum(gross_revenue) AS revenue
         FROM gold_item_sales_day WHERE ${inRange(filters)} ${andBrand(filters)}
        GROUP BY category_id ORDER BY revenue DESC, category_id NULLS LAST`,
    );
    const total = rows.reduce((sum, row) => sum + toInt(row.revenue), 0);
    const categories = rows.map((row) => ({
      categoryId: row.category_id,
      name: row.category_name,
      items: toInt(row.items),
      units: toInt(row.units),
      revenueMinor: toInt(row.revenue),
      share: share(toInt(row.revenue), total),
    }));
    return {
      body: {
        currency: locations.currency(filters.locationIds),
        brandId: filters.brandId,
        totalRevenueMinor: total,
        categories,
      },
      table: {
        columns: [
          { name: 'category_id', type: 'VARCHAR' },
          { name: 'category_name', type: 'VARCHAR' },
          { name: 'items', type: 'BIGINT' },
          { name: 'units', type: 'BIGINT' },
          { name: 'revenue_minor', type: 'BIGINT' },
          { name: 'share', type: 'DOUBLE' },
        ],
        rows: categories.map((c) => ({
          category_id: c.categoryId,
          category_name: c.name,
          items: c.items,
          units: c.units,
          revenue_minor: c.revenueMinor,
          share: c.share,
        })),
      },
    };
  },
};
