import type { TestApp } from './app.js';
import { type RestaurantFixture, seedRestaurant } from './fixtures.js';

export interface TwoTenants {
  a: RestaurantFixture;
  b: RestaurantFixture;
  /** Bearer tokens of an owner of each business. */
  ownerA: string;
  ownerB: string;
}

/** Two businesses, each with a restaurant and an owner: what tenant-isolation tests start from. */
export async function seedTwoTenants(t: TestApp): Promise<TwoTenants> {
  const a = await seedRestaurant(t.db);
  const b = await seedRestaurant(t.db);
  const ownerA = (await t.userToken({ memberships: [{ businessId: a.businessId, role: 'owner' }] })).token;
  const ownerB = (await t.userToken({ memberships: [{ businessId: b.businessId, role: 'owner' }] })).token;
  return { a, b, ownerA, ownerB };
}
