import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckSession } from '../../../src/lake/duckdb/duck-session.js';
import {
  affectedTrailingEnds,
  LONGEST_TRAILING_WINDOW,
  TRAILING_WINDOWS,
} from '../../../src/lake/gold/affected-periods.js';
import { computeTrailingCounts } from '../../../src/lake/gold/trailing-counts.js';
import { comparableRows } from './lake-rows.js';
import { addDays, expectedTrailingCustomers, type HeaderFact } from './metrics-oracle.js';

/**
 * TRAILING_CUSTOMERS_SQL against a plain count (for each day, window and scope, the distinct customers
 * with an order counting as revenue in the window's days) on generated histories whose customers come
 * back after gaps on both sides of every window, over every day of the range at once and over the days
 * a live flush computes with only the headers the writer loads.
 */

const BUSINESS = 'b1';
const FIRST_DAY = '2025-01-01';

let duck: DuckSession;
beforeAll(async () => {
  duck = await DuckSession.open();
});
afterAll(() => duck.close());

/** The writer's two steps: the visits before the split day, then the rows of the days from it on. */
async function trailingSql(headers: readonly HeaderFact[], ends: readonly string[], splitBack = 0) {
  await duck.run(`CREATE OR REPLACE TEMP TABLE order_header_all (business_id VARCHAR, local_date DATE,
    customer_id VARCHAR, counts_as_revenue BOOLEAN, location_id VARCHAR)`);
  const appender = await duck.connection.createAppender('order_header_all');
  for (const h of headers) {
    appender.appendVarchar(BUSINESS);
    appender.appendVarchar(h.localDate);
    if (h.customerId === null) appender.appendNull();
    else appender.appendVarchar(h.customerId);
    appender.appendBoolean(h.countsAsRevenue);
    appender.appendVarchar(h.locationId);
    appender.endRow();
  }
  appender.closeSync();
  await duck.run(`CREATE OR REPLACE TEMP TABLE target_ends (business_id VARCHAR, period_end DATE)`);
  await duck.run(
    `INSERT INTO target_ends VALUES ${ends.map((end) => `('${BUSINESS}', DATE '${end}')`).join(', ')}`,
  );
  await computeTrailingCounts(duck, splitBack);
  return duck.rows('SELECT * FROM trailing_counts');
}

/** One customer's orders: a start, then gaps drawn at the window edges. */
const visitsArb = fc.record({
  customer: fc.constantFrom('c1', 'c2', 'c3', 'c4', null),
  location: fc.constantFrom('L1', 'L2'),
  start: fc.integer({ min: 0, max: 40 }),
  gaps: fc.array(fc.constantFrom(0, 1, 6, 7, 8, 29, 30, 31, 89, 90, 91, 364, 365, 366), { maxLength: 4 }),
  countsAsRevenue: fc.boolean(),
});

function headersOf(customers: readonly (typeof visitsArb extends fc.Arbitrary<infer T> ? T : never)[]) {
  const headers: HeaderFact[] = [];
  for (const c of customers) {
    let day = c.start;
    for (const gap of [0, ...c.gaps]) {
      day += gap;
      headers.push({
        orderId: `o${headers.length}`,
        locationId: c.location,
        localDate: addDays(FIRST_DAY, day),
        customerId: c.customer,
        status: c.countsAsRevenue ? 'completed' : 'cancelled',
        countsAsRevenue: c.countsAsRevenue,
        orderRevenue: 0,
      });
    }
  }
  return headers;
}

const comparable = (rows: readonly Record<string, unknown>[]) =>
  comparableRows('gold_trailing_customers', rows);

describe('gold_trailing_customers SQL', () => {
  it('equals the plain count for sampled days of a history, wherever the visits are split', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(visitsArb, { minLength: 1, maxLength: 6 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 1_500 }), { minLength: 1, maxLength: 12 }),
        fc.oneof(fc.constantFrom(0, 1, 7, 364, 365, 366), fc.integer({ min: 0, max: 800 })),
        async (customers, endOffsets, splitBack) => {
          const headers = headersOf(customers);
          const ends = endOffsets.map((offset) => addDays(FIRST_DAY, offset));
          expect(comparable(await trailingSql(headers, ends, splitBack))).toEqual(
            comparable(
              expectedTrailingCustomers(headers, ends).map((row) => ({ ...row, business_id: BUSINESS })),
            ),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('needs only the longest window before the days: a live flush from the headers the writer loads', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(visitsArb, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 1_500 }),
        async (customers, todayOffset) => {
          const headers = headersOf(customers);
          const today = addDays(FIRST_DAY, todayOffset);
          const ends = affectedTrailingEnds([today], today);
          const from = addDays(ends[0] as string, -(LONGEST_TRAILING_WINDOW - 1));
          const loaded = headers.filter((h) => h.localDate >= from && h.localDate <= (ends.at(-1) as string));
          expect(comparable(await trailingSql(loaded, ends))).toEqual(
            comparable(
              expectedTrailingCustomers(headers, ends).map((row) => ({ ...row, business_id: BUSINESS })),
            ),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('writes a business-wide row for every window of a day without customers', async () => {
    const rows = await trailingSql([], ['2025-03-01']);
    expect(comparable(rows)).toEqual(
      comparable(
        TRAILING_WINDOWS.map((window) => ({
          business_id: BUSINESS,
          location_id: null,
          period_end: '2025-03-01',
          window_days: window,
          customers: 0,
          period_month: '2025-03',
        })),
      ),
    );
  });
});
