import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepUnsettledOrders } from '../../../src/services/orders/payment-sweeper.js';
import type { TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { type InterruptibleGateway, startInterruptibleApp } from '../../support/interruptible-gateway.js';
import { postOrder } from '../../support/orders.js';

for (const kind of await databaseKinds()) {
  describe(`crash recovery of the payment saga on ${kind.name}`, () => {
    let t: TestApp;
    let f: RestaurantFixture;
    let gateway: InterruptibleGateway;
    let customer: { token: string };

    beforeAll(async () => {
      ({ t, gateway } = await startInterruptibleApp(kind));
      f = await seedRestaurant(t.db);
      customer = await t.userToken();
    });
    afterAll(() => t.close());

    const place = () =>
      postOrder(t, {
        locationId: f.locationId,
        token: customer.token,
        items: [{ itemId: f.items.fries, quantity: 2 }],
        payment: { method: 'debit_card' },
      });
    const gatewayOps = async (kindOf: string) => {
      const { rows } = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM simulated_gateway_operations WHERE outcome->>'kind' = $1 OR operation = $1`,
        [kindOf],
      );
      return rows[0]?.n ?? 0;
    };

    it('keeps an order accepted before the gateway call, and the sweep cancels it without charging', async () => {
      gateway.interrupt = 'before-authorize';
      const failed = await place();
      expect(failed.statusCode).toBe(500);
      expect(failed.json().code).toBe('internal_error');
      const { rows } = await t.db.query<{ id: string; status: string }>(
        `SELECT id, status FROM orders WHERE business_id = $1`,
        [f.businessId],
      );
      expect(rows).toEqual([{ id: expect.any(String), status: 'placed' }]);
      gateway.interrupt = null;
      const authorizationsBefore = await gatewayOps('authorization');
      const swept = await sweepUnsettledOrders({ db: t.db, gateway }, { graceSeconds: 0 });
      expect(swept.settled).toBe(1);
      const order = (
        await t.request({ method: 'GET', url: `/api/v1/orders/${rows[0]?.id}`, token: customer.token })
      ).json();
      // The card details are not kept, so the payment cannot be retried: cancelled, nothing charged.
      expect(order.status).toBe('cancelled');
      expect(order.payments).toEqual([
        expect.objectContaining({ status: 'declined', declineCode: 'payment_interrupted', capturedMinor: 0 }),
      ]);
      expect(await gatewayOps('authorization')).toBe(authorizationsBefore);
    });

    it("retries an interrupted placement with the retry's own card, so a declining card stays declined", async () => {
      const send = () =>
        postOrder(t, {
          locationId: f.locationId,
          token: customer.token,
          items: [{ itemId: f.items.fries, quantity: 1 }],
          payment: { method: 'credit_card', cardNumber: '4000000000000002' },
          headers: { 'idempotency-key': 'interrupted-decline' },
        });
      gateway.interrupt = 'before-authorize';
      expect((await send()).statusCode).toBe(500);
      gateway.interrupt = null;
      const retried = await send();
      expect(retried.statusCode).toBe(402);
      expect(retried.json()).toMatchObject({ code: 'payment_declined', declineCode: 'card_declined' });
    });

    it('records a capture that happened just before a crash, without charging twice', async () => {
      const capturesBefore = await gatewayOps('capture');
      const before = await t.db.query<{ id: string }>('SELECT id FROM orders WHERE business_id = $1', [
        f.businessId,
      ]);
      gateway.interrupt = 'after-capture';
      expect((await place()).statusCode).toBe(500);
      gateway.interrupt = null;
      await sweepUnsettledOrders({ db: t.db, gateway }, { graceSeconds: 0 });
      await sweepUnsettledOrders({ db: t.db, gateway }, { graceSeconds: 0 });
      expect(await gatewayOps('capture')).toBe(capturesBefore + 1);
      const { rows } = await t.db.query<{ status: string; payments: number }>(
        `SELECT o.status, (SELECT count(*)::int FROM payments p WHERE p.order_id = o.id) AS payments
         FROM orders o WHERE business_id = $1 AND NOT (id = ANY($2::uuid[]))`,
        [f.businessId, before.rows.map((row) => row.id)],
      );
      expect(rows).toEqual([{ status: 'confirmed', payments: 1 }]);
    });

    it('finishes the refund of a cancellation interrupted after the gateway refunded', async () => {
      const placed = await place();
      expect(placed.statusCode).toBe(201);
      const orderId = placed.json().id;
      gateway.interrupt = 'after-refund';
      const cancel = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${orderId}/cancel`,
        token: customer.token,
        body: { reason: 'oops' },
      });
      expect(cancel.statusCode).toBe(500);
      gateway.interrupt = null;
      const swept = await sweepUnsettledOrders({ db: t.db, gateway }, { graceSeconds: 0 });
      expect(swept.compensated).toBe(1);
      const order = (
        await t.request({ method: 'GET', url: `/api/v1/orders/${orderId}`, token: customer.token })
      ).json();
      expect(order.status).toBe('cancelled');
      expect(order.refunds).toHaveLength(1);
      expect(order.totals.refundedMinor).toBe(order.totals.capturedMinor);
      const payment = await t.db.query<{ gateway_reference: string }>(
        'SELECT gateway_reference FROM payments WHERE order_id = $1',
        [orderId],
      );
      const { rows } = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM simulated_gateway_operations WHERE operation = 'refund' AND parent_reference = $1`,
        [payment.rows[0]?.gateway_reference],
      );
      expect(rows[0]?.n).toBe(1);
    });
  });
}
