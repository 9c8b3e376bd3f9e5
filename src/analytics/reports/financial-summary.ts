import { toDecimal, toInt } from '../figures.js';
import type { Report } from '../report.js';
import { inRange } from '../report-sql.js';

/**
 * The money of paid orders (payment captured) placed in the range, from silver orders and lines:
 *   gross sales (line subtotals) − discounts (offers and loyalty) = net sales;
 *   tax, tips and delivery fees beside it; total collected = captured;
 *   refunds (attributed to the order's day, whenever refunded); net revenue = collected − refunds;
 *   COGS = the lines' cost (unit cost × qty); gross profit = net sales − refunds − COGS.
 * Refunds are deducted from sales in full: the lake does not split a refund into tax, tip and food.
 */
export const financialSummaryReport: Report = {
  name: 'financial-summary',
  defaultPeriod: '30d',
  inputs: (filters) => {
    const range = { from: filters.from, to: filters.to };
    return [
      { table: 'orders', range },
      { table: 'order_items', range },
    ];
  },
  async run({ session, filters, locations }) {
    const [row] = await session.rows<Record<string, string | null>>(
      `WITH paid AS (SELECT * FROM orders WHERE captured_amount > 0 AND ${inRange(filters)})
       SELECT count(*) AS orders, sum(subtotal) AS gross, sum(coalesce(discount, 0) + coalesce(loyalty_discount, 0)) AS discounts,
              sum(tax) AS tax, sum(tip) AS tips, sum(delivery_fee) AS fees, sum(captured_amount) AS collected,
              sum(refunded_amount) AS refunds,
              (SELECT sum(extended_cost) FROM order_items WHERE order_id IN (SELECT order_id FROM paid)) AS cogs
         FROM paid`,
    );
    const gross = toInt(row?.gross);
    const discounts = toInt(row?.discounts);
    const netSales = gross - discounts;
    const collected = toInt(row?.collected);
    const refunds = toInt(row?.refunds);
    const cogs = toInt(row?.cogs);
    const grossProfit = netSales - refunds - cogs;
    const summary = {
      orders: toInt(row?.orders),
      grossSalesMinor: gross,
      discountsMinor: discounts,
      netSalesMinor: netSales,
      taxMinor: toInt(row?.tax),
      tipsMinor: toInt(row?.tips),
      deliveryFeesMinor: toInt(row?.fees),
      totalCollectedMinor: collected,
      refundsMinor: refunds,
      netRevenueMinor: collected - refunds,
      cogsMinor: cogs,
      grossProfitMinor: grossProfit,
      grossMargin: netSales - refunds === 0 ? null : toDecimal(grossProfit / (netSales - refunds), 4),
    };
    const lines: [string, number][] = [
      ['orders', summary.orders],
      ['gross_sales', gross],
      ['discounts', discounts],
      ['net_sales', netSales],
      ['tax', summary.taxMinor],
      ['tips', summary.tipsMinor],
      ['delivery_fees', summary.deliveryFeesMinor],
      ['total_collected', collected],
      ['refunds', refunds],
      ['net_revenue', summary.netRevenueMinor],
      ['cogs', cogs],
      ['gross_profit', grossProfit],
    ];
    return {
      body: { currency: locations.currency(filters.locationIds), ...summary },
      table: {
        columns: [
          { name: 'line', type: 'VARCHAR' },
          { name: 'amount', type: 'BIGINT' },
        ],
        rows: lines.map(([line, amount]) => ({ line, amount })),
      },
    };
  },
};
