import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsConsumer } from '../../../src/consumers/notifications-consumer.js';
import { appendEvents } from '../../../src/outbox/outbox-writer.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { placeOrder as placeOrderOverHttp } from '../../support/orders.js';
import { drainPipeline } from '../../support/pipeline.js';
import {
  type LiveProcess,
  openStream,
  startLiveProcess,
  startRelay,
  TestStream,
} from './realtime-harness.js';

/**
 * Server-sent event streams with real clients (fetch streaming): the customer's order stream and the
 * notifications stream, live and resumed with Last-Event-ID, heartbeats, the slow-client drop and
 * shutdown. Events come from the real pipeline: HTTP API → outbox → relay → embedded bus → hub.
 */
for (const kind of await databaseKinds()) {
  describe(`SSE streams on ${kind.name}`, () => {
    let t: TestApp;
    let live: LiveProcess;
    let relay: { stop(): Promise<void> };
    let f: RestaurantFixture;
    type User = { userId: string; token: string };
    let customer: User;
    let otherCustomer: User;
    let kitchen: User;
    let cashier: User;
    const streams: TestStream[] = [];
    const extra: LiveProcess[] = [];

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await seedRestaurant(t.db);
      customer = await t.userToken();
      otherCustomer = await t.userToken();
      kitchen = await t.userToken({
        memberships: [{ businessId: f.businessId, role: 'staff', position: 'kitchen' }],
      });
      cashier = await t.userToken({
        memberships: [{ businessId: f.businessId, role: 'staff', position: 'cashier' }],
      });
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

    const stream = async (
      path: string,
      options: { token?: string; headers?: Record<string, string>; on?: LiveProcess } = {},
    ) => {
      const opened = await openStream(`${(options.on ?? live).url}${path}`, options);
      if (!(opened instanceof TestStream)) throw new Error(`stream refused: ${JSON.stringify(opened)}`);
      streams.push(opened);
      return opened;
    };
    const placeOrder = (token = customer.token) =>
      placeOrderOverHttp(t, {
        locationId: f.locationId,
        token,
        items: [{ itemId: f.items.fries, quantity: 1 }],
      });
    const move = async (orderId: string, status: string) => {
      const response = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${orderId}/status`,
        token: status === 'preparing' || status === 'ready' ? kitchen.token : cashier.token,
        body: { status },
      });
      expect(response.statusCode, response.body).toBe(200);
    };
    const timeline = async (orderId: string) => {
      const response = await t.request({
        method: 'GET',
        url: `/api/v1/orders/${orderId}/events`,
        token: customer.token,
      });
      return (response.json() as { events: { sequence: number; event_type: string }[] }).events;
    };

    it('refuses a stream without access, and a malformed Last-Event-ID', async () => {
      const order = await placeOrder();
      const url = `${live.url}/api/v1/orders/${order.id}/stream`;
      expect(await openStream(url)).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
      expect(await openStream(url, { token: otherCustomer.token })).toMatchObject({
        status: 404,
        body: { code: 'not_found' },
      });
      expect(
        await openStream(url, { token: customer.token, headers: { 'last-event-id': 'abc' } }),
      ).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
      expect(await openStream(`${url}?lastEventId=1.5`, { token: customer.token })).toMatchObject({
        status: 400,
      });
      expect(await openStream(`${live.url}/api/v1/notifications/stream`)).toMatchObject({ status: 401 });
      // The query token is accepted (EventSource cannot send headers).
      const byQuery = await stream(`/api/v1/orders/${order.id}/stream?access_token=${customer.token}`);
      expect(byQuery.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      await byQuery.close();
    });

    it("streams the order's events live: id = sequence, event = type, data = envelope", async () => {
      const order = await placeOrder();
      const events = await stream(`/api/v1/orders/${order.id}/stream`, { token: customer.token });
      await move(order.id, 'preparing');
      await move(order.id, 'ready');
      // Without Last-Event-ID nothing is replayed; what the relay publishes from now on comes live (here
      // possibly the order's first events too, if they reach the bus after the stream opened).
      const changes = () => events.events.filter((e) => e.event === 'order.status_changed');
      await events.until(() => changes().length === 2, 5000, 'two status changes');
      const [preparing, ready] = changes();
      expect(preparing?.event).toBe('order.status_changed');
      expect(preparing?.data).toMatchObject({
        event_type: 'order.status_changed',
        order_id: order.id,
        payload: { from: 'confirmed', to: 'preparing' },
      });
      expect(Number(ready?.id)).toBe(Number(preparing?.id) + 1);
      expect(ready?.id).toBe(String(ready?.data.sequence));
      const sequences = (await timeline(order.id)).map((e) => e.sequence);
      expect(sequences.slice(-2).map(String)).toEqual([preparing?.id, ready?.id]);
    });

    it('resumes after Last-Event-ID: the backlog, then live, with no gap and no duplicate', async () => {
      const order = await placeOrder();
      // Moves race with the connection: some land in the backlog, some arrive live, some in both.
      const moving = (async () => {
        await move(order.id, 'preparing');
        await move(order.id, 'ready');
        await move(order.id, 'picked_up');
      })();
      const resumed = await stream(`/api/v1/orders/${order.id}/stream`, {
        token: customer.token,
        headers: { 'last-event-id': '1' },
      });
      await moving;
      const expected = (await timeline(order.id)).filter((e) => e.sequence > 1);
      await resumed.until(() => resumed.events.length >= expected.length, 5000, 'every event after 1');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(resumed.events.map((e) => e.id)).toEqual(expected.map((e) => String(e.sequence)));
      expect(resumed.events.map((e) => e.event)).toEqual(expected.map((e) => e.event_type));

      // ?lastEventId=-1 replays the whole history; then it goes on live.
      const all = await stream(`/api/v1/orders/${order.id}/stream?lastEventId=-1`, { token: customer.token });
      await all.until(() => all.events.length === expected.length + 2, 5000, 'the whole history');
      expect(all.events[0]).toMatchObject({ id: '0', event: 'order.placed' });
      await move(order.id, 'completed');
      await all.until(() => all.events.some((e) => e.data.payload?.to === 'completed'), 5000, 'completed');
      const ids = all.events.map((e) => Number(e.id));
      expect(ids).toEqual(ids.map((_, index) => index));
    });

    it('delivers in-app notifications live, and replays the missed ones after Last-Event-ID', async () => {
      const mine = await stream('/api/v1/notifications/stream', {
        headers: { authorization: `Bearer ${customer.token}` },
      });
      const theirs = await stream(`/api/v1/notifications/stream?access_token=${otherCustomer.token}`);
      const order = await placeOrder();
      await move(order.id, 'preparing');
      await drainPipeline(t.db, { consumers: [notificationsConsumer()] });
      const { rows } = await t.db.query<{ id: number; type: string }>(
        'SELECT id::int AS id, type FROM notifications WHERE user_id = $1 ORDER BY id',
        [customer.userId],
      );
      expect(rows.length).toBeGreaterThanOrEqual(2);
      await mine.until(() => mine.events.length === rows.length, 5000, 'every notification');
      expect(mine.events.map((e) => Number(e.id))).toEqual(rows.map((r) => r.id));
      expect(mine.events[0]).toMatchObject({
        event: 'notification.created',
        data: { notification_id: rows[0]?.id, user_id: customer.userId, type: rows[0]?.type },
      });
      expect(theirs.events).toHaveLength(0);

      // A client that saw only the first one gets the rest from the table, in the same shape.
      const resumed = await stream('/api/v1/notifications/stream', {
        token: customer.token,
        headers: { 'last-event-id': String(rows[0]?.id) },
      });
      await resumed.until(() => resumed.events.length === rows.length - 1, 5000, 'the missed notifications');
      expect(resumed.events.map((e) => Number(e.id))).toEqual(rows.slice(1).map((r) => r.id));
      expect(resumed.events[0]?.data).toEqual(mine.events[1]?.data);
    });

    it('sends heartbeat comments', async () => {
      const order = await placeOrder();
      const events = await stream(`/api/v1/orders/${order.id}/stream`, { token: customer.token });
      await events.until(() => events.comments.filter((c) => c === 'ping').length >= 3, 3000, 'three pings');
    });

    it('drops a stream whose client does not read; the server buffer stays within the limit', async () => {
      const limit = 64 * 1024;
      const eventBytes = 32 * 1024;
      const count = 600;
      const process = await startLiveProcess(t.db, { limits: { maxBufferedBytes: limit } });
      extra.push(process);
      const order = await placeOrder();
      const fast = await stream(`/api/v1/orders/${order.id}/stream`, { token: customer.token, on: process });
      const slow = await new Promise<IncomingMessage>((resolve) => {
        httpRequest(`${process.url}/api/v1/orders/${order.id}/stream`, {
          headers: { authorization: `Bearer ${customer.token}` },
        })
          .on('response', resolve)
          .end();
      });
      slow.pause();
      expect(slow.statusCode).toBe(200);
      let slowGone = false;
      slow.on('close', () => {
        slowGone = true;
      });

      // Volume for one order through the real outbox writer and relay: status events with a large reason.
      const reason = 'r'.repeat(eventBytes);
      for (let done = 0; done < count; done += 50) {
        await t.db.transaction((tx) =>
          appendEvents(
            tx,
            Array.from({ length: 50 }, () => ({
              type: 'order.status_changed' as const,
              businessId: f.businessId,
              locationId: f.locationId,
              orderId: order.id,
              payload: {
                from: 'confirmed' as const,
                to: 'confirmed' as const,
                actor: { user_id: null, role: 'system' },
                reason,
              },
            })),
          ),
        );
      }
      const bulk = () => fast.events.filter((e) => e.data.payload?.reason?.length === eventBytes);
      await fast.until(() => bulk().length === count, 30_000, `${count} events`);
      const stats = process.app.realtime.stats();
      expect(stats.slowConsumersDropped).toBe(1);
      expect(stats.droppedBufferPeakBytes).toBeGreaterThan(limit);
      expect(stats.droppedBufferPeakBytes).toBeLessThan(limit + eventBytes + 4096);
      expect(stats.clients).toBe(1);
      slow.resume();
      await fast.until(() => slowGone, 5000, 'the slow stream to be cut');
    }, 60_000);

    it('forgets clients that leave, and ends every stream on shutdown without hanging', async () => {
      const process = await startLiveProcess(t.db, { limits: { closeGraceMs: 300 } });
      const order = await placeOrder();
      // The client that leaves uses node:http: after an aborted fetch, Node's fetch opens a spare
      // connection that never sends a request, and server.close() waits for it until the client's
      // keep-alive timeout, which would hide what this test measures.
      const leaving = await new Promise<IncomingMessage>((resolve) => {
        httpRequest(`${process.url}/api/v1/orders/${order.id}/stream`, {
          headers: { authorization: `Bearer ${customer.token}` },
        })
          .on('response', resolve)
          .end();
      });
      const staying = await stream('/api/v1/notifications/stream', { token: customer.token, on: process });
      await staying.until(() => process.app.realtime.stats().clients === 2, 2000, 'two clients');
      leaving.destroy();
      await staying.until(() => process.app.realtime.stats().clients === 1, 2000, 'the hub to forget it');

      const started = Date.now();
      await process.app.close();
      expect(Date.now() - started).toBeLessThan(3000);
      await staying.until(() => staying.ended, 2000, 'the stream to end');
      await process.close();
    });
  });
}
