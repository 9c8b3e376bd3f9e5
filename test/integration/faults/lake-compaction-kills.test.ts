import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedBus } from '../../../src/bus/embedded-bus.js';
import { DuckSession, sqlString } from '../../../src/lake/duckdb/duck-session.js';
import { GOLD_DAY_TABLES } from '../../../src/lake/lake-tables.js';
import { MANIFEST_KEY, type Manifest, type ManifestFile } from '../../../src/lake/manifest.js';
import { readManifest } from '../../../src/lake/manifest-io.js';
import { LocalDirStore } from '../../../src/lake/store/local-dir-store.js';
import { relayOnce } from '../../../src/outbox/outbox-relay.js';
import { appendEvents } from '../../../src/outbox/outbox-writer.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { runLakeWriterUntilCaughtUp } from '../../support/lake-writer-catch-up.js';
import { placeOrder } from '../../support/orders.js';

const MAIN = path.resolve('src/cli/main.ts');
const DAY_MS = 86_400_000;
/** Event dates per business: each is a bronze partition that gets a small file per writer flush. */
const EVENT_DAYS = 16;
const LATE_HORIZON_DAYS = 365;
/** The tables compaction merges; every other table must come out of it untouched. */
const APPENDED = new Set(['events', 'quarantine', 'order_events']);
/** Compaction also rolls settled days of these up into month files: their files change, their rows must not. */
const GOLD_DAY = new Set<string>(GOLD_DAY_TABLES);
const KEPT_AS_FILES = (table: string) => !APPENDED.has(table) && !GOLD_DAY.has(table);

type Outcome = 'before merging' | 'mid-merge' | 'committed' | 'finished';

/**
 * `kill -9` of `brigade lake compact` at random moments. The lake is built by the real lake writer
 * with a flush per round of events, so it holds hundreds of small files over many partitions of
 * bronze, quarantine and staging; then compaction runs as a child process (it needs no database: only
 * DATA_DIR) and is killed, a dozen times, most of them while it is merging. After every kill the
 * committed manifest, read as a reader reads it, lists only files that are on disk with the size it
 * records, and bronze, quarantine and staging each hold every event exactly once; silver and the
 * other tables are untouched, and the gold day tables, whose settled days compaction rolls up (an
 * order per round 40 days back keeps one such month busy), hold the same rows. A last compaction
 * runs to the end: the same holds, with far fewer files, the settled days rolled up, and the files
 * the killed runs left behind are gone.
 */
describe('lake compaction killed at random points', () => {
  let t: TestApp;
  let dir: string;
  let store: LocalDirStore;
  let bus: EmbeddedBus;
  let reader: DuckSession;
  let restaurants: RestaurantFixture[];
  let customerToken: string;
  let lateEvents = 0;
  const children = new Set<ChildProcessWithoutNullStreams>();
  const startOfToday = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const daysAgo = (days: number, minute: number) =>
    new Date(startOfToday - days * DAY_MS + 16 * 3_600_000 + minute * 60_000);

  beforeAll(async () => {
    const [pglite] = await databaseKinds();
    if (!pglite) throw new Error('no PGlite');
    t = await startTestApp(pglite);
    restaurants = [await seedRestaurant(t.db), await seedRestaurant(t.db), await seedRestaurant(t.db)];
    customerToken = (await t.userToken()).token;
    dir = await mkdtemp(path.join(tmpdir(), 'brigade-compaction-kills-'));
    store = new LocalDirStore(path.join(dir, 'lake'));
    bus = new EmbeddedBus(t.db);
    reader = await DuckSession.open();
  }, 60_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    reader?.close();
    await bus?.close();
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /**
   * One round of traffic, flushed by the writer as one batch: an event per business and day (a small
   * bronze file in each of those partitions), one older than the late-data horizon per business
   * (bronze and quarantine), and an order per business placed through the API (staging, silver, gold).
   */
  const growLake = async (round: number) => {
    await t.db.transaction((tx) =>
      appendEvents(
        tx,
        restaurants.flatMap((f) => [
          ...Array.from({ length: EVENT_DAYS }, (_, day) => ({
            type: 'business.changed' as const,
            businessId: f.businessId,
            payload: { action: 'updated' as const, data: { round, day } },
            occurredAt: daysAgo(day + 1, round),
          })),
          {
            type: 'business.changed' as const,
            businessId: f.businessId,
            payload: { action: 'updated' as const, data: { round, late: true } },
            occurredAt: daysAgo(2 * LATE_HORIZON_DAYS + (round % 3), round),
          },
        ]),
      ),
    );
    lateEvents += restaurants.length;
    for (const f of restaurants) {
      t.clock.now = daysAgo(1 + (round % 3), round);
      await placeOrder(t, {
        locationId: f.locationId,
        token: customerToken,
        items: [{ itemId: f.items.fries, quantity: 1 + (round % 2) }],
      });
    }
    // 40 days back has always settled: its gold is rolled up, then folded into.
    const [first] = restaurants;
    if (!first) throw new Error('no restaurant');
    t.clock.now = daysAgo(40 + (round % 3), round);
    await placeOrder(t, {
      locationId: first.locationId,
      token: customerToken,
      items: [{ itemId: first.items.fries, quantity: 1 }],
    });
    while ((await relayOnce(t.db, bus, 1000)).published > 0) {}
    await writerCatchUp();
  };

  /** Runs the lake writer until its committed cursor is the newest message on the bus. */
  const writerCatchUp = () =>
    runLakeWriterUntilCaughtUp(
      bus,
      store,
      {
        lateHorizonDays: LATE_HORIZON_DAYS,
        scratchDir: path.join(dir, 'writer-scratch'),
        flushMs: 50,
        maintenanceMs: 3_600_000,
      },
      60_000,
    );

  /** `brigade lake compact --grace-minutes 0` on a lake under `dataDir`, as an operator runs it. */
  const spawnCompaction = (dataDir: string) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', MAIN, 'lake', 'compact', '--grace-minutes', '0'],
      {
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          DATABASE_URL: '',
          REDIS_URL: '',
          BRIGADE_LAKE_DIR: '',
          S3_ENDPOINT: '',
          S3_BUCKET: '',
          S3_REGION: '',
          S3_ACCESS_KEY_ID: '',
          S3_SECRET_ACCESS_KEY: '',
          S3_PREFIX: '',
          S3_FORCE_PATH_STYLE: '',
          LOG_LEVEL: 'error',
        },
      },
    );
    children.add(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<{ code: number | null; signal: string | null; output: string }>((resolve) => {
      child.once('exit', (code, signal) => {
        children.delete(child);
        resolve({ code, signal, output });
      });
    });
    return { child, exited };
  };

  /** Polls `ready` until it holds or the child has exited. */
  const waitFor = async (exited: Promise<unknown>, ready: () => Promise<boolean>) => {
    let done = false;
    void exited.then(() => {
      done = true;
    });
    while (!done && !(await ready())) await sleep(5);
  };

  /**
   * Until the child starts merging its `count`-th partition: compaction writes each merged partition
   * through a fresh directory in its scratch folder (DATA_DIR/lake-maintenance), which nothing else
   * creates. The folder is emptied before the child starts, so what a killed run left does not count.
   */
  const partitionsMerging = (exited: Promise<unknown>, count: number) => {
    const seen = new Set<string>();
    return waitFor(exited, async () => {
      const names = await readdir(path.join(dir, 'lake-maintenance')).catch(() => []);
      for (const name of names) if (name !== 'duckdb-spill') seen.add(name);
      return seen.size >= count;
    });
  };

  /** Until the child has committed its manifest (the rename gives `_manifest.json` a new inode). */
  const committed = async (exited: Promise<unknown>) => {
    const manifestPath = path.join(store.root, MANIFEST_KEY);
    const before = (await stat(manifestPath)).ino;
    return waitFor(exited, async () => (await stat(manifestPath)).ino !== before);
  };

  /** How long a whole compaction of this lake takes, run to the end on a copy. */
  const timeCompaction = async () => {
    const copy = await mkdtemp(path.join(tmpdir(), 'brigade-compaction-copy-'));
    try {
      await cp(path.join(dir, 'lake'), path.join(copy, 'lake'), { recursive: true });
      const started = performance.now();
      const { code, output } = await spawnCompaction(copy).exited;
      expect(code, output).toBe(0);
      return performance.now() - started;
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  };

  const eventCounts = async (manifest: Manifest, table: string) => {
    const paths = await Promise.all(
      manifest.files.filter((file) => file.table === table).map((file) => store.localPath(file.key)),
    );
    const [counted] = await reader.rows<{ rows: string; ids: string }>(
      `SELECT count(*) AS rows, count(DISTINCT event_id) AS ids
       FROM read_parquet([${paths.map(sqlString).join(', ')}])`,
    );
    return { rows: Number(counted?.rows), ids: Number(counted?.ids) };
  };

  /** Every row of the gold day tables, as sorted JSON lines: what a roll-up must not change. */
  const goldRows = async (manifest: Manifest) => {
    const rows: string[] = [];
    for (const table of GOLD_DAY) {
      const paths = await Promise.all(
        manifest.files.filter((file) => file.table === table).map((file) => store.localPath(file.key)),
      );
      if (paths.length === 0) continue;
      const read = await reader.rows(`SELECT * FROM read_parquet([${paths.map(sqlString).join(', ')}])`);
      rows.push(...read.map((row) => `${table} ${JSON.stringify(row)}`));
    }
    return rows.sort();
  };

  /** What must not change whatever compaction does: other tables' files, gold day tables' rows. */
  const derivedOf = async (manifest: Manifest) => ({
    files: keysOf(manifest, KEPT_AS_FILES),
    gold: await goldRows(manifest),
  });

  /** What a reader of the committed manifest must find, whenever compaction died. */
  const expectConsistentLake = async (derived: { files: string[]; gold: string[] }) => {
    const manifest = await readManifest(store);
    const problems: string[] = [];
    for (const file of manifest.files) {
      const found = await stat(path.join(store.root, file.key)).catch(() => null);
      if (!found) problems.push(`${file.key} is listed but missing`);
      else if (found.size !== file.bytes)
        problems.push(`${file.key} has ${found.size} bytes, listed ${file.bytes}`);
    }
    expect(problems).toEqual([]);
    const { rows } = await t.db.query<{ total: string; ordered: string }>(
      'SELECT count(*) AS total, count(order_id) AS ordered FROM outbox',
    );
    const published = Number(rows[0]?.total);
    const ordered = Number(rows[0]?.ordered);
    expect(await eventCounts(manifest, 'events')).toEqual({ rows: published, ids: published });
    expect(await eventCounts(manifest, 'order_events')).toEqual({ rows: ordered, ids: ordered });
    expect(await eventCounts(manifest, 'quarantine')).toEqual({ rows: lateEvents, ids: lateEvents });
    expect(await derivedOf(manifest)).toEqual(derived);
    return manifest;
  };

  const partitionOf = (file: ManifestFile) => `${file.table}/${file.businessId}/${file.partition}`;

  /** Partitions of the append-only tables holding several files: what compaction will merge. */
  const crowded = (manifest: Manifest) => {
    const files = new Map<string, number>();
    for (const file of manifest.files.filter((candidate) => APPENDED.has(candidate.table))) {
      files.set(partitionOf(file), (files.get(partitionOf(file)) ?? 0) + 1);
    }
    return [...files.values()].filter((count) => count > 1).length;
  };

  const keysOf = (manifest: Manifest, tables: (table: string) => boolean) =>
    manifest.files
      .filter((file) => tables(file.table))
      .map((file) => file.key)
      .sort();

  /** Merged files the run uploaded before it died (named after the version it would have committed). */
  const mergedSince = async (version: number, since: number) =>
    (await store.list('')).filter(
      (object) => object.key.includes(`/merged-v${version + 1}`) && object.modifiedAt.getTime() >= since,
    ).length;

  it('keeps every event exactly once, and every listed file on disk, through twelve kills', async () => {
    for (let round = 0; round < 10; round++) await growLake(round);
    let manifest = await readManifest(store);
    const appended = manifest.files.filter((file) => APPENDED.has(file.table));
    expect(crowded(manifest)).toBeGreaterThan(50);
    expect(appended.length).toBeGreaterThan(4 * new Set(appended.map(partitionOf)).size);
    let derived = await derivedOf(manifest);
    expect(derived.files.length).toBeGreaterThan(0);
    expect(derived.gold.length).toBeGreaterThan(0);
    await expectConsistentLake(derived);

    const wholeRunMs = await timeCompaction();
    const outcomes: Outcome[] = [];
    for (let kill = 0; kill < 12; kill++) {
      const before = manifest.version;
      const startedAt = Date.now();
      await rm(path.join(dir, 'lake-maintenance'), { recursive: true, force: true });
      const { child, exited } = spawnCompaction(dir);
      // Most kills land at a random point of the merging (whatever the machine's speed); one while
      // it deletes the replaced files after its commit; two at a random moment of the whole run.
      if (kill === 7) {
        await committed(exited);
        await sleep(Math.random() * 50);
      } else if (kill % 4 === 3) await sleep(Math.random() * wholeRunMs);
      else {
        await partitionsMerging(exited, 1 + Math.floor(Math.random() * 0.8 * crowded(manifest)));
        await sleep(Math.random() * 50);
      }
      child.kill('SIGKILL');
      const { code, signal, output } = await exited;
      // Killed, or finished before the kill came: never failed on its own.
      expect(signal === 'SIGKILL' || code === 0, output).toBe(true);

      manifest = await expectConsistentLake(derived);
      if (code === 0) outcomes.push('finished');
      else if (manifest.version > before) outcomes.push('committed');
      else outcomes.push((await mergedSince(before, startedAt)) > 0 ? 'mid-merge' : 'before merging');
      if (manifest.version > before) {
        // Compacted: new small files, so the next kill again finds work to interrupt.
        await growLake(100 + kill);
        manifest = await readManifest(store);
        derived = await derivedOf(manifest);
      }
    }
    expect(
      outcomes.filter((outcome) => outcome === 'mid-merge').length,
      outcomes.join(', '),
    ).toBeGreaterThanOrEqual(6);

    const filesBefore = manifest.files.filter((file) => APPENDED.has(file.table)).length;
    await rm(path.join(dir, 'lake-maintenance'), { recursive: true, force: true });
    const { code, output } = await spawnCompaction(dir).exited;
    expect(code, output).toBe(0);
    expect(output).toMatch(/^Merged \d+ files into \d+ in \d+ partitions; deleted [1-9]\d* unlisted files/m);
    manifest = await expectConsistentLake(derived);
    // The settled days' gold is in roll-ups, one per table, business and month.
    const rolledUp = manifest.files.filter(
      (file) => GOLD_DAY.has(file.table) && file.partition?.length === 7,
    );
    expect(rolledUp.length).toBeGreaterThan(0);
    const merged = manifest.files.filter((file) => APPENDED.has(file.table));
    expect(merged.length).toBeLessThan(filesBefore);
    expect(crowded(manifest)).toBe(0);
    // With no grace period, nothing the killed runs uploaded is left: the store holds the lake, only.
    const stored = (await store.list('')).map((object) => object.key).filter((key) => key !== MANIFEST_KEY);
    expect(stored.sort()).toEqual(manifest.files.map((file) => file.key).sort());
  }, 600_000);
});
