import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisBus } from '../../../src/bus/redis-bus.js';
import { buildDemoWorld } from '../../../src/demo/demo-world.js';
import { NORTHWIND_BUSINESS_ID } from '../../../src/demo/seed-demo.js';
import { readManifest } from '../../../src/lake/manifest-io.js';
import { LocalDirStore } from '../../../src/lake/store/local-dir-store.js';
import { startLakeWriter } from '../../../src/lake/writer/lake-writer.js';
import { relayOnce } from '../../../src/outbox/outbox-relay.js';
import { namedPeople } from '../../../src/simulator/history/history-people.js';
import { lakePacedSink } from '../../../src/simulator/history/lake-paced-sink.js';
import { outboxSink } from '../../../src/simulator/history/outbox-sink.js';
import { writeHistory } from '../../../src/simulator/history/write-history.js';
import { DAY_MS } from '../../../src/simulator/model/opening-day.js';
import { simWorldOf } from '../../../src/simulator/world/demo-sim-world.js';
import type { Database } from '../../../src/storage/database.js';
import { migrate } from '../../../src/storage/migrator.js';
import { openPglite } from '../../../src/storage/pglite-database.js';
import { isRedisReachable, REDIS_URL, scratchStream } from '../../support/redis.js';

/**
 * A backfill on Redis Streams waits, day by day, until the lake writer has taken what it wrote: the
 * stream keeps a bounded number of entries, and one trimmed before the writer read it would be lost
 * to the lake. With the relay and the writer running, every write returns only once the lake's
 * cursor has passed the newest entry, and the lake ends up with every event.
 */
describe.runIf(await isRedisReachable())('backfill paced by the lake on Redis Streams', () => {
  let db: Database;
  let bus: RedisBus;
  let lakeDir: string;
  let dropStream: () => Promise<void>;
  const world = buildDemoWorld();
  const full = simWorldOf(world);
  const sim = {
    ...full,
    businesses: full.businesses
      .filter((business) => business.id === NORTHWIND_BUSINESS_ID)
      .map((business) => ({ ...business, locations: business.locations.slice(0, 1) })),
  };

  beforeAll(async () => {
    db = await openPglite();
    await migrate(db);
    const scratch = scratchStream();
    dropStream = scratch.drop;
    bus = new RedisBus({ url: REDIS_URL, stream: scratch.stream, maxLength: 1_000_000, claimIdleMs: 1000 });
    lakeDir = await mkdtemp(path.join(tmpdir(), 'brigade-pacing-'));
  });
  afterAll(async () => {
    await bus?.close();
    await dropStream?.();
    await db?.close();
    await rm(lakeDir, { recursive: true, force: true });
  });

  it('returns from each day only when the lake holds it, and loses nothing', async () => {
    const lake = new LocalDirStore(path.join(lakeDir, 'lake'));
    let relaying = true;
    const relay = (async () => {
      while (relaying) {
        if ((await relayOnce(db, bus, 2000)).published === 0) await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const writer = startLakeWriter(bus, lake, {
      flushEvents: 20_000,
      flushMs: 100,
      lateHorizonDays: 0,
      memoryMb: 256,
      scratchDir: path.join(lakeDir, 'scratch'),
    });
    const behind: string[] = [];
    let waits = 0;
    const sink = lakePacedSink(outboxSink(db), { db, bus, lake, pollMs: 50, onWait: () => waits++ });
    const checking = {
      async write(events: Parameters<typeof sink.write>[0], day: string) {
        await sink.write(events, day);
        const [cursor, newest] = [(await readManifest(lake)).cursor, (await bus.newest())?.id];
        if (cursor !== newest) behind.push(`${day}: lake at ${cursor}, bus at ${newest}`);
      },
      close: () => sink.close(),
    };
    const from = Math.floor(Date.now() / DAY_MS) * DAY_MS - 5 * DAY_MS;
    try {
      const written = await writeHistory({
        world,
        sim,
        seed: 5,
        window: { from, to: from + 2 * DAY_MS },
        people: namedPeople(world, sim),
        sink: checking,
      });
      expect(written.days).toBe(2);
      expect(behind).toEqual([]);
      expect(waits).toBeGreaterThan(0);
      const bronze = (await readManifest(lake)).files.filter((file) => file.table === 'events');
      expect(bronze.reduce((sum, file) => sum + file.rows, 0)).toBe(written.events);
    } finally {
      relaying = false;
      await relay;
      await writer.stop();
    }
  }, 120_000);
});
