import { useState } from 'preact/hooks';
import { formatCount, formatMoney } from '../app/format.js';
import { type DashboardFilters, nothingIn, reportUrl } from './dashboard-filters.js';
import type { ItemMetric, TopItems as TopItemsAnswer } from './dashboard-types.js';
import { Panel } from './panel.js';
import { RankedBars } from './ranked-bars.js';
import { useReport } from './use-report.js';

const METRICS: { value: ItemMetric; label: string }[] = [
  { value: 'revenue', label: 'Revenue' },
  { value: 'quantity', label: 'Quantity' },
  { value: 'profit', label: 'Profit' },
];

/** The ten best items of the period by revenue, quantity sold or profit (`menu/top-items`). */
export function TopItems({ filters, reloads }: { filters: DashboardFilters; reloads: number }) {
  const [metric, setMetric] = useState<ItemMetric>('revenue');
  const report = useReport<TopItemsAnswer>(
    reportUrl(filters, 'menu/top-items', { brand: true }, { metric, limit: '10' }),
    reloads,
  );
  const switcher = (
    <fieldset class="segmented">
      <legend class="visually-hidden">Rank items by</legend>
      {METRICS.map((one) => (
        <button
          key={one.value}
          type="button"
          aria-pressed={metric === one.value}
          onClick={() => setMetric(one.value)}
        >
          {one.label}
        </button>
      ))}
    </fieldset>
  );
  return (
    <Panel
      id="top-items"
      title="Top items"
      resource={report}
      what="read the menu's top items"
      controls={switcher}
      empty={(data) => (data.items.length === 0 ? nothingIn(filters, 'items sold') : false)}
    >
      {(data) => (
        <RankedBars
          label={`Top items by ${data.metric}`}
          bars={data.items.map((item) => ({
            key: item.itemId,
            label: `${item.rank}. ${item.name ?? item.itemId}`,
            value:
              data.metric === 'quantity'
                ? `${formatCount(item.quantity)} sold`
                : formatMoney(data.metric === 'profit' ? item.profitMinor : item.revenueMinor, data.currency),
            amount:
              data.metric === 'quantity'
                ? item.quantity
                : data.metric === 'profit'
                  ? item.profitMinor
                  : item.revenueMinor,
            detail: `${formatCount(item.quantity)} sold · revenue ${formatMoney(item.revenueMinor, data.currency)} · profit ${formatMoney(item.profitMinor, data.currency)}${item.category ? ` · ${item.category}` : ''}`,
          }))}
        />
      )}
    </Panel>
  );
}
