import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';

const address = { line1: '1 King St W', city: 'Toronto', region: 'ON', postalCode: 'M5H 1A1', country: 'CA' };
const location = (code: string) => ({
  code,
  name: `Location ${code}`,
  address,
  lat: 43.65,
  lon: -79.38,
  timeZone: 'America/Toronto',
  taxRules: [{ name: 'HST', rateBps: 1300 }],
  serviceTypes: ['takeout', 'delivery'],
  deliveryFeeMinor: 499,
  businessHours: { monday: [{ name: 'lunch', opens: '11:00', closes: '14:00' }] },
  holidays: [{ date: '2025-12-25', name: 'Christmas', closed: true }],
});

for (const kind of await databaseKinds()) {
  describe(`admin catalog API on ${kind.name}`, () => {
    let t: TestApp;
    let adminToken: string;
    let ownerToken: string;
    let businessId: string;
    let otherBusinessId: string;
    let otherOwnerToken: string;

    const api = (
      method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
      url: string,
      body?: unknown,
      token = ownerToken,
    ) =>
      t.request({ method, url: `/api/v1/businesses${url}`, token, ...(body === undefined ? {} : { body }) });
    const events = async (id = businessId) =>
      (
        await t.db.query<{ event_type: string; payload: Record<string, unknown> }>(
          'SELECT event_type, payload FROM outbox WHERE business_id = $1 ORDER BY position',
          [id],
        )
      ).rows;

    beforeAll(async () => {
      t = await startTestApp(kind);
      adminToken = (await t.userToken({ platformRole: 'platform_admin' })).token;
      const owner = await t.userToken({ email: 'owner-a@example.test' });
      const created = await t.request({
        method: 'POST',
        url: '/api/v1/businesses',
        token: adminToken,
        body: {
          name: 'Maple Eats',
          slug: 'maple-eats',
          currency: 'CAD',
          owner: { email: 'OWNER-A@example.test' },
        },
      });
      expect(created.statusCode).toBe(201);
      businessId = created.json().id;
      // The owner membership was written by the API; a fresh token carries it.
      ownerToken = (await t.userToken({ memberships: [{ businessId, role: 'owner' }] })).token;
      expect(
        (await t.db.query('SELECT 1 FROM memberships WHERE user_id = $1', [owner.userId])).rowCount,
      ).toBe(1);
      const other = await t.request({
        method: 'POST',
        url: '/api/v1/businesses',
        token: adminToken,
        body: { name: 'Other', slug: 'other-biz', currency: 'USD' },
      });
      otherBusinessId = other.json().id;
      otherOwnerToken = (await t.userToken({ memberships: [{ businessId: otherBusinessId, role: 'owner' }] }))
        .token;
    });
    afterAll(async () => t?.close());

    it('manages businesses: create, list by membership, get, patch, conflicts, delete', async () => {
      const list = await api('GET', '', undefined, ownerToken);
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((b: { id: string }) => b.id)).toEqual([businessId]);
      const all = await api('GET', '?limit=1', undefined, adminToken);
      expect(all.json().items).toHaveLength(1);
      const next = await api('GET', `?limit=1&cursor=${all.json().nextCursor}`, undefined, adminToken);
      expect(next.json().items[0].id).not.toBe(all.json().items[0].id);

      const patched = await api('PATCH', `/${businessId}`, {
        name: 'Maple Eats Inc',
        loyaltyEarnPointsPerUnit: 2,
      });
      expect(patched.statusCode).toBe(200);
      expect(patched.json()).toMatchObject({
        name: 'Maple Eats Inc',
        loyaltyEarnPointsPerUnit: 2,
        currency: 'CAD',
      });
      expect((await api('PATCH', `/${businessId}`, { slug: 'other-biz' })).json().code).toBe('conflict');
      const dup = await api('POST', '', { name: 'X', slug: 'maple-eats', currency: 'CAD' }, adminToken);
      expect([dup.statusCode, dup.json().code]).toEqual([409, 'conflict']);
      // Only platform admins create businesses.
      expect((await api('POST', '', { name: 'X', slug: 'x', currency: 'CAD' })).statusCode).toBe(403);
      const unknownOwner = await api(
        'POST',
        '',
        { name: 'Y', slug: 'y-biz', currency: 'CAD', owner: { email: 'nobody@example.test' } },
        adminToken,
      );
      expect(unknownOwner.json().errors[0].field).toBe('body/owner/email');
      expect((await api('GET', '', undefined, adminToken)).json().items).toHaveLength(2);

      const doomed = await api('POST', '', { name: 'Doomed', slug: 'doomed', currency: 'EUR' }, adminToken);
      expect((await api('DELETE', `/${doomed.json().id}`, undefined, ownerToken)).statusCode).toBe(403);
      expect((await api('DELETE', `/${doomed.json().id}`, undefined, adminToken)).statusCode).toBe(204);
      expect((await api('GET', `/${doomed.json().id}`, undefined, adminToken)).statusCode).toBe(404);
      expect((await events(doomed.json().id)).map((e) => e.payload.action)).toEqual(['created', 'deleted']);
      expect((await events()).slice(0, 3).map((e) => e.event_type)).toEqual([
        'business.changed',
        'membership.changed',
        'business.changed',
      ]);
    });

    it('manages locations with status events, unique codes and validated fields', async () => {
      const created = await api('POST', `/${businessId}/locations`, location('TOR1'));
      expect(created.statusCode).toBe(201);
      const loc = created.json();
      expect(loc).toMatchObject({ code: 'TOR1', currency: 'CAD', status: 'open', kind: 'restaurant' });
      expect(loc.taxRules).toEqual([{ name: 'HST', rateBps: 1300 }]);

      const dup = await api('POST', `/${businessId}/locations`, location('TOR1'));
      expect([dup.statusCode, dup.json().code]).toEqual([409, 'conflict']);
      const badZone = await api('POST', `/${businessId}/locations`, {
        ...location('X1'),
        timeZone: 'Mars/Olympus',
      });
      expect(badZone.json().errors).toEqual([expect.objectContaining({ field: 'body/timeZone' })]);
      const badFields = await api('POST', `/${businessId}/locations`, {
        ...location('X2'),
        serviceTypes: [],
        taxRules: [{ name: 'GST', rateBps: 10_001 }],
        surprise: true,
      });
      expect(badFields.statusCode).toBe(400);
      expect(badFields.json().code).toBe('validation_failed');
      const fields = badFields.json().errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining(['body/surprise', 'body/serviceTypes', 'body/taxRules/0/rateBps']),
      );

      const paused = await api('PATCH', `/${businessId}/locations/${loc.id}`, { status: 'paused' });
      expect(paused.json().status).toBe('paused');
      const renamed = await api('PATCH', `/${businessId}/locations/${loc.id}`, {
        name: 'Downtown',
        deliveryFeeMinor: 0,
      });
      expect(renamed.json()).toMatchObject({ name: 'Downtown', deliveryFeeMinor: 0, status: 'paused' });
      expect((await api('PATCH', `/${businessId}/locations/${loc.id}`, {})).statusCode).toBe(400);

      const locEvents = (await events()).filter((e) => e.event_type.startsWith('location.'));
      expect(locEvents.map((e) => e.event_type)).toEqual([
        'location.changed',
        'location.status_changed',
        'location.changed',
      ]);
      expect(locEvents[1]?.payload).toEqual({ from: 'open', to: 'paused' });

      // Managers may update but not create or delete; staff may read but not write.
      const manager = await t.userToken({ memberships: [{ businessId, role: 'manager' }] });
      const staff = await t.userToken({ memberships: [{ businessId, role: 'staff', position: 'cashier' }] });
      expect(
        (await api('PATCH', `/${businessId}/locations/${loc.id}`, { name: 'M' }, manager.token)).statusCode,
      ).toBe(200);
      expect((await api('POST', `/${businessId}/locations`, location('M1'), manager.token)).statusCode).toBe(
        403,
      );
      expect(
        (await api('GET', `/${businessId}/locations/${loc.id}`, undefined, staff.token)).statusCode,
      ).toBe(200);
      expect(
        (await api('PATCH', `/${businessId}/locations/${loc.id}`, { name: 'S' }, staff.token)).statusCode,
      ).toBe(403);

      // Another tenant: no access to A's path, and A's location id under B's path is not found.
      expect((await api('GET', `/${businessId}/locations`, undefined, otherOwnerToken)).statusCode).toBe(403);
      const crossed = await api('GET', `/${otherBusinessId}/locations/${loc.id}`, undefined, otherOwnerToken);
      expect([crossed.statusCode, crossed.json().code]).toEqual([404, 'not_found']);
      expect(
        (await api('DELETE', `/${otherBusinessId}/locations/${loc.id}`, undefined, otherOwnerToken))
          .statusCode,
      ).toBe(404);

      // A location (and business) that has taken orders keeps them: 409 in_use, nothing deleted.
      await t.db.query(
        `INSERT INTO orders (id, business_id, location_id, service_type, status, currency, subtotal_minor, discount_minor,
           tax_minor, tip_minor, delivery_fee_minor, total_minor, pricing, payment_method)
         VALUES (gen_random_uuid(), $1, $2, 'takeout', 'placed', 'CAD', 100, 0, 13, 0, 0, 113, '{}', 'cash')`,
        [businessId, loc.id],
      );
      const usedLocation = await api('DELETE', `/${businessId}/locations/${loc.id}`);
      expect([usedLocation.statusCode, usedLocation.json().code]).toEqual([409, 'in_use']);
      const usedBusiness = await api('DELETE', `/${businessId}`, undefined, adminToken);
      expect([usedBusiness.statusCode, usedBusiness.json().code]).toEqual([409, 'in_use']);

      const spare = await api('POST', `/${businessId}/locations`, location('SPARE'));
      expect((await api('DELETE', `/${businessId}/locations/${spare.json().id}`)).statusCode).toBe(204);
      expect((await api('GET', `/${businessId}/locations/${spare.json().id}`)).statusCode).toBe(404);
    });

    it('builds a brand, menu tree, items and modifiers, and protects what is in use', async () => {
      const loc = (await api('GET', `/${businessId}/locations`)).json().items[0];
      const otherLoc = await api('POST', `/${otherBusinessId}/locations`, location('B1'), otherOwnerToken);

      const foreignBrand = await api('POST', `/${businessId}/brands`, {
        name: 'Nope',
        locationIds: [loc.id, otherLoc.json().id],
      });
      expect(foreignBrand.json().errors).toEqual([expect.objectContaining({ field: 'body/locationIds/1' })]);
      const brand = await api('POST', `/${businessId}/brands`, {
        name: 'Burger Lab',
        cuisine: 'burgers',
        startsOn: '2025-01-01',
        endsOn: '2025-12-31',
        locationIds: [loc.id],
      });
      expect(brand.statusCode).toBe(201);
      expect(brand.json()).toMatchObject({
        startsOn: '2025-01-01',
        endsOn: '2025-12-31',
        locationIds: [loc.id],
      });
      const badWindow = await api('PATCH', `/${businessId}/brands/${brand.json().id}`, {
        endsOn: '2024-01-01',
      });
      expect(badWindow.json().errors[0].field).toBe('body/endsOn');
      expect((await api('POST', `/${businessId}/brands`, { name: 'Burger Lab' })).json().code).toBe(
        'conflict',
      );
      const brandId = brand.json().id;

      const menu = await api('POST', `/${businessId}/menus`, { brandId, name: 'All day' });
      expect(menu.statusCode).toBe(201);
      const menuId = menu.json().id;
      const mains = (await api('POST', `/${businessId}/menu/categories`, { menuId, name: 'Mains' })).json();
      const burgers = (
        await api('POST', `/${businessId}/menu/categories`, { menuId, parentId: mains.id, name: 'Burgers' })
      ).json();
      const cycle = await api('PATCH', `/${businessId}/menu/categories/${mains.id}`, {
        parentId: burgers.id,
      });
      expect(cycle.json().errors[0].field).toBe('body/parentId');

      const badGroup = await api('POST', `/${businessId}/menu/modifiers`, {
        name: 'Bad',
        selection: 'single',
        required: true,
        minSelections: 0,
        maxSelections: 2,
        options: [{ name: 'Only' }],
      });
      expect(badGroup.statusCode).toBe(400);
      expect(badGroup.json().errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['body/maxSelections', 'body/minSelections']),
      );
      const emptyGroup = await api('POST', `/${businessId}/menu/modifiers`, {
        name: 'Empty',
        selection: 'multiple',
        options: [],
      });
      expect(emptyGroup.json().errors[0].field).toBe('body/options');
      const group = await api('POST', `/${businessId}/menu/modifiers`, {
        name: 'Doneness',
        selection: 'single',
        required: true,
        options: [{ name: 'Medium' }, { name: 'Well done', priceMinor: 0 }],
      });
      expect(group.statusCode).toBe(201);
      expect(group.json()).toMatchObject({ minSelections: 1, maxSelections: 1 });
      const groupId = group.json().id;
      const [medium] = group.json().options;
      const extras = await api('POST', `/${businessId}/menu/modifiers`, {
        name: 'Extras',
        selection: 'multiple',
        maxSelections: 2,
        options: [
          { name: 'Bacon', priceMinor: 250 },
          { name: 'Cheese', priceMinor: 150 },
        ],
      });
      const renamedGroup = await api('PATCH', `/${businessId}/menu/modifiers/${groupId}`, {
        options: [{ id: medium.id, name: 'Medium rare' }, { name: 'Rare' }],
      });
      expect(renamedGroup.statusCode).toBe(200);
      expect(
        renamedGroup.json().options.map((o: { id: string; name: string }) => [o.id === medium.id, o.name]),
      ).toEqual([
        [true, 'Medium rare'],
        [false, 'Rare'],
      ]);

      const item = await api('POST', `/${businessId}/menu/items`, {
        categoryId: burgers.id,
        name: 'Classic burger',
        priceMinor: 1299,
        costMinor: 400,
        sku: 'BRG-1',
        station: 'grill',
        allergens: ['gluten'],
        modifierGroupIds: [groupId, extras.json().id],
        availabilitySchedule: { monday: [{ from: '11:00', to: '22:00' }] },
      });
      expect(item.statusCode).toBe(201);
      expect(item.json()).toMatchObject({
        menuId,
        currency: 'CAD',
        modifierGroupIds: [groupId, extras.json().id],
      });
      const itemId = item.json().id;
      const dupSku = await api('POST', `/${businessId}/menu/items`, {
        categoryId: burgers.id,
        name: 'Copy',
        priceMinor: 1,
        sku: 'BRG-1',
      });
      expect([dupSku.statusCode, dupSku.json().code]).toEqual([409, 'conflict']);
      const negative = await api('POST', `/${businessId}/menu/items`, {
        categoryId: burgers.id,
        name: 'N',
        priceMinor: -1,
      });
      expect(negative.json().errors[0].field).toBe('body/priceMinor');
      const off = await api('PATCH', `/${businessId}/menu/items/${itemId}`, {
        available: false,
        priceMinor: 1399,
      });
      expect(off.json()).toMatchObject({ available: false, priceMinor: 1399 });
      const search = await api('GET', `/${businessId}/menu/items?menuId=${menuId}&q=classic`);
      expect(search.json().items.map((i: { id: string }) => i.id)).toEqual([itemId]);
      expect((await api('GET', `/${businessId}/menu/items?q=pizza`)).json().items).toEqual([]);
      const inMenu = await api('GET', `/${businessId}/menu/categories?menuId=${menuId}`);
      expect(inMenu.json().items).toHaveLength(2);

      const tree = await api('GET', `/${businessId}/menus/${menuId}`);
      expect(tree.statusCode).toBe(200);
      const [root] = tree.json().categories;
      expect(root.name).toBe('Mains');
      expect(root.categories[0].name).toBe('Burgers');
      expect(root.categories[0].items[0].modifierGroups.map((g: { name: string }) => g.name)).toEqual([
        'Doneness',
        'Extras',
      ]);

      const inUse = await api('DELETE', `/${businessId}/menu/modifiers/${groupId}`);
      expect([inUse.statusCode, inUse.json().code]).toEqual([409, 'in_use']);

      // Tenant isolation: B cannot see A's item, and A's ids under B's path are unknown.
      expect(
        (await api('GET', `/${businessId}/menu/items/${itemId}`, undefined, otherOwnerToken)).statusCode,
      ).toBe(403);
      expect(
        (await api('GET', `/${otherBusinessId}/menu/items/${itemId}`, undefined, otherOwnerToken)).statusCode,
      ).toBe(404);
      const bGroup = await api(
        'POST',
        `/${otherBusinessId}/menu/modifiers`,
        { name: 'B', selection: 'single', options: [{ name: 'x' }] },
        otherOwnerToken,
      );
      const borrowed = await api('PATCH', `/${businessId}/menu/items/${itemId}`, {
        modifierGroupIds: [bGroup.json().id],
      });
      expect(borrowed.json().errors[0].field).toBe('body/modifierGroupIds/0');
      const intoForeignCategory = await api(
        'POST',
        `/${otherBusinessId}/menu/items`,
        { categoryId: burgers.id, name: 'Steal', priceMinor: 1 },
        otherOwnerToken,
      );
      expect(intoForeignCategory.json().errors[0].field).toBe('body/categoryId');
      const customer = await t.userToken();
      expect(
        (await api('POST', `/${businessId}/menus`, { brandId, name: 'x' }, customer.token)).statusCode,
      ).toBe(403);
      const kitchen = await t.userToken({
        memberships: [{ businessId, role: 'staff', position: 'kitchen' }],
      });
      expect(
        (await api('PATCH', `/${businessId}/menu/items/${itemId}`, { available: true }, kitchen.token))
          .statusCode,
      ).toBe(403);

      // Detach, then the group can go; deletes cascade down the menu.
      const detached = await api('PATCH', `/${businessId}/menu/items/${itemId}`, {
        modifierGroupIds: [extras.json().id],
      });
      expect(detached.statusCode).toBe(200);
      expect(detached.json().modifierGroupIds).toEqual([extras.json().id]);
      expect(detached.json().updatedAt >= off.json().updatedAt).toBe(true);
      expect((await api('DELETE', `/${businessId}/menu/modifiers/${groupId}`)).statusCode).toBe(204);
      expect((await api('DELETE', `/${businessId}/menu/items/${itemId}`)).statusCode).toBe(204);
      expect((await api('DELETE', `/${businessId}/menu/categories/${mains.id}`)).statusCode).toBe(204);
      expect((await api('GET', `/${businessId}/menu/categories/${burgers.id}`)).statusCode).toBe(404);
      expect((await api('PATCH', `/${businessId}/menus/${menuId}`, { active: false })).json().active).toBe(
        false,
      );
      expect((await api('DELETE', `/${businessId}/menus/${menuId}`)).statusCode).toBe(204);
      expect(
        (await api('PATCH', `/${businessId}/brands/${brandId}`, { locationIds: [] })).json().locationIds,
      ).toEqual([]);
      expect((await api('DELETE', `/${businessId}/brands/${brandId}`)).statusCode).toBe(204);

      const menuEvents = (await events()).filter((e) => e.event_type === 'menu.changed');
      const summary = menuEvents.map((e) => `${e.payload.entity}:${e.payload.action}`);
      expect(summary).toEqual(
        expect.arrayContaining([
          'menu:created',
          'category:created',
          'modifier_group:created',
          'modifier_group:updated',
          'item:created',
          'item:updated',
          'modifier_group:deleted',
          'item:deleted',
          'category:deleted',
          'menu:updated',
          'menu:deleted',
        ]),
      );
      const toggled = menuEvents.find((e) => e.payload.entity === 'item' && e.payload.action === 'updated');
      expect(toggled?.payload.data).toMatchObject({ price: 1399, available: false, currency: 'CAD' });
      expect(
        (await events()).filter((e) => e.event_type === 'brand.changed').map((e) => e.payload.action),
      ).toEqual(['created', 'updated', 'deleted']);
    });
  });
}
