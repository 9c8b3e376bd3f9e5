import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenService } from '../../../src/auth/tokens.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { placeOrder as placeOrderOverHttp } from '../../support/orders.js';
import {
  appendBulkEvents,
  type LiveProcess,
  openFeed,
  startLiveProcess,
  startRelay,
  type TestSocket,
} from './realtime-harness.js';

/**
 * What keeps the WebSocket feeds healthy under bad clients and many processes: heartbeats, token
 * expiry, the slow-consumer drop (the server's memory stays bounded), clean shutdown, several API
 * processes each tailing the bus, bad bus messages, and the once-a-second live metrics push.
 */
for (const kind of await databaseKinds()) {
  describe(`WebSocket feed limits on ${kind.name}`, () => {
    let t: TestApp;
    let relay: { stop(): Promise<void> };
    let f: RestaurantFixture;
    let other: RestaurantFixture;
    let owner: { userId: string; token: string };
    let otherOwner: { userId: string; token: string };
    let customer: { userId: string; token: string };
    const processes: LiveProcess[] = [];
    const sockets: TestSocket[] = [];

    const startProcess = async (options: Parameters<typeof startLiveProcess>[1] = {}) => {
      const live = await startLiveProcess(t.db, options);
      processes.push(live);
      return live;
    };
    const dashboard = async (live: LiveProcess, options: { token?: string; autoPong?: boolean } = {}) => {
      const socket = await openFeed(live.wsUrl, `/api/v1/ws/dashboard/${f.businessId}`, {
        token: owner.token,
        ...options,
      });
      sockets.push(socket);
      return socket;
    };
    const placeOrder = () =>
      placeOrderOverHttp(t, {
        locationId: f.locationId,
        token: customer.token,
        items: [{ itemId: f.items.fries, quantity: 1 }],
      });
    const placed = (socket: TestSocket, orderId: string) =>
      socket.until(
        () => socket.messages.find((m) => m.event === 'order.placed' && m.data.order_id === orderId),
        5000,
        `order.placed of ${orderId}`,
      );

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await seedRestaurant(t.db);
      other = await seedRestaurant(t.db, { name: 'Elsewhere' });
      owner = await t.userToken({ memberships: [{ businessId: f.businessId, role: 'owner' }] });
      otherOwner = await t.userToken({ memberships: [{ businessId: other.businessId, role: 'owner' }] });
      customer = await t.userToken();
      relay = startRelay(t.db);
    });

    afterAll(async () => {
      for (const socket of sockets) socket.ws.terminate();
      for (const live of processes) await live.close();
      await relay.stop();
      await t.close();
    });

    it('pings every client and terminates the ones that stop answering', async () => {
      const live = await startProcess({ limits: { heartbeatMs: 100 } });
      const healthy = await dashboard(live);
      const silent = await dashboard(live, { autoPong: false });
      // A silent client is pinged once, misses the pong, and is gone at the next beat.
      await silent.until(() => silent.closed, 3000, 'the silent client to be terminated');
      expect(silent.closed?.code).toBe(1006);
      expect(silent.pings).toBeGreaterThanOrEqual(1);
      await healthy.until(() => healthy.pings >= 5, 3000, 'five pings');
      expect(healthy.closed).toBeUndefined();
      expect(live.app.realtime.stats().clients).toBe(1);
    });

    it('closes a connection with 4001 when its access token expires', async () => {
      const live = await startProcess({ limits: { heartbeatMs: 100 } });
      // Token times are whole seconds: a 1-second token may have only milliseconds left when issued,
      // and be refused before the socket opens on a busy machine.
      const shortLived = await new TokenService(TEST_JWT_SECRET, 3).issueAccessToken({
        userId: owner.userId,
        platformRole: 'user',
        memberships: [{ businessId: f.businessId, role: 'owner', position: null, locationIds: [] }],
      });
      const socket = await dashboard(live, { token: shortLived });
      await socket.until(() => socket.closed, 6000, 'the expiry close');
      expect(socket.closed).toEqual({ code: 4001, reason: 'token expired' });
    });

    it('drops a client that does not read, with 4008, before its buffer passes the limit; others get everything', async () => {
      const limit = 64 * 1024;
      const eventBytes = 32 * 1024;
      const count = 600;
      const live = await startProcess({ limits: { maxBufferedBytes: limit, closeGraceMs: 30_000 } });
      const fast = await dashboard(live);
      const slow = await dashboard(live);
      // Stop reading: the kernel buffers fill, then the server's own buffer grows until the drop.
      slow.ws.pause();

      await appendBulkEvents(t.db, f.businessId, count, eventBytes);
      await fast.until(() => fast.events('menu.changed').length === count, 30_000, `${count} events`);
      const stats = live.app.realtime.stats();
      expect(stats.slowConsumersDropped).toBe(1);
      // What the server held for the slow client never exceeded the limit by more than one message.
      expect(stats.droppedBufferPeakBytes).toBeGreaterThan(limit);
      expect(stats.droppedBufferPeakBytes).toBeLessThan(limit + eventBytes + 2048);
      expect(stats.clients).toBe(1);

      // Once it reads again, it finds what was sent before the drop, then the close frame.
      slow.ws.resume();
      await slow.until(() => slow.closed, 10_000, 'the slow-consumer close');
      expect(slow.closed).toEqual({ code: 4008, reason: 'slow consumer' });
      expect(slow.events('menu.changed').length).toBeLessThan(count);
      expect(fast.closed).toBeUndefined();
    }, 60_000);

    it('closes every client with 1001 on shutdown, without waiting on clients that do not answer', async () => {
      const live = await startLiveProcess(t.db, { limits: { closeGraceMs: 300 } });
      const polite = await dashboard(live);
      const stuck = await dashboard(live);
      stuck.ws.pause();
      const started = Date.now();
      await live.app.close();
      expect(Date.now() - started).toBeLessThan(3000);
      await live.close();
      await polite.until(() => polite.closed, 2000, 'the shutdown close');
      expect(polite.closed).toEqual({ code: 1001, reason: 'server shutting down' });
      stuck.ws.resume();
      await stuck.until(() => stuck.closed, 2000, 'the stuck client to be cut');
      expect(live.app.realtime.stats().clients).toBe(0);
    });

    it('delivers every event through each API process: each one tails the bus itself', async () => {
      const first = await startProcess();
      const second = await startProcess();
      const onFirst = await dashboard(first);
      const onSecond = await dashboard(second);
      const order = await placeOrder();
      await placed(onFirst, order.id);
      await placed(onSecond, order.id);

      // One process going away does not affect the clients of the other.
      await first.close();
      processes.splice(processes.indexOf(first), 1);
      const next = await placeOrder();
      await placed(onSecond, next.id);
      expect(onFirst.closed?.code).toBe(1001);
    });

    it('skips bus messages that are not valid envelopes and keeps going', async () => {
      const live = await startProcess();
      const socket = await dashboard(live);
      const insert = (eventType: string, payload: unknown) =>
        t.db.query(
          `INSERT INTO outbox (event_id, event_type, version, occurred_at, business_id, sequence, payload)
           VALUES ($1, $2, 1, now(), $3, 0, $4)`,
          [randomUUID(), eventType, f.businessId, JSON.stringify(payload)],
        );
      await insert('bogus.event', {});
      await insert('order.placed', { status: 'nonsense' });
      const order = await placeOrder();
      await placed(socket, order.id);
      expect(live.app.realtime.stats().malformed).toBe(2);
      expect(socket.messages.some((m) => m.event === 'bogus.event')).toBe(false);
      expect(socket.messages.filter((m) => m.event === 'order.placed')).toHaveLength(1);
    });

    it('pushes live metrics to dashboards at most once per interval, only when they change', async () => {
      const calls: string[] = [];
      // A small real provider: the business's order count, straight from the database.
      const liveMetrics = async (businessId: string, now: Date) => {
        calls.push(businessId);
        if (businessId === other.businessId) throw new Error('metrics store unavailable');
        const { rows } = await t.db.query<{ orders: number }>(
          'SELECT count(*)::int AS orders FROM orders WHERE business_id = $1',
          [businessId],
        );
        return { businessId, orders: rows[0]?.orders ?? 0, day: now.toISOString().slice(0, 10) };
      };
      const live = await startProcess({ liveMetrics, limits: { metricsIntervalMs: 100 } });
      const { rows } = await t.db.query<{ orders: number }>(
        'SELECT count(*)::int AS orders FROM orders WHERE business_id = $1',
        [f.businessId],
      );
      const before = rows[0]?.orders ?? 0;

      const watcher = await dashboard(live);
      const failing = await openFeed(live.wsUrl, `/api/v1/ws/dashboard/${other.businessId}`, {
        token: otherOwner.token,
      });
      sockets.push(failing);
      // The greeting may arrive while the second feed opens, so take the first message whenever it came.
      const first = await watcher.until(
        () => watcher.events('metrics.updated')[0],
        3000,
        'the first metrics.updated',
      );
      expect(first.data).toMatchObject({ businessId: f.businessId, orders: before });
      // Unchanged figures are not pushed again.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(watcher.events('metrics.updated')).toHaveLength(1);

      await placeOrder();
      // The ticker may push the new count before placeOrder's response arrives, so wait for the
      // second message rather than the next one after this point.
      const second = await watcher.until(
        () => watcher.events('metrics.updated')[1],
        3000,
        'the second metrics.updated',
      );
      expect(second.data.orders).toBe(before + 1);
      expect(Date.parse(second.timestamp)).toBeGreaterThan(Date.parse(first.timestamp));

      // A dashboard that joins now gets the current figures at once, not at the next change.
      const late = await dashboard(live);
      const greeting = await late.until(() => late.events('metrics.updated')[0], 1000, 'the greeting');
      expect(greeting.data.orders).toBe(before + 1);

      // The failing business gets nothing, and its failures never stop the others.
      expect(failing.events('metrics.updated')).toHaveLength(0);
      expect(live.app.realtime.stats().metricsFailures).toBeGreaterThan(0);

      // Nobody watching: the provider is no longer asked.
      for (const socket of [watcher, late, failing]) socket.close();
      await watcher.until(() => live.app.realtime.stats().clients === 0, 3000, 'clients gone');
      await new Promise((resolve) => setTimeout(resolve, 150));
      const asked = calls.length;
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(calls.length).toBe(asked);
    });
  });
}
