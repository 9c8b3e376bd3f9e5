import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kitchenConsumer } from '../../../src/consumers/kitchen-consumer.js';
import { notificationsConsumer } from '../../../src/consumers/notifications-consumer.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { placeOrder as placeOrderOverHttp } from '../../support/orders.js';
import { drainPipeline } from '../../support/pipeline.js';
import {
  connectFeed,
  type LiveProcess,
  openFeed,
  type Refusal,
  startLiveProcess,
  startRelay,
  TestSocket,
} from './realtime-harness.js';

/**
 * The WebSocket feeds end to end: orders placed over HTTP, their events published by the outbox relay
 * to the embedded bus, tailed by the API process and received by real `ws` clients.
 */
for (const kind of await databaseKinds()) {
  describe(`WebSocket feeds on ${kind.name}`, () => {
    let t: TestApp;
    let live: LiveProcess;
    let relay: { stop(): Promise<void> };
    let f: RestaurantFixture;
    let other: RestaurantFixture;
    let secondLocationId: string;
    type User = { userId: string; token: string };
    let owner: User;
    let manager: User;
    let kitchen: User;
    let secondKitchen: User;
    let cashier: User;
    let customer: User;
    let otherCustomer: User;
    let otherOwner: User;
    let admin: User;
    const open: TestSocket[] = [];

    const feed = async (path: string, options: { token?: string; queryToken?: string }) => {
      const socket = await openFeed(live.wsUrl, path, options);
      open.push(socket);
      return socket;
    };

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await seedRestaurant(t.db);
      other = await seedRestaurant(t.db, { name: 'Elsewhere' });
      // A second location of the same business, serving the same brand.
      secondLocationId = randomUUID();
      await t.db.query(
        `INSERT INTO locations (id, business_id, code, name, address, lat, lon, time_zone, currency, tax_rules,
                                service_types, delivery_fee_minor, business_hours)
         SELECT $2, business_id, 'TOR-2', name || ' 2', address, lat, lon, time_zone, currency, tax_rules,
                service_types, delivery_fee_minor, business_hours FROM locations WHERE id = $1`,
        [f.locationId, secondLocationId],
      );
      await t.db.query(
        `INSERT INTO brand_locations (business_id, brand_id, location_id) VALUES ($1, $2, $3)`,
        [f.businessId, f.brandId, secondLocationId],
      );
      const member = (
        role: 'owner' | 'manager' | 'staff',
        position?: 'kitchen' | 'cashier',
        locationIds?: string[],
      ) =>
        t.userToken({
          memberships: [
            {
              businessId: f.businessId,
              role,
              ...(position ? { position } : {}),
              ...(locationIds ? { locationIds } : {}),
            },
          ],
        });
      owner = await member('owner');
      manager = await member('manager');
      kitchen = await member('staff', 'kitchen');
      secondKitchen = await member('staff', 'kitchen', [secondLocationId]);
      cashier = await member('staff', 'cashier');
      customer = await t.userToken();
      otherCustomer = await t.userToken();
      otherOwner = await t.userToken({ memberships: [{ businessId: other.businessId, role: 'owner' }] });
      admin = await t.userToken({ platformRole: 'platform_admin' });
      relay = startRelay(t.db);
      live = await startLiveProcess(t.db);
    });

    afterAll(async () => {
      for (const socket of open) socket.close();
      await live.close();
      await relay.stop();
      await t.close();
    });

    const placeOrder = (
      options: { locationId?: string; serviceType?: 'takeout' | 'dine_in'; token?: string } = {},
    ) =>
      placeOrderOverHttp(t, {
        locationId: options.locationId ?? f.locationId,
        token: options.token ?? customer.token,
        serviceType: options.serviceType,
        ...(options.serviceType === 'dine_in' ? { tableNumber: '7' } : {}),
        items: [{ itemId: f.items.fries, quantity: 1 }],
      });
    const placeOtherOrder = () =>
      placeOrderOverHttp(t, {
        locationId: other.locationId,
        token: customer.token,
        items: [{ itemId: other.items.fries, quantity: 1 }],
      });
    const move = async (orderId: string, status: string, token = kitchen.token) => {
      const response = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${orderId}/status`,
        token,
        body: { status },
      });
      expect(response.statusCode, response.body).toBe(200);
    };
    const placedEvent = (socket: TestSocket, orderId: string) =>
      socket.until(
        () => socket.messages.find((m) => m.event === 'order.placed' && m.data.order_id === orderId),
        5000,
        `order.placed of ${orderId}`,
      );
    const orderIds = (socket: TestSocket) => new Set(socket.messages.map((m) => m.data?.order_id));

    it('refuses the upgrade with problem+json when the token is missing, invalid or of another tenant', async () => {
      const refused = async (path: string, options: { token?: string; queryToken?: string }) => {
        const result = await connectFeed(live.wsUrl, path, options);
        expect(result).not.toBeInstanceOf(TestSocket);
        return result as Refusal;
      };
      const dashboard = `/api/v1/ws/dashboard/${f.businessId}`;
      const kds = `/api/v1/ws/kds/${f.locationId}`;
      const tables = `/api/v1/ws/tables/${f.locationId}`;

      expect((await refused(dashboard, {})).body).toMatchObject({ status: 401, code: 'unauthenticated' });
      expect((await refused(dashboard, { token: 'not-a-jwt' })).body.code).toBe('invalid_token');
      expect((await refused(dashboard, { queryToken: 'not-a-jwt' })).body.code).toBe('invalid_token');
      // Another business's owner, by header and by query token.
      expect(await refused(dashboard, { token: otherOwner.token })).toMatchObject({
        status: 403,
        body: { code: 'forbidden' },
      });
      expect((await refused(dashboard, { queryToken: otherOwner.token })).status).toBe(403);
      expect((await refused(kds, { token: otherOwner.token })).status).toBe(403);
      expect((await refused(tables, { queryToken: otherOwner.token })).status).toBe(403);
      // Inside the business, by role and location.
      expect((await refused(dashboard, { token: customer.token })).status).toBe(403);
      expect((await refused(dashboard, { token: kitchen.token })).status).toBe(403);
      expect((await refused(kds, { token: cashier.token })).status).toBe(403);
      expect((await refused(kds, { token: secondKitchen.token })).status).toBe(403);
      expect((await refused(`/api/v1/ws/dashboard/${randomUUID()}`, { token: admin.token })).status).toBe(
        404,
      );

      const order = await placeOrder();
      const orderFeed = `/api/v1/ws/orders/${order.id}`;
      expect((await refused(orderFeed, { token: otherCustomer.token })).body).toMatchObject({
        status: 404,
        code: 'not_found',
      });
      expect((await refused(orderFeed, { token: otherOwner.token })).status).toBe(404);
      expect((await refused(orderFeed, {})).status).toBe(401);

      // The ones allowed in, for contrast.
      for (const [path, token] of [
        [dashboard, owner.token],
        [dashboard, manager.token],
        [dashboard, admin.token],
        [kds, kitchen.token],
        [kds, manager.token],
        [tables, cashier.token],
        [orderFeed, customer.token],
        [orderFeed, cashier.token],
      ] as const) {
        (await feed(path, { queryToken: token })).close();
      }
    });

    it("feeds any staff covering a location its orders' changes: order, payment, refund and delivery events", async () => {
      const path = (locationId: string) => `/api/v1/ws/locations/${locationId}/orders`;
      for (const token of [otherOwner.token, customer.token, secondKitchen.token]) {
        const refused = await connectFeed(live.wsUrl, path(f.locationId), { token });
        expect(refused).not.toBeInstanceOf(TestSocket);
        expect((refused as Refusal).status).toBe(403);
      }
      const cashierFeed = await feed(path(f.locationId), { queryToken: cashier.token });
      (await feed(path(f.locationId), { token: manager.token })).close();
      (await feed(path(secondLocationId), { token: secondKitchen.token })).close();

      const order = await placeOrder();
      // Another business's order (not the second location's: its kitchen events would reach the
      // kitchen display test's sockets later).
      const foreign = await placeOtherOrder();
      await placedEvent(cashierFeed, order.id);
      await cashierFeed.until(() =>
        cashierFeed.events('payment.captured').some((m) => m.data.order_id === order.id),
      );
      const refund = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/refunds`,
        token: manager.token,
        body: { amountMinor: 100, reason: 'cold fries' },
      });
      expect(refund.statusCode, refund.body).toBe(201);
      await cashierFeed.until(() =>
        cashierFeed.events('refund.processed').some((m) => m.data.order_id === order.id),
      );
      expect(orderIds(cashierFeed).has(foreign.id)).toBe(false);
      const kinds = new Set(cashierFeed.messages.map((m) => m.event.split('.')[0]));
      expect(
        [...kinds].every((kind) => ['order', 'payment', 'refund', 'delivery'].includes(kind ?? '')),
      ).toBe(true);
    });

    it('sends the dashboard every event of its business as {event, timestamp, data}, and none of another', async () => {
      const byHeader = await feed(`/api/v1/ws/dashboard/${f.businessId}`, { token: owner.token });
      const byQuery = await feed(`/api/v1/ws/dashboard/${f.businessId}`, { queryToken: admin.token });
      const elsewhere = await feed(`/api/v1/ws/dashboard/${other.businessId}`, { token: otherOwner.token });

      const order = await placeOrder();
      const placed = await placedEvent(byHeader, order.id);
      expect(Object.keys(placed).sort()).toEqual(['data', 'event', 'timestamp']);
      expect(Number.isNaN(Date.parse(placed.timestamp))).toBe(false);
      expect(placed.data).toMatchObject({
        event_type: 'order.placed',
        version: 1,
        business_id: f.businessId,
        location_id: f.locationId,
        order_id: order.id,
        sequence: 0,
        payload: { service_type: 'takeout', customer_id: customer.userId },
      });
      expect(typeof placed.data.event_id).toBe('string');
      await byHeader.until(() =>
        byHeader.events('order.confirmed').some((m) => m.data.order_id === order.id),
      );
      await placedEvent(byQuery, order.id);

      const foreign = await placeOtherOrder();
      await placedEvent(elsewhere, foreign.id);
      const later = await placeOrder();
      await placedEvent(byHeader, later.id);
      expect(orderIds(byHeader).has(foreign.id)).toBe(false);
      expect(orderIds(elsewhere).has(order.id)).toBe(false);
      expect(byHeader.messages.every((m) => m.data.business_id === f.businessId)).toBe(true);

      // Notifications are messages to one person: they go to that person's stream, not to dashboards.
      await drainPipeline(t.db, { consumers: [notificationsConsumer()] });
      const { rows } = await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM notifications WHERE business_id = $1',
        [f.businessId],
      );
      expect(rows[0]?.n).toBeGreaterThan(0);
      const marker = await placeOrder();
      await placedEvent(byHeader, marker.id);
      expect(byHeader.messages.some((m) => m.event.startsWith('notification.'))).toBe(false);
    });

    it("feeds the kitchen display its location's kitchen and order events, and the tables feed dine-in ones", async () => {
      const kds = await feed(`/api/v1/ws/kds/${f.locationId}`, { queryToken: kitchen.token });
      const secondKds = await feed(`/api/v1/ws/kds/${secondLocationId}`, { token: secondKitchen.token });
      const tables = await feed(`/api/v1/ws/tables/${f.locationId}`, { token: cashier.token });

      const takeout = await placeOrder();
      const dineIn = await placeOrder({ serviceType: 'dine_in' });
      await move(dineIn.id, 'preparing');
      await move(takeout.id, 'preparing');
      const elsewhere = await placeOrder({ locationId: secondLocationId });

      await placedEvent(kds, takeout.id);
      await placedEvent(kds, dineIn.id);
      await kds.until(() => kds.events('order.status_changed').some((m) => m.data.order_id === takeout.id));
      // The kitchen consumer turns confirmed orders into tickets; their events reach the display.
      await drainPipeline(t.db, { consumers: [kitchenConsumer()] });
      const ticket = await kds.until(() =>
        kds.events('kitchen.ticket_created').find((m) => m.data.order_id === takeout.id),
      );
      expect(ticket.data.location_id).toBe(f.locationId);
      expect(kds.messages.every((m) => m.event.startsWith('order.') || m.event.startsWith('kitchen.'))).toBe(
        true,
      );

      await placedEvent(secondKds, elsewhere.id);
      expect(orderIds(secondKds)).toEqual(new Set([elsewhere.id]));
      expect(orderIds(kds).has(elsewhere.id)).toBe(false);

      await tables.until(() =>
        tables.events('order.status_changed').some((m) => m.data.order_id === dineIn.id),
      );
      // Sent after the dine-in change: had the takeout order's events reached the tables feed, they would be here.
      await kds.until(() => kds.events('order.status_changed').some((m) => m.data.order_id === takeout.id));
      const marker = await placeOrder({ serviceType: 'dine_in' });
      await placedEvent(tables, marker.id);
      expect(orderIds(tables).has(takeout.id)).toBe(false);
      expect(tables.events('order.placed').map((m) => m.data.payload.service_type)).toEqual([
        'dine_in',
        'dine_in',
      ]);

      // Floor-plan changes reach the tables feed, not the kitchen display.
      const created = await t.request({
        method: 'POST',
        url: `/api/v1/locations/${f.locationId}/tables`,
        token: manager.token,
        body: { number: 'T9', capacity: 4 },
      });
      expect(created.statusCode, created.body).toBe(201);
      const tableId = (created.json() as { id: string }).id;
      const moved = await t.request({
        method: 'POST',
        url: `/api/v1/locations/${f.locationId}/tables/${tableId}/maintenance`,
        token: manager.token,
      });
      expect(moved.statusCode, moved.body).toBe(200);
      const statusChanged = await tables.until(() => tables.events('table.status_changed')[0]);
      expect(statusChanged.data).toMatchObject({
        location_id: f.locationId,
        payload: { table_id: tableId, from: 'available', to: 'maintenance' },
      });
      expect(tables.events('table.changed')[0]?.data.payload).toMatchObject({
        table_id: tableId,
        action: 'created',
      });
      const lastKitchen = await placeOrder();
      await placedEvent(kds, lastKitchen.id);
      expect(kds.messages.some((m) => m.event.startsWith('table.'))).toBe(false);
    });

    it('shows the customer their order moving, and lets staff of the business watch it', async () => {
      const order = await placeOrder();
      const mine = await feed(`/api/v1/ws/orders/${order.id}`, { queryToken: customer.token });
      const staff = await feed(`/api/v1/ws/orders/${order.id}`, { token: manager.token });
      const another = await placeOrder();

      await move(order.id, 'preparing');
      await move(order.id, 'ready');
      await move(another.id, 'preparing');
      const ready = await mine.until(() =>
        mine.events('order.status_changed').find((m) => m.data.payload.to === 'ready'),
      );
      expect(ready.data).toMatchObject({ order_id: order.id, payload: { from: 'preparing', to: 'ready' } });
      expect(mine.events('order.status_changed').map((m) => m.data.payload.to)).toEqual([
        'preparing',
        'ready',
      ]);
      // Sequences grow with each event of the order.
      const sequences = mine.messages.map((m) => m.data.sequence as number);
      expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
      await staff.until(() => staff.events('order.status_changed').length === 2);
      expect(orderIds(mine)).toEqual(new Set([order.id]));
    });

    it('applies subscription filters: exact types, prefix wildcards, and an empty list for everything', async () => {
      const socket = await feed(`/api/v1/ws/dashboard/${f.businessId}`, { token: owner.token });
      socket.send({ type: 'subscribe', events: ['order.status_changed'] });
      expect((await socket.next('subscribed')).data).toEqual({ events: ['order.status_changed'] });

      const first = await placeOrder();
      await move(first.id, 'preparing');
      await socket.until(() =>
        socket.events('order.status_changed').some((m) => m.data.order_id === first.id),
      );
      // Only what was asked for (moves of orders from earlier tests may arrive too: still status changes).
      const busEvents = socket.messages.filter((m) => m.data?.event_type).map((m) => m.event);
      expect(new Set(busEvents)).toEqual(new Set(['order.status_changed']));

      socket.send({ type: 'subscribe', events: ['payment.*', 'order.confirmed'] });
      await socket.next('subscribed');
      const before = socket.messages.length;
      const second = await placeOrder();
      await socket.until(() => socket.events('order.confirmed').some((m) => m.data.order_id === second.id));
      await move(second.id, 'preparing');
      const third = await placeOrder();
      await socket.until(() => socket.events('order.confirmed').some((m) => m.data.order_id === third.id));
      const received = socket.messages.slice(before).map((m) => m.event);
      expect(received).toContain('payment.captured');
      expect(received.every((e) => e.startsWith('payment.') || e === 'order.confirmed')).toBe(true);

      socket.send({ type: 'subscribe', events: [] });
      expect((await socket.next('subscribed')).data).toEqual({ events: [] });
      const fourth = await placeOrder();
      await placedEvent(socket, fourth.id);

      socket.send({ type: 'subscribe', events: ['Order.Placed!'] });
      expect((await socket.next('error')).data.code).toBe('validation_failed');
      expect(socket.closed).toBeUndefined();
    });

    it('answers ping with pong and bad messages with an error, without closing', async () => {
      const socket = await feed(`/api/v1/ws/kds/${f.locationId}`, { token: kitchen.token });
      socket.send({ type: 'ping' });
      const pong = await socket.next('pong');
      expect(Number.isNaN(Date.parse(pong.timestamp))).toBe(false);

      socket.send('not json {');
      expect((await socket.next('error')).data).toMatchObject({ code: 'malformed_json' });
      socket.send({ type: 'shout', loud: true });
      expect((await socket.next('error')).data).toMatchObject({ code: 'validation_failed' });
      socket.send({ type: 'ping', extra: 1 });
      expect((await socket.next('error')).data.code).toBe('validation_failed');
      socket.send([1, 2]);
      expect((await socket.next('error')).data.code).toBe('validation_failed');
      socket.ws.send(Buffer.from([1, 2, 3]), { binary: true });
      expect((await socket.next('error')).data.code).toBe('validation_failed');

      socket.send({ type: 'ping' });
      await socket.next('pong');
      expect(socket.events('pong')).toHaveLength(2);
      expect(socket.closed).toBeUndefined();
    });

    it('forgets clients that disconnect', async () => {
      const before = live.app.realtime.stats().clients;
      const socket = await openFeed(live.wsUrl, `/api/v1/ws/dashboard/${f.businessId}`, {
        token: owner.token,
      });
      await socket.until(() => live.app.realtime.stats().clients === before + 1);
      socket.close();
      await socket.until(
        () => live.app.realtime.stats().clients === before,
        5000,
        'the hub to drop the client',
      );
    });

    // Last: its order at the second location must not reach the kitchen display test's sockets.
    it("feeds staff the business's order changes at the locations they cover, and no others", async () => {
      const path = `/api/v1/ws/businesses/${f.businessId}/orders`;
      for (const token of [otherOwner.token, customer.token]) {
        const refused = await connectFeed(live.wsUrl, path, { token });
        expect((refused as Refusal).status).toBe(403);
      }
      const wholeBusiness = await feed(path, { queryToken: cashier.token });
      const secondOnly = await feed(path, { token: secondKitchen.token });
      const first = await placeOrder();
      const second = await placeOrder({ locationId: secondLocationId });
      const foreign = await placeOtherOrder();
      await placedEvent(wholeBusiness, first.id);
      await placedEvent(wholeBusiness, second.id);
      await placedEvent(secondOnly, second.id);
      // Sent after the first order's events: had they reached the second location's kitchen, they would be here.
      await secondOnly.until(() =>
        secondOnly.events('order.confirmed').some((m) => m.data.order_id === second.id),
      );
      expect(orderIds(secondOnly)).toEqual(new Set([second.id]));
      expect(orderIds(wholeBusiness).has(foreign.id)).toBe(false);
      expect(wholeBusiness.messages.every((m) => m.data.business_id === f.businessId)).toBe(true);
    });
  });
}
