import { averageMinor, toDecimal } from '../figures.js';
import type { Report } from '../report.js';
import { type ItemFigures, itemFigures, itemInputs } from './item-figures.js';

/** Menu-engineering quadrant of an item. */
export type MenuClass = 'star' | 'plowhorse' | 'puzzle' | 'dog';

/**
 * Every item's revenue, cost, profit and margin ((price − cost) / price, i.e. profit ÷ revenue), and
 * its menu-engineering class: popular when it sold at least 70 % of an equal share of the units
 * (units ÷ items), profitable when its profit per unit is at least the menu's average profit per unit.
 * Stars are both, plowhorses only popular, puzzles only profitable, dogs neither.
 */
export const profitAnalysisReport: Report = {
  name: 'profit-analysis',
  defaultPeriod: '30d',
  inputs: (filters) => itemInputs(filters),
  async run({ session, filters, locations }) {
    const items = await itemFigures(session, filters, { by: 'profit' });
    const totals = items.reduce(
      (sum, item) => ({
        quantity: sum.quantity + item.quantity,
        revenue: sum.revenue + item.revenueMinor,
        cost: sum.cost + item.costMinor,
        profit: sum.profit + item.profitMinor,
      }),
      { quantity: 0, revenue: 0, cost: 0, profit: 0 },
    );
    const popularAt = items.length === 0 ? 0 : (0.7 * totals.quantity) / items.length;
    const averageUnitProfit = totals.quantity === 0 ? 0 : totals.profit / totals.quantity;
    const analysed = items.map((item) => ({
      ...item,
      averagePriceMinor: averageMinor(item.revenueMinor, item.quantity),
      unitCostMinor: averageMinor(item.costMinor, item.quantity),
      unitProfitMinor: averageMinor(item.profitMinor, item.quantity),
      class: classify(item, popularAt, averageUnitProfit),
    }));
    return {
      body: {
        currency: locations.currency(filters.locationIds),
        brandId: filters.brandId,
        totals: {
          quantity: totals.quantity,
          revenueMinor: totals.revenue,
          costMinor: totals.cost,
          profitMinor: totals.profit,
          margin: totals.revenue === 0 ? null : toDecimal(totals.profit / totals.revenue, 4),
        },
        thresholds: {
          popularQuantity: toDecimal(popularAt, 2),
          averageUnitProfitMinor: toDecimal(averageUnitProfit, 2),
        },
        items: analysed,
      },
      table: {
        columns: [
          { name: 'item_id', type: 'VARCHAR' },
          { name: 'name', type: 'VARCHAR' },
          { name: 'category', type: 'VARCHAR' },
          { name: 'quantity', type: 'BIGINT' },
          { name: 'revenue_minor', type: 'BIGINT' },
          { name: 'cost_minor', type: 'BIGINT' },
          { name: 'profit_minor', type: 'BIGINT' },
          { name: 'margin', type: 'DOUBLE' },
          { name: 'average_price_minor', type: 'BIGINT' },
          { name: 'unit_cost_minor', type: 'BIGINT' },
          { name: 'unit_profit_minor', type: 'BIGINT' },
          { name: 'class', type: 'VARCHAR' },
        ],
        rows: analysed.map((item) => ({
          item_id: item.itemId,
          name: item.name,
          category: item.category,
          quantity: item.quantity,
          revenue_minor: item.revenueMinor,
          cost_minor: item.costMinor,
          profit_minor: item.profitMinor,
          margin: item.margin,
          average_price_minor: item.averagePriceMinor,
          unit_cost_minor: item.unitCostMinor,
          unit_profit_minor: item.unitProfitMinor,
          class: item.class,
        })),
      },
    };
  },
};

function classify(item: ItemFigures, popularAt: number, averageUnitProfit: number): MenuClass {
  const popular = item.quantity >= popularAt;
  const profitable = item.quantity > 0 && item.profitMinor / item.quantity >= averageUnitProfit;
  if (popular) return profitable ? 'star' : 'plowhorse';
  return profitable ? 'puzzle' : 'dog';
}
