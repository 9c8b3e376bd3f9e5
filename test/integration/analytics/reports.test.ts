import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitManifest } from '../../../src/lake/manifest-io.js';
import {
  BRAND_BURGER,
  BRAND_NOODLE,
  CUSTOMERS,
  FIXTURE_NOW,
  ITEMS,
  L1,
  L2,
} from '../../support/lake-fixture.js';
import { type AnalyticsHarness, analyticsUrl, startAnalyticsApp } from './analytics-harness.js';

/**
 * Every report against figures worked out by hand from the fixture's order list
 * (test/support/lake-fixture.ts, ORDERS). Revenue of an order = captured − refunded, for orders that
 * are neither cancelled nor refunded in full; the current week is 2026-03-09..15 (the fixture's today).
 *
 *   O1 L1 c1 03-15 12h 2560 (tip 300, tax 260, card)   O5 L2 c2 03-10 3051 (tax 351, card, discount 300)
 *   O2 L1 c2 03-15 13h 2599 (tax 299, cash)            O6 L1 c4 03-12 cancelled, nothing captured
 *   O3 L2 c1 03-15 10h 2295 (tip 100, tax 195, card)   O7 L2 guest 03-13 904 (tax 104, cash)
 *   O4 L1 c3 03-14 19h 2395 − 500 refunded = 1895 (tip 200, tax 195, card)
 *   P1 L1 c1 03-05 1230 (tip 100, tax 130)  P2 L2 c5 03-07 1695 (tax 195)  P3 L1 c2 03-08 565 refunded in full
 *   H1 L1 c1 2026-01-20 1130  H2 L1 c2 2026-02-10 1130  H3 L2 c1 2026-02-14 1695
 */
describe('analytics reports', () => {
  let h: AnalyticsHarness;
  let owner: string;
  const get = async (path: string, status = 200) => {
    const response = await h.get(analyticsUrl(path), owner);
    expect(response.statusCode, response.body).toBe(status);
    return response.json();
  };

  beforeAll(async () => {
    h = await startAnalyticsApp();
    owner = await h.token({ role: 'owner' });
  });
  afterAll(() => h?.close());

  describe('dashboard', () => {
    it('compares the last 7 days with the 7 before, with growth in percent', async () => {
      const body = await get('/dashboard?period=7d');
      expect(body.range).toEqual({ from: '2026-03-09', to: '2026-03-15' });
      expect(body.previousRange).toEqual({ from: '2026-03-02', to: '2026-03-08' });
      expect(body.currency).toBe('CAD');
      const kpi = (key: string) => body.kpis.find((k: { key: string }) => k.key === key);
      // 2560 + 2599 + 2295 + 1895 + 3051 + 904 = 13304 against P1 + P2 = 2925: +354.8 %.
      expect(kpi('sales')).toEqual({
        key: 'sales',
        unit: 'money',
        current: 13304,
        previous: 2925,
        growthPct: 354.8,
      });
      expect(kpi('orders')).toMatchObject({ current: 6, previous: 2, growthPct: 200 });
      // 13304 / 6 = 2217.3 → 2217; 2925 / 2 = 1462.5 → 1463 (half up); +51.5 %.
      expect(kpi('average_order_value')).toMatchObject({ current: 2217, previous: 1463, growthPct: 51.5 });
      // c1, c2, c3 (the guest is not a customer) against c1, c5.
      expect(kpi('customers')).toMatchObject({ current: 3, previous: 2, growthPct: 50 });
      expect(kpi('tips')).toMatchObject({ current: 600, previous: 100, growthPct: 500 });
      expect(kpi('tax')).toMatchObject({ current: 1404, previous: 325, growthPct: 332 });
      expect(kpi('refunds')).toMatchObject({ current: 500, previous: 565, growthPct: -11.5 });
      expect(kpi('cancellations')).toMatchObject({ current: 1, previous: 0, growthPct: null });
      // Ratings 5, 4, 2 → 3.67 against 4; NPS: one promoter (10), one detractor (3) of 3 → 0, before 100.
      expect(kpi('average_rating')).toMatchObject({ current: 3.67, previous: 4 });
      expect(kpi('nps')).toMatchObject({ current: 0, previous: 100, growthPct: -100 });
    });

    it('filters by location', async () => {
      const body = await get(`/dashboard?period=7d&location_id=${L1}`);
      const sales = body.kpis.find((k: { key: string }) => k.key === 'sales');
      // O1 + O2 + O4 against P1 (P3 was refunded in full).
      expect(sales).toMatchObject({ current: 7054, previous: 1230, growthPct: 473.5 });
    });

    it('takes an explicit from/to and compares with the equal range before', async () => {
      const body = await get('/dashboard?from=2026-03-14&to=2026-03-15');
      expect(body.previousRange).toEqual({ from: '2026-03-12', to: '2026-03-13' });
      const sales = body.kpis.find((k: { key: string }) => k.key === 'sales');
      // 1895 + 7454 against 904 (O6 on the 12th was cancelled).
      expect(sales).toMatchObject({ current: 9349, previous: 904 });
    });

    it('period=1d is today against yesterday', async () => {
      const body = await get('/dashboard?period=1d');
      expect(body.range).toEqual({ from: '2026-03-15', to: '2026-03-15' });
      expect(body.kpis.find((k: { key: string }) => k.key === 'sales')).toMatchObject({
        current: 7454,
        previous: 1895,
      });
    });
  });

  describe('filters', () => {
    it.each([
      ['period with from', '/dashboard?period=7d&from=2026-03-01', 'querystring/period'],
      ['from after to', '/dashboard?from=2026-03-10&to=2026-03-01', 'querystring/from'],
      ['not a calendar date', '/dashboard?from=2026-02-30&to=2026-03-01', 'querystring/from'],
      ['unknown period', '/dashboard?period=2w', 'querystring/period'],
      ['bad location id', '/dashboard?location_id=nope', 'querystring/location_id'],
      ['range too long', '/dashboard?from=2000-01-01&to=2026-03-01', 'querystring/from'],
      ['brand where brands do not apply', `/dashboard?brand_id=${BRAND_BURGER}`, 'querystring/brand_id'],
      ['hourly buckets over a year', '/sales/summary?group_by=hour&period=1y', 'querystring/group_by'],
    ])('rejects %s with validation_failed', async (_name, path, field) => {
      const body = await get(path, 400);
      expect(body.code).toBe('validation_failed');
      expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('takes location_id repeated or comma-separated', async () => {
      const repeated = await get(`/sales/by-location?period=7d&location_id=${L1}&location_id=${L2}`);
      const comma = await get(`/sales/by-location?period=7d&location_id=${L1},${L2}`);
      expect(repeated.locations).toEqual(comma.locations);
      expect(repeated.totalSalesMinor).toBe(13304);
    });
  });

  describe('sales summary', () => {
    it('groups by day with every day present', async () => {
      const body = await get('/sales/summary?group_by=day&from=2026-03-09&to=2026-03-15');
      expect(
        body.buckets.map((b: { bucket: string; salesMinor: number; orders: number }) => [
          b.bucket,
          b.salesMinor,
          b.orders,
        ]),
      ).toEqual([
        ['2026-03-09', 0, 0],
        ['2026-03-10', 3051, 1],
        ['2026-03-11', 0, 0],
        ['2026-03-12', 0, 0],
        ['2026-03-13', 904, 1],
        ['2026-03-14', 1895, 1],
        ['2026-03-15', 7454, 3],
      ]);
      expect(body.totals).toEqual({
        orders: 6,
        salesMinor: 13304,
        tipsMinor: 600,
        averageOrderValueMinor: 2217,
      });
    });

    it('groups by local hour', async () => {
      const body = await get('/sales/summary?group_by=hour&from=2026-03-15&to=2026-03-15');
      expect(body.buckets).toHaveLength(24);
      const busy = body.buckets.filter((b: { orders: number }) => b.orders > 0);
      // O3 at 10:00 in Vancouver, O1 at 12:00 and O2 at 13:00 in Toronto: local hours.
      expect(
        busy.map((b: { bucket: string; salesMinor: number; tipsMinor: number }) => [
          b.bucket,
          b.salesMinor,
          b.tipsMinor,
        ]),
      ).toEqual([
        ['2026-03-15T10:00', 2295, 100],
        ['2026-03-15T12:00', 2560, 300],
        ['2026-03-15T13:00', 2599, 0],
      ]);
    });

    it('groups by ISO week (Monday) and by month', async () => {
      const weeks = await get('/sales/summary?group_by=week&from=2026-03-01&to=2026-03-15');
      expect(
        weeks.buckets.map((b: { bucket: string; salesMinor: number }) => [b.bucket, b.salesMinor]),
      ).toEqual([
        ['2026-02-23', 0],
        ['2026-03-02', 2925],
        ['2026-03-09', 13304],
      ]);
      const months = await get('/sales/summary?group_by=month&from=2026-01-01&to=2026-03-15');
      // January H1 1130; February H2 1130 + H3 1695; March 2925 + 13304.
      expect(
        months.buckets.map((b: { bucket: string; salesMinor: number }) => [b.bucket, b.salesMinor]),
      ).toEqual([
        ['2026-01', 1130],
        ['2026-02', 2825],
        ['2026-03', 16229],
      ]);
    });

    it("a brand's sales by day (gold) and by hour (silver lines) agree", async () => {
      const days = await get(`/sales/summary?group_by=day&period=7d&brand_id=${BRAND_NOODLE}`);
      // Noodle Bar lines: O5 ramen×2 3000 − 300 discount; O7 gyoza 800; O2 ramen 1500 + gyoza 800.
      expect(
        days.buckets
          .filter((b: { orders: number }) => b.orders > 0)
          .map((b: { bucket: string; salesMinor: number }) => [b.bucket, b.salesMinor]),
      ).toEqual([
        ['2026-03-10', 2700],
        ['2026-03-13', 800],
        ['2026-03-15', 2300],
      ]);
      expect(days.totals).toEqual({
        orders: 3,
        salesMinor: 5800,
        tipsMinor: null,
        averageOrderValueMinor: 1933,
      });
      const hours = await get(
        `/sales/summary?group_by=hour&from=2026-03-15&to=2026-03-15&brand_id=${BRAND_NOODLE}`,
      );
      expect(hours.totals.salesMinor).toBe(2300);
      expect(hours.buckets.find((b: { hour: number }) => b.hour === 13)).toMatchObject({
        orders: 1,
        salesMinor: 2300,
      });
    });
  });

  describe('sales breakdowns', () => {
    it('by category', async () => {
      const body = await get('/sales/by-category?period=7d');
      expect(body.categories).toEqual([
        {
          categoryId: expect.any(String),
          name: 'Mains',
          items: 2,
          units: 6,
          revenueMinor: 7500,
          share: 0.6757,
        },
        {
          categoryId: expect.any(String),
          name: 'Sides',
          items: 2,
          units: 6,
          revenueMinor: 3600,
          share: 0.3243,
        },
      ]);
      const burgers = await get(`/sales/by-category?period=7d&brand_id=${BRAND_BURGER}`);
      // Burger Lab: burgers O1×2 + O4×1; fries O3×3 + O4×1.
      expect(
        burgers.categories.map((c: { name: string; units: number; revenueMinor: number }) => [
          c.name,
          c.units,
          c.revenueMinor,
        ]),
      ).toEqual([
        ['Mains', 3, 3000],
        ['Sides', 4, 2000],
      ]);
    });

    it('by payment method', async () => {
      const body = await get('/sales/by-payment-method?period=7d');
      expect(body.methods).toEqual([
        { method: 'card', orders: 4, salesMinor: 9801, averageOrderValueMinor: 2450, share: 0.7367 },
        { method: 'cash', orders: 2, salesMinor: 3503, averageOrderValueMinor: 1752, share: 0.2633 },
      ]);
    });

    it('by location, with names, customers and cancellations', async () => {
      const body = await get('/sales/by-location?period=7d');
      expect(body.locations).toEqual([
        {
          locationId: L1,
          name: 'Queen St',
          orders: 3,
          salesMinor: 7054,
          averageOrderValueMinor: 2351,
          tipsMinor: 500,
          customers: 3,
          cancellations: 1,
          share: 0.5302,
        },
        {
          locationId: L2,
          name: 'Gastown',
          orders: 3,
          salesMinor: 6250,
          averageOrderValueMinor: 2083,
          tipsMinor: 100,
          customers: 2,
          cancellations: 0,
          share: 0.4698,
        },
      ]);
      // A location without a sale in the range still has its line, with zeros.
      const quiet = await get(`/sales/by-location?from=2026-01-01&to=2026-01-02&location_id=${L2}`);
      expect(quiet.locations).toEqual([
        {
          locationId: L2,
          name: 'Gastown',
          orders: 0,
          salesMinor: 0,
          averageOrderValueMinor: null,
          tipsMinor: 0,
          customers: 0,
          cancellations: 0,
          share: null,
        },
      ]);
      const brand = await get(`/sales/by-location?period=7d&brand_id=${BRAND_NOODLE}`);
      expect(
        brand.locations.map((l: { locationId: string; salesMinor: number; tipsMinor: null }) => [
          l.locationId,
          l.salesMinor,
          l.tipsMinor,
        ]),
      ).toEqual([
        [L2, 3500, null],
        [L1, 2300, null],
      ]);
    });
  });

  describe('sales by brand', () => {
    it("ranks brands by their lines' revenue, an order counting once per brand it has lines of", async () => {
      const body = await get('/sales/by-brand?period=7d');
      // Noodle Bar: O5 ramen×2 3000 − 300, O7 gyoza 800, O2 ramen 1500 + gyoza 800; Burger Lab: the rest
      // of the item revenue by category (Mains 3000 + Sides 2000), in O1, O3 and O4.
      expect(body.totalSalesMinor).toBe(10800);
      expect(body.brands).toEqual([
        {
          brandId: BRAND_NOODLE,
          name: 'Noodle Bar',
          orders: 3,
          units: 5,
          salesMinor: 5800,
          averageOrderValueMinor: 1933,
          share: 0.537,
        },
        {
          brandId: BRAND_BURGER,
          name: 'Burger Lab',
          orders: 3,
          units: 7,
          salesMinor: 5000,
          averageOrderValueMinor: 1667,
          share: 0.463,
        },
      ]);
    });

    it('narrows to a location and to one brand', async () => {
      const atL1 = await get(`/sales/by-brand?period=7d&location_id=${L1}&brand_id=${BRAND_NOODLE}`);
      expect(atL1.brandId).toBe(BRAND_NOODLE);
      expect(atL1.brands.map((b: { name: string; salesMinor: number }) => [b.name, b.salesMinor])).toEqual([
        ['Noodle Bar', 2300],
      ]);
      const before = await get('/sales/by-brand?from=2026-01-01&to=2026-01-02');
      expect(before).toMatchObject({ totalSalesMinor: 0, brands: [] });
    });
  });

  describe('menu', () => {
    const ranking = async (query: string) =>
      (await get(`/menu/top-items?period=7d&${query}`)).items.map(
        (i: { rank: number; name: string }) => `${i.rank}:${i.name}`,
      );

    it('ranks items by revenue, quantity and profit', async () => {
      // Quantity / revenue (net of line discounts) / profit: burger 3 / 3000 / 1800, fries 4 / 2000 / 1600,
      // ramen 3 / 1500 + (3000 − 300) = 4200 / 2400, gyoza 2 / 1600 / 1200.
      expect(await ranking('metric=revenue')).toEqual(['1:Ramen', '2:Burger', '3:Fries', '4:Gyoza']);
      expect(await ranking('metric=quantity')).toEqual(['1:Fries', '2:Burger', '3:Ramen', '4:Gyoza']);
      expect(await ranking('metric=profit&limit=2')).toEqual(['1:Ramen', '2:Burger']);
      expect(await ranking(`metric=revenue&brand_id=${BRAND_NOODLE}`)).toEqual(['1:Ramen', '2:Gyoza']);
      expect(await ranking(`metric=quantity&location_id=${L2}`)).toEqual(['1:Fries', '2:Ramen', '3:Gyoza']);
      const top = await get('/menu/top-items?period=7d&metric=revenue&limit=1');
      expect(top.items[0]).toEqual({
        rank: 1,
        itemId: ITEMS.ramen,
        name: 'Ramen',
        category: 'Mains',
        quantity: 3,
        revenueMinor: 4200,
        costMinor: 1800,
        profitMinor: 2400,
        margin: 0.5714,
      });
    });

    it('analyses profit with menu-engineering classes', async () => {
      const body = await get('/menu/profit-analysis?period=7d');
      expect(body.totals).toEqual({
        quantity: 12,
        revenueMinor: 10800,
        costMinor: 3800,
        profitMinor: 7000,
        margin: 0.6481,
      });
      // Popular: at least 0.7 × 12 / 4 = 2.1 units; profitable: at least 7000 / 12 = 583.33 per unit.
      expect(body.thresholds).toEqual({ popularQuantity: 2.1, averageUnitProfitMinor: 583.33 });
      const classes = (items: { name: string; class: string; unitProfitMinor: number; margin: number }[]) =>
        Object.fromEntries(items.map((i) => [i.name, [i.class, i.unitProfitMinor, i.margin]]));
      expect(classes(body.items)).toEqual({
        Ramen: ['star', 800, 0.5714],
        Burger: ['star', 600, 0.6],
        Fries: ['plowhorse', 400, 0.8],
        Gyoza: ['puzzle', 600, 0.75],
      });
      // Toronto alone (O1, O2, O4): 6 units, popular from 1.05, profitable from 3700 / 6 = 616.67.
      const toronto = await get(`/menu/profit-analysis?period=7d&location_id=${L1}`);
      expect(classes(toronto.items)).toEqual({
        Burger: ['plowhorse', 600, 0.6],
        Ramen: ['puzzle', 900, 0.6],
        Gyoza: ['dog', 600, 0.75],
        Fries: ['dog', 400, 0.8],
      });
    });
  });

  describe('customers', () => {
    it('splits new and returning customers, with the repeat rate and top spenders', async () => {
      const body = await get('/customers/insights?period=7d');
      expect(body).toMatchObject({
        customers: 3,
        newCustomers: 1, // c3; c1 and c2 ordered in January and February
        returningCustomers: 2,
        repeatCustomers: 2,
        repeatRate: 0.6667,
        orders: 5,
        guestOrders: 1,
        ordersPerCustomer: 1.67,
        spendPerCustomerMinor: 4133,
      });
      expect(body.topCustomers).toEqual([
        {
          customerId: CUSTOMERS.c2,
          orders: 2,
          spendMinor: 5650,
          firstOrderDate: '2026-02-10',
          lastOrderDate: '2026-03-15',
        },
        {
          customerId: CUSTOMERS.c1,
          orders: 2,
          spendMinor: 4855,
          firstOrderDate: '2026-01-20',
          lastOrderDate: '2026-03-15',
        },
        {
          customerId: CUSTOMERS.c3,
          orders: 1,
          spendMinor: 1895,
          firstOrderDate: '2026-03-14',
          lastOrderDate: '2026-03-14',
        },
      ]);
    });

    it('answers a range without orders with zeros and no top customers', async () => {
      const body = await get('/customers/insights?from=2025-06-01&to=2025-06-07');
      expect(body).toMatchObject({
        customers: 0,
        newCustomers: 0,
        returningCustomers: 0,
        repeatCustomers: 0,
        orders: 0,
        guestOrders: 0,
        ordersPerCustomer: null,
        topCustomers: [],
      });
    });

    it('judges "new" by the history at the selected locations', async () => {
      // At Vancouver, c1 ordered before (H3) but c2's first order there is O5.
      const body = await get(`/customers/insights?period=7d&location_id=${L2}&limit=1`);
      expect(body).toMatchObject({ customers: 2, newCustomers: 1, returningCustomers: 1, guestOrders: 1 });
      expect(body.topCustomers).toHaveLength(1);
    });

    it('builds monthly cohorts with retention per month offset', async () => {
      const body = await get('/customers/cohorts?from=2026-01-01&to=2026-03-15');
      const shape = body.cohorts.map(
        (c: { cohortMonth: string; customers: number; retention: { activeCustomers: number }[] }) => [
          c.cohortMonth,
          c.customers,
          c.retention.map((r) => r.activeCustomers),
        ],
      );
      // c1 (January: Jan, Feb, Mar), c2 (February: Feb, Mar), c3 and c5 (March).
      expect(shape).toEqual([
        ['2026-01', 1, [1, 1, 1]],
        ['2026-02', 1, [1, 1]],
        ['2026-03', 2, [2]],
      ]);
      const late = await get('/customers/cohorts?from=2026-02-01&to=2026-02-28');
      expect(late.cohorts).toEqual([
        {
          cohortMonth: '2026-02',
          customers: 1,
          retention: [{ offset: 0, month: '2026-02', activeCustomers: 1, rate: 1 }],
        },
      ]);
    });
  });

  describe('operations', () => {
    it('gives delivery phase percentiles from the exact durations', async () => {
      const body = await get('/operations/phase-timing?period=7d');
      expect(body).toMatchObject({ deliveries: 2, delivered: 2, failed: 0 });
      const total = body.phases.find((p: { phase: string }) => p.phase === 'placed_to_delivered');
      // Two samples, 1650 and 2760 s: p50 = 2205, p95 = 1650 + 0.95 × 1110 = 2704.5 (interpolated).
      expect(total).toEqual({
        phase: 'placed_to_delivered',
        samples: 2,
        avgSeconds: 2205,
        p50Seconds: 2205,
        p75Seconds: 2482.5,
        p95Seconds: 2704.5,
        p99Seconds: 2748.9,
        maxSeconds: 2760,
      });
      const toronto = await get(`/operations/phase-timing?period=7d&location_id=${L1}`);
      expect(toronto.phases.find((p: { phase: string }) => p.phase === 'placed_to_delivered')).toMatchObject({
        samples: 1,
        p50Seconds: 2760,
      });
    });

    it('gives prep times and the late share per station', async () => {
      const body = await get('/operations/kitchen-performance?period=7d');
      expect(body.stations).toEqual([
        {
          station: 'fry',
          tickets: 2,
          ready: 2,
          cancelled: 0,
          avgPrepSeconds: 220,
          p50PrepSeconds: 220,
          p95PrepSeconds: 238,
          avgWaitSeconds: 35,
          late: 0,
          lateShare: 0,
        },
        {
          station: 'grill',
          tickets: 3,
          ready: 2,
          cancelled: 1,
          avgPrepSeconds: 400,
          p50PrepSeconds: 400,
          p95PrepSeconds: 490,
          avgWaitSeconds: 80,
          late: 1,
          lateShare: 0.5,
        },
        {
          station: 'wok',
          tickets: 1,
          ready: 1,
          cancelled: 0,
          avgPrepSeconds: 600,
          p50PrepSeconds: 600,
          p95PrepSeconds: 600,
          avgWaitSeconds: 120,
          late: 1,
          lateShare: 1,
        },
        {
          station: 'all',
          tickets: 6,
          ready: 5,
          cancelled: 1,
          avgPrepSeconds: 368,
          p50PrepSeconds: 300,
          p95PrepSeconds: 580,
          avgWaitSeconds: 70,
          late: 2,
          lateShare: 0.4,
        },
      ]);
    });
  });

  it('summarises the money from gross to net and gross profit', async () => {
    const body = await get('/financial/summary?period=7d');
    expect(body).toMatchObject({
      currency: 'CAD',
      orders: 6, // O6 was never paid
      grossSalesMinor: 11100,
      discountsMinor: 300,
      netSalesMinor: 10800,
      taxMinor: 1404,
      tipsMinor: 600,
      deliveryFeesMinor: 1000,
      totalCollectedMinor: 13804,
      refundsMinor: 500,
      netRevenueMinor: 13304,
      cogsMinor: 3800,
      grossProfitMinor: 6500, // 10800 − 500 − 3800
      grossMargin: 0.6311,
    });
  });

  it('refuses the reports whose gold is newer than the lake, and answers the rest', async () => {
    const current = h.lake.manifest;
    const { goldVersion: _current, ...older } = current;
    // A lake of gold version 1: the writer has not recomputed its gold yet.
    await commitManifest(h.lake.store, { ...older, version: current.version + 1 });
    try {
      for (const report of ['/financial/summary?period=7d', '/dashboard?period=7d']) {
        const refused = await h.get(analyticsUrl(report), owner);
        expect(refused.statusCode, report).toBe(503);
        expect(refused.headers['content-type']).toContain('application/problem+json');
        expect(refused.json().code).toBe('analytics_gold_upgrading');
      }
      expect((await get('/sales/summary?period=7d&group_by=day')).totals).toBeDefined();
    } finally {
      await commitManifest(h.lake.store, current);
    }
    expect((await get('/financial/summary?period=7d')).orders).toBe(6);
  });

  describe('metrics', () => {
    it('reads the business-wide series by grain', async () => {
      const days = await get('/metrics/revenue?grain=day&from=2026-03-14&to=2026-03-15');
      expect(days).toMatchObject({ metric: 'revenue', grain: 'day', unit: 'money', currency: 'CAD' });
      expect(days.series).toEqual([
        {
          locationId: null,
          points: [
            { periodStart: '2026-03-14', periodEnd: '2026-03-14', value: 1895 },
            { periodStart: '2026-03-15', periodEnd: '2026-03-15', value: 7454 },
          ],
        },
      ]);
      const months = await get('/metrics/revenue?grain=month&from=2026-02-01&to=2026-03-15');
      expect(months.series[0].points.map((p: { value: number }) => p.value)).toEqual([2825, 16229]);
      const aov = await get('/metrics/aov?grain=day&from=2026-03-15&to=2026-03-15');
      expect(aov.series[0].points[0].value).toBe(2485); // 2484.67 rounded to the cent
      const churn = await get('/metrics/churn_rate?grain=month&from=2026-03-01&to=2026-03-31');
      expect(churn).toMatchObject({ unit: 'ratio', currency: null });
      expect(churn.series[0].points[0].value).toBe(0.25);
    });

    it('gives a series per location when locations are named', async () => {
      const body = await get(`/metrics/revenue?grain=day&period=7d&location_id=${L1}`);
      expect(body.series).toEqual([
        { locationId: L1, points: [{ periodStart: '2026-03-15', periodEnd: '2026-03-15', value: 5159 }] },
      ]);
    });

    it('rejects an unknown metric', async () => {
      expect((await get('/metrics/profit_margin', 400)).code).toBe('validation_failed');
    });
  });

  describe('realtime', () => {
    it("shows each location's today and the lake's freshness", async () => {
      const body = await get('/realtime');
      expect(body.asOf).toEqual({ lakeVersion: 1, committedAt: '2026-03-15T17:59:00.000Z', ageSeconds: 60 });
      expect(body.totals).toEqual({
        orders: 3,
        salesMinor: 7454,
        averageOrderValueMinor: 2485,
        tipsMinor: 400,
        taxMinor: 754,
        customers: 3,
        cancellations: 0,
      });
      expect(
        body.locations.map((l: { locationId: string; date: string; salesMinor: number }) => [
          l.locationId,
          l.date,
          l.salesMinor,
        ]),
      ).toEqual([
        [L1, '2026-03-15', 5159],
        [L2, '2026-03-15', 2295],
      ]);
      expect(body.locations[0].hourly).toEqual([
        { hour: 12, orders: 1, salesMinor: 2560, tipsMinor: 300 },
        { hour: 13, orders: 1, salesMinor: 2599, tipsMinor: 0 },
      ]);
    });

    it('rolls each location over at its own midnight', async () => {
      // 05:00 UTC on the 16th: 01:00 on the 16th in Toronto, still 22:00 on the 15th in Vancouver.
      h.clock.now = new Date('2026-03-16T05:00:00.000Z');
      try {
        const body = await get('/realtime');
        expect(
          body.locations.map((l: { date: string; salesMinor: number }) => [l.date, l.salesMinor]),
        ).toEqual([
          ['2026-03-16', 0],
          ['2026-03-15', 2295],
        ]);
        expect(body.range).toEqual({ from: '2026-03-15', to: '2026-03-16' });
        // "Today" on the dashboard holds each location's current day too: Vancouver's 15th is not
        // dropped because Toronto is already on the 16th (the range is a day longer for it).
        const today = await get('/dashboard?period=1d');
        expect(today.range).toEqual({ from: '2026-03-15', to: '2026-03-16' });
        expect(today.kpis.find((k: { key: string }) => k.key === 'sales').current).toBe(5159 + 2295);
      } finally {
        h.clock.now = FIXTURE_NOW;
      }
    });
  });

  it('answers zeros for a business with nothing in the lake yet, and 404 for an unknown one', async () => {
    const admin = await h.token({ platformAdmin: true });
    const fresh = 'f0000000-0000-4000-8000-0000000000ff';
    await h.db.query(
      `INSERT INTO businesses (id, name, slug, currency) VALUES ($1, 'Fresh', 'fresh', 'CAD')`,
      [fresh],
    );
    const empty = await h.get(analyticsUrl('/dashboard?period=7d', fresh), admin);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json().currency).toBeNull();
    expect(empty.json().kpis.find((k: { key: string }) => k.key === 'sales')).toMatchObject({
      current: 0,
      previous: 0,
    });
    const sql = await h.sql(admin, { sql: 'SELECT count(*) FROM orders' }, fresh);
    expect(sql.json().rows).toEqual([['0']]);
    const unknown = await h.get(analyticsUrl('/dashboard', 'f0000000-0000-4000-8000-0000000000fe'), admin);
    expect(unknown.statusCode).toBe(404);
  });
});
