import os from 'node:os';
import { parseArgs } from 'node:util';
import { addDays } from '../src/domain/calendar.js';
import { DuckSession } from '../src/lake/duckdb/duck-session.js';
import { affectedPeriods, CHURN_WINDOW_DAYS, type MetricPeriod } from '../src/lake/gold/affected-periods.js';
import { GOLD_METRICS_SQL } from '../src/lake/gold/metrics-sql.js';
import { computeTrailingCounts } from '../src/lake/gold/trailing-counts.js';

/**
 * `npm run bench:metrics` (issue 4): the gold_metrics statement and the trailing customer counts its
 * churn reads, in DuckDB, over a synthetic
 * year of order headers, for the three kinds of recompute the lake does:
 * - live: a flush of today's orders (today's day, week and month);
 * - late: an order `--late-days` old arrives (every period its churn look-back reaches);
 * - year: every day, week and month of the year at once (`brigade lake rebuild` / `backfill`).
 * It prints each one's time, its rows and a checksum of them, so two versions of the SQL can be
 * compared for speed and for identical results (run it on each commit).
 */

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '1500000' },
    days: { type: 'string', default: '365' },
    locations: { type: 'string', default: '12' },
    customers: { type: 'string', default: '150000' },
    'late-days': { type: 'string', default: '120' },
    skip: { type: 'string', default: '' },
  },
});
const orders = Number(values.orders);
const days = Number(values.days);
const locations = Number(values.locations);
const customers = Number(values.customers);
const lateDays = Number(values['late-days']);
const skip = new Set(String(values.skip).split(',').filter(Boolean));
const LAST_DAY = '2025-12-31';
const BUSINESS = '00000000-0000-4000-8000-000000000001';

/** Deterministic order headers: a quarter by guests, 4% cancelled, 1% refunded, the rest counted. */
async function fillHeaders(duck: DuckSession): Promise<void> {
  await duck.run(`
    CREATE OR REPLACE TEMP TABLE order_header_all AS
    SELECT '${BUSINESS}' AS business_id,
           'o' || i AS order_id,
           DATE '${LAST_DAY}' - CAST(hash(i, 1) % ${days} AS INTEGER) AS local_date,
           CASE WHEN hash(i, 2) % 4 = 0 THEN NULL ELSE 'c' || (hash(i, 3) % ${customers}) END AS customer_id,
           CASE WHEN hash(i, 4) % 100 < 4 THEN 'cancelled' WHEN hash(i, 4) % 100 < 5 THEN 'refunded'
                WHEN hash(i, 4) % 100 < 70 THEN 'completed' ELSE 'delivered' END AS status,
           hash(i, 4) % 100 >= 5 AS counts_as_revenue,
           CASE WHEN hash(i, 4) % 100 >= 5 THEN CAST(1000 + hash(i, 5) % 9000 AS BIGINT) ELSE 0 END AS order_revenue,
           'l' || (hash(i, 6) % ${locations}) AS location_id
    FROM range(${orders}) AS r(i)
  `);
}

/** Every day, week and month of the range: the periods holding its dates (no churn reach). */
function yearPeriods(): MetricPeriod[] {
  const dates = Array.from({ length: days }, (_, index) => addDays(LAST_DAY, -index));
  return affectedPeriods(dates, 0, LAST_DAY);
}

async function measure(duck: DuckSession, name: string, periods: readonly MetricPeriod[]): Promise<void> {
  await duck.run(
    `CREATE OR REPLACE TEMP TABLE target_periods (business_id VARCHAR, grain VARCHAR, period_start DATE, period_end DATE)`,
  );
  await duck.run(
    `INSERT INTO target_periods VALUES ${periods
      .map(
        (period) =>
          `('${BUSINESS}', '${period.grain}', DATE '${period.period_start}', DATE '${period.period_end}')`,
      )
      .join(', ')}`,
  );
  await duck.run(
    'CREATE OR REPLACE TEMP TABLE target_ends AS SELECT DISTINCT business_id, period_end FROM target_periods',
  );
  const started = performance.now();
  // Churn comes from the trailing counts of the periods' last days (gold_trailing_customers' machinery),
  // computed here from scratch, as the writer's first flush does; later flushes keep the visits before
  // today (writer/trailing-split.ts), which bench:query --flush-only measures.
  await computeTrailingCounts(duck);
  const counted = performance.now();
  await duck.run(`CREATE OR REPLACE TEMP TABLE metrics_out AS ${GOLD_METRICS_SQL}`);
  const seconds = (performance.now() - started) / 1000;
  const countSeconds = (counted - started) / 1000;
  const [summary] = await duck.rows<{ rows: string; checksum: string }>(
    `SELECT count(*) AS rows,
            sum(hash(location_id, grain, period_start, revenue, order_count, customer_count,
                     round(repeat_rate, 12), round(fulfillment_rate, 12), round(churn_rate, 12))) AS checksum
     FROM metrics_out`,
  );
  console.log(
    `  ${name}: ${periods.length} periods in ${seconds.toFixed(2)} s (trailing counts ${countSeconds.toFixed(2)} s) → ${summary?.rows} rows, checksum ${summary?.checksum}`,
  );
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg();
  const duck = await DuckSession.open(':memory:', { memory_limit: '4GB', temp_directory: os.tmpdir() });
  try {
    const filled = performance.now();
    await fillHeaders(duck);
    console.log('Brigade gold_metrics benchmark (bench/metrics.ts)');
    console.log(
      `machine: ${os.cpus().length} cores, load average before ${loadBefore.map((value) => value.toFixed(2)).join(' ')}`,
    );
    console.log(
      `order headers: ${orders} over ${days} days to ${LAST_DAY}, ${locations} locations, ${customers} customers (built in ${((performance.now() - filled) / 1000).toFixed(1)} s); DuckDB memory 4 GB`,
    );
    if (!skip.has('live'))
      await measure(duck, 'live (today)', affectedPeriods([LAST_DAY], CHURN_WINDOW_DAYS, LAST_DAY));
    if (!skip.has('late'))
      await measure(
        duck,
        `late (an order ${lateDays} days old)`,
        affectedPeriods([addDays(LAST_DAY, -lateDays)], CHURN_WINDOW_DAYS, LAST_DAY),
      );
    if (!skip.has('year')) await measure(duck, 'year (every period)', yearPeriods());
    console.log(
      `load average after ${os
        .loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    duck.close();
  }
}

await main();
