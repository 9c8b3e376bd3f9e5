import { DataTable } from '../app/data-table.js';
import { formatCount, formatMoney, formatShare } from '../app/format.js';
import { type DashboardFilters, nothingIn, reportUrl } from './dashboard-filters.js';
import type { ProfitAnalysis as ProfitAnswer } from './dashboard-types.js';
import { Panel } from './panel.js';
import { useReport } from './use-report.js';

/** Menu-engineering classes as a manager says them (docs/analytics.md, menu/profit-analysis). */
const CLASSES: Record<ProfitAnswer['items'][number]['class'], string> = {
  star: 'Star',
  plowhorse: 'Plowhorse',
  puzzle: 'Puzzle',
  dog: 'Dog',
};

/**
 * Revenue, cost, profit and margin of the items sold (`menu/profit-analysis`), in total and per item
 * with its class (popular and profitable = star, …), most profit first.
 */
export function ProfitAnalysis({ filters, reloads }: { filters: DashboardFilters; reloads: number }) {
  const report = useReport<ProfitAnswer>(
    reportUrl(filters, 'menu/profit-analysis', { brand: true }),
    reloads,
  );
  return (
    <Panel
      id="profit"
      title="Profit"
      resource={report}
      what="read the menu's profit"
      empty={(data) => (data.items.length === 0 ? nothingIn(filters, 'items sold') : false)}
    >
      {(data) => (
        <>
          <dl class="figure-row" aria-label="Profit of the items sold">
            <div>
              <dt>Revenue</dt>
              <dd data-testid="profit-revenue">{formatMoney(data.totals.revenueMinor, data.currency)}</dd>
            </div>
            <div>
              <dt>Cost</dt>
              <dd data-testid="profit-cost">{formatMoney(data.totals.costMinor, data.currency)}</dd>
            </div>
            <div>
              <dt>Profit</dt>
              <dd data-testid="profit-profit">{formatMoney(data.totals.profitMinor, data.currency)}</dd>
            </div>
            <div>
              <dt>Margin</dt>
              <dd data-testid="profit-margin">{formatShare(data.totals.margin)}</dd>
            </div>
          </dl>
          <DataTable
            label="Profit by item"
            columns={[
              'Item',
              'Class',
              { label: 'Sold', num: true },
              { label: 'Revenue', num: true },
              { label: 'Cost', num: true },
              { label: 'Profit', num: true },
              { label: 'Margin', num: true },
            ]}
            caption="Profit per item, most profit first"
          >
            {data.items.map((item) => (
              <tr key={item.itemId}>
                <th scope="row">{item.name ?? item.itemId}</th>
                <td>{CLASSES[item.class]}</td>
                <td class="num">{formatCount(item.quantity)}</td>
                <td class="num">{formatMoney(item.revenueMinor, data.currency)}</td>
                <td class="num">{formatMoney(item.costMinor, data.currency)}</td>
                <td class="num">{formatMoney(item.profitMinor, data.currency)}</td>
                <td class="num">{formatShare(item.margin)}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </Panel>
  );
}
