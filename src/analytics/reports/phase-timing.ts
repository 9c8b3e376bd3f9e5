import { toDecimal, toInt } from '../figures.js';
import type { Report } from '../report.js';
import { inRange } from '../report-sql.js';

/** Delivery phases in order, as silver `deliveries` measures them (`<phase>_s` columns, seconds). */
export const DELIVERY_PHASES = [
  'placed_to_confirmed',
  'confirmed_to_ready',
  'ready_to_picked_up',
  'assigned_to_arrived',
  'picked_up_to_delivered',
  'placed_to_delivered',
] as const;

/**
 * Delivery phase durations over the range: samples, mean, p50/p75/p95/p99 (interpolated,
 * quantile_cont) and max, per phase. Percentiles of several days cannot be combined from daily
 * percentiles, so this reads the exact durations from silver `deliveries` (by the order's local date),
 * not gold_phase_percentiles.
 */
export const phaseTimingReport: Report = {
  name: 'phase-timing',
  defaultPeriod: '30d',
  inputs: (filters) => [{ table: 'deliveries', range: { from: filters.from, to: filters.to } }],
  async run({ session, filters }) {
    const columns = DELIVERY_PHASES.map((phase) => `${phase}_s AS ${phase}`).join(', ');
    const rows = await session.rows<Record<string, string | number | null>>(
      `WITH d AS (SELECT ${columns} FROM deliveries WHERE ${inRange(filters)})
       SELECT phase, count(*) AS samples, avg(seconds) AS avg_s,
              quantile_cont(seconds, 0.5) AS p50_s, quantile_cont(seconds, 0.75) AS p75_s,
              quantile_cont(seconds, 0.95) AS p95_s, quantile_cont(seconds, 0.99) AS p99_s, max(seconds) AS max_s
         FROM (UNPIVOT d ON ${DELIVERY_PHASES.join(', ')} INTO NAME phase VALUE seconds)
        WHERE seconds IS NOT NULL GROUP BY phase`,
    );
    const [counts] = await session.rows<Record<string, string>>(
      `SELECT count(*) AS deliveries, count(delivered_at) AS delivered, count(failed_at) AS failed
         FROM deliveries WHERE ${inRange(filters)}`,
    );
    const phases = DELIVERY_PHASES.map((phase) => {
      const row = rows.find((candidate) => candidate.phase === phase);
      return {
        phase,
        samples: toInt(row?.samples),
        avgSeconds: toDecimal(row?.avg_s, 1),
        p50Seconds: toDecimal(row?.p50_s, 1),
        p75Seconds: toDecimal(row?.p75_s, 1),
        p95Seconds: toDecimal(row?.p95_s, 1),
        p99Seconds: toDecimal(row?.p99_s, 1),
        maxSeconds: toDecimal(row?.max_s, 1),
      };
    });
    return {
      body: {
        deliveries: toInt(counts?.deliveries),
        delivered: toInt(counts?.delivered),
        failed: toInt(counts?.failed),
        phases,
      },
      table: {
        columns: [
          { name: 'phase', type: 'VARCHAR' },
          { name: 'samples', type: 'BIGINT' },
          { name: 'avg_s', type: 'DOUBLE' },
          { name: 'p50_s', type: 'DOUBLE' },
          { name: 'p75_s', type: 'DOUBLE' },
          { name: 'p95_s', type: 'DOUBLE' },
          { name: 'p99_s', type: 'DOUBLE' },
          { name: 'max_s', type: 'DOUBLE' },
        ],
        rows: phases.map((p) => ({
          phase: p.phase,
          samples: p.samples,
          avg_s: p.avgSeconds,
          p50_s: p.p50Seconds,
          p75_s: p.p75Seconds,
          p95_s: p.p95Seconds,
          p99_s: p.p99Seconds,
          max_s: p.maxSeconds,
        })),
      },
    };
  },
};
