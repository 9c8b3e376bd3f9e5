import { toDecimal, toInt } from '../figures.js';
import type { Report } from '../report.js';
import { inRange } from '../report-sql.js';

/**
 * The money of paid orders (payment captured) placed in the range, summed from gold_financial_day:
 *   gross sales (line subtotals) − discounts (offers and loyalty) = net sales;
 *   tax, tips and delivery fees beside it; total collected = captured;
 *   refunds (attributed to the order's day, whenever refunded); net revenue = collected − refunds;
 *   COGS = the lines' cost (unit cost × qty); gross profit = net sales − refunds − COGS.
 * Refunds are deducted from sales in full: the lake does not split a refund into tax, tip and food.
 */
export const financialSummaryReport: Report = {
  name: 'financial-summary',
  defaultPeriod: '30d',
  goldVersion: 2,
  inputs: (filters) => [{ table: 'gold_financial_day', range: { from: filters.from, to: filters.to } }],
  async run({ session, filters, locations }) {
    const [row] = await session.rows<Record<string, string | null>>(
      `SELECT sum(paid_orders) AS orders, sum(gross_sales) AS gross, sum(discounts) AS discounts,
              sum(tax) AS tax, sum(tips) AS tips, sum(delivery_fees) AS fees, sum(collected) AS collected,
              sum(refunds) AS refunds, sum(cogs) AS cogs
         FROM gold_financial_day WHERE ${inRange(filters)}`,
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
