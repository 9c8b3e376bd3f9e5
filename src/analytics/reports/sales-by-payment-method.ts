import { averageMinor, share, toInt } from '../figures.js';
import type { Report } from '../report.js';
import { inRange } from '../report-sql.js';

/** Orders and sales (order revenue of orders that count, gold_order_header) per payment method. */
export const salesByPaymentMethodReport: Report = {
  name: 'sales-by-payment-method',
  defaultPeriod: '30d',
  inputs: (filters) => [{ table: 'gold_order_header', range: { from: filters.from, to: filters.to } }],
  async run({ session, filters, locations }) {
    const rows = await session.rows<{ method: string; orders: string; sales: string }>(
      `SELECT coalesce(payment_method, 'unknown') AS method, count(*) AS orders, sum(order_revenue) AS sales
         FROM gold_order_header WHERE counts_as_revenue AND ${inRange(filters)}
        GROUP BY ALL ORDER BY sales DESC, method`,
    );
    const total = rows.reduce((sum, row) => sum + toInt(row.sales), 0);
    const methods = rows.map((row) => ({
      method: row.method,
      orders: toInt(row.orders),
      salesMinor: toInt(row.sales),
      averageOrderValueMinor: averageMinor(toInt(row.sales), toInt(row.orders)),
      share: share(toInt(row.sales), total),
    }));
    return {
      body: { currency: locations.currency(filters.locationIds), totalSalesMinor: total, methods },
      table: {
        columns: [
          { name: 'method', type: 'VARCHAR' },
          { name: 'orders', type: 'BIGINT' },
          { name: 'sales_minor', type: 'BIGINT' },
          { name: 'average_order_value_minor', type: 'BIGINT' },
          { name: 'share', type: 'DOUBLE' },
        ],
        rows: methods.map((m) => ({
          method: m.method,
          orders: m.orders,
          sales_minor: m.salesMinor,
          average_order_value_minor: m.averageOrderValueMinor,
          share: m.share,
        })),
      },
    };
  },
};
