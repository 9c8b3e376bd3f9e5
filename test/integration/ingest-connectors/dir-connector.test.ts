import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinedTransaction } from '../../../src/ingest-connectors/joined-transaction.js';
import { type RunningConnector, startConnector } from '../../../src/ingest-connectors/start-connector.js';
import { ingestEvents } from '../../../src/services/ingest/ingest-events.js';
import type { Database } from '../../../src/storage/database.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';

const silent = pino({ level: 'silent' });

/** Ghost-kitchen events of one order, as the reference format writes them. */
function ghostKitchenOrder(order: string, location = 'TOR-1') {
  const event = (step: number, type: string, ts: string, body: unknown = {}) => ({
    event_id: `${order}-${step}`,
    event_type: type,
    ts,
    location_id: location,
    order_id: order,
    sequence: step,
    body: JSON.stringify(body),
  });
  return {
    created: event(0, 'order_created', '2025-03-14 18:00:00.000', {
      customer_lat: 43.66,
      customer_lon: -79.39,
      customer_addr: '10 Bloor St W',
      items: [{ id: 101, category_id: 7, brand_id: 12, name: 'Pad thai', price: 14.5, qty: 2 }],
    }),
    started: event(1, 'gk_started', '2025-03-14 18:02:00.000'),
    finished: event(2, 'gk_finished', '2025-03-14 18:13:30.000'),
  };
}

/** A stream-stack order in its three pieces (one line), and a piece at an unknown location. */
function streamStackOrder(order: string) {
  let offset = 0;
  const event = (id: string, type: string, payload: unknown, location = 'TOR-1') => ({
    offset: ++offset,
    event_id: `${order}-${id}`,
    event_type: type,
    ts: '2025-03-14T19:00:00Z',
    partition_key: location,
    payload,
  });
  return [
    event('created', 'order_created', { order_id: order, service_type: 'takeout' }),
    event('item', 'order_item_added', {
      order_item_id: `${order}-line`,
      order_id: order,
      menu_item_id: 'fries',
      category: 'Sides',
      item_name: 'Fries',
      unit_price: 6,
      qty: 2,
      extended_price: 12,
    }),
    event('paid', 'payment_captured', {
      payment_id: `${order}-pay`,
      order_id: order,
      method: 'credit',
      provider: 'VISA',
      amount: 13.56,
      auth_code: 'A1',
      subtotal: 12,
      tax: 1.56,
      tip: 0,
      total: 13.56,
    }),
    event('elsewhere', 'order_created', { order_id: `${order}-2`, service_type: 'takeout' }, 'NOWHERE-9'),
  ];
}

const ndjson = (events: unknown[]) => `${events.map((event) => JSON.stringify(event)).join('\n')}\n`;

/**
 * `brigade ingest dir` on real databases and a real folder: JSON and NDJSON files are ingested once
 * (through restarts too), files being written are left alone until they settle, bad files go to
 * quarantine/ with a reason, and a file interrupted between batches resumes where it stopped.
 */
for (const kind of await databaseKinds()) {
  describe(`dir connector on ${kind.name}`, () => {
    let db: Database;
    let f: RestaurantFixture;
    let dir: string;
    let running: RunningConnector | undefined;
    const name = `dir-test-${randomUUID()}`;

    beforeAll(async () => {
      db = await kind.open();
      f = await seedRestaurant(db);
      dir = await mkdtemp(path.join(tmpdir(), 'brigade-ingest-dir-'));
    });
    afterAll(async () => {
      await running?.stop();
      await db?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const start = async () => {
      running = await startConnector(
        db,
        { kind: 'dir', dir, batchSize: 2, intervalMs: 25 },
        { businessId: f.businessId, name },
        silent,
      );
      return running;
    };
    const stop = async () => {
      await running?.stop();
      running = undefined;
    };
    /** Drops a file the safe way: written under a hidden name, then renamed into place. */
    const drop = async (fileName: string, content: string) => {
      const hidden = path.join(dir, `.${fileName}.partial`);
      await writeFile(hidden, content);
      await rename(hidden, path.join(dir, fileName));
    };
    const files = async () =>
      (
        await db.query<{
          file_name: string;
          status: string;
          events: number;
          accepted: number;
          rejected: number;
        }>(
          `SELECT file_name, status, events, accepted, rejected FROM ingest_connector_files
           WHERE connector = $1 ORDER BY file_name, first_seen_at`,
          [name],
        )
      ).rows;
    const outbox = async () =>
      (
        await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE business_id = $1', [
          f.businessId,
        ])
      ).rows[0]?.n ?? 0;
    const until = async (what: string, check: () => Promise<boolean>) => {
      for (const deadline = Date.now() + 20_000; !(await check()); ) {
        if (Date.now() > deadline)
          throw new Error(`timed out waiting for ${what}: ${JSON.stringify(await files())}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };
    const settled = (count: number) => async () =>
      (await files()).filter((file) => file.status !== 'loading').length >= count;

    const gk = ghostKitchenOrder(`gk-${randomUUID()}`);
    const ss = streamStackOrder(`ss-${randomUUID()}`);

    it('loads good files once, quarantines bad ones with a reason, and waits for files being written', async () => {
      await start();
      await drop('01-kitchen.json', JSON.stringify([gk.created, gk.started]));
      await drop('02-pos.ndjson', ndjson(ss));
      await drop('03-broken.json', '{"events": [');
      await drop('04-elsewhere.ndjson', ndjson([ghostKitchenOrder('x', 'NOWHERE-9').created]));
      await drop('notes.txt', 'not an event file');
      // Written in two steps straight into place: half a line must not be taken for a bad file.
      await writeFile(path.join(dir, '05-slow.ndjson'), JSON.stringify(gk.finished).slice(0, 20));
      await new Promise((resolve) => setTimeout(resolve, 10));
      await writeFile(path.join(dir, '05-slow.ndjson'), ndjson([gk.finished]));
      await until('five files settled', settled(5));

      expect(await files()).toEqual([
        { file_name: '01-kitchen.json', status: 'loaded', events: 2, accepted: 2, rejected: 0 },
        { file_name: '02-pos.ndjson', status: 'loaded', events: 4, accepted: 3, rejected: 1 },
        { file_name: '03-broken.json', status: 'quarantined', events: 0, accepted: 0, rejected: 0 },
        { file_name: '04-elsewhere.ndjson', status: 'quarantined', events: 1, accepted: 0, rejected: 1 },
        { file_name: '05-slow.ndjson', status: 'loaded', events: 1, accepted: 1, rejected: 0 },
      ]);
      // order_created → 3 Brigade events, gk_started → 2, gk_finished → 1; the stream-stack order → 3.
      expect(await outbox()).toBe(9);

      const quarantine = path.join(dir, 'quarantine');
      await until(
        'the bad files moved',
        async () => (await readdir(quarantine).catch(() => [])).length === 4,
      );
      expect((await readdir(quarantine)).sort()).toEqual([
        '03-broken.json',
        '03-broken.json.reason.txt',
        '04-elsewhere.ndjson',
        '04-elsewhere.ndjson.reason.txt',
      ]);
      expect(await readFile(path.join(quarantine, '03-broken.json.reason.txt'), 'utf8')).toMatch(
        /reason: the file is not JSON/,
      );
      const elsewhere = await readFile(path.join(quarantine, '04-elsewhere.ndjson.reason.txt'), 'utf8');
      expect(elsewhere).toMatch(/reason: every one of its 1 events was rejected \(1 unknown_location\)/);
      expect(elsewhere).toMatch(/04-elsewhere\.ndjson #0 unknown_location: /);
      expect((await readdir(dir)).sort()).toEqual([
        '01-kitchen.json',
        '02-pos.ndjson',
        '05-slow.ndjson',
        'notes.txt',
        'quarantine',
      ]);

      // Rejections worth a look are kept with the event as received.
      const { rows: kept } = await db.query<{
        position: string;
        code: string;
        event: { partition_key: string };
      }>('SELECT position, code, event FROM ingest_connector_rejections WHERE connector = $1 ORDER BY id', [
        name,
      ]);
      expect(kept.map((row) => [row.position, row.code, row.event.partition_key])).toEqual([
        ['02-pos.ndjson #3', 'unknown_location', 'NOWHERE-9'],
        ['04-elsewhere.ndjson #0', 'unknown_location', undefined],
      ]);
      const { rows: totals } = await db.query(
        'SELECT accepted, duplicates, rejected FROM ingest_connector_files WHERE false',
      );
      expect(totals).toEqual([]);
    });

    it('loads nothing twice after a restart; a changed file is a new file; an interrupted file resumes', async () => {
      await stop();
      const counters = async () =>
        (
          await db.query<{ accepted: number; duplicates: number; rejected: number }>(
            'SELECT accepted, duplicates, rejected FROM ingest_connectors WHERE name = $1',
            [name],
          )
        ).rows[0];
      const before = await counters();
      expect(before).toEqual({ accepted: 6, duplicates: 0, rejected: 2 });

      // A file a process was killed in after its first batch: that batch's events and the file's
      // progress row were committed together (as commitBatch does); the rest was not.
      const resumed = ghostKitchenOrder(`gk-${randomUUID()}`);
      const other = ghostKitchenOrder(`gk-${randomUUID()}`);
      const content = ndjson([resumed.created, resumed.started, resumed.finished, other.created]);
      const sha256 = createHash('sha256').update(content).digest('hex');
      await db.transaction(async (tx) => {
        await ingestEvents(joinedTransaction(db, tx), f.businessId, [resumed.created, resumed.started]);
        await tx.query(
          `INSERT INTO ingest_connector_files (connector, file_name, sha256, size_bytes, events, events_done, accepted, status)
           VALUES ($1, '06-interrupted.ndjson', $2, $3, 4, 2, 2, 'loading')`,
          [name, sha256, Buffer.byteLength(content)],
        );
      });
      await drop('06-interrupted.ndjson', content);

      await start();
      await until('the interrupted file', settled(6));
      // Only the last two events were sent now (the first two again would have been duplicates).
      const interrupted = (await files()).find((file) => file.file_name === '06-interrupted.ndjson');
      expect(interrupted).toMatchObject({ status: 'loaded', events: 4, accepted: 4, rejected: 0 });
      expect(await outbox()).toBe(9 + 5 + 1 + 3);

      // Several scans later nothing was read again.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await counters()).toEqual({ accepted: 8, duplicates: 0, rejected: 2 });
      expect(await outbox()).toBe(18);

      // The same name with new content (one more event) is a new file: its old events are duplicates.
      const next = ghostKitchenOrder(`gk-${randomUUID()}`);
      await drop('01-kitchen.json', JSON.stringify([gk.created, gk.started, next.created]));
      await until('the new version', settled(7));
      const versions = (await files()).filter((file) => file.file_name === '01-kitchen.json');
      expect(versions.map((file) => [file.status, file.accepted])).toEqual([
        ['loaded', 2],
        ['loaded', 1],
      ]);
      expect(await counters()).toEqual({ accepted: 9, duplicates: 2, rejected: 2 });
      expect(await outbox()).toBe(21);
    });
  });
}
