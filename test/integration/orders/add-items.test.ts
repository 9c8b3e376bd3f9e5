import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepUnsettledOrders } from '../../../src/services/orders/payment-sweeper.js';
import type { TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { countRows, type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { type InterruptibleGateway, startInterruptibleApp } from '../../support/interruptible-gateway.js';
import { placeOrder } from '../../support/orders.js';

for (const kind of await databaseKinds()) {
  describe(`adding items to an order on ${kind.name}`, () => {
    let t: TestApp;
    let f: RestaurantFixture;
    let gateway: InterruptibleGateway;
    let customer: { userId: string; token: string };
    let kitchen: { token: string };
    let manager: { userId: string; token: string };

    beforeAll(async () => {
      ({ t, gateway } = await startInterruptibleApp(kind));
      f = await seedRestaurant(t.db);
      customer = await t.userToken();
      kitchen = await t.userToken({
        memberships: [{ businessId: f.businessId, role: 'staff', position: 'kitchen' }],
      });
      manager = await t.userToken({ memberships: [{ businessId: f.businessId, role: 'manager' }] });
    });
    afterAll(() => t.close());

    /** Two fries: subtotal 1000, HST 130, total 1130. */
    const place = async (serviceType: 'takeout' | 'delivery' = 'takeout') => {
      const order = await placeOrder(t, {
        locationId: f.locationId,
        token: customer.token,
        serviceType,
        items: [{ itemId: f.items.fries, quantity: 2 }],
      });
      return order.id;
    };
    /** A medium burger with cheese and a note: 1250 + 150 = 1400, HST 182, total 1582. */
    const burgerBody = () => ({
      items: [
        {
          itemId: f.items.burger,
          quantity: 1,
          modifiers: [f.options.medium, f.options.cheese],
          notes: 'no pickles',
        },
      ],
      payment: { method: 'credit_card', cardNumber: '4242424242424242' },
    });
    const add = (orderId: string, body: unknown, key: string, token = customer.token) =>
      t.request({
        method: 'POST',
        url: `/api/v1/orders/${orderId}/items`,
        token,
        body,
        headers: { 'idempotency-key': key },
      });
    const move = (orderId: string, status: string, token = manager.token) =>
      t.request({ method: 'POST', url: `/api/v1/orders/${orderId}/status`, token, body: { status } });
    const getOrder = async (orderId: string) =>
      (await t.request({ method: 'GET', url: `/api/v1/orders/${orderId}`, token: manager.token })).json();
    const eventTypes = async (orderId: string) => {
      const { rows } = await t.db.query<{ event_type: string }>(
        'SELECT event_type FROM outbox WHERE order_id = $1 ORDER BY sequence',
        [orderId],
      );
      return rows.map((row) => row.event_type);
    };
    const captures = async () => {
      const { rows } = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM simulated_gateway_operations WHERE outcome->>'kind' = 'capture'`,
      );
      return rows[0]?.n ?? 0;
    };

    it('prices the new lines, charges the difference and records lines, totals, payment and events together', async () => {
      const orderId = await place();
      expect((await move(orderId, 'preparing', kitchen.token)).statusCode).toBe(200);
      const before = await eventTypes(orderId);
      const response = await add(orderId, burgerBody(), 'add-1');
      expect(response.statusCode).toBe(201);
      const result = response.json();
      expect(result).toMatchObject({
        status: 'applied',
        lineNumbers: [2],
        added: { currency: 'CAD', subtotalMinor: 1400, taxMinor: 182, totalMinor: 1582 },
        declineCode: null,
      });
      expect(result.order.totals).toMatchObject({
        subtotalMinor: 2400,
        taxMinor: 312,
        totalMinor: 2712,
        capturedMinor: 2712,
        refundedMinor: 0,
      });
      expect(result.order.status).toBe('preparing');
      expect(result.order.taxes).toEqual([{ name: 'HST', rateBps: 1300, amountMinor: 312 }]);
      expect(
        result.order.lines.map((l: { lineNumber: number; name: string }) => [l.lineNumber, l.name]),
      ).toEqual([
        [1, 'Fries'],
        [2, 'Burger'],
      ]);
      expect(
        result.order.payments.map((p: { status: string; capturedMinor: number }) => p.capturedMinor),
      ).toEqual([1130, 1582]);
      expect(result.paymentId).toBe(result.order.payments[1].id);

      expect(await eventTypes(orderId)).toEqual([
        ...before,
        'payment.authorized',
        'payment.captured',
        'order.items_added',
      ]);
      const { rows } = await t.db.query<{ payload: Record<string, unknown> }>(
        `SELECT payload FROM outbox WHERE order_id = $1 AND event_type = 'order.items_added'`,
        [orderId],
      );
      expect(rows[0]?.payload).toMatchObject({
        addition_id: result.additionId,
        lines: [
          {
            line_number: 2,
            item_id: f.items.burger,
            name: 'Burger',
            quantity: 1,
            unit_price: 1250,
            line_subtotal: 1400,
            notes: 'no pickles',
            modifiers: [
              expect.objectContaining({ option_id: f.options.medium, price: 0 }),
              expect.objectContaining({ option_id: f.options.cheese, price: 150 }),
            ],
          },
        ],
        added: { subtotal: 1400, tax: 182, total: 1582, tip: 0, delivery_fee: 0, discount: 0 },
        totals: { subtotal: 2400, tax: 312, total: 2712 },
        added_by: { user_id: customer.userId, role: 'customer' },
      });

      // A second addition by staff continues the numbering.
      const more = await add(
        orderId,
        { items: [{ itemId: f.items.cake, quantity: 2 }], payment: { method: 'cash' } },
        'add-2',
        manager.token,
      );
      expect(more.statusCode).toBe(201);
      expect(more.json().lineNumbers).toEqual([3]);
      expect(more.json().order.totals.totalMinor).toBe(2712 + 1808);
    });

    it('adds nothing when the payment is declined, and answers 402 payment_declined', async () => {
      const orderId = await place();
      const order = await getOrder(orderId);
      const events = await countRows(t.db, 'outbox', f.businessId);
      const payments = await countRows(t.db, 'payments', f.businessId);
      const body = { ...burgerBody(), payment: { method: 'credit_card', cardNumber: '4000000000000002' } };
      const declined = await add(orderId, body, 'declined-1');
      expect(declined.statusCode).toBe(402);
      expect(declined.json()).toMatchObject({
        code: 'payment_declined',
        orderId,
        declineCode: 'card_declined',
      });
      const after = await getOrder(orderId);
      expect(after.totals).toEqual(order.totals);
      expect(after.lines).toEqual(order.lines);
      expect(after.status).toBe('confirmed');
      expect(await countRows(t.db, 'outbox', f.businessId)).toBe(events);
      expect(await countRows(t.db, 'payments', f.businessId)).toBe(payments);
      // The same request again gives the same answer, without asking the gateway again.
      const again = await add(orderId, body, 'declined-1');
      expect(again.statusCode).toBe(402);
      expect(again.json().additionId).toBe(declined.json().additionId);
    });

    it('replays a retried request and refuses a reused key with another body', async () => {
      const orderId = await place();
      const first = await add(orderId, burgerBody(), 'retry-me');
      expect(first.statusCode).toBe(201);
      const charged = await captures();
      const retried = await add(orderId, burgerBody(), 'retry-me');
      expect(retried.statusCode).toBe(200);
      expect(retried.headers['idempotent-replayed']).toBe('true');
      expect(retried.json().additionId).toBe(first.json().additionId);
      expect(retried.json().order.lines).toHaveLength(2);
      expect(await captures()).toBe(charged);
      const other = await add(
        orderId,
        { ...burgerBody(), items: [{ itemId: f.items.cake, quantity: 1 }] },
        'retry-me',
      );
      expect(other.statusCode).toBe(409);
      expect(other.json().code).toBe('idempotency_key_reused');
      const concurrent = await Promise.all(
        Array.from({ length: 4 }, () => add(orderId, burgerBody(), 'at-once')),
      );
      expect(concurrent.every((r) => r.statusCode === 200 || r.statusCode === 201)).toBe(true);
      expect(new Set(concurrent.map((r) => r.json().additionId)).size).toBe(1);
      expect((await getOrder(orderId)).lines).toHaveLength(3);
      expect(await captures()).toBe(charged + 1);
    });

    it('refuses orders that are not in the kitchen, people who may not add, and bad requests', async () => {
      const expectCode = async (response: Awaited<ReturnType<typeof add>>, status: number, code: string) => {
        expect(response.statusCode).toBe(status);
        expect(response.json().code).toBe(code);
      };
      const cancelled = await place();
      await t.request({
        method: 'POST',
        url: `/api/v1/orders/${cancelled}/cancel`,
        token: customer.token,
        body: { reason: 'no' },
      });
      await expectCode(await add(cancelled, burgerBody(), 'w-1'), 409, 'order_items_not_allowed');
      const outForDelivery = await place('delivery');
      for (const status of ['preparing', 'ready', 'out_for_delivery']) await move(outForDelivery, status);
      await expectCode(await add(outForDelivery, burgerBody(), 'w-2'), 409, 'order_items_not_allowed');

      const open = await place();
      const events = await countRows(t.db, 'outbox', f.businessId);
      await expectCode(await add(open, burgerBody(), 'w-3', kitchen.token), 403, 'forbidden');
      const stranger = await t.userToken();
      await expectCode(await add(open, burgerBody(), 'w-4', stranger.token), 404, 'not_found');
      await expectCode(
        await add(open, { ...burgerBody(), items: [{ itemId: f.items.soup, quantity: 1 }] }, 'w-5'),
        422,
        'item_unavailable',
      );
      await expectCode(
        await add(open, { ...burgerBody(), items: [{ itemId: f.items.burger, quantity: 1 }] }, 'w-6'),
        422,
        'modifier_invalid',
      );
      await expectCode(
        await add(open, { ...burgerBody(), items: [{ ...burgerBody().items[0], priceMinor: 1 }] }, 'w-7'),
        400,
        'validation_failed',
      );
      const noKey = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${open}/items`,
        token: customer.token,
        body: burgerBody(),
      });
      await expectCode(noKey, 400, 'validation_failed');
      expect(await countRows(t.db, 'outbox', f.businessId)).toBe(events);
      const { rows } = await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM order_additions WHERE order_id = $1',
        [open],
      );
      expect(rows[0]?.n).toBe(0);
    });

    it('refunds up to the new captured total across both payments, and refuses more', async () => {
      const orderId = await place();
      expect((await add(orderId, burgerBody(), 'refund-1')).statusCode).toBe(201);
      const refund = (amountMinor?: number) =>
        t.request({
          method: 'POST',
          url: `/api/v1/orders/${orderId}/refunds`,
          token: manager.token,
          body: { ...(amountMinor ? { amountMinor } : {}), reason: 'cold food' },
        });
      const over = await refund(2713);
      expect(over.statusCode).toBe(422);
      expect(over.json()).toMatchObject({ code: 'refund_exceeds_captured', refundableMinor: 2712 });
      const part = await refund(1500);
      expect(part.statusCode).toBe(201);
      expect(part.json().totals).toMatchObject({ refundedMinor: 1500, capturedMinor: 2712 });
      expect((await refund(1213)).json()).toMatchObject({
        code: 'refund_exceeds_captured',
        refundableMinor: 1212,
      });
      const rest = await refund();
      expect(rest.statusCode).toBe(201);
      const refunded = rest.json();
      expect(refunded.status).toBe('refunded');
      expect(refunded.totals).toMatchObject({ refundedMinor: 2712, capturedMinor: 2712 });
      expect(refunded.payments.map((p: { refundedMinor: number }) => p.refundedMinor)).toEqual([1130, 1582]);
      const amounts = refunded.refunds.map((r: { amountMinor: number }) => r.amountMinor);
      expect(amounts.sort((a: number, b: number) => a - b)).toEqual([370, 1130, 1212]);
      expect((await refund(1)).json().code).toBe('refund_not_allowed');
    });

    it('recovers a crash after the capture, and one before the gateway, with no charge without lines', async () => {
      const orderId = await place();
      gateway.interrupt = 'after-capture';
      expect((await add(orderId, burgerBody(), 'crash-1')).statusCode).toBe(500);
      gateway.interrupt = null;
      expect((await getOrder(orderId)).lines).toHaveLength(1);
      const charged = await captures();
      await sweepUnsettledOrders({ db: t.db, gateway }, { graceSeconds: 0 });
      await sweepUnsettledOrders({ db: t.db, gateway }, { graceSeconds: 0 });
      expect(await captures()).toBe(charged);
      const recovered = await getOrder(orderId);
      expect(recovered.lines).toHaveLength(2);
      expect(recovered.totals).toMatchObject({ totalMinor: 2712, capturedMinor: 2712 });
      expect(await eventTypes(orderId)).toContain('order.items_added');

      gateway.interrupt = 'before-authorize';
      expect((await add(orderId, burgerBody(), 'crash-2')).statusCode).toBe(500);
      gateway.interrupt = null;
      await sweepUnsettledOrders({ db: t.db, gateway }, { graceSeconds: 0 });
      const { rows } = await t.db.query<{ status: string; decline_code: string | null }>(
        `SELECT a.status, a.decline_code FROM order_additions a JOIN idempotency_keys k ON k.resource_id = a.id
         WHERE k.key = 'crash-2'`,
      );
      expect(rows).toEqual([{ status: 'declined', decline_code: 'payment_interrupted' }]);
      const after = await getOrder(orderId);
      expect(after.lines).toHaveLength(2);
      expect(after.totals.capturedMinor).toBe(2712);
    });

    it('refunds an addition captured while the order was being cancelled, adding no lines', async () => {
      const orderId = await place();
      await move(orderId, 'preparing', kitchen.token);
      gateway.beforeCapture = async () => {
        const cancel = await t.request({
          method: 'POST',
          url: `/api/v1/orders/${orderId}/cancel`,
          token: manager.token,
          body: { reason: 'kitchen fire' },
        });
        expect(cancel.statusCode).toBe(200);
      };
      const response = await add(orderId, burgerBody(), 'race-cancel');
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('order_items_not_allowed');
      const order = await getOrder(orderId);
      expect(order.status).toBe('cancelled');
      expect(order.lines).toHaveLength(1);
      expect(order.totals).toMatchObject({ capturedMinor: 1130 + 1582, refundedMinor: 1130 + 1582 });
      expect(await eventTypes(orderId)).not.toContain('order.items_added');
    });
  });
}
