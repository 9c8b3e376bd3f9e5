import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysBetween } from '../../../src/domain/calendar.js';
import { DuckSession } from '../../../src/lake/duckdb/duck-session.js';
import {
  affectedPeriods,
  CHURN_WINDOW_DAYS,
  type MetricPeriod,
} from '../../../src/lake/gold/affected-periods.js';
import { GOLD_METRICS_SQL } from '../../../src/lake/gold/metrics-sql.js';
import { computeTrailingCounts } from '../../../src/lake/gold/trailing-counts.js';
import { comparableRows } from './lake-rows.js';
import { addDays, expectedMetrics, type HeaderFact } from './metrics-oracle.js';

/**
 * GOLD_METRICS_SQL against the plain oracle (metrics-oracle.ts) on generated histories whose customers
 * come back after gaps on both sides of the churn windows (89/90/91 and 179/180/181 days), over every
 * day, week and month of the range at once, and over the live periods with only their look-back loaded,
 * as the lake writer loads it.
 */

const BUSINESS = 'b1';
const FIRST_DAY = '2025-01-01';
const W = CHURN_WINDOW_DAYS;

let duck: DuckSession;
beforeAll(async () => {
  duck = await DuckSession.open();
});
afterAll(() => duck.close());

async function metricsSql(headers: readonly HeaderFact[], periods: readonly MetricPeriod[]) {
  await duck.run(`CREATE OR REPLACE TEMP TABLE order_header_all (business_id VARCHAR, order_id VARCHAR,
    local_date DATE, customer_id VARCHAR, status VARCHAR, counts_as_revenue BOOLEAN, order_revenue BIGINT,
    location_id VARCHAR)`);
  const appender = await duck.connection.createAppender('order_header_all');
  for (const h of headers) {
    appender.appendVarchar(BUSINESS);
    appender.appendVarchar(h.orderId);
    appender.appendVarchar(h.localDate);
    if (h.customerId === null) appender.appendNull();
    else appender.appendVarchar(h.customerId);
    appender.appendVarchar(h.status);
    appender.appendBoolean(h.countsAsRevenue);
    appender.appendBigInt(BigInt(h.orderRevenue));
    appender.appendVarchar(h.locationId);
    appender.endRow();
  }
  appender.closeSync();
  await duck.run(
    `CREATE OR REPLACE TEMP TABLE target_periods (business_id VARCHAR, grain VARCHAR, period_start DATE, period_end DATE)`,
  );
  const values = periods.map(
    (p) => `('${BUSINESS}', '${p.grain}', DATE '${p.period_start}', DATE '${p.period_end}')`,
  );
  await duck.run(`INSERT INTO target_periods VALUES ${values.join(', ')}`);
  await duck.run(
    'CREATE OR REPLACE TEMP TABLE target_ends AS SELECT DISTINCT business_id, period_end FROM target_periods',
  );
  await computeTrailingCounts(duck);
  return duck.rows(GOLD_METRICS_SQL);
}

/** One customer's visits: a start, then gaps drawn near the window edges. */
const visitsArb = fc.record({
  customer: fc.constantFrom('c1', 'c2', 'c3', 'c4', null),
  location: fc.constantFrom('L1', 'L2'),
  start: fc.integer({ min: 0, max: 60 }),
  gaps: fc.array(fc.constantFrom(0, 1, 7, W - 1, W, W + 1, 2 * W - 1, 2 * W, 2 * W + 1), { maxLength: 4 }),
  status: fc.constantFrom('completed', 'delivered', 'confirmed', 'cancelled'),
});

type Visits = typeof visitsArb extends fc.Arbitrary<infer T> ? T : never;

function headersOf(customers: readonly Visits[]): HeaderFact[] {
  const headers: HeaderFact[] = [];
  for (const c of customers) {
    let day = c.start;
    for (const gap of [0, ...c.gaps]) {
      day += gap;
      const counts = c.status !== 'cancelled';
      headers.push({
        orderId: `o${headers.length}`,
        locationId: c.location,
        localDate: addDays(FIRST_DAY, day),
        customerId: c.customer,
        status: c.status,
        countsAsRevenue: counts,
        orderRevenue: counts ? 100 + headers.length : 0,
      });
    }
  }
  return headers;
}

function comparable(rows: readonly object[]) {
  return comparableRows(
    'gold_metrics',
    rows.map((row) => ({ ...row, business_id: BUSINESS })),
  );
}

describe('gold_metrics SQL', () => {
  it('equals the oracle for every day, week and month of a history at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(visitsArb, { minLength: 1, maxLength: 8 }), async (customers) => {
        const headers = headersOf(customers);
        // Every date from the first order to the last period a churn look-back reaches.
        const last = headers.map((h) => h.localDate).sort()[headers.length - 1] as string;
        const span = daysBetween(FIRST_DAY, last) + 2 * W;
        const dates = Array.from({ length: span + 1 }, (_, i) => addDays(FIRST_DAY, i));
        const periods = affectedPeriods(dates, 0);
        expect(comparable(await metricsSql(headers, periods))).toEqual(
          comparable(expectedMetrics(headers, periods)),
        );
      }),
      { numRuns: 25 },
    );
  });

  it('needs only the look-back of the periods: the live periods from the headers the writer loads', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(visitsArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 500 }),
        async (customers, todayOffset) => {
          const headers = headersOf(customers);
          const today = addDays(FIRST_DAY, todayOffset);
          const periods = affectedPeriods([today], W, today);
          const ends = periods.map((p) => p.period_end).sort();
          const from = addDays(ends[0] as string, -(2 * W - 1));
          const to = ends[ends.length - 1] as string;
          const loaded = headers.filter((h) => h.localDate >= from && h.localDate <= to);
          expect(comparable(await metricsSql(loaded, periods))).toEqual(
            comparable(expectedMetrics(headers, periods)),
          );
        },
      ),
      { numRuns: 25 },
    );
  });
});
