import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { placeOrder } from '../../support/orders.js';

type User = { userId: string; token: string };
interface View {
  orderId: string;
  orderStatus: string;
  status: string;
  placedAt: string;
  restaurant: { locationId: string };
}

/** `GET /api/v1/drivers/me/available-deliveries`: what a driver may claim, and only that. */
for (const kind of await databaseKinds()) {
  describe(`available deliveries on ${kind.name}`, () => {
    let t: TestApp;
    let f: RestaurantFixture;
    let other: RestaurantFixture;
    let customer: User;
    let driver: User;
    let elsewhere: User;
    let kitchen: User;
    let manager: User;

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await seedRestaurant(t.db);
      other = await seedRestaurant(t.db);
      customer = await t.userToken();
      const staff = (position: 'kitchen' | 'driver', locationIds?: string[]) =>
        t.userToken({
          memberships: [
            { businessId: f.businessId, role: 'staff', position, ...(locationIds ? { locationIds } : {}) },
          ],
        });
      driver = await staff('driver');
      elsewhere = await staff('driver', [randomUUID()]);
      kitchen = await staff('kitchen');
      manager = await t.userToken({ memberships: [{ businessId: f.businessId, role: 'manager' }] });
    });
    afterAll(() => t.close());

    const place = async (at: RestaurantFixture, serviceType: 'delivery' | 'takeout' = 'delivery') =>
      (
        await placeOrder(t, {
          locationId: at.locationId,
          token: customer.token,
          serviceType,
          items: [{ itemId: at.items.fries, quantity: 1 }],
        })
      ).id;
    const available = async (token: string) => {
      const response = await t.request({
        method: 'GET',
        url: '/api/v1/drivers/me/available-deliveries',
        token,
      });
      expect(response.statusCode).toBe(200);
      return (response.json() as { available: View[] }).available;
    };
    const post = (orderId: string, path: string, token: string, body?: unknown) =>
      t.request({ method: 'POST', url: `/api/v1/orders/${orderId}/delivery/${path}`, token, body });

    it("lists unassigned delivery orders at the driver's locations, oldest first, until one is claimed", async () => {
      const first = await place(f);
      t.clock.now = new Date(t.clock.now.getTime() + 60_000);
      const second = await place(f);
      const takeout = await place(f, 'takeout');
      const otherBusiness = await place(other);

      const listed = await available(driver.token);
      const ids = listed.map((view) => view.orderId);
      expect(ids).toEqual([first, second]);
      expect(ids).not.toContain(takeout);
      expect(ids).not.toContain(otherBusiness);
      expect(listed[0]).toMatchObject({
        orderId: first,
        orderStatus: 'confirmed',
        status: 'unassigned',
        restaurant: { locationId: f.locationId },
      });
      expect(Date.parse(listed[1]?.placedAt ?? '') - Date.parse(listed[0]?.placedAt ?? '')).toBe(60_000);

      expect((await post(first, 'claim', driver.token)).statusCode).toBe(201);
      expect((await available(driver.token)).map((view) => view.orderId)).toEqual([second]);
      const mine = await t.request({
        method: 'GET',
        url: '/api/v1/drivers/me/deliveries',
        token: driver.token,
      });
      expect(mine.json().active).toEqual([
        expect.objectContaining({ orderId: first, status: 'assigned', placedAt: listed[0]?.placedAt }),
      ]);

      // Nobody else sees them: a driver of another location, kitchen staff, a manager, a customer.
      for (const user of [elsewhere, kitchen, manager, customer])
        expect(await available(user.token)).toEqual([]);
    });

    it('offers an order again after a failed attempt before pickup, and never once it left the kitchen', async () => {
      const orderId = await place(f);
      expect((await post(orderId, 'claim', driver.token)).statusCode).toBe(201);
      expect((await post(orderId, 'failed', driver.token, { reason: 'flat tyre' })).statusCode).toBe(200);
      const again = (await available(driver.token)).find((view) => view.orderId === orderId);
      expect(again).toMatchObject({ status: 'failed', orderStatus: 'confirmed' });

      const cancelled = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${orderId}/cancel`,
        token: manager.token,
        body: { reason: 'customer called' },
      });
      expect(cancelled.statusCode).toBe(200);
      expect((await available(driver.token)).map((view) => view.orderId)).not.toContain(orderId);
    });

    it('refuses anonymous callers', async () => {
      const response = await t.request({ method: 'GET', url: '/api/v1/drivers/me/available-deliveries' });
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('unauthenticated');
    });
  });
}
