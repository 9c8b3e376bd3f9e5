import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { countRows, type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { placeOrder as placeOrderOverHttp, type ServiceType } from '../../support/orders.js';

for (const kind of await databaseKinds()) {
  describe(`order lifecycle on ${kind.name}`, () => {
    let t: TestApp;
    let f: RestaurantFixture;
    let customer: { userId: string; token: string };
    let kitchen: { token: string };
    let cashier: { token: string };
    let driver: { token: string };
    let manager: { token: string };

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await seedRestaurant(t.db);
      customer = await t.userToken();
      const staff = (position: 'kitchen' | 'cashier' | 'driver') =>
        t.userToken({ memberships: [{ businessId: f.businessId, role: 'staff', position }] });
      kitchen = await staff('kitchen');
      cashier = await staff('cashier');
      driver = await staff('driver');
      manager = await t.userToken({ memberships: [{ businessId: f.businessId, role: 'manager' }] });
    });
    afterAll(() => t.close());

    const placeOrder = (serviceType: ServiceType = 'takeout', quantity = 2) =>
      placeOrderOverHttp(t, {
        locationId: f.locationId,
        token: customer.token,
        serviceType,
        items: [{ itemId: f.items.fries, quantity }],
      });
    const move = (orderId: string, status: string, token: string) =>
      t.request({ method: 'POST', url: `/api/v1/orders/${orderId}/status`, token, body: { status } });

    it('walks takeout and delivery orders through every state with the right roles', async () => {
      const takeout = await placeOrder('takeout');
      expect((await move(takeout.id, 'preparing', kitchen.token)).json().status).toBe('preparing');
      expect((await move(takeout.id, 'ready', kitchen.token)).json().status).toBe('ready');
      expect((await move(takeout.id, 'picked_up', cashier.token)).json().status).toBe('picked_up');
      expect((await move(takeout.id, 'completed', cashier.token)).json().status).toBe('completed');

      const delivery = await placeOrder('delivery');
      await move(delivery.id, 'preparing', kitchen.token);
      await move(delivery.id, 'ready', kitchen.token);
      expect((await move(delivery.id, 'out_for_delivery', driver.token)).json().status).toBe(
        'out_for_delivery',
      );
      expect((await move(delivery.id, 'delivered', driver.token)).json().status).toBe('delivered');

      const timeline = await t.request({
        method: 'GET',
        url: `/api/v1/orders/${delivery.id}/events`,
        token: manager.token,
      });
      const changes = timeline
        .json()
        .events.filter((e: { event_type: string }) => e.event_type === 'order.status_changed')
        .map((e: { payload: { from: string; to: string } }) => `${e.payload.from}>${e.payload.to}`);
      expect(changes).toEqual([
        'confirmed>preparing',
        'preparing>ready',
        'ready>out_for_delivery',
        'out_for_delivery>delivered',
      ]);
    });

    it('rejects illegal and unpermitted transitions with coded errors and writes nothing', async () => {
      const order = await placeOrder();
      const events = await countRows(t.db, 'outbox', f.businessId);
      const skip = await move(order.id, 'ready', kitchen.token);
      expect(skip.statusCode).toBe(409);
      expect(skip.json().code).toBe('illegal_transition');
      const byCustomer = await move(order.id, 'preparing', customer.token);
      expect(byCustomer.statusCode).toBe(403);
      expect(byCustomer.json().code).toBe('transition_not_permitted');
      const wrongType = await move(order.id, 'out_for_delivery', driver.token);
      expect(wrongType.json().code).toBe('illegal_transition');
      const stranger = await t.userToken();
      const hidden = await move(order.id, 'preparing', stranger.token);
      expect(hidden.statusCode).toBe(404);
      expect(await countRows(t.db, 'outbox', f.businessId)).toBe(events);
    });

    it('serialises concurrent status changes: one wins, none repeats or skips a state', async () => {
      const order = await placeOrder();
      const attempts = await Promise.all(
        Array.from({ length: 10 }, () => move(order.id, 'preparing', kitchen.token)),
      );
      expect(attempts.filter((r) => r.statusCode === 200)).toHaveLength(1);
      expect(
        attempts.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'illegal_transition'),
      ).toBe(true);
      const mixed = await Promise.all([
        move(order.id, 'ready', kitchen.token),
        move(order.id, 'ready', kitchen.token),
        move(order.id, 'picked_up', cashier.token),
      ]);
      const { rows } = await t.db.query<{ payload: { from: string; to: string } }>(
        `SELECT payload FROM outbox WHERE order_id = $1 AND event_type = 'order.status_changed' ORDER BY sequence`,
        [order.id],
      );
      const path = rows.map((row) => `${row.payload.from}>${row.payload.to}`);
      expect(path[0]).toBe('confirmed>preparing');
      expect(path[1]).toBe('preparing>ready');
      // Each accepted change starts where the previous one ended: no repeated or skipped state.
      for (let i = 1; i < rows.length; i += 1) expect(rows[i]?.payload.from).toBe(rows[i - 1]?.payload.to);
      expect(mixed.filter((r) => r.statusCode === 200).length).toBe(rows.length - 1);
    });

    it('refunds the capture when a paid order is cancelled, and returns the customer to where they were', async () => {
      const order = await placeOrder();
      const cancelled = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/cancel`,
        token: customer.token,
        body: { reason: 'changed my mind' },
      });
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: 'changed my mind' });
      expect(cancelled.json().totals.refundedMinor).toBe(order.totals.totalMinor);
      expect(cancelled.json().refunds).toHaveLength(1);
      const again = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/cancel`,
        token: customer.token,
        body: { reason: 'x' },
      });
      expect(again.json().code).toBe('illegal_transition');
      const preparing = await placeOrder();
      await move(preparing.id, 'preparing', kitchen.token);
      const late = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${preparing.id}/cancel`,
        token: customer.token,
        body: { reason: 'late' },
      });
      expect(late.statusCode).toBe(403);
      expect(late.json().code).toBe('transition_not_permitted');
    });

    it('refunds partially, never above what was captured, and fully into status refunded', async () => {
      const order = await placeOrder('takeout', 4);
      for (const status of ['preparing', 'ready', 'picked_up', 'completed'])
        await move(order.id, status, manager.token);
      const refund = (amountMinor: number | undefined, token = manager.token, key?: string) =>
        t.request({
          method: 'POST',
          url: `/api/v1/orders/${order.id}/refunds`,
          token,
          body: { reason: 'cold fries', ...(amountMinor ? { amountMinor } : {}) },
          headers: key ? { 'idempotency-key': key } : {},
        });
      expect((await refund(500, kitchen.token)).json().code).toBe('forbidden');
      const partial = await refund(500, manager.token, 'refund-1');
      expect(partial.statusCode).toBe(201);
      expect(partial.json()).toMatchObject({ status: 'completed', totals: { refundedMinor: 500 } });
      const retried = await refund(500, manager.token, 'refund-1');
      expect(retried.json().totals.refundedMinor).toBe(500);
      const tooMuch = await refund(order.totals.totalMinor);
      expect(tooMuch.statusCode).toBe(422);
      expect(tooMuch.json().code).toBe('refund_exceeds_captured');
      const rest = await refund(undefined);
      expect(rest.json()).toMatchObject({
        status: 'refunded',
        totals: { refundedMinor: order.totals.totalMinor },
      });
      expect(rest.json().refunds).toHaveLength(2);
      const nothing = await refund(1);
      expect(nothing.statusCode).toBe(422);
    });

    it('takes feedback once, from the customer, after the order is received', async () => {
      const order = await placeOrder();
      const early = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/feedback`,
        token: customer.token,
        body: { rating: 5 },
      });
      expect(early.json().code).toBe('feedback_not_allowed');
      for (const status of ['preparing', 'ready', 'picked_up']) await move(order.id, status, manager.token);
      const feedback = { rating: 4, nps: 9, comment: 'Crispy' };
      const first = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/feedback`,
        token: customer.token,
        body: feedback,
      });
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject(feedback);
      const second = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/feedback`,
        token: customer.token,
        body: feedback,
      });
      expect(second.statusCode).toBe(409);
      expect(second.json().code).toBe('feedback_exists');
      const bad = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/feedback`,
        token: customer.token,
        body: { rating: 6 },
      });
      expect(bad.json().code).toBe('validation_failed');
    });

    it("lists a location's orders for staff, newest first, with status filters and cursors", async () => {
      const moved = await placeOrder();
      const stillConfirmed = [await placeOrder(), await placeOrder()];
      const url = `/api/v1/restaurants/${f.locationId}/orders`;
      const listing: { id: string; placedAt: string }[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { orders: { id: string; placedAt: string }[]; nextCursor: string | null } = (
          await t.request({
            method: 'GET',
            url: `${url}?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
            token: kitchen.token,
          })
        ).json();
        pages += 1;
        listing.push(...page.orders.map((o) => ({ id: o.id, placedAt: o.placedAt })));
        cursor = page.nextCursor;
      } while (cursor);
      // At least the three orders above at two a page: the cursor was followed.
      expect(pages).toBeGreaterThan(1);
      const seen = listing.map((o) => o.id);
      // Newest first: placed_at descending, ties broken by id descending (the keyset order).
      const newestFirst = [...listing].sort(
        (a, b) => Date.parse(b.placedAt) - Date.parse(a.placedAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
      );
      expect(seen).toEqual(newestFirst.map((o) => o.id));
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(await countRows(t.db, 'orders', f.businessId));
      // One of the new orders moves on, so the filter has something to leave out as well as to keep.
      expect((await move(moved.id, 'preparing', kitchen.token)).statusCode).toBe(200);
      const confirmed = await t.request({
        method: 'GET',
        url: `${url}?status=confirmed&limit=100`,
        token: kitchen.token,
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      const listed: { id: string; status: string }[] = confirmed.json().orders;
      expect(listed.map((o) => o.status)).toEqual(listed.map(() => 'confirmed'));
      const listedIds = listed.map((o) => o.id);
      for (const order of stillConfirmed) expect(listedIds).toContain(order.id);
      expect(listedIds).not.toContain(moved.id);
      expect((await t.request({ method: 'GET', url, token: customer.token })).statusCode).toBe(403);
      expect(
        (await t.request({ method: 'GET', url: `${url}?cursor=garbage`, token: kitchen.token })).json().code,
      ).toBe('validation_failed');
    });
  });
}
