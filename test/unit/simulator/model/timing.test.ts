import { describe, expect, it } from 'vitest';
import { localParts, WEEKDAYS } from '../../../../src/domain/locations/local-time.js';
import { dailyVolume } from '../../../../src/simulator/model/daily-volume.js';
import { planOrders } from '../../../../src/simulator/model/plan-orders.js';
import { DAY_OF_WEEK_FACTOR } from '../../../../src/simulator/model/reference-mix.js';
import { streamFor } from '../../../../src/simulator/model/stream-seed.js';
import type { SimLocation } from '../../../../src/simulator/sim-world.js';
import { chainBusiness, DAY_MS, EPOCH_MS, fixtureWorld } from './fixture-world.js';
import { expectMix } from './stats.js';

const business = chainBusiness({
  customersPerLocation: 100,
  sites: [
    { key: 'steady', baseOrdersPerDay: 500 },
    { key: 'growing', baseOrdersPerDay: 200, dailyGrowth: 0.01 },
    { key: 'closed', baseOrdersPerDay: 100, closedWeekdays: [1, 2], opensAt: 16 * 60, closesAt: 22 * 60 },
    {
      key: 'night',
      timeZone: 'America/Chicago',
      baseOrdersPerDay: 200,
      profile: 'late_night',
      opensAt: 11 * 60,
      closesAt: 26 * 60,
    },
  ],
});
const siteOf = new Map(business.locations.map((location) => [location.key, location]));
const world = fixtureWorld([business]);
// Eight weeks from Monday 2024-01-01 (no DST change in them): about 70,000 orders.
const WEEKS = 8;
const orders = planOrders(world, { seed: 3, from: EPOCH_MS, to: EPOCH_MS + WEEKS * 7 * DAY_MS });
const local = orders.map((order) => ({
  order,
  ...localParts(siteOf.get(order.locationKey)?.timeZone ?? 'UTC', new Date(order.placedAt)),
}));
const at = (key: string) => local.filter((entry) => entry.order.locationKey === key);

/** The reference's arrival weight at local minute t: 1 + 3 sin² over lunch, + 3.5 sin² over dinner. */
function referenceWeight(t: number): number {
  let weight = 1;
  if (t >= 660 && t < 810) weight += 3 * Math.sin((Math.PI * (t - 660)) / 150) ** 2;
  if (t >= 1020 && t < 1200) weight += 3.5 * Math.sin((Math.PI * (t - 1020)) / 180) ** 2;
  return weight;
}

describe('when orders happen', () => {
  it('only happens inside opening hours, in local time', () => {
    const outside = local.filter(({ order, minutes }) => {
      const site = siteOf.get(order.locationKey) as SimLocation;
      return site.closesAt <= 1440
        ? minutes < site.opensAt || minutes >= site.closesAt
        : minutes < site.opensAt && minutes >= site.closesAt - 1440;
    });
    expect(outside).toEqual([]);
  });

  it('peaks at lunch and dinner as 1 + sin² bumps (×3 at 11:00–13:30, ×3.5 at 17:00–20:00)', () => {
    const steady = at('steady');
    const weights: Record<string, number> = {};
    for (let hour = 7; hour < 23; hour++) {
      let sum = 0;
      for (let minute = 0; minute < 60; minute++) sum += referenceWeight(hour * 60 + minute + 0.5);
      weights[hour] = sum;
    }
    const hours = steady.map(({ minutes }) => Math.floor(minutes / 60));
    expectMix(hours, weights, 'hour');
    const count = (hour: number) => hours.filter((h) => h === hour).length;
    expect(count(12)).toBeGreaterThan(2.5 * count(9));
    expect(count(18)).toBeGreaterThan(2.5 * count(15));
    expect(count(18)).toBeGreaterThan(count(12));
  });

  it('adds a late-night peak to the late-night profile', () => {
    const night = at('night');
    const perHour = (from: number, to: number) =>
      night.filter(({ minutes }) => minutes >= from * 60 && minutes < to * 60).length / (to - from);
    const afternoon = perHour(15, 17);
    expect(perHour(22, 24)).toBeGreaterThan(2 * afternoon);
    expect(perHour(0, 1)).toBeGreaterThan(1.5 * afternoon);
  });

  it('follows the day-of-week factors and closes on closed weekdays', () => {
    const steady = at('steady');
    const byWeekday = WEEKDAYS.map((weekday) => steady.filter((entry) => entry.weekday === weekday).length);
    // WEEKDAYS starts on Monday; DAY_OF_WEEK_FACTOR on Sunday.
    const factors = WEEKDAYS.map((_, index) => DAY_OF_WEEK_FACTOR[(index + 1) % 7] ?? 0);
    const total = byWeekday.reduce((sum, n) => sum + n, 0);
    const expectedTotal = factors.reduce((sum, f) => sum + f, 0);
    // Each weekday is 8 days of U(0.9, 1.1) noise (sd 5.8 %) and ~4,500 Poisson orders: its share
    // has a relative standard error of about 2.5 %; 5 of those is the tolerance.
    for (const [index, count] of byWeekday.entries()) {
      const expected = (factors[index] ?? 0) / expectedTotal;
      expect(Math.abs(count / total / expected - 1), WEEKDAYS[index]).toBeLessThan(0.125);
    }
    // Friday to Sunday against Monday to Wednesday: 3.75 / 3.13 ≈ 1.20, each side 24 days of noise
    // (about 1.7 % on the ratio), so the weekend lift shows far outside the noise.
    const [mon = 0, tue = 0, wed = 0, , fri = 0, sat = 0, sun = 0] = byWeekday;
    const lift = (fri + sat + sun) / (mon + tue + wed);
    expect(Math.abs(lift - 3.75 / 3.13)).toBeLessThan(0.085);
    const closed = at('closed').filter((entry) => entry.weekday === 'monday' || entry.weekday === 'tuesday');
    expect(closed).toEqual([]);
    expect(at('closed').length).toBeGreaterThan(1_000);
  });

  it('grows by (1 + growth)^day', () => {
    const perDay = (key: string, week: number) =>
      orders.filter(
        (order) =>
          order.locationKey === key &&
          order.placedAt >= EPOCH_MS + week * 7 * DAY_MS &&
          order.placedAt < EPOCH_MS + (week + 1) * 7 * DAY_MS,
      ).length;
    // Whole weeks, so the day-of-week factors cancel; 7 days of noise each: about 3 % per week.
    const ratio = perDay('growing', WEEKS - 1) / perDay('growing', 0);
    expect(Math.abs(ratio / 1.01 ** ((WEEKS - 1) * 7) - 1)).toBeLessThan(0.1);
    const flat = perDay('steady', WEEKS - 1) / perDay('steady', 0);
    expect(Math.abs(flat - 1)).toBeLessThan(0.1);
  });

  it('draws the daily volume as base × (1 + growth)^day × day-of-week × U(0.9, 1.1)', () => {
    const site = siteOf.get('growing') as SimLocation;
    for (let day = 0; day < 400; day += 13) {
      const weekday = (day + 1) % 7;
      const volume = dailyVolume(site, day, weekday, streamFor('volume', day));
      const trend = 200 * 1.01 ** day * (DAY_OF_WEEK_FACTOR[weekday] ?? 0);
      expect(volume / trend).toBeGreaterThanOrEqual(0.9);
      expect(volume / trend).toBeLessThan(1.1);
    }
    expect(dailyVolume(siteOf.get('closed') as SimLocation, 0, 1, streamFor('volume'))).toBe(0);
  });

  it('keeps local opening hours across a DST change, after midnight too', () => {
    // 2024-03-10: clocks go forward at 02:00 in Chicago and Toronto.
    const from = Date.parse('2024-03-08T00:00:00Z');
    const spring = planOrders(world, { seed: 3, from, to: from + 4 * DAY_MS });
    const outside = spring.filter((order) => {
      const site = siteOf.get(order.locationKey) as SimLocation;
      const { minutes } = localParts(site.timeZone, new Date(order.placedAt));
      return site.closesAt <= 1440
        ? minutes < site.opensAt || minutes >= site.closesAt
        : minutes < site.opensAt && minutes >= site.closesAt - 1440;
    });
    expect(outside).toEqual([]);
    expect(spring.filter((order) => order.locationKey === 'night').length).toBeGreaterThan(500);
  });
});
