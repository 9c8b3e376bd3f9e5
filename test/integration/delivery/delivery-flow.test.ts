import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { countRows, type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { placeOrder } from '../../support/orders.js';

type User = { userId: string; token: string };

for (const kind of await databaseKinds()) {
  describe(`delivery on ${kind.name}`, () => {
    let t: TestApp;
    let f: RestaurantFixture;
    let customer: User;
    let driver: User;
    let otherDriver: User;
    let kitchen: User;
    let manager: User;

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await seedRestaurant(t.db);
      customer = await t.userToken();
      const staff = (position: 'kitchen' | 'driver', locationIds?: string[]) =>
        t.userToken({
          memberships: [
            { businessId: f.businessId, role: 'staff', position, ...(locationIds ? { locationIds } : {}) },
          ],
        });
      driver = await staff('driver');
      otherDriver = await staff('driver', [f.locationId]);
      kitchen = await staff('kitchen');
      manager = await t.userToken({ memberships: [{ businessId: f.businessId, role: 'manager' }] });
    });
    afterAll(() => t.close());

    const place = async (serviceType: 'delivery' | 'takeout' = 'delivery') => {
      const order = await placeOrder(t, {
        locationId: f.locationId,
        token: customer.token,
        serviceType,
        items: [{ itemId: f.items.fries, quantity: 1 }],
      });
      return order.id;
    };
    const move = async (orderId: string, status: string) => {
      const response = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${orderId}/status`,
        token: kitchen.token,
        body: { status },
      });
      expect(response.statusCode).toBe(200);
    };
    const post = (orderId: string, path: string, token: string, body?: unknown) =>
      t.request({ method: 'POST', url: `/api/v1/orders/${orderId}/delivery/${path}`, token, body });
    const view = (orderId: string, token: string) =>
      t.request({ method: 'GET', url: `/api/v1/orders/${orderId}/delivery`, token });
    const at = (secondsAgo: number) => new Date(t.clock.now.getTime() - secondsAgo * 1000).toISOString();
    const timeline = async (orderId: string) => {
      const { rows } = await t.db.query<{ event_type: string; payload: { from?: string; to?: string } }>(
        'SELECT event_type, payload FROM outbox WHERE order_id = $1 ORDER BY sequence',
        [orderId],
      );
      return rows
        .filter((row) => row.event_type.startsWith('delivery.') || row.event_type === 'order.status_changed')
        .map((row) =>
          row.event_type === 'order.status_changed'
            ? `${row.payload.from}>${row.payload.to}`
            : row.event_type,
        );
    };

    it('runs a delivery from assignment to hand-over, moving the order and writing events in order', async () => {
      const orderId = await place();
      const assigned = await post(orderId, 'assign', manager.token, { driverUserId: driver.userId });
      expect(assigned.statusCode).toBe(201);
      expect(assigned.json()).toMatchObject({
        status: 'assigned',
        orderStatus: 'confirmed',
        driver: { userId: driver.userId, name: 'Test user' },
      });
      await move(orderId, 'preparing');
      expect((await post(orderId, 'arrived', driver.token)).json().status).toBe('arrived');

      // Picking up food that is not ready is the lifecycle's illegal_transition, and writes nothing.
      const events = await countRows(t.db, 'outbox', f.businessId);
      const early = await post(orderId, 'picked-up', driver.token);
      expect(early.statusCode).toBe(409);
      expect(early.json().code).toBe('illegal_transition');
      expect(await countRows(t.db, 'outbox', f.businessId)).toBe(events);
      expect((await view(orderId, customer.token)).json().status).toBe('arrived');

      await move(orderId, 'ready');
      const picked = await post(orderId, 'picked-up', driver.token);
      expect(picked.statusCode).toBe(200);
      expect(picked.json()).toMatchObject({ status: 'picked_up', orderStatus: 'out_for_delivery' });
      const pinged = await post(orderId, 'pings', driver.token, {
        pings: [{ lat: 43.68, lon: -79.39, heading: 350, speedMps: 9.5, recordedAt: at(1) }],
      });
      expect(pinged.json()).toEqual({ stored: 1, duplicates: 0, positionUpdated: true, announced: true });
      const delivered = await post(orderId, 'delivered', driver.token);
      expect(delivered.statusCode).toBe(200);
      const done = delivered.json();
      expect(done).toMatchObject({ status: 'delivered', orderStatus: 'delivered', eta: null });
      for (const phase of ['assignedAt', 'arrivedAt', 'pickedUpAt', 'deliveredAt']) {
        expect(done[phase]).toEqual(expect.any(String));
      }
      expect(done.failedAt).toBeNull();

      expect(await timeline(orderId)).toEqual([
        'delivery.driver_assigned',
        'confirmed>preparing',
        'delivery.driver_arrived',
        'preparing>ready',
        'delivery.picked_up',
        'ready>out_for_delivery',
        'delivery.location_updated',
        'delivery.delivered',
        'out_for_delivery>delivered',
      ]);
      const { rows } = await t.db.query<{ payload: Record<string, unknown> }>(
        `SELECT payload FROM outbox WHERE order_id = $1 AND event_type = 'delivery.driver_assigned'`,
        [orderId],
      );
      expect(rows[0]?.payload).toMatchObject({
        order_id: orderId,
        driver_user_id: driver.userId,
        driver_name: 'Test user',
        assigned_by: { role: 'manager' },
      });

      const mine = await t.request({
        method: 'GET',
        url: '/api/v1/drivers/me/deliveries',
        token: driver.token,
      });
      expect(mine.statusCode).toBe(200);
      expect(mine.json().recent.map((d: { orderId: string }) => d.orderId)).toContain(orderId);
      expect(mine.json().active.map((d: { orderId: string }) => d.orderId)).not.toContain(orderId);
    });

    it('refuses wrong drivers, wrong roles, wrong orders and wrong steps with codes, writing nothing', async () => {
      const orderId = await place();
      const elsewhere = await t.userToken({
        memberships: [
          { businessId: f.businessId, role: 'staff', position: 'driver', locationIds: [randomUUID()] },
        ],
      });
      const takeout = await place('takeout');
      const before = await countRows(t.db, 'outbox', f.businessId);
      const expectCode = async (response: Awaited<ReturnType<typeof post>>, status: number, code: string) => {
        expect(response.statusCode).toBe(status);
        expect(response.json().code).toBe(code);
      };
      await expectCode(
        await post(orderId, 'assign', customer.token, { driverUserId: driver.userId }),
        403,
        'forbidden',
      );
      await expectCode(
        await post(orderId, 'assign', driver.token, { driverUserId: driver.userId }),
        403,
        'forbidden',
      );
      await expectCode(
        await post(orderId, 'assign', manager.token, { driverUserId: kitchen.userId }),
        422,
        'driver_not_eligible',
      );
      await expectCode(
        await post(orderId, 'assign', manager.token, { driverUserId: elsewhere.userId }),
        422,
        'driver_not_eligible',
      );
      // A driver of another location is not staff here at all: the order is not theirs to see.
      await expectCode(await post(orderId, 'claim', elsewhere.token), 404, 'not_found');
      await expectCode(await post(orderId, 'claim', kitchen.token), 403, 'forbidden');
      await expectCode(await post(orderId, 'arrived', driver.token), 404, 'not_found');
      await expectCode(await post(takeout, 'claim', driver.token), 422, 'delivery_order_required');
      await expectCode(await view(takeout, customer.token), 422, 'delivery_order_required');
      const stranger = await t.userToken();
      await expectCode(await view(orderId, stranger.token), 404, 'not_found');
      expect(await countRows(t.db, 'outbox', f.businessId)).toBe(before);

      expect((await post(orderId, 'claim', driver.token)).statusCode).toBe(201);
      const afterClaim = await countRows(t.db, 'outbox', f.businessId);
      await expectCode(await post(orderId, 'arrived', otherDriver.token), 403, 'driver_not_assigned');
      await expectCode(await post(orderId, 'delivered', driver.token), 409, 'delivery_step_out_of_order');
      await expectCode(
        await post(orderId, 'assign', manager.token, { driverUserId: otherDriver.userId }),
        409,
        'delivery_already_assigned',
      );
      await expectCode(
        await post(orderId, 'failed', otherDriver.token, { reason: 'x' }),
        403,
        'driver_not_assigned',
      );
      expect(await countRows(t.db, 'outbox', f.businessId)).toBe(afterClaim);

      // A manager takes the order back; another driver can then have it.
      const failed = await post(orderId, 'failed', manager.token, { reason: 'driver has a flat tyre' });
      expect(failed.json()).toMatchObject({ status: 'failed', failureReason: 'driver has a flat tyre' });
      await expectCode(await post(orderId, 'arrived', driver.token), 404, 'not_found');
      const reassigned = await post(orderId, 'assign', manager.token, { driverUserId: otherDriver.userId });
      expect(reassigned.statusCode).toBe(201);
      expect(reassigned.json()).toMatchObject({ status: 'assigned', driver: { userId: otherDriver.userId } });

      const finished = await place();
      for (const status of ['preparing', 'ready']) await move(finished, status);
      await t.request({
        method: 'POST',
        url: `/api/v1/orders/${finished}/status`,
        token: manager.token,
        body: { status: 'out_for_delivery' },
      });
      await expectCode(await post(finished, 'claim', driver.token), 409, 'delivery_not_allowed');
    });

    it('stops a delivery whose order was cancelled, letting the driver end the attempt', async () => {
      const orderId = await place();
      expect((await post(orderId, 'claim', driver.token)).statusCode).toBe(201);
      const cancel = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${orderId}/cancel`,
        token: customer.token,
        body: { reason: 'changed my mind' },
      });
      expect(cancel.statusCode).toBe(200);
      const arrived = await post(orderId, 'arrived', driver.token);
      expect(arrived.statusCode).toBe(409);
      expect(arrived.json().code).toBe('delivery_not_allowed');
      const pinged = await post(orderId, 'pings', driver.token, {
        pings: [{ lat: 1, lon: 1, recordedAt: at(1) }],
      });
      expect(pinged.json().code).toBe('delivery_not_active');
      const ended = await post(orderId, 'failed', driver.token, { reason: 'order cancelled' });
      expect(ended.json()).toMatchObject({ status: 'failed', orderStatus: 'cancelled', eta: null });
    });

    it('lets exactly one of several drivers claiming at once win', async () => {
      const orderId = await place();
      const drivers = [driver, otherDriver, driver, otherDriver, driver];
      const attempts = await Promise.all(drivers.map((d) => post(orderId, 'claim', d.token)));
      expect(attempts.filter((r) => r.statusCode === 201)).toHaveLength(1);
      const losers = attempts.filter((r) => r.statusCode !== 201);
      expect(losers.map((r) => r.json().code)).toEqual(Array(4).fill('delivery_already_assigned'));
      const { rows } = await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM deliveries WHERE order_id = $1',
        [orderId],
      );
      expect(rows[0]?.n).toBe(1);
      expect((await timeline(orderId)).filter((e) => e === 'delivery.driver_assigned')).toHaveLength(1);
    });

    it('validates pings, stores resent and late ones once, and announces at most every 5 s', async () => {
      const orderId = await place();
      const ping = (body: unknown, token = driver.token) => post(orderId, 'pings', token, body);
      const before = await ping({ pings: [{ lat: 43.7, lon: -79.4, recordedAt: at(1) }] });
      expect(before.json().code).toBe('delivery_not_active');
      await post(orderId, 'claim', driver.token);

      for (const bad of [
        { lat: 90.5, lon: 0, recordedAt: at(1) },
        { lat: 0, lon: -180.1, recordedAt: at(1) },
        { lat: 0, lon: 0, heading: 360, recordedAt: at(1) },
        { lat: 0, lon: 0, speedMps: -1, recordedAt: at(1) },
        { lat: 0, lon: 0, recordedAt: 'yesterday' },
      ]) {
        const response = await ping({ pings: [bad] });
        expect(response.statusCode).toBe(400);
        expect(response.json().code).toBe('validation_failed');
      }
      const future = await ping({ pings: [{ lat: 0, lon: 0, recordedAt: at(-600) }] });
      expect(future.statusCode).toBe(400);
      expect(future.json().errors).toEqual([
        { field: 'body/pings/0/recordedAt', message: expect.any(String) },
      ]);
      expect((await ping({ pings: [] })).statusCode).toBe(400);
      expect(
        (await ping({ pings: [{ lat: 1, lon: 1, recordedAt: at(1) }] }, otherDriver.token)).json().code,
      ).toBe('driver_not_assigned');

      const batch = {
        pings: [
          { lat: 43.651, lon: -79.381, recordedAt: at(30) },
          { lat: 43.652, lon: -79.382, recordedAt: at(20) },
          { lat: 43.652, lon: -79.382, recordedAt: at(20) },
        ],
      };
      expect((await ping(batch)).json()).toEqual({
        stored: 2,
        duplicates: 1,
        positionUpdated: true,
        announced: true,
      });
      expect((await ping(batch)).json()).toEqual({
        stored: 0,
        duplicates: 3,
        positionUpdated: false,
        announced: false,
      });
      const late = await ping({ pings: [{ lat: 43.6505, lon: -79.3805, recordedAt: at(40) }] });
      expect(late.json()).toEqual({ stored: 1, duplicates: 0, positionUpdated: false, announced: false });
      const soon = await ping({ pings: [{ lat: 43.653, lon: -79.383, recordedAt: at(18) }] });
      expect(soon.json()).toEqual({ stored: 1, duplicates: 0, positionUpdated: true, announced: false });
      const later = await ping({ pings: [{ lat: 43.654, lon: -79.384, recordedAt: at(10) }] });
      expect(later.json()).toMatchObject({ positionUpdated: true, announced: true });

      const { rows } = await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM delivery_pings WHERE order_id = $1',
        [orderId],
      );
      expect(rows[0]?.n).toBe(5);
      expect((await timeline(orderId)).filter((e) => e === 'delivery.location_updated')).toHaveLength(2);
      expect((await view(orderId, customer.token)).json().lastPosition).toMatchObject({
        lat: 43.654,
        lon: -79.384,
        recordedAt: at(10),
      });

      await post(orderId, 'failed', driver.token, { reason: 'customer unreachable' });
      const ended = await ping({ pings: [{ lat: 43.7, lon: -79.4, recordedAt: at(1) }] });
      expect(ended.statusCode).toBe(409);
      expect(ended.json().code).toBe('delivery_not_active');
    });

    it("shows the customer the delivery's progress with a 25 mph straight-line ETA", async () => {
      const orderId = await place();
      const restaurant = { lat: 43.65, lon: -79.38 };
      const home = { lat: 43.7, lon: -79.4 };
      const unassigned = (await view(orderId, customer.token)).json();
      expect(unassigned).toMatchObject({
        status: 'unassigned',
        deliveryId: null,
        driver: null,
        lastPosition: null,
        restaurant,
        destination: home,
      });
      expect(unassigned.eta.from).toBe('restaurant');
      expectEta(unassigned.eta, haversine(restaurant, home));

      await post(orderId, 'claim', driver.token);
      for (const status of ['preparing', 'ready']) await move(orderId, status);
      await post(orderId, 'arrived', driver.token);
      await post(orderId, 'picked-up', driver.token);
      const position = { lat: 43.68, lon: -79.39 };
      await post(orderId, 'pings', driver.token, { pings: [{ ...position, recordedAt: at(2) }] });
      const moving = await view(orderId, customer.token);
      expect(moving.statusCode).toBe(200);
      const body = moving.json();
      expect(body).toMatchObject({
        status: 'picked_up',
        orderStatus: 'out_for_delivery',
        lastPosition: position,
      });
      expect(body.eta.from).toBe('driver');
      expectEta(body.eta, haversine(position, home));
      // Staff of the business see the same.
      expect((await view(orderId, kitchen.token)).json().eta).toEqual(body.eta);
    });

    /** Our own haversine, to check the service's arithmetic independently. */
    function haversine(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
      const r = (d: number) => (d * Math.PI) / 180;
      const s =
        Math.sin(r(b.lat - a.lat) / 2) ** 2 +
        Math.cos(r(a.lat)) * Math.cos(r(b.lat)) * Math.sin(r(b.lon - a.lon) / 2) ** 2;
      return 2 * 6_371_000 * Math.asin(Math.sqrt(s));
    }

    function expectEta(
      eta: { distanceMeters: number; seconds: number; arriveAt: string; speedMph: number },
      meters: number,
    ) {
      expect(Math.abs(eta.distanceMeters - meters)).toBeLessThan(meters * 0.001 + 1);
      const mps = 25 * 0.44704;
      expect(Math.abs(eta.seconds - meters / mps)).toBeLessThanOrEqual(2);
      expect(new Date(eta.arriveAt).getTime()).toBe(t.clock.now.getTime() + eta.seconds * 1000);
      expect(eta.speedMph).toBe(25);
    }
  });
}
