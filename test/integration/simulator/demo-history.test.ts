import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSecrets } from '../../../src/config/secrets.js';
import { demoWorld } from '../../../src/demo/demo-world.js';
import { LANTERN_ROW_BUSINESS_ID, NORTHWIND_BUSINESS_ID } from '../../../src/demo/seed-demo.js';
import { startDemoHistory } from '../../../src/server/demo-history.js';
import { writeShiftHistory } from '../../../src/server/demo-shift-history.js';
import type { HistoryWindow } from '../../../src/simulator/history/write-history.js';
import { BrigadeClient } from '../../../src/simulator/live/brigade-client.js';
import { DAY_MS } from '../../../src/simulator/model/opening-day.js';
import { simulatedCustomerPassword } from '../../../src/simulator/simulated-customer-password.js';
import { simWorldOf } from '../../../src/simulator/world/demo-sim-world.js';
import { type DemoServer, startDemoServer } from '../../support/demo-server.js';

/**
 * The demo's past as `brigade start` writes it when it seeds the demo (src/server/demo-history.ts):
 * in the background beside the API, through the outbox, its customers registered with the passwords
 * the live simulation signs in with; a stop ends it between two transactions, keeping a prefix.
 */
describe('demo history on first start', () => {
  let demo: DemoServer;
  let jwtSecret = '';
  const silent = pino({ level: 'silent' });
  const yesterday = Math.floor(Date.now() / DAY_MS) * DAY_MS - DAY_MS;
  // Yesterday's lunch in Ontario (16:00–18:00 UTC): well before the live horizon.
  const lunch: HistoryWindow = { from: yesterday + 16 * 3_600_000, to: yesterday + 18 * 3_600_000 };

  beforeAll(async () => {
    demo = await startDemoServer('demo-history');
    jwtSecret = (await resolveSecrets(demo.config.dataDir, demo.config.jwtSecret)).jwtSecret;
  }, 120_000);

  afterAll(async () => {
    await demo?.close();
  });

  const history = (window: HistoryWindow) =>
    startDemoHistory(
      { db: demo.server.db, world: demoWorld(), seed: 1, customerSecret: jwtSecret, logger: silent },
      window,
    );
  // The orders' events (the staff's shifts of the window are written first, through the time clock).
  const outboxRows = async (window: HistoryWindow) => {
    const { rows } = await demo.server.db.query<{ n: number; newest: number | null }>(
      `SELECT count(*)::int AS n, (extract(epoch FROM max(occurred_at)) * 1000)::float8 AS newest FROM outbox
        WHERE occurred_at >= $1 AND occurred_at < $2 AND order_id IS NOT NULL`,
      [new Date(window.from).toISOString(), new Date(window.to).toISOString()],
    );
    return rows[0] ?? { n: 0, newest: null };
  };

  it('stopped before its first transaction, writes nothing and says so', async () => {
    const early: HistoryWindow = { from: yesterday - 9 * DAY_MS, to: yesterday - 8 * DAY_MS };
    const running = history(early);
    await running.stop();
    expect(await running.done).toEqual({ days: 0, orders: 0, appended: 0, stopped: true });
    expect((await outboxRows(early)).n).toBe(0);
  }, 60_000);

  it('writes every order the model plans in the window through the outbox, once', async () => {
    // That the server answers meanwhile is the storage contract's test (event-loop-turns.test.ts).
    const outcome = await history(lunch).done;
    expect(outcome.stopped).toBe(false);
    expect(outcome.orders).toBeGreaterThan(50);
    expect((await outboxRows(lunch)).n).toBe(outcome.appended);
    const { rows } = await demo.server.db.query<{ n: number }>(
      `SELECT count(DISTINCT order_id)::int AS n FROM outbox
        WHERE event_type = 'order.placed' AND occurred_at >= $1 AND occurred_at < $2`,
      [new Date(lunch.from).toISOString(), new Date(lunch.to).toISOString()],
    );
    expect(rows[0]?.n).toBe(outcome.orders);
    // Once only: the same window again appends nothing (event ids are stable for a plan).
    expect((await history(lunch).done).appended).toBe(0);
  }, 120_000);

  it("registers the history's customers with the passwords the live simulation signs in with", async () => {
    const { rows } = await demo.server.db.query<{ email: string }>(
      `SELECT u.email FROM outbox o JOIN users u ON u.id = (o.payload->>'customer_id')::uuid
        WHERE o.event_type = 'order.placed' AND o.occurred_at >= $1 LIMIT 1`,
      [new Date(lunch.from).toISOString()],
    );
    const email = rows[0]?.email ?? '';
    expect(email).not.toBe('');
    const client = new BrigadeClient(demo.server.url);
    const who = { email, password: simulatedCustomerPassword(jwtSecret, email), registerAs: 'Someone' };
    await expect(client.call(who, 'GET', '/api/v1/restaurants')).resolves.toBeDefined();
  }, 60_000);

  it('lets two simulated sessions register the same new customer at once', async () => {
    // Both sign-ins fail (no such user), both register, one gets 409 and signs in again: what happens
    // when the live simulation meets a customer the history is registering at that moment.
    const email = 'racing.customer@sim.example';
    const who = {
      email,
      password: simulatedCustomerPassword(jwtSecret, email),
      registerAs: 'Racing Customer',
    };
    const results = await Promise.allSettled(
      [new BrigadeClient(demo.server.url), new BrigadeClient(demo.server.url)].map((client) =>
        client.call(who, 'GET', '/api/v1/restaurants'),
      ),
    );
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
  }, 60_000);

  it('stops between two transactions, keeping what it wrote as a prefix of the window', async () => {
    const week: HistoryWindow = { from: yesterday - 6 * DAY_MS, to: yesterday - 4 * DAY_MS };
    const running = history(week);
    for (let waited = 0; (await outboxRows(week)).n === 0; waited += 50) {
      if (waited > 60_000) throw new Error('no history reached the outbox');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await running.stop();
    const outcome = await running.done;
    expect(outcome.stopped).toBe(true);
    const written = await outboxRows(week);
    expect(written.n).toBe(outcome.appended);
    expect(written.n % 1000).toBe(0);
    // Time order: nothing after the newest event written is missing before it.
    const newest = written.newest ?? Number.NaN;
    expect(newest).toBeLessThan(week.to);
    const later = await outboxRows({ from: newest + 1, to: week.to });
    expect(later.n).toBe(0);
    // The shifts before them are whole: a shift's clock-in and clock-out commit together.
    const { rows: staff } = await demo.server.db.query<{ type: string; n: number }>(
      `SELECT event_type AS type, count(*)::int AS n FROM outbox
        WHERE event_type LIKE 'staff.clocked_%' AND occurred_at >= $1 AND occurred_at < $2 GROUP BY 1`,
      [new Date(week.from).toISOString(), new Date(week.to).toISOString()],
    );
    const clocked = Object.fromEntries(staff.map((row) => [row.type, row.n]));
    expect(clocked['staff.clocked_in']).toBeGreaterThan(0);
    expect(clocked['staff.clocked_out']).toBe(clocked['staff.clocked_in']);
  }, 120_000);
});

describe('demo history on a fresh start', () => {
  it("is written up to the demo businesses' history mark, set when they were seeded", async () => {
    const before = Date.now();
    const demo = await startDemoServer('demo-history-start', { BRIGADE_DEMO_HISTORY_DAYS: '1' });
    try {
      const history = demo.server.history;
      expect(history).not.toBeNull();
      const clocked = await history?.shifts;
      await history?.stop();
      const { rows } = await demo.server.db.query<{ through: number | null }>(
        `SELECT (extract(epoch FROM history_through) * 1000)::float8 AS through FROM businesses
          WHERE id = ANY($1::uuid[])`,
        [[NORTHWIND_BUSINESS_ID, LANTERN_ROW_BUSINESS_ID]],
      );
      const marks = rows.map((row) => row.through);
      expect(marks).toHaveLength(2);
      // One mark, taken before the seed (so the seed's own events and every live order come after it)…
      expect(new Set(marks).size).toBe(1);
      const mark = marks[0] ?? Number.NaN;
      expect(mark).toBeGreaterThanOrEqual(before);
      const seeded = await demo.server.db.query<{ first: number }>(
        `SELECT (extract(epoch FROM min(occurred_at)) * 1000)::float8 AS first FROM outbox
          WHERE event_type = 'business.changed'`,
      );
      expect(seeded.rows[0]?.first).toBeGreaterThan(mark);
      // …and the history's window runs up to it: no gap between the past and the live simulation.
      expect(history?.window.to).toBe(mark);
      expect(history?.window.from).toBe(Math.floor(mark / DAY_MS) * DAY_MS - DAY_MS);
      // The staff's shifts that began and ended in the window were written through the time clock in
      // the background, first: closed, in the window, opening or closing halves of a day.
      const shifts = await demo.server.db.query<{
        clock_in: number;
        clock_out: number | null;
        by_self: boolean;
      }>(
        `SELECT (extract(epoch FROM clock_in_at) * 1000)::float8 AS clock_in,
                (extract(epoch FROM clock_out_at) * 1000)::float8 AS clock_out, clocked_in_by = user_id AS by_self
           FROM time_clock_shifts`,
      );
      expect(shifts.rows.length).toBeGreaterThan(0);
      expect(shifts.rows.length).toBe(clocked);
      for (const shift of shifts.rows) {
        expect(shift.clock_in).toBeGreaterThanOrEqual(history?.window.from ?? 0);
        expect(shift.clock_out).not.toBeNull();
        expect(shift.clock_out ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(mark);
        const hours = ((shift.clock_out ?? 0) - shift.clock_in) / 3_600_000;
        expect(hours).toBeGreaterThan(4);
        expect(hours).toBeLessThanOrEqual(9.5);
        expect(shift.by_self).toBe(true);
      }
      // With their events, stamped at the shifts' own times (history, before the mark).
      const events = await demo.server.db.query<{ n: number; newest: number }>(
        `SELECT count(*)::int AS n, (extract(epoch FROM max(occurred_at)) * 1000)::float8 AS newest FROM outbox
          WHERE event_type IN ('staff.clocked_in', 'staff.clocked_out')`,
      );
      expect(events.rows[0]?.n).toBe(2 * shifts.rows.length);
      expect(events.rows[0]?.newest).toBeLessThanOrEqual(mark);
      // Clocking the same window again adds nothing: each person already has time on those shifts.
      const window = history?.window ?? { from: 0, to: 0 };
      expect(await writeShiftHistory(demo.server.db, simWorldOf(demoWorld()), window)).toBe(0);

      // Someone on the clock now (as beside a running Brigade): the days before's shifts are written,
      // theirs too (a past shift does not take the open one), and their open shift is untouched.
      type Session = { accessToken: string; user: { id: string; memberships: { locationIds: string[] }[] } };
      const cook = await demo.login<Session>('kitchen@northwind.example');
      const restaurant = cook.user.memberships[0]?.locationIds[0] ?? '';
      const clockedIn = await fetch(`${demo.server.url}/api/v1/locations/${restaurant}/time-clock/clock-in`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cook.accessToken}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(clockedIn.status).toBe(201);
      const dayBefore = { from: window.from - 4 * DAY_MS, to: window.from };
      expect(await writeShiftHistory(demo.server.db, simWorldOf(demoWorld()), dayBefore)).toBeGreaterThan(0);
      const theirs = await demo.server.db.query<{ open: boolean }>(
        `SELECT clock_out_at IS NULL AS open FROM time_clock_shifts WHERE user_id = $1`,
        [cook.user.id],
      );
      expect(theirs.rows.filter((row) => row.open)).toHaveLength(1);
      const inDayBefore = await demo.server.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM time_clock_shifts WHERE user_id = $1 AND clock_in_at < $2',
        [cook.user.id, new Date(window.from).toISOString()],
      );
      expect(inDayBefore.rows[0]?.n).toBeGreaterThan(0);
    } finally {
      await demo.close();
    }
  }, 120_000);

  it('leaves the businesses unmarked when the history is off', async () => {
    const demo = await startDemoServer('demo-history-off');
    try {
      expect(demo.server.history).toBeNull();
      const { rows } = await demo.server.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM businesses WHERE history_through IS NOT NULL',
      );
      expect(rows[0]?.n).toBe(0);
    } finally {
      await demo.close();
    }
  }, 120_000);
});
