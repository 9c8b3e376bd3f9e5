import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedBus } from '../../../src/bus/embedded-bus.js';
import type { EventBus } from '../../../src/bus/event-bus.js';
import { RedisBus } from '../../../src/bus/redis-bus.js';
import { ConsumerRunner } from '../../../src/consumers/consumer-runner.js';
import type { EventConsumer } from '../../../src/consumers/event-consumer.js';
import { BrigadeMetrics } from '../../../src/observability/metrics.js';
import { relayOnce } from '../../../src/outbox/outbox-relay.js';
import { appendEvents } from '../../../src/outbox/outbox-writer.js';
import type { Database } from '../../../src/storage/database.js';
import { migrate } from '../../../src/storage/migrator.js';
import { openPglite } from '../../../src/storage/pglite-database.js';
import { databaseKinds } from '../../support/databases.js';
import { isRedisReachable, REDIS_URL, scratchStream } from '../../support/redis.js';

/**
 * The consumer framework on each bus: exactly once in effect, retries with backoff, dead letters with
 * reasons, and metrics. The consumer under test records each event it applies in a table, and can be
 * told to fail for chosen events a number of times.
 */
interface Subject {
  name: string;
  open(): Promise<{ db: Database; bus: () => EventBus; redis?: { stream: string }; close(): Promise<void> }>;
}

const subjects: Subject[] = (await databaseKinds()).map((kind) => ({
  name: `embedded log on ${kind.name}`,
  async open() {
    const db = await kind.open();
    return { db, bus: () => new EmbeddedBus(db), close: () => db.close() };
  },
}));
if (await isRedisReachable()) {
  subjects.push({
    name: 'Redis Streams',
    async open() {
      const db = await openPglite();
      await migrate(db);
      const scratch = scratchStream();
      return {
        db,
        bus: () =>
          new RedisBus({ url: REDIS_URL, stream: scratch.stream, maxLength: 10_000, claimIdleMs: 200 }),
        redis: { stream: scratch.stream },
        async close() {
          await scratch.drop();
          await db.close();
        },
      };
    },
  });
}

for (const subject of subjects) {
  describe(`consumer framework on ${subject.name}`, () => {
    let db: Database;
    let bus: EventBus;
    let redisStream: string | undefined;
    let close: () => Promise<void>;
    const failFor = new Map<string, number>();
    const businessId = randomUUID();

    const recorder = (name: string): EventConsumer => ({
      name,
      eventTypes: ['business.changed', 'order.placed'],
      async handle(tx, events) {
        for (const event of events) {
          const remaining = failFor.get(event.event_id) ?? 0;
          if (remaining > 0) {
            failFor.set(event.event_id, remaining - 1);
            throw new Error(`refusing ${event.event_id}`);
          }
          await tx.query('INSERT INTO test_effects (consumer, event_id, event_type) VALUES ($1, $2, $3)', [
            name,
            event.event_id,
            event.event_type,
          ]);
        }
      },
    });

    beforeAll(async () => {
      const opened = await subject.open();
      db = opened.db;
      bus = opened.bus();
      redisStream = opened.redis?.stream;
      close = opened.close;
      await db.exec(`CREATE TABLE test_effects (consumer text, event_id uuid, event_type text)`);
    });
    afterAll(async () => {
      await bus.close();
      await close();
    });

    const publish = async (count: number, type: 'business.changed' | 'menu.changed' = 'business.changed') => {
      const ids = await db.transaction((tx) =>
        appendEvents(
          tx,
          Array.from({ length: count }, () =>
            type === 'business.changed'
              ? { type, businessId, payload: { action: 'updated' as const, data: null } }
              : {
                  type,
                  businessId,
                  payload: {
                    entity: 'item' as const,
                    entity_id: randomUUID(),
                    action: 'deleted' as const,
                    data: null,
                  },
                },
          ),
        ),
      );
      while ((await relayOnce(db, bus, 1000)).published > 0) {}
      return ids;
    };
    const drain = async (runner: ConsumerRunner) => {
      while ((await runner.runOnce(0)) > 0) {}
    };
    const effects = async (consumer: string) =>
      (
        await db.query<{ event_id: string }>('SELECT event_id FROM test_effects WHERE consumer = $1', [
          consumer,
        ])
      ).rows.map((row) => row.event_id);

    it('applies each event once even when the bus delivers it again', async () => {
      const name = `once-${randomUUID().slice(0, 8)}`;
      const metrics = new BrigadeMetrics({ defaultMetrics: false });
      const runner = new ConsumerRunner(recorder(name), { db, bus, consumerId: 'c1', metrics });
      const ids = await publish(20);
      await publish(3, 'menu.changed');
      await drain(runner);
      await db.transaction(async (tx) => {
        const events = (
          await tx.query<{ event_id: string }>(
            `SELECT event_id FROM outbox WHERE event_id = ANY($1::uuid[])`,
            [ids],
          )
        ).rows;
        expect(events).toHaveLength(20);
      });
      const replay = new ConsumerRunner(recorder(name), {
        db,
        bus: subjectReplayBus(bus),
        consumerId: 'c2',
        metrics,
      });
      await drain(replay);
      const applied = await effects(name);
      expect(applied.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
      expect(new Set(applied).size).toBe(applied.length);
      const exposition = await metrics.registry.metrics();
      expect(exposition).toContain(`brigade_consumer_events_total{consumer="${name}",outcome="applied"}`);
      expect(exposition).toMatch(new RegExp(`consumer="${name}",outcome="skipped"\\} ([3-9]|\\d{2,})`));
      expect(exposition).toMatch(new RegExp(`consumer="${name}",outcome="duplicate"\\} [1-9]`));
    });

    it('applies a batch in several transactions at once when the consumer allows it, each event once', async () => {
      const name = `parallel-${randomUUID().slice(0, 8)}`;
      const runner = new ConsumerRunner({ ...recorder(name), parallelism: 4 }, { db, bus, consumerId: 'c1' });
      const ids = await publish(60);
      failFor.set(ids[7] as string, 1);
      await drain(runner);
      const applied = await effects(name);
      expect(applied.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
      expect(new Set(applied).size).toBe(applied.length);
      expect(await bus.lag(name)).toBe(0);
    });

    it('leaves events older than the live horizon to the lake when the consumer acts on the present only', async () => {
      const ids = await publish(5);
      const later = `history-${randomUUID().slice(0, 8)}`;
      // Seen seven hours after they happened, past the six-hour horizon: acknowledged, not applied.
      const sevenHoursOn = () => new Date(Date.now() + 7 * 3600_000);
      await drain(
        new ConsumerRunner(
          { ...recorder(later), liveOnly: true },
          { db, bus, consumerId: 'c1', now: sevenHoursOn },
        ),
      );
      expect((await effects(later)).filter((id) => ids.includes(id))).toEqual([]);
      expect(await bus.lag(later)).toBe(0);
      // The same events seen now are live and applied.
      const now = `live-${randomUUID().slice(0, 8)}`;
      await drain(new ConsumerRunner({ ...recorder(now), liveOnly: true }, { db, bus, consumerId: 'c1' }));
      expect((await effects(now)).filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
    });

    it("leaves events at or before their business's history mark alone, however recent, when the consumer acts on the present", async () => {
      // The demo's past is written up to its businesses' mark (migration 012): the last hours before
      // it are history too, while a business without a mark is judged by age alone.
      const marked = randomUUID();
      const mark = Date.now() - 10 * 60_000;
      await db.query(
        `INSERT INTO businesses (id, name, slug, currency, history_through) VALUES ($1, 'Marked', $2, 'CAD', $3)`,
        [marked, `marked-${marked}`, new Date(mark).toISOString()],
      );
      const changed = (business: string, minutesAgo: number) => ({
        type: 'business.changed' as const,
        businessId: business,
        payload: { action: 'updated' as const, data: null },
        occurredAt: new Date(Date.now() - minutesAgo * 60_000),
      });
      const [before, atMark, after, unmarked] = await db.transaction((tx) =>
        appendEvents(tx, [
          changed(marked, 20),
          { ...changed(marked, 0), occurredAt: new Date(mark) },
          changed(marked, 5),
          changed(businessId, 20),
        ]),
      );
      while ((await relayOnce(db, bus, 1000)).published > 0) {}
      const name = `marked-${randomUUID().slice(0, 8)}`;
      await drain(new ConsumerRunner({ ...recorder(name), liveOnly: true }, { db, bus, consumerId: 'c1' }));
      const applied = await effects(name);
      expect(applied).toContain(after);
      expect(applied).toContain(unmarked);
      expect(applied).not.toContain(before);
      expect(applied).not.toContain(atMark);
      expect(await bus.lag(name)).toBe(0);
      // A consumer that takes history (the lake, live metrics) applies all four.
      const all = `marked-all-${randomUUID().slice(0, 8)}`;
      await drain(new ConsumerRunner(recorder(all), { db, bus, consumerId: 'c1' }));
      expect(await effects(all)).toEqual(expect.arrayContaining([before, atMark, after, unmarked]));
    });

    it('housekeeping deletes its dedupe records older than the retention, except for events not yet relayed', async () => {
      const name = `pruned-${randomUUID().slice(0, 8)}`;
      const other = `kept-${randomUUID().slice(0, 8)}`;
      const runner = new ConsumerRunner(recorder(name), { db, bus, consumerId: 'c1' }, { retentionDays: 7 });
      const ids = await publish(6);
      await drain(runner);
      await drain(new ConsumerRunner(recorder(other), { db, bus, consumerId: 'c1' }));
      // Applied from a Redis publish whose relay transaction then failed: no log position yet, so the
      // relay will publish it again and the record must stay to recognise it.
      const [unrelayed] = await db.transaction((tx) =>
        appendEvents(tx, [
          {
            type: 'menu.changed',
            businessId,
            payload: { entity: 'item', entity_id: randomUUID(), action: 'deleted', data: null },
          },
        ]),
      );
      await db.query('INSERT INTO consumer_processed_events (consumer, event_id) VALUES ($1, $2)', [
        name,
        unrelayed,
      ]);
      const old = [...ids.slice(0, 4), unrelayed];
      for (const consumer of [name, other]) {
        await db.query(
          `UPDATE consumer_processed_events SET processed_at = now() - interval '8 days'
            WHERE consumer = $1 AND event_id = ANY($2::uuid[])`,
          [consumer, old],
        );
      }
      expect(await runner.housekeep()).toEqual({ processed: 4, state: 0 });
      const records = async (consumer: string) =>
        (
          await db.query<{ event_id: string }>(
            'SELECT event_id FROM consumer_processed_events WHERE consumer = $1 AND event_id = ANY($2::uuid[])',
            [consumer, [...ids, unrelayed]],
          )
        ).rows
          .map((row) => row.event_id)
          .sort();
      expect(await records(name)).toEqual([...ids.slice(4), unrelayed].sort());
      // Another consumer's records are its own housekeeping's business.
      expect(await records(other)).toEqual([...ids].sort());
      // Relayed now, the unrelayed event's record can go too.
      while ((await relayOnce(db, bus, 1000)).published > 0) {}
      await drain(runner);
      expect((await runner.housekeep()).processed).toBe(1);
    });

    it('does its housekeeping in the running loop once caught up with the bus', async () => {
      const name = `loop-${randomUUID().slice(0, 8)}`;
      const ids = await publish(3);
      // Eight days on: every record it writes is already past the seven days kept.
      const later = () => new Date(Date.now() + 8 * 86_400_000);
      const pruned: number[] = [];
      const loop = new ConsumerRunner(
        recorder(name),
        { db, bus, consumerId: 'c1', now: later, onPruned: (round) => pruned.push(round.processed) },
        { retentionDays: 7, housekeepingEveryMs: 0, blockMs: 20 },
      ).start();
      try {
        for (let waited = 0; pruned.length === 0; waited += 20) {
          if (waited > 20_000) throw new Error('no housekeeping round');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      } finally {
        await loop.stop();
      }
      expect((await effects(name)).filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM consumer_processed_events WHERE consumer = $1',
        [name],
      );
      expect(rows[0]?.n).toBe(0);
    });

    it('retries a failing event with backoff and applies it once it succeeds', async () => {
      const name = `retry-${randomUUID().slice(0, 8)}`;
      const runner = new ConsumerRunner(
        recorder(name),
        { db, bus, consumerId: 'c1' },
        { backoffMs: () => 5 },
      );
      const ids = await publish(3);
      failFor.set(ids[1] as string, 2);
      await drain(runner);
      expect((await effects(name)).filter((id) => ids.includes(id))).toEqual(ids);
      const failures = await db.query('SELECT 1 FROM consumer_failures WHERE consumer = $1', [name]);
      expect(failures.rowCount).toBe(0);
    });

    it('dead-letters an event that keeps failing, with the reason, and carries on', async () => {
      const name = `dead-${randomUUID().slice(0, 8)}`;
      const runner = new ConsumerRunner(
        recorder(name),
        { db, bus, consumerId: 'c1' },
        { maxAttempts: 3, backoffMs: () => 5 },
      );
      const ids = await publish(3);
      failFor.set(ids[0] as string, 100);
      await drain(runner);
      expect((await effects(name)).filter((id) => ids.includes(id))).toEqual(ids.slice(1));
      const dead = (await bus.deadLetters(50)).find(
        (letter) => letter.group === name && JSON.parse(letter.body).event_id === ids[0],
      );
      expect(dead).toMatchObject({ reason: `refusing ${ids[0]}`, attempts: 3 });
      expect(await bus.lag(name)).toBe(0);
    });

    if (subject.name === 'Redis Streams') {
      it('consumes events foreign producers XADD in the documented envelope; malformed ones are dead-lettered', async () => {
        const name = `foreign-${randomUUID().slice(0, 8)}`;
        const runner = new ConsumerRunner(recorder(name), { db, bus, consumerId: 'c1' });
        const redis = new Redis(REDIS_URL);
        const stream = redisStream as string;
        const good = foreignOrderCreated(businessId);
        try {
          await redis.xadd(stream, '*', 'event', 'not json at all');
          await redis.xadd(stream, '*', 'payload', '{"no":"event field"}');
          await redis.xadd(
            stream,
            '*',
            'event',
            JSON.stringify({ ...good, event_id: randomUUID(), payload: { lines: [] } }),
          );
          await redis.xadd(
            stream,
            '*',
            'event',
            JSON.stringify({ ...good, event_id: randomUUID(), event_type: 'pizza.eaten' }),
          );
          await redis.xadd(stream, '*', 'event', JSON.stringify(good));
        } finally {
          redis.disconnect();
        }
        await drain(runner);
        const applied = await db.query<{ event_id: string; event_type: string }>(
          'SELECT event_id, event_type FROM test_effects WHERE consumer = $1',
          [name],
        );
        expect(applied.rows).toContainEqual({ event_id: good.event_id, event_type: 'order.placed' });
        const reasons = (await bus.deadLetters(100))
          .filter((letter) => letter.group === name)
          .map((l) => l.reason);
        expect(reasons).toEqual(
          expect.arrayContaining([
            'malformed event: body is not JSON',
            expect.stringMatching(/^malformed event: .*event_id must be a UUID/),
            expect.stringMatching(/^malformed event: payload\/status/),
            expect.stringMatching(/event_type "pizza.eaten" is not in the event catalog/),
          ]),
        );
        expect(await bus.lag(name)).toBe(0);
      });
    }
  });
}

/**
 * The same bus read under a rewound group: every event is delivered to the consumer a second time, as
 * after a crash between commit and acknowledgement. The dedupe record (keyed by consumer name) must
 * stop the second effect.
 */
function subjectReplayBus(bus: EventBus): EventBus {
  return {
    kind: bus.kind,
    carriesEvents: bus.carriesEvents,
    publish: (events) => bus.publish(events),
    // Reads as a fresh group (everything again), acknowledges there; effects go to the same consumer.
    read: (group, consumer, options) => bus.read(`${group}-rewound`, consumer, options),
    ack: (group, consumer, ids) => bus.ack(`${group}-rewound`, consumer, ids),
    deadLetter: (group, consumer, delivery, reason, attempts) =>
      bus.deadLetter(`${group}-rewound`, consumer, delivery, reason, attempts),
    deadLetters: (limit) => bus.deadLetters(limit),
    lag: (group) => bus.lag(`${group}-rewound`),
    newest: () => bus.newest(),
    tail: (cursor, options) => bus.tail(cursor, options),
    close: async () => {},
  };
}

function foreignOrderCreated(businessId: string) {
  const lineId = randomUUID();
  return {
    event_id: randomUUID(),
    event_type: 'order.created',
    version: 1,
    occurred_at: new Date().toISOString(),
    business_id: businessId,
    location_id: randomUUID(),
    order_id: randomUUID(),
    sequence: 0,
    payload: {
      status: 'placed',
      customer_id: null,
      placed_by: null,
      channel: 'external-app',
      service_type: 'takeout',
      table_number: null,
      delivery: null,
      lines: [
        {
          line_id: lineId,
          line_number: 1,
          item_id: randomUUID(),
          brand_id: randomUUID(),
          category_id: randomUUID(),
          name: 'Margherita',
          station: 'pizza',
          unit_price: 1400,
          unit_cost: null,
          quantity: 1,
          modifiers: [],
          line_subtotal: 1400,
          discount: 0,
          notes: null,
        },
      ],
      totals: {
        currency: 'CAD',
        subtotal: 1400,
        discount: 0,
        loyalty_discount: 0,
        tax: 182,
        tip: 0,
        delivery_fee: 0,
        total: 1582,
      },
      promo_code: null,
      applied_offers: [],
      loyalty_points_redeemed: 0,
      placed_at: new Date().toISOString(),
    },
  };
}
