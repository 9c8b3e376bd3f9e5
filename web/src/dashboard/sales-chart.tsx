import { useEffect, useRef } from 'preact/hooks';
import type { SalesSummary } from '../api/api-types.js';
import { barXRange, fromZero } from '../app/chart-ranges.js';
import { DataTable } from '../app/data-table.js';
import { formatCount, formatMoney } from '../app/format.js';
import { minorDigits } from '../app/money-text.js';
import { barPaths, mountChart, thin } from '../app/uplot-chart.js';

/**
 * Sales (bars, left axis) and orders (line, right axis) per bucket of the sales summary. Buckets are
 * local dates and hours of the locations, so they are drawn as UTC wall clock: the axis shows them as
 * the API named them. A table of the same figures follows for screen readers and for reading exact values.
 */
export function SalesChart({ summary }: { summary: SalesSummary }) {
  const holder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const xs = summary.buckets.map((bucket) => bucketSeconds(bucket.bucket));
    const digits = minorDigits(summary.currency);
    const sales = summary.buckets.map((bucket) => bucket.salesMinor / 10 ** digits);
    const orders = summary.buckets.map((bucket) => bucket.orders);
    return mountChart(
      element,
      { height: 260, minWidth: 280 },
      {
        scales: { x: { time: true, range: barXRange(xs) }, sales: { auto: true, range: fromZero } },
        series: [
          {},
          {
            label: `Sales (${summary.currency ?? ''})`,
            scale: 'sales',
            stroke: '#c2410c',
            fill: 'rgba(194, 65, 12, 0.35)',
            paths: barPaths(),
            points: { show: false },
            value: (_u, value) =>
              value === null ? '—' : formatMoney(value * 10 ** digits, summary.currency),
          },
          {
            label: 'Orders',
            scale: 'orders',
            stroke: '#1d4ed8',
            width: 2,
            value: (_u, value) => formatCount(value),
          },
        ],
        axes: [
          {
            // One tick per bucket, thinned to what fits, labelled as the API names the bucket.
            splits: (u) => thin(xs, Math.max(2, Math.floor(u.width / 80))),
            values: (_u, ticks) => ticks.map((tick) => bucketLabel(tick, summary.groupBy)),
          },
          { scale: 'sales', values: (_u, ticks) => ticks.map((tick) => compact(tick)) },
          { scale: 'orders', side: 1, grid: { show: false } },
        ],
      },
      [xs, sales, orders],
    );
  }, [summary]);

  return (
    <figure class="chart">
      <div ref={holder} class="chart-canvas" />
      <figcaption>
        <details>
          <summary>Sales over time as a table</summary>
          <DataTable label="Sales over time" columns={['Period', 'Orders', 'Sales']}>
            {summary.buckets.map((bucket) => (
              <tr key={bucket.bucket}>
                <th scope="row">{bucket.bucket}</th>
                <td>{formatCount(bucket.orders)}</td>
                <td>{formatMoney(bucket.salesMinor, summary.currency)}</td>
              </tr>
            ))}
          </DataTable>
        </details>
      </figcaption>
    </figure>
  );
}

const LABELS: Record<SalesSummary['groupBy'], Intl.DateTimeFormatOptions> = {
  hour: { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' },
  day: { month: 'short', day: 'numeric', timeZone: 'UTC' },
  week: { month: 'short', day: 'numeric', timeZone: 'UTC' },
  month: { month: 'short', year: 'numeric', timeZone: 'UTC' },
};

function bucketLabel(seconds: number, groupBy: SalesSummary['groupBy']): string {
  return new Intl.DateTimeFormat(undefined, LABELS[groupBy]).format(new Date(seconds * 1000));
}

/** At most `count` of the values, evenly spread, always keeping the first. */

/** 'YYYY-MM-DDTHH:00', 'YYYY-MM-DD' or 'YYYY-MM' as seconds of that UTC wall-clock instant. */
function bucketSeconds(bucket: string): number {
  const iso = bucket.length === 7 ? `${bucket}-01` : bucket;
  const withTime = iso.includes('T') ? `${iso}:00Z` : `${iso}T00:00:00Z`;
  return Date.parse(withTime) / 1000;
}

function compact(value: number): string {
  return new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
