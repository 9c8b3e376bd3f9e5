import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventBus } from '../../src/bus/event-bus.js';
import { relayOnce } from '../../src/outbox/outbox-relay.js';
import { appendEvents } from '../../src/outbox/outbox-writer.js';
import type { Database } from '../../src/storage/database.js';

export interface BusUnderTest {
  db: Database;
  /** A bus on `db`; `takeoverMs` is how soon a silent consumer's messages go to another one. */
  openBus(): EventBus;
  takeoverMs: number;
  close(): Promise<void>;
}

/**
 * The one contract every EventBus adapter must pass (embedded log on PGlite and PostgreSQL, Redis
 * Streams). Events enter the way they do in production: written to the outbox, published by the relay.
 */
export function eventBusContract(name: string, open: () => Promise<BusUnderTest>): void {
  describe(`event bus contract: ${name}`, () => {
    let subject: BusUnderTest;
    let bus: EventBus;
    const businessId = randomUUID();

    beforeAll(async () => {
      subject = await open();
      bus = subject.openBus();
    });
    afterAll(async () => {
      await bus.close();
      await subject.close();
    });

    /** Writes `count` events and relays them; returns their event ids in order. */
    const publish = async (count: number): Promise<string[]> => {
      const ids = await subject.db.transaction((tx) =>
        appendEvents(
          tx,
          Array.from({ length: count }, (_, index) => ({
            type: 'business.changed' as const,
            businessId,
            payload: { action: 'updated' as const, data: { index } },
          })),
        ),
      );
      while ((await relayOnce(subject.db, bus, 1000)).published > 0) {}
      return ids;
    };
    const eventIds = (bodies: { body: string }[]) =>
      bodies.map((message) => (JSON.parse(message.body) as { event_id: string }).event_id);

    it('hands a group every message in publish order, and never again once acknowledged', async () => {
      const group = `g-${randomUUID()}`;
      const published = await publish(5);
      const first = await bus.read(group, 'c1', { max: 3, blockMs: 0 });
      const second = await bus.read(group, 'c1', { max: 10, blockMs: 0 });
      const all = [...first, ...second];
      const mine = eventIds(all).filter((id) => published.includes(id));
      expect(mine).toEqual(published);
      await bus.ack(
        group,
        'c1',
        all.map((message) => message.id),
      );
      expect(await bus.read(group, 'c1', { max: 10, blockMs: 0 })).toEqual([]);
      expect(await bus.lag(group)).toBe(0);
    });

    it('gives every group its own copy', async () => {
      const published = await publish(3);
      for (const group of [`a-${randomUUID()}`, `b-${randomUUID()}`]) {
        const messages = await bus.read(group, 'c', { max: 1000, blockMs: 0 });
        expect(eventIds(messages)).toEqual(expect.arrayContaining(published));
      }
    });

    it('counts what a group has not acknowledged as lag', async () => {
      const group = `lag-${randomUUID()}`;
      const before = await bus.read(group, 'c', { max: 1000, blockMs: 0 });
      await bus.ack(
        group,
        'c',
        before.map((message) => message.id),
      );
      await publish(4);
      expect(await bus.lag(group)).toBe(4);
      const messages = await bus.read(group, 'c', { max: 2, blockMs: 0 });
      await bus.ack(
        group,
        'c',
        messages.map((message) => message.id),
      );
      expect(await bus.lag(group)).toBe(2);
    });

    it('hands the unacknowledged messages of a consumer that died to another consumer of the group', async () => {
      const group = `takeover-${randomUUID()}`;
      const old = await bus.read(group, 'dying', { max: 1000, blockMs: 0 });
      await bus.ack(
        group,
        'dying',
        old.map((message) => message.id),
      );
      const published = await publish(3);
      const taken = await bus.read(group, 'dying', { max: 1000, blockMs: 0 });
      expect(eventIds(taken)).toEqual(published);
      // 'dying' acknowledges only the first, then goes silent.
      await bus.ack(group, 'dying', [taken[0]?.id as string]);
      await new Promise((resolve) => setTimeout(resolve, subject.takeoverMs + 50));
      const survivor = subject.openBus();
      try {
        const reclaimed = await survivor.read(group, 'survivor', { max: 1000, blockMs: 0 });
        expect(eventIds(reclaimed)).toEqual(published.slice(1));
        await survivor.ack(
          group,
          'survivor',
          reclaimed.map((message) => message.id),
        );
        expect(await survivor.read(group, 'survivor', { max: 1000, blockMs: 0 })).toEqual([]);
      } finally {
        await survivor.close();
      }
    });

    it('dead-letters a message with its reason and attempts, and stops delivering it', async () => {
      const group = `dead-${randomUUID()}`;
      const old = await bus.read(group, 'c', { max: 1000, blockMs: 0 });
      await bus.ack(
        group,
        'c',
        old.map((message) => message.id),
      );
      const [poison] = await publish(1);
      const [message] = await bus.read(group, 'c', { max: 10, blockMs: 0 });
      expect(message).toBeDefined();
      await bus.deadLetter(group, 'c', message as NonNullable<typeof message>, 'handler exploded', 5);
      const dead = (await bus.deadLetters(10)).find((letter) => letter.group === group);
      expect(dead).toMatchObject({ messageId: message?.id, reason: 'handler exploded', attempts: 5 });
      expect(JSON.parse(dead?.body ?? '{}').event_id).toBe(poison);
      expect(await bus.read(group, 'c', { max: 10, blockMs: 0 })).toEqual([]);
      expect(await bus.lag(group)).toBe(0);
    });

    it('tails from now, from a cursor, and waits for the next message when asked to block', async () => {
      const start = await bus.tail(null, { max: 100, blockMs: 0 });
      expect(start.messages).toEqual([]);
      const published = await publish(2);
      const next = await bus.tail(start.cursor, { max: 100, blockMs: 0 });
      expect(eventIds(next.messages)).toEqual(published);
      const waiting = bus.tail(next.cursor, { max: 100, blockMs: 3000 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const [late] = await publish(1);
      const woke = await waiting;
      expect(eventIds(woke.messages)).toEqual([late]);
      const envelope = JSON.parse(woke.messages[0]?.body ?? '{}');
      expect(Object.keys(envelope)).toEqual([
        'event_id',
        'event_type',
        'version',
        'occurred_at',
        'business_id',
        'location_id',
        'order_id',
        'sequence',
        'payload',
      ]);
    });
    it('tails every message with the log position the relay published it at', async () => {
      const start = await bus.tail(null, { max: 100, blockMs: 0 });
      const published = await publish(3);
      const batch = await bus.tail(start.cursor, { max: 100, blockMs: 0 });
      const { rows } = await subject.db.query<{ event_id: string; log_position: number }>(
        'SELECT event_id, log_position FROM outbox WHERE event_id = ANY($1::uuid[]) ORDER BY log_position',
        [published],
      );
      expect(batch.messages.map((message) => message.logPosition)).toEqual(
        rows.map((row) => row.log_position),
      );
      expect(eventIds(batch.messages)).toEqual(rows.map((row) => row.event_id));
    });
    it('names its newest message with the log position the relay published it at', async () => {
      const published = await publish(3);
      const newest = await bus.newest();
      expect(newest).not.toBeNull();
      const { rows } = await subject.db.query<{ log_position: number }>(
        'SELECT log_position FROM outbox WHERE event_id = $1',
        [published[2]],
      );
      expect(newest?.logPosition).toBe(Number(rows[0]?.log_position));
      // Its id is a cursor: nothing comes after it until something new is published.
      expect((await bus.tail(newest?.id ?? null, { max: 10, blockMs: 0 })).messages).toEqual([]);
    });
  });
}
