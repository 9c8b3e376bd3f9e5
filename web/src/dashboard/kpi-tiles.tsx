import type { Dashboard, Kpi } from '../api/api-types.js';
import { formatCount, formatGrowth, formatMoney, tileValueClass } from '../app/format.js';

/** The KPIs shown, in order; the dashboard report also has tax and refunds (docs/analytics.md). */
const SHOWN: { key: string; label: string /** a rise is bad news */; inverse?: boolean }[] = [
  { key: 'sales', label: 'Sales' },
  { key: 'orders', label: 'Orders' },
  { key: 'average_order_value', label: 'Average order' },
  { key: 'customers', label: 'Customers' },
  { key: 'tips', label: 'Tips' },
  { key: 'cancellations', label: 'Cancellations', inverse: true },
  { key: 'nps', label: 'NPS' },
  { key: 'average_rating', label: 'Rating' },
];

export function KpiTiles({ dashboard }: { dashboard: Dashboard }) {
  const byKey = new Map(dashboard.kpis.map((kpi) => [kpi.key, kpi]));
  return (
    <ul class="tiles" aria-label="Key figures of the period">
      {SHOWN.flatMap(({ key, label, inverse }) => {
        const kpi = byKey.get(key);
        // NPS and rating exist only where customers left feedback: no tile rather than a fake figure.
        if (!kpi || ((key === 'nps' || key === 'average_rating') && kpi.current === null)) return [];
        const trend =
          kpi.growthPct === null || kpi.growthPct === 0 ? 'flat' : kpi.growthPct > 0 ? 'up' : 'down';
        const good = trend === 'flat' ? '' : (trend === 'up') !== Boolean(inverse) ? 'good' : 'bad';
        const shown = value(kpi, dashboard.currency);
        return [
          <li key={key} class="tile" data-kpi={key}>
            <span class="tile-label">{label}</span>
            <span class={tileValueClass(shown)}>{shown}</span>
            <span class={`tile-growth ${good}`}>
              <span aria-hidden="true">{trend === 'up' ? '▲ ' : trend === 'down' ? '▼ ' : ''}</span>
              {formatGrowth(kpi.growthPct)}
              <span class="visually-hidden"> against the previous period</span>
            </span>
            <span class="tile-previous muted">
              before: {value({ ...kpi, current: kpi.previous }, dashboard.currency)}
            </span>
          </li>,
        ];
      })}
    </ul>
  );
}

function value(kpi: Kpi, currency: string | null): string {
  switch (kpi.unit) {
    case 'money':
      return formatMoney(kpi.current, currency);
    case 'rating':
      return kpi.current === null ? '—' : `${kpi.current.toFixed(2)} / 5`;
    default:
      return formatCount(kpi.current);
  }
}
