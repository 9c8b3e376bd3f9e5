import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  affectedPeriods,
  affectedTrailingEnds,
  fromDay,
  type MetricPeriod,
  periodOf,
  toDay,
} from '../../../src/lake/gold/affected-periods.js';
import { addDays, expectedMetrics, type HeaderFact } from './metrics-oracle.js';

const keys = (periods: readonly MetricPeriod[]) =>
  periods.map((p) => `${p.grain}:${p.period_start}:${p.period_end}`);

describe('affectedPeriods', () => {
  it('gives the day, week and month of a date, and every later period its churn look-back reaches', () => {
    const periods = affectedPeriods(['2025-03-12'], 3);
    // Look-back 2 × 3 days: periods ending 2025-03-12 … 2025-03-17.
    expect(keys(periods)).toEqual([
      'day:2025-03-12:2025-03-12',
      'day:2025-03-13:2025-03-13',
      'day:2025-03-14:2025-03-14',
      'day:2025-03-15:2025-03-15',
      'day:2025-03-16:2025-03-16',
      'day:2025-03-17:2025-03-17',
      'week:2025-03-10:2025-03-16',
      'month:2025-03-01:2025-03-31',
    ]);
  });

  it('reaches 179 days ahead with the 90-day window, across weeks and months', () => {
    const periods = affectedPeriods(['2025-01-31']);
    const days = periods.filter((p) => p.grain === 'day');
    expect(days).toHaveLength(180);
    expect(days.at(-1)?.period_end).toBe('2025-07-29');
    const weeks = periods.filter((p) => p.grain === 'week');
    expect(weeks[0]).toEqual({ grain: 'week', period_start: '2025-01-27', period_end: '2025-02-02' });
    expect((weeks.at(-1)?.period_end ?? '') <= '2025-07-29').toBe(true);
    expect(weeks.every((w) => new Date(`${w.period_start}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(keys(periods.filter((p) => p.grain === 'month'))).toEqual([
      'month:2025-01-01:2025-01-31',
      'month:2025-02-01:2025-02-28',
      'month:2025-03-01:2025-03-31',
      'month:2025-04-01:2025-04-30',
      'month:2025-05-01:2025-05-31',
      'month:2025-06-01:2025-06-30',
    ]);
  });

  it('stops at today, but always keeps the periods holding the dates themselves', () => {
    const periods = affectedPeriods(['2025-03-30', '2025-03-31'], 90, '2025-04-02');
    expect(keys(periods)).toEqual([
      'day:2025-03-30:2025-03-30',
      'day:2025-03-31:2025-03-31',
      'day:2025-04-01:2025-04-01',
      'day:2025-04-02:2025-04-02',
      'week:2025-03-24:2025-03-30',
      'week:2025-03-31:2025-04-06',
      'month:2025-03-01:2025-03-31',
      'month:2025-04-01:2025-04-30',
    ]);
    // A local date ahead of the writer's UTC today still gets its own periods.
    expect(keys(affectedPeriods(['2025-04-03'], 90, '2025-04-02'))).toEqual([
      'day:2025-04-03:2025-04-03',
      'week:2025-03-31:2025-04-06',
      'month:2025-04-01:2025-04-30',
    ]);
  });

  it('handles leap years and refuses what is not a date', () => {
    expect(periodOf('month', toDay('2024-02-10'))).toEqual({
      start: toDay('2024-02-01'),
      end: toDay('2024-02-29'),
    });
    expect(fromDay(toDay('2024-02-29'))).toBe('2024-02-29');
    expect(() => affectedPeriods(['2025-02-30'])).toThrow(/not a date/);
    expect(() => affectedPeriods(['20250301'])).toThrow(/not a date/);
    expect(affectedPeriods([])).toEqual([]);
  });

  /**
   * The property that matters: whatever changes on day D (an order added, or its status changed), a
   * period whose metrics differ afterwards is one affectedPeriods([D]) lists. Checked against the
   * metrics oracle over every period around the data, with short churn windows to make it sharp.
   */
  it('lists every period whose metrics a change on a date can alter', () => {
    const base = toDay('2025-01-01');
    const orderArb = fc.record({
      day: fc.integer({ min: 0, max: 45 }),
      location: fc.constantFrom('L1', 'L2'),
      customer: fc.constantFrom('c1', 'c2', 'c3', null),
      status: fc.constantFrom('completed', 'confirmed', 'cancelled', 'refunded'),
      revenue: fc.integer({ min: 1, max: 5000 }),
    });
    fc.assert(
      fc.property(
        fc.array(orderArb, { maxLength: 12 }),
        orderArb,
        fc.integer({ min: 1, max: 8 }),
        fc.boolean(),
        (orders, change, window, flip) => {
          const header = (o: typeof change, index: number): HeaderFact => ({
            orderId: `o${index}`,
            locationId: o.location,
            localDate: fromDay(base + o.day),
            customerId: o.customer,
            status: o.status,
            countsAsRevenue: o.status === 'completed' || o.status === 'confirmed',
            orderRevenue: o.status === 'completed' || o.status === 'confirmed' ? o.revenue : 0,
          });
          const before = orders.map(header);
          // Either a new order on the change's day, or the first order moved to another status.
          const first = orders[0];
          const changed =
            flip && first
              ? {
                  ...first,
                  status: first.status === 'cancelled' ? ('completed' as const) : ('cancelled' as const),
                }
              : change;
          const after =
            flip && first
              ? [header(changed, 0), ...before.slice(1)]
              : [...before, header(change, orders.length)];
          const universe = allPeriods(fromDay(base - 40), fromDay(base + 45 + 2 * window + 40));
          const changedDate = fromDay(base + changed.day);
          const allowed = new Set(keys(affectedPeriods([changedDate], window)));
          const metricsBefore = byPeriod(expectedMetrics(before, universe, window));
          const metricsAfter = byPeriod(expectedMetrics(after, universe, window));
          for (const key of new Set([...metricsBefore.keys(), ...metricsAfter.keys()])) {
            if (metricsBefore.get(key) !== metricsAfter.get(key)) {
              expect(allowed, `${key} changed by an order on ${changedDate}`).toContain(key.split('|')[0]);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('with today: the uncapped periods up to today, plus those holding the dates', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 500 }),
        (days, todayDay) => {
          const base = toDay('2024-06-01');
          const dates = days.map((d) => fromDay(base + d));
          const today = fromDay(base + todayDay);
          const capped = keys(affectedPeriods(dates, 90, today));
          const expected = affectedPeriods(dates, 90)
            .filter(
              (p) =>
                p.period_start <= today ||
                dates.some((date) => p.period_start <= date && date <= p.period_end),
            )
            .map((p) => `${p.grain}:${p.period_start}:${p.period_end}`);
          expect(capped).toEqual(expected);
        },
      ),
    );
  });
});

describe('affectedTrailingEnds', () => {
  it('gives the days from each changed date to the longest window after it, up to tomorrow', () => {
    expect(affectedTrailingEnds(['2025-03-12', '2025-03-13'], '2025-03-14')).toEqual([
      '2025-03-12',
      '2025-03-13',
      '2025-03-14',
      '2025-03-15',
    ]);
    const late = affectedTrailingEnds(['2024-01-01'], '2025-06-01');
    expect(late).toHaveLength(365);
    expect([late[0], late.at(-1)]).toEqual(['2024-01-01', '2024-12-30']);
    // A local date ahead of tomorrow gets no row: readers count the headers for it.
    expect(affectedTrailingEnds(['2025-03-16'], '2025-03-14')).toEqual([]);
    expect(affectedTrailingEnds([], '2025-03-14')).toEqual([]);
  });
});

/** Every day, week and month period between two dates. */
function allPeriods(from: string, to: string): MetricPeriod[] {
  const periods = new Map<string, MetricPeriod>();
  for (let date = from; date <= to; date = addDays(date, 1)) {
    for (const grain of ['day', 'week', 'month'] as const) {
      const period = periodOf(grain, toDay(date));
      const value = { grain, period_start: fromDay(period.start), period_end: fromDay(period.end) };
      periods.set(keys([value])[0] as string, value);
    }
  }
  return [...periods.values()];
}

/** Metric rows keyed by period (and scope), each row as text for comparison. */
function byPeriod(rows: ReturnType<typeof expectedMetrics>): Map<string, string> {
  return new Map(
    rows.map((row) => [
      `${row.grain}:${row.period_start}:${row.period_end}|${row.location_id}`,
      JSON.stringify(row),
    ]),
  );
}
