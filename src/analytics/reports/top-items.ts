import type { Report } from '../report.js';
import { itemFigures, itemInputs } from './item-figures.js';

export const ITEM_METRICS = ['revenue', 'quantity', 'profit'] as const;
export type ItemMetric = (typeof ITEM_METRICS)[number];

/** The best-selling items by revenue, quantity or profit (gold_item_performance), ranked 1..limit. */
export const topItemsReport: Report<{ metric: ItemMetric; limit: number }> = {
  name: 'top-items',
  defaultPeriod: '30d',
  inputs: (filters) => itemInputs(filters),
  async run({ session, filters, options, locations }) {
    const items = (await itemFigures(session, filters, { by: options.metric, limit: options.limit })).map(
      (item, index) => ({ rank: index + 1, ...item }),
    );
    return {
      body: {
        currency: locations.currency(filters.locationIds),
        metric: options.metric,
        brandId: filters.brandId,
        items,
      },
      table: {
        columns: [
          { name: 'rank', type: 'INTEGER' },
          { name: 'item_id', type: 'VARCHAR' },
          { name: 'name', type: 'VARCHAR' },
          { name: 'category', type: 'VARCHAR' },
          { name: 'quantity', type: 'BIGINT' },
          { name: 'revenue_minor', type: 'BIGINT' },
          { name: 'cost_minor', type: 'BIGINT' },
          { name: 'profit_minor', type: 'BIGINT' },
          { name: 'margin', type: 'DOUBLE' },
        ],
        rows: items.map((item) => ({
          rank: item.rank,
          item_id: item.itemId,
          name: item.name,
          category: item.category,
          quantity: item.quantity,
          revenue_minor: item.revenueMinor,
          cost_minor: item.costMinor,
          profit_minor: item.profitMinor,
          margin: item.margin,
        })),
      },
    };
  },
};
