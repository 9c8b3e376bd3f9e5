import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsService } from '../../../src/analytics/analytics-service.js';
import type { Report } from '../../../src/analytics/report.js';
import { financialSummaryReport } from '../../../src/analytics/reports/financial-summary.js';
import { salesByPaymentMethodReport } from '../../../src/analytics/reports/sales-by-payment-method.js';
import { salesSummaryReport } from '../../../src/analytics/reports/sales-summary.js';
import { TokenService } from '../../../src/auth/tokens.js';
import { EmbeddedBus } from '../../../src/bus/embedded-bus.js';
import { demoPasswordsForSeeding } from '../../../src/demo/demo-credentials.js';
import { demoWorld } from '../../../src/demo/demo-world.js';
import { NORTHWIND_KEY } from '../../../src/demo/northwind-chain.js';
import { NORTHWIND_BUSINESS_ID, seedDemo } from '../../../src/demo/seed-demo.js';
import type { LoggedEvent } from '../../../src/domain/events/envelope.js';
import { sourceUrl } from '../../../src/ingest-connectors/source-address.js';
import { fileToken, fixedToken } from '../../../src/ingest-connectors/source-client.js';
import { startConnector } from '../../../src/ingest-connectors/start-connector.js';
import { LocalDirStore } from '../../../src/lake/store/local-dir-store.js';
import { readBusinessEvents } from '../../../src/services/events/business-event-log.js';
import type { Database } from '../../../src/storage/database.js';
import { migrate } from '../../../src/storage/migrator.js';
import { openPostgres } from '../../../src/storage/postgres-database.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../../support/app.js';
import { createScratchDatabase, databaseKinds, isPostgresReachable } from '../../support/databases.js';
import { runLakeWriterUntilCaughtUp } from '../../support/lake-writer-catch-up.js';
import { placeOrder } from '../../support/orders.js';
import { drainPipeline } from '../../support/pipeline.js';
import { type LiveProcess, startLiveProcess, startRelay } from '../realtime/realtime-harness.js';

const MAIN = path.resolve('src/cli/main.ts');
const BUSINESS = NORTHWIND_BUSINESS_ID;
/** The event types a Brigade ingests (docs/ingestion.md, "Brigade events"); the feed's others are refused. */
const INGESTED = /^(order|payment|refund|feedback|delivery|kitchen)\./;

type Kind = 'http' | 'sse';

/** A target Brigade: its own PostgreSQL database, seeded with the same demo, and its connector process. */
interface Target {
  kind: Kind;
  db: Database;
  url: string;
  drop: () => Promise<void>;
  child?: ChildProcessWithoutNullStreams;
  output: string;
  kills: number;
}

/**
 * The issue's check, for real: a source Brigade (embedded database, listening on loopback, its event
 * feed and stream served by the real routes, relay and bus) takes orders, and two target Brigades on
 * PostgreSQL follow it with `brigade ingest http` and `brigade ingest sse` run as processes, each killed
 * with SIGKILL mid-way twice and restarted. When caught up, each target holds exactly the ingestible
 * events of the source feed (none missing, none twice, none ingested twice: no duplicates answered) and
 * the lakes of source and targets give the same sales, order and payment figures. Kitchen figures are
 * not compared: a target's kitchen display makes tickets of its own for ingested confirmed orders.
 */
describe.runIf(await isPostgresReachable())(
  'Brigade ingesting from another Brigade over HTTP and SSE',
  () => {
    let source: TestApp;
    let live: LiveProcess;
    let relay: { stop(): Promise<void> };
    let dir: string;
    let ownerToken: string;
    let ownerId: string;
    let customerToken: string;
    let managerToken: string;
    let menu: { locationId: string; itemId: string }[];
    const targets: Target[] = [];
    const world = demoWorld();
    const northwind = { ...world, businesses: world.businesses.filter((b) => b.key === NORTHWIND_KEY) };

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'brigade-ingest-b2b-'));
      const passwords = await demoPasswordsForSeeding(
        dir,
        'ingest-test-password',
        northwind.businesses[0]?.users,
      );
      const [pglite] = await databaseKinds();
      if (!pglite) throw new Error('no PGlite');
      const openTarget = async (kind: Kind): Promise<Target> => {
        const scratch = await createScratchDatabase();
        const db = openPostgres({ connectionString: scratch.url, maxConnections: 5 });
        await migrate(db);
        await seedDemo(db, passwords, northwind);
        return { kind, db, url: scratch.url, drop: scratch.drop, output: '', kills: 0 };
      };
      const [app, ...opened] = await Promise.all([
        startTestApp(pglite).then(async (app) => {
          await seedDemo(app.db, passwords, northwind);
          return app;
        }),
        openTarget('http'),
        openTarget('sse'),
      ]);
      source = app;
      targets.push(...opened);
      // Orders are placed whenever the suite runs: the chosen locations take them at any hour (the
      // opening hours are in the source's rows only; the lake's location dimension comes from the seed).
      const { rows } = await source.db.query<{ location_id: string; item_id: string }>(
        `SELECT DISTINCT ON (l.code) l.id AS location_id, mi.id AS item_id
         FROM locations l
         JOIN brand_locations bl ON bl.location_id = l.id
         JOIN menus m ON m.brand_id = bl.brand_id
         JOIN menu_items mi ON mi.menu_id = m.id
        WHERE l.business_id = $1 AND 'takeout' = ANY (l.service_types) AND mi.available
          AND mi.availability_schedule IS NULL
          AND NOT EXISTS (SELECT 1 FROM item_modifier_groups img JOIN modifier_groups g ON g.id = img.group_id
                           WHERE img.item_id = mi.id AND g.required)
        ORDER BY l.code, mi.price_minor DESC, mi.id
        LIMIT 3`,
        [BUSINESS],
      );
      menu = rows.map((row) => ({ locationId: row.location_id, itemId: row.item_id }));
      expect(menu).toHaveLength(3);
      await source.db.query(`UPDATE locations SET business_hours = '{}' WHERE id = ANY($1::uuid[])`, [
        menu.map((entry) => entry.locationId),
      ]);
      const owner = await source.userToken({ memberships: [{ businessId: BUSINESS, role: 'owner' }] });
      ownerToken = owner.token;
      ownerId = owner.userId;
      managerToken = (await source.userToken({ memberships: [{ businessId: BUSINESS, role: 'manager' }] }))
        .token;
      customerToken = (await source.userToken()).token;
      relay = startRelay(source.db);
      // Heartbeats often, so that a stream ends soon after its token expires (checked at each one).
      live = await startLiveProcess(source.db, { limits: { heartbeatMs: 200 } });
    }, 120_000);

    afterAll(async () => {
      for (const target of targets) {
        target.child?.kill('SIGKILL');
        await target.db.close();
        await target.drop();
      }
      await live?.close();
      await relay?.stop();
      await source?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    let placed = 0;
    /** Orders on the source: takeouts at three locations, some declined, some refunded in part or whole. */
    const wave = async (count: number) => {
      for (let index = 0; index < count; index++, placed++) {
        const entry = menu[placed % menu.length];
        if (!entry) throw new Error('no menu');
        const declined = placed % 9 === 4;
        const order = await placeOrder(source, {
          locationId: entry.locationId,
          token: customerToken,
          items: [{ itemId: entry.itemId, quantity: 1 + (placed % 3) }],
          payment: declined
            ? { method: 'credit_card', cardNumber: '4000000000000002' }
            : { method: 'credit_card' },
          expectStatus: declined ? 402 : 201,
        });
        if (!declined && placed % 5 === 2) {
          const refund = await source.request({
            method: 'POST',
            url: `/api/v1/orders/${order.id}/refunds`,
            token: managerToken,
            body: { reason: 'late', ...(placed % 2 === 0 ? { amountMinor: 100 } : {}) },
          });
          expect(refund.statusCode, refund.body).toBe(201);
        }
      }
      // The source's consumers (its kitchen display makes tickets: kitchen.* events in the feed too).
      await drainPipeline(source.db);
    };

    const start = async (target: Target, batch = 10) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          MAIN,
          'ingest',
          target.kind,
          '--url',
          live.url,
          '--business',
          BUSINESS,
          '--batch',
          String(batch),
          ...(target.kind === 'http' ? ['--interval-ms', '50'] : ['--flush-ms', '50']),
        ],
        {
          env: {
            ...process.env,
            DATABASE_URL: target.url,
            BRIGADE_INGEST_TOKEN: ownerToken,
            REDIS_URL: '',
            DATA_DIR: dir,
            LOG_LEVEL: 'warn',
          },
        },
      );
      target.child = child;
      const collect = (chunk: Buffer) => {
        target.output += chunk.toString();
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      const began = target.output.length;
      for (const deadline = Date.now() + 30_000; !target.output.slice(began).includes('Ingesting'); ) {
        if (child.exitCode !== null || Date.now() > deadline) {
          throw new Error(`brigade ingest ${target.kind} did not start: ${target.output.slice(began)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const watermark = async (target: Target) =>
      Number(
        (await target.db.query<{ watermark: number }>('SELECT watermark FROM ingest_connectors')).rows[0]
          ?.watermark ?? 0,
      );
    const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs = 60_000, everyMs = 25) => {
      for (const deadline = Date.now() + timeoutMs; !(await check()); ) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, everyMs));
      }
    };
    /** SIGKILL as soon as the connector has committed past `after`; returns where its watermark stayed. */
    const killMidway = async (target: Target, after: number) => {
      await waitFor(
        `${target.kind} to move past ${after}`,
        async () => (await watermark(target)) > after,
        60_000,
        5,
      );
      const child = target.child;
      if (!child) throw new Error(`${target.kind} is not running`);
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
      target.child = undefined;
      target.kills++;
      return watermark(target);
    };
    /** The source feed of the business, all of it (what both connectors read, page by page). */
    const sourceFeed = async (): Promise<LoggedEvent[]> =>
      (await readBusinessEvents(source.db, BUSINESS, 0, 1_000_000)).events;
    const feedHead = async () => {
      const { rows } = await source.db.query<{ head: number | null }>(
        `SELECT max(log_position) AS head FROM outbox WHERE business_id = $1 AND event_type NOT LIKE 'notification.%'`,
        [BUSINESS],
      );
      return Number(rows[0]?.head ?? 0);
    };
    const relayed = async () => {
      await waitFor('the source relay', async () => {
        const { rows } = await source.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM outbox WHERE log_position IS NULL',
        );
        return rows[0]?.n === 0;
      });
    };

    it('ends with every ingestible event once and identical lake figures, through kills and restarts', async () => {
      await wave(15);
      await relayed();
      const [http, sse] = targets as [Target, Target];
      // Killed mid-way through the history (the demo seed's events and the first orders)...
      const historyHead = await feedHead();
      // One event per batch: a connector takes the whole history in a few hundred milliseconds in
      // batches of ten, faster than this process (which also serves the source) may see its watermark.
      await Promise.all(targets.map((target) => start(target, 1)));
      const firstKills = await Promise.all(targets.map((target) => killMidway(target, 0)));
      // ...restarted, and killed again mid-way while following the source live as it takes orders...
      await Promise.all(targets.map((target) => start(target)));
      await waitFor('the history ingested', async () =>
        (await Promise.all(targets.map(watermark))).every((mark) => mark >= historyHead),
      );
      const taking = wave(15);
      const secondKills = await Promise.all(targets.map((target) => killMidway(target, historyHead)));
      await taking;
      await relayed();
      const liveHead = await feedHead();
      // ...and restarted once more to catch up and follow the last orders.
      await Promise.all(targets.map((target) => start(target)));
      await wave(10);
      await relayed();
      for (const kill of firstKills) expect(kill).toBeLessThan(historyHead);
      for (const kill of secondKills) expect(kill).toBeLessThan(liveHead);

      const feed = await sourceFeed();
      const head = feed[feed.length - 1]?.offset ?? 0;
      await waitFor('both connectors at the head', async () =>
        (await Promise.all(targets.map(watermark))).every((mark) => mark === head),
      );
      for (const target of targets) {
        const child = target.child;
        const code = await new Promise<number | null>((resolve) => {
          child?.once('exit', (exitCode) => resolve(exitCode));
          child?.kill('SIGTERM');
        });
        expect(code, `${target.kind} stops gracefully: ${target.output}`).toBe(0);
        target.child = undefined;
      }
      expect([http.kills, sse.kills]).toEqual([2, 2]);

      // Every ingestible event of the feed is in each target once, as the source has it; nothing was
      // sent twice (no duplicates answered); the rest were refused as unsupported_type, and nothing else.
      const ingestible = feed.filter((event) => INGESTED.test(event.event_type));
      expect(ingestible.length).toBeGreaterThan(150);
      expect(ingestible.some((event) => event.event_type.startsWith('kitchen.'))).toBe(true);
      expect(ingestible.some((event) => event.event_type.startsWith('refund.'))).toBe(true);
      const comparable = (event: Omit<LoggedEvent, 'offset'> & { offset?: number }) => {
        const { offset: _offset, occurred_at, ...rest } = event;
        return { ...rest, occurred_at: new Date(occurred_at).toISOString() };
      };
      for (const target of targets) {
        const { rows } = await target.db.query<LoggedEvent>(
          `SELECT event_id, event_type, version, occurred_at, business_id, location_id, order_id, sequence, payload
           FROM outbox WHERE event_id = ANY($1::uuid[])`,
          [feed.map((event) => event.event_id)],
        );
        const byId = (a: { event_id: string }, b: { event_id: string }) => (a.event_id < b.event_id ? -1 : 1);
        expect(rows.map(comparable).sort(byId), target.kind).toEqual(ingestible.map(comparable).sort(byId));
        const { rows: counters } = await target.db.query(
          'SELECT kind, watermark, accepted, duplicates, rejected FROM ingest_connectors',
        );
        expect(counters).toEqual([
          {
            kind: target.kind,
            watermark: head,
            accepted: ingestible.length,
            duplicates: 0,
            rejected: feed.length - ingestible.length,
          },
        ]);
        const { rows: kept } = await target.db.query('SELECT code, reason FROM ingest_connector_rejections');
        expect(kept).toEqual([]);
      }

      // The lakes: the source's and each target's, written by the real lake writer.
      const figures = async (db: Database, name: string) => {
        await drainPipeline(db);
        const store = new LocalDirStore(path.join(dir, name, 'lake'));
        await runLakeWriterUntilCaughtUp(new EmbeddedBus(db), store, {
          lateHorizonDays: 0,
          scratchDir: path.join(dir, name, 'scratch'),
        });
        const analytics = await AnalyticsService.open(store, {
          cacheTtlMs: 0,
          manifestPollMs: 0,
          scratchDir: path.join(dir, name, 'analytics'),
        });
        try {
          const sql = async (query: string) => (await analytics.sql(BUSINESS, query)).rows;
          const today = new Date().toISOString().slice(0, 10);
          const range = { from: '2020-01-01', to: today };
          const report = async <Options>(definition: Report<Options>, options: Options) => {
            const { asOf: _asOf, ...body } = (await analytics.report(definition, BUSINESS, range, options))
              .body;
            return body;
          };
          return {
            daily: await sql(
              `SELECT location_id, local_date, total_sales, total_orders, total_customers, total_tips, total_tax,
                    cancelled_orders, refunded_amount, payment_methods, top_items
               FROM gold_daily_sales_summary ORDER BY location_id, local_date`,
            ),
            orders: await sql(
              `SELECT order_id, location_id, customer_id, service_type, status, subtotal, tax, tip, total,
                    captured_amount, refunded_amount, net_revenue, payment_method, line_count, total_qty
               FROM orders ORDER BY order_id`,
            ),
            payments: await sql(
              'SELECT event_id, order_id, kind, method, amount FROM payments ORDER BY event_id',
            ),
            sales: await report(salesSummaryReport, { groupBy: 'day' }),
            byPaymentMethod: await report(salesByPaymentMethodReport, undefined),
            financial: await report(financialSummaryReport, undefined),
          };
        } finally {
          await analytics.close();
        }
      };
      const expected = await figures(source.db, 'source');
      expect(expected.orders.length).toBe(placed);
      expect(expected.daily.length).toBeGreaterThan(0);
      expect(expected.daily.some((row) => Number(row[2]) > 0 && Number(row[8]) > 0)).toBe(true);
      for (const target of targets) {
        expect(await figures(target.db, target.kind), target.kind).toEqual(expected);
      }
    }, 240_000);

    it('follows a stream across token expiries with a token file, and stops on a refused token', async () => {
      const target = targets.find((candidate) => candidate.kind === 'sse');
      if (!target) throw new Error('no sse target');
      const issue = (ttlSeconds: number) =>
        new TokenService(TEST_JWT_SECRET, ttlSeconds).issueAccessToken({
          userId: ownerId,
          platformRole: 'user',
          memberships: [{ businessId: BUSINESS, role: 'owner', position: null, locationIds: [] }],
        });
      const tokenFile = path.join(dir, 'source-token');
      await writeFile(tokenFile, await issue(3));
      const stream = sourceUrl('sse', new URL(live.url), BUSINESS);
      const from = await feedHead();
      const lines: string[] = [];
      const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
      const logged = (message: string) => lines.filter((line) => line.includes(`"msg":"${message}"`)).length;
      const connector = await startConnector(
        target.db,
        { kind: 'sse', stream, tokens: fileToken(tokenFile), batchSize: 1000, flushMs: 20 },
        { businessId: BUSINESS, name: 'sse-with-a-token-file', since: from },
        logger,
      );
      try {
        // The source ends the stream when the first token expires (2-3 s); the connector
        // opens it again with the token the file holds by then, and goes on from its watermark.
        await waitFor('the stream open', async () => logged('stream open') === 1);
        await writeFile(tokenFile, await issue(900));
        await waitFor('the stream reopened', async () => logged('stream open') === 2, 15_000);
        expect(logged('stream ended; reconnecting')).toBe(1);
        await wave(2);
        await relayed();
        const head = await feedHead();
        await waitFor('the orders after the expiry', async () => {
          const { rows } = await target.db.query<{ watermark: number }>(
            `SELECT watermark FROM ingest_connectors WHERE name = 'sse-with-a-token-file'`,
          );
          return rows[0]?.watermark === head;
        });
        expect(live.app.realtime.stats()).toMatchObject({ clients: 1 });
      } finally {
        await connector.stop();
      }

      // A token the source refuses, without a file to wait on, stops a connector with a coded error.
      const refused = await startConnector(
        target.db,
        {
          kind: 'http',
          feed: sourceUrl('http', new URL(live.url), BUSINESS),
          tokens: fixedToken('not-a-token'),
          batchSize: 10,
          idleMs: 50,
        },
        { businessId: BUSINESS, name: 'refused' },
        pino({ level: 'silent' }),
      );
      await expect(refused.done).rejects.toMatchObject({ code: 'ingest_source_unauthorized' });
      // A name is one connector: the same name for another kind is refused.
      await expect(
        startConnector(
          target.db,
          { kind: 'dir', dir, batchSize: 10, intervalMs: 50 },
          { businessId: BUSINESS, name: 'refused' },
          pino({ level: 'silent' }),
        ),
      ).rejects.toMatchObject({ code: 'ingest_connector_mismatch' });
    }, 60_000);
  },
);
