import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSecrets } from '../../../src/config/secrets.js';
import { demoIds } from '../../../src/demo/demo-ids.js';
import { buildDemoWorld } from '../../../src/demo/demo-world.js';
import type { RunningServer } from '../../../src/server/start-server.js';
import type { LiveSimulation } from '../../../src/simulator/live/live-simulation.js';
import { openLiveSimulation } from '../../../src/simulator/live/open-live-simulation.js';
import { type DemoServer, startDemoServer } from '../../support/demo-server.js';
import { openFeed, type TestSocket } from '../realtime/realtime-harness.js';

/** 10:00 in Toronto on a Friday: the morning builds up to the lunch peak. */
const SIMULATED_START = Date.parse('2026-03-06T15:00:00Z');

/**
 * The whole embedded platform as `npm start` runs it (PGlite, relay, kitchen, lake writer, feeds),
 * driven by the live simulation through its HTTP API at 60× real time: orders reach every end of
 * their lifecycle, kitchens cook them, drivers ping their way to the door, the dashboard feed sees
 * them live and the lakehouse counts them.
 */
describe('live simulation against the embedded platform', () => {
  let demo: DemoServer;
  let server: RunningServer;
  let simulation: LiveSimulation;
  let feed: TestSocket;
  const world = buildDemoWorld();
  const northwind = world.businesses.find((business) => business.kind === 'restaurant_chain');
  const owner = northwind?.users.find((user) => user.role === 'owner');
  const businessId = northwind ? demoIds.business(northwind.key) : '';
  let token = '';

  beforeAll(async () => {
    demo = await startDemoServer('live-sim');
    server = demo.server;
    token = (await demo.login(owner?.email ?? '')).accessToken;
    // The API checks opening hours against the real clock, not the simulation's: open all day so the
    // suite runs at any hour (at night in Toronto every order would be refused as closed).
    await demo.openAllDay(businessId, token);
    feed = await openFeed(server.url.replace('http', 'ws'), `/api/v1/ws/dashboard/${businessId}`, { token });
    const { jwtSecret } = await resolveSecrets(demo.config.dataDir, demo.config.jwtSecret);
    simulation = await openLiveSimulation(
      demo.config,
      jwtSecret,
      server.url,
      { speed: 60, concurrency: 8, seed: 7, start: SIMULATED_START },
      pino({ level: 'silent' }),
    );
  }, 120_000);

  afterAll(async () => {
    await simulation?.stop();
    feed?.close();
    await demo?.close();
  });

  const count = async (sql: string, params: unknown[] = []) => {
    const { rows } = await server.db.query<{ n: string | number }>(sql, params);
    return Number(rows[0]?.n ?? 0);
  };

  it('plays orders to every end of their lifecycle, visible live and in the lakehouse', async () => {
    simulation.start();
    const ended = async () => {
      const { rows } = await server.db.query<{ status: string }>(
        'SELECT DISTINCT status FROM orders WHERE business_id = $1',
        [businessId],
      );
      return new Set(rows.map((row) => row.status));
    };
    const deadline = Date.now() + 150_000;
    let statuses = await ended();
    while (!['completed', 'delivered', 'cancelled'].every((status) => statuses.has(status))) {
      if (Date.now() > deadline) throw new Error(`statuses reached: ${[...statuses].join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      statuses = await ended();
    }
    await simulation.stop();
    const { tally } = simulation.status();
    expect(tally.steps.place?.done).toBeGreaterThan(10);
    expect(tally.steps.place?.failed ?? 0).toBe(0);
    expect(tally.lastFailure).toBeNull();

    // The kitchen cooked and served; drivers reported positions on the way.
    expect(await count(`SELECT count(*) AS n FROM kitchen_tickets WHERE status = 'served'`)).toBeGreaterThan(
      0,
    );
    expect(await count('SELECT count(*) AS n FROM delivery_pings')).toBeGreaterThan(0);
    // Staff clocked in through the time clock as the simulation began during opening hours, each as
    // themselves at their own location, and out again when it stopped: nobody left on the clock.
    expect(tally.steps.clock_in?.done).toBeGreaterThan(0);
    expect(tally.steps.clock_out?.done).toBe(tally.steps.clock_in?.done);
    expect(tally.steps.clock_in?.failed ?? 0).toBe(0);
    const shifts = await count(
      'SELECT count(*) AS n FROM time_clock_shifts WHERE business_id = $1 AND clocked_in_by = user_id',
      [businessId],
    );
    expect(shifts).toBeGreaterThan(0);
    expect(await count('SELECT count(*) AS n FROM time_clock_shifts WHERE clock_out_at IS NULL')).toBe(0);
    // Customers registered through the API as they first ordered.
    expect(await count(`SELECT count(*) AS n FROM users WHERE email LIKE '%@guests.%'`)).toBeGreaterThan(0);

    // The owner's dashboard feed saw the orders as they happened.
    const seen = new Set(feed.messages.map((message) => message.event));
    expect(seen.has('order.placed')).toBe(true);

    // The lake writer catches up and the dashboard counts every order the database holds: those that
    // count as orders, and the cancelled ones.
    const inDatabase = await count('SELECT count(*) AS n FROM orders WHERE business_id = $1', [businessId]);
    const dashboard = async () => {
      const response = await fetch(
        `${server.url}/api/v1/businesses/${businessId}/analytics/dashboard?period=1d`,
        {
          headers: { authorization: `Bearer ${token}` },
        },
      );
      const body = (await response.json()) as { kpis: { key: string; current: number | null }[] };
      const kpi = (key: string) => Number(body.kpis.find((figure) => figure.key === key)?.current ?? 0);
      return { orders: kpi('orders'), cancellations: kpi('cancellations'), sales: kpi('sales') };
    };
    let figures = await dashboard();
    for (let waited = 0; figures.orders + figures.cancellations < inDatabase; waited += 1000) {
      if (waited > 60_000)
        throw new Error(`dashboard ${JSON.stringify(figures)}; database ${inDatabase} orders`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      figures = await dashboard();
    }
    expect(figures.orders + figures.cancellations).toBe(inDatabase);
    expect(figures.cancellations).toBeGreaterThan(0);
    expect(figures.sales).toBeGreaterThan(0);
  }, 240_000);
});
