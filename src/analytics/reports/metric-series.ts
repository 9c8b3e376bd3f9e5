import { toDecimal, toInt } from '../figures.js';
import type { Report } from '../report.js';
import { andLocations, dateBetween } from '../report-sql.js';

export const METRICS = [
  'revenue',
  'aov',
  'order_count',
  'customer_count',
  'repeat_rate',
  'fulfillment_rate',
  'churn_rate',
] as const;
export type Metric = (typeof METRICS)[number];
export const GRAINS = ['day', 'week', 'month'] as const;
export type Grain = (typeof GRAINS)[number];

const UNITS: Record<Metric, 'money' | 'count' | 'ratio'> = {
  revenue: 'money',
  aov: 'money',
  order_count: 'count',
  customer_count: 'count',
  repeat_rate: 'ratio',
  fulfillment_rate: 'ratio',
  churn_rate: 'ratio',
};

/**
 * One standard metric as a series from gold_metrics, for the periods of the grain that start in the
 * range. Without a location filter: the business-wide rows (location_id null); with one: a series per
 * location. Money is in minor units (AOV rounded half up), rates are fractions 0..1.
 */
export const metricSeriesReport: Report<{ metric: Metric; grain: Grain }> = {
  name: 'metric-series',
  defaultPeriod: '30d',
  inputs: (filters) => [{ table: 'gold_metrics', range: { from: filters.from, to: filters.to } }],
  async run({ session, filters, options, locations }) {
    // Both become SQL text below: only the known names may.
    if (!METRICS.includes(options.metric) || !GRAINS.includes(options.grain)) {
      throw new Error(`unknown metric ${options.metric} or grain ${options.grain}`);
    }
    const unit = UNITS[options.metric];
    const scope = filters.locationIds === null ? 'AND location_id IS NULL' : andLocations(filters);
    const rows = await session.rows<{
      location_id: string | null;
      period_start: string;
      period_end: string;
      value: string | number | null;
    }>(
      `SELECT location_id, period_start, period_end, "${options.metric}" AS value
         FROM gold_metrics
        WHERE grain = '${options.grain}' AND ${dateBetween('period_start', filters.from, filters.to)} ${scope}
        ORDER BY location_id NULLS FIRST, period_start`,
    );
    const value = (raw: unknown): number | null => {
      if (raw === null || raw === undefined) return null;
      if (unit === 'ratio') return toDecimal(raw, 4);
      return unit === 'money' && options.metric === 'aov' ? Math.round(Number(raw)) : toInt(raw);
    };
    const series = new Map<
      string | null,
      { periodStart: string; periodEnd: string; value: number | null }[]
    >();
    for (const row of rows) {
      const points = series.get(row.location_id) ?? [];
      points.push({ periodStart: row.period_start, periodEnd: row.period_end, value: value(row.value) });
      series.set(row.location_id, points);
    }
    const list = [...series].map(([locationId, points]) => ({ locationId, points }));
    return {
      body: {
        metric: options.metric,
        grain: options.grain,
        unit,
        currency: unit === 'money' ? locations.currency(filters.locationIds) : null,
        series: list,
      },
      table: {
        columns: [
          { name: 'location_id', type: 'VARCHAR' },
          { name: 'period_start', type: 'DATE' },
          { name: 'period_end', type: 'DATE' },
          // Money and counts are whole numbers; only the rates are fractions.
          { name: 'value', type: unit === 'ratio' ? 'DOUBLE' : 'BIGINT' },
        ],
        rows: list.flatMap((s) =>
          s.points.map((point) => ({
            location_id: s.locationId,
            period_start: point.periodStart,
            period_end: point.periodEnd,
            value: point.value,
          })),
        ),
      },
    };
  },
};
