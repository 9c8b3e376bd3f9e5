import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedBus } from '../../../src/bus/embedded-bus.js';
import { DuckSession, sqlString } from '../../../src/lake/duckdb/duck-session.js';
import type { LakeTableName } from '../../../src/lake/lake-tables.js';
import { compactLake } from '../../../src/lake/maintenance/compact-lake.js';
import { vacuumLake } from '../../../src/lake/maintenance/vacuum-lake.js';
import type { Manifest } from '../../../src/lake/manifest.js';
import { readManifest } from '../../../src/lake/manifest-io.js';
import { LocalDirStore } from '../../../src/lake/store/local-dir-store.js';
import { openWriterDuck } from '../../../src/lake/writer/lake-writer.js';
import { ManifestEdit } from '../../../src/lake/writer/manifest-edit.js';
import { loadOrderIndex } from '../../../src/lake/writer/staging-step.js';
import { commitEdit, writeBatch } from '../../../src/lake/writer/write-batch.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { runLakeWriterUntilCaughtUp } from '../../support/lake-writer-catch-up.js';
import { placeOrder } from '../../support/orders.js';
import { drainPipeline } from '../../support/pipeline.js';

/**
 * The lake writer end to end on the embedded bus: orders placed through the API reach bronze, silver
 * and gold; a late refund corrects the day it belongs to; a batch written again after a crash adds
 * nothing; compaction keeps every row once; a malformed message is quarantined with its reason.
 */
describe('lake writer', () => {
  let t: TestApp;
  let f: RestaurantFixture;
  let dir: string;
  let store: LocalDirStore;
  let reader: DuckSession;
  let bus: EmbeddedBus;

  beforeAll(async () => {
    const [pglite] = await databaseKinds();
    if (!pglite) throw new Error('no PGlite');
    t = await startTestApp(pglite);
    f = await seedRestaurant(t.db);
    dir = await mkdtemp(path.join(tmpdir(), 'brigade-lake-writer-'));
    store = new LocalDirStore(path.join(dir, 'lake'));
    reader = await DuckSession.open();
    bus = new EmbeddedBus(t.db);
  }, 60_000);

  afterAll(async () => {
    reader?.close();
    await bus?.close();
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const runWriterUntilCaughtUp = async (): Promise<Manifest> => {
    await drainPipeline(t.db);
    return runLakeWriterUntilCaughtUp(bus, store, {
      flushMs: 100,
      lateHorizonDays: 0,
      memoryMb: 512,
      scratchDir: path.join(dir, 'scratch'),
    });
  };

  const rowsOf = async <Row = Record<string, unknown>>(
    table: LakeTableName,
    select: string,
  ): Promise<Row[]> => {
    const manifest = await readManifest(store);
    const files = manifest.files.filter((file) => file.table === table);
    if (files.length === 0) return [];
    const paths = await Promise.all(files.map((file) => store.localPath(file.key)));
    return reader.rows<Row>(select.replace('$files', `read_parquet([${paths.map(sqlString).join(', ')}])`));
  };

  /** A writer's DuckDB and context of its own, for steps a test drives by hand; close `duck` after. */
  const handContext = async (name: string) => {
    const scratchDir = path.join(dir, name);
    const duck = await openWriterDuck({ memoryMb: 256, scratchDir });
    return { duck, store, scratchDir, lateHorizonDays: 0, now: () => new Date() };
  };

  const outboxCount = async () =>
    Number((await t.db.query<{ n: string }>('SELECT count(*) AS n FROM outbox')).rows[0]?.n);

  const revenueInPostgres = async () =>
    Number(
      (
        await t.db.query<{ revenue: string }>(
          `SELECT coalesce(sum(total_minor - refunded_minor), 0) AS revenue FROM orders
           WHERE business_id = $1 AND status NOT IN ('placed', 'cancelled', 'refunded')`,
          [f.businessId],
        )
      ).rows[0]?.revenue,
    );

  let refundable = '';

  it('takes orders placed through the API through bronze, silver and gold, every event once', async () => {
    const customer = await t.userToken();
    const burger = { itemId: f.items.burger, quantity: 2, modifiers: [f.options.medium] };
    const kept = await placeOrder(t, { locationId: f.locationId, token: customer.token, items: [burger] });
    refundable = kept.id;
    await placeOrder(t, {
      locationId: f.locationId,
      token: customer.token,
      items: [{ itemId: f.items.cake, quantity: 3 }],
      serviceType: 'delivery',
    });
    await placeOrder(t, {
      locationId: f.locationId,
      token: customer.token,
      items: [{ itemId: f.items.fries, quantity: 1 }],
      payment: { method: 'credit_card', cardNumber: '4000000000000002' },
      expectStatus: 402,
    });

    const manifest = await runWriterUntilCaughtUp();
    expect(manifest.version).toBeGreaterThan(0);
    const [bronze] = await rowsOf<{ rows: string; distinct_ids: string }>(
      'events',
      'SELECT count(*) AS rows, count(DISTINCT event_id) AS distinct_ids FROM $files',
    );
    expect(Number(bronze?.rows)).toBe(await outboxCount());
    expect(Number(bronze?.distinct_ids)).toBe(await outboxCount());

    const [orders] = await rowsOf<{ n: string }>('orders', 'SELECT count(*) AS n FROM $files');
    expect(Number(orders?.n)).toBe(3);
    const [gold] = await rowsOf<{ sales: string; orders: string }>(
      'gold_daily_sales_summary',
      'SELECT sum(total_sales) AS sales, sum(total_orders) AS orders FROM $files',
    );
    expect(Number(gold?.sales)).toBe(await revenueInPostgres());
    expect(Number(gold?.orders)).toBe(2);
  }, 60_000);

  it('corrects the day an order belongs to when a refund arrives later', async () => {
    const manager = await t.userToken({ memberships: [{ businessId: f.businessId, role: 'manager' }] });
    const refund = await t.request({
      method: 'POST',
      url: `/api/v1/orders/${refundable}/refunds`,
      token: manager.token,
      body: { amountMinor: 500, reason: 'cold fries' },
    });
    expect(refund.statusCode, refund.body).toBe(201);
    const silverBefore = await rowsOf<{ order_id: string; refunded_amount: string; last_event_at: string }>(
      'orders',
      'SELECT order_id, refunded_amount, last_event_at::VARCHAR AS last_event_at FROM $files ORDER BY order_id',
    );
    await runWriterUntilCaughtUp();
    // Only the refunded order's silver row is recomputed; the other orders of its day are kept as they
    // were, each still there exactly once.
    const silverAfter = await rowsOf<{ order_id: string; refunded_amount: string; last_event_at: string }>(
      'orders',
      'SELECT order_id, refunded_amount, last_event_at::VARCHAR AS last_event_at FROM $files ORDER BY order_id',
    );
    expect(silverAfter.map((row) => row.order_id)).toEqual(silverBefore.map((row) => row.order_id));
    for (const [index, after] of silverAfter.entries()) {
      if (after.order_id === refundable) expect(Number(after.refunded_amount)).toBe(500);
      else expect(after).toEqual(silverBefore[index]);
    }
    const [gold] = await rowsOf<{ sales: string; refunded: string }>(
      'gold_daily_sales_summary',
      'SELECT sum(total_sales) AS sales, sum(refunded_amount) AS refunded FROM $files',
    );
    expect(Number(gold?.sales)).toBe(await revenueInPostgres());
    expect(Number(gold?.refunded)).toBe(500);
  }, 60_000);

  it('writes a batch again after a crash before its commit without adding a row', async () => {
    const before = await readManifest(store);
    const customer = await t.userToken();
    await placeOrder(t, {
      locationId: f.locationId,
      token: customer.token,
      items: [{ itemId: f.items.cake, quantity: 1 }],
    });
    await drainPipeline(t.db);
    // The crash: the batch's files are written, the manifest is not.
    const batch = await bus.tail(before.cursor, { max: 10_000, blockMs: 0 });
    const context = await handContext('crashed');
    const edit = new ManifestEdit(before);
    await loadOrderIndex(context, edit);
    await writeBatch(context, edit, batch.messages);
    context.duck.close();
    expect((await readManifest(store)).version).toBe(before.version);

    await runWriterUntilCaughtUp();
    const [bronze] = await rowsOf<{ rows: string; distinct_ids: string }>(
      'events',
      'SELECT count(*) AS rows, count(DISTINCT event_id) AS distinct_ids FROM $files',
    );
    expect(Number(bronze?.rows)).toBe(await outboxCount());
    expect(Number(bronze?.distinct_ids)).toBe(await outboxCount());
    const [orders] = await rowsOf<{ n: string }>('orders', 'SELECT count(*) AS n FROM $files');
    expect(Number(orders?.n)).toBe(4);
  }, 60_000);

  it('quarantines a message that is not an event, with the reason, and keeps going', async () => {
    const before = await readManifest(store);
    const context = await handContext('quarantine');
    const edit = new ManifestEdit(before);
    await loadOrderIndex(context, edit);
    const unknownType = JSON.stringify({
      event_id: randomUUID(),
      event_type: 'order.teleported',
      version: 1,
      occurred_at: new Date().toISOString(),
      business_id: f.businessId,
      location_id: null,
      order_id: null,
      sequence: 0,
      payload: {},
    });
    await writeBatch(context, edit, [
      { id: 'foreign-1', body: '{"event_id": "not json' },
      { id: 'foreign-2', body: unknownType },
    ]);
    context.duck.close();
    await commitEdit(context, edit, before.cursor);
    const reasons = await rowsOf<{ reason: string }>(
      'quarantine',
      'SELECT reason FROM $files ORDER BY log_offset',
    );
    expect(reasons.map((row) => row.reason)).toEqual([
      'not a JSON object',
      'unknown event_type order.teleported',
    ]);
  }, 60_000);

  it('keeps each business to its own orders when one batch holds several', async () => {
    const second = await seedRestaurant(t.db, { name: 'Second Kitchen' });
    const customer = await t.userToken();
    const order = (fixture: RestaurantFixture, quantity: number) =>
      placeOrder(t, {
        locationId: fixture.locationId,
        token: customer.token,
        items: [{ itemId: fixture.items.fries, quantity }],
      });
    const expectGoldIsPostgres = async () => {
      const gold = await rowsOf<{ business_id: string; orders: string; sales: string }>(
        'gold_daily_sales_summary',
        'SELECT business_id, sum(total_orders) AS orders, sum(total_sales) AS sales FROM $files GROUP BY 1',
      );
      const metrics = await rowsOf<{ business_id: string; orders: string }>(
        'gold_metrics',
        `SELECT business_id, sum(order_count) AS orders FROM $files
         WHERE grain = 'month' AND location_id IS NULL GROUP BY 1`,
      );
      for (const fixture of [f, second]) {
        const { rows } = await t.db.query<{ orders: string; sales: string }>(
          `SELECT count(*) AS orders, coalesce(sum(total_minor - refunded_minor), 0) AS sales FROM orders
           WHERE business_id = $1 AND status NOT IN ('placed', 'cancelled', 'refunded')`,
          [fixture.businessId],
        );
        const inGold = gold.find((row) => row.business_id === fixture.businessId);
        expect(Number(inGold?.orders)).toBe(Number(rows[0]?.orders));
        expect(Number(inGold?.sales)).toBe(Number(rows[0]?.sales));
        const inMetrics = metrics.find((row) => row.business_id === fixture.businessId);
        expect(Number(inMetrics?.orders)).toBe(Number(rows[0]?.orders));
      }
    };

    await order(f, 1);
    await order(second, 4);
    await runWriterUntilCaughtUp();
    await expectGoldIsPostgres();
    // A batch of the second business alone, on a day the first one has orders too: the first
    // business's gold must be neither rewritten from the other's rows nor counted twice.
    await order(second, 2);
    await runWriterUntilCaughtUp();
    await expectGoldIsPostgres();
  }, 60_000);

  it("takes an order out of silver and its day's gold when a later event breaks a rule", async () => {
    const before = await readManifest(store);
    const customer = await t.userToken();
    const order = await placeOrder(t, {
      locationId: f.locationId,
      token: customer.token,
      items: [{ itemId: f.items.cake, quantity: 2 }],
    });
    await runWriterUntilCaughtUp();
    const goldOrders = async () =>
      Number(
        (
          await rowsOf<{ n: string }>('gold_daily_sales_summary', 'SELECT sum(total_orders) AS n FROM $files')
        )[0]?.n,
      );
    const counted = await goldOrders();

    // A foreign producer places the same order a second time: an order with two order.placed events
    // breaks a silver rule, so the order leaves silver and gold until it is corrected.
    const { rows } = await t.db.query<{ occurred_at: Date; sequence: number; payload: unknown }>(
      `SELECT occurred_at, sequence, payload FROM outbox WHERE order_id = $1 AND event_type = 'order.placed'`,
      [order.id],
    );
    const placed = rows[0];
    if (!placed) throw new Error('order.placed not in the outbox');
    const again = JSON.stringify({
      event_id: randomUUID(),
      event_type: 'order.placed',
      version: 1,
      occurred_at: placed.occurred_at.toISOString(),
      business_id: f.businessId,
      location_id: f.locationId,
      order_id: order.id,
      sequence: placed.sequence,
      payload: placed.payload,
    });
    const context = await handContext('rule-broken');
    const edit = new ManifestEdit(await readManifest(store));
    await loadOrderIndex(context, edit);
    await writeBatch(context, edit, [{ id: 'foreign-3', body: again }]);
    context.duck.close();
    await commitEdit(context, edit, (await readManifest(store)).cursor);

    const silver = await rowsOf<{ n: string }>(
      'orders',
      `SELECT count(*) AS n FROM $files WHERE order_id = ${sqlString(order.id)}`,
    );
    expect(Number(silver[0]?.n)).toBe(0);
    const rejected = await rowsOf<{ reason: string }>(
      'rejected_events',
      `SELECT DISTINCT reason FROM $files WHERE order_id = ${sqlString(order.id)}`,
    );
    expect(rejected.length).toBeGreaterThan(0);
    expect(await goldOrders()).toBe(counted - 1);
    expect(before.version).toBeLessThan((await readManifest(store)).version);
  }, 60_000);

  it('merges small files per partition without losing or repeating a row', async () => {
    const before = await readManifest(store);
    const bronzeFiles = before.files.filter((file) => file.table === 'events').length;
    const [counted] = await rowsOf<{ rows: string }>('events', 'SELECT count(*) AS rows FROM $files');
    const context = await handContext('compact');
    const result = await compactLake(context);
    context.duck.close();
    expect(result.partitions).toBeGreaterThan(0);
    const after = await readManifest(store);
    expect(after.files.filter((file) => file.table === 'events').length).toBeLessThan(bronzeFiles);
    const [recounted] = await rowsOf<{ rows: string; distinct_ids: string }>(
      'events',
      'SELECT count(*) AS rows, count(DISTINCT event_id) AS distinct_ids FROM $files',
    );
    expect(recounted?.rows).toBe(counted?.rows);
    expect(recounted?.distinct_ids).toBe(counted?.rows);
    // The replaced files stay for readers of the old manifest until the grace period has passed.
    expect((await vacuumLake(store, { graceMs: 60_000 })).deleted).toBe(0);
    expect(
      (await vacuumLake(store, { graceMs: 0, now: new Date(Date.now() + 1000) })).deleted,
    ).toBeGreaterThan(0);
    const [final] = await rowsOf<{ rows: string }>('events', 'SELECT count(*) AS rows FROM $files');
    expect(final?.rows).toBe(counted?.rows);
  }, 60_000);
});
