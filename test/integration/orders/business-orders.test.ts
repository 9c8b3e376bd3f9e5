import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { type PlacedOrder, placeOrder, type ServiceType } from '../../support/orders.js';

interface ListedOrder {
  id: string;
  locationId: string;
  serviceType: string;
  status: string;
  customer: { name: string; email: string } | null;
}

/** A second restaurant of the fixture's business, serving the same brand. */
async function addLocation(t: TestApp, f: RestaurantFixture): Promise<string> {
  const id = randomUUID();
  await t.db.query(
    `INSERT INTO locations (id, business_id, code, name, address, lat, lon, time_zone, currency, tax_rules,
                            service_types, delivery_fee_minor, business_hours)
     SELECT $1, business_id, 'TOR-2', name || ' East', address, lat, lon, time_zone, currency, tax_rules,
            service_types, delivery_fee_minor, business_hours FROM locations WHERE id = $2`,
    [id, f.locationId],
  );
  await t.db.query('INSERT INTO brand_locations (business_id, brand_id, location_id) VALUES ($1, $2, $3)', [
    f.businessId,
    f.brandId,
    id,
  ]);
  return id;
}

for (const kind of await databaseKinds()) {
  describe(`a business's order list on ${kind.name}`, () => {
    let t: TestApp;
    let f: RestaurantFixture;
    let other: RestaurantFixture;
    let east: string;
    let owner: string;
    let otherOwner: string;
    let manager: string;
    let eastCashier: string;
    let kitchen: string;
    let alice: { userId: string; token: string; email: string };
    let bob: { userId: string; token: string; email: string };
    const placed: Record<string, PlacedOrder> = {};

    const list = (query: string, token = owner, businessId = f.businessId) =>
      t.request({ method: 'GET', url: `/api/v1/businesses/${businessId}/orders${query}`, token });
    const ids = async (query: string, token = owner) => {
      const response = await list(query, token);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().orders as ListedOrder[]).map((order) => order.id);
    };
    const order = (
      name: string,
      customer: { token: string },
      locationId: string,
      serviceType: ServiceType = 'takeout',
    ) => {
      // The test clock stands still: a minute between orders gives the list its newest-first order.
      t.clock.now = new Date(t.clock.now.getTime() + 60_000);
      return placeOrder(t, {
        locationId,
        token: customer.token,
        serviceType,
        ...(serviceType === 'dine_in' ? { tableNumber: '4' } : {}),
        items: [{ itemId: f.items.fries, quantity: 1 }],
      }).then((one) => {
        placed[name] = one;
        return one;
      });
    };
    const id = (name: string) => placed[name]?.id ?? '';

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await seedRestaurant(t.db);
      other = await seedRestaurant(t.db);
      east = await addLocation(t, f);
      owner = (await t.userToken({ memberships: [{ businessId: f.businessId, role: 'owner' }] })).token;
      otherOwner = (await t.userToken({ memberships: [{ businessId: other.businessId, role: 'owner' }] }))
        .token;
      manager = (await t.userToken({ memberships: [{ businessId: f.businessId, role: 'manager' }] })).token;
      eastCashier = (
        await t.userToken({
          memberships: [
            { businessId: f.businessId, role: 'staff', position: 'cashier', locationIds: [east] },
          ],
        })
      ).token;
      kitchen = (
        await t.userToken({ memberships: [{ businessId: f.businessId, role: 'staff', position: 'kitchen' }] })
      ).token;
      alice = await t.userToken({ email: `alice-${randomUUID().slice(0, 6)}@diner.example` });
      bob = await t.userToken({ email: `bob-${randomUUID().slice(0, 6)}@diner.example` });
      await t.db.query('UPDATE users SET name = $2 WHERE id = $1', [alice.userId, 'Alice Liddell']);
      await t.db.query('UPDATE users SET name = $2 WHERE id = $1', [bob.userId, 'Bob 100%_Real']);
      // Oldest first: the list answers newest first.
      await order('aliceMain', alice, f.locationId);
      await order('bobEast', bob, east, 'delivery');
      await order('aliceEastDineIn', alice, east, 'dine_in');
      await order('bobMain', bob, f.locationId);
      t.clock.now = new Date(t.clock.now.getTime() + 60_000);
      placed.aliceOther = await placeOrder(t, {
        locationId: other.locationId,
        token: alice.token,
        items: [{ itemId: other.items.fries, quantity: 1 }],
      });
      const cancel = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${id('bobMain')}/cancel`,
        token: manager,
        body: { reason: 'customer called' },
      });
      expect(cancel.statusCode, cancel.body).toBe(200);
    });
    afterAll(() => t.close());

    it('lists every location of the business, newest first, with the customer on each order', async () => {
      const response = await list('');
      expect(response.statusCode).toBe(200);
      const orders = response.json().orders as ListedOrder[];
      expect(orders.map((one) => one.id)).toEqual([
        id('bobMain'),
        id('aliceEastDineIn'),
        id('bobEast'),
        id('aliceMain'),
      ]);
      expect(orders[1]).toMatchObject({
        locationId: east,
        serviceType: 'dine_in',
        customer: { name: 'Alice Liddell', email: alice.email },
      });
      expect(response.json().nextCursor).toBeNull();
    });

    it('filters by location, status and service type (each repeatable)', async () => {
      expect(await ids(`?location_id=${east}`)).toEqual([id('aliceEastDineIn'), id('bobEast')]);
      expect(await ids(`?location_id=${east}&location_id=${f.locationId}`)).toHaveLength(4);
      expect(await ids('?status=cancelled')).toEqual([id('bobMain')]);
      expect(await ids('?status=confirmed&status=cancelled')).toHaveLength(4);
      expect(await ids('?service_type=delivery&service_type=dine_in')).toEqual([
        id('aliceEastDineIn'),
        id('bobEast'),
      ]);
      expect(await ids(`?service_type=takeout&status=confirmed&location_id=${f.locationId}`)).toEqual([
        id('aliceMain'),
      ]);
    });

    it("searches the order number and the customer's name and email", async () => {
      const number = id('bobEast').slice(0, 8);
      expect(await ids(`?q=${number}`)).toEqual([id('bobEast')]);
      expect(await ids(`?q=%23${number.toUpperCase()}`)).toEqual([id('bobEast')]);
      expect(await ids('?q=liddell')).toEqual([id('aliceEastDineIn'), id('aliceMain')]);
      expect(await ids(`?q=${encodeURIComponent(bob.email.slice(0, 10))}`)).toEqual([
        id('bobMain'),
        id('bobEast'),
      ]);
      // LIKE wildcards are searched as text.
      expect(await ids(`?q=${encodeURIComponent('100%_')}`)).toHaveLength(2);
      expect(await ids(`?q=${encodeURIComponent('%')}`)).toHaveLength(2);
      expect(await ids('?q=nobody-at-all')).toEqual([]);
      expect(await ids(`?q=liddell&location_id=${f.locationId}`)).toEqual([id('aliceMain')]);
    });

    it('pages with a cursor, newest first, without gaps or repeats', async () => {
      const first = (await list('?limit=3')).json();
      expect(first.orders).toHaveLength(3);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = (await list(`?limit=3&cursor=${first.nextCursor}`)).json();
      expect(second.nextCursor).toBeNull();
      expect([...first.orders, ...second.orders].map((one: ListedOrder) => one.id)).toEqual(await ids(''));
      const bad = await list('?cursor=not-a-cursor');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('validation_failed');
    });

    it("lists a customer's own orders at every business, newest first, paged, and no one else's", async () => {
      const mine = (query: string, token = alice.token, userId = alice.userId) =>
        t.request({ method: 'GET', url: `/api/v1/users/${userId}/orders${query}`, token });
      const all = await mine('');
      expect(all.statusCode, all.body).toBe(200);
      expect((all.json().orders as ListedOrder[]).map((one) => one.id)).toEqual([
        id('aliceOther'),
        id('aliceEastDineIn'),
        id('aliceMain'),
      ]);
      const first = (await mine('?limit=2')).json();
      const rest = (await mine(`?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
      expect([...first.orders, ...rest.orders].map((one: ListedOrder) => one.id)).toEqual(
        (all.json().orders as ListedOrder[]).map((one) => one.id),
      );
      expect(rest.nextCursor).toBeNull();
      expect((await mine('?status=cancelled', bob.token, bob.userId)).json().orders).toHaveLength(1);
      // Another customer, or the business's own owner, may not read Alice's list.
      for (const token of [bob.token, owner]) {
        const refused = await mine('', token);
        expect(refused.statusCode).toBe(403);
        expect(refused.json().code).toBe('forbidden');
      }
      const anonymous = await t.request({ method: 'GET', url: `/api/v1/users/${alice.userId}/orders` });
      expect(anonymous.statusCode).toBe(401);
    });

    it("keeps tenants apart: another business's owner is refused, its orders never listed", async () => {
      const refused = await list('', otherOwner);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('forbidden');
      const theirs = await list('', otherOwner, other.businessId);
      expect(theirs.json().orders).toHaveLength(1);
      // Naming a location of another business finds nothing here.
      expect(await ids(`?location_id=${other.locationId}`)).toEqual([]);
      const customer = await list('', alice.token);
      expect(customer.statusCode).toBe(403);
    });

    it('shows staff whose membership lists locations only those, and refuses the others', async () => {
      expect(await ids('', eastCashier)).toEqual([id('aliceEastDineIn'), id('bobEast')]);
      expect(await ids('?q=liddell', eastCashier)).toEqual([id('aliceEastDineIn')]);
      const outside = await list(`?location_id=${f.locationId}`, eastCashier);
      expect(outside.statusCode).toBe(403);
      expect(outside.json().code).toBe('forbidden');
      expect(await ids('', kitchen)).toHaveLength(4);
    });

    it('tells each caller the moves the state machine lets them make, and whether to offer a refund', async () => {
      const actions = (orderId: string, token: string) =>
        t.request({ method: 'GET', url: `/api/v1/orders/${orderId}/actions`, token });
      const confirmed = placed.aliceMain as PlacedOrder;
      expect((await actions(confirmed.id, manager)).json()).toEqual({
        status: 'confirmed',
        transitions: ['preparing', 'cancelled'],
        refund: { allowed: true, refundableMinor: confirmed.totals.totalMinor },
      });
      expect((await actions(confirmed.id, kitchen)).json()).toEqual({
        status: 'confirmed',
        transitions: ['preparing'],
        refund: { allowed: false, refundableMinor: confirmed.totals.totalMinor },
      });
      // The cashier covers the east location only: this order is not theirs to see.
      expect((await actions(confirmed.id, eastCashier)).statusCode).toBe(404);
      expect((await actions(id('aliceEastDineIn'), eastCashier)).json().transitions).toEqual(['cancelled']);
      // Its customer may cancel before the kitchen starts, and never refund.
      expect((await actions(confirmed.id, alice.token)).json()).toMatchObject({
        transitions: ['cancelled'],
        refund: { allowed: false },
      });
      expect((await actions(confirmed.id, bob.token)).statusCode).toBe(404);

      const partial = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${confirmed.id}/refunds`,
        token: manager,
        body: { amountMinor: 100, reason: 'cold fries' },
      });
      expect(partial.statusCode, partial.body).toBe(201);
      expect((await actions(confirmed.id, owner)).json().refund).toEqual({
        allowed: true,
        refundableMinor: confirmed.totals.totalMinor - 100,
      });
      // A cancelled order was refunded in full by its compensation: nothing left to offer.
      expect((await actions(id('bobMain'), owner)).json()).toEqual({
        status: 'cancelled',
        transitions: [],
        refund: { allowed: false, refundableMinor: 0 },
      });
      const unknown = await actions(randomUUID(), owner);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe('not_found');
    });
  });
}
