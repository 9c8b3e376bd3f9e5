import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedBus } from '../../../src/bus/embedded-bus.js';
import { RedisBus } from '../../../src/bus/redis-bus.js';
import { relayOnce } from '../../../src/outbox/outbox-relay.js';
import { appendEvents } from '../../../src/outbox/outbox-writer.js';
import type { Database } from '../../../src/storage/database.js';
import { databaseKinds } from '../../support/databases.js';
import { isRedisReachable, REDIS_URL, scratchStream } from '../../support/redis.js';

const redisReady = await isRedisReachable();

for (const kind of await databaseKinds()) {
  describe(`outbox relay on ${kind.name}`, () => {
    let db: Database;
    const businessId = randomUUID();
    beforeAll(async () => {
      db = await kind.open();
    });
    afterAll(() => db.close());

    const write = (count: number) =>
      db.transaction((tx) =>
        appendEvents(
          tx,
          Array.from({ length: count }, (_, n) => ({
            type: 'business.changed' as const,
            businessId,
            payload: { action: 'updated' as const, data: { n } },
          })),
        ),
      );

    // PGlite has one connection: its transactions cannot overlap, so the case cannot arise there.
    it.skipIf(kind.name !== 'postgres')(
      'gives an event that commits later a later log position, and never skips it',
      async () => {
        const bus = new EmbeddedBus(db);
        // A transaction inserts first (lower position) and commits last.
        let commitLate: () => void = () => {};
        const held = new Promise<void>((resolve) => {
          commitLate = resolve;
        });
        const late = db.transaction(async (tx) => {
          const ids = await appendEvents(tx, [
            { type: 'business.changed', businessId, payload: { action: 'updated', data: { late: true } } },
          ]);
          await held;
          return ids;
        });
        await new Promise((resolve) => setTimeout(resolve, 100));
        const [early] = await write(1);
        while ((await relayOnce(db, bus, 100)).published > 0) {}
        commitLate();
        const [lateId] = await late;
        while ((await relayOnce(db, bus, 100)).published > 0) {}
        const rows = await db.query<{ event_id: string; position: number; log_position: number }>(
          'SELECT event_id, position, log_position FROM outbox WHERE event_id = ANY($1::uuid[])',
          [[early, lateId]],
        );
        const byId = new Map(rows.rows.map((row) => [row.event_id, row]));
        const earlyRow = byId.get(early as string);
        const lateRow = byId.get(lateId as string);
        expect(lateRow?.position).toBeLessThan(earlyRow?.position ?? 0);
        expect(lateRow?.log_position).toBeGreaterThan(earlyRow?.log_position ?? Number.MAX_SAFE_INTEGER);
      },
    );

    it('lets several relays run at once without publishing anything twice or leaving gaps', async () => {
      const scratch = redisReady ? scratchStream() : undefined;
      const buses = [0, 1, 2].map(() =>
        scratch
          ? new RedisBus({ url: REDIS_URL, stream: scratch.stream, maxLength: 100_000 })
          : new EmbeddedBus(db),
      );
      try {
        await write(1500);
        await Promise.all(
          buses.map(async (bus) => {
            for (let idle = 0; idle < 5; ) {
              const result = await relayOnce(db, bus, 100);
              idle = result.ran && result.published === 0 ? idle + 1 : 0;
            }
          }),
        );
        const logged = await db.query<{ n: number; distinct: number; max: number; unlogged: number }>(
          `SELECT count(log_position)::int AS n, count(DISTINCT log_position)::int AS distinct,
                  coalesce(max(log_position), 0)::int AS max, count(*) FILTER (WHERE log_position IS NULL)::int AS unlogged
           FROM outbox`,
        );
        const row = logged.rows[0];
        expect(row?.unlogged).toBe(0);
        expect(row?.distinct).toBe(row?.n);
        expect(row?.max).toBe(row?.n); // 1..n without gaps
        if (scratch) {
          const client = new Redis(REDIS_URL);
          const length = await client.xlen(scratch.stream);
          client.disconnect();
          expect(length).toBe(1500); // each of this test's events exactly once
        }
      } finally {
        for (const bus of buses) await bus.close();
        await scratch?.drop();
      }
    });
  });
}
