import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventBus } from '../../../src/bus/event-bus.js';
import { openBus } from '../../../src/bus/open-bus.js';
import { type Config, loadConfig } from '../../../src/config/config.js';
import { buildApp } from '../../../src/http/app.js';
import type { BrigadeApp } from '../../../src/http/brigade-app.js';
import { GOLD_VERSION } from '../../../src/lake/lake-tables.js';
import { lakeStatus } from '../../../src/lake/maintenance/lake-status.js';
import { MANIFEST_KEY, type Manifest } from '../../../src/lake/manifest.js';
import { readManifest } from '../../../src/lake/manifest-io.js';
import type { LakeStore } from '../../../src/lake/store/lake-store.js';
import { openLakeStore } from '../../../src/lake/store/open-lake-store.js';
import { BrigadeMetrics } from '../../../src/observability/metrics.js';
import type { RunningLoop } from '../../../src/outbox/outbox-relay.js';
import { SimulatedGateway } from '../../../src/payments/simulated-gateway.js';
import { startWorkers } from '../../../src/workers/start-workers.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { buildCatalog, type Catalog } from '../../support/lake-transform-harness.js';
import { type OrderLine, placeOrder } from '../../support/orders.js';
import { type S3TestServer, startS3Server } from '../../support/s3-server.js';

const MAIN = path.resolve('src/cli/main.ts');
const run = promisify(execFile);

/** The local date of every order: 11:00 in Toronto, 15:00 in London, 20:30 in Kolkata, all on the 15th. */
const DAY = '2026-03-15';
const FIRST_ORDERS_AT = `${DAY}T15:00:00.000Z`;
const LATER_ORDER_AT = `${DAY}T16:30:00.000Z`;
/** A folder inside the bucket, as a deployment sharing a bucket would set it. */
const S3_PREFIX = 'prod/lake';

/** Money figures of a placed order, as the API answered them. */
interface Totals {
  totalMinor: number;
  taxMinor: number;
  tipMinor: number;
}
interface Placed {
  id: string;
  location: string;
  customer: string;
  totals: Totals;
}

/**
 * S3 mode end to end (issue 4): the whole lakehouse on an S3-compatible store — s3rver, the server
 * the store contract runs against. The configuration is read from the S3_* variables and every store
 * is opened as the product opens it (openLakeStore: an S3Store with its local FileCache). Orders are
 * placed over HTTP, the outbox relay and the lake worker run as `brigade start` runs them
 * (startWorkers), and the analytics API answers from the bucket: the exact figures of the orders, the
 * same on a second query node with an empty cache, new figures once a later order rewrites the day's
 * gold partition, and `brigade lake status` lists the tables. Nothing of ours is mocked.
 *
 * S3 is the scaled deployment, which runs on PostgreSQL: the suite uses it when it is reachable (with
 * REQUIRE_SERVICES=1 it must be), PGlite otherwise.
 */
describe('lakehouse on S3 (s3rver), end to end', () => {
  let server: S3TestServer;
  let s3: S3Client;
  let t: TestApp;
  let bus: EventBus;
  let workers: RunningLoop | undefined;
  const workerErrors: string[] = [];
  const temps: string[] = [];
  const stores: LakeStore[] = [];
  const nodes: BrigadeApp[] = [];
  let config: Config;
  let store: LakeStore;
  let node1: BrigadeApp;
  /** A second query node: its own store on the bucket, its own (at first empty) cache. */
  let node2: BrigadeApp;
  let catalog: Catalog;
  let ownerToken: string;
  const placed: Placed[] = [];

  const tempDir = async (label: string) => {
    const dir = await mkdtemp(path.join(tmpdir(), `brigade-s3-e2e-${label}-`));
    temps.push(dir);
    return dir;
  };
  /** The S3_* variables of a deployment on the test server. */
  const s3Env = () => ({
    S3_ENDPOINT: server.endpoint,
    S3_BUCKET: server.bucket,
    S3_REGION: server.region,
    S3_ACCESS_KEY_ID: server.accessKeyId,
    S3_SECRET_ACCESS_KEY: server.secretAccessKey,
    S3_PREFIX,
  });
  const openStore = (options: Config) => {
    const opened = openLakeStore(options);
    stores.push(opened);
    return opened;
  };

  /** An API process whose analytics read `lakeStore`, on the shared database, as start-server builds it. */
  const startQueryNode = async (lakeStore: LakeStore, nodeConfig: Config): Promise<BrigadeApp> => {
    const app = await buildApp({
      db: t.db,
      config: nodeConfig,
      jwtSecret: TEST_JWT_SECRET,
      gateway: new SimulatedGateway(t.db),
      now: () => t.clock.now,
      lakeStore,
      analytics: nodeConfig.analytics,
    });
    await app.ready();
    nodes.push(app);
    return app;
  };

  const report = async (node: BrigadeApp, url: string) => {
    const response = await node.inject({
      method: 'GET',
      url: `/api/v1/businesses/${catalog.businessId}/analytics${url}`,
      headers: { authorization: `Bearer ${ownerToken}` },
    });
    expect(response.statusCode, response.body).toBe(200);
    return { body: response.json(), cache: response.headers['x-analytics-cache'] };
  };
  /** The rows of an ad-hoc SQL answer (numbers of BIGINT and HUGEINT columns come back as text). */
  const sql = async (node: BrigadeApp, query: string): Promise<unknown[][]> => {
    const response = await node.inject({
      method: 'POST',
      url: `/api/v1/businesses/${catalog.businessId}/analytics/sql`,
      headers: { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ sql: query }),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().rows;
  };
  const GOLD_DAY_SQL = `SELECT sum(total_orders) AS orders, sum(total_sales) AS sales, sum(total_tax) AS tax
    FROM gold_daily_sales_summary WHERE local_date = DATE '${DAY}'`;

  /** Reads until `done` holds, for 20 s at most; a lake worker error fails at once. */
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) => {
    let last: T | undefined;
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
      if (workerErrors.length > 0) throw new Error(`worker failed: ${workerErrors.join('\n')}`);
      last = await read();
      if (done(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${what} not reached in 20 s; last: ${JSON.stringify(last)}`);
  };

  /** What the orders placed so far add up to, from the API's own answers. */
  const expected = () => {
    const total = (field: keyof Totals) => placed.reduce((sum, order) => sum + order.totals[field], 0);
    const sales = total('totalMinor');
    return {
      orders: placed.length,
      sales,
      tax: total('taxMinor'),
      tips: total('tipMinor'),
      // Half up, in integers.
      aov: Math.floor((2 * sales + placed.length) / (2 * placed.length)),
      customers: new Set(placed.map((order) => order.customer)).size,
    };
  };
  const place = async (location: string, customer: { userId: string; token: string }, items: OrderLine[]) => {
    const order = await placeOrder(t, { locationId: location, token: customer.token, items });
    placed.push({ id: order.id, location, customer: customer.userId, totals: order.totals as Totals });
  };
  /**
   * Until every order placed so far counts in the day's gold on node 1 and the lake holds the whole
   * bus (a batch commits a second after its first event), so no commit is still to come.
   */
  const waitForGold = () =>
    eventually(
      async () => ({
        orders: (await sql(node1, GOLD_DAY_SQL))[0]?.[0],
        caughtUp: (await readManifest(store)).cursor === (await bus.newest())?.id,
      }),
      ({ orders, caughtUp }) => orders === String(placed.length) && caughtUp,
      `${placed.length} orders in gold`,
    );

  beforeAll(async () => {
    server = await startS3Server();
    s3 = new S3Client({
      endpoint: server.endpoint,
      region: server.region,
      credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
      forcePathStyle: true,
    });
    config = loadConfig({
      DATA_DIR: await tempDir('node1'),
      ...s3Env(),
      BRIGADE_LAKE_MEMORY_MB: '512',
    });
    expect(config.lake.s3).toMatchObject({ bucket: server.bucket, prefix: S3_PREFIX, forcePathStyle: true });

    const kind = (await databaseKinds()).at(-1);
    if (!kind) throw new Error('no test database');
    t = await startTestApp(kind);
    t.clock.now = new Date(FIRST_ORDERS_AT);
    const built = await buildCatalog(t);
    catalog = built.catalog;
    ownerToken = built.owner.token;

    // As `brigade start` runs them: the relay and the lake worker in this process, on the config's bus
    // (the embedded log) and lake (the bucket); errors are collected so a failing batch fails the test.
    bus = openBus(config, t.db);
    const logger = pino(
      { level: 'error' },
      {
        write: (line: string) => {
          workerErrors.push(line);
        },
      },
    );
    workers = startWorkers(['relay', 'lake'], {
      db: t.db,
      bus,
      metrics: new BrigadeMetrics({ defaultMetrics: false }),
      logger,
      config,
    });
    // The API's own store, opened from the same config as the worker's (as start-server does).
    store = openStore(config);
    node1 = await startQueryNode(store, config);
  }, 60_000);

  afterAll(async () => {
    await workers?.stop();
    await bus?.close();
    for (const node of nodes) await node.close();
    for (const opened of stores) await opened.close();
    await t?.close();
    s3?.destroy();
    await server?.close();
    for (const dir of temps) await rm(dir, { recursive: true, force: true });
  });

  it('takes orders placed over HTTP through the relay and the lake writer into the bucket, Hive-style', async () => {
    const ana = await t.userToken();
    const ben = await t.userToken();
    const { locations, items } = catalog;
    await place(locations.toronto, ana, [
      { itemId: items.burger, quantity: 2 },
      { itemId: items.fries, quantity: 1 },
    ]);
    await place(locations.london, ben, [{ itemId: items.ramen, quantity: 1 }]);
    await place(locations.kolkata, ana, [
      { itemId: items.gyoza, quantity: 3 },
      { itemId: items.ramen, quantity: 1 },
    ]);
    await waitForGold();

    // The bucket as any S3 client sees it, not through our store.
    const listed = await s3.send(
      new ListObjectsV2Command({ Bucket: server.bucket, Prefix: `${S3_PREFIX}/` }),
    );
    expect(listed.IsTruncated).toBe(false);
    const keys = (listed.Contents ?? []).map((object) => object.Key?.slice(S3_PREFIX.length + 1) ?? '');
    expect(keys).toContain(MANIFEST_KEY);
    const manifestObject = await s3.send(
      new GetObjectCommand({ Bucket: server.bucket, Key: `${S3_PREFIX}/${MANIFEST_KEY}` }),
    );
    const manifest = JSON.parse(await (manifestObject.Body?.transformToString() ?? '')) as Manifest;
    expect(manifest).toEqual(await readManifest(store));
    // Every file the manifest lists is in the bucket, below its table's Hive-style partition.
    for (const file of manifest.files) expect(keys).toContain(file.key);
    const business = `business_id=${catalog.businessId}`;
    const hive = (layer: string, table: string, column: string) =>
      new RegExp(`^${layer}/${table}/${business}/${column}=${DAY}/[\\w.-]+\\.parquet$`);
    const listedOf = (table: string) => manifest.files.filter((f) => f.table === table).map((f) => f.key);
    expect(listedOf('events').some((key) => hive('bronze', 'events', 'event_date').test(key))).toBe(true);
    expect(listedOf('orders')).toEqual([expect.stringMatching(hive('silver', 'orders', 'order_date'))]);
    for (const table of ['gold_daily_sales_summary', 'gold_order_header', 'gold_item_sales_day']) {
      expect(listedOf(table)).toEqual([expect.stringMatching(hive('gold', table, 'local_date'))]);
    }
    expect(listedOf('gold_metrics')).toContainEqual(
      expect.stringMatching(new RegExp(`^gold/gold_metrics/${business}/period_month=2026-03/`)),
    );
  }, 60_000);

  it('answers the dashboard, sales and SQL from the bucket with the exact figures of the orders', async () => {
    const want = expected();
    const dashboard = await report(node1, `/dashboard?from=${DAY}&to=${DAY}`);
    expect(dashboard.cache).toBe('miss');
    expect(dashboard.body.currency).toBe('CAD');
    const kpis = Object.fromEntries(
      (dashboard.body.kpis as { key: string; current: number }[]).map((kpi) => [kpi.key, kpi.current]),
    );
    expect(kpis).toMatchObject({
      sales: want.sales,
      orders: want.orders,
      average_order_value: want.aov,
      customers: want.customers,
      tips: want.tips,
      tax: want.tax,
      refunds: 0,
      cancellations: 0,
    });
    // Answered again from the report cache: the lake has not changed.
    expect((await report(node1, `/dashboard?from=${DAY}&to=${DAY}`)).cache).toBe('hit');

    const summary = await report(node1, `/sales/summary?group_by=day&from=${DAY}&to=${DAY}`);
    expect(summary.body.totals).toEqual({
      orders: want.orders,
      salesMinor: want.sales,
      tipsMinor: want.tips,
      averageOrderValueMinor: want.aov,
    });
    expect(summary.body.buckets).toMatchObject([
      { bucket: DAY, orders: want.orders, salesMinor: want.sales },
    ]);

    // One order per location: each location's sales are that order's total, in its own time zone.
    const byLocation = await report(node1, `/sales/by-location?from=${DAY}&to=${DAY}`);
    const salesOf = Object.fromEntries(
      (byLocation.body.locations as { locationId: string; salesMinor: number }[]).map((row) => [
        row.locationId,
        row.salesMinor,
      ]),
    );
    expect(salesOf).toEqual(
      Object.fromEntries(placed.map((order) => [order.location, order.totals.totalMinor])),
    );

    expect(await sql(node1, GOLD_DAY_SQL)).toEqual([
      [String(want.orders), String(want.sales), String(want.tax)],
    ]);

    // DuckDB read local copies: the gold files came down from the bucket into the configured cache.
    const cached = await filesBelow(config.lake.cacheDir);
    expect(cached).toContainEqual(
      expect.stringMatching(
        new RegExp(`^${server.bucket}/${S3_PREFIX}/gold/gold_daily_sales_summary/business_id=`),
      ),
    );
  }, 60_000);

  it('answers the same on a second query node opened on the bucket with an empty cache', async () => {
    const config2 = loadConfig({ DATA_DIR: await tempDir('node2'), ...s3Env() });
    expect(await filesBelow(config2.lake.cacheDir)).toEqual([]);
    node2 = await startQueryNode(openStore(config2), config2);
    for (const url of [
      `/dashboard?from=${DAY}&to=${DAY}`,
      `/sales/summary?group_by=day&from=${DAY}&to=${DAY}`,
      `/sales/by-location?from=${DAY}&to=${DAY}`,
    ]) {
      const [first, second] = [await report(node1, url), await report(node2, url)];
      expect(second.cache, url).toBe('miss');
      expect(second.body, url).toEqual(first.body);
    }
    expect(await sql(node2, GOLD_DAY_SQL)).toEqual(await sql(node1, GOLD_DAY_SQL));
    expect(
      (await filesBelow(config2.lake.cacheDir)).some((key) =>
        key.includes('/gold/gold_daily_sales_summary/'),
      ),
    ).toBe(true);
  }, 60_000);

  it('answers anew on both nodes when a later order rewrites the day’s gold partition', async () => {
    const goldKey = async () =>
      (await readManifest(store)).files.find(
        (file) => file.table === 'gold_daily_sales_summary' && file.partition === DAY,
      )?.key;
    const before = await goldKey();
    const url = `/dashboard?from=${DAY}&to=${DAY}`;
    const salesKpi = (body: { kpis: { key: string; current: number }[] }) =>
      body.kpis.find((kpi) => kpi.key === 'sales')?.current;
    expect(salesKpi((await report(node1, url)).body)).toBe(expected().sales);
    expect((await report(node1, url)).cache).toBe('hit');

    t.clock.now = new Date(LATER_ORDER_AT);
    const cara = await t.userToken();
    await place(catalog.locations.toronto, cara, [{ itemId: catalog.items.burger, quantity: 1 }]);
    const want = expected();
    await waitForGold();

    // The partition was written again under a new key; the old object may linger until vacuum.
    const after = await goldKey();
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    for (const node of [node1, node2]) {
      // Each node re-reads the manifest at most every 250 ms: within that, the new answer.
      const fresh = await eventually(
        () => report(node, url),
        (answer) => salesKpi(answer.body) === want.sales,
        'the new sales figure',
      );
      expect(fresh.cache).toBe('miss');
      expect(fresh.body.kpis).toContainEqual(
        expect.objectContaining({ key: 'orders', current: want.orders }),
      );
      expect(fresh.body.kpis).toContainEqual(expect.objectContaining({ key: 'customers', current: 3 }));
    }
    expect(await sql(node2, GOLD_DAY_SQL)).toEqual([
      [String(want.orders), String(want.sales), String(want.tax)],
    ]);
  }, 60_000);

  it('`brigade lake status` on the bucket lists the tables, as lakeStatus does in-process', async () => {
    const status = await lakeStatus(await readManifest(store), bus);
    expect(status.lag).toBe(0);
    const table = (name: string) => status.tables.find((row) => row.table === name);
    expect(table('gold_daily_sales_summary')).toMatchObject({
      layer: 'gold',
      partitions: 1,
      files: 1,
      rows: 3,
    });
    expect(table('orders')).toMatchObject({ layer: 'silver', partitions: 1, files: 1, rows: 4 });

    // The command itself, in its own process with its own cache, configured by the S3_* variables only.
    const { stdout } = await run(process.execPath, ['--import', 'tsx', MAIN, 'lake', 'status'], {
      env: {
        ...process.env,
        ...s3Env(),
        DATA_DIR: await tempDir('cli'),
        DATABASE_URL: '',
        REDIS_URL: '',
        LOG_LEVEL: 'error',
      },
    });
    expect(stdout).toContain(`Lake (s3) manifest v${status.version}, committed ${status.committedAt}`);
    expect(stdout).toContain(`cursor: ${status.cursor}`);
    expect(status.goldVersion).toBe(GOLD_VERSION);
    expect(stdout).toMatch(new RegExp(`^gold: version ${GOLD_VERSION}$`, 'm'));
    for (const row of status.tables) {
      expect(stdout).toMatch(
        new RegExp(
          `^${row.table}\\s+${row.layer}\\s+${row.partitions}\\s+${row.files}\\s+${row.rows.toLocaleString('en')}\\s`,
          'm',
        ),
      );
    }
  }, 60_000);

  it('keeps one cache for the stores one process opens from one config (the API’s and the lake worker’s)', async () => {
    // `brigade start` opens the lake twice from one config. Two caches on one directory broke each
    // other: the second to index emptied `.incoming/` under the first one's download in progress.
    const writerSide = openStore(config);
    const apiSide = openStore(config);
    const big = 'silver/orders/business_id=cache-check/order_date=2026-01-01/v1.parquet';
    const small = 'gold/gold_order_header/business_id=cache-check/local_date=2026-01-01/v1.parquet';
    await writerSide.put(big, Buffer.alloc(16 << 20, 7));
    await writerSide.put(small, Buffer.from('small'));
    const incoming = path.join(config.lake.cacheDir, '.incoming');
    // The writer's download under way (its temp file in `.incoming/`), the API's first read comes in.
    let downloaded = false;
    const download = writerSide.localPath(big).finally(() => {
      downloaded = true;
    });
    while (!downloaded && (await readdir(incoming).catch(() => [])).length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await apiSide.localPath(small);
    const file = await download;
    expect((await readFile(file)).length).toBe(16 << 20);
  }, 60_000);
});

/** Relative paths of the files below `dir` (none when it does not exist), skipping dot-directories. */
async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((key) => !key.startsWith('.'));
}
