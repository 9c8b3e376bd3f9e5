import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedBus } from '../../../src/bus/embedded-bus.js';
import { DuckSession, sqlString } from '../../../src/lake/duckdb/duck-session.js';
import {
  GOLD_DAY_TABLES,
  GOLD_VERSION,
  LAKE_TABLES,
  type LakeTableName,
} from '../../../src/lake/lake-tables.js';
import { backfillLake } from '../../../src/lake/maintenance/backfill-lake.js';
import { compactLake } from '../../../src/lake/maintenance/compact-lake.js';
import { lakeStatus } from '../../../src/lake/maintenance/lake-status.js';
import { type Progress, rebuildLake } from '../../../src/lake/maintenance/rebuild-lake.js';
import type { Manifest } from '../../../src/lake/manifest.js';
import { commitManifest, readManifest } from '../../../src/lake/manifest-io.js';
import { LocalDirStore } from '../../../src/lake/store/local-dir-store.js';
import { openWriterDuck } from '../../../src/lake/writer/lake-writer.js';
import type { WriterContext } from '../../../src/lake/writer/writer-context.js';
import { countAwaitingRelay } from '../../../src/outbox/outbox-relay.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { buildCatalog, type Catalog, OrderDriver } from '../../support/lake-transform-harness.js';
import { runLakeWriterUntilCaughtUp } from '../../support/lake-writer-catch-up.js';
import { comparableRows, type LakeRow } from '../../unit/lake/lake-rows.js';

const DAY_MS = 86_400_000;
/**
 * The late-data horizon the lake runs with: long enough that the scenario's 2025 events are on time
 * when the writer takes them, short enough that an order placed in 2020 is late.
 */
const LATE_HORIZON_DAYS = Math.ceil((Date.now() - Date.parse('2025-03-01T00:00:00Z')) / DAY_MS) + 30;

/** The tables a rebuild or a backfill produces: all of the lake but the raw record (bronze, quarantine). */
const isDerived = (table: LakeTableName): boolean => table !== 'events' && table !== 'quarantine';
const DERIVED_TABLES = (Object.keys(LAKE_TABLES) as LakeTableName[]).filter(isDerived);
const isGoldDay = (table: LakeTableName): boolean =>
  (GOLD_DAY_TABLES as readonly LakeTableName[]).includes(table);

/**
 * `rebuildLake` and `backfillLake`, called as `brigade lake rebuild|backfill` calls them, against a lake
 * the real writer built batch by batch from orders placed through the API (a delivery, a
 * cancellation, a declined card, a full refund, a partial refund a week later, feedback, and an
 * order that arrives older than the late-data horizon):
 * - rebuild, read back from bronze in small chunks, gives silver, gold, staging and the dimensions
 *   row for row as the writer had them, after files were lost, dropped from the manifest and a file
 *   listed twice; and again a year later, when all of it is older than the horizon;
 * - backfill fills an empty lake from the outbox with every event once and the same silver and gold,
 *   refuses a lake that is not empty, and hands over to the writer with no gap and no overlap, also
 *   of the events the relay had not published yet (counted, and left to the bus);
 * - the writer, started on a lake of older gold definitions, recomputes its gold from silver;
 * - compaction rolls the closed month's gold up into one file per table, row for row, and late data
 *   into that month is folded into the roll-ups: the writer ends where it does on day files;
 * - a month rolled up only through its settled days takes late data into the roll-up for those days
 *   and into day files for the later ones, and ends where the whole month's roll-up ends.
 */
for (const kind of await databaseKinds()) {
  describe(`lake rebuild and backfill on ${kind.name}`, () => {
    let t: TestApp;
    let catalog: Catalog;
    let owner: { token: string };
    let o: OrderDriver;
    let customers: { token: string }[];
    let dir: string;
    let bus: EmbeddedBus;
    let reader: DuckSession;
    /** The lake the writer keeps, as in production. */
    let lake: LocalDirStore;
    let writerBuilt: Map<LakeTableName, LakeRow[]>;
    let partialRefund = '';
    let lateOrder = '';

    beforeAll(async () => {
      t = await startTestApp(kind);
      dir = await mkdtemp(path.join(tmpdir(), 'brigade-lake-maintenance-'));
      lake = new LocalDirStore(path.join(dir, 'lake'));
      bus = new EmbeddedBus(t.db);
      reader = await DuckSession.open();
      t.clock.now = new Date('2025-03-01T12:00:00Z');
      const built = await buildCatalog(t);
      catalog = built.catalog;
      owner = built.owner;
      const staff = (position: 'kitchen' | 'cashier' | 'driver') =>
        t.userToken({ memberships: [{ businessId: catalog.businessId, role: 'staff', position }] });
      const cook = await staff('kitchen');
      const cashier = await staff('cashier');
      const manager = await t.userToken({
        memberships: [{ businessId: catalog.businessId, role: 'manager' }],
      });
      o = new OrderDriver(t, { cook, cashier, manager });
      customers = await Promise.all([t.userToken(), t.userToken(), t.userToken()]);
      ({ partialRefund, lateOrder } = await playOrders(o, catalog, customers, await staff('driver'), () =>
        writerCatchUp(lake),
      ));
      writerBuilt = await derivedRows(lake);
    }, 180_000);

    afterAll(async () => {
      reader?.close();
      await bus?.close();
      await t?.close();
      await rm(dir, { recursive: true, force: true });
    });

    /** Runs the lake writer on `store` until its committed cursor is the newest message on the bus. */
    const writerCatchUp = async (store: LocalDirStore) => {
      await o.drain();
      await runLakeWriterUntilCaughtUp(bus, store, {
        lateHorizonDays: LATE_HORIZON_DAYS,
        scratchDir: path.join(dir, 'writer-scratch'),
      });
    };

    /** What `brigade lake ...` hands the maintenance functions: a writer's DuckDB over the store. */
    const maintenance = async <T>(
      store: LocalDirStore,
      run: (context: WriterContext) => Promise<T>,
      now = () => new Date(),
    ) => {
      const scratchDir = path.join(dir, 'maintenance-scratch');
      const duck = await openWriterDuck({ memoryMb: 256, scratchDir });
      try {
        return await run({ duck, store, scratchDir, lateHorizonDays: LATE_HORIZON_DAYS, now });
      } finally {
        duck.close();
      }
    };

    /** A table's rows as a reader of the committed manifest sees them (throws on a missing file). */
    const tableRows = async (store: LocalDirStore, table: LakeTableName, manifest?: Manifest) => {
      const files = (manifest ?? (await readManifest(store))).files.filter((file) => file.table === table);
      if (files.length === 0) return [];
      const paths = await Promise.all(files.map((file) => store.localPath(file.key)));
      return comparableRows(
        table,
        await reader.rows(`SELECT * FROM read_parquet([${paths.map(sqlString).join(', ')}])`),
      );
    };

    const derivedRows = async (store: LocalDirStore) => {
      const manifest = await readManifest(store);
      const rows = new Map<LakeTableName, LakeRow[]>();
      for (const table of DERIVED_TABLES) rows.set(table, await tableRows(store, table, manifest));
      return rows;
    };

    /** Bronze holds each outbox event once, under its log position, and nothing else. */
    const expectBronzeIsTheOutbox = async (store: LocalDirStore) => {
      const bronze = await tableRows(store, 'events');
      const { rows } = await t.db.query<{ event_id: string; log_position: string | number }>(
        'SELECT event_id, log_position FROM outbox ORDER BY log_position',
      );
      expect(rows.every((row) => row.log_position !== null)).toBe(true);
      expect(bronze.map((row) => `${row.log_offset} ${row.event_id}`).sort()).toEqual(
        rows.map((row) => `${row.log_position} ${row.event_id}`).sort(),
      );
    };

    it('has the writer build a lake with every kind of order row', () => {
      for (const table of ['orders', 'order_items', 'payments', 'deliveries', 'feedback'] as const) {
        expect(writerBuilt.get(table)?.length, table).toBeGreaterThan(0);
      }
      const statuses = new Set(writerBuilt.get('orders')?.map((row) => row.status));
      for (const status of ['completed', 'delivered', 'cancelled', 'refunded'])
        expect(statuses).toContain(status);
      expect(writerBuilt.get('orders')?.find((row) => row.order_id === partialRefund)?.refunded_amount).toBe(
        500,
      );
      for (const table of ['gold_daily_sales_summary', 'gold_metrics', 'dim_items'] as const) {
        expect(writerBuilt.get(table)?.length, table).toBeGreaterThan(0);
      }
    });

    it('keeps the order that arrived older than the late-data horizon out of silver, in quarantine', async () => {
      expect(writerBuilt.get('orders')?.some((row) => row.order_id === lateOrder)).toBe(false);
      const quarantined = (await tableRows(lake, 'quarantine')).filter((row) => row.order_id === lateOrder);
      expect(quarantined.map((row) => row.event_type)).toContain('order.placed');
      for (const row of quarantined) expect(row.reason).toMatch(/^older than the late-data horizon/);
    });

    it('rebuilds silver, gold, staging and dimensions from bronze, row for row', async () => {
      const before = await readManifest(lake);
      const damaged = structuredClone(before);
      // Lost files: still listed, gone from disk.
      for (const table of ['orders', 'gold_daily_sales_summary'] as const) {
        const file = damaged.files.find((candidate) => candidate.table === table);
        if (!file) throw new Error(`no ${table} file`);
        await unlink(path.join(lake.root, file.key));
      }
      // Dropped from the manifest; and a file listed twice, so its rows count double.
      const twice = damaged.files.find((file) => file.table === 'order_items');
      if (!twice) throw new Error('no order_items file');
      damaged.files = [
        ...damaged.files.filter((file) => file.table !== 'feedback' && file.table !== 'gold_metrics'),
        twice,
      ];
      damaged.version += 1;
      await commitManifest(lake, damaged);
      await expect(tableRows(lake, 'orders')).rejects.toMatchObject({ code: 'LAKE_FILE_MISSING' });
      expect(await tableRows(lake, 'feedback')).toEqual([]);

      const progress: Progress[] = [];
      const rebuilt = await maintenance(lake, (context) =>
        rebuildLake(context, { chunkEvents: 50, onProgress: (step) => progress.push(step) }),
      );

      expect(rebuilt.version).toBe(damaged.version + 1);
      expect(rebuilt.cursor).toBe(before.cursor);
      const bronzeRows = before.files
        .filter((file) => file.table === 'events')
        .reduce((sum, f) => sum + f.rows, 0);
      expect(progress.length).toBeGreaterThan(2);
      expect(progress.at(-1)).toEqual({ done: bronzeRows, total: bronzeRows });
      // Rebuilt files are new files: none overwrote one the previous manifest listed.
      const listed = new Set(before.files.map((file) => file.key));
      expect(rebuilt.files.filter((file) => isDerived(file.table) && listed.has(file.key))).toEqual([]);
      const raw = (manifest: Manifest) =>
        manifest.files.filter((file) => !isDerived(file.table)).map((file) => file.key);
      expect(raw(rebuilt).sort()).toEqual(raw(before).sort());
      expect(Object.fromEntries(await derivedRows(lake))).toEqual(Object.fromEntries(writerBuilt));
      await expectBronzeIsTheOutbox(lake);
    }, 120_000);

    it('rebuilds a year later what the writer took, though all of it is now older than the horizon', async () => {
      const yearLater = () => new Date(Date.now() + 365 * DAY_MS);
      await maintenance(lake, (context) => rebuildLake(context), yearLater);
      expect(Object.fromEntries(await derivedRows(lake))).toEqual(Object.fromEntries(writerBuilt));
    }, 120_000);

    it('backfills an empty lake from the outbox: every event once, the same silver and gold', async () => {
      const filled = new LocalDirStore(path.join(dir, 'backfilled'));
      const progress: Progress[] = [];
      const { manifest, events, awaitingRelay } = await maintenance(filled, (context) =>
        backfillLake(context, t.db, bus, { chunkEvents: 50, onProgress: (step) => progress.push(step) }),
      );
      expect(manifest.cursor).toBe((await bus.newest())?.id);
      expect(manifest.version).toBe(1);
      const published = Number(
        (await t.db.query<{ n: string | number }>('SELECT count(*) AS n FROM outbox')).rows[0]?.n,
      );
      expect(events).toBe(published);
      expect(awaitingRelay).toBe(0);
      expect(progress.length).toBeGreaterThan(2);
      expect(progress.at(-1)).toEqual({ done: published, total: published });
      await expectBronzeIsTheOutbox(filled);
      expect(Object.fromEntries(await derivedRows(filled))).toEqual(Object.fromEntries(writerBuilt));
    }, 120_000);

    it('refuses to backfill a lake that is not empty, and leaves it as it was', async () => {
      const filled = new LocalDirStore(path.join(dir, 'backfilled'));
      const before = await readManifest(filled);
      await expect(maintenance(filled, (context) => backfillLake(context, t.db, bus))).rejects.toMatchObject({
        code: 'LAKE_NOT_EMPTY',
      });
      expect(await readManifest(filled)).toEqual(before);
    });

    it('rolls each closed month of gold up into one file per table, row for row', async () => {
      const result = await maintenance(lake, (context) => compactLake(context));
      expect(result.filesAfter).toBeLessThan(result.filesBefore);
      const gold = (await readManifest(lake)).files.filter((file) => isGoldDay(file.table));
      expect(gold.length).toBeGreaterThan(0);
      // March 2025 is over everywhere: one roll-up per table, under local_month=, and no day files.
      expect(new Set(gold.map((file) => file.partition))).toEqual(new Set(['2025-03']));
      expect(gold.map((file) => file.table).sort()).toEqual([...GOLD_DAY_TABLES].sort());
      expect(gold.every((file) => file.key.includes('/local_month=2025-03/'))).toBe(true);
      expect(Object.fromEntries(await derivedRows(lake))).toEqual(Object.fromEntries(writerBuilt));
      // Nothing left to roll up.
      expect((await maintenance(lake, (context) => compactLake(context))).partitions).toBe(0);
    }, 120_000);

    it('recomputes the gold of a lake written by older gold definitions when the writer starts', async () => {
      const current = await readManifest(lake);
      expect(current.goldVersion).toBe(GOLD_VERSION);
      const before = await derivedRows(lake);
      const added = ['gold_financial_day', 'gold_feedback_day'];
      for (const table of added) expect(before.get(table as LakeTableName)?.length, table).toBeGreaterThan(0);
      // The lake as a Brigade of gold version 1 left it: no version, none of the tables added since.
      const older = structuredClone(current);
      delete older.goldVersion;
      older.files = older.files.filter((file) => !added.includes(file.table));
      older.version += 1;
      await commitManifest(lake, older);
      expect(await tableRows(lake, 'gold_feedback_day')).toEqual([]);
      expect((await lakeStatus(older, null)).goldVersion).toBe(1);

      await writerCatchUp(lake);
      const upgraded = await readManifest(lake);
      expect(upgraded.goldVersion).toBe(GOLD_VERSION);
      expect(upgraded.cursor).toBe(current.cursor);
      expect(Object.fromEntries(await derivedRows(lake))).toEqual(Object.fromEntries(before));
      // March is closed: the recomputed tables are rolled up like the rest (the test before).
      const gold = upgraded.files.filter((file) => isGoldDay(file.table));
      expect(new Set(gold.map((file) => file.partition))).toEqual(new Set(['2025-03']));
      // A current lake is left alone.
      await writerCatchUp(lake);
      expect((await readManifest(lake)).version).toBe(upgraded.version);
    }, 120_000);

    it('hands the backfilled lake over to the writer with no gap and no overlap', async () => {
      const filled = new LocalDirStore(path.join(dir, 'backfilled'));
      const [, second, third] = customers;
      if (!second || !third) throw new Error('no customers');
      // After the backfill: a late refund into an old day, a new order, a cancellation.
      o.at('2025-03-20T10:00:00Z');
      await o.refund(partialRefund, 300);
      o.at('2025-03-20T17:00:00Z');
      await o.place({
        location: catalog.locations.london,
        token: second.token,
        items: [{ itemId: catalog.items.ramen, quantity: 2 }],
      });
      const cancelled = await o.place({
        location: catalog.locations.toronto,
        token: third.token,
        items: [{ itemId: catalog.items.gyoza, quantity: 1 }],
      });
      await o.cancel(cancelled, third.token);

      await writerCatchUp(filled);
      await writerCatchUp(lake);
      await expectBronzeIsTheOutbox(filled);
      const continued = await derivedRows(filled);
      expect(continued.get('orders')?.find((row) => row.order_id === partialRefund)?.refunded_amount).toBe(
        800,
      );
      // `lake` has March rolled up (the test before): the writer folded the late refund and the new
      // orders into its roll-ups, and ends row for row where the backfilled lake, with day files, ends.
      const rolledUp = (await readManifest(lake)).files.filter((file) => isGoldDay(file.table));
      expect(new Set(rolledUp.map((file) => file.partition))).toEqual(new Set(['2025-03']));
      expect(Object.fromEntries(continued)).toEqual(Object.fromEntries(await derivedRows(lake)));
    }, 120_000);

    it("rolls up a month's settled days while it runs, and folds late data into whichever holds the day", async () => {
      // The backfilled lake has day files only (the test before brought it level with `lake`).
      const filled = new LocalDirStore(path.join(dir, 'backfilled'));
      const before = await derivedRows(filled);
      // On March 16th the days up to the 9th have settled; the 10th (Kolkata's evening order) and the
      // 20th have not.
      await maintenance(
        filled,
        (context) => compactLake(context),
        () => new Date('2025-03-16T12:00:00Z'),
      );
      const gold = (await readManifest(filled)).files.filter((file) => isGoldDay(file.table));
      const rollups = gold.filter((file) => file.partition === '2025-03');
      expect(rollups.length).toBeGreaterThan(0);
      expect(new Set(rollups.map((file) => file.through))).toEqual(new Set(['2025-03-09']));
      const days = new Set(gold.filter((file) => file.partition !== '2025-03').map((file) => file.partition));
      expect([...days].sort()).toEqual(['2025-03-10', '2025-03-20']);
      expect(Object.fromEntries(await derivedRows(filled))).toEqual(Object.fromEntries(before));

      // Late data into both: an order of March 8th arriving now (a rolled-up day), and another refund
      // of Kolkata's order of March 10th (a day file).
      const [first] = customers;
      if (!first) throw new Error('no customers');
      o.at('2025-03-08T20:00:00Z');
      await o.place({
        location: catalog.locations.toronto,
        token: first.token,
        items: [{ itemId: catalog.items.fries, quantity: 3 }],
      });
      o.at('2025-03-21T10:00:00Z');
      await o.refund(partialRefund, 100);
      await writerCatchUp(filled);
      await writerCatchUp(lake);
      // The roll-up took the 8th's new rows and kept its span; the 10th stayed a day file. `lake`,
      // rolled up through the whole month, ends row for row where `filled` does.
      const after = (await readManifest(filled)).files.filter((file) => isGoldDay(file.table));
      expect(
        new Set(after.filter((file) => file.partition === '2025-03').map((file) => file.through)),
      ).toEqual(new Set(['2025-03-09']));
      expect(after.some((file) => file.partition === '2025-03-08')).toBe(false);
      expect(after.some((file) => file.partition === '2025-03-10')).toBe(true);
      const continued = await derivedRows(filled);
      expect(continued.get('orders')?.find((row) => row.order_id === partialRefund)?.refunded_amount).toBe(
        900,
      );
      expect(Object.fromEntries(continued)).toEqual(Object.fromEntries(await derivedRows(lake)));
      expect(Object.fromEntries(continued)).not.toEqual(Object.fromEntries(before));
    }, 120_000);

    it('backfills only what the relay has published, says what waits, and the writer takes that from the bus', async () => {
      const early = new LocalDirStore(path.join(dir, 'backfilled-early'));
      // A change the relay has not published yet (no drain): the outbox holds it without a log position.
      const renamed = await t.request({
        method: 'PATCH',
        url: `/api/v1/businesses/${catalog.businessId}/brands/${catalog.brands.noodles}`,
        token: owner.token,
        body: { name: 'Noodle Bar' },
      });
      expect(renamed.statusCode, renamed.body).toBe(200);
      const unpublished = await countAwaitingRelay(t.db);
      expect(unpublished).toBeGreaterThan(0);

      const { events, awaitingRelay } = await maintenance(early, (context) =>
        backfillLake(context, t.db, bus),
      );
      expect(awaitingRelay).toBe(unpublished);
      const total = Number(
        (await t.db.query<{ n: string | number }>('SELECT count(*) AS n FROM outbox')).rows[0]?.n,
      );
      expect(events).toBe(total - unpublished);
      // The writer relays (the drain) and continues from the backfill's cursor: every event once.
      await writerCatchUp(early);
      await expectBronzeIsTheOutbox(early);
    }, 120_000);
  });
}

/**
 * Two days of orders at three locations, the lake writer catching up after each step as it would in
 * production (so the lake is built batch by batch, late events included). Returns the order refunded
 * in part a week after it was placed, and the one that arrived past the late-data horizon.
 */
async function playOrders(
  o: OrderDriver,
  catalog: Catalog,
  customers: readonly { token: string }[],
  driver: { userId: string; token: string },
  catchUp: () => Promise<void>,
): Promise<{ partialRefund: string; lateOrder: string }> {
  const [c1, c2, c3] = customers;
  if (!c1 || !c2 || !c3) throw new Error('no customers');
  const { locations: loc, items, options } = catalog;

  o.at('2025-03-08T16:00:00Z');
  const takeout = await o.place({
    location: loc.toronto,
    token: c1.token,
    items: [
      { itemId: items.burger, quantity: 2, modifiers: [options.cheese] },
      { itemId: items.fries, quantity: 1 },
    ],
    tip: { percentBps: 1500 },
  });
  await o.kitchen(takeout, loc.toronto, 'served');
  await o.move(takeout, 'completed');
  await catchUp();
  await o.feedback(takeout, c1.token, 5, 10);

  o.at('2025-03-08T18:30:00Z');
  const delivery = await o.place({
    location: loc.toronto,
    token: c2.token,
    serviceType: 'delivery',
    items: [{ itemId: items.ramen, quantity: 1 }],
    promoCode: 'SPRING10',
  });
  await o.deliver(delivery, loc.toronto, driver);
  await catchUp();

  // Early on the 9th: a delivery cancelled by its customer, then a card the gateway declines.
  o.at('2025-03-09T05:30:00Z');
  const cancelled = await o.place({
    location: loc.london,
    token: c3.token,
    serviceType: 'delivery',
    items: [{ itemId: items.gyoza, quantity: 4 }],
  });
  await o.cancel(cancelled, c3.token);
  await o.place({
    location: loc.toronto,
    token: c2.token,
    items: [{ itemId: items.burger, quantity: 3 }],
    payment: { method: 'credit_card', cardNumber: '4000000000000002' },
    expectStatus: 402,
  });
  o.at('2025-03-09T20:00:00Z');
  const partial = await o.place({
    location: loc.kolkata,
    token: c2.token,
    items: [
      { itemId: items.burger, quantity: 1 },
      { itemId: items.gyoza, quantity: 2 },
    ],
  });
  await o.kitchen(partial, loc.kolkata, 'served');
  await o.move(partial, 'completed');
  await catchUp();

  o.at('2025-03-09T12:00:00Z');
  const refunded = await o.place({
    location: loc.london,
    token: c3.token,
    items: [{ itemId: items.burger, quantity: 1, modifiers: [options.bacon] }],
  });
  await o.kitchen(refunded, loc.london, 'served');
  await o.move(refunded, 'completed');
  await o.refund(refunded);
  await o.feedback(refunded, c3.token, 1, 0);
  await catchUp();

  // A week later: part of the Kolkata order is refunded, into a day the lake closed long ago.
  o.at('2025-03-16T10:00:00Z');
  await o.refund(partial, 500);
  await catchUp();

  // An order from a till whose clock says 2020: past the late-data horizon when it arrives.
  o.at('2020-06-01T12:00:00Z');
  const late = await o.place({
    location: loc.london,
    token: c1.token,
    items: [{ itemId: items.fries, quantity: 1 }],
  });
  await catchUp();
  return { partialRefund: partial, lateOrder: late };
}
