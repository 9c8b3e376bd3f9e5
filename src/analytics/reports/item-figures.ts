import { toDecimal, toInt } from '../figures.js';
import type { ReportInput } from '../report.js';
import type { Filters } from '../report-filters.js';
import type { ReportSession } from '../report-session.js';
import { andBrand, inRange } from '../report-sql.js';

export interface ItemFigures {
  itemId: string;
  name: string | null;
  category: string | null;
  quantity: number;
  revenueMinor: number;
  costMinor: number;
  profitMinor: number;
  /** profit ÷ revenue, 0..1 (4 decimals); null without revenue. */
  margin: number | null;
}

/**
 * gold_item_performance carries no brand; a brand's items are the ones gold_item_sales_day sold
 * under that brand in the same days, so a brand filter reads both (still gold only).
 */
export function itemInputs(filters: Filters): ReportInput[] {
  const range = { from: filters.from, to: filters.to };
  return filters.brandId === null
    ? [{ table: 'gold_item_performance', range }]
    : [
        { table: 'gold_item_performance', range },
        { table: 'gold_item_sales_day', range },
      ];
}

/** Quantity, revenue, cost and profit per item over the range, ordered by `order.by` (a column below). */
export async function itemFigures(
  session: ReportSession,
  filters: Filters,
  order: { by: 'revenue' | 'quantity' | 'profit'; limit?: number },
): Promise<ItemFigures[]> {
  if (!['revenue', 'quantity', 'profit'].includes(order.by))
    throw new Error(`unknown item order ${order.by}`);
  const brandItems =
    filters.brandId === null
      ? ''
      : `AND item_id IN (SELECT item_id FROM gold_item_sales_day WHERE ${inRange(filters)} ${andBrand(filters)})`;
  const rows = await session.rows<Record<string, string | null>>(
    `SELECT item_id, arg_max(item_name, local_date) AS name, arg_max(category_name, local_date) AS category,
            sum(quantity_sold) AS quantity, sum(revenue) AS revenue, sum(cost) AS cost, sum(profit) AS profit
       FROM gold_item_performance WHERE ${inRange(filters)} ${brandItems}
      GROUP BY item_id ORDER BY ${order.by} DESC, item_id
      ${order.limit === undefined ? '' : `LIMIT ${Math.trunc(order.limit)}`}`,
  );
  return rows.map((row) => {
    const revenue = toInt(row.revenue);
    const profit = toInt(row.profit);
    return {
      itemId: String(row.item_id),
      name: row.name ?? null,
      category: row.category ?? null,
      quantity: toInt(row.quantity),
      revenueMinor: revenue,
      costMinor: toInt(row.cost),
      profitMinor: profit,
      margin: revenue === 0 ? null : toDecimal(profit / revenue, 4),
    };
  });
}
