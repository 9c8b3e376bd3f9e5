import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { placeOrder } from '../../support/orders.js';

interface Table {
  id: string;
  number: string;
  capacity: number;
  status: string;
  currentPartySize: number | null;
  currentOrderId: string | null;
  section: string | null;
  position: { x: number; y: number };
  shape: string;
  statusChangedAt: string;
}

for (const kind of await databaseKinds()) {
  describe(`dining tables API on ${kind.name}`, () => {
    let t: TestApp;
    let f: RestaurantFixture;
    let other: RestaurantFixture;
    let owner: { token: string };
    let manager: { token: string };
    let cashier: { token: string };
    let elsewhereKitchen: { token: string };
    let otherManager: { token: string };
    let customer: { token: string };
    let admin: { token: string };

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await seedRestaurant(t.db);
      other = await seedRestaurant(t.db, { name: 'Elsewhere' });
      owner = await t.userToken({ memberships: [{ businessId: f.businessId, role: 'owner' }] });
      manager = await t.userToken({ memberships: [{ businessId: f.businessId, role: 'manager' }] });
      cashier = await t.userToken({
        memberships: [
          { businessId: f.businessId, role: 'staff', position: 'cashier', locationIds: [f.locationId] },
        ],
      });
      // Staff of the business, but working at another of its locations only.
      elsewhereKitchen = await t.userToken({
        memberships: [
          { businessId: f.businessId, role: 'staff', position: 'kitchen', locationIds: [randomUUID()] },
        ],
      });
      otherManager = await t.userToken({ memberships: [{ businessId: other.businessId, role: 'manager' }] });
      customer = await t.userToken();
      admin = await t.userToken({ platformRole: 'platform_admin' });
    });
    afterAll(() => t.close());

    const base = (locationId = f.locationId) => `/api/v1/locations/${locationId}/tables`;
    const create = async (body: Record<string, unknown>, token = manager.token) => {
      const response = await t.request({ method: 'POST', url: base(), token, body });
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as Table;
    };
    const act = (table: Table, action: string, token: string, body?: unknown) =>
      t.request({
        method: 'POST',
        url: `${base()}/${table.id}/${action}`,
        token,
        ...(body === undefined ? {} : { body }),
      });
    const counts = async () => {
      const { rows } = await t.db.query<{ tables: number; events: number }>(
        `SELECT (SELECT count(*)::int FROM dining_tables WHERE business_id = $1) AS tables,
                (SELECT count(*)::int FROM outbox WHERE business_id = $1) AS events`,
        [f.businessId],
      );
      return rows[0];
    };
    const tableEvents = async (tableId: string) => {
      const { rows } = await t.db.query<{
        event_type: string;
        location_id: string;
        order_id: string | null;
        payload: Record<string, unknown>;
      }>(
        `SELECT event_type, location_id, order_id, payload FROM outbox
         WHERE event_type LIKE 'table.%' AND payload->>'table_id' = $1 ORDER BY position`,
        [tableId],
      );
      return rows;
    };
    let nextNumber = 100;
    const fresh = (capacity = 4) => create({ number: String(nextNumber++), capacity });

    it('creates a table with its floor-plan fields and a table.changed event', async () => {
      const table = await create({
        number: '1',
        capacity: 4,
        section: 'Patio',
        position: { x: 120, y: 80.5 },
        shape: 'round',
      });
      expect(table).toMatchObject({
        number: '1',
        capacity: 4,
        section: 'Patio',
        position: { x: 120, y: 80.5 },
        shape: 'round',
        status: 'available',
        currentPartySize: null,
        currentOrderId: null,
        businessId: f.businessId,
        locationId: f.locationId,
      });
      const events = await tableEvents(table.id);
      expect(events).toEqual([
        {
          event_type: 'table.changed',
          location_id: f.locationId,
          order_id: null,
          payload: {
            table_id: table.id,
            action: 'created',
            data: expect.objectContaining({
              number: '1',
              capacity: 4,
              status: 'available',
              section: 'Patio',
            }),
          },
        },
      ]);
      const defaults = await create({ number: '2', capacity: 2 });
      expect(defaults).toMatchObject({ section: null, position: { x: 0, y: 0 }, shape: 'square' });
    });

    const invalid: { name: string; body: Record<string, unknown>; field?: string }[] = [
      { name: 'capacity 0', body: { number: 'X1', capacity: 0 }, field: 'body/capacity' },
      { name: 'capacity 51', body: { number: 'X1', capacity: 51 }, field: 'body/capacity' },
      { name: 'fractional capacity', body: { number: 'X1', capacity: 2.5 }, field: 'body/capacity' },
      { name: 'capacity as a string', body: { number: 'X1', capacity: '4' }, field: 'body/capacity' },
      { name: 'no number', body: { capacity: 4 }, field: 'body/number' },
      { name: 'empty number', body: { number: '', capacity: 4 }, field: 'body/number' },
      { name: 'number with outer spaces', body: { number: ' 7', capacity: 4 }, field: 'body/number' },
      { name: 'number too long', body: { number: 'x'.repeat(21), capacity: 4 }, field: 'body/number' },
      { name: 'unknown shape', body: { number: 'X1', capacity: 4, shape: 'oval' }, field: 'body/shape' },
      { name: 'negative position', body: { number: 'X1', capacity: 4, position: { x: -1, y: 0 } } },
      { name: 'status set at creation', body: { number: 'X1', capacity: 4, status: 'occupied' } },
    ];
    it.each(invalid)('refuses $name with validation_failed and writes nothing', async ({ body, field }) => {
      const before = await counts();
      const response = await t.request({ method: 'POST', url: base(), token: manager.token, body });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('validation_failed');
      if (field) expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await counts()).toEqual(before);
    });

    it('refuses a duplicate number at the location with conflict (field number), writing nothing', async () => {
      await create({ number: 'D1', capacity: 2 });
      const before = await counts();
      const response = await t.request({
        method: 'POST',
        url: base(),
        token: manager.token,
        body: { number: 'D1', capacity: 6 },
      });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ code: 'conflict', field: 'number' });
      expect(await counts()).toEqual(before);

      // Renaming onto a taken number is refused the same way.
      const second = await create({ number: 'D2', capacity: 2 });
      const rename = await t.request({
        method: 'PATCH',
        url: `${base()}/${second.id}`,
        token: manager.token,
        body: { number: 'D1' },
      });
      expect(rename.json()).toMatchObject({ code: 'conflict', field: 'number' });
    });

    it('allows the same number at another location (numbers are per location)', async () => {
      const response = await t.request({
        method: 'POST',
        url: base(other.locationId),
        token: otherManager.token,
        body: { number: '1', capacity: 2 },
      });
      expect(response.statusCode).toBe(201);
    });

    it('refuses tables at a location without dine-in', async () => {
      const kitchen = await seedRestaurant(t.db, { name: 'Ghost', serviceTypes: ['takeout', 'delivery'] });
      const ghostOwner = await t.userToken({
        memberships: [{ businessId: kitchen.businessId, role: 'owner' }],
      });
      const response = await t.request({
        method: 'POST',
        url: base(kitchen.locationId),
        token: ghostOwner.token,
        body: { number: '1', capacity: 2 },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().code).toBe('service_type_unavailable');
    });

    it('updates floor-plan fields with a table.changed event, and refuses empty or status patches', async () => {
      const table = await create({ number: 'U1', capacity: 4 });
      const response = await t.request({
        method: 'PATCH',
        url: `${base()}/${table.id}`,
        token: owner.token,
        body: { capacity: 6, section: 'Bar', position: { x: 10, y: 20 }, shape: 'rectangle' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        number: 'U1',
        capacity: 6,
        section: 'Bar',
        position: { x: 10, y: 20 },
        shape: 'rectangle',
      });
      const events = await tableEvents(table.id);
      expect(events.map((e) => [e.event_type, e.payload.action])).toEqual([
        ['table.changed', 'created'],
        ['table.changed', 'updated'],
      ]);
      expect(events[1]?.payload.data).toMatchObject({ capacity: 6, section: 'Bar', shape: 'rectangle' });

      for (const body of [{}, { status: 'occupied' }, { capacity: 0 }]) {
        const before = await counts();
        const bad = await t.request({
          method: 'PATCH',
          url: `${base()}/${table.id}`,
          token: owner.token,
          body,
        });
        expect(bad.statusCode, JSON.stringify(body)).toBe(400);
        expect(bad.json().code).toBe('validation_failed');
        expect(await counts()).toEqual(before);
      }
    });

    it('lists tables in floor-plan order, filtered by status', async () => {
      const table = await fresh();
      const list = await t.request({ method: 'GET', url: base(), token: cashier.token });
      expect(list.statusCode).toBe(200);
      const numbers = (list.json().tables as Table[]).map((table) => table.number);
      // Numeric names in numeric order ("2" before "100"): shorter names first, then by name.
      expect(numbers).toContain('100');
      expect(numbers).toEqual(
        [...numbers].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)),
      );
      expect(numbers[0]).toBe('1');

      await act(table, 'seat', cashier.token, { partySize: 2 });
      const occupied = await t.request({
        method: 'GET',
        url: `${base()}?status=occupied`,
        token: cashier.token,
      });
      expect((occupied.json().tables as Table[]).map((row) => row.id)).toEqual([table.id]);
      const bad = await t.request({ method: 'GET', url: `${base()}?status=dirty`, token: cashier.token });
      expect(bad.json().code).toBe('validation_failed');
    });

    it('walks a table through seat, clear and mark-available, with table.status_changed each time', async () => {
      const table = await fresh(4);
      const seated = await act(table, 'seat', cashier.token, { partySize: 3 });
      expect(seated.statusCode).toBe(200);
      expect(seated.json()).toMatchObject({ status: 'occupied', currentPartySize: 3, currentOrderId: null });
      t.clock.now = new Date(t.clock.now.getTime() + 60_000);
      const cleared = await act(table, 'clear', cashier.token);
      expect(cleared.json()).toMatchObject({ status: 'cleaning', currentPartySize: null });
      expect(cleared.json().statusChangedAt).toBe(t.clock.now.toISOString());
      const available = await act(table, 'mark-available', manager.token, {});
      expect(available.json()).toMatchObject({ status: 'available' });

      const events = (await tableEvents(table.id)).filter((e) => e.event_type === 'table.status_changed');
      expect(events.map((e) => [e.payload.from, e.payload.to, e.payload.party_size])).toEqual([
        ['available', 'occupied', 3],
        ['occupied', 'cleaning', null],
        ['cleaning', 'available', null],
      ]);
      expect(events[0]).toMatchObject({
        location_id: f.locationId,
        order_id: null,
        payload: { table_id: table.id, number: table.number, order_id: null },
      });
      expect(events[1]?.payload.at).toBe(t.clock.now.toISOString());
    });

    it('reserves, seats the reservation, and takes a table out of service and back', async () => {
      const table = await fresh(6);
      expect((await act(table, 'reserve', manager.token, { partySize: 5 })).json()).toMatchObject({
        status: 'reserved',
        currentPartySize: 5,
      });
      expect((await act(table, 'seat', cashier.token, { partySize: 6 })).json()).toMatchObject({
        status: 'occupied',
        currentPartySize: 6,
      });
      const spare = await fresh(2);
      expect((await act(spare, 'reserve', manager.token)).json().status).toBe('reserved');
      expect((await act(spare, 'mark-available', manager.token)).json().status).toBe('available');
      expect((await act(spare, 'maintenance', owner.token)).json().status).toBe('maintenance');
      expect((await act(spare, 'mark-available', owner.token)).json().status).toBe('available');
    });

    it('seats a party for an order of the location, and refuses an order of another', async () => {
      const order = await placeDineIn(t, f);
      const table = await fresh(4);
      const seated = await act(table, 'seat', cashier.token, { partySize: 2, orderId: order });
      expect(seated.json()).toMatchObject({ status: 'occupied', currentOrderId: order });
      const [event] = (await tableEvents(table.id)).filter((e) => e.event_type === 'table.status_changed');
      expect(event?.payload.order_id).toBe(order);

      const foreign = await fresh(4);
      const before = await counts();
      const response = await act(foreign, 'seat', cashier.token, { partySize: 2, orderId: randomUUID() });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'validation_failed',
        errors: [{ field: 'body/orderId', message: 'is not an order of this location' }],
      });
      expect(await counts()).toEqual(before);
    });

    it('refuses a party over capacity with party_exceeds_capacity, writing nothing', async () => {
      const table = await fresh(4);
      const before = await counts();
      const response = await act(table, 'seat', cashier.token, { partySize: 5 });
      expect(response.statusCode).toBe(422);
      expect(response.json().code).toBe('party_exceeds_capacity');
      for (const partySize of [0, 51, 2.5]) {
        const bad = await act(table, 'seat', cashier.token, { partySize });
        expect(bad.json().code).toBe('validation_failed');
      }
      expect((await act(table, 'seat', cashier.token, {})).json().code).toBe('validation_failed');
      expect(await counts()).toEqual(before);
      expect(
        (await t.request({ method: 'GET', url: `${base()}/${table.id}`, token: cashier.token })).json()
          .status,
      ).toBe('available');
    });

    it('refuses a capacity below the seated party', async () => {
      const table = await fresh(4);
      await act(table, 'seat', cashier.token, { partySize: 4 });
      const response = await t.request({
        method: 'PATCH',
        url: `${base()}/${table.id}`,
        token: manager.token,
        body: { capacity: 3 },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().code).toBe('party_exceeds_capacity');
    });

    it('refuses illegal moves with table_transition_not_allowed naming the status and the move', async () => {
      const table = await fresh(4);
      const cases: [string, unknown][] = [
        ['clear', undefined],
        ['mark-available', {}],
      ];
      for (const [action, body] of cases) {
        const before = await counts();
        const response = await act(table, action, manager.token, body);
        expect(response.statusCode, action).toBe(409);
        expect(response.json()).toMatchObject({ code: 'table_transition_not_allowed', from: 'available' });
        expect(await counts()).toEqual(before);
      }
      await act(table, 'seat', cashier.token, { partySize: 2 });
      for (const action of ['seat', 'reserve', 'maintenance', 'mark-available']) {
        const response = await act(table, action, manager.token, action === 'seat' ? { partySize: 1 } : {});
        expect(response.json(), action).toMatchObject({
          code: 'table_transition_not_allowed',
          from: 'occupied',
          move: action.replace('-', '_'),
        });
      }
      await act(table, 'clear', cashier.token);
      const dirty = await act(table, 'seat', cashier.token, { partySize: 1 });
      expect(dirty.json()).toMatchObject({
        code: 'table_transition_not_allowed',
        from: 'cleaning',
        move: 'seat',
      });
    });

    it('refuses unknown fields in action bodies', async () => {
      const table = await fresh(4);
      expect((await act(table, 'seat', cashier.token, { partySize: 2, vip: true })).json().code).toBe(
        'validation_failed',
      );
      expect((await act(table, 'maintenance', manager.token, { reason: 'x' })).json().code).toBe(
        'validation_failed',
      );
    });

    it('lets exactly one of two hosts seat the same table at once', async () => {
      for (let round = 0; round < 5; round++) {
        const table = await fresh(4);
        const results = await Promise.all([
          act(table, 'seat', cashier.token, { partySize: 2 }),
          act(table, 'seat', manager.token, { partySize: 3 }),
        ]);
        const statuses = results.map((r) => r.statusCode).sort();
        expect(statuses).toEqual([200, 409]);
        const loser = results.find((r) => r.statusCode === 409);
        expect(loser?.json()).toMatchObject({ code: 'table_transition_not_allowed', from: 'occupied' });
        const winner = results.find((r) => r.statusCode === 200)?.json() as Table;
        const seats = (await tableEvents(table.id)).filter((e) => e.event_type === 'table.status_changed');
        expect(seats).toHaveLength(1);
        expect(seats[0]?.payload.party_size).toBe(winner.currentPartySize);
      }
    });

    it('deletes a table (not while occupied) with a table.changed deleted event', async () => {
      const table = await fresh(4);
      await act(table, 'seat', cashier.token, { partySize: 2 });
      const before = await counts();
      const refused = await t.request({
        method: 'DELETE',
        url: `${base()}/${table.id}`,
        token: manager.token,
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('table_occupied');
      expect(await counts()).toEqual(before);

      await act(table, 'clear', cashier.token);
      const deleted = await t.request({
        method: 'DELETE',
        url: `${base()}/${table.id}`,
        token: manager.token,
      });
      expect(deleted.statusCode).toBe(204);
      const events = await tableEvents(table.id);
      expect(events.at(-1)).toMatchObject({
        event_type: 'table.changed',
        payload: { table_id: table.id, action: 'deleted', data: null },
      });
      const gone = await t.request({ method: 'GET', url: `${base()}/${table.id}`, token: manager.token });
      expect(gone.statusCode).toBe(404);
    });

    it('lets floor staff read, seat and clear, but not shape the floor plan or reserve', async () => {
      const table = await fresh(4);
      expect((await t.request({ method: 'GET', url: base(), token: cashier.token })).statusCode).toBe(200);
      const forbidden = [
        () =>
          t.request({
            method: 'POST',
            url: base(),
            token: cashier.token,
            body: { number: 'C1', capacity: 2 },
          }),
        () =>
          t.request({
            method: 'PATCH',
            url: `${base()}/${table.id}`,
            token: cashier.token,
            body: { capacity: 2 },
          }),
        () => t.request({ method: 'DELETE', url: `${base()}/${table.id}`, token: cashier.token }),
        () => act(table, 'reserve', cashier.token, {}),
        () => act(table, 'maintenance', cashier.token, {}),
        () => act(table, 'mark-available', cashier.token, {}),
      ];
      for (const call of forbidden) {
        const response = await call();
        expect(response.statusCode).toBe(403);
        expect(response.json().code).toBe('forbidden');
      }
      // Staff of another location, customers and anonymous callers see nothing.
      for (const token of [elsewhereKitchen.token, customer.token]) {
        expect((await t.request({ method: 'GET', url: base(), token })).json().code).toBe('forbidden');
        expect((await act(table, 'seat', token, { partySize: 1 })).json().code).toBe('forbidden');
      }
      expect((await t.request({ method: 'GET', url: base() })).json().code).toBe('unauthenticated');
      // Platform admins may do everything.
      expect((await act(table, 'maintenance', admin.token, {})).json().status).toBe('maintenance');
      expect(await tableStatus(t, table.id)).toBe('maintenance');
    });

    it("keeps tenants apart: another business's manager cannot see or touch these tables", async () => {
      const table = await fresh(4);
      // Through their own location, our table id does not exist.
      const viaOwn = `${base(other.locationId)}/${table.id}`;
      const attempts = [
        () => t.request({ method: 'GET', url: viaOwn, token: otherManager.token }),
        () => t.request({ method: 'PATCH', url: viaOwn, token: otherManager.token, body: { capacity: 2 } }),
        () => t.request({ method: 'DELETE', url: viaOwn, token: otherManager.token }),
        () =>
          t.request({
            method: 'POST',
            url: `${viaOwn}/seat`,
            token: otherManager.token,
            body: { partySize: 1 },
          }),
        () =>
          t.request({ method: 'POST', url: `${viaOwn}/maintenance`, token: otherManager.token, body: {} }),
      ];
      for (const attempt of attempts) {
        const response = await attempt();
        expect(response.statusCode).toBe(404);
        expect(response.json().code).toBe('not_found');
      }
      // Their own location's list does not include it.
      const list = await t.request({ method: 'GET', url: base(other.locationId), token: otherManager.token });
      expect((list.json().tables as Table[]).map((row) => row.id)).not.toContain(table.id);
      // Our location's paths refuse them outright (location ids are public: a plain 403, as everywhere).
      const direct = await t.request({
        method: 'GET',
        url: `${base()}/${table.id}`,
        token: otherManager.token,
      });
      expect(direct.statusCode).toBe(403);
      // An unknown location is a 404.
      const unknown = await t.request({ method: 'GET', url: base(randomUUID()), token: otherManager.token });
      expect(unknown.json().code).toBe('not_found');
      expect(await tableStatus(t, table.id)).toBe('available');
    });
  });
}

async function tableStatus(t: TestApp, tableId: string): Promise<string | undefined> {
  const { rows } = await t.db.query<{ status: string }>('SELECT status FROM dining_tables WHERE id = $1', [
    tableId,
  ]);
  return rows[0]?.status;
}

/** A dine-in order placed by a customer through the API; returns its id. */
async function placeDineIn(t: TestApp, f: RestaurantFixture, tableNumber?: string): Promise<string> {
  const customer = await t.userToken();
  const order = await placeOrder(t, {
    locationId: f.locationId,
    token: customer.token,
    serviceType: 'dine_in',
    ...(tableNumber ? { tableNumber } : {}),
    items: [{ itemId: f.items.fries, quantity: 1 }],
  });
  return order.id;
}
