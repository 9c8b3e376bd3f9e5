import { share, toDecimal, toInt } from '../figures.js';
import type { Report } from '../report.js';
import { inRange } from '../report-sql.js';

/**
 * Kitchen tickets per station (silver `kitchen_tickets`, by the order's local date): tickets, the ones
 * that became ready, cancelled ones, prep time (mean, p50, p95, interpolated), mean wait before prep
 * started, and how many of the ready ones were late, as a share. The `all` row is every station.
 */
export const kitchenPerformanceReport: Report = {
  name: 'kitchen-performance',
  defaultPeriod: '30d',
  inputs: (filters) => [{ table: 'kitchen_tickets', range: { from: filters.from, to: filters.to } }],
  async run({ session, filters }) {
    const rows = await session.rows<Record<string, string | number | null>>(
      `SELECT grouping(station) = 1 AS is_total, coalesce(station, 'unassigned') AS station,
              count(*) AS tickets, count(ready_at) AS ready, count(cancelled_at) AS cancelled,
              avg(prep_s) AS avg_prep_s, quantile_cont(prep_s, 0.5) AS p50_prep_s,
              quantile_cont(prep_s, 0.95) AS p95_prep_s, avg(wait_s) AS avg_wait_s,
              count(*) FILTER (WHERE late AND ready_at IS NOT NULL) AS late
         FROM kitchen_tickets WHERE ${inRange(filters)}
        GROUP BY GROUPING SETS ((station), ()) ORDER BY is_total, station`,
    );
    const stations = rows.map((row) => {
      const ready = toInt(row.ready);
      const late = toInt(row.late);
      return {
        station: (row.is_total as unknown) === true ? 'all' : String(row.station),
        tickets: toInt(row.tickets),
        ready,
        cancelled: toInt(row.cancelled),
        avgPrepSeconds: toDecimal(row.avg_prep_s, 1),
        p50PrepSeconds: toDecimal(row.p50_prep_s, 1),
        p95PrepSeconds: toDecimal(row.p95_prep_s, 1),
        avgWaitSeconds: toDecimal(row.avg_wait_s, 1),
        late,
        lateShare: share(late, ready),
      };
    });
    return {
      body: { stations },
      table: {
        columns: [
          { name: 'station', type: 'VARCHAR' },
          { name: 'tickets', type: 'BIGINT' },
          { name: 'ready', type: 'BIGINT' },
          { name: 'cancelled', type: 'BIGINT' },
          { name: 'avg_prep_s', type: 'DOUBLE' },
          { name: 'p50_prep_s', type: 'DOUBLE' },
          { name: 'p95_prep_s', type: 'DOUBLE' },
          { name: 'avg_wait_s', type: 'DOUBLE' },
          { name: 'late', type: 'BIGINT' },
          { name: 'late_share', type: 'DOUBLE' },
        ],
        rows: stations.map((s) => ({
          station: s.station,
          tickets: s.tickets,
          ready: s.ready,
          cancelled: s.cancelled,
          avg_prep_s: s.avgPrepSeconds,
          p50_prep_s: s.p50PrepSeconds,
          p95_prep_s: s.p95PrepSeconds,
          avg_wait_s: s.avgWaitSeconds,
          late: s.late,
          late_share: s.lateShare,
        })),
      },
    };
  },
};
