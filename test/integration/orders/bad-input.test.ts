import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAppError } from '../../../src/http/problem.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';

/**
 * Every bad request is answered with a 4xx problem+json carrying a stable code, and writes nothing:
 * the counts of orders, payments, outbox events, carts and gateway operations stay as they were.
 */
for (const kind of await databaseKinds()) {
  describe(`bad input on ${kind.name}`, () => {
    let t: TestApp;
    let f: RestaurantFixture;
    let other: RestaurantFixture;
    let customer: { userId: string; token: string };

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await seedRestaurant(t.db);
      other = await seedRestaurant(t.db, { name: 'Elsewhere' });
      customer = await t.userToken();
    });
    afterAll(() => t.close());

    const snapshot = async () => {
      const { rows } = await t.db.query<Record<string, number>>(
        `SELECT (SELECT count(*)::int FROM orders) AS orders, (SELECT count(*)::int FROM payments) AS payments,
                (SELECT count(*)::int FROM outbox) AS outbox, (SELECT count(*)::int FROM cart_lines) AS cart_lines,
                (SELECT count(*)::int FROM idempotency_keys) AS keys,
                (SELECT count(*)::int FROM simulated_gateway_operations) AS gateway`,
      );
      return rows[0];
    };
    const valid = () => ({
      serviceType: 'takeout',
      items: [{ itemId: f.items.burger, quantity: 1, modifiers: [f.options.rare] }],
      payment: { method: 'credit_card' },
    });

    const cases: {
      name: string;
      body: () => unknown;
      status: number;
      code: string;
      field?: string;
      /** Every field error, exactly (where the wording matters: a value fitting none of a union's forms). */
      errors?: { field: string; message: string }[];
    }[] = [
      {
        name: 'quantity as a string',
        body: () => ({ ...valid(), items: [{ itemId: f.items.fries, quantity: '2' }] }),
        status: 400,
        code: 'validation_failed',
        field: 'body/items/0/quantity',
      },
      {
        name: 'zero quantity',
        body: () => ({ ...valid(), items: [{ itemId: f.items.fries, quantity: 0 }] }),
        status: 400,
        code: 'validation_failed',
        field: 'body/items/0/quantity',
      },
      {
        name: 'negative quantity',
        body: () => ({ ...valid(), items: [{ itemId: f.items.fries, quantity: -3 }] }),
        status: 400,
        code: 'validation_failed',
        field: 'body/items/0/quantity',
      },
      {
        name: 'fractional quantity',
        body: () => ({ ...valid(), items: [{ itemId: f.items.fries, quantity: 1.5 }] }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'item id not a uuid',
        body: () => ({ ...valid(), items: [{ itemId: 'burger', quantity: 1 }] }),
        status: 400,
        code: 'validation_failed',
        field: 'body/items/0/itemId',
      },
      {
        name: 'unknown service type',
        body: () => ({ ...valid(), serviceType: 'drive_thru' }),
        status: 400,
        code: 'validation_failed',
        field: 'body/serviceType',
      },
      {
        name: 'missing payment',
        body: () => ({ serviceType: 'takeout', items: valid().items }),
        status: 400,
        code: 'validation_failed',
        field: 'body/payment',
      },
      {
        name: 'a price sent by the client',
        body: () => ({ ...valid(), items: [{ itemId: f.items.fries, quantity: 1, unitPriceMinor: 1 }] }),
        status: 400,
        code: 'validation_failed',
        field: 'body/items/0/unitPriceMinor',
      },
      {
        name: 'a total sent by the client',
        body: () => ({ ...valid(), totalMinor: 1 }),
        status: 400,
        code: 'validation_failed',
        field: 'body/totalMinor',
      },
      {
        name: 'an unknown item',
        body: () => ({
          ...valid(),
          items: [{ itemId: '00000000-0000-4000-8000-000000000000', quantity: 1 }],
        }),
        status: 422,
        code: 'item_unknown',
        field: 'body/items/0/itemId',
      },
      {
        name: "another business's item",
        body: () => ({ ...valid(), items: [{ itemId: other.items.fries, quantity: 1 }] }),
        status: 422,
        code: 'item_unknown',
      },
      {
        name: 'an unavailable item',
        body: () => ({ ...valid(), items: [{ itemId: f.items.soup, quantity: 1 }] }),
        status: 422,
        code: 'item_unavailable',
      },
      {
        name: 'a required modifier missing',
        body: () => ({ ...valid(), items: [{ itemId: f.items.burger, quantity: 1 }] }),
        status: 422,
        code: 'modifier_invalid',
      },
      {
        name: 'two choices in a single group',
        body: () => ({
          ...valid(),
          items: [{ itemId: f.items.burger, quantity: 1, modifiers: [f.options.rare, f.options.medium] }],
        }),
        status: 422,
        code: 'modifier_invalid',
      },
      {
        name: 'more add-ons than allowed',
        body: () => ({
          ...valid(),
          items: [
            {
              itemId: f.items.burger,
              quantity: 1,
              modifiers: [f.options.rare, f.options.cheese, f.options.bacon, f.options.avocado],
            },
          ],
        }),
        status: 422,
        code: 'modifier_invalid',
      },
      {
        name: 'an unavailable modifier',
        body: () => ({
          ...valid(),
          items: [{ itemId: f.items.burger, quantity: 1, modifiers: [f.options.rare, f.options.avocado] }],
        }),
        status: 422,
        code: 'modifier_invalid',
      },
      {
        name: "a modifier of another item's group",
        body: () => ({
          ...valid(),
          items: [{ itemId: f.items.fries, quantity: 1, modifiers: [f.options.cheese] }],
        }),
        status: 422,
        code: 'modifier_invalid',
      },
      {
        // Valid JSON, but text PostgreSQL cannot store: it used to reach the database and answer 500.
        name: 'a NUL character in a line note',
        body: () => ({ ...valid(), items: [{ itemId: f.items.fries, quantity: 1, notes: 'no\u0000salt' }] }),
        status: 400,
        code: 'validation_failed',
        field: 'body/items/0/notes',
      },
      {
        name: 'a NUL character in a promo code',
        body: () => ({ ...valid(), promoCode: 'X\u0000' }),
        status: 400,
        code: 'validation_failed',
        field: 'body/promoCode',
      },
      {
        name: 'an unknown promo code',
        body: () => ({ ...valid(), promoCode: 'NOPE' }),
        status: 422,
        code: 'promo_code_invalid',
      },
      {
        name: 'a tip percentage as text',
        body: () => ({ ...valid(), tip: { percentBps: 'abc' } }),
        status: 400,
        code: 'validation_failed',
        errors: [{ field: 'body/tip/percentBps', message: 'must be integer' }],
      },
      {
        name: 'a tip of neither form',
        body: () => ({ ...valid(), tip: { percent: 10 } }),
        status: 400,
        code: 'validation_failed',
        errors: [
          { field: 'body/tip/percent', message: 'is not an allowed field' },
          {
            field: 'body/tip',
            message: 'must match one of its forms: percentBps is required; or amountMinor is required',
          },
        ],
      },
      {
        name: 'a tip of both forms',
        body: () => ({ ...valid(), tip: { percentBps: 1500, amountMinor: 100 } }),
        status: 400,
        code: 'validation_failed',
        errors: [
          {
            field: 'body/tip',
            message:
              'must match one of its forms: amountMinor is not an allowed field; or percentBps is not an allowed field',
          },
        ],
      },
      {
        name: 'a tip as a number',
        body: () => ({ ...valid(), tip: -5 }),
        status: 400,
        code: 'validation_failed',
        errors: [{ field: 'body/tip', message: 'must be object' }],
      },
      {
        name: 'a table on a takeout order',
        body: () => ({ ...valid(), tableNumber: '4' }),
        status: 400,
        code: 'validation_failed',
      },
    ];

    for (const testCase of cases) {
      it(`rejects ${testCase.name} (${testCase.code}) and writes nothing`, async () => {
        const before = await snapshot();
        const response = await t.request({
          method: 'POST',
          url: `/api/v1/restaurants/${f.locationId}/orders`,
          token: customer.token,
          body: testCase.body(),
          headers: { 'idempotency-key': `bad-${testCase.name.replace(/[^a-z]+/gi, '-')}` },
        });
        expect(response.statusCode).toBe(testCase.status);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        const problem = response.json();
        expect(problem.code).toBe(testCase.code);
        expect(problem.status).toBe(testCase.status);
        expect(problem.stack).toBeUndefined();
        if (testCase.field)
          expect(problem.errors.map((e: { field: string }) => e.field)).toContain(testCase.field);
        if (testCase.errors) expect(problem.errors).toEqual(testCase.errors);
        expect(await snapshot()).toEqual(before);
      });
    }

    it('rejects malformed JSON, oversize bodies and non-JSON bodies without writing', async () => {
      const before = await snapshot();
      const url = `/api/v1/restaurants/${f.locationId}/orders`;
      const malformed = await t.request({
        method: 'POST',
        url,
        token: customer.token,
        body: '{"serviceType": "takeout",',
        headers: { 'content-type': 'application/json' },
      });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().code).toBe('malformed_json');
      const huge = await t.request({
        method: 'POST',
        url,
        token: customer.token,
        body: { ...valid(), notes: 'x'.repeat(100_000) },
      });
      expect(huge.statusCode).toBe(413);
      expect(huge.json().code).toBe('payload_too_large');
      const text = await t.request({
        method: 'POST',
        url,
        token: customer.token,
        body: 'hello',
        headers: { 'content-type': 'text/plain' },
      });
      expect(text.statusCode).toBe(415);
      expect(text.json().code).toBe('unsupported_media_type');
      expect(await snapshot()).toEqual(before);
    });

    it('rejects missing, forged and foreign tokens', async () => {
      const before = await snapshot();
      const url = `/api/v1/restaurants/${f.locationId}/orders`;
      const anonymous = await t.request({ method: 'POST', url, body: valid() });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().code).toBe('unauthenticated');
      const forged = await t.request({
        method: 'POST',
        url,
        body: valid(),
        headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x' },
      });
      expect(forged.json().code).toBe('invalid_token');
      const otherOwner = await t.userToken({
        memberships: [{ businessId: other.businessId, role: 'owner' }],
      });
      const foreignList = await t.request({
        method: 'GET',
        url: `/api/v1/restaurants/${f.locationId}/orders`,
        token: otherOwner.token,
      });
      expect(foreignList.statusCode).toBe(403);
      const placed = await t.request({ method: 'POST', url, token: customer.token, body: valid() });
      expect(placed.statusCode).toBe(201);
      const orderId = placed.json().id;
      const peek = await t.request({
        method: 'GET',
        url: `/api/v1/orders/${orderId}`,
        token: otherOwner.token,
      });
      expect(peek.statusCode).toBe(404);
      const meddle = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${orderId}/refunds`,
        token: otherOwner.token,
        body: { reason: 'x' },
      });
      expect(meddle.statusCode).toBe(404);
      const after = await snapshot();
      // Only the one legitimate order (and its payment, events, gateway calls) was written.
      expect(after?.orders).toBe((before?.orders ?? 0) + 1);
      expect(after?.payments).toBe((before?.payments ?? 0) + 1);
    });

    it('refuses NUL characters and out-of-range numbers on other routes too, writing nothing', async () => {
      // Registration is public: a name with a NUL character used to be a 500, and no account is made.
      const register = await t.request({
        method: 'POST',
        url: '/api/v1/auth/register',
        body: { email: 'nul@example.test', password: 'password123', name: 'N\u0000L' },
      });
      expect(register.statusCode).toBe(400);
      expect(register.headers['content-type']).toContain('application/problem+json');
      expect(register.json()).toMatchObject({
        code: 'validation_failed',
        errors: [{ field: 'body/name' }],
      });
      const users = await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM users WHERE email = 'nul@example.test'",
      );
      expect(users.rows[0]?.n).toBe(0);
      // A price beyond what the integer column holds is the schema's 400; and a number no schema
      // bounds that the database refuses as out of range is the client's 400 too, not a 500 (the
      // database's own error, as a route would meet it). The item keeps its price.
      const owner = await t.userToken({ memberships: [{ businessId: f.businessId, role: 'owner' }] });
      const itemUrl = `/api/v1/businesses/${f.businessId}/menu/items/${f.items.fries}`;
      const before = (await t.request({ method: 'GET', url: itemUrl, token: owner.token })).json();
      for (const body of [{ priceMinor: 3_000_000_000 }, { description: 'a\u0000b' }]) {
        const patch = await t.request({ method: 'PATCH', url: itemUrl, token: owner.token, body });
        expect(patch.statusCode, JSON.stringify(body)).toBe(400);
        expect(patch.json().code).toBe('validation_failed');
      }
      const after = (await t.request({ method: 'GET', url: itemUrl, token: owner.token })).json();
      expect(after).toEqual(before);
      const overflow = await t.db.query('SELECT 3000000000::integer').catch((error: unknown) => error);
      expect(toAppError(overflow)).toMatchObject({ code: 'validation_failed', status: 400 });
    });

    it('answers unknown routes and unknown restaurants with coded problems', async () => {
      expect((await t.request({ method: 'GET', url: '/api/v1/nowhere' })).json().code).toBe(
        'route_not_found',
      );
      const missing = await t.request({
        method: 'POST',
        url: '/api/v1/restaurants/00000000-0000-4000-8000-000000000000/orders',
        token: customer.token,
        body: valid(),
      });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('not_found');
    });
  });
}
