import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisBus } from '../../../src/bus/redis-bus.js';
import type { LoggedEvent } from '../../../src/domain/events/envelope.js';
import { startOutboxRelay } from '../../../src/outbox/outbox-relay.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { placeOrder } from '../../support/orders.js';
import { isRedisReachable, REDIS_URL, scratchStream } from '../../support/redis.js';
import { seedTwoTenants } from '../../support/two-tenants.js';
import {
  appendBulkEvents,
  type LiveProcess,
  openStream,
  type SseEvent,
  startLiveProcess,
  startRelay,
  TestStream,
} from '../realtime/realtime-harness.js';

/**
 * GET /api/v1/businesses/{businessId}/events/stream with real clients: every client gets every event,
 * `id:` is the offset of the paged feed, Last-Event-ID resumes with exactly the missed events, and a
 * client that does not keep up is caught up from the log instead of queueing. Events come through the
 * real outbox, relay and bus.
 */
for (const kind of await databaseKinds()) {
  describe(`business event stream on ${kind.name}`, () => {
    let t: TestApp;
    let live: LiveProcess;
    let relay: { stop(): Promise<void> };
    let a: RestaurantFixture;
    let b: RestaurantFixture;
    let ownerA: string;
    let ownerB: string;
    let customer: string;
    const streams: TestStream[] = [];
    const extra: LiveProcess[] = [];

    beforeAll(async () => {
      t = await startTestApp(kind);
      ({ a, b, ownerA, ownerB } = await seedTwoTenants(t));
      customer = (await t.userToken()).token;
      relay = startRelay(t.db);
      live = await startLiveProcess(t.db, { limits: { heartbeatMs: 100 } });
    });
    afterAll(async () => {
      for (const stream of streams) await stream.close();
      for (const process of extra) await process.close();
      await live.close();
      await relay.stop();
      await t.close();
    });

    const path = (businessId: string, query = '') => `/api/v1/businesses/${businessId}/events/stream${query}`;
    const stream = async (
      url: string,
      options: { token?: string; headers?: Record<string, string>; on?: LiveProcess } = {},
    ) => {
      const opened = await openStream(`${(options.on ?? live).url}${url}`, { token: ownerA, ...options });
      if (!(opened instanceof TestStream)) throw new Error(`stream refused: ${JSON.stringify(opened)}`);
      streams.push(opened);
      return opened;
    };
    /** The paged feed after `since`, every page. */
    const feed = async (businessId: string, since: number, token = ownerA) => {
      const events: LoggedEvent[] = [];
      for (let after = since; ; ) {
        const response = await t.request({
          method: 'GET',
          url: `/api/v1/businesses/${businessId}/events?since=${after}&limit=5000`,
          token,
        });
        const page = response.json() as { events: LoggedEvent[]; next_since: number };
        if (page.events.length === 0) return events;
        events.push(...page.events);
        after = page.next_since;
      }
    };
    /** The log head: every event committed from now on has a greater offset. */
    const head = async () => {
      const { rows } = await t.db.query<{ head: number | null }>(
        'SELECT max(log_position) AS head FROM outbox',
      );
      return rows[0]?.head ?? 0;
    };
    /** Waits for the relay to give every committed event an offset. */
    const relayed = async () => {
      for (let tries = 0; tries < 500; tries++) {
        const { rows } = await t.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM outbox WHERE log_position IS NULL',
        );
        if (rows[0]?.n === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error('the relay did not catch up');
    };
    const produce = async (fixture: RestaurantFixture, bulk: number) => {
      await placeOrder(t, {
        locationId: fixture.locationId,
        token: customer,
        items: [{ itemId: fixture.items.fries, quantity: 2 }],
      });
      await appendBulkEvents(t.db, fixture.businessId, bulk, 10);
      await relayed();
    };
    const ids = (events: SseEvent[]) => events.map((event) => event.id);
    const offsets = (events: LoggedEvent[]) => events.map((event) => String(event.offset));

    it('refuses streams without access and malformed offsets, as the paged feed does', async () => {
      const url = `${live.url}${path(a.businessId)}`;
      expect(await openStream(url)).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
      expect(await openStream(url, { token: ownerB })).toMatchObject({
        status: 403,
        body: { code: 'forbidden' },
      });
      expect(await openStream(url, { token: customer })).toMatchObject({ status: 403 });
      expect(await openStream(url, { token: ownerA, headers: { 'last-event-id': 'x' } })).toMatchObject({
        status: 400,
        body: { code: 'validation_failed' },
      });
      expect(await openStream(`${url}?since=-3`, { token: ownerA })).toMatchObject({
        status: 400,
        body: { code: 'validation_failed' },
      });
      const byQuery = await stream(path(a.businessId, `?access_token=${ownerA}`), { token: '' });
      expect(byQuery.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      await byQuery.close();
    });

    it('sends every live event to every client at once: id = offset, event = type, data = the feed event', async () => {
      const first = await stream(path(a.businessId));
      const second = await stream(path(a.businessId), { headers: { authorization: `Bearer ${ownerA}` } });
      const other = await stream(path(b.businessId), { token: ownerB });
      await first.until(() => live.app.realtime.stats().clients >= 3, 2000, 'three clients');
      const from = await head();
      await produce(a, 25);
      await produce(b, 5);
      await produce(a, 10);
      const expected = await feed(a.businessId, from);
      expect(expected.length).toBeGreaterThan(35);
      for (const client of [first, second]) {
        await client.until(() => client.events.length >= expected.length, 10_000, 'every event');
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (const client of [first, second]) {
        expect(ids(client.events)).toEqual(offsets(expected));
        expect(client.events.map((event) => event.event)).toEqual(expected.map((event) => event.event_type));
        expect(client.events.map((event) => event.data)).toEqual(expected);
      }
      // The other business's stream got its own events only.
      const expectedOfB = await feed(b.businessId, from, ownerB);
      await other.until(() => other.events.length >= expectedOfB.length, 10_000, "b's events");
      expect(ids(other.events)).toEqual(offsets(expectedOfB));
      expect(other.events.every((event) => event.data.business_id === b.businessId)).toBe(true);
    });

    it('resumes after Last-Event-ID with exactly the missed events, then goes on live', async () => {
      const watching = await stream(path(a.businessId));
      const from = await head();
      await produce(a, 6);
      const seen = await feed(a.businessId, from);
      await watching.until(() => watching.events.length >= seen.length, 10_000, 'the first events');
      const lastSeen = watching.events[watching.events.length - 1]?.id ?? '';
      await watching.close();

      // Events the client misses while away, some racing with its reconnection.
      await produce(a, 8);
      const racing = produce(a, 4);
      const resumed = await stream(path(a.businessId), { headers: { 'last-event-id': lastSeen } });
      await racing;
      await produce(a, 3);
      const expected = await feed(a.businessId, Number(lastSeen));
      await resumed.until(
        () => resumed.events.length >= expected.length,
        10_000,
        'the missed and new events',
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(ids(resumed.events)).toEqual(offsets(expected));
      expect(resumed.events.map((event) => event.data)).toEqual(expected);

      // ?since= and ?lastEventId= do the same for clients that cannot send the header.
      const middle = expected[Math.floor(expected.length / 2)]?.offset ?? 0;
      const sinceQuery = await stream(path(a.businessId, `?since=${middle}`));
      const lastEventIdQuery = await stream(path(a.businessId, `?lastEventId=${middle}`));
      const rest = expected.filter((event) => event.offset > middle);
      for (const client of [sinceQuery, lastEventIdQuery]) {
        await client.until(() => client.events.length >= rest.length, 10_000, 'the events after the middle');
        expect(ids(client.events)).toEqual(offsets(rest));
      }
      // since=0 is the whole feed.
      const everything = await feed(a.businessId, 0);
      const all = await stream(path(a.businessId, '?since=0'));
      await all.until(() => all.events.length >= everything.length, 10_000, 'the whole feed');
      expect(ids(all.events)).toEqual(offsets(everything));
    });

    it('sends heartbeats, and keeps nothing for a business once its clients are gone', async () => {
      const process = await startLiveProcess(t.db, { limits: { heartbeatMs: 50 } });
      extra.push(process);
      const client = await stream(path(a.businessId), { on: process });
      await client.until(
        () => client.comments.filter((comment) => comment === 'ping').length >= 2,
        3000,
        'pings',
      );
      expect(process.app.realtime.stats().clients).toBe(1);
      await client.close();
      await client.until(() => process.app.realtime.stats().clients === 0, 2000, 'the hub to forget it');
      // With no client, events pass through the hub and leave nothing behind.
      await produce(a, 5);
      expect(process.app.realtime.stats().clients).toBe(0);
    });

    it('catches a client that does not read up from the log instead of queueing or dropping it', async () => {
      const limit = 64 * 1024;
      const process = await startLiveProcess(t.db, { limits: { maxBufferedBytes: limit } });
      extra.push(process);
      const reading = await stream(path(a.businessId), { on: process });
      const slow = await new Promise<IncomingMessage>((resolve) => {
        httpRequest(`${process.url}${path(a.businessId)}`, { headers: { authorization: `Bearer ${ownerA}` } })
          .on('response', resolve)
          .end();
      });
      expect(slow.statusCode).toBe(200);
      slow.pause();
      await reading.until(() => process.app.realtime.stats().clients === 2, 2000, 'two clients');
      const from = await head();
      // Far more than the buffer limit, the socket buffers and the held-message limit together.
      for (let round = 0; round < 12; round++) await appendBulkEvents(t.db, a.businessId, 50, 32 * 1024);
      await relayed();
      const expected = await feed(a.businessId, from);
      await reading.until(() => reading.events.length >= expected.length, 30_000, 'every event, read live');
      const stats = process.app.realtime.stats();
      expect(stats.slowConsumersCaughtUp).toBeGreaterThanOrEqual(1);
      expect(stats.slowConsumersDropped).toBe(0);
      expect(stats.clients).toBe(2);

      // Once it reads again it gets every event, once, in order: what did not fit came from the log.
      const received = readSse(slow);
      slow.resume();
      await reading.until(
        () => received.ids.length >= expected.length,
        30_000,
        'the slow client to catch up',
      );
      expect(received.ids).toEqual(offsets(expected));
      await produce(a, 2);
      const after = await feed(a.businessId, expected[expected.length - 1]?.offset ?? 0);
      await reading.until(() => received.ids.length >= expected.length + after.length, 10_000, 'live again');
      expect(received.ids.slice(expected.length)).toEqual(offsets(after));
      slow.destroy();
    }, 90_000);
  });
}

/** The ids of the events an SSE response carries, parsed as they arrive. */
function readSse(response: IncomingMessage): { ids: string[] } {
  const received = { ids: [] as string[] };
  let buffer = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffer += chunk;
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const id = /^id: (.*)$/m.exec(buffer.slice(0, end))?.[1];
      if (id !== undefined) received.ids.push(id);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
    }
  });
  return received;
}

describe.runIf(await isRedisReachable())('business event stream over Redis Streams', () => {
  it('numbers live events with their outbox log position, as the paged feed does', async () => {
    const [pglite] = await databaseKinds();
    if (!pglite) throw new Error('no database');
    const t = await startTestApp(pglite);
    const scratch = scratchStream();
    const relayBus = new RedisBus({ url: REDIS_URL, stream: scratch.stream, maxLength: 10_000 });
    const tailBus = new RedisBus({ url: REDIS_URL, stream: scratch.stream, maxLength: 10_000 });
    const relay = startOutboxRelay(t.db, relayBus, { idleMs: 10, retryMs: 100 });
    const live = await startLiveProcess(t.db, { bus: tailBus });
    try {
      const f = await seedRestaurant(t.db);
      const owner = (await t.userToken({ memberships: [{ businessId: f.businessId, role: 'owner' }] })).token;
      const opened = await openStream(`${live.url}/api/v1/businesses/${f.businessId}/events/stream`, {
        token: owner,
      });
      if (!(opened instanceof TestStream)) throw new Error(`stream refused: ${JSON.stringify(opened)}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await appendBulkEvents(t.db, f.businessId, 12, 10);
      const { rows } = await t.db.query<{ event_id: string; log_position: number | null }>(
        'SELECT event_id, log_position FROM outbox WHERE business_id = $1 ORDER BY position',
        [f.businessId],
      );
      await opened.until(() => opened.events.length >= rows.length, 10_000, 'every event over Redis');
      const { rows: logged } = await t.db.query<{ event_id: string; log_position: number }>(
        'SELECT event_id, log_position FROM outbox WHERE business_id = $1 ORDER BY log_position',
        [f.businessId],
      );
      expect(opened.events.map((event) => event.id)).toEqual(logged.map((row) => String(row.log_position)));
      expect(opened.events.map((event) => event.data.event_id)).toEqual(logged.map((row) => row.event_id));
      await opened.close();
    } finally {
      await live.close();
      await relay.stop();
      await relayBus.close();
      await tailBus.close();
      await scratch.drop();
      await t.close();
    }
  }, 30_000);
});
