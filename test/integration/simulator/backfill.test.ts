import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSecrets } from '../../../src/config/secrets.js';
import { demoIds } from '../../../src/demo/demo-ids.js';
import { buildDemoWorld } from '../../../src/demo/demo-world.js';
import type { EventEnvelope } from '../../../src/domain/events/envelope.js';
import { parseEnvelope } from '../../../src/domain/events/parse-envelope.js';
import type { RunningServer } from '../../../src/server/start-server.js';
import { fileSink } from '../../../src/simulator/history/file-sinks.js';
import { writeHistoryAsText } from '../../../src/simulator/history/history-in-threads.js';
import { registeredPeople } from '../../../src/simulator/history/history-people.js';
import type { HistorySink } from '../../../src/simulator/history/history-sink.js';
import { outboxSink } from '../../../src/simulator/history/outbox-sink.js';
import { type HistoryWindow, writeHistory } from '../../../src/simulator/history/write-history.js';
import { DAY_MS } from '../../../src/simulator/model/opening-day.js';
import { simWorldOf } from '../../../src/simulator/world/demo-sim-world.js';
import { type DemoServer, startDemoServer } from '../../support/demo-server.js';

/**
 * `brigade simulate --backfill` against the embedded platform as `npm start` runs it: a day of the
 * demo chain's history (two of its locations, to keep the test short) goes through the outbox, the
 * relay and the bus like any event. The lake counts every order and every cent; the kitchen display,
 * notifications and the floor plan leave the history alone; writing it again appends nothing.
 */
describe('backfill into the embedded platform', () => {
  let demo: DemoServer;
  let dataDir: string;
  let server: RunningServer;
  let token = '';
  let jwtSecret = '';
  const world = buildDemoWorld();
  const northwind = world.businesses.find((business) => business.kind === 'restaurant_chain');
  const owner = northwind?.users.find((user) => user.role === 'owner');
  const businessId = northwind ? demoIds.business(northwind.key) : '';
  const fullSim = simWorldOf(world);
  // Northwind with two locations: the model plans each location-day on its own stream, so the same
  // orders as in the whole world, fewer of them.
  const sim = {
    ...fullSim,
    businesses: fullSim.businesses
      .filter((business) => business.id === businessId)
      .map((business) => ({ ...business, locations: business.locations.slice(0, 2) })),
  };
  // One UTC day, three days ago: well past the live horizon.
  const from = Math.floor(Date.now() / DAY_MS) * DAY_MS - 3 * DAY_MS;
  const window: HistoryWindow = { from, to: from + DAY_MS };
  const collected: EventEnvelope[] = [];
  const collecting = (inner: HistorySink): HistorySink => ({
    async write(events, day) {
      collected.push(...events);
      await inner.write(events, day);
    },
    close: () => inner.close(),
  });

  beforeAll(async () => {
    demo = await startDemoServer('backfill');
    server = demo.server;
    dataDir = demo.dataDir;
    jwtSecret = (await resolveSecrets(demo.config.dataDir, demo.config.jwtSecret)).jwtSecret;
    token = (await demo.login(owner?.email ?? '')).accessToken;
  }, 120_000);

  afterAll(async () => {
    await demo?.close();
  });

  const count = async (sql: string, params: unknown[] = []) => {
    const { rows } = await server.db.query<{ n: string | number }>(sql, params);
    return Number(rows[0]?.n ?? 0);
  };
  const ofType = (type: string) => collected.filter((event) => event.event_type === type);
  const sum = (events: EventEnvelope[], field: string) =>
    events.reduce((total, event) => total + Number((event.payload as Record<string, unknown>)[field]), 0);

  it('writes a day of orders the API could have written, through the outbox, once', async () => {
    const people = await registeredPeople(server.db, world, sim, jwtSecret);
    const sink = outboxSink(server.db);
    const written = await writeHistory({ world, sim, seed: 3, window, people, sink: collecting(sink) });
    expect(written.orders).toBeGreaterThan(100);
    expect(written.events).toBe(collected.length);
    expect(sink.appended()).toBe(collected.length);

    // Every event is one the bus reader accepts, and every order adds up.
    for (const event of collected) expect(parseEnvelope(JSON.stringify(event)).ok).toBe(true);
    const placed = ofType('order.placed');
    expect(placed).toHaveLength(written.orders);
    for (const event of placed) {
      const t = (event.payload as { totals: Record<string, number> }).totals;
      expect(t.total).toBe(
        (t.subtotal ?? 0) -
          (t.discount ?? 0) -
          (t.loyalty_discount ?? 0) +
          (t.tax ?? 0) +
          (t.tip ?? 0) +
          (t.delivery_fee ?? 0),
      );
    }
    // Each order's events are numbered 0..n in time order.
    const byOrder = new Map<string | null, EventEnvelope[]>();
    for (const event of collected)
      byOrder.set(event.order_id, [...(byOrder.get(event.order_id) ?? []), event]);
    for (const events of byOrder.values()) {
      expect(events.map((event) => event.sequence)).toEqual(events.map((_, index) => index));
    }
    // Every end of the lifecycle happened; customers are registered users.
    for (const type of [
      'order.cancelled',
      'payment.declined',
      'refund.processed',
      'feedback.submitted',
      'delivery.delivered',
    ])
      expect(ofType(type).length, type).toBeGreaterThan(0);
    const customers = new Set(placed.map((event) => (event.payload as { customer_id: string }).customer_id));
    expect(await count('SELECT count(*) AS n FROM users WHERE id = ANY($1::uuid[])', [[...customers]])).toBe(
      customers.size,
    );

    // Written again: nothing new.
    const again = outboxSink(server.db);
    await writeHistory({ world, sim, seed: 3, window, people, sink: again });
    expect(again.appended()).toBe(0);
  }, 120_000);

  it('reaches the lake to the cent and leaves the kitchen, notifications and tables alone', async () => {
    const orderIds = [...new Set(collected.map((event) => event.order_id))];
    const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const summary = async () => {
      const response = await fetch(
        `${server.url}/api/v1/businesses/${businessId}/analytics/financial/summary?from=${date(window.from - DAY_MS)}&to=${date(Date.now())}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      expect(response.status).toBe(200);
      return (await response.json()) as Record<string, number>;
    };
    const paid = ofType('payment.captured');
    let figures = await summary();
    for (let waited = 0; figures.orders !== paid.length; waited += 1000) {
      if (waited > 150_000) throw new Error(`lake has ${figures.orders} paid orders of ${paid.length}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      figures = await summary();
    }
    expect(figures.totalCollectedMinor).toBe(sum(paid, 'amount'));
    expect(figures.refundsMinor).toBe(sum(ofType('refund.processed'), 'amount'));
    expect(figures.tipsMinor).toBe(sum(paid, 'tip'));

    // The consumers have seen every event by now (the relay publishes in commit order and the lake
    // has the last of them); none acted on history.
    expect(await count('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL')).toBe(0);
    expect(
      await count('SELECT count(*) AS n FROM kitchen_tickets WHERE order_id = ANY($1::uuid[])', [orderIds]),
    ).toBe(0);
    expect(
      await count('SELECT count(*) AS n FROM notifications WHERE source_event_id = ANY($1::uuid[])', [
        collected.map((event) => event.event_id),
      ]),
    ).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM dining_tables WHERE status <> 'available'`)).toBe(0);
  }, 240_000);

  it('writes the same history to files: NDJSON per day in a directory, or one JSON array', async () => {
    const dir = path.join(dataDir, 'history-out/');
    const small: HistoryWindow = { from: window.from, to: window.from + DAY_MS / 4 };
    const written = await writeHistoryAsText({
      world,
      sim,
      seed: 3,
      window: small,
      sink: await fileSink(dir),
      threads: 1,
    });
    const files = await readdir(dir);
    expect(files).toEqual([`brigade-events-${new Date(small.from).toISOString().slice(0, 10)}.ndjson`]);
    const lines = (await readFile(path.join(dir, files[0] ?? ''), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(written.events);
    expect(lines.every((line) => parseEnvelope(line).ok)).toBe(true);

    const file = path.join(dataDir, 'history.json');
    await writeHistoryAsText({ world, sim, seed: 3, window: small, sink: await fileSink(file), threads: 1 });
    const array = JSON.parse(await readFile(file, 'utf8')) as unknown[];
    expect(array.map((event) => JSON.stringify(event))).toEqual(lines);
  }, 60_000);
});
