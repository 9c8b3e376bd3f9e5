import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedBus } from '../../../src/bus/embedded-bus.js';
import { LocalDirStore } from '../../../src/lake/store/local-dir-store.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { runLakeWriterUntilCaughtUp } from '../../support/lake-writer-catch-up.js';
import { placeOrder } from '../../support/orders.js';
import { drainPipeline } from '../../support/pipeline.js';

interface LabourFigures {
  shifts: number;
  minutes: number;
  overtimeMinutes: number;
  labourCostMinor: number;
  unpricedDays: number;
  openShifts: number;
  netSalesMinor: number;
  labourShare: number | null;
}
interface LabourAnswer {
  days: (LabourFigures & { date: string; people: number })[];
  totals: LabourFigures;
}
interface Timesheet {
  days: { date: string; minutes: number; overtimeMinutes: number; payMinor: number | null }[];
  totals: { minutes: number; overtimeMinutes: number; payMinor: number; unpricedPeople: number };
  openShifts: number;
}

/**
 * Labour in the lake (analytics operations/labour) against the timesheet the time-clock API computes
 * from PostgreSQL, for shifts clocked through the API: a long day with overtime, a person working two
 * locations in two time zones on one day, a night shift past midnight, a shift without an hourly rate,
 * a manager's correction and a shift still open. The events go the real way (outbox, relay, bus, lake
 * writer: silver `shifts`), and hours and pay must be the timesheet's to the minute and the cent.
 */
describe('labour report from the lake', () => {
  let t: TestApp;
  let f: RestaurantFixture;
  let dir: string;
  let store: LocalDirStore;
  let bus: EmbeddedBus;
  let owner: string;
  let vancouver: string;

  const at = (iso: string) => {
    t.clock.now = new Date(iso);
  };
  const call = async <T>(url: string, token = owner): Promise<T> => {
    const response = await t.request({ method: 'GET', url, token });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as T;
  };
  const clockIn = async (token: string, locationId: string, iso: string) => {
    at(iso);
    const response = await t.request({
      method: 'POST',
      url: `/api/v1/locations/${locationId}/time-clock/clock-in`,
      token,
      body: {},
    });
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as { id: string }).id;
  };
  const clockOut = async (token: string, iso: string) => {
    at(iso);
    const response = await t.request({
      method: 'POST',
      url: `/api/v1/businesses/${f.businessId}/time-clock/clock-out`,
      token,
      body: {},
    });
    expect(response.statusCode, response.body).toBe(200);
  };
  const labour = (query: string) =>
    call<LabourAnswer>(`/api/v1/businesses/${f.businessId}/analytics/operations/labour?${query}`);
  const timesheet = (query: string) =>
    call<Timesheet>(`/api/v1/businesses/${f.businessId}/time-clock/timesheet?${query}`);

  beforeAll(async () => {
    const [pglite] = await databaseKinds();
    if (!pglite) throw new Error('no PGlite');
    dir = await mkdtemp(path.join(tmpdir(), 'brigade-labour-'));
    store = new LocalDirStore(path.join(dir, 'lake'));
    t = await startTestApp(pglite, { lake: { store, scratchDir: path.join(dir, 'analytics') } });
    f = await seedRestaurant(t.db);
    bus = new EmbeddedBus(t.db);
    // A second location of the business, on Vancouver time (three hours behind Toronto).
    vancouver = randomUUID();
    await t.db.query(
      `INSERT INTO locations (id, business_id, code, name, address, lat, lon, time_zone, currency, tax_rules,
                              service_types, delivery_fee_minor, business_hours)
       SELECT $1, business_id, 'VAN-1', 'Vancouver', address, 49.28, -123.12, 'America/Vancouver', currency,
              tax_rules, service_types, delivery_fee_minor, business_hours
         FROM locations WHERE id = $2`,
      [vancouver, f.locationId],
    );
    owner = (await t.userToken({ memberships: [{ businessId: f.businessId, role: 'owner' }] })).token;
    const staff = async (rate: number | null, locationIds: string[]) => {
      const user = await t.userToken({
        memberships: [{ businessId: f.businessId, role: 'staff', position: 'kitchen', locationIds }],
      });
      await t.db.query('UPDATE memberships SET hourly_rate_minor = $2 WHERE user_id = $1', [
        user.userId,
        rate,
      ]);
      return user.token;
    };
    const cook = await staff(2000, [f.locationId]);
    const server = await staff(1650, [f.locationId, vancouver]);
    const cashier = await staff(null, [f.locationId]);

    // 2026-01-15. The cook: 09:00–19:30 Toronto, 630 minutes, 150 of them overtime.
    await clockIn(cook, f.locationId, '2026-01-15T14:00:00Z');
    await clockOut(cook, '2026-01-16T00:30:00Z');
    // The server: 10:00–14:00 in Toronto, then 15:00–21:07:30 in Vancouver (still the 15th there):
    // 240 + 367 minutes, 127 of them overtime at the Vancouver shift's rate.
    await clockIn(server, f.locationId, '2026-01-15T15:00:00Z');
    await clockOut(server, '2026-01-15T19:00:00Z');
    await clockIn(server, vancouver, '2026-01-15T23:00:00Z');
    await clockOut(server, '2026-01-16T05:07:30Z');
    // The cashier has no hourly rate: hours count, pay cannot. A manager moves the clock-in earlier.
    const cashierShift = await clockIn(cashier, f.locationId, '2026-01-15T16:00:00Z');
    await clockOut(cashier, '2026-01-15T20:00:00Z');
    at('2026-01-15T21:00:00Z');
    const corrected = await t.request({
      method: 'PATCH',
      url: `/api/v1/businesses/${f.businessId}/time-clock/shifts/${cashierShift}`,
      token: owner,
      body: { clockInAt: '2026-01-15T15:30:00Z', reason: 'forgot to clock in' },
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    // A sale on the 15th in Toronto.
    const customer = (await t.userToken()).token;
    at('2026-01-15T17:00:00Z');
    await placeOrder(t, {
      locationId: f.locationId,
      token: customer,
      items: [{ itemId: f.items.fries, quantity: 2 }],
    });

    // 2026-01-16. The server's night shift in Vancouver, 22:00 to 02:00: four hours of the 16th.
    await clockIn(server, vancouver, '2026-01-17T06:00:00Z');
    await clockOut(server, '2026-01-17T10:00:00Z');
    // The cook clocks in at 09:00 Toronto and is still on the clock.
    await clockIn(cook, f.locationId, '2026-01-16T14:00:00Z');
    at('2026-01-17T12:00:00Z');

    await drainPipeline(t.db);
    await runLakeWriterUntilCaughtUp(bus, store, {
      lateHorizonDays: 0,
      scratchDir: path.join(dir, 'writer'),
    });
  }, 120_000);

  afterAll(async () => {
    await bus?.close();
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('has the hours and pay of the timesheet, per day and in all, and the share of net sales', async () => {
    const range = 'from=2026-01-15&to=2026-01-16';
    const [lake, sheet] = await Promise.all([labour(range), timesheet(range)]);
    expect(lake.totals).toMatchObject({
      minutes: sheet.totals.minutes,
      overtimeMinutes: sheet.totals.overtimeMinutes,
      labourCostMinor: sheet.totals.payMinor,
      openShifts: sheet.openShifts,
    });
    // Worked out by hand: cook 2000 × (480 + 150 × 1.5) / 60 = 23,500; server 1650 × (480 + 127 × 1.5)
    // / 60 = 18,438.75 → 18,439; the cashier (270 minutes after the correction) unpriced; the night
    // shift 1650 × 240 / 60 = 6,600.
    expect(lake.totals).toMatchObject({
      shifts: 5,
      minutes: 630 + 607 + 270 + 240,
      overtimeMinutes: 150 + 127,
      labourCostMinor: 23_500 + 18_439 + 6_600,
      unpricedDays: 1,
      openShifts: 1,
    });
    const financial = await call<{ netSalesMinor: number }>(
      `/api/v1/businesses/${f.businessId}/analytics/financial/summary?${range}`,
    );
    expect(financial.netSalesMinor).toBeGreaterThan(0);
    expect(lake.totals.netSalesMinor).toBe(financial.netSalesMinor);
    expect(lake.totals.labourShare).toBeCloseTo((23_500 + 18_439 + 6_600) / financial.netSalesMinor, 4);

    for (const day of lake.days) {
      const sheetDays = sheet.days.filter((d) => d.date === day.date);
      expect(day.minutes).toBe(sheetDays.reduce((sum, d) => sum + d.minutes, 0));
      expect(day.overtimeMinutes).toBe(sheetDays.reduce((sum, d) => sum + d.overtimeMinutes, 0));
      expect(day.labourCostMinor).toBe(sheetDays.reduce((sum, d) => sum + (d.payMinor ?? 0), 0));
    }
    expect(lake.days.map((day) => [day.date, day.people, day.shifts, day.openShifts])).toEqual([
      ['2026-01-15', 3, 4, 0],
      ['2026-01-16', 1, 1, 1],
    ]);
  });

  it('counts only the chosen location’s shifts, as the timesheet does', async () => {
    for (const location of [vancouver, f.locationId]) {
      const range = 'from=2026-01-15&to=2026-01-16';
      const [lake, sheet] = await Promise.all([
        labour(`${range}&location_id=${location}`),
        timesheet(`${range}&locationId=${location}`),
      ]);
      expect(sheet.totals.minutes).toBeLessThan(630 + 607 + 270 + 240);
      expect(lake.totals).toMatchObject({
        minutes: sheet.totals.minutes,
        overtimeMinutes: sheet.totals.overtimeMinutes,
        labourCostMinor: sheet.totals.payMinor,
      });
    }
    // Alone, the server's Vancouver day is 367 minutes: no overtime.
    const alone = await labour(`from=2026-01-15&to=2026-01-15&location_id=${vancouver}`);
    expect(alone.totals).toMatchObject({
      minutes: 367,
      overtimeMinutes: 0,
      netSalesMinor: 0,
      labourShare: null,
    });
  });

  it('exports the days as CSV', async () => {
    const response = await t.request({
      method: 'GET',
      url: `/api/v1/businesses/${f.businessId}/analytics/operations/labour?from=2026-01-15&to=2026-01-16&format=csv`,
      token: owner,
    });
    expect(response.statusCode, response.body).toBe(200);
    const lines = response.body.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'date,people,shifts,minutes,overtime_minutes,labour_cost,unpriced_days,open_shifts,net_sales,labour_share',
    );
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 5).join(','))).toEqual([
      '2026-01-15,3,4,1507,277',
      '2026-01-16,1,1,240,0',
    ]);
  });
});
