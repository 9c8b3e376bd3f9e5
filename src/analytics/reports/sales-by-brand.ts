import { averageMinor, share, toInt } from '../figures.js';
import type { Report } from '../report.js';
import { andBrand, inRange } from '../report-sql.js';

/**
 * Sales per brand, largest first, from gold_brand_sales_day: the orders with a line of the brand, the
 * brand's units and its revenue (its lines' price less line discounts, in orders that count). An order
 * with lines of two brands counts once for each, so orders do not add up to the business's; the shares
 * are of the brands' revenue. Names as on the brand's latest day in the range.
 */
export const salesByBrandReport: Report = {
  name: 'sales-by-brand',
  defaultPeriod: '30d',
  inputs: (filters) => [{ table: 'gold_brand_sales_day', range: { from: filters.from, to: filters.to } }],
  async run({ session, filters, locations }) {
    const rows = await session.rows<{
      brand_id: string;
      name: string | null;
      orders: string;
      units: string;
      sales: string;
    }>(
      `SELECT brand_id, arg_max(brand_name, local_date) AS name, sum(orders) AS orders,
              sum(items_sold) AS units, sum(brand_revenue) AS sales
         FROM gold_brand_sales_day WHERE ${inRange(filters)} ${andBrand(filters)}
        GROUP BY brand_id ORDER BY sales DESC, brand_id`,
    );
    const total = rows.reduce((sum, row) => sum + toInt(row.sales), 0);
    const brands = rows.map((row) => ({
      brandId: row.brand_id,
      name: row.name,
      orders: toInt(row.orders),
      units: toInt(row.units),
      salesMinor: toInt(row.sales),
      averageOrderValueMinor: averageMinor(toInt(row.sales), toInt(row.orders)),
      share: share(toInt(row.sales), total),
    }));
    return {
      body: {
        currency: locations.currency(filters.locationIds),
        brandId: filters.brandId,
        totalSalesMinor: total,
        brands,
      },
      table: {
        columns: [
          { name: 'brand_id', type: 'VARCHAR' },
          { name: 'name', type: 'VARCHAR' },
          { name: 'orders', type: 'BIGINT' },
          { name: 'units', type: 'BIGINT' },
          { name: 'sales_minor', type: 'BIGINT' },
          { name: 'average_order_value_minor', type: 'BIGINT' },
          { name: 'share', type: 'DOUBLE' },
        ],
        rows: brands.map((b) => ({
          brand_id: b.brandId,
          name: b.name,
          orders: b.orders,
          units: b.units,
          sales_minor: b.salesMinor,
          average_order_value_minor: b.averageOrderValueMinor,
          share: b.share,
        })),
      },
    };
  },
};
