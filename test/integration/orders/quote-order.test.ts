import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { countRows, type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';

for (const kind of await databaseKinds()) {
  describe(`price quotes on ${kind.name}`, () => {
    let t: TestApp;
    let f: RestaurantFixture;

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await seedRestaurant(t.db);
      await t.db.query(
        `INSERT INTO offers (id, business_id, name, code, kind, percent_bps, currency, min_subtotal_minor)
         VALUES (gen_random_uuid(), $1, 'Welcome', 'WELCOME10', 'percent', 1000, 'CAD', 2000)`,
        [f.businessId],
      );
    });
    afterAll(() => t.close());

    const quoteUrl = () => `/api/v1/restaurants/${f.locationId}/orders/quote`;
    const cartUrl = (userId: string) => `/api/v1/users/${userId}/restaurants/${f.locationId}/cart`;
    const burger = () => ({
      itemId: f.items.burger,
      quantity: 2,
      modifiers: [f.options.medium, f.options.cheese],
    });

    /** Everything a quote must leave alone, for one customer. */
    const written = async (user: { userId: string; token: string }) => {
      const balance = await t.db.query<{ points_balance: number }>(
        'SELECT points_balance FROM loyalty_accounts WHERE business_id = $1 AND user_id = $2',
        [f.businessId, user.userId],
      );
      const cart = await t.request({ method: 'GET', url: cartUrl(user.userId), token: user.token });
      return {
        orders: await countRows(t.db, 'orders', f.businessId),
        payments: await countRows(t.db, 'payments', f.businessId),
        outbox: await countRows(t.db, 'outbox', f.businessId),
        points: balance.rows[0]?.points_balance ?? 0,
        cartLines: cart.json().lines.length as number,
      };
    };
    const member = async (points: number) => {
      const user = await t.userToken();
      await t.db.query(
        'INSERT INTO loyalty_accounts (business_id, user_id, points_balance) VALUES ($1, $2, $3)',
        [f.businessId, user.userId, points],
      );
      return user;
    };

    it('prices the cart with promo code, points and tip exactly as placing it does, and writes nothing', async () => {
      const customer = await member(500);
      for (const line of [burger(), { itemId: f.items.fries, quantity: 1, notes: 'extra salt' }]) {
        const added = await t.request({
          method: 'POST',
          url: `${cartUrl(customer.userId)}/lines`,
          token: customer.token,
          body: line,
        });
        expect(added.statusCode).toBe(201);
      }
      const choices = {
        serviceType: 'delivery',
        tip: { percentBps: 1500 },
        promoCode: 'welcome10',
        loyaltyPointsToRedeem: 200,
      };
      const before = await written(customer);
      const quoted = await t.request({
        method: 'POST',
        url: quoteUrl(),
        token: customer.token,
        body: choices,
      });
      expect(quoted.statusCode, quoted.body).toBe(200);
      const quote = quoted.json();
      // (1250 + 150) × 2 + 500 = 3300; 10% off = 330; 200 points = 200; taxable 2770, HST 13% = 360.1 → 360;
      // tip 15% of the taxable 2770 = 415.5 → 416; delivery 499.
      expect(quote.totals).toEqual({
        currency: 'CAD',
        subtotalMinor: 3300,
        discountMinor: 330,
        loyaltyDiscountMinor: 200,
        taxMinor: 360,
        tipMinor: 416,
        deliveryFeeMinor: 499,
        totalMinor: 3300 - 330 - 200 + 360 + 416 + 499,
      });
      expect(quote.appliedOffers).toEqual([expect.objectContaining({ name: 'Welcome', discountMinor: 330 })]);
      expect(quote.taxes).toEqual([{ name: 'HST', rateBps: 1300, amountMinor: 360 }]);
      expect(quote.loyalty).toEqual({
        pointsBalance: 500,
        pointsRedeemed: 200,
        pointsEarned: 27,
        pointsPerMinorUnit: 1,
      });
      expect(
        quote.lines.map((line: { name: string; quantity: number }) => [line.name, line.quantity]),
      ).toEqual([
        ['Burger', 2],
        ['Fries', 1],
      ]);
      expect(quote.lines[0].modifiers.map((m: { name: string }) => m.name)).toEqual(['Medium', 'Cheese']);
      expect(quote.lines[1].notes).toBe('extra salt');
      expect(quote).toMatchObject({
        acceptingOrders: true,
        notAcceptingReason: null,
        serviceType: 'delivery',
      });
      expect(await written(customer)).toEqual(before);

      const placed = await t.request({
        method: 'POST',
        url: `/api/v1/restaurants/${f.locationId}/orders`,
        token: customer.token,
        body: {
          ...choices,
          delivery: { address: { line1: '10 Bay St', city: 'Toronto' }, lat: 43.64, lon: -79.37 },
          payment: { method: 'credit_card' },
        },
      });
      expect(placed.statusCode, placed.body).toBe(201);
      const order = placed.json();
      const { capturedMinor: _captured, refundedMinor: _refunded, ...orderTotals } = order.totals;
      expect(orderTotals).toEqual(quote.totals);
      expect(order.taxes).toEqual(quote.taxes);
      expect(order.appliedOffers).toEqual(quote.appliedOffers);
      expect(order.loyalty).toEqual({ pointsRedeemed: 200, pointsEarned: quote.loyalty.pointsEarned });
      expect(
        order.lines.map((line: { lineSubtotalMinor: number; discountMinor: number }) => [
          line.lineSubtotalMinor,
          line.discountMinor,
        ]),
      ).toEqual(
        quote.lines.map((line: { lineSubtotalMinor: number; discountMinor: number }) => [
          line.lineSubtotalMinor,
          line.discountMinor,
        ]),
      );
    });

    it('refuses what placement would refuse for the basket and the choices, with the same codes', async () => {
      const customer = await member(100);
      const quote = (body: unknown) =>
        t.request({ method: 'POST', url: quoteUrl(), token: customer.token, body });
      const fries = [{ itemId: f.items.fries, quantity: 1 }];
      const takeout = (more: Record<string, unknown>) => ({ serviceType: 'takeout', items: fries, ...more });
      const cases: [body: unknown, status: number, code: string][] = [
        [takeout({ promoCode: 'WELCOME10' }), 422, 'promo_code_invalid'], // below its minimum
        [takeout({ promoCode: 'NOPE' }), 422, 'promo_code_invalid'],
        [takeout({ loyaltyPointsToRedeem: 101 }), 422, 'loyalty_insufficient_points'],
        [takeout({ items: [{ itemId: f.items.soup, quantity: 1 }] }), 422, 'item_unavailable'],
        [takeout({ items: [{ itemId: f.items.burger, quantity: 1 }] }), 422, 'modifier_invalid'],
        [takeout({ totalMinor: 1 }), 400, 'validation_failed'],
        [takeout({ items: [{ itemId: f.items.fries, quantity: 0 }] }), 400, 'validation_failed'],
        [{ serviceType: 'takeout' }, 422, 'cart_empty'],
      ];
      for (const [body, status, code] of cases) {
        const response = await quote(body);
        expect([response.statusCode, response.json().code], JSON.stringify(body)).toEqual([status, code]);
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
      const anonymous = await t.request({
        method: 'POST',
        url: quoteUrl(),
        body: { serviceType: 'takeout', items: fries },
      });
      expect(anonymous.statusCode).toBe(401);
    });

    it('gives staff no points, and prices a restaurant that is not taking orders while saying so', async () => {
      const cashier = await t.userToken({
        memberships: [{ businessId: f.businessId, role: 'staff', position: 'cashier' }],
      });
      const body = { serviceType: 'dine_in', items: [{ itemId: f.items.fries, quantity: 2 }] };
      const staffQuote = await t.request({ method: 'POST', url: quoteUrl(), token: cashier.token, body });
      expect(staffQuote.statusCode, staffQuote.body).toBe(200);
      expect(staffQuote.json().loyalty).toBeNull();
      expect(staffQuote.json().totals).toMatchObject({
        subtotalMinor: 1000,
        taxMinor: 130,
        totalMinor: 1130,
      });
      const points = await t.request({
        method: 'POST',
        url: quoteUrl(),
        token: cashier.token,
        body: { ...body, loyaltyPointsToRedeem: 1 },
      });
      expect(points.json().code).toBe('loyalty_insufficient_points');

      const closed = await seedRestaurant(t.db, { serviceTypes: ['takeout'] });
      await t.db.query(`UPDATE locations SET status = 'paused' WHERE id = $1`, [closed.locationId]);
      const customer = await t.userToken();
      const items = [{ itemId: closed.items.fries, quantity: 1 }];
      const paused = await t.request({
        method: 'POST',
        url: `/api/v1/restaurants/${closed.locationId}/orders/quote`,
        token: customer.token,
        body: { serviceType: 'takeout', items },
      });
      expect(paused.statusCode, paused.body).toBe(200);
      expect(paused.json()).toMatchObject({ acceptingOrders: false, totals: { totalMinor: 565 } });
      expect(paused.json().notAcceptingReason).toMatch(/is paused$/);
      const placing = await t.request({
        method: 'POST',
        url: `/api/v1/restaurants/${closed.locationId}/orders`,
        token: customer.token,
        body: { serviceType: 'takeout', items, payment: { method: 'cash' } },
      });
      expect(placing.json().code).toBe('location_not_accepting_orders');
      const noDelivery = await t.request({
        method: 'POST',
        url: `/api/v1/restaurants/${closed.locationId}/orders/quote`,
        token: customer.token,
        body: { serviceType: 'delivery', items },
      });
      expect([noDelivery.statusCode, noDelivery.json().code]).toEqual([422, 'service_type_unavailable']);
    });
  });
}
