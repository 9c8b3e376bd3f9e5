import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSINESS_A, L1, L2 } from '../../support/lake-fixture.js';
import { type AnalyticsHarness, analyticsUrl, startAnalyticsApp } from './analytics-harness.js';

/**
 * Distinct customers of a standard period come from gold_trailing_customers, anything else from the
 * order headers, and both give the same figures. Figures from the fixture's orders (see
 * reports.test.ts): in 03-09..15, c1, c2 and c3 (L1: all three; L2: c1 and c2; the guest and the
 * cancelled c4 are no customers); in 03-02..08, c1 and c5 (c2's order was refunded in full); in
 * 02-14..03-15, c1, c2, c3 and c5; in 01-15..02-13, c1 and c2; at L1 in 03-02..08, c1 alone.
 */
describe('distinct customers of standard periods', () => {
  let h: AnalyticsHarness;
  let owner: string;
  const get = async (path: string) => {
    const response = await h.get(analyticsUrl(path), owner);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const customers = async (path: string) => {
    const body = await get(path);
    const kpi = body.kpis.find((k: { key: string }) => k.key === 'customers');
    return [kpi.current, kpi.previous];
  };
  const byLocation = async (path: string) =>
    Object.fromEntries(
      (await get(path)).locations.map((l: { locationId: string; customers: number }) => [
        l.locationId,
        l.customers,
      ]),
    );

  beforeAll(async () => {
    h = await startAnalyticsApp();
    owner = await h.token({ role: 'owner' });
  });
  afterAll(() => h?.close());

  it('agree between the table (standard periods) and the headers (other ranges, several locations)', async () => {
    expect(await customers('/dashboard?period=7d')).toEqual([3, 2]);
    expect(await customers('/dashboard?period=30d')).toEqual([4, 2]);
    expect(await customers(`/dashboard?period=7d&location_id=${L2}`)).toEqual([2, 1]);
    // Counted from the headers: two locations at once, six days, a year whose previous year is not in the table.
    expect(await customers(`/dashboard?period=7d&location_id=${L1},${L2}`)).toEqual([3, 2]);
    expect(await customers('/dashboard?from=2026-03-10&to=2026-03-15')).toEqual([3, 2]);
    expect(await customers('/dashboard?period=1y')).toEqual([4, 0]);
    expect(await byLocation('/sales/by-location?period=7d')).toEqual({ [L1]: 3, [L2]: 2 });
    expect(await byLocation('/sales/by-location?from=2026-03-10&to=2026-03-15')).toEqual({
      [L1]: 3,
      [L2]: 2,
    });
  });

  it('read the table where it has the day, and count the headers where it has not', async () => {
    // Doctored counts for 2026-03-15 show which source answered.
    await h.lake.rewritePartition(
      'gold_trailing_customers',
      BUSINESS_A,
      '2026-03',
      `SELECT * REPLACE (CASE WHEN period_end = DATE '2026-03-15' THEN customers + 100 ELSE customers END AS customers)
         FROM previous`,
    );
    expect(await customers('/dashboard?period=7d')).toEqual([103, 2]);
    expect(await customers(`/dashboard?period=7d&location_id=${L1}`)).toEqual([103, 1]);
    expect(await byLocation('/sales/by-location?period=7d')).toEqual({ [L1]: 103, [L2]: 102 });

    // Without the day's rows (a day the writer has not computed), the headers answer.
    await h.lake.rewritePartition(
      'gold_trailing_customers',
      BUSINESS_A,
      '2026-03',
      `SELECT * FROM previous WHERE period_end <> DATE '2026-03-15'`,
    );
    expect(await customers('/dashboard?period=7d')).toEqual([3, 2]);
    expect(await customers(`/dashboard?period=7d&location_id=${L1}`)).toEqual([3, 1]);
    expect(await byLocation('/sales/by-location?period=7d')).toEqual({ [L1]: 3, [L2]: 2 });
  });
});
