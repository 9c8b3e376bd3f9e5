import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { countRows, type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';

for (const kind of await databaseKinds()) {
  describe(`placing orders on ${kind.name}`, () => {
    let t: TestApp;
    let f: RestaurantFixture;
    let customer: { userId: string; token: string };

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await seedRestaurant(t.db);
      customer = await t.userToken();
    });
    afterAll(() => t.close());

    const burgerLine = (f: RestaurantFixture, quantity = 2) => ({
      itemId: f.items.burger,
      quantity,
      modifiers: [f.options.medium, f.options.cheese],
    });
    const place = (body: unknown, headers: Record<string, string> = {}, token = customer.token) =>
      t.request({ method: 'POST', url: `/api/v1/restaurants/${f.locationId}/orders`, token, body, headers });

    it('prices on the server, captures payment and confirms, with its events in one ordered stream', async () => {
      const response = await place({
        serviceType: 'takeout',
        items: [burgerLine(f), { itemId: f.items.fries, quantity: 1 }],
        tip: { percentBps: 1000 },
        payment: { method: 'credit_card', cardNumber: '4242424242424242' },
      });
      expect(response.statusCode).toBe(201);
      const order = response.json();
      expect(order.status).toBe('confirmed');
      // (1250 + 150) × 2 + 500 = 3300; HST 13% = 429; tip 10% of 3300 = 330.
      expect(order.totals).toMatchObject({
        currency: 'CAD',
        subtotalMinor: 3300,
        discountMinor: 0,
        taxMinor: 429,
        tipMinor: 330,
        deliveryFeeMinor: 0,
        totalMinor: 4059,
        capturedMinor: 4059,
      });
      expect(order.lines[0].modifiers.map((m: { name: string }) => m.name)).toEqual(['Medium', 'Cheese']);
      expect(order.payments).toHaveLength(1);
      expect(order.payments[0]).toMatchObject({ status: 'captured', provider: 'VISA', cardLast4: '4242' });

      const timeline = await t.request({
        method: 'GET',
        url: `/api/v1/orders/${order.id}/events`,
        token: customer.token,
      });
      const events = timeline.json().events as { event_type: string; sequence: number }[];
      expect(events.map((e) => e.event_type)).toEqual([
        'order.placed',
        'payment.authorized',
        'payment.captured',
        'order.confirmed',
        'loyalty.points_earned',
      ]);
      expect(events.map((e) => e.sequence)).toEqual([0, 1, 2, 3, 4]);
    });

    it('adds the delivery fee for delivery orders and requires an address', async () => {
      const missing = await place({
        serviceType: 'delivery',
        items: [{ itemId: f.items.fries, quantity: 1 }],
        payment: { method: 'cash' },
      });
      expect(missing.statusCode).toBe(422);
      expect(missing.json().code).toBe('delivery_details_required');
      const response = await place({
        serviceType: 'delivery',
        items: [{ itemId: f.items.fries, quantity: 2 }],
        delivery: { address: { line1: '10 Bay St', city: 'Toronto' }, lat: 43.64, lon: -79.37 },
        payment: { method: 'digital_wallet' },
      });
      expect(response.statusCode).toBe(201);
      expect(response.json().totals).toMatchObject({
        subtotalMinor: 1000,
        taxMinor: 130,
        deliveryFeeMinor: 499,
        totalMinor: 1629,
      });
      expect(response.json().delivery).toMatchObject({ lat: 43.64, lon: -79.37 });
    });

    it('orders the cart and empties it', async () => {
      const cartUrl = `/api/v1/users/${customer.userId}/restaurants/${f.locationId}/cart`;
      const added = await t.request({
        method: 'POST',
        url: `${cartUrl}/lines`,
        token: customer.token,
        body: burgerLine(f, 1),
      });
      expect(added.statusCode).toBe(201);
      const lineId = added.json().lines[0].id;
      // A line the restaurant does not sell: the problem names the body's own field.
      const unknown = await t.request({
        method: 'POST',
        url: `${cartUrl}/lines`,
        token: customer.token,
        body: { itemId: '00000000-0000-4000-8000-000000000000', quantity: 1 },
      });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json()).toMatchObject({ code: 'item_unknown', errors: [{ field: 'body/itemId' }] });
      await t.request({
        method: 'POST',
        url: `${cartUrl}/lines`,
        token: customer.token,
        body: { itemId: f.items.cake, quantity: 1 },
      });
      const changed = await t.request({
        method: 'PATCH',
        url: `${cartUrl}/lines/${lineId}`,
        token: customer.token,
        body: { quantity: 3 },
      });
      expect(changed.json().subtotalMinor).toBe(1400 * 3 + 800);
      const other = await t.userToken();
      const foreign = await t.request({ method: 'GET', url: cartUrl, token: other.token });
      expect(foreign.statusCode).toBe(403);

      const response = await place({
        serviceType: 'dine_in',
        tableNumber: '12',
        payment: { method: 'cash' },
      });
      expect(response.statusCode).toBe(201);
      expect(response.json().lines.map((l: { quantity: number }) => l.quantity)).toEqual([3, 1]);
      expect(response.json().tableNumber).toBe('12');
      const cart = await t.request({ method: 'GET', url: cartUrl, token: customer.token });
      expect(cart.json().lines).toEqual([]);
      const empty = await place({ serviceType: 'takeout', payment: { method: 'cash' } });
      expect(empty.statusCode).toBe(422);
      expect(empty.json().code).toBe('cart_empty');
    });

    it('cancels the order with the reason when the card is declined', async () => {
      const response = await place({
        serviceType: 'takeout',
        items: [{ itemId: f.items.fries, quantity: 1 }],
        payment: { method: 'credit_card', cardNumber: '4000000000009995' },
      });
      expect(response.statusCode).toBe(402);
      const problem = response.json();
      expect(problem.code).toBe('payment_declined');
      expect(problem.declineCode).toBe('insufficient_funds');
      const order = await t.request({
        method: 'GET',
        url: `/api/v1/orders/${problem.orderId}`,
        token: customer.token,
      });
      expect(order.json().status).toBe('cancelled');
      expect(order.json().cancelReason).toMatch(/payment declined/);
      expect(order.json().payments[0]).toMatchObject({
        status: 'declined',
        declineCode: 'insufficient_funds',
      });
      expect(order.json().totals.capturedMinor).toBe(0);
    });

    it('puts the dishes back in the cart when the card of a cart order is declined', async () => {
      const shopper = await t.userToken();
      const cartUrl = `/api/v1/users/${shopper.userId}/restaurants/${f.locationId}/cart`;
      for (const line of [burgerLine(f, 1), { itemId: f.items.cake, quantity: 2, notes: 'candles' }]) {
        const added = await t.request({
          method: 'POST',
          url: `${cartUrl}/lines`,
          token: shopper.token,
          body: line,
        });
        expect(added.statusCode).toBe(201);
      }
      const before = (await t.request({ method: 'GET', url: cartUrl, token: shopper.token })).json();
      const shape = (cart: {
        lines: {
          itemId: string;
          quantity: number;
          modifiers: { optionId: string }[];
          notes: string | null;
        }[];
      }) =>
        cart.lines.map((line) => [
          line.itemId,
          line.quantity,
          line.modifiers.map((m) => m.optionId),
          line.notes,
        ]);

      const declined = await place(
        { serviceType: 'takeout', payment: { method: 'credit_card', cardNumber: '4000000000009995' } },
        {},
        shopper.token,
      );
      expect(declined.statusCode).toBe(402);
      const after = (await t.request({ method: 'GET', url: cartUrl, token: shopper.token })).json();
      expect(shape(after)).toEqual(shape(before));
      expect(after.subtotalMinor).toBe(before.subtotalMinor);

      // The same cart, another card: placed, and the cart is empty.
      const paid = await place(
        { serviceType: 'takeout', payment: { method: 'credit_card', cardNumber: '4242424242424242' } },
        {},
        shopper.token,
      );
      expect(paid.statusCode).toBe(201);
      expect(paid.json().totals.subtotalMinor).toBe(before.subtotalMinor);
      expect((await t.request({ method: 'GET', url: cartUrl, token: shopper.token })).json().lines).toEqual(
        [],
      );
    });

    it('creates exactly one order and one payment for 50 concurrent placements with one Idempotency-Key', async () => {
      const before = {
        orders: await countRows(t.db, 'orders', f.businessId),
        payments: await countRows(t.db, 'payments', f.businessId),
      };
      const body = { serviceType: 'takeout', items: [burgerLine(f, 1)], payment: { method: 'credit_card' } };
      const responses = await Promise.all(
        Array.from({ length: 50 }, () => place(body, { 'idempotency-key': 'retry-me-1' })),
      );
      expect(responses.map((r) => r.statusCode).every((s) => s === 200 || s === 201)).toBe(true);
      expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
      const ids = new Set(responses.map((r) => r.json().id));
      expect(ids.size).toBe(1);
      expect(responses.every((r) => r.json().status === 'confirmed')).toBe(true);
      expect(await countRows(t.db, 'orders', f.businessId)).toBe(before.orders + 1);
      expect(await countRows(t.db, 'payments', f.businessId)).toBe(before.payments + 1);

      const reused = await place({ ...body, items: [burgerLine(f, 2)] }, { 'idempotency-key': 'retry-me-1' });
      expect(reused.statusCode).toBe(409);
      expect(reused.json().code).toBe('idempotency_key_reused');
    });

    it('applies a promo code and redeems loyalty points', async () => {
      await t.db.query(
        `INSERT INTO offers (id, business_id, name, code, kind, percent_bps, currency, min_subtotal_minor)
         VALUES (gen_random_uuid(), $1, 'Welcome', 'WELCOME10', 'percent', 1000, 'CAD', 2000)`,
        [f.businessId],
      );
      const member = await t.userToken();
      await t.db.query(
        `INSERT INTO loyalty_accounts (business_id, user_id, points_balance) VALUES ($1, $2, 500)`,
        [f.businessId, member.userId],
      );
      const tooSmall = await place(
        {
          serviceType: 'takeout',
          items: [{ itemId: f.items.fries, quantity: 1 }],
          promoCode: 'welcome10',
          payment: { method: 'cash' },
        },
        {},
        member.token,
      );
      expect(tooSmall.statusCode).toBe(422);
      expect(tooSmall.json().code).toBe('promo_code_invalid');

      const response = await place(
        {
          serviceType: 'takeout',
          items: [{ itemId: f.items.fries, quantity: 5 }],
          promoCode: 'welcome10',
          loyaltyPointsToRedeem: 200,
          payment: { method: 'cash' },
        },
        {},
        member.token,
      );
      expect(response.statusCode).toBe(201);
      // 2500 − 250 (10%) − 200 (points, 1 point = 1 cent) = 2050 taxable; HST 267 (266.5 rounded half up).
      expect(response.json().totals).toMatchObject({
        subtotalMinor: 2500,
        discountMinor: 250,
        loyaltyDiscountMinor: 200,
        taxMinor: 267,
        totalMinor: 2317,
      });
      const { rows } = await t.db.query<{ points_balance: number }>(
        'SELECT points_balance FROM loyalty_accounts WHERE business_id = $1 AND user_id = $2',
        [f.businessId, member.userId],
      );
      // 500 − 200 redeemed + 20 earned (one point per whole dollar of 20.50).
      expect(rows[0]?.points_balance).toBe(320);
      const greedy = await place(
        {
          serviceType: 'takeout',
          items: [{ itemId: f.items.fries, quantity: 1 }],
          loyaltyPointsToRedeem: 10_000,
          payment: { method: 'cash' },
        },
        {},
        member.token,
      );
      expect(greedy.json().code).toBe('loyalty_insufficient_points');
    });
  });
}
