import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';

// PATCH bodies are derived from create bodies (PatchOf): this pins down what that must still refuse.
const [kind] = await databaseKinds();
describe('admin PATCH bodies', () => {
  let t: TestApp;
  let f: RestaurantFixture;
  let owner: { token: string };
  beforeAll(async () => {
    if (!kind) throw new Error('no database');
    t = await startTestApp(kind);
    f = await seedRestaurant(t.db);
    owner = await t.userToken({ memberships: [{ businessId: f.businessId, role: 'owner' }] });
  });
  afterAll(() => t.close());

  const patch = (path: string, body: unknown) =>
    t.request({
      method: 'PATCH',
      url: `/api/v1/businesses/${f.businessId}/${path}`,
      token: owner.token,
      body,
    });

  it('accept a partial change', async () => {
    const response = await patch(`menu/items/${f.items.fries}`, { priceMinor: 550 });
    expect(response.statusCode).toBe(200);
    expect(response.json().priceMinor).toBe(550);
  });

  it.each([
    ['an empty body', `menu/categories/CATEGORY`, {}],
    ['an unknown field', `menu/items/ITEM`, { priceMinor: 100, unitCost: 1 }],
    [
      'a field fixed at creation (menuId)',
      `menu/categories/CATEGORY`,
      { menuId: '00000000-0000-4000-8000-000000000000' },
    ],
    ['a wrongly typed field', `brands/BRAND`, { name: 42 }],
  ])('refuse %s', async (_name, path, body) => {
    const url = path
      .replace('CATEGORY', f.categoryId)
      .replace('ITEM', f.items.fries)
      .replace('BRAND', f.brandId);
    const response = await patch(url, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
  });
});
