import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tablesConsumer } from '../../../src/consumers/tables-consumer.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { placeOrder, type ServiceType } from '../../support/orders.js';
import { drainPipeline } from '../../support/pipeline.js';

/**
 * The tables consumer on the real event path (outbox → relay → embedded bus → consumer): a dine-in
 * order seats the table it names, and the order's end sends the table to cleaning.
 */
for (const kind of await databaseKinds()) {
  describe(`tables consumer on ${kind.name}`, () => {
    let t: TestApp;
    let f: RestaurantFixture;
    let manager: { token: string };
    let customer: { token: string };

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await seedRestaurant(t.db);
      manager = await t.userToken({ memberships: [{ businessId: f.businessId, role: 'manager' }] });
      customer = await t.userToken();
    });
    afterAll(() => t.close());

    const drain = () => drainPipeline(t.db, { consumers: [tablesConsumer()], now: () => t.clock.now });
    const tablesUrl = () => `/api/v1/locations/${f.locationId}/tables`;
    const createTable = async (number: string, capacity = 4) => {
      const response = await t.request({
        method: 'POST',
        url: tablesUrl(),
        token: manager.token,
        body: { number, capacity },
      });
      expect(response.statusCode).toBe(201);
      return response.json() as { id: string };
    };
    const table = async (id: string) =>
      (await t.request({ method: 'GET', url: `${tablesUrl()}/${id}`, token: manager.token })).json() as {
        status: string;
        currentOrderId: string | null;
        currentPartySize: number | null;
      };
    const act = (id: string, action: string, body: unknown = {}) =>
      t.request({ method: 'POST', url: `${tablesUrl()}/${id}/${action}`, token: manager.token, body });
    const place = async (tableNumber: string | undefined, serviceType: ServiceType = 'dine_in') => {
      const order = await placeOrder(t, {
        locationId: f.locationId,
        token: customer.token,
        serviceType,
        ...(tableNumber ? { tableNumber } : {}),
        items: [{ itemId: f.items.fries, quantity: 1 }],
      });
      return order.id;
    };
    const moveOrder = async (orderId: string, status: string) => {
      const response = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${orderId}/status`,
        token: manager.token,
        body: { status },
      });
      expect(response.statusCode, response.body).toBe(200);
    };
    const statusEvents = async (tableId: string) => {
      const { rows } = await t.db.query<{ payload: Record<string, unknown>; location_id: string }>(
        `SELECT payload, location_id FROM outbox
         WHERE event_type = 'table.status_changed' AND payload->>'table_id' = $1 ORDER BY position`,
        [tableId],
      );
      return rows;
    };

    it('seats the named table when a dine-in order is placed, and sends it to cleaning when completed', async () => {
      const t5 = await createTable('5');
      const orderId = await place('5');
      // Placement itself never touches tables: only the consumer does.
      expect((await table(t5.id)).status).toBe('available');
      await drain();
      expect(await table(t5.id)).toMatchObject({
        status: 'occupied',
        currentOrderId: orderId,
        currentPartySize: null,
      });

      await moveOrder(orderId, 'preparing');
      await moveOrder(orderId, 'ready');
      await drain();
      expect((await table(t5.id)).status).toBe('occupied');
      await moveOrder(orderId, 'completed');
      await drain();
      expect(await table(t5.id)).toMatchObject({ status: 'cleaning', currentOrderId: null });

      const events = await statusEvents(t5.id);
      expect(events.map((e) => [e.payload.from, e.payload.to, e.payload.order_id])).toEqual([
        ['available', 'occupied', orderId],
        ['occupied', 'cleaning', null],
      ]);
      expect(events[0]?.location_id).toBe(f.locationId);
      expect(events[0]?.payload.at).toBe(t.clock.now.toISOString());

      // Draining again (everything already applied) changes nothing.
      await drain();
      expect(await statusEvents(t5.id)).toHaveLength(2);
    });

    it('seats a reserved table, keeping the reservation party size', async () => {
      const t6 = await createTable('6', 6);
      await act(t6.id, 'reserve', { partySize: 4 });
      const orderId = await place('6');
      await drain();
      expect(await table(t6.id)).toMatchObject({
        status: 'occupied',
        currentOrderId: orderId,
        currentPartySize: 4,
      });
    });

    it('leaves tables alone that are occupied, being cleaned or out of service, and unknown numbers', async () => {
      const busy = await createTable('7');
      await act(busy.id, 'seat', { partySize: 2 });
      const repair = await createTable('8');
      await act(repair.id, 'maintenance');
      await place('7');
      await place('8');
      await place('999');
      await place(undefined, 'takeout');
      await drain();
      expect(await table(busy.id)).toMatchObject({
        status: 'occupied',
        currentOrderId: null,
        currentPartySize: 2,
      });
      expect((await table(repair.id)).status).toBe('maintenance');
      expect(await statusEvents(busy.id)).toHaveLength(1);
    });

    it('sends the table to cleaning when its order is cancelled, or refunded', async () => {
      const t9 = await createTable('9');
      const cancelled = await place('9');
      await drain();
      expect((await table(t9.id)).status).toBe('occupied');
      const cancel = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${cancelled}/cancel`,
        token: manager.token,
        body: { reason: 'guests left' },
      });
      expect(cancel.statusCode, cancel.body).toBe(200);
      await drain();
      expect((await table(t9.id)).status).toBe('cleaning');

      const t10 = await createTable('10');
      const refunded = await place('10');
      await drain();
      expect((await table(t10.id)).status).toBe('occupied');
      const refund = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${refunded}/refunds`,
        token: manager.token,
        body: { reason: 'cold food' },
      });
      expect(refund.statusCode, refund.body).toBe(201);
      await drain();
      expect((await table(t10.id)).status).toBe('cleaning');
    });

    it('does not clear a table its order no longer occupies (the host re-seated it)', async () => {
      const t11 = await createTable('11');
      const first = await place('11');
      await drain();
      // Host clears and re-seats the table for walk-ins before the first order closes.
      await act(t11.id, 'clear');
      await act(t11.id, 'mark-available');
      await act(t11.id, 'seat', { partySize: 3 });
      await moveOrder(first, 'preparing');
      await moveOrder(first, 'ready');
      await moveOrder(first, 'completed');
      await drain();
      expect(await table(t11.id)).toMatchObject({ status: 'occupied', currentPartySize: 3 });
    });

    it('is idempotent in effect when the same events are applied twice', async () => {
      const t12 = await createTable('12');
      const orderId = await place('12');
      await drain();
      const { rows } = await t.db.query<{
        event_id: string;
        event_type: string;
        version: number;
        occurred_at: string;
        business_id: string;
        location_id: string;
        order_id: string;
        sequence: number;
        payload: unknown;
      }>(
        `SELECT event_id, event_type, version, occurred_at::text, business_id, location_id, order_id, sequence, payload
         FROM outbox WHERE order_id = $1 ORDER BY sequence`,
        [orderId],
      );
      const consumer = tablesConsumer();
      // Re-applying placement directly (bypassing the framework's dedupe) changes nothing.
      await t.db.transaction((tx) => consumer.handle(tx, rows, { now: () => t.clock.now }));
      expect(await statusEvents(t12.id)).toHaveLength(1);
      await moveOrder(orderId, 'preparing');
      await moveOrder(orderId, 'ready');
      await moveOrder(orderId, 'completed');
      await drain();
      const again = await t.db.query<(typeof rows)[number]>(
        `SELECT event_id, event_type, version, occurred_at::text, business_id, location_id, order_id, sequence, payload
         FROM outbox WHERE order_id = $1 ORDER BY sequence`,
        [orderId],
      );
      await t.db.transaction((tx) => consumer.handle(tx, again.rows, { now: () => t.clock.now }));
      expect((await table(t12.id)).status).toBe('cleaning');
      expect((await statusEvents(t12.id)).map((e) => e.payload.to)).toEqual(['occupied', 'cleaning']);
    });

    it('seats a table only at the order location', async () => {
      const elsewhere = await seedRestaurant(t.db, { name: 'Other place' });
      const owner = await t.userToken({ memberships: [{ businessId: elsewhere.businessId, role: 'owner' }] });
      const response = await t.request({
        method: 'POST',
        url: `/api/v1/locations/${elsewhere.locationId}/tables`,
        token: owner.token,
        body: { number: '20', capacity: 4 },
      });
      const foreign = response.json() as { id: string };
      await createTable('20');
      await place('20');
      await drain();
      const { rows } = await t.db.query<{ status: string }>(
        'SELECT status FROM dining_tables WHERE id = $1',
        [foreign.id],
      );
      expect(rows[0]?.status).toBe('available');
    });
  });
}
