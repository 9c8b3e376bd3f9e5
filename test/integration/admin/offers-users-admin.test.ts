import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';

for (const kind of await databaseKinds()) {
  describe(`admin offers and users API on ${kind.name}`, () => {
    let t: TestApp;
    let owner: { userId: string; token: string };
    let businessId: string;
    let locationId: string;
    let itemId: string;

    const api = (
      method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
      url: string,
      body?: unknown,
      token = owner.token,
    ) =>
      t.request({
        method,
        url: `/api/v1/businesses/${businessId}${url}`,
        token,
        ...(body === undefined ? {} : { body }),
      });
    const eventTypes = async () =>
      (
        await t.db.query<{ event_type: string }>(
          'SELECT event_type FROM outbox WHERE business_id = $1 ORDER BY position',
          [businessId],
        )
      ).rows.map((row) => row.event_type);

    beforeAll(async () => {
      t = await startTestApp(kind);
      const admin = await t.userToken({ platformRole: 'platform_admin' });
      const created = await t.request({
        method: 'POST',
        url: '/api/v1/businesses',
        token: admin.token,
        body: { name: 'Offers Co', slug: 'offers-co', currency: 'CAD' },
      });
      businessId = created.json().id;
      owner = await t.userToken({ memberships: [{ businessId, role: 'owner' }] });
      const location = await api('POST', '/locations', {
        code: 'L1',
        name: 'One',
        address: { line1: '1 Main', city: 'Ottawa', region: 'ON', postalCode: 'K1A', country: 'CA' },
        lat: 45.4,
        lon: -75.7,
        timeZone: 'America/Toronto',
        serviceTypes: ['takeout'],
      });
      locationId = location.json().id;
      const brand = await api('POST', '/brands', { name: 'B', locationIds: [locationId] });
      const menu = await api('POST', '/menus', { brandId: brand.json().id, name: 'M' });
      const category = await api('POST', '/menu/categories', { menuId: menu.json().id, name: 'C' });
      const item = await api('POST', '/menu/items', {
        categoryId: category.json().id,
        name: 'Fries',
        priceMinor: 499,
      });
      itemId = item.json().id;
    });
    afterAll(async () => t?.close());

    it('manages offers with kind-specific terms and case-insensitive codes', async () => {
      const percent = await api('POST', '/offers', {
        name: 'Ten off',
        code: 'SAVE10',
        kind: 'percent',
        percentBps: 1000,
        minSubtotalMinor: 2000,
        locationIds: [locationId],
        startsAt: '2025-01-01T00:00:00Z',
        endsAt: '2025-02-01T00:00:00Z',
      });
      expect(percent.statusCode).toBe(201);
      expect(percent.json()).toMatchObject({
        currency: 'CAD',
        percentBps: 1000,
        amountMinor: null,
        active: true,
      });
      const offerId = percent.json().id;

      const dup = await api('POST', '/offers', {
        name: 'Dup',
        code: 'save10',
        kind: 'fixed',
        amountMinor: 100,
      });
      expect([dup.statusCode, dup.json().code]).toEqual([409, 'conflict']);
      const mixed = await api('POST', '/offers', {
        name: 'Mixed',
        kind: 'percent',
        percentBps: 500,
        amountMinor: 100,
      });
      expect(mixed.json().errors).toEqual([expect.objectContaining({ field: 'body/amountMinor' })]);
      const missing = await api('POST', '/offers', { name: 'Bxgy', kind: 'buy_x_get_y', buyQuantity: 2 });
      expect(missing.json().errors).toEqual([expect.objectContaining({ field: 'body/getQuantity' })]);
      const window = await api('POST', '/offers', {
        name: 'Backwards',
        kind: 'fixed',
        amountMinor: 100,
        startsAt: '2025-02-01T00:00:00Z',
        endsAt: '2025-01-01T00:00:00Z',
      });
      expect(window.json().errors[0].field).toBe('body/endsAt');
      const unknownItem = await api('POST', '/offers', {
        name: 'Ghost',
        kind: 'buy_x_get_y',
        buyQuantity: 2,
        getQuantity: 1,
        itemIds: [itemId, '00000000-0000-4000-8000-000000000000'],
      });
      expect(unknownItem.json().errors[0].field).toBe('body/itemIds/1');

      // Changing the kind drops the old terms; the new kind's terms are required.
      const toFixed = await api('PATCH', `/offers/${offerId}`, { kind: 'fixed', amountMinor: 500 });
      expect(toFixed.json()).toMatchObject({ kind: 'fixed', amountMinor: 500, percentBps: null });
      const incomplete = await api('PATCH', `/offers/${offerId}`, { kind: 'buy_x_get_y' });
      expect(incomplete.statusCode).toBe(400);
      expect((await api('PATCH', `/offers/${offerId}`, { active: false })).json().active).toBe(false);

      const staff = await t.userToken({ memberships: [{ businessId, role: 'staff', position: 'cashier' }] });
      expect((await api('GET', '/offers', undefined, staff.token)).statusCode).toBe(403);
      expect((await api('DELETE', `/offers/${offerId}`, undefined, staff.token)).statusCode).toBe(403);
      expect((await api('DELETE', `/offers/${offerId}`)).statusCode).toBe(204);
      expect((await api('GET', `/offers/${offerId}`)).statusCode).toBe(404);
      const offerEvents = await t.db.query<{ action: string }>(
        `SELECT payload->>'action' AS action FROM outbox
         WHERE business_id = $1 AND event_type = 'menu.changed' AND payload->>'entity' = 'offer' ORDER BY position`,
        [businessId],
      );
      expect(offerEvents.rows.map((row) => row.action)).toEqual(['created', 'updated', 'updated', 'deleted']);
    });

    it('manages memberships: creates users, enforces who may grant what, never leaks hashes', async () => {
      const noPosition = await api('POST', '/users', {
        email: 'cook@example.test',
        password: 'long-enough',
        role: 'staff',
      });
      expect(noPosition.json().errors[0].field).toBe('body/position');
      const cook = await api('POST', '/users', {
        email: 'cook@example.test',
        name: 'Cook',
        password: 'long-enough',
        role: 'staff',
        position: 'kitchen',
        locationIds: [locationId],
      });
      expect(cook.statusCode).toBe(201);
      expect(cook.json()).toMatchObject({
        role: 'staff',
        position: 'kitchen',
        locationIds: [locationId],
        name: 'Cook',
      });
      expect(JSON.stringify(cook.json())).not.toContain('scrypt');
      const login = await t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        body: { email: 'cook@example.test', password: 'long-enough' },
      });
      expect(login.statusCode).toBe(200);
      const again = await api('POST', '/users', { email: 'COOK@example.test', role: 'manager' });
      expect([again.statusCode, again.json().code]).toEqual([409, 'conflict']);

      // An existing account is linked, not recreated.
      const existing = await t.userToken({ email: 'manager@example.test' });
      const manager = await api('POST', '/users', { email: 'manager@example.test', role: 'manager' });
      expect(manager.json()).toMatchObject({ userId: existing.userId, role: 'manager', position: null });
      const managerToken = (await t.userToken({ memberships: [{ businessId, role: 'manager' }] })).token;

      // Managers manage staff only.
      const grantOwner = await api(
        'POST',
        '/users',
        { email: 'new-owner@example.test', password: 'long-enough', role: 'owner' },
        managerToken,
      );
      expect([grantOwner.statusCode, grantOwner.json().code]).toEqual([403, 'forbidden']);
      expect(
        (await api('PATCH', `/users/${cook.json().userId}`, { role: 'owner' }, managerToken)).statusCode,
      ).toBe(403);
      expect((await api('DELETE', `/users/${existing.userId}`, undefined, managerToken)).statusCode).toBe(
        403,
      );
      const driver = await api('PATCH', `/users/${cook.json().userId}`, { position: 'driver' }, managerToken);
      expect(driver.json().position).toBe('driver');
      const promoted = await api('PATCH', `/users/${cook.json().userId}`, { role: 'manager' });
      expect(promoted.json()).toMatchObject({ role: 'manager', position: null });

      const staffToken = (
        await t.userToken({ memberships: [{ businessId, role: 'staff', position: 'cashier' }] })
      ).token;
      expect((await api('GET', '/users', undefined, staffToken)).statusCode).toBe(403);
      const customer = await t.userToken();
      expect(
        (await api('POST', '/users', { email: 'x@example.test', role: 'staff' }, customer.token)).statusCode,
      ).toBe(403);
      expect(
        (await api('POST', '/users', { email: 'x@example.test', role: 'staff', extra: 1 })).json().errors,
      ).toEqual([expect.objectContaining({ field: 'body/extra' })]);

      const list = await api('GET', '/users?limit=200');
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((m: { email: string }) => m.email)).toEqual(
        expect.arrayContaining(['cook@example.test', 'manager@example.test']),
      );
      expect(JSON.stringify(list.json())).not.toMatch(/password|scrypt/i);

      // The last owner cannot leave; removing a member keeps the account.
      const selfRemoval = await api('DELETE', `/users/${owner.userId}`);
      expect([selfRemoval.statusCode, selfRemoval.json().code]).toEqual([409, 'conflict']);
      expect((await api('DELETE', `/users/${cook.json().userId}`)).statusCode).toBe(204);
      expect((await api('GET', `/users/${cook.json().userId}`)).statusCode).toBe(404);
      expect((await t.db.query('SELECT 1 FROM users WHERE id = $1', [cook.json().userId])).rowCount).toBe(1);
      // cook added, manager linked, cook moved to driver, cook promoted, cook removed
      expect((await eventTypes()).filter((type) => type === 'membership.changed')).toHaveLength(5);
    });

    it('invites a new member added without a password to choose their own, by an emailed link', async () => {
      const added = await api('POST', '/users', {
        email: 'Driver.New@example.test',
        name: 'Dana',
        role: 'staff',
        position: 'driver',
      });
      expect(added.statusCode).toBe(201);
      expect(added.json()).toMatchObject({ name: 'Dana', role: 'staff', position: 'driver' });
      const mails = t.mail.sent.filter((mail) => mail.recipient === 'Driver.New@example.test');
      expect(mails).toHaveLength(1);
      expect(mails[0]?.subject).toMatch(/invited you to Brigade$/);
      expect(mails[0]?.body).toContain('(driver staff)');
      expect(mails[0]?.data).toEqual({ kind: 'invitation' });
      const token = /reset-password#token=(\S+)/.exec(mails[0]?.body ?? '')?.[1] ?? '';
      expect(token).not.toBe('');
      // Nothing signs in before the invitee chooses a password, not even an empty or guessed one.
      const login = (password: string) =>
        t.request({
          method: 'POST',
          url: '/api/v1/auth/login',
          body: { email: 'driver.new@example.test', password },
        });
      expect((await login('invited')).statusCode).toBe(401);
      const { rows } = await t.db.query<{ expires_in_days: number }>(
        `SELECT round(extract(epoch FROM expires_at - now()) / 86400)::int AS expires_in_days
           FROM password_resets r JOIN users u ON u.id = r.user_id WHERE lower(u.email) = 'driver.new@example.test'`,
      );
      expect(rows.map((row) => row.expires_in_days)).toEqual([7]);
      const chosen = await t.request({
        method: 'POST',
        url: '/api/v1/auth/password-reset/confirm',
        body: { token, newPassword: 'my own password' },
      });
      expect(chosen.statusCode).toBe(200);
      expect(chosen.json().user.memberships).toEqual([
        expect.objectContaining({ businessId, role: 'staff', position: 'driver' }),
      ]);
      expect((await login('my own password')).statusCode).toBe(200);

      // An invitation that fails (an unknown location) creates no account and mails nothing.
      const before = t.mail.sent.length;
      const refused = await api('POST', '/users', {
        email: 'never@example.test',
        role: 'staff',
        position: 'kitchen',
        locationIds: ['00000000-0000-4000-8000-000000000000'],
      });
      expect(refused.json().code).toBe('validation_failed');
      expect(t.mail.sent.length).toBe(before);
      const { rows: none } = await t.db.query(`SELECT 1 FROM users WHERE email = 'never@example.test'`);
      expect(none).toEqual([]);
    });

    it('keeps one owner when two owners demote each other at the same time', async () => {
      const admin = await t.userToken({ platformRole: 'platform_admin' });
      const business = await t.request({
        method: 'POST',
        url: '/api/v1/businesses',
        token: admin.token,
        body: { name: 'Two Owners', slug: 'two-owners', currency: 'CAD' },
      });
      const id = business.json().id;
      const [a, b] = await Promise.all([
        t.userToken({ memberships: [{ businessId: id, role: 'owner' }] }),
        t.userToken({ memberships: [{ businessId: id, role: 'owner' }] }),
      ]);
      if (!a || !b) throw new Error('no owners');
      const demote = (actor: { token: string }, target: { userId: string }) =>
        t.request({
          method: 'PATCH',
          url: `/api/v1/businesses/${id}/users/${target.userId}`,
          token: actor.token,
          body: { role: 'manager' },
        });
      const results = await Promise.all([demote(a, b), demote(b, a)]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const owners = await t.db.query(`SELECT 1 FROM memberships WHERE business_id = $1 AND role = 'owner'`, [
        id,
      ]);
      expect(owners.rowCount).toBe(1);
    });

    it('rejects an option id listed twice when replacing the options of a modifier group', async () => {
      const group = await api('POST', '/menu/modifiers', {
        name: 'Sauce',
        selection: 'multiple',
        options: [{ name: 'Ketchup' }, { name: 'Mayo' }],
      });
      const [ketchup] = group.json().options;
      const twice = await api('PATCH', `/menu/modifiers/${group.json().id}`, {
        options: [
          { id: ketchup.id, name: 'Ketchup' },
          { id: ketchup.id, name: 'Also ketchup' },
        ],
      });
      expect([twice.statusCode, twice.json().code]).toEqual([400, 'validation_failed']);
      expect(twice.json().errors).toEqual([{ field: 'body/options/1/id', message: 'is listed twice' }]);
      const reordered = await api('PATCH', `/menu/modifiers/${group.json().id}`, {
        options: [{ name: 'Mustard' }, { id: ketchup.id, name: 'Ketchup', priceMinor: 25 }],
      });
      expect(
        reordered
          .json()
          .options.map((o: { name: string; priceMinor: number; displayOrder: number }) => [
            o.name,
            o.priceMinor,
            o.displayOrder,
          ]),
      ).toEqual([
        ['Mustard', 0, 0],
        ['Ketchup', 25, 1],
      ]);
    });
  });
}
