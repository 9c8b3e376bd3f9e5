import { AppError } from '../../errors/app-error.js';
import type { Queryable } from '../../storage/database.js';
import type { KitchenScope } from './ticket-queries.js';

const DAY_MS = 86_400_000;
/** A longer range would scan more history than a kitchen screen needs; the lake serves long ranges. */
const MAX_RANGE_DAYS = 366;

interface Figures {
  tickets: number;
  avgPrepSeconds: number | null;
  p50PrepSeconds: number | null;
  p90PrepSeconds: number | null;
  late: number;
}

/**
 * Prep-time figures for the tickets that became ready in [from, to) (default: the 24 hours before
 * now), per station and overall: count, mean, median and 90th percentile of the seconds from reaching
 * the kitchen to ready (continuous percentiles, as PostgreSQL's percentile_cont, rounded to 0.1 s), and
 * how many were late. Cancelled tickets are left out: they never reached a guest.
 */
export async function kitchenStats(
  db: Queryable,
  scope: KitchenScope,
  query: { from?: string | undefined; to?: string | undefined; station?: string | undefined },
  now: Date,
) {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DAY_MS);
  if (from.getTime() >= to.getTime()) {
    throw new AppError('validation_failed', 'The range is empty', {
      errors: [{ field: 'querystring/from', message: 'must be before to' }],
    });
  }
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    throw new AppError('validation_failed', `The range may span at most ${MAX_RANGE_DAYS} days`, {
      errors: [{ field: 'querystring/from', message: `must be at most ${MAX_RANGE_DAYS} days before to` }],
    });
  }
  const params: unknown[] = [scope.businessId, scope.locationId, from.toISOString(), to.toISOString()];
  let stationFilter = '';
  if (query.station) {
    params.push(query.station);
    stationFilter = ` AND station = $${params.length}`;
  }
  const { rows } = await db.query<{
    station: string | null;
    grouped: number;
    tickets: number;
    avg: number | string | null;
    p50: number | string | null;
    p90: number | string | null;
    late: number;
  }>(
    `WITH done AS (
       SELECT station, finished_late, extract(epoch FROM ready_at - created_at)::float8 AS prep
       FROM kitchen_tickets
       WHERE business_id = $1 AND location_id = $2 AND ready_at >= $3::timestamptz AND ready_at < $4::timestamptz
         AND status <> 'cancelled'${stationFilter}
     )
     SELECT station, grouping(station)::int AS grouped, count(*)::int AS tickets, avg(prep) AS avg,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY prep) AS p50,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY prep) AS p90,
            count(*) FILTER (WHERE finished_late)::int AS late
     FROM done GROUP BY GROUPING SETS ((station), ()) ORDER BY grouping(station), station`,
    params,
  );
  const figures = (row: (typeof rows)[number] | undefined): Figures => ({
    tickets: row?.tickets ?? 0,
    avgPrepSeconds: seconds(row?.avg),
    p50PrepSeconds: seconds(row?.p50),
    p90PrepSeconds: seconds(row?.p90),
    late: row?.late ?? 0,
  });
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    overall: figures(rows.find((row) => row.grouped === 1)),
    stations: rows
      .filter((row) => row.grouped === 0)
      .map((row) => ({ station: row.station ?? '', ...figures(row) })),
  };
}

function seconds(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return Math.round(Number(value) * 10) / 10;
}
