import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../support/fixtures.js';

for (const kind of await databaseKinds()) {
  describe(`restaurants and live menus on ${kind.name}`, () => {
    let t: TestApp;
    let f: RestaurantFixture;
    let lunchOnly: RestaurantFixture;
    let customer: { token: string };

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await seedRestaurant(t.db, { name: 'Always Open' });
      // Open 11:00–14:00 Toronto time every day; the tests move the clock.
      const lunch = [{ name: 'Lunch', opens: '11:00', closes: '14:00' }];
      const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
      lunchOnly = await seedRestaurant(t.db, {
        name: 'Lunch Counter',
        serviceTypes: ['takeout'],
        businessHours: Object.fromEntries(days.map((day) => [day, lunch])),
      });
      customer = await t.userToken();
    });
    afterAll(() => t.close());

    const order = (fixture: RestaurantFixture, serviceType = 'takeout') =>
      t.request({
        method: 'POST',
        url: `/api/v1/restaurants/${fixture.locationId}/orders`,
        token: customer.token,
        body: {
          serviceType,
          items: [{ itemId: fixture.items.fries, quantity: 1 }],
          payment: { method: 'cash' },
        },
      });

    it('lists restaurants publicly with whether they are open now', async () => {
      t.clock.now = new Date('2026-11-23T17:30:00Z'); // 12:30 in Toronto
      const response = await t.request({ method: 'GET', url: '/api/v1/restaurants?q=lunch' });
      expect(response.statusCode).toBe(200);
      const [restaurant] = response.json().restaurants;
      expect(restaurant).toMatchObject({
        id: lunchOnly.locationId,
        openNow: true,
        currentSection: 'Lunch',
        serviceTypes: ['takeout'],
      });
      t.clock.now = new Date('2026-11-24T02:00:00Z'); // 21:00 in Toronto
      const evening = await t.request({ method: 'GET', url: `/api/v1/restaurants/${lunchOnly.locationId}` });
      expect(evening.json()).toMatchObject({ openNow: false, currentSection: null });
      const delivery = await t.request({
        method: 'GET',
        url: '/api/v1/restaurants?serviceType=delivery&limit=200',
      });
      expect(delivery.json().restaurants.map((r: { id: string }) => r.id)).not.toContain(
        lunchOnly.locationId,
      );
    });

    it('serves the live menu tree with modifiers and current availability', async () => {
      t.clock.now = new Date();
      const response = await t.request({ method: 'GET', url: `/api/v1/restaurants/${f.locationId}/menus` });
      expect(response.statusCode).toBe(200);
      const [menu] = response.json().menus;
      expect(menu).toMatchObject({ brandName: 'House', brandActive: true, menuName: 'All day' });
      const items = menu.categories[0].items as {
        id: string;
        availableNow: boolean;
        modifierGroups: { name: string }[];
      }[];
      const byId = new Map(items.map((item) => [item.id, item]));
      expect(byId.get(f.items.soup)?.availableNow).toBe(false);
      expect(byId.get(f.items.burger)?.availableNow).toBe(true);
      expect(byId.get(f.items.burger)?.modifierGroups.map((g) => g.name)).toEqual(['Doneness', 'Add-ons']);
      const missing = await t.request({
        method: 'GET',
        url: '/api/v1/restaurants/00000000-0000-4000-8000-000000000000/menus',
      });
      expect(missing.json().code).toBe('not_found');
    });

    it('refuses orders outside opening hours, while paused, and for service types not offered', async () => {
      t.clock.now = new Date('2026-11-24T02:00:00Z'); // 21:00 in Toronto: closed
      const closed = await order(lunchOnly);
      expect(closed.statusCode).toBe(422);
      expect(closed.json().code).toBe('location_not_accepting_orders');
      t.clock.now = new Date('2026-11-23T17:30:00Z'); // lunch
      expect((await order(lunchOnly)).statusCode).toBe(201);
      const delivery = await order(lunchOnly, 'delivery');
      expect(delivery.json().code).toBe('service_type_unavailable');
      await t.db.query(`UPDATE locations SET status = 'paused' WHERE id = $1`, [lunchOnly.locationId]);
      const paused = await order(lunchOnly);
      expect(paused.json().code).toBe('location_not_accepting_orders');
      const listed = await t.request({ method: 'GET', url: `/api/v1/restaurants/${lunchOnly.locationId}` });
      expect(listed.json()).toMatchObject({ status: 'paused', openNow: false });
    });
  });
}
