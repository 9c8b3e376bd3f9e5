import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';

type User = { userId: string; token: string };

for (const kind of await databaseKinds()) {
  describe(`time clock on ${kind.name}`, () => {
    let t: TestApp;
    let f: RestaurantFixture;
    let other: RestaurantFixture;
    let cook: User;
    let cashier: User;
    let manager: User;
    let customer: User;
    let stranger: User;
    const at = (iso: string) => {
      t.clock.now = new Date(iso);
    };

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await seedRestaurant(t.db);
      other = await seedRestaurant(t.db, { name: 'Elsewhere' });
      const staff = (position: 'kitchen' | 'cashier') =>
        t.userToken({
          memberships: [{ businessId: f.businessId, role: 'staff', position, locationIds: [f.locationId] }],
        });
      cook = await staff('kitchen');
      cashier = await staff('cashier');
      manager = await t.userToken({ memberships: [{ businessId: f.businessId, role: 'manager' }] });
      customer = await t.userToken();
      stranger = await t.userToken({
        memberships: [{ businessId: other.businessId, role: 'staff', position: 'kitchen' }],
      });
      // The cook earns 20.00 an hour; the cashier has no rate on record.
      await t.db.query('UPDATE memberships SET hourly_rate_minor = 2000 WHERE user_id = $1', [cook.userId]);
    });
    afterAll(() => t.close());

    const clockIn = (token: string, body: unknown = {}, locationId = f.locationId) =>
      t.request({ method: 'POST', url: `/api/v1/locations/${locationId}/time-clock/clock-in`, token, body });
    const clockOut = (token: string, body: unknown = {}) =>
      t.request({
        method: 'POST',
        url: `/api/v1/businesses/${f.businessId}/time-clock/clock-out`,
        token,
        body,
      });
    const events = async (type: string) =>
      (
        await t.db.query<{ payload: Record<string, unknown>; location_id: string }>(
          'SELECT payload, location_id FROM outbox WHERE business_id = $1 AND event_type = $2 ORDER BY position',
          [f.businessId, type],
        )
      ).rows;

    it('clocks staff in and out, once at a time, writing the events', async () => {
      at('2026-01-15T14:00:00Z'); // 09:00 in Toronto
      const started = await clockIn(cook.token);
      expect(started.statusCode).toBe(201);
      expect(started.json()).toMatchObject({
        userId: cook.userId,
        locationId: f.locationId,
        clockInAt: '2026-01-15T14:00:00.000Z',
        clockOutAt: null,
        minutes: 0,
        hourlyRateMinor: 2000,
      });
      const twice = await clockIn(cook.token);
      expect([twice.statusCode, twice.json().code]).toEqual([409, 'already_clocked_in']);

      at('2026-01-15T15:30:00Z');
      const onShift = await t.request({
        method: 'GET',
        url: `/api/v1/locations/${f.locationId}/time-clock/on-shift`,
        token: cashier.token,
      });
      expect(onShift.json().shifts).toEqual([expect.objectContaining({ userId: cook.userId, minutes: 90 })]);

      at('2026-01-15T23:30:00Z'); // 18:30: 9.5 hours
      const ended = await clockOut(cook.token);
      expect(ended.statusCode).toBe(200);
      expect(ended.json()).toMatchObject({ clockOutAt: '2026-01-15T23:30:00.000Z', minutes: 570 });
      const again = await clockOut(cook.token);
      expect([again.statusCode, again.json().code]).toEqual([409, 'not_clocked_in']);

      expect((await events('staff.clocked_in')).map((row) => [row.payload.user_id, row.location_id])).toEqual(
        [[cook.userId, f.locationId]],
      );
      expect((await events('staff.clocked_out'))[0]?.payload).toMatchObject({
        user_id: cook.userId,
        minutes: 570,
        by: cook.userId,
      });
    });

    it('lets managers clock others in and out, but not staff, customers or another business', async () => {
      at('2026-01-16T13:00:00Z');
      const forCashier = await clockIn(manager.token, { userId: cashier.userId });
      expect(forCashier.statusCode).toBe(201);
      const byCook = await clockOut(cook.token, { userId: cashier.userId });
      expect([byCook.statusCode, byCook.json().code]).toEqual([403, 'forbidden']);
      expect((await clockIn(customer.token)).statusCode).toBe(403);
      expect((await clockIn(stranger.token)).statusCode).toBe(403);
      // The cook works at f's location only: not at the other business's.
      expect((await clockIn(cook.token, {}, other.locationId)).statusCode).toBe(403);
      expect((await clockIn(manager.token, { userId: stranger.userId })).json().code).toBe('not_found');
      at('2026-01-16T17:00:00Z');
      const out = await clockOut(manager.token, { userId: cashier.userId });
      expect(out.json()).toMatchObject({ userId: cashier.userId, minutes: 240 });
      expect((await events('staff.clocked_out')).at(-1)?.payload.by).toBe(manager.userId);
    });

    it('lets a manager correct a forgotten clock-out, with a reason, within the rules', async () => {
      at('2026-01-17T14:00:00Z');
      const shift = (await clockIn(cook.token)).json();
      at('2026-01-18T16:00:00Z'); // the cook forgot to clock out yesterday
      const url = `/api/v1/businesses/${f.businessId}/time-clock/shifts/${shift.id}`;
      const patch = (token: string, body: unknown) => t.request({ method: 'PATCH', url, token, body });
      expect(
        (await patch(cook.token, { clockOutAt: '2026-01-17T22:00:00Z', reason: 'forgot' })).statusCode,
      ).toBe(403);
      const bad = [
        [{ clockOutAt: '2026-01-17T13:00:00Z', reason: 'x' }, 'body/clockOutAt'],
        [{ clockOutAt: '2026-01-19T00:00:00Z', reason: 'x' }, 'body/clockOutAt'],
        [{ clockOutAt: '2026-01-18T15:00:00Z', reason: 'x' }, 'body/clockOutAt'],
        [{ reason: 'nothing to change' }, 'body'],
      ] as const;
      for (const [body, field] of bad) {
        const refused = await patch(manager.token, body);
        expect([refused.statusCode, refused.json().errors?.[0]?.field]).toEqual([400, field]);
      }
      expect((await patch(manager.token, { clockOutAt: '2026-01-17T22:00:00Z' })).json().code).toBe(
        'validation_failed',
      );
      const fixed = await patch(manager.token, {
        clockOutAt: '2026-01-17T22:15:00Z',
        reason: 'Forgot to clock out',
      });
      expect(fixed.statusCode).toBe(200);
      expect(fixed.json()).toMatchObject({
        clockOutAt: '2026-01-17T22:15:00.000Z',
        minutes: 495,
        correctionReason: 'Forgot to clock out',
      });
      expect((await events('staff.shift_corrected')).at(-1)?.payload).toMatchObject({
        shift_id: shift.id,
        reason: 'Forgot to clock out',
        by: manager.userId,
      });
      // Closed by the correction: the cook may clock in again.
      expect((await clockIn(cook.token)).statusCode).toBe(201);
      at('2026-01-18T17:00:00Z');
      expect((await clockOut(cook.token)).statusCode).toBe(200);
      // A correction may not make two shifts of one person overlap (the hours would be paid twice).
      const overlapping = await patch(manager.token, {
        clockOutAt: '2026-01-18T16:30:00Z',
        reason: 'typo',
      });
      expect([overlapping.statusCode, overlapping.json().errors?.[0]?.message]).toEqual([
        400,
        'makes the shift longer than 24 hours',
      ]);
      const intoNext = await patch(manager.token, {
        clockInAt: '2026-01-17T16:30:00Z',
        clockOutAt: '2026-01-18T16:15:00Z',
        reason: 'typo',
      });
      expect([intoNext.statusCode, intoNext.json().errors?.[0]?.message]).toEqual([
        400,
        'makes the shift overlap another shift of this person',
      ]);
    });

    it('lists shifts: everyone for managers, only their own for staff', async () => {
      const list = (token: string, query = '') =>
        t.request({
          method: 'GET',
          url: `/api/v1/businesses/${f.businessId}/time-clock/shifts${query}`,
          token,
        });
      const all = (await list(manager.token)).json().shifts as { userId: string; clockInAt: string }[];
      expect(all.length).toBe(4);
      expect(all.map((shift) => shift.clockInAt)).toEqual(
        [...all.map((shift) => shift.clockInAt)].sort().reverse(),
      );
      const mine = (await list(cashier.token, `?userId=${cook.userId}`)).json().shifts as {
        userId: string;
      }[];
      expect(mine.map((shift) => shift.userId)).toEqual([cashier.userId]);
      const cooks = (await list(manager.token, `?userId=${cook.userId}&from=2026-01-17T00:00:00Z`)).json()
        .shifts;
      expect(cooks).toHaveLength(2);
    });

    it('adds up a timesheet per person and local day, with overtime above 8 hours and pay at the recorded rate', async () => {
      const timesheet = (query: string, token = manager.token) =>
        t.request({
          method: 'GET',
          url: `/api/v1/businesses/${f.businessId}/time-clock/timesheet?${query}`,
          token,
        });
      at('2026-01-19T12:00:00Z');
      const sheet = await timesheet('from=2026-01-15&to=2026-01-18');
      expect(sheet.statusCode).toBe(200);
      const body = sheet.json();
      expect(body.currency).toBe('CAD');
      const line = (userId: string, date: string) =>
        body.days.find((day: { userId: string; date: string }) => day.userId === userId && day.date === date);
      // 15th: 9.5 h → 8 h at 20.00 + 1.5 h at 30.00 = 160 + 45.
      expect(line(cook.userId, '2026-01-15')).toMatchObject({
        minutes: 570,
        regularMinutes: 480,
        overtimeMinutes: 90,
        payMinor: 20_500,
      });
      // 17th: 8 h 15 min → 160.00 + 0.25 h × 30.00 = 167.50; 18th: 1 h = 20.00.
      expect(line(cook.userId, '2026-01-17')).toMatchObject({ minutes: 495, payMinor: 16_750 });
      expect(line(cook.userId, '2026-01-18')).toMatchObject({ minutes: 60, payMinor: 2000 });
      // The cashier has no rate: hours, no pay.
      expect(line(cashier.userId, '2026-01-16')).toMatchObject({ minutes: 240, payMinor: null });
      expect(body.totals).toEqual({
        minutes: 570 + 495 + 60 + 240,
        regularMinutes: 480 + 480 + 60 + 240,
        overtimeMinutes: 90 + 15,
        payMinor: 20_500 + 16_750 + 2000,
        unpricedPeople: 1,
      });
      expect(body.openShifts).toBe(0);

      const csv = await timesheet('from=2026-01-15&to=2026-01-18&format=csv');
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toBe(
        'attachment; filename="timesheet-2026-01-15-to-2026-01-18.csv"',
      );
      const lines = csv.body.trimEnd().split('\r\n');
      expect(lines[0]).toBe('name,user_id,date,shifts,hours,regular_hours,overtime_hours,pay,currency');
      expect(lines).toHaveLength(1 + body.days.length);
      expect(lines).toContain(
        `${line(cook.userId, '2026-01-15').name},${cook.userId},2026-01-15,1,9.50,8.00,1.50,205.00,CAD`,
      );

      const forbidden = await timesheet('from=2026-01-15&to=2026-01-18', cook.token);
      expect(forbidden.statusCode).toBe(403);
      const backwards = await timesheet('from=2026-01-18&to=2026-01-15');
      expect(backwards.json().code).toBe('validation_failed');
      const notADate = await timesheet('from=2026-02-30&to=2026-03-01');
      expect(notADate.json().errors?.[0]).toEqual({
        field: 'querystring/from',
        message: 'is not a calendar date',
      });
      const tooLong = await timesheet('from=2026-01-01&to=2026-04-04');
      expect(tooLong.json().errors?.[0]).toEqual({
        field: 'querystring/to',
        message: 'is more than 92 days after from',
      });
      const longest = await timesheet('from=2026-01-01&to=2026-04-03');
      expect(longest.statusCode).toBe(200);
    });
  });
}
