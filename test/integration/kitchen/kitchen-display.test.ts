import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kitchenConsumer } from '../../../src/consumers/kitchen-consumer.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { countRows, type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { type OrderLine, placeOrder as placeOrderOverHttp, type ServiceType } from '../../support/orders.js';
import { drainPipeline } from '../../support/pipeline.js';

interface Ticket {
  id: string;
  orderId: string | null;
  station: string;
  status: string;
  priority: number;
  source: string;
  createdAt: string;
  targetAt: string;
  readyAt: string | null;
  late: boolean;
  finishedLate: boolean | null;
  prepSeconds: number | null;
  cancelReason: string | null;
  items: {
    id: string;
    name: string;
    quantity: number;
    status: string;
    modifiers: { name: string }[];
    notes: string | null;
  }[];
}

const MINUTE = 60_000;

for (const kind of await databaseKinds()) {
  describe(`kitchen display on ${kind.name}`, () => {
    let t: TestApp;
    let f: RestaurantFixture;
    let customer: { token: string };
    let cook: { token: string };
    let manager: { token: string };
    let cashier: { token: string };
    const drain = () => drainPipeline(t.db, { consumers: [kitchenConsumer()], now: () => t.clock.now });

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await seedRestaurant(t.db);
      // Three stations with known prep times; the cake keeps the column default (10 minutes).
      await t.db.query(`UPDATE menu_items SET station = 'grill', prep_minutes = 12 WHERE id = $1`, [
        f.items.burger,
      ]);
      await t.db.query(`UPDATE menu_items SET station = 'fry', prep_minutes = 5 WHERE id = $1`, [
        f.items.fries,
      ]);
      await t.db.query(`UPDATE menu_items SET station = 'pastry' WHERE id = $1`, [f.items.cake]);
      customer = await t.userToken();
      cook = await t.userToken({
        memberships: [
          { businessId: f.businessId, role: 'staff', position: 'kitchen', locationIds: [f.locationId] },
        ],
      });
      cashier = await t.userToken({
        memberships: [{ businessId: f.businessId, role: 'staff', position: 'cashier' }],
      });
      manager = await t.userToken({ memberships: [{ businessId: f.businessId, role: 'manager' }] });
    });
    afterAll(() => t.close());

    const kitchen = (path: string) => `/api/v1/locations/${f.locationId}/kitchen${path}`;
    const placeOrder = (serviceType: ServiceType, items: OrderLine[]) =>
      placeOrderOverHttp(t, {
        locationId: f.locationId,
        token: customer.token,
        serviceType,
        items,
        ...(serviceType === 'dine_in' ? { tableNumber: '12' } : {}),
      });
    const burger = (notes?: string) => ({
      itemId: f.items.burger,
      quantity: 2,
      modifiers: [f.options.medium, f.options.cheese],
      ...(notes ? { notes } : {}),
    });
    const ticketsOf = async (orderId: string, token = cook.token): Promise<Ticket[]> => {
      const response = await t.request({
        method: 'GET',
        url: kitchen('/tickets?active=false&limit=500'),
        token,
      });
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().tickets as Ticket[]).filter((ticket) => ticket.orderId === orderId);
    };
    const ticketAt = async (orderId: string, station: string) => {
      const found = (await ticketsOf(orderId)).find((ticket) => ticket.station === station);
      if (!found) throw new Error(`no ${station} ticket for ${orderId}`);
      return found;
    };
    const bump = (ticketId: string, token = cook.token, body?: unknown) =>
      t.request({
        method: 'POST',
        url: kitchen(`/tickets/${ticketId}/bump`),
        token,
        ...(body ? { body } : {}),
      });
    const recall = (ticketId: string, token = cook.token) =>
      t.request({ method: 'POST', url: kitchen(`/tickets/${ticketId}/recall`), token });
    const orderStatus = async (orderId: string) =>
      (await t.request({ method: 'GET', url: `/api/v1/orders/${orderId}`, token: manager.token })).json()
        .status as string;
    const statusChanges = async (orderId: string) => {
      const { rows } = await t.db.query<{ payload: { from: string; to: string; actor: { role: string } } }>(
        `SELECT payload FROM outbox WHERE order_id = $1 AND event_type = 'order.status_changed' ORDER BY sequence`,
        [orderId],
      );
      return rows.map((row) => `${row.payload.from}>${row.payload.to} by ${row.payload.actor.role}`);
    };
    const kitchenEvents = async (orderId: string) => {
      const { rows } = await t.db.query<{ event_type: string; payload: { ticket_id: string } }>(
        `SELECT event_type, payload FROM outbox WHERE payload->>'order_id' = $1 AND event_type LIKE 'kitchen.%' ORDER BY position`,
        [orderId],
      );
      return rows;
    };

    it('routes a confirmed order to one ticket per station with target time, priority, modifiers and notes', async () => {
      const order = await placeOrder('dine_in', [
        burger('no onions'),
        { itemId: f.items.fries, quantity: 1 },
        { itemId: f.items.cake, quantity: 1 },
      ]);
      expect(order.status).toBe('confirmed');
      expect(await ticketsOf(order.id)).toEqual([]); // nothing until the pipeline runs
      await drain();

      const grill = await t.request({
        method: 'GET',
        url: kitchen('/tickets?station=grill'),
        token: cook.token,
      });
      const grillTicket = (grill.json().tickets as Ticket[]).find((ticket) => ticket.orderId === order.id);
      expect(grillTicket).toMatchObject({
        station: 'grill',
        status: 'pending',
        priority: 5,
        source: 'order',
        late: false,
        items: [
          {
            name: 'Burger',
            quantity: 2,
            status: 'pending',
            modifiers: [{ name: 'Medium' }, { name: 'Cheese' }],
            notes: 'no onions',
          },
        ],
      });
      const tickets = await ticketsOf(order.id);
      expect(tickets.map((ticket) => ticket.station).sort()).toEqual(['fry', 'grill', 'pastry']);
      const target = (station: string) => {
        const ticket = tickets.find((candidate) => candidate.station === station) as Ticket;
        return (Date.parse(ticket.targetAt) - Date.parse(ticket.createdAt)) / MINUTE;
      };
      expect([target('grill'), target('fry'), target('pastry')]).toEqual([12, 5, 10]);
      // Same priority: earliest target first.
      expect(tickets.map((ticket) => ticket.station)).toEqual(['fry', 'pastry', 'grill']);

      // The confirmed order's time is when its tickets reached the kitchen.
      const { rows } = await t.db.query<{ occurred_at: Date }>(
        `SELECT occurred_at FROM outbox WHERE order_id = $1 AND event_type = 'order.confirmed'`,
        [order.id],
      );
      expect(new Date(tickets[0]?.createdAt ?? '').getTime()).toBe(
        new Date(rows[0]?.occurred_at ?? 0).getTime(),
      );

      const created = await t.db.query<{ order_id: string | null; payload: { items: unknown[] } }>(
        `SELECT order_id, payload FROM outbox WHERE event_type = 'kitchen.ticket_created' AND payload->>'order_id' = $1`,
        [order.id],
      );
      expect(created.rows).toHaveLength(3);
      expect(created.rows.every((row) => row.order_id === order.id)).toBe(true);

      // Priority reorders the screen.
      const raised = await t.request({
        method: 'PUT',
        url: kitchen(`/tickets/${grillTicket?.id}/priority`),
        token: cook.token,
        body: { priority: 9 },
      });
      expect(raised.json().priority).toBe(9);
      expect((await ticketsOf(order.id)).map((ticket) => ticket.station)).toEqual(['grill', 'fry', 'pastry']);

      const stations = await t.request({ method: 'GET', url: kitchen('/stations'), token: cook.token });
      expect(stations.json().stations.map((s: { station: string }) => s.station)).toEqual([
        'fry',
        'grill',
        'pastry',
      ]);
    });

    it('bumps a dine-in order through to served: the order goes preparing, ready, completed', async () => {
      const order = await placeOrder('dine_in', [burger(), { itemId: f.items.fries, quantity: 1 }]);
      await drain();
      const grill = await ticketAt(order.id, 'grill');
      const fry = await ticketAt(order.id, 'fry');

      expect((await bump(grill.id)).json().status).toBe('preparing');
      expect(await orderStatus(order.id)).toBe('preparing');
      expect((await bump(grill.id)).json().status).toBe('ready');
      expect(await orderStatus(order.id)).toBe('preparing'); // the fries are not ready yet
      await bump(fry.id);
      const fryReady = await bump(fry.id);
      expect(fryReady.json()).toMatchObject({ status: 'ready', finishedLate: false });
      expect(await orderStatus(order.id)).toBe('ready');
      await bump(grill.id);
      expect(await orderStatus(order.id)).toBe('ready');
      expect((await bump(fry.id)).json().status).toBe('served');
      expect(await orderStatus(order.id)).toBe('completed');
      expect(await statusChanges(order.id)).toEqual([
        'confirmed>preparing by kitchen',
        'preparing>ready by kitchen',
        'ready>completed by kitchen',
      ]);
      const types = (await kitchenEvents(order.id))
        .filter((e) => e.payload.ticket_id === grill.id)
        .map((e) => e.event_type);
      expect(types).toEqual([
        'kitchen.ticket_created',
        'kitchen.item_started',
        'kitchen.ticket_started',
        'kitchen.item_ready',
        'kitchen.ticket_ready',
        'kitchen.ticket_served',
      ]);
      // A finished ticket goes no further, and active-only lists no longer show it.
      const again = await bump(grill.id);
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'kitchen_illegal_transition', from: 'served', to: null });
      const active = await t.request({ method: 'GET', url: kitchen('/tickets'), token: cook.token });
      expect((active.json().tickets as Ticket[]).some((ticket) => ticket.orderId === order.id)).toBe(false);
    });

    it('hands a takeout order over (picked_up) and leaves a delivery order to the driver', async () => {
      const takeout = await placeOrder('takeout', [{ itemId: f.items.fries, quantity: 1 }]);
      const delivery = await placeOrder('delivery', [{ itemId: f.items.fries, quantity: 1 }]);
      await drain();
      const takeoutTicket = await ticketAt(takeout.id, 'fry');
      const deliveryTicket = await ticketAt(delivery.id, 'fry');
      expect(takeoutTicket.priority).toBe(5);
      expect(deliveryTicket.priority).toBe(6);
      for (let step = 0; step < 3; step++) {
        await bump(takeoutTicket.id);
        await bump(deliveryTicket.id);
      }
      expect(await orderStatus(takeout.id)).toBe('picked_up');
      expect(await orderStatus(delivery.id)).toBe('ready');
    });

    it('serves the ready tickets of an order that leaves the kitchen without a last bump', async () => {
      const delivery = await placeOrder('delivery', [{ itemId: f.items.fries, quantity: 1 }]);
      await drain();
      const ticket = await ticketAt(delivery.id, 'fry');
      await bump(ticket.id);
      await bump(ticket.id);
      expect(await orderStatus(delivery.id)).toBe('ready');
      const out = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${delivery.id}/status`,
        token: manager.token,
        body: { status: 'out_for_delivery' },
      });
      expect(out.statusCode).toBe(200);
      await drain();
      const served = await t.request({
        method: 'GET',
        url: kitchen(`/tickets/${ticket.id}`),
        token: cook.token,
      });
      expect(served.json()).toMatchObject({ status: 'served' });
      const events = await t.db.query<{ event_type: string }>(
        `SELECT event_type FROM outbox WHERE payload->>'ticket_id' = $1 ORDER BY position`,
        [ticket.id],
      );
      expect(events.rows.map((row) => row.event_type).at(-1)).toBe('kitchen.ticket_served');
    });

    it('recalls bumped tickets one step and refuses what cannot move', async () => {
      const order = await placeOrder('takeout', [
        { itemId: f.items.fries, quantity: 1 },
        { itemId: f.items.cake, quantity: 1 },
      ]);
      await drain();
      const fry = await ticketAt(order.id, 'fry');
      const early = await recall(fry.id);
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({ code: 'kitchen_illegal_transition', from: 'pending' });

      await bump(fry.id);
      await bump(fry.id);
      const back = await recall(fry.id);
      expect(back.json()).toMatchObject({ status: 'preparing', readyAt: null, finishedLate: null });
      expect(back.json().items[0].status).toBe('preparing');
      await bump(fry.id);
      await bump(fry.id);
      const unserved = await recall(fry.id);
      expect(unserved.json()).toMatchObject({ status: 'ready', servedAt: null });
      const { rows } = await t.db.query<{ payload: { from: string; to: string } }>(
        `SELECT payload FROM outbox WHERE event_type = 'kitchen.ticket_recalled' AND payload->>'ticket_id' = $1 ORDER BY position`,
        [fry.id],
      );
      expect(rows.map((row) => `${row.payload.from}>${row.payload.to}`)).toEqual([
        'ready>preparing',
        'served>ready',
      ]);
    });

    it('moves single items; the ticket and the order follow', async () => {
      const order = await placeOrder('dine_in', [
        burger(),
        { itemId: f.items.burger, quantity: 1, modifiers: [f.options.rare] },
      ]);
      await drain();
      const grill = await ticketAt(order.id, 'grill');
      const [first, second] = grill.items;
      const move = (itemId: string | undefined, status: string) =>
        t.request({
          method: 'POST',
          url: kitchen(`/tickets/${grill.id}/items/${itemId}/status`),
          token: cook.token,
          body: { status },
        });
      const skip = await move(first?.id, 'ready');
      expect(skip.statusCode).toBe(409);
      expect(skip.json().code).toBe('kitchen_illegal_transition');
      expect((await move(first?.id, 'preparing')).json().status).toBe('preparing');
      expect(await orderStatus(order.id)).toBe('preparing');
      expect((await move(first?.id, 'ready')).json().status).toBe('preparing');
      await move(second?.id, 'preparing');
      const ready = await move(second?.id, 'ready');
      expect(ready.json().status).toBe('ready');
      expect(await orderStatus(order.id)).toBe('ready');
      const unknown = await move('00000000-0000-4000-8000-000000000000', 'preparing');
      expect(unknown.statusCode).toBe(404);
    });

    it('flags late tickets with the clock and records who finished late', async () => {
      const order = await placeOrder('takeout', [{ itemId: f.items.fries, quantity: 1 }, burger()]);
      await drain();
      const fry = await ticketAt(order.id, 'fry');
      const created = Date.parse(fry.createdAt);
      t.clock.now = new Date(created + 6 * MINUTE);
      expect((await ticketAt(order.id, 'fry')).late).toBe(true);
      expect((await ticketAt(order.id, 'grill')).late).toBe(false);
      const stations = await t.request({ method: 'GET', url: kitchen('/stations'), token: cook.token });
      const fryStation = stations.json().stations.find((s: { station: string }) => s.station === 'fry');
      expect(fryStation.late).toBeGreaterThanOrEqual(1);

      await bump(fry.id);
      const ready = await bump(fry.id);
      expect(ready.json()).toMatchObject({
        status: 'ready',
        late: false,
        finishedLate: true,
        prepSeconds: 360,
      });
      const { rows } = await t.db.query<{ payload: { late: boolean; prep_seconds: number } }>(
        `SELECT payload FROM outbox WHERE event_type = 'kitchen.ticket_ready' AND payload->>'ticket_id' = $1`,
        [fry.id],
      );
      expect(rows[0]?.payload).toMatchObject({ late: true, prep_seconds: 360 });
      t.clock.now = new Date();
    });

    it('cancelling the order cancels every ticket not yet served', async () => {
      const order = await placeOrder('dine_in', [
        burger(),
        { itemId: f.items.fries, quantity: 1 },
        { itemId: f.items.cake, quantity: 1 },
      ]);
      await drain();
      const cake = await ticketAt(order.id, 'pastry');
      const fry = await ticketAt(order.id, 'fry');
      for (let step = 0; step < 3; step++) await bump(cake.id);
      await bump(fry.id);
      const cancel = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/cancel`,
        token: manager.token,
        body: { reason: 'guest left' },
      });
      expect(cancel.statusCode, cancel.body).toBe(200);
      await drain();
      const tickets = await ticketsOf(order.id);
      expect(Object.fromEntries(tickets.map((ticket) => [ticket.station, ticket.status]))).toEqual({
        pastry: 'served',
        fry: 'cancelled',
        grill: 'cancelled',
      });
      expect(tickets.find((ticket) => ticket.station === 'fry')?.cancelReason).toBe('guest left');
      const cancelled = (await kitchenEvents(order.id)).filter(
        (e) => e.event_type === 'kitchen.ticket_cancelled',
      );
      expect(cancelled).toHaveLength(2);
      const refused = await bump(fry.id);
      expect(refused.json().code).toBe('kitchen_illegal_transition');
    });

    it('makes added items a new ticket and never reopens finished ones', async () => {
      const order = await placeOrder('dine_in', [{ itemId: f.items.fries, quantity: 1 }]);
      await drain();
      const first = await ticketAt(order.id, 'fry');
      await bump(first.id);
      await bump(first.id);
      expect(await orderStatus(order.id)).toBe('ready');
      const added = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/items`,
        token: customer.token,
        headers: { 'idempotency-key': `more-fries-${order.id}` },
        body: {
          items: [
            { itemId: f.items.fries, quantity: 2, notes: 'extra salt' },
            { itemId: f.items.cake, quantity: 1 },
          ],
          payment: { method: 'credit_card' },
        },
      });
      expect(added.statusCode, added.body).toBe(201);
      await drain();
      const tickets = await ticketsOf(order.id);
      expect(tickets).toHaveLength(3);
      expect(tickets.find((ticket) => ticket.id === first.id)).toMatchObject({
        status: 'ready',
        source: 'order',
      });
      const extra = tickets.filter((ticket) => ticket.source === 'added');
      expect(extra.map((ticket) => [ticket.station, ticket.status, ticket.priority]).sort()).toEqual([
        ['fry', 'pending', 6],
        ['pastry', 'pending', 6],
      ]);
      expect(extra.find((ticket) => ticket.station === 'fry')?.items).toMatchObject([
        { quantity: 2, notes: 'extra salt' },
      ]);
      // Replaying the whole log creates nothing more.
      await t.db.query(`UPDATE bus_groups SET committed_position = 0 WHERE group_name = 'kitchen'`);
      await t.db.query(`DELETE FROM consumer_processed_events WHERE consumer = 'kitchen'`);
      await drain();
      expect(await ticketsOf(order.id)).toHaveLength(3);
      for (const ticket of [...extra, first]) {
        for (let step = 0; step < 3; step++) await bump(ticket.id);
      }
      expect(await orderStatus(order.id)).toBe('completed');
    });

    it('serialises cooks bumping the same ticket at once: no state skipped or repeated', async () => {
      const order = await placeOrder('takeout', [
        { itemId: f.items.fries, quantity: 1 },
        { itemId: f.items.cake, quantity: 1 },
      ]);
      await drain();
      const fry = await ticketAt(order.id, 'fry');
      const guarded = await Promise.all(
        Array.from({ length: 8 }, () => bump(fry.id, cook.token, { from: 'pending' })),
      );
      expect(guarded.filter((r) => r.statusCode === 200)).toHaveLength(1);
      const losers = guarded.filter((r) => r.statusCode !== 200);
      expect(losers.every((r) => r.statusCode === 409 && r.json().code === 'kitchen_ticket_changed')).toBe(
        true,
      );

      const cake = await ticketAt(order.id, 'pastry');
      const racing = await Promise.all(Array.from({ length: 5 }, () => bump(cake.id)));
      expect(racing.filter((r) => r.statusCode === 200)).toHaveLength(3);
      expect(
        racing
          .filter((r) => r.statusCode === 409)
          .every((r) => r.json().code === 'kitchen_illegal_transition'),
      ).toBe(true);
      const types = (await kitchenEvents(order.id))
        .filter((e) => e.payload.ticket_id === cake.id && e.event_type.startsWith('kitchen.ticket_'))
        .map((e) => e.event_type);
      expect(types).toEqual([
        'kitchen.ticket_created',
        'kitchen.ticket_started',
        'kitchen.ticket_ready',
        'kitchen.ticket_served',
      ]);
      // The order moved once per step, never twice.
      expect(await statusChanges(order.id)).toEqual(['confirmed>preparing by kitchen']);
    });

    it('refuses bad input with coded problems and writes nothing', async () => {
      const order = await placeOrder('takeout', [{ itemId: f.items.fries, quantity: 1 }]);
      await drain();
      const fry = await ticketAt(order.id, 'fry');
      const before = await countRows(t.db, 'outbox', f.businessId);
      const bad = [
        await t.request({
          method: 'PUT',
          url: kitchen(`/tickets/${fry.id}/priority`),
          token: cook.token,
          body: { priority: 11 },
        }),
        await t.request({
          method: 'PUT',
          url: kitchen(`/tickets/${fry.id}/priority`),
          token: cook.token,
          body: { priority: 3, x: 1 },
        }),
        await t.request({
          method: 'POST',
          url: kitchen(`/tickets/${fry.id}/items/${fry.items[0]?.id}/status`),
          token: cook.token,
          body: { status: 'cancelled' },
        }),
        await bump(fry.id, cook.token, { from: 'nope' }),
        await t.request({ method: 'GET', url: kitchen('/tickets?status=frying'), token: cook.token }),
        await t.request({
          method: 'GET',
          url: kitchen('/stats?from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z'),
          token: cook.token,
        }),
        await t.request({ method: 'GET', url: kitchen('/history?cursor=garbage'), token: cook.token }),
      ];
      for (const response of bad) {
        expect(response.statusCode, response.body).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json().code).toBe('validation_failed');
      }
      const missing = await bump('00000000-0000-4000-8000-000000000000');
      expect(missing.statusCode).toBe(404);
      expect(await countRows(t.db, 'outbox', f.businessId)).toBe(before);
      expect((await ticketAt(order.id, 'fry')).status).toBe('pending');
    });

    it('keeps tenants apart: kitchen staff of the location, managers, owners and admins only', async () => {
      const order = await placeOrder('takeout', [{ itemId: f.items.fries, quantity: 1 }]);
      await drain();
      const fry = await ticketAt(order.id, 'fry');
      const other = await seedRestaurant(t.db);
      const otherOwner = await t.userToken({
        memberships: [{ businessId: other.businessId, role: 'owner' }],
      });
      const elsewhereCook = await t.userToken({
        memberships: [
          { businessId: f.businessId, role: 'staff', position: 'kitchen', locationIds: [other.locationId] },
        ],
      });
      const owner = await t.userToken({ memberships: [{ businessId: f.businessId, role: 'owner' }] });
      const admin = await t.userToken({ platformRole: 'platform_admin' });
      const list = (token: string, locationId = f.locationId) =>
        t.request({ method: 'GET', url: `/api/v1/locations/${locationId}/kitchen/tickets`, token });

      const refusedOwner = await list(otherOwner.token);
      expect(refusedOwner.statusCode).toBe(403);
      expect(refusedOwner.json().detail).toBe('No access to this business');
      const refusedCook = await list(elsewhereCook.token);
      expect(refusedCook.statusCode).toBe(403);
      expect(refusedCook.json().detail).toMatch(/^No access to this location/);
      expect((await list(cashier.token)).statusCode).toBe(403);
      expect((await list(customer.token)).statusCode).toBe(403);
      expect((await t.request({ method: 'GET', url: kitchen('/tickets') })).statusCode).toBe(401);
      for (const allowed of [cook, manager, owner, admin])
        expect((await list(allowed.token)).statusCode).toBe(200);
      expect((await list(cook.token, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);

      // Another business's ticket id through its own location: not found, and untouched.
      const foreign = await t.request({
        method: 'POST',
        url: `/api/v1/locations/${other.locationId}/kitchen/tickets/${fry.id}/bump`,
        token: otherOwner.token,
      });
      expect(foreign.statusCode).toBe(404);
      expect((await ticketAt(order.id, 'fry')).status).toBe('pending');
    });

    it('keeps history and prep-time stats per station', async () => {
      const base = new Date(Date.now() + 60 * MINUTE);
      const order = await placeOrder('takeout', [{ itemId: f.items.fries, quantity: 1 }]);
      const second = await placeOrder('takeout', [{ itemId: f.items.fries, quantity: 1 }]);
      const third = await placeOrder('takeout', [{ itemId: f.items.fries, quantity: 1 }]);
      await drain();
      // Ready after 60 s, 120 s and 600 s (late: the fries target is 5 minutes).
      const prep = [60, 120, 600];
      const tickets = [
        await ticketAt(order.id, 'fry'),
        await ticketAt(second.id, 'fry'),
        await ticketAt(third.id, 'fry'),
      ];
      for (const [index, ticket] of tickets.entries()) {
        await bump(ticket.id);
        // Backdate the ticket so it becomes ready exactly prep seconds after reaching the kitchen.
        await t.db.query('UPDATE kitchen_tickets SET created_at = $2, target_at = $3 WHERE id = $1', [
          ticket.id,
          new Date(base.getTime() - (prep[index] ?? 0) * 1000).toISOString(),
          new Date(base.getTime() - (prep[index] ?? 0) * 1000 + 5 * MINUTE).toISOString(),
        ]);
        t.clock.now = base;
        await bump(ticket.id);
      }
      const stats = await t.request({
        method: 'GET',
        url: kitchen(
          `/stats?station=fry&from=${new Date(base.getTime() - 1000).toISOString()}&to=${new Date(base.getTime() + 1000).toISOString()}`,
        ),
        token: manager.token,
      });
      expect(stats.statusCode, stats.body).toBe(200);
      // Independent figures: mean 260, median 120, p90 by linear interpolation 120 + 0.8 × 480 = 504.
      const expected = { tickets: 3, avgPrepSeconds: 260, p50PrepSeconds: 120, p90PrepSeconds: 504, late: 1 };
      expect(stats.json().stations).toEqual([{ station: 'fry', ...expected }]);
      expect(stats.json().overall).toEqual(expected);

      const history = await t.request({
        method: 'GET',
        url: kitchen('/history?station=fry&limit=2'),
        token: cook.token,
      });
      expect(history.json().tickets).toHaveLength(2);
      const next = await t.request({
        method: 'GET',
        url: kitchen(`/history?station=fry&limit=500&cursor=${history.json().nextCursor}`),
        token: cook.token,
      });
      const seen = [...history.json().tickets, ...next.json().tickets].map((ticket: Ticket) => ticket.id);
      expect(new Set(seen).size).toBe(seen.length);
      for (const ticket of tickets) expect(seen).toContain(ticket.id);
      t.clock.now = new Date();
    });
  });
}
