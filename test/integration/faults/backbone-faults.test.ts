import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/storage/database.js';
import { migrate } from '../../../src/storage/migrator.js';
import { openPostgres } from '../../../src/storage/postgres-database.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createScratchDatabase, isPostgresReachable, POSTGRES_URL } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { postOrder } from '../../support/orders.js';
import { type PrivateRedis, startPrivateRedis } from '../../support/private-redis.js';
import { isRedisReachable } from '../../support/redis.js';

/**
 * Fault tests for the backbone, with real processes: the relay and the consumers run as separate
 * `brigade worker` processes on PostgreSQL and a Redis of the test's own, while orders are placed
 * through the API. During the run the relay and the consumer process are killed with SIGKILL and
 * started again, Redis is killed and restarted, and PostgreSQL drops every connection and refuses new
 * ones for a while (what clients see of a restart). Afterwards every accepted order must be confirmed,
 * every committed event must have reached the bus, and every confirmed order applied exactly once in
 * effect: one kitchen ticket per order, and live metrics counting each order once.
 */
const MAIN = path.resolve('src/cli/main.ts');
const ready = (await isPostgresReachable()) && (await isRedisReachable());

describe.skipIf(!ready)('event backbone under crashes and restarts', () => {
  let scratch: { url: string; drop: () => Promise<void> };
  let redis: PrivateRedis;
  let t: TestApp;
  let f: RestaurantFixture;
  let customer: { token: string };
  const stream = `brigade-faults:${randomBytes(4).toString('hex')}:events`;
  const children = new Set<ChildProcessWithoutNullStreams>();
  /** The workers' error logs, shown when the run does not reconcile. */
  const logs: string[] = [];

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    redis = await startPrivateRedis();
    t = await startTestApp({
      name: 'postgres',
      async open(): Promise<Database> {
        const db = openPostgres({ connectionString: scratch.url, maxConnections: 10 });
        await migrate(db);
        return db;
      },
    });
    f = await seedRestaurant(t.db);
    customer = await t.userToken();
  }, 60_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await t?.close();
    await redis?.stop();
    await scratch?.drop();
  });

  const worker = async (...names: string[]): Promise<ChildProcessWithoutNullStreams> => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker', ...names], {
      env: {
        ...process.env,
        DATABASE_URL: scratch.url,
        REDIS_URL: redis.url,
        BRIGADE_BUS_STREAM: stream,
        BRIGADE_BUS_CLAIM_IDLE_MS: '1000',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
      },
    });
    children.add(child);
    child.on('exit', () => children.delete(child));
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`worker ${names.join(' ')} did not start: ${output}`)),
        30_000,
      );
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('running')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.stdout.on('data', (chunk: Buffer) => {
        if (logs.length < 200) logs.push(`[${names.join(' ')}] ${chunk.toString().slice(0, 600)}`);
      });
    });
    return child;
  };
  const kill = (child: ChildProcessWithoutNullStreams) =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });

  /** What clients of a PostgreSQL restart see: every connection cut, new ones refused for a while. */
  const postgresOutage = async (ms: number) => {
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    const name = new URL(scratch.url).pathname.slice(1);
    try {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      await new Promise((resolve) => setTimeout(resolve, ms));
    } finally {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
  };

  it('loses no accepted order and applies every event once in effect', async () => {
    let relay = await worker('relay');
    let consumers = await worker('kitchen', 'live-metrics');
    const accepted: string[] = [];
    let placing = true;
    const place = async () => {
      while (placing) {
        const response = await postOrder(t, {
          locationId: f.locationId,
          token: customer.token,
          items: [{ itemId: f.items.fries, quantity: 1 }],
        }).catch(() => undefined);
        if (response?.statusCode === 201) accepted.push((response.json() as { id: string }).id);
        else await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const placers = [place(), place(), place()];
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    await pause(1500);
    await kill(relay);
    await pause(300);
    relay = await worker('relay');
    await pause(1000);
    await kill(consumers);
    await pause(300);
    consumers = await worker('kitchen', 'live-metrics');
    await pause(1000);
    redis.kill();
    await pause(500);
    await redis.restart();
    await pause(1000);
    await postgresOutage(1500);
    await pause(1500);
    placing = false;
    await Promise.all(placers);
    expect(accepted.length).toBeGreaterThan(20);

    // Everything settles: all events in the log, every order's ticket built, live metrics caught up.
    const settled = async () => {
      const unlogged = await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM outbox WHERE log_position IS NULL',
      );
      const tickets = await t.db.query<{ n: number; orders: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT order_id)::int AS orders FROM kitchen_tickets WHERE location_id = $1',
        [f.locationId],
      );
      const metrics = await t.db.query<{ orders: number }>(
        'SELECT coalesce(sum(orders), 0)::int AS orders FROM live_metrics_daily WHERE location_id = $1',
        [f.locationId],
      );
      return {
        unlogged: unlogged.rows[0]?.n,
        tickets: tickets.rows[0]?.n,
        ticketOrders: tickets.rows[0]?.orders,
        metricOrders: metrics.rows[0]?.orders,
      };
    };
    // Every accepted (201) order must be confirmed. A placement whose connection was cut at commit
    // (the PostgreSQL outage) may be confirmed although its client saw an error — a retry with its
    // Idempotency-Key would return it — so the effects are reconciled with every confirmed order.
    const confirmed = await t.db.query<{ id: string }>(
      `SELECT id FROM orders WHERE location_id = $1 AND status = 'confirmed'`,
      [f.locationId],
    );
    const confirmedIds = new Set(confirmed.rows.map((row) => row.id));
    expect(accepted.filter((id) => !confirmedIds.has(id))).toEqual([]);
    const expected = {
      unlogged: 0,
      tickets: confirmedIds.size,
      ticketOrders: confirmedIds.size,
      metricOrders: confirmedIds.size,
    };
    let state = await settled();
    for (let attempt = 0; attempt < 120 && JSON.stringify(state) !== JSON.stringify(expected); attempt++) {
      await pause(500);
      state = await settled();
    }
    if (JSON.stringify(state) !== JSON.stringify(expected)) console.error(logs.join('\n'));
    expect(state).toEqual(expected);

    // Every committed event reached the stream (some perhaps twice: at least once), none is missing.
    const outbox = await t.db.query<{ event_id: string }>('SELECT event_id FROM outbox');
    const client = new Redis(redis.url);
    const entries = (await client.xrange(stream, '-', '+')) as [string, string[]][];
    client.disconnect();
    const onStream = new Set(
      entries.map(
        ([, fields]) =>
          (JSON.parse(fields[fields.indexOf('event') + 1] as string) as { event_id: string }).event_id,
      ),
    );
    expect(outbox.rows.filter((row) => !onStream.has(row.event_id))).toEqual([]);
    // And the kitchen has a ticket for each accepted order in particular.
    const ticketed = await t.db.query<{ order_id: string }>(
      'SELECT DISTINCT order_id FROM kitchen_tickets WHERE order_id = ANY($1::uuid[])',
      [accepted],
    );
    expect(ticketed.rows).toHaveLength(accepted.length);
    await kill(relay);
    await kill(consumers);
  }, 180_000);
});
